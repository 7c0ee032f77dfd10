//! Provinces for the local-acquiring rules (`assets/regions.toml`): the province an address
//! names, the province a credit code was registered in, and a rough rectangle around each
//! province for the install coordinates.

use serde::Deserialize;

use super::validate::GeoPoint;

/// The shipped province table.
pub const REGIONS_TOML: &str = include_str!("../../assets/regions.toml");

/// One province (or municipality, autonomous region).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// First two digits of the GB/T 2260 code.
    pub code: String,
    /// Chinese name.
    #[serde(rename = "zh-CN")]
    pub zh: String,
    /// English name.
    pub en: String,
    /// How an address may name it.
    names: Vec<String>,
    /// Cities an address may start with instead.
    cities: Vec<String>,
    /// [south, north, west, east], degrees, generous.
    #[serde(rename = "box")]
    bbox: [f64; 4],
}

impl Province {
    /// Whether `p` may lie in the province (outside the generous rectangle it surely does not).
    pub fn may_contain(&self, p: GeoPoint) -> bool {
        let [s, n, w, e] = self.bbox;
        (s..=n).contains(&p.lat) && (w..=e).contains(&p.lon)
    }

    /// The name in `lang`.
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::ZhCn => &self.zh,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

#[derive(Deserialize)]
struct RegionsFile {
    provinces: Vec<Province>,
}

/// Every province.
pub fn provinces() -> &'static [Province] {
    static TABLE: std::sync::OnceLock<Vec<Province>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<RegionsFile>(REGIONS_TOML)
            .map(|f| f.provinces)
            .unwrap_or_default()
    })
}

/// A province by its two-digit code.
pub fn province(code: &str) -> Option<&'static Province> {
    provinces().iter().find(|p| p.code == code.trim())
}

/// The province an address names: the province or city named earliest in it (`广东省深圳市…`,
/// `深圳市南山区…`), `None` when it names none the table knows.
pub fn province_of_address(address: &str) -> Option<&'static Province> {
    provinces()
        .iter()
        .flat_map(|p| p.names.iter().chain(&p.cities).map(move |n| (p, n)))
        .filter_map(|(p, n)| address.find(n.as_str()).map(|at| (at, p)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, p)| p)
}

/// The province a unified social credit code was registered in (characters 3–4, GB/T 2260).
pub fn province_of_credit_code(code: &str) -> Option<&'static Province> {
    let c = code.trim();
    (c.len() == 18 && c.is_ascii())
        .then(|| province(&c[2..4]))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_mainland_province_once() {
        assert_eq!(provinces().len(), 31);
        assert_eq!(province("44").unwrap().zh, "广东");
        assert!(
            province("81").is_none(),
            "Hong Kong is not a mainland province"
        );
    }

    #[test]
    fn an_address_names_its_province_or_a_city_in_it() {
        let code = |a: &str| province_of_address(a).map(|p| p.code.as_str());
        assert_eq!(code("深圳市南山区科技园 1 号"), Some("44"));
        assert_eq!(code("广东省广州市天河区"), Some("44"));
        assert_eq!(code("上海市浦东新区"), Some("31"));
        // 天津市河北区 is in Tianjin: the earliest name counts.
        assert_eq!(code("天津市河北区"), Some("12"));
        assert_eq!(code("科技园 1 号"), None);
    }

    #[test]
    fn coordinates_outside_a_province_are_found() {
        let shenzhen = GeoPoint {
            lat: 22.5431,
            lon: 113.9360,
        };
        assert!(province("44").unwrap().may_contain(shenzhen));
        assert!(!province("31").unwrap().may_contain(shenzhen));
        assert_eq!(
            province_of_credit_code("91440300708461136T").map(|p| p.code.as_str()),
            Some("44")
        );
    }
}

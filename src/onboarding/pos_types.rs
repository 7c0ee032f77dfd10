//! POS terminal types and business scenarios (`assets/pos_types.toml`).

use serde::Deserialize;

use super::text::Text;

/// The shipped data, embedded in the binary.
pub const POS_TYPES_TOML: &str = include_str!("../../assets/pos_types.toml");

/// One kind of terminal with its trade-offs.
#[derive(Debug, Clone, Deserialize)]
pub struct PosType {
    /// Stable id stored in cases (`countertop`, `esign`, …).
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Hardware and communication summary.
    pub hardware: Text,
    /// Advantages.
    pub pros: Vec<Text>,
    /// Drawbacks.
    pub cons: Vec<Text>,
}

/// A business scenario and the terminal types recommended for it, best first.
#[derive(Debug, Clone, Deserialize)]
pub struct Scenario {
    /// Stable id stored in cases.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Ids of recommended [`PosType`]s.
    pub recommended: Vec<String>,
}

/// The whole POS type table.
#[derive(Debug, Clone, Deserialize)]
pub struct PosCatalog {
    /// File format version.
    pub schema: u32,
    /// All types.
    pub types: Vec<PosType>,
    /// All scenarios.
    pub scenarios: Vec<Scenario>,
}

impl PosCatalog {
    /// Parses a catalog and checks that every recommendation names a known type.
    pub fn parse(text: &str) -> Result<PosCatalog, String> {
        let catalog: PosCatalog = toml::from_str(text).map_err(|e| e.to_string())?;
        for s in &catalog.scenarios {
            for r in &s.recommended {
                if catalog.pos_type(r).is_none() {
                    return Err(format!("scenario {} recommends unknown type {r}", s.id));
                }
            }
        }
        Ok(catalog)
    }

    /// The catalog shipped with posbind.
    pub fn shipped() -> &'static PosCatalog {
        static CATALOG: std::sync::OnceLock<PosCatalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| {
            PosCatalog::parse(POS_TYPES_TOML).unwrap_or(PosCatalog {
                schema: 1,
                types: vec![],
                scenarios: vec![],
            })
        })
    }

    /// A type by id.
    pub fn pos_type(&self, id: &str) -> Option<&PosType> {
        self.types.iter().find(|t| t.id == id)
    }

    /// A scenario by id.
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The recommended types of a scenario, best first.
    pub fn recommended(&self, scenario: &Scenario) -> Vec<&PosType> {
        scenario
            .recommended
            .iter()
            .filter_map(|id| self.pos_type(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_parses_and_covers_every_type_of_the_domain_notes() {
        let c = PosCatalog::parse(POS_TYPES_TOML).expect("shipped catalog");
        for id in ["countertop", "wireless", "smart", "esign", "mpos", "qr"] {
            let t = c.pos_type(id).expect(id);
            assert!(!t.pros.is_empty() && !t.cons.is_empty(), "{id}");
            assert!(!t.name.zh.is_empty() && !t.name.en.is_empty());
        }
        assert!(c.scenarios.len() >= 4);
    }

    #[test]
    fn micro_merchants_get_esign_first() {
        let c = PosCatalog::shipped();
        let s = c.scenario("micro").unwrap();
        assert_eq!(c.recommended(s)[0].id, "esign");
    }

    #[test]
    fn qr_codes_point_individuals_to_the_personal_business_code() {
        let qr = PosCatalog::shipped().pos_type("qr").unwrap();
        assert!(qr.cons.iter().any(|c| c.zh.contains("个人经营收款码")
            && c.en.contains("personal business collection code")));
        assert!(!qr.cons.iter().any(|c| c.zh.contains("不得用于经营")));
    }

    #[test]
    fn unknown_recommendation_is_rejected() {
        let bad = POS_TYPES_TOML.replace(
            "recommended = [\"qr\", \"esign\"]",
            "recommended = [\"fax\"]",
        );
        assert!(PosCatalog::parse(&bad).unwrap_err().contains("fax"));
    }
}

//! The payment institution catalog and the MCC table (data in `assets/`, replaceable by the
//! user), with the warnings the Institution step shows.

use serde::{Deserialize, Serialize};

use super::text::Text;
use super::validate::{self, Verdict};
use crate::i18n::Lang;

/// The shipped (sample) catalog.
pub const CATALOG_TOML: &str = include_str!("../../assets/catalog.toml");
/// The shipped MCC table.
pub const MCC_TOML: &str = include_str!("../../assets/mcc.toml");

/// Issuer + network caps on debit cards, percent (0.35 + 0.065).
pub const DEBIT_REGULATED_PART: f64 = 0.415;
/// Issuer + network caps on credit cards, percent (0.45 + 0.065).
pub const CREDIT_REGULATED_PART: f64 = 0.515;

/// A fee of an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// What it is.
    pub name: Text,
    /// How much, in yuan.
    pub yuan: f64,
}

/// One institution's offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// 支付业务许可证 number ("" when the supplier gives none).
    pub licence: String,
    /// Debit card rate, percent.
    pub debit_rate: f64,
    /// Debit fee cap per transaction, yuan (0 = none).
    pub debit_cap_yuan: f64,
    /// Credit card rate, percent.
    pub credit_rate: f64,
    /// Deposit, yuan.
    pub deposit_yuan: f64,
    /// Data (SIM) fee per year, yuan.
    pub data_fee_yuan_per_year: f64,
    /// Settlement speed (`T+1`, `D+0`).
    pub settlement: String,
    /// Support channels.
    pub support: Text,
    /// Review time in working days, [fastest, slowest].
    pub review_days: [u32; 2],
    /// POS type ids offered.
    pub devices: Vec<String>,
    /// Every fee of the offer.
    #[serde(default)]
    pub fees: Vec<Fee>,
}

/// A warning about an offer (message id + arguments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferWarning {
    /// Message id.
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Institution {
    /// What a merchant should look at twice.
    pub fn warnings(&self) -> Vec<OfferWarning> {
        let mut w = vec![];
        let w0 = |id| OfferWarning { id, args: vec![] };
        if self.licence.trim().is_empty() {
            w.push(w0("offer-warn-no-licence"));
        } else if validate::licence(&self.licence).verdict == Verdict::Invalid {
            w.push(OfferWarning {
                id: "offer-warn-bad-licence",
                args: vec![("licence", self.licence.clone())],
            });
        }
        if self.deposit_yuan > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-deposit",
                args: vec![("yuan", fmt_yuan(self.deposit_yuan))],
            });
        }
        if self.data_fee_yuan_per_year > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-data-fee",
                args: vec![("yuan", fmt_yuan(self.data_fee_yuan_per_year))],
            });
        }
        if self.debit_rate > DEBIT_REGULATED_PART {
            w.push(OfferWarning {
                id: "offer-warn-debit-rate",
                args: vec![("rate", fmt_rate(self.debit_rate))],
            });
        }
        if self.credit_rate > CREDIT_REGULATED_PART {
            w.push(OfferWarning {
                id: "offer-warn-credit-rate",
                args: vec![("rate", fmt_rate(self.credit_rate))],
            });
        }
        w
    }
}

/// `0.38%`.
pub fn fmt_rate(r: f64) -> String {
    format!("{r:.2}%")
}

/// `299` or `12.50`.
pub fn fmt_yuan(y: f64) -> String {
    if y.fract() == 0.0 {
        format!("{y:.0}")
    } else {
        format!("{y:.2}")
    }
}

/// The catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// File format version.
    pub schema: u32,
    /// Sample data, not real offers.
    #[serde(default)]
    pub sample: bool,
    /// The offers.
    pub institutions: Vec<Institution>,
}

impl Catalog {
    /// Parses a catalog; errors carry the line (from the TOML parser) or name the entry.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let c: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
        if c.schema != 1 {
            return Err(format!("unknown catalog schema {}", c.schema));
        }
        for i in &c.institutions {
            if i.review_days[0] > i.review_days[1] {
                return Err(format!(
                    "institution {}: review_days must be [fastest, slowest]",
                    i.id
                ));
            }
            if i.debit_rate < 0.0
                || i.credit_rate < 0.0
                || i.debit_rate > 100.0
                || i.credit_rate > 100.0
            {
                return Err(format!("institution {}: rates are percentages", i.id));
            }
        }
        let mut ids: Vec<&str> = c.institutions.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("institution id {} appears twice", w[0]));
        }
        Ok(c)
    }

    /// The catalog shipped with posbind (sample data).
    pub fn shipped() -> Catalog {
        Catalog::parse(CATALOG_TOML).unwrap_or(Catalog {
            schema: 1,
            sample: true,
            institutions: vec![],
        })
    }

    /// An offer by id.
    pub fn get(&self, id: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.id == id)
    }
}

/// One merchant category.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Mcc {
    /// Four digits.
    pub code: String,
    /// Chinese name.
    #[serde(rename = "zh-CN")]
    pub zh: String,
    /// English name.
    pub en: String,
}

impl Mcc {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Deserialize)]
struct MccFile {
    mcc: Vec<Mcc>,
}

/// The MCC table.
pub fn mcc_table() -> &'static [Mcc] {
    static TABLE: std::sync::OnceLock<Vec<Mcc>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<MccFile>(MCC_TOML)
            .map(|f| f.mcc)
            .unwrap_or_default()
    })
}

/// MCCs whose code starts with, or whose name (either language) contains, `query`.
pub fn search_mcc(query: &str) -> Vec<&'static Mcc> {
    let q = query.trim().to_lowercase();
    mcc_table()
        .iter()
        .filter(|m| {
            q.is_empty()
                || m.code.starts_with(&q)
                || m.zh.contains(&q)
                || m.en.to_lowercase().contains(&q)
        })
        .collect()
}

/// An MCC by code.
pub fn mcc(code: &str) -> Option<&'static Mcc> {
    mcc_table().iter().find(|m| m.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalog_is_marked_as_sample_data_and_parses() {
        let c = Catalog::shipped();
        assert!(c.sample);
        assert_eq!(c.institutions.len(), 4);
        assert!(c.institutions.iter().all(|i| i.name.en.contains("sample")));
    }

    #[test]
    fn warnings_cover_licence_deposit_fees_and_rates() {
        let c = Catalog::shipped();
        let ids = |id: &str| {
            c.get(id)
                .unwrap()
                .warnings()
                .into_iter()
                .map(|w| w.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("sample-a"), vec!["offer-warn-credit-rate"]);
        assert_eq!(
            ids("sample-b"),
            vec![
                "offer-warn-deposit",
                "offer-warn-data-fee",
                "offer-warn-debit-rate",
                "offer-warn-credit-rate"
            ]
        );
        assert!(ids("sample-c").contains(&"offer-warn-no-licence"));
        assert!(ids("sample-d").contains(&"offer-warn-bad-licence"));
    }

    #[test]
    fn a_bad_catalog_reports_its_line() {
        let bad = CATALOG_TOML.replace("settlement = \"D+0\"", "settlement = D+0");
        let e = Catalog::parse(&bad).unwrap_err();
        assert!(e.contains("line"), "{e}");
        let unknown =
            CATALOG_TOML.replace("settlement = \"D+0\"", "settlement = \"D+0\"\nbonus = 1");
        assert!(Catalog::parse(&unknown).unwrap_err().contains("bonus"));
        let dup = CATALOG_TOML.replace("id = \"sample-b\"", "id = \"sample-a\"");
        assert!(Catalog::parse(&dup).unwrap_err().contains("twice"));
    }

    #[test]
    fn mcc_search_by_code_or_name_in_both_languages() {
        assert_eq!(mcc_table().len(), 27);
        assert_eq!(search_mcc("581").len(), 3);
        assert_eq!(search_mcc("餐")[0].code, "5812");
        assert_eq!(search_mcc("bakeries")[0].code, "5462");
        assert_eq!(mcc("5411").unwrap().name(Lang::ZhCn), "超市");
    }
}

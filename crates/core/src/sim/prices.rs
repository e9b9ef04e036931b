//! What things cost and how big they are, for the pay-per-use monitor.
//!
//! The figures are data, not code: `data/prices/*.tsv`, embedded at build time, every row
//! with its source (see `data/prices/README.md`). A figure the tables do not have is `None`,
//! never a guess, so the report can say what it does not know. Parsing skips a malformed
//! row instead of panicking; the tests prove every embedded row parses.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const EC2_TSV: &str = include_str!("../../data/prices/ec2.tsv");
const RATES_TSV: &str = include_str!("../../data/prices/rates.tsv");

/// Where every figure of `ec2.tsv` comes from (its rows carry no source column).
const EC2_SOURCE: &str = "ec2instances.info data in LeanerCloud/ec2-instances-info (commit of \
                          2025-05-28), Linux on-demand in us-east-1";

/// The only region whose EC2 prices `ec2.tsv` holds.
const EC2_TSV_REGION: &str = "us-east-1";

/// A price and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Price {
    pub usd: f64,
    pub source: &'static str,
}

/// What the priced quantity is (for the report's words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    AlbHour,
    AlbLcuHour,
    NatHour,
    NatGb,
    DataOutGb,
    CrossAzGb,
    PublicIpv4Hour,
    Gp3GbMonth,
    RdsStorageGbMonth { multi_az: bool },
}

impl Rate {
    /// The rate's `item` in `rates.tsv`.
    fn item(self) -> &'static str {
        match self {
            Rate::AlbHour => "alb-hour",
            Rate::AlbLcuHour => "alb-lcu-hour",
            Rate::NatHour => "nat-hour",
            Rate::NatGb => "nat-gb",
            Rate::DataOutGb => "data-out-gb",
            Rate::CrossAzGb => "cross-az-gb",
            Rate::PublicIpv4Hour => "public-ipv4-hour",
            Rate::Gp3GbMonth => "gp3-gb-month",
            Rate::RdsStorageGbMonth { multi_az: false } => "rds-storage-gb-month",
            Rate::RdsStorageGbMonth { multi_az: true } => "rds-storage-gb-month-multi-az",
        }
    }
}

/// Hours in a month, as AWS's calculator counts them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// vCPUs of an EC2 instance type, or of an RDS class (`db.` + an EC2 type name: `db.t3.small` -> t3.small).
pub fn vcpus(instance_type: &str) -> Option<u32> {
    let name = instance_type.strip_prefix("db.").unwrap_or(instance_type);
    ec2_types().get(name).map(|t| t.vcpus)
}

/// On-demand Linux price per hour of an EC2 instance type in a region.
pub fn ec2_hourly(region: &str, instance_type: &str) -> Option<Price> {
    if let Some(price) = lookup(region, &format!("ec2/{instance_type}")) {
        return Some(price);
    }
    if region != EC2_TSV_REGION {
        return None;
    }
    let usd = ec2_types().get(instance_type)?.usd_per_hour?;
    Some(Price {
        usd,
        source: EC2_SOURCE,
    })
}

/// On-demand RDS for MySQL price per hour of a DB instance class.
pub fn rds_hourly(region: &str, class: &str, multi_az: bool) -> Option<Price> {
    let deployment = if multi_az {
        "rds-mysql-multi-az"
    } else {
        "rds-mysql"
    };
    lookup(region, &format!("{deployment}/{class}"))
}

/// The price of a pay-per-use quantity in a region.
pub fn rate(region: &str, rate: Rate) -> Option<Price> {
    lookup(region, rate.item())
}

/// One row of `ec2.tsv`, less what the simulator does not use.
#[derive(Debug)]
struct Ec2Type {
    vcpus: u32,
    /// `None` where the source lists no price (written `0`).
    usd_per_hour: Option<f64>,
}

/// `ec2.tsv` by instance type, parsed once (652 rows; lookups are frequent).
fn ec2_types() -> &'static BTreeMap<&'static str, Ec2Type> {
    static TABLE: OnceLock<BTreeMap<&'static str, Ec2Type>> = OnceLock::new();
    TABLE.get_or_init(|| parse_ec2(EC2_TSV).collect())
}

/// `instance_type, vcpu, memory_gib, arch, linux_on_demand_usd_per_hour_us_east_1`.
fn parse_ec2(text: &'static str) -> impl Iterator<Item = (&'static str, Ec2Type)> {
    data_lines(text).filter_map(|line| {
        let [name, vcpu, memory, arch, usd] = fields(line)?;
        // Unused here, but checked, so that a row with shifted columns cannot pass.
        memory
            .parse::<f64>()
            .ok()
            .filter(|m| m.is_finite() && *m > 0.0)?;
        let vcpus: u32 = vcpu.parse().ok().filter(|v| *v > 0)?;
        let usd: f64 = usd
            .parse()
            .ok()
            .filter(|u: &f64| u.is_finite() && *u >= 0.0)?;
        (!name.is_empty() && !arch.is_empty()).then_some((
            name,
            Ec2Type {
                vcpus,
                usd_per_hour: (usd > 0.0).then_some(usd),
            },
        ))
    })
}

/// `rates.tsv` as region -> item -> price, parsed once.
fn rates() -> &'static BTreeMap<&'static str, BTreeMap<&'static str, Price>> {
    static TABLE: OnceLock<BTreeMap<&'static str, BTreeMap<&'static str, Price>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: BTreeMap<_, BTreeMap<_, _>> = BTreeMap::new();
        for (item, region, price) in parse_rates(RATES_TSV) {
            table.entry(region).or_default().insert(item, price);
        }
        table
    })
}

/// `item, region, usd, unit, source, date`; unit and date are for people reading the file.
fn parse_rates(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str, Price)> {
    data_lines(text).filter_map(|line| {
        let [item, region, usd, unit, source, date] = fields(line)?;
        let usd = usd
            .parse()
            .ok()
            .filter(|u: &f64| u.is_finite() && *u > 0.0)?;
        [item, region, unit, source, date]
            .iter()
            .all(|f| !f.is_empty())
            .then_some((item, region, Price { usd, source }))
    })
}

fn lookup(region: &str, item: &str) -> Option<Price> {
    rates().get(region)?.get(item).copied()
}

/// The lines after the header, less blank ones.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().skip(1).filter(|line| !line.trim().is_empty())
}

/// A line's tab-separated fields, trimmed, if there are exactly `N`.
fn fields<const N: usize>(line: &'static str) -> Option<[&'static str; N]> {
    let mut out = [""; N];
    let mut parts = line.split('\t');
    for slot in &mut out {
        *slot = parts.next()?.trim();
    }
    parts.next().is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec2_types_from_the_table() {
        assert_eq!(vcpus("t3.small"), Some(2));
        assert_eq!(vcpus("m5.xlarge"), Some(4));
        let small = ec2_hourly("us-east-1", "t3.small").unwrap();
        assert_eq!(small.usd, 0.0208);
        assert_eq!(small.source, EC2_SOURCE);
    }

    #[test]
    fn seoul_ec2_from_the_rates() {
        assert_eq!(ec2_hourly("ap-northeast-2", "t3.small").unwrap().usd, 0.026);
        assert_eq!(ec2_hourly("ap-northeast-2", "m5.large").unwrap().usd, 0.118);
        // ec2.tsv is us-east-1 only: its prices must not answer for another region.
        assert_eq!(ec2_hourly("ap-northeast-2", "t3.nano"), None);
        assert_eq!(ec2_hourly("eu-west-1", "t3.small"), None);
    }

    #[test]
    fn rds_classes() {
        assert_eq!(vcpus("db.t3.small"), Some(2));
        assert_eq!(vcpus("db.r5.large"), Some(2));
        assert_eq!(
            rds_hourly("us-east-1", "db.t3.large", false).unwrap().usd,
            0.136
        );
        assert_eq!(
            rds_hourly("us-east-1", "db.t3.large", true).unwrap().usd,
            0.272
        );
        assert_eq!(rds_hourly("ap-northeast-2", "db.t3.large", false), None);
    }

    #[test]
    fn rates_by_region() {
        for region in ["us-east-1", "ap-northeast-2"] {
            assert_eq!(rate(region, Rate::AlbHour).unwrap().usd, 0.0225);
            assert_eq!(rate(region, Rate::AlbLcuHour).unwrap().usd, 0.008);
        }
        assert_eq!(rate("ap-northeast-2", Rate::NatGb).unwrap().usd, 0.059);
        assert_eq!(
            rate("us-east-1", Rate::RdsStorageGbMonth { multi_az: true })
                .unwrap()
                .usd,
            0.23
        );
        assert!(
            rate("us-east-1", Rate::AlbHour)
                .unwrap()
                .source
                .contains("checked")
        );
    }

    #[test]
    fn unknown_gives_none() {
        for name in ["t9.huge", "", "db.", "db.t9.huge", "\t", "t3.small\t"] {
            assert_eq!(vcpus(name), None, "{name:?}");
            assert_eq!(ec2_hourly("us-east-1", name), None, "{name:?}");
            assert_eq!(rds_hourly("us-east-1", name, false), None, "{name:?}");
        }
        assert_eq!(rate("mars-north-1", Rate::AlbHour), None);
        assert_eq!(rate("", Rate::Gp3GbMonth), None);
    }

    #[test]
    fn every_row_of_every_table_parses() {
        let ec2_rows = data_lines(EC2_TSV).count();
        assert_eq!(ec2_rows, 652);
        assert_eq!(
            parse_ec2(EC2_TSV).count(),
            ec2_rows,
            "a row of ec2.tsv does not parse"
        );
        assert_eq!(ec2_types().len(), ec2_rows, "ec2.tsv names a type twice");
        let priced: Vec<f64> = ec2_types()
            .values()
            .filter_map(|t| t.usd_per_hour)
            .collect();
        // Five types have no on-demand price in the source (README.md says which).
        assert_eq!(priced.len(), ec2_rows - 5);
        assert!(priced.iter().all(|usd| usd.is_finite() && *usd > 0.0));

        let rate_rows = data_lines(RATES_TSV).count();
        assert_eq!(
            parse_rates(RATES_TSV).count(),
            rate_rows,
            "a row of rates.tsv does not parse"
        );
        let stored: usize = rates().values().map(BTreeMap::len).sum();
        assert_eq!(
            stored, rate_rows,
            "rates.tsv names an item twice for a region"
        );
        for (region, items) in rates() {
            for (item, price) in items {
                assert!(price.usd.is_finite() && price.usd > 0.0, "{region} {item}");
                assert!(!price.source.trim().is_empty(), "{region} {item}");
            }
        }
    }

    #[test]
    fn every_rate_is_known_in_us_east_1() {
        let all = [
            Rate::AlbHour,
            Rate::AlbLcuHour,
            Rate::NatHour,
            Rate::NatGb,
            Rate::DataOutGb,
            Rate::CrossAzGb,
            Rate::PublicIpv4Hour,
            Rate::Gp3GbMonth,
            Rate::RdsStorageGbMonth { multi_az: false },
            Rate::RdsStorageGbMonth { multi_az: true },
        ];
        for r in all {
            assert!(rate("us-east-1", r).is_some(), "{r:?}");
        }
    }
}

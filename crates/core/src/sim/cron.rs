//! Clock time for EC2 Auto Scaling's scheduled actions (`AWS::AutoScaling::ScheduledAction`):
//! the five-field Unix cron of `Recurrence`, the `TimeZone` it is read in, and the
//! `YYYY-MM-DDThh:mm:ssZ` times of `StartTime`, `EndTime` and the scenario's `start`.
//!
//! Written by hand rather than taken from a crate: the cron crates on crates.io read
//! another syntax (the `cron` crate wants six or seven fields, seconds first) or bring
//! a date-time crate (chrono, with its time zone database) that the browser bundle
//! would carry for a few comparisons; the project already keeps its one date
//! conversion in `crate::calendar` for that reason. Five fields of numbers, names,
//! lists, ranges and steps matched against a minute, and a table of time zones with
//! their daylight saving rules, are what scheduled actions need.
//!
//! Sources: "PutScheduledUpdateGroupAction" (EC2 Auto Scaling API Reference,
//! <https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PutScheduledUpdateGroupAction.html>):
//! `Recurrence` is "Unix cron syntax format ... five fields separated by white spaces:
//! [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]", in UTC unless
//! `TimeZone` names an IANA zone, whose daylight saving time the schedule follows;
//! `StartTime` is "YYYY-MM-DDThh:mm:ssZ format in UTC/GMT only". The fields read as
//! crontab(5) (Vixie cron) reads them: `*`, numbers, ranges `a-b`, steps `*/n` and
//! `a-b/n`, lists `a,b`, month and day names (`JAN`, `MON`), Sunday as 0 or 7, and a day
//! that matches either the day of the month or the day of the week when both are
//! restricted.

use crate::calendar::civil_from_days;

/// A five-field cron schedule: which minutes it runs at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cron {
    /// Bit m: minute m (0-59).
    minutes: u64,
    /// Bit h: hour h (0-23).
    hours: u32,
    /// Bit d: day of the month d (1-31).
    days: u32,
    /// Bit m: month m (1-12).
    months: u16,
    /// Bit w: day of the week w (0-6, Sunday 0).
    weekdays: u8,
    /// Both the day of the month and the day of the week are restricted (neither
    /// begins with `*`): a day matching either runs, as crontab(5) says.
    either_day: bool,
}

struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    /// Names for the values from `min` on (months, days of the week).
    names: &'static [&'static str],
}

const FIELDS: [Field; 5] = [
    Field {
        name: "minute",
        min: 0,
        max: 59,
        names: &[],
    },
    Field {
        name: "hour",
        min: 0,
        max: 23,
        names: &[],
    },
    Field {
        name: "day of month",
        min: 1,
        max: 31,
        names: &[],
    },
    Field {
        name: "month",
        min: 1,
        max: 12,
        names: &[
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        ],
    },
    // 7 is Sunday too.
    Field {
        name: "day of week",
        min: 0,
        max: 7,
        names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    },
];

impl Field {
    fn value(&self, text: &str) -> Result<u32, String> {
        let v = match text.parse::<u32>() {
            Ok(v) => v,
            Err(_) => match self.names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
                Some(i) => self.min + i as u32,
                None if text.is_empty() => {
                    return Err(format!("{}: a value is missing", self.name));
                }
                None => return Err(format!("{}: `{text}` is not a number", self.name)),
            },
        };
        if v < self.min || v > self.max {
            return Err(format!(
                "{}: {v} is outside {}-{}",
                self.name, self.min, self.max
            ));
        }
        Ok(v)
    }

    /// The values of one field (a bit per value) and whether it begins with `*`.
    fn parse(&self, text: &str) -> Result<(u64, bool), String> {
        let mut set = 0u64;
        for item in text.split(',') {
            let (range, step) = match item.split_once('/') {
                Some((range, step)) => {
                    let step = step.parse::<u32>().ok().filter(|s| *s > 0).ok_or_else(|| {
                        format!("{}: the step `{step}` is not a number above 0", self.name)
                    })?;
                    (range, Some(step))
                }
                None => (item, None),
            };
            let (lo, hi) = if range == "*" {
                (self.min, self.max)
            } else if let Some((a, b)) = range.split_once('-') {
                let (a, b) = (self.value(a)?, self.value(b)?);
                if a > b {
                    return Err(format!("{}: the range {a}-{b} runs backwards", self.name));
                }
                (a, b)
            } else {
                let v = self.value(range)?;
                // `5/15`: from 5 to the end, every 15th.
                (v, if step.is_some() { self.max } else { v })
            };
            for v in (lo..=hi).step_by(step.unwrap_or(1) as usize) {
                set |= 1 << v;
            }
        }
        Ok((set, text.starts_with('*')))
    }
}

impl Cron {
    /// Reads a five-field cron expression; the error names the field at fault.
    pub fn parse(text: &str) -> Result<Cron, String> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        if parts.len() != 5 {
            return Err(format!(
                "`{text}` has {} fields; a cron expression has five: minute, hour, day of month, month, day of week (such as `0 9 * * 1-5`)",
                parts.len()
            ));
        }
        let mut sets = [0u64; 5];
        let mut star = [false; 5];
        for (i, (part, field)) in parts.iter().zip(&FIELDS).enumerate() {
            let (set, s) = field
                .parse(part)
                .map_err(|e| format!("`{text}`, field {} ({e})", i + 1))?;
            sets[i] = set;
            star[i] = s;
        }
        // Sunday is 0 or 7.
        let weekdays = (sets[4] & 0x7f) | (sets[4] >> 7 & 1);
        Ok(Cron {
            minutes: sets[0],
            hours: sets[1] as u32,
            days: sets[2] as u32,
            months: sets[3] as u16,
            weekdays: weekdays as u8,
            either_day: !star[2] && !star[4],
        })
    }

    /// Whether the schedule runs in the minute holding `local`: seconds since
    /// 1970-01-01T00:00 on the clock of the schedule's time zone.
    pub fn matches(&self, local: i64) -> bool {
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (_, month, day) = civil_from_days(days);
        let in_month = self.days >> day & 1 == 1;
        let in_week = self.weekdays >> weekday(days) & 1 == 1;
        let on_day = if self.either_day {
            in_month || in_week
        } else {
            in_month && in_week
        };
        self.minutes >> (secs / 60 % 60) & 1 == 1
            && self.hours >> (secs / 3600) & 1 == 1
            && self.months >> month & 1 == 1
            && on_day
    }
}

/// The day of the week of a day count since 1970-01-01 (a Thursday): Sunday 0.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm,
/// the inverse of `calendar::civil_from_days`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 of a time written `YYYY-MM-DDThh:mm:ssZ`, as AWS writes them
/// (fractions of a second and an offset `+hh:mm` in place of `Z` are read too);
/// `None` for anything else.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + (d - b'0') as i64))
    };
    let sep = |at: usize, c: &[u8]| b.get(at).is_some_and(|x| c.contains(x));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let first = days_from_civil(year, month as u32, 1);
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month as u32 + 1, 1)
    };
    if day < 1 || day > next - first {
        return None;
    }
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        at += digits;
    }
    let offset = match b.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == at + 6 && b[at + 3] == b':' => {
            let (h, m) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let s = (h * 60 + m) * 60;
            if *sign == b'+' { s } else { -s }
        }
        _ => return None,
    };
    Some((first + day - 1) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// A time zone a schedule is read in: an offset from UTC and the daylight saving rule
/// its region keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeZone {
    /// Standard time, minutes east of UTC.
    standard: i32,
    dst: Dst,
}

/// Daylight saving rules, one hour ahead while in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dst {
    None,
    /// The United States and Canada since 2007: from 02:00 local on the second Sunday
    /// of March to 02:00 local on the first Sunday of November.
    NorthAmerica,
    /// The European Union and the United Kingdom: from 01:00 UTC on the last Sunday of
    /// March to 01:00 UTC on the last Sunday of October.
    Europe,
    /// New South Wales, Victoria, Tasmania, the ACT and South Australia: from 02:00
    /// standard time on the first Sunday of October to 03:00 daylight time on the
    /// first Sunday of April.
    Australia,
    /// New Zealand: from 02:00 standard time on the last Sunday of September to 03:00
    /// daylight time on the first Sunday of April.
    NewZealand,
}

/// The IANA zones the simulator knows: name, standard offset (minutes east of UTC),
/// daylight saving rule. Offsets and rules as in force since 2023 (IANA tz database).
const ZONES: &[(&str, i32, Dst)] = &[
    ("America/New_York", -300, Dst::NorthAmerica),
    ("America/Detroit", -300, Dst::NorthAmerica),
    ("America/Toronto", -300, Dst::NorthAmerica),
    ("US/Eastern", -300, Dst::NorthAmerica),
    ("America/Chicago", -360, Dst::NorthAmerica),
    ("America/Winnipeg", -360, Dst::NorthAmerica),
    ("US/Central", -360, Dst::NorthAmerica),
    ("America/Denver", -420, Dst::NorthAmerica),
    ("America/Edmonton", -420, Dst::NorthAmerica),
    ("US/Mountain", -420, Dst::NorthAmerica),
    ("America/Los_Angeles", -480, Dst::NorthAmerica),
    ("America/Vancouver", -480, Dst::NorthAmerica),
    ("US/Pacific", -480, Dst::NorthAmerica),
    ("America/Anchorage", -540, Dst::NorthAmerica),
    ("US/Alaska", -540, Dst::NorthAmerica),
    ("America/Halifax", -240, Dst::NorthAmerica),
    ("America/Phoenix", -420, Dst::None),
    ("US/Arizona", -420, Dst::None),
    ("Pacific/Honolulu", -600, Dst::None),
    ("US/Hawaii", -600, Dst::None),
    ("America/Mexico_City", -360, Dst::None),
    ("America/Bogota", -300, Dst::None),
    ("America/Lima", -300, Dst::None),
    ("America/Panama", -300, Dst::None),
    ("America/Caracas", -240, Dst::None),
    ("America/Puerto_Rico", -240, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("America/Argentina/Buenos_Aires", -180, Dst::None),
    ("Europe/London", 0, Dst::Europe),
    ("Europe/Dublin", 0, Dst::Europe),
    ("Europe/Lisbon", 0, Dst::Europe),
    ("Europe/Paris", 60, Dst::Europe),
    ("Europe/Berlin", 60, Dst::Europe),
    ("Europe/Madrid", 60, Dst::Europe),
    ("Europe/Rome", 60, Dst::Europe),
    ("Europe/Amsterdam", 60, Dst::Europe),
    ("Europe/Brussels", 60, Dst::Europe),
    ("Europe/Luxembourg", 60, Dst::Europe),
    ("Europe/Vienna", 60, Dst::Europe),
    ("Europe/Zurich", 60, Dst::Europe),
    ("Europe/Stockholm", 60, Dst::Europe),
    ("Europe/Oslo", 60, Dst::Europe),
    ("Europe/Copenhagen", 60, Dst::Europe),
    ("Europe/Warsaw", 60, Dst::Europe),
    ("Europe/Prague", 60, Dst::Europe),
    ("Europe/Budapest", 60, Dst::Europe),
    ("Europe/Milan", 60, Dst::Europe),
    ("Europe/Helsinki", 120, Dst::Europe),
    ("Europe/Athens", 120, Dst::Europe),
    ("Europe/Bucharest", 120, Dst::Europe),
    ("Europe/Sofia", 120, Dst::Europe),
    ("Europe/Riga", 120, Dst::Europe),
    ("Europe/Tallinn", 120, Dst::Europe),
    ("Europe/Vilnius", 120, Dst::Europe),
    ("Europe/Kyiv", 120, Dst::Europe),
    ("Europe/Kiev", 120, Dst::Europe),
    ("Europe/Istanbul", 180, Dst::None),
    ("Europe/Moscow", 180, Dst::None),
    ("Africa/Lagos", 60, Dst::None),
    ("Africa/Johannesburg", 120, Dst::None),
    ("Africa/Nairobi", 180, Dst::None),
    ("Asia/Riyadh", 180, Dst::None),
    ("Asia/Bahrain", 180, Dst::None),
    ("Asia/Qatar", 180, Dst::None),
    ("Asia/Dubai", 240, Dst::None),
    ("Asia/Karachi", 300, Dst::None),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Calcutta", 330, Dst::None),
    ("Asia/Kathmandu", 345, Dst::None),
    ("Asia/Dhaka", 360, Dst::None),
    ("Asia/Bangkok", 420, Dst::None),
    ("Asia/Jakarta", 420, Dst::None),
    ("Asia/Ho_Chi_Minh", 420, Dst::None),
    ("Asia/Shanghai", 480, Dst::None),
    ("Asia/Hong_Kong", 480, Dst::None),
    ("Asia/Taipei", 480, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Kuala_Lumpur", 480, Dst::None),
    ("Asia/Manila", 480, Dst::None),
    ("Australia/Perth", 480, Dst::None),
    ("Asia/Seoul", 540, Dst::None),
    ("Asia/Tokyo", 540, Dst::None),
    ("Australia/Darwin", 570, Dst::None),
    ("Australia/Adelaide", 570, Dst::Australia),
    ("Australia/Brisbane", 600, Dst::None),
    ("Australia/Sydney", 600, Dst::Australia),
    ("Australia/Melbourne", 600, Dst::Australia),
    ("Australia/Canberra", 600, Dst::Australia),
    ("Australia/Hobart", 600, Dst::Australia),
    ("Pacific/Auckland", 720, Dst::NewZealand),
];

impl TimeZone {
    pub const UTC: TimeZone = TimeZone {
        standard: 0,
        dst: Dst::None,
    };

    /// The zone an IANA name names: UTC and its aliases, `Etc/GMT±n`, and the zones of
    /// `ZONES`; `None` for a zone the simulator does not know.
    pub fn named(name: &str) -> Option<TimeZone> {
        if matches!(
            name,
            "UTC"
                | "Etc/UTC"
                | "Etc/UCT"
                | "UCT"
                | "GMT"
                | "Etc/GMT"
                | "Etc/GMT0"
                | "Etc/GMT+0"
                | "Etc/GMT-0"
                | "Etc/Universal"
                | "Universal"
                | "Etc/Zulu"
                | "Zulu"
                | "Etc/Greenwich"
                | "Greenwich"
        ) {
            return Some(TimeZone::UTC);
        }
        // POSIX signs: Etc/GMT+5 is five hours behind UTC.
        if let Some(n) = name.strip_prefix("Etc/GMT")
            && let Ok(hours) = n.parse::<i32>()
            && (n.starts_with('+') || n.starts_with('-'))
            && (-14..=12).contains(&hours)
        {
            return Some(TimeZone {
                standard: -hours * 60,
                dst: Dst::None,
            });
        }
        ZONES
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|&(_, standard, dst)| TimeZone { standard, dst })
    }

    /// Seconds east of UTC at the instant `utc` (seconds since 1970).
    pub fn offset(&self, utc: i64) -> i64 {
        let standard = self.standard as i64 * 60;
        let hour = 3600;
        let year = civil_from_days(utc.div_euclid(86_400)).0;
        // The instant 02:00 (or `at` seconds past midnight) local of a day, on a clock
        // `offset` seconds east of UTC.
        let at = |day: i64, clock: i64, offset: i64| day * 86_400 + clock - offset;
        let summer = match self.dst {
            Dst::None => false,
            Dst::NorthAmerica => {
                let from = at(nth_sunday(year, 3, 2), 2 * hour, standard);
                let to = at(nth_sunday(year, 11, 1), 2 * hour, standard + hour);
                (from..to).contains(&utc)
            }
            Dst::Europe => {
                let from = at(last_sunday(year, 3), hour, 0);
                let to = at(last_sunday(year, 10), hour, 0);
                (from..to).contains(&utc)
            }
            // Southern summers span the new year: daylight time until April, and again
            // from spring.
            Dst::Australia => {
                let to = at(nth_sunday(year, 4, 1), 3 * hour, standard + hour);
                let from = at(nth_sunday(year, 10, 1), 2 * hour, standard);
                utc < to || utc >= from
            }
            Dst::NewZealand => {
                let to = at(nth_sunday(year, 4, 1), 3 * hour, standard + hour);
                let from = at(last_sunday(year, 9), 2 * hour, standard);
                utc < to || utc >= from
            }
        };
        standard + if summer { hour } else { 0 }
    }

    /// Seconds since 1970-01-01T00:00 on this zone's clock at the instant `utc`.
    pub fn local(&self, utc: i64) -> i64 {
        utc + self.offset(utc)
    }
}

/// The day (since 1970) of the `n`th Sunday of a month.
fn nth_sunday(year: i64, month: u32, n: i64) -> i64 {
    let first = days_from_civil(year, month, 1);
    first + (7 - weekday(first)) % 7 + 7 * (n - 1)
}

/// The day (since 1970) of the last Sunday of a month.
fn last_sunday(year: i64, month: u32) -> i64 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    let last = next - 1;
    last - weekday(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2027-01-04T00:00:00Z, a Monday.
    const MONDAY: i64 = 1_799_020_800;
    const H: i64 = 3600;
    const D: i64 = 86_400;

    fn at(text: &str) -> i64 {
        parse_timestamp(text).unwrap()
    }

    fn runs(cron: &str, t: i64) -> bool {
        Cron::parse(cron).unwrap().matches(t)
    }

    /// The minutes of a week from `MONDAY` at which `cron` runs.
    fn week(cron: &str) -> Vec<i64> {
        let c = Cron::parse(cron).unwrap();
        (0..7 * 24 * 60)
            .map(|m| MONDAY + m * 60)
            .filter(|t| c.matches(*t))
            .collect()
    }

    #[test]
    fn the_forms_people_write_run_when_they_say() {
        // Every day at 09:00.
        let daily = week("0 9 * * *");
        assert_eq!(daily.len(), 7);
        assert_eq!(daily[0], MONDAY + 9 * H);
        assert!(daily.windows(2).all(|w| w[1] - w[0] == D));
        // Every half hour.
        let half = week("*/30 * * * *");
        assert_eq!(half.len(), 7 * 48);
        assert_eq!(&half[..3], &[MONDAY, MONDAY + 1800, MONDAY + 3600]);
        // Weekdays at 18:00: Monday to Friday, not the weekend.
        let evenings = week("0 18 * * 1-5");
        assert_eq!(
            evenings,
            (0..5).map(|d| MONDAY + d * D + 18 * H).collect::<Vec<_>>()
        );
        assert_eq!(week("0 18 * * MON-FRI"), evenings);
        // Lists, ranges with steps, names.
        assert_eq!(week("0,15,30,45 12 * * 1").len(), 4);
        assert_eq!(week("0-30/10 12 * * 1").len(), 4);
        assert_eq!(week("5/20 12 * * 1").len(), 3);
        assert_eq!(week("0 8 * JAN sat,sun").len(), 2);
        assert!(week("0 8 * FEB *").is_empty());
        assert_eq!(week("30 7 * * 1,3,5").len(), 3);
        // AWS's own example: 00:30 on the first of January, June and December.
        assert!(runs("30 0 1 1,6,12 *", at("2027-06-01T00:30:00Z")));
        assert!(!runs("30 0 1 1,6,12 *", at("2027-07-01T00:30:00Z")));
    }

    #[test]
    fn sunday_is_0_or_7_and_a_restricted_day_of_month_or_week_either_runs() {
        let sunday = MONDAY + 6 * D + 10 * H;
        assert!(runs("0 10 * * 0", sunday));
        assert!(runs("0 10 * * 7", sunday));
        assert!(!runs("0 10 * * 7", sunday - D));
        // The 15th, and every Monday: crontab(5)'s "either".
        let c = Cron::parse("0 0 15 * 1").unwrap();
        assert!(c.matches(at("2027-01-15T00:00:00Z")), "a Friday the 15th");
        assert!(c.matches(at("2027-01-11T00:00:00Z")), "a Monday");
        assert!(!c.matches(at("2027-01-12T00:00:00Z")));
        // A day of the week alone, with `*` for the day of the month: both must hold.
        assert!(!runs("0 0 * * 1", at("2027-01-15T00:00:00Z")));
    }

    #[test]
    fn a_malformed_expression_is_an_error_naming_the_field() {
        let err = |c: &str| Cron::parse(c).unwrap_err();
        assert!(
            err("0 9 * *").contains("has 4 fields"),
            "{}",
            err("0 9 * *")
        );
        assert!(err("0 25 * * *").contains("field 2 (hour: 25 is outside 0-23)"));
        assert!(err("60 * * * *").contains("minute"));
        assert!(err("0 0 0 * *").contains("day of month: 0 is outside 1-31"));
        assert!(err("0 0 * 13 *").contains("month"));
        assert!(err("0 0 * * 8").contains("day of week"));
        assert!(err("0 10-2 * * *").contains("runs backwards"));
        assert!(err("*/0 * * * *").contains("step"));
        assert!(err("0 9 * * MONDAY").contains("`MONDAY` is not a number"));
        assert!(err("0 9 * * ?").contains("not a number"));
        assert!(err("0,,5 9 * * *").contains("missing"));
        assert!(err("").contains("has 0 fields"));
    }

    #[test]
    fn timestamps_read_as_aws_writes_them() {
        assert_eq!(at("2027-01-04T00:00:00Z"), MONDAY);
        assert_eq!(at("2027-01-04T09:30:15Z"), MONDAY + 9 * H + 1815);
        assert_eq!(at("2027-01-04T09:00:00.000Z"), MONDAY + 9 * H);
        assert_eq!(at("2027-01-04T18:00:00+09:00"), MONDAY + 9 * H);
        assert_eq!(at("1970-01-01T00:00:00Z"), 0);
        assert_eq!(at("2028-02-29T00:00:00Z"), MONDAY + (365 + 56) * D);
        for bad in [
            "2027-01-04",
            "2027-01-04T00:00:00",
            "2027-13-01T00:00:00Z",
            "2027-02-29T00:00:00Z",
            "2027-01-04T24:00:00Z",
            "2027-01-04T00:00:00X",
            "tomorrow",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn time_zones_follow_their_offsets_and_daylight_saving() {
        let zone = |n: &str| TimeZone::named(n).unwrap();
        assert_eq!(zone("UTC").offset(MONDAY), 0);
        assert_eq!(zone("Etc/GMT+5").offset(MONDAY), -5 * H);
        assert_eq!(zone("Asia/Seoul").offset(MONDAY), 9 * H);
        assert_eq!(zone("Asia/Kolkata").offset(MONDAY), 5 * H + 1800);
        assert_eq!(TimeZone::named("Mars/Olympus_Mons"), None);
        // 09:00 in Seoul is midnight UTC.
        assert!(runs("0 9 * * *", zone("Asia/Seoul").local(MONDAY)));
        // New York: EST in January; EDT from 2027-03-14T07:00Z to 2027-11-07T06:00Z.
        let ny = zone("America/New_York");
        assert_eq!(ny.offset(MONDAY), -5 * H);
        assert_eq!(ny.offset(at("2027-03-14T06:59:59Z")), -5 * H);
        assert_eq!(ny.offset(at("2027-03-14T07:00:00Z")), -4 * H);
        assert_eq!(ny.offset(at("2027-11-07T05:59:59Z")), -4 * H);
        assert_eq!(ny.offset(at("2027-11-07T06:00:00Z")), -5 * H);
        // London: BST from 2027-03-28T01:00Z to 2027-10-31T01:00Z.
        let london = zone("Europe/London");
        assert_eq!(london.offset(at("2027-03-28T00:59:00Z")), 0);
        assert_eq!(london.offset(at("2027-03-28T01:00:00Z")), H);
        assert_eq!(london.offset(at("2027-10-31T01:00:00Z")), 0);
        assert_eq!(
            zone("Europe/Berlin").offset(at("2027-07-01T00:00:00Z")),
            2 * H
        );
        // Sydney: AEDT until 2027-04-03T16:00Z and again from 2027-10-02T16:00Z.
        let sydney = zone("Australia/Sydney");
        assert_eq!(sydney.offset(MONDAY), 11 * H);
        assert_eq!(sydney.offset(at("2027-04-03T15:59:00Z")), 11 * H);
        assert_eq!(sydney.offset(at("2027-04-03T16:00:00Z")), 10 * H);
        assert_eq!(sydney.offset(at("2027-10-02T15:59:00Z")), 10 * H);
        assert_eq!(sydney.offset(at("2027-10-02T16:00:00Z")), 11 * H);
        // Auckland: NZDT until 2027-04-03T14:00Z and from 2027-09-25T14:00Z.
        let auckland = zone("Pacific/Auckland");
        assert_eq!(auckland.offset(at("2027-04-03T13:59:00Z")), 13 * H);
        assert_eq!(auckland.offset(at("2027-04-03T14:00:00Z")), 12 * H);
        assert_eq!(auckland.offset(at("2027-09-25T13:59:00Z")), 12 * H);
        assert_eq!(auckland.offset(at("2027-09-25T14:00:00Z")), 13 * H);
        // A schedule at 09:00 New York time runs at 14:00 UTC in winter, 13:00 in summer.
        let nine = Cron::parse("0 9 * * *").unwrap();
        assert!(nine.matches(ny.local(at("2027-01-04T14:00:00Z"))));
        assert!(nine.matches(ny.local(at("2027-07-05T13:00:00Z"))));
        assert!(!nine.matches(ny.local(at("2027-07-05T14:00:00Z"))));
    }

    #[test]
    fn days_from_civil_inverts_civil_from_days() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}

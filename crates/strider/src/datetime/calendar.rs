//! The proleptic Gregorian calendar and unit conversions of datetime and timedelta values.
//!
//! Owns: day numbers from 1970-01-01 to and from (year, month, day), the conversion of one value
//! between time units (datetimes through the calendar, timedeltas by NumPy's rational factors,
//! 365.2425 days per year), NumPy's unit casting rules, and overflow detection (NumPy wraps
//! silently; Strider reports an error).

use crate::dtype::{TimeBase, TimeUnit};
use crate::Casting;
use crate::{Error, Result};

/// NaT, the missing value of both datetime64 and timedelta64.
pub const NAT: i64 = i64::MIN;

/// Days from 1970-01-01 to the given civil date (month 1-12, day 1-31).
pub(crate) fn days_from_civil(y: i128, m: i128, d: i128) -> i128 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month 1-12, day 1-31) of a day number.
pub(crate) fn civil_from_days(z: i128) -> (i128, i128, i128) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Whether `y` is a Gregorian leap year.
pub(crate) fn is_leap(y: i128) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days in month `m` (1-12) of year `y`.
pub(crate) fn days_in_month(y: i128, m: i128) -> i128 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Attoseconds in one unit of a linear base (W and finer).
pub(crate) fn attos(base: TimeBase) -> i128 {
    const S: i128 = 1_000_000_000_000_000_000;
    match base {
        TimeBase::Week => 7 * 86_400 * S,
        TimeBase::Day => 86_400 * S,
        TimeBase::Hour => 3_600 * S,
        TimeBase::Minute => 60 * S,
        TimeBase::Second => S,
        TimeBase::Millisecond => S / 1_000,
        TimeBase::Microsecond => S / 1_000_000,
        TimeBase::Nanosecond => S / 1_000_000_000,
        TimeBase::Picosecond => 1_000_000,
        TimeBase::Femtosecond => 1_000,
        _ => 1,
    }
}

const ATTOS_PER_DAY: i128 = 86_400 * 1_000_000_000_000_000_000;

/// A datetime as a day number and attoseconds into that day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Instant {
    pub days: i128,
    pub attos: i128,
}

fn overflow(value: i64, unit: TimeUnit) -> Error {
    Error::OutOfRange(format!("datetime value {value} does not fit the unit {unit} (NumPy would wrap around)"))
}

/// The instant of datetime `v` (not NaT) in `unit`.
pub(crate) fn to_instant(v: i64, unit: TimeUnit) -> Result<Instant> {
    let n = i128::from(v) * i128::from(unit.num);
    Ok(match unit.base {
        TimeBase::Year => Instant { days: days_from_civil(1970 + n, 1, 1), attos: 0 },
        TimeBase::Month => {
            Instant { days: days_from_civil(1970 + n.div_euclid(12), n.rem_euclid(12) + 1, 1), attos: 0 }
        }
        TimeBase::Generic => {
            return Err(Error::Value("Cannot convert a NumPy datetime value other than NaT with generic units".into()))
        }
        b => {
            let total = n.checked_mul(attos(b)).ok_or_else(|| overflow(v, unit))?;
            Instant { days: total.div_euclid(ATTOS_PER_DAY), attos: total.rem_euclid(ATTOS_PER_DAY) }
        }
    })
}

/// The common unit of two datetime (or, with `timedelta`, two timedelta) units.
pub(crate) fn common_unit_of(a: TimeUnit, b: TimeUnit, timedelta: bool) -> Result<TimeUnit> {
    super::arith::common_unit(a, b, timedelta, timedelta)
}

/// `t` moved by `minutes` (a time-zone offset).
pub(crate) fn shift_minutes(t: Instant, minutes: i64) -> Instant {
    let total = t.attos + i128::from(minutes) * 60 * 1_000_000_000_000_000_000;
    Instant { days: t.days + total.div_euclid(ATTOS_PER_DAY), attos: total.rem_euclid(ATTOS_PER_DAY) }
}

/// The datetime value of an instant in `unit`, floored. A value past int64 wraps around as
/// NumPy's int64 arithmetic wraps it (`np.datetime64('0', 'ns')` is 1753-08-29T22:43:41.128654848):
/// the exact count modulo 2^64, then divided by the unit's multiplier.
pub(crate) fn from_instant(t: Instant, unit: TimeUnit) -> Result<i64> {
    let count: i128 = match unit.base {
        TimeBase::Year => civil_from_days(t.days).0 - 1970,
        TimeBase::Month => {
            let (y, m, _) = civil_from_days(t.days);
            (y - 1970) * 12 + m - 1
        }
        TimeBase::Generic => {
            return Err(Error::Value("Cannot convert a NumPy datetime value other than NaT with generic units".into()))
        }
        b => {
            let per = attos(b);
            if per >= ATTOS_PER_DAY {
                t.days.div_euclid(per / ATTOS_PER_DAY)
            } else {
                // Exact modulo 2^128 is exact modulo 2^64, all the int64 result keeps.
                t.days.wrapping_mul(ATTOS_PER_DAY / per).wrapping_add(t.attos / per)
            }
        }
    };
    // Truncation keeps the count modulo 2^64, as NumPy's wrapping int64 arithmetic does; the
    // multiplier then divides the wrapped count, as NumPy divides it.
    Ok((count as i64).div_euclid(unit.num.max(1)))
}

/// Converts a datetime value between units through the calendar (floored to coarser units).
pub(crate) fn convert_datetime(v: i64, from: TimeUnit, to: TimeUnit) -> Result<i64> {
    if v == NAT || from == to {
        return Ok(v);
    }
    if to.is_generic() {
        return Err(Error::Value("Cannot cast NumPy timedelta64 scalar from metadata to generic units".into()));
    }
    from_instant(to_instant(v, from)?, to)
}

/// A unit's length as a fraction of attoseconds (numerator, denominator): Y is 365.2425 days,
/// M a twelfth of that.
fn length(unit: TimeUnit) -> (i128, i128) {
    let n = i128::from(unit.num);
    match unit.base {
        TimeBase::Year => (146_097 * ATTOS_PER_DAY * n, 400),
        TimeBase::Month => (146_097 * ATTOS_PER_DAY * n, 4_800),
        b => (attos(b) * n, 1),
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// The factor (numerator, denominator), in lowest terms, that turns a count of `from` into a
/// count of `to`.
pub(crate) fn timedelta_factor(from: TimeUnit, to: TimeUnit) -> (i128, i128) {
    let (a, b) = length(from);
    let (c, d) = length(to);
    let (num, den) = (a * d, b * c);
    let g = gcd(num, den).max(1);
    (num / g, den / g)
}

/// Converts a timedelta value between units, floored, as NumPy does.
pub(crate) fn convert_timedelta(v: i64, from: TimeUnit, to: TimeUnit) -> Result<i64> {
    if v == NAT || from == to || from.is_generic() {
        return Ok(v);
    }
    if to.is_generic() {
        return Err(Error::Value("Cannot cast NumPy timedelta64 scalar from metadata to generic units".into()));
    }
    let (num, den) = timedelta_factor(from, to);
    let x = i128::from(v)
        .checked_mul(num)
        .ok_or_else(|| Error::OutOfRange(format!("timedelta {v} in {from} overflows in {to}")))?
        .div_euclid(den);
    match i64::try_from(x) {
        Ok(y) if y != NAT => Ok(y),
        _ => Err(Error::OutOfRange(format!("timedelta {v} in {from} overflows in {to} (NumPy would wrap around)"))),
    }
}

/// NumPy's `get_datetime_units_factor` from a coarser linear base to a finer one; `None` when
/// the factor reaches 2**56 (NumPy treats it as an overflow).
fn units_factor(coarse: TimeBase, fine: TimeBase) -> Option<u64> {
    let mut f: u64 = 1;
    let mut b = coarse;
    let all = TimeBase::ALL;
    while b < fine {
        f = f.checked_mul(b.step_to_next() as u64)?;
        let k = all.iter().position(|x| *x == b)?;
        b = all[k + 1];
    }
    (f < (1 << 56)).then_some(f)
}

/// NumPy refuses a cast whose unit conversion factor it cannot hold (from the coarser base,
/// Y and M counted from days, to the finer, reaching 2**56).
pub(crate) fn check_factor(from: TimeUnit, to: TimeUnit) -> Result<()> {
    if from.is_generic() || to.is_generic() || from.base == to.base {
        return Ok(());
    }
    let (coarse, fine) = if from.base < to.base { (from.base, to.base) } else { (to.base, from.base) };
    if fine.is_nonlinear() {
        return Ok(());
    }
    let c = if coarse.is_nonlinear() { TimeBase::Day } else { coarse };
    if units_factor(c, fine).is_none() {
        return Err(Error::OutOfRange(format!(
            "Integer overflow while computing the conversion factor between NumPy datetime units {} and {}",
            coarse.code(),
            fine.code()
        )));
    }
    Ok(())
}

/// NumPy's `str()` of a timedelta64 value: the count in the unit's base (wrapping as NumPy's
/// int64 product does) and the base's plural name, `NaT`, or `5 generic time units`.
///
/// ```
/// use strider::datetime::timedelta_text;
/// let six_hours: strider::dtype::TimeUnit = "[6h]".parse().unwrap();
/// assert_eq!(timedelta_text(-3, six_hours), "-18 hours");
/// assert_eq!(timedelta_text(5, strider::dtype::TimeUnit::GENERIC), "5 generic time units");
/// assert_eq!(timedelta_text(strider::datetime::NAT, six_hours), "NaT");
/// ```
pub fn timedelta_text(v: i64, u: TimeUnit) -> String {
    if v == NAT {
        return "NaT".into();
    }
    let name = match u.base {
        TimeBase::Generic => return format!("{v} generic time units"),
        TimeBase::Year => "years",
        TimeBase::Month => "months",
        TimeBase::Week => "weeks",
        TimeBase::Day => "days",
        TimeBase::Hour => "hours",
        TimeBase::Minute => "minutes",
        TimeBase::Second => "seconds",
        TimeBase::Millisecond => "milliseconds",
        TimeBase::Microsecond => "microseconds",
        TimeBase::Nanosecond => "nanoseconds",
        TimeBase::Picosecond => "picoseconds",
        TimeBase::Femtosecond => "femtoseconds",
        TimeBase::Attosecond => "attoseconds",
    };
    // NumPy counts in the base unit: 3 steps of [6h] print as 18 hours.
    format!("{} {name}", v.wrapping_mul(u.num))
}

/// NumPy's `datetime_metadata_divides`: whether `src` is a whole multiple of `dst`.
fn divides(src: TimeUnit, dst: TimeUnit, strict: bool) -> bool {
    let (mut n1, mut n2) = (src.num as u64, dst.num as u64);
    let (b1, b2) = (src.base, dst.base);
    if b1 != b2 {
        if b1 == TimeBase::Year || b2 == TimeBase::Year {
            if b1 == TimeBase::Month {
                n2 = n2.saturating_mul(12);
            } else if b2 == TimeBase::Month {
                n1 = n1.saturating_mul(12);
            } else {
                return !strict;
            }
        } else if b1 == TimeBase::Month || b2 == TimeBase::Month {
            return !strict;
        } else if b1 < b2 {
            match units_factor(b1, b2) {
                Some(f) => n1 = n1.saturating_mul(f),
                None => return false,
            }
        } else {
            match units_factor(b2, b1) {
                Some(f) => n2 = n2.saturating_mul(f),
                None => return false,
            }
        }
    }
    if n1 >= 1 << 56 || n2 >= 1 << 56 || n2 == 0 {
        return false;
    }
    n1 % n2 == 0
}

/// NumPy's casting rule between two datetime (`timedelta == false`) or timedelta units.
pub(crate) fn can_cast_units(src: TimeUnit, dst: TimeUnit, casting: Casting, timedelta: bool) -> bool {
    if src.is_generic() {
        return true;
    }
    if dst.is_generic() {
        return casting == Casting::Unsafe;
    }
    match casting {
        Casting::Unsafe => true,
        Casting::No | Casting::Equiv => src == dst,
        Casting::SameKind => !timedelta || src.base.is_nonlinear() == dst.base.is_nonlinear(),
        Casting::Safe => {
            if timedelta && src.base.is_nonlinear() != dst.base.is_nonlinear() {
                return false;
            }
            src.base <= dst.base && divides(src, dst, timedelta)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(z);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2000, 1, 1), 10957);
    }
}

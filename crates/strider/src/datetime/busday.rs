//! Business days: NumPy's `busdaycalendar`, `is_busday`, `busday_offset` and `busday_count`.

use super::arith::{from_bools, from_i64};
use super::calendar::{civil_from_days, NAT};
use super::parse_datetime;
use crate::dtype::{TimeBase, TimeUnit};
use crate::layout::Order;
use crate::{broadcast_arrays, Casting, DType, Error, NdArray, Result};

const DAY: TimeUnit = TimeUnit::new(TimeBase::Day, 1);

/// Which weekdays are business days, Monday first (NumPy's `weekmask`).
///
/// ```
/// use strider::datetime::Weekmask;
/// assert_eq!(Weekmask::parse("1111100").unwrap(), Weekmask::default());
/// assert_eq!(Weekmask::parse("Mon Tue Wed Thu Fri").unwrap(), Weekmask::default());
/// assert!(Weekmask::parse("11111").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weekmask(pub [bool; 7]);

impl Default for Weekmask {
    fn default() -> Weekmask {
        Weekmask([true, true, true, true, true, false, false])
    }
}

impl Weekmask {
    /// Parses `'1111100'` or weekday abbreviations (`'Mon Tue Wed'`), as NumPy does.
    pub fn parse(s: &str) -> Result<Weekmask> {
        let bad = || Error::Value(format!("Invalid business day weekmask string \"{s}\""));
        let t = s.trim();
        if t.len() == 7 && t.bytes().all(|b| b == b'0' || b == b'1') {
            let mut m = [false; 7];
            for (k, b) in t.bytes().enumerate() {
                m[k] = b == b'1';
            }
            return Ok(Weekmask(m));
        }
        const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let mut m = [false; 7];
        let mut rest = t;
        while !rest.is_empty() {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let k = NAMES.iter().position(|n| rest.starts_with(n)).ok_or_else(bad)?;
            m[k] = true;
            rest = &rest[3..];
        }
        Ok(Weekmask(m))
    }

    /// From seven 0/1 integers, Monday first.
    ///
    /// ```
    /// assert!(strider::datetime::Weekmask::from_ints(&[1, 1, 1, 1, 1, 0, 0]).is_ok());
    /// ```
    pub fn from_ints(v: &[i64]) -> Result<Weekmask> {
        if v.len() != 7 {
            return Err(Error::Value("A business day weekmask array must have length 7".into()));
        }
        let mut m = [false; 7];
        for (k, &x) in v.iter().enumerate() {
            match x {
                0 => {}
                1 => m[k] = true,
                _ => return Err(Error::Value("A business day weekmask array must have all 1's and 0's".into())),
            }
        }
        Ok(Weekmask(m))
    }
}

/// A weekmask and sorted holidays (NumPy's `np.busdaycalendar`): holidays that are NaT or fall
/// on a non-business weekday are dropped, duplicates removed.
///
/// ```
/// use strider::datetime::{BusdayCalendar, Weekmask};
/// let c = BusdayCalendar::new(Weekmask::default(), &["2024-01-01", "2024-01-06", "2024-01-01"]).unwrap();
/// assert_eq!(c.holidays().len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusdayCalendar {
    mask: Weekmask,
    holidays: Vec<i64>,
}

/// Monday = 0 (1970-01-01 was a Thursday).
fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

impl BusdayCalendar {
    /// Builds a calendar; holidays are ISO dates.
    pub fn new(mask: Weekmask, holidays: &[&str]) -> Result<BusdayCalendar> {
        if !mask.0.iter().any(|&b| b) {
            return Err(Error::Value("the business day weekmask must have at least one valid business day".into()));
        }
        let mut h = Vec::new();
        for s in holidays {
            let (v, u) = parse_datetime(s)?;
            if v == NAT {
                continue;
            }
            let d = super::calendar::convert_datetime(v, u, DAY)?;
            if mask.0[weekday(d)] {
                h.push(d);
            }
        }
        h.sort_unstable();
        h.dedup();
        Ok(BusdayCalendar { mask, holidays: h })
    }

    /// The weekmask.
    ///
    /// ```
    /// # use strider::datetime::{BusdayCalendar, Weekmask};
    /// assert_eq!(BusdayCalendar::new(Weekmask::default(), &[]).unwrap().weekmask(), Weekmask::default());
    /// ```
    pub fn weekmask(&self) -> Weekmask {
        self.mask
    }

    /// The holidays as day numbers since 1970-01-01, sorted.
    ///
    /// ```
    /// # use strider::datetime::{BusdayCalendar, Weekmask};
    /// assert_eq!(BusdayCalendar::new(Weekmask::default(), &["1970-01-02"]).unwrap().holidays(), &[1]);
    /// ```
    pub fn holidays(&self) -> &[i64] {
        &self.holidays
    }

    fn is_busday(&self, d: i64) -> bool {
        self.mask.0[weekday(d)] && self.holidays.binary_search(&d).is_err()
    }

    /// Business days in `[a, b)` for `a <= b`.
    fn count(&self, a: i64, b: i64) -> i64 {
        let per_week = self.mask.0.iter().filter(|&&x| x).count() as i64;
        let weeks = (b - a) / 7;
        let mut n = weeks * per_week;
        let mut d = a + weeks * 7;
        while d < b {
            if self.mask.0[weekday(d)] {
                n += 1;
            }
            d += 1;
        }
        let lo = self.holidays.partition_point(|&h| h < a);
        let hi = self.holidays.partition_point(|&h| h < b);
        n - (hi - lo) as i64
    }
}

/// How `busday_offset` moves a date that is not a business day before offsetting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Roll {
    /// An error (`'raise'`).
    Raise,
    /// NaT (`'nat'`).
    Nat,
    /// The next business day (`'forward'`, `'following'`).
    Forward,
    /// The previous business day (`'backward'`, `'preceding'`).
    Backward,
    /// Forward unless that leaves the month, then backward.
    ModifiedFollowing,
    /// Backward unless that leaves the month, then forward.
    ModifiedPreceding,
}

impl std::str::FromStr for Roll {
    type Err = Error;
    /// NumPy's roll names.
    fn from_str(s: &str) -> Result<Roll> {
        Ok(match s {
            "raise" => Roll::Raise,
            "nat" => Roll::Nat,
            "forward" | "following" => Roll::Forward,
            "backward" | "preceding" => Roll::Backward,
            "modifiedfollowing" => Roll::ModifiedFollowing,
            "modifiedpreceding" => Roll::ModifiedPreceding,
            _ => return Err(Error::Value(format!("Invalid business day roll parameter \"{s}\""))),
        })
    }
}

fn days_of(a: &NdArray) -> Result<Vec<i64>> {
    let d = DType::datetime(DAY);
    if a.dtype().time_unit().is_none() || a.dtype().kind_char() != 'M' {
        return Err(Error::Type(format!(
            "Cannot cast array data from {:?} to {d:?} according to the rule 'safe'",
            a.dtype()
        )));
    }
    let v = a.astype(&d, Casting::Unsafe)?;
    v.to_bytes(Order::C).map(|b| {
        b.chunks_exact(8)
            .map(|c| {
                let mut x = [0u8; 8];
                x.copy_from_slice(c);
                i64::from_ne_bytes(x)
            })
            .collect()
    })
}

fn month_of(d: i64) -> (i128, i128) {
    let (y, m, _) = civil_from_days(i128::from(d));
    (y, m)
}

/// NumPy's `np.busday_offset(dates, offsets, roll=...)`: the date `offsets` business days after
/// each date (rolled first when it is not a business day), as `datetime64[D]`.
///
/// ```
/// use strider::datetime::{busday_offset, datetime_array, BusdayCalendar, Roll, Weekmask};
/// let d = datetime_array(&["2024-01-06"], &"M8[D]".parse().unwrap()).unwrap();
/// let o = strider::NdArray::from_vec(vec![0i64], &[1], strider::Order::C).unwrap();
/// let cal = BusdayCalendar::new(Weekmask::default(), &[]).unwrap();
/// assert_eq!(busday_offset(&d, &o, Roll::Forward, &cal).unwrap().to_string(), "['2024-01-08']");
/// assert_eq!(busday_offset(&d, &o, Roll::Raise, &cal).unwrap_err().to_string(), "Non-business day date in busday_offset");
/// ```
pub fn busday_offset(dates: &NdArray, offsets: &NdArray, roll: Roll, cal: &BusdayCalendar) -> Result<NdArray> {
    let offs = offsets.astype(&DType::INT64, Casting::SameKind)?;
    let v = broadcast_arrays(&[dates, &offs])?;
    let shape = v[0].shape().to_vec();
    let days = days_of(&v[0])?;
    let ks = v[1].to_vec::<i64>()?;
    let mut out = Vec::with_capacity(days.len());
    for (&d0, &k) in days.iter().zip(&ks) {
        if d0 == NAT {
            if roll == Roll::Raise {
                return Err(Error::Value("NaT input in busday_offset".into()));
            }
            out.push(NAT);
            continue;
        }
        let mut d = d0;
        if !cal.is_busday(d) {
            let fwd = |mut x: i64| {
                while !cal.is_busday(x) {
                    x += 1;
                }
                x
            };
            let back = |mut x: i64| {
                while !cal.is_busday(x) {
                    x -= 1;
                }
                x
            };
            d = match roll {
                Roll::Raise => return Err(Error::Value("Non-business day date in busday_offset".into())),
                Roll::Nat => {
                    out.push(NAT);
                    continue;
                }
                Roll::Forward => fwd(d),
                Roll::Backward => back(d),
                Roll::ModifiedFollowing => {
                    let f = fwd(d);
                    if month_of(f) != month_of(d) {
                        back(d)
                    } else {
                        f
                    }
                }
                Roll::ModifiedPreceding => {
                    let b = back(d);
                    if month_of(b) != month_of(d) {
                        fwd(d)
                    } else {
                        b
                    }
                }
            };
        }
        // Whole weeks keep the weekday and pass `per_week` weekmask days each; the holidays in
        // the jumped range are then made up one business day at a time.
        let per_week = cal.mask.0.iter().filter(|&&x| x).count() as i64;
        let weeks = k / per_week;
        let jumped =
            d.checked_add(weeks.checked_mul(7).ok_or_else(|| Error::OutOfRange("busday offset overflows".into()))?);
        let target = jumped.ok_or_else(|| Error::OutOfRange("busday offset overflows".into()))?;
        let (lo, hi) = if target >= d { (d + 1, target + 1) } else { (target, d) };
        let skipped = (cal.holidays.partition_point(|&h| h < hi) - cal.holidays.partition_point(|&h| h < lo)) as i64;
        d = target;
        let step = k.signum();
        let mut left = (k - weeks * per_week).abs() + skipped;
        while left > 0 {
            d += step;
            while !cal.is_busday(d) {
                d += step;
            }
            left -= 1;
        }
        out.push(d);
    }
    from_i64(&out, &shape, DType::datetime(DAY))
}

/// NumPy's `np.busday_count(begin, end)`: business days in `[begin, end)` (negative when `end`
/// is before `begin`), as int64.
///
/// ```
/// use strider::datetime::{busday_count, datetime_array, BusdayCalendar, Weekmask};
/// let d: strider::DType = "M8[D]".parse().unwrap();
/// let a = datetime_array(&["2024-01-01"], &d).unwrap();
/// let b = datetime_array(&["2024-02-01"], &d).unwrap();
/// let cal = BusdayCalendar::new(Weekmask::default(), &[]).unwrap();
/// assert_eq!(busday_count(&a, &b, &cal).unwrap().to_string(), "[23]");
/// ```
pub fn busday_count(begin: &NdArray, end: &NdArray, cal: &BusdayCalendar) -> Result<NdArray> {
    let v = broadcast_arrays(&[begin, end])?;
    let shape = v[0].shape().to_vec();
    let (a, b) = (days_of(&v[0])?, days_of(&v[1])?);
    let mut out = Vec::with_capacity(a.len());
    for (&x, &y) in a.iter().zip(&b) {
        if x == NAT || y == NAT {
            return Err(Error::Value("Cannot compute a business day count with a NaT (not-a-time) date".into()));
        }
        // Reversed, NumPy counts the half-open interval (end, begin].
        out.push(if x <= y { cal.count(x, y) } else { -cal.count(y + 1, x + 1) });
    }
    let r = NdArray::from_vec(out, &shape, Order::C)?;
    r.copy(Order::C)
}

/// NumPy's `np.is_busday(dates)`; NaT is not a business day.
///
/// ```
/// use strider::datetime::{datetime_array, is_busday, BusdayCalendar, Weekmask};
/// let a = datetime_array(&["2024-01-05", "2024-01-06"], &"M8[D]".parse().unwrap()).unwrap();
/// let cal = BusdayCalendar::new(Weekmask::default(), &[]).unwrap();
/// assert_eq!(is_busday(&a, &cal).unwrap().to_string(), "[ True False]");
/// ```
pub fn is_busday(dates: &NdArray, cal: &BusdayCalendar) -> Result<NdArray> {
    let days = days_of(dates)?;
    let vals: Vec<bool> = days.iter().map(|&d| d != NAT && cal.is_busday(d)).collect();
    from_bools(&vals, dates.shape())
}

//! Time units of `datetime64` and `timedelta64` dtypes: a base unit and a multiplier (`[10s]`).
//!
//! Owns [`TimeBase`] and [`TimeUnit`] (NumPy's datetime metadata) and their text forms. The
//! calendar arithmetic that uses them lives in `crate::datetime`.

use crate::{Error, Result};
use std::fmt;

/// A base time unit, coarse to fine, as NumPy orders them; `Generic` has no unit yet.
///
/// ```
/// use strider::dtype::TimeBase;
/// assert!(TimeBase::Year < TimeBase::Nanosecond);
/// assert_eq!(TimeBase::Microsecond.code(), "us");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeBase {
    /// `Y`
    Year,
    /// `M`
    Month,
    /// `W` (weeks of 7 days from Thursday 1970-01-01)
    Week,
    /// `D`
    Day,
    /// `h`
    Hour,
    /// `m`
    Minute,
    /// `s`
    Second,
    /// `ms`
    Millisecond,
    /// `us`
    Microsecond,
    /// `ns`
    Nanosecond,
    /// `ps`
    Picosecond,
    /// `fs`
    Femtosecond,
    /// `as`
    Attosecond,
    /// No unit (`M8`, `m8`).
    Generic,
}

impl TimeBase {
    /// Every unit with a meaning, coarse to fine.
    ///
    /// ```
    /// assert_eq!(strider::dtype::TimeBase::ALL.len(), 13);
    /// ```
    pub const ALL: [TimeBase; 13] = [
        TimeBase::Year,
        TimeBase::Month,
        TimeBase::Week,
        TimeBase::Day,
        TimeBase::Hour,
        TimeBase::Minute,
        TimeBase::Second,
        TimeBase::Millisecond,
        TimeBase::Microsecond,
        TimeBase::Nanosecond,
        TimeBase::Picosecond,
        TimeBase::Femtosecond,
        TimeBase::Attosecond,
    ];

    /// NumPy's code for the unit (`generic` for none).
    ///
    /// ```
    /// assert_eq!(strider::dtype::TimeBase::Minute.code(), "m");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            TimeBase::Year => "Y",
            TimeBase::Month => "M",
            TimeBase::Week => "W",
            TimeBase::Day => "D",
            TimeBase::Hour => "h",
            TimeBase::Minute => "m",
            TimeBase::Second => "s",
            TimeBase::Millisecond => "ms",
            TimeBase::Microsecond => "us",
            TimeBase::Nanosecond => "ns",
            TimeBase::Picosecond => "ps",
            TimeBase::Femtosecond => "fs",
            TimeBase::Attosecond => "as",
            TimeBase::Generic => "generic",
        }
    }

    /// Parses a unit code (`μs` is accepted for `us`).
    ///
    /// ```
    /// use strider::dtype::TimeBase;
    /// assert_eq!(TimeBase::from_code("ps"), Some(TimeBase::Picosecond));
    /// assert_eq!(TimeBase::from_code("B"), None);
    /// ```
    pub fn from_code(s: &str) -> Option<TimeBase> {
        if s == "μs" {
            return Some(TimeBase::Microsecond);
        }
        TimeBase::ALL.into_iter().chain([TimeBase::Generic]).find(|b| b.code() == s)
    }

    /// Whether the unit is Y or M (their length in days varies).
    ///
    /// ```
    /// assert!(strider::dtype::TimeBase::Month.is_nonlinear());
    /// ```
    pub const fn is_nonlinear(self) -> bool {
        matches!(self, TimeBase::Year | TimeBase::Month)
    }

    /// How many of the next finer unit make one of this unit (W: 7 D, D: 24 h, ... fs: 1000 as).
    pub(crate) const fn step_to_next(self) -> i64 {
        // NumPy's factor table: Y and M have no even factor and count as 1.
        match self {
            TimeBase::Year | TimeBase::Month => 1,
            TimeBase::Week => 7,
            TimeBase::Day => 24,
            TimeBase::Hour | TimeBase::Minute => 60,
            _ => 1000,
        }
    }
}

/// NumPy's datetime metadata: a base unit and a multiplier (`[25s]` is 25 seconds).
///
/// ```
/// use strider::dtype::{TimeBase, TimeUnit};
/// let u: TimeUnit = "[25s]".parse().unwrap();
/// assert_eq!(u, TimeUnit::new(TimeBase::Second, 25));
/// assert_eq!(u.to_string(), "[25s]");
/// assert_eq!(TimeUnit::GENERIC.to_string(), "");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeUnit {
    /// The base unit.
    pub base: TimeBase,
    /// The multiplier (1 for a plain unit).
    pub num: i64,
}

impl TimeUnit {
    /// The generic unit (`M8`, `m8`).
    ///
    /// ```
    /// assert!(strider::dtype::TimeUnit::GENERIC.is_generic());
    /// ```
    pub const GENERIC: TimeUnit = TimeUnit { base: TimeBase::Generic, num: 1 };

    /// A unit with a multiplier.
    ///
    /// ```
    /// use strider::dtype::{TimeBase, TimeUnit};
    /// assert_eq!(TimeUnit::new(TimeBase::Day, 1).to_string(), "[D]");
    /// ```
    pub const fn new(base: TimeBase, num: i64) -> TimeUnit {
        TimeUnit { base, num }
    }

    /// Whether this is the generic unit.
    ///
    /// ```
    /// assert!(!strider::dtype::TimeUnit::new(strider::dtype::TimeBase::Day, 1).is_generic());
    /// ```
    pub fn is_generic(&self) -> bool {
        self.base == TimeBase::Generic
    }
}

impl fmt::Display for TimeUnit {
    /// The bracketed metadata as NumPy writes it in dtype strings; empty for generic.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.base, self.num) {
            (TimeBase::Generic, _) => Ok(()),
            (b, 1) => write!(f, "[{}]", b.code()),
            (b, n) => write!(f, "[{n}{}]", b.code()),
        }
    }
}

impl std::str::FromStr for TimeUnit {
    type Err = Error;

    /// Parses `[unit]` or `[Nunit]` (or the empty string for generic), with NumPy's errors.
    fn from_str(s: &str) -> Result<TimeUnit> {
        if s.is_empty() {
            return Ok(TimeUnit::GENERIC);
        }
        let bad_at = |pos: usize| Error::Type(format!("Invalid datetime metadata string \"{s}\" at position {pos}"));
        let inner = s.strip_prefix('[').ok_or_else(|| bad_at(0))?;
        let inner = inner.strip_suffix(']').ok_or_else(|| bad_at(s.len().saturating_sub(1)))?;
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        let code = &inner[digits..];
        if code.is_empty() {
            return Err(bad_at(1 + digits));
        }
        if digits == 0 && !code.chars().next().is_some_and(char::is_alphabetic) {
            return Err(bad_at(1));
        }
        let num = if digits == 0 { 1 } else { inner[..digits].parse::<i64>().map_err(|_| bad_at(1))? };
        let base = TimeBase::from_code(code)
            .filter(|b| *b != TimeBase::Generic)
            .ok_or_else(|| Error::Type(format!("Invalid datetime unit in metadata string \"{s}\"")))?;
        Ok(TimeUnit { base, num })
    }
}

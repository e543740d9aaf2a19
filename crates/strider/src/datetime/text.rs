//! ISO 8601 text of datetimes: NumPy's parser (with unit inference) and printer.

use super::calendar::{civil_from_days, days_from_civil, days_in_month, from_instant, to_instant, Instant, NAT};
use crate::dtype::{TimeBase, TimeUnit};
use crate::{Error, Result};

// NumPy's messages print the text as a C string: up to its first NUL.
fn shown(s: &str) -> &str {
    s.split('\0').next().unwrap_or_default()
}

fn at(s: &str, pos: usize) -> Error {
    Error::Value(format!("Error parsing datetime string \"{}\" at position {pos}", shown(s)))
}

fn range(what: &str, s: &str) -> Error {
    Error::Value(format!("{what} out of range in datetime string \"{}\"", shown(s)))
}

/// Parses one ISO 8601 datetime as NumPy does, giving the value and the unit its text implies
/// (`'2020-01'` is months, `'…T12:30:15.5'` milliseconds). `''` and any case of `'nat'` are NaT
/// with the generic unit. A trailing `Z` or `±hh[:mm]` offset is converted to UTC.
///
/// ```
/// use strider::datetime::parse_datetime;
/// use strider::dtype::TimeBase;
/// let (v, u) = parse_datetime("2020-01-15").unwrap();
/// assert_eq!((v, u.base), (18276, TimeBase::Day));
/// assert_eq!(parse_datetime("2020-02-30").unwrap_err().to_string(), "Day out of range in datetime string \"2020-02-30\"");
/// ```
pub fn parse_datetime(s: &str) -> Result<(i64, TimeUnit)> {
    match parse_instant(s)? {
        (Some(t), unit) => Ok((from_instant(t, unit)?, unit)),
        (None, unit) => Ok((NAT, unit)),
    }
}

/// Parses ISO text into the instant it names (`None` for NaT) and the unit its text implies.
pub(crate) fn parse_instant(s: &str) -> Result<(Option<Instant>, TimeUnit)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let rest = &s[i..];
    if s.is_empty() || rest.eq_ignore_ascii_case("nat") {
        return Ok((None, TimeUnit::GENERIC));
    }
    // NumPy's two words for the clock, in any case but without surrounding spaces: the local
    // date in days, the current time in whole seconds.
    if s.eq_ignore_ascii_case("today") {
        return Ok((Some(super::zone::today()?), TimeUnit::new(TimeBase::Day, 1)));
    }
    if s.eq_ignore_ascii_case("now") {
        return Ok((Some(super::zone::now()?), TimeUnit::new(TimeBase::Second, 1)));
    }
    let digits = |i: &mut usize, n: usize| -> Result<i128> {
        if *i + n > b.len() || !b[*i..*i + n].iter().all(u8::is_ascii_digit) {
            return Err(at(s, *i));
        }
        let v = s[*i..*i + n].parse::<i128>().map_err(|_| at(s, *i))?;
        *i += n;
        Ok(v)
    };
    let neg = match b.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let ystart = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == ystart {
        return Err(at(s, i));
    }
    let year: i128 = s[ystart..i].parse().map_err(|_| at(s, ystart))?;
    let year = if neg { -year } else { year };
    let (mut month, mut day, mut hour, mut minute, mut second) = (1, 1, 0, 0, 0);
    let mut frac: i128 = 0; // attoseconds
    let mut base = TimeBase::Year;
    let done = |i: usize| i == b.len();
    'parse: {
        if done(i) {
            break 'parse;
        }
        if b[i] != b'-' {
            return Err(at(s, i));
        }
        i += 1;
        month = digits(&mut i, 2)?;
        if !(1..=12).contains(&month) {
            return Err(range("Month", s));
        }
        base = TimeBase::Month;
        if done(i) {
            break 'parse;
        }
        if b[i] != b'-' {
            return Err(at(s, i));
        }
        i += 1;
        day = digits(&mut i, 2)?;
        if day < 1 || day > days_in_month(year, month) {
            return Err(range("Day", s));
        }
        base = TimeBase::Day;
        if done(i) {
            break 'parse;
        }
        if b[i] != b'T' && b[i] != b' ' {
            return Err(at(s, i));
        }
        i += 1;
        hour = digits(&mut i, 2)?;
        if hour >= 24 {
            return Err(range("Hours", s));
        }
        base = TimeBase::Hour;
        if done(i) || matches!(b[i], b'Z' | b'+' | b'-') {
            break 'parse;
        }
        if b[i] != b':' {
            return Err(at(s, i));
        }
        i += 1;
        minute = digits(&mut i, 2)?;
        if minute >= 60 {
            return Err(range("Minutes", s));
        }
        base = TimeBase::Minute;
        if done(i) || matches!(b[i], b'Z' | b'+' | b'-') {
            break 'parse;
        }
        if b[i] != b':' {
            return Err(at(s, i));
        }
        i += 1;
        second = digits(&mut i, 2)?;
        if second >= 60 {
            return Err(range("Seconds", s));
        }
        base = TimeBase::Second;
        if done(i) || b[i] != b'.' {
            break 'parse;
        }
        i += 1;
        let fstart = i;
        while i < b.len() && b[i].is_ascii_digit() && i - fstart < 18 {
            i += 1;
        }
        let n = i - fstart;
        if n == 0 {
            return Err(at(s, i));
        }
        let mut f: i128 = s[fstart..i].parse().map_err(|_| at(s, fstart))?;
        for _ in n..18 {
            f *= 10;
        }
        frac = f;
        base = match n {
            1..=3 => TimeBase::Millisecond,
            4..=6 => TimeBase::Microsecond,
            7..=9 => TimeBase::Nanosecond,
            10..=12 => TimeBase::Picosecond,
            13..=15 => TimeBase::Femtosecond,
            _ => TimeBase::Attosecond,
        };
    }
    let mut offset_minutes: i128 = 0;
    if i < b.len() && base >= TimeBase::Hour {
        match b[i] {
            b'Z' => i += 1,
            sign @ (b'+' | b'-') => {
                i += 1;
                let hh = digits(&mut i, 2)?;
                let mut mm = 0;
                if i < b.len() && b[i] == b':' {
                    i += 1;
                    mm = digits(&mut i, 2)?;
                } else if i < b.len() {
                    mm = digits(&mut i, 2)?;
                }
                offset_minutes = (hh * 60 + mm) * if sign == b'-' { -1 } else { 1 };
            }
            _ => {}
        }
    }
    if i != b.len() {
        return Err(at(s, i));
    }
    let days = days_from_civil(year, month, day);
    let secs = hour * 3600 + minute * 60 + second - offset_minutes * 60;
    let total = secs * 1_000_000_000_000_000_000 + frac;
    let t = Instant {
        days: days + total.div_euclid(86_400 * 1_000_000_000_000_000_000),
        attos: total.rem_euclid(86_400 * 1_000_000_000_000_000_000),
    };
    Ok((Some(t), TimeUnit::new(base, 1)))
}

/// The ISO 8601 text of datetime `v` in `unit`, printed down to `out` (NumPy's
/// `datetime_as_string(x, unit=out)`); `NaT` for NaT. Years print with at least four digits,
/// a negative year keeping its sign inside the width (`-001`).
///
/// ```
/// use strider::datetime::format_datetime;
/// use strider::dtype::{TimeBase, TimeUnit};
/// let d = TimeUnit::new(TimeBase::Day, 1);
/// assert_eq!(format_datetime(18276, d, d).unwrap(), "2020-01-15");
/// assert_eq!(format_datetime(18276, d, TimeUnit::new(TimeBase::Minute, 1)).unwrap(), "2020-01-15T00:00");
/// ```
pub fn format_datetime(v: i64, unit: TimeUnit, out: TimeUnit) -> Result<String> {
    if v == NAT {
        return Ok("NaT".into());
    }
    let t = to_instant(v, unit)?;
    Ok(format_instant(&t, out.base))
}

/// ISO text of an instant down to `ob` (coarser parts floored, finer digits cut).
pub(crate) fn format_instant(t: &Instant, ob: TimeBase) -> String {
    let (y, m, d) = civil_from_days(t.days);
    let mut s = format!("{y:04}");
    if ob == TimeBase::Year {
        return s;
    }
    s.push_str(&format!("-{m:02}"));
    if ob == TimeBase::Month {
        return s;
    }
    s.push_str(&format!("-{d:02}"));
    if ob <= TimeBase::Day {
        return s;
    }
    let secs = t.attos / 1_000_000_000_000_000_000;
    let frac = t.attos % 1_000_000_000_000_000_000;
    s.push_str(&format!("T{:02}", secs / 3600));
    if ob == TimeBase::Hour {
        return s;
    }
    s.push_str(&format!(":{:02}", secs / 60 % 60));
    if ob == TimeBase::Minute {
        return s;
    }
    s.push_str(&format!(":{:02}", secs % 60));
    let ndig = match ob {
        TimeBase::Millisecond => 3,
        TimeBase::Microsecond => 6,
        TimeBase::Nanosecond => 9,
        TimeBase::Picosecond => 12,
        TimeBase::Femtosecond => 15,
        TimeBase::Attosecond => 18,
        _ => 0,
    };
    if ndig > 0 {
        let f = format!("{frac:018}");
        s.push('.');
        s.push_str(&f[..ndig]);
    }
    s
}

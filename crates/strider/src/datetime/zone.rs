//! The system clock and time zones: `'today'` and `'now'`, and the UTC offsets that
//! `datetime_as_string(timezone=...)` prints.
//!
//! Owns every use of the clock and of the time-zone database (through `jiff`, which reads the
//! system's zoneinfo and `TZ`). Nothing else in the crate asks for the time of day.

use super::calendar::{days_from_civil, Instant};
use crate::{Error, Result};

const ATTOS_PER_SECOND: i128 = 1_000_000_000_000_000_000;

fn clock_error(e: impl std::fmt::Display) -> Error {
    Error::Value(format!("the system clock or time zone could not be read: {e}"))
}

/// The current instant to whole seconds (NumPy's `'now'`).
pub(crate) fn now() -> Result<Instant> {
    let secs = i128::from(jiff::Timestamp::now().as_second());
    Ok(Instant { days: secs.div_euclid(86_400), attos: secs.rem_euclid(86_400) * ATTOS_PER_SECOND })
}

/// Midnight of the current date in the system's time zone (NumPy's `'today'` is a local date).
pub(crate) fn today() -> Result<Instant> {
    let z = jiff::Zoned::now();
    let d = z.date();
    Ok(Instant { days: days_from_civil(i128::from(d.year()), i128::from(d.month()), i128::from(d.day())), attos: 0 })
}

/// The IANA name of the system's time zone, when it has one (`TZ` or `/etc/localtime`).
///
/// ```
/// if let Some(name) = strider::datetime::system_zone_name() {
///     assert!(!name.is_empty());
/// }
/// ```
pub fn system_zone_name() -> Option<String> {
    jiff::tz::TimeZone::system().iana_name().map(str::to_string)
}

/// The offset from UTC in minutes at the UTC instant `t` of the system's zone, or of IANA zone
/// `zone` (floored to the minute, as NumPy asks `localtime` about whole minutes).
pub(crate) fn local_offset_minutes(t: &Instant, zone: Option<&str>) -> Result<i64> {
    let secs = t.days * 86_400 + t.attos / ATTOS_PER_SECOND;
    let secs = secs - secs.rem_euclid(60);
    // jiff's timestamps end a day inside years -9999 and 9999: the zone's rules there are the
    // same as a day earlier.
    let secs = secs.clamp(-377_705_023_201 + 2 * 86_400, 253_402_207_200 - 2 * 86_400);
    let ts = jiff::Timestamp::from_second(i64::try_from(secs).map_err(clock_error)?).map_err(clock_error)?;
    let tz = match zone {
        Some(name) => {
            jiff::tz::TimeZone::get(name).map_err(|e| Error::Value(format!("unknown time zone {name:?}: {e}")))?
        }
        None => jiff::tz::TimeZone::system(),
    };
    let off = tz.to_offset(ts);
    Ok(i64::from(off.seconds()).div_euclid(60))
}

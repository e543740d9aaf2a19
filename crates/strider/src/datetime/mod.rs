//! datetime64 and timedelta64: parsing, printing, unit conversion, arithmetic and business days.
//!
//! Owns the calendar (`calendar`), ISO 8601 text (`text`), the array functions NumPy's ufuncs
//! perform on these dtypes (`arith`: add, subtract, multiply, divide, floor division, modulus,
//! comparisons with NaT semantics) and the business-day functions (`busday`). The lead routes
//! the ufuncs here; this module touches no other module's internals.

mod arith;
mod busday;
pub(crate) mod calendar;
pub(crate) mod text;
mod zone;

pub use arith::{add, compare, divide, divmod, floor_divide, isnat, max, min, multiply, remainder, subtract, Cmp};
pub(crate) use arith::{extremum, unary};
pub use busday::{busday_count, busday_offset, is_busday, BusdayCalendar, Roll, Weekmask};

pub use calendar::{timedelta_text, NAT};
pub use text::{format_datetime, parse_datetime};
pub use zone::system_zone_name;

use crate::dtype::{DTypeKind, TimeBase, TimeUnit};
use crate::{DType, Error, NdArray, Result};

/// NumPy's `np.array(strings, dtype='M8[unit]')`: ISO strings parsed into a 1-d datetime array.
/// With the generic unit (`'M8'`) the finest unit among the strings is used; with a unit, each
/// value is converted to it (floored, as NumPy truncates `'2020-01-01T12'` to a day).
///
/// ```
/// let a = strider::datetime::datetime_array(&["2020-01-01T00", "2020"], &"M8".parse().unwrap()).unwrap();
/// assert_eq!(format!("{a:?}"), "array(['2020-01-01T00', '2020-01-01T00'], dtype='datetime64[h]')");
/// ```
pub fn datetime_array(strings: &[&str], dtype: &DType) -> Result<NdArray> {
    let DTypeKind::DateTime(unit) = dtype.kind() else {
        return Err(Error::Type(format!("datetime_array needs a datetime64 dtype, not {dtype}")));
    };
    let parsed: Vec<(Option<calendar::Instant>, TimeUnit)> =
        strings.iter().map(|s| text::parse_instant(s)).collect::<Result<_>>()?;
    let unit = if unit.is_generic() {
        let mut u = TimeUnit::GENERIC;
        for (t, pu) in &parsed {
            if t.is_some() {
                u = arith::common_unit(*pu, u, false, false)?;
            }
        }
        u
    } else {
        *unit
    };
    let vals: Vec<i64> = parsed
        .iter()
        .map(|&(t, _)| match t {
            Some(t) => calendar::from_instant(t, unit),
            None => Ok(NAT),
        })
        .collect::<Result<_>>()?;
    let out = arith::from_i64(&vals, &[vals.len()], DType::datetime(unit))?;
    if dtype.is_native() {
        Ok(out)
    } else {
        out.astype(&DType::datetime(unit).with_byte_order(dtype.byte_order()), crate::Casting::Unsafe)
    }
}

/// Writes `elems` (C order of `shape`, `n` bytes each) into a fresh array laid out as an
/// order-K allocation like `like` (as NumPy's `datetime_as_string` allocates).
pub(crate) fn fresh_like(like: &NdArray, dtype: DType, elems: &[u8]) -> Result<NdArray> {
    let n = dtype.itemsize();
    let c = NdArray::alloc(dtype.clone(), like.shape(), crate::Order::C)?;
    let o = c.offset();
    c.storage().with_write(|b| b[o..o + elems.len()].copy_from_slice(elems))?;
    let strides = if like.size() == 0 {
        vec![0; like.ndim()]
    } else {
        crate::layout::strides_like(like.shape(), like.strides(), like.itemsize(), n)
    };
    let out = NdArray::alloc_with_strides(dtype, like.shape().to_vec(), strides)?;
    out.assign(&c)?;
    Ok(out)
}

pub(crate) fn from_bools_pub(vals: &[bool], shape: &[usize]) -> Result<NdArray> {
    arith::from_bools(vals, shape)
}

/// A timedelta64 array of `shape` (C order) holding `values` counted in `unit` (`i64::MIN` is NaT).
///
/// ```
/// use strider::dtype::{TimeBase, TimeUnit};
/// let t = strider::datetime::timedelta_array(&[5, strider::datetime::NAT], &[2], TimeUnit::new(TimeBase::Second, 1)).unwrap();
/// assert_eq!(format!("{t:?}"), "array([    5, 'NaT'], dtype='timedelta64[s]')");
/// ```
pub fn timedelta_array(values: &[i64], shape: &[usize], unit: TimeUnit) -> Result<NdArray> {
    arith::from_i64(values, shape, DType::timedelta(unit))
}

/// Characters NumPy reserves for a datetime string printed down to `base`.
fn iso_len(base: TimeBase) -> usize {
    match base {
        TimeBase::Year => 22,
        TimeBase::Month => 25,
        TimeBase::Week | TimeBase::Day | TimeBase::Generic => 28,
        TimeBase::Hour => 32,
        TimeBase::Minute => 35,
        TimeBase::Second => 38,
        TimeBase::Millisecond => 42,
        TimeBase::Microsecond => 45,
        TimeBase::Nanosecond => 48,
        TimeBase::Picosecond => 51,
        TimeBase::Femtosecond => 54,
        TimeBase::Attosecond => 57,
    }
}

/// NumPy's `np.datetime_as_string(a, unit=None)`: a unicode array of ISO 8601 text, printed
/// down to `unit` (the array's own unit by default; a coarser unit floors the values).
///
/// ```
/// let a = strider::datetime::datetime_array(&["2020-01-01T10:11:12.5"], &"M8[ms]".parse().unwrap()).unwrap();
/// let d: strider::dtype::TimeUnit = "[D]".parse().unwrap();
/// assert_eq!(format!("{:?}", strider::datetime::datetime_as_string(&a, Some(d)).unwrap()), "array(['2020-01-01'], dtype='<U28')");
/// ```
pub fn datetime_as_string(a: &NdArray, unit: Option<TimeUnit>) -> Result<NdArray> {
    let u = match unit {
        Some(u) => StringUnit::Unit(u),
        None => StringUnit::Own,
    };
    datetime_as_string_with(a, u, false)
}

/// The `unit=` of `datetime_as_string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringUnit {
    /// The array's own unit (`unit=None`).
    Own,
    /// Per element, the coarsest unit that loses nothing, never coarser than days and never
    /// hours alone (`unit='auto'`).
    Auto,
    /// This unit.
    Unit(TimeUnit),
}

/// The coarsest unit that still shows every nonzero part of an instant's time of day (days
/// when it has none): NumPy's per-element precision for `unit='auto'` and for the casting check
/// of local times.
fn lossless_unit(t: &calendar::Instant) -> TimeBase {
    let frac = t.attos % 1_000_000_000_000_000_000;
    let secs = t.attos / 1_000_000_000_000_000_000;
    let fine: [(i128, TimeBase); 6] = [
        (1_000, TimeBase::Attosecond),
        (1_000_000, TimeBase::Femtosecond),
        (1_000_000_000, TimeBase::Picosecond),
        (1_000_000_000_000, TimeBase::Nanosecond),
        (1_000_000_000_000_000, TimeBase::Microsecond),
        (1_000_000_000_000_000_000, TimeBase::Millisecond),
    ];
    for (m, b) in fine {
        if frac % m != 0 {
            return b;
        }
    }
    if secs % 60 != 0 {
        TimeBase::Second
    } else if secs % 3600 != 0 {
        TimeBase::Minute
    } else if secs != 0 {
        TimeBase::Hour
    } else {
        TimeBase::Day
    }
}

/// NumPy's `np.datetime_as_string(a, unit=..., timezone='naive' | 'UTC')`: with `utc`, text
/// finer than days ends in `Z`.
///
/// ```
/// use strider::datetime::{datetime_array, datetime_as_string_with, StringUnit};
/// let a = datetime_array(&["2020-01-01T05", "2020-01-02"], &"M8[ms]".parse().unwrap()).unwrap();
/// assert_eq!(datetime_as_string_with(&a, StringUnit::Auto, false).unwrap().to_strings().unwrap(), vec!["2020-01-01T05:00", "2020-01-02"]);
/// assert_eq!(datetime_as_string_with(&a, StringUnit::Own, true).unwrap().to_strings().unwrap()[0], "2020-01-01T05:00:00.000Z");
/// ```
pub fn datetime_as_string_with(a: &NdArray, unit: StringUnit, utc: bool) -> Result<NdArray> {
    let tz = if utc { Timezone::Utc } else { Timezone::Naive };
    datetime_as_string_tz(a, unit, &tz, crate::Casting::SameKind)
}

/// The `timezone=` of `datetime_as_string`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timezone {
    /// `'naive'`: UTC text without a marker.
    Naive,
    /// `'UTC'`: UTC text, ending in `Z` when finer than days.
    Utc,
    /// `'local'`: the system's time zone with a `+hhmm` suffix, for years 1970 to 9999 (other
    /// years print as naive text, as NumPy does).
    Local,
    /// `'local'` as printed on a machine whose time zone is this IANA zone (reproducible
    /// output, and what the conformance cases check `'local'` with).
    LocalIn(String),
    /// A fixed offset in minutes east of UTC (a `datetime.timezone(timedelta(...))`).
    Offset(i64),
    /// An IANA zone (a `zoneinfo.ZoneInfo(name)`): every value shifted into it, whatever its
    /// year (years outside 1 to 9999 and NaT are NumPy's errors there).
    Zone(String),
}

impl std::str::FromStr for Timezone {
    type Err = Error;
    /// NumPy's string forms: `'naive'`, `'UTC'`, `'local'` (exactly so).
    fn from_str(s: &str) -> Result<Timezone> {
        match s {
            "naive" => Ok(Timezone::Naive),
            "UTC" => Ok(Timezone::Utc),
            "local" => Ok(Timezone::Local),
            _ => Err(Error::Value(format!("Unsupported timezone input string \"{s}\""))),
        }
    }
}

fn casting_name(c: crate::Casting) -> &'static str {
    match c {
        crate::Casting::No => "no",
        crate::Casting::Equiv => "equiv",
        crate::Casting::Safe => "safe",
        crate::Casting::SameKind => "same_kind",
        crate::Casting::Unsafe => "unsafe",
    }
}

/// NumPy's `np.datetime_as_string(a, unit=, timezone=, casting=)`: ISO text of each datetime,
/// in UTC or shifted into a time zone with its `+hhmm` offset. `casting` governs printing at a
/// coarser unit than the data (`'same_kind'` allows it) and dates of local times (`'unsafe'`
/// only), with NumPy's errors.
///
/// ```
/// use strider::datetime::{datetime_array, datetime_as_string_tz, StringUnit, Timezone};
/// use strider::Casting;
/// let a = datetime_array(&["2020-01-01T10:30", "1969-07-20T20:17"], &"M8[m]".parse().unwrap()).unwrap();
/// let t = datetime_as_string_tz(&a, StringUnit::Own, &Timezone::Offset(-210), Casting::SameKind).unwrap();
/// assert_eq!(t.to_strings().unwrap(), vec!["2020-01-01T07:00-0330", "1969-07-20T16:47-0330"]);
/// let d: strider::dtype::TimeUnit = "[D]".parse().unwrap();
/// assert!(datetime_as_string_tz(&a, StringUnit::Unit(d), &Timezone::Local, Casting::SameKind).is_err());
/// ```
pub fn datetime_as_string_tz(a: &NdArray, unit: StringUnit, tz: &Timezone, casting: crate::Casting) -> Result<NdArray> {
    let DTypeKind::DateTime(own) = a.dtype().kind() else {
        return Err(Error::Type("input must have type NumPy datetime".into()));
    };
    let fixed = match unit {
        StringUnit::Own => Some(TimeUnit::new(own.base, 1)),
        StringUnit::Unit(u) => {
            let u = TimeUnit::new(u.base, 1);
            // NumPy compares base units only: finer is safe, coarser needs 'same_kind'.
            let ok = match casting {
                crate::Casting::Unsafe | crate::Casting::SameKind => true,
                crate::Casting::Safe => own.base <= u.base,
                crate::Casting::No | crate::Casting::Equiv => own.base == u.base,
            };
            if !own.is_generic() && !ok {
                return Err(Error::Type(format!(
                    "Cannot create a datetime string as units '{}' from a NumPy datetime with units '{}' according to the rule '{}'",
                    u.base.code(),
                    own.base.code(),
                    casting_name(casting)
                )));
            }
            Some(u)
        }
        StringUnit::Auto => None,
    };
    let zoned = !matches!(tz, Timezone::Naive | Timezone::Utc);
    let day = TimeUnit::new(TimeBase::Day, 1);
    let vals = a.astype(&DType::INT64, crate::Casting::Unsafe)?.to_vec::<i64>()?;
    let mut texts = Vec::with_capacity(vals.len());
    for &v in &vals {
        let tzinfo = matches!(tz, Timezone::Offset(_) | Timezone::Zone(_));
        if v == NAT {
            if tzinfo {
                return Err(Error::Value("year 0 is out of range".into()));
            }
            texts.push("NaT".to_string());
            continue;
        }
        let t = calendar::to_instant(v, *own)?;
        let year = calendar::civil_from_days(t.days).0;
        if tzinfo && !(1..=9999).contains(&year) {
            return Err(Error::Value(format!("year {year} is out of range")));
        }
        let local = zoned && (tzinfo || (1970..10000).contains(&year));
        let mut out = match fixed {
            Some(u) if u.base == TimeBase::Week => day,
            Some(u) => u,
            None => {
                // Never hours alone; a local time shows at least its minutes.
                let b = lossless_unit(&t);
                let minutes = b == TimeBase::Hour || (local && b < TimeBase::Minute);
                TimeUnit::new(if minutes { TimeBase::Minute } else { b }, 1)
            }
        };
        if out.base == TimeBase::Week {
            out = day;
        }
        let mut text = if local {
            let off = match tz {
                Timezone::Offset(m) => *m,
                Timezone::Zone(name) => zone::local_offset_minutes(&t, Some(name))?,
                Timezone::LocalIn(name) => zone::local_offset_minutes(&t, Some(name))?,
                _ => zone::local_offset_minutes(&t, None)?,
            };
            let shifted = calendar::shift_minutes(t, off);
            if casting != crate::Casting::Unsafe {
                if out.base <= TimeBase::Day {
                    return Err(Error::Type(
                        "Cannot create a local timezone-based date string from a NumPy datetime without forcing 'unsafe' casting"
                            .into(),
                    ));
                }
                let prec = lossless_unit(&shifted);
                if casting != crate::Casting::SameKind && prec > out.base {
                    return Err(Error::Type(format!(
                        "Cannot create a string with unit precision '{}' from the NumPy datetime, which has data at unit precision '{}', requires 'unsafe' or 'same_kind' casting",
                        out.base.code(),
                        prec.code()
                    )));
                }
            }
            let mut s = text::format_instant(&shifted, out.base);
            if out.base >= TimeBase::Hour {
                let sign = if off < 0 { '-' } else { '+' };
                s.push_str(&format!("{sign}{:02}{:02}", off.abs() / 60, off.abs() % 60));
            }
            s
        } else {
            text::format_instant(&t, out.base)
        };
        if *tz == Timezone::Utc && out.base > TimeBase::Day {
            text.push('Z');
        }
        texts.push(text);
    }
    let width = match fixed {
        Some(u) if zoned && u.base >= TimeBase::Hour => iso_len(u.base) + 4,
        Some(u) => iso_len(u.base),
        None => iso_len(TimeBase::Attosecond) + 5,
    };
    let d = DType::unicode(width);
    let n = d.itemsize();
    let mut buf = vec![0u8; n * texts.len()];
    for (k, t) in texts.iter().enumerate() {
        crate::dtype::transfer::encode(
            &d,
            &t.chars().map(u32::from).collect::<Vec<_>>(),
            &mut buf[k * n..(k + 1) * n],
        )?;
    }
    fresh_like(a, d, &buf)
}

/// NumPy's `np.arange(np.datetime64(start), np.datetime64(stop), step, dtype)`: datetimes from
/// `start` (inclusive) to `stop` (exclusive) every `step` units of the result's unit (the
/// common unit of the two dates, or `dtype`'s).
///
/// ```
/// let a = strider::datetime::arange("2020", "2030", 4, None).unwrap();
/// assert_eq!(format!("{a:?}"), "array(['2020', '2024', '2028'], dtype='datetime64[Y]')");
/// ```
pub fn arange(start: &str, stop: &str, step: i64, dtype: Option<&DType>) -> Result<NdArray> {
    let (a, ua) = parse_datetime(start)?;
    let (b, ub) = parse_datetime(stop)?;
    let unit = match dtype.map(DType::kind) {
        Some(DTypeKind::DateTime(u)) if !u.is_generic() => *u,
        Some(DTypeKind::DateTime(_)) | None => arith::common_unit(ua, ub, false, false)?,
        Some(_) => return Err(Error::Type("arange of datetimes needs a datetime64 dtype".into())),
    };
    if a == NAT || b == NAT {
        return Err(Error::Value("arange: cannot use NaT (not-a-time) datetime values".into()));
    }
    if step == 0 {
        return Err(Error::Value("Maximum allowed size exceeded".into()));
    }
    let (x, y) = (calendar::convert_datetime(a, ua, unit)?, calendar::convert_datetime(b, ub, unit)?);
    let len = (i128::from(y) - i128::from(x) + i128::from(step) - i128::from(step.signum())) / i128::from(step);
    let len = usize::try_from(len.max(0)).map_err(|_| Error::Value("Maximum allowed size exceeded".into()))?;
    crate::accounting::record_copy(len.saturating_mul(8), "arange")?;
    let vals: Vec<i64> = (0..len as i64).map(|k| x + k * step).collect();
    arith::from_i64(&vals, &[len], DType::datetime(unit))
}

//! datetime64 and timedelta64: parsing, printing, unit conversion, arithmetic and business days.
//!
//! Owns the calendar (`calendar`), ISO 8601 text (`text`), the array functions NumPy's ufuncs
//! perform on these dtypes (`arith`: add, subtract, multiply, divide, floor division, modulus,
//! comparisons with NaT semantics) and the business-day functions (`busday`). The lead routes
//! the ufuncs here; this module touches no other module's internals.

mod arith;
mod busday;
pub(crate) mod calendar;
mod text;

pub use arith::{add, compare, divide, floor_divide, isnat, max, min, multiply, remainder, subtract, Cmp};
pub use busday::{busday_count, busday_offset, is_busday, BusdayCalendar, Roll, Weekmask};

pub use calendar::NAT;
pub use text::{format_datetime, parse_datetime};

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

/// Strides of a fresh result of `itemsize`-byte elements laid out in the iteration order NumPy's
/// ufuncs use for input `a` (its K order, zero strides keeping C order).
pub(crate) fn ufunc_out_strides(a: &NdArray, itemsize: usize) -> Vec<isize> {
    let perm = crate::layout::iter_order_k(a.shape(), a.strides());
    let mut st = vec![0isize; a.ndim()];
    let mut s = itemsize as isize;
    for &ax in perm.iter().rev() {
        st[ax] = s;
        s *= a.shape()[ax].max(1) as isize;
    }
    st
}

/// Writes `elems` (C order of `shape`, `n` bytes each) into a fresh array laid out like a
/// ufunc output for input `like` (`alloc_k`: like an order-K allocation instead, as NumPy's
/// `datetime_as_string` allocates).
pub(crate) fn fresh_like(like: &NdArray, dtype: DType, elems: &[u8], alloc_k: bool) -> Result<NdArray> {
    let n = dtype.itemsize();
    let c = NdArray::alloc(dtype.clone(), like.shape(), crate::Order::C)?;
    let o = c.offset();
    c.storage().with_write(|b| b[o..o + elems.len()].copy_from_slice(elems))?;
    let strides = if like.size() == 0 {
        vec![0; like.ndim()]
    } else if alloc_k {
        crate::layout::strides_like(like.shape(), like.strides(), like.itemsize(), n)
    } else {
        ufunc_out_strides(like, n)
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

/// The finest unit an instant needs (NumPy's `unit='auto'`).
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
    } else if secs != 0 {
        TimeBase::Minute
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
    let DTypeKind::DateTime(own) = a.dtype().kind() else {
        return Err(Error::Type(format!("input must have type NumPy datetime, not {}", a.dtype())));
    };
    let fixed = match unit {
        StringUnit::Own => Some(TimeUnit::new(own.base, 1)),
        StringUnit::Unit(u) => Some(TimeUnit::new(u.base, 1)),
        StringUnit::Auto => None,
    };
    let day = TimeUnit::new(TimeBase::Day, 1);
    let vals = a.astype(&DType::INT64, crate::Casting::Unsafe)?.to_vec::<i64>()?;
    let mut texts = Vec::with_capacity(vals.len());
    for &v in &vals {
        if v == NAT {
            texts.push("NaT".to_string());
            continue;
        }
        let out = match fixed {
            Some(u) if u.base == TimeBase::Week => day,
            Some(u) => u,
            None => TimeUnit::new(lossless_unit(&calendar::to_instant(v, *own)?), 1),
        };
        let w = calendar::convert_datetime(v, *own, out)?;
        let mut t = format_datetime(w, out, out)?;
        if utc && out.base > TimeBase::Day {
            t.push('Z');
        }
        texts.push(t);
    }
    let width = match fixed {
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
    fresh_like(a, d, &buf, true)
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

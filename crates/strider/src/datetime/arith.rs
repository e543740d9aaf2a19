//! Array functions for datetime64 and timedelta64: NumPy's ufunc loops for these dtypes.
//!
//! Owns unit resolution (NumPy's greatest common divisor of two units, with its "nonlinear
//! units" and overflow errors), the type rules of add, subtract, multiply, divide, floor
//! division, remainder and comparisons, NaT propagation, and overflow reporting: where NumPy
//! wraps around silently, these functions return `Error::Overflow`.

use super::calendar::NAT;
use crate::dtype::{DTypeKind, Kind, TimeBase, TimeUnit};
use crate::layout::Order;
use crate::{broadcast_arrays, Casting, DType, Error, NdArray, Result};

/// What an operand of a datetime function is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operand {
    Dt(TimeUnit),
    Td(TimeUnit),
    Int,
    Float,
    Other,
}

fn operand(a: &NdArray) -> Operand {
    operand_of(a.dtype())
}

fn operand_of(d: &DType) -> Operand {
    match d.kind() {
        DTypeKind::DateTime(u) => Operand::Dt(*u),
        DTypeKind::TimeDelta(u) => Operand::Td(*u),
        DTypeKind::Num(t) => match t.kind() {
            Kind::Int | Kind::UInt | Kind::Bool => Operand::Int,
            Kind::Float => Operand::Float,
            Kind::Complex => Operand::Other,
        },
        _ => Operand::Other,
    }
}

fn no_loop(name: &str, a: &NdArray, b: &NdArray) -> Error {
    Error::UFuncType(format!("ufunc '{name}' cannot use operands with types {:?} and {:?}", a.dtype(), b.dtype()))
}

/// NumPy's common dtype of two dtypes where one is a datetime or timedelta (`promote_types`):
/// `None` where NumPy has none (a datetime with a number, a timedelta with a float or uint64).
fn promote_time(a: &DType, b: &DType) -> Option<Result<DType>> {
    use Operand::*;
    let int_like = |d: &DType| d.num_type().is_some() && crate::can_cast(d, &DType::INT64, Casting::Safe);
    Some(match (operand_of(a), operand_of(b)) {
        (Dt(u), Dt(v)) | (Dt(u), Td(v)) | (Td(v), Dt(u)) => common_unit(u, v, false, false).map(dt),
        (Td(u), Td(v)) => common_unit(u, v, true, true).map(td),
        (Td(u), _) if int_like(b) => Ok(td(u)),
        (_, Td(u)) if int_like(a) => Ok(td(u)),
        _ => return None,
    })
}

/// NumPy's "no loop" error naming the two inputs' DType classes (a flexible dtype, outside the
/// comparisons, by its repr).
fn no_signature(name: &str, a: &DType, b: &DType, comparison: bool) -> Error {
    let flexible = |d: &DType| {
        matches!(d.kind(), DTypeKind::Bytes(_) | DTypeKind::Str(_) | DTypeKind::Void(_) | DTypeKind::Record(_))
    };
    let types = if !comparison && (flexible(a) || flexible(b)) {
        format!("({a:?}, {b:?})")
    } else {
        format!("(<class 'numpy.dtypes.{}'>, <class 'numpy.dtypes.{}'>)", a.class_name(), b.class_name())
    };
    Error::UFuncType(format!("ufunc '{name}' did not contain a loop with signature matching types {types} -> None"))
}

fn is_comparison(name: &str) -> bool {
    matches!(name, "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal")
}

/// NumPy's type resolution of datetime ufunc `name` over two inputs, before any broadcasting:
/// the dtypes its loop reads the inputs as, or NumPy's error (an integer added to a time counts
/// in the time's unit, so that loop reads it as a timedelta). A time input that cannot be cast
/// to its loop dtype under `same_kind` is NumPy's casting error, input 0 first.
pub(crate) fn resolve(name: &str, a: &NdArray, b: &NdArray) -> Result<[DType; 2]> {
    use Operand::*;
    let (da, db) = (a.dtype(), b.dtype());
    let unit = |u, v, strict| common_unit(u, v, strict, strict);
    let (x, y) = (operand(a), operand(b));
    let int = |o: Operand, d: &DType| o == Int && d.num_type() != Some(crate::NumType::Bool);
    let loops: [DType; 2] = match name {
        "minimum" | "maximum" | "fmin" | "fmax" => match promote_time(da, db) {
            Some(l) => {
                let l = l?;
                [l.clone(), l]
            }
            None => return Err(no_signature(name, da, db, false)),
        },
        _ if is_comparison(name) => match (x, y) {
            (Dt(_), Td(_)) | (Td(_), Dt(_)) => return Err(no_loop(name, a, b)),
            _ => match promote_time(da, db) {
                Some(l) => {
                    let l = l?;
                    [l.clone(), l]
                }
                None => return Err(no_signature(name, da, db, true)),
            },
        },
        "add" | "subtract" => match (x, y) {
            (Dt(u), Td(v)) => unit(u, v, false).map(|c| [dt(c), td(c)])?,
            (Td(u), Dt(v)) if name == "add" => unit(u, v, false).map(|c| [td(c), dt(c)])?,
            (Dt(u), Dt(v)) if name == "subtract" => unit(u, v, false).map(|c| [dt(c), dt(c)])?,
            (Td(u), Td(v)) => unit(u, v, true).map(|c| [td(c), td(c)])?,
            (Dt(u), Int) => [dt(u), td(u)],
            (Int, Dt(u)) if name == "add" => [td(u), dt(u)],
            (Td(u), Int) | (Int, Td(u)) => [td(u), td(u)],
            _ => return Err(no_loop(name, a, b)),
        },
        "multiply" => match (x, y) {
            (Td(u), Int) => [td(u), DType::INT64],
            (Int, Td(u)) => [DType::INT64, td(u)],
            (Td(u), Float) => [td(u), DType::FLOAT64],
            (Float, Td(u)) => [DType::FLOAT64, td(u)],
            _ => return Err(no_loop(name, a, b)),
        },
        "divide" | "floor_divide" => match (x, y) {
            (Td(u), Td(v)) => unit(u, v, true).map(|c| [td(c), td(c)])?,
            (Td(u), Int) if int(y, db) => [td(u), DType::INT64],
            (Td(u), Float) => [td(u), DType::FLOAT64],
            _ => return Err(no_loop(name, a, b)),
        },
        "remainder" | "divmod" => match (x, y) {
            (Td(u), Td(v)) => unit(u, v, true).map(|c| [td(c), td(c)])?,
            _ => return Err(no_loop(name, a, b)),
        },
        _ => return Err(no_loop(name, a, b)),
    };
    for (i, (d, l)) in [(da, &loops[0]), (db, &loops[1])].into_iter().enumerate() {
        if d.time_unit().is_some() && !crate::can_cast(d, l, Casting::SameKind) {
            return Err(Error::UFuncType(format!(
                "Cannot cast ufunc '{name}' input {i} from {d:?} to {l:?} with casting rule 'same_kind'"
            )));
        }
    }
    Ok(loops)
}

/// Runs datetime ufunc `name` over `a` and `b` as NumPy does: types resolved first (their
/// errors before any broadcast error), then shapes broadcast, then `f` computes the result in C
/// order, which is then laid out as NumPy allocates the output (its fast path's C or F order,
/// else its iterator's order K).
fn binary(name: &str, a: &NdArray, b: &NdArray, f: impl FnOnce(&[DType; 2]) -> Result<NdArray>) -> Result<NdArray> {
    let loops = resolve(name, a, b)?;
    crate::ufunc::broadcast_all(&[a.shape(), b.shape()], None)?;
    let res = f(&loops)?;
    crate::ufunc::relaid(&[a.clone(), b.clone()], &|i| &loops[i], res)
}

/// NumPy's `get_datetime_units_factor`, `None` past 2**56.
fn factor(coarse: TimeBase, fine: TimeBase) -> Option<u64> {
    let mut f: u64 = 1;
    let all = TimeBase::ALL;
    let mut k = all.iter().position(|x| *x == coarse)?;
    while all[k] < fine {
        f = f.checked_mul(all[k].step_to_next() as u64)?;
        if f >= 1 << 56 {
            return None;
        }
        k += 1;
    }
    Some(f)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// NumPy's common unit of two units (`strict`: timedelta semantics, where Y and M cannot meet
/// linear units).
pub(crate) fn common_unit(a: TimeUnit, b: TimeUnit, strict_a: bool, strict_b: bool) -> Result<TimeUnit> {
    if a.is_generic() {
        return Ok(b);
    }
    if b.is_generic() {
        return Ok(a);
    }
    let incompatible = || {
        Error::Type(format!(
            "Cannot get a common metadata divisor for Numpy datetime metadata {a} and {b} because they have incompatible nonlinear base time units."
        ))
    };
    let overflow = || {
        Error::OutOfRange(format!(
            "Integer overflow getting a common metadata divisor for NumPy datetime metadata {a} and {b}."
        ))
    };
    let (mut n1, mut n2) = (a.num as u64, b.num as u64);
    let base;
    if a.base == b.base {
        base = a.base;
    } else {
        if a.base == TimeBase::Year {
            if b.base == TimeBase::Month {
                n1 *= 12;
            } else if strict_a {
                return Err(incompatible());
            }
        } else if b.base == TimeBase::Year {
            if a.base == TimeBase::Month {
                n2 *= 12;
            } else if strict_b {
                return Err(incompatible());
            }
        } else if a.base == TimeBase::Month {
            if strict_a {
                return Err(incompatible());
            }
        } else if b.base == TimeBase::Month && strict_b {
            return Err(incompatible());
        }
        if a.base > b.base {
            base = a.base;
            n2 = n2.checked_mul(factor(b.base, a.base).ok_or_else(overflow)?).ok_or_else(overflow)?;
        } else {
            base = b.base;
            n1 = n1.checked_mul(factor(a.base, b.base).ok_or_else(overflow)?).ok_or_else(overflow)?;
        }
    }
    let n = gcd(n1, n2);
    Ok(TimeUnit::new(base, n as i64))
}

/// The values of an int64-like operand cast to `to` (a datetime or timedelta unit, or int64),
/// in C order of the broadcast shape, with NumPy's same_kind casting check for the loop input.
fn values_as(x: &NdArray, to: &DType, ufunc: &str, input: usize) -> Result<Vec<i64>> {
    let d = x.dtype();
    if !crate::can_cast(d, to, Casting::SameKind) {
        return Err(Error::UFuncType(format!(
            "Cannot cast ufunc '{ufunc}' input {input} from {d:?} to {to:?} with casting rule 'same_kind'"
        )));
    }
    raw_values(&x.astype(to, Casting::Unsafe)?)
}

/// The int64 counts of `x` cast (unsafely: the resolver has checked the cast) to `to`, in C order.
fn cast_values(x: &NdArray, to: &DType) -> Result<Vec<i64>> {
    if x.dtype() == to {
        raw_values(x)
    } else {
        raw_values(&x.astype(to, Casting::Unsafe)?)
    }
}

/// The int64 counts of a datetime, timedelta or int64 array in C order.
fn raw_values(x: &NdArray) -> Result<Vec<i64>> {
    let bytes = x.to_bytes(Order::C)?;
    let big = x.dtype().byte_order() == crate::ByteOrder::Big;
    Ok(bytes
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            if big {
                i64::from_be_bytes(b)
            } else {
                i64::from_le_bytes(b)
            }
        })
        .collect())
}

fn f64_values(x: &NdArray) -> Result<Vec<f64>> {
    x.astype(&DType::FLOAT64, Casting::Unsafe)?.to_vec::<f64>()
}

/// A new C-ordered array of `dtype` (8-byte elements) holding `vals`.
pub(crate) fn from_i64(vals: &[i64], shape: &[usize], dtype: DType) -> Result<NdArray> {
    let a = NdArray::alloc(dtype, shape, Order::C)?;
    let bytes: Vec<u8> = vals.iter().flat_map(|v| v.to_ne_bytes()).collect();
    let o = a.offset();
    a.storage().with_write(|b| b[o..o + bytes.len()].copy_from_slice(&bytes))?;
    Ok(a)
}

fn td(u: TimeUnit) -> DType {
    DType::timedelta(u)
}

fn dt(u: TimeUnit) -> DType {
    DType::datetime(u)
}

fn ovf(what: &str) -> Error {
    Error::OutOfRange(format!("{what} overflows int64 (NumPy would wrap around)"))
}

fn checked(r: Option<i64>, what: &str) -> Result<i64> {
    match r {
        Some(v) if v != NAT => Ok(v),
        _ => Err(ovf(what)),
    }
}

fn map2(x: &[i64], y: &[i64], f: impl Fn(i64, i64) -> Result<i64>) -> Result<Vec<i64>> {
    x.iter().zip(y).map(|(&p, &q)| if p == NAT || q == NAT { Ok(NAT) } else { f(p, q) }).collect()
}

/// The operands broadcast together (NumPy's error when they do not).
fn pair(a: &NdArray, b: &NdArray) -> Result<(NdArray, NdArray, Vec<usize>)> {
    let v = broadcast_arrays(&[a, b])?;
    let shape = v[0].shape().to_vec();
    Ok((v[0].clone(), v[1].clone(), shape))
}

fn add_like(a: &NdArray, b: &NdArray, name: &str, sign: i64) -> Result<NdArray> {
    let (x, y, shape) = pair(a, b)?;
    let what = if sign > 0 { "datetime addition" } else { "datetime subtraction" };
    let sum = |p: i64, q: i64| checked(if sign > 0 { p.checked_add(q) } else { p.checked_sub(q) }, what);
    use Operand::*;
    match (operand(a), operand(b)) {
        (Dt(u), Td(v)) => {
            let c = common_unit(u, v, false, false)?;
            let vals = map2(&values_as(&x, &dt(c), name, 0)?, &values_as(&y, &td(c), name, 1)?, sum)?;
            from_i64(&vals, &shape, dt(c))
        }
        (Td(u), Dt(v)) if sign > 0 => {
            let c = common_unit(u, v, false, false)?;
            let vals = map2(&values_as(&x, &td(c), name, 0)?, &values_as(&y, &dt(c), name, 1)?, sum)?;
            from_i64(&vals, &shape, dt(c))
        }
        (Dt(u), Dt(v)) if sign < 0 => {
            let c = common_unit(u, v, false, false)?;
            let vals = map2(&values_as(&x, &dt(c), name, 0)?, &values_as(&y, &dt(c), name, 1)?, sum)?;
            from_i64(&vals, &shape, td(c))
        }
        (Td(u), Td(v)) => {
            let c = common_unit(u, v, true, true)?;
            let vals = map2(&values_as(&x, &td(c), name, 0)?, &values_as(&y, &td(c), name, 1)?, sum)?;
            from_i64(&vals, &shape, td(c))
        }
        (Dt(u), Int) => {
            let vals = map2(&raw_values(&x)?, &raw_values(&y.astype(&DType::INT64, Casting::Unsafe)?)?, sum)?;
            from_i64(&vals, &shape, dt(u))
        }
        (Int, Dt(u)) if sign > 0 => {
            let vals = map2(&raw_values(&x.astype(&DType::INT64, Casting::Unsafe)?)?, &raw_values(&y)?, sum)?;
            from_i64(&vals, &shape, dt(u))
        }
        (Td(u), Int) => {
            let vals = map2(&raw_values(&x)?, &raw_values(&y.astype(&DType::INT64, Casting::Unsafe)?)?, sum)?;
            from_i64(&vals, &shape, td(u))
        }
        (Int, Td(u)) => {
            let vals = map2(&raw_values(&x.astype(&DType::INT64, Casting::Unsafe)?)?, &raw_values(&y)?, sum)?;
            from_i64(&vals, &shape, td(u))
        }
        _ => Err(no_loop(name, a, b)),
    }
}

/// NumPy's `np.add` for datetimes and timedeltas: `M8 + m8 -> M8`, `m8 + m8 -> m8`, and an
/// integer counted in the other operand's unit. Units meet at their common divisor; NaT
/// propagates; an int64 overflow is an error.
///
/// ```
/// use strider::datetime::{add, datetime_array, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let d = datetime_array(&["2020-01-30", "NaT"], &"M8[D]".parse().unwrap()).unwrap();
/// let h = timedelta_array(&[36], &[], TimeUnit::new(TimeBase::Hour, 1)).unwrap();
/// assert_eq!(format!("{:?}", add(&d, &h).unwrap()), "array(['2020-01-31T12',           'NaT'], dtype='datetime64[h]')");
/// let m = timedelta_array(&[1], &[], TimeUnit::new(TimeBase::Month, 1)).unwrap();
/// assert_eq!(add(&d, &m).unwrap_err().to_string(),
///     "Cannot cast ufunc 'add' input 1 from dtype('<m8[M]') to dtype('<m8[D]') with casting rule 'same_kind'");
/// ```
pub fn add(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("add", a, b, |_| add_like(a, b, "add", 1))
}

/// NumPy's `np.subtract`: `M8 - M8 -> m8`, `M8 - m8 -> M8`, `m8 - m8 -> m8`, and integers as
/// in [`add`].
///
/// ```
/// use strider::datetime::{datetime_array, subtract};
/// let a = datetime_array(&["2020-03-01"], &"M8[D]".parse().unwrap()).unwrap();
/// let b = datetime_array(&["2020-02-01"], &"M8[D]".parse().unwrap()).unwrap();
/// assert_eq!(format!("{:?}", subtract(&a, &b).unwrap()), "array([29], dtype='timedelta64[D]')");
/// ```
pub fn subtract(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("subtract", a, b, |_| add_like(a, b, "subtract", -1))
}

/// NumPy's `np.multiply`: a timedelta times an integer or a float (the product truncated).
///
/// ```
/// use strider::datetime::{multiply, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let t = timedelta_array(&[7, -7], &[2], TimeUnit::new(TimeBase::Second, 1)).unwrap();
/// let k = strider::NdArray::from_vec(vec![2.5f64], &[], strider::Order::C).unwrap();
/// assert_eq!(format!("{:?}", multiply(&t, &k).unwrap()), "array([ 17, -17], dtype='timedelta64[s]')");
/// ```
pub fn multiply(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("multiply", a, b, |_| multiply_c(a, b))
}

fn multiply_c(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let (x, y, shape) = pair(a, b)?;
    use Operand::*;
    let (t, k, u, kx) = match (operand(a), operand(b)) {
        (Td(u), o @ (Int | Float)) => (x, y, u, o),
        (o @ (Int | Float), Td(u)) => (y, x, u, o),
        _ => return Err(no_loop("multiply", a, b)),
    };
    let tv = raw_values(&t)?;
    let vals: Vec<i64> = if kx == Int {
        let kv = raw_values(&k.astype(&DType::INT64, Casting::Unsafe)?)?;
        map2(&tv, &kv, |p, q| checked(p.checked_mul(q), "timedelta multiplication"))?
    } else {
        let kv = f64_values(&k)?;
        tv.iter()
            .zip(&kv)
            .map(|(&p, &q)| {
                let r = p as f64 * q;
                if p == NAT || !r.is_finite() {
                    Ok(NAT)
                } else if r.abs() >= I64_LIMIT {
                    Err(ovf("timedelta multiplication"))
                } else {
                    Ok(r as i64)
                }
            })
            .collect::<Result<_>>()?
    };
    from_i64(&vals, &shape, td(u))
}

/// Timedelta by number: `divide` and `floor_divide` both truncate toward zero, as NumPy's
/// loops do; division by zero gives NaT.
fn td_by_number(a: &NdArray, b: &NdArray, name: &str) -> Result<NdArray> {
    let (x, y, shape) = pair(a, b)?;
    let Operand::Td(u) = operand(a) else { return Err(no_loop(name, a, b)) };
    let tv = raw_values(&x)?;
    let vals: Vec<i64> = match operand(b) {
        Operand::Int => {
            let kv = raw_values(&y.astype(&DType::INT64, Casting::Unsafe)?)?;
            tv.iter().zip(&kv).map(|(&p, &q)| if p == NAT || q == 0 { NAT } else { p.wrapping_div(q) }).collect()
        }
        Operand::Float => {
            let kv = f64_values(&y)?;
            tv.iter()
                .zip(&kv)
                .map(|(&p, &q)| {
                    let r = p as f64 / q;
                    if p == NAT || !r.is_finite() || r.abs() >= I64_LIMIT {
                        NAT
                    } else {
                        r as i64
                    }
                })
                .collect()
        }
        _ => return Err(no_loop(name, a, b)),
    };
    from_i64(&vals, &shape, td(u))
}

/// Two timedelta operands brought to their common unit: values, broadcast shape, unit.
type TdPair = (Vec<i64>, Vec<i64>, Vec<usize>, TimeUnit);

/// 2**63 as a float: products at or past it do not fit an int64.
const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;

fn td_pair(a: &NdArray, b: &NdArray, name: &str) -> Result<Option<TdPair>> {
    let (Operand::Td(u), Operand::Td(v)) = (operand(a), operand(b)) else { return Ok(None) };
    let (x, y, shape) = pair(a, b)?;
    let c = common_unit(u, v, true, true)?;
    Ok(Some((values_as(&x, &td(c), name, 0)?, values_as(&y, &td(c), name, 1)?, shape, c)))
}

/// NumPy's `np.divide` (true division): `m8 / m8 -> float64` (NaN for NaT), `m8 / number -> m8`.
///
/// ```
/// use strider::datetime::{divide, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let a = timedelta_array(&[90], &[1], TimeUnit::new(TimeBase::Minute, 1)).unwrap();
/// let b = timedelta_array(&[1], &[1], TimeUnit::new(TimeBase::Hour, 1)).unwrap();
/// assert_eq!(format!("{:?}", divide(&a, &b).unwrap()), "array([1.5])");
/// ```
pub fn divide(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("divide", a, b, |_| divide_c(a, b))
}

fn divide_c(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    match td_pair(a, b, "divide")? {
        Some((x, y, shape, _)) => {
            let vals: Vec<f64> = x
                .iter()
                .zip(&y)
                .map(|(&p, &q)| if p == NAT || q == NAT { f64::NAN } else { p as f64 / q as f64 })
                .collect();
            let out = NdArray::alloc(DType::FLOAT64, &shape, Order::C)?;
            let bytes: Vec<u8> = vals.iter().flat_map(|v| v.to_ne_bytes()).collect();
            let o = out.offset();
            out.storage().with_write(|b| b[o..o + bytes.len()].copy_from_slice(&bytes))?;
            Ok(out)
        }
        None => td_by_number(a, b, "divide"),
    }
}

/// NumPy's `np.floor_divide`: `m8 // m8 -> int64` (floored; 0 for NaT or a zero divisor,
/// which raise NumPy's invalid-value and divide-by-zero floating-point flags),
/// `m8 // integer -> m8`.
///
/// ```
/// use strider::datetime::{floor_divide, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let s = TimeUnit::new(TimeBase::Second, 1);
/// let a = timedelta_array(&[7, -7], &[2], s).unwrap();
/// let b = timedelta_array(&[2], &[1], s).unwrap();
/// assert_eq!(format!("{:?}", floor_divide(&a, &b).unwrap()), "array([ 3, -4], dtype=int64)"); // NumPy's 'q'
/// ```
pub fn floor_divide(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("floor_divide", a, b, |_| floor_divide_c(a, b))
}

fn floor_divide_c(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    match td_pair(a, b, "floor_divide")? {
        Some((x, y, shape, _)) => {
            let vals = td_floor_quotients(&x, &y, "floor_divide")?;
            from_i64(&vals, &shape, DType::INT64.as_longlong())
        }
        None => td_by_number(a, b, "floor_divide"),
    }
}

/// Floored quotients of timedelta counts, with NumPy's flags: a zero divisor is a division by
/// zero, a NaT operand an invalid value (both give 0).
fn td_floor_quotients(x: &[i64], y: &[i64], ufunc: &str) -> Result<Vec<i64>> {
    let (mut zero, mut nat) = (false, false);
    let vals = x
        .iter()
        .zip(y)
        .map(|(&p, &q)| {
            if p == NAT || q == NAT {
                nat = true;
                0
            } else if q == 0 {
                zero = true;
                0
            } else {
                p.wrapping_sub(p.rem_euclid_floor(q)) / q
            }
        })
        .collect();
    report_flags(zero, nat, ufunc)?;
    Ok(vals)
}

/// Remainders of timedelta counts (NaT for NaT or a zero divisor, the latter a division by zero).
fn td_remainders(x: &[i64], y: &[i64], ufunc: &str) -> Result<Vec<i64>> {
    let mut zero = false;
    let vals = x
        .iter()
        .zip(y)
        .map(|(&p, &q)| {
            if p == NAT || q == NAT {
                NAT
            } else if q == 0 {
                zero = true;
                NAT
            } else {
                p.rem_euclid_floor(q)
            }
        })
        .collect();
    report_flags(zero, false, ufunc)?;
    Ok(vals)
}

fn report_flags(zero: bool, invalid: bool, ufunc: &str) -> Result<()> {
    use crate::ufunc::errstate::{report, Flag};
    let flags = if zero { Flag::Divide as u8 } else { 0 } | if invalid { Flag::Invalid as u8 } else { 0 };
    report(flags, ufunc)
}

/// NumPy's `np.divmod` of two timedeltas: `(a // b, a % b)`, an int64 quotient and a
/// timedelta remainder in the common unit, with NaT and zero divisors as in [`floor_divide`]
/// and [`remainder`]. Other operands have no loop.
///
/// ```
/// use strider::datetime::{divmod, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let a = timedelta_array(&[5], &[1], TimeUnit::new(TimeBase::Year, 1)).unwrap();
/// let b = timedelta_array(&[7], &[1], TimeUnit::new(TimeBase::Month, 1)).unwrap();
/// let (q, r) = divmod(&a, &b).unwrap();
/// assert_eq!(format!("{q:?} {r:?}"), "array([8], dtype=int64) array([4], dtype='timedelta64[M]')"); // q is NumPy's 'q'
/// ```
pub fn divmod(a: &NdArray, b: &NdArray) -> Result<(NdArray, NdArray)> {
    let loops = resolve("divmod", a, b)?;
    crate::ufunc::broadcast_all(&[a.shape(), b.shape()], None)?;
    let (q, r) = divmod_c(a, b)?;
    let ops = [a.clone(), b.clone()];
    Ok((crate::ufunc::relaid(&ops, &|i| &loops[i], q)?, crate::ufunc::relaid(&ops, &|i| &loops[i], r)?))
}

fn divmod_c(a: &NdArray, b: &NdArray) -> Result<(NdArray, NdArray)> {
    match td_pair(a, b, "divmod")? {
        Some((x, y, shape, c)) => {
            let (mut zero, mut nat) = (false, false);
            let mut q = Vec::with_capacity(x.len());
            let mut r = Vec::with_capacity(x.len());
            for (&p, &d) in x.iter().zip(&y) {
                if p == NAT || d == NAT {
                    nat = true;
                    q.push(0);
                    r.push(NAT);
                } else if d == 0 {
                    zero = true;
                    q.push(0);
                    r.push(NAT);
                } else {
                    let m = p.rem_euclid_floor(d);
                    q.push(p.wrapping_sub(m) / d);
                    r.push(m);
                }
            }
            report_flags(zero, nat, "divmod")?;
            Ok((from_i64(&q, &shape, DType::INT64.as_longlong())?, from_i64(&r, &shape, td(c))?))
        }
        None => Err(no_loop("divmod", a, b)),
    }
}

trait FloorRem {
    fn rem_euclid_floor(self, q: i64) -> i64;
}

impl FloorRem for i64 {
    /// Python's `%`: the remainder takes the divisor's sign.
    fn rem_euclid_floor(self, q: i64) -> i64 {
        let r = self.wrapping_rem(q);
        if r != 0 && ((r < 0) != (q < 0)) {
            r + q
        } else {
            r
        }
    }
}

/// NumPy's `np.remainder` of two timedeltas: Python's modulus (the divisor's sign), NaT for NaT
/// or a zero divisor.
///
/// ```
/// use strider::datetime::{remainder, timedelta_array};
/// use strider::dtype::{TimeBase, TimeUnit};
/// let s = TimeUnit::new(TimeBase::Second, 1);
/// let a = timedelta_array(&[7, -7], &[2], s).unwrap();
/// let b = timedelta_array(&[-2], &[1], s).unwrap();
/// assert_eq!(format!("{:?}", remainder(&a, &b).unwrap()), "array([-1, -1], dtype='timedelta64[s]')");
/// ```
pub fn remainder(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary("remainder", a, b, |_| remainder_c(a, b))
}

fn remainder_c(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    match td_pair(a, b, "remainder")? {
        Some((x, y, shape, c)) => {
            let vals = td_remainders(&x, &y, "remainder")?;
            from_i64(&vals, &shape, td(c))
        }
        None => Err(no_loop("remainder", a, b)),
    }
}

/// A comparison operator (`np.equal`, `np.less`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Cmp {
    /// NumPy's ufunc name.
    ///
    /// ```
    /// assert_eq!(strider::datetime::Cmp::Le.ufunc(), "less_equal");
    /// ```
    pub fn ufunc(self) -> &'static str {
        match self {
            Cmp::Eq => "equal",
            Cmp::Ne => "not_equal",
            Cmp::Lt => "less",
            Cmp::Le => "less_equal",
            Cmp::Gt => "greater",
            Cmp::Ge => "greater_equal",
        }
    }

    pub(crate) fn test<T: PartialOrd>(self, a: &T, b: &T) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

impl std::str::FromStr for Cmp {
    type Err = Error;
    /// `eq`, `ne`, `lt`, `le`, `gt`, `ge`.
    fn from_str(s: &str) -> Result<Cmp> {
        Ok(match s {
            "eq" => Cmp::Eq,
            "ne" => Cmp::Ne,
            "lt" => Cmp::Lt,
            "le" => Cmp::Le,
            "gt" => Cmp::Gt,
            "ge" => Cmp::Ge,
            _ => return Err(Error::Value(format!("unknown comparison {s:?}"))),
        })
    }
}

/// A new bool array of `shape` holding `vals`.
pub(crate) fn from_bools(vals: &[bool], shape: &[usize]) -> Result<NdArray> {
    let a = NdArray::alloc(DType::BOOL, shape, Order::C)?;
    let bytes: Vec<u8> = vals.iter().map(|&v| u8::from(v)).collect();
    let o = a.offset();
    a.storage().with_write(|b| b[o..o + bytes.len()].copy_from_slice(&bytes))?;
    Ok(a)
}

/// Compares two datetime (or two timedelta) arrays after bringing them to their common unit;
/// a NaT compares unequal to everything (only `!=` is true), as in NumPy.
///
/// ```
/// use strider::datetime::{compare, datetime_array, Cmp};
/// let d: strider::DType = "M8[D]".parse().unwrap();
/// let a = datetime_array(&["2020-01-01", "NaT"], &d).unwrap();
/// assert_eq!(compare(&a, &a, Cmp::Eq).unwrap().to_string(), "[ True False]");
/// assert_eq!(compare(&a, &a, Cmp::Ne).unwrap().to_string(), "[False  True]");
/// ```
pub fn compare(a: &NdArray, b: &NdArray, cmp: Cmp) -> Result<NdArray> {
    binary(cmp.ufunc(), a, b, |loops| compare_c(a, b, loops, cmp))
}

fn compare_c(a: &NdArray, b: &NdArray, loops: &[DType; 2], cmp: Cmp) -> Result<NdArray> {
    let (x, y, shape) = pair(a, b)?;
    let (xv, yv) = (cast_values(&x, &loops[0])?, cast_values(&y, &loops[1])?);
    let vals: Vec<bool> = xv
        .iter()
        .zip(&yv)
        .map(|(&p, &q)| if p == NAT || q == NAT { cmp == Cmp::Ne } else { cmp.test(&p, &q) })
        .collect();
    from_bools(&vals, &shape)
}

/// NumPy's `np.isnat`.
///
/// ```
/// let a = strider::datetime::datetime_array(&["NaT", "2020"], &"M8[Y]".parse().unwrap()).unwrap();
/// assert_eq!(strider::datetime::isnat(&a).unwrap().to_string(), "[ True False]");
/// ```
pub fn isnat(a: &NdArray) -> Result<NdArray> {
    if !matches!(operand(a), Operand::Dt(_) | Operand::Td(_)) {
        return Err(Error::UFuncType(
            "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.".to_string(),
        ));
    }
    let vals: Vec<bool> = raw_values(a)?.iter().map(|&v| v == NAT).collect();
    let native = a.dtype().to_native();
    crate::ufunc::relaid(std::slice::from_ref(a), &|_| &native, from_bools(&vals, a.shape())?)
}

fn reduce(a: &NdArray, max: bool) -> Result<NdArray> {
    if !matches!(operand(a), Operand::Dt(_) | Operand::Td(_)) {
        return Err(Error::Type(format!("min/max here need a datetime or timedelta array, not {}", a.dtype())));
    }
    let vals = raw_values(a)?;
    if vals.is_empty() {
        let which = if max { "maximum" } else { "minimum" };
        return Err(Error::Value(format!("zero-size array to reduction operation {which} which has no identity")));
    }
    let r = if vals.contains(&NAT) {
        NAT
    } else if max {
        vals.iter().copied().max().unwrap_or(NAT)
    } else {
        vals.iter().copied().min().unwrap_or(NAT)
    };
    from_i64(&[r], &[], a.dtype().to_native())
}

/// NumPy's `a.min()` for a datetime or timedelta array, as a 0-d array; NaT wins.
///
/// ```
/// let a = strider::datetime::datetime_array(&["2021", "2020"], &"M8[Y]".parse().unwrap()).unwrap();
/// assert_eq!(strider::datetime::min(&a).unwrap().to_string(), "2020");
/// ```
pub fn min(a: &NdArray) -> Result<NdArray> {
    reduce(a, false)
}

/// NumPy's `a.max()` for a datetime or timedelta array, as a 0-d array; NaT wins.
///
/// ```
/// let a = strider::datetime::datetime_array(&["2021", "NaT"], &"M8[Y]".parse().unwrap()).unwrap();
/// assert_eq!(strider::datetime::max(&a).unwrap().to_string(), "NaT");
/// ```
pub fn max(a: &NdArray) -> Result<NdArray> {
    reduce(a, true)
}

/// NumPy's `np.minimum`/`np.maximum` (a NaT wins) and `np.fmin`/`np.fmax` (a NaT loses) of two
/// datetimes or timedeltas (or a timedelta and an integer) in their common dtype.
pub(crate) fn extremum(name: &str, a: &NdArray, b: &NdArray) -> Result<NdArray> {
    binary(name, a, b, |loops| {
        let (x, y, shape) = pair(a, b)?;
        let (xv, yv) = (cast_values(&x, &loops[0])?, cast_values(&y, &loops[1])?);
        let max = matches!(name, "maximum" | "fmax");
        let propagate = !name.starts_with('f');
        let vals: Vec<i64> = xv
            .iter()
            .zip(&yv)
            .map(|(&p, &q)| match (p == NAT, q == NAT) {
                (true, _) if propagate => NAT,
                (_, true) if propagate => NAT,
                (true, _) => q,
                (_, true) => p,
                _ if max => p.max(q),
                _ => p.min(q),
            })
            .collect();
        from_i64(&vals, &shape, loops[0].clone())
    })
}

/// NumPy's one-input ufuncs on datetimes and timedeltas: `negative`, `positive`, `absolute` and
/// `sign` of a timedelta (NaT is int64's minimum, so its sign is -1 and its negation NaT), and
/// `isnan`/`isnat`, `isfinite`, `isinf` of either. `None` for any other ufunc.
pub(crate) fn unary(name: &str, a: &NdArray) -> Option<Result<NdArray>> {
    let f: fn(i64) -> i64 = match name {
        "negative" => i64::wrapping_neg,
        "positive" => |v| v,
        "absolute" => i64::wrapping_abs,
        "sign" => i64::signum,
        "isnan" | "isnat" => return Some(isnat(a)),
        "isfinite" | "isinf" => {
            let finite = name == "isfinite";
            return Some((|| {
                let vals: Vec<bool> = raw_values(a)?.iter().map(|&v| finite && v != NAT).collect();
                let native = a.dtype().to_native();
                crate::ufunc::relaid(std::slice::from_ref(a), &|_| &native, from_bools(&vals, a.shape())?)
            })());
        }
        _ => return None,
    };
    Some((|| {
        let Operand::Td(u) = operand(a) else {
            return Err(Error::UFuncType(format!(
                "ufunc '{name}' did not contain a loop with signature matching types <class 'numpy.dtypes.{}'> -> None",
                a.dtype().class_name()
            )));
        };
        let vals: Vec<i64> = raw_values(a)?.into_iter().map(f).collect();
        let native = a.dtype().to_native();
        crate::ufunc::relaid(std::slice::from_ref(a), &|_| &native, from_i64(&vals, a.shape(), td(u))?)
    })())
}

//! Type promotion: NumPy 2's `promote_types`/`result_type` for numeric dtypes, and NEP 50's
//! rule for weak (Python-like) scalars.
//!
//! Pure functions on dtypes; nothing here touches arrays or storage.

use crate::dtype::cast::{can_cast, Casting};
use crate::dtype::{DType, Kind, NumType};
use crate::{Error, Result, Scalar};

/// The smallest numeric type both `a` and `b` cast to safely (NumPy's `np.promote_types` for
/// numeric types). NumPy's table follows from that one rule, walked in type-number order: for
/// example `int8` with `uint8` gives `int16`, and `int64` with `uint64` gives `float64`.
///
/// ```
/// use strider::NumType as N;
/// use strider::ufunc::promote_num;
/// assert_eq!(promote_num(N::Int8, N::UInt8), N::Int16);
/// assert_eq!(promote_num(N::Int64, N::UInt64), N::Float64);
/// assert_eq!(promote_num(N::Float16, N::Int16), N::Float32);
/// assert_eq!(promote_num(N::Complex64, N::Float64), N::Complex128);
/// ```
pub fn promote_num(a: NumType, b: NumType) -> NumType {
    result_num(&[a, b])
}

fn num_of(d: &DType) -> Result<NumType> {
    d.num_type()
        .ok_or_else(|| Error::Type(format!("The DType {} could not be promoted by numeric promotion", d.repr_text())))
}

/// NumPy's `np.promote_types(a, b)`: the result is in native byte order, except that two equal
/// dtypes promote to themselves in native order too.
///
/// ```
/// use strider::{DType, ufunc::promote_types};
/// let be: DType = ">i2".parse().unwrap();
/// assert_eq!(promote_types(&be, &DType::UINT8).unwrap(), DType::INT16);
/// assert_eq!(promote_types(&DType::FLOAT32, &DType::INT32).unwrap(), DType::FLOAT64);
/// ```
pub fn promote_types(a: &DType, b: &DType) -> Result<DType> {
    Ok(DType::new(promote_num(num_of(a)?, num_of(b)?)))
}

/// NumPy's `np.result_type` of several (strong) dtypes: the smallest numeric type every one of
/// them casts to safely. This is not a left fold of [`promote_types`]: `int8`, `uint8` and
/// `float16` give `float16`, while promoting the first two gives `int16` and then `float32`.
///
/// ```
/// use strider::{DType, ufunc::result_type};
/// assert_eq!(result_type(&[&DType::INT8, &DType::UINT8, &DType::FLOAT16]).unwrap(), DType::FLOAT16);
/// assert_eq!(result_type(&[&DType::INT8, &DType::UINT16, &DType::FLOAT16]).unwrap(), DType::FLOAT32);
/// assert!(result_type(&[]).is_err());
/// ```
pub fn result_type(dtypes: &[&DType]) -> Result<DType> {
    if dtypes.is_empty() {
        return Err(Error::Value("at least one array or dtype is required".into()));
    }
    let types = dtypes.iter().map(|d| num_of(d)).collect::<Result<Vec<_>>>()?;
    Ok(DType::new(result_num(&types)))
}

/// [`result_type`] on numeric types; `Bool` for an empty list.
///
/// ```
/// use strider::NumType as N;
/// assert_eq!(strider::ufunc::result_num(&[N::Int8, N::UInt16, N::Float16]), N::Float32);
/// ```
pub fn result_num(types: &[NumType]) -> NumType {
    NumType::ALL
        .into_iter()
        .find(|&t| {
            let dt = DType::new(t);
            types.iter().all(|&x| can_cast(&DType::new(x), &dt, Casting::Safe))
        })
        .unwrap_or(NumType::Complex128)
}

/// The kind of a weak scalar (NEP 50): a Python `int`, `float` or `complex` (a Python `bool` is
/// an ordinary `bool`).
pub(crate) fn weak_kind(s: &Scalar) -> Kind {
    match s {
        Scalar::Bool(_) => Kind::Bool,
        Scalar::I8(_) | Scalar::I16(_) | Scalar::I32(_) | Scalar::I64(_) => Kind::Int,
        Scalar::U8(_) | Scalar::U16(_) | Scalar::U32(_) | Scalar::U64(_) => Kind::Int,
        Scalar::F16(_) | Scalar::F32(_) | Scalar::F64(_) => Kind::Float,
        Scalar::C64(_) | Scalar::C128(_) => Kind::Complex,
    }
}

/// The dtype a weak scalar takes beside operands whose strong dtypes promote to `strong` (NEP
/// 50): the strong dtype when its kind is at least the scalar's, else the scalar kind's default
/// (`int64`, `float64`, `complex128`), except that a complex scalar keeps a float's precision.
///
/// ```
/// use strider::{NumType as N, Scalar};
/// use strider::ufunc::weak_scalar_type;
/// assert_eq!(weak_scalar_type(&Scalar::I64(1), Some(N::UInt8)), N::UInt8);
/// assert_eq!(weak_scalar_type(&Scalar::F64(1.0), Some(N::UInt8)), N::Float64);
/// assert_eq!(weak_scalar_type(&Scalar::F64(1.0), Some(N::Float32)), N::Float32);
/// assert_eq!(weak_scalar_type(&Scalar::I64(1), Some(N::Bool)), N::Int64);
/// assert_eq!(weak_scalar_type(&Scalar::C128(num_complex::Complex64::new(0.0, 1.0)), Some(N::Float16)), N::Complex64);
/// ```
pub fn weak_scalar_type(s: &Scalar, strong: Option<NumType>) -> NumType {
    let kind = weak_kind(s);
    let default = match kind {
        Kind::Bool => NumType::Bool,
        Kind::Int | Kind::UInt => {
            if matches!(s, Scalar::U64(v) if *v > i64::MAX as u64) {
                NumType::UInt64
            } else {
                NumType::Int64
            }
        }
        Kind::Float => NumType::Float64,
        Kind::Complex => NumType::Complex128,
    };
    let Some(strong) = strong else { return default };
    let rank = |k: Kind| match k {
        Kind::Bool => 0,
        Kind::Int | Kind::UInt => 1,
        Kind::Float => 2,
        Kind::Complex => 3,
    };
    if rank(strong.kind()) >= rank(kind) {
        strong
    } else if kind == Kind::Complex && strong.kind() == Kind::Float {
        if strong == NumType::Float64 {
            NumType::Complex128
        } else {
            NumType::Complex64
        }
    } else if kind == Kind::Bool {
        strong
    } else {
        default
    }
}

//! Fixed-width text (`S<n>`, `U<n>`) as ufunc operands: NumPy's string loops (the six
//! comparisons and `add`, which concatenates), logical ufuncs reading text by its truth (non-empty
//! is true), and NumPy's errors for text with every other ufunc, each in the form NumPy's
//! dispatcher raises it.
//!
//! Owns only the element rules for text; layout of results comes from `relaid`, and datetime
//! operands beside text are left to `crate::datetime` except where NumPy's string loops decide
//! first (`multiply`).

use super::{Operand, Ufunc, UfuncOptions};
use crate::dtype::transfer::decode;
use crate::dtype::{DType, DTypeKind, NumType};
use crate::layout::Order;
use crate::{Error, NdArray, Result, Scalar};

fn is_text(op: &Operand) -> bool {
    matches!(op, Operand::Array(a) if matches!(a.dtype().kind(), DTypeKind::Bytes(_) | DTypeKind::Str(_)))
}

fn is_time(op: &Operand) -> bool {
    matches!(op, Operand::Array(a) if matches!(a.dtype().kind(), DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_)))
}

/// The dtype a weak Python scalar stands for in NumPy's messages.
fn weak_dtype(s: &Scalar) -> DType {
    match s {
        Scalar::Bool(_) => DType::BOOL,
        Scalar::F64(_) => DType::FLOAT64,
        Scalar::C128(_) => DType::COMPLEX128,
        _ => DType::INT64,
    }
}

/// An operand's DType class as NumPy names it (Python scalars have their own abstract classes).
fn class_of(op: &Operand) -> String {
    let name = match op {
        Operand::Array(a) => a.dtype().class_name(),
        Operand::Weak(Scalar::Bool(_)) => "BoolDType",
        Operand::Weak(Scalar::F64(_)) => "_PyFloatDType",
        Operand::Weak(Scalar::C128(_)) => "_PyComplexDType",
        Operand::Weak(_) => "_PyLongDType",
    };
    format!("<class 'numpy.dtypes.{name}'>")
}

/// NumPy's dispatcher finding no loop for these DType classes.
pub(super) fn no_class_loop(name: &str, inputs: &[Operand]) -> Error {
    let types = match inputs {
        [one] => class_of(one),
        _ => format!("({})", inputs.iter().map(class_of).collect::<Vec<_>>().join(", ")),
    };
    Error::UFuncType(format!("ufunc '{name}' did not contain a loop with signature matching types {types} -> None"))
}

/// NumPy's legacy resolver finding no loop for these dtypes.
fn no_dtype_loop(name: &str, inputs: &[Operand]) -> Error {
    let dt = |op: &Operand| match op {
        Operand::Array(a) => format!("{:?}", a.dtype()),
        Operand::Weak(s) => format!("{:?}", weak_dtype(s)),
    };
    let types = inputs.iter().map(dt).collect::<Vec<_>>().join(", ");
    Error::UFuncType(format!("ufunc '{name}' did not contain a loop with signature matching types ({types}) -> None"))
}

/// NumPy's arithmetic resolvers (those that know datetimes) refusing a pair.
fn cannot_use(name: &str, a: &NdArray, b: &NdArray) -> Error {
    Error::UFuncType(format!("ufunc '{name}' cannot use operands with types {:?} and {:?}", a.dtype(), b.dtype()))
}

/// A ufunc call with a text operand, or `None` when there is none. NumPy's answers, by ufunc:
/// the comparisons and `add` run for two `S` or two `U` operands; logical and/or/xor read every
/// operand by its truth; everything else is refused with the error NumPy raises.
pub(super) fn call(uf: &Ufunc, inputs: &[Operand], opts: &UfuncOptions) -> Option<Result<NdArray>> {
    if !inputs.iter().any(is_text) {
        return None;
    }
    let name = uf.name;
    let r = match inputs {
        [x, y] => binary(uf, x, y, opts),
        [_] if matches!(name, "negative" | "positive" | "absolute" | "sign") => Err(no_class_loop(name, inputs)),
        _ => Err(uf.no_loop_error(inputs)),
    };
    Some(r.and_then(|r| match opts.out {
        Some(o) => {
            o.assign(&r)?;
            Ok(o.clone())
        }
        None => Ok(r),
    }))
}

fn binary(uf: &Ufunc, x: &Operand, y: &Operand, opts: &UfuncOptions) -> Result<NdArray> {
    let name = uf.name;
    let inputs = [x.clone(), y.clone()];
    let kinds = |op: &Operand| match op {
        Operand::Array(a) => match a.dtype().kind() {
            DTypeKind::Bytes(_) => Some(false),
            DTypeKind::Str(_) => Some(true),
            _ => None,
        },
        Operand::Weak(_) => None,
    };
    let same_text = match (kinds(x), kinds(y)) {
        (Some(a), Some(b)) => Some(a == b),
        _ => None,
    };
    let with_time = is_time(x) || is_time(y);
    let arrays = || -> Option<(NdArray, NdArray)> {
        match (x, y) {
            (Operand::Array(a), Operand::Array(b)) => Some((a.clone(), b.clone())),
            _ => None,
        }
    };
    match name {
        "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal" => match (same_text, arrays()) {
            (Some(true), Some((a, b))) => compare(name, &a, &b),
            _ => Err(no_class_loop(name, &inputs)),
        },
        "add" => match (same_text, arrays()) {
            (Some(true), Some((a, b))) => concatenate(&a, &b),
            (Some(false), Some((a, b))) => Err(cannot_use(name, &a, &b)),
            (None, Some((a, b))) if with_time => Err(cannot_use(name, &a, &b)),
            _ => Err(no_dtype_loop(name, &inputs)),
        },
        "subtract" | "divide" | "floor_divide" | "remainder" if with_time => match arrays() {
            Some((a, b)) => Err(cannot_use(name, &a, &b)),
            None => Err(no_dtype_loop(name, &inputs)),
        },
        "subtract" | "minimum" | "maximum" | "fmin" | "fmax" => Err(no_dtype_loop(name, &inputs)),
        "multiply" => {
            // NumPy's string multiply (text times an integer) exists only with `out=`; its
            // promoter also claims a datetime beside text.
            let int_like = |op: &Operand| match op {
                Operand::Array(a) => {
                    a.dtype().num_type().is_some_and(|t| t.is_integer() && t != NumType::Bool)
                        || matches!(a.dtype().kind(), DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_))
                }
                Operand::Weak(s) => matches!(s, Scalar::I64(_) | Scalar::U64(_)),
            };
            if (is_text(x) && int_like(y)) || (is_text(y) && int_like(x)) {
                Err(Error::Type(
                    "The 'out' kwarg is necessary when using the string multiply ufunc directly. Use \
                     numpy.strings.multiply to multiply strings without specifying 'out'."
                        .into(),
                ))
            } else {
                Err(no_dtype_loop(name, &inputs))
            }
        }
        "logical_and" | "logical_or" | "logical_xor" => {
            let truth = |op: &Operand| -> Result<Operand> {
                Ok(match op {
                    Operand::Array(a) if a.dtype().num_type().is_none() => {
                        a.astype(&DType::BOOL, crate::Casting::Unsafe)?.into()
                    }
                    Operand::Weak(s) => Operand::Weak(s.cast(NumType::Bool)),
                    other => other.clone(),
                })
            };
            let (tx, ty) = (truth(x)?, truth(y)?);
            let fresh = UfuncOptions { out: None, ..opts.clone() };
            let r = uf.call(&[tx, ty], &fresh)?;
            let originals: Vec<NdArray> = [x, y]
                .iter()
                .filter_map(|op| match op {
                    Operand::Array(a) => Some(a.clone()),
                    Operand::Weak(_) => None,
                })
                .collect();
            let b = DType::BOOL;
            super::relaid(&originals, &|_| &b, r)
        }
        _ => Err(uf.no_loop_error(&inputs)),
    }
}

/// Each element's code points, in C order.
type Texts = Vec<Vec<u32>>;

/// Both operands broadcast together, each element's code points (trailing NULs dropped), in C
/// order, with the broadcast shape.
fn elements(a: &NdArray, b: &NdArray) -> Result<(Texts, Texts, Vec<usize>)> {
    let shape = super::broadcast_all(&[a.shape(), b.shape()], None)?;
    let each = |x: &NdArray| -> Result<Vec<Vec<u32>>> {
        let bytes = x.broadcast_to(&shape)?.to_bytes(Order::C)?;
        let n = x.itemsize();
        Ok(if n == 0 {
            vec![vec![]; crate::layout::size(&shape)]
        } else {
            bytes.chunks(n).map(|e| decode(x.dtype(), e)).collect()
        })
    };
    Ok((each(a)?, each(b)?, shape))
}

/// NumPy's string comparison: code point by code point (bytes and UCS-4 values unsigned), with
/// trailing NULs not part of the value, so `b'ab'` equals `b'ab\0'`.
fn compare(name: &str, a: &NdArray, y: &NdArray) -> Result<NdArray> {
    let (xs, ys, shape) = elements(a, y)?;
    let vals: Vec<bool> = xs
        .iter()
        .zip(&ys)
        .map(|(p, q)| {
            let o = p.cmp(q);
            match name {
                "equal" => o.is_eq(),
                "not_equal" => o.is_ne(),
                "less" => o.is_lt(),
                "less_equal" => o.is_le(),
                "greater" => o.is_gt(),
                _ => o.is_ge(),
            }
        })
        .collect();
    let r = crate::datetime::from_bools_pub(&vals, &shape)?;
    let loops = [a.dtype().to_native(), y.dtype().to_native()];
    super::relaid(&[a.clone(), y.clone()], &|i| &loops[i], r)
}

/// NumPy's string `add`: the first value (trailing NULs dropped) followed by the second, in a
/// result as wide as both operands together (`S4 + S1` is `S5`); `U` results are native.
fn concatenate(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let (xs, ys, shape) = elements(a, b)?;
    let chars = |d: &DType| match d.kind() {
        DTypeKind::Bytes(n) | DTypeKind::Str(n) => *n,
        _ => 0,
    };
    let width = chars(a.dtype()) + chars(b.dtype());
    let dt = match a.dtype().kind() {
        DTypeKind::Bytes(_) => DType::bytes(width),
        _ => DType::unicode(width),
    };
    let n = dt.itemsize();
    let mut bytes = vec![0u8; n * xs.len()];
    for (k, (p, q)) in xs.iter().zip(&ys).enumerate() {
        let cps: Vec<u32> = p.iter().chain(q).copied().collect();
        crate::dtype::transfer::encode(&dt, &cps, &mut bytes[k * n..(k + 1) * n])?;
    }
    let r = NdArray::alloc(dt.clone(), &shape, Order::C)?;
    let o = r.offset();
    r.storage().with_write(|dst| dst[o..o + bytes.len()].copy_from_slice(&bytes))?;
    let loops = [a.dtype().to_native(), b.dtype().to_native()];
    super::relaid(&[a.clone(), b.clone()], &|i| &loops[i], r)
}

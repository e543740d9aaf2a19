//! `genfromtxt`'s converters: NumPy's `StringConverter` for one column, the Python objects it
//! returns, and the `dtype=None` upgrade chain. Owns only text -> value; the array is built in
//! `assemble`.

use super::FillValue;
use crate::dtype::{DType, DTypeKind, NumType};
use crate::io::pytext::{self, PyInt};
use crate::{Error, Result};

/// A converted field, as the Python object NumPy's converter returns.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Val {
    Bool(bool),
    Int(PyInt),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    /// Python `bytes` (latin-1 text).
    Bytes(String),
    /// Python's `None` (the default of a datetime column's converter).
    None,
}

impl From<FillValue> for Val {
    fn from(f: FillValue) -> Val {
        match f {
            FillValue::Bool(b) => Val::Bool(b),
            FillValue::Int(i) => Val::Int(PyInt::Small(i as i128)),
            FillValue::Float(x) => Val::Float(x),
        }
    }
}

/// A converter's function: NumPy's `StringConverter` mapper entries for inference, and the
/// fixed function of each dtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Func {
    /// `str2bool`.
    Bool,
    /// Python `int`; with `checked`, the value must also fit int64 (inference's check).
    Int { checked: bool },
    /// `np.int64(text)`.
    I64,
    /// `np.uint64(text)`.
    U64,
    /// `int(float(text))`, for the other integer dtypes.
    IntViaFloat,
    /// Python `float`.
    Float,
    /// Python `complex`.
    Complex,
    /// `np.longdouble(text)` (counted as never succeeding where `float` failed).
    LongDouble,
    /// The abstract `np.integer` entry, where a successful parse is NumPy's TypeError.
    AbstractInt,
    /// The text itself.
    Text,
    /// The text as latin-1 `bytes` (`asbytes`).
    AsBytes,
}

/// The inference chain of `dtype=None`, in NumPy's order.
pub(super) const CHAIN: [Func; 9] = [
    Func::Bool,
    Func::Int { checked: true },
    Func::Float,
    Func::Complex,
    Func::LongDouble,
    Func::AbstractInt,
    Func::Float,
    Func::Complex,
    Func::Text,
];

pub(super) enum Outcome {
    Ok(Val),
    /// NumPy's ValueError inside the converter: missing or unconvertible.
    Fail,
}

pub(super) fn int_too_large() -> Error {
    Error::OutOfRange("Python int too large to convert to C long".into())
}

impl Func {
    pub(super) fn call(self, v: &str) -> Result<Outcome> {
        use Outcome::{Fail, Ok as Got};
        Ok(match self {
            Func::Bool => pytext::parse_bool(v).map_or(Fail, |b| Got(Val::Bool(b))),
            Func::Int { .. } => pytext::parse_int(v).map_or(Fail, |i| Got(Val::Int(i))),
            Func::I64 => match pytext::parse_int(v) {
                None => Fail,
                Some(PyInt::Small(i)) if i64::try_from(i).is_ok() => Got(Val::Int(PyInt::Small(i))),
                Some(_) => return Err(int_too_large()),
            },
            Func::U64 => match pytext::parse_int(v) {
                None => Fail,
                Some(PyInt::Small(i)) if (0..=u64::MAX as i128).contains(&i) => Got(Val::Int(PyInt::Small(i))),
                Some(PyInt::Small(i)) if i >= i64::MIN as i128 => {
                    return Err(Error::OutOfRange(format!("Python integer {i} out of bounds for uint64")))
                }
                Some(_) => return Err(int_too_large()),
            },
            Func::IntViaFloat => match pytext::parse_float(v) {
                None => Fail,
                Some(x) if x.is_nan() => Fail,
                Some(x) if x.is_infinite() => {
                    return Err(Error::OutOfRange("cannot convert float infinity to integer".into()))
                }
                Some(x) if x.abs() < 1e38 => Got(Val::Int(PyInt::Small(x.trunc() as i128))),
                Some(_) => Got(Val::Int(PyInt::Huge)),
            },
            Func::Float => pytext::parse_float(v).map_or(Fail, |x| Got(Val::Float(x))),
            Func::Complex => pytext::parse_complex(v).map_or(Fail, |(a, b)| Got(Val::Complex(a, b))),
            Func::LongDouble => Fail,
            Func::AbstractInt => match pytext::parse_int(v) {
                None => Fail,
                Some(_) => {
                    return Err(Error::Type(
                        "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed".into(),
                    ))
                }
            },
            Func::Text => Got(Val::Str(v.to_string())),
            // A character latin-1 cannot hold is Python's UnicodeEncodeError, a ValueError.
            Func::AsBytes if v.chars().any(|c| c as u32 > 255) => Fail,
            Func::AsBytes => Got(Val::Bytes(v.to_string())),
        })
    }

    pub(super) fn default(self) -> Val {
        match self {
            Func::Bool => Val::Bool(false),
            Func::Int { .. } | Func::I64 | Func::U64 | Func::IntViaFloat | Func::AbstractInt => {
                Val::Int(PyInt::Small(-1))
            }
            Func::Float | Func::LongDouble => Val::Float(f64::NAN),
            Func::Complex => Val::Complex(f64::NAN, 0.0),
            Func::Text | Func::AsBytes => Val::Str("???".into()),
        }
    }
}

/// NumPy's `StringConverter` for one column.
pub(super) struct Converter {
    pub(super) func: Func,
    /// Position in [`CHAIN`] when inferring; `None` for a dtype's fixed converter.
    status: Option<usize>,
    pub(super) missing: Vec<String>,
    fill: Option<FillValue>,
    default: Val,
    /// NumPy's `_checked`: false for a bool column that met a missing value.
    pub(super) checked: bool,
}

impl Converter {
    pub(super) fn infer(missing: &[String], fill: Option<FillValue>) -> Converter {
        // NumPy starts at bool with `default or False`.
        let truthy = match fill {
            Some(FillValue::Bool(b)) => b,
            Some(FillValue::Int(i)) => i != 0,
            Some(FillValue::Float(x)) => x != 0.0,
            None => false,
        };
        let default = if truthy { fill.map_or(Val::Bool(false), Val::from) } else { Val::Bool(false) };
        Converter { func: Func::Bool, status: Some(0), missing: missing.to_vec(), fill, default, checked: false }
    }

    pub(super) fn fixed(d: &DType, missing: &[String], fill: Option<FillValue>) -> Result<Converter> {
        let func = match d.kind() {
            DTypeKind::Num(t) => match t {
                NumType::Bool => Func::Bool,
                NumType::Int64 => Func::I64,
                NumType::UInt64 => Func::U64,
                NumType::Int8
                | NumType::Int16
                | NumType::Int32
                | NumType::UInt8
                | NumType::UInt16
                | NumType::UInt32 => Func::IntViaFloat,
                NumType::Float16 | NumType::Float32 | NumType::Float64 => Func::Float,
                NumType::Complex64 | NumType::Complex128 => Func::Complex,
            },
            DTypeKind::Str(_) => Func::Text,
            DTypeKind::Bytes(_) => Func::AsBytes,
            // timedelta64 is a signed integer to NumPy's converter lookup.
            DTypeKind::TimeDelta(_) => Func::IntViaFloat,
            // datetime64 matches no converter: the text goes on as bytes, for `np.array` to
            // parse into the field, and the default is the filling value or None.
            DTypeKind::DateTime(_) => {
                let default = fill.map_or(Val::None, Val::from);
                return Ok(Converter {
                    func: Func::AsBytes,
                    status: None,
                    missing: missing.to_vec(),
                    fill,
                    default,
                    checked: false,
                });
            }
            _ => return Err(Error::Type(format!("genfromtxt does not read {} columns", d.name()))),
        };
        let default = fill.map_or_else(|| func.default(), Val::from);
        Ok(Converter { func, status: None, missing: missing.to_vec(), fill, default, checked: false })
    }

    pub(super) fn into_bytes(mut self) -> Converter {
        self.func = Func::AsBytes;
        self
    }

    pub(super) fn is_missing(&self, v: &str) -> bool {
        let s = pytext::strip(v);
        s.is_empty() || self.missing.iter().any(|m| m == s)
    }

    /// NumPy's `_strict_call`: the function, else the default for a missing value, else an error.
    pub(super) fn strict(&mut self, v: &str) -> Result<Val> {
        if let Outcome::Ok(x) = self.func.call(v)? {
            let fits = !matches!((self.func, &x), (Func::Int { checked: true }, Val::Int(i)) if !matches!(i, PyInt::Small(s) if i64::try_from(*s).is_ok()));
            if fits {
                return Ok(x);
            }
        }
        if self.is_missing(v) {
            if self.status == Some(0) {
                self.checked = false;
            }
            return Ok(self.default.clone());
        }
        Err(Error::Value(format!("Cannot convert string '{v}'")))
    }

    /// NumPy's `_loose_call`: the function, else the default.
    pub(super) fn loose(&self, v: &str) -> Result<Val> {
        Ok(match self.func.call(v)? {
            Outcome::Ok(x) => x,
            Outcome::Fail => self.default.clone(),
        })
    }

    /// NumPy's `iterupgrade`: move along the chain until every value of the column converts.
    pub(super) fn infer_from<'a>(&mut self, values: impl Iterator<Item = &'a str> + Clone) -> Result<()> {
        loop {
            self.checked = true;
            let mut failed = false;
            for v in values.clone() {
                match self.strict(v) {
                    Ok(_) => {}
                    Err(Error::Value(_)) => {
                        failed = true;
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            if !failed {
                return Ok(());
            }
            let s = (self.status.unwrap_or(0) + 1).min(CHAIN.len() - 1);
            self.status = Some(s);
            self.func = CHAIN[s];
            self.default = self.fill.map_or_else(|| self.func.default(), Val::from);
        }
    }

    /// The scalar type NumPy records for an inferred column (`conv.type`).
    pub(super) fn kind(&self) -> ColKind {
        match self.func {
            Func::Bool => ColKind::Bool,
            Func::Int { .. } | Func::AbstractInt => ColKind::Int,
            Func::Float | Func::LongDouble => ColKind::Float,
            Func::Complex => ColKind::Complex,
            _ => ColKind::Str,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColKind {
    Bool,
    Int,
    Float,
    Complex,
    Str,
}

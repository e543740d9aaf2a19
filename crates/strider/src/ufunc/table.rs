//! The ufunc table: one static [`Ufunc`] per NumPy ufunc with its loop types (NumPy's
//! `ufunc.types` for the numeric dtypes, in NumPy's search order), and a function per ufunc.
//! Generated from one list so the loop types and the executors cannot disagree.

use super::lanes::{exec1, exec2, Exec};
use super::math;
use super::{Fpe, Operand, OutKind, Pole, Ufunc};
use crate::dtype::NumType;
use crate::{NdArray, Result};
use half::f16;
use num_complex::{Complex32, Complex64};

macro_rules! rust_type {
    (Bool) => {
        bool
    };
    (Int8) => {
        i8
    };
    (UInt8) => {
        u8
    };
    (Int16) => {
        i16
    };
    (UInt16) => {
        u16
    };
    (Int32) => {
        i32
    };
    (UInt32) => {
        u32
    };
    (Int64) => {
        i64
    };
    (UInt64) => {
        u64
    };
    (Float16) => {
        f16
    };
    (Float32) => {
        f32
    };
    (Float64) => {
        f64
    };
    (Complex64) => {
        Complex32
    };
    (Complex128) => {
        Complex64
    };
}

macro_rules! ufunc {
    ($konst:ident, $name:literal, $exec:ident, $op:ident, [$($t:ident)*], $out:ident, $fpe:expr, $nin:literal) => {
        #[doc = concat!("NumPy's `np.", $name, "`.")]
        pub static $konst: Ufunc = {
            fn exec(t: NumType) -> Option<Exec> {
                // The loops this ufunc has; the list below is the same one.
                #[allow(unreachable_patterns)]
                match t {
                    $(NumType::$t => Some($exec::<rust_type!($t), math::$op> as Exec),)*
                    _ => None,
                }
            }
            Ufunc {
                name: $name,
                nin: $nin,
                loops: &[$(NumType::$t),*],
                exec,
                out: OutKind::$out,
                fpe: $fpe,
            }
        };
    };
}

ufunc!(ADD, "add", exec2, Add, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 2);
ufunc!(SUBTRACT, "subtract", exec2, Subtract, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 2);
ufunc!(MULTIPLY, "multiply", exec2, Multiply, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 2);
ufunc!(DIVIDE, "divide", exec2, Divide, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Divisor), 2);
ufunc!(FLOOR_DIVIDE, "floor_divide", exec2, FloorDivide, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::Pole(Pole::Divisor), 2);
ufunc!(REMAINDER, "remainder", exec2, Remainder, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::Values, 2);
ufunc!(FMOD, "fmod", exec2, Fmod, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::Values, 2);
ufunc!(POWER, "power", exec2, Power, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Power), 2);
ufunc!(ARCTAN2, "arctan2", exec2, Arctan2, [Float16 Float32 Float64], Same, Fpe::Values, 2);
ufunc!(HYPOT, "hypot", exec2, Hypot, [Float16 Float32 Float64], Same, Fpe::Values, 2);
ufunc!(COPYSIGN, "copysign", exec2, Copysign, [Float16 Float32 Float64], Same, Fpe::None, 2);
ufunc!(HEAVISIDE, "heaviside", exec2, Heaviside, [Float16 Float32 Float64], Same, Fpe::None, 2);
ufunc!(MINIMUM, "minimum", exec2, Minimum, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 2);
ufunc!(MAXIMUM, "maximum", exec2, Maximum, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 2);
ufunc!(FMIN, "fmin", exec2, Fmin, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 2);
ufunc!(FMAX, "fmax", exec2, Fmax, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 2);
ufunc!(EQUAL, "equal", exec2, Equal, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(NOT_EQUAL, "not_equal", exec2, NotEqual, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(LESS, "less", exec2, Less, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(LESS_EQUAL, "less_equal", exec2, LessEqual, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(GREATER, "greater", exec2, Greater, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(GREATER_EQUAL, "greater_equal", exec2, GreaterEqual, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(LOGICAL_AND, "logical_and", exec2, LogicalAnd, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(LOGICAL_OR, "logical_or", exec2, LogicalOr, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(LOGICAL_XOR, "logical_xor", exec2, LogicalXor, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 2);
ufunc!(BITWISE_AND, "bitwise_and", exec2, BitAnd, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 2);
ufunc!(BITWISE_OR, "bitwise_or", exec2, BitOr, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 2);
ufunc!(BITWISE_XOR, "bitwise_xor", exec2, BitXor, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 2);
ufunc!(LEFT_SHIFT, "left_shift", exec2, LeftShift, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 2);
ufunc!(RIGHT_SHIFT, "right_shift", exec2, RightShift, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 2);
ufunc!(NEGATIVE, "negative", exec1, Negative, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 1);
ufunc!(POSITIVE, "positive", exec1, Positive, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 1);
ufunc!(ABSOLUTE, "absolute", exec1, Absolute, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Real, Fpe::None, 1);
ufunc!(SIGN, "sign", exec1, Sign, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 1);
ufunc!(SQRT, "sqrt", exec1, Sqrt, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(CBRT, "cbrt", exec1, Cbrt, [Float16 Float32 Float64], Same, Fpe::Values, 1);
ufunc!(SQUARE, "square", exec1, Square, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(RECIPROCAL, "reciprocal", exec1, Reciprocal, [Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Zero), 1);
ufunc!(EXP, "exp", exec1, Exp, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(EXP2, "exp2", exec1, Exp2, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(EXPM1, "expm1", exec1, Expm1, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(LOG, "log", exec1, Log, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Zero), 1);
ufunc!(LOG2, "log2", exec1, Log2, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Zero), 1);
ufunc!(LOG10, "log10", exec1, Log10, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::Zero), 1);
ufunc!(LOG1P, "log1p", exec1, Log1p, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::MinusOne), 1);
ufunc!(SIN, "sin", exec1, Sin, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(COS, "cos", exec1, Cos, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(TAN, "tan", exec1, Tan, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCSIN, "arcsin", exec1, Arcsin, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCCOS, "arccos", exec1, Arccos, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCTAN, "arctan", exec1, Arctan, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(SINH, "sinh", exec1, Sinh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(COSH, "cosh", exec1, Cosh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(TANH, "tanh", exec1, Tanh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCSINH, "arcsinh", exec1, Arcsinh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCCOSH, "arccosh", exec1, Arccosh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Values, 1);
ufunc!(ARCTANH, "arctanh", exec1, Arctanh, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::Pole(Pole::PlusMinusOne), 1);
ufunc!(FLOOR, "floor", exec1, Floor, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::None, 1);
ufunc!(CEIL, "ceil", exec1, Ceil, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::None, 1);
ufunc!(TRUNC, "trunc", exec1, Trunc, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64], Same, Fpe::None, 1);
ufunc!(RINT, "rint", exec1, Rint, [Float16 Float32 Float64 Complex64 Complex128], Same, Fpe::None, 1);
ufunc!(LOGICAL_NOT, "logical_not", exec1, LogicalNot, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 1);
ufunc!(INVERT, "invert", exec1, Invert, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64], Same, Fpe::None, 1);
ufunc!(ISNAN, "isnan", exec1, IsNan, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 1);
ufunc!(ISINF, "isinf", exec1, IsInf, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 1);
ufunc!(ISFINITE, "isfinite", exec1, IsFinite, [Bool Int8 UInt8 Int16 UInt16 Int32 UInt32 Int64 UInt64 Float16 Float32 Float64 Complex64 Complex128], Bool, Fpe::None, 1);
ufunc!(SIGNBIT, "signbit", exec1, Signbit, [Float16 Float32 Float64], Bool, Fpe::None, 1);

/// Every ufunc Strider has.
///
/// ```
/// assert!(strider::ufunc::ALL_UFUNCS.iter().any(|u| u.name() == "hypot"));
/// ```
pub static ALL_UFUNCS: &[&Ufunc] = &[
    &ADD,
    &SUBTRACT,
    &MULTIPLY,
    &DIVIDE,
    &FLOOR_DIVIDE,
    &REMAINDER,
    &FMOD,
    &POWER,
    &ARCTAN2,
    &HYPOT,
    &COPYSIGN,
    &HEAVISIDE,
    &MINIMUM,
    &MAXIMUM,
    &FMIN,
    &FMAX,
    &EQUAL,
    &NOT_EQUAL,
    &LESS,
    &LESS_EQUAL,
    &GREATER,
    &GREATER_EQUAL,
    &LOGICAL_AND,
    &LOGICAL_OR,
    &LOGICAL_XOR,
    &BITWISE_AND,
    &BITWISE_OR,
    &BITWISE_XOR,
    &LEFT_SHIFT,
    &RIGHT_SHIFT,
    &NEGATIVE,
    &POSITIVE,
    &ABSOLUTE,
    &SIGN,
    &SQRT,
    &CBRT,
    &SQUARE,
    &RECIPROCAL,
    &EXP,
    &EXP2,
    &EXPM1,
    &LOG,
    &LOG2,
    &LOG10,
    &LOG1P,
    &SIN,
    &COS,
    &TAN,
    &ARCSIN,
    &ARCCOS,
    &ARCTAN,
    &SINH,
    &COSH,
    &TANH,
    &ARCSINH,
    &ARCCOSH,
    &ARCTANH,
    &FLOOR,
    &CEIL,
    &TRUNC,
    &RINT,
    &LOGICAL_NOT,
    &INVERT,
    &ISNAN,
    &ISINF,
    &ISFINITE,
    &SIGNBIT,
];

/// Addition (`+`; logical or for bool). NumPy's `np.add(x1, x2)`; see [`ADD`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::add(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn add(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    ADD.apply(&[x1.into(), x2.into()])
}

/// Subtraction (`-`); bool operands are refused as in NumPy. NumPy's `np.subtract(x1, x2)`; see [`SUBTRACT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::subtract(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn subtract(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    SUBTRACT.apply(&[x1.into(), x2.into()])
}

/// Multiplication (`*`; logical and for bool). NumPy's `np.multiply(x1, x2)`; see [`MULTIPLY`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::multiply(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn multiply(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    MULTIPLY.apply(&[x1.into(), x2.into()])
}

/// True division (`/`): integers divide in float64. NumPy's `np.divide(x1, x2)`; see [`DIVIDE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::divide(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn divide(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    DIVIDE.apply(&[x1.into(), x2.into()])
}

/// Floor division (Python's `//`). NumPy's `np.floor_divide(x1, x2)`; see [`FLOOR_DIVIDE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::floor_divide(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn floor_divide(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    FLOOR_DIVIDE.apply(&[x1.into(), x2.into()])
}

/// Remainder with the sign of the divisor (Python's `%`). NumPy's `np.remainder(x1, x2)`; see [`REMAINDER`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::remainder(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn remainder(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    REMAINDER.apply(&[x1.into(), x2.into()])
}

/// Remainder with the sign of the dividend (C's `fmod`). NumPy's `np.fmod(x1, x2)`; see [`FMOD`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::fmod(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn fmod(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    FMOD.apply(&[x1.into(), x2.into()])
}

/// Power (`**`); integers to negative integer powers are an error. NumPy's `np.power(x1, x2)`; see [`POWER`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::power(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn power(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    POWER.apply(&[x1.into(), x2.into()])
}

/// The angle of the point `(x2, x1)`. NumPy's `np.arctan2(x1, x2)`; see [`ARCTAN2`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arctan2(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arctan2(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    ARCTAN2.apply(&[x1.into(), x2.into()])
}

/// `sqrt(x1**2 + x2**2)` without needless overflow. NumPy's `np.hypot(x1, x2)`; see [`HYPOT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::hypot(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn hypot(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    HYPOT.apply(&[x1.into(), x2.into()])
}

/// `x1` with the sign of `x2`. NumPy's `np.copysign(x1, x2)`; see [`COPYSIGN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::copysign(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn copysign(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    COPYSIGN.apply(&[x1.into(), x2.into()])
}

/// The Heaviside step: 0 below zero, `x2` at zero, 1 above. NumPy's `np.heaviside(x1, x2)`; see [`HEAVISIDE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::heaviside(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn heaviside(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    HEAVISIDE.apply(&[x1.into(), x2.into()])
}

/// The smaller element; NaN propagates. NumPy's `np.minimum(x1, x2)`; see [`MINIMUM`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::minimum(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn minimum(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    MINIMUM.apply(&[x1.into(), x2.into()])
}

/// The larger element; NaN propagates. NumPy's `np.maximum(x1, x2)`; see [`MAXIMUM`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::maximum(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn maximum(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    MAXIMUM.apply(&[x1.into(), x2.into()])
}

/// The smaller element; NaN is ignored when the other is a number. NumPy's `np.fmin(x1, x2)`; see [`FMIN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::fmin(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn fmin(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    FMIN.apply(&[x1.into(), x2.into()])
}

/// The larger element; NaN is ignored when the other is a number. NumPy's `np.fmax(x1, x2)`; see [`FMAX`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::fmax(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn fmax(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    FMAX.apply(&[x1.into(), x2.into()])
}

/// `==`. NumPy's `np.equal(x1, x2)`; see [`EQUAL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::equal(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn equal(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    EQUAL.apply(&[x1.into(), x2.into()])
}

/// `!=`. NumPy's `np.not_equal(x1, x2)`; see [`NOT_EQUAL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::not_equal(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn not_equal(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    NOT_EQUAL.apply(&[x1.into(), x2.into()])
}

/// `<` (complex: lexicographic). NumPy's `np.less(x1, x2)`; see [`LESS`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::less(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn less(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LESS.apply(&[x1.into(), x2.into()])
}

/// `<=`. NumPy's `np.less_equal(x1, x2)`; see [`LESS_EQUAL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::less_equal(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn less_equal(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LESS_EQUAL.apply(&[x1.into(), x2.into()])
}

/// `>`. NumPy's `np.greater(x1, x2)`; see [`GREATER`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::greater(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn greater(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    GREATER.apply(&[x1.into(), x2.into()])
}

/// `>=`. NumPy's `np.greater_equal(x1, x2)`; see [`GREATER_EQUAL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::greater_equal(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn greater_equal(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    GREATER_EQUAL.apply(&[x1.into(), x2.into()])
}

/// Truth values and-ed. NumPy's `np.logical_and(x1, x2)`; see [`LOGICAL_AND`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::logical_and(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn logical_and(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LOGICAL_AND.apply(&[x1.into(), x2.into()])
}

/// Truth values or-ed. NumPy's `np.logical_or(x1, x2)`; see [`LOGICAL_OR`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::logical_or(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn logical_or(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LOGICAL_OR.apply(&[x1.into(), x2.into()])
}

/// Truth values xor-ed. NumPy's `np.logical_xor(x1, x2)`; see [`LOGICAL_XOR`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::logical_xor(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn logical_xor(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LOGICAL_XOR.apply(&[x1.into(), x2.into()])
}

/// `&`. NumPy's `np.bitwise_and(x1, x2)`; see [`BITWISE_AND`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::bitwise_and(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn bitwise_and(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    BITWISE_AND.apply(&[x1.into(), x2.into()])
}

/// `|`. NumPy's `np.bitwise_or(x1, x2)`; see [`BITWISE_OR`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::bitwise_or(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn bitwise_or(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    BITWISE_OR.apply(&[x1.into(), x2.into()])
}

/// `^`. NumPy's `np.bitwise_xor(x1, x2)`; see [`BITWISE_XOR`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::bitwise_xor(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn bitwise_xor(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    BITWISE_XOR.apply(&[x1.into(), x2.into()])
}

/// `<<` (shifts past the width give 0). NumPy's `np.left_shift(x1, x2)`; see [`LEFT_SHIFT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::left_shift(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn left_shift(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    LEFT_SHIFT.apply(&[x1.into(), x2.into()])
}

/// `>>` (arithmetic for signed types). NumPy's `np.right_shift(x1, x2)`; see [`RIGHT_SHIFT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![6i64, 3], &[2], Order::C).unwrap();
/// let r = strider::ufunc::right_shift(&a, &a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn right_shift(x1: impl Into<Operand>, x2: impl Into<Operand>) -> Result<NdArray> {
    RIGHT_SHIFT.apply(&[x1.into(), x2.into()])
}

/// Numerical negative (unary `-`). NumPy's `np.negative(x)`; see [`NEGATIVE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![3i64, -2], &[2], Order::C).unwrap();
/// let r = strider::ufunc::negative(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn negative(x: impl Into<Operand>) -> Result<NdArray> {
    NEGATIVE.apply(&[x.into()])
}

/// Numerical positive (a copy). NumPy's `np.positive(x)`; see [`POSITIVE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![3i64, -2], &[2], Order::C).unwrap();
/// let r = strider::ufunc::positive(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn positive(x: impl Into<Operand>) -> Result<NdArray> {
    POSITIVE.apply(&[x.into()])
}

/// Absolute value (the modulus of a complex number, as a real). NumPy's `np.absolute(x)`; see [`ABSOLUTE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::absolute(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn absolute(x: impl Into<Operand>) -> Result<NdArray> {
    ABSOLUTE.apply(&[x.into()])
}

/// -1, 0 or 1 (complex: `z / |z|`). NumPy's `np.sign(x)`; see [`SIGN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![3i64, -2], &[2], Order::C).unwrap();
/// let r = strider::ufunc::sign(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn sign(x: impl Into<Operand>) -> Result<NdArray> {
    SIGN.apply(&[x.into()])
}

/// Square root. NumPy's `np.sqrt(x)`; see [`SQRT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::sqrt(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn sqrt(x: impl Into<Operand>) -> Result<NdArray> {
    SQRT.apply(&[x.into()])
}

/// Cube root. NumPy's `np.cbrt(x)`; see [`CBRT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::cbrt(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn cbrt(x: impl Into<Operand>) -> Result<NdArray> {
    CBRT.apply(&[x.into()])
}

/// `x * x`. NumPy's `np.square(x)`; see [`SQUARE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![3i64, -2], &[2], Order::C).unwrap();
/// let r = strider::ufunc::square(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn square(x: impl Into<Operand>) -> Result<NdArray> {
    SQUARE.apply(&[x.into()])
}

/// `1 / x` (integers: C's conversion of the float result). NumPy's `np.reciprocal(x)`; see [`RECIPROCAL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![3i64, -2], &[2], Order::C).unwrap();
/// let r = strider::ufunc::reciprocal(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn reciprocal(x: impl Into<Operand>) -> Result<NdArray> {
    RECIPROCAL.apply(&[x.into()])
}

/// `e**x`. NumPy's `np.exp(x)`; see [`EXP`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::exp(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn exp(x: impl Into<Operand>) -> Result<NdArray> {
    EXP.apply(&[x.into()])
}

/// `2**x`. NumPy's `np.exp2(x)`; see [`EXP2`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::exp2(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn exp2(x: impl Into<Operand>) -> Result<NdArray> {
    EXP2.apply(&[x.into()])
}

/// `e**x - 1`, accurate near 0. NumPy's `np.expm1(x)`; see [`EXPM1`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::expm1(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn expm1(x: impl Into<Operand>) -> Result<NdArray> {
    EXPM1.apply(&[x.into()])
}

/// Natural logarithm. NumPy's `np.log(x)`; see [`LOG`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::log(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn log(x: impl Into<Operand>) -> Result<NdArray> {
    LOG.apply(&[x.into()])
}

/// Base-2 logarithm. NumPy's `np.log2(x)`; see [`LOG2`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::log2(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn log2(x: impl Into<Operand>) -> Result<NdArray> {
    LOG2.apply(&[x.into()])
}

/// Base-10 logarithm. NumPy's `np.log10(x)`; see [`LOG10`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::log10(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn log10(x: impl Into<Operand>) -> Result<NdArray> {
    LOG10.apply(&[x.into()])
}

/// `log(1 + x)`, accurate near 0. NumPy's `np.log1p(x)`; see [`LOG1P`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::log1p(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn log1p(x: impl Into<Operand>) -> Result<NdArray> {
    LOG1P.apply(&[x.into()])
}

/// Sine. NumPy's `np.sin(x)`; see [`SIN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::sin(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn sin(x: impl Into<Operand>) -> Result<NdArray> {
    SIN.apply(&[x.into()])
}

/// Cosine. NumPy's `np.cos(x)`; see [`COS`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::cos(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn cos(x: impl Into<Operand>) -> Result<NdArray> {
    COS.apply(&[x.into()])
}

/// Tangent. NumPy's `np.tan(x)`; see [`TAN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::tan(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn tan(x: impl Into<Operand>) -> Result<NdArray> {
    TAN.apply(&[x.into()])
}

/// Inverse sine. NumPy's `np.arcsin(x)`; see [`ARCSIN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arcsin(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arcsin(x: impl Into<Operand>) -> Result<NdArray> {
    ARCSIN.apply(&[x.into()])
}

/// Inverse cosine. NumPy's `np.arccos(x)`; see [`ARCCOS`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arccos(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arccos(x: impl Into<Operand>) -> Result<NdArray> {
    ARCCOS.apply(&[x.into()])
}

/// Inverse tangent. NumPy's `np.arctan(x)`; see [`ARCTAN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arctan(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arctan(x: impl Into<Operand>) -> Result<NdArray> {
    ARCTAN.apply(&[x.into()])
}

/// Hyperbolic sine. NumPy's `np.sinh(x)`; see [`SINH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::sinh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn sinh(x: impl Into<Operand>) -> Result<NdArray> {
    SINH.apply(&[x.into()])
}

/// Hyperbolic cosine. NumPy's `np.cosh(x)`; see [`COSH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::cosh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn cosh(x: impl Into<Operand>) -> Result<NdArray> {
    COSH.apply(&[x.into()])
}

/// Hyperbolic tangent. NumPy's `np.tanh(x)`; see [`TANH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::tanh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn tanh(x: impl Into<Operand>) -> Result<NdArray> {
    TANH.apply(&[x.into()])
}

/// Inverse hyperbolic sine. NumPy's `np.arcsinh(x)`; see [`ARCSINH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arcsinh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arcsinh(x: impl Into<Operand>) -> Result<NdArray> {
    ARCSINH.apply(&[x.into()])
}

/// Inverse hyperbolic cosine. NumPy's `np.arccosh(x)`; see [`ARCCOSH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arccosh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arccosh(x: impl Into<Operand>) -> Result<NdArray> {
    ARCCOSH.apply(&[x.into()])
}

/// Inverse hyperbolic tangent. NumPy's `np.arctanh(x)`; see [`ARCTANH`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::arctanh(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn arctanh(x: impl Into<Operand>) -> Result<NdArray> {
    ARCTANH.apply(&[x.into()])
}

/// Round down (integers keep their dtype). NumPy's `np.floor(x)`; see [`FLOOR`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::floor(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn floor(x: impl Into<Operand>) -> Result<NdArray> {
    FLOOR.apply(&[x.into()])
}

/// Round up (integers keep their dtype). NumPy's `np.ceil(x)`; see [`CEIL`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::ceil(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn ceil(x: impl Into<Operand>) -> Result<NdArray> {
    CEIL.apply(&[x.into()])
}

/// Round toward zero (integers keep their dtype). NumPy's `np.trunc(x)`; see [`TRUNC`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::trunc(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn trunc(x: impl Into<Operand>) -> Result<NdArray> {
    TRUNC.apply(&[x.into()])
}

/// Round to the nearest integer, ties to even. NumPy's `np.rint(x)`; see [`RINT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::rint(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn rint(x: impl Into<Operand>) -> Result<NdArray> {
    RINT.apply(&[x.into()])
}

/// Truth value negated. NumPy's `np.logical_not(x)`; see [`LOGICAL_NOT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::logical_not(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn logical_not(x: impl Into<Operand>) -> Result<NdArray> {
    LOGICAL_NOT.apply(&[x.into()])
}

/// Bitwise not (`!`; logical not for bool). NumPy's `np.invert(x)`; see [`INVERT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::invert(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn invert(x: impl Into<Operand>) -> Result<NdArray> {
    INVERT.apply(&[x.into()])
}

/// Whether an element is NaN. NumPy's `np.isnan(x)`; see [`ISNAN`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::isnan(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn isnan(x: impl Into<Operand>) -> Result<NdArray> {
    ISNAN.apply(&[x.into()])
}

/// Whether an element is infinite. NumPy's `np.isinf(x)`; see [`ISINF`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::isinf(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn isinf(x: impl Into<Operand>) -> Result<NdArray> {
    ISINF.apply(&[x.into()])
}

/// Whether an element is finite. NumPy's `np.isfinite(x)`; see [`ISFINITE`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
/// let r = strider::ufunc::isfinite(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn isfinite(x: impl Into<Operand>) -> Result<NdArray> {
    ISFINITE.apply(&[x.into()])
}

/// Whether the sign bit is set. NumPy's `np.signbit(x)`; see [`SIGNBIT`] for `out=` and other options.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 2.0], &[2], Order::C).unwrap();
/// let r = strider::ufunc::signbit(&a).unwrap();
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn signbit(x: impl Into<Operand>) -> Result<NdArray> {
    SIGNBIT.apply(&[x.into()])
}

//! Casting: NumPy's casting levels (`can_cast`) and its element conversions (`Scalar::cast`).
//!
//! Owns which conversions each casting level allows and what value a conversion produces. The
//! conversions reproduce NumPy on x86-64, where C casts from floating point to integers follow
//! the processor's truncating converts (NaN and out-of-range values give the "integer indefinite"
//! value, narrower integers are cut from a 32-bit result, unsigned targets use the compilers'
//! subtract-and-flip sequence). It does not move array data: `array::copies` does.

use super::{ByteOrder, DType, DTypeKind, Kind, NumType};
use crate::scalar::Scalar;
use half::f16;
use num_complex::{Complex32, Complex64};

/// NumPy's `casting=` levels, from strictest to loosest.
///
/// ```
/// use strider::{can_cast, Casting, DType};
/// assert!(can_cast(&DType::INT32, &DType::FLOAT64, Casting::Safe));
/// assert!(!can_cast(&DType::INT32, &DType::FLOAT32, Casting::Safe));
/// assert_eq!("same_kind".parse::<Casting>().unwrap(), Casting::SameKind);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Casting {
    /// Identical dtypes only.
    No,
    /// Identical apart from byte order.
    Equiv,
    /// Conversions that keep every value.
    Safe,
    /// Safe, or within a kind (float64 to float32, int64 to int8).
    #[default]
    SameKind,
    /// Anything.
    Unsafe,
}

impl Casting {
    /// NumPy's name of the level.
    ///
    /// ```
    /// assert_eq!(strider::Casting::SameKind.name(), "same_kind");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }
}

impl std::str::FromStr for Casting {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Casting> {
        Ok(match s {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => {
                return Err(crate::Error::Value(format!(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '{s}')"
                )))
            }
        })
    }
}

/// Whether every value of `from` converts to `to` exactly (NumPy's safe numeric table).
fn safe_num(from: NumType, to: NumType) -> bool {
    use Kind::*;
    let (fk, tk) = (from.kind(), to.kind());
    let (fs, ts) = (from.itemsize(), to.itemsize());
    // The smallest float that holds every value of an integer of this size.
    let float_for_int = |size: usize| match size {
        1 => 2,
        2 => 4,
        _ => 8,
    };
    match (fk, tk) {
        (Bool, _) => true,
        (_, Bool) => false,
        (UInt, UInt) | (Int, Int) | (Float, Float) | (Complex, Complex) => ts >= fs,
        (UInt, Int) => ts > fs,
        (Int, UInt) => false,
        (UInt | Int, Float) => ts >= float_for_int(fs),
        (UInt | Int, Complex) => ts / 2 >= float_for_int(fs),
        (Float, Complex) => ts / 2 >= fs,
        (Float | Complex, UInt | Int) | (Complex, Float) => false,
    }
}

/// The order in which NumPy's same-kind casting lets kinds grow.
fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Bool => 0,
        Kind::UInt => 1,
        Kind::Int => 2,
        Kind::Float => 3,
        Kind::Complex => 4,
    }
}

/// NumPy's `np.can_cast(from, to, casting)` for dtypes.
///
/// ```
/// use strider::{can_cast, Casting, DType};
/// let be: DType = ">i8".parse().unwrap();
/// assert!(!can_cast(&be, &DType::INT64, Casting::No));
/// assert!(can_cast(&be, &DType::INT64, Casting::Equiv));
/// assert!(can_cast(&DType::UINT64, &DType::INT64, Casting::SameKind));
/// assert!(!can_cast(&DType::INT64, &DType::UINT64, Casting::SameKind));
/// ```
pub fn can_cast(from: &DType, to: &DType, casting: Casting) -> bool {
    let (DTypeKind::Num(f), DTypeKind::Num(t)) = (from.kind(), to.kind());
    let same_type = f == t;
    match casting {
        Casting::No => {
            same_type && (from.byte_order() == to.byte_order() || from.byte_order() == ByteOrder::NotApplicable)
        }
        Casting::Equiv => same_type,
        Casting::Safe => safe_num(*f, *t),
        Casting::SameKind => safe_num(*f, *t) || kind_rank(f.kind()) <= kind_rank(t.kind()),
        Casting::Unsafe => true,
    }
}

// x86-64 truncating converts: NaN and out-of-range give the "integer indefinite" value.
fn cvt32(x: f64) -> i32 {
    if x.is_nan() || !(-2147483648.0..2147483648.0).contains(&x.trunc()) {
        i32::MIN
    } else {
        x as i32
    }
}

fn cvt64(x: f64) -> i64 {
    if x.is_nan() || !(-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

// The compilers' lowering of double -> unsigned: below 2^(n-1) (or NaN) convert signed, otherwise
// convert x - 2^(n-1) and flip the top bit.
fn to_u32(x: f64) -> u32 {
    if x >= 2147483648.0 {
        (cvt32(x - 2147483648.0) as u32) ^ 0x8000_0000
    } else {
        cvt32(x) as u32
    }
}

fn to_u64(x: f64) -> u64 {
    if x >= 9223372036854775808.0 {
        (cvt64(x - 9223372036854775808.0) as u64) ^ 0x8000_0000_0000_0000
    } else {
        cvt64(x) as u64
    }
}

fn float_to_int(x: f64, to: NumType, from_half: bool) -> Scalar {
    match to {
        NumType::Int8 => Scalar::I8(cvt32(x) as i8),
        NumType::Int16 => Scalar::I16(cvt32(x) as i16),
        NumType::Int32 => Scalar::I32(cvt32(x)),
        NumType::Int64 => Scalar::I64(cvt64(x)),
        NumType::UInt8 => Scalar::U8(cvt32(x) as u8),
        NumType::UInt16 => Scalar::U16(cvt32(x) as u16),
        // NumPy widens half to float and casts float -> uint32 through a 64-bit convert.
        NumType::UInt32 if from_half => Scalar::U32(cvt64(x) as u32),
        NumType::UInt32 => Scalar::U32(to_u32(x)),
        NumType::UInt64 => Scalar::U64(to_u64(x)),
        _ => unreachable!("float_to_int called with a non-integer target"),
    }
}

impl Scalar {
    /// NumPy's conversion of a Python number (a "weak" scalar, NEP 50) when it is stored into an
    /// array (`fill`, `full`, item assignment): to an integer type, floats are truncated and the
    /// result must fit, NaN and infinities are errors; everything else converts as [`Scalar::cast`].
    /// Strider treats Rust values this way.
    ///
    /// ```
    /// use strider::{NumType, Scalar};
    /// assert_eq!(Scalar::F64(-7.9).cast_weak(NumType::Int16).unwrap(), Scalar::I16(-7));
    /// assert_eq!(Scalar::F64(300.0).cast_weak(NumType::Int8).unwrap_err().to_string(),
    ///            "Python integer 300 out of bounds for int8");
    /// assert!(Scalar::F64(f64::NAN).cast_weak(NumType::Int64).is_err());
    /// assert_eq!(Scalar::I64(300).cast_weak(NumType::Float16).unwrap(), Scalar::F16(half::f16::from_f32(300.0)));
    /// ```
    pub fn cast_weak(&self, to: NumType) -> crate::Result<Scalar> {
        if !to.is_integer() {
            return Ok(self.cast(to));
        }
        let v: i128 = match *self {
            Scalar::F16(_) | Scalar::F32(_) | Scalar::F64(_) | Scalar::C64(_) | Scalar::C128(_) => {
                let Scalar::F64(x) = self.cast(NumType::Float64) else { unreachable!("cast to own type") };
                if x.is_nan() {
                    return Err(crate::Error::Value("cannot convert float NaN to integer".into()));
                }
                if x.is_infinite() {
                    return Err(crate::Error::OutOfRange("cannot convert float infinity to integer".into()));
                }
                x.trunc() as i128
            }
            Scalar::Bool(v) => v as i128,
            Scalar::I8(v) => v as i128,
            Scalar::I16(v) => v as i128,
            Scalar::I32(v) => v as i128,
            Scalar::I64(v) => v as i128,
            Scalar::U8(v) => v as i128,
            Scalar::U16(v) => v as i128,
            Scalar::U32(v) => v as i128,
            Scalar::U64(v) => v as i128,
        };
        let (lo, hi): (i128, i128) = match to {
            NumType::Int8 => (i8::MIN as i128, i8::MAX as i128),
            NumType::Int16 => (i16::MIN as i128, i16::MAX as i128),
            NumType::Int32 => (i32::MIN as i128, i32::MAX as i128),
            NumType::Int64 => (i64::MIN as i128, i64::MAX as i128),
            NumType::UInt8 => (0, u8::MAX as i128),
            NumType::UInt16 => (0, u16::MAX as i128),
            NumType::UInt32 => (0, u32::MAX as i128),
            _ => (0, u64::MAX as i128),
        };
        if v < lo || v > hi {
            return Err(crate::Error::OutOfRange(format!("Python integer {v} out of bounds for {}", to.name())));
        }
        // In range, so the wrapping integer conversion is exact.
        Ok(Scalar::I64(v as i64).cast(to))
    }

    /// NumPy's (unsafe, C-style) conversion of a value to another numeric type, exactly as NumPy
    /// does it on x86-64: integers wrap, floats truncate toward zero (NaN and out-of-range values
    /// as the processor's converts give them), complex to real drops the imaginary part, anything
    /// to bool is "not zero".
    ///
    /// ```
    /// use strider::{NumType, Scalar};
    /// assert_eq!(Scalar::F64(300.7).cast(NumType::Int8), Scalar::I8(44));
    /// assert_eq!(Scalar::F64(f64::NAN).cast(NumType::Int64), Scalar::I64(i64::MIN));
    /// assert_eq!(Scalar::F64(-1.5).cast(NumType::UInt8), Scalar::U8(255));
    /// assert_eq!(Scalar::I64(-1).cast(NumType::UInt16), Scalar::U16(65535));
    /// assert_eq!(Scalar::F64(f64::NAN).cast(NumType::Bool), Scalar::Bool(true));
    /// ```
    pub fn cast(&self, to: NumType) -> Scalar {
        if self.num_type() == to {
            return *self;
        }
        // Integers (and bool) carry an exact i128; floats an f64 (f16/f32 widen exactly).
        let int: Option<i128> = match *self {
            Scalar::Bool(v) => Some(v as i128),
            Scalar::I8(v) => Some(v as i128),
            Scalar::I16(v) => Some(v as i128),
            Scalar::I32(v) => Some(v as i128),
            Scalar::I64(v) => Some(v as i128),
            Scalar::U8(v) => Some(v as i128),
            Scalar::U16(v) => Some(v as i128),
            Scalar::U32(v) => Some(v as i128),
            Scalar::U64(v) => Some(v as i128),
            _ => None,
        };
        let (re, im) = match *self {
            Scalar::F16(v) => (v.to_f64(), 0.0),
            Scalar::F32(v) => (v as f64, 0.0),
            Scalar::F64(v) => (v, 0.0),
            Scalar::C64(v) => (v.re as f64, v.im as f64),
            Scalar::C128(v) => (v.re, v.im),
            _ => (0.0, 0.0),
        };
        let from_half = matches!(self, Scalar::F16(_));
        match (int, to) {
            (Some(i), NumType::Bool) => Scalar::Bool(i != 0),
            (Some(i), NumType::Int8) => Scalar::I8(i as i8),
            (Some(i), NumType::Int16) => Scalar::I16(i as i16),
            (Some(i), NumType::Int32) => Scalar::I32(i as i32),
            (Some(i), NumType::Int64) => Scalar::I64(i as i64),
            (Some(i), NumType::UInt8) => Scalar::U8(i as u8),
            (Some(i), NumType::UInt16) => Scalar::U16(i as u16),
            (Some(i), NumType::UInt32) => Scalar::U32(i as u32),
            (Some(i), NumType::UInt64) => Scalar::U64(i as u64),
            // i128 -> f64 rounds to nearest, as the C conversion of a 64-bit integer does.
            (Some(i), NumType::Float16) => Scalar::F16(f16::from_f64(i as f64)),
            (Some(i), NumType::Float32) => Scalar::F32(i as f32),
            (Some(i), NumType::Float64) => Scalar::F64(i as f64),
            (Some(i), NumType::Complex64) => Scalar::C64(Complex32::new(i as f32, 0.0)),
            (Some(i), NumType::Complex128) => Scalar::C128(Complex64::new(i as f64, 0.0)),
            (None, NumType::Bool) => Scalar::Bool(re != 0.0 || im != 0.0),
            (None, NumType::Float16) => Scalar::F16(match *self {
                Scalar::F32(v) => f16::from_f32(v),
                _ => f16::from_f64(re),
            }),
            (None, NumType::Float32) => Scalar::F32(re as f32),
            (None, NumType::Float64) => Scalar::F64(re),
            (None, NumType::Complex64) => Scalar::C64(Complex32::new(re as f32, im as f32)),
            (None, NumType::Complex128) => Scalar::C128(Complex64::new(re, im)),
            (None, t) => float_to_int(re, t, from_half),
        }
    }
}

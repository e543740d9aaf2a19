//! Casting: NumPy's casting levels and its element conversions.
//!
//! OWNER: copies helper. Owns [`Casting`], [`can_cast`], [`Scalar::cast`] and the monomorphised
//! run kernels that convert a 1-d run of elements between two dtypes (byte order included). It
//! knows nothing of shapes: the `iter` engine hands it runs. Every conversion follows what NumPy
//! 2.4 gives on x86-64 (see `float_to_int` helpers for the out-of-range rules).

use super::{DType, Element, Kind, NumType};
use crate::scalar::{swap_in_place, Scalar};
use half::f16;
use num_complex::{Complex32, Complex64};

/// NumPy's `casting=` levels, from strictest to loosest.
///
/// ```
/// use strider::Casting;
/// assert!(Casting::No < Casting::Unsafe);
/// assert_eq!(Casting::default(), Casting::SameKind);
/// assert_eq!(Casting::Safe.name(), "safe");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Casting {
    /// Only identical dtypes (byte order included).
    No,
    /// Identical up to byte order.
    Equiv,
    /// Only casts that preserve every value.
    Safe,
    /// Safe casts, or casts within a kind or to a higher kind (bool < uint < int < float < complex).
    #[default]
    SameKind,
    /// Anything.
    Unsafe,
}

impl Casting {
    /// NumPy's spelling of the level (`no`, `equiv`, `safe`, `same_kind`, `unsafe`).
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

/// Whether NumPy's value-preserving ("safe") cast exists between two numeric types.
fn safe(from: NumType, to: NumType) -> bool {
    use NumType::*;
    if from == to || from == Bool {
        return true;
    }
    let (fk, tk) = (from.kind(), to.kind());
    let (fs, ts) = (from.itemsize(), to.itemsize());
    match (fk, tk) {
        (Kind::UInt, Kind::UInt) | (Kind::Int, Kind::Int) => ts >= fs,
        (Kind::UInt, Kind::Int) => ts > fs,
        (Kind::Int, Kind::UInt) => false,
        (Kind::UInt | Kind::Int, Kind::Float) => match fs {
            1 => true,
            2 => ts >= 4,
            _ => ts >= 8,
        },
        (Kind::UInt | Kind::Int, Kind::Complex) => match fs {
            1 | 2 => true,
            _ => ts >= 16,
        },
        (Kind::Float, Kind::Float) => ts >= fs,
        (Kind::Float, Kind::Complex) => ts >= 2 * fs,
        (Kind::Complex, Kind::Complex) => ts >= fs,
        _ => false,
    }
}

/// NumPy's `np.can_cast(from, to, casting)` for dtypes.
///
/// ```
/// use strider::{can_cast, Casting, DType};
/// assert!(can_cast(&DType::INT32, &DType::FLOAT64, Casting::Safe));
/// assert!(!can_cast(&DType::FLOAT64, &DType::INT32, Casting::SameKind));
/// let be: DType = ">i4".parse().unwrap();
/// assert!(!can_cast(&be, &DType::INT32, Casting::No));
/// assert!(can_cast(&be, &DType::INT32, Casting::Equiv));
/// ```
pub fn can_cast(from: &DType, to: &DType, casting: Casting) -> bool {
    let (Some(f), Some(t)) = (from.num_type(), to.num_type()) else {
        return can_cast_other(from, to, casting);
    };
    match casting {
        Casting::No => from == to,
        Casting::Equiv => f == t,
        Casting::Safe => safe(f, t),
        Casting::SameKind => safe(f, t) || f.kind() <= t.kind(),
        Casting::Unsafe => true,
    }
}

/// NumPy's error for a cast the rule refuses; a structured dtype is shown in its own repr.
pub(crate) fn cast_error(from: &DType, to: &DType, casting: Casting, scalar: bool) -> crate::Error {
    if from.record().is_some() || to.record().is_some() {
        let what = if scalar { "scalar" } else { "array data" };
        return crate::Error::Type(format!(
            "Cannot cast {what} from {from:?} to {to:?} according to the rule '{}'",
            casting.name()
        ));
    }
    crate::Error::Cast { scalar, from: from.repr_inner(), to: to.repr_inner(), casting: casting.name().into() }
}

/// `can_cast` when either side is not numeric: strings, datetimes, void and records.
fn can_cast_other(from: &DType, to: &DType, casting: Casting) -> bool {
    use super::DTypeKind as K;
    use crate::datetime::calendar::can_cast_units;
    if casting == Casting::No {
        return from == to;
    }
    if from.to_native() == to.to_native() {
        return true;
    }
    if casting == Casting::Equiv {
        return false;
    }
    let unsafe_ok = casting == Casting::Unsafe;
    match (from.kind(), to.kind()) {
        (K::DateTime(a), K::DateTime(b)) => can_cast_units(*a, *b, casting, false),
        (K::TimeDelta(a), K::TimeDelta(b)) => can_cast_units(*a, *b, casting, true),
        (K::Num(t), K::TimeDelta(_)) => match t.kind() {
            Kind::Bool | Kind::Int => true,
            Kind::UInt => t.itemsize() < 8 || casting >= Casting::SameKind,
            _ => unsafe_ok,
        },
        (K::Bytes(a), K::Bytes(b)) | (K::Str(a), K::Str(b)) | (K::Bytes(a), K::Str(b)) => {
            a <= b || casting >= Casting::SameKind
        }
        (K::Str(_), K::Bytes(_)) => unsafe_ok,
        (K::Record(a), K::Record(b)) => {
            a.fields().len() == b.fields().len()
                && a.fields().iter().zip(b.fields()).all(|(x, y)| {
                    x.shape == y.shape && (unsafe_ok || x.name == y.name) && can_cast(&x.dtype, &y.dtype, casting)
                })
        }
        (K::Record(_), _) | (_, K::Record(_)) => false,
        _ => unsafe_ok,
    }
}

// ---------------------------------------------------------------------------------------------
// Element conversions.

/// x86-64 `cvttsd2si` with a 32-bit result: truncation, and `i32::MIN` for NaN or out of range.
#[inline]
fn cvtt32(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// x86-64 `cvttsd2si` with a 64-bit result: truncation, and `i64::MIN` for NaN or out of range.
#[inline]
fn cvtt64(x: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// The float → uint64 sequence compilers emit on x86-64 (subtract 2**63 above it, xor the top bit).
#[inline]
fn f_to_u64(x: f64) -> u64 {
    if x >= 9223372036854775808.0 {
        (cvtt64(x - 9223372036854775808.0) as u64) ^ (1u64 << 63)
    } else {
        cvtt64(x) as u64
    }
}

/// float64 → float16 with one correct rounding (nearest, ties to even), as NumPy's
/// `npy_double_to_half`. (`half::f16::from_f64` rounds through f32 on x86 with F16C, which
/// double-rounds: NumPy gives 0x3C01 for 1 + 2**-11 + 2**-40, the f32 route 0x3C00.)
pub(crate) fn f64_to_f16(x: f64) -> f16 {
    let b = x.to_bits();
    let sign = ((b >> 48) & 0x8000) as u16;
    let exp = ((b >> 52) & 0x7ff) as i32;
    let man = b & 0x000f_ffff_ffff_ffff;
    if exp == 0x7ff {
        if man == 0 {
            return f16::from_bits(sign | 0x7c00);
        }
        let m = (man >> 42) as u16;
        return f16::from_bits(sign | 0x7c00 | if m == 0 { 0x200 } else { m });
    }
    let e = exp - 1023;
    if e > 15 {
        return f16::from_bits(sign | 0x7c00);
    }
    if e < -25 {
        return f16::from_bits(sign);
    }
    let round = |m: u64, shift: u32| -> u64 {
        let rem = m & ((1u64 << shift) - 1);
        let q = m >> shift;
        let halfway = 1u64 << (shift - 1);
        if rem > halfway || (rem == halfway && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let bits = if e >= -14 {
        // Normal: a carry out of the mantissa bumps the exponent (up to infinity), as it should.
        (((e + 15) as u64) << 10) + round(man, 42)
    } else {
        // Subnormal: count units of 2**-24.
        round(man | (1u64 << 52), (28 - e) as u32)
    };
    f16::from_bits(sign | bits as u16)
}

/// The float → uint32 sequence of NumPy's vectorised loop on x86-64 (AVX2): subtract 2**31 at
/// or above it and xor the top bit, with 32-bit truncations (`i32::MIN` pattern when invalid).
#[inline]
fn f_to_u32_vec(x: f64) -> u32 {
    if x >= 2147483648.0 {
        (cvtt32(x - 2147483648.0) as u32) ^ 0x8000_0000
    } else {
        cvtt32(x) as u32
    }
}

/// A value that converts to every numeric type the way NumPy's C casts do on x86-64.
pub(crate) trait Conv: Element {
    fn to_bool(self) -> bool;
    fn to_i8(self) -> i8;
    fn to_i16(self) -> i16;
    fn to_i32(self) -> i32;
    fn to_i64(self) -> i64;
    fn to_u8(self) -> u8;
    fn to_u16(self) -> u16;
    fn to_u32(self) -> u32;
    fn to_u64(self) -> u64;
    fn to_f16(self) -> f16;
    fn to_f32(self) -> f32;
    fn to_f64(self) -> f64;
    fn to_c64(self) -> Complex32;
    fn to_c128(self) -> Complex64;
    /// `to_u32` as NumPy's auto-vectorised contiguous float → uint32 loop computes it (blocks of 4
    /// elements); differs from `to_u32` only for NaN and out-of-range floats.
    #[inline]
    fn to_u32_vec(self) -> u32 {
        self.to_u32()
    }
    /// How many leading elements of a contiguous run of `len` NumPy's vectorised loop converts
    /// (to uint32) with `to_u32_vec`; the rest go through the scalar tail. Measured on NumPy 2.4.6
    /// (AVX2): float32/float64 `len / 4 * 4`; complex64 `(len - 1) / 4 * 4`; complex128 the same
    /// but none below 6 elements; other sources never take the vector path.
    #[inline]
    fn u32_blocks(_len: usize) -> usize {
        0
    }
}

macro_rules! int_conv {
    ($($t:ty),*) => {$(
        impl Conv for $t {
            #[inline] fn to_bool(self) -> bool { self != 0 }
            #[inline] fn to_i8(self) -> i8 { self as i8 }
            #[inline] fn to_i16(self) -> i16 { self as i16 }
            #[inline] fn to_i32(self) -> i32 { self as i32 }
            #[inline] fn to_i64(self) -> i64 { self as i64 }
            #[inline] fn to_u8(self) -> u8 { self as u8 }
            #[inline] fn to_u16(self) -> u16 { self as u16 }
            #[inline] fn to_u32(self) -> u32 { self as u32 }
            #[inline] fn to_u64(self) -> u64 { self as u64 }
            #[inline] fn to_f16(self) -> f16 { f64_to_f16(self as f64) }
            #[inline] fn to_f32(self) -> f32 { self as f32 }
            #[inline] fn to_f64(self) -> f64 { self as f64 }
            #[inline] fn to_c64(self) -> Complex32 { Complex32::new(self as f32, 0.0) }
            #[inline] fn to_c128(self) -> Complex64 { Complex64::new(self as f64, 0.0) }
        }
    )*};
}
int_conv!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! delegate_conv {
    ($t:ty, |$s:ident| $via:expr, bool = |$b:ident| $to_bool:expr, f16 = |$h:ident| $to_f16:expr, f32 = |$e:ident| $to_f32:expr, f64 = |$g:ident| $to_f64:expr, c64 = |$c:ident| $to_c64:expr, c128 = |$d:ident| $to_c128:expr, blocks = $blocks:expr) => {
        impl Conv for $t {
            #[inline]
            fn to_bool(self) -> bool {
                let $b = self;
                $to_bool
            }
            #[inline]
            fn to_i8(self) -> i8 {
                let $s = self;
                $via.to_i8()
            }
            #[inline]
            fn to_i16(self) -> i16 {
                let $s = self;
                $via.to_i16()
            }
            #[inline]
            fn to_i32(self) -> i32 {
                let $s = self;
                $via.to_i32()
            }
            #[inline]
            fn to_i64(self) -> i64 {
                let $s = self;
                $via.to_i64()
            }
            #[inline]
            fn to_u8(self) -> u8 {
                let $s = self;
                $via.to_u8()
            }
            #[inline]
            fn to_u16(self) -> u16 {
                let $s = self;
                $via.to_u16()
            }
            #[inline]
            fn to_u32(self) -> u32 {
                let $s = self;
                $via.to_u32()
            }
            #[inline]
            fn to_u64(self) -> u64 {
                let $s = self;
                $via.to_u64()
            }
            #[inline]
            fn to_f16(self) -> f16 {
                let $h = self;
                $to_f16
            }
            #[inline]
            fn to_f32(self) -> f32 {
                let $e = self;
                $to_f32
            }
            #[inline]
            fn to_f64(self) -> f64 {
                let $g = self;
                $to_f64
            }
            #[inline]
            fn to_c64(self) -> Complex32 {
                let $c = self;
                $to_c64
            }
            #[inline]
            fn to_c128(self) -> Complex64 {
                let $d = self;
                $to_c128
            }
            #[inline]
            fn to_u32_vec(self) -> u32 {
                let $s = self;
                $via.to_u32_vec()
            }
            #[inline]
            fn u32_blocks(len: usize) -> usize {
                $blocks(len)
            }
        }
    };
}

macro_rules! float_conv {
    ($($t:ty => $h:expr),*) => {$(
        impl Conv for $t {
            #[inline] fn to_bool(self) -> bool { self != 0.0 }
            #[inline] fn to_i8(self) -> i8 { cvtt32(self as f64) as i8 }
            #[inline] fn to_i16(self) -> i16 { cvtt32(self as f64) as i16 }
            #[inline] fn to_i32(self) -> i32 { cvtt32(self as f64) }
            #[inline] fn to_i64(self) -> i64 { cvtt64(self as f64) }
            #[inline] fn to_u8(self) -> u8 { cvtt32(self as f64) as u8 }
            #[inline] fn to_u16(self) -> u16 { cvtt32(self as f64) as u16 }
            #[inline] fn to_u32(self) -> u32 { cvtt64(self as f64) as u32 }
            #[inline] fn to_u64(self) -> u64 { f_to_u64(self as f64) }
            #[inline] fn to_f16(self) -> f16 { $h(self) }
            #[inline] fn to_f32(self) -> f32 { self as f32 }
            #[inline] fn to_f64(self) -> f64 { self as f64 }
            #[inline] fn to_c64(self) -> Complex32 { Complex32::new(self as f32, 0.0) }
            #[inline] fn to_c128(self) -> Complex64 { Complex64::new(self as f64, 0.0) }
            #[inline] fn to_u32_vec(self) -> u32 { f_to_u32_vec(self as f64) }
            #[inline] fn u32_blocks(len: usize) -> usize { len / 4 * 4 }
        }
    )*};
}
float_conv!(f32 => f16::from_f32, f64 => f64_to_f16);

delegate_conv!(
    bool,
    |s| (s as u8),
    bool = |b| b,
    f16 = |h| if h { f16::ONE } else { f16::ZERO },
    f32 = |e| e as u8 as f32,
    f64 = |g| g as u8 as f64,
    c64 = |c| Complex32::new(c as u8 as f32, 0.0),
    c128 = |d| Complex64::new(d as u8 as f64, 0.0),
    blocks = |_| 0
);
delegate_conv!(
    f16,
    |s| s.to_f32(),
    bool = |b| b.to_f32() != 0.0,
    f16 = |h| h,
    f32 = |e| f16_to_f32(e),
    f64 = |g| f16_to_f64(g),
    c64 = |c| Complex32::new(f16_to_f32(c), 0.0),
    c128 = |d| Complex64::new(f16_to_f64(d), 0.0),
    blocks = |_| 0
);
delegate_conv!(
    Complex32,
    |s| s.re,
    bool = |b| b.re != 0.0 || b.im != 0.0,
    f16 = |h| f16::from_f32(h.re),
    f32 = |e| e.re,
    f64 = |g| g.re as f64,
    c64 = |c| c,
    c128 = |d| Complex64::new(d.re as f64, d.im as f64),
    blocks = |n: usize| n.saturating_sub(1) / 4 * 4
);
delegate_conv!(
    Complex64,
    |s| s.re,
    bool = |b| b.re != 0.0 || b.im != 0.0,
    f16 = |h| f64_to_f16(h.re),
    f32 = |e| e.re as f32,
    f64 = |g| g.re,
    c64 = |c| Complex32::new(c.re as f32, c.im as f32),
    c128 = |d| d,
    blocks = |n: usize| if n < 6 { 0 } else { (n - 1) / 4 * 4 }
);

/// The smallest and largest value of an integer type (`uint64`'s for any other type).
pub(crate) fn int_bounds(t: NumType) -> (i128, i128) {
    match t {
        NumType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        NumType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        NumType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        NumType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        NumType::UInt8 => (0, u8::MAX as i128),
        NumType::UInt16 => (0, u16::MAX as i128),
        NumType::UInt32 => (0, u32::MAX as i128),
        _ => (0, u64::MAX as i128),
    }
}

/// float16 to float32 bit by bit, as NumPy converts: a signalling NaN stays signalling (the
/// `half` crate, like the F16C instruction, sets the quiet bit).
#[inline]
pub(crate) fn f16_to_f32(h: f16) -> f32 {
    if h.is_nan() {
        let b = h.to_bits() as u32;
        return f32::from_bits(((b & 0x8000) << 16) | 0x7f80_0000 | ((b & 0x03ff) << 13));
    }
    h.to_f32()
}

/// float32 to float16 as NumPy's float16 loops round their results: a NaN keeps its sign and
/// the top bits of its payload, so a signalling NaN stays signalling (a payload that would
/// vanish becomes 1, still a NaN).
#[inline]
pub(crate) fn f32_to_f16(x: f32) -> f16 {
    if x.is_nan() {
        let b = x.to_bits();
        let m = ((b >> 13) & 0x03ff) as u16;
        return f16::from_bits(((b >> 16) & 0x8000) as u16 | 0x7c00 | if m == 0 { 1 } else { m });
    }
    f16::from_f32(x)
}

/// float16 to float64 bit by bit, as NumPy converts (see [`f16_to_f32`]).
fn f16_to_f64(h: f16) -> f64 {
    if h.is_nan() {
        let b = h.to_bits() as u64;
        return f64::from_bits(((b & 0x8000) << 48) | 0x7ff0_0000_0000_0000 | ((b & 0x03ff) << 42));
    }
    h.to_f64()
}

/// A type that can be built from any [`Conv`] value.
pub(crate) trait FromConv: Element {
    fn from_conv<S: Conv>(s: S) -> Self;
    /// The conversion inside full 4-element blocks of a contiguous run (see `Conv::to_u32_vec`).
    #[inline]
    fn from_conv_vec<S: Conv>(s: S) -> Self {
        Self::from_conv(s)
    }
}

macro_rules! from_conv {
    ($($t:ty => $m:ident),*) => {$(
        impl FromConv for $t { #[inline] fn from_conv<S: Conv>(s: S) -> Self { s.$m() } }
    )*};
}
impl FromConv for u32 {
    #[inline]
    fn from_conv<S: Conv>(s: S) -> Self {
        s.to_u32()
    }
    #[inline]
    fn from_conv_vec<S: Conv>(s: S) -> Self {
        s.to_u32_vec()
    }
}
from_conv!(bool => to_bool, i8 => to_i8, i16 => to_i16, i32 => to_i32, i64 => to_i64, u8 => to_u8,
    u16 => to_u16, u64 => to_u64, f16 => to_f16, f32 => to_f32, f64 => to_f64,
    Complex32 => to_c64, Complex64 => to_c128);

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
        let (lo, hi) = int_bounds(to);
        if v < lo || v > hi {
            return Err(crate::Error::OutOfRange(format!("Python integer {v} out of bounds for {}", to.name())));
        }
        // In range, so the wrapping integer conversion is exact.
        Ok(Scalar::I64(v as i64).cast(to))
    }

    /// NumPy's unsafe (C-style) conversion of a value to another numeric type, exactly as
    /// `np.array(value).astype(to)` gives it on x86-64: integers wrap, floats truncate toward zero,
    /// NaN and out-of-range floats give the x86 "integer indefinite" result, complex values drop
    /// the imaginary part (except to bool, where either part counts).
    ///
    /// ```
    /// use strider::{Scalar, NumType};
    /// assert_eq!(Scalar::F64(-1.7).cast(NumType::Int8), Scalar::I8(-1));
    /// assert_eq!(Scalar::I64(300).cast(NumType::UInt8), Scalar::U8(44));
    /// assert_eq!(Scalar::F64(f64::NAN).cast(NumType::Int32), Scalar::I32(i32::MIN));
    /// assert_eq!(Scalar::F64(f64::NAN).cast(NumType::Int16), Scalar::I16(0));
    /// ```
    pub fn cast(&self, to: NumType) -> Scalar {
        let from = self.num_type();
        let n = from.itemsize();
        let mut buf = [0u8; 16];
        // Writing a scalar as its own native dtype cannot fail.
        let _ = self.write_bytes(&DType::new(from), &mut buf[..n]);
        crate::dispatch_num!(from, S => {
            let v = <S as Element>::from_ne_slice(&buf[..n]);
            crate::dispatch_num!(to, D => Scalar::from(<D as FromConv>::from_conv(v)))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Run kernels.

/// A kernel converting one run: `(len, src, src_offset, src_stride, dst, dst_offset, dst_stride)`.
/// Offsets and strides are in bytes; the caller guarantees every touched byte is in range.
pub(crate) type RunKernel = fn(usize, &[u8], usize, isize, &mut [u8], usize, isize);

#[inline]
fn read<S: Element, const SWAP: bool>(src: &[u8], at: usize) -> S {
    let n = std::mem::size_of::<S>();
    if SWAP {
        let mut b = [0u8; 16];
        b[..n].copy_from_slice(&src[at..at + n]);
        swap_in_place(&mut b[..n], S::NUM);
        S::from_ne_slice(&b[..n])
    } else {
        S::from_ne_slice(&src[at..at + n])
    }
}

#[inline]
fn write<D: Element, const SWAP: bool>(v: D, dst: &mut [u8], at: usize) {
    let n = std::mem::size_of::<D>();
    let out = &mut dst[at..at + n];
    v.write_ne_slice(out);
    if SWAP {
        swap_in_place(out, D::NUM);
    }
}

fn cast_run<S: Conv, D: FromConv, const SS: bool, const DS: bool>(
    len: usize,
    src: &[u8],
    so: usize,
    ss: isize,
    dst: &mut [u8],
    dof: usize,
    ds: isize,
) {
    let (sn, dn) = (std::mem::size_of::<S>(), std::mem::size_of::<D>());
    if !SS && !DS && ss == sn as isize && ds == dn as isize {
        let s = &src[so..so + len * sn];
        let d = &mut dst[dof..dof + len * dn];
        let blocks = S::u32_blocks(len);
        let (s_vec, s_tail) = s.split_at(blocks * sn);
        let (d_vec, d_tail) = d.split_at_mut(blocks * dn);
        for (a, b) in s_vec.chunks_exact(sn).zip(d_vec.chunks_exact_mut(dn)) {
            D::from_conv_vec(S::from_ne_slice(a)).write_ne_slice(b);
        }
        for (a, b) in s_tail.chunks_exact(sn).zip(d_tail.chunks_exact_mut(dn)) {
            D::from_conv(S::from_ne_slice(a)).write_ne_slice(b);
        }
        return;
    }
    // NumPy byte-swaps through a contiguous buffer, so a swapped side counts as contiguous for
    // its loop selection (measured: swapped strided source + swapped strided destination uses
    // the blocked loop; native strided on either side does not).
    let src_contig = SS || ss == sn as isize;
    let dst_contig = DS || ds == dn as isize;
    let blocks = if src_contig && dst_contig { S::u32_blocks(len) } else { 0 };
    let (mut i, mut o) = (so as isize, dof as isize);
    for k in 0..len {
        let v: S = read::<S, SS>(src, i as usize);
        let d = if k < blocks { D::from_conv_vec(v) } else { D::from_conv(v) };
        write::<D, DS>(d, dst, o as usize);
        i += ss;
        o += ds;
    }
}

/// Copies a run of elements of `n` bytes unchanged (same dtype on both sides).
fn copy_run<const N: usize>(len: usize, src: &[u8], so: usize, ss: isize, dst: &mut [u8], dof: usize, ds: isize) {
    if ss == N as isize && ds == N as isize {
        dst[dof..dof + len * N].copy_from_slice(&src[so..so + len * N]);
        return;
    }
    let (mut i, mut o) = (so as isize, dof as isize);
    for _ in 0..len {
        let (iu, ou) = (i as usize, o as usize);
        dst[ou..ou + N].copy_from_slice(&src[iu..iu + N]);
        i += ss;
        o += ds;
    }
}

/// Copies a run, reversing the byte order of each element (same type, opposite byte orders).
fn swap_run<S: Element>(len: usize, src: &[u8], so: usize, ss: isize, dst: &mut [u8], dof: usize, ds: isize) {
    let n = std::mem::size_of::<S>();
    let (mut i, mut o) = (so as isize, dof as isize);
    for _ in 0..len {
        let (iu, ou) = (i as usize, o as usize);
        let out = &mut dst[ou..ou + n];
        out.copy_from_slice(&src[iu..iu + n]);
        swap_in_place(out, S::NUM);
        i += ss;
        o += ds;
    }
}

fn cast_kernel_for<S: Conv, D: FromConv>(sswap: bool, dswap: bool) -> RunKernel {
    match (sswap, dswap) {
        (false, false) => cast_run::<S, D, false, false>,
        (true, false) => cast_run::<S, D, true, false>,
        (false, true) => cast_run::<S, D, false, true>,
        (true, true) => cast_run::<S, D, true, true>,
    }
}

/// The run kernel converting elements of `from` into elements of `to`, chosen once per operation.
/// Returns `None` for non-numeric dtypes.
pub(crate) fn run_kernel(from: &DType, to: &DType) -> Option<RunKernel> {
    let (f, t) = (from.num_type()?, to.num_type()?);
    if from == to {
        return Some(match f.itemsize() {
            1 => copy_run::<1>,
            2 => copy_run::<2>,
            4 => copy_run::<4>,
            8 => copy_run::<8>,
            _ => copy_run::<16>,
        });
    }
    if f == t {
        return Some(crate::dispatch_num!(f, S => swap_run::<S> as RunKernel));
    }
    let (ss, ds) = (!from.is_native(), !to.is_native());
    Some(crate::dispatch_num!(f, S => crate::dispatch_num!(t, D => cast_kernel_for::<S, D>(ss, ds))))
}

// ---------------------------------------------------------------------------------------------
// Floating-point flags of casts.

/// What a numeric cast can raise, decided once per operation from its two types.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum CastCheck {
    /// Float (or complex, by its real part) to integer: NaN, infinities and values outside the
    /// open interval `(lo, hi)` are invalid. x86-64 converts through int32 for the types up to 32
    /// bits (uint32 aside), through int64 for int64 and uint32, and directly for uint64.
    Int { lo: f64, hi: f64 },
    /// To a float type `to` of less precision: a finite value that rounds to infinity overflows;
    /// with `tiny`, a value that rounds inexactly below the smallest normal underflows. `both`:
    /// the imaginary part is converted too (complex to complex).
    Narrow { to: NumType, both: bool, tiny: bool },
}

/// The check a cast from `from` to `to` needs, or `None` when it can raise nothing. `tiny`:
/// whether underflow is reported.
pub(crate) fn cast_check(from: NumType, to: NumType, tiny: bool) -> Option<CastCheck> {
    use NumType as N;
    let (fk, tk) = (from.kind(), to.kind());
    if from.is_inexact() && matches!(tk, Kind::Int | Kind::UInt) {
        let two = |e: i32| 2f64.powi(e);
        let (lo, hi) = match to {
            N::Int64 | N::UInt32 => (-two(63) - 2048.0, two(63)),
            N::UInt64 => (-two(63) - 2048.0, two(64)),
            _ => (-two(31) - 1.0, two(31)),
        };
        return Some(CastCheck::Int { lo, hi });
    }
    if from.is_inexact() && to.is_inexact() && to.real_type().itemsize() < from.real_type().itemsize() {
        let both = fk == Kind::Complex && tk == Kind::Complex;
        return Some(CastCheck::Narrow { to: to.real_type(), both, tiny });
    }
    // Only float16 is narrow enough for an integer to overflow it.
    if matches!(fk, Kind::Int | Kind::UInt) && to == N::Float16 {
        return Some(CastCheck::Narrow { to, both: false, tiny: false });
    }
    None
}

const INVALID: u8 = crate::ufunc::errstate::Flag::Invalid as u8;
const OVERFLOW: u8 = crate::ufunc::errstate::Flag::Overflow as u8;
const UNDERFLOW: u8 = crate::ufunc::errstate::Flag::Underflow as u8;

fn narrow_flags(x: f64, to: NumType, tiny: bool) -> u8 {
    if !x.is_finite() {
        return 0;
    }
    let (r, min_normal) = match to {
        NumType::Float16 => (f16::from_f64(x).to_f64(), 6.103515625e-05),
        _ => (x as f32 as f64, f32::MIN_POSITIVE as f64),
    };
    if r.is_infinite() {
        OVERFLOW
    } else if tiny && r != x && r.abs() < min_normal {
        UNDERFLOW
    } else {
        0
    }
}

/// A scan of one source run of a cast for the flags it raises: `(len, src, offset, stride,
/// check)`, offsets and strides in bytes.
pub(crate) type FlagRun = fn(usize, &[u8], usize, isize, CastCheck) -> u8;

fn flag_run<S: Conv, const SS: bool>(len: usize, src: &[u8], so: usize, ss: isize, chk: CastCheck) -> u8 {
    let mut at = so as isize;
    match chk {
        CastCheck::Int { lo, hi } => {
            let mut bad = false;
            for _ in 0..len {
                let x = read::<S, SS>(src, at as usize).to_c128().re;
                // NaN fails both comparisons.
                bad |= !(x > lo && x < hi);
                at += ss;
            }
            if bad {
                INVALID
            } else {
                0
            }
        }
        CastCheck::Narrow { to, both, tiny } => {
            let mut f = 0;
            for _ in 0..len {
                let z = read::<S, SS>(src, at as usize).to_c128();
                f |= narrow_flags(z.re, to, tiny);
                if both {
                    f |= narrow_flags(z.im, to, tiny);
                }
                at += ss;
            }
            f
        }
    }
}

/// [`flag_run`] for native float64/float32 into an integer, with a contiguous aligned run
/// scanned as a typed slice (one vectorised pass, no early exit) and anything else by element.
fn flag_run_float_int<T: Conv + bytemuck::Pod + Into<f64>>(
    len: usize,
    src: &[u8],
    so: usize,
    ss: isize,
    chk: CastCheck,
) -> u8 {
    let n = std::mem::size_of::<T>();
    if let (CastCheck::Int { lo, hi }, true) = (chk, ss == n as isize) {
        if let Ok(v) = bytemuck::try_cast_slice::<u8, T>(&src[so..so + len * n]) {
            let bad = v.iter().fold(false, |b, &x| {
                let x: f64 = x.into();
                b | !(x > lo && x < hi)
            });
            return if bad { INVALID } else { 0 };
        }
    }
    flag_run::<T, false>(len, src, so, ss, chk)
}

/// The flag scan for elements of the numeric dtype `from` (either byte order).
pub(crate) fn flag_kernel(from: &DType) -> Option<FlagRun> {
    let f = from.num_type()?;
    let swap = !from.is_native();
    Some(match (f, swap) {
        (NumType::Float64, false) => flag_run_float_int::<f64>,
        (NumType::Float32, false) => flag_run_float_int::<f32>,
        _ => crate::dispatch_num!(f, S => if swap { flag_run::<S, true> as FlagRun } else { flag_run::<S, false> }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cast_checks_follow_the_x86_conversions() {
        let int32 = cast_check(NumType::Float64, NumType::Int8, false).unwrap();
        let scan = |chk: CastCheck, v: f64| flag_run::<f64, false>(1, &v.to_ne_bytes(), 0, 8, chk);
        // Through int32: 300 wraps silently into int8; 2^31 and NaN are invalid.
        assert_eq!((scan(int32, 300.0), scan(int32, -2147483648.0)), (0, 0));
        assert_eq!((scan(int32, 2147483648.0), scan(int32, f64::NAN)), (INVALID, INVALID));
        let u64 = cast_check(NumType::Float64, NumType::UInt64, false).unwrap();
        assert_eq!((scan(u64, 1.8e19), scan(u64, -1e19)), (0, INVALID));
        let f4 = cast_check(NumType::Float64, NumType::Float32, true).unwrap();
        assert_eq!((scan(f4, 1e300), scan(f4, 1e-50), scan(f4, f64::INFINITY)), (OVERFLOW, UNDERFLOW, 0));
        assert_eq!(cast_check(NumType::Float32, NumType::Float64, true), None);
        assert_eq!(cast_check(NumType::Int64, NumType::Float32, true), None);
        assert!(cast_check(NumType::Int64, NumType::Float16, true).is_some());
        // The typed fast path agrees with the element loop, contiguous or not.
        let v: Vec<f64> = vec![1.0, -3.5, 2147483647.0, 7.0];
        let b: Vec<u8> = v.iter().flat_map(|x| x.to_ne_bytes()).collect();
        let fast = flag_kernel(&DType::FLOAT64).unwrap();
        assert_eq!((fast(4, &b, 0, 8, int32), fast(2, &b, 0, 16, int32)), (0, 0));
        let mut w = v.clone();
        w[3] = f64::NAN;
        let b: Vec<u8> = w.iter().flat_map(|x| x.to_ne_bytes()).collect();
        assert_eq!((fast(4, &b, 0, 8, int32), fast(2, &b, 8, 16, int32)), (INVALID, INVALID));
    }

    #[test]
    fn f64_to_f16_rounds_once() {
        // NumPy: np.array([1 + 2**-11 + 2**-40]).astype('f2').view('u2') == 15361 (through f32 it
        // would be 15360).
        let x = 1.0 + 2f64.powi(-11) + 2f64.powi(-40);
        assert_eq!(Scalar::F64(x).cast(NumType::Float16), Scalar::F16(f16::from_bits(15361)));
    }

    #[test]
    fn complex_to_bool_uses_both_parts() {
        assert_eq!(Scalar::C128(Complex64::new(0.0, 1.0)).cast(NumType::Bool), Scalar::Bool(true));
        assert_eq!(Scalar::C128(Complex64::new(0.0, 0.0)).cast(NumType::Bool), Scalar::Bool(false));
    }
}

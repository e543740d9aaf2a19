//! One element's value, detached from any array.
//!
//! Owns: [`Scalar`], its conversion to and from the bytes of a [`DType`] (byte order included).
//! Casting rules between types live in `dtype::cast`, not here.

use crate::dtype::{DType, DTypeKind, NumType};
use half::f16;
use num_complex::{Complex32, Complex64};

/// The value of one element, as NumPy's scalar types hold it (`np.float64(1.5)`, `np.int8(3)`).
///
/// ```
/// use strider::{Scalar, DType};
/// let s = Scalar::F64(1.5);
/// assert_eq!(s.dtype(), DType::FLOAT64);
/// let be: DType = ">f8".parse().unwrap();
/// let bytes = s.to_bytes(&be).unwrap();
/// assert_eq!(bytes, 1.5f64.to_be_bytes());
/// assert_eq!(Scalar::from_bytes(&bytes, &be), Scalar::F64(1.5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Scalar {
    /// `bool`
    Bool(bool),
    /// `int8`
    I8(i8),
    /// `int16`
    I16(i16),
    /// `int32`
    I32(i32),
    /// `int64`
    I64(i64),
    /// `uint8`
    U8(u8),
    /// `uint16`
    U16(u16),
    /// `uint32`
    U32(u32),
    /// `uint64`
    U64(u64),
    /// `float16`
    F16(f16),
    /// `float32`
    F32(f32),
    /// `float64`
    F64(f64),
    /// `complex64`
    C64(Complex32),
    /// `complex128`
    C128(Complex64),
}

macro_rules! scalar_from {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for Scalar { fn from(x: $t) -> Scalar { Scalar::$v(x) } }
    )*};
}
scalar_from!(bool => Bool, i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16,
    u32 => U32, u64 => U64, f16 => F16, f32 => F32, f64 => F64, Complex32 => C64, Complex64 => C128);

impl Scalar {
    /// The numeric type of the value.
    ///
    /// ```
    /// assert_eq!(strider::Scalar::U8(3).num_type(), strider::NumType::UInt8);
    /// ```
    pub fn num_type(&self) -> NumType {
        match self {
            Scalar::Bool(_) => NumType::Bool,
            Scalar::I8(_) => NumType::Int8,
            Scalar::I16(_) => NumType::Int16,
            Scalar::I32(_) => NumType::Int32,
            Scalar::I64(_) => NumType::Int64,
            Scalar::U8(_) => NumType::UInt8,
            Scalar::U16(_) => NumType::UInt16,
            Scalar::U32(_) => NumType::UInt32,
            Scalar::U64(_) => NumType::UInt64,
            Scalar::F16(_) => NumType::Float16,
            Scalar::F32(_) => NumType::Float32,
            Scalar::F64(_) => NumType::Float64,
            Scalar::C64(_) => NumType::Complex64,
            Scalar::C128(_) => NumType::Complex128,
        }
    }

    /// The native dtype of the value.
    ///
    /// ```
    /// assert_eq!(strider::Scalar::Bool(true).dtype(), strider::DType::BOOL);
    /// ```
    pub fn dtype(&self) -> DType {
        DType::new(self.num_type())
    }

    /// Reads a value from the bytes of one element of `dtype` (any byte order).
    ///
    /// `bytes` must hold at least `dtype.itemsize()` bytes; extra bytes are ignored.
    ///
    /// ```
    /// use strider::{DType, Scalar};
    /// let be: DType = ">i2".parse().unwrap();
    /// assert_eq!(Scalar::from_bytes(&[1, 0], &be), Scalar::I16(256));
    /// ```
    pub fn from_bytes(bytes: &[u8], dtype: &DType) -> Scalar {
        let n = dtype.itemsize().min(16);
        let mut buf = [0u8; 16];
        buf[..n].copy_from_slice(&bytes[..n]);
        let swap = !dtype.is_native();
        match dtype.kind() {
            DTypeKind::Num(t) => {
                if swap {
                    swap_in_place(&mut buf[..n], *t);
                }
                Scalar::from_ne(&buf[..n], *t)
            }
            // A datetime or timedelta reads as its int64 count; other kinds have no numeric value.
            DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_) => {
                if swap {
                    buf[..8].reverse();
                }
                Scalar::from_ne(&buf[..8], NumType::Int64)
            }
            _ => Scalar::U8(0),
        }
    }

    fn from_ne(b: &[u8], t: NumType) -> Scalar {
        use crate::Element;
        match t {
            NumType::Bool => Scalar::Bool(bool::from_ne_slice(b)),
            NumType::Int8 => Scalar::I8(i8::from_ne_slice(b)),
            NumType::Int16 => Scalar::I16(i16::from_ne_slice(b)),
            NumType::Int32 => Scalar::I32(i32::from_ne_slice(b)),
            NumType::Int64 => Scalar::I64(i64::from_ne_slice(b)),
            NumType::UInt8 => Scalar::U8(u8::from_ne_slice(b)),
            NumType::UInt16 => Scalar::U16(u16::from_ne_slice(b)),
            NumType::UInt32 => Scalar::U32(u32::from_ne_slice(b)),
            NumType::UInt64 => Scalar::U64(u64::from_ne_slice(b)),
            NumType::Float16 => Scalar::F16(f16::from_ne_slice(b)),
            NumType::Float32 => Scalar::F32(f32::from_ne_slice(b)),
            NumType::Float64 => Scalar::F64(f64::from_ne_slice(b)),
            NumType::Complex64 => Scalar::C64(Complex32::from_ne_slice(b)),
            NumType::Complex128 => Scalar::C128(Complex64::from_ne_slice(b)),
        }
    }

    /// The bytes of this value as an element of `dtype`, which must have the value's own numeric
    /// type (any byte order). Converting between types is a cast: see [`Scalar::cast`].
    ///
    /// ```
    /// use strider::{DType, Scalar};
    /// assert_eq!(Scalar::I16(1).to_bytes(&">i2".parse().unwrap()).unwrap(), vec![0, 1]);
    /// assert!(Scalar::I16(1).to_bytes(&DType::INT32).is_err());
    /// ```
    pub fn to_bytes(&self, dtype: &DType) -> crate::Result<Vec<u8>> {
        let mut out = vec![0u8; dtype.itemsize()];
        self.write_bytes(dtype, &mut out)?;
        Ok(out)
    }

    /// Writes this value as one element of `dtype` into `out` (exactly `dtype.itemsize()` bytes).
    ///
    /// ```
    /// use strider::{DType, Scalar};
    /// let mut out = [0u8; 4];
    /// Scalar::F32(1.0).write_bytes(&DType::FLOAT32, &mut out).unwrap();
    /// assert_eq!(out, 1.0f32.to_ne_bytes());
    /// ```
    pub fn write_bytes(&self, dtype: &DType, out: &mut [u8]) -> crate::Result<()> {
        use crate::Element;
        let t = self.num_type();
        if dtype.num_type() != Some(t) {
            return Err(crate::Error::Type(format!(
                "scalar of type {} cannot be stored as {} without a cast",
                t.name(),
                dtype.str()
            )));
        }
        match *self {
            Scalar::Bool(v) => v.write_ne_slice(out),
            Scalar::I8(v) => v.write_ne_slice(out),
            Scalar::I16(v) => v.write_ne_slice(out),
            Scalar::I32(v) => v.write_ne_slice(out),
            Scalar::I64(v) => v.write_ne_slice(out),
            Scalar::U8(v) => v.write_ne_slice(out),
            Scalar::U16(v) => v.write_ne_slice(out),
            Scalar::U32(v) => v.write_ne_slice(out),
            Scalar::U64(v) => v.write_ne_slice(out),
            Scalar::F16(v) => v.write_ne_slice(out),
            Scalar::F32(v) => v.write_ne_slice(out),
            Scalar::F64(v) => v.write_ne_slice(out),
            Scalar::C64(v) => v.write_ne_slice(out),
            Scalar::C128(v) => v.write_ne_slice(out),
        }
        if !dtype.is_native() {
            swap_in_place(out, t);
        }
        Ok(())
    }
}

/// Reverses the byte order of one element in place; complex numbers swap each part separately.
pub(crate) fn swap_in_place(bytes: &mut [u8], t: NumType) {
    match t {
        NumType::Complex64 | NumType::Complex128 => {
            let h = bytes.len() / 2;
            bytes[..h].reverse();
            bytes[h..].reverse();
        }
        _ => bytes.reverse(),
    }
}

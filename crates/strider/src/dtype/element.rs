//! Rust types that are NumPy element types.

use super::NumType;
use half::f16;
use num_complex::{Complex32, Complex64};

mod sealed {
    pub trait Sealed {}
}

/// A Rust type whose values are elements of a numeric dtype: `bool`, `i8`..`i64`, `u8`..`u64`,
/// `half::f16`, `f32`, `f64`, `Complex32`, `Complex64`. Sealed: Strider relies on the exact
/// sizes and bit validity of exactly these types.
///
/// ```
/// use strider::{Element, NumType};
/// assert_eq!(<f32 as Element>::NUM, NumType::Float32);
/// ```
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + 'static + sealed::Sealed {
    /// The numeric type of this Rust type.
    const NUM: NumType;

    /// Reads one element from native-order bytes. `bytes.len()` must equal the itemsize.
    fn from_ne_slice(bytes: &[u8]) -> Self;

    /// Writes one element as native-order bytes into `out` (of exactly the itemsize).
    fn write_ne_slice(self, out: &mut [u8]);
}

macro_rules! pod_element {
    ($($t:ty => $n:ident),*) => {$(
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const NUM: NumType = NumType::$n;
            #[inline]
            fn from_ne_slice(bytes: &[u8]) -> Self {
                bytemuck::pod_read_unaligned(bytes)
            }
            #[inline]
            fn write_ne_slice(self, out: &mut [u8]) {
                out.copy_from_slice(bytemuck::bytes_of(&self));
            }
        }
    )*};
}

pod_element!(i8 => Int8, i16 => Int16, i32 => Int32, i64 => Int64,
    u8 => UInt8, u16 => UInt16, u32 => UInt32, u64 => UInt64,
    f16 => Float16, f32 => Float32, f64 => Float64,
    Complex32 => Complex64, Complex64 => Complex128);

impl sealed::Sealed for bool {}
impl Element for bool {
    const NUM: NumType = NumType::Bool;
    /// Any non-zero byte is `true`, as in NumPy (a bool array viewed from other data can hold any byte).
    #[inline]
    fn from_ne_slice(bytes: &[u8]) -> Self {
        bytes[0] != 0
    }
    #[inline]
    fn write_ne_slice(self, out: &mut [u8]) {
        out[0] = self as u8;
    }
}

//! Casting: NumPy's casting levels and its element conversions.
//!
//! OWNER: copies helper.
#![allow(unused_variables, missing_docs)]

use super::{DType, NumType};
use crate::scalar::Scalar;

/// NumPy's `casting=` levels, from strictest to loosest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    #[default]
    SameKind,
    Unsafe,
}

pub fn can_cast(from: &DType, to: &DType, casting: Casting) -> bool {
    unimplemented!()
}

impl Scalar {
    /// NumPy's (unsafe, C-style) conversion of a value to another numeric type.
    // Provisional: Rust `as` conversions through f64/i128/complex; the copies helper replaces
    // this with NumPy's exact conversions.
    pub fn cast(&self, to: NumType) -> Scalar {
        use num_complex::Complex64 as C;
        let (re, im, int): (f64, f64, Option<i128>) = match *self {
            Scalar::Bool(v) => (v as u8 as f64, 0.0, Some(v as i128)),
            Scalar::I8(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::I16(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::I32(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::I64(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::U8(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::U16(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::U32(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::U64(v) => (v as f64, 0.0, Some(v as i128)),
            Scalar::F16(v) => (v.to_f64(), 0.0, None),
            Scalar::F32(v) => (v as f64, 0.0, None),
            Scalar::F64(v) => (v, 0.0, None),
            Scalar::C64(v) => (v.re as f64, v.im as f64, None),
            Scalar::C128(v) => (v.re, v.im, None),
        };
        let i = int.unwrap_or(re as i128);
        match to {
            NumType::Bool => Scalar::Bool(re != 0.0 || im != 0.0),
            NumType::Int8 => Scalar::I8(i as i8),
            NumType::Int16 => Scalar::I16(i as i16),
            NumType::Int32 => Scalar::I32(i as i32),
            NumType::Int64 => Scalar::I64(i as i64),
            NumType::UInt8 => Scalar::U8(i as u8),
            NumType::UInt16 => Scalar::U16(i as u16),
            NumType::UInt32 => Scalar::U32(i as u32),
            NumType::UInt64 => Scalar::U64(i as u64),
            NumType::Float16 => Scalar::F16(half::f16::from_f64(re)),
            NumType::Float32 => Scalar::F32(re as f32),
            NumType::Float64 => Scalar::F64(re),
            NumType::Complex64 => Scalar::C64(num_complex::Complex32::new(re as f32, im as f32)),
            NumType::Complex128 => Scalar::C128(C::new(re, im)),
        }
    }
}

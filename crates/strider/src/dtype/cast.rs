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

pub fn can_cast(from: &DType, to: &DType, casting: Casting) -> bool { unimplemented!() }

impl Scalar {
    /// NumPy's (unsafe, C-style) conversion of a value to another numeric type.
    pub fn cast(&self, to: NumType) -> Scalar { unimplemented!() }
}

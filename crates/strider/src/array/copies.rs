//! Copies and element access: new storage, casts, and reading/writing elements.
//!
//! OWNER: copies helper. All element movement goes through the `iter` engine.
#![allow(unused_variables, missing_docs)]

use super::NdArray;
use crate::dtype::{DType, Element};
use crate::layout::Order;
use crate::scalar::Scalar;
use crate::Result;

pub use crate::dtype::cast::Casting;

impl NdArray {
    pub fn copy(&self, order: Order) -> Result<NdArray> { unimplemented!() }
    pub fn flatten(&self, order: Order) -> Result<NdArray> { unimplemented!() }
    pub fn ascontiguousarray(&self) -> Result<NdArray> { unimplemented!() }
    pub fn asfortranarray(&self) -> Result<NdArray> { unimplemented!() }
    pub fn astype(&self, dtype: &DType, casting: Casting) -> Result<NdArray> { unimplemented!() }
    pub fn fill(&self, value: impl Into<Scalar>) -> Result<()> { unimplemented!() }
    pub fn get(&self, index: &[isize]) -> Result<Scalar> { unimplemented!() }
    pub fn set(&self, index: &[isize], value: impl Into<Scalar>) -> Result<()> { unimplemented!() }
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> { unimplemented!() }
    pub fn to_scalars(&self) -> Vec<Scalar> { unimplemented!() }
    pub fn to_bytes(&self, order: Order) -> Result<Vec<u8>> { unimplemented!() }
    pub fn assign(&self, src: &NdArray) -> Result<()> { unimplemented!() }
}

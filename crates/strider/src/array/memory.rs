//! Memory sharing between arrays: `shares_memory` (exact) and `may_share_memory` (bounds).
//!
//! OWNER: overlap helper. The solver itself is pure integer math in `layout::overlap`.
#![allow(unused_variables, missing_docs)]

use super::NdArray;
use crate::Result;

impl NdArray {
    pub fn shares_memory(&self, other: &NdArray, max_work: Option<i64>) -> Result<bool> {
        unimplemented!()
    }
    pub fn may_share_memory(&self, other: &NdArray, max_work: Option<i64>) -> Result<bool> {
        unimplemented!()
    }
}

//! Conformance operations for sorting, searching, unique, matmul and dot.
//! See `conformance/gen_sort.py` for the NumPy side of each operation.

#[allow(unused_imports)]
use super::{dtype, ints, number, opt_axes, order, uints, Out};
use serde_json::Value;
use strider::NdArray;

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let _ = (name, op, cur, inputs);
    None
}

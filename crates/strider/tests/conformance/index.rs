//! Conformance operations for advanced indexing, joining and splitting, the growable array.
//! See `conformance/gen_index.py` for the NumPy side of each operation.

#[allow(unused_imports)]
use super::{dtype, ints, number, opt_axes, order, uints, Out};
use serde_json::Value;
use strider::NdArray;

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let _ = (name, op, cur, inputs);
    None
}

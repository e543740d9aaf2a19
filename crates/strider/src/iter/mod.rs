//! The iteration engine: broadcasts operands, orders axes by stride, flips negative strides,
//! coalesces, and hands kernels 1-d runs.
//!
//! OWNER: copies helper.

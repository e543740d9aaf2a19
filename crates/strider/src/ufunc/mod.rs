//! Universal functions: element-wise operations with broadcasting, NumPy 2 type promotion
//! (NEP 50), `out` arrays, overlap safety and floating-point error policy.

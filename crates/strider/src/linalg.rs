//! Linear algebra: matmul and dot through a gemm kernel.

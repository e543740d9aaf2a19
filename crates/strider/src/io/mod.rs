//! Files: `.npy` (one array, also memory-mapped) and `.npz` (a zip archive of them).
pub mod npy;
pub mod npz;
pub mod raw;
pub mod text;

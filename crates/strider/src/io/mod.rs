//! Files: `.npy` (one array, also memory-mapped) and `.npz` (a zip archive of them).
pub mod genfromtxt;
pub mod npy;
pub mod npz;
mod pytext;
pub mod raw;
pub mod text;

//! Files: the `.npy` format.
pub mod npy;

//! The `.npy` format.
//!
//! OWNER: conformance helper (minimal reader/writer here; the files issue completes it).

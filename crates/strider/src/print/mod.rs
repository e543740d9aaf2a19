//! Printing exactly as NumPy's `str` and `repr`.
//!
//! OWNER: printing helper.

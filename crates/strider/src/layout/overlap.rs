//! Memory overlap: the bounded Diophantine problem behind `shares_memory`.
//!
//! Pure functions on integers; see the issue.

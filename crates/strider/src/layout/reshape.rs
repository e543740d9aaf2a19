//! Reshape as a view: resolving `-1` and NumPy's no-copy stride assignment.
//!
//! Owned by the views work (see the issue); pure functions on integers.

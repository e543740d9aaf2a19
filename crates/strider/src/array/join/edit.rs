//! `insert` and `delete`.

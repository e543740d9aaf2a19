//! Indexing: the index items NumPy accepts, a parser for NumPy's index syntax in a string, and
//! the `s!` macro.
//!
//! OWNER: views helper.
#![allow(missing_docs)]

/// One entry of a basic index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexItem {
    Int(isize),
    Slice { start: Option<isize>, stop: Option<isize>, step: Option<isize> },
    NewAxis,
    Ellipsis,
}

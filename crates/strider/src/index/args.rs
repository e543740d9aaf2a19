//! Arguments of selection, splitting and insertion functions that name positions along an axis.

/// What `take` and `put` do with an index outside the axis (NumPy's `mode=`).
///
/// ```
/// use strider::TakeMode;
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![10i32, 20, 30], &[3], Order::C).unwrap();
/// let i = NdArray::from_vec(vec![4i64, -5], &[2], Order::C).unwrap();
/// assert!(a.take(&i, None, TakeMode::Raise).is_err());
/// assert_eq!(a.take(&i, None, TakeMode::Wrap).unwrap().to_vec::<i32>().unwrap(), vec![20, 20]);
/// assert_eq!(a.take(&i, None, TakeMode::Clip).unwrap().to_vec::<i32>().unwrap(), vec![30, 10]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TakeMode {
    /// An index outside `[-n, n)` is an `IndexError` (negative indices count from the end).
    #[default]
    Raise,
    /// Indices wrap around (`i mod n`).
    Wrap,
    /// Indices are clipped to `[0, n - 1]` (negative ones become 0).
    Clip,
}

/// How `split`/`array_split` cut an axis (NumPy's `indices_or_sections`).
///
/// ```
/// use strider::{index::Sections, DType, NdArray};
/// let a = NdArray::arange(0.0, 7.0, 1.0, DType::INT64).unwrap();
/// let parts = a.array_split(&Sections::Count(3), 0).unwrap();
/// assert_eq!(parts.iter().map(|p| p.shape()[0]).collect::<Vec<_>>(), vec![3, 2, 2]);
/// let parts = a.split(&Sections::Indices(vec![2, 5]), 0).unwrap();
/// assert_eq!(parts.len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sections {
    /// This many sections.
    Count(usize),
    /// Cut before each of these indices (Python slice semantics: negative counts from the end,
    /// out-of-range clamps).
    Indices(Vec<isize>),
}

/// Which positions `delete` removes or `insert` inserts before (NumPy's `obj`).
///
/// ```
/// use strider::{index::{IndexItem, Positions}, DType, NdArray};
/// let a = NdArray::arange(0.0, 5.0, 1.0, DType::INT64).unwrap();
/// let d = a.delete(&Positions::Slice(IndexItem::Slice { start: None, stop: None, step: Some(2) }), None).unwrap();
/// assert_eq!(d.to_vec::<i64>().unwrap(), vec![1, 3]);
/// ```
#[derive(Clone, Debug)]
pub enum Positions {
    /// One index (Python `int`).
    Int(isize),
    /// A slice (must be [`IndexItem::Slice`](super::IndexItem::Slice)).
    Slice(super::IndexItem),
    /// An integer array (or a boolean mask) of positions.
    Array(crate::NdArray),
}

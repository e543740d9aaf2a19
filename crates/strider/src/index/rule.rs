//! The shape rule of advanced indexing, as pure integer math: which axes the index arrays
//! consume, their broadcast shape, and where that block lands in the result.

use super::IndexItem;
use crate::layout::{self, shape_str_compact};
use crate::{Error, Result};

/// What one index entry contributes to the shape rule.
///
/// ```
/// use strider::index::{fancy_result_shape, IndexItem, IndexShape};
/// // a[:, [0, 1], :, [0, 1]] on a (2, 3, 4, 5) array: the separated arrays go first.
/// let e = [
///     IndexShape::Basic(IndexItem::FULL),
///     IndexShape::IntArray(vec![2]),
///     IndexShape::Basic(IndexItem::FULL),
///     IndexShape::IntArray(vec![2]),
/// ];
/// assert_eq!(fancy_result_shape(&[2, 3, 4, 5], &e).unwrap(), vec![2, 2, 4]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexShape {
    /// A basic entry (an integer counts as a 0-d index array once any array is present).
    Basic(IndexItem),
    /// An integer index array of this shape.
    IntArray(Vec<usize>),
    /// A boolean mask of this shape with this many `True` values.
    BoolArray(Vec<usize>, usize),
}

/// One axis indexed by an array, after masks became their `nonzero()` arrays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FancyAxis {
    /// The entry it came from.
    pub entry: usize,
    /// Which of a mask's `nonzero()` arrays (0 for integer arrays).
    pub sub: usize,
    /// The axis of the intermediate view `W` it indexes.
    pub w_axis: usize,
    /// The array axis (for error messages); `None` for a 0-d boolean's new axis.
    pub array_axis: Option<usize>,
    /// Its index array's shape.
    pub shape: Vec<usize>,
}

/// The analysis of a general index against an array shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Analysis {
    /// The basic index that gives the intermediate view `W`: every array-indexed axis kept whole
    /// (0-d booleans become new axes).
    pub view_items: Vec<IndexItem>,
    /// Array-indexed axes, in index order; empty for a purely basic index.
    pub fancy: Vec<FancyAxis>,
    /// Axes of `W` not indexed by arrays, in order.
    pub subspace: Vec<usize>,
    /// The shape of `W`.
    pub w_shape: Vec<usize>,
    /// The index arrays' broadcast shape.
    pub broadcast: Vec<usize>,
    /// Where the broadcast block goes among the result axes (0 when the arrays are separated).
    pub position: usize,
    /// The whole index is one boolean mask of the array's full shape.
    pub single_mask: bool,
}

impl Analysis {
    /// The result shape: subspace axes with the broadcast block inserted at `position`.
    pub fn result_shape(&self) -> Vec<usize> {
        let sub: Vec<usize> = self.subspace.iter().map(|&a| self.w_shape[a]).collect();
        let mut out = sub[..self.position].to_vec();
        out.extend_from_slice(&self.broadcast);
        out.extend_from_slice(&sub[self.position..]);
        out
    }
}

/// The shape NumPy gives `a[index]` for an array of `shape` (basic or advanced), or NumPy's
/// `IndexError` for an index that does not fit. Out-of-range *values* in index arrays are not
/// seen here (only shapes are).
///
/// ```
/// use strider::index::{fancy_result_shape, IndexItem, IndexShape};
/// let i = IndexShape::IntArray(vec![2]);
/// let s = IndexShape::Basic(IndexItem::FULL);
/// // a[:, i, [[0], [2]]] on (2, 3, 4, 5): adjacent arrays broadcast to (2, 2) in place.
/// let e = [s.clone(), i.clone(), IndexShape::IntArray(vec![2, 1])];
/// assert_eq!(fancy_result_shape(&[2, 3, 4, 5], &e).unwrap(), vec![2, 2, 2, 5]);
/// // A mask of shape (3, 4) with 5 Trues on axes 1-2 of (2, 3, 4).
/// let m = [s, IndexShape::BoolArray(vec![3, 4], 5)];
/// assert_eq!(fancy_result_shape(&[2, 3, 4], &m).unwrap(), vec![2, 5]);
/// ```
pub fn fancy_result_shape(shape: &[usize], entries: &[IndexShape]) -> Result<Vec<usize>> {
    Ok(analyze(shape, entries)?.result_shape())
}

pub(crate) fn analyze(shape: &[usize], entries: &[IndexShape]) -> Result<Analysis> {
    let ndim = shape.len();
    let mut consumed = 0usize;
    let mut ellipses = 0;
    let mut any_array = false;
    for e in entries {
        match e {
            IndexShape::Basic(IndexItem::Int(_) | IndexItem::Slice { .. }) => consumed += 1,
            IndexShape::Basic(IndexItem::NewAxis) => {}
            IndexShape::Basic(IndexItem::Ellipsis) => ellipses += 1,
            IndexShape::IntArray(_) => {
                consumed += 1;
                any_array = true;
            }
            IndexShape::BoolArray(s, _) => {
                consumed += s.len();
                any_array = true;
            }
        }
    }
    if ellipses > 1 {
        return Err(Error::BadIndex("an index can only have a single ellipsis ('...')".into()));
    }
    if consumed > ndim {
        return Err(Error::TooManyIndices { ndim, given: consumed });
    }
    let fill = ndim - consumed;
    let single_mask = entries.len() == 1 && matches!(&entries[0], IndexShape::BoolArray(s, _) if s.len() == ndim);

    let mut view_items = Vec::with_capacity(entries.len());
    let mut fancy = Vec::new();
    let mut fancy_entries = Vec::new();
    let mut w_shape = Vec::new();
    let mut int_checks = Vec::new();
    let (mut ax, mut w) = (0usize, 0usize);
    for (k, e) in entries.iter().enumerate() {
        match e {
            IndexShape::Basic(IndexItem::Int(i)) if any_array => {
                int_checks.push((*i, ax));
                view_items.push(IndexItem::FULL);
                fancy.push(FancyAxis { entry: k, sub: 0, w_axis: w, array_axis: Some(ax), shape: vec![] });
                fancy_entries.push(k);
                w_shape.push(shape[ax]);
                w += 1;
                ax += 1;
            }
            IndexShape::Basic(IndexItem::Int(i)) => {
                view_items.push(IndexItem::Int(*i));
                ax += 1;
            }
            IndexShape::Basic(item @ IndexItem::Slice { start, stop, step }) => {
                view_items.push(*item);
                w_shape.push(layout::slice_indices(*start, *stop, *step, shape[ax])?.2);
                w += 1;
                ax += 1;
            }
            IndexShape::Basic(IndexItem::NewAxis) => {
                view_items.push(IndexItem::NewAxis);
                w_shape.push(1);
                w += 1;
            }
            IndexShape::Basic(IndexItem::Ellipsis) => {
                view_items.push(IndexItem::Ellipsis);
                w_shape.extend_from_slice(&shape[ax..ax + fill]);
                w += fill;
                ax += fill;
            }
            IndexShape::IntArray(s) => {
                view_items.push(IndexItem::FULL);
                fancy.push(FancyAxis { entry: k, sub: 0, w_axis: w, array_axis: Some(ax), shape: s.clone() });
                fancy_entries.push(k);
                w_shape.push(shape[ax]);
                w += 1;
                ax += 1;
            }
            IndexShape::BoolArray(s, count) if s.is_empty() => {
                // NumPy's `True`/`False`: a new axis indexed by [0] or [].
                view_items.push(IndexItem::NewAxis);
                fancy.push(FancyAxis { entry: k, sub: 0, w_axis: w, array_axis: None, shape: vec![*count] });
                fancy_entries.push(k);
                w_shape.push(1);
                w += 1;
            }
            IndexShape::BoolArray(s, count) => {
                for (j, &n) in s.iter().enumerate() {
                    if n != shape[ax + j] {
                        return Err(Error::BadIndex(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                            ax + j,
                            shape[ax + j],
                            n
                        )));
                    }
                }
                for j in 0..s.len() {
                    view_items.push(IndexItem::FULL);
                    fancy.push(FancyAxis { entry: k, sub: j, w_axis: w, array_axis: Some(ax), shape: vec![*count] });
                    w_shape.push(shape[ax]);
                    w += 1;
                    ax += 1;
                }
                fancy_entries.push(k);
            }
        }
    }
    // The implicit trailing ellipsis.
    w_shape.extend_from_slice(&shape[ax..]);
    // NumPy checks integers (after the masks' shapes) before broadcasting the arrays.
    for (i, ax) in int_checks {
        let n = shape[ax];
        let ok = if i < 0 { i.unsigned_abs() <= n } else { (i as usize) < n };
        if !ok {
            return Err(Error::IndexOutOfBounds { index: i as i64, axis: ax, size: n });
        }
    }
    let is_fancy: Vec<bool> = (0..w_shape.len()).map(|a| fancy.iter().any(|f| f.w_axis == a)).collect();
    let subspace: Vec<usize> = (0..w_shape.len()).filter(|&a| !is_fancy[a]).collect();
    let shapes: Vec<&[usize]> = fancy.iter().map(|f| f.shape.as_slice()).collect();
    let broadcast = if fancy.is_empty() {
        vec![]
    } else {
        layout::broadcast_shapes(&shapes).map_err(|_| {
            let mut msg = String::from("shape mismatch: indexing arrays could not be broadcast together with shapes ");
            // Integers take part in the broadcast but not in the message.
            for (f, s) in fancy.iter().zip(&shapes) {
                if !matches!(entries[f.entry], IndexShape::Basic(IndexItem::Int(_))) {
                    msg.push_str(&shape_str_compact(s));
                    msg.push(' ');
                }
            }
            Error::BadIndex(msg)
        })?
    };
    let adjacent = fancy_entries.windows(2).all(|p| p[1] == p[0] + 1);
    let position = match fancy.first() {
        Some(f) if adjacent => (0..f.w_axis).filter(|&a| !is_fancy[a]).count(),
        _ => 0,
    };
    Ok(Analysis { view_items, fancy, subspace, w_shape, broadcast, position, single_mask })
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: IndexShape = IndexShape::Basic(IndexItem::FULL);
    fn ia(s: &[usize]) -> IndexShape {
        IndexShape::IntArray(s.to_vec())
    }

    #[test]
    fn numpy_reference_shapes() {
        // NumPy 2.4 on a (2, 3, 4, 5) array (reference section 7.3).
        let a = [2, 3, 4, 5];
        let int = |i| IndexShape::Basic(IndexItem::Int(i));
        let none = IndexShape::Basic(IndexItem::NewAxis);
        assert_eq!(fancy_result_shape(&a, &[ia(&[2]), S, ia(&[2])]).unwrap(), vec![2, 3, 5]);
        assert_eq!(fancy_result_shape(&a, &[int(0), S, ia(&[2])]).unwrap(), vec![2, 3, 5]);
        assert_eq!(fancy_result_shape(&a, &[S, int(0), S, ia(&[2])]).unwrap(), vec![2, 2, 4]);
        assert_eq!(fancy_result_shape(&a, &[S, int(1), ia(&[3])]).unwrap(), vec![2, 3, 5]);
        assert_eq!(fancy_result_shape(&a, &[int(1), S, ia(&[3])]).unwrap(), vec![3, 3, 5]);
        assert_eq!(fancy_result_shape(&a, &[none.clone(), ia(&[2])]).unwrap(), vec![1, 2, 3, 4, 5]);
        assert_eq!(fancy_result_shape(&a, &[ia(&[2]), none.clone()]).unwrap(), vec![2, 1, 3, 4, 5]);
        assert_eq!(fancy_result_shape(&a, &[S, none.clone(), ia(&[2])]).unwrap(), vec![2, 1, 2, 4, 5]);
        assert_eq!(fancy_result_shape(&a, &[S, ia(&[3]), none, ia(&[3])]).unwrap(), vec![3, 2, 1, 5]);
        // An ellipsis of zero axes still separates: zeros((5,3,4))[:, [0,1,2], ..., [0,1,2]].
        let e = IndexShape::Basic(IndexItem::Ellipsis);
        assert_eq!(fancy_result_shape(&[5, 3, 4], &[S, ia(&[3]), e, ia(&[3])]).unwrap(), vec![3, 5]);
        // 0-d booleans: x[True] on (3, 4), x[..., True].
        assert_eq!(fancy_result_shape(&[3, 4], &[IndexShape::BoolArray(vec![], 1)]).unwrap(), vec![1, 3, 4]);
        let e = IndexShape::Basic(IndexItem::Ellipsis);
        assert_eq!(fancy_result_shape(&[3, 4], &[e, IndexShape::BoolArray(vec![], 0)]).unwrap(), vec![3, 4, 0]);
    }

    #[test]
    fn errors() {
        let e = fancy_result_shape(&[3, 4], &[ia(&[2]), ia(&[3])]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) "
        );
        let e = fancy_result_shape(&[3, 4], &[IndexShape::BoolArray(vec![2], 1)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2"
        );
        let e = fancy_result_shape(&[3, 4], &[ia(&[1]), S, ia(&[1])]).unwrap_err();
        assert_eq!(e.to_string(), "too many indices for array: array is 2-dimensional, but 3 were indexed");
    }
}

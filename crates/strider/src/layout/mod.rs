//! Layout math: shapes, byte strides and offsets, as pure functions on integers.
//!
//! Owns: stride computation for new arrays, contiguity and alignment as NumPy defines them, the
//! byte extent of a strided layout, slice resolution, axis normalisation, broadcasting of shapes,
//! stride-order permutations, the no-copy reshape algorithm (`reshape`) and the memory-overlap
//! solver (`overlap`). It may not touch storage, dtypes or element values: everything here is
//! integers in, integers out, so it is unit- and property-tested on its own.

pub mod overlap;
pub mod reshape;

use crate::{Error, Result};

/// NumPy's hard limit on dimensions (`NPY_MAXDIMS` in NumPy 2).
///
/// ```
/// use strider::{DType, NdArray, Order};
/// assert!(NdArray::zeros(&[1; 65], DType::INT8, Order::C).is_err());
/// assert_eq!(strider::layout::MAX_DIMS, 64);
/// ```
pub const MAX_DIMS: usize = 64;

/// Memory order requested for a new array or a traversal.
///
/// ```
/// assert_eq!("F".parse::<strider::Order>().unwrap(), strider::Order::F);
/// assert!("X".parse::<strider::Order>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// Row-major: the last index varies fastest.
    #[default]
    C,
    /// Column-major: the first index varies fastest.
    F,
    /// F if the source is F-contiguous and not C-contiguous, else C.
    A,
    /// Keep the source's axis memory order (as close as possible).
    K,
}

impl std::str::FromStr for Order {
    type Err = Error;
    fn from_str(s: &str) -> Result<Order> {
        match s {
            "C" | "c" => Ok(Order::C),
            "F" | "f" => Ok(Order::F),
            "A" | "a" => Ok(Order::A),
            "K" | "k" => Ok(Order::K),
            _ => Err(Error::Value(format!("order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"))),
        }
    }
}

/// Number of elements of a shape, or an error if the product of its non-zero lengths overflows
/// `isize` (NumPy's limit: `np.empty((0, 2**62, 4))` is "too big" although it has no elements).
///
/// ```
/// use strider::layout::checked_size;
/// assert_eq!(checked_size(&[2, 3, 4]).unwrap(), 24);
/// assert_eq!(checked_size(&[0, 5]).unwrap(), 0);
/// assert!(checked_size(&[0, 1 << 62, 4]).is_err());
/// ```
pub fn checked_size(shape: &[usize]) -> Result<usize> {
    let mut n: usize = 1;
    for &d in shape.iter().filter(|&&d| d != 0) {
        n = n.checked_mul(d).filter(|&n| n <= isize::MAX as usize).ok_or_else(|| {
            Error::Value(format!("array is too big; shape {} has too many elements", shape_str(shape)))
        })?;
    }
    Ok(if shape.contains(&0) { 0 } else { n })
}

/// Number of elements of a shape (the caller knows it does not overflow).
///
/// ```
/// assert_eq!(strider::layout::size(&[]), 1);
/// ```
pub fn size(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// Strides of a fresh contiguous array in the given order (C or F; A and K mean C here).
///
/// A zero-length axis does not zero the running product, as in NumPy's `_array_fill_strides`.
/// ```
/// use strider::layout::{fill_strides, Order};
/// assert_eq!(fill_strides(&[2, 3, 4], 8, Order::C), vec![96, 32, 8]);
/// assert_eq!(fill_strides(&[2, 1, 3], 8, Order::F), vec![8, 16, 16]);
/// ```
pub fn fill_strides(shape: &[usize], itemsize: usize, order: Order) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut p = itemsize as isize;
    let mut step = |k: usize| {
        strides[k] = p;
        if shape[k] != 0 {
            p = p.wrapping_mul(shape[k] as isize);
        }
    };
    if order == Order::F {
        (0..shape.len()).for_each(&mut step);
    } else {
        (0..shape.len()).rev().for_each(&mut step);
    }
    strides
}

/// Strides NumPy gives a freshly *allocated* array: [`fill_strides`], except that an array with no
/// elements gets all-zero strides (`np.empty((0, 3)).strides == (0, 0)`).
///
/// ```
/// use strider::layout::{alloc_strides, Order};
/// assert_eq!(alloc_strides(&[0, 3], 8, Order::C), vec![0, 0]);
/// ```
pub fn alloc_strides(shape: &[usize], itemsize: usize, order: Order) -> Vec<isize> {
    if shape.contains(&0) {
        vec![0; shape.len()]
    } else {
        fill_strides(shape, itemsize, order)
    }
}

/// NumPy's C_CONTIGUOUS rule: length-1 axes are ignored; empty arrays are contiguous.
///
/// ```
/// use strider::layout::is_c_contiguous;
/// assert!(is_c_contiguous(&[3, 1], &[8, 12345], 8));
/// assert!(!is_c_contiguous(&[3], &[-8], 8));
/// assert!(is_c_contiguous(&[0, 3], &[0, 0], 8));
/// ```
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    // `None` once the running product leaves `isize`: no stride can match it any more.
    let mut expected = isize::try_from(itemsize).ok();
    for (&n, &s) in shape.iter().zip(strides).rev() {
        if n != 1 {
            if Some(s) != expected {
                return false;
            }
            expected = expected.and_then(|e| e.checked_mul(isize::try_from(n).ok()?));
        }
    }
    true
}

/// NumPy's F_CONTIGUOUS rule (the mirror of [`is_c_contiguous`]).
///
/// ```
/// use strider::layout::is_f_contiguous;
/// assert!(is_f_contiguous(&[2, 3], &[8, 16], 8));
/// assert!(is_f_contiguous(&[5, 1], &[8, 8], 8));
/// ```
pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    // `None` once the running product leaves `isize`: no stride can match it any more.
    let mut expected = isize::try_from(itemsize).ok();
    for (&n, &s) in shape.iter().zip(strides) {
        if n != 1 {
            if Some(s) != expected {
                return false;
            }
            expected = expected.and_then(|e| e.checked_mul(isize::try_from(n).ok()?));
        }
    }
    true
}

/// NumPy's ALIGNED rule: the data address and every stride of an axis longer than 1 are multiples
/// of the alignment (trivially true for alignment 1 and for empty arrays).
///
/// ```
/// use strider::layout::is_aligned;
/// assert!(is_aligned(64, &[3], &[8], 8));
/// assert!(!is_aligned(65, &[3], &[8], 8));
/// ```
pub fn is_aligned(address: usize, shape: &[usize], strides: &[isize], alignment: usize) -> bool {
    if alignment <= 1 || shape.contains(&0) {
        return true;
    }
    let mut bits = address;
    for (&n, &s) in shape.iter().zip(strides) {
        if n > 1 {
            bits |= s.unsigned_abs();
        }
    }
    bits % alignment == 0
}

/// Byte range `[low, high)` touched by a layout, relative to the address of element `[0, ..., 0]`,
/// or `None` when the array has no elements. Fails on arithmetic overflow.
///
/// ```
/// use strider::layout::byte_extent;
/// assert_eq!(byte_extent(&[3], &[-8], 8).unwrap(), Some((-16, 8)));
/// assert_eq!(byte_extent(&[2, 0], &[8, 8], 8).unwrap(), None);
/// ```
pub fn byte_extent(shape: &[usize], strides: &[isize], itemsize: usize) -> Result<Option<(isize, isize)>> {
    if shape.contains(&0) {
        return Ok(None);
    }
    let overflow = || Error::Overflow("the byte extent of a layout".into());
    let (mut low, mut high) = (0isize, 0isize);
    for (&n, &s) in shape.iter().zip(strides) {
        let span = isize::try_from(n - 1).ok().and_then(|m| m.checked_mul(s)).ok_or_else(overflow)?;
        if span < 0 {
            low = low.checked_add(span).ok_or_else(overflow)?;
        } else {
            high = high.checked_add(span).ok_or_else(overflow)?;
        }
    }
    let high = high.checked_add(itemsize as isize).ok_or_else(overflow)?;
    Ok(Some((low, high)))
}

/// Checks that every byte a layout reaches from `offset` lies in a storage of `len` bytes.
///
/// ```
/// use strider::layout::check_in_bounds;
/// assert!(check_in_bounds(&[3], &[-8], 8, 16, 24).is_ok());
/// assert!(check_in_bounds(&[3], &[-8], 8, 8, 24).is_err());
/// ```
pub fn check_in_bounds(shape: &[usize], strides: &[isize], itemsize: usize, offset: usize, len: usize) -> Result<()> {
    if let Some((low, high)) = byte_extent(shape, strides, itemsize)? {
        // 128-bit: an offset near usize::MAX plus a stride span cannot wrap.
        let start = offset as i128 + low as i128;
        let end = offset as i128 + high as i128;
        if start < 0 || end > len as i128 {
            return Err(Error::OutOfStorage(format!(
                "layout with shape {} and strides {} at byte offset {} reaches bytes [{}, {}) outside a storage of {} bytes",
                shape_str(shape),
                strides_str(strides),
                offset,
                start,
                end,
                len
            )));
        }
    }
    Ok(())
}

/// Resolves an axis in `[-ndim, ndim)` to `[0, ndim)`.
///
/// ```
/// use strider::layout::normalize_axis;
/// assert_eq!(normalize_axis(-1, 3).unwrap(), 2);
/// assert!(normalize_axis(3, 3).is_err());
/// ```
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::AxisOutOfBounds { axis, ndim });
    }
    Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
}

/// Python's `slice.indices`: resolves `start:stop:step` against a length, clamping out-of-range
/// bounds. Returns `(start, step, count)`; empty results are normalised to `(0, 1, 0)` as NumPy's
/// view code does.
///
/// ```
/// use strider::layout::slice_indices;
/// assert_eq!(slice_indices(None, None, Some(-1), 10).unwrap(), (9, -1, 10));
/// assert_eq!(slice_indices(Some(2), Some(8), Some(-1), 10).unwrap(), (0, 1, 0));
/// assert_eq!(slice_indices(Some(5), Some(-100), Some(-1), 10).unwrap(), (5, -1, 6));
/// ```
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    len: usize,
) -> Result<(isize, isize, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::Value("slice step cannot be zero".into()));
    }
    // Real axis lengths fit in isize (array sizes do); larger ones are clamped, not wrapped.
    let l = isize::try_from(len).unwrap_or(isize::MAX);
    let (lo, hi) = if step < 0 { (-1, l - 1) } else { (0, l) };
    let fix = |v: Option<isize>, default: isize| match v {
        None => default,
        Some(v) if v < 0 => (v.saturating_add(l)).max(lo),
        Some(v) => v.min(hi),
    };
    let start = fix(start, if step < 0 { hi } else { lo });
    let stop = fix(stop, if step < 0 { lo } else { hi });
    // `start` and `stop` lie in [-1, len], so their difference fits; `step` may be isize::MIN.
    let n = if step > 0 && start < stop {
        (stop - start - 1) as usize / step as usize + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) as usize / step.unsigned_abs() + 1
    } else {
        0
    };
    if n == 0 {
        Ok((0, 1, 0))
    } else {
        Ok((start, step, n))
    }
}

/// Broadcasts shapes together (NumPy's rule: right-align, lengths equal or 1).
///
/// ```
/// use strider::layout::broadcast_shapes;
/// assert_eq!(broadcast_shapes(&[&[3, 1], &[4]]).unwrap(), vec![3, 4]);
/// assert!(broadcast_shapes(&[&[2, 3], &[3, 2]]).is_err());
/// ```
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for s in shapes {
        let pad = ndim - s.len();
        for (k, &d) in s.iter().enumerate() {
            let o = &mut out[pad + k];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(Error::Broadcast { shapes: shapes.iter().map(|s| s.to_vec()).collect() });
            }
        }
    }
    Ok(out)
}

/// Axes sorted by |stride| descending, ties kept in axis order (NumPy's
/// `PyArray_CreateSortedStridePerm`): outermost first, innermost last.
///
/// ```
/// use strider::layout::sorted_stride_perm;
/// assert_eq!(sorted_stride_perm(&[8, -96, 32]), vec![1, 2, 0]);
/// ```
pub fn sorted_stride_perm(strides: &[isize]) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..strides.len()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
    perm
}

/// The axis order (outermost first) in which NumPy's iterator visits one operand in order K: a
/// stable insertion sort by |stride|, except that a pair of axes where either stride is zero is
/// ambiguous and keeps its C order (NumPy's `npyiter_find_best_axis_ordering`). As in NumPy's
/// iterator, a length-1 axis counts as stride 0. `flatten('K')` reads in this order; note it
/// differs from [`sorted_stride_perm`] on zero strides.
///
/// ```
/// use strider::layout::iter_order_k;
/// assert_eq!(iter_order_k(&[2, 3], &[8, 24]), vec![1, 0]);
/// assert_eq!(iter_order_k(&[4, 8], &[0, 2]), vec![0, 1]);     // zero stride: keep C order
/// assert_eq!(iter_order_k(&[2, 3, 4], &[8, 0, 2]), vec![0, 1, 2]);
/// ```
pub fn iter_order_k(shape: &[usize], strides: &[isize]) -> Vec<usize> {
    iter_order_multi(shape, &[strides])
}

/// The axis order (outermost first) of NumPy's iterator in order K over several operands of one
/// broadcast shape: the insertion sort of [`iter_order_k`], where each pair of axes is compared
/// by every operand with non-zero strides on both, and any operand that would keep the current
/// order wins (C order wins conflicts). A ufunc's output is allocated in this order, so
/// `c + f` (C-ordered plus F-ordered) is C-ordered and `f + row` is F-ordered.
///
/// ```
/// use strider::layout::iter_order_multi;
/// // A C-ordered and an F-ordered 3x4 float64: C order wins.
/// assert_eq!(iter_order_multi(&[3, 4], &[&[32, 8], &[8, 24]]), vec![0, 1]);
/// // An F-ordered array plus a broadcast row (stride 0 on axis 0): only the F array votes.
/// assert_eq!(iter_order_multi(&[3, 4], &[&[8, 24], &[0, 8]]), vec![1, 0]);
/// ```
pub fn iter_order_multi(shape: &[usize], operands: &[&[isize]]) -> Vec<usize> {
    // A length-1 axis is stride 0 for every operand, as in NumPy's iterator.
    let stride = |op: &[isize], ax: usize| if shape[ax] == 1 { 0 } else { op[ax] };
    // Built innermost-first, as NumPy does, then reversed.
    let mut perm: Vec<usize> = (0..shape.len()).rev().collect();
    for i0 in 1..perm.len() {
        let ax0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambiguous, mut swap) = (true, false);
            for op in operands {
                let (s0, s1) = (stride(op, ax0), stride(op, ax1));
                if s0 != 0 && s1 != 0 {
                    if s1.unsigned_abs() <= s0.unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.remove(i0);
            perm.insert(ipos, ax0);
        }
    }
    perm.reverse();
    perm
}

/// Which axes NumPy's iterator walks backwards over several operands: those where at least one
/// operand's stride is negative and none is positive (zero strides do not vote), as
/// `npyiter_flip_negative_strides` decides before it orders the axes.
///
/// ```
/// use strider::layout::iter_flips_multi;
/// assert_eq!(iter_flips_multi(&[&[-8, -16], &[0, 8]]), vec![true, false]);
/// ```
pub fn iter_flips_multi(operands: &[&[isize]]) -> Vec<bool> {
    let ndim = operands.first().map_or(0, |op| op.len());
    (0..ndim).map(|ax| operands.iter().any(|op| op[ax] < 0) && operands.iter().all(|op| op[ax] <= 0)).collect()
}

/// The C-order flat positions of an operand's elements in the order NumPy's iterator visits
/// them in order K: axes by [`iter_order_k`], and with `flip` negative-stride axes walked
/// backwards first (memory order), as an iterator does unless told not to. NumPy checks index
/// arrays in such orders, so this picks which bad index it reports.
///
/// ```
/// use strider::layout::k_order_positions;
/// // A 2x2 F-contiguous operand is read down its columns.
/// assert_eq!(k_order_positions(&[2, 2], &[2, 4], true), vec![0, 2, 1, 3]);
/// assert_eq!(k_order_positions(&[3], &[-8], true), vec![2, 1, 0]);
/// assert_eq!(k_order_positions(&[3], &[-8], false), vec![0, 1, 2]);
/// ```
pub fn k_order_positions(shape: &[usize], strides: &[isize], flip: bool) -> Vec<usize> {
    let flips = if flip { iter_flips_multi(&[strides]) } else { vec![false; shape.len()] };
    let positive: Vec<isize> = strides.iter().map(|s| s.abs()).collect();
    perm_positions(shape, &iter_order_k(shape, &positive), &flips)
}

/// The C-order positions of `shape`'s elements in the order of a walk over the axes `perm` (a
/// permutation of them, outermost first), axis `k` backwards where `flips[k]` (`flips` may be
/// empty: none).
pub(crate) fn perm_positions(shape: &[usize], perm: &[usize], flips: &[bool]) -> Vec<usize> {
    let n: usize = shape.iter().product();
    if n == 0 {
        return Vec::new();
    }
    let flipped = |ax: usize| flips.get(ax).copied().unwrap_or(false);
    let mut cstride = vec![1usize; shape.len()];
    for ax in (0..shape.len().saturating_sub(1)).rev() {
        cstride[ax] = cstride[ax + 1] * shape[ax + 1];
    }
    let mut idx = vec![0usize; shape.len()];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let flat =
            (0..shape.len()).map(|ax| if flipped(ax) { shape[ax] - 1 - idx[ax] } else { idx[ax] } * cstride[ax]).sum();
        out.push(flat);
        // Advance the odometer, innermost (last in `perm`) first.
        for &ax in perm.iter().rev() {
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
    out
}

/// Positive, gap-free strides laying `shape` out in `order` (axes outermost first), e.g. from
/// [`iter_order_multi`]; empty shapes get all-zero strides, as NumPy allocates them.
///
/// ```
/// use strider::layout::strides_in_order;
/// assert_eq!(strides_in_order(&[3, 4], &[1, 0], 8), vec![8, 24]);
/// ```
pub fn strides_in_order(shape: &[usize], order: &[usize], itemsize: usize) -> Vec<isize> {
    if shape.contains(&0) {
        return alloc_strides(shape, itemsize, Order::C);
    }
    let mut strides = vec![0isize; shape.len()];
    let mut s = itemsize as isize;
    for &ax in order.iter().rev() {
        strides[ax] = s;
        s = s.wrapping_mul(shape[ax] as isize);
    }
    strides
}

/// Strides NumPy's order-K allocation gives a new array shaped like a prototype: the prototype's
/// axis memory order with positive, gap-free strides (C if the prototype is C-contiguous or has
/// at most one dimension, F if F-contiguous). Empty shapes get all-zero strides.
///
/// ```
/// use strider::layout::strides_like;
/// // like ones((3, 4)).T[::-1]: strides (-8, 32)
/// assert_eq!(strides_like(&[4, 3], &[-8, 32], 8, 8), vec![8, 32]);
/// ```
pub fn strides_like(shape: &[usize], proto_strides: &[isize], proto_itemsize: usize, itemsize: usize) -> Vec<isize> {
    if shape.len() <= 1 || proto_strides.len() != shape.len() || is_c_contiguous(shape, proto_strides, proto_itemsize) {
        return alloc_strides(shape, itemsize, Order::C);
    }
    if is_f_contiguous(shape, proto_strides, proto_itemsize) {
        return alloc_strides(shape, itemsize, Order::F);
    }
    if shape.contains(&0) {
        return vec![0; shape.len()];
    }
    let perm = sorted_stride_perm(proto_strides);
    let mut strides = vec![0isize; shape.len()];
    let mut s = itemsize as isize;
    for &ax in perm.iter().rev() {
        strides[ax] = s;
        // Wraps only for shapes too large to allocate, which never reach here from an array.
        s = s.wrapping_mul(shape[ax] as isize);
    }
    strides
}

/// A shape as NumPy prints a tuple: `(2, 3)`, `(5,)`, `()`.
///
/// ```
/// assert_eq!(strider::layout::shape_str(&[5]), "(5,)");
/// ```
pub fn shape_str(shape: &[usize]) -> String {
    tuple_str(shape.iter().map(|d| d.to_string()), ", ")
}

/// A stride tuple as NumPy prints it: `(24, 8)`.
///
/// ```
/// assert_eq!(strider::layout::strides_str(&[-8, 0]), "(-8, 0)");
/// ```
pub fn strides_str(strides: &[isize]) -> String {
    tuple_str(strides.iter().map(|d| d.to_string()), ", ")
}

/// A shape as NumPy's broadcast error prints it: `(2,3)`, `(5,)`.
///
/// ```
/// assert_eq!(strider::layout::shape_str_compact(&[2, 3]), "(2,3)");
/// ```
pub fn shape_str_compact(shape: &[usize]) -> String {
    tuple_str(shape.iter().map(|d| d.to_string()), ",")
}

fn tuple_str(items: impl Iterator<Item = String>, sep: &str) -> String {
    let v: Vec<String> = items.collect();
    match v.len() {
        1 => format!("({},)", v[0]),
        _ => format!("({})", v.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_strides() {
        assert_eq!(fill_strides(&[3, 1], 8, Order::C), vec![8, 8]);
        assert_eq!(fill_strides(&[1, 3], 8, Order::F), vec![8, 8]);
        assert_eq!(alloc_strides(&[2, 0, 3], 8, Order::C), vec![0, 0, 0]);
        assert_eq!(fill_strides(&[0, 3], 8, Order::C), vec![24, 8]);
    }

    #[test]
    fn contiguity() {
        assert!(is_c_contiguous(&[1, 5], &[40, 8], 8) && is_f_contiguous(&[1, 5], &[40, 8], 8));
        assert!(is_c_contiguous(&[], &[], 8) && is_f_contiguous(&[], &[], 8));
        assert!(!is_c_contiguous(&[3], &[0], 8));
        assert!(!is_f_contiguous(&[2, 3], &[24, 8], 8));
    }

    #[test]
    fn alignment() {
        assert!(!is_aligned(1, &[3], &[8], 8));
        assert!(!is_aligned(0, &[2], &[4], 8));
        assert!(is_aligned(0, &[1], &[3], 8));
    }

    #[test]
    fn slices_clamp_like_python() {
        assert_eq!(slice_indices(Some(-100), Some(100), None, 10).unwrap(), (0, 1, 10));
        assert_eq!(slice_indices(Some(100), Some(0), Some(-1), 10).unwrap(), (9, -1, 9));
        assert_eq!(slice_indices(Some(8), Some(2), Some(-2), 10).unwrap(), (8, -2, 3));
        assert!(slice_indices(None, None, Some(0), 10).is_err());
    }

    #[test]
    fn walks_in_any_axis_order() {
        assert_eq!(perm_positions(&[2, 3], &[1, 0], &[]), vec![0, 3, 1, 4, 2, 5]);
        assert_eq!(perm_positions(&[2, 2], &[0, 1], &[false, true]), vec![1, 0, 3, 2]);
        assert_eq!(perm_positions(&[2, 0], &[0, 1], &[]), Vec::<usize>::new());
        assert_eq!(perm_positions(&[], &[], &[]), vec![0]);
    }

    #[test]
    fn like_strides_follow_memory_order() {
        // ones((2,3,4)).transpose(1,2,0): strides (32, 8, 96)
        assert_eq!(strides_like(&[3, 4, 2], &[32, 8, 96], 8, 8), vec![32, 8, 96]);
        // ones((3,2)).T[::-1]: strides (-8, 16)
        assert_eq!(strides_like(&[2, 3], &[-8, 16], 8, 8), vec![8, 16]);
    }
}

//! Property tests: the layout math and the overlap solver against brute force and independent
//! models.
//!
//! Every model here enumerates: the bytes a layout touches, the element addresses in C or F
//! order, the indices a slice selects. The functions under test compute the same facts from the
//! shape and strides alone.

use proptest::collection::vec;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use strider::layout::overlap::{solve_diophantine, solve_internal_overlap, solve_may_share, Overlap, Span, Term};
use strider::layout::{
    alloc_strides, broadcast_shapes, byte_extent, check_in_bounds, checked_size, fill_strides, is_aligned,
    is_c_contiguous, is_f_contiguous, normalize_axis, slice_indices, sorted_stride_perm, strides_like, Order,
};
use strider::{DType, Error, NdArray, Storage};

/// A small random layout: (address, shape, strides, itemsize), strides negative, zero or positive.
#[derive(Clone, Debug)]
struct L {
    address: usize,
    shape: Vec<usize>,
    strides: Vec<isize>,
    itemsize: usize,
}

impl L {
    fn span(&self) -> Span<'_> {
        Span { address: self.address, shape: &self.shape, strides: &self.strides, itemsize: self.itemsize }
    }
}

fn layout(max_ndim: usize, max_dim: usize, max_stride: isize, max_item: usize) -> impl Strategy<Value = L> {
    (0..=max_ndim).prop_flat_map(move |nd| {
        (0usize..64, vec(0..=max_dim, nd), vec(-max_stride..=max_stride, nd), 1..=max_item)
            .prop_map(|(address, shape, strides, itemsize)| L { address, shape, strides, itemsize })
    })
}

/// Every multi-index of a shape, in C order (last index fastest).
fn indices_c(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out.into_iter().flat_map(|prefix| (0..n).map(move |i| [prefix.clone(), vec![i]].concat())).collect();
    }
    out
}

/// Every multi-index of a shape, in F order (first index fastest).
fn indices_f(shape: &[usize]) -> Vec<Vec<usize>> {
    let rev: Vec<usize> = shape.iter().rev().copied().collect();
    indices_c(&rev).into_iter().map(|ix| ix.into_iter().rev().collect()).collect()
}

/// Byte offset (from element `[0, …, 0]`) of one index.
fn offset_of(ix: &[usize], strides: &[isize]) -> i128 {
    ix.iter().zip(strides).map(|(&i, &s)| i as i128 * s as i128).sum()
}

/// Every byte a layout touches, each with the index that touches it.
fn bytes_of(l: &L) -> Vec<(i128, Vec<usize>)> {
    let mut out = vec![];
    for ix in indices_c(&l.shape) {
        let start = l.address as i128 + offset_of(&ix, &l.strides);
        for u in 0..l.itemsize as i128 {
            out.push((start + u, ix.clone()));
        }
    }
    out
}

fn truly_share(a: &L, b: &L) -> bool {
    let set: BTreeSet<i128> = bytes_of(a).into_iter().map(|(p, _)| p).collect();
    bytes_of(b).iter().any(|(p, _)| set.contains(p))
}

fn truly_self_overlapping(a: &L) -> bool {
    let mut seen: HashMap<i128, Vec<usize>> = HashMap::new();
    for (p, ix) in bytes_of(a) {
        match seen.get(&p) {
            Some(other) if *other != ix => return true,
            _ => {
                seen.insert(p, ix);
            }
        }
    }
    false
}

fn budget() -> impl Strategy<Value = i64> {
    prop_oneof![Just(-1i64), Just(-2i64), 0i64..30]
}

/// 384 cases per property by default; `PROPTEST_CASES=20000` for a longer local run.
fn cfg() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(384);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cfg())]

    /// (1) The solver agrees with enumerating every byte of both layouts whenever it answers; the
    /// bounds-only mode never says "no" to layouts that share.
    #[test]
    fn may_share_vs_brute_force(a in layout(3, 4, 14, 5), b in layout(3, 4, 14, 5), work in budget()) {
        let truth = truly_share(&a, &b);
        prop_assert_eq!(solve_may_share(&a.span(), &b.span(), -1), if truth { Overlap::Yes } else { Overlap::No });
        prop_assert_eq!(solve_may_share(&b.span(), &a.span(), -1), if truth { Overlap::Yes } else { Overlap::No });
        match solve_may_share(&a.span(), &b.span(), work) {
            Overlap::Yes => prop_assert!(truth),
            Overlap::No => prop_assert!(!truth),
            Overlap::TooHard => prop_assert!(work >= 0),
            Overlap::Overflow => prop_assert!(false, "no overflow on small layouts"),
        }
        if truth {
            prop_assert_ne!(solve_may_share(&a.span(), &b.span(), 0), Overlap::No);
        }
        // The budget is monotone: a search that fits in `work` steps fits in any larger budget
        // with the same answer, and one too hard for `work` is too hard for any smaller one.
        let at = |w: i64| solve_may_share(&a.span(), &b.span(), w);
        if work >= 0 {
            match at(work) {
                Overlap::TooHard => prop_assert!((0..work).all(|w| at(w) == Overlap::TooHard)),
                r => prop_assert_eq!(at(work + 7), r),
            }
        }
    }

    /// The same through arrays over one storage: `shares_memory` exact, `may_share_memory` true
    /// whenever the arrays truly share.
    #[test]
    fn arrays_vs_brute_force(a in layout(3, 4, 24, 8), b in layout(3, 4, 24, 8)) {
        let dtype = |n: usize| match n { 1 => DType::UINT8, 2 => DType::UINT16, 3..=4 => DType::UINT32, _ => DType::UINT64 };
        let storage = Storage::zeroed(512).unwrap();
        let make = |l: &L| {
            let d = dtype(l.itemsize);
            let l = L { itemsize: d.itemsize(), ..l.clone() };
            let low = byte_extent(&l.shape, &l.strides, l.itemsize).unwrap().map_or(0, |(lo, _)| lo);
            let l = L { address: l.address + (-low) as usize, ..l };
            (NdArray::from_raw_parts(storage.clone(), d, &l.shape, &l.strides, l.address).unwrap(), l)
        };
        let ((x, la), (y, lb)) = (make(&a), make(&b));
        let truth = truly_share(&la, &lb);
        prop_assert_eq!(x.shares_memory(&y, None), Ok(truth));
        prop_assert_eq!(x.may_share_memory(&y, Some(-1)), Ok(truth));
        if truth {
            prop_assert!(x.may_share_memory(&y, None).unwrap());
        }
        prop_assert_eq!(x.has_internal_overlap(None), Ok(truly_self_overlapping(&la)));
        if truly_self_overlapping(&la) {
            prop_assert!(x.may_have_internal_overlap());
        }
        let elsewhere = NdArray::from_raw_parts(Storage::zeroed(512).unwrap(), x.dtype().clone(), &la.shape, &la.strides, la.address).unwrap();
        prop_assert_eq!(x.shares_memory(&elsewhere, None), Ok(false));
    }

    /// The Diophantine solver alone, on terms in any order, against enumeration.
    #[test]
    fn diophantine_vs_brute_force(
        terms in vec((1i64..=24, -1i64..=5), 0..=4),
        rhs in -2i64..=120,
        work in budget(),
    ) {
        let terms: Vec<Term> = terms.into_iter().map(|(a, ub)| Term { a, ub }).collect();
        let mut reachable: BTreeSet<i64> = [0].into();
        for t in &terms {
            reachable = reachable.iter().flat_map(|&s| (0..=t.ub).map(move |x| s + t.a * x)).collect();
        }
        let truth = reachable.contains(&rhs);
        prop_assert_eq!(solve_diophantine(&terms, rhs, -1), if truth { Overlap::Yes } else { Overlap::No });
        match solve_diophantine(&terms, rhs, work) {
            Overlap::Yes => prop_assert!(truth),
            Overlap::No => prop_assert!(!truth),
            Overlap::TooHard => prop_assert!(work >= 0),
            Overlap::Overflow => prop_assert!(false),
        }
    }

    /// (2) Internal overlap against enumerating which index reaches each byte.
    #[test]
    fn internal_overlap_vs_brute_force(a in layout(4, 4, 14, 5), work in budget()) {
        let truth = truly_self_overlapping(&a);
        prop_assert_eq!(solve_internal_overlap(&a.span(), -1), if truth { Overlap::Yes } else { Overlap::No });
        match solve_internal_overlap(&a.span(), work) {
            Overlap::Yes => prop_assert!(truth),
            Overlap::No => prop_assert!(!truth),
            Overlap::TooHard => prop_assert!(work >= 0),
            Overlap::Overflow => prop_assert!(false),
        }
    }

    /// Huge or extreme strides and shapes never panic, in the solver or the layout functions.
    #[test]
    fn extreme_inputs_never_panic(
        shape in vec(prop_oneof![0usize..4, Just(usize::MAX), Just(isize::MAX as usize), any::<usize>()], 0..=3),
        all_strides in vec(prop_oneof![Just(isize::MIN), Just(isize::MAX), any::<isize>(), -8isize..8], 3),
        address in any::<usize>(),
        itemsize in prop_oneof![1usize..=16, Just(usize::MAX)],
    ) {
        let strides = &all_strides[..shape.len()];
        let a = Span { address, shape: &shape, strides, itemsize };
        let b = Span { address: address / 2, shape: &shape, strides, itemsize };
        for w in [-1, 0, 1, 50] {
            let _ = solve_may_share(&a, &b, w);
            let _ = solve_internal_overlap(&a, w);
        }
        let _ = a.extent();
        let _ = byte_extent(&shape, strides, itemsize);
        let _ = check_in_bounds(&shape, strides, itemsize, address, usize::MAX);
        let _ = (is_c_contiguous(&shape, strides, itemsize), is_f_contiguous(&shape, strides, itemsize));
        let _ = is_aligned(address, &shape, strides, 8);
        let _ = strides_like(&shape, strides, itemsize, itemsize);
        let _ = (fill_strides(&shape, itemsize, Order::C), alloc_strides(&shape, itemsize, Order::F));
        let _ = slice_indices(Some(all_strides[0]), Some(all_strides[1]), Some(all_strides[2]), address);
    }
}

/// Element offsets visited in the given order.
fn visit(shape: &[usize], strides: &[isize], f_order: bool) -> Vec<i128> {
    let ix = if f_order { indices_f(shape) } else { indices_c(shape) };
    ix.iter().map(|i| offset_of(i, strides)).collect()
}

/// Contiguity by definition: the k-th element visited (C or F order) starts `k·itemsize` bytes
/// after the first; arrays without elements are contiguous.
fn contiguous_model(shape: &[usize], strides: &[isize], itemsize: usize, f_order: bool) -> bool {
    visit(shape, strides, f_order).iter().enumerate().all(|(k, &o)| o == (k * itemsize) as i128)
}

proptest! {
    #![proptest_config(cfg())]

    /// (3) Contiguity flags against the visiting-order definition.
    #[test]
    fn contiguity_vs_model(l in layout(4, 4, 40, 8), dense in any::<bool>(), f in any::<bool>()) {
        // Half the cases start from dense strides, so "true" is exercised, then perturb one.
        let mut strides = if dense { fill_strides(&l.shape, l.itemsize, if f { Order::F } else { Order::C }) } else { l.strides.clone() };
        if dense && !strides.is_empty() && l.address % 3 == 0 {
            let k = l.address % strides.len();
            strides[k] = l.strides[k];
        }
        prop_assert_eq!(is_c_contiguous(&l.shape, &strides, l.itemsize), contiguous_model(&l.shape, &strides, l.itemsize, false));
        prop_assert_eq!(is_f_contiguous(&l.shape, &strides, l.itemsize), contiguous_model(&l.shape, &strides, l.itemsize, true));
    }

    /// ALIGNED: every element's address is a multiple of the alignment.
    #[test]
    fn alignment_vs_model(l in layout(3, 4, 40, 8), align_pow in 0u32..=4, address in 0usize..4096) {
        let alignment = 1usize << align_pow;
        let model = visit(&l.shape, &l.strides, false)
            .iter()
            .all(|&o| (address as i128 + o).rem_euclid(alignment as i128) == 0);
        prop_assert_eq!(is_aligned(address, &l.shape, &l.strides, alignment), model);
    }

    /// The byte extent is the lowest element start and the highest element end.
    #[test]
    fn extent_vs_model(l in layout(4, 4, 40, 8), len in 0usize..400) {
        let offsets = visit(&l.shape, &l.strides, false);
        let model = offsets.iter().min().map(|&lo| (lo as isize, (*offsets.iter().max().unwrap() + l.itemsize as i128) as isize));
        prop_assert_eq!(byte_extent(&l.shape, &l.strides, l.itemsize), Ok(model));
        let inside = offsets.iter().all(|&o| {
            let start = l.address as i128 + o;
            start >= 0 && start + l.itemsize as i128 <= len as i128
        });
        prop_assert_eq!(check_in_bounds(&l.shape, &l.strides, l.itemsize, l.address, len).is_ok(), inside);
    }

    /// Fresh strides: C and F strides give a layout that is contiguous by the model; the values
    /// are the running products with zero lengths skipped; allocation zeroes them for empty shapes.
    #[test]
    fn fresh_strides_vs_model(shape in vec(0usize..5, 0..=4), itemsize in 1usize..=16) {
        for (order, f) in [(Order::C, false), (Order::F, true)] {
            let s = fill_strides(&shape, itemsize, order);
            prop_assert!(contiguous_model(&shape, &s, itemsize, f));
            for k in 0..shape.len() {
                let inner: Vec<usize> = if f { shape[..k].to_vec() } else { shape[k + 1..].to_vec() };
                let expect = itemsize * inner.iter().map(|&n| n.max(1)).product::<usize>();
                prop_assert_eq!(s[k], expect as isize);
            }
            let a = alloc_strides(&shape, itemsize, order);
            if shape.contains(&0) {
                prop_assert!(a.iter().all(|&x| x == 0));
            } else {
                prop_assert_eq!(a, s);
            }
        }
    }

    /// Order-K strides: positive and gap-free, and they keep the prototype's axis memory order.
    #[test]
    fn strides_like_vs_model(proto in layout(4, 4, 40, 8), itemsize in 1usize..=8) {
        let (shape, ps) = (&proto.shape, &proto.strides);
        let s = strides_like(shape, ps, proto.itemsize, itemsize);
        prop_assert_eq!(s.len(), shape.len());
        if shape.contains(&0) {
            return Ok(());
        }
        let mut offsets = visit(shape, &s, false);
        offsets.sort();
        prop_assert!(offsets.iter().enumerate().all(|(k, &o)| o == (k * itemsize) as i128), "dense: {:?}", s);
        let c = is_c_contiguous(shape, ps, proto.itemsize);
        let f = is_f_contiguous(shape, ps, proto.itemsize);
        if shape.len() <= 1 || c {
            prop_assert_eq!(s, fill_strides(shape, itemsize, Order::C));
        } else if f {
            prop_assert_eq!(s, fill_strides(shape, itemsize, Order::F));
        } else {
            for i in 0..shape.len() {
                for j in i + 1..shape.len() {
                    if shape[i] > 1 && shape[j] > 1 {
                        let (pi, pj) = (ps[i].unsigned_abs(), ps[j].unsigned_abs());
                        // Larger |stride| is outer; ties keep axis order (earlier is outer).
                        prop_assert_eq!(s[i] > s[j], pi >= pj, "axes {} {} of {:?} -> {:?}", i, j, ps, s);
                    }
                }
            }
        }
    }

    /// Python's slice semantics, modelled by walking the index sequence and keeping in-range ones.
    #[test]
    fn slice_indices_vs_python(
        start in prop::option::of(-15isize..15),
        stop in prop::option::of(-15isize..15),
        step in prop::option::of(prop_oneof![-5isize..0, 1isize..6]),
        len in 0usize..12,
    ) {
        let l = len as isize;
        let st = step.unwrap_or(1);
        // Python: negative bounds count from the end; then clamp; walk from start towards stop.
        let norm = |v: isize| if v < 0 { v + l } else { v };
        let model: Vec<isize> = if st > 0 {
            let a = start.map_or(0, norm).clamp(0, l);
            let b = stop.map_or(l, norm).clamp(0, l);
            (a..b).step_by(st as usize).collect()
        } else {
            let a = start.map_or(l - 1, norm).clamp(-1, l - 1);
            let b = stop.map_or(-1, norm).clamp(-1, l - 1);
            let mut v = vec![];
            let mut i = a;
            while i > b {
                v.push(i);
                i += st;
            }
            v
        };
        let (s0, s1, n) = slice_indices(start, stop, step, len).unwrap();
        let got: Vec<isize> = (0..n as isize).map(|k| s0 + k * s1).collect();
        prop_assert_eq!(&got, &model);
        if n == 0 {
            prop_assert_eq!((s0, s1), (0, 1));
        }
    }

    /// Broadcasting: right-aligned, each output length is the one length other than 1 (or 1).
    #[test]
    fn broadcast_vs_model(shapes in vec(vec(prop_oneof![Just(1usize), 0usize..4], 0..=4), 0..=4)) {
        let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
        let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
        let mut model = Some(vec![1usize; ndim]);
        for k in 0..ndim {
            let lens: BTreeSet<usize> = shapes
                .iter()
                .filter_map(|s| (k + s.len()).checked_sub(ndim).map(|i| s[i]))
                .filter(|&d| d != 1)
                .collect();
            match lens.len() {
                0 => {}
                1 => { if let Some(m) = model.as_mut() { m[k] = *lens.iter().next().unwrap(); } }
                _ => model = None,
            }
        }
        match (broadcast_shapes(&refs), model) {
            (Ok(got), Some(m)) => prop_assert_eq!(got, m),
            (Err(Error::Broadcast { shapes: s }), None) => prop_assert_eq!(s, shapes),
            (got, m) => prop_assert!(false, "got {:?}, model {:?}", got, m),
        }
    }
}

proptest! {
    #![proptest_config(cfg())]

    /// Element counts: the product, or an error when the product of the non-zero lengths does not
    /// fit in isize (NumPy rejects `np.empty((0, 2**62, 4))` as too big, in any axis order).
    #[test]
    fn checked_size_vs_model(shape in vec(prop_oneof![0usize..5, any::<usize>(), Just(1usize << 32)], 0..=4)) {
        let nonzero = shape.iter().filter(|&&d| d != 0).try_fold(1u128, |p, &d| p.checked_mul(d as u128));
        let fits = nonzero.is_some_and(|p| p <= isize::MAX as u128);
        let model = fits.then(|| if shape.contains(&0) { 0 } else { nonzero.unwrap() as usize });
        prop_assert_eq!(checked_size(&shape).ok(), model);
    }

    /// Axes in [-ndim, ndim) resolve to their non-negative position; others are errors.
    #[test]
    fn normalize_axis_vs_model(axis in -70isize..70, ndim in 0usize..=64) {
        let model = (0..ndim).find(|&k| k as isize == axis || k as isize - ndim as isize == axis);
        match normalize_axis(axis, ndim) {
            Ok(k) => prop_assert_eq!(Some(k), model),
            Err(e) => {
                prop_assert_eq!(model, None);
                prop_assert_eq!(e, Error::AxisOutOfBounds { axis, ndim });
            }
        }
    }

    /// The stride permutation lists every axis once, outermost (largest |stride|) first, ties in
    /// axis order.
    #[test]
    fn sorted_stride_perm_vs_model(strides in vec(prop_oneof![-40isize..40, Just(isize::MIN)], 0..=6)) {
        let perm = sorted_stride_perm(&strides);
        let mut seen = perm.clone();
        seen.sort();
        prop_assert_eq!(seen, (0..strides.len()).collect::<Vec<_>>());
        for w in perm.windows(2) {
            let (x, y) = (strides[w[0]].unsigned_abs(), strides[w[1]].unsigned_abs());
            prop_assert!(x > y || (x == y && w[0] < w[1]), "{:?} -> {:?}", strides, perm);
        }
    }
}

/// Shapes and strides of different lengths are meaningless but must not panic.
#[test]
fn mismatched_lengths_never_panic() {
    let (shape, strides) = (&[2usize, 3, 4][..], &[8isize][..]);
    for (sh, st) in [(shape, strides), (&shape[..1], &[8isize, 16, 24][..])] {
        let _ = (is_c_contiguous(sh, st, 8), is_f_contiguous(sh, st, 8), is_aligned(0, sh, st, 8));
        let _ = (byte_extent(sh, st, 8), check_in_bounds(sh, st, 8, 0, 64), strides_like(sh, st, 8, 8));
        let a = Span { address: 0, shape: sh, strides: st, itemsize: 8 };
        let _ = (solve_may_share(&a, &a, -1), solve_internal_overlap(&a, -1), a.extent());
    }
}

/// A product that wraps around must not make a layout look contiguous.
#[test]
fn contiguity_with_overflowing_products() {
    let big = 1usize << 61;
    // 8 · 2^61 wraps to 0 in 64 bits; a zero outer stride is not contiguous.
    assert!(!is_c_contiguous(&[2, big], &[0, 8], 8));
    assert!(!is_f_contiguous(&[big, 2], &[8, 0], 8));
}

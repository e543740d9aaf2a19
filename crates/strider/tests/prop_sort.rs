//! Property tests of sorting: on random data and layouts, every sorted lane is a permutation of
//! the input lane (bit for bit) in NumPy's order (NaNs last), and a stable argsort gathers the
//! stably sorted values with equal values in increasing position order.

use proptest::prelude::*;
use strider::sort::SortKind;
use strider::{NdArray, Order};

fn kind() -> impl Strategy<Value = SortKind> {
    prop_oneof![Just(SortKind::Quicksort), Just(SortKind::Stable), Just(SortKind::Mergesort), Just(SortKind::Heapsort)]
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-20i32..20).prop_map(f64::from),
        2 => -1e6f64..1e6,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(-0.0),
    ]
}

/// NumPy's `a <= b` for sorted output: NaN only before NaN.
fn in_order(a: f64, b: f64) -> bool {
    if a.is_nan() {
        b.is_nan()
    } else {
        b.is_nan() || a <= b
    }
}

/// An array of `rows x cols` values in one of several layouts: C, F, reversed, a transposed view.
fn layout(values: &[f64], rows: usize, cols: usize, which: u8) -> NdArray {
    let c = NdArray::from_vec(values.to_vec(), &[rows, cols], Order::C).unwrap();
    match which % 4 {
        0 => c,
        1 => c.copy(Order::F).unwrap(),
        2 => c.flip(None).unwrap(),
        _ => NdArray::from_vec(values.to_vec(), &[cols, rows], Order::C).unwrap().t(),
    }
}

/// The lanes along `axis` of a 2-d array, as C-order rows of values.
fn lanes(a: &NdArray, axis: usize) -> Vec<Vec<f64>> {
    let v: Vec<f64> = a.to_vec().unwrap();
    let (r, c) = (a.shape()[0], a.shape()[1]);
    if axis == 1 {
        (0..r).map(|i| v[i * c..(i + 1) * c].to_vec()).collect()
    } else {
        (0..c).map(|j| (0..r).map(|i| v[i * c + j]).collect()).collect()
    }
}

proptest! {
    #[test]
    fn sorted_lanes_are_ordered_permutations(
        (rows, cols, values) in (1usize..6, 1usize..7).prop_flat_map(|(r, c)| (Just(r), Just(c), prop::collection::vec(value(), r * c))),
        which in 0u8..4,
        axis in 0usize..2,
        k in kind(),
        inplace in any::<bool>(),
    ) {
        let a = layout(&values, rows, cols, which);
        let s = if inplace {
            let c = a.copy(Order::K).unwrap();
            c.sort_inplace(axis as isize, k).unwrap();
            c
        } else {
            a.sort(Some(axis as isize), k).unwrap()
        };
        for (inp, out) in lanes(&a, axis).into_iter().zip(lanes(&s, axis)) {
            let mut x: Vec<u64> = inp.iter().map(|v| v.to_bits()).collect();
            let mut y: Vec<u64> = out.iter().map(|v| v.to_bits()).collect();
            x.sort_unstable();
            y.sort_unstable();
            prop_assert_eq!(x, y, "not a permutation");
            for w in out.windows(2) {
                prop_assert!(in_order(w[0], w[1]), "{:?} out of order", out);
            }
        }
    }

    #[test]
    fn stable_argsort_gathers_the_stable_sort(
        values in prop::collection::vec(-4i16..4, 0..40),
        k in prop_oneof![Just(SortKind::Stable), Just(SortKind::Mergesort)],
    ) {
        let a = NdArray::from_vec(values.clone(), &[values.len()], Order::C).unwrap();
        let idx: Vec<i64> = a.argsort(Some(0), k).unwrap().to_vec().unwrap();
        let sorted: Vec<i16> = a.sort(Some(0), k).unwrap().to_vec().unwrap();
        let gathered: Vec<i16> = idx.iter().map(|&i| values[i as usize]).collect();
        prop_assert_eq!(&gathered, &sorted);
        for w in idx.windows(2) {
            if values[w[0] as usize] == values[w[1] as usize] {
                prop_assert!(w[0] < w[1], "equal values out of position order");
            }
        }
    }

    #[test]
    fn searchsorted_brackets_every_needle(
        mut hay in prop::collection::vec(-50i32..50, 0..30),
        needles in prop::collection::vec(-60i32..60, 0..10),
    ) {
        hay.sort();
        let a = NdArray::from_vec(hay.clone(), &[hay.len()], Order::C).unwrap();
        let v = NdArray::from_vec(needles.clone(), &[needles.len()], Order::C).unwrap();
        let left: Vec<i64> = a.searchsorted(&v, strider::sort::Side::Left, None).unwrap().to_vec().unwrap();
        let right: Vec<i64> = a.searchsorted(&v, strider::sort::Side::Right, None).unwrap().to_vec().unwrap();
        for ((&x, &l), &r) in needles.iter().zip(&left).zip(&right) {
            prop_assert_eq!(l as usize, hay.partition_point(|&h| h < x));
            prop_assert_eq!(r as usize, hay.partition_point(|&h| h <= x));
        }
    }
}

//! Property tests of reductions against brute-force models: the output shape (with and without
//! keepdims) for every axis subset, and integer sums, maxima and argmax computed element by
//! element through `get`, over random layouts (transposes, reversals, broadcasts).

mod reduce_common;

use proptest::prelude::*;
use reduce_common::{arrange, indices, small_values};
use strider::{DType, NdArray, ReduceOptions, Reduction, Scalar};

/// The model of a reduction's shape: reduced axes dropped, or kept as 1.
fn model_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .enumerate()
        .filter_map(|(k, &n)| if axes.contains(&k) { keepdims.then_some(1) } else { Some(n) })
        .collect()
}

fn as_i64(s: Scalar) -> i64 {
    match s {
        Scalar::I64(v) => v,
        other => panic!("unexpected scalar {other:?}"),
    }
}

/// A random int64 array: C data, then optionally transposed, reversed along an axis, or
/// broadcast along a new leading axis.
fn layout() -> impl Strategy<Value = (NdArray, u8)> {
    (prop::collection::vec(0usize..4, 0..4), any::<u8>(), any::<u64>())
        .prop_map(|(shape, how, seed)| (arrange(small_values(&shape, seed, |v| v), &shape, how), how))
}

proptest! {
    #[test]
    fn shapes_and_values_match_brute_force((a, how) in layout(), mask in any::<u8>(), keepdims in any::<bool>(), neg in any::<bool>()) {
        let nd = a.ndim();
        let axes: Vec<usize> = (0..nd).filter(|k| mask >> k & 1 == 1).collect();
        let given: Vec<isize> = axes.iter().map(|&k| if neg { k as isize - nd as isize } else { k as isize }).collect();
        let all = how & 16 == 0;
        let (axes, opts) = if all {
            ((0..nd).collect::<Vec<_>>(), ReduceOptions::new().keepdims(keepdims))
        } else {
            (axes, ReduceOptions::new().axes(&given).keepdims(keepdims))
        };
        let s = a.reduce(Reduction::Sum, &opts).unwrap();
        let want_shape = model_shape(a.shape(), &axes, keepdims);
        prop_assert_eq!(s.shape(), want_shape.as_slice());
        prop_assert_eq!(s.dtype(), &DType::INT64);
        // Brute force: add every element into its output position.
        let oshape = model_shape(a.shape(), &axes, true);
        let mut want = vec![0i64; oshape.iter().product()];
        let mut best: Vec<Option<i64>> = vec![None; want.len()];
        for idx in indices(a.shape()) {
            let v = as_i64(a.get(&idx).unwrap());
            let mut pos = 0usize;
            for (k, &n) in oshape.iter().enumerate() {
                let i = if axes.contains(&k) { 0 } else { idx[k] as usize };
                pos = pos * n + i;
            }
            want[pos] += v;
            best[pos] = Some(best[pos].map_or(v, |b| b.max(v)));
        }
        let got = s.reshape(&oshape.iter().map(|&n| n as isize).collect::<Vec<_>>()).unwrap().to_vec::<i64>().unwrap();
        prop_assert_eq!(got, want);
        // max: an error exactly when a reduced axis is empty, else the brute-force maximum.
        let m = a.reduce(Reduction::Max, &opts);
        let empty_reduced = axes.iter().any(|&k| a.shape()[k] == 0);
        prop_assert_eq!(m.is_err(), empty_reduced);
        if let Ok(m) = m {
            let got = m.to_vec::<i64>().unwrap();
            let want: Vec<i64> = best.iter().map(|b| b.unwrap_or(0)).collect();
            if !want.is_empty() {
                prop_assert_eq!(got, want);
            }
        }
        // The result is a fresh dense array.
        prop_assert!(s.flags().owndata);
    }

    #[test]
    fn argmax_indexes_a_maximum((a, _how) in layout(), axis in 0usize..5, keepdims in any::<bool>()) {
        prop_assume!(a.ndim() > 0);
        let ax = axis % a.ndim();
        let r = a.argmax(Some(ax as isize), keepdims);
        if a.shape()[ax] == 0 {
            prop_assert_eq!(r.unwrap_err().to_string(), "attempt to get argmax of an empty sequence");
            return Ok(());
        }
        let r = r.unwrap();
        let want_shape = model_shape(a.shape(), &[ax], keepdims);
        prop_assert_eq!(r.shape(), want_shape.as_slice());
        prop_assert!(r.flags().c_contiguous);
        let got = r.to_vec::<i64>().unwrap();
        let mut kshape = a.shape().to_vec();
        kshape[ax] = 1;
        for (pos, idx) in indices(&kshape).into_iter().enumerate() {
            let vals: Vec<i64> = (0..a.shape()[ax] as isize).map(|j| {
                let mut ix = idx.clone();
                ix[ax] = j;
                as_i64(a.get(&ix).unwrap())
            }).collect();
            let mx = *vals.iter().max().unwrap();
            let first = vals.iter().position(|&v| v == mx).unwrap() as i64;
            prop_assert_eq!(got[pos], first);
        }
    }
}

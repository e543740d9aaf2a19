//! Property tests of `where=`, `initial=` and `out=` reductions against brute-force models:
//! over random shapes, layouts (transposes, reversals, broadcasts), axis subsets, keepdims and
//! masks of every broadcastable shape, the masked sum, the max from `initial`, the masked mean
//! (selected count as divisor) and the result written into `out` are computed element by
//! element through `get` and compared.

mod reduce_common;

use proptest::prelude::*;
use reduce_common::{arrange, indices, small_values};
use strider::{DType, NdArray, Order, ReduceOptions, Reduction, Scalar};

fn as_f64(s: Scalar) -> f64 {
    match s {
        Scalar::F64(v) => v,
        Scalar::I64(v) => v as f64,
        Scalar::Bool(b) => b as u8 as f64,
        other => panic!("unexpected scalar {other:?}"),
    }
}

/// A random float64 array of small integers (so every summation order gives the same bits),
/// C data, then optionally transposed, reversed or broadcast along a new leading axis; and a
/// bool mask whose shape broadcasts to it (trailing axes of it, some of length 1).
fn case() -> impl Strategy<Value = (NdArray, NdArray)> {
    (prop::collection::vec(0usize..4, 0..4), any::<u8>(), any::<u64>(), any::<u16>()).prop_map(
        |(shape, how, seed, mhow)| {
            let a = arrange(small_values(&shape, seed, |v| v as f64), &shape, how);
            let full = a.shape().to_vec();
            let drop = (mhow as usize) % (full.len() + 1);
            let mshape: Vec<usize> =
                full[drop..].iter().enumerate().map(|(k, &n)| if mhow >> (4 + k) & 1 == 1 { 1 } else { n }).collect();
            let m: usize = mshape.iter().product();
            let bits: Vec<bool> = (0..m as u64).map(|i| (i.wrapping_mul(seed ^ 0x9E37) >> 5) % 3 != 0).collect();
            let mask = NdArray::from_vec(bits, &mshape, Order::C).unwrap();
            (a, mask)
        },
    )
}

/// The mask's value at an input index (right-aligned broadcasting).
fn mask_at(mask: &NdArray, idx: &[isize]) -> bool {
    let pad = idx.len() - mask.ndim();
    let mi: Vec<isize> = mask.shape().iter().enumerate().map(|(k, &n)| if n == 1 { 0 } else { idx[pad + k] }).collect();
    as_f64(mask.get(&mi).unwrap()) != 0.0
}

proptest! {
    #[test]
    fn masked_reductions_match_brute_force((a, mask) in case(), sel in any::<u8>(), keepdims in any::<bool>(), init in -20i64..20) {
        let nd = a.ndim();
        let axes: Vec<usize> = (0..nd).filter(|k| sel >> k & 1 == 1).collect();
        let given: Vec<isize> = axes.iter().map(|&k| k as isize).collect();
        let opts = ReduceOptions::new().axes(&given).keepdims(keepdims).where_(&mask);
        // The model: per output (keepdims shape, C order) the selected elements.
        let kshape: Vec<usize> = a.shape().iter().enumerate().map(|(k, &n)| if axes.contains(&k) { 1 } else { n }).collect();
        let nout: usize = kshape.iter().product();
        let (mut sum, mut cnt, mut best) = (vec![0.0f64; nout], vec![0i64; nout], vec![init as f64; nout]);
        for idx in indices(a.shape()) {
            if !mask_at(&mask, &idx) {
                continue;
            }
            let v = as_f64(a.get(&idx).unwrap());
            let mut pos = 0usize;
            for (k, &n) in kshape.iter().enumerate() {
                pos = pos * n + if axes.contains(&k) { 0 } else { idx[k] as usize };
            }
            sum[pos] += v;
            cnt[pos] += 1;
            best[pos] = best[pos].max(v);
        }
        let flat = |r: &NdArray| -> Vec<f64> { r.to_vec::<f64>().unwrap() };
        let s = a.reduce(Reduction::Sum, &opts).unwrap();
        let want_shape: Vec<usize> =
            kshape.iter().enumerate().filter(|(k, _)| keepdims || !axes.contains(k)).map(|(_, &n)| n).collect();
        prop_assert_eq!(s.shape(), want_shape.as_slice());
        prop_assert_eq!(flat(&s), sum.clone());
        // max needs `initial` with a mask, and starts from it.
        prop_assert!(a.reduce(Reduction::Max, &opts).is_err());
        let m = a.reduce(Reduction::Max, &opts.clone().initial(init)).unwrap();
        prop_assert_eq!(flat(&m), best);
        // mean divides by the selected count (0/0 is NaN).
        let mean = flat(&a.reduce(Reduction::Mean, &opts).unwrap());
        for ((got, &s), &c) in mean.iter().zip(&sum).zip(&cnt) {
            let want = s / c as f64;
            prop_assert!(got == &want || (got.is_nan() && want.is_nan()), "mean {} vs {}", got, want);
        }
        // The count itself, as the sum of the mask broadcast to the input.
        let ones = NdArray::ones(a.shape(), DType::INT64, Order::C).unwrap();
        let c = ones.reduce(Reduction::Sum, &ReduceOptions::new().axes(&given).keepdims(keepdims).where_(&mask)).unwrap();
        prop_assert_eq!(c.to_vec::<i64>().unwrap(), cnt);
        // Into an F-ordered float32 out: the same values, and the handle returned is `out`.
        let out = NdArray::zeros(&want_shape, DType::FLOAT32, Order::F).unwrap();
        let r = a.reduce(Reduction::Sum, &opts.clone().out(&out)).unwrap();
        prop_assert!(r.same_storage(&out));
        let got: Vec<f64> = out.to_vec::<f32>().unwrap().into_iter().map(f64::from).collect();
        prop_assert_eq!(got, sum);
    }
}

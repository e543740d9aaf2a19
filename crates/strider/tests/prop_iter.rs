//! Property tests of the iteration engine's blocked (tiled) walk and parallel driver: both must
//! visit every element position exactly once, pairing the same operand offsets as a plain C-order
//! walk, and element-wise results through them must equal a model computed element by element.

use proptest::collection::vec;
use proptest::prelude::*;
use strider::iter::{par, Plan, TILE};
use strider::{DType, NdArray, Order, Storage};

/// The (operand 0, operand 1) byte offsets of every position of `shape`, in C order, computed
/// directly from the strides.
fn model_pairs(shape: &[usize], ops: &[Op]) -> Vec<(isize, isize)> {
    let mut out = vec![];
    let n: usize = shape.iter().product();
    for flat in 0..n {
        let mut rem = flat;
        let (mut a, mut b) = (ops[0].0 as isize, ops[1].0 as isize);
        for k in (0..shape.len()).rev() {
            let i = (rem % shape[k]) as isize;
            rem /= shape[k];
            a += i * ops[0].1[k];
            b += i * ops[1].1[k];
        }
        out.push((a, b));
    }
    out
}

fn plan_pairs(plan: &Plan) -> Vec<(isize, isize)> {
    let mut got = vec![];
    plan.for_each_run(|n, o, s| {
        for i in 0..n as isize {
            got.push((o[0] as isize + i * s[0], o[1] as isize + i * s[1]));
        }
    });
    got
}

/// A dense destination layout of `shape` (axes in a random memory order, some reversed) and a
/// source with arbitrary strides (negative, zero or positive), with offsets keeping every
/// element at a non-negative byte position.
/// An operand: byte offset and strides.
type Op = (usize, Vec<isize>);

fn two_layouts() -> impl Strategy<Value = (Vec<usize>, Op, Op)> {
    (1usize..=4).prop_flat_map(|nd| {
        (
            vec(1usize..=80, nd),
            Just((0..nd).collect::<Vec<usize>>()).prop_shuffle(),
            vec(any::<bool>(), nd),
            vec(-300isize..=300, nd),
        )
            .prop_map(|(shape, perm, flips, src)| {
                // Keep sizes modest: shrink the later axes if the product is too large.
                let mut shape = shape;
                while shape.iter().product::<usize>() > 40_000 {
                    let k = shape.iter().enumerate().max_by_key(|(_, &n)| n).map(|(k, _)| k).unwrap_or(0);
                    shape[k] = shape[k].div_ceil(2);
                }
                let nd = shape.len();
                let mut dst = vec![0isize; nd];
                let mut step = 8isize;
                for &ax in perm.iter().rev() {
                    dst[ax] = step;
                    step *= shape[ax] as isize;
                }
                let mut doff = 0isize;
                for k in 0..nd {
                    if flips[k] {
                        doff += (shape[k] as isize - 1) * dst[k];
                        dst[k] = -dst[k];
                    }
                }
                let soff: isize = (0..nd).map(|k| (shape[k] as isize - 1) * (-src[k]).max(0)).sum();
                (shape, (doff as usize, dst), (soff as usize, src))
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn blocked_walk_visits_the_same_pairs((shape, d, s) in two_layouts()) {
        let ops = [(d.0, &d.1[..]), (s.0, &s.1[..])];
        let plain = Plan::new(&shape, &ops).unwrap();
        let blocked = plain.clone().blocked();
        let mut want = model_pairs(&shape, &[d.clone(), s.clone()]);
        let mut a = plan_pairs(&plain);
        let mut b = plan_pairs(&blocked);
        let mut longest = 0;
        blocked.for_each_run(|n, _, _| longest = longest.max(n));
        if blocked.is_blocked() {
            prop_assert!(longest <= TILE);
        }
        want.sort();
        a.sort();
        b.sort();
        prop_assert_eq!(&a, &want);
        prop_assert_eq!(&b, &want);
    }

    #[test]
    fn split_parts_partition_the_walk((shape, d, s) in two_layouts(), parts in 1usize..6, tiled in any::<bool>()) {
        let ops = [(d.0, &d.1[..]), (s.0, &s.1[..])];
        let mut plan = Plan::new(&shape, &ops).unwrap();
        if tiled {
            plan = plan.blocked();
        }
        let pieces = plan.split(parts);
        prop_assert!(pieces.len() <= parts);
        prop_assert_eq!(pieces.iter().map(|p| p.len()).sum::<usize>(), plan.len());
        let mut all: Vec<(isize, isize)> = pieces.iter().flat_map(plan_pairs).collect();
        let mut want = plan_pairs(&plan);
        all.sort();
        want.sort();
        prop_assert_eq!(all, want);
    }

    /// Through the parallel driver every destination element is written exactly once, by the
    /// part that owns its bytes.
    #[test]
    fn parallel_parts_write_each_element_once(rows in 1usize..300, cols in 1usize..400, pad in 0usize..3, rev in any::<bool>()) {
        let rows = rows.max(par::PAR_MIN / cols + 1); // big enough to be split
        let row_bytes = (cols + pad) as isize;
        let (off, rs) = if rev { ((rows - 1) * row_bytes as usize, -row_bytes) } else { (0, row_bytes) };
        let plan = Plan::new(&[rows, cols], &[(off, &[rs, 1])]).unwrap();
        let mut dst = vec![0u8; rows * row_bytes as usize];
        let parts = par::for_parts(&plan, 1, &mut dst, |p, d| {
            p.for_each_run(|n, o, s| {
                for i in 0..n as isize {
                    let at = (o[0] as isize + i * s[0]) as usize;
                    d[at] += 1;
                }
            });
            p.len()
        });
        prop_assert_eq!(parts.iter().sum::<usize>(), rows * cols);
        for r in 0..rows {
            for c in 0..row_bytes as usize {
                prop_assert_eq!(dst[r * row_bytes as usize + c], u8::from(c < cols));
            }
        }
    }
}

/// A strided, possibly reversed view of a big float64 arange (so results are easy to model).
fn view(n0: usize, n1: usize, s0: isize, s1: isize) -> (NdArray, Vec<f64>) {
    let (a0, a1) = (s0.unsigned_abs(), s1.unsigned_abs());
    let len = (n0 - 1) * a0 + (n1 - 1) * a1 + 1;
    let data: Vec<f64> = (0..len).map(|i| i as f64 * 0.5 - 3.0).collect();
    let off = if s0 < 0 { (n0 - 1) * a0 } else { 0 } + if s1 < 0 { (n1 - 1) * a1 } else { 0 };
    let a =
        NdArray::from_raw_parts(Storage::from_vec(data.clone()), DType::FLOAT64, &[n0, n1], &[s0 * 8, s1 * 8], off * 8)
            .unwrap();
    let mut vals = Vec::with_capacity(n0 * n1);
    for i in 0..n0 as isize {
        for j in 0..n1 as isize {
            vals.push(data[(off as isize + i * s0 + j * s1) as usize]);
        }
    }
    (a, vals)
}

fn strides() -> impl Strategy<Value = isize> {
    prop_oneof![Just(1isize), Just(-1), 2isize..4, -4isize..-1]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Copies and element-wise sums of large mixed layouts (tiled and split over threads) equal
    /// the element-by-element model.
    #[test]
    fn big_mixed_layouts_compute_like_the_model(
        n0 in 260usize..420, n1 in 260usize..420, s in strides(), t in strides(), transpose in any::<bool>(), order_f in any::<bool>()
    ) {
        let (a, av) = view(n0, n1, s * n1 as isize * 3, t);
        let (b, bv) = view(n1, n0, s * n0 as isize * 2, t);
        // b.T has a's shape but the opposite memory order.
        let bt = b.t();
        let btv: Vec<f64> = (0..n0).flat_map(|i| (0..n1).map(move |j| (i, j))).map(|(i, j)| bv[j * n0 + i]).collect();
        let x = if transpose { a.t() } else { a.clone() };
        let order = if order_f { Order::F } else { Order::C };
        let c = x.copy(order).unwrap();
        let xv: Vec<f64> = if transpose {
            (0..n1).flat_map(|j| (0..n0).map(move |i| (i, j))).map(|(i, j)| av[i * n1 + j]).collect()
        } else {
            av.clone()
        };
        prop_assert_eq!(c.to_vec::<f64>().unwrap(), xv);
        let sum = (&a + &bt).unwrap();
        let want: Vec<f64> = av.iter().zip(&btv).map(|(p, q)| p + q).collect();
        prop_assert_eq!(sum.to_vec::<f64>().unwrap(), want);
        let f = a.copy(Order::F).unwrap();
        prop_assert_eq!(f.to_vec::<f64>().unwrap(), av);
    }
}

/// Shapes of up to 4 axes and two or three operands' broadcast strides (some axes zero).
fn broadcast_operands() -> impl Strategy<Value = (Vec<usize>, Vec<Vec<isize>>, Vec<bool>)> {
    (1usize..=4, 2usize..=3).prop_flat_map(|(nd, nop)| {
        (vec(1usize..=40, nd), vec(vec(prop_oneof![Just(0isize), -64isize..=64], nd), nop), vec(any::<bool>(), nop))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// NumPy's buffered iterator model: an unbuffered operand that is zero on every axis is read
    /// with stride 0, and one that moves along every axis longer than 1 never is.
    #[test]
    fn inner_stride_zero_follows_the_operand((shape, ops, buffered) in broadcast_operands(), bufsize in 1usize..20_000) {
        let mut ops = ops;
        ops[0] = vec![0; shape.len()];
        let mut buffered = buffered;
        buffered[0] = false;
        // Operand 1 moves along every axis longer than 1 (with a non-zero stride).
        for (k, s) in ops[1].iter_mut().enumerate() {
            if *s == 0 && shape[k] > 1 {
                *s = 8;
            }
        }
        let views: Vec<&[isize]> = ops.iter().map(|s| s.as_slice()).collect();
        let zero = strider::iter::numpy_inner_stride_zero(&shape, &views, &buffered, bufsize);
        prop_assert!(zero[0]);
        prop_assert_eq!(zero[1], shape.iter().all(|&n| n == 1));
    }

    /// NumPy's ufunc dispatch model: a 0-d input is always stride 0, and a 1-d input of more than
    /// one element that must be converted is cast into a contiguous array first, so never is.
    #[test]
    fn small_inputs_that_need_a_cast_become_contiguous(n in 2usize..100, stride in prop_oneof![Just(0isize), -16isize..=16], copy_x in any::<bool>()) {
        use strider::iter::{numpy_ufunc_zero_strides, UfuncInput};
        let xs = [8isize];
        let x = UfuncInput { shape: &[n], strides: &xs, itemsize: 8, loop_itemsize: 8, needs_copy: copy_x };
        let ss = [stride];
        let b = UfuncInput { shape: &[n], strides: &ss, itemsize: 4, loop_itemsize: 8, needs_copy: true };
        let s = UfuncInput { shape: &[], strides: &[], itemsize: 2, loop_itemsize: 8, needs_copy: true };
        prop_assert_eq!(numpy_ufunc_zero_strides(&[x, b, s], 8192), vec![false, false, true]);
    }
}

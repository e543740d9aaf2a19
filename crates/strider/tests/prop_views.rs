//! Property tests for views: for random layouts and random chains of view operations, every
//! element's byte address agrees with an index-by-index model of what the operation means, and the
//! flags agree with their definitions (computed from the addresses, not from strides).

use proptest::prelude::*;
use strider::index::IndexItem;
use strider::{DType, NdArray, Order, Storage};

/// A view as the model sees it: a function from index tuples to byte addresses, tabulated.
#[derive(Clone, Debug)]
struct Model {
    shape: Vec<usize>,
    addrs: Vec<isize>, // C order
}

fn c_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let n: usize = shape.iter().product();
    (0..n)
        .map(|mut lin| {
            let mut idx = vec![0; shape.len()];
            for k in (0..shape.len()).rev() {
                idx[k] = lin % shape[k];
                lin /= shape[k];
            }
            idx
        })
        .collect()
}

fn lin_c(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(shape).fold(0, |acc, (&i, &n)| acc * n + i)
}

impl Model {
    fn of(a: &NdArray) -> Model {
        let base = a.storage().address() as isize;
        let addrs = c_indices(a.shape())
            .iter()
            .map(|idx| {
                a.data_address() as isize - base
                    + idx.iter().zip(a.strides()).map(|(&i, &s)| i as isize * s).sum::<isize>()
            })
            .collect();
        Model { shape: a.shape().to_vec(), addrs }
    }
    fn at(&self, idx: &[usize]) -> isize {
        self.addrs[lin_c(idx, &self.shape)]
    }
    fn build(shape: Vec<usize>, f: impl Fn(&[usize]) -> isize) -> Model {
        let addrs = c_indices(&shape).iter().map(|i| f(i)).collect();
        Model { shape, addrs }
    }
}

/// Python's slice semantics by enumeration (independent of `layout::slice_indices`).
fn python_slice(len: usize, start: Option<isize>, stop: Option<isize>, step: isize) -> Vec<usize> {
    let l = len as isize;
    let norm = |v: isize, lo: isize, hi: isize| if v < 0 { (v + l).max(lo) } else { v.min(hi) };
    let mut out = vec![];
    if step > 0 {
        let mut i = start.map_or(0, |s| norm(s, 0, l));
        let end = stop.map_or(l, |s| norm(s, 0, l));
        while i < end {
            out.push(i as usize);
            i += step;
        }
    } else {
        let mut i = start.map_or(l - 1, |s| norm(s, -1, l - 1));
        let end = stop.map_or(-1, |s| norm(s, -1, l - 1));
        while i > end {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// Applies one random operation (chosen by `code`, parameterised by `r`) to both the array and the
/// model. Returns `None` when the operation is not applicable or is (correctly) an error.
fn step(a: &NdArray, m: &Model, code: u8, r: u64) -> Option<(NdArray, Model)> {
    let nd = a.ndim();
    // The k-th random choice in 0..n, derived from `r` (a small mixing hash).
    let pick = |k: u64, n: usize| {
        let x = (r ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if n == 0 {
            0
        } else {
            ((x >> 17) % n as u64) as usize
        }
    };
    match code % 6 {
        0 => {
            // Slices on every axis (random start/stop/step).
            let mut items = vec![];
            let mut lists = vec![];
            for (ax, &n) in a.shape().iter().enumerate() {
                let k = ax as u64 * 3;
                let opt = |v: usize| if v % 4 == 0 { None } else { Some(v as isize % 7 - 3) };
                let (start, stop) = (opt(pick(k, 8) + ax), opt(pick(k + 1, 9)));
                let step = [1isize, 2, -1, -2, 3][pick(k + 2, 5)];
                items.push(IndexItem::Slice { start, stop, step: Some(step) });
                lists.push(python_slice(n, start, stop, step));
            }
            let v = a.slice(&items).ok()?;
            let shape: Vec<usize> = lists.iter().map(|l| l.len()).collect();
            let model = Model::build(shape, |idx| {
                let parent: Vec<usize> = idx.iter().zip(&lists).map(|(&i, l)| l[i]).collect();
                m.at(&parent)
            });
            Some((v, model))
        }
        1 => {
            // An integer index on one axis plus a new axis in front.
            if nd == 0 || a.shape().contains(&0) {
                return None;
            }
            let ax = pick(0, nd);
            let i = pick(1, a.shape()[ax]);
            let mut items = vec![IndexItem::NewAxis];
            items.extend((0..nd).map(|k| {
                if k == ax {
                    IndexItem::Int(i as isize - a.shape()[ax] as isize)
                } else {
                    IndexItem::FULL
                }
            }));
            let v = a.slice(&items).ok()?;
            let mut shape = vec![1];
            shape.extend(a.shape().iter().enumerate().filter(|&(k, _)| k != ax).map(|(_, &n)| n));
            let model = Model::build(shape, |idx| {
                let mut parent: Vec<usize> = idx[1..].to_vec();
                parent.insert(ax, i);
                m.at(&parent)
            });
            Some((v, model))
        }
        2 => {
            // A random permutation of the axes.
            let mut perm: Vec<usize> = (0..nd).collect();
            for k in (1..nd).rev() {
                perm.swap(k, pick(k as u64, k + 1));
            }
            let axes: Vec<isize> = perm.iter().map(|&p| p as isize).collect();
            let v = a.transpose(Some(&axes)).ok()?;
            let shape: Vec<usize> = perm.iter().map(|&p| a.shape()[p]).collect();
            let model = Model::build(shape, |idx| {
                let mut parent = vec![0; nd];
                for (k, &p) in perm.iter().enumerate() {
                    parent[p] = idx[k];
                }
                m.at(&parent)
            });
            Some((v, model))
        }
        3 => {
            // Flip one axis.
            if nd == 0 {
                return None;
            }
            let ax = pick(0, nd);
            let v = a.flip(Some(&[ax as isize])).ok()?;
            let n = a.shape()[ax];
            let model = Model::build(a.shape().to_vec(), |idx| {
                let mut parent = idx.to_vec();
                parent[ax] = n - 1 - idx[ax];
                m.at(&parent)
            });
            Some((v, model))
        }
        4 => {
            // Broadcast to a shape with a new leading axis.
            let lead = 1 + pick(0, 3);
            let mut shape = vec![lead];
            shape.extend(a.shape().iter().map(|&n| if n == 1 && pick(1, 2) == 1 { 3 } else { n }));
            let v = a.broadcast_to(&shape).ok()?;
            let src = a.shape().to_vec();
            let model = Model::build(shape, |idx| {
                let parent: Vec<usize> = idx[1..].iter().zip(&src).map(|(&i, &n)| if n == 1 { 0 } else { i }).collect();
                m.at(&parent)
            });
            Some((v, model))
        }
        _ => {
            // Reshape to a random factorisation; only a view result is checked here (a copy has
            // its own storage and its values are checked by the conformance cases).
            let size = a.size();
            let cands: Vec<Vec<isize>> = [vec![-1], vec![1, -1], vec![-1, 1], vec![2, -1], vec![-1, 2], vec![3, -1]]
                .into_iter()
                .filter(|s| s.iter().filter(|&&d| d > 0).product::<isize>() as usize <= size.max(1))
                .filter(|s| size == 0 || size % s.iter().filter(|&&d| d > 0).product::<isize>() as usize == 0)
                .collect();
            let want = cands.get(pick(0, cands.len()))?.clone();
            let order = if pick(1, 2) == 0 { Order::C } else { Order::F };
            let v = a.reshape_with(&want, order, strider::ReshapeCopy::Never).ok()?;
            let old = a.shape().to_vec();
            let new = v.shape().to_vec();
            let to_lin = |idx: &[usize], shape: &[usize]| -> usize {
                if order == Order::C {
                    lin_c(idx, shape)
                } else {
                    idx.iter().zip(shape).rev().fold(0, |acc, (&i, &n)| acc * n + i)
                }
            };
            let from_lin = |mut lin: usize, shape: &[usize]| -> Vec<usize> {
                let mut idx = vec![0; shape.len()];
                let axes: Vec<usize> =
                    if order == Order::C { (0..shape.len()).rev().collect() } else { (0..shape.len()).collect() };
                for k in axes {
                    idx[k] = lin % shape[k];
                    lin /= shape[k];
                }
                idx
            };
            let model = Model::build(new.clone(), |idx| m.at(&from_lin(to_lin(idx, &new), &old)));
            Some((v, model))
        }
    }
}

fn check_flags(a: &NdArray, m: &Model) -> Result<(), TestCaseError> {
    let isz = a.itemsize() as isize;
    let n = m.addrs.len();
    let consecutive = |addrs: &[isize]| addrs.windows(2).all(|w| w[1] - w[0] == isz);
    let c = n <= 1 || consecutive(&m.addrs);
    // F order: the addresses listed with the first index fastest.
    let mut f_addrs = vec![0isize; n];
    for (k, idx) in c_indices(&m.shape).iter().enumerate() {
        let lin_f = idx.iter().zip(&m.shape).rev().fold(0, |acc, (&i, &d)| acc * d + i);
        f_addrs[lin_f] = m.addrs[k];
    }
    let f = n <= 1 || consecutive(&f_addrs);
    let base = a.storage().address() as isize;
    let align = a.dtype().alignment() as isize;
    let aligned = m.addrs.iter().all(|&x| (base + x) % align == 0);
    prop_assert_eq!(a.flags().c_contiguous, c, "C flag for shape {:?} strides {:?}", a.shape(), a.strides());
    prop_assert_eq!(a.flags().f_contiguous, f, "F flag for shape {:?} strides {:?}", a.shape(), a.strides());
    prop_assert_eq!(a.flags().aligned, aligned, "ALIGNED for shape {:?} strides {:?}", a.shape(), a.strides());
    Ok(())
}

fn layout() -> impl Strategy<Value = (usize, Vec<usize>, Vec<isize>, u64)> {
    (
        prop::sample::select(vec![1usize, 2, 4, 8]),
        prop::collection::vec(0usize..5, 0..5),
        prop::collection::vec(prop::sample::select(vec![-3isize, -2, -1, 0, 1, 2, 3, 5]), 5),
        any::<u64>(),
    )
        .prop_map(|(isz, shape, mult, off)| {
            let strides: Vec<isize> = shape.iter().zip(&mult).map(|(_, &k)| k * isz as isize).collect();
            (isz, shape, strides, off)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]
    #[test]
    fn view_chains_match_the_index_model(
        (isz, shape, strides, off) in layout(),
        ops in prop::collection::vec((any::<u8>(), any::<u64>()), 0..5),
        misalign in 0usize..2,
    ) {
        let dtype = match isz { 1 => DType::UINT8, 2 => DType::INT16, 4 => DType::FLOAT32, _ => DType::FLOAT64 };
        // A storage large enough for the layout at some offset.
        let storage = Storage::zeroed(4096).unwrap();
        let (low, high) = strider::layout::byte_extent(&shape, &strides, isz).unwrap().unwrap_or_default();
        let room = 4096 - (high - low) as usize - misalign;
        let offset = (-low) as usize + (off as usize % room.max(1)) / isz * isz + misalign;
        let mut a = NdArray::from_raw_parts(storage, dtype, &shape, &strides, offset).unwrap();
        let mut m = Model::of(&a);
        check_flags(&a, &m)?;
        for (code, r) in ops {
            let Some((v, vm)) = step(&a, &m, code, r) else { continue };
            prop_assert_eq!(v.shape(), vm.shape.as_slice());
            let got = Model::of(&v);
            prop_assert_eq!(&got.addrs, &vm.addrs, "op {} on shape {:?} strides {:?}", code % 6, a.shape(), a.strides());
            check_flags(&v, &got)?;
            prop_assert!(v.same_storage(&a));
            a = v;
            m = vm;
        }
    }
}

//! Property tests for advanced indexing: for random arrays (any layout) and random indices mixing
//! integers, slices, newaxis, ellipsis, integer arrays and boolean masks, `get_index` and
//! `set_index` agree element by element with a brute-force model written from NumPy's
//! definition (broadcast the index arrays; the block goes where the arrays are when they are
//! adjacent, else first; repeated destinations keep the last write).

use proptest::prelude::*;
use strider::index::{FancyIndex, IndexItem};
use strider::{DType, NdArray, Order};

#[derive(Clone, Debug)]
enum Gen {
    Int(isize),
    Slice(Option<isize>, Option<isize>, Option<isize>),
    NewAxis,
    Ellipsis,
    Ints(Vec<usize>, Vec<i64>),
    Mask(Vec<bool>),
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

fn broadcast(shapes: &[Vec<usize>]) -> Option<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for s in shapes {
        for (k, &n) in s.iter().enumerate() {
            let o = &mut out[nd - s.len() + k];
            if *o == 1 {
                *o = n;
            } else if n != 1 && n != *o {
                return None;
            }
        }
    }
    Some(out)
}

/// One axis of the result that comes from a basic entry: which array axis (None for newaxis),
/// and the map from result index to array index.
struct BasicDim {
    axis: Option<usize>,
    start: isize,
    step: isize,
    len: usize,
}

struct ModelOut {
    shape: Vec<usize>,
    /// For each result element in C order: the source index in the array.
    sources: Vec<Vec<usize>>,
    /// The block-major order NumPy writes in (result positions, C order over the block first).
    write_order: Vec<usize>,
}

/// NumPy's advanced indexing, written out element by element. `None` = NumPy raises.
fn model(shape: &[usize], items: &[Gen]) -> Option<ModelOut> {
    let nd = shape.len();
    let consumed: usize = items
        .iter()
        .map(|g| match g {
            Gen::Int(_) | Gen::Slice(..) | Gen::Ints(..) | Gen::Mask(_) => 1,
            _ => 0,
        })
        .sum();
    if consumed > nd {
        return None;
    }
    let any_array = items.iter().any(|g| matches!(g, Gen::Ints(..) | Gen::Mask(_)));
    // (array axis, index shape, values) of every advanced entry, and the entry positions.
    let mut fancy: Vec<(usize, Vec<usize>, Vec<i64>)> = vec![];
    let mut fancy_pos = vec![];
    let mut basic: Vec<(usize, BasicDim)> = vec![]; // (entry position, dim)
    let mut ax = 0;
    let mut with_ellipsis = items.to_vec();
    if !items.iter().any(|g| matches!(g, Gen::Ellipsis)) {
        with_ellipsis.push(Gen::Ellipsis);
    }
    for (p, g) in with_ellipsis.iter().enumerate() {
        match g {
            Gen::Int(i) if any_array => {
                // A scalar integer is bounds-checked even when the broadcast block is empty
                // (NumPy: `zeros((3, 1))[[], 5]` raises).
                let n = shape[ax] as isize;
                if *i < -n || *i >= n {
                    return None;
                }
                fancy.push((ax, vec![], vec![*i as i64]));
                fancy_pos.push(p);
                ax += 1;
            }
            Gen::Int(i) => {
                let n = shape[ax] as isize;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return None;
                }
                basic.push((p, BasicDim { axis: Some(ax), start: j, step: 0, len: 0 }));
                ax += 1;
            }
            Gen::Slice(a, b, c) => {
                let (s, st, n) = strider::layout::slice_indices(*a, *b, *c, shape[ax]).ok()?;
                basic.push((p, BasicDim { axis: Some(ax), start: s, step: st, len: n }));
                ax += 1;
            }
            Gen::NewAxis => basic.push((p, BasicDim { axis: None, start: 0, step: 0, len: 1 })),
            Gen::Ellipsis => {
                for _ in 0..nd - consumed {
                    basic.push((p, BasicDim { axis: Some(ax), start: 0, step: 1, len: shape[ax] }));
                    ax += 1;
                }
            }
            Gen::Ints(s, v) => {
                fancy.push((ax, s.clone(), v.clone()));
                fancy_pos.push(p);
                ax += 1;
            }
            Gen::Mask(m) => {
                if m.len() != shape[ax] {
                    return None;
                }
                let nz: Vec<i64> = m.iter().enumerate().filter(|(_, &t)| t).map(|(i, _)| i as i64).collect();
                fancy.push((ax, vec![nz.len()], nz));
                fancy_pos.push(p);
                ax += 1;
            }
        }
    }
    // Integer entries that reduce an axis produce no result dimension.
    let dims: Vec<&(usize, BasicDim)> = basic.iter().filter(|(_, d)| !(d.step == 0 && d.axis.is_some())).collect();
    let shapes: Vec<Vec<usize>> = fancy.iter().map(|f| f.1.clone()).collect();
    let b = if fancy.is_empty() { vec![] } else { broadcast(&shapes)? };
    let adjacent = fancy_pos.windows(2).all(|w| w[1] == w[0] + 1);
    let pos = match fancy_pos.first() {
        Some(&first) if adjacent => dims.iter().filter(|(p, _)| *p < first).count(),
        _ => 0,
    };
    let sub: Vec<usize> = dims.iter().map(|(_, d)| d.len).collect();
    let mut out_shape = sub[..pos].to_vec();
    out_shape.extend_from_slice(&b);
    out_shape.extend_from_slice(&sub[pos..]);
    let nb = b.len();
    let bsize: usize = b.iter().product();
    // Index values must be in bounds when the block is not empty (NumPy checks then).
    if bsize > 0 {
        for (ax, _, v) in &fancy {
            let n = shape[*ax] as i64;
            if v.iter().any(|&x| x < -n || x >= n) {
                return None;
            }
        }
    }
    let mut sources = vec![];
    for r in c_indices(&out_shape) {
        let bi = &r[pos..pos + nb];
        let si: Vec<usize> = r[..pos].iter().chain(&r[pos + nb..]).copied().collect();
        let mut src = vec![0usize; nd];
        for (ax, s, v) in &fancy {
            // The entry's element at the broadcast position.
            let off = nb - s.len();
            let lin = s.iter().enumerate().fold(0, |acc, (k, &n)| acc * n + if n == 1 { 0 } else { bi[off + k] });
            let n = shape[*ax] as i64;
            let x = v[lin];
            src[*ax] = (if x < 0 { x + n } else { x }) as usize;
        }
        for (_, d) in &basic {
            if let (Some(a), 0) = (d.axis, d.step) {
                src[a] = d.start as usize;
            }
        }
        for ((_, d), &i) in dims.iter().zip(&si) {
            if let Some(a) = d.axis {
                src[a] = (d.start + i as isize * d.step) as usize;
            }
        }
        sources.push(src);
    }
    // NumPy writes block position by block position (C order), each block's sliced axes in C order.
    let bidx = c_indices(&b);
    let sidx = c_indices(&sub);
    let mut write_order = vec![];
    for bi in &bidx {
        for si in &sidx {
            let r: Vec<usize> = si[..pos].iter().chain(bi).chain(&si[pos..]).copied().collect();
            write_order.push(r.iter().zip(&out_shape).fold(0, |acc, (&i, &n)| acc * n + i));
        }
    }
    Some(ModelOut { shape: out_shape, sources, write_order })
}

fn to_fancy(items: &[Gen]) -> Vec<FancyIndex> {
    items
        .iter()
        .map(|g| match g {
            Gen::Int(i) => IndexItem::Int(*i).into(),
            Gen::Slice(a, b, c) => IndexItem::Slice { start: *a, stop: *b, step: *c }.into(),
            Gen::NewAxis => IndexItem::NewAxis.into(),
            Gen::Ellipsis => IndexItem::Ellipsis.into(),
            Gen::Ints(s, v) => NdArray::from_vec(v.clone(), s, Order::C).unwrap().into(),
            Gen::Mask(m) => NdArray::from_vec(m.clone(), &[m.len()], Order::C).unwrap().into(),
        })
        .collect()
}

fn item(n: usize) -> impl Strategy<Value = Gen> {
    let n = n.max(1) as isize;
    let int = (-n..n).prop_map(Gen::Int);
    let sl = (
        proptest::option::of(-n - 1..n + 2),
        proptest::option::of(-n - 1..n + 2),
        proptest::option::of(prop_oneof![Just(-2isize), Just(-1), Just(1), Just(2)]),
    )
        .prop_map(|(a, b, c)| Gen::Slice(a, b, c));
    let shapes = prop_oneof![Just(vec![2usize]), Just(vec![3]), Just(vec![1]), Just(vec![2, 1]), Just(vec![1, 2])];
    let ints = shapes.prop_flat_map(move |s| {
        let k: usize = s.iter().product();
        (Just(s), proptest::collection::vec(-(n as i64)..n as i64, k)).prop_map(|(s, v)| Gen::Ints(s, v))
    });
    let mask = proptest::collection::vec(any::<bool>(), n as usize).prop_map(Gen::Mask);
    prop_oneof![3 => int, 3 => sl, 1 => Just(Gen::NewAxis), 1 => Just(Gen::Ellipsis), 4 => ints, 2 => mask]
}

fn case() -> impl Strategy<Value = (Vec<usize>, u8, Vec<Gen>)> {
    proptest::collection::vec(1usize..4, 1..5).prop_flat_map(|shape| {
        // One more entry than axes, so newaxis and ellipsis fit beside full indices.
        let mut items: Vec<_> = shape.iter().map(|&n| item(n)).collect();
        items.push(item(shape[0]));
        (Just(shape), 0u8..4, items, 0usize..6).prop_map(|(s, layout, mut it, cut)| {
            it.truncate(cut.max(1));
            // At most one ellipsis.
            let mut seen = false;
            it.retain(|g| !matches!(g, Gen::Ellipsis) || !std::mem::replace(&mut seen, true));
            (s, layout, it)
        })
    })
}

/// The array to index, laid out as `layout` says (C, F, reversed memory, strided).
fn array(shape: &[usize], layout: u8) -> NdArray {
    let n: usize = shape.iter().product();
    let a = NdArray::arange(0.0, n as f64, 1.0, DType::INT64)
        .unwrap()
        .reshape(&shape.iter().map(|&x| x as isize).collect::<Vec<_>>())
        .unwrap();
    match layout {
        0 => a,
        1 => a.copy(Order::F).unwrap(),
        2 => {
            // Same values, reversed memory: a flipped copy flipped back.
            a.flip(None).unwrap().copy(Order::C).unwrap().flip(None).unwrap()
        }
        _ => {
            // Every second element of a bigger buffer.
            let mut big: Vec<isize> = shape.iter().map(|&x| x as isize).collect();
            *big.last_mut().unwrap() *= 2;
            let b = NdArray::arange(0.0, 2.0 * n as f64, 1.0, DType::INT64).unwrap().reshape(&big).unwrap();
            let mut idx = vec![IndexItem::Ellipsis];
            idx.push(IndexItem::Slice { start: None, stop: None, step: Some(2) });
            b.slice(&idx).unwrap()
        }
    }
}

fn values(a: &NdArray) -> Vec<i64> {
    a.to_vec::<i64>().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn get_matches_model((shape, layout, items) in case()) {
        let a = array(&shape, layout);
        let got = a.get_index(&to_fancy(&items));
        match model(&shape, &items) {
            None => prop_assert!(got.is_err(), "model raises, strider gave {:?}", got.map(|g| g.shape().to_vec())),
            Some(m) => {
                let g = got.map_err(|e| TestCaseError::fail(format!("{e}")))?;
                prop_assert_eq!(g.shape(), m.shape.as_slice());
                let flat = values(&a);
                let want: Vec<i64> = m.sources.iter().map(|src| {
                    flat[src.iter().zip(&shape).fold(0, |acc, (&i, &n)| acc * n + i)]
                }).collect();
                prop_assert_eq!(values(&g), want);
                // Advanced results never share memory with the array; basic ones are views.
                let advanced = items.iter().any(|g| matches!(g, Gen::Ints(..) | Gen::Mask(_)));
                prop_assert_eq!(g.shares_memory(&a, None).unwrap(), !advanced && g.size() > 0);
            }
        }
    }

    #[test]
    fn set_matches_model((shape, layout, items) in case()) {
        let a = array(&shape, layout);
        let Some(m) = model(&shape, &items) else { return Ok(()) };
        let size: usize = m.shape.iter().product();
        let v = NdArray::arange(100.0, 100.0 + size as f64, 1.0, DType::INT64).unwrap()
            .reshape(&m.shape.iter().map(|&x| x as isize).collect::<Vec<_>>()).unwrap();
        let mut want = values(&a);
        let r = a.set_index(&to_fancy(&items), &v);
        prop_assert!(r.is_ok(), "{:?}", r);
        let vals = values(&v);
        for &k in &m.write_order {
            let src = &m.sources[k];
            want[src.iter().zip(&shape).fold(0, |acc, (&i, &n)| acc * n + i)] = vals[k];
        }
        prop_assert_eq!(values(&a), want);
    }
}

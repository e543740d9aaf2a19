//! The reduction engine: walks an input in NumPy's reduction order and folds it into an
//! accumulator vector, handing the kernels the same runs NumPy's reduction iterator hands its
//! inner loops, so that order-sensitive float sums agree bit for bit.
//!
//! NumPy's reduction iterator orders axes by the input's |strides| (zero strides keep C order,
//! [`crate::layout::iter_order_k`]), never reverses negative strides, and coalesces. When the
//! innermost axes are all reduced (the "core"), each output gets one pairwise sum per run of the
//! core; a core that is not one uniform run, or an input that needs a cast, goes through NumPy's
//! 8192-element buffers, which we reproduce as chunks. Outer axes are walked by [`Plan`].
//!
//! Large reductions split over a non-reduced axis across threads (every output is computed exactly
//! as on one thread) or, for one contiguous sum, split the pairwise tree at NumPy's own split
//! points, so results never depend on the number of threads.

use super::arith::Arith;
use crate::iter::Plan;
use rayon::prelude::*;

/// NumPy's default ufunc buffer size, in elements.
pub(crate) const BUFSIZE: usize = 8192;
/// Below this many input elements a reduction stays on the calling thread.
const PAR_MIN: usize = 1 << 18;

/// The fold a reduction applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// `add` (pairwise for inexact types; logical or for bool).
    Sum,
    /// `multiply` (left to right; logical and for bool).
    Prod,
    /// `maximum`
    Max,
    /// `minimum`
    Min,
    /// `fmax`
    FMax,
    /// `fmin`
    FMin,
}

impl Fold {
    /// Whether the fold starts from the first element of each slice (no identity).
    pub(crate) fn starts_from_first(self) -> bool {
        !matches!(self, Fold::Sum | Fold::Prod)
    }

    #[inline]
    fn step<S: Arith>(self, acc: S, x: S) -> S {
        match self {
            Fold::Sum => acc.add(x),
            Fold::Prod => acc.mul(x),
            Fold::Max => acc.maximum(x),
            Fold::Min => acc.minimum(x),
            Fold::FMax => acc.fmax(x),
            Fold::FMin => acc.fmin(x),
        }
    }

    #[inline]
    fn run<S: Arith>(self, acc: S, n: usize, get: &(impl Fn(usize) -> S + Sync)) -> S {
        match self {
            Fold::Sum => S::add_run(acc, n, get),
            Fold::Prod => S::mul_run(acc, n, get),
            _ => {
                let mut a = acc;
                for i in 0..n {
                    a = self.step(a, get(i));
                }
                a
            }
        }
    }
}

/// An input layout in bytes: shape, strides, offset of element 0.
#[derive(Clone, Debug)]
pub(crate) struct Src {
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub offset: usize,
}

/// One axis of the iteration after ordering and coalescing: length, input byte stride and
/// accumulator element stride (0 on reduced axes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dim {
    pub len: usize,
    pub s_in: isize,
    pub s_acc: isize,
}

/// NumPy's reduction order: axes by the input's strides (outermost first), length-1 axes dropped,
/// neighbours merged where both operands step evenly.
pub(crate) fn ordered_dims(shape: &[usize], s_in: &[isize], s_acc: &[isize]) -> Vec<Dim> {
    let perm = crate::layout::iter_order_k(shape, s_in);
    let mut dims: Vec<Dim> = Vec::new();
    for &ax in &perm {
        if shape[ax] == 1 {
            continue;
        }
        let d = Dim { len: shape[ax], s_in: s_in[ax], s_acc: s_acc[ax] };
        dims.push(d);
    }
    let mut k = 0;
    while k + 1 < dims.len() {
        let (o, i) = (dims[k], dims[k + 1]);
        let n = i.len as isize;
        if o.s_in == i.s_in * n && o.s_acc == i.s_acc * n {
            dims[k + 1].len *= o.len;
            dims.remove(k);
        } else {
            k += 1;
        }
    }
    dims
}

/// How many elements NumPy's buffered reduction hands its loop per call for a core (the
/// innermost all-reduced axes) of this layout: the whole run for one uniform unbuffered run,
/// else a buffer's worth (a multiple of the innermost run when that fits in a buffer).
pub(crate) fn core_chunk(shape: &[usize], s_in: &[isize], reduced: &[bool], cast: bool) -> usize {
    if shape.contains(&0) {
        return usize::MAX;
    }
    let s_acc: Vec<isize> = reduced.iter().map(|&r| if r { 0 } else { 1 }).collect();
    // Any positive accumulator strides do: only the zero pattern matters for the core.
    let dims = ordered_dims(shape, s_in, &s_acc);
    let core: Vec<&Dim> = dims.iter().rev().take_while(|d| d.s_acc == 0).collect();
    match core.len() {
        0 => usize::MAX,
        1 if !cast => usize::MAX,
        1 => BUFSIZE,
        _ => {
            let m = core[0].len;
            if m <= BUFSIZE {
                BUFSIZE / m * m
            } else {
                BUFSIZE
            }
        }
    }
}

#[inline]
fn load<S: Arith>(b: &[u8], at: isize) -> S {
    let at = at as usize;
    S::from_ne_slice(&b[at..at + std::mem::size_of::<S>()])
}

/// Folds the run of `n` elements starting at byte `at` with byte stride `s` into `acc`.
#[inline]
fn fold_run<S: Arith>(f: Fold, b: &[u8], at: isize, n: usize, s: isize, acc: S) -> S {
    let size = std::mem::size_of::<S>();
    if s == size as isize && n > 0 {
        let start = at as usize;
        if let Some(t) = S::typed(&b[start..start + n * size]) {
            return match f {
                Fold::Sum => S::add_slice(acc, t),
                _ => f.run(acc, n, &|i| t[i]),
            };
        }
    }
    f.run(acc, n, &|i| load::<S>(b, at + i as isize * s))
}

/// Folds one core (outermost first, each `(len, byte stride)`) starting at byte `at`.
fn fold_core<S: Arith>(f: Fold, b: &[u8], at: isize, core: &[Dim], chunk: usize, buf: &mut Vec<S>, acc: S) -> S {
    let mut acc = acc;
    if core.len() == 1 {
        let d = core[0];
        let mut start = 0;
        while start < d.len {
            let n = chunk.min(d.len - start);
            acc = fold_run(f, b, at + start as isize * d.s_in, n, d.s_in, acc);
            start += n;
        }
        return acc;
    }
    // A non-uniform core: gathered in order into buffers, as NumPy's buffered iterator does.
    buf.clear();
    let inner = core[core.len() - 1];
    let mut idx = vec![0usize; core.len() - 1];
    let mut pos = at;
    loop {
        for i in 0..inner.len {
            buf.push(load::<S>(b, pos + i as isize * inner.s_in));
            if buf.len() == chunk {
                acc = f.run(acc, buf.len(), &|k| buf[k]);
                buf.clear();
            }
        }
        let mut k = idx.len();
        loop {
            if k == 0 {
                if !buf.is_empty() {
                    acc = f.run(acc, buf.len(), &|k| buf[k]);
                    buf.clear();
                }
                return acc;
            }
            k -= 1;
            idx[k] += 1;
            pos += core[k].s_in;
            if idx[k] < core[k].len {
                break;
            }
            pos -= core[k].s_in * core[k].len as isize;
            idx[k] = 0;
        }
    }
}

/// Strides of a dense array walked in the order of `dims` (outermost first): the first operand
/// of a [`Plan`] that must keep that order and never flip an axis.
fn order_strides(dims: &[Dim]) -> Vec<isize> {
    let mut s = vec![0isize; dims.len()];
    let mut acc = 1isize;
    for k in (0..dims.len()).rev() {
        s[k] = acc;
        acc = acc.saturating_mul(dims[k].len as isize);
    }
    s
}

/// Reduces `src` (native, aligned elements of `S` in `b`) into `acc`, whose element strides per
/// axis are `s_acc` (0 on reduced axes). `acc` must already hold the fold's identity, or (for
/// folds without one) is initialised here from each slice's first element.
pub(crate) fn reduce_block<S: Arith>(f: Fold, b: &[u8], src: &Src, s_acc: &[isize], chunk: usize, acc: &mut [S]) {
    if src.shape.contains(&0) {
        return;
    }
    if f.starts_from_first() {
        let first: Vec<usize> = src.shape.iter().zip(s_acc).map(|(&n, &s)| if s == 0 { 1 } else { n }).collect();
        if let Ok(plan) = Plan::new(&first, &[(src.offset, &src.strides), (0, s_acc)]) {
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    acc[(offs[1] as isize + i * st[1]) as usize] = load::<S>(b, offs[0] as isize + i * st[0]);
                }
            });
        }
    }
    let dims = ordered_dims(&src.shape, &src.strides, s_acc);
    let ncore = dims.iter().rev().take_while(|d| d.s_acc == 0).count();
    let (outer, core) = dims.split_at(dims.len() - ncore);
    let lens: Vec<usize> = outer.iter().map(|d| d.len).collect();
    let syn = order_strides(outer);
    let sin: Vec<isize> = outer.iter().map(|d| d.s_in).collect();
    let sac: Vec<isize> = outer.iter().map(|d| d.s_acc).collect();
    let Ok(plan) = Plan::new(&lens, &[(0, &syn), (src.offset, &sin), (0, &sac)]) else { return };
    if core.is_empty() {
        let size = std::mem::size_of::<S>();
        plan.for_each_run(|len, offs, st| {
            if st[1] == size as isize && st[2] == 1 {
                let (i0, a0) = (offs[1], offs[2]);
                if let Some(t) = S::typed(&b[i0..i0 + len * size]) {
                    step_slice(f, &mut acc[a0..a0 + len], t);
                    return;
                }
            }
            let (mut pi, mut pa) = (offs[1] as isize, offs[2] as isize);
            for _ in 0..len {
                let a = &mut acc[pa as usize];
                let x = load::<S>(b, pi);
                // Element-wise steps are NumPy's vectorised loops (fused complex products).
                *a = if f == Fold::Prod { a.mul_vec(x) } else { f.step(*a, x) };
                pi += st[1];
                pa += st[2];
            }
        });
    } else {
        let mut buf = Vec::new();
        plan.for_each_run(|len, offs, st| {
            let (mut pi, mut pa) = (offs[1] as isize, offs[2] as isize);
            for _ in 0..len {
                let a = &mut acc[pa as usize];
                *a = fold_core(f, b, pi, core, chunk, &mut buf, *a);
                pi += st[1];
                pa += st[2];
            }
        });
    }
}

/// `acc[k] = f(acc[k], x[k])` with the fold chosen outside the loop, so it vectorises.
fn step_slice<S: Arith>(f: Fold, acc: &mut [S], x: &[S]) {
    macro_rules! each {
        ($m:ident) => {
            for (a, &v) in acc.iter_mut().zip(x) {
                *a = a.$m(v);
            }
        };
    }
    match f {
        Fold::Sum => each!(add),
        Fold::Prod => each!(mul_vec),
        Fold::Max => each!(maximum),
        Fold::Min => each!(minimum),
        Fold::FMax => each!(fmax),
        Fold::FMin => each!(fmin),
    }
}

/// [`reduce_block`] over the whole input, split across threads over a non-reduced axis when the
/// input is large. `acc` is dense in the order given by `s_acc`.
pub(crate) fn reduce<S: Arith>(f: Fold, b: &[u8], src: &Src, s_acc: &[isize], chunk: usize, acc: &mut [S]) {
    let total: usize = src.shape.iter().product();
    let split = (0..src.shape.len()).filter(|&k| s_acc[k] != 0 && src.shape[k] >= 4).max_by_key(|&k| src.shape[k]);
    let Some(ax) = split.filter(|_| total >= PAR_MIN) else {
        reduce_block(f, b, src, s_acc, chunk, acc);
        return;
    };
    let len = src.shape[ax];
    // One long stream per thread reads memory best; any split gives the same bits. Chunks hold at
    // least two (a length-1 axis would change the iteration order).
    let nchunks = (2 * rayon::current_num_threads()).clamp(2, 64).min(len / 2);
    let bounds: Vec<(usize, usize)> = (0..nchunks).map(|c| (len * c / nchunks, len * (c + 1) / nchunks)).collect();
    let results: Vec<(Vec<S>, Vec<usize>, Vec<isize>)> = bounds
        .par_iter()
        .map(|&(lo, hi)| {
            let mut shape = src.shape.clone();
            shape[ax] = hi - lo;
            let offset = (src.offset as isize + lo as isize * src.strides[ax]) as usize;
            let sub = Src { shape: shape.clone(), strides: src.strides.clone(), offset };
            // A local accumulator in C order over the chunk's outputs.
            let oshape: Vec<usize> = shape.iter().zip(s_acc).map(|(&n, &s)| if s == 0 { 1 } else { n }).collect();
            let mut ls = vec![0isize; shape.len()];
            let mut st = 1isize;
            for k in (0..shape.len()).rev() {
                if s_acc[k] != 0 {
                    ls[k] = st;
                    st *= oshape[k] as isize;
                }
            }
            let n: usize = oshape.iter().product();
            let mut local = vec![init::<S>(f); n];
            reduce_block(f, b, &sub, &ls, chunk, &mut local);
            (local, oshape, ls)
        })
        .collect();
    // Scatter each chunk's outputs into place.
    for ((lo, _), (local, oshape, ls)) in bounds.iter().zip(results) {
        let base = *lo as isize * s_acc[ax];
        if let Ok(plan) = Plan::new(&oshape, &[(0, &ls), (base as usize, s_acc)]) {
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    acc[(offs[1] as isize + i * st[1]) as usize] = local[(offs[0] as isize + i * st[0]) as usize];
                }
            });
        }
    }
}

/// The starting accumulator value of a fold (folds without identity overwrite it).
pub(crate) fn init<S: Arith>(f: Fold) -> S {
    match f {
        Fold::Prod => S::one(),
        _ => S::zero(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_follows_strides_without_flipping() {
        // A reversed C array: walked in index order, rows outer.
        let d = ordered_dims(&[3, 4], &[-32, -8], &[0, 0]);
        assert_eq!(d, vec![Dim { len: 12, s_in: -8, s_acc: 0 }]);
        // F order reduced over axis 0: the reduced axis is inner.
        let d = ordered_dims(&[3, 4], &[8, 24], &[0, 1]);
        assert_eq!(d, vec![Dim { len: 4, s_in: 24, s_acc: 1 }, Dim { len: 3, s_in: 8, s_acc: 0 }]);
    }

    #[test]
    fn chunks_follow_numpys_buffers() {
        // One uniform run: whole; cast: buffers; sliced rows: whole rows per buffer.
        assert_eq!(core_chunk(&[20, 50], &[400, 8], &[true, true], false), usize::MAX);
        assert_eq!(core_chunk(&[100_000], &[8], &[true], true), BUFSIZE);
        assert_eq!(core_chunk(&[30, 40, 45], &[16000, 400, 8], &[true, true, true], false), 8190);
        assert_eq!(core_chunk(&[20, 50], &[400, 8], &[true, false], false), usize::MAX);
    }

    #[test]
    fn parallel_split_equals_one_block() {
        let n = 700usize;
        let m = 800usize;
        let v: Vec<f64> = (0..n * m).map(|i| ((i * 2654435761) % 1000003) as f64 * 1.37e-3 - 300.0).collect();
        let b: &[u8] = bytemuck::cast_slice(&v);
        for (red, s_acc) in [([true, false], [0isize, 1]), ([false, true], [1, 0])] {
            let src = Src { shape: vec![n, m], strides: vec![(m * 8) as isize, 8], offset: 0 };
            let outs = if red[0] { m } else { n };
            let (mut a1, mut a2) = (vec![0.0f64; outs], vec![0.0f64; outs]);
            reduce(Fold::Sum, b, &src, &s_acc, usize::MAX, &mut a1);
            reduce_block(Fold::Sum, b, &src, &s_acc, usize::MAX, &mut a2);
            assert!(a1.iter().zip(&a2).all(|(x, y)| x.to_bits() == y.to_bits()));
        }
    }
}

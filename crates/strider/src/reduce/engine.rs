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
    pub(crate) fn step<S: Arith>(self, acc: S, x: S) -> S {
        match self {
            Fold::Sum => acc.add(x),
            Fold::Prod => acc.mul(x),
            Fold::Max => acc.maximum(x),
            Fold::Min => acc.minimum(x),
            Fold::FMax => acc.fmax(x),
            Fold::FMin => acc.fmin(x),
        }
    }

    /// One inner-loop call over a run of `n` elements (`contiguous`: unit stride or a buffer).
    #[inline]
    fn run<S: Arith>(self, acc: S, n: usize, contiguous: bool, get: &(impl Fn(usize) -> S + Sync)) -> S {
        match self {
            Fold::Sum => S::add_run(acc, n, get),
            Fold::Prod => S::mul_run(acc, n, get),
            _ => S::minmax_run(self, acc, n, contiguous, get),
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

/// One axis of the iteration after ordering and coalescing: length, input byte stride,
/// accumulator element stride (0 on reduced axes) and `where` mask byte stride (0 without one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dim {
    pub len: usize,
    pub s_in: isize,
    pub s_acc: isize,
    pub s_m: isize,
}

/// A `where` mask broadcast to the input's shape: its bytes (nonzero is true), the byte offset
/// of element 0 and a byte stride per input axis.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MaskRef<'m> {
    pub bytes: &'m [u8],
    pub offset: usize,
    pub strides: &'m [isize],
}

/// NumPy's reduction order: axes by the input's (and a `where` mask's) strides, outermost first,
/// length-1 axes dropped, neighbours merged where every operand steps evenly.
pub(crate) fn ordered_dims(shape: &[usize], s_in: &[isize], s_acc: &[isize], s_m: Option<&[isize]>) -> Vec<Dim> {
    let perm = match s_m {
        Some(m) => crate::layout::iter_order_multi(shape, &[s_in, m]),
        None => crate::layout::iter_order_k(shape, s_in),
    };
    let mut dims: Vec<Dim> = Vec::new();
    for &ax in &perm {
        if shape[ax] == 1 {
            continue;
        }
        let d = Dim { len: shape[ax], s_in: s_in[ax], s_acc: s_acc[ax], s_m: s_m.map_or(0, |m| m[ax]) };
        dims.push(d);
    }
    let mut k = 0;
    while k + 1 < dims.len() {
        let (o, i) = (dims[k], dims[k + 1]);
        let n = i.len as isize;
        if o.s_in == i.s_in * n && o.s_acc == i.s_acc * n && o.s_m == i.s_m * n {
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
pub(crate) fn core_chunk(
    shape: &[usize],
    s_in: &[isize],
    reduced: &[bool],
    cast: bool,
    s_m: Option<&[isize]>,
) -> usize {
    if shape.contains(&0) {
        return usize::MAX;
    }
    let s_acc: Vec<isize> = reduced.iter().map(|&r| if r { 0 } else { 1 }).collect();
    // Any positive accumulator strides do: only the zero pattern matters for the core.
    let dims = ordered_dims(shape, s_in, &s_acc, s_m);
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
                _ => f.run(acc, n, true, &|i| t[i]),
            };
        }
    }
    f.run(acc, n, s == size as isize, &|i| load::<S>(b, at + i as isize * s))
}

/// Folds the selected elements of `get(0..n)`: NumPy's masked loop calls the plain loop once per
/// stretch of consecutive selected elements (so each stretch is its own pairwise sum).
#[inline]
fn fold_selected<S: Arith>(
    f: Fold,
    acc: S,
    n: usize,
    get: &(impl Fn(usize) -> S + Sync),
    on: impl Fn(usize) -> bool,
) -> S {
    let mut acc = acc;
    let mut i = 0;
    while i < n {
        while i < n && !on(i) {
            i += 1;
        }
        let s = i;
        while i < n && on(i) {
            i += 1;
        }
        if i > s {
            acc = f.run(acc, i - s, true, &|k| get(s + k));
        }
    }
    acc
}

/// [`fold_run`] of the elements whose mask byte (from `mat`, stride `ms`) is nonzero.
#[inline]
#[allow(clippy::too_many_arguments)]
fn fold_run_masked<S: Arith>(
    f: Fold,
    b: &[u8],
    at: isize,
    n: usize,
    s: isize,
    m: &[u8],
    mat: isize,
    ms: isize,
    acc: S,
) -> S {
    fold_selected(f, acc, n, &|i| load::<S>(b, at + i as isize * s), |i| m[(mat + i as isize * ms) as usize] != 0)
}

/// Folds one core (outermost first, each `(len, byte stride)`) starting at byte `at` (and at
/// mask byte `mat` when there is a mask).
#[allow(clippy::too_many_arguments)]
fn fold_core<S: Arith>(
    f: Fold,
    b: &[u8],
    at: isize,
    core: &[Dim],
    chunk: usize,
    buf: &mut Vec<S>,
    acc: S,
    mask: Option<(&[u8], isize)>,
    skip_first: bool,
) -> S {
    let mut acc = acc;
    if core.len() == 1 {
        let d = core[0];
        // Without an identity NumPy copies the first element into the result and reduces a view
        // of the rest (so lanes and buffers start at element 1).
        let mut start = usize::from(skip_first);
        while start < d.len {
            let n = chunk.min(d.len - start);
            let p = at + start as isize * d.s_in;
            acc = match mask {
                None => fold_run(f, b, p, n, d.s_in, acc),
                Some((m, mat)) => fold_run_masked(f, b, p, n, d.s_in, m, mat + start as isize * d.s_m, d.s_m, acc),
            };
            start += n;
        }
        return acc;
    }
    if let Some((m, mat)) = mask {
        return fold_core_masked(f, b, at, core, chunk, buf, acc, m, mat);
    }
    // A non-uniform core: gathered in order into buffers, as NumPy's buffered iterator does.
    buf.clear();
    let inner = core[core.len() - 1];
    let mut idx = vec![0usize; core.len() - 1];
    let mut pos = at;
    let mut skip = skip_first;
    loop {
        for i in 0..inner.len {
            if std::mem::take(&mut skip) {
                continue;
            }
            buf.push(load::<S>(b, pos + i as isize * inner.s_in));
            if buf.len() == chunk {
                acc = f.run(acc, buf.len(), true, &|k| buf[k]);
                buf.clear();
            }
        }
        let mut k = idx.len();
        loop {
            if k == 0 {
                if !buf.is_empty() {
                    acc = f.run(acc, buf.len(), true, &|k| buf[k]);
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

/// The buffered core of [`fold_core`] with a mask: values and mask bits gathered in order into
/// buffers of `chunk` elements, each buffer folded as NumPy's masked loop folds it.
#[allow(clippy::too_many_arguments)]
fn fold_core_masked<S: Arith>(
    f: Fold,
    b: &[u8],
    at: isize,
    core: &[Dim],
    chunk: usize,
    buf: &mut Vec<S>,
    acc: S,
    m: &[u8],
    mat: isize,
) -> S {
    let mut acc = acc;
    let mut bits: Vec<bool> = Vec::new();
    buf.clear();
    let total: usize = core.iter().map(|d| d.len).product();
    let mut idx = vec![0usize; core.len()];
    let (mut pos, mut mpos) = (at, mat);
    for _ in 0..total {
        buf.push(load::<S>(b, pos));
        bits.push(m[mpos as usize] != 0);
        if buf.len() == chunk {
            acc = fold_selected(f, acc, buf.len(), &|k| buf[k], |k| bits[k]);
            buf.clear();
            bits.clear();
        }
        let mut k = core.len();
        while k > 0 {
            k -= 1;
            idx[k] += 1;
            pos += core[k].s_in;
            mpos += core[k].s_m;
            if idx[k] < core[k].len {
                break;
            }
            pos -= core[k].s_in * core[k].len as isize;
            mpos -= core[k].s_m * core[k].len as isize;
            idx[k] = 0;
        }
    }
    if !buf.is_empty() {
        acc = fold_selected(f, acc, buf.len(), &|k| buf[k], |k| bits[k]);
        buf.clear();
    }
    acc
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
/// axis are `s_acc` (0 on reduced axes). `acc` must already hold the fold's identity or the
/// `initial` value (`seeded`); otherwise folds without identity start from each slice's first
/// element. With a mask only the selected elements are folded (the caller seeds `acc`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn reduce_block<S: Arith>(
    f: Fold,
    b: &[u8],
    src: &Src,
    s_acc: &[isize],
    chunk: usize,
    acc: &mut [S],
    seeded: bool,
    mask: Option<MaskRef>,
) {
    if src.shape.contains(&0) {
        return;
    }
    let skip_first = f.starts_from_first() && !seeded && mask.is_none();
    if skip_first {
        let first: Vec<usize> = src.shape.iter().zip(s_acc).map(|(&n, &s)| if s == 0 { 1 } else { n }).collect();
        if let Ok(plan) = Plan::new(&first, &[(src.offset, &src.strides), (0, s_acc)]) {
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    acc[(offs[1] as isize + i * st[1]) as usize] = load::<S>(b, offs[0] as isize + i * st[0]);
                }
            });
        }
    }
    let dims = ordered_dims(&src.shape, &src.strides, s_acc, mask.map(|m| m.strides));
    let ncore = dims.iter().rev().take_while(|d| d.s_acc == 0).count();
    let (outer, core) = dims.split_at(dims.len() - ncore);
    let lens: Vec<usize> = outer.iter().map(|d| d.len).collect();
    let syn = order_strides(outer);
    let sin: Vec<isize> = outer.iter().map(|d| d.s_in).collect();
    let sac: Vec<isize> = outer.iter().map(|d| d.s_acc).collect();
    if let Some(m) = mask {
        let smk: Vec<isize> = outer.iter().map(|d| d.s_m).collect();
        let ops = [(0, &syn[..]), (src.offset, &sin[..]), (0, &sac[..]), (m.offset, &smk[..])];
        let Ok(plan) = Plan::new(&lens, &ops) else { return };
        let mut buf = Vec::new();
        plan.for_each_run(|len, offs, st| {
            let (mut pi, mut pa, mut pm) = (offs[1] as isize, offs[2] as isize, offs[3] as isize);
            for _ in 0..len {
                let a = &mut acc[pa as usize];
                if core.is_empty() {
                    if m.bytes[pm as usize] != 0 {
                        let x = load::<S>(b, pi);
                        *a = if f == Fold::Prod { a.mul_vec(x) } else { f.step(*a, x) };
                    }
                } else {
                    *a = fold_core(f, b, pi, core, chunk, &mut buf, *a, Some((m.bytes, pm)), false);
                }
                pi += st[1];
                pa += st[2];
                pm += st[3];
            }
        });
        return;
    }
    let Ok(plan) = Plan::new(&lens, &[(0, &syn), (src.offset, &sin), (0, &sac)]) else { return };
    if core.is_empty() {
        let size = std::mem::size_of::<S>();
        let group = buffered_group(outer);
        // Successive runs into the same outputs (the rows of a column sum) are folded up to
        // `ROWS` at a time: each output still takes its inputs in order, so the bits are
        // NumPy's, while the accumulators are loaded and stored once per batch and the rows
        // stream side by side.
        let mut batch: Vec<usize> = Vec::with_capacity(ROWS);
        let mut target = (usize::MAX, 0usize);
        let flush = |batch: &mut Vec<usize>, (a0, len): (usize, usize), acc: &mut [S]| {
            if !batch.is_empty() {
                let rows: Vec<&[S]> = batch.iter().filter_map(|&i0| S::typed(&b[i0..i0 + len * size])).collect();
                step_rows(f, &mut acc[a0..a0 + len], &rows);
                batch.clear();
            }
        };
        plan.for_each_run(|len, offs, st| {
            let contiguous = st[1] == size as isize && st[2] == 1;
            let positional = group.is_some() && !matches!(f, Fold::Sum | Fold::Prod);
            if contiguous && !positional {
                let (i0, a0) = (offs[1], offs[2]);
                if let Some(t) = S::typed(&b[i0..i0 + len * size]) {
                    if matches!(f, Fold::Sum | Fold::Prod) {
                        if target != (a0, len) || batch.len() == ROWS {
                            flush(&mut batch, target, acc);
                            target = (a0, len);
                        }
                        batch.push(i0);
                    } else {
                        step_slice(f, &mut acc[a0..a0 + len], t);
                    }
                    return;
                }
            }
            flush(&mut batch, target, acc);
            let (mut pi, mut pa) = (offs[1] as isize, offs[2] as isize);
            for j in 0..len {
                let a = &mut acc[pa as usize];
                let x = load::<S>(b, pi);
                // Element-wise steps are NumPy's vectorised loops (fused complex products).
                *a = match f {
                    Fold::Prod => a.mul_vec(x),
                    Fold::Sum => a.add(x),
                    _ => match group {
                        // The element's place in the buffer NumPy's loop runs over.
                        Some(m) => {
                            let p = pa as usize % m;
                            let start = p / BUFSIZE * BUFSIZE;
                            S::minmax_elem(f, *a, x, p - start, BUFSIZE.min(m - start), true)
                        }
                        None => S::minmax_elem(f, *a, x, j, len, contiguous),
                    },
                };
                pi += st[1];
                pa += st[2];
            }
        });
        flush(&mut batch, target, acc);
    } else {
        let mut buf = Vec::new();
        // Only each output's first visit starts at its copied first element.
        let mut seen = vec![!skip_first; if skip_first { acc.len() } else { 0 }];
        plan.for_each_run(|len, offs, st| {
            let (mut pi, mut pa) = (offs[1] as isize, offs[2] as isize);
            for _ in 0..len {
                let skip = seen.get_mut(pa as usize).is_some_and(|v| !std::mem::replace(v, true));
                let a = &mut acc[pa as usize];
                *a = fold_core(f, b, pi, core, chunk, &mut buf, *a, None, skip);
                pi += st[1];
                pa += st[2];
            }
        });
    }
}

/// For a reduction over outer axes only: when the innermost non-reduced axes are two or more
/// that the result (dense in iteration order) coalesces but the input does not, NumPy's
/// buffered iterator copies the input into a buffer and runs its element-wise loop over all of
/// them at once. Returns how many elements that is, or `None` when the loop runs axis by axis.
fn buffered_group(outer: &[Dim]) -> Option<usize> {
    let g = outer.iter().rev().take_while(|d| d.s_acc != 0).count();
    if g < 2 {
        return None;
    }
    let mut m = 1usize;
    for d in outer.iter().rev().take(g) {
        if d.s_acc != m as isize {
            return None;
        }
        m = m.checked_mul(d.len)?;
    }
    Some(m)
}

/// Runs folded together by [`step_rows`].
const ROWS: usize = 4;

/// `acc[k] = f(...f(f(acc[k], rows[0][k]), rows[1][k])..., rows[m-1][k])` for a sum or product,
/// with up to [`ROWS`] rows per pass (each row as long as `acc`).
fn step_rows<S: Arith>(f: Fold, acc: &mut [S], rows: &[&[S]]) {
    let n = acc.len();
    let step = |a: S, x: S| if f == Fold::Sum { a.add(x) } else { a.mul_vec(x) };
    match *rows {
        [r0, r1, r2, r3] => {
            let (r0, r1, r2, r3) = (&r0[..n], &r1[..n], &r2[..n], &r3[..n]);
            for k in 0..n {
                acc[k] = step(step(step(step(acc[k], r0[k]), r1[k]), r2[k]), r3[k]);
            }
        }
        [r0, r1, r2] => {
            let (r0, r1, r2) = (&r0[..n], &r1[..n], &r2[..n]);
            for k in 0..n {
                acc[k] = step(step(step(acc[k], r0[k]), r1[k]), r2[k]);
            }
        }
        [r0, r1] => {
            let (r0, r1) = (&r0[..n], &r1[..n]);
            for k in 0..n {
                acc[k] = step(step(acc[k], r0[k]), r1[k]);
            }
        }
        _ => {
            for r in rows {
                step_slice(f, acc, r);
            }
        }
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
        _ => {
            let m = acc.len();
            for (j, (a, &v)) in acc.iter_mut().zip(x).enumerate() {
                *a = S::minmax_elem(f, *a, v, j, m, true);
            }
        }
    }
}

/// [`reduce_block`] over the whole input, split across threads over a non-reduced axis when the
/// input is large. `acc` is dense in the order given by `s_acc` and holds `seed` (the `initial`
/// value) when there is one, else the fold's identity.
#[allow(clippy::too_many_arguments)]
pub(crate) fn reduce<S: Arith>(
    f: Fold,
    b: &[u8],
    src: &Src,
    s_acc: &[isize],
    chunk: usize,
    acc: &mut [S],
    seed: Option<S>,
    mask: Option<MaskRef>,
) {
    let total: usize = src.shape.iter().product();
    let split = (0..src.shape.len()).filter(|&k| s_acc[k] != 0 && src.shape[k] >= 4).max_by_key(|&k| src.shape[k]);
    let Some(ax) = split.filter(|_| total >= PAR_MIN) else {
        reduce_block(f, b, src, s_acc, chunk, acc, seed.is_some(), mask);
        return;
    };
    let len = src.shape[ax];
    // One long stream per thread reads memory best; any split gives the same bits. Chunks hold at
    // least two (a length-1 axis would change the iteration order).
    let nchunks = (2 * rayon::current_num_threads()).clamp(2, 64).min(len / 2);
    let bounds: Vec<(usize, usize)> = (0..nchunks).map(|c| (len * c / nchunks, len * (c + 1) / nchunks)).collect();
    let results: Vec<(Vec<S>, Vec<usize>, Vec<isize>)> = crate::iter::par::pieces(bounds.len(), |c| {
        let (lo, hi) = bounds[c];
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
        let mut local = vec![seed.unwrap_or_else(|| init::<S>(f)); n];
        let moff = mask.map(|m| (m.offset as isize + lo as isize * m.strides[ax]) as usize);
        let sub_mask = mask.zip(moff).map(|(m, offset)| MaskRef { offset, ..m });
        reduce_block(f, b, &sub, &ls, chunk, &mut local, seed.is_some(), sub_mask);
        (local, oshape, ls)
    });
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
        let d = ordered_dims(&[3, 4], &[-32, -8], &[0, 0], None);
        assert_eq!(d, vec![Dim { len: 12, s_in: -8, s_acc: 0, s_m: 0 }]);
        // F order reduced over axis 0: the reduced axis is inner.
        let d = ordered_dims(&[3, 4], &[8, 24], &[0, 1], None);
        assert_eq!(d, vec![Dim { len: 4, s_in: 24, s_acc: 1, s_m: 0 }, Dim { len: 3, s_in: 8, s_acc: 0, s_m: 0 }]);
        // A broadcast mask row keeps the rows from coalescing.
        let d = ordered_dims(&[3, 4], &[32, 8], &[0, 0], Some(&[0, 1]));
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn chunks_follow_numpys_buffers() {
        // One uniform run: whole; cast: buffers; sliced rows: whole rows per buffer.
        assert_eq!(core_chunk(&[20, 50], &[400, 8], &[true, true], false, None), usize::MAX);
        assert_eq!(core_chunk(&[100_000], &[8], &[true], true, None), BUFSIZE);
        assert_eq!(core_chunk(&[30, 40, 45], &[16000, 400, 8], &[true, true, true], false, None), 8190);
        assert_eq!(core_chunk(&[20, 50], &[400, 8], &[true, false], false, None), usize::MAX);
    }

    #[test]
    fn batched_rows_fold_each_column_in_order() {
        // Column folds of 11 rows (batches of 4, 4 and 3) and of a strided-row view, against a
        // plain loop down each column: rounding makes any other order show in the bits.
        let (n, m) = (11usize, 37usize);
        let v: Vec<f32> = (0..n * m).map(|i| ((i * 40503) % 65521) as f32 / 65521.0 + 0.5).collect();
        let b: &[u8] = bytemuck::cast_slice(&v);
        for (f, rows) in [(Fold::Sum, n), (Fold::Prod, n), (Fold::Sum, n / 2)] {
            let step = if rows == n { m } else { 2 * m };
            let src = Src { shape: vec![rows, m], strides: vec![(step * 4) as isize, 4], offset: 0 };
            let mut acc = vec![init::<f32>(f); m];
            reduce_block(f, b, &src, &[0, 1], usize::MAX, &mut acc, false, None);
            for (j, a) in acc.iter().enumerate() {
                let want = (0..rows).fold(init::<f32>(f), |x, i| f.step(x, v[i * step + j]));
                assert_eq!(a.to_bits(), want.to_bits(), "{f:?} column {j} of {rows} rows");
            }
        }
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
            reduce(Fold::Sum, b, &src, &s_acc, usize::MAX, &mut a1, None, None);
            reduce_block(Fold::Sum, b, &src, &s_acc, usize::MAX, &mut a2, false, None);
            assert!(a1.iter().zip(&a2).all(|(x, y)| x.to_bits() == y.to_bits()));
        }
    }
}

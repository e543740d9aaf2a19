//! Byte-level kernels of advanced indexing: offset tables, gather and scatter of blocks, and
//! typed readers of index arrays. Pure functions on byte slices and integers; the callers in
//! `array::fancy` hold the storage locks and do the accounting.

use crate::iter::Plan;
use crate::{Element, Error, NdArray, Result};

/// Inner runs of a strided block visited by two layouts at once: `starts` holds the relative
/// byte offsets `(a, b)` of each run, every run has `len` elements with steps `(step_a, step_b)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Runs {
    pub len: usize,
    pub step_a: isize,
    pub step_b: isize,
    pub starts: Vec<(isize, isize)>,
}

/// The runs of `shape` walked in C order with strides `sa` and `sb` (length-1 axes dropped,
/// neighbours merged when both layouts allow).
pub(crate) fn runs(shape: &[usize], sa: &[isize], sb: &[isize]) -> Runs {
    if shape.contains(&0) {
        return Runs { len: 0, step_a: 0, step_b: 0, starts: vec![] };
    }
    let mut axes: Vec<(usize, isize, isize)> =
        (0..shape.len()).filter(|&k| shape[k] != 1).map(|k| (shape[k], sa[k], sb[k])).collect();
    let mut k = 0;
    while k + 1 < axes.len() {
        let (n_in, a_in, b_in) = axes[k + 1];
        let (n_out, a_out, b_out) = axes[k];
        if a_out == a_in * n_in as isize && b_out == b_in * n_in as isize {
            axes[k + 1] = (n_in * n_out, a_in, b_in);
            axes.remove(k);
        } else {
            k += 1;
        }
    }
    let Some(&(len, step_a, step_b)) = axes.last() else {
        return Runs { len: 1, step_a: 0, step_b: 0, starts: vec![(0, 0)] };
    };
    let outer = &axes[..axes.len() - 1];
    let mut starts = Vec::with_capacity(outer.iter().map(|a| a.0).product());
    let mut idx = vec![0usize; outer.len()];
    let (mut pa, mut pb) = (0isize, 0isize);
    loop {
        starts.push((pa, pb));
        let mut d = outer.len();
        loop {
            if d == 0 {
                return Runs { len, step_a, step_b, starts };
            }
            d -= 1;
            idx[d] += 1;
            pa += outer[d].1;
            pb += outer[d].2;
            if idx[d] < outer[d].0 {
                break;
            }
            pa -= outer[d].1 * outer[d].0 as isize;
            pb -= outer[d].2 * outer[d].0 as isize;
            idx[d] = 0;
        }
    }
}

/// `out[i] += base + Σ_k idx_k(i) * strides[k]` for every position `i` of `shape` in C order
/// (`out.len()` must be the size of `shape`).
pub(crate) fn add_strided(out: &mut [isize], shape: &[usize], strides: &[isize]) {
    if out.is_empty() {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        return;
    }
    let inner = shape[nd - 1];
    let si = strides[nd - 1];
    let mut idx = vec![0usize; nd - 1];
    let mut pos = 0isize;
    for chunk in out.chunks_exact_mut(inner.max(1)) {
        let mut p = pos;
        for o in chunk.iter_mut() {
            *o += p;
            p += si;
        }
        let mut d = nd - 1;
        while d > 0 {
            d -= 1;
            idx[d] += 1;
            pos += strides[d];
            if idx[d] < shape[d] {
                break;
            }
            pos -= strides[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
}

/// C-order element strides (in units of one element) of `src` broadcast to `to` (right-aligned).
pub(crate) fn broadcast_unit_strides(src: &[usize], to: &[usize]) -> Vec<isize> {
    let mut unit = vec![0isize; src.len()];
    let mut s = 1isize;
    for k in (0..src.len()).rev() {
        unit[k] = if src[k] == 1 { 0 } else { s };
        s *= src[k] as isize;
    }
    let pad = to.len() - src.len();
    (0..to.len()).map(|k| if k < pad { 0 } else { unit[k - pad] }).collect()
}

/// `out[i] += table[j(i)]` where `j` maps a position of `to` to the broadcast position of `src`.
pub(crate) fn add_broadcast(out: &mut [isize], to: &[usize], table: &[isize], src: &[usize]) {
    if src == to {
        out.iter_mut().zip(table).for_each(|(o, &t)| *o += t);
        return;
    }
    let unit = broadcast_unit_strides(src, to);
    let mut pos = vec![0isize; out.len()];
    add_strided(&mut pos, to, &unit);
    out.iter_mut().zip(&pos).for_each(|(o, &p)| *o += table[p as usize]);
}

/// Calls `f(a, b)` for every position of `shape` in C order, where `a` and `b` are the byte
/// positions `a0 + Σ idx·sa` and `b0 + Σ idx·sb`.
#[inline]
pub(crate) fn c_walk(
    shape: &[usize],
    a0: isize,
    sa: &[isize],
    b0: isize,
    sb: &[isize],
    mut f: impl FnMut(isize, isize),
) {
    if shape.contains(&0) {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(a0, b0);
        return;
    }
    let (n, ia, ib) = (shape[nd - 1], sa[nd - 1], sb[nd - 1]);
    let mut idx = vec![0usize; nd - 1];
    let (mut pa, mut pb) = (a0, b0);
    loop {
        let (mut x, mut y) = (pa, pb);
        for _ in 0..n {
            f(x, y);
            x += ia;
            y += ib;
        }
        let mut d = nd - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            pa += sa[d];
            pb += sb[d];
            if idx[d] < shape[d] {
                break;
            }
            pa -= sa[d] * shape[d] as isize;
            pb -= sb[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
}

/// For a boolean `mask`, `Σ coord·wstrides` of each `True` position in C order (the offset
/// contributions of its `nonzero()` arrays).
pub(crate) fn mask_table(mask: &NdArray, wstrides: &[isize]) -> Vec<isize> {
    let mut out = Vec::new();
    mask.storage().with_read(|b| {
        if mask.flags().c_contiguous && mask.ndim() == 1 {
            let bytes = &b[mask.offset()..mask.offset() + mask.size()];
            let s = wstrides[0];
            out.extend(bytes.iter().enumerate().filter(|(_, &m)| m != 0).map(|(i, _)| i as isize * s));
            return;
        }
        c_walk(mask.shape(), mask.offset() as isize, mask.strides(), 0, wstrides, |m, w| {
            if b[m as usize] != 0 {
                out.push(w);
            }
        });
    });
    out
}

/// The byte width of one element as the kernels see it: a compile-time constant for the common
/// item sizes (so each copy is a fixed-size move) or a run-time count for any other size.
pub(crate) trait Width: Copy + Send + Sync {
    /// The number of bytes per element.
    fn n(self) -> usize;
}

/// An item size known at compile time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fixed<const N: usize>;

impl<const N: usize> Width for Fixed<N> {
    #[inline(always)]
    fn n(self) -> usize {
        N
    }
}

/// Any other item size (long strings, wide records, odd void sizes, and zero).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bytes(pub usize);

impl Width for Bytes {
    #[inline(always)]
    fn n(self) -> usize {
        self.0
    }
}

/// Copies one element.
#[inline(always)]
fn copy1<W: Width>(w: W, src: &[u8], s: usize, dst: &mut [u8], d: usize) {
    let n = w.n();
    dst[d..d + n].copy_from_slice(&src[s..s + n]);
}

/// Moves blocks: for every `k`, the block at `src_base[k]` (walked with `runs.step_b`) goes to
/// `dst_base[k]` (walked with `runs.step_a`). Elements have `w` bytes. Later blocks overwrite
/// earlier ones, so a repeated destination keeps the last write.
pub(crate) fn move_blocks<W: Width>(
    w: W,
    src: &[u8],
    src_base: &dyn Fn(usize) -> isize,
    dst: &mut [u8],
    dst_base: &dyn Fn(usize) -> isize,
    count: usize,
    runs: &Runs,
) {
    let (len, sa, sb) = (runs.len, runs.step_a, runs.step_b);
    let nb = w.n();
    let n = nb as isize;
    for k in 0..count {
        let (db, sbase) = (dst_base(k), src_base(k));
        for &(ra, rb) in &runs.starts {
            let (mut d, mut s) = (db + ra, sbase + rb);
            if sa == n && sb == n {
                let (d0, s0) = (d as usize, s as usize);
                dst[d0..d0 + len * nb].copy_from_slice(&src[s0..s0 + len * nb]);
                continue;
            }
            for _ in 0..len {
                copy1(w, src, s as usize, dst, d as usize);
                d += sa;
                s += sb;
            }
        }
    }
}

/// The tight gather: element `k` of the contiguous `dst` (from byte `dst0`) is the element at
/// byte `offsets[k]` of `src`.
/// Large gathers run in parts on rayon's threads.
pub(crate) fn gather<W: Width>(w: W, src: &[u8], offsets: &[isize], dst: &mut [u8], dst0: usize) {
    let n = w.n();
    if n == 0 {
        return;
    }
    let out = &mut dst[dst0..dst0 + offsets.len() * n];
    // `w.n()` inside the closures, not the captured `n`: a captured length is a run-time value
    // there, which turns each element's copy into a `memcpy` call.
    let part = |out: &mut [u8], offsets: &[isize]| {
        let n = w.n();
        for (d, &o) in out.chunks_exact_mut(n).zip(offsets) {
            let o = o as usize;
            d.copy_from_slice(&src[o..o + n]);
        }
    };
    if offsets.len() < crate::iter::par::PAR_MIN || rayon::current_num_threads() < 2 {
        return part(out, offsets);
    }
    let parts: Vec<_> = out.chunks_mut(GATHER_PART * n).zip(offsets.chunks(GATHER_PART)).collect();
    crate::iter::par::each(parts, |(d, o)| part(d, o));
}

/// Indices per part of a parallel gather (a part is one task; 64 Ki keeps tasks long enough to
/// hide the hand-off and short enough to balance two busy cores).
const GATHER_PART: usize = 1 << 16;

/// The fused gather of `take`: element `k` of the contiguous `dst` (elements of `w` bytes) is the
/// element of `src` at byte `base + resolve(idx[k]) * stride`, where `idx` are the index values
/// stored as native `T` in `ib`. `resolve` turns an index value into a position (or NumPy's
/// error); the first failing index in order is the one reported, however the work is split.
/// Outputs of at least [`crate::iter::par::PAR_MIN`] elements are gathered in parts on rayon's
/// threads (each part owns its own piece of `dst`; results are identical).
pub(crate) fn take_gather<T: IndexValue, W: Width>(
    wd: W,
    src: &[u8],
    base: isize,
    stride: isize,
    ib: &[u8],
    dst: &mut [u8],
    resolve: &(impl Fn(i64) -> Result<isize> + Sync),
) -> Result<()> {
    let w = std::mem::size_of::<T>();
    let n = wd.n();
    if n == 0 {
        // Nothing to copy, but every index is still checked.
        for ic in ib.chunks_exact(w) {
            resolve(T::from_ne_slice(ic).to_i64())?;
        }
        return Ok(());
    }
    // Two passes per block: resolve the indices (sequential, checked), then a bare gather loop
    // whose independent loads the processor overlaps (the random reads are the whole cost).
    const BLOCK: usize = 512;
    let part = |d: &mut [u8], ix: &[u8]| -> Result<()> {
        let n = wd.n(); // a constant here for a fixed width (see `gather`)
        let mut offs = [0usize; BLOCK];
        for (db, ibk) in d.chunks_mut(BLOCK * n).zip(ix.chunks(BLOCK * w)) {
            for (o, ic) in offs.iter_mut().zip(ibk.chunks_exact(w)) {
                *o = (base + resolve(T::from_ne_slice(ic).to_i64())? * stride) as usize;
            }
            for (dc, &o) in db.chunks_exact_mut(n).zip(&offs) {
                dc.copy_from_slice(&src[o..o + n]);
            }
        }
        Ok(())
    };
    let m = dst.len() / n;
    if m < crate::iter::par::PAR_MIN || rayon::current_num_threads() < 2 {
        return part(dst, ib);
    }
    let parts: Vec<_> = dst.chunks_mut(GATHER_PART * n).zip(ib[..m * w].chunks(GATHER_PART * w)).collect();
    crate::iter::par::each(parts, |(d, ix)| part(d, ix)).into_iter().collect()
}

/// Chooses the kernel for an item size once per operation and binds `$w` to its [`Width`]: a
/// [`Fixed`] width for every size up to 32 bytes and every multiple of 4 up to 128, the
/// run-time [`Bytes`] width for any other size (long strings, wide records, `V13`, zero).
macro_rules! by_itemsize {
    ($n:expr, $w:ident => $body:expr) => {
        $crate::index::kernels::by_itemsize!(@arms $n, $w, $body, [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 36 40 44 48 52 56 60 64 68 72 76 80 84 88 92 96 100 104 108 112 116 120 124 128])
    };
    (@arms $n:expr, $w:ident, $body:expr, [$($k:literal)*]) => {
        match $n {
            $($k => {
                let $w = $crate::index::kernels::Fixed::<$k>;
                $body
            })*
            other => {
                let $w = $crate::index::kernels::Bytes(other);
                $body
            }
        }
    };
}
pub(crate) use by_itemsize;

/// Element types readable as index values or truth values.
pub(crate) trait IndexValue: Element {
    /// The value as an integer index (the caller has rejected non-integer dtypes).
    fn to_i64(self) -> i64;
    /// NumPy's truthiness (`x != 0`; a complex number is true if either part is).
    fn truthy(self) -> bool;
}

macro_rules! int_value {
    ($($t:ty),*) => {$(
        impl IndexValue for $t {
            fn to_i64(self) -> i64 { self as i64 }
            fn truthy(self) -> bool { self != 0 }
        }
    )*};
}
int_value!(i8, i16, i32, i64, u8, u16, u32, u64);

impl IndexValue for bool {
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn truthy(self) -> bool {
        self
    }
}
impl IndexValue for f32 {
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn truthy(self) -> bool {
        self != 0.0
    }
}
impl IndexValue for f64 {
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn truthy(self) -> bool {
        self != 0.0
    }
}
impl IndexValue for half::f16 {
    fn to_i64(self) -> i64 {
        self.to_f32() as i64
    }
    fn truthy(self) -> bool {
        self.to_f32() != 0.0
    }
}
impl IndexValue for num_complex::Complex32 {
    fn to_i64(self) -> i64 {
        self.re as i64
    }
    fn truthy(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}
impl IndexValue for num_complex::Complex64 {
    fn to_i64(self) -> i64 {
        self.re as i64
    }
    fn truthy(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}

/// The elements of a native-byte-order numeric array in C order, mapped through `f`.
fn read_map<T: IndexValue, O: Copy + Default>(a: &NdArray, f: fn(T) -> O) -> Result<Vec<O>> {
    let n = a.size();
    let mut out = vec![O::default(); n];
    if n == 0 {
        return Ok(out);
    }
    let unit = crate::layout::fill_strides(a.shape(), 1, crate::Order::C);
    let plan = Plan::new(a.shape(), &[(0, &unit), (a.offset(), a.strides())])?;
    let sz = std::mem::size_of::<T>();
    a.storage().with_read(|b| {
        plan.for_each_run(|len, offs, st| {
            let (mut o, mut s) = (offs[0] as isize, offs[1] as isize);
            if st[0] == 1 && st[1] == sz as isize {
                let src = &b[offs[1]..offs[1] + len * sz];
                for (dst, c) in out[offs[0]..offs[0] + len].iter_mut().zip(src.chunks_exact(sz)) {
                    *dst = f(T::from_ne_slice(c));
                }
                return;
            }
            for _ in 0..len {
                out[o as usize] = f(T::from_ne_slice(&b[s as usize..s as usize + sz]));
                o += st[0];
                s += st[1];
            }
        })
    });
    Ok(out)
}

fn native(a: &NdArray) -> Result<NdArray> {
    if a.dtype().is_native() {
        Ok(a.clone())
    } else {
        a.astype(&a.dtype().to_native(), crate::Casting::Unsafe)
    }
}

/// The values of an integer (or boolean) array in C order.
pub(crate) fn read_indices(a: &NdArray) -> Result<Vec<i64>> {
    let t = a.dtype().num_type().ok_or_else(|| Error::BadIndex(NON_INT.into()))?;
    let a = native(a)?;
    crate::dispatch_num!(t, T => read_map::<T, i64>(&a, T::to_i64))
}

/// NumPy's truth value of every element in C order.
pub(crate) fn read_truthy(a: &NdArray) -> Result<Vec<bool>> {
    let t = a.dtype().num_type().ok_or_else(|| Error::Type(format!("dtype {} has no truth value", a.dtype())))?;
    let a = native(a)?;
    crate::dispatch_num!(t, T => read_map::<T, bool>(&a, T::truthy))
}

/// NumPy's message for an index array of another dtype.
pub(crate) const NON_INT: &str = "arrays used as indices must be of integer (or boolean) type";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_walk() {
        // A C-contiguous 2x3 block in a and a transposed one in b: no merge.
        let r = runs(&[2, 3], &[24, 8], &[8, 16]);
        assert_eq!((r.len, r.step_a, r.step_b), (3, 8, 16));
        assert_eq!(r.starts, vec![(0, 0), (24, 8)]);
        let r = runs(&[2, 1, 3], &[24, 999, 8], &[48, 5, 16]);
        assert_eq!((r.len, r.starts.len()), (6, 1));
        assert_eq!(runs(&[], &[], &[]).starts, vec![(0, 0)]);
        assert!(runs(&[2, 0], &[8, 8], &[8, 8]).starts.is_empty());
    }

    #[test]
    fn any_width_gathers_like_a_fixed_one() {
        // 13-byte elements (no fixed kernel) and 4-byte ones must move the same bytes.
        let src: Vec<u8> = (0..=255u8).cycle().take(13 * 6).collect();
        let offs: Vec<isize> = [5, 0, 3, 3].iter().map(|&k| k * 13).collect();
        let mut a = vec![0u8; 13 * 4];
        gather(Bytes(13), &src, &offs, &mut a, 0);
        let want: Vec<u8> = offs.iter().flat_map(|&o| src[o as usize..o as usize + 13].to_vec()).collect();
        assert_eq!(a, want);
        let r = runs(&[1], &[13], &[13]);
        let mut b = vec![0u8; 13 * 4];
        move_blocks(Bytes(13), &src, &|k| offs[k], &mut b, &|k| 13 * k as isize, 4, &r);
        assert_eq!(b, want);
        let mut c = vec![0u8; 16];
        gather(Fixed::<4>, &src, &[0, 8, 4, 12], &mut c, 0);
        assert_eq!(c, [&src[0..4], &src[8..12], &src[4..8], &src[12..16]].concat());
        // Zero-sized elements copy nothing and take still checks every index.
        gather(Bytes(0), &src, &offs, &mut [], 0);
        let idx: Vec<u8> = [1i64, 9].iter().flat_map(|v| v.to_ne_bytes()).collect();
        let res = |v: i64| if v < 4 { Ok(v as isize) } else { Err(Error::Value("out".into())) };
        assert!(take_gather::<i64, _>(Bytes(0), &src, 0, 0, &idx, &mut [], &res).is_err());
    }

    #[test]
    fn strided_and_broadcast_offsets() {
        let mut out = vec![0isize; 6];
        add_strided(&mut out, &[2, 3], &[10, 1]);
        assert_eq!(out, vec![0, 1, 2, 10, 11, 12]);
        let mut out = vec![100isize; 6];
        add_broadcast(&mut out, &[2, 3], &[1, 2, 3], &[3]);
        assert_eq!(out, vec![101, 102, 103, 101, 102, 103]);
        let mut out = vec![0isize; 6];
        add_broadcast(&mut out, &[2, 3], &[5, 7], &[2, 1]);
        assert_eq!(out, vec![5, 5, 5, 7, 7, 7]);
    }
}

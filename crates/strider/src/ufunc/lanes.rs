//! Element types as the inner loops see them, and the run executors every ufunc shares.
//!
//! An executor walks a [`Plan`] over the output and its inputs once per operation; each 1-d run
//! takes a typed fast path when every operand is contiguous (or a broadcast scalar), aligned and
//! not aliased by the output, and otherwise goes through small stack buffers (strided, unaligned
//! or aliased data), the way NumPy's buffered iterator does. Element bytes come in as slices the
//! caller locked; nothing here touches storage or dtypes.

use crate::iter::Plan;
use half::f16;
use num_complex::{Complex32, Complex64};

/// Elements per buffered chunk (small enough for the stack and L1).
const CHUNK: usize = 128;

/// A loop element type: how it is read from and written to native-order bytes, and the `Pod`
/// type its contiguous runs can be viewed as.
pub(crate) trait Lane: Copy + Default + Send + Sync + 'static {
    /// The plain-data representation a contiguous aligned run is viewed as.
    type Repr: bytemuck::Pod;
    fn from_repr(r: Self::Repr) -> Self;
    fn to_repr(self) -> Self::Repr;
    #[inline]
    fn read(bytes: &[u8], at: usize) -> Self {
        Self::from_repr(bytemuck::pod_read_unaligned(&bytes[at..at + std::mem::size_of::<Self::Repr>()]))
    }
    #[inline]
    fn write(self, bytes: &mut [u8], at: usize) {
        let n = std::mem::size_of::<Self::Repr>();
        bytes[at..at + n].copy_from_slice(bytemuck::bytes_of(&self.to_repr()));
    }
}

macro_rules! pod_lane {
    ($($t:ty),*) => {$(
        impl Lane for $t {
            type Repr = $t;
            #[inline(always)]
            fn from_repr(r: $t) -> $t { r }
            #[inline(always)]
            fn to_repr(self) -> $t { self }
        }
    )*};
}
pod_lane!(i8, i16, i32, i64, u8, u16, u32, u64, f16, f32, f64, Complex32, Complex64);

impl Lane for bool {
    type Repr = u8;
    /// Any non-zero byte is true, as NumPy reads bool arrays.
    #[inline(always)]
    fn from_repr(r: u8) -> bool {
        r != 0
    }
    #[inline(always)]
    fn to_repr(self) -> u8 {
        self as u8
    }
}

/// A one-input element function.
pub(crate) trait Op1<T: Lane> {
    type Out: Lane;
    fn f(x: T) -> Self::Out;
}

/// A two-input element function.
pub(crate) trait Op2<T: Lane> {
    type Out: Lane;
    fn f(a: T, b: T) -> Self::Out;
}

/// An executor: runs one element function over a whole plan. `srcs[k]` is input `k`'s storage,
/// or `None` when it is the output's own storage (then it is read from `dst`, chunk by chunk
/// before the chunk is written, which is exact because the caller has made sure such an input
/// either occupies exactly the output's elements or none of them).
pub(crate) type Exec = fn(&Plan, &[Option<&[u8]>], &mut [u8]);

#[inline]
fn typed<T: Lane>(bytes: &[u8], off: usize, len: usize) -> Option<&[T::Repr]> {
    let n = std::mem::size_of::<T::Repr>();
    bytemuck::try_cast_slice(bytes.get(off..off + len * n)?).ok()
}

#[inline]
fn typed_mut<T: Lane>(bytes: &mut [u8], off: usize, len: usize) -> Option<&mut [T::Repr]> {
    let n = std::mem::size_of::<T::Repr>();
    bytemuck::try_cast_slice_mut(bytes.get_mut(off..off + len * n)?).ok()
}

/// Reads `n` strided elements into `buf`, from `src` or (when `None`) from `dst`.
#[inline]
fn load<T: Lane>(src: Option<&[u8]>, dst: &[u8], off: usize, stride: isize, buf: &mut [T]) {
    let bytes = src.unwrap_or(dst);
    let mut at = off as isize;
    for v in buf.iter_mut() {
        *v = T::read(bytes, at as usize);
        at += stride;
    }
}

#[inline]
fn store<T: Lane>(dst: &mut [u8], off: usize, stride: isize, vals: &[T]) {
    let mut at = off as isize;
    for v in vals {
        v.write(dst, at as usize);
        at += stride;
    }
}

/// The executor of a one-input function.
pub(crate) fn exec1<T: Lane, O: Op1<T>>(plan: &Plan, srcs: &[Option<&[u8]>], dst: &mut [u8]) {
    let (ts, os) = (std::mem::size_of::<T::Repr>() as isize, std::mem::size_of::<<O::Out as Lane>::Repr>() as isize);
    plan.for_each_run(|len, offs, st| {
        if let (Some(a), true, true) = (srcs[0], st[0] == os, st[1] == ts) {
            if let (Some(x), Some(out)) = (typed::<T>(a, offs[1], len), typed_mut::<O::Out>(dst, offs[0], len)) {
                for (o, &x) in out.iter_mut().zip(x) {
                    *o = O::f(T::from_repr(x)).to_repr();
                }
                return;
            }
        }
        // A strided input into a contiguous output (a tile of a transposing operation).
        if let (Some(a), true) = (srcs[0], st[0] == os) {
            if let Some(out) = typed_mut::<O::Out>(dst, offs[0], len) {
                let mut at = offs[1] as isize;
                for o in out.iter_mut() {
                    *o = O::f(T::read(a, at as usize)).to_repr();
                    at += st[1];
                }
                return;
            }
        }
        let mut xa = [T::default(); CHUNK];
        let mut ro = [O::Out::default(); CHUNK];
        let mut done = 0;
        while done < len {
            let n = CHUNK.min(len - done);
            let at = |k: usize| (offs[k] as isize + done as isize * st[k]) as usize;
            load(srcs[0], dst, at(1), st[1], &mut xa[..n]);
            for (o, &x) in ro[..n].iter_mut().zip(&xa[..n]) {
                *o = O::f(x);
            }
            store(dst, at(0), st[0], &ro[..n]);
            done += n;
        }
    });
}

/// The executor of a two-input function, with fast paths for contiguous operands and for a
/// broadcast scalar on either side.
pub(crate) fn exec2<T: Lane, O: Op2<T>>(plan: &Plan, srcs: &[Option<&[u8]>], dst: &mut [u8]) {
    let (ts, os) = (std::mem::size_of::<T::Repr>() as isize, std::mem::size_of::<<O::Out as Lane>::Repr>() as isize);
    plan.for_each_run(|len, offs, st| {
        if let (Some(a), Some(b), true) = (srcs[0], srcs[1], st[0] == os) {
            let fast = match (st[1] == ts, st[2] == ts, st[1] == 0, st[2] == 0) {
                (true, true, _, _) => typed::<T>(a, offs[1], len).zip(typed::<T>(b, offs[2], len)).map(|(x, y)| {
                    let out = typed_mut::<O::Out>(dst, offs[0], len);
                    out.map(|out| {
                        for ((o, &x), &y) in out.iter_mut().zip(x).zip(y) {
                            *o = O::f(T::from_repr(x), T::from_repr(y)).to_repr();
                        }
                    })
                }),
                (true, _, _, true) => typed::<T>(a, offs[1], len).map(|x| {
                    let y = T::read(b, offs[2]);
                    typed_mut::<O::Out>(dst, offs[0], len).map(|out| {
                        for (o, &x) in out.iter_mut().zip(x) {
                            *o = O::f(T::from_repr(x), y).to_repr();
                        }
                    })
                }),
                (_, true, true, _) => typed::<T>(b, offs[2], len).map(|y| {
                    let x = T::read(a, offs[1]);
                    typed_mut::<O::Out>(dst, offs[0], len).map(|out| {
                        for (o, &y) in out.iter_mut().zip(y) {
                            *o = O::f(x, T::from_repr(y)).to_repr();
                        }
                    })
                }),
                // One contiguous input and one strided (a tile of `c + f`): no buffering.
                (true, false, _, false) => typed::<T>(a, offs[1], len).map(|x| {
                    typed_mut::<O::Out>(dst, offs[0], len).map(|out| {
                        let mut at = offs[2] as isize;
                        for (o, &x) in out.iter_mut().zip(x) {
                            *o = O::f(T::from_repr(x), T::read(b, at as usize)).to_repr();
                            at += st[2];
                        }
                    })
                }),
                (false, true, false, _) => typed::<T>(b, offs[2], len).map(|y| {
                    typed_mut::<O::Out>(dst, offs[0], len).map(|out| {
                        let mut at = offs[1] as isize;
                        for (o, &y) in out.iter_mut().zip(y) {
                            *o = O::f(T::read(a, at as usize), T::from_repr(y)).to_repr();
                            at += st[1];
                        }
                    })
                }),
                _ => None,
            };
            if fast.flatten().is_some() {
                return;
            }
        }
        let mut xa = [T::default(); CHUNK];
        let mut xb = [T::default(); CHUNK];
        let mut ro = [O::Out::default(); CHUNK];
        let mut done = 0;
        while done < len {
            let n = CHUNK.min(len - done);
            let at = |k: usize| (offs[k] as isize + done as isize * st[k]) as usize;
            load(srcs[0], dst, at(1), st[1], &mut xa[..n]);
            load(srcs[1], dst, at(2), st[2], &mut xb[..n]);
            for ((o, &x), &y) in ro[..n].iter_mut().zip(&xa[..n]).zip(&xb[..n]) {
                *o = O::f(x, y);
            }
            store(dst, at(0), st[0], &ro[..n]);
            done += n;
        }
    });
}

/// Copies `itemsize`-byte elements selected by a bool condition: operands are
/// `[out, cond, x, y]`, `out = cond ? x : y` (NumPy's three-argument `where`).
pub(crate) fn exec_select(plan: &Plan, srcs: &[Option<&[u8]>], dst: &mut [u8], itemsize: usize) {
    plan.for_each_run(|len, offs, st| {
        let mut tmp = [0u8; 16];
        for i in 0..len as isize {
            let at = |k: usize| (offs[k] as isize + i * st[k]) as usize;
            let c = srcs[0].unwrap_or(dst)[at(1)] != 0;
            let (k, src) = if c { (2, srcs[1]) } else { (3, srcs[2]) };
            let from = at(k);
            tmp[..itemsize].copy_from_slice(&src.unwrap_or(dst)[from..from + itemsize]);
            let o = at(0);
            dst[o..o + itemsize].copy_from_slice(&tmp[..itemsize]);
        }
    });
}

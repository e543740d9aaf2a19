//! The batched matrix-product kernels: float and complex through faer's gemm, integers and
//! bools through a row-major i-k-j loop with NumPy's wrap-around and logical semantics.
//!
//! Every kernel takes three views of one batch shape: `a` (batch + `[m, k]`), `b` (batch +
//! `[k, n]`) and a writeable `out` (batch + `[m, n]`, positive strides, unit column stride), all
//! in the same native dtype. Batches are walked with [`Plan`]; each matrix is read in place when
//! its layout has a unit stride and is aligned, else gathered into a contiguous buffer.

use crate::array::NdArray;
use crate::dtype::Element;
use crate::iter::Plan;
use crate::sort::{read, write};
use crate::storage::Storage;
use crate::{Error, Result};
use faer::linalg::matmul::matmul;
use faer::{Accum, MatMut, MatRef, Par};
use half::f16;
use num_complex::{Complex32, Complex64};

/// Products at least this big (multiply-adds) use both cores; smaller ones stay on this thread,
/// where starting workers would cost more than they save.
pub(crate) const PARALLEL_MIN_WORK: usize = 1 << 18;

/// Element types faer multiplies.
pub(crate) trait Gemm: Element + bytemuck::Pod + faer::traits::ComplexField {
    fn one() -> Self;
}

impl Gemm for f32 {
    fn one() -> Self {
        1.0
    }
}
impl Gemm for f64 {
    fn one() -> Self {
        1.0
    }
}
impl Gemm for Complex32 {
    fn one() -> Self {
        Complex32::new(1.0, 0.0)
    }
}
impl Gemm for Complex64 {
    fn one() -> Self {
        Complex64::new(1.0, 0.0)
    }
}

/// NumPy's scalar product and multiply-add for one element type: integers wrap, bools are
/// logical (`and`, then `or`), float16 multiplies in float32 and rounds once.
pub(crate) trait Prod: Element {
    const ZERO: Self;
    fn prod(self, other: Self) -> Self;
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        self.add(a.prod(b))
    }
    fn add(self, other: Self) -> Self;
}

macro_rules! int_prod {
    ($($t:ty),*) => {$(
        impl Prod for $t {
            const ZERO: Self = 0;
            #[inline]
            fn prod(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline]
            fn add(self, o: Self) -> Self { self.wrapping_add(o) }
        }
    )*};
}
int_prod!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Prod for bool {
    const ZERO: Self = false;
    #[inline]
    fn prod(self, o: Self) -> Self {
        self & o
    }
    #[inline]
    fn add(self, o: Self) -> Self {
        self | o
    }
}

impl Prod for f16 {
    const ZERO: Self = f16::ZERO;
    #[inline]
    fn prod(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() * o.to_f32())
    }
    #[inline]
    fn add(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() + o.to_f32())
    }
}

macro_rules! float_prod {
    ($($t:ty => $z:expr),*) => {$(
        impl Prod for $t {
            const ZERO: Self = $z;
            #[inline]
            fn prod(self, o: Self) -> Self { self * o }
            #[inline]
            fn add(self, o: Self) -> Self { self + o }
        }
    )*};
}
float_prod!(f32 => 0.0, f64 => 0.0, Complex32 => Complex32::new(0.0, 0.0), Complex64 => Complex64::new(0.0, 0.0));

/// Byte strides of one matrix (rows, columns) and its shape.
#[derive(Clone, Copy)]
struct MatLayout {
    rows: usize,
    cols: usize,
    rs: isize,
    cs: isize,
}

impl MatLayout {
    fn of(x: &NdArray) -> MatLayout {
        let nd = x.ndim();
        MatLayout { rows: x.shape()[nd - 2], cols: x.shape()[nd - 1], rs: x.strides()[nd - 2], cs: x.strides()[nd - 1] }
    }
}

/// Walks the batches: `f(out_offset, a_offset, b_offset)` for each.
fn for_each_batch(a: &NdArray, b: &NdArray, out: &NdArray, mut f: impl FnMut(usize, usize, usize)) -> Result<()> {
    let nb = out.ndim() - 2;
    let plan = Plan::new(
        &out.shape()[..nb],
        &[(out.offset(), &out.strides()[..nb]), (a.offset(), &a.strides()[..nb]), (b.offset(), &b.strides()[..nb])],
    )?;
    plan.for_each_run(|len, offs, st| {
        for r in 0..len as isize {
            let at = |k: usize| (offs[k] as isize + r * st[k]) as usize;
            f(at(0), at(1), at(2));
        }
    });
    Ok(())
}

/// Reads a matrix into `buf` in row-major order.
fn gather_matrix<T: Element>(bytes: &[u8], off: usize, l: MatLayout, buf: &mut Vec<T>) {
    buf.clear();
    for i in 0..l.rows as isize {
        let row = off as isize + i * l.rs;
        for j in 0..l.cols as isize {
            buf.push(read::<T>(bytes, (row + j * l.cs) as usize, false));
        }
    }
}

/// A faer view of a matrix in place, when one of its strides is one element (either sign) and
/// the bytes are aligned for `T`; `None` means: gather it.
fn view_in_place<T: Gemm>(bytes: &[u8], off: usize, l: MatLayout) -> Option<MatRef<'_, T>> {
    let isz = std::mem::size_of::<T>() as isize;
    // Length-1 axes have no meaningful stride.
    let rs = if l.rows <= 1 { 0 } else { l.rs };
    let cs = if l.cols <= 1 { 0 } else { l.cs };
    if rs % isz != 0 || cs % isz != 0 {
        return None;
    }
    let lo = off as isize + (l.rows as isize - 1) * rs.min(0) + (l.cols as isize - 1) * cs.min(0);
    let hi = lo + (l.rows as isize - 1) * rs.abs() + (l.cols as isize - 1) * cs.abs() + isz;
    let slice: &[T] = bytemuck::try_cast_slice(bytes.get(lo as usize..hi as usize)?).ok()?;
    let (ars, acs) = ((rs / isz).unsigned_abs(), (cs / isz).unsigned_abs());
    // faer's slice views take one stride; the other must really be one element (or unused).
    let m = if acs == 1 || l.cols <= 1 {
        MatRef::from_row_major_slice_with_stride(slice, l.rows, l.cols, ars)
    } else if ars == 1 || l.rows <= 1 {
        MatRef::from_column_major_slice_with_stride(slice, l.rows, l.cols, acs)
    } else {
        return None;
    };
    let m = if rs < 0 { m.reverse_rows() } else { m };
    Some(if cs < 0 { m.reverse_cols() } else { m })
}

/// `out = a @ b` for every batch, through faer.
pub(crate) fn gemm_batches<T: Gemm>(a: &NdArray, b: &NdArray, out: &NdArray) -> Result<()> {
    let (la, lb, lo) = (MatLayout::of(a), MatLayout::of(b), MatLayout::of(out));
    let (m, k, n) = (la.rows, la.cols, lb.cols);
    let par = if m.saturating_mul(n).saturating_mul(k) >= PARALLEL_MIN_WORK { Par::rayon(0) } else { Par::Seq };
    let isz = std::mem::size_of::<T>();
    let row_stride = if m <= 1 { n } else { lo.rs as usize / isz };
    let span = if m == 0 { 0 } else { ((m - 1) * row_stride + n) * isz };
    Storage::with_sources_and_dest(&[a.storage(), b.storage()], out.storage(), |srcs, dst| {
        let (sa, sb) = (srcs[0].unwrap_or(&[]), srcs[1].unwrap_or(&[]));
        let (mut ta, mut tb): (Vec<T>, Vec<T>) = (Vec::new(), Vec::new());
        let mut misaligned = false;
        for_each_batch(a, b, out, |oo, oa, ob| {
            let lhs = match view_in_place::<T>(sa, oa, la) {
                Some(v) => v,
                None => {
                    gather_matrix(sa, oa, la, &mut ta);
                    MatRef::from_row_major_slice(&ta, m, k)
                }
            };
            let rhs = match view_in_place::<T>(sb, ob, lb) {
                Some(v) => v,
                None => {
                    gather_matrix(sb, ob, lb, &mut tb);
                    MatRef::from_row_major_slice(&tb, k, n)
                }
            };
            // The destination is a fresh aligned allocation with a unit column stride.
            match bytemuck::try_cast_slice_mut::<u8, T>(&mut dst[oo..oo + span]) {
                Ok(d) => {
                    // Built as the transpose of a column-major view: faer 0.24's
                    // `from_row_major_slice_with_stride_mut` swaps the two strides.
                    let d = MatMut::from_column_major_slice_with_stride_mut(d, n, m, row_stride).transpose_mut();
                    matmul(d, Accum::Replace, lhs, rhs, T::one(), par);
                }
                Err(_) => misaligned = true,
            }
        })?;
        if misaligned {
            return Err(Error::Value("matmul: the result buffer is not aligned for its dtype".into()));
        }
        Ok(())
    })?
}

/// `out = a @ b` for every batch by the i-k-j loop (rows of `b` stream through the cache).
pub(crate) fn loop_batches<T: Prod>(a: &NdArray, b: &NdArray, out: &NdArray) -> Result<()> {
    let (la, lb, lo) = (MatLayout::of(a), MatLayout::of(b), MatLayout::of(out));
    let (m, k, n) = (la.rows, la.cols, lb.cols);
    Storage::with_sources_and_dest(&[a.storage(), b.storage()], out.storage(), |srcs, dst| {
        let (sa, sb) = (srcs[0].unwrap_or(&[]), srcs[1].unwrap_or(&[]));
        let (mut ta, mut tb, mut c): (Vec<T>, Vec<T>, Vec<T>) = (Vec::new(), Vec::new(), vec![T::ZERO; m * n]);
        for_each_batch(a, b, out, |oo, oa, ob| {
            gather_matrix(sa, oa, la, &mut ta);
            gather_matrix(sb, ob, lb, &mut tb);
            c.fill(T::ZERO);
            for i in 0..m {
                let crow = &mut c[i * n..(i + 1) * n];
                for p in 0..k {
                    let aip = ta[i * k + p];
                    for (cj, &bj) in crow.iter_mut().zip(&tb[p * n..(p + 1) * n]) {
                        *cj = cj.mul_add(aip, bj);
                    }
                }
            }
            for i in 0..m {
                for j in 0..n {
                    write(c[i * n + j], dst, (oo as isize + i as isize * lo.rs + j as isize * lo.cs) as usize, false);
                }
            }
        })
    })?
}

//! Element arithmetic of the reduction kernels: NumPy's loop semantics for one element type
//! (wrapping integers, float16 computed in float32 and rounded per step, complex products and
//! comparisons as NumPy's C loops do them) and NumPy's pairwise summation.
//!
//! Owns only per-element math; it knows nothing of layouts or arrays.

use super::engine::Fold;
use crate::dtype::cast::{Conv, FromConv};
use half::f16;
use num_complex::{Complex32, Complex64};

/// Runs shorter than this are summed by a plain loop (NumPy's `pairwise_sum`).
const PW_UNROLL: usize = 8;
/// Largest run summed with eight partial accumulators before halving.
const PW_BLOCK: usize = 128;
/// From this many elements a single pairwise sum computes the subtrees of its top levels as
/// separate pieces across threads and adds them up in the same tree: the split points are
/// NumPy's, so the result is the same bits on any number of threads.
const PW_PAR_MIN: usize = 1 << 17;
/// At most `2^PW_PAR_DEPTH` such pieces.
const PW_PAR_DEPTH: u32 = 6;

/// Real floats that NumPy sums pairwise (`f32`, `f64`; also the `f32` work type of `f16`).
pub(crate) trait PwFloat: Copy + Send + Sync + std::ops::Add<Output = Self> {
    /// Negative zero, the start of NumPy's short-run loop.
    const NEG_ZERO: Self;
}
impl PwFloat for f32 {
    const NEG_ZERO: f32 = -0.0;
}
impl PwFloat for f64 {
    const NEG_ZERO: f64 = -0.0;
}

/// NumPy's pairwise sum of `get(0..n)`: a plain loop below 8 elements, eight interleaved
/// accumulators combined in a fixed tree up to 128, else halves split at a multiple of 8.
pub(crate) fn pairwise_real<W: PwFloat>(n: usize, get: &(impl Fn(usize) -> W + Sync)) -> W {
    pairwise_par(n, pw_half, |a, b| a + b, |start, len| pairwise_real_at(start, len, get))
}

/// NumPy's split of a pairwise run of `n > PW_BLOCK` elements: the first half, rounded down to a
/// multiple of eight.
fn pw_half(n: usize) -> usize {
    let n2 = n / 2;
    n2 - n2 % 8
}

/// Whether [`pairwise_par`] splits a subtree of `n` elements at `depth` further.
fn splits_into_pieces(n: usize, depth: u32) -> bool {
    n >= PW_PAR_MIN && depth < PW_PAR_DEPTH
}

/// The pairwise sum of elements `0..n` with the subtrees of the tree's top levels (down to
/// fewer than `PW_PAR_MIN` elements or `PW_PAR_DEPTH` levels) summed by `leaf(start, len)` as
/// separate pieces on all threads, then added by `add` in the tree's own order. `half(n)` is the
/// tree's split of `n` elements. A shorter sum, or one thread, is one `leaf(0, n)`.
fn pairwise_par<R: Copy + Send + Sync>(
    n: usize,
    half: fn(usize) -> usize,
    add: fn(R, R) -> R,
    leaf: impl Fn(usize, usize) -> R + Sync,
) -> R {
    if n < PW_PAR_MIN || rayon::current_num_threads() < 2 {
        return leaf(0, n);
    }
    fn cut(start: usize, n: usize, depth: u32, half: fn(usize) -> usize, out: &mut Vec<(usize, usize)>) {
        if splits_into_pieces(n, depth) {
            let n2 = half(n);
            cut(start, n2, depth + 1, half, out);
            cut(start + n2, n - n2, depth + 1, half, out);
        } else {
            out.push((start, n));
        }
    }
    fn add_up<R: Copy>(
        n: usize,
        depth: u32,
        half: fn(usize) -> usize,
        add: fn(R, R) -> R,
        sums: &[R],
        k: &mut usize,
    ) -> R {
        if splits_into_pieces(n, depth) {
            let n2 = half(n);
            let a = add_up(n2, depth + 1, half, add, sums, k);
            add(a, add_up(n - n2, depth + 1, half, add, sums, k))
        } else {
            *k += 1;
            sums[*k - 1]
        }
    }
    let mut parts = Vec::new();
    cut(0, n, 0, half, &mut parts);
    let sums = crate::iter::par::pieces(parts.len(), |i| leaf(parts[i].0, parts[i].1));
    add_up(n, 0, half, add, &sums, &mut 0)
}

fn pairwise_real_at<W: PwFloat>(start: usize, n: usize, get: &(impl Fn(usize) -> W + Sync)) -> W {
    if n < PW_UNROLL {
        let mut res = W::NEG_ZERO;
        for i in 0..n {
            res = res + get(start + i);
        }
        res
    } else if n <= PW_BLOCK {
        let mut r = [W::NEG_ZERO; 8];
        for (k, rk) in r.iter_mut().enumerate() {
            *rk = get(start + k);
        }
        let mut i = 8;
        while i < n - n % 8 {
            for (k, rk) in r.iter_mut().enumerate() {
                *rk = *rk + get(start + i + k);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res = res + get(start + i);
            i += 1;
        }
        res
    } else {
        let n2 = pw_half(n);
        pairwise_real_at(start, n2, get) + pairwise_real_at(start + n2, n - n2, get)
    }
}

/// [`pairwise_real`] over a slice, written so the eight accumulators vectorise.
pub(crate) fn pairwise_slice<W: PwFloat>(v: &[W]) -> W {
    pairwise_par(v.len(), pw_half, |a, b| a + b, |start, len| pairwise_slice_serial(&v[start..start + len]))
}

fn pairwise_slice_serial<W: PwFloat>(v: &[W]) -> W {
    let n = v.len();
    if n < PW_UNROLL {
        let mut res = W::NEG_ZERO;
        for &x in v {
            res = res + x;
        }
        res
    } else if n <= PW_BLOCK {
        let mut r = [W::NEG_ZERO; 8];
        r.copy_from_slice(&v[..8]);
        let full = n - n % 8;
        for c in v[8..full].chunks_exact(8) {
            for k in 0..8 {
                r[k] = r[k] + c[k];
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &v[full..] {
            res = res + x;
        }
        res
    } else {
        let (a, b) = v.split_at(pw_half(n));
        pairwise_slice_serial(a) + pairwise_slice_serial(b)
    }
}

/// NumPy's complex pairwise sum: the same tree over the interleaved (re, im) floats, so four
/// complex partial sums per block and thresholds at 4 and 64 elements.
pub(crate) fn pairwise_complex<W: PwFloat>(n: usize, get: &(impl Fn(usize) -> (W, W) + Sync)) -> (W, W) {
    let add = |a: (W, W), b: (W, W)| (a.0 + b.0, a.1 + b.1);
    pairwise_par(n, complex_half, add, |start, len| pairwise_complex_at(start, len, get))
}

/// The complex tree's split of `n > PW_BLOCK / 2` elements: NumPy halves the count of floats.
fn complex_half(n: usize) -> usize {
    pw_half(2 * n) / 2
}

fn pairwise_complex_at<W: PwFloat>(start: usize, n: usize, get: &(impl Fn(usize) -> (W, W) + Sync)) -> (W, W) {
    let nf = 2 * n; // NumPy counts floats
    if nf < PW_UNROLL {
        let (mut rr, mut ri) = (W::NEG_ZERO, W::NEG_ZERO);
        for i in 0..n {
            let (a, b) = get(start + i);
            rr = rr + a;
            ri = ri + b;
        }
        (rr, ri)
    } else if nf <= PW_BLOCK {
        let mut r = [(W::NEG_ZERO, W::NEG_ZERO); 4];
        for (k, rk) in r.iter_mut().enumerate() {
            *rk = get(start + k);
        }
        let mut i = 4;
        let full = (nf - nf % 8) / 2;
        while i < full {
            for (k, rk) in r.iter_mut().enumerate() {
                let (a, b) = get(start + i + k);
                *rk = (rk.0 + a, rk.1 + b);
            }
            i += 4;
        }
        let mut rr = (r[0].0 + r[1].0) + (r[2].0 + r[3].0);
        let mut ri = (r[0].1 + r[1].1) + (r[2].1 + r[3].1);
        while i < n {
            let (a, b) = get(start + i);
            rr = rr + a;
            ri = ri + b;
            i += 1;
        }
        (rr, ri)
    } else {
        let e2 = complex_half(n);
        let (a, b) = (pairwise_complex_at(start, e2, get), pairwise_complex_at(start + e2, n - e2, get));
        (a.0 + b.0, a.1 + b.1)
    }
}

/// One accumulator element type with NumPy's loop semantics.
pub(crate) trait Arith: Conv + FromConv + Send + Sync {
    /// The additive identity.
    fn zero() -> Self;
    /// The multiplicative identity.
    fn one() -> Self;
    /// `a + b` as NumPy's element-wise add loop computes it.
    fn add(self, o: Self) -> Self;
    /// `a * b` as NumPy's element-wise multiply loop computes it.
    fn mul(self, o: Self) -> Self;
    /// `running + next` as NumPy's accumulate (`cumsum`) loop computes it.
    fn add_accum(self, o: Self) -> Self {
        self.add(o)
    }
    /// `a - b` as NumPy's element-wise subtract loop computes it.
    fn sub(self, o: Self) -> Self;
    /// `|a|**2` of `a - b` as NumPy's `var` computes it (`re*re + im*im` for complex, the
    /// imaginary part then meaningless), in the type's own arithmetic.
    fn abs2(self) -> Self {
        self.mul(self)
    }
    /// `a * b` as NumPy's vectorised element-wise multiply computes it (complex: fused
    /// multiply-adds); reduction runs and overlapping accumulations use the scalar [`Arith::mul`].
    fn mul_vec(self, o: Self) -> Self {
        self.mul(o)
    }
    /// The real part of `a * conj(a)` as NumPy's vectorised complex multiply computes it.
    fn abs2_vec(self) -> Self {
        self.abs2()
    }
    /// NumPy's `sqrt` in this type (float16 through float32); integers are returned unchanged.
    fn sqrt(self) -> Self {
        self
    }
    /// `acc + sum(run)` as NumPy's add loop computes a reduction run (pairwise for inexact types).
    fn add_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
        let mut a = acc;
        for i in 0..n {
            a = a.add(get(i));
        }
        a
    }
    /// [`Arith::add_run`] over a slice (a contiguous run).
    fn add_slice(acc: Self, v: &[Self]) -> Self {
        Self::add_run(acc, v.len(), &|i| v[i])
    }
    /// `acc * prod(run)` as NumPy's multiply loop computes a reduction run (left to right).
    fn mul_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
        let mut a = acc;
        for i in 0..n {
            a = a.mul(get(i));
        }
        a
    }
    /// NumPy's min/max loop over one reduction run: `acc` folded with `get(0..n)` (`contiguous`:
    /// a unit-stride run or a buffer). Element by element unless the type has vector loops.
    fn minmax_run(f: Fold, acc: Self, n: usize, contiguous: bool, get: &impl Fn(usize) -> Self) -> Self {
        let _ = contiguous;
        let mut a = acc;
        for i in 0..n {
            a = f.step(a, get(i));
        }
        a
    }
    /// Element `j` of `m` of NumPy's element-wise min/max loop in an outer-axis reduction.
    fn minmax_elem(f: Fold, acc: Self, x: Self, j: usize, m: usize, contiguous: bool) -> Self {
        let _ = (j, m, contiguous);
        f.step(acc, x)
    }
    /// NumPy's `maximum(acc, x)` (NaN propagates).
    fn maximum(self, x: Self) -> Self;
    /// NumPy's `minimum(acc, x)`.
    fn minimum(self, x: Self) -> Self;
    /// NumPy's `fmax(acc, x)` (NaN ignored).
    fn fmax(self, x: Self) -> Self;
    /// NumPy's `fmin(acc, x)`.
    fn fmin(self, x: Self) -> Self;
    /// Whether the value is (or contains) a NaN.
    fn isnan(self) -> bool {
        false
    }
    /// argmax's step: whether `x` replaces the best so far `m` (NaN always does).
    fn arg_gt(x: Self, m: Self) -> bool;
    /// argmin's step.
    fn arg_lt(x: Self, m: Self) -> bool;
    /// The elements of a native, suitably aligned byte run, when the type allows a typed view.
    fn typed(bytes: &[u8]) -> Option<&[Self]>;
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            #[inline] fn zero() -> Self { 0 }
            #[inline] fn one() -> Self { 1 }
            #[inline] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline] fn maximum(self, x: Self) -> Self { self.max(x) }
            #[inline] fn minimum(self, x: Self) -> Self { self.min(x) }
            #[inline] fn fmax(self, x: Self) -> Self { self.max(x) }
            #[inline] fn fmin(self, x: Self) -> Self { self.min(x) }
            #[inline] fn arg_gt(x: Self, m: Self) -> bool { x > m }
            #[inline] fn arg_lt(x: Self, m: Self) -> bool { x < m }
            #[inline] fn typed(bytes: &[u8]) -> Option<&[Self]> { bytemuck::try_cast_slice(bytes).ok() }
        }
    )*};
}
int_arith!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Arith for bool {
    fn zero() -> Self {
        false
    }
    fn one() -> Self {
        true
    }
    // NumPy's bool add and multiply loops are logical or / and.
    fn add(self, o: Self) -> Self {
        self | o
    }
    fn mul(self, o: Self) -> Self {
        self & o
    }
    fn sub(self, o: Self) -> Self {
        self ^ o
    }
    fn maximum(self, x: Self) -> Self {
        self | x
    }
    fn minimum(self, x: Self) -> Self {
        self & x
    }
    fn fmax(self, x: Self) -> Self {
        self | x
    }
    fn fmin(self, x: Self) -> Self {
        self & x
    }
    fn arg_gt(x: Self, m: Self) -> bool {
        x & !m
    }
    fn arg_lt(x: Self, m: Self) -> bool {
        !x & m
    }
    fn typed(_: &[u8]) -> Option<&[Self]> {
        None
    }
}

/// NaN-aware float comparisons of f32 and f64. On ties NumPy's
/// vectorised loops return the later operand (visible only as the sign of a zero).
macro_rules! float_minmax {
    () => {
        #[inline]
        fn maximum(self, x: Self) -> Self {
            let (a, b) = (self.w(), x.w());
            if a.is_nan() || a > b {
                self
            } else {
                x
            }
        }
        #[inline]
        fn minimum(self, x: Self) -> Self {
            let (a, b) = (self.w(), x.w());
            if a.is_nan() || a < b {
                self
            } else {
                x
            }
        }
        #[inline]
        fn fmax(self, x: Self) -> Self {
            let (a, b) = (self.w(), x.w());
            if b.is_nan() || a > b {
                self
            } else {
                x
            }
        }
        #[inline]
        fn fmin(self, x: Self) -> Self {
            let (a, b) = (self.w(), x.w());
            if b.is_nan() || a < b {
                self
            } else {
                x
            }
        }
        #[inline]
        fn isnan(self) -> bool {
            self.w().is_nan()
        }
        #[inline]
        fn arg_gt(x: Self, m: Self) -> bool {
            x.w().partial_cmp(&m.w()).is_none_or(|o| o == std::cmp::Ordering::Greater)
        }
        #[inline]
        fn arg_lt(x: Self, m: Self) -> bool {
            x.w().partial_cmp(&m.w()).is_none_or(|o| o == std::cmp::Ordering::Less)
        }
    };
}

/// The float a real type computes in.
trait Wide: Copy {
    type F: Copy + PartialOrd;
    fn w(self) -> Self::F;
}
impl Wide for f32 {
    type F = f32;
    fn w(self) -> f32 {
        self
    }
}
impl Wide for f64 {
    type F = f64;
    fn w(self) -> f64 {
        self
    }
}

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            #[inline] fn zero() -> Self { 0.0 }
            #[inline] fn one() -> Self { 1.0 }
            #[inline] fn add(self, o: Self) -> Self { self + o }
            #[inline] fn mul(self, o: Self) -> Self { self * o }
            #[inline] fn sub(self, o: Self) -> Self { self - o }
            #[inline] fn sqrt(self) -> Self { <$t>::sqrt(self) }
            #[inline]
            fn add_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
                acc + pairwise_real(n, get)
            }
            #[inline]
            fn add_slice(acc: Self, v: &[Self]) -> Self {
                acc + pairwise_slice(v)
            }
            float_minmax!();
            #[inline]
            fn minmax_run(f: Fold, acc: Self, n: usize, contiguous: bool, get: &impl Fn(usize) -> Self) -> Self {
                if contiguous {
                    super::minmax::run_contiguous(f, acc, n, get)
                } else {
                    super::minmax::run_strided(f, acc, n, get)
                }
            }
            #[inline]
            fn minmax_elem(f: Fold, acc: Self, x: Self, j: usize, m: usize, contiguous: bool) -> Self {
                super::minmax::elem(f, acc, x, j, m, contiguous)
            }
            #[inline] fn typed(bytes: &[u8]) -> Option<&[Self]> { bytemuck::try_cast_slice(bytes).ok() }
        }
    )*};
}
float_arith!(f32, f64);

impl Arith for f16 {
    fn zero() -> Self {
        f16::ZERO
    }
    fn one() -> Self {
        f16::ONE
    }
    // NumPy's half loops compute in float32 and round once per element.
    fn add(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() + o.to_f32())
    }
    fn mul(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() * o.to_f32())
    }
    fn sub(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() - o.to_f32())
    }
    fn sqrt(self) -> Self {
        f16::from_f32(self.to_f32().sqrt())
    }
    // A reduction run accumulates in float32 and rounds once at the end of the run.
    fn add_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
        f16::from_f32(acc.to_f32() + pairwise_real(n, &|i| get(i).to_f32()))
    }
    fn mul_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
        let mut a = acc.to_f32();
        for i in 0..n {
            a *= get(i).to_f32();
        }
        f16::from_f32(a)
    }
    // NumPy's half loops are scalar: on ties the accumulator stays.
    fn maximum(self, x: Self) -> Self {
        let (a, b) = (self.to_f32(), x.to_f32());
        if a >= b || a.is_nan() {
            self
        } else {
            x
        }
    }
    fn minimum(self, x: Self) -> Self {
        let (a, b) = (self.to_f32(), x.to_f32());
        if a <= b || a.is_nan() {
            self
        } else {
            x
        }
    }
    fn fmax(self, x: Self) -> Self {
        let (a, b) = (self.to_f32(), x.to_f32());
        if a >= b || b.is_nan() {
            self
        } else {
            x
        }
    }
    fn fmin(self, x: Self) -> Self {
        let (a, b) = (self.to_f32(), x.to_f32());
        if a <= b || b.is_nan() {
            self
        } else {
            x
        }
    }
    fn isnan(self) -> bool {
        self.is_nan()
    }
    fn arg_gt(x: Self, m: Self) -> bool {
        x.to_f32().partial_cmp(&m.to_f32()).is_none_or(|o| o == std::cmp::Ordering::Greater)
    }
    fn arg_lt(x: Self, m: Self) -> bool {
        x.to_f32().partial_cmp(&m.to_f32()).is_none_or(|o| o == std::cmp::Ordering::Less)
    }
    fn typed(bytes: &[u8]) -> Option<&[Self]> {
        bytemuck::try_cast_slice(bytes).ok()
    }
}

macro_rules! complex_arith {
    ($($t:ty => $f:ty),*) => {$(
        impl Arith for $t {
            #[inline] fn zero() -> Self { <$t>::new(0.0, 0.0) }
            #[inline] fn one() -> Self { <$t>::new(1.0, 0.0) }
            #[inline] fn add(self, o: Self) -> Self { <$t>::new(self.re + o.re, self.im + o.im) }
            #[inline]
            fn mul(self, o: Self) -> Self {
                <$t>::new(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)
            }
            #[inline] fn sub(self, o: Self) -> Self { <$t>::new(self.re - o.re, self.im - o.im) }
            /// NumPy's complex64 accumulate loop, where a part that is NaN in both the running
            /// value and the next element takes the next element's NaN (sign and payload);
            /// complex128's keeps the running one, as a plain sum does.
            #[inline]
            fn add_accum(self, o: Self) -> Self {
                let part = |a: $f, b: $f| if std::mem::size_of::<$f>() == 4 && a.is_nan() && b.is_nan() { b + 0.0 } else { a + b };
                <$t>::new(part(self.re, o.re), part(self.im, o.im))
            }
            #[inline] fn abs2(self) -> Self { <$t>::new(self.re * self.re + self.im * self.im, 0.0) }
            /// The ufunc's `sqrt` (the C library's `csqrt`: `sqrt(inf + nan j)` is `inf + nan j`).
            #[inline]
            #[allow(clippy::unnecessary_cast)]
            fn sqrt(self) -> Self {
                let w = crate::ufunc::cmath::sqrt(Complex64::new(self.re as f64, self.im as f64));
                <$t>::new(w.re as $f, w.im as $f)
            }
            #[inline]
            fn mul_vec(self, o: Self) -> Self {
                <$t>::new(self.re.mul_add(o.re, -(self.im * o.im)), self.re.mul_add(o.im, self.im * o.re))
            }
            #[inline]
            fn abs2_vec(self) -> Self {
                // fma(re, re, -(im * conj(im))); x86 keeps the first NaN operand's sign, which
                // Rust's float semantics do not promise, so a NaN `im` is spelled out.
                if self.im.is_nan() {
                    let t = if self.im.is_sign_negative() { <$f>::NAN } else { -<$f>::NAN };
                    return <$t>::new(if self.re.is_nan() { self.re } else { t }, 0.0);
                }
                <$t>::new(self.re.mul_add(self.re, -(self.im * -self.im)), 0.0)
            }
            #[inline]
            fn add_run(acc: Self, n: usize, get: &(impl Fn(usize) -> Self + Sync)) -> Self {
                let (r, i) = pairwise_complex::<$f>(n, &|k| { let z = get(k); (z.re, z.im) });
                <$t>::new(acc.re + r, acc.im + i)
            }
            // NumPy's lexicographic order; an operand holding a NaN wins (maximum/minimum) or
            // loses (fmax/fmin).
            #[inline]
            fn maximum(self, x: Self) -> Self {
                if self.isnan() || cge(self.re, self.im, x.re, x.im) { self } else { x }
            }
            #[inline]
            fn minimum(self, x: Self) -> Self {
                if self.isnan() || cle(self.re, self.im, x.re, x.im) { self } else { x }
            }
            #[inline]
            fn fmax(self, x: Self) -> Self {
                if x.isnan() || cge(self.re, self.im, x.re, x.im) { self } else { x }
            }
            #[inline]
            fn fmin(self, x: Self) -> Self {
                if x.isnan() || cle(self.re, self.im, x.re, x.im) { self } else { x }
            }
            #[inline] fn isnan(self) -> bool { self.re.is_nan() || self.im.is_nan() }
            #[inline]
            fn arg_gt(x: Self, m: Self) -> bool {
                x.re > m.re || (x.re == m.re && x.im > m.im) || x.isnan()
            }
            #[inline]
            fn arg_lt(x: Self, m: Self) -> bool {
                x.re < m.re || (x.re == m.re && x.im < m.im) || x.isnan()
            }
            #[inline] fn typed(bytes: &[u8]) -> Option<&[Self]> { bytemuck::try_cast_slice(bytes).ok() }
        }
    )*};
}
complex_arith!(Complex32 => f32, Complex64 => f64);

#[inline]
fn cge<F: PartialOrd + Copy + IsNan>(xr: F, xi: F, yr: F, yi: F) -> bool {
    (xr > yr && !xi.nan() && !yi.nan()) || (xr == yr && xi >= yi)
}

#[inline]
fn cle<F: PartialOrd + Copy + IsNan>(xr: F, xi: F, yr: F, yi: F) -> bool {
    (xr < yr && !xi.nan() && !yi.nan()) || (xr == yr && xi <= yi)
}

trait IsNan {
    fn nan(self) -> bool;
}
impl IsNan for f32 {
    fn nan(self) -> bool {
        self.is_nan()
    }
}
impl IsNan for f64 {
    fn nan(self) -> bool {
        self.is_nan()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_tree(v: &[f64]) -> f64 {
        // The definition written out recursively, independent of the implementation above.
        let n = v.len();
        if n < 8 {
            v.iter().fold(-0.0, |a, &b| a + b)
        } else if n <= 128 {
            let mut r: Vec<f64> = v[..8].to_vec();
            let full = n - n % 8;
            for c in v[8..full].chunks(8) {
                for k in 0..8 {
                    r[k] += c[k];
                }
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &x in &v[full..] {
                res += x;
            }
            res
        } else {
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            naive_tree(&v[..n2]) + naive_tree(&v[n2..])
        }
    }

    #[test]
    fn pairwise_matches_its_definition_including_parallel_splits() {
        // 9,000,000 reaches the deepest split into pieces (PW_PAR_DEPTH levels).
        let v: Vec<f64> =
            (0..9_000_000u64).map(|i| ((i * 7919) % 1000) as f64 * 1e-3 + (i as f64).sin() * 1e6).collect();
        for &n in &[0usize, 1, 7, 8, 9, 127, 128, 129, 1000, 131_071, 131_072, 300_001, 9_000_000] {
            assert_eq!(pairwise_real(n, &|i| v[i]).to_bits(), naive_tree(&v[..n]).to_bits(), "n = {n}");
            assert_eq!(pairwise_slice(&v[..n]).to_bits(), naive_tree(&v[..n]).to_bits(), "n = {n}");
        }
    }

    #[test]
    fn complex_pieces_add_up_to_the_serial_tree() {
        let get = |i: usize| (((i * 7919) % 1000) as f64 * 1e-3 + (i as f64).sin() * 1e6, (i as f64 * 0.37).cos());
        // 9,000,000 reaches the deepest cut (PW_PAR_DEPTH levels).
        for &n in &[131_071usize, 131_072, 300_001, 9_000_000] {
            let (re, im) = pairwise_complex(n, &get);
            let (sre, sim) = pairwise_complex_at(0, n, &get);
            assert_eq!((re.to_bits(), im.to_bits()), (sre.to_bits(), sim.to_bits()), "n = {n}");
        }
    }

    #[test]
    fn float_ties_and_nans() {
        assert!(Arith::maximum(f64::NAN, 1.0).is_nan() && Arith::maximum(1.0f64, f64::NAN).is_nan());
        assert_eq!(Arith::fmax(1.0f64, f64::NAN), 1.0);
        assert!(Arith::maximum(0.0f64, -0.0).is_sign_negative()); // the later operand wins a tie
        assert!(Arith::fmax(-0.0f64, 0.0).is_sign_positive());
        assert!(<f64 as Arith>::arg_gt(f64::NAN, 5.0));
    }
}

//! NumPy's float32/float64 `maximum`/`minimum`/`fmax`/`fmin` reduction loops, reproduced in the
//! order they combine elements, because on ties (`0.0` against `-0.0`) and among NaNs (their sign)
//! that order decides which operand's bits come out.
//!
//! The shape is NumPy's `loops_minmax` kernels as built for an x86-64-v3 (AVX2) machine, where the
//! NumPy 2.4 wheel computes the conformance cases: 256-bit vectors (4 float64 or 8 float32 lanes),
//! a contiguous reduction folding eight vectors at a time into a lane accumulator, a horizontal
//! reduction of that accumulator by halves, then a scalar tail; a strided reduction unrolled over
//! eight scalar accumulators combined as a tree; and the element-wise loop of an outer-axis
//! reduction, vectorised over whole lanes with a half-width step after them. The tie rules of
//! each stage were measured against that wheel (see `conformance/gen_reduce.py`'s
//! `reduce_minmax` group, which checks them).
//!
//! Owns only this element math; it knows nothing of layouts.

use super::engine::Fold;

/// A float type of the vectorised min/max loops.
pub(crate) trait MmFloat: Copy + PartialOrd {
    /// Lanes of a 256-bit vector.
    const LANES: usize;
    const INF: Self;
    const NEG_INF: Self;
    /// The NaN NumPy's NaN-propagating horizontal reduction returns.
    const NAN: Self;
    fn nan(self) -> bool;
}

macro_rules! mm_float {
    ($($t:ident: $lanes:expr),*) => {$(
        impl MmFloat for $t {
            const LANES: usize = $lanes;
            const INF: $t = $t::INFINITY;
            const NEG_INF: $t = $t::NEG_INFINITY;
            const NAN: $t = $t::NAN;
            fn nan(self) -> bool {
                self.is_nan()
            }
        }
    )*};
}
mm_float!(f32: 8, f64: 4);

/// Whether `a` strictly beats `b` for fold `f` (false when either is NaN).
#[inline(always)]
fn beats<T: MmFloat>(f: Fold, a: T, b: T) -> bool {
    match f {
        Fold::Max | Fold::FMax => a > b,
        _ => a < b,
    }
}

fn ignores_nan(f: Fold) -> bool {
    matches!(f, Fold::FMax | Fold::FMin)
}

/// The vector step (`_mm256_min_pd` with NumPy's NaN fix-up): ties and unordered pairs give `b`,
/// except that `maximum`/`minimum` keep a NaN `a` and `fmax`/`fmin` keep `a` against a NaN `b`.
#[inline(always)]
pub(crate) fn vec_step<T: MmFloat>(f: Fold, a: T, b: T) -> T {
    let keep_a = if ignores_nan(f) { b.nan() } else { a.nan() };
    if keep_a || beats(f, a, b) {
        a
    } else {
        b
    }
}

/// The fmax/fmin step where NumPy's compiled loop keeps `a` on ties (its scalar accumulators of
/// a strided reduction); maximum/minimum are the vector step there.
#[inline(always)]
fn keep_step<T: MmFloat>(f: Fold, a: T, b: T) -> T {
    if !ignores_nan(f) {
        return vec_step(f, a, b);
    }
    if b.nan() || (!a.nan() && !beats(f, b, a)) {
        a
    } else {
        b
    }
}

/// The fmax/fmin step of the scalar tails compiled as half-width vectors: ties keep `a`, two
/// NaNs give `b`.
#[inline(always)]
fn tail_step<T: MmFloat>(f: Fold, a: T, b: T) -> T {
    if !ignores_nan(f) {
        return vec_step(f, a, b);
    }
    if a.nan() {
        b
    } else if b.nan() || !beats(f, b, a) {
        a
    } else {
        b
    }
}

/// The horizontal reduction of a lane accumulator: halves folded lane by lane (ties give the
/// upper half); fmax/fmin first replace NaN lanes by the fold's identity unless all are NaN
/// (then lane 0), maximum/minimum return NumPy's NaN if any lane is NaN.
fn horizontal<T: MmFloat>(f: Fold, v: &mut [T]) -> T {
    if ignores_nan(f) {
        if v.iter().all(|x| x.nan()) {
            return v[0];
        }
        let fill = if f == Fold::FMax { T::NEG_INF } else { T::INF };
        v.iter_mut().filter(|x| x.nan()).for_each(|x| *x = fill);
    } else if v.iter().any(|x| x.nan()) {
        return T::NAN;
    }
    let mut len = v.len();
    while len > 1 {
        len /= 2;
        for i in 0..len {
            v[i] = if beats(f, v[i], v[i + len]) { v[i] } else { v[i + len] };
        }
    }
    v[0]
}

/// One contiguous reduction run: `acc` (NumPy's `op1`) folded with `get(0..n)`.
pub(crate) fn run_contiguous<T: MmFloat>(f: Fold, acc: T, n: usize, get: &impl Fn(usize) -> T) -> T {
    if n == 0 {
        return acc;
    }
    let l = T::LANES;
    let mut lanes = [acc; 8];
    let lanes = &mut lanes[..l];
    let mut i = 0;
    let load = |at: usize| -> [T; 8] {
        let mut v = [acc; 8];
        v.iter_mut().take(l).enumerate().for_each(|(k, x)| *x = get(at + k));
        v
    };
    let vv = |a: [T; 8], b: [T; 8]| -> [T; 8] {
        let mut r = a;
        r.iter_mut().zip(b).take(l).for_each(|(x, y)| *x = vec_step(f, *x, y));
        r
    };
    while n - i >= 8 * l {
        let v: Vec<[T; 8]> = (0..8).map(|k| load(i + k * l)).collect();
        let (r01, r23, r45, r67) = (vv(v[0], v[1]), vv(v[2], v[3]), vv(v[4], v[5]), vv(v[6], v[7]));
        let block = vv(vv(r01, r23), vv(r45, r67));
        lanes.iter_mut().zip(block).for_each(|(x, y)| *x = vec_step(f, *x, y));
        i += 8 * l;
    }
    while n - i >= l {
        let v = load(i);
        lanes.iter_mut().zip(v).for_each(|(x, y)| *x = vec_step(f, *x, y));
        i += l;
    }
    let mut r = horizontal(f, lanes);
    while i < n {
        r = tail_step(f, r, get(i));
        i += 1;
    }
    r
}

/// One strided reduction run: eight scalar accumulators over blocks of eight, combined as a
/// tree and into `acc`, then a scalar tail.
pub(crate) fn run_strided<T: MmFloat>(f: Fold, acc: T, n: usize, get: &impl Fn(usize) -> T) -> T {
    let mut acc = acc;
    let mut i = 0;
    if n >= 8 {
        let mut m = [acc; 8];
        m.iter_mut().enumerate().for_each(|(k, x)| *x = get(k));
        i = 8;
        while i + 8 <= n {
            m.iter_mut().enumerate().for_each(|(k, x)| *x = keep_step(f, *x, get(i + k)));
            i += 8;
        }
        let s = |a, b| vec_step(f, a, b);
        let (m0, m2, m4, m6) = (s(m[0], m[1]), s(m[2], m[3]), s(m[4], m[5]), s(m[6], m[7]));
        acc = s(acc, s(s(m0, m2), s(m4, m6)));
    }
    while i < n {
        acc = vec_step(f, acc, get(i));
        i += 1;
    }
    acc
}

/// Element `j` of an outer-axis reduction's element-wise loop over `m` elements:
/// `f(acc, x)` by the vector step, except, for fmax/fmin, the half-width step after the whole
/// vectors (float32 only when the loop is contiguous), which keeps `acc` on ties.
#[inline]
pub(crate) fn elem<T: MmFloat>(f: Fold, acc: T, x: T, j: usize, m: usize, contiguous: bool) -> T {
    let l = T::LANES;
    let whole = m / l * l;
    let half = ignores_nan(f) && (l == 4 || contiguous) && j >= whole && j < whole + l / 2;
    if half {
        tail_step(f, acc, x)
    } else {
        vec_step(f, acc, x)
    }
}

//! Complex elementary functions accurate near their branch points and for large arguments
//! (where the textbook `log(z + sqrt(z*z + 1))` forms lose every digit): W. Kahan's
//! formulations for the inverse functions, a scaled square root, and a logarithm that keeps
//! precision for |z| near 1. complex64 inputs are computed in complex128 and rounded once.

use num_complex::{Complex, Complex32, Complex64};

type C = Complex64;

/// The principal square root, as the C library's `csqrt` (NumPy's) computes it: a purely
/// imaginary argument gives two equal parts; otherwise the larger part comes from halving the
/// modulus sum (no cancellation) and the other from `Im z = 2 Re w Im w`, with huge and tiny
/// arguments scaled by powers of two.
pub(crate) fn sqrt(z: C) -> C {
    let (x, y) = (z.re, z.im);
    if x == 0.0 && y == 0.0 {
        return C::new(0.0, y);
    }
    if y.is_infinite() {
        return C::new(f64::INFINITY, y);
    }
    // The C library's csqrt (NumPy's) answers every other NaN case with its own positive NaNs.
    if x.is_infinite() {
        return if x > 0.0 {
            C::new(x, if y.is_nan() { f64::NAN } else { (0.0f64).copysign(y) })
        } else {
            C::new(if y.is_nan() { f64::NAN } else { 0.0 }, (x.abs()).copysign(y))
        };
    }
    if x.is_nan() || y.is_nan() {
        return C::new(f64::NAN, f64::NAN);
    }
    if x == 0.0 {
        let ay = y.abs();
        let r = if ay >= 2.0 * f64::MIN_POSITIVE { (0.5 * ay).sqrt() } else { 0.5 * (2.0 * ay).sqrt() };
        return C::new(r, r.copysign(y));
    }
    // (scaled x, scaled y, factor undoing the scaling): the scalings are exact.
    let (xs, ys, back) = if x.abs() > f64::MAX / 4.0 || y.abs() > f64::MAX / 4.0 {
        (x * 0.25, y * 0.25, 2.0)
    } else if x.abs() < 2.0 * f64::MIN_POSITIVE && y.abs() < 2.0 * f64::MIN_POSITIVE {
        (x * 2f64.powi(54), y * 2f64.powi(54), 2f64.powi(-27))
    } else {
        (x, y, 1.0)
    };
    let d = xs.hypot(ys);
    let (re, im) = if xs > 0.0 {
        let r = (0.5 * (d + xs)).sqrt();
        (r, 0.5 * (ys / r))
    } else {
        let s = (0.5 * (d - xs)).sqrt();
        ((0.5 * (ys / s)).abs(), s)
    };
    C::new(re * back, im.abs().copysign(y) * back)
}

/// The natural logarithm; `ln|z|` through `log1p` when |z| is near 1.
pub(crate) fn ln(z: C) -> C {
    let (x, y) = (z.re, z.im);
    let ax = x.abs().max(y.abs());
    let ay = x.abs().min(y.abs());
    let re = if ax > 0.5 && ax < 2.0 && ax.is_finite() {
        0.5 * ((ax - 1.0) * (ax + 1.0) + ay * ay).ln_1p()
    } else {
        x.hypot(y).ln()
    };
    C::new(re, y.atan2(x))
}

/// `arcsin(z) = atan(Re z / Re(√(1−z)√(1+z))) + i asinh(Im(conj(√(1−z)) √(1+z)))` (Kahan).
pub(crate) fn asin(z: C) -> C {
    let (s1, s2) = one_minus_plus(z);
    let re = z.re.atan2((s1 * s2).re);
    let im = asinh_real((s1.conj() * s2).im);
    C::new(re, im)
}

/// `arccos(z) = 2 atan(Re√(1−z) / Re√(1+z)) − i asinh(Im(conj(√(1+z)) √(1−z)))` (Kahan).
pub(crate) fn acos(z: C) -> C {
    let (s1, s2) = one_minus_plus(z);
    let re = 2.0 * s1.re.atan2(s2.re);
    let im = asinh_real((s2.conj() * s1).im);
    C::new(re, im)
}

/// `(√(1−z), √(1+z))`, with `1 − z` negating the imaginary part itself so that a signed zero
/// keeps the side of the branch cut it names.
fn one_minus_plus(z: C) -> (C, C) {
    (sqrt(C::new(1.0 - z.re, -z.im)), sqrt(C::new(1.0 + z.re, z.im)))
}

/// `arcsinh(z) = −i arcsin(i z)`.
pub(crate) fn asinh(z: C) -> C {
    let w = asin(C::new(-z.im, z.re));
    C::new(w.im, -w.re)
}

/// `arccosh(z) = asinh(Re(conj(√(z−1)) √(z+1))) + 2i atan(Im√(z−1) / Re√(z+1))` (Kahan).
pub(crate) fn acosh(z: C) -> C {
    let one = C::new(1.0, 0.0);
    let (s1, s2) = (sqrt(z - one), sqrt(z + one));
    let re = asinh_real((s1.conj() * s2).re);
    let im = 2.0 * s1.im.atan2(s2.re);
    C::new(re, im)
}

/// `arctanh(z)`: `Re = ¼ log1p(4x / ((1−x)² + y²))`, `Im = ½ atan2(2y, (1−x)(1+x) − y²)`.
pub(crate) fn atanh(z: C) -> C {
    let (x, y) = (z.re, z.im);
    if x.abs() == 1.0 && y == 0.0 {
        return C::new(f64::INFINITY.copysign(x), y);
    }
    if x.is_infinite() || y.is_infinite() {
        return C::new((0.0f64).copysign(x), std::f64::consts::FRAC_PI_2.copysign(y));
    }
    let d = (1.0 - x) * (1.0 - x) + y * y;
    let q = 4.0 * x / d;
    // Near the branch points (x ≈ ±1, small y) log1p(q) would cancel; the difference of logs
    // keeps 1 ± x exact.
    let re = if q.abs() > 0.5 { 0.5 * ((1.0 + x).hypot(y).ln() - (1.0 - x).hypot(y).ln()) } else { 0.25 * q.ln_1p() };
    let im = 0.5 * (2.0 * y).atan2((1.0 - x) * (1.0 + x) - y * y);
    C::new(re, im)
}

/// `arctan(z) = −i arctanh(i z)`.
pub(crate) fn atan(z: C) -> C {
    let w = atanh(C::new(-z.im, z.re));
    C::new(w.im, -w.re)
}

fn asinh_real(x: f64) -> f64 {
    use super::lanes::Op1;
    <super::math::Arcsinh as Op1<f64>>::f(x)
}

/// `tan(z)` as the C library's `ctan` (NumPy's) computes it: `(sin x cos x + i sinh y cosh y) /
/// (cos² x + sinh² y)`, and for |y| past the point where `cosh y` would overflow, `±1` for the
/// imaginary part with the real part `4 sin x cos x / e^(2|y|)` scaled in two steps (the
/// quotient form would be inf/inf there).
pub(crate) fn tan(z: C) -> C {
    let (x, y) = (z.re, z.im);
    if !x.is_finite() || !y.is_finite() {
        if y.is_infinite() {
            let re = if x.is_finite() && x.abs() > 1.0 {
                (0.0f64).copysign(x.sin() * x.cos())
            } else {
                (0.0f64).copysign(x)
            };
            return C::new(re, (1.0f64).copysign(y));
        }
        if x == 0.0 {
            return z;
        }
        return C::new(f64::NAN, if y == 0.0 { y } else { f64::NAN });
    }
    let (sx, cx) = if x.abs() > f64::MIN_POSITIVE { x.sin_cos() } else { (x, 1.0) };
    // (DBL_MAX_EXP - 1) * ln 2 / 2, truncated: beyond it cosh(y)² overflows.
    let t = 354.0f64;
    if y.abs() > t {
        let exp_2t = (2.0 * t).exp();
        let rest = y.abs() - t;
        let mut re = 4.0 * sx * cx / exp_2t;
        re /= if rest > t { exp_2t } else { (2.0 * rest).exp() };
        return C::new(re, (1.0f64).copysign(y));
    }
    let (shy, chy) = if y.abs() > f64::MIN_POSITIVE { (y.sinh(), y.cosh()) } else { (y, 1.0) };
    let den = if shy.abs() > cx.abs() * f64::EPSILON { cx * cx + shy * shy } else { cx * cx };
    C::new(sx * cx / den, shy * chy / den)
}

/// Runs a complex128 function on complex64 values, rounding once.
/// `tanh(z) = −i tan(i z)`: [`tan`]'s form keeps the digits near tanh's poles
/// (`z = ±iπ/2`), where the quotient `(sinh 2x + i sin 2y) / (cosh 2x + cos 2y)` cancels.
pub(crate) fn tanh(z: C) -> C {
    let w = tan(C::new(-z.im, z.re));
    C::new(w.im, -w.re)
}

pub(crate) fn via64(f: fn(C) -> C, z: Complex32) -> Complex32 {
    let w = f(C::new(z.re as f64, z.im as f64));
    Complex::new(w.re as f32, w.im as f32)
}

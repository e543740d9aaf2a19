//! Complex power for exponents that are not small integers: NumPy hands these to the C
//! library's `cpow`/`cpowf`, which on glibc is `cexp(b * clog(a))` with glibc's own `clog`
//! (|z| near 1 through `log1p` of an exactly computed `x² + y² − 1`), C's complex multiply
//! (with Annex G's recovery of infinities from NaN products) and glibc's `cexp` (which scales
//! large real parts so that the result overflows only when it must). Reproduced step by step in
//! the element type, on the same real functions (Rust's `f32`/`f64` methods call the same C
//! library), so that complex64 and complex128 powers round as NumPy's do.
//!
//! Owns only this element function; the integer-exponent and zero cases stay in `math`.

use num_complex::Complex;

/// The real operations glibc's complex functions use, per float type.
pub(crate) trait LibmFloat:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Neg<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    const HALF: Self;
    const TWO: Self;
    const MAX: Self;
    const MIN_POS: Self;
    const EPS: Self;
    const INF: Self;
    const NAN: Self;
    const PI: Self;
    const LN2: Self;
    /// `2^MANT_DIG`, the scale glibc's `clog` applies to tiny arguments, and `MANT_DIG`.
    const MANT_SCALE: Self;
    const MANT_DIG: i32;
    /// `(int)((MAX_EXP - 1) * ln 2)`: the largest real part `cexp` takes unscaled.
    const EXP_T: Self;
    fn is_nan(self) -> bool;
    fn is_infinite(self) -> bool;
    fn is_finite(self) -> bool;
    fn abs(self) -> Self;
    fn signbit(self) -> bool;
    fn copysign(self, s: Self) -> Self;
    fn from_i32(v: i32) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn ln_1p(self) -> Self;
    fn hypot(self, o: Self) -> Self;
    fn atan2(self, o: Self) -> Self;
    /// glibc's `__x2y2m1`: `x² + y² − 1` rounded once.
    fn x2y2m1(x: Self, y: Self) -> Self;
}

/// The trait's methods that are the float type's own: unary ones returning `bool`, unary ones
/// returning `Self`, then binary ones.
macro_rules! forward {
    ($t:ident: $($p:ident),* -> bool; $($u:ident),* -> Self; $($b:ident),* -> Self) => {
        $(fn $p(self) -> bool { $t::$p(self) })*
        $(fn $u(self) -> Self { $t::$u(self) })*
        $(fn $b(self, o: Self) -> Self { $t::$b(self, o) })*
    };
}

macro_rules! libm_float {
    ($t:ident, $mant:expr, $exp_t:expr) => {
        const ZERO: $t = 0.0;
        const ONE: $t = 1.0;
        const HALF: $t = 0.5;
        const TWO: $t = 2.0;
        const MAX: $t = $t::MAX;
        const MIN_POS: $t = $t::MIN_POSITIVE;
        const EPS: $t = $t::EPSILON;
        const INF: $t = $t::INFINITY;
        const NAN: $t = $t::NAN;
        const PI: $t = std::$t::consts::PI;
        const LN2: $t = std::$t::consts::LN_2;
        const MANT_SCALE: $t = (1u64 << $mant) as $t;
        const MANT_DIG: i32 = $mant;
        const EXP_T: $t = $exp_t;
        fn signbit(self) -> bool {
            self.is_sign_negative()
        }
        fn from_i32(v: i32) -> Self {
            v as $t
        }
        forward!($t: is_nan, is_infinite, is_finite -> bool; abs, sin, cos, exp, ln, ln_1p -> Self;
            copysign, hypot, atan2 -> Self);
    };
}

impl LibmFloat for f32 {
    libm_float!(f32, 24, 88.0);
    fn x2y2m1(x: f32, y: f32) -> f32 {
        // float: exact enough in double, rounded once.
        let (dx, dy) = (x as f64, y as f64);
        ((dx - 1.0) * (dx + 1.0) + dy * dy) as f32
    }
}

impl LibmFloat for f64 {
    libm_float!(f64, 53, 709.0);
    fn x2y2m1(x: f64, y: f64) -> f64 {
        // The five exact parts of x*x, y*y and -1, summed smallest first with error-free
        // additions, so that only the final sum rounds.
        let split = |a: f64, b: f64| {
            let hi = a * b;
            (hi, a.mul_add(b, -hi))
        };
        let (xh, xl) = split(x, x);
        let (yh, yl) = split(y, y);
        let mut v = [xl, xh, yl, yh, -1.0];
        let by_mag = |a: &f64, b: &f64| a.abs().total_cmp(&b.abs());
        v.sort_by(by_mag);
        for i in 0..4 {
            let (a, b) = (v[i + 1], v[i]);
            let hi = a + b;
            v[i] = (a - hi) + b;
            v[i + 1] = hi;
            v[i + 1..].sort_by(by_mag);
        }
        v[4] + v[3] + v[2] + v[1] + v[0]
    }
}

/// glibc's `clog`.
fn clog<T: LibmFloat>(re: T, im: T) -> (T, T) {
    if re == T::ZERO && im == T::ZERO {
        let i = if re.signbit() { T::PI } else { T::ZERO };
        return (-T::ONE / re.abs(), i.copysign(im));
    }
    if re.is_nan() || im.is_nan() {
        let r = if re.is_infinite() || im.is_infinite() { T::INF } else { T::NAN };
        return (r, T::NAN);
    }
    let (mut ax, mut ay) = (re.abs(), im.abs());
    if ax < ay {
        std::mem::swap(&mut ax, &mut ay);
    }
    let mut scale = 0;
    if ax > T::MAX / T::TWO {
        scale = -1;
        ax = ax * T::HALF;
        ay = if ay >= T::MIN_POS * T::TWO { ay * T::HALF } else { T::ZERO };
    } else if ax < T::MIN_POS && ay < T::MIN_POS {
        scale = T::MANT_DIG;
        ax = ax * T::MANT_SCALE;
        ay = ay * T::MANT_SCALE;
    }
    let r = if ax == T::ONE && scale == 0 {
        (ay * ay).ln_1p() / T::TWO
    } else if ax > T::ONE && ax < T::TWO && ay < T::ONE && scale == 0 {
        let mut d = (ax - T::ONE) * (ax + T::ONE);
        if ay >= T::EPS {
            d = d + ay * ay;
        }
        d.ln_1p() / T::TWO
    } else if ax < T::ONE && ax >= T::HALF && ay < T::EPS / T::TWO && scale == 0 {
        ((ax - T::ONE) * (ax + T::ONE)).ln_1p() / T::TWO
    } else if ax < T::ONE && ax >= T::HALF && scale == 0 && ax * ax + ay * ay >= T::HALF {
        T::x2y2m1(ax, ay).ln_1p() / T::TWO
    } else {
        ax.hypot(ay).ln() - T::from_i32(scale) * T::LN2
    };
    (r, im.atan2(re))
}

/// `sin` and `cos` as glibc's `cexp` takes them (tiny angles unrounded).
fn sincos<T: LibmFloat>(y: T) -> (T, T) {
    if y.abs() > T::MIN_POS {
        (y.sin(), y.cos())
    } else {
        (y, T::ONE)
    }
}

/// glibc's `cexp` (NumPy's complex `exp` and `exp2` call the C library's).
pub(super) fn cexp<T: LibmFloat>(re: T, im: T) -> (T, T) {
    if re.is_finite() {
        if !im.is_finite() {
            return (T::NAN, T::NAN);
        }
        let (mut s, mut c) = sincos(im);
        let mut x = re;
        if x > T::EXP_T {
            let e = T::EXP_T.exp();
            x = x - T::EXP_T;
            s = s * e;
            c = c * e;
            if x > T::EXP_T {
                x = x - T::EXP_T;
                s = s * e;
                c = c * e;
            }
        }
        if x > T::EXP_T {
            return (T::MAX * c, T::MAX * s);
        }
        let e = x.exp();
        return (e * c, e * s);
    }
    if re.is_infinite() {
        if im.is_finite() {
            let v = if re.signbit() { T::ZERO } else { T::INF };
            if im == T::ZERO {
                return (v, im);
            }
            let (s, c) = sincos(im);
            return (v.copysign(c), v.copysign(s));
        }
        // `im - im`: a NaN passes, an infinity gives the hardware's default (negative) NaN.
        let d = if im.is_nan() { im } else { -T::NAN };
        return if !re.signbit() { (T::INF, d) } else { (T::ZERO, T::ZERO.copysign(im)) };
    }
    (T::NAN, if im == T::ZERO { im } else { T::NAN })
}

/// C's complex multiply, with Annex G's recovery when both parts come out NaN.
fn cmul<T: LibmFloat>(a: T, b: T, c: T, d: T) -> (T, T) {
    let (ac, bd, ad, bc) = (a * c, b * d, a * d, b * c);
    let (x, y) = (ac - bd, ad + bc);
    if !(x.is_nan() && y.is_nan()) {
        return (x, y);
    }
    let (mut a, mut b, mut c, mut d) = (a, b, c, d);
    let box_inf = |v: T| if v.is_infinite() { T::ONE } else { T::ZERO }.copysign(v);
    let zero_nan = |v: T| if v.is_nan() { T::ZERO.copysign(v) } else { v };
    let mut recalc = false;
    if a.is_infinite() || b.is_infinite() {
        (a, b) = (box_inf(a), box_inf(b));
        (c, d) = (zero_nan(c), zero_nan(d));
        recalc = true;
    }
    if c.is_infinite() || d.is_infinite() {
        (c, d) = (box_inf(c), box_inf(d));
        (a, b) = (zero_nan(a), zero_nan(b));
        recalc = true;
    }
    if !recalc && (ac.is_infinite() || bd.is_infinite() || ad.is_infinite() || bc.is_infinite()) {
        (a, b, c, d) = (zero_nan(a), zero_nan(b), zero_nan(c), zero_nan(d));
        recalc = true;
    }
    if recalc {
        (T::INF * (a * c - b * d), T::INF * (a * d + b * c))
    } else {
        (x, y)
    }
}

/// glibc's `cpow(a, b) = cexp(b * clog(a))`.
pub(crate) fn cpow<T: LibmFloat>(a: Complex<T>, b: Complex<T>) -> Complex<T> {
    let (lr, li) = clog(a.re, a.im);
    let (x, y) = cmul(b.re, b.im, lr, li);
    let (r, i) = cexp(x, y);
    Complex::new(r, i)
}

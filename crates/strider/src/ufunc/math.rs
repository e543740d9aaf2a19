//! The element functions of every ufunc, one zero-sized type per function with an `Op1`/`Op2`
//! implementation per loop type, following NumPy's C loops value for value: integer arithmetic
//! wraps, integer division by zero gives 0 (and raises the divide flag), float16 computes through
//! float32, float floor division and remainder follow Python, `maximum` keeps NaN and returns
//! its second argument on ties (float16: its first), complex numbers compare lexicographically.
//!
//! Nothing here knows about arrays: the functions are plain values in, value out.

use super::errstate::{flag, Flag};
use super::lanes::{Op1, Op2};
use crate::dtype::cast::{f16_to_f32, f32_to_f16, FromConv};
use half::f16;
use num_complex::{Complex, Complex32, Complex64};

macro_rules! op1 {
    ($op:ident: $($t:ty => $o:ty),* ; |$x:ident| $body:expr) => {$(
        impl Op1<$t> for $op {
            type Out = $o;
            #[inline(always)]
            #[allow(clippy::unnecessary_cast, clippy::bool_comparison, unused_comparisons)]
            fn f($x: $t) -> $o { $body }
        }
    )*};
}

macro_rules! op2 {
    ($op:ident: $($t:ty => $o:ty),* ; |$a:ident, $b:ident| $body:expr) => {$(
        impl Op2<$t> for $op {
            type Out = $o;
            #[inline(always)]
            #[allow(clippy::unnecessary_cast, clippy::bool_comparison, unused_comparisons)]
            fn f($a: $t, $b: $t) -> $o { $body }
        }
    )*};
}

/// float16 loops: convert to float32, apply the float32 function, round back (as NumPy).
macro_rules! half1 {
    ($($op:ident),*) => {$(
        impl Op1<f16> for $op {
            type Out = f16;
            #[inline(always)]
            fn f(x: f16) -> f16 { f32_to_f16(<$op as Op1<f32>>::f(f16_to_f32(x))) }
        }
    )*};
}
macro_rules! half2 {
    ($($op:ident),*) => {$(
        impl Op2<f16> for $op {
            type Out = f16;
            #[inline(always)]
            fn f(a: f16, b: f16) -> f16 { f32_to_f16(<$op as Op2<f32>>::f(f16_to_f32(a), f16_to_f32(b))) }
        }
    )*};
}
macro_rules! half1_bool {
    ($($op:ident),*) => {$(
        impl Op1<f16> for $op {
            type Out = bool;
            #[inline(always)]
            fn f(x: f16) -> bool { <$op as Op1<f32>>::f(f16_to_f32(x)) }
        }
    )*};
}
macro_rules! half2_bool {
    ($($op:ident),*) => {$(
        impl Op2<f16> for $op {
            type Out = bool;
            #[inline(always)]
            fn f(a: f16, b: f16) -> bool { <$op as Op2<f32>>::f(f16_to_f32(a), f16_to_f32(b)) }
        }
    )*};
}

macro_rules! zst {
    ($($n:ident),*) => {$(
        #[derive(Clone, Copy, Debug)]
        pub(crate) struct $n;
    )*};
}

zst!(
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Remainder,
    Fmod,
    Power,
    Arctan2,
    Hypot,
    Copysign,
    Heaviside,
    Minimum,
    Maximum,
    Fmin,
    Fmax,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    BitAnd,
    BitOr,
    BitXor,
    LeftShift,
    RightShift,
    Negative,
    Positive,
    Absolute,
    Sign,
    Sqrt,
    Cbrt,
    Square,
    Reciprocal,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Arcsinh,
    Arccosh,
    Arctanh,
    Floor,
    Ceil,
    Trunc,
    Rint,
    LogicalNot,
    Invert,
    IsNan,
    IsInf,
    IsFinite,
    Signbit
);

// ---- arithmetic ---------------------------------------------------------------------------

op2!(Add: bool => bool; |a, b| a | b);
op2!(Add: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64;
    |a, b| a.wrapping_add(b));
op2!(Add: f32 => f32, f64 => f64, Complex32 => Complex32, Complex64 => Complex64; |a, b| a + b);
op2!(Subtract: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64;
    |a, b| a.wrapping_sub(b));
op2!(Subtract: f32 => f32, f64 => f64, Complex32 => Complex32, Complex64 => Complex64; |a, b| a - b);
op2!(Multiply: bool => bool; |a, b| a & b);
op2!(Multiply: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64;
    |a, b| a.wrapping_mul(b));
op2!(Multiply: f32 => f32, f64 => f64; |a, b| a * b);
op2!(Multiply: Complex32 => Complex32, Complex64 => Complex64;
    |a, b| Complex::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re));
op2!(Divide: f32 => f32, f64 => f64; |a, b| a / b);
op2!(Divide: Complex32 => Complex32, Complex64 => Complex64; |a, b| cdiv(a, b));
half2!(Add, Subtract, Multiply, Divide);

/// Complex division by Smith's method (scaled by the larger part of the divisor, so it neither
/// overflows nor underflows needlessly); a zero divisor divides the parts by zero.
macro_rules! cdiv_impl {
    ($name:ident, $r:ty) => {
        #[inline(always)]
        fn $name(a: Complex<$r>, b: Complex<$r>) -> Complex<$r> {
            let (br, bi) = (b.re.abs(), b.im.abs());
            if br >= bi {
                if br == 0.0 && bi == 0.0 {
                    return Complex::new(a.re / br, a.im / bi);
                }
                let rat = b.im / b.re;
                let scl = 1.0 / (b.re + b.im * rat);
                Complex::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
            } else {
                let rat = b.re / b.im;
                let scl = 1.0 / (b.im + b.re * rat);
                Complex::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
            }
        }
    };
}
cdiv_impl!(cdiv32, f32);
cdiv_impl!(cdiv64, f64);
trait CDiv: Sized {
    fn cdiv(self, b: Self) -> Self;
}
impl CDiv for Complex32 {
    fn cdiv(self, b: Self) -> Self {
        cdiv32(self, b)
    }
}
impl CDiv for Complex64 {
    fn cdiv(self, b: Self) -> Self {
        cdiv64(self, b)
    }
}
#[inline(always)]
fn cdiv<C: CDiv>(a: C, b: C) -> C {
    a.cdiv(b)
}

// Integer floor division, remainder and fmod: Python's (or C's, for fmod) rules; a zero divisor
// gives 0 and the divide flag, MIN // -1 wraps to MIN with the overflow flag.
macro_rules! int_div {
    ($($t:ty),*) => {$(
        impl Op2<$t> for FloorDivide {
            type Out = $t;
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn f(a: $t, b: $t) -> $t {
                if b == 0 {
                    flag(Flag::Divide);
                    return 0;
                }
                if <$t>::MIN != 0 && a == <$t>::MIN && b == (0 as $t).wrapping_sub(1) {
                    flag(Flag::Overflow);
                    return <$t>::MIN;
                }
                let q = a / b;
                if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q }
            }
        }
        impl Op2<$t> for Remainder {
            type Out = $t;
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn f(a: $t, b: $t) -> $t {
                if b == 0 {
                    flag(Flag::Divide);
                    return 0;
                }
                let r = a.wrapping_rem(b);
                if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r }
            }
        }
        impl Op2<$t> for Fmod {
            type Out = $t;
            #[inline(always)]
            fn f(a: $t, b: $t) -> $t {
                if b == 0 {
                    flag(Flag::Divide);
                    return 0;
                }
                a.wrapping_rem(b)
            }
        }
        impl Op2<$t> for Power {
            type Out = $t;
            /// Exponentiation by squaring with wrap-around; negative exponents are refused
            /// before the loop runs.
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn f(a: $t, b: $t) -> $t {
                if b < 0 {
                    return 0;
                }
                let (mut base, mut e, mut out) = (a, b, 1 as $t);
                while e != 0 {
                    if e & 1 != 0 {
                        out = out.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                out
            }
        }
    )*};
}
int_div!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_divmod {
    ($($t:ty),*) => {$(
        impl Op2<$t> for FloorDivide {
            type Out = $t;
            #[inline(always)]
            fn f(a: $t, b: $t) -> $t {
                if b == 0.0 {
                    return a / b;
                }
                let m = a % b;
                let mut div = (a - m) / b;
                if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
                    div -= 1.0;
                }
                if div != 0.0 {
                    let fl = div.floor();
                    if div - fl > 0.5 { fl + 1.0 } else { fl }
                } else {
                    (0.0 as $t).copysign(a / b)
                }
            }
        }
        impl Op2<$t> for Remainder {
            type Out = $t;
            #[inline(always)]
            fn f(a: $t, b: $t) -> $t {
                let m = a % b;
                if b == 0.0 {
                    return m;
                }
                if m != 0.0 {
                    if (b < 0.0) != (m < 0.0) { m + b } else { m }
                } else {
                    (0.0 as $t).copysign(b)
                }
            }
        }
    )*};
}
float_divmod!(f32, f64);
op2!(Fmod: f32 => f32, f64 => f64; |a, b| a % b);
op2!(Power: f32 => f32, f64 => f64; |a, b| a.powf(b));
op2!(Power: Complex32 => Complex32, Complex64 => Complex64; |a, b| cpow(a, b));
op2!(Arctan2: f32 => f32, f64 => f64; |a, b| a.atan2(b));
op2!(Hypot: f32 => f32, f64 => f64; |a, b| a.hypot(b));
op2!(Copysign: f32 => f32, f64 => f64; |a, b| a.copysign(b));
// A NaN step gives NumPy's own NaN, not the input's payload or sign.
op2!(Heaviside: f32 => f32; |x, h| if x < 0.0 { 0.0 } else if x == 0.0 { h } else if x > 0.0 { 1.0 } else { f32::NAN });
op2!(Heaviside: f64 => f64; |x, h| if x < 0.0 { 0.0 } else if x == 0.0 { h } else if x > 0.0 { 1.0 } else { f64::NAN });
half2!(FloorDivide, Remainder, Fmod, Power, Arctan2, Hypot, Copysign, Heaviside);

/// Complex power: exact repeated multiplication for small integer exponents, the C library's
/// `cpow` otherwise (NumPy's scheme, see `cpow`), with `a**0 == 1` and `0**b == 0` for real positive `b`.
macro_rules! cpow_impl {
    ($name:ident, $r:ty) => {
        fn $name(a: Complex<$r>, b: Complex<$r>) -> Complex<$r> {
            let one = Complex::new(1.0, 0.0);
            if b.re == 0.0 && b.im == 0.0 {
                return one;
            }
            if a.re == 0.0 && a.im == 0.0 {
                // NumPy 2: zero to a power with a positive real part is zero, whatever its
                // imaginary part; any other power of zero is undefined.
                return if b.re > 0.0 {
                    Complex::new(0.0, 0.0)
                } else {
                    flag(Flag::Invalid);
                    Complex::new(<$r>::NAN, <$r>::NAN)
                };
            }
            if b.im == 0.0 && b.re == b.re.trunc() && b.re.abs() < 100.0 {
                let n = b.re as i32;
                let mul = <Multiply as Op2<Complex<$r>>>::f;
                // NumPy's first three powers skip the multiplication by one (which would turn
                // an infinite part into NaN).
                match n {
                    1 => return a,
                    2 => return mul(a, a),
                    3 => return mul(mul(a, a), a),
                    _ => {}
                }
                let (mut base, mut e, mut out) = (a, n.unsigned_abs(), one);
                while e != 0 {
                    if e & 1 != 0 {
                        out = <Multiply as Op2<Complex<$r>>>::f(out, base);
                    }
                    base = <Multiply as Op2<Complex<$r>>>::f(base, base);
                    e >>= 1;
                }
                return if n < 0 { cdiv(one, out) } else { out };
            }
            super::cpow::cpow(a, b)
        }
    };
}
cpow_impl!(cpow32, f32);
cpow_impl!(cpow64, f64);
trait CPow: Sized {
    fn cpow(self, b: Self) -> Self;
}
impl CPow for Complex32 {
    fn cpow(self, b: Self) -> Self {
        cpow32(self, b)
    }
}
impl CPow for Complex64 {
    fn cpow(self, b: Self) -> Self {
        cpow64(self, b)
    }
}
fn cpow<C: CPow>(a: C, b: C) -> C {
    a.cpow(b)
}

// ---- minimum / maximum --------------------------------------------------------------------

op2!(Minimum: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| if a < b { a } else { b });
op2!(Maximum: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| if a > b { a } else { b });
op2!(Fmin: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| if a < b { a } else { b });
op2!(Fmax: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| if a > b { a } else { b });
op2!(Minimum: f32 => f32, f64 => f64; |a, b| if a < b || a.is_nan() { a } else { b });
op2!(Maximum: f32 => f32, f64 => f64; |a, b| if a > b || a.is_nan() { a } else { b });
op2!(Fmin: f32 => f32, f64 => f64; |a, b| if a <= b || b.is_nan() { a } else { b });
op2!(Fmax: f32 => f32, f64 => f64; |a, b| if a >= b || b.is_nan() { a } else { b });
// NumPy's float16 loops are scalar C (no SIMD): a tie or a NaN in the wrong place returns the
// first argument's own bits, where the float32/float64 vector loops return the second.
macro_rules! half_minmax {
    ($($op:ident: |$a:ident, $b:ident| $pick_a:expr;)*) => {$(
        impl Op2<f16> for $op {
            type Out = f16;
            #[inline(always)]
            fn f($a: f16, $b: f16) -> f16 { if $pick_a { $a } else { $b } }
        }
    )*};
}
half_minmax! {
    Minimum: |a, b| a.to_f32() <= b.to_f32() || a.is_nan();
    Maximum: |a, b| a.to_f32() >= b.to_f32() || a.is_nan();
    Fmin: |a, b| a.to_f32() <= b.to_f32() || b.is_nan();
    Fmax: |a, b| a.to_f32() >= b.to_f32() || b.is_nan();
}

#[inline(always)]
fn cnan<R: num_traits_lite::Flt>(z: Complex<R>) -> bool {
    z.re.nan() || z.im.nan()
}
#[inline(always)]
fn clt<R: PartialOrd>(a: Complex<R>, b: Complex<R>) -> bool {
    a.re < b.re || (a.re == b.re && a.im < b.im)
}
#[inline(always)]
fn cle<R: PartialOrd>(a: Complex<R>, b: Complex<R>) -> bool {
    a.re < b.re || (a.re == b.re && a.im <= b.im)
}
op2!(Minimum: Complex32 => Complex32, Complex64 => Complex64; |a, b| if cnan(a) || cle(a, b) { a } else { b });
op2!(Maximum: Complex32 => Complex32, Complex64 => Complex64; |a, b| if cnan(a) || cle(b, a) { a } else { b });
op2!(Fmin: Complex32 => Complex32, Complex64 => Complex64; |a, b| if cnan(b) || cle(a, b) { a } else { b });
op2!(Fmax: Complex32 => Complex32, Complex64 => Complex64; |a, b| if cnan(b) || cle(b, a) { a } else { b });

/// The little float interface the generic complex helpers need.
mod num_traits_lite {
    pub trait Flt: Copy + PartialOrd {
        fn nan(self) -> bool;
    }
    impl Flt for f32 {
        fn nan(self) -> bool {
            self.is_nan()
        }
    }
    impl Flt for f64 {
        fn nan(self) -> bool {
            self.is_nan()
        }
    }
}

// ---- comparisons and logic ----------------------------------------------------------------

macro_rules! cmp_ops {
    ($($t:ty),*) => {$(
        op2!(Equal: $t => bool; |a, b| a == b);
        op2!(NotEqual: $t => bool; |a, b| a != b);
        op2!(Less: $t => bool; |a, b| a < b);
        op2!(LessEqual: $t => bool; |a, b| a <= b);
        op2!(Greater: $t => bool; |a, b| a > b);
        op2!(GreaterEqual: $t => bool; |a, b| a >= b);
    )*};
}
cmp_ops!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
half2_bool!(Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual);
macro_rules! ccmp_ops {
    ($($t:ty),*) => {$(
        op2!(Equal: $t => bool; |a, b| a.re == b.re && a.im == b.im);
        op2!(NotEqual: $t => bool; |a, b| a.re != b.re || a.im != b.im);
        op2!(Less: $t => bool; |a, b| clt(a, b));
        op2!(LessEqual: $t => bool; |a, b| cle(a, b));
        op2!(Greater: $t => bool; |a, b| clt(b, a));
        op2!(GreaterEqual: $t => bool; |a, b| cle(b, a));
    )*};
}
ccmp_ops!(Complex32, Complex64);

/// NumPy's truth value of an element (complex: either part non-zero; NaN is true).
pub(crate) trait Truth: Copy {
    fn truth(self) -> bool;
}
macro_rules! truth_num {
    ($($t:ty),*) => {$( impl Truth for $t { #[inline(always)] fn truth(self) -> bool { self != (0 as $t) } } )*};
}
truth_num!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
impl Truth for bool {
    #[inline(always)]
    fn truth(self) -> bool {
        self
    }
}
impl Truth for f16 {
    #[inline(always)]
    fn truth(self) -> bool {
        self.to_f32() != 0.0
    }
}
impl Truth for Complex32 {
    #[inline(always)]
    fn truth(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}
impl Truth for Complex64 {
    #[inline(always)]
    fn truth(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}
macro_rules! logic_ops {
    ($($t:ty),*) => {$(
        op2!(LogicalAnd: $t => bool; |a, b| a.truth() && b.truth());
        op2!(LogicalOr: $t => bool; |a, b| a.truth() || b.truth());
        op2!(LogicalXor: $t => bool; |a, b| a.truth() != b.truth());
        op1!(LogicalNot: $t => bool; |x| !x.truth());
    )*};
}
logic_ops!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, f32, f64, Complex32, Complex64);

op2!(BitAnd: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| a & b);
op2!(BitOr: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| a | b);
op2!(BitXor: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| a ^ b);
op1!(Invert: bool => bool; |x| !x);
op1!(Invert: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64; |x| !x);
// Shifts by the bit width or more (or by a negative amount, which C sees as huge) give 0, or the
// sign fill for a right shift of a negative number.
macro_rules! shifts {
    ($($t:ty),*) => {$(
        op2!(LeftShift: $t => $t; |a, b| if (b as u64) < <$t>::BITS as u64 { a << b } else { 0 });
        op2!(RightShift: $t => $t; |a, b| if (b as u64) < <$t>::BITS as u64 { a >> b } else if a < 0 { (0 as $t).wrapping_sub(1) } else { 0 });
    )*};
}
shifts!(i8, i16, i32, i64, u8, u16, u32, u64);

// ---- one-input arithmetic -----------------------------------------------------------------

op1!(Negative: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64;
    |x| x.wrapping_neg());
op1!(Negative: f32 => f32, f64 => f64, Complex32 => Complex32, Complex64 => Complex64; |x| -x);
op1!(Positive: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64,
    f32 => f32, f64 => f64, Complex32 => Complex32, Complex64 => Complex64; |x| x);
op1!(Absolute: bool => bool, u8 => u8, u16 => u16, u32 => u32, u64 => u64; |x| x);
op1!(Absolute: i8 => i8, i16 => i16, i32 => i32, i64 => i64; |x| x.wrapping_abs());
op1!(Absolute: f32 => f32, f64 => f64; |x| x.abs());
// NumPy's complex absolute: the larger part times sqrt(1 + ratio²) (not a correctly rounded hypot).
op1!(Absolute: Complex32 => f32, Complex64 => f64; |z| {
    let (a, b) = (z.re.abs(), z.im.abs());
    if a.is_infinite() || b.is_infinite() {
        return f32::INFINITY as Self::Out;
    }
    if a.is_nan() || b.is_nan() {
        return a + b;
    }
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if hi == 0.0 {
        return 0.0;
    }
    let r = lo / hi;
    hi * (1.0 + r * r).sqrt()
});
op1!(Sign: i8 => i8, i16 => i16, i32 => i32, i64 => i64; |x| x.signum());
op1!(Sign: u8 => u8, u16 => u16, u32 => u32, u64 => u64; |x| (x != 0) as _);
op1!(Sign: f32 => f32, f64 => f64; |x| if x > 0.0 { 1.0 } else if x < 0.0 { -1.0 } else if x == 0.0 { 0.0 } else { x });
op1!(Sign: Complex32 => Complex32, Complex64 => Complex64; |z| {
    let r = z.re.hypot(z.im);
    if r.is_nan() {
        Complex::new(r, r)
    } else if r == 0.0 {
        Complex::new(0.0, 0.0)
    } else if r.is_infinite() {
        // Infinite modulus: the direction of the infinite parts.
        let u = |v: f64| if (v as f64).is_infinite() { v.signum() } else { 0.0 };
        let (re, im) = (u(z.re as f64), u(z.im as f64));
        let n = re.hypot(im);
        Complex::new((re / n) as _, (im / n) as _)
    } else {
        Complex::new(z.re / r, z.im / r)
    }
});
op1!(Square: i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32, u64 => u64;
    |x| x.wrapping_mul(x));
op1!(Square: f32 => f32, f64 => f64; |x| x * x);
op1!(Square: Complex32 => Complex32, Complex64 => Complex64; |x| <Multiply as Op2<_>>::f(x, x));
// Integer reciprocal: NumPy computes 1.0 / x in double and converts back with C's conversion.
macro_rules! int_recip {
    ($($t:ty),*) => {$( op1!(Reciprocal: $t => $t; |x| <$t as FromConv>::from_conv(1.0f64 / x as f64)); )*};
}
int_recip!(i8, i16, i32, i64, u8, u16, u32, u64);
op1!(Reciprocal: f32 => f32, f64 => f64; |x| 1.0 / x);
op1!(Reciprocal: Complex32 => Complex32, Complex64 => Complex64; |z| {
    if z.im.abs() <= z.re.abs() {
        let r = z.im / z.re;
        let d = z.re + z.im * r;
        Complex::new(1.0 / d, -r / d)
    } else {
        let r = z.re / z.im;
        let d = z.re * r + z.im;
        Complex::new(r / d, -1.0 / d)
    }
});
half1!(Negative, Positive, Absolute, Sign, Square, Reciprocal);

// ---- transcendental -----------------------------------------------------------------------

macro_rules! real_fns {
    ($($op:ident => $m:ident),*) => {$(
        op1!($op: f32 => f32, f64 => f64; |x| x.$m());
        half1!($op);
    )*};
}
real_fns!(Sqrt => sqrt, Cbrt => cbrt, Exp => exp, Exp2 => exp2, Expm1 => exp_m1, Log => ln, Log2 => log2,
    Log10 => log10, Log1p => ln_1p, Sin => sin, Cos => cos, Tan => tan, Arcsin => asin, Arccos => acos,
    Arctan => atan, Sinh => sinh, Cosh => cosh, Tanh => tanh);

// Rounding quiets a signalling NaN, as the C library's (and NumPy's) functions do; Rust's may
// pass it through unchanged.
macro_rules! rounding_fns {
    ($($op:ident => $m:ident),*) => {$(
        op1!($op: f32 => f32, f64 => f64; |x| if x.is_nan() { x + x } else { x.$m() });
        half1!($op);
    )*};
}
rounding_fns!(Floor => floor, Ceil => ceil, Trunc => trunc, Rint => round_ties_even);

/// `arctanh` as the C library computes it (NumPy calls `atanh`): on |x| with the sign restored,
/// and `t + t·|x|/(1−|x|)` below one half, so that no `log1p` argument comes near −1 (Rust's
/// `atanh` loses up to 49 ulp there on NumPy's validation vectors).
macro_rules! atanh_libm {
    ($($t:ty),*) => {$(
        impl Op1<$t> for Arctanh {
            type Out = $t;
            #[inline(always)]
            fn f(x: $t) -> $t {
                let xa = x.abs();
                let t = if xa < 0.5 {
                    if xa < (2.0 as $t).powi(-28) {
                        return x;
                    }
                    let t = xa + xa;
                    0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
                } else if xa < 1.0 {
                    0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
                } else if xa == 1.0 {
                    <$t>::INFINITY
                } else {
                    // The C library's 0/0 (the hardware's default NaN, negative) outside the
                    // domain; the error flags of the poles and the domain come from `fpcheck`.
                    return if x.is_nan() { x } else { -<$t>::NAN };
                };
                t.copysign(x)
            }
        }
    )*};
}
atanh_libm!(f32, f64);
half1!(Arctanh);

/// ln 2 and ln 10 in the precision of a complex part (the argument only picks the type).
trait Consts: Sized {
    fn ln2() -> Self;
    fn ln10() -> Self;
}
impl Consts for f32 {
    fn ln2() -> f32 {
        std::f32::consts::LN_2
    }
    fn ln10() -> f32 {
        std::f32::consts::LN_10
    }
}
impl Consts for f64 {
    fn ln2() -> f64 {
        std::f64::consts::LN_2
    }
    fn ln10() -> f64 {
        std::f64::consts::LN_10
    }
}
fn ln2<R: Consts>(_: R) -> R {
    R::ln2()
}
fn ln10<R: Consts>(_: R) -> R {
    R::ln10()
}

// Inverse hyperbolic sine and cosine by the classic fdlibm split (std's overflow for huge
// arguments): ln(2|x|) far out, a log of a rationalised form in the middle, log1p near 0.
macro_rules! inverse_hyperbolic {
    ($($t:ty),*) => {$(
        impl Op1<$t> for Arcsinh {
            type Out = $t;
            fn f(x: $t) -> $t {
                let a = x.abs();
                let r = if !a.is_finite() || a > (1u64 << 28) as $t {
                    a.ln() + <$t as Consts>::ln2()
                } else if a > 2.0 {
                    (2.0 * a + 1.0 / ((a * a + 1.0).sqrt() + a)).ln()
                } else {
                    let t = a * a;
                    (a + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
                };
                r.copysign(x)
            }
        }
        impl Op1<$t> for Arccosh {
            type Out = $t;
            fn f(x: $t) -> $t {
                if x.is_nan() || x < 1.0 {
                    <$t>::NAN
                } else if x > (1u64 << 28) as $t {
                    x.ln() + <$t as Consts>::ln2()
                } else if x > 2.0 {
                    (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln()
                } else {
                    let t = x - 1.0;
                    (t + (2.0 * t + t * t).sqrt()).ln_1p()
                }
            }
        }
    )*};
}
inverse_hyperbolic!(f32, f64);
half1!(Arcsinh, Arccosh);

/// The accurate complex functions of `cmath`, for both complex types.
trait Accurate: Sized {
    fn run(self, f: fn(Complex64) -> Complex64) -> Self;
}
impl Accurate for Complex64 {
    fn run(self, f: fn(Complex64) -> Complex64) -> Self {
        f(self)
    }
}
impl Accurate for Complex32 {
    fn run(self, f: fn(Complex64) -> Complex64) -> Self {
        super::cmath::via64(f, self)
    }
}
fn clog<Z: Accurate>(z: Z) -> Z {
    z.run(super::cmath::ln)
}
macro_rules! accurate_fns {
    ($($op:ident => $f:ident),*) => {$(
        op1!($op: Complex32 => Complex32, Complex64 => Complex64; |z| z.run(super::cmath::$f));
    )*};
}
accurate_fns!(Tan => tan, Sqrt => sqrt, Log => ln, Arcsin => asin, Arccos => acos, Arcsinh => asinh, Arccosh => acosh,
    Arctanh => atanh, Arctan => atan);

fn glibc_exp<T: super::cpow::LibmFloat>(z: Complex<T>) -> Complex<T> {
    let (re, im) = super::cpow::cexp(z.re, z.im);
    Complex::new(re, im)
}

/// Complex cosh and sinh whose real part is past where `e^|x|` overflows the element type (the
/// imaginary part finite): there `cosh x` and `|sinh x|` are both `e^|x| / 2`, and C's
/// ccosh/csinh (NumPy's) form the products with `cos y` and `sin y` with the exponential split
/// in two, so a result that fits comes out finite.
trait BigHyperbolic: Sized {
    /// `(re, im)` of `sinh(x + iy)` (or of `cosh`), or `None` inside the ordinary range.
    fn big(x: Self, y: Self, sinh: bool) -> Option<(Self, Self)>;
}

impl BigHyperbolic for f64 {
    fn big(x: f64, y: f64, sinh: bool) -> Option<(f64, f64)> {
        if !(x.abs() > 709.0 && y.is_finite()) {
            return None;
        }
        let t = 1023.0 * std::f64::consts::LN_2;
        let et = t.exp();
        let (mut c, mut s) = (y.cos() * (et / 2.0), y.sin() * (et / 2.0));
        let mut rx = x.abs() - t;
        if rx > t {
            rx -= t;
            c *= et;
            s *= et;
        }
        let scale = if rx > t { f64::MAX } else { rx.exp() };
        let (c, s) = (scale * c, scale * s);
        let sign = x.signum();
        Some(if sinh { (sign * c, s) } else { (c, sign * s) })
    }
}

impl BigHyperbolic for f32 {
    fn big(x: f32, y: f32, sinh: bool) -> Option<(f32, f32)> {
        if !(x.abs() > 88.0 && y.is_finite()) {
            return None;
        }
        // float64 holds e^|x| for every float32 result that fits: compute there, round once.
        let (x, y) = (f64::from(x), f64::from(y));
        let (ch, sh) = (x.cosh(), x.sinh());
        let (re, im) = if sinh { (sh * y.cos(), ch * y.sin()) } else { (ch * y.cos(), sh * y.sin()) };
        Some((re as f32, im as f32))
    }
}

macro_rules! complex_fns {
    ($($op:ident => |$z:ident| $body:expr),*) => {$(
        op1!($op: Complex32 => Complex32, Complex64 => Complex64; |$z| $body);
    )*};
}
complex_fns!(
    // The C library's cexp: exact zero imaginary parts stay zero beside an overflowing real part.
    Exp => |z| glibc_exp(z),
    Exp2 => |z| glibc_exp(z * ln2(z.re)),
    Expm1 => |z| {
        // exp(z) - 1 without cancellation for small |z|: expm1(x) cos y - 2 sin²(y/2) + i e^x sin y.
        let (x, y) = (z.re, z.im);
        let s = (y / 2.0).sin();
        Complex::new(x.exp_m1() * y.cos() - 2.0 * s * s, x.exp() * y.sin())
    },
    Log2 => |z| clog(z) / ln2(z.re),
    Log10 => |z| clog(z) / ln10(z.re),
    // NumPy's own formula, in the element's precision: log|1 + z| + i arg(1 + z), which loses
    // the digits of a tiny z to the rounding of 1 + x (NumPy's answers do too).
    Log1p => |z| {
        let w = z.re + 1.0;
        Complex::new(w.hypot(z.im).ln(), z.im.atan2(w))
    },
    Sin => |z| z.sin(),
    Cos => |z| z.cos(),
    Sinh => |z| if z.im == 0.0 {
        Complex::new(z.re.sinh(), z.im)
    } else if let Some((re, im)) = BigHyperbolic::big(z.re, z.im, true) {
        Complex::new(re, im)
    } else {
        z.sinh()
    },
    Cosh => |z| if z.im == 0.0 {
        Complex::new(z.re.cosh(), z.im * z.re.signum())
    } else if let Some((re, im)) = BigHyperbolic::big(z.re, z.im, false) {
        Complex::new(re, im)
    } else {
        z.cosh()
    },
    Tanh => |z| {
        // Far from the origin tanh is ±1 to every digit; the quotient form would be inf/inf.
        if z.re.abs() > 22.0 {
            Complex::new(z.re.signum(), (2.0 * z.im).sin().signum() * 0.0)
        } else if z.im == 0.0 {
            Complex::new(z.re.tanh(), z.im)
        } else if z.re.is_finite() && z.im.is_finite() {
            z.run(super::cmath::tanh)
        } else {
            z.tanh()
        }
    },
    Rint => |z| Complex::new(z.re.round_ties_even(), z.im.round_ties_even())
);

// Rounding of integers and bools is the identity (NumPy 2 keeps their dtype).
op1!(Floor: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |x| x);
op1!(Ceil: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |x| x);
op1!(Trunc: bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |x| x);

// ---- classification -----------------------------------------------------------------------

op1!(IsNan: bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool, u16 => bool,
    u32 => bool, u64 => bool; |_x| false);
op1!(IsInf: bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool, u16 => bool,
    u32 => bool, u64 => bool; |_x| false);
op1!(IsFinite: bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool, u16 => bool,
    u32 => bool, u64 => bool; |_x| true);
op1!(IsNan: f32 => bool, f64 => bool; |x| x.is_nan());
op1!(IsInf: f32 => bool, f64 => bool; |x| x.is_infinite());
op1!(IsFinite: f32 => bool, f64 => bool; |x| x.is_finite());
op1!(Signbit: f32 => bool, f64 => bool; |x| x.is_sign_negative());
op1!(IsNan: Complex32 => bool, Complex64 => bool; |z| z.re.is_nan() || z.im.is_nan());
op1!(IsInf: Complex32 => bool, Complex64 => bool; |z| z.re.is_infinite() || z.im.is_infinite());
op1!(IsFinite: Complex32 => bool, Complex64 => bool; |z| z.re.is_finite() && z.im.is_finite());
half1_bool!(IsNan, IsInf, IsFinite, Signbit);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_floor_division_and_remainder() {
        assert_eq!(<FloorDivide as Op2<i8>>::f(-7, 2), -4);
        assert_eq!(<Remainder as Op2<i8>>::f(-7, 2), 1);
        assert_eq!(<Fmod as Op2<i8>>::f(-7, 2), -1);
        assert_eq!(<FloorDivide as Op2<f64>>::f(1.0, f64::NEG_INFINITY), -1.0);
        assert_eq!(<Remainder as Op2<f64>>::f(1.0, f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!(<FloorDivide as Op2<f64>>::f(f64::INFINITY, 3.0).is_nan());
    }

    #[test]
    fn complex_division_by_zero_and_scaling() {
        let z = <Divide as Op2<Complex64>>::f(Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0));
        assert!(z.re.is_infinite() && z.im.is_nan());
        let w = <Reciprocal as Op1<Complex64>>::f(Complex64::new(1e300, 1e300));
        assert!((w.re - 5e-301).abs() < 1e-310 && (w.im + 5e-301).abs() < 1e-310);
    }
}

//! Floating-point error detection from values: after a float loop, the result is scanned for
//! NaN and infinities (one typed pass, vectorisable); only when one is found are the inputs
//! read to tell an invalid operation, an overflow and a division by zero apart, as IEEE 754's
//! flags would. Reading values rather than the processor's status flags keeps this independent
//! of how the compiler schedules or vectorises the loops.

use super::errstate::{geterr, ErrPolicy, Flag};
use super::lanes::Lane;
use super::{Fpe, Pole};
use crate::dtype::NumType;
use crate::iter::Plan;
use crate::{NdArray, Result, Scalar};
use half::f16;
use num_complex::{Complex32, Complex64};

trait Finite: Lane {
    /// Not finite, or (with `tiny`) subnormal.
    fn unusual(self, tiny: bool) -> bool;
}
impl Finite for f16 {
    fn unusual(self, tiny: bool) -> bool {
        !self.is_finite() || (tiny && !self.is_normal())
    }
}
macro_rules! finite_real {
    ($($t:ty),*) => {$( impl Finite for $t {
        fn unusual(self, tiny: bool) -> bool { !self.is_finite() || (tiny && (self.is_subnormal() || self == 0.0)) }
    } )*};
}
finite_real!(f32, f64);
impl Finite for Complex32 {
    fn unusual(self, tiny: bool) -> bool {
        self.re.unusual(tiny) || self.im.unusual(tiny)
    }
}
impl Finite for Complex64 {
    fn unusual(self, tiny: bool) -> bool {
        self.re.unusual(tiny) || self.im.unusual(tiny)
    }
}

fn any_unusual<T: Finite>(a: &NdArray, tiny: bool) -> Result<bool> {
    let plan = Plan::new(a.shape(), &[(a.offset(), a.strides())])?;
    let scan = |plan: &Plan, bytes: &[u8]| {
        let mut found = false;
        plan.for_each_run(|len, offs, st| {
            if found {
                return;
            }
            // Contiguous aligned runs are scanned as typed slices (vectorised); others by bytes.
            let n = std::mem::size_of::<T::Repr>();
            if st[0] == n as isize {
                if let Ok(run) = bytemuck::try_cast_slice::<u8, T::Repr>(&bytes[offs[0]..offs[0] + len * n]) {
                    found = run.iter().any(|&r| T::from_repr(r).unusual(tiny));
                    return;
                }
            }
            let mut at = offs[0] as isize;
            for _ in 0..len {
                if T::read(bytes, at as usize).unusual(tiny) {
                    found = true;
                    return;
                }
                at += st[0];
            }
        });
        found
    };
    Ok(a.storage().with_read(|bytes| {
        // A large result is scanned in parts on rayon's threads (a read-only split).
        if plan.len() >= crate::iter::par::PAR_MIN && rayon::current_num_threads() > 1 {
            crate::iter::par::each(plan.split(2 * rayon::current_num_threads()), |p| scan(&p, bytes)).contains(&true)
        } else {
            scan(&plan, bytes)
        }
    }))
}

fn c128(s: Scalar) -> Complex64 {
    match s.cast(NumType::Complex128) {
        Scalar::C128(z) => z,
        _ => Complex64::new(f64::NAN, f64::NAN),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tiny {
    Never,
    Product,
    Quotient,
    /// NumPy's float floor division: only a zero quotient divides again (for its sign).
    FloorQuotient,
    Always,
}

/// The flags a float result `out` of inputs `ins` (broadcast with `bstrides` to `shape`) implies.
pub(crate) fn check(
    fpe: Fpe,
    name: &str,
    out: &NdArray,
    ins: &[NdArray],
    bstrides: &[Vec<isize>],
    shape: &[usize],
) -> Result<u8> {
    let st = geterr();
    let tiny = st.under != ErrPolicy::Ignore;
    if st.divide == ErrPolicy::Ignore && st.over == ErrPolicy::Ignore && st.invalid == ErrPolicy::Ignore && !tiny {
        return Ok(0);
    }
    let Some(t) = out.dtype().num_type() else { return Ok(0) };
    let found = match t {
        NumType::Float16 => any_unusual::<f16>(out, tiny)?,
        NumType::Float32 => any_unusual::<f32>(out, tiny)?,
        NumType::Float64 => any_unusual::<f64>(out, tiny)?,
        NumType::Complex64 => any_unusual::<Complex32>(out, tiny)?,
        NumType::Complex128 => any_unusual::<Complex64>(out, tiny)?,
        NumType::Bool
        | NumType::Int8
        | NumType::Int16
        | NumType::Int32
        | NumType::Int64
        | NumType::UInt8
        | NumType::UInt16
        | NumType::UInt32
        | NumType::UInt64 => false,
    };
    if !found {
        return Ok(0);
    }
    // The rare path: element by element, as complex128 values.
    let outs: Vec<Complex64> = out.to_scalars().into_iter().map(c128).collect();
    let mut inputs: Vec<Vec<Complex64>> = Vec::with_capacity(ins.len());
    for (a, s) in ins.iter().zip(bstrides) {
        let v = a.derive_view(a.dtype().clone(), shape.to_vec(), s.clone(), a.offset(), false)?;
        inputs.push(v.to_scalars().into_iter().map(c128).collect());
    }
    let min_normal = match t.real_type() {
        NumType::Float16 => 6.103515625e-05,
        NumType::Float32 => f32::MIN_POSITIVE as f64,
        _ => f64::MIN_POSITIVE,
    };
    // IEEE underflow is a tiny result that is also inexact. Sums, differences, remainders and
    // sign operations of floats are exact whenever their result is tiny, so they never underflow;
    // a product or quotient is checked exactly; a transcendental function's tiny result is
    // inexact.
    let rule = match name {
        "multiply" | "square" => Tiny::Product,
        "divide" => Tiny::Quotient,
        "floor_divide" => Tiny::FloorQuotient,
        // tanh is missing on purpose: NumPy's vector tanh returns a tiny argument unflagged.
        "exp" | "exp2" | "expm1" | "power" | "sin" | "tan" | "arcsin" | "arctan" | "sinh" | "arcsinh" | "arctanh"
        | "log1p" | "cbrt" | "arctan2" | "hypot" | "log" | "log2" | "log10" | "reciprocal" => Tiny::Always,
        _ => Tiny::Never,
    };
    let mut flags = 0u8;
    for (i, o) in outs.iter().enumerate() {
        let xs: Vec<Complex64> = inputs.iter().map(|v| v[i]).collect();
        let nan_in = xs.iter().any(|z| z.re.is_nan() || z.im.is_nan());
        let finite_in = xs.iter().all(|z| z.re.is_finite() && z.im.is_finite());
        if (o.re.is_nan() || o.im.is_nan()) && !nan_in {
            flags |= Flag::Invalid as u8;
        }
        if (o.re.is_infinite() || o.im.is_infinite()) && finite_in {
            let zero = |z: &Complex64| z.re == 0.0 && z.im == 0.0;
            let pole = match fpe {
                Fpe::Pole(Pole::Divisor) => xs.get(1).is_some_and(zero),
                Fpe::Pole(Pole::Zero) => xs.first().is_some_and(zero),
                Fpe::Pole(Pole::MinusOne) => xs.first().is_some_and(|z| z.re == -1.0 && z.im == 0.0),
                Fpe::Pole(Pole::PlusMinusOne) => xs.first().is_some_and(|z| z.re.abs() == 1.0 && z.im == 0.0),
                Fpe::Pole(Pole::Power) => xs.first().is_some_and(zero) && xs.get(1).is_some_and(|z| z.re < 0.0),
                Fpe::Values | Fpe::None => false,
            };
            flags |= if pole { Flag::Divide as u8 } else { Flag::Overflow as u8 };
        }
        if tiny && rule == Tiny::FloorQuotient {
            if let (true, Some(x), Some(y)) = (finite_in, xs.first(), xs.get(1)) {
                let (a, b) = (x.re, y.re);
                // NumPy: mod = fmod(a, b), div = (a - mod) / b, one less when the signs of mod and
                // b differ; a zero div takes its sign from a / b, which may underflow.
                let m = a % b;
                let mut div = (a - m) / b;
                if m != 0.0 && (b < 0.0) != (m < 0.0) {
                    div -= 1.0;
                }
                if b != 0.0 && div == 0.0 {
                    let q = round_to(a / b, t.real_type());
                    let small = (q != 0.0 && q.abs() < min_normal) || (q == 0.0 && a != 0.0);
                    if small && q.mul_add(b, -a) != 0.0 {
                        flags |= Flag::Underflow as u8;
                    }
                }
            }
            continue;
        }
        if tiny && finite_in && rule != Tiny::Never && o.im == 0.0 && xs.iter().all(|z| z.im == 0.0) {
            let r = o.re;
            let nonzero_in = xs.iter().all(|z| z.re != 0.0);
            // hypot with a zero argument is the other's magnitude, exactly.
            if name == "hypot" && !nonzero_in {
                continue;
            }
            // A logarithm is zero only at exactly 1: an exact result.
            let exact_zero = matches!(name, "log" | "log2" | "log10");
            let small = (r != 0.0 && r.abs() < min_normal) || (r == 0.0 && nonzero_in && !exact_zero);
            let inexact = match (rule, xs.first(), xs.get(1)) {
                // Nonzero factors (or a nonzero dividend) never give an exact zero.
                (Tiny::Product | Tiny::Quotient, _, _) if r == 0.0 && nonzero_in => true,
                (Tiny::Product, Some(x), Some(y)) => product_inexact(x.re, y.re, r),
                (Tiny::Product, Some(x), None) => product_inexact(x.re, x.re, r),
                (Tiny::Quotient, Some(x), Some(y)) => r.mul_add(y.re, -x.re) != 0.0,
                _ => true,
            };
            if small && inexact {
                flags |= Flag::Underflow as u8;
            }
        }
    }
    Ok(flags)
}

/// Whether the tiny `r` is not exactly `x * y`. The residual `x*y - r` is found with one fma
/// after scaling the smaller factor by 2^600 (exact: it is below 2^-511), so the residual of a
/// product near the bottom of the subnormal range does not itself round to zero.
pub(crate) fn product_inexact(x: f64, y: f64, r: f64) -> bool {
    let scale = 2f64.powi(600);
    let (small, big) = if x.abs() <= y.abs() { (x, y) } else { (y, x) };
    (small * scale).mul_add(big, -(r * scale)) != 0.0
}

/// `x` rounded to the precision of the real float type `t`.
fn round_to(x: f64, t: NumType) -> f64 {
    match t {
        NumType::Float16 => half::f16::from_f64(x).to_f64(),
        NumType::Float32 => x as f32 as f64,
        _ => x,
    }
}

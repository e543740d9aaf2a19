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
    let mut found = false;
    a.storage().with_read(|bytes| {
        plan.for_each_run(|len, offs, st| {
            if found {
                return;
            }
            let mut at = offs[0] as isize;
            for _ in 0..len {
                if T::read(bytes, at as usize).unusual(tiny) {
                    found = true;
                    return;
                }
                at += st[0];
            }
        })
    });
    Ok(found)
}

fn c128(s: Scalar) -> Complex64 {
    match s.cast(NumType::Complex128) {
        Scalar::C128(z) => z,
        _ => Complex64::new(f64::NAN, f64::NAN),
    }
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
        let v = a.view_raw(a.dtype(), shape, s, a.offset())?;
        inputs.push(v.to_scalars().into_iter().map(c128).collect());
    }
    let min_normal = match t.real_type() {
        NumType::Float16 => 6.103515625e-05,
        NumType::Float32 => f32::MIN_POSITIVE as f64,
        _ => f64::MIN_POSITIVE,
    };
    let underflows_to_zero = matches!(name, "multiply" | "divide" | "square" | "exp" | "exp2" | "power");
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
        if tiny && finite_in {
            for part in [o.re, o.im] {
                let sub = part != 0.0 && part.abs() < min_normal;
                let flushed = part == 0.0 && underflows_to_zero && xs.iter().all(|z| z.re != 0.0 || z.im != 0.0);
                if sub || (flushed && o.im == 0.0 && part == o.re) {
                    flags |= Flag::Underflow as u8;
                }
            }
        }
    }
    Ok(flags)
}

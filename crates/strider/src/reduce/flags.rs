//! Floating-point flags of the reductions: the "overflow encountered in reduce" and
//! "invalid value encountered in accumulate" that NumPy's sum, prod, cumsum and cumprod loops
//! raise, and the subtract and square steps inside `var`.
//!
//! Owns only the detection, from values, as `ufunc::fpcheck` does for element-wise loops: the
//! kernels in `engine` and `arith` stay free of flag tests. A fold is checked only when one of
//! its results is not finite (or is tiny, when underflow is not ignored), since an overflow or
//! an invalid operation leaves an infinity or a NaN that later additions and products keep. Only
//! then are the inputs read again and the steps replayed, in the input's memory order.
//!
//! The replay is exact for every step it makes; the order of its steps is the input's memory
//! order, where NumPy's pairwise sum groups runs of eight or more differently. The two can
//! disagree only on a slice that holds a NaN or an infinity *and* a step that overflows or
//! meets `inf - inf`; results that are infinite or NaN with no such input are flagged whatever
//! the order.

use super::arith::Arith;
use super::engine::{Fold, MaskRef};
use crate::array::NdArray;
use crate::dtype::{Kind, NumType};
use crate::iter::Plan;
use crate::ufunc::errstate::{geterr, ErrPolicy, Flag};
use crate::Result;
use num_complex::Complex64;

const INVALID: u8 = Flag::Invalid as u8;
const OVERFLOW: u8 = Flag::Overflow as u8;
const UNDERFLOW: u8 = Flag::Underflow as u8;

/// The flag checks of one float type under the current error policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FpSteps {
    /// The real type the steps round to (float32 for float16: NumPy's half loops work in float).
    work: NumType,
    complex: bool,
    /// Whether underflow is reported at all (it is ignored by default).
    tiny: bool,
}

impl FpSteps {
    /// The checks for a reduction loop in type `t` (float16 runs accumulate in float32); `None`
    /// when `t` is not a float or complex type or every kind of error is ignored, so callers
    /// skip all work.
    pub(crate) fn new(t: NumType) -> Option<FpSteps> {
        Self::with_work(t, false)
    }

    /// The checks for element-wise steps in type `t` (cumulative sums and products, the
    /// subtract and square of `var`): float16 rounds to float16 after every step.
    pub(crate) fn elementwise(t: NumType) -> Option<FpSteps> {
        Self::with_work(t, true)
    }

    fn with_work(t: NumType, half_steps: bool) -> Option<FpSteps> {
        if !t.is_inexact() {
            return None;
        }
        let st = geterr();
        let off = |p: ErrPolicy| p == ErrPolicy::Ignore;
        if off(st.divide) && off(st.over) && off(st.invalid) && off(st.under) {
            return None;
        }
        let work = match t.real_type() {
            NumType::Float16 if !half_steps => NumType::Float32,
            r => r,
        };
        Some(FpSteps { work, complex: t.kind() == Kind::Complex, tiny: !off(st.under) })
    }

    fn round(&self, x: f64) -> f64 {
        // Rounding the exact-enough f64 result of +, - or * of two narrower floats gives the
        // narrower type's own result (f64 carries more than twice their precision).
        match self.work {
            NumType::Float16 => half::f16::from_f64(x).to_f64(),
            NumType::Float32 => x as f32 as f64,
            _ => x,
        }
    }

    fn min_normal(&self) -> f64 {
        match self.work {
            NumType::Float16 => 6.103515625e-05,
            NumType::Float32 => f32::MIN_POSITIVE as f64,
            _ => f64::MIN_POSITIVE,
        }
    }

    /// Whether a result of a `prod` (or not) step calls for the detailed check: a part that is
    /// not finite, or, when underflow is reported, a tiny part of a product. A complex product
    /// can underflow inside while its result is normal, so with underflow on every one is checked.
    pub(crate) fn unusual(&self, prod: bool, z: Complex64) -> bool {
        let tiny = |x: f64| x == 0.0 || x.abs() < self.min_normal();
        !z.re.is_finite() || !z.im.is_finite() || (self.tiny && prod && (self.complex || tiny(z.re) || tiny(z.im)))
    }

    fn add(&self, a: f64, b: f64) -> (f64, u8) {
        let r = self.round(a + b);
        let mut f = 0;
        if r.is_nan() && !a.is_nan() && !b.is_nan() {
            f |= INVALID;
        }
        if r.is_infinite() && a.is_finite() && b.is_finite() {
            f |= OVERFLOW;
        }
        (r, f)
    }

    fn mul(&self, a: f64, b: f64) -> (f64, u8) {
        let r = self.round(a * b);
        let mut f = 0;
        if r.is_nan() && !a.is_nan() && !b.is_nan() {
            f |= INVALID;
        }
        if r.is_infinite() && a.is_finite() && b.is_finite() {
            f |= OVERFLOW;
        }
        if self.tiny && r.is_finite() && a.is_finite() && b.is_finite() {
            let small = (r == 0.0 && a != 0.0 && b != 0.0) || (r != 0.0 && r.abs() < self.min_normal());
            if small && crate::ufunc::fpcheck::product_inexact(a, b, r) {
                f |= UNDERFLOW;
            }
        }
        (r, f)
    }

    /// `a + b` (`prod`: `a * b`) as NumPy's loop computes it, with the flags the step raises.
    pub(crate) fn step(&self, prod: bool, a: Complex64, b: Complex64) -> (Complex64, u8) {
        match (prod, self.complex) {
            (false, false) => {
                let (r, f) = self.add(a.re, b.re);
                (Complex64::new(r, 0.0), f)
            }
            (false, true) => {
                let ((re, f1), (im, f2)) = (self.add(a.re, b.re), self.add(a.im, b.im));
                (Complex64::new(re, im), f1 | f2)
            }
            (true, false) => {
                let (r, f) = self.mul(a.re, b.re);
                (Complex64::new(r, 0.0), f)
            }
            (true, true) => {
                // NumPy's scalar complex product: (ar*br - ai*bi) + (ar*bi + ai*br)i.
                let (p1, f1) = self.mul(a.re, b.re);
                let (p2, f2) = self.mul(a.im, b.im);
                let (p3, f3) = self.mul(a.re, b.im);
                let (p4, f4) = self.mul(a.im, b.re);
                let (re, f5) = self.add(p1, -p2);
                let (im, f6) = self.add(p3, p4);
                (Complex64::new(re, im), f1 | f2 | f3 | f4 | f5 | f6)
            }
        }
    }

    /// The flags of `x * x` for each real part (NumPy's `square`), and for a complex `x` of the
    /// sum of the two squares (its `add`): `(square, add)`.
    pub(crate) fn square_abs(&self, x: Complex64) -> (u8, u8) {
        let (re2, f1) = self.mul(x.re, x.re);
        if !self.complex {
            return (f1, 0);
        }
        let (im2, f2) = self.mul(x.im, x.im);
        (f1 | f2, self.add(re2, im2).1)
    }

    /// The flags of `x - m` (NumPy's `subtract`).
    pub(crate) fn subtract(&self, x: Complex64, m: Complex64) -> u8 {
        let f = self.add(x.re, -m.re).1;
        if self.complex {
            f | self.add(x.im, -m.im).1
        } else {
            f
        }
    }
}

/// The flags of a sum or product fold whose results are `acc` (in the memory order of the
/// accumulator with element strides `s_acc` per input axis), over `src` (native, of the fold's
/// type), started from `seed`, over the elements `mask` selects.
pub(crate) fn fold_flags<S: Arith>(
    f: Fold,
    t: NumType,
    src: &NdArray,
    s_acc: &[isize],
    acc: &[S],
    seed: Option<S>,
    mask: Option<MaskRef<'_>>,
) -> Result<u8> {
    let prod = match f {
        Fold::Sum => false,
        Fold::Prod => true,
        _ => return Ok(0),
    };
    let Some(fp) = FpSteps::new(t) else { return Ok(0) };
    let odd: Vec<bool> = acc.iter().map(|x| fp.unusual(prod, x.to_c128())).collect();
    if !odd.contains(&true) || src.size() == 0 {
        return Ok(0);
    }
    // The rare path: gather the slices of the unusual results, then replay them.
    let mut lanes: Vec<Vec<Complex64>> = vec![Vec::new(); acc.len()];
    if let Some(s) = seed {
        for (k, lane) in lanes.iter_mut().enumerate() {
            if odd[k] {
                lane.push(s.to_c128());
            }
        }
    }
    let zeros = vec![0isize; src.ndim()];
    let (m_off, m_strides) = mask.map_or((0, &zeros[..]), |m| (m.offset, m.strides));
    let plan = Plan::new(src.shape(), &[(src.offset(), src.strides()), (0, s_acc), (m_off, m_strides)])?;
    let sz = std::mem::size_of::<S>();
    src.storage().with_read(|b| {
        plan.for_each_run(|len, offs, st| {
            for i in 0..len as isize {
                let k = (offs[1] as isize + i * st[1]) as usize;
                let keep = mask.is_none_or(|m| m.bytes[(offs[2] as isize + i * st[2]) as usize] != 0);
                if odd[k] && keep {
                    let at = (offs[0] as isize + i * st[0]) as usize;
                    lanes[k].push(S::from_ne_slice(&b[at..at + sz]).to_c128());
                }
            }
        });
    });
    let mut flags = 0;
    for (k, lane) in lanes.iter().enumerate() {
        if !odd[k] || lane.is_empty() {
            continue;
        }
        let mut a = lane[0];
        let mut lane_flags = 0;
        for &x in &lane[1..] {
            let (r, fl) = fp.step(prod, a, x);
            lane_flags |= fl;
            a = r;
        }
        let r = acc[k].to_c128();
        // A NaN, once made, stays: with none in the result, no step was invalid (the replay's
        // plain complex product can meet inf - inf where NumPy's fused one does not).
        if !r.re.is_nan() && !r.im.is_nan() {
            lane_flags &= !INVALID;
        }
        flags |= lane_flags;
        // Whatever the order of the steps: a NaN from no NaN is invalid, an infinity from finite
        // values an overflow (float16's last rounding from float32 included).
        let has = |p: fn(f64) -> bool| lane.iter().any(|z| p(z.re) || p(z.im));
        if (r.re.is_nan() || r.im.is_nan()) && !has(f64::is_nan) {
            flags |= INVALID;
        }
        if (r.re.is_infinite() || r.im.is_infinite()) && !has(|x| !x.is_finite()) {
            flags |= OVERFLOW;
        }
    }
    Ok(flags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ufunc::{errstate, ErrState};

    fn c(re: f64) -> Complex64 {
        Complex64::new(re, 0.0)
    }

    #[test]
    fn steps_flag_what_ieee_flags() {
        let fp = FpSteps::new(NumType::Float64).unwrap();
        assert_eq!(fp.step(false, c(1e308), c(1e308)).1, OVERFLOW);
        assert_eq!(fp.step(false, c(f64::INFINITY), c(f64::NEG_INFINITY)).1, INVALID);
        assert_eq!(fp.step(false, c(f64::NAN), c(f64::INFINITY)).1, 0);
        assert_eq!(fp.step(true, c(f64::INFINITY), c(0.0)).1, INVALID);
        assert_eq!(fp.step(true, c(f64::INFINITY), c(-2.0)).1, 0);
        // float32 overflows at its own maximum, not float64's.
        let f4 = FpSteps::new(NumType::Float32).unwrap();
        assert_eq!(f4.step(false, c(3e38), c(3e38)).1, OVERFLOW);
        assert_eq!(f4.step(false, c(1e38), c(1e38)).1, 0);
    }

    #[test]
    fn underflow_only_when_reported_and_inexact() {
        let fp = FpSteps::new(NumType::Float64).unwrap();
        assert_eq!(fp.step(true, c(1e-200), c(1e-200)).1, 0);
        let all = ErrState::all(crate::ufunc::ErrPolicy::Warn);
        errstate(all, || {
            let fp = FpSteps::new(NumType::Float64).unwrap();
            assert_eq!(fp.step(true, c(1e-200), c(1e-200)).1, UNDERFLOW);
            // 2^-1060 * 2^10 = 2^-1050 is subnormal but exact: no underflow.
            assert_eq!(fp.step(true, c(2f64.powi(-1060)), c(1024.0)).1, 0);
            // A complex product can underflow inside a normal result.
            let z = FpSteps::new(NumType::Complex128).unwrap();
            assert!(z.unusual(true, Complex64::new(1.0, 1.0)));
            assert_eq!(z.step(true, Complex64::new(1e-200, 1.0), Complex64::new(1e-200, 1.0)).1, UNDERFLOW);
        });
    }

    #[test]
    fn float16_steps_round_to_float16_unless_accumulated() {
        assert_eq!(FpSteps::elementwise(NumType::Float16).unwrap().step(true, c(300.0), c(300.0)).1, OVERFLOW);
        assert_eq!(FpSteps::new(NumType::Float16).unwrap().step(true, c(300.0), c(300.0)).1, 0);
    }

    #[test]
    fn ignored_policy_or_integer_type_checks_nothing() {
        assert!(FpSteps::new(NumType::Int64).is_none());
        let none = ErrState::all(crate::ufunc::ErrPolicy::Ignore);
        assert!(errstate(none, || FpSteps::new(NumType::Float64)).is_none());
    }

    #[test]
    fn square_and_subtract_split_their_flags() {
        let z = FpSteps::new(NumType::Complex128).unwrap();
        // Each square is finite; their sum overflows: the add's flag, not the square's.
        assert_eq!(z.square_abs(Complex64::new(1e154, 1e154)), (0, OVERFLOW));
        assert_eq!(z.square_abs(Complex64::new(1e155, 0.0)), (OVERFLOW, 0));
        assert_eq!(z.subtract(Complex64::new(f64::INFINITY, 0.0), Complex64::new(f64::INFINITY, 1.0)), INVALID);
    }
}

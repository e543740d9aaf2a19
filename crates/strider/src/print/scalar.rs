//! NumPy 2's `str` and `repr` of scalars: `1.5` / `np.float64(1.5)`, `3` / `np.int8(3)`,
//! `True` / `np.True_`, `(1+2j)` / `np.complex128(1+2j)`.
//!
//! Owns: `impl Display for Scalar` (NumPy's `str`) and [`Scalar::repr`].

use super::element::float_kind;
use super::float::{scalar_str, FloatKind, Trim};
use crate::Scalar;
use std::fmt;

/// NumPy's `str` of a complex scalar: `(1+2j)`, `(1.5-0j)`, or just the imaginary part (`2j`)
/// when the real part is +0.
fn complex_str(re: f64, im: f64, kind: FloatKind) -> String {
    let im_text = scalar_str(im, kind, Trim::Dash);
    if re == 0.0 && !re.is_sign_negative() {
        return format!("{im_text}j");
    }
    let im_text = if im.is_nan() || !im_text.starts_with('-') { format!("+{im_text}") } else { im_text };
    format!("({}{im_text}j)", scalar_str(re, kind, Trim::Dash))
}

impl fmt::Display for Scalar {
    /// NumPy's `str(scalar)`: shortest round-trip digits in the scalar's own type.
    ///
    /// ```
    /// use strider::Scalar;
    /// use num_complex::Complex64;
    /// assert_eq!(Scalar::F64(1.0 / 3.0).to_string(), "0.3333333333333333");
    /// assert_eq!(Scalar::F32(0.1).to_string(), "0.1");
    /// assert_eq!(Scalar::F64(1e16).to_string(), "1e+16");
    /// assert_eq!(Scalar::F64(2.0).to_string(), "2.0");
    /// assert_eq!(Scalar::C128(Complex64::new(1.0, 2.0)).to_string(), "(1+2j)");
    /// assert_eq!(Scalar::Bool(true).to_string(), "True");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.num_type();
        let text = match *self {
            Scalar::Bool(v) => String::from(if v { "True" } else { "False" }),
            Scalar::I8(v) => v.to_string(),
            Scalar::I16(v) => v.to_string(),
            Scalar::I32(v) => v.to_string(),
            Scalar::I64(v) => v.to_string(),
            Scalar::U8(v) => v.to_string(),
            Scalar::U16(v) => v.to_string(),
            Scalar::U32(v) => v.to_string(),
            Scalar::U64(v) => v.to_string(),
            Scalar::F16(v) => scalar_str(v.to_f64(), float_kind(t), Trim::Zero),
            Scalar::F32(v) => scalar_str(f64::from(v), float_kind(t), Trim::Zero),
            Scalar::F64(v) => scalar_str(v, float_kind(t), Trim::Zero),
            Scalar::C64(v) => complex_str(f64::from(v.re), f64::from(v.im), float_kind(t)),
            Scalar::C128(v) => complex_str(v.re, v.im, float_kind(t)),
        };
        f.write_str(&text)
    }
}

impl Scalar {
    /// NumPy 2's `repr(scalar)`: the type's name around the `str` text, `np.True_`/`np.False_`
    /// for bools, and no parentheses of its own around a complex value.
    ///
    /// ```
    /// use strider::Scalar;
    /// use num_complex::Complex64;
    /// assert_eq!(Scalar::F64(1.5).repr(), "np.float64(1.5)");
    /// assert_eq!(Scalar::I8(3).repr(), "np.int8(3)");
    /// assert_eq!(Scalar::Bool(true).repr(), "np.True_");
    /// assert_eq!(Scalar::C128(Complex64::new(1.0, 2.0)).repr(), "np.complex128(1+2j)");
    /// assert_eq!(Scalar::F32(f32::NAN).repr(), "np.float32(nan)");
    /// ```
    pub fn repr(&self) -> String {
        match *self {
            Scalar::Bool(v) => String::from(if v { "np.True_" } else { "np.False_" }),
            _ => {
                let s = self.to_string();
                let inner = match self {
                    Scalar::C64(_) | Scalar::C128(_) => {
                        s.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(&s).to_string()
                    }
                    _ => s,
                };
                format!("np.{}({inner})", self.num_type().name())
            }
        }
    }
}

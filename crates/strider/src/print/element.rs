//! Element formatters: how one element of an array becomes text, given all displayed elements.
//!
//! Owns: NumPy's per-dtype formatters (`BoolFormat`, `IntegerFormat`, `FloatingFormat`,
//! `ComplexFloatingFormat`): the choice between positional and scientific notation, the common
//! widths that align columns, and the rendering of nan and inf. A formatter is built once from
//! the displayed elements (the corners of a summarised array) and then applied to each.

use super::float::{positional, scientific, FloatKind, Style, Trim};
use super::options::{FloatMode, PrintOptions, Sign};
use crate::dtype::{Kind, NumType};
use crate::Scalar;

/// A formatter for the elements of one array.
#[derive(Clone, Debug)]
pub(crate) enum ElementFormat {
    /// `True` / `False`, with `True` padded to five characters unless the array is 0-d.
    Bool { pad_true: bool },
    /// Decimal integers right-aligned to a common width.
    Int { width: usize, sign: Sign },
    /// Floats.
    Float(FloatFormat),
    /// Complex numbers: a real part and an imaginary part with a forced sign.
    Complex(FloatFormat, FloatFormat),
}

impl ElementFormat {
    /// The formatter NumPy would choose for elements of type `t`, given the displayed `data`.
    pub(crate) fn new(t: NumType, data: &[Scalar], zero_dim: bool, opts: &PrintOptions) -> ElementFormat {
        match t.kind() {
            Kind::Bool => ElementFormat::Bool { pad_true: !zero_dim },
            Kind::Int | Kind::UInt => int_format(data, opts.sign),
            Kind::Float => {
                let kind = float_kind(t);
                let vals: Vec<f64> = data.iter().map(real_part).collect();
                ElementFormat::Float(FloatFormat::new(&vals, kind, opts, opts.sign))
            }
            Kind::Complex => {
                let kind = float_kind(t.real_type());
                let re: Vec<f64> = data.iter().map(real_part).collect();
                let im: Vec<f64> = data.iter().map(imag_part).collect();
                ElementFormat::Complex(
                    FloatFormat::new(&re, kind, opts, opts.sign),
                    FloatFormat::new(&im, kind, opts, Sign::Plus),
                )
            }
        }
    }

    /// Formats one element.
    pub(crate) fn format(&self, s: &Scalar) -> String {
        match self {
            ElementFormat::Bool { pad_true } => match (int_value(s) != 0, pad_true) {
                (true, true) => String::from(" True"),
                (true, false) => String::from("True"),
                (false, _) => String::from("False"),
            },
            ElementFormat::Int { width, sign } => {
                let v = int_value(s);
                let text = match sign {
                    Sign::Plus if v >= 0 => format!("+{v}"),
                    Sign::Space if v >= 0 => format!(" {v}"),
                    _ => v.to_string(),
                };
                format!("{text:>width$}")
            }
            ElementFormat::Float(f) => f.format(real_part(s)),
            ElementFormat::Complex(re, im) => {
                let r = re.format(real_part(s));
                let i = im.format(imag_part(s));
                // The `j` goes right after the digits, before any padding.
                let end = i.trim_end().len();
                format!("{r}{}j{}", &i[..end], &i[end..])
            }
        }
    }
}

pub(crate) fn float_kind(t: NumType) -> FloatKind {
    match t {
        NumType::Float16 => FloatKind::F16,
        NumType::Float32 | NumType::Complex64 => FloatKind::F32,
        _ => FloatKind::F64,
    }
}

/// An integer or bool element as an `i128` (every integer type fits).
pub(crate) fn int_value(s: &Scalar) -> i128 {
    match *s {
        Scalar::Bool(v) => i128::from(v),
        Scalar::I8(v) => i128::from(v),
        Scalar::I16(v) => i128::from(v),
        Scalar::I32(v) => i128::from(v),
        Scalar::I64(v) => i128::from(v),
        Scalar::U8(v) => i128::from(v),
        Scalar::U16(v) => i128::from(v),
        Scalar::U32(v) => i128::from(v),
        Scalar::U64(v) => i128::from(v),
        Scalar::F16(v) => v.to_f64() as i128,
        Scalar::F32(v) => v as i128,
        Scalar::F64(v) => v as i128,
        Scalar::C64(v) => v.re as i128,
        Scalar::C128(v) => v.re as i128,
    }
}

/// A float element, or the real part of a complex one, as an exact `f64`.
pub(crate) fn real_part(s: &Scalar) -> f64 {
    match *s {
        Scalar::F16(v) => v.to_f64(),
        Scalar::F32(v) => f64::from(v),
        Scalar::F64(v) => v,
        Scalar::C64(v) => f64::from(v.re),
        Scalar::C128(v) => v.re,
        _ => int_value(s) as f64,
    }
}

/// The imaginary part of a complex element (0 for other types).
pub(crate) fn imag_part(s: &Scalar) -> f64 {
    match *s {
        Scalar::C64(v) => f64::from(v.im),
        Scalar::C128(v) => v.im,
        _ => 0.0,
    }
}

/// NumPy's `IntegerFormat`: the width is that of the longest of the largest and smallest value.
fn int_format(data: &[Scalar], sign: Sign) -> ElementFormat {
    let vals = data.iter().map(int_value);
    let (Some(max), Some(min)) = (vals.clone().max(), vals.min()) else {
        return ElementFormat::Int { width: 0, sign };
    };
    let sign = if sign == Sign::Space && min < 0 { Sign::Minus } else { sign };
    let mut max_len = max.to_string().len();
    if max >= 0 && sign != Sign::Minus {
        max_len += 1;
    }
    ElementFormat::Int { width: max_len.max(min.to_string().len()), sign }
}

/// The largest precision used. NumPy refuses ("Float formatting result too large") to format
/// with a precision near its 16384-character buffer; Strider cannot fail inside `Display`, so it
/// caps the precision instead. Any float's exact decimal expansion is far shorter than this.
pub(crate) const MAX_PRECISION: usize = 16_000;

/// NumPy's `FloatingFormat`, for one float array (or one part of a complex array).
#[derive(Clone, Debug)]
pub(crate) struct FloatFormat {
    kind: FloatKind,
    exp_format: bool,
    style: Style,
    nanstr: String,
    infstr: String,
}

impl FloatFormat {
    /// Chooses notation, digits and padding from the displayed values.
    pub(crate) fn new(data: &[f64], kind: FloatKind, opts: &PrintOptions, sign: Sign) -> FloatFormat {
        let precision = match opts.floatmode {
            FloatMode::Unique => None,
            _ => Some(opts.precision.min(MAX_PRECISION)),
        };
        let fixed = opts.floatmode == FloatMode::Fixed;
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let exp_format = needs_scientific(&finite, kind, opts.suppress);
        let base = Style {
            precision,
            unique: !fixed,
            trim: if fixed { Trim::Keep } else { Trim::Point },
            sign: sign == Sign::Plus,
            min_digits: 0,
            pad_left: 0,
            pad_right: 0,
            exp_digits: 0,
        };
        let mut style = base;
        if finite.is_empty() {
            style.trim = Trim::Point;
            style.unique = true;
        } else if exp_format {
            let strs: Vec<String> = finite.iter().map(|&x| scientific(x, kind, &base)).collect();
            let mut exp_size = 0;
            let mut frac_len = 0;
            let mut int_len = 0;
            for s in &strs {
                let (mant, exp) = s.split_once('e').unwrap_or((s, ""));
                exp_size = exp_size.max(exp.len().saturating_sub(1));
                let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
                frac_len = frac_len.max(frac.len());
                int_len = int_len.max(int.len());
            }
            style.exp_digits = exp_size;
            style.trim = Trim::Keep;
            style.precision = Some(frac_len);
            style.min_digits = frac_len;
            style.pad_left = int_len;
            style.pad_right = exp_size + 2 + frac_len;
        } else {
            let mut frac_len = 0;
            let mut int_len = 0;
            for &x in &finite {
                let s = positional(x, kind, &base);
                let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
                frac_len = frac_len.max(frac.len());
                int_len = int_len.max(int.len());
            }
            style.pad_left = int_len;
            style.pad_right = frac_len;
            if matches!(opts.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                style.precision = Some(frac_len);
                style.min_digits = frac_len;
                style.trim = Trim::Keep;
            }
        }
        if sign == Sign::Space && !finite.iter().any(|x| x.is_sign_negative()) {
            style.pad_left += 1;
        }
        if finite.len() != data.len() {
            let neg_inf = sign != Sign::Minus || data.contains(&f64::NEG_INFINITY);
            let offset = style.pad_right + 1;
            let nan_need = opts.nanstr.chars().count().saturating_sub(offset);
            let inf_need = (opts.infstr.chars().count() + usize::from(neg_inf)).saturating_sub(offset);
            style.pad_left = style.pad_left.max(nan_need).max(inf_need);
        }
        FloatFormat { kind, exp_format, style, nanstr: opts.nanstr.clone(), infstr: opts.infstr.clone() }
    }

    /// Formats one value.
    pub(crate) fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let plus = if self.style.sign { "+" } else { "" };
            let text = if x.is_nan() {
                format!("{plus}{}", self.nanstr)
            } else if x < 0.0 {
                format!("-{}", self.infstr)
            } else {
                format!("{plus}{}", self.infstr)
            };
            let width = self.style.pad_left + self.style.pad_right + 1;
            return format!("{text:>width$}");
        }
        if self.exp_format {
            scientific(x, self.kind, &self.style)
        } else {
            positional(x, self.kind, &self.style)
        }
    }
}

/// NumPy's switch to scientific notation, over the finite values: the largest non-zero
/// magnitude reaches `10^min(8, finfo.precision)`, or (unless `suppress`) the smallest is below
/// `1e-4` or the ratio exceeds 1000. Comparisons and the ratio are computed in the value's type.
fn needs_scientific(finite: &[f64], kind: FloatKind, suppress: bool) -> bool {
    let mut max = f64::NEG_INFINITY;
    let mut min = f64::INFINITY;
    for &x in finite {
        if x != 0.0 {
            max = max.max(x.abs());
            min = min.min(x.abs());
        }
    }
    if max == f64::NEG_INFINITY {
        return false;
    }
    let cutoff = 10f64.powi(kind.decimal_precision().min(8));
    if max >= kind.round(cutoff) {
        return true;
    }
    !suppress && (min < kind.round(1e-4) || kind.round(max / min) > 1000.0)
}

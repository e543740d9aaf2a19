//! Decimal digits of binary floats, and their positional and scientific text.
//!
//! Owns: the digit generation NumPy's printing relies on (its Dragon4 modes), for float16,
//! float32 and float64 values:
//! - *shortest* digits that read back as the same value in the value's own type, and
//! - digits *correctly rounded* (half to even, from the exact binary value) at a cutoff,
//!
//! combined as NumPy combines them ("unique" digits, but no more than the cutoff), and the
//! layout of those digits as `123.45` or `1.2345e+02` with NumPy's trimming, padding and sign
//! rules. It knows nothing of arrays.
//!
//! Every float16 and float32 value is exactly representable as an `f64`, so values travel as
//! `f64` together with their [`FloatKind`]; the kind decides what "shortest" means.

use half::f16;

/// Which binary format a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FloatKind {
    /// IEEE half precision.
    F16,
    /// IEEE single precision.
    F32,
    /// IEEE double precision.
    F64,
}

impl FloatKind {
    /// Rounds an `f64` to this format (and back to `f64`, exactly).
    pub(crate) fn round(self, x: f64) -> f64 {
        match self {
            FloatKind::F16 => f16::from_f64(x).to_f64(),
            FloatKind::F32 => x as f32 as f64,
            FloatKind::F64 => x,
        }
    }

    /// NumPy's `finfo(dtype).precision`: decimal digits the format holds reliably.
    pub(crate) fn decimal_precision(self) -> i32 {
        match self {
            FloatKind::F16 => 3,
            FloatKind::F32 => 6,
            FloatKind::F64 => 15,
        }
    }
}

/// A finite, non-negative decimal number `0.d1 d2 d3 ... × 10^point`, with no trailing zero
/// digits (an empty digit list is zero).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// Significant digits, each 0..=9; the first is non-zero unless the list is empty.
    pub(crate) digits: Vec<u8>,
    /// Position of the decimal point relative to the first digit.
    pub(crate) point: i32,
}

impl Decimal {
    /// Parses Rust's `{:e}` output (`1.2345e-7`, `0e0`) or `{:.N}` output (`12.340`).
    fn parse(s: &str) -> Decimal {
        let (mant, exp) = match s.find('e') {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
            None => (s, 0),
        };
        let (int, frac) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let mut point = int.len() as i32 + exp;
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        point -= lead as i32;
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            point = 0;
        }
        Decimal { digits, point }
    }

    /// The exponent of scientific notation (`d.ddd × 10^exp`); 0 for zero.
    pub(crate) fn sci_exp(&self) -> i32 {
        if self.digits.is_empty() {
            0
        } else {
            self.point - 1
        }
    }

    /// Number of digits after the decimal point in positional notation.
    fn frac_len(&self) -> i32 {
        (self.digits.len() as i32 - self.point).max(0)
    }
}

/// Shortest digits of `|x|` that round back to `x` in `kind`; among equally short candidates,
/// the one closest to `x`, and of two equally close ones, the one ending in an even digit (as
/// NumPy's Dragon4 chooses). `x` must be finite.
pub(crate) fn shortest(x: f64, kind: FloatKind) -> Decimal {
    let x = x.abs();
    let s = match kind {
        FloatKind::F64 => Decimal::parse(&format!("{x:e}")),
        FloatKind::F32 => Decimal::parse(&format!("{:e}", x as f32)),
        FloatKind::F16 => return shortest_f16(x),
    };
    // When two candidates of the shortest length are equally close, Rust's formatter rounds the
    // last digit up while NumPy picks the even digit: the correctly rounded (half to even)
    // number of the same length is NumPy's choice whenever it reads back as the same value.
    if s.digits.len() > 1 {
        let r = rounded_sig(x, s.digits.len());
        if r != s && reads_back(&r, x, kind) {
            return r;
        }
    }
    s
}

/// Whether the decimal `d` reads back as exactly `x` in `kind`.
fn reads_back(d: &Decimal, x: f64, kind: FloatKind) -> bool {
    let text = decimal_text(d);
    match kind {
        FloatKind::F64 => text.parse::<f64>().ok() == Some(x),
        FloatKind::F32 => text.parse::<f32>().ok().map(f64::from) == Some(x),
        FloatKind::F16 => text.parse::<f64>().ok().map(|v| f16::from_f64(v).to_f64()) == Some(x),
    }
}

fn decimal_text(d: &Decimal) -> String {
    let s: String = d.digits.iter().map(|&c| char::from(b'0' + c)).collect();
    if s.is_empty() {
        String::from("0")
    } else {
        format!("0.{s}e{}", d.point)
    }
}

/// Shortest round-tripping digits of a float16 value, by trying more digits until one of the
/// candidates nearest the value reads back as the same float16.
fn shortest_f16(x: f64) -> Decimal {
    if x == 0.0 {
        return Decimal { digits: Vec::new(), point: 0 };
    }
    let target = f16::from_f64(x);
    for n in 1..=17usize {
        let nearest = rounded_sig(x, n);
        if f16::from_f64(to_f64(&nearest)) == target {
            return nearest;
        }
        // The interval around a power of two is lopsided: the nearest n-digit number may fall
        // outside it while a neighbour still falls inside.
        let mut best: Option<(f64, Decimal)> = None;
        for delta in [-1i64, 1] {
            if let Some(c) = neighbour(&nearest, n, delta) {
                let v = to_f64(&c);
                if f16::from_f64(v) == target {
                    let dist = (v - x).abs();
                    if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                        best = Some((dist, c));
                    }
                }
            }
        }
        if let Some((_, c)) = best {
            return c;
        }
    }
    rounded_sig(x, 17)
}

/// The n-significant-digit decimal one unit (in the last of n places) above or below `d`.
fn neighbour(d: &Decimal, n: usize, delta: i64) -> Option<Decimal> {
    let mut m: i64 = 0;
    for i in 0..n {
        m = m * 10 + i64::from(*d.digits.get(i).unwrap_or(&0));
    }
    let m = m + delta;
    if m <= 0 {
        return None;
    }
    let exp = d.point - n as i32;
    Some(Decimal::parse(&format!("{m}e{exp}")))
}

fn to_f64(d: &Decimal) -> f64 {
    decimal_text(d).parse().unwrap_or(0.0)
}

/// `|x|` correctly rounded (half to even) to `n >= 1` significant digits.
fn rounded_sig(x: f64, n: usize) -> Decimal {
    Decimal::parse(&format!("{:.*e}", n.saturating_sub(1), x.abs()))
}

/// `|x|` correctly rounded (half to even) to `p` digits after the decimal point.
fn rounded_frac(x: f64, p: usize) -> Decimal {
    Decimal::parse(&format!("{:.*}", p, x.abs()))
}

/// How trailing zeros are treated (NumPy's `trim` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trim {
    /// `'k'`: keep trailing zeros up to the precision.
    Keep,
    /// `'.'`: trim trailing zeros, keep the point (`1.`).
    Point,
    /// `'0'`: trim trailing zeros but keep one (`1.0`).
    Zero,
    /// `'-'`: trim trailing zeros and the point (`1`).
    Dash,
}

/// Arguments of one positional or scientific rendering, as NumPy's `dragon4_*` take them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Digit cutoff: fractional digits (positional) or digits after the first (scientific);
    /// `None` for no cutoff.
    pub(crate) precision: Option<usize>,
    /// Shortest round-trip digits (true) or exactly `precision` rounded digits (false).
    pub(crate) unique: bool,
    /// Trailing-zero handling.
    pub(crate) trim: Trim,
    /// Always print a sign, `+` for non-negative values.
    pub(crate) sign: bool,
    /// Minimum number of fractional digits (zero-filled).
    pub(crate) min_digits: usize,
    /// Right-align the integer part (with its sign) to this width.
    pub(crate) pad_left: usize,
    /// Left-align the fraction to this width (positional only).
    pub(crate) pad_right: usize,
    /// Minimum exponent digits (scientific only; at least 2).
    pub(crate) exp_digits: usize,
}

impl Style {
    /// Shortest digits, `trim`, no padding.
    pub(crate) fn plain(trim: Trim) -> Style {
        Style {
            precision: None,
            unique: true,
            trim,
            sign: false,
            min_digits: 0,
            pad_left: 0,
            pad_right: 0,
            exp_digits: 0,
        }
    }
}

/// The digits to print, given the style's cutoff (`sig_cut` for scientific, `frac_cut` for
/// positional).
fn choose_digits(x: f64, kind: FloatKind, style: &Style, scientific: bool) -> Decimal {
    if style.unique {
        let s = shortest(x, kind);
        // Fractional digits: the shortest's, cut at the precision, but (NumPy's `min_digits`)
        // continued with the exact value's digits up to `min_digits`.
        let have = if scientific { s.digits.len().saturating_sub(1) } else { s.frac_len() as usize };
        let cut = style.precision.unwrap_or(usize::MAX);
        let want = have.min(cut).max(style.min_digits);
        if want == have {
            s
        } else if scientific {
            rounded_sig(x, want + 1)
        } else {
            rounded_frac(x, want)
        }
    } else {
        let p = style.precision.unwrap_or(0);
        if scientific {
            rounded_sig(x, p + 1)
        } else {
            rounded_frac(x, p)
        }
    }
}

/// Applies trimming and `min_digits` to a fraction.
/// Returns the fraction and whether the decimal point is printed. Zeros up to the precision are
/// kept only for rounded (non-unique) digits with [`Trim::Keep`].
fn finish_fraction(mut frac: String, style: &Style) -> (String, bool) {
    if style.trim == Trim::Keep && !style.unique {
        let keep_to = style.precision.unwrap_or(0);
        while frac.len() < keep_to {
            frac.push('0');
        }
    }
    while frac.len() < style.min_digits {
        frac.push('0');
    }
    if frac.is_empty() {
        match style.trim {
            Trim::Zero => (String::from("0"), true),
            Trim::Dash => (frac, false),
            Trim::Keep | Trim::Point => (frac, true),
        }
    } else {
        (frac, true)
    }
}

fn sign_text(x: f64, style: &Style) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else if style.sign {
        "+"
    } else {
        ""
    }
}

/// `x` in positional notation (`x` finite): NumPy's `dragon4_positional` with `fractional=True`.
pub(crate) fn positional(x: f64, kind: FloatKind, style: &Style) -> String {
    let d = choose_digits(x, kind, style, false);
    let (int, frac) = if d.point <= 0 {
        let mut f = "0".repeat((-d.point) as usize);
        f.extend(d.digits.iter().map(|&c| char::from(b'0' + c)));
        (String::from("0"), f)
    } else {
        let p = d.point as usize;
        let mut int: String = d.digits.iter().take(p).map(|&c| char::from(b'0' + c)).collect();
        while int.len() < p {
            int.push('0');
        }
        let frac: String = d.digits.iter().skip(p).map(|&c| char::from(b'0' + c)).collect();
        (int, frac)
    };
    let (frac, point) = finish_fraction(frac, style);
    let mut out = padded_mantissa(&format!("{}{}", sign_text(x, style), int), point, &frac, style);
    for _ in frac.len()..style.pad_right {
        out.push(' ');
    }
    out
}

/// `head` right-aligned to `style.pad_left`, then the point (if any) and the fraction digits.
fn padded_mantissa(head: &str, point: bool, frac: &str, style: &Style) -> String {
    let mut out = String::new();
    for _ in head.len()..style.pad_left {
        out.push(' ');
    }
    out.push_str(head);
    if point {
        out.push('.');
    }
    out.push_str(frac);
    out
}

/// `x` in scientific notation (`x` finite): NumPy's `dragon4_scientific`.
pub(crate) fn scientific(x: f64, kind: FloatKind, style: &Style) -> String {
    let d = choose_digits(x, kind, style, true);
    let exp = d.sci_exp();
    let first = d.digits.first().map_or('0', |&c| char::from(b'0' + c));
    let frac: String = d.digits.iter().skip(1).map(|&c| char::from(b'0' + c)).collect();
    let (frac, point) = finish_fraction(frac, style);
    let mut out = padded_mantissa(&format!("{}{}", sign_text(x, style), first), point, &frac, style);
    let exp_digits = format!("{}", exp.unsigned_abs());
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    for _ in exp_digits.len()..style.exp_digits.max(2) {
        out.push('0');
    }
    out.push_str(&exp_digits);
    out
}

/// NumPy's `str` of a float scalar: shortest digits, positional (`1.0`, `0.0001`) between
/// `1e-4` and a type-dependent bound (float16 `1e3`, float32 `1e6`, float64 `1e16`),
/// scientific (`1e+16`, `6.55e+04`) outside; `nan`, `inf`, `-inf`.
pub(crate) fn scalar_str(x: f64, kind: FloatKind, point_trim: Trim) -> String {
    if x.is_nan() {
        return String::from("nan");
    }
    if x.is_infinite() {
        return String::from(if x < 0.0 { "-inf" } else { "inf" });
    }
    let upper = match kind {
        FloatKind::F16 => 1e3,
        FloatKind::F32 => 1e6,
        FloatKind::F64 => 1e16,
    };
    let a = x.abs();
    if a == 0.0 || (1e-4..upper).contains(&a) {
        positional(x, kind, &Style::plain(point_trim))
    } else {
        scientific(x, kind, &Style::plain(Trim::Dash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(x: f64, p: usize) -> String {
        positional(x, FloatKind::F64, &Style { precision: Some(p), ..Style::plain(Trim::Point) })
    }

    #[test]
    fn shortest_digits_per_type() {
        assert_eq!(shortest(0.1f32 as f64, FloatKind::F32), Decimal { digits: vec![1], point: 0 });
        assert_eq!(shortest(0.1f32 as f64, FloatKind::F64).digits.len(), 17);
        assert_eq!(shortest(f16::from_f32(0.1).to_f64(), FloatKind::F16), Decimal { digits: vec![1], point: 0 });
        assert_eq!(shortest(65504.0, FloatKind::F16), Decimal { digits: vec![6, 5, 5], point: 5 });
    }

    #[test]
    fn shortest_ties_go_to_the_even_digit() {
        // 2515827.25 (float32) is as close to 2515827.2 as to 2515827.3; NumPy prints the former.
        let d = shortest(2515827.25, FloatKind::F32);
        assert_eq!(d, Decimal { digits: vec![2, 5, 1, 5, 8, 2, 7, 2], point: 7 });
    }

    #[test]
    fn shortest_at_the_extremes() {
        assert_eq!(shortest(5e-324, FloatKind::F64), Decimal { digits: vec![5], point: -323 });
        assert_eq!(shortest(f64::from(f32::from_bits(1)), FloatKind::F32), Decimal { digits: vec![1], point: -44 });
        // The smallest float16 subnormal, 2^-24, reads back from "6e-08".
        assert_eq!(shortest(2f64.powi(-24), FloatKind::F16), Decimal { digits: vec![6], point: -7 });
        assert_eq!(shortest(0.0, FloatKind::F16), Decimal { digits: vec![], point: 0 });
    }

    #[test]
    fn min_digits_continue_with_the_exact_value() {
        // float32 9.955793e-11 printed with 7 fractional digits in scientific notation.
        let x = f64::from(9.955_793e-11f32);
        let s = Style { precision: Some(7), min_digits: 7, trim: Trim::Keep, ..Style::plain(Trim::Keep) };
        assert_eq!(scientific(x, FloatKind::F32, &s), "9.9557931e-11");
    }

    #[test]
    fn positional_cutoff_rounds_half_even_from_exact_value() {
        assert_eq!(pos(0.125, 2), "0.12");
        assert_eq!(pos(0.375, 2), "0.38");
        assert_eq!(pos(2.5, 0), "2.");
        assert_eq!(pos(0.004, 2), "0.");
        assert_eq!(pos(0.006, 2), "0.01");
        assert_eq!(pos(1.0 / 3.0, 8), "0.33333333");
        assert_eq!(pos(-0.0, 8), "-0.");
        assert_eq!(pos(1e20, 8), "100000000000000000000.");
    }

    #[test]
    fn scientific_layout() {
        let s = Style { precision: Some(8), ..Style::plain(Trim::Point) };
        assert_eq!(scientific(1e-5, FloatKind::F64, &s), "1.e-05");
        assert_eq!(scientific(1.5e300, FloatKind::F64, &s), "1.5e+300");
        let k = Style { precision: Some(3), min_digits: 3, trim: Trim::Keep, ..s };
        assert_eq!(scientific(1.0, FloatKind::F64, &k), "1.000e+00");
    }

    #[test]
    fn scalar_str_thresholds() {
        assert_eq!(scalar_str(1e16, FloatKind::F64, Trim::Zero), "1e+16");
        assert_eq!(scalar_str(1e15, FloatKind::F64, Trim::Zero), "1000000000000000.0");
        assert_eq!(scalar_str(1e6, FloatKind::F32, Trim::Zero), "1e+06");
        assert_eq!(scalar_str(999.0, FloatKind::F16, Trim::Zero), "999.0");
        assert_eq!(scalar_str(1e-4f32 as f64, FloatKind::F32, Trim::Zero), "1e-04");
        assert_eq!(scalar_str(1e-4, FloatKind::F64, Trim::Zero), "0.0001");
        assert_eq!(scalar_str(f64::NEG_INFINITY, FloatKind::F64, Trim::Zero), "-inf");
    }
}

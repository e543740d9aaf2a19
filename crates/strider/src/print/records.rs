//! Element formatters for non-numeric dtypes: bytes and unicode strings (Python's `repr`),
//! datetimes and timedeltas (quoted ISO text or counts, right-aligned, NaT), raw void bytes and
//! structured records (one formatter per field, built over that field's displayed values;
//! subarray fields as nested lists).

use super::element::ElementFormat;
use super::options::PrintOptions;
use crate::datetime::{format_datetime, NAT};
use crate::dtype::transfer::decode;
use crate::dtype::{DType, DTypeKind, TimeBase, TimeUnit};
use crate::Scalar;

/// A formatter for one dtype, sized on the displayed elements.
pub(crate) enum RecFormat {
    Num(ElementFormat),
    /// A real float inside a record scalar: Python's `str` of its scalar (NumPy gives the
    /// void scalar's formatter `float_kind=str`), so `2.0`, not the array's `2.`.
    FloatStr,
    Bytes,
    Str,
    DateTime {
        unit: TimeUnit,
        width: usize,
    },
    TimeDelta {
        width: usize,
    },
    Void,
    Record(Vec<(usize, usize, Vec<usize>, DType, RecFormat)>),
}

fn i64_of(d: &DType, b: &[u8]) -> i64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[..8]);
    if d.byte_order() == crate::ByteOrder::Big {
        i64::from_be_bytes(x)
    } else {
        i64::from_le_bytes(x)
    }
}

/// Python's `repr` of a `bytes` value.
pub(crate) fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut s = format!("b{q}");
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c as char == q => {
                s.push('\\');
                s.push(q);
            }
            0x20..=0x7e => s.push(c as char),
            c => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(q);
    s
}

/// Whether Python prints a code point as itself in a `repr` (an approximation of
/// `str.isprintable` covering controls, separators and the common invisible format characters).
/// Python's `str.isprintable` for assigned characters (and surrogates): control, format,
/// private-use and separator characters other than the space are escaped by `repr`. Unassigned
/// code points, which Python escapes by the Unicode version it was built with, print as
/// themselves, except the never-assigned U+FFF0..U+FFF8.
fn printable(c: u32) -> bool {
    const NOT: [(u32, u32); 30] = [
        (0x0, 0x1F),
        (0x7F, 0xA0),
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x1680, 0x1680),
        (0x180E, 0x180E),
        (0x2000, 0x200F),
        (0x2028, 0x202F),
        (0x205F, 0x2064),
        (0x2066, 0x206F),
        (0x3000, 0x3000),
        (0xD800, 0xDFFF),
        (0xE000, 0xF8FF),
        (0xFEFF, 0xFEFF),
        (0xFFF0, 0xFFF8),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x13438),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
        (0xF0000, 0xFFFFD),
        (0x100000, 0x10FFFD),
    ];
    !NOT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Python's `repr` of a `str` value given as code points.
pub(crate) fn str_repr(cps: &[u32]) -> String {
    let has = |ch: char| cps.contains(&(ch as u32));
    let q = if has('\'') && !has('"') { '"' } else { '\'' };
    let mut s = String::from(q);
    for &c in cps {
        match char::from_u32(c) {
            Some('\\') => s.push_str("\\\\"),
            Some('\t') => s.push_str("\\t"),
            Some('\n') => s.push_str("\\n"),
            Some('\r') => s.push_str("\\r"),
            Some(ch) if ch == q => {
                s.push('\\');
                s.push(q);
            }
            Some(ch) if printable(c) => s.push(ch),
            _ if c < 0x100 => s.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x10000 => s.push_str(&format!("\\u{c:04x}")),
            _ => s.push_str(&format!("\\U{c:08x}")),
        }
    }
    s.push(q);
    s
}

fn datetime_text(v: i64, unit: TimeUnit) -> String {
    let out = if unit.base == TimeBase::Week { TimeUnit::new(TimeBase::Day, 1) } else { TimeUnit::new(unit.base, 1) };
    format_datetime(v, unit, out).unwrap_or_else(|e| e.to_string())
}

/// Width of NumPy's `_TimelikeFormat`: the longer text of the largest and smallest non-NaT
/// values, at least 5 (`'NaT'`) when a NaT is shown.
fn timelike_width(vals: &[i64], text: impl Fn(i64) -> String) -> usize {
    let non_nat: Vec<i64> = vals.iter().copied().filter(|&v| v != NAT).collect();
    let mut w = match (non_nat.iter().max(), non_nat.iter().min()) {
        (Some(&hi), Some(&lo)) => text(hi).chars().count().max(text(lo).chars().count()),
        _ => 0,
    };
    if non_nat.len() < vals.len() {
        w = w.max(5);
    }
    w
}

impl RecFormat {
    pub(crate) fn new(d: &DType, elems: &[&[u8]], zero_dim: bool, opts: &PrintOptions) -> RecFormat {
        RecFormat::build(d, elems, zero_dim, opts, false)
    }

    /// The formatter of a field inside a record scalar (`np.void`): real floats, at any depth,
    /// print as their own scalars do; everything else as in an array.
    pub(crate) fn for_scalar(d: &DType, elems: &[&[u8]], opts: &PrintOptions) -> RecFormat {
        RecFormat::build(d, elems, true, opts, true)
    }

    fn build(d: &DType, elems: &[&[u8]], zero_dim: bool, opts: &PrintOptions, float_str: bool) -> RecFormat {
        match d.kind() {
            DTypeKind::Num(t) if float_str && t.kind() == crate::Kind::Float => RecFormat::FloatStr,
            DTypeKind::Num(t) => {
                let vals: Vec<Scalar> = elems.iter().map(|b| Scalar::from_bytes(b, d)).collect();
                RecFormat::Num(ElementFormat::new(*t, &vals, zero_dim, opts))
            }
            DTypeKind::Bytes(_) => RecFormat::Bytes,
            DTypeKind::Str(_) => RecFormat::Str,
            DTypeKind::Void(_) => RecFormat::Void,
            DTypeKind::DateTime(u) => {
                let vals: Vec<i64> = elems.iter().map(|b| i64_of(d, b)).collect();
                let u = *u;
                RecFormat::DateTime { unit: u, width: timelike_width(&vals, |v| format!("'{}'", datetime_text(v, u))) }
            }
            DTypeKind::TimeDelta(_) => {
                let vals: Vec<i64> = elems.iter().map(|b| i64_of(d, b)).collect();
                RecFormat::TimeDelta { width: timelike_width(&vals, |v| v.to_string()) }
            }
            DTypeKind::Record(r) => {
                let fields = r
                    .fields()
                    .iter()
                    .map(|f| {
                        let n: usize = f.shape.iter().product();
                        let isz = f.dtype.itemsize();
                        let sub: Vec<&[u8]> = elems
                            .iter()
                            .flat_map(|e| (0..n).map(move |k| &e[f.offset + k * isz..f.offset + (k + 1) * isz]))
                            .collect();
                        let fmt = RecFormat::build(&f.dtype, &sub, zero_dim, opts, float_str);
                        (f.offset, isz, f.shape.clone(), f.dtype.clone(), fmt)
                    })
                    .collect();
                RecFormat::Record(fields)
            }
        }
    }

    pub(crate) fn format(&self, d: &DType, b: &[u8]) -> String {
        match self {
            RecFormat::Num(f) => f.format(&Scalar::from_bytes(b, d)),
            RecFormat::FloatStr => Scalar::from_bytes(b, d).to_string(),
            RecFormat::Bytes => {
                let cps = decode(d, b);
                bytes_repr(&cps.iter().map(|&c| c as u8).collect::<Vec<u8>>())
            }
            RecFormat::Str => str_repr(&decode(d, b)),
            RecFormat::Void => {
                let mut s = String::from("b'");
                for &c in &b[..d.itemsize()] {
                    s.push_str(&format!("\\x{c:02X}"));
                }
                s.push('\'');
                s
            }
            RecFormat::DateTime { unit, width } => {
                let v = i64_of(d, b);
                let t = if v == NAT { "'NaT'".to_string() } else { format!("'{}'", datetime_text(v, *unit)) };
                format!("{t:>width$}")
            }
            RecFormat::TimeDelta { width } => {
                let v = i64_of(d, b);
                let t = if v == NAT { "'NaT'".to_string() } else { v.to_string() };
                format!("{t:>width$}")
            }
            RecFormat::Record(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(off, isz, shape, fd, fmt)| {
                        if shape.is_empty() {
                            fmt.format(fd, &b[*off..*off + isz])
                        } else {
                            let mut k = 0;
                            nested(shape, &mut |_| {
                                let s = fmt.format(fd, &b[off + k * isz..off + (k + 1) * isz]);
                                k += 1;
                                s
                            })
                        }
                    })
                    .collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
        }
    }
}

/// A subarray as nested lists `[[a, b], [c, d]]`, elements in C order.
fn nested(shape: &[usize], next: &mut dyn FnMut(()) -> String) -> String {
    match shape.split_first() {
        None => next(()),
        Some((&n, rest)) => {
            let items: Vec<String> = (0..n).map(|_| nested(rest, next)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// `str()` of a 0-d array of a non-numeric dtype: NumPy prints the scalar.
pub(crate) fn scalar_str(d: &DType, b: &[u8], opts: &PrintOptions) -> String {
    match d.kind() {
        DTypeKind::Bytes(_) => {
            let cps = decode(d, b);
            format!("np.bytes_({})", bytes_repr(&cps.iter().map(|&c| c as u8).collect::<Vec<u8>>()))
        }
        DTypeKind::Str(_) => decode(d, b).iter().filter_map(|&c| char::from_u32(c)).collect(),
        DTypeKind::DateTime(u) => {
            let v = i64_of(d, b);
            if v == NAT {
                "NaT".into()
            } else {
                datetime_text(v, *u)
            }
        }
        DTypeKind::TimeDelta(u) => crate::datetime::calendar::timedelta_text(i64_of(d, b), *u),
        DTypeKind::Record(_) => super::item::void_text(b, d),
        _ => RecFormat::new(d, &[b], true, opts).format(d, b),
    }
}

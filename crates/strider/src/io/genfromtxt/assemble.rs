//! `genfromtxt`'s assembly of converted columns into NumPy's result: a 2-d array of one dtype or
//! a 1-d structured array, element bytes written as `np.array(rows, dtype)` converts Python
//! objects, the mask (with NumPy's second pass over structured results), and `ndmin`.

use super::convert::{int_too_large, ColKind, Converter, Val};
use crate::array::NdArray;
use crate::dtype::{ByteOrder, DType, DTypeKind, NumType};
use crate::io::pytext::{self, PyInt};
use crate::layout::Order;
use crate::scalar::Scalar;
use crate::{Error, Result};

/// The result's shape: rows x columns of one dtype, or one record per row.
pub(super) enum Layout {
    Uniform(DType),
    Records(DType),
}

pub(super) fn text_len(v: &Val) -> usize {
    py_str(v).chars().count()
}

/// `str(value)` in Python.
pub(super) fn py_str(v: &Val) -> String {
    match v {
        Val::Bool(b) => Scalar::Bool(*b).to_string(),
        Val::Int(PyInt::Small(i)) => i.to_string(),
        Val::Int(PyInt::Huge) => "<huge int>".into(),
        Val::Float(x) => Scalar::F64(*x).to_string(),
        Val::Complex(a, b) => Scalar::C128(num_complex::Complex64::new(*a, *b)).to_string(),
        Val::Str(s) => s.clone(),
        Val::Bytes(s) => format!("b'{s}'"),
        Val::None => "None".into(),
    }
}

/// A string dtype of `n` characters (at least 1, as NumPy sizes strings from data).
pub(super) fn sized(d: &DType, n: Option<usize>) -> Result<DType> {
    let n = n.unwrap_or(1).max(1);
    match d.kind() {
        DTypeKind::Bytes(_) => format!("|S{n}").parse(),
        _ => format!("<U{n}").parse(),
    }
}

pub(super) fn inferred_layout(
    convs: &[Converter],
    columns: &[Vec<Val>],
    names: Option<&[String]>,
    numbered: &[String],
) -> Result<Layout> {
    let u0: DType = "<U1".parse()?;
    let col_dtype = |i: usize| -> Result<DType> {
        Ok(match convs[i].kind() {
            ColKind::Bool => DType::BOOL,
            ColKind::Int => DType::INT64,
            ColKind::Float => DType::FLOAT64,
            ColKind::Complex => DType::COMPLEX128,
            ColKind::Str => sized(&u0, columns[i].iter().map(text_len).max())?,
        })
    };
    let types: Vec<DType> = (0..convs.len()).map(col_dtype).collect::<Result<_>>()?;
    let fields = |ns: Vec<String>| -> Result<Layout> {
        let f: Vec<(&str, DType)> = ns.iter().map(String::as_str).zip(types.iter().cloned()).collect();
        Ok(Layout::Records(DType::structured(&f, false)?))
    };
    match names {
        Some(ns) => fields(ns.to_vec()),
        None => {
            let mut base: Vec<ColKind> = convs.iter().filter(|c| c.checked).map(Converter::kind).collect();
            base.sort_by_key(|k| *k as u8);
            base.dedup();
            match base[..] {
                [ColKind::Str] => Ok(Layout::Uniform(sized(&u0, columns.iter().flatten().map(text_len).max())?)),
                [k] => Ok(Layout::Uniform(match k {
                    ColKind::Bool => DType::BOOL,
                    ColKind::Int => DType::INT64,
                    ColKind::Float => DType::FLOAT64,
                    _ => DType::COMPLEX128,
                })),
                _ => fields(numbered.to_vec()),
            }
        }
    }
}

pub(super) fn tuple_error(got: usize, fields: usize) -> Error {
    Error::Value(format!("could not assign tuple of length {got} to structure with {fields} fields."))
}

/// The array NumPy's `np.array(rows, dtype)` makes of the converted columns.
pub(super) fn build(layout: &Layout, columns: &[Vec<Val>], nrows: usize) -> Result<NdArray> {
    let ncols = columns.len();
    let (dtype, shape, fields): (&DType, Vec<usize>, Vec<(DType, usize)>) = match layout {
        Layout::Uniform(d) => {
            let shape = if nrows == 0 { vec![0] } else { vec![nrows, ncols] };
            let isz = d.itemsize();
            (d, shape, (0..ncols).map(|i| (d.clone(), i * isz)).collect())
        }
        Layout::Records(d) => {
            let r = d.record().expect("records layout");
            if nrows > 0 && r.fields().len() != ncols {
                return Err(tuple_error(ncols, r.fields().len()));
            }
            (d, vec![nrows], r.fields().iter().map(|f| (f.dtype.clone(), f.offset)).collect())
        }
    };
    let row_bytes = match layout {
        Layout::Uniform(d) => d.itemsize() * ncols,
        Layout::Records(d) => d.itemsize(),
    };
    let mut bytes = vec![0u8; row_bytes * nrows];
    // Row by row, as np.array walks the rows: the first value out of range is NumPy's error.
    for (r, row) in bytes.chunks_exact_mut(row_bytes.max(1)).enumerate().take(nrows) {
        for ((fd, off), col) in fields.iter().zip(columns) {
            write_val(&col[r], fd, &mut row[*off..*off + fd.itemsize()])?;
        }
    }
    filled(dtype.clone(), &shape, &bytes)
}

pub(super) fn filled(dtype: DType, shape: &[usize], bytes: &[u8]) -> Result<NdArray> {
    let a = NdArray::empty(shape, dtype, Order::C)?;
    if !bytes.is_empty() {
        a.storage().with_write(|b| b[..bytes.len()].copy_from_slice(bytes))?;
    }
    Ok(a)
}

/// Writes a Python object as one element of `d`, as `np.array(obj, dtype=d)` converts it.
pub(super) fn write_val(v: &Val, d: &DType, out: &mut [u8]) -> Result<()> {
    match d.kind() {
        DTypeKind::Num(t) => {
            let s = match v {
                Val::Bool(b) => Scalar::Bool(*b).cast(*t),
                Val::Int(PyInt::Small(i)) => int_scalar(*i, *t)?,
                Val::Int(PyInt::Huge) => {
                    if t.is_integer() {
                        return Err(int_too_large());
                    }
                    Scalar::F64(f64::INFINITY).cast(*t)
                }
                Val::Float(x) => Scalar::F64(*x).cast(*t),
                Val::Complex(a, b) => {
                    if !matches!(t, NumType::Complex64 | NumType::Complex128) {
                        return Err(Error::Type(format!(
                            "{}() argument must be a string or a real number, not 'complex'",
                            if t.is_integer() { "int" } else { "float" }
                        )));
                    }
                    Scalar::C128(num_complex::Complex64::new(*a, *b)).cast(*t)
                }
                Val::Str(s) => str_scalar(s, *t, false)?,
                Val::Bytes(s) => str_scalar(s, *t, true)?,
                Val::None if t.is_integer() => {
                    return Err(Error::Type(
                        "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'".into(),
                    ))
                }
                Val::None if *t == NumType::Bool => Scalar::Bool(false),
                Val::None => Scalar::F64(f64::NAN).cast(*t),
            };
            s.write_bytes(d, out)
        }
        DTypeKind::Str(n) => {
            let text = py_str(v);
            let big = d.byte_order() == ByteOrder::Big;
            for (k, ch) in text.chars().take(*n).enumerate() {
                let c = ch as u32;
                out[4 * k..4 * k + 4].copy_from_slice(&if big { c.to_be_bytes() } else { c.to_le_bytes() });
            }
            Ok(())
        }
        DTypeKind::Bytes(n) => {
            let text = match v {
                Val::Bytes(s) => s.clone(),
                v => py_str(v),
            };
            for (k, ch) in text.chars().enumerate() {
                if ch as u32 > 255 {
                    return Err(Error::UnicodeEncode(format!(
                        "'latin-1' codec can't encode character '\\u{:04x}' in position {k}: ordinal not in range(256)",
                        ch as u32
                    )));
                }
                if k < *n {
                    out[k] = ch as u8;
                }
            }
            Ok(())
        }
        DTypeKind::DateTime(unit) => {
            let count = match v {
                Val::None => crate::datetime::NAT,
                Val::Str(s) | Val::Bytes(s) => match crate::datetime::text::parse_instant(s)? {
                    (None, _) => crate::datetime::NAT,
                    (Some(_), _) if unit.is_generic() => {
                        return Err(Error::Value(
                            "Cannot create a NumPy datetime other than NaT with generic units".into(),
                        ))
                    }
                    (Some(t), _) => crate::datetime::calendar::from_instant(t, *unit)?,
                },
                other => time_count(other, "datetime")?,
            };
            write_i64(count, d, out);
            Ok(())
        }
        DTypeKind::TimeDelta(_) => {
            let count = time_count(v, "timedelta")?;
            write_i64(count, d, out);
            Ok(())
        }
        _ => Err(Error::Type(format!("genfromtxt does not read {} columns", d.name()))),
    }
}

/// A Python bool or int as the count of a datetime64/timedelta64 element (`np.array(3, 'm8[s]')`).
fn time_count(v: &Val, what: &str) -> Result<i64> {
    match v {
        Val::Bool(b) => Ok(i64::from(*b)),
        Val::Int(PyInt::Small(i)) => i64::try_from(*i).map_err(|_| int_too_large()),
        Val::Int(PyInt::Huge) => Err(int_too_large()),
        _ => Err(Error::Value(format!("Could not convert object to NumPy {what}"))),
    }
}

fn write_i64(v: i64, d: &DType, out: &mut [u8]) {
    out.copy_from_slice(&if d.byte_order() == ByteOrder::Big { v.to_be_bytes() } else { v.to_le_bytes() });
}

/// A Python int into an element of `t`, with NumPy 2's overflow errors.
pub(super) fn int_scalar(i: i128, t: NumType) -> Result<Scalar> {
    if !t.is_integer() {
        return Ok(Scalar::F64(i as f64).cast(t));
    }
    if i64::try_from(i).is_err() && !(t == NumType::UInt64 && (0..=u64::MAX as i128).contains(&i)) {
        return Err(int_too_large());
    }
    if i > i64::MAX as i128 {
        return Ok(Scalar::U64(i as u64));
    }
    Scalar::I64(i as i64).cast_weak(t)
}

pub(super) fn str_scalar(s: &str, t: NumType, bytes: bool) -> Result<Scalar> {
    let shown = if bytes { format!("b'{s}'") } else { format!("'{s}'") };
    if t.is_integer() || t == NumType::Bool {
        match pytext::parse_int(s) {
            Some(PyInt::Small(i)) => int_scalar(i, t),
            Some(PyInt::Huge) => Err(int_too_large()),
            None => Err(Error::Value(format!("invalid literal for int() with base 10: {shown}"))),
        }
    } else {
        match pytext::parse_float(s) {
            Some(x) => Ok(Scalar::F64(x).cast(t)),
            None => Err(Error::Value(format!("could not convert string to float: {shown}"))),
        }
    }
}

/// The mask as rows of bools, one per output field (records) or column (uniform).
pub(super) fn build_mask(layout: &Layout, masks: &[Vec<bool>], nrows: usize, nbcols: usize) -> Result<Vec<Vec<bool>>> {
    if let Layout::Records(d) = layout {
        let nf = d.record().map_or(0, |r| r.fields().len());
        if nrows > 0 && nf != nbcols {
            return Err(tuple_error(nbcols, nf));
        }
    }
    Ok(masks[..nrows].to_vec())
}

/// NumPy's second masking pass for structured results: a field also counts as missing where
/// its value equals what a non-empty missing text converts to.
pub(super) fn extra_mask(
    d: &DType,
    convs: &mut [Converter],
    columns: &[Vec<Val>],
    mask: &mut [Vec<bool>],
) -> Result<()> {
    let r = d.record().expect("records layout");
    for (fi, (f, conv)) in r.fields().iter().zip(convs.iter_mut()).enumerate() {
        let mut texts: Vec<String> = conv.missing.iter().filter(|m| !m.is_empty()).cloned().collect();
        texts.sort();
        texts.dedup();
        for m in texts {
            let mval = conv.strict(&m)?;
            for (row, v) in columns[fi].iter().enumerate() {
                if same_element(v, &mval, &f.dtype) {
                    mask[row][fi] = true;
                }
            }
        }
    }
    Ok(())
}

/// `stored == other` for a field of dtype `d` holding `stored`, as NumPy compares an array with a
/// Python object: bool and integer fields by exact value, float and complex fields with the
/// object cast to the field's precision (a weak scalar), strings with strings.
pub(super) fn same_element(stored: &Val, other: &Val, d: &DType) -> bool {
    let as_scalar = |v: &Val| -> Option<Scalar> {
        let mut buf = vec![0u8; d.itemsize()];
        write_val(v, d, &mut buf).ok()?;
        Some(Scalar::from_bytes(&buf, d))
    };
    let f64_of = |s: Scalar| match s.cast(NumType::Float64) {
        Scalar::F64(x) => x,
        _ => f64::NAN,
    };
    match d.kind() {
        DTypeKind::Str(n) | DTypeKind::Bytes(n) => {
            let raw = |v: &Val| match v {
                Val::Str(s) | Val::Bytes(s) => s.clone(),
                v => py_str(v),
            };
            match other {
                Val::Str(o) | Val::Bytes(o) => raw(stored).chars().take(*n).collect::<String>() == *o,
                _ => false,
            }
        }
        DTypeKind::Num(t) if t.is_integer() || *t == NumType::Bool => {
            let Some(s) = as_scalar(stored) else { return false };
            let int = match s {
                Scalar::Bool(b) => b as i128,
                Scalar::U64(u) => u as i128,
                s => match s.cast(NumType::Int64) {
                    Scalar::I64(i) => i as i128,
                    _ => return false,
                },
            };
            match other {
                Val::Bool(b) => int == *b as i128,
                Val::Int(PyInt::Small(i)) => int == *i,
                Val::Float(x) => int as f64 == *x,
                Val::Complex(re, im) => int as f64 == *re && *im == 0.0,
                _ => false,
            }
        }
        DTypeKind::TimeDelta(_) => {
            let count = |v: &Val| {
                let mut buf = [0u8; 8];
                write_val(v, d, &mut buf).ok().map(|_| buf)
            };
            matches!((count(stored), count(other)), (Some(a), Some(b)) if a == b)
        }
        DTypeKind::Num(_) => {
            if matches!(other, Val::Str(_) | Val::Bytes(_)) {
                return false;
            }
            match (as_scalar(stored), as_scalar(other)) {
                (Some(Scalar::C64(a)), Some(Scalar::C64(b))) => a == b,
                (Some(Scalar::C128(a)), Some(Scalar::C128(b))) => a == b,
                (Some(a), Some(b)) => f64_of(a) == f64_of(b),
                _ => false,
            }
        }
        _ => false,
    }
}

pub(super) fn mask_array(layout: &Layout, mask: &[Vec<bool>], nrows: usize, nbcols: usize) -> Result<NdArray> {
    match layout {
        Layout::Uniform(_) => {
            let shape = if nrows == 0 { vec![0] } else { vec![nrows, nbcols] };
            let bytes: Vec<u8> = mask.iter().flatten().map(|&b| b as u8).collect();
            filled(DType::BOOL, &shape, &bytes)
        }
        Layout::Records(d) => {
            let r = d.record().expect("records layout");
            let f: Vec<(&str, DType)> = r.fields().iter().map(|f| (f.name.as_str(), DType::BOOL)).collect();
            let md = DType::structured(&f, false)?;
            let bytes: Vec<u8> = mask.iter().flat_map(|row| row.iter().take(f.len()).map(|&b| b as u8)).collect();
            filled(md, &[nrows], &bytes)
        }
    }
}

/// NumPy's `_ensure_ndmin_ndarray`: squeeze, then `atleast_1d` or `atleast_2d(...).T`
/// (`atleast_2d` of a 1-d array adds its axis as `a[None, :]`, stride 0).
pub(super) fn ndmin(a: NdArray, ndmin: usize) -> Result<NdArray> {
    let a = if a.ndim() > ndmin { a.squeeze(None)? } else { a };
    Ok(match (a.ndim(), ndmin) {
        (0, 1) => a.reshape(&[1])?,
        (0, 2) => a.reshape(&[1, 1])?.t(),
        (1, 2) => a.index("None, :")?.t(),
        _ => a,
    })
}

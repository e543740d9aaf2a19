//! Element transfer between any two dtypes: the run kernels used by copies, casts and assignment.
//!
//! Owns the kernels for non-numeric dtypes: byte copies of identical dtypes, byte-order swaps
//! per field and per element (records, unicode, datetimes), datetime and timedelta unit
//! conversions (through `crate::datetime`), datetime/timedelta to and from int64, and bytes and
//! unicode resizing. Numeric pairs use `cast::run_kernel`. A kernel is chosen once per operation;
//! conversions that can fail (overflow, non-ASCII to bytes) return the first error of a run.

use super::cast::run_kernel;
use super::{ByteOrder, DType, DTypeKind, NumType, TimeUnit};
use crate::datetime::calendar::{check_factor, convert_datetime, convert_timedelta};
use crate::{Error, Result};

/// Converts a run: `(len, src, src_offset, src_stride, dst, dst_offset, dst_stride)`.
pub(crate) type Kernel = Box<dyn FnMut(usize, &[u8], usize, isize, &mut [u8], usize, isize) -> Result<()> + Send>;

/// The byte ranges `(offset, size)` of one element that a byte-order change reverses (complex
/// numbers reverse each part), for a dtype whose order differs from `other`'s at that place.
fn swaps(from: &DType, to: &DType, base: usize, out: &mut Vec<(usize, usize)>) {
    match (from.kind(), to.kind()) {
        (DTypeKind::Record(a), DTypeKind::Record(b)) => {
            for (fa, fb) in a.fields().iter().zip(b.fields()) {
                let n: usize = fa.shape.iter().product();
                for k in 0..n {
                    swaps(&fa.dtype, &fb.dtype, base + fa.offset + k * fa.dtype.itemsize(), out);
                }
            }
        }
        _ if from.byte_order() == to.byte_order() || from.byte_order() == ByteOrder::NotApplicable => {}
        (DTypeKind::Num(t), _) if matches!(t, NumType::Complex64 | NumType::Complex128) => {
            let h = t.itemsize() / 2;
            out.push((base, h));
            out.push((base + h, h));
        }
        (DTypeKind::Str(n), _) => out.extend((0..*n).map(|k| (base + 4 * k, 4))),
        _ => out.push((base, from.itemsize())),
    }
}

/// Whether two dtypes have the same layout up to byte order.
fn same_layout(a: &DType, b: &DType) -> bool {
    a.to_native() == b.to_native()
}

/// The byte ranges `(start, end)` of an element that hold field data, merged; `None` when they
/// cover the whole element (NumPy copies fields only: padding and unselected bytes stay zero).
pub(crate) fn field_ranges(d: &DType) -> Option<Vec<(usize, usize)>> {
    fn leaves(d: &DType, base: usize, out: &mut Vec<(usize, usize)>) {
        match d.record() {
            Some(r) => {
                for f in r.fields() {
                    let n: usize = f.shape.iter().product();
                    for k in 0..n {
                        leaves(&f.dtype, base + f.offset + k * f.dtype.itemsize(), out);
                    }
                }
            }
            None => out.push((base, base + d.itemsize())),
        }
    }
    d.record()?;
    let mut v = Vec::new();
    leaves(d, 0, &mut v);
    v.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in v {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    if merged == [(0, d.itemsize())] {
        None
    } else {
        Some(merged)
    }
}

fn copy_kernel(n: usize, swap: Vec<(usize, usize)>, ranges: Option<Vec<(usize, usize)>>) -> Kernel {
    Box::new(move |len, src, so, ss, dst, dof, ds| {
        let (mut i, mut o) = (so as isize, dof as isize);
        for _ in 0..len {
            let (iu, ou) = (i as usize, o as usize);
            let out = &mut dst[ou..ou + n];
            match &ranges {
                None => out.copy_from_slice(&src[iu..iu + n]),
                Some(rs) => {
                    for &(a, b) in rs {
                        out[a..b].copy_from_slice(&src[iu + a..iu + b]);
                    }
                }
            }
            for &(at, size) in &swap {
                out[at..at + size].reverse();
            }
            i += ss;
            o += ds;
        }
        Ok(())
    })
}

fn read_i64(b: &[u8], big: bool) -> i64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[..8]);
    if big {
        i64::from_be_bytes(x)
    } else {
        i64::from_le_bytes(x)
    }
}

fn write_i64(v: i64, b: &mut [u8], big: bool) {
    b[..8].copy_from_slice(&if big { v.to_be_bytes() } else { v.to_le_bytes() });
}

fn is_big(d: &DType) -> bool {
    d.byte_order() == ByteOrder::Big
}

/// A kernel mapping each int64 value (datetime, timedelta or int64) through `f`.
fn i64_kernel(from: &DType, to: &DType, f: impl Fn(i64) -> Result<i64> + Send + 'static) -> Kernel {
    let (sb, db) = (is_big(from), is_big(to));
    Box::new(move |len, src, so, ss, dst, dof, ds| {
        let (mut i, mut o) = (so as isize, dof as isize);
        for _ in 0..len {
            let v = f(read_i64(&src[i as usize..], sb))?;
            write_i64(v, &mut dst[o as usize..], db);
            i += ss;
            o += ds;
        }
        Ok(())
    })
}

/// Decodes one fixed-width string element into code points, dropping trailing NULs.
pub(crate) fn decode(d: &DType, b: &[u8]) -> Vec<u32> {
    let mut v: Vec<u32> = match d.kind() {
        DTypeKind::Bytes(n) => b[..*n].iter().map(|&c| u32::from(c)).collect(),
        DTypeKind::Str(n) => (0..*n)
            .map(|k| {
                let x = [b[4 * k], b[4 * k + 1], b[4 * k + 2], b[4 * k + 3]];
                if is_big(d) {
                    u32::from_be_bytes(x)
                } else {
                    u32::from_le_bytes(x)
                }
            })
            .collect(),
        _ => vec![],
    };
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

/// Encodes code points into one fixed-width string element (truncated, zero-padded); bytes
/// accept only code points below 128, as NumPy's ASCII encoding.
pub(crate) fn encode(d: &DType, cps: &[u32], out: &mut [u8]) -> Result<()> {
    out.fill(0);
    match d.kind() {
        DTypeKind::Bytes(n) => {
            if let Some((k, &c)) = cps.iter().enumerate().find(|(_, &c)| c > 127) {
                return Err(encode_error(c, k));
            }
            for (k, &c) in cps.iter().take(*n).enumerate() {
                out[k] = c as u8;
            }
        }
        DTypeKind::Str(n) => {
            for (k, &c) in cps.iter().take(*n).enumerate() {
                let x = if is_big(d) { c.to_be_bytes() } else { c.to_le_bytes() };
                out[4 * k..4 * k + 4].copy_from_slice(&x);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Python's message for a character ASCII cannot hold.
fn encode_error(c: u32, k: usize) -> Error {
    let ch = if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    };
    Error::UnicodeEncode(format!(
        "'ascii' codec can't encode character '{ch}' in position {k}: ordinal not in range(128)"
    ))
}

/// Datetimes and timedeltas to text (`'2020-01-01T10'`, `'5 seconds'`, `'NaT'`), or text to
/// datetimes and timedeltas (ISO parsing; a timedelta from its integer count).
fn time_string_kernel(from: &DType, to: &DType) -> Kernel {
    let (from, to) = (from.clone(), to.clone());
    let (sn, dn) = (from.itemsize(), to.itemsize());
    Box::new(move |len, src, so, ss, dst, dof, ds| {
        let (mut i, mut o) = (so as isize, dof as isize);
        for _ in 0..len {
            let s = &src[i as usize..i as usize + sn];
            let d = &mut dst[o as usize..o as usize + dn];
            match (from.kind(), to.kind()) {
                (DTypeKind::DateTime(u), _) => {
                    let text = iso_text(read_i64(s, is_big(&from)), *u, &to)?;
                    encode(&to, &text.chars().map(u32::from).collect::<Vec<_>>(), d)?;
                }
                (DTypeKind::TimeDelta(u), _) => {
                    // NumPy counts in the base unit and keeps at most 21 characters.
                    let v = read_i64(s, is_big(&from));
                    let base = TimeUnit::new(u.base, 1);
                    let text = crate::datetime::calendar::timedelta_text(
                        if v == i64::MIN { v } else { v.wrapping_mul(u.num) },
                        base,
                    );
                    let cps: Vec<u32> = text.chars().take(21).map(u32::from).collect();
                    encode(&to, &cps, d)?;
                }
                (_, DTypeKind::DateTime(u)) => {
                    // NumPy's parser reads the element as a C string: it ends at the first NUL.
                    let mut cps = decode(&from, s);
                    cps.truncate(cps.iter().position(|&c| c == 0).unwrap_or(cps.len()));
                    // Bytes are read as UTF-8 (invalid bytes replaced), as NumPy's parser reads them.
                    let text: String = if matches!(from.kind(), DTypeKind::Bytes(_)) {
                        String::from_utf8_lossy(&cps.iter().map(|&c| c as u8).collect::<Vec<u8>>()).into_owned()
                    } else {
                        cps.into_iter().filter_map(char::from_u32).collect()
                    };
                    let (v, pu) = crate::datetime::parse_datetime(&text)?;
                    write_i64(convert_datetime(v, pu, *u)?, d, is_big(&to));
                }
                (_, DTypeKind::TimeDelta(_)) => {
                    let text: String = decode(&from, s).into_iter().filter_map(char::from_u32).collect();
                    let t = text.trim();
                    let v = if t.eq_ignore_ascii_case("nat") || t.is_empty() {
                        i64::MIN
                    } else {
                        t.parse::<i64>()
                            .map_err(|_| Error::Value("Could not convert object to NumPy timedelta".into()))?
                    };
                    write_i64(v, d, is_big(&to));
                }
                _ => return Err(unsupported(&from, &to)),
            }
            i += ss;
            o += ds;
        }
        Ok(())
    })
}

/// A datetime's ISO text as NumPy's cast to the string dtype `to` makes it. NumPy formats into
/// the element's own buffer and fails when the text does not fit, with one quirk kept here: a
/// year-only text exactly as long as the element loses its last digit (the year is written with
/// room for a terminating NUL) instead of failing.
pub(crate) fn iso_text(v: i64, unit: TimeUnit, to: &DType) -> Result<String> {
    use super::TimeBase;
    let shown = TimeUnit::new(if unit.base == TimeBase::Week { TimeBase::Day } else { unit.base }, 1);
    let mut text = crate::datetime::format_datetime(v, unit, shown)?;
    let width = match to.kind() {
        DTypeKind::Bytes(n) | DTypeKind::Str(n) => *n,
        _ => usize::MAX,
    };
    // ISO text is ASCII: its length in bytes is its length in characters.
    if text.len() > width {
        return Err(Error::Runtime(format!(
            "The string provided for NumPy ISO datetime formatting was too short, with length {width}"
        )));
    }
    if shown.base == TimeBase::Year && text.len() == width && text != "NaT" {
        text.pop();
    }
    Ok(text)
}

/// The dtype an `astype` really produces: a unitless datetime/timedelta target keeps the
/// source's unit, as NumPy's `astype('M8')` does.
pub(crate) fn resolve_target(from: &DType, to: &DType) -> DType {
    match (from.kind(), to.kind()) {
        (DTypeKind::DateTime(u), DTypeKind::DateTime(g)) | (DTypeKind::TimeDelta(u), DTypeKind::TimeDelta(g))
            if g.is_generic() =>
        {
            let _ = u;
            from.clone()
        }
        _ => to.clone(),
    }
}

fn string_kernel(from: &DType, to: &DType) -> Kernel {
    let (from, to) = (from.clone(), to.clone());
    let (sn, dn) = (from.itemsize(), to.itemsize());
    Box::new(move |len, src, so, ss, dst, dof, ds| {
        let (mut i, mut o) = (so as isize, dof as isize);
        for _ in 0..len {
            let cps = decode(&from, &src[i as usize..i as usize + sn]);
            encode(&to, &cps, &mut dst[o as usize..o as usize + dn])?;
            i += ss;
            o += ds;
        }
        Ok(())
    })
}

fn unsupported(from: &DType, to: &DType) -> Error {
    Error::Type(format!("cannot assign {from} to {to}"))
}

/// The kernel moving elements of `from` into elements of `to`.
pub(crate) fn kernel(from: &DType, to: &DType) -> Result<Kernel> {
    if let Some(k) = run_kernel(from, to) {
        return Ok(Box::new(move |len, s, so, ss, d, dof, ds| {
            k(len, s, so, ss, d, dof, ds);
            Ok(())
        }));
    }
    if from == to || same_layout(from, to) {
        let mut sw = Vec::new();
        if from != to {
            swaps(from, to, 0, &mut sw);
        }
        return Ok(copy_kernel(from.itemsize(), sw, field_ranges(from)));
    }
    let i64t = DTypeKind::Num(NumType::Int64);
    match (from.kind(), to.kind()) {
        (DTypeKind::DateTime(a), DTypeKind::DateTime(b)) => {
            let (a, b): (TimeUnit, TimeUnit) = (*a, *b);
            check_factor(a, b)?;
            Ok(i64_kernel(from, to, move |v| convert_datetime(v, a, b)))
        }
        (DTypeKind::TimeDelta(a), DTypeKind::TimeDelta(b)) => {
            let (a, b): (TimeUnit, TimeUnit) = (*a, *b);
            check_factor(a, b)?;
            Ok(i64_kernel(from, to, move |v| convert_timedelta(v, a, b)))
        }
        (DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_), k) if *k == i64t => Ok(i64_kernel(from, to, Ok)),
        (k, DTypeKind::TimeDelta(_) | DTypeKind::DateTime(_)) if *k == i64t => Ok(i64_kernel(from, to, Ok)),
        (DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_), DTypeKind::Num(_)) => {
            // Through int64, then the numeric cast.
            let mid = DType::INT64;
            let mut first = i64_kernel(from, &mid, Ok);
            let second = run_kernel(&mid, to).ok_or_else(|| unsupported(from, to))?;
            Ok(Box::new(move |len, s, so, ss, d, dof, ds| {
                let mut buf = vec![0u8; len * 8];
                first(len, s, so, ss, &mut buf, 0, 8)?;
                second(len, &buf, 0, 8, d, dof, ds);
                Ok(())
            }))
        }
        (DTypeKind::Num(_), DTypeKind::TimeDelta(_) | DTypeKind::DateTime(_)) => {
            let mid = DType::INT64;
            let first = run_kernel(from, &mid).ok_or_else(|| unsupported(from, to))?;
            let mut second = i64_kernel(&mid, to, Ok);
            Ok(Box::new(move |len, s, so, ss, d, dof, ds| {
                let mut buf = vec![0u8; len * 8];
                first(len, s, so, ss, &mut buf, 0, 8);
                second(len, &buf, 0, 8, d, dof, ds)
            }))
        }
        (DTypeKind::Bytes(_) | DTypeKind::Str(_), DTypeKind::Bytes(_) | DTypeKind::Str(_)) => {
            Ok(string_kernel(from, to))
        }
        (DTypeKind::Bytes(_) | DTypeKind::Str(_), DTypeKind::Num(NumType::Bool)) => {
            // NumPy 2 reads text as true when it is non-empty (trailing NULs are not text).
            let (from, n) = (from.clone(), from.itemsize());
            Ok(Box::new(move |len, src, so, ss, dst, dof, ds| {
                let (mut i, mut o) = (so as isize, dof as isize);
                for _ in 0..len {
                    dst[o as usize] = u8::from(!decode(&from, &src[i as usize..i as usize + n]).is_empty());
                    i += ss;
                    o += ds;
                }
                Ok(())
            }))
        }
        (DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_), DTypeKind::Bytes(_) | DTypeKind::Str(_))
        | (DTypeKind::Bytes(_) | DTypeKind::Str(_), DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_)) => {
            Ok(time_string_kernel(from, to))
        }
        (DTypeKind::Record(a), DTypeKind::Record(b)) if a.fields().len() == b.fields().len() => {
            // Structured assignment goes by position, field by field.
            let mut subs = Vec::with_capacity(a.fields().len());
            for (fa, fb) in a.fields().iter().zip(b.fields()) {
                if fa.shape != fb.shape {
                    return Err(unsupported(from, to));
                }
                let n: usize = fa.shape.iter().product();
                let (si, di) = (fa.dtype.itemsize() as isize, fb.dtype.itemsize() as isize);
                subs.push((fa.offset, fb.offset, n, si, di, kernel(&fa.dtype, &fb.dtype)?));
            }
            Ok(Box::new(move |len, src, so, ss, dst, dof, ds| {
                let (mut i, mut o) = (so as isize, dof as isize);
                for _ in 0..len {
                    for (fo, to, n, si, di, k) in subs.iter_mut() {
                        k(*n, src, i as usize + *fo, *si, dst, o as usize + *to, *di)?;
                    }
                    i += ss;
                    o += ds;
                }
                Ok(())
            }))
        }
        _ => Err(unsupported(from, to)),
    }
}

//! Text files: NumPy's `savetxt` and `loadtxt` for numeric 1-d and 2-d arrays.
//!
//! Owns the line and column framing and Python's `%` formatting of one number (`%.18e`, `%10.4f`,
//! `%g`, `%d`, `%s`), which `savetxt` applies to each value. Structured and string columns, and
//! `genfromtxt`'s missing values, are not here yet.

use crate::array::NdArray;
use crate::dtype::{DType, DTypeKind, Kind};
use crate::layout::Order;
use crate::scalar::Scalar;
use crate::{Error, Result};
use std::path::Path;

/// One `%` conversion: flags, width, precision, type.
#[derive(Clone, Debug)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
    width: usize,
    precision: Option<usize>,
    conv: char,
}

/// Splits a format into literal text and conversions.
fn parse_format(fmt: &str) -> Result<Vec<std::result::Result<String, Spec>>> {
    let bad = || Error::Value(format!("fmt has wrong format: {fmt:?}"));
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if it.peek() == Some(&'%') {
            it.next();
            lit.push('%');
            continue;
        }
        if !lit.is_empty() {
            out.push(Ok(std::mem::take(&mut lit)));
        }
        let mut s = Spec {
            left: false,
            plus: false,
            space: false,
            zero: false,
            alt: false,
            width: 0,
            precision: None,
            conv: 's',
        };
        while let Some(&f) = it.peek() {
            match f {
                '-' => s.left = true,
                '+' => s.plus = true,
                ' ' => s.space = true,
                '0' => s.zero = true,
                '#' => s.alt = true,
                _ => break,
            }
            it.next();
        }
        let mut digits = String::new();
        while let Some(&d) = it.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(d);
            it.next();
        }
        s.width = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| bad())? };
        if it.peek() == Some(&'.') {
            it.next();
            let mut p = String::new();
            while let Some(&d) = it.peek().filter(|d| d.is_ascii_digit()) {
                p.push(d);
                it.next();
            }
            s.precision = Some(if p.is_empty() { 0 } else { p.parse().map_err(|_| bad())? });
        }
        s.conv = it.next().ok_or_else(bad)?;
        if !"eEfFgGdis".contains(s.conv) {
            return Err(bad());
        }
        out.push(Err(s));
    }
    if !lit.is_empty() {
        out.push(Ok(lit));
    }
    Ok(out)
}

/// `%e` digits: mantissa with `p` decimals and an exponent of at least two digits.
fn sci(x: f64, p: usize, upper: bool) -> String {
    let s = format!("{:.*e}", p, x.abs());
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let body = format!("{m}{}{}{:02}", if upper { 'E' } else { 'e' }, if e < 0 { '-' } else { '+' }, e.abs());
    body
}

/// Python's `%` of one number with one conversion.
fn format_one(spec: &Spec, v: &Scalar) -> Result<String> {
    let as_f64 = |v: &Scalar| match v.cast(crate::NumType::Float64) {
        Scalar::F64(x) => x,
        _ => f64::NAN,
    };
    let (neg, body) = match spec.conv {
        's' => return Ok(pad(spec, v.to_string(), false)),
        'd' | 'i' => {
            let x = as_f64(v);
            if x.is_nan() {
                return Err(Error::Value("cannot convert float NaN to integer".into()));
            }
            if x.is_infinite() {
                return Err(Error::OutOfRange("cannot convert float infinity to integer".into()));
            }
            let i = x.trunc();
            (i < 0.0, format!("{}", i.abs() as u128))
        }
        c => {
            let x = as_f64(v);
            let upper = c.is_ascii_uppercase();
            let neg = x.is_sign_negative() && !x.is_nan();
            if !x.is_finite() {
                let t = if x.is_nan() { "nan" } else { "inf" };
                let t = if upper { t.to_uppercase() } else { t.to_string() };
                return Ok(pad(spec, t, neg));
            }
            let p = spec.precision.unwrap_or(6);
            let body = match c.to_ascii_lowercase() {
                'e' => sci(x, p, upper),
                'f' => format!("{:.*}", p, x.abs()),
                _ => {
                    // %g: P significant digits; fixed if -4 <= exponent < P, else scientific; trailing
                    // zeros removed unless '#'.
                    let p = if p == 0 { 1 } else { p };
                    let e_form = format!("{:.*e}", p - 1, x.abs());
                    let exp: i32 = e_form.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
                    let mut s = if exp >= -4 && exp < p as i32 {
                        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x.abs())
                    } else {
                        sci(x, p - 1, upper)
                    };
                    if !spec.alt {
                        let (mant, tail) = match s.find(['e', 'E']) {
                            Some(i) => (s[..i].to_string(), s[i..].to_string()),
                            None => (s.clone(), String::new()),
                        };
                        let mant = if mant.contains('.') {
                            mant.trim_end_matches('0').trim_end_matches('.').to_string()
                        } else {
                            mant
                        };
                        s = mant + &tail;
                    }
                    s
                }
            };
            // '#' keeps the decimal point even with no digits after it ("300.", "3.e+02").
            let body = if spec.alt && !body.contains('.') {
                match body.find(['e', 'E']) {
                    Some(i) => format!("{}.{}", &body[..i], &body[i..]),
                    None => format!("{body}."),
                }
            } else {
                body
            };
            (neg, body)
        }
    };
    Ok(pad(spec, body, neg))
}

fn pad(spec: &Spec, body: String, neg: bool) -> String {
    let sign = if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.chars().count();
    if len >= spec.width {
        return format!("{sign}{body}");
    }
    let fill = spec.width - len;
    // Python zero-pads whatever the text is, "nan" and "inf" included.
    if spec.left {
        format!("{sign}{body}{}", " ".repeat(fill))
    } else if spec.zero {
        format!("{sign}{}{body}", "0".repeat(fill))
    } else {
        format!("{}{sign}{body}", " ".repeat(fill))
    }
}

/// Options for [`savetxt`], with NumPy's defaults.
#[derive(Clone, Debug)]
pub struct SaveTxt {
    /// A `%` format for each value (`"%.18e"`), or for a whole row with one conversion per column.
    pub fmt: String,
    /// Between values (`" "`).
    pub delimiter: String,
    /// After each row (`"\n"`).
    pub newline: String,
    /// Text before the data, each line prefixed with `comments` (`""`: none).
    pub header: String,
    /// Text after the data, likewise.
    pub footer: String,
    /// The comment prefix for header and footer (`"# "`).
    pub comments: String,
}

impl Default for SaveTxt {
    fn default() -> SaveTxt {
        SaveTxt {
            fmt: "%.18e".into(),
            delimiter: " ".into(),
            newline: "\n".into(),
            header: String::new(),
            footer: String::new(),
            comments: "# ".into(),
        }
    }
}

/// NumPy's `np.savetxt`: a 1-d array as one column, a 2-d array row by row (atomic write).
///
/// ```
/// use strider::io::text::{savetxt, SaveTxt};
/// use strider::{NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-savetxt-doc-{}", std::process::id()));
/// let a = NdArray::from_vec(vec![1.5f64, -2.25e-7], &[1, 2], Order::C).unwrap();
/// savetxt(&path, &a, &SaveTxt { fmt: "%g".into(), delimiter: ",".into(), ..SaveTxt::default() }).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "1.5,-2.25e-07\n");
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn savetxt(path: impl AsRef<Path>, a: &NdArray, opts: &SaveTxt) -> Result<()> {
    let rows = format_rows(a, opts)?;
    let mut out = String::new();
    let comment_lines = |text: &str, out: &mut String| {
        for line in text.split('\n') {
            out.push_str(&opts.comments);
            out.push_str(line);
            out.push_str(&opts.newline);
        }
    };
    if !opts.header.is_empty() {
        comment_lines(&opts.header, &mut out);
    }
    out.push_str(&rows);
    if !opts.footer.is_empty() {
        comment_lines(&opts.footer, &mut out);
    }
    super::raw::write_atomic(path.as_ref(), out.as_bytes())
}

/// The data rows [`savetxt`] writes for `a` (a 1-d array as one column, a 2-d array row by row),
/// without header or footer: for writing a large array in blocks of rows.
///
/// ```
/// use strider::io::text::{format_rows, SaveTxt};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1i32, 2, 3, 4], &[2, 2], Order::C).unwrap();
/// let opts = SaveTxt { fmt: "%d".into(), delimiter: ",".into(), ..SaveTxt::default() };
/// assert_eq!(format_rows(&a, &opts).unwrap(), "1,2\n3,4\n");
/// assert!(format_rows(&a.reshape(&[1, 2, 2]).unwrap(), &opts).is_err());
/// ```
pub fn format_rows(a: &NdArray, opts: &SaveTxt) -> Result<String> {
    let DTypeKind::Num(t) = a.dtype().kind() else {
        return Err(Error::Type(format!("savetxt needs a numeric dtype, not {}", a.dtype())));
    };
    if t.kind() == Kind::Complex {
        return Err(Error::Type("savetxt of complex arrays is not supported yet".into()));
    }
    let (rows, cols) = match a.shape() {
        [n] => (*n, 1),
        [r, c] => (*r, *c),
        s => {
            return Err(Error::Value(format!("Expected 1D or 2D array, got {}D array instead", s.len())));
        }
    };
    let parts = parse_format(&opts.fmt)?;
    let nspec = parts.iter().filter(|p| p.is_err()).count();
    let values = a.to_scalars();
    let mut out = String::new();
    for r in 0..rows {
        let row = &values[r * cols..(r + 1) * cols];
        if nspec == 1 {
            let mut cells = Vec::with_capacity(row.len());
            for v in row {
                let mut cell = String::new();
                for p in &parts {
                    match p {
                        Ok(lit) => cell.push_str(lit),
                        Err(s) => cell.push_str(&format_one(s, v)?),
                    }
                }
                cells.push(cell);
            }
            out.push_str(&cells.join(&opts.delimiter));
        } else if nspec == cols {
            let mut vals = row.iter();
            for p in &parts {
                match p {
                    Ok(lit) => out.push_str(lit),
                    Err(s) => out.push_str(&format_one(s, vals.next().expect("one value per conversion"))?),
                }
            }
        } else {
            return Err(Error::Value(format!("fmt has wrong number of % formats:  {}", opts.fmt)));
        }
        out.push_str(&opts.newline);
    }
    Ok(out)
}

/// Options for [`loadtxt`], with NumPy's defaults.
#[derive(Clone, Debug)]
pub struct LoadTxt {
    /// The element type (`float64`).
    pub dtype: DType,
    /// Column separator; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Text from this marker to the end of a line is ignored (`"#"`).
    pub comments: Option<String>,
    /// Lines to skip at the start of the file.
    pub skiprows: usize,
    /// Columns to keep (negative counts from the end); `None`: all.
    pub usecols: Option<Vec<isize>>,
}

impl Default for LoadTxt {
    fn default() -> LoadTxt {
        LoadTxt { dtype: DType::FLOAT64, delimiter: None, comments: Some("#".into()), skiprows: 0, usecols: None }
    }
}

/// NumPy's `np.loadtxt` for numeric data: rows of columns, with length-1 axes squeezed as NumPy
/// does (`ndmin=0`). Errors name the row and column, in NumPy's words. Large files are parsed
/// in blocks of lines on all cores; the result (and the first error) is the one a line-by-line
/// read gives.
///
/// ```
/// use strider::io::text::{loadtxt, LoadTxt};
/// let path = std::env::temp_dir().join(format!("strider-loadtxt-doc-{}", std::process::id()));
/// std::fs::write(&path, "# c\n1 2 3\n4 5 6\n").unwrap();
/// let a = loadtxt(&path, &LoadTxt::default()).unwrap();
/// assert_eq!((a.shape(), a.to_vec::<f64>().unwrap()), (&[2, 3][..], vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn loadtxt(path: impl AsRef<Path>, opts: &LoadTxt) -> Result<NdArray> {
    loadtxt_blocks(path, opts, BLOCK)
}

/// Bytes of text per parallel block (blocks end at a line end).
const BLOCK: usize = 1 << 20;

/// [`loadtxt`] with blocks of about `block` bytes (1 reads line by line in effect, for tests
/// that the blocked result is the sequential one).
///
/// ```
/// use strider::io::text::{loadtxt_blocks, LoadTxt};
/// let path = std::env::temp_dir().join(format!("strider-loadtxt-b-doc-{}", std::process::id()));
/// std::fs::write(&path, "1,2\n3,4\n5,6\n").unwrap();
/// let o = LoadTxt { delimiter: Some(",".into()), ..LoadTxt::default() };
/// let a = loadtxt_blocks(&path, &o, 1).unwrap();
/// assert_eq!(a.to_vec::<f64>().unwrap(), loadtxt_blocks(&path, &o, 1 << 20).unwrap().to_vec::<f64>().unwrap());
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn loadtxt_blocks(path: impl AsRef<Path>, opts: &LoadTxt, block: usize) -> Result<NdArray> {
    use rayon::prelude::*;
    let p = path.as_ref();
    let text =
        std::fs::read_to_string(p).map_err(|e| Error::Io { path: p.display().to_string(), message: e.to_string() })?;
    let DTypeKind::Num(t) = opts.dtype.kind() else {
        return Err(Error::Type(format!("loadtxt needs a numeric dtype, not {}", opts.dtype)));
    };
    let t = *t;
    let float = !(t.is_integer() || t == crate::NumType::Bool);
    // Skipped lines first, then blocks that each end at a newline.
    let mut body = text.as_str();
    for _ in 0..opts.skiprows {
        match body.find('\n') {
            Some(k) => body = &body[k + 1..],
            None => body = "",
        }
    }
    let mut blocks: Vec<&str> = Vec::new();
    while !body.is_empty() {
        let mut end = body.len().min(block.max(1));
        if end < body.len() {
            // Search bytes: `end` may fall inside a multi-byte character; just past a '\n' never does.
            end = body.as_bytes()[end..].iter().position(|&c| c == b'\n').map_or(body.len(), |k| end + k + 1);
        }
        blocks.push(&body[..end]);
        body = &body[end..];
    }
    let parsed: Vec<Block> = blocks.par_iter().map(|b| parse_block(b, opts, float)).collect();

    // Stitch the blocks together in file order, as one sequential pass would see them.
    let (mut rows, mut lines, mut ncols) = (0usize, opts.skiprows, None::<usize>);
    let mut floats: Vec<f64> = Vec::with_capacity(parsed.iter().map(|b| b.floats.len()).sum());
    let mut ints: Vec<Scalar> = Vec::with_capacity(parsed.iter().map(|b| b.ints.len()).sum());
    for b in parsed {
        if let (Some(n), Some(first)) = (ncols, b.first_ncols) {
            if n != first {
                return Err(changed(n, first, rows + 1));
            }
        }
        ncols = ncols.or(b.first_ncols);
        if let Some(e) = b.error {
            return Err(match e {
                BlockError::Usecols { col, line, nfields } => Error::Value(format!(
                    "invalid column index {col} at row {} with {nfields} columns",
                    lines + line + 1
                )),
                BlockError::Changed { to, row } => changed(ncols.unwrap_or(0), to, rows + row + 1),
                BlockError::Convert { field, row, col } => Error::Value(format!(
                    "could not convert string '{field}' to {} at row {}, column {}.",
                    t.name(),
                    rows + row,
                    col + 1
                )),
            });
        }
        rows += b.rows;
        lines += b.lines;
        floats.extend_from_slice(&b.floats);
        ints.extend_from_slice(&b.ints);
    }
    let c = ncols.unwrap_or(0);
    let a = if float {
        let f = NdArray::from_vec(floats, &[rows, c], Order::C)?;
        if opts.dtype == DType::FLOAT64 {
            f
        } else {
            f.astype(&opts.dtype, crate::Casting::Unsafe)?
        }
    } else {
        // Integers keep NumPy's range checks, value by value.
        let isz = opts.dtype.itemsize();
        let mut bytes = vec![0u8; rows * c * isz];
        for (k, v) in ints.iter().enumerate() {
            v.cast_weak(t)?.write_bytes(&opts.dtype, &mut bytes[k * isz..(k + 1) * isz])?;
        }
        let a = NdArray::empty(&[rows, c], opts.dtype.clone(), Order::C)?;
        if !bytes.is_empty() {
            a.storage().with_write(|b| b[..bytes.len()].copy_from_slice(&bytes))?;
        }
        a
    };
    // ndmin=0: squeeze length-1 axes, as NumPy does.
    a.squeeze(None)
}

fn changed(from: usize, to: usize, row: usize) -> Error {
    Error::Value(format!(
        "the number of columns changed from {from} to {to} at row {row}; use `usecols` to select a subset and avoid this error"
    ))
}

/// What one block of lines holds: its values, and the first problem in it (rows and lines
/// counted from the block's start).
#[derive(Default)]
struct Block {
    rows: usize,
    lines: usize,
    first_ncols: Option<usize>,
    floats: Vec<f64>,
    ints: Vec<Scalar>,
    error: Option<BlockError>,
}

enum BlockError {
    Usecols { col: isize, line: usize, nfields: usize },
    Changed { to: usize, row: usize },
    Convert { field: String, row: usize, col: usize },
}

fn parse_block(text: &str, opts: &LoadTxt, float: bool) -> Block {
    let mut b = Block::default();
    let mut fields: Vec<&str> = Vec::new();
    // One-character markers (the usual case) are searched as chars, not as substrings.
    let one_char = |s: &str| {
        let mut it = s.chars();
        it.next().filter(|_| it.next().is_none())
    };
    let comment_char = opts.comments.as_deref().and_then(one_char);
    let delim_char = opts.delimiter.as_deref().and_then(one_char);
    for (lineno, line) in text.lines().enumerate() {
        b.lines = lineno + 1;
        let line = match (&opts.comments, comment_char) {
            (_, Some(c)) => line.split(c).next().unwrap_or(""),
            (Some(c), None) if !c.is_empty() => line.split(c.as_str()).next().unwrap_or(""),
            _ => line,
        };
        if line.trim().is_empty() {
            continue;
        }
        fields.clear();
        match (&opts.delimiter, delim_char) {
            (None, _) => fields.extend(line.split_whitespace()),
            (Some(_), Some(d)) => fields.extend(line.split(d).map(str::trim)),
            (Some(d), None) => fields.extend(line.split(d.as_str()).map(str::trim)),
        }
        if let Some(cols) = &opts.usecols {
            let n = fields.len();
            let mut picked = Vec::with_capacity(cols.len());
            for &c in cols {
                let k = if c < 0 { c + n as isize } else { c };
                match fields.get(k as usize).filter(|_| k >= 0) {
                    Some(f) => picked.push(*f),
                    None => {
                        b.error = Some(BlockError::Usecols { col: c, line: lineno, nfields: n });
                        return b;
                    }
                }
            }
            fields = picked;
        }
        match b.first_ncols {
            Some(n) if n != fields.len() => {
                b.error = Some(BlockError::Changed { to: fields.len(), row: b.rows });
                return b;
            }
            _ => b.first_ncols = Some(fields.len()),
        }
        for (col, field) in fields.iter().enumerate() {
            let ok = if float {
                parse_float(field).map(|x| b.floats.push(x)).is_some()
            } else {
                parse_int(field).map(|x| b.ints.push(x)).is_some()
            };
            if !ok {
                b.error = Some(BlockError::Convert { field: field.to_string(), row: b.rows, col });
                return b;
            }
        }
        b.rows += 1;
    }
    b
}

fn parse_int(s: &str) -> Option<Scalar> {
    s.parse::<i64>().ok().map(Scalar::I64).or_else(|| s.parse::<u64>().ok().map(Scalar::U64))
}

/// A decimal number (Rust's correctly rounded parser) or a spelling of nan or infinity; "-nan"
/// reads as NaN with the sign bit clear.
fn parse_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.starts_with(['n', 'N']) {
        return body.eq_ignore_ascii_case("nan").then_some(f64::NAN);
    }
    if body.starts_with(['i', 'I']) && !(body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity")) {
        return None;
    }
    s.parse().ok()
}

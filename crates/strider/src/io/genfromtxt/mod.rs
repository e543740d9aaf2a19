//! NumPy's `np.genfromtxt`: delimited or fixed-width text with missing values, per-column type
//! inference, field names from a header, and a mask of what was missing.
//!
//! Owns the line framing (comments, delimiters, widths, header and footer), NumPy's field-name
//! validation, its converters (the bool -> int -> float -> complex -> str upgrade chain of
//! `dtype=None`, and the fixed converter of each dtype), missing and filling values, and the
//! assembly of the result as NumPy assembles it (a 2-d array of one dtype or a 1-d structured
//! array; squeezed). Number grammar comes from `io::pytext`; element bytes are written here and
//! handed to the array once. It does not touch `loadtxt` (in `io::text`).
//!
//! datetime64 columns go through NumPy's fallback (the text parsed as `np.array` parses bytes),
//! timedelta64 ones through its integer converter.
//!
//! Not here: user converter functions, nested or subarray fields, and `np.longdouble`'s extra
//! spellings (hex floats) in type inference.

mod assemble;
mod convert;

use super::pytext;
use crate::array::NdArray;
use crate::dtype::{DType, DTypeKind};
use crate::{Error, Result};
use assemble::{build, build_mask, extra_mask, inferred_layout, mask_array, ndmin, sized, text_len, Layout};
use convert::{Converter, Val};
use std::path::Path;

/// How `genfromtxt` splits a line into fields.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, Delimiter, GenFromTxt};
/// let o = GenFromTxt { delimiter: Delimiter::Widths(vec![1, 2]), ..GenFromTxt::default() };
/// assert_eq!(genfromtxt_str("123\n456\n", &o).unwrap().data.to_vec::<f64>().unwrap(), vec![1.0, 23.0, 4.0, 56.0]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Delimiter {
    /// Runs of whitespace (`delimiter=None`).
    #[default]
    Whitespace,
    /// This exact text (`delimiter=","`).
    Str(String),
    /// Fields of this many characters each (`delimiter=3`).
    Width(usize),
    /// Fields of these widths (`delimiter=(2, 3, 4)`).
    Widths(Vec<usize>),
}

/// A column named by position (negative counts from the end of the first line) or by name.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, Column, GenFromTxt};
/// let o = GenFromTxt { usecols: Some(vec![Column::Index(-1)]), ..GenFromTxt::default() };
/// assert_eq!(genfromtxt_str("1 2 3\n4 5 6\n", &o).unwrap().data.to_vec::<f64>().unwrap(), vec![3.0, 6.0]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// A position.
    Index(isize),
    /// A field name (needs `names`).
    Name(String),
}

/// Where field names come from.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, GenFromTxt, Names};
/// let o = GenFromTxt { names: Some(Names::List(vec!["x".into(), "y".into()])), ..GenFromTxt::default() };
/// let r = genfromtxt_str("1 2\n", &o).unwrap();
/// assert_eq!(format!("{:?}", r.data.dtype()), "dtype([('x', '<f8'), ('y', '<f8')])");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Names {
    /// The first line after `skip_header` (`names=True`); a comment marker before it is dropped.
    Header,
    /// These names (`names=["a", "b"]`).
    List(Vec<String>),
}

/// `missing_values`: the texts that mean "missing" besides the empty field.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, GenFromTxt, Missing};
/// let o = GenFromTxt { missing_values: Some(Missing::All(vec!["N/A".into()])), usemask: true, ..GenFromTxt::default() };
/// let r = genfromtxt_str("1 N/A\n", &o).unwrap();
/// assert_eq!(r.mask.unwrap().to_vec::<bool>().unwrap(), vec![false, true]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Each of these in every column (`missing_values="N/A,-"` is `All(vec!["N/A", "-"])`).
    All(Vec<String>),
    /// One text per column, in column order (`missing_values=["N/A", "-"]`).
    PerColumn(Vec<String>),
    /// Texts for some columns (`missing_values={0: "N/A", "b": ["-", "?"], None: "x"}`); `None`
    /// applies to every column.
    ByColumn(Vec<(Option<Column>, Vec<String>)>),
}

/// One filling value, as the Python object NumPy would put in the array.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, FillValue, Filling, GenFromTxt};
/// let o = GenFromTxt { filling_values: Some(Filling::All(FillValue::Int(0))), ..GenFromTxt::default() };
/// assert_eq!(genfromtxt_str("1 x\n", &o).unwrap().data.to_vec::<f64>().unwrap(), vec![1.0, 0.0]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FillValue {
    /// `True` / `False`.
    Bool(bool),
    /// A Python `int`.
    Int(i64),
    /// A Python `float`.
    Float(f64),
}

/// `filling_values`: what replaces a missing or unconvertible field (NumPy's default: `-1` for
/// integer columns, `nan` for float and complex ones, `False` for bool ones).
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, FillValue, Filling, GenFromTxt};
/// let o = GenFromTxt { dtype: Some(strider::DType::INT32), filling_values: Some(Filling::PerColumn(vec![FillValue::Int(7)])), ..GenFromTxt::default() };
/// assert_eq!(genfromtxt_str(",\n", &GenFromTxt { delimiter: strider::io::genfromtxt::Delimiter::Str(",".into()), ..o }).unwrap().data.to_vec::<i32>().unwrap(), vec![7, -1]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Filling {
    /// The same value for every column.
    All(FillValue),
    /// One value per column from the first (extra values are ignored).
    PerColumn(Vec<FillValue>),
    /// Values for some columns.
    ByColumn(Vec<(Column, FillValue)>),
}

/// `case_sensitive`: how field names are cased.
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, Case, GenFromTxt, Names};
/// let o = GenFromTxt { names: Some(Names::Header), case_sensitive: Case::Upper, ..GenFromTxt::default() };
/// let r = genfromtxt_str("id Price\n1 2\n", &o).unwrap();
/// assert_eq!(format!("{:?}", r.data.dtype()), "dtype([('ID', '<f8'), ('PRICE', '<f8')])");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Case {
    /// As written (`True`).
    #[default]
    Sensitive,
    /// Upper-cased (`False` or `'upper'`).
    Upper,
    /// Lower-cased (`'lower'`).
    Lower,
}

impl std::str::FromStr for Case {
    type Err = Error;

    /// NumPy's text forms: anything starting with `u` is upper, with `l` lower.
    ///
    /// ```
    /// use strider::io::genfromtxt::Case;
    /// assert_eq!("lower".parse::<Case>().unwrap(), Case::Lower);
    /// assert_eq!("x".parse::<Case>().unwrap_err().to_string(), "unrecognized case_sensitive value x.");
    /// ```
    fn from_str(s: &str) -> Result<Case> {
        if s.starts_with('u') {
            Ok(Case::Upper)
        } else if s.starts_with('l') {
            Ok(Case::Lower)
        } else {
            Err(Error::Value(format!("unrecognized case_sensitive value {s}.")))
        }
    }
}

/// Options for [`genfromtxt`], with NumPy's defaults.
///
/// ```
/// use strider::io::genfromtxt::{Delimiter, GenFromTxt};
/// let o = GenFromTxt { delimiter: Delimiter::Str(",".into()), ..GenFromTxt::default() };
/// assert_eq!((o.dtype, o.comments.as_deref(), o.invalid_raise), (Some(strider::DType::FLOAT64), Some("#"), true));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GenFromTxt {
    /// The dtype (`float64`); a structured dtype gives one field per column; `None` infers each
    /// column's type as NumPy does.
    pub dtype: Option<DType>,
    /// Text from this marker to the end of a line is ignored (`"#"`).
    pub comments: Option<String>,
    /// How fields are separated.
    pub delimiter: Delimiter,
    /// Lines skipped at the start.
    pub skip_header: usize,
    /// Data lines dropped at the end.
    pub skip_footer: usize,
    /// Columns to keep.
    pub usecols: Option<Vec<Column>>,
    /// Field names (the result is then structured).
    pub names: Option<Names>,
    /// Texts that mean "missing" besides the empty field.
    pub missing_values: Option<Missing>,
    /// What replaces missing fields.
    pub filling_values: Option<Filling>,
    /// Also return the mask of missing fields.
    pub usemask: bool,
    /// A line with the wrong number of fields is an error (else it is skipped).
    pub invalid_raise: bool,
    /// Strip whitespace around each field.
    pub autostrip: bool,
    /// An unconvertible field becomes the filling value (else it is an error).
    pub loose: bool,
    /// Read at most this many data rows.
    pub max_rows: Option<usize>,
    /// The minimum number of dimensions of the result (0, 1 or 2).
    pub ndmin: usize,
    /// Names that get a `_` appended, besides `return`, `file` and `print`.
    pub excludelist: Vec<String>,
    /// Characters removed from names (`None`: NumPy's default set of punctuation); `"` is always
    /// removed.
    pub deletechars: Option<String>,
    /// What replaces a space in a name (`"_"`); `None` or empty keeps spaces.
    pub replace_space: Option<String>,
    /// How names are cased.
    pub case_sensitive: Case,
    /// The name of an unnamed column, `%i` replaced by its number (`"f%i"`).
    pub defaultfmt: String,
    /// NumPy's `unpack=True`: a plain result is transposed, a one-field record becomes that
    /// field, and a record of several fields is also given field by field in
    /// [`Masked::unpacked`].
    pub unpack: bool,
}

impl Default for GenFromTxt {
    fn default() -> GenFromTxt {
        GenFromTxt {
            dtype: Some(DType::FLOAT64),
            comments: Some("#".into()),
            delimiter: Delimiter::Whitespace,
            skip_header: 0,
            skip_footer: 0,
            usecols: None,
            names: None,
            missing_values: None,
            filling_values: None,
            usemask: false,
            invalid_raise: true,
            autostrip: false,
            loose: true,
            max_rows: None,
            ndmin: 0,
            excludelist: Vec::new(),
            deletechars: None,
            replace_space: Some("_".into()),
            case_sensitive: Case::Sensitive,
            defaultfmt: "f%i".into(),
            unpack: false,
        }
    }
}

/// What [`genfromtxt`] returns: the data, and with `usemask` the mask (NumPy's `MaskedArray`
/// as its two arrays: `.data` and `np.ma.getmaskarray(...)`).
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, GenFromTxt};
/// let r = genfromtxt_str("1 2\n", &GenFromTxt::default()).unwrap();
/// assert!(r.mask.is_none() && r.data.shape() == [2] && r.unpacked.is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct Masked {
    /// The values, missing ones replaced by their filling value.
    pub data: NdArray,
    /// `True` where a field was missing; same shape as `data`, bool (or a structured dtype of
    /// bools for a structured `data`). `None` unless `usemask`.
    pub mask: Option<NdArray>,
    /// With `unpack` and a result of several fields: what NumPy returns, one field view (and its
    /// mask) per field, in order. Empty otherwise.
    pub unpacked: Vec<Masked>,
}

/// NumPy's `np.genfromtxt(path, ...)`: reads a text file (UTF-8, any line ending).
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt, Delimiter, GenFromTxt};
/// let path = std::env::temp_dir().join(format!("strider-gft-doc-{}", std::process::id()));
/// std::fs::write(&path, "1,2\n3,\n").unwrap();
/// let opts = GenFromTxt { delimiter: Delimiter::Str(",".into()), usemask: true, ..GenFromTxt::default() };
/// let r = genfromtxt(&path, &opts).unwrap();
/// let v = r.data.to_vec::<f64>().unwrap();
/// assert_eq!((v[2], v[3].is_nan()), (3.0, true));
/// assert_eq!(r.mask.unwrap().to_vec::<bool>().unwrap(), vec![false, false, false, true]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn genfromtxt(path: impl AsRef<Path>, opts: &GenFromTxt) -> Result<Masked> {
    let p = path.as_ref();
    let io = |m: String| Error::Io { path: p.display().to_string(), message: m };
    let bytes = std::fs::read(p).map_err(|e| io(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        io(format!("'utf-8' codec can't decode byte 0x{:02x} in position {at}", e.as_bytes()[at]))
    })?;
    genfromtxt_str(&text, opts)
}

/// [`genfromtxt`] of text already in memory (NumPy's `np.genfromtxt(io.StringIO(text))` with
/// universal newlines).
///
/// ```
/// use strider::io::genfromtxt::{genfromtxt_str, GenFromTxt, Names};
/// let opts = GenFromTxt { dtype: None, names: Some(Names::Header), ..GenFromTxt::default() };
/// let r = genfromtxt_str("id price\n1 2.5\n2 x\n", &opts).unwrap();
/// assert_eq!(format!("{:?}", r.data.dtype()), "dtype([('id', '<i8'), ('price', '<U3')])");
/// ```
pub fn genfromtxt_str(text: &str, opts: &GenFromTxt) -> Result<Masked> {
    if opts.ndmin > 2 {
        return Err(Error::Value(format!("Illegal value of ndmin keyword: {}", opts.ndmin)));
    }
    if let Some(m) = opts.max_rows {
        if opts.skip_footer > 0 {
            return Err(Error::Value(
                "The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.".into(),
            ));
        }
        if m < 1 {
            return Err(Error::Value("'max_rows' must be at least 1.".into()));
        }
    }
    if opts.comments.as_deref() == Some("") {
        return Err(Error::Value("empty separator".into()));
    }
    let validator = Validator::new(opts)?;
    let splitter =
        Splitter { delimiter: &opts.delimiter, comments: opts.comments.as_deref(), autostrip: opts.autostrip };
    let lines = universal_lines(text);
    let mut lines = lines.into_iter().skip(opts.skip_header).peekable();
    let header = matches!(opts.names, Some(Names::Header));

    // The first line that has fields fixes the column count (and gives the names with `Header`).
    let mut first_line = String::new();
    let mut first_values = Vec::new();
    for line in lines.by_ref() {
        first_line = match opts.comments.as_deref() {
            Some(c) if header && line.contains(c) => line.split(c).skip(1).collect(),
            _ => line,
        };
        first_values = splitter.split(&first_line);
        if !first_values.is_empty() {
            break;
        }
    }
    if first_values.is_empty() {
        first_line.clear();
    }
    if header {
        let fval =
            pytext::strip(first_values.first().ok_or_else(|| Error::BadIndex("list index out of range".into()))?);
        if opts.comments.as_deref().is_some_and(|c| c.contains(fval)) {
            first_values.remove(0);
        }
    }
    let mut usecols: Option<Vec<Column>> = opts.usecols.clone().filter(|u| !u.is_empty());
    let nbcols = usecols.as_ref().map_or(first_values.len(), Vec::len);

    let mut names: Option<Vec<String>> = match &opts.names {
        Some(Names::Header) => {
            let raw: Vec<String> = first_values.iter().map(|v| pytext::strip(v).to_string()).collect();
            first_line.clear();
            Some(validator.validate(&raw, None)?)
        }
        Some(Names::List(l)) => Some(validator.validate(l, None)?),
        None => None,
    };
    let mut dtype = match &opts.dtype {
        Some(d) => Some(easy_dtype(d, names.as_deref(), &validator)?),
        None => None,
    };
    // Column positions, after names are known.
    let cols: Option<Vec<usize>> = match usecols.take() {
        Some(u) => Some(
            u.iter()
                .map(|c| match c {
                    Column::Name(n) => names
                        .as_ref()
                        .and_then(|ns| ns.iter().position(|x| x == n))
                        .ok_or_else(|| Error::Value(format!("'{n}' is not in list"))),
                    Column::Index(i) if *i < 0 => usize::try_from(*i + first_values.len() as isize)
                        .map_err(|_| Error::BadIndex("list index out of range".into())),
                    Column::Index(i) => Ok(*i as usize),
                })
                .collect::<Result<_>>()?,
        ),
        None => None,
    };
    if let Some(cols) = &cols {
        let nfields = dtype.as_ref().and_then(|d| d.record()).map_or(0, |r| r.fields().len());
        if nfields > nbcols {
            let r = dtype.as_ref().and_then(|d| d.record()).expect("structured");
            let picked = cols
                .iter()
                .map(|&c| r.fields().get(c).map(|f| (f.name.as_str(), f.dtype.clone())))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::BadIndex("list index out of range".into()))?;
            let d = DType::structured(&picked, false)?;
            names = record_names(&d);
            dtype = Some(d);
        } else if let Some(ns) = names.as_ref().filter(|ns| ns.len() > nbcols) {
            names = Some(
                cols.iter()
                    .map(|&c| ns.get(c).cloned())
                    .collect::<Option<_>>()
                    .ok_or_else(|| Error::BadIndex("list index out of range".into()))?,
            );
        }
    } else if names.is_some() {
        if let Some(d) = &dtype {
            names = record_names(d);
        }
    }

    let key_col = |key: &Column| -> Option<usize> {
        let k = match key {
            Column::Name(n) => names.as_ref()?.iter().position(|x| x == n)?,
            Column::Index(i) => usize::try_from(*i).ok()?,
        };
        Some(cols.as_ref().and_then(|cs| cs.iter().position(|&c| c == k)).unwrap_or(k))
    };
    let out_of_range = || Error::BadIndex("list index out of range".into());
    let mut missing: Vec<Vec<String>> = vec![vec![String::new()]; nbcols];
    match &opts.missing_values {
        None => {}
        Some(Missing::All(v)) => missing.iter_mut().for_each(|m| m.extend(v.iter().cloned())),
        Some(Missing::PerColumn(v)) => {
            for (m, s) in missing.iter_mut().zip(v) {
                if !m.contains(s) {
                    m.push(s.clone());
                }
            }
        }
        Some(Missing::ByColumn(v)) => {
            for (key, vals) in v {
                match key {
                    None => missing.iter_mut().for_each(|m| m.extend(vals.iter().cloned())),
                    Some(Column::Name(n)) if names.as_ref().is_none_or(|ns| !ns.contains(n)) => {}
                    Some(k) => {
                        let i = key_col(k).ok_or_else(out_of_range)?;
                        missing.get_mut(i).ok_or_else(out_of_range)?.extend(vals.iter().cloned());
                    }
                }
            }
        }
    }
    let mut filling: Vec<Option<FillValue>> = vec![None; nbcols];
    match &opts.filling_values {
        None => {}
        Some(Filling::All(v)) => filling = vec![Some(*v); nbcols],
        Some(Filling::PerColumn(v)) => {
            if v.len() <= nbcols {
                filling.iter_mut().zip(v).for_each(|(f, x)| *f = Some(*x));
            } else {
                filling = v[..nbcols].iter().map(|x| Some(*x)).collect();
            }
        }
        Some(Filling::ByColumn(v)) => {
            for (key, val) in v {
                if matches!(key, Column::Name(n) if names.as_ref().is_none_or(|ns| !ns.contains(n))) {
                    continue;
                }
                let i = key_col(key).ok_or_else(out_of_range)?;
                *filling.get_mut(i).ok_or_else(out_of_range)? = Some(*val);
            }
        }
    }

    // One converter per column (a structured dtype gives one per field, at most one per column).
    let flat: Option<Vec<DType>> = dtype.as_ref().map(flatten).transpose()?;
    let mut convs: Vec<Converter> = match &flat {
        None => (0..nbcols).map(|i| Converter::infer(&missing[i], filling[i])).collect(),
        Some(f) if f.len() > 1 => f
            .iter()
            .zip(missing.iter().zip(&filling))
            .map(|(d, (m, fill))| Converter::fixed(d, m, *fill))
            .collect::<Result<_>>()?,
        // A one-field record takes NumPy's fallback converter (the text as bytes), which
        // `np.array` then parses into the field.
        Some(_) if dtype.as_ref().is_some_and(|d| d.record().is_some()) => (0..nbcols)
            .map(|i| Converter::fixed(&"|S0".parse()?, &missing[i], filling[i]).map(Converter::into_bytes))
            .collect::<Result<_>>()?,
        Some(f) => (0..nbcols).map(|i| Converter::fixed(&f[0], &missing[i], filling[i])).collect::<Result<_>>()?,
    };

    // Rows: each line split, columns picked; lines with the wrong field count are reported.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut masks: Vec<Vec<bool>> = Vec::new();
    let mut invalid: Vec<(usize, usize)> = Vec::new();
    for (i, line) in std::iter::once(first_line).chain(lines).enumerate() {
        let values = splitter.split(&line);
        let n = values.len();
        if n == 0 {
            continue;
        }
        let values = match &cols {
            Some(cs) => match cs.iter().map(|&c| values.get(c).cloned()).collect::<Option<Vec<_>>>() {
                Some(v) => v,
                None => {
                    invalid.push((i + opts.skip_header + 1, n));
                    continue;
                }
            },
            None if n != nbcols => {
                invalid.push((i + opts.skip_header + 1, n));
                continue;
            }
            None => values,
        };
        if opts.usemask {
            masks.push(values.iter().zip(&missing).map(|(v, m)| m.iter().any(|x| x == pytext::strip(v))).collect());
        }
        rows.push(values);
        if Some(rows.len()) == opts.max_rows {
            break;
        }
    }

    if flat.is_none() {
        for (i, c) in convs.iter_mut().enumerate() {
            c.infer_from(rows.iter().map(|r| r[i].as_str()))?;
        }
    }

    let mut skip_footer = opts.skip_footer;
    if !invalid.is_empty() {
        let nbrows = (rows.len() + invalid.len()) as isize - skip_footer as isize;
        if skip_footer > 0 {
            let skipped = invalid.iter().filter(|(l, _)| *l as isize > nbrows + opts.skip_header as isize).count();
            invalid.truncate(invalid.len() - skipped);
            // NumPy's count may go below zero here, which then skips nothing.
            skip_footer = skip_footer.saturating_sub(skipped);
        }
        if !invalid.is_empty() && opts.invalid_raise {
            let mut msg = String::from("Some errors were detected !");
            for (l, n) in &invalid {
                msg.push_str(&format!("\n    Line #{l} (got {n} columns instead of {nbcols})"));
            }
            return Err(Error::Value(msg));
        }
    }
    if skip_footer > 0 {
        rows.truncate(rows.len().saturating_sub(skip_footer));
        masks.truncate(masks.len().saturating_sub(skip_footer));
    }

    // Convert column by column.
    let nrows = rows.len();
    let mut columns: Vec<Vec<Val>> = Vec::with_capacity(convs.len());
    for (i, c) in convs.iter_mut().enumerate() {
        let col =
            rows.iter().map(|r| if opts.loose { c.loose(&r[i]) } else { c.strict(&r[i]) }).collect::<Result<_>>()?;
        columns.push(col);
    }
    drop(rows);

    let layout = match &dtype {
        None => {
            let numbered = (0..convs.len()).map(|i| validator.numbered(i)).collect::<Result<Vec<_>>>()?;
            inferred_layout(&convs, &columns, names.as_deref(), &numbered)?
        }
        Some(d) => {
            let d = match (names.as_ref(), d.record()) {
                (Some(ns), Some(r)) if !ns.is_empty() => rename(r, ns)?,
                _ => d.clone(),
            };
            if d.record().is_some() {
                Layout::Records(d)
            } else {
                let d = match d.kind() {
                    DTypeKind::Str(0) | DTypeKind::Bytes(0) => sized(&d, columns.iter().flatten().map(text_len).max())?,
                    _ => d,
                };
                Layout::Uniform(d)
            }
        }
    };
    let data = build(&layout, &columns, nrows)?;
    let mask = if opts.usemask {
        let mut m = build_mask(&layout, &masks, nrows, nbcols)?;
        if let Layout::Records(d) = &layout {
            extra_mask(d, &mut convs, &columns, &mut m)?;
        }
        Some(mask_array(&layout, &m, nrows, nbcols)?)
    } else {
        None
    };
    let out = Masked {
        data: ndmin(data, opts.ndmin)?,
        mask: mask.map(|m| ndmin(m, opts.ndmin)).transpose()?,
        unpacked: Vec::new(),
    };
    if opts.unpack {
        return unpack(out);
    }
    Ok(out)
}

/// NumPy's `unpack=True` on the finished result.
fn unpack(out: Masked) -> Result<Masked> {
    let Some(names) = record_names(out.data.dtype()) else {
        return Ok(Masked { data: out.data.t(), mask: out.mask.map(|m| m.t()), unpacked: Vec::new() });
    };
    let part = |n: &str| -> Result<Masked> {
        Ok(Masked {
            data: out.data.field(n)?,
            mask: out.mask.as_ref().map(|m| m.field(n)).transpose()?,
            unpacked: Vec::new(),
        })
    };
    if let [one] = &names[..] {
        return part(one);
    }
    let unpacked = names.iter().map(|n| part(n)).collect::<Result<_>>()?;
    Ok(Masked { unpacked, ..out })
}

/// Lines as Python's text mode gives them: `\n`, `\r\n` and `\r` each end a line and become `\n`.
fn universal_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(k) => {
                out.push(format!("{}\n", &rest[..k]));
                let skip = if rest[k..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[k + skip..];
            }
            None => {
                out.push(rest.to_string());
                rest = "";
            }
        }
    }
    out
}

struct Splitter<'a> {
    delimiter: &'a Delimiter,
    comments: Option<&'a str>,
    autostrip: bool,
}

impl Splitter<'_> {
    fn split(&self, line: &str) -> Vec<String> {
        let line = match self.comments {
            Some(c) => line.split(c).next().unwrap_or(""),
            None => line,
        };
        let chars = |s: &str, a: usize, b: usize| s.chars().skip(a).take(b.saturating_sub(a)).collect::<String>();
        let mut out = match self.delimiter {
            Delimiter::Whitespace | Delimiter::Str(_) | Delimiter::Width(0) => {
                let l = line.trim_matches([' ', '\r', '\n']);
                if l.is_empty() {
                    return vec![];
                }
                match self.delimiter {
                    Delimiter::Str(d) if !d.is_empty() => l.split(d.as_str()).map(str::to_string).collect(),
                    _ => pytext::split_ws(l),
                }
            }
            Delimiter::Width(w) => {
                let l = line.trim_matches(['\r', '\n']);
                if l.is_empty() {
                    return vec![];
                }
                let n = l.chars().count();
                (0..n).step_by(*w).map(|a| chars(l, a, a + w)).collect()
            }
            Delimiter::Widths(ws) => {
                if line.is_empty() {
                    return vec![];
                }
                let mut a = 0;
                ws.iter()
                    .map(|w| {
                        let s = chars(line, a, a + w);
                        a += w;
                        s
                    })
                    .collect()
            }
        };
        if self.autostrip {
            out.iter_mut().for_each(|v| *v = pytext::strip(v).to_string());
        }
        out
    }
}

const DELETECHARS: &str = "~!@#$%^&*()-=+~\\|]}[{';: /?.>,<";
const EXCLUDED: [&str; 3] = ["return", "file", "print"];

/// NumPy's `NameValidator`: case, strip, spaces replaced, characters deleted, `defaultfmt` for
/// empty names, `_` after an excluded name, `_1`, `_2`... after repeats.
struct Validator {
    exclude: Vec<String>,
    delete: Vec<char>,
    replace_space: String,
    case: Case,
    defaultfmt: String,
}

impl Validator {
    fn new(o: &GenFromTxt) -> Result<Validator> {
        let mut delete: Vec<char> = o.deletechars.as_deref().unwrap_or(DELETECHARS).chars().collect();
        delete.push('"');
        let mut exclude = o.excludelist.clone();
        exclude.extend(EXCLUDED.iter().map(|s| s.to_string()));
        let v = Validator {
            exclude,
            delete,
            replace_space: o.replace_space.clone().unwrap_or_default(),
            case: o.case_sensitive,
            defaultfmt: o.defaultfmt.clone(),
        };
        // A bad `defaultfmt` is an error only where a name is made from it, as in NumPy.
        Ok(v)
    }

    /// `defaultfmt % i`, for the decimal forms `%i`, `%d`, `%u` and `%s` (with a width and `0`,
    /// `-` or `+` flags).
    fn numbered(&self, i: usize) -> Result<String> {
        let f = &self.defaultfmt;
        let mut out = String::new();
        let mut done = false;
        let mut chars = f.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            if chars.next_if_eq(&'%').is_some() {
                out.push('%');
                continue;
            }
            let mut spec = String::new();
            while let Some(d) = chars.next_if(|d| d.is_ascii_digit() || matches!(d, '-' | '+' | ' ')) {
                spec.push(d);
            }
            let conv = chars.next();
            if done || !matches!(conv, Some('i' | 'd' | 'u' | 's')) {
                let why = if done {
                    "not enough arguments for format string".to_string()
                } else {
                    match conv {
                        Some(c) => format!("unsupported format character '{c}' in defaultfmt {f:?}"),
                        None => "incomplete format".to_string(),
                    }
                };
                return Err(if done { Error::Type(why) } else { Error::Value(why) });
            }
            let (left, zero, plus) =
                (spec.contains('-'), spec.starts_with('0') || spec.contains("+0"), spec.contains('+'));
            let width: usize = spec.trim_start_matches(['-', '+', ' ', '0']).parse().unwrap_or(0);
            let num = if plus { format!("+{i}") } else { i.to_string() };
            out.push_str(&match (left, zero) {
                (true, _) => format!("{num:<width$}"),
                (false, true) => format!("{num:0>width$}"),
                (false, false) => format!("{num:>width$}"),
            });
            done = true;
        }
        if !done {
            return Err(Error::Type("not all arguments converted during string formatting".into()));
        }
        Ok(out)
    }

    fn validate(&self, names: &[String], nbfields: Option<usize>) -> Result<Vec<String>> {
        let mut names = names.to_vec();
        if let Some(n) = nbfields {
            names.resize(n, String::new());
        }
        let mut out = Vec::with_capacity(names.len());
        let mut seen: Vec<(String, usize)> = Vec::new();
        let mut nbempty = 0;
        for item in &names {
            let cased = match self.case {
                Case::Sensitive => item.clone(),
                Case::Upper => item.to_uppercase(),
                Case::Lower => item.to_lowercase(),
            };
            let mut item = pytext::strip(&cased).to_string();
            if !self.replace_space.is_empty() {
                item = item.replace(' ', &self.replace_space);
            }
            let mut item: String = item.chars().filter(|c| !self.delete.contains(c)).collect();
            if item.is_empty() {
                item = self.numbered(nbempty)?;
                while names.contains(&item) {
                    nbempty += 1;
                    item = self.numbered(nbempty)?;
                }
                nbempty += 1;
            } else if self.exclude.contains(&item) {
                item.push('_');
            }
            match seen.iter_mut().find(|(s, _)| *s == item) {
                Some((_, cnt)) => {
                    out.push(format!("{item}_{cnt}"));
                    *cnt += 1;
                }
                None => {
                    out.push(item.clone());
                    seen.push((item, 1));
                }
            }
        }
        Ok(out)
    }
}

fn record_names(d: &DType) -> Option<Vec<String>> {
    d.record().map(|r| r.fields().iter().map(|f| f.name.clone()).collect())
}

/// NumPy's `easy_dtype`: names over a plain dtype give a record of that scalar type (native
/// order; strings unsized); names over a record rename its fields; a record's own names are
/// validated too (numbered `f0, f1...` ones renumbered by `defaultfmt`).
fn easy_dtype(d: &DType, names: Option<&[String]>, v: &Validator) -> Result<DType> {
    let Some(names) = names else {
        let Some(own) = record_names(d) else { return Ok(d.clone()) };
        let r = d.record().expect("a record");
        let numbered = own.iter().enumerate().all(|(i, n)| *n == format!("f{i}"));
        let blank = vec![String::new(); own.len()];
        let new = v.validate(if numbered && v.defaultfmt != "f%i" { &blank } else { &own }, None)?;
        return if new == own { Ok(d.clone()) } else { rename(r, &new) };
    };
    match d.record() {
        Some(r) => rename(r, &v.validate(names, Some(r.fields().len()))?),
        None => {
            let base = match d.kind() {
                DTypeKind::Num(t) => DType::new(*t),
                DTypeKind::Str(_) => "<U0".parse()?,
                DTypeKind::Bytes(_) => "|S0".parse()?,
                _ => return Err(Error::Type(format!("genfromtxt does not read {} columns", d.name()))),
            };
            let fields: Vec<(&str, DType)> = names.iter().map(|n| (n.as_str(), base.clone())).collect();
            DType::structured(&fields, false)
        }
    }
}

fn rename(r: &crate::dtype::Record, names: &[String]) -> Result<DType> {
    let fields: Vec<(&str, DType)> = r.fields().iter().zip(names).map(|(f, n)| (n.as_str(), f.dtype.clone())).collect();
    if fields.len() != r.fields().len() {
        return Err(Error::Value(format!(
            "must replace all names at once with a sequence of length {}",
            r.fields().len()
        )));
    }
    let mut fs: Vec<crate::dtype::Field> = r.fields().to_vec();
    for (f, (n, _)) in fs.iter_mut().zip(&fields) {
        f.name = n.to_string();
    }
    Ok(DType::from_record(crate::dtype::Record::with_offsets(fs, r.itemsize(), r.is_aligned_struct())?))
}

/// The dtype of each column a dtype describes.
fn flatten(d: &DType) -> Result<Vec<DType>> {
    match d.record() {
        None => Ok(vec![d.clone()]),
        Some(r) => r
            .fields()
            .iter()
            .map(|f| {
                if !f.shape.is_empty() || f.dtype.record().is_some() {
                    Err(Error::Type("genfromtxt does not read nested or subarray fields".into()))
                } else {
                    Ok(f.dtype.clone())
                }
            })
            .collect(),
    }
}

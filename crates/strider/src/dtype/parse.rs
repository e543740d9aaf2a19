//! Parsing dtype strings: protocol strings (`<f8`, `|b1`, `|S8`, `<U5`, `<M8[ns]`), type codes
//! (`d`, `i4`), names (`float64`, `datetime64[ns]`), comma strings (`'i4,(3,)f8'`) and the
//! Python-literal descr forms of structured dtypes (`[('a', '<i4'), ('b', '<f8')]`, dict form).

use super::{ByteOrder, DType, DTypeKind, Field, NumType, Record, TimeUnit};
use crate::io::npy::literal::{self, Value};
use crate::Error;
use std::str::FromStr;

fn not_understood(s: &str) -> Error {
    Error::Type(format!("data type {} not understood", super::py_str(s)))
}

/// Flexible and time kinds: `S8`, `a5`, `U5`, `V7`, `M8[ns]`, `m8`, `datetime64[D]`, `str`.
fn flexible(order: Option<ByteOrder>, rest: &str) -> Option<Result<DType, Error>> {
    let native = order.unwrap_or(ByteOrder::NATIVE);
    let time = |kind: fn(TimeUnit) -> DTypeKind, meta: &str| -> Result<DType, Error> {
        let u: TimeUnit = meta.parse()?;
        Ok(DType { kind: kind(u), order: native, longlong: false })
    };
    for (prefix, kind) in [
        ("datetime64", DTypeKind::DateTime as fn(TimeUnit) -> DTypeKind),
        ("timedelta64", DTypeKind::TimeDelta),
        ("M8", DTypeKind::DateTime),
        ("m8", DTypeKind::TimeDelta),
    ] {
        if let Some(meta) = rest.strip_prefix(prefix) {
            if meta.is_empty() || meta.starts_with('[') {
                return Some(time(kind, meta));
            }
        }
    }
    if rest == "M" || rest == "m" {
        return Some(time(if rest == "M" { DTypeKind::DateTime } else { DTypeKind::TimeDelta }, ""));
    }
    match rest {
        "str" | "str_" | "unicode" => {
            return Some(Ok(DType { kind: DTypeKind::Str(0), order: native, longlong: false }))
        }
        "bytes" | "bytes_" => return Some(Ok(DType::bytes(0))),
        "void" => return Some(Ok(DType::void(0))),
        "c" => return Some(Ok(DType::bytes(1))),
        _ => {}
    }
    let mut cs = rest.chars();
    let k = cs.next()?;
    let digits = cs.as_str();
    if !matches!(k, 'S' | 'a' | 'U' | 'V') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    Some(Ok(match k {
        'U' => DType { kind: DTypeKind::Str(n), order: native, longlong: false },
        'V' => DType::void(n),
        _ => DType::bytes(n),
    }))
}

/// One item of a comma string: an optional shape prefix (`3`, `(2,3)`) and a type.
/// Item `number` (from 1) of the comma string `all`: an optional `(shape)` or count, then a type.
fn comma_item(item: &str, number: usize, all: &str) -> Result<(DType, Vec<usize>), Error> {
    let t = item.trim();
    let (shape, rest) = if let Some(r) = t.strip_prefix('(') {
        let close = r.find(')').ok_or_else(|| not_understood(item))?;
        let dims: Result<Vec<usize>, _> =
            r[..close].split(',').filter(|x| !x.trim().is_empty()).map(|x| x.trim().parse::<usize>()).collect();
        (dims.map_err(|_| not_understood(item))?, &r[close + 1..])
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let kind_follows = t[digits..].chars().next().is_some_and(|c| c.is_alphabetic() || "<>|=".contains(c));
        if digits > 0 && kind_follows && !t[digits..].is_empty() {
            (vec![t[..digits].parse().map_err(|_| not_understood(item))?], &t[digits..])
        } else {
            (vec![], t)
        }
    };
    // What follows the shape is one plain type: parsing it again as a comma string would
    // never end.
    if rest.contains(['(', ')', ',']) {
        return Err(Error::Value(format!("format number {number} of \"{all}\" is not recognized")));
    }
    Ok((rest.parse::<DType>()?, shape))
}

fn from_kind_size(kind: char, size: usize) -> Option<NumType> {
    Some(match (kind, size) {
        ('b', 1) | ('?', 1) => NumType::Bool,
        ('i', 1) => NumType::Int8,
        ('i', 2) => NumType::Int16,
        ('i', 4) => NumType::Int32,
        ('i', 8) => NumType::Int64,
        ('u', 1) => NumType::UInt8,
        ('u', 2) => NumType::UInt16,
        ('u', 4) => NumType::UInt32,
        ('u', 8) => NumType::UInt64,
        ('f', 2) => NumType::Float16,
        ('f', 4) => NumType::Float32,
        ('f', 8) => NumType::Float64,
        ('c', 8) => NumType::Complex64,
        ('c', 16) => NumType::Complex128,
        _ => return None,
    })
}

fn from_char_code(c: char) -> Option<NumType> {
    Some(match c {
        '?' => NumType::Bool,
        'b' => NumType::Int8,
        'B' => NumType::UInt8,
        'h' => NumType::Int16,
        'H' => NumType::UInt16,
        'i' => NumType::Int32,
        'I' => NumType::UInt32,
        'l' | 'q' | 'p' => NumType::Int64,
        'L' | 'Q' | 'P' => NumType::UInt64,
        'e' => NumType::Float16,
        'f' => NumType::Float32,
        'd' => NumType::Float64,
        'F' => NumType::Complex64,
        'D' => NumType::Complex128,
        _ => return None,
    })
}

fn from_name(s: &str) -> Option<NumType> {
    Some(match s {
        "bool" | "bool_" => NumType::Bool,
        "int8" | "byte" => NumType::Int8,
        "int16" | "short" => NumType::Int16,
        "int32" | "intc" => NumType::Int32,
        "int64" | "int" | "long" | "intp" | "longlong" => NumType::Int64,
        "uint8" | "ubyte" => NumType::UInt8,
        "uint16" | "ushort" => NumType::UInt16,
        "uint32" | "uintc" => NumType::UInt32,
        "uint64" | "uint" | "ulong" | "uintp" | "ulonglong" => NumType::UInt64,
        "float16" | "half" => NumType::Float16,
        "float32" | "single" => NumType::Float32,
        "float64" | "float" | "double" => NumType::Float64,
        "complex64" | "csingle" => NumType::Complex64,
        "complex128" | "complex" | "cdouble" => NumType::Complex128,
        _ => return None,
    })
}

impl FromStr for DType {
    type Err = Error;

    /// Parses what `np.dtype(str)` accepts for numeric types: `'<f8'`, `'>i4'`, `'|b1'`, `'=u2'`,
    /// `'f8'`, `'d'`, `'float64'`.
    fn from_str(s: &str) -> Result<DType, Error> {
        let t = s.trim();
        let d = parse_text(s, t)?;
        // NumPy's 'q' (C long long) is int64 with its own char.
        let q = t == "longlong" || t.trim_start_matches(['<', '>', '=', '|']) == "q";
        Ok(if q { d.as_longlong() } else { d })
    }
}

/// [`DType::from_str`] of the trimmed text `t` (`s` as given, for the error).
fn parse_text(s: &str, t: &str) -> Result<DType, Error> {
    {
        let bad = || Error::BadDType(s.to_string());
        if let Some(n) = from_name(t) {
            return Ok(DType::new(n));
        }
        if t.starts_with('[') || t.starts_with('{') {
            return DType::from_descr(t, false);
        }
        if t.contains(',') {
            let mut fields = Vec::new();
            // Split at commas outside parentheses ('u1,(2,3)<f4').
            let mut items = Vec::new();
            let (mut depth, mut start) = (0i32, 0);
            for (k, c) in t.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&t[start..k]);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            items.push(&t[start..]);
            if depth != 0
                || t.char_indices()
                    .scan(0i32, |d, (_, c)| {
                        *d += i32::from(c == '(') - i32::from(c == ')');
                        Some(*d)
                    })
                    .any(|d| d < 0)
            {
                return Err(not_understood(s));
            }
            for (k, item) in items.into_iter().filter(|x| !x.trim().is_empty()).enumerate() {
                let (d, shape) = comma_item(item, k + 1, t)?;
                fields.push(Field::new("", d).with_shape(&shape));
            }
            return Ok(DType::from_record(Record::packed(fields)?));
        }
        let mut chars = t.chars();
        let (order, rest) = match chars.next() {
            Some('<') => (Some(ByteOrder::Little), chars.as_str()),
            Some('>') => (Some(ByteOrder::Big), chars.as_str()),
            Some('=') | Some('@') => (Some(ByteOrder::NATIVE), chars.as_str()),
            Some('|') => (None, chars.as_str()),
            _ => (None, t),
        };
        if let Some(r) = flexible(order, rest) {
            return r;
        }
        let mut rc = rest.chars();
        let kind = rc.next().ok_or_else(bad)?;
        let digits = rc.as_str();
        let num = if digits.is_empty() {
            from_char_code(kind).ok_or_else(bad)?
        } else {
            let size: usize = digits.parse().map_err(|_| bad())?;
            from_kind_size(kind, size).ok_or_else(bad)?
        };
        Ok(DType::with_order(num, order.unwrap_or(ByteOrder::NATIVE)))
    }
}

fn descr_err(msg: impl Into<String>) -> Error {
    Error::BadDType(msg.into())
}

fn shape_of(v: &Value) -> Result<Vec<usize>, Error> {
    match v {
        Value::Int(n) if *n >= 0 => Ok(vec![*n as usize]),
        Value::Tuple(items) | Value::List(items) => items
            .iter()
            .map(|x| match x {
                Value::Int(n) if *n >= 0 => Ok(*n as usize),
                _ => Err(descr_err(format!("bad subarray shape {v:?}"))),
            })
            .collect(),
        _ => Err(descr_err(format!("bad subarray shape {v:?}"))),
    }
}

fn text_of(v: &Value) -> Result<&str, Error> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(descr_err(format!("expected a string, got {v:?}"))),
    }
}

impl DType {
    /// Parses a dtype given as Python literal text: a protocol string (`'<f8'`), a descr list
    /// (`[('a', '<i4'), ('b', '<f8', (3,))]`, nested lists, `(title, name)` pairs) or the dict
    /// form (`{'names': [...], 'formats': [...], 'offsets': [...], 'itemsize': n}`), as
    /// `np.dtype(...)` reads them: an empty name becomes `f<k>` (the `.npy` reader instead skips
    /// `('', '|V<n>')` entries as padding, as `np.load` does). `align` lays the fields out as a C
    /// struct (NumPy's `align=True`).
    ///
    /// ```
    /// let d = strider::DType::from_descr("[('a', '|u1'), ('', '|V3'), ('b', '<i4')]", false).unwrap();
    /// assert_eq!(d.itemsize(), 8);
    /// assert_eq!(d.record().unwrap().names(), vec!["a", "f1", "b"]);
    /// let d = strider::DType::from_descr("{'names': ['b'], 'formats': ['<i4'], 'offsets': [4], 'itemsize': 8}", false).unwrap();
    /// assert_eq!(d.record().unwrap().fields()[0].offset, 4);
    /// ```
    pub fn from_descr(text: &str, align: bool) -> Result<DType, Error> {
        let v = literal::parse(text).map_err(|m| descr_err(format!("cannot parse dtype {text:?}: {m}")))?;
        DType::from_literal(&v, align, false)
    }

    /// A dtype from a parsed literal; `npy_padding` reads `('', '|V<n>')` list entries as
    /// padding (as `np.load` does) instead of as fields named `f<k>` (as `np.dtype` does).
    pub(crate) fn from_literal(v: &Value, align: bool, npy_padding: bool) -> Result<DType, Error> {
        match v {
            Value::Str(s) => s.parse(),
            Value::List(items) => {
                let mut fields = Vec::new();
                let mut at = 0usize;
                let mut padded = false;
                for it in items {
                    let parts = match it {
                        Value::Tuple(p) | Value::List(p) if p.len() == 2 || p.len() == 3 => p,
                        _ => return Err(descr_err(format!("bad field {it:?}"))),
                    };
                    let (name, title) = match &parts[0] {
                        Value::Str(n) => (n.clone(), None),
                        Value::Tuple(nt) if nt.len() == 2 => {
                            (text_of(&nt[1])?.to_string(), Some(text_of(&nt[0])?.to_string()))
                        }
                        other => return Err(descr_err(format!("bad field name {other:?}"))),
                    };
                    let dt = DType::from_literal(&parts[1], align, npy_padding)?;
                    let shape = if parts.len() == 3 { shape_of(&parts[2])? } else { vec![] };
                    if npy_padding && name.is_empty() && matches!(dt.kind(), DTypeKind::Void(_)) && shape.is_empty() {
                        at += dt.itemsize();
                        padded = true;
                        continue;
                    }
                    let mut f = Field::new(&name, dt).with_shape(&shape);
                    f.title = title;
                    f.offset = at;
                    at += f.itemsize();
                    fields.push(f);
                }
                let r = if align {
                    Record::aligned(fields)?
                } else if padded {
                    Record::with_offsets(fields, at, false)?
                } else {
                    Record::packed(fields)?
                };
                Ok(DType::from_record(r))
            }
            Value::Dict(items) => {
                let get = |k: &str| items.iter().find(|(key, _)| key == k).map(|(_, v)| v);
                let list = |k: &str| match get(k) {
                    Some(Value::List(v)) | Some(Value::Tuple(v)) => Ok(Some(v.clone())),
                    None => Ok(None),
                    Some(other) => Err(descr_err(format!("{k} must be a list, not {other:?}"))),
                };
                let names = list("names")?.ok_or_else(|| descr_err("dict dtype without names"))?;
                let formats = list("formats")?.ok_or_else(|| descr_err("dict dtype without formats"))?;
                if names.len() != formats.len() {
                    return Err(Error::Value("all items in the dictionary must have the same length.".into()));
                }
                let aligned = align || matches!(get("aligned"), Some(Value::Bool(true)));
                let offsets = list("offsets")?;
                let titles = list("titles")?;
                let mut fields = Vec::new();
                for (k, (n, f)) in names.iter().zip(&formats).enumerate() {
                    let (dt, shape) = match f {
                        Value::Tuple(p) if p.len() == 2 => {
                            (DType::from_literal(&p[0], aligned, npy_padding)?, shape_of(&p[1])?)
                        }
                        other => (DType::from_literal(other, aligned, npy_padding)?, vec![]),
                    };
                    let mut field = Field::new(text_of(n)?, dt).with_shape(&shape);
                    if let Some(Value::Str(t)) = titles.as_ref().and_then(|t| t.get(k)) {
                        field.title = Some(t.clone());
                    }
                    if let Some(o) = offsets.as_ref() {
                        match o.get(k) {
                            Some(Value::Int(x)) if *x >= 0 => field.offset = *x as usize,
                            _ => return Err(descr_err("bad offsets")),
                        }
                    }
                    fields.push(field);
                }
                let itemsize = match get("itemsize") {
                    Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
                    None => None,
                    _ => return Err(descr_err("bad itemsize")),
                };
                let r = if offsets.is_some() {
                    Record::with_offsets(fields, itemsize.unwrap_or(0), aligned)?
                } else {
                    let r = if aligned { Record::aligned(fields)? } else { Record::packed(fields)? };
                    match itemsize {
                        Some(n) if n > r.itemsize() => Record::with_offsets(r.fields().to_vec(), n, aligned)?,
                        _ => r,
                    }
                };
                Ok(DType::from_record(r))
            }
            Value::Tuple(p) if p.len() == 2 => {
                Err(descr_err(format!("subarray dtypes outside a field are not supported: {p:?}")))
            }
            other => Err(descr_err(format!("bad dtype {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_items_with_stray_parentheses() {
        // NumPy 2.4's messages for np.dtype(s).
        let msg = |s: &str| s.parse::<DType>().unwrap_err().to_string();
        assert_eq!(msg("f4(2,3)"), "format number 1 of \"f4(2,3)\" is not recognized");
        assert_eq!(msg("i4,f4(2,)"), "format number 2 of \"i4,f4(2,)\" is not recognized");
        assert!("a),b".parse::<DType>().is_err());
        assert!("),".parse::<DType>().is_err());
        assert!("i4,(2,3".parse::<DType>().is_err());
        let d: DType = "(2,3)f4,i2".parse().unwrap();
        assert_eq!(d.record().unwrap().fields()[0].shape, vec![2, 3]);
    }

    #[test]
    fn round_trip_protocol_strings() {
        for t in NumType::ALL {
            for o in [ByteOrder::Little, ByteOrder::Big] {
                let d = DType::with_order(t, o);
                assert_eq!(d.str().parse::<DType>().unwrap(), d, "{}", d.str());
            }
        }
    }

    #[test]
    fn codes_and_names() {
        assert_eq!("d".parse::<DType>().unwrap(), DType::FLOAT64);
        assert_eq!("?".parse::<DType>().unwrap(), DType::BOOL);
        assert_eq!("|u1".parse::<DType>().unwrap(), DType::UINT8);
        assert_eq!(">b1".parse::<DType>().unwrap(), DType::BOOL);
        assert_eq!("=i2".parse::<DType>().unwrap(), DType::INT16);
        assert!("<f3".parse::<DType>().is_err());
        assert!("x".parse::<DType>().is_err());
        assert!("".parse::<DType>().is_err());
    }
}

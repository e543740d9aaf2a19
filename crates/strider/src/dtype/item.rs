//! One element of any dtype as a value: what NumPy's `a[i]` returns and `a[i] = v` accepts.
//!
//! Owns: [`Item`] (numbers, `np.datetime64`, `np.timedelta64`, `np.bytes_`, `np.str_`, `np.void`,
//! and the Python values NumPy converts on assignment: tuples for records, `None`), reading an
//! item from one element's bytes, and packing an item into one element's bytes with NumPy's
//! conversions and errors ([`Pack::Set`] for `a[i] = v` and `fill`, [`Pack::Copy`] for
//! `np.full`'s `copyto`). Printing items lives in `print::item`; arrays are not touched here.

use super::transfer::{decode, encode};
use super::{DType, DTypeKind, NumType, TimeUnit};
use crate::datetime::calendar::{can_cast_units, convert_datetime, convert_timedelta, NAT};
use crate::{Casting, Error, Result, Scalar};

/// The value of one element of any dtype (NumPy's scalar types), or a Python value to assign.
///
/// Reading an element ([`crate::NdArray::item`]) gives `Num`, `DateTime`, `TimeDelta`, `Bytes`
/// (trailing NULs dropped), `Str` or `Void` (records and raw void, with their dtype). Writing
/// ([`crate::NdArray::set_item`], `fill`, `full`) also accepts `Tuple` (a record's fields in
/// order, or a subarray field's values) and `None`, converted as NumPy converts the Python value.
///
/// ```
/// use strider::{DType, Item, NdArray, Order};
/// let rec = DType::structured(&[("a", DType::INT32), ("b", DType::FLOAT64)], false).unwrap();
/// let a = NdArray::zeros(&[2], rec, Order::C).unwrap();
/// a.set_item(&[0], (7, 1.5)).unwrap();
/// assert_eq!(a.item(&[0]).unwrap().to_string(), "(7, 1.5)");
/// assert_eq!(Item::from("ab"), Item::Str("ab".into()));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// A number (`np.float64(1.5)`; as a value to assign, a Python number).
    Num(Scalar),
    /// `np.datetime64`: a count of `unit`s since 1970-01-01 (`i64::MIN` is NaT).
    DateTime(i64, TimeUnit),
    /// `np.timedelta64`: a count of `unit`s (`i64::MIN` is NaT).
    TimeDelta(i64, TimeUnit),
    /// `np.bytes_` / Python `bytes`.
    Bytes(Vec<u8>),
    /// `np.str_` / Python `str`.
    Str(String),
    /// `np.void`: the bytes of one record (or raw void) element and its dtype.
    Void(Vec<u8>, DType),
    /// A Python tuple: a record's fields in order, or a subarray's values.
    Tuple(Vec<Item>),
    /// Python's `None` (NaT for datetimes, NaN for floats, `'None'` for strings).
    None,
    /// A Python `int` outside the int64 and uint64 ranges, as its decimal digits (a value to
    /// assign: floats take its nearest value, text its digits, integer dtypes refuse it).
    BigInt(String),
}

macro_rules! item_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Item { fn from(x: $t) -> Item { Item::Num(Scalar::from(x)) } }
    )*};
}
item_from!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    half::f16,
    f32,
    f64,
    num_complex::Complex32,
    num_complex::Complex64
);

impl From<i128> for Item {
    /// A Python integer: a number when it fits int64 or uint64, else [`Item::BigInt`].
    ///
    /// ```
    /// use strider::{Item, Scalar};
    /// assert_eq!(Item::from(5i128), Item::Num(Scalar::I64(5)));
    /// assert_eq!(Item::from(1i128 << 70), Item::BigInt("1180591620717411303424".into()));
    /// ```
    fn from(v: i128) -> Item {
        if let Ok(x) = i64::try_from(v) {
            Item::Num(Scalar::I64(x))
        } else if let Ok(x) = u64::try_from(v) {
            Item::Num(Scalar::U64(x))
        } else {
            Item::BigInt(v.to_string())
        }
    }
}

impl From<Scalar> for Item {
    fn from(s: Scalar) -> Item {
        Item::Num(s)
    }
}

impl From<&str> for Item {
    fn from(s: &str) -> Item {
        Item::Str(s.to_string())
    }
}

impl From<String> for Item {
    fn from(s: String) -> Item {
        Item::Str(s)
    }
}

impl From<&[u8]> for Item {
    fn from(b: &[u8]) -> Item {
        Item::Bytes(b.to_vec())
    }
}

impl From<Vec<u8>> for Item {
    fn from(b: Vec<u8>) -> Item {
        Item::Bytes(b)
    }
}

impl<T: Into<Item>> From<Option<T>> for Item {
    fn from(v: Option<T>) -> Item {
        v.map_or(Item::None, Into::into)
    }
}

macro_rules! item_from_tuple {
    ($($n:ident),+) => {
        impl<$($n: Into<Item>),+> From<($($n,)+)> for Item {
            #[allow(non_snake_case)]
            fn from(($($n,)+): ($($n,)+)) -> Item { Item::Tuple(vec![$($n.into()),+]) }
        }
    };
}
item_from_tuple!(A);
item_from_tuple!(A, B);
item_from_tuple!(A, B, C);
item_from_tuple!(A, B, C, D);
item_from_tuple!(A, B, C, D, E);
item_from_tuple!(A, B, C, D, E, F);
item_from_tuple!(A, B, C, D, E, F, G);
item_from_tuple!(A, B, C, D, E, F, G, H);

/// How a value is converted into an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pack {
    /// NumPy's `a[i] = v` and `a.fill(v)`: the Python value converted by the dtype's setitem
    /// (a float is no datetime; a tuple fills a record's fields).
    Set,
    /// NumPy's `np.full`/`np.copyto(..., casting='unsafe')`: the value made an array first, then
    /// cast unsafely (a float datetime count is truncated).
    Copy,
    /// An element of a NumPy array cast unsafely (`np.full` of a tuple casts the tuple's array):
    /// as [`Pack::Copy`], and integers wrap as well.
    Cast,
}

fn read_i64(d: &DType, b: &[u8]) -> i64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[..8]);
    if d.byte_order() == crate::ByteOrder::Big {
        i64::from_be_bytes(x)
    } else {
        i64::from_le_bytes(x)
    }
}

fn write_i64(d: &DType, v: i64, out: &mut [u8]) {
    let x = if d.byte_order() == crate::ByteOrder::Big { v.to_be_bytes() } else { v.to_le_bytes() };
    out[..8].copy_from_slice(&x);
}

impl Item {
    /// Reads one element of `dtype` from `bytes` (at least `dtype.itemsize()` of them).
    ///
    /// ```
    /// use strider::{DType, Item};
    /// let d: DType = "S4".parse().unwrap();
    /// assert_eq!(Item::from_element(b"ab\0\0", &d), Item::Bytes(b"ab".to_vec()));
    /// ```
    pub fn from_element(bytes: &[u8], dtype: &DType) -> Item {
        let b = &bytes[..dtype.itemsize().min(bytes.len())];
        match dtype.kind() {
            DTypeKind::Num(_) => Item::Num(Scalar::from_bytes(b, dtype)),
            DTypeKind::DateTime(u) => Item::DateTime(read_i64(dtype, b), *u),
            DTypeKind::TimeDelta(u) => Item::TimeDelta(read_i64(dtype, b), *u),
            DTypeKind::Bytes(_) => Item::Bytes(decode(dtype, b).into_iter().map(|c| c as u8).collect()),
            DTypeKind::Str(_) => {
                Item::Str(decode(dtype, b).into_iter().map(|c| char::from_u32(c).unwrap_or('\u{fffd}')).collect())
            }
            DTypeKind::Void(_) | DTypeKind::Record(_) => Item::Void(b.to_vec(), dtype.clone()),
        }
    }

    /// This value as one element of `dtype`, converted as NumPy converts it (see [`Pack`]).
    ///
    /// ```
    /// use strider::{DType, Item};
    /// use strider::dtype::Pack;
    /// let d: DType = "M8[D]".parse().unwrap();
    /// let b = Item::from("2020-01-02").to_element(&d, Pack::Set).unwrap();
    /// assert_eq!(b, 18263i64.to_le_bytes());
    /// assert_eq!(Item::from(1.5).to_element(&d, Pack::Set).unwrap_err().to_string(),
    ///     "Could not convert object to NumPy datetime");
    /// ```
    pub fn to_element(&self, dtype: &DType, mode: Pack) -> Result<Vec<u8>> {
        let mut out = vec![0u8; dtype.itemsize()];
        self.write_element(dtype, mode, &mut out)?;
        Ok(out)
    }

    /// [`Item::to_element`] into `out` (exactly `dtype.itemsize()` bytes).
    pub(crate) fn write_element(&self, dtype: &DType, mode: Pack, out: &mut [u8]) -> Result<()> {
        match dtype.kind() {
            DTypeKind::Num(t) => self.write_num(*t, dtype, mode, out),
            DTypeKind::DateTime(u) => {
                let v = self.datetime_value(*u, mode)?;
                write_i64(dtype, v, out);
                Ok(())
            }
            DTypeKind::TimeDelta(u) => {
                let v = self.timedelta_value(*u, mode)?;
                write_i64(dtype, v, out);
                Ok(())
            }
            DTypeKind::Bytes(_) if matches!(self, Item::Bytes(_)) => {
                // Bytes go into an `S` element as they are (truncated, zero-padded).
                let Item::Bytes(b) = self else { return Ok(()) };
                out.fill(0);
                let n = b.len().min(out.len());
                out[..n].copy_from_slice(&b[..n]);
                Ok(())
            }
            DTypeKind::Bytes(_) | DTypeKind::Str(_) => {
                let cps = self.text_points(dtype)?;
                encode(dtype, &cps, out)
            }
            DTypeKind::Void(_) => match self {
                Item::Bytes(b) => {
                    out.fill(0);
                    let n = b.len().min(out.len());
                    out[..n].copy_from_slice(&b[..n]);
                    Ok(())
                }
                Item::Void(b, d) if d.itemsize() == out.len() => {
                    out.copy_from_slice(&b[..out.len()]);
                    Ok(())
                }
                other => Err(Error::Type(format!("a bytes-like object is required, not '{}'", other.py_type()))),
            },
            DTypeKind::Record(r) => match self {
                Item::Void(b, d) if d == dtype => {
                    out.copy_from_slice(&b[..out.len()]);
                    Ok(())
                }
                Item::Void(b, d) => {
                    // A record of another dtype: NumPy assigns it field by field, by position.
                    let src =
                        crate::NdArray::from_raw_parts(crate::Storage::from_vec(b.clone()), d.clone(), &[], &[], 0)?;
                    let dst = crate::NdArray::alloc(dtype.clone(), &[], crate::Order::C)?;
                    dst.assign(&src)?;
                    out.copy_from_slice(&crate::records::element_bytes_in_order(&dst, crate::Order::C)?);
                    Ok(())
                }
                Item::Tuple(items) => {
                    let fields = r.fields();
                    if items.len() != fields.len() {
                        return Err(Error::Value(format!(
                            "could not assign tuple of length {} to structure with {} fields.",
                            items.len(),
                            fields.len()
                        )));
                    }
                    for (f, v) in fields.iter().zip(items) {
                        write_record_field(v, f, mode, out, false)?;
                    }
                    Ok(())
                }
                // Any other value goes into every field.
                other => {
                    for f in r.fields() {
                        write_record_field(other, f, mode, out, true)?;
                    }
                    Ok(())
                }
            },
        }
    }

    /// Python's type name of this value, for NumPy's error messages.
    fn py_type(&self) -> &'static str {
        match self {
            Item::Num(s) => match s.num_type().kind() {
                crate::Kind::Bool => "bool",
                crate::Kind::Int | crate::Kind::UInt => "int",
                crate::Kind::Float => "float",
                crate::Kind::Complex => "complex",
            },
            Item::BigInt(_) => "int",
            Item::DateTime(..) => "numpy.datetime64",
            Item::TimeDelta(..) => "numpy.timedelta64",
            Item::Bytes(_) => "bytes",
            Item::Str(_) => "str",
            Item::Void(..) => "numpy.void",
            Item::Tuple(_) => "tuple",
            Item::None => "NoneType",
        }
    }

    /// Python's `repr` of a `str` or `bytes` value, as `int()` and `float()` quote it; `np.full`
    /// passes NumPy scalars (`np.str_('x')`).
    /// `int()` quotes NumPy's bytes as Python bytes, `float()` names them (`for_float`).
    fn quoted(&self, mode: Pack, for_float: bool) -> String {
        let (text, wrap) = match self {
            Item::Str(s) => (crate::print::records::str_repr(&s.chars().map(u32::from).collect::<Vec<_>>()), "np.str_"),
            Item::Bytes(b) => (crate::print::records::bytes_repr(b), "np.bytes_"),
            _ => (String::new(), ""),
        };
        if mode != Pack::Set && (matches!(self, Item::Str(_)) || for_float) {
            format!("{wrap}({text})")
        } else {
            text
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            Item::Str(s) => Some(s.clone()),
            Item::Bytes(b) => Some(b.iter().map(|&c| c as char).collect()),
            _ => None,
        }
    }

    fn write_num(&self, t: NumType, dtype: &DType, mode: Pack, out: &mut [u8]) -> Result<()> {
        let v: Scalar = match self {
            Item::Num(s) if mode == Pack::Cast => s.cast(t),
            // An int past int64 reaches NumPy's setters for types up to a C long (all but
            // uint32/uint64) through CPython's int-to-long conversion, which fails first.
            Item::Num(Scalar::U64(x))
                if *x > i64::MAX as u64
                    && (t.is_integer() || t == NumType::Bool)
                    && !matches!(t, NumType::UInt32 | NumType::UInt64) =>
            {
                if t == NumType::Bool && mode == Pack::Set {
                    Scalar::Bool(true)
                } else {
                    return Err(Error::OutOfRange(TOO_BIG_LONG.into()));
                }
            }
            Item::Num(s) if mode != Pack::Set && !t.is_integer() => s.cast(t),
            Item::Num(s) if mode != Pack::Set && s.num_type().is_inexact() => s.cast(t),
            Item::Num(s) => s.cast_weak(t)?,
            // CPython's int-to-long conversion fails before NumPy sees the value; `a[i] = v` on a
            // bool tests the int's truth instead (`np.full` converts it first).
            Item::BigInt(_) if t == NumType::Bool && mode == Pack::Set => Scalar::Bool(true),
            Item::BigInt(_) if t.is_integer() || t == NumType::Bool => {
                return Err(Error::OutOfRange(TOO_BIG_LONG.into()));
            }
            Item::BigInt(d) => Scalar::F64(d.parse::<f64>().unwrap_or(f64::NAN)).cast(t),
            Item::Str(_) | Item::Bytes(_) => {
                let text = self.text().unwrap_or_default();
                let t_text = text.trim();
                if t == NumType::Bool {
                    // Text is true when it is not empty, whether set or cast (`'0'` too).
                    Scalar::Bool(!text.is_empty())
                } else if t.is_integer() || t == NumType::Bool {
                    let digits: String = t_text.chars().filter(|&c| c != '_').collect();
                    let parsed = digits.parse::<i128>().map_err(|_| {
                        Error::Value(format!("invalid literal for int() with base 10: {}", self.quoted(mode, false)))
                    })?;
                    let s = if let Ok(v) = i64::try_from(parsed) {
                        Scalar::I64(v)
                    } else if let Ok(v) = u64::try_from(parsed) {
                        Scalar::U64(v)
                    } else {
                        return Err(Error::OutOfRange(format!(
                            "Python integer {parsed} out of bounds for {}",
                            t.name()
                        )));
                    };
                    s.cast_weak(t)?
                } else {
                    let x = py_float(t_text).ok_or_else(|| {
                        if t.kind() == crate::Kind::Complex {
                            Error::Value("complex() arg is a malformed string".into())
                        } else {
                            Error::Value(format!("could not convert string to float: {}", self.quoted(mode, true)))
                        }
                    })?;
                    Scalar::F64(x).cast(t)
                }
            }
            Item::None => match t.kind() {
                crate::Kind::Float | crate::Kind::Complex => Scalar::F64(f64::NAN).cast(t),
                crate::Kind::Bool => Scalar::Bool(false),
                _ => {
                    return Err(Error::Type(
                        "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'".into(),
                    ))
                }
            },
            Item::DateTime(v, _) | Item::TimeDelta(v, _) => Scalar::I64(*v).cast(t),
            Item::Tuple(_) | Item::Void(..) => {
                return Err(Error::Type(format!(
                    "{}() argument must be a string or a real number, not '{}'",
                    if t.is_integer() { "int" } else { "float" },
                    self.py_type()
                )))
            }
        };
        v.write_bytes(dtype, out)
    }

    fn datetime_value(&self, u: TimeUnit, mode: Pack) -> Result<i64> {
        let bad = || Error::Value("Could not convert object to NumPy datetime".into());
        let generic = || {
            Error::Value(if mode != Pack::Set {
                "Cannot convert a NumPy datetime value other than NaT with generic units".into()
            } else {
                "Converting an integer to a NumPy datetime requires a specified unit".into()
            })
        };
        match self {
            Item::None => Ok(NAT),
            Item::Str(_) | Item::Bytes(_) => {
                // NumPy's datetime parser reads bytes as UTF-8, invalid bytes replaced.
                let mut text = match self {
                    Item::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                    _ => self.text().unwrap_or_default(),
                };
                // Made an array first (`np.full`, a cast), the text is an `S`/`U` element, which
                // the cast parses up to its first NUL; setting an element parses all of it.
                if mode != Pack::Set {
                    text.truncate(text.find('\0').unwrap_or(text.len()));
                }
                let (v, pu) = crate::datetime::parse_datetime(&text)?;
                if v == NAT {
                    return Ok(NAT);
                }
                if u.is_generic() {
                    return Err(Error::Value(
                        "Cannot create a NumPy datetime other than NaT with generic units".into(),
                    ));
                }
                convert_datetime(v, pu, u)
            }
            Item::DateTime(v, from) => {
                if *v == NAT {
                    Ok(NAT)
                } else if u.is_generic() {
                    Err(Error::Value("Cannot convert a NumPy datetime value other than NaT with generic units".into()))
                } else {
                    convert_datetime(*v, *from, u)
                }
            }
            // np.timedelta64 is an integer type to NumPy's datetime setter: its raw count.
            Item::TimeDelta(v, _) => Ok(*v),
            Item::BigInt(_) => Err(Error::OutOfRange(TOO_BIG.into())),
            // `np.full` casts a uint64 past int64 into a datetime unsafely: it wraps (2**63 is NaT).
            Item::Num(Scalar::U64(x)) if mode != Pack::Set && *x > i64::MAX as u64 => {
                let v = *x as i64;
                if u.is_generic() && v != NAT {
                    return Err(generic());
                }
                Ok(v)
            }
            Item::Num(s) => self.count_of(s, u.is_generic(), mode, bad, generic),
            Item::Tuple(_) | Item::Void(..) => Err(bad()),
        }
    }

    fn timedelta_value(&self, u: TimeUnit, mode: Pack) -> Result<i64> {
        let bad = || Error::Value("Could not convert object to NumPy timedelta".into());
        match self {
            Item::None => Ok(NAT),
            Item::Str(_) | Item::Bytes(_) => {
                let text = self.text().unwrap_or_default();
                let t = text.trim();
                if t.is_empty() || t.eq_ignore_ascii_case("nat") {
                    Ok(NAT)
                } else {
                    t.parse::<i64>().map_err(|_| bad())
                }
            }
            Item::TimeDelta(v, from) => {
                if *v == NAT {
                    return Ok(NAT);
                }
                let casting = if mode != Pack::Set { Casting::Unsafe } else { Casting::SameKind };
                if !can_cast_units(*from, u, casting, true) {
                    return Err(Error::Type(format!(
                        "Cannot cast NumPy timedelta64 scalar from metadata {from} to {u} according to the rule 'same_kind'"
                    )));
                }
                convert_timedelta(*v, *from, u)
            }
            Item::DateTime(v, _) => Ok(*v),
            Item::BigInt(_) => Err(Error::OutOfRange(TOO_BIG.into())),
            Item::Num(s) => self.count_of(s, false, mode, bad, bad),
            Item::Tuple(_) | Item::Void(..) => Err(bad()),
        }
    }

    /// A number as a datetime/timedelta count: integers as they are; floats only when copying
    /// (truncated, NaN is NaT).
    fn count_of(
        &self,
        s: &Scalar,
        generic: bool,
        mode: Pack,
        bad: impl Fn() -> Error,
        generic_err: impl Fn() -> Error,
    ) -> Result<i64> {
        let v = match s.num_type().kind() {
            crate::Kind::Float | crate::Kind::Complex => {
                if mode == Pack::Set {
                    return Err(bad());
                }
                let Scalar::F64(x) = s.cast(NumType::Float64) else { return Err(bad()) };
                if x.is_nan() {
                    return Ok(NAT);
                }
                if x.is_infinite() || x.abs() >= 9.2e18 {
                    return Err(Error::OutOfRange("value out of range for a datetime count".into()));
                }
                x.trunc() as i64
            }
            _ => match s.cast_weak(NumType::Int64) {
                Ok(Scalar::I64(v)) => v,
                // NumPy's datetime setter takes ints past int64 itself and says so in its words.
                _ if matches!(s, Scalar::U64(_)) => return Err(Error::OutOfRange(TOO_BIG.into())),
                _ => return Err(Error::OutOfRange(TOO_BIG_LONG.into())),
            },
        };
        if generic && v != NAT {
            return Err(generic_err());
        }
        Ok(v)
    }

    /// The code points this value becomes in an `S` or `U` element (Python's `str()` of it;
    /// bytes decode and text encode as ASCII).
    fn text_points(&self, dtype: &DType) -> Result<Vec<u32>> {
        let bytes_target = matches!(dtype.kind(), DTypeKind::Bytes(_));
        let s: String = match self {
            Item::Str(s) => s.clone(),
            Item::Bytes(b) => {
                if bytes_target {
                    return Ok(b.iter().map(|&c| u32::from(c)).collect());
                }
                if let Some(k) = b.iter().position(|&c| c > 127) {
                    return Err(Error::UnicodeDecode(format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {k}: ordinal not in range(128)",
                        b[k]
                    )));
                }
                b.iter().map(|&c| c as char).collect()
            }
            Item::None => "None".into(),
            Item::Tuple(_) => return Err(Error::Value("setting an array element with a sequence.".into())),
            other => other.to_string(),
        };
        Ok(s.chars().map(u32::from).collect())
    }
}

/// CPython's message for an int past a C long.
const TOO_BIG_LONG: &str = "Python int too large to convert to C long";
/// NumPy's datetime setter's message for such an int.
const TOO_BIG: &str = "int too big to convert";

/// Python's `float()` of a string: decimal text, `inf`, `infinity`, `nan` in any case.
fn py_float(t: &str) -> Option<f64> {
    let body = t.trim_start_matches(['+', '-']);
    let ok_word = ["inf", "infinity", "nan"].iter().any(|w| body.eq_ignore_ascii_case(w));
    if !ok_word && !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.replace('_', "").parse::<f64>().ok()
}

/// The nested-tuple shape of a value (`()` for a scalar), or `None` when it is ragged.
fn tuple_shape(v: &Item) -> Option<Vec<usize>> {
    match v {
        Item::Tuple(items) => {
            let mut inner: Option<Vec<usize>> = None;
            for it in items {
                let s = tuple_shape(it)?;
                match &inner {
                    Some(p) if *p != s => return None,
                    _ => inner = Some(s),
                }
            }
            let mut shape = vec![items.len()];
            shape.extend(inner.unwrap_or_default());
            Some(shape)
        }
        _ => Some(vec![]),
    }
}

fn leaves<'a>(v: &'a Item, out: &mut Vec<&'a Item>) {
    match v {
        Item::Tuple(items) => items.iter().for_each(|it| leaves(it, out)),
        other => out.push(other),
    }
}

/// What `np.array` makes of a tuple's leaves: the kind of its dtype.
#[derive(Clone, Copy, PartialEq)]
enum Discovered {
    Bool,
    Int,
    UInt,
    Float,
    Complex,
    Text,
    Bytes,
    /// A datetime64 (`true`) or timedelta64 array of one unit: datetimes and timedeltas among
    /// themselves, and integers beside timedeltas only.
    Time(bool, TimeUnit),
    /// An object array (`None`, other mixes of time values, ints past uint64): each leaf is then
    /// set into an element as `a[i] = leaf` sets it.
    Object,
}

/// The Python type of a time scalar's `.item()` when it is not an int: NaT is None; dates of
/// years 1-9999 in units of days or coarser are `datetime.date`, finer down to microseconds
/// `datetime.datetime`; timedeltas of weeks down to microseconds are `datetime.timedelta`.
/// Other units (years and months of timedeltas, nanoseconds and finer, generic) give ints.
fn python_item_type(v: &Item) -> Option<&'static str> {
    use super::time::TimeBase as B;
    let (x, u, datetime) = match v {
        Item::DateTime(x, u) => (*x, *u, true),
        Item::TimeDelta(x, u) => (*x, *u, false),
        _ => return None,
    };
    if x == NAT {
        return Some("NoneType");
    }
    let micro_or_coarser = matches!(
        u.base,
        B::Year | B::Month | B::Week | B::Day | B::Hour | B::Minute | B::Second | B::Millisecond | B::Microsecond
    );
    if !datetime {
        let linear = micro_or_coarser && !matches!(u.base, B::Year | B::Month);
        let days = convert_timedelta(x, u, TimeUnit::new(B::Day, 1)).unwrap_or(i64::MAX);
        return (linear && days.abs() <= 999_999_999).then_some("datetime.timedelta");
    }
    if !micro_or_coarser {
        return None;
    }
    let year = convert_datetime(x, u, TimeUnit::new(B::Year, 1)).map_or(0, |y| y.saturating_add(1970));
    if !(1..=9999).contains(&year) {
        return None;
    }
    Some(if matches!(u.base, B::Year | B::Month | B::Week | B::Day) { "datetime.date" } else { "datetime.datetime" })
}

/// NumPy's discovered dtype of time leaves: the promotion of their dtypes one pair at a time
/// (the unit rule is strict only between two timedeltas), or `None` (an object array) when a
/// pair has no common dtype or a leaf is not a time value or an integer.
fn discover_time(leaves: &[&Item]) -> Option<Discovered> {
    let mut state: Option<(bool, TimeUnit)> = None;
    let mut ints = false;
    for x in leaves {
        let (dt, u) = match x {
            Item::DateTime(_, u) => (true, *u),
            Item::TimeDelta(_, u) => (false, *u),
            Item::Num(s) if matches!(s.num_type().kind(), crate::Kind::Bool | crate::Kind::Int) => {
                ints = true;
                continue;
            }
            Item::Num(s) if s.num_type().kind() == crate::Kind::UInt && s.num_type() != NumType::UInt64 => {
                ints = true;
                continue;
            }
            _ => return None,
        };
        state = Some(match state {
            None => (dt, u),
            Some((d0, u0)) => {
                let strict = !(d0 || dt);
                (d0 || dt, crate::datetime::calendar::common_unit_of(u0, u, strict).ok()?)
            }
        });
    }
    match state? {
        (true, _) if ints => None,
        (dt, u) => Some(Discovered::Time(dt, u)),
    }
}

fn discover(leaves: &[&Item]) -> Discovered {
    let has = |f: &dyn Fn(&Item) -> bool| leaves.iter().any(|x| f(x));
    if has(&|x| !matches!(x, Item::Num(_) | Item::Str(_) | Item::Bytes(_))) {
        return discover_time(leaves).unwrap_or(Discovered::Object);
    }
    let kind_of = |k: crate::Kind| move |x: &Item| matches!(x, Item::Num(s) if s.num_type().kind() == k);
    if has(&|x| matches!(x, Item::Str(_))) {
        Discovered::Text
    } else if has(&|x| matches!(x, Item::Bytes(_))) {
        Discovered::Bytes
    } else if has(&kind_of(crate::Kind::Complex)) {
        Discovered::Complex
    } else if has(&kind_of(crate::Kind::Float)) {
        Discovered::Float
    } else if has(&kind_of(crate::Kind::UInt)) {
        // int64 and uint64 values together make a float64 array.
        if has(&|x| !kind_of(crate::Kind::UInt)(x)) {
            Discovered::Float
        } else {
            Discovered::UInt
        }
    } else if has(&kind_of(crate::Kind::Int)) {
        Discovered::Int
    } else {
        Discovered::Bool
    }
}

/// A leaf as an element of the discovered array would read back (numbers become text in a
/// text array, bytes are decoded in a unicode one).
fn as_discovered(v: &Item, d: Discovered) -> Result<Item> {
    let text = |v: &Item| match v {
        Item::Str(s) => s.clone(),
        Item::Bytes(b) => b.iter().map(|&c| c as char).collect(),
        other => other.to_string(),
    };
    Ok(match (d, v) {
        // A unicode array decodes bytes as ASCII, as NumPy's discovery does.
        (Discovered::Text, Item::Bytes(_)) => {
            Item::Str(v.text_points(&DType::unicode(1))?.into_iter().filter_map(char::from_u32).collect())
        }
        (Discovered::Text, _) => Item::Str(text(v)),
        (Discovered::Bytes, Item::Bytes(_)) => v.clone(),
        (Discovered::Bytes, _) => Item::Bytes(text(v).into_bytes()),
        (Discovered::Float, Item::Num(s)) => Item::Num(s.cast(NumType::Float64)),
        (Discovered::Complex, Item::Num(s)) => Item::Num(s.cast(NumType::Complex128)),
        (Discovered::Int, Item::Num(s)) => Item::Num(s.cast(NumType::Int64)),
        // Into datetime64, a timedelta's raw count is kept (NumPy's m8 -> M8 cast ignores units).
        (Discovered::Time(true, u), Item::DateTime(x, from)) => Item::DateTime(convert_datetime(*x, *from, u)?, u),
        (Discovered::Time(true, u), Item::TimeDelta(x, _)) => Item::DateTime(*x, u),
        (Discovered::Time(false, u), Item::TimeDelta(x, from)) => Item::TimeDelta(convert_timedelta(*x, *from, u)?, u),
        (Discovered::Time(false, u), Item::Num(s)) => match s.cast(NumType::Int64) {
            Scalar::I64(x) => Item::TimeDelta(x, u),
            _ => v.clone(),
        },
        _ => v.clone(),
    })
}

/// The shape `np.array` gives nested tuples, or its error for ragged ones.
fn nested_shape(v: &Item) -> Result<Vec<usize>> {
    let mut shape = Vec::new();
    let mut level = vec![v];
    loop {
        let lens: Vec<Option<usize>> =
            level.iter().map(|x| if let Item::Tuple(t) = x { Some(t.len()) } else { None }).collect();
        if lens.iter().all(Option::is_none) {
            return Ok(shape);
        }
        match lens[0] {
            Some(n) if lens.iter().all(|l| *l == Some(n)) => {
                shape.push(n);
                level = level
                    .iter()
                    .flat_map(|x| if let Item::Tuple(t) = x { t.iter().collect() } else { vec![] })
                    .collect();
            }
            _ => {
                let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
                let tuple = if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) };
                return Err(Error::Value(format!(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {tuple} + inhomogeneous part.",
                    shape.len()
                )));
            }
        }
    }
}

/// One field of a record: a scalar field takes the value; a subarray field broadcasts it (a
/// scalar everywhere, nested tuples by NumPy's broadcasting rules).
/// The first datetime or timedelta a value cast into `d` meets, in field order.
fn time_leaf(d: &DType) -> Option<&'static str> {
    match d.kind() {
        DTypeKind::DateTime(_) => Some("datetime"),
        DTypeKind::TimeDelta(_) => Some("timedelta"),
        DTypeKind::Record(r) => r.fields().iter().find_map(|f| time_leaf(&f.dtype)),
        _ => None,
    }
}

/// Field `f` of the record element `out` set from `v`. A value that is not a tuple fills every
/// field of a nested record. With `cast` it is NumPy's array cast of the value to the record
/// (`a[i] = v`, `np.full`), where a datetime reaches a text field by the datetime -> string
/// cast, which refuses a field too narrow for its ISO text; otherwise it is the field's own
/// setitem (a record set from a tuple), where a datetime's `str()` is truncated.
fn write_record_field(v: &Item, f: &super::Field, mode: Pack, out: &mut [u8], cast: bool) -> Result<()> {
    let out = &mut out[f.offset..f.offset + f.itemsize()];
    match (v, f.dtype.kind()) {
        (Item::DateTime(x, u), DTypeKind::Bytes(_) | DTypeKind::Str(_)) if cast => {
            let text = Item::Str(super::transfer::iso_text(*x, *u, &f.dtype)?);
            write_field(&text, &f.dtype, &f.shape, mode, out)
        }
        (_, DTypeKind::Record(r)) if f.shape.is_empty() && !matches!(v, Item::Tuple(_) | Item::Void(..)) => {
            for g in r.fields() {
                write_record_field(v, g, mode, out, cast)?;
            }
            Ok(())
        }
        _ => write_field(v, &f.dtype, &f.shape, mode, out),
    }
}

fn write_field(v: &Item, d: &DType, shape: &[usize], mode: Pack, out: &mut [u8]) -> Result<()> {
    if shape.is_empty() {
        return v.write_element(d, mode, out);
    }
    let isz = d.itemsize();
    let n: usize = shape.iter().product();
    let vs = match d.kind() {
        DTypeKind::Record(_) if !matches!(v, Item::Tuple(t) if t.iter().any(|x| matches!(x, Item::Tuple(_)))) => vec![],
        _ => tuple_shape(v).ok_or_else(|| {
            Error::Value(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape.".into(),
            )
        })?,
    };
    let mut vals = Vec::new();
    leaves(v, &mut vals);
    if vs.is_empty() {
        for k in 0..n {
            v.write_element(d, mode, &mut out[k * isz..(k + 1) * isz])?;
        }
        return Ok(());
    }
    if vs.len() > shape.len() || vs.iter().rev().zip(shape.iter().rev()).any(|(&a, &b)| a != b && a != 1) {
        return Err(Error::Value(format!(
            "could not broadcast input array from shape {} into shape {}",
            crate::layout::shape_str_compact(&vs),
            crate::layout::shape_str_compact(shape)
        )));
    }
    // Row-major position in the field -> position in the (right-aligned, broadcast) value.
    let lead = shape.len() - vs.len();
    for k in 0..n {
        let (mut rem, mut src, mut stride) = (k, 0usize, 1usize);
        for ax in (0..shape.len()).rev() {
            let i = rem % shape[ax];
            rem /= shape[ax];
            if ax >= lead {
                let m = vs[ax - lead];
                if m != 1 {
                    src += i * stride;
                }
                stride *= m;
            }
        }
        vals[src].write_element(d, mode, &mut out[k * isz..(k + 1) * isz])?;
    }
    Ok(())
}

impl crate::NdArray {
    /// Every element set to `value` as NumPy's `copyto(a, value, casting='unsafe')` sets it
    /// (`np.full`): a tuple is an array (nested ones N-d) broadcast into it, else one element.
    pub(crate) fn copy_value_in(&self, value: Item) -> Result<()> {
        match value {
            Item::Tuple(_) => self.copy_tuple_in(&value),
            other => {
                let elem = other.to_element(self.dtype(), Pack::Copy)?;
                self.fill_element(&elem)
            }
        }
    }

    /// `np.full(shape, tuple, dtype)`: NumPy makes an array of the (nested) tuple first, checks
    /// that it broadcasts, then casts it (into records field by field, each leaf filling every
    /// field); an object array (see [`Discovered::Object`]) is set element by element.
    fn copy_tuple_in(&self, value: &Item) -> Result<()> {
        let shape = nested_shape(value)?;
        let mut vals = Vec::new();
        leaves(value, &mut vals);
        let disc = discover(&vals);
        let vals = vals.iter().map(|v| as_discovered(v, disc)).collect::<Result<Vec<Item>>>()?;
        let skip = shape.len().saturating_sub(self.ndim()).min(shape.iter().take_while(|&&n| n == 1).count());
        crate::iter::broadcast_strides(&shape[skip..], &vec![0; shape.len() - skip], self.shape()).map_err(|_| {
            Error::Value(format!(
                "could not broadcast input array from shape {} into shape {}",
                crate::layout::shape_str_compact(&shape[skip..]),
                crate::layout::shape_str_compact(self.shape())
            ))
        })?;
        let d = self.dtype().clone();
        let n = d.itemsize();
        let mut bytes = vec![0u8; n * vals.len()];
        // An object array of numbers and times puts each element into every field: a Python
        // number as setting a record element to it does (an int must fit its field), a time
        // scalar by an unsafe cast of its own array (NumPy's cast differs for subarray fields,
        // which it leaves zero for an int: not modelled); any other array is cast unsafely.
        let per_field = disc != Discovered::Object
            || vals.iter().all(|v| matches!(v, Item::Num(_) | Item::DateTime(..) | Item::TimeDelta(..)));
        let mode = if disc == Discovered::Object { Pack::Set } else { Pack::Cast };
        match d.kind() {
            DTypeKind::Record(r) if per_field => {
                for f in r.fields() {
                    for (k, v) in vals.iter().enumerate() {
                        // An object array holds the Python floats themselves, which NumPy's
                        // object -> datetime cast refuses (a float64 array's cast truncates).
                        if disc == Discovered::Object && matches!(v, Item::Num(s) if s.num_type().is_inexact()) {
                            if let Some(what) = time_leaf(&f.dtype) {
                                return Err(Error::Value(format!("Could not convert object to NumPy {what}")));
                            }
                        }
                        let m = if matches!(v, Item::Num(_)) { mode } else { Pack::Cast };
                        write_record_field(v, f, m, &mut bytes[k * n..(k + 1) * n], true)?;
                    }
                }
            }
            _ => {
                if disc == Discovered::Object && d.num_type().is_some_and(|t| t.kind() == crate::Kind::Int) {
                    // NumPy's object -> signed int cast is Python's int() of the time scalar's
                    // .item(), which refuses datetime.date/datetime/timedelta and None (NaT).
                    if let Some(t) = vals.iter().find_map(python_item_type) {
                        return Err(Error::Type(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                        )));
                    }
                    // The ints those give must then fit, as a Python int must.
                    let t = d.num_type().unwrap_or(NumType::Int64);
                    let bits = 8 * t.itemsize() as u32;
                    let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
                    for v in &vals {
                        if let Item::DateTime(x, _) | Item::TimeDelta(x, _) = v {
                            if !(lo..=hi).contains(&i128::from(*x)) {
                                return Err(Error::OutOfRange(format!(
                                    "Python integer {x} out of bounds for {}",
                                    t.name()
                                )));
                            }
                        }
                    }
                }
                for (k, v) in vals.iter().enumerate() {
                    v.write_element(&d, mode, &mut bytes[k * n..(k + 1) * n])?;
                }
            }
        }
        let src = crate::NdArray::from_raw_parts(crate::Storage::from_vec(bytes), d, &[vals.len()], &[n as isize], 0)?;
        let shape: Vec<isize> = shape.iter().map(|&x| x as isize).collect();
        self.assign(&src.reshape(&shape)?)
    }
}

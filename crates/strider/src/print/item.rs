//! NumPy's `str` and `repr` of the scalars one element of any dtype gives: `np.datetime64`,
//! `np.timedelta64`, `np.bytes_`, `np.str_` and `np.void` beside the numbers.
//!
//! Owns: `impl Display for Item` (NumPy's `str`) and [`Item::repr`]. Numbers defer to
//! `print::scalar`; records print as a 0-d structured array's element does.

use super::records::{bytes_repr, scalar_str, str_repr};
use crate::datetime::{format_datetime, NAT};
use crate::dtype::{DType, TimeBase, TimeUnit};
use crate::Item;
use std::fmt;

fn datetime_text(v: i64, u: TimeUnit) -> String {
    let out = TimeUnit::new(if u.base == TimeBase::Week { TimeBase::Day } else { u.base }, 1);
    format_datetime(v, u, out).unwrap_or_else(|e| e.to_string())
}

/// The unit NumPy writes inside a time scalar's repr: `'s'`, `'25s'`, `'generic'`.
fn unit_text(u: TimeUnit) -> String {
    match (u.base, u.num) {
        (TimeBase::Generic, _) => "generic".into(),
        (b, 1) => b.code().to_string(),
        (b, n) => format!("{n}{}", b.code()),
    }
}

fn cps(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

/// A record scalar's text: real numbers as their own scalars print (`88.0`, full digits),
/// nested records recursively, other fields (complex, text, times, subarrays) as a 0-d
/// structured array prints them, except that real floats inside subarrays also print as
/// scalars (`[2.0, 2.5]`).
pub(crate) fn void_text(b: &[u8], d: &DType) -> String {
    let opts = super::get_printoptions();
    let Some(r) = d.record() else { return scalar_str(d, b, &opts) };
    let parts: Vec<String> = r
        .fields()
        .iter()
        .map(|f| {
            let fb = &b[f.offset..f.offset + f.itemsize()];
            match (f.shape.is_empty(), f.dtype.num_type(), f.dtype.record()) {
                (true, Some(t), _) if t.kind() != crate::Kind::Complex => Item::from_element(fb, &f.dtype).to_string(),
                (true, _, Some(_)) => void_text(fb, &f.dtype),
                _ => {
                    let one = crate::dtype::Record::packed(vec![
                        crate::dtype::Field::new(&f.name, f.dtype.clone()).with_shape(&f.shape)
                    ]);
                    match one {
                        Ok(rec) => {
                            let one = DType::from_record(rec);
                            let t = super::records::RecFormat::for_scalar(&one, &[fb], &opts).format(&one, fb);
                            t.strip_prefix('(').and_then(|x| x.strip_suffix(",)")).unwrap_or(&t).to_string()
                        }
                        Err(_) => String::new(),
                    }
                }
            }
        })
        .collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

impl fmt::Display for Item {
    /// NumPy's `str()` of the scalar: `2020-01-01T10:30`, `5 seconds`, `b'ab'`, `é`,
    /// `(1, 2.5, b'x')`.
    ///
    /// ```
    /// use strider::Item;
    /// use strider::dtype::{TimeBase, TimeUnit};
    /// assert_eq!(Item::TimeDelta(7, TimeUnit::new(TimeBase::Second, 25)).to_string(), "175 seconds");
    /// assert_eq!(Item::Bytes(b"q'".to_vec()).to_string(), "b\"q'\"");
    /// assert_eq!(Item::DateTime(strider::datetime::NAT, TimeUnit::GENERIC).to_string(), "NaT");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Item::Num(s) => s.to_string(),
            Item::DateTime(v, _) if *v == NAT => "NaT".into(),
            Item::DateTime(v, u) => datetime_text(*v, *u),
            Item::TimeDelta(v, u) => crate::datetime::calendar::timedelta_text(*v, *u),
            Item::Bytes(b) => bytes_repr(b),
            Item::Str(s) => s.clone(),
            Item::Void(b, d) => void_text(b, d),
            Item::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(Item::py_repr).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Item::None => "None".into(),
            Item::BigInt(d) => d.clone(),
        };
        f.write_str(&text)
    }
}

impl Item {
    /// Python's `repr` of the value inside a tuple (numbers bare, text quoted).
    fn py_repr(&self) -> String {
        match self {
            Item::Num(s) => s.to_string(),
            Item::Str(s) => str_repr(&cps(s)),
            other => other.repr(),
        }
    }

    /// NumPy 2's `repr()` of the scalar: `np.datetime64('2020-01-01')`,
    /// `np.datetime64('NaT','m')`, `np.timedelta64(7,'25s')`, `np.bytes_(b'ab')`, `np.str_('é')`,
    /// `np.void((1, 2.5), dtype=[('a', '<i4'), ('b', '<f8')])`.
    ///
    /// ```
    /// use strider::{Item, Scalar};
    /// use strider::dtype::{TimeBase, TimeUnit};
    /// let s = TimeUnit::new(TimeBase::Second, 1);
    /// assert_eq!(Item::TimeDelta(5, s).repr(), "np.timedelta64(5,'s')");
    /// assert_eq!(Item::DateTime(0, s).repr(), "np.datetime64('1970-01-01T00:00:00')");
    /// assert_eq!(Item::Str("é".into()).repr(), "np.str_('é')");
    /// assert_eq!(Item::Num(Scalar::I8(3)).repr(), "np.int8(3)");
    /// ```
    pub fn repr(&self) -> String {
        match self {
            Item::Num(s) => s.repr(),
            Item::DateTime(v, u) if *v == NAT => format!("np.datetime64('NaT','{}')", unit_text(*u)),
            Item::DateTime(v, u) if u.num == 1 => format!("np.datetime64('{}')", datetime_text(*v, *u)),
            Item::DateTime(v, u) => format!("np.datetime64('{}','{}')", datetime_text(*v, *u), unit_text(*u)),
            Item::TimeDelta(v, u) if u.is_generic() && *v == NAT => "np.timedelta64('NaT')".into(),
            Item::TimeDelta(v, u) if u.is_generic() => format!("np.timedelta64({v})"),
            Item::TimeDelta(v, u) if *v == NAT => format!("np.timedelta64('NaT','{}')", unit_text(*u)),
            Item::TimeDelta(v, u) => format!("np.timedelta64({v},'{}')", unit_text(*u)),
            Item::Bytes(b) => format!("np.bytes_({})", bytes_repr(b)),
            Item::Str(s) => format!("np.str_({})", str_repr(&cps(s))),
            Item::Void(b, d) if d.record().is_some() => {
                format!("np.void({}, dtype={})", void_text(b, d), d.repr_text())
            }
            Item::Void(b, d) => format!("np.void({})", void_text(b, d)),
            Item::Tuple(_) | Item::BigInt(_) => self.to_string(),
            Item::None => "None".into(),
        }
    }
}

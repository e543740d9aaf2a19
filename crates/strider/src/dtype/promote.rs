//! The common dtype of strings, datetimes, timedeltas, void and records (NumPy's
//! `result_type` for the dtypes numeric promotion does not cover), as joins need it.
//!
//! Owns only these rules; numbers promote in `ufunc::promote`.

use super::{DType, DTypeKind};
use crate::datetime::calendar::common_unit_of;
use crate::{Error, Result};

/// `None` when every dtype is numeric (numeric promotion decides); otherwise NumPy's common
/// dtype: the longest string (unicode if any is), the common time unit, one void length, or
/// records that agree (in native byte order when their byte orders differ).
///
/// ```
/// use strider::DType;
/// use strider::dtype::promote_flexible;
/// let (s3, u2): (DType, DType) = ("S3".parse().unwrap(), ">U2".parse().unwrap());
/// assert_eq!(promote_flexible(&[&s3, &u2]).unwrap().unwrap().str(), "<U3");
/// let (a, b): (DType, DType) = ("M8[s]".parse().unwrap(), "M8[D]".parse().unwrap());
/// assert_eq!(promote_flexible(&[&a, &b]).unwrap().unwrap().str(), "<M8[s]");
/// assert!(promote_flexible(&[&DType::INT8, &DType::FLOAT32]).is_none());
/// ```
pub fn promote_flexible(dts: &[&DType]) -> Option<Result<DType>> {
    if dts.iter().all(|d| d.num_type().is_some()) {
        return None;
    }
    let none = || {
        Error::Type(format!("no common dtype for {}", dts.iter().map(|d| d.repr_text()).collect::<Vec<_>>().join(", ")))
    };
    let first = dts[0];
    let kinds_all = |f: fn(&DTypeKind) -> bool| dts.iter().all(|d| f(d.kind()));
    Some((|| {
        if kinds_all(|k| matches!(k, DTypeKind::Bytes(_) | DTypeKind::Str(_))) {
            let n = dts.iter().map(|d| d.itemsize() / if matches!(d.kind(), DTypeKind::Str(_)) { 4 } else { 1 }).max();
            let n = n.unwrap_or(0);
            return Ok(if dts.iter().any(|d| matches!(d.kind(), DTypeKind::Str(_))) {
                DType::unicode(n)
            } else {
                DType::bytes(n)
            });
        }
        if kinds_all(|k| matches!(k, DTypeKind::DateTime(_))) || kinds_all(|k| matches!(k, DTypeKind::TimeDelta(_))) {
            let units: Vec<_> = dts.iter().filter_map(|d| d.time_unit()).collect();
            let td = matches!(first.kind(), DTypeKind::TimeDelta(_));
            let mut u = units[0];
            for &v in &units[1..] {
                u = common_unit_of(u, v, td)?;
            }
            return Ok(if td { DType::timedelta(u) } else { DType::datetime(u) });
        }
        if kinds_all(|k| matches!(k, DTypeKind::Void(_))) {
            if dts.iter().all(|d| d.itemsize() == first.itemsize()) {
                return Ok(first.clone());
            }
            return Err(Error::Type("Invalid type promotion with void datatypes of different lengths. Use the `np.bytes_` datatype instead to pad the shorter value with trailing zero bytes.".into()));
        }
        if kinds_all(|k| matches!(k, DTypeKind::Record(_))) {
            let c = canonical(first)?;
            for d in &dts[1..] {
                if canonical(d)? != c {
                    return Err(none());
                }
            }
            return Ok(c);
        }
        Err(none())
    })())
}

/// NumPy's canonical form of a dtype for promotion: native byte order, and a record re-laid
/// out from its fields (packed, or as a C struct when it is an aligned struct), field by field.
fn canonical(d: &DType) -> Result<DType> {
    let Some(r) = d.record() else {
        return Ok(match d.kind() {
            DTypeKind::Bytes(_) | DTypeKind::Void(_) => d.clone(),
            _ => d.to_native(),
        });
    };
    let mut fields = Vec::with_capacity(r.fields().len());
    for f in r.fields() {
        let mut g = super::Field::new(&f.name, canonical(&f.dtype)?).with_shape(&f.shape);
        if !f.shape.is_empty() && g.itemsize() != f.itemsize() {
            // NumPy re-lays out a subarray's elements but keeps the subarray's size.
            g = g.with_span(f.itemsize());
        }
        if let Some(t) = &f.title {
            g = g.with_title(t);
        }
        fields.push(g);
    }
    let rec = if r.is_aligned_struct() { super::Record::aligned(fields)? } else { super::Record::packed(fields)? };
    Ok(DType::from_record(rec))
}

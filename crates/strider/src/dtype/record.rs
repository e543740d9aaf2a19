//! Structured (record) dtypes: named fields at byte offsets inside one fixed-size record.
//!
//! Owns [`Record`] and [`Field`], the packed and aligned (C struct) layout rules, and the text
//! forms NumPy gives a structured dtype: the list form (`[('a', '<i4'), ('b', '<f8')]`), the dict
//! form with offsets, and `dtype.descr` with its `|V` padding entries. It knows nothing of arrays.

use super::{ByteOrder, DType, DTypeKind};
use crate::{Error, Result};
use std::hash::{Hash, Hasher};

/// One field of a record: a name, an optional title, the element dtype, a subarray shape (empty
/// for a plain field) and the byte offset inside the record.
///
/// ```
/// use strider::dtype::Field;
/// use strider::DType;
/// let f = Field::new("pos", DType::FLOAT32).with_shape(&[3]);
/// assert_eq!(f.itemsize(), 12);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// The field name.
    pub name: String,
    /// NumPy's optional title (an alias of the name).
    pub title: Option<String>,
    /// The element dtype of the field (the base dtype for a subarray field).
    pub dtype: DType,
    /// The subarray shape (`[]` for a plain field).
    pub shape: Vec<usize>,
    /// Byte offset inside the record (set by the layout unless given).
    pub offset: usize,
    /// Bytes a subarray field claims when that is not its element size times its subarray size
    /// (see [`Field::with_span`]).
    span: Option<usize>,
}

impl Field {
    /// A plain field; its offset is assigned when the record is laid out.
    ///
    /// ```
    /// assert_eq!(strider::dtype::Field::new("a", strider::DType::INT32).offset, 0);
    /// ```
    pub fn new(name: &str, dtype: DType) -> Field {
        Field { name: name.to_string(), title: None, dtype, shape: vec![], offset: 0, span: None }
    }

    /// The same field as a subarray field of `shape`.
    ///
    /// ```
    /// let f = strider::dtype::Field::new("m", strider::DType::INT16).with_shape(&[2, 2]);
    /// assert_eq!(f.shape, vec![2, 2]);
    /// ```
    pub fn with_shape(mut self, shape: &[usize]) -> Field {
        self.shape = shape.to_vec();
        self
    }

    /// The same field with a title.
    ///
    /// ```
    /// let f = strider::dtype::Field::new("a", strider::DType::INT8).with_title("A field");
    /// assert_eq!(f.title.as_deref(), Some("A field"));
    /// ```
    pub fn with_title(mut self, title: &str) -> Field {
        self.title = Some(title.to_string());
        self
    }

    /// The same field at an explicit offset (for [`Record::with_offsets`]).
    ///
    /// ```
    /// assert_eq!(strider::dtype::Field::new("a", strider::DType::INT8).at(4).offset, 4);
    /// ```
    pub fn at(mut self, offset: usize) -> Field {
        self.offset = offset;
        self
    }

    /// The same field claiming `bytes` bytes of its record whatever its element size: NumPy's
    /// promotion of records re-lays out a subarray field's element dtype but keeps the size the
    /// subarray had (`np.result_type` of a padded `('p', [('x', '<f8'), ('y', 'S5')], (3,))`
    /// field gives 13-byte elements in a 48-byte field, the rest unused).
    ///
    /// ```
    /// let f = strider::dtype::Field::new("p", strider::DType::INT8).with_shape(&[3]).with_span(8);
    /// assert_eq!(f.itemsize(), 8);
    /// ```
    pub fn with_span(mut self, bytes: usize) -> Field {
        self.span = Some(bytes);
        self
    }

    /// Bytes the field takes: the element size times the subarray size (or its span).
    ///
    /// ```
    /// assert_eq!(strider::dtype::Field::new("a", strider::DType::FLOAT64).itemsize(), 8);
    /// ```
    pub fn itemsize(&self) -> usize {
        self.span.unwrap_or_else(|| self.dtype.itemsize() * self.shape.iter().product::<usize>())
    }

    /// The field's format in NumPy's short construction form (`'<i4'`, `'u1'`, `'S3'`, a nested
    /// list, or `('<f4', (3,))` style pieces are produced by the caller).
    fn short_format(&self) -> String {
        self.dtype.short_repr()
    }
}

/// The layout of a structured dtype: fields in order, the record size, and whether it was laid
/// out as an aligned C struct (NumPy's sticky `isalignedstruct`).
///
/// Two records are equal when their fields (names, titles, dtypes, shapes, offsets) and sizes
/// are, whatever the aligned flag, as in NumPy.
///
/// ```
/// use strider::dtype::{Field, Record};
/// use strider::DType;
/// let fields = vec![Field::new("a", DType::UINT8), Field::new("b", DType::INT32), Field::new("c", DType::FLOAT64)];
/// let packed = Record::packed(fields.clone()).unwrap();
/// assert_eq!((packed.fields()[1].offset, packed.itemsize()), (1, 13));
/// let aligned = Record::aligned(fields).unwrap();
/// assert_eq!((aligned.fields()[1].offset, aligned.fields()[2].offset, aligned.itemsize()), (4, 8, 16));
/// ```
#[derive(Clone, Debug)]
pub struct Record {
    fields: Vec<Field>,
    itemsize: usize,
    aligned: bool,
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        self.fields == other.fields && self.itemsize == other.itemsize
    }
}

impl Eq for Record {}

impl Hash for Record {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.fields.hash(h);
        self.itemsize.hash(h);
    }
}

fn round_up(x: usize, a: usize) -> usize {
    x.div_ceil(a.max(1)) * a.max(1)
}

fn check_names(fields: &[Field]) -> Result<()> {
    for (k, f) in fields.iter().enumerate() {
        if fields[..k].iter().any(|g| g.name == f.name) {
            return Err(Error::Value(format!("field '{}' occurs more than once", f.name)));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for f in fields {
        for key in std::iter::once(f.name.as_str()).chain(f.title.as_deref()) {
            if seen.contains(&key) {
                return Err(Error::Value("name already used as a name or title".into()));
            }
            seen.push(key);
        }
    }
    Ok(())
}

/// Empty names become `f0`, `f1`, ... by position, as in NumPy.
fn fill_names(mut fields: Vec<Field>) -> Vec<Field> {
    for (k, f) in fields.iter_mut().enumerate() {
        if f.name.is_empty() {
            f.name = format!("f{k}");
        }
    }
    fields
}

impl Record {
    /// Fields back to back in order (NumPy's default, `align=False`).
    ///
    /// ```
    /// let r = strider::dtype::Record::packed(vec![strider::dtype::Field::new("", strider::DType::INT8)]).unwrap();
    /// assert_eq!(r.fields()[0].name, "f0");
    /// ```
    pub fn packed(fields: Vec<Field>) -> Result<Record> {
        let mut fields = fill_names(fields);
        let mut at = 0usize;
        for f in &mut fields {
            f.offset = at;
            at = at.checked_add(f.itemsize()).ok_or_else(|| Error::Value("record is too big".into()))?;
        }
        check_names(&fields)?;
        Ok(Record { fields, itemsize: at, aligned: false })
    }

    /// Fields placed as a C compiler places struct members (NumPy's `align=True`): each at a
    /// multiple of its alignment, the size a multiple of the largest alignment.
    ///
    /// ```
    /// use strider::dtype::{Field, Record};
    /// let r = Record::aligned(vec![Field::new("a", strider::DType::FLOAT64), Field::new("b", strider::DType::UINT8)]).unwrap();
    /// assert_eq!(r.itemsize(), 16);
    /// ```
    pub fn aligned(fields: Vec<Field>) -> Result<Record> {
        let mut fields = fill_names(fields);
        let mut at = 0usize;
        let mut max_align = 1;
        for f in &mut fields {
            let a = f.dtype.alignment();
            max_align = max_align.max(a);
            f.offset = round_up(at, a);
            at = f.offset.checked_add(f.itemsize()).ok_or_else(|| Error::Value("record is too big".into()))?;
        }
        check_names(&fields)?;
        Ok(Record { fields, itemsize: round_up(at, max_align), aligned: true })
    }

    /// Fields at the offsets they carry (NumPy's dict form with `offsets` and `itemsize`); the
    /// record is at least as large as its furthest field.
    ///
    /// ```
    /// use strider::dtype::{Field, Record};
    /// let r = Record::with_offsets(vec![Field::new("b", strider::DType::INT32).at(4)], 12, false).unwrap();
    /// assert_eq!(r.itemsize(), 12);
    /// ```
    pub fn with_offsets(fields: Vec<Field>, itemsize: usize, aligned: bool) -> Result<Record> {
        let fields = fill_names(fields);
        check_names(&fields)?;
        let mut end = 0;
        let mut max_align = 1;
        for f in &fields {
            if aligned && f.offset % f.dtype.alignment() != 0 {
                return Err(Error::Value(format!(
                    "offset {} for NumPy dtype with fields is not divisible by the field alignment {} with align=True",
                    f.offset,
                    f.dtype.alignment()
                )));
            }
            max_align = max_align.max(f.dtype.alignment());
            end = end.max(f.offset + f.itemsize());
        }
        let mut itemsize = itemsize.max(end);
        if aligned {
            itemsize = round_up(itemsize, max_align);
        }
        Ok(Record { fields, itemsize, aligned })
    }

    /// The fields in order.
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// let r = Record::packed(vec![Field::new("x", strider::DType::INT8)]).unwrap();
    /// assert_eq!(r.fields().len(), 1);
    /// ```
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The field named `name` (or titled so).
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// let r = Record::packed(vec![Field::new("x", strider::DType::INT8)]).unwrap();
    /// assert!(r.field("x").is_some() && r.field("y").is_none());
    /// ```
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name || f.title.as_deref() == Some(name))
    }

    /// The field names in order (NumPy's `dtype.names`).
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// let r = Record::packed(vec![Field::new("x", strider::DType::INT8)]).unwrap();
    /// assert_eq!(r.names(), vec!["x"]);
    /// ```
    pub fn names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }

    /// Bytes per record.
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// assert_eq!(Record::packed(vec![Field::new("x", strider::DType::INT16)]).unwrap().itemsize(), 2);
    /// ```
    pub fn itemsize(&self) -> usize {
        self.itemsize
    }

    /// Whether the record was laid out as an aligned struct (`dtype.isalignedstruct`).
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// assert!(Record::aligned(vec![Field::new("x", strider::DType::INT16)]).unwrap().is_aligned_struct());
    /// ```
    pub fn is_aligned_struct(&self) -> bool {
        self.aligned
    }

    /// The record's alignment: the largest field alignment for an aligned struct, else 1.
    ///
    /// ```
    /// # use strider::dtype::{Field, Record};
    /// assert_eq!(Record::packed(vec![Field::new("x", strider::DType::INT16)]).unwrap().alignment(), 1);
    /// ```
    pub fn alignment(&self) -> usize {
        if self.aligned {
            self.fields.iter().map(|f| f.dtype.alignment()).max().unwrap_or(1)
        } else {
            1
        }
    }

    /// A record with the same layout whose every field is in byte order `order`.
    pub(crate) fn with_byte_order(&self, order: ByteOrder) -> Record {
        let fields = self.fields.iter().map(|f| Field { dtype: f.dtype.with_byte_order(order), ..f.clone() }).collect();
        Record { fields, itemsize: self.itemsize, aligned: self.aligned }
    }

    /// Only the fields `names`, in that order, at their offsets, in a record of the same size
    /// (NumPy >= 1.16 multi-field indexing).
    pub(crate) fn select(&self, names: &[&str]) -> Result<Record> {
        let mut fields = Vec::with_capacity(names.len());
        for (k, n) in names.iter().enumerate() {
            if names[..k].contains(n) {
                return Err(Error::Value(format!("duplicate field of name '{n}'")));
            }
            let f = self.field(n).ok_or_else(|| Error::BadIndex(format!("no field of name {n}")))?;
            fields.push(f.clone());
        }
        Ok(Record { fields, itemsize: self.itemsize, aligned: false })
    }

    /// Whether the fields follow each other in order with no padding other than the aligned
    /// struct's own (NumPy's `_is_packed`): then the list form reproduces the layout.
    fn is_simple(&self) -> bool {
        let mut at = 0;
        let mut max_align = 1;
        for f in &self.fields {
            if self.aligned {
                at = round_up(at, f.dtype.alignment());
                max_align = max_align.max(f.dtype.alignment());
            }
            if f.offset != at {
                return false;
            }
            at += f.itemsize();
        }
        if self.aligned {
            at = round_up(at, max_align);
        }
        at == self.itemsize
    }

    fn list_form(&self) -> String {
        let items: Vec<String> = self
            .fields
            .iter()
            .map(|f| {
                let name = match &f.title {
                    Some(t) => format!("({}, {})", py_str(t), py_str(&f.name)),
                    None => py_str(&f.name),
                };
                if f.shape.is_empty() {
                    format!("({name}, {})", f.short_format())
                } else {
                    format!("({name}, {}, {})", f.short_format(), py_tuple(&f.shape))
                }
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    fn dict_form(&self, include_aligned: bool) -> String {
        let names: Vec<String> = self.fields.iter().map(|f| py_str(&f.name)).collect();
        let formats: Vec<String> = self
            .fields
            .iter()
            .map(|f| {
                if f.shape.is_empty() {
                    f.short_format()
                } else {
                    format!("({}, {})", f.short_format(), py_tuple(&f.shape))
                }
            })
            .collect();
        let offsets: Vec<String> = self.fields.iter().map(|f| f.offset.to_string()).collect();
        let mut s = format!(
            "{{'names': [{}], 'formats': [{}], 'offsets': [{}]",
            names.join(", "),
            formats.join(", "),
            offsets.join(", ")
        );
        if self.fields.iter().any(|f| f.title.is_some()) {
            let titles: Vec<String> =
                self.fields.iter().map(|f| f.title.as_deref().map_or("None".to_string(), py_str)).collect();
            s.push_str(&format!(", 'titles': [{}]", titles.join(", ")));
        }
        s.push_str(&format!(", 'itemsize': {}", self.itemsize));
        if include_aligned && self.aligned {
            s.push_str(", 'aligned': True");
        }
        s.push('}');
        s
    }

    /// NumPy's `_struct_str`: the list form when it reproduces the layout, else the dict form.
    pub(crate) fn struct_str(&self, include_align: bool) -> String {
        if !(include_align && self.aligned) && self.is_simple() {
            self.list_form()
        } else {
            self.dict_form(include_align)
        }
    }

    /// NumPy's `dtype.descr` as Python literal text, with `('', '|V<n>')` for gaps.
    pub(crate) fn descr(&self) -> Result<String> {
        let mut items = Vec::new();
        let mut at = 0usize;
        for f in &self.fields {
            if f.offset < at {
                return Err(Error::Value(
                    "dtype.descr is not defined for types with overlapping or out-of-order fields".into(),
                ));
            }
            if f.offset > at {
                items.push(format!("('', '|V{}')", f.offset - at));
            }
            let name = match &f.title {
                Some(t) => format!("({}, {})", py_str(t), py_str(&f.name)),
                None => py_str(&f.name),
            };
            let typ = match f.dtype.record() {
                Some(r) => r.descr()?,
                None => format!("'{}'", f.dtype.str()),
            };
            if f.shape.is_empty() {
                items.push(format!("({name}, {typ})"));
            } else {
                items.push(format!("({name}, {typ}, {})", py_tuple(&f.shape)));
            }
            at = f.offset + f.itemsize();
        }
        if self.itemsize > at {
            items.push(format!("('', '|V{}')", self.itemsize - at));
        }
        Ok(format!("[{}]", items.join(", ")))
    }
}

/// Python's `repr` of a string: single quotes unless the text holds one and no double quote.
pub(crate) fn py_str(s: &str) -> String {
    crate::print::records::str_repr(&s.chars().map(u32::from).collect::<Vec<_>>())
}

/// A shape as Python prints a tuple.
pub(crate) fn py_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        s => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

impl DType {
    /// A structured dtype from a record layout.
    ///
    /// ```
    /// use strider::dtype::{Field, Record};
    /// use strider::DType;
    /// let d = DType::from_record(Record::packed(vec![Field::new("a", DType::INT32), Field::new("b", DType::FLOAT64)]).unwrap());
    /// assert_eq!(format!("{d:?}"), "dtype([('a', '<i4'), ('b', '<f8')])");
    /// assert_eq!(d.itemsize(), 12);
    /// ```
    pub fn from_record(r: Record) -> DType {
        DType { kind: DTypeKind::Record(std::sync::Arc::new(r)), order: ByteOrder::NotApplicable, longlong: false }
    }

    /// A packed structured dtype from `(name, dtype)` pairs (NumPy's list form).
    ///
    /// ```
    /// let d = strider::DType::structured(&[("a", strider::DType::UINT8), ("b", strider::DType::INT32)], true).unwrap();
    /// assert_eq!(d.itemsize(), 8);
    /// ```
    pub fn structured(fields: &[(&str, DType)], align: bool) -> Result<DType> {
        let fs = fields.iter().map(|(n, d)| Field::new(n, d.clone())).collect();
        Ok(DType::from_record(if align { Record::aligned(fs)? } else { Record::packed(fs)? }))
    }

    /// The record layout of a structured dtype.
    ///
    /// ```
    /// assert!(strider::DType::INT8.record().is_none());
    /// ```
    pub fn record(&self) -> Option<&Record> {
        match &self.kind {
            DTypeKind::Record(r) => Some(r),
            _ => None,
        }
    }
}

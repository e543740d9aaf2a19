//! Structured and string arrays: field views, multi-field views, record bytes, fixed-width
//! strings in and out, and checked zero-copy conversion to `#[repr(C)]` Rust structs.
//!
//! Owns the `NdArray` methods that know about [`Record`](crate::dtype::Record) layouts and
//! string dtypes. Every view goes through `NdArray::derive_view`, so flags and bounds are
//! computed as for any other view; nothing here touches element bytes outside the storage locks.

use crate::datetime::Cmp;
use crate::dtype::transfer::{decode, encode};
use crate::dtype::{DType, DTypeKind, Item, Pack};
use crate::layout::{self, Order};
use crate::{Error, NdArray, Result};

fn not_structured() -> Error {
    Error::BadIndex(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"
            .into(),
    )
}

impl NdArray {
    /// NumPy's `a['name']`: a view of one field, with the array's shape and strides (a
    /// subarray field appends its dimensions) and the field's dtype; writes go through.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let d = DType::structured(&[("a", DType::UINT8), ("b", DType::INT32)], false).unwrap();
    /// let a = NdArray::zeros(&[3], d, Order::C).unwrap();
    /// let b = a.field("b").unwrap();
    /// assert_eq!((b.strides(), b.offset(), b.flags().aligned), (&[5isize][..], 1, false));
    /// b.fill(7).unwrap();
    /// assert_eq!(format!("{a:?}"), "array([(0, 7), (0, 7), (0, 7)], dtype=[('a', 'u1'), ('b', '<i4')])");
    /// assert_eq!(a.field("z").unwrap_err().to_string(), "no field of name z");
    /// ```
    pub fn field(&self, name: &str) -> Result<NdArray> {
        let r = self.dtype().record().ok_or_else(not_structured)?;
        let f = r.field(name).ok_or_else(|| Error::Value(format!("no field of name {name}")))?;
        let mut shape = self.shape().to_vec();
        let mut strides = self.strides().to_vec();
        shape.extend_from_slice(&f.shape);
        strides.extend(layout::fill_strides(&f.shape, f.dtype.itemsize(), Order::C));
        self.derive_view(f.dtype.clone(), shape, strides, self.offset() + f.offset, true)
    }

    /// NumPy's `a[['c', 'a']]` (NumPy >= 1.16): a view whose dtype keeps only those fields, in
    /// that order, at their original offsets inside records of the original size.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let d = DType::structured(&[("a", DType::UINT8), ("b", DType::INT32), ("c", DType::FLOAT64)], false).unwrap();
    /// let a = NdArray::zeros(&[2], d, Order::C).unwrap();
    /// let v = a.fields(&["c", "a"]).unwrap();
    /// assert_eq!(v.dtype().itemsize(), 13);
    /// assert_eq!(format!("{:?}", v.dtype()), "dtype({'names': ['c', 'a'], 'formats': ['<f8', 'u1'], 'offsets': [5, 0], 'itemsize': 13})");
    /// ```
    pub fn fields(&self, names: &[&str]) -> Result<NdArray> {
        let r = self.dtype().record().ok_or_else(not_structured)?;
        let sel = r.select(names)?;
        self.derive_view(DType::from_record(sel), self.shape().to_vec(), self.strides().to_vec(), self.offset(), true)
    }

    /// NumPy's `a[i, j]` with one integer per axis: the element as NumPy's scalar of its dtype
    /// (`np.datetime64`, `np.bytes_`, `np.void`, ...; numbers as [`Item::Num`]).
    ///
    /// ```
    /// use strider::{datetime, NdArray};
    /// let a = datetime::datetime_array(&["2020-01-01T10:30", "NaT"], &"M8[m]".parse().unwrap()).unwrap();
    /// assert_eq!(a.item(&[0]).unwrap().repr(), "np.datetime64('2020-01-01T10:30')");
    /// assert_eq!(a.item(&[-1]).unwrap().repr(), "np.datetime64('NaT','m')");
    /// let s = NdArray::from_strings(&["héllo"], None).unwrap();
    /// assert_eq!(s.item(&[0]).unwrap().to_string(), "héllo");
    /// ```
    pub fn item(&self, index: &[isize]) -> Result<Item> {
        let at = self.element_offset(index)?;
        let n = self.itemsize();
        Ok(self.storage().with_read(|b| Item::from_element(&b[at..at + n], self.dtype())))
    }

    /// NumPy's `a[i, j] = value` with one integer per axis: `value` converted as NumPy converts
    /// a Python value for the dtype (ISO text or an integer count for datetimes, text for
    /// strings, a tuple of fields for a record), with NumPy's errors. A record's padding bytes
    /// keep their contents.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2], "M8[m]".parse().unwrap(), Order::C).unwrap();
    /// a.set_item(&[0], "2021-02-03").unwrap();
    /// a.set_item(&[1], "NaT").unwrap();
    /// assert_eq!(format!("{a:?}"), "array(['2021-02-03T00:00',              'NaT'], dtype='datetime64[m]')");
    /// assert_eq!(a.set_item(&[0], "bogus").unwrap_err().to_string(), "Error parsing datetime string \"bogus\" at position 0");
    /// let s = NdArray::zeros(&[1], DType::bytes(2), Order::C).unwrap();
    /// assert_eq!(s.set_item(&[0], "é").unwrap_err().numpy_class(), "UnicodeEncodeError");
    /// ```
    pub fn set_item(&self, index: &[isize], value: impl Into<Item>) -> Result<()> {
        self.check_writeable()?;
        let at = self.element_offset(index)?;
        let n = self.itemsize();
        let mut elem = self.storage().with_read(|b| b[at..at + n].to_vec());
        value.into().write_element(self.dtype(), Pack::Set, &mut elem)?;
        self.storage().with_write(|b| b[at..at + n].copy_from_slice(&elem))
    }

    /// The raw bytes of the element at `index` (one per axis): a whole record for a
    /// structured array, in the array's byte order.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2], DType::structured(&[("a", DType::INT16)], false).unwrap(), Order::C).unwrap();
    /// a.set_element_bytes(&[1], &[1, 2]).unwrap();
    /// assert_eq!(a.element_bytes(&[1]).unwrap(), vec![1, 2]);
    /// ```
    pub fn element_bytes(&self, index: &[isize]) -> Result<Vec<u8>> {
        let at = self.element_offset(index)?;
        let n = self.itemsize();
        Ok(self.storage().with_read(|b| b[at..at + n].to_vec()))
    }

    /// Overwrites the element at `index` with `bytes` (exactly one itemsize, the array's byte
    /// order): record-wise assignment.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[1], DType::bytes(2), Order::C).unwrap();
    /// assert!(a.set_element_bytes(&[0], b"abc").is_err());
    /// ```
    pub fn set_element_bytes(&self, index: &[isize], bytes: &[u8]) -> Result<()> {
        self.check_writeable()?;
        if bytes.len() != self.itemsize() {
            return Err(Error::Value(format!(
                "an element of {} has {} bytes, not {}",
                self.dtype(),
                self.itemsize(),
                bytes.len()
            )));
        }
        let at = self.element_offset(index)?;
        self.storage().with_write(|b| b[at..at + bytes.len()].copy_from_slice(bytes))
    }

    /// A 1-d string array from Rust strings (NumPy's `np.array(strings, dtype)`): `dtype` is
    /// `U<n>` or `S<n>`, or `None` for the narrowest `U` that holds every string. Longer strings
    /// are truncated, as NumPy truncates; `S` takes ASCII only.
    ///
    /// ```
    /// use strider::NdArray;
    /// let a = NdArray::from_strings(&["ab", "héllo"], None).unwrap();
    /// assert_eq!(format!("{a:?}"), "array(['ab', 'héllo'], dtype='<U5')");
    /// let b = NdArray::from_strings(&["IBM", "AAPL"], Some(strider::DType::bytes(8))).unwrap();
    /// assert_eq!(b.to_string(), "[b'IBM' b'AAPL']");
    /// ```
    pub fn from_strings(strings: &[&str], dtype: Option<DType>) -> Result<NdArray> {
        let dtype = match dtype {
            Some(d) if d.is_string() => d,
            Some(d) => return Err(Error::Type(format!("from_strings needs an S or U dtype, not {d}"))),
            None => DType::unicode(strings.iter().map(|s| s.chars().count()).max().unwrap_or(0).max(1)),
        };
        let a = NdArray::alloc(dtype.clone(), &[strings.len()], Order::C)?;
        let n = dtype.itemsize();
        let mut buf = vec![0u8; n * strings.len()];
        for (k, s) in strings.iter().enumerate() {
            let cps: Vec<u32> = s.chars().map(u32::from).collect();
            encode(&dtype, &cps, &mut buf[k * n..(k + 1) * n])?;
        }
        a.storage().with_write(|b| b[a.offset()..a.offset() + buf.len()].copy_from_slice(&buf))?;
        Ok(a)
    }

    /// A 1-d bytes array (`S<n>`) from raw byte strings (NumPy's `np.array([b'..'], dtype='S<n>')`);
    /// `n` defaults to the longest item (at least 1); longer items are truncated.
    ///
    /// ```
    /// let a = strider::NdArray::from_byte_strings(&[b"ab", b"\xff"], None).unwrap();
    /// assert_eq!(format!("{a:?}"), "array([b'ab', b'\\xff'], dtype='|S2')");
    /// ```
    pub fn from_byte_strings(items: &[&[u8]], n: Option<usize>) -> Result<NdArray> {
        let n = n.unwrap_or_else(|| items.iter().map(|b| b.len()).max().unwrap_or(0).max(1));
        let a = NdArray::alloc(DType::bytes(n), &[items.len()], Order::C)?;
        let mut buf = vec![0u8; n * items.len()];
        for (k, b) in items.iter().enumerate() {
            let m = b.len().min(n);
            buf[k * n..k * n + m].copy_from_slice(&b[..m]);
        }
        a.storage().with_write(|s| s[a.offset()..a.offset() + buf.len()].copy_from_slice(&buf))?;
        Ok(a)
    }

    /// The elements of a string array in C order as Rust strings (trailing NULs dropped;
    /// bytes are read as Latin-1).
    ///
    /// ```
    /// let a = strider::NdArray::from_strings(&["x", "yz"], None).unwrap();
    /// assert_eq!(a.to_strings().unwrap(), vec!["x", "yz"]);
    /// ```
    pub fn to_strings(&self) -> Result<Vec<String>> {
        if !self.dtype().is_string() {
            return Err(Error::Type(format!("to_strings needs an S or U array, not {}", self.dtype())));
        }
        let bytes = self.to_bytes(Order::C)?;
        let d = self.dtype();
        let n = d.itemsize().max(1);
        Ok(bytes
            .chunks_exact(n)
            .map(|c| decode(d, c).into_iter().map(|u| char::from_u32(u).unwrap_or('\u{fffd}')).collect())
            .collect())
    }
}

impl NdArray {
    /// NumPy's comparison ufuncs for two string arrays of the same kind (both `S` or both `U`):
    /// code point by code point, trailing NULs ignored; a bool array of the broadcast shape.
    ///
    /// ```
    /// use strider::datetime::Cmp;
    /// let a = strider::NdArray::from_strings(&["a", "b"], None).unwrap();
    /// let b = strider::NdArray::from_strings(&["a", "ab"], None).unwrap();
    /// assert_eq!(a.compare_strings(&b, Cmp::Lt).unwrap().to_string(), "[False False]");
    /// assert_eq!(a.compare_strings(&b, Cmp::Ge).unwrap().to_string(), "[ True  True]");
    /// ```
    pub fn compare_strings(&self, other: &NdArray, cmp: Cmp) -> Result<NdArray> {
        let same = matches!(
            (self.dtype().kind(), other.dtype().kind()),
            (DTypeKind::Bytes(_), DTypeKind::Bytes(_)) | (DTypeKind::Str(_), DTypeKind::Str(_))
        );
        if !same {
            return Err(Error::UFuncType(format!(
                "ufunc '{}' did not contain a loop with signature matching types (<class 'numpy.dtypes.{}'>, <class 'numpy.dtypes.{}'>) -> None",
                cmp.ufunc(),
                self.dtype().class_name(),
                other.dtype().class_name()
            )));
        }
        let v = crate::broadcast_arrays(&[self, other])?;
        let (x, y) = (code_points(&v[0])?, code_points(&v[1])?);
        let vals: Vec<bool> = x.iter().zip(&y).map(|(p, q)| cmp.test(p, q)).collect();
        crate::datetime::from_bools_pub(&vals, v[0].shape())
    }

    /// `np.sort(a, kind='stable')` along the last axis for string, datetime and timedelta
    /// arrays (NaT sorts last) and structured arrays (field by field, in dtype order), as a new
    /// array in the source's memory order.
    ///
    /// ```
    /// let a = strider::NdArray::from_strings(&["b", "", "ab"], None).unwrap();
    /// assert_eq!(a.sort_flexible().unwrap().to_strings().unwrap(), vec!["", "ab", "b"]);
    /// ```
    pub fn sort_flexible(&self) -> Result<NdArray> {
        let d = self.dtype();
        if d.num_type().is_some() {
            return Err(Error::Type(format!(
                "sort_flexible sorts strings, datetimes, timedeltas and records, not {d}"
            )));
        }
        let names: Vec<&str> = d.record().map(|r| r.names()).unwrap_or_default();
        self.sort_lanes(&names)
    }

    /// NumPy's `np.sort(a, order=[...])` for a structured array: records ordered by the named
    /// fields, ties broken by the remaining fields in dtype order (floats: NaN last; datetimes:
    /// NaT last); along the last axis, stable.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let d = DType::structured(&[("t", DType::bytes(2)), ("q", DType::INT32)], false).unwrap();
    /// let a = NdArray::zeros(&[3], d, Order::C).unwrap();
    /// a.field("t").unwrap().assign(&NdArray::from_byte_strings(&[b"b", b"a", b"b"], None).unwrap()).unwrap();
    /// a.field("q").unwrap().assign(&NdArray::from_vec(vec![2i32, 9, 1], &[3], Order::C).unwrap()).unwrap();
    /// assert_eq!(a.sort_by_fields(&["q"]).unwrap().to_string(), "[(b'b', 1) (b'b', 2) (b'a', 9)]");
    /// assert_eq!(a.sort_by_fields(&["t"]).unwrap().to_string(), "[(b'a', 9) (b'b', 1) (b'b', 2)]");
    /// assert_eq!(a.sort_by_fields(&["z"]).unwrap_err().to_string(), "unknown field name: z");
    /// ```
    pub fn sort_by_fields(&self, order: &[&str]) -> Result<NdArray> {
        let Some(r) = self.dtype().record() else {
            return Err(Error::Value("Cannot specify order when the array has no fields.".into()));
        };
        let mut keys: Vec<&str> = Vec::new();
        for n in order {
            if r.field(n).is_none() {
                return Err(Error::Value(format!("unknown field name: {n}")));
            }
            keys.push(n);
        }
        for n in r.names() {
            if !keys.contains(&n) {
                keys.push(n);
            }
        }
        self.sort_lanes(&keys)
    }

    fn sort_lanes(&self, keys: &[&str]) -> Result<NdArray> {
        let d = self.dtype().clone();
        let cmp = match d.record() {
            Some(r) => {
                let parts: Vec<Comparator> = keys
                    .iter()
                    .filter_map(|k| r.field(k))
                    .map(|f| field_comparator(f.offset, &f.dtype, &f.shape))
                    .collect();
                Box::new(move |a: &[u8], b: &[u8]| {
                    parts.iter().map(|c| c(a, b)).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
                }) as Comparator
            }
            None => comparator(&d),
        };
        if self.ndim() == 0 {
            return Err(Error::AxisOutOfBounds { axis: -1, ndim: 0 });
        }
        // np.sort copies in K order, then sorts each lane of the last axis in place.
        let out = self.copy(Order::K)?;
        let n = self.itemsize();
        if out.size() == 0 || n == 0 {
            return Ok(out);
        }
        let nd = out.ndim();
        let (len, step) = (out.shape()[nd - 1], out.strides()[nd - 1]);
        let outer = &out.shape()[..nd - 1];
        let ostr = &out.strides()[..nd - 1];
        let mut starts = Vec::new();
        let mut idx = vec![0usize; outer.len()];
        'walk: loop {
            let at: isize = idx.iter().zip(ostr).map(|(&i, &s)| i as isize * s).sum();
            starts.push(out.offset() as isize + at);
            let mut k = outer.len();
            loop {
                if k == 0 {
                    break 'walk;
                }
                k -= 1;
                idx[k] += 1;
                if idx[k] < outer[k] {
                    break;
                }
                idx[k] = 0;
            }
        }
        out.storage().with_write(|b| {
            for &st in &starts {
                let pos: Vec<usize> = (0..len).map(|j| (st + j as isize * step) as usize).collect();
                let mut items: Vec<Vec<u8>> = pos.iter().map(|&p| b[p..p + n].to_vec()).collect();
                items.sort_by(|x, y| cmp(x, y));
                for (&p, e) in pos.iter().zip(&items) {
                    b[p..p + n].copy_from_slice(e);
                }
            }
        })?;
        Ok(out)
    }
}

pub(crate) type Comparator = Box<dyn Fn(&[u8], &[u8]) -> std::cmp::Ordering + Send + Sync>;

/// NumPy's sort order for one element of `d`: NaN and NaT last, strings by code point, records
/// field by field.
pub(crate) fn comparator(d: &DType) -> Comparator {
    use crate::Scalar;
    use std::cmp::Ordering;
    let d = d.clone();
    let float_cmp = |x: f64, y: f64| match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
    };
    match d.kind() {
        DTypeKind::Num(t) => {
            let t = *t;
            Box::new(move |a, b| {
                let (x, y) = (Scalar::from_bytes(a, &d), Scalar::from_bytes(b, &d));
                match t.kind() {
                    // NumPy's half-float compare puts NaN first, unlike the others.
                    crate::Kind::Float if t == crate::NumType::Float16 => {
                        let (p, q) = (real(&x), real(&y));
                        match (p.is_nan(), q.is_nan()) {
                            (true, true) => Ordering::Equal,
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            _ => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
                        }
                    }
                    crate::Kind::Float => float_cmp(real(&x), real(&y)),
                    crate::Kind::Complex => float_cmp(real(&x), real(&y)).then_with(|| float_cmp(imag(&x), imag(&y))),
                    _ => int(&x).cmp(&int(&y)),
                }
            })
        }
        DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_) => Box::new(move |a, b| {
            let (x, y) = (int(&Scalar::from_bytes(a, &d)), int(&Scalar::from_bytes(b, &d)));
            let nat = i128::from(i64::MIN);
            ((x == nat), x).cmp(&((y == nat), y))
        }),
        DTypeKind::Bytes(_) | DTypeKind::Str(_) => Box::new(move |a, b| decode(&d, a).cmp(&decode(&d, b))),
        DTypeKind::Void(_) => Box::new(|a, b| a.cmp(b)),
        DTypeKind::Record(r) => {
            let parts: Vec<Comparator> =
                r.fields().iter().map(|f| field_comparator(f.offset, &f.dtype, &f.shape)).collect();
            Box::new(move |a, b| parts.iter().map(|c| c(a, b)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal))
        }
    }
}

/// Compares the field at `offset`: a scalar field by its dtype's order; a subarray field by its
/// raw bytes, as NumPy's structured compare does (measured: `np.sort(order=['m'])` over an
/// `('<i2', (2, 2))` field orders the little-endian bytes, not the numbers).
fn field_comparator(offset: usize, d: &DType, shape: &[usize]) -> Comparator {
    let isz = d.itemsize();
    if !shape.is_empty() {
        let n = isz * shape.iter().product::<usize>();
        return Box::new(move |a, b| a[offset..offset + n].cmp(&b[offset..offset + n]));
    }
    let inner = comparator(d);
    Box::new(move |a, b| inner(&a[offset..offset + isz], &b[offset..offset + isz]))
}

fn int(s: &crate::Scalar) -> i128 {
    use crate::Scalar as S;
    match *s {
        S::Bool(v) => i128::from(v),
        S::I8(v) => i128::from(v),
        S::I16(v) => i128::from(v),
        S::I32(v) => i128::from(v),
        S::I64(v) => i128::from(v),
        S::U8(v) => i128::from(v),
        S::U16(v) => i128::from(v),
        S::U32(v) => i128::from(v),
        S::U64(v) => i128::from(v),
        _ => 0,
    }
}

fn real(s: &crate::Scalar) -> f64 {
    use crate::Scalar as S;
    match *s {
        S::F16(v) => v.to_f64(),
        S::F32(v) => f64::from(v),
        S::F64(v) => v,
        S::C64(v) => f64::from(v.re),
        S::C128(v) => v.re,
        _ => 0.0,
    }
}

fn imag(s: &crate::Scalar) -> f64 {
    match *s {
        crate::Scalar::C64(v) => f64::from(v.im),
        crate::Scalar::C128(v) => v.im,
        _ => 0.0,
    }
}

/// The raw bytes of every element in C (or F) order, as NumPy's `tobytes` gives them.
pub(crate) fn element_bytes_in_order(a: &NdArray, order: Order) -> Result<Vec<u8>> {
    let n = a.itemsize();
    let nd = a.ndim();
    let axes: Vec<usize> = if order == Order::F { (0..nd).rev().collect() } else { (0..nd).collect() };
    let mut offs = Vec::with_capacity(a.size());
    if a.size() > 0 {
        let mut idx = vec![0usize; nd];
        'walk: loop {
            let at: isize = idx.iter().zip(a.strides()).map(|(&i, &s)| i as isize * s).sum();
            offs.push((a.offset() as isize + at) as usize);
            let mut k = nd;
            loop {
                if k == 0 {
                    break 'walk;
                }
                k -= 1;
                let ax = axes[k];
                idx[ax] += 1;
                if idx[ax] < a.shape()[ax] {
                    break;
                }
                idx[ax] = 0;
            }
        }
    }
    crate::accounting::record_copy(offs.len() * n, "tobytes")?;
    Ok(a.storage().with_read(|b| {
        let mut out = Vec::with_capacity(offs.len() * n);
        for &o in &offs {
            out.extend_from_slice(&b[o..o + n]);
        }
        out
    }))
}

fn code_points(a: &NdArray) -> Result<Vec<Vec<u32>>> {
    let n = a.itemsize();
    let bytes = a.to_bytes(Order::C)?;
    if n == 0 {
        return Ok(vec![vec![]; a.size()]);
    }
    Ok(bytes.chunks_exact(n).map(|c| decode(a.dtype(), c)).collect())
}

/// A Rust type whose memory layout is exactly a structured dtype's record, so arrays of that
/// dtype and slices of the type convert without copying. Implement it with [`strider_record!`]
/// (which derives the dtype from the `#[repr(C)]` layout the compiler chose); conversions check
/// the array's dtype against [`Record::dtype`] and refuse any difference.
///
/// [`strider_record!`]: crate::strider_record
pub trait Record: bytemuck::Pod {
    /// The structured dtype of one value: field names, dtypes and offsets as laid out by Rust.
    fn dtype() -> DType;
}

/// Declares a `#[repr(C)]` struct of numeric fields and implements [`records::Record`](crate::records::Record)
/// for it, with the field offsets the compiler chose (the layout of NumPy's `align=True`). The
/// struct derives `bytemuck::Pod`, so a struct with padding bytes does not compile: order the
/// fields so none is needed.
///
/// ```
/// strider::strider_record! {
///     pub struct Trade { price: f64, quantity: i32, day: i32 }
/// }
/// use strider::records::Record;
/// let d = Trade::dtype();
/// assert_eq!(format!("{d:?}"), "dtype([('price', '<f8'), ('quantity', '<i4'), ('day', '<i4')], align=True)");
/// ```
#[macro_export]
macro_rules! strider_record {
    ($(#[$m:meta])* $vis:vis struct $name:ident { $($fvis:vis $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[repr(C)]
        #[derive(Clone, Copy, Debug, PartialEq, $crate::bytemuck::Pod, $crate::bytemuck::Zeroable)]
        #[bytemuck(crate = "strider::bytemuck")]
        $vis struct $name { $($fvis $field: $ty),* }
        impl $crate::records::Record for $name {
            fn dtype() -> $crate::DType {
                let fields = vec![$(
                    $crate::dtype::Field::new(stringify!($field), $crate::DType::of::<$ty>())
                        .at(std::mem::offset_of!($name, $field))
                ),*];
                $crate::DType::from_record(
                    $crate::dtype::Record::with_offsets(fields, std::mem::size_of::<$name>(), true)
                        .expect("a Rust struct layout is a valid record"),
                )
            }
        }
    };
}

impl NdArray {
    /// Copies a slice of records into a new 1-d structured array of `T::dtype()`.
    ///
    /// ```
    /// strider::strider_record! { struct P { x: f64, y: f64 } }
    /// let a = strider::NdArray::from_records(&[P { x: 1.0, y: 2.0 }]).unwrap();
    /// assert_eq!(format!("{a:?}"), "array([(1., 2.)],\n      dtype={'names': ['x', 'y'], 'formats': ['<f8', '<f8'], 'offsets': [0, 8], 'itemsize': 16, 'aligned': True})");
    /// ```
    pub fn from_records<T: Record>(items: &[T]) -> Result<NdArray> {
        let a = NdArray::alloc(T::dtype(), &[items.len()], Order::C)?;
        let bytes: &[u8] = bytemuck::cast_slice(items);
        a.storage().with_write(|b| b[a.offset()..a.offset() + bytes.len()].copy_from_slice(bytes))?;
        Ok(a)
    }

    /// Reads a C-contiguous structured array whose dtype equals `T::dtype()` as records: an
    /// error for any other dtype (no silent reinterpretation).
    ///
    /// ```
    /// strider::strider_record! { struct P { x: f64, y: f64 } }
    /// let a = strider::NdArray::from_records(&[P { x: 1.0, y: 2.0 }]).unwrap();
    /// assert_eq!(a.to_records::<P>().unwrap(), vec![P { x: 1.0, y: 2.0 }]);
    /// assert!(a.field("x").unwrap().to_records::<P>().is_err());
    /// ```
    pub fn to_records<T: Record>(&self) -> Result<Vec<T>> {
        let want = T::dtype();
        if *self.dtype() != want {
            return Err(Error::Type(format!("array of dtype {} is not {want}", self.dtype())));
        }
        let bytes = self.to_bytes(Order::C)?;
        Ok(bytes.chunks_exact(want.itemsize().max(1)).map(bytemuck::pod_read_unaligned).collect())
    }

    /// Runs `f` on the records of a C-contiguous, aligned structured array of `T::dtype()`
    /// without copying them (zero-copy read access under the storage lock).
    ///
    /// ```
    /// strider::strider_record! { struct P { x: f64, y: f64 } }
    /// let a = strider::NdArray::from_records(&[P { x: 1.0, y: 2.0 }, P { x: 3.0, y: 4.0 }]).unwrap();
    /// let total = a.with_records(|ps: &[P]| ps.iter().map(|p| p.x + p.y).sum::<f64>()).unwrap();
    /// assert_eq!(total, 10.0);
    /// ```
    pub fn with_records<T: Record, R>(&self, f: impl FnOnce(&[T]) -> R) -> Result<R> {
        let want = T::dtype();
        if *self.dtype() != want {
            return Err(Error::Type(format!("array of dtype {} is not {want}", self.dtype())));
        }
        if !self.flags().c_contiguous {
            return Err(Error::Value("zero-copy record access needs a C-contiguous array".into()));
        }
        let (o, n) = (self.offset(), self.nbytes());
        self.storage().with_read(|b| match bytemuck::try_cast_slice::<u8, T>(&b[o..o + n]) {
            Ok(items) => Ok(f(items)),
            Err(e) => Err(Error::Value(format!("records are not aligned for zero-copy access: {e}"))),
        })
    }
}

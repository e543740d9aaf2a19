//! Data types: what the bytes of one element mean.
//!
//! Owns: [`DType`] (an element type plus a byte order), [`NumType`] (the numeric element types),
//! [`ByteOrder`], NumPy's names and array-protocol strings (`<f8`, `|b1`, `>i4`), and the
//! [`Element`] trait that ties Rust types to dtypes. It knows nothing of shapes, strides or storage.
//!
//! A dtype is a [`DTypeKind`] plus a byte order: numeric kinds, fixed-width bytes (`S<n>`) and
//! unicode (`U<n>`, UCS-4), `datetime64`/`timedelta64` with a [`TimeUnit`], raw void (`V<n>`)
//! and structured records ([`Record`]). Dispatch matches kinds exhaustively, so a new kind makes
//! the compiler list every site that must learn about it.

pub mod cast;
mod element;
mod item;
mod parse;
mod promote;
mod record;
mod time;
pub(crate) mod transfer;

pub use element::Element;
pub use item::{Item, Pack};
pub use promote::promote_flexible;
pub(crate) use record::py_str;
pub use record::{Field, Record};
pub use time::{TimeBase, TimeUnit};

use std::fmt;

/// The numeric element types NumPy has on every platform.
///
/// ```
/// use strider::NumType;
/// assert_eq!(NumType::Float16.itemsize(), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumType {
    /// `bool`, one byte, 0 or 1.
    Bool,
    /// `int8`
    Int8,
    /// `int16`
    Int16,
    /// `int32`
    Int32,
    /// `int64`
    Int64,
    /// `uint8`
    UInt8,
    /// `uint16`
    UInt16,
    /// `uint32`
    UInt32,
    /// `uint64`
    UInt64,
    /// `float16` (IEEE half, through the `half` crate)
    Float16,
    /// `float32`
    Float32,
    /// `float64`
    Float64,
    /// `complex64`: two float32
    Complex64,
    /// `complex128`: two float64
    Complex128,
}

/// NumPy's kind character groups.
///
/// ```
/// assert_eq!(strider::NumType::Int8.kind(), strider::Kind::Int);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `b`
    Bool,
    /// `u`
    UInt,
    /// `i`
    Int,
    /// `f`
    Float,
    /// `c`
    Complex,
}

impl Kind {
    /// NumPy's one-letter kind code.
    ///
    /// ```
    /// assert_eq!(strider::Kind::Complex.code(), 'c');
    /// ```
    pub fn code(self) -> char {
        match self {
            Kind::Bool => 'b',
            Kind::UInt => 'u',
            Kind::Int => 'i',
            Kind::Float => 'f',
            Kind::Complex => 'c',
        }
    }
}

impl NumType {
    /// Every numeric type, in NumPy's type-number order.
    ///
    /// ```
    /// assert_eq!(strider::NumType::ALL.len(), 14);
    /// ```
    pub const ALL: [NumType; 14] = [
        NumType::Bool,
        NumType::Int8,
        NumType::UInt8,
        NumType::Int16,
        NumType::UInt16,
        NumType::Int32,
        NumType::UInt32,
        NumType::Int64,
        NumType::UInt64,
        NumType::Float16,
        NumType::Float32,
        NumType::Float64,
        NumType::Complex64,
        NumType::Complex128,
    ];

    /// Size of one element in bytes.
    ///
    /// ```
    /// assert_eq!(strider::NumType::Complex128.itemsize(), 16);
    /// ```
    pub const fn itemsize(self) -> usize {
        match self {
            NumType::Bool | NumType::Int8 | NumType::UInt8 => 1,
            NumType::Int16 | NumType::UInt16 | NumType::Float16 => 2,
            NumType::Int32 | NumType::UInt32 | NumType::Float32 => 4,
            NumType::Int64 | NumType::UInt64 | NumType::Float64 | NumType::Complex64 => 8,
            NumType::Complex128 => 16,
        }
    }

    /// Required alignment in bytes (a complex number aligns like its parts).
    ///
    /// ```
    /// assert_eq!(strider::NumType::Complex64.alignment(), 4);
    /// ```
    pub const fn alignment(self) -> usize {
        match self {
            NumType::Complex64 => 4,
            NumType::Complex128 => 8,
            t => t.itemsize(),
        }
    }

    /// The kind group.
    ///
    /// ```
    /// use strider::{Kind, NumType};
    /// assert_eq!(NumType::UInt16.kind(), Kind::UInt);
    /// ```
    pub const fn kind(self) -> Kind {
        match self {
            NumType::Bool => Kind::Bool,
            NumType::Int8 | NumType::Int16 | NumType::Int32 | NumType::Int64 => Kind::Int,
            NumType::UInt8 | NumType::UInt16 | NumType::UInt32 | NumType::UInt64 => Kind::UInt,
            NumType::Float16 | NumType::Float32 | NumType::Float64 => Kind::Float,
            NumType::Complex64 | NumType::Complex128 => Kind::Complex,
        }
    }

    /// Whether the type is float or complex (NumPy's `np.inexact`): the types that hold NaN and
    /// raise floating-point errors.
    ///
    /// ```
    /// use strider::NumType;
    /// assert!(NumType::Complex64.is_inexact() && NumType::Float16.is_inexact());
    /// assert!(!NumType::Int64.is_inexact() && !NumType::Bool.is_inexact());
    /// ```
    pub const fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// NumPy's name: `bool`, `int8`, ..., `complex128`.
    ///
    /// ```
    /// assert_eq!(strider::NumType::Float16.name(), "float16");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            NumType::Bool => "bool",
            NumType::Int8 => "int8",
            NumType::Int16 => "int16",
            NumType::Int32 => "int32",
            NumType::Int64 => "int64",
            NumType::UInt8 => "uint8",
            NumType::UInt16 => "uint16",
            NumType::UInt32 => "uint32",
            NumType::UInt64 => "uint64",
            NumType::Float16 => "float16",
            NumType::Float32 => "float32",
            NumType::Float64 => "float64",
            NumType::Complex64 => "complex64",
            NumType::Complex128 => "complex128",
        }
    }

    /// NumPy's one-character type code (`dtype.char`): `?bBhHiIlLefdFD` (with `l` for int64).
    ///
    /// ```
    /// assert_eq!(strider::NumType::Int64.char_code(), 'l');
    /// ```
    pub const fn char_code(self) -> char {
        match self {
            NumType::Bool => '?',
            NumType::Int8 => 'b',
            NumType::UInt8 => 'B',
            NumType::Int16 => 'h',
            NumType::UInt16 => 'H',
            NumType::Int32 => 'i',
            NumType::UInt32 => 'I',
            NumType::Int64 => 'l',
            NumType::UInt64 => 'L',
            NumType::Float16 => 'e',
            NumType::Float32 => 'f',
            NumType::Float64 => 'd',
            NumType::Complex64 => 'F',
            NumType::Complex128 => 'D',
        }
    }

    /// Whether byte order matters for this type (false for one-byte types).
    ///
    /// ```
    /// assert!(!strider::NumType::UInt8.has_byte_order());
    /// ```
    pub const fn has_byte_order(self) -> bool {
        self.itemsize() > 1
    }

    /// For a complex type, the float type of its parts; otherwise itself.
    ///
    /// ```
    /// use strider::NumType;
    /// assert_eq!(NumType::Complex64.real_type(), NumType::Float32);
    /// ```
    pub const fn real_type(self) -> NumType {
        match self {
            NumType::Complex64 => NumType::Float32,
            NumType::Complex128 => NumType::Float64,
            t => t,
        }
    }

    /// Whether this is a signed or unsigned integer type.
    ///
    /// ```
    /// assert!(strider::NumType::UInt64.is_integer());
    /// ```
    pub const fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::UInt)
    }
}

/// Byte order of a dtype's elements.
///
/// ```
/// let d: strider::DType = "<f8".parse().unwrap();
/// assert_eq!(d.byte_order(), strider::ByteOrder::Little);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    /// Least significant byte first (`<`).
    Little,
    /// Most significant byte first (`>`).
    Big,
    /// Single-byte types (`|`).
    NotApplicable,
}

impl ByteOrder {
    /// The byte order of this machine.
    ///
    /// ```
    /// assert_ne!(strider::ByteOrder::NATIVE, strider::ByteOrder::NotApplicable);
    /// ```
    pub const NATIVE: ByteOrder = if cfg!(target_endian = "little") { ByteOrder::Little } else { ByteOrder::Big };

    /// The array-protocol character: `<`, `>` or `|`.
    ///
    /// ```
    /// assert_eq!(strider::ByteOrder::Big.char(), '>');
    /// ```
    pub const fn char(self) -> char {
        match self {
            ByteOrder::Little => '<',
            ByteOrder::Big => '>',
            ByteOrder::NotApplicable => '|',
        }
    }
}

/// What the bytes of an element are; see [`DType`].
///
/// ```
/// use strider::{DType, DTypeKind, NumType};
/// assert!(matches!(DType::INT32.kind(), DTypeKind::Num(NumType::Int32)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DTypeKind {
    /// A numeric scalar type.
    Num(NumType),
    /// Fixed-width bytes of this many bytes (`S<n>`), zero-padded.
    Bytes(usize),
    /// Fixed-width unicode of this many UCS-4 code points (`U<n>`), zero-padded.
    Str(usize),
    /// `datetime64` with its unit: an int64 count of units since 1970-01-01, NaT = `i64::MIN`.
    DateTime(TimeUnit),
    /// `timedelta64` with its unit: an int64 count of units, NaT = `i64::MIN`.
    TimeDelta(TimeUnit),
    /// Raw bytes without fields (`V<n>`).
    Void(usize),
    /// A structured record with named fields.
    Record(std::sync::Arc<Record>),
}

/// A data type: an element kind and a byte order.
///
/// ```
/// use strider::{DType, NumType, ByteOrder};
/// let d: DType = ">i4".parse().unwrap();
/// assert_eq!(d.num_type(), Some(NumType::Int32));
/// assert_eq!(d.byte_order(), ByteOrder::Big);
/// assert_eq!(d.str(), ">i4");
/// assert_eq!(DType::FLOAT64.str(), "<f8");
/// assert_eq!(DType::BOOL.str(), "|b1");
/// assert_eq!(DType::new(NumType::Complex128).name(), "complex128");
/// ```
#[derive(Clone)]
pub struct DType {
    kind: DTypeKind,
    order: ByteOrder,
    /// NumPy's second int64 (`'q'`, C `long long`): equal to int64, only its `char` and `repr`
    /// tell it apart (see [`DType::as_longlong`]).
    longlong: bool,
}

impl PartialEq for DType {
    fn eq(&self, other: &DType) -> bool {
        self.kind == other.kind && self.order == other.order
    }
}

impl Eq for DType {}

impl std::hash::Hash for DType {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.kind.hash(h);
        self.order.hash(h);
    }
}

impl DType {
    /// `bool`, native.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::BOOL.str(), "|b1");
    /// # }
    /// ```
    pub const BOOL: DType = DType::new(NumType::Bool);
    /// `int8`
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::INT8.str(), "|i1");
    /// # }
    /// ```
    pub const INT8: DType = DType::new(NumType::Int8);
    /// `int16`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::INT16.str(), "<i2");
    /// # }
    /// ```
    pub const INT16: DType = DType::new(NumType::Int16);
    /// `int32`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::INT32.str(), "<i4");
    /// # }
    /// ```
    pub const INT32: DType = DType::new(NumType::Int32);
    /// `int64`, native order (NumPy's default integer here).
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::INT64.str(), "<i8");
    /// # }
    /// ```
    pub const INT64: DType = DType::new(NumType::Int64);
    /// `uint8`
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::UINT8.str(), "|u1");
    /// # }
    /// ```
    pub const UINT8: DType = DType::new(NumType::UInt8);
    /// `uint16`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::UINT16.str(), "<u2");
    /// # }
    /// ```
    pub const UINT16: DType = DType::new(NumType::UInt16);
    /// `uint32`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::UINT32.str(), "<u4");
    /// # }
    /// ```
    pub const UINT32: DType = DType::new(NumType::UInt32);
    /// `uint64`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::UINT64.str(), "<u8");
    /// # }
    /// ```
    pub const UINT64: DType = DType::new(NumType::UInt64);
    /// `float16`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::FLOAT16.str(), "<f2");
    /// # }
    /// ```
    pub const FLOAT16: DType = DType::new(NumType::Float16);
    /// `float32`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::FLOAT32.str(), "<f4");
    /// # }
    /// ```
    pub const FLOAT32: DType = DType::new(NumType::Float32);
    /// `float64`, native order (NumPy's default).
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::FLOAT64.str(), "<f8");
    /// # }
    /// ```
    pub const FLOAT64: DType = DType::new(NumType::Float64);
    /// `complex64`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::COMPLEX64.str(), "<c8");
    /// # }
    /// ```
    pub const COMPLEX64: DType = DType::new(NumType::Complex64);
    /// `complex128`, native order.
    ///
    /// ```
    /// # if cfg!(target_endian = "little") {
    /// assert_eq!(strider::DType::COMPLEX128.str(), "<c16");
    /// # }
    /// ```
    pub const COMPLEX128: DType = DType::new(NumType::Complex128);

    /// A numeric dtype in native byte order.
    ///
    /// ```
    /// use strider::{DType, NumType};
    /// assert_eq!(DType::new(NumType::Int32), DType::INT32);
    /// ```
    pub const fn new(t: NumType) -> DType {
        let order = if t.has_byte_order() { ByteOrder::NATIVE } else { ByteOrder::NotApplicable };
        DType { kind: DTypeKind::Num(t), order, longlong: false }
    }

    /// A numeric dtype with an explicit byte order (ignored for one-byte types, as in NumPy).
    ///
    /// ```
    /// use strider::{ByteOrder, DType, NumType};
    /// assert_eq!(DType::with_order(NumType::Int8, ByteOrder::Big).str(), "|i1");
    /// assert_eq!(DType::with_order(NumType::Float32, ByteOrder::Big).str(), ">f4");
    /// ```
    pub const fn with_order(t: NumType, order: ByteOrder) -> DType {
        let order = if t.has_byte_order() {
            match order {
                ByteOrder::NotApplicable => ByteOrder::NATIVE,
                o => o,
            }
        } else {
            ByteOrder::NotApplicable
        };
        DType { kind: DTypeKind::Num(t), order, longlong: false }
    }

    /// The dtype of a Rust element type.
    ///
    /// ```
    /// assert_eq!(strider::DType::of::<u16>(), strider::DType::UINT16);
    /// ```
    pub fn of<T: Element>() -> DType {
        DType::new(T::NUM)
    }

    /// The element kind.
    ///
    /// ```
    /// use strider::{DType, DTypeKind, NumType};
    /// assert_eq!(DType::FLOAT32.kind(), &DTypeKind::Num(NumType::Float32));
    /// ```
    pub fn kind(&self) -> &DTypeKind {
        &self.kind
    }

    /// The numeric type, if this is a numeric dtype.
    ///
    /// ```
    /// assert_eq!(strider::DType::BOOL.num_type(), Some(strider::NumType::Bool));
    /// ```
    pub fn num_type(&self) -> Option<NumType> {
        match self.kind {
            DTypeKind::Num(t) => Some(t),
            _ => None,
        }
    }

    /// Byte order of the elements.
    ///
    /// ```
    /// let d: strider::DType = ">u2".parse().unwrap();
    /// assert_eq!(d.byte_order(), strider::ByteOrder::Big);
    /// ```
    pub fn byte_order(&self) -> ByteOrder {
        self.order
    }

    /// Whether the bytes are in this machine's order (always true for one-byte types).
    ///
    /// ```
    /// assert!(strider::DType::INT8.is_native());
    /// ```
    pub fn is_native(&self) -> bool {
        if let DTypeKind::Record(r) = &self.kind {
            // As NumPy: a subarray field counts as native whatever its base's order.
            return r.fields().iter().all(|f| !f.shape.is_empty() || f.dtype.is_native());
        }
        self.order != if ByteOrder::NATIVE == ByteOrder::Little { ByteOrder::Big } else { ByteOrder::Little }
    }

    /// The same dtype in native byte order.
    ///
    /// ```
    /// let d: strider::DType = ">f8".parse().unwrap();
    /// assert_eq!(d.to_native(), strider::DType::FLOAT64);
    /// ```
    pub fn to_native(&self) -> DType {
        self.with_byte_order(ByteOrder::NATIVE)
    }

    /// The same dtype with another byte order (NumPy's `newbyteorder`, with an explicit order).
    ///
    /// ```
    /// use strider::{ByteOrder, DType};
    /// assert_eq!(DType::INT16.with_byte_order(ByteOrder::Big).str(), ">i2");
    /// ```
    pub fn with_byte_order(&self, order: ByteOrder) -> DType {
        let order = if order == ByteOrder::NotApplicable { ByteOrder::NATIVE } else { order };
        match &self.kind {
            DTypeKind::Num(t) => DType::with_order(*t, order),
            DTypeKind::Str(_) | DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_) => {
                DType { kind: self.kind.clone(), order, longlong: false }
            }
            DTypeKind::Bytes(_) | DTypeKind::Void(_) => self.clone(),
            DTypeKind::Record(r) => DType::from_record(r.with_byte_order(order)),
        }
    }

    /// Size of one element in bytes.
    ///
    /// ```
    /// assert_eq!(strider::DType::COMPLEX64.itemsize(), 8);
    /// ```
    pub fn itemsize(&self) -> usize {
        match &self.kind {
            DTypeKind::Num(t) => t.itemsize(),
            DTypeKind::Bytes(n) | DTypeKind::Void(n) => *n,
            DTypeKind::Str(n) => 4 * n,
            DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_) => 8,
            DTypeKind::Record(r) => r.itemsize(),
        }
    }

    /// Required alignment in bytes.
    ///
    /// ```
    /// assert_eq!(strider::DType::COMPLEX128.alignment(), 8);
    /// ```
    pub fn alignment(&self) -> usize {
        match &self.kind {
            DTypeKind::Num(t) => t.alignment(),
            DTypeKind::Bytes(_) | DTypeKind::Void(_) => 1,
            DTypeKind::Str(_) => 4,
            DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_) => 8,
            DTypeKind::Record(r) => r.alignment(),
        }
    }

    /// NumPy's kind character (`dtype.kind`).
    ///
    /// ```
    /// assert_eq!(strider::DType::UINT8.kind_char(), 'u');
    /// ```
    pub fn kind_char(&self) -> char {
        match &self.kind {
            DTypeKind::Num(t) => t.kind().code(),
            DTypeKind::Bytes(_) => 'S',
            DTypeKind::Str(_) => 'U',
            DTypeKind::DateTime(_) => 'M',
            DTypeKind::TimeDelta(_) => 'm',
            DTypeKind::Void(_) | DTypeKind::Record(_) => 'V',
        }
    }

    /// NumPy's name (`dtype.name`): `float64`, `int32`, `bool`.
    ///
    /// ```
    /// let d: strider::DType = ">i4".parse().unwrap();
    /// assert_eq!(d.name(), "int32");
    /// ```
    pub fn name(&self) -> String {
        let bits = |n: usize, stem: &str| if n == 0 { stem.to_string() } else { format!("{stem}{}", 8 * n) };
        match &self.kind {
            DTypeKind::Num(t) => t.name().to_string(),
            DTypeKind::Bytes(n) => bits(*n, "bytes"),
            DTypeKind::Str(n) => bits(4 * n, "str"),
            DTypeKind::Void(n) => bits(*n, "void"),
            DTypeKind::Record(r) => bits(r.itemsize(), "void"),
            DTypeKind::DateTime(u) => format!("datetime64{u}"),
            DTypeKind::TimeDelta(u) => format!("timedelta64{u}"),
        }
    }

    /// The array-protocol type string (`dtype.str`): `<f8`, `|b1`, `>i4`.
    ///
    /// ```
    /// assert_eq!(strider::DType::COMPLEX128.str(), "<c16");
    /// ```
    pub fn str(&self) -> String {
        match &self.kind {
            DTypeKind::Str(n) => format!("{}U{n}", self.order.char()),
            DTypeKind::DateTime(u) => format!("{}M8{u}", self.order.char()),
            DTypeKind::TimeDelta(u) => format!("{}m8{u}", self.order.char()),
            _ => format!("{}{}{}", self.order.char(), self.kind_char(), self.itemsize()),
        }
    }

    /// NumPy's `dtype.char`.
    ///
    /// ```
    /// assert_eq!(strider::DType::FLOAT16.char_code(), 'e');
    /// ```
    pub fn char_code(&self) -> char {
        match &self.kind {
            DTypeKind::Num(_) if self.longlong => 'q',
            DTypeKind::Num(t) => t.char_code(),
            _ => self.kind_char(),
        }
    }

    /// NumPy's `'q'` int64 (C `long long`), the dtype of `m8 // m8`: equal to int64 in every
    /// way but its `char` (`'q'`) and an array `repr` that names it; other dtypes unchanged.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let q = DType::INT64.as_longlong();
    /// assert_eq!((q == DType::INT64, q.char_code(), DType::INT64.char_code()), (true, 'q', 'l'));
    /// let a = NdArray::zeros(&[2], q, Order::C).unwrap();
    /// assert_eq!(format!("{a:?}"), "array([0, 0], dtype=int64)");
    /// ```
    pub fn as_longlong(&self) -> DType {
        let mut d = self.clone();
        d.longlong = matches!(self.kind, DTypeKind::Num(NumType::Int64));
        d
    }

    /// Whether this is NumPy's `'q'` int64 (see [`DType::as_longlong`]).
    ///
    /// ```
    /// assert!(!strider::DType::INT64.is_longlong());
    /// ```
    pub fn is_longlong(&self) -> bool {
        self.longlong
    }

    /// The name of NumPy's DType class for this dtype (`type(np.dtype('i8')).__name__`), as
    /// NumPy's "no loop" messages name it.
    ///
    /// ```
    /// assert_eq!(strider::DType::INT64.class_name(), "Int64DType");
    /// assert_eq!(strider::DType::INT64.as_longlong().class_name(), "LongLongDType");
    /// assert_eq!("M8[s]".parse::<strider::DType>().unwrap().class_name(), "DateTime64DType");
    /// ```
    pub fn class_name(&self) -> &'static str {
        match &self.kind {
            DTypeKind::Num(t) => match t {
                NumType::Bool => "BoolDType",
                NumType::Int8 => "Int8DType",
                NumType::Int16 => "Int16DType",
                NumType::Int32 => "Int32DType",
                NumType::Int64 if self.longlong => "LongLongDType",
                NumType::Int64 => "Int64DType",
                NumType::UInt8 => "UInt8DType",
                NumType::UInt16 => "UInt16DType",
                NumType::UInt32 => "UInt32DType",
                NumType::UInt64 => "UInt64DType",
                NumType::Float16 => "Float16DType",
                NumType::Float32 => "Float32DType",
                NumType::Float64 => "Float64DType",
                NumType::Complex64 => "Complex64DType",
                NumType::Complex128 => "Complex128DType",
            },
            DTypeKind::Bytes(_) => "BytesDType",
            DTypeKind::Str(_) => "StrDType",
            DTypeKind::DateTime(_) => "DateTime64DType",
            DTypeKind::TimeDelta(_) => "TimeDelta64DType",
            DTypeKind::Void(_) | DTypeKind::Record(_) => "VoidDType",
        }
    }

    /// The text NumPy's `repr` of an array shows after `dtype=`: the name for native numeric types,
    /// the quoted protocol string otherwise (`'>i4'`).
    ///
    /// ```
    /// let d: strider::DType = ">i4".parse().unwrap();
    /// assert_eq!(d.repr_text(), "'>i4'");
    /// assert_eq!(strider::DType::INT8.repr_text(), "int8");
    /// ```
    pub fn repr_text(&self) -> String {
        match &self.kind {
            DTypeKind::Record(r) => r.struct_str(true),
            DTypeKind::Bytes(_) | DTypeKind::Str(_) | DTypeKind::Void(_) => format!("'{self}'"),
            _ if !self.is_native() => format!("'{}'", self.str()),
            _ => {
                let name = self.name();
                if name.chars().all(char::is_alphanumeric) {
                    name
                } else {
                    format!("'{name}'")
                }
            }
        }
    }

    /// The text NumPy's error messages put inside `dtype('...')`: `S8`, `<M8[Y]`, `int32`.
    pub(crate) fn repr_inner(&self) -> String {
        let r = format!("{self:?}");
        r.strip_prefix("dtype('").and_then(|x| x.strip_suffix("')")).map_or(r.clone(), str::to_string)
    }

    /// The field format NumPy shows inside a structured dtype's text (`'<i4'`, `'u1'`, `'S3'`,
    /// `'<M8[s]'`, a nested list or dict). A zero size is left out (`'<U'`, `'S'`, `'V'`).
    pub(crate) fn short_repr(&self) -> String {
        match &self.kind {
            DTypeKind::Num(NumType::Bool) => "'?'".into(),
            DTypeKind::Record(r) => r.struct_str(false),
            DTypeKind::Bytes(0) => "'S'".into(),
            DTypeKind::Void(0) => "'V'".into(),
            DTypeKind::Str(0) => format!("'{}U'", self.order.char()),
            DTypeKind::Bytes(n) => format!("'S{n}'"),
            DTypeKind::Void(n) => format!("'V{n}'"),
            _ => format!("'{}'", self.str().trim_start_matches('|')),
        }
    }

    /// Whether this is a string kind (`S` or `U`).
    ///
    /// ```
    /// assert!("S3".parse::<strider::DType>().unwrap().is_string());
    /// ```
    pub fn is_string(&self) -> bool {
        matches!(self.kind, DTypeKind::Bytes(_) | DTypeKind::Str(_))
    }

    /// The time unit of a `datetime64` or `timedelta64` dtype.
    ///
    /// ```
    /// let d: strider::DType = "<M8[ns]".parse().unwrap();
    /// assert_eq!(d.time_unit().unwrap().to_string(), "[ns]");
    /// ```
    pub fn time_unit(&self) -> Option<TimeUnit> {
        match self.kind {
            DTypeKind::DateTime(u) | DTypeKind::TimeDelta(u) => Some(u),
            _ => None,
        }
    }

    /// `datetime64` with a unit, native order.
    ///
    /// ```
    /// use strider::dtype::{TimeBase, TimeUnit};
    /// assert_eq!(strider::DType::datetime(TimeUnit::new(TimeBase::Day, 1)).name(), "datetime64[D]");
    /// ```
    pub const fn datetime(unit: TimeUnit) -> DType {
        DType { kind: DTypeKind::DateTime(unit), order: ByteOrder::NATIVE, longlong: false }
    }

    /// `timedelta64` with a unit, native order.
    ///
    /// ```
    /// use strider::dtype::{TimeBase, TimeUnit};
    /// assert_eq!(strider::DType::timedelta(TimeUnit::new(TimeBase::Second, 25)).str(), "<m8[25s]");
    /// ```
    pub const fn timedelta(unit: TimeUnit) -> DType {
        DType { kind: DTypeKind::TimeDelta(unit), order: ByteOrder::NATIVE, longlong: false }
    }

    /// Fixed-width bytes `S<n>`.
    ///
    /// ```
    /// assert_eq!(strider::DType::bytes(8).str(), "|S8");
    /// ```
    pub const fn bytes(n: usize) -> DType {
        DType { kind: DTypeKind::Bytes(n), order: ByteOrder::NotApplicable, longlong: false }
    }

    /// Fixed-width unicode `U<n>` (n code points, 4 bytes each), native order.
    ///
    /// ```
    /// assert_eq!(strider::DType::unicode(5).itemsize(), 20);
    /// ```
    pub const fn unicode(n: usize) -> DType {
        DType { kind: DTypeKind::Str(n), order: ByteOrder::NATIVE, longlong: false }
    }

    /// Raw void `V<n>`.
    ///
    /// ```
    /// assert_eq!(strider::DType::void(7).name(), "void56");
    /// ```
    pub const fn void(n: usize) -> DType {
        DType { kind: DTypeKind::Void(n), order: ByteOrder::NotApplicable, longlong: false }
    }

    /// NumPy's `dtype.descr` as Python literal text: `[('', '<f8')]` for a plain dtype, the
    /// field list with `('', '|V<n>')` gaps for a structured one.
    ///
    /// ```
    /// let d = strider::DType::structured(&[("a", strider::DType::UINT8), ("b", strider::DType::INT32)], true).unwrap();
    /// assert_eq!(d.descr().unwrap(), "[('a', '|u1'), ('', '|V3'), ('b', '<i4')]");
    /// assert_eq!(strider::DType::FLOAT64.descr().unwrap(), "[('', '<f8')]");
    /// ```
    pub fn descr(&self) -> crate::Result<String> {
        match &self.kind {
            DTypeKind::Record(r) => r.descr(),
            _ => Ok(format!("[('', '{}')]", self.str())),
        }
    }

    /// The `descr` value of a `.npy` header: the quoted protocol string for a plain dtype, the
    /// descr list for a structured one.
    pub(crate) fn header_descr(&self) -> crate::Result<String> {
        match &self.kind {
            DTypeKind::Record(r) => r.descr(),
            _ => Ok(format!("'{}'", self.str())),
        }
    }
}

impl fmt::Debug for DType {
    /// NumPy's `repr(dtype)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DTypeKind::Record(r) => {
                let align = if r.is_aligned_struct() { ", align=True" } else { "" };
                write!(f, "dtype({}{align})", r.struct_str(false))
            }
            DTypeKind::Num(_) if self.is_native() => write!(f, "dtype('{}')", self.name()),
            DTypeKind::Bytes(0) => write!(f, "dtype('S')"),
            DTypeKind::Void(0) => write!(f, "dtype('V')"),
            DTypeKind::Str(0) => write!(f, "dtype('{}U')", self.order.char()),
            DTypeKind::Bytes(n) => write!(f, "dtype('S{n}')"),
            DTypeKind::Void(n) => write!(f, "dtype('V{n}')"),
            _ => write!(f, "dtype('{}')", self.str()),
        }
    }
}

impl fmt::Display for DType {
    /// NumPy's `str(dtype)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DTypeKind::Record(r) => f.write_str(&r.struct_str(true)),
            DTypeKind::Bytes(_) | DTypeKind::Str(_) | DTypeKind::Void(_) => f.write_str(&self.str()),
            _ if self.is_native() => f.write_str(&self.name()),
            _ => f.write_str(&self.str()),
        }
    }
}

impl From<NumType> for DType {
    fn from(t: NumType) -> DType {
        DType::new(t)
    }
}

/// Runs a generic body once per operation with `$T` bound to the Rust type of a [`NumType`].
/// The match is exhaustive: a new numeric type must be handled at every dispatch site.
#[macro_export]
#[doc(hidden)]
macro_rules! dispatch_num {
    ($t:expr, $T:ident => $body:expr) => {{
        use $crate::dtype::NumType as __N;
        match $t {
            __N::Bool => {
                type $T = bool;
                $body
            }
            __N::Int8 => {
                type $T = i8;
                $body
            }
            __N::Int16 => {
                type $T = i16;
                $body
            }
            __N::Int32 => {
                type $T = i32;
                $body
            }
            __N::Int64 => {
                type $T = i64;
                $body
            }
            __N::UInt8 => {
                type $T = u8;
                $body
            }
            __N::UInt16 => {
                type $T = u16;
                $body
            }
            __N::UInt32 => {
                type $T = u32;
                $body
            }
            __N::UInt64 => {
                type $T = u64;
                $body
            }
            __N::Float16 => {
                type $T = half::f16;
                $body
            }
            __N::Float32 => {
                type $T = f32;
                $body
            }
            __N::Float64 => {
                type $T = f64;
                $body
            }
            __N::Complex64 => {
                type $T = num_complex::Complex32;
                $body
            }
            __N::Complex128 => {
                type $T = num_complex::Complex64;
                $body
            }
        }
    }};
}

//! The one error type of Strider.
//!
//! Owns: [`Error`] and the [`Result`] alias. Messages follow NumPy's wording where NumPy has one, so
//! a NumPy user recognises them; every variant carries the values that were wrong. Nothing in the
//! public API panics on bad arguments: it returns one of these.

use std::fmt;

/// A shape, printed the way NumPy prints tuples: `(2, 3)`, `(5,)`, `()`.
///
/// ```
/// assert_eq!(strider::ShapeDisplay(vec![2, 3]).to_string(), "(2, 3)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeDisplay(pub Vec<usize>);

impl fmt::Display for ShapeDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::layout::shape_str(&self.0))
    }
}

/// Everything that can go wrong in Strider.
///
/// ```
/// use strider::{DType, NdArray, Order, Error};
/// let a = NdArray::zeros(&[3], DType::INT8, Order::C).unwrap();
/// let e = a.get(&[5]).unwrap_err();
/// assert_eq!(e, Error::IndexOutOfBounds { index: 5, axis: 0, size: 3 });
/// assert_eq!(e.to_string(), "index 5 is out of bounds for axis 0 with size 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Operands whose shapes cannot be broadcast together.
    #[error("operands could not be broadcast together with shapes {}", .shapes.iter().map(|s| crate::layout::shape_str_compact(s)).collect::<Vec<_>>().join(" "))]
    Broadcast {
        /// The operand shapes, in argument order.
        shapes: Vec<Vec<usize>>,
    },
    /// `broadcast_to` of an array onto a shape it does not fit.
    #[error("operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}", crate::layout::shape_str_compact(.from), crate::layout::shape_str_compact(.to))]
    BroadcastTo {
        /// The array's shape.
        from: Vec<usize>,
        /// The requested shape.
        to: Vec<usize>,
    },
    /// An integer index outside an axis.
    #[error("index {index} is out of bounds for axis {axis} with size {size}")]
    IndexOutOfBounds {
        /// The index as given (possibly negative).
        index: i64,
        /// The axis it was applied to.
        axis: usize,
        /// The length of that axis.
        size: usize,
    },
    /// More indices than dimensions.
    #[error("too many indices for array: array is {ndim}-dimensional, but {given} were indexed")]
    TooManyIndices {
        /// The array's ndim.
        ndim: usize,
        /// How many axes the index consumed.
        given: usize,
    },
    /// An index that cannot be parsed or is malformed (bad index string, two ellipses, ...).
    #[error("{0}")]
    BadIndex(String),
    /// An axis argument outside `[-ndim, ndim)`.
    #[error("axis {axis} is out of bounds for array of dimension {ndim}")]
    AxisOutOfBounds {
        /// The axis as given.
        axis: isize,
        /// The number of dimensions.
        ndim: usize,
    },
    /// An argument with a value NumPy rejects with `ValueError`; the message says which and why.
    #[error("{0}")]
    Value(String),
    /// A reshape to a shape with a different number of elements.
    #[error("cannot reshape array of size {size} into shape {shape}")]
    Reshape {
        /// The array's size.
        size: usize,
        /// The requested shape, in NumPy's notation (`(4,newaxis)`).
        shape: String,
    },
    /// A reshape that cannot be done as a view when a copy was forbidden.
    #[error("Unable to avoid creating a copy while reshaping.")]
    ReshapeCopyNeeded,
    /// An operation that would copy, inside a no-copy request.
    #[error("Unable to avoid copy: {0}")]
    CopyNeeded(String),
    /// A cast the requested casting rule does not allow.
    #[error("Cannot cast {} from dtype('{from}') to dtype('{to}') according to the rule '{casting}'", if *.scalar { "scalar" } else { "array data" })]
    Cast {
        /// Whether the source is 0-d (NumPy then says "scalar").
        scalar: bool,
        /// Source dtype (protocol string or name).
        from: String,
        /// Target dtype.
        to: String,
        /// The casting rule (`no`, `equiv`, `safe`, `same_kind`, `unsafe`).
        casting: String,
    },
    /// A write through a read-only array.
    #[error("assignment destination is read-only")]
    NotWriteable,
    /// Setting WRITEABLE on an array whose memory may not be written.
    #[error("cannot set WRITEABLE flag to True of this array")]
    CannotSetWriteable,
    /// A dtype string or request that is not understood.
    #[error("data type {0:?} not understood")]
    BadDType(String),
    /// A value of the wrong type for a dtype (for example a complex value for an int array).
    #[error("{0}")]
    Type(String),
    /// The exact overlap problem exceeded its work budget.
    #[error("Exceeded max_work")]
    TooHard,
    /// A value that does not fit the target type (NumPy's `OverflowError`), e.g. "Python integer
    /// 300 out of bounds for uint8".
    #[error("{0}")]
    OutOfRange(String),
    /// Integer overflow in the overlap solver or in layout arithmetic.
    #[error("Integer overflow in computing {0}")]
    Overflow(String),
    /// A layout that reaches bytes outside its storage, or a storage too small for a shape.
    #[error("{0}")]
    OutOfStorage(String),
    /// More than 64 dimensions.
    #[error("maximum supported dimension for an ndarray is currently 64, found {0}")]
    TooManyDims(usize),
    /// An I/O failure, with the path it concerned.
    #[error("{path}: {message}")]
    Io {
        /// The file concerned.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A malformed file (bad `.npy` header, truncated data...).
    #[error("{path}: {message}")]
    Format {
        /// The file concerned.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A ufunc has no loop for the operand types, or its operands cannot be cast as asked
    /// (NumPy's `UFuncTypeError`).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let b = NdArray::from_vec(vec![true], &[1], Order::C).unwrap();
    /// assert_eq!(strider::ufunc::positive(&b).unwrap_err().numpy_class(), "UFuncTypeError");
    /// ```
    #[error("{0}")]
    UFuncType(String),
    /// A floating-point error under the `raise` policy (NumPy's `FloatingPointError`).
    ///
    /// ```
    /// use strider::ufunc::{errstate, ErrPolicy, ErrState};
    /// let a = strider::NdArray::from_vec(vec![0.0f64], &[1], strider::Order::C).unwrap();
    /// let e = errstate(ErrState::all(ErrPolicy::Raise), || strider::ufunc::log(&a)).unwrap_err();
    /// assert_eq!((e.numpy_class(), e.to_string().as_str()), ("FloatingPointError", "divide by zero encountered in log"));
    /// ```
    #[error("{0}")]
    FloatingPoint(String),
    /// Text that the target encoding cannot hold (NumPy's `UnicodeEncodeError`).
    #[error("{0}")]
    UnicodeEncode(String),
    /// Bytes that ASCII cannot decode into a unicode element (Python's `UnicodeDecodeError`).
    ///
    /// ```
    /// let e = strider::Error::UnicodeDecode("bad byte".into());
    /// assert_eq!(e.numpy_class(), "UnicodeDecodeError");
    /// ```
    #[error("{0}")]
    UnicodeDecode(String),
    /// A failure NumPy reports as `RuntimeError`, such as a datetime whose ISO text does not fit
    /// the string element it is cast to.
    ///
    /// ```
    /// use strider::{Casting, NdArray, Order};
    /// let d = NdArray::full(&[1], "2020-01-01", "M8[D]".parse().unwrap(), Order::C).unwrap();
    /// let e = d.astype(&"S9".parse().unwrap(), Casting::Unsafe).unwrap_err();
    /// assert_eq!(e.numpy_class(), "RuntimeError");
    /// ```
    #[error("{0}")]
    Runtime(String),
}

/// `Result` with Strider's [`Error`].
///
/// ```
/// fn half(n: usize) -> strider::Result<usize> {
///     if n % 2 == 0 { Ok(n / 2) } else { Err(strider::Error::Value(format!("{n} is odd"))) }
/// }
/// assert!(half(3).is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The NumPy exception class that raises for the same problem (`ValueError`, `IndexError`,
    /// `AxisError`, `TypeError`, `OverflowError`, `TooHardError`, `OSError`), for code ported from
    /// Python that dispatches on it.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[3], DType::INT8, Order::C).unwrap();
    /// assert_eq!(a.index("7").unwrap_err().numpy_class(), "IndexError");
    /// assert_eq!(a.transpose(Some(&[0, 1])).unwrap_err().numpy_class(), "ValueError");
    /// assert_eq!(a.swapaxes(0, 4).unwrap_err().numpy_class(), "AxisError");
    /// ```
    pub fn numpy_class(&self) -> &'static str {
        match self {
            Error::IndexOutOfBounds { .. } | Error::TooManyIndices { .. } | Error::BadIndex(_) => "IndexError",
            Error::AxisOutOfBounds { .. } => "AxisError",
            Error::Cast { .. } | Error::Type(_) => "TypeError",
            Error::OutOfRange(_) | Error::Overflow(_) => "OverflowError",
            Error::TooHard => "TooHardError",
            Error::Io { .. } => "OSError",
            Error::UFuncType(_) => "UFuncTypeError",
            Error::FloatingPoint(_) => "FloatingPointError",
            Error::UnicodeEncode(_) => "UnicodeEncodeError",
            Error::UnicodeDecode(_) => "UnicodeDecodeError",
            Error::Runtime(_) => "RuntimeError",
            Error::Broadcast { .. }
            | Error::BroadcastTo { .. }
            | Error::Value(_)
            | Error::Reshape { .. }
            | Error::ReshapeCopyNeeded
            | Error::CopyNeeded(_)
            | Error::NotWriteable
            | Error::CannotSetWriteable
            | Error::BadDType(_)
            | Error::OutOfStorage(_)
            | Error::TooManyDims(_)
            | Error::Format { .. } => "ValueError",
        }
    }
}

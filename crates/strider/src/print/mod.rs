//! Printing exactly as NumPy's `str` and `repr`.
//!
//! Owns: `impl Display for NdArray` (NumPy's `str(a)`), `impl Debug for NdArray` (NumPy's
//! `repr(a)`), the `str`/`repr` of [`Scalar`](crate::Scalar), and NumPy's print options. Output
//! matches NumPy 2.4 byte for byte for every numeric dtype and byte order, any number of
//! dimensions, empty and summarised arrays, and the options listed in [`options`].
//!
//! ```
//! use strider::{NdArray, DType, Order};
//! let a = NdArray::from_vec(vec![1.0f64, 2.5, f64::NAN, -0.0], &[2, 2], Order::C).unwrap();
//! assert_eq!(format!("{a:?}"), "array([[ 1. ,  2.5],\n       [ nan, -0. ]])");
//! assert_eq!(format!("{a}"), "[[ 1.   2.5]\n [ nan -0. ]]");
//! let b = NdArray::arange(0.0, 1001.0, 1.0, DType::INT32).unwrap();
//! assert_eq!(format!("{b:?}"), "array([   0,    1,    2, ...,  998,  999, 1000],\n      shape=(1001,), dtype=int32)");
//! ```
//!
//! | NumPy | Strider |
//! |---|---|
//! | `repr(a)` | `format!("{a:?}")`, [`array_repr`]`(&a, &opts)` |
//! | `str(a)` | `a.to_string()`, [`array_str`]`(&a, &opts)` |
//! | `np.array2string(a, separator=, prefix=, suffix=)` | [`array2string`]`(&a, &opts, sep, prefix, suffix)` |
//! | `np.set_printoptions(...)` / `np.get_printoptions()` | [`set_printoptions`] / [`get_printoptions`] |
//! | `with np.printoptions(...):` | [`with_printoptions`]`(opts, \|\| ...)` |
//! | `repr(np.float64(1.5))` → `np.float64(1.5)` | `Scalar::F64(1.5).repr()` |
//! | `str(np.float64(1.5))` → `1.5` | `Scalar::F64(1.5).to_string()` |
//!
//! Files by concern: `options` (the options and where they come from), `float` (decimal digits
//! of binary floats), `element` (per-dtype element formatters), `layout` (brackets, wrapping,
//! summarisation, the `repr` wrapper), `scalar` (scalar `str`/`repr`).

mod element;
mod float;
mod item;
mod layout;
pub mod options;
pub(crate) mod records;
mod scalar;

pub use layout::{array2string, array_repr, array_str};
pub use options::{get_printoptions, set_printoptions, with_printoptions, FloatMode, PrintOptions, Sign};

use crate::NdArray;
use std::fmt;

impl fmt::Display for NdArray {
    /// NumPy's `str(a)`, with the options in force ([`get_printoptions`]).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![true, false], &[2], Order::C).unwrap();
    /// assert_eq!(a.to_string(), "[ True False]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&array_str(self, &get_printoptions()))
    }
}

impl fmt::Debug for NdArray {
    /// NumPy's `repr(a)`, with the options in force ([`get_printoptions`]).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![0.1f32], &[1], Order::C).unwrap();
    /// assert_eq!(format!("{a:?}"), "array([0.1], dtype=float32)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&array_repr(self, &get_printoptions()))
    }
}

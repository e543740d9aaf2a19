//! # Strider: NumPy's ndarray, rebuilt in Rust
//!
//! An array is a block of bytes plus a recipe for reading it: a [`DType`], a shape, byte strides
//! and a byte offset. A *view* changes the recipe and moves no bytes; a *copy* moves bytes.
//! Strider implements that model with NumPy 2.x's exact semantics: the same strides, flags,
//! view-or-copy decisions, error messages and printed output.
//!
//! ```
//! use strider::{NdArray, DType, Order};
//! let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3, 4]).unwrap();
//! assert_eq!(a.strides(), &[96, 32, 8]);
//! let v = a.index("::-1, 1").unwrap();          // a view: same storage, new recipe
//! assert_eq!(v.strides(), &[-96, 8]);
//! assert!(v.shares_memory(&a, None).unwrap());
//! let c = v.copy(strider::Order::C).unwrap();   // a copy: new bytes
//! assert!(!c.shares_memory(&a, None).unwrap());
//! assert!(c.flags().owndata && c.flags().c_contiguous);
//! ```
//!
//! Modules, named after the concepts a NumPy user knows:
//! - [`dtype`]: what the bytes of an element mean.
//! - [`storage`]: who owns the bytes, and the locking that keeps shared writes sound.
//! - [`layout`]: shapes, strides, flags, reshape and overlap as pure integer math.
//! - [`index`]: NumPy's index syntax.
//! - [`iter`]: the one iteration engine behind every copy and element-wise operation.
//! - [`mod@print`]: NumPy's `str` and `repr`.
//! - [`io::npy`]: the `.npy` format.
//! - [`accounting`]: counters of bytes allocated and copied, and no-copy scopes.

pub mod accounting;
pub mod array;
pub mod datetime;
pub mod dtype;
mod error;
pub mod explain;
pub mod grow;
pub mod index;
pub mod io;
pub mod iter;
pub mod layout;
pub mod linalg;
pub mod numpy_users;
pub mod print;
pub mod records;
pub mod reduce;
mod scalar;
pub mod sort;
pub mod storage;
pub mod ufunc;

pub use array::{broadcast_arrays, Flags, NdArray, ReshapeCopy};
#[doc(hidden)]
pub use bytemuck;
pub use dtype::cast::{can_cast, Casting};
pub use dtype::{ByteOrder, DType, DTypeKind, Element, Item, Kind, NumType};
pub use error::{Error, Result, ShapeDisplay};
pub use grow::GrowableArray;
pub use index::{FancyIndex, TakeMode};
pub use layout::Order;
pub use reduce::{Accumulation, ArgReduction, ReduceOptions, Reduction};
pub use scalar::Scalar;
pub use storage::Storage;

/// The README's code, compiled and run as a doctest so the front page stays true.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

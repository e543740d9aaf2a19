//! # Strider for NumPy users
//!
//! A documentation-only module: how NumPy's ndarray concepts and calls map onto Strider.
//!
//! ## The model is the same
//!
//! | NumPy | Strider | notes |
//! |---|---|---|
//! | `a.dtype`, `a.dtype.str`, `a.dtype.name` | [`a.dtype()`](crate::NdArray::dtype), [`DType::str`](crate::DType::str), [`DType::name`](crate::DType::name) | `"<f8".parse::<DType>()` parses protocol strings, codes and names |
//! | `a.shape`, `a.strides`, `a.ndim`, `a.size`, `a.itemsize`, `a.nbytes` | same names, as methods | strides are **bytes**, `isize`, negative and zero allowed |
//! | `a.__array_interface__['data'][0]` | [`a.data_address()`](crate::NdArray::data_address) | storage address + byte offset |
//! | `a.flags.c_contiguous`, `.f_contiguous`, `.owndata`, `.writeable`, `.aligned` | [`a.flags()`](crate::NdArray::flags) | computed by NumPy's rules (relaxed strides) |
//! | `a.flags.writeable = False` | [`a.set_writeable(false)`](crate::NdArray::set_writeable) | setting `true` follows NumPy's base rule |
//! | `a.base` | [`a.base()`](crate::NdArray::base) | collapsed to the data owner, as NumPy does |
//! | `b = a` (same object) | `let b = a.clone()` | cloning a handle is neither a view nor a copy |
//!
//! ## Creating arrays
//!
//! | NumPy | Strider |
//! |---|---|
//! | `np.zeros((2, 3), dtype=np.int32, order='F')` | `NdArray::zeros(&[2, 3], DType::INT32, Order::F)` |
//! | `np.ones`, `np.empty`, `np.full(shape, v)` | [`ones`](crate::NdArray::ones), [`empty`](crate::NdArray::empty) (contents unspecified), [`full`](crate::NdArray::full) |
//! | `np.arange(0, 10, 2)` | `NdArray::arange(0.0, 10.0, 2.0, DType::INT64)` |
//! | `np.linspace(0, 1, 5)` | `NdArray::linspace(0.0, 1.0, 5, true, DType::FLOAT64)` |
//! | `np.eye(3, k=1)`, `np.identity(3)` | [`eye`](crate::NdArray::eye), [`identity`](crate::NdArray::identity) |
//! | `np.zeros_like(a)` (order K) | `NdArray::zeros_like(&a, None, Order::K, None)` |
//! | `np.array([[1, 2], [3, 4]])` | `NdArray::from_vec(vec![1i64, 2, 3, 4], &[2, 2], Order::C)` (no copy of the `Vec`) |
//! | `np.ndarray(shape, dtype, buffer, offset, strides)` | [`NdArray::from_raw_parts`](crate::NdArray::from_raw_parts) (bounds-checked) |
//!
//! ## Views (no bytes move)
//!
//! | NumPy | Strider |
//! |---|---|
//! | `a[1:, ::-1, None, ..., 0]` | `a.index("1:, ::-1, None, ..., 0")` — NumPy's syntax, copy-pasted |
//! | `a.reshape(3, -1)` / `order='F'` / `copy=False` | `a.reshape(&[3, -1])` / [`reshape_with`](crate::NdArray::reshape_with) |
//! | `a.ravel()`, `a.T`, `a.transpose(axes)`, `a.swapaxes(0, 1)` | [`ravel`](crate::NdArray::ravel), [`t`](crate::NdArray::t), [`transpose`](crate::NdArray::transpose), [`swapaxes`](crate::NdArray::swapaxes) |
//! | `np.moveaxis`, `np.squeeze`, `np.expand_dims`, `np.flip` | methods of the same names |
//! | `np.broadcast_to(a, shape)`, `np.broadcast_arrays(a, b)` | [`broadcast_to`](crate::NdArray::broadcast_to), [`broadcast_arrays`](crate::broadcast_arrays) |
//! | `as_strided(a, shape, strides)` | [`as_strided`](crate::NdArray::as_strided): **rejects** layouts that leave the storage |
//! | `sliding_window_view(a, w)` | [`sliding_window_view`](crate::NdArray::sliding_window_view) |
//! | `a.diagonal()`, `a.real`, `a.imag`, `a.view(np.int32)` | [`diagonal`](crate::NdArray::diagonal), [`real`](crate::NdArray::real), [`imag`](crate::NdArray::imag), [`view_as`](crate::NdArray::view_as) |
//!
//! ## Copies (bytes move)
//!
//! | NumPy | Strider |
//! |---|---|
//! | `a.copy()`, `np.copy(a)` (K) | `a.copy(Order::C)`, `a.copy(Order::K)` |
//! | `a.flatten()`, `np.ascontiguousarray(a)`, `np.asfortranarray(a)` | [`flatten`](crate::NdArray::flatten), [`ascontiguousarray`](crate::NdArray::ascontiguousarray), [`asfortranarray`](crate::NdArray::asfortranarray) |
//! | `a.astype(np.float32, casting='safe')` | `a.astype(&DType::FLOAT32, Casting::Safe)` |
//! | `np.can_cast(a, b, 'same_kind')` | [`can_cast`](crate::can_cast) |
//! | `a.fill(0)`, `a[i, j]`, `a[i, j] = v`, `a.tolist()`, `a.tobytes()` | [`fill`](crate::NdArray::fill), [`get`](crate::NdArray::get), [`set`](crate::NdArray::set), [`to_vec`](crate::NdArray::to_vec), [`to_bytes`](crate::NdArray::to_bytes) |
//! | `a[...] = b` | [`a.assign(&b)`](crate::NdArray::assign) (broadcasts, overlap-safe) |
//!
//! ## Telling views from copies
//!
//! | NumPy | Strider |
//! |---|---|
//! | `np.shares_memory(a, b)` (exact) | `a.shares_memory(&b, None)` |
//! | `np.may_share_memory(a, b)` (bounds) | `a.may_share_memory(&b, None)` |
//! | — | [`accounting::counters`](crate::accounting::counters): bytes allocated and copied |
//! | — | [`accounting::no_copy`](crate::accounting::no_copy): make copies an error in a scope |
//!
//! ## Files
//!
//! | NumPy | Strider |
//! |---|---|
//! | `np.load("a.npy")`, `np.save("a.npy", a)` | [`io::npy::read`](crate::io::npy::read), [`io::npy::write`](crate::io::npy::write) (atomic, byte-identical) |
//! | `np.load("a.npy", mmap_mode="r")` (`"r+"`, `"c"`) | [`io::npy::open_memmap`](crate::io::npy::open_memmap) with a [`MapMode`](crate::storage::MapMode) |
//! | `np.lib.format.open_memmap(p, mode="w+", ...)` | [`io::npy::create_memmap`](crate::io::npy::create_memmap) |
//! | `np.memmap(p, dtype, mode, offset, shape, order)` | [`io::npy::memmap_raw`](crate::io::npy::memmap_raw) |
//! | `np.load("a.npz")["x"]`, `npz.files` | [`io::npz::NpzFile`](crate::io::npz::NpzFile) `get`, `names` |
//! | `np.savez(p, x=a)`, `np.savez_compressed` | [`io::npz::write`](crate::io::npz::write) (stored or deflated) |
//! | `a.tofile(p, sep)`, `np.fromfile(p, dtype, count, sep, offset)` | [`io::raw::tofile`](crate::io::raw::tofile), [`io::raw::fromfile`](crate::io::raw::fromfile) |
//! | `np.savetxt`, `np.loadtxt` | [`io::text::savetxt`](crate::io::text::savetxt), [`io::text::loadtxt`](crate::io::text::loadtxt) |
//!
//! ## Printing
//!
//! `format!("{a:?}")` is NumPy's `repr(a)`, `format!("{a}")` is `str(a)`, with NumPy's print options.
//!
//! ## Differences on purpose
//!
//! - `empty` never returns uninitialised memory (reading that is undefined behaviour in Rust): its
//!   bytes are zeros or a freed Strider array's, where NumPy's are whatever the allocator had.
//! - `as_strided` checks bounds; NumPy's lets you read outside the buffer.
//! - Writes through views from several threads are serialised per storage (see [`storage`](crate::storage)),
//!   so they are never data races.
//!
//! ```
//! use strider::{DType, NdArray, Order};
//! let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64)?.reshape(&[2, 3])?;
//! let v = a.index("::-1")?;                       // a view
//! assert_eq!((v.strides(), v.offset()), (&[-24, 8][..], 24));
//! let c = v.copy(Order::K)?;                      // a copy, positive strides
//! assert_eq!(c.strides(), &[24, 8]);
//! assert!(v.shares_memory(&a, None)? && !c.shares_memory(&a, None)?);
//! # Ok::<(), strider::Error>(())
//! ```

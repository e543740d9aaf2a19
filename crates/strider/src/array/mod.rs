//! The array: a storage, a dtype and a layout (shape, byte strides, byte offset).
//!
//! Owns: [`NdArray`], its [`Flags`], `base` with NumPy's base collapsing, and the one internal
//! constructor of views (`NdArray::derive_view`) that every view operation goes through, so
//! flags and bounds are computed in one place. Methods are split by concern: `constructors`
//! (new arrays), `views` (new layouts over the same storage), `copies` (new storage), `access`
//! (elements in and out).

mod constructors;
mod copies;
mod fancy;
mod join;
mod memory;
mod views;

pub use join::JoinOptions;
pub use views::{broadcast_arrays, ReshapeCopy};

use crate::dtype::DType;
use crate::layout::{self, Order};
use crate::storage::Storage;
use crate::{Error, Result};
use std::sync::{Arc, OnceLock};

/// NumPy's array flags (`arr.flags`), computed when the array header is made.
///
/// ```
/// use strider::{DType, NdArray, Order};
/// let f = NdArray::zeros(&[1, 5], DType::INT16, Order::C).unwrap().flags();
/// assert!(f.c_contiguous && f.f_contiguous && f.owndata && f.writeable && f.aligned);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flags {
    /// Row-major dense (NumPy's relaxed rule: length-1 axes ignored, empty arrays count).
    pub c_contiguous: bool,
    /// Column-major dense.
    pub f_contiguous: bool,
    /// This array allocated its storage (not a view, not foreign memory).
    pub owndata: bool,
    /// Writes allowed.
    pub writeable: bool,
    /// Data address and strides are multiples of the dtype's alignment.
    pub aligned: bool,
}

/// An n-dimensional array: NumPy's `ndarray`.
///
/// An `NdArray` is a handle: a shared [`Storage`] plus a recipe for reading it. Views share the
/// storage; copies get their own. Cloning the handle is like Python's `b = a`: the same array, not
/// a view and not a copy (use [`NdArray::view`] or [`NdArray::copy`] for those).
///
/// ```
/// use strider::{NdArray, DType};
/// let a = NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap();
/// assert_eq!(a.shape(), &[3, 4]);
/// assert_eq!(a.strides(), &[32, 8]);
/// assert!(a.flags().c_contiguous && !a.flags().owndata);
/// let t = a.transpose(None).unwrap();
/// assert_eq!(t.strides(), &[8, 32]);
/// assert!(t.flags().f_contiguous);
/// ```
#[derive(Clone)]
pub struct NdArray {
    storage: Storage,
    dtype: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
    flags: Flags,
    base: Option<Arc<NdArray>>,
    /// This header as the base of its views, made by the first view: views of an owning array
    /// then share one base instead of each cloning the header (a view costs a few hundred
    /// nanoseconds, of which that clone was a third). Emptied whenever the header changes.
    as_base: OnceLock<Arc<NdArray>>,
}

impl NdArray {
    #[allow(clippy::too_many_arguments)] // private: the one place every header is assembled
    /// Builds a header after checking that the layout stays inside the storage.
    fn make(
        storage: Storage,
        dtype: DType,
        shape: Vec<usize>,
        strides: Vec<isize>,
        offset: usize,
        owndata: bool,
        writeable: bool,
        base: Option<Arc<NdArray>>,
    ) -> Result<NdArray> {
        if shape.len() > layout::MAX_DIMS {
            return Err(Error::TooManyDims(shape.len()));
        }
        if shape.len() != strides.len() {
            return Err(Error::Value(format!(
                "shape {} and strides {} have different lengths",
                layout::shape_str(&shape),
                layout::strides_str(&strides)
            )));
        }
        layout::checked_size(&shape)?;
        layout::check_in_bounds(&shape, &strides, dtype.itemsize(), offset, storage.len())?;
        let itemsize = dtype.itemsize();
        let flags = Flags {
            c_contiguous: layout::is_c_contiguous(&shape, &strides, itemsize),
            f_contiguous: layout::is_f_contiguous(&shape, &strides, itemsize),
            owndata,
            writeable: writeable && storage.is_mutable(),
            aligned: layout::is_aligned(storage.address().wrapping_add(offset), &shape, &strides, dtype.alignment()),
        };
        Ok(NdArray { storage, dtype, shape, strides, offset, flags, base, as_base: OnceLock::new() })
    }

    /// A new array that owns fresh zeroed storage with the given strides (which must fit in
    /// `nbytes`).
    pub(crate) fn alloc_with_strides(dtype: DType, shape: Vec<usize>, strides: Vec<isize>) -> Result<NdArray> {
        NdArray::alloc_laid_out(dtype, shape, strides, Storage::zeroed)
    }

    /// As [`NdArray::alloc_with_strides`], for a caller that writes every element before the
    /// array is seen: a large block may hold a freed array's old bytes ([`Storage::for_overwrite`]).
    pub(crate) fn alloc_for_overwrite(dtype: DType, shape: Vec<usize>, strides: Vec<isize>) -> Result<NdArray> {
        NdArray::alloc_laid_out(dtype, shape, strides, Storage::for_overwrite)
    }

    fn alloc_laid_out(
        dtype: DType,
        shape: Vec<usize>,
        strides: Vec<isize>,
        storage: fn(usize) -> Result<Storage>,
    ) -> Result<NdArray> {
        let n = layout::checked_size(&shape)?;
        let nbytes = n.checked_mul(dtype.itemsize()).ok_or_else(|| Error::Value("array is too big".into()))?;
        // Strides may be any permutation of a dense layout: offset is where element 0 lands.
        let offset = match layout::byte_extent(&shape, &strides, dtype.itemsize())? {
            Some((low, _)) => (-low) as usize,
            None => 0,
        };
        NdArray::make(storage(nbytes)?, dtype, shape, strides, offset, true, true, None)
    }

    /// A new owning, zero-filled array in C or F order (A and K mean C).
    pub(crate) fn alloc(dtype: DType, shape: &[usize], order: Order) -> Result<NdArray> {
        let strides = layout::alloc_strides(shape, dtype.itemsize(), order);
        NdArray::alloc_with_strides(dtype, shape.to_vec(), strides)
    }

    /// A new view of this array's storage with another dtype/shape/strides/offset.
    ///
    /// Bounds are checked; flags are recomputed; WRITEABLE is inherited (and may be cleared with
    /// `writeable = false`); `base` collapses to the data owner as in NumPy.
    pub(crate) fn derive_view(
        &self,
        dtype: DType,
        shape: Vec<usize>,
        strides: Vec<isize>,
        offset: usize,
        writeable: bool,
    ) -> Result<NdArray> {
        let base = self.collapsed_base_for_view();
        NdArray::make(
            self.storage.clone(),
            dtype,
            shape,
            strides,
            offset,
            false,
            writeable && self.flags.writeable,
            Some(base),
        )
    }

    /// NumPy's base collapsing: a view's base is the first array up the chain that owns its data
    /// or has no base.
    fn collapsed_base_for_view(&self) -> Arc<NdArray> {
        match &self.base {
            Some(b) if !self.flags.owndata => b.clone(),
            _ => self.as_base.get_or_init(|| Arc::new(self.clone())).clone(),
        }
    }

    /// Wraps an array that was built as a private copy as the base of a view of it (NumPy's
    /// reshape-that-copies returns such a view).
    pub(crate) fn into_view_of_self(self, shape: Vec<usize>, strides: Vec<isize>) -> Result<NdArray> {
        let dtype = self.dtype.clone();
        let offset = self.offset;
        self.derive_view(dtype, shape, strides, offset, true)
    }

    /// The array's dtype.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[2], DType::UINT8, Order::C).unwrap().dtype(), &DType::UINT8);
    /// ```
    pub fn dtype(&self) -> &DType {
        &self.dtype
    }

    /// The shape (NumPy's `shape`).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[2, 0], DType::UINT8, Order::C).unwrap().shape(), &[2, 0]);
    /// ```
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Byte strides (NumPy's `strides`); may be negative or zero.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[2, 3], DType::INT32, Order::C).unwrap().strides(), &[12, 4]);
    /// ```
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }

    /// Byte offset of element `[0, ..., 0]` from the start of the storage.
    ///
    /// ```
    /// use strider::{DType, NdArray, Storage};
    /// let a = NdArray::from_raw_parts(Storage::zeroed(16).unwrap(), DType::INT32, &[2], &[-4], 12).unwrap();
    /// assert_eq!(a.offset(), 12);
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Number of dimensions.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[], DType::INT8, Order::C).unwrap().ndim(), 0);
    /// ```
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[2, 3], DType::INT8, Order::C).unwrap().size(), 6);
    /// ```
    pub fn size(&self) -> usize {
        layout::size(&self.shape)
    }

    /// Bytes per element.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[1], DType::COMPLEX64, Order::C).unwrap().itemsize(), 8);
    /// ```
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    /// `size * itemsize` (NumPy's `nbytes`: the logical size, not the storage's).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[2, 3], DType::INT16, Order::C).unwrap().nbytes(), 12);
    /// ```
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }

    /// The flags.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert!(NdArray::zeros(&[2, 3], DType::INT16, Order::F).unwrap().flags().f_contiguous);
    /// ```
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// The address of element `[0, ..., 0]` (NumPy's `__array_interface__['data'][0]`).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[4], DType::INT8, Order::C).unwrap();
    /// assert_eq!(a.data_address(), a.storage().address() + a.offset());
    /// ```
    pub fn data_address(&self) -> usize {
        self.storage.address().wrapping_add(self.offset)
    }

    /// The storage this array reads.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[4], DType::INT8, Order::C).unwrap().storage().len(), 4);
    /// ```
    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    /// The array whose memory this one views (NumPy's `.base` after base collapsing), or `None`
    /// for an array that owns its data or wraps foreign memory directly.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[4], DType::INT8, Order::C).unwrap();
    /// assert!(a.base().is_none());
    /// let v = a.index("1:").unwrap().index("1:").unwrap();
    /// assert!(v.base().unwrap().flags().owndata); // collapsed to the owner, as in NumPy
    /// ```
    pub fn base(&self) -> Option<&NdArray> {
        self.base.as_deref()
    }

    /// Whether this array and `other` are headers over the same storage (not whether they overlap:
    /// see [`NdArray::shares_memory`]).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[4], DType::INT8, Order::C).unwrap();
    /// assert!(a.same_storage(&a.index("::2").unwrap()));
    /// ```
    pub fn same_storage(&self, other: &NdArray) -> bool {
        self.storage.same_as(&other.storage)
    }

    /// Sets or clears WRITEABLE. Clearing always works; setting works only when the memory may be
    /// written and the array owns it, wraps it directly, or its base is writeable (NumPy's rule).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let mut a = NdArray::zeros(&[3], DType::FLOAT64, Order::C).unwrap();
    /// a.set_writeable(false).unwrap();
    /// assert!(a.fill(1.0).is_err());
    /// a.set_writeable(true).unwrap();
    /// assert!(a.fill(1.0).is_ok());
    /// ```
    pub fn set_writeable(&mut self, writeable: bool) -> Result<()> {
        if writeable {
            let ok = self.storage.is_mutable()
                && (self.flags.owndata || self.base.as_ref().is_none_or(|b| b.flags.writeable));
            if !ok {
                return Err(Error::CannotSetWriteable);
            }
        }
        self.flags.writeable = writeable;
        self.as_base = OnceLock::new();
        Ok(())
    }

    /// Writes changes of a memory-mapped array to its file (NumPy's `memmap.flush`); does nothing
    /// for other arrays.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert!(NdArray::zeros(&[2], DType::INT8, Order::C).unwrap().flush().is_ok());
    /// ```
    pub fn flush(&self) -> Result<()> {
        self.storage.flush()
    }

    /// Clears ALIGNED, or sets it if the layout really is aligned (NumPy's `setflags(align=)`).
    ///
    /// ```
    /// use strider::{DType, NdArray, Storage};
    /// let mut a = NdArray::from_raw_parts(Storage::zeroed(16).unwrap(), DType::INT32, &[2], &[4], 1).unwrap();
    /// assert!(!a.flags().aligned);
    /// assert!(a.set_aligned(true).is_err());
    /// a.set_aligned(false).unwrap();
    /// ```
    pub fn set_aligned(&mut self, aligned: bool) -> Result<()> {
        if aligned && !layout::is_aligned(self.data_address(), &self.shape, &self.strides, self.dtype.alignment()) {
            return Err(Error::Value("cannot set aligned flag of mis-aligned array to True".into()));
        }
        self.flags.aligned = aligned;
        self.as_base = OnceLock::new();
        Ok(())
    }

    /// Fails with [`Error::NotWriteable`] unless writes are allowed.
    pub(crate) fn check_writeable(&self) -> Result<()> {
        if self.flags.writeable {
            Ok(())
        } else {
            Err(Error::NotWriteable)
        }
    }
}

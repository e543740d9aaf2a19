//! Views: new layouts over the same storage. Nothing here copies element data, except where NumPy
//! also copies (a reshape that cannot be a view returns a view of a private copy, as NumPy does;
//! `ravel` falls back to `flatten`; `imag` of a real array is a new zero array).
//!
//! Every view is made by `NdArray::derive_view`, which checks bounds, recomputes the flags and
//! collapses `base`; this module only computes shapes, strides and offsets.

use super::NdArray;
use crate::dtype::DType;
use crate::index::{self, IndexItem};
use crate::layout::{self, reshape, Order};
use crate::{Error, Result};

/// NumPy 2's `copy=` argument of `reshape`.
///
/// ```
/// use strider::{DType, NdArray, Order, ReshapeCopy};
/// let a = NdArray::zeros(&[2, 3], DType::INT8, Order::C).unwrap();
/// let c = a.reshape_with(&[6], Order::C, ReshapeCopy::Always).unwrap();
/// assert!(!c.shares_memory(&a, None).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReshapeCopy {
    /// `copy=None`: a view when possible, else a copy.
    #[default]
    IfNeeded,
    /// `copy=True`: always copy.
    Always,
    /// `copy=False`: a view or an error.
    Never,
}

fn normalize_axes(axes: &[isize], ndim: usize, repeated: &str) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let ax = layout::normalize_axis(a, ndim)?;
        if out.contains(&ax) {
            return Err(Error::Value(repeated.to_string()));
        }
        out.push(ax);
    }
    Ok(out)
}

impl NdArray {
    /// A new view of the whole array (NumPy's `a[...]` or `a.view()`): same layout, new header.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[3], DType::INT8, Order::C).unwrap();
    /// let v = a.view();
    /// assert!(!v.flags().owndata && v.same_storage(&a));
    /// ```
    pub fn view(&self) -> NdArray {
        self.relayout(self.shape.clone(), self.strides.clone(), self.offset)
    }

    /// A view with a layout known to stay inside the storage (a permutation or subset of this
    /// array's own axes).
    fn relayout(&self, shape: Vec<usize>, strides: Vec<isize>, offset: usize) -> NdArray {
        match self.derive_view(self.dtype.clone(), shape, strides, offset, true) {
            Ok(v) => v,
            Err(e) => unreachable!("a rearrangement of an in-bounds layout is in bounds: {e}"),
        }
    }

    /// Basic indexing with NumPy's own syntax: `a.index("1:, ::-1, None, ..., 0")` is `a[1:, ::-1,
    /// None, ..., 0]`. Always a view (a full integer index gives a 0-d view).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let x = NdArray::arange(0.0, 10.0, 1.0, DType::INT64).unwrap();
    /// let v = x.index("8:2:-2").unwrap();
    /// assert_eq!((v.shape(), v.strides(), v.offset()), (&[3][..], &[-16][..], 64));
    /// assert_eq!(x.index("20").unwrap_err().to_string(), "index 20 is out of bounds for axis 0 with size 10");
    /// ```
    pub fn index(&self, index: &str) -> Result<NdArray> {
        self.slice(&index::parse(index)?)
    }

    /// Basic indexing with parsed items (see [`s!`](crate::s)).
    ///
    /// ```
    /// use strider::{s, DType, NdArray};
    /// use strider::index::NewAxis;
    /// let x = NdArray::arange(0.0, 12.0, 1.0, DType::INT32).unwrap().reshape(&[3, 4]).unwrap();
    /// let v = x.slice(&s![..;-1, NewAxis, 1]).unwrap();
    /// assert_eq!((v.shape(), v.strides()), (&[3, 1][..], &[-16, 0][..]));
    /// ```
    pub fn slice(&self, items: &[IndexItem]) -> Result<NdArray> {
        let consumed = items.iter().filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice { .. })).count();
        let ellipses = items.iter().filter(|i| matches!(i, IndexItem::Ellipsis)).count();
        if ellipses > 1 {
            return Err(Error::BadIndex("an index can only have a single ellipsis ('...')".into()));
        }
        if consumed > self.ndim() {
            return Err(Error::TooManyIndices { ndim: self.ndim(), given: consumed });
        }
        let fill = self.ndim() - consumed;
        let mut pos = self.offset as isize;
        let (mut shape, mut strides) = (Vec::new(), Vec::new());
        let mut ax = 0usize;
        let mut saw_ellipsis = false;
        for item in items.iter().copied().chain((ellipses == 0).then_some(IndexItem::Ellipsis)) {
            match item {
                IndexItem::Int(i) => {
                    let n = self.shape[ax];
                    let j = if i < 0 { i.checked_add(n as isize) } else { Some(i) };
                    match j {
                        Some(j) if j >= 0 && (j as usize) < n => pos += j * self.strides[ax],
                        _ => return Err(Error::IndexOutOfBounds { index: i as i64, axis: ax, size: n }),
                    }
                    ax += 1;
                }
                IndexItem::Slice { start, stop, step } => {
                    let (s0, st, n) = layout::slice_indices(start, stop, step, self.shape[ax])?;
                    pos += s0 * self.strides[ax];
                    shape.push(n);
                    // With at most one element the stride is never used (and a huge step can
                    // overflow it; NumPy keeps the wrapped product).
                    let stride = match self.strides[ax].checked_mul(st) {
                        Some(v) => v,
                        None if n <= 1 => self.strides[ax].wrapping_mul(st),
                        None => return Err(Error::Overflow("a slice's stride".into())),
                    };
                    strides.push(stride);
                    ax += 1;
                }
                IndexItem::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                IndexItem::Ellipsis => {
                    if saw_ellipsis {
                        continue;
                    }
                    saw_ellipsis = true;
                    shape.extend_from_slice(&self.shape[ax..ax + fill]);
                    strides.extend_from_slice(&self.strides[ax..ax + fill]);
                    ax += fill;
                }
            }
        }
        // An empty result reads no byte; its start may lie outside the storage (NumPy's pointer
        // can), so it keeps the parent's offset rather than a negative one.
        let offset = if shape.contains(&0) || pos < 0 { self.offset } else { pos as usize };
        self.derive_view(self.dtype.clone(), shape, strides, offset, true)
    }

    /// `reshape` in C order, copying only when NumPy would (then the result is a view of a private
    /// copy). One length may be `-1`.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap();
    /// let r = a.reshape(&[3, -1]).unwrap();
    /// assert_eq!((r.shape(), r.strides()), (&[3, 2][..], &[16, 8][..]));
    /// assert!(r.shares_memory(&a, None).unwrap());
    /// ```
    pub fn reshape(&self, shape: &[isize]) -> Result<NdArray> {
        self.reshape_with(shape, Order::C, ReshapeCopy::IfNeeded)
    }

    /// `reshape` with NumPy's `order` (C, F or A; K is an error) and NumPy 2's `copy=` choice.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order, ReshapeCopy};
    /// let t = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap().t();
    /// assert_eq!(t.reshape_with(&[6], Order::C, ReshapeCopy::Never).unwrap_err().to_string(),
    ///            "Unable to avoid creating a copy while reshaping.");
    /// let r = t.reshape_with(&[6], Order::F, ReshapeCopy::Never).unwrap();
    /// assert_eq!(r.strides(), &[8]);
    /// let c = t.reshape(&[6]).unwrap();          // copies: a view of a private copy
    /// assert!(!c.flags().owndata && c.base().unwrap().shape() == &[3, 2]);
    /// ```
    pub fn reshape_with(&self, shape: &[isize], order: Order, copy: ReshapeCopy) -> Result<NdArray> {
        let order = match order {
            Order::K => return Err(Error::Value("order 'K' is not permitted for reshaping".into())),
            Order::A if self.flags.f_contiguous && !self.flags.c_contiguous => Order::F,
            Order::A => Order::C,
            o => o,
        };
        if copy != ReshapeCopy::Always
            && shape.len() == self.ndim()
            && shape.iter().zip(&self.shape).all(|(&r, &n)| r >= 0 && r as usize == n)
        {
            return Ok(self.view());
        }
        if shape.len() > layout::MAX_DIMS {
            return Err(Error::TooManyDims(shape.len()));
        }
        let new_shape = reshape::resolve_shape(shape, self.size())?;
        let fresh = |s: &[usize]| layout::fill_strides(s, self.itemsize(), order);
        let contiguous = match order {
            Order::F => self.flags.f_contiguous,
            _ => self.flags.c_contiguous,
        };
        if copy == ReshapeCopy::Always {
            let c = self.copy(order)?;
            let strides = fresh(&new_shape);
            return c.into_view_of_self(new_shape, strides);
        }
        if !contiguous {
            if let Some(strides) =
                reshape::nocopy_strides(&self.shape, &self.strides, self.itemsize(), &new_shape, order)
            {
                return self.derive_view(self.dtype.clone(), new_shape, strides, self.offset, true);
            }
            if copy == ReshapeCopy::Never {
                return Err(Error::ReshapeCopyNeeded);
            }
            let c = self.copy(order)?;
            let strides = fresh(&new_shape);
            return c.into_view_of_self(new_shape, strides);
        }
        let strides = fresh(&new_shape);
        self.derive_view(self.dtype.clone(), new_shape, strides, self.offset, true)
    }

    /// A 1-d array of all elements in `order`: a view when NumPy's is one, else a copy
    /// (NumPy's `ravel`, including its K rules).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3, 4]).unwrap();
    /// let k = a.transpose(Some(&[1, 0, 2])).unwrap().ravel(Order::K).unwrap();
    /// assert!(k.shares_memory(&a, None).unwrap()); // dense in memory: a view
    /// let c = a.transpose(Some(&[1, 0, 2])).unwrap().ravel(Order::C).unwrap();
    /// assert!(!c.shares_memory(&a, None).unwrap());
    /// ```
    pub fn ravel(&self, order: Order) -> Result<NdArray> {
        let (c, f) = (self.flags.c_contiguous, self.flags.f_contiguous);
        let order = match order {
            Order::A if f && !c => Order::F,
            Order::A => Order::C,
            Order::K if c => Order::C,
            Order::K if f => Order::F,
            o => o,
        };
        match order {
            Order::C if c => return self.reshape_with(&[-1], Order::C, ReshapeCopy::IfNeeded),
            Order::F if f => return self.reshape_with(&[-1], Order::F, ReshapeCopy::IfNeeded),
            Order::K => {
                let perm = layout::sorted_stride_perm(&self.strides);
                let mut expected = self.itemsize() as isize;
                let dense = perm.iter().rev().all(|&ax| {
                    if self.shape[ax] == 1 {
                        return true;
                    }
                    let ok = self.strides[ax] == expected;
                    expected *= self.shape[ax] as isize;
                    ok
                });
                if dense {
                    return self.derive_view(
                        self.dtype.clone(),
                        vec![self.size()],
                        vec![self.itemsize() as isize],
                        self.offset,
                        true,
                    );
                }
            }
            _ => {}
        }
        self.flatten(order)
    }

    /// Permutes the axes (NumPy's `transpose`; `None` reverses them).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3, 4]).unwrap();
    /// assert_eq!(a.transpose(Some(&[2, 0, 1])).unwrap().strides(), &[8, 96, 32]);
    /// assert_eq!(a.transpose(Some(&[0, 0, 1])).unwrap_err().to_string(), "repeated axis in transpose");
    /// ```
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        let perm: Vec<usize> = match axes {
            None => (0..self.ndim()).rev().collect(),
            Some(ax) => {
                if ax.len() != self.ndim() {
                    return Err(Error::Value("axes don't match array".into()));
                }
                normalize_axes(ax, self.ndim(), "repeated axis in transpose")?
            }
        };
        Ok(self.permuted(&perm))
    }

    fn permuted(&self, perm: &[usize]) -> NdArray {
        let shape = perm.iter().map(|&k| self.shape[k]).collect();
        let strides = perm.iter().map(|&k| self.strides[k]).collect();
        self.relayout(shape, strides, self.offset)
    }

    /// NumPy's `a.T`: the axes reversed.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(a.t().strides(), &[8, 24]);
    /// ```
    pub fn t(&self) -> NdArray {
        let perm: Vec<usize> = (0..self.ndim()).rev().collect();
        self.permuted(&perm)
    }

    /// NumPy's `a.mT`: the last two axes swapped.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[4, 2, 3], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(a.mt().unwrap().shape(), &[4, 3, 2]);
    /// assert!(NdArray::zeros(&[3], DType::FLOAT64, Order::C).unwrap().mt().is_err());
    /// ```
    pub fn mt(&self) -> Result<NdArray> {
        let n = self.ndim();
        if n < 2 {
            return Err(Error::Value("matrix transpose with ndim < 2 is undefined".into()));
        }
        let mut perm: Vec<usize> = (0..n).collect();
        perm.swap(n - 1, n - 2);
        Ok(self.permuted(&perm))
    }

    /// Exchanges two axes.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3, 4], DType::INT8, Order::C).unwrap();
    /// assert_eq!(a.swapaxes(0, -1).unwrap().shape(), &[4, 3, 2]);
    /// ```
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<NdArray> {
        let (a, b) = (layout::normalize_axis(a, self.ndim())?, layout::normalize_axis(b, self.ndim())?);
        let mut perm: Vec<usize> = (0..self.ndim()).collect();
        perm.swap(a, b);
        Ok(self.permuted(&perm))
    }

    /// Moves axes to new positions, the others keeping their order (NumPy's `moveaxis`).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3, 4]).unwrap();
    /// let m = a.moveaxis(&[0], &[-1]).unwrap();
    /// assert_eq!((m.shape(), m.strides()), (&[3, 4, 2][..], &[32, 8, 96][..]));
    /// ```
    pub fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<NdArray> {
        let src = normalize_axes(source, self.ndim(), "repeated axis in `source` argument")?;
        let dst = normalize_axes(destination, self.ndim(), "repeated axis in `destination` argument")?;
        if src.len() != dst.len() {
            return Err(Error::Value(
                "`source` and `destination` arguments must have the same number of elements".into(),
            ));
        }
        let mut order: Vec<usize> = (0..self.ndim()).filter(|k| !src.contains(k)).collect();
        let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
        pairs.sort();
        for (d, s) in pairs {
            order.insert(d, s);
        }
        Ok(self.permuted(&order))
    }

    /// Removes length-1 axes (all of them, or the given ones, which must have length 1). With
    /// nothing to remove it returns the same array, as NumPy does.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[1, 3, 1], DType::INT8, Order::C).unwrap();
    /// assert_eq!(a.squeeze(None).unwrap().shape(), &[3]);
    /// assert_eq!(a.squeeze(Some(&[-1])).unwrap().shape(), &[1, 3]);
    /// assert!(a.squeeze(Some(&[1])).is_err());
    /// ```
    pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        let drop: Vec<usize> = match axes {
            None => (0..self.ndim()).filter(|&k| self.shape[k] == 1).collect(),
            Some(ax) => {
                let ax = normalize_axes(ax, self.ndim(), "duplicate value in 'axis'")?;
                if ax.iter().any(|&k| self.shape[k] != 1) {
                    return Err(Error::Value(
                        "cannot select an axis to squeeze out which has size not equal to one".into(),
                    ));
                }
                ax
            }
        };
        if drop.is_empty() && axes.is_none() {
            return Ok(self.clone());
        }
        let keep: Vec<usize> = (0..self.ndim()).filter(|k| !drop.contains(k)).collect();
        Ok(self.relayout(
            keep.iter().map(|&k| self.shape[k]).collect(),
            keep.iter().map(|&k| self.strides[k]).collect(),
            self.offset,
        ))
    }

    /// Inserts length-1 axes at the given positions of the result (NumPy's `expand_dims`, which
    /// reshapes, so contiguous inputs get fresh strides).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::ones(&[3, 1], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(a.expand_dims(&[0]).unwrap().strides(), &[24, 8, 8]);
    /// ```
    pub fn expand_dims(&self, axes: &[isize]) -> Result<NdArray> {
        let out_ndim = self.ndim() + axes.len();
        let ax = normalize_axes(axes, out_ndim, "repeated axis")?;
        let mut rest = self.shape.iter();
        let shape: Vec<isize> =
            (0..out_ndim).map(|k| if ax.contains(&k) { 1 } else { *rest.next().unwrap_or(&1) as isize }).collect();
        self.reshape(&shape)
    }

    /// Reverses the order of elements along the given axes (all axes for `None`), as the slice
    /// `::-1` does.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap();
    /// let f = a.flip(Some(&[1])).unwrap();
    /// assert_eq!((f.strides(), f.offset()), (&[24, -8][..], 16));
    /// assert_eq!(f.to_vec::<i64>().unwrap(), vec![2, 1, 0, 5, 4, 3]);
    /// ```
    pub fn flip(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        let axes: Vec<usize> = match axes {
            None => (0..self.ndim()).collect(),
            Some(ax) => normalize_axes(ax, self.ndim(), "repeated axis")?,
        };
        let items: Vec<IndexItem> = (0..self.ndim())
            .map(|k| if axes.contains(&k) { IndexItem::stepped(.., -1) } else { IndexItem::FULL })
            .collect();
        self.slice(&items)
    }

    /// A read-only view broadcast to `shape` (new and length-1 axes get stride 0).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// let b = a.broadcast_to(&[4, 3]).unwrap();
    /// assert_eq!(b.strides(), &[0, 8]);
    /// assert!(!b.flags().writeable);
    /// ```
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<NdArray> {
        self.broadcast_view(shape, false)
    }

    fn broadcast_view(&self, shape: &[usize], writeable: bool) -> Result<NdArray> {
        if shape.is_empty() && self.ndim() > 0 {
            return Err(Error::Value("cannot broadcast a non-scalar to a scalar array".into()));
        }
        if shape.len() < self.ndim() {
            return Err(Error::Value("input operand has more dimensions than allowed by the axis remapping".into()));
        }
        let pad = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        // As in NumPy's iterator, every length-1 axis of the source gets stride 0, broadcast or not.
        for k in 0..self.ndim() {
            if self.shape[k] == 1 {
                continue;
            }
            if self.shape[k] != shape[pad + k] {
                return Err(Error::BroadcastTo { from: self.shape.clone(), to: shape.to_vec() });
            }
            strides[pad + k] = self.strides[k];
        }
        self.derive_view(self.dtype.clone(), shape.to_vec(), strides, self.offset, writeable)
    }

    /// A view with an explicit shape and byte strides from this array's first element, like
    /// NumPy's `as_strided`, but **safe**: a layout that could reach any byte outside the storage
    /// is an error instead of a wild read.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let x = NdArray::arange(0.0, 5.0, 1.0, DType::INT64).unwrap();
    /// let w = x.as_strided(&[3, 3], &[8, 8], false).unwrap();
    /// assert_eq!(w.to_vec::<i64>().unwrap(), vec![0, 1, 2, 1, 2, 3, 2, 3, 4]);
    /// assert!(x.as_strided(&[3, 3], &[8, 16], false).is_err()); // would read past the end
    /// ```
    pub fn as_strided(&self, shape: &[usize], strides: &[isize], writeable: bool) -> Result<NdArray> {
        if shape.len() != strides.len() {
            return Err(Error::Value(format!(
                "as_strided: shape {} and strides {} have different lengths",
                layout::shape_str(shape),
                layout::strides_str(strides)
            )));
        }
        self.derive_view(self.dtype.clone(), shape.to_vec(), strides.to_vec(), self.offset, writeable)
    }

    /// A view of this array's memory with any dtype and layout, placed `offset` bytes after this
    /// array's first element: NumPy's `np.ndarray(shape, dtype, buffer=a, offset=offset,
    /// strides=strides)`. Checked like [`NdArray::as_strided`]: the layout must stay inside the
    /// storage.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let buf = NdArray::zeros(&[16], DType::UINT8, Order::C).unwrap();
    /// let v = buf.view_raw(&DType::FLOAT64, &[1], &[8], 1).unwrap();
    /// assert!(!v.flags().aligned);               // one byte past an aligned start
    /// assert!(buf.view_raw(&DType::FLOAT64, &[2], &[8], 1).is_err());
    /// ```
    pub fn view_raw(&self, dtype: &DType, shape: &[usize], strides: &[isize], offset: usize) -> Result<NdArray> {
        if shape.len() != strides.len() {
            return Err(Error::Value(format!(
                "shape {} and strides {} have different lengths",
                layout::shape_str(shape),
                layout::strides_str(strides)
            )));
        }
        let off = self.offset.checked_add(offset).ok_or_else(|| Error::Value("offset too large".into()))?;
        self.derive_view(dtype.clone(), shape.to_vec(), strides.to_vec(), off, true)
    }

    /// Sliding windows over the given axes (all axes for `None`; axes may repeat), read-only unless
    /// `writeable` (NumPy's `sliding_window_view`).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let x = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap();
    /// let w = x.sliding_window_view(&[3], None, false).unwrap();
    /// assert_eq!((w.shape(), w.strides()), (&[4, 3][..], &[8, 8][..]));
    /// ```
    pub fn sliding_window_view(
        &self,
        window_shape: &[usize],
        axes: Option<&[isize]>,
        writeable: bool,
    ) -> Result<NdArray> {
        let axes: Vec<usize> = match axes {
            None => {
                if window_shape.len() != self.ndim() {
                    return Err(Error::Value(format!(
                        "Since axis is `None`, must provide window_shape for all dimensions of `x`; got {} window_shape elements and `x.ndim` is {}.",
                        window_shape.len(),
                        self.ndim()
                    )));
                }
                (0..self.ndim()).collect()
            }
            Some(ax) => {
                if ax.len() != window_shape.len() {
                    return Err(Error::Value(format!(
                        "Must provide matching length window_shape and axis; got {} window_shape elements and {} axes elements.",
                        window_shape.len(),
                        ax.len()
                    )));
                }
                ax.iter().map(|&a| layout::normalize_axis(a, self.ndim())).collect::<Result<_>>()?
            }
        };
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        for (&ax, &w) in axes.iter().zip(window_shape) {
            if shape[ax] < w {
                return Err(Error::Value("window shape cannot be larger than input array shape".into()));
            }
            shape[ax] = shape[ax] - w + 1;
        }
        shape.extend_from_slice(window_shape);
        strides.extend(axes.iter().map(|&ax| self.strides[ax]));
        self.derive_view(self.dtype.clone(), shape, strides, self.offset, writeable)
    }

    /// The `offset`-th diagonal of the planes spanned by `axis1` and `axis2`, as a read-only view
    /// whose last axis runs along the diagonal (NumPy's `diagonal`).
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let e = NdArray::identity(3, DType::FLOAT64).unwrap();
    /// let d = e.diagonal(0, 0, 1).unwrap();
    /// assert_eq!((d.strides(), d.to_vec::<f64>().unwrap()), (&[32][..], vec![1.0, 1.0, 1.0]));
    /// ```
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<NdArray> {
        if self.ndim() < 2 {
            return Err(Error::Value("diag requires an array of at least two dimensions".into()));
        }
        let a1 = layout::normalize_axis(axis1, self.ndim())?;
        let a2 = layout::normalize_axis(axis2, self.ndim())?;
        if a1 == a2 {
            return Err(Error::Value("axis1 and axis2 cannot be the same".into()));
        }
        let (n1, n2) = (self.shape[a1] as isize, self.shape[a2] as isize);
        let (mut pos, len) = if offset >= 0 {
            if offset >= n2 {
                (0, 0)
            } else {
                (offset * self.strides[a2], n1.min(n2 - offset))
            }
        } else if -offset >= n1 {
            (0, 0)
        } else {
            (-offset * self.strides[a1], (n1 + offset).min(n2))
        };
        if len == 0 {
            pos = 0;
        }
        let mut shape: Vec<usize> = Vec::new();
        let mut strides: Vec<isize> = Vec::new();
        for k in (0..self.ndim()).filter(|&k| k != a1 && k != a2) {
            shape.push(self.shape[k]);
            strides.push(self.strides[k]);
        }
        shape.push(len.max(0) as usize);
        strides.push(self.strides[a1] + self.strides[a2]);
        let off = (self.offset as isize + pos) as usize;
        self.derive_view(self.dtype.clone(), shape, strides, off, false)
    }

    fn complex_part(&self, imag: bool) -> Option<Result<NdArray>> {
        let t = self.dtype.num_type()?;
        if t.kind() != crate::dtype::Kind::Complex {
            return None;
        }
        let part = DType::with_order(t.real_type(), self.dtype.byte_order());
        let off = self.offset + if imag { part.itemsize() } else { 0 };
        Some(self.derive_view(part, self.shape.clone(), self.strides.clone(), off, true))
    }

    /// The real part: a view for complex arrays (same strides), the array itself otherwise.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let c = NdArray::zeros(&[3], DType::COMPLEX128, Order::C).unwrap();
    /// let r = c.real().unwrap();
    /// assert_eq!((r.dtype(), r.strides()), (&DType::FLOAT64, &[16][..]));
    /// ```
    pub fn real(&self) -> Result<NdArray> {
        self.complex_part(false).unwrap_or_else(|| Ok(self.clone()))
    }

    /// The imaginary part: a view for complex arrays (at half the itemsize), a new read-only array
    /// of zeros for real arrays (as NumPy).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let c = NdArray::zeros(&[3], DType::COMPLEX64, Order::C).unwrap();
    /// assert_eq!(c.imag().unwrap().offset(), 4);
    /// let r = NdArray::ones(&[2], DType::INT32, Order::C).unwrap().imag().unwrap();
    /// assert!(!r.flags().writeable && !r.shares_memory(&c, None).unwrap());
    /// ```
    pub fn imag(&self) -> Result<NdArray> {
        if let Some(v) = self.complex_part(true) {
            return v;
        }
        let mut z = NdArray::zeros_like(self, None, Order::A, None)?;
        z.set_writeable(false)?;
        Ok(z)
    }

    /// Reinterprets the bytes as another dtype (NumPy's `a.view(dtype)`): same itemsize changes only
    /// the dtype; otherwise the last axis must be contiguous and is rescaled.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 4], DType::INT32, Order::C).unwrap();
    /// assert_eq!(a.view_as(&DType::INT64).unwrap().shape(), &[2, 2]);
    /// assert_eq!(a.view_as(&DType::INT8).unwrap().strides(), &[16, 1]);
    /// assert!(a.t().view_as(&DType::INT64).is_err());
    /// ```
    pub fn view_as(&self, dtype: &DType) -> Result<NdArray> {
        let (old, new) = (self.itemsize(), dtype.itemsize());
        if old == new {
            return self.derive_view(dtype.clone(), self.shape.clone(), self.strides.clone(), self.offset, true);
        }
        if self.ndim() == 0 {
            return Err(Error::Value(
                "Changing the dtype of a 0d array is only supported if the itemsize is unchanged".into(),
            ));
        }
        let last = self.ndim() - 1;
        if self.shape[last] != 1 && self.size() != 0 && self.strides[last] != old as isize {
            return Err(Error::Value(
                "To change to a dtype of a different size, the last axis must be contiguous".into(),
            ));
        }
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        if new < old {
            if old % new != 0 {
                return Err(Error::Value(
                    "When changing to a smaller dtype, its size must be a divisor of the size of original dtype".into(),
                ));
            }
            shape[last] *= old / new;
        } else {
            let bytes = shape[last] * old;
            if bytes % new != 0 {
                return Err(Error::Value(
                    "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.".into(),
                ));
            }
            shape[last] = bytes / new;
        }
        strides[last] = new as isize;
        self.derive_view(dtype.clone(), shape, strides, self.offset, true)
    }
}

/// Broadcasts arrays against each other. Arrays already of the common shape come back unchanged
/// (the same array); the others are broadcast views that stay writeable, as in NumPy (which also
/// warns on the first write; Strider does not warn, and its writes are never data races).
///
/// ```
/// use strider::{broadcast_arrays, DType, NdArray, Order};
/// let a = NdArray::zeros(&[3, 1], DType::INT8, Order::C).unwrap();
/// let b = NdArray::zeros(&[4], DType::INT8, Order::C).unwrap();
/// let out = broadcast_arrays(&[&a, &b]).unwrap();
/// assert_eq!((out[0].shape(), out[0].strides()), (&[3, 4][..], &[1, 0][..]));
/// assert_eq!(out[1].strides(), &[0, 1]);
/// ```
pub fn broadcast_arrays(arrays: &[&NdArray]) -> Result<Vec<NdArray>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    arrays
        .iter()
        .map(|a| if a.shape() == shape.as_slice() { Ok((*a).clone()) } else { a.broadcast_view(&shape, true) })
        .collect()
}

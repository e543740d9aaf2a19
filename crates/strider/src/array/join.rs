//! Joining and splitting: `concatenate`, `stack`, `vstack`, `hstack`, `dstack`,
//! `column_stack`, `split`, `array_split`, `repeat`, `tile`, `append`; `insert` and `delete` are
//! in `join::edit`. NumPy's argument rules, error messages and result layouts.
//!
//! Joins allocate one result and fill it through `NdArray::assign` (or the gather kernels), so
//! the accounting counters see every copied byte; splits are views, as in NumPy.

use super::NdArray;
use crate::index::{IndexItem, Sections};
use crate::layout::{self, Order};
use crate::{Casting, DType, Error, Result, Storage};
use std::sync::OnceLock;

mod edit;

/// The promoted dtype of several arrays (NumPy's `result_type` of their dtypes: native byte
/// order, even when every input is byte-swapped).
pub(crate) fn common_dtype(arrays: &[&NdArray]) -> Result<DType> {
    let dts: Vec<&DType> = arrays.iter().map(|a| a.dtype()).collect();
    if let Some(d) = crate::dtype::promote_flexible(&dts) {
        return d;
    }
    crate::ufunc::result_type(&dts)
}

/// NumPy's `PyArray_CreateMultiSortedStridePerm`: axes ordered outermost first by |stride| over
/// all arrays (length-1 axes do not vote; on conflict C order wins).
pub(crate) fn multi_sorted_perm(arrays: &[&NdArray], ndim: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let ax0 = perm[i0];
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambig, mut swap) = (true, false);
            for a in arrays {
                if a.shape[ax0] != 1 && a.shape[ax1] != 1 {
                    if a.strides[ax0].unsigned_abs() <= a.strides[ax1].unsigned_abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.copy_within(ipos..i0, ipos + 1);
            perm[ipos] = ax0;
        }
    }
    perm
}

/// The keyword arguments of `concatenate` and `stack`: `out=`, `dtype=` and `casting=` (NumPy's
/// default `same_kind`), as a builder.
///
/// ```
/// use strider::array::JoinOptions;
/// use strider::{Casting, DType};
/// let o = JoinOptions::new().dtype(DType::FLOAT32).casting(Casting::Unsafe);
/// assert_eq!((o.get_dtype(), o.get_casting()), (Some(&DType::FLOAT32), Casting::Unsafe));
/// ```
#[derive(Clone, Debug)]
pub struct JoinOptions {
    out: Option<NdArray>,
    dtype: Option<DType>,
    casting: Casting,
}

impl Default for JoinOptions {
    fn default() -> Self {
        JoinOptions { out: None, dtype: None, casting: Casting::SameKind }
    }
}

impl JoinOptions {
    /// No `out`, the promoted dtype, `casting='same_kind'`.
    ///
    /// ```
    /// assert!(strider::array::JoinOptions::new().get_out().is_none());
    /// ```
    pub fn new() -> JoinOptions {
        JoinOptions::default()
    }

    /// Joins into `out` (NumPy's `out=`; it excludes `dtype`).
    ///
    /// ```
    /// use strider::{array::JoinOptions, DType, NdArray, Order};
    /// let out = NdArray::zeros(&[2], DType::INT8, Order::C).unwrap();
    /// assert!(JoinOptions::new().out(&out).get_out().is_some());
    /// ```
    pub fn out(mut self, out: &NdArray) -> JoinOptions {
        self.out = Some(out.clone());
        self
    }

    /// The result's dtype (NumPy's `dtype=`).
    ///
    /// ```
    /// use strider::{array::JoinOptions, DType};
    /// assert_eq!(JoinOptions::new().dtype(DType::INT8).get_dtype(), Some(&DType::INT8));
    /// ```
    pub fn dtype(mut self, dtype: DType) -> JoinOptions {
        self.dtype = Some(dtype);
        self
    }

    /// The rule every input's cast to the result's dtype must obey.
    ///
    /// ```
    /// use strider::{array::JoinOptions, Casting};
    /// assert_eq!(JoinOptions::new().casting(Casting::Safe).get_casting(), Casting::Safe);
    /// ```
    pub fn casting(mut self, casting: Casting) -> JoinOptions {
        self.casting = casting;
        self
    }

    /// The `out` array, if any.
    ///
    /// ```
    /// assert!(strider::array::JoinOptions::new().get_out().is_none());
    /// ```
    pub fn get_out(&self) -> Option<&NdArray> {
        self.out.as_ref()
    }

    /// The requested dtype, if any.
    ///
    /// ```
    /// assert!(strider::array::JoinOptions::new().get_dtype().is_none());
    /// ```
    pub fn get_dtype(&self) -> Option<&DType> {
        self.dtype.as_ref()
    }

    /// The casting rule.
    ///
    /// ```
    /// assert_eq!(strider::array::JoinOptions::new().get_casting(), strider::Casting::SameKind);
    /// ```
    pub fn get_casting(&self) -> Casting {
        self.casting
    }
}

/// NumPy's check, as each input is copied in, that it may be cast to the result's dtype.
fn check_join_cast(a: &NdArray, to: &DType, casting: Casting) -> Result<()> {
    if crate::can_cast(&a.dtype, to, casting) {
        return Ok(());
    }
    Err(Error::Cast {
        scalar: a.ndim() == 0,
        from: a.dtype.to_string(),
        to: to.to_string(),
        casting: casting.name().into(),
    })
}

fn along(axis: usize, start: usize, stop: usize) -> Vec<IndexItem> {
    let mut items = vec![IndexItem::FULL; axis];
    items.push(IndexItem::Slice { start: Some(start as isize), stop: Some(stop as isize), step: None });
    items
}

impl NdArray {
    /// An owning array over `buf`'s storage with `shape` in C order from `buf`'s offset, without
    /// copying (the storage may be larger than the array).
    pub(crate) fn owning_prefix(buf: &NdArray, shape: Vec<usize>) -> Result<NdArray> {
        NdArray::owning_c(buf.storage.clone(), buf.dtype.clone(), shape, buf.offset)
    }

    /// An owning C-ordered array of `shape` over `storage` from byte `offset` (bounds checked).
    pub(crate) fn owning_c(storage: Storage, dtype: DType, shape: Vec<usize>, offset: usize) -> Result<NdArray> {
        let strides = layout::alloc_strides(&shape, dtype.itemsize(), Order::C);
        NdArray::make(storage, dtype, shape, strides, offset, true, true, None)
    }

    /// Lengthens an owning C-ordered array along axis 0 to `rows` rows without copying, when
    /// nothing else shares its storage and the storage can grow in place
    /// ([`Storage::try_grow`]); the new rows are zero. Returns whether it grew.
    pub(crate) fn try_grow_rows(&mut self, rows: usize) -> bool {
        self.resize_rows_in_place(rows, Storage::try_grow)
    }

    /// Shortens an owning C-ordered array along axis 0 to `rows` rows, handing the storage's
    /// spare whole pages back to the kernel ([`Storage::try_shrink`]) when nothing else shares
    /// it. Returns whether it shrank; either way the first `rows` rows keep their bytes.
    pub(crate) fn try_trim_rows(&mut self, rows: usize) -> bool {
        rows <= self.shape.first().copied().unwrap_or(0) && self.resize_rows_in_place(rows, Storage::try_shrink)
    }

    /// Gives an owning C-ordered array `rows` rows over its own storage, resized to their bytes
    /// by `resize` (which returns whether it resized; on `false` nothing changed).
    fn resize_rows_in_place(&mut self, rows: usize, resize: fn(&mut Storage, usize) -> bool) -> bool {
        if self.offset != 0 || self.base.is_some() || !self.flags.c_contiguous || self.ndim() == 0 {
            return false;
        }
        // The cached base header of past views holds the storage too; live views keep their own.
        self.as_base = OnceLock::new();
        let mut shape = self.shape.clone();
        shape[0] = rows;
        let Some(bytes) = layout::checked_size(&shape).ok().and_then(|n| n.checked_mul(self.itemsize())) else {
            return false;
        };
        if bytes == 0 || !resize(&mut self.storage, bytes) {
            return false;
        }
        // A shortened storage no longer holds `self`'s old layout: replace it before anything reads.
        let strides = layout::alloc_strides(&shape, self.itemsize(), Order::C);
        match NdArray::make(self.storage.clone(), self.dtype.clone(), shape, strides, 0, true, true, None) {
            Ok(resized) => {
                *self = resized;
                true
            }
            Err(e) => unreachable!("a C-ordered layout of the resized storage's length fits it: {e}"),
        }
    }

    /// A fresh array with the given strides (all zero when it has no elements, as NumPy
    /// allocates).
    fn alloc_strided(dtype: DType, shape: Vec<usize>, strides: Vec<isize>) -> Result<NdArray> {
        let strides = if shape.contains(&0) { vec![0; shape.len()] } else { strides };
        NdArray::alloc_with_strides(dtype, shape, strides)
    }

    /// NumPy's `np.concatenate(arrays, axis)`: joins along an existing axis; `axis = None`
    /// flattens every array first (C order). Mixed dtypes promote; the result follows the
    /// inputs' common memory order (NumPy's multi-array stride sort), so joining F-ordered
    /// arrays gives an F-ordered result.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::INT32, Order::F).unwrap();
    /// let b = NdArray::ones(&[1, 3], DType::INT32, Order::F).unwrap();
    /// let c = NdArray::concatenate(&[&a, &b], Some(0)).unwrap();
    /// assert_eq!((c.shape(), c.strides()), (&[3, 3][..], &[4, 12][..]));
    /// let e = NdArray::concatenate(&[&a, &NdArray::zeros(&[2], DType::INT32, Order::C).unwrap()], Some(0));
    /// assert_eq!(e.unwrap_err().to_string(), "all the input arrays must have same number of dimensions, \
    ///     but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
    /// ```
    pub fn concatenate(arrays: &[&NdArray], axis: Option<isize>) -> Result<NdArray> {
        NdArray::concatenate_with(arrays, axis, &JoinOptions::new())
    }

    /// `np.concatenate(arrays, axis, out=, dtype=, casting=)`: as [`NdArray::concatenate`],
    /// into `out` (which must have the result's shape; a handle to it is returned) or into a new
    /// array of `dtype`; every input must cast to the result's dtype under `casting` (default
    /// same_kind).
    ///
    /// ```
    /// use strider::array::JoinOptions;
    /// use strider::{Casting, DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.5f64, 2.5], &[2], Order::C)?;
    /// let b = NdArray::from_vec(vec![3i32], &[1], Order::C)?;
    /// let e = NdArray::concatenate_with(&[&a, &b], Some(0), &JoinOptions::new().dtype(DType::INT64)).unwrap_err();
    /// assert_eq!(e.to_string(), "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'same_kind'");
    /// let o = JoinOptions::new().dtype(DType::INT64).casting(Casting::Unsafe);
    /// assert_eq!(NdArray::concatenate_with(&[&a, &b], Some(0), &o)?.to_vec::<i64>()?, vec![1, 2, 3]);
    /// let out = NdArray::zeros(&[3], DType::FLOAT32, Order::C)?;
    /// NdArray::concatenate_with(&[&a, &b], None, &JoinOptions::new().out(&out))?;
    /// assert_eq!(out.to_vec::<f32>()?, vec![1.5, 2.5, 3.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn concatenate_with(arrays: &[&NdArray], axis: Option<isize>, opts: &JoinOptions) -> Result<NdArray> {
        if opts.out.is_some() && opts.dtype.is_some() {
            return Err(Error::Type(
                "concatenate() only takes `out` or `dtype` as an argument, but both were provided.".into(),
            ));
        }
        if arrays.is_empty() {
            return Err(Error::Value("need at least one array to concatenate".into()));
        }
        let dtype = match (&opts.out, &opts.dtype) {
            (Some(o), _) => o.dtype.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => common_dtype(arrays)?,
        };
        let Some(axis) = axis else {
            let total: usize = arrays.iter().map(|a| a.size()).sum();
            let out = match &opts.out {
                Some(o) => {
                    if o.ndim() != 1 {
                        return Err(Error::Value("Output array must be 1D".into()));
                    }
                    if o.shape[0] != total {
                        return Err(Error::Value("Output array is the wrong size".into()));
                    }
                    o.check_writeable()?;
                    o.clone()
                }
                None => NdArray::alloc(dtype.clone(), &[total], Order::C)?,
            };
            let mut pos = 0;
            for a in arrays {
                check_join_cast(a, &dtype, opts.casting)?;
                let n = a.size();
                out.slice(&along(0, pos, pos + n))?.assign(&a.ravel(Order::C)?)?;
                pos += n;
            }
            return Ok(out);
        };
        let nd = arrays[0].ndim();
        if nd == 0 {
            return Err(Error::Value("zero-dimensional arrays cannot be concatenated".into()));
        }
        let ax = layout::normalize_axis(axis, nd)?;
        let mut shape = arrays[0].shape.clone();
        for (i, a) in arrays.iter().enumerate().skip(1) {
            if a.ndim() != nd {
                return Err(Error::Value(format!(
                    "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                    a.ndim()
                )));
            }
            for (d, (&mine, &first)) in a.shape.iter().zip(&shape).enumerate() {
                if d != ax && mine != first {
                    return Err(Error::Value(format!(
                        "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {first} and the array at index {i} has size {mine}"
                    )));
                }
            }
            shape[ax] += a.shape[ax];
        }
        let out = match &opts.out {
            Some(o) => {
                if o.ndim() != nd {
                    return Err(Error::Value("Output array has wrong dimensionality".into()));
                }
                if o.shape != shape {
                    return Err(Error::Value("Output array is the wrong shape".into()));
                }
                o.check_writeable()?;
                o.clone()
            }
            None => {
                let perm = multi_sorted_perm(arrays, nd);
                let mut strides = vec![0isize; nd];
                let mut s = dtype.itemsize() as isize;
                for &k in perm.iter().rev() {
                    strides[k] = s;
                    s *= shape[k] as isize;
                }
                // The parts below write every element, so a numeric result need not be zeroed first.
                if dtype.num_type().is_some() && !shape.contains(&0) {
                    NdArray::alloc_for_overwrite(dtype.clone(), shape, strides)?
                } else {
                    NdArray::alloc_strided(dtype.clone(), shape, strides)?
                }
            }
        };
        let mut pos = 0;
        for a in arrays {
            check_join_cast(a, &dtype, opts.casting)?;
            let n = a.shape[ax];
            out.slice(&along(ax, pos, pos + n))?.assign(a)?;
            pos += n;
        }
        Ok(out)
    }

    /// NumPy's `np.stack(arrays, axis)`: joins arrays of one shape along a new axis.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[3, 4], DType::INT64, Order::C).unwrap();
    /// let s = NdArray::stack(&[&a, &a], 1).unwrap();
    /// assert_eq!((s.shape(), s.strides()), (&[3, 2, 4][..], &[64, 32, 8][..]));
    /// ```
    pub fn stack(arrays: &[&NdArray], axis: isize) -> Result<NdArray> {
        NdArray::stack_with(arrays, axis, &JoinOptions::new())
    }

    /// `np.stack(arrays, axis, out=, dtype=, casting=)`: as [`NdArray::stack`], with
    /// [`NdArray::concatenate_with`]'s `out`, `dtype` and `casting`.
    ///
    /// ```
    /// use strider::array::JoinOptions;
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i32, 2], &[2], Order::C)?;
    /// let out = NdArray::zeros(&[2, 2], DType::FLOAT64, Order::F)?;
    /// NdArray::stack_with(&[&a, &a], 1, &JoinOptions::new().out(&out))?;
    /// assert_eq!(out.to_vec::<f64>()?, vec![1.0, 1.0, 2.0, 2.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn stack_with(arrays: &[&NdArray], axis: isize, opts: &JoinOptions) -> Result<NdArray> {
        if arrays.is_empty() {
            return Err(Error::Value("need at least one array to stack".into()));
        }
        if arrays.iter().any(|a| a.shape != arrays[0].shape) {
            return Err(Error::Value("all input arrays must have the same shape".into()));
        }
        let ax = layout::normalize_axis(axis, arrays[0].ndim() + 1)?;
        let ex = arrays.iter().map(|a| a.expand_dims(&[ax as isize])).collect::<Result<Vec<_>>>()?;
        NdArray::concatenate_with(&ex.iter().collect::<Vec<_>>(), Some(ax as isize), opts)
    }

    /// NumPy's `np.atleast_1d`: a 0-d array becomes shape `(1,)` (a view); others are returned.
    ///
    /// ```
    /// use strider::{NdArray, Scalar};
    /// assert_eq!(NdArray::from_scalar(Scalar::I8(1)).unwrap().atleast_1d().unwrap().shape(), &[1]);
    /// ```
    pub fn atleast_1d(&self) -> Result<NdArray> {
        if self.ndim() == 0 {
            self.reshape(&[1])
        } else {
            Ok(self.clone())
        }
    }

    /// NumPy's `np.atleast_2d`: `()` -> `(1, 1)`, `(n,)` -> `(1, n)` (views).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[3], DType::INT8, Order::C).unwrap().atleast_2d().unwrap().shape(), &[1, 3]);
    /// ```
    pub fn atleast_2d(&self) -> Result<NdArray> {
        match self.ndim() {
            0 => self.reshape(&[1, 1]),
            1 => self.slice(&[IndexItem::NewAxis, IndexItem::FULL]),
            _ => Ok(self.clone()),
        }
    }

    /// NumPy's `np.atleast_3d`: `()` -> `(1, 1, 1)`, `(n,)` -> `(1, n, 1)`, `(m, n)` ->
    /// `(m, n, 1)` (views).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// assert_eq!(NdArray::zeros(&[3], DType::INT8, Order::C).unwrap().atleast_3d().unwrap().shape(), &[1, 3, 1]);
    /// ```
    pub fn atleast_3d(&self) -> Result<NdArray> {
        match self.ndim() {
            0 => self.reshape(&[1, 1, 1]),
            1 => self.slice(&[IndexItem::NewAxis, IndexItem::FULL, IndexItem::NewAxis]),
            2 => self.slice(&[IndexItem::FULL, IndexItem::FULL, IndexItem::NewAxis]),
            _ => Ok(self.clone()),
        }
    }

    /// NumPy's `np.vstack`: `atleast_2d` each, then concatenate along axis 0.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// assert_eq!(NdArray::vstack(&[&a, &a]).unwrap().shape(), &[2, 3]);
    /// ```
    pub fn vstack(arrays: &[&NdArray]) -> Result<NdArray> {
        let v = arrays.iter().map(|a| a.atleast_2d()).collect::<Result<Vec<_>>>()?;
        NdArray::concatenate(&v.iter().collect::<Vec<_>>(), Some(0))
    }

    /// NumPy's `np.hstack`: `atleast_1d` each, then concatenate along axis 0 for 1-d inputs and
    /// axis 1 otherwise.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// assert_eq!(NdArray::hstack(&[&a, &a]).unwrap().shape(), &[6]);
    /// ```
    pub fn hstack(arrays: &[&NdArray]) -> Result<NdArray> {
        let v = arrays.iter().map(|a| a.atleast_1d()).collect::<Result<Vec<_>>>()?;
        let axis = if v.first().is_some_and(|a| a.ndim() == 1) { 0 } else { 1 };
        NdArray::concatenate(&v.iter().collect::<Vec<_>>(), Some(axis))
    }

    /// NumPy's `np.dstack`: `atleast_3d` each, then concatenate along axis 2.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// assert_eq!(NdArray::dstack(&[&a, &a]).unwrap().shape(), &[1, 3, 2]);
    /// ```
    pub fn dstack(arrays: &[&NdArray]) -> Result<NdArray> {
        let v = arrays.iter().map(|a| a.atleast_3d()).collect::<Result<Vec<_>>>()?;
        NdArray::concatenate(&v.iter().collect::<Vec<_>>(), Some(2))
    }

    /// NumPy's `np.column_stack`: 1-d (and 0-d) arrays become columns, then concatenate along
    /// axis 1.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// let c = NdArray::column_stack(&[&a, &a]).unwrap();
    /// assert_eq!((c.shape(), c.strides()), (&[3, 2][..], &[16, 8][..]));
    /// ```
    pub fn column_stack(arrays: &[&NdArray]) -> Result<NdArray> {
        let v = arrays
            .iter()
            .map(|a| if a.ndim() < 2 { Ok(a.prepend_ones(2)?.t()) } else { Ok((*a).clone()) })
            .collect::<Result<Vec<_>>>()?;
        NdArray::concatenate(&v.iter().collect::<Vec<_>>(), Some(1))
    }

    /// NumPy's `np.array(a, copy=None, ndmin=n)`: a view with leading length-1 axes (their
    /// stride as NumPy's `_prepend_ones` picks it).
    pub(crate) fn prepend_ones(&self, ndmin: usize) -> Result<NdArray> {
        if self.ndim() >= ndmin {
            return Ok(self.clone());
        }
        let fortran = self.flags.f_contiguous && !self.flags.c_contiguous;
        let s = if fortran || self.ndim() == 0 {
            self.itemsize() as isize
        } else {
            self.strides[0].wrapping_mul(self.shape[0] as isize)
        };
        let num = ndmin - self.ndim();
        let mut shape = vec![1; num];
        shape.extend_from_slice(&self.shape);
        let mut strides = vec![s; num];
        strides.extend_from_slice(&self.strides);
        self.derive_view(self.dtype.clone(), shape, strides, self.offset, true)
    }

    /// NumPy's `np.array_split(a, sections, axis)`: views of consecutive pieces along `axis`;
    /// `Count(n)` makes `n` pieces, the first `len % n` one longer.
    ///
    /// ```
    /// use strider::{index::Sections, DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap();
    /// let p = a.array_split(&Sections::Count(4), 0).unwrap();
    /// assert_eq!(p.iter().map(|x| x.size()).collect::<Vec<_>>(), vec![2, 2, 1, 1]);
    /// assert!(p[0].shares_memory(&a, None).unwrap());
    /// ```
    pub fn array_split(&self, sections: &Sections, axis: isize) -> Result<Vec<NdArray>> {
        let nd = self.ndim() as isize;
        if axis < -nd || axis >= nd {
            return Err(Error::BadIndex("tuple index out of range".into()));
        }
        let ax = if axis < 0 { (axis + nd) as usize } else { axis as usize };
        let total = self.shape[ax];
        let points: Vec<isize> = match sections {
            Sections::Count(n) => {
                if *n == 0 {
                    return Err(Error::Value("number sections must be larger than 0.".into()));
                }
                let (each, extras) = (total / n, total % n);
                let mut p = vec![0isize];
                for k in 0..*n {
                    let len = if k < extras { each + 1 } else { each };
                    p.push(p[k] + len as isize);
                }
                p
            }
            Sections::Indices(v) => {
                let mut p = vec![0isize];
                p.extend_from_slice(v);
                p.push(total as isize);
                p
            }
        };
        points
            .windows(2)
            .map(|w| {
                let mut items = vec![IndexItem::FULL; ax];
                items.push(IndexItem::Slice { start: Some(w[0]), stop: Some(w[1]), step: None });
                self.slice(&items)
            })
            .collect()
    }

    /// NumPy's `np.split(a, sections, axis)`: like [`NdArray::array_split`], but `Count(n)` must
    /// divide the axis exactly.
    ///
    /// ```
    /// use strider::{index::Sections, DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap();
    /// assert_eq!(a.split(&Sections::Count(3), 0).unwrap().len(), 3);
    /// assert_eq!(a.split(&Sections::Count(4), 0).unwrap_err().to_string(),
    ///     "array split does not result in an equal division");
    /// ```
    pub fn split(&self, sections: &Sections, axis: isize) -> Result<Vec<NdArray>> {
        if let Sections::Count(n) = sections {
            let nd = self.ndim() as isize;
            if axis < -nd || axis >= nd {
                return Err(Error::BadIndex("tuple index out of range".into()));
            }
            let ax = if axis < 0 { (axis + nd) as usize } else { axis as usize };
            if *n == 0 {
                return Err(Error::Value("integer modulo by zero".into()));
            }
            if self.shape[ax] % n != 0 {
                return Err(Error::Value("array split does not result in an equal division".into()));
            }
        }
        self.array_split(sections, axis)
    }

    /// NumPy's `np.repeat(a, repeats, axis)`: each element (or slice along `axis`; the
    /// flattened array for `None`) repeated. `repeats` is 0-d or 1-element (one count for all)
    /// or one count per position. The result is a new C-contiguous array.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 4.0, 1.0, DType::INT64).unwrap().reshape(&[2, 2]).unwrap();
    /// let r = NdArray::from_vec(vec![1i64, 2], &[2], Order::C).unwrap();
    /// assert_eq!(a.repeat(&r, Some(0)).unwrap().to_vec::<i64>().unwrap(), vec![0, 1, 2, 3, 2, 3]);
    /// ```
    pub fn repeat(&self, repeats: &NdArray, axis: Option<isize>) -> Result<NdArray> {
        let a = match axis {
            None => self.ravel(Order::C)?,
            Some(_) => self.atleast_1d()?,
        };
        let ax = match axis {
            None => 0,
            Some(x) => layout::normalize_axis(x, a.ndim())?,
        };
        if !crate::can_cast(repeats.dtype(), &DType::INT64, crate::Casting::Safe) {
            return Err(Error::Cast {
                scalar: false,
                from: repeats.dtype().to_string(),
                to: "int64".into(),
                casting: "safe".into(),
            });
        }
        if repeats.ndim() > 1 {
            return Err(Error::Value("object too deep for desired array".into()));
        }
        let counts = crate::index::kernels::read_indices(repeats)?;
        let n = a.shape[ax];
        let per: Vec<i64> = if counts.len() == 1 {
            if counts[0] < 0 && n > 0 {
                return Err(Error::Value("negative dimensions are not allowed".into()));
            }
            vec![counts[0].max(0); n]
        } else {
            if counts.len() != n {
                return Err(Error::Value(format!(
                    "operands could not be broadcast together with shape ({n},) ({},)",
                    counts.len()
                )));
            }
            if counts.iter().any(|&c| c < 0) {
                return Err(Error::Value("repeats may not contain negative values.".into()));
            }
            counts
        };
        let total = per.iter().try_fold(0usize, |acc, &c| acc.checked_add(c as usize)).ok_or_else(|| {
            Error::Value(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.".into(),
            )
        })?;
        let mut shape = a.shape.clone();
        shape[ax] = total;
        let out = NdArray::alloc(a.dtype.clone(), &shape, Order::C)?;
        let outer = &a.shape[..ax];
        let outer_size = layout::size(outer);
        let mut outer_off = vec![a.offset as isize; outer_size];
        crate::index::kernels::add_strided(&mut outer_off, outer, &a.strides[..ax]);
        let stride = a.strides[ax];
        let mut table = Vec::with_capacity(total);
        for (j, &c) in per.iter().enumerate() {
            table.extend(std::iter::repeat_n(j as isize * stride, c as usize));
        }
        let offsets: Vec<isize> = outer_off.iter().flat_map(|&o| table.iter().map(move |t| t + o)).collect();
        let inner = &a.shape[ax + 1..];
        super::fancy::fill_from(
            &a,
            &offsets,
            inner,
            &a.strides[ax + 1..],
            &layout::fill_strides(inner, a.itemsize(), Order::C),
            &out,
        )?;
        Ok(out)
    }

    /// NumPy's `np.tile(a, reps)`: the array repeated `reps[k]` times along each axis (leading
    /// axes added as needed), computed as NumPy computes it, so the result's layout (and, when
    /// every rep is 1 or the array is empty, its being a view) match.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let a = NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap();
    /// let t = a.tile(&[2, 2]).unwrap();
    /// assert_eq!(t.shape(), &[2, 6]);
    /// assert_eq!(t.to_vec::<i64>().unwrap(), vec![0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    /// ```
    pub fn tile(&self, reps: &[usize]) -> Result<NdArray> {
        let d = reps.len();
        if reps.iter().all(|&r| r == 1) {
            return self.copy(Order::K)?.prepend_ones(d);
        }
        let mut c = self.prepend_ones(d)?;
        let mut tup = vec![1usize; c.ndim().saturating_sub(d)];
        tup.extend_from_slice(reps);
        let shape_out = c
            .shape
            .iter()
            .zip(&tup)
            .map(|(&s, &t)| s.checked_mul(t).and_then(|x| isize::try_from(x).ok()))
            .collect::<Option<Vec<isize>>>()
            .ok_or_else(|| {
                Error::Value(
                    "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
                        .into(),
                )
            })?;
        let mut n = c.size();
        if n > 0 {
            let dims = c.shape.clone();
            for (&dim_in, &nrep) in dims.iter().zip(&tup) {
                if nrep != 1 {
                    let r = NdArray::from_vec(vec![nrep as i64], &[], Order::C)?;
                    c = c.reshape(&[-1, n as isize])?.repeat(&r, Some(0))?;
                }
                n /= dim_in;
            }
        }
        c.reshape(&shape_out)
    }

    /// NumPy's `np.append(a, values, axis)`: `concatenate((a, values), axis)`, both flattened
    /// when `axis` is `None`.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 2], DType::INT64, Order::C).unwrap();
    /// let v = NdArray::ones(&[3], DType::FLOAT32, Order::C).unwrap();
    /// let r = a.append(&v, None).unwrap();
    /// assert_eq!((r.shape(), r.dtype()), (&[7][..], &DType::FLOAT64));
    /// ```
    pub fn append(&self, values: &NdArray, axis: Option<isize>) -> Result<NdArray> {
        match axis {
            None => {
                let a = if self.ndim() != 1 { self.ravel(Order::C)? } else { self.clone() };
                let v = values.ravel(Order::C)?;
                NdArray::concatenate(&[&a, &v], Some(a.ndim() as isize - 1))
            }
            Some(ax) => NdArray::concatenate(&[self, values], Some(ax)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_perm_follows_inputs() {
        let c = NdArray::zeros(&[3, 4], DType::INT64, Order::C).unwrap();
        let f = NdArray::zeros(&[3, 4], DType::INT64, Order::F).unwrap();
        assert_eq!(multi_sorted_perm(&[&c, &c], 2), vec![0, 1]);
        assert_eq!(multi_sorted_perm(&[&f, &f], 2), vec![1, 0]);
        // Conflicts: C order wins.
        assert_eq!(multi_sorted_perm(&[&f, &c], 2), vec![0, 1]);
        assert_eq!(multi_sorted_perm(&[&c, &f], 2), vec![0, 1]);
    }

    #[test]
    fn splits_are_views_and_errors() {
        let a = NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap();
        let p = a.split(&Sections::Indices(vec![1, 5, -1]), 1).unwrap();
        let shapes: Vec<&[usize]> = p.iter().map(|x| x.shape()).collect();
        assert_eq!(shapes, vec![&[3, 1][..], &[3, 3], &[3, 0], &[3, 1]]);
        assert!(p.iter().all(|x| !x.flags().owndata));
        assert_eq!(a.split(&Sections::Count(2), 3).unwrap_err().to_string(), "tuple index out of range");
        assert!(a.array_split(&Sections::Count(0), 0).is_err());
    }

    #[test]
    fn splits_work_inside_no_copy_joins_do_not() {
        let a = NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap();
        crate::accounting::no_copy(|| {
            assert_eq!(a.array_split(&Sections::Count(2), 1).unwrap().len(), 2);
            let e = NdArray::concatenate(&[&a, &a], Some(0)).unwrap_err();
            assert_eq!(e.numpy_class(), "ValueError");
            assert!(matches!(e, Error::CopyNeeded(_)));
            assert!(matches!(a.index_with("[0, 2]", &[]).unwrap_err(), Error::CopyNeeded(_)));
            assert!(matches!(
                a.repeat(&NdArray::from_vec(vec![2i64], &[], Order::C).unwrap(), None),
                Err(Error::CopyNeeded(_))
            ));
        });
        let big = NdArray::from_vec(vec![1u8], &[1], Order::C).unwrap();
        assert!(big.tile(&[usize::MAX, 2]).is_err());
    }
}

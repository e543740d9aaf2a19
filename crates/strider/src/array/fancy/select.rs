//! Selection by index arrays and masks as functions: `take`, `put`, `nonzero`, `argwhere`,
//! `flatnonzero`, `compress`, one-argument `where`. Results are copies laid out as NumPy's.

use super::fill_from;
use crate::array::NdArray;
use crate::index::{kernels, TakeMode};
use crate::layout::{self, Order};
use crate::{can_cast, Casting, DType, Error, Result};

/// Resolves one index value against an axis of length `n` (`n > 0` for wrap and clip).
fn resolve(v: i64, n: usize, mode: TakeMode, axis: usize) -> Result<isize> {
    let m = n as i64;
    Ok(match mode {
        TakeMode::Raise => {
            let j = if v < 0 { v + m } else { v };
            if j < 0 || j >= m {
                return Err(Error::IndexOutOfBounds { index: v, axis, size: n });
            }
            j as isize
        }
        TakeMode::Wrap => v.rem_euclid(m) as isize,
        TakeMode::Clip => v.clamp(0, m - 1) as isize,
    })
}

/// Index values of `indices` after NumPy's cast to intp with the given rule.
fn intp_values(indices: &NdArray, casting: Casting) -> Result<Vec<i64>> {
    if indices.dtype().num_type().is_none() || !can_cast(indices.dtype(), &DType::INT64, casting) {
        return Err(Error::Cast {
            scalar: false,
            from: indices.dtype().to_string(),
            to: "int64".into(),
            casting: casting.name().into(),
        });
    }
    kernels::read_indices(indices)
}

impl NdArray {
    /// NumPy's `np.take(a, indices, axis, mode=)`: the elements (or sub-arrays along `axis`) at
    /// the given indices; `axis = None` takes from the flattened array. The result is a new
    /// C-contiguous array of shape `a.shape[:axis] + indices.shape + a.shape[axis+1:]`.
    /// Indices of any integer (or boolean) dtype; others fail as NumPy's same-kind cast to intp
    /// does.
    ///
    /// ```
    /// use strider::TakeMode;
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap();
    /// let i = NdArray::from_vec(vec![2i32, 0], &[2], Order::C).unwrap();
    /// let t = a.take(&i, Some(1), TakeMode::Raise).unwrap();
    /// assert_eq!((t.shape(), t.to_vec::<i64>().unwrap()), (&[2, 2][..], vec![2, 0, 5, 3]));
    /// ```
    pub fn take(&self, indices: &NdArray, axis: Option<isize>, mode: TakeMode) -> Result<NdArray> {
        let a = match axis {
            None => self.ravel(Order::C)?,
            Some(_) if self.ndim() == 0 => self.reshape(&[1])?,
            Some(_) => self.clone(),
        };
        let ax = match axis {
            None => 0,
            Some(x) => layout::normalize_axis(x, a.ndim())?,
        };
        if a.ndim() == 1 && fused_ok(indices) {
            // Integer indices always cast same-kind to intp.
            return fused_take(&a, indices, mode, 0);
        }
        let vals = intp_values(indices, Casting::SameKind)?;
        let n = a.shape[ax];
        let (outer, inner) = (&a.shape[..ax], &a.shape[ax + 1..]);
        let mut shape = outer.to_vec();
        shape.extend_from_slice(&indices.shape);
        shape.extend_from_slice(inner);
        let out = NdArray::alloc(a.dtype.clone(), &shape, Order::C)?;
        if n == 0 && out.size() != 0 {
            return Err(Error::BadIndex("cannot do a non-empty take from an empty axes.".into()));
        }
        let outer_size = layout::size(outer);
        if outer_size == 0 {
            return Ok(out);
        }
        let stride = a.strides[ax];
        let table = vals.into_iter().map(|v| Ok(resolve(v, n, mode, ax)? * stride)).collect::<Result<Vec<isize>>>()?;
        let mut outer_off = vec![a.offset as isize; outer_size];
        kernels::add_strided(&mut outer_off, outer, &a.strides[..ax]);
        let offsets: Vec<isize> = if outer_size == 1 {
            table.iter().map(|t| t + outer_off[0]).collect()
        } else {
            outer_off.iter().flat_map(|&o| table.iter().map(move |t| t + o)).collect()
        };
        fill_from(
            &a,
            &offsets,
            inner,
            &a.strides[ax + 1..],
            &layout::fill_strides(inner, a.itemsize(), Order::C),
            &out,
        )?;
        Ok(out)
    }

    /// `np.take(a, indices, axis, out=, mode=)`: as [`NdArray::take`], written into `out` when
    /// given (a handle to it is returned). `out` must have the result's shape, and its dtype
    /// must cast safely to `a`'s (NumPy takes into a buffer of `a`'s dtype and casts it back).
    ///
    /// ```
    /// use strider::TakeMode;
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.5f64, 2.5, 3.5], &[3], Order::C)?;
    /// let i = NdArray::from_vec(vec![5i64, -1], &[2], Order::C)?;
    /// let out = NdArray::zeros(&[2], DType::FLOAT32, Order::C)?;
    /// a.take_with(&i, None, TakeMode::Clip, Some(&out))?;
    /// assert_eq!(out.to_vec::<f32>()?, vec![3.5, 1.5]);
    /// let bad = NdArray::zeros(&[3], DType::FLOAT64, Order::C)?;
    /// let e = a.take_with(&i, None, TakeMode::Clip, Some(&bad)).unwrap_err();
    /// assert_eq!(e.to_string(), "output array does not match result of ndarray.take");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn take_with(
        &self,
        indices: &NdArray,
        axis: Option<isize>,
        mode: TakeMode,
        out: Option<&NdArray>,
    ) -> Result<NdArray> {
        let Some(o) = out else { return self.take(indices, axis, mode) };
        let shape = match axis {
            None => indices.shape.clone(),
            Some(x) => {
                let nd = self.ndim().max(1);
                let ax = layout::normalize_axis(x, nd)?;
                let full: &[usize] = if self.ndim() == 0 { &[1] } else { &self.shape };
                let mut s = full[..ax].to_vec();
                s.extend_from_slice(&indices.shape);
                s.extend_from_slice(&full[ax + 1..]);
                s
            }
        };
        if o.shape != shape {
            return Err(Error::Value("output array does not match result of ndarray.take".into()));
        }
        if !can_cast(&o.dtype, &self.dtype, Casting::Safe) {
            return Err(Error::Cast {
                scalar: o.ndim() == 0,
                from: o.dtype.to_string(),
                to: self.dtype.to_string(),
                casting: "safe".into(),
            });
        }
        if !o.flags.writeable {
            return Err(Error::Value("WRITEBACKIFCOPY base is read-only".into()));
        }
        let r = self.take(indices, axis, mode)?;
        o.assign(&r)?;
        Ok(o.clone())
    }

    /// NumPy's `np.put(a, indices, values, mode=)`: writes `values` (cast unsafely to `self`'s
    /// dtype, repeated cyclically) at the flat C-order positions `indices`, in order (a repeated
    /// position keeps the last value). Integer index arrays must cast safely to intp, as in
    /// NumPy.
    ///
    /// ```
    /// use strider::TakeMode;
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 2], DType::FLOAT32, Order::F).unwrap();
    /// let i = NdArray::from_vec(vec![1i64, 2, 1], &[3], Order::C).unwrap();
    /// let v = NdArray::from_vec(vec![5i64, 6], &[2], Order::C).unwrap();
    /// a.put(&i, &v, TakeMode::Raise).unwrap();
    /// assert_eq!(a.to_vec::<f32>().unwrap(), vec![0.0, 5.0, 6.0, 0.0]);
    /// ```
    pub fn put(&self, indices: &NdArray, values: &NdArray, mode: TakeMode) -> Result<()> {
        self.check_writeable()?;
        let vals = intp_values(indices, Casting::Safe)?;
        let v = values.astype_with(&self.dtype, Order::C, Casting::Unsafe, true)?;
        let nv = v.size();
        if vals.is_empty() {
            return Ok(());
        }
        let max = self.size();
        if max == 0 {
            return Err(Error::BadIndex("cannot replace elements of an empty array".into()));
        }
        if nv == 0 {
            return Ok(());
        }
        if !self.flags.c_contiguous {
            // NumPy puts into a C-ordered copy and writes it back whole (which decides what
            // overlapping elements end up holding).
            let tmp = self.copy(Order::C)?;
            tmp.put(indices, &v, mode)?;
            return self.assign(&tmp);
        }
        let isz = self.itemsize() as isize;
        let c_strides = layout::fill_strides(&self.shape, 1, Order::C);
        let mut dst = Vec::with_capacity(vals.len());
        for x in vals {
            let p = resolve(x, max, mode, 0)?;
            let off = if self.flags.c_contiguous {
                p * isz
            } else {
                // Unravel the flat C index onto this array's strides.
                let mut rem = p;
                let mut o = 0isize;
                for (k, &cs) in c_strides.iter().enumerate() {
                    if self.shape[k] > 1 {
                        o += (rem / cs) * self.strides[k];
                        rem %= cs;
                    }
                }
                o
            };
            dst.push(self.offset as isize + off);
        }
        crate::accounting::record_copy(dst.len() * self.itemsize(), "put")?;
        let src_off: Vec<isize> = (0..dst.len()).map(|k| v.offset as isize + (k % nv) as isize * isz).collect();
        let runs = kernels::Runs { len: 1, step_a: 0, step_b: 0, starts: vec![(0, 0)] };
        crate::storage::Storage::with_sources_and_dest(&[&v.storage], &self.storage, |s, d| {
            let s = s[0].ok_or_else(|| Error::Value("put values alias the destination".into()))?;
            kernels::by_itemsize!(self.itemsize(), wd => {
                kernels::move_blocks(wd, s, &|k| src_off[k], d, &|k| dst[k], dst.len(), &runs);
                Ok(())
            })
        })?
    }

    /// NumPy's `np.nonzero(a)`: one int64 array per axis holding the coordinates of the non-zero
    /// elements in C order. As in NumPy the arrays are column views of one `(count, ndim)`
    /// buffer; a 0-d array is an error (NumPy 2's wording, which has an extra sentence for boolean arrays).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![0.0f64, 1.5, 0.0, -2.0], &[2, 2], Order::C).unwrap();
    /// let nz = a.nonzero().unwrap();
    /// assert_eq!(nz[0].to_vec::<i64>().unwrap(), vec![0, 1]);
    /// assert_eq!(nz[1].to_vec::<i64>().unwrap(), vec![1, 1]);
    /// assert_eq!(nz[0].strides(), &[16]);
    /// ```
    pub fn nonzero(&self) -> Result<Vec<NdArray>> {
        // NumPy 2.4 adds the second sentence for boolean arrays only.
        let is_bool = self.dtype.num_type() == Some(crate::NumType::Bool);
        self.nonzero_impl().map_err(|e| match e {
            Error::Value(m) if m == NONZERO_0D && is_bool => Error::Value(format!(
                "{m} If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`."
            )),
            e => e,
        })
    }

    /// `nonzero` with the method's (and `np.where`'s) shorter message for 0-d arrays.
    fn nonzero_impl(&self) -> Result<Vec<NdArray>> {
        if self.ndim() == 0 {
            return Err(Error::Value(NONZERO_0D.into()));
        }
        let (coords, count) = self.nonzero_coords()?;
        let nd = self.ndim();
        let buf = NdArray::alloc_with_strides(DType::INT64, vec![count, nd], vec![8 * nd as isize, 8])?;
        write_i64(&buf, &coords)?;
        (0..nd)
            .map(|k| {
                let off = if count == 0 { buf.offset } else { buf.offset + 8 * k };
                buf.derive_view(DType::INT64, vec![count], vec![8 * nd as isize], off, true)
            })
            .collect()
    }

    /// Coordinates of the non-zero elements, row by row (`count * ndim` values), and the count.
    fn nonzero_coords(&self) -> Result<(Vec<i64>, usize)> {
        let truth = kernels::read_truthy(self)?;
        let nd = self.ndim();
        let count = truth.iter().filter(|&&t| t).count();
        let mut coords = Vec::with_capacity(count * nd);
        let mut idx = vec![0i64; nd];
        for &t in &truth {
            if t {
                coords.extend_from_slice(&idx);
            }
            let mut d = nd;
            while d > 0 {
                d -= 1;
                idx[d] += 1;
                if (idx[d] as usize) < self.shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        Ok((coords, count))
    }

    /// NumPy's `np.argwhere(a)`: the coordinates of the non-zero elements as rows of an
    /// `(count, ndim)` int64 array (a transposed view of an `(ndim, count)` buffer, as NumPy's).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![0u8, 3, 4, 0], &[2, 2], Order::C).unwrap();
    /// let w = a.argwhere().unwrap();
    /// assert_eq!((w.shape(), w.to_vec::<i64>().unwrap()), (&[2, 2][..], vec![0, 1, 1, 0]));
    /// ```
    pub fn argwhere(&self) -> Result<NdArray> {
        if self.ndim() == 0 {
            let r = self.reshape(&[1])?.argwhere()?;
            return r.slice(&[
                crate::index::IndexItem::FULL,
                crate::index::IndexItem::Slice { start: None, stop: Some(0), step: None },
            ]);
        }
        let (coords, count) = self.nonzero_coords()?;
        let nd = self.ndim();
        let buf = NdArray::alloc(DType::INT64, &[nd, count], Order::C)?;
        // The buffer holds one row per axis.
        let rows: Vec<i64> =
            (0..nd).flat_map(|k| (0..count).map(move |i| (k, i))).map(|(k, i)| coords[i * nd + k]).collect();
        write_i64(&buf, &rows)?;
        let strides = vec![buf.strides[1], buf.strides[0]];
        buf.into_view_of_self(vec![count, nd], strides)
    }

    /// NumPy's `np.flatnonzero(a)`: the flat C-order positions of the non-zero elements.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![0i8, 2, 0, 1], &[2, 2], Order::F).unwrap();
    /// // F order: the array is [[0, 0], [2, 1]].
    /// assert_eq!(a.flatnonzero().unwrap().to_vec::<i64>().unwrap(), vec![2, 3]);
    /// ```
    pub fn flatnonzero(&self) -> Result<NdArray> {
        let flat = self.ravel(Order::C)?;
        Ok(flat.nonzero_impl()?.remove(0))
    }

    /// NumPy's `np.compress(condition, a, axis)`: the slices along `axis` (or the elements of the
    /// flattened array for `None`) where the 1-d `condition` is true; a condition shorter than
    /// the axis counts as false beyond its end.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[3, 2]).unwrap();
    /// let c = NdArray::from_vec(vec![false, true], &[2], Order::C).unwrap();
    /// assert_eq!(a.compress(&c, Some(0)).unwrap().to_vec::<i64>().unwrap(), vec![2, 3]);
    /// ```
    pub fn compress(&self, condition: &NdArray, axis: Option<isize>) -> Result<NdArray> {
        if condition.ndim() != 1 {
            return Err(Error::Value("condition must be a 1-d array".into()));
        }
        let idx = condition.nonzero_impl()?.remove(0);
        self.take(&idx, axis, TakeMode::Raise)
    }
}

impl NdArray {
    /// NumPy's one-argument `np.where(condition)`: the same as `condition.nonzero()`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let c = NdArray::from_vec(vec![true, false, true], &[3], Order::C).unwrap();
    /// assert_eq!(NdArray::where_(&c).unwrap()[0].to_vec::<i64>().unwrap(), vec![0, 2]);
    /// ```
    pub fn where_(condition: &NdArray) -> Result<Vec<NdArray>> {
        condition.nonzero()
    }
}

/// Whether `fused_take` can read `indices` directly: a native, C-contiguous integer array.
pub(crate) fn fused_ok(indices: &NdArray) -> bool {
    indices.flags.c_contiguous && indices.dtype.is_native() && indices.dtype.num_type().is_some_and(|t| t.is_integer())
}

/// `a[indices]` for a 1-d `a` and a C-contiguous integer index array, in one pass: each index
/// is read, resolved and its element copied (NumPy's fast take). The result has the index's
/// shape, C order.
pub(crate) fn fused_take(a: &NdArray, indices: &NdArray, mode: TakeMode, axis: usize) -> Result<NdArray> {
    // Every element is gathered (or the call fails and the array is dropped).
    let strides = layout::alloc_strides(&indices.shape, a.itemsize(), Order::C);
    let out = if a.dtype.num_type().is_some() {
        NdArray::alloc_for_overwrite(a.dtype.clone(), indices.shape.clone(), strides)?
    } else {
        NdArray::alloc(a.dtype.clone(), &indices.shape, Order::C)?
    };
    let m = indices.size();
    let n = a.shape[0];
    if m == 0 {
        return Ok(out);
    }
    if n == 0 {
        return Err(Error::BadIndex("cannot do a non-empty take from an empty axes.".into()));
    }
    let t = indices.dtype.num_type().ok_or_else(|| Error::BadIndex(kernels::NON_INT.into()))?;
    let isz = a.itemsize();
    crate::accounting::record_copy(m * isz, "take")?;
    let (ao, ast, io, oo) = (a.offset as isize, a.strides[0], indices.offset, out.offset);
    crate::storage::Storage::with_sources_and_dest(&[&a.storage, &indices.storage], &out.storage, |s, d| {
        let (Some(src), Some(ib)) = (s[0], s[1]) else {
            return Err(Error::Value("a fresh buffer cannot alias its source".into()));
        };
        let dst = &mut d[oo..oo + m * isz];
        let res = |v: i64| resolve(v, n, mode, axis);
        crate::dispatch_num!(t, T => kernels::by_itemsize!(isz, wd => {
            let w = std::mem::size_of::<T>();
            kernels::take_gather::<T, _>(wd, src, ao, ast, &ib[io..io + m * w], dst, &res)
        }))
    })??;
    Ok(out)
}

const NONZERO_0D: &str = "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.";

/// Writes native int64 values into a fresh C-ordered (or row-strided) buffer.
fn write_i64(buf: &NdArray, vals: &[i64]) -> Result<()> {
    if vals.is_empty() {
        return Ok(());
    }
    let o = buf.offset;
    buf.storage.with_write(|b| {
        for (c, v) in b[o..o + vals.len() * 8].chunks_exact_mut(8).zip(vals) {
            c.copy_from_slice(&v.to_ne_bytes());
        }
    })
}

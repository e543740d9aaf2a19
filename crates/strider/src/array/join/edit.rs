//! `insert` and `delete`, computed step by step as NumPy computes them (so results, layouts and
//! errors agree): slices and masks copy through basic and advanced indexing.

use crate::array::NdArray;
use crate::index::{FancyIndex, IndexItem, Positions};
use crate::layout::{self, Order};
use crate::{Casting, DType, Error, NumType, Result};

fn slice_at(axis: usize, item: IndexItem) -> Vec<FancyIndex> {
    let mut v: Vec<FancyIndex> = vec![IndexItem::FULL.into(); axis];
    v.push(item.into());
    v
}

fn range(start: Option<isize>, stop: Option<isize>) -> IndexItem {
    IndexItem::Slice { start, stop, step: None }
}

fn array_at(axis: usize, a: &NdArray) -> Vec<FancyIndex> {
    let mut v: Vec<FancyIndex> = vec![IndexItem::FULL.into(); axis];
    v.push(a.into());
    v
}

fn bools(v: Vec<bool>) -> Result<NdArray> {
    let n = v.len();
    NdArray::from_vec(v, &[n], Order::C)
}

/// Python's `slice.indices(n)`: `(start, stop, step)` clamped, not normalised.
fn py_slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    n: usize,
) -> Result<(isize, isize, isize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::Value("slice step cannot be zero".into()));
    }
    let l = n as isize;
    let (lo, hi) = if step < 0 { (-1, l - 1) } else { (0, l) };
    let fix = |v: Option<isize>, default: isize| match v {
        None => default,
        Some(v) if v < 0 => (v + l).max(lo),
        Some(v) => v.min(hi),
    };
    Ok((fix(start, if step < 0 { hi } else { lo }), fix(stop, if step < 0 { lo } else { hi }), step))
}

/// NumPy's preamble: the order of new arrays, the (flattened) array and the axis.
fn prepare(a: &NdArray, axis: Option<isize>) -> Result<(Order, NdArray, usize)> {
    let order = if a.flags.f_contiguous && !a.flags.c_contiguous { Order::F } else { Order::C };
    match axis {
        None => {
            let r = if a.ndim() != 1 { a.ravel(Order::C)? } else { a.clone() };
            let ax = r.ndim() - 1;
            Ok((order, r, ax))
        }
        Some(x) => Ok((order, a.clone(), layout::normalize_axis(x, a.ndim())?)),
    }
}

impl NdArray {
    /// NumPy's `np.delete(arr, obj, axis)`: a new array without the positions `obj` along `axis`
    /// (the flattened array for `None`). `obj` is an index, a slice, an integer array or a
    /// boolean mask of the axis' length.
    ///
    /// ```
    /// use strider::{index::Positions, DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap();
    /// let d = a.delete(&Positions::Int(1), Some(1)).unwrap();
    /// assert_eq!(d.to_vec::<i64>().unwrap(), vec![0, 2, 3, 5]);
    /// let i = NdArray::from_vec(vec![0i64, 2], &[2], Order::C).unwrap();
    /// assert_eq!(a.delete(&Positions::Array(i), None).unwrap().to_vec::<i64>().unwrap(), vec![1, 3, 4, 5]);
    /// ```
    pub fn delete(&self, obj: &Positions, axis: Option<isize>) -> Result<NdArray> {
        let (order, arr, ax) = prepare(self, axis)?;
        let n = arr.shape[ax];
        let mut newshape = arr.shape.clone();
        let single = match obj {
            Positions::Slice(IndexItem::Slice { start, stop, step }) => {
                let (s0, stop0, st) = py_slice_indices(*start, *stop, *step, n)?;
                let (_, _, cnt) = layout::slice_indices(*start, *stop, *step, n)?;
                if cnt == 0 {
                    return arr.copy(order);
                }
                let (mut start, mut stop, mut step) = (s0, stop0, st);
                if step < 0 {
                    step = -step;
                    start = s0 + st * (cnt as isize - 1);
                    stop = s0 + 1;
                }
                newshape[ax] -= cnt;
                let new = NdArray::empty(&newshape, arr.dtype.clone(), order)?;
                let c = cnt as isize;
                if start != 0 {
                    new.set_index(
                        &slice_at(ax, range(None, Some(start))),
                        &arr.get_index(&slice_at(ax, range(None, Some(start))))?,
                    )?;
                }
                if stop != n as isize {
                    new.set_index(
                        &slice_at(ax, range(Some(stop - c), None)),
                        &arr.get_index(&slice_at(ax, range(Some(stop), None)))?,
                    )?;
                }
                if step != 1 {
                    let mut keep = vec![true; (stop - start) as usize];
                    keep.iter_mut().step_by(step as usize).for_each(|k| *k = false);
                    let mid = arr.get_index(&slice_at(ax, range(Some(start), Some(stop))))?;
                    let kept = mid.get_index(&array_at(ax, &bools(keep)?))?;
                    new.set_index(&slice_at(ax, range(Some(start), Some(stop - c))), &kept)?;
                }
                return Ok(new);
            }
            Positions::Slice(_) => return Err(Error::Type("delete needs an integer, a slice or an array".into())),
            Positions::Int(i) => Some(*i as i64),
            Positions::Array(a) => {
                let int_kind = a.dtype.num_type().is_some_and(|t| t.is_integer());
                if a.size() == 1 && int_kind {
                    Some(crate::index::kernels::read_indices(a)?[0])
                } else {
                    None
                }
            }
        };
        if let Some(i) = single {
            let m = n as i64;
            if i < -m || i >= m {
                return Err(Error::BadIndex(format!("index {i} is out of bounds for axis {ax} with size {n}")));
            }
            let i = if i < 0 { i + m } else { i } as isize;
            newshape[ax] -= 1;
            let new = NdArray::empty(&newshape, arr.dtype.clone(), order)?;
            new.set_index(&slice_at(ax, range(None, Some(i))), &arr.get_index(&slice_at(ax, range(None, Some(i))))?)?;
            new.set_index(
                &slice_at(ax, range(Some(i), None)),
                &arr.get_index(&slice_at(ax, range(Some(i + 1), None)))?,
            )?;
            return Ok(new);
        }
        let Positions::Array(obj) = obj else { unreachable!("other positions returned above") };
        let keep = if obj.dtype.num_type() == Some(NumType::Bool) {
            if obj.shape != [n] {
                return Err(Error::Value(format!(
                    "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                )));
            }
            bools(crate::index::kernels::read_truthy(obj)?.into_iter().map(|b| !b).collect())?
        } else {
            let keep = bools(vec![true; n])?;
            let obj = if obj.size() == 0 { obj.astype(&DType::INT64, Casting::Unsafe)? } else { obj.clone() };
            keep.set_index(&[(&obj).into()], &bools(vec![false])?.reshape(&[])?)?;
            keep
        };
        arr.get_index(&array_at(ax, &keep))
    }

    /// NumPy's `np.insert(arr, obj, values, axis)`: a new array with `values` (cast to `arr`'s
    /// dtype) inserted before the positions `obj` along `axis` (the flattened array for
    /// `None`). A single index inserts `values` as a block; an array of indices inserts one
    /// slice per index.
    ///
    /// ```
    /// use strider::{index::Positions, DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 4.0, 1.0, DType::INT64).unwrap();
    /// let v = NdArray::from_vec(vec![9i64, 8], &[2], Order::C).unwrap();
    /// let r = a.insert(&Positions::Int(1), &v, None).unwrap();
    /// assert_eq!(r.to_vec::<i64>().unwrap(), vec![0, 9, 8, 1, 2, 3]);
    /// let at = NdArray::from_vec(vec![3i64, 0], &[2], Order::C).unwrap();
    /// assert_eq!(a.insert(&Positions::Array(at), &v, None).unwrap().to_vec::<i64>().unwrap(), vec![8, 0, 1, 2, 9, 3]);
    /// ```
    pub fn insert(&self, obj: &Positions, values: &NdArray, axis: Option<isize>) -> Result<NdArray> {
        let (order, arr, ax) = prepare(self, axis)?;
        let n = arr.shape[ax];
        let mut newshape = arr.shape.clone();
        let (indices, scalar_obj): (Vec<i64>, bool) = match obj {
            Positions::Slice(IndexItem::Slice { start, stop, step }) => {
                let (s0, st, cnt) = layout::slice_indices(*start, *stop, *step, n)?;
                ((0..cnt as i64).map(|k| s0 as i64 + k * st as i64).collect(), false)
            }
            Positions::Slice(_) => return Err(Error::Type("insert needs an integer, a slice or an array".into())),
            Positions::Int(i) => (vec![*i as i64], true),
            Positions::Array(a) if a.dtype.num_type() == Some(NumType::Bool) => {
                if a.ndim() != 1 {
                    return Err(Error::Value("boolean array argument obj to insert must be one dimensional".into()));
                }
                (crate::index::kernels::read_indices(&a.flatnonzero()?)?, false)
            }
            Positions::Array(a) => {
                if a.ndim() > 1 {
                    return Err(Error::Value(
                        "index array argument obj to insert must be one dimensional or scalar".into(),
                    ));
                }
                (crate::index::kernels::read_indices(a)?, a.ndim() == 0)
            }
        };
        if indices.len() == 1 {
            let index = indices[0];
            let m = n as i64;
            if index < -m || index > m {
                let shown = match obj {
                    Positions::Int(i) => i.to_string(),
                    Positions::Array(a) => format!("{a}"),
                    Positions::Slice(_) => format!("{index}"),
                };
                return Err(Error::BadIndex(format!("index {shown} is out of bounds for axis {ax} with size {n}")));
            }
            let index = if index < 0 { index + m } else { index } as isize;
            let mut v = values.astype(&arr.dtype, Casting::Unsafe)?.prepend_ones(arr.ndim())?;
            if scalar_obj {
                v = v.moveaxis(&[0], &[ax as isize])?;
            }
            let numnew = v.shape[ax] as isize;
            newshape[ax] += numnew as usize;
            let new = NdArray::empty(&newshape, arr.dtype.clone(), order)?;
            new.set_index(
                &slice_at(ax, range(None, Some(index))),
                &arr.get_index(&slice_at(ax, range(None, Some(index))))?,
            )?;
            new.set_index(&slice_at(ax, range(Some(index), Some(index + numnew))), &v)?;
            new.set_index(
                &slice_at(ax, range(Some(index + numnew), None)),
                &arr.get_index(&slice_at(ax, range(Some(index), None)))?,
            )?;
            return Ok(new);
        }
        let mut idx: Vec<i64> = indices.iter().map(|&i| if i < 0 { i + n as i64 } else { i }).collect();
        let numnew = idx.len();
        let mut order_k: Vec<usize> = (0..numnew).collect();
        order_k.sort_by_key(|&k| idx[k]); // stable, as NumPy's mergesort
        for (rank, &k) in order_k.iter().enumerate() {
            idx[k] += rank as i64;
        }
        newshape[ax] += numnew;
        let idx_arr = NdArray::from_vec(idx, &[numnew], Order::C)?;
        let old_mask = bools(vec![true; newshape[ax]])?;
        old_mask.set_index(&[(&idx_arr).into()], &bools(vec![false])?.reshape(&[])?)?;
        let new = NdArray::empty(&newshape, arr.dtype.clone(), order)?;
        new.set_index(&array_at(ax, &idx_arr), values)?;
        new.set_index(&array_at(ax, &old_mask), &arr)?;
        Ok(new)
    }
}

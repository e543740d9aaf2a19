//! Copies and element access: new storage, casts, assignment, and elements in and out.
//!
//! Owns every path that moves element bytes between arrays. Traversal comes from `iter::Plan`;
//! locking from `storage`; value conversion from `dtype::cast`. Dtype dispatch happens once per
//! operation: same-type copies move bytes (one `copy_from_slice` per dense run, a byte swap when
//! the byte orders differ), casts convert through [`Scalar::cast`].

use super::NdArray;
use crate::dtype::{DType, Element};
use crate::iter::Plan;
use crate::layout::{self, Order};
use crate::scalar::{swap_in_place, Scalar};
use crate::storage::Storage;
use crate::{Error, Result};

pub use crate::dtype::cast::Casting;

/// How the bytes of one element become the bytes of another, decided once per operation.
enum Convert {
    /// Same type and byte order: copy.
    Copy,
    /// Same type, other byte order: copy and reverse.
    Swap(crate::NumType),
    /// Different types: a value conversion.
    Cast,
}

/// Copies `src` (already broadcast to `dst`'s shape) into `dst`, converting as needed. The caller
/// has checked writeability and made sure the two do not overlap.
fn transfer(dst: &NdArray, src: &NdArray) -> Result<()> {
    let (dt, st) = (dst.dtype.clone(), src.dtype.clone());
    let conv = match (dt.num_type(), st.num_type()) {
        (Some(a), Some(b)) if a == b && dt.is_native() == st.is_native() => Convert::Copy,
        (Some(a), Some(b)) if a == b => Convert::Swap(a),
        _ => Convert::Cast,
    };
    let target = dt.num_type().ok_or_else(|| Error::Type(format!("cannot cast to {dt}")))?;
    let (dsz, ssz) = (dt.itemsize(), st.itemsize());
    crate::accounting::record_copy(dst.nbytes(), "this operation")?;
    let plan = Plan::new(&dst.shape, [dst.offset as isize, src.offset as isize], [&dst.strides, &src.strides]);
    Storage::with_sources_and_dest(&[&src.storage], &dst.storage, |srcs, out| {
        let mut scratch = [0u8; 16];
        plan.for_each_run(|off, len, s| {
            let (mut d, mut r) = (off[0] as usize, off[1]);
            let dense = s[0] == dsz as isize && s[1] == ssz as isize;
            match (&conv, srcs[0]) {
                (Convert::Copy, Some(from)) if dense => {
                    let n = len * dsz;
                    out[d..d + n].copy_from_slice(&from[r as usize..r as usize + n]);
                }
                _ => {
                    for _ in 0..len {
                        let ru = r as usize;
                        scratch[..ssz].copy_from_slice(match srcs[0] {
                            Some(from) => &from[ru..ru + ssz],
                            None => &out[ru..ru + ssz],
                        });
                        let elem = &mut out[d..d + dsz];
                        match conv {
                            Convert::Copy => elem.copy_from_slice(&scratch[..ssz]),
                            Convert::Swap(t) => {
                                elem.copy_from_slice(&scratch[..ssz]);
                                swap_in_place(elem, t);
                            }
                            Convert::Cast => {
                                let v = Scalar::from_bytes(&scratch[..ssz], &st).cast(target);
                                // The value has the target's own type, so writing cannot fail.
                                let _ = v.write_bytes(&dt, elem);
                            }
                        }
                        d = (d as isize + s[0]) as usize;
                        r += s[1];
                    }
                }
            }
        });
    })
}

impl NdArray {
    /// A copy in the given memory order (NumPy's `copy(order=)`: C, F, A = F only for F-and-not-C
    /// sources, K = the source's axis order with positive gap-free strides).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap();
    /// let k = a.index("::-1").unwrap().t().copy(Order::K).unwrap();
    /// assert_eq!(k.strides(), &[8, 24]);
    /// assert_eq!(k.to_vec::<i64>().unwrap(), vec![3, 0, 4, 1, 5, 2]);
    /// assert!(k.flags().owndata && !k.shares_memory(&a, None).unwrap());
    /// ```
    pub fn copy(&self, order: Order) -> Result<NdArray> {
        let dst = NdArray::empty_like(self, None, order, None)?;
        transfer(&dst, self)?;
        Ok(dst)
    }

    /// A new 1-d array of the elements read in `order` (C, F, A, or K: memory order of the axes,
    /// each axis read in increasing index order, as NumPy's `flatten`).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(a.flatten(Order::F).unwrap().to_vec::<i64>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
    /// ```
    pub fn flatten(&self, order: Order) -> Result<NdArray> {
        let c = if order == Order::K {
            // Read in the iterator's K order (each axis in increasing index order).
            let perm = layout::iter_order_k(&self.strides);
            let mut strides = vec![0isize; self.ndim()];
            let mut step = self.itemsize() as isize;
            for &ax in perm.iter().rev() {
                strides[ax] = step;
                step *= self.shape[ax].max(1) as isize;
            }
            let dst = NdArray::alloc_with_strides(self.dtype.clone(), self.shape.clone(), strides)?;
            transfer(&dst, self)?;
            dst
        } else {
            self.copy(order)?
        };
        let n = c.size();
        let strides = vec![if n == 0 { 0 } else { c.itemsize() as isize }];
        let offset = match layout::byte_extent(&c.shape, &c.strides, c.itemsize())? {
            Some((low, _)) => (c.offset as isize + low) as usize,
            None => c.offset,
        };
        // The copy is dense in the requested order, so its storage read linearly is the answer.
        NdArray::make(c.storage, c.dtype, vec![n], strides, offset, true, true, None)
    }

    /// A C-contiguous array with the same values: the array itself (a view) when it already is,
    /// otherwise a copy. 0-d arrays become 1-d, as in NumPy.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::FLOAT32, Order::F).unwrap();
    /// assert!(a.ascontiguousarray().unwrap().flags().c_contiguous);
    /// assert_eq!(NdArray::zeros(&[], DType::INT8, Order::C).unwrap().ascontiguousarray().unwrap().shape(), &[1]);
    /// ```
    pub fn ascontiguousarray(&self) -> Result<NdArray> {
        let a = if self.ndim() == 0 { self.reshape(&[1])? } else { self.clone() };
        if a.flags.c_contiguous {
            Ok(a)
        } else {
            a.copy(Order::C)
        }
    }

    /// An F-contiguous array with the same values (a copy only if needed; 0-d becomes 1-d).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::FLOAT32, Order::C).unwrap();
    /// assert_eq!(a.asfortranarray().unwrap().strides(), &[4, 8]);
    /// ```
    pub fn asfortranarray(&self) -> Result<NdArray> {
        let a = if self.ndim() == 0 { self.reshape(&[1])? } else { self.clone() };
        if a.flags.f_contiguous {
            Ok(a)
        } else {
            a.copy(Order::F)
        }
    }

    /// A copy converted to `dtype`, laid out like the source (order K), if `casting` allows the
    /// conversion (NumPy's `astype`).
    ///
    /// ```
    /// use strider::{Casting, DType, NdArray};
    /// let a = NdArray::arange(-1.5, 2.0, 1.0, DType::FLOAT64).unwrap();
    /// assert_eq!(a.astype(&DType::INT8, Casting::Unsafe).unwrap().to_vec::<i8>().unwrap(), vec![-1, 0, 0, 1]);
    /// assert_eq!(a.astype(&DType::INT8, Casting::Safe).unwrap_err().to_string(),
    ///            "Cannot cast array data from dtype('float64') to dtype('int8') according to the rule 'safe'");
    /// ```
    pub fn astype(&self, dtype: &DType, casting: Casting) -> Result<NdArray> {
        self.astype_with(dtype, Order::K, casting, true)
    }

    /// `astype` with NumPy's `order` and `copy` arguments: with `copy = false` the array itself is
    /// returned when no conversion or reordering is needed (NumPy's `copy=False` for `astype`).
    ///
    /// ```
    /// use strider::{Casting, DType, NdArray, Order};
    /// let a = NdArray::zeros(&[3], DType::INT16, Order::C).unwrap();
    /// let same = a.astype_with(&DType::INT16, Order::K, Casting::No, false).unwrap();
    /// assert_eq!(same.data_address(), a.data_address());
    /// ```
    pub fn astype_with(&self, dtype: &DType, order: Order, casting: Casting, copy: bool) -> Result<NdArray> {
        if !crate::can_cast(&self.dtype, dtype, casting) {
            let text = |d: &DType| if d.is_native() { d.name() } else { d.str() };
            return Err(Error::Cast {
                scalar: self.ndim() == 0,
                from: text(&self.dtype),
                to: text(dtype),
                casting: casting.name().into(),
            });
        }
        let layout_ok = match order {
            Order::C => self.flags.c_contiguous,
            Order::F => self.flags.f_contiguous,
            Order::A => self.flags.c_contiguous || self.flags.f_contiguous,
            Order::K => true,
        };
        if !copy && &self.dtype == dtype && layout_ok {
            return Ok(self.clone());
        }
        let dst = NdArray::empty_like(self, Some(dtype.clone()), order, None)?;
        transfer(&dst, self)?;
        Ok(dst)
    }

    /// The bytes of the elements in `order` (NumPy's `tobytes`), in the array's own dtype.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::arange(0.0, 4.0, 1.0, DType::UINT8).unwrap().reshape(&[2, 2]).unwrap();
    /// assert_eq!(a.to_bytes(Order::F).unwrap(), vec![0, 2, 1, 3]);
    /// ```
    pub fn to_bytes(&self, order: Order) -> Result<Vec<u8>> {
        let order = match order {
            Order::K | Order::A if self.flags.f_contiguous && !self.flags.c_contiguous => Order::F,
            Order::K | Order::A => Order::C,
            o => o,
        };
        let dense = match order {
            Order::F => self.flags.f_contiguous,
            _ => self.flags.c_contiguous,
        };
        let a = if dense { self.clone() } else { self.copy(order)? };
        let n = a.nbytes();
        let start = match layout::byte_extent(&a.shape, &a.strides, a.itemsize())? {
            Some((low, _)) => (a.offset as isize + low) as usize,
            None => return Ok(Vec::new()),
        };
        Ok(a.storage.with_read(|b| b[start..start + n].to_vec()))
    }

    /// NumPy's `dst[...] = src`: `src` is broadcast to this array's shape (extra leading length-1
    /// axes of `src` are dropped), converted with unsafe casting, and written as if it had been
    /// copied first, so overlapping sources give NumPy's result.
    ///
    /// ```
    /// use strider::{DType, NdArray};
    /// let x = NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap();
    /// x.index("1:").unwrap().assign(&x.index(":-1").unwrap()).unwrap();
    /// assert_eq!(x.to_vec::<i64>().unwrap(), vec![0, 0, 1, 2, 3, 4]);
    /// ```
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        self.check_writeable()?;
        let mut s = src.clone();
        while s.ndim() > self.ndim() && s.shape[0] == 1 {
            s = s.squeeze(Some(&[0]))?;
        }
        let s = match s.broadcast_to(&self.shape) {
            Ok(b) => b,
            Err(_) => {
                return Err(Error::Value(format!(
                    "could not broadcast input array from shape {} into shape {}",
                    layout::shape_str(src.shape()),
                    layout::shape_str(&self.shape)
                )))
            }
        };
        let s = if s.same_storage(self) && s.may_share_memory(self, None)? { s.copy(Order::K)? } else { s };
        transfer(self, &s)
    }

    /// Sets every element to `value`, converted to the dtype as NumPy's `fill` converts a Python
    /// number (see [`Scalar::cast_weak`]: out-of-range integers are an error, not a wrap-around).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::INT16, Order::C).unwrap();
    /// a.index(":, ::2").unwrap().fill(-7.9f64).unwrap();
    /// assert_eq!(a.to_vec::<i16>().unwrap(), vec![-7, 0, -7, -7, 0, -7]);
    /// ```
    pub fn fill(&self, value: impl Into<Scalar>) -> Result<()> {
        self.check_writeable()?;
        self.fill_element(&self.element_bytes(value.into())?)
    }

    /// Writes the bytes of one element into every position.
    pub(crate) fn fill_element(&self, elem: &[u8]) -> Result<()> {
        let n = elem.len();
        let plan = Plan::new(&self.shape, [self.offset as isize], [&self.strides]);
        self.storage.with_write(|b| {
            plan.for_each_run(|off, len, s| {
                let mut at = off[0];
                for _ in 0..len {
                    b[at as usize..at as usize + n].copy_from_slice(elem);
                    at += s[0];
                }
            })
        })
    }

    /// `value` converted to this array's dtype, as bytes (NumPy's conversion of a Python number).
    fn element_bytes(&self, value: Scalar) -> Result<Vec<u8>> {
        let t = self.dtype.num_type().ok_or_else(|| Error::Type(format!("cannot store a number in {}", self.dtype)))?;
        let mut elem = vec![0u8; self.itemsize()];
        value.cast_weak(t)?.write_bytes(&self.dtype, &mut elem)?;
        Ok(elem)
    }

    /// One element (NumPy's `a[i, j]` with integers only); negative indices count from the end.
    ///
    /// ```
    /// use strider::{DType, NdArray, Scalar};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT32).unwrap().reshape(&[2, 3]).unwrap();
    /// assert_eq!(a.get(&[-1, 0]).unwrap(), Scalar::I32(3));
    /// assert!(a.get(&[2, 0]).is_err());
    /// ```
    pub fn get(&self, index: &[isize]) -> Result<Scalar> {
        let at = self.element_offset(index)?;
        Ok(self.storage.with_read(|b| Scalar::from_bytes(&b[at..], &self.dtype)))
    }

    /// Writes one element, converting `value` to the dtype.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order, Scalar};
    /// let a = NdArray::zeros(&[2], DType::UINT8, Order::C).unwrap();
    /// a.set(&[1], 255i64).unwrap();
    /// assert_eq!(a.get(&[1]).unwrap(), Scalar::U8(255));
    /// assert!(a.set(&[0], -1i64).is_err()); // NumPy: Python integer -1 out of bounds for uint8
    /// ```
    pub fn set(&self, index: &[isize], value: impl Into<Scalar>) -> Result<()> {
        self.check_writeable()?;
        let at = self.element_offset(index)?;
        let elem = self.element_bytes(value.into())?;
        self.storage.with_write(|b| b[at..at + elem.len()].copy_from_slice(&elem))
    }

    /// The elements in C order as Rust values; `T` must be the dtype's own type (either byte
    /// order). Convert first with [`NdArray::astype`] for other types.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.5f32, 2.5, 3.5, 4.5], &[2, 2], Order::F).unwrap();
    /// assert_eq!(a.to_vec::<f32>().unwrap(), vec![1.5, 3.5, 2.5, 4.5]);
    /// assert!(a.to_vec::<f64>().is_err());
    /// ```
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if self.dtype.num_type() != Some(T::NUM) {
            return Err(Error::Type(format!("array of dtype {} cannot be read as {}", self.dtype, T::NUM.name())));
        }
        let bytes = self.to_bytes(Order::C)?;
        let n = self.itemsize();
        let swap = !self.dtype.is_native();
        Ok(bytes
            .chunks_exact(n)
            .map(|c| {
                let mut e = [0u8; 16];
                e[..n].copy_from_slice(c);
                if swap {
                    swap_in_place(&mut e[..n], T::NUM);
                }
                T::from_ne_slice(&e[..n])
            })
            .collect())
    }

    /// The elements in C order as [`Scalar`] values (NumPy's `tolist` of a flattened array).
    ///
    /// ```
    /// use strider::{DType, NdArray, Scalar};
    /// let a = NdArray::arange(0.0, 2.0, 1.0, DType::BOOL).unwrap();
    /// assert_eq!(a.to_scalars(), vec![Scalar::Bool(false), Scalar::Bool(true)]);
    /// ```
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let n = self.itemsize();
        let offsets = self.element_offsets();
        self.storage.with_read(|b| offsets.iter().map(|&o| Scalar::from_bytes(&b[o..o + n], &self.dtype)).collect())
    }

    /// Byte offsets of every element in C order.
    fn element_offsets(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.size());
        let c_order = Plan {
            shape: self.shape.clone(),
            strides: self.strides.iter().map(|&s| [s]).collect(),
            offsets: [self.offset as isize],
            empty: self.shape.contains(&0),
        };
        c_order.for_each_run(|off, len, s| out.extend((0..len as isize).map(|i| (off[0] + i * s[0]) as usize)));
        out
    }

    /// Byte offset of one element; negative indices count from the end.
    fn element_offset(&self, index: &[isize]) -> Result<usize> {
        if index.len() != self.ndim() {
            return Err(Error::Value(format!(
                "{} indices given for a {}-dimensional array (get/set take one per axis)",
                index.len(),
                self.ndim()
            )));
        }
        let mut pos = self.offset as isize;
        for (axis, (&i, (&n, &s))) in index.iter().zip(self.shape.iter().zip(&self.strides)).enumerate() {
            let j = if i < 0 { i.checked_add(n as isize) } else { Some(i) };
            match j {
                Some(j) if j >= 0 && j < n as isize => pos += j * s,
                _ => return Err(Error::IndexOutOfBounds { index: i as i64, axis, size: n }),
            }
        }
        Ok(pos as usize)
    }
}

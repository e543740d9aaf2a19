//! Copies and element access: new storage, casts, and reading/writing elements.
//!
//! OWNER: copies helper. Owns `copy`, `flatten`, `ascontiguousarray`, `asfortranarray`, `astype`,
//! `assign`, `fill`, `get`/`set`, `to_bytes`, `to_vec`, `to_scalars`. All element movement goes
//! through the `iter` engine with kernels from `dtype::cast`; this module never builds views other
//! than the destination headers of its own copies.

use super::NdArray;
use crate::dtype::{DType, Element};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::{self, Order};
use crate::scalar::Scalar;
use crate::storage::Storage;
use crate::{Error, Result};

pub use crate::dtype::cast::Casting;

/// Resolves order `A` against an array: F if it is F-contiguous and not C-contiguous, else C.
fn resolve_a(a: &NdArray) -> Order {
    if a.flags.f_contiguous && !a.flags.c_contiguous {
        Order::F
    } else {
        Order::C
    }
}

impl NdArray {
    /// A copy with its own storage (NumPy's `arr.copy(order)`), same dtype (byte order kept).
    ///
    /// `C`/`F` give that layout; `A` gives F when `self` is F-contiguous and not C-contiguous,
    /// else C; `K` keeps `self`'s axis memory order with positive gap-free strides.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Storage};
    /// let s = Storage::from_vec((0..6i64).collect::<Vec<_>>());
    /// // A 2x3 view with F strides.
    /// let a = NdArray::from_raw_parts(s, DType::INT64, &[2, 3], &[8, 16], 0).unwrap();
    /// let c = a.copy(Order::C).unwrap();
    /// assert_eq!(c.strides(), &[24, 8]);
    /// assert_eq!(c.to_vec::<i64>().unwrap(), vec![0, 2, 4, 1, 3, 5]);
    /// assert_eq!(a.copy(Order::K).unwrap().strides(), &[8, 16]);
    /// assert!(c.flags().owndata);
    /// ```
    pub fn copy(&self, order: Order) -> Result<NdArray> {
        self.copy_as(self.dtype.clone(), order)
    }

    /// A new array of `dtype` laid out by `order` relative to `self`, filled from `self` with an
    /// unsafe cast.
    fn copy_as(&self, dtype: DType, order: Order) -> Result<NdArray> {
        let strides = match order {
            Order::C | Order::F => layout::alloc_strides(&self.shape, dtype.itemsize(), order),
            Order::A => layout::alloc_strides(&self.shape, dtype.itemsize(), resolve_a(self)),
            Order::K => layout::strides_like(&self.shape, &self.strides, self.itemsize(), dtype.itemsize()),
        };
        // Numeric elements are written whole by the assignment; other kernels may leave bytes
        // (record padding, string tails) that must read as zeros.
        let out = if dtype.num_type().is_some() {
            NdArray::alloc_for_overwrite(dtype, self.shape.clone(), strides)?
        } else {
            NdArray::alloc_with_strides(dtype, self.shape.clone(), strides)?
        };
        out.assign_unchecked(self)?;
        Ok(out)
    }

    /// A 1-d copy of the elements in the given reading order (NumPy's `arr.flatten(order)`).
    ///
    /// `K` reads axes by decreasing |stride| (NumPy's iterator order, in which a zero stride keeps
    /// C order), each in increasing index order (negative strides are not undone).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Storage};
    /// let s = Storage::from_vec((0..6i64).collect::<Vec<_>>());
    /// let a = NdArray::from_raw_parts(s, DType::INT64, &[2, 3], &[24, 8], 0).unwrap();
    /// assert_eq!(a.flatten(Order::F).unwrap().to_vec::<i64>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
    /// assert_eq!(a.flatten(Order::C).unwrap().shape(), &[6]);
    /// ```
    pub fn flatten(&self, order: Order) -> Result<NdArray> {
        let n = self.size();
        let itemsize = self.itemsize();
        let out = NdArray::alloc(self.dtype.clone(), &[n], Order::C)?;
        if n == 0 {
            return Ok(out);
        }
        let dst_strides = match order {
            Order::C | Order::F => layout::fill_strides(&self.shape, itemsize, order),
            Order::A => layout::fill_strides(&self.shape, itemsize, resolve_a(self)),
            Order::K => {
                // The iterator's K order: zero strides are ambiguous and keep C order.
                let perm = layout::iter_order_k(&self.shape, &self.strides);
                let mut st = vec![0isize; self.ndim()];
                let mut s = itemsize as isize;
                for &ax in perm.iter().rev() {
                    st[ax] = s;
                    s *= self.shape[ax] as isize;
                }
                st
            }
        };
        let view = NdArray::make(
            out.storage.clone(),
            self.dtype.clone(),
            self.shape.clone(),
            dst_strides,
            out.offset,
            false,
            true,
            None,
        )?;
        view.assign_unchecked(self)?;
        Ok(out)
    }

    /// `self` if it is C-contiguous with at least one dimension, else a C-ordered copy; a 0-d
    /// array becomes shape `(1,)` (NumPy's `np.ascontiguousarray`).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Scalar};
    /// let a = NdArray::from_scalar(Scalar::F64(2.0)).unwrap();
    /// assert_eq!(a.ascontiguousarray().unwrap().shape(), &[1]);
    /// let f = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::F).unwrap();
    /// assert_eq!(f.ascontiguousarray().unwrap().strides(), &[24, 8]);
    /// ```
    pub fn ascontiguousarray(&self) -> Result<NdArray> {
        self.as_ordered(Order::C)
    }

    /// `self` if it is F-contiguous with at least one dimension, else an F-ordered copy; a 0-d
    /// array becomes shape `(1,)` (NumPy's `np.asfortranarray`).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let c = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(c.asfortranarray().unwrap().strides(), &[8, 16]);
    /// ```
    pub fn asfortranarray(&self) -> Result<NdArray> {
        self.as_ordered(Order::F)
    }

    fn as_ordered(&self, order: Order) -> Result<NdArray> {
        if self.ndim() == 0 {
            let view =
                self.derive_view(self.dtype.clone(), vec![1], vec![self.itemsize() as isize], self.offset, true)?;
            return Ok(view);
        }
        let ok = if order == Order::F { self.flags.f_contiguous } else { self.flags.c_contiguous };
        if ok {
            Ok(self.clone())
        } else {
            self.copy(order)
        }
    }

    /// A new array of `dtype` in order K (NumPy's default `arr.astype(dtype, casting=...)`),
    /// failing with [`Error::Cast`] when `casting` does not allow the conversion.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Casting};
    /// let a = NdArray::from_vec(vec![1.9f64, -1.9, 300.0], &[3], Order::C).unwrap();
    /// let b = a.astype(&DType::UINT8, Casting::Unsafe).unwrap();
    /// assert_eq!(b.to_vec::<u8>().unwrap(), vec![1, 255, 44]);
    /// let e = a.astype(&DType::INT32, Casting::Safe).err().unwrap();
    /// assert_eq!(e.to_string(),
    ///     "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule 'safe'");
    /// ```
    pub fn astype(&self, dtype: &DType, casting: Casting) -> Result<NdArray> {
        self.astype_with(dtype, Order::K, casting, true)
    }

    /// NumPy's full `arr.astype(dtype, order, casting, copy)`: with `copy == false`, `self` is
    /// returned (the same handle) when the dtype is identical and the layout already satisfies
    /// `order` (C: C-contiguous, F: F-contiguous, A: either, K: any).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Casting};
    /// let a = NdArray::zeros(&[2, 2], DType::FLOAT32, Order::C).unwrap();
    /// let same = a.astype_with(&DType::FLOAT32, Order::K, Casting::No, false).unwrap();
    /// assert!(same.same_storage(&a));
    /// let f = a.astype_with(&DType::FLOAT64, Order::F, Casting::Safe, false).unwrap();
    /// assert_eq!(f.strides(), &[8, 16]);
    /// ```
    pub fn astype_with(&self, dtype: &DType, order: Order, casting: Casting, copy: bool) -> Result<NdArray> {
        let dtype = &crate::dtype::transfer::resolve_target(&self.dtype, dtype);
        if !crate::dtype::cast::can_cast(&self.dtype, dtype, casting) {
            return Err(crate::dtype::cast::cast_error(&self.dtype, dtype, casting, self.ndim() == 0));
        }
        if !copy && *dtype == self.dtype {
            let fits = match order {
                Order::C => self.flags.c_contiguous,
                Order::F => self.flags.f_contiguous,
                Order::A => self.flags.c_contiguous || self.flags.f_contiguous,
                Order::K => true,
            };
            if fits {
                return Ok(self.clone());
            }
        }
        self.copy_as(dtype.clone(), order)
    }

    /// Sets every element to `value`, converted to the dtype as NumPy's `fill` converts a Python
    /// value (see [`Scalar::cast_weak`]: an out-of-range integer is an error, not a wrap-around;
    /// text, datetimes and tuples as [`NdArray::set_item`] converts them).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let a = NdArray::zeros(&[2, 2], DType::INT16, Order::C).unwrap();
    /// a.fill(-1.5).unwrap();
    /// assert_eq!(a.to_vec::<i16>().unwrap(), vec![-1; 4]);
    /// assert!(a.fill(1e6).is_err()); // NumPy: Python integer 1000000 out of bounds for int16
    /// a.fill("12").unwrap();
    /// assert_eq!(a.to_vec::<i16>().unwrap(), vec![12; 4]);
    /// ```
    pub fn fill(&self, value: impl Into<crate::Item>) -> Result<()> {
        self.check_writeable()?;
        let mut elem = vec![0u8; self.itemsize()];
        value.into().write_element(&self.dtype, crate::dtype::Pack::Set, &mut elem)?;
        self.fill_element(&elem)
    }

    /// Writes the bytes of one element (already in this array's dtype) into every position.
    pub(crate) fn fill_element(&self, elem: &[u8]) -> Result<()> {
        self.check_writeable()?;
        let plan = Plan::new(&self.shape, &[(self.offset, &self.strides)])?;
        let n = elem.len();
        self.storage.with_write(|b| {
            plan.for_each_run(|len, offs, strides| {
                if strides[0] == n as isize {
                    b[offs[0]..offs[0] + len * n].chunks_exact_mut(n).for_each(|c| c.copy_from_slice(elem));
                } else {
                    let mut o = offs[0] as isize;
                    for _ in 0..len {
                        b[o as usize..o as usize + n].copy_from_slice(elem);
                        o += strides[0];
                    }
                }
            })
        })
    }

    /// The element at `index` (one index per axis; negative indices count from the end).
    ///
    /// ```
    /// use strider::{NdArray, Order, Scalar};
    /// let a = NdArray::from_vec(vec![1i32, 2, 3, 4], &[2, 2], Order::C).unwrap();
    /// assert_eq!(a.get(&[-1, 0]).unwrap(), Scalar::I32(3));
    /// assert!(a.get(&[2, 0]).is_err());
    /// ```
    pub fn get(&self, index: &[isize]) -> Result<Scalar> {
        if self.dtype.num_type().is_none() && self.dtype.time_unit().is_none() {
            // Strings, void and records have no Scalar: see element_bytes and to_strings.
            return Err(Error::Type(format!("elements of {} are not numbers", self.dtype)));
        }
        let at = self.element_offset(index)?;
        Ok(self.storage.with_read(|b| Scalar::from_bytes(&b[at..], &self.dtype)))
    }

    /// Writes `value` at `index`, converted as NumPy converts a Python number in `a[i] = v`
    /// (see [`Scalar::cast_weak`]).
    ///
    /// ```
    /// use strider::{NdArray, Order, Scalar};
    /// let a = NdArray::from_vec(vec![1u8, 2, 3], &[3], Order::C).unwrap();
    /// a.set(&[-1], 255i64).unwrap();
    /// assert_eq!(a.get(&[2]).unwrap(), Scalar::U8(255));
    /// assert_eq!(a.set(&[0], 257i64).unwrap_err().to_string(), "Python integer 257 out of bounds for uint8");
    /// ```
    pub fn set(&self, index: &[isize], value: impl Into<Scalar>) -> Result<()> {
        self.check_writeable()?;
        let at = self.element_offset(index)?;
        let t = self.num()?;
        let mut elem = vec![0u8; self.itemsize()];
        value.into().cast_weak(t)?.write_bytes(&self.dtype, &mut elem)?;
        self.storage.with_write(|b| b[at..at + elem.len()].copy_from_slice(&elem))
    }

    /// The elements in C order as Rust values; `T` must be the array's numeric type (any byte
    /// order), else [`Error::Type`].
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f32, 2.0], &[2], Order::C).unwrap();
    /// assert_eq!(a.to_vec::<f32>().unwrap(), vec![1.0, 2.0]);
    /// assert!(a.to_vec::<f64>().is_err());
    /// ```
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if self.dtype.num_type() != Some(T::NUM) {
            return Err(Error::Type(format!("array of dtype {} read as {}", self.dtype, T::NUM.name())));
        }
        let bytes = self.native_c_bytes()?;
        Ok(bytes.chunks_exact(self.itemsize()).map(T::from_ne_slice).collect())
    }

    /// The elements in C order as [`Scalar`]s.
    ///
    /// ```
    /// use strider::{NdArray, Order, Scalar};
    /// let a = NdArray::from_vec(vec![1i8, -2], &[2], Order::C).unwrap();
    /// assert_eq!(a.to_scalars(), vec![Scalar::I8(1), Scalar::I8(-2)]);
    /// ```
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let Ok(bytes) = self.native_c_bytes() else {
            return vec![];
        };
        let native = self.dtype.to_native();
        bytes.chunks_exact(self.itemsize()).map(|c| Scalar::from_bytes(c, &native)).collect()
    }

    /// The elements in C order, converted to native byte order.
    fn native_c_bytes(&self) -> Result<Vec<u8>> {
        let native = self.dtype.to_native();
        let c = if native == self.dtype { self.flatten(Order::C)? } else { self.copy_as(native, Order::C)? };
        Ok(c.raw_bytes())
    }

    /// The `nbytes` bytes of a contiguous array that owns them from its offset.
    fn raw_bytes(&self) -> Vec<u8> {
        let (o, n) = (self.offset, self.nbytes());
        self.storage.with_read(|b| b[o..o + n].to_vec())
    }

    /// Byte offset of one element; negative indices count from the end.
    pub(crate) fn element_offset(&self, index: &[isize]) -> Result<usize> {
        if index.len() != self.ndim() {
            return Err(Error::Value(format!(
                "{} indices given for a {}-dimensional array (get/set need one per axis)",
                index.len(),
                self.ndim()
            )));
        }
        let mut pos = self.offset as isize;
        for (axis, (&i, (&n, &s))) in index.iter().zip(self.shape.iter().zip(&self.strides)).enumerate() {
            let j = if i < 0 { i + n as isize } else { i };
            if j < 0 || j >= n as isize {
                return Err(Error::IndexOutOfBounds { index: i as i64, axis, size: n });
            }
            pos += j * s;
        }
        Ok(pos as usize)
    }

    /// The raw bytes of the elements in the given order, in the array's own byte order (NumPy's
    /// `arr.tobytes(order)`). As in NumPy, `K` means C here (`a.T.tobytes('K') == a.T.tobytes('C')`);
    /// `A` means F for an F-contiguous, non-C-contiguous array.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1u8, 2, 3, 4], &[2, 2], Order::C).unwrap();
    /// assert_eq!(a.to_bytes(Order::C).unwrap(), vec![1, 2, 3, 4]);
    /// assert_eq!(a.to_bytes(Order::F).unwrap(), vec![1, 3, 2, 4]);
    /// ```
    pub fn to_bytes(&self, order: Order) -> Result<Vec<u8>> {
        let order = if order == Order::K { Order::C } else { order };
        if self.dtype.record().is_some() {
            return crate::records::element_bytes_in_order(self, order);
        }
        Ok(self.flatten(order)?.raw_bytes())
    }

    /// NumPy's `self[...] = src`: broadcasts `src` to this shape (leading length-1 axes of `src`
    /// beyond this array's dimensions are ignored), casts unsafely, and copies. Safe when `src`
    /// overlaps `self`. Fails with [`Error::NotWriteable`] on a read-only array.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::C).unwrap();
    /// let row = NdArray::from_vec(vec![1i64, 2, 3], &[1, 1, 3], Order::C).unwrap();
    /// a.assign(&row).unwrap();
    /// assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0]);
    /// let bad = NdArray::zeros(&[2], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(a.assign(&bad).unwrap_err().to_string(),
    ///     "could not broadcast input array from shape (2,) into shape (2,3)");
    /// ```
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        self.check_writeable()?;
        self.assign_unchecked(src)
    }

    /// `assign` without the WRITEABLE check (for freshly allocated destinations).
    fn assign_unchecked(&self, src: &NdArray) -> Result<()> {
        let (from, to) = (src.dtype.num_type().map(|t| t.kind()), self.dtype.num_type().map(|t| t.kind()));
        if from == Some(crate::Kind::Complex)
            && matches!(to, Some(crate::Kind::Int | crate::Kind::UInt | crate::Kind::Float))
        {
            crate::ufunc::errstate::warn_as(
                "ComplexWarning",
                "Casting complex values to real discards the imaginary part",
            );
        }
        self.copy_elements(src)?;
        self.report_cast_flags(src)
    }

    /// The floating-point flags of casting `src` into this array's dtype (NumPy's "invalid value
    /// encountered in cast" for NaN into an integer, "overflow" for 1e300 into float32), read
    /// from the source values after the copy. The scan runs only for the type pairs that can
    /// raise something and when the error policy reports it.
    fn report_cast_flags(&self, src: &NdArray) -> Result<()> {
        use crate::ufunc::{ErrPolicy, ErrState};
        let (Some(f), Some(t)) = (src.dtype.num_type(), self.dtype.num_type()) else { return Ok(()) };
        let st: ErrState = crate::ufunc::geterr();
        if [st.invalid, st.over, st.under].iter().all(|&p| p == ErrPolicy::Ignore) || self.size() == 0 {
            return Ok(());
        }
        let Some(chk) = crate::dtype::cast::cast_check(f, t, st.under != ErrPolicy::Ignore) else { return Ok(()) };
        let Some(scan) = crate::dtype::cast::flag_kernel(&src.dtype) else { return Ok(()) };
        let skip = src.ndim().saturating_sub(self.ndim());
        let sstrides = broadcast_strides(&src.shape[skip..], &src.strides[skip..], &self.shape)?;
        let plan = Plan::new(&self.shape, &[(src.offset, &sstrides)])?;
        let mut flags = 0u8;
        src.storage.with_read(|b| plan.for_each_run(|len, offs, st| flags |= scan(len, b, offs[0], st[0], chk)));
        crate::ufunc::errstate::cast_flags(flags)
    }

    /// Copies `src` (broadcast) into this array, cast unsafely.
    fn copy_elements(&self, src: &NdArray) -> Result<()> {
        crate::accounting::record_copy(self.nbytes(), "this operation")?;
        let mut kernel = crate::dtype::transfer::kernel(&src.dtype, &self.dtype)?;
        let mut skip = 0;
        while src.ndim() - skip > self.ndim() && src.shape[skip] == 1 {
            skip += 1;
        }
        let sstrides = broadcast_strides(&src.shape[skip..], &src.strides[skip..], &self.shape).map_err(|_| {
            Error::Value(format!(
                "could not broadcast input array from shape {} into shape {}",
                layout::shape_str_compact(&src.shape[skip..]),
                layout::shape_str_compact(&self.shape)
            ))
        })?;
        if self.size() == 0 {
            return Ok(());
        }
        let dext = layout::byte_extent(&self.shape, &self.strides, self.itemsize())?;
        let sext = layout::byte_extent(&self.shape, &sstrides, src.itemsize())?;
        let (Some((dlo, dhi)), Some((slo, shi))) = (dext, sext) else {
            return Ok(());
        };
        let (dlo, dhi) = (self.offset as isize + dlo, self.offset as isize + dhi);
        let (slo, shi) = (src.offset as isize + slo, src.offset as isize + shi);
        let same = self.storage.same_as(&src.storage);
        if same && slo < dhi && dlo < shi {
            // Overlap: read from a private copy of the source.
            let tmp = src.copy(Order::K)?;
            return self.copy_elements(&tmp);
        }
        let plan = Plan::new(&self.shape, &[(self.offset, &self.strides), (src.offset, &sstrides)])?.blocked();
        if !same {
            if let Some(run) = crate::dtype::cast::run_kernel(&src.dtype, &self.dtype) {
                // Numeric elements: a plain function kernel, so the parts can run on many threads.
                let isz = self.itemsize();
                return Storage::with_sources_and_dest(&[&src.storage], &self.storage, |srcs, dst| {
                    let sbytes = srcs[0].unwrap_or_default();
                    crate::iter::par::for_parts(&plan, isz, dst, |p, d| {
                        p.for_each_run(|len, offs, strides| {
                            run(len, sbytes, offs[1], strides[1], d, offs[0], strides[0])
                        })
                    });
                });
            }
        }
        Storage::with_sources_and_dest(&[&src.storage], &self.storage, |srcs, dst| {
            let (sbytes, dbytes, sbase, dbase): (&[u8], &mut [u8], usize, usize) = match srcs[0] {
                Some(s) => (s, dst, 0, 0),
                None if shi <= dlo => {
                    let (a, b) = dst.split_at_mut(dlo as usize);
                    (&*a, b, 0, dlo as usize)
                }
                None => {
                    let (a, b) = dst.split_at_mut(slo as usize);
                    (&*b, a, slo as usize, 0)
                }
            };
            let mut failed = None;
            plan.for_each_run(|len, offs, strides| {
                if failed.is_none() {
                    let r = kernel(len, sbytes, offs[1] - sbase, strides[1], dbytes, offs[0] - dbase, strides[0]);
                    failed = r.err();
                }
            });
            failed.map_or(Ok(()), Err)
        })?
    }

    fn num(&self) -> Result<crate::NumType> {
        self.dtype.num_type().ok_or_else(|| Error::Type(format!("dtype {} is not numeric", self.dtype)))
    }
}

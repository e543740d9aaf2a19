//! New arrays: `empty`, `zeros`, `ones`, `full`, `arange`, `linspace`, `eye`, `identity`, the
//! `_like` forms, and arrays from Rust data or raw parts.

use super::NdArray;
use crate::dtype::{DType, Element, NumType};
use crate::layout::{self, Order};
use crate::scalar::Scalar;
use crate::storage::Storage;
use crate::{Error, Result};

/// The dtype, shape and strides of an `empty_like(proto, dtype, order, shape)` result.
fn like_layout(
    proto: &NdArray,
    dtype: Option<DType>,
    order: Order,
    shape: Option<&[usize]>,
) -> (DType, Vec<usize>, Vec<isize>) {
    let dtype = dtype.unwrap_or_else(|| proto.dtype.clone());
    let order = match order {
        Order::A if proto.flags.f_contiguous && !proto.flags.c_contiguous => Order::F,
        Order::A => Order::C,
        o => o,
    };
    let (shape, strides) = match (order, shape) {
        (Order::K, None) => (
            proto.shape.clone(),
            layout::strides_like(&proto.shape, &proto.strides, proto.itemsize(), dtype.itemsize()),
        ),
        (Order::K, Some(s)) if s.len() == proto.ndim() => {
            (s.to_vec(), layout::strides_like(s, &proto.strides, proto.itemsize(), dtype.itemsize()))
        }
        (Order::K, Some(s)) => (s.to_vec(), layout::alloc_strides(s, dtype.itemsize(), Order::C)),
        (o, s) => {
            let s = s.unwrap_or(&proto.shape);
            (s.to_vec(), layout::alloc_strides(s, dtype.itemsize(), o))
        }
    };
    (dtype, shape, strides)
}

fn check_order(order: Order) -> Result<Order> {
    match order {
        Order::C | Order::F => Ok(order),
        o => Err(Error::Value(format!("only 'C' or 'F' order is permitted for a new array, not {o:?}"))),
    }
}

impl NdArray {
    /// A new array whose contents are unspecified, as NumPy's `empty`: the caller writes the
    /// elements before reading them. Never uninitialised memory: a small array is zeroed, and a
    /// large one may hold the bytes of a freed Strider array (saving a pass over the memory, which
    /// is what NumPy's `empty` saves). Use [`NdArray::zeros`] for zeros. Order C or F.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let a = NdArray::empty(&[0, 3], DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(a.strides(), &[0, 0]); // NumPy's strides for a fresh empty array
    /// ```
    pub fn empty(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        let strides = layout::alloc_strides(shape, dtype.itemsize(), check_order(order)?);
        NdArray::alloc_for_overwrite(dtype, shape.to_vec(), strides)
    }

    /// A new array of zeros.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let a = NdArray::zeros(&[2, 3], DType::INT32, Order::F).unwrap();
    /// assert_eq!(a.strides(), &[4, 8]);
    /// assert!(a.flags().f_contiguous && a.flags().owndata);
    /// ```
    pub fn zeros(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        NdArray::alloc(dtype, shape, check_order(order)?)
    }

    /// A new array of ones.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Scalar};
    /// let a = NdArray::ones(&[2], DType::FLOAT32, Order::C).unwrap();
    /// assert_eq!(a.get(&[1]).unwrap(), Scalar::F32(1.0));
    /// ```
    pub fn ones(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        NdArray::full(shape, Scalar::I64(1), dtype, order)
    }

    /// A new array filled with `value`, converted to `dtype` as NumPy's `full` does (its
    /// `copyto(..., casting='unsafe')`): floats with unsafe casting (`full(2, -1.5, uint8)`
    /// wraps), integers only if they fit, text parsed for datetimes and numbers, a tuple as a
    /// 1-d array broadcast along the last axis (see [`Item`](crate::Item)).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Scalar};
    /// let a = NdArray::full(&[2, 2], 7i64, DType::INT16, Order::C).unwrap();
    /// assert_eq!(a.get(&[1, 1]).unwrap(), Scalar::I16(7));
    /// let s = NdArray::full(&[3], "ab", "U3".parse().unwrap(), Order::C).unwrap();
    /// assert_eq!(format!("{s:?}"), "array(['ab', 'ab', 'ab'], dtype='<U3')");
    /// let t = NdArray::full(&[2], "NaT", "M8[s]".parse().unwrap(), Order::C).unwrap();
    /// assert_eq!(format!("{t:?}"), "array(['NaT', 'NaT'], dtype='datetime64[s]')");
    /// ```
    pub fn full(shape: &[usize], value: impl Into<crate::Item>, dtype: DType, order: Order) -> Result<NdArray> {
        let a = NdArray::alloc(dtype, shape, check_order(order)?)?;
        a.copy_value_in(value.into())?;
        Ok(a)
    }

    /// Evenly spaced values in `[start, stop)` (NumPy's `arange`): `ceil((stop - start) / step)`
    /// elements; the first two values are converted to `dtype` and the rest follow their
    /// difference, computed in `dtype`, as NumPy does.
    ///
    /// ```
    /// use strider::{NdArray, DType, Scalar};
    /// let a = NdArray::arange(2.5, -3.0, -1.2, DType::INT16).unwrap();
    /// assert_eq!(a.to_vec::<i16>().unwrap(), vec![2, 1, 0, -1, -2]);
    /// ```
    pub fn arange(start: f64, stop: f64, step: f64, dtype: DType) -> Result<NdArray> {
        if step == 0.0 {
            return Err(Error::Value("Maximum allowed size exceeded: arange step is zero".into()));
        }
        let len = ((stop - start) / step).ceil();
        if !len.is_finite() {
            return Err(Error::Value("arange: cannot compute length".into()));
        }
        let n = if len <= 0.0 { 0 } else { len as usize };
        if n as f64 > (isize::MAX as f64) {
            return Err(Error::Value("Maximum allowed size exceeded".into()));
        }
        let t = num(&dtype)?;
        if t == NumType::Bool && n > 2 {
            return Err(Error::Type(
                "arange() is only supported for booleans when the result has at most length 2.".into(),
            ));
        }
        let a = NdArray::alloc(dtype.clone(), &[n], Order::C)?;
        // NumPy converts the first two values (as Python numbers) only when they are needed.
        let first = if n >= 1 { Scalar::F64(start).cast_weak(t)? } else { Scalar::F64(0.0).cast(t) };
        let second = if n >= 2 { Scalar::F64(start + step).cast_weak(t)? } else { first };
        a.write_native_contiguous(|out: &mut [u8]| crate::dispatch_num!(t, T => fill_affine::<T>(out, first, second)))?;
        Ok(a)
    }

    /// `num` evenly spaced samples from `start` to `stop` (NumPy's `linspace`), computed in
    /// float64 and converted to `dtype` (integer dtypes take the floor, as NumPy does).
    ///
    /// ```
    /// use strider::{NdArray, DType};
    /// let a = NdArray::linspace(0.0, 10.0, 5, true, DType::INT32).unwrap();
    /// assert_eq!(a.to_vec::<i32>().unwrap(), vec![0, 2, 5, 7, 10]);
    /// ```
    pub fn linspace(start: f64, stop: f64, num: usize, endpoint: bool, dtype: DType) -> Result<NdArray> {
        let div = if endpoint { num.saturating_sub(1) } else { num };
        let delta = stop - start;
        let step = delta / div as f64;
        let mut v: Vec<f64> = (0..num)
            .map(|i| {
                let y = i as f64;
                let y = if div == 0 {
                    y * delta
                } else if step == 0.0 {
                    (y / div as f64) * delta
                } else {
                    y * step
                };
                y + start
            })
            .collect();
        if endpoint && num > 1 {
            v[num - 1] = stop;
        }
        let t = self::num(&dtype)?;
        if t.is_integer() {
            v.iter_mut().for_each(|x| *x = x.floor());
        }
        let a = NdArray::from_vec(v, &[num], Order::C)?;
        if t == NumType::Float64 && dtype.is_native() {
            // NumPy's float64 result is a reshaped view of its working buffer when num > 1.
            return Ok(if num > 1 { a.view() } else { a });
        }
        a.astype(&dtype, crate::Casting::Unsafe)
    }

    /// A 2-d array with ones on the `k`-th diagonal and zeros elsewhere (NumPy's `eye`).
    ///
    /// ```
    /// use strider::{NdArray, DType, Order, Scalar};
    /// let e = NdArray::eye(3, Some(4), 1, DType::FLOAT64, Order::C).unwrap();
    /// assert_eq!(e.get(&[0, 1]).unwrap(), Scalar::F64(1.0));
    /// assert_eq!(e.get(&[0, 0]).unwrap(), Scalar::F64(0.0));
    /// ```
    pub fn eye(n: usize, m: Option<usize>, k: isize, dtype: DType, order: Order) -> Result<NdArray> {
        let m = m.unwrap_or(n);
        let a = NdArray::alloc(dtype.clone(), &[n, m], check_order(order)?)?;
        let one = Scalar::Bool(true).cast(num(&dtype)?);
        let mut elem = vec![0u8; dtype.itemsize()];
        one.write_bytes(&dtype, &mut elem)?;
        let strides = a.strides.clone();
        a.storage.with_write(|bytes| {
            for i in 0..n {
                let j = i as isize + k;
                if j >= 0 && (j as usize) < m {
                    let at = a.offset + (i as isize * strides[0] + j * strides[1]) as usize;
                    bytes[at..at + elem.len()].copy_from_slice(&elem);
                }
            }
        })?;
        Ok(a)
    }

    /// The `n` x `n` identity matrix.
    ///
    /// ```
    /// use strider::{NdArray, DType};
    /// assert_eq!(NdArray::identity(2, DType::INT8).unwrap().to_vec::<i8>().unwrap(), vec![1, 0, 0, 1]);
    /// ```
    pub fn identity(n: usize, dtype: DType) -> Result<NdArray> {
        NdArray::eye(n, None, 0, dtype, Order::C)
    }

    /// A new array with the shape of `proto` (or `shape`), its dtype (or `dtype`), laid out in
    /// `order` (K keeps the prototype's axis memory order, as NumPy's `empty_like`); its contents
    /// are unspecified, as [`NdArray::empty`]'s are.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let t = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::C).unwrap().transpose(None).unwrap();
    /// let e = NdArray::empty_like(&t, None, Order::K, None).unwrap();
    /// assert_eq!(e.strides(), &[8, 24]);
    /// ```
    pub fn empty_like(proto: &NdArray, dtype: Option<DType>, order: Order, shape: Option<&[usize]>) -> Result<NdArray> {
        let (dtype, shape, strides) = like_layout(proto, dtype, order, shape);
        NdArray::alloc_for_overwrite(dtype, shape, strides)
    }

    /// `empty_like` filled with zeros.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let f = NdArray::ones(&[2, 3], DType::INT8, Order::F).unwrap();
    /// let z = NdArray::zeros_like(&f, Some(DType::FLOAT32), Order::K, None).unwrap();
    /// assert_eq!((z.strides(), z.to_vec::<f32>().unwrap()), (&[4, 8][..], vec![0.0; 6]));
    /// ```
    pub fn zeros_like(proto: &NdArray, dtype: Option<DType>, order: Order, shape: Option<&[usize]>) -> Result<NdArray> {
        let (dtype, shape, strides) = like_layout(proto, dtype, order, shape);
        NdArray::alloc_with_strides(dtype, shape, strides)
    }

    /// `empty_like` filled with ones.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let p = NdArray::zeros(&[2], DType::UINT16, Order::C).unwrap();
    /// assert_eq!(NdArray::ones_like(&p, None, Order::K, None).unwrap().to_vec::<u16>().unwrap(), vec![1, 1]);
    /// ```
    pub fn ones_like(proto: &NdArray, dtype: Option<DType>, order: Order, shape: Option<&[usize]>) -> Result<NdArray> {
        NdArray::full_like(proto, Scalar::I64(1), dtype, order, shape)
    }

    /// `empty_like` filled with `value`, converted as [`NdArray::full`] converts it.
    ///
    /// ```
    /// use strider::{NdArray, DType, Order};
    /// let p = NdArray::zeros(&[3], DType::INT64, Order::C).unwrap();
    /// let f = NdArray::full_like(&p, 2.9f64, None, Order::K, None).unwrap();
    /// assert_eq!(f.to_vec::<i64>().unwrap(), vec![2, 2, 2]);
    /// let s = NdArray::full_like(&p, 2.5f64, Some("U2".parse().unwrap()), Order::K, None).unwrap();
    /// assert_eq!(s.to_string(), "['2.' '2.' '2.']");
    /// ```
    pub fn full_like(
        proto: &NdArray,
        value: impl Into<crate::Item>,
        dtype: Option<DType>,
        order: Order,
        shape: Option<&[usize]>,
    ) -> Result<NdArray> {
        let a = NdArray::zeros_like(proto, dtype, order, shape)?;
        a.copy_value_in(value.into())?;
        Ok(a)
    }

    /// An array that takes ownership of `data` without copying, read in C or F order.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i32, 2, 3, 4, 5, 6], &[2, 3], Order::F).unwrap();
    /// assert_eq!(a.strides(), &[4, 8]);
    /// assert!(NdArray::from_vec(vec![1u8, 2], &[3], Order::C).is_err());
    /// ```
    pub fn from_vec<T: Element>(data: Vec<T>, shape: &[usize], order: Order) -> Result<NdArray> {
        let n = layout::checked_size(shape)?;
        if n != data.len() {
            return Err(Error::Value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                layout::shape_str(shape)
            )));
        }
        let dtype = DType::of::<T>();
        let strides = if n == 0 {
            vec![0; shape.len()]
        } else {
            layout::fill_strides(shape, dtype.itemsize(), check_order(order)?)
        };
        NdArray::make(Storage::from_vec(data), dtype, shape.to_vec(), strides, 0, true, true, None)
    }

    /// An array that copies `data`, read in C or F order.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_slice(&[1.0f64, 2.0], &[2], Order::C).unwrap();
    /// assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 2.0]);
    /// ```
    pub fn from_slice<T: Element>(data: &[T], shape: &[usize], order: Order) -> Result<NdArray> {
        NdArray::from_vec(data.to_vec(), shape, order)
    }

    /// A 0-d array holding one value.
    ///
    /// ```
    /// use strider::{NdArray, Scalar};
    /// let a = NdArray::from_scalar(Scalar::I8(3)).unwrap();
    /// assert_eq!(a.ndim(), 0);
    /// assert_eq!(a.get(&[]).unwrap(), Scalar::I8(3));
    /// ```
    pub fn from_scalar(value: Scalar) -> Result<NdArray> {
        NdArray::full(&[], value, value.dtype(), Order::C)
    }

    /// An array over existing storage with an explicit layout (NumPy's `ndarray(buffer=...,
    /// offset=, strides=)`), checked: every byte the layout can reach must lie inside the storage,
    /// or this returns [`Error::OutOfStorage`]. The array does not own its data; it is writeable
    /// when the storage is.
    ///
    /// ```
    /// use strider::{NdArray, DType, Storage};
    /// let s = Storage::from_vec(vec![0u8; 16]);
    /// let a = NdArray::from_raw_parts(s.clone(), DType::INT32, &[2], &[-4], 4).unwrap();
    /// assert_eq!(a.strides(), &[-4]);
    /// assert!(NdArray::from_raw_parts(s, DType::INT32, &[5], &[4], 0).is_err());
    /// ```
    pub fn from_raw_parts(
        storage: Storage,
        dtype: DType,
        shape: &[usize],
        strides: &[isize],
        offset: usize,
    ) -> Result<NdArray> {
        NdArray::make(storage, dtype, shape.to_vec(), strides.to_vec(), offset, false, true, None)
    }

    /// Like [`NdArray::from_raw_parts`] without the bounds check.
    ///
    /// # Safety
    /// Every byte reachable by the layout — for each index `i` with `0 <= i[k] < shape[k]`, the
    /// bytes `offset + Σ i[k]·strides[k] .. + dtype.itemsize()` — must lie inside `storage`, the
    /// shape's element count must fit in `isize`, and `shape.len() == strides.len() <= 64`.
    /// Strider's kernels index the storage without further checks on that promise.
    pub unsafe fn from_raw_parts_unchecked(
        storage: Storage,
        dtype: DType,
        shape: &[usize],
        strides: &[isize],
        offset: usize,
    ) -> NdArray {
        let itemsize = dtype.itemsize();
        let flags = super::Flags {
            c_contiguous: layout::is_c_contiguous(shape, strides, itemsize),
            f_contiguous: layout::is_f_contiguous(shape, strides, itemsize),
            owndata: false,
            writeable: storage.is_mutable(),
            aligned: layout::is_aligned(storage.address().wrapping_add(offset), shape, strides, dtype.alignment()),
        };
        NdArray {
            storage,
            dtype,
            shape: shape.to_vec(),
            strides: strides.to_vec(),
            offset,
            flags,
            base: None,
            as_base: std::sync::OnceLock::new(),
        }
    }

    /// Writes the elements of a freshly allocated, C-contiguous, native array through `f`, which
    /// receives exactly its `nbytes` bytes; byte-swapped dtypes are swapped afterwards.
    fn write_native_contiguous(&self, f: impl FnOnce(&mut [u8])) -> Result<()> {
        debug_assert!(self.flags.c_contiguous && self.flags.owndata);
        let (start, n, t) = (self.offset, self.nbytes(), num(&self.dtype)?);
        let swap = !self.dtype.is_native();
        self.storage.with_write(|bytes| {
            let region = &mut bytes[start..start + n];
            f(region);
            if swap {
                region.chunks_exact_mut(t.itemsize()).for_each(|e| crate::scalar::swap_in_place(e, t));
            }
        })
    }
}

fn num(dtype: &DType) -> Result<NumType> {
    dtype.num_type().ok_or_else(|| Error::Type(format!("dtype {dtype} is not numeric")))
}

/// `out[i] = first + i * (second - first)` computed in `T` (NumPy's `fill` for arange).
fn fill_affine<T: Element + Affine>(out: &mut [u8], first: Scalar, second: Scalar) {
    let size = std::mem::size_of::<T>();
    let (a, b) = (T::from_scalar(first), T::from_scalar(second));
    let delta = b.sub(a);
    for (i, chunk) in out.chunks_exact_mut(size).enumerate() {
        let v = match i {
            0 => a,
            1 => b,
            _ => a.add_scaled(delta, i),
        };
        v.write_ne_slice(chunk);
    }
}

/// The arithmetic arange needs, per element type.
trait Affine: Sized {
    fn from_scalar(s: Scalar) -> Self;
    fn sub(self, o: Self) -> Self;
    fn add_scaled(self, d: Self, i: usize) -> Self;
}

macro_rules! affine_int {
    ($($t:ty => $v:ident),*) => {$(
        impl Affine for $t {
            fn from_scalar(s: Scalar) -> Self { if let Scalar::$v(x) = s { x } else { unreachable!("cast to own type") } }
            fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            fn add_scaled(self, d: Self, i: usize) -> Self { self.wrapping_add(d.wrapping_mul(i as $t)) }
        }
    )*};
}
affine_int!(i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16, u32 => U32, u64 => U64);

macro_rules! affine_float {
    ($($t:ty => $v:ident),*) => {$(
        impl Affine for $t {
            fn from_scalar(s: Scalar) -> Self { if let Scalar::$v(x) = s { x } else { unreachable!("cast to own type") } }
            fn sub(self, o: Self) -> Self { self - o }
            fn add_scaled(self, d: Self, i: usize) -> Self { self + (i as $t) * d }
        }
    )*};
}
affine_float!(f32 => F32, f64 => F64);

impl Affine for bool {
    fn from_scalar(s: Scalar) -> Self {
        matches!(s, Scalar::Bool(true))
    }
    fn sub(self, _: Self) -> Self {
        self
    }
    fn add_scaled(self, _: Self, _: usize) -> Self {
        self
    }
}

impl Affine for half::f16 {
    fn from_scalar(s: Scalar) -> Self {
        if let Scalar::F16(x) = s {
            x
        } else {
            unreachable!("cast to own type")
        }
    }
    fn sub(self, o: Self) -> Self {
        half::f16::from_f32(self.to_f32() - o.to_f32())
    }
    // NumPy computes half arange in float32.
    fn add_scaled(self, d: Self, i: usize) -> Self {
        half::f16::from_f32(self.to_f32() + i as f32 * d.to_f32())
    }
}

macro_rules! affine_complex {
    ($($t:ty => $v:ident, $r:ty),*) => {$(
        impl Affine for $t {
            fn from_scalar(s: Scalar) -> Self { if let Scalar::$v(x) = s { x } else { unreachable!("cast to own type") } }
            fn sub(self, o: Self) -> Self { self - o }
            fn add_scaled(self, d: Self, i: usize) -> Self { self + d * (i as $r) }
        }
    )*};
}
affine_complex!(num_complex::Complex32 => C64, f32, num_complex::Complex64 => C128, f64);

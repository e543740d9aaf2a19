//! A growable array: amortized O(1) append along axis 0, finished into an ordinary array
//! without a further copy (beyond NumPy, whose answer is "collect in a list, concatenate once").
//!
//! Owns [`GrowableArray`]. It keeps one owning C-ordered buffer of `capacity` rows and doubles it
//! when full, so `n` appended rows cost O(n) copied bytes in total, where NumPy's
//! loop of `np.concatenate` copies O(n²). A buffer of large-block storage that no view shares
//! grows in place instead (the kernel remaps its pages, `Storage::try_grow`), so on Linux a large
//! growable array moves no bytes at all as it doubles. A buffer that must move (out of the heap,
//! or away from a view that shares it) takes a whole freed block from the storage cache when one
//! fits, so a program that builds arrays one after another reuses their memory. Element movement
//! goes through `NdArray::assign`, so the [`accounting`](crate::accounting) counters see every
//! copy. It may not touch other arrays' storage.

use crate::index::IndexItem;
use crate::{can_cast, Casting, DType, Error, NdArray, Order, Result, Storage};

/// An array that grows along axis 0 (rows of a fixed `row_shape`).
///
/// ```
/// use strider::{accounting, DType, GrowableArray, NdArray, Order};
/// let mut g = GrowableArray::new(DType::FLOAT64, &[2]).unwrap();
/// for i in 0..10 {
///     g.push(&NdArray::full(&[2], i as f64, DType::FLOAT64, Order::C).unwrap()).unwrap();
/// }
/// assert_eq!((g.len(), g.capacity()), (10, 16));
/// let a = accounting::no_copy(|| g.finish()).unwrap(); // finish hands the buffer over
/// assert_eq!(a.shape(), &[10, 2]);
/// assert!(a.flags().owndata && a.flags().c_contiguous);
/// ```
#[derive(Clone, Debug)]
pub struct GrowableArray {
    /// Owning buffer of shape `[capacity, row_shape...]`, C order.
    buf: NdArray,
    len: usize,
    row_shape: Vec<usize>,
}

impl GrowableArray {
    /// An empty growable array of `dtype` whose rows have shape `row_shape` (`&[]` for scalars).
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// let g = GrowableArray::new(DType::INT32, &[3]).unwrap();
    /// assert!(g.is_empty());
    /// assert_eq!(g.view().shape(), &[0, 3]);
    /// ```
    pub fn new(dtype: DType, row_shape: &[usize]) -> Result<GrowableArray> {
        GrowableArray::with_capacity(dtype, row_shape, 0)
    }

    /// Like [`GrowableArray::new`] with room for `capacity` rows before the first growth.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// assert_eq!(GrowableArray::with_capacity(DType::UINT8, &[], 100).unwrap().capacity(), 100);
    /// ```
    pub fn with_capacity(dtype: DType, row_shape: &[usize], capacity: usize) -> Result<GrowableArray> {
        if dtype.num_type().is_none() {
            return Err(Error::Type(format!("a growable array needs a numeric dtype, not {dtype}")));
        }
        let buf = NdArray::alloc(dtype, &shape_with(capacity, row_shape), Order::C)?;
        Ok(GrowableArray { buf, len: 0, row_shape: row_shape.to_vec() })
    }

    /// Number of rows appended.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// assert_eq!(GrowableArray::new(DType::INT8, &[]).unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no row has been appended.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// assert!(GrowableArray::new(DType::INT8, &[]).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Rows that fit before the buffer grows again.
    ///
    /// ```
    /// use strider::{DType, GrowableArray, NdArray};
    /// let mut g = GrowableArray::new(DType::INT64, &[]).unwrap();
    /// g.extend(&NdArray::arange(0.0, 5.0, 1.0, DType::INT64).unwrap()).unwrap();
    /// assert!(g.capacity() >= 5);
    /// ```
    pub fn capacity(&self) -> usize {
        self.buf.shape()[0]
    }

    /// The element type.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// assert_eq!(GrowableArray::new(DType::FLOAT32, &[]).unwrap().dtype(), &DType::FLOAT32);
    /// ```
    pub fn dtype(&self) -> &DType {
        self.buf.dtype()
    }

    /// The shape of one row.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// assert_eq!(GrowableArray::new(DType::FLOAT32, &[2, 3]).unwrap().row_shape(), &[2, 3]);
    /// ```
    pub fn row_shape(&self) -> &[usize] {
        &self.row_shape
    }

    /// Appends one row of shape `row_shape`, cast safely to the dtype (an unsafe cast is an
    /// error, as `Casting::Safe` says).
    ///
    /// ```
    /// use strider::{DType, GrowableArray, NdArray, Order};
    /// let mut g = GrowableArray::new(DType::FLOAT64, &[2]).unwrap();
    /// g.push(&NdArray::from_vec(vec![1i32, 2], &[2], Order::C).unwrap()).unwrap();
    /// let c = NdArray::from_vec(vec![num_complex::Complex64::new(1.0, 0.0); 2], &[2], Order::C).unwrap();
    /// assert_eq!(g.push(&c).unwrap_err().numpy_class(), "TypeError");
    /// ```
    pub fn push(&mut self, row: &NdArray) -> Result<()> {
        if row.shape() != self.row_shape.as_slice() {
            return Err(Error::Value(format!(
                "a row of shape {} does not match the growable array's rows of shape {}",
                crate::layout::shape_str(row.shape()),
                crate::layout::shape_str(&self.row_shape)
            )));
        }
        let rows = row.expand_dims(&[0])?;
        self.extend(&rows)
    }

    /// Appends many rows: `rows` has shape `[k, row_shape...]`; cast as in
    /// [`GrowableArray::push`].
    ///
    /// ```
    /// use strider::{DType, GrowableArray, NdArray};
    /// let mut g = GrowableArray::new(DType::INT64, &[2]).unwrap();
    /// g.extend(&NdArray::arange(0.0, 6.0, 1.0, DType::INT64).unwrap().reshape(&[3, 2]).unwrap()).unwrap();
    /// assert_eq!(g.view().to_vec::<i64>().unwrap(), vec![0, 1, 2, 3, 4, 5]);
    /// ```
    pub fn extend(&mut self, rows: &NdArray) -> Result<()> {
        if rows.ndim() != self.row_shape.len() + 1 || rows.shape()[1..] != self.row_shape[..] {
            return Err(Error::Value(format!(
                "rows of shape {} do not match the growable array's rows of shape {}",
                crate::layout::shape_str(rows.shape()),
                crate::layout::shape_str(&self.row_shape)
            )));
        }
        if !can_cast(rows.dtype(), self.dtype(), Casting::Safe) {
            return Err(Error::Cast {
                scalar: false,
                from: rows.dtype().to_string(),
                to: self.dtype().to_string(),
                casting: "safe".into(),
            });
        }
        let k = rows.shape()[0];
        self.reserve(k)?;
        let dst = self.buf.slice(&[rows_range(self.len, self.len + k)])?;
        dst.assign(rows)?;
        self.len += k;
        Ok(())
    }

    /// Makes room for `additional` more rows, at least doubling the capacity when it grows.
    ///
    /// ```
    /// use strider::{DType, GrowableArray};
    /// let mut g = GrowableArray::new(DType::INT8, &[]).unwrap();
    /// g.reserve(10).unwrap();
    /// assert!(g.capacity() >= 10);
    /// ```
    pub fn reserve(&mut self, additional: usize) -> Result<()> {
        let need = self.len.checked_add(additional).ok_or_else(|| Error::Value("array is too big".into()))?;
        if need <= self.capacity() {
            return Ok(());
        }
        let cap = need.max(self.capacity().saturating_mul(2)).max(4);
        // A large buffer nothing else shares grows by remapping its pages: no bytes move.
        if self.buf.try_grow_rows(cap) {
            return Ok(());
        }
        let new = self.new_buffer(cap)?;
        if self.len > 0 {
            let filled = rows_range(0, self.len);
            new.slice(&[filled])?.assign(&self.buf.slice(&[filled])?)?;
        }
        self.buf = new;
        Ok(())
    }

    /// A new buffer of at least `cap` rows: as many as its storage holds, which for a large
    /// buffer may be a whole freed block taken from the cache (see `Storage::for_growth`). Rows
    /// past `len` are never read before they are written, so the storage is not zeroed.
    fn new_buffer(&self, cap: usize) -> Result<NdArray> {
        let dtype = self.dtype().clone();
        let row_bytes = self.row_shape.iter().try_fold(dtype.itemsize(), |n, &d| n.checked_mul(d));
        let bytes = row_bytes.and_then(|r| r.checked_mul(cap));
        let (Some(row_bytes), Some(bytes)) = (row_bytes, bytes) else {
            return Err(Error::Value("array is too big".into()));
        };
        if row_bytes == 0 {
            return NdArray::alloc(dtype, &shape_with(cap, &self.row_shape), Order::C);
        }
        let storage = Storage::for_growth(bytes)?;
        let shape = shape_with(storage.len() / row_bytes, &self.row_shape);
        NdArray::owning_c(storage, dtype, shape, 0)
    }

    /// A view of the filled rows (shape `[len, row_shape...]`); it shares memory with the buffer
    /// until the buffer grows.
    ///
    /// ```
    /// use strider::{DType, GrowableArray, NdArray};
    /// let mut g = GrowableArray::with_capacity(DType::INT64, &[], 8).unwrap();
    /// g.extend(&NdArray::arange(0.0, 3.0, 1.0, DType::INT64).unwrap()).unwrap();
    /// let v = g.view();
    /// assert!(!v.flags().owndata && v.shape() == &[3]);
    /// ```
    pub fn view(&self) -> NdArray {
        match self.buf.slice(&[rows_range(0, self.len)]) {
            Ok(v) => v,
            Err(e) => unreachable!("the filled rows lie inside the buffer: {e}"),
        }
    }

    /// The filled rows as an ordinary owning, C-contiguous array, **without copying**: the
    /// buffer becomes the array's storage. A large buffer that no view shares hands its unused
    /// whole pages back to the kernel (the rows stay where they are); otherwise the storage keeps
    /// the buffer's capacity, which `copy` trims.
    ///
    /// ```
    /// use strider::{accounting, DType, GrowableArray, NdArray};
    /// let mut g = GrowableArray::new(DType::INT16, &[]).unwrap();
    /// g.extend(&NdArray::arange(0.0, 3.0, 1.0, DType::INT16).unwrap()).unwrap();
    /// let a = accounting::no_copy(|| g.finish()).unwrap();
    /// assert_eq!(a.to_vec::<i16>().unwrap(), vec![0, 1, 2]);
    /// ```
    pub fn finish(mut self) -> Result<NdArray> {
        if self.buf.try_trim_rows(self.len) {
            return Ok(self.buf);
        }
        let shape = shape_with(self.len, &self.row_shape);
        NdArray::owning_prefix(&self.buf, shape)
    }
}

fn shape_with(rows: usize, row_shape: &[usize]) -> Vec<usize> {
    let mut s = Vec::with_capacity(row_shape.len() + 1);
    s.push(rows);
    s.extend_from_slice(row_shape);
    s
}

fn rows_range(start: usize, stop: usize) -> IndexItem {
    IndexItem::Slice { start: Some(start as isize), stop: Some(stop as isize), step: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_rows_and_keeps_data_across_growth() {
        let mut g = GrowableArray::new(DType::INT32, &[2]).unwrap();
        assert!(g.push(&NdArray::zeros(&[3], DType::INT32, Order::C).unwrap()).is_err());
        assert_eq!(
            g.push(&NdArray::zeros(&[2], DType::INT64, Order::C).unwrap()).unwrap_err().to_string(),
            "Cannot cast array data from dtype('int64') to dtype('int32') according to the rule 'safe'"
        );
        for i in 0..9 {
            g.push(&NdArray::full(&[2], i as i64, DType::INT16, Order::C).unwrap()).unwrap();
        }
        let a = g.finish().unwrap();
        assert_eq!(a.to_vec::<i32>().unwrap(), (0..9).flat_map(|i| [i, i]).collect::<Vec<_>>());
        assert!(a.base().is_none());
    }

    #[test]
    fn finishing_a_large_buffer_hands_back_its_spare_pages_unless_a_view_shares_it() {
        let row = NdArray::arange(0.0, 65536.0, 1.0, DType::FLOAT64).unwrap(); // 512 KiB rows
        let build = || {
            let mut g = GrowableArray::with_capacity(DType::FLOAT64, &[65536], 64).unwrap(); // 32 MiB
            for _ in 0..9 {
                g.push(&row).unwrap();
            }
            g
        };
        let g = build();
        let a = crate::accounting::no_copy(|| g.finish()).unwrap();
        assert_eq!(a.shape(), &[9, 65536]);
        assert!(a.flags().owndata && a.flags().c_contiguous && a.base().is_none());
        assert_eq!(a.to_vec::<f64>().unwrap(), row.to_vec::<f64>().unwrap().repeat(9));
        if cfg!(target_os = "linux") {
            assert_eq!(a.storage().len(), a.nbytes(), "the storage is trimmed to the rows");
        }
        let g = build();
        let v = g.view();
        let b = g.finish().unwrap();
        assert!(b.storage().len() >= 64 * 65536 * 8, "a view pins the whole buffer");
        assert!(b.storage().same_as(v.storage()));
        assert_eq!(b.to_vec::<f64>().unwrap(), a.to_vec::<f64>().unwrap());
    }

    #[test]
    fn large_buffers_double_without_copying_unless_a_view_shares_them() {
        let row = NdArray::arange(0.0, 65536.0, 1.0, DType::FLOAT64).unwrap(); // 512 KiB rows
        let mut g = GrowableArray::new(DType::FLOAT64, &[65536]).unwrap();
        for _ in 0..8 {
            g.push(&row).unwrap(); // the buffer reaches 8 rows, 4 MiB: a large block
        }
        if cfg!(target_os = "linux") {
            // The buffer may be a whole cached block with room to spare: grow past it.
            let cap = g.capacity();
            crate::accounting::no_copy(|| g.reserve(cap - g.len() + 1)).unwrap();
            assert!(g.capacity() > cap);
        }
        let v = g.view();
        let err = crate::accounting::no_copy(|| g.reserve(g.capacity())).unwrap_err();
        assert!(matches!(err, Error::CopyNeeded(_)), "the view pins the buffer: {err}");
        drop(v);
        if cfg!(target_os = "linux") {
            // Once the view is gone nothing pins the buffer, however many views came before.
            let cap = g.capacity();
            crate::accounting::no_copy(|| g.reserve(cap - g.len() + 1)).unwrap();
        }
        g.push(&NdArray::full(&[65536], -1.0, DType::FLOAT64, Order::C).unwrap()).unwrap();
        let a = g.finish().unwrap();
        assert_eq!(a.shape(), &[9, 65536]);
        let vals = a.to_vec::<f64>().unwrap();
        assert!(vals[..8 * 65536].iter().enumerate().all(|(k, &x)| x == (k % 65536) as f64));
        assert!(vals[8 * 65536..].iter().all(|&x| x == -1.0));
    }
}

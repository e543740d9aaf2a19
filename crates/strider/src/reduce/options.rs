//! The keyword arguments of reductions ([`ReduceOptions`]): a plain builder with getters; it
//! checks nothing itself (the reduction checks its arguments against the input, as NumPy does).

use crate::array::NdArray;
use crate::dtype::DType;
use crate::Scalar;

/// Keyword arguments of a reduction: `axis`, `keepdims`, `dtype`, `ddof`, `out`, `initial` and
/// `where`, as a builder. The default reduces over all axes without keeping them, in NumPy's
/// default dtype, `ddof=0`, into a new array, from the operation's identity, over every element.
///
/// ```
/// use strider::{DType, ReduceOptions};
/// let o = ReduceOptions::new().axes(&[0, -1]).keepdims(true).dtype(DType::FLOAT32).ddof(1);
/// assert_eq!(o.get_axes(), Some(&[0, -1][..]));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ReduceOptions {
    axes: Option<Vec<isize>>,
    keepdims: bool,
    dtype: Option<DType>,
    ddof: i64,
    out: Option<NdArray>,
    initial: Option<Scalar>,
    mask: Option<NdArray>,
}

impl ReduceOptions {
    /// All axes (`axis=None`), `keepdims=False`, default dtype, `ddof=0`.
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().get_axes(), None);
    /// ```
    pub fn new() -> ReduceOptions {
        ReduceOptions::default()
    }

    /// Reduces over one axis (negative counts from the end).
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().axis(-1).get_axes(), Some(&[-1][..]));
    /// ```
    pub fn axis(mut self, axis: isize) -> ReduceOptions {
        self.axes = Some(vec![axis]);
        self
    }

    /// Reduces over several axes (NumPy's tuple `axis`); an empty list reduces nothing.
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().axes(&[0, 2]).get_axes(), Some(&[0, 2][..]));
    /// ```
    pub fn axes(mut self, axes: &[isize]) -> ReduceOptions {
        self.axes = Some(axes.to_vec());
        self
    }

    /// Sets the axes from an option (`None`: all axes).
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().axes_opt(None).get_axes(), None);
    /// ```
    pub fn axes_opt(mut self, axes: Option<&[isize]>) -> ReduceOptions {
        self.axes = axes.map(|a| a.to_vec());
        self
    }

    /// Keeps reduced axes as length-1 axes.
    ///
    /// ```
    /// assert!(strider::ReduceOptions::new().keepdims(true).get_keepdims());
    /// ```
    pub fn keepdims(mut self, keepdims: bool) -> ReduceOptions {
        self.keepdims = keepdims;
        self
    }

    /// Accumulates in and returns `dtype` (NumPy's `dtype=`); ignored by min/max/any/all.
    ///
    /// ```
    /// use strider::{DType, ReduceOptions};
    /// assert_eq!(ReduceOptions::new().dtype(DType::INT8).get_dtype(), Some(&DType::INT8));
    /// ```
    pub fn dtype(mut self, dtype: DType) -> ReduceOptions {
        self.dtype = Some(dtype);
        self
    }

    /// Delta degrees of freedom of var/std (the divisor is `N - ddof`).
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().ddof(1).get_ddof(), 1);
    /// ```
    pub fn ddof(mut self, ddof: i64) -> ReduceOptions {
        self.ddof = ddof;
        self
    }

    /// Writes the result into `out` (NumPy's `out=`) and returns a handle to `out` itself. `out`
    /// must have the result's shape (with `keepdims`, the kept length-1 axes too); any dtype is
    /// accepted, as NumPy casts a reduction's result into `out` unsafely.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order, ReduceOptions, Reduction};
    /// let a = NdArray::from_vec(vec![1.5f64, 2.0, 3.0, 4.0], &[2, 2], Order::C)?;
    /// let out = NdArray::zeros(&[2], DType::INT16, Order::C)?;
    /// let r = a.reduce(Reduction::Sum, &ReduceOptions::new().axis(1).out(&out))?;
    /// assert!(r.same_storage(&out));
    /// assert_eq!(out.to_vec::<i16>()?, vec![3, 7]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn out(mut self, out: &NdArray) -> ReduceOptions {
        self.out = Some(out.clone());
        self
    }

    /// The starting value of sum/prod/min/max and their NaN forms (NumPy's `initial=`), converted
    /// to the loop's dtype as NumPy converts a Python number (an integer that does not fit is an
    /// error). Required by min/max with a `where` mask.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order, ReduceOptions, Reduction};
    /// let a = NdArray::zeros(&[0, 2], DType::FLOAT32, Order::C)?;
    /// let m = a.reduce(Reduction::Max, &ReduceOptions::new().axis(0).initial(-1.0))?;
    /// assert_eq!(m.to_vec::<f32>()?, vec![-1.0, -1.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn initial(mut self, value: impl Into<Scalar>) -> ReduceOptions {
        self.initial = Some(value.into());
        self
    }

    /// Reduces only the elements where the boolean `mask` (broadcast against the input) is true
    /// (NumPy's `where=`). mean/var/std then count only the selected elements.
    ///
    /// ```
    /// use strider::{NdArray, Order, ReduceOptions, Reduction};
    /// let a = NdArray::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], &[2, 2], Order::C)?;
    /// let m = NdArray::from_vec(vec![true, false], &[2], Order::C)?;
    /// let s = a.reduce(Reduction::Mean, &ReduceOptions::new().axis(1).where_(&m))?;
    /// assert_eq!(s.to_vec::<f64>()?, vec![1.0, 3.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn where_(mut self, mask: &NdArray) -> ReduceOptions {
        self.mask = Some(mask.clone());
        self
    }

    /// The axes (`None`: all).
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().axis(1).get_axes(), Some(&[1][..]));
    /// ```
    pub fn get_axes(&self) -> Option<&[isize]> {
        self.axes.as_deref()
    }

    /// Whether reduced axes are kept.
    ///
    /// ```
    /// assert!(!strider::ReduceOptions::new().get_keepdims());
    /// ```
    pub fn get_keepdims(&self) -> bool {
        self.keepdims
    }

    /// The requested dtype.
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().get_dtype(), None);
    /// ```
    pub fn get_dtype(&self) -> Option<&DType> {
        self.dtype.as_ref()
    }

    /// The delta degrees of freedom.
    ///
    /// ```
    /// assert_eq!(strider::ReduceOptions::new().get_ddof(), 0);
    /// ```
    pub fn get_ddof(&self) -> i64 {
        self.ddof
    }

    /// The `out` array, if any.
    ///
    /// ```
    /// assert!(strider::ReduceOptions::new().get_out().is_none());
    /// ```
    pub fn get_out(&self) -> Option<&NdArray> {
        self.out.as_ref()
    }

    /// The `initial` value, if any.
    ///
    /// ```
    /// use strider::{ReduceOptions, Scalar};
    /// assert_eq!(ReduceOptions::new().initial(2i64).get_initial(), Some(Scalar::I64(2)));
    /// ```
    pub fn get_initial(&self) -> Option<Scalar> {
        self.initial
    }

    /// The `where` mask, if any.
    ///
    /// ```
    /// assert!(strider::ReduceOptions::new().get_where().is_none());
    /// ```
    pub fn get_where(&self) -> Option<&NdArray> {
        self.mask.as_ref()
    }
}

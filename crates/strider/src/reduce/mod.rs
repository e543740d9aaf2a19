//! Reductions: sum, prod, mean, var, std, min, max, argmin, argmax, any, all, cumsum, cumprod
//! and their NaN-ignoring variants, over any set of axes, with NumPy's accumulator types.
//!
//! OWNER: reductions helper. Owns [`ReduceOptions`], [`Reduction`], [`ArgReduction`],
//! [`Accumulation`] and the reduction methods of [`NdArray`]. It reads arrays through the storage
//! locks and writes only the fresh arrays it returns; it never changes an input. Kernels live in
//! `arith` (element math, pairwise summation) and `engine` (NumPy's reduction order, buffers,
//! threads); `stats` composes mean/var/std and the NaN variants as NumPy does; `arg` holds
//! argmin/argmax and the cumulative functions.
//!
//! Results follow NumPy 2.4 exactly: dtypes (`int32` sums to `int64`, integer means are
//! `float64`, complex variances are real), layouts (the result keeps the input's memory order),
//! and values (pairwise float sums over the same runs NumPy's iterator hands its loops).
//!
//! ```
//! use strider::{NdArray, Order, ReduceOptions, Reduction};
//! let a = NdArray::from_vec(vec![1i32, 2, 3, 4, 5, 6], &[2, 3], Order::C)?;
//! let s = a.sum(Some(&[0]), false)?;                  // np.sum(a, axis=0)
//! assert_eq!(s.to_vec::<i64>()?, vec![5, 7, 9]);      // int32 sums in int64
//! let m = a.reduce(Reduction::Mean, &ReduceOptions::new().axis(-1).keepdims(true))?;
//! assert_eq!(m.shape(), &[2, 1]);
//! assert_eq!(m.to_vec::<f64>()?, vec![2.0, 5.0]);
//! # Ok::<(), strider::Error>(())
//! ```

mod along;
mod arg;
mod arith;
mod engine;
mod flags;
mod masked;
mod minmax;
mod options;
mod stats;

pub use options::ReduceOptions;

use crate::array::NdArray;
use crate::dtype::{DType, NumType};
use crate::{Error, Result};
use engine::{Fold, Src};
use masked::{Extra, Mask};

/// A reduction over axes, by NumPy's function name.
///
/// ```
/// use strider::Reduction;
/// assert_eq!("nanvar".parse::<Reduction>()?, Reduction::NanVar);
/// assert_eq!(Reduction::Max.name(), "max");
/// # Ok::<(), strider::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    /// `np.sum`
    Sum,
    /// `np.prod`
    Prod,
    /// `np.mean`
    Mean,
    /// `np.var`
    Var,
    /// `np.std`
    Std,
    /// `np.min` (`np.amin`)
    Min,
    /// `np.max` (`np.amax`)
    Max,
    /// `np.any`
    Any,
    /// `np.all`
    All,
    /// `np.nansum`
    NanSum,
    /// `np.nanprod`
    NanProd,
    /// `np.nanmean`
    NanMean,
    /// `np.nanvar`
    NanVar,
    /// `np.nanstd`
    NanStd,
    /// `np.nanmin`
    NanMin,
    /// `np.nanmax`
    NanMax,
}

const REDUCTIONS: [(Reduction, &str); 16] = [
    (Reduction::Sum, "sum"),
    (Reduction::Prod, "prod"),
    (Reduction::Mean, "mean"),
    (Reduction::Var, "var"),
    (Reduction::Std, "std"),
    (Reduction::Min, "min"),
    (Reduction::Max, "max"),
    (Reduction::Any, "any"),
    (Reduction::All, "all"),
    (Reduction::NanSum, "nansum"),
    (Reduction::NanProd, "nanprod"),
    (Reduction::NanMean, "nanmean"),
    (Reduction::NanVar, "nanvar"),
    (Reduction::NanStd, "nanstd"),
    (Reduction::NanMin, "nanmin"),
    (Reduction::NanMax, "nanmax"),
];

impl Reduction {
    /// NumPy's function name.
    ///
    /// ```
    /// assert_eq!(strider::Reduction::NanStd.name(), "nanstd");
    /// ```
    pub fn name(self) -> &'static str {
        REDUCTIONS.iter().find(|(r, _)| *r == self).map(|(_, n)| *n).unwrap_or("")
    }
}

impl std::str::FromStr for Reduction {
    type Err = Error;
    fn from_str(s: &str) -> Result<Reduction> {
        let s = if s == "amin" {
            "min"
        } else if s == "amax" {
            "max"
        } else {
            s
        };
        REDUCTIONS
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(r, _)| *r)
            .ok_or_else(|| Error::Value(format!("unknown reduction {s:?}")))
    }
}

/// An index-returning reduction along one axis.
///
/// ```
/// assert_eq!("nanargmax".parse::<strider::ArgReduction>()?, strider::ArgReduction::NanArgMax);
/// # Ok::<(), strider::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgReduction {
    /// `np.argmin`
    ArgMin,
    /// `np.argmax`
    ArgMax,
    /// `np.nanargmin`
    NanArgMin,
    /// `np.nanargmax`
    NanArgMax,
}

impl std::str::FromStr for ArgReduction {
    type Err = Error;
    fn from_str(s: &str) -> Result<ArgReduction> {
        Ok(match s {
            "argmin" => ArgReduction::ArgMin,
            "argmax" => ArgReduction::ArgMax,
            "nanargmin" => ArgReduction::NanArgMin,
            "nanargmax" => ArgReduction::NanArgMax,
            _ => return Err(Error::Value(format!("unknown arg reduction {s:?}"))),
        })
    }
}

/// A cumulative operation along one axis.
///
/// ```
/// assert_eq!("cumprod".parse::<strider::Accumulation>()?, strider::Accumulation::CumProd);
/// # Ok::<(), strider::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Accumulation {
    /// `np.cumsum`
    CumSum,
    /// `np.cumprod`
    CumProd,
    /// `np.nancumsum`
    NanCumSum,
    /// `np.nancumprod`
    NanCumProd,
}

impl std::str::FromStr for Accumulation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Accumulation> {
        Ok(match s {
            "cumsum" => Accumulation::CumSum,
            "cumprod" => Accumulation::CumProd,
            "nancumsum" => Accumulation::NanCumSum,
            "nancumprod" => Accumulation::NanCumProd,
            _ => return Err(Error::Value(format!("unknown accumulation {s:?}"))),
        })
    }
}

/// Which axes a reduction removes: NumPy's axis normalisation (AxisError, duplicates).
pub(crate) fn reduced_mask(ndim: usize, axes: Option<&[isize]>) -> Result<Vec<bool>> {
    let Some(axes) = axes else { return Ok(vec![true; ndim]) };
    if ndim == 0 {
        // NumPy lets a 0-d array be reduced over axis 0 (or -1): nothing to reduce.
        for (k, &ax) in axes.iter().enumerate() {
            crate::layout::normalize_axis(ax, 1).map_err(|_| Error::AxisOutOfBounds { axis: ax, ndim: 0 })?;
            if k > 0 {
                return Err(Error::Value("duplicate value in 'axis'".into()));
            }
        }
        return Ok(vec![]);
    }
    let mut mask = vec![false; ndim];
    for &ax in axes {
        let k = crate::layout::normalize_axis(ax, ndim)?;
        if mask[k] {
            return Err(Error::Value("duplicate value in 'axis'".into()));
        }
        mask[k] = true;
    }
    Ok(mask)
}

/// The shape a reduction returns.
pub(crate) fn out_shape(shape: &[usize], reduced: &[bool], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .zip(reduced)
        .filter_map(|(&n, &r)| match (r, keepdims) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// Strides NumPy's iterator gives a dense new array shaped `shape`, walked like an operand with
/// `strides`: its K order, positive strides; all zero when the array is empty.
pub(crate) fn iter_dense_strides(shape: &[usize], strides: &[isize], itemsize: usize) -> Vec<isize> {
    dense_in_order_of(shape, strides, shape, itemsize, None)
}

/// Dense strides for `shape` in the iteration order of an operand `(like_shape, like_strides)`
/// and a `where` mask's strides `ms` (a reduction's keepdims result is laid out in the order
/// NumPy's iterator chooses for its input and mask).
pub(crate) fn dense_in_order_of(
    like_shape: &[usize],
    like_strides: &[isize],
    shape: &[usize],
    itemsize: usize,
    ms: Option<&[isize]>,
) -> Vec<isize> {
    let mut out = vec![0isize; shape.len()];
    if shape.contains(&0) {
        return out;
    }
    let perm = match ms {
        Some(m) => crate::layout::iter_order_multi(like_shape, &[like_strides, m]),
        None => crate::layout::iter_order_k(like_shape, like_strides),
    };
    let mut s = itemsize as isize;
    for &ax in perm.iter().rev() {
        out[ax] = s;
        s *= shape[ax] as isize;
    }
    out
}

/// A new result array of a reduction of `src_shape`/`src_strides` over `reduced`: allocated with
/// the keepdims shape in the input's iteration order, then (without keepdims) the reduced axes
/// dropped. Returns the array and the accumulator element strides per input axis (0 on reduced).
pub(crate) fn alloc_result(
    dtype: &DType,
    src_shape: &[usize],
    src_strides: &[isize],
    reduced: &[bool],
    keepdims: bool,
    ms: Option<&[isize]>,
) -> Result<(NdArray, Vec<isize>)> {
    let kshape = out_shape(src_shape, reduced, true);
    let isz = dtype.itemsize();
    let kstrides = dense_in_order_of(src_shape, src_strides, &kshape, isz, ms);
    let s_acc: Vec<isize> = kstrides.iter().zip(reduced).map(|(&s, &r)| if r { 0 } else { s / isz as isize }).collect();
    let (shape, strides) = if keepdims {
        (kshape, kstrides)
    } else {
        let keep = |v: &[isize]| v.iter().zip(reduced).filter(|(_, &r)| !r).map(|(&s, _)| s).collect::<Vec<_>>();
        (out_shape(src_shape, reduced, false), keep(&kstrides))
    };
    Ok((NdArray::alloc_with_strides(dtype.to_native(), shape, strides)?, s_acc))
}

/// NumPy's default accumulator of `sum`/`prod`/`cumsum`: small integers widen to 64 bits.
pub(crate) fn sum_type(t: NumType) -> NumType {
    match t {
        NumType::Bool | NumType::Int8 | NumType::Int16 | NumType::Int32 | NumType::Int64 => NumType::Int64,
        NumType::UInt8 | NumType::UInt16 | NumType::UInt32 | NumType::UInt64 => NumType::UInt64,
        t => t,
    }
}

pub(crate) fn num(a: &NdArray) -> Result<NumType> {
    a.dtype().num_type().ok_or_else(|| Error::Type(format!("dtype {} is not numeric", a.dtype())))
}

/// The input as native, aligned elements of `t`: itself, or a dense copy walked in the same order
/// (NumPy casts through buffers). Returns whether a copy was made.
pub(crate) fn native_source(a: &NdArray, t: NumType) -> Result<(NdArray, bool)> {
    if a.dtype().num_type() == Some(t) && a.dtype().is_native() && a.flags().aligned {
        return Ok((a.clone(), false));
    }
    let dt = DType::new(t);
    let strides = iter_dense_strides(a.shape(), a.strides(), dt.itemsize());
    let tmp = NdArray::alloc_with_strides(dt, a.shape().to_vec(), strides)?;
    tmp.assign(a)?;
    Ok((tmp, true))
}

/// Whether any element of a numeric array is NaN (false for integer and bool arrays).
fn any_nan(r: &NdArray) -> Result<bool> {
    if !r.dtype().num_type().is_some_and(NumType::is_inexact) {
        return Ok(false);
    }
    let isnan = crate::ufunc::ISNAN.apply(&[r.into()])?;
    Ok(isnan.to_vec::<bool>()?.contains(&true))
}

/// A reduction without identity copies each output's first element into `out` before it reduces
/// the rest, so that element comes back through out's dtype (`np.max([300, 100], out=uint8)`
/// is 100, not 44). Returns the input in the loop type with those elements replaced, or `None`
/// when nothing changes (a fold with identity, out of the loop type, or an empty reduction).
fn first_through_out(
    a: &NdArray,
    f: Fold,
    loop_t: NumType,
    reduced: &[bool],
    out: &NdArray,
) -> Result<Option<NdArray>> {
    let empty = a.shape().iter().zip(reduced).any(|(&n, &r)| r && n == 0);
    if !f.starts_from_first() || empty || out.dtype().num_type() == Some(loop_t) || out.dtype().num_type().is_none() {
        return Ok(None);
    }
    if a.ndim() == 0 {
        // The one element goes into out straight from the input's dtype, which a detour
        // through the loop type could change (uint64 into int32 wraps; via float64 it would not).
        let through = crate::ufunc::errstate::release(|| a.astype(out.dtype(), crate::Casting::Unsafe))?;
        return Ok(Some(through.astype_with(&DType::new(loop_t), crate::Order::K, crate::Casting::Unsafe, true)?));
    }
    let tmp = match same_layout_copy(a, loop_t)? {
        Some(c) => c,
        None => a.astype_with(&DType::new(loop_t), crate::Order::K, crate::Casting::Unsafe, true)?,
    };
    let expr: Vec<&str> = reduced.iter().map(|&r| if r { "0:1" } else { ":" }).collect();
    let expr = expr.join(",");
    // NumPy copies the first elements into out straight from the input's dtype.
    let first = a.index(&expr)?;
    let through = crate::ufunc::errstate::release(|| first.astype(out.dtype(), crate::Casting::Unsafe))?;
    tmp.index(&expr)?.assign(&through)?;
    Ok(Some(tmp))
}

/// A copy of `a` with `a`'s own strides when it is already native, aligned `t` and no two
/// elements share memory (NumPy reads such an input in place, so the copy keeps the runs its
/// loops see), or `None`.
fn same_layout_copy(a: &NdArray, t: NumType) -> Result<Option<NdArray>> {
    let direct = a.dtype().num_type() == Some(t) && a.dtype().is_native() && a.flags().aligned;
    if !direct || a.size() == 0 || a.may_have_internal_overlap() {
        return Ok(None);
    }
    let Some((low, high)) = crate::layout::byte_extent(a.shape(), a.strides(), a.itemsize())? else {
        return Ok(None);
    };
    let storage = crate::Storage::zeroed((high - low) as usize)?;
    let copy = NdArray::from_raw_parts(storage, a.dtype().clone(), a.shape(), a.strides(), (-low) as usize)?;
    copy.assign(a)?;
    Ok(Some(copy))
}

/// The name of a fold's ufunc in NumPy's messages.
pub(crate) fn ufunc_name(f: Fold) -> &'static str {
    match f {
        Fold::Sum => "add",
        Fold::Prod => "multiply",
        Fold::Max => "maximum",
        Fold::Min => "minimum",
        Fold::FMax => "fmax",
        Fold::FMin => "fmin",
    }
}

/// Runs fold `f` with accumulator type `t` over `a` (from `ex.initial`, over the elements
/// `ex.mask` selects) and returns the accumulators in the result's memory order, with the
/// result array (not yet filled).
pub(crate) fn fold_typed<S: arith::Arith>(
    a: &NdArray,
    f: Fold,
    t: NumType,
    reduced: &[bool],
    keepdims: bool,
    ex: &Extra,
) -> Result<(Vec<S>, NdArray)> {
    if f.starts_from_first() && ex.initial.is_none() {
        let name = ufunc_name(f);
        if ex.mask.is_some() {
            return Err(Error::Value(format!(
                "reduction operation '{name}' does not have an identity, so to use a where mask one has to specify 'initial'"
            )));
        }
        if a.shape().iter().zip(reduced).any(|(&n, &r)| r && n == 0) {
            return Err(Error::Value(format!("zero-size array to reduction operation {name} which has no identity")));
        }
    }
    let seed = masked::seed::<S>(ex.initial, t)?;
    let ms = ex.mask.as_ref().map(|m| m.strides());
    let (out, s_acc) = alloc_result(&DType::new(t), a.shape(), a.strides(), reduced, keepdims, ms)?;
    let (src_arr, cast) = native_source(a, t)?;
    let chunk = engine::core_chunk(a.shape(), a.strides(), reduced, cast, ms);
    let mut acc = vec![seed.unwrap_or_else(|| engine::init::<S>(f)); out.size()];
    let src = Src { shape: src_arr.shape().to_vec(), strides: src_arr.strides().to_vec(), offset: src_arr.offset() };
    let mref = ex.mask.as_ref().map(|m| m.as_ref());
    src_arr.storage().with_read(|b| engine::reduce(f, b, &src, &s_acc, chunk, &mut acc, seed, mref));
    let fl = flags::fold_flags(f, t, &src_arr, &s_acc, &acc, seed, mref)? | crate::ufunc::errstate::take_held();
    crate::ufunc::errstate::report(fl, "reduce")?;
    Ok((acc, out))
}

/// Per output of a reduction of `a` (in the result's memory order), how many elements it
/// combines: all of its slice, or those the mask selects.
pub(crate) fn counts(a: &NdArray, reduced: &[bool], mask: Option<&Mask>) -> Result<Vec<i64>> {
    let (out, s_acc) = alloc_result(&DType::INT64, a.shape(), a.strides(), reduced, true, mask.map(|m| m.strides()))?;
    match mask {
        Some(m) => m.counts(a.shape(), &s_acc, out.size()),
        None => {
            let n = a.shape().iter().zip(reduced).filter(|(_, &r)| r).map(|(&n, _)| n as i64).product();
            Ok(vec![n; out.size()])
        }
    }
}

/// Writes values (in the array's memory order) into a fresh dense native array.
pub(crate) fn write_dense<T: crate::Element>(out: &NdArray, vals: &[T]) -> Result<()> {
    let isz = out.itemsize();
    let off = out.offset();
    out.storage().with_write(|b| {
        for (k, v) in vals.iter().enumerate() {
            v.write_ne_slice(&mut b[off + k * isz..off + (k + 1) * isz]);
        }
    })
}

/// A plain fold reduction (sum, prod, min, max and their relatives) into type `t`.
pub(crate) fn fold_reduce(
    a: &NdArray,
    f: Fold,
    t: NumType,
    reduced: &[bool],
    keepdims: bool,
    ex: &Extra,
) -> Result<NdArray> {
    crate::dispatch_num!(t, S => {
        let (acc, out) = fold_typed::<S>(a, f, t, reduced, keepdims, ex)?;
        write_dense(&out, &acc)?;
        Ok(out)
    })
}

impl NdArray {
    /// Any reduction over axes with NumPy's keyword arguments (`np.<name>(a, axis=, dtype=,
    /// keepdims=, ddof=, out=, initial=, where=)`, see [`ReduceOptions`]). With `out`, the result
    /// is written there (cast unsafely, as NumPy's reductions cast) and a handle to `out` is
    /// returned; mean/var/std then compute their last steps in out's dtype, as NumPy does.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order, ReduceOptions, Reduction};
    /// let a = NdArray::from_vec(vec![1.0f32, 2.0, f32::NAN, 4.0], &[2, 2], Order::C)?;
    /// let s = a.reduce(Reduction::NanSum, &ReduceOptions::new().axis(0).dtype(DType::FLOAT64))?;
    /// assert_eq!(s.to_vec::<f64>()?, vec![1.0, 6.0]);
    /// let e = a.reduce(Reduction::Sum, &ReduceOptions::new().axis(2)).unwrap_err();
    /// assert_eq!(e.to_string(), "axis 2 is out of bounds for array of dimension 2");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn reduce(&self, op: Reduction, opts: &ReduceOptions) -> Result<NdArray> {
        // Casts inside (into the loop's dtype, into `out`) report under NumPy's name "reduce".
        let (r, cast) = crate::ufunc::errstate::hold_cast_flags(|| self.reduce_impl(op, opts));
        let r = r?;
        crate::ufunc::errstate::report(cast, "reduce")?;
        Ok(r)
    }

    fn reduce_impl(&self, op: Reduction, opts: &ReduceOptions) -> Result<NdArray> {
        let t = num(self)?;
        use Reduction as R;
        // `ufunc.reduce` converts `where=` to bool before it reads `axis`; so do nanmean/nanvar
        // of floats, whose first step is a sum. mean/var/std check it later, after broadcasting.
        let inexact = t.is_inexact();
        let ufunc_reduce = matches!(
            op,
            R::Sum | R::Prod | R::Min | R::Max | R::Any | R::All | R::NanSum | R::NanProd | R::NanMin | R::NanMax
        ) || (inexact && matches!(op, R::NanMean | R::NanVar | R::NanStd));
        if let (true, Some(m)) = (ufunc_reduce, opts.get_where()) {
            masked::check_mask_dtype(m)?;
        }
        // mean/var/std normalise axes in Python against the real ndim (no 0-d allowance).
        let strict =
            matches!(op, R::Mean | R::Var | R::Std) || (!inexact && matches!(op, R::NanMean | R::NanVar | R::NanStd));
        if let (true, Some(m)) = (strict, opts.get_where()) {
            // _count_reduce_items broadcasts the mask to the input's shape before any axis is
            // read; its dtype is checked later, by the sum that counts.
            m.broadcast_to(self.shape())?;
        }
        let reduced = reduced_mask(self.ndim(), opts.get_axes())?;
        let dt = match opts.get_dtype() {
            Some(d) => Some(d.num_type().ok_or_else(|| Error::Type(format!("dtype {d} is not numeric")))?),
            None => None,
        };
        let k = opts.get_keepdims();
        // With a mask the count is a masked sum, which allows axis 0 of a 0-d array.
        if strict && self.ndim() == 0 && opts.get_where().is_none() {
            if let Some(&axis) = opts.get_axes().and_then(|a| a.first()) {
                return Err(Error::AxisOutOfBounds { axis, ndim: 0 });
            }
        }
        let takes_initial =
            matches!(op, R::Sum | R::Prod | R::Min | R::Max | R::NanSum | R::NanProd | R::NanMin | R::NanMax);
        if opts.get_initial().is_some() && !takes_initial {
            return Err(Error::Type(format!("{}() got an unexpected keyword argument 'initial'", op.name())));
        }
        let (out, mask) = (opts.get_out(), opts.get_where());
        let shape = self.shape();
        let ex =
            |initial| -> Result<Extra> { Ok(Extra { initial, mask: mask.map(|m| Mask::new(m, shape)).transpose()? }) };
        let plain = |f: Fold, name: &str, loop_t: NumType| -> Result<NdArray> {
            masked::check_operands(name, shape, &reduced, k, out, mask)?;
            let initial = masked::initial_via_out(opts.get_initial(), loop_t, out)?;
            let through = match (out, initial.is_none() && mask.is_none()) {
                (Some(o), true) => first_through_out(self, f, loop_t, &reduced, o)?,
                _ => None,
            };
            let r = fold_reduce(through.as_ref().unwrap_or(self), f, loop_t, &reduced, k, &ex(initial)?)?;
            match out {
                Some(o) => masked::into_out(&r, o),
                None => Ok(r),
            }
        };
        // Without dtype=, a reduction into `out` runs the loop NumPy resolves for (out, input).
        let with_out = |default: NumType| -> Result<NumType> {
            match out {
                Some(o) => crate::ufunc::promote_types(o.dtype(), self.dtype())?
                    .num_type()
                    .ok_or_else(|| Error::Type(format!("dtype {} is not numeric", o.dtype()))),
                None => Ok(default),
            }
        };
        match op {
            R::Sum => plain(Fold::Sum, "add", dt.map_or_else(|| with_out(sum_type(t)), Ok)?),
            R::Prod => plain(Fold::Prod, "multiply", dt.map_or_else(|| with_out(sum_type(t)), Ok)?),
            R::Max => plain(Fold::Max, "maximum", with_out(t)?),
            R::Min => plain(Fold::Min, "minimum", with_out(t)?),
            R::NanMax | R::NanMin => {
                let (f, name) = if op == R::NanMax { (Fold::FMax, "fmax") } else { (Fold::FMin, "fmin") };
                let r = plain(f, name, with_out(t)?)?;
                // NumPy warns after the fmin/fmax reduction when any result is NaN.
                if any_nan(&r)? {
                    crate::ufunc::errstate::warn("All-NaN slice encountered");
                }
                Ok(r)
            }
            R::Any => plain(Fold::Sum, "logical_or", NumType::Bool),
            R::All => plain(Fold::Prod, "logical_and", NumType::Bool),
            R::NanSum | R::NanProd => {
                let f = if op == R::NanSum { Fold::Sum } else { Fold::Prod };
                masked::check_operands(ufunc_name(f), shape, &reduced, k, out, mask)?;
                let loop_t = match dt {
                    Some(d) => d,
                    None => with_out(sum_type(t))?,
                };
                let initial = masked::initial_via_out(opts.get_initial(), loop_t, out)?;
                let cx = stats::Ctx { reduced: &reduced, k, ex: ex(initial)?, out };
                stats::nan_fold(self, f, t, dt, &cx)
            }
            R::Mean | R::Var | R::Std | R::NanMean | R::NanVar | R::NanStd => {
                let nan_path = matches!(op, R::NanMean | R::NanVar | R::NanStd) && t.is_inexact();
                if nan_path {
                    // nanmean/nanvar check dtype= and out= first, then count with the mask.
                    let out_t = out.and_then(|o| o.dtype().num_type());
                    if dt.is_some_and(|d| !d.is_inexact()) {
                        return Err(Error::Type("If a is inexact, then dtype must be inexact".into()));
                    }
                    if out_t.is_some_and(|o| !o.is_inexact()) {
                        return Err(Error::Type("If a is inexact, then out must be inexact".into()));
                    }
                    masked::check_operands("add", shape, &reduced, k || op != R::NanMean, None, mask)?;
                } else if let Some(m) = mask {
                    // The counting sum (the mask was broadcast before the axes were read).
                    masked::check_mask_dtype(m)?;
                    masked::check_operands("add", shape, &reduced, true, None, mask)?;
                }
                masked::check_operands("add", shape, &reduced, k, out, mask)?;
                let cx = stats::Ctx { reduced: &reduced, k, ex: ex(None)?, out };
                let ddof = opts.get_ddof();
                match op {
                    R::Mean => stats::mean(self, t, dt, &cx),
                    R::Var => stats::var(self, t, dt, &cx, ddof, false),
                    R::Std => stats::var(self, t, dt, &cx, ddof, true),
                    R::NanMean => stats::nanmean(self, t, dt, &cx),
                    R::NanVar => stats::nanvar(self, t, dt, &cx, ddof, false),
                    _ => stats::nanvar(self, t, dt, &cx, ddof, true),
                }
            }
        }
    }

    /// `np.sum(a, axis, keepdims=)`: bool and signed integers below 64 bits sum in int64,
    /// unsigned ones in uint64; floats are summed pairwise as NumPy does.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1u8, 200, 100], &[3], Order::C)?;
    /// assert_eq!(a.sum(None, false)?.to_vec::<u64>()?, vec![301]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn sum(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Sum, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.prod(a, axis, keepdims=)` (integers wrap around, as in NumPy).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![2i16, 3, 4, 5], &[2, 2], Order::C)?;
    /// assert_eq!(a.prod(Some(&[1]), false)?.to_vec::<i64>()?, vec![6, 20]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn prod(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Prod, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.mean(a, axis, keepdims=)`: integers average in float64, float16 in float32.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i64, 2, 3, 4], &[4], Order::C)?;
    /// assert_eq!(a.mean(None, false)?.to_vec::<f64>()?, vec![2.5]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn mean(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Mean, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.var(a, axis, ddof=, keepdims=)`; complex input gives a real variance.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], &[4], Order::C)?;
    /// assert_eq!(a.var(None, false, 0)?.to_vec::<f64>()?, vec![1.25]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn var(&self, axes: Option<&[isize]>, keepdims: bool, ddof: i64) -> Result<NdArray> {
        self.reduce(Reduction::Var, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims).ddof(ddof))
    }

    /// `np.std(a, axis, ddof=, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, 3.0], &[2], Order::C)?;
    /// assert_eq!(a.std(None, false, 0)?.to_vec::<f64>()?, vec![1.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn std(&self, axes: Option<&[isize]>, keepdims: bool, ddof: i64) -> Result<NdArray> {
        self.reduce(Reduction::Std, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims).ddof(ddof))
    }

    /// `np.min(a, axis, keepdims=)`: NaN propagates; an empty reduction is an error.
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let a = NdArray::from_vec(vec![3.0f64, f64::NAN, 1.0], &[3], Order::C)?;
    /// assert!(a.min(None, false)?.to_vec::<f64>()?[0].is_nan());
    /// let e = NdArray::zeros(&[0], DType::FLOAT64, Order::C)?.min(None, false).unwrap_err();
    /// assert_eq!(e.to_string(), "zero-size array to reduction operation minimum which has no identity");
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn min(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Min, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.max(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![3i8, -7, 5, 0], &[2, 2], Order::C)?;
    /// assert_eq!(a.max(Some(&[0]), false)?.to_vec::<i8>()?, vec![5, 0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn max(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Max, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.any(a, axis, keepdims=)`: a bool result (NaN counts as true).
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![0.0f64, f64::NAN], &[2], Order::C)?;
    /// assert_eq!(a.any(None, false)?.to_vec::<bool>()?, vec![true]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn any(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::Any, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.all(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i32, 0, 2, 3], &[2, 2], Order::C)?;
    /// assert_eq!(a.all(Some(&[1]), false)?.to_vec::<bool>()?, vec![false, true]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn all(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::All, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.nansum(a, axis, keepdims=)`: NaNs count as zero.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, f64::NAN, 2.0], &[3], Order::C)?;
    /// assert_eq!(a.nansum(None, false)?.to_vec::<f64>()?, vec![3.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nansum(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::NanSum, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.nanprod(a, axis, keepdims=)`: NaNs count as one.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![2.0f64, f64::NAN, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.nanprod(None, false)?.to_vec::<f64>()?, vec![6.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanprod(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::NanProd, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.nanmean(a, axis, keepdims=)`: all-NaN slices give NaN.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, f64::NAN, 3.0, f64::NAN], &[2, 2], Order::C)?;
    /// let m = a.nanmean(Some(&[0]), false)?.to_vec::<f64>()?;
    /// assert_eq!(m[0], 2.0);
    /// assert!(m[1].is_nan());
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanmean(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::NanMean, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.nanvar(a, axis, ddof=, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, f64::NAN, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.nanvar(None, false, 0)?.to_vec::<f64>()?, vec![1.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanvar(&self, axes: Option<&[isize]>, keepdims: bool, ddof: i64) -> Result<NdArray> {
        self.reduce(Reduction::NanVar, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims).ddof(ddof))
    }

    /// `np.nanstd(a, axis, ddof=, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![1.0f64, f64::NAN, 3.0], &[3], Order::C)?;
    /// assert_eq!(a.nanstd(None, false, 0)?.to_vec::<f64>()?, vec![1.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanstd(&self, axes: Option<&[isize]>, keepdims: bool, ddof: i64) -> Result<NdArray> {
        self.reduce(Reduction::NanStd, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims).ddof(ddof))
    }

    /// `np.nanmin(a, axis, keepdims=)`: NaNs ignored; an all-NaN slice gives NaN.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![3.0f64, f64::NAN, 1.0], &[3], Order::C)?;
    /// assert_eq!(a.nanmin(None, false)?.to_vec::<f64>()?, vec![1.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanmin(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::NanMin, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }

    /// `np.nanmax(a, axis, keepdims=)`.
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![3.0f64, f64::NAN, 1.0], &[3], Order::C)?;
    /// assert_eq!(a.nanmax(None, false)?.to_vec::<f64>()?, vec![3.0]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn nanmax(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
        self.reduce(Reduction::NanMax, &ReduceOptions::new().axes_opt(axes).keepdims(keepdims))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Order;

    #[test]
    fn axis_errors() {
        assert_eq!(reduced_mask(2, Some(&[3])), Err(Error::AxisOutOfBounds { axis: 3, ndim: 2 }));
        assert_eq!(reduced_mask(2, Some(&[0, -2])).unwrap_err().to_string(), "duplicate value in 'axis'");
        assert_eq!(reduced_mask(3, Some(&[-1])).unwrap(), vec![false, false, true]);
    }

    #[test]
    fn result_keeps_the_input_memory_order() {
        // An F-ordered (3, 4, 5) float64 reduced over axis 1: NumPy gives strides (8, 24).
        let a = NdArray::zeros(&[3, 4, 5], DType::FLOAT64, Order::F).unwrap();
        let s = a.sum(Some(&[1]), false).unwrap();
        assert_eq!(s.strides(), &[8, 24]);
        assert_eq!(a.sum(Some(&[1]), true).unwrap().strides(), &[8, 24, 24]);
    }

    #[test]
    fn empty_min_is_an_error_but_empty_sum_is_zero() {
        let a = NdArray::zeros(&[0, 3], DType::INT32, Order::C).unwrap();
        assert_eq!(a.sum(Some(&[0]), false).unwrap().to_vec::<i64>().unwrap(), vec![0, 0, 0]);
        assert_eq!(a.prod(None, false).unwrap().to_vec::<i64>().unwrap(), vec![1]);
        assert!(a.max(Some(&[0]), false).is_err());
        assert_eq!(a.max(Some(&[1]), false).unwrap().shape(), &[0]);
    }
}

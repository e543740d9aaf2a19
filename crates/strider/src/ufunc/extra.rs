//! Functions NumPy builds from ufuncs: three-argument `where`, `clip`, `isclose`, `allclose`
//! and `array_equal`, composed here the way NumPy composes them so that dtypes and NaN rules
//! agree.

use super::errstate::{errstate, geterr, ErrPolicy};
use super::lanes::exec_select;
use super::promote::{result_num, weak_scalar_type};
use super::{table::*, Operand};
use crate::dtype::cast::Casting;
use crate::dtype::{DType, NumType};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::{self, Order};
use crate::storage::Storage;
use crate::{Error, NdArray, Result};

/// The dtype operands promote to, with weak scalars resolved by NEP 50.
fn common_type(ops: &[&Operand]) -> Result<NumType> {
    let mut strong = Vec::with_capacity(ops.len());
    for op in ops {
        if let Operand::Array(a) = op {
            strong
                .push(a.dtype().num_type().ok_or_else(|| Error::Type(format!("dtype {} is not numeric", a.dtype())))?);
        }
    }
    let strong_result = (!strong.is_empty()).then(|| result_num(&strong));
    let mut all = strong.clone();
    for op in ops {
        if let Operand::Weak(s) = op {
            all.push(weak_scalar_type(s, strong_result));
        }
    }
    if all.is_empty() {
        return Err(Error::Value("at least one operand is required".into()));
    }
    Ok(result_num(&all))
}

fn as_array(op: &Operand, t: NumType) -> Result<NdArray> {
    let dt = DType::new(t);
    match op {
        Operand::Array(a) if a.dtype() == &dt => Ok(a.clone()),
        Operand::Array(a) => a.astype_with(&dt, Order::K, Casting::Unsafe, true),
        Operand::Weak(s) => NdArray::from_scalar(s.cast_weak(t)?),
    }
}

/// The operand as the caller gave it (its layout decides an allocated result's), or the 0-d
/// array a weak scalar became.
fn original(op: &Operand, converted: &NdArray) -> NdArray {
    match op {
        Operand::Array(a) => a.clone(),
        Operand::Weak(_) => converted.clone(),
    }
}

/// NumPy's three-argument `np.where(condition, x, y)`: `x` where the condition is true, else
/// `y`, broadcast together; the result dtype is `x` and `y` promoted (weak scalars by NEP 50).
///
/// ```
/// use strider::{NdArray, Order, DType};
/// let c = NdArray::from_vec(vec![true, false, true], &[3], Order::C).unwrap();
/// let x = NdArray::from_vec(vec![1i16, 2, 3], &[3], Order::C).unwrap();
/// let r = strider::ufunc::where_(&c, &x, -1).unwrap();
/// assert_eq!(r.dtype(), &DType::INT16);
/// assert_eq!(r.to_vec::<i16>().unwrap(), vec![1, -1, 3]);
/// ```
pub fn where_(condition: impl Into<Operand>, x: impl Into<Operand>, y: impl Into<Operand>) -> Result<NdArray> {
    let (c, x, y) = (condition.into(), x.into(), y.into());
    let t = common_type(&[&x, &y])?;
    let cond = match &c {
        Operand::Array(a) if a.dtype() == &DType::BOOL => a.clone(),
        Operand::Array(a) => a.astype(&DType::BOOL, Casting::Unsafe)?,
        Operand::Weak(s) => {
            NdArray::from_scalar(crate::Scalar::Bool(s.cast(NumType::Bool) == crate::Scalar::Bool(true)))?
        }
    };
    // NumPy's `where` converts Python scalars to the result dtype unsafely (-129 into uint8 is 127).
    let unsafe_array = |op: &Operand| match op {
        Operand::Weak(s) => NdArray::from_scalar(s.cast(t)),
        other => as_array(other, t),
    };
    let (xa, ya) = (unsafe_array(&x)?, unsafe_array(&y)?);
    let originals: Vec<NdArray> =
        [&c, &x, &y].iter().zip([&cond, &xa, &ya]).map(|(op, conv)| original(op, conv)).collect();
    let arrays = [cond, xa, ya];
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes).map_err(|_| broadcast_error(&shapes))?;
    let bstrides: Vec<Vec<isize>> =
        arrays.iter().map(|a| broadcast_strides(a.shape(), a.strides(), &shape)).collect::<Result<_>>()?;
    let ostrides: Vec<Vec<isize>> =
        originals.iter().map(|a| broadcast_strides(a.shape(), a.strides(), &shape)).collect::<Result<_>>()?;
    let ops: Vec<&[isize]> = ostrides.iter().map(|s| s.as_slice()).collect();
    let order = layout::iter_order_multi(&shape, &ops);
    let dt = DType::new(t);
    let itemsize = dt.itemsize();
    let out = NdArray::alloc_with_strides(dt, shape.clone(), layout::strides_in_order(&shape, &order, itemsize))?;
    let mut operands: Vec<(usize, &[isize])> = vec![(out.offset(), out.strides())];
    for (a, s) in arrays.iter().zip(&bstrides) {
        operands.push((a.offset(), s));
    }
    let plan = Plan::new(&shape, &operands)?;
    let storages: Vec<&Storage> = arrays.iter().map(|a| a.storage()).collect();
    Storage::with_sources_and_dest(&storages, out.storage(), |srcs, dst| exec_select(&plan, srcs, dst, itemsize))?;
    Ok(out)
}

/// NumPy's `np.clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)` with NaN kept; either
/// bound may be absent (`None`). As in NumPy, a Rust integer bound beyond an integer array's
/// range is dropped (it cannot clip anything) rather than refused.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![-3i32, 0, 7], &[3], Order::C).unwrap();
/// let r = strider::ufunc::clip(&a, Some((-1).into()), Some(5.into())).unwrap();
/// assert_eq!(r.to_vec::<i32>().unwrap(), vec![-1, 0, 5]);
/// let u = NdArray::from_vec(vec![1u8, 200], &[2], Order::C).unwrap();
/// let r = strider::ufunc::clip(&u, Some((-5).into()), Some(300.into())).unwrap();
/// assert_eq!(r.to_vec::<u8>().unwrap(), vec![1, 200]);
/// ```
pub fn clip(a: impl Into<Operand>, a_min: Option<Operand>, a_max: Option<Operand>) -> Result<NdArray> {
    let a = a.into();
    let int_range = match &a {
        Operand::Array(arr) => arr.dtype().num_type().filter(|t| t.is_integer()),
        Operand::Weak(_) => None,
    };
    let beyond = |b: &Option<Operand>, low: bool| -> bool {
        let (Some(t), Some(Operand::Weak(s))) = (int_range, b) else { return false };
        let v: i128 = match *s {
            crate::Scalar::I64(v) => v as i128,
            crate::Scalar::U64(v) => v as i128,
            _ => return false,
        };
        let (lo, hi) = crate::dtype::cast::int_bounds(t);
        if low {
            v <= lo
        } else {
            v >= hi
        }
    };
    let a_min = if beyond(&a_min, true) { None } else { a_min };
    let a_max = if beyond(&a_max, false) { None } else { a_max };
    let (lo, hi) = match (a_min, a_max) {
        (None, None) => return POSITIVE.apply(&[a]),
        (None, Some(hi)) => return MINIMUM.apply(&[a, hi]),
        (Some(lo), None) => return MAXIMUM.apply(&[a, lo]),
        (Some(lo), Some(hi)) => (lo, hi),
    };
    // NumPy's three-input clip: one loop dtype and one result layout for all three operands.
    let t = common_type(&[&a, &lo, &hi])?;
    let conv = [as_array(&a, t)?, as_array(&lo, t)?, as_array(&hi, t)?];
    let originals: Vec<NdArray> = [&a, &lo, &hi].iter().zip(&conv).map(|(op, c)| original(op, c)).collect();
    let shapes: Vec<&[usize]> = conv.iter().map(|c| c.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes).map_err(|_| broadcast_error(&shapes))?;
    let dt = DType::new(t);
    let strides = super::output_strides(&originals, &dt, &shape, dt.itemsize(), Order::K)?;
    let out = NdArray::alloc_with_strides(dt, shape, strides)?;
    match t {
        NumType::Complex64 | NumType::Complex128 => {
            clip_loop(&out, &conv, t, ClipPath::Complex)?;
            return Ok(out);
        }
        NumType::Float16 => {
            clip_loop(&out, &conv, t, ClipPath::Half)?;
            return Ok(out);
        }
        NumType::Float32 | NumType::Float64 => {
            // The operands as NumPy's ufunc receives them: the caller's arrays (converted when
            // their dtype is not the loop's, or byte-swapped, or misaligned) and 0-d weak scalars.
            let loop_itemsize = DType::new(t).itemsize();
            let inputs: Vec<crate::iter::UfuncInput<'_>> = originals
                .iter()
                .map(|o| crate::iter::UfuncInput {
                    shape: o.shape(),
                    strides: o.strides(),
                    itemsize: o.dtype().itemsize(),
                    loop_itemsize,
                    needs_copy: o.dtype().num_type() != Some(t) || !o.dtype().is_native() || !o.flags().aligned,
                })
                .collect();
            let zero = crate::iter::numpy_ufunc_zero_strides(&inputs, NUMPY_BUFSIZE);
            let path = if zero[1] && zero[2] { ClipPath::ConstBounds } else { ClipPath::Bounds };
            clip_loop(&out, &conv, t, path)?;
            return Ok(out);
        }
        _ => {}
    }
    let opts = super::UfuncOptions::default().out(&out);
    let [x, l, h] = conv;
    MAXIMUM.call(&[x.into(), l.into()], &opts)?;
    MINIMUM.call(&[out.clone().into(), h.into()], &opts)?;
    Ok(out)
}

/// NumPy's default buffer size in elements (`np.getbufsize()`).
const NUMPY_BUFSIZE: usize = 8192;

/// Which of NumPy's clip loops a float clip follows; they differ only on ties (`x` equal to a
/// bound, which matters for signed zeros) and NaNs.
#[derive(Clone, Copy)]
enum ClipPath {
    /// float16: `x` is kept on a tie, and a NaN `x` passes through.
    Half,
    /// float32/float64 when both bounds reach NumPy's inner loop with stride 0: `x` is replaced
    /// only when strictly beyond a bound (so a tie keeps `x`), and a NaN bound fills the result
    /// (the lower one first), whatever `x` is.
    ConstBounds,
    /// float32/float64 otherwise: each bound replaces `x` unless `x` is NaN or strictly inside it
    /// (a tie takes the bound, and so does a NaN bound).
    Bounds,
    /// complex: as `Bounds`, values ordered by real part, then imaginary part.
    Complex,
}

/// NumPy's inner clip loops for floating and complex types, element by element over `conv`
/// (the operands converted to the loop type `t`) into `out`.
fn clip_loop(out: &NdArray, conv: &[NdArray; 3], t: NumType, path: ClipPath) -> Result<()> {
    let native: Vec<NdArray> =
        conv.iter().map(|a| a.astype_with(&DType::new(t), Order::K, Casting::Unsafe, false)).collect::<Result<_>>()?;
    let mut bstrides = Vec::with_capacity(3);
    for a in &native {
        bstrides.push(broadcast_strides(a.shape(), a.strides(), out.shape())?);
    }
    let mut operands: Vec<(usize, &[isize])> = vec![(out.offset(), out.strides())];
    for (a, s) in native.iter().zip(&bstrides) {
        operands.push((a.offset(), s));
    }
    let plan = Plan::new(out.shape(), &operands)?;
    let storages: Vec<&Storage> = native.iter().map(|a| a.storage()).collect();
    macro_rules! run {
        ($c:ty, $clip:expr) => {{
            use crate::dtype::Element as _;
            let n = std::mem::size_of::<$c>();
            let clip: fn($c, $c, $c) -> $c = $clip;
            Storage::with_sources_and_dest(&storages, out.storage(), |srcs, dst| {
                let bytes: Vec<&[u8]> = srcs.iter().map(|s| s.unwrap_or(&[])).collect();
                plan.for_each_run(|len, offs, st| {
                    for i in 0..len as isize {
                        let at = |k: usize| (offs[k] as isize + i * st[k]) as usize;
                        let get = |k: usize| <$c>::from_ne_slice(&bytes[k - 1][at(k)..at(k) + n]);
                        clip(get(1), get(2), get(3)).write_ne_slice(&mut dst[at(0)..at(0) + n]);
                    }
                });
            })
        }};
    }
    macro_rules! real {
        ($f:ty) => {
            match path {
                // float16's loop (a complex type never reaches this macro).
                ClipPath::Half | ClipPath::Complex => run!($f, |x, lo, hi| {
                    let x = if x.is_nan() || x >= lo { x } else { lo };
                    if x.is_nan() || x <= hi {
                        x
                    } else {
                        hi
                    }
                }),
                ClipPath::ConstBounds => run!($f, |x, lo, hi| {
                    if lo.is_nan() {
                        return lo;
                    }
                    if hi.is_nan() {
                        return hi;
                    }
                    let x = if x < lo { lo } else { x };
                    if x > hi {
                        hi
                    } else {
                        x
                    }
                }),
                ClipPath::Bounds => run!($f, |x, lo, hi| {
                    let x = if x.is_nan() || x > lo { x } else { lo };
                    if x.is_nan() || x < hi {
                        x
                    } else {
                        hi
                    }
                }),
            }
        };
    }
    // Strictly greater (`gt`) or less in NumPy's complex order: real parts, then imaginary.
    macro_rules! complex {
        ($c:ty) => {
            run!($c, |x, lo, hi| {
                fn beyond(a: $c, b: $c, gt: bool) -> bool {
                    match (a.re == b.re, gt) {
                        (true, true) => a.im > b.im,
                        (true, false) => a.im < b.im,
                        (false, true) => a.re > b.re,
                        (false, false) => a.re < b.re,
                    }
                }
                let pick =
                    |a: $c, b: $c, gt: bool| if a.re.is_nan() || a.im.is_nan() || beyond(a, b, gt) { a } else { b };
                pick(pick(x, lo, true), hi, false)
            })
        };
    }
    match t {
        NumType::Complex64 => complex!(num_complex::Complex32),
        NumType::Complex128 => complex!(num_complex::Complex64),
        NumType::Float16 => real!(half::f16),
        NumType::Float32 => real!(f32),
        _ => real!(f64),
    }
}

fn broadcast_error(shapes: &[&[usize]]) -> Error {
    let mut s = String::from("operands could not be broadcast together with shapes ");
    for sh in shapes {
        s.push_str(&layout::shape_str_compact(sh));
        s.push(' ');
    }
    Error::Value(s)
}

/// NumPy's `np.isclose(a, b, rtol, atol, equal_nan)`: element-wise
/// `|a - b| <= atol + rtol * |b|` for finite `b`, or `a == b`; NaNs are equal only with
/// `equal_nan`. `b` is computed in a float type (`result_type(b, 1.0)`), as NumPy does.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 1e10, f64::NAN], &[3], Order::C).unwrap();
/// let b = NdArray::from_vec(vec![1.0f64 + 1e-9, 1.000001e10, f64::NAN], &[3], Order::C).unwrap();
/// let r = strider::ufunc::isclose(&a, &b, 1e-5, 1e-8, false).unwrap();
/// assert_eq!(r.to_vec::<bool>().unwrap(), vec![true, true, false]);
/// ```
pub fn isclose(a: impl Into<Operand>, b: impl Into<Operand>, rtol: f64, atol: f64, equal_nan: bool) -> Result<NdArray> {
    let (x, y) = (a.into(), b.into());
    let y = match y {
        Operand::Array(arr) => {
            let t = common_type(&[&Operand::Array(arr.clone()), &Operand::Weak(crate::Scalar::F64(1.0))])?;
            Operand::Array(as_array(&Operand::Array(arr), t)?)
        }
        Operand::Weak(s) => Operand::Weak(s.cast(NumType::Float64)),
    };
    let mut st = geterr();
    if !rtol.is_finite() || !atol.is_finite() {
        // NumPy's own check of the tolerances, under the `invalid` policy.
        let msg = format!(
            "One of rtol or atol is not valid, atol: {}, rtol: {}",
            crate::Scalar::F64(atol),
            crate::Scalar::F64(rtol)
        );
        match st.invalid {
            ErrPolicy::Warn => super::errstate::warn(&msg),
            ErrPolicy::Raise => return Err(Error::FloatingPoint(msg)),
            ErrPolicy::Print => eprintln!("{msg}"),
            ErrPolicy::Ignore => {}
        }
    }
    st.invalid = ErrPolicy::Ignore;
    errstate(st, || {
        let diff = ABSOLUTE.apply(&[SUBTRACT.apply(&[x.clone(), y.clone()])?.into()])?;
        let tol = ADD.apply(&[
            atol.into(),
            MULTIPLY.apply(&[rtol.into(), ABSOLUTE.apply(std::slice::from_ref(&y))?.into()])?.into(),
        ])?;
        let close = LOGICAL_AND.apply(&[
            LESS_EQUAL.apply(&[diff.into(), tol.into()])?.into(),
            ISFINITE.apply(std::slice::from_ref(&y))?.into(),
        ])?;
        let result = LOGICAL_OR.apply(&[close.into(), EQUAL.apply(&[x.clone(), y.clone()])?.into()])?;
        if equal_nan {
            let both = LOGICAL_AND.apply(&[
                ISNAN.apply(std::slice::from_ref(&x))?.into(),
                ISNAN.apply(std::slice::from_ref(&y))?.into(),
            ])?;
            // In place, as NumPy's `result |= ...`: the result keeps its layout.
            LOGICAL_OR.call(&[result.clone().into(), both.into()], &super::UfuncOptions::default().out(&result))?;
        }
        // NumPy returns `result[()]`: a view of the result.
        Ok(result.view())
    })
}

/// NumPy's `np.allclose`: whether [`isclose`] holds everywhere.
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f32, 2.0], &[2], Order::C).unwrap();
/// assert!(strider::ufunc::allclose(&a, 1.0 + 1e-9, 1e-5, 1.5, false).unwrap());
/// ```
pub fn allclose(a: impl Into<Operand>, b: impl Into<Operand>, rtol: f64, atol: f64, equal_nan: bool) -> Result<bool> {
    Ok(isclose(a, b, rtol, atol, equal_nan)?.to_vec::<bool>()?.into_iter().all(|v| v))
}

/// NumPy's `np.array_equal(a1, a2, equal_nan)`: the same shape and equal elements (NaN equal to
/// NaN only with `equal_nan`).
///
/// ```
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1i32, 2], &[2], Order::C).unwrap();
/// let b = NdArray::from_vec(vec![1.0f64, 2.0], &[2], Order::C).unwrap();
/// assert!(strider::ufunc::array_equal(&a, &b, false).unwrap());
/// assert!(!strider::ufunc::array_equal(&a, &b.reshape(&[2, 1]).unwrap(), false).unwrap());
/// ```
pub fn array_equal(a1: &NdArray, a2: &NdArray, equal_nan: bool) -> Result<bool> {
    if a1.shape() != a2.shape() {
        return Ok(false);
    }
    let mut eq = EQUAL.apply(&[a1.into(), a2.into()])?;
    if equal_nan {
        let both = LOGICAL_AND.apply(&[ISNAN.apply(&[a1.into()])?.into(), ISNAN.apply(&[a2.into()])?.into()])?;
        eq = LOGICAL_OR.apply(&[eq.into(), both.into()])?;
    }
    Ok(eq.to_vec::<bool>()?.into_iter().all(|v| v))
}

//! argmin/argmax (and the NaN-ignoring forms) and the cumulative sums and products, along one
//! axis, as NumPy computes them: the first extreme wins and the first NaN is the extreme;
//! cumulative operations run left to right in the accumulator type.

use super::arith::Arith;
use super::{iter_dense_strides, native_source, num, sum_type, write_dense};
use super::{Accumulation, ArgReduction};
use crate::array::NdArray;
use crate::dtype::cast::{Casting, Conv, FromConv};
use crate::dtype::Element as _;
use crate::dtype::{DType, NumType};
use crate::iter::Plan;
use crate::layout::{self, Order};
use crate::storage::Storage;
use crate::{Error, Result};

/// The array an axis-or-None operation works on (None ravels in C order) and the axis.
fn axis_view(a: &NdArray, axis: Option<isize>) -> Result<(NdArray, usize)> {
    match axis {
        None => Ok((a.ravel(Order::C)?, 0)),
        Some(ax) if a.ndim() == 0 => {
            // NumPy treats a 0-d array as 1-d here.
            let k = layout::normalize_axis(ax, 1)?;
            Ok((a.reshape(&[1])?, k))
        }
        Some(ax) => Ok((a.clone(), layout::normalize_axis(ax, a.ndim())?)),
    }
}

/// The position of the extreme of a run (NumPy's `argmax`/`argmin` loops: the first extreme,
/// or the first NaN).
fn arg_run<S: Arith>(b: &[u8], at: isize, n: usize, s: isize, max: bool) -> i64 {
    let sz = std::mem::size_of::<S>();
    let get = |i: usize| {
        let o = (at + i as isize * s) as usize;
        S::from_ne_slice(&b[o..o + sz])
    };
    let mut m = get(0);
    if m.isnan() {
        return 0;
    }
    let mut best = 0usize;
    for i in 1..n {
        let x = get(i);
        let better = if max { S::arg_gt(x, m) } else { S::arg_lt(x, m) };
        if better {
            m = x;
            best = i;
            if m.isnan() {
                break;
            }
        }
    }
    best as i64
}

fn arg_plain(a: &NdArray, axis: Option<isize>, keepdims: bool, max: bool) -> Result<NdArray> {
    let t = num(a)?;
    let (v, ax) = axis_view(a, axis)?;
    let m = v.shape()[ax];
    if m == 0 {
        let name = if max { "argmax" } else { "argmin" };
        return Err(Error::Value(format!("attempt to get {name} of an empty sequence")));
    }
    let mut kshape = v.shape().to_vec();
    kshape[ax] = 1;
    let out_shape: Vec<usize> = match (axis, keepdims) {
        _ if a.ndim() == 0 => vec![],
        (None, true) => vec![1; a.ndim()],
        (None, false) => vec![],
        (Some(_), true) => kshape.clone(),
        (Some(_), false) => kshape.iter().enumerate().filter(|&(k, _)| k != ax).map(|(_, &n)| n).collect(),
    };
    let out =
        NdArray::alloc_with_strides(DType::INT64, out_shape.clone(), layout::alloc_strides(&out_shape, 8, Order::C))?;
    if out.size() == 0 {
        return Ok(out);
    }
    let (src, _) = native_source(&v, t)?;
    let ostrides = layout::alloc_strides(&kshape, 8, Order::C);
    let mut kst = src.strides().to_vec();
    kst[ax] = 0;
    let step = src.strides()[ax];
    let plan = Plan::new(&kshape, &[(0, &ostrides), (src.offset(), &kst)])?;
    let mut vals = vec![0i64; out.size()];
    crate::dispatch_num!(t, S => {
        src.storage().with_read(|b| {
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    let o = (offs[0] as isize + i * st[0]) as usize / 8;
                    vals[o] = arg_run::<S>(b, offs[1] as isize + i * st[1], m, step, max);
                }
            })
        })
    });
    write_dense(&out, &vals)?;
    Ok(out)
}

/// Runs an index-returning reduction, into `out` when given (NumPy's `PyArray_ArgMax` with
/// `out`: the shape must match, out's dtype must cast safely to intp, and it must be writeable).
pub(crate) fn arg_reduce(
    a: &NdArray,
    op: ArgReduction,
    axis: Option<isize>,
    keepdims: bool,
    out: Option<&NdArray>,
) -> Result<NdArray> {
    let r = arg_reduce_new(a, op, axis, keepdims)?;
    let Some(o) = out else { return Ok(r) };
    let max = matches!(op, ArgReduction::ArgMax | ArgReduction::NanArgMax);
    if o.shape() != r.shape() {
        let name = if max { "argmax" } else { "argmin" };
        return Err(Error::Value(format!("output array does not match result of np.{name}.")));
    }
    if !crate::can_cast(o.dtype(), &DType::INT64, Casting::Safe) {
        return Err(Error::Cast {
            scalar: o.ndim() == 0,
            from: o.dtype().to_string(),
            to: "int64".into(),
            casting: "safe".into(),
        });
    }
    if !o.flags().writeable {
        return Err(Error::Value("WRITEBACKIFCOPY base is read-only".into()));
    }
    o.assign(&r)?;
    Ok(o.clone())
}

fn arg_reduce_new(a: &NdArray, op: ArgReduction, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
    let max = matches!(op, ArgReduction::ArgMax | ArgReduction::NanArgMax);
    let t = num(a)?;
    if matches!(op, ArgReduction::ArgMin | ArgReduction::ArgMax) || !t.is_inexact() {
        return arg_plain(a, axis, keepdims, max);
    }
    // NumPy: NaNs become -inf/+inf in a copy; a slice of only NaNs is an error.
    let fill = if max { f64::NEG_INFINITY } else { f64::INFINITY };
    let c = a.astype_with(&DType::new(t), Order::K, Casting::Unsafe, true)?;
    let (v, ax) = axis_view(&c, axis)?;
    if v.size() > 0 {
        let counts = not_nan_along(&v, t, ax)?;
        if counts.contains(&0) {
            return Err(Error::Value("All-NaN slice encountered".into()));
        }
    }
    replace_all_nan(&c, t, fill)?;
    arg_plain(&c, axis, keepdims, max)
}

/// Per lane along `ax`, how many elements are not NaN.
fn not_nan_along(v: &NdArray, t: NumType, ax: usize) -> Result<Vec<usize>> {
    let mut kshape = v.shape().to_vec();
    let m = kshape[ax];
    kshape[ax] = 1;
    let (src, _) = native_source(v, t)?;
    let mut kst = src.strides().to_vec();
    let step = kst[ax];
    kst[ax] = 0;
    let plan = Plan::new(&kshape, &[(src.offset(), &kst)])?;
    let mut out = Vec::new();
    crate::dispatch_num!(t, S => {
        let sz = std::mem::size_of::<S>();
        src.storage().with_read(|b| {
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    let base = offs[0] as isize + i * st[0];
                    let n = (0..m as isize)
                        .filter(|&j| {
                            let o = (base + j * step) as usize;
                            !S::from_ne_slice(&b[o..o + sz]).isnan()
                        })
                        .count();
                    out.push(n);
                }
            })
        })
    });
    Ok(out)
}

/// Replaces every NaN of a dense native array by `val`, in place.
fn replace_all_nan(c: &NdArray, t: NumType, val: f64) -> Result<()> {
    let (off, n) = (c.offset(), c.nbytes());
    crate::dispatch_num!(t, X => {
        let sz = std::mem::size_of::<X>();
        let v = X::from_conv(val);
        c.storage().with_write(|b| {
            for e in b[off..off + n].chunks_exact_mut(sz) {
                if X::from_ne_slice(e).isnan() {
                    v.write_ne_slice(e);
                }
            }
        })?;
    });
    Ok(())
}

/// How NumPy's accumulate reaches `out`: directly when the accumulated array is 1-d, aligned,
/// already of the loop's dtype and apart from `out` (out must then have exactly its shape), else
/// through its iterator, which maps out's first `ndim` axes onto the array's, lets the array
/// broadcast and ignores out's further axes. Checks `out` as NumPy does and returns the view of
/// `out` the result `r` is written to.
fn acc_out_target(out: &NdArray, r: &NdArray, ax: usize, direct: bool) -> Result<NdArray> {
    if !out.flags().writeable {
        return Err(Error::Value("output array is read-only".into()));
    }
    let (os, shape) = (out.shape(), r.shape());
    let ndim = shape.len();
    let s = crate::layout::shape_str_compact;
    if direct && ndim == 1 {
        if os != shape {
            return Err(Error::Value("provided out is the wrong size for the accumulation.".into()));
        }
        return Ok(out.clone());
    }
    if os.len() < ndim {
        let k = os.len();
        return Err(Error::Value(format!(
            "Iterator input op_axes[0][{}] (=={k}) is not a valid axis of op[0], which has {k} dimensions ",
            ndim - 1 - k
        )));
    }
    let mapped = &os[..ndim];
    if mapped.iter().zip(shape).any(|(&o, &n)| o != n && o != 1 && n != 1) {
        return Err(Error::Value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{} ",
            s(os),
            s(mapped),
            s(shape),
            s(shape)
        )));
    }
    let bshape: Vec<usize> = mapped.iter().zip(shape).map(|(&o, &n)| if o == 1 { n } else { o }).collect();
    if mapped.iter().zip(&bshape).any(|(&o, &b)| o == 1 && b != 1) {
        let rev: Vec<usize> = mapped.iter().rev().copied().collect();
        return Err(Error::Value(format!(
            "non-broadcastable output operand with shape {} [remapped to {}] doesn't match the broadcast shape {}",
            s(os),
            s(&rev),
            s(&bshape)
        )));
    }
    // Out's further axes are not iterated (their index stays 0); along the accumulated axis
    // only as many elements as the array has are written.
    use crate::index::IndexItem;
    let items: Vec<IndexItem> = (0..os.len())
        .map(|k| match k {
            _ if k >= ndim => IndexItem::Int(0),
            _ if k == ax && shape[ax] == 1 => IndexItem::Slice { start: Some(0), stop: Some(1), step: None },
            _ => IndexItem::Slice { start: None, stop: None, step: None },
        })
        .collect();
    out.slice(&items)
}

/// Runs a cumulative operation, into `out` when given (the loop then runs in the type NumPy
/// resolves for (out, input) unless `dtype` is given, and the result is cast into `out`).
pub(crate) fn accumulate(
    a: &NdArray,
    op: Accumulation,
    axis: Option<isize>,
    dtype: Option<&DType>,
    out: Option<&NdArray>,
) -> Result<NdArray> {
    // Casts inside (into the loop's dtype, into `out`) report under NumPy's name "accumulate".
    let (r, cast) = crate::ufunc::errstate::hold_cast_flags(|| accumulate_impl(a, op, axis, dtype, out));
    let r = r?;
    crate::ufunc::errstate::report(cast, "accumulate")?;
    Ok(r)
}

fn accumulate_impl(
    a: &NdArray,
    op: Accumulation,
    axis: Option<isize>,
    dtype: Option<&DType>,
    out: Option<&NdArray>,
) -> Result<NdArray> {
    let t = num(a)?;
    let acc_t = match (dtype, out) {
        (Some(d), _) => d.num_type().ok_or_else(|| Error::Type(format!("dtype {d} is not numeric")))?,
        (None, Some(o)) => crate::ufunc::promote_types(o.dtype(), a.dtype())?
            .num_type()
            .ok_or_else(|| Error::Type(format!("dtype {} is not numeric", o.dtype())))?,
        (None, None) => sum_type(t),
    };
    let r = accumulate_new(a, op, axis, t, acc_t, true)?;
    let Some(o) = out else { return Ok(r) };
    // The array NumPy accumulates: a NaN-replaced copy (same dtype), a ravelled copy, or `a`.
    let nan_copy = matches!(op, Accumulation::NanCumSum | Accumulation::NanCumProd) && t.is_inexact();
    let (v, ax) = axis_view(a, axis)?;
    let fresh = nan_copy || !v.same_storage(a);
    let same = |d: &DType| d.num_type() == Some(acc_t) && d.is_native();
    let direct = same(o.dtype())
        && same(a.dtype())
        && o.flags().aligned
        && (fresh || (a.flags().aligned && !o.may_share_memory(a, None)?));
    let target = acc_out_target(o, &r, ax, direct)?;
    // NumPy's vectorised (fused) complex product needs a unit output stride; out's own dtype
    // is written in place, another goes through a contiguous copy.
    let unit = !same(o.dtype()) || target.strides()[ax] == o.itemsize() as isize;
    let r = if unit {
        r
    } else {
        // The same values again: their flags were reported by the first pass.
        let quiet = crate::ufunc::ErrState::all(crate::ufunc::ErrPolicy::Ignore);
        crate::ufunc::errstate(quiet, || accumulate_new(a, op, axis, t, acc_t, false))?
    };
    target.assign(&r)?;
    Ok(o.clone())
}

/// The accumulation into a new array of `acc_t`; `unit_out` says whether NumPy's loop writes
/// with a unit stride (so that a one-step complex product may take its fused path).
fn accumulate_new(
    a: &NdArray,
    op: Accumulation,
    axis: Option<isize>,
    t: NumType,
    acc_t: NumType,
    unit_out: bool,
) -> Result<NdArray> {
    let prod = matches!(op, Accumulation::CumProd | Accumulation::NanCumProd);
    let nan = matches!(op, Accumulation::NanCumSum | Accumulation::NanCumProd);
    let base = if nan && t.is_inexact() {
        let c = a.astype_with(&DType::new(t), Order::K, Casting::Unsafe, true)?;
        replace_all_nan(&c, t, if prod { 1.0 } else { 0.0 })?;
        c
    } else {
        a.clone()
    };
    let (v, ax) = axis_view(&base, axis)?;
    let dt = DType::new(acc_t);
    let out = NdArray::alloc_with_strides(
        dt.clone(),
        v.shape().to_vec(),
        iter_dense_strides(v.shape(), v.strides(), dt.itemsize()),
    )?;
    if out.size() == 0 {
        return Ok(out);
    }
    // NumPy casts the input into `dtype=` before the loop: that cast reports as "cast".
    let (src, _) = crate::ufunc::errstate::release(|| native_source(&v, acc_t))?;
    let m = v.shape()[ax];
    let mut kshape = v.shape().to_vec();
    kshape[ax] = 1;
    let (mut ks_out, mut ks_in) = (out.strides().to_vec(), src.strides().to_vec());
    let (step_out, step_in) = (ks_out[ax], ks_in[ax]);
    ks_out[ax] = 0;
    ks_in[ax] = 0;
    let plan = Plan::new(&kshape, &[(out.offset(), &ks_out), (src.offset(), &ks_in)])?;
    let fp = super::flags::FpSteps::elementwise(acc_t);
    let mut fl = 0u8;
    crate::dispatch_num!(acc_t, S => {
        let sz = std::mem::size_of::<S>();
        Storage::with_sources_and_dest(&[src.storage()], out.storage(), |srcs, dst| {
            let sb = srcs[0].unwrap_or(&[]);
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    let (mut po, mut pi) = (offs[0] as isize + i * st[0], offs[1] as isize + i * st[1]);
                    let mut run: Option<S> = None;
                    for _ in 0..m {
                        let x = S::from_ne_slice(&sb[pi as usize..pi as usize + sz]);
                        let r = match run {
                            None => x,
                            // NumPy's loop over a lane overlaps its output unless it is one
                            // step long; only then does it take the vectorised (fused) path.
                            Some(p) if prod && m == 2 && unit_out => p.mul_vec(x),
                            Some(p) if prod => p.mul(x),
                            Some(p) => p.add_accum(x),
                        };
                        // Flags from values, checked only where the running result is unusual.
                        if let (Some(fp), Some(p)) = (&fp, run) {
                            let rz = r.to_c128();
                            if fp.unusual(prod, rz) {
                                let f = fp.step(prod, p.to_c128(), x.to_c128()).1;
                                // Invalid only where this loop's own result is NaN (its fused
                                // complex product can avoid the inf - inf of the plain one).
                                let nan = rz.re.is_nan() || rz.im.is_nan();
                                fl |= if nan { f } else { f & !(crate::ufunc::errstate::Flag::Invalid as u8) };
                            }
                        }
                        r.write_ne_slice(&mut dst[po as usize..po as usize + sz]);
                        run = Some(r);
                        po += step_out;
                        pi += step_in;
                    }
                }
            });
        })?;
    });
    crate::ufunc::errstate::report(fl | crate::ufunc::errstate::take_held(), "accumulate")?;
    Ok(out)
}

//! mean, var, std and the NaN-ignoring reductions, composed from sums exactly as NumPy's Python
//! code composes them (`_methods._mean`, `_var`, `nanfunctions`), so that every intermediate is
//! rounded in the same type, in the same order and laid out the same way.
//!
//! Divisions by a count are NumPy's `true_divide(x, intp)`: computed in float64 (complex128 for
//! complex), then cast back to the accumulator's type.

use super::arith::Arith;
use super::engine::Fold;
use super::masked::Extra;
use super::{dense_in_order_of, fold_reduce, fold_typed, iter_dense_strides, native_source, sum_type, write_dense};
use crate::array::NdArray;
use crate::dtype::cast::{Casting, Conv, FromConv};
use crate::dtype::Element as _;
use crate::dtype::{DType, Kind, NumType};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::Order;
use crate::storage::Storage;
use crate::{Error, Result};
use num_complex::Complex64;

/// NumPy's `true_divide(x, n)` for an accumulator `x` and an intp count, cast back to `S`.
#[inline]
fn div_count<S: Arith>(x: S, n: i64, complex: bool) -> S {
    if complex {
        let z = x.to_c128();
        let d = n as f64;
        // NumPy's complex division by (d, 0): Smith's method with ratio 0, or a plain
        // division by zero for a zero divisor.
        let q = if d == 0.0 {
            Complex64::new(z.re / 0.0, z.im / 0.0)
        } else {
            let rat = 0.0 / d;
            let scl = 1.0 / (d + 0.0 * rat);
            Complex64::new((z.re + z.im * rat) * scl, (z.im - z.re * rat) * scl)
        };
        S::from_conv(q)
    } else {
        S::from_conv(x.to_f64() / n as f64)
    }
}

/// The IEEE flags NumPy's `true_divide` raises dividing each accumulator by its count: a zero
/// count, with invalid for a zero part (0/0) and divide-by-zero for a finite nonzero one; and a
/// complex accumulator with an infinite part (Smith's method meets inf * 0).
fn count_division_flags<S: Arith>(acc: &[S], n: &[i64], complex: bool) -> u8 {
    use crate::ufunc::errstate::Flag;
    let mut flags = 0u8;
    if complex {
        // Smith's division by (n, 0) multiplies each part by the ratio 0: an infinite part makes
        // inf * 0, invalid, for any count.
        let inf = |x: &S| {
            let z = x.to_c128();
            z.re.is_infinite() || z.im.is_infinite()
        };
        if acc.iter().zip(n).any(|(x, &c)| c != 0 && inf(x)) {
            flags |= Flag::Invalid as u8;
        }
    }
    for (x, _) in acc.iter().zip(n).filter(|(_, &n)| n == 0) {
        let z = x.to_c128();
        for &part in &[z.re, z.im][..if complex { 2 } else { 1 }] {
            if part == 0.0 {
                flags |= Flag::Invalid as u8;
            } else if part.is_finite() {
                flags |= Flag::Divide as u8;
            }
        }
    }
    flags
}

/// The division's name in NumPy's warning: a 0-d float64 or complex128 result without `out` is
/// a NumPy scalar there, divided by Python's own scalar arithmetic; any other goes through the
/// `divide` ufunc.
fn division_name(result_ndim: usize, out: Option<&NdArray>, t: NumType) -> &'static str {
    if result_ndim == 0 && out.is_none() && matches!(t, NumType::Float64 | NumType::Complex128) {
        "scalar divide"
    } else {
        "divide"
    }
}

/// Whether NumPy's `_mean`/`_var` see an empty count: without a mask the count is the product
/// of the reduced lengths (so an empty result still warns); with one, any output's count.
fn any_count_at_most(a: &NdArray, cx: &Ctx, n: &[i64], limit: i64) -> bool {
    if cx.ex.mask.is_some() {
        return n.iter().any(|&c| c <= limit);
    }
    let count: i64 = a.shape().iter().zip(cx.reduced).filter(|(_, &r)| r).map(|(&d, _)| d as i64).product();
    count <= limit
}

/// NumPy's result type of a binary operation between two numeric types (the cases reductions
/// need: an input and an inexact accumulator).
pub(crate) fn promote(a: NumType, b: NumType) -> NumType {
    use NumType::*;
    if a == b {
        return a;
    }
    // The smallest float type that holds every value of an integer (NumPy's int/float rule).
    let float_of = |t: NumType| match t {
        Bool | Int8 | UInt8 => Float16,
        Int16 | UInt16 => Float32,
        Float16 | Float32 | Float64 => t,
        Complex64 => Float32,
        Complex128 => Float64,
        _ => Float64,
    };
    let complex = a.kind() == Kind::Complex || b.kind() == Kind::Complex;
    if !a.is_inexact() && !b.is_inexact() {
        return Int64;
    }
    let (fa, fb) = (float_of(a), float_of(b));
    let f = if fa.itemsize() >= fb.itemsize() { fa } else { fb };
    if complex {
        if f == Float64 {
            Complex128
        } else {
            Complex64
        }
    } else {
        f
    }
}

/// The arguments every statistic passes down: the reduced axes, keepdims, the `where` mask
/// and `out`.
pub(crate) struct Ctx<'a> {
    pub reduced: &'a [bool],
    pub k: bool,
    pub ex: Extra,
    pub out: Option<&'a NdArray>,
}

/// The loop type of a sum into `out` without `dtype=`: NumPy resolves `add(out, input)`.
fn out_loop(out: Option<&NdArray>, t: NumType) -> Result<Option<NumType>> {
    match out {
        Some(o) => Ok(crate::ufunc::promote_types(o.dtype(), &DType::new(t))?.num_type()),
        None => Ok(None),
    }
}

/// The last steps of a statistic computed into `out` as NumPy's Python code does: the sum
/// `sum` (fresh, dense) cast into out's dtype, divided there by `div` per output (NumPy's
/// `true_divide(out, count, out=out, casting='unsafe')`), NaN where `bad`, written into `out`,
/// then `sqrt(out, out=out)` for std (whose same_kind check fails for an integer or bool `out`).
fn finish_out(sum: &NdArray, out: &NdArray, div: &[i64], bad: Option<&[bool]>, sqrt: bool) -> Result<NdArray> {
    let o_t = super::num(out)?;
    if sqrt && !o_t.is_inexact() {
        // sqrt's loop for an integer operand: float16 up to 8 bits, float32 for 16, else float64.
        let loop_t = match o_t.itemsize() {
            1 => "float16",
            2 => "float32",
            _ => "float64",
        };
        return Err(Error::UFuncType(format!(
            "Cannot cast ufunc 'sqrt' output from dtype('{loop_t}') to {:?} with casting rule 'same_kind'",
            out.dtype()
        )));
    }
    let tmp = sum.astype_with(&DType::new(o_t), Order::K, Casting::Unsafe, true)?;
    let complex = o_t.kind() == Kind::Complex;
    let (off, n) = (tmp.offset(), tmp.nbytes());
    crate::dispatch_num!(o_t, O => {
        let sz = std::mem::size_of::<O>();
        tmp.storage().with_write(|b| {
            for (i, e) in b[off..off + n].chunks_exact_mut(sz).enumerate() {
                let mut x = div_count(O::from_ne_slice(e), div[i], complex);
                if bad.is_some_and(|m| m[i]) {
                    x = O::from_conv(f64::NAN);
                }
                if sqrt {
                    x = Arith::sqrt(x);
                }
                x.write_ne_slice(e);
            }
        })?;
    });
    out.assign(&tmp)?;
    Ok(out.clone())
}

/// `np.mean`: `add.reduce` in the accumulator type, then a division by the count (of the
/// selected elements, with a mask).
pub(crate) fn mean(a: &NdArray, t: NumType, dt: Option<NumType>, cx: &Ctx) -> Result<NdArray> {
    let acc_t = match dt {
        Some(d) => d,
        None => match t.kind() {
            Kind::Bool | Kind::Int | Kind::UInt => NumType::Float64,
            _ if t == NumType::Float16 => NumType::Float32,
            _ => out_loop(cx.out, t)?.unwrap_or(t),
        },
    };
    let half_result = dt.is_none() && t == NumType::Float16 && cx.out.is_none();
    let n = super::counts(a, cx.reduced, cx.ex.mask.as_ref())?;
    if any_count_at_most(a, cx, &n, 0) {
        crate::ufunc::errstate::warn("Mean of empty slice");
    }
    let complex = acc_t.kind() == Kind::Complex;
    crate::dispatch_num!(acc_t, S => {
        let (mut acc, res) = fold_typed::<S>(a, Fold::Sum, acc_t, cx.reduced, cx.k, &cx.ex.mask_only())?;
        crate::ufunc::errstate::report(count_division_flags(&acc, &n, complex), division_name(res.ndim(), cx.out, acc_t))?;
        if let Some(o) = cx.out {
            write_dense(&res, &acc)?;
            return finish_out(&res, o, &n, None, false);
        }
        acc.iter_mut().zip(&n).for_each(|(x, &n)| *x = div_count(*x, n, complex));
        write_dense(&res, &acc)?;
        if half_result {
            // NumPy's `np.float16(ret)`: a cast copy in order K of the float32 mean.
            return res.astype_with(&DType::FLOAT16, Order::K, Casting::Unsafe, true);
        }
        Ok(res)
    })
}

/// The floating-point flags of [`squared_deviations`]'s three steps, in NumPy's order.
#[derive(Default)]
struct DevFlags {
    subtract: u8,
    square: u8,
    /// The sum of the two squares of a complex deviation.
    add: u8,
}

/// `x - mean` squared (`|x - mean|**2` for complex) into a new array of `x`'s type laid out in
/// the iteration order of `a` and `mean` together (where `a`'s strides are zero, the mean's, so a
/// `where=` mask's, decide), as NumPy's `subtract` and `square` allocate it, with the flags of each
/// step. `mean` has the keepdims shape and broadcasts over the reduced axes. `zeroed` (nanvar):
/// per element in the result's memory order, whether NumPy zeroes it before squaring (a NaN
/// position), so that its square raises nothing.
fn squared_deviations(
    a: &NdArray,
    x_t: NumType,
    mean: &NdArray,
    conj_mul: bool,
    zeroed: Option<&[bool]>,
) -> Result<(NdArray, DevFlags)> {
    let dt = DType::new(x_t);
    let order_ms = broadcast_strides(mean.shape(), mean.strides(), a.shape())?;
    let xs = NdArray::alloc_with_strides(
        dt.clone(),
        a.shape().to_vec(),
        dense_in_order_of(a.shape(), a.strides(), a.shape(), dt.itemsize(), Some(&order_ms)),
    )?;
    let (src, _) = native_source(a, x_t)?;
    let (m, _) = native_source(mean, x_t)?;
    let ms = broadcast_strides(m.shape(), m.strides(), a.shape())?;
    let plan = Plan::new(a.shape(), &[(xs.offset(), xs.strides()), (src.offset(), src.strides()), (m.offset(), &ms)])?;
    let fp = super::flags::FpSteps::elementwise(x_t);
    let mut fl = DevFlags::default();
    let xs_off = xs.offset();
    crate::dispatch_num!(x_t, X => {
        let sz = std::mem::size_of::<X>();
        Storage::with_sources_and_dest(&[src.storage(), m.storage()], xs.storage(), |srcs, dst| {
            let (sb, mb) = (srcs[0].unwrap_or(&[]), srcs[1].unwrap_or(&[]));
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    let (o0, o1, o2) = (
                        (offs[0] as isize + i * st[0]) as usize,
                        (offs[1] as isize + i * st[1]) as usize,
                        (offs[2] as isize + i * st[2]) as usize,
                    );
                    let x = X::from_ne_slice(&sb[o1..o1 + sz]);
                    let mv = X::from_ne_slice(&mb[o2..o2 + sz]);
                    let d = x.sub(mv);
                    let sq = if conj_mul { d.abs2_vec() } else { d.abs2() };
                    // Flags only where a value is unusual (an error leaves an infinity, a NaN or,
                    // for underflow, a tiny square).
                    if let Some(fp) = &fp {
                        let dz = d.to_c128();
                        if fp.unusual(false, dz) || fp.unusual(true, sq.to_c128()) {
                            fl.subtract |= fp.subtract(x.to_c128(), mv.to_c128());
                            if !zeroed.is_some_and(|z| z[(o0 - xs_off) / sz]) {
                                let (s2, a2) = fp.square_abs(dz);
                                fl.square |= s2;
                                fl.add |= a2;
                            }
                        }
                    }
                    sq.write_ne_slice(&mut dst[o0..o0 + sz]);
                }
            });
        })?;
    });
    Ok((xs, fl))
}

/// `np.var` / `np.std` (`sqrt`), following NumPy's `_var` step by step.
pub(crate) fn var(a: &NdArray, t: NumType, dt: Option<NumType>, cx: &Ctx, ddof: i64, sqrt: bool) -> Result<NdArray> {
    let mean_t = dt.unwrap_or(if t.is_inexact() { t } else { NumType::Float64 });
    let n = super::counts(a, cx.reduced, cx.ex.mask.as_ref())?;
    if any_count_at_most(a, cx, &n, ddof) {
        crate::ufunc::errstate::warn("Degrees of freedom <= 0 for slice");
    }
    let mean = crate::dispatch_num!(mean_t, S => {
        let (mut acc, out) = fold_typed::<S>(a, Fold::Sum, mean_t, cx.reduced, true, &cx.ex.mask_only())?;
        let complex = mean_t.kind() == Kind::Complex;
        // The mean keeps its dimensions: an array, unless the input is 0-d.
        crate::ufunc::errstate::report(count_division_flags(&acc, &n, complex), division_name(a.ndim(), None, mean_t))?;
        acc.iter_mut().zip(&n).for_each(|(x, &n)| *x = div_count(*x, n, complex));
        write_dense(&out, &acc)?;
        out
    });
    let x_t = promote(t, mean_t);
    let (xs, fl) = squared_deviations(a, x_t, &mean, false, None)?;
    // NumPy's steps: subtract, then square (multiply for a bool input), then for complex the
    // add of the two squares.
    crate::ufunc::errstate::report(fl.subtract, "subtract")?;
    crate::ufunc::errstate::report(fl.square, if t == NumType::Bool { "multiply" } else { "square" })?;
    crate::ufunc::errstate::report(fl.add, "add")?;
    let xr = if x_t.kind() == Kind::Complex { xs.real()? } else { xs };
    // NumPy passes dtype=float64 to the final sum of an integer input.
    let final_dt = dt.or(if t.is_inexact() { None } else { Some(NumType::Float64) });
    let n = super::counts(&xr, cx.reduced, cx.ex.mask.as_ref())?;
    let dof: Vec<i64> = n.iter().map(|&c| (c - ddof).max(0)).collect();
    finish_var(&xr, final_dt, cx, &dof, sqrt, None)
}

/// The last steps of a variance: the sum of squared deviations, divided by the degrees of
/// freedom `dof` per output, NaN where `bad` says so, then the square root for std.
fn finish_var(
    sq: &NdArray,
    dt: Option<NumType>,
    cx: &Ctx,
    dof: &[i64],
    sqrt: bool,
    bad: Option<&[bool]>,
) -> Result<NdArray> {
    let sq_t = super::num(sq)?;
    let acc_t = match dt {
        Some(d) => d,
        None => out_loop(cx.out, sq_t)?.unwrap_or(sq_t),
    };
    let complex = acc_t.kind() == Kind::Complex;
    crate::dispatch_num!(acc_t, S => {
        let (mut acc, out) = fold_typed::<S>(sq, Fold::Sum, acc_t, cx.reduced, cx.k, &cx.ex.mask_only())?;
        // nanvar divides under errstate(ignore); var's division reports as NumPy's does.
        if bad.is_none() {
            crate::ufunc::errstate::report(count_division_flags(&acc, dof, complex), division_name(out.ndim(), cx.out, acc_t))?;
        }
        if let Some(o) = cx.out {
            write_dense(&out, &acc)?;
            return finish_out(&out, o, dof, bad, sqrt);
        }
        for (i, x) in acc.iter_mut().enumerate() {
            *x = div_count(*x, dof[i], complex);
            if bad.is_some_and(|b| b[i]) {
                *x = S::from_conv(f64::NAN);
            }
            if sqrt {
                *x = Arith::sqrt(*x);
            }
        }
        write_dense(&out, &acc)?;
        Ok(out)
    })
}

/// NumPy's `_replace_nan`: for inexact input, a copy (order K, here in native byte order) with
/// NaNs replaced by `val`, and per element (in the copy's memory order) whether it was NaN.
fn replace_nan(a: &NdArray, t: NumType, val: f64) -> Result<(NdArray, Vec<bool>)> {
    let c = a.astype_with(&DType::new(t), Order::K, Casting::Unsafe, true)?;
    let (off, n) = (c.offset(), c.nbytes());
    let mask = crate::dispatch_num!(t, X => {
        let sz = std::mem::size_of::<X>();
        let v = X::from_conv(val);
        c.storage().with_write(|b| {
            b[off..off + n]
                .chunks_exact_mut(sz)
                .map(|e| {
                    let nan = X::from_ne_slice(e).isnan();
                    if nan {
                        v.write_ne_slice(e);
                    }
                    nan
                })
                .collect::<Vec<bool>>()
        })?
    });
    Ok((c, mask))
}

/// Per output, how many (selected) elements were not NaN (NumPy's `np.sum(~mask,
/// dtype=intp, where=where)`), for a dense copy `c` and its NaN mask in memory order.
fn not_nan_counts(c: &NdArray, mask: &[bool], reduced: &[bool], k: bool, ex: &Extra) -> Result<Vec<i64>> {
    let isz = c.itemsize() as isize;
    let strides: Vec<isize> = c.strides().iter().map(|s| s / isz * 8).collect();
    let m = NdArray::alloc_with_strides(DType::INT64, c.shape().to_vec(), strides)?;
    let vals: Vec<i64> = mask.iter().map(|&x| !x as i64).collect();
    write_dense(&m, &vals)?;
    let (acc, _) = fold_typed::<i64>(&m, Fold::Sum, NumType::Int64, reduced, k, &ex.mask_only())?;
    Ok(acc)
}

/// `np.nansum` / `np.nanprod`: the plain reduction of a copy with NaNs replaced by 0 or 1.
pub(crate) fn nan_fold(a: &NdArray, f: Fold, t: NumType, dt: Option<NumType>, cx: &Ctx) -> Result<NdArray> {
    let acc_t = match dt {
        Some(d) => d,
        None => out_loop(cx.out, t)?.unwrap_or(sum_type(t)),
    };
    let r = if t.is_inexact() {
        let (c, _) = replace_nan(a, t, if f == Fold::Prod { 1.0 } else { 0.0 })?;
        fold_reduce(&c, f, acc_t, cx.reduced, cx.k, &cx.ex)?
    } else {
        fold_reduce(a, f, acc_t, cx.reduced, cx.k, &cx.ex)?
    };
    match cx.out {
        Some(o) => super::masked::into_out(&r, o),
        None => Ok(r),
    }
}

fn require_inexact(dt: Option<NumType>, out: Option<&NdArray>) -> Result<()> {
    match dt {
        Some(d) if !d.is_inexact() => return Err(Error::Type("If a is inexact, then dtype must be inexact".into())),
        _ => {}
    }
    match out.and_then(|o| o.dtype().num_type()) {
        Some(o) if !o.is_inexact() => Err(Error::Type("If a is inexact, then out must be inexact".into())),
        _ => Ok(()),
    }
}

/// `np.nanmean`: the NaN-free sum divided by the count of non-NaN elements.
pub(crate) fn nanmean(a: &NdArray, t: NumType, dt: Option<NumType>, cx: &Ctx) -> Result<NdArray> {
    if !t.is_inexact() {
        return mean(a, t, dt, cx);
    }
    require_inexact(dt, cx.out)?;
    let (c, mask) = replace_nan(a, t, 0.0)?;
    let cnt = not_nan_counts(&c, &mask, cx.reduced, cx.k, &cx.ex)?;
    if cnt.contains(&0) {
        crate::ufunc::errstate::warn("Mean of empty slice");
    }
    let acc_t = match dt {
        Some(d) => d,
        None => out_loop(cx.out, t)?.unwrap_or(t),
    };
    let complex = acc_t.kind() == Kind::Complex;
    crate::dispatch_num!(acc_t, S => {
        let (mut acc, out) = fold_typed::<S>(&c, Fold::Sum, acc_t, cx.reduced, cx.k, &cx.ex.mask_only())?;
        if let Some(o) = cx.out {
            write_dense(&out, &acc)?;
            return finish_out(&out, o, &cnt, None, false);
        }
        for (x, &n) in acc.iter_mut().zip(&cnt) {
            *x = div_count(*x, n, complex);
        }
        write_dense(&out, &acc)?;
        Ok(out)
    })
}

/// `np.nanvar` / `np.nanstd`, following NumPy's `nanvar` step by step: deviations are stored
/// back into the input's type, NaN positions zeroed, slices with `dof <= 0` give NaN.
pub(crate) fn nanvar(a: &NdArray, t: NumType, dt: Option<NumType>, cx: &Ctx, ddof: i64, sqrt: bool) -> Result<NdArray> {
    if !t.is_inexact() {
        return var(a, t, dt, cx, ddof, sqrt);
    }
    require_inexact(dt, cx.out)?;
    let (c, mask) = replace_nan(a, t, 0.0)?;
    let cnt_keep = not_nan_counts(&c, &mask, cx.reduced, true, &cx.ex)?;
    let mean_t = dt.unwrap_or(t);
    let avg = crate::dispatch_num!(mean_t, S => {
        let (mut acc, out) = fold_typed::<S>(&c, Fold::Sum, mean_t, cx.reduced, true, &cx.ex.mask_only())?;
        let complex = mean_t.kind() == Kind::Complex;
        for (x, &n) in acc.iter_mut().zip(&cnt_keep) {
            *x = div_count(*x, n, complex);
        }
        write_dense(&out, &acc)?;
        out
    });
    // subtract(arr, avg, out=arr, casting='unsafe'): computed in the promoted type, stored in t,
    // then squared in t.
    let x_t = promote(t, mean_t);
    let dev = if x_t == t {
        // `c` is a dense copy, so the deviations share its memory order and its mask.
        let (dev, fl) = squared_deviations(&c, t, &avg, true, Some(&mask))?;
        crate::ufunc::errstate::report(fl.subtract, "subtract")?;
        crate::ufunc::errstate::report(fl.square | fl.add, "multiply")?;
        dev
    } else {
        deviations_in(&c, t, x_t, &avg)?
    };
    let complex = t.kind() == Kind::Complex;
    let sq = if complex { dev.real()? } else { dev };
    // Zero the NaN positions (the copy's memory order is the deviations' memory order).
    zero_masked(&sq, &mask, if complex { 2 } else { 1 })?;
    let cnt = not_nan_counts(&c, &mask, cx.reduced, cx.k, &cx.ex)?;
    let dof: Vec<i64> = cnt.iter().map(|&n| n - ddof).collect();
    let bad: Vec<bool> = dof.iter().map(|&d| d <= 0).collect();
    if bad.contains(&true) {
        crate::ufunc::errstate::warn("Degrees of freedom <= 0 for slice.");
    }
    finish_var(&sq, dt, cx, &dof, sqrt, Some(&bad))
}

/// `(x - mean)` computed in `x_t`, rounded to `t`, then squared in `t` (nanvar with a wider
/// dtype); laid out like `c`.
fn deviations_in(c: &NdArray, t: NumType, x_t: NumType, mean: &NdArray) -> Result<NdArray> {
    let wide = squared_deviations_raw(c, x_t, mean)?;
    let back = wide.astype_with(&DType::new(t), Order::K, Casting::Unsafe, true)?;
    let (off, n) = (back.offset(), back.nbytes());
    crate::dispatch_num!(t, X => {
        let sz = std::mem::size_of::<X>();
        back.storage().with_write(|b| {
            for e in b[off..off + n].chunks_exact_mut(sz) {
                X::from_ne_slice(e).abs2_vec().write_ne_slice(e);
            }
        })?;
    });
    Ok(back)
}

/// `x - mean` (not squared) in `x_t`, laid out in `c`'s order.
fn squared_deviations_raw(c: &NdArray, x_t: NumType, mean: &NdArray) -> Result<NdArray> {
    let dt = DType::new(x_t);
    let xs = NdArray::alloc_with_strides(
        dt.clone(),
        c.shape().to_vec(),
        iter_dense_strides(c.shape(), c.strides(), dt.itemsize()),
    )?;
    let (src, _) = native_source(c, x_t)?;
    let (m, _) = native_source(mean, x_t)?;
    let ms = broadcast_strides(m.shape(), m.strides(), c.shape())?;
    let plan = Plan::new(c.shape(), &[(xs.offset(), xs.strides()), (src.offset(), src.strides()), (m.offset(), &ms)])?;
    crate::dispatch_num!(x_t, X => {
        let sz = std::mem::size_of::<X>();
        Storage::with_sources_and_dest(&[src.storage(), m.storage()], xs.storage(), |srcs, dst| {
            let (sb, mb) = (srcs[0].unwrap_or(&[]), srcs[1].unwrap_or(&[]));
            plan.for_each_run(|len, offs, st| {
                for i in 0..len as isize {
                    let (o0, o1, o2) = (
                        (offs[0] as isize + i * st[0]) as usize,
                        (offs[1] as isize + i * st[1]) as usize,
                        (offs[2] as isize + i * st[2]) as usize,
                    );
                    let x = X::from_ne_slice(&sb[o1..o1 + sz]);
                    let mv = X::from_ne_slice(&mb[o2..o2 + sz]);
                    x.sub(mv).write_ne_slice(&mut dst[o0..o0 + sz]);
                }
            });
        })?;
    });
    Ok(xs)
}

/// Sets to zero the elements of a dense (possibly real-view) array whose mask entry, in memory
/// order of the dense parent (`parts` values per element), is set.
fn zero_masked(sq: &NdArray, mask: &[bool], parts: usize) -> Result<()> {
    if !mask.iter().any(|&m| m) {
        return Ok(());
    }
    let t = super::num(sq)?;
    let isz = sq.itemsize();
    // A real view of a complex array steps over two parts per element.
    let step = parts * isz;
    let off = sq.offset();
    crate::dispatch_num!(t, X => {
        let z = X::zero();
        sq.storage().with_write(|b| {
            for (k, &m) in mask.iter().enumerate() {
                if m {
                    z.write_ne_slice(&mut b[off + k * step..off + k * step + isz]);
                }
            }
        })?;
    });
    Ok(())
}

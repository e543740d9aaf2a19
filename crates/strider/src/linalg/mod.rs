//! Linear algebra: `matmul` and `dot` with NumPy's shape rules, dtype promotion and errors.
//!
//! OWNER: sort/linalg helper. Owns the shape logic of `np.matmul` (1-d operands promoted and
//! their axis removed, batch dimensions broadcast) and `np.dot` (the N-d rule, 0-d operands
//! multiplied), and the product kernels in `kernels`. Float and complex products go through
//! faer's gemm (float16 in float32, rounded once, as NumPy does); integer and bool products
//! through a cache-friendly loop. Results are new C-ordered arrays; inputs may have any layout.
//! It reads elements only through the storage locks and builds views only through `array`.
//!
//! ```
//! use strider::{NdArray, Order};
//! let a = NdArray::from_vec(vec![1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3], Order::C)?;
//! let b = a.t(); // (3, 2), a transposed view: read in place
//! let c = a.matmul(&b)?;
//! assert_eq!(c.to_vec::<f64>()?, vec![14.0, 32.0, 32.0, 77.0]);
//! assert_eq!(c.strides(), &[16, 8]);
//! # Ok::<(), strider::Error>(())
//! ```

mod kernels;

use crate::array::NdArray;
use crate::dtype::{DType, NumType};
use crate::layout::{self, Order};
use crate::sort::array_from;
use crate::{Casting, Error, Result};
use kernels::{gemm_batches, loop_batches, Prod};

const MATMUL_SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

/// The dtype of a product of `a` and `b`: NumPy's `np.promote_types` (native byte order).
pub(crate) fn result_type(a: &DType, b: &DType) -> Result<DType> {
    crate::ufunc::promote_types(a, b)
}

/// The dtype the kernels compute in: float16 products accumulate in float32, as in NumPy.
fn compute_dtype(d: &DType) -> DType {
    if d.num_type() == Some(NumType::Float16) {
        DType::FLOAT32
    } else {
        d.clone()
    }
}

/// `x` in dtype `d` (the same handle when it already is).
fn as_dtype(x: &NdArray, d: &DType) -> Result<NdArray> {
    if x.dtype() == d {
        Ok(x.clone())
    } else {
        x.astype(d, Casting::Unsafe)
    }
}

/// `out[batch] = a[batch] @ b[batch]`: `a` is batch + `[m, k]`, `b` batch + `[k, n]` (both in
/// the compute dtype), `out` a writeable batch + `[m, n]` view of a fresh array of `dtype`.
fn product(a: &NdArray, b: &NdArray, out: &NdArray, dtype: &DType) -> Result<()> {
    if out.size() == 0 || a.shape()[a.ndim() - 1] == 0 {
        return Ok(()); // an empty sum is zero, and the fresh array is zero-filled
    }
    let ct = compute_dtype(dtype);
    if ct != *dtype {
        let tmp = NdArray::alloc(ct.clone(), out.shape(), Order::C)?;
        product(a, b, &tmp, &ct)?;
        return out.assign(&tmp);
    }
    let t = dtype.num_type().ok_or_else(|| Error::Type(format!("matmul of dtype {dtype}")))?;
    match t {
        NumType::Float32 => gemm_batches::<f32>(a, b, out),
        NumType::Float64 => gemm_batches::<f64>(a, b, out),
        NumType::Complex64 => gemm_batches::<num_complex::Complex32>(a, b, out),
        NumType::Complex128 => gemm_batches::<num_complex::Complex64>(a, b, out),
        NumType::Bool => loop_batches::<bool>(a, b, out),
        NumType::Int8 => loop_batches::<i8>(a, b, out),
        NumType::Int16 => loop_batches::<i16>(a, b, out),
        NumType::Int32 => loop_batches::<i32>(a, b, out),
        NumType::Int64 => loop_batches::<i64>(a, b, out),
        NumType::UInt8 => loop_batches::<u8>(a, b, out),
        NumType::UInt16 => loop_batches::<u16>(a, b, out),
        NumType::UInt32 => loop_batches::<u32>(a, b, out),
        NumType::UInt64 => loop_batches::<u64>(a, b, out),
        // compute_dtype sends float16 through float32 above; a half loop stays correct anyway.
        NumType::Float16 => loop_batches::<half::f16>(a, b, out),
    }
}

/// The strides NumPy's iterator gives a new output of `shape` (K order): axes are ordered,
/// innermost first, by an insertion sort on the inputs' strides, where a length-1 axis or a zero
/// stride says nothing (so such axes keep their C position), and the output is dense in that order.
/// With `fortran`, the sort starts from F order (NumPy's iterator does when every input is
/// F-contiguous and not C-contiguous). An empty output gets zero strides, as in NumPy.
fn iterator_strides(shape: &[usize], inputs: &[&[isize]], itemsize: usize, fortran: bool) -> Vec<isize> {
    let nd = shape.len();
    if layout::size(shape) == 0 {
        return vec![0; nd];
    }
    let st = |op: usize, ax: usize| if shape[ax] == 1 { 0 } else { inputs[op][ax] };
    let mut perm: Vec<usize> = if fortran { (0..nd).collect() } else { (0..nd).rev().collect() };
    for i0 in 1..nd {
        let ax0 = perm[i0];
        let mut pos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambiguous, mut swap) = (true, false);
            for op in 0..inputs.len() {
                let (s0, s1) = (st(op, ax0), st(op, ax1));
                if s0 != 0 && s1 != 0 {
                    if s1.abs() <= s0.abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    pos = i1;
                } else {
                    break;
                }
            }
        }
        let ax = perm.remove(i0);
        perm.insert(pos, ax);
    }
    let mut strides = vec![0isize; nd];
    let mut step = itemsize as isize;
    for ax in perm {
        strides[ax] = step;
        step *= shape[ax] as isize;
    }
    strides
}

/// Whether NumPy's `dot` of these operands goes through BLAS: float and complex, at most 2-d.
fn blas_dot(dtype: &DType, a: &NdArray, b: &NdArray) -> bool {
    matches!(dtype.num_type(), Some(NumType::Float32 | NumType::Float64 | NumType::Complex64 | NumType::Complex128))
        && a.ndim() <= 2
        && b.ndim() <= 2
}

/// An operand NumPy's BLAS `dot` treats as a scalar: 0-d, or a single element.
fn scalar_like(x: &NdArray) -> bool {
    x.ndim() == 0 || x.size() == 1
}

/// The product of `a` and `b` when one of them is a scalar (both already in `dtype`): the
/// element-wise multiply, or with `axpy` NumPy's BLAS route for a scalar against more than one
/// element, `out = 0; out += s * x` (`?axpy`, which returns at once for `s == 0`, so zeros
/// stay zeros even against NaN and infinity, and a `-0` product becomes `+0`).
fn mul_all<T: Prod + PartialEq>(
    a: &NdArray,
    b: &NdArray,
    shape: &[usize],
    dtype: &DType,
    axpy: bool,
) -> Result<NdArray> {
    let (x, y): (Vec<T>, Vec<T>) = (a.to_vec()?, b.to_vec()?);
    let (s, other) = if scalar_like(a) { (x[0], &y) } else { (y[0], &x) };
    // (Products commute bit for bit, complex ones included, so the scalar may go first.)
    let v: Vec<T> = match axpy && other.len() != 1 {
        true if s == T::ZERO => vec![T::ZERO; other.len()],
        true => other.iter().map(|&q| T::ZERO.add(s.prod(q))).collect(),
        false => other.iter().map(|&q| s.prod(q)).collect(),
    };
    let c = array_from(&v, shape, dtype)?;
    // NumPy's BLAS path allocates in C order; otherwise the product is the multiply ufunc's,
    // laid out by its iterator.
    if shape.is_empty() || (blas_dot(dtype, a, b) && c.size() > 0) {
        return Ok(c);
    }
    // NumPy converts the operand to the common dtype (a copy in order K, also when unaligned)
    // before multiplying, so the converted layout decides the output's.
    let x = if a.ndim() == 0 { b } else { a };
    let fortran = x.flags().f_contiguous && !x.flags().c_contiguous;
    let strides = iterator_strides(shape, &[x.strides()], dtype.itemsize(), fortran);
    let out = NdArray::alloc_with_strides(dtype.clone(), shape.to_vec(), strides)?;
    out.assign(&c)?;
    Ok(out)
}

/// NumPy's matrix product `a @ b` (`np.matmul`).
///
/// The last two axes of each operand are its matrix; a 1-d operand is a row (for `a`) or a
/// column (for `b`) whose axis is removed from the result; the other axes are batch axes and
/// broadcast. The result dtype is the promoted dtype, the result a new C-ordered array.
///
/// ```
/// use strider::{NdArray, Order, linalg::matmul};
/// let a = NdArray::from_vec((0..12i32).collect(), &[2, 2, 3], Order::C)?;
/// let v = NdArray::from_vec(vec![1u8, 0, 2], &[3], Order::C)?;
/// let r = matmul(&a, &v)?; // (2, 2, 3) @ (3,) -> (2, 2)
/// assert_eq!(r.dtype(), &strider::DType::INT32);
/// assert_eq!(r.to_vec::<i32>()?, vec![4, 13, 22, 31]);
/// let e = matmul(&a, &a).unwrap_err();
/// assert_eq!(e.to_string(), "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc \
///     signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)");
/// # Ok::<(), strider::Error>(())
/// ```
pub fn matmul(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    for (i, x) in [a, b].iter().enumerate() {
        if x.ndim() == 0 {
            return Err(Error::Value(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {MATMUL_SIG} requires 1)"
            )));
        }
    }
    let (an, bn) = (a.ndim(), b.ndim());
    let k = a.shape()[an - 1];
    let kb = if bn == 1 { b.shape()[0] } else { b.shape()[bn - 2] };
    if k != kb {
        return Err(Error::Value(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {MATMUL_SIG} (size {kb} is different from {k})"
        )));
    }
    let m = if an == 1 { 1 } else { a.shape()[an - 2] };
    let n = if bn == 1 { 1 } else { b.shape()[bn - 1] };
    let (ab, bb) = (&a.shape()[..an.saturating_sub(2)], &b.shape()[..bn.saturating_sub(2)]);
    let batch = layout::broadcast_shapes(&[ab, bb]).map_err(|_| {
        let remap = |s: &[usize], full: &[usize]| {
            let dims: Vec<String> =
                s.iter().map(|d| d.to_string()).chain(["newaxis".to_string(), "newaxis".to_string()]).collect();
            format!("{}->({})", layout::shape_str_compact(full), dims.join(","))
        };
        Error::Value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape ({m},{n})",
            remap(ab, a.shape()),
            remap(bb, b.shape())
        ))
    })?;
    let dtype = result_type(a.dtype(), b.dtype())?;
    let ct = compute_dtype(&dtype);
    let a2 = as_dtype(a, &ct)?;
    let b2 = as_dtype(b, &ct)?;
    let a2 = if an == 1 { a2.expand_dims(&[0])? } else { a2 };
    let b2 = if bn == 1 { b2.expand_dims(&[1])? } else { b2 };
    let full = |tail: [usize; 2]| batch.iter().copied().chain(tail).collect::<Vec<_>>();
    let a3 = a2.broadcast_to(&full([m, k]))?;
    let b3 = b2.broadcast_to(&full([k, n]))?;
    // The output's batch axes follow the inputs' memory order (NumPy's iterator); its core
    // axes are innermost, in C order.
    let nb = batch.len();
    let core_strides = |x: &NdArray| {
        let mut s = x.strides()[..nb].to_vec();
        s.extend([0, 0]);
        s
    };
    // The order comes from the operands as given (a cast copy has other strides).
    let given = |x: &NdArray, expand: Option<isize>, core: [usize; 2]| -> Result<NdArray> {
        let x = match expand {
            Some(ax) => x.expand_dims(&[ax])?,
            None => x.clone(),
        };
        x.broadcast_to(&full(core))
    };
    let ga = given(a, (an == 1).then_some(0), [m, k])?;
    let gb = given(b, (bn == 1).then_some(1), [k, n])?;
    let strides = iterator_strides(&full([m, n]), &[&core_strides(&ga), &core_strides(&gb)], dtype.itemsize(), false);
    // Drop the core axes of 1-d operands.
    let dropped = |ax: usize| (ax == nb && an == 1) || (ax == nb + 1 && bn == 1);
    let (shape, strides): (Vec<usize>, Vec<isize>) =
        full([m, n]).into_iter().zip(strides).enumerate().filter(|(ax, _)| !dropped(*ax)).map(|(_, p)| p).unzip();
    let out = NdArray::alloc_with_strides(dtype.clone(), shape, strides)?;
    let mut view = out.clone();
    if an == 1 {
        view = view.expand_dims(&[nb as isize])?;
    }
    if bn == 1 {
        view = view.expand_dims(&[-1])?;
    }
    product(&a3, &b3, &view, &dtype)?;
    Ok(out)
}

/// NumPy's `np.dot(a, b)`: for 1-d and 2-d operands the inner and matrix products; with a 0-d
/// operand the element-wise product; otherwise the sum over the last axis of `a` and the
/// second-to-last of `b` (the last of `b` when it is 1-d), giving shape
/// `a.shape[:-1] + b.shape[:-2] + b.shape[-1:]`. Promoted dtype, new C-ordered array.
///
/// ```
/// use strider::{NdArray, Order, linalg::dot};
/// let a = NdArray::from_vec((0..6i64).collect(), &[1, 2, 3], Order::C)?;
/// let b = NdArray::from_vec((0..12i64).collect(), &[2, 3, 2], Order::C)?;
/// let r = dot(&a, &b)?;
/// assert_eq!(r.shape(), &[1, 2, 2, 2]);
/// assert_eq!(r.to_vec::<i64>()?, vec![10, 13, 28, 31, 28, 40, 100, 112]);
/// let bad = NdArray::from_vec(vec![1i64, 2], &[2], Order::C)?;
/// assert_eq!(dot(&a, &bad).unwrap_err().to_string(), "shapes (1,2,3) and (2,) not aligned: 3 (dim 2) != 2 (dim 0)");
/// # Ok::<(), strider::Error>(())
/// ```
pub fn dot(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let dtype = result_type(a.dtype(), b.dtype())?;
    let (an, bn) = (a.ndim(), b.ndim());
    let by_scalar = |shape: &[usize], axpy: bool| -> Result<NdArray> {
        let conv =
            |x: &NdArray| if x.flags().aligned { as_dtype(x, &dtype) } else { x.astype(&dtype, Casting::Unsafe) };
        let (x, y) = (conv(a)?, conv(b)?);
        let t = dtype.num_type().ok_or_else(|| Error::Type(format!("dot of dtype {dtype}")))?;
        crate::dispatch_num!(t, T => mul_all::<T>(&x, &y, shape, &dtype, axpy))
    };
    if an == 0 || bn == 0 {
        let shape = if an == 0 { b.shape() } else { a.shape() };
        return by_scalar(shape, blas_dot(&dtype, a, b));
    }
    let k = a.shape()[an - 1];
    let kdim = if bn == 1 { 0 } else { bn - 2 };
    if b.shape()[kdim] != k {
        return Err(Error::Value(format!(
            "shapes {} and {} not aligned: {k} (dim {}) != {} (dim {kdim})",
            layout::shape_str_compact(a.shape()),
            layout::shape_str_compact(b.shape()),
            an - 1,
            b.shape()[kdim]
        )));
    }
    let a_lead = &a.shape()[..an - 1];
    let b_lead = if bn == 1 { &[][..] } else { &b.shape()[..bn - 2] };
    let n = if bn == 1 { 1 } else { b.shape()[bn - 1] };
    let (rows, mats) = (layout::size(a_lead), layout::size(b_lead));
    let mut shape: Vec<usize> = a_lead.iter().chain(b_lead).copied().collect();
    if bn > 1 {
        shape.push(n);
    }
    if blas_dot(&dtype, a, b) && (scalar_like(a) || scalar_like(b)) {
        return by_scalar(&shape, true);
    }
    let strides = if layout::size(&shape) == 0 {
        vec![0; shape.len()]
    } else {
        layout::fill_strides(&shape, dtype.itemsize(), Order::C)
    };
    let out = NdArray::alloc_with_strides(dtype.clone(), shape.clone(), strides)?;
    let ct = compute_dtype(&dtype);
    let i = |v: &[usize]| v.iter().map(|&d| d as isize).collect::<Vec<_>>();
    // Every matrix of b meets all of a's rows: a batch of `mats` products (rows, k) @ (k, n),
    // written into out viewed as (mats, rows, n).
    let a3 = as_dtype(a, &ct)?.reshape(&i(&[rows, k]))?.broadcast_to(&[mats, rows, k])?;
    let b3 = as_dtype(b, &ct)?.reshape(&i(&[mats, k, n]))?;
    let view = out.reshape(&i(&[rows, mats, n]))?.transpose(Some(&[1, 0, 2]))?;
    product(&a3, &b3, &view, &dtype)?;
    Ok(out)
}

impl NdArray {
    /// `self @ other`; see [`matmul`].
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let a = NdArray::from_vec(vec![true, false, true, true], &[2, 2], Order::C)?;
    /// assert_eq!(a.matmul(&a)?.to_vec::<bool>()?, vec![true, false, true, true]);
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn matmul(&self, other: &NdArray) -> Result<NdArray> {
        matmul(self, other)
    }

    /// `np.dot(self, other)`; see [`dot`].
    ///
    /// ```
    /// use strider::{NdArray, Order};
    /// let v = NdArray::from_vec(vec![1.0f32, 2.0, 3.0], &[3], Order::C)?;
    /// let d = v.dot(&v)?;
    /// assert_eq!((d.ndim(), d.to_vec::<f32>()?), (0, vec![14.0]));
    /// # Ok::<(), strider::Error>(())
    /// ```
    pub fn dot(&self, other: &NdArray) -> Result<NdArray> {
        dot(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> Vec<f64> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
            }
        }
        c
    }

    #[test]
    fn every_layout_gives_the_same_product() {
        // Small integers in float64: every summation order is exact.
        let (m, k, n) = (5, 4, 3);
        let av: Vec<f64> = (0..m * k).map(|x| (x % 7) as f64 - 3.0).collect();
        let bv: Vec<f64> = (0..k * n).map(|x| (x % 5) as f64 - 2.0).collect();
        let want = naive(&av, &bv, m, k, n);
        let a = NdArray::from_vec(av.clone(), &[m, k], Order::C).unwrap();
        let b = NdArray::from_vec(bv.clone(), &[k, n], Order::C).unwrap();
        let be: DType = ">f8".parse().unwrap();
        let layouts_a = [
            a.clone(),
            a.copy(Order::F).unwrap(),
            a.astype(&be, Casting::Unsafe).unwrap(),
            // reversed twice: same values, negative strides
            a.flip(None).unwrap().copy(Order::C).unwrap().flip(None).unwrap(),
            // strided in both axes: gathered
            NdArray::from_vec(av.iter().flat_map(|&x| [x, 99.0]).collect::<Vec<_>>(), &[m, 2 * k], Order::C)
                .unwrap()
                .index("::, ::2")
                .unwrap(),
        ];
        // Misaligned by one byte: read by gathering.
        let mut bytes = vec![0u8];
        bytes.extend(av.iter().flat_map(|x| x.to_ne_bytes()));
        let unaligned =
            NdArray::from_raw_parts(crate::Storage::from_vec(bytes), DType::FLOAT64, &[m, k], &[8 * k as isize, 8], 1)
                .unwrap();
        assert!(!unaligned.flags().aligned);
        let layouts_a: Vec<NdArray> = layouts_a.into_iter().chain([unaligned]).collect();
        for la in &layouts_a {
            for lb in [
                b.clone(),
                b.copy(Order::F).unwrap(),
                b.flip(None).unwrap().copy(Order::F).unwrap().flip(None).unwrap(),
            ] {
                let c = matmul(la, &lb).unwrap();
                assert_eq!(
                    c.to_vec::<f64>().unwrap(),
                    want,
                    "a strides {:?}, b strides {:?}",
                    la.strides(),
                    lb.strides()
                );
                assert!(c.flags().c_contiguous && c.flags().owndata);
            }
        }
    }

    #[test]
    fn large_products_use_the_parallel_path_and_agree() {
        let n = 70; // 70^3 > PARALLEL_MIN_WORK
        assert!(n * n * n >= kernels::PARALLEL_MIN_WORK);
        let av: Vec<f64> = (0..n * n).map(|x| (x % 3) as f64).collect();
        let a = NdArray::from_vec(av.clone(), &[n, n], Order::C).unwrap();
        let c = matmul(&a, &a.t()).unwrap();
        let at: Vec<f64> = a.t().to_vec().unwrap();
        assert_eq!(c.to_vec::<f64>().unwrap(), naive(&av, &at, n, n, n));
    }

    #[test]
    fn integers_wrap_like_numpy() {
        let a = NdArray::from_vec(vec![100i8, 100], &[1, 2], Order::C).unwrap();
        let b = NdArray::from_vec(vec![2i8, 1], &[2, 1], Order::C).unwrap();
        // 200 + 100 = 300 wraps to 44 in int8
        assert_eq!(matmul(&a, &b).unwrap().to_vec::<i8>().unwrap(), vec![44]);
    }

    #[test]
    fn empty_inner_dimension_gives_zeros() {
        let a = NdArray::zeros(&[2, 0], DType::INT32, Order::C).unwrap();
        let b = NdArray::zeros(&[0, 3], DType::FLOAT32, Order::C).unwrap();
        let c = matmul(&a, &b).unwrap();
        assert_eq!((c.shape(), c.dtype()), (&[2usize, 3][..], &DType::FLOAT64));
        assert_eq!(c.to_vec::<f64>().unwrap(), vec![0.0; 6]);
    }

    #[test]
    fn zero_d_matmul_is_refused_and_zero_d_dot_multiplies() {
        let s = NdArray::from_vec(vec![3u8], &[], Order::C).unwrap();
        let v = NdArray::from_vec(vec![100u8, 1], &[2], Order::C).unwrap();
        assert!(matmul(&s, &v).unwrap_err().to_string().starts_with("matmul: Input operand 0 does not have enough"));
        assert_eq!(dot(&v, &s).unwrap().to_vec::<u8>().unwrap(), vec![44, 3]);
    }
}

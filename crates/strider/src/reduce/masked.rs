//! The `out=`, `initial=` and `where=` arguments of reductions: NumPy's checks of `out` and the
//! mask against the input (the reduction iterator's messages, in its order), the mask as bytes
//! the engine reads, the `initial` value in the loop's type, and results written into `out`.
//!
//! Owns no kernels: it prepares arguments for `engine` and copies finished results into `out`
//! through [`NdArray::assign`]. It never changes the input.

use super::arith::Arith;
use super::engine::MaskRef;
use crate::array::NdArray;
use crate::dtype::{DType, NumType};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::shape_str_compact;
use crate::{Error, Result, Scalar};

/// A `where` mask broadcast to an input shape, its bytes copied out of its storage (so the
/// engine reads it without holding a second lock).
#[derive(Clone, Debug)]
pub(crate) struct Mask {
    bytes: Vec<u8>,
    offset: usize,
    strides: Vec<isize>,
}

impl Mask {
    /// The mask over an input of `shape` (already checked to broadcast by [`check_operands`]).
    pub(crate) fn new(mask: &NdArray, shape: &[usize]) -> Result<Mask> {
        let strides = broadcast_strides(mask.shape(), mask.strides(), shape)?;
        if mask.size() == 0 || shape.contains(&0) {
            return Ok(Mask { bytes: Vec::new(), offset: 0, strides });
        }
        // The byte extent the mask's own layout reaches.
        let (mut lo, mut hi) = (mask.offset() as isize, mask.offset() as isize);
        for (&n, &s) in mask.shape().iter().zip(mask.strides()) {
            let reach = s * (n as isize - 1);
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        let bytes = mask.storage().with_read(|b| b[lo as usize..=hi as usize].to_vec());
        Ok(Mask { bytes, offset: (mask.offset() as isize - lo) as usize, strides })
    }

    /// The engine's view of the mask.
    pub(crate) fn as_ref(&self) -> MaskRef<'_> {
        MaskRef { bytes: &self.bytes, offset: self.offset, strides: &self.strides }
    }

    /// The byte strides per input axis.
    pub(crate) fn strides(&self) -> &[isize] {
        &self.strides
    }

    /// Per output (in the memory order of the accumulator whose element strides per input axis
    /// are `s_acc`), how many elements the mask selects.
    pub(crate) fn counts(&self, shape: &[usize], s_acc: &[isize], n_out: usize) -> Result<Vec<i64>> {
        let mut counts = vec![0i64; n_out];
        if shape.contains(&0) {
            return Ok(counts);
        }
        let plan = Plan::new(shape, &[(0, s_acc), (self.offset, &self.strides)])?;
        plan.for_each_run(|len, offs, st| {
            for i in 0..len as isize {
                if self.bytes[(offs[1] as isize + i * st[1]) as usize] != 0 {
                    counts[(offs[0] as isize + i * st[0]) as usize] += 1;
                }
            }
        });
        Ok(counts)
    }
}

/// The extra arguments of one fold: the `initial` value and the `where` mask.
#[derive(Clone, Debug, Default)]
pub(crate) struct Extra {
    pub initial: Option<Scalar>,
    pub mask: Option<Mask>,
}

impl Extra {
    /// The same mask without an initial value (the sums inside mean/var/std).
    pub(crate) fn mask_only(&self) -> Extra {
        Extra { initial: None, mask: self.mask.clone() }
    }
}

/// `initial` converted to the loop type as NumPy converts a Python number.
pub(crate) fn seed<S: Arith>(initial: Option<Scalar>, t: NumType) -> Result<Option<S>> {
    let Some(v) = initial else { return Ok(None) };
    let bytes = v.cast_weak(t)?.to_bytes(&DType::new(t))?;
    Ok(Some(S::from_ne_slice(&bytes)))
}

/// The `initial` value as the fold starts from it: with `out`, NumPy stores it into `out` first
/// (converted to the loop type, then cast to out's dtype) and reduces from there.
pub(crate) fn initial_via_out(
    initial: Option<Scalar>,
    loop_t: NumType,
    out: Option<&NdArray>,
) -> Result<Option<Scalar>> {
    let (Some(v), Some(o)) = (initial, out) else { return Ok(initial) };
    let Some(o_t) = o.dtype().num_type() else { return Ok(initial) };
    Ok(Some(v.cast_weak(loop_t)?.cast(o_t)))
}

/// NumPy's check of a `where` mask's dtype: it must cast safely to bool.
pub(crate) fn check_mask_dtype(mask: &NdArray) -> Result<()> {
    if mask.dtype().num_type() == Some(NumType::Bool) {
        return Ok(());
    }
    Err(Error::Cast {
        scalar: mask.ndim() == 0,
        from: mask.dtype().to_string(),
        to: "bool".into(),
        casting: "safe".into(),
    })
}

/// NumPy's checks of a reduction's `out` and `where` against an input of `shape` reduced over
/// `reduced`: out's number of dimensions, then the iterator's broadcasting of (out, input,
/// mask), then, axis by axis from the last, out's length-1 axes that would need a reduction,
/// kept reduced axes of `out` longer than 1, and an input that would have to broadcast.
pub(crate) fn check_operands(
    ufunc: &str,
    shape: &[usize],
    reduced: &[bool],
    keepdims: bool,
    out: Option<&NdArray>,
    mask: Option<&NdArray>,
) -> Result<()> {
    let nd = shape.len();
    let kept = reduced.iter().filter(|&&r| !r).count();
    // out's axis for each input axis (None: a reduced axis dropped by keepdims=False).
    let map: Vec<Option<usize>> = if keepdims {
        (0..nd).map(Some).collect()
    } else {
        let mut j = 0;
        reduced
            .iter()
            .map(|&r| {
                if r {
                    None
                } else {
                    j += 1;
                    Some(j - 1)
                }
            })
            .collect()
    };
    if let Some(o) = out {
        let want = if keepdims { nd } else { kept };
        if o.ndim() != want {
            return Err(Error::Value(format!(
                "output parameter for reduction operation {ufunc} has the wrong number of dimensions: Found {} but expected {want}{}",
                o.ndim(),
                if keepdims { " (must match the operand's when keepdims=True)" } else { "" }
            )));
        }
        if !o.flags().writeable {
            return Err(Error::Value("output array is read-only".into()));
        }
    }
    if let Some(m) = mask {
        check_mask_dtype(m)?;
        if m.ndim() > nd {
            return Err(Error::Value("input operand has more dimensions than allowed by the axis remapping".into()));
        }
    }
    let mpad = mask.map_or(0, |m| nd - m.ndim());
    let mdim = |m: &NdArray, i: usize| if i >= mpad { Some(m.shape()[i - mpad]) } else { None };
    // The broadcast shape, operands in NumPy's order: out, input, mask.
    let mut bshape = vec![1usize; nd];
    let mut ok = true;
    let mut merge = |b: &mut usize, d: usize| {
        if *b == 1 {
            *b = d;
        } else if d != 1 && d != *b {
            ok = false;
        }
    };
    for i in 0..nd {
        if let (Some(o), Some(j)) = (out, map[i]) {
            merge(&mut bshape[i], o.shape()[j]);
        }
        merge(&mut bshape[i], shape[i]);
        if let Some(d) = mask.and_then(|m| mdim(m, i)) {
            merge(&mut bshape[i], d);
        }
    }
    if !ok {
        let mut msg =
            String::from("operands could not be broadcast together with remapped shapes [original->remapped]: ");
        if let Some(o) = out {
            // The remapped shape: out's lengths on the input's axes, newaxis where reduced away
            // (NumPy leaves leading newaxis entries out).
            let mut parts: Vec<String> =
                map.iter().map(|j| j.map_or("newaxis".to_string(), |j| o.shape()[j].to_string())).collect();
            let lead = parts.iter().take_while(|p| *p == "newaxis").count();
            parts.drain(..lead);
            let comma = if nd == 1 && !parts.is_empty() { "," } else { "" };
            msg.push_str(&format!("{}->({}{comma}) ", shape_str_compact(o.shape()), parts.join(",")));
        }
        msg.push_str(&format!("{} ", shape_str_compact(shape)));
        if let Some(m) = mask {
            msg.push_str(&format!("{} ", shape_str_compact(m.shape())));
        }
        return Err(Error::Value(msg));
    }
    for i in (0..nd).rev() {
        if let (Some(o), Some(j)) = (out, map[i]) {
            let d = o.shape()[j];
            if d == 1 && bshape[i] != 1 && !reduced[i] {
                return Err(Error::Value(format!(
                    "output operand requires a reduction along dimension {j}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
                )));
            }
            if d != 1 && reduced[i] {
                return Err(Error::Value(format!(
                    "operand was set up as a reduction along axis {j}, but the length of the axis is {d} (it has to be 1)"
                )));
            }
        }
        if shape[i] == 1 && bshape[i] != 1 {
            return Err(Error::Value(format!(
                "non-broadcastable operand with shape {} doesn't match the broadcast shape {}",
                shape_str_compact(shape),
                shape_str_compact(&bshape)
            )));
        }
    }
    Ok(())
}

/// Copies a finished result into `out` (casting unsafely, as NumPy's reductions do) and returns
/// a handle to `out`.
pub(crate) fn into_out(result: &NdArray, out: &NdArray) -> Result<NdArray> {
    out.assign(result)?;
    Ok(out.clone())
}

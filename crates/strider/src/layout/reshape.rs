//! Reshape as a view: resolving `-1` and NumPy's no-copy stride assignment.
//!
//! Owns the integer side of `reshape`: which shape a request with one unknown length means, and
//! whether (and with which strides) an existing layout can be read in a new shape without moving
//! bytes. Pure functions; the array side lives in `array::views`.

use super::Order;
use crate::{Error, Result};

/// Resolves a requested shape with at most one negative ("unknown") length against `size`, with
/// NumPy's errors.
///
/// ```
/// use strider::layout::reshape::resolve_shape;
/// assert_eq!(resolve_shape(&[3, -1], 6).unwrap(), vec![3, 2]);
/// assert_eq!(resolve_shape(&[4, -1], 6).unwrap_err().to_string(),
///            "cannot reshape array of size 6 into shape (4,newaxis)");
/// assert!(resolve_shape(&[-1, -1], 6).is_err());
/// ```
pub fn resolve_shape(requested: &[isize], size: usize) -> Result<Vec<usize>> {
    let mut unknown = None;
    let mut known: usize = 1;
    let mut overflow = false;
    for (k, &d) in requested.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(Error::Value("can only specify one unknown dimension".into()));
            }
            unknown = Some(k);
        } else {
            match known.checked_mul(d as usize) {
                Some(v) => known = v,
                None => overflow = true,
            }
        }
    }
    let err = || Error::Reshape { size, shape: requested_str(requested) };
    if overflow {
        return Err(err());
    }
    let mut shape: Vec<usize> = requested.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(k) => {
            if known == 0 || size % known != 0 {
                return Err(err());
            }
            shape[k] = size / known;
        }
        None if known != size => return Err(err()),
        None => {}
    }
    Ok(shape)
}

/// NumPy's text for a requested shape in reshape errors: unknown lengths print as `newaxis`, and
/// leading unknown lengths are left out.
fn requested_str(requested: &[isize]) -> String {
    let first = requested.iter().position(|&d| d >= 0).unwrap_or(requested.len());
    let items: Vec<String> =
        requested[first..].iter().map(|&d| if d < 0 { "newaxis".to_string() } else { d.to_string() }).collect();
    // The trailing comma of a 1-tuple depends on the requested length, not on what is shown.
    if requested.len() == 1 {
        format!("({},)", items.join(","))
    } else {
        format!("({})", items.join(","))
    }
}

/// Strides that read a layout in `new_shape` without copying, in C or F order, or `None` when a
/// copy is needed (NumPy's `_attempt_nocopy_reshape`). The layout must have at least one element
/// and the same number of elements as `new_shape`.
///
/// ```
/// use strider::layout::{reshape::nocopy_strides, Order};
/// // arange(24).reshape(2,3,4).transpose(1,0,2): shape (3,2,4), strides (32,96,8)
/// assert_eq!(nocopy_strides(&[3, 2, 4], &[32, 96, 8], 8, &[3, 2, 2, 2], Order::C), Some(vec![32, 96, 16, 8]));
/// assert_eq!(nocopy_strides(&[3, 2, 4], &[32, 96, 8], 8, &[6, 4], Order::C), None);
/// ```
pub fn nocopy_strides(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    new_shape: &[usize],
    order: Order,
) -> Option<Vec<isize>> {
    let f = order == Order::F;
    let old: Vec<(usize, isize)> = shape.iter().zip(strides).filter(|(&d, _)| d != 1).map(|(&d, &s)| (d, s)).collect();
    let mut out = vec![0isize; new_shape.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < new_shape.len() && oi < old.len() {
        let mut np = new_shape[ni];
        let mut op = old[oi].0;
        while np != op {
            if np < op {
                np = np.checked_mul(*new_shape.get(nj)?)?;
                nj += 1;
            } else {
                op = op.checked_mul(old.get(oj)?.0)?;
                oj += 1;
            }
        }
        // The old axes oi..oj must be contiguous with one another in the requested order.
        for ok in oi..oj - 1 {
            let ok_fits = if f {
                old[ok + 1].1 == (old[ok].0 as isize).checked_mul(old[ok].1)?
            } else {
                old[ok].1 == (old[ok + 1].0 as isize).checked_mul(old[ok + 1].1)?
            };
            if !ok_fits {
                return None;
            }
        }
        if f {
            out[ni] = old[oi].1;
            for k in ni + 1..nj {
                out[k] = out[k - 1].checked_mul(new_shape[k - 1] as isize)?;
            }
        } else {
            out[nj - 1] = old[oj - 1].1;
            for k in (ni + 1..nj).rev() {
                out[k - 1] = out[k].checked_mul(new_shape[k] as isize)?;
            }
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing length-1 axes.
    let mut last = if ni >= 1 { out[ni - 1] } else { itemsize as isize };
    if f && ni >= 1 {
        last = last.checked_mul(new_shape[ni - 1] as isize)?;
    }
    for s in out.iter_mut().skip(ni) {
        *s = last;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strides printed by NumPy 2.4.6 (reference section 3.2).
    #[test]
    fn numpy_examples() {
        let c = Order::C;
        assert_eq!(nocopy_strides(&[2, 3, 2], &[96, 32, 16], 8, &[6, 2], c), Some(vec![32, 16]));
        assert_eq!(nocopy_strides(&[2, 3, 2], &[96, 32, 16], 8, &[2, 6], c), Some(vec![96, 16]));
        assert_eq!(nocopy_strides(&[2, 3, 2], &[96, 32, 16], 8, &[12], c), Some(vec![16]));
        assert_eq!(nocopy_strides(&[4, 4], &[48, 8], 8, &[2, 2, 4], c), Some(vec![96, 48, 8]));
        assert_eq!(nocopy_strides(&[4, 4], &[48, 8], 8, &[4, 2, 2], c), Some(vec![48, 16, 8]));
        assert_eq!(nocopy_strides(&[4, 4], &[48, 8], 8, &[16], c), None);
        assert_eq!(nocopy_strides(&[3], &[16], 8, &[3, 1], c), Some(vec![16, 16]));
        assert_eq!(nocopy_strides(&[3], &[16], 8, &[1, 3, 1], c), Some(vec![48, 16, 16]));
        assert_eq!(nocopy_strides(&[3], &[16], 8, &[1, 3, 1], Order::F), Some(vec![16, 16, 48]));
        assert_eq!(nocopy_strides(&[6], &[8], 4, &[3, 2, 1, 1], c), Some(vec![16, 8, 8, 8]));
        assert_eq!(nocopy_strides(&[6], &[8], 4, &[3, 2, 1, 1], Order::F), Some(vec![8, 24, 48, 48]));
        assert_eq!(nocopy_strides(&[5], &[0], 8, &[5, 1], c).map(|s| s[0]), Some(0));
        assert_eq!(nocopy_strides(&[4, 3], &[0, 8], 8, &[12], c), None);
    }

    #[test]
    fn unknown_dimension_messages() {
        assert_eq!(resolve_shape(&[-1, 5], 0).unwrap(), vec![0, 5]);
        assert_eq!(
            resolve_shape(&[0, -1], 0).unwrap_err().to_string(),
            "cannot reshape array of size 0 into shape (0,newaxis)"
        );
        assert_eq!(
            resolve_shape(&[-1, 0], 0).unwrap_err().to_string(),
            "cannot reshape array of size 0 into shape (0)"
        );
        assert_eq!(resolve_shape(&[7], 6).unwrap_err().to_string(), "cannot reshape array of size 6 into shape (7,)");
        assert_eq!(
            resolve_shape(&[2, -1, 5], 6).unwrap_err().to_string(),
            "cannot reshape array of size 6 into shape (2,newaxis,5)"
        );
        assert_eq!(
            resolve_shape(&[2, 2], 6).unwrap_err().to_string(),
            "cannot reshape array of size 6 into shape (2,2)"
        );
    }
}

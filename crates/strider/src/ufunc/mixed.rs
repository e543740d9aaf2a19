//! NumPy's exact comparison loops between a signed integer and a uint64 (`qQ->?`, `Qq->?`): no
//! common integer type holds both, and going through float64 (the first loop both cast to
//! safely otherwise) would call `2**63 + 1 == 2**63` true.
//!
//! Owns only the resolution test and the element loop; allocation, `out=` and the layout of the
//! result follow the generic ufunc path in `ufunc/mod.rs`.

use super::{broadcast_all, output_strides, write_in_iteration_order, Operand, Ufunc, UfuncOptions};
use crate::dtype::cast::Casting;
use crate::dtype::{DType, Kind, NumType};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::Order;
use crate::storage::Storage;
use crate::{NdArray, Result};
use std::cmp::Ordering;

/// Whether `(a, b)` is a signed-integer / uint64 pair of arrays, which NumPy's loop search sends
/// to its mixed loops: the signed side (any width) widens safely to int64, and uint64 stays.
/// Returns which side is the signed one.
pub(super) fn signed_unsigned_pair(inputs: &[Operand]) -> Option<usize> {
    let [Operand::Array(a), Operand::Array(b)] = inputs else { return None };
    let (ta, tb) = (a.dtype().num_type()?, b.dtype().num_type()?);
    match (ta.kind(), tb.kind()) {
        (Kind::Int, Kind::UInt) if tb == NumType::UInt64 => Some(0),
        (Kind::UInt, Kind::Int) if ta == NumType::UInt64 => Some(1),
        _ => None,
    }
}

/// Compares a signed value with an unsigned one exactly.
#[inline(always)]
fn cmp_iu(i: i64, u: u64) -> Ordering {
    if i < 0 {
        Ordering::Less
    } else {
        (i as u64).cmp(&u)
    }
}

impl Ufunc {
    /// The comparison through NumPy's `qQ->?` / `Qq->?` loop; `signed` is the signed operand's index.
    pub(super) fn mixed_compare(&self, inputs: &[Operand], signed: usize, opts: &UfuncOptions) -> Result<NdArray> {
        let originals: Vec<NdArray> = inputs
            .iter()
            .filter_map(|op| match op {
                Operand::Array(a) => Some(a.clone()),
                Operand::Weak(_) => None,
            })
            .collect();
        let want = |k: usize| if k == signed { DType::INT64 } else { DType::UINT64 };
        let mut arrays = Vec::with_capacity(2);
        for (k, a) in originals.iter().enumerate() {
            let d = want(k);
            arrays.push(if a.dtype() == &d { a.clone() } else { a.astype_with(&d, Order::K, Casting::Unsafe, true)? });
        }
        let shape = broadcast_all(&[arrays[0].shape(), arrays[1].shape()], opts.out.map(|o| o.shape()))?;
        if let Some(o) = opts.out {
            self.check_out(o, &DType::BOOL, opts.casting)?;
        }
        let strides = output_strides(&originals, &DType::INT64, &shape, 1, opts.order)?;
        let res = NdArray::alloc_with_strides(DType::BOOL, shape.clone(), strides)?;
        let bs: Vec<Vec<isize>> =
            arrays.iter().map(|a| broadcast_strides(a.shape(), a.strides(), &shape)).collect::<Result<_>>()?;
        let plan = Plan::new(
            &shape,
            &[(res.offset(), res.strides()), (arrays[0].offset(), &bs[0]), (arrays[1].offset(), &bs[1])],
        )?;
        let test: fn(Ordering) -> bool = match self.name {
            "equal" => |o| o == Ordering::Equal,
            "not_equal" => |o| o != Ordering::Equal,
            "less" => |o| o == Ordering::Less,
            "less_equal" => |o| o != Ordering::Greater,
            "greater" => |o| o == Ordering::Greater,
            _ => |o| o != Ordering::Less,
        };
        let storages = [arrays[0].storage(), arrays[1].storage()];
        Storage::with_sources_and_dest(&storages, res.storage(), |srcs, dst| {
            let (Some(a), Some(b)) = (srcs[0], srcs[1]) else { return };
            let word = |bytes: &[u8], at: isize| -> [u8; 8] {
                let at = at as usize;
                bytes[at..at + 8].try_into().unwrap_or([0; 8])
            };
            plan.for_each_run(|n, offs, st| {
                for i in 0..n as isize {
                    let (x, y) = (word(a, offs[1] as isize + i * st[1]), word(b, offs[2] as isize + i * st[2]));
                    let ord = if signed == 0 {
                        cmp_iu(i64::from_ne_bytes(x), u64::from_ne_bytes(y))
                    } else {
                        cmp_iu(i64::from_ne_bytes(y), u64::from_ne_bytes(x)).reverse()
                    };
                    dst[(offs[0] as isize + i * st[0]) as usize] = test(ord) as u8;
                }
            });
        })?;
        match opts.out {
            None => Ok(res),
            Some(o) if o.size() > 0 && o.may_have_internal_overlap() => {
                write_in_iteration_order(o, &res, &originals, false)?;
                Ok(o.clone())
            }
            Some(o) => {
                o.assign(&res)?;
                Ok(o.clone())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_unsigned_order_is_exact_at_the_edges() {
        assert_eq!(cmp_iu(-1, 0), Ordering::Less);
        assert_eq!(cmp_iu(i64::MAX, i64::MAX as u64 + 1), Ordering::Less);
        assert_eq!(cmp_iu(i64::MAX, i64::MAX as u64), Ordering::Equal);
        assert_eq!(cmp_iu(0, 0), Ordering::Equal);
        assert_eq!(cmp_iu(5, 3), Ordering::Greater);
    }
}

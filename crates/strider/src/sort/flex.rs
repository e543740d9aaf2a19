//! `sort`, `argsort` and `unique` for the dtypes that have no numeric type: bytes and unicode
//! strings (by code point), datetimes and timedeltas (NaT last), raw void (by bytes) and
//! records (field by field, subarray fields element by element).
//!
//! Owns only the lane loops for these dtypes; the element order is `records::comparator`, the
//! lanes come from this module's parent. Sorting is stable: equal elements keep their order,
//! as NumPy's stable kinds do (the committed cases ask for `kind='stable'`).

use super::unique::{Unique, UniqueOptions};
use super::{array_from, for_each_lane, lane_plan};
use crate::dtype::{DType, DTypeKind};
use crate::layout::Order;
use crate::records::comparator;
use crate::storage::Storage;
use crate::{NdArray, Result};
use std::cmp::Ordering;

/// Sorts each lane of `a` along axis `ax` in place.
pub(crate) fn sort_inplace(a: &NdArray, ax: usize) -> Result<()> {
    let cmp = comparator(a.dtype());
    let (n, step, isz) = (a.shape()[ax], a.strides()[ax], a.itemsize());
    let plan = lane_plan(a.shape(), ax, &[(a.offset(), a.strides())])?;
    a.storage().with_write(|b| {
        let mut items: Vec<Vec<u8>> = Vec::with_capacity(n);
        for_each_lane(&plan, |s| {
            items.clear();
            for j in 0..n {
                let at = (s[0] + j as isize * step) as usize;
                items.push(b[at..at + isz].to_vec());
            }
            items.sort_by(|x, y| cmp(x, y));
            for (j, e) in items.iter().enumerate() {
                let at = (s[0] + j as isize * step) as usize;
                b[at..at + isz].copy_from_slice(e);
            }
        });
    })
}

/// Writes into `out` (int64, `src`'s shape) the stable order of each lane of `src` along `ax`.
pub(crate) fn argsort(src: &NdArray, ax: usize, out: &NdArray) -> Result<()> {
    let cmp = comparator(src.dtype());
    let (n, isz) = (src.shape()[ax], src.itemsize());
    let plan = lane_plan(src.shape(), ax, &[(out.offset(), out.strides()), (src.offset(), src.strides())])?;
    let (sstep, dstep) = (src.strides()[ax], out.strides()[ax]);
    Storage::with_sources_and_dest(&[src.storage()], out.storage(), |srcs, dst| {
        let s = srcs[0].unwrap_or(&[]);
        let mut idx: Vec<usize> = Vec::with_capacity(n);
        for_each_lane(&plan, |st| {
            let elem = |j: usize| {
                let at = (st[1] + j as isize * sstep) as usize;
                &s[at..at + isz]
            };
            idx.clear();
            idx.extend(0..n);
            idx.sort_by(|&x, &y| cmp(elem(x), elem(y)));
            for (j, &i) in idx.iter().enumerate() {
                let at = (st[0] + j as isize * dstep) as usize;
                dst[at..at + 8].copy_from_slice(&(i as i64).to_ne_bytes());
            }
        });
    })
}

fn is_nat(d: &DType, b: &[u8]) -> bool {
    if !matches!(d.kind(), DTypeKind::DateTime(_) | DTypeKind::TimeDelta(_)) {
        return false;
    }
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[..8]);
    let v = if d.byte_order() == crate::ByteOrder::Big { i64::from_be_bytes(x) } else { i64::from_le_bytes(x) };
    v == crate::datetime::NAT
}

/// NumPy's `np.unique` of the flattened array for these dtypes: sorted distinct elements, each
/// represented by its first occurrence; NaTs are one value only with `equal_nan`.
pub(crate) fn unique(a: &NdArray, opts: UniqueOptions) -> Result<Unique> {
    let d = a.dtype().clone();
    let cmp = comparator(&d);
    let isz = d.itemsize();
    let flat = crate::records::element_bytes_in_order(a, Order::C)?;
    let n = a.size();
    let elem = |i: usize| &flat[i * isz..(i + 1) * isz];
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(|&x, &y| cmp(elem(x), elem(y)));
    let same =
        |x: usize, y: usize| cmp(elem(x), elem(y)) == Ordering::Equal && (opts.equal_nan || !is_nat(&d, elem(x)));
    let starts: Vec<usize> = (0..n).filter(|&i| i == 0 || !same(perm[i - 1], perm[i])).collect();
    let k = starts.len();
    let mut bytes = Vec::with_capacity(k * isz);
    for &s in &starts {
        bytes.extend_from_slice(elem(perm[s]));
    }
    let values = NdArray::from_raw_parts(Storage::from_vec(bytes), d, &[k], &[isz as isize], 0)?.copy(Order::C)?;
    let index = if opts.return_index {
        let v: Vec<i64> = starts.iter().map(|&s| perm[s] as i64).collect();
        Some(array_from(&v, &[k], &DType::INT64)?)
    } else {
        None
    };
    let inverse = if opts.return_inverse {
        let mut inv = vec![0i64; n];
        let mut pos = -1i64;
        let mut next = starts.iter().peekable();
        for (i, &p) in perm.iter().enumerate() {
            if next.peek() == Some(&&i) {
                pos += 1;
                next.next();
            }
            inv[p] = pos;
        }
        let shape: Vec<isize> = a.shape().iter().map(|&x| x as isize).collect();
        Some(array_from(&inv, &[n], &DType::INT64)?.reshape(&shape)?)
    } else {
        None
    };
    let counts = if opts.return_counts {
        let v: Vec<i64> = (0..k).map(|j| starts.get(j + 1).copied().unwrap_or(n) as i64 - starts[j] as i64).collect();
        Some(array_from(&v, &[k], &DType::INT64)?)
    } else {
        None
    };
    Ok(Unique { values, index, inverse, counts })
}

//! Copies and element access: new storage, casts, and reading/writing elements.
//!
//! OWNER: copies helper. All element movement goes through the `iter` engine.
#![allow(unused_variables, missing_docs)]

use super::NdArray;
use crate::dtype::{DType, Element};
use crate::layout::Order;
use crate::scalar::Scalar;
use crate::Result;

pub use crate::dtype::cast::Casting;

impl NdArray {
    pub fn copy(&self, order: Order) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn flatten(&self, order: Order) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn ascontiguousarray(&self) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn asfortranarray(&self) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn astype(&self, dtype: &DType, casting: Casting) -> Result<NdArray> {
        unimplemented!()
    }
    // Provisional simple versions (index-by-index walks); to be replaced by the iter engine.
    pub fn fill(&self, value: impl Into<Scalar>) -> Result<()> {
        self.check_writeable()?;
        let t = self.dtype.num_type().expect("numeric");
        let mut elem = vec![0u8; self.itemsize()];
        value.into().cast(t).write_bytes(&self.dtype, &mut elem)?;
        let offsets = self.element_offsets();
        self.storage.with_write(|b| {
            for o in offsets {
                b[o..o + elem.len()].copy_from_slice(&elem);
            }
        })
    }
    pub fn get(&self, index: &[isize]) -> Result<Scalar> {
        let at = self.element_offset(index)?;
        Ok(self.storage.with_read(|b| Scalar::from_bytes(&b[at..], &self.dtype)))
    }
    pub fn set(&self, index: &[isize], value: impl Into<Scalar>) -> Result<()> {
        self.check_writeable()?;
        let at = self.element_offset(index)?;
        let t = self.dtype.num_type().expect("numeric");
        let mut elem = vec![0u8; self.itemsize()];
        value.into().cast(t).write_bytes(&self.dtype, &mut elem)?;
        self.storage.with_write(|b| b[at..at + elem.len()].copy_from_slice(&elem))
    }
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if self.dtype.num_type() != Some(T::NUM) {
            return Err(crate::Error::Type(format!("array of dtype {} read as {}", self.dtype, T::NUM.name())));
        }
        let swap = !self.dtype.is_native();
        let n = self.itemsize();
        let offsets = self.element_offsets();
        Ok(self.storage.with_read(|b| {
            offsets
                .iter()
                .map(|&o| {
                    let mut e = [0u8; 16];
                    e[..n].copy_from_slice(&b[o..o + n]);
                    if swap {
                        crate::scalar::swap_in_place(&mut e[..n], T::NUM);
                    }
                    T::from_ne_slice(&e[..n])
                })
                .collect()
        }))
    }
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let offsets = self.element_offsets();
        self.storage.with_read(|b| offsets.iter().map(|&o| Scalar::from_bytes(&b[o..], &self.dtype)).collect())
    }
    /// Byte offsets of every element in C order.
    pub(crate) fn element_offsets(&self) -> Vec<usize> {
        let n = self.size();
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let nd = self.ndim();
        let mut idx = vec![0usize; nd];
        let mut pos = self.offset as isize;
        loop {
            out.push(pos as usize);
            let mut k = nd;
            loop {
                if k == 0 {
                    return out;
                }
                k -= 1;
                idx[k] += 1;
                pos += self.strides[k];
                if idx[k] < self.shape[k] {
                    break;
                }
                pos -= self.strides[k] * self.shape[k] as isize;
                idx[k] = 0;
            }
        }
    }
    /// Byte offset of one element; negative indices count from the end.
    pub(crate) fn element_offset(&self, index: &[isize]) -> Result<usize> {
        if index.len() != self.ndim() {
            return Err(crate::Error::Value(format!(
                "{} indices given for a {}-dimensional array (get/set need one per axis)",
                index.len(),
                self.ndim()
            )));
        }
        let mut pos = self.offset as isize;
        for (axis, (&i, (&n, &s))) in index.iter().zip(self.shape.iter().zip(&self.strides)).enumerate() {
            let j = if i < 0 { i + n as isize } else { i };
            if j < 0 || j >= n as isize {
                return Err(crate::Error::IndexOutOfBounds { index: i as i64, axis, size: n });
            }
            pos += j * s;
        }
        Ok(pos as usize)
    }
    pub fn to_bytes(&self, order: Order) -> Result<Vec<u8>> {
        unimplemented!()
    }
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        unimplemented!()
    }
}

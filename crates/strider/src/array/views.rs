//! Views: new layouts over the same storage. Nothing here copies element data, except a
//! reshape that NumPy would also copy (returned as a view of a private copy, as NumPy does).
//!
//! OWNER: views helper. Every function must go through `NdArray::derive_view`.
#![allow(unused_variables, missing_docs)]

use super::NdArray;
use crate::dtype::DType;
use crate::index::IndexItem;
use crate::layout::Order;
use crate::Result;

/// NumPy 2's `copy=` argument of `reshape`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReshapeCopy {
    /// `copy=None`: a view when possible, else a copy.
    #[default]
    IfNeeded,
    /// `copy=True`: always copy.
    Always,
    /// `copy=False`: a view or an error.
    Never,
}

impl NdArray {
    pub fn view(&self) -> NdArray {
        unimplemented!()
    }
    pub fn index(&self, index: &str) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn slice(&self, items: &[IndexItem]) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn reshape(&self, shape: &[isize]) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn reshape_with(&self, shape: &[isize], order: Order, copy: ReshapeCopy) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn ravel(&self, order: Order) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn t(&self) -> NdArray {
        unimplemented!()
    }
    pub fn mt(&self) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn expand_dims(&self, axes: &[isize]) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn flip(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn as_strided(&self, shape: &[usize], strides: &[isize], writeable: bool) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn sliding_window_view(
        &self,
        window_shape: &[usize],
        axes: Option<&[isize]>,
        writeable: bool,
    ) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn real(&self) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn imag(&self) -> Result<NdArray> {
        unimplemented!()
    }
    pub fn view_as(&self, dtype: &DType) -> Result<NdArray> {
        unimplemented!()
    }
}

pub fn broadcast_arrays(arrays: &[&NdArray]) -> Result<Vec<NdArray>> {
    unimplemented!()
}

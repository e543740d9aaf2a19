//! Advanced (fancy) indexing: integer-array and boolean-mask get and set, with NumPy 2's shape
//! rule, result layout and error messages. Every result of an advanced index is a **copy**
//! (NumPy's too); purely basic indices still give views.
//!
//! Owns `get_index`/`set_index` (and their string forms `index_with`/`set_index_with`). The
//! index description and shape rule are `index::{fancy, rule}`; the byte kernels
//! `index::kernels`; `take`, `put`, `nonzero` and friends are in `array::select`.

use super::NdArray;
use crate::accounting::record_copy;
use crate::index::kernels::{self, by_itemsize, Runs};
use crate::index::rule::{self, Analysis, IndexShape};
use crate::index::{parse_fancy, FancyIndex, IndexItem};
use crate::layout::{self, shape_str_compact, Order};
use crate::storage::Storage;
use crate::{Casting, Error, Kind, Result, Scalar};

/// An index ready to apply: the intermediate view `w` (basic entries applied, array-indexed axes
/// kept whole), and for every position of the broadcast block the byte offset (relative to the
/// storage start) of its subspace block in `w`.
pub(crate) struct Prepared {
    pub w: NdArray,
    pub an: Analysis,
    pub offsets: Vec<isize>,
    /// Byte strides of each index array broadcast to the block shape (they order the result
    /// when there are no sliced axes).
    pub index_strides: Vec<Vec<isize>>,
}

impl Prepared {
    fn sub_shape(&self) -> Vec<usize> {
        self.an.subspace.iter().map(|&a| self.w.shape[a]).collect()
    }
    fn sub_strides(&self) -> Vec<isize> {
        self.an.subspace.iter().map(|&a| self.w.strides[a]).collect()
    }
}

/// How an entry of the caller's index turned out.
enum Entry {
    Basic(IndexItem),
    Ints(NdArray),
    Mask(NdArray),
}

/// Classifies the entries: integer arrays, masks, basic items. A purely basic index whose only
/// arrays are 0-d integers comes back as basic items plus `true` (NumPy then copies the view).
fn classify(index: &[FancyIndex]) -> Result<(Vec<Entry>, bool)> {
    let mut out = Vec::with_capacity(index.len());
    for it in index {
        match it {
            FancyIndex::Basic(b) => out.push(Entry::Basic(*b)),
            FancyIndex::Array(a) => match a.dtype().num_type().map(|t| t.kind()) {
                Some(Kind::Bool) => out.push(Entry::Mask(a.clone())),
                Some(Kind::Int | Kind::UInt) => out.push(Entry::Ints(a.clone())),
                _ => return Err(Error::BadIndex(kernels::NON_INT.into())),
            },
        }
    }
    let only_scalars = out.iter().all(|e| matches!(e, Entry::Basic(_)) || matches!(e, Entry::Ints(a) if a.ndim() == 0));
    let scalar_array = only_scalars && out.iter().any(|e| matches!(e, Entry::Ints(_)));
    if scalar_array {
        for e in out.iter_mut() {
            if let Entry::Ints(a) = e {
                let v = kernels::read_indices(a)?[0];
                *e = Entry::Basic(IndexItem::Int(v as isize));
            }
        }
    }
    Ok((out, scalar_array))
}

/// The C-order positions of an index array in the order NumPy's separate bounds check reads it
/// (so which bad value it names). A native, aligned int64 array that is 1-d or contiguous is
/// walked directly: 1-d in index order, a contiguous one in memory order. Any other goes through
/// an order-K iterator, which flips negative strides: memory order too.
fn check_order(a: &NdArray) -> Vec<usize> {
    let intp = a.dtype().num_type() == Some(crate::NumType::Int64) && a.dtype().is_native() && a.flags().aligned;
    let f = a.flags();
    if intp && (a.ndim() <= 1 || f.c_contiguous) {
        (0..a.size()).collect()
    } else {
        layout::k_order_positions(&a.shape, &a.strides, true)
    }
}

/// The order in which a get with one index array meets its values: NumPy checks them inside
/// the copy loop. With a subspace of more than one element the loop runs in C order; without
/// one it follows the index array's strides (order K, negative strides not flipped).
fn inline_check_order(a: &NdArray, subspace: usize) -> Vec<usize> {
    if subspace > 1 {
        (0..a.size()).collect()
    } else {
        layout::k_order_positions(&a.shape, &a.strides, false)
    }
}

/// The items of a purely basic index, and whether a 0-d index array forces a copy.
type BasicIndex = (Vec<IndexItem>, bool);

impl NdArray {
    /// Analyses an index: `Ok(Err(basic))` for a purely basic one (to be applied as a view).
    ///
    /// `set`: the index is for an assignment. An assignment, and a get with several index arrays
    /// (integers beside them do not count), check each index array in NumPy's check order (see
    /// [`check_order`]); a get with one index array in its copy loop's (see
    /// [`inline_check_order`]).
    fn prepare(
        &self,
        index: &[FancyIndex],
        before_bounds: &dyn Fn(&Analysis) -> Result<()>,
        set: bool,
    ) -> Result<Result<Prepared, BasicIndex>> {
        let (entries, scalar_array) = classify(index)?;
        if entries.iter().all(|e| matches!(e, Entry::Basic(_))) {
            let items = entries
                .into_iter()
                .map(|e| match e {
                    Entry::Basic(b) => b,
                    _ => unreachable!("only basic entries here"),
                })
                .collect();
            return Ok(Err((items, scalar_array)));
        }
        // Masks: their offset contributions over the axes they consume (computed against the
        // strides those axes have in `w`, which basic entries elsewhere do not change).
        let mut tables: Vec<Option<Vec<isize>>> = Vec::with_capacity(entries.len());
        let mut shapes = Vec::with_capacity(entries.len());
        let mut ax = 0usize;
        let consumed: usize = entries
            .iter()
            .map(|e| match e {
                Entry::Basic(IndexItem::Int(_) | IndexItem::Slice { .. }) | Entry::Ints(_) => 1,
                Entry::Mask(m) => m.ndim(),
                Entry::Basic(_) => 0,
            })
            .sum();
        let fill = self.ndim().saturating_sub(consumed);
        for e in &entries {
            match e {
                Entry::Basic(b) => {
                    ax += match b {
                        IndexItem::Int(_) | IndexItem::Slice { .. } => 1,
                        IndexItem::Ellipsis => fill,
                        IndexItem::NewAxis => 0,
                    };
                    shapes.push(IndexShape::Basic(*b));
                    tables.push(None);
                }
                Entry::Ints(a) => {
                    ax += 1;
                    shapes.push(IndexShape::IntArray(a.shape.clone()));
                    tables.push(None);
                }
                Entry::Mask(m) => {
                    let k = m.ndim();
                    let ok = ax + k <= self.ndim() && m.shape[..] == self.shape[ax..ax + k];
                    let table = if k == 0 {
                        if kernels::read_truthy(m)?[0] {
                            vec![0]
                        } else {
                            vec![]
                        }
                    } else if ok {
                        kernels::mask_table(m, &self.strides[ax..ax + k])
                    } else {
                        vec![] // rule::analyze reports the mismatch
                    };
                    shapes.push(IndexShape::BoolArray(m.shape.clone(), table.len()));
                    tables.push(Some(table));
                    ax += k;
                }
            }
        }
        let an = rule::analyze(&self.shape, &shapes)?;
        before_bounds(&an)?;
        let w = self.slice(&an.view_items)?;
        let bsize = layout::checked_size(&an.broadcast)?;
        let mut offsets: Option<Vec<isize>> = None;
        let add = |offsets: &mut Option<Vec<isize>>, table: Vec<isize>, shape: &[usize]| match offsets {
            None if shape == an.broadcast.as_slice() => {
                let mut t = table;
                t.iter_mut().for_each(|v| *v += w.offset as isize);
                *offsets = Some(t);
            }
            None => {
                let mut o = vec![w.offset as isize; bsize];
                kernels::add_broadcast(&mut o, &an.broadcast, &table, shape);
                *offsets = Some(o);
            }
            Some(o) => kernels::add_broadcast(o, &an.broadcast, &table, shape),
        };
        // Integers beside index arrays are not among the arrays NumPy's separate check reads.
        let arrays = an.fancy.iter().filter(|f| !matches!(entries[f.entry], Entry::Basic(_))).count();
        let subspace: usize =
            (0..w.shape.len()).filter(|&ax| an.fancy.iter().all(|f| f.w_axis != ax)).map(|ax| w.shape[ax]).product();
        if bsize > 0 {
            let mut k = 0;
            while k < an.fancy.len() {
                let f = &an.fancy[k];
                let n = w.shape[f.w_axis];
                let stride = w.strides[f.w_axis];
                let axis = f.array_axis.unwrap_or(0);
                let check = |v: i64| -> Result<isize> {
                    let j = if v < 0 { v + n as i64 } else { v };
                    if j < 0 || j >= n as i64 {
                        return Err(Error::IndexOutOfBounds { index: v, axis, size: n });
                    }
                    Ok(j as isize * stride)
                };
                match &entries[f.entry] {
                    Entry::Ints(a) => {
                        let vals = kernels::read_indices(a)?;
                        let table = match vals.iter().map(|&v| check(v)).collect::<Result<Vec<isize>>>() {
                            Ok(t) => t,
                            Err(e) => {
                                let order =
                                    if set || arrays > 1 { check_order(a) } else { inline_check_order(a, subspace) };
                                return Err(order.into_iter().find_map(|p| check(vals[p]).err()).unwrap_or(e));
                            }
                        };
                        add(&mut offsets, table, &a.shape);
                        k += 1;
                    }
                    Entry::Mask(_) => {
                        let table = tables[f.entry].take().unwrap_or_default();
                        let len = table.len();
                        add(&mut offsets, table, &[len]);
                        k += an.fancy[k..].iter().take_while(|g| g.entry == f.entry).count();
                    }
                    Entry::Basic(IndexItem::Int(i)) => {
                        add(&mut offsets, vec![check(*i as i64)?], &[]);
                        k += 1;
                    }
                    Entry::Basic(_) => unreachable!("only integers become array-indexed axes"),
                }
            }
        }
        let offsets = offsets.unwrap_or_default();
        let mut index_strides = Vec::new();
        for (e, sh) in entries.iter().zip(&shapes) {
            let (shape, st) = match (e, sh) {
                (Entry::Ints(a), _) => (a.shape.clone(), a.strides.clone()),
                // A mask's nonzero() arrays are columns of a (count, ndim) buffer.
                (Entry::Mask(m), IndexShape::BoolArray(_, count)) => (vec![*count], vec![8 * m.ndim().max(1) as isize]),
                _ => continue,
            };
            if let Ok(b) = crate::iter::broadcast_strides(&shape, &st, &an.broadcast) {
                index_strides.push(b);
            }
        }
        Ok(Ok(Prepared { w, an, offsets, index_strides }))
    }

    /// NumPy's `a[index]` for any index: integers, slices, newaxis, ellipsis, integer arrays
    /// (any integer dtype) and boolean masks, mixed.
    ///
    /// With an array entry the result is a **copy** (it never shares memory with `self`), laid
    /// out as NumPy lays it out: the broadcast block of the index arrays first in C order, the
    /// sliced axes after; when the array entries are adjacent but not first, the result is a
    /// transposed view of that private buffer (so `x[:, [0, 2]]` is F-ordered and does not own
    /// its data, exactly as in NumPy). An index of basic entries only is a view, as in
    /// [`NdArray::slice`] (a 0-d integer array alone forces a copy, as in NumPy).
    ///
    /// ```
    /// use strider::index::{FancyIndex, IndexItem};
    /// use strider::{DType, NdArray, Order};
    /// let x = NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap();
    /// let cols = NdArray::from_vec(vec![0i64, 2], &[2], Order::C).unwrap();
    /// let r = x.get_index(&[IndexItem::FULL.into(), (&cols).into()]).unwrap();
    /// assert_eq!((r.shape(), r.strides()), (&[3, 2][..], &[8, 24][..]));
    /// assert_eq!(r.to_vec::<i64>().unwrap(), vec![0, 2, 4, 6, 8, 10]);
    /// assert!(!r.shares_memory(&x, None).unwrap());
    /// ```
    pub fn get_index(&self, index: &[FancyIndex]) -> Result<NdArray> {
        if let [FancyIndex::Array(m)] = index {
            if m.dtype.num_type() == Some(crate::NumType::Bool) && m.shape == self.shape && m.ndim() > 0 {
                return self.mask_get(m);
            }
            // NumPy's fast path: one C-ordered integer array on a 1-d array.
            if self.ndim() == 1 && self.shape[0] > 0 && m.ndim() > 0 && select::fused_ok(m) {
                return select::fused_take(self, m, crate::TakeMode::Raise, 0);
            }
        }
        let mut p = match self.prepare(index, &|_| Ok(()), false)? {
            Ok(p) => p,
            Err((items, scalar_array)) => {
                let v = self.slice(&items)?;
                return if scalar_array { v.copy(Order::K) } else { Ok(v) };
            }
        };
        let an = &p.an;
        let (bshape, sshape) = (an.broadcast.clone(), p.sub_shape());
        let mut buf_shape = bshape.clone();
        buf_shape.extend_from_slice(&sshape);
        // NumPy's buffer: when a block holds one element, laid out in the index arrays' memory
        // order (its iterator's K order); otherwise the broadcast block outermost in C order and
        // each subspace block dense in the order of the indexed array's strides.
        let isz = self.itemsize();
        let nb = bshape.len();
        let (bperm, sub_perm) = if layout::size(&sshape) == 1 {
            // One element per block: NumPy iterates the index arrays alone.
            (iter_k_perm(&p.index_strides, nb), (0..sshape.len()).collect())
        } else {
            ((0..nb).collect(), layout::sorted_stride_perm(&p.sub_strides()))
        };
        let mut strides = vec![0isize; buf_shape.len()];
        if layout::size(&buf_shape) > 0 {
            let mut s = isz as isize;
            for &k in sub_perm.iter().rev() {
                strides[nb + k] = s;
                s *= sshape[k] as isize;
            }
            for &k in bperm.iter().rev() {
                strides[k] = s;
                s *= bshape[k] as isize;
            }
        }
        let sub_k = strides[nb..].to_vec();
        let buf = NdArray::alloc_with_strides(self.dtype.clone(), buf_shape.clone(), strides)?;
        let offsets = if bperm.iter().enumerate().all(|(i, &k)| i == k) {
            std::mem::take(&mut p.offsets)
        } else {
            // Blocks are written in memory order: walk the block positions in `bperm` order.
            let unit = kernels::broadcast_unit_strides(&bshape, &bshape);
            let pshape: Vec<usize> = bperm.iter().map(|&k| bshape[k]).collect();
            let pstr: Vec<isize> = bperm.iter().map(|&k| unit[k]).collect();
            let mut at = vec![0isize; p.offsets.len()];
            kernels::add_strided(&mut at, &pshape, &pstr);
            at.iter().map(|&i| p.offsets[i as usize]).collect()
        };
        fill_from(&p.w, &offsets, &sshape, &p.sub_strides(), &sub_k, &buf)?;
        if an.position == 0 {
            return Ok(buf);
        }
        let (nb, pos) = (bshape.len(), an.position);
        let order: Vec<usize> = (0..pos).map(|r| nb + r).chain(0..nb).chain(nb + pos..buf_shape.len()).collect();
        let shape = order.iter().map(|&k| buf.shape[k]).collect();
        let strides = order.iter().map(|&k| buf.strides[k]).collect();
        buf.into_view_of_self(shape, strides)
    }

    /// NumPy's `a[index] = value`: `value` is broadcast to the shape `a[index]` would have (extra
    /// leading length-1 axes dropped) and cast to `self`'s dtype with unsafe casting, as NumPy's
    /// item assignment of an array does. With repeated indices the last write wins.
    ///
    /// ```
    /// use strider::index::FancyIndex;
    /// use strider::{DType, NdArray, Order};
    /// let z = NdArray::zeros(&[5], DType::FLOAT64, Order::C).unwrap();
    /// let i = NdArray::from_vec(vec![0i64, 0, 1], &[3], Order::C).unwrap();
    /// let v = NdArray::from_vec(vec![1i64, 2, 3], &[3], Order::C).unwrap();
    /// z.set_index(&[FancyIndex::from(&i)], &v).unwrap();
    /// assert_eq!(z.to_vec::<f64>().unwrap(), vec![2.0, 3.0, 0.0, 0.0, 0.0]);
    /// ```
    pub fn set_index(&self, index: &[FancyIndex], value: &NdArray) -> Result<()> {
        self.check_writeable()?;
        // NumPy checks the value's shape before the index arrays' values.
        let value_fits = |an: &Analysis| -> Result<()> {
            let result_shape = an.result_shape();
            if an.single_mask {
                if value.ndim() > 1 {
                    return Err(Error::Type(format!(
                        "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
                        value.ndim()
                    )));
                }
                let count = result_shape[0];
                if value.size() != 1 && value.size() != count {
                    return Err(Error::Value(format!(
                        "NumPy boolean array indexing assignment cannot assign {} input values to the {} output values where the mask is true",
                        value.size(),
                        count
                    )));
                }
            }
            value_strides(value, &result_shape).map(|_| ())
        };
        let p = match self.prepare(index, &value_fits, true)? {
            Ok(p) => p,
            Err((items, _)) => {
                let full_int = items.iter().all(|i| matches!(i, IndexItem::Int(_))) && items.len() == self.ndim();
                let target = self.slice(&items)?;
                if full_int && value.ndim() > 0 {
                    // Item assignment converts the value to one scalar, as NumPy's does.
                    let t = self.dtype.num_type().map(|t| t.kind());
                    if matches!(t, Some(Kind::Complex)) {
                        return Err(Error::Type("only 0-dimensional arrays can be converted to Python scalars".into()));
                    }
                    if !(matches!(t, Some(Kind::Bool)) && value.size() == 1) {
                        return Err(Error::Value("setting an array element with a sequence.".into()));
                    }
                    return target.assign(&value.reshape(&[])?);
                }
                return target.assign(value);
            }
        };
        let an = &p.an;
        let result_shape = an.result_shape();
        let vstr = value_strides(value, &result_shape)?;
        // NumPy walks each block of the subspace in its iterator's order K over the destination
        // and the value as NumPy holds it (its own strides, or those of the C/F copy it makes of
        // a value that may overlap `self`, by its one-step overlap test). The order only matters where the destination overlaps
        // itself, but there the last write decides the result.
        let ord_vstr = if self.may_share_memory(value, Some(1))? {
            let f = value.flags().f_contiguous && !value.flags().c_contiguous;
            let copy = layout::alloc_strides(&value.shape, value.itemsize(), if f { Order::F } else { Order::C });
            value_strides_as(&value.shape, &copy, &result_shape)?
        } else {
            vstr.clone()
        };
        if layout::size(&result_shape) == 0 {
            return Ok(());
        }
        if an.single_mask && value.storage.same_as(&self.storage) {
            return self.mask_set_interleaved(&p, value, &vstr);
        }
        // The value in self's dtype, in a storage of its own (so reads never alias writes).
        let src = if value.dtype != self.dtype || value.storage.same_as(&self.storage) {
            let v = value.derive_view(value.dtype.clone(), result_shape.clone(), vstr, value.offset, true)?;
            v.astype(&self.dtype, Casting::Unsafe)?
        } else {
            value.derive_view(value.dtype.clone(), result_shape.clone(), vstr, value.offset, true)?
        };
        // The value's strides in buffer order (broadcast block first, then the subspace).
        let (nb, pos) = (an.broadcast.len(), an.position);
        let nsub = result_shape.len() - nb;
        let b_str: Vec<isize> = (0..nb).map(|k| src.strides[pos + k]).collect();
        let s_str: Vec<isize> = (0..nsub).map(|k| if k < pos { src.strides[k] } else { src.strides[nb + k] }).collect();
        let mut src_base = vec![src.offset as isize; p.offsets.len()];
        kernels::add_strided(&mut src_base, &an.broadcast, &b_str);
        let o_str: Vec<isize> = (0..nsub).map(|k| if k < pos { ord_vstr[k] } else { ord_vstr[nb + k] }).collect();
        let (sshape, d_str) = (p.sub_shape(), p.sub_strides());
        let walk = layout::iter_order_multi(&sshape, &[&d_str, &o_str]);
        let flips = layout::iter_flips_multi(&[&d_str, &o_str]);
        let (mut d_shift, mut s_shift) = (0isize, 0isize);
        let mut walked = (Vec::with_capacity(nsub), Vec::with_capacity(nsub), Vec::with_capacity(nsub));
        for &k in &walk {
            let (n, ds, ss) = (sshape[k], d_str[k], s_str[k]);
            let sign = if flips[k] && n > 1 {
                d_shift += (n as isize - 1) * ds;
                s_shift += (n as isize - 1) * ss;
                -1
            } else {
                1
            };
            walked.0.push(n);
            walked.1.push(sign * ds);
            walked.2.push(sign * ss);
        }
        let mut dst_at: Vec<isize> = p.offsets.iter().map(|&o| o + d_shift).collect();
        src_base.iter_mut().for_each(|o| *o += s_shift);
        if layout::size(&sshape) == 1 && nb > 1 {
            // With one element per block NumPy's iterator walks the index arrays and the value
            // together, in their K order (by |stride|, never flipped).
            let mut ops = p.index_strides.clone();
            ops.push(ord_vstr[pos..pos + nb].to_vec());
            let order = layout::perm_positions(&an.broadcast, &iter_k_perm(&ops, nb), &[]);
            dst_at = order.iter().map(|&k| dst_at[k]).collect();
            src_base = order.iter().map(|&k| src_base[k]).collect();
        }
        let runs = kernels::runs(&walked.0, &walked.1, &walked.2);
        record_copy(layout::size(&result_shape) * self.itemsize(), "fancy assignment")?;
        let isz = self.itemsize();
        Storage::with_sources_and_dest(&[&src.storage], &self.storage, |s, d| {
            let s = s[0].ok_or_else(|| Error::Value("assignment source aliases its destination".into()))?;
            by_itemsize!(isz, wd => {
                kernels::move_blocks(wd, s, &|k| src_base[k], d, &|k| dst_at[k], dst_at.len(), &runs);
                Ok(())
            })
        })?
    }

    /// [`NdArray::set_index`] with a Rust number, converted as NumPy converts a Python number
    /// (an integer that does not fit the dtype is an error).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let x = NdArray::zeros(&[4], DType::UINT8, Order::C).unwrap();
    /// let items = strider::index::parse_fancy("[1, 3]", &[]).unwrap();
    /// x.set_index_scalar(&items, 7i64).unwrap();
    /// assert_eq!(x.to_vec::<u8>().unwrap(), vec![0, 7, 0, 7]);
    /// assert!(x.set_index_scalar(&items, 300i64).is_err());
    /// ```
    pub fn set_index_scalar(&self, index: &[FancyIndex], value: impl Into<Scalar>) -> Result<()> {
        let t = self.dtype.num_type().ok_or_else(|| Error::Type(format!("dtype {} is not numeric", self.dtype)))?;
        let v = value.into().cast_weak(t)?;
        self.set_index(index, &NdArray::from_scalar(v)?)
    }

    /// Any index in NumPy's own syntax, arrays included: `x.index_with("[0, 2], 1:", &[])` is
    /// `x[[0, 2], 1:]`, and `{k}` names `args[k]` (`x.index_with("{0}, ::2", &[&idx])` is
    /// `x[idx, ::2]`). A copy when the index has arrays, else a view (see
    /// [`NdArray::get_index`]).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let x = NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap();
    /// assert_eq!(x.index_with("[0, 2], [[1], [3]]", &[]).unwrap().to_vec::<i64>().unwrap(), vec![1, 9, 3, 11]);
    /// let m = NdArray::from_vec(vec![true, false, true], &[3], Order::C).unwrap();
    /// assert_eq!(x.index_with("{0}, -1", &[&m]).unwrap().to_vec::<i64>().unwrap(), vec![3, 11]);
    /// ```
    pub fn index_with(&self, text: &str, args: &[&NdArray]) -> Result<NdArray> {
        self.get_index(&parse_fancy(text, args)?)
    }

    /// `x[text] = value` with NumPy's index syntax (see [`NdArray::index_with`]).
    ///
    /// ```
    /// use strider::{DType, NdArray, Order};
    /// let x = NdArray::zeros(&[2, 3], DType::INT32, Order::C).unwrap();
    /// let v = NdArray::from_vec(vec![5i32], &[1], Order::C).unwrap();
    /// x.set_index_with("[True, False], ::2", &[], &v).unwrap();
    /// assert_eq!(x.to_vec::<i32>().unwrap(), vec![5, 0, 5, 0, 0, 0]);
    /// ```
    pub fn set_index_with(&self, text: &str, args: &[&NdArray], value: &NdArray) -> Result<()> {
        self.set_index(&parse_fancy(text, args)?, value)
    }
}

impl NdArray {
    /// `x[mask] = v` where `v` lives in `x`'s own storage: as NumPy's boolean assignment, each
    /// value is read (and cast) just before its element is written, without a private copy.
    fn mask_set_interleaved(&self, p: &Prepared, value: &NdArray, vstr: &[isize]) -> Result<()> {
        let kernel = crate::dtype::cast::run_kernel(&value.dtype, &self.dtype)
            .ok_or_else(|| Error::Type(format!("cannot assign {} to {}", value.dtype, self.dtype)))?;
        let (si, di) = (value.itemsize(), self.itemsize());
        let step = vstr.first().copied().unwrap_or(0);
        record_copy(p.offsets.len() * di, "boolean mask assignment")?;
        self.storage.with_write(|b| {
            let mut tmp = [0u8; 16];
            for (k, &d) in p.offsets.iter().enumerate() {
                let s = (value.offset as isize + k as isize * step) as usize;
                tmp[..si].copy_from_slice(&b[s..s + si]);
                let d = d as usize;
                kernel(1, &tmp[..si], 0, 0, &mut b[d..d + di], 0, 0);
            }
        })
    }

    /// `x[mask]` for a mask of `x`'s whole shape: one counting pass, one copying pass.
    fn mask_get(&self, mask: &NdArray) -> Result<NdArray> {
        let count = mask.storage.with_read(|b| {
            if mask.flags.c_contiguous {
                b[mask.offset..mask.offset + mask.size()].iter().filter(|&&m| m != 0).count()
            } else {
                let mut n = 0usize;
                kernels::c_walk(&mask.shape, mask.offset as isize, &mask.strides, 0, &mask.strides, |m, _| {
                    n += (b[m as usize] != 0) as usize
                });
                n
            }
        });
        let out = NdArray::alloc(self.dtype.clone(), &[count], Order::C)?;
        if count == 0 {
            return Ok(out);
        }
        let isz = self.itemsize();
        record_copy(count * isz, "boolean mask indexing")?;
        let both_c = self.flags.c_contiguous && mask.flags.c_contiguous;
        let (xo, mo, oo) = (self.offset, mask.offset, out.offset);
        let n = self.size();
        Storage::with_sources_and_dest(&[&self.storage, &mask.storage], &out.storage, |s, d| {
            let (Some(xs), Some(ms)) = (s[0], s[1]) else {
                return Err(Error::Value("a fresh buffer cannot alias its source".into()));
            };
            let dst = &mut d[oo..oo + count * isz];
            by_itemsize!(isz, wd => {
                let wn = kernels::Width::n(wd);
                if wn == 0 {
                    return Ok(());
                }
                let mut k = 0usize;
                if both_c {
                    // Branch-free up to the last True: every element is written at the next
                    // free slot, which only advances for a True (so no slot past `count`).
                    let mask = &ms[mo..mo + n];
                    let last = mask.iter().rposition(|&m| m != 0).unwrap_or(0);
                    let src = &xs[xo..xo + (last + 1) * wn];
                    for (c, &m) in src.chunks_exact(wn).zip(&mask[..=last]) {
                        dst[k * wn..k * wn + wn].copy_from_slice(c);
                        k += (m != 0) as usize;
                    }
                } else {
                    kernels::c_walk(&self.shape, xo as isize, &self.strides, mo as isize, &mask.strides, |x, m| {
                        if ms[m as usize] != 0 {
                            let x = x as usize;
                            dst[k * wn..k * wn + wn].copy_from_slice(&xs[x..x + wn]);
                            k += 1;
                        }
                    });
                }
                Ok(())
            })
        })??;
        Ok(out)
    }
}

/// NumPy's iterator K order for a new operand: axes outermost first, sorted by |stride| over the
/// operands (an operand with a zero stride on either axis does not vote; C order wins conflicts).
fn iter_k_perm(operands: &[Vec<isize>], ndim: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let ax0 = perm[i0];
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambig, mut swap) = (true, false);
            for st in operands {
                if st[ax0] != 0 && st[ax1] != 0 {
                    if st[ax0].unsigned_abs() <= st[ax1].unsigned_abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.copy_within(ipos..i0, ipos + 1);
            perm[ipos] = ax0;
        }
    }
    perm
}

/// The value's strides broadcast to the indexing result (extra leading length-1 axes dropped),
/// or NumPy's shape-mismatch error.
fn value_strides(value: &NdArray, result_shape: &[usize]) -> Result<Vec<isize>> {
    value_strides_as(&value.shape, &value.strides, result_shape)
}

/// [`value_strides`] for a value of `shape` laid out with `strides`.
fn value_strides_as(shape: &[usize], strides: &[isize], result_shape: &[usize]) -> Result<Vec<isize>> {
    let mut skip = 0;
    while shape.len() - skip > result_shape.len() && shape[skip] == 1 {
        skip += 1;
    }
    crate::iter::broadcast_strides(&shape[skip..], &strides[skip..], result_shape).map_err(|_| {
        Error::Value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            shape_str_compact(shape),
            shape_str_compact(result_shape)
        ))
    })
}

/// Fills `buf`, a sequence of dense blocks, from blocks of `w`: block `k` (the subspace `sshape`
/// walked with `sstrides`) starts at byte `offsets[k]` of `w`'s storage and lands at block `k` of
/// `buf`, walked with `dst_strides`. Counts the copy.
pub(crate) fn fill_from(
    w: &NdArray,
    offsets: &[isize],
    sshape: &[usize],
    sstrides: &[isize],
    dst_strides: &[isize],
    buf: &NdArray,
) -> Result<()> {
    let isz = w.itemsize();
    let block = layout::size(sshape);
    let total = offsets.len() * block;
    if total == 0 {
        return Ok(());
    }
    record_copy(total * isz, "advanced indexing")?;
    let runs: Runs = kernels::runs(sshape, dst_strides, sstrides);
    let (b0, step) = (buf.offset, (block * isz) as isize);
    Storage::with_sources_and_dest(&[&w.storage], &buf.storage, |s, d| {
        let s = s[0].ok_or_else(|| Error::Value("a fresh buffer cannot alias its source".into()))?;
        by_itemsize!(isz, wd => {
            if block == 1 {
                kernels::gather(wd, s, offsets, d, b0);
            } else {
                kernels::move_blocks(wd, s, &|k| offsets[k], d, &|k| b0 as isize + k as isize * step, offsets.len(), &runs);
            }
            Ok(())
        })
    })?
}

mod select;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DType;

    fn ar(n: usize, shape: &[isize]) -> NdArray {
        NdArray::arange(0.0, n as f64, 1.0, DType::INT64).unwrap().reshape(shape).unwrap()
    }

    #[test]
    fn layouts_match_numpy() {
        // NumPy 2.4: a = arange(120).reshape(2,3,4,5); a[:, i, j] with i, j of shape (2, 2).
        let a = ar(120, &[2, 3, 4, 5]);
        let r = a.index_with("[0, 1], [[0, 1], [1, 2]], :", &[]).unwrap();
        assert_eq!(r.shape(), &[2, 2, 4, 5]);
        let r = a.index_with(":, [[0, 1], [1, 2]], [[0, 1], [2, 3]]", &[]).unwrap();
        assert_eq!((r.shape(), r.strides()), (&[2, 2, 2, 5][..], &[40, 160, 80, 8][..]));
        assert!(!r.flags().owndata && r.base().is_some());
        let r = a.index_with(":, [0, 1], :, [0, 1]", &[]).unwrap();
        assert_eq!((r.shape(), r.strides()), (&[2, 2, 4][..], &[64, 32, 8][..]));
        assert!(r.flags().owndata);
    }

    #[test]
    fn values_and_errors() {
        let x = ar(12, &[3, 4]);
        let r = x.index_with("x", &[]);
        assert!(r.is_err());
        assert_eq!(
            x.index_with("[0, 5]", &[]).unwrap_err().to_string(),
            "index 5 is out of bounds for axis 0 with size 3"
        );
        // An empty broadcast block checks no bounds (NumPy).
        assert_eq!(x.index_with("[7], []", &[]).unwrap().shape(), &[0]);
        let r = x.index_with("[[True, False, True, False], [True, True, False, False]]", &[]);
        assert_eq!(r.unwrap_err().numpy_class(), "IndexError");
        let m = NdArray::from_vec((0..12).map(|v| v % 5 == 0).collect::<Vec<_>>(), &[3, 4], Order::C).unwrap();
        assert_eq!(x.index_with("{0}", &[&m]).unwrap().to_vec::<i64>().unwrap(), vec![0, 5, 10]);
        assert_eq!(x.index_with("1, [3, -4]", &[]).unwrap().to_vec::<i64>().unwrap(), vec![7, 4]);
        let t = x.index_with("True", &[]).unwrap();
        assert_eq!(t.shape(), &[1, 3, 4]);
        let one = NdArray::from_vec(vec![1i32], &[], Order::C).unwrap();
        let c = x.index_with("{0}", &[&one]).unwrap();
        assert!(c.flags().owndata && c.to_vec::<i64>().unwrap() == vec![4, 5, 6, 7]);
    }

    #[test]
    fn set_rules() {
        let x = ar(12, &[3, 4]).copy(Order::C).unwrap();
        let v = NdArray::from_vec(vec![-1i64, -2], &[1, 2], Order::C).unwrap();
        x.set_index_with(":, [0, 2]", &[], &v).unwrap();
        assert_eq!(x.index_with("0", &[]).unwrap().to_vec::<i64>().unwrap(), vec![-1, 1, -2, 3]);
        let bad = NdArray::zeros(&[4], DType::INT64, Order::C).unwrap();
        assert_eq!(
            x.set_index_with(":, [0, 1]", &[], &bad).unwrap_err().to_string(),
            "shape mismatch: value array of shape (4,) could not be broadcast to indexing result of shape (3,2)"
        );
        let m = NdArray::from_vec(vec![true; 12], &[3, 4], Order::C).unwrap();
        let three = NdArray::zeros(&[3], DType::INT64, Order::C).unwrap();
        assert_eq!(x.set_index_with("{0}", &[&m], &three).unwrap_err().numpy_class(), "ValueError");
        // Writing a view of itself: the value is read before any write.
        let r = x.index_with("::-1", &[]).unwrap();
        x.set_index_with("[0, 1, 2]", &[], &r).unwrap();
        assert_eq!(x.index_with("0", &[]).unwrap().to_vec::<i64>().unwrap(), vec![-1, 9, -2, 11]);
        assert_eq!(x.index_with("2", &[]).unwrap().to_vec::<i64>().unwrap(), vec![-1, 1, -2, 3]);
    }
}

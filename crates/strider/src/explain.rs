//! The layout explainer: an array's layout in words and as a tree, and what an operation does
//! to it (view or copy, and why).
//!
//! Owns only descriptions: it reads an array's header (dtype, shape, strides, offset, flags,
//! base) and the pure layout math in [`crate::layout`], and never reads or moves element bytes.
//! Operations that would copy are described, not performed (explaining a reshape of a large
//! memory-mapped file costs nothing); operations that give views are performed, since a view is
//! free, so what is described is exactly what the library does.
//!
//! ```
//! use strider::{explain, DType, NdArray, Order};
//! let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[4, 6]).unwrap();
//! let e = explain::explain(&a.t());
//! assert!(e.f_contiguous.value && !e.c_contiguous.value);
//! let r = explain::explain_reshape(&a.t(), &[24], Order::C).unwrap();
//! assert!(r.copies);                  // a.T.reshape(24) must move bytes
//! println!("{e}\n{r}");
//! ```

use crate::array::NdArray;
use crate::dtype::DType;
use crate::layout::{self, reshape, Order};
use crate::{Error, ReshapeCopy, Result};
use std::fmt;

mod tree;

/// A layout as the explainer sees it: what an array is, or what an operation would produce.
///
/// ```
/// use strider::{explain::Layout, DType, NdArray, Order};
/// let l = Layout::of(&NdArray::zeros(&[2, 3], DType::INT16, Order::F).unwrap());
/// assert_eq!((l.strides.clone(), l.offset, l.storage_len), (vec![2, 4], 0, 12));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The element type.
    pub dtype: DType,
    /// The shape.
    pub shape: Vec<usize>,
    /// Byte strides.
    pub strides: Vec<isize>,
    /// Byte offset of element `[0, ..., 0]` from the start of the storage.
    pub offset: usize,
    /// Bytes in the storage the layout reads.
    pub storage_len: usize,
    /// OWNDATA.
    pub owndata: bool,
    /// WRITEABLE.
    pub writeable: bool,
    /// ALIGNED.
    pub aligned: bool,
    /// Whether the storage is a memory map or another owner's memory (not allocated by Strider).
    pub foreign: bool,
    /// What the array views, in words (`None`: it is not a view).
    pub base: Option<String>,
}

impl Layout {
    /// The layout of an existing array.
    ///
    /// ```
    /// use strider::{explain::Layout, DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT32).unwrap();
    /// let l = Layout::of(&a.index("::-2").unwrap());
    /// assert_eq!((l.strides.clone(), l.offset), (vec![-8], 20));
    /// assert!(l.base.is_some());
    /// ```
    pub fn of(a: &NdArray) -> Layout {
        let f = a.flags();
        let base = a.base().map(|b| {
            let who = if b.flags().owndata { "owns" } else { "wraps" };
            format!(
                "a view of a {} {} array (strides {}) that {who} the storage's {} bytes",
                layout::shape_str(b.shape()),
                b.dtype(),
                layout::strides_str(b.strides()),
                b.storage().len()
            )
        });
        Layout {
            dtype: a.dtype().clone(),
            shape: a.shape().to_vec(),
            strides: a.strides().to_vec(),
            offset: a.offset(),
            storage_len: a.storage().len(),
            owndata: f.owndata,
            writeable: f.writeable,
            aligned: f.aligned,
            foreign: !a.storage().is_strider_allocated(),
            base,
        }
    }

    /// A fresh allocation of `shape` with `strides` (what a copy produces): element 0 sits where
    /// the lowest address lands.
    fn fresh(dtype: DType, shape: Vec<usize>, strides: Vec<isize>, base: Option<String>) -> Layout {
        let nbytes = layout::size(&shape) * dtype.itemsize();
        let offset = match layout::byte_extent(&shape, &strides, dtype.itemsize()) {
            Ok(Some((low, _))) => (-low) as usize,
            _ => 0,
        };
        Layout {
            dtype,
            owndata: base.is_none(),
            shape,
            strides,
            offset,
            storage_len: nbytes,
            writeable: true,
            aligned: true,
            foreign: false,
            base,
        }
    }

    fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    fn size(&self) -> usize {
        layout::size(&self.shape)
    }

    /// Byte offset (in the storage) of the element at `index`.
    fn at(&self, index: &[usize]) -> isize {
        self.offset as isize + index.iter().zip(&self.strides).map(|(&i, &s)| i as isize * s).sum::<isize>()
    }
}

/// A flag's value and the reason it holds.
///
/// ```
/// use strider::{explain, DType, NdArray, Order};
/// let e = explain::explain(&NdArray::zeros(&[2, 3], DType::INT8, Order::C).unwrap());
/// assert!(e.c_contiguous.value && e.c_contiguous.why.contains("(3, 1)"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reasoned {
    /// The flag's value.
    pub value: bool,
    /// Why, in words.
    pub why: String,
}

/// A layout explained: the words, the flags with their reasons, and the tree picture.
///
/// ```
/// use strider::{explain, DType, NdArray};
/// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT16).unwrap().reshape(&[2, 3]).unwrap();
/// let text = explain::explain(&a).to_string();
/// assert!(text.contains("element [i0, i1] is at byte 0 + 6*i0 + 2*i1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The layout explained.
    pub layout: Layout,
    /// C_CONTIGUOUS and why.
    pub c_contiguous: Reasoned,
    /// F_CONTIGUOUS and why.
    pub f_contiguous: Reasoned,
    /// ALIGNED and why.
    pub aligned: Reasoned,
    /// WRITEABLE and why.
    pub writeable: Reasoned,
    /// OWNDATA and why (whether, and what, the array views).
    pub owndata: Reasoned,
    /// Other facts worth knowing: negative or zero strides, gaps, overlap.
    pub notes: Vec<String>,
}

/// Explains an array's layout.
///
/// ```
/// use strider::{explain, DType, NdArray};
/// let x = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[4, 6]).unwrap();
/// let e = explain::explain(&x.index("::2, 1:5:2").unwrap());
/// assert!(!e.c_contiguous.value);
/// assert!(e.c_contiguous.why.contains("axis 1 (length 2) has stride 16"));
/// assert!(e.notes.iter().any(|n| n.contains("32 of the 120 bytes")));
/// ```
pub fn explain(a: &NdArray) -> Explanation {
    explain_layout(Layout::of(a))
}

/// The axis that breaks contiguity in C (or F) order and what its stride should be, or `None`
/// when the layout is contiguous. Mirrors NumPy's rule: length-1 axes are ignored, empty arrays
/// are contiguous.
fn contiguity_break(l: &Layout, fortran: bool) -> Option<(usize, isize, isize)> {
    if l.shape.contains(&0) {
        return None;
    }
    let mut expected = l.itemsize() as isize;
    let axes: Vec<usize> = if fortran { (0..l.shape.len()).collect() } else { (0..l.shape.len()).rev().collect() };
    for ax in axes {
        if l.shape[ax] == 1 {
            continue;
        }
        if l.strides[ax] != expected {
            return Some((ax, l.strides[ax], expected));
        }
        expected *= l.shape[ax] as isize;
    }
    None
}

fn contiguity(l: &Layout, fortran: bool) -> Reasoned {
    let name = if fortran { "column-major (F)" } else { "row-major (C)" };
    let later = if fortran { "before" } else { "after" };
    match contiguity_break(l, fortran) {
        None if l.shape.contains(&0) => Reasoned { value: true, why: "the array is empty: there are no bytes to order".into() },
        None => {
            let dense = layout::fill_strides(&l.shape, l.itemsize(), if fortran { Order::F } else { Order::C });
            let elems: Vec<isize> = dense.iter().map(|s| s / l.itemsize().max(1) as isize).collect();
            Reasoned {
                value: true,
                why: format!(
                    "every axis longer than 1 steps over exactly the elements of the axes {later} it: strides {} = itemsize {} x {} (length-1 axes may have any stride)",
                    layout::strides_str(&dense),
                    l.itemsize(),
                    layout::strides_str(&elems)
                ),
            }
        }
        Some((ax, s, e)) => Reasoned {
            value: false,
            why: format!(
                "axis {ax} (length {}) has stride {s}, but {name} order needs {e} (itemsize {} x the lengths of the axes {later} it)",
                l.shape[ax],
                l.itemsize()
            ),
        },
    }
}

fn explain_layout(l: Layout) -> Explanation {
    let c_contiguous = contiguity(&l, false);
    let f_contiguous = contiguity(&l, true);
    let align = l.dtype.alignment();
    let aligned = if l.aligned {
        let why = if align <= 1 {
            format!("{} elements need no alignment", l.dtype)
        } else {
            format!("the data address and every stride used are multiples of {align} (the alignment of {})", l.dtype)
        };
        Reasoned { value: true, why }
    } else {
        let bad: Vec<String> = l
            .shape
            .iter()
            .zip(&l.strides)
            .enumerate()
            .filter(|(_, (&n, &s))| n > 1 && s.unsigned_abs() % align != 0)
            .map(|(k, (_, s))| format!("axis {k} stride {s}"))
            .collect();
        let why = if bad.is_empty() {
            format!("the data address (offset {}) is not a multiple of {align}, or the flag was cleared", l.offset)
        } else {
            format!("{} not a multiple of {align} (the alignment of {})", bad.join(", "), l.dtype)
        };
        Reasoned { value: false, why }
    };
    let writeable = Reasoned {
        value: l.writeable,
        why: if l.writeable {
            "the storage may be written and nothing cleared the flag".into()
        } else if l.foreign {
            "the memory is read-only (a read-only memory map or borrowed buffer), or the flag was cleared".into()
        } else {
            "the flag was cleared on this array or on the array it views".into()
        },
    };
    let owndata = Reasoned {
        value: l.owndata,
        why: match (&l.base, l.owndata, l.foreign) {
            (_, true, _) => format!("this array allocated its {} bytes: it is not a view", l.storage_len),
            (Some(b), false, _) => format!("{b}; writes through either are seen by both"),
            (None, false, true) => {
                format!("it wraps {} bytes it did not allocate (a memory map or another owner's buffer)", l.storage_len)
            }
            (None, false, false) => "it reads memory another array allocated".into(),
        },
    };
    let mut notes = Vec::new();
    for (k, (&n, &s)) in l.shape.iter().zip(&l.strides).enumerate() {
        if n > 1 && s == 0 {
            notes.push(format!("axis {k} has stride 0: its {n} entries are the same bytes (a broadcast view)"));
        } else if n > 1 && s < 0 {
            notes.push(format!("axis {k} has a negative stride: it walks backwards through memory"));
        }
    }
    if let Ok(Some((lo, hi))) = layout::byte_extent(&l.shape, &l.strides, l.itemsize()) {
        let span = (hi - lo) as usize;
        let nbytes = l.size() * l.itemsize();
        let start = l.offset as isize + lo;
        if span > nbytes {
            notes.push(format!(
                "it reads {nbytes} of the {span} bytes in its span {start}..{}: the rest are gaps between elements",
                start + span as isize
            ));
        } else if span == nbytes {
            notes.push(format!("its elements tile bytes {start}..{} with no gaps", start + span as isize));
        }
        if l.shape.len() > 1 && span >= nbytes {
            let perm = layout::iter_order_k(&l.shape, &l.strides);
            let fastest = perm.last().copied().unwrap_or(0);
            notes.push(format!(
                "in memory order (increasing address) axis {fastest} varies fastest; axes from slowest to fastest: {:?}",
                perm
            ));
        }
    }
    Explanation { layout: l, c_contiguous, f_contiguous, aligned, writeable, owndata, notes }
}

fn flag_word(b: bool) -> &'static str {
    if b {
        "True "
    } else {
        "False"
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.layout;
        let order = match l.dtype.byte_order() {
            crate::ByteOrder::Little => "little-endian",
            crate::ByteOrder::Big => "big-endian",
            crate::ByteOrder::NotApplicable => "no byte order",
        };
        let order = if l.itemsize() <= 1 { "no byte order" } else { order };
        writeln!(f, "dtype    {} ('{}'): {} bytes per element, {order}", l.dtype, l.dtype.str(), l.itemsize())?;
        writeln!(
            f,
            "shape    {}: {} elements, {} bytes",
            layout::shape_str(&l.shape),
            l.size(),
            l.size() * l.itemsize()
        )?;
        writeln!(f, "strides  {} bytes per step along each axis", layout::strides_str(&l.strides))?;
        writeln!(f, "offset   element 0 is at byte {} of a {}-byte storage", l.offset, l.storage_len)?;
        let terms: String = (0..l.shape.len())
            .map(|k| {
                let s = l.strides[k];
                format!(" {} {}*i{k}", if s < 0 { '-' } else { '+' }, s.unsigned_abs())
            })
            .collect();
        let names: Vec<String> = (0..l.shape.len()).map(|k| format!("i{k}")).collect();
        if !l.shape.is_empty() {
            writeln!(f, "address  element [{}] is at byte {}{terms}", names.join(", "), l.offset)?;
        }
        let rows = [
            ("C_CONTIGUOUS", &self.c_contiguous),
            ("F_CONTIGUOUS", &self.f_contiguous),
            ("OWNDATA", &self.owndata),
            ("WRITEABLE", &self.writeable),
            ("ALIGNED", &self.aligned),
        ];
        for (name, r) in rows {
            writeln!(f, "{name:<13}{}  {}", flag_word(r.value), r.why)?;
        }
        for n in &self.notes {
            writeln!(f, "note     {n}")?;
        }
        write!(f, "{}", self.tree())
    }
}

/// An operation whose effect on a layout can be explained.
///
/// ```
/// use strider::{explain::Op, Order};
/// assert_eq!(Op::Reshape(vec![6, -1], Order::C).to_string(), "a.reshape(6, -1)");
/// assert_eq!(Op::Ravel(Order::F).to_string(), "a.ravel(order='F')");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `a.reshape(shape, order=...)`.
    Reshape(Vec<isize>, Order),
    /// `a.ravel(order=...)`.
    Ravel(Order),
    /// `a.copy(order=...)`.
    Copy(Order),
    /// `np.ascontiguousarray(a)`.
    AsContiguous,
    /// `np.asfortranarray(a)`.
    AsFortran,
    /// `a.transpose(axes)` (`None`: `a.T`).
    Transpose(Option<Vec<isize>>),
}

fn order_char(o: Order) -> char {
    match o {
        Order::C => 'C',
        Order::F => 'F',
        Order::A => 'A',
        Order::K => 'K',
    }
}

fn join<T: fmt::Display>(v: &[T]) -> String {
    v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Reshape(s, Order::C) => write!(f, "a.reshape({})", join(s)),
            Op::Reshape(s, o) => write!(f, "a.reshape({}, order='{}')", join(s), order_char(*o)),
            Op::Ravel(o) => write!(f, "a.ravel(order='{}')", order_char(*o)),
            Op::Copy(o) => write!(f, "a.copy(order='{}')", order_char(*o)),
            Op::AsContiguous => write!(f, "np.ascontiguousarray(a)"),
            Op::AsFortran => write!(f, "np.asfortranarray(a)"),
            Op::Transpose(None) => write!(f, "a.T"),
            Op::Transpose(Some(ax)) => write!(f, "a.transpose({})", join(ax)),
        }
    }
}

/// What an operation does to a layout: whether it copies, why, and the layout before and after.
///
/// ```
/// use strider::{explain::{explain_op, Op}, DType, NdArray};
/// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT8).unwrap().reshape(&[2, 3]).unwrap();
/// let e = explain_op(&a, &Op::Transpose(None)).unwrap();
/// assert!(!e.copies && e.after.layout.strides == vec![1, 3]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpExplanation {
    /// The operation.
    pub op: Op,
    /// Whether element bytes are moved to new storage.
    pub copies: bool,
    /// Why it copies or not.
    pub why: String,
    /// What happens to the tree picture (the leaves are element byte offsets).
    pub tree_change: String,
    /// The layout before.
    pub before: Explanation,
    /// The layout after (for a copy: the new array's, described without making it).
    pub after: Explanation,
}

/// Explains `a.reshape(shape, order=order)`: a view or a copy, and why (NumPy's rules, from
/// [`crate::layout::reshape`]).
///
/// ```
/// use strider::{explain, DType, NdArray, Order};
/// let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[2, 3, 4]).unwrap();
/// let t = a.transpose(Some(&[1, 0, 2])).unwrap();     // strides (32, 96, 8)
/// let view = explain::explain_reshape(&t, &[3, 2, 2, 2], Order::C).unwrap();
/// assert!(!view.copies && view.after.layout.strides == vec![32, 96, 16, 8]);
/// let copy = explain::explain_reshape(&t, &[6, 4], Order::C).unwrap();
/// assert!(copy.copies && copy.why.contains("axes 0 and 1"));
/// assert!(explain::explain_reshape(&t, &[5, 5], Order::C).is_err());
/// ```
pub fn explain_reshape(a: &NdArray, shape: &[isize], order: Order) -> Result<OpExplanation> {
    explain_op(a, &Op::Reshape(shape.to_vec(), order))
}

/// Why a reshape of a non-contiguous layout cannot be a view: the first pair of old axes that
/// must merge into one new axis but are not contiguous with each other in `order`.
fn reshape_blocker(shape: &[usize], strides: &[isize], new_shape: &[usize], fortran: bool) -> Option<String> {
    let old: Vec<(usize, usize, isize)> =
        shape.iter().zip(strides).enumerate().filter(|(_, (&d, _))| d != 1).map(|(k, (&d, &s))| (k, d, s)).collect();
    let (mut oi, mut ni) = (0usize, 0usize);
    while oi < old.len() && ni < new_shape.len() {
        let (mut oj, mut nj) = (oi + 1, ni + 1);
        let (mut op, mut np) = (old[oi].1 as u128, new_shape[ni] as u128);
        while op != np {
            if np < op {
                np *= *new_shape.get(nj)? as u128;
                nj += 1;
            } else {
                op *= old.get(oj)?.1 as u128;
                oj += 1;
            }
        }
        for k in oi..oj - 1 {
            let ((ka, na, sa), (kb, nb, sb)) = (old[k], old[k + 1]);
            let (ok, need) = if fortran {
                (sb == na as isize * sa, format!("axis {kb}'s stride {sb} to be {} x {sa}", na))
            } else {
                (sa == nb as isize * sb, format!("axis {ka}'s stride {sa} to be {} x {sb}", nb))
            };
            if !ok {
                return Some(format!(
                    "axes {ka} and {kb} (lengths {na} and {nb}, strides {sa} and {sb}) would have to be read as one run of new axes {}, which needs {need}: no strides can walk them, so the bytes must move",
                    layout::shape_str(&new_shape[ni..nj])
                ));
            }
        }
        oi = oj;
        ni = nj;
    }
    None
}

fn resolve_order(a: &NdArray, order: Order) -> Order {
    let f = a.flags();
    match order {
        Order::A if f.f_contiguous && !f.c_contiguous => Order::F,
        Order::A => Order::C,
        o => o,
    }
}

/// Explains an operation on `a`; fails with the operation's own error for a bad request.
///
/// ```
/// use strider::{explain::{explain_op, Op}, DType, NdArray, Order};
/// let f = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::F).unwrap();
/// assert!(!explain_op(&f, &Op::AsFortran).unwrap().copies);
/// let c = explain_op(&f, &Op::AsContiguous).unwrap();
/// assert!(c.copies && c.after.layout.strides == vec![32, 8]);
/// assert!(!explain_op(&f, &Op::Ravel(Order::K)).unwrap().copies);
/// ```
pub fn explain_op(a: &NdArray, op: &Op) -> Result<OpExplanation> {
    let flags = a.flags();
    let itemsize = a.itemsize();
    let c_why = contiguity(&Layout::of(a), false).why;
    let f_why = contiguity(&Layout::of(a), true).why;
    // Each arm gives either the real view, or the layout a copy would have.
    let (outcome, why): (std::result::Result<NdArray, Layout>, String) = match op {
        Op::Reshape(shape, order) => {
            if *order == Order::K {
                return Err(Error::Value("order 'K' is not permitted for reshaping".into()));
            }
            let o = resolve_order(a, *order);
            let new_shape = reshape::resolve_shape(shape, a.size())?;
            let contiguous = if o == Order::F { flags.f_contiguous } else { flags.c_contiguous };
            // Only a request spelled out in full (no -1) returns the layout unchanged, as NumPy.
            let same = shape.len() == a.ndim() && shape.iter().zip(a.shape()).all(|(&r, &n)| r >= 0 && r as usize == n);
            let oname = if o == Order::F { "F" } else { "C" };
            if same {
                (Ok(a.view()), "the requested shape is the current one: a new view with the same strides".into())
            } else if contiguous {
                (
                    Ok(a.reshape_with(shape, *order, ReshapeCopy::Never)?),
                    format!(
                        "the array is {oname}-contiguous, so every shape of its size reads the same bytes in the same order: a view with fresh {oname} strides"
                    ),
                )
            } else if reshape::nocopy_strides(a.shape(), a.strides(), itemsize, &new_shape, o).is_some() {
                (
                    Ok(a.reshape_with(shape, *order, ReshapeCopy::Never)?),
                    format!(
                        "the array is not {oname}-contiguous, but every group of its axes that becomes a group of new axes is contiguous within itself, so new strides exist: a view"
                    ),
                )
            } else {
                let blocker = reshape_blocker(a.shape(), a.strides(), &new_shape, o == Order::F)
                    .unwrap_or_else(|| "its axes cannot be regrouped without moving bytes".into());
                let strides = layout::fill_strides(&new_shape, itemsize, o);
                (
                    Err(Layout::fresh(
                        a.dtype().clone(),
                        new_shape,
                        strides,
                        Some(format!(
                            "a view of a private {oname}-order copy (NumPy's reshape returns a view of the copy)"
                        )),
                    )),
                    format!("a copy: {blocker}"),
                )
            }
        }
        Op::Ravel(order) => {
            let o = match order {
                Order::K if flags.c_contiguous => Order::C,
                Order::K if flags.f_contiguous => Order::F,
                o => resolve_order(a, *o),
            };
            let view_why = match o {
                Order::C if flags.c_contiguous => {
                    Some("C-contiguous: the bytes already lie in C order: a 1-d view".into())
                }
                Order::F if flags.f_contiguous => {
                    Some("F-contiguous: the bytes already lie in F order: a 1-d view".into())
                }
                Order::K if ravel_k_dense(a) => Some(
                    "its axes, sorted by stride, tile the bytes without gaps: reading in memory order is a 1-d view"
                        .into(),
                ),
                _ => None,
            };
            match view_why {
                Some(w) => (Ok(a.ravel(*order)?), w),
                None => {
                    let reason = match o {
                        Order::F => format!("not F-contiguous: {f_why}"),
                        Order::K => match a.strides().iter().zip(a.shape()).position(|(&st, &n)| n > 1 && st < 0) {
                            Some(k) => format!("axis {k} has a negative stride, and a view in memory order needs every stride positive"),
                            None => "its axes, sorted by stride, leave gaps between the elements".to_string(),
                        },
                        _ => format!("not C-contiguous: {c_why}"),
                    };
                    let n = a.size();
                    (
                        Err(Layout::fresh(a.dtype().clone(), vec![n], vec![itemsize as isize], None)),
                        format!("a copy (flatten): {reason}"),
                    )
                }
            }
        }
        Op::Copy(order) => {
            let strides = match order {
                Order::C | Order::F => layout::alloc_strides(a.shape(), itemsize, *order),
                Order::A => layout::alloc_strides(a.shape(), itemsize, resolve_order(a, Order::A)),
                Order::K => layout::strides_like(a.shape(), a.strides(), itemsize, itemsize),
            };
            (
                Err(Layout::fresh(a.dtype().clone(), a.shape().to_vec(), strides, None)),
                format!("copy always allocates {} new bytes and moves every element into them", a.nbytes()),
            )
        }
        Op::AsContiguous | Op::AsFortran => {
            let fortran = *op == Op::AsFortran;
            let (ok, name, why) =
                if fortran { (flags.f_contiguous, "F", f_why) } else { (flags.c_contiguous, "C", c_why) };
            if a.ndim() == 0 {
                let v = if fortran { a.asfortranarray()? } else { a.ascontiguousarray()? };
                (Ok(v), "a 0-d array becomes a 1-d view of shape (1,) over the same element".into())
            } else if ok {
                let v = if fortran { a.asfortranarray()? } else { a.ascontiguousarray()? };
                (Ok(v), format!("already {name}-contiguous: the same array is returned, nothing is copied"))
            } else {
                let o = if fortran { Order::F } else { Order::C };
                let strides = layout::alloc_strides(a.shape(), itemsize, o);
                (
                    Err(Layout::fresh(a.dtype().clone(), a.shape().to_vec(), strides, None)),
                    format!("a copy: not {name}-contiguous ({why})"),
                )
            }
        }
        Op::Transpose(axes) => {
            (Ok(a.transpose(axes.as_deref())?), "a transpose only permutes shape and strides: always a view".into())
        }
    };
    let before = explain(a);
    let copies = outcome.is_err();
    let after = match outcome {
        Ok(v) => explain(&v),
        Err(l) => explain_layout(l),
    };
    let tree_change = tree_change(&before.layout, &after.layout, copies, op);
    Ok(OpExplanation { op: op.clone(), copies, why, tree_change, before, after })
}

/// NumPy's ravel(order='K') view test: the axes sorted by stride are dense with positive strides.
fn ravel_k_dense(a: &NdArray) -> bool {
    let perm = layout::sorted_stride_perm(a.strides());
    let mut expected = a.itemsize() as isize;
    perm.iter().rev().all(|&ax| {
        if a.shape()[ax] == 1 {
            return true;
        }
        let ok = a.strides()[ax] == expected;
        expected *= a.shape()[ax] as isize;
        ok
    })
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn levels(l: &Layout) -> String {
    if l.shape.is_empty() {
        return "no levels (0-d)".into();
    }
    l.shape
        .iter()
        .zip(&l.strides)
        .enumerate()
        .map(|(k, (&n, &s))| {
            format!(
                "axis {k}: {n} {} {s} {} apart",
                plural(n, "entry", "entries"),
                plural(s.unsigned_abs(), "byte", "bytes")
            )
        })
        .collect::<Vec<_>>()
        .join(" -> ")
}

fn tree_change(before: &Layout, after: &Layout, copies: bool, op: &Op) -> String {
    if copies {
        return format!(
            "new leaves: the {} elements move to a new {}-byte storage, where the tree is [{}]",
            after.size(),
            after.storage_len,
            levels(after)
        );
    }
    let what = match op {
        Op::Transpose(_) => "the same leaves, with the levels reordered",
        Op::Reshape(_, _) | Op::Ravel(_) => "the same leaves in the same reading order, grouped into new levels",
        _ => "the same leaves and levels",
    };
    format!("{what}: [{}] becomes [{}]", levels(before), levels(after))
}

impl fmt::Display for OpExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.op, if self.copies { "COPIES" } else { "a view (no bytes move)" })?;
        writeln!(f, "why      {}", self.why)?;
        writeln!(f, "tree     {}", self.tree_change)?;
        writeln!(
            f,
            "result   shape {}, strides {}, C_CONTIGUOUS={} F_CONTIGUOUS={} OWNDATA={}",
            layout::shape_str(&self.after.layout.shape),
            layout::strides_str(&self.after.layout.strides),
            flag_word(self.after.c_contiguous.value).trim(),
            flag_word(self.after.f_contiguous.value).trim(),
            flag_word(self.after.layout.owndata).trim()
        )?;
        write!(f, "{}", self.after.tree())
    }
}

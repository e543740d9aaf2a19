//! The iteration engine: broadcasts operands, orders axes by stride, flips negative strides,
//! coalesces, and hands kernels 1-d runs.
//!
//! OWNER: copies helper. This module owns the traversal of strided layouts only: it computes byte
//! offsets and never reads or writes element bytes itself (kernels do that), and it never touches
//! storage locks (callers hold them).
//!
//! A traversal is planned once with [`Plan::new`] from a shape and one `(offset, strides)` pair per
//! operand (operand 0 is the *reference*, normally the destination: its strides decide the axis
//! order). The plan then yields 1-d runs `(len, offsets, strides)` through [`Plan::for_each_run`];
//! a kernel is a plain loop over byte slices, with a fast path when a run is contiguous.
//!
//! Two opt-in refinements serve copies and element-wise operations (never reductions, whose
//! summation order is NumPy's): [`Plan::blocked`] walks the two innermost axes in square tiles
//! when an operand's layout disagrees with operand 0's (so a transposing copy reads and writes
//! whole cache lines), and [`par::for_parts`] splits a plan's outermost axis into parts run on
//! rayon's threads, each part owning a disjoint piece of operand 0's bytes.
//!
//! ```
//! use strider::iter::Plan;
//! // A 2x3 destination in C order (strides 24, 8) and a source broadcast along axis 0 (stride 0).
//! let plan = Plan::new(&[2, 3], &[(0, &[24, 8]), (0, &[0, 8])]).unwrap();
//! let mut runs = Vec::new();
//! plan.for_each_run(|len, offs, strides| runs.push((len, offs.to_vec(), strides.to_vec())));
//! assert_eq!(runs, vec![(3, vec![0, 0], vec![8, 8]), (3, vec![24, 0], vec![8, 8])]);
//! ```

use crate::{Error, Result};

pub mod par;

/// Edge, in elements, of the square tiles of a [`Plan::blocked`] traversal: 64 x 64 elements of
/// up to 8 bytes per operand stay within L1/L2 while each strided operand's cache lines are
/// reused across the tile's rows.
///
/// ```
/// assert_eq!(strider::iter::TILE, 64);
/// ```
pub const TILE: usize = 64;

/// Strides of an operand broadcast to `shape` (right-aligned; length-1 or missing axes get stride
/// 0). Fails when the operand's shape does not broadcast to `shape`.
///
/// ```
/// use strider::iter::broadcast_strides;
/// assert_eq!(broadcast_strides(&[3], &[8], &[2, 3]).unwrap(), vec![0, 8]);
/// assert!(broadcast_strides(&[2], &[8], &[2, 3]).is_err());
/// ```
pub fn broadcast_strides(src_shape: &[usize], src_strides: &[isize], shape: &[usize]) -> Result<Vec<isize>> {
    if src_shape.len() > shape.len() {
        return Err(Error::BroadcastTo { from: src_shape.to_vec(), to: shape.to_vec() });
    }
    let pad = shape.len() - src_shape.len();
    let mut out = vec![0isize; shape.len()];
    for k in 0..src_shape.len() {
        if src_shape[k] == shape[pad + k] {
            out[pad + k] = if src_shape[k] == 1 { 0 } else { src_strides[k] };
        } else if src_shape[k] == 1 {
            out[pad + k] = 0;
        } else {
            return Err(Error::BroadcastTo { from: src_shape.to_vec(), to: shape.to_vec() });
        }
    }
    Ok(out)
}

/// One input of a NumPy ufunc call, as [`numpy_ufunc_zero_strides`] needs it: the array's own
/// shape, strides and itemsize, and whether it must be converted for the loop (its dtype is not
/// the loop's, its bytes are swapped, or it is misaligned). A weak Python scalar is a 0-d array
/// already of the loop's dtype.
#[derive(Clone, Copy, Debug)]
pub struct UfuncInput<'a> {
    /// The array's shape.
    pub shape: &'a [usize],
    /// The array's byte strides.
    pub strides: &'a [isize],
    /// The array's itemsize in bytes.
    pub itemsize: usize,
    /// The loop's itemsize for this operand.
    pub loop_itemsize: usize,
    /// Whether NumPy must convert it (cast, byte swap or misalignment).
    pub needs_copy: bool,
}

/// Which inputs of a one-output NumPy ufunc call reach its inner loop with stride 0, so that a
/// loop branching on "constant operand" (as `clip`'s float loop does, treating ties and NaN
/// bounds differently there) takes that branch. `bufsize` is NumPy's buffer size in elements
/// (8192 by default).
///
/// This retraces NumPy's dispatch: inputs that need converting are cast ahead of the loop into
/// fresh contiguous arrays when 0-d or 1-d of at most `bufsize` elements (in argument order, until
/// the first one that cannot be); if every input could be, operands of one shape that are 1-d or
/// contiguous run as a single loop call with their own strides (0 only for 0-d operands and 1-d
/// ones of stride 0); otherwise the buffered iterator decides, see [`numpy_inner_stride_zero`].
///
/// ```
/// use strider::iter::{numpy_ufunc_zero_strides, UfuncInput};
/// let inp = |shape, strides, itemsize, needs_copy| UfuncInput { shape, strides, itemsize, loop_itemsize: 8, needs_copy };
/// // x of 7 float64 with a bound broadcast to stride 0: float64 stays stride 0, while float32 is
/// // cast ahead of the loop into a contiguous array.
/// let (x, lo64, lo32) = (inp(&[7], &[8], 8, false), inp(&[7], &[0], 8, false), inp(&[7], &[0], 4, true));
/// assert_eq!(numpy_ufunc_zero_strides(&[x, lo64], 8192), vec![false, true]);
/// assert_eq!(numpy_ufunc_zero_strides(&[x, lo32], 8192), vec![false, false]);
/// ```
pub fn numpy_ufunc_zero_strides(inputs: &[UfuncInput<'_>], bufsize: usize) -> Vec<bool> {
    // check_for_trivial_loop: (shape, strides, itemsize, buffered) per operand after the casts.
    let mut ops: Vec<(Vec<usize>, Vec<isize>, usize, bool)> =
        inputs.iter().map(|i| (i.shape.to_vec(), i.strides.to_vec(), i.itemsize, false)).collect();
    let mut trivial_ok = true;
    for (k, inp) in inputs.iter().enumerate() {
        if !inp.needs_copy {
            continue;
        }
        let small = inp.shape.is_empty() || (inp.shape.len() == 1 && inp.shape[0] <= bufsize);
        if trivial_ok && small {
            let strides = if inp.shape.is_empty() { vec![] } else { vec![inp.loop_itemsize as isize] };
            ops[k] = (inp.shape.to_vec(), strides, inp.loop_itemsize, false);
        } else {
            trivial_ok = false;
            ops[k].3 = true;
        }
    }
    if trivial_ok {
        if let Some(zero) = trivial_loop_zero_strides(&ops) {
            return zero;
        }
    }
    let shapes: Vec<&[usize]> = ops.iter().map(|o| o.0.as_slice()).collect();
    let Ok(shape) = crate::layout::broadcast_shapes(&shapes) else { return vec![false; ops.len()] };
    let Ok(strides) = ops.iter().map(|o| broadcast_strides(&o.0, &o.1, &shape)).collect::<Result<Vec<_>>>() else {
        return vec![false; ops.len()];
    };
    let views: Vec<&[isize]> = strides.iter().map(|s| s.as_slice()).collect();
    let buffered: Vec<bool> = ops.iter().map(|o| o.3).collect();
    numpy_inner_stride_zero(&shape, &views, &buffered, bufsize)
}

/// try_trivial_single_output_loop: one loop call when every non-0-d operand has the same shape
/// and is 1-d or contiguous in one common order; then each operand's stride is its own (1-d),
/// the itemsize (N-d) or 0 (0-d). `None` when the operands do not qualify.
fn trivial_loop_zero_strides(ops: &[(Vec<usize>, Vec<isize>, usize, bool)]) -> Option<Vec<bool>> {
    use crate::layout::{is_c_contiguous, is_f_contiguous};
    let mut shape: Option<&[usize]> = None;
    let mut order: Option<bool> = None; // Some(true): C, Some(false): F
    let mut zero = Vec::with_capacity(ops.len());
    for (sh, st, itemsize, _) in ops {
        if sh.is_empty() {
            zero.push(true);
            continue;
        }
        match shape {
            None => shape = Some(sh),
            Some(s) if s != sh.as_slice() => return None,
            Some(_) => {}
        }
        if sh.len() == 1 {
            zero.push(st[0] == 0);
            continue;
        }
        let (c, f) = (is_c_contiguous(sh, st, *itemsize), is_f_contiguous(sh, st, *itemsize));
        match (c, f) {
            (false, false) => return None,
            (true, true) => {}
            (c, _) => match order {
                None => order = Some(c),
                Some(o) if o != c => return None,
                Some(_) => {}
            },
        }
        zero.push(false);
    }
    Some(zero)
}

/// Which operands NumPy's buffered ufunc iterator reads with stride 0 in every inner-loop call,
/// for operands already broadcast to `shape` (`strides[k]` per operand) of which `buffered[k]`
/// pass through a buffer (those that need a cast, a byte swap or alignment). An allocated output
/// never changes the answer and is left out.
///
/// This follows `npyiter_coalesce_axes` and `npyiter_find_buffering_setup` (a buffer of
/// `bufsize` elements, GROWINNER as ufuncs set it): axes in NumPy's order, innermost first,
/// coalesced; the core is grown outward while `(1 + buffered operands) / elements per buffer`
/// falls. An operand keeps stride 0 when its strides are zero across the chosen core (buffered or
/// not); otherwise it is read with its own stride or from the buffer.
///
/// ```
/// use strider::iter::numpy_inner_stride_zero;
/// // A 4x1000 float64 array with a per-row bound (4, 1): NumPy buffers four rows at once, so the
/// // bound is copied into the buffer and its inner stride is not 0.
/// let (x, lo) = ([8000isize, 8], [8isize, 0]);
/// assert_eq!(numpy_inner_stride_zero(&[4, 1000], &[&x, &lo], &[false, false], 8192), vec![false, false]);
/// // With rows longer than half the buffer, one row per inner loop: the bound stays stride 0.
/// let x = [8 * 5000isize, 8];
/// assert_eq!(numpy_inner_stride_zero(&[4, 5000], &[&x, &lo], &[false, false], 8192), vec![false, true]);
/// ```
pub fn numpy_inner_stride_zero(shape: &[usize], strides: &[&[isize]], buffered: &[bool], bufsize: usize) -> Vec<bool> {
    let nop = strides.len();
    let order = crate::layout::iter_order_multi(shape, strides);
    // Axes innermost first; a length-1 axis has stride 0 for every operand, as in NumPy.
    let mut dims: Vec<(usize, Vec<isize>)> = order
        .iter()
        .rev()
        .map(|&ax| (shape[ax], strides.iter().map(|s| if shape[ax] == 1 { 0 } else { s[ax] }).collect()))
        .collect();
    if dims.is_empty() {
        dims.push((1, vec![0; nop]));
    }
    // npyiter_coalesce_axes: merge an axis into the one inside it when every operand steps
    // through both as through one.
    let mut merged: Vec<(usize, Vec<isize>)> = vec![dims[0].clone()];
    for (n1, s1) in dims.into_iter().skip(1) {
        let (n0, s0) = merged.last_mut().expect("at least one axis");
        let joins =
            (0..nop).all(|k| (*n0 == 1 && s0[k] == 0) || (n1 == 1 && s1[k] == 0) || s0[k] * *n0 as isize == s1[k]);
        if joins {
            for k in 0..nop {
                if s0[k] == 0 {
                    s0[k] = s1[k];
                }
            }
            *n0 *= n1;
        } else {
            merged.push((n1, s1));
        }
    }
    // npyiter_find_buffering_setup without reductions.
    let mut cost = 1 + buffered.iter().filter(|&&b| b).count();
    let mut single = vec![1usize; nop];
    let mut size = merged[0].0;
    let (mut best_dim, mut best_cost, mut best_size) = (0usize, cost, size);
    for idim in 1..merged.len() {
        if size >= bufsize && cost > 1 {
            break;
        }
        let (prev_n, prev_s) = (merged[idim - 1].0, &merged[idim - 1].1);
        let s = &merged[idim].1;
        for k in 0..nop {
            if single[k] == idim {
                if prev_s[k] * prev_n as isize == s[k] {
                    single[k] += 1;
                    continue;
                }
                if !buffered[k] {
                    cost += 1;
                }
            }
        }
        size *= merged[idim].0;
        if size == 0 {
            break;
        }
        let room = if size > bufsize && cost > 1 { bufsize } else { size };
        if cost as f64 * best_size as f64 <= best_cost as f64 * room as f64 {
            (best_dim, best_cost, best_size) = (idim, cost, size);
        }
    }
    (0..nop).map(|k| merged[0].1[k] == 0 && single[k] > best_dim).collect()
}

/// A planned traversal of N operands over one shape: outer axes (outermost first) plus one inner
/// run axis, after sorting, flipping, dropping length-1 axes and coalescing.
///
/// A kernel is a closure over byte slices; for example a strided 1-operand sum of `u8` elements:
///
/// ```
/// use strider::iter::Plan;
/// let bytes = [1u8, 9, 2, 9, 3, 9];
/// let plan = Plan::new(&[3], &[(0, &[2])]).unwrap(); // every second byte
/// let mut total = 0u32;
/// plan.for_each_run(|len, offs, strides| {
///     for i in 0..len as isize {
///         total += bytes[(offs[0] as isize + i * strides[0]) as usize] as u32;
///     }
/// });
/// assert_eq!(total, 6);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Lengths of the remaining axes, outermost first; the last one is the inner run. Empty when
    /// there is nothing to visit.
    shape: Vec<usize>,
    /// Base byte offset of each operand (after flips).
    offsets: Vec<usize>,
    /// `strides[op][axis]`, axes in the same order as `shape`.
    strides: Vec<Vec<isize>>,
    /// Whether the traversal visits any element.
    empty: bool,
    /// Tile edge for the two innermost axes (0: plain row-by-row walk).
    tile: usize,
}

impl Plan {
    /// Plans a traversal of `shape` for operands given as `(byte offset, strides)`, each with
    /// `strides.len() == shape.len()` (broadcast first with [`broadcast_strides`]).
    ///
    /// Axes are sorted by operand 0's |stride| (descending, stable), axes where operand 0's stride
    /// is negative are walked backwards (every operand's offset moves to that axis' last element
    /// and its stride changes sign), length-1 axes are dropped, and neighbouring axes are merged
    /// when every operand steps across them evenly. The set of (operand-0 element, operand-k
    /// element) pairs visited is the same as a plain C-order walk; only the order differs.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// // Reversed 1-d destination: walked forwards from its lowest address.
    /// let p = Plan::new(&[4], &[(24, &[-8]), (0, &[8])]).unwrap();
    /// let mut runs = vec![];
    /// p.for_each_run(|n, o, s| runs.push((n, o.to_vec(), s.to_vec())));
    /// assert_eq!(runs, vec![(4, vec![0, 24], vec![8, -8])]);
    /// ```
    pub fn new(shape: &[usize], operands: &[(usize, &[isize])]) -> Result<Plan> {
        if operands.is_empty() {
            return Err(Error::Value("an iteration needs at least one operand".into()));
        }
        if operands.iter().any(|(_, s)| s.len() != shape.len()) {
            return Err(Error::Value("every operand needs one stride per axis of the iteration shape".into()));
        }
        let nop = operands.len();
        let mut offsets: Vec<isize> = operands.iter().map(|&(o, _)| o as isize).collect();
        if shape.contains(&0) {
            return Ok(Plan { shape: vec![], offsets: vec![0; nop], strides: vec![vec![]; nop], empty: true, tile: 0 });
        }
        let perm = crate::layout::sorted_stride_perm(operands[0].1);
        let mut axes_shape = Vec::with_capacity(shape.len());
        let mut strides: Vec<Vec<isize>> = vec![Vec::with_capacity(shape.len()); nop];
        for &ax in &perm {
            let n = shape[ax];
            if n == 1 {
                continue;
            }
            let flip = operands[0].1[ax] < 0;
            for (op, &(_, st)) in operands.iter().enumerate() {
                let s = st[ax];
                if flip {
                    offsets[op] += (n as isize - 1) * s;
                    strides[op].push(-s);
                } else {
                    strides[op].push(s);
                }
            }
            axes_shape.push(n);
        }
        // Coalesce: merge axis k (outer) into k+1 (inner) when stride_outer == stride_inner * n_inner
        // for every operand.
        let mut k = 0;
        while k + 1 < axes_shape.len() {
            let n_in = axes_shape[k + 1] as isize;
            if strides.iter().all(|s| s[k] == s[k + 1] * n_in) {
                axes_shape[k + 1] *= axes_shape[k];
                axes_shape.remove(k);
                for s in strides.iter_mut() {
                    s.remove(k);
                }
            } else {
                k += 1;
            }
        }
        if axes_shape.is_empty() {
            axes_shape.push(1);
            for s in strides.iter_mut() {
                s.push(0);
            }
        }
        let offsets = offsets
            .into_iter()
            .map(|o| usize::try_from(o).map_err(|_| Error::Value("operand layout reaches below its storage".into())))
            .collect::<Result<Vec<_>>>()?;
        Ok(Plan { shape: axes_shape, offsets, strides, empty: false, tile: 0 })
    }

    /// Number of operands.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// assert_eq!(Plan::new(&[2], &[(0, &[8])]).unwrap().nop(), 1);
    /// ```
    pub fn nop(&self) -> usize {
        self.offsets.len()
    }

    /// The axes left after simplification, outermost first (the last is the inner run); empty
    /// when nothing is visited.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// // A C-contiguous 2x3x4 array coalesces to one run of 24.
    /// assert_eq!(Plan::new(&[2, 3, 4], &[(0, &[96, 32, 8])]).unwrap().shape(), &[24]);
    /// ```
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Calls `f(len, offsets, strides)` for every inner run: `offsets[op]` is the byte offset of
    /// the run's first element in operand `op`, `strides[op]` its byte step. Runs come in the
    /// plan's order; nothing is called for an empty traversal.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// // F-ordered 2x2 destination, C-ordered source: the walk follows the destination.
    /// let p = Plan::new(&[2, 2], &[(0, &[8, 16]), (0, &[16, 8])]).unwrap();
    /// let mut runs = vec![];
    /// p.for_each_run(|n, o, s| runs.push((n, o.to_vec(), s.to_vec())));
    /// assert_eq!(runs, vec![(2, vec![0, 0], vec![8, 16]), (2, vec![16, 8], vec![8, 16])]);
    /// ```
    pub fn for_each_run(&self, mut f: impl FnMut(usize, &[usize], &[isize])) {
        if self.empty {
            return;
        }
        let nop = self.nop();
        let nd = self.shape.len();
        let inner = nd - 1;
        let len = self.shape[inner];
        let inner_strides: Vec<isize> = self.strides.iter().map(|s| s[inner]).collect();
        let mut cur: Vec<usize> = vec![0; nop];
        if self.tile == 0 {
            self.walk_outer(inner, |pos| {
                for (c, &p) in cur.iter_mut().zip(pos) {
                    *c = p as usize;
                }
                f(len, &cur, &inner_strides);
            });
            return;
        }
        // Tiles of the two innermost axes: for each tile, its rows (outer of the two) in order,
        // each a run of at most `tile` elements along the inner axis.
        let (t, mid) = (self.tile, nd - 2);
        let n_mid = self.shape[mid];
        let mid_strides: Vec<isize> = self.strides.iter().map(|s| s[mid]).collect();
        self.walk_outer(mid, |pos| {
            for r0 in (0..n_mid).step_by(t) {
                for c0 in (0..len).step_by(t) {
                    let run = t.min(len - c0);
                    for r in r0..(r0 + t).min(n_mid) {
                        for (op, c) in cur.iter_mut().enumerate() {
                            *c = (pos[op] + r as isize * mid_strides[op] + c0 as isize * inner_strides[op]) as usize;
                        }
                        f(run, &cur, &inner_strides);
                    }
                }
            }
        });
    }

    /// Calls `g(positions)` for every index of the first `depth` axes (an odometer, outermost
    /// first), with each operand's byte position there.
    fn walk_outer(&self, depth: usize, mut g: impl FnMut(&[isize])) {
        let mut pos: Vec<isize> = self.offsets.iter().map(|&o| o as isize).collect();
        let mut idx = vec![0usize; depth];
        loop {
            g(&pos);
            let mut k = depth;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                idx[k] += 1;
                for (op, p) in pos.iter_mut().enumerate() {
                    *p += self.strides[op][k];
                }
                if idx[k] < self.shape[k] {
                    break;
                }
                for (op, p) in pos.iter_mut().enumerate() {
                    *p -= self.strides[op][k] * self.shape[k] as isize;
                }
                idx[k] = 0;
            }
        }
    }

    /// This plan walking its two innermost axes in [`TILE`] x [`TILE`] tiles when some operand
    /// steps further along the inner axis than along the next one (its layout disagrees with
    /// operand 0's, as in a transposing copy or `c + f`); otherwise unchanged. The runs are the
    /// same elements in another order, each at most `TILE` long: use it only where the visiting
    /// order does not matter (element-wise kernels, copies).
    ///
    /// ```
    /// use strider::iter::Plan;
    /// // A 100x100 float64 transpose: C destination, F source.
    /// let p = Plan::new(&[100, 100], &[(0, &[800, 8]), (0, &[8, 800])]).unwrap().blocked();
    /// assert!(p.is_blocked());
    /// let mut longest = 0;
    /// p.for_each_run(|n, _, _| longest = longest.max(n));
    /// assert_eq!(longest, 64);
    /// // Agreeing layouts keep their long runs.
    /// assert!(!Plan::new(&[100, 100], &[(0, &[800, 8]), (0, &[800, 8])]).unwrap().blocked().is_blocked());
    /// ```
    pub fn blocked(mut self) -> Plan {
        let nd = self.shape.len();
        if self.empty || nd < 2 {
            return self;
        }
        let (inner, mid) = (nd - 1, nd - 2);
        let disagree =
            self.strides.iter().skip(1).any(|s| s[mid] != 0 && s[inner].unsigned_abs() > s[mid].unsigned_abs());
        if disagree {
            self.tile = TILE;
        }
        self
    }

    /// Whether [`Plan::blocked`] chose a tiled walk.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// assert!(!Plan::new(&[4], &[(0, &[8])]).unwrap().is_blocked());
    /// ```
    pub fn is_blocked(&self) -> bool {
        self.tile != 0
    }

    /// Number of element positions the traversal visits.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// assert_eq!(Plan::new(&[3, 5], &[(0, &[40, 8])]).unwrap().len(), 15);
    /// assert_eq!(Plan::new(&[3, 0], &[(0, &[0, 8])]).unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        if self.empty {
            0
        } else {
            self.shape.iter().product()
        }
    }

    /// Whether the traversal visits nothing.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// assert!(Plan::new(&[0], &[(0, &[8])]).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The byte range `[lo, hi)` operand `op` touches, for elements of `itemsize` bytes (`None`
    /// when nothing is visited).
    ///
    /// ```
    /// use strider::iter::Plan;
    /// let p = Plan::new(&[2, 3], &[(8, &[48, 16])]).unwrap();
    /// assert_eq!(p.extent(0, 8), Some((8, 96)));
    /// ```
    pub fn extent(&self, op: usize, itemsize: usize) -> Option<(usize, usize)> {
        if self.is_empty() {
            return None;
        }
        let (mut lo, mut hi) = (self.offsets[op] as isize, self.offsets[op] as isize);
        for (&n, &s) in self.shape.iter().zip(&self.strides[op]) {
            let reach = (n as isize - 1) * s;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((usize::try_from(lo).ok()?, hi as usize + itemsize))
    }

    /// Splits the traversal into at most `parts` plans over consecutive ranges of its outermost
    /// axis (whole tiles when that axis is tiled), which together visit exactly this plan's
    /// elements, in the same order within each part. Fewer parts come back when the axis is
    /// short; an empty plan gives none.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// let p = Plan::new(&[10], &[(0, &[8])]).unwrap();
    /// let parts = p.split(3);
    /// assert_eq!(parts.iter().map(|q| q.len()).collect::<Vec<_>>(), vec![4, 3, 3]);
    /// assert_eq!(parts[1].extent(0, 8), Some((32, 56)));
    /// ```
    pub fn split(&self, parts: usize) -> Vec<Plan> {
        if self.is_empty() || parts == 0 {
            return vec![];
        }
        let n = self.shape[0];
        // A tiled outer axis is cut at tile boundaries so no tile straddles two parts.
        let unit = if self.tile != 0 && self.shape.len() == 2 { self.tile } else { 1 };
        let units = n.div_ceil(unit);
        let k = parts.min(units).max(1);
        let mut out = Vec::with_capacity(k);
        let mut start = 0usize;
        for j in 0..k {
            let take = (units / k + usize::from(j < units % k)) * unit;
            let stop = (start + take).min(n);
            let mut p = self.clone();
            p.shape[0] = stop - start;
            for (o, s) in p.offsets.iter_mut().zip(&self.strides) {
                *o = (*o as isize + start as isize * s[0]) as usize;
            }
            out.push(p);
            start = stop;
        }
        out
    }

    /// Moves operand `op`'s base offset down by `by` bytes (for running a part on a sub-slice
    /// that starts `by` bytes into the operand's block). `by` must not exceed the offset of any
    /// element the operand visits.
    pub(crate) fn rebase(&mut self, op: usize, by: usize) {
        self.offsets[op] -= by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(p: &Plan) -> Vec<(usize, Vec<usize>, Vec<isize>)> {
        let mut v = vec![];
        p.for_each_run(|n, o, s| v.push((n, o.to_vec(), s.to_vec())));
        v
    }

    #[test]
    fn zero_d_is_one_run_of_one() {
        let p = Plan::new(&[], &[(16, &[]), (8, &[])]).unwrap();
        assert_eq!(runs(&p), vec![(1, vec![16, 8], vec![0, 0])]);
    }

    #[test]
    fn empty_visits_nothing() {
        let p = Plan::new(&[3, 0], &[(0, &[0, 0])]).unwrap();
        assert!(runs(&p).is_empty());
    }

    #[test]
    fn length_one_axes_dropped_and_coalesced() {
        let p = Plan::new(&[2, 1, 3], &[(0, &[24, 999, 8]), (0, &[24, 5, 8])]).unwrap();
        assert_eq!(runs(&p), vec![(6, vec![0, 0], vec![8, 8])]);
    }

    #[test]
    fn negative_strides_flip_for_every_operand() {
        // dst reversed along both axes of 2x2 int64 (offset 24).
        let p = Plan::new(&[2, 2], &[(24, &[-16, -8]), (0, &[16, 8])]).unwrap();
        assert_eq!(runs(&p), vec![(4, vec![0, 24], vec![8, -8])]);
    }

    #[test]
    fn visits_every_pair_once() {
        // Random-ish layouts: compare the multiset of (dst, src) offset pairs with a C walk.
        let shape = [3usize, 4, 2];
        let dst: [isize; 3] = [8, -48, 24];
        let src: [isize; 3] = [0, 16, -4];
        let (od, os) = (144usize, 8usize);
        let p = Plan::new(&shape, &[(od, &dst), (os, &src)]).unwrap();
        let mut got = vec![];
        p.for_each_run(|n, o, s| {
            for i in 0..n as isize {
                got.push((o[0] as isize + i * s[0], o[1] as isize + i * s[1]));
            }
        });
        let mut want = vec![];
        for i in 0..3isize {
            for j in 0..4isize {
                for k in 0..2isize {
                    want.push((
                        od as isize + i * dst[0] + j * dst[1] + k * dst[2],
                        os as isize + i * src[0] + j * src[1] + k * src[2],
                    ));
                }
            }
        }
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }
}

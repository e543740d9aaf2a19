//! The iteration engine: how the elements of one or more same-shaped (or broadcast) operands are
//! visited together.
//!
//! Owns the traversal plan, nothing else: operands are described by a byte offset and byte strides
//! over one shared shape (a broadcast operand has stride 0 on the broadcast axes). [`Plan::new`]
//! orders the axes by the first operand's |stride| (outermost largest), flips axes where that
//! operand's stride is negative (moving every operand's offset to the far end), drops length-1
//! axes and merges adjacent axes that every operand walks contiguously. [`Plan::for_each_run`]
//! then hands kernels 1-d runs `(offsets, len)` with fixed per-operand strides, so a kernel is a
//! plain loop (or one `copy_from_slice` when the run is dense). Which bytes a run touches is
//! decided here; what happens to them is the kernel's business.

/// A traversal of `N` operands over one shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan<const N: usize> {
    /// Axis lengths, outermost first, after reordering and coalescing.
    pub shape: Vec<usize>,
    /// Per axis, the byte stride of each operand.
    pub strides: Vec<[isize; N]>,
    /// Byte offset of the first visited element of each operand.
    pub offsets: [isize; N],
    /// Whether there is nothing to visit (some length is zero).
    pub empty: bool,
}

impl<const N: usize> Plan<N> {
    /// Plans a traversal of `shape`, where operand `k` starts at `offsets[k]` and has
    /// `strides[k]`. The first operand (usually the destination) decides the order.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// // A C-contiguous destination and a transposed source of shape (2, 3), 8-byte elements.
    /// let p = Plan::new(&[2, 3], [0, 0], [&[24, 8], &[8, 16]]);
    /// assert_eq!(p.shape, vec![2, 3]);
    /// // A reversed 1-d destination is walked forwards in memory.
    /// let p = Plan::new(&[4], [24, 0], [&[-8], &[8]]);
    /// assert_eq!((p.offsets, p.strides[0]), ([0, 24], [8, -8]));
    /// // Dense operands collapse to one run.
    /// let p = Plan::new(&[2, 3, 4], [0, 0], [&[96, 32, 8], &[96, 32, 8]]);
    /// assert_eq!(p.shape, vec![24]);
    /// ```
    pub fn new(shape: &[usize], offsets: [isize; N], strides: [&[isize]; N]) -> Plan<N> {
        let mut offsets = offsets;
        if shape.contains(&0) {
            return Plan { shape: vec![], strides: vec![], offsets, empty: true };
        }
        let mut axes: Vec<usize> = (0..shape.len()).filter(|&k| shape[k] != 1).collect();
        axes.sort_by_key(|&k| std::cmp::Reverse(strides[0][k].unsigned_abs()));
        let mut out_shape = Vec::with_capacity(axes.len());
        let mut out_strides: Vec<[isize; N]> = Vec::with_capacity(axes.len());
        for &k in &axes {
            let n = shape[k];
            let mut s: [isize; N] = std::array::from_fn(|op| strides[op][k]);
            if s[0] < 0 {
                for op in 0..N {
                    offsets[op] += (n as isize - 1) * s[op];
                    s[op] = -s[op];
                }
            }
            // Merge with the previous (outer) axis when every operand continues contiguously.
            if let (Some(prev_n), Some(prev_s)) = (out_shape.last_mut(), out_strides.last_mut()) {
                let prev_s: &mut [isize; N] = prev_s;
                if (0..N).all(|op| prev_s[op] == s[op] * n as isize) {
                    *prev_n *= n;
                    *prev_s = s;
                    continue;
                }
            }
            out_shape.push(n);
            out_strides.push(s);
        }
        Plan { shape: out_shape, strides: out_strides, offsets, empty: false }
    }

    /// Calls `run(offsets, len, strides)` for every innermost 1-d run, outer axes in C order.
    /// A 0-d traversal is one run of length 1.
    ///
    /// ```
    /// use strider::iter::Plan;
    /// let p = Plan::new(&[2, 2], [0], [&[16, 4]]);
    /// let mut seen = vec![];
    /// p.for_each_run(|off, len, s| seen.push((off[0], len, s[0])));
    /// assert_eq!(seen, vec![(0, 2, 4), (16, 2, 4)]);
    /// ```
    pub fn for_each_run(&self, mut run: impl FnMut([isize; N], usize, [isize; N])) {
        if self.empty {
            return;
        }
        let Some((&inner_len, outer)) = self.shape.split_last() else {
            run(self.offsets, 1, [0; N]);
            return;
        };
        let inner_strides = self.strides[outer.len()];
        let mut idx = vec![0usize; outer.len()];
        let mut pos = self.offsets;
        loop {
            run(pos, inner_len, inner_strides);
            let mut k = outer.len();
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                idx[k] += 1;
                for (op, p) in pos.iter_mut().enumerate() {
                    *p += self.strides[k][op];
                }
                if idx[k] < outer[k] {
                    break;
                }
                for (op, p) in pos.iter_mut().enumerate() {
                    *p -= self.strides[k][op] * outer[k] as isize;
                }
                idx[k] = 0;
            }
        }
    }
}

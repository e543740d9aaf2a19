//! Memory overlap: the bounded linear Diophantine problem behind `shares_memory`.
//!
//! Owns: deciding whether two strided layouts reach a common byte ([`solve_may_share`]),
//! whether one layout reaches a byte from two distinct indices ([`solve_internal_overlap`]), and
//! the solver both reduce to ([`solve_diophantine`]). Everything here is integers in, integers
//! out: a layout is a [`Span`] (address, shape, byte strides, itemsize), never an array.
//!
//! # The problem
//!
//! Two layouts share a byte when
//! `addr_a + Σ s_i·i_i + u = addr_b + Σ t_j·j_j + v` has a solution with every index inside its
//! axis and `0 ≤ u < itemsize_a`, `0 ≤ v < itemsize_b`. Replacing each index of a negative stride
//! by its mirror (`n−1−i`) and moving one side over turns this into
//! `Σ a_k·x_k = b` with positive coefficients `a_k` and bounds `0 ≤ x_k ≤ ub_k`. Deciding that is
//! NP-hard in general, so the search carries a work budget (`max_work`) and may answer
//! [`Overlap::TooHard`]; NumPy's API maps that to an error (exact query) or to "maybe"
//! (bounds-only query).
//!
//! # The search
//!
//! With the terms sorted by decreasing coefficient, let `G_j = gcd(a_0, …, a_j)`. All of
//! `a_0·x_0 + … + a_j·x_j` is a multiple of `G_j`, say `G_j·X_j`, and `X_j` is bounded by
//! `U_j = (G_{j−1}/G_j)·U_{j−1} + (a_j/G_j)·ub_j`. At level `v` the equation
//! `G_{v−1}·X + a_v·x_v = b` is a two-variable problem: with `g = G_v = γ·G_{v−1} + ε·a_v`, its
//! integer solutions are `X = γ·b/g + (a_v/g)·t`, `x_v = ε·b/g − (G_{v−1}/g)·t`, and the bounds on
//! `X` and `x_v` cut `t` to an interval. At level 1 any `t` in the interval is a solution; above it
//! every `t` (largest `x_v` first) fixes `x_v` and the search descends with `b − a_v·x_v`. Every
//! node that ends without a solution costs one unit of work; the budget is checked on entering a
//! node, so `max_work = k` allows `k` failed nodes. Intermediate products use 128-bit integers.

/// One strided layout: where element `[0, …, 0]` starts, the shape, the byte strides and the
/// element size. `address` may be any base (a real address, or an offset into one storage) as long
/// as two spans compared with each other use the same one.
///
/// ```
/// use strider::layout::overlap::Span;
/// let reversed = Span { address: 16, shape: &[3], strides: &[-8], itemsize: 8 };
/// assert_eq!(reversed.extent(), Some((0, 24)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    /// Address (or offset) of the first byte of element `[0, …, 0]`.
    pub address: usize,
    /// Length of each axis.
    pub shape: &'a [usize],
    /// Byte stride of each axis (same length as `shape`); may be negative or zero.
    pub strides: &'a [isize],
    /// Bytes per element.
    pub itemsize: usize,
}

impl Span<'_> {
    /// The byte range `[start, end)` the layout touches, or `None` when it has no elements (or
    /// no bytes, for a zero itemsize) or the range does not fit in 128-bit integers.
    ///
    /// ```
    /// use strider::layout::overlap::Span;
    /// let s = Span { address: 100, shape: &[2, 3], strides: &[24, 8], itemsize: 8 };
    /// assert_eq!(s.extent(), Some((100, 148)));
    /// assert_eq!(Span { address: 0, shape: &[0], strides: &[8], itemsize: 8 }.extent(), None);
    /// ```
    pub fn extent(&self) -> Option<(i128, i128)> {
        match self.extent_checked() {
            Ok(Some((lo, hi))) if lo < hi => Some((lo, hi)),
            _ => None,
        }
    }

    /// Like [`Span::extent`] but telling "no elements" (`Ok(None)`) from overflow (`Err`).
    fn extent_checked(&self) -> Result<Option<(i128, i128)>, ()> {
        if self.shape.contains(&0) {
            return Ok(None);
        }
        let mut lo = self.address as i128;
        let mut hi = self.address as i128;
        for (&n, &s) in self.shape.iter().zip(self.strides) {
            let span = (n as i128 - 1).checked_mul(s as i128).ok_or(())?;
            if span < 0 {
                lo = lo.checked_add(span).ok_or(())?;
            } else {
                hi = hi.checked_add(span).ok_or(())?;
            }
        }
        Ok(Some((lo, hi.checked_add(self.itemsize as i128).ok_or(())?)))
    }
}

/// The answer of the overlap solver. NumPy's API maps [`Overlap::No`] to `false`,
/// [`Overlap::Yes`] to `true`, and the other two to an error (`shares_memory`) or to `true`
/// (`may_share_memory`).
///
/// ```
/// use strider::layout::overlap::{solve_may_share, Overlap, Span};
/// let a = Span { address: 0, shape: &[4], strides: &[8], itemsize: 8 };
/// let b = Span { address: 8, shape: &[1], strides: &[8], itemsize: 8 };
/// assert_eq!(solve_may_share(&a, &b, -1), Overlap::Yes);
/// assert_eq!(solve_may_share(&a, &b, 0), Overlap::TooHard); // bounds only: cannot tell
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Overlap {
    /// Proven: no common byte (or no solution).
    No,
    /// Proven: a common byte exists (or a solution).
    Yes,
    /// The work budget ran out before an answer was found.
    TooHard,
    /// A quantity of the problem does not fit in 64-bit integers.
    Overflow,
}

/// One term `a·x` of `Σ a·x = b`, with `0 ≤ x ≤ ub`.
///
/// ```
/// use strider::layout::overlap::{solve_diophantine, Overlap, Term};
/// // 5·x with 0 ≤ x ≤ 2 reaches 0, 5 and 10.
/// let t = [Term { a: 5, ub: 2 }];
/// assert_eq!(solve_diophantine(&t, 10, -1), Overlap::Yes);
/// assert_eq!(solve_diophantine(&t, 15, -1), Overlap::No);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The coefficient `a` (positive in a well-formed problem).
    pub a: i64,
    /// The upper bound `ub` of the variable.
    pub ub: i64,
}

/// Whether two layouts reach a common byte, with a work budget: `max_work == 0` only compares the
/// byte ranges (answering [`Overlap::TooHard`] when they intersect), a negative `max_work` is
/// unlimited, a positive one bounds the number of search nodes.
///
/// ```
/// use strider::layout::overlap::{solve_may_share, Overlap, Span};
/// // x = arange(20, dtype=int64): x[::2] and x[1::2] interleave without sharing a byte.
/// let even = Span { address: 0, shape: &[10], strides: &[16], itemsize: 8 };
/// let odd = Span { address: 8, shape: &[10], strides: &[16], itemsize: 8 };
/// assert_eq!(solve_may_share(&even, &odd, -1), Overlap::No);
/// assert_eq!(solve_may_share(&even, &odd, 0), Overlap::TooHard);
/// assert_eq!(solve_may_share(&even, &even, -1), Overlap::Yes);
/// ```
pub fn solve_may_share(a: &Span<'_>, b: &Span<'_>, max_work: i64) -> Overlap {
    let (ea, eb) = match (a.extent_checked(), b.extent_checked()) {
        (Ok(ea), Ok(eb)) => (ea, eb),
        _ => return Overlap::Overflow,
    };
    let ((start_a, end_a), (start_b, end_b)) = match (ea, eb) {
        (Some(x), Some(y)) => (x, y),
        _ => return Overlap::No,
    };
    if !(start_a < end_b && start_b < end_a && start_a < end_a && start_b < end_b) {
        return Overlap::No;
    }
    if max_work == 0 {
        return Overlap::TooHard;
    }
    // Count A from its lowest byte up and B (mirrored) from its highest byte down.
    let rhs = (end_b - 1).checked_sub(start_a).zip((end_a - 1).checked_sub(start_b)).map(|(x, y)| x.min(y));
    let Some(Ok(rhs)) = rhs.map(i64::try_from) else { return Overlap::Overflow };
    let mut terms = Vec::with_capacity(a.shape.len() + b.shape.len() + 2);
    for span in [a, b] {
        if push_terms(span, true, &mut terms).is_err() {
            return Overlap::Overflow;
        }
    }
    match simplify(&mut terms, rhs) {
        Ok(()) => solve_diophantine(&terms, rhs, max_work),
        Err(()) => Overlap::Overflow,
    }
}

/// Whether one layout reaches some byte from two distinct indices (the layout overlaps itself,
/// like `as_strided` rows that share elements). C-contiguous layouts answer [`Overlap::No`] at
/// once; a zero stride on an axis longer than 1 answers [`Overlap::Yes`]. `max_work` bounds the
/// search nodes (negative: unlimited); there is no bounds-only shortcut, so `0` answers
/// [`Overlap::TooHard`] only when a search is needed.
///
/// ```
/// use strider::layout::overlap::{solve_internal_overlap, Overlap, Span};
/// // Rows of 4 int32 that start 8 bytes apart overlap; rows 16 bytes apart do not.
/// let windows = Span { address: 0, shape: &[3, 4], strides: &[8, 4], itemsize: 4 };
/// assert_eq!(solve_internal_overlap(&windows, -1), Overlap::Yes);
/// let reversed = Span { address: 32, shape: &[3, 4], strides: &[-16, 4], itemsize: 4 };
/// assert_eq!(solve_internal_overlap(&reversed, -1), Overlap::No);
/// ```
pub fn solve_internal_overlap(a: &Span<'_>, max_work: i64) -> Overlap {
    if c_contiguous(a.shape, a.strides, a.itemsize) {
        return Overlap::No;
    }
    let mut terms = Vec::with_capacity(a.shape.len() + 1);
    if push_terms(a, false, &mut terms).is_err() {
        return Overlap::Overflow;
    }
    let mut kept = Vec::with_capacity(terms.len());
    for t in terms {
        if t.ub == 0 {
            continue;
        } else if t.ub < 0 {
            return Overlap::No;
        } else if t.a == 0 {
            return Overlap::Yes;
        }
        kept.push(t);
    }
    // Two index vectors x, y with Σ a·x = Σ a·y are one vector z = x − y + ub in [0, 2·ub] with
    // Σ a·z = Σ a·ub; the distinct pairs are the solutions other than z = ub.
    for t in &mut kept {
        match t.ub.checked_mul(2) {
            Some(ub) => t.ub = ub,
            None => return Overlap::Overflow,
        }
    }
    kept.sort_by_key(|t| std::cmp::Reverse(t.a));
    let mut rhs: i64 = 0;
    for t in &kept {
        match t.a.checked_mul(t.ub / 2).and_then(|p| rhs.checked_add(p)) {
            Some(r) => rhs = r,
            None => return Overlap::Overflow,
        }
    }
    Solver::new(&kept, max_work, true).map_or(Overlap::Overflow, |mut s| s.solve(rhs as i128))
}

/// Solves `Σ a_k·x_k = rhs` with `0 ≤ x_k ≤ ub_k` by the gcd-chain search described in the module
/// docs. The terms are searched in the order given (callers sort them by decreasing coefficient);
/// a non-positive coefficient makes the problem ill-formed and the answer [`Overlap::No`].
///
/// ```
/// use strider::layout::overlap::{solve_diophantine, Overlap, Term};
/// let terms = [Term { a: 6, ub: 3 }, Term { a: 4, ub: 3 }];
/// assert_eq!(solve_diophantine(&terms, 14, -1), Overlap::Yes); // 6·1 + 4·2
/// assert_eq!(solve_diophantine(&terms, 15, -1), Overlap::No); // odd
/// assert_eq!(solve_diophantine(&terms, 31, -1), Overlap::No); // above 6·3 + 4·3
/// ```
pub fn solve_diophantine(terms: &[Term], rhs: i64, max_work: i64) -> Overlap {
    // Infeasible at a glance: decided before any bound is computed (so before any overflow).
    if rhs < 0 || terms.iter().any(|t| t.a <= 0 || t.ub < 0) {
        return Overlap::No;
    }
    Solver::new(terms, max_work, false).map_or(Overlap::Overflow, |mut s| s.solve(rhs as i128))
}

/// Turns one layout into terms: one `(|stride|, n−1)` per axis (with `skip_trivial`, only axes
/// longer than 1 with a non-zero stride), then `(1, itemsize−1)` when the itemsize exceeds 1.
fn push_terms(span: &Span<'_>, skip_trivial: bool, terms: &mut Vec<Term>) -> Result<(), ()> {
    for (&n, &s) in span.shape.iter().zip(span.strides) {
        if skip_trivial && (n <= 1 || s == 0) {
            continue;
        }
        let a = i64::try_from(s).ok().and_then(i64::checked_abs).ok_or(())?;
        let ub = if n == 0 { -1 } else { i64::try_from(n - 1).map_err(|_| ())? };
        terms.push(Term { a, ub });
    }
    if span.itemsize > 1 {
        terms.push(Term { a: 1, ub: i64::try_from(span.itemsize - 1).map_err(|_| ())? });
    }
    Ok(())
}

/// Sorts terms by decreasing coefficient, merges equal coefficients (adding their bounds), clips
/// each bound to `rhs / a` and drops terms whose bound becomes 0. Infeasible inputs (a negative
/// bound or right-hand side) are left for the solver to reject. `Err` on overflow.
fn simplify(terms: &mut Vec<Term>, rhs: i64) -> Result<(), ()> {
    if rhs < 0 || terms.iter().any(|t| t.ub < 0) {
        return Ok(());
    }
    terms.sort_by_key(|t| std::cmp::Reverse(t.a));
    let mut overflow = false;
    let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
    for &t in terms.iter() {
        match merged.last_mut() {
            Some(last) if last.a == t.a => {
                last.ub = last.ub.checked_add(t.ub).unwrap_or_else(|| {
                    overflow = true;
                    last.ub.wrapping_add(t.ub)
                })
            }
            _ => merged.push(t),
        }
    }
    merged.retain_mut(|t| {
        t.ub = t.ub.min(rhs / t.a);
        t.ub != 0
    });
    *terms = merged;
    if overflow {
        Err(())
    } else {
        Ok(())
    }
}

/// NumPy's C_CONTIGUOUS rule with checked products (an overflowing product cannot be matched by a
/// later stride).
fn c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expected = Some(itemsize as i128);
    for (&n, &s) in shape.iter().zip(strides).rev() {
        if n != 1 {
            if expected != Some(s as i128) {
                return false;
            }
            expected = expected.and_then(|e| e.checked_mul(n as i128));
        }
    }
    true
}

/// The depth-first search state.
struct Solver<'a> {
    terms: &'a [Term],
    /// `g[j] = gcd(a_0, …, a_j)`.
    g: Vec<i128>,
    /// `u[j]`: the bound of `X_j = (a_0·x_0 + … + a_j·x_j) / g[j]`.
    u: Vec<i128>,
    /// Bézout coefficients: `gamma[j]·g[j−1] + epsilon[j]·a_j = g[j]` (index 0 unused).
    gamma: Vec<i128>,
    epsilon: Vec<i128>,
    max_work: i64,
    count: i64,
    /// Internal-overlap mode: the solution `x = ub/2` does not count.
    nontrivial: bool,
    x: Vec<i128>,
}

impl<'a> Solver<'a> {
    /// Precomputes the gcd chain; `None` if a bound overflows 64 bits.
    fn new(terms: &'a [Term], max_work: i64, nontrivial: bool) -> Option<Solver<'a>> {
        let n = terms.len();
        let mut s = Solver {
            terms,
            g: Vec::with_capacity(n),
            u: Vec::with_capacity(n),
            gamma: vec![0; n],
            epsilon: vec![0; n],
            max_work,
            count: 0,
            nontrivial,
            x: vec![0; n],
        };
        if n < 2 || terms.iter().any(|t| t.ub < 0 || t.a <= 0) {
            return Some(s);
        }
        s.g.push(terms[0].a as i128);
        s.u.push(terms[0].ub as i128);
        for (j, t) in terms.iter().enumerate().skip(1) {
            let (prev_g, prev_u) = (s.g[j - 1], s.u[j - 1]);
            let (a, ub) = (t.a as i128, t.ub as i128);
            let (g, gamma, epsilon) = extended_gcd(prev_g, a);
            let bound = i64::try_from(prev_g / g)
                .ok()
                .and_then(|p| p.checked_mul(prev_u as i64))
                .zip(i64::try_from(a / g).ok().and_then(|q| q.checked_mul(ub as i64)))
                .and_then(|(l, r)| l.checked_add(r))?;
            s.g.push(g);
            s.u.push(bound as i128);
            s.gamma[j] = gamma;
            s.epsilon[j] = epsilon;
        }
        Some(s)
    }

    fn solve(&mut self, rhs: i128) -> Overlap {
        let terms = self.terms;
        if terms.iter().any(|t| t.a <= 0) || terms.iter().any(|t| t.ub < 0) || rhs < 0 {
            return Overlap::No;
        }
        match terms.len() {
            0 => yes_if(!self.nontrivial && rhs == 0),
            1 => {
                let (a, ub) = (terms[0].a as i128, terms[0].ub as i128);
                yes_if(!self.nontrivial && rhs % a == 0 && rhs / a <= ub)
            }
            n => self.dfs(n - 1, rhs),
        }
    }

    /// Searches `g[v−1]·X + a_v·x_v = b` (the terms above `v` already fixed). The budget is
    /// checked on entry; every node that ends without a solution costs one unit of work.
    fn dfs(&mut self, v: usize, b: i128) -> Overlap {
        if self.max_work >= 0 && self.count >= self.max_work {
            return Overlap::TooHard;
        }
        let r = self.dfs_node(v, b);
        if r == Overlap::No {
            self.count += 1;
        }
        r
    }

    fn dfs_node(&mut self, v: usize, b: i128) -> Overlap {
        let (a1, u1) = (self.g[v - 1], self.u[v - 1]);
        let (a2, u2) = (self.terms[v].a as i128, self.terms[v].ub as i128);
        let g = self.g[v];
        if b % g != 0 {
            return Overlap::No;
        }
        let c = b / g;
        let (c1, c2) = (a2 / g, a1 / g);
        let (x1, x2) = (self.gamma[v] * c, self.epsilon[v] * c);
        // 0 ≤ x1 + c1·t ≤ u1 and 0 ≤ x2 − c2·t ≤ u2.
        let t_lo = ceil_div(-x1, c1).max(ceil_div(x2 - u2, c2));
        let t_hi = floor_div(u1 - x1, c1).min(floor_div(x2, c2));
        if t_lo > t_hi {
            return Overlap::No;
        }
        if !fits_i64(t_lo) || !fits_i64(t_hi) {
            return Overlap::Overflow;
        }
        if v == 1 {
            let mut count = t_hi - t_lo + 1;
            if self.nontrivial && self.upper_trivial() {
                // The trivial solution x_0 = ub_0/2, x_1 = ub_1/2 is one t; it does not count.
                let half = self.terms[1].ub as i128 / 2;
                if (x2 - half) % c2 == 0 && (t_lo..=t_hi).contains(&((x2 - half) / c2)) {
                    count -= 1;
                }
            }
            return yes_if(count > 0);
        }
        for t in t_lo..=t_hi {
            let xv = x2 - c2 * t;
            self.x[v] = xv;
            // The remaining right-hand side must fit 64 bits, as the problem's own numbers do.
            let rest = b - a2 * xv;
            if !fits_i64(a2 * xv) || !fits_i64(rest) {
                return Overlap::Overflow;
            }
            let r = self.dfs(v - 1, rest);
            if r != Overlap::No {
                return r;
            }
        }
        Overlap::No
    }

    /// Whether every variable fixed above level 1 sits at its trivial value `ub/2`.
    fn upper_trivial(&self) -> bool {
        (2..self.terms.len()).all(|j| self.x[j] == self.terms[j].ub as i128 / 2)
    }
}

fn fits_i64(v: i128) -> bool {
    i64::try_from(v).is_ok()
}

fn yes_if(found: bool) -> Overlap {
    if found {
        Overlap::Yes
    } else {
        Overlap::No
    }
}

/// `(g, x, y)` with `g = gcd(a, b) = x·a + y·b`, for positive `a`, `b`.
fn extended_gcd(a: i128, b: i128) -> (i128, i128, i128) {
    let (mut r0, mut r1) = (a, b);
    let (mut s0, mut s1) = (1i128, 0i128);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (s0, s1) = (s1, s0 - q * s1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    (r0, s0, t0)
}

fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    -floor_div(-a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span<'a>(address: usize, shape: &'a [usize], strides: &'a [isize], itemsize: usize) -> Span<'a> {
        Span { address, shape, strides, itemsize }
    }

    #[test]
    fn byte_granular() {
        // y = zeros(4, int32); v8 = y.view(int8): y[1:2] is bytes 4..8.
        let y1 = span(4, &[1], &[4], 4);
        assert_eq!(solve_may_share(&y1, &span(7, &[1], &[1], 1), -1), Overlap::Yes);
        assert_eq!(solve_may_share(&y1, &span(8, &[1], &[1], 1), -1), Overlap::No);
    }

    #[test]
    fn work_budget() {
        // xx = arange(80).reshape(4, 20).astype(int8); xx[:, ::7] vs xx[:, 3::3].
        let a = span(0, &[4, 3], &[20, 7], 1);
        let b = span(3, &[4, 6], &[20, 3], 1);
        assert_eq!(solve_may_share(&a, &b, -1), Overlap::No);
        assert_eq!(solve_may_share(&a, &b, 1), Overlap::TooHard);
        assert_eq!(solve_may_share(&a, &a, 0), Overlap::TooHard);
    }

    #[test]
    fn overflow_never_panics() {
        let a = span(0, &[usize::MAX], &[isize::MIN], 8);
        assert_eq!(solve_may_share(&a, &a, -1), Overlap::Overflow);
        let b = span(0, &[3, 2], &[isize::MIN, isize::MAX], 8);
        assert_eq!(solve_may_share(&b, &b, -1), Overlap::Overflow);
        assert_eq!(solve_internal_overlap(&b, -1), Overlap::Overflow);
        let huge = [Term { a: i64::MAX, ub: i64::MAX }, Term { a: i64::MAX - 1, ub: i64::MAX }];
        assert_eq!(solve_diophantine(&huge, i64::MAX, 10), Overlap::Overflow);
        assert_eq!(solve_diophantine(&huge, -1, 10), Overlap::No);
    }

    #[test]
    fn internal() {
        assert_eq!(solve_internal_overlap(&span(0, &[3], &[0], 8), -1), Overlap::Yes);
        assert_eq!(solve_internal_overlap(&span(0, &[1, 3], &[0, 8], 8), -1), Overlap::No);
        assert_eq!(solve_internal_overlap(&span(0, &[2], &[4], 8), -1), Overlap::Yes);
        assert_eq!(solve_internal_overlap(&span(0, &[2], &[8], 8), -1), Overlap::No);
        assert_eq!(solve_internal_overlap(&span(0, &[0, 3], &[0, 0], 8), -1), Overlap::No);
    }

    #[test]
    fn euclid() {
        for (a, b) in [(12, 18), (7, 3), (1, 1), (20, 7)] {
            let (g, x, y) = extended_gcd(a, b);
            assert_eq!(x * a + y * b, g);
        }
        assert_eq!((floor_div(-7, 2), ceil_div(-7, 2), floor_div(7, 2), ceil_div(7, 2)), (-4, -3, 3, 4));
    }
}

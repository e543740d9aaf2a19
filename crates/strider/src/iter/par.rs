//! The parallel driver: runs one planned traversal on rayon's threads, each thread writing its
//! own disjoint piece of the destination (operand 0); and [`pieces`] / [`each`], through which
//! the library's parallel work runs so that the calling thread always starts at once.
//!
//! Owns only the splitting of a [`Plan`] and of the destination's locked byte block; kernels
//! stay single-threaded loops over byte slices, and the caller still takes each storage lock
//! once for the whole operation. The destination is carved with `split_at_mut` into the byte
//! ranges the parts touch, so no new `unsafe` is needed: a plan whose parts' byte ranges
//! interleave (possible for exotic non-contiguous destinations) simply runs on one thread.
//! Element-wise results do not depend on which thread computes an element, so a parallel run
//! is bit-identical to a serial one.
//!
//! ```
//! use strider::iter::{par, Plan};
//! let src: Vec<u8> = (0..=255).cycle().take(1 << 17).collect();
//! let mut dst = vec![0u8; src.len()];
//! let plan = Plan::new(&[src.len()], &[(0, &[1]), (0, &[1])]).unwrap();
//! let parts = par::for_parts(&plan, 1, &mut dst, |p, d| {
//!     p.for_each_run(|n, o, _| d[o[0]..o[0] + n].copy_from_slice(&src[o[1]..o[1] + n]));
//! });
//! assert!(!parts.is_empty());
//! assert_eq!(dst, src);
//! ```

use super::Plan;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Below this many elements an operation stays on the calling thread (thread hand-off costs
/// microseconds; 64 Ki elements take about that long).
///
/// ```
/// assert_eq!(strider::iter::par::PAR_MIN, 1 << 16);
/// ```
pub const PAR_MIN: usize = 1 << 16;

/// Parts per thread: a few more parts than threads even out a busy machine.
const PARTS_PER_THREAD: usize = 2;

/// Runs `f(i)` for every `i` in `0..n` and returns the results in order, on the calling thread
/// and rayon's threads together: each takes the next piece from a shared counter, and the
/// calling thread starts at once. Handing the whole job to the pool instead makes the caller
/// wait for a sleeping pool to wake before any work starts (35-400 us measured on the project's
/// virtual machine, where summing a million floats takes about 200 us). A piece's result does
/// not depend on the thread that computes it.
///
/// ```
/// let squares = strider::iter::par::pieces(5, |i| i * i);
/// assert_eq!(squares, vec![0, 1, 4, 9, 16]);
/// ```
pub fn pieces<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let helpers = rayon::current_num_threads().min(n).saturating_sub(1);
    if helpers == 0 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n {
            break;
        }
        let r = f(i);
        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
    };
    // A helper that starts after the pieces are gone returns at once. The scope still waits for
    // every helper to start, but the pool has usually woken by the time the caller is done.
    rayon::in_place_scope(|s| {
        for _ in 0..helpers {
            s.spawn(|_| work());
        }
        work();
    });
    slots
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).expect("each piece is claimed once and run"))
        .collect()
}

/// Runs `f` on every item as [`pieces`] runs its pieces (the calling thread starts at once) and
/// returns the results in the items' order. Items are moved in, so they may be disjoint `&mut`
/// parts of one buffer.
///
/// ```
/// let mut v = vec![0u32; 10];
/// let lens = strider::iter::par::each(v.chunks_mut(4).collect(), |c| {
///     c.fill(c.len() as u32);
///     c.len()
/// });
/// assert_eq!((lens, v), (vec![4, 4, 2], vec![4, 4, 4, 4, 4, 4, 4, 4, 2, 2]));
/// ```
pub fn each<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    // Each item waits in a slot for the thread that claims it.
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    pieces(slots.len(), |i| {
        let item = slots[i].lock().unwrap_or_else(|e| e.into_inner()).take();
        f(item.expect("each item is claimed once"))
    })
}

/// Runs `f(part, bytes)` for parts of `plan` covering all of it, where `bytes` is the part's own
/// sub-slice of `dst` (operand 0's block, elements of `itemsize` bytes) and the part's operand-0
/// offsets are relative to that sub-slice; other operands keep their offsets. Parts run on
/// rayon's threads when the plan has at least [`PAR_MIN`] elements, there is more than one
/// thread and the parts' destination byte ranges are disjoint; otherwise `f` runs once, on the
/// calling thread, with the whole plan and `dst`. Returns each call's result, in part order.
///
/// ```
/// use strider::iter::{par, Plan};
/// let mut dst = vec![0u8; 4];
/// let plan = Plan::new(&[4], &[(0, &[1])]).unwrap();
/// let r = par::for_parts(&plan, 1, &mut dst, |p, d| {
///     p.for_each_run(|n, o, _| d[o[0]..o[0] + n].fill(7));
///     p.len()
/// });
/// assert_eq!((r, dst), (vec![4], vec![7; 4])); // small: one part
/// ```
pub fn for_parts<R: Send>(
    plan: &Plan,
    itemsize: usize,
    dst: &mut [u8],
    f: impl Fn(&Plan, &mut [u8]) -> R + Sync,
) -> Vec<R> {
    let threads = rayon::current_num_threads();
    if plan.len() < PAR_MIN || threads < 2 {
        return vec![f(plan, dst)];
    }
    match carve(plan, itemsize, dst.len(), threads * PARTS_PER_THREAD) {
        Some(parts) => {
            let mut cut: Vec<(Plan, &mut [u8])> = Vec::with_capacity(parts.len());
            let mut rest = dst;
            let mut consumed = 0;
            for (p, lo, hi) in parts {
                let (_, tail) = std::mem::take(&mut rest).split_at_mut(lo - consumed);
                let (mine, tail) = tail.split_at_mut(hi - lo);
                rest = tail;
                consumed = hi;
                cut.push((p, mine));
            }
            each(cut, |(p, d)| f(&p, d))
        }
        None => vec![f(plan, dst)],
    }
}

/// The parts of `plan`, rebased onto their destination ranges `[lo, hi)`, in increasing address
/// order; `None` when there are fewer than two or their ranges overlap or leave `0..len`.
fn carve(plan: &Plan, itemsize: usize, len: usize, parts: usize) -> Option<Vec<(Plan, usize, usize)>> {
    let mut out: Vec<(Plan, usize, usize)> = Vec::new();
    for p in plan.split(parts) {
        let (lo, hi) = p.extent(0, itemsize)?;
        out.push((p, lo, hi));
    }
    if out.len() < 2 {
        return None;
    }
    out.sort_by_key(|&(_, lo, _)| lo);
    let disjoint = out.windows(2).all(|w| w[0].2 <= w[1].1);
    if !disjoint || out.last().is_some_and(|&(_, _, hi)| hi > len) {
        return None;
    }
    for (p, lo, _) in out.iter_mut() {
        p.rebase(0, *lo);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_run_each_index_once_in_order_also_nested() {
        let calls = AtomicUsize::new(0);
        let out = pieces(1000, |i| {
            calls.fetch_add(1, Ordering::Relaxed);
            2 * i
        });
        assert_eq!(out, (0..1000).map(|i| 2 * i).collect::<Vec<_>>());
        assert_eq!(calls.load(Ordering::Relaxed), 1000);
        assert!(pieces(0, |i| i).is_empty());
        // Called again from the pool's threads (which then wait on their own helpers).
        let nested = pieces(6, |j| pieces(50, move |i| i + j).into_iter().sum::<usize>());
        assert_eq!(nested, (0..6).map(|j| (0..50).map(|i| i + j).sum::<usize>()).collect::<Vec<_>>());
        let inside = rayon::scope(|_| pieces(3, |i| i + 1));
        assert_eq!(inside, vec![1, 2, 3]);
    }

    #[test]
    fn interleaved_destination_stays_serial() {
        // Rows of 3 elements 16 bytes apart, rows 24 bytes apart: byte ranges interleave.
        let n = PAR_MIN;
        let plan = Plan::new(&[n, 3], &[(0, &[24, 16])]).unwrap();
        assert!(carve(&plan, 8, 24 * n + 64, 4).is_none());
    }

    #[test]
    fn parts_cover_disjoint_ranges() {
        // Padded rows (7 of 8 elements used) keep two axes; the parts are bands of rows.
        let plan = Plan::new(&[1000, 7], &[(8, &[64, 8])]).unwrap();
        let parts = carve(&plan, 8, 8 + 64 * 1000, 4).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts.iter().map(|p| p.0.len()).sum::<usize>(), 7000);
        assert!(parts.windows(2).all(|w| w[0].2 <= w[1].1));
        assert_eq!((parts[0].1, parts[0].2), (8, 8 + 64 * 249 + 56));
        // The last row ends at byte 8 + 64 * 999 + 56 = 64000: one byte less and it reaches past.
        assert!(carve(&plan, 8, 64 * 1000, 4).is_some());
        assert!(carve(&plan, 8, 64 * 1000 - 1, 4).is_none());
    }
}

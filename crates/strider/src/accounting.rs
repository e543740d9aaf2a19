//! Copy and allocation accounting (beyond NumPy).
//!
//! Owns: process-wide counters of the bytes Strider allocates and the bytes it copies between
//! arrays, and the thread-local *no-copy scope* in which an operation that would copy element data
//! fails with [`Error::CopyNeeded`](crate::Error::CopyNeeded) instead. It does not decide what
//! copies: storage reports allocations, the copy paths report copies.
//!
//! The counters are relaxed atomics: cheap enough to leave on (one atomic add per allocation or
//! per copy operation, never per element), exact once the threads that did the work are joined.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

static BYTES_ALLOCATED: AtomicU64 = AtomicU64::new(0);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES_COPIED: AtomicU64 = AtomicU64::new(0);
static COPIES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static NO_COPY_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// A snapshot of the counters.
///
/// ```
/// use strider::{accounting, DType, NdArray, Order};
/// let a = NdArray::zeros(&[100], DType::FLOAT64, Order::C).unwrap();
/// let before = accounting::counters();
/// let _c = a.copy(Order::C).unwrap();
/// let used = accounting::counters() - before;
/// assert!(used.bytes_copied >= 800 && used.copies >= 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Bytes of array storage Strider allocated.
    pub bytes_allocated: u64,
    /// Number of storage allocations.
    pub allocations: u64,
    /// Bytes of element data copied from one array into another (copies, casts, assignments).
    pub bytes_copied: u64,
    /// Number of copy operations.
    pub copies: u64,
}

impl std::ops::Sub for Counters {
    type Output = Counters;
    fn sub(self, o: Counters) -> Counters {
        Counters {
            bytes_allocated: self.bytes_allocated.wrapping_sub(o.bytes_allocated),
            allocations: self.allocations.wrapping_sub(o.allocations),
            bytes_copied: self.bytes_copied.wrapping_sub(o.bytes_copied),
            copies: self.copies.wrapping_sub(o.copies),
        }
    }
}

/// The counters now. Subtract two snapshots to measure a piece of code.
///
/// ```
/// use strider::{accounting, DType, NdArray, Order};
/// let before = accounting::counters();
/// let _a = NdArray::zeros(&[1000], DType::FLOAT64, Order::C).unwrap();
/// let used = accounting::counters() - before;
/// assert!(used.bytes_allocated >= 8000); // other threads may allocate too
/// ```
pub fn counters() -> Counters {
    Counters {
        bytes_allocated: BYTES_ALLOCATED.load(Ordering::Relaxed),
        allocations: ALLOCATIONS.load(Ordering::Relaxed),
        bytes_copied: BYTES_COPIED.load(Ordering::Relaxed),
        copies: COPIES.load(Ordering::Relaxed),
    }
}

/// Sets every counter to zero.
///
/// ```
/// strider::accounting::reset();
/// ```
pub fn reset() {
    BYTES_ALLOCATED.store(0, Ordering::Relaxed);
    ALLOCATIONS.store(0, Ordering::Relaxed);
    BYTES_COPIED.store(0, Ordering::Relaxed);
    COPIES.store(0, Ordering::Relaxed);
}

pub(crate) fn record_allocation(bytes: usize) {
    BYTES_ALLOCATED.fetch_add(bytes as u64, Ordering::Relaxed);
    ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
}

/// Records a copy of `bytes` bytes of element data, or refuses it inside a no-copy scope.
#[allow(dead_code)] // called by the copy paths
pub(crate) fn record_copy(bytes: usize, what: &str) -> crate::Result<()> {
    if copies_forbidden() {
        return Err(crate::Error::CopyNeeded(format!("{what} would copy {bytes} bytes inside a no-copy scope")));
    }
    BYTES_COPIED.fetch_add(bytes as u64, Ordering::Relaxed);
    COPIES.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

/// Whether this thread is inside a [`no_copy`] scope.
///
/// ```
/// assert!(!strider::accounting::copies_forbidden());
/// strider::accounting::no_copy(|| assert!(strider::accounting::copies_forbidden()));
/// ```
pub fn copies_forbidden() -> bool {
    NO_COPY_DEPTH.with(|d| d.get() > 0)
}

/// Runs `f` with copies forbidden on this thread: any Strider operation that would copy element
/// data returns [`Error::CopyNeeded`](crate::Error::CopyNeeded). Views still work. Scopes nest.
///
/// ```
/// use strider::{accounting, DType, NdArray, Order};
/// let a = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::C).unwrap();
/// accounting::no_copy(|| {
///     assert!(a.transpose(None).is_ok());        // a view
///     assert!(a.copy(Order::C).is_err());        // would copy
/// });
/// ```
pub fn no_copy<R>(f: impl FnOnce() -> R) -> R {
    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            NO_COPY_DEPTH.with(|d| d.set(d.get() - 1));
        }
    }
    NO_COPY_DEPTH.with(|d| d.set(d.get() + 1));
    let _g = Guard;
    f()
}

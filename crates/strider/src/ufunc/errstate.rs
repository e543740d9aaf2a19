//! Floating-point error policy (NumPy's `np.errstate` / `np.seterr`) and the flags loops raise.
//!
//! Policies are per thread, like NumPy's (which are per context). Loops raise flags with
//! [`flag`]; after an operation the engine takes the flags and applies the policy once, so the
//! cost inside a loop is one thread-local write on the rare error path.

use crate::{Error, Result};
use std::cell::{Cell, RefCell};

/// What to do when a floating-point error happens (NumPy's `'ignore'`, `'warn'`, `'raise'`,
/// `'print'`).
///
/// ```
/// use strider::ufunc::ErrPolicy;
/// assert_ne!(ErrPolicy::Warn, ErrPolicy::Raise);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrPolicy {
    /// Do nothing.
    Ignore,
    /// Record a `RuntimeWarning` in this thread's warning log ([`take_warnings`]).
    Warn,
    /// Fail the operation with a `FloatingPointError`.
    Raise,
    /// Write the warning to standard error.
    Print,
}

/// The policy for each kind of floating-point error. The default is NumPy's:
/// divide, overflow and invalid warn; underflow is ignored.
///
/// ```
/// use strider::ufunc::{ErrPolicy, ErrState};
/// let d = ErrState::default();
/// assert_eq!((d.divide, d.under), (ErrPolicy::Warn, ErrPolicy::Ignore));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrState {
    /// Division by zero (also integer division and `log(0)`).
    pub divide: ErrPolicy,
    /// A result too large to represent.
    pub over: ErrPolicy,
    /// A result too small to represent normally.
    pub under: ErrPolicy,
    /// An invalid operation (`0/0`, `sqrt(-1)`, `inf - inf`).
    pub invalid: ErrPolicy,
}

impl Default for ErrState {
    fn default() -> Self {
        ErrState { divide: ErrPolicy::Warn, over: ErrPolicy::Warn, under: ErrPolicy::Ignore, invalid: ErrPolicy::Warn }
    }
}

impl ErrState {
    /// The same policy for all four kinds (NumPy's `np.errstate(all=...)`).
    ///
    /// ```
    /// use strider::ufunc::{ErrPolicy, ErrState};
    /// assert_eq!(ErrState::all(ErrPolicy::Raise).under, ErrPolicy::Raise);
    /// ```
    pub fn all(p: ErrPolicy) -> ErrState {
        ErrState { divide: p, over: p, under: p, invalid: p }
    }
}

/// A floating-point error kind, as raised by a loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flag {
    Divide = 1,
    Overflow = 2,
    Underflow = 4,
    Invalid = 8,
}

thread_local! {
    static STATE: Cell<ErrState> = Cell::new(ErrState::default());
    static FLAGS: Cell<u8> = const { Cell::new(0) };
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Raises a flag from inside a loop.
#[inline]
pub(crate) fn flag(f: Flag) {
    FLAGS.with(|c| c.set(c.get() | f as u8));
}

/// Takes (and clears) the flags raised so far on this thread.
pub(crate) fn take_flags() -> u8 {
    FLAGS.with(|c| c.replace(0))
}

/// This thread's policy (NumPy's `np.geterr()`).
///
/// ```
/// assert_eq!(strider::ufunc::geterr(), strider::ufunc::ErrState::default());
/// ```
pub fn geterr() -> ErrState {
    STATE.with(|s| s.get())
}

/// Sets this thread's policy and returns the old one (NumPy's `np.seterr`).
///
/// ```
/// use strider::ufunc::{seterr, ErrPolicy, ErrState};
/// let old = seterr(ErrState::all(ErrPolicy::Ignore));
/// seterr(old);
/// ```
pub fn seterr(state: ErrState) -> ErrState {
    STATE.with(|s| s.replace(state))
}

/// Runs `f` under `state`, restoring the previous policy afterwards, even if `f` panics
/// (NumPy's `with np.errstate(...)`).
///
/// ```
/// use strider::ufunc::{errstate, ErrPolicy, ErrState};
/// use strider::NdArray;
/// let a = NdArray::from_vec(vec![1.0f64, 0.0], &[2], strider::Order::C).unwrap();
/// let r = errstate(ErrState::all(ErrPolicy::Raise), || strider::ufunc::divide(&a, 0.0));
/// assert_eq!(r.unwrap_err().to_string(), "divide by zero encountered in divide");
/// ```
pub fn errstate<R>(state: ErrState, f: impl FnOnce() -> R) -> R {
    struct Restore(ErrState);
    impl Drop for Restore {
        fn drop(&mut self) {
            seterr(self.0);
        }
    }
    let _restore = Restore(seterr(state));
    f()
}

/// Takes the `RuntimeWarning`s recorded on this thread under [`ErrPolicy::Warn`], oldest first.
///
/// ```
/// use strider::NdArray;
/// let _ = strider::ufunc::take_warnings();
/// let a = NdArray::from_vec(vec![-1.0f64], &[1], strider::Order::C).unwrap();
/// strider::ufunc::sqrt(&a).unwrap();
/// assert_eq!(strider::ufunc::take_warnings(), vec!["RuntimeWarning: invalid value encountered in sqrt"]);
/// ```
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Records a `RuntimeWarning` that NumPy emits with Python's `warnings.warn` (the texts of its
/// reductions, such as "Mean of empty slice"), whatever the floating-point policy.
pub(crate) fn warn(msg: &str) {
    WARNINGS.with(|w| w.borrow_mut().push(format!("RuntimeWarning: {msg}")));
}

/// Applies the policy to `flags` raised by ufunc `name`.
pub(crate) fn report(flags: u8, name: &str) -> Result<()> {
    if flags == 0 {
        return Ok(());
    }
    let st = geterr();
    for (bit, what, policy) in [
        (Flag::Divide, "divide by zero", st.divide),
        (Flag::Overflow, "overflow", st.over),
        (Flag::Underflow, "underflow", st.under),
        (Flag::Invalid, "invalid value", st.invalid),
    ] {
        if flags & bit as u8 == 0 {
            continue;
        }
        let msg = format!("{what} encountered in {name}");
        match policy {
            ErrPolicy::Ignore => {}
            ErrPolicy::Warn => WARNINGS.with(|w| w.borrow_mut().push(format!("RuntimeWarning: {msg}"))),
            ErrPolicy::Print => eprintln!("RuntimeWarning: {msg}"),
            ErrPolicy::Raise => return Err(Error::FloatingPoint(msg)),
        }
    }
    Ok(())
}

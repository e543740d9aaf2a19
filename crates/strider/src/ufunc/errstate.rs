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
    /// How many [`hold_cast_flags`] scopes are open, and the cast flags they hold.
    static HOLD_DEPTH: Cell<u32> = const { Cell::new(0) };
    static HELD: Cell<u8> = const { Cell::new(0) };
}

/// Reports the flags a cast raised, as NumPy names them ("overflow encountered in cast"), or,
/// inside a [`hold_cast_flags`] scope, keeps them for the operation that opened it: NumPy checks
/// the floating-point status once per ufunc or reduction, so a cast into `out=` or into the
/// loop's dtype is reported under that operation's name.
pub(crate) fn cast_flags(flags: u8) -> Result<()> {
    if flags == 0 {
        return Ok(());
    }
    if HOLD_DEPTH.with(Cell::get) > 0 {
        HELD.with(|h| h.set(h.get() | flags));
        return Ok(());
    }
    report(flags, "cast")
}

/// Runs `f` with the flags of the casts inside it held back, and returns them with its result.
/// Scopes nest; each returns only what was raised while it was the innermost.
pub(crate) fn hold_cast_flags<R>(f: impl FnOnce() -> R) -> (R, u8) {
    struct Close(u8);
    impl Drop for Close {
        fn drop(&mut self) {
            HOLD_DEPTH.with(|d| d.set(d.get() - 1));
            HELD.with(|h| h.set(self.0));
        }
    }
    let outer = HELD.with(|h| h.replace(0));
    HOLD_DEPTH.with(|d| d.set(d.get() + 1));
    let close = Close(outer);
    let r = f();
    let mine = take_held();
    drop(close);
    (r, mine)
}

/// Runs `f` outside every [`hold_cast_flags`] scope, so its casts report as "cast" at once:
/// the copies NumPy makes before an operation's loop starts are its own casts.
pub(crate) fn release<R>(f: impl FnOnce() -> R) -> R {
    struct Reopen(u32);
    impl Drop for Reopen {
        fn drop(&mut self) {
            HOLD_DEPTH.with(|d| d.set(self.0));
        }
    }
    let _reopen = Reopen(HOLD_DEPTH.with(|d| d.replace(0)));
    f()
}

/// Takes the cast flags held so far in the innermost [`hold_cast_flags`] scope.
pub(crate) fn take_held() -> u8 {
    HELD.with(|h| h.replace(0))
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

/// Takes the warnings recorded on this thread, oldest first: the `RuntimeWarning`s of
/// floating-point errors under [`ErrPolicy::Warn`] and those NumPy always emits (such as
/// `ComplexWarning` for a complex-to-real cast). The log keeps at most [`WARNING_LOG_CAP`].
///
/// ```
/// use strider::NdArray;
/// let _ = strider::ufunc::take_warnings();
/// let a = NdArray::from_vec(vec![-1.0f64], &[1], strider::Order::C).unwrap();
/// strider::ufunc::sqrt(&a).unwrap();
/// assert_eq!(strider::ufunc::take_warnings(), vec!["RuntimeWarning: invalid value encountered in sqrt"]);
/// // Casts and reductions report as NumPy's do.
/// let b = NdArray::from_vec(vec![f64::NAN, 1e308, 1e308], &[3], strider::Order::C).unwrap();
/// b.astype(&strider::DType::INT32, strider::Casting::Unsafe).unwrap();
/// b.index("1:").unwrap().sum(None, false).unwrap();
/// assert_eq!(strider::ufunc::take_warnings(), vec![
///     "RuntimeWarning: invalid value encountered in cast",
///     "RuntimeWarning: overflow encountered in reduce",
/// ]);
/// ```
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Records a `RuntimeWarning` that NumPy emits with Python's `warnings.warn` (the texts of its
/// reductions, such as "Mean of empty slice"), whatever the floating-point policy.
pub(crate) fn warn(msg: &str) {
    warn_as("RuntimeWarning", msg);
}

/// The most warnings the log keeps; later ones are dropped until [`take_warnings`] empties it,
/// so a program that never reads the log does not grow it without end.
pub const WARNING_LOG_CAP: usize = 4096;

/// Records a warning of Python category `category` (`ComplexWarning`, `RuntimeWarning`).
pub(crate) fn warn_as(category: &str, msg: &str) {
    WARNINGS.with(|w| {
        let mut w = w.borrow_mut();
        if w.len() < WARNING_LOG_CAP {
            w.push(format!("{category}: {msg}"));
        }
    });
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
            ErrPolicy::Warn => warn_as("RuntimeWarning", &msg),
            ErrPolicy::Print => eprintln!("RuntimeWarning: {msg}"),
            ErrPolicy::Raise => return Err(Error::FloatingPoint(msg)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_stops_at_its_cap_until_taken() {
        let _ = take_warnings();
        for _ in 0..WARNING_LOG_CAP + 10 {
            warn("x");
        }
        assert_eq!(take_warnings().len(), WARNING_LOG_CAP);
        warn("y");
        assert_eq!(take_warnings(), vec!["RuntimeWarning: y"]);
    }

    #[test]
    fn held_cast_flags_go_to_the_innermost_scope_and_release_reports_at_once() {
        let _ = take_warnings();
        let (_, outer) = hold_cast_flags(|| {
            cast_flags(Flag::Overflow as u8).unwrap();
            let (_, inner) = hold_cast_flags(|| cast_flags(Flag::Invalid as u8).unwrap());
            assert_eq!(inner, Flag::Invalid as u8);
            release(|| cast_flags(Flag::Invalid as u8).unwrap());
        });
        assert_eq!(outer, Flag::Overflow as u8);
        assert_eq!(take_warnings(), vec!["RuntimeWarning: invalid value encountered in cast"]);
        assert_eq!(HOLD_DEPTH.with(Cell::get), 0);
    }
}

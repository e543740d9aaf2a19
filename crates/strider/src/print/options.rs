//! Print options: NumPy's `set_printoptions` / `get_printoptions` / `printoptions`.
//!
//! Owns: [`PrintOptions`] and where the options in force come from. There is one process-wide
//! set ([`set_printoptions`], [`get_printoptions`]) and a per-thread override installed for the
//! length of a closure ([`with_printoptions`], like NumPy's `with np.printoptions(...)`).
//!
//! Supported NumPy options: `precision`, `threshold`, `edgeitems`, `linewidth`, `suppress`,
//! `nanstr`, `infstr`, `sign`, `floatmode`. Not supported: `formatter` (custom per-type
//! callbacks), `legacy` (always off, i.e. NumPy 2.x output) and `override_repr`.

use std::cell::RefCell;
use std::sync::RwLock;

/// How many fractional digits floats get (NumPy's `floatmode`).
///
/// ```
/// use strider::print::{array_str, FloatMode, PrintOptions};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 1.0 / 3.0], &[2], Order::C).unwrap();
/// let with = |floatmode| array_str(&a, &PrintOptions { precision: 4, floatmode, ..PrintOptions::default() });
/// assert_eq!(with(FloatMode::MaxPrec), "[0.5    0.3333]");
/// assert_eq!(with(FloatMode::Fixed), "[0.5000 0.3333]");
/// assert_eq!(with(FloatMode::Unique), "[0.5                0.3333333333333333]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatMode {
    /// `'fixed'`: always exactly `precision` fractional digits.
    Fixed,
    /// `'unique'`: the shortest digits that identify each value; `precision` is ignored.
    Unique,
    /// `'maxprec'` (the default): shortest digits, but at most `precision` fractional digits.
    MaxPrec,
    /// `'maxprec_equal'`: like `MaxPrec`, then every element gets as many digits as the longest.
    MaxPrecEqual,
}

/// Sign handling for positive numbers (NumPy's `sign`).
///
/// ```
/// use strider::print::{array_str, PrintOptions, Sign};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.5f64, 2.0], &[2], Order::C).unwrap();
/// let with = |sign| array_str(&a, &PrintOptions { sign, ..PrintOptions::default() });
/// assert_eq!(with(Sign::Minus), "[1.5 2. ]");
/// assert_eq!(with(Sign::Plus), "[+1.5 +2. ]");
/// assert_eq!(with(Sign::Space), "[ 1.5  2. ]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sign {
    /// `'-'` (the default): only negative values get a sign.
    Minus,
    /// `'+'`: positive values get `+`.
    Plus,
    /// `' '`: positive values get a space where the sign would go.
    Space,
}

/// NumPy's print options. [`Default`] gives NumPy's defaults.
///
/// ```
/// use strider::print::{PrintOptions, FloatMode, Sign};
/// let o = PrintOptions::default();
/// assert_eq!((o.precision, o.threshold, o.edgeitems, o.linewidth), (8, 1000, 3, 75));
/// assert!(!o.suppress);
/// assert_eq!((o.nanstr.as_str(), o.infstr.as_str()), ("nan", "inf"));
/// assert_eq!((o.sign, o.floatmode), (Sign::Minus, FloatMode::MaxPrec));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PrintOptions {
    /// Fractional digits of floats (8). Values above 16000 act as 16000 (NumPy raises an error
    /// for them instead).
    pub precision: usize,
    /// Arrays with more elements than this are summarised (1000).
    pub threshold: usize,
    /// Entries kept at each end of a summarised axis (3).
    pub edgeitems: usize,
    /// Characters per line before wrapping (75).
    pub linewidth: usize,
    /// Print tiny floats as zero in positional notation instead of switching to scientific
    /// notation (false).
    pub suppress: bool,
    /// Text for NaN (`nan`).
    pub nanstr: String,
    /// Text for infinity (`inf`).
    pub infstr: String,
    /// Sign of positive numbers (`'-'`).
    pub sign: Sign,
    /// Float digits mode (`'maxprec'`).
    pub floatmode: FloatMode,
}

impl Default for PrintOptions {
    fn default() -> PrintOptions {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: String::from("nan"),
            infstr: String::from("inf"),
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
        }
    }
}

static GLOBAL: RwLock<Option<PrintOptions>> = RwLock::new(None);

thread_local! {
    static SCOPED: RefCell<Vec<PrintOptions>> = const { RefCell::new(Vec::new()) };
}

/// Sets the process-wide print options (NumPy's `np.set_printoptions`, given every option).
/// Threads inside a [`with_printoptions`] closure keep using their override until it returns.
///
/// ```
/// use strider::print::{get_printoptions, set_printoptions, PrintOptions};
/// let old = get_printoptions();
/// set_printoptions(PrintOptions { precision: 3, ..old.clone() });
/// assert_eq!(get_printoptions().precision, 3);
/// set_printoptions(old);
/// ```
pub fn set_printoptions(options: PrintOptions) {
    let mut g = GLOBAL.write().unwrap_or_else(|e| e.into_inner());
    *g = Some(options);
}

/// The options in force on this thread: the innermost [`with_printoptions`] override, or else
/// the process-wide options (NumPy's `np.get_printoptions`).
///
/// ```
/// use strider::print::{get_printoptions, with_printoptions, PrintOptions};
/// let five = PrintOptions { precision: 5, ..PrintOptions::default() };
/// with_printoptions(five, || assert_eq!(get_printoptions().precision, 5));
/// ```
pub fn get_printoptions() -> PrintOptions {
    if let Some(o) = SCOPED.with(|s| s.borrow().last().cloned()) {
        return o;
    }
    let g = GLOBAL.read().unwrap_or_else(|e| e.into_inner());
    g.clone().unwrap_or_default()
}

/// Runs `f` with `options` in force on this thread (NumPy's `with np.printoptions(...)`); the
/// previous options come back afterwards, even if `f` panics.
///
/// ```
/// use strider::print::{with_printoptions, PrintOptions};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64 / 3.0], &[1], Order::C).unwrap();
/// let three = PrintOptions { precision: 3, ..PrintOptions::default() };
/// assert_eq!(with_printoptions(three, || format!("{a:?}")), "array([0.333])");
/// assert_eq!(format!("{a:?}"), "array([0.33333333])");
/// ```
pub fn with_printoptions<R>(options: PrintOptions, f: impl FnOnce() -> R) -> R {
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            SCOPED.with(|s| {
                s.borrow_mut().pop();
            });
        }
    }
    SCOPED.with(|s| s.borrow_mut().push(options));
    let _pop = Pop;
    f()
}

//! Universal functions: element-wise operations with broadcasting, NumPy 2 type promotion
//! (NEP 50), `out` arrays, overlap safety and floating-point error policy.
//!
//! Owns: [`Ufunc`] (a name, the loop types NumPy has for it, and one monomorphised executor per
//! loop type), type resolution, the weak-scalar rule, the call engine, and the std operators on
//! arrays (`ops`). The traversal is [`crate::iter::Plan`]; element conversions are the cast
//! kernels of `astype`; element bytes are reached only under the storage locks (through
//! [`Storage::with_sources_and_dest`]). Nothing here changes layouts of existing arrays.
//!
//! A call resolves one loop type from the operands' dtypes (NumPy's linear search over the
//! ufunc's loops, after NEP 50 has given each Rust scalar its dtype), casts operands whose dtype
//! differs (a whole-array cast, counted by the accounting), allocates the output in the
//! iterator's order K (or writes into `out`, copying an input first only when the exact overlap
//! test says it shares bytes with `out` in another layout), runs the executor once over the
//! plan, and applies the floating-point error policy.
//!
//! ```
//! use strider::{NdArray, Order, DType};
//! let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT8).unwrap().reshape(&[2, 3]).unwrap();
//! let b = strider::ufunc::add(&a, 1).unwrap();          // a weak Rust integer keeps int8
//! assert_eq!(b.dtype(), &DType::INT8);
//! let c = (&a * 1.5).unwrap();                          // a weak float: float64
//! assert_eq!(c.to_vec::<f64>().unwrap(), vec![0.0, 1.5, 3.0, 4.5, 6.0, 7.5]);
//! let s = strider::ufunc::sqrt(&a).unwrap();            // int8 -> float16, as NumPy
//! assert_eq!(s.dtype(), &DType::FLOAT16);
//! ```

pub(crate) mod cmath;
mod cpow;
pub(crate) mod errstate;
mod extra;
pub(crate) mod fpcheck;
mod lanes;
mod math;
mod mixed;
mod ops;
mod promote;
mod table;
mod text;

pub use errstate::{errstate, geterr, seterr, take_warnings, ErrPolicy, ErrState, WARNING_LOG_CAP};
pub use extra::{allclose, array_equal, clip, isclose, where_};
pub use promote::{promote_num, promote_types, result_num, result_type, weak_scalar_type};
pub use table::*;

use crate::dtype::cast::{can_cast, Casting};
use crate::dtype::{DType, Kind, NumType};
use crate::iter::{broadcast_strides, Plan};
use crate::layout::{self, Order};
use crate::storage::Storage;
use crate::{Error, NdArray, Result, Scalar};
use lanes::Exec;

/// An operand of a ufunc: an array (strong: its dtype counts in promotion, whatever its ndim) or
/// a Rust number, which is *weak* like a Python scalar in NumPy 2 (NEP 50): it takes the other
/// operands' dtype when its kind allows (`uint8_array + 1` stays uint8) and must then fit in it.
///
/// ```
/// use strider::ufunc::Operand;
/// let w: Operand = 2.5.into();
/// assert!(matches!(w, Operand::Weak(strider::Scalar::F64(_))));
/// ```
#[derive(Clone, Debug)]
pub enum Operand {
    /// An array operand.
    Array(NdArray),
    /// A weak scalar (`Bool`, `I64`, `U64`, `F64` or `C128`).
    Weak(Scalar),
}

/// NumPy's refusal of a `dtype=` that names a byte order (or a time unit).
const NOT_NATIVE_SIGNATURE: &str =
    "The `dtype` and `signature` arguments to ufuncs only select the general DType and not \
     details such as the byte order or time unit. You can avoid this error by using the scalar types `np.float64` or \
     the dtype string notation.";

impl From<&NdArray> for Operand {
    fn from(a: &NdArray) -> Operand {
        Operand::Array(a.clone())
    }
}
impl From<NdArray> for Operand {
    fn from(a: NdArray) -> Operand {
        Operand::Array(a)
    }
}
impl From<&&NdArray> for Operand {
    fn from(a: &&NdArray) -> Operand {
        Operand::Array((*a).clone())
    }
}
macro_rules! weak_from {
    ($($t:ty => $v:ident as $c:ty),*) => {$(
        impl From<$t> for Operand {
            fn from(x: $t) -> Operand { Operand::Weak(Scalar::$v(x as $c)) }
        }
    )*};
}
weak_from!(i8 => I64 as i64, i16 => I64 as i64, i32 => I64 as i64, i64 => I64 as i64, isize => I64 as i64,
    u8 => I64 as i64, u16 => I64 as i64, u32 => I64 as i64, u64 => U64 as u64, usize => U64 as u64,
    f32 => F64 as f64, f64 => F64 as f64, bool => Bool as bool);
impl From<num_complex::Complex64> for Operand {
    fn from(z: num_complex::Complex64) -> Operand {
        Operand::Weak(Scalar::C128(z))
    }
}

/// Keyword arguments of a ufunc call (NumPy's `out=`, `dtype=`, `casting=`, `order=`).
///
/// ```
/// use strider::ufunc::UfuncOptions;
/// use strider::{Casting, Order};
/// let o = UfuncOptions::default();
/// assert_eq!((o.casting, o.order), (Casting::SameKind, Order::K));
/// ```
#[derive(Clone, Debug)]
pub struct UfuncOptions<'a> {
    /// Write the result here (it must have the broadcast shape and be writeable); the call
    /// returns a handle to it.
    pub out: Option<&'a NdArray>,
    /// The dtype of the loop (NumPy's `dtype=`): inputs are cast to it under `casting`.
    pub dtype: Option<DType>,
    /// How inputs may be cast to the loop and the loop's result to `out` (default same_kind).
    pub casting: Casting,
    /// Memory order of an allocated result (default K: follow the inputs).
    pub order: Order,
}

impl Default for UfuncOptions<'_> {
    fn default() -> Self {
        UfuncOptions { out: None, dtype: None, casting: Casting::SameKind, order: Order::K }
    }
}

impl<'a> UfuncOptions<'a> {
    /// These options writing into `out`.
    ///
    /// ```
    /// use strider::{ufunc, NdArray, DType, Order};
    /// let a = NdArray::ones(&[3], DType::FLOAT64, Order::C).unwrap();
    /// let out = NdArray::zeros(&[3], DType::FLOAT32, Order::C).unwrap();
    /// ufunc::ADD.call(&[(&a).into(), 2.0.into()], &ufunc::UfuncOptions::default().out(&out)).unwrap();
    /// assert_eq!(out.to_vec::<f32>().unwrap(), vec![3.0; 3]);
    /// ```
    pub fn out(mut self, out: &'a NdArray) -> Self {
        self.out = Some(out);
        self
    }

    /// These options with a loop dtype.
    ///
    /// ```
    /// use strider::{ufunc, NdArray, DType, Order};
    /// let a = NdArray::ones(&[2], DType::INT8, Order::C).unwrap();
    /// let r = ufunc::ADD.call(&[(&a).into(), (&a).into()], &ufunc::UfuncOptions::default().dtype(DType::FLOAT32)).unwrap();
    /// assert_eq!(r.dtype(), &DType::FLOAT32);
    /// ```
    pub fn dtype(mut self, dtype: DType) -> Self {
        self.dtype = Some(dtype);
        self
    }
}

/// What a loop writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OutKind {
    /// The loop type itself.
    Same,
    /// `bool` (comparisons, logic, classification).
    Bool,
    /// The real type of a complex loop (`absolute`).
    Real,
}

/// Which floating-point errors a ufunc's results are checked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fpe {
    /// Never raises (comparisons, min/max, rounding, sign...).
    None,
    /// Invalid and overflow from values (add, exp, sin...); underflow from tiny results.
    Values,
    /// As `Values`, and an infinite result from finite inputs at a pole (`x / 0`, `log(0)`) is a
    /// division by zero.
    Pole(Pole),
}

/// Where a function has a pole (an infinite result from finite inputs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pole {
    /// The second input is zero (division).
    Divisor,
    /// The input is zero (log, reciprocal).
    Zero,
    /// The input is -1 (log1p).
    MinusOne,
    /// The input is +-1 (arctanh).
    PlusMinusOne,
    /// The base is zero and the exponent negative (power).
    Power,
}

/// A universal function: NumPy's `np.ufunc` for the numeric dtypes.
///
/// ```
/// assert_eq!(strider::ufunc::HYPOT.name(), "hypot");
/// assert_eq!(strider::ufunc::HYPOT.nin(), 2);
/// ```
pub struct Ufunc {
    name: &'static str,
    nin: usize,
    /// Loop types in NumPy's search order (type-number order).
    loops: &'static [NumType],
    exec: fn(NumType) -> Option<Exec>,
    out: OutKind,
    fpe: Fpe,
}

impl std::fmt::Debug for Ufunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<ufunc '{}'>", self.name)
    }
}

impl Ufunc {
    /// NumPy's name for it.
    ///
    /// ```
    /// assert_eq!(strider::ufunc::DIVIDE.name(), "divide");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Number of inputs.
    ///
    /// ```
    /// assert_eq!(strider::ufunc::SQRT.nin(), 1);
    /// ```
    pub fn nin(&self) -> usize {
        self.nin
    }

    /// NumPy's `ufunc.types` for the numeric loops, e.g. `["ee->e", "ff->f", ...]` (int64 is `l`).
    ///
    /// ```
    /// assert_eq!(strider::ufunc::ARCTAN2.types(), vec!["ee->e", "ff->f", "dd->d"]);
    /// ```
    pub fn types(&self) -> Vec<String> {
        self.loops
            .iter()
            .map(|&t| {
                let c = DType::new(t).char_code();
                format!("{}->{}", c.to_string().repeat(self.nin), DType::new(self.out_type(t)).char_code())
            })
            .collect()
    }

    fn out_type(&self, t: NumType) -> NumType {
        match self.out {
            OutKind::Same => t,
            OutKind::Bool => NumType::Bool,
            OutKind::Real => t.real_type(),
        }
    }

    fn is_comparison(&self) -> bool {
        matches!(self.name, "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal")
    }

    /// Applies the ufunc to its inputs with NumPy's defaults (NumPy's `ufunc(*inputs)`).
    ///
    /// ```
    /// use strider::{ufunc, NdArray, Order};
    /// let a = NdArray::from_vec(vec![1i32, 2, 3], &[3], Order::C).unwrap();
    /// let r = ufunc::MAXIMUM.apply(&[(&a).into(), 2.into()]).unwrap();
    /// assert_eq!(r.to_vec::<i32>().unwrap(), vec![2, 2, 3]);
    /// ```
    pub fn apply(&self, inputs: &[Operand]) -> Result<NdArray> {
        self.call(inputs, &UfuncOptions::default())
    }

    /// Applies the ufunc with keyword arguments (`out`, `dtype`, `casting`, `order`).
    ///
    /// ```
    /// use strider::{ufunc, NdArray, DType, Order};
    /// let a = NdArray::from_vec(vec![1i32, 2], &[2], Order::C).unwrap();
    /// let e = ufunc::ADD.call(&[(&a).into(), 1.5.into()], &ufunc::UfuncOptions::default().out(&a)).unwrap_err();
    /// assert_eq!(e.to_string(),
    ///     "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
    /// ```
    pub fn call(&self, inputs: &[Operand], opts: &UfuncOptions) -> Result<NdArray> {
        if inputs.len() != self.nin {
            return Err(Error::Type(format!(
                "{} takes {} positional argument{} but {} were given",
                self.name,
                self.nin,
                if self.nin == 1 { "" } else { "s" },
                inputs.len()
            )));
        }
        // NumPy reads the signature before it looks at the operands.
        if opts.dtype.as_ref().is_some_and(|d| !d.is_native()) {
            return Err(Error::Type(NOT_NATIVE_SIGNATURE.into()));
        }
        if let Some(r) = text::call(self, inputs, opts) {
            return r;
        }
        if let Some(r) = self.datetime_call(inputs, opts) {
            // NumPy names a Python scalar's own DType class when no loop fits.
            if let Err(Error::UFuncType(m)) = &r {
                if m.contains("(<class 'numpy.dtypes.") && inputs.iter().any(|op| matches!(op, Operand::Weak(_))) {
                    return Err(text::no_class_loop(self.name, inputs));
                }
            }
            return r;
        }
        // NumPy's logical ufuncs take any Python scalar by its truth value.
        let logical: Vec<Operand>;
        let inputs = if matches!(self.name, "logical_and" | "logical_or" | "logical_xor") {
            logical = inputs
                .iter()
                .map(|op| match op {
                    Operand::Weak(s) => Operand::Weak(s.cast(NumType::Bool)),
                    a => a.clone(),
                })
                .collect();
            &logical[..]
        } else {
            inputs
        };
        if self.is_comparison() && opts.dtype.as_ref().is_none_or(|d| d == &DType::BOOL) {
            if let Some(signed) = mixed::signed_unsigned_pair(inputs) {
                return self.mixed_compare(inputs, signed, opts);
            }
        }
        let resolved = self.resolve(inputs, opts)?;
        let lt = resolved.loop_type;
        let ot = self.out_type(lt);
        if let Some(r) = self.out_of_range_comparison(inputs, &resolved, opts)? {
            return Ok(r);
        }
        // Operands as arrays of the loop dtype (native).
        let ldt = DType::new(lt);
        let mut arrays = Vec::with_capacity(inputs.len());
        for op in inputs {
            arrays.push(match op {
                Operand::Array(a) if a.dtype() == &ldt => a.clone(),
                Operand::Array(a) => a.astype_with(&ldt, Order::K, Casting::Unsafe, true)?,
                Operand::Weak(s) => {
                    let v = s.cast_weak(lt)?;
                    NdArray::from_scalar(v)?
                }
            });
        }
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
        let shape = broadcast_all(&shapes, opts.out.map(|o| o.shape()))?;
        let odt = DType::new(ot);
        if let Some(o) = opts.out {
            self.check_out(o, &odt, opts.casting)?;
        }
        // NumPy finds a negative exponent in the inner loop: after every other check, and never
        // when there is nothing to compute.
        if self.name == "power" && lt.is_integer() && layout::size(&shape) > 0 && self.has_negative(&arrays[1])? {
            return Err(Error::Value("Integers to negative integer powers are not allowed.".into()));
        }
        let exec = (self.exec)(lt).ok_or_else(|| self.no_loop_error(&[]))?;
        // The layout of an allocated result follows the operands as given, not their cast copies.
        let originals: Vec<NdArray> = inputs
            .iter()
            .zip(&arrays)
            .map(|(op, a)| match op {
                Operand::Array(o) => o.clone(),
                Operand::Weak(_) => a.clone(),
            })
            .collect();
        let strides = output_strides(&originals, &ldt, &shape, odt.itemsize(), opts.order)?;
        if let Some(o) = opts.out.filter(|o| o.size() > 0 && o.may_have_internal_overlap()) {
            // Several elements of `out` share bytes: which value survives depends on the order
            // of the writes, so compute aside and write in the order NumPy's iterator would.
            let fresh_opts = UfuncOptions { out: None, ..opts.clone() };
            let (seen, single_loop) = numpy_loop_operands(&originals, &ldt, o, &odt)?;
            let fresh = run(self, exec, &arrays, &shape, odt, strides, &fresh_opts)?;
            write_in_iteration_order(o, &fresh, &seen, single_loop)?;
            return Ok(o.clone());
        }
        run(self, exec, &arrays, &shape, odt, strides, opts)
    }

    /// `out` must be writeable and take the loop's output type under `casting`.
    fn check_out(&self, o: &NdArray, odt: &DType, casting: Casting) -> Result<()> {
        o.check_writeable()?;
        if !can_cast(odt, o.dtype(), casting) {
            return Err(Error::UFuncType(format!(
                "Cannot cast ufunc '{}' output from {odt:?} to {:?} with casting rule '{}'",
                self.name,
                o.dtype(),
                casting.name()
            )));
        }
        Ok(())
    }

    /// datetime64/timedelta64 operands: arithmetic and comparisons go to [`crate::datetime`],
    /// which has NumPy's unit rules (and reports overflow instead of wrapping).
    fn datetime_call(&self, inputs: &[Operand], opts: &UfuncOptions) -> Option<Result<NdArray>> {
        use crate::datetime::{self as dt, Cmp};
        let is_time = |op: &Operand| matches!(op, Operand::Array(a) if matches!(a.dtype().kind(), crate::DTypeKind::DateTime(_) | crate::DTypeKind::TimeDelta(_)));
        if !inputs.iter().any(is_time) {
            return None;
        }
        let arrays: Result<Vec<NdArray>> = inputs
            .iter()
            .map(|op| match op {
                Operand::Array(a) => Ok(a.clone()),
                Operand::Weak(s) => NdArray::from_scalar(*s),
            })
            .collect();
        let run = || -> Result<NdArray> {
            let a = arrays?;
            let r = match (self.name, a.as_slice()) {
                ("add", [x, y]) => dt::add(x, y),
                ("subtract", [x, y]) => dt::subtract(x, y),
                ("multiply", [x, y]) => dt::multiply(x, y),
                ("divide", [x, y]) => dt::divide(x, y),
                ("floor_divide", [x, y]) => dt::floor_divide(x, y),
                ("remainder", [x, y]) => dt::remainder(x, y),
                ("equal", [x, y]) => dt::compare(x, y, Cmp::Eq),
                ("not_equal", [x, y]) => dt::compare(x, y, Cmp::Ne),
                ("less", [x, y]) => dt::compare(x, y, Cmp::Lt),
                ("less_equal", [x, y]) => dt::compare(x, y, Cmp::Le),
                ("greater", [x, y]) => dt::compare(x, y, Cmp::Gt),
                ("greater_equal", [x, y]) => dt::compare(x, y, Cmp::Ge),
                ("minimum" | "maximum" | "fmin" | "fmax", [x, y]) => dt::extremum(self.name, x, y),
                ("logical_and" | "logical_or" | "logical_xor", [x, y]) => {
                    // NumPy's logical ufuncs read any input by its truth (a time by being nonzero, text
                    // by being non-empty).
                    let truth = |a: &NdArray| {
                        if a.dtype().num_type().is_none() {
                            a.astype(&DType::BOOL, Casting::Unsafe)
                        } else {
                            Ok(a.clone())
                        }
                    };
                    let r = self.apply(&[truth(x)?.into(), truth(y)?.into()])?;
                    let b = DType::BOOL;
                    relaid(&a, &|_| &b, r)
                }
                (name, [x]) => dt::unary(name, x).unwrap_or_else(|| Err(self.no_loop_error(inputs))),
                _ => Err(self.no_loop_error(inputs)),
            }?;
            match opts.out {
                Some(o) => {
                    o.assign(&r)?;
                    Ok(o.clone())
                }
                None => Ok(r),
            }
        };
        Some(run())
    }

    /// NEP 50 and NumPy's loop search: the loop type and each weak scalar's dtype.
    fn resolve(&self, inputs: &[Operand], opts: &UfuncOptions) -> Result<Resolved> {
        let mut strong_types = Vec::with_capacity(inputs.len());
        for op in inputs {
            if let Operand::Array(a) = op {
                strong_types.push(a.dtype().num_type().ok_or_else(|| self.no_loop_error(inputs))?);
            }
        }
        let strong = (!strong_types.is_empty()).then(|| promote::result_num(&strong_types));
        let mut types = Vec::with_capacity(inputs.len());
        for op in inputs {
            types.push(match op {
                Operand::Array(a) => a.dtype().num_type().unwrap_or(NumType::Bool),
                Operand::Weak(s) => weak_scalar_type(s, strong),
            });
        }
        // With `dtype=`, the loop it names decides (a bool loop for `-` is refused there).
        if let Some(dt) = &opts.dtype {
            return self.resolve_with_dtype(inputs, &types, dt, opts.casting);
        }
        self.special_type_errors(&types)?;
        // NumPy's logical ufuncs compare truth values: operands of different dtypes meet in bool.
        // A Python scalar counts as another dtype there, whatever the array's.
        if matches!(self.name, "logical_and" | "logical_or" | "logical_xor")
            && (types.windows(2).any(|w| w[0] != w[1]) || inputs.iter().any(|op| matches!(op, Operand::Weak(_))))
        {
            return Ok(Resolved { loop_type: NumType::Bool });
        }
        // True division of integers uses the double loop (NumPy's true-division resolver).
        if self.name == "divide" && types.iter().all(|t| matches!(t.kind(), Kind::Bool | Kind::Int | Kind::UInt)) {
            return Ok(Resolved { loop_type: NumType::Float64 });
        }
        let lt = self
            .loops
            .iter()
            .copied()
            .find(|&l| types.iter().all(|&t| can_cast(&DType::new(t), &DType::new(l), Casting::Safe)))
            .ok_or_else(|| self.no_loop_error(inputs))?;
        Ok(Resolved { loop_type: lt })
    }

    /// `dtype=`: NumPy's signature `(None, ..., dtype)` fixes the loop's output type; the inputs
    /// must then cast to the loop under `casting`.
    fn resolve_with_dtype(
        &self,
        inputs: &[Operand],
        types: &[NumType],
        dt: &DType,
        casting: Casting,
    ) -> Result<Resolved> {
        if !dt.is_native() {
            return Err(Error::Type(NOT_NATIVE_SIGNATURE.into()));
        }
        let want = dt.num_type().ok_or_else(|| self.no_loop_error(inputs))?;
        // A bool loop for `-` is refused with NumPy's own message, whatever the inputs.
        if want == NumType::Bool && matches!(self.name, "subtract" | "negative") {
            self.special_type_errors(&vec![NumType::Bool; types.len()])?;
        }
        let candidates: Vec<NumType> = self.loops.iter().copied().filter(|&l| self.out_type(l) == want).collect();
        let no_loop = || {
            Error::Type(format!(
                "No loop matching the specified signature and casting was found for ufunc {}",
                self.name
            ))
        };
        let lt = candidates
            .iter()
            .copied()
            .find(|&l| types.iter().all(|&t| can_cast(&DType::new(t), &DType::new(l), Casting::Safe)))
            .or_else(|| candidates.first().copied())
            .ok_or_else(no_loop)?;
        for (k, (op, &t)) in inputs.iter().zip(types).enumerate() {
            let from = match op {
                Operand::Array(a) => a.dtype().clone(),
                Operand::Weak(_) => DType::new(t),
            };
            if !can_cast(&from, &DType::new(lt), casting) {
                return Err(Error::UFuncType(format!(
                    "Cannot cast ufunc '{}' input {k} from {from:?} to {:?} with casting rule '{}'",
                    self.name,
                    DType::new(lt),
                    casting.name()
                )));
            }
        }
        Ok(Resolved { loop_type: lt })
    }

    /// NumPy's dedicated messages for boolean `-` and unary `-`.
    fn special_type_errors(&self, types: &[NumType]) -> Result<()> {
        if types.iter().all(|&t| t == NumType::Bool) {
            match self.name {
                "subtract" => {
                    return Err(Error::Type(
                        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` \
                         operator, or the logical_xor function instead."
                            .into(),
                    ))
                }
                "negative" => {
                    return Err(Error::Type(
                        "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or \
                         the logical_not function instead."
                            .into(),
                    ))
                }
                "positive" | "sign" => {
                    return Err(Error::UFuncType(format!(
                        "ufunc '{}' did not contain a loop with signature matching types <class \
                         'numpy.dtypes.BoolDType'> -> None",
                        self.name
                    )))
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn no_loop_error(&self, _inputs: &[Operand]) -> Error {
        Error::Type(format!(
            "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any \
             supported types according to the casting rule ''safe''",
            self.name
        ))
    }

    /// Whether an integer exponent array holds a negative value.
    fn has_negative(&self, a: &NdArray) -> Result<bool> {
        if matches!(a.dtype().num_type().map(|t| t.kind()), Some(Kind::UInt) | Some(Kind::Bool)) {
            return Ok(false);
        }
        let neg = LESS.apply(&[a.into(), 0.into()])?;
        Ok(neg.to_vec::<bool>()?.into_iter().any(|b| b))
    }

    /// NumPy 2 compares an integer array with a Python integer outside its range by value
    /// (`uint8_array == 300` is all False, `uint8_array > -1` all True) instead of failing.
    fn out_of_range_comparison(
        &self,
        inputs: &[Operand],
        resolved: &Resolved,
        opts: &UfuncOptions,
    ) -> Result<Option<NdArray>> {
        if !self.is_comparison() {
            return Ok(None);
        }
        for (k, op) in inputs.iter().enumerate() {
            let Operand::Weak(s) = op else { continue };
            let t = resolved.loop_type;
            if !t.is_integer() || s.cast_weak(t).is_ok() {
                continue;
            }
            let Some((v, Operand::Array(arr))) = scalar_i128(s).zip(inputs.get(1 - k)) else { continue };
            // The scalar is beyond every element: the answer depends only on the direction.
            let above = v > 0;
            let scalar_is_right = k == 1;
            let res = match (self.name, above == scalar_is_right) {
                ("equal", _) => false,
                ("not_equal", _) => true,
                ("less" | "less_equal", b) => b,
                (_, b) => !b,
            };
            let shape = broadcast_all(&[arr.shape()], opts.out.map(|o| o.shape()))?;
            let strides = output_strides(std::slice::from_ref(arr), &DType::new(t), &shape, 1, opts.order)?;
            let out = NdArray::alloc_with_strides(DType::BOOL, shape, strides)?;
            out.fill(res)?;
            if let Some(o) = opts.out {
                o.assign(&out)?;
                return Ok(Some(o.clone()));
            }
            return Ok(Some(out));
        }
        Ok(None)
    }
}

fn scalar_i128(s: &Scalar) -> Option<i128> {
    match *s {
        Scalar::I64(v) => Some(v as i128),
        Scalar::U64(v) => Some(v as i128),
        _ => None,
    }
}

struct Resolved {
    loop_type: NumType,
}

/// The broadcast shape of the inputs (and of `out`, which must equal it).
pub(crate) fn broadcast_all(shapes: &[&[usize]], out: Option<&[usize]>) -> Result<Vec<usize>> {
    let mut all: Vec<&[usize]> = shapes.to_vec();
    if let Some(o) = out {
        all.push(o);
    }
    let msg = || {
        let mut s = String::from("operands could not be broadcast together with shapes ");
        for sh in &all {
            s.push_str(&layout::shape_str_compact(sh));
            s.push(' ');
        }
        Error::Value(s)
    };
    let shape = layout::broadcast_shapes(&all).map_err(|_| msg())?;
    if let Some(o) = out {
        let inner = layout::broadcast_shapes(shapes).map_err(|_| msg())?;
        if o != shape.as_slice() || inner.len() > o.len() {
            return Err(Error::Value(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                layout::shape_str_compact(o),
                layout::shape_str_compact(&shape)
            )));
        }
    }
    Ok(shape)
}

/// Allocates (or checks) the output, makes overlapping inputs safe, runs the executor and applies
/// the floating-point policy.
/// Strides of an allocated result, as NumPy chooses them: for a "trivial" operation (no
/// broadcasting but of 0-d operands, every other operand of the loop dtype and all C- or all
/// F-contiguous) NumPy's fast path allocates C or F; otherwise its iterator's order K, decided
/// by every operand's strides; forced orders C, F and A as asked.
pub(crate) fn output_strides(
    operands: &[NdArray],
    loop_dtype: &DType,
    shape: &[usize],
    itemsize: usize,
    order: Order,
) -> Result<Vec<isize>> {
    output_strides_each(operands, &|_| loop_dtype, shape, itemsize, order)
}

/// [`output_strides`] for a loop whose inputs have dtypes of their own (`loop_dtype(i)` for
/// input `i`), as datetime loops do (`M8[s] + m8[s]`).
pub(crate) fn output_strides_each<'a>(
    operands: &[NdArray],
    loop_dtype: &dyn Fn(usize) -> &'a DType,
    shape: &[usize],
    itemsize: usize,
    order: Order,
) -> Result<Vec<isize>> {
    let alloc = |o: Order| layout::alloc_strides(shape, itemsize, o);
    Ok(match order {
        Order::C => alloc(Order::C),
        Order::F => alloc(Order::F),
        // NumPy's fast path keeps the inputs' common order; its iterator (any cast, broadcast or
        // mixed layout) takes F whenever every operand is F-contiguous, even when also C-contiguous.
        Order::A => match trivial_order(operands, loop_dtype, shape) {
            Some(o) => alloc(o),
            None => alloc(if operands.iter().all(|a| a.flags().f_contiguous) { Order::F } else { Order::C }),
        },
        Order::K => {
            if let Some(o) = trivial_order(operands, loop_dtype, shape) {
                return Ok(alloc(o));
            }
            let strides: Vec<Vec<isize>> =
                operands.iter().map(|a| broadcast_strides(a.shape(), a.strides(), shape)).collect::<Result<_>>()?;
            let ops: Vec<&[isize]> = strides.iter().map(|s| s.as_slice()).collect();
            layout::strides_in_order(shape, &layout::iter_order_multi(shape, &ops), itemsize)
        }
    })
}

/// `res` moved into the layout NumPy's ufunc machinery gives an output over `operands`.
pub(crate) fn relaid<'a>(operands: &[NdArray], loops: &dyn Fn(usize) -> &'a DType, res: NdArray) -> Result<NdArray> {
    if res.ndim() < 2 {
        return Ok(res);
    }
    let strides = output_strides_each(operands, loops, res.shape(), res.itemsize(), Order::K)?;
    if strides == res.strides() {
        return Ok(res);
    }
    let out = NdArray::alloc_with_strides(res.dtype().clone(), res.shape().to_vec(), strides)?;
    out.assign(&res)?;
    Ok(out)
}

/// NumPy's trivial-loop test: the order of the fast path, or `None` when the iterator is used
/// (broadcasting, a cast, an unaligned operand or mixed layouts).
fn trivial_order<'a>(operands: &[NdArray], loop_dtype: &dyn Fn(usize) -> &'a DType, shape: &[usize]) -> Option<Order> {
    let mut order: Option<Order> = None;
    for (i, a) in operands.iter().enumerate().filter(|(_, a)| a.ndim() > 0) {
        // An unaligned operand sends NumPy to its iterator (a 0-d one is read as a scalar).
        if a.shape() != shape || a.dtype() != loop_dtype(i) || !a.flags().aligned {
            return None;
        }
        if a.ndim() == 1 {
            continue;
        }
        let (c, f) = (a.flags().c_contiguous, a.flags().f_contiguous);
        match order {
            None if c => order = Some(Order::C),
            None if f => order = Some(Order::F),
            Some(Order::C) if c => {}
            Some(Order::F) if f => {}
            _ => return None,
        }
    }
    Some(order.unwrap_or(Order::C))
}

/// The inputs as NumPy's ufunc machinery hands them on when `out` (of the call's shape) has
/// overlapping elements, and whether its single strided loop runs. Before trying that loop
/// NumPy replaces, in operand order, each input that is unaligned or not of the loop dtype by a
/// cast copy when it is 0-d or 1-d with at most 8192 (its buffer size) elements; the first input
/// that is neither stops the copying and rules the loop out, and so does an `out` that needs a
/// cast. The loop itself needs every input 0-d or of `out`'s shape, `out` 1-d (an n-d `out`
/// with overlapping elements is never contiguous) with a stride of 0 or at least its item size,
/// and no input sharing memory with `out`.
fn numpy_loop_operands(originals: &[NdArray], ldt: &DType, out: &NdArray, odt: &DType) -> Result<(Vec<NdArray>, bool)> {
    let mut ops = originals.to_vec();
    let mut single = true;
    for a in ops.iter_mut() {
        if a.flags().aligned && a.dtype() == ldt {
            continue;
        }
        if a.ndim() == 0 || (a.ndim() == 1 && a.shape()[0] <= 8192) {
            *a = a.astype_with(ldt, Order::C, Casting::Unsafe, false)?;
        } else {
            single = false;
            break;
        }
    }
    let mut apart = true;
    for a in &ops {
        apart &= !a.may_share_memory(out, Some(1))?;
    }
    let s = out.strides().first().copied().unwrap_or(0);
    single = single
        && apart
        && out.dtype() == odt
        && out.flags().aligned
        && out.ndim() == 1
        && (s == 0 || s >= out.itemsize() as isize)
        && ops.iter().all(|a| a.ndim() == 0 || a.shape() == out.shape());
    Ok((ops, single))
}

/// Writes `fresh` (the result, `out`'s shape) into `out`, whose elements overlap, element by
/// element in NumPy's iterator order over the operands and `out`, so the value left in each
/// shared byte is the one NumPy leaves: axes ordered as [`layout::iter_order_multi`], each walked
/// backwards where no operand steps forwards along it and one steps backwards. The values are
/// cast to `out`'s dtype as one run in that order, as NumPy's buffer casts them.
///
/// `single_loop`: NumPy runs one strided loop in index order instead (see
/// [`numpy_loop_operands`]), so nothing is reordered.
fn write_in_iteration_order(out: &NdArray, fresh: &NdArray, operands: &[NdArray], single_loop: bool) -> Result<()> {
    let shape = out.shape().to_vec();
    let mut ops: Vec<Vec<isize>> =
        operands.iter().map(|a| broadcast_strides(a.shape(), a.strides(), &shape)).collect::<Result<_>>()?;
    ops.push(out.strides().to_vec());
    let flip: Vec<bool> = (0..shape.len())
        .map(|ax| !single_loop && ops.iter().any(|s| s[ax] < 0) && ops.iter().all(|s| s[ax] <= 0))
        .collect();
    let views: Vec<&[isize]> = ops.iter().map(|s| s.as_slice()).collect();
    let perm = layout::iter_order_multi(&shape, &views);
    // (out byte offset, fresh byte offset) of every element, in iteration order.
    let mut visits = Vec::with_capacity(out.size());
    let mut idx = vec![0usize; shape.len()];
    'walk: loop {
        let (mut d, mut s) = (out.offset() as isize, fresh.offset() as isize);
        for ax in 0..shape.len() {
            let i = if flip[ax] { shape[ax] - 1 - idx[ax] } else { idx[ax] } as isize;
            d += i * out.strides()[ax];
            s += i * fresh.strides()[ax];
        }
        visits.push((d as usize, s as usize));
        // The last axis of `perm` moves fastest.
        for &ax in perm.iter().rev() {
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                continue 'walk;
            }
            idx[ax] = 0;
        }
        break;
    }
    let m = fresh.itemsize();
    let gathered: Vec<u8> =
        fresh.storage().with_read(|b| visits.iter().flat_map(|&(_, s)| b[s..s + m].to_vec()).collect());
    let run =
        NdArray::from_raw_parts(Storage::from_vec(gathered), fresh.dtype().clone(), &[visits.len()], &[m as isize], 0)?
            .astype_with(out.dtype(), Order::C, Casting::Unsafe, false)?;
    let n = out.itemsize();
    Storage::with_sources_and_dest(&[run.storage()], out.storage(), |srcs, dst| {
        let Some(src) = srcs[0] else { return };
        for (k, &(d, _)) in visits.iter().enumerate() {
            dst[d..d + n].copy_from_slice(&src[run.offset() + k * n..run.offset() + (k + 1) * n]);
        }
    })
}

fn run(
    uf: &Ufunc,
    exec: Exec,
    arrays: &[NdArray],
    shape: &[usize],
    odt: DType,
    alloc_strides: Vec<isize>,
    opts: &UfuncOptions,
) -> Result<NdArray> {
    let bstrides: Vec<Vec<isize>> =
        arrays.iter().map(|a| broadcast_strides(a.shape(), a.strides(), shape)).collect::<Result<_>>()?;
    // Where the loop writes: `out` itself when it has the loop's dtype, else a temporary.
    let direct = match opts.out {
        Some(o) => {
            uf.check_out(o, &odt, opts.casting)?;
            (o.dtype() == &odt).then(|| o.clone())
        }
        None => None,
    };
    let dest = match direct {
        Some(d) => d,
        None => {
            let strides = match opts.out {
                Some(o) => layout::strides_like(shape, o.strides(), o.itemsize(), odt.itemsize()),
                None => alloc_strides,
            };
            // The executor writes every element.
            NdArray::alloc_for_overwrite(odt.clone(), shape.to_vec(), strides)?
        }
    };
    // An input sharing bytes with the destination in another layout is read from a copy (NumPy's
    // result is always as if inputs were read before anything was written).
    let mut arrays = arrays.to_vec();
    let mut bstrides = bstrides;
    for k in 0..arrays.len() {
        let a = &arrays[k];
        if !a.same_storage(&dest) {
            continue;
        }
        let identical = a.offset() == dest.offset() && bstrides[k] == dest.strides();
        if !identical && a.shares_memory(&dest, None).unwrap_or(true) {
            let c = a.copy(Order::K)?;
            bstrides[k] = broadcast_strides(c.shape(), c.strides(), shape)?;
            arrays[k] = c;
        }
    }
    let mut operands: Vec<(usize, &[isize])> = vec![(dest.offset(), dest.strides())];
    for (a, s) in arrays.iter().zip(&bstrides) {
        operands.push((a.offset(), s));
    }
    let plan = Plan::new(shape, &operands)?.blocked();
    let storages: Vec<&Storage> = arrays.iter().map(|a| a.storage()).collect();
    errstate::take_flags();
    let part_flags = Storage::with_sources_and_dest(&storages, dest.storage(), |srcs, dst| {
        if srcs.iter().any(Option::is_none) {
            // An input read from the destination itself stays on this thread.
            exec(&plan, srcs, dst);
            return 0;
        }
        // Flags raised on worker threads travel back with each part.
        let parts = crate::iter::par::for_parts(&plan, odt.itemsize(), dst, |p, d| {
            exec(p, srcs, d);
            errstate::take_flags()
        });
        parts.into_iter().fold(0, |a, b| a | b)
    })?;
    let mut flags = errstate::take_flags() | part_flags;
    if uf.fpe != Fpe::None && odt.num_type().is_some_and(|t| !t.is_integer() && t != NumType::Bool) {
        flags |= fpcheck::check(uf.fpe, uf.name, &dest, &arrays, &bstrides, shape)?;
    }
    match opts.out {
        Some(o) if !o.same_storage(&dest) || o.offset() != dest.offset() || o.dtype() != dest.dtype() => {
            // The cast into `out` is part of the loop for NumPy: its flags carry the ufunc's name.
            let (r, cast) = errstate::hold_cast_flags(|| o.assign(&dest));
            r?;
            errstate::report(flags | cast, uf.name)?;
            Ok(o.clone())
        }
        Some(o) => {
            errstate::report(flags, uf.name)?;
            Ok(o.clone())
        }
        None => {
            errstate::report(flags, uf.name)?;
            Ok(dest)
        }
    }
}

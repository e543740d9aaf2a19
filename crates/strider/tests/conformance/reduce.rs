//! Conformance operations for reductions (sum, mean, var, min, argmax, cumsum, nan-variants).
//! See `conformance/gen_reduce.py` for the NumPy side of each operation.

#[allow(unused_imports)]
use super::{dtype, ints, number, opt_axes, order, uints, Out};
use serde_json::Value;
use strider::ufunc::{ErrPolicy, ErrState};
use strider::{Accumulation, ArgReduction, Error, NdArray, ReduceOptions, Reduction};

/// `axis` as NumPy takes it: null (all), an int, or a list (tuple).
fn axes(op: &Value) -> Option<Vec<isize>> {
    match op.get("axis") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(vec![n.as_i64().unwrap_or(0) as isize]),
        Some(v) => Some(ints(v)),
    }
}

fn one_axis(op: &Value) -> Option<isize> {
    op.get("axis").and_then(Value::as_i64).map(|a| a as isize)
}

/// The input an argument names (`out`, `where`), if the op has it.
fn input_arg<'a>(op: &Value, key: &str, inputs: &'a [NdArray]) -> strider::Result<Option<&'a NdArray>> {
    match op.get(key).and_then(Value::as_u64) {
        None => Ok(None),
        Some(k) => inputs.get(k as usize).map(Some).ok_or_else(|| Error::Value(format!("no input {k}"))),
    }
}

fn run(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> strider::Result<Out> {
    let a = cur.ok_or_else(|| Error::Value(format!("operation {name} needs an array")))?;
    let out_arr = input_arg(op, "out", inputs)?;
    let f = op["fn"].as_str().unwrap_or("");
    let keepdims = op.get("keepdims").and_then(Value::as_bool).unwrap_or(false);
    let dt = match op.get("dtype") {
        Some(v) if !v.is_null() => Some(dtype(v)?),
        _ => None,
    };
    let out = match name {
        "reduce" => {
            let mut o = ReduceOptions::new()
                .axes_opt(axes(op).as_deref())
                .keepdims(keepdims)
                .ddof(op.get("ddof").and_then(Value::as_i64).unwrap_or(0));
            if let Some(d) = dt {
                o = o.dtype(d);
            }
            if let Some(x) = out_arr {
                o = o.out(x);
            }
            if let Some(m) = input_arg(op, "where", inputs)? {
                o = o.where_(m);
            }
            match op.get("initial") {
                Some(Value::Number(n)) if n.is_i64() => o = o.initial(n.as_i64().unwrap_or(0)),
                Some(Value::Number(n)) => o = o.initial(n.as_f64().unwrap_or(0.0)),
                _ => {}
            }
            let r = f.parse::<Reduction>()?;
            strider::ufunc::errstate(state(op), || a.reduce(r, &o))?
        }
        "argreduce" => a.arg_reduce_with(f.parse::<ArgReduction>()?, one_axis(op), keepdims, out_arr)?,
        _ => {
            let acc = f.parse::<Accumulation>()?;
            strider::ufunc::errstate(state(op), || a.accumulate_with(acc, one_axis(op), dt.as_ref(), out_arr))?
        }
    };
    Ok(Out::Array(out))
}

/// The error policy a case ran under: the generator wraps each reduction in
/// `np.errstate(all=op.get("errstate", "warn"))`.
fn state(op: &Value) -> ErrState {
    match op.get("errstate").and_then(Value::as_str) {
        Some("raise") => ErrState::all(ErrPolicy::Raise),
        Some("ignore") => ErrState::all(ErrPolicy::Ignore),
        _ => ErrState::all(ErrPolicy::Warn),
    }
}

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    match name {
        "reduce" | "argreduce" | "accumulate" => Some(run(name, op, cur, inputs)),
        _ => None,
    }
}

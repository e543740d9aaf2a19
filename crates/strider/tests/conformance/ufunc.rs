//! Conformance operations for element-wise operations (ufuncs, operators, promotion, where, clip,
//! isclose). See `conformance/gen_ufunc.py` for the NumPy side of each operation.

use super::{dtype, Out};
use serde_json::Value;
use strider::ufunc::{self, ErrPolicy, ErrState, Operand, UfuncOptions};
use strider::{Casting, Error, NdArray, Order, Scalar};

/// An argument: `{"input": k, "expr"?}` or `{"weak": v}` (strings for inf/nan, `[re, im]` complex).
fn arg(v: &Value, inputs: &[NdArray]) -> strider::Result<Operand> {
    if let Some(w) = v.get("weak") {
        return Ok(Operand::Weak(match w {
            Value::Bool(b) => Scalar::Bool(*b),
            Value::String(s) => Scalar::F64(s.parse().map_err(|_| Error::Value(format!("bad float {s}")))?),
            Value::Array(p) => {
                Scalar::C128(num_complex::Complex64::new(p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0)))
            }
            n if n.is_i64() => Scalar::I64(n.as_i64().unwrap_or(0)),
            n if n.is_u64() => Scalar::U64(n.as_u64().unwrap_or(0)),
            n => Scalar::F64(n.as_f64().unwrap_or(f64::NAN)),
        }));
    }
    Ok(Operand::Array(array_arg(v, inputs)?))
}

fn array_arg(v: &Value, inputs: &[NdArray]) -> strider::Result<NdArray> {
    let k = v["input"].as_u64().unwrap_or(0) as usize;
    let a = inputs.get(k).cloned().ok_or_else(|| Error::Value(format!("no input {k}")))?;
    match v.get("expr").and_then(Value::as_str) {
        Some(e) => a.index(e),
        None => Ok(a),
    }
}

fn args(op: &Value, inputs: &[NdArray]) -> strider::Result<Vec<Option<Operand>>> {
    let empty = vec![];
    op["args"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|v| if v.is_null() { Ok(None) } else { arg(v, inputs).map(Some) })
        .collect()
}

fn need(a: Option<Operand>) -> strider::Result<Operand> {
    a.ok_or_else(|| Error::Value("missing argument".into()))
}

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, _cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let run = || -> strider::Result<Out> {
        let mut a = args(op, inputs)?.into_iter();
        let mut next = || need(a.next().flatten());
        match name {
            "ufunc" => {
                let uf = ufunc::ALL_UFUNCS
                    .iter()
                    .find(|u| Some(u.name()) == op["name"].as_str())
                    .ok_or_else(|| Error::Value(format!("no ufunc {}", op["name"])))?;
                let ops: Vec<Operand> = args(op, inputs)?.into_iter().flatten().collect();
                let out = op.get("out").map(|o| array_arg(o, inputs)).transpose()?;
                let mut opts = UfuncOptions { out: out.as_ref(), ..UfuncOptions::default() };
                if let Some(d) = op.get("dtype") {
                    opts.dtype = Some(dtype(d)?);
                }
                if let Some(c) = op.get("casting").and_then(Value::as_str) {
                    opts.casting = c.parse::<Casting>()?;
                }
                if let Some(o) = op.get("order").and_then(Value::as_str) {
                    opts.order = o.parse::<Order>()?;
                }
                let state = match op.get("errstate").and_then(Value::as_str) {
                    Some("raise") => ErrState::all(ErrPolicy::Raise),
                    Some("ignore") => ErrState::all(ErrPolicy::Ignore),
                    Some("warn") => ErrState::all(ErrPolicy::Warn),
                    _ => ErrState::default(),
                };
                ufunc::errstate(state, || uf.call(&ops, &opts)).map(Out::Array)
            }
            "where" => {
                let (c, x, y) = (next()?, next()?, next()?);
                ufunc::where_(c, x, y).map(Out::Array)
            }
            "clip" => {
                let mut all = args(op, inputs)?.into_iter();
                let x = need(all.next().flatten())?;
                let lo = all.next().flatten();
                let hi = all.next().flatten();
                ufunc::clip(x, lo, hi).map(Out::Array)
            }
            "isclose" | "allclose" => {
                let (x, y) = (next()?, next()?);
                // JSON has no inf or nan: the generator writes those tolerances as strings.
                let f = |k: &str| op[k].as_f64().or_else(|| op[k].as_str().and_then(|t| t.parse().ok())).unwrap_or(0.0);
                let eq = op["equal_nan"].as_bool().unwrap_or(false);
                if name == "isclose" {
                    ufunc::isclose(x, y, f("rtol"), f("atol"), eq).map(Out::Array)
                } else {
                    ufunc::allclose(x, y, f("rtol"), f("atol"), eq).map(Out::Bool)
                }
            }
            "array_equal" => {
                let x = array_arg(&op["args"][0], inputs)?;
                let y = array_arg(&op["args"][1], inputs)?;
                ufunc::array_equal(&x, &y, op["equal_nan"].as_bool().unwrap_or(false)).map(Out::Bool)
            }
            _ => Err(Error::Value(String::new())),
        }
    };
    matches!(name, "ufunc" | "where" | "clip" | "isclose" | "allclose" | "array_equal").then(run)
}

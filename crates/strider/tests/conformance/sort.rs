//! Conformance operations for sorting, searching, unique, matmul and dot.
//! See `conformance/gen_sort.py` for the NumPy side of each operation.

use super::Out;
use serde_json::Value;
use strider::sort::{Side, SortKind, UniqueOptions};
use strider::{Error, NdArray};

fn kind(op: &Value) -> strider::Result<SortKind> {
    op.get("kind").and_then(Value::as_str).unwrap_or("quicksort").parse()
}

fn axis(op: &Value) -> Option<isize> {
    op.get("axis").and_then(Value::as_i64).map(|a| a as isize)
}

fn input(inputs: &[NdArray], op: &Value, key: &str) -> strider::Result<NdArray> {
    op[key]
        .as_u64()
        .and_then(|i| inputs.get(i as usize))
        .cloned()
        .ok_or_else(|| Error::Value(format!("operation needs input {key}")))
}

fn flag(op: &Value, key: &str, default: bool) -> bool {
    op.get(key).and_then(Value::as_bool).unwrap_or(default)
}

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let a = || cur.clone().ok_or_else(|| Error::Value(format!("operation {name} needs an array")));
    let run = || -> strider::Result<Out> {
        match name {
            "sort" => Ok(Out::Array(a()?.sort(axis(op), kind(op)?)?)),
            "sort_inplace" => {
                let x = a()?;
                x.sort_inplace(axis(op).unwrap_or(-1), kind(op)?)?;
                Ok(Out::Array(x))
            }
            "argsort" => Ok(Out::Array(a()?.argsort(axis(op), kind(op)?)?)),
            "unique" => {
                let opts = UniqueOptions {
                    return_index: flag(op, "return_index", false),
                    return_inverse: flag(op, "return_inverse", false),
                    return_counts: flag(op, "return_counts", false),
                    equal_nan: flag(op, "equal_nan", true),
                };
                let u = a()?.unique(opts)?;
                let several = opts.return_index || opts.return_inverse || opts.return_counts;
                Ok(if several {
                    Out::List(u.into_vec().into_iter().map(Out::Array).collect())
                } else {
                    Out::Array(u.values)
                })
            }
            "searchsorted" => {
                let side: Side = op.get("side").and_then(Value::as_str).unwrap_or("left").parse()?;
                let sorter = match op.get("sorter") {
                    Some(v) if !v.is_null() => Some(input(inputs, op, "sorter")?),
                    _ => None,
                };
                Ok(Out::Array(a()?.searchsorted(&input(inputs, op, "v")?, side, sorter.as_ref())?))
            }
            "matmul" => Ok(Out::Array(a()?.matmul(&input(inputs, op, "other")?)?)),
            "dot" => Ok(Out::Array(a()?.dot(&input(inputs, op, "other")?)?)),
            _ => Err(Error::Value(String::new())),
        }
    };
    match name {
        "sort" | "sort_inplace" | "argsort" | "unique" | "searchsorted" | "matmul" | "dot" => Some(run()),
        _ => None,
    }
}

//! Conformance operations for advanced indexing, joining and splitting.
//! See `conformance/gen_index.py` for the NumPy side of each operation.

#[allow(unused_imports)]
use super::{dtype, ints, number, opt_axes, order, uints, Out};
use serde_json::Value;
use strider::array::JoinOptions;
use strider::index::{IndexItem, Positions, Sections};
use strider::{Casting, Error, NdArray, Order, TakeMode};

fn input(inputs: &[NdArray], op: &Value, key: &str) -> strider::Result<NdArray> {
    let k = op[key].as_u64().unwrap_or(0) as usize;
    inputs.get(k).cloned().ok_or_else(|| Error::Value(format!("case has no input {k}")))
}

fn axis(op: &Value) -> Option<isize> {
    op.get("axis").and_then(Value::as_i64).map(|a| a as isize)
}

fn mode(op: &Value) -> TakeMode {
    match op.get("mode").and_then(Value::as_str) {
        Some("wrap") => TakeMode::Wrap,
        Some("clip") => TakeMode::Clip,
        _ => TakeMode::Raise,
    }
}

fn int_array(v: &Value) -> strider::Result<NdArray> {
    match v.as_i64() {
        Some(i) => NdArray::from_vec(vec![i], &[], Order::C),
        None => {
            let v: Vec<i64> = ints(v).into_iter().map(|x| x as i64).collect();
            let n = v.len();
            NdArray::from_vec(v, &[n], Order::C)
        }
    }
}

fn positions(v: &Value) -> strider::Result<Positions> {
    if let Some(s) = v.get("slice") {
        let b = |k: usize| s[k].as_i64().map(|x| x as isize);
        return Ok(Positions::Slice(IndexItem::Slice { start: b(0), stop: b(1), step: b(2) }));
    }
    match v.as_i64() {
        Some(i) => Ok(Positions::Int(i as isize)),
        None => Ok(Positions::Array(int_array(v)?)),
    }
}

fn list(r: strider::Result<Vec<NdArray>>) -> strider::Result<Out> {
    r.map(|v| Out::List(v.into_iter().map(Out::Array).collect()))
}

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let a = || cur.clone().ok_or_else(|| Error::Value(format!("operation {name} needs an array")));
    let arr = |r: strider::Result<NdArray>| r.map(Out::Array);
    let all: Vec<&NdArray> = inputs.iter().collect();
    let args: Vec<&NdArray> = inputs.iter().skip(1).collect();
    let run = || -> strider::Result<Out> {
        match name {
            "fancy_get" => arr(a()?.index_with(op["expr"].as_str().unwrap_or(""), &args)),
            "fancy_set" => {
                let x = a()?;
                x.set_index_with(op["expr"].as_str().unwrap_or(""), &args, &input(inputs, op, "value")?)?;
                Ok(Out::Array(x))
            }
            "take" => {
                let out = op.get("out").map(|_| input(inputs, op, "out")).transpose()?;
                arr(a()?.take_with(&input(inputs, op, "indices")?, axis(op), mode(op), out.as_ref()))
            }
            "put" => {
                let x = a()?;
                x.put(&input(inputs, op, "indices")?, &input(inputs, op, "values")?, mode(op))?;
                Ok(Out::Array(x))
            }
            "nonzero" => list(a()?.nonzero()),
            "where1" => list(NdArray::where_(&a()?)),
            "flatnonzero" => arr(a()?.flatnonzero()),
            "argwhere" => arr(a()?.argwhere()),
            "compress" => arr(a()?.compress(&input(inputs, op, "condition")?, axis(op))),
            "concatenate" | "stack" => {
                let n = op.get("n").and_then(Value::as_u64).map_or(all.len(), |n| n as usize);
                let mut o = JoinOptions::new();
                if op.get("out").is_some() {
                    o = o.out(&input(inputs, op, "out")?);
                }
                if let Some(d) = op.get("dtype") {
                    o = o.dtype(dtype(d)?);
                }
                if let Some(c) = op.get("casting").and_then(Value::as_str) {
                    o = o.casting(c.parse::<Casting>()?);
                }
                let joined = &all[..n.min(all.len())];
                match name {
                    "concatenate" => arr(NdArray::concatenate_with(joined, axis(op), &o)),
                    _ => arr(NdArray::stack_with(joined, axis(op).unwrap_or(0), &o)),
                }
            }
            "vstack" => arr(NdArray::vstack(&all)),
            "hstack" => arr(NdArray::hstack(&all)),
            "dstack" => arr(NdArray::dstack(&all)),
            "column_stack" => arr(NdArray::column_stack(&all)),
            "split" | "array_split" => {
                let s = match op["sections"].as_i64() {
                    Some(n) if n < 0 => return Err(Error::Value("number sections must be larger than 0.".into())),
                    Some(n) => Sections::Count(n as usize),
                    None => Sections::Indices(ints(&op["sections"])),
                };
                let x = a()?;
                let ax = axis(op).unwrap_or(0);
                list(if name == "split" { x.split(&s, ax) } else { x.array_split(&s, ax) })
            }
            "repeat" => arr(a()?.repeat(&int_array(&op["repeats"])?, axis(op))),
            "tile" => arr(a()?.tile(&uints(&op["reps"]))),
            "append" => arr(a()?.append(&input(inputs, op, "values")?, axis(op))),
            "insert" => arr(a()?.insert(&positions(&op["obj"])?, &input(inputs, op, "values")?, axis(op))),
            "delete" => arr(a()?.delete(&positions(&op["obj"])?, axis(op))),
            _ => Err(Error::Value(String::new())),
        }
    };
    const OURS: &[&str] = &[
        "fancy_get",
        "fancy_set",
        "take",
        "put",
        "nonzero",
        "where1",
        "flatnonzero",
        "argwhere",
        "compress",
        "concatenate",
        "stack",
        "vstack",
        "hstack",
        "dstack",
        "column_stack",
        "split",
        "array_split",
        "repeat",
        "tile",
        "append",
        "insert",
        "delete",
    ];
    OURS.contains(&name).then(run)
}

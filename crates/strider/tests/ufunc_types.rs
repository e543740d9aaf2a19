//! Type resolution of every ufunc against NumPy (`data/ufunc_types.json`, made by
//! `data/gen_ufunc_types.py`): `np.promote_types` for every pair of numeric dtypes, each ufunc's
//! result dtype (or error) for every input dtype or pair, and NEP 50's weak scalars on either side.

use serde_json::Value;
use strider::ufunc::{self, Operand, Ufunc};
use strider::{DType, NdArray, Order, Scalar};

fn data() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ufunc_types.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn by_name(name: &str) -> &'static Ufunc {
    ufunc::ALL_UFUNCS.iter().copied().find(|u| u.name() == name).unwrap_or_else(|| panic!("no ufunc {name}"))
}

fn outcome(r: strider::Result<NdArray>) -> Value {
    match r {
        Ok(a) => serde_json::json!({"dtype": a.dtype().str()}),
        Err(e) => serde_json::json!({"error": e.numpy_class(), "message": e.to_string()}),
    }
}

fn ones(t: &str) -> NdArray {
    NdArray::ones(&[2], t.parse::<DType>().unwrap(), Order::C).unwrap()
}

fn weak(kind: &str, v: &str) -> Operand {
    match kind {
        "int" => Operand::Weak(Scalar::I64(v.parse().unwrap())),
        "float" => Operand::Weak(Scalar::F64(v.parse().unwrap())),
        "complex" => Operand::Weak(Scalar::C128(num_complex::Complex64::new(0.0, 1.0))),
        _ => Operand::Weak(Scalar::Bool(v == "True")),
    }
}

#[test]
fn promote_types_table() {
    let d = data();
    for (k, want) in d["promote"].as_object().unwrap() {
        let (a, b) = k.split_once(',').unwrap();
        let got = ufunc::promote_types(&a.parse().unwrap(), &b.parse().unwrap()).unwrap();
        assert_eq!(got.str(), want.as_str().unwrap(), "promote_types({a}, {b})");
    }
}

#[test]
fn result_type_of_three() {
    let d = data();
    for (k, want) in d["result3"].as_object().unwrap() {
        let ts: Vec<DType> = k.split(',').map(|t| t.parse().unwrap()).collect();
        let got = ufunc::result_type(&[&ts[0], &ts[1], &ts[2]]).unwrap();
        assert_eq!(got.str(), want.as_str().unwrap(), "result_type({k})");
    }
}

#[test]
fn every_ufunc_every_dtype() {
    let d = data();
    let mut bad = vec![];
    for (name, table) in d["unary"].as_object().unwrap() {
        for (t, want) in table.as_object().unwrap() {
            let got = outcome(by_name(name).apply(&[ones(t).into()]));
            if &got != want {
                bad.push(format!("{name}({t}): numpy {want}, strider {got}"));
            }
        }
    }
    for (name, table) in d["binary"].as_object().unwrap() {
        for (k, want) in table.as_object().unwrap() {
            let (a, b) = k.split_once(',').unwrap();
            let got = outcome(by_name(name).apply(&[ones(a).into(), ones(b).into()]));
            if &got != want {
                bad.push(format!("{name}({a}, {b}): numpy {want}, strider {got}"));
            }
        }
    }
    for (k, want) in d["weak"].as_object().unwrap() {
        let parts: Vec<&str> = k.split(',').collect();
        let uf = by_name(parts[0]);
        let ops: Vec<Operand> = if ["int", "float", "complex", "bool"].contains(&parts[1]) {
            vec![weak(parts[1], parts[2]), ones(parts[3]).into()]
        } else {
            vec![ones(parts[1]).into(), weak(parts[2], parts[3])]
        };
        let got = outcome(uf.apply(&ops));
        if &got != want {
            bad.push(format!("{k}: numpy {want}, strider {got}"));
        }
    }
    for b in bad.iter().take(30) {
        eprintln!("{b}");
    }
    assert!(bad.is_empty(), "{} type resolutions differ from NumPy", bad.len());
}

//! Casting against NumPy 2.4.6: the whole `np.can_cast` table for the numeric dtypes in both byte
//! orders and every casting level, and `astype(casting='unsafe')` results for edge values (NaN,
//! infinities, out-of-range, negative to unsigned, fractions). The data comes from
//! `tests/data/gen_cast_tables.py`.

use strider::{can_cast, Casting, DType, NdArray, Storage};

fn table() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cast_tables.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn can_cast_matches_numpy_everywhere() {
    let t = table();
    let rows = t["can_cast"].as_array().unwrap();
    assert_eq!(rows.len(), 3125);
    let mut wrong = Vec::new();
    for r in rows {
        let from: DType = r[0].as_str().unwrap().parse().unwrap();
        let to: DType = r[1].as_str().unwrap().parse().unwrap();
        let level: Casting = r[2].as_str().unwrap().parse().unwrap();
        if can_cast(&from, &to, level) != r[3].as_bool().unwrap() {
            wrong.push(format!("{} -> {} ({}): numpy says {}", r[0], r[1], r[2], r[3]));
        }
    }
    assert!(wrong.is_empty(), "{} mismatches:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn unsafe_conversions_match_numpy_bytes() {
    let t = table();
    let mut wrong = Vec::new();
    let rows = t["convert"].as_array().unwrap();
    assert_eq!(rows.len(), 300);
    for r in rows {
        let from: DType = r[0].as_str().unwrap().parse().unwrap();
        let to: DType = r[1].as_str().unwrap().parse().unwrap();
        let bytes = unhex(r[2].as_str().unwrap());
        let n = bytes.len() / from.itemsize();
        let src =
            NdArray::from_raw_parts(Storage::from_owner(bytes), from.clone(), &[n], &[from.itemsize() as isize], 0)
                .unwrap();
        let got = hex(&src.astype(&to, Casting::Unsafe).unwrap().to_bytes(strider::Order::C).unwrap());
        if got != r[3].as_str().unwrap() {
            wrong.push(format!("{} -> {}\n  numpy:   {}\n  strider: {got}", r[0], r[1], r[3].as_str().unwrap()));
        }
    }
    assert!(wrong.is_empty(), "{} mismatches:\n{}", wrong.len(), wrong.join("\n"));
}

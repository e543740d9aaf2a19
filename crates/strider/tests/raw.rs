//! `tofile`/`fromfile` against NumPy (`tests/data/gen_raw.py`): binary and text output for every
//! separator byte for byte, and text parsing (including NumPy 2's error on an item that is not a
//! number).

use serde_json::Value;
use strider::io::raw;
use strider::{DType, NdArray, Storage};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn expect() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/raw_expect.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn tofile_matches_numpy_bytes() {
    let tmp = std::env::temp_dir().join(format!("strider-raw-{}", std::process::id()));
    for rec in expect()["tofile"].as_array().unwrap() {
        let dtype: DType = rec["dtype"].as_str().unwrap().parse().unwrap();
        let shape: Vec<usize> = rec["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let strides = strider::layout::fill_strides(&shape, dtype.itemsize(), strider::Order::C);
        let bytes = unhex(rec["data"].as_str().unwrap());
        let a = NdArray::from_raw_parts(Storage::from_owner(bytes), dtype, &shape, &strides, 0).unwrap();
        for (key, sep) in [("sep''", ""), ("sep' '", " "), ("sep', '", ", "), ("sep'\\n'", "\n")] {
            raw::tofile(&a, &tmp, sep).unwrap();
            let got = std::fs::read(&tmp).unwrap();
            let want = unhex(rec[key].as_str().unwrap());
            assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want), "{} sep {sep:?}", rec["dtype"]);
        }
    }
    std::fs::remove_file(tmp).unwrap();
}

#[test]
fn fromfile_text_matches_numpy() {
    let tmp = std::env::temp_dir().join(format!("strider-rawin-{}", std::process::id()));
    for rec in expect()["fromfile"].as_array().unwrap() {
        std::fs::write(&tmp, rec["text"].as_str().unwrap()).unwrap();
        let dtype: DType = rec["dtype"].as_str().unwrap().parse().unwrap();
        let got = raw::fromfile(&tmp, &dtype, None, rec["sep"].as_str().unwrap(), 0);
        if let Some(msg) = rec.get("error") {
            assert_eq!(got.unwrap_err().to_string(), msg.as_str().unwrap(), "{}", rec["text"]);
            continue;
        }
        let a = got.unwrap();
        assert_eq!(a.size() as u64, rec["n"].as_u64().unwrap(), "{}", rec["text"]);
        assert_eq!(a.to_bytes(strider::Order::C).unwrap(), unhex(rec["result"].as_str().unwrap()), "{}", rec["text"]);
    }
    // Binary: count and offset, and a request past the end is an error.
    std::fs::write(&tmp, [9u8, 1, 0, 2, 0, 3, 0]).unwrap();
    let b = raw::fromfile(&tmp, &DType::UINT16, Some(2), "", 1).unwrap();
    assert_eq!(b.to_vec::<u16>().unwrap(), vec![1, 2]);
    assert!(raw::fromfile(&tmp, &DType::UINT16, Some(4), "", 1).is_err());
    assert!(raw::fromfile(&tmp, &DType::UINT16, None, "", 100).is_err());
    std::fs::remove_file(tmp).unwrap();
}

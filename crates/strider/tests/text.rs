//! `savetxt`/`loadtxt` against NumPy (`tests/data/gen_text.py`): every format, width and flag in
//! the table gives NumPy's text byte for byte; loading gives NumPy's array or NumPy's error.

use serde_json::Value;
use strider::io::text::{loadtxt, savetxt, LoadTxt, SaveTxt};
use strider::{DType, NdArray, Order, Storage};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn expect() -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/text_expect.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn savetxt_matches_numpy_text() {
    let tmp = std::env::temp_dir().join(format!("strider-savetxt-{}", std::process::id()));
    let mut wrong = vec![];
    let cases = expect()["save"].as_array().unwrap().clone();
    for c in &cases {
        let dtype: DType = c["dtype"].as_str().unwrap().parse().unwrap();
        let shape: Vec<usize> = c["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let strides = strider::layout::fill_strides(&shape, dtype.itemsize(), Order::C);
        let a = NdArray::from_raw_parts(
            Storage::from_owner(unhex(c["data"].as_str().unwrap())),
            dtype,
            &shape,
            &strides,
            0,
        )
        .unwrap();
        let opts = SaveTxt {
            fmt: c["fmt"].as_str().unwrap().into(),
            delimiter: c["delimiter"].as_str().unwrap().into(),
            header: c["header"].as_str().unwrap().into(),
            footer: c["footer"].as_str().unwrap().into(),
            ..SaveTxt::default()
        };
        let got = savetxt(&tmp, &a, &opts).map(|_| std::fs::read_to_string(&tmp).unwrap());
        match (c["text"].as_str(), got) {
            (Some(want), Ok(got)) if want == got => {}
            (None, Err(_)) => {}
            (want, got) => wrong.push(format!("{} {:?}: numpy {want:?}\n  strider {got:?}", c["fmt"], c["shape"])),
        }
    }
    let _ = std::fs::remove_file(&tmp);
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn loadtxt_matches_numpy() {
    let tmp = std::env::temp_dir().join(format!("strider-loadtxt-{}", std::process::id()));
    for c in expect()["load"].as_array().unwrap() {
        std::fs::write(&tmp, c["text"].as_str().unwrap()).unwrap();
        let kw = &c["kw"];
        let opts = LoadTxt {
            dtype: kw.get("dtype").map_or(DType::FLOAT64, |d| d.as_str().unwrap().parse().unwrap()),
            delimiter: kw.get("delimiter").map(|d| d.as_str().unwrap().to_string()),
            skiprows: kw.get("skiprows").map_or(0, |s| s.as_u64().unwrap() as usize),
            usecols: kw
                .get("usecols")
                .map(|u| u.as_array().unwrap().iter().map(|v| v.as_i64().unwrap() as isize).collect()),
            ..LoadTxt::default()
        };
        let got = loadtxt(&tmp, &opts);
        if let Some(msg) = c.get("error") {
            assert_eq!(got.unwrap_err().to_string(), msg.as_str().unwrap(), "{}", c["text"]);
            continue;
        }
        let a = got.unwrap_or_else(|e| panic!("{}: {e}", c["text"]));
        assert_eq!(a.dtype().str(), c["dtype"].as_str().unwrap(), "{}", c["text"]);
        assert_eq!(
            a.shape().iter().map(|&d| d as u64).collect::<Vec<_>>(),
            c["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect::<Vec<_>>(),
            "{}",
            c["text"]
        );
        assert_eq!(a.to_bytes(Order::C).unwrap(), unhex(c["data"].as_str().unwrap()), "{}", c["text"]);
    }
    let _ = std::fs::remove_file(&tmp);
}

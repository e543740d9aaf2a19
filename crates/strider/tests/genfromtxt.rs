//! `genfromtxt` against NumPy (`tests/data/gen_genfromtxt.py`): every case's file read with the
//! same options gives NumPy's dtype, shape, strides and bytes (data and mask), or NumPy's
//! exception class and message. `GENFROMTXT_CASES=<json>` runs another generated set (for
//! example `gen_genfromtxt.py --seed 7 --out /tmp/g7.json`).

use serde_json::Value;
use strider::io::genfromtxt::{
    genfromtxt, genfromtxt_str, Case, Column, Delimiter, FillValue, Filling, GenFromTxt, Masked, Missing, Names,
};
use strider::{DType, NdArray, Order};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn column(v: &Value) -> Column {
    match v {
        Value::String(s) => Column::Name(s.clone()),
        v => Column::Index(v.as_i64().unwrap() as isize),
    }
}

fn fill(v: &Value) -> FillValue {
    match v {
        Value::Bool(b) => FillValue::Bool(*b),
        v if v.is_i64() => FillValue::Int(v.as_i64().unwrap()),
        v => FillValue::Float(v.as_f64().unwrap()),
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().map(|s| s.as_str().unwrap().to_string()).collect(),
        Value::String(s) => vec![s.clone()],
        v => vec![v.to_string()],
    }
}

fn options(c: &Value) -> strider::Result<GenFromTxt> {
    let kw = &c["kw"];
    let mut o = GenFromTxt::default();
    if let Some(d) = kw.get("dtype") {
        o.dtype =
            if d.is_null() { None } else { Some(DType::from_descr(c["dtype_text"].as_str().unwrap(), false).unwrap()) };
    }
    if let Some(d) = kw.get("delimiter") {
        o.delimiter = match d {
            Value::String(s) => Delimiter::Str(s.clone()),
            Value::Array(w) => Delimiter::Widths(w.iter().map(|x| x.as_u64().unwrap() as usize).collect()),
            n => Delimiter::Width(n.as_u64().unwrap() as usize),
        };
    }
    if let Some(v) = kw.get("comments") {
        o.comments = v.as_str().map(str::to_string);
    }
    let num = |k: &str| kw.get(k).map(|v| v.as_u64().unwrap() as usize);
    o.skip_header = num("skip_header").unwrap_or(0);
    o.skip_footer = num("skip_footer").unwrap_or(0);
    o.max_rows = num("max_rows");
    o.ndmin = num("ndmin").unwrap_or(0);
    let flag = |k: &str, d: bool| kw.get(k).map_or(d, |v| v.as_bool().unwrap());
    o.usemask = flag("usemask", false);
    o.invalid_raise = flag("invalid_raise", true);
    o.autostrip = flag("autostrip", false);
    o.loose = flag("loose", true);
    o.usecols = kw.get("usecols").map(|u| u.as_array().unwrap().iter().map(column).collect());
    o.names = kw.get("names").map(|n| match n {
        Value::Bool(true) => Names::Header,
        n => Names::List(strings(n)),
    });
    o.missing_values = kw.get("missing_values").map(|m| match m {
        Value::String(s) => Missing::All(s.split(',').map(str::to_string).collect()),
        Value::Array(a) if a.first().is_some_and(Value::is_array) => Missing::ByColumn(
            a.iter().map(|p| (if p[0].is_null() { None } else { Some(column(&p[0])) }, strings(&p[1]))).collect(),
        ),
        m => Missing::PerColumn(strings(m)),
    });
    o.filling_values = kw.get("filling_values").map(|f| match f {
        Value::Array(a) if a.first().is_some_and(Value::is_array) => {
            Filling::ByColumn(a.iter().map(|p| (column(&p[0]), fill(&p[1]))).collect())
        }
        Value::Array(a) => Filling::PerColumn(a.iter().map(fill).collect()),
        f => Filling::All(fill(f)),
    });
    o.unpack = flag("unpack", false);
    o.excludelist = kw.get("excludelist").map_or(vec![], strings);
    if let Some(d) = kw.get("deletechars") {
        o.deletechars = Some(d.as_str().unwrap().to_string());
    }
    if let Some(r) = kw.get("replace_space") {
        o.replace_space = r.as_str().map(str::to_string);
    }
    if let Some(f) = kw.get("defaultfmt") {
        o.defaultfmt = f.as_str().unwrap().to_string();
    }
    o.case_sensitive = match kw.get("case_sensitive") {
        None | Some(Value::Bool(true)) => Case::Sensitive,
        Some(Value::Bool(false)) => Case::Upper,
        Some(t) => t.as_str().unwrap().parse()?,
    };
    Ok(o)
}

fn describe(a: &NdArray) -> Value {
    // Known difference outside io: NumPy prints a zero-length string field of a record as '<U'
    // (its descr says '<U0'); Strider's dtype repr prints '<U0'. Everything else must match.
    let repr = format!("{:?}", a.dtype()).replace("'<U0'", "'<U'");
    serde_json::json!({
        "repr": repr,
        "shape": a.shape(),
        "strides": a.strides(),
        "data": hex(&a.to_bytes(Order::C).unwrap()),
    })
}

/// NumPy's result `want` (one array and its mask, or with `parts` a list of them) against `got`.
fn compare(shown: &str, want: &Value, got: &Masked, wrong: &mut Vec<String>) {
    if let Some(parts) = want.get("parts").and_then(Value::as_array) {
        if parts.len() != got.unpacked.len() {
            wrong.push(format!("{shown}\n  numpy {} parts\n  strider {}", parts.len(), got.unpacked.len()));
        }
        for (w, g) in parts.iter().zip(&got.unpacked) {
            compare(shown, w, g, wrong);
        }
        return;
    }
    if !got.unpacked.is_empty() {
        wrong.push(format!("{shown}\n  numpy one array\n  strider {} parts", got.unpacked.len()));
    }
    if describe(&got.data) != want["out"] {
        wrong.push(format!("{shown}\n  numpy {}\n  strider {}", want["out"], describe(&got.data)));
    }
    let mask = got.mask.as_ref().map(describe);
    if mask.as_ref() != want.get("mask") {
        wrong.push(format!("{shown} (mask)\n  numpy {:?}\n  strider {mask:?}", want.get("mask")));
    }
}

fn check_file(path: &str) -> (usize, Vec<String>) {
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = all["cases"].as_array().unwrap();
    let tmp = std::env::temp_dir().join(format!("strider-genfromtxt-{}.txt", std::process::id()));
    let mut wrong = vec![];
    for c in cases {
        let text = c["text"].as_str().unwrap();
        std::fs::write(&tmp, text).unwrap();
        let got = options(c).and_then(|o| genfromtxt(&tmp, &o));
        let shown = format!("{text:?} {}", c["kw"]);
        match (c.get("error"), got) {
            (Some(e), Err(g)) => {
                let want = (e[0].as_str().unwrap(), e[1].as_str().unwrap());
                if (g.numpy_class(), g.to_string().as_str()) != want {
                    wrong.push(format!("{shown}\n  numpy {want:?}\n  strider {:?}", (g.numpy_class(), g.to_string())));
                }
            }
            (Some(e), Ok(r)) => wrong.push(format!("{shown}\n  numpy {e}\n  strider {}", describe(&r.data))),
            (None, Err(g)) => wrong.push(format!("{shown}\n  numpy {}\n  strider error {g}", c["out"])),
            (None, Ok(r)) => compare(&shown, c, &r, &mut wrong),
        }
    }
    let _ = std::fs::remove_file(&tmp);
    (cases.len(), wrong)
}

#[test]
fn genfromtxt_matches_numpy() {
    let path = std::env::var("GENFROMTXT_CASES")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/genfromtxt_expect.json").into());
    let (n, wrong) = check_file(&path);
    assert!(wrong.is_empty(), "{} of {n} differ from NumPy:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn text_and_file_agree_and_bad_utf8_is_an_error() {
    let opts = GenFromTxt { dtype: None, delimiter: Delimiter::Str(",".into()), ..GenFromTxt::default() };
    let text = "1,x\r\n2,\r3,y";
    let tmp = std::env::temp_dir().join(format!("strider-genfromtxt-b-{}.txt", std::process::id()));
    std::fs::write(&tmp, text).unwrap();
    let a = genfromtxt(&tmp, &opts).unwrap().data;
    let b = genfromtxt_str(text, &opts).unwrap().data;
    assert_eq!((a.shape(), a.to_bytes(Order::C).unwrap()), (b.shape(), b.to_bytes(Order::C).unwrap()));
    assert_eq!(a.shape(), &[3]);
    std::fs::write(&tmp, b"1,2\n\xff,3\n").unwrap();
    let e = genfromtxt(&tmp, &opts).unwrap_err();
    assert!(e.to_string().contains("can't decode byte 0xff in position 4"), "{e}");
    let _ = std::fs::remove_file(&tmp);
}

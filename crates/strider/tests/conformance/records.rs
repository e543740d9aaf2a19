//! Conformance operations for structured, datetime and string dtypes.
//! See `conformance/gen_records.py` for the NumPy side of each operation.

#[allow(unused_imports)]
use super::{dtype, ints, number, opt_axes, order, uints, Out};
use serde_json::Value;
use strider::datetime::{self as dt, BusdayCalendar, Roll};
use strider::dtype::TimeUnit;
use strider::io::npy;
use strider::{DType, Error, Item, NdArray, Order};

fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

fn info(d: &DType) -> strider::Result<NdArray> {
    let descr = match d.descr() {
        Ok(s) => s,
        Err(e) => format!("{}: {e}", e.numpy_class()),
    };
    let items = [
        d.str(),
        format!("{d:?}"),
        d.to_string(),
        d.name(),
        d.itemsize().to_string(),
        d.alignment().to_string(),
        descr,
        d.kind_char().to_string(),
        d.char_code().to_string(),
        if d.is_native() { "True".into() } else { "False".into() },
    ];
    let bytes: Vec<&[u8]> = items.iter().map(|s| s.as_bytes()).collect();
    NdArray::from_byte_strings(&bytes, None)
}

fn calendar(op: &Value) -> strider::Result<BusdayCalendar> {
    let mask = match op.get("weekmask") {
        Some(Value::String(s)) => dt::Weekmask::parse(s)?,
        Some(Value::Array(v)) => {
            let bits: Vec<i64> = v.iter().map(|x| x.as_i64().unwrap_or(0)).collect();
            dt::Weekmask::from_ints(&bits)?
        }
        _ => dt::Weekmask::default(),
    };
    let hol = strs(op.get("holidays").unwrap_or(&Value::Null));
    let refs: Vec<&str> = hol.iter().map(String::as_str).collect();
    BusdayCalendar::new(mask, &refs)
}

fn scalar_array(s: &Value) -> strider::Result<NdArray> {
    if let Some(td) = s.get("td") {
        let unit: TimeUnit = format!("[{}]", td[1].as_str().unwrap_or("")).parse()?;
        return dt::timedelta_array(&[td[0].as_i64().unwrap_or(0)], &[], unit);
    }
    NdArray::from_vec(vec![s.as_i64().unwrap_or(0)], &[], Order::C)
}

/// The Python value a JSON `value` stands for (see `gen_records.py`).
fn item_of(v: &Value) -> strider::Result<Item> {
    let unit = |u: &Value| format!("[{}]", u.as_str().unwrap_or("")).parse::<TimeUnit>();
    Ok(match v {
        Value::Bool(_) | Value::Number(_) => Item::Num(number(v)),
        Value::Null => Item::Num(strider::Scalar::F64(f64::NAN)),
        Value::Object(m) => {
            if let Some(t) = m.get("str") {
                Item::Str(t.as_str().unwrap_or("").to_string())
            } else if let Some(h) = m.get("bytes") {
                let h = h.as_str().unwrap_or("");
                Item::Bytes(
                    (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or(0)).collect(),
                )
            } else if let Some(t) = m.get("tuple") {
                Item::Tuple(t.as_array().map(|a| a.iter().map(item_of).collect()).unwrap_or(Ok(vec![]))?)
            } else if let Some(d) = m.get("dt") {
                let u = unit(&d[1])?;
                let (v, pu) = dt::parse_datetime(d[0].as_str().unwrap_or(""))?;
                let v = if v == dt::NAT || pu == u {
                    v
                } else {
                    dt::datetime_array(&[d[0].as_str().unwrap_or("")], &DType::datetime(u))?.item(&[0]).map(
                        |i| match i {
                            Item::DateTime(x, _) => x,
                            _ => dt::NAT,
                        },
                    )?
                };
                Item::DateTime(v, u)
            } else if let Some(t) = m.get("bigint") {
                let t = t.as_str().unwrap_or("");
                t.parse::<i128>().map_or_else(|_| Item::BigInt(t.to_string()), Item::from)
            } else if let Some(f) = m.get("float") {
                Item::Num(strider::Scalar::F64(f.as_str().unwrap_or("nan").parse().unwrap_or(f64::NAN)))
            } else if let Some(d) = m.get("td") {
                let n = if d[0].is_string() { dt::NAT } else { d[0].as_i64().unwrap_or(0) };
                Item::TimeDelta(n, unit(&d[1])?)
            } else {
                Item::None
            }
        }
        _ => Item::None,
    })
}

fn temp_path(ext: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let k = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("strider-records-{}-{k}.{ext}", std::process::id()))
}

fn timezone(v: Option<&Value>, env: Option<&str>) -> dt::Timezone {
    match v {
        Some(Value::Object(m)) if m.contains_key("offset") => dt::Timezone::Offset(m["offset"].as_i64().unwrap_or(0)),
        Some(Value::Object(m)) => dt::Timezone::Zone(m["zone"].as_str().unwrap_or("").to_string()),
        Some(Value::String(s)) if s == "local" && env.is_some() => dt::Timezone::LocalIn(env.unwrap_or("").to_string()),
        _ => dt::Timezone::Naive,
    }
}

/// Runs operation `name`, or returns `None` when it is not one of this family's.
pub(crate) fn apply(name: &str, op: &Value, cur: Option<NdArray>, inputs: &[NdArray]) -> Option<strider::Result<Out>> {
    let a = || cur.clone().ok_or_else(|| Error::Value(format!("operation {name} needs an array")));
    let input = |k: &str| {
        inputs.get(op[k].as_u64().unwrap_or(0) as usize).cloned().ok_or_else(|| Error::Value("no such input".into()))
    };
    let arr = |r: strider::Result<NdArray>| Some(r.map(Out::Array));
    match name {
        "field" => arr(a().and_then(|x| x.field(op["name"].as_str().unwrap_or("")))),
        "fields" => {
            let names = strs(&op["names"]);
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            arr(a().and_then(|x| x.fields(&refs)))
        }
        "field_fill" => arr(a().and_then(|x| {
            let target = match op.get("expr").and_then(Value::as_str) {
                Some(e) => x.index(e)?,
                None => x.clone(),
            };
            target.field(op["name"].as_str().unwrap_or(""))?.fill(number(&op["value"]))?;
            Ok(x)
        })),
        "astype_descr" => arr(a().and_then(|x| {
            let d = DType::from_descr(op["spec"].as_str().unwrap_or(""), false)?;
            x.astype(&d, op["casting"].as_str().unwrap_or("unsafe").parse()?)
        })),
        "dtype_info" => arr(a().and_then(|x| info(x.dtype()))),
        "dtype_parse" => {
            arr(DType::from_descr(op["spec"].as_str().unwrap_or(""), op["align"].as_bool().unwrap_or(false))
                .and_then(|d| info(&d)))
        }
        "npy_bytes" => arr(a().and_then(|x| {
            let b = npy::to_bytes(&x)?;
            let n = b.len();
            NdArray::from_vec(b, &[n], Order::C)
        })),
        "npy_digest" => arr(a().and_then(|x| {
            use sha2::Digest;
            let b = npy::to_bytes(&x)?;
            let hex: String = sha2::Sha256::digest(&b).iter().map(|v| format!("{v:02x}")).collect();
            let len = b.len().to_string();
            NdArray::from_byte_strings(&[hex.as_bytes(), len.as_bytes()], None)
        })),
        "strings" => {
            let vals = strs(&op["values"]);
            let refs: Vec<&str> = vals.iter().map(String::as_str).collect();
            let d = match op.get("dtype") {
                Some(v) if !v.is_null() => match dtype(v) {
                    Ok(d) => Some(d),
                    Err(e) => return Some(Err(e)),
                },
                _ => None,
            };
            arr(NdArray::from_strings(&refs, d))
        }
        "dt_parse" => {
            let vals = strs(&op["values"]);
            let refs: Vec<&str> = vals.iter().map(String::as_str).collect();
            arr(dtype(&op["dtype"]).and_then(|d| dt::datetime_array(&refs, &d)))
        }
        "compare" => {
            let c: dt::Cmp = match op["cmp"].as_str().unwrap_or("").parse() {
                Ok(c) => c,
                Err(e) => return Some(Err(e)),
            };
            arr(a().and_then(|x| {
                let y = input("input")?;
                if x.dtype().is_string() {
                    x.compare_strings(&y, c)
                } else {
                    dt::compare(&x, &y, c)
                }
            }))
        }
        "sort_flexible" => arr(a().and_then(|x| match op.get("order") {
            Some(o) if !o.is_null() => {
                let names = strs(o);
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                x.sort_by_fields(&refs)
            }
            _ => x.sort_flexible(),
        })),
        "minmax" => arr(a().and_then(|x| if op["which"] == "min" { dt::min(&x) } else { dt::max(&x) })),
        "dt_arith" => arr(a().and_then(|x| {
            let y = match op.get("input") {
                Some(_) => input("input")?,
                None => scalar_array(&op["scalar"])?,
            };
            match op["fn"].as_str().unwrap_or("") {
                "add" => dt::add(&x, &y),
                "subtract" => dt::subtract(&x, &y),
                "multiply" => dt::multiply(&x, &y),
                "divide" => dt::divide(&x, &y),
                "floor_divide" => dt::floor_divide(&x, &y),
                "remainder" => dt::remainder(&x, &y),
                f => Err(Error::Value(format!("unknown function {f}"))),
            }
        })),
        "as_string" => arr(a().and_then(|x| {
            let unit = match op.get("unit").and_then(Value::as_str) {
                Some("auto") => dt::StringUnit::Auto,
                Some(u) => dt::StringUnit::Unit(format!("[{u}]").parse::<TimeUnit>()?),
                None => dt::StringUnit::Own,
            };
            let utc = op.get("timezone").and_then(Value::as_str) == Some("UTC");
            dt::datetime_as_string_with(&x, unit, utc)
        })),
        "dt_arange" => {
            let d = match op.get("dtype") {
                Some(v) if !v.is_null() => match dtype(v) {
                    Ok(d) => Some(d),
                    Err(e) => return Some(Err(e)),
                },
                _ => None,
            };
            arr(dt::arange(
                op["start"].as_str().unwrap_or(""),
                op["stop"].as_str().unwrap_or(""),
                op["step"].as_i64().unwrap_or(1),
                d.as_ref(),
            ))
        }
        "isnat" => arr(a().and_then(|x| dt::isnat(&x))),
        "busday_offset" => arr(a().and_then(|x| {
            let offs: Vec<i64> =
                op["offsets"].as_array().map(|v| v.iter().filter_map(Value::as_i64).collect()).unwrap_or_default();
            let n = offs.len();
            let o = NdArray::from_vec(offs, &[n], Order::C)?;
            let roll: Roll = op.get("roll").and_then(Value::as_str).unwrap_or("raise").parse()?;
            dt::busday_offset(&x, &o, roll, &calendar(op)?)
        })),
        "busday_count" => arr(a().and_then(|x| dt::busday_count(&x, &input("input")?, &calendar(op)?))),
        "is_busday" => arr(a().and_then(|x| dt::is_busday(&x, &calendar(op)?))),
        "item" => arr(a().and_then(|x| {
            let it = x.item(&super::ints(&op["index"]))?;
            NdArray::from_byte_strings(&[it.repr().as_bytes(), it.to_string().as_bytes()], None)
        })),
        "set_item" => arr(a().and_then(|x| {
            x.set_item(&super::ints(&op["index"]), item_of(&op["value"])?)?;
            Ok(x)
        })),
        "fill_value" => arr(a().and_then(|x| {
            x.fill(item_of(&op["value"])?)?;
            Ok(x)
        })),
        "full_value" => arr((|| {
            let d = DType::from_descr(op["spec"].as_str().unwrap_or(""), false)?;
            NdArray::full(&uints(&op["shape"]), item_of(&op["value"])?, d, Order::C)
        })()),
        "full_like_value" => arr(a().and_then(|x| {
            let d = match op.get("spec").and_then(Value::as_str) {
                Some(s) => Some(DType::from_descr(s, false)?),
                None => None,
            };
            NdArray::full_like(&x, item_of(&op["value"])?, d, Order::K, None)
        })),
        "as_string_tz" => arr(a().and_then(|x| {
            let unit = match op.get("unit").and_then(Value::as_str) {
                Some("auto") => dt::StringUnit::Auto,
                Some(u) => dt::StringUnit::Unit(
                    format!("[{u}]")
                        .parse::<TimeUnit>()
                        .map_err(|_| Error::Type(format!("Invalid datetime unit \"{u}\" in metadata")))?,
                ),
                None => dt::StringUnit::Own,
            };
            let env = op.get("tz_env").and_then(Value::as_str);
            let casting: strider::Casting = op.get("casting").and_then(Value::as_str).unwrap_or("same_kind").parse()?;
            let tz = match op.get("timezone") {
                // NumPy checks the unit before it reads the time zone's text.
                Some(Value::String(s)) if s != "local" || env.is_none() => match s.parse::<dt::Timezone>() {
                    Ok(tz) => tz,
                    Err(e) => {
                        dt::datetime_as_string_tz(&x, unit, &dt::Timezone::Naive, casting)?;
                        return Err(e);
                    }
                },
                other => timezone(other, env),
            };
            dt::datetime_as_string_tz(&x, unit, &tz, casting)
        })),
        "dt_divmod" => Some(a().and_then(|x| {
            let (q, r) = dt::divmod(&x, &input("input")?)?;
            // Without `raw`, the generator casts NumPy's 'q' quotient to '<i8' ('l').
            let raw = op.get("raw").and_then(Value::as_bool).unwrap_or(false);
            let q = if raw { q } else { q.astype(&DType::INT64, strider::Casting::Unsafe)? };
            Ok(Out::List(vec![Out::Array(q), Out::Array(r)]))
        })),
        "npz_roundtrip" => arr(a().and_then(|x| {
            let path = temp_path("npz");
            let compressed = op.get("compressed").and_then(Value::as_bool).unwrap_or(false);
            let r = strider::io::npz::write(&path, &[("a", &x)], compressed)
                .and_then(|_| strider::io::npz::NpzFile::open(&path)?.get("a"))
                .and_then(|m| m.copy(Order::K));
            let _ = std::fs::remove_file(&path);
            r
        })),
        "memmap_load" => arr(a().and_then(|x| {
            let path = temp_path("npy");
            let r = npy::write(&path, &x)
                .and_then(|_| npy::open_memmap(&path, strider::storage::MapMode::ReadOnly))
                .and_then(|m| m.copy(Order::K));
            let _ = std::fs::remove_file(&path);
            r
        })),
        _ => None,
    }
}

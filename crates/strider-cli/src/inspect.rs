//! `strider info` and `strider show`: what a file holds, from its header alone, and its values as
//! NumPy prints them (through a memory map, so large files cost what they print).

use serde_json::json;
use std::io::Write;
use std::path::Path;
use strider::io::{npy, npz};
use strider::layout::{self, Order};
use strider::storage::MapMode;
use strider::{DType, NdArray};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A raw (headerless) file's description, from the command line.
pub struct RawSpec {
    /// Element type.
    pub dtype: DType,
    /// Shape.
    pub shape: Vec<usize>,
    /// Bytes to skip.
    pub offset: u64,
    /// C or F.
    pub order: Order,
}

fn describe(dtype: &DType, shape: &[usize], fortran: bool) -> serde_json::Value {
    let order = if fortran { Order::F } else { Order::C };
    let strides = layout::fill_strides(shape, dtype.itemsize(), order);
    let size = layout::size(shape);
    json!({
        "dtype": dtype.str(),
        "dtype_name": dtype.name(),
        "shape": shape,
        "order": if fortran { "F" } else { "C" },
        "strides": strides,
        "c_contiguous": layout::is_c_contiguous(shape, &strides, dtype.itemsize()),
        "f_contiguous": layout::is_f_contiguous(shape, &strides, dtype.itemsize()),
        "size": size,
        "nbytes": size * dtype.itemsize(),
    })
}

fn is_npz(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("npz"))
}

/// Collects what `info` reports, without reading any array data.
pub fn info_value(path: &Path, raw: Option<&RawSpec>) -> Res<serde_json::Value> {
    let file = path.display().to_string();
    if let Some(r) = raw {
        let len = std::fs::metadata(path).map_err(|e| format!("{file}: {e}"))?.len();
        let mut v = describe(&r.dtype, &r.shape, r.order == Order::F);
        let need = v["nbytes"].as_u64().unwrap_or(0) + r.offset;
        if need > len {
            return Err(format!("{file}: {need} bytes needed at offset {} but the file has {len}", r.offset).into());
        }
        v["file"] = json!(file);
        v["format"] = json!("raw");
        v["offset"] = json!(r.offset);
        return Ok(v);
    }
    if is_npz(path) {
        let mut z = npz::NpzFile::open(path)?;
        let mut members = Vec::new();
        for name in z.names() {
            let h = z.header(&name)?;
            let mut m = describe(&h.dtype, &h.shape, h.fortran_order);
            m["name"] = json!(name);
            members.push(m);
        }
        return Ok(json!({"file": file, "format": "npz", "members": members}));
    }
    let (h, len) = npy::read_header(path)?;
    let mut v = describe(&h.dtype, &h.shape, h.fortran_order);
    v["file"] = json!(file);
    v["format"] = json!("npy");
    v["version"] = json!(format!("{}.{}", h.version.0, h.version.1));
    v["data_offset"] = json!(h.data_offset);
    v["file_bytes"] = json!(len);
    Ok(v)
}

fn text_of(v: &serde_json::Value, indent: &str) -> String {
    let shape: Vec<usize> = v["shape"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x.as_u64()).map(|x| x as usize).collect())
        .unwrap_or_default();
    let strides: Vec<isize> = v["strides"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x.as_i64()).map(|x| x as isize).collect())
        .unwrap_or_default();
    format!(
        "{indent}dtype:    {} ({})\n{indent}shape:    {}\n{indent}order:    {}\n{indent}strides:  {}\n{indent}flags:    C_CONTIGUOUS={} F_CONTIGUOUS={}\n{indent}size:     {} elements, {} bytes\n",
        v["dtype"].as_str().unwrap_or(""),
        v["dtype_name"].as_str().unwrap_or(""),
        layout::shape_str(&shape),
        v["order"].as_str().unwrap_or(""),
        layout::strides_str(&strides),
        py_bool(&v["c_contiguous"]),
        py_bool(&v["f_contiguous"]),
        v["size"],
        v["nbytes"],
    )
}

fn py_bool(v: &serde_json::Value) -> &'static str {
    if v.as_bool() == Some(true) {
        "True"
    } else {
        "False"
    }
}

/// `strider info`: the header's description, as text or JSON.
pub fn info(out: &mut impl Write, path: &Path, raw: Option<&RawSpec>, as_json: bool) -> Res {
    let v = info_value(path, raw)?;
    if as_json {
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    writeln!(out, "file:     {}", v["file"].as_str().unwrap_or(""))?;
    match v["format"].as_str() {
        Some("npz") => {
            let members = v["members"].as_array().cloned().unwrap_or_default();
            writeln!(out, "format:   .npz archive, {} member(s)", members.len())?;
            for m in &members {
                writeln!(out, "member:   {}", m["name"].as_str().unwrap_or(""))?;
                write!(out, "{}", text_of(m, "  "))?;
            }
        }
        Some("npy") => {
            writeln!(
                out,
                "format:   .npy version {}, data at byte {} of {}",
                v["version"].as_str().unwrap_or(""),
                v["data_offset"],
                v["file_bytes"]
            )?;
            write!(out, "{}", text_of(&v, ""))?;
        }
        _ => {
            writeln!(out, "format:   raw, data at byte {}", v["offset"])?;
            write!(out, "{}", text_of(&v, ""))?;
        }
    }
    Ok(())
}

/// `strider show`: the values as NumPy's `print` shows them, optionally through a NumPy index.
pub fn show(
    out: &mut impl Write,
    path: &Path,
    raw: Option<&RawSpec>,
    slice: Option<&str>,
    member: Option<&str>,
) -> Res {
    let pick = |a: NdArray| -> Res<NdArray> {
        Ok(match slice {
            Some(s) => a.index(s)?,
            None => a,
        })
    };
    if let Some(r) = raw {
        let a = npy::memmap_raw(path, &r.dtype, &r.shape, r.offset, r.order, MapMode::ReadOnly)?;
        writeln!(out, "{}", pick(a)?)?;
        return Ok(());
    }
    if is_npz(path) {
        let mut z = npz::NpzFile::open(path)?;
        let names = match member {
            Some(m) => vec![m.to_string()],
            None => z.names(),
        };
        for name in names {
            let a = pick(z.get(&name)?)?;
            writeln!(out, "{name}:\n{a}")?;
        }
        return Ok(());
    }
    let a = npy::open_memmap(path, MapMode::ReadOnly)?;
    writeln!(out, "{}", pick(a)?)?;
    Ok(())
}

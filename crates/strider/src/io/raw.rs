//! Raw files: NumPy's `tofile` and `fromfile`, binary (the elements' bytes, no header) or text
//! (the elements' `str` joined by a separator).
//!
//! Owns only the byte and text framing; element text comes from `print` (NumPy's scalar `str`)
//! and parsing converts as NumPy's `fromfile(sep=...)` does for numbers (an item that is not a
//! number is an error, as in NumPy 2).

use crate::array::NdArray;
use crate::dtype::{DType, DTypeKind, NumType};
use crate::layout::Order;
use crate::scalar::Scalar;
use crate::{Error, Result};
use std::path::Path;

fn io_err(path: &Path, e: std::io::Error) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes through `fill` to a temporary file in `path`'s directory, then renames it over `path`,
/// so a failure never leaves a half-written file where a good one stood.
///
/// With `sync`, the file's data and then its directory entry are flushed to the device before
/// returning (durable across a power cut, at the cost of waiting for the disk); without it, as
/// `np.save`, the data reaches the disk when the kernel writes it back, but a reader never sees
/// a partial file either way.
pub(crate) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    write_atomic_opts(path, false, fill)
}

pub(crate) fn write_atomic_opts(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::Io { path: path.display().to_string(), message: "not a file path".into() })?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let r = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        fill(&mut w)?;
        w.flush()?;
        if sync {
            w.get_ref().sync_all()?;
        }
        Ok(())
    });
    let r = r.and_then(|_| replace(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    if r.is_ok() && sync {
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| io_err(path, e))?;
    }
    r.map_err(|e| io_err(path, e))
}

/// Puts the finished temporary file at `path` in one atomic step.
///
/// A plain rename over an existing file makes ext4 (its `auto_da_alloc` heuristic) allocate and
/// start writing back the new file's blocks inside the rename, which for a large file costs as
/// much as writing it; `np.save`, truncating in place, does not wait for that. On Linux the two
/// names are instead swapped atomically (`RENAME_EXCHANGE`), then the old file, now under the
/// temporary name, is unlinked: at every instant `path` names the old file or the complete new
/// one. Elsewhere, or where the file system cannot exchange, a plain rename.
fn replace(tmp: &Path, path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let replaceable = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        if replaceable {
            use rustix::fs::{renameat_with, RenameFlags, CWD};
            if renameat_with(CWD, tmp, CWD, path, RenameFlags::EXCHANGE).is_ok() {
                return std::fs::remove_file(tmp);
            }
        }
    }
    std::fs::rename(tmp, path)
}

/// NumPy's `a.tofile(path, sep=sep)`: with an empty `sep` the elements' bytes in C order (no
/// header, the array's own byte order); otherwise each element's `str` in C order joined by `sep`.
///
/// ```
/// use strider::{io::raw, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-tofile-doc-{}", std::process::id()));
/// let a = NdArray::from_vec(vec![1.5f64, 2.0, 4e-20], &[3], Order::C).unwrap();
/// raw::tofile(&a, &path, ", ").unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "1.5, 2.0, 4e-20");
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn tofile(a: &NdArray, path: impl AsRef<Path>, sep: &str) -> Result<()> {
    let p = path.as_ref();
    if sep.is_empty() {
        return write_atomic(p, &a.to_bytes(Order::C)?);
    }
    // NumPy writes each element as the Python object it becomes: float16/float32 widen to a
    // Python float and complex64 to a Python complex, printed at double precision.
    let text: Vec<String> = a
        .to_scalars()
        .iter()
        .map(|s| match s {
            Scalar::F16(_) | Scalar::F32(_) => s.cast(NumType::Float64).to_string(),
            Scalar::C64(_) => s.cast(NumType::Complex128).to_string(),
            _ => s.to_string(),
        })
        .collect();
    write_atomic(p, text.join(sep).as_bytes())
}

/// NumPy's `np.fromfile(path, dtype, count, sep, offset)`: a 1-d array read from a raw binary
/// file (empty `sep`; `offset` bytes skipped; `count` elements, or as many as the file holds) or
/// from text separated by `sep` (whitespace in `sep` matches any run of whitespace).
///
/// ```
/// use strider::{io::raw, DType};
/// let path = std::env::temp_dir().join(format!("strider-fromfile-doc-{}", std::process::id()));
/// std::fs::write(&path, "1.5,nan,-inf,1e+100").unwrap();
/// let a = raw::fromfile(&path, &DType::FLOAT64, None, ",", 0).unwrap();
/// assert_eq!(a.shape(), &[4]);
/// std::fs::write(&path, [1u8, 0, 2, 0, 3]).unwrap();
/// let b = raw::fromfile(&path, &DType::INT16, None, "", 0).unwrap();
/// assert_eq!(b.to_vec::<i16>().unwrap(), vec![1, 2]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn fromfile(
    path: impl AsRef<Path>,
    dtype: &DType,
    count: Option<usize>,
    sep: &str,
    offset: u64,
) -> Result<NdArray> {
    let p = path.as_ref();
    let bytes = std::fs::read(p).map_err(|e| io_err(p, e))?;
    let start = usize::try_from(offset).ok().filter(|&o| o <= bytes.len()).ok_or_else(|| Error::Io {
        path: p.display().to_string(),
        message: format!("offset {offset} is past the end of the file ({} bytes)", bytes.len()),
    })?;
    let body = &bytes[start..];
    if sep.is_empty() {
        let isz = dtype.itemsize();
        let available = body.len() / isz;
        let n = match count {
            Some(c) if c > available => {
                return Err(Error::Value(format!("{}: {c} items requested but only {available} read", p.display())))
            }
            Some(c) => c,
            None => available,
        };
        let a = NdArray::empty(&[n], dtype.clone(), Order::C)?;
        if n > 0 {
            a.storage().with_write(|b| b[..n * isz].copy_from_slice(&body[..n * isz]))?;
        }
        return Ok(a);
    }
    let text = std::str::from_utf8(body).map_err(|_| Error::Value(format!("{}: text is not UTF-8", p.display())))?;
    let tokens = split_text(text, sep);
    let t = match dtype.kind() {
        DTypeKind::Num(t) => *t,
        _ => return Err(Error::Type(format!("fromfile with a separator needs a numeric dtype, not {dtype}"))),
    };
    let mut values = Vec::new();
    for tok in tokens.iter().take(count.unwrap_or(usize::MAX)) {
        match parse_number(tok, t) {
            Some(v) => values.push(v),
            None => {
                return Err(Error::Value("string or file could not be read to its end due to unmatched data".into()))
            }
        }
    }
    let a = NdArray::empty(&[values.len()], dtype.clone(), Order::C)?;
    for (i, v) in values.into_iter().enumerate() {
        a.set(&[i as isize], v)?;
    }
    Ok(a)
}

/// Splits on `sep`, where whitespace inside `sep` matches any run of whitespace (and a separator
/// of only whitespace splits on runs of whitespace).
fn split_text<'a>(text: &'a str, sep: &str) -> Vec<&'a str> {
    let core = sep.trim();
    if core.is_empty() {
        return text.split_whitespace().collect();
    }
    text.split(core).map(str::trim).filter(|s| !s.is_empty()).collect()
}

fn parse_number(tok: &str, t: NumType) -> Option<Scalar> {
    let f = || -> Option<f64> {
        match tok.to_ascii_lowercase().as_str() {
            "nan" | "+nan" | "-nan" => Some(f64::NAN),
            "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
            "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
            s => s.parse().ok(),
        }
    };
    if t.is_integer() || t == NumType::Bool {
        return tok.parse::<i64>().ok().map(Scalar::I64).or_else(|| tok.parse::<u64>().ok().map(Scalar::U64));
    }
    f().map(Scalar::F64)
}

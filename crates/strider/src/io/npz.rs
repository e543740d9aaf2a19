//! The `.npz` format: a zip archive of `.npy` members (NumPy's `np.savez`,
//! `np.savez_compressed`, `np.load` of an archive).
//!
//! Owns reading members lazily (one at a time, by name), listing them, and writing archives
//! stored or deflated, atomically. A member's work is bounded by its own `.npy` header: bytes are
//! decompressed only as far as the header's shape needs, and memory grows with the bytes that
//! actually arrive, never with what a header claims.

use super::npy;
use crate::array::NdArray;
use crate::{Error, Result};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// An open `.npz` archive; members are read on demand.
///
/// ```
/// use strider::{io::npz, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-npz-doc-{}.npz", std::process::id()));
/// let a = NdArray::arange(0.0, 4.0, 1.0, DType::INT16).unwrap();
/// let b = NdArray::ones(&[2, 2], DType::FLOAT32, Order::F).unwrap();
/// npz::write(&path, &[("x", &a), ("arr_0", &b)], true).unwrap();
/// let mut z = npz::NpzFile::open(&path).unwrap();
/// assert_eq!(z.names(), vec!["x".to_string(), "arr_0".to_string()]);
/// assert_eq!(z.get("x").unwrap().to_vec::<i16>().unwrap(), vec![0, 1, 2, 3]);
/// assert!(z.get("arr_0.npy").unwrap().flags().f_contiguous);
/// std::fs::remove_file(path).unwrap();
/// ```
pub struct NpzFile {
    path: String,
    archive: zip::ZipArchive<std::io::BufReader<std::fs::File>>,
}

impl std::fmt::Debug for NpzFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NpzFile").field("path", &self.path).field("members", &self.archive.len()).finish()
    }
}

fn zip_err(path: &str, e: zip::result::ZipError) -> Error {
    Error::Format { path: path.to_string(), message: format!("not a readable .npz archive: {e}") }
}

impl NpzFile {
    /// Opens an archive (reads only its directory).
    ///
    /// ```
    /// assert!(strider::io::npz::NpzFile::open("/nonexistent.npz").is_err());
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<NpzFile> {
        let p = path.as_ref();
        let name = p.display().to_string();
        let file = std::fs::File::open(p).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
        let archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| zip_err(&name, e))?;
        Ok(NpzFile { path: name, archive })
    }

    /// Member names without the `.npy` suffix, in archive order (NumPy's `npz.files`).
    ///
    /// ```no_run
    /// let z = strider::io::npz::NpzFile::open("data.npz").unwrap();
    /// println!("{:?}", z.names());
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(|n| n.strip_suffix(".npy").unwrap_or(n).to_string()).collect()
    }

    /// Reads one member, by name with or without `.npy` (NumPy's `npz["x"]`).
    ///
    /// ```no_run
    /// let mut z = strider::io::npz::NpzFile::open("data.npz").unwrap();
    /// let a = z.get("arr_0").unwrap();
    /// ```
    pub fn get(&mut self, name: &str) -> Result<NdArray> {
        let full = if self.archive.index_for_name(name).is_some() { name.to_string() } else { format!("{name}.npy") };
        let where_ = format!("{}[{}]", self.path, full);
        let member = self
            .archive
            .by_name(&full)
            .map_err(|_| Error::Value(format!("{} is not a file in the archive {}", name, self.path)))?;
        read_member(member, &where_)
    }
}

impl NpzFile {
    /// The `.npy` header of one member, without reading its data (for inspection).
    ///
    /// ```no_run
    /// let mut z = strider::io::npz::NpzFile::open("data.npz").unwrap();
    /// let h = z.header("x").unwrap();
    /// println!("{} {:?}", h.dtype, h.shape);
    /// ```
    pub fn header(&mut self, name: &str) -> Result<npy::Header> {
        let full = if self.archive.index_for_name(name).is_some() { name.to_string() } else { format!("{name}.npy") };
        let where_ = format!("{}[{}]", self.path, full);
        let mut member = self
            .archive
            .by_name(&full)
            .map_err(|_| Error::Value(format!("{} is not a file in the archive {}", name, self.path)))?;
        let bytes = read_header_bytes(&mut member, &where_)?;
        npy::parse_header(&bytes, &where_)
    }
}

/// Reads the preamble and header of a `.npy` stream (exactly as many bytes as they take).
fn read_header_bytes(r: &mut impl Read, path: &str) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::Format { path: path.to_string(), message: format!("cannot read member: {e}") };
    // The preamble tells the header length; read exactly that much.
    let mut pre = [0u8; 12];
    r.read_exact(&mut pre[..10]).map_err(io)?;
    let pre_len = if pre[6] == 1 { 10 } else { 12 };
    if pre_len == 12 {
        r.read_exact(&mut pre[10..12]).map_err(io)?;
    }
    let hlen = if pre_len == 10 {
        u16::from_le_bytes([pre[8], pre[9]]) as usize
    } else {
        u32::from_le_bytes([pre[8], pre[9], pre[10], pre[11]]) as usize
    };
    if hlen > npy::MAX_HEADER_LEN {
        return Err(Error::Format {
            path: path.to_string(),
            message: format!("header of {hlen} bytes exceeds the limit"),
        });
    }
    let mut bytes = pre[..pre_len].to_vec();
    bytes.resize(pre_len + hlen, 0);
    r.read_exact(&mut bytes[pre_len..]).map_err(io)?;
    Ok(bytes)
}

/// Reads a `.npy` stream: the header first, then exactly the bytes its shape needs, growing the
/// buffer only as bytes arrive.
fn read_member(mut r: impl Read, path: &str) -> Result<NdArray> {
    let io = |e: std::io::Error| Error::Format { path: path.to_string(), message: format!("cannot read member: {e}") };
    let mut bytes = read_header_bytes(&mut r, path)?;
    let h = npy::parse_header(&bytes, path)?;
    let n = crate::layout::checked_size(&h.shape)
        .map_err(|_| Error::Format { path: path.into(), message: "shape too large".into() })?;
    let nbytes = n
        .checked_mul(h.dtype.itemsize())
        .ok_or_else(|| Error::Format { path: path.into(), message: "shape too large".into() })?;
    // Read at most `nbytes` more, into memory that grows with what really arrives.
    (&mut r).take(nbytes as u64).read_to_end(&mut bytes).map_err(io)?;
    npy::read_bytes(&bytes, path)
}

/// Writes arrays as a `.npz` archive, each as `<name>.npy` in the given order, deflated when
/// `compressed` (NumPy's `savez_compressed`) or stored (`savez`). Atomic: a temporary file in the
/// same directory is renamed over `path`.
///
/// ```
/// use strider::{io::npz, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-npzw-doc-{}.npz", std::process::id()));
/// npz::write(&path, &[("a", &NdArray::zeros(&[3], DType::INT8, Order::C).unwrap())], false).unwrap();
/// assert_eq!(npz::NpzFile::open(&path).unwrap().names(), vec!["a"]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn write(path: impl AsRef<Path>, arrays: &[(&str, &NdArray)], compressed: bool) -> Result<()> {
    let p = path.as_ref();
    let name = p.display().to_string();
    let io = |e: std::io::Error| Error::Io { path: name.clone(), message: e.to_string() };
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file_name = p.file_name().ok_or_else(|| Error::Io { path: name.clone(), message: "not a file path".into() })?;
    let tmp: PathBuf = dir.join(format!(".{}.{}.tmp", file_name.to_string_lossy(), std::process::id()));
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut zw = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let method = if compressed { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method).large_file(true);
        for (member, a) in arrays {
            zw.start_file(format!("{member}.npy"), opts).map_err(|e| zip_err(&name, e))?;
            zw.write_all(&npy::to_bytes(a)?).map_err(io)?;
        }
        let mut inner = zw.finish().map_err(|e| zip_err(&name, e))?;
        inner.flush().map_err(io)?;
        inner.seek(std::io::SeekFrom::End(0)).map_err(io)?;
        Ok(())
    })();
    match result.and_then(|_| std::fs::rename(&tmp, p).map_err(io)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Names positional arrays as NumPy's `savez(f, a, b)` does: `arr_0`, `arr_1`, ...
///
/// ```
/// assert_eq!(strider::io::npz::positional_names(2), vec!["arr_0", "arr_1"]);
/// ```
pub fn positional_names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("arr_{i}")).collect()
}

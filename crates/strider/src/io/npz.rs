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

/// A `.npz` archive written member by member, each member either whole ([`NpzWriter::add`]) or
/// streamed in chunks ([`NpzWriter::begin`], [`NpzWriter::write`], [`NpzWriter::end`]), so an
/// array larger than memory can be archived. The archive goes to a temporary file in the target's
/// directory and is renamed over the target only by [`NpzWriter::finish`]; dropping the writer
/// unfinished, or any error, removes the temporary file and leaves the target untouched.
///
/// ```
/// use strider::{io::npz::{NpzFile, NpzWriter}, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-npzwriter-doc-{}.npz", std::process::id()));
/// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT32).unwrap().reshape(&[3, 2]).unwrap();
/// let mut w = NpzWriter::create(&path, true).unwrap();
/// w.begin("a", &DType::INT32, &[3, 2], Order::C).unwrap();
/// w.write(&a.index("0:2").unwrap()).unwrap(); // rows 0..2, then row 2
/// w.write(&a.index("2:").unwrap()).unwrap();
/// w.end().unwrap();
/// w.finish().unwrap();
/// assert_eq!(NpzFile::open(&path).unwrap().get("a").unwrap().to_vec::<i32>().unwrap(), vec![0, 1, 2, 3, 4, 5]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub struct NpzWriter {
    path: PathBuf,
    tmp: PathBuf,
    name: String,
    zw: Option<zip::ZipWriter<std::io::BufWriter<std::fs::File>>>,
    opts: zip::write::SimpleFileOptions,
    member: Option<Member>,
}

/// The member being streamed: what its header promised and how much has arrived.
struct Member {
    name: String,
    dtype: crate::DType,
    order: crate::Order,
    expected: usize,
    written: usize,
}

impl std::fmt::Debug for NpzWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NpzWriter").field("path", &self.name).finish_non_exhaustive()
    }
}

impl NpzWriter {
    /// Starts an archive at `path`, deflated when `compressed` (`np.savez_compressed`), stored
    /// otherwise (`np.savez`).
    ///
    /// ```
    /// assert!(strider::io::npz::NpzWriter::create("/nonexistent-dir/a.npz", false).is_err());
    /// ```
    pub fn create(path: impl AsRef<Path>, compressed: bool) -> Result<NpzWriter> {
        let p = path.as_ref();
        let name = p.display().to_string();
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let file_name =
            p.file_name().ok_or_else(|| Error::Io { path: name.clone(), message: "not a file path".into() })?;
        let tmp = dir.join(format!(".{}.{}.stream.tmp", file_name.to_string_lossy(), std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
        let method = if compressed { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        Ok(NpzWriter {
            path: p.to_path_buf(),
            tmp,
            name,
            zw: Some(zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file))),
            opts: zip::write::SimpleFileOptions::default().compression_method(method).large_file(true),
            member: None,
        })
    }

    fn io(&self, e: std::io::Error) -> Error {
        Error::Io { path: self.name.clone(), message: e.to_string() }
    }

    fn zip(&mut self) -> Result<&mut zip::ZipWriter<std::io::BufWriter<std::fs::File>>> {
        let name = self.name.clone();
        self.zw.as_mut().ok_or_else(|| Error::Io { path: name, message: "the archive is already finished".into() })
    }

    fn start_member(&mut self, member: &str) -> Result<()> {
        if let Some(m) = &self.member {
            return Err(Error::Value(format!(
                "{}: member '{}' is still open; end it before starting '{member}'",
                self.name, m.name
            )));
        }
        let (name, opts) = (self.name.clone(), self.opts);
        self.zip()?.start_file(format!("{member}.npy"), opts).map_err(|e| zip_err(&name, e))
    }

    /// Adds a whole array as member `name` (written as `name.npy`, exactly as `np.savez` does).
    ///
    /// ```
    /// use strider::{io::npz::{NpzFile, NpzWriter}, DType, NdArray, Order};
    /// let path = std::env::temp_dir().join(format!("strider-npzadd-doc-{}.npz", std::process::id()));
    /// let mut w = NpzWriter::create(&path, false).unwrap();
    /// w.add("x", &NdArray::ones(&[2], DType::UINT8, Order::C).unwrap()).unwrap();
    /// w.finish().unwrap();
    /// assert_eq!(NpzFile::open(&path).unwrap().names(), vec!["x"]);
    /// std::fs::remove_file(path).unwrap();
    /// ```
    pub fn add(&mut self, name: &str, a: &NdArray) -> Result<()> {
        let bytes = npy::to_bytes(a)?;
        self.start_member(name)?;
        self.zip()?.write_all(&bytes).map_err(|e| self.io(e))
    }

    /// Starts member `name` of `dtype` and `shape`, whose data will arrive in `order` (`F` is
    /// recorded as `fortran_order` when the shape makes C and F differ, as `np.save` does; `A`
    /// and `K` mean C). The data then comes through [`NpzWriter::write`].
    ///
    /// ```
    /// use strider::{io::npz::NpzWriter, DType, Order};
    /// let path = std::env::temp_dir().join(format!("strider-npzbegin-doc-{}.npz", std::process::id()));
    /// let mut w = NpzWriter::create(&path, false).unwrap();
    /// w.begin("a", &DType::FLOAT64, &[2], Order::C).unwrap();
    /// assert!(w.begin("b", &DType::FLOAT64, &[2], Order::C).is_err()); // "a" is still open
    /// assert!(w.end().is_err()); // and has no data yet
    /// drop(w); // unfinished: nothing is left behind
    /// assert!(!path.exists());
    /// ```
    pub fn begin(&mut self, name: &str, dtype: &crate::DType, shape: &[usize], order: crate::Order) -> Result<()> {
        let size = crate::layout::checked_size(shape)?;
        let expected = size
            .checked_mul(dtype.itemsize())
            .ok_or_else(|| Error::Value(format!("array is too big; shape {shape:?} of {dtype} overflows")))?;
        let order = if order == crate::Order::F { crate::Order::F } else { crate::Order::C };
        let fortran = order == crate::Order::F && size > 0 && shape.iter().filter(|&&n| n > 1).count() > 1;
        let header = npy::header_for(dtype, shape, fortran)?;
        self.start_member(name)?;
        self.zip()?.write_all(&header).map_err(|e| self.io(e))?;
        self.member = Some(Member { name: name.to_string(), dtype: dtype.clone(), order, expected, written: 0 });
        Ok(())
    }

    /// Appends `chunk`'s elements, in the member's order, to the open member. Chunks must have
    /// the member's dtype and together hold exactly the elements the header promised: for C
    /// order, consecutive blocks of the outermost axis; for F order, of the innermost.
    ///
    /// ```
    /// use strider::{io::npz::NpzWriter, DType, NdArray, Order};
    /// let path = std::env::temp_dir().join(format!("strider-npzwrite-doc-{}.npz", std::process::id()));
    /// let mut w = NpzWriter::create(&path, false).unwrap();
    /// w.begin("a", &DType::INT8, &[2], Order::C).unwrap();
    /// assert!(w.write(&NdArray::ones(&[2], DType::INT16, Order::C).unwrap()).is_err()); // wrong dtype
    /// assert!(w.write(&NdArray::ones(&[3], DType::INT8, Order::C).unwrap()).is_err()); // too many
    /// ```
    pub fn write(&mut self, chunk: &NdArray) -> Result<()> {
        let Some(m) = &self.member else {
            return Err(Error::Value(format!("{}: no member is open; call begin first", self.name)));
        };
        if chunk.dtype() != &m.dtype {
            return Err(Error::Value(format!(
                "{}: member '{}' holds {}, not {}",
                self.name,
                m.name,
                m.dtype,
                chunk.dtype()
            )));
        }
        if m.written + chunk.nbytes() > m.expected {
            return Err(Error::Value(format!(
                "{}: member '{}' holds {} bytes of data; {} more would make {}",
                self.name,
                m.name,
                m.expected,
                chunk.nbytes(),
                m.written + chunk.nbytes()
            )));
        }
        let bytes = chunk.to_bytes(m.order)?;
        self.zip()?.write_all(&bytes).map_err(|e| self.io(e))?;
        if let Some(m) = self.member.as_mut() {
            m.written += bytes.len();
        }
        Ok(())
    }

    /// Ends the open member, checking that all its data arrived.
    ///
    /// ```
    /// # use strider::{io::npz::NpzWriter, DType, NdArray, Order};
    /// # let path = std::env::temp_dir().join(format!("strider-npzend-doc-{}.npz", std::process::id()));
    /// let mut w = NpzWriter::create(&path, false).unwrap();
    /// w.begin("a", &DType::INT8, &[0], Order::C).unwrap();
    /// w.end().unwrap(); // an empty member needs no data
    /// ```
    pub fn end(&mut self) -> Result<()> {
        match self.member.take() {
            None => Err(Error::Value(format!("{}: no member is open", self.name))),
            Some(m) if m.written != m.expected => {
                let message =
                    format!("{}: member '{}' got {} of its {} bytes of data", self.name, m.name, m.written, m.expected);
                self.member = Some(m);
                Err(Error::Value(message))
            }
            Some(_) => Ok(()),
        }
    }

    /// Completes the archive and renames it over the target path.
    ///
    /// ```
    /// # use strider::{io::npz::NpzWriter, DType, Order};
    /// # let path = std::env::temp_dir().join(format!("strider-npzfinish-doc-{}.npz", std::process::id()));
    /// let mut w = NpzWriter::create(&path, false).unwrap();
    /// w.begin("a", &DType::INT8, &[1], Order::C).unwrap();
    /// assert!(w.finish().is_err()); // member "a" never got its byte
    /// assert!(!path.exists());
    /// ```
    pub fn finish(mut self) -> Result<()> {
        if let Some(m) = &self.member {
            return Err(Error::Value(format!("{}: member '{}' was never ended", self.name, m.name)));
        }
        let name = self.name.clone();
        let zw = self.zw.take().ok_or_else(|| Error::Io { path: name.clone(), message: "already finished".into() })?;
        let mut inner = zw.finish().map_err(|e| zip_err(&name, e))?;
        inner.flush().map_err(|e| self.io(e))?;
        drop(inner);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| self.io(e))
    }
}

impl Drop for NpzWriter {
    fn drop(&mut self) {
        // Unfinished (an error, or the caller gave up): the partial archive must not survive.
        // After a successful finish the temporary name no longer exists and this does nothing.
        drop(self.zw.take());
        let _ = std::fs::remove_file(&self.tmp);
    }
}

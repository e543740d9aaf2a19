//! The `.npy` format: NumPy's file for one array.
//!
//! Owns reading and writing `.npy` bytes: the magic string, versions 1.0, 2.0 and 3.0, the header
//! dictionary (`descr`, `fortran_order`, `shape`) parsed as the Python literal it is, and the data
//! block. A file is untrusted input: nothing is allocated because a header asks for it (the shape's
//! byte count, computed with overflow checks, must match the data actually present), the header
//! size is capped as NumPy caps it, and every problem is an error naming what is wrong. Numeric
//! dtypes only for now; structured, string and datetime descrs arrive with those dtypes.

use crate::array::NdArray;
use crate::dtype::DType;
use crate::layout::{self, Order};
use crate::storage::{MapMode, Storage};
use crate::{Error, Result};
use std::path::Path;

/// The magic bytes every `.npy` file starts with.
///
/// ```
/// assert_eq!(&strider::io::npy::MAGIC[1..], b"NUMPY");
/// ```
pub const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// NumPy refuses headers longer than this by default (`max_header_size`).
///
/// ```
/// assert_eq!(strider::io::npy::MAX_HEADER_LEN, 10_000);
/// ```
pub const MAX_HEADER_LEN: usize = 10_000;

/// What a `.npy` header says.
///
/// ```
/// use strider::{io::npy, DType, NdArray, Order};
/// let b = npy::to_bytes(&NdArray::zeros(&[4], DType::UINT8, Order::C).unwrap()).unwrap();
/// assert_eq!(npy::parse_header(&b, "mem").unwrap().dtype, DType::UINT8);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Format version `(major, minor)`.
    pub version: (u8, u8),
    /// The element type.
    pub dtype: DType,
    /// Whether the data is in Fortran (column-major) order.
    pub fortran_order: bool,
    /// The array's shape.
    pub shape: Vec<usize>,
    /// Where the data starts, in bytes from the start of the file.
    pub data_offset: usize,
}

fn fmt_err(path: &str, message: impl Into<String>) -> Error {
    Error::Format { path: path.to_string(), message: message.into() }
}

/// Parses the header of `.npy` bytes (`path` only names the source in errors).
///
/// ```
/// use strider::io::npy;
/// use strider::{DType, NdArray, Order};
/// let bytes = npy::to_bytes(&NdArray::zeros(&[2, 3], DType::INT16, Order::F).unwrap()).unwrap();
/// let h = npy::parse_header(&bytes, "mem").unwrap();
/// assert_eq!((h.version, h.fortran_order, h.shape.clone(), h.data_offset), ((1, 0), true, vec![2, 3], 128));
/// assert!(npy::parse_header(b"not a file", "mem").is_err());
/// ```
pub fn parse_header(bytes: &[u8], path: &str) -> Result<Header> {
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err(fmt_err(path, "not a .npy file: the magic string \\x93NUMPY is missing"));
    }
    let version = (bytes[6], bytes[7]);
    let (len_size, utf8) = match version {
        (1, 0) => (2, false),
        (2, 0) => (4, false),
        (3, 0) => (4, true),
        (a, b) => return Err(fmt_err(path, format!("unsupported .npy format version {a}.{b}"))),
    };
    if bytes.len() < 8 + len_size {
        return Err(fmt_err(path, "truncated header"));
    }
    let hlen = if len_size == 2 {
        u16::from_le_bytes([bytes[8], bytes[9]]) as usize
    } else {
        u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize
    };
    if hlen > MAX_HEADER_LEN {
        return Err(fmt_err(path, format!("header of {hlen} bytes exceeds the limit of {MAX_HEADER_LEN}")));
    }
    let start = 8 + len_size;
    let end = start + hlen;
    let raw = bytes.get(start..end).ok_or_else(|| fmt_err(path, "truncated header"))?;
    let text: String = if utf8 {
        std::str::from_utf8(raw).map_err(|_| fmt_err(path, "header is not valid UTF-8"))?.to_string()
    } else {
        // Version 1 and 2 headers are latin-1.
        raw.iter().map(|&b| b as char).collect()
    };
    let text = text.as_str();
    let dict = literal::parse(text).map_err(|m| fmt_err(path, format!("cannot parse header {text:?}: {m}")))?;
    let literal::Value::Dict(items) = dict else {
        return Err(fmt_err(path, format!("header is not a dictionary: {text:?}")));
    };
    let mut keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] {
        return Err(fmt_err(path, format!("header keys must be exactly descr, fortran_order, shape; got {keys:?}")));
    }
    let get = |k: &str| items.iter().find(|(key, _)| key == k).map(|(_, v)| v).expect("key checked above");
    let dtype = match get("descr") {
        literal::Value::Str(s) if s.contains('O') => {
            return Err(fmt_err(path, format!("object arrays (descr {s:?}) need pickle, which Strider does not load")))
        }
        v @ (literal::Value::Str(_) | literal::Value::List(_)) => DType::from_literal(v, false, true).map_err(|e| {
            let shown = match v {
                literal::Value::Str(s) => format!("{s:?}"),
                other => format!("{other:?}"),
            };
            fmt_err(path, format!("unsupported descr {shown}: {e}"))
        })?,
        other => return Err(fmt_err(path, format!("descr {other:?} is not a dtype"))),
    };
    let fortran_order = match get("fortran_order") {
        literal::Value::Bool(b) => *b,
        other => return Err(fmt_err(path, format!("fortran_order must be True or False, not {other:?}"))),
    };
    let shape = match get("shape") {
        literal::Value::Tuple(items) => items
            .iter()
            .map(|v| match v {
                literal::Value::Int(i) if *i >= 0 => {
                    usize::try_from(*i).map_err(|_| fmt_err(path, "dimension too large"))
                }
                // Python's bools are ints, and NumPy's header check takes them as such.
                literal::Value::Bool(b) => Ok(usize::from(*b)),
                other => Err(fmt_err(path, format!("shape entries must be non-negative integers, not {other:?}"))),
            })
            .collect::<Result<Vec<usize>>>()?,
        other => return Err(fmt_err(path, format!("shape must be a tuple, not {other:?}"))),
    };
    Ok(Header { version, dtype, fortran_order, shape, data_offset: end })
}

/// Reads an array from `.npy` bytes. The array owns a fresh copy of the data; an F-ordered file
/// gives an F-ordered array (no reordering).
///
/// ```
/// use strider::io::npy;
/// use strider::{DType, NdArray, Order};
/// let a = NdArray::arange(0.0, 6.0, 1.0, DType::FLOAT32).unwrap().reshape(&[2, 3]).unwrap();
/// let b = npy::read_bytes(&npy::to_bytes(&a).unwrap(), "mem").unwrap();
/// assert_eq!(b.to_vec::<f32>().unwrap(), a.to_vec::<f32>().unwrap());
/// ```
pub fn read_bytes(bytes: &[u8], path: &str) -> Result<NdArray> {
    let h = parse_header(bytes, path)?;
    let nbytes = data_len(&h, bytes.len() as u64, path)?;
    let data = &bytes[h.data_offset..];
    let order = if h.fortran_order { Order::F } else { Order::C };
    let a = NdArray::empty(&h.shape, h.dtype, order)?;
    if nbytes > 0 {
        a.storage().with_write(|b| b[..nbytes].copy_from_slice(&data[..nbytes]))?;
    }
    Ok(a)
}

/// Reads a `.npy` file: the header, then the data straight into the new array's storage (one
/// copy, as `np.load`), after checking that the file really holds what the header describes.
///
/// ```no_run
/// let a = strider::io::npy::read("data.npy").unwrap();
/// ```
pub fn read(path: impl AsRef<Path>) -> Result<NdArray> {
    use std::io::{Read, Seek, SeekFrom};
    let p = path.as_ref();
    let name = p.display().to_string();
    let io = |e: std::io::Error| Error::Io { path: name.clone(), message: e.to_string() };
    let mut file = std::fs::File::open(p).map_err(io)?;
    let (h, file_len) = header_of(&file, &name)?;
    let nbytes = data_len(&h, file_len, &name)?;
    let order = if h.fortran_order { Order::F } else { Order::C };
    let a = NdArray::empty(&h.shape, h.dtype, order)?;
    if nbytes > 0 {
        file.seek(SeekFrom::Start(h.data_offset as u64)).map_err(io)?;
        a.storage()
            .with_write(|b| file.read_exact(&mut b[..nbytes]))
            .map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?
            .map_err(io)?;
    }
    Ok(a)
}

/// The header NumPy's `np.save` writes for an array: its dict text, padded with spaces and a
/// newline so the data starts at a multiple of 64 bytes, in the lowest version that can hold it.
fn header_bytes(a: &NdArray) -> Result<Vec<u8>> {
    let fortran = a.flags().f_contiguous && !a.flags().c_contiguous;
    header_for(a.dtype(), a.shape(), fortran)
}

pub(crate) fn header_for(dtype: &DType, shape: &[usize], fortran: bool) -> Result<Vec<u8>> {
    let dims = shape;
    let shape_text = match shape {
        [n] => format!("({n},)"),
        s => format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    };
    let dict = format!(
        "{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
        dtype.header_descr()?,
        if fortran { "True" } else { "False" },
        shape_text
    );
    // NumPy leaves room for the growing axis to reach 21 digits.
    let grow = match dims.first().zip(dims.last()) {
        Some((first, last)) => 21usize.saturating_sub((if fortran { *last } else { *first }).to_string().len()),
        None => 0,
    };
    let dict = format!("{dict}{}", " ".repeat(grow));
    // NumPy writes latin-1 in versions 1 and 2 and needs version 3 (UTF-8) only for field names
    // that latin-1 cannot hold.
    let latin1 = dict.chars().all(|c| (c as u32) < 256);
    let text: Vec<u8> = if latin1 { dict.chars().map(|c| c as u8).collect() } else { dict.clone().into_bytes() };
    let build = |len_size: usize, major: u8| {
        let unpadded = MAGIC.len() + 2 + len_size + text.len() + 1;
        let pad = 64 - unpadded % 64;
        let hlen = text.len() + pad + 1;
        let mut out = Vec::with_capacity(unpadded + pad);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[major, 0]);
        if len_size == 2 {
            out.extend_from_slice(&(hlen as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&(hlen as u32).to_le_bytes());
        }
        out.extend_from_slice(&text);
        out.extend(std::iter::repeat_n(b' ', pad));
        out.push(b'\n');
        out
    };
    if !latin1 {
        return Ok(build(4, 3));
    }
    let v1 = build(2, 1);
    Ok(if v1.len() - 10 <= u16::MAX as usize { v1 } else { build(4, 2) })
}

/// The bytes NumPy's `np.save` writes for `a` (header, then data in C order, or in F order for an
/// array that is F- and not C-contiguous).
///
/// ```
/// use strider::{io::npy, DType, NdArray, Order};
/// let b = npy::to_bytes(&NdArray::zeros(&[3], DType::FLOAT64, Order::C).unwrap()).unwrap();
/// assert_eq!(&b[..10], b"\x93NUMPY\x01\x00v\x00");
/// assert_eq!(b.len(), 128 + 24);
/// ```
pub fn to_bytes(a: &NdArray) -> Result<Vec<u8>> {
    let mut out = header_bytes(a)?;
    let fortran = a.flags().f_contiguous && !a.flags().c_contiguous;
    if a.dtype().record().is_some() && !(a.flags().c_contiguous || fortran) {
        // np.save copies such arrays first: fields only, padding zero.
        out.extend_from_slice(&a.copy(Order::C)?.to_bytes(Order::C)?);
        return Ok(out);
    }
    out.extend_from_slice(&a.to_bytes(if fortran { Order::F } else { Order::C })?);
    Ok(out)
}

/// Writes `a` as a `.npy` file, atomically: the bytes go to a temporary file in the same directory
/// that is then renamed over `path`, so a failure never leaves a half-written file there. Like
/// `np.save` it does not wait for the disk (see [`write_synced`]).
///
/// ```
/// use strider::{io::npy, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-doc-{}.npy", std::process::id()));
/// npy::write(&path, &NdArray::ones(&[2], DType::INT8, Order::C).unwrap()).unwrap();
/// assert_eq!(npy::read(&path).unwrap().to_vec::<i8>().unwrap(), vec![1, 1]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn write(path: impl AsRef<Path>, a: &NdArray) -> Result<()> {
    write_opts(path.as_ref(), a, false)
}

/// [`write`], then flushes the file and its directory entry to the device (`fsync`) before
/// returning, so the new file survives a power cut. Slower by however long the disk takes;
/// NumPy never does this.
///
/// ```
/// use strider::{io::npy, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-sync-doc-{}.npy", std::process::id()));
/// npy::write_synced(&path, &NdArray::zeros(&[3], DType::FLOAT32, Order::C).unwrap()).unwrap();
/// assert_eq!(npy::read(&path).unwrap().shape(), &[3]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn write_synced(path: impl AsRef<Path>, a: &NdArray) -> Result<()> {
    write_opts(path.as_ref(), a, true)
}

fn write_opts(path: &Path, a: &NdArray, sync: bool) -> Result<()> {
    let fortran = a.flags().f_contiguous && !a.flags().c_contiguous;
    let dense = a.flags().c_contiguous || fortran;
    if !dense || a.size() == 0 {
        let bytes = to_bytes(a)?;
        return super::raw::write_atomic_opts(path, sync, |w| w.write_all(&bytes));
    }
    // Dense arrays stream from their storage: no intermediate copy of the data.
    let header = header_bytes(a)?;
    let start = match layout::byte_extent(a.shape(), a.strides(), a.itemsize())? {
        Some((low, _)) => (a.offset() as isize + low) as usize,
        None => a.offset(),
    };
    let n = a.nbytes();
    super::raw::write_atomic_opts(path, sync, |w| {
        w.write_all(&header)?;
        a.storage().with_read(|b| w.write_all(&b[start..start + n]))
    })
}

/// Opens a file for reading, and for writing too when mapping it read-write.
fn open_for(p: &Path, mode: MapMode) -> std::io::Result<std::fs::File> {
    match mode {
        MapMode::ReadWrite => std::fs::OpenOptions::new().read(true).write(true).open(p),
        _ => std::fs::File::open(p),
    }
}

/// The data size a header describes, checked (with overflow checks) against the bytes the file
/// really holds after the header, before anything is allocated or mapped.
fn data_len(h: &Header, file_len: u64, name: &str) -> Result<usize> {
    let n = layout::checked_size(&h.shape).map_err(|_| fmt_err(name, "shape has too many elements"))?;
    let nbytes = n.checked_mul(h.dtype.itemsize()).ok_or_else(|| fmt_err(name, "shape is too large"))?;
    let available = file_len.saturating_sub(h.data_offset as u64);
    if (nbytes as u64) > available {
        return Err(fmt_err(
            name,
            format!(
                "truncated data: shape {} of {} needs {nbytes} bytes, the file has {available}",
                layout::shape_str(&h.shape),
                h.dtype.str()
            ),
        ));
    }
    Ok(nbytes)
}

fn header_of(file: &std::fs::File, name: &str) -> Result<(Header, u64)> {
    let io = |e: std::io::Error| Error::Io { path: name.to_string(), message: e.to_string() };
    let file_len = file.metadata().map_err(io)?.len();
    let mut head = vec![0u8; (12 + MAX_HEADER_LEN).min(file_len as usize)];
    std::io::Read::read_exact(&mut &*file, &mut head).map_err(io)?;
    Ok((parse_header(&head, name)?, file_len))
}

/// The header of a `.npy` file and the file's length, reading nothing else (for inspection).
///
/// ```
/// use strider::{io::npy, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-hdr-doc-{}.npy", std::process::id()));
/// npy::write(&path, &NdArray::zeros(&[2, 3], DType::INT16, Order::F).unwrap()).unwrap();
/// let (h, len) = npy::read_header(&path).unwrap();
/// assert_eq!((h.fortran_order, len), (true, 128 + 12));
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn read_header(path: impl AsRef<Path>) -> Result<(Header, u64)> {
    let p = path.as_ref();
    let name = p.display().to_string();
    let file = std::fs::File::open(p).map_err(|e| Error::Io { path: name.clone(), message: e.to_string() })?;
    header_of(&file, &name)
}

/// Opens a `.npy` file as a memory-mapped array (NumPy's `np.load(path, mmap_mode=...)`): `r`
/// read-only, `r+` writes reach the file, `c` copy-on-write. Only the header is read; the data is
/// mapped, so opening costs the same whatever the file's size. The header must describe no more
/// data than the file holds. The array does not own its data and stays valid (with its views) as
/// long as any of them lives.
///
/// ```
/// use strider::{io::npy, storage::MapMode, DType, NdArray, Order};
/// let path = std::env::temp_dir().join(format!("strider-mm-doc-{}.npy", std::process::id()));
/// npy::write(&path, &NdArray::arange(0.0, 6.0, 1.0, DType::INT32).unwrap()).unwrap();
/// let m = npy::open_memmap(&path, MapMode::ReadWrite).unwrap();
/// m.set(&[0], 42i64).unwrap();
/// m.flush().unwrap();
/// assert_eq!(npy::read(&path).unwrap().to_vec::<i32>().unwrap(), vec![42, 1, 2, 3, 4, 5]);
/// let r = npy::open_memmap(&path, MapMode::ReadOnly).unwrap();
/// assert!(!r.flags().writeable && !r.flags().owndata);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn open_memmap(path: impl AsRef<Path>, mode: MapMode) -> Result<NdArray> {
    let p = path.as_ref();
    let name = p.display().to_string();
    let io = |e: std::io::Error| Error::Io { path: name.clone(), message: e.to_string() };
    let file = open_for(p, mode).map_err(io)?;
    let (h, file_len) = header_of(&file, &name)?;
    let nbytes = data_len(&h, file_len, &name)?;
    let storage = Storage::map_file(&file, h.data_offset as u64, nbytes, mode).map_err(|e| match e {
        Error::Io { message, .. } => Error::Io { path: name.clone(), message },
        other => other,
    })?;
    let order = if h.fortran_order { Order::F } else { Order::C };
    let strides = layout::fill_strides(&h.shape, h.dtype.itemsize(), order);
    NdArray::from_raw_parts(storage, h.dtype, &h.shape, &strides, 0)
}

/// Creates a `.npy` file of the given dtype, shape and order filled with zeros and maps it for
/// writing (NumPy's `np.lib.format.open_memmap(path, mode='w+', ...)`). The file is sized, not
/// written, so creating a large one is cheap (sparse where the file system allows).
///
/// ```
/// use strider::{io::npy, DType, Order};
/// let path = std::env::temp_dir().join(format!("strider-mmw-doc-{}.npy", std::process::id()));
/// let m = npy::create_memmap(&path, &DType::FLOAT64, &[2, 3], Order::F).unwrap();
/// m.fill(1.5).unwrap();
/// m.flush().unwrap();
/// let back = npy::read(&path).unwrap();
/// assert!(back.flags().f_contiguous && back.to_vec::<f64>().unwrap() == vec![1.5; 6]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn create_memmap(path: impl AsRef<Path>, dtype: &DType, shape: &[usize], order: Order) -> Result<NdArray> {
    let p = path.as_ref();
    let name = p.display().to_string();
    let io = |e: std::io::Error| Error::Io { path: name.clone(), message: e.to_string() };
    let n = layout::checked_size(shape)?;
    let nbytes = n.checked_mul(dtype.itemsize()).ok_or_else(|| Error::Value("array is too big".into()))?;
    // NumPy's open_memmap writes fortran_order as requested, even where C and F coincide.
    let fortran = order == Order::F;
    let header = header_for(dtype, shape, fortran)?;
    let mut file =
        std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(p).map_err(io)?;
    std::io::Write::write_all(&mut file, &header).map_err(io)?;
    file.set_len(header.len() as u64 + nbytes as u64).map_err(io)?;
    drop(file);
    open_memmap(p, MapMode::ReadWrite)
}

/// Maps any file as an array (NumPy's `np.memmap(path, dtype, mode, offset, shape, order)`): the
/// data starts `offset` bytes into the file and is read in C or F order. The file must hold the
/// whole array.
///
/// ```
/// use strider::{io::npy, storage::MapMode, DType, Order};
/// let path = std::env::temp_dir().join(format!("strider-raw-doc-{}", std::process::id()));
/// std::fs::write(&path, [0u8, 1, 0, 2, 0, 3, 0]).unwrap();
/// let a = npy::memmap_raw(&path, &">u2".parse().unwrap(), &[3], 1, Order::C, MapMode::ReadOnly).unwrap();
/// assert_eq!(a.astype(&DType::UINT16, strider::Casting::Unsafe).unwrap().to_vec::<u16>().unwrap(), vec![256, 512, 768]);
/// std::fs::remove_file(path).unwrap();
/// ```
pub fn memmap_raw(
    path: impl AsRef<Path>,
    dtype: &DType,
    shape: &[usize],
    offset: u64,
    order: Order,
    mode: MapMode,
) -> Result<NdArray> {
    let p = path.as_ref();
    let name = p.display().to_string();
    let io = |e: std::io::Error| Error::Io { path: name.clone(), message: e.to_string() };
    let file = open_for(p, mode).map_err(io)?;
    let n = layout::checked_size(shape)?;
    let nbytes = n.checked_mul(dtype.itemsize()).ok_or_else(|| Error::Value("array is too big".into()))?;
    let file_len = file.metadata().map_err(io)?.len();
    if offset.checked_add(nbytes as u64).is_none_or(|end| end > file_len) {
        return Err(Error::Io {
            path: name.clone(),
            message: format!("mmap length {nbytes} at offset {offset} is greater than file size {file_len}"),
        });
    }
    let storage = Storage::map_file(&file, offset, nbytes, mode)?;
    let strides = layout::fill_strides(shape, dtype.itemsize(), if order == Order::F { Order::F } else { Order::C });
    NdArray::from_raw_parts(storage, dtype.clone(), shape, &strides, 0)
}

/// A parser for the Python literals that appear in `.npy` headers: dicts, tuples, lists, strings,
/// integers (with Python 2's `L` suffix), `True`/`False`/`None`.
pub(crate) mod literal {
    #[derive(Clone, Debug, PartialEq)]
    pub enum Value {
        Dict(Vec<(String, Value)>),
        Tuple(Vec<Value>),
        List(Vec<Value>),
        Str(String),
        Int(i128),
        Bool(bool),
        None,
    }

    pub fn parse(text: &str) -> Result<Value, String> {
        let mut p = Parser { text, s: text.as_bytes(), i: 0 };
        let v = p.value(0)?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!("unexpected text at byte {}", p.i));
        }
        Ok(v)
    }

    struct Parser<'a> {
        text: &'a str,
        s: &'a [u8],
        i: usize,
    }

    impl Parser<'_> {
        fn ws(&mut self) {
            while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            }
        }
        fn peek(&mut self) -> Option<u8> {
            self.ws();
            self.s.get(self.i).copied()
        }
        fn expect(&mut self, c: u8) -> Result<(), String> {
            if self.peek() == Some(c) {
                self.i += 1;
                Ok(())
            } else {
                Err(format!("expected {:?} at byte {}", c as char, self.i))
            }
        }
        /// A quoted string as Python's tokenizer reads it: the escapes of a (non-raw) literal are
        /// decoded, an unknown escape stays as written, and a raw line break ends nothing but is
        /// an error, as is a NUL byte anywhere (Python refuses source holding one).
        fn string(&mut self, raw: bool) -> Result<String, String> {
            let q = self.s[self.i];
            self.i += 1;
            let start = self.i;
            let mut out = String::new();
            let mut chars = self.text[start..].char_indices().peekable();
            let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices>, n: usize, at: usize| {
                let mut v = 0u32;
                for _ in 0..n {
                    match chars.next_if(|(_, c)| c.is_ascii_hexdigit()) {
                        Some((_, c)) => v = v * 16 + c.to_digit(16).expect("hex digit"),
                        None => return Err(format!("truncated \\x/\\u/\\U escape at byte {}", start + at)),
                    }
                }
                Ok(v)
            };
            loop {
                let Some((at, c)) = chars.next() else {
                    return Err("unterminated string".into());
                };
                match c {
                    '\0' => return Err(format!("NUL byte inside a string at byte {}", start + at)),
                    '\n' | '\r' => return Err(format!("line break inside a string at byte {}", start + at)),
                    c if c as u32 == q as u32 => {
                        self.i = start + at + 1;
                        return Ok(out);
                    }
                    '\\' => {
                        let Some((_, e)) = chars.next() else {
                            return Err("unterminated string".into());
                        };
                        if raw {
                            // A raw string keeps the backslash; it still escapes the quote.
                            if e == '\0' || e == '\r' {
                                return Err(format!("bad character in a string at byte {}", start + at + 1));
                            }
                            out.push('\\');
                            out.push(e);
                            continue;
                        }
                        let code = match e {
                            '\n' => continue,
                            '\\' | '\'' | '"' => e as u32,
                            'a' => 7,
                            'b' => 8,
                            'f' => 12,
                            'n' => 10,
                            'r' => 13,
                            't' => 9,
                            'v' => 11,
                            '0'..='7' => {
                                let mut v = e.to_digit(8).expect("octal digit");
                                for _ in 0..2 {
                                    match chars.next_if(|(_, c)| matches!(c, '0'..='7')) {
                                        Some((_, d)) => v = v * 8 + d.to_digit(8).expect("octal digit"),
                                        None => break,
                                    }
                                }
                                v
                            }
                            'x' => hex(&mut chars, 2, at)?,
                            'u' => hex(&mut chars, 4, at)?,
                            'U' => hex(&mut chars, 8, at)?,
                            '\0' => return Err(format!("NUL byte inside a string at byte {}", start + at + 1)),
                            other => {
                                out.push('\\');
                                out.push(other);
                                continue;
                            }
                        };
                        // Lone surrogates are Python strings but not Rust ones.
                        let ch = char::from_u32(code).ok_or_else(|| {
                            format!("escape for U+{code:X} is not a character, at byte {}", start + at)
                        })?;
                        out.push(ch);
                    }
                    c => out.push(c),
                }
            }
        }
        /// An integer literal as Python reads one: an optional sign, decimal (no leading zeros),
        /// `0x`/`0o`/`0b` forms, single underscores between digits, and Python 2's `L` suffix.
        fn integer(&mut self) -> Result<i128, String> {
            let start = self.i;
            let neg = self.s[self.i] == b'-';
            if matches!(self.s[self.i], b'-' | b'+') {
                self.i += 1;
                self.ws();
            }
            let radix = match (self.s.get(self.i), self.s.get(self.i + 1).map(u8::to_ascii_lowercase)) {
                (Some(b'0'), Some(b'x')) => 16,
                (Some(b'0'), Some(b'o')) => 8,
                (Some(b'0'), Some(b'b')) => 2,
                _ => 10,
            };
            if radix != 10 {
                self.i += 2;
                if self.s.get(self.i) == Some(&b'_') {
                    self.i += 1;
                }
            }
            let is_digit = |c: Option<&u8>| c.is_some_and(|&c| (c as char).is_digit(radix));
            let mut digits = String::new();
            while is_digit(self.s.get(self.i)) {
                digits.push(self.s[self.i] as char);
                self.i += 1;
                if self.s.get(self.i) == Some(&b'_') && is_digit(self.s.get(self.i + 1)) {
                    self.i += 1;
                }
            }
            let bad = format!("bad integer {:?}", String::from_utf8_lossy(&self.s[start..self.i.max(start + 1)]));
            let leading_zero =
                radix == 10 && digits.len() > 1 && digits.starts_with('0') && digits.contains(|c| c != '0');
            let glued = self.s.get(self.i).is_some_and(|c| c.is_ascii_alphanumeric() && !matches!(c, b'L' | b'l'));
            if digits.is_empty() || leading_zero || glued {
                return Err(bad);
            }
            let v = i128::from_str_radix(&digits, radix).map_err(|_| bad)?;
            if matches!(self.s.get(self.i), Some(b'L' | b'l')) {
                self.i += 1;
            }
            Ok(if neg { -v } else { v })
        }

        fn value(&mut self, depth: usize) -> Result<Value, String> {
            if depth > 32 {
                return Err("nesting too deep".into());
            }
            match self.peek().ok_or("unexpected end")? {
                b'{' => {
                    self.i += 1;
                    let mut items = Vec::new();
                    loop {
                        if self.peek() == Some(b'}') {
                            self.i += 1;
                            break;
                        }
                        let Value::Str(k) = self.value(depth + 1)? else {
                            return Err("dict keys must be strings".into());
                        };
                        if items.iter().any(|(key, _): &(String, Value)| *key == k) {
                            return Err(format!("duplicate key {k:?}"));
                        }
                        self.expect(b':')?;
                        let v = self.value(depth + 1)?;
                        items.push((k, v));
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {}
                            _ => return Err(format!("expected ',' or '}}' at byte {}", self.i)),
                        }
                    }
                    Ok(Value::Dict(items))
                }
                open @ (b'(' | b'[') => {
                    self.i += 1;
                    let close = if open == b'(' { b')' } else { b']' };
                    let mut items = Vec::new();
                    let mut trailing_comma = false;
                    loop {
                        if self.peek() == Some(close) {
                            self.i += 1;
                            break;
                        }
                        items.push(self.value(depth + 1)?);
                        trailing_comma = false;
                        match self.peek() {
                            Some(b',') => {
                                self.i += 1;
                                trailing_comma = true;
                            }
                            Some(c) if c == close => {}
                            _ => return Err(format!("expected ',' at byte {}", self.i)),
                        }
                    }
                    if open == b'(' && items.len() == 1 && !trailing_comma {
                        return Ok(items.pop().expect("one item"));
                    }
                    Ok(if open == b'(' { Value::Tuple(items) } else { Value::List(items) })
                }
                b'\'' | b'"' => self.string(false).map(Value::Str),
                b'u' | b'U' if matches!(self.s.get(self.i + 1), Some(b'\'' | b'"')) => {
                    self.i += 1;
                    self.string(false).map(Value::Str)
                }
                b'r' | b'R' if matches!(self.s.get(self.i + 1), Some(b'\'' | b'"')) => {
                    self.i += 1;
                    self.string(true).map(Value::Str)
                }
                c if c == b'-' || c == b'+' || c.is_ascii_digit() => self.integer().map(Value::Int),
                _ => {
                    for (word, v) in [("True", Value::Bool(true)), ("False", Value::Bool(false)), ("None", Value::None)]
                    {
                        if self.s[self.i..].starts_with(word.as_bytes()) {
                            self.i += word.len();
                            return Ok(v);
                        }
                    }
                    Err(format!("unexpected character at byte {}", self.i))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_header(h: &str) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&[1, 0]);
        b.extend_from_slice(&(h.len() as u16).to_le_bytes());
        b.extend_from_slice(h.as_bytes());
        b
    }

    #[test]
    fn hostile_headers_are_rejected_without_allocating() {
        let huge = with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }\n");
        let e = read_bytes(&huge, "x.npy").unwrap_err().to_string();
        assert!(e.contains("truncated data"), "{e}");
        let overflow = with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }\n");
        assert!(read_bytes(&overflow, "x.npy").is_err());
        for bad in [
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
            "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
            "[1, 2]",
        ] {
            assert!(read_bytes(&with_header(bad), "x.npy").is_err(), "{bad}");
        }
        assert!(read_bytes(b"\x93NUMPY\x04\x00", "x.npy").is_err());
    }

    #[test]
    fn strings_decode_python_escapes() {
        let parse = |t: &str| {
            literal::parse(t).map(|v| match v {
                literal::Value::Str(s) => s,
                other => panic!("{other:?}"),
            })
        };
        for (text, want) in [
            (r#"'a\\b\'c\"d'"#, "a\\b'c\"d"),
            (r"'\x00\x7f\xe9\u2028\U0001F600'", "\u{0}\u{7f}é\u{2028}😀"),
            (r"'\a\b\f\n\r\t\v'", "\u{7}\u{8}\u{c}\n\r\t\u{b}"),
            (r"'\0\18\777'", "\u{0}\u{1}8\u{1ff}"),
            (r"'\q'", "\\q"),
            ("'a\\\nb'", "ab"),
            (r"u'x'", "x"),
            (r"r'\n'", "\\n"),
            ("'é'", "é"),
        ] {
            assert_eq!(parse(text).as_deref(), Ok(want), "{text}");
        }
        for bad in ["'a\0b'", "'a\nb'", r"'\x4'", r"'\ud800'", r"'\U00110000'", "'abc", r"'\'"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn integers_read_as_python_reads_them() {
        for (text, want) in
            [("7", 7), ("-0x1F", -31), ("0o17", 15), ("0b_101", 5), ("1_000", 1000), ("+ 3", 3), ("00", 0), ("9L", 9)]
        {
            assert_eq!(literal::parse(text), Ok(literal::Value::Int(want)), "{text}");
        }
        for bad in ["07", "1__0", "1_", "0x", "12ab", "- -1"] {
            assert!(literal::parse(bad).is_err(), "{bad}");
        }
        let mut b = with_header("{'descr': '<i2', 'fortran_order': False, 'shape': (0x2, True), }");
        b.extend_from_slice(&[1, 0, 2, 0]);
        assert_eq!(read_bytes(&b, "x.npy").unwrap().shape(), &[2, 1]);
    }

    #[test]
    fn escaped_field_names_round_trip() {
        // Found by fuzzing: a raw NUL in a field name, which Python's parser (and so NumPy)
        // refuses; the same name written with escapes, as NumPy writes it, reads back.
        let raw = include_bytes!("../../tests/data/fuzz/npy_read-crash-1");
        let e = read_bytes(raw, "crash.npy").unwrap_err().to_string();
        assert!(e.contains("NUL byte"), "{e}");
        let mut b = with_header(
            "{'descr': [('\\x00\\x01y', '<i2'), ('q\\'\"', '<i2')], 'fortran_order': False, 'shape': (1,), }",
        );
        b.extend_from_slice(&[1, 0, 2, 0]);
        let a = read_bytes(&b, "x.npy").unwrap();
        let names: Vec<String> = a.dtype().record().unwrap().fields().iter().map(|f| f.name.clone()).collect();
        assert_eq!(names, ["\u{0}\u{1}y", "q'\""]);
        let again = read_bytes(&to_bytes(&a).unwrap(), "again.npy").unwrap();
        assert_eq!(again.dtype(), a.dtype());
        assert_eq!(again.to_bytes(Order::C).unwrap(), a.to_bytes(Order::C).unwrap());
    }

    #[test]
    fn comma_descr_that_reparses_itself_is_an_error() {
        // Found by fuzzing: a comma string whose only item still holds its comma inside
        // parentheses was parsed again as itself, without end (a stack overflow).
        for descr in ["'f4(2,3)'", "'a),b'", "'),'", "'i4,f4(2,)'"] {
            let b = with_header(&format!("{{'descr': {descr}, 'fortran_order': False, 'shape': (1,), }}"));
            let e = read_bytes(&b, "x.npy").unwrap_err().to_string();
            assert!(e.contains("x.npy"), "{e}");
        }
    }

    #[test]
    fn python2_long_and_missing_trailing_comma() {
        let mut b = with_header("{'descr': '<i2', 'fortran_order': False, 'shape': (2L,)}\n");
        b.extend_from_slice(&[1, 0, 2, 0]);
        assert_eq!(read_bytes(&b, "x.npy").unwrap().to_vec::<i16>().unwrap(), vec![1, 2]);
        let mut b = with_header("{'descr': '<i2', 'fortran_order': True, 'shape': (2, 1)}");
        b.extend_from_slice(&[1, 0, 2, 0]);
        assert_eq!(read_bytes(&b, "x.npy").unwrap().strides(), &[2, 4]);
    }
}

//! `strider convert IN OUT`: between `.npy`, `.npz` and CSV/text, optionally changing the memory
//! order and the dtype (with NumPy's casting rules).
//!
//! Every output is streamed in chunks of the outermost axis (the innermost for F order), so
//! memory stays bounded whatever the input's size: `.npy` input is mapped; a `.npy` output is a
//! mapped `.npy` under a temporary name, filled through views of both; a `.npz` member is written
//! chunk by chunk through `npz::NpzWriter`; text is formatted a block of rows at a time. Each goes
//! to a temporary file in OUT's directory that is renamed over OUT at the end, so a failure leaves
//! no OUT behind (an existing OUT is untouched).

use crate::input::{self, Kind};
use crate::inspect::RawSpec;
use std::path::{Path, PathBuf};
use strider::io::{npy, npz, text};
use strider::{can_cast, Casting, DType, NdArray, Order};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Bytes of output per chunk when streaming.
const CHUNK_BYTES: usize = 8 << 20;

/// What to convert to.
pub struct Opts {
    /// Memory order of the output (`K`: keep the input's).
    pub order: Order,
    /// Output dtype (`None`: keep).
    pub dtype: Option<DType>,
    /// Casting rule for a dtype change.
    pub casting: Casting,
    /// `.npz` input: the member to convert (all members for `.npz` output when `None`).
    pub member: Option<String>,
    /// `.npz` output: the member name for a single array.
    pub name: String,
    /// `.npz` output: deflate the members.
    pub compress: bool,
    /// Text output: the `%` format (default `%d` for integers and booleans, `%.18e` otherwise).
    pub fmt: Option<String>,
    /// Streaming: rows (entries of the outermost output axis) per chunk.
    pub chunk_rows: Option<usize>,
    /// Testing: fail after writing this many chunks (to check that nothing partial is left).
    pub fail_after: Option<usize>,
}

/// The dtype and order the output gets, after the casting check.
fn target(a: &NdArray, opts: &Opts) -> Res<(DType, Order)> {
    let dtype = opts.dtype.clone().unwrap_or_else(|| a.dtype().clone());
    if !can_cast(a.dtype(), &dtype, opts.casting) {
        return Err(Box::new(strider::Error::Cast {
            scalar: a.ndim() == 0,
            from: a.dtype().to_string(),
            to: dtype.to_string(),
            casting: opts.casting.name().into(),
        }));
    }
    let f = a.flags();
    let order = match opts.order {
        Order::K | Order::A if f.f_contiguous && !f.c_contiguous => Order::F,
        Order::K | Order::A => Order::C,
        o => o,
    };
    // Where C and F coincide (at most one axis longer than 1) np.save writes C order.
    let order = if a.shape().iter().filter(|&&n| n > 1).count() <= 1 { Order::C } else { order };
    Ok((dtype, order))
}

/// Runs the conversion, reporting progress in output bytes.
pub fn convert(src: &Path, raw: Option<&RawSpec>, dst: &Path, opts: &Opts, progress: &mut dyn FnMut(u64, u64)) -> Res {
    if src.canonicalize().ok().is_some_and(|s| dst.canonicalize().ok().is_some_and(|d| d == s)) {
        return Err(format!("{}: input and output are the same file", dst.display()).into());
    }
    let out_kind = input::kind(dst)?;
    let in_kind = if raw.is_some() { Kind::Npy } else { input::kind(src)? };
    if in_kind == Kind::Npz && out_kind == Kind::Npz && opts.member.is_none() {
        // Every member, each converted.
        let mut z = npz::NpzFile::open(src)?;
        let mut w = npz::NpzWriter::create(dst, opts.compress)?;
        let mut chunks = 0;
        for name in z.names() {
            let a = z.get(&name)?;
            stream_member(&mut w, &name, &a, opts, &mut chunks, progress)?;
        }
        return Ok(w.finish()?);
    }
    let a = input::open(src, raw, opts.member.as_deref())?;
    match out_kind {
        Kind::Npy => stream_npy(&a, dst, opts, progress),
        Kind::Npz => {
            let mut w = npz::NpzWriter::create(dst, opts.compress)?;
            stream_member(&mut w, &opts.name, &a, opts, &mut 0, progress)?;
            Ok(w.finish()?)
        }
        k @ (Kind::Csv | Kind::Txt) => stream_text(&a, dst, k, opts, progress),
    }
}

/// The index strings of `a`'s chunks: blocks of `axis` of about `CHUNK_BYTES` (or
/// `opts.chunk_rows` entries) each, every other axis whole.
fn chunk_selections(a: &NdArray, axis: usize, itemsize: usize, opts: &Opts) -> Vec<String> {
    let n = a.shape()[axis];
    let per = (a.size() / n.max(1) * itemsize).max(1);
    let step = opts.chunk_rows.unwrap_or(CHUNK_BYTES / per).max(1);
    (0..n)
        .step_by(step)
        .map(|r0| {
            let mut items = vec![":".to_string(); a.ndim()];
            items[axis] = format!("{r0}:{}", (r0 + step).min(n));
            items.join(", ")
        })
        .collect()
}

/// Counts a written chunk, failing on purpose where `--fail-after-chunks` says.
fn count_chunk(chunks: &mut usize, opts: &Opts) -> Res {
    if opts.fail_after == Some(*chunks) {
        return Err(format!("stopped after {chunks} chunks (--fail-after-chunks)").into());
    }
    *chunks += 1;
    Ok(())
}

/// Writes `a`, converted, as one member of the archive, a chunk at a time.
fn stream_member(
    w: &mut npz::NpzWriter,
    name: &str,
    a: &NdArray,
    opts: &Opts,
    chunks: &mut usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Res {
    let (dtype, order) = target(a, opts)?;
    w.begin(name, &dtype, a.shape(), order)?;
    if a.ndim() == 0 || a.size() == 0 {
        w.write(&a.astype_with(&dtype, order, Casting::Unsafe, false)?)?;
        return Ok(w.end()?);
    }
    let axis = if order == Order::F { a.ndim() - 1 } else { 0 };
    let total = (a.size() * dtype.itemsize()) as u64;
    let mut done = 0u64;
    for sel in chunk_selections(a, axis, dtype.itemsize(), opts) {
        count_chunk(chunks, opts)?;
        let c = a.index(&sel)?.astype_with(&dtype, order, Casting::Unsafe, false)?;
        w.write(&c)?;
        done += c.nbytes() as u64;
        progress(done, total);
    }
    Ok(w.end()?)
}

/// Writes `a`, converted, as text (`savetxt`'s rows), a block of rows at a time, atomically.
fn stream_text(a: &NdArray, dst: &Path, k: Kind, opts: &Opts, progress: &mut dyn FnMut(u64, u64)) -> Res {
    let (dtype, _) = target(a, opts)?;
    let integral = dtype.num_type().is_some_and(|t| t.is_integer() || t == strider::NumType::Bool);
    let fmt = opts.fmt.clone().unwrap_or_else(|| if integral { "%d".into() } else { "%.18e".into() });
    let delimiter = if k == Kind::Csv { "," } else { " " }.to_string();
    let txt = text::SaveTxt { fmt, delimiter, ..text::SaveTxt::default() };
    // Shape, dtype and format errors surface before any file is made.
    let probe = if a.ndim() == 0 { a.view() } else { a.index(&vec!["0:0"; a.ndim()].join(", "))? };
    text::format_rows(&probe.astype(&dtype, Casting::Unsafe)?, &txt)?;
    let tmp = temp_path(dst)?;
    let result = (|| -> Res {
        use std::io::Write;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        let total = a.size() as u64;
        let (mut done, mut chunks) = (0u64, 0usize);
        if a.size() > 0 {
            for sel in chunk_selections(a, 0, dtype.itemsize() * 8, opts) {
                count_chunk(&mut chunks, opts)?;
                let c = a.index(&sel)?.astype(&dtype, Casting::Unsafe)?;
                w.write_all(text::format_rows(&c, &txt)?.as_bytes())?;
                done += c.size() as u64;
                progress(done, total);
            }
        }
        w.flush()?;
        Ok(())
    })()
    .and_then(|()| std::fs::rename(&tmp, dst).map_err(|e| format!("{}: {e}", dst.display()).into()));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A temporary path beside `dst` (same directory, so the final rename is atomic).
fn temp_path(dst: &Path) -> Res<PathBuf> {
    let dir = dst.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dst.file_name().ok_or_else(|| format!("{}: not a file path", dst.display()))?;
    Ok(dir.join(format!(".{}.strider-convert.{}.tmp", name.to_string_lossy(), std::process::id())))
}

fn stream_npy(a: &NdArray, dst: &Path, opts: &Opts, progress: &mut dyn FnMut(u64, u64)) -> Res {
    let (dtype, order) = target(a, opts)?;
    let tmp = temp_path(dst)?;
    let result = fill(a, &tmp, &dtype, order, opts, progress)
        .and_then(|()| std::fs::rename(&tmp, dst).map_err(|e| format!("{}: {e}", dst.display()).into()));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn fill(a: &NdArray, tmp: &Path, dtype: &DType, order: Order, opts: &Opts, progress: &mut dyn FnMut(u64, u64)) -> Res {
    let out = npy::create_memmap(tmp, dtype, a.shape(), order)?;
    let total = out.nbytes() as u64;
    if a.ndim() == 0 || a.size() == 0 {
        out.assign(a)?;
        out.flush()?;
        return Ok(());
    }
    // Chunk along the output's outermost axis so each output chunk is one dense run.
    let axis = if order == Order::F { a.ndim() - 1 } else { 0 };
    let (mut done, mut chunks) = (0u64, 0usize);
    for sel in chunk_selections(a, axis, dtype.itemsize(), opts) {
        count_chunk(&mut chunks, opts)?;
        let dst = out.index(&sel)?;
        dst.assign(&a.index(&sel)?)?;
        done += dst.nbytes() as u64;
        progress(done, total);
    }
    out.flush()?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file and a rename, so an error leaves no
/// partial file (and an existing one untouched).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Res {
    let tmp = temp_path(path)?;
    let r = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r.map_err(|e| format!("{}: {e}", path.display()).into())
}

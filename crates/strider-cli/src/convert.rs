//! `strider convert IN OUT`: between `.npy`, `.npz` and CSV/text, optionally changing the memory
//! order and the dtype (with NumPy's casting rules).
//!
//! `.npy` output is streamed: the input is mapped, the output is a mapped `.npy` under a
//! temporary name in the output's directory, filled chunk by chunk through views of both, then
//! renamed over OUT. `.npz` and text outputs are built in memory and written by the library's
//! atomic writers. Either way a failure leaves no OUT behind (an existing OUT is untouched).

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

fn converted(a: &NdArray, opts: &Opts) -> Res<NdArray> {
    let (dtype, order) = target(a, opts)?;
    Ok(a.astype_with(&dtype, order, Casting::Unsafe, false)?)
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
        let mut arrays = Vec::new();
        for name in z.names() {
            let a = z.get(&name)?;
            arrays.push((name, converted(&a, opts)?));
        }
        let refs: Vec<(&str, &NdArray)> = arrays.iter().map(|(n, a)| (n.as_str(), a)).collect();
        return Ok(npz::write(dst, &refs, opts.compress)?);
    }
    let a = input::open(src, raw, opts.member.as_deref())?;
    match out_kind {
        Kind::Npy => stream_npy(&a, dst, opts, progress),
        Kind::Npz => {
            let c = converted(&a, opts)?;
            Ok(npz::write(dst, &[(opts.name.as_str(), &c)], opts.compress)?)
        }
        k @ (Kind::Csv | Kind::Txt) => {
            let c = converted(&a, opts)?;
            let integral = c.dtype().num_type().is_some_and(|t| t.is_integer() || t == strider::NumType::Bool);
            let fmt = opts.fmt.clone().unwrap_or_else(|| if integral { "%d".into() } else { "%.18e".into() });
            let delimiter = if k == Kind::Csv { "," } else { " " }.to_string();
            Ok(text::savetxt(dst, &c, &text::SaveTxt { fmt, delimiter, ..text::SaveTxt::default() })?)
        }
    }
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
    let n = a.shape()[axis];
    let per = (out.nbytes() / n).max(1);
    let step = opts.chunk_rows.unwrap_or(CHUNK_BYTES / per).max(1);
    let pick = |r0: usize, r1: usize| {
        let mut items = vec![":".to_string(); a.ndim()];
        items[axis] = format!("{r0}:{r1}");
        items.join(", ")
    };
    let (mut done, mut chunks) = (0u64, 0usize);
    for r0 in (0..n).step_by(step) {
        if opts.fail_after == Some(chunks) {
            return Err(format!("stopped after {chunks} chunks (--fail-after-chunks)").into());
        }
        let sel = pick(r0, (r0 + step).min(n));
        let dst = out.index(&sel)?;
        dst.assign(&a.index(&sel)?)?;
        done += dst.nbytes() as u64;
        chunks += 1;
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

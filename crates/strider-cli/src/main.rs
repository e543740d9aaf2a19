//! The `strider` command: a tour of NumPy's memory model, and tools for `.npy`/`.npz` files.

mod bench;
mod convert;
mod explain_cmd;
mod input;
mod inspect;
mod stats;
mod strides;
mod term;
mod tour;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use strider::Order;

/// Strider: NumPy's ndarray memory model (dtype, shape, byte strides, offset), in Rust.
#[derive(Parser)]
#[command(name = "strider", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How to read a raw (headerless) file.
#[derive(clap::Args, Default)]
struct Raw {
    /// Element type of a raw file, e.g. `<f8`, `>i4`, `float32` (makes FILE a raw file).
    #[arg(long)]
    dtype: Option<String>,
    /// Shape of a raw file, e.g. `1000,3`.
    #[arg(long, value_delimiter = ',')]
    shape: Option<Vec<usize>>,
    /// Bytes to skip at the start of a raw file.
    #[arg(long, default_value_t = 0)]
    offset: u64,
    /// Memory order of a raw file: C or F.
    #[arg(long, default_value = "C")]
    order: String,
}

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn raw_spec(
    dtype: &Option<String>,
    shape: &Option<Vec<usize>>,
    offset: u64,
    order: &str,
) -> Res<Option<inspect::RawSpec>> {
    let Some(d) = dtype else {
        if shape.is_some() {
            return Err("a raw file needs --dtype as well as --shape".into());
        }
        return Ok(None);
    };
    let shape = shape.clone().ok_or("a raw file needs --shape as well as --dtype")?;
    Ok(Some(inspect::RawSpec { dtype: d.parse()?, shape, offset, order: order.parse()? }))
}

impl Raw {
    fn spec(&self) -> Res<Option<inspect::RawSpec>> {
        raw_spec(&self.dtype, &self.shape, self.offset, &self.order)
    }
}

/// How to read a raw input file for `convert` (whose `--dtype` and `--order` are the output's).
#[derive(clap::Args, Default)]
struct RawIn {
    /// Element type of a raw input file (makes IN a raw file).
    #[arg(long)]
    in_dtype: Option<String>,
    /// Shape of a raw input file, e.g. `1000,3`.
    #[arg(long, value_delimiter = ',')]
    in_shape: Option<Vec<usize>>,
    /// Bytes to skip at the start of a raw input file.
    #[arg(long, default_value_t = 0)]
    in_offset: u64,
    /// Memory order of a raw input file: C or F.
    #[arg(long, default_value = "C")]
    in_order: String,
}

#[derive(Subcommand)]
enum Bench {
    /// .npy save/load/memory-map and loadtxt, beside NumPy (the `files` group of `bench numpy`).
    ///
    /// Example: `strider bench files --mb 800 --csv-mb 100`
    #[command(after_help = "Example:\n  strider bench files --mb 100 --csv-mb 10 --runs 3")]
    Files {
        /// Size of the float64 array in megabytes.
        #[arg(long, default_value_t = 800)]
        mb: usize,
        /// Size of the CSV for loadtxt in megabytes.
        #[arg(long, default_value_t = 100)]
        csv_mb: usize,
        /// Runs per measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Also write the markdown table to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The side-by-side suite: every case timed in Strider and in NumPy (python3 with numpy) in
    /// the same run on the same .npy data; writes a markdown table. Without NumPy the NumPy
    /// column is skipped with a note.
    #[command(
        after_help = "Examples:\n  strider bench numpy --out bench-numpy.md\n  strider bench numpy --group layout --n 2000 --runs 3"
    )]
    Numpy {
        /// Only these groups (repeatable): files, layout, ufunc, reduce, index, grow.
        #[arg(long)]
        group: Vec<String>,
        /// Size of the 1-d float64 array `v` in megabytes.
        #[arg(long, default_value_t = 200)]
        mb: usize,
        /// Size of the CSV in megabytes.
        #[arg(long, default_value_t = 20)]
        csv_mb: usize,
        /// Side of the square float64 array `c`.
        #[arg(long, default_value_t = 4000)]
        n: usize,
        /// Runs per measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Where to write the markdown table.
        #[arg(long, default_value = "bench-numpy.md")]
        out: PathBuf,
    },
    /// Time per element against stride (a[::s], s = 1, 2, 4, ...) and C versus F traversal on
    /// this machine, as tables and an SVG plot showing the cache effect.
    #[command(after_help = "Examples:\n  strider bench strides --out strides.svg\n  strider bench strides --quick")]
    Strides {
        /// Size of the float64 array in megabytes (well above the last-level cache).
        #[arg(long, default_value_t = 256)]
        mb: usize,
        /// Largest stride in elements (strides are powers of two up to it).
        #[arg(long, default_value_t = 256)]
        max_stride: usize,
        /// Side of the square array for the C/F traversal.
        #[arg(long, default_value_t = 4000)]
        n: usize,
        /// Runs per measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Small sizes and few runs (seconds, for a smoke test).
        #[arg(long)]
        quick: bool,
        /// Where to write the SVG plot.
        #[arg(long, default_value = "strides.svg")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Benchmarks: stride costs on this machine, and Strider beside NumPy on the same data.
    #[command(subcommand)]
    Bench(Bench),
    /// Walk through the memory model with live numbers: flags, strides, views versus copies,
    /// shared memory, trees of byte offsets, memory-mapped files.
    #[command(after_help = "Examples:\n  strider tour\n  strider tour --quick\n  strider tour --size 4000")]
    Tour {
        /// Small sizes for the timed sections (finishes in a second or two).
        #[arg(long)]
        quick: bool,
        /// Side of the square float64 arrays the timed sections use (default 10000, or 1000
        /// with --quick).
        #[arg(long)]
        size: Option<usize>,
    },
    /// Describe a .npy, .npz or raw file from its header alone: dtype, shape, order, strides,
    /// flags, size, format version.
    #[command(
        after_help = "Examples:\n  strider info data.npy\n  strider info --json arrays.npz\n  strider info raw.bin --dtype '<f4' --shape 100,3"
    )]
    Info {
        /// The file.
        file: PathBuf,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        raw: Raw,
    },
    /// Print a file's values as NumPy prints them (summarised), optionally indexed.
    #[command(
        after_help = "Examples:\n  strider show data.npy\n  strider show data.npy --slice \"::2, 0\"\n  strider show arrays.npz --member x"
    )]
    Show {
        /// The file.
        file: PathBuf,
        /// A NumPy basic index applied first, e.g. "::2, 0" or "..., -1".
        #[arg(long)]
        slice: Option<String>,
        /// For a .npz archive: only this member.
        #[arg(long)]
        member: Option<String>,
        #[command(flatten)]
        raw: Raw,
    },
    /// Per-column count, NaN count, min, max, mean and std (NaNs left out, ddof=0), streamed
    /// through a memory map in bounded chunks; the last axis is the columns. For a record array,
    /// per field: every leaf field a column (`pos[1]` for a subarray element, `inner.a` for a
    /// nested one), NaT counted as NaN, datetime extremes as dates, strings only counted.
    #[command(
        after_help = "Examples:\n  strider stats data.npy\n  strider stats --json arrays.npz --member x\n  strider stats trades.npy   # a record array: one line per field\n  strider stats raw.bin --dtype '<f4' --shape 1000000,3"
    )]
    Stats {
        /// The file (.npy, .npz, .csv, or raw with --dtype and --shape).
        file: PathBuf,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        /// For a .npz archive: the member (needed when there are several).
        #[arg(long)]
        member: Option<String>,
        /// Rows per chunk (default: about 8 MB of input per chunk).
        #[arg(long)]
        chunk_rows: Option<usize>,
        #[command(flatten)]
        raw: Raw,
    },
    /// Convert between .npy, .npz and .csv/.txt, optionally changing memory order and dtype.
    /// The output is written under a temporary name and renamed into place: an error leaves
    /// no partial file.
    #[command(
        after_help = "Examples:\n  strider convert data.npy data_f.npy --order F\n  strider convert data.npy small.npy --dtype float32\n  strider convert data.npy data.csv\n  strider convert arrays.npz x.npy --member x\n  strider convert raw.bin data.npy --in-dtype '>u2' --in-shape 100,4"
    )]
    Convert {
        /// Input file.
        input: PathBuf,
        /// Output file (.npy, .npz, .csv or .txt, by extension).
        output: PathBuf,
        /// Memory order of the output: C, F, or K (keep the input's).
        #[arg(long, default_value = "K")]
        order: String,
        /// Element type of the output, e.g. float32, '<i4', '>f8'.
        #[arg(long)]
        dtype: Option<String>,
        /// NumPy casting rule for --dtype: no, equiv, safe, same_kind or unsafe.
        #[arg(long, default_value = "same_kind")]
        casting: String,
        /// For a .npz input: the member to convert (every member when converting to .npz).
        #[arg(long)]
        member: Option<String>,
        /// For a .npz output: the member name.
        #[arg(long, default_value = "arr_0")]
        name: String,
        /// For a .npz output: compress (np.savez_compressed).
        #[arg(long)]
        compress: bool,
        /// For text output: the printf-style format (default %d for integers, %.18e otherwise).
        #[arg(long)]
        fmt: Option<String>,
        /// Entries of the outermost output axis per chunk when streaming to .npy.
        #[arg(long)]
        chunk_rows: Option<usize>,
        /// Testing aid: fail after this many chunks.
        #[arg(long, hide = true)]
        fail_after_chunks: Option<usize>,
        #[command(flatten)]
        raw: RawIn,
    },
    /// Explain an array's layout: bytes and strides in words, flags and why they hold, a tree of
    /// byte offsets, and whether reshape/ravel/copy/ascontiguousarray would copy, and why.
    /// Without FILE the array is np.arange(prod(--shape), dtype=--dtype).reshape(--shape, order=--order).
    #[command(
        after_help = "Examples:\n  strider explain data.npy --expr \"::2, 1\" --expr T --reshape 6,4\n  strider explain --shape 4,6 --dtype int16 --expr T --ravel C --contiguous\n  strider explain --shape 2,3,4 --expr \"transpose(1,0,2)\" --reshape=-1"
    )]
    Explain {
        /// The file (.npy, .npz, .csv or raw with --dtype/--shape); none: a fresh arange.
        file: Option<PathBuf>,
        /// A view step applied in order (repeatable): a NumPy index ("::2, 1"), T, mT,
        /// transpose(1,0,2), reshape(6,4), swapaxes(0,1), squeeze, flip, ravel.
        #[arg(long = "expr", allow_hyphen_values = true)]
        exprs: Vec<String>,
        /// Explain a reshape to this shape, e.g. 6,4 (-1 allowed: --reshape=-1,4).
        #[arg(long, value_delimiter = ',', allow_negative_numbers = true, num_args = 1)]
        reshape: Vec<String>,
        /// Order of the --reshape requests: C, F or A.
        #[arg(long, default_value = "C")]
        reshape_order: String,
        /// Explain a ravel in this order (repeatable): C, F, A or K.
        #[arg(long)]
        ravel: Vec<String>,
        /// Explain a copy in this order (repeatable): C, F, A or K.
        #[arg(long)]
        copy: Vec<String>,
        /// Explain np.ascontiguousarray.
        #[arg(long)]
        contiguous: bool,
        /// Explain np.asfortranarray.
        #[arg(long)]
        fortran: bool,
        /// Explain a transpose (no value: reverse the axes; or e.g. 1,0,2).
        #[arg(long, num_args = 0..=1, default_missing_value = "")]
        transpose: Option<String>,
        /// For a .npz archive: the member.
        #[arg(long)]
        member: Option<String>,
        #[command(flatten)]
        raw: Raw,
    },
}

fn orders(v: &[String]) -> Res<Vec<Order>> {
    v.iter().map(|s| s.parse::<Order>().map_err(|e| e.into())).collect()
}

fn run(cli: Cli) -> Res {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Tour { quick, size } => {
            let size = size.unwrap_or(if quick { 1000 } else { 10000 });
            tour::run(&mut out, &tour::Opts { size })
        }
        Command::Bench(Bench::Files { mb, csv_mb, runs, out: md }) => {
            bench::run(&mut out, &["files".into()], bench::Sizes { mb, csv_mb, n: 2 }, runs, md.as_deref())
        }
        Command::Bench(Bench::Numpy { group, mb, csv_mb, n, runs, out: md }) => {
            bench::run(&mut out, &group, bench::Sizes { mb, csv_mb, n }, runs, Some(&md))
        }
        Command::Bench(Bench::Strides { mb, max_stride, n, runs, quick, out: svg }) => {
            let (mb, n, runs, max_stride) =
                if quick { (8, 300, 2, max_stride.min(64)) } else { (mb, n, runs, max_stride) };
            let strides: Vec<usize> = std::iter::successors(Some(1usize), |s| s.checked_mul(2))
                .take_while(|&s| s <= max_stride.max(1))
                .collect();
            let points = strides::measure(mb, &strides, runs)?;
            let trav = strides::traversal(n, runs)?;
            strides::print(&mut out, mb, &points, &trav, n)?;
            strides::plot(&svg, mb, &points)?;
            use std::io::Write;
            writeln!(out, "\n(plot written to {})", svg.display())?;
            Ok(())
        }
        Command::Info { file, json, raw } => inspect::info(&mut out, &file, raw.spec()?.as_ref(), json),
        Command::Show { file, slice, member, raw } => {
            inspect::show(&mut out, &file, raw.spec()?.as_ref(), slice.as_deref(), member.as_deref())
        }
        Command::Stats { file, json, member, chunk_rows, raw } => {
            let a = input::open(&file, raw.spec()?.as_ref(), member.as_deref())?;
            let bar = term::progress(a.nbytes() as u64, "stats");
            let v = stats::compute(&a, chunk_rows, &mut |done| bar.set_position(done))?;
            bar.finish_and_clear();
            stats::print(&mut out, &file.display().to_string(), &v, json)
        }
        Command::Convert {
            input,
            output,
            order,
            dtype,
            casting,
            member,
            name,
            compress,
            fmt,
            chunk_rows,
            fail_after_chunks,
            raw,
        } => {
            let opts = convert::Opts {
                order: order.parse()?,
                dtype: dtype.map(|d| d.parse()).transpose()?,
                casting: casting.parse()?,
                member,
                name,
                compress,
                fmt,
                chunk_rows,
                fail_after: fail_after_chunks,
            };
            let spec = raw_spec(&raw.in_dtype, &raw.in_shape, raw.in_offset, &raw.in_order)?;
            let bar = term::progress(0, "convert");
            let r = convert::convert(&input, spec.as_ref(), &output, &opts, &mut |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            });
            bar.finish_and_clear();
            r
        }
        Command::Explain {
            file,
            exprs,
            reshape,
            reshape_order,
            ravel,
            copy,
            contiguous,
            fortran,
            transpose,
            member,
            raw,
        } => {
            let (a, source) = match &file {
                Some(f) => (input::open(f, raw.spec()?.as_ref(), member.as_deref())?, "a".to_string()),
                None => {
                    let shape = raw.shape.clone().unwrap_or_else(|| vec![2, 3, 4]);
                    let dtype: strider::DType = raw.dtype.as_deref().unwrap_or("int64").parse()?;
                    let order: Order = raw.order.parse()?;
                    let a = explain_cmd::fresh(&shape, &dtype, order)?;
                    let src = format!(
                        "np.arange({}, dtype={dtype}).reshape({}{})",
                        a.size(),
                        shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "),
                        if order == Order::F { ", order='F'" } else { "" }
                    );
                    (a, src)
                }
            };
            let shapes = if reshape.is_empty() {
                vec![]
            } else {
                vec![reshape
                    .iter()
                    .map(|s| s.parse::<isize>().map_err(|_| format!("bad length '{s}' in --reshape")))
                    .collect::<Result<Vec<_>, _>>()?]
            };
            let transpose = match transpose {
                None => None,
                Some(t) if t.trim().is_empty() => Some(vec![]),
                Some(t) => Some(
                    t.split(',')
                        .map(|s| s.trim().parse::<isize>().map_err(|_| format!("bad axis '{s}' in --transpose")))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
            };
            let ops = explain_cmd::Ops {
                reshape: shapes,
                reshape_order: reshape_order.parse()?,
                ravel: orders(&ravel)?,
                copy: orders(&copy)?,
                contiguous,
                fortran,
                transpose,
            };
            explain_cmd::run(&mut out, &source, a, &exprs, &ops)
        }
    }
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A closed pipe (`strider show big.npy | head`) is the reader's choice, not an error.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("strider: {}", e.to_string().lines().next().unwrap_or(""));
            std::process::ExitCode::FAILURE
        }
    }
}

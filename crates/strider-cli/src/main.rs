//! The `strider` command: a tour of NumPy's memory model, and tools for `.npy`/`.npz` files.

mod bench;
mod inspect;
mod tour;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

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

impl Raw {
    fn spec(&self) -> Result<Option<inspect::RawSpec>, Box<dyn std::error::Error>> {
        let Some(d) = &self.dtype else {
            if self.shape.is_some() {
                return Err("--shape needs --dtype (a raw file is described by both)".into());
            }
            return Ok(None);
        };
        let shape = self.shape.clone().ok_or("--dtype needs --shape for a raw file")?;
        Ok(Some(inspect::RawSpec { dtype: d.parse()?, shape, offset: self.offset, order: self.order.parse()? }))
    }
}

#[derive(Subcommand)]
enum Bench {
    /// .npy save/load/memory-map and loadtxt, beside NumPy (needs python3 with numpy for the
    /// NumPy column).
    ///
    /// Example: `strider bench files --mb 800 --csv-mb 100`
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
    },
}

#[derive(Subcommand)]
enum Command {
    /// Benchmarks that time Strider and NumPy side by side on the same data.
    #[command(subcommand)]
    Bench(Bench),
    /// Walk through the memory model: flags, strides, views versus copies, shared memory.
    ///
    /// Example: `strider tour`
    Tour,
    /// Describe a .npy, .npz or raw file from its header alone: dtype, shape, order, strides,
    /// flags, size, format version.
    ///
    /// Examples: `strider info data.npy`, `strider info --json arrays.npz`,
    /// `strider info raw.bin --dtype '<f4' --shape 100,3`
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
    ///
    /// Examples: `strider show data.npy`, `strider show data.npy --slice "::2, 0"`,
    /// `strider show arrays.npz --member x`
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
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Tour => tour::run(&mut out),
        Command::Bench(Bench::Files { mb, csv_mb, runs }) => bench::files(&mut out, mb, csv_mb, runs),
        Command::Info { file, json, raw } => inspect::info(&mut out, &file, raw.spec()?.as_ref(), json),
        Command::Show { file, slice, member, raw } => {
            inspect::show(&mut out, &file, raw.spec()?.as_ref(), slice.as_deref(), member.as_deref())
        }
    }
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strider: {}", e.to_string().lines().next().unwrap_or(""));
            std::process::ExitCode::FAILURE
        }
    }
}

//! `strider bench numpy` (and `bench files`): a registry of cases, each timed in Strider and in
//! NumPy in the same run on the same `.npy` data (medians of several runs, the two sides' runs
//! interleaved), written as a markdown table.
//!
//! A case is a NumPy statement and a Strider closure that do the same work. The data sets are
//! made once by Strider, saved as `.npy` files in a temporary directory, loaded by both sides
//! (NumPy sees each as a global of the same name), and removed afterwards. To add a case, add
//! one `Case::new(group, numpy_statement, closure)` line to [`cases`]; to add a data set, one
//! line to [`Data::prepare`].

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use strider::io::{npy, text};
use strider::storage::MapMode;
use strider::{DType, NdArray, Order};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Sizes of the data sets.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Megabytes of the 1-d float64 array `v`.
    pub mb: usize,
    /// Megabytes of the CSV file `data.csv`.
    pub csv_mb: usize,
    /// Side of the square float64 array `c` (C order).
    pub n: usize,
}

/// The data both sides work on, and the directory that holds it.
pub struct Data {
    /// The temporary directory.
    pub dir: PathBuf,
    /// 1-d float64, `mb` megabytes (NumPy: `v`).
    pub v: NdArray,
    /// n x n float64 in C order (NumPy: `c`).
    pub c: NdArray,
    /// `c` in F order (NumPy: `f`).
    pub f: NdArray,
    /// One row of `c`, shape (1, n) (NumPy: `row`).
    pub row: NdArray,
    /// `v.size / 10` pseudo-random int64 indices into `v` (NumPy: `idx`).
    pub idx: NdArray,
    /// A bool mask over `v`, one element in three true (NumPy: `mask`).
    pub mask: NdArray,
}

impl Data {
    /// Makes the data sets and saves each as `<name>.npy` (and the CSV) in `dir`.
    fn prepare(dir: &Path, sizes: Sizes) -> Res<Data> {
        let n = sizes.mb * 1024 * 1024 / 8;
        let v = NdArray::arange(0.0, n as f64, 1.0, DType::FLOAT64)?;
        let side = sizes.n;
        let c = NdArray::arange(0.0, (side * side) as f64, 1.0, DType::FLOAT64)?.reshape(&[side as isize, -1])?;
        let f = c.asfortranarray()?;
        let row = c.index("0:1")?.copy(Order::C)?;
        // A fixed linear congruential sequence: the same indices on both sides, from the file.
        let mut x = 12345u64;
        let picks: Vec<i64> = (0..n / 10)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 33) % n as u64) as i64
            })
            .collect();
        let idx = NdArray::from_vec(picks, &[n / 10], Order::C)?;
        let mask = strider::ufunc::equal(strider::ufunc::remainder(&v, 3.0)?, 0.0)?;
        for (name, a) in [("v", &v), ("c", &c), ("f", &f), ("row", &row), ("idx", &idx), ("mask", &mask)] {
            npy::write(dir.join(format!("{name}.npy")), a)?;
        }
        write_csv(&dir.join("data.csv"), sizes.csv_mb)?;
        Ok(Data { dir: dir.to_path_buf(), v, c, f, row, idx, mask })
    }

    /// A path in the data directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// A CSV of random-looking floats, 10 per row.
fn write_csv(path: &Path, mb: usize) -> Res {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    let (mut x, mut written, target) = (0.123456789f64, 0usize, mb * 1024 * 1024);
    while written < target {
        let row: Vec<String> = (0..10)
            .map(|_| {
                x = (x * 9301.0 + 0.49297).fract();
                format!("{:.6e}", x * 1e3 - 500.0)
            })
            .collect();
        let line = row.join(",") + "\n";
        written += line.len();
        w.write_all(line.as_bytes())?;
    }
    Ok(w.flush()?)
}

type Work = Box<dyn Fn(&Data) -> Res>;

/// One benchmark case: a NumPy statement and the Strider closure doing the same work.
pub struct Case {
    /// Group name (`files`, `layout`, ...), used by `--group`.
    pub group: &'static str,
    /// Row label (defaults to the NumPy statement).
    pub label: String,
    /// The NumPy statement, run with the data sets as globals and `P(name)` giving a path in
    /// the data directory.
    pub numpy: String,
    /// The Strider side.
    pub strider: Work,
    /// How many times one timed run repeats the case (both sides, as `timeit` loops), for cases
    /// of microseconds, whose single run the clock and the interpreter's dispatch would swamp.
    /// A run's time is the loop's divided by this.
    pub repeat: usize,
}

impl Case {
    /// A case labelled by its NumPy statement.
    pub fn new(group: &'static str, numpy: &str, strider: impl Fn(&Data) -> Res + 'static) -> Case {
        Case { group, label: numpy.to_string(), numpy: numpy.to_string(), strider: Box::new(strider), repeat: 1 }
    }

    /// Repeats the case `n` times in each timed run.
    pub fn repeat(mut self, n: usize) -> Case {
        self.repeat = n.max(1);
        self
    }

    /// The NumPy statement as one timed run executes it.
    fn numpy_run(&self) -> String {
        if self.repeat == 1 {
            return self.numpy.clone();
        }
        let body: String = self.numpy.lines().map(|l| format!("    {l}\n")).collect();
        format!("for _ in range({}):\n{body}", self.repeat)
    }

    /// Replaces the row label.
    pub fn label(mut self, label: impl Into<String>) -> Case {
        self.label = label.into();
        self
    }
}

/// Every case, in table order.
pub fn cases(sizes: Sizes) -> Vec<Case> {
    let Sizes { mb, csv_mb, n } = sizes;
    let loadtxt_opts = text::LoadTxt { delimiter: Some(",".into()), ..text::LoadTxt::default() };
    vec![
        // Files.
        Case::new("files", "np.save(P('out.npy'), v)", |d| Ok(npy::write(d.path("out.npy"), &d.v)?))
            .label(format!("np.save of {mb} MB float64")),
        Case::new("files", "np.load(P('v.npy'))", |d| Ok(npy::read(d.path("v.npy")).map(drop)?))
            .label(format!("np.load of {mb} MB")),
        Case::new("files", "np.load(P('v.npy'), mmap_mode='r')", |d| {
            Ok(npy::open_memmap(d.path("v.npy"), MapMode::ReadOnly).map(drop)?)
        })
        .label("np.load(mmap_mode='r')")
        .repeat(100),
        Case::new("files", "np.loadtxt(P('data.csv'), delimiter=',')", move |d| {
            Ok(text::loadtxt(d.path("data.csv"), &loadtxt_opts).map(drop)?)
        })
        .label(format!("np.loadtxt of a {csv_mb} MB CSV")),
        // Layout copies of the n x n float64 array c.
        Case::new("layout", "np.asfortranarray(c)", |d| Ok(d.c.asfortranarray().map(drop)?))
            .label(format!("np.asfortranarray(c), c {n}x{n} float64")),
        Case::new("layout", "c.T.copy()", |d| Ok(d.c.t().copy(Order::C).map(drop)?)),
        Case::new("layout", "c.copy()", |d| Ok(d.c.copy(Order::C).map(drop)?)),
        Case::new("layout", "c[::2, ::2].copy()", |d| Ok(d.c.index("::2, ::2")?.copy(Order::C).map(drop)?)),
        Case::new("layout", "c[1:-1, ::-3]", |d| Ok(d.c.index("1:-1, ::-3").map(drop)?))
            .label("c[1:-1, ::-3] (a view)")
            .repeat(10_000),
        // Element-wise operations.
        Case::new("ufunc", "c + 1.0", |d| Ok((&d.c + 1.0).map(drop)?)),
        Case::new("ufunc", "c + f", |d| Ok((&d.c + &d.f).map(drop)?)).label("c + f (C plus F order)"),
        Case::new("ufunc", "c + row", |d| Ok((&d.c + &d.row).map(drop)?)).label("c + row (broadcast row)"),
        Case::new("ufunc", "np.sqrt(c)", |d| Ok(strider::ufunc::sqrt(&d.c).map(drop)?)),
        // Reductions: the seed experiments.
        Case::new("reduce", "c.sum()", |d| Ok(d.c.sum(None, false).map(drop)?)),
        Case::new("reduce", "c.sum(axis=0)", |d| Ok(d.c.sum(Some(&[0]), false).map(drop)?))
            .label("c.sum(axis=0) (column sums, C order)"),
        Case::new("reduce", "c.sum(axis=1)", |d| Ok(d.c.sum(Some(&[1]), false).map(drop)?))
            .label("c.sum(axis=1) (row sums, C order)"),
        Case::new("reduce", "f.sum(axis=0)", |d| Ok(d.f.sum(Some(&[0]), false).map(drop)?))
            .label("f.sum(axis=0) (column sums, F order)"),
        Case::new("reduce", "f.sum(axis=1)", |d| Ok(d.f.sum(Some(&[1]), false).map(drop)?))
            .label("f.sum(axis=1) (row sums, F order)"),
        Case::new("reduce", "v[:v.size // 100].sum()", |d| {
            let m = d.v.size() / 100;
            Ok(d.v.index(&format!(":{m}"))?.sum(None, false).map(drop)?)
        })
        .label("contiguous sum of v.size/100"),
        // The same sum in a loop: the single call above also times waking the threads and the caches.
        Case::new("reduce", "v[:v.size // 100].sum()", |d| {
            let m = d.v.size() / 100;
            Ok(d.v.index(&format!(":{m}"))?.sum(None, false).map(drop)?)
        })
        .label("contiguous sum of v.size/100, looped")
        .repeat(100),
        Case::new("reduce", "v[::100].sum()", |d| Ok(d.v.index("::100")?.sum(None, false).map(drop)?))
            .label("stride-800-byte sum of v.size/100"),
        // Indexing.
        Case::new("index", "v[1::10].copy()", |d| Ok(d.v.index("1::10")?.copy(Order::C).map(drop)?))
            .label("slice v[1::10], copied"),
        Case::new("index", "v[idx]", |d| {
            Ok(d.v.get_index(&[strider::index::FancyIndex::Array(d.idx.clone())]).map(drop)?)
        })
        .label("fancy index v[idx], v.size/10 random"),
        Case::new("index", "np.take(v, idx)", |d| {
            Ok(d.v.take(&d.idx, None, strider::index::TakeMode::Raise).map(drop)?)
        }),
        Case::new("index", "v[mask]", |d| {
            Ok(d.v.get_index(&[strider::index::FancyIndex::Array(d.mask.clone())]).map(drop)?)
        })
        .label("boolean mask v[mask]"),
        // Growing an array row by row.
        Case::new("grow", "out = row[:0]\nfor _ in range(500):\n    out = np.concatenate([out, row])", |d| {
            let mut out = d.row.index(":0")?;
            for _ in 0..500 {
                out = NdArray::concatenate(&[&out, &d.row], Some(0))?;
            }
            drop(out);
            Ok(())
        })
        .label("500 rows by a loop of concatenate"),
        Case::new("grow", "out = np.empty((500, row.shape[1]))\nfor i in range(500):\n    out[i] = row[0]", |d| {
            let out = NdArray::empty(&[500, d.row.shape()[1]], DType::FLOAT64, Order::C)?;
            for i in 0..500 {
                out.index(&i.to_string())?.assign(&d.row.index("0")?)?;
            }
            drop(out);
            Ok(())
        })
        .label("500 rows into a preallocated array"),
        Case::new("grow", "out = np.empty((500, row.shape[1]))\nfor i in range(500):\n    out[i] = row[0]", |d| {
            let mut g = strider::GrowableArray::new(DType::FLOAT64, &d.row.shape()[1..])?;
            for _ in 0..500 {
                g.push(&d.row.index("0")?)?;
            }
            drop(g.finish()?);
            Ok(())
        })
        .label("500 rows by GrowableArray::push (NumPy: preallocated)"),
    ]
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time_once(f: &dyn Fn() -> Res) -> Res<f64> {
    let s = Instant::now();
    f()?;
    Ok(s.elapsed().as_secs_f64())
}

/// The NumPy side: a Python process that loads the same `.npy` files, compiles every case's
/// statement, then runs one case per line it reads and answers with the seconds it took.
const NUMPY: &str = r#"
import json, os, sys, time, traceback
import numpy as np
spec = json.load(open(sys.argv[1]))
D = spec["dir"]
def P(name):
    return os.path.join(D, name)
env = {"np": np, "P": P}
for f in os.listdir(D):
    if f.endswith(".npy") and not f.startswith("out"):
        env[f[:-4]] = np.load(P(f))
codes = [compile(stmt, "<case>", "exec") for stmt in spec["cases"]]
print(json.dumps({"numpy": np.__version__}), flush=True)
for line in sys.stdin:
    code = codes[int(line)]
    try:
        s = time.perf_counter(); exec(code, env); t = time.perf_counter() - s
        print(t, flush=True)
    except Exception:
        print("error: " + traceback.format_exc().strip().splitlines()[-1], flush=True)
"#;

/// A running NumPy side, timed one run at a time so that its runs interleave with Strider's:
/// both sides then meet the same machine state (page cache, dirty pages being written back,
/// other load), which timing all of one side before the other does not give.
struct NumpyWorker {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    version: String,
}

impl NumpyWorker {
    fn start(dir: &Path, cases: &[&Case]) -> Result<NumpyWorker, String> {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let spec =
            json!({"dir": dir.display().to_string(), "cases": cases.iter().map(|c| c.numpy_run()).collect::<Vec<_>>()});
        let spec_path = dir.join("cases.json");
        std::fs::write(&spec_path, spec.to_string()).map_err(|e| e.to_string())?;
        let mut child = Command::new("python3")
            .args(["-c", NUMPY, &spec_path.display().to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("python3 could not be run ({e})"))?;
        let (stdin, stdout) = (child.stdin.take(), child.stdout.take());
        let (Some(stdin), Some(stdout)) = (stdin, stdout) else {
            let _ = child.kill();
            return Err("python3's pipes could not be opened".into());
        };
        let mut stdout = std::io::BufReader::new(stdout);
        let mut first = String::new();
        let _ = stdout.read_line(&mut first);
        let Ok(v) = serde_json::from_str::<Value>(&first) else {
            let _ = child.kill();
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            let _ = child.wait();
            if err.contains("No module named 'numpy'") {
                return Err("python3 has no numpy (pip install numpy)".into());
            }
            return Err(format!("the NumPy side failed: {}", err.lines().last().unwrap_or("no output")));
        };
        let version = v["numpy"].as_str().unwrap_or("?").to_string();
        Ok(NumpyWorker { child, stdin, stdout, version })
    }

    /// Runs case `k` once in NumPy and returns its time in seconds.
    fn time_once(&mut self, k: usize) -> Result<f64, String> {
        use std::io::BufRead;
        writeln!(self.stdin, "{k}")
            .and_then(|_| self.stdin.flush())
            .map_err(|e| format!("the NumPy side stopped ({e})"))?;
        let mut line = String::new();
        self.stdout.read_line(&mut line).map_err(|e| e.to_string())?;
        let line = line.trim();
        line.parse::<f64>().map_err(|_| {
            if line.is_empty() {
                "the NumPy side stopped".to_string()
            } else {
                format!("the NumPy side failed: {}", line.trim_start_matches("error: "))
            }
        })
    }
}

impl Drop for NumpyWorker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lets written-back file data reach the disk before a case, so that neither side pays for
/// the other's (or the data set's) dirty pages. Best effort: where `sync` is missing the
/// interleaving still treats both sides alike.
fn settle() {
    let _ = std::process::Command::new("sync").status();
}

/// A duration for a table cell.
pub fn fmt_secs(s: f64) -> String {
    if !s.is_finite() {
        "-".into()
    } else if s < 1e-5 {
        format!("{:.2} us", s * 1e6)
    } else if s < 1e-3 {
        format!("{:.1} us", s * 1e6)
    } else if s < 1.0 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// Runs the cases of `groups` (all when empty), prints the markdown table and writes it to
/// `md` when given.
pub fn run(out: &mut impl Write, groups: &[String], sizes: Sizes, runs: usize, md: Option<&Path>) -> Res {
    let dir = std::env::temp_dir().join(format!("strider-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run_in(out, &dir, groups, sizes, runs.max(1), md);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_in(out: &mut impl Write, dir: &Path, groups: &[String], sizes: Sizes, runs: usize, md: Option<&Path>) -> Res {
    let all = cases(sizes);
    let known: Vec<&str> = all.iter().map(|c| c.group).collect();
    if let Some(g) = groups.iter().find(|g| !known.contains(&g.as_str())) {
        return Err(format!("no benchmark group '{g}' (groups: {})", dedup(&known).join(", ")).into());
    }
    let chosen: Vec<&Case> = all.iter().filter(|c| groups.is_empty() || groups.iter().any(|g| g == c.group)).collect();
    let data = Data::prepare(dir, sizes)?;
    let mut worker = NumpyWorker::start(dir, &chosen);
    let (mut ours, mut numpy) = (Vec::with_capacity(chosen.len()), Vec::with_capacity(chosen.len()));
    for (k, c) in chosen.iter().enumerate() {
        if c.group == "files" {
            settle();
        }
        let (mut ts, mut tn) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        // Run by run, alternating which side goes first.
        for r in 0..runs {
            for side in [r % 2, 1 - r % 2] {
                if side == 0 {
                    let t = time_once(&|| (0..c.repeat).try_for_each(|_| (c.strider)(&data)))?;
                    ts.push(t / c.repeat as f64);
                } else if let Ok(w) = &mut worker {
                    match w.time_once(k) {
                        Ok(t) => tn.push(t / c.repeat as f64),
                        Err(e) => worker = Err(e),
                    }
                }
            }
        }
        ours.push(median(ts));
        numpy.push(median(tn));
    }
    let theirs = worker.as_ref().map(|w| (w.version.clone(), numpy)).map_err(|e| e.clone());
    drop(worker);
    let mut table = String::new();
    table.push_str("| group | operation | Strider | NumPy | NumPy time / Strider time |\n|---|---|---|---|---|\n");
    for (k, c) in chosen.iter().enumerate() {
        let (t, r) = match &theirs {
            Ok((_, times)) => (fmt_secs(times[k]), format!("{:.2}x", times[k] / ours[k])),
            Err(_) => ("n/a".into(), "-".into()),
        };
        table.push_str(&format!(
            "| {} | {} | {} | {t} | {r} |\n",
            c.group,
            c.label.replace('|', "\\|"),
            fmt_secs(ours[k])
        ));
    }
    let looped: Vec<String> =
        chosen.iter().filter(|c| c.repeat > 1).map(|c| format!("{} ({}x)", c.label, c.repeat)).collect();
    if !looped.is_empty() {
        table.push_str(&format!(
            "\nTimes per call where one run loops over a case of microseconds: {}.\n",
            looped.join(", ")
        ));
    }
    match &theirs {
        Ok((version, _)) => table.push_str(&format!(
            "\nMedians of {runs} runs each, Strider and NumPy {version} in the same run on the same data, \
             their runs interleaved.\n"
        )),
        Err(why) => table.push_str(&format!("\nMedians of {runs} runs each. NumPy column skipped: {why}.\n")),
    }
    write!(out, "{table}")?;
    if let Some(p) = md {
        crate::convert::write_atomic(p, table.as_bytes())?;
        writeln!(out, "(table written to {})", p.display())?;
    }
    drop(data);
    Ok(())
}

fn dedup<'a>(v: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in v {
        if !out.contains(s) {
            out.push(s);
        }
    }
    out
}

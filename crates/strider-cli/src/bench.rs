//! `strider bench files`: `.npy` save, load and memory-map open, and `loadtxt` of a CSV, timed in
//! Strider and in NumPy in the same run on the same data (medians of several runs).

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use strider::io::{npy, text};
use strider::storage::MapMode;
use strider::{DType, NdArray};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut() -> Res) -> Res<f64> {
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs {
        let s = Instant::now();
        f()?;
        t.push(s.elapsed().as_secs_f64());
    }
    Ok(median(t))
}

const NUMPY: &str = r#"
import json, sys, time
import numpy as np
path, csv, runs, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def med(f):
    t = []
    for _ in range(runs):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return sorted(t)[len(t) // 2]
a = np.arange(n, dtype=np.float64)
out = {"save": med(lambda: np.save(path, a)), "load": med(lambda: np.load(path)),
       "mmap": med(lambda: np.load(path, mmap_mode="r")), "loadtxt": med(lambda: np.loadtxt(csv, delimiter=","))}
print(json.dumps(out))
"#;

fn fmt_secs(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.1} us", s * 1e6)
    } else if s < 1.0 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// Runs the file benchmark with an array of `mb` megabytes and a CSV of `csv_mb` megabytes.
pub fn files(out: &mut impl Write, mb: usize, csv_mb: usize, runs: usize) -> Res {
    let dir = std::env::temp_dir().join(format!("strider-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = files_in(out, &dir, mb, csv_mb, runs.max(1));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn files_in(out: &mut impl Write, dir: &Path, mb: usize, csv_mb: usize, runs: usize) -> Res {
    let n = mb * 1024 * 1024 / 8;
    let a = NdArray::arange(0.0, n as f64, 1.0, DType::FLOAT64)?;
    let (ours, theirs) = (dir.join("strider.npy"), dir.join("numpy.npy"));
    // A CSV of random-looking floats, 10 per row.
    let csv = dir.join("data.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&csv)?);
        let (mut x, mut written, target) = (0.123456789f64, 0usize, csv_mb * 1024 * 1024);
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
    }
    let save = time(runs, || Ok(npy::write(&ours, &a)?))?;
    let load = time(runs, || Ok(npy::read(&ours).map(drop)?))?;
    let mmap = time(runs, || Ok(npy::open_memmap(&ours, MapMode::ReadOnly).map(drop)?))?;
    let opts = text::LoadTxt { delimiter: Some(",".into()), ..text::LoadTxt::default() };
    let loadtxt = time(runs, || Ok(text::loadtxt(&csv, &opts).map(drop)?))?;
    let numpy = std::process::Command::new("python3")
        .args([
            "-c",
            NUMPY,
            &theirs.display().to_string(),
            &csv.display().to_string(),
            &runs.to_string(),
            &n.to_string(),
        ])
        .output();
    let np: Option<Value> = match numpy {
        Ok(o) if o.status.success() => serde_json::from_slice(&o.stdout).ok(),
        _ => None,
    };
    writeln!(out, "| operation | Strider | NumPy | NumPy time / Strider time |")?;
    writeln!(out, "|---|---|---|---|")?;
    for (label, key, ours) in [
        (format!("np.save of {mb} MB float64"), "save", save),
        (format!("np.load of {mb} MB"), "load", load),
        ("np.load(mmap_mode='r')".to_string(), "mmap", mmap),
        (format!("np.loadtxt of a {csv_mb} MB CSV"), "loadtxt", loadtxt),
    ] {
        let theirs = np.as_ref().and_then(|v| v[key].as_f64());
        let (t, r) = match theirs {
            Some(t) => (fmt_secs(t), format!("{:.2}x", t / ours)),
            None => ("(NumPy not available)".into(), "-".into()),
        };
        writeln!(out, "| {label} | {} | {t} | {r} |", fmt_secs(ours))?;
    }
    writeln!(out, "\nMedians of {runs} runs each; both sides write and read the same temporary directory.")?;
    Ok(())
}

//! `strider stats`: per-column count, NaN count, min, max, mean and standard deviation, streamed
//! over a memory-mapped file in bounded chunks of rows, so a file larger than memory works.
//!
//! Each chunk is a view of the mapped array (no bytes are read until the chunk is converted), is
//! summarised with a compensated two-pass method (its mean, then the sum of squared deviations
//! from that mean), and is merged into the running totals with Chan et al.'s pairwise update.
//! Every value is first shifted by the column's first value, so a large common offset (values
//! near 1e9 that vary by 1) costs no precision in the merges. NaNs are counted and left out of the
//! other statistics (NumPy's `nanmin`, `nanmax`, `nanmean`, `nanstd` with `ddof=0`).

use serde_json::{json, Value};
use std::io::Write;
use strider::{Casting, DType, Kind, NdArray, Order, ReshapeCopy};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Input bytes per chunk when the caller does not choose.
const CHUNK_BYTES: usize = 8 << 20;

/// A value type the statistics are accumulated in: exact for min/max, `f64` for the moments.
trait Val: Copy + PartialOrd + strider::Element {
    fn f(self) -> f64;
    fn is_nan(self) -> bool {
        false
    }
    fn json(self) -> Value;
}

impl Val for f64 {
    fn f(self) -> f64 {
        self
    }
    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
    fn json(self) -> Value {
        // JSON has no infinities; NumPy's text for them is kept as a string.
        if self.is_finite() {
            json!(self)
        } else {
            json!(self.to_string())
        }
    }
}

impl Val for i64 {
    fn f(self) -> f64 {
        self as f64
    }
    fn json(self) -> Value {
        json!(self)
    }
}

impl Val for u64 {
    fn f(self) -> f64 {
        self as f64
    }
    fn json(self) -> Value {
        json!(self)
    }
}

/// Running statistics of one column.
#[derive(Clone, Debug)]
struct Acc<T> {
    /// The column's first non-NaN value: the moments are of `x - shift`.
    shift: Option<f64>,
    n: u64,
    nan: u64,
    mean: f64,
    m2: f64,
    min: Option<T>,
    max: Option<T>,
}

impl<T: Val> Acc<T> {
    fn new() -> Acc<T> {
        Acc { shift: None, n: 0, nan: 0, mean: 0.0, m2: 0.0, min: None, max: None }
    }

    /// Folds in one chunk's values of this column (`step` apart in `data`).
    fn add(&mut self, data: &[T], start: usize, step: usize) {
        // Neumaier-compensated sums keep a chunk's mean and squared deviations exact to an ulp
        // or so whatever the chunk's length.
        let (mut n, mut sum, mut comp) = (0u64, 0.0f64, 0.0f64);
        let (mut lo, mut hi) = (self.min, self.max);
        for &x in data[start..].iter().step_by(step) {
            if x.is_nan() {
                self.nan += 1;
                continue;
            }
            n += 1;
            let k = *self.shift.get_or_insert(x.f());
            neumaier(&mut sum, &mut comp, x.f() - k);
            if lo.is_none_or(|m| x < m) {
                lo = Some(x);
            }
            if hi.is_none_or(|m| x > m) {
                hi = Some(x);
            }
        }
        (self.min, self.max) = (lo, hi);
        if n == 0 {
            return;
        }
        let k = self.shift.unwrap_or(0.0);
        let mean_b = (sum + comp) / n as f64;
        let (mut m2_b, mut c2) = (0.0f64, 0.0f64);
        for &x in data[start..].iter().step_by(step) {
            if !x.is_nan() {
                let d = (x.f() - k) - mean_b;
                neumaier(&mut m2_b, &mut c2, d * d);
            }
        }
        self.merge(n, mean_b, m2_b + c2);
    }

    /// Chan, Golub and LeVeque's update of (count, mean, M2) with another part's.
    fn merge(&mut self, n_b: u64, mean_b: f64, m2_b: f64) {
        let n = self.n + n_b;
        let delta = mean_b - self.mean;
        let (na, nb, nn) = (self.n as f64, n_b as f64, n as f64);
        self.mean += delta * nb / nn;
        self.m2 += m2_b + delta * delta * na * nb / nn;
        self.n = n;
    }

    fn json(&self, column: usize) -> Value {
        let some = self.n > 0;
        json!({
            "column": column,
            "count": self.n,
            "nan": self.nan,
            "min": self.min.map(Val::json),
            "max": self.max.map(Val::json),
            "mean": some.then(|| self.shift.unwrap_or(0.0) + self.mean),
            "std": some.then(|| (self.m2 / self.n as f64).sqrt()),
        })
    }
}

fn neumaier(sum: &mut f64, comp: &mut f64, x: f64) {
    let t = *sum + x;
    if sum.abs() >= x.abs() {
        *comp += (*sum - t) + x;
    } else {
        *comp += (x - t) + *sum;
    }
    *sum = t;
}

/// The array as rows x columns without copying: 0-d is 1x1, 1-d one column, n-d has the last
/// axis as columns (reshaped in the file's own order, which keeps each column's set of values).
fn as_table(a: &NdArray) -> Res<NdArray> {
    let f = a.flags();
    Ok(match a.ndim() {
        0 => a.reshape(&[1, 1])?,
        1 => a.reshape(&[-1, 1])?,
        2 => a.view(),
        _ => {
            let last = *a.shape().last().unwrap_or(&1) as isize;
            let order = if f.f_contiguous && !f.c_contiguous { Order::F } else { Order::C };
            // A mapped file is contiguous, so this is a view; an odd in-memory layout may copy.
            a.reshape_with(&[-1, last], order, ReshapeCopy::IfNeeded)?
        }
    })
}

/// Computes the statistics of every column, calling `progress` with the bytes done so far.
pub fn compute(a: &NdArray, chunk_rows: Option<usize>, progress: &mut dyn FnMut(u64)) -> Res<Value> {
    match a.dtype().num_type().map(|t| t.kind()) {
        Some(Kind::Float) => run::<f64>(a, DType::FLOAT64, chunk_rows, progress),
        Some(Kind::Int) => run::<i64>(a, DType::INT64, chunk_rows, progress),
        Some(Kind::UInt) | Some(Kind::Bool) => run::<u64>(a, DType::UINT64, chunk_rows, progress),
        _ => Err(format!("stats of {} arrays are not supported (only real numbers and booleans)", a.dtype()).into()),
    }
}

fn run<T: Val>(a: &NdArray, as_dtype: DType, chunk_rows: Option<usize>, progress: &mut dyn FnMut(u64)) -> Res<Value> {
    let (rows, cols) = match a.shape() {
        [] => (1, 1),
        [n] => (*n, 1),
        [outer @ .., last] => (outer.iter().product(), *last),
    };
    let mut accs = vec![Acc::<T>::new(); cols];
    if rows * cols > 0 {
        walk(&as_table(a)?, &as_dtype, chunk_rows, progress, &mut accs)?;
    }
    let columns: Vec<Value> = accs.iter().enumerate().map(|(k, acc)| acc.json(k)).collect();
    Ok(json!({
        "dtype": a.dtype().str(),
        "shape": a.shape(),
        "rows": rows,
        "columns": columns,
    }))
}

/// Feeds every chunk of the (non-empty) table into the column accumulators.
fn walk<T: Val>(
    t: &NdArray,
    as_dtype: &DType,
    chunk_rows: Option<usize>,
    progress: &mut dyn FnMut(u64),
    accs: &mut [Acc<T>],
) -> Res {
    let (rows, cols) = (t.shape()[0], t.shape()[1]);
    let by_column = t.flags().f_contiguous && !t.flags().c_contiguous;
    let itemsize = t.itemsize().max(1);
    let mut done = 0u64;
    // Chunks are views of the mapped array; only the converted chunk is ever in memory.
    let mut chunk = |v: NdArray, accs: &mut [Acc<T>], first_col: usize, ncols: usize| -> Res {
        // to_vec reads any byte order; other types are converted first.
        let data: Vec<T> = if v.dtype().num_type() == as_dtype.num_type() {
            v.to_vec::<T>()?
        } else {
            v.astype(as_dtype, Casting::Unsafe)?.to_vec::<T>()?
        };
        for (k, acc) in accs[first_col..first_col + ncols].iter_mut().enumerate() {
            acc.add(&data, k, ncols);
        }
        done += (data.len() * itemsize) as u64;
        progress(done);
        Ok(())
    };
    if by_column {
        // F order: each column is contiguous; walk it in chunks.
        let step = chunk_rows.unwrap_or(CHUNK_BYTES / itemsize).max(1);
        for j in 0..cols {
            let col = t.index(&format!(":, {j}:{}", j + 1))?;
            for r0 in (0..rows).step_by(step) {
                chunk(col.index(&format!("{r0}:{}", (r0 + step).min(rows)))?, &mut *accs, j, 1)?;
            }
        }
    } else {
        let step = chunk_rows.unwrap_or(CHUNK_BYTES / (itemsize * cols.max(1))).max(1);
        for r0 in (0..rows).step_by(step) {
            chunk(t.index(&format!("{r0}:{}", (r0 + step).min(rows)))?, &mut *accs, 0, cols)?;
        }
    }
    Ok(())
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::Number(n) if n.is_f64() => format!("{:.6}", n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Prints the statistics as a table (or JSON).
pub fn print(out: &mut impl Write, file: &str, v: &Value, as_json: bool) -> Res {
    if as_json {
        let mut v = v.clone();
        v["file"] = json!(file);
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{file}: {} {}, {} rows",
        v["dtype"].as_str().unwrap_or(""),
        strider::layout::shape_str(
            &v["shape"]
                .as_array()
                .map(|s| s.iter().filter_map(|x| x.as_u64()).map(|x| x as usize).collect::<Vec<_>>())
                .unwrap_or_default()
        ),
        v["rows"]
    )?;
    let keys = ["column", "count", "nan", "min", "max", "mean", "std"];
    let rows: Vec<Vec<String>> = v["columns"]
        .as_array()
        .map(|cols| cols.iter().map(|c| keys.iter().map(|k| cell(&c[*k])).collect()).collect())
        .unwrap_or_default();
    let widths: Vec<usize> =
        (0..keys.len()).map(|i| rows.iter().map(|r| r[i].len()).chain([keys[i].len()]).max().unwrap_or(0)).collect();
    let line =
        |cells: Vec<String>| cells.iter().zip(&widths).map(|(c, w)| format!("{c:>w$}")).collect::<Vec<_>>().join("  ");
    writeln!(out, "{}", line(keys.iter().map(|k| k.to_string()).collect()))?;
    for r in rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chan_merge_equals_one_pass_over_everything() {
        // Values with a large common offset: a naive sum of squares would lose the spread.
        let xs: Vec<f64> = (0..1000).map(|i| 1e9 + ((i * 37) % 101) as f64 * 0.25).collect();
        let mut whole = Acc::<f64>::new();
        whole.add(&xs, 0, 1);
        let mut parts = Acc::<f64>::new();
        for c in xs.chunks(7) {
            parts.add(c, 0, 1);
        }
        assert_eq!(whole.n, parts.n);
        assert!((whole.mean - parts.mean).abs() <= 1e-9, "{} {}", whole.mean, parts.mean);
        let (s1, s2) = ((whole.m2 / 1000.0).sqrt(), (parts.m2 / 1000.0).sqrt());
        assert!(((s1 - s2) / s1).abs() < 1e-9, "{s1} {s2}");
    }
}

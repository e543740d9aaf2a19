//! `strider stats`: per-column count, NaN count, min, max, mean and standard deviation, streamed
//! over a memory-mapped file in bounded chunks of rows, so a file larger than memory works.
//!
//! A structured (record) array is a table too: its records are the rows and every leaf field a
//! column (nested records are walked, a subarray field gives a column per element, `pos[1]`);
//! datetime and timedelta fields count NaT as NaN and report their earliest and latest values as
//! NumPy prints them; string, complex and void fields report only a count. The file is still read
//! once, a chunk of records at a time.
//!
//! Each chunk is a view of the mapped array (no bytes are read until the chunk is converted), is
//! summarised with a compensated two-pass method (its mean, then the sum of squared deviations
//! from that mean), and is merged into the running totals with Chan et al.'s pairwise update.
//! Every value is first shifted by the column's first value (integers exactly, in 128 bits, before
//! they become floats), so a large common offset (int64 values near -9.2e18, or floats near 1e9
//! that vary by 1) costs no precision in the merges. NaNs are counted and left out of the
//! other statistics (NumPy's `nanmin`, `nanmax`, `nanmean`, `nanstd` with `ddof=0`).

use serde_json::{json, Value};
use std::io::Write;
use strider::dtype::TimeUnit;
use strider::{Casting, DType, DTypeKind, Kind, NdArray, Order, ReshapeCopy};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Input bytes per chunk when the caller does not choose.
const CHUNK_BYTES: usize = 8 << 20;

/// A value type the statistics are accumulated in: exact for min/max, `f64` for the moments.
trait Val: Copy + PartialOrd + strider::Element {
    /// The dtype values are converted to before they are summarised.
    const AS: DType;
    fn f(self) -> f64;
    /// `self - k` as a float, exact before the one rounding.
    fn diff(self, k: Self) -> f64;
    fn is_nan(self) -> bool {
        false
    }
    fn json(self) -> Value;
}

impl Val for f64 {
    const AS: DType = DType::FLOAT64;
    fn f(self) -> f64 {
        self
    }
    fn diff(self, k: f64) -> f64 {
        self - k
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
    const AS: DType = DType::INT64;
    fn f(self) -> f64 {
        self as f64
    }
    fn diff(self, k: i64) -> f64 {
        (i128::from(self) - i128::from(k)) as f64
    }
    fn json(self) -> Value {
        json!(self)
    }
}

impl Val for u64 {
    const AS: DType = DType::UINT64;
    fn f(self) -> f64 {
        self as f64
    }
    fn diff(self, k: u64) -> f64 {
        (i128::from(self) - i128::from(k)) as f64
    }
    fn json(self) -> Value {
        json!(self)
    }
}

/// Running statistics of one column.
#[derive(Clone, Debug)]
struct Acc<T> {
    /// The column's first non-NaN value: the moments are of `x - shift`.
    shift: Option<T>,
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
            let k = *self.shift.get_or_insert(x);
            neumaier(&mut sum, &mut comp, x.diff(k));
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
        let Some(k) = self.shift else { return };
        let mean_b = (sum + comp) / n as f64;
        let (mut m2_b, mut c2) = (0.0f64, 0.0f64);
        for &x in data[start..].iter().step_by(step) {
            if !x.is_nan() {
                let d = x.diff(k) - mean_b;
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
            "mean": some.then(|| self.shift.map_or(0.0, Val::f) + self.mean),
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
    if a.dtype().record().is_some() {
        return records(a, chunk_rows, progress);
    }
    match a.dtype().num_type().map(|t| t.kind()) {
        Some(Kind::Float) => run::<f64>(a, DType::FLOAT64, chunk_rows, progress),
        Some(Kind::Int) => run::<i64>(a, DType::INT64, chunk_rows, progress),
        Some(Kind::UInt) | Some(Kind::Bool) => run::<u64>(a, DType::UINT64, chunk_rows, progress),
        _ => {
            Err(format!("stats of {} arrays are not supported (only real numbers, booleans and records)", a.dtype())
                .into())
        }
    }
}

/// The values of a (rows x k) view, converted to `T` (any byte order, any numeric type).
fn fetch<T: Val>(v: &NdArray) -> Res<Vec<T>> {
    Ok(if v.dtype().num_type() == T::AS.num_type() {
        v.to_vec::<T>()?
    } else {
        v.astype(&T::AS, Casting::Unsafe)?.to_vec::<T>()?
    })
}

/// Running count, NaT count and extremes of a datetime64 or timedelta64 column.
#[derive(Clone, Debug, Default)]
struct TimeAcc {
    n: u64,
    nat: u64,
    min: Option<i64>,
    max: Option<i64>,
}

/// What one leaf field's columns accumulate.
enum Sink {
    F(Vec<Acc<f64>>),
    I(Vec<Acc<i64>>),
    U(Vec<Acc<u64>>),
    Time {
        unit: TimeUnit,
        delta: bool,
        cols: Vec<TimeAcc>,
    },
    /// Counted only (strings, complex numbers, raw bytes).
    Count(Vec<u64>),
}

/// A leaf field of a record dtype: the names that reach it and its subarray shape (nested
/// subarrays included) that becomes its columns.
struct Leaf {
    path: Vec<String>,
    trailing: Vec<usize>,
    sink: Sink,
}

fn leaves(d: &DType, path: &[String], trailing: &[usize], out: &mut Vec<Leaf>) {
    let Some(rec) = d.record() else { return };
    for f in rec.fields() {
        let mut p = path.to_vec();
        p.push(f.name.clone());
        let mut t = trailing.to_vec();
        t.extend_from_slice(&f.shape);
        if f.dtype.record().is_some() {
            leaves(&f.dtype, &p, &t, out);
            continue;
        }
        let k: usize = t.iter().product();
        let sink = match f.dtype.kind() {
            DTypeKind::Num(n) => match n.kind() {
                Kind::Float => Sink::F(vec![Acc::new(); k]),
                Kind::Int => Sink::I(vec![Acc::new(); k]),
                Kind::UInt | Kind::Bool => Sink::U(vec![Acc::new(); k]),
                Kind::Complex => Sink::Count(vec![0; k]),
            },
            DTypeKind::DateTime(u) => Sink::Time { unit: *u, delta: false, cols: vec![TimeAcc::default(); k] },
            DTypeKind::TimeDelta(u) => Sink::Time { unit: *u, delta: true, cols: vec![TimeAcc::default(); k] },
            _ => Sink::Count(vec![0; k]),
        };
        out.push(Leaf { path: p, trailing: t, sink });
    }
}

impl Leaf {
    /// Folds in this field's values from a chunk of records (a 1-d view).
    fn add(&mut self, chunk: &NdArray) -> Res {
        let mut v = chunk.view();
        for name in &self.path {
            v = v.field(name)?;
        }
        let (rows, k) = (chunk.size(), self.trailing.iter().product::<usize>());
        let v = v.reshape(&[rows as isize, k as isize])?;
        match &mut self.sink {
            Sink::F(accs) => feed(accs, &fetch::<f64>(&v)?, k),
            Sink::I(accs) => feed(accs, &fetch::<i64>(&v)?, k),
            Sink::U(accs) => feed(accs, &fetch::<u64>(&v)?, k),
            Sink::Time { cols, .. } => {
                let data = v.astype(&DType::INT64, Casting::Unsafe)?.to_vec::<i64>()?;
                for (j, c) in cols.iter_mut().enumerate() {
                    for &x in data[j..].iter().step_by(k.max(1)) {
                        if x == i64::MIN {
                            c.nat += 1;
                        } else {
                            c.n += 1;
                            c.min = Some(c.min.map_or(x, |m| m.min(x)));
                            c.max = Some(c.max.map_or(x, |m| m.max(x)));
                        }
                    }
                }
            }
            Sink::Count(n) => n.iter_mut().for_each(|c| *c += rows as u64),
        }
        Ok(())
    }

    /// The column labels: the dotted path, with `[i]` / `[i,j]` for a subarray's elements.
    fn labels(&self) -> Vec<String> {
        let name = self.path.join(".");
        let k: usize = self.trailing.iter().product();
        if self.trailing.is_empty() {
            return vec![name];
        }
        (0..k)
            .map(|mut flat| {
                let mut idx = vec![0; self.trailing.len()];
                for (i, &n) in self.trailing.iter().enumerate().rev() {
                    idx[i] = flat % n;
                    flat /= n;
                }
                format!("{name}[{}]", idx.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","))
            })
            .collect()
    }

    fn json(&self) -> Res<Vec<Value>> {
        let labels = self.labels();
        let with = |mut v: Value, label: &str| {
            v["field"] = json!(label);
            v
        };
        Ok(match &self.sink {
            Sink::F(a) => a.iter().zip(&labels).map(|(a, l)| with(a.json(0), l)).collect(),
            Sink::I(a) => a.iter().zip(&labels).map(|(a, l)| with(a.json(0), l)).collect(),
            Sink::U(a) => a.iter().zip(&labels).map(|(a, l)| with(a.json(0), l)).collect(),
            Sink::Time { unit, delta, cols } => {
                let text = |x: Option<i64>| -> Res<Value> {
                    Ok(match x {
                        None => Value::Null,
                        Some(x) if *delta => json!(strider::datetime::timedelta_text(x, *unit)),
                        Some(x) => json!(strider::datetime::format_datetime(x, *unit, *unit)?),
                    })
                };
                let mut out = Vec::new();
                for (c, l) in cols.iter().zip(&labels) {
                    out.push(json!({"field": l, "count": c.n, "nan": c.nat, "min": text(c.min)?,
                        "max": text(c.max)?, "mean": null, "std": null}));
                }
                out
            }
            Sink::Count(n) => n
                .iter()
                .zip(&labels)
                .map(|(n, l)| json!({"field": l, "count": n, "nan": 0, "min": null, "max": null, "mean": null, "std": null}))
                .collect(),
        })
    }
}

fn feed<T: Val>(accs: &mut [Acc<T>], data: &[T], k: usize) {
    for (j, acc) in accs.iter_mut().enumerate() {
        acc.add(data, j, k.max(1));
    }
}

/// Per-field statistics of a record array, read once in chunks of records.
fn records(a: &NdArray, chunk_rows: Option<usize>, progress: &mut dyn FnMut(u64)) -> Res<Value> {
    let f = a.flags();
    let order = if f.f_contiguous && !f.c_contiguous { Order::F } else { Order::C };
    // A mapped file is contiguous, so the records as one axis are a view of it.
    let t = a.reshape_with(&[-1], order, ReshapeCopy::IfNeeded)?;
    let mut fields = Vec::new();
    leaves(a.dtype(), &[], &[], &mut fields);
    let rows = t.size();
    let itemsize = a.itemsize().max(1);
    let step = chunk_rows.unwrap_or(CHUNK_BYTES / itemsize).max(1);
    for r0 in (0..rows).step_by(step) {
        let chunk = t.index(&format!("{r0}:{}", (r0 + step).min(rows)))?;
        for leaf in &mut fields {
            leaf.add(&chunk)?;
        }
        progress((((r0 + step).min(rows)) * itemsize) as u64);
    }
    let mut columns = Vec::new();
    for leaf in &fields {
        for mut c in leaf.json()? {
            c["column"] = json!(columns.len());
            columns.push(c);
        }
    }
    Ok(json!({
        "dtype": a.dtype().str(),
        "shape": a.shape(),
        "rows": rows,
        "columns": columns,
    }))
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
    let records = v["columns"].as_array().is_some_and(|c| c.iter().any(|c| c.get("field").is_some()));
    let keys: &[&str] = if records {
        &["field", "count", "nan", "min", "max", "mean", "std"]
    } else {
        &["column", "count", "nan", "min", "max", "mean", "std"]
    };
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

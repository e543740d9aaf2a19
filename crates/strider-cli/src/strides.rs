//! `strider bench strides`: what a stride costs on this machine. A float64 array much larger
//! than the caches is read through views `a[::s]` for s = 1, 2, 4, ... elements, and an n x n
//! array is traversed in C and in F order; medians of several runs, as a table and an SVG plot.
//!
//! Two kernels through the public API: `copy`, the library's strided copy (`dst.assign(view)`
//! into a preallocated array), and `sum`, blocks of the view gathered with `to_vec()` and summed
//! by a plain Rust loop. Time per
//! element climbs with the stride until every element needs its own 64-byte cache line
//! (s = 8 float64), then stays high: the cache effect.

use plotters::prelude::*;
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use strider::{DType, NdArray, Order};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Elements per gathered block of the `sum` kernel (64 KiB of float64).
const BLOCK: usize = 8192;

/// One measured stride.
#[derive(Clone, Debug)]
pub struct Point {
    /// Stride in elements.
    pub stride: usize,
    /// Elements visited.
    pub elements: usize,
    /// Nanoseconds per element, library copy.
    pub copy_ns: f64,
    /// Nanoseconds per element, gather then plain sum.
    pub sum_ns: f64,
}

fn median_secs(runs: usize, mut f: impl FnMut() -> Res) -> Res<f64> {
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let s = Instant::now();
        f()?;
        t.push(s.elapsed().as_secs_f64());
    }
    t.sort_by(|a, b| a.total_cmp(b));
    Ok(t[t.len() / 2])
}

/// Measures every stride of `strides` over a float64 array of `mb` megabytes.
pub fn measure(mb: usize, strides: &[usize], runs: usize) -> Res<Vec<Point>> {
    let n = (mb * 1024 * 1024 / 8).max(1);
    let a = NdArray::arange(0.0, n as f64, 1.0, DType::FLOAT64)?;
    let mut points = Vec::new();
    for &s in strides {
        let v = a.index(&format!("::{s}"))?;
        let m = v.size();
        let dst = NdArray::zeros(&[m], DType::FLOAT64, Order::C)?;
        dst.assign(&v)?; // touch the destination's pages before timing
        let copy = median_secs(runs, || Ok(dst.assign(&v)?))?;
        let mut total = 0.0;
        // Blocks small enough to stay in cache, so the gather's buffers cost no page faults.
        let blocks: Vec<NdArray> =
            (0..m).step_by(BLOCK).map(|k| v.index(&format!("{k}:{}", (k + BLOCK).min(m)))).collect::<Result<_, _>>()?;
        let sum = median_secs(runs, || {
            for b in &blocks {
                total += b.to_vec::<f64>()?.iter().sum::<f64>();
            }
            Ok(())
        })?;
        std::hint::black_box(total);
        points.push(Point { stride: s, elements: m, copy_ns: copy * 1e9 / m as f64, sum_ns: sum * 1e9 / m as f64 });
    }
    Ok(points)
}

/// C versus F traversal of an n x n float64 C-ordered array: (label, seconds) rows.
pub fn traversal(n: usize, runs: usize) -> Res<Vec<(String, f64)>> {
    let a = NdArray::arange(0.0, (n * n) as f64, 1.0, DType::FLOAT64)?.reshape(&[n as isize, -1])?;
    let dst = NdArray::zeros(&[n, n], DType::FLOAT64, Order::C)?;
    dst.assign(&a)?;
    let mut total = 0.0;
    let rows = median_secs(runs, || {
        for i in 0..n {
            total += a.index(&i.to_string())?.to_vec::<f64>()?.iter().sum::<f64>();
        }
        Ok(())
    })?;
    let cols = median_secs(runs, || {
        for j in 0..n {
            total += a.index(&format!(":, {j}"))?.to_vec::<f64>()?.iter().sum::<f64>();
        }
        Ok(())
    })?;
    let copy_c = median_secs(runs, || Ok(dst.assign(&a)?))?;
    let copy_t = median_secs(runs, || Ok(dst.assign(&a.t())?))?;
    std::hint::black_box(total);
    Ok(vec![
        (format!("sum row by row (C order, stride 8 B), {n}x{n}"), rows),
        (format!("sum column by column (F order, stride {} B)", n * 8), cols),
        ("copy c into a C array (same order)".into(), copy_c),
        ("copy c.T into a C array (orders differ)".into(), copy_t),
    ])
}

/// Prints the tables.
pub fn print(out: &mut impl Write, mb: usize, points: &[Point], trav: &[(String, f64)], n: usize) -> Res {
    writeln!(out, "Reading a {mb} MB float64 array through a[::s] (median ns per element visited):\n")?;
    writeln!(
        out,
        "| stride (elements) | stride (bytes) | elements | copy ns/elem | sum ns/elem | copy GB/s of elements |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---:|")?;
    for p in points {
        writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            p.stride,
            p.stride * 8,
            p.elements,
            p.copy_ns,
            p.sum_ns,
            8.0 / p.copy_ns
        )?;
    }
    writeln!(out, "\nTraversal order of an {n}x{n} float64 array in C order (median):\n")?;
    writeln!(out, "| traversal | time | ns per element |")?;
    writeln!(out, "|---|---:|---:|")?;
    for (label, t) in trav {
        writeln!(out, "| {label} | {} | {:.2} |", crate::bench::fmt_secs(*t), t * 1e9 / (n * n) as f64)?;
    }
    writeln!(out, "\nA cache line is 64 bytes (8 float64): past stride 8 every element costs a line of its own.")?;
    Ok(())
}

/// A plotted series: legend, colour, and the value it shows.
type Series = (&'static str, RGBColor, fn(&Point) -> f64);

/// Draws ns per element against stride (log 2 axis) as an SVG file.
pub fn plot(path: &Path, mb: usize, points: &[Point]) -> Res {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        root.fill(&WHITE)?;
        let xmax = points.iter().map(|p| (p.stride as f64).log2()).fold(1.0, f64::max);
        let ymax = points.iter().map(|p| p.copy_ns.max(p.sum_ns)).fold(0.1, f64::max) * 1.1;
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("Time per element against stride ({mb} MB float64)"), ("sans-serif", 22))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..xmax, 0f64..ymax)?;
        chart
            .configure_mesh()
            .x_desc("stride in elements (log scale; 8 float64 = one 64-byte cache line)")
            .y_desc("ns per element")
            .x_labels(points.len().max(2))
            .x_label_formatter(&|x| format!("{}", 2f64.powf(*x).round()))
            .draw()?;
        let series: [Series; 2] = [
            ("copy (dst.assign(a[::s]))", BLUE, |p| p.copy_ns),
            ("sum (blocks of a[::s] gathered by to_vec, then summed)", RED, |p| p.sum_ns),
        ];
        for (name, colour, f) in series {
            let pts: Vec<(f64, f64)> = points.iter().map(|p| ((p.stride as f64).log2(), f(p))).collect();
            chart
                .draw_series(LineSeries::new(pts, colour.stroke_width(2)))?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()?;
        root.present()?;
    }
    crate::convert::write_atomic(path, svg.as_bytes())
}

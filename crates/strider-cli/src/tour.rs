//! `strider tour`: the memory model as a NumPy user learns it, with every number computed live.
//!
//! The tour is a list of sections ([`SECTIONS`]), each a plain function that writes to `out`.
//! Sections that time work scale with [`Opts::size`]; a new section is one function plus one
//! line in the list.

use std::io::Write;
use std::time::Instant;
use strider::explain::{explain, explain_op, explain_reshape, Op};
use strider::io::npy;
use strider::storage::MapMode;
use strider::{DType, NdArray, Order};

type Res = Result<(), Box<dyn std::error::Error>>;

/// How big the tour's timed work is.
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    /// Side of the square float64 arrays of the timed sections (`size x size x 8` bytes).
    pub size: usize,
}

/// A section of the tour.
type Section = fn(&mut dyn Write, &Opts) -> Res;

/// The sections, in order.
pub const SECTIONS: &[(&str, Section)] = &[
    ("A fresh array and its flags", flags),
    ("Strides follow the shape; the bytes do not move", strides),
    ("Views change the recipe; copies move bytes", views),
    ("Overlap is exact: interleaved slices touch no common byte", overlap),
    ("Row sums and column sums, in C and F order", sums),
    ("Contiguous versus strided: the same number of elements", strided),
    ("Growing an array: concatenate in a loop, preallocate, or grow", growing),
    ("A slice is a view; a fancy index is a copy", fancy),
    ("Reshape and transpose, drawn as trees of byte offsets", trees),
    ("Saving, memory-mapping and reloading a file", files),
    ("Record arrays and datetime arrays: not only numbers", records),
    ("Printing matches NumPy", printing),
];

/// Runs the tour, writing to `out`.
pub fn run(out: &mut dyn Write, opts: &Opts) -> Res {
    writeln!(out, "Strider tour: an array is a block of bytes plus a recipe (dtype, shape, strides, offset).\n")?;
    for (k, (title, section)) in SECTIONS.iter().enumerate() {
        writeln!(out, "{}", crate::term::heading(&format!("{}. {title}", k + 1)))?;
        section(out, opts)?;
        writeln!(out)?;
    }
    Ok(())
}

fn describe(out: &mut dyn Write, label: &str, a: &NdArray) -> Res {
    let f = a.flags();
    writeln!(
        out,
        "  {label:<28} shape {:<12} strides {:<14} offset {:>3}  C={} F={} OWNDATA={} WRITEABLE={}",
        strider::layout::shape_str(a.shape()),
        strider::layout::strides_str(a.strides()),
        a.offset(),
        f.c_contiguous as u8,
        f.f_contiguous as u8,
        f.owndata as u8,
        f.writeable as u8
    )?;
    Ok(())
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

fn flags(out: &mut dyn Write, _: &Opts) -> Res {
    let a = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::C)?;
    describe(out, "zeros((3, 4))", &a)?;
    describe(out, "zeros((3, 4), order='F')", &NdArray::zeros(&[3, 4], DType::FLOAT64, Order::F)?)?;
    let e = explain(&a);
    writeln!(out, "  why C_CONTIGUOUS: {}", e.c_contiguous.why)?;
    writeln!(out, "  why not F_CONTIGUOUS: {}", e.f_contiguous.why)?;
    Ok(())
}

fn strides(out: &mut dyn Write, _: &Opts) -> Res {
    let b = NdArray::arange(0.0, 8.0, 1.0, DType::INT8)?;
    describe(out, "int8 arange(8)", &b)?;
    describe(out, ".reshape(2, 4)", &b.reshape(&[2, 4])?)?;
    describe(out, ".reshape(1, 4, 2)", &b.reshape(&[1, 4, 2])?)?;
    describe(out, ".reshape(2, 4).T", &b.reshape(&[2, 4])?.t())?;
    writeln!(
        out,
        "  One step along an axis moves `stride` bytes: with 1-byte elements, (2, 4) steps 4 bytes per row."
    )?;
    Ok(())
}

fn views(out: &mut dyn Write, _: &Opts) -> Res {
    let x = NdArray::arange(0.0, 24.0, 1.0, DType::INT64)?.reshape(&[4, 6])?;
    let views = [
        ("x[1:3, ::2]", x.index("1:3, ::2")?),
        ("x[::-1]", x.index("::-1")?),
        ("x.T", x.t()),
        ("x[:, None, 2]", x.index(":, None, 2")?),
    ];
    for (label, v) in &views {
        describe(out, label, v)?;
        writeln!(out, "  {:<28} shares memory with x: {}", "", v.shares_memory(&x, None)?)?;
    }
    let c = x.t().copy(Order::C)?;
    describe(out, "x.T.copy()", &c)?;
    writeln!(out, "  {:<28} shares memory with x: {}", "", c.shares_memory(&x, None)?)?;
    let r = x.t().reshape(&[24])?;
    describe(out, "x.T.reshape(24) (must copy)", &r)?;
    writeln!(out, "  {:<28} shares memory with x: {}", "", r.shares_memory(&x, None)?)?;
    Ok(())
}

fn overlap(out: &mut dyn Write, _: &Opts) -> Res {
    let x = NdArray::arange(0.0, 24.0, 1.0, DType::INT64)?;
    let even = x.index("::2")?;
    let odd = x.index("1::2")?;
    writeln!(out, "  may_share_memory(x[::2], x[1::2]) = {}", even.may_share_memory(&odd, None)?)?;
    writeln!(out, "  shares_memory(x[::2], x[1::2])    = {}", even.shares_memory(&odd, None)?)?;
    Ok(())
}

fn trees(out: &mut dyn Write, _: &Opts) -> Res {
    let b = NdArray::arange(0.0, 8.0, 1.0, DType::INT8)?;
    let r = explain_reshape(&b, &[2, 4], Order::C)?;
    writeln!(out, "  int8 arange(8).reshape(2, 4): {}", r.why)?;
    write!(out, "{}", indent(&r.after.tree()))?;
    let m = b.reshape(&[2, 4])?;
    let t = explain_op(&m, &Op::Transpose(None))?;
    writeln!(out, "  .T: {}", t.tree_change)?;
    write!(out, "{}", indent(&t.after.tree()))?;
    let r3 = explain_reshape(&b, &[1, 4, 2], Order::C)?;
    writeln!(out, "  .reshape(1, 4, 2): {}", r3.tree_change)?;
    write!(out, "{}", indent(&r3.after.tree()))?;
    let flat = explain_reshape(&m.t(), &[8], Order::C)?;
    writeln!(out, "  .T.reshape(8): {}", if flat.copies { "COPIES" } else { "a view" })?;
    writeln!(out, "    why: {}", flat.why)?;
    writeln!(out, "    {}", flat.tree_change)?;
    Ok(())
}

fn secs(s: f64) -> String {
    crate::bench::fmt_secs(s)
}

/// Runs `f` once, returning its result and the seconds it took.
fn timed<R>(f: impl FnOnce() -> R) -> (R, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64())
}

fn files(out: &mut dyn Write, opts: &Opts) -> Res {
    // A tenth of the square is enough to show that mapping costs nothing and loading costs the size.
    let n = opts.size.max(2);
    let dir = std::env::temp_dir().join(format!("strider-tour-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let r = files_in(out, &dir, n);
    let _ = std::fs::remove_dir_all(&dir);
    r
}

fn files_in(out: &mut dyn Write, dir: &std::path::Path, n: usize) -> Res {
    let path = dir.join("tour.npy");
    let cols = (n / 10).max(2);
    let a = NdArray::arange(0.0, (n * cols) as f64, 1.0, DType::FLOAT64)?.reshape(&[n as isize, -1])?;
    let mb = a.nbytes() as f64 / 1e6;
    let (r, save) = timed(|| npy::write(&path, &a));
    r?;
    let (h, len) = npy::read_header(&path)?;
    writeln!(
        out,
        "  np.save of a {n}x{cols} float64 array ({mb:.1} MB): {}; the file is {len} bytes, data from byte {}",
        secs(save),
        h.data_offset
    )?;
    let (m, open) = timed(|| npy::open_memmap(&path, MapMode::ReadOnly));
    let m = m?;
    writeln!(
        out,
        "  np.load(mmap_mode='r'): {} (only the header is read; the data is mapped, not loaded)",
        secs(open)
    )?;
    describe(out, "the memory map", &m)?;
    let corner = m.get(&[-1, -1])?;
    writeln!(out, "  m[-1, -1] = {corner} (reading it brings in one page of the file)")?;
    let (back, load) = timed(|| npy::read(&path));
    let back = back?;
    writeln!(out, "  np.load (a real read into new memory): {}", secs(load))?;
    describe(out, "the loaded array", &back)?;
    let w = npy::open_memmap(&path, MapMode::ReadWrite)?;
    w.set(&[0, 0], -1.0)?;
    w.flush()?;
    drop(w);
    let again = npy::open_memmap(&path, MapMode::ReadOnly)?;
    writeln!(
        out,
        "  after m = np.load(mmap_mode='r+'); m[0, 0] = -1; m.flush(): the file holds {}; the earlier loaded copy still holds {}",
        again.get(&[0, 0])?,
        back.get(&[0, 0])?
    )?;
    Ok(())
}

fn printing(out: &mut dyn Write, _: &Opts) -> Res {
    let x = NdArray::arange(0.0, 24.0, 1.0, DType::INT64)?.reshape(&[4, 6])?;
    writeln!(out, "{:?}", x.index("::2, 1:4")?)?;
    writeln!(out, "{:?}", NdArray::linspace(0.0, 1.0, 4, true, DType::FLOAT32)?)?;
    Ok(())
}

fn sums(out: &mut dyn Write, opts: &Opts) -> Res {
    let n = opts.size.max(2);
    let c = NdArray::arange(0.0, (n * n) as f64, 1.0, DType::FLOAT64)?.reshape(&[n as isize, -1])?;
    let f = c.asfortranarray()?;
    writeln!(
        out,
        "  c and f: the same {n}x{n} float64 values ({:.0} MB each), in C and in F order",
        c.nbytes() as f64 / 1e6
    )?;
    for (name, a) in [("c", &c), ("f", &f)] {
        let (rows, t_rows) = timed(|| a.sum(Some(&[1]), false));
        let (cols, t_cols) = timed(|| a.sum(Some(&[0]), false));
        rows?;
        cols?;
        writeln!(
            out,
            "  {name}.sum(axis=1) (row sums) {:>10}   {name}.sum(axis=0) (column sums) {:>10}",
            secs(t_rows),
            secs(t_cols)
        )?;
    }
    writeln!(
        out,
        "  Strider reduces along whichever axis is contiguous in memory and accumulates the other in a\n  \
         contiguous output, so neither sum strides through memory element by element."
    )?;
    Ok(())
}

fn strided(out: &mut dyn Write, opts: &Opts) -> Res {
    let n = opts.size.max(2) * opts.size.max(2);
    let v = NdArray::arange(0.0, n as f64, 1.0, DType::FLOAT64)?;
    let m = (n / 100).max(1);
    let dense = v.index(&format!(":{m}"))?;
    let sparse = v.index("::100")?;
    let (a, t_dense) = timed(|| dense.sum(None, false));
    let (b, t_sparse) = timed(|| sparse.sum(None, false));
    a?;
    b?;
    writeln!(out, "  v[:{m}].sum()  (stride {:>3} bytes) {:>10}", dense.strides()[0], secs(t_dense))?;
    writeln!(out, "  v[::100].sum() (stride {:>3} bytes) {:>10}", sparse.strides()[0], secs(t_sparse))?;
    writeln!(
        out,
        "  Each element of the strided view sits on its own cache line: the same additions, far more memory traffic."
    )?;
    Ok(())
}

fn growing(out: &mut dyn Write, opts: &Opts) -> Res {
    use strider::accounting;
    let cols = opts.size.max(2);
    let rows = (opts.size / 4).clamp(10, 500);
    let row = NdArray::arange(0.0, cols as f64, 1.0, DType::FLOAT64)?;
    let row2 = row.reshape(&[1, -1])?;
    accounting::reset();
    let (r, t_cat) = timed(|| -> strider::Result<NdArray> {
        let mut acc = row2.index(":0")?;
        for _ in 0..rows {
            acc = NdArray::concatenate(&[&acc, &row2], Some(0))?;
        }
        Ok(acc)
    });
    let cat = r?;
    let c_cat = accounting::counters();
    accounting::reset();
    let (r, t_pre) = timed(|| -> strider::Result<NdArray> {
        let acc = NdArray::empty(&[rows, cols], DType::FLOAT64, Order::C)?;
        for i in 0..rows {
            acc.index(&i.to_string())?.assign(&row)?;
        }
        Ok(acc)
    });
    let pre = r?;
    let c_pre = accounting::counters();
    accounting::reset();
    let (r, t_grow) = timed(|| -> strider::Result<NdArray> {
        let mut g = strider::GrowableArray::new(DType::FLOAT64, &[cols])?;
        for _ in 0..rows {
            g.push(&row)?;
        }
        g.finish()
    });
    let grown = r?;
    let c_grow = accounting::counters();
    let mb = |c: &accounting::Counters| c.bytes_copied as f64 / 1e6;
    writeln!(out, "  {rows} rows of {cols} float64, three ways (bytes copied from strider::accounting):")?;
    writeln!(out, "    a loop of concatenate      {:>10}  {:>10.1} MB copied", secs(t_cat), mb(&c_cat))?;
    writeln!(out, "    preallocate, then assign   {:>10}  {:>10.1} MB copied", secs(t_pre), mb(&c_pre))?;
    writeln!(out, "    GrowableArray::push        {:>10}  {:>10.1} MB copied", secs(t_grow), mb(&c_grow))?;
    let same = strider::ufunc::array_equal(&cat, &pre, false)? && strider::ufunc::array_equal(&pre, &grown, false)?;
    writeln!(out, "  All three hold the same values: {same}. Concatenating copies everything so far on every step.")?;
    Ok(())
}

fn fancy(out: &mut dyn Write, opts: &Opts) -> Res {
    let n = opts.size.max(2) * opts.size.max(2) / 4;
    let v = NdArray::arange(0.0, n as f64, 1.0, DType::FLOAT64)?;
    let (s, t_slice) = timed(|| v.index("::10"));
    let s = s?;
    let idx = NdArray::arange(0.0, n as f64, 10.0, DType::INT64)?;
    let (f, t_fancy) = timed(|| v.get_index(&[strider::index::FancyIndex::Array(idx.clone())]));
    let f = f?;
    writeln!(out, "  v[::10]      {:>10}  shares memory with v: {}", secs(t_slice), s.shares_memory(&v, None)?)?;
    writeln!(
        out,
        "  v[idx]       {:>10}  shares memory with v: {}  (idx = arange(0, n, 10))",
        secs(t_fancy),
        f.shares_memory(&v, None)?
    )?;
    writeln!(out, "  Same elements; the slice is a new recipe over the old bytes, the fancy index gathers new ones.")?;
    Ok(())
}

fn records(out: &mut dyn Write, _opts: &Opts) -> Res {
    let dtype: DType = "[('ts', '<M8[s]'), ('ticker', 'S4'), ('price', '<f8'), ('qty', '<i4')]".parse()?;
    writeln!(out, "  dtype {dtype:?}: itemsize {} bytes", dtype.itemsize())?;
    let trades = NdArray::zeros(&[3], dtype, Order::C)?;
    let ts = strider::datetime::datetime_array(
        &["2024-03-04T09:30:00", "2024-03-04T09:31:05", "2024-03-05T15:59:59"],
        &"M8[s]".parse()?,
    )?;
    trades.field("ts")?.assign(&ts)?;
    trades.field("ticker")?.assign(&NdArray::from_byte_strings(&[b"ACME", b"INIT", b"ACME"], Some(4))?)?;
    trades.field("price")?.assign(&NdArray::from_vec(vec![101.5f64, 7.25, 99.0], &[3], Order::C)?)?;
    trades.field("qty")?.assign(&NdArray::from_vec(vec![100i32, 2500, 40], &[3], Order::C)?)?;
    writeln!(out, "  {trades:?}")?;
    let price = trades.field("price")?;
    describe(out, "trades['price'] (a view)", &price)?;
    let gaps = (&ts.index("1:")? - &ts.index(":-1")?)?;
    writeln!(out, "  ts[1:] - ts[:-1] = {gaps:?}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tour_runs_and_tells_views_from_copies() {
        let mut out = Vec::new();
        super::run(&mut out, &super::Opts { size: 50 }).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Strides of int8 arange(8) reshaped, as NumPy gives them.
        assert!(text.contains(".reshape(2, 4)               shape (2, 4)       strides (4, 1)"), "{text}");
        assert!(text.contains(".reshape(1, 4, 2)            shape (1, 4, 2)    strides (8, 2, 1)"), "{text}");
        // Four views share memory with x; the explicit copy does not; the copying reshape does not.
        assert_eq!(text.matches("shares memory with x: true").count(), 4, "{text}");
        assert_eq!(text.matches("shares memory with x: false").count(), 2, "{text}");
        assert!(text.contains("may_share_memory(x[::2], x[1::2]) = true"));
        assert!(text.contains("shares_memory(x[::2], x[1::2])    = false"));
        assert!(text.contains("array([0.        , 0.33333334, 0.6666667 , 1.        ], dtype=float32)"), "{text}");
        // The memory-mapped file: a read-only view of the file; the r+ write reached the file only.
        assert!(text.contains(&format!("{:<28} shape (50, 5)", "the memory map")), "{text}");
        assert!(text.contains("OWNDATA=0 WRITEABLE=0"), "{text}");
        assert!(text.contains("m[-1, -1] = 249.0"), "{text}");
        assert!(text.contains("the file holds -1.0; the earlier loaded copy still holds 0.0"), "{text}");
        // The transpose's tree, and the copy a flattening of it needs.
        assert!(text.contains("    └── [3] @3\n        ├── [3, 0] @3..4\n        └── [3, 1] @7..8\n"), "{text}");
        assert!(text.contains(".T.reshape(8): COPIES"), "{text}");
    }
}

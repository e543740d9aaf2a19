//! `strider stats`, `convert`, `explain`, `bench` and `tour --quick` through the built binary:
//! results against NumPy's (from `tests/data/gen_cli.py`), failures as one line on stderr with a
//! non-zero exit and no output file left behind.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn strider(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_strider")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn data(name: &str) -> String {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).join(name).display().to_string()
}

fn malformed_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../strider/tests/data/malformed"))
}

fn expect(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data(file)).unwrap()).unwrap()
}

/// A fresh empty directory for one test's outputs.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("strider-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn one_line_failure(args: &[&str]) -> String {
    let (ok, out, err) = strider(args);
    assert!(!ok, "{args:?} should fail");
    assert!(out.is_empty(), "{args:?} printed {out}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("strider: "), "{err}");
    err.trim_end().to_string()
}

fn close(got: &Value, want: &Value, tol: f64, scale: f64, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() <= tol * (w.abs() + scale), "{what}: {g} vs NumPy {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

fn check_stats(got: &Value, want: &Value, label: &str) {
    assert_eq!(got["dtype"], want["dtype"], "{label}");
    assert_eq!(got["shape"], want["shape"], "{label}");
    assert_eq!(got["rows"], want["rows"], "{label}");
    let (g, w) = (got["columns"].as_array().unwrap(), want["columns"].as_array().unwrap());
    assert_eq!(g.len(), w.len(), "{label}");
    for (gc, wc) in g.iter().zip(w) {
        let what = |k: &str| format!("{label} column {} {k}", wc["column"]);
        for k in ["column", "field", "count", "nan"] {
            assert_eq!(gc[k], wc[k], "{}", what(k));
        }
        // min and max are values of the data: exact (integers beyond 2**53 included).
        for k in ["min", "max"] {
            assert_eq!(gc[k], wc[k], "{}", what(k));
        }
        let std = wc["std"].as_f64().unwrap_or(0.0);
        close(&gc["mean"], &wc["mean"], 1e-12, std, &what("mean"));
        close(&gc["std"], &wc["std"], 1e-12, 0.0, &what("std"));
    }
}

#[test]
fn stats_match_numpy_in_one_chunk_and_in_many() {
    let want = expect("stats_expect.json");
    let files = want.as_object().unwrap();
    assert_eq!(files.len(), 6);
    for (name, w) in files {
        let (file, member) = match name.split_once(':') {
            Some((f, m)) => (f, Some(m)),
            None => (name.as_str(), None),
        };
        for chunk in [None, Some("7"), Some("1")] {
            let path = data(file);
            let mut args = vec!["stats", "--json", path.as_str()];
            if let Some(m) = member {
                args.extend(["--member", m]);
            }
            if let Some(c) = chunk {
                args.extend(["--chunk-rows", c]);
            }
            let (ok, out, err) = strider(&args);
            assert!(ok, "{args:?}: {err}");
            // No progress bar (stderr is not a terminal here).
            assert!(err.is_empty(), "{args:?}: {err}");
            let got: Value = serde_json::from_str(&out).unwrap();
            check_stats(&got, w, &format!("{name} chunk {chunk:?}"));
        }
    }
}

#[test]
fn stats_of_records_are_per_field_as_numpy_computes_them() {
    // Nested and subarray fields, NaN prices, NaT timestamps and timedeltas, strings; C and F.
    let want = expect("stats_rec_expect.json");
    for (name, w) in want.as_object().unwrap() {
        for chunk in [None, Some("13"), Some("1")] {
            let path = data(name);
            let mut args = vec!["stats", "--json", path.as_str()];
            if let Some(c) = chunk {
                args.extend(["--chunk-rows", c]);
            }
            let (ok, out, err) = strider(&args);
            assert!(ok, "{args:?}: {err}");
            check_stats(&serde_json::from_str(&out).unwrap(), w, &format!("{name} chunk {chunk:?}"));
        }
    }
    let (ok, out, _) = strider(&["stats", &data("stats_rec.npy")]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1].split_whitespace().next(), Some("field"), "{out}");
    assert!(lines.iter().any(|l| l.trim_start().starts_with("inner.m[1,0] ")), "{out}");
    assert_eq!(lines.len(), 2 + want["stats_rec.npy"]["columns"].as_array().unwrap().len(), "{out}");
}

#[test]
fn stats_reads_raw_files_and_prints_a_table() {
    // stats_c.npy's data read as a raw file: the header is 128 bytes.
    let want = &expect("stats_expect.json")["stats_c.npy"];
    let f = data("stats_c.npy");
    let (ok, out, err) = strider(&["stats", "--json", &f, "--dtype", "<f8", "--shape", "2000,3", "--offset", "128"]);
    assert!(ok, "{err}");
    check_stats(&serde_json::from_str(&out).unwrap(), want, "raw");
    let (ok, out, _) = strider(&["stats", &f]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with("<f8 (2000, 3), 2000 rows"), "{out}");
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["column", "count", "nan", "min", "max", "mean", "std"]
    );
    assert_eq!(lines.len(), 5, "{out}");
    // Column 1 has NaNs in every 7th row.
    let nan = want["columns"][1]["nan"].to_string();
    assert_eq!(lines[3].split_whitespace().nth(2), Some(nan.as_str()), "{out}");
}

#[test]
fn stats_refuses_what_it_cannot_summarise() {
    let complex = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/cases/inputs"));
    let c = std::fs::read_dir(&complex)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("lec16"))
        .expect("a complex128 input");
    assert!(one_line_failure(&["stats", s(&c)]).contains("not supported"));
    assert!(one_line_failure(&["stats", &data("stats_pair.npz")]).contains("choose one with --member"));
    for entry in std::fs::read_dir(malformed_dir()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "npy" || e == "npz") {
            one_line_failure(&["stats", s(&p)]);
            one_line_failure(&["explain", s(&p)]);
        }
    }
}

#[test]
fn convert_writes_what_numpy_writes() {
    let dir = scratch("convert");
    let out = |n: &str| dir.join(n);
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (vec!["--order".into(), "F".into()], "conv_src.npy", "conv_src_F.npy"),
        (vec!["--order".into(), "F".into(), "--chunk-rows".into(), "2".into()], "conv_src.npy", "conv_src_F.npy"),
        (vec!["--chunk-rows".into(), "3".into()], "conv_src_F.npy", "conv_src_F.npy"),
        (vec!["--order".into(), "C".into(), "--chunk-rows".into(), "4".into()], "conv_src_F.npy", "conv_src.npy"),
        (vec!["--dtype".into(), "float32".into()], "conv_src.npy", "conv_src_f4.npy"),
        (vec!["--dtype".into(), "<i4".into(), "--casting".into(), "safe".into()], "conv_be.npy", "conv_be_le_i4.npy"),
        (vec!["--member".into(), "x".into()], "conv_pair.npz", "conv_src.npy"),
        (vec!["--member".into(), "y".into()], "conv_pair.npz", "conv_i4.npy"),
        (vec!["--dtype".into(), "int32".into(), "--casting".into(), "unsafe".into()], "conv_i4.csv", "conv_i4.npy"),
        // The data of a .npy read as a raw file (its header is 128 bytes).
        (
            ["--in-dtype", "<f8", "--in-shape", "37,5", "--in-offset", "128", "--order", "F", "--chunk-rows", "2"]
                .map(String::from)
                .to_vec(),
            "conv_src.npy",
            "conv_src_F.npy",
        ),
    ];
    for (k, (flags, src, want)) in cases.iter().enumerate() {
        let o = out(&format!("out{k}.npy"));
        let srcp = data(src);
        let mut args = vec!["convert", srcp.as_str(), s(&o)];
        args.extend(flags.iter().map(String::as_str));
        let (ok, out, err) = strider(&args);
        assert!(ok, "{args:?}: {err}");
        assert!(out.is_empty() && err.is_empty(), "{args:?}: {out}{err}");
        assert_eq!(std::fs::read(&o).unwrap(), std::fs::read(data(want)).unwrap(), "{args:?}");
    }
    // Text: NumPy's savetxt bytes (%.18e for floats, %d for integers).
    for (src, want) in [("conv_src.npy", "conv_src.csv"), ("conv_i4.npy", "conv_i4.csv")] {
        let o = out(want);
        let (ok, _, err) = strider(&["convert", &data(src), s(&o)]);
        assert!(ok, "{err}");
        assert_eq!(std::fs::read_to_string(&o).unwrap(), std::fs::read_to_string(data(want)).unwrap());
    }
    // Text and archives are streamed too: in blocks of a few rows the bytes are the same.
    for (src, want, rows) in [("conv_src.npy", "conv_src.csv", "4"), ("conv_src_F.npy", "conv_src.csv", "1")] {
        let o = out(&format!("chunked-{rows}.csv"));
        let (ok, _, err) = strider(&["convert", &data(src), s(&o), "--chunk-rows", rows]);
        assert!(ok, "{err}");
        assert_eq!(std::fs::read_to_string(&o).unwrap(), std::fs::read_to_string(data(want)).unwrap());
    }
    for (order, want) in [("C", "conv_src.npy"), ("F", "conv_src_F.npy")] {
        let z = out(&format!("chunked-{order}.npz"));
        let (ok, _, err) = strider(&["convert", &data("conv_src.npy"), s(&z), "--order", order, "--chunk-rows", "3"]);
        assert!(ok, "{err}");
        let back = out(&format!("chunked-{order}.npy"));
        assert!(strider(&["convert", s(&z), s(&back)]).0);
        assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(data(want)).unwrap(), "{order}");
    }
    // .npy -> .npz -> .npy returns the same bytes; .npz -> .npz keeps every member.
    let z = out("round.npz");
    assert!(strider(&["convert", &data("conv_src.npy"), s(&z), "--compress"]).0);
    let back = out("back.npy");
    assert!(strider(&["convert", s(&z), s(&back), "--member", "arr_0"]).0);
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(data("conv_src.npy")).unwrap());
    let z2 = out("all.npz");
    assert!(strider(&["convert", &data("conv_pair.npz"), s(&z2), "--order", "F"]).0);
    let y = out("y.npy");
    assert!(strider(&["convert", s(&z2), s(&y), "--member", "x"]).0);
    assert_eq!(std::fs::read(&y).unwrap(), std::fs::read(data("conv_src_F.npy")).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn convert_leaves_nothing_behind_after_an_error() {
    let dir = scratch("atomic");
    let o = dir.join("out.npy");
    // NumPy's casting error, word for word; nothing written.
    let want = expect("convert_expect.json")["cast_error_f8_to_i4_same_kind"].as_str().unwrap().to_string();
    let err = one_line_failure(&["convert", &data("conv_src.npy"), s(&o), "--dtype", "int32"]);
    assert_eq!(err, format!("strider: {want}"));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
    // A failure after two chunks were written: no OUT and no temporary file.
    let err =
        one_line_failure(&["convert", &data("conv_src.npy"), s(&o), "--chunk-rows", "5", "--fail-after-chunks", "2"]);
    assert!(err.contains("after 2 chunks"), "{err}");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
    // An existing OUT survives a failed conversion untouched.
    std::fs::write(&o, b"keep").unwrap();
    one_line_failure(&["convert", &data("conv_src.npy"), s(&o), "--chunk-rows", "5", "--fail-after-chunks", "1"]);
    let csv = dir.join("x.csv");
    one_line_failure(&["convert", &data("stats_u2_be.npy"), s(&csv)]); // 3-d cannot be text
                                                                       // Streamed text and archives that fail part-way leave nothing either.
    for o in [dir.join("x.csv"), dir.join("x.npz"), dir.join("all.npz")] {
        let src = if o.ends_with("all.npz") { data("conv_pair.npz") } else { data("conv_src.npy") };
        let err = one_line_failure(&["convert", &src, s(&o), "--chunk-rows", "5", "--fail-after-chunks", "3"]);
        assert!(err.contains("after 3 chunks"), "{err}");
    }
    assert_eq!(std::fs::read(&o).unwrap(), b"keep");
    assert_eq!(leftovers(&dir), vec!["out.npy".to_string()]);
    // Malformed inputs, and a missing output directory.
    for entry in std::fs::read_dir(malformed_dir()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "npy" || e == "npz") {
            one_line_failure(&["convert", s(&p), s(&dir.join("m.npy"))]);
        }
    }
    one_line_failure(&["convert", &data("conv_src.npy"), "/nonexistent-dir/out.npy"]);
    // Converting a file onto itself is refused before anything is written.
    let same = dir.join("same.npy");
    std::fs::copy(data("conv_src.npy"), &same).unwrap();
    assert!(one_line_failure(&["convert", s(&same), s(&same), "--order", "F"]).contains("the same file"));
    assert_eq!(std::fs::read(&same).unwrap(), std::fs::read(data("conv_src.npy")).unwrap());
    std::fs::remove_file(&same).unwrap();
    one_line_failure(&["convert", &data("conv_src.npy"), s(&dir.join("out.xyz"))]);
    assert_eq!(leftovers(&dir), vec!["out.npy".to_string()]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explain_agrees_with_numpy() {
    let w = &expect("convert_expect.json")["explain_src_step2_cols1to3_T"];
    let f = data("conv_src.npy");
    let (ok, out, err) = strider(&["explain", &f, "--expr", "::2, 1:3", "--expr", "T", "--reshape=-1", "--ravel", "F"]);
    assert!(ok, "{err}");
    let shape: Vec<usize> = serde_json::from_value(w["shape"].clone()).unwrap();
    let strides: Vec<isize> = serde_json::from_value(w["strides"].clone()).unwrap();
    assert!(out.starts_with("a = a[::2, 1:3].T\n"), "{out}");
    assert!(out.contains(&format!("shape    {}:", strider::layout::shape_str(&shape))), "{out}");
    assert!(out.contains(&format!("strides  {} bytes", strider::layout::strides_str(&strides))), "{out}");
    assert!(out.contains(&format!("offset   element 0 is at byte {} ", w["offset"])), "{out}");
    let word = |b: &Value| if b.as_bool().unwrap() { "True " } else { "False" };
    assert!(out.contains(&format!("C_CONTIGUOUS {}", word(&w["c_contiguous"]))), "{out}");
    assert!(out.contains(&format!("F_CONTIGUOUS {}", word(&w["f_contiguous"]))), "{out}");
    let verdict = |b: &Value| if b.as_bool().unwrap() { "COPIES" } else { "a view (no bytes move)" };
    assert!(out.contains(&format!("a.reshape(-1): {}", verdict(&w["reshape_flat_copies"]))), "{out}");
    assert!(out.contains(&format!("a.ravel(order='F'): {}", verdict(&w["reshape_flat_F_copies"]))), "{out}");
    // A fresh array: int8 arange(8).reshape(2, 4), its tree and its transpose.
    let (ok, out, _) = strider(&["explain", "--shape", "2,4", "--dtype", "int8", "--transpose"]);
    assert!(ok);
    assert!(out.contains("└── [1, 3] @7..8"), "{out}");
    assert!(out.contains("a.T: a view (no bytes move)"), "{out}");
    // Bad steps are one-line errors.
    assert!(one_line_failure(&["explain", &f, "--expr", "::2, 9"]).contains("step '::2, 9': index 9 is out of bounds"));
    one_line_failure(&["explain", &f, "--reshape", "7,7"]);
    one_line_failure(&["explain", &f, "--expr", "transpose(0,0)"]);
}

#[test]
fn bench_strides_writes_a_valid_svg_plot() {
    let dir = scratch("svg");
    let svg = dir.join("plot.svg");
    let (ok, out, err) = strider(&["bench", "strides", "--quick", "--out", s(&svg)]);
    assert!(ok, "{err}");
    // One table row per stride 1, 2, ..., 64.
    for st in [1, 2, 4, 8, 16, 32, 64] {
        assert!(out.lines().any(|l| l.starts_with(&format!("| {st} | {} |", st * 8))), "{out}");
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("valid XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let lines: Vec<_> = doc.descendants().filter(|n| n.tag_name().name() == "polyline").collect();
    // The two data series have one point per stride.
    let series: Vec<_> =
        lines.iter().filter(|n| n.attribute("points").is_some_and(|p| p.split_whitespace().count() == 7)).collect();
    assert_eq!(series.len(), 2, "{text}");
    let texts: String = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    assert!(
        texts.contains("copy (dst.assign(a[::s]))")
            && texts.contains("sum (blocks of a[::s] gathered by to_vec, then summed)"),
        "{texts}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn numpy_present() -> bool {
    Command::new("python3").args(["-c", "import numpy"]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn bench_numpy_writes_a_markdown_table_with_or_without_numpy() {
    let dir = scratch("benchmd");
    let md = dir.join("bench.md");
    let args = [
        "bench",
        "numpy",
        "--group",
        "layout",
        "--n",
        "64",
        "--mb",
        "1",
        "--csv-mb",
        "1",
        "--runs",
        "1",
        "--out",
        s(&md),
    ];
    let (ok, out, err) = strider(&args);
    assert!(ok, "{err}");
    let table = std::fs::read_to_string(&md).unwrap();
    assert!(out.starts_with(&table), "{out}");
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| layout |")).collect();
    assert_eq!(rows.len(), 5, "{table}");
    assert!(table.contains("loops over a case of microseconds: c[1:-1, ::-3] (a view) (10000x)."), "{table}");
    if numpy_present() {
        assert!(rows.iter().all(|r| r.ends_with("x |")), "{table}");
        assert!(table.contains("in the same run on the same data"), "{table}");
    }
    // Without python3 on PATH the NumPy column is skipped with a note, and the run still succeeds.
    let o = Command::new(env!("CARGO_BIN_EXE_strider")).args(args).env("PATH", "").output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let table = std::fs::read_to_string(&md).unwrap();
    assert!(table.contains("NumPy column skipped: python3 could not be run"), "{table}");
    assert!(table.lines().filter(|l| l.starts_with("| layout |")).all(|l| l.ends_with("| n/a | - |")), "{table}");
    // A python3 without numpy: skipped with the reason.
    if numpy_present() {
        let exe = Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().unwrap();
        let exe = String::from_utf8(exe.stdout).unwrap().trim().to_string();
        let bin = dir.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let wrapper = bin.join("python3");
        std::fs::write(&wrapper, format!("#!/bin/sh\nexec {exe} -S \"$@\"\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_strider")).args(args).env("PATH", &bin).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let table = std::fs::read_to_string(&md).unwrap();
        assert!(table.contains("NumPy column skipped: python3 has no numpy (pip install numpy)"), "{table}");
    }
    one_line_failure(&["bench", "numpy", "--group", "nonesuch", "--out", s(&md)]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn tour_quick_runs() {
    let (ok, out, err) = strider(&["tour", "--quick"]);
    assert!(ok, "{err}");
    for k in 1..=7 {
        assert!(out.lines().any(|l| l.starts_with(&format!("{k}. "))), "section {k}: {out}");
    }
    assert!(out.contains("np.save of a 1000x100 float64 array (0.8 MB)"), "{out}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        vec!["tour"],
        vec!["info"],
        vec!["show"],
        vec!["stats"],
        vec!["convert"],
        vec!["explain"],
        vec!["bench", "files"],
        vec!["bench", "numpy"],
        vec!["bench", "strides"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let (ok, out, _) = strider(&args);
        assert!(ok, "{cmd:?}");
        assert!(out.contains("Example"), "{cmd:?}: {out}");
        assert!(out.contains(&format!("strider {}", cmd.join(" "))), "{cmd:?}: {out}");
    }
}

#[test]
fn stats_match_numpy_on_every_real_conformance_input() {
    // Every real dtype in both byte orders, C and F order, 0-d to n-d, empty axes.
    let want = expect("stats_corpus_expect.json");
    let files = want.as_object().unwrap();
    assert!(files.len() > 500);
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/cases/inputs"));
    for (k, (name, w)) in files.iter().enumerate() {
        let f = dir.join(name);
        // Every third file also in chunks of 2 rows, so odd-sized merges are checked everywhere.
        let chunks: &[Option<&str>] = if k % 3 == 0 { &[None, Some("2")] } else { &[None] };
        for chunk in chunks {
            let mut args = vec!["stats", "--json", s(&f)];
            if let Some(c) = chunk {
                args.extend(["--chunk-rows", c]);
            }
            let (ok, out, err) = strider(&args);
            assert!(ok, "{args:?}: {err}");
            check_stats(&serde_json::from_str(&out).unwrap(), w, &format!("{name} chunk {chunk:?}"));
        }
    }
}

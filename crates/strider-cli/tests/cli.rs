//! The `strider` binary on files NumPy wrote (the conformance inputs) and on bad input: output,
//! exit codes, and one-line errors on stderr.

use std::path::PathBuf;
use std::process::Command;

fn strider(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_strider")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn input(name: &str) -> String {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/cases/inputs")).join(name);
    p.display().to_string()
}

fn npz(name: &str) -> String {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../strider/tests/data/npz")).join(name).display().to_string()
}

#[test]
fn info_describes_numpy_files_from_their_headers() {
    // b1_12_F_3x1x2x2.npy: np.save of a Fortran-ordered bool array of shape (3, 1, 2, 2).
    let f = input("b1_12_F_3x1x2x2.npy");
    let (ok, out, err) = strider(&["info", &f]);
    assert!(ok, "{err}");
    assert!(out.contains("dtype:    |b1 (bool)"), "{out}");
    assert!(out.contains("shape:    (3, 1, 2, 2)"), "{out}");
    assert!(out.contains("order:    F"), "{out}");
    assert!(out.contains("strides:  (1, 3, 3, 6)"), "{out}");
    assert!(out.contains("flags:    C_CONTIGUOUS=False F_CONTIGUOUS=True"), "{out}");
    let (ok, json, _) = strider(&["info", "--json", &f]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let a = strider::io::npy::read(&f).unwrap();
    assert_eq!(v["shape"].as_array().unwrap().len(), a.ndim());
    assert_eq!(
        v["strides"].as_array().unwrap().iter().map(|x| x.as_i64().unwrap() as isize).collect::<Vec<_>>(),
        a.strides()
    );
    assert_eq!(v["version"], "1.0");
}

#[test]
fn info_lists_npz_members() {
    let (ok, out, err) = strider(&["info", &npz("deflated.npz")]);
    assert!(ok, "{err}");
    assert!(
        out.contains("member:   arr_0") && out.contains("member:   fortran") && out.contains("order:    F"),
        "{out}"
    );
}

#[test]
fn show_prints_as_numpy_with_an_index() {
    let f = input("lef8_720_C.npy");
    let a = strider::io::npy::read(&f).unwrap();
    let (ok, out, err) = strider(&["show", &f, "--slice", "10:20:3"]);
    assert!(ok, "{err}");
    assert_eq!(out, format!("{}\n", a.index("10:20:3").unwrap()));
    let (ok, out, _) = strider(&["show", &npz("stored.npz"), "--member", "scalar"]);
    assert!(ok);
    assert_eq!(out, "scalar:\n7\n");
}

#[test]
fn raw_files_need_enough_bytes() {
    let f = input("lef8_720_C.npy");
    let (ok, out, _) = strider(&["info", &f, "--dtype", "<f8", "--shape", "90", "--offset", "128"]);
    assert!(ok, "{out}");
    let (ok, _, err) = strider(&["info", &f, "--dtype", "<f8", "--shape", "1000"]);
    assert!(!ok && err.contains("bytes needed"), "{err}");
}

#[test]
fn bad_input_is_one_line_on_stderr_and_a_failure() {
    let tmp = std::env::temp_dir().join(format!("strider-cli-bad-{}.npy", std::process::id()));
    std::fs::write(&tmp, b"\x93NUMPY\x01\x00\x10\x00{'descr': 3}    ").unwrap();
    for args in [
        vec!["info", tmp.to_str().unwrap()],
        vec!["show", tmp.to_str().unwrap()],
        vec!["info", "/nonexistent/file.npy"],
        vec!["show", &input("lei8_720_C.npy"), "--slice", "5, 5"],
    ] {
        let (ok, out, err) = strider(&args);
        assert!(!ok, "{args:?} should fail");
        assert!(out.is_empty(), "{args:?} printed {out}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("strider: "), "{err}");
    }
    std::fs::remove_file(tmp).unwrap();
}

#[test]
fn tour_runs() {
    let (ok, out, err) = strider(&["tour", "--quick"]);
    assert!(ok, "{err}");
    assert!(out.contains("shares_memory(x[::2], x[1::2])    = false"));
}

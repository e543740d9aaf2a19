//! Reading `.npy` files written by other programs (`../shared/npy-corpus`: NumPy's own test data,
//! MATLAB, Julia, C++ and Rust writers, old 16-byte-aligned headers, Python 2 headers, hostile
//! headers). Expectations are NumPy's reading of each file, recorded by
//! `conformance/corpus/gen_corpus_expect.py`: dtype, shape, order and a SHA-256 of the values, or
//! the fact that NumPy refused the file.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use strider::io::npy;
use strider::Order;

#[test]
fn corpus_files_read_as_numpy_reads_them() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/npy-corpus"));
    if !root.is_dir() {
        eprintln!("npy corpus not found at {}: nothing to check", root.display());
        return;
    }
    let expect_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/corpus/corpus_expect.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(expect_path).unwrap()).unwrap();
    let (mut checked, mut rejected, mut later, mut failures) = (0, 0, 0, Vec::new());
    for case in doc["cases"].as_array().unwrap() {
        let file = root.join(case["file"].as_str().unwrap());
        let got = npy::read(&file);
        if case.get("error").is_some() {
            // NumPy refused it (object arrays without pickle, a hostile header): so must Strider.
            match got {
                Err(_) => rejected += 1,
                Ok(a) => {
                    failures.push(format!("{}: numpy refused it, strider read shape {:?}", file.display(), a.shape()))
                }
            }
            continue;
        }
        if case["numeric"].as_bool() != Some(true) {
            later += 1; // structured and string dtypes arrive with the record-array work
            continue;
        }
        let a = match got {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let fortran = a.flags().f_contiguous && !a.flags().c_contiguous;
        let sha = format!("{:x}", Sha256::digest(a.to_bytes(Order::C).unwrap()));
        let same = a.dtype().str() == case["dtype"].as_str().unwrap()
            && a.shape().iter().map(|&d| d as u64).collect::<Vec<_>>()
                == case["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect::<Vec<_>>()
            && Some(fortran) == case["fortran"].as_bool()
            && sha == case["sha256"].as_str().unwrap();
        if same {
            checked += 1;
        } else {
            failures.push(format!(
                "{}: numpy {} {} fortran={} sha {}; strider {} {:?} fortran={} sha {}",
                file.display(),
                case["dtype"],
                case["shape"],
                case["fortran"],
                case["sha256"],
                a.dtype().str(),
                a.shape(),
                fortran,
                sha
            ));
        }
    }
    println!("npy corpus: {checked} read as NumPy does, {rejected} refused as NumPy does, {later} structured/string files not yet supported");
    assert!(failures.is_empty(), "{} files differ:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 100, "only {checked} corpus files were checked");
}

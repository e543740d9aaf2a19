//! `.npz` archives against NumPy: archives written by `np.savez` and `np.savez_compressed`
//! (`tests/data/gen_npz.py`) and by other programs (`../shared/npy-corpus`) read as NumPy reads
//! them; archives Strider writes read back equal, with members byte-identical to `np.save`; bad
//! archives are refused without allocating what a header claims.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use strider::io::{npy, npz};
use strider::{NdArray, Order};

fn data(p: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).join(p)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn fortran(a: &NdArray) -> bool {
    a.flags().f_contiguous && !a.flags().c_contiguous
}

#[test]
fn numpy_archives_read_as_numpy_reads_them() {
    let expect: Value = serde_json::from_str(&std::fs::read_to_string(data("npz_expect.json")).unwrap()).unwrap();
    for file in ["stored.npz", "deflated.npz"] {
        let e = &expect[file];
        let mut z = npz::NpzFile::open(data("npz").join(file)).unwrap();
        let files: Vec<String> =
            e["files"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        assert_eq!(z.names(), files, "{file}: member order");
        for name in &files {
            let m = &e["members"][name];
            let a = z.get(name).unwrap();
            assert_eq!(a.dtype().str(), m["dtype"].as_str().unwrap(), "{file}/{name}");
            assert_eq!(
                a.shape().iter().map(|&d| d as u64).collect::<Vec<_>>(),
                m["shape"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect::<Vec<_>>()
            );
            assert_eq!(fortran(&a), m["fortran"].as_bool().unwrap(), "{file}/{name}");
            assert_eq!(hex(&a.to_bytes(Order::C).unwrap()), m["data"].as_str().unwrap(), "{file}/{name}");
        }
        assert!(z.get("nope").is_err());
    }
}

#[test]
fn written_archives_round_trip_with_numpy_identical_members() {
    let mut src = npz::NpzFile::open(data("npz/stored.npz")).unwrap();
    let names = src.names();
    let arrays: Vec<NdArray> = names.iter().map(|n| src.get(n).unwrap()).collect();
    for compressed in [false, true] {
        let out = std::env::temp_dir().join(format!("strider-npz-test-{}-{compressed}.npz", std::process::id()));
        let pairs: Vec<(&str, &NdArray)> = names.iter().map(|n| n.as_str()).zip(arrays.iter()).collect();
        npz::write(&out, &pairs, compressed).unwrap();
        let mut back = npz::NpzFile::open(&out).unwrap();
        assert_eq!(back.names(), names);
        for (n, a) in names.iter().zip(&arrays) {
            let b = back.get(n).unwrap();
            assert_eq!((b.dtype(), b.shape(), fortran(&b)), (a.dtype(), a.shape(), fortran(a)));
            assert_eq!(b.to_bytes(Order::C).unwrap(), a.to_bytes(Order::C).unwrap());
        }
        std::fs::remove_file(out).unwrap();
    }
    // The .npy members NumPy stored are exactly what Strider writes for the same arrays.
    let raw = std::fs::read(data("npz/stored.npz")).unwrap();
    for a in &arrays {
        let bytes = npy::to_bytes(a).unwrap();
        assert!(raw.windows(bytes.len()).any(|w| w == bytes.as_slice()), "member {:?} differs from np.save", a.shape());
    }
}

#[test]
fn corpus_archives() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/npy-corpus"));
    if !root.is_dir() {
        eprintln!("npy corpus not found at {}: nothing to check", root.display());
        return;
    }
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/corpus/corpus_expect.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let (mut same, mut refused) = (0, 0);
    for case in doc["npz"].as_array().unwrap() {
        let path = root.join(case["file"].as_str().unwrap());
        let mut z = npz::NpzFile::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (name, m) in case["members"].as_object().unwrap() {
            let got = z.get(name);
            if m.get("error").is_some() {
                assert!(got.is_err(), "{}/{name}: numpy refused it", path.display());
                refused += 1;
                continue;
            }
            if m["numeric"].as_bool() != Some(true) {
                continue; // string members arrive with the string dtypes
            }
            let a = got.unwrap_or_else(|e| panic!("{}/{name}: {e}", path.display()));
            assert_eq!(a.dtype().str(), m["dtype"].as_str().unwrap(), "{}/{name}", path.display());
            assert_eq!(fortran(&a), m["fortran"].as_bool().unwrap(), "{}/{name}", path.display());
            assert_eq!(format!("{:x}", Sha256::digest(a.to_bytes(Order::C).unwrap())), m["sha256"].as_str().unwrap());
            same += 1;
        }
    }
    println!("npz corpus: {same} members read as NumPy does, {refused} refused as NumPy does");
    assert!(same > 40);
}

#[test]
fn hostile_archives_are_refused() {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("strider-npz-bad-{}.npz", std::process::id()));
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").unwrap();
    assert!(npz::NpzFile::open(&path).is_err());
    // A member whose header claims 32 GiB but whose data is 8 bytes: refused, nothing allocated.
    let huge = {
        let h = "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }";
        let mut b = npy::MAGIC.to_vec();
        b.extend_from_slice(&[1, 0]);
        let padded = format!("{h}{}\n", " ".repeat(128 - 10 - h.len() - 1));
        b.extend_from_slice(&(padded.len() as u16).to_le_bytes());
        b.extend_from_slice(padded.as_bytes());
        b.extend_from_slice(&[0u8; 8]);
        b
    };
    {
        use std::io::Write;
        let f = std::fs::File::create(&path).unwrap();
        let mut zw = zip::ZipWriter::new(f);
        zw.start_file("x.npy", zip::write::SimpleFileOptions::default()).unwrap();
        zw.write_all(&huge).unwrap();
        zw.finish().unwrap();
    }
    let e = npz::NpzFile::open(&path).unwrap().get("x").unwrap_err().to_string();
    assert!(e.contains("truncated data"), "{e}");
    std::fs::remove_file(&path).unwrap();
}

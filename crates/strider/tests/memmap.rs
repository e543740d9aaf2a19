//! Memory-mapped `.npy` files, against files NumPy's `np.save` wrote (the conformance inputs):
//! mapped arrays read the same values as loaded ones; `r+` writes reach the file, `c` writes do
//! not; `w+` files are byte-identical to NumPy's; views outlive the handle they came from; bad
//! files are refused cleanly.

use std::path::PathBuf;
use strider::io::npy;
use strider::storage::MapMode;
use strider::{DType, NdArray, Order};

fn inputs() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/cases/inputs"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("strider-test-{}-{name}", std::process::id()))
}

#[test]
fn mapped_numpy_files_equal_loaded_ones() {
    let files = inputs();
    assert!(files.len() > 100);
    for f in &files {
        let loaded = npy::read(f).unwrap();
        let mapped = npy::open_memmap(f, MapMode::ReadOnly).unwrap();
        assert_eq!(mapped.dtype(), loaded.dtype(), "{}", f.display());
        assert_eq!(mapped.shape(), loaded.shape(), "{}", f.display());
        if loaded.size() > 0 {
            assert_eq!(mapped.strides(), loaded.strides(), "{}", f.display());
        }
        assert_eq!(mapped.to_bytes(Order::C).unwrap(), loaded.to_bytes(Order::C).unwrap(), "{}", f.display());
        assert!(!mapped.flags().owndata);
        assert!(!mapped.flags().writeable || mapped.size() == 0);
    }
}

#[test]
fn created_maps_are_byte_identical_to_np_save() {
    // Recreate each NumPy-written file through a w+ map and compare the files byte for byte.
    for f in inputs().iter().step_by(7) {
        let loaded = npy::read(f).unwrap();
        let fortran = loaded.flags().f_contiguous && !loaded.flags().c_contiguous;
        let out = tmp(&format!("wplus-{}", f.file_name().unwrap().to_string_lossy()));
        let m = npy::create_memmap(&out, loaded.dtype(), loaded.shape(), if fortran { Order::F } else { Order::C })
            .unwrap();
        if loaded.size() > 0 {
            m.assign(&loaded).unwrap();
        }
        m.flush().unwrap();
        drop(m);
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(f).unwrap(), "{}", f.display());
        std::fs::remove_file(out).unwrap();
    }
}

#[test]
fn written_files_are_byte_identical_to_np_save() {
    // npy::write streams dense arrays from storage; every NumPy-written input must come back
    // byte for byte, and a non-contiguous view is written in C order as NumPy does.
    for f in inputs().iter().step_by(5) {
        let a = npy::read(f).unwrap();
        let out = tmp(&format!("w-{}", f.file_name().unwrap().to_string_lossy()));
        npy::write(&out, &a).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(f).unwrap(), "{}", f.display());
        std::fs::remove_file(out).unwrap();
    }
    let a = npy::read(inputs().iter().find(|p| p.ends_with("lef8_720_C.npy")).unwrap()).unwrap();
    let v = a.index("::-3").unwrap();
    let out = tmp("view.npy");
    npy::write(&out, &v).unwrap();
    assert_eq!(npy::read(&out).unwrap().to_bytes(Order::C).unwrap(), v.to_bytes(Order::C).unwrap());
    std::fs::remove_file(out).unwrap();
}

#[test]
fn write_modes_and_view_lifetimes() {
    let path = tmp("modes.npy");
    npy::write(&path, &NdArray::arange(0.0, 12.0, 1.0, DType::INT64).unwrap().reshape(&[3, 4]).unwrap()).unwrap();

    // c: copy-on-write, the file is untouched.
    let c = npy::open_memmap(&path, MapMode::CopyOnWrite).unwrap();
    c.fill(7i64).unwrap();
    assert_eq!(c.to_vec::<i64>().unwrap(), vec![7; 12]);
    drop(c);
    assert_eq!(npy::read(&path).unwrap().to_vec::<i64>().unwrap(), (0..12).collect::<Vec<i64>>());

    // r+: a view made from the map keeps it alive after the original handle is gone.
    let view = {
        let rw = npy::open_memmap(&path, MapMode::ReadWrite).unwrap();
        rw.index("1, ::-1").unwrap()
    };
    view.assign(&NdArray::from_vec(vec![40i64, 30, 20, 10], &[4], Order::C).unwrap()).unwrap();
    view.flush().unwrap();
    assert_eq!(npy::read(&path).unwrap().index("1").unwrap().to_vec::<i64>().unwrap(), vec![10, 20, 30, 40]);

    // r: writes are refused.
    let r = npy::open_memmap(&path, MapMode::ReadOnly).unwrap();
    assert!(r.fill(0i64).is_err());
    assert!(r.view().fill(0i64).is_err());
    std::fs::remove_file(path).unwrap();
}

#[test]
fn bad_files_are_refused_cleanly() {
    let path = tmp("bad.npy");
    let good = npy::to_bytes(&NdArray::zeros(&[100], DType::FLOAT64, Order::C).unwrap()).unwrap();
    std::fs::write(&path, &good[..good.len() - 8]).unwrap();
    let e = npy::open_memmap(&path, MapMode::ReadOnly).unwrap_err().to_string();
    assert!(e.contains("truncated data") && e.contains("bad.npy"), "{e}");
    std::fs::write(&path, b"not an npy file at all").unwrap();
    assert!(npy::open_memmap(&path, MapMode::ReadOnly).is_err());
    std::fs::write(&path, [0u8; 4]).unwrap();
    assert!(npy::open_memmap(&path, MapMode::ReadOnly).is_err());
    std::fs::remove_file(&path).unwrap();
    assert!(npy::open_memmap(&path, MapMode::ReadOnly).unwrap_err().to_string().contains("bad.npy"));
    assert!(npy::memmap_raw(tmp("missing"), &DType::UINT8, &[4], 0, Order::C, MapMode::ReadOnly).is_err());
}

#[test]
fn overwriting_a_mapped_file_leaves_the_map_and_the_directory_intact() {
    // The new file takes the name in one step; the old one lives on for its map. (NumPy's
    // np.save truncates in place, under any map of the file.)
    let dir = tmp("overwrite-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.npy");
    let old = NdArray::arange(0.0, 4096.0, 1.0, DType::FLOAT64).unwrap();
    npy::write(&path, &old).unwrap();
    let mapped = npy::open_memmap(&path, MapMode::ReadOnly).unwrap();
    for k in 1..4 {
        let new = NdArray::arange(0.0, 10.0 * k as f64, 1.0, DType::INT32).unwrap();
        npy::write(&path, &new).unwrap();
        assert_eq!(npy::read(&path).unwrap().to_vec::<i32>().unwrap(), new.to_vec::<i32>().unwrap());
    }
    assert_eq!(mapped.to_vec::<f64>().unwrap(), old.to_vec::<f64>().unwrap());
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["a.npy"]);
    drop(mapped);
    std::fs::remove_dir_all(&dir).unwrap();
}

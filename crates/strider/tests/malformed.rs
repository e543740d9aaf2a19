//! A committed corpus of malformed `.npy`/`.npz` files (`tests/data/gen_malformed.py`; NumPy
//! refuses each of them too): every one is rejected with an error that names the file and says
//! what is wrong, without panicking, through every reading path.

use std::path::PathBuf;
use strider::io::{npy, npz};
use strider::storage::MapMode;

#[test]
fn every_malformed_file_is_refused_with_a_reason() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/malformed"));
    let expect: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    let cases = expect.as_object().unwrap();
    assert!(cases.len() >= 19);
    for (name, phrase) in cases {
        let path = dir.join(name);
        let phrase = phrase.as_str().unwrap();
        let errors: Vec<String> = if name.ends_with(".npz") {
            vec![match npz::NpzFile::open(&path) {
                Err(e) => e.to_string(),
                Ok(mut z) => {
                    let names = z.names();
                    z.get(&names[0]).expect_err("a malformed member must not load").to_string()
                }
            }]
        } else {
            vec![
                npy::read(&path).expect_err("read must refuse it").to_string(),
                npy::open_memmap(&path, MapMode::ReadOnly).expect_err("open_memmap must refuse it").to_string(),
            ]
        };
        for e in errors {
            assert!(e.contains(phrase), "{name}: error {e:?} does not say {phrase:?}");
            assert!(e.contains(name.as_str()), "{name}: error {e:?} does not name the file");
        }
    }
}

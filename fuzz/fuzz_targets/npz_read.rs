//! Any bytes as an `.npz` archive: every member reads or errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("strider-fuzz-{}.npz", std::process::id()));
    std::fs::write(&path, data).unwrap();
    if let Ok(mut z) = strider::io::npz::NpzFile::open(&path) {
        for name in z.names() {
            let _ = z.get(&name);
        }
    }
    // Each input removes its file, so no run leaves one behind in the temp directory.
    let _ = std::fs::remove_file(&path);
});

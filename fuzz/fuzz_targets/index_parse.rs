//! Any text as a NumPy index applied to a few layouts: a view or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use strider::{DType, NdArray};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT16).unwrap();
    for shape in [&[24isize][..], &[2, 3, 4], &[4, 1, 6, 1], &[0, 24]] {
        if let Ok(b) = a.reshape(shape) {
            if let Ok(v) = b.index(text) {
                let _ = v.to_bytes(strider::Order::C);
                let _ = format!("{v:?}");
            }
        }
    }
});

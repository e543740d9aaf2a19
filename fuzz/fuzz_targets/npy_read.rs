//! Any bytes given to the `.npy` reader: an array or an error, never a panic or a huge allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = strider::io::npy::read_bytes(data, "fuzz.npy") {
        // What was read must survive being written and read again.
        let bytes = strider::io::npy::to_bytes(&a).expect("a read array can be written");
        let b = strider::io::npy::read_bytes(&bytes, "again.npy").expect("a written array can be read");
        assert_eq!(a.to_bytes(strider::Order::C).unwrap(), b.to_bytes(strider::Order::C).unwrap());
    }
});

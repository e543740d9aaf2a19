//! Property tests for `.npy` headers, the `npy_read` fuzz target's property on generated input:
//! any field names survive a write and a read (the header escapes them as Python's `repr` does
//! and the reader decodes Python's escapes), and any bytes the reader accepts survive being
//! written and read again.

use proptest::prelude::*;
use strider::io::npy;
use strider::{DType, NdArray, Order};

fn record(names: &[String]) -> Option<DType> {
    let fields: Vec<(&str, DType)> = names.iter().map(|n| (n.as_str(), DType::INT16)).collect();
    DType::structured(&fields, false).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_field_names_round_trip(names in prop::collection::vec(any::<String>(), 1..4)) {
        let Some(d) = record(&names) else { return Ok(()) };
        let a = NdArray::zeros(&[3], d.clone(), Order::C).unwrap();
        let bytes = npy::to_bytes(&a).unwrap();
        let b = npy::read_bytes(&bytes, "names.npy").unwrap();
        prop_assert_eq!(b.dtype(), &d);
        // (An empty name is NumPy's `f<i>` in the dtype itself.)
        let names_of = |d: &DType| d.record().unwrap().fields().iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        prop_assert_eq!(names_of(b.dtype()), names_of(&d));
    }

    #[test]
    fn accepted_headers_round_trip(
        names in prop::collection::vec("[a-z'\"\\\\\\x00-\\x1f\\x7f-\\xff]{1,4}", 1..3),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let Some(d) = record(&names) else { return Ok(()) };
        let a = NdArray::zeros(&[2], d, Order::C).unwrap();
        let mut bytes = npy::to_bytes(&a).unwrap();
        // One byte of the header text changed, as a fuzzer would.
        let h = npy::parse_header(&bytes, "m.npy").unwrap().data_offset;
        let i = 10 + at.index(h - 10);
        bytes[i] = byte;
        if let Ok(x) = npy::read_bytes(&bytes, "m.npy") {
            let again = npy::read_bytes(&npy::to_bytes(&x).unwrap(), "again.npy").unwrap();
            prop_assert_eq!(again.dtype(), x.dtype());
            prop_assert_eq!(again.to_bytes(Order::C).unwrap(), x.to_bytes(Order::C).unwrap());
        }
    }
}

//! Constructors against NumPy 2.4.6. Every expected dtype, shape, strides, flags and byte string
//! below was printed by NumPy (`a.dtype.str, a.shape, a.strides, a.flags.c_contiguous,
//! a.flags.f_contiguous, a.tobytes().hex()`) for the NumPy call named in each case.

use strider::{DType, NdArray, Order};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[track_caller]
fn check(a: &NdArray, dtype: &str, shape: &[usize], strides: &[isize], c: bool, f: bool, values: Option<&str>) {
    assert_eq!(a.dtype().str(), dtype);
    assert_eq!(a.shape(), shape);
    assert_eq!(a.strides(), strides);
    assert_eq!((a.flags().c_contiguous, a.flags().f_contiguous), (c, f));
    if let Some(v) = values {
        assert_eq!(hex(&a.to_bytes(Order::C).unwrap()), v);
    }
}

fn d(s: &str) -> DType {
    s.parse().unwrap()
}

#[test]
fn arange_follows_numpy_fill_rule() {
    // np.arange(0, 1, 0.1, dtype=np.float32): computed in float32 from the first two values.
    let a = NdArray::arange(0.0, 1.0, 0.1, DType::FLOAT32).unwrap();
    check(
        &a,
        "<f4",
        &[10],
        &[4],
        true,
        true,
        Some("00000000cdcccc3dcdcc4c3e9a99993ecdcccc3e0000003f9a99193f3333333fcdcc4c3f6766663f"),
    );
    // np.arange(-1, 2, 0.3, dtype=np.float16)
    let a = NdArray::arange(-1.0, 2.0, 0.3, DType::FLOAT16).unwrap();
    check(&a, "<f2", &[10], &[2], true, true, Some("00bc9ab968b670ae6032fc37643a653c983dcb3e"));
    // np.arange(250, 256, 1, dtype=np.uint8)
    check(
        &NdArray::arange(250.0, 256.0, 1.0, DType::UINT8).unwrap(),
        "|u1",
        &[6],
        &[1],
        true,
        true,
        Some("fafbfcfdfeff"),
    );
    // np.arange(10, 0, -3, dtype=np.int64)
    let a = NdArray::arange(10.0, 0.0, -3.0, DType::INT64).unwrap();
    check(&a, "<i8", &[4], &[8], true, true, Some("0a00000000000000070000000000000004000000000000000100000000000000"));
    // np.arange(0, 3, 0.5, dtype=np.complex128)
    let a = NdArray::arange(0.0, 3.0, 0.5, DType::COMPLEX128).unwrap();
    check(&a, "<c16", &[6], &[16], true, true, Some("00000000000000000000000000000000000000000000e03f0000000000000000000000000000f03f0000000000000000000000000000f83f00000000000000000000000000000040000000000000000000000000000004400000000000000000"));
    // np.arange(5, 0, 1, dtype=np.int32): empty, stride 0
    check(&NdArray::arange(5.0, 0.0, 1.0, DType::INT32).unwrap(), "<i4", &[0], &[0], true, true, Some(""));
}

#[test]
fn arange_errors() {
    assert!(NdArray::arange(0.0, 10.0, 0.0, DType::INT64).is_err());
    // np.arange(0, 3, 1, dtype=bool): TypeError
    let e = NdArray::arange(0.0, 3.0, 1.0, DType::BOOL).unwrap_err();
    assert_eq!(e.to_string(), "arange() is only supported for booleans when the result has at most length 2.");
    assert!(NdArray::arange(0.0, f64::INFINITY, 1.0, DType::INT64).is_err());
}

#[test]
fn linspace() {
    // np.linspace(-1, 1, 7)
    let a = NdArray::linspace(-1.0, 1.0, 7, true, DType::FLOAT64).unwrap();
    check(&a, "<f8", &[7], &[8], true, true, Some("000000000000f0bf565555555555e5bf565555555555d5bf0000000000000000545555555555d53f545555555555e53f000000000000f03f"));
    // np.linspace(0, 1, 5, endpoint=False, dtype=np.float32)
    let a = NdArray::linspace(0.0, 1.0, 5, false, DType::FLOAT32).unwrap();
    check(&a, "<f4", &[5], &[4], true, true, Some("00000000cdcc4c3ecdcccc3e9a99193fcdcc4c3f"));
    // np.linspace(3, 9, 1)
    check(
        &NdArray::linspace(3.0, 9.0, 1, true, DType::FLOAT64).unwrap(),
        "<f8",
        &[1],
        &[8],
        true,
        true,
        Some("0000000000000840"),
    );
    // np.linspace(-1, 1, 4, dtype=np.int8): floor, not truncation
    check(
        &NdArray::linspace(-1.0, 1.0, 4, true, DType::INT8).unwrap(),
        "|i1",
        &[4],
        &[1],
        true,
        true,
        Some("ffff0001"),
    );
    // np.linspace(2, 2, 3)
    let a = NdArray::linspace(2.0, 2.0, 3, true, DType::FLOAT64).unwrap();
    check(&a, "<f8", &[3], &[8], true, true, Some("000000000000004000000000000000400000000000000040"));
}

#[test]
fn eye_ones_full() {
    // np.eye(3, 4, -1, dtype=np.int16)
    let a = NdArray::eye(3, Some(4), -1, DType::INT16, Order::C).unwrap();
    check(&a, "<i2", &[3, 4], &[8, 2], true, false, Some("000000000000000001000000000000000000010000000000"));
    // np.eye(3, 2, 1, order='F')
    let a = NdArray::eye(3, Some(2), 1, DType::FLOAT64, Order::F).unwrap();
    check(
        &a,
        "<f8",
        &[3, 2],
        &[8, 24],
        false,
        true,
        Some("0000000000000000000000000000f03f0000000000000000000000000000000000000000000000000000000000000000"),
    );
    // np.ones((2, 2), dtype='>f4')
    check(
        &NdArray::ones(&[2, 2], d(">f4"), Order::C).unwrap(),
        ">f4",
        &[2, 2],
        &[8, 4],
        true,
        false,
        Some("3f8000003f8000003f8000003f800000"),
    );
    // np.full((3,), -1.5, dtype=np.float16)
    check(
        &NdArray::full(&[3], -1.5f64, DType::FLOAT16, Order::C).unwrap(),
        "<f2",
        &[3],
        &[2],
        true,
        true,
        Some("00be00be00be"),
    );
    // np.empty((2, 1, 3), order='F', dtype=np.int8): layout only (NumPy's bytes are uninitialised)
    check(
        &NdArray::empty(&[2, 1, 3], DType::INT8, Order::F).unwrap(),
        "|i1",
        &[2, 1, 3],
        &[1, 2, 2],
        false,
        true,
        None,
    );
    // np.zeros((), dtype=np.complex64)
    check(
        &NdArray::zeros(&[], DType::COMPLEX64, Order::C).unwrap(),
        "<c8",
        &[],
        &[],
        true,
        true,
        Some("0000000000000000"),
    );
    assert!(NdArray::zeros(&[2], DType::INT8, Order::K).is_err());
}

#[test]
fn like_forms_keep_memory_order() {
    // t = np.ones((2, 3, 4)).transpose(1, 2, 0)
    let t = NdArray::from_vec(vec![1.0f64; 24], &[2, 3, 4], Order::C).unwrap();
    let t = NdArray::from_raw_parts(t.storage().clone(), DType::FLOAT64, &[3, 4, 2], &[32, 8, 96], 0).unwrap();
    // np.empty_like(t)
    check(&NdArray::empty_like(&t, None, Order::K, None).unwrap(), "<f8", &[3, 4, 2], &[32, 8, 96], false, false, None);
    // np.zeros_like(t, dtype=np.int32)
    let z = NdArray::zeros_like(&t, Some(DType::INT32), Order::K, None).unwrap();
    check(&z, "<i4", &[3, 4, 2], &[16, 4, 48], false, false, Some(&"0".repeat(192)));
    // np.ones_like(np.ones((3, 2), order='F'), order='A')
    let f = NdArray::ones(&[3, 2], DType::FLOAT64, Order::F).unwrap();
    let o = NdArray::ones_like(&f, None, Order::A, None).unwrap();
    check(&o, "<f8", &[3, 2], &[8, 24], false, true, Some(&"000000000000f03f".repeat(6)));
    // np.full_like(np.zeros(3, dtype=np.int64), 2.9)
    let p = NdArray::zeros(&[3], DType::INT64, Order::C).unwrap();
    let fl = NdArray::full_like(&p, 2.9f64, None, Order::K, None).unwrap();
    check(&fl, "<i8", &[3], &[8], true, true, Some(&"0200000000000000".repeat(3)));
}

#[test]
fn from_vec_and_raw_parts() {
    let a = NdArray::from_vec(vec![1u16, 2, 3, 4, 5, 6], &[2, 3], Order::F).unwrap();
    assert_eq!(a.strides(), &[2, 4]);
    assert!(a.flags().owndata && a.flags().writeable && a.flags().f_contiguous);
    assert_eq!(a.to_vec::<u16>().unwrap(), vec![1, 3, 5, 2, 4, 6]);
    let e = NdArray::from_vec(Vec::<f32>::new(), &[0, 4], Order::C).unwrap();
    assert_eq!(e.strides(), &[0, 0]);
    // A layout that reaches outside the storage is rejected, naming the bytes it would reach.
    let s = strider::Storage::zeroed(32).unwrap();
    let err = NdArray::from_raw_parts(s.clone(), DType::INT64, &[2, 2], &[16, -8], 0).unwrap_err();
    assert!(err.to_string().contains("outside a storage of 32 bytes"), "{err}");
    // Unaligned but in bounds is fine, and flagged.
    let u = NdArray::from_raw_parts(s, DType::INT64, &[3], &[8], 1).unwrap();
    assert!(!u.flags().aligned && !u.flags().owndata);
}

/// Found by the `index_parse` fuzz target: a slice with a huge step overflowed `stride * step`.
/// NumPy 2.4.6: `np.arange(24, dtype=np.int16)[::9223372036854775807]` has shape (1,), and
/// `.reshape(2,3,4)[:, ::9223372036854775807]` has shape (2, 1, 4).
#[test]
fn huge_slice_steps_do_not_overflow() {
    let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT16).unwrap();
    // NumPy keeps the wrapped stride: (-2,), (2,) and (24, -8, 2).
    for (expr, strides) in [("::9223372036854775807", [-2isize]), ("::-9223372036854775807", [2])] {
        let v = a.index(expr).unwrap();
        assert_eq!((v.shape(), v.strides()), (&[1usize][..], &strides[..]), "{expr}");
    }
    let b = a.reshape(&[2, 3, 4]).unwrap().index(":, ::9223372036854775807").unwrap();
    assert_eq!((b.shape(), b.strides()), (&[2usize, 1, 4][..], &[24isize, -8, 2][..]));
    let crash = std::str::from_utf8(include_bytes!("data/fuzz/index_parse-crash-1")).unwrap();
    for shape in [&[24isize][..], &[2, 3, 4], &[4, 1, 6, 1]] {
        let _ = a.reshape(shape).unwrap().index(crash); // an error or a view, never a panic
    }
}

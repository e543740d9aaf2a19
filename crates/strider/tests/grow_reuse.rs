//! A growable array reuses the block of an array freed before it. One test in this binary, so
//! no other test takes the freed block from the cache first.

use strider::{DType, GrowableArray, NdArray, Order};

#[test]
fn a_growable_array_takes_a_freed_block_whole() {
    let n = 1 << 17; // rows of 1 MiB
    let row = |k: usize| NdArray::full(&[n], k as f64, DType::FLOAT64, Order::C).unwrap();
    let mut first = GrowableArray::new(DType::FLOAT64, &[n]).unwrap();
    for k in 0..30 {
        first.push(&row(k)).unwrap();
    }
    assert!(first.capacity() > 30);
    // Finishing trims the block to its 30 rows (whole 2 MiB pages); dropping the array puts the
    // block, a large map, in the cache.
    drop(first.finish().unwrap());

    // For its first buffer (4 MiB) the second array takes the freed block, and all its rows.
    let mut second = GrowableArray::new(DType::FLOAT64, &[n]).unwrap();
    for k in 0..5 {
        second.push(&row(100 + k)).unwrap();
    }
    if cfg!(target_os = "linux") {
        assert_eq!(second.capacity(), 30);
    }
    for k in 5..40 {
        second.push(&row(100 + k)).unwrap();
    }
    let a = second.finish().unwrap();
    assert_eq!(a.shape(), &[40, n]);
    let vals = a.to_vec::<f64>().unwrap();
    assert!(vals.iter().enumerate().all(|(i, &x)| x == (100 + i / n) as f64));
}

//! The growable array against NumPy's loop-of-concatenate trap, measured with the accounting
//! counters. One test in this binary, so no other test copies while it counts.

use strider::{accounting, DType, GrowableArray, NdArray, Order};

#[test]
fn concatenate_loop_copies_quadratic_bytes_growable_array_linear() {
    let row = NdArray::full(&[8], 1.5, DType::FLOAT64, Order::C).unwrap();
    let row2 = row.expand_dims(&[0]).unwrap();
    let row_bytes = row.nbytes() as u64;
    let n = 300u64;

    // NumPy's trap: acc = np.concatenate([acc, row[None]]) in a loop.
    let before = accounting::counters();
    let mut acc = row2.copy(Order::C).unwrap();
    for _ in 1..n {
        acc = NdArray::concatenate(&[&acc, &row2], Some(0)).unwrap();
    }
    let loop_bytes = (accounting::counters() - before).bytes_copied;

    let before = accounting::counters();
    let mut g = GrowableArray::new(DType::FLOAT64, &[8]).unwrap();
    for _ in 0..n {
        g.push(&row).unwrap();
    }
    let pushed = accounting::counters() - before;
    let before_finish = accounting::counters();
    let grown = g.finish().unwrap();
    let finish = accounting::counters() - before_finish;

    assert_eq!(grown.shape(), acc.shape());
    assert_eq!(grown.to_vec::<f64>().unwrap(), acc.to_vec::<f64>().unwrap());
    // Every concatenate copies all rows so far: sum_{k=1..n} k rows.
    assert_eq!(loop_bytes, row_bytes * n * (n + 1) / 2);
    // Each row is written once, and the doublings move 4 + 8 + ... + 256 rows (fewer than 2n).
    let moved: u64 = (2..=8).map(|k| 1u64 << k).sum();
    assert_eq!(pushed.bytes_copied, row_bytes * (n + moved));
    assert!(pushed.bytes_copied < row_bytes * 3 * n);
    // finish hands the buffer over: no byte copied, nothing allocated.
    assert_eq!((finish.bytes_copied, finish.bytes_allocated), (0, 0));
    assert!(grown.flags().owndata);
}

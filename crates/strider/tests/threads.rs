//! Shared storage across threads: writes through overlapping views are serialised.
//!
//! Strider's soundness rule (see `strider::storage`): every operation holds the storage's lock for
//! its whole duration, exclusive for writers and shared for readers. So two threads writing
//! overlapping views of one storage at the same time behave as if their operations ran one after
//! the other, in some order: a reader never sees half of a `fill`, and never an element with
//! bytes from two writes. These tests hammer that from several threads and check every snapshot
//! against the set of serialised outcomes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Barrier;
use strider::{DType, NdArray, Storage};

const N: usize = 64;
const A: u64 = 0x1111_1111_1111_1111;
const B: u64 = 0x2222_2222_2222_2222;
const C: u64 = 0x3333_3333_3333_3333;

fn view(s: &Storage, shape: &[usize], strides: &[isize], offset: usize) -> NdArray {
    NdArray::from_raw_parts(s.clone(), DType::UINT64, shape, strides, offset).unwrap()
}

/// Whether every byte of a value is the same (all patterns written here are byte-uniform, so a
/// mixed value is a torn element).
fn uniform(v: u64) -> bool {
    v.to_ne_bytes().iter().all(|&b| b == v.to_ne_bytes()[0])
}

/// Thread 1 fills the whole array with A, thread 2 fills the odd elements (a strided view) with B,
/// thread 3 fills the reversed second half with C, while a reader takes snapshots. Every fill is
/// atomic, so in every snapshot each region written as a unit (even elements, odd elements of
/// each half) holds one value, and that value is one some serial order could have left there.
#[test]
fn overlapping_fills_are_serialised() {
    let s = Storage::zeroed(N * 8).unwrap();
    let all = view(&s, &[N], &[8], 0);
    let odd = view(&s, &[N / 2], &[16], 8);
    let back_half_reversed = view(&s, &[N / 2], &[-8], (N - 1) * 8);
    let reader = view(&s, &[N], &[8], 0);
    let done = AtomicBool::new(false);
    let start = Barrier::new(4);
    std::thread::scope(|sc| {
        let writers = [(all, A), (odd, B), (back_half_reversed, C)].map(|(v, value)| {
            let start = &start;
            sc.spawn(move || {
                start.wait();
                for _ in 0..2000 {
                    v.fill(value).unwrap();
                }
            })
        });
        let (start, done) = (&start, &done);
        let snapshots = sc.spawn(move || {
            start.wait();
            let mut taken = 0;
            while !done.load(Ordering::Acquire) || taken < 50 {
                let v: Vec<u64> = reader.to_vec().unwrap();
                check_snapshot(&v);
                taken += 1;
            }
            taken
        });
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Release);
        assert!(snapshots.join().unwrap() >= 50);
    });
    // The final state is the result of some last-writer order.
    let v: Vec<u64> = view(&s, &[N], &[8], 0).to_vec().unwrap();
    check_snapshot(&v);
    assert!(v.iter().all(|&x| x != 0), "every element was written at least once");
}

/// The regions written as units: first-half evens, first-half odds, second-half evens,
/// second-half odds. `all` writes all four, `odd` writes both odd regions, `back_half_reversed`
/// both second-half regions. Within a region every element must hold the same value, and the
/// values must be consistent with some serial order of whole fills.
fn check_snapshot(v: &[u64]) {
    let h = N / 2;
    let region = |range: std::ops::Range<usize>, parity: usize| -> u64 {
        let vals: Vec<u64> = range.filter(|i| i % 2 == parity).map(|i| v[i]).collect();
        assert!(vals.iter().all(|&x| uniform(x)), "torn element in {vals:x?}");
        assert!(vals.windows(2).all(|w| w[0] == w[1]), "a fill was seen half-done: {vals:x?}");
        vals[0]
    };
    let (fe, fo, se, so) = (region(0..h, 0), region(0..h, 1), region(h..N, 0), region(h..N, 1));
    // Region values each writer can leave: first-half evens only A; first-half odds A or B;
    // second-half evens A or C; second-half odds A, B or C.
    assert!([0, A].contains(&fe) && [0, A, B].contains(&fo) && [0, A, C].contains(&se));
    assert!([0, A, B, C].contains(&so));
    // Consistency with one serial order: the odd fill covers fo and so together, the reversed
    // fill covers se and so together, the full fill covers all four.
    if fo == B {
        // The last write to the first-half odds was B, so B came after the last A.
        assert!(so == B || so == C, "odd fill seen in one half only: {fo:x} {so:x}");
    }
    if se == C {
        assert!(so == C || so == B, "reversed fill seen on evens only: {se:x} {so:x}");
    }
    if fe == A && fo == A {
        // No odd fill after the last full fill: second-half odds are A or a later C.
        assert!(so == A || so == C);
    }
}

/// The snapshot check has teeth: half-done fills, torn elements and impossible orders fail it.
#[test]
fn snapshot_check_rejects_non_serial_states() {
    let h = N / 2;
    let ok: Vec<u64> = (0..N).map(|i| if i % 2 == 1 { B } else { A }).collect();
    check_snapshot(&ok);
    let mut half_done = ok.clone();
    half_done[4] = 0;
    let mut torn = ok.clone();
    torn[3] = (B & 0xffff_ffff) | (A & !0xffff_ffff);
    // B seen on the first-half odds but A on the second-half odds: the odd fill was split.
    let split: Vec<u64> = (0..N).map(|i| if i % 2 == 1 && i < h { B } else { A }).collect();
    for bad in [half_done, torn, split] {
        assert!(std::panic::catch_unwind(|| check_snapshot(&bad)).is_err(), "{bad:x?}");
    }
}

/// Many threads `set` the same few elements through differently-shaped views (a forward 1-d view,
/// a reversed view, a 2-d view) while readers `get` them: every read is one whole write.
#[test]
fn element_writes_are_never_torn() {
    let s = Storage::zeroed(8 * 8).unwrap();
    let forward = view(&s, &[8], &[8], 0);
    let reversed = view(&s, &[8], &[-8], 56);
    let grid = view(&s, &[2, 4], &[32, 8], 0);
    let done = AtomicBool::new(false);
    std::thread::scope(|sc| {
        let mut writers = vec![];
        for (t, v) in [forward.clone(), reversed, forward.clone()].into_iter().enumerate() {
            writers.push(sc.spawn(move || {
                for round in 0..2000u64 {
                    let byte = ((t as u64 * 2000 + round) % 255 + 1) * 0x0101_0101_0101_0101;
                    v.set(&[(round % 8) as isize], byte).unwrap();
                }
            }));
        }
        for _ in 0..2 {
            let (grid, done) = (grid.clone(), &done);
            sc.spawn(move || {
                while !done.load(Ordering::Acquire) {
                    for i in 0..2 {
                        for j in 0..4 {
                            let x: u64 = match grid.get(&[i, j]).unwrap() {
                                strider::Scalar::U64(x) => x,
                                other => panic!("unexpected scalar {other:?}"),
                            };
                            assert!(uniform(x), "torn element {x:#x}");
                        }
                    }
                }
            });
        }
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Release);
    });
}

/// Two threads fill the two overlapping halves of one array (elements 0..40 and 24..64) in
/// lock-step rounds; after each round the overlap holds the value of whichever fill ran second,
/// entirely: the result is one of the two serialised outcomes, never a mixture.
#[test]
fn final_state_is_a_serial_outcome() {
    for round in 0..40 {
        let s = Storage::zeroed(N * 8).unwrap();
        let left = view(&s, &[40], &[8], 0);
        let right = view(&s, &[40], &[8], 24 * 8);
        let barrier = Barrier::new(2);
        std::thread::scope(|sc| {
            sc.spawn(|| {
                barrier.wait();
                left.fill(A).unwrap();
            });
            sc.spawn(|| {
                barrier.wait();
                right.fill(B).unwrap();
            });
        });
        let v: Vec<u64> = view(&s, &[N], &[8], 0).to_vec().unwrap();
        let left_last: Vec<u64> = (0..N).map(|i| if i < 40 { A } else { B }).collect();
        let right_last: Vec<u64> = (0..N).map(|i| if i < 24 { A } else { B }).collect();
        assert!(v == left_last || v == right_last, "round {round}: {v:x?}");
    }
}

/// Readers run in parallel with each other and see consistent data while a writer works on a
/// disjoint view of the same storage (writers to one storage take turns, readers share).
#[test]
fn concurrent_readers_of_shared_storage() {
    let s = Storage::zeroed(N * 8).unwrap();
    let all = view(&s, &[N], &[8], 0);
    all.fill(C).unwrap();
    let first = view(&s, &[N / 2], &[8], 0);
    let second = view(&s, &[N / 2], &[8], N / 2 * 8);
    std::thread::scope(|sc| {
        sc.spawn(|| {
            for k in 0..500u64 {
                second.fill(if k % 2 == 0 { A } else { B }).unwrap();
            }
        });
        for _ in 0..3 {
            sc.spawn(|| {
                for _ in 0..200 {
                    let v: Vec<u64> = first.to_vec().unwrap();
                    assert!(v.iter().all(|&x| x == C), "the untouched half changed");
                    let w: Vec<u64> = second.to_vec().unwrap();
                    assert!(w.iter().all(|&x| x == w[0]) && [C, A, B].contains(&w[0]), "{w:x?}");
                }
            });
        }
    });
    assert!(!first.shares_memory(&second, None).unwrap());
    assert!(first.may_share_memory(&all, None).unwrap());
}

//! Helpers shared by the reduction property tests (`reduce_props.rs`, `reduce_where_props.rs`):
//! multi-indices to walk a shape element by element, and the random layouts both draw from.

use strider::{Element, NdArray, Order};

/// Every multi-index of `shape` in C order.
pub fn indices(shape: &[usize]) -> Vec<Vec<isize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out.into_iter().flat_map(|p| (0..n as isize).map(move |i| [p.clone(), vec![i]].concat())).collect();
    }
    out
}

/// Small integers (`-9..=9`, so every summation order gives the same bits) drawn from `seed`,
/// one per element of `shape`, made into `T` by `f`.
pub fn small_values<T>(shape: &[usize], seed: u64, f: impl Fn(i64) -> T) -> Vec<T> {
    let n: usize = shape.iter().product();
    (0..n as u64).map(|i| f(((i.wrapping_mul(seed | 1) >> 7) % 19) as i64 - 9)).collect()
}

/// `data` as a C array of `shape`, then by `how % 4` left alone, transposed, reversed along
/// axis 0, or broadcast along a new leading axis of length 2.
pub fn arrange<T: Element>(data: Vec<T>, shape: &[usize], how: u8) -> NdArray {
    let mut a = NdArray::from_vec(data, shape, Order::C).unwrap();
    match how % 4 {
        1 => a = a.transpose(None).unwrap(),
        2 if !shape.is_empty() => a = a.flip(Some(&[0])).unwrap(),
        3 => {
            let mut s = vec![2];
            s.extend_from_slice(shape);
            a = a.broadcast_to(&s).unwrap();
        }
        _ => {}
    }
    a
}

//! NumPy's sort order for every element type, the sort algorithms over slices, and the element
//! reads and writes (with byte swapping) that the sort, search and linalg kernels share.

use crate::dtype::Element;
use crate::scalar::swap_in_place;
use half::f16;
use num_complex::{Complex32, Complex64};
use std::cmp::Ordering;

use super::SortKind;

/// An element type with NumPy's sort order.
pub(crate) trait SortElem: Element {
    /// NumPy's `a < b` for sorting: NaNs sort after every number; complex numbers compare by real
    /// part, then imaginary part, with NaN-holding values after all others in the classes
    /// `R + nan j`, `nan + R j`, `nan + nan j` (each class ordered by its non-NaN part).
    fn np_lt(&self, other: &Self) -> bool;
    /// Whether the value is (or holds) a NaN.
    fn has_nan(&self) -> bool {
        false
    }
}

macro_rules! int_order {
    ($($t:ty),*) => {$(
        impl SortElem for $t {
            #[inline]
            fn np_lt(&self, other: &Self) -> bool {
                self < other
            }
        }
    )*};
}
int_order!(i8, i16, i32, i64, u8, u16, u32, u64);

impl SortElem for bool {
    #[inline]
    fn np_lt(&self, other: &Self) -> bool {
        !*self & *other
    }
}

macro_rules! float_order {
    ($($t:ty),*) => {$(
        impl SortElem for $t {
            #[inline]
            fn np_lt(&self, other: &Self) -> bool {
                self < other || (other.is_nan() && !self.is_nan())
            }
            #[inline]
            fn has_nan(&self) -> bool {
                self.is_nan()
            }
        }
    )*};
}
float_order!(f16, f32, f64);

/// The NaN class of a complex value: 0 no NaN, 1 only the imaginary part, 2 only the real
/// part, 3 both; within a class the non-NaN parts decide.
#[inline]
fn complex_lt<F: PartialOrd + Copy>(ar: F, ai: F, br: F, bi: F, nan: impl Fn(F) -> bool) -> bool {
    let class = |r: F, i: F| (nan(r) as u8) * 2 + nan(i) as u8;
    let (ca, cb) = (class(ar, ai), class(br, bi));
    if ca != cb {
        return ca < cb;
    }
    match ca {
        0 => ar < br || (ar == br && ai < bi),
        1 => ar < br,
        2 => ai < bi,
        _ => false,
    }
}

impl SortElem for Complex32 {
    #[inline]
    fn np_lt(&self, o: &Self) -> bool {
        complex_lt(self.re, self.im, o.re, o.im, f32::is_nan)
    }
    #[inline]
    fn has_nan(&self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

impl SortElem for Complex64 {
    #[inline]
    fn np_lt(&self, o: &Self) -> bool {
        complex_lt(self.re, self.im, o.re, o.im, f64::is_nan)
    }
    #[inline]
    fn has_nan(&self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

/// NumPy's order as an [`Ordering`] (equal when neither is less: `-0.0 == 0.0`, NaN == NaN).
#[inline]
pub(crate) fn np_cmp<T: SortElem>(a: &T, b: &T) -> Ordering {
    if a.np_lt(b) {
        Ordering::Less
    } else if b.np_lt(a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// Sorts values in NumPy's order with the algorithm `kind` names: quicksort is an unstable
/// pattern-defeating quicksort, heapsort a binary heap, stable and mergesort a stable merge sort.
pub(crate) fn sort_slice<T: SortElem>(v: &mut [T], kind: SortKind) {
    match kind {
        SortKind::Quicksort => v.sort_unstable_by(np_cmp),
        SortKind::Heapsort => heapsort(v, |a, b| a.np_lt(b)),
        SortKind::Stable | SortKind::Mergesort => v.sort_by(np_cmp),
    }
}

/// Sorts `idx` (positions into `v`) by the values they point at; stable kinds keep equal values
/// in increasing position order.
pub(crate) fn argsort_slice<T: SortElem>(v: &[T], idx: &mut [i64], kind: SortKind) {
    let key = |i: &i64| &v[*i as usize];
    match kind {
        SortKind::Quicksort => idx.sort_unstable_by(|a, b| np_cmp(key(a), key(b))),
        SortKind::Heapsort => heapsort(idx, |a, b| key(a).np_lt(key(b))),
        SortKind::Stable | SortKind::Mergesort => idx.sort_by(|a, b| np_cmp(key(a), key(b))),
    }
}

/// In-place heapsort: a max-heap built bottom-up, then the maximum swapped to the end repeatedly.
fn heapsort<E>(v: &mut [E], less: impl Fn(&E, &E) -> bool) {
    let sift_down = |v: &mut [E], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Reads one element at byte offset `at`, reversing its byte order when `swap` is set.
#[inline]
pub(crate) fn read<T: Element>(b: &[u8], at: usize, swap: bool) -> T {
    let n = std::mem::size_of::<T>();
    if swap {
        let mut buf = [0u8; 16];
        buf[..n].copy_from_slice(&b[at..at + n]);
        swap_in_place(&mut buf[..n], T::NUM);
        T::from_ne_slice(&buf[..n])
    } else {
        T::from_ne_slice(&b[at..at + n])
    }
}

/// Writes one element at byte offset `at`, in swapped byte order when `swap` is set.
#[inline]
pub(crate) fn write<T: Element>(v: T, b: &mut [u8], at: usize, swap: bool) {
    let n = std::mem::size_of::<T>();
    let out = &mut b[at..at + n];
    v.write_ne_slice(out);
    if swap {
        swap_in_place(out, T::NUM);
    }
}

/// Reads `n` elements starting at byte offset `start`, `step` bytes apart, into `out`.
#[inline]
pub(crate) fn gather<T: Element>(b: &[u8], start: isize, step: isize, n: usize, swap: bool, out: &mut Vec<T>) {
    out.clear();
    let mut at = start;
    for _ in 0..n {
        out.push(read::<T>(b, at as usize, swap));
        at += step;
    }
}

/// Writes `v` starting at byte offset `start`, `step` bytes apart.
#[inline]
pub(crate) fn scatter<T: Element>(v: &[T], b: &mut [u8], start: isize, step: isize, swap: bool) {
    let mut at = start;
    for &x in v {
        write(x, b, at as usize, swap);
        at += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_put_nan_last_and_keep_signed_zeros_equal() {
        let mut v = vec![f64::NAN, 1.0, -0.0, f64::NEG_INFINITY, 0.0, f64::INFINITY];
        sort_slice(&mut v, SortKind::Stable);
        assert_eq!(&v[..5], &[f64::NEG_INFINITY, -0.0, 0.0, 1.0, f64::INFINITY]);
        assert!(v[1].is_sign_negative() && v[2].is_sign_positive(), "stable keeps -0.0 before 0.0");
        assert!(v[5].is_nan());
    }

    #[test]
    fn complex_nan_classes() {
        let n = f64::NAN;
        let c = |r, i| Complex64::new(r, i);
        let mut v = vec![c(n, n), c(n, 1.0), c(2.0, n), c(n, 0.0), c(1.0, n), c(5.0, 1.0), c(5.0, 0.0)];
        sort_slice(&mut v, SortKind::Heapsort);
        let key: Vec<(bool, bool)> = v.iter().map(|z| (z.re.is_nan(), z.im.is_nan())).collect();
        assert_eq!(
            key,
            vec![
                (false, false),
                (false, false),
                (false, true),
                (false, true),
                (true, false),
                (true, false),
                (true, true)
            ]
        );
        assert_eq!((v[0], v[1]), (c(5.0, 0.0), c(5.0, 1.0)));
        assert_eq!((v[2].re, v[3].re), (1.0, 2.0));
        assert_eq!((v[4].im, v[5].im), (0.0, 1.0));
    }

    #[test]
    fn heapsort_sorts_every_small_permutation() {
        for n in 0..7u32 {
            let mut v: Vec<u32> = (0..n).rev().collect();
            heapsort(&mut v, |a, b| a < b);
            assert_eq!(v, (0..n).collect::<Vec<_>>());
        }
        let mut v = vec![3, 1, 3, 2, 1, 0, 9, 3];
        heapsort(&mut v, |a, b| a < b);
        assert_eq!(v, vec![0, 1, 1, 2, 3, 3, 3, 9]);
    }

    #[test]
    fn stable_argsort_keeps_tie_order() {
        let v = [2i8, 1, 2, 1, 0];
        let mut idx: Vec<i64> = (0..5).collect();
        argsort_slice(&v, &mut idx, SortKind::Mergesort);
        assert_eq!(idx, vec![4, 1, 3, 0, 2]);
    }

    #[test]
    fn bool_order() {
        assert!(false.np_lt(&true) && !true.np_lt(&false) && !true.np_lt(&true));
    }
}

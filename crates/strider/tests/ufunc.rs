//! Behaviour of the ufunc engine that the NumPy cases do not show directly: operators route to
//! the same ufuncs, datetime operands reach `strider::datetime`, in-place operators write into
//! the left array, overlap copies only when needed, and the warning log.

use strider::{accounting, datetime, ufunc, DType, NdArray, Order};

fn f64s(v: &[f64]) -> NdArray {
    NdArray::from_vec(v.to_vec(), &[v.len()], Order::C).unwrap()
}

#[test]
fn operators_are_the_ufuncs() {
    let a = f64s(&[1.0, -2.0, 3.5]);
    let b = f64s(&[0.5, 4.0, -1.0]);
    for (op, uf) in [
        ((&a + &b).unwrap(), ufunc::add(&a, &b).unwrap()),
        ((&a - &b).unwrap(), ufunc::subtract(&a, &b).unwrap()),
        ((&a * &b).unwrap(), ufunc::multiply(&a, &b).unwrap()),
        ((&a / &b).unwrap(), ufunc::divide(&a, &b).unwrap()),
        ((&a % &b).unwrap(), ufunc::remainder(&a, &b).unwrap()),
        ((-&a).unwrap(), ufunc::negative(&a).unwrap()),
        ((2.0 - &a).unwrap(), ufunc::subtract(2.0, &a).unwrap()),
    ] {
        assert!(ufunc::array_equal(&op, &uf, false).unwrap());
    }
}

#[test]
fn in_place_operators_write_into_the_left_array() {
    let mut a = f64s(&[1.0, 2.0, 3.0]);
    let before = a.clone();
    let expect = ufunc::multiply(a.copy(Order::C).unwrap(), 3.0).unwrap();
    a *= 3.0;
    assert!(a.same_storage(&before));
    assert!(ufunc::array_equal(&a, &expect, false).unwrap());
    let i = NdArray::from_vec(vec![1i32, 2], &[2], Order::C).unwrap();
    assert_eq!(i.iadd(0.5).unwrap_err().numpy_class(), "UFuncTypeError");
}

#[test]
fn overlap_copies_only_when_the_exact_test_says_so() {
    let x = NdArray::arange(0.0, 8.0, 1.0, DType::FLOAT64).unwrap();
    // x[::2] += x[1::2]: same storage, interleaved, no shared element: no copy of the input.
    // The no-copy scope is per thread, so tests copying in parallel cannot disturb it (the
    // process-wide counters could).
    let (even, odd) = (x.index("::2").unwrap(), x.index("1::2").unwrap());
    let sum = ufunc::add(even.copy(Order::C).unwrap(), odd.copy(Order::C).unwrap()).unwrap();
    accounting::no_copy(|| even.iadd(&odd)).unwrap();
    assert!(ufunc::array_equal(&even, &sum, false).unwrap());
    // The same call on overlapping operands needs its copy, and the scope refuses it.
    let z = NdArray::arange(0.0, 8.0, 1.0, DType::FLOAT64).unwrap();
    let err = accounting::no_copy(|| z.index("1:").unwrap().iadd(z.index(":-1").unwrap())).unwrap_err();
    assert!(matches!(err, strider::Error::CopyNeeded(_)), "{err}");
    // x[1:] += x[:-1]: overlapping in another layout: read from a copy, as NumPy's result is.
    let y = NdArray::arange(0.0, 8.0, 1.0, DType::FLOAT64).unwrap();
    let expect =
        ufunc::add(y.index("1:").unwrap().copy(Order::C).unwrap(), y.index(":-1").unwrap().copy(Order::C).unwrap())
            .unwrap();
    y.index("1:").unwrap().iadd(y.index(":-1").unwrap()).unwrap();
    assert!(ufunc::array_equal(&y.index("1:").unwrap(), &expect, false).unwrap());
}

#[test]
fn datetime_operands_use_the_datetime_rules() {
    let d: DType = "M8[D]".parse().unwrap();
    let a = datetime::datetime_array(&["2024-03-01", "2024-02-28"], &d).unwrap();
    let b = datetime::datetime_array(&["2024-01-01", "2024-01-01"], &d).unwrap();
    let direct = datetime::subtract(&a, &b).unwrap();
    let via = (&a - &b).unwrap();
    assert_eq!(via.dtype(), direct.dtype());
    assert_eq!(via.to_bytes(Order::C).unwrap(), direct.to_bytes(Order::C).unwrap());
    let lt = ufunc::less(&b, &a).unwrap();
    assert_eq!(
        lt.to_vec::<bool>().unwrap(),
        datetime::compare(&b, &a, datetime::Cmp::Lt).unwrap().to_vec::<bool>().unwrap()
    );
}

#[test]
fn warnings_are_logged_per_thread() {
    let _ = ufunc::take_warnings();
    let z = f64s(&[0.0, 1.0]);
    ufunc::divide(1.0, &z).unwrap();
    assert_eq!(ufunc::take_warnings(), vec!["RuntimeWarning: divide by zero encountered in divide"]);
    ufunc::errstate(ufunc::ErrState::all(ufunc::ErrPolicy::Ignore), || ufunc::divide(1.0, &z)).unwrap();
    assert!(ufunc::take_warnings().is_empty());
}

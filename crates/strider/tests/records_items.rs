//! Element values of non-numeric dtypes, the clock words `'now'`/`'today'`, `'local'` text, and
//! the floating-point flags of timedelta division (the NumPy-generated cases are in
//! `conformance/cases/records_*.json`; these cover what a fixed case cannot: the clock, the
//! machine's zone, warnings).

use std::time::{SystemTime, UNIX_EPOCH};
use strider::datetime::{self as dt, StringUnit, Timezone};
use strider::dtype::{TimeBase, TimeUnit};
use strider::ufunc::{errstate, take_warnings, ErrPolicy, ErrState};
use strider::{Casting, DType, Item, NdArray, Order};

fn unix_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

#[test]
fn now_is_seconds_near_the_system_clock() {
    let before = unix_seconds();
    let a = dt::datetime_array(&["now", "NOW"], &"M8".parse().unwrap()).unwrap();
    let after = unix_seconds();
    assert_eq!(a.dtype().str(), "<M8[s]");
    for k in 0..2 {
        let Item::DateTime(v, u) = a.item(&[k]).unwrap() else { panic!("not a datetime") };
        assert_eq!(u, TimeUnit::new(TimeBase::Second, 1));
        assert!(before - 2 <= v && v <= after + 2, "{v} not in [{before}, {after}]");
    }
    // A requested unit keeps whole seconds.
    let ms = dt::datetime_array(&["now"], &"M8[ms]".parse().unwrap()).unwrap();
    let Item::DateTime(v, _) = ms.item(&[0]).unwrap() else { panic!("not a datetime") };
    assert_eq!(v % 1000, 0);
}

#[test]
fn today_is_a_date_within_a_day_of_utc() {
    let a = dt::datetime_array(&["today"], &"M8".parse().unwrap()).unwrap();
    assert_eq!(a.dtype().str(), "<M8[D]");
    let Item::DateTime(v, _) = a.item(&[0]).unwrap() else { panic!("not a datetime") };
    let utc_day = unix_seconds().div_euclid(86_400);
    assert!((v - utc_day).abs() <= 1, "today {v}, UTC day {utc_day}");
    let h = dt::datetime_array(&["today"], &"M8[h]".parse().unwrap()).unwrap();
    let Item::DateTime(hv, _) = h.item(&[0]).unwrap() else { panic!("not a datetime") };
    assert_eq!(hv, v * 24);
    // Surrounding spaces are an error, as in NumPy.
    assert!(dt::parse_datetime(" today").is_err());
}

#[test]
fn local_text_is_the_system_zone_by_name() {
    let a = dt::datetime_array(
        &["2020-01-01T10:30", "2021-07-04T23:59", "1969-12-31T12:00", "NaT"],
        &"M8[m]".parse().unwrap(),
    )
    .unwrap();
    let local = dt::datetime_as_string_tz(&a, StringUnit::Own, &Timezone::Local, Casting::SameKind).unwrap();
    let texts = local.to_strings().unwrap();
    // Years before 1970 and NaT print as naive text; the others carry an offset.
    assert_eq!(texts[2], "1969-12-31T12:00");
    assert_eq!(texts[3], "NaT");
    for t in &texts[..2] {
        let tail = &t[t.len() - 5..];
        assert!(tail.starts_with(['+', '-']) && tail[1..].chars().all(|c| c.is_ascii_digit()), "{t}");
    }
    if let Some(name) = dt::system_zone_name() {
        let named =
            dt::datetime_as_string_tz(&a, StringUnit::Own, &Timezone::LocalIn(name), Casting::SameKind).unwrap();
        assert_eq!(named.to_strings().unwrap(), texts);
    }
    // Dates of local times need 'unsafe'.
    let day: TimeUnit = "[D]".parse().unwrap();
    let e = dt::datetime_as_string_tz(&a, StringUnit::Unit(day), &Timezone::Local, Casting::SameKind).unwrap_err();
    assert_eq!(e.numpy_class(), "TypeError");
    assert!(dt::datetime_as_string_tz(&a, StringUnit::Unit(day), &Timezone::Local, Casting::Unsafe).is_ok());
}

#[test]
fn timedelta_division_flags_follow_errstate() {
    let s = TimeUnit::new(TimeBase::Second, 1);
    let a = dt::timedelta_array(&[7, 1, dt::NAT], &[3], s).unwrap();
    let b = dt::timedelta_array(&[0, 2, 3], &[3], s).unwrap();
    take_warnings();
    let q = dt::floor_divide(&a, &b).unwrap();
    assert_eq!(q.to_vec::<i64>().unwrap(), vec![0, 0, 0]);
    assert_eq!(
        take_warnings(),
        vec![
            "RuntimeWarning: divide by zero encountered in floor_divide",
            "RuntimeWarning: invalid value encountered in floor_divide"
        ]
    );
    let r = dt::remainder(&a, &b).unwrap();
    assert_eq!(format!("{r:?}"), "array(['NaT',     1, 'NaT'], dtype='timedelta64[s]')");
    assert_eq!(take_warnings(), vec!["RuntimeWarning: divide by zero encountered in remainder"]);
    let e = errstate(ErrState::all(ErrPolicy::Raise), || dt::divmod(&a, &b)).unwrap_err();
    assert_eq!(
        (e.numpy_class(), e.to_string().as_str()),
        ("FloatingPointError", "divide by zero encountered in divmod")
    );
}

#[test]
fn items_round_trip_through_set_and_get() {
    let rec = DType::from_descr("[('t', '<M8[s]'), ('s', 'S3'), ('u', '>U2'), ('p', '<i2', (2,))]", false).unwrap();
    let a = NdArray::zeros(&[3], rec, Order::C).unwrap();
    a.set_item(&[1], ("2020-01-02T03:04:05", "abc", "é", (1, 2))).unwrap();
    let got = a.item(&[1]).unwrap();
    assert_eq!(got.to_string(), "('2020-01-02T03:04:05', b'abc', 'é', [1, 2])");
    // Writing the element read back from another array changes nothing.
    let b = NdArray::zeros(&[1], a.dtype().clone(), Order::C).unwrap();
    b.set_item(&[0], got.clone()).unwrap();
    assert_eq!(b.item(&[0]).unwrap(), got);
    assert_eq!(
        a.set_item(&[0], (1, 2)).unwrap_err().to_string(),
        "could not assign tuple of length 2 to structure with 4 fields."
    );
    assert!(a.set_item(&[3], 0).is_err());
}

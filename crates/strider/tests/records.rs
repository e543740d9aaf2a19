//! Structured, string and datetime arrays against files NumPy wrote (`tests/data/records`, made
//! by `tests/data/gen_records_files.py`): read as NumPy reads them, written back byte for byte,
//! memory-mapped, in `.npz` archives; Rust structs converted without silent reinterpretation;
//! and the overflows NumPy wraps around silently reported as errors.

use serde_json::Value;
use std::path::PathBuf;
use strider::datetime::{self, NAT};
use strider::dtype::{TimeBase, TimeUnit};
use strider::io::{npy, npz};
use strider::storage::MapMode;
use strider::{Casting, DType, NdArray, Order};

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/records"))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap()
}

fn check(name: &str, a: &NdArray, want: &Value) {
    assert_eq!(format!("{:?}", a.dtype()), want["dtype"].as_str().unwrap(), "{name}: dtype");
    assert_eq!(hex(&a.to_bytes(Order::C).unwrap()), want["data"].as_str().unwrap(), "{name}: data");
    assert_eq!(format!("{a:?}"), want["repr"].as_str().unwrap(), "{name}: repr");
    assert_eq!(format!("{a}"), want["str"].as_str().unwrap(), "{name}: str");
    let fortran = a.flags().f_contiguous && !a.flags().c_contiguous;
    assert_eq!(fortran, want["fortran"].as_bool().unwrap(), "{name}: fortran order");
}

#[test]
fn numpy_files_read_and_write_back_byte_for_byte() {
    let exp = expected();
    for (name, want) in exp.as_object().unwrap() {
        let path = dir().join(format!("{name}.npy"));
        let original = std::fs::read(&path).unwrap();
        let a = npy::read(&path).unwrap();
        check(name, &a, want);
        assert_eq!(npy::to_bytes(&a).unwrap(), original, "{name}: np.save's bytes");
        let m = npy::open_memmap(&path, MapMode::ReadOnly).unwrap();
        check(name, &m, want);
    }
    // Non-latin-1 field names need version 3.0, as NumPy chose.
    let v3 = std::fs::read(dir().join("utf8_names.npy")).unwrap();
    assert_eq!(&v3[6..8], &[3, 0]);
    let v1 = std::fs::read(dir().join("latin1_names.npy")).unwrap();
    assert_eq!(&v1[6..8], &[1, 0]);
}

#[test]
fn field_views_of_mapped_files_write_through() {
    let path = std::env::temp_dir().join(format!("strider-rec-map-{}.npy", std::process::id()));
    std::fs::copy(dir().join("aligned.npy"), &path).unwrap();
    let m = npy::open_memmap(&path, MapMode::ReadWrite).unwrap();
    let b = m.field("b").unwrap();
    assert_eq!((b.strides(), b.offset()), (&[16isize][..], 4));
    b.fill(42).unwrap();
    m.flush().unwrap();
    drop((m, b));
    let back = npy::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(back.field("b").unwrap().to_vec::<i32>().unwrap(), vec![42, 42, 42]);
    assert_eq!(back.field("c").unwrap().to_vec::<f64>().unwrap()[1], 1e300);
}

#[test]
fn npz_members_of_record_and_datetime_dtypes() {
    let exp = expected();
    let mut z = npz::NpzFile::open(dir().join("mixed.npz")).unwrap();
    let trades = z.get("trades").unwrap();
    let when = z.get("when").unwrap();
    check("aligned", &trades, &exp["aligned"]);
    check("datetimes", &when, &exp["datetimes"]);
    let out = std::env::temp_dir().join(format!("strider-rec-{}.npz", std::process::id()));
    npz::write(&out, &[("trades", &trades), ("when", &when)], false).unwrap();
    let mut again = npz::NpzFile::open(&out).unwrap();
    std::fs::remove_file(&out).ok();
    check("aligned", &again.get("trades").unwrap(), &exp["aligned"]);
    check("datetimes", &again.get("when").unwrap(), &exp["datetimes"]);
}

#[test]
fn byte_order_changes_keep_values() {
    let a = npy::read(dir().join("nested.npy")).unwrap();
    let native = a.astype(&a.dtype().to_native(), Casting::Equiv).unwrap();
    assert!(native.dtype().is_native());
    assert_eq!(format!("{native}"), format!("{a}"));
    assert_eq!(native.field("p").unwrap().field("x").unwrap().to_vec::<f64>().unwrap(), vec![1.5, 2.5, 3.5, 4.5]);
    assert!(a.astype(&a.dtype().to_native(), Casting::No).is_err());
    let u = npy::read(dir().join("strings_be.npy")).unwrap();
    assert_eq!(u.to_strings().unwrap(), vec!["héllo", "", "abc"]);
    assert_eq!(u.astype(&DType::unicode(5), Casting::Equiv).unwrap().to_strings().unwrap(), vec!["héllo", "", "abc"]);
}

strider::strider_record! {
    /// One trade, laid out as NumPy's `align=True` dtype of the same fields.
    pub struct Fill { price: f64, qty: i32, venue: i32 }
}

#[test]
fn rust_structs_convert_only_to_their_own_dtype() {
    use strider::records::Record;
    let d = Fill::dtype();
    let numpy_aligned =
        DType::structured(&[("price", DType::FLOAT64), ("qty", DType::INT32), ("venue", DType::INT32)], true).unwrap();
    assert_eq!(d, numpy_aligned);
    let fills = vec![Fill { price: 10.5, qty: 3, venue: 1 }, Fill { price: 11.0, qty: -2, venue: 7 }];
    let a = NdArray::from_records(&fills).unwrap();
    assert_eq!(a.to_records::<Fill>().unwrap(), fills);
    let sum = a.with_records(|fs: &[Fill]| fs.iter().map(|f| f.price * f64::from(f.qty)).sum::<f64>()).unwrap();
    assert_eq!(sum, 10.5 * 3.0 - 22.0);
    // A view with another layout is refused, never reinterpreted.
    assert!(a.fields(&["qty", "price"]).unwrap().to_records::<Fill>().is_err());
    assert!(a.index("::-1").unwrap().with_records(|_: &[Fill]| ()).is_err());
    let swapped = a.astype(&d.with_byte_order(strider::ByteOrder::Big), Casting::Equiv).unwrap();
    assert!(swapped.to_records::<Fill>().is_err());
}

#[test]
fn dates_past_int64_wrap_as_numpy_and_timedelta_overflow_is_an_error() {
    // The reprs NumPy 2.4.6 prints for the same arrays: parsing and the D -> ns cast wrap the
    // count modulo 2^64.
    let ns: DType = "M8[ns]".parse().unwrap();
    let a = datetime::datetime_array(&["2262-04-12"], &ns).unwrap();
    assert_eq!(format!("{a:?}"), "array(['1677-09-21T00:25:26.290448384'], dtype='datetime64[ns]')");
    assert!(datetime::datetime_array(&["2262-04-11"], &ns).is_ok());
    let d = datetime::datetime_array(&["2263-01-01", "NaT"], &"M8[D]".parse().unwrap()).unwrap();
    assert_eq!(
        format!("{:?}", d.astype(&ns, Casting::SameKind).unwrap()),
        "array(['1678-06-12T00:25:26.290448384',                           'NaT'],\n      dtype='datetime64[ns]')"
    );
    // timedelta * int past int64: Strider reports it (NumPy wraps).
    let t = datetime::timedelta_array(&[1 << 62, NAT], &[2], TimeUnit::new(TimeBase::Second, 1)).unwrap();
    let four = NdArray::from_vec(vec![4i64], &[], Order::C).unwrap();
    assert_eq!(datetime::multiply(&t, &four).unwrap_err().numpy_class(), "OverflowError");
    let one = NdArray::from_vec(vec![1i64], &[], Order::C).unwrap();
    assert_eq!(
        format!("{:?}", datetime::multiply(&t, &one).unwrap()),
        "array([4611686018427387904,               'NaT'], dtype='timedelta64[s]')"
    );
}

#[test]
fn parsed_datetimes_print_back() {
    // Each ISO text parses to the unit it implies and prints back unchanged.
    for s in [
        "2020",
        "2020-02",
        "2020-02-29",
        "-001-01-01",
        "10000-01-01",
        "1969-12-31T23",
        "2020-01-01T12:30",
        "2020-01-01T12:30:15",
        "2020-01-01T12:30:15.500",
        "1677-09-21T00:12:43.145224193",
    ] {
        let (v, u) = datetime::parse_datetime(s).unwrap();
        assert_eq!(datetime::format_datetime(v, u, u).unwrap(), s);
    }
    assert_eq!(
        datetime::parse_datetime("2020-13-01").unwrap_err().to_string(),
        "Month out of range in datetime string \"2020-13-01\""
    );
    let week = TimeUnit::new(TimeBase::Week, 1);
    assert_eq!(datetime::format_datetime(-1, week, TimeUnit::new(TimeBase::Day, 1)).unwrap(), "1969-12-25");
}

strider::strider_record! {
    struct Mixed { a: u8, b: u8, c: u16, d: f32, e: f64, f: i64 }
}

strider::strider_record! {
    struct Wide { z: num_complex::Complex64, h: half::f16, g: i16, w: u32, x: u64 }
}

#[test]
fn aligned_layout_is_the_rust_compilers() {
    use strider::records::Record;
    // rustc lays out #[repr(C)] structs; NumPy's align=True must give the same offsets.
    let m = DType::structured(
        &[
            ("a", DType::UINT8),
            ("b", DType::UINT8),
            ("c", DType::UINT16),
            ("d", DType::FLOAT32),
            ("e", DType::FLOAT64),
            ("f", DType::INT64),
        ],
        true,
    )
    .unwrap();
    assert_eq!(Mixed::dtype(), m);
    let w = DType::structured(
        &[
            ("z", DType::COMPLEX128),
            ("h", DType::FLOAT16),
            ("g", DType::INT16),
            ("w", DType::UINT32),
            ("x", DType::UINT64),
        ],
        true,
    )
    .unwrap();
    assert_eq!(Wide::dtype(), w);
    assert_eq!(w.itemsize(), std::mem::size_of::<Wide>());
}

mod calendar_model {
    use proptest::prelude::*;

    /// Days from 1970-01-01 by counting whole years and months (an independent model).
    fn naive_days(y: i64, m: i64, d: i64) -> i64 {
        let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let year_len = |y: i64| if leap(y) { 366 } else { 365 };
        let mut days = 0;
        if y >= 1970 {
            for yy in 1970..y {
                days += year_len(yy);
            }
        } else {
            for yy in y..1970 {
                days -= year_len(yy);
            }
        }
        let months = [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        days + months[..(m - 1) as usize].iter().sum::<i64>() + d - 1
    }

    proptest! {
        #[test]
        fn iso_dates_count_days_like_the_calendar(y in -3000i64..5000, m in 1i64..=12, d in 1i64..=28, h in 0i64..24, mi in 0i64..60) {
            let text = format!("{y:04}-{m:02}-{d:02}");
            let (v, u) = strider::datetime::parse_datetime(&text).unwrap();
            prop_assert_eq!(u.base, strider::dtype::TimeBase::Day);
            prop_assert_eq!(v, naive_days(y, m, d));
            prop_assert_eq!(strider::datetime::format_datetime(v, u, u).unwrap(), text.clone());
            let (t, tu) = strider::datetime::parse_datetime(&format!("{text}T{h:02}:{mi:02}")).unwrap();
            prop_assert_eq!(t, naive_days(y, m, d) * 1440 + h * 60 + mi);
            // To days floors, also before 1970.
            let day: strider::dtype::TimeUnit = "[D]".parse().unwrap();
            let a = strider::datetime::timedelta_array(&[t], &[], tu).unwrap();
            prop_assert!(a.ndim() == 0);
            let dt = strider::datetime::datetime_array(&[&format!("{text}T{h:02}:{mi:02}")], &strider::DType::datetime(day)).unwrap();
            prop_assert_eq!(dt.astype(&strider::DType::INT64, strider::Casting::Unsafe).unwrap().to_vec::<i64>().unwrap(), vec![naive_days(y, m, d)]);
        }
    }
}

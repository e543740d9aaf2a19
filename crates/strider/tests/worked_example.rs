//! The worked example of the README: a table of trades NumPy wrote (`tests/data/trades`, made by
//! `tests/data/gen_trades.py`), one week selected, per-ticker totals computed and written back;
//! the file must be byte-identical to the one NumPy wrote for its own computation, so NumPy reads
//! it equal (`np.load` gives the same array).

use std::collections::BTreeMap;
use std::path::PathBuf;
use strider::datetime::{self, Cmp};
use strider::io::npy;
use strider::{DType, NdArray, Order};

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/trades")).join(name)
}

#[test]
fn per_ticker_totals_of_one_week_match_numpy_byte_for_byte() -> strider::Result<()> {
    let trades = npy::read(data("trades.npy"))?;
    assert_eq!(
        format!("{:?}", trades.dtype()),
        "dtype([('ts', '<M8[ns]'), ('ticker', 'S8'), ('price', '<f8'), ('qty', '<i4')])"
    );

    // Field views: no bytes move; each has the record size as its stride.
    let ts = trades.field("ts")?;
    assert_eq!(ts.strides(), &[28]);
    let ns: DType = "M8[ns]".parse()?;
    let lo = datetime::datetime_array(&["2024-03-04"], &ns)?;
    let hi = datetime::datetime_array(&["2024-03-09"], &ns)?;
    let after = datetime::compare(&ts, &lo, Cmp::Ge)?.to_vec::<bool>()?;
    let before = datetime::compare(&ts, &hi, Cmp::Lt)?.to_vec::<bool>()?;

    let tickers = trades.field("ticker")?.to_strings()?;
    let prices = trades.field("price")?.to_vec::<f64>()?;
    let qty = trades.field("qty")?.to_vec::<i32>()?;
    let mut totals: BTreeMap<&str, (i32, i64, f64)> = BTreeMap::new();
    for k in 0..trades.size() {
        if after[k] && before[k] {
            let t = totals.entry(tickers[k].as_str()).or_default();
            t.0 += 1;
            t.1 += i64::from(qty[k]);
            t.2 += prices[k] * f64::from(qty[k]);
        }
    }

    let dtype = DType::structured(
        &[("ticker", DType::bytes(8)), ("trades", DType::INT32), ("qty", DType::INT64), ("notional", DType::FLOAT64)],
        false,
    )?;
    let n = totals.len();
    let out = NdArray::zeros(&[n], dtype, Order::C)?;
    let names: Vec<&[u8]> = totals.keys().map(|t| t.as_bytes()).collect();
    out.field("ticker")?.assign(&NdArray::from_byte_strings(&names, Some(8))?)?;
    out.field("trades")?.assign(&NdArray::from_vec(totals.values().map(|t| t.0).collect(), &[n], Order::C)?)?;
    out.field("qty")?.assign(&NdArray::from_vec(totals.values().map(|t| t.1).collect(), &[n], Order::C)?)?;
    out.field("notional")?.assign(&NdArray::from_vec(totals.values().map(|t| t.2).collect(), &[n], Order::C)?)?;

    let path = std::env::temp_dir().join(format!("strider-totals-{}.npy", std::process::id()));
    npy::write(&path, &out)?;
    let written = std::fs::read(&path).map_err(|e| strider::Error::Value(e.to_string()))?;
    std::fs::remove_file(&path).ok();
    let expected = std::fs::read(data("totals_expected.npy")).map_err(|e| strider::Error::Value(e.to_string()))?;
    assert_eq!(written, expected, "the file differs from np.save's");

    // And it reads back as NumPy prints it.
    let back = npy::read_bytes(&expected, "totals_expected.npy")?;
    assert_eq!(format!("{back:?}"), format!("{out:?}"));
    assert!(format!("{back}").starts_with("[(b'AAPL', "));
    Ok(())
}

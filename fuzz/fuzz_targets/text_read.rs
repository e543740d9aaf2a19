//! genfromtxt and loadtxt on arbitrary text: never a panic, and loadtxt's blocked parse gives
//! exactly what a line-by-line parse gives (same array or same error).
#![no_main]
use libfuzzer_sys::fuzz_target;
use strider::io::genfromtxt::{genfromtxt_str, Column, Delimiter, GenFromTxt, Missing, Names};
use strider::io::text::{loadtxt_blocks, LoadTxt};
use strider::{DType, Order};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let dtypes = [None, Some(DType::FLOAT64), Some(DType::INT32), Some(DType::UINT8), Some("<U3".parse().unwrap())];
    let opts = GenFromTxt {
        dtype: dtypes[(sel & 7) as usize % dtypes.len()].clone(),
        delimiter: match (sel >> 3) & 3 {
            0 => Delimiter::Whitespace,
            1 => Delimiter::Str(",".into()),
            2 => Delimiter::Width(2),
            _ => Delimiter::Widths(vec![1, 3, 2]),
        },
        names: if sel & 0x20 != 0 { Some(Names::Header) } else { None },
        usemask: sel & 0x40 != 0,
        invalid_raise: sel & 0x80 == 0,
        missing_values: Some(Missing::All(vec!["N/A".into()])),
        usecols: if sel % 5 == 0 { Some(vec![Column::Index(-1), Column::Index(0)]) } else { None },
        skip_footer: (sel % 3) as usize,
        ..GenFromTxt::default()
    };
    let _ = genfromtxt_str(text, &opts);

    let path = std::env::temp_dir().join(format!("strider-fuzz-text-{}.txt", std::process::id()));
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let lo = LoadTxt {
        dtype: if sel & 1 == 0 { DType::FLOAT64 } else { DType::INT16 },
        delimiter: if sel & 2 == 0 { None } else { Some(",".into()) },
        skiprows: (sel >> 6) as usize,
        usecols: if sel & 4 == 0 { None } else { Some(vec![0, -1]) },
        ..LoadTxt::default()
    };
    let show = |r: strider::Result<strider::NdArray>| match r {
        Ok(a) => Ok((a.shape().to_vec(), a.to_bytes(Order::C).unwrap())),
        Err(e) => Err(e.to_string()),
    };
    let one = show(loadtxt_blocks(&path, &lo, 1));
    let many = show(loadtxt_blocks(&path, &lo, 1 << 20));
    // Removed before the comparison, so not even a failing input leaves its file behind.
    let _ = std::fs::remove_file(&path);
    assert_eq!(one, many);
});

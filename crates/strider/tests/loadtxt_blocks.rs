//! loadtxt's parallel parse of blocks of lines gives what one sequential pass gives: the same
//! array, or the same first error (its row and column numbers included), whatever the block size.

use proptest::prelude::*;
use strider::io::text::{loadtxt_blocks, LoadTxt};
use strider::{DType, Order};

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(-1000i32..1000, 3).prop_map(|v| v.iter().map(|x| format!("{}", *x as f64 / 8.0)).collect::<Vec<_>>().join(",")),
        1 => Just(String::new()),
        1 => Just("# a comment".to_string()),
        // Multi-byte characters, so block boundaries fall inside them (found by text_read).
        1 => Just("# caf\u{e9} \u{2300} \u{1d11e}".to_string()),
        1 => Just("1,2".to_string()),
        1 => Just("1,x,3".to_string()),
        1 => Just("4,5,6 # tail".to_string()),
        1 => Just("nan,-inf,Infinity".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn blocks_match_one_pass(lines in proptest::collection::vec(line(), 0..40), skip in 0usize..3,
                             ints in any::<bool>(), usecols in any::<bool>(), block in 1usize..64) {
        let path = std::env::temp_dir().join(format!("strider-ltb-{}-{block}.csv", std::process::id()));
        std::fs::write(&path, lines.join("\n")).unwrap();
        let opts = LoadTxt {
            dtype: if ints { DType::INT32 } else { DType::FLOAT32 },
            delimiter: Some(",".into()),
            skiprows: skip,
            usecols: usecols.then(|| vec![-1, 0]),
            ..LoadTxt::default()
        };
        let show = |r: strider::Result<strider::NdArray>| r.map(|a| (a.shape().to_vec(), a.to_bytes(Order::C).unwrap())).map_err(|e| e.to_string());
        let whole = show(loadtxt_blocks(&path, &opts, usize::MAX));
        let small = show(loadtxt_blocks(&path, &opts, block));
        let _ = std::fs::remove_file(&path);
        prop_assert_eq!(whole, small);
    }
}

//! NumPy's accuracy vectors (`umath-validation-set-*.csv` from the numpy wheel, compacted by
//! `conformance/gen_umath_validation.py` into `tests/data/umath_validation.txt`): each float32 and
//! float64 input goes through the Strider ufunc of the same name, and the result must lie within
//! the file's own ulp tolerance of the expected value, measured as NumPy's `nulp_diff` measures it
//! (sign-magnitude distance of the bit patterns, every NaN equal to every NaN, +0 equal to -0).
//! Like NumPy's `test_umath_accuracy`, a (function, dtype) group is held to the largest tolerance
//! in the group. Each group runs twice: contiguous, and through a reversed strided view, whose
//! results must be bit-identical to the contiguous ones.

use std::collections::BTreeMap;
use strider::ufunc::{errstate, ErrPolicy, ErrState, ALL_UFUNCS};
use strider::{NdArray, Order};

const DATA: &str = include_str!("data/umath_validation.txt");

/// Sign-magnitude order of a float's bits (NumPy's `integer_repr`), NaNs folded to one value.
fn ordinal(bits: u64, width: u32) -> i128 {
    let sign = 1u64 << (width - 1);
    let (exp_mask, frac_mask) =
        if width == 32 { (0x7f80_0000u64, 0x007f_ffffu64) } else { (0x7ff0_0000_0000_0000, 0x000f_ffff_ffff_ffff) };
    if bits & exp_mask == exp_mask && bits & frac_mask != 0 {
        return i128::MAX; // NaN: NumPy replaces every NaN by np.nan before measuring
    }
    let mag = (bits & (sign - 1)) as i128;
    if bits & sign != 0 {
        -mag
    } else {
        mag
    }
}

fn ulp_distance(got: u64, want: u64, width: u32) -> u128 {
    let (a, b) = (ordinal(got, width), ordinal(want, width));
    if a == i128::MAX || b == i128::MAX {
        return if a == b { 0 } else { u128::MAX };
    }
    (a - b).unsigned_abs()
}

struct Group {
    inputs: Vec<u64>,
    expected: Vec<u64>,
    tol: u128,
}

fn groups() -> BTreeMap<(String, char), Group> {
    let mut g: BTreeMap<(String, char), Group> = BTreeMap::new();
    for line in DATA.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let t = f[1].chars().next().unwrap();
        let e = g.entry((f[0].to_string(), t)).or_insert(Group { inputs: vec![], expected: vec![], tol: 0 });
        e.inputs.push(u64::from_str_radix(f[2], 16).unwrap());
        e.expected.push(u64::from_str_radix(f[3], 16).unwrap());
        e.tol = e.tol.max(f[4].parse().unwrap());
    }
    g
}

/// Applies the named ufunc to `bits` (as float32 or float64), contiguous and reversed, and
/// returns the result bits of each.
fn apply(name: &str, t: char, bits: &[u64]) -> (Vec<u64>, Vec<u64>) {
    let u = ALL_UFUNCS.iter().find(|u| u.name() == name).unwrap_or_else(|| panic!("no ufunc {name}"));
    let n = bits.len();
    let a = if t == 'f' {
        NdArray::from_vec(bits.iter().map(|&b| f32::from_bits(b as u32)).collect::<Vec<_>>(), &[n], Order::C)
    } else {
        NdArray::from_vec(bits.iter().map(|&b| f64::from_bits(b)).collect::<Vec<_>>(), &[n], Order::C)
    }
    .unwrap();
    let rev = a.index("::-1").unwrap();
    let out = |x: &NdArray| -> Vec<u64> {
        let r = u.apply(&[x.into()]).unwrap();
        if t == 'f' {
            r.to_vec::<f32>().unwrap().into_iter().map(|v| v.to_bits() as u64).collect()
        } else {
            r.to_vec::<f64>().unwrap().into_iter().map(f64::to_bits).collect()
        }
    };
    errstate(ErrState::all(ErrPolicy::Ignore), || {
        let c = out(&a);
        let mut r = out(&rev);
        r.reverse();
        (c, r)
    })
}

#[test]
fn ulp_distance_matches_numpy_nulp_diff() {
    // The distances NumPy's nulp_diff gives for these pairs: 1 + eps is one ulp from 1,
    // +0 and -0 are equal, the NaNs are equal whatever their sign, inf is one ulp past max.
    let one = 1.0f64.to_bits();
    assert_eq!(ulp_distance(one, (1.0 + f64::EPSILON).to_bits(), 64), 1);
    assert_eq!(ulp_distance(0.0f64.to_bits(), (-0.0f64).to_bits(), 64), 0);
    assert_eq!(ulp_distance(f64::NAN.to_bits(), (-f64::NAN).to_bits(), 64), 0);
    assert_eq!(ulp_distance(f64::INFINITY.to_bits(), f64::MAX.to_bits(), 64), 1);
    assert_eq!(
        ulp_distance(f32::MIN_POSITIVE.to_bits() as u64, (-f32::MIN_POSITIVE).to_bits() as u64, 32),
        2 * 0x0080_0000
    );
    assert_eq!(ulp_distance(f32::NAN.to_bits() as u64, 1.0f32.to_bits() as u64, 32), u128::MAX);
}

#[test]
fn numpy_umath_validation_vectors() {
    let mut report = Vec::new();
    let (mut rows, mut bad) = (0usize, 0usize);
    for ((name, t), g) in groups() {
        let width = if t == 'f' { 32 } else { 64 };
        let (got, rev) = apply(&name, t, &g.inputs);
        rows += g.inputs.len();
        let mut worst = (0u128, 0usize);
        let mut fails = 0;
        for (i, (&r, &w)) in got.iter().zip(&g.expected).enumerate() {
            let d = ulp_distance(r, w, width);
            if d > worst.0 {
                worst = (d, i);
            }
            if d > g.tol {
                fails += 1;
            }
        }
        let layout_diffs = got.iter().zip(&rev).filter(|(a, b)| a != b).count();
        if fails > 0 || layout_diffs > 0 {
            bad += fails + layout_diffs;
            let i = worst.1;
            report.push(format!(
                "{name} {}: {fails}/{} rows beyond {} ulp (worst {} ulp: input {:x} gave {:x}, expected {:x}); \
                 {layout_diffs} strided results differ from contiguous",
                if t == 'f' { "float32" } else { "float64" },
                g.inputs.len(),
                g.tol,
                worst.0,
                g.inputs[i],
                got[i],
                g.expected[i]
            ));
        }
    }
    assert!(rows > 26_000, "the vector file has {rows} rows");
    assert!(bad == 0, "umath validation: {bad} failures\n{}", report.join("\n"));
}

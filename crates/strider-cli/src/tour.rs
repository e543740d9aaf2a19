//! `strider tour`: the memory model as a NumPy user learns it, with every number computed live.

use std::io::Write;
use strider::{DType, NdArray, Order};

type Res = Result<(), Box<dyn std::error::Error>>;

fn describe(out: &mut impl Write, label: &str, a: &NdArray) -> Res {
    let f = a.flags();
    writeln!(
        out,
        "  {label:<28} shape {:<12} strides {:<14} offset {:>3}  C={} F={} OWNDATA={} WRITEABLE={}",
        strider::layout::shape_str(a.shape()),
        strider::layout::strides_str(a.strides()),
        a.offset(),
        f.c_contiguous as u8,
        f.f_contiguous as u8,
        f.owndata as u8,
        f.writeable as u8
    )?;
    Ok(())
}

/// Runs the tour, writing to `out`.
pub fn run(out: &mut impl Write) -> Res {
    writeln!(out, "Strider tour: an array is a block of bytes plus a recipe (dtype, shape, strides, offset).\n")?;

    writeln!(out, "1. A fresh array and its flags")?;
    let a = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::C)?;
    describe(out, "zeros((3, 4))", &a)?;
    describe(out, "zeros((3, 4), order='F')", &NdArray::zeros(&[3, 4], DType::FLOAT64, Order::F)?)?;
    writeln!(out)?;

    writeln!(out, "2. Strides follow the shape; the bytes do not move")?;
    let b = NdArray::arange(0.0, 8.0, 1.0, DType::INT8)?;
    describe(out, "int8 arange(8)", &b)?;
    describe(out, ".reshape(2, 4)", &b.reshape(&[2, 4])?)?;
    describe(out, ".reshape(1, 4, 2)", &b.reshape(&[1, 4, 2])?)?;
    describe(out, ".reshape(2, 4).T", &b.reshape(&[2, 4])?.t())?;
    writeln!(out)?;

    writeln!(out, "3. Views change the recipe; copies move bytes")?;
    let x = NdArray::arange(0.0, 24.0, 1.0, DType::INT64)?.reshape(&[4, 6])?;
    let views = [
        ("x[1:3, ::2]", x.index("1:3, ::2")?),
        ("x[::-1]", x.index("::-1")?),
        ("x.T", x.t()),
        ("x[:, None, 2]", x.index(":, None, 2")?),
    ];
    for (label, v) in &views {
        describe(out, label, v)?;
        writeln!(out, "  {:<28} shares memory with x: {}", "", v.shares_memory(&x, None)?)?;
    }
    let c = x.t().copy(Order::C)?;
    describe(out, "x.T.copy()", &c)?;
    writeln!(out, "  {:<28} shares memory with x: {}", "", c.shares_memory(&x, None)?)?;
    let r = x.t().reshape(&[24])?;
    describe(out, "x.T.reshape(24) (must copy)", &r)?;
    writeln!(out, "  {:<28} shares memory with x: {}", "", r.shares_memory(&x, None)?)?;
    writeln!(out)?;

    writeln!(out, "4. Overlap is exact: interleaved slices touch no common byte")?;
    let even = x.ravel(Order::C)?.index("::2")?;
    let odd = x.ravel(Order::C)?.index("1::2")?;
    writeln!(out, "  may_share_memory(x[::2], x[1::2]) = {}", even.may_share_memory(&odd, None)?)?;
    writeln!(out, "  shares_memory(x[::2], x[1::2])    = {}", even.shares_memory(&odd, None)?)?;
    writeln!(out)?;

    writeln!(out, "5. Printing matches NumPy")?;
    writeln!(out, "{:?}", x.index("::2, 1:4")?)?;
    writeln!(out, "{:?}", NdArray::linspace(0.0, 1.0, 4, true, DType::FLOAT32)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tour_runs_and_tells_views_from_copies() {
        let mut out = Vec::new();
        super::run(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Strides of int8 arange(8) reshaped, as NumPy gives them.
        assert!(text.contains(".reshape(2, 4)               shape (2, 4)       strides (4, 1)"), "{text}");
        assert!(text.contains(".reshape(1, 4, 2)            shape (1, 4, 2)    strides (8, 2, 1)"), "{text}");
        // Four views share memory with x; the explicit copy does not; the copying reshape does not.
        assert_eq!(text.matches("shares memory with x: true").count(), 4, "{text}");
        assert_eq!(text.matches("shares memory with x: false").count(), 2, "{text}");
        assert!(text.contains("may_share_memory(x[::2], x[1::2]) = true"));
        assert!(text.contains("shares_memory(x[::2], x[1::2])    = false"));
        assert!(text.contains("array([0.        , 0.33333334, 0.6666667 , 1.        ], dtype=float32)"), "{text}");
    }
}

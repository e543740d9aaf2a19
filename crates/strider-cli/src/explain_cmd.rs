//! `strider explain`: a file's array (or a fresh `arange`), a chain of view steps applied to it,
//! then its layout explained, and what each requested operation would do.

use std::io::Write;
use strider::explain::{explain, explain_op, Op};
use strider::{DType, NdArray, Order};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn numbers<T: std::str::FromStr>(text: &str, what: &str) -> Res<Vec<T>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<T>().map_err(|_| format!("bad {what} '{s}' in '{text}'").into()))
        .collect()
}

/// Applies one step of a view chain: `T`, `mT`, `transpose(1,0,2)`, `reshape(6,4)`,
/// `swapaxes(0,1)`, `squeeze`, `ravel`, `flip`, or a NumPy basic index such as `::2, 1`.
pub fn apply(a: &NdArray, step: &str) -> Res<NdArray> {
    let s = step.trim();
    let args = |name: &str| -> Option<&str> { s.strip_prefix(name)?.strip_prefix('(')?.strip_suffix(')') };
    Ok(if s == "T" {
        a.t()
    } else if s == "mT" {
        a.mt()?
    } else if s == "squeeze" {
        a.squeeze(None)?
    } else if s == "ravel" {
        a.ravel(Order::C)?
    } else if s == "flip" {
        a.flip(None)?
    } else if let Some(x) = args("transpose") {
        let ax: Vec<isize> = numbers(x, "axis")?;
        a.transpose(if ax.is_empty() { None } else { Some(&ax) })?
    } else if let Some(x) = args("reshape") {
        a.reshape(&numbers::<isize>(x, "length")?)?
    } else if let Some(x) = args("swapaxes") {
        match numbers::<isize>(x, "axis")?.as_slice() {
            [p, q] => a.swapaxes(*p, *q)?,
            _ => return Err(format!("swapaxes takes two axes, got '{x}'").into()),
        }
    } else {
        a.index(s)?
    })
}

/// The operations to explain after the chain.
pub struct Ops {
    /// `--reshape` shapes.
    pub reshape: Vec<Vec<isize>>,
    /// Order for the reshapes.
    pub reshape_order: Order,
    /// `--ravel` orders.
    pub ravel: Vec<Order>,
    /// `--copy` orders.
    pub copy: Vec<Order>,
    /// `--contiguous`.
    pub contiguous: bool,
    /// `--fortran`.
    pub fortran: bool,
    /// `--transpose` axes (empty: reverse).
    pub transpose: Option<Vec<isize>>,
}

/// Explains `a` after `steps`, then each operation; prints nothing unless all of it succeeds.
pub fn run(out: &mut impl Write, source: &str, a: NdArray, steps: &[String], ops: &Ops) -> Res {
    let mut text = Vec::new();
    explain_into(&mut text, source, a, steps, ops)?;
    Ok(out.write_all(&text)?)
}

fn explain_into(out: &mut Vec<u8>, source: &str, a: NdArray, steps: &[String], ops: &Ops) -> Res {
    let mut a = a;
    let mut name = source.to_string();
    for step in steps {
        a = apply(&a, step).map_err(|e| format!("step '{step}': {e}"))?;
        let st = step.trim();
        name = if st.chars().all(|c| c.is_alphanumeric()) || st.contains('(') {
            format!("{name}.{st}")
        } else {
            format!("{name}[{st}]")
        };
    }
    writeln!(out, "{}", crate::term::heading(&format!("a = {name}")))?;
    write!(out, "{}", explain(&a))?;
    let mut list: Vec<Op> = ops.reshape.iter().map(|s| Op::Reshape(s.clone(), ops.reshape_order)).collect();
    list.extend(ops.ravel.iter().map(|&o| Op::Ravel(o)));
    list.extend(ops.copy.iter().map(|&o| Op::Copy(o)));
    if ops.contiguous {
        list.push(Op::AsContiguous);
    }
    if ops.fortran {
        list.push(Op::AsFortran);
    }
    if let Some(ax) = &ops.transpose {
        list.push(Op::Transpose(if ax.is_empty() { None } else { Some(ax.clone()) }));
    }
    for op in list {
        writeln!(out)?;
        let e = explain_op(&a, &op)?;
        write!(out, "{}", crate::term::heading(&e.op.to_string()))?;
        let text = e.to_string();
        // The operation's name is already the heading.
        write!(out, "{}", text.strip_prefix(&e.op.to_string()).unwrap_or(&text))?;
    }
    Ok(())
}

/// The demonstration array when no file is given: `np.arange(n, dtype=dtype).reshape(shape, order=order)`.
pub fn fresh(shape: &[usize], dtype: &DType, order: Order) -> Res<NdArray> {
    let n: usize = shape.iter().product();
    let flat = NdArray::arange(0.0, n as f64, 1.0, dtype.clone())?;
    let dims: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
    Ok(flat.reshape_with(&dims, order, strider::ReshapeCopy::IfNeeded)?)
}

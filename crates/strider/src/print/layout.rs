//! Layout of an array's text: brackets, separators, summarisation, line wrapping, and the
//! `array(..., shape=..., dtype=...)` wrapper of `repr`.
//!
//! Owns: [`array2string`], [`array_repr`], [`array_str`]: NumPy's rules for which elements are
//! shown (`threshold`, `edgeitems`), where lines wrap (`linewidth`, continuation indents that
//! line up with the opening brackets), the blank lines between blocks, and when `repr` adds
//! `shape=` and `dtype=`.

use super::element::ElementFormat;
use super::options::PrintOptions;
use super::records::RecFormat;
use crate::{NdArray, Scalar};

/// NumPy's `np.array2string(a, separator=..., prefix=..., suffix=...)` with explicit options.
///
/// `prefix` is not printed: its length sets the indent of continuation lines, as if the text
/// followed it. `suffix` is not printed either: its length is taken off the line width, as if
/// it followed the text. An empty array gives `[]`; a 0-d array gives its one element.
///
/// ```
/// use strider::print::{array2string, PrintOptions};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1.0f64, 2.5, -3.0], &[3], Order::C).unwrap();
/// assert_eq!(array2string(&a, &PrintOptions::default(), ", ", "", ""), "[ 1. ,  2.5, -3. ]");
/// ```
pub fn array2string(a: &NdArray, opts: &PrintOptions, separator: &str, prefix: &str, suffix: &str) -> String {
    if a.size() == 0 {
        return String::from("[]");
    }
    let summarise = a.size() > opts.threshold;
    let corners = Corners::read(a, summarise, opts.edgeitems);
    let texts: Vec<String> = match a.dtype().num_type() {
        Some(t) => {
            let data: Vec<Scalar> = corners.data.iter().map(|b| Scalar::from_bytes(b, a.dtype())).collect();
            let format = ElementFormat::new(t, &data, a.ndim() == 0, opts);
            data.iter().map(|s| format.format(s)).collect()
        }
        None => {
            let elems: Vec<&[u8]> = corners.data.iter().map(Vec::as_slice).collect();
            let format = RecFormat::new(a.dtype(), &elems, a.ndim() == 0, opts);
            elems.iter().map(|b| format.format(a.dtype(), b)).collect()
        }
    };
    let line_width = opts.linewidth as isize - text_len(suffix) as isize;
    let hanging = " ".repeat(1 + text_len(prefix));
    let writer =
        Writer { shape: a.shape(), corners: &corners, texts: &texts, separator, summarise, edgeitems: opts.edgeitems };
    let mut index = Vec::with_capacity(a.ndim());
    writer.recurse(&mut index, &hanging, line_width)
}

/// NumPy's `repr(a)` (`np.array_repr`) with explicit options.
///
/// ```
/// use strider::print::{array_repr, PrintOptions};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![1i32, 2, 3], &[3], Order::C).unwrap();
/// assert_eq!(array_repr(&a, &PrintOptions::default()), "array([1, 2, 3], dtype=int32)");
/// let e = NdArray::from_vec(Vec::<f64>::new(), &[0, 3], Order::C).unwrap();
/// assert_eq!(array_repr(&e, &PrintOptions::default()), "array([], shape=(0, 3), dtype=float64)");
/// ```
pub fn array_repr(a: &NdArray, opts: &PrintOptions) -> String {
    const PREFIX: &str = "array(";
    let body = array2string(a, opts, ", ", PREFIX, ")");
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape() != [0]) || a.size() > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(a.shape())));
    }
    if !dtype_is_implied(a) || a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype().repr_text()));
    }
    if extras.is_empty() {
        return format!("{PREFIX}{body})");
    }
    let head = format!("{PREFIX}{body},");
    let tail = format!("{})", extras.join(", "));
    let last_line = head.rsplit('\n').next().unwrap_or("");
    let spacer = if text_len(last_line) + text_len(&tail) + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        String::from(" ")
    };
    format!("{head}{spacer}{tail}")
}

/// NumPy's `str(a)` (`np.array_str`) with explicit options. A 0-d array prints as its scalar
/// (at full precision), not through the array formatter.
///
/// ```
/// use strider::print::{array_str, PrintOptions};
/// use strider::{NdArray, Order};
/// let a = NdArray::from_vec(vec![0.5f64, 1.0, 2.0, 3.0], &[2, 2], Order::C).unwrap();
/// assert_eq!(array_str(&a, &PrintOptions::default()), "[[0.5 1. ]\n [2.  3. ]]");
/// ```
pub fn array_str(a: &NdArray, opts: &PrintOptions) -> String {
    if a.ndim() == 0 && a.dtype().num_type().is_none() {
        let n = a.itemsize();
        let o = a.offset();
        return a.storage().with_read(|b| match b.get(o..o + n) {
            Some(bytes) => super::records::scalar_str(a.dtype(), bytes, opts),
            None => String::from("[]"),
        });
    }
    if a.ndim() == 0 {
        return match a.get(&[]) {
            Ok(s) => s.to_string(),
            Err(_) => String::from("[]"),
        };
    }
    array2string(a, opts, " ", "", "")
}

/// Whether `repr` may omit `dtype=`: native int64 (not `'q'`), float64, complex128 and bool.
fn dtype_is_implied(a: &NdArray) -> bool {
    use crate::NumType as N;
    let d = a.dtype();
    d.is_native() && !d.is_longlong() && matches!(d.num_type(), Some(N::Int64 | N::Float64 | N::Complex128 | N::Bool))
}

/// A shape as Python prints a tuple: `()`, `(5,)`, `(2, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

fn text_len(s: &str) -> usize {
    s.chars().count()
}

/// The indices the formatter sees along an axis of length `n`. With `edgeitems == 0` NumPy's
/// trailing slice `a[-0:]` is the whole axis, so every element is seen.
fn shown(n: usize, summarise: bool, edge: usize) -> Vec<usize> {
    if summarise && n > edge.saturating_mul(2) {
        let trailing_start = if edge == 0 { 0 } else { n - edge };
        (0..edge).chain(trailing_start..n).collect()
    } else {
        (0..n).collect()
    }
}

/// The elements that are displayed (every element, or the corners kept by summarisation), read
/// in one pass under one lock. The formatter sizes itself on exactly these.
struct Corners {
    /// Per axis, the indices kept, ascending.
    axes: Vec<Vec<usize>>,
    /// The bytes of the kept elements in C order of the corner block.
    data: Vec<Vec<u8>>,
}

impl Corners {
    fn read(a: &NdArray, summarise: bool, edge: usize) -> Corners {
        let axes: Vec<Vec<usize>> = a.shape().iter().map(|&n| shown(n, summarise, edge)).collect();
        let mut offsets = Vec::new();
        if !axes.iter().any(|v| v.is_empty()) {
            let mut pos = vec![0usize; axes.len()];
            'walk: loop {
                let at = pos.iter().zip(&axes).zip(a.strides()).map(|((&p, ax), &st)| ax[p] as isize * st);
                offsets.push(a.offset() as isize + at.sum::<isize>());
                let mut k = axes.len();
                loop {
                    if k == 0 {
                        break 'walk;
                    }
                    k -= 1;
                    pos[k] += 1;
                    if pos[k] < axes[k].len() {
                        break;
                    }
                    pos[k] = 0;
                }
            }
        }
        let dtype = a.dtype();
        let n = dtype.itemsize();
        let data = a.storage().with_read(|b| {
            offsets
                .iter()
                .filter_map(|&o| usize::try_from(o).ok().and_then(|o| b.get(o..o + n)))
                .map(<[u8]>::to_vec)
                .collect()
        });
        Corners { axes, data }
    }

    /// The element at corner-block position `pos` (one entry per axis).
    fn flat(&self, pos: &[usize]) -> usize {
        let mut flat = 0;
        for (&p, ax) in pos.iter().zip(&self.axes) {
            flat = flat * ax.len() + p;
        }
        flat
    }
}

/// The recursive writer of nested brackets (NumPy's `_formatArray`).
struct Writer<'a> {
    shape: &'a [usize],
    corners: &'a Corners,
    texts: &'a [String],
    separator: &'a str,
    summarise: bool,
    edgeitems: usize,
}

impl Writer<'_> {
    fn element(&self, pos: &[usize]) -> String {
        match self.texts.get(self.corners.flat(pos)) {
            Some(s) => s.clone(),
            None => String::from("?"),
        }
    }

    /// What is printed along an axis of length `n`, in order: `Some(i)` for the sub-array at
    /// position `i`, `None` for the ellipsis of a summarised axis.
    fn items(&self, n: usize) -> Vec<Option<usize>> {
        if !(self.summarise && self.edgeitems.saturating_mul(2) < n) {
            return (0..n).map(Some).collect();
        }
        let edge = self.edgeitems;
        let mut items: Vec<Option<usize>> = (0..edge).map(Some).collect();
        items.push(None);
        // NumPy always prints the last entry, even with no edge items.
        items.extend((n - edge.max(1)..n).map(Some));
        items
    }

    /// The text of sub-array `i` (an index into the array's axis) of the sub-array at `pos`.
    fn sub(&self, pos: &mut Vec<usize>, i: usize, hanging: &str, width: isize) -> String {
        let kept = &self.corners.axes[pos.len()];
        // Every printed index is among the kept ones.
        pos.push(kept.binary_search(&i).unwrap_or(0));
        let text = self.recurse(pos, hanging, width);
        pos.pop();
        text
    }

    /// The text of the sub-array at corner position `index`, whose first line is indented by `hanging` (which
    /// the caller replaces by the opening bracket) and must fit `width` columns.
    fn recurse(&self, index: &mut Vec<usize>, hanging: &str, width: isize) -> String {
        let axis = index.len();
        let ndim = self.shape.len();
        if axis == ndim {
            return self.element(index);
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = width - 1;
        let n = self.shape[axis];
        let items = self.items(n);
        let count = items.len();
        let mut s = String::new();
        if axes_left == 1 {
            // Innermost axis: words wrap within the line width.
            let elem_width = width - text_len(self.separator.trim_end()).max(1) as isize;
            let mut line = hanging.to_string();
            for (k, item) in items.into_iter().enumerate() {
                let word = match item {
                    Some(i) => self.sub(index, i, &next_hanging, next_width),
                    None => String::from("..."),
                };
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                if k + 1 < count {
                    line.push_str(self.separator);
                }
            }
            s.push_str(&line);
        } else {
            // Outer axes: one sub-array per line, blank lines between blocks of 3 or more axes.
            let line_sep = format!("{}{}", self.separator.trim_end(), "\n".repeat(axes_left - 1));
            for (k, item) in items.into_iter().enumerate() {
                s.push_str(hanging);
                match item {
                    Some(i) => s.push_str(&self.sub(index, i, &next_hanging, next_width)),
                    None => s.push_str("..."),
                }
                if k + 1 < count {
                    s.push_str(&line_sep);
                }
            }
        }
        let body: String = s.chars().skip(text_len(hanging)).collect();
        format!("[{body}]")
    }
}

/// Appends `word` to `line`, first moving `line` into `s` and starting a fresh indented line if
/// the word would pass `width` (unless the line holds nothing but its indent).
fn extend_line(s: &mut String, line: &mut String, word: &str, width: isize, indent: &str) {
    let too_long = (text_len(line) + text_len(word)) as isize > width;
    if too_long && text_len(line) > text_len(indent) {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}

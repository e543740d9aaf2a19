//! The tree picture of a layout: the array, one level per axis, element byte ranges as leaves.
//! Owns only the drawing; the layout facts come from the parent module.

use super::{Explanation, Layout};
use crate::layout;

impl Explanation {
    /// The tree picture: the array, then one level per axis (each entry's starting byte), then
    /// each element's byte range. Long axes show their first and last entries and a count of the
    /// rest, so any shape prints in a few dozen lines.
    ///
    /// ```
    /// use strider::{explain, DType, NdArray};
    /// let a = NdArray::arange(0.0, 6.0, 1.0, DType::INT16).unwrap().reshape(&[2, 3]).unwrap();
    /// let t = explain::explain(&a.t()).tree();
    /// assert!(t.contains("[1, 0] @2..4"));
    /// ```
    pub fn tree(&self) -> String {
        let l = &self.layout;
        let mut out = format!(
            "array {} {} @{}\n",
            layout::shape_str(&l.shape),
            l.dtype,
            if l.size() == 0 { "-".to_string() } else { l.offset.to_string() }
        );
        if l.shape.is_empty() {
            out.push_str(&format!("└── [] @{}..{}\n", l.offset, l.offset + l.itemsize()));
            return out;
        }
        if l.size() == 0 {
            out.push_str("└── (no elements: an axis has length 0)\n");
            return out;
        }
        // Entries shown at each end of an axis (branches, leaves): deep arrays show fewer so the
        // picture stays a few dozen lines.
        let edge = match l.shape.len() {
            1 => (4, 4),
            2 => (2, 3),
            3 | 4 => (1, 2),
            _ => (1, 1),
        };
        let mut index = Vec::with_capacity(l.shape.len());
        tree_level(l, &mut index, "", edge, &mut out);
        if out.lines().count() > TREE_LINES {
            let mut cut: String = out.lines().take(TREE_LINES).map(|line| format!("{line}\n")).collect();
            cut.push_str("… (the rest of the tree is left out)\n");
            return cut;
        }
        out
    }
}

/// Lines of a tree picture beyond which it is cut (deep arrays of short axes).
const TREE_LINES: usize = 120;

fn tree_level(l: &Layout, index: &mut Vec<usize>, prefix: &str, edges: (usize, usize), out: &mut String) {
    // Past the budget nothing more is shown, so a deep array costs no more than a small one.
    if out.len() > TREE_LINES * 200 {
        return;
    }
    let ax = index.len();
    let n = l.shape[ax];
    let leaf = ax + 1 == l.shape.len();
    let edge = if leaf { edges.1 } else { edges.0 };
    let shown: Vec<usize> = if n > 2 * edge + 1 { (0..edge).chain(n - edge..n).collect() } else { (0..n).collect() };
    for (pos, &i) in shown.iter().enumerate() {
        if pos == edge && n > 2 * edge + 1 {
            out.push_str(&format!("{prefix}├── … {} more, {} bytes apart\n", n - 2 * edge, l.strides[ax]));
        }
        let last = pos + 1 == shown.len();
        let (branch, cont) = if last { ("└── ", "    ") } else { ("├── ", "│   ") };
        index.push(i);
        let at = l.at(index);
        let label = index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        if leaf {
            out.push_str(&format!("{prefix}{branch}[{label}] @{at}..{}\n", at + l.itemsize() as isize));
        } else {
            out.push_str(&format!("{prefix}{branch}[{label}] @{at}\n"));
            tree_level(l, index, &format!("{prefix}{cont}"), edges, out);
        }
        index.pop();
    }
}

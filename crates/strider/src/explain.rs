//! The layout explainer: an array's layout in words and as a tree, and what an operation does
//! to it (view or copy, and why).

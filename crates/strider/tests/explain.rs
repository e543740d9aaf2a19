//! The layout explainer against the library itself: for random layouts and operations, what
//! `explain_op` says (copy or view, the resulting shape, strides, offset and flags) is what the
//! operation really does; flags' reasons agree with their values; trees show every byte offset.

use proptest::prelude::*;
use strider::explain::{explain, explain_op, explain_reshape, Op};
use strider::{DType, NdArray, Order};

/// A random array: a C or F block, optionally transposed, then sliced with steps of +-1 or +-2.
fn layout_strategy() -> impl Strategy<Value = NdArray> {
    (prop::collection::vec(1usize..5, 0..4), any::<bool>(), any::<u64>()).prop_map(|(shape, fortran, seed)| {
        let order = if fortran { Order::F } else { Order::C };
        let mut a = NdArray::zeros(&shape, DType::INT16, order).unwrap();
        let mut s = seed;
        let mut next = |m: u64| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 33) % m
        };
        if next(2) == 0 && a.ndim() > 1 {
            a = a.t();
        }
        let items: Vec<String> = (0..a.ndim())
            .map(|_| match next(4) {
                0 => ":".to_string(),
                1 => "::-1".to_string(),
                2 => "::2".to_string(),
                _ => "1:".to_string(),
            })
            .collect();
        if !items.is_empty() {
            a = a.index(&items.join(", ")).unwrap();
        }
        a
    })
}

fn op_strategy(size: usize, ndim: usize) -> impl Strategy<Value = Op> {
    let orders = prop::sample::select(vec![Order::C, Order::F, Order::A, Order::K]);
    let split = (1..=size.max(1)).filter(|d| size % d == 0).collect::<Vec<_>>();
    prop_oneof![
        (prop::sample::select(split), orders.clone()).prop_map(move |(d, o)| {
            let o = if o == Order::K { Order::C } else { o };
            Op::Reshape(vec![d as isize, -1], o)
        }),
        Just(Op::Reshape(vec![-1], Order::C)),
        Just(Op::Reshape(vec![-1], Order::F)),
        orders.clone().prop_map(Op::Ravel),
        orders.prop_map(Op::Copy),
        Just(Op::AsContiguous),
        Just(Op::AsFortran),
        Just(Op::Transpose(None)),
        Just(Op::Transpose(Some((0..ndim as isize).rev().collect()))),
    ]
}

fn run(a: &NdArray, op: &Op) -> NdArray {
    match op {
        Op::Reshape(s, o) => a.reshape_with(s, *o, strider::ReshapeCopy::IfNeeded).unwrap(),
        Op::Ravel(o) => a.ravel(*o).unwrap(),
        Op::Copy(o) => a.copy(*o).unwrap(),
        Op::AsContiguous => a.ascontiguousarray().unwrap(),
        Op::AsFortran => a.asfortranarray().unwrap(),
        Op::Transpose(ax) => a.transpose(ax.as_deref()).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn explained_operations_do_what_they_say(
        (a, op) in layout_strategy().prop_flat_map(|a| { let (n, d) = (a.size(), a.ndim()); (Just(a), op_strategy(n, d)) })
    ) {
        let e = explain_op(&a, &op).unwrap();
        let r = run(&a, &op);
        prop_assert_eq!(e.copies, !r.same_storage(&a), "{}", e);
        let l = &e.after.layout;
        prop_assert_eq!(&l.shape[..], r.shape());
        prop_assert_eq!(&l.strides[..], r.strides(), "{}", e);
        if r.size() > 0 {
            prop_assert_eq!(l.offset, r.offset());
        }
        prop_assert_eq!(e.after.c_contiguous.value, r.flags().c_contiguous);
        prop_assert_eq!(e.after.f_contiguous.value, r.flags().f_contiguous);
        prop_assert_eq!(l.owndata, r.flags().owndata);
        prop_assert_eq!(e.after.aligned.value, r.flags().aligned);
    }

    #[test]
    fn flags_and_reasons_agree(a in layout_strategy()) {
        let e = explain(&a);
        let f = a.flags();
        prop_assert_eq!(e.c_contiguous.value, f.c_contiguous);
        prop_assert_eq!(e.f_contiguous.value, f.f_contiguous);
        prop_assert_eq!(e.owndata.value, f.owndata);
        // A reason for non-contiguity names an axis whose stride is really off.
        if !f.c_contiguous {
            prop_assert!(e.c_contiguous.why.starts_with("axis "), "{}", e.c_contiguous.why);
        }
        // Small arrays show every element once as a leaf, at its real byte offset.
        let tree = e.tree();
        if a.ndim() <= 2 && a.shape().iter().all(|&n| n <= 5) && a.size() > 0 {
            prop_assert_eq!(tree.matches("..").count(), a.size(), "{}", tree);
        }
    }
}

#[test]
fn the_tour_example_trees() {
    // np.arange(8, dtype=np.int8).reshape(2, 4): strides (4, 1).
    let a = NdArray::arange(0.0, 8.0, 1.0, DType::INT8).unwrap();
    let r = explain_reshape(&a, &[2, 4], Order::C).unwrap();
    assert!(!r.copies);
    let tree = r.after.tree();
    let expected = "array (2, 4) int8 @0\n\
                    ├── [0] @0\n\
                    │   ├── [0, 0] @0..1\n\
                    │   ├── [0, 1] @1..2\n\
                    │   ├── [0, 2] @2..3\n\
                    │   └── [0, 3] @3..4\n\
                    └── [1] @4\n    \
                        ├── [1, 0] @4..5\n    \
                        ├── [1, 1] @5..6\n    \
                        ├── [1, 2] @6..7\n    \
                        └── [1, 3] @7..8\n";
    assert_eq!(tree, expected);
    // Its transpose: the same leaves, reached column by column.
    let t = explain_op(&a.reshape(&[2, 4]).unwrap(), &Op::Transpose(None)).unwrap();
    assert!(t.after.tree().contains("└── [3] @3\n    ├── [3, 0] @3..4\n    └── [3, 1] @7..8\n"), "{}", t.after.tree());
    assert!(t.tree_change.contains("levels reordered"));
}

#[test]
fn big_shapes_are_summarised() {
    let a = NdArray::zeros(&[1000, 1000], DType::FLOAT64, Order::C).unwrap();
    let tree = explain(&a).tree();
    assert!(tree.lines().count() < 40, "{tree}");
    assert!(tree.contains("… 996 more, 8000 bytes apart"), "{tree}");
    assert!(tree.contains("… 994 more, 8 bytes apart"), "{tree}");
    assert!(tree.contains("[999, 999] @7999992..8000000"), "{tree}");
}

#[test]
fn deep_arrays_of_short_axes_are_cut() {
    let a = NdArray::zeros(&[2; 20], DType::INT8, Order::C).unwrap();
    let tree = explain(&a).tree();
    assert_eq!(tree.lines().count(), 121, "{tree}");
    assert!(tree.ends_with("… (the rest of the tree is left out)\n"));
    assert!(tree.contains(&format!("[{}] @0..1", vec!["0"; 20].join(", "))), "{tree}");
}

#[test]
fn copy_reasons_name_the_blocking_axes() {
    let a = NdArray::arange(0.0, 24.0, 1.0, DType::INT64).unwrap().reshape(&[4, 6]).unwrap();
    let t = a.t(); // strides (8, 48)
    let e = explain_reshape(&t, &[24], Order::C).unwrap();
    assert!(e.copies);
    assert!(e.why.contains("axes 0 and 1 (lengths 6 and 4, strides 8 and 48)"), "{}", e.why);
    assert_eq!(
        explain_reshape(&t, &[24], Order::K).unwrap_err().to_string(),
        "order 'K' is not permitted for reshaping"
    );
    assert_eq!(
        explain_reshape(&t, &[5, -1], Order::C).unwrap_err().to_string(),
        t.reshape(&[5, -1]).unwrap_err().to_string()
    );
    // Views of a memory map say what they wrap.
    let v = explain(&a.index("::2, 1").unwrap());
    assert!(v.owndata.why.starts_with("a view of a (24,) int64 array"), "{}", v.owndata.why);
}

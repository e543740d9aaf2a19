//! Copies, casts and assignment checked against NumPy 2.4.6.
//!
//! Tables in `tests/data/` come from `tests/data/gen_tables.py` (run with NumPy); other expected
//! values were obtained by running the NumPy expression quoted next to them.

use strider::{can_cast, Casting, DType, Error, NdArray, NumType, Order, Scalar, Storage};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn level(s: &str) -> Casting {
    match s {
        "no" => Casting::No,
        "equiv" => Casting::Equiv,
        "safe" => Casting::Safe,
        "same_kind" => Casting::SameKind,
        _ => Casting::Unsafe,
    }
}

/// An int64 array over 0..n with the given shape/strides/offset (in elements).
fn i64_view(n: usize, shape: &[usize], strides_el: &[isize], offset_el: usize) -> NdArray {
    let s = Storage::from_vec((0..n as i64).collect::<Vec<_>>());
    let strides: Vec<isize> = strides_el.iter().map(|x| x * 8).collect();
    NdArray::from_raw_parts(s, DType::INT64, shape, &strides, offset_el * 8).unwrap()
}

#[test]
fn can_cast_matches_numpy_for_every_pair() {
    let table = include_str!("data/can_cast.txt");
    let mut n = 0;
    for line in table.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (a, b): (DType, DType) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let want = f[3] == "1";
        assert_eq!(can_cast(&a, &b, level(f[2])), want, "{line}");
        n += 1;
    }
    assert_eq!(n, 3920);
}

#[test]
fn casts_match_numpy_element_by_element() {
    let table = include_str!("data/casts.txt");
    for line in table.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (a, b): (DType, DType) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let src = unhex(f[2]);
        let arr = NdArray::from_raw_parts(Storage::from_vec(src.clone()), a.clone(), &[1], &[a.itemsize() as isize], 0)
            .unwrap();
        let out = arr.astype(&b, Casting::Unsafe).unwrap();
        assert_eq!(out.dtype(), &b);
        assert_eq!(hex(&out.to_bytes(Order::C).unwrap()), f[3], "astype {line}");
        // Scalar::cast agrees with the array kernel.
        let s = Scalar::from_bytes(&src, &a).cast(b.num_type().unwrap());
        assert_eq!(hex(&s.to_bytes(&b).unwrap()), f[3], "Scalar::cast {line}");
    }
}

#[test]
fn cast_error_message() {
    // np.zeros(3, '>f8').astype('i4', casting='safe') -> TypeError with this text.
    let a = NdArray::zeros(&[3], ">f8".parse().unwrap(), Order::C).unwrap();
    let e = a.astype(&DType::INT32, Casting::Safe).err().unwrap();
    assert_eq!(
        e.to_string(),
        "Cannot cast array data from dtype('>f8') to dtype('int32') according to the rule 'safe'"
    );
}

#[test]
fn copy_orders_and_strides() {
    // b = np.arange(24).reshape(2,3,4).transpose(1,0,2)[:, ::-1]  -> strides (32, -96, 8)
    let b = i64_view(24, &[3, 2, 4], &[4, -12, 1], 12);
    // np: b.copy('K').strides == (32, 96, 8); C: (64, 32, 8); F: (8, 24, 48)
    assert_eq!(b.copy(Order::K).unwrap().strides(), &[32, 96, 8]);
    assert_eq!(b.copy(Order::C).unwrap().strides(), &[64, 32, 8]);
    assert_eq!(b.copy(Order::F).unwrap().strides(), &[8, 24, 48]);
    assert_eq!(b.copy(Order::A).unwrap().strides(), &[64, 32, 8]);
    // np: b.flatten('C').tolist()
    let c_want: Vec<i64> = vec![12, 13, 14, 15, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23, 8, 9, 10, 11];
    for o in [Order::C, Order::F, Order::A, Order::K] {
        assert_eq!(b.copy(o).unwrap().to_vec::<i64>().unwrap(), c_want, "{o:?}");
    }
    assert_eq!(b.flatten(Order::C).unwrap().to_vec::<i64>().unwrap(), c_want);
    // np: b.flatten('F').tolist()
    assert_eq!(
        b.flatten(Order::F).unwrap().to_vec::<i64>().unwrap(),
        vec![12, 16, 20, 0, 4, 8, 13, 17, 21, 1, 5, 9, 14, 18, 22, 2, 6, 10, 15, 19, 23, 3, 7, 11]
    );
    // np: b.flatten('K').tolist() (axis order by |stride|: 1, 0, 2; axis 1 still walked 0, 1)
    assert_eq!(
        b.flatten(Order::K).unwrap().to_vec::<i64>().unwrap(),
        vec![12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    );
}

#[test]
fn flatten_k_of_reversed_1d_keeps_reading_order() {
    // np.arange(5)[::-1].flatten('K') -> [4, 3, 2, 1, 0]
    let a = i64_view(5, &[5], &[-1], 4);
    assert_eq!(a.flatten(Order::K).unwrap().to_vec::<i64>().unwrap(), vec![4, 3, 2, 1, 0]);
    assert_eq!(a.copy(Order::K).unwrap().strides(), &[8]);
}

#[test]
fn copy_keeps_byte_order_and_swaps_on_cast() {
    let be: DType = ">i4".parse().unwrap();
    let a =
        NdArray::from_raw_parts(Storage::from_vec(vec![0u8, 0, 1, 2, 0, 0, 0, 7]), be.clone(), &[2], &[4], 0).unwrap();
    let c = a.copy(Order::C).unwrap();
    assert_eq!(c.dtype(), &be);
    assert_eq!(c.to_bytes(Order::C).unwrap(), vec![0, 0, 1, 2, 0, 0, 0, 7]);
    assert_eq!(a.to_vec::<i32>().unwrap(), vec![258, 7]);
    let n = a.astype(&DType::INT32, Casting::Equiv).unwrap();
    assert_eq!(n.to_bytes(Order::C).unwrap(), vec![2, 1, 0, 0, 7, 0, 0, 0]);
    assert!(a.astype(&DType::INT32, Casting::No).is_err());
}

#[test]
fn assign_broadcasts_strips_leading_ones_and_checks() {
    let a = NdArray::zeros(&[2, 3], DType::INT16, Order::F).unwrap();
    let src = NdArray::from_vec(vec![1.9f64, -2.5, 7.0], &[1, 1, 3], Order::C).unwrap();
    a.assign(&src).unwrap();
    assert_eq!(a.to_vec::<i16>().unwrap(), vec![1, -2, 7, 1, -2, 7]);
    // np: a[...] = np.zeros((2, 1)) broadcasts; np.zeros(3)[...] = np.zeros(2) fails with this text.
    let col = NdArray::from_vec(vec![5i8, 6], &[2, 1], Order::C).unwrap();
    a.assign(&col).unwrap();
    assert_eq!(a.to_vec::<i16>().unwrap(), vec![5, 5, 5, 6, 6, 6]);
    let z = NdArray::zeros(&[3], DType::FLOAT64, Order::C).unwrap();
    let e = z.assign(&NdArray::zeros(&[2], DType::FLOAT64, Order::C).unwrap()).unwrap_err();
    assert_eq!(e.to_string(), "could not broadcast input array from shape (2,) into shape (3,)");
    let mut ro = NdArray::zeros(&[3], DType::FLOAT64, Order::C).unwrap();
    ro.set_writeable(false).unwrap();
    assert_eq!(ro.assign(&z), Err(Error::NotWriteable));
    assert_eq!(ro.fill(1.0), Err(Error::NotWriteable));
    assert_eq!(ro.set(&[0], 1.0), Err(Error::NotWriteable));
}

#[test]
fn assign_overlapping_views_of_one_storage() {
    // a = np.arange(10); a[1:] = a[:-1]  -> [0, 0, 1, 2, ..., 8]
    let s = Storage::from_vec((0..10i64).collect::<Vec<_>>());
    let dst = NdArray::from_raw_parts(s.clone(), DType::INT64, &[9], &[8], 8).unwrap();
    let src = NdArray::from_raw_parts(s.clone(), DType::INT64, &[9], &[8], 0).unwrap();
    dst.assign(&src).unwrap();
    let all = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[8], 0).unwrap();
    assert_eq!(all.to_vec::<i64>().unwrap(), vec![0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // a = np.arange(10); a[:] = a[::-1] -> reversed
    let s = Storage::from_vec((0..10i64).collect::<Vec<_>>());
    let all = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[8], 0).unwrap();
    let rev = NdArray::from_raw_parts(s.clone(), DType::INT64, &[10], &[-8], 72).unwrap();
    all.assign(&rev).unwrap();
    assert_eq!(all.to_vec::<i64>().unwrap(), (0..10).rev().collect::<Vec<i64>>());
    // Same storage, disjoint halves: a[5:] = a[:5] and a[:5] = a[5:] * (cast to int32 storage view)
    let s = Storage::from_vec((0..10i64).collect::<Vec<_>>());
    let lo = NdArray::from_raw_parts(s.clone(), DType::INT64, &[5], &[8], 0).unwrap();
    let hi = NdArray::from_raw_parts(s.clone(), DType::INT64, &[5], &[8], 40).unwrap();
    hi.assign(&lo).unwrap();
    assert_eq!(hi.to_vec::<i64>().unwrap(), vec![0, 1, 2, 3, 4]);
    let s = Storage::from_vec((0..10i64).collect::<Vec<_>>());
    let lo = NdArray::from_raw_parts(s.clone(), DType::INT64, &[5], &[8], 0).unwrap();
    let hi = NdArray::from_raw_parts(s.clone(), DType::INT64, &[5], &[8], 40).unwrap();
    lo.assign(&hi).unwrap();
    assert_eq!(lo.to_vec::<i64>().unwrap(), vec![5, 6, 7, 8, 9]);
}

#[test]
fn ascontiguous_and_asfortran() {
    let a = NdArray::from_scalar(Scalar::I32(5)).unwrap();
    // np.ascontiguousarray(np.array(5)).shape == (1,)
    let c = a.ascontiguousarray().unwrap();
    assert_eq!(c.shape(), &[1]);
    assert_eq!(c.to_vec::<i32>().unwrap(), vec![5]);
    assert_eq!(a.asfortranarray().unwrap().shape(), &[1]);
    let b = i64_view(6, &[2, 3], &[1, 2], 0);
    let c = b.ascontiguousarray().unwrap();
    assert_eq!(c.strides(), &[24, 8]);
    assert_eq!(c.to_vec::<i64>().unwrap(), vec![0, 2, 4, 1, 3, 5]);
    assert!(b.asfortranarray().unwrap().same_storage(&b));
}

#[test]
fn to_bytes_orders_get_set_fill() {
    let b = i64_view(6, &[2, 3], &[3, 1], 0);
    let f: Vec<u8> = [0i64, 3, 1, 4, 2, 5].iter().flat_map(|x| x.to_ne_bytes()).collect();
    assert_eq!(b.to_bytes(Order::F).unwrap(), f);
    // NumPy: a.T.tobytes('K') == a.T.tobytes('C') and a.T.tobytes('A') == a.T.tobytes('F').
    let t = i64_view(6, &[3, 2], &[1, 3], 0);
    assert_eq!(t.to_bytes(Order::K).unwrap(), t.to_bytes(Order::C).unwrap());
    assert_eq!(t.to_bytes(Order::A).unwrap(), t.to_bytes(Order::F).unwrap());
    assert_ne!(t.to_bytes(Order::C).unwrap(), t.to_bytes(Order::F).unwrap());
    assert_eq!(b.get(&[-1, -1]).unwrap(), Scalar::I64(5));
    assert_eq!(b.get(&[0, 3]).unwrap_err().to_string(), "index 3 is out of bounds for axis 1 with size 3");
    b.set(&[1, -3], 2.9f64).unwrap();
    assert_eq!(b.get(&[1, 0]).unwrap(), Scalar::I64(2));
    // Fill a strided, reversed view: only its elements change.
    let s = Storage::from_vec(vec![0u16; 8]);
    let v = NdArray::from_raw_parts(s.clone(), DType::UINT16, &[4], &[-4], 12).unwrap();
    // NumPy 2: `a.fill(-1)` on uint16 raises "Python integer -1 out of bounds for uint16".
    assert_eq!(v.fill(-1i64).unwrap_err().to_string(), "Python integer -1 out of bounds for uint16");
    v.fill(65535i64).unwrap();
    let all = NdArray::from_raw_parts(s, DType::UINT16, &[8], &[2], 0).unwrap();
    assert_eq!(all.to_vec::<u16>().unwrap(), vec![65535, 0, 65535, 0, 65535, 0, 65535, 0]);
    assert_eq!(all.to_scalars()[0], Scalar::U16(65535));
    assert!(all.to_vec::<i16>().is_err());
}

#[test]
fn astype_with_copy_false() {
    let a = NdArray::zeros(&[2, 3], DType::FLOAT64, Order::F).unwrap();
    let same = a.astype_with(&DType::FLOAT64, Order::A, Casting::No, false).unwrap();
    assert!(same.same_storage(&a));
    let c = a.astype_with(&DType::FLOAT64, Order::C, Casting::No, false).unwrap();
    assert!(!c.same_storage(&a));
    assert_eq!(c.strides(), &[24, 8]);
    // np: a.astype('f4').strides on an F-ordered (2,3) array == (4, 8)
    assert_eq!(a.astype(&DType::FLOAT32, Casting::SameKind).unwrap().strides(), &[4, 8]);
    assert!(a.astype(&DType::new(NumType::Int64), Casting::SameKind).is_err());
}

#[test]
fn empty_and_zero_d() {
    let e = NdArray::zeros(&[0, 3], DType::FLOAT64, Order::C).unwrap();
    assert_eq!(e.copy(Order::K).unwrap().shape(), &[0, 3]);
    assert_eq!(e.flatten(Order::C).unwrap().shape(), &[0]);
    assert!(e.to_bytes(Order::F).unwrap().is_empty());
    let z = NdArray::from_scalar(Scalar::F32(2.5)).unwrap();
    assert_eq!(z.flatten(Order::K).unwrap().to_vec::<f32>().unwrap(), vec![2.5]);
    assert_eq!(z.astype(&DType::INT8, Casting::Unsafe).unwrap().get(&[]).unwrap(), Scalar::I8(2));
}

#[test]
fn contiguous_float_to_uint32_runs_match_numpy_blocks() {
    // NumPy's contiguous float -> uint32 loop converts full blocks of 4 elements with a vector
    // sequence and the tail with the scalar one; they differ for NaN / out-of-range values.
    for line in include_str!("data/contiguous_u32.txt").lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let (a, b): (DType, DType) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let src = unhex(f[2]);
        let n = src.len() / a.itemsize();
        let arr =
            NdArray::from_raw_parts(Storage::from_vec(src), a.clone(), &[n], &[a.itemsize() as isize], 0).unwrap();
        let out = arr.astype(&b, Casting::Unsafe).unwrap();
        assert_eq!(hex(&out.to_bytes(Order::C).unwrap()), f[3], "{line}");
    }
}

#[test]
fn float_to_uint32_block_rule_with_byte_swaps_and_strides() {
    // Measured with NumPy (x = NaN, 7 elements, 'V' = 2147483648 from the blocked loop, 's' = 0):
    //   o = np.zeros(14, D); o[::2] = S  ->  pattern of o[::2]
    // S = np.full(7, nan, '>f8'),  D = 'u4'  -> sssssss
    // S = np.full(7, nan, '<f8'),  D = 'u4'  -> sssssss
    // S = np.full(7, nan, '<f8'),  D = '>u4' -> VVVVsss
    // S = np.full(14, nan, '<f8')[::2], D = '>u4' -> sssssss
    // S = np.full(14, nan, '>f8')[::2], D = '>u4' -> VVVVsss
    let cases = [
        (">f8", 1, "<u4", "sssssss"),
        ("<f8", 1, "<u4", "sssssss"),
        ("<f8", 1, ">u4", "VVVVsss"),
        ("<f8", 2, ">u4", "sssssss"),
        (">f8", 2, ">u4", "VVVVsss"),
    ];
    for (s, step, d, want) in cases {
        let sd: DType = s.parse().unwrap();
        let dd: DType = d.parse().unwrap();
        let src = NdArray::full(&[7 * step], f64::NAN, sd.clone(), Order::C).unwrap();
        let src = NdArray::from_raw_parts(src.storage().clone(), sd, &[7], &[8 * step as isize], 0).unwrap();
        let out = NdArray::zeros(&[14], dd.clone(), Order::C).unwrap();
        let view = NdArray::from_raw_parts(out.storage().clone(), dd, &[7], &[8], 0).unwrap();
        view.assign(&src).unwrap();
        let got: String = view
            .to_scalars()
            .iter()
            .map(|v| match v {
                Scalar::U32(2147483648) => 'V',
                Scalar::U32(0) => 's',
                _ => '?',
            })
            .collect();
        assert_eq!(got, want, "{s} step {step} -> {d}");
    }
}

/// A tiny deterministic generator for layout fuzzing.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A random strided int64 layout over a fresh storage of 64 elements, or `None` if out of bounds.
fn random_view(r: &mut Lcg, shape: &[usize]) -> Option<NdArray> {
    let strides: Vec<isize> = shape.iter().map(|_| (r.next(9) as isize - 4) * 8).collect();
    let offset = r.next(64) as usize * 8;
    let s = Storage::from_vec((0..64i64).map(|x| x * 10 + 1).collect::<Vec<_>>());
    NdArray::from_raw_parts(s, DType::INT64, shape, &strides, offset).ok()
}

fn c_indices(shape: &[usize]) -> Vec<Vec<isize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out.into_iter().flat_map(|p| (0..n as isize).map(move |i| [p.clone(), vec![i]].concat())).collect();
    }
    out
}

#[test]
fn random_layouts_copy_and_assign_like_a_naive_walk() {
    let mut r = Lcg(7);
    let mut checked = 0;
    while checked < 300 {
        let nd = r.next(4) as usize;
        let shape: Vec<usize> = (0..nd).map(|_| 1 + r.next(3) as usize).collect();
        let Some(a) = random_view(&mut r, &shape) else { continue };
        let idx = c_indices(&shape);
        let want: Vec<Scalar> = idx.iter().map(|i| a.get(i).unwrap()).collect();
        for o in [Order::C, Order::F, Order::A, Order::K] {
            let c = a.copy(o).unwrap();
            let got: Vec<Scalar> = idx.iter().map(|i| c.get(i).unwrap()).collect();
            assert_eq!(got, want, "copy {o:?} shape {shape:?} strides {:?}", a.strides());
        }
        assert_eq!(a.flatten(Order::C).unwrap().to_scalars(), want);
        assert_eq!(a.to_scalars(), want);
        // F reading order is the C order of the reversed index.
        let mut f_idx = c_indices(&shape.iter().rev().copied().collect::<Vec<_>>());
        f_idx.iter_mut().for_each(|i| i.reverse());
        let want_f: Vec<Scalar> = f_idx.iter().map(|i| a.get(i).unwrap()).collect();
        assert_eq!(a.flatten(Order::F).unwrap().to_scalars(), want_f);
        // Assign into another random layout (its own storage) with a cast to float32.
        if let Some(d) = random_view(&mut r, &shape) {
            let d = d.astype(&DType::FLOAT32, Casting::Unsafe).unwrap();
            d.assign(&a).unwrap();
            let got: Vec<Scalar> = idx.iter().map(|i| d.get(i).unwrap().cast(NumType::Int64)).collect();
            assert_eq!(got, want);
        }
        // Assign within one storage (possibly overlapping): the result equals assigning a copy.
        if let Some(d) = random_view(&mut r, &shape) {
            // A layout that overwrites any element twice cannot be compared element-wise.
            let mut offs: Vec<usize> = vec![];
            for i in &idx {
                let mut o = d.offset() as isize;
                for (k, &j) in i.iter().enumerate() {
                    o += j * d.strides()[k];
                }
                offs.push(o as usize);
            }
            let mut uniq = offs.clone();
            uniq.sort();
            uniq.dedup();
            if uniq.len() == offs.len() {
                let src =
                    NdArray::from_raw_parts(d.storage().clone(), DType::INT64, a.shape(), a.strides(), a.offset())
                        .unwrap();
                let expect: Vec<Scalar> = idx.iter().map(|i| src.get(i).unwrap()).collect();
                d.assign(&src).unwrap();
                let got: Vec<Scalar> = idx.iter().map(|i| d.get(i).unwrap()).collect();
                assert_eq!(got, expect, "self-assign shape {shape:?} dst {:?} src {:?}", d.strides(), a.strides());
            }
        }
        checked += 1;
    }
}

#[test]
fn flatten_k_reference_examples() {
    // NumPy: np.arange(4)[::-1].reshape(2,2).ravel('K') -> [3 2 1 0] (strides (-16, -8))
    let a = i64_view(4, &[2, 2], &[-2, -1], 3);
    assert_eq!(a.flatten(Order::K).unwrap().to_vec::<i64>().unwrap(), vec![3, 2, 1, 0]);
    // NumPy: np.array([[0,1],[2,3]])[::-1].ravel('K') -> [2 3 0 1]
    let b = i64_view(4, &[2, 2], &[-2, 1], 2);
    assert_eq!(b.flatten(Order::K).unwrap().to_vec::<i64>().unwrap(), vec![2, 3, 0, 1]);
    // NumPy: np.arange(6).reshape(2,3).T[::-1] (strides (-8, 24)) .ravel('K') -> [2 1 0 5 4 3]
    let c = i64_view(6, &[3, 2], &[-1, 3], 2);
    assert_eq!(c.flatten(Order::K).unwrap().to_vec::<i64>().unwrap(), vec![2, 1, 0, 5, 4, 3]);
    // NumPy: np.ones((3,2)).T[::-1].copy('K').strides == (8, 16); np.ones((3,4)).T[::-1] -> (8, 32)
    assert_eq!(i64_view(6, &[2, 3], &[-1, 2], 1).copy(Order::K).unwrap().strides(), &[8, 16]);
    assert_eq!(i64_view(12, &[4, 3], &[-1, 4], 3).copy(Order::K).unwrap().strides(), &[8, 32]);
    // NumPy: np.ones((2,3,4)).transpose(1,2,0).copy('K').strides == (32, 8, 96)
    assert_eq!(i64_view(24, &[3, 4, 2], &[4, 1, 12], 0).copy(Order::K).unwrap().strides(), &[32, 8, 96]);
}

#[test]
fn bool_bytes_other_than_one() {
    // NumPy: b = np.array([2, 0, 255], 'u1').view('?'); b.astype('i1') -> [1 0 1];
    // b.copy().view('u1') and b.astype('?').view('u1') keep [2 0 255].
    let b = NdArray::from_raw_parts(Storage::from_vec(vec![2u8, 0, 255]), DType::BOOL, &[3], &[1], 0).unwrap();
    assert_eq!(b.astype(&DType::INT8, Casting::Unsafe).unwrap().to_vec::<i8>().unwrap(), vec![1, 0, 1]);
    assert_eq!(
        b.astype(&DType::FLOAT16, Casting::Unsafe).unwrap().to_bytes(Order::C).unwrap(),
        vec![0, 60, 0, 0, 0, 60]
    );
    assert_eq!(b.copy(Order::C).unwrap().to_bytes(Order::C).unwrap(), vec![2, 0, 255]);
    assert_eq!(b.astype(&DType::BOOL, Casting::No).unwrap().to_bytes(Order::C).unwrap(), vec![2, 0, 255]);
    assert_eq!(b.to_vec::<bool>().unwrap(), vec![true, false, true]);
}

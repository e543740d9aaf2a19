"""Conformance cases for sorting, searching, unique, matmul and dot (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). `g` is the
generator (`g.case`, `g.base`, `g.rand_input`, `g.rng`, `g.DTYPES`, `g.run_chain`).

Operations (each applies to the current array `a`; other operands name an input by index):

| op | arguments | NumPy |
|---|---|---|
| `sort` | `axis` (int or null), `kind` | `np.sort(a, axis, kind)` |
| `sort_inplace` | `axis`, `kind` | `a.sort(axis, kind)` (the result is `a`) |
| `argsort` | `axis` (int or null), `kind` | `np.argsort(a, axis, kind)` |
| `unique` | `return_index`, `return_inverse`, `return_counts`, `equal_nan` | `np.unique(a, ...)` |
| `searchsorted` | `v` (input), `side`, `sorter` (input or null) | `a.searchsorted(v, side, sorter)` |
| `matmul`, `dot` | `other` (input) | `np.matmul(a, other)`, `np.dot(a, other)` |

Which results NumPy fixes, and so which cases are made:
- Sorted values do not depend on the kind, except where equal values differ in their bits:
  -0.0 and 0.0 compare equal, so data with both signs of zero is sorted with the stable kinds
  only (and unique's values, which come from a quicksort, see no mixed zeros unless
  `return_index` makes NumPy sort stably).
- argsort with an unstable kind is checked on tie-free data only.
- Float and complex products may differ from NumPy's BLAS in the last bits (another summation
  order, fused multiply-adds), so those cases carry `ulp` (see ULP below); their data is chosen
  so that no sum cancels (positive values, or small integers that every order sums exactly).
"""
import os
import warnings

import numpy as np

KINDS = ["quicksort", "stable", "mergesort", "heapsort"]
STABLE = ["stable", "mergesort"]

# Float and complex products: sums of positive terms (or of small integers, summed exactly), so
# a different summation order or a fused multiply-add moves a result by a few units in the last
# place of its own magnitude; complex values keep their imaginary parts small so that `ac - bd`
# does not cancel. Measured over seeds 5 (scale 3), 7 and 11 (scale 2): at most 2 ulp for the
# small products (k <= 5) and 6 ulp for the float32 and complex64 products with k = 20 and 33.
# float16 results come from a float32 sum rounded once, as in NumPy.
ULP = 8


def apply(op, a, arrays):
    o = op["op"]
    if o == "sort":
        return np.sort(a, axis=op["axis"], kind=op["kind"])
    if o == "sort_inplace":
        a.sort(axis=op["axis"], kind=op["kind"])
        return a
    if o == "argsort":
        return np.argsort(a, axis=op["axis"], kind=op["kind"])
    if o == "unique":
        return np.unique(a, return_index=op["return_index"], return_inverse=op["return_inverse"],
                         return_counts=op["return_counts"], equal_nan=op["equal_nan"])
    if o == "searchsorted":
        sorter = None if op.get("sorter") is None else arrays[op["sorter"]]
        return a.searchsorted(arrays[op["v"]], side=op["side"], sorter=sorter)
    if o == "matmul":
        return np.matmul(a, arrays[op["other"]])
    if o == "dot":
        return np.dot(a, arrays[op["other"]])
    return NotImplemented


# ---------- inputs ----------
def add_base(g, name, arr):
    """Registers a named input file (shared between cases)."""
    if name not in g.inputs:
        g.inputs[name] = arr
        np.save(os.path.join(g.out, "inputs", name + ".npy"), arr)
    return name


def tag(dtype):
    return dtype.str.replace("<", "le").replace(">", "be").replace("|", "")


def no_signed_zeros(v):
    """The values with every -0.0 made 0.0 (also in complex parts)."""
    if v.dtype.kind in "fc":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return (v + v.dtype.type(0)).astype(v.dtype)
    return v


def tie_free(g, dtype, n):
    """n distinct values of `dtype` in random order (for bool at most 2), with an infinity and a
    NaN among the floats."""
    r = g.rng
    k = dtype.kind
    if k == "b":
        v = np.array([False, True][: min(n, 2)])
    elif k in "iu":
        info = np.iinfo(dtype)
        span = min(int(info.max) - int(info.min) + 1, 1 << 20)
        lo = int(info.min) if k == "i" else 0
        v = (np.array(r.choice(span, size=min(n, span), replace=False), dtype=np.int64) + lo)
        if k == "u" and dtype.itemsize == 8:
            v = v.astype(np.uint64) + np.uint64(r.integers(0, 2)) * np.uint64(1 << 63)
        v = v.astype(dtype)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            base = r.permutation(4 * n + 8)[:n].astype(np.float64) - 2 * n
            frac = np.round(r.random(n), 2)
            vals = base + frac
            if n >= 3:
                vals[0], vals[1], vals[2] = np.nan, np.inf, -np.inf
            if k == "c":
                im = r.permutation(n).astype(np.float64) - n / 2
                vals = vals + 1j * im
            v = no_signed_zeros(r.permutation(vals).astype(dtype))
    return v


def layout_over(g, name, shape, allow_zero=True, allow_unaligned=True):
    """A random view (strides, offset) of the named 1-d base with `shape`."""
    r = g.rng
    base = g.inputs[name]
    isz = base.dtype.itemsize
    for _ in range(100):
        choices = [1, 1, 2, 3, -1, -2, 5] + ([0] if allow_zero else [])
        strides = [int(r.choice(choices)) * isz for _ in shape]
        if r.random() < 0.35 and shape:
            perm = r.permutation(len(shape))
            st = isz
            strides = [0] * len(shape)
            for ax in perm[::-1]:
                strides[ax] = st * (-1 if r.random() < 0.25 else 1)
                st *= max(shape[ax], 1)
        low = sum(min(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0)
        high = sum(max(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0) + isz
        if high - low <= base.nbytes:
            offset = -low + int(r.integers(0, (base.nbytes - (high - low)) // isz + 1)) * isz
            inp = {"npy": name, "offset": offset, "shape": list(shape), "strides": strides}
            if allow_unaligned and r.random() < 0.1 and isz > 1 and offset + high + 1 <= base.nbytes:
                inp["offset"] += 1
            return inp
    return None


def values_base(g, dtype, kind, n=360):
    """A named 1-d base: `raw` (the generator's values, with NaN, inf, both zeros, duplicates),
    `clean` (the same without -0.0), `distinct` (tie-free)."""
    name = f"sort_{kind}_{tag(dtype)}_{n}"
    if name in g.inputs:
        return name
    if kind == "distinct":
        v = tie_free(g, dtype, n)
    else:
        v = g.values(dtype, n)
        if kind == "clean":
            v = no_signed_zeros(v)
    return add_base(g, name, v)


def input_of(g, dtype, kind, shape, **kw):
    """Either a whole file array of `shape` (C or F) or a view into a 360-element base."""
    r = g.rng
    n = int(np.prod(shape))
    if r.random() < 0.25:
        order = "F" if r.random() < 0.4 else "C"
        src = g.inputs[values_base(g, dtype, kind, max(n, 1))][:n]
        name = f"sort_{kind}_{tag(dtype)}_{order}_{'x'.join(map(str, shape)) or 's'}"
        return {"npy": add_base(g, name, np.asarray(src.reshape(shape), order=order))}
    base = values_base(g, dtype, kind, 360 if kind != "distinct" else max(n, 1))
    inp = layout_over(g, base, shape, **kw)
    if inp is None:
        return {"npy": add_base(g, f"{base}_C_{'x'.join(map(str, shape))}", g.inputs[base][:n].reshape(shape).copy())}
    return inp


def tie_free_input(g, dtype, shape):
    """A view whose elements are distinct (a permuted dense layout over a tie-free base)."""
    r = g.rng
    n = int(np.prod(shape))
    name = add_base(g, f"sort_distinct_{tag(dtype)}_{n}_{len(g.inputs)}", tie_free(g, dtype, n))
    isz = np.dtype(dtype).itemsize
    perm = r.permutation(len(shape))
    st = isz
    strides = [0] * len(shape)
    for ax in perm[::-1]:
        strides[ax] = st * (-1 if r.random() < 0.3 else 1)
        st *= max(shape[ax], 1)
    low = sum(min(0, s * (k - 1)) for s, k in zip(strides, shape) if k > 0) if n else 0
    return {"npy": name, "offset": -low, "shape": list(shape), "strides": strides}


def overlaps_itself(g, inp):
    """Whether two elements of the view share an address (in-place sorts of such views depend on
    the order lanes are visited)."""
    if "shape" not in inp:
        return False
    a = g.arr_of(inp)
    if a.size == 0:
        return False
    idx = np.indices(a.shape).reshape(a.ndim, -1)
    addr = inp["offset"] + (np.array(inp["strides"])[:, None] * idx).sum(axis=0) if a.ndim else np.array([0])
    return len(np.unique(addr)) != a.size


def rand_axis(g, nd, allow_none=True):
    r = g.rng
    if allow_none and (nd == 0 or r.random() < 0.2):
        return None
    if nd == 0:
        return -1
    ax = int(r.integers(-nd, nd))
    return ax


# ---------- sort, argsort, in-place sort ----------
def gen_sort(g, n):
    r = g.rng
    dts = g.DTYPES
    for i in range(n):
        dt = dts[i % len(dts)]
        shape = g.rand_shape(4, 30)
        kind = KINDS[int(r.integers(len(KINDS)))]
        # Mixed signed zeros are fixed only by a stable sort.
        data = "raw" if kind in STABLE else "clean"
        inp = input_of(g, dt, data, shape)
        if dt.kind in "fc" and inp.get("offset", 0) % dt.itemsize:
            # Shifted bytes of floats make arbitrary NaN payloads, which NumPy's sorts do not
            # keep consistently: float sorts are checked on aligned views.
            inp = dict(inp, offset=inp["offset"] - inp["offset"] % dt.itemsize)
        ax = rand_axis(g, len(shape))
        ops = [{"op": "sort", "axis": ax, "kind": kind}]
        g.case("sort", [inp], ops, g.run_chain(ops))
    for i in range(n // 2):
        dt = dts[i % len(dts)]
        shape = g.rand_shape(3, 36)
        if i % 2 == 0 or dt.kind == "b":
            kind = STABLE[i % 2]
            inp = input_of(g, dt, "raw", shape)
        else:
            kind = ["quicksort", "heapsort"][(i // 2) % 2]
            inp = tie_free_input(g, dt, shape)
        ops = [{"op": "argsort", "axis": rand_axis(g, len(shape)), "kind": kind}]
        g.case("sort", [inp], ops, g.run_chain(ops))
    made = 0
    while made < n // 3:
        dt = dts[int(r.integers(len(dts)))]
        shape = g.rand_shape(3, 36)
        if not shape:
            continue
        kind = KINDS[int(r.integers(len(KINDS)))]
        inp = input_of(g, dt, "raw" if kind in STABLE else "clean", shape, allow_zero=False)
        if overlaps_itself(g, inp):
            continue
        ops = [{"op": "sort_inplace", "axis": rand_axis(g, len(shape), allow_none=False), "kind": kind}]
        g.case("sort", [inp], ops, g.run_chain(ops))
        made += 1


def gen_sort_edges(g):
    r = g.rng
    f8 = np.dtype("<f8")
    base = values_base(g, f8, "raw")
    nan_mix = add_base(g, "sort_nanmix_f8", np.array([np.nan, -0.0, 1.0, -np.inf, 0.0, np.nan, np.inf, -1.0, 0.0, -0.0]))
    cnan = np.array([complex(np.nan, 1), complex(1, np.nan), complex(np.nan, np.nan), complex(2, 1), complex(2, -1),
                     complex(-np.inf, 0), complex(np.nan, -3), complex(0, np.nan), complex(1, 1), complex(np.inf, np.nan)])
    for d in ["<c16", ">c8"]:
        name = add_base(g, f"sort_cnan_{tag(np.dtype(d))}", cnan.astype(d))
        for kind in KINDS:
            g.case("sort", [{"npy": name}], [{"op": "sort", "axis": -1, "kind": kind}],
                   g.run_chain([{"op": "sort", "axis": -1, "kind": kind}]))
        for kind in STABLE:
            ops = [{"op": "argsort", "axis": 0, "kind": kind}]
            g.case("sort", [{"npy": name}], ops, g.run_chain(ops))
    for d in ["<f2", ">f4", "<f8"]:
        name = add_base(g, f"sort_nanmix_{tag(np.dtype(d))}", g.inputs[nan_mix].astype(d))
        for kind in STABLE:
            for op in ["sort", "argsort"]:
                ops = [{"op": op, "axis": None, "kind": kind}]
                g.case("sort", [{"npy": name}], ops, g.run_chain(ops))
    # A broadcast input (read-only, zero strides): np.sort copies it; in place is refused.
    bc = {"npy": base, "offset": 80, "shape": [3, 4], "strides": [0, 8]}
    for ops in ([{"op": "sort", "axis": 0, "kind": "stable"}], [{"op": "argsort", "axis": 1, "kind": "stable"}],
                [{"op": "broadcast_to", "shape": [2, 5]}, {"op": "sort_inplace", "axis": -1, "kind": "quicksort"}]):
        g.case("sort", [bc], ops, g.run_chain(ops))
    scalar = add_base(g, "sort_scalar_f8", np.array(2.5))
    for ops in ([{"op": "sort", "axis": None, "kind": "quicksort"}], [{"op": "sort", "axis": -1, "kind": "quicksort"}],
                [{"op": "sort", "axis": 0, "kind": "stable"}], [{"op": "argsort", "axis": -1, "kind": "quicksort"}],
                [{"op": "argsort", "axis": 0, "kind": "stable"}], [{"op": "argsort", "axis": 1, "kind": "stable"}],
                [{"op": "argsort", "axis": None, "kind": "stable"}]):
        g.case("sort", [{"npy": scalar}], ops, g.run_chain(ops))
    two = {"npy": values_base(g, f8, "clean"), "offset": 0, "shape": [3, 4], "strides": [32, 8]}
    for ax in [2, -3, 5]:
        for op in ["sort", "argsort"]:
            ops = [{"op": op, "axis": ax, "kind": "stable"}]
            g.case("sort", [two], ops, g.run_chain(ops))
    for kind in ["q", "H", "Stable", "m"]:
        ops = [{"op": "sort", "axis": 1, "kind": kind}]
        g.case("sort", [two], ops, g.run_chain(ops))
    # Bigger lanes (every algorithm's long-run path), tie-free for the unstable argsorts.
    for dt in ["<i4", ">f8", "<u2", "<f4"]:
        d = np.dtype(dt)
        name = add_base(g, f"sort_long_{tag(d)}", tie_free(g, d, 120))
        for kind in KINDS:
            for op in ["sort", "argsort"]:
                ops = [{"op": op, "axis": -1, "kind": kind}]
                g.case("sort", [{"npy": name}], ops, g.run_chain(ops))
    del r


# ---------- unique ----------
def gen_unique(g, n):
    r = g.rng
    dts = g.DTYPES
    for i in range(n):
        dt = dts[i % len(dts)]
        flags = [bool(x) for x in r.integers(0, 2, 3)]
        equal_nan = bool(r.random() < 0.8)
        # Without return_index NumPy picks among equal values (-0.0 and 0.0) by a quicksort or,
        # for the values alone, by a hash table: no mixed signed zeros there.
        data = "raw" if flags[0] else "clean"
        shape = g.rand_shape(3, 40)
        if r.random() < 0.5 and dt.kind in "iu":
            # Few distinct values, many repeats.
            name = add_base(g, f"sort_rep_{tag(dt)}", (r.integers(0, 6, 360)).astype(dt))
            inp = layout_over(g, name, shape) or {"npy": name}
        else:
            inp = input_of(g, dt, data, shape)
        ops = [{"op": "unique", "return_index": flags[0], "return_inverse": flags[1], "return_counts": flags[2],
                "equal_nan": equal_nan}]
        g.case("unique", [inp], ops, g.run_chain(ops))
    nan_rep = np.array([np.nan, 1.0, np.nan, 2.0, 1.0, np.inf, np.nan, -np.inf])
    cn = np.array([complex(np.nan, 1), complex(1, np.nan), complex(1, 2), complex(np.nan, np.nan), complex(1, 2), complex(0, np.nan)])
    for arr, nm in [(nan_rep, "f8"), (nan_rep.astype(">f2"), "bef2"), (cn, "c16"), (cn.astype(">c8"), "bec8"),
                    (cn.astype("<c8"), "lec8"), (cn[::-1].astype(">c16"), "bec16")]:
        name = add_base(g, f"sort_unan_{nm}", arr)
        for eq in [True, False]:
            for flags in [(False, False, False), (True, True, True), (False, False, True), (False, True, False)]:
                ops = [{"op": "unique", "return_index": flags[0], "return_inverse": flags[1], "return_counts": flags[2],
                        "equal_nan": eq}]
                g.case("unique", [{"npy": name}], ops, g.run_chain(ops))
    # Mixed signed zeros: fixed only when NumPy sorts stably (return_index).
    zeros = np.array([-0.0, 0.0, np.nan, np.nan, 1.0, 0.0, -1.0])
    zc = np.array([complex(-0.0, 0), complex(0, 0), complex(0, -0.0), complex(np.nan, 1), complex(np.nan, 1),
                   complex(1, np.nan), complex(np.nan, 1), complex(np.nan, -2)])
    for arr, nm in [(zeros, "lef8"), (zeros.astype(">f2"), "bef2"), (zeros.astype(">f4"), "bef4"), (zc, "lec16"),
                    (zc.astype("<c8"), "lec8")]:
        name = add_base(g, f"sort_uzeros_{nm}", arr)
        for eq in [True, False]:
            for flags in [(True, False, False), (True, True, True)]:
                ops = [{"op": "unique", "return_index": flags[0], "return_inverse": flags[1], "return_counts": flags[2],
                        "equal_nan": eq}]
                g.case("unique", [{"npy": name}], ops, g.run_chain(ops))
    for arr, nm in [(np.array(3.5), "scalar"), (np.zeros((2, 0), dtype=">i2"), "empty")]:
        name = add_base(g, f"sort_u{nm}", arr)
        for flags in [(False, False, False), (True, True, True), (False, True, False)]:
            ops = [{"op": "unique", "return_index": flags[0], "return_inverse": flags[1], "return_counts": flags[2],
                    "equal_nan": True}]
            g.case("unique", [{"npy": name}], ops, g.run_chain(ops))


# ---------- searchsorted ----------
def sorted_base(g, dtype, n):
    name = f"sort_sorted_{tag(dtype)}_{n}"
    if name not in g.inputs:
        v = np.sort(no_signed_zeros(g.values(dtype, n)), kind="stable")
        add_base(g, name, v)
    return name


def gen_search(g, n):
    r = g.rng
    dts = g.DTYPES
    for i in range(n):
        dt = dts[i % len(dts)]
        m = int(r.integers(0, 30))
        name = sorted_base(g, dt, 60)
        isz = dt.itemsize
        step = int(r.choice([1, 1, 2]))
        hay = {"npy": name, "offset": int(r.integers(0, 60 - max(m - 1, 0) * step)) * isz, "shape": [m],
               "strides": [step * isz]}
        if m == 0:
            hay["offset"] = 0
        # Needles: mostly the same kind of data, sometimes another dtype (promotion).
        vdt = dt if r.random() < 0.6 else dts[int(r.integers(len(dts)))]
        vin = input_of(g, vdt, "clean", g.rand_shape(3, 24))
        side = "left" if r.random() < 0.5 else "right"
        inputs = [hay, vin]
        op = {"op": "searchsorted", "v": 1, "side": side, "sorter": None}
        if r.random() < 0.3 and m > 0:
            # An unsorted haystack with the sorter that sorts it (stable, so ties are fixed).
            shuf = g.inputs[name][r.permutation(60)[:m]].copy()
            uname = add_base(g, f"sort_shuf_{tag(dt)}_{len(g.inputs)}", shuf)
            sorter = np.argsort(shuf, kind="stable").astype(["<i8", ">i4", "<i2", "|u1"][int(r.integers(4))])
            sname = add_base(g, f"sort_sorter_{len(g.inputs)}", sorter)
            inputs = [{"npy": uname}, vin, {"npy": sname}]
            op["sorter"] = 2
        g.case("searchsorted", inputs, [op], g.run_chain([op]))
    f8 = np.dtype("<f8")
    hay = add_base(g, "sort_hay_nan", np.array([-np.inf, -1.0, 0.0, 0.0, 2.0, np.inf, np.nan, np.nan]))
    needles = add_base(g, "sort_needles_nan", np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, 2.0, 5.0]))
    for side in ["left", "right"]:
        op = {"op": "searchsorted", "v": 1, "side": side, "sorter": None}
        g.case("searchsorted", [{"npy": hay}, {"npy": needles}], [op], g.run_chain([op]))
    # Unsorted haystacks: NumPy's probe order decides the answers.
    for k in range(6):
        uname = add_base(g, f"sort_unsorted_{k}", g.values(f8, 12))
        op = {"op": "searchsorted", "v": 1, "side": ["left", "right"][k % 2], "sorter": None}
        g.case("searchsorted", [{"npy": uname}, {"npy": needles}], [op], g.run_chain([op]))
    scalar = add_base(g, "sort_scalar_needle", np.array(0.5))
    g.case("searchsorted", [{"npy": hay}, {"npy": scalar}], [{"op": "searchsorted", "v": 1, "side": "left", "sorter": None}],
           g.run_chain([{"op": "searchsorted", "v": 1, "side": "left", "sorter": None}]))
    # Errors: haystack depth, sorter type, shape, size and range.
    two = add_base(g, "sort_hay_2d", np.arange(6.0).reshape(2, 3))
    zero = add_base(g, "sort_hay_0d", np.array(1.0))
    for h in [two, zero]:
        op = {"op": "searchsorted", "v": 1, "side": "left", "sorter": None}
        g.case("searchsorted", [{"npy": h}, {"npy": needles}], [op], g.run_chain([op]))
    sorters = [np.array([0, 1, 2, 3, 4, 5, 6, 7.0]), np.arange(8, dtype="u8"), np.arange(8).reshape(2, 4),
               np.arange(7), np.array([0, 1, 2, 3, 4, 5, 6, 9]), np.array([-1, 1, 2, 3, 4, 5, 6, 7]),
               np.array([7, 6, 5, 4, 3, 2, 1, 0]), np.ones(8, dtype="?"), np.arange(8, dtype="u4"),
               np.array([0, 1, 2, 3, 4, 5, 6, 100])]
    for k, s in enumerate(sorters):
        sname = add_base(g, f"sort_badsorter_{k}", s)
        for side in ["left", "right"]:
            op = {"op": "searchsorted", "v": 1, "side": side, "sorter": 2}
            g.case("searchsorted", [{"npy": hay}, {"npy": needles}, {"npy": sname}], [op], g.run_chain([op]))


# ---------- matmul and dot ----------
def product_values(g, dtype, n, style):
    """Values for products: `int` small integers (exact in every summation order), `pos`
    positive floats in [0.5, 2) (no cancellation), `special` with NaN and infinities,
    `raw` the generator's values (integers wrap in both)."""
    r = g.rng
    k = dtype.kind
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if k == "b" or style == "raw":
            return g.values(dtype, n)
        if k in "iu":
            # Beside floats, integers stay small and (but for "int") non-negative: no cancelling.
            return r.integers(-6 if style == "int" and k == "i" else 0, 7, n).astype(dtype)
        if style == "int":
            v = r.integers(-6, 7, n).astype(np.float64)
            if k == "c":
                v = v + 1j * r.integers(-6, 7, n)
            return v.astype(dtype)
        v = r.uniform(0.5, 2.0, n)
        if style == "special":
            v = np.where(r.random(n) < 0.08, np.nan, v)
            v = np.where(r.random(n) < 0.08, np.inf, v)
            v = np.where(r.random(n) < 0.05, -np.inf, v)
        if k == "c":
            v = v + 1j * r.uniform(0.0, 0.25, n)
        return v.astype(dtype)


def product_input(g, dtype, shape, style):
    r = g.rng
    n = int(np.prod(shape))
    name = f"sort_prod_{style}_{tag(dtype)}"
    if name not in g.inputs:
        add_base(g, name, product_values(g, dtype, 360, style))
    # A batched product can hold more than the base's 360 values: repeat them.
    vals = g.inputs[name] if n <= g.inputs[name].size else np.resize(g.inputs[name], n)
    if r.random() < 0.3:
        order = "F" if r.random() < 0.5 else "C"
        arr = np.asarray(vals[:n].reshape(shape), order=order)
        return {"npy": add_base(g, f"{name}_{order}_{'x'.join(map(str, shape)) or 's'}", arr)}
    # An unaligned view of floats reinterprets shifted bytes: arbitrary values that cancel, so
    # only integer products (exact) see unaligned views.
    inp = layout_over(g, name, shape, allow_unaligned=dtype.kind in "biu")
    return inp or {"npy": add_base(g, f"{name}_C_{'x'.join(map(str, shape))}", vals[:n].reshape(shape).copy())}


def matmul_shapes(g):
    r = g.rng
    m, k, n = (int(r.integers(0 if r.random() < 0.1 else 1, 6)) for _ in range(3))
    nb = int(r.choice([0, 0, 1, 2, 3]))
    batch = [int(r.integers(1, 4)) for _ in range(nb)]
    if nb and r.random() < 0.05:
        batch[0] = 0

    def side(core):
        if r.random() < 0.2:
            return core[-1:] if core is not None else None
        b = [x if r.random() < 0.7 else 1 for x in batch]
        b = b[int(r.integers(0, len(b) + 1)):] if b else b
        return b + core

    a = [m, k] if r.random() > 0.2 else [k]
    if len(a) == 2:
        a = side(a) if r.random() < 0.8 else a
    b = [k, n] if r.random() > 0.2 else [k]
    if len(b) == 2:
        b = side(b) if r.random() < 0.8 else b
    return a, b


def dot_shapes(g):
    r = g.rng
    k = int(r.integers(0 if r.random() < 0.1 else 1, 5))
    an = int(r.choice([0, 1, 1, 2, 2, 3]))
    bn = int(r.choice([0, 1, 1, 2, 2, 3]))
    a = [int(r.integers(1, 4)) for _ in range(max(an - 1, 0))] + ([k] if an else [])
    if bn == 0:
        b = []
    elif bn == 1:
        b = [k]
    else:
        b = [int(r.integers(1, 4)) for _ in range(bn - 2)] + [k, int(r.integers(1, 4))]
    return a, b


def float_like(dt):
    return dt.kind in "fc"


def gen_products(g, n):
    r = g.rng
    dts = g.DTYPES
    for i in range(n):
        op = "matmul" if i % 3 else "dot"
        a_shape, b_shape = matmul_shapes(g) if op == "matmul" else dot_shapes(g)
        da = dts[i % len(dts)]
        db = da if r.random() < 0.6 else dts[int(r.integers(len(dts)))]
        style = ["int", "pos", "pos", "special", "raw"][int(r.integers(5))]
        if not (float_like(da) or float_like(db)):
            style = "raw"
        if style == "raw" and (float_like(da) or float_like(db)):
            style = "int"
        # Infinities in complex products: NaN or infinity depends on how each library forms
        # the complex products (not fixed by IEEE arithmetic alone).
        if style == "special" and "c" in (da.kind, db.kind):
            style = "pos"
        # A 0-d result is a NumPy scalar, compared exactly: only exact sums there.
        if len(a_shape) == len(b_shape) and len(a_shape) <= 1:
            style = "int" if style != "raw" else style
        inputs = [product_input(g, da, a_shape, style), product_input(g, db, b_shape, style)]
        ops = [{"op": op, "other": 1}]
        extra = {"ulp": ULP} if float_like(np.result_type(da, db)) else None
        g.case("linalg", inputs, ops, g.run_chain(ops), extra)


def gen_product_edges(g):
    f8, i8 = np.dtype("<f8"), np.dtype("<i8")
    cases = [
        ("matmul", [2, 3], [2, 2]), ("matmul", [3], [2]), ("matmul", [2, 3], [2]), ("matmul", [3], [2, 2]),
        ("matmul", [], [2]), ("matmul", [2], []), ("matmul", [2, 2, 3], [3, 3, 2]), ("matmul", [4, 1, 2, 3], [3, 1, 3, 2]),
        ("matmul", [2, 2, 3], [3, 3, 3, 2]), ("matmul", [3, 3, 3, 2, 3], [2, 3, 4]), ("matmul", [0, 2, 3], [2, 3, 4]),
        ("matmul", [2, 0, 3], [3, 3, 0]), ("matmul", [4, 2, 3], [5, 3, 7]), ("matmul", [4, 2, 3], [5, 2, 2]),
        ("matmul", [0, 3], [3, 0]), ("matmul", [3, 0], [0, 2]), ("matmul", [0], [0]), ("matmul", [2, 0], [0]),
        ("dot", [2, 3], [2, 2]), ("dot", [3], [2]), ("dot", [2, 3, 4], [2, 5, 3]), ("dot", [3], [2, 2]),
        ("dot", [2, 3], [4]), ("dot", [], []), ("dot", [], [2, 3]), ("dot", [2, 0], [0, 3]), ("dot", [0], [0]),
        ("dot", [2, 3, 4], [5, 4, 6]), ("dot", [0, 2], [2, 3]), ("dot", [2], [3, 2, 0]),
    ]
    for op, sa, sb in cases:
        for dt, style in [(f8, "int"), (i8, "raw")]:
            inputs = [product_input(g, dt, sa, style), product_input(g, dt, sb, style)]
            ops = [{"op": op, "other": 1}]
            g.case("linalg", inputs, ops, g.run_chain(ops), {"ulp": ULP} if dt.kind == "f" else None)
    # A product big enough for the blocked kernels (in place, transposed and reversed layouts).
    for dt, shape in [("<f4", (40, 33)), (">f8", (17, 40)), ("<c8", (12, 20))]:
        d = np.dtype(dt)
        name = add_base(g, f"sort_big_{tag(d)}", product_values(g, d, shape[0] * shape[1], "pos").reshape(shape))
        a = {"npy": name}
        bt = {"npy": name, "offset": (shape[0] - 1) * shape[1] * d.itemsize, "shape": [shape[1], shape[0]],
              "strides": [d.itemsize, -shape[1] * d.itemsize]}
        g.case("linalg", [a, bt], [{"op": "matmul", "other": 1}], g.run_chain([{"op": "matmul", "other": 1}]), {"ulp": ULP})
    # Bools: logical or of ands.
    bools = add_base(g, "sort_bools_3x4", np.array([[1, 0, 0, 1], [0, 0, 0, 0], [1, 1, 0, 0]], dtype=bool))
    boolt = add_base(g, "sort_bools_4x2", np.array([[0, 1], [0, 0], [1, 1], [0, 0]], dtype=bool))
    for op in ["matmul", "dot"]:
        g.case("linalg", [{"npy": bools}, {"npy": boolt}], [{"op": op, "other": 1}], g.run_chain([{"op": op, "other": 1}]))


def generate_late(g, scale):
    """Called by `gen_cases.py` after every family's `generate` (fixed inputs, no random draws)."""
    gen_dot_scalars(g)


def gen_dot_scalars(g):
    """`np.dot` with a scalar-like operand (0-d or one element, both at most 2-d), group
    `linalg_scalar`: for float and complex NumPy scales the other operand with BLAS `?axpy` into
    zeros, so a zero scalar gives zeros even against NaN and infinity and `-0` products become
    `+0`; one element against one element, and every other dtype, is a plain multiply."""
    special = [1.0, np.nan, -0.0, np.inf, 3.0, -2.0]
    for dt in ["<f8", "<f4", ">f8", "<c16", "<c8", "<f2", "<i8"]:
        d = np.dtype(dt)
        scalars = [0.0, -0.0, 2.0, np.nan] + ([] if d.kind == "c" else [np.inf])
        for si, sv in enumerate(scalars):
            if d.kind == "i" and not np.isfinite(sv):
                continue
            for ss in [[], [1], [1, 1]]:
                sname = add_base(g, f"dots_{tag(d)}_{si}_{len(ss)}", np.full(ss, sv, d))
                for so in [[], [1], [3], [1, 3], [3, 1], [2, 3], [1, 1]]:
                    vals = special if d.kind != "i" else [1, 5, -3, 0, 7, -2]
                    oname = add_base(g, f"doto_{tag(d)}_{'x'.join(map(str, so)) or 's'}",
                                     np.array(vals, d)[:int(np.prod(so))].reshape(so))
                    for first in (True, False):
                        inputs = [{"npy": sname}, {"npy": oname}] if first else [{"npy": oname}, {"npy": sname}]
                        try:
                            np.dot(*(np.ones(g.inputs[i["npy"]].shape) for i in inputs))
                        except ValueError:
                            continue  # shapes that do not align: the products are the point here
                        ops = [{"op": "dot", "other": 1}]
                        # Complex NaNs: their signs follow each library's complex multiply.
                        extra = {"ulp": 0} if d.kind == "c" else None
                        g.case("linalg_scalar", inputs, ops, g.run_chain(ops), extra)


def generate(g, scale):
    gen_sort_edges(g)
    gen_sort(g, int(180 * scale))
    gen_unique(g, int(70 * scale))
    gen_search(g, int(60 * scale))
    gen_products(g, int(200 * scale))
    gen_product_edges(g)

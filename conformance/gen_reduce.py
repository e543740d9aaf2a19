"""Conformance cases for reductions (sum, mean, var, min, argmax, cumsum, nan-variants) (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). `g` is the
generator (`g.case`, `g.base`, `g.rand_input`, `g.rng`, `g.DTYPES`, `g.run_chain`).

Ops: `reduce` (`fn`, `axis` null/int/list, `keepdims`, optional `dtype`, `ddof`), `argreduce`
(`fn`, `axis` null/int, `keepdims`), `accumulate` (`fn`, `axis` null/int, optional `dtype`).
Each may carry `out` (an input number: NumPy's `out=`); `reduce` also `where` (an input number)
and `initial` (a Python int or float). The cases with these arguments (groups `reduce_args`,
`cumulative_args`) come from their own random stream and their own input files (`rd_*.npy`), so
they neither shift nor are shifted by other families' cases.
"""
import argparse
import os
import sys

import numpy as np

SEED_SALT = 0x5ED0

REDUCE = ["sum", "prod", "mean", "var", "std", "min", "max", "any", "all",
          "nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax"]
ARG = ["argmin", "argmax", "nanargmin", "nanargmax"]
ACC = ["cumsum", "cumprod", "nancumsum", "nancumprod"]
WITH_DTYPE = {"sum", "prod", "mean", "var", "std", "nansum", "nanprod", "nanmean", "nanvar", "nanstd"}
WITH_DDOF = {"var", "std", "nanvar", "nanstd"}


def _axis(v):
    return tuple(v) if isinstance(v, list) else v


def apply(op, a, arrays):
    o = op["op"]
    extra = {}
    if "out" in op:
        extra["out"] = arrays[op["out"]]
    if o == "reduce":
        kw = {"axis": _axis(op.get("axis")), "keepdims": op.get("keepdims", False)}
        if op.get("dtype") is not None:
            kw["dtype"] = np.dtype(op["dtype"])
        if op["fn"] in WITH_DDOF:
            kw["ddof"] = op.get("ddof", 0)
        if "where" in op:
            kw["where"] = arrays[op["where"]]
        if "initial" in op:
            kw["initial"] = op["initial"]
        with np.errstate(all=op.get("errstate", "warn")):
            return getattr(np, op["fn"])(a, **kw, **extra)
    if o == "argreduce":
        return getattr(np, op["fn"])(a, axis=op.get("axis"), keepdims=op.get("keepdims", False), **extra)
    if o == "accumulate":
        dt = None if op.get("dtype") is None else np.dtype(op["dtype"])
        with np.errstate(all=op.get("errstate", "warn")):
            return getattr(np, op["fn"])(a, axis=op.get("axis"), dtype=dt, **extra)
    return NotImplemented


def rand_axis(g, nd, allow_tuple=True):
    r = g.rng
    c = r.random()
    if c < 0.3 or nd == 0:
        if nd == 0 and r.random() < 0.3:
            return 0
        return None
    if c < 0.65 or not allow_tuple:
        if r.random() < 0.04:
            return int(nd + r.integers(0, 2))  # AxisError
        return int(r.integers(-nd, nd))
    k = int(r.integers(0, nd + 1))
    axes = [int(x) for x in r.choice(nd, k, replace=False)]
    axes = [x - nd if r.random() < 0.3 else x for x in axes]
    if axes and r.random() < 0.04:
        axes.append(axes[0])  # duplicate
    return axes


def pick_dtype(g, fn, src):
    r = g.rng
    if fn not in WITH_DTYPE or r.random() > 0.15:
        return None
    if fn in ("sum", "prod", "nansum", "nanprod"):
        return str(r.choice(["<i8", "<u8", "<i4", "<f8", "<f4", "<c16"]))
    if src.kind == "c":
        return str(r.choice(["<c16", "<c8"]))
    return str(r.choice(["<f8", "<f4"]))


def reduce_input(g):
    inp = g.rand_input(max_nd=4)
    ops = []
    r = g.rng
    a = g.arr_of(inp)
    if r.random() < 0.12 and a.ndim:  # a broadcast layout
        ops.append({"op": "broadcast_to", "shape": [int(r.integers(1, 4))] + list(a.shape)})
    return inp, ops


def current(g, inp, ops):
    return g.run_chain(ops)([g.arr_of(inp)])


def generate(g, scale):
    r = g.rng
    n = int(1100 * scale)
    for i in range(n):
        inp, ops = reduce_input(g)
        a = current(g, inp, ops)
        c = r.random()
        if c < 0.7:
            fn = REDUCE[i % len(REDUCE)]
            op = {"op": "reduce", "fn": fn, "axis": rand_axis(g, a.ndim), "keepdims": bool(r.random() < 0.3)}
            dt = pick_dtype(g, fn, a.dtype)
            if dt is not None:
                op["dtype"] = dt
            if fn in WITH_DDOF:
                op["ddof"] = int(r.choice([0, 0, 1, 2]))
            group = "reduce"
        elif c < 0.85:
            fn = ARG[i % len(ARG)]
            op = {"op": "argreduce", "fn": fn, "axis": rand_axis(g, a.ndim, False),
                  "keepdims": bool(r.random() < 0.3)}
            group = "reduce"
        else:
            fn = ACC[i % len(ACC)]
            op = {"op": "accumulate", "fn": fn, "axis": rand_axis(g, a.ndim, False)}
            if r.random() < 0.15:
                op["dtype"] = str(r.choice(["<f8", "<i8", "<f4"]))
            group = "cumulative"
        ops = ops + [op]
        extra = None
        if op["op"] == "accumulate" and fn.endswith("cumprod") and a.dtype.kind == "c":
            # NumPy's vectorised complex multiply fuses some products and not others.
            extra = {"ulp": 2}
        if op["op"] == "reduce" and fn in ("nanvar", "nanstd") and a.dtype.kind == "c":
            # Its complex multiply is vectorised (fused, and NaN signs of inf - inf vary).
            extra = {"ulp": 2}
        g.case(group, [inp], ops, g.run_chain(ops), extra=extra)


# ---------- out=, initial=, where= (their own random stream and input files) ----------
def _seed():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--seed", type=int, default=20261122)
    return ap.parse_known_args(sys.argv[1:])[0].seed


TAKES_INITIAL = {"sum", "prod", "min", "max", "nansum", "nanprod", "nanmin", "nanmax"}
TAKES_WHERE = set(REDUCE)
OUT_DTYPES = ["<f8", "<f8", "<f4", "<f2", "<i8", "<i8", "<i4", "<i2", "|i1", "<u2", "|u1", "|b1", "<c16", "<c8", ">f8",
              ">i4"]
ARG_OUT_DTYPES = ["<i8", "<i8", "<i4", "<i2", "|b1", "<u8", "<f8", ">i8", "|u1"]


class Args:
    """Cases for the keyword arguments out=, initial= and where=."""

    def __init__(self, g, seed):
        self.g = g
        self.rng = np.random.default_rng(seed ^ SEED_SALT)
        self.count = 0

    def save(self, name, a):
        if name not in self.g.inputs:
            self.g.inputs[name] = a
            np.save(os.path.join(self.g.out, "inputs", name + ".npy"), a)
        return name

    def next_id(self):
        self.count += 1
        return self.count

    def tag(self, dtype):
        return dtype.str.replace("<", "le").replace(">", "be").replace("|", "")

    def values(self, dtype, n):
        saved = self.g.rng
        self.g.rng = self.rng
        try:
            return self.g.values(dtype, n)
        finally:
            self.g.rng = saved

    def shape(self, max_nd=3, max_size=24):
        r = self.rng
        nd = int(r.integers(0, max_nd + 1))
        while True:
            s = [int(r.integers(1, 5)) for _ in range(nd)]
            if nd and r.random() < 0.06:
                s[int(r.integers(0, nd))] = 0
            if int(np.prod(s)) <= max_size:
                return s

    def layout(self, dtype=None, shape=None):
        """An input: a C or F file array, or a strided view (negative, sliced, permuted,
        broadcast) into a base buffer of 160 elements."""
        r = self.rng
        dts = self.g.DTYPES
        dtype = dtype if dtype is not None else dts[int(r.integers(len(dts)))]
        shape = self.shape() if shape is None else shape
        n = int(np.prod(shape))
        if r.random() < 0.35:
            order = "F" if r.random() < 0.4 else "C"
            a = np.asarray(self.values(dtype, n).reshape(shape), order=order)
            return {"npy": self.save(f"rd_{self.tag(dtype)}_{order}_{self.next_id()}", a)}
        name = f"rd_{self.tag(dtype)}_160"
        if name not in self.g.inputs:
            self.save(name, self.values(dtype, 160))
        isz = dtype.itemsize
        for _ in range(50):
            strides = [int(r.choice([1, 1, 2, -1, -2, 3, 0])) * isz for _ in shape]
            if r.random() < 0.35 and shape:
                perm = r.permutation(len(shape))
                st = isz
                strides = [0] * len(shape)
                for ax in perm[::-1]:
                    strides[ax] = st * (-1 if r.random() < 0.25 else 1)
                    st *= max(shape[ax], 1)
            low = sum(min(0, s * (k - 1)) for s, k in zip(strides, shape) if k > 0)
            high = sum(max(0, s * (k - 1)) for s, k in zip(strides, shape) if k > 0) + isz
            if high - low <= 160 * isz:
                off = -low + int(r.integers(0, (160 * isz - (high - low)) // isz + 1)) * isz
                return {"npy": name, "offset": off, "shape": shape, "strides": strides}
        return {"npy": self.save(f"rd_{self.tag(dtype)}_C_{self.next_id()}", self.values(dtype, n).reshape(shape))}

    def out_input(self, shape, dtype):
        """A destination of `shape`: a C or F file array, or a reversed / stepped view of one."""
        r = self.rng
        dtype = np.dtype(dtype)
        c = r.random()
        if c < 0.6 or not shape or 0 in shape:
            order = "F" if r.random() < 0.3 else "C"
            a = np.asarray(np.zeros(shape, dtype), order=order)
            return {"npy": self.save(f"rd_out_{self.tag(dtype)}_{order}_{'x'.join(map(str, shape)) or 's'}", a)}
        big = list(shape)
        big[0] *= 2
        a = np.zeros(big, dtype)
        name = self.save(f"rd_out_{self.tag(dtype)}_C_{'x'.join(map(str, big))}", a)
        strides = list(a.strides)
        strides[0] *= 2
        off = 0
        if r.random() < 0.5:  # reversed along axis 0
            off = (big[0] - 2) * a.strides[0]
            strides[0] = -strides[0]
        return {"npy": name, "offset": off, "shape": list(shape), "strides": strides}

    def mask_input(self, shape):
        r = self.rng
        m = r.random(shape) < 0.6
        if r.random() < 0.04:
            m = m.astype("<i8")
        a = np.asarray(m, order="F" if r.random() < 0.2 else "C")
        return {"npy": self.save(f"rd_where_{self.next_id()}", a)}

    def mask_shape(self, shape):
        r = self.rng
        s = list(shape)
        if r.random() < 0.3 and s:
            s = s[int(r.integers(0, len(s) + 1)):]
        s = [1 if (k and r.random() < 0.25) else k for k in s]
        if r.random() < 0.05:
            s = s + [2] if r.random() < 0.5 else [5] + s
        return s

    def probe(self, inputs, ops):
        try:
            with np.errstate(all="ignore"):
                import warnings
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    return self.g.run_chain(ops)([self.g.arr_of(i, {}) for i in inputs])
        except Exception:  # noqa: BLE001
            return None

    def wrong(self, shape):
        r = self.rng
        s = list(shape)
        c = r.random()
        if c < 0.35 and s:
            k = int(r.integers(0, len(s)))
            s[k] = s[k] + 1 if s[k] != 1 else 3
        elif c < 0.55 and s:
            s[int(r.integers(0, len(s)))] = 1
        elif c < 0.8:
            s = s + [1]
        else:
            s = s[1:] if s else [2]
        return s

    def gen_reduce(self, n):
        r = self.rng
        for i in range(n):
            inp = [self.layout()]
            a = self.g.arr_of(inp[0], {})
            fn = REDUCE[int(r.integers(len(REDUCE)))]
            op = {"op": "reduce", "fn": fn, "axis": rand_axis(self, a.ndim), "keepdims": bool(r.random() < 0.3)}
            if fn in WITH_DDOF:
                op["ddof"] = int(r.choice([0, 0, 1, 2]))
            dt = pick_dtype(self, fn, a.dtype)
            if dt is not None:
                op["dtype"] = dt
            if r.random() < 0.55:
                inp.append(self.mask_input(self.mask_shape(a.shape)))
                op["where"] = len(inp) - 1
            if fn in TAKES_INITIAL and (r.random() < 0.4 or ("where" in op and fn.endswith(("min", "max"))
                                                         and r.random() < 0.85)):
                if a.dtype.kind in "fc" and r.random() < 0.5:
                    op["initial"] = float(np.round(r.normal(0, 20), 1))
                else:
                    op["initial"] = int(r.integers(-5, 20))
            if r.random() < 0.55:
                res = self.probe(inp, [op])
                if res is not None:
                    shape = list(np.shape(res))
                    if r.random() < 0.12:
                        shape = self.wrong(shape)
                    dts = OUT_DTYPES if fn not in ("nanmean", "nanvar", "nanstd") or r.random() < 0.2 else ["<f8", "<f4", "<c16"]
                    inp.append(self.out_input(shape, dts[int(r.integers(len(dts)))]))
                    op["out"] = len(inp) - 1
            extra = None
            if a.dtype.kind == "c" and (fn in ("nanvar", "nanstd") or ("prod" in fn and "where" in op)):
                extra = {"ulp": 2}
            self.g.case("reduce_args", inp, [op], self.g.run_chain([op]), extra=extra)

    def gen_along(self, n):
        r = self.rng
        for i in range(n):
            inp = [self.layout()]
            a = self.g.arr_of(inp[0], {})
            nd = a.ndim
            axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
            if i % 2 == 0:
                fn = ARG[int(r.integers(len(ARG)))]
                op = {"op": "argreduce", "fn": fn, "axis": axis, "keepdims": bool(r.random() < 0.3)}
                dts = ARG_OUT_DTYPES
                group = "reduce_args"
            else:
                fn = ACC[int(r.integers(len(ACC)))]
                op = {"op": "accumulate", "fn": fn, "axis": axis}
                if r.random() < 0.2:
                    op["dtype"] = str(r.choice(["<f8", "<i8", "<f4"]))
                dts = OUT_DTYPES
                group = "cumulative_args"
            res = self.probe(inp, [op])
            if res is None:
                continue
            shape = list(np.shape(res))
            if r.random() < 0.12 and shape:
                if op["op"] == "accumulate":
                    shape = [shape[0] + 1] if axis is None else shape[::-1] if len(set(shape)) > 1 else shape
                else:
                    shape = self.wrong(shape)
            inp.append(self.out_input(shape, dts[int(r.integers(len(dts)))]))
            op["out"] = len(inp) - 1
            extra = {"ulp": 2} if op["op"] == "accumulate" and fn.endswith("cumprod") and a.dtype.kind == "c" else None
            self.g.case(group, inp, [op], self.g.run_chain([op]), extra=extra)


class MinMax(Args):
    """min/max/nanmin/nanmax over values full of ties (signed zeros, NaNs of both signs) on
    lengths that reach NumPy's vector loops, often into a narrower `out` (NumPy casts each
    output's first element through out's dtype); and cumsum/cumprod into mis-shaped or narrow
    `out`s. Own random stream and input names (`rd_mm*`)."""

    FLOATS = [0.0, -0.0, 0.0, -0.0, 1.5, -1.5, np.nan, -np.nan, 300.7, -7.25, np.inf, 2.0]
    INTS = [300, -7, 1000, 5, 255, 256, -129, 0, 70000, 2]

    def tag(self, dtype):
        return "mm" + super().tag(dtype)

    def values(self, dtype, n):
        r = self.rng
        if dtype.kind in "fc":
            v = np.array(r.choice(self.FLOATS, n), dtype="f8")
            if dtype.kind == "c":
                v = v + 1j * np.array(r.choice(self.FLOATS, n), dtype="f8")
            with np.errstate(all="ignore"):
                return v.astype(dtype)
        if dtype.kind == "b":
            return r.random(n) < 0.5
        with np.errstate(all="ignore"):
            return np.array(r.choice(self.INTS, n)).astype(dtype)

    def shape(self, max_nd=3, max_size=96):
        r = self.rng
        nd = int(r.integers(0, max_nd + 1))
        while True:
            s = [int(r.integers(1, 41 if nd == 1 else 12)) for _ in range(nd)]
            if int(np.prod(s)) <= max_size:
                return s

    def gen_minmax(self, n):
        r = self.rng
        dts = ["<f8", "<f8", "<f4", "<f4", ">f8", "<f2", "<i8", "<i4", "<u2", "<c16"]
        for i in range(n):
            dt = np.dtype(dts[int(r.integers(len(dts)))])
            inp = [self.layout(dtype=dt)]
            a = self.g.arr_of(inp[0], {})
            fn = ["min", "max", "nanmin", "nanmax"][i % 4]
            op = {"op": "reduce", "fn": fn, "axis": rand_axis(self, a.ndim), "keepdims": bool(r.random() < 0.3)}
            if r.random() < 0.6:
                res = self.probe(inp, [op])
                if res is not None:
                    outs = ["|u1", "|i1", "<i2", "<i4", "<f2", "<f4", "<u2", "|b1", ">f8"]
                    inp.append(self.out_input(list(np.shape(res)), outs[int(r.integers(len(outs)))]))
                    op["out"] = len(inp) - 1
            self.g.case("reduce_minmax", inp, [op], self.g.run_chain([op]))

    def gen_accumulate(self, n):
        r = self.rng
        for i in range(n):
            inp = [self.layout(shape=self.shape(max_size=24))]
            a = self.g.arr_of(inp[0], {})
            nd = a.ndim
            axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
            op = {"op": "accumulate", "fn": ["cumsum", "cumprod", "nancumsum", "nancumprod"][i % 4], "axis": axis}
            res = self.probe(inp, [op])
            if res is None:
                continue
            shape = list(np.shape(res))
            if r.random() < 0.6:
                shape = self.wrong(shape)
            if not shape:
                # NumPy 2.4.6 crashes (segfault) on cumprod/nancumprod of a broadcast input into
                # a 0-d out (np.cumprod(np.broadcast_to(np.arange(2), (9, 2)), axis=None,
                # out=np.zeros((), np.int64))): no 0-d out is ever drawn.
                shape = [1]
            dts = OUT_DTYPES
            inp.append(self.out_input(shape, dts[int(r.integers(len(dts)))]))
            op["out"] = len(inp) - 1
            extra = {"ulp": 2} if op["fn"].endswith("cumprod") and a.dtype.kind == "c" else None
            self.g.case("reduce_minmax", inp, [op], self.g.run_chain([op]), extra=extra)


def generate_late(g, scale):
    """Called by `gen_cases.py` after every family's `generate` (new inputs then shift no other
    family's input names)."""
    f = Args(g, _seed())
    f.gen_reduce(int(500 * scale))
    f.gen_along(int(240 * scale))
    m = MinMax(g, _seed() ^ 0x3A3A)
    m.gen_minmax(int(150 * scale))
    m.gen_accumulate(int(40 * scale))
    generate_gaps(g)
    generate_warnings(g)
    generate_fpe(g)
    generate_cast_fpe(g)
    generate_dev_layout(g)
    generate_accumulate_nan(g)


def generate_accumulate_nan(g):
    """Group `accumulate_nan`: cumsum of complex values whose real and imaginary parts are NaNs
    of both signs. Where the running value and the next element are both NaN, NumPy's complex64
    accumulate keeps the next element's NaN and complex128's the running one's; inputs of complex
    and real types, with `dtype=`, along either axis of a 2-d array. (cumprod's NaN signs follow
    NumPy's compiled complex multiply and are not matched yet.)"""
    nan, nn = np.nan, -np.nan
    parts = [1.0, nan, nn, 2.0, nn, nan, 0.5, nn, nan, nan, 3.0, nn]
    vals = np.array([complex(parts[k], parts[(5 * k + 3) % 12]) for k in range(12)])
    for dt in ("<c8", "<c16", ">c8"):
        name = save_input(g, "accnan_" + dt[1:] + ("_be" if dt[0] == ">" else ""), vals.astype(dt).reshape(3, 4))
        for axis in (None, 0, 1):
            op = {"op": "accumulate", "fn": "cumsum", "axis": axis}
            g.case("accumulate_nan", [name], [op], g.run_chain([op]))
    real = save_input(g, "accnan_f2", np.array(parts, "<f2"))
    for dt in ("<c8", "<c16"):
        op = {"op": "accumulate", "fn": "cumsum", "axis": None, "dtype": dt}
        g.case("accumulate_nan", [real], [op], g.run_chain([op]))


def generate_dev_layout(g):
    """Group `reduce_dev_layout`: var/std of an input with zero strides, under an F-ordered or
    C-ordered `where=` mask. NumPy's deviations `x - mean` are laid out in the K order of the
    input and the mean together (the mean's own layout follows the mask), and the final sum
    follows them, so where the input's strides do not vote the mask's layout shows."""
    base = save_input(g, "dev_u1_40", (np.arange(40, dtype="u1") * 37) % 251)
    fbase = save_input(g, "dev_f8_40", np.arange(40, dtype="<f8") * 0.75 - 9)
    inputs = [
        dict(base, offset=0, shape=[4, 3, 1], strides=[2, 0, 0]),
        dict(base, offset=3, shape=[4, 3, 2], strides=[0, 4, 1]),
        dict(fbase, offset=0, shape=[3, 4], strides=[0, 8]),
        dict(fbase, offset=0, shape=[4, 3, 2], strides=[8, 0, 32]),
    ]
    for k, inp in enumerate(inputs):
        shape = inp["shape"]
        masks = []
        for j, order in enumerate("CF"):
            m = np.ones(shape, bool, order=order)
            m.flat[1] = False
            masks.append(save_input(g, f"dev_w{k}_{j}", m))
        if len(shape) == 3:
            # Axes (1, 0, 2) from outermost: a view, since a saved file is C or F ordered.
            flat = np.ones(24, bool)
            flat[5] = False
            masks.append(dict(save_input(g, "dev_wflat", flat), offset=0, shape=[4, 3, 2], strides=[2, 8, 1]))
        for w in masks:
            for fn in ("var", "std", "mean"):
                for axis in ([], [0], [-1], None):
                    ops = [{"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "where": 1}]
                    if fn != "mean":
                        ops[0]["ddof"] = 0
                    g.case("reduce_dev_layout", [inp, w], ops, g.run_chain(ops), {"ulp": 4})


def save_input(g, name, a):
    """Writes fixed input `name` once (the hand-made groups share one helper) and refers to it."""
    if name not in g.inputs:
        g.inputs[name] = a
        np.save(os.path.join(g.out, "inputs", name + ".npy"), a)
    return {"npy": name}


def generate_warnings(g):
    """Group `reduce_warnings`: the RuntimeWarnings of mean/var/std and the nan-functions on
    empty and all-NaN slices (NumPy's own texts, then its divide warnings), recorded in order,
    under the default errstate and under 'ignore' and 'raise'."""
    def save(name, a):
        return save_input(g, name, a)

    nan = np.nan
    data = {
        "w_f8_2x3": np.array([[1.0, nan, 3.0], [nan, nan, nan]]),
        "w_f8_0x3": np.zeros((0, 3)),
        "w_f4_3x0": np.zeros((3, 0), "<f4"),
        "w_i8_2x0": np.zeros((2, 0), "<i8"),
        "w_c16_2x2": np.array([[1 + 1j, nan], [nan + 0j, complex(nan, nan)]]),
        "w_f8_1": np.array([2.5]),
        "w_f2_3": np.array([nan, nan, 1.0], "<f2"),
        "w_i2_3": np.array([4, 5, 6], "<i2"),
        "w_f2_0": np.zeros(0, "<f2"),
        "w_c8_2x0": np.zeros((2, 0), "<c8"),
        "w_c16_0": np.zeros(0, "<c16"),
    }
    arrs = {k: save(k, v) for k, v in data.items()}
    masks = {"w_mask_2x3": save("w_mask_2x3", np.array([[True, False, False], [False, False, False]]))}
    fns = ("mean", "var", "std", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax", "nansum", "min", "sum")
    for name, inp in arrs.items():
        nd = data[name].ndim
        for fn in fns:
            for axis in [None] + list(range(nd)):
                for keepdims in (False, True):
                    op = {"op": "reduce", "fn": fn, "axis": axis, "keepdims": keepdims}
                    if fn in WITH_DDOF and axis is None and not keepdims:
                        op["ddof"] = 1 if name != "w_f8_1" else 2
                    g.case("reduce_warnings", [inp], [op], g.run_chain([op]), {"ulp": 4}, record_warnings=True)
        for fn in ("mean", "var", "nanmean", "nanvar"):
            for es in ("ignore", "raise"):
                op = {"op": "reduce", "fn": fn, "axis": 0, "keepdims": False, "errstate": es}
                g.case("reduce_warnings", [inp], [op], g.run_chain([op]), {"ulp": 4}, record_warnings=True)
    for fn in ("mean", "var", "std", "nanmean", "nanvar", "nanmin", "sum"):
        for axis in (None, 0, 1):
            op = {"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "where": 1}
            g.case("reduce_warnings", [arrs["w_f8_2x3"], masks["w_mask_2x3"]], [op], g.run_chain([op]),
                   {"ulp": 4}, record_warnings=True)


def generate_fpe(g):
    """Group `reduce_fpe`: the floating-point errors of sums, products, their cumulative forms and
    the steps of mean/var/std (overflow, inf - inf, inf * 0, underflow of products), recorded as
    NumPy's warnings under errstate 'warn', and as its FloatingPointError under 'raise'."""
    def save(name, a):
        return save_input(g, name, a)

    inf, nan = np.inf, np.nan
    data = {
        "fpe_f8_ovf": np.array([[1e308, 1.0, -1e308], [1e308, 2.0, -1e308]]),
        "fpe_f8_inv": np.array([[inf, nan, 1.0], [-inf, 0.0, 2.0]]),
        "fpe_f8_mix": np.array([1e308, 1e308, -inf, 3.0, 1e-200, 1e-200, 0.5, 2.0, inf]),
        "fpe_f8_tiny": np.array([[1e-200, 3.0], [1e-200, 1e-300]]),
        "fpe_f8_big": np.array([1e200, -1e200, 3.0]),
        "fpe_f4": np.array([[3e38, 1.0], [3e38, 1e-30], [1.0, 1e-30]], "<f4"),
        "fpe_f2": np.array([60000, 300, 300, -60000, 0.5], "<f2"),
        "fpe_c16": np.array([1e308 + 1e308j, 1e308 + 0j, complex(inf, 0), 1j, 1e154 + 1e154j]),
        "fpe_c8": np.array([[3e38 + 1j, 1e20 + 1e20j], [3e38 + 0j, 1e20 - 1e20j]], "<c8"),
    }
    arrs = {k: save(k, v) for k, v in data.items()}
    fns = ("sum", "prod", "mean", "var", "std", "nansum", "nanprod", "nanmean", "nanvar", "nanstd")
    for name, inp in arrs.items():
        nd = data[name].ndim
        for fn in fns:
            for axis in [None] + list(range(nd)):
                for es in ("warn", "raise", "ignore"):
                    if es == "ignore" and axis is not None:
                        continue
                    op = {"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "errstate": es}
                    g.case("reduce_fpe", [inp], [op], g.run_chain([op]), {"ulp": 4}, record_warnings=True)
        for fn in ACC:
            for axis in [None] + list(range(nd)):
                for es in ("warn", "raise"):
                    op = {"op": "accumulate", "fn": fn, "axis": axis, "errstate": es}
                    g.case("reduce_fpe", [inp], [op], g.run_chain([op]), {"ulp": 4}, record_warnings=True)
    # where= and initial=: masked-out elements are never added; the initial value is.
    mask = save("fpe_mask_2x3", np.array([[True, True, False], [False, True, True]]))
    for fn in ("sum", "prod", "mean", "var"):
        for axis in (None, 0, 1):
            op = {"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "where": 1, "errstate": "warn"}
            g.case("reduce_fpe", [arrs["fpe_f8_ovf"], mask], [op], g.run_chain([op]), {"ulp": 4},
                   record_warnings=True)
    for fn, init in (("sum", 1e308), ("prod", 1e300), ("sum", -1e308)):
        for axis in (None, 1):
            op = {"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "initial": init, "errstate": "warn"}
            g.case("reduce_fpe", [arrs["fpe_f8_big"] if axis is None else arrs["fpe_f8_ovf"]], [op],
                   g.run_chain([op]), {"ulp": 4}, record_warnings=True)


def generate_cast_fpe(g):
    """Group `cast_fpe`: the floating-point errors of casts, one element at a time ("invalid value
    encountered in cast" for NaN, infinities and out-of-range floats into integers, by x86-64's
    int32/int64/uint64 conversions; "overflow" and "underflow" into narrower floats), in astype,
    and under a ufunc's or a reduction's own name when the cast is into its `out` or `dtype`."""
    def save(name, a):
        return save_input(g, name, a)

    inf, nan = np.inf, np.nan
    vals = [nan, inf, -inf, 1e20, 300.0, -1.0, -1.5, 1e300, 1e-50, 1e-40, 3e38, 7e4, 2.0**31, -2.0**31,
            -2.0**31 - 1, 3e9, 2.0**63, -2.0**63, 1.8e19, 2.0**64, -1e19, 1e-6, 0.5, -0.0]
    srcs = {
        "castfpe_f8": np.array(vals),
        "castfpe_f4": np.array([v for v in vals if not (np.isfinite(v) and abs(v) > 3.4e38)], "<f4"),
        "castfpe_f2": np.array([nan, inf, 65504.0, -65504.0, -1.0, 1e-6, 300.0], "<f2"),
        "castfpe_c16": np.array([complex(nan, 0), complex(1, nan), 1e300 + 0j, 1e300j, complex(inf, 0),
                                 1e-50 + 1j, 2.0**31 + 0j, 3.0 + 1e300j]),
        "castfpe_i8": np.array([70000, -70000, 65519, 65520, 1], "<i8"),
        "castfpe_u8": np.array([2**64 - 1, 65504], "<u8"),
        "castfpe_be": np.array([nan, 1e300, 3.0], ">f8"),
    }
    targets = ["|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f4", "<f2", "<c8", "|b1", "<f8", ">i4"]
    for name, a in srcs.items():
        inp = save(name, a)
        with np.errstate(all="ignore"):
            for k in range(len(a)):
                for to in targets:
                    if np.dtype(to) == a.dtype:
                        continue
                    es = "raise" if (k + len(to)) % 5 == 0 else "warn"
                    ops = [{"op": "index", "expr": f"{k}:{k + 1}"},
                           {"op": "astype", "dtype": to, "order": "K", "casting": "unsafe", "errstate": es}]
                    g.case("cast_fpe", [inp], ops, g.run_chain(ops), record_warnings=True)
            # The whole array at once: the flags of all its elements, each kind reported once.
            for to in ("<i4", "<f2", "<u8"):
                ops = [{"op": "astype", "dtype": to, "order": "K", "casting": "unsafe", "errstate": "warn"}]
                g.case("cast_fpe", [inp], ops, g.run_chain(ops), record_warnings=True)
    # Into a ufunc's out= or dtype=, and a reduction's dtype= or out=.
    f8 = save("castfpe_f8_small", np.array([nan, 1e300, 2.0]))
    for dt in ("<i4", "<f4", "<u1"):
        o = save(f"castfpe_out_{dt[1:]}", np.zeros(3, dt))
        for es in ("warn", "raise"):
            op = {"op": "ufunc", "name": "add", "args": [{"input": 0}, {"weak": 1.0}], "out": {"input": 1},
                  "casting": "unsafe", "errstate": es}
            g.case("cast_fpe", [f8, o], [op], g.run_chain([op]), record_warnings=True)
            op = {"op": "ufunc", "name": "multiply", "args": [{"input": 0}, {"weak": 2.0}], "dtype": dt,
                  "casting": "unsafe", "errstate": es}
            g.case("cast_fpe", [f8], [op], g.run_chain([op]), record_warnings=True)
    for fn in ("sum", "prod", "mean", "max"):
        for dt in ("<f4", "<f2"):
            if fn == "max":
                continue
            op = {"op": "reduce", "fn": fn, "axis": None, "keepdims": False, "dtype": dt, "errstate": "warn"}
            g.case("cast_fpe", [f8], [op], g.run_chain([op]), record_warnings=True)
        for dt in ("<f4", "<i4"):
            o = save(f"castfpe_out0_{dt[1:]}", np.zeros((), dt))
            op = {"op": "reduce", "fn": fn, "axis": None, "keepdims": False, "out": 1, "errstate": "warn"}
            g.case("cast_fpe", [f8, o], [op], g.run_chain([op]), record_warnings=True)
    for fn in ("cumsum", "cumprod"):
        for dt in ("<f4", "<i4"):
            op = {"op": "accumulate", "fn": fn, "axis": 0, "dtype": dt, "errstate": "warn"}
            g.case("cast_fpe", [f8], [op], g.run_chain([op]), record_warnings=True)


def generate_gaps(g):
    """Fixed cases (group `ufunc_gaps`, inputs `gap_*`) for the corners the seed-11/7/23 runs
    found: complex tan with a huge imaginary part, NumPy's own complex log1p formula, heaviside's
    NaN, unaligned operands (NumPy's iterator, not its fast path, lays out the result), logs of
    1 under errstate 'raise', std of a 0-d complex into complex64, float16 signalling NaNs cast
    wider, min/nanmin tie and NaN order, a first element cast through out's dtype, a where mask
    broadcast before its dtype is checked."""
    def save(name, a):
        return save_input(g, name, a)

    def uf(name, args, **kw):
        return dict({"op": "ufunc", "name": name, "args": args}, **kw)

    def run(inputs, op, extra=None):
        g.case("ufunc_gaps", inputs, [op], g.run_chain([op]), extra=extra)

    big = np.array([0.5 + 400j, -1 + 800j, 2 - 1000j, 1e-300 + 355j, 3 - 360j, 0.25 + 2e4j, -0.0 + 710j])
    for dt in ("<c16", "<c8"):
        v = big if dt == "<c16" else np.array([0.5 + 50j, -1 - 100j, 2 + 45j, 3 - 1e4j])
        run([save(f"gap_tan_{dt[1:]}", v.astype(dt))], uf("tan", [{"input": 0}]), {"ulp": 4})
    small = np.array([1e-10 + 0j, 1e-10 + 1e-10j, 1.5e-161 + 3.66e-196j, 1e-5 + 1e-5j, -0.5 + 0.5j, 3 + 4j])
    for dt in ("<c16", "<c8"):
        run([save(f"gap_log1p_{dt[1:]}", small.astype(dt))], uf("log1p", [{"input": 0}]), {"ulp": 4})
    for dt, bits in (("<f8", [0x7FF4000000000001, 0xFFF8000000000000, 0x7FF8000000000000, 0]),
                     ("<f4", [0x7FA00001, 0xFFC00000, 0x3F800000, 0x80000000]),
                     ("<f2", [0x7D4E, 0xFFA7, 0x3C00, 0x8000])):
        u = {"<f8": "<u8", "<f4": "<u4", "<f2": "<u2"}[dt]
        a = np.array(bits, u).view(dt)
        inp = save(f"gap_nan_{dt[1:]}", a)
        run([inp, inp], uf("heaviside", [{"input": 0}, {"input": 1}]))
        run([inp, inp], uf("heaviside", [{"input": 1, "expr": "::-1"}, {"input": 0}]))
    h = np.array([0x7D4E, 0xFD4E, 0x7E4E, 0x3C00, 0x7C00], "<u2").view("<f2")
    for to in ("<f4", "<f8", "<c8", "<c16"):
        run([save("gap_snan_f2", h)], {"op": "astype", "dtype": to, "order": "K", "casting": "unsafe"})
    base = save("gap_f2_720", (np.arange(720) % 23 - 11).astype("<f2") / 4)
    for name in ("signbit", "negative", "log", "isnan"):
        for off, shape, strides in ((541, [3, 1, 2], [2, 12, 6]), (1195, [4, 1, 4, 2], [2, 8, 8, 32]),
                                    (540, [3, 1, 2], [2, 12, 6])):
            run([dict(base, offset=off, shape=shape, strides=strides)], uf(name, [{"input": 0}]), {"ulp": 4})
    f4 = save("gap_f4_720", (np.arange(720) % 7 - 3).astype("<f4"))
    for off in (1785 - 1200, 1784 - 1200):
        run([dict(f4, offset=off, shape=[3, 1, 3], strides=[4, 12, 12]), dict(f4, offset=8, shape=[], strides=[])],
            uf("logical_or", [{"input": 0}, {"input": 1}]))
    ones = save("gap_f8_ones", np.array([1.0, 1.0, 10.0, 0.5]))
    for name in ("log", "log2", "log10", "log1p"):
        run([ones], uf(name, [{"input": 0}], errstate="raise"), {"ulp": 4})
    c = save("gap_c16_0d", np.array(-1.53894447j, ">c16"))
    for fn in ("std", "var"):
        run([c], {"op": "reduce", "fn": fn, "axis": None, "keepdims": False, "dtype": "<c8", "ddof": 1})
    mm = save("gap_mm_f8", np.array([-0.0, 300.7, -1.5, 2.0, -0.0, np.inf, 2.0, -0.0, -np.nan, -7.25, 2.0, 0.0, 0.0,
                                     0.0, -0.0, np.nan, 1.5, -0.0, 0.0, -0.0, 2.0, -1.5, 0.0, -0.0, 0.0, -0.0] * 4))
    o4 = save("gap_out_f4_1", np.zeros(1, "<f4"))
    for st in (16, 8, 24):
        run([dict(mm, offset=0, shape=[13], strides=[st]), o4],
            {"op": "reduce", "fn": "min", "axis": -1, "keepdims": True, "out": 1})
    for fn in ("nanmin", "nanmax", "min", "max"):
        run([dict(mm, offset=16, shape=[4, 3, 7], strides=[24, 8, 16])],
            {"op": "reduce", "fn": fn, "axis": -3, "keepdims": False})
        run([dict(mm, offset=200, shape=[3, 3, 2, 2], strides=[8, -16, 8, -16])],
            {"op": "reduce", "fn": fn, "axis": [1, 3], "keepdims": False})
    u8 = save("gap_u8_F", np.asfortranarray(np.array([[[9675853300803396171], [6043775488357728105]], [[5], [9]],
                                                        [[14121761819569259736], [4964656508579371303]],
                                                        [[15], [13]]], ">u8")))
    o2 = save("gap_out_i2_1x2x1", np.zeros((1, 2, 1), "<i2"))
    for fn in ("min", "max"):
        run([u8, o2], {"op": "reduce", "fn": fn, "axis": 0, "keepdims": True, "out": 1})
    u4 = save("gap_u4_0d", np.array(7, "<u4"))
    w = save("gap_where_i8", np.array([1, 0, 1], "<i8"))
    for fn in ("nanmean", "mean", "var"):
        run([u4, w], {"op": "reduce", "fn": fn, "axis": 0, "keepdims": False, "where": 1})
    # Seed-31/41/53 corners: float16 loops keep a signalling NaN signalling (power(sNaN, 0) is
    # NaN), a product whose residual is below the subnormal range still underflows, a bool
    # subtract loop asked for by dtype=, a 0-d input cast straight into out, tanh by its poles.
    s2 = save("gap_snan2_f2", np.array([0x7C55, 0x7D00, 0xFC01, 0x7E00, 0x3C00], "<u2").view("<f2"))
    z2 = save("gap_zeros_f2", np.array([0.0, -0.0, 0.0, -0.0, 0.0], "<f2"))
    for name in ("power", "add", "maximum", "fmin", "copysign"):
        run([s2, z2], uf(name, [{"input": 0}, {"input": 1}]))
    for name in ("sqrt", "square", "absolute", "negative", "exp", "rint"):
        run([s2], uf(name, [{"input": 0}]))
    t8 = save("gap_tiny_f8", np.array([1e-308, 5e-324, 2.0**-540, 1e-160, 3.0], "<f8"))
    for k in range(5):
        run([t8], uf("square", [{"input": 0, "expr": f"{k}:{k + 1}"}], errstate="raise"), {"ulp": 4})
        run([t8], uf("multiply", [{"input": 0, "expr": f"{k}:{k + 1}"}, {"input": 0, "expr": "1:2"}],
                     errstate="raise"), {"ulp": 4})
    b = save("gap_bool_3", np.array([True, False, True]))
    i1 = save("gap_i1_3", np.array([1, 0, -1], "<i1"))
    for inp in (b, i1):
        for casting in ("unsafe", "same_kind"):
            run([inp], uf("subtract", [{"input": 0}, {"input": 0}], dtype="|b1", casting=casting))
            run([inp], uf("negative", [{"input": 0}], dtype="|b1", casting=casting))
    u80 = save("gap_u8_0d", np.array(13821743645363111441, ">u8"))
    oi4 = save("gap_out_i4_0d", np.zeros((), "<i4"))
    for fn in ("nanmin", "min", "max", "nanmax", "sum", "prod"):
        run([u80, oi4], {"op": "reduce", "fn": fn, "axis": None, "keepdims": False, "out": 1})
    for dt in ("<c8", "<c16"):
        poles = np.array([-0.0 - 1.5467219j, 0.0 + 1.5707j, 1e-3 + 1.5707963j, -2.0 + 1.57j, 0.5 - 4.71238j,
                          30.0 + 1.0j, 1e-20 - 1.570796326794j], dt)
        run([save(f"gap_tanh_{dt[1:]}", poles)], uf("tanh", [{"input": 0}]), {"ulp": 4})
    # An out whose elements all share one item: the value left is the last one NumPy writes,
    # which depends on whether it casts a small input first (then one strided loop in index
    # order) or iterates with a negative-stride axis flipped.
    for src in ("<u8", ">u8", "<u4", ">u4", "<f8"):
        x = save(f"gap_ovl_{src[1:]}_{'be' if src[0] == '>' else 'le'}", np.arange(1, 13).astype(src))
        for odt in ("<u8", "<u2", ">u2", "<f8"):
            o = save(f"gap_ovl_out_{odt[1:]}_{'be' if odt[0] == '>' else 'le'}", np.zeros(2, odt))
            for name in ("minimum", "add"):
                for shape, strides in (([3], [-2]), ([3], [3]), ([2, 3], [-6, -2])):
                    itm = np.dtype(src).itemsize
                    first = 11 if strides[0] < 0 else 0
                    xs = dict(x, offset=first * itm, shape=shape, strides=[k * itm for k in strides])
                    os_ = dict(o, offset=0, shape=shape, strides=[0] * len(shape))
                    run([xs, os_], uf(name, [{"input": 0}, {"input": 0}], out={"input": 1}, casting="unsafe"))
    # Complex clip (seed 53): NumPy's own loop takes the bound on a tie (0j against -0+0j) and
    # keeps x only when it is NaN or strictly beyond; a NaN bound passes through otherwise.
    nan = np.nan
    vals = np.array([0j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(-0.0, -0.0), 1 + 2j, complex(1, nan),
                     complex(nan, 0), 1 - 0j, 2 + 0j, complex(0, nan)])
    for dt in ("<c16", "<c8", ">c16"):
        va = save(f"gap_clip_{dt[1:]}_{'be' if dt[0] == '>' else 'le'}", vals.astype(dt))
        n = len(vals)
        rev = dict(va, offset=(n - 1) * np.dtype(dt).itemsize, shape=[n], strides=[-np.dtype(dt).itemsize])
        for lo, hi in (([va, va]), ([rev, rev]), ([rev, va])):
            run([va, lo, hi], {"op": "clip", "args": [{"input": 0}, {"input": 1}, {"input": 2}]})
        for k in range(n):
            one = dict(va, offset=k * np.dtype(dt).itemsize, shape=[], strides=[])
            run([va, one], {"op": "clip", "args": [{"input": 0}, {"input": 1}, {"input": 1}]})
            run([one, va], {"op": "clip", "args": [{"input": 0}, {"input": 1}, {"input": 1}]})
        bools = save("gap_clip_bool", np.array([False, True]))
        run([bools, va, va], {"op": "clip", "args": [{"input": 0, "expr": "0"}, {"input": 1}, {"input": 2}]})
    # isclose/allclose with a tolerance that is not finite: NumPy's own warning (or error)
    # under the invalid policy, with the tolerances printed as Python prints them.
    xs = save("gap_isclose_x", np.array([1.0, np.inf, np.nan, 2.5]))
    ys = save("gap_isclose_y", np.array([1.0 + 1e-9, np.inf, np.nan, 3.0]))
    for rtol, atol in (("inf", 1e-8), (1e-5, "nan"), ("-inf", "inf"), (0.1, 1e-08), ("nan", 0.0)):
        for es in ("warn", "raise", "ignore"):
            for name in ("isclose", "allclose"):
                op = {"op": name, "args": [{"input": 0}, {"input": 1}], "rtol": rtol, "atol": atol,
                      "equal_nan": es == "warn", "errstate": es}
                g.case("ufunc_gaps", [xs, ys], [op], g.run_chain([op]), record_warnings=True)
    # An int where= with a repeated axis (seed 41): ufunc.reduce (and nanmean/nanvar of floats,
    # which start with one) refuses the mask's dtype first; mean/var/std the axis first.
    wint = save("gap_where_i8", np.ones((2, 3), "<i8"))
    for src in ("<f8", "<i4", "|b1"):
        xa = save(f"gap_where_x_{src[1:]}", np.arange(6).reshape(2, 3).astype(src))
        for fn in REDUCE:
            op = {"op": "reduce", "fn": fn, "axis": [0, 0], "keepdims": False, "where": 1}
            g.case("ufunc_gaps", [xa, wint], [op], g.run_chain([op]))

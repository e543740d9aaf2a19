"""Generate Strider's conformance cases from NumPy (the oracle).

Deterministic: fixed seeds, fixed order. Run from the repository root:

    python3 conformance/gen_cases.py [--out conformance/cases] [--seed 0] [--scale 1]

See conformance/README.md for the case format. Every expected value is what NumPy computed.
"""
import argparse
import hashlib
import json
import os
import warnings

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

import gen_index
import gen_records
import gen_reduce
import gen_sort
import gen_ufunc
import gen_ufunc_exact

# Families generated after this file's own, in this order (appending keeps earlier cases stable).
EXTENSIONS = [gen_ufunc, gen_reduce, gen_index, gen_sort, gen_records, gen_ufunc_exact]

TYPES = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"]
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]


def all_dtypes():
    out = []
    # np.dtype("<u4") is the native dtype on a little-endian machine, as users write it
    # (newbyteorder("<") would give an explicitly-'<' dtype that NumPy treats as non-native).
    for t in TYPES:
        if np.dtype(t).itemsize > 1:
            out.append(np.dtype("<" + t))
            out.append(np.dtype(">" + t))
        else:
            out.append(np.dtype(t))
    return out


DTYPES = all_dtypes()


class Gen:
    def __init__(self, out, seed):
        self.out = out
        self.rng = np.random.default_rng(seed)
        self.inputs = {}  # name -> array
        self.groups = {}
        os.makedirs(os.path.join(out, "inputs"), exist_ok=True)

    # ---------- inputs ----------
    def values(self, dtype, n):
        r = self.rng
        k = dtype.kind
        if k == "b":
            return r.integers(0, 2, n).astype(bool)
        if k in "iu":
            info = np.iinfo(dtype)
            v = r.integers(info.min, info.max, n, endpoint=True, dtype=np.int64 if k == "i" or info.bits < 64 else np.uint64)
            small = r.integers(-20 if k == "i" else 0, 20, n)
            v = np.where(r.random(n) < 0.6, small.astype(v.dtype), v)
            return v.astype(dtype)
        vals = r.normal(0, 10, n) * 10.0 ** r.integers(-3, 4, n)
        vals = np.where(r.random(n) < 0.4, np.round(vals), vals)
        special = r.random(n)
        vals = np.where(special < 0.03, np.nan, vals)
        vals = np.where((special >= 0.03) & (special < 0.05), np.inf, vals)
        vals = np.where((special >= 0.05) & (special < 0.06), -np.inf, vals)
        if k == "c":
            im = np.where(r.random(n) < 0.5, np.round(r.normal(0, 5, n)), r.normal(0, 5, n))
            vals = vals + 1j * im
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return vals.astype(dtype)

    def base(self, dtype, n, order="C", shape=None):
        """A named base array saved as .npy (shared between cases)."""
        name = f"{dtype.str.replace('<', 'le').replace('>', 'be').replace('|', '')}_{n}_{order}"
        if shape is not None:
            name += "_" + "x".join(map(str, shape))
        if name not in self.inputs:
            a = self.values(dtype, n)
            if shape is not None:
                a = np.asarray(a.reshape(shape), order=order)
            self.inputs[name] = a
            np.save(os.path.join(self.out, "inputs", name + ".npy"), a)
        return name

    def arr_of(self, inp, buffers=None):
        """The input as NumPy sees it: the named file's array (a fresh copy per case, shared by the
        case's inputs that name the same file) or a view into it."""
        buffers = {} if buffers is None else buffers
        if inp["npy"] not in buffers:
            buffers[inp["npy"]] = self.inputs[inp["npy"]].copy(order="K")
        base = buffers[inp["npy"]]
        if "shape" not in inp:
            return base
        return np.ndarray(tuple(inp["shape"]), np.dtype(inp.get("dtype", base.dtype.str)), buffer=base,
                          offset=inp["offset"], strides=tuple(inp["strides"]))

    # ---------- expectations ----------
    @staticmethod
    def describe(res, inputs, arrays, buffers):
        if isinstance(res, np.generic):
            # A full integer index gives a NumPy scalar; Strider gives a 0-d view of the element.
            return {"scalar": True, "dtype": res.dtype.str, "data": res.tobytes().hex(), "repr": repr(res), "str": str(res)}
        if isinstance(res, bool):
            return {"value": bool(res)}
        if isinstance(res, (tuple, list)):
            return {"list": [Gen.describe(x, inputs, arrays, buffers) for x in res]}
        a = res
        d = {
            "dtype": a.dtype.str,
            "shape": list(a.shape),
            "strides": list(a.strides),
            "flags": {"c": bool(a.flags.c_contiguous), "f": bool(a.flags.f_contiguous),
                      "owndata": bool(a.flags.owndata), "writeable": bool(a.flags.writeable),
                      "aligned": bool(a.flags.aligned)},
            "base_none": a.base is None,
            "shares": [bool(np.shares_memory(a, x)) for x in arrays],
            "data": a.tobytes().hex(),
            "repr": repr(a),
            "str": str(a),
        }
        # Byte offset from the first input's buffer start, for views of it.
        if arrays and d["shares"][0] and a.size > 0:
            buf = buffers[inputs[0]["npy"]]
            d["offset"] = int(a.__array_interface__["data"][0] - buf.__array_interface__["data"][0])
        return d

    def case(self, group, inputs, ops, run, extra=None, record_warnings=False):
        """Records NumPy's result of `run(arrays)`; `extra` adds keys to a successful expectation
        (`{"ulp": 4}`: values may differ by that many units in the last place). With
        `record_warnings`, the warnings NumPy emits are kept too ("Category: message", in order)."""
        buffers = {}
        arrays = [self.arr_of(i, buffers) for i in inputs]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always" if record_warnings else "ignore")
            try:
                res = run(arrays)
                expect = self.describe(res, inputs, arrays, buffers)
                if extra:
                    expect.update(extra)
            except Exception as e:  # noqa: BLE001 - NumPy's error is the expected result
                expect = {"error": type(e).__name__, "message": str(e)}
        if record_warnings:
            expect["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
        cases = self.groups.setdefault(group, [])
        cases.append({"id": f"{group}/{len(cases):05d}", "inputs": inputs, "ops": ops, "expect": expect})

    def write(self):
        total = 0
        for g, cases in sorted(self.groups.items()):
            with open(os.path.join(self.out, f"{g}.json"), "w") as f:
                json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
                f.write("\n")
            total += len(cases)
            print(f"{g}: {len(cases)} cases")
        print(f"total: {total} cases, {len(self.inputs)} input files")

    # ---------- random layouts ----------
    def rand_shape(self, max_nd=5, max_size=64, allow_empty=True):
        r = self.rng
        nd = int(r.integers(0, max_nd + 1))
        while True:
            shape = [int(r.integers(1, 5)) for _ in range(nd)]
            if allow_empty and nd and r.random() < 0.08:
                shape[int(r.integers(0, nd))] = 0
            if int(np.prod(shape)) <= max_size:
                return shape

    def rand_input(self, dtype=None, max_nd=5, shape=None):
        """A layout over a shared base buffer: contiguous, transposed, strided, reversed, offset
        (of a random shape, or of `shape`)."""
        r = self.rng
        dtype = dtype if dtype is not None else DTYPES[int(r.integers(len(DTYPES)))]
        shape = self.rand_shape(max_nd) if shape is None else list(shape)
        kind = r.random()
        if kind < 0.25:  # a plain file array, C or F
            order = "F" if r.random() < 0.4 else "C"
            name = self.base(dtype, int(np.prod(shape)), order, shape)
            return {"npy": name}
        name = self.base(dtype, 720)
        base = self.inputs[name]
        isz = dtype.itemsize
        # Random strides (multiples of itemsize, possibly negative or zero) fitting in 720 items.
        for _ in range(100):
            strides = []
            for n in shape:
                s = int(r.choice([1, 1, 2, 3, -1, -2, 0, 5])) * isz
                strides.append(s)
            if r.random() < 0.3 and shape:  # a dense permuted layout
                perm = r.permutation(len(shape))
                st = isz
                strides = [0] * len(shape)
                for ax in perm[::-1]:
                    strides[ax] = st * (-1 if r.random() < 0.2 else 1)
                    st *= max(shape[ax], 1)
            low = sum(min(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0)
            high = sum(max(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0) + isz
            span = high - low
            if span <= base.nbytes:
                offset = -low + int(r.integers(0, (base.nbytes - span) // isz + 1)) * isz
                inp = {"npy": name, "offset": offset, "shape": shape, "strides": strides}
                if r.random() < 0.1 and isz > 1 and offset + high + 1 <= base.nbytes:
                    inp["offset"] += 1  # unaligned
                return inp
        return {"npy": self.base(dtype, int(np.prod(shape)), "C", shape)}


# ---------- op vocabulary (NumPy side) ----------
def apply(op, a, arrays):
    o = op["op"]
    if o == "index":
        return eval(f"a[{op['expr']}]", {"a": a, "np": np})  # noqa: S307 - our own generated text
    if o == "reshape":
        return a.reshape(tuple(op["shape"]), order=op.get("order", "C"), copy=op.get("copy"))
    if o == "ravel":
        return a.ravel(order=op.get("order", "C"))
    if o == "flatten":
        return a.flatten(order=op.get("order", "C"))
    if o == "copy":
        return a.copy(order=op.get("order", "C"))
    if o == "transpose":
        return a.transpose(*op["axes"]) if op.get("axes") is not None else a.transpose()
    if o == "T":
        return a.T
    if o == "mT":
        return a.mT
    if o == "swapaxes":
        return a.swapaxes(op["a"], op["b"])
    if o == "moveaxis":
        return np.moveaxis(a, op["source"], op["destination"])
    if o == "squeeze":
        return a.squeeze(axis=None if op.get("axis") is None else tuple(op["axis"]))
    if o == "expand_dims":
        return np.expand_dims(a, tuple(op["axis"]))
    if o == "flip":
        return np.flip(a, axis=None if op.get("axis") is None else tuple(op["axis"]))
    if o == "broadcast_to":
        return np.broadcast_to(a, tuple(op["shape"]))
    if o == "as_strided":
        return as_strided(a, shape=tuple(op["shape"]), strides=tuple(op["strides"]), writeable=op.get("writeable", True))
    if o == "sliding_window_view":
        return sliding_window_view(a, tuple(op["window"]), axis=None if op.get("axis") is None else tuple(op["axis"]))
    if o == "diagonal":
        return a.diagonal(op.get("offset", 0), op.get("axis1", 0), op.get("axis2", 1))
    if o == "real":
        return a.real
    if o == "imag":
        return a.imag
    if o == "view":
        return a.view(np.dtype(op["dtype"]))
    if o == "ascontiguousarray":
        return np.ascontiguousarray(a)
    if o == "asfortranarray":
        return np.asfortranarray(a)
    if o == "astype":
        return a.astype(np.dtype(op["dtype"]), order=op.get("order", "K"), casting=op.get("casting", "unsafe"))
    if o in ("shares_memory", "may_share_memory"):
        other = arrays[op["input"]]
        if "other_expr" in op:
            other = eval(f"b[{op['other_expr']}]", {"b": other, "np": np})  # noqa: S307
        f = np.shares_memory if o == "shares_memory" else np.may_share_memory
        return f(a, other, max_work=op.get("max_work"))
    if o == "setitem":
        a[eval(f"np.s_[{op['expr']}]", {"np": np})] = eval(f"a[{op['src']}]", {"a": a, "np": np})  # noqa: S307
        return a
    if o == "fill":
        a.fill(op["value"])
        return a
    if o in ("zeros", "ones", "empty"):
        f = {"zeros": np.zeros, "ones": np.ones, "empty": np.empty}[o]
        return f(tuple(op["shape"]), dtype=np.dtype(op["dtype"]), order=op.get("order", "C"))
    if o == "full":
        return np.full(tuple(op["shape"]), op["value"], dtype=np.dtype(op["dtype"]), order=op.get("order", "C"))
    if o == "arange":
        return np.arange(op["start"], op["stop"], op["step"], dtype=np.dtype(op["dtype"]))
    if o == "linspace":
        return np.linspace(op["start"], op["stop"], op["num"], endpoint=op.get("endpoint", True), dtype=np.dtype(op["dtype"]))
    if o == "eye":
        return np.eye(op["n"], op.get("m"), op.get("k", 0), dtype=np.dtype(op["dtype"]), order=op.get("order", "C"))
    if o in ("empty_like", "zeros_like", "ones_like"):
        f = {"empty_like": np.empty_like, "zeros_like": np.zeros_like, "ones_like": np.ones_like}[o]
        return f(a, dtype=None if op.get("dtype") is None else np.dtype(op["dtype"]), order=op.get("order", "K"))
    for ext in EXTENSIONS:
        r = ext.apply(op, a, arrays)
        if r is not NotImplemented:
            return r
    raise ValueError(f"unknown op {o}")


def run_chain(ops):
    def run(arrays):
        a = arrays[0] if arrays else None
        for op in ops:
            # An op may name the floating-point policy it runs under (all four kinds alike).
            if "errstate" in op:
                with np.errstate(all=op["errstate"]):
                    a = apply(op, a, arrays)
            else:
                a = apply(op, a, arrays)
        return a
    return run


# ---------- random ops ----------
def index_expr(g, shape):
    r = g.rng
    parts = []
    nd = len(shape)
    ax = 0
    used_ellipsis = False
    while ax < nd or (r.random() < 0.2 and len(parts) < nd + 2):
        c = r.random()
        n = shape[ax] if ax < nd else 3
        if c < 0.12:
            parts.append("None")
            continue
        if c < 0.2 and not used_ellipsis:
            parts.append("...")
            used_ellipsis = True
            ax = nd
            continue
        if c < 0.45 and ax < nd:
            parts.append(str(int(r.integers(-n - 1, n + 1))) if n else "0")
        else:
            def b():
                return "" if r.random() < 0.4 else str(int(r.integers(-n - 2, n + 3)))
            step = "" if r.random() < 0.4 else str(int(r.choice([-3, -2, -1, 1, 2, 3])))
            parts.append(f"{b()}:{b()}" + (f":{step}" if step else ""))
        ax += 1
        if ax > nd + 1:
            break
    return ", ".join(parts) if parts else "()"


def rand_view_op(g, shape, dtype):
    r = g.rng
    nd = len(shape)
    c = int(r.integers(0, 16))
    if c <= 3:
        return {"op": "index", "expr": index_expr(g, shape)}
    if c == 4:
        size = int(np.prod(shape))
        cands = [[size], [-1]]
        for d in (2, 3, 4, 6):
            if size and size % d == 0:
                cands.append([d, -1])
                cands.append([-1, d, 1])
        if size == 0:
            cands += [[0, 3], [3, 0, 2]]
        new = cands[int(r.integers(len(cands)))]
        return {"op": "reshape", "shape": new, "order": str(r.choice(["C", "F", "A"])),
                "copy": [None, None, False, True][int(r.integers(4))]}
    if c == 5:
        axes = None if r.random() < 0.4 else [int(x) for x in r.permutation(nd)]
        return {"op": "transpose", "axes": axes}
    if c == 6:
        return {"op": str(r.choice(["T", "mT"]))}
    if c == 7 and nd:
        return {"op": "swapaxes", "a": int(r.integers(-nd, nd)), "b": int(r.integers(-nd, nd))}
    if c == 8 and nd:
        return {"op": "moveaxis", "source": [int(r.integers(-nd, nd))], "destination": [int(r.integers(-nd, nd))]}
    if c == 9:
        ones = [k for k, n in enumerate(shape) if n == 1]
        return {"op": "squeeze", "axis": None if not ones or r.random() < 0.5 else [ones[0]]}
    if c == 10:
        return {"op": "expand_dims", "axis": [int(r.integers(-nd - 1, nd + 1))]}
    if c == 11:
        return {"op": "flip", "axis": None if r.random() < 0.3 or not nd else [int(r.integers(0, nd))]}
    if c == 12:
        target = [int(r.integers(1, 3))] + [n if r.random() < 0.8 or n != 1 else 3 for n in shape]
        return {"op": "broadcast_to", "shape": target}
    if c == 13 and nd >= 2:
        return {"op": "diagonal", "offset": int(r.integers(-2, 3)), "axis1": 0, "axis2": 1}
    if c == 14:
        if dtype.kind == "c":
            return {"op": str(r.choice(["real", "imag"]))}
        return {"op": "view", "dtype": str(r.choice(["<i1", "<u2", "<f4", "<i8", ">i4", "<c16"]))}
    if c == 15 and nd:
        ax = int(r.integers(0, nd))
        return {"op": "sliding_window_view", "window": [int(r.integers(0, shape[ax] + 1))], "axis": [ax]}
    return {"op": "index", "expr": index_expr(g, shape)}


def current(g, inputs, ops):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = run_chain(ops)([g.arr_of(i) for i in inputs])
        return a if isinstance(a, np.ndarray) else None
    except Exception:  # noqa: BLE001
        return None


def gen_views(g, n):
    for _ in range(n):
        inp = g.rand_input()
        ops = []
        for _ in range(int(g.rng.integers(1, 5))):
            a = current(g, [inp], ops)
            if a is None:
                break
            ops.append(rand_view_op(g, list(a.shape), a.dtype))
        g.case("views", [inp], ops, run_chain(ops))


def gen_copies(g, n):
    r = g.rng
    for _ in range(n):
        inp = g.rand_input()
        ops = []
        if r.random() < 0.5:
            a = current(g, [inp], ops)
            ops.append(rand_view_op(g, list(a.shape), a.dtype))
            if current(g, [inp], ops) is None:
                ops = []
        c = int(r.integers(0, 7))
        order = str(r.choice(["C", "F", "A", "K"]))
        if c == 0:
            ops.append({"op": "copy", "order": order})
        elif c == 1:
            ops.append({"op": "flatten", "order": order})
        elif c == 2:
            ops.append({"op": "ravel", "order": order})
        elif c == 3:
            ops.append({"op": str(r.choice(["ascontiguousarray", "asfortranarray"]))})
        else:
            to = DTYPES[int(r.integers(len(DTYPES)))]
            ops.append({"op": "astype", "dtype": to.str, "order": order,
                        "casting": str(r.choice(CASTINGS + ["unsafe", "unsafe"]))})
        g.case("copies", [inp], ops, run_chain(ops))


def gen_memory(g, n):
    r = g.rng
    for _ in range(n):
        dtype = DTYPES[int(r.integers(len(DTYPES)))]
        a = g.rand_input(dtype)
        b = dict(a)
        if "shape" in a and r.random() < 0.8:
            b = g.rand_input(dtype)
            if "shape" not in b:
                b = dict(a)
        ops_b = [rand_view_op(g, list(g.arr_of(b).shape), dtype)]
        if current(g, [b], ops_b) is None:
            ops_b = []
        # Compare a view of input 1 with input 0 via the chain on input 1.
        op = {"op": str(r.choice(["shares_memory", "may_share_memory"])), "input": 1}
        if r.random() < 0.3:
            op["max_work"] = int(r.choice([-1, 0, 1, 5]))
        ops = ops_b + [op]

        def run(arrays, ops_b=ops_b, op=op):
            x = run_chain(ops_b)([arrays[0]])
            return apply(op, x, arrays)
        g.case("memory", [b, a], ops, run)


def gen_create(g, n):
    r = g.rng
    for _ in range(n):
        dtype = DTYPES[int(r.integers(len(DTYPES)))].str
        c = int(r.integers(0, 7))
        shape = g.rand_shape(4, 48)
        order = str(r.choice(["C", "F"]))
        if c == 0:
            op = {"op": str(r.choice(["zeros", "ones"])), "shape": shape, "dtype": dtype, "order": order}
        elif c == 1:
            v = float(r.choice([0.0, 1.0, -1.5, 2.75, 300.0, 1e20]))
            op = {"op": "full", "shape": shape, "value": v, "dtype": dtype, "order": order}
        elif c == 2:
            start = float(r.integers(-10, 10)) + float(r.choice([0, 0.5, 0.25]))
            step = float(r.choice([1, 2, -1, 0.5, -0.75, 3]))
            stop = start + step * float(r.integers(-1, 12)) + float(r.choice([0, 0.1]))
            op = {"op": "arange", "start": start, "stop": stop, "step": step, "dtype": dtype}
        elif c == 3:
            op = {"op": "linspace", "start": float(r.integers(-5, 5)), "stop": float(r.integers(-5, 20)),
                  "num": int(r.integers(0, 12)), "endpoint": bool(r.random() < 0.7), "dtype": dtype}
        elif c == 4:
            op = {"op": "eye", "n": int(r.integers(0, 5)), "m": int(r.integers(0, 5)), "k": int(r.integers(-3, 4)),
                  "dtype": dtype, "order": order}
        else:
            inp = g.rand_input()
            like = str(r.choice(["zeros_like", "ones_like"]))
            op = {"op": like, "dtype": None if r.random() < 0.5 else dtype, "order": str(r.choice(["C", "F", "A", "K"]))}
            g.case("create", [inp], [op], run_chain([op]))
            continue
        g.case("create", [], [op], run_chain([op]))


def gen_assign(g, n):
    r = g.rng
    for _ in range(n):
        dtype = DTYPES[int(r.integers(len(DTYPES)))]
        name = g.base(dtype, int(r.choice([6, 12, 24])))
        a = g.inputs[name]
        size = a.size
        k = int(r.integers(1, 4))
        pairs = [(f"{k}:", f":-{k}"), (f":-{k}", f"{k}:"), ("::-1", ":"), ("::2", "1::2"), ("1::2", "::2"),
                 (f"{k}:", f"{size - k - 1}::-1")]
        dst, src = pairs[int(r.integers(len(pairs)))]
        ops = [{"op": "setitem", "expr": dst, "src": src}]
        if r.random() < 0.3:
            ops = [{"op": "fill", "value": float(r.choice([0, 1, -2.5, 300]))}]
        g.case("assign", [{"npy": name}], ops, run_chain(ops))


def gen_print(g, n):
    r = g.rng
    for i in range(n):
        dtype = DTYPES[i % len(DTYPES)]
        if r.random() < 0.15:
            size = int(r.choice([1001, 1200, 2000]))
            shape = [size] if r.random() < 0.5 else [int(size / 40), 40]
            name = g.base(dtype, int(np.prod(shape)), "C", shape)
            inp = {"npy": name}
        else:
            inp = g.rand_input(dtype)
        g.case("print", [inp], [], run_chain([]))


def gen_edges(g):
    """Hand-picked cases from NumPy's documented surprises."""
    i8 = np.dtype("<i8")
    x10 = g.base(i8, 10, "C", [10])
    x24 = g.base(i8, 24, "C", [2, 3, 4])
    x6 = g.base(i8, 6, "C", [2, 3])
    for expr in ["2:8:-1", "::-1", "5:5", "8:2:-2", "-100:100", "5:-100:-1", "100:0:-1", "...", "()", "None, ...", "1, None"]:
        g.case("edges", [{"npy": x10}], [{"op": "index", "expr": expr}], run_chain([{"op": "index", "expr": expr}]))
    ops_list = [
        [{"op": "index", "expr": "::-1"}, {"op": "index", "expr": ":0"}],
        [{"op": "transpose", "axes": [1, 0, 2]}, {"op": "reshape", "shape": [3, 2, 2, 2]}],
        [{"op": "transpose", "axes": [1, 0, 2]}, {"op": "reshape", "shape": [6, 4]}],
        [{"op": "transpose", "axes": [1, 0, 2]}, {"op": "reshape", "shape": [6, 4], "copy": False}],
        [{"op": "transpose", "axes": [1, 0, 2]}, {"op": "ravel", "order": "K"}],
        [{"op": "index", "expr": ":, :, ::2"}, {"op": "reshape", "shape": [6, 2]}],
        [{"op": "T"}, {"op": "reshape", "shape": [24]}],
        [{"op": "T"}, {"op": "reshape", "shape": [24], "order": "A"}],
        [{"op": "reshape", "shape": [4, -1, 3]}],
        [{"op": "reshape", "shape": [-1, -1]}],
        [{"op": "reshape", "shape": [5, -1]}],
        [{"op": "reshape", "shape": [24], "order": "K"}],
        [{"op": "moveaxis", "source": [0], "destination": [-1]}],
        [{"op": "transpose", "axes": [0, 1]}],
        [{"op": "transpose", "axes": [0, 0, 1]}],
        [{"op": "squeeze", "axis": [0]}],
        [{"op": "index", "expr": "..., ..."}],
        [{"op": "index", "expr": "0, 0, 0, 0"}],
        [{"op": "index", "expr": "5"}],
        [{"op": "broadcast_to", "shape": [3, 3, 4]}],
        [{"op": "broadcast_to", "shape": []}],
        [{"op": "sliding_window_view", "window": [2, 2], "axis": [1, 1]}],
        [{"op": "diagonal", "offset": 1, "axis1": 2, "axis2": 0}],
        [{"op": "view", "dtype": "<i4"}],
        [{"op": "T"}, {"op": "view", "dtype": "<i4"}],
        [{"op": "imag"}],
        [{"op": "real"}],
        [{"op": "mT"}, {"op": "copy", "order": "K"}],
        [{"op": "index", "expr": "::-1, :, ::-1"}, {"op": "flatten", "order": "K"}],
        [{"op": "index", "expr": "::-1, :, ::-1"}, {"op": "copy", "order": "K"}],
    ]
    for ops in ops_list:
        g.case("edges", [{"npy": x24}], ops, run_chain(ops))
    for ops in [[{"op": "T"}, {"op": "index", "expr": "::-1"}, {"op": "ravel", "order": "K"}],
                [{"op": "T"}, {"op": "index", "expr": "::-1"}, {"op": "copy", "order": "K"}],
                [{"op": "index", "expr": ":, :0"}], [{"op": "reshape", "shape": [6], "copy": False}],
                [{"op": "expand_dims", "axis": [0, 0]}], [{"op": "mT"}, {"op": "mT"}]]:
        g.case("edges", [{"npy": x6}], ops, run_chain(ops))
    e = g.base(np.dtype("<f8"), 0, "C", [0, 5])
    for ops in [[{"op": "reshape", "shape": [-1, 5]}], [{"op": "reshape", "shape": [0, -1]}],
                [{"op": "reshape", "shape": [5, 0]}]]:
        g.case("edges", [{"npy": e}], ops, run_chain(ops))
    # K order with zero strides and length-1 axes with arbitrary strides (the iterator ignores both).
    f4 = g.base(np.dtype("<f4"), 720)
    for shape, strides in [([3, 1, 2, 3, 1], [4, 20, 4, 0, 12]), ([4, 8], [0, 4]), ([8, 4], [4, 0]), ([2, 3, 4], [8, 0, 4])]:
        inp = {"npy": f4, "offset": 400, "shape": shape, "strides": strides}
        for op in ("flatten", "ravel", "copy"):
            ops = [{"op": op, "order": "K"}]
            g.case("edges", [inp], ops, run_chain(ops))
    y = g.base(np.dtype("<i4"), 4, "C", [4])
    for k in (7, 8):
        ops = [{"op": "view", "dtype": "|i1"}, {"op": "index", "expr": f"{k}:{k + 1}"},
               {"op": "shares_memory", "input": 1, "other_expr": "1:2"}]
        g.case("edges", [{"npy": y}, {"npy": y}], ops, run_chain(ops))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases"))
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    g = Gen(args.out, args.seed)
    s = args.scale
    gen_edges(g)
    gen_views(g, int(1200 * s))
    gen_copies(g, int(900 * s))
    gen_memory(g, int(300 * s))
    gen_create(g, int(250 * s))
    gen_assign(g, int(120 * s))
    gen_print(g, int(140 * s))
    g.DTYPES, g.run_chain = DTYPES, run_chain
    for ext in EXTENSIONS:
        ext.generate(g, s)
    for ext in EXTENSIONS:  # cases added later to a family, from their own random streams
        if hasattr(ext, "generate_late"):
            ext.generate_late(g, s)
    g.write()


if __name__ == "__main__":
    main()

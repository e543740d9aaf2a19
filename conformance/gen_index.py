"""Conformance cases for advanced indexing, joining and splitting (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). This family uses
its own random stream and its own input files (`ix_*.npy`), so its cases do not change when other
families change, and other families' cases do not change because of it.

Ops (the first input is `a`; `args` are the inputs after it):

| op | arguments | NumPy |
|---|---|---|
| `fancy_get` | `expr` (`{k}` names `args[k]`) | `a[expr]` |
| `fancy_set` | `expr`, `value` (input number) | `a[expr] = inputs[value]`; the result is `a` |
| `take` | `indices` (input), `axis`, `mode`, optional `out` (input) | `np.take(a, ..., axis, out=, mode=)` |
| `put` | `indices`, `values` (inputs), `mode` | `np.put(a, ...)`; the result is `a` |
| `nonzero`, `flatnonzero`, `argwhere`, `where1` | | `np.nonzero(a)` ... `np.where(a)` |
| `compress` | `condition` (input), `axis` | `np.compress(cond, a, axis)` |
| `concatenate`, `stack` | `axis`; optional `n` (join only the first `n` inputs), `out` (input), `dtype`, `casting` | over all inputs |
| `vstack`, `hstack`, `dstack`, `column_stack` | | over all inputs |
| `split`, `array_split` | `sections` (int or list), `axis` | |
| `repeat` | `repeats` (int or list), `axis` | |
| `tile` | `reps` (list) | |
| `append` | `values` (input), `axis` | |
| `insert` | `obj` (int, list, or `{"slice": [start, stop, step]}`), `values` (input), `axis` | |
| `delete` | `obj`, `axis` | |
"""
import argparse
import os
import sys

import numpy as np

SEED_SALT = 0x1DE7


def _seed():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--seed", type=int, default=20261122)
    return ap.parse_known_args(sys.argv[1:])[0].seed


def _obj(o):
    if isinstance(o, dict) and "slice" in o:
        return slice(*o["slice"])
    return o


def _sections(s):
    return s if isinstance(s, int) else list(s)


def apply(op, a, arrays):
    o = op["op"]
    args = arrays[1:]
    if o == "fancy_get":
        return eval(f"a[{_expr_py(op['expr'])}]", {"a": a, "np": np}, _Fmt(args))  # noqa: S307
    if o == "fancy_set":
        key = eval(f"np.s_[{_expr_py(op['expr'])}]", {"np": np}, _Fmt(args))  # noqa: S307
        a[key] = arrays[op["value"]]
        return a
    kw = {}
    if "out" in op:
        kw["out"] = arrays[op["out"]]
    if "dtype" in op:
        kw["dtype"] = np.dtype(op["dtype"])
    if "casting" in op:
        kw["casting"] = op["casting"]
    if o == "take":
        return np.take(a, arrays[op["indices"]], axis=op.get("axis"), mode=op.get("mode", "raise"), **kw)
    if o == "put":
        np.put(a, arrays[op["indices"]], arrays[op["values"]], mode=op.get("mode", "raise"))
        return a
    if o == "nonzero":
        return np.nonzero(a)
    if o == "flatnonzero":
        return np.flatnonzero(a)
    if o == "argwhere":
        return np.argwhere(a)
    if o == "where1":
        return np.where(a)
    if o == "compress":
        return np.compress(arrays[op["condition"]], a, axis=op.get("axis"))
    joined = arrays[:op.get("n", len(arrays))]
    if o == "concatenate":
        return np.concatenate(joined, axis=op.get("axis"), **kw)
    if o == "stack":
        return np.stack(joined, axis=op.get("axis", 0), **kw)
    if o in ("vstack", "hstack", "dstack", "column_stack"):
        return getattr(np, o)(arrays)
    if o in ("split", "array_split"):
        return getattr(np, o)(a, _sections(op["sections"]), axis=op.get("axis", 0))
    if o == "repeat":
        return np.repeat(a, op["repeats"], axis=op.get("axis"))
    if o == "tile":
        return np.tile(a, tuple(op["reps"]))
    if o == "append":
        return np.append(a, arrays[op["values"]], axis=op.get("axis"))
    if o == "insert":
        return np.insert(a, _obj(op["obj"]), arrays[op["values"]], axis=op.get("axis"))
    if o == "delete":
        return np.delete(a, _obj(op["obj"]), axis=op.get("axis"))
    return NotImplemented


class _Fmt(dict):
    """Locals for eval: `{k}` placeholders are rewritten to `args[k]` before evaluation."""

    def __init__(self, args):
        super().__init__()
        for k, x in enumerate(args):
            self[f"_arg{k}"] = x


def _expr_py(expr):
    """The index text with `{k}` placeholders as Python names."""
    out, i = [], 0
    while i < len(expr):
        if expr[i] == "{":
            j = expr.index("}", i)
            out.append(f"_arg{expr[i + 1:j]}")
            i = j + 1
        else:
            out.append(expr[i])
            i += 1
    return "".join(out)


class Family:
    def __init__(self, g, seed):
        self.g = g
        self.rng = np.random.default_rng(seed ^ SEED_SALT)
        self.dtypes = g.DTYPES
        self.count = 0

    def next_id(self):
        """A serial number for input names (our own, so other families' inputs never shift ours)."""
        self.count += 1
        return self.count

    # ---------- inputs ----------
    def values(self, dtype, n):
        saved = self.g.rng
        self.g.rng = self.rng
        try:
            return self.g.values(dtype, n)
        finally:
            self.g.rng = saved

    def save(self, name, a):
        if name not in self.g.inputs:
            self.g.inputs[name] = a
            np.save(os.path.join(self.g.out, "inputs", name + ".npy"), a)
        return name

    def tag(self, dtype):
        return dtype.str.replace("<", "le").replace(">", "be").replace("|", "")

    def base(self, dtype, n=160):
        name = f"ix_{self.tag(dtype)}_{n}"
        if name not in self.g.inputs:
            self.save(name, self.values(dtype, n))
        return name

    def plain(self, arr, name):
        return {"npy": self.save(name, arr)}

    def shape(self, max_nd=4, max_size=24, empty=0.06):
        r = self.rng
        nd = int(r.integers(0, max_nd + 1))
        while True:
            s = [int(r.integers(1, 5)) for _ in range(nd)]
            if nd and r.random() < empty:
                s[int(r.integers(0, nd))] = 0
            if int(np.prod(s)) <= max_size:
                return s

    def layout(self, dtype=None, shape=None, zero_strides=True):
        """An input: a C or F file array, or a strided view (negative, sliced, permuted,
        broadcast) into a base buffer."""
        r = self.rng
        dtype = dtype if dtype is not None else self.dtypes[int(r.integers(len(self.dtypes)))]
        shape = self.shape() if shape is None else shape
        n = int(np.prod(shape))
        kind = r.random()
        if kind < 0.3:
            order = "F" if r.random() < 0.4 else "C"
            a = np.asarray(self.values(dtype, n).reshape(shape), order=order)
            name = f"ix_{self.tag(dtype)}_{order}_{'x'.join(map(str, shape)) or 's'}_{self.next_id()}"
            return self.plain(a, name)
        name = self.base(dtype)
        isz = dtype.itemsize
        nbytes = 160 * isz
        for _ in range(50):
            mults = [1, 1, 2, -1, -2, 3] + ([0] if zero_strides else [])
            strides = [int(r.choice(mults)) * isz for _ in shape]
            if r.random() < 0.35 and shape:
                perm = r.permutation(len(shape))
                st = isz
                strides = [0] * len(shape)
                for ax in perm[::-1]:
                    strides[ax] = st * (-1 if r.random() < 0.25 else 1)
                    st *= max(shape[ax], 1)
            low = sum(min(0, s * (k - 1)) for s, k in zip(strides, shape) if k > 0)
            high = sum(max(0, s * (k - 1)) for s, k in zip(strides, shape) if k > 0) + isz
            if high - low <= nbytes:
                off = -low + int(r.integers(0, (nbytes - (high - low)) // isz + 1)) * isz
                return {"npy": name, "offset": off, "shape": shape, "strides": strides}
        a = self.values(dtype, n).reshape(shape)
        return self.plain(a, f"ix_{self.tag(dtype)}_C_{'x'.join(map(str, shape)) or 's'}_{self.next_id()}")

    def index_array(self, values, shape):
        """An integer index array input of a random integer dtype and order."""
        r = self.rng
        dt = np.dtype(str(r.choice(["<i8", "<i8", "<i4", "<i2", "<u2", ">i8", "<u1", "|i1", "<u8"])))
        v = np.asarray(values).reshape(shape)
        if dt.kind == "u":
            v = np.abs(v)
        info = np.iinfo(dt)
        v = np.clip(v, info.min, info.max).astype(dt)
        if r.random() < 0.3 and v.ndim >= 2:
            v = np.asfortranarray(v)
        return self.plain(v, f"ix_idx_{dt.str.replace('<', 'le').replace('>', 'be').replace('|', '')}_{self.next_id()}")

    def mask_input(self, shape):
        m = self.rng.random(shape) < 0.5
        return self.plain(m, f"ix_mask_{'x'.join(map(str, shape)) or 's'}_{self.next_id()}")

    def current(self, inputs):
        return [self.g.arr_of(i, {}) for i in inputs]

    # ---------- index expressions ----------
    def int_list(self, n, shape):
        r = self.rng
        size = int(np.prod(shape))
        hi = max(n, 1)
        vals = r.integers(-hi, hi, size) if n else np.zeros(size, int)
        if r.random() < 0.08 and size:  # out of bounds
            vals[int(r.integers(0, size))] = int(r.choice([n, -n - 1, n + 3]))
        v = np.asarray(vals).reshape(shape)
        return v

    def literal(self, v):
        return repr(v.tolist()).replace(" ", "") if self.rng.random() < 0.5 else repr(v.tolist())

    def fancy_expr(self, shape, inputs, allow_mask=True):
        """A random general index for `shape`; may append placeholder inputs."""
        r = self.rng
        nd = len(shape)
        parts = []
        ax = 0
        used_ellipsis = False
        n_arrays = 0
        bshapes = [[2], [3], [1], [2, 2], [0], [2, 1], [1, 3]]
        bshape = bshapes[int(r.integers(len(bshapes)))]
        while ax < nd or (r.random() < 0.15 and len(parts) < nd + 2):
            c = r.random()
            n = shape[ax] if ax < nd else 0
            if ax >= nd:
                c = r.random() * 0.35
            if c < 0.06:
                parts.append("None")
                continue
            if c < 0.1 and not used_ellipsis:
                parts.append("...")
                used_ellipsis = True
                ax = nd
                continue
            if c < 0.13:
                parts.append(str(bool(r.random() < 0.7)))
                n_arrays += 1
                continue
            if ax >= nd:
                continue
            if c < 0.3:
                parts.append(str(int(r.integers(-n, n))) if n else "0")
            elif c < 0.5:
                def b():
                    return "" if r.random() < 0.4 else str(int(r.integers(-n - 1, n + 2)))
                step = "" if r.random() < 0.5 else str(int(r.choice([-2, -1, 1, 2, 3])))
                parts.append(f"{b()}:{b()}" + (f":{step}" if step else ""))
            elif c < 0.82 or not allow_mask:
                sh = bshape if r.random() < 0.75 else [int(r.integers(1, 4))]
                v = self.int_list(n, sh)
                if r.random() < 0.3:
                    inputs.append(self.index_array(v, sh))
                    parts.append("{%d}" % (len(inputs) - 2))
                else:
                    parts.append(self.literal(v) if v.size else "[]")
                n_arrays += 1
            else:
                k = 1 if r.random() < 0.7 or ax + 1 >= nd else 2
                msh = list(shape[ax:ax + k])
                if r.random() < 0.06 and msh:
                    msh[0] += 1  # mismatch
                if r.random() < 0.5 or k > 1:
                    inputs.append(self.mask_input(msh))
                    parts.append("{%d}" % (len(inputs) - 2))
                else:
                    parts.append(repr((r.random(msh) < 0.5).tolist()))
                n_arrays += 1
                ax += k
                continue
            ax += 1
        if r.random() < 0.1 and nd:  # a whole-array mask
            inputs.append(self.mask_input(list(shape)))
            return "{%d}" % (len(inputs) - 2)
        return ", ".join(parts) if parts else "()"

    # ---------- families of cases ----------
    def case(self, group, inputs, ops):
        run = self.g.run_chain(ops)
        self.g.case(group, inputs, ops, run)

    def gen_get(self, n):
        for _ in range(n):
            inp = [self.layout()]
            shape = inp[0]["shape"] if "shape" in inp[0] else list(self.g.inputs[inp[0]["npy"]].shape)
            expr = self.fancy_expr(shape, inp)
            self.case("fancy", inp, [{"op": "fancy_get", "expr": expr}])

    def gen_set(self, n, self_overlapping=False):
        r = self.rng
        for _ in range(n):
            inp = [self.layout(zero_strides=False)]
            while self_overlapping and not _self_overlaps(inp[0]):
                inp = [self.layout(zero_strides=False)]
            shape = inp[0]["shape"] if "shape" in inp[0] else list(self.g.inputs[inp[0]["npy"]].shape)
            expr = self.fancy_expr(shape, inp)
            try:
                a = self.current(inp)
                res_shape = list(eval(f"a[{_expr_py(expr)}]", {"a": a[0], "np": np}, _Fmt(a[1:])).shape)  # noqa: S307
            except Exception:  # noqa: BLE001
                res_shape = [2]
            c = r.random()
            if c < 0.15:
                vshape = []
            elif c < 0.3 and res_shape:
                vshape = res_shape[1:]
            elif c < 0.38:
                vshape = [1] + res_shape
            elif c < 0.45:
                vshape = [int(x) + 1 for x in res_shape] or [2]
            else:
                vshape = res_shape
            vd = self.dtypes[int(r.integers(len(self.dtypes)))] if r.random() < 0.4 else np.dtype(
                self.g.inputs[inp[0]["npy"]].dtype)
            if vd.kind == "c" and np.dtype(self.g.inputs[inp[0]["npy"]].dtype).kind != "c":
                vd = np.dtype("<f8")
            inp.append(self.layout(dtype=vd, shape=vshape))
            group = "fancy_set_overlap" if self_overlapping else "fancy_set"
            self.case(group, inp, [{"op": "fancy_set", "expr": expr, "value": len(inp) - 1}])

    def gen_select(self, n):
        r = self.rng
        for _ in range(n):
            c = r.random()
            inp = [self.layout()]
            shape = inp[0]["shape"] if "shape" in inp[0] else list(self.g.inputs[inp[0]["npy"]].shape)
            nd = len(shape)
            if c < 0.3:
                axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd + (r.random() < 0.05)))
                n_ax = int(np.prod(shape)) if axis is None else (shape[axis] if -nd <= axis < nd else 3)
                shs = [[3], [2, 2], [0], [], [4]]
                sh = shs[int(r.integers(len(shs)))]
                inp.append(self.index_array(self.int_list(n_ax, sh) * (3 if r.random() < 0.2 else 1), sh))
                mode = str(r.choice(["raise", "raise", "wrap", "clip"]))
                self.case("fancy_take", inp, [{"op": "take", "indices": 1, "axis": axis, "mode": mode}])
            elif c < 0.45:
                inp = [self.layout(zero_strides=False)]
                shape = inp[0]["shape"] if "shape" in inp[0] else list(self.g.inputs[inp[0]["npy"]].shape)
                size = int(np.prod(shape))
                sh = [int(r.integers(0, 5))]
                v = self.int_list(size, sh)
                inp.append(self.plain(np.abs(v) if r.random() < 0.1 else v, f"ix_put_{self.next_id()}"))
                vd = self.dtypes[int(r.integers(len(self.dtypes)))]
                if vd.kind == "c":
                    vd = np.dtype("<f8")
                inp.append(self.layout(dtype=vd, shape=[int(r.integers(0, 4))]))
                mode = str(r.choice(["raise", "raise", "wrap", "clip"]))
                self.case("fancy_take", inp, [{"op": "put", "indices": 1, "values": 2, "mode": mode}])
            elif c < 0.8:
                if r.random() < 0.5:
                    inp = [self.layout(dtype=np.dtype("?"))]
                op = str(r.choice(["nonzero", "flatnonzero", "argwhere", "where1"]))
                self.case("fancy_nonzero", inp, [{"op": op}])
            else:
                axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
                n_ax = int(np.prod(shape)) if axis is None else shape[axis]
                length = max(0, n_ax + int(r.choice([0, 0, 0, -1, 1])))
                cond_shape = [length] if r.random() < 0.95 else [1, length]
                cd = np.dtype("?") if r.random() < 0.7 else np.dtype("<i4")
                inp.append(self.layout(dtype=cd, shape=cond_shape))
                self.case("fancy_take", inp, [{"op": "compress", "condition": 1, "axis": axis}])

    def join_inputs(self, k, shape, axis_vary=None, dtype=None):
        r = self.rng
        out = []
        for _ in range(k):
            s = list(shape)
            if axis_vary is not None and s:
                s[axis_vary] = int(r.integers(0, 4))
            d = dtype if dtype is not None and r.random() < 0.7 else self.dtypes[int(r.integers(len(self.dtypes)))]
            out.append(self.layout(dtype=d, shape=s))
        return out

    def gen_join(self, n):
        r = self.rng
        for _ in range(n):
            c = r.random()
            d0 = self.dtypes[int(r.integers(len(self.dtypes)))]
            shape = self.shape(max_nd=3, max_size=12, empty=0.04)
            nd = len(shape)
            k = int(r.integers(1, 4))
            if c < 0.3:
                axis = None if r.random() < 0.15 else (int(r.integers(-nd, nd + (r.random() < 0.05))) if nd else 0)
                vary = (axis % nd) if axis is not None and nd and -nd <= axis < nd else None
                inp = self.join_inputs(k, shape, vary, d0)
                if r.random() < 0.08 and len(inp) > 1:  # mismatched ndim or shape
                    inp[1] = self.layout(dtype=d0, shape=self.shape(max_nd=3, max_size=12))
                self.case("join", inp, [{"op": "concatenate", "axis": axis}])
            elif c < 0.45:
                inp = self.join_inputs(k, shape, None, d0)
                if r.random() < 0.06 and len(inp) > 1:
                    inp[1] = self.layout(dtype=d0, shape=self.shape(max_nd=3, max_size=12))
                self.case("join", inp, [{"op": "stack", "axis": int(r.integers(-nd - 1, nd + 1 + (r.random() < 0.05)))}])
            elif c < 0.6:
                op = str(r.choice(["vstack", "hstack", "dstack", "column_stack"]))
                vary = int(r.integers(0, nd)) if nd and r.random() < 0.5 else None
                inp = self.join_inputs(k, shape, vary, d0)
                self.case("join", inp, [{"op": op}])
            elif c < 0.72:
                inp = [self.layout(dtype=d0, shape=shape)]
                axis = int(r.integers(-nd, nd + (r.random() < 0.05))) if nd else 0
                if r.random() < 0.5:
                    sections = int(r.integers(1, 5)) if r.random() < 0.95 else 0
                else:
                    sections = sorted(int(x) for x in r.integers(-4, 6, int(r.integers(0, 4))))
                    if r.random() < 0.3:
                        sections = sections[::-1]
                op = str(r.choice(["split", "array_split"]))
                if op == "split" and sections == 0:
                    sections = 1
                self.case("join_split", inp, [{"op": op, "sections": sections, "axis": axis}])
            elif c < 0.8:
                inp = [self.layout(dtype=d0, shape=shape)]
                axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
                n_ax = int(np.prod(shape)) if axis is None else shape[axis]
                if r.random() < 0.5:
                    rep = int(r.integers(-1 if r.random() < 0.05 else 0, 4))
                else:
                    rep = [int(x) for x in r.integers(0, 4, n_ax + (1 if r.random() < 0.06 else 0))]
                    if rep and r.random() < 0.05:
                        rep[0] = -1
                self.case("join_repeat", inp, [{"op": "repeat", "repeats": rep, "axis": axis}])
            elif c < 0.86:
                inp = [self.layout(dtype=d0, shape=shape)]
                reps = [int(x) for x in r.integers(1, 3, int(r.integers(0, 4)))]
                self.case("join_repeat", inp, [{"op": "tile", "reps": reps}])
            elif c < 0.91:
                axis = None if r.random() < 0.4 or not nd else int(r.integers(-nd, nd))
                vary = (axis % nd) if axis is not None else None
                inp = self.join_inputs(2, shape, vary, d0)
                if axis is None:
                    inp[1] = self.layout(shape=self.shape(max_nd=2, max_size=6))
                self.case("join_edit", inp, [{"op": "append", "values": 1, "axis": axis}])
            else:
                inp = [self.layout(dtype=d0, shape=shape)]
                axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
                n_ax = int(np.prod(shape)) if axis is None else shape[axis]
                cc = r.random()
                if cc < 0.4:
                    obj = int(r.integers(-n_ax - 1, n_ax + 2)) if n_ax else 0
                elif cc < 0.75:
                    obj = [int(x) for x in r.integers(-n_ax, n_ax + 1, int(r.integers(0, 4)))] if n_ax else []
                else:
                    obj = {"slice": [int(r.integers(-n_ax - 1, n_ax + 1)) if r.random() < 0.7 else None,
                                     int(r.integers(-n_ax - 1, n_ax + 2)) if r.random() < 0.7 else None,
                                     int(r.choice([1, 2, -1, 3])) if r.random() < 0.6 else None]}
                if r.random() < 0.5:
                    if isinstance(obj, int) and n_ax and obj == n_ax:
                        obj = n_ax - 1
                    self.case("join_edit", inp, [{"op": "delete", "obj": obj, "axis": axis}])
                else:
                    try:
                        a = self.current(inp)[0]
                        probe = np.insert(a, _obj(obj), 0, axis=axis)
                        del probe
                        vs = list(a.shape) if axis is None else []
                        if axis is not None:
                            cnt = 1 if isinstance(obj, int) else len(range(*_obj(obj).indices(n_ax))) if isinstance(obj, dict) else len(obj)
                            vs = list(a.shape)
                            vs[axis] = cnt
                            if isinstance(obj, int):
                                vs = vs[:axis] + vs[axis + 1:]
                        vshape = [] if r.random() < 0.3 else ([1] if axis is None else vs)
                    except Exception:  # noqa: BLE001
                        vshape = []
                    vd = d0 if r.random() < 0.7 else np.dtype("<i8")
                    if vd.kind == "c" and d0.kind != "c":
                        vd = np.dtype("<i8")
                    inp.append(self.layout(dtype=vd, shape=vshape))
                    self.case("join_edit", inp, [{"op": "insert", "obj": obj, "values": 1, "axis": axis}])


def generate(g, scale):
    f = Family(g, _seed())
    s = scale
    f.gen_get(int(420 * s))
    f.gen_set(int(220 * s))
    f.gen_select(int(200 * s))
    f.gen_join(int(320 * s))


OUT_DTYPES = ["<f8", "<f8", "<f4", "<i8", "<i4", "|i1", "|u1", "|b1", "<c16", ">f8", "<f2"]
CASTINGS = ["no", "equiv", "safe", "same_kind", "same_kind", "unsafe"]


class Args(Family):
    """concatenate/stack with out=, dtype=, casting= and take with out= (own random stream;
    input numbers far above `Family`'s so no name is shared)."""

    def __init__(self, g, seed):
        super().__init__(g, seed)
        self.count = 100000

    def out_input(self, shape, dtype):
        r = self.rng
        dtype = np.dtype(dtype)
        if r.random() < 0.6 or not shape or 0 in shape:
            order = "F" if r.random() < 0.3 else "C"
            a = np.asarray(np.zeros(shape, dtype), order=order)
            return self.plain(a, f"ix_out_{self.tag(dtype)}_{order}_{'x'.join(map(str, shape)) or 's'}")
        big = list(shape)
        big[-1] *= 2
        a = np.zeros(big, dtype)
        name = self.save(f"ix_out_{self.tag(dtype)}_C_{'x'.join(map(str, big))}", a)
        strides = list(a.strides)
        strides[-1] *= 2
        off = 0
        if r.random() < 0.5:
            off = (big[-1] - 2) * a.itemsize
            strides[-1] = -strides[-1]
        return {"npy": name, "offset": off, "shape": list(shape), "strides": strides}

    def probe(self, inputs, ops):
        try:
            return self.g.run_chain(ops)([self.g.arr_of(i, {}) for i in inputs])
        except Exception:  # noqa: BLE001
            return None

    def maybe_wrong(self, shape):
        r = self.rng
        if r.random() > 0.12:
            return list(shape)
        s = list(shape)
        if s and r.random() < 0.6:
            s[int(r.integers(0, len(s)))] += 1
        else:
            s = s + [1]
        return s

    def gen_args(self, n):
        r = self.rng
        for _ in range(n):
            c = r.random()
            d0 = self.dtypes[int(r.integers(len(self.dtypes)))]
            shape = self.shape(max_nd=3, max_size=12, empty=0.04)
            nd = len(shape)
            if c < 0.65:
                op_name = "concatenate" if r.random() < 0.7 else "stack"
                k = int(r.integers(1, 4))
                if op_name == "concatenate":
                    axis = None if r.random() < 0.25 or not nd else int(r.integers(-nd, nd))
                    vary = (axis % nd) if axis is not None else None
                else:
                    axis = int(r.integers(-nd - 1, nd + 1))
                    vary = None
                inp = self.join_inputs(k, shape, vary, d0)
                op = {"op": op_name, "axis": axis, "n": k}
                if r.random() < 0.5:
                    op["casting"] = str(r.choice(CASTINGS))
                cc = r.random()
                if cc < 0.4:
                    op["dtype"] = str(r.choice(OUT_DTYPES))
                elif cc < 0.85:
                    res = self.probe(inp, [op])
                    if res is not None:
                        inp.append(self.out_input(self.maybe_wrong(res.shape), str(r.choice(OUT_DTYPES))))
                        op["out"] = len(inp) - 1
                        if r.random() < 0.03:
                            op["dtype"] = "<f8"
                self.case("join_args", inp, [op])
            else:
                inp = [self.layout(shape=shape)]
                axis = None if r.random() < 0.3 or not nd else int(r.integers(-nd, nd))
                n_ax = int(np.prod(shape)) if axis is None else shape[axis]
                shs = [[3], [2, 2], [0], [], [2]]
                sh = shs[int(r.integers(len(shs)))]
                inp.append(self.index_array(self.int_list(n_ax, sh) * (3 if r.random() < 0.2 else 1), sh))
                mode = str(r.choice(["raise", "raise", "wrap", "clip"]))
                op = {"op": "take", "indices": 1, "axis": axis, "mode": mode}
                res = self.probe(inp, [op])
                if res is None:
                    continue
                inp.append(self.out_input(self.maybe_wrong(res.shape), str(r.choice(OUT_DTYPES))))
                op["out"] = len(inp) - 1
                self.case("fancy_take_args", inp, [op])


def _self_overlaps(inp):
    """Whether a strided input's elements share bytes (a destination whose write order shows)."""
    if "strides" not in inp:
        return False
    offs = [0]
    for n, st in zip(inp["shape"], inp["strides"]):
        offs = [o + k * st for o in offs for k in range(n)]
    return len(offs) > 1 and len(set(offs)) < len(offs)


def generate_late(g, scale):
    """Called by `gen_cases.py` after every family's `generate`."""
    Args(g, _seed() ^ 0xA7).gen_args(int(260 * scale))
    # Assignments into destinations that overlap themselves: the last write wins, so these
    # check that the walk over each block of the subspace is NumPy's (own stream and group).
    late = Family(g, _seed() ^ 0x0E7)
    late.count = 200000  # input names of its own
    late.gen_set(int(60 * scale), self_overlapping=True)
    generate_error_order(g)
    generate_set_order(g)


def generate_set_order(g):
    """Fancy assignments whose blocks hold one element, into destinations that overlap
    themselves (group `fancy_set_order`, fixed inputs): NumPy walks the index arrays and the
    value together in their K order, so the value's layout (C, F, reversed, broadcast, another
    dtype, a view of the destination) picks which write lands last."""
    def save(name, a):
        if name not in g.inputs:
            g.inputs[name] = a
            np.save(os.path.join(g.out, "inputs", name + ".npy"), a)
        return name

    base = save("so_f8_40", np.arange(40, dtype="<f8") * 0.5 - 7)
    vals = save("so_val_f8_48", (np.arange(48, dtype="<f8") - 20) * 1.25)
    vals_be = save("so_val_bei4_48", np.arange(48, dtype=">i4") * 3 - 50)
    dests = [
        {"npy": base, "offset": 0, "shape": [4, 3], "strides": [8, 8]},
        {"npy": base, "offset": 16, "shape": [3, 4], "strides": [16, 8]},
        {"npy": base, "offset": 0, "shape": [3, 3, 2], "strides": [16, 8, 8]},
    ]
    # Value views over a 2x3 result: C, F, both axes reversed, F reversed, a broadcast row and
    # column, big-endian int32 in F order.
    values = [
        {"npy": vals, "offset": 0, "shape": [2, 3], "strides": [24, 8]},
        {"npy": vals, "offset": 0, "shape": [2, 3], "strides": [8, 16]},
        {"npy": vals, "offset": 40, "shape": [2, 3], "strides": [-24, -8]},
        {"npy": vals, "offset": 40, "shape": [2, 3], "strides": [-8, -16]},
        {"npy": vals, "offset": 8, "shape": [2, 3], "strides": [0, 8]},
        {"npy": vals, "offset": 8, "shape": [2, 3], "strides": [8, 0]},
        {"npy": vals_be, "offset": 0, "shape": [2, 3], "strides": [4, 8]},
    ]
    for d in dests:
        nd = len(d["shape"])
        tails = {2: ["", ", None", ", ..."], 3: [", 1", ", 0:1", ", :", ", ::-1"]}[nd]
        lead = "[[2], [0]], [1, 0, 2]" if nd == 2 else "[[1], [0]], [2, 0, 1]"
        dst = np.empty(d["shape"])
        for tail in tails:
            extra = list(eval(f"dst[{lead + tail}]", {"dst": dst}).shape[2:])  # noqa: S307
            own = {"npy": base, "offset": 80, "shape": [2, 3], "strides": [8, 16]}
            for v in values + [own]:
                # Trailing result axes: the value steps 8 bytes along them (values may overlap).
                v = dict(v, shape=v["shape"] + extra, strides=v["strides"] + [8] * len(extra))
                ops = [{"op": "fancy_set", "expr": lead + tail, "value": 1}]
                g.case("fancy_set_order", [d, v], ops, g.run_chain(ops))


def generate_error_order(g):
    """Which error NumPy reports when several could be (group `errors_order`, fixed inputs): the
    first bad value of an index array in its memory order, a source's leading length-1 axes
    stripped from a broadcast error, and mean/var/std broadcasting `where=` before `axis`."""
    def save(name, a):
        if name not in g.inputs:
            g.inputs[name] = a
            np.save(os.path.join(g.out, "inputs", name + ".npy"), a)
        return name

    base = save("eo_f8_24", np.arange(24, dtype="<f8"))
    idx = save("eo_idx_i8_12", np.array([0, 7, 1, 9, 2, -8, 3, 5, 0, 6, 4, -9], dtype="<i8"))
    views = [
        {"npy": idx, "offset": 0, "shape": [2, 2], "strides": [8, 16]},  # F order: 0 1 / 7 9
        {"npy": idx, "offset": 0, "shape": [2, 3], "strides": [8, 16]},
        {"npy": idx, "offset": 88, "shape": [4], "strides": [-16]},  # -9 6 3 2
        {"npy": idx, "offset": 88, "shape": [2, 3], "strides": [-8, -16]},
        {"npy": idx, "offset": 8, "shape": [3, 2], "strides": [24, 8]},
        {"npy": idx, "offset": 8, "shape": [2, 3], "strides": [0, 24]},
    ]
    for v in views:
        for shape in ([6, 4], [4, 6], [2, 12]):
            arr = {"npy": base, "offset": 0, "shape": shape, "strides": [8 * shape[1], 8]}
            for expr in ("{0}", "{0}, ...", ":, {0}", "{0}, {0}", "{0}, 1", "{0}, 1:2"):
                g.case("errors_order", [arr, v], [{"op": "fancy_get", "expr": expr}], g.run_chain([{"op": "fancy_get", "expr": expr}]))
            val = save("eo_val_f8", np.array(-1.0))
            ops = [{"op": "fancy_set", "expr": "{0}, ...", "value": 2}]
            g.case("errors_order", [arr, v, {"npy": val}], ops, g.run_chain(ops))
    # Broadcast errors name the source without its leading length-1 axes (while it has more
    # axes than the destination).
    x = save("eo_f8_2x3x4", np.arange(24, dtype="<f8").reshape(2, 3, 4))
    for dst, src in [("0, 0, 0:3", "None, 0, 0, 0:2"), ("0, 0, :", "None, None, 0, 0:2, 0"),
                     ("0, :, 0", "None, 0:2, 0:2, 0"), ("0", "0:1, 0:2, 0:1"), ("0, 0:2", "None, 0, 0:2, 0:3")]:
        ops = [{"op": "setitem", "expr": dst, "src": src}]
        g.case("errors_order", [{"npy": x}], ops, g.run_chain(ops))
    for spec in ["[('a', '<M8[D]', (2,)), ('b', '<i2')]", "[('a', '<i8', (2,)), ('b', '<i2')]", "[('a', '<f4'), ('b', '<i2')]"]:
        for value in [{"tuple": [{"tuple": [5, 27]}]}, {"tuple": [{"tuple": [{"tuple": [5, 27]}]}]},
                      {"tuple": [{"tuple": [5, 27]}, {"tuple": [1, 2]}]}, {"tuple": [{"tuple": [5, 27, 3]}]}]:
            for shape in ([3], [2], [2, 3], [1]):
                ops = [{"op": "full_value", "shape": shape, "value": value, "spec": spec}]
                g.case("errors_order", [], ops, g.run_chain(ops))
    # mean/var/std (and the nan-variants of integers) broadcast `where=` to the input's shape
    # before they read `axis`.
    for dt in ("<f8", "<i4", "<c16", "|b1"):
        a = save(f"eo_rd_{dt[1:]}", np.zeros((3, 0), dtype=dt))
        b = save(f"eo_rd2_{dt[1:]}", np.ones((3, 2), dtype=dt))
        for wname, w in [("eo_w_102", np.zeros((1, 0, 2), bool)), ("eo_w_4", np.ones(4, bool)), ("eo_w_i4", np.ones(2, "<i4"))]:
            w = save(wname, w)
            for inp in (a, b):
                for fn in ("mean", "var", "std", "nanmean", "nanvar", "nanstd", "sum", "max"):
                    for axis in (2, 0, -3):
                        ops = [{"op": "reduce", "fn": fn, "axis": axis, "keepdims": False, "where": 1}]
                        g.case("errors_order", [{"npy": inp}, {"npy": w}], ops, g.run_chain(ops))

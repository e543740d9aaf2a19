"""Conformance cases for reductions (sum, mean, var, min, argmax, cumsum, nan-variants) (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). `g` is the
generator (`g.case`, `g.base`, `g.rand_input`, `g.rng`, `g.DTYPES`, `g.run_chain`).

Ops: `reduce` (`fn`, `axis` null/int/list, `keepdims`, optional `dtype`, `ddof`), `argreduce`
(`fn`, `axis` null/int, `keepdims`), `accumulate` (`fn`, `axis` null/int, optional `dtype`).
"""
import numpy as np

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
    if o == "reduce":
        kw = {"axis": _axis(op.get("axis")), "keepdims": op.get("keepdims", False)}
        if op.get("dtype") is not None:
            kw["dtype"] = np.dtype(op["dtype"])
        if op["fn"] in WITH_DDOF:
            kw["ddof"] = op.get("ddof", 0)
        return getattr(np, op["fn"])(a, **kw)
    if o == "argreduce":
        return getattr(np, op["fn"])(a, axis=op.get("axis"), keepdims=op.get("keepdims", False))
    if o == "accumulate":
        dt = None if op.get("dtype") is None else np.dtype(op["dtype"])
        return getattr(np, op["fn"])(a, axis=op.get("axis"), dtype=dt)
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

"""Conformance cases for element-wise operations: every ufunc with every dtype NumPy has a loop
for (and the errors where it has none), mixed dtypes, NEP 50 weak scalars, broadcasting
(0-d, empty), every layout, out= with casting and overlapping inputs, dtype= and order=, the
floating-point error policy, where/clip/isclose/allclose/array_equal.

Op vocabulary (see conformance/README.md):
  {"op": "ufunc", "name": "add", "args": [ARG, ...], "out": ARG?, "dtype": "<f4"?, "order": "K"?,
   "casting": "same_kind"?, "errstate": "raise"?}
  {"op": "where", "args": [ARG, ARG, ARG]}, {"op": "clip", "args": [ARG, ARG|null, ARG|null]},
  {"op": "isclose"|"allclose", "args": [ARG, ARG], "rtol": x, "atol": y, "equal_nan": b},
  {"op": "array_equal", "args": [ARG, ARG], "equal_nan": b}
ARG is {"input": k} (optionally with "expr", an index applied first) or {"weak": v} with v a
JSON int, float or bool, or {"weak": [re, im]} for a Python complex.
"""
import os

import numpy as np

UNARY = ("negative positive absolute sign sqrt cbrt square reciprocal exp exp2 expm1 log log2 log10 log1p "
         "sin cos tan arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh floor ceil trunc rint "
         "logical_not invert isnan isinf isfinite signbit").split()
BINARY = ("add subtract multiply divide floor_divide remainder fmod power arctan2 hypot copysign heaviside "
          "minimum maximum fmin fmax equal not_equal less less_equal greater greater_equal logical_and "
          "logical_or logical_xor bitwise_and bitwise_or bitwise_xor left_shift right_shift").split()
# Functions whose float results NumPy computes with its own SIMD or libm code: compared within
# a few units in the last place (NumPy's own validation tolerances are 1-4 ulp).
TRANSCENDENTAL = set("cbrt exp exp2 expm1 log log2 log10 log1p sin cos tan arcsin arccos arctan sinh cosh tanh "
                     "arcsinh arccosh arctanh power arctan2 hypot".split())


def weak_json(v):
    """JSON has no inf or nan: those floats are written as strings."""
    if isinstance(v, float) and not np.isfinite(v):
        return str(v)
    return v


def arg_value(arg, arrays):
    if "weak" in arg:
        v = arg["weak"]
        if isinstance(v, str):
            return float(v)
        return complex(v[0], v[1]) if isinstance(v, list) else v
    a = arrays[arg["input"]]
    if "expr" in arg:
        a = eval(f"a[{arg['expr']}]", {"a": a, "np": np})  # noqa: S307 - our own generated text
    return a


def apply(op, a, arrays):
    o = op["op"]
    if o not in ("ufunc", "where", "clip", "isclose", "allclose", "array_equal"):
        return NotImplemented
    args = [None if x is None else arg_value(x, arrays) for x in op["args"]]
    if o == "where":
        return np.where(*args)
    if o == "clip":
        return np.clip(*args)
    if o in ("isclose", "allclose"):
        f = np.isclose if o == "isclose" else np.allclose
        r = f(args[0], args[1], rtol=float(op["rtol"]), atol=float(op["atol"]), equal_nan=op["equal_nan"])
        return bool(r) if o == "allclose" else r
    if o == "array_equal":
        return bool(np.array_equal(args[0], args[1], equal_nan=op["equal_nan"]))
    kw = {}
    if "out" in op:
        kw["out"] = arg_value(op["out"], arrays)
    for k in ("dtype", "order", "casting"):
        if k in op:
            kw[k] = op[k]
    f = getattr(np, op["name"])
    if "errstate" in op:
        with np.errstate(all=op["errstate"]):
            return f(*args, **kw)
    return f(*args, **kw)


def sub_shape(g, shape):
    """A shape that broadcasts with `shape`: some leading axes dropped, some axes set to 1."""
    r = g.rng
    s = list(shape)[int(r.integers(0, len(shape) + 1)):] if shape and r.random() < 0.4 else list(shape)
    return [1 if r.random() < 0.25 else n for n in s]


# Complex arithmetic NumPy vectorises with or without fused multiply-adds depending on the CPU.
COMPLEX_INEXACT = set("multiply divide square reciprocal sqrt absolute sign power".split())


def extra_for(name, dtype):
    if name in TRANSCENDENTAL and dtype.kind in "fc":
        return {"ulp": 64 if dtype.kind == "c" else 4}
    return None


def extra_for_inputs(name, in_dtypes, out_dtype):
    e = extra_for(name, out_dtype)
    if e is None and name in COMPLEX_INEXACT and any(np.dtype(d).kind == "c" for d in in_dtypes):
        e = {"ulp": 4}
    return e


def case(g, group, inputs, op, name=None, dtype=None):
    in_dtypes = [g.inputs[i["npy"]].dtype if "dtype" not in i else i["dtype"] for i in inputs]
    extra = extra_for_inputs(name, in_dtypes, dtype) if name else None
    g.case(group, inputs, [op], g.run_chain([op]), extra=extra)


def loop_dtype(name, dtypes):
    import warnings
    warnings.simplefilter("ignore")
    try:
        arrs = [np.ones(1, d) for d in dtypes]
        return getattr(np, name)(*arrs).dtype
    except Exception:  # noqa: BLE001 - no loop: the case records NumPy's error
        return np.dtype("f8")


def finite_input(g, dt, max_nd):
    """A random layout over finite values only. Used for complex inputs of transcendental
    functions: at infinities and NaNs Strider's complex functions follow their formulas, not C99
    Annex G's special-value tables as NumPy's do (a known gap)."""
    inp = g.rand_input(dt, max_nd=max_nd)
    base = g.inputs[inp["npy"]]
    if not np.all(np.isfinite(base)):
        import os
        fixed = np.where(np.isfinite(base), base, 1.5 + 0.5j).astype(base.dtype)
        name = inp["npy"] + "_finite"
        if name not in g.inputs:
            g.inputs[name] = fixed
            np.save(os.path.join(g.out, "inputs", name + ".npy"), fixed)
        inp = dict(inp, npy=name)
    return inp


def no_negative_zero(g, inp):
    base = g.inputs[inp["npy"]]
    if not np.any((base == 0) & np.signbit(base.real if base.dtype.kind == "c" else base)):
        return inp
    import os
    name = inp["npy"] + "_pz"
    if name not in g.inputs:
        fixed = np.where(base == 0, np.zeros_like(base), base).astype(base.dtype)
        g.inputs[name] = fixed
        np.save(os.path.join(g.out, "inputs", name + ".npy"), fixed)
    return dict(inp, npy=name)


def gen_each(g, scale):
    """Every ufunc with every dtype and byte order, random layouts and broadcasting."""
    reps = max(1, int(round(scale)))
    for _ in range(reps):
        for name in UNARY:
            for dt in g.DTYPES:
                if dt.kind == "c" and name in TRANSCENDENTAL | {"sqrt", "sign"}:
                    inp = finite_input(g, dt, 4)
                else:
                    inp = g.rand_input(dt, max_nd=4)
                op = {"op": "ufunc", "name": name, "args": [{"input": 0}]}
                case(g, "ufunc", [inp], op, name, loop_dtype(name, [dt]))
        for name in BINARY:
            for dt in g.DTYPES:
                a = g.rand_input(dt, max_nd=4)
                shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
                b = g.rand_input(dt, shape=sub_shape(g, shape))
                if name in ("fmax", "fmin") and dt.kind in "fc":
                    # NumPy's fmax/fmin return either zero of a (+0, -0) tie depending on which
                    # of its SIMD or scalar loops runs: such ties are left out.
                    a, b = no_negative_zero(g, a), no_negative_zero(g, b)
                if g.rng.random() < 0.5:
                    a, b = b, a
                op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
                case(g, "ufunc", [a, b], op, name, loop_dtype(name, [dt, dt]))


def gen_mixed(g, n):
    r = g.rng
    for _ in range(n):
        name = BINARY[int(r.integers(len(BINARY)))]
        da, db = (g.DTYPES[int(r.integers(len(g.DTYPES)))] for _ in range(2))
        a = g.rand_input(da, max_nd=3)
        shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
        b = g.rand_input(db, shape=sub_shape(g, shape))
        op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
        case(g, "ufunc_mixed", [a, b], op, name, loop_dtype(name, [da, db]))


WEAK_VALUES = [0, 1, 2, -1, 3, 7, 127, 128, 255, 256, 300, -129, 65535, 65536, 2**31, -2**31 - 1, 2**62,
               0.5, -1.5, 2.0, 1e10, 1e300, -0.0, float("inf"), float("nan"), True, False, [0.0, 1.0], [1.5, -2.0]]


def gen_weak(g, n):
    r = g.rng
    for _ in range(n):
        unary_scalar = r.random() < 0.1
        name = BINARY[int(r.integers(len(BINARY)))]
        dt = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        v = WEAK_VALUES[int(r.integers(len(WEAK_VALUES)))]
        inp = finite_input(g, dt, 3) if dt.kind == "c" and name in TRANSCENDENTAL else g.rand_input(dt, max_nd=3)
        if name == "power" and dt.kind == "c" and isinstance(v, (int, float)) and abs(v) >= 100:
            # Known gap: complex powers that overflow give NaN parts where NumPy's C cpow
            # gives signed infinities.
            v = 3
        if name in ("fmax", "fmin") and v == 0:
            v = 0.0 if isinstance(v, float) else v
            inp = no_negative_zero(g, inp)
        args = [{"input": 0}, {"weak": weak_json(v)}]
        if r.random() < 0.4:
            args.reverse()
        if unary_scalar:
            name = UNARY[int(r.integers(len(UNARY)))]
            args = [{"weak": weak_json(v)}]
        op = {"op": "ufunc", "name": name, "args": args}
        case(g, "ufunc_weak", [inp], op, name, np.result_type(dt, 1.0) if dt.kind in "fc" else np.dtype("f8"))


def gen_broadcast(g):
    """Broadcasting edge cases: 0-d, empty axes, length-1 axes, and shapes that do not broadcast."""
    f8 = np.dtype("<f8")
    pairs = [([], []), ([], [3]), ([3], []), ([0], [1]), ([2, 0], [1]), ([0, 3], [3]), ([2, 1, 3], [4, 1]),
             ([1], [5]), ([2, 3], [3, 2]), ([2], [3]), ([0], [2]), ([4, 1], [0]), ([1, 1, 1], [2, 3]),
             ([3, 1], [1, 4]), ([5, 4], [1]), ([2, 3, 0], [3, 1])]
    for sa, sb in pairs:
        for name in ("add", "multiply", "less", "arctan2"):
            inputs = [{"npy": g.base(f8, int(np.prod(sa)), "C", sa)}, {"npy": g.base(f8, int(np.prod(sb)), "C", sb)}]
            op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
            case(g, "ufunc_broadcast", inputs, op, name, f8)


def gen_out(g, n):
    """out= of another dtype (casting checks), out= as an input (in place) and overlapping views."""
    r = g.rng
    for _ in range(n):
        name = BINARY[int(r.integers(len(BINARY)))]
        dt = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        kind = r.random()
        if kind < 0.35:
            # A separate out array of a random dtype and layout.
            a = g.rand_input(dt, max_nd=3)
            shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
            od = g.DTYPES[int(r.integers(len(g.DTYPES)))]
            o = g.rand_input(od, shape=shape)
            casting = str(r.choice(["same_kind", "same_kind", "unsafe", "safe"]))
            op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 0}], "out": {"input": 1},
                  "casting": casting}
            case(g, "ufunc_out", [a, o], op, name, od)
        else:
            # Views of one buffer: x[s1] = f(x[s2], x[s3]) with overlapping slices.
            nn = int(r.integers(3, 12))
            name0 = g.base(dt, nn, "C", [nn])
            m = int(r.integers(1, nn))
            exprs = []
            for _ in range(3):
                k = int(r.integers(0, nn - m + 1))
                if r.random() < 0.25:
                    exprs.append(f"{k + m - 1}:{'' if k == 0 else k - 1}:-1")
                else:
                    exprs.append(f"{k}:{k + m}")
            op = {"op": "ufunc", "name": name, "args": [{"input": 0, "expr": exprs[1]}, {"input": 0, "expr": exprs[2]}],
                  "out": {"input": 0, "expr": exprs[0]}, "casting": "unsafe"}
            case(g, "ufunc_overlap", [{"npy": name0}], op, name, dt)


def gen_options(g, n):
    r = g.rng
    for _ in range(n):
        name = BINARY[int(r.integers(len(BINARY)))]
        dt = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        a = g.rand_input(dt, max_nd=4)
        op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 0}]}
        if r.random() < 0.5:
            op["order"] = str(r.choice(["C", "F", "A", "K"]))
        else:
            op["dtype"] = g.DTYPES[int(r.integers(len(g.DTYPES)))].str
            op["casting"] = str(r.choice(["same_kind", "unsafe", "safe"]))
        case(g, "ufunc_options", [a], op, name, np.dtype(op.get("dtype", dt.str)))


def gen_fpe(g, n):
    """The floating-point error policy: np.errstate(all='raise') turns warnings into errors."""
    r = g.rng
    f8 = np.dtype("<f8")
    specials = g.base(f8, 12, "C", [12])
    g.inputs[specials][:] = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e308, 1e-308, 5e-324, 710.0, -1e308]
    import os
    np.save(os.path.join(g.out, "inputs", specials + ".npy"), g.inputs[specials])
    for _ in range(n):
        k, m = int(r.integers(0, 12)), int(r.integers(0, 12))
        if r.random() < 0.5:
            name = BINARY[int(r.integers(len(BINARY)))]
            args = [{"input": 0, "expr": f"{k}:{k + 1}"}, {"input": 0, "expr": f"{m}:{m + 1}"}]
        else:
            name = UNARY[int(r.integers(len(UNARY)))]
            args = [{"input": 0, "expr": f"{k}:{k + 1}"}]
        op = {"op": "ufunc", "name": name, "args": args, "errstate": str(r.choice(["raise", "ignore"]))}
        case(g, "ufunc_fpe", [{"npy": specials}], op, name, f8)


def gen_extra(g, n):
    r = g.rng
    for _ in range(n):
        which = r.random()
        dt = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        a = g.rand_input(dt, max_nd=3)
        shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
        db = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        b = g.rand_input(db, shape=sub_shape(g, shape))
        if which < 0.3:
            c = g.rand_input(np.dtype("?"), shape=sub_shape(g, shape))
            args = [{"input": 2}, {"input": 0}, {"input": 1}]
            if r.random() < 0.3:
                args[2] = {"weak": weak_json(WEAK_VALUES[int(r.integers(len(WEAK_VALUES)))])}
            g.case("where", [a, b, c], [{"op": "where", "args": args}], g.run_chain([{"op": "where", "args": args}]))
        elif which < 0.55:
            lo = {"weak": weak_json(WEAK_VALUES[int(r.integers(len(WEAK_VALUES)))])} if r.random() < 0.5 else {"input": 1}
            hi = {"weak": weak_json(WEAK_VALUES[int(r.integers(len(WEAK_VALUES)))])} if r.random() < 0.5 else {"input": 1}
            if r.random() < 0.15:
                lo = None
            elif r.random() < 0.15:
                hi = None
            op = {"op": "clip", "args": [{"input": 0}, lo, hi]}
            g.case("clip", [a, b], [op], g.run_chain([op]))
        elif which < 0.85:
            name = str(r.choice(["isclose", "allclose"]))
            op = {"op": name, "args": [{"input": 0}, {"input": 1}], "rtol": float(r.choice([1e-5, 1e-2, 0.0])),
                  "atol": float(r.choice([1e-8, 0.5, 0.0])), "equal_nan": bool(r.random() < 0.5)}
            g.case(name, [a, b], [op], g.run_chain([op]))
        else:
            same = r.random() < 0.6
            args = [{"input": 0}, {"input": 0 if same else 1}]
            op = {"op": "array_equal", "args": args, "equal_nan": bool(r.random() < 0.5)}
            g.case("array_equal", [a, b], [op], g.run_chain([op]))


def generate(g, scale):
    gen_each(g, scale)
    gen_mixed(g, int(400 * scale))
    gen_weak(g, int(400 * scale))
    gen_broadcast(g)
    gen_out(g, int(250 * scale))
    gen_options(g, int(120 * scale))
    gen_fpe(g, int(150 * scale))
    gen_extra(g, int(300 * scale))


def gen_csqrt(g):
    """Complex square roots compared bit for bit (group `ufunc_csqrt`): a purely imaginary
    argument has two equal parts (C's csqrt), and tiny and huge arguments are scaled exactly."""
    tiny, huge = 5e-324, 1.7e308
    c16 = [1j, -1j, 2j, 0.5j, -7j, 3e-310j, tiny * 1j, huge * 1j, -0.0 + 1j, 1e-300 + 1e-310j,
           tiny + tiny * 1j, 4e-320 - 3e-315j, huge + huge * 1j, -huge + 1j, 1e200 - 1e-200j, -4 + 0j,
           4 - 0j, -0.5 - 2e-308j, 3 + 4j, -3 - 4j, 1e-5 + 1j, -1e-5 - 1j]
    c8 = [1j, -1j, 2j, 0.5j, -7j, 1e-40j, 1e38j, -0.0 - 3j, -4 + 0j, 9 - 0j]
    for dt, vals in (("<c16", c16), (">c16", c16), ("<c8", c8)):
        name = f"csqrt_{dt[1:]}_{dt[0] == '>'}"
        if name not in g.inputs:
            g.inputs[name] = np.array(vals).astype(dt)
            np.save(os.path.join(g.out, "inputs", name + ".npy"), g.inputs[name])
        op = {"op": "ufunc", "name": "sqrt", "args": [{"input": 0}]}
        g.case("ufunc_csqrt", [{"npy": name}], [op], g.run_chain([op]))


def gen_chyper(g):
    """Complex cosh and sinh with real parts past where e^|x| overflows (group `ufunc_chyper`):
    C's ccosh/csinh keep the products with cos y and sin y finite where they fit."""
    vals = [-90.244087 + 3.5316489j, 89 + 1j, 88.5 - 2j, -88.9 + 0.1j, 710 + 1.5j, -711.5 + 3j, 1000 + 1j,
            709.5 + 1.57079632679j, 50 + 1j, -0.5 - 2j]
    for dt in ("<c8", "<c16", ">c16"):
        name = f"chyper_{dt[1:]}_{dt[0] == '>'}"
        if name not in g.inputs:
            g.inputs[name] = np.array(vals).astype(dt)
            np.save(os.path.join(g.out, "inputs", name + ".npy"), g.inputs[name])
        for fn in ("cosh", "sinh"):
            case(g, "ufunc_chyper", [{"npy": name}], {"op": "ufunc", "name": fn, "args": [{"input": 0}]}, fn,
                 np.dtype(dt))


CLIP_POOL = [-1.0, -0.0, 0.0, 1.0, -0.0, 0.0, float("nan"), -float("nan"), float("inf"), -float("inf"), 0.5, -2.0]


def clip_pool(g, name, dtype, n, r):
    """A saved 1-d array of `n` values drawn from CLIP_POOL (ties with the bounds are the point)."""
    if name not in g.inputs:
        vals = np.array([CLIP_POOL[int(k)] for k in r.integers(len(CLIP_POOL), size=n)])
        if np.dtype(dtype).kind in "iub":
            vals = np.nan_to_num(vals, nan=0.0, posinf=3.0, neginf=-3.0)
        g.inputs[name] = vals.astype(dtype)
        np.save(os.path.join(g.out, "inputs", name + ".npy"), g.inputs[name])
    return name


def clip_view(g, r, name, shape, zero_axes=()):
    """A view of `shape` into pool `name`: random (possibly negative) strides, zero on `zero_axes`."""
    base = g.inputs[name]
    isz = base.dtype.itemsize
    for _ in range(200):
        strides, st = [0] * len(shape), isz
        order = list(range(len(shape)))[::-1] if r.random() < 0.6 else list(r.permutation(len(shape)))
        for ax in order:
            if ax in zero_axes:
                continue
            strides[ax] = st * int(r.choice([1, 1, 1, 2, -1]))
            st *= max(shape[ax], 1) * (2 if r.random() < 0.2 else 1)
        low = sum(min(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0)
        high = sum(max(0, s * (n - 1)) for s, n in zip(strides, shape) if n > 0) + isz
        if high - low <= base.nbytes:
            offset = -low + int(r.integers(0, (base.nbytes - (high - low)) // isz + 1)) * isz
            return {"npy": name, "offset": offset, "shape": list(shape), "strides": strides}
    raise ValueError(f"no view of {shape} fits {name}")


def gen_clip_paths(g, scale):
    """np.clip's float loops, which differ on ties and NaN bounds: float16's keeps x on a tie;
    float32/float64 take a bound on a tie unless both bounds reach the inner loop with stride 0
    (then a tie keeps x and a NaN bound fills the result). Whether they do depends on NumPy's
    buffering (rows longer than half the 8192-element buffer are looped one at a time), so the
    shapes include both sides of that boundary. Own random stream, inputs `clipz_*`."""
    r = np.random.default_rng(20261206)
    kinds = {"f8": "<f8", "f4": "<f4", "f2": "<f2", "bf8": ">f8", "i2": "<i2", "u1": "|u1", "b1": "|b1"}
    for k, dt in kinds.items():
        clip_pool(g, f"clipz_{k}", dt, 720, r)
    weak = [-0.0, 0.0, -1.0, 1.0, 0, -1, False, True, float("nan"), -float("nan"), float("inf"), 0.5]
    for _ in range(int(420 * scale)):
        shape = [int(n) for n in r.integers(1, 6, size=int(r.integers(0, 4)))]
        xk = str(r.choice(["f8", "f8", "f4", "f4", "f2", "bf8", "i2", "u1", "b1"]))
        inputs = [clip_view(g, r, f"clipz_{xk}", shape)]
        args = [{"input": 0}]
        for _bound in range(2):
            if r.random() < 0.4 or not shape:
                args.append({"weak": weak_json(weak[int(r.integers(len(weak)))])})
                continue
            bk = str(r.choice(["f8", "f8", "f4", "f2", "bf8", "i2", "b1"]))
            bshape = list(shape)
            if r.random() < 0.6:  # some leading axes dropped, some set to 1 (g.rng stays untouched)
                bshape = bshape[int(r.integers(0, len(bshape) + 1)):]
                bshape = [1 if r.random() < 0.3 else n for n in bshape]
            zero = tuple(ax for ax in range(len(bshape)) if r.random() < 0.3)
            inputs.append(clip_view(g, r, f"clipz_{bk}", bshape, zero))
            args.append({"input": len(inputs) - 1})
        op = {"op": "clip", "args": args}
        g.case("clip_paths", inputs, [op], g.run_chain([op]))
    # Both sides of the buffering boundary: per-row bounds (shape (2, 1)) on rows of 4096/4097
    # float32 (no cast) and 5000/6000 int16 (cast to the bounds' float32).
    clip_pool(g, "clipz_f4_big", "<f4", 12000, r)
    clip_pool(g, "clipz_i2_big", "<i2", 12000, r)
    for xk, cols in (("f4", 4096), ("f4", 4097), ("i2", 5000), ("i2", 6000)):
        x = {"npy": f"clipz_{xk}_big", "offset": 0, "shape": [2, cols], "strides": [cols * (4 if xk == "f4" else 2), 4 if xk == "f4" else 2]}
        lo = {"npy": "clipz_f4", "offset": 4, "shape": [2, 1], "strides": [4, 4]}
        op = {"op": "clip", "args": [{"input": 0}, {"input": 1}, {"weak": 0.0}]}
        g.case("clip_paths", [x, lo], [op], g.run_chain([op]))


def gen_text(g):
    """Text (S, U) operands in every binary ufunc and some unary ones, against every kind of
    operand: NumPy's string comparisons and concatenation, logical ufuncs reading truth values,
    and the error each other pairing raises (its form depends on which NumPy resolver refuses).
    Also datetimes beside Python scalars, where NumPy names the scalar's own DType class. Fixed
    inputs `txt_*` (trailing and embedded NULs, non-ASCII, big-endian, 2-d in F order); no random
    stream."""
    arrs = {
        "S4": np.array([b"ab", b"", b"xyz1", b"a\x00b"], "S4"), "U3": np.array(["ab", "", "x\u00e9", "ab"], "U3"),
        "bU2": np.array(["a", "\u4e2d", "ab", ""], ">U2"), "S1": np.array([b"a", b"b", b"", b"\x00"], "S1"),
        "m8M": np.array([1, 2, 3, -4], "m8[M]"), "M8s": np.array([1, 2, 3, 4], "M8[s]"),
        "f8": np.array([1.0, 2, 3, 0]), "i8": np.array([2, 0, 1, -1]), "u1": np.array([2, 0, 1, 7], "u1"),
        "b1": np.array([True, False, True, False]), "c16": np.array([1j, 1, 0, 2]), "f2": np.array([1, 2, 0, 3], "f2"),
    }
    for k, a in arrs.items():
        g.inputs["txt_" + k] = a
        np.save(os.path.join(g.out, "inputs", "txt_" + k + ".npy"), a)
    # 2-d operands: F-ordered S3 (4, 3) beside a broadcast row of U (3,) and S (4, 1).
    two = {"S3F": np.asfortranarray(np.array([[b"a", b"bc", b""], [b"ab", b"b", b"c"], [b"", b"a", b"abc"], [b"zz", b"a", b"a"]], "S3")),
           "S2c": np.array([[b"a"], [b"ab"], [b""], [b"zz"]], "S2"), "U2r": np.array(["a", "bc", ""], "U2"),
           "S2r": np.array([b"a", b"bc", b""], "S2")}
    for k, a in two.items():
        g.inputs["txt_" + k] = a
        np.save(os.path.join(g.out, "inputs", "txt_" + k + ".npy"), a)
    for name in BINARY:
        for s in ("S4", "U3", "bU2"):
            for o in arrs:
                if s == "bU2" and o not in ("U3", "S4", "bU2", "f8"):
                    continue
                for order in (0, 1):
                    ins = [{"npy": "txt_" + (s if order == 0 else o)}, {"npy": "txt_" + (o if order == 0 else s)}]
                    op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
                    g.case("ufunc_text", ins, [op], g.run_chain([op]))
        for s in ("S4", "U3", "m8M", "M8s"):
            for w in (1, 1.5, True, [1.0, 2.0]):
                for order in (0, 1):
                    args = [{"input": 0}, {"weak": w}] if order == 0 else [{"weak": w}, {"input": 0}]
                    op = {"op": "ufunc", "name": name, "args": args}
                    g.case("ufunc_text", [{"npy": "txt_" + s}], [op], g.run_chain([op]))
    for name in ("equal", "less", "greater_equal", "add", "logical_or", "not_equal"):
        for a, b in (("S3F", "S2c"), ("S3F", "S2r"), ("S2c", "S3F"), ("S3F", "U2r"), ("S2c", "S2r"), ("S3F", "S3F")):
            op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
            g.case("ufunc_text", [{"npy": "txt_" + a}, {"npy": "txt_" + b}], [op], g.run_chain([op]))
    for name in UNARY:
        for s in ("S4", "U3", "bU2", "m8M", "M8s", "S1"):
            op = {"op": "ufunc", "name": name, "args": [{"input": 0}]}
            g.case("ufunc_text", [{"npy": "txt_" + s}], [op], g.run_chain([op]))
    # Text read as truth values (non-empty is true), as the logical ufuncs above read it.
    for s in ("S4", "U3", "bU2", "S1", "S3F"):
        for casting in ("unsafe", "same_kind", "safe"):
            op = {"op": "astype", "dtype": "|b1", "order": "K", "casting": casting}
            g.case("ufunc_text", [{"npy": "txt_" + s}], [op], g.run_chain([op]))


def gen_hypot_tiny(g):
    """Group `ufunc_hypot_tiny`: hypot with subnormal results under errstate raise. A zero
    argument makes the result exact (no underflow); two subnormals underflow even when the
    result happens to be exact. Fixed inputs `hyp_*`."""
    pairs = [(-0.0, 5e-324), (5e-324, 0.0), (1e-310, 0.0), (1e-310, 1e-310), (3e-310, 4e-310), (1e-310, 1.0),
             (0.0, 0.0), (-0.0, -2.5e-320), (2.2e-308, 0.0), (1e-300, 1e-300)]
    for dt in ("<f8", "<f4"):
        x = np.array([p[0] for p in pairs]).astype(dt)
        y = np.array([p[1] for p in pairs]).astype(dt)
        for k, (nx, arr) in enumerate((("x", x), ("y", y))):
            name = f"hyp_{nx}_{dt[1:]}"
            g.inputs[name] = arr
            np.save(os.path.join(g.out, "inputs", name + ".npy"), arr)
        for i in range(len(pairs)):
            for errs in ("raise", "ignore"):
                op = {"op": "ufunc", "name": "hypot", "args": [{"input": 0, "expr": f"{i}:{i + 1}"}, {"input": 1, "expr": f"{i}:{i + 1}"}], "errstate": errs}
                g.case("ufunc_hypot_tiny", [{"npy": f"hyp_x_{dt[1:]}"}, {"npy": f"hyp_y_{dt[1:]}"}], [op], g.run_chain([op]))


def gen_signature_first(g):
    """Group `ufunc_signature_first`: a `dtype=` naming a byte order is refused before NumPy looks
    at the operands, so its error wins over the operands' own (boolean subtract and negative,
    text, datetimes); a native `dtype=` picks the loop, so boolean `-` runs in a numeric one.
    Reuses the `txt_*` inputs of `gen_text`."""
    for name, ins, dt in (("subtract", ["b1", "b1"], ">u8"), ("negative", ["b1"], ">f8"), ("add", ["S4", "S4"], ">i4"),
                          ("add", ["M8s", "m8M"], ">f8"), ("equal", ["U3", "f8"], ">f8"), ("multiply", ["f8", "f8"], ">f8"),
                          ("multiply", ["f8", "f8"], "<f8"), ("subtract", ["b1", "b1"], "<u8"),
                          ("negative", ["b1"], "<f8"), ("subtract", ["b1", "b1"], "|b1"), ("positive", ["b1"], "<i2")):
        op = {"op": "ufunc", "name": name, "args": [{"input": k} for k in range(len(ins))], "dtype": dt}
        g.case("ufunc_signature_first", [{"npy": "txt_" + i} for i in ins], [op], g.run_chain([op]))


def generate_late(g, scale):
    """Called by `gen_cases.py` after every family's `generate`: fixed inputs, groups of their own."""
    gen_csqrt(g)
    gen_chyper(g)
    gen_clip_paths(g, scale)
    gen_text(g)
    gen_hypot_tiny(g)
    gen_signature_first(g)
    # Complex exp/exp2 where the real part overflows: C's cexp keeps an exact zero imaginary part
    # (and its sign) instead of inf * 0.
    vals = np.array([2097.8 + 0j, 800 + 0j, -800 + 0j, 1000 - 0j, 710 + 1e-300j, 90 + 0j, 200 + 1j, 1e308 + 0j,
                     -1e308 + 0j, 3 + 0j, complex(np.inf, 0), complex(-np.inf, 0), complex(np.nan, 0), complex(0, np.inf)])
    for dt in ("<c16", "<c8", ">c16"):
        name = f"cexp_{dt[1:]}_{dt[0] == '>'}"
        if name not in g.inputs:
            g.inputs[name] = vals.astype(dt)
            np.save(os.path.join(g.out, "inputs", name + ".npy"), g.inputs[name])
        for fn in ("exp", "exp2", "expm1"):
            for errs in ("ignore", "raise"):
                op = {"op": "ufunc", "name": fn, "args": [{"input": 0}], "errstate": errs}
                case(g, "ufunc_cexp", [{"npy": name}], op, fn, np.dtype(dt))

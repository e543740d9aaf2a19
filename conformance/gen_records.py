"""Conformance cases for structured, datetime and string dtypes (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). `g` is the
generator (`g.case`, `g.base`, `g.rand_input`, `g.rng`, `g.DTYPES`, `g.run_chain`).

Operations (Strider side in crates/strider/tests/conformance/records.rs):

| op | arguments | NumPy |
|---|---|---|
| `field` | `name` | `a[name]` |
| `fields` | `names` | `a[names]` (a view, NumPy >= 1.16) |
| `field_fill` | `name`, `value`, optional `expr` | `a[expr][name] = value` (the result is `a`) |
| `astype_descr` | `spec` (descr text), `casting` | `a.astype(np.dtype(eval(spec)), casting=casting)` |
| `dtype_info` | | `a.dtype`'s str, repr, str(), name, itemsize, alignment, descr, kind, char, isnative (UTF-8 S array) |
| `dtype_parse` | `spec` (Python literal text), `align` | `dtype_info` of `np.dtype(eval(spec), align=align)` (no input) |
| `npy_bytes` | | the bytes `np.save` writes for `a`, as a uint8 array |
| `npy_digest` | | the SHA-256 (hex) and length of those bytes, as an S array |
| `strings` | `values`, `dtype` (or null) | `np.array(values, dtype)` (no input) |
| `dt_parse` | `values`, `dtype` | `np.array(values, dtype)` for datetime strings (no input) |
| `compare` | `cmp` (eq ne lt le gt ge), `input` | `a <cmp> inputs[input]` |
| `sort` | optional `order` (field names) | `np.sort(a, axis=-1, kind='stable', order=order)` |
| `minmax` | `which` (min/max) | `a.min()` / `a.max()` as a 0-d array |
| `dt_arith` | `fn` (add subtract multiply divide floor_divide remainder), `input` or `scalar` | `np.<fn>(a, other)` |
| `as_string` | `unit` (or null, or `auto`), optional `timezone` (`UTC`) | `np.datetime_as_string(a, unit=, timezone=)` |
| `dt_arange` | `start`, `stop`, `step`, `dtype` | `np.arange(np.datetime64(start), np.datetime64(stop), step, dtype)` |
| `isnat` | | `np.isnat(a)` |
| `busday_offset` | `offsets`, `roll`, `weekmask`, `holidays` | `np.busday_offset(a, offsets, roll=...)` |
| `busday_count` | `input`, `weekmask`, `holidays` | `np.busday_count(a, inputs[input], ...)` |
| `is_busday` | `weekmask`, `holidays` | `np.is_busday(a, ...)` |
"""
import hashlib
import io
import sys
import warnings

import numpy as np


def _main():
    m = sys.modules.get("__main__")
    if m is not None and hasattr(m, "rand_view_op"):
        return m
    import gen_cases
    return gen_cases


def dtype_info(d):
    try:
        descr = str(d.descr)
    except Exception as e:  # noqa: BLE001
        descr = f"{type(e).__name__}: {e}"
    items = [d.str, repr(d), str(d), d.name, str(d.itemsize), str(d.alignment), descr, d.kind, d.char, str(d.isnative)]
    return np.array([x.encode("utf-8") for x in items])  # bytes: a quarter of the size of unicode


CMPS = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
        "ge": np.greater_equal}


def apply(op, a, arrays):
    o = op["op"]
    if o == "field":
        return a[op["name"]]
    if o == "fields":
        return a[op["names"]]
    if o == "field_fill":
        (a[eval(f"np.s_[{op['expr']}]", {"np": np})] if "expr" in op else a)[op["name"]] = op["value"]  # noqa: S307
        return a
    if o == "astype_descr":
        return a.astype(np.dtype(eval(op["spec"])), casting=op["casting"])  # noqa: S307 - our text
    if o == "dtype_info":
        return dtype_info(a.dtype)
    if o == "dtype_parse":
        return dtype_info(np.dtype(eval(op["spec"]), align=op.get("align", False)))  # noqa: S307 - our text
    if o in ("npy_bytes", "npy_digest"):
        if a.dtype.names is not None and not (a.flags.c_contiguous or a.flags.f_contiguous):
            # np.save buffers such arrays through a copy whose padding is uninitialised.
            a = zero_gaps(np.ascontiguousarray(a))
        f = io.BytesIO()
        np.save(f, a)
        if o == "npy_digest":
            return np.array([hashlib.sha256(f.getvalue()).hexdigest().encode(), str(len(f.getvalue())).encode()])
        return np.frombuffer(f.getvalue(), np.uint8).copy()
    if o in ("strings", "dt_parse"):
        return np.array(op["values"], dtype=None if op.get("dtype") is None else np.dtype(op["dtype"]))
    if o == "compare":
        return CMPS[op["cmp"]](a, arrays[op["input"]])
    if o == "sort_flexible":
        return np.sort(a, axis=-1, kind="stable", order=op.get("order"))
    if o == "minmax":
        return np.asarray(a.min() if op["which"] == "min" else a.max())
    if o == "dt_arith":
        other = arrays[op["input"]] if "input" in op else scalar_of(op["scalar"])
        return getattr(np, op["fn"])(a, other)
    if o == "as_string":
        return np.datetime_as_string(a, unit=op.get("unit"), timezone=op.get("timezone", "naive"))
    if o == "dt_arange":
        return np.arange(np.datetime64(op["start"]), np.datetime64(op["stop"]), op["step"],
                         dtype=np.dtype(op["dtype"]) if op.get("dtype") else None)
    if o == "isnat":
        return np.isnat(a)
    if o == "busday_offset":
        return np.busday_offset(a, op["offsets"], roll=op.get("roll", "raise"), weekmask=op.get("weekmask", "1111100"),
                                holidays=op.get("holidays") or [])
    if o == "busday_count":
        return np.busday_count(a, arrays[op["input"]], weekmask=op.get("weekmask", "1111100"),
                               holidays=op.get("holidays") or [])
    if o == "is_busday":
        return np.is_busday(a, weekmask=op.get("weekmask", "1111100"), holidays=op.get("holidays") or [])
    return NotImplemented


def scalar_of(s):
    """A JSON scalar: a number, or {"td": [value, unit]} for a timedelta64."""
    if isinstance(s, dict):
        return np.timedelta64(s["td"][0], s["td"][1])
    return s


# ---------------------------------------------------------------------------------------------
# Inputs

TRADES = [("ts", "<M8[ns]"), ("ticker", "S8"), ("price", "<f8"), ("qty", "<i4")]

STRUCTS = [
    (TRADES, False),
    ([("a", "u1"), ("b", "<i4"), ("c", "<f8")], False),
    ([("a", "u1"), ("b", "<i4"), ("c", "<f8")], True),
    ([("a", "<f8"), ("b", "u1")], True),
    ([("c", "u1"), ("p", [("x", "<f8"), ("y", "u1")])], False),
    ([("c", "u1"), ("p", [("x", "<f8"), ("y", "u1")])], True),
    ([("id", "<i2"), ("pos", "<f4", (3,)), ("m", "<i2", (2, 2))], False),
    ([(("Price in USD", "price"), "<f8"), ("n", "u1")], False),
    ([("a", ">i4"), ("b", ">f8"), ("c", ">U3")], False),
    ([("name", "<U4"), ("ok", "?"), ("z", "<c8")], False),
    ([("t", "<M8[D]"), ("d", "<m8[s]"), ("w", ">M8[us]")], False),
    ([("flag", "?"), ("v", "<u2"), ("s", "S3"), ("h", "<f2")], True),
]

STR_DTYPES = ["S1", "S3", "S8", "<U1", "<U5", ">U4"]
WORDS = ["", "a", "IBM", "AAPL", "MSFT", "x y", "héllo", "tab\t", "q'uote", "zz", "Zürich", "abc", "ab", "\x00z"]

DT_UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "2D", "10s", "25ms", "6h"]


def leaf_values(g, dt, n):
    r = g.rng
    if dt.kind in "SU":
        words = [w for w in WORDS if dt.kind == "U" or w.isascii()]
        return np.array([words[int(r.integers(len(words)))] for _ in range(n)], dtype=dt)
    if dt.kind in "Mm":
        unit, count = np.datetime_data(dt)
        # About 50 years either side of 2000 (of the epoch for timedeltas), where the unit reaches.
        per_day = {"Y": 1 / 365.25, "M": 12 / 365.25, "W": 1 / 7, "D": 1, "h": 24, "m": 1440, "s": 86400,
                   "ms": 86400e3, "us": 86400e6, "ns": 86400e9, "ps": 86400e12, "fs": 86400e15, "as": 86400e18}[unit]
        span = max(2, min(int(per_day * 365.25 * 50), 2 ** 62) // max(count, 1))
        v = r.integers(-span, span, n)
        if dt.kind == "M" and unit not in ("ps", "fs", "as"):
            v = v + int(np.datetime64("2000-01-01", "D").astype(np.dtype(f"M8[{count}{unit}]")).astype("i8"))
        v = v.astype("i8")
        v[r.random(n) < 0.1] = np.iinfo(np.int64).min
        return v.view(dt.newbyteorder("=")).astype(dt)
    return g.values(dt, n)


def struct_values(g, dt, n):
    a = np.zeros(n, dt)
    for name in dt.names:
        f = dt.fields[name][0]
        if f.names is not None:
            a[name] = struct_values(g, f, n)
        elif f.subdtype is not None:
            base, shape = f.subdtype
            a[name] = leaf_values(g, base, n * int(np.prod(shape))).reshape((n,) + shape)
        else:
            a[name] = leaf_values(g, f, n)
    return a


def gap_mask(dt):
    """Bytes of one element that belong to no field (padding), as a bool array."""
    used = np.zeros(dt.itemsize, bool)

    def mark(d, base):
        if d.names is None:
            used[base:base + d.itemsize] = True
            return
        for name in d.names:
            f, off = d.fields[name][:2]
            if f.subdtype is not None:
                b, shape = f.subdtype
                for k in range(int(np.prod(shape))):
                    mark(b, base + off + k * b.itemsize)
            else:
                mark(f, base + off)
    mark(dt, 0)
    return ~used


def zero_gaps(res):
    """NumPy leaves the padding bytes of fresh structured arrays uninitialised; zero them so a
    case's bytes are deterministic (Strider's are zero there)."""
    if isinstance(res, np.ndarray) and res.dtype.names is not None and res.base is None and res.size:
        mask = gap_mask(res.dtype)
        if mask.any():
            flat = res.ravel(order="K")
            if np.shares_memory(flat, res):
                flat.view(np.uint8).reshape(-1, res.dtype.itemsize)[:, mask] = 0
    return res


class _ZeroPadCopy(np.ndarray):
    """An input whose `copy` keeps its (zero) padding bytes: NumPy copies fields only."""

    def copy(self, order="K"):
        base = self.view(np.ndarray)
        out = np.zeros_like(base, order=order)
        np.copyto(out.view(f"V{base.dtype.itemsize}"), base.view(f"V{base.dtype.itemsize}"))
        return out


def rec_case(g, group, inputs, ops):
    res = is_array_result(g, inputs, ops)
    if res is not None and res.dtype.names is not None and gap_mask(res.dtype).any() and not res.flags.c_contiguous:
        # tobytes of such an array copies fields into uninitialised memory; compare a C copy.
        ops = ops + [{"op": "copy", "order": "C"}]
    run = g.run_chain(ops)
    g.case(group, inputs, ops, lambda arrays: zero_gaps(run(arrays)))


class Inputs:
    """Named .npy inputs of non-numeric dtypes, saved beside the numeric ones."""

    def __init__(self, g):
        self.g = g

    def save(self, name, a):
        import os
        if name not in self.g.inputs:
            path = os.path.join(self.g.out, "inputs", name + ".npy")
            np.save(path, a)
            a = np.load(path)  # what the Strider runner reads (np.load drops the aligned flag)
            self.g.inputs[name] = a.view(_ZeroPadCopy) if a.dtype.names is not None else a
        return name

    def struct(self, k, shape):
        spec, align = STRUCTS[k]
        dt = np.dtype(spec, align=align)
        n = int(np.prod(shape))
        return self.save(f"rec{k}_{'x'.join(map(str, shape))}", struct_values(self.g, dt, n).reshape(shape))

    def leaf(self, dt, shape, tag=""):
        dt = np.dtype(dt)
        n = int(np.prod(shape))
        safe = dt.str.replace("<", "le").replace(">", "be").replace("|", "").replace("[", "_").replace("]", "")
        return self.save(f"{safe}{tag}_{'x'.join(map(str, shape))}", leaf_values(self.g, dt, n).reshape(shape))


def is_array_result(g, inputs, ops):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = g.run_chain(ops)([g.arr_of(i) for i in inputs])
        return a if isinstance(a, np.ndarray) else None
    except Exception:  # noqa: BLE001
        return None


def view_chain(g, inputs, max_ops=3):
    """A random chain of view operations that keeps an ndarray (never a NumPy scalar)."""
    m = _main()
    ops = []
    for _ in range(int(g.rng.integers(0, max_ops + 1))):
        a = is_array_result(g, inputs, ops)
        if a is None:
            break
        op = m.rand_view_op(g, list(a.shape), a.dtype)
        if op["op"] in ("view", "real", "imag"):
            continue
        if is_array_result(g, inputs, ops + [op]) is None:
            continue
        ops.append(op)
    return ops


# ---------------------------------------------------------------------------------------------
# Generators

def gen_dtypes(g, inp):
    specs = []
    for spec, align in STRUCTS:
        specs.append((repr(spec), align))
    for s in STR_DTYPES + ["S", "U", "V7", "|V3", "a5", "M8", "m8", "<M8[ns]", ">m8[25s]", "datetime64[D]",
                           "timedelta64", "<M8[W]", "M8[μs]", "i4,f8", "u1,(2,3)<f4", "3i4,(2,)f8", "M8[B]",
                           "m8[-3s]", "M8[1]"]:
        specs.append((repr(s), False))
    for u in DT_UNITS:
        specs.append((repr(f"<M8[{u}]"), False))
        specs.append((repr(f">m8[{u}]"), False))
    specs += [
        ("{'names': ['a', 'b'], 'formats': ['u1', '<i4'], 'offsets': [0, 4], 'itemsize': 8}", False),
        ("{'names': ['a', 'b'], 'formats': ['u1', '<i4'], 'offsets': [0, 8], 'itemsize': 16}", False),
        ("{'names': ['b', 'a'], 'formats': ['<i4', 'u1'], 'offsets': [4, 0], 'itemsize': 8}", False),
        ("{'names': ['a', 'b'], 'formats': ['u1', '<i4'], 'offsets': [0, 2], 'itemsize': 8}", True),
        ("{'names': ['a', 'b'], 'formats': ['u1', '<i8'], 'titles': ['A', None]}", False),
        ("[('a', '|u1'), ('', '|V3'), ('b', '<i4'), ('', '|V4')]", False),
        ("[('a', 'u1'), ('a', '<i4')]", False),
        ("[('', '<i4'), ('', '<f8')]", False),
        ("[('x', [('y', [('z', '>i2', (2,))])])]", True),
    ]
    for spec, align in specs:
        op = {"op": "dtype_parse", "spec": spec, "align": align}
        g.case("records", [], [op], g.run_chain([op]))
    for k in range(len(STRUCTS)):
        name = inp.struct(k, [6])
        ops = [{"op": "dtype_info"}]
        g.case("records", [{"npy": name}], ops, g.run_chain(ops))
        for f in np.dtype(STRUCTS[k][0], align=STRUCTS[k][1]).names:
            ops = [{"op": "field", "name": f}, {"op": "dtype_info"}]
            g.case("records", [{"npy": name}], ops, g.run_chain(ops))


def gen_struct_views(g, inp, n):
    r = g.rng
    for i in range(n):
        k = i % len(STRUCTS)
        shape = [[5], [12], [2, 3, 2], [3, 4], [0], [3, 1, 2]][int(r.integers(6))]
        name = inp.struct(k, shape)
        inputs = [{"npy": name}]
        ops = view_chain(g, inputs)
        dt = np.dtype(STRUCTS[k][0], align=STRUCTS[k][1])
        c = r.random()
        if c < 0.45:
            ops.append({"op": "field", "name": str(r.choice(dt.names))})
            res = is_array_result(g, inputs, ops)
            if res is not None and res.dtype.names is not None and gap_mask(res.dtype).any() \
                    and not res.flags.c_contiguous:
                ops.append({"op": "copy", "order": "C"})  # as for multi-field views below
        elif c < 0.6:
            names = [str(x) for x in r.permutation(dt.names)[: int(r.integers(1, len(dt.names) + 1))]]
            if r.random() < 0.1:
                names.append(names[0])
            ops.append({"op": "fields", "names": names})
            res = is_array_result(g, inputs, ops)
            if res is not None and not res.flags.c_contiguous:
                # tobytes of a non-contiguous multi-field view copies fields into uninitialised
                # memory: NumPy's bytes there are not deterministic.
                ops.append({"op": "copy", "order": "C"})
        elif c < 0.67:
            ops.append({"op": "field", "name": "nope"})
        elif c < 0.85:
            ops.append({"op": str(r.choice(["copy", "flatten", "ravel"])), "order": str(r.choice(["C", "F", "A", "K"]))})
        elif c < 0.93:
            ops.append({"op": "astype_descr", "spec": str(dt.newbyteorder(str(r.choice(["<", ">"]))).descr),
                        "casting": str(r.choice(["equiv", "no", "unsafe"]))})
        else:
            ops.append({"op": "npy_digest"})
        rec_case(g, "records", inputs, ops)


def gen_struct_sorts(g, inp, n):
    r = g.rng
    for i in range(n):
        k = [0, 1, 4, 7, 9, 10, 11][i % 7]  # not 6: NumPy orders subarray fields otherwise
        dt = np.dtype(STRUCTS[k][0], align=STRUCTS[k][1])
        name = inp.struct(k, [[12], [3, 4]][i % 2])
        order = None if r.random() < 0.2 else [str(x) for x in r.permutation(dt.names)[: int(r.integers(1, 3))]]
        if r.random() < 0.05:
            order = ["nope"]
        rec_case(g, "records", [{"npy": name}], [{"op": "sort_flexible", "order": order}])


def gen_struct_files(g, inp):
    for k in range(len(STRUCTS)):
        for shape in ([7], [2, 3], [0]):
            name = inp.struct(k, shape)
            for ops in ([{"op": "npy_digest"}], [{"op": "T"}, {"op": "npy_digest"}],
                        [{"op": "index", "expr": "::2"}, {"op": "npy_digest"}]):
                rec_case(g, "records", [{"npy": name}], ops)
        rec_case(g, "records", [{"npy": inp.struct(k, [2])}], [{"op": "npy_bytes"}])


def gen_struct_writes(g, inp, n):
    r = g.rng
    for i in range(n):
        k = [1, 2, 3, 6, 7, 8, 11][i % 7]
        name = inp.struct(k, [6])
        dt = np.dtype(STRUCTS[k][0], align=STRUCTS[k][1])
        f = str(r.choice(dt.names))
        base = dt.fields[f][0].base
        if base.kind not in "biuf":
            continue
        v = int(r.integers(0, 100)) if base.kind in "iu" else float(r.choice([1.5, -2.25, 0.0, 100.0]))
        ops = [{"op": "field_fill", "expr": str(r.choice(["::2", "1:4", ":", "::-1"])), "name": f, "value": v}]
        rec_case(g, "records", [{"npy": name}], ops)


def gen_strings(g, inp, n):
    r = g.rng
    for i in range(n):
        dt = STR_DTYPES[i % len(STR_DTYPES)]
        shape = [[5], [2, 3], [0]][int(r.integers(3))] if r.random() < 0.3 else [[5], [2, 3]][i % 2]
        if i < 4:
            dt, shape = ["S1", "<U1"][i % 2], [1001]  # summarised printing, kept small
        name = inp.leaf(dt, shape)
        inputs = [{"npy": name}]
        ops = view_chain(g, inputs, 2)
        c = r.random()
        if c < 0.3 or shape == [1001]:
            pass
        elif c < 0.5:
            ops.append({"op": "astype", "dtype": str(r.choice(STR_DTYPES + ["<U8", "S2"])), "order": "K",
                        "casting": str(r.choice(["same_kind", "unsafe", "safe"]))})
        elif c < 0.65:
            other = inp.leaf(str(r.choice(STR_DTYPES)), shape, "b")
            inputs.append({"npy": other})
            ops = [{"op": "compare", "cmp": str(r.choice(list(CMPS))), "input": 1}]
        elif c < 0.8:
            ops.append({"op": "sort_flexible"})
        elif c < 0.9:
            ops.append({"op": str(r.choice(["copy", "flatten"])), "order": str(r.choice(["C", "F", "K"]))})
        else:
            ops.append({"op": "npy_digest" if i % 3 else "npy_bytes"})
        g.case("strings", inputs, ops, g.run_chain(ops))
    for vals, dt in [(["a", "bcd", ""], None), (["IBM", "AAPL"], "S8"), (["héllo", "x"], "<U3"), (["ab"], ">U2"),
                     (["toolong"], "S3"), (["é"], "S2"), ([], "<U1")]:
        op = {"op": "strings", "values": vals, "dtype": dt}
        g.case("strings", [], [op], g.run_chain([op]))


def _nat_eq(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return bool(np.all((np.isnat(x) & np.isnat(y)) | (x == y)))


def wraps(g, inputs, ops):
    """Whether NumPy silently wrapped an int64 overflow in this case (Strider reports an error
    there instead, a deliberate difference tested in tests/datetime.rs, so such cases are skipped)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            arrays = [g.arr_of(i) for i in inputs]
            op = ops[-1]
            if op["op"] == "dt_parse" and op.get("dtype") not in (None, "M8"):
                res = np.array(op["values"], np.dtype(op["dtype"]))
                for v, r in zip(op["values"], res):
                    nat = np.datetime64(v)
                    if not np.isnat(nat) and np.datetime_data(nat.dtype)[0] != "generic":
                        back = r.astype(nat.dtype)
                        fine = np.dtype(op["dtype"]) if r.dtype > nat.dtype else nat.dtype
                        if not _nat_eq(back, nat) and np.can_cast(nat.dtype, np.dtype(op["dtype"]), "safe"):
                            return True
                        if abs(float(nat.astype("M8[s]").astype("i8")) - float(r.astype("M8[s]").astype("i8"))) > 4e7 * 86400:
                            return True
                        del fine
                return False
            a = g.run_chain(ops[:-1])(arrays) if len(ops) > 1 else (arrays[0] if arrays else None)
            res = g.run_chain([op])([a] + arrays[1:]) if a is not None else g.run_chain(ops)([])
            if op["op"] in ("compare", "dt_arith") and a.dtype.kind in "Mm" and "input" in op and \
                    arrays[op["input"]].dtype.kind in "Mm":
                b = arrays[op["input"]]
                try:
                    common = np.promote_types(a.dtype, b.dtype)
                except TypeError:
                    common = None
                if common is not None and common.kind in "Mm":
                    for x in (a, b):
                        c = np.dtype(x.dtype.kind + common.str[2:])
                        if not _nat_eq(x.astype(c).astype(x.dtype), x):
                            return True
            if op["op"] == "compare" and a.dtype.kind in "Mm":
                b = arrays[op["input"]]
                common = np.promote_types(a.dtype, b.dtype)
                return any(not _nat_eq(x.astype(common).astype(x.dtype), x) for x in (a, b))
            if not isinstance(res, np.ndarray) or res.dtype.kind not in "Mm":
                return False
            if op["op"] == "astype" and a.dtype.kind in "Mm":
                return not _nat_eq(res.astype(a.dtype), a) and np.can_cast(a.dtype, res.dtype, "safe") or \
                    (a.dtype.kind == res.dtype.kind and _far(a, res))
            if op["op"] == "dt_arith":
                other = arrays[op["input"]] if "input" in op else scalar_of(op["scalar"])
                xs = [np.asarray(a), np.asarray(other)]
                for x in xs:
                    if x.dtype.kind in "Mm":
                        conv = x.astype(np.dtype(x.dtype.kind + "8[" + "".join(map(str, np.datetime_data(res.dtype)[::-1])) + "]"))
                        if not _nat_eq(conv.astype(x.dtype), x) and conv.dtype > x.dtype:
                            return True
                fa = [x.astype("f8") if x.dtype.kind not in "Mm" else
                      x.astype(np.dtype(x.dtype.kind + "8[" + "".join(map(str, np.datetime_data(res.dtype)[::-1])) + "]")).astype("f8")
                      for x in xs]
                if op["fn"] in ("add", "subtract", "multiply"):
                    f = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply}[op["fn"]](fa[0], fa[1])
                    r = res.astype("f8")
                    ok = np.isnan(r) | (np.abs(f - r) <= 1e-6 * np.maximum(np.abs(f), 1) + 1)
                    return not bool(np.all(ok | np.isnan(f)))
            return False
        except Exception:  # noqa: BLE001
            return False


def _far(a, res):
    """Whether a datetime conversion moved values by more than a unit could explain (a wrap)."""
    if a.dtype.kind != "M":
        return False
    x = a.astype("M8[D]").astype("f8")
    y = res.astype("M8[D]").astype("f8")
    ok = np.isnan(x) | np.isnan(y) | (np.abs(x - y) < 800)
    return not bool(np.all(ok))


def dt_case(g, inputs, ops):
    if not wraps(g, inputs, ops):
        g.case("datetime", inputs, ops, g.run_chain(ops))


def gen_datetime(g, inp, n):
    r = g.rng
    # Parsing with unit inference and with a requested unit.
    texts = ["2020-01-15", "2020-01", "2020", "2020-01-15T10", "2020-01-15T10:30", "2020-01-15T10:30:15",
             "2020-01-15T10:30:15.5", "2020-01-15T10:30:15.1234", "2020-01-15T10:30:15.123456789",
             "1969-12-31T23:59:59.999", "-0001-01-01", "10000-01-01", "NaT", "nat", "", "2020-1-01", "2020-13-01",
             "2020-02-30", "2020-02-29", "2019-02-29", "2020-01-01T24", "2020-01-01T23:60", "2020-01-01 12",
             "  2020-05", "1e3", "2020-01-01T12", "2020-01-01T00:00+0100", "2020-01-01T00:00Z", "2262-04-11",
             "1677-09-22", "2020-01-01T00:00:00.123456789012"]
    for t in texts:
        for dt in ["M8", "M8[D]", "M8[s]", "M8[ns]", "M8[M]", "M8[h]"]:
            op = {"op": "dt_parse", "values": [t, "2020-06-30"], "dtype": dt}
            dt_case(g, [], [op])
    # Unit conversions: every pair of units, both kinds.
    for kind in "Mm":
        for u in DT_UNITS:
            name = inp.leaf(f"<{kind}8[{u}]", [5])
            targets = DT_UNITS + ["generic"]
            for v in [targets[int(k)] for k in sorted(r.choice(len(targets), 9, replace=False))]:
                to = f"{kind}8" if v == "generic" else f"{kind}8[{v}]"
                casting = str(r.choice(["safe", "same_kind", "unsafe", "unsafe"]))
                ops = [{"op": "astype", "dtype": ">" + to if r.random() < 0.2 else "<" + to, "order": "K",
                        "casting": casting}]
                dt_case(g, [{"npy": name}], ops)
            numeric = ["<i8", ">i8", "<f8", "<i4", "<U40", "S40"]
            for to in [numeric[int(k)] for k in sorted(r.choice(len(numeric), 3, replace=False))]:
                ops = [{"op": "astype", "dtype": to, "order": "K", "casting": str(r.choice(["same_kind", "unsafe"]))}]
                g.case("datetime", [{"npy": name}], ops, g.run_chain(ops))
    # Views, copies, printing, files.
    for i in range(n):
        kind = "Mm"[i % 2]
        u = DT_UNITS[int(r.integers(len(DT_UNITS)))]
        order = str(r.choice(["<", ">"]))
        shape = [[6], [2, 3], [0]][int(r.integers(3))] if r.random() < 0.15 else [[6], [2, 3]][i % 2]
        if i < 2:
            shape = [1001]
        name = inp.leaf(f"{order}{kind}8[{u}]", shape)
        inputs = [{"npy": name}]
        ops = view_chain(g, inputs, 2)
        c = r.random()
        if c < 0.2:
            ops.append({"op": str(r.choice(["copy", "flatten"])), "order": str(r.choice(["C", "F", "K"]))})
        elif c < 0.3:
            ops.append({"op": "npy_digest"})
        elif c < 0.45:
            ops.append({"op": "sort_flexible"})
        elif c < 0.55:
            ops.append({"op": "minmax", "which": str(r.choice(["min", "max"]))})
        elif c < 0.62:
            ops.append({"op": "isnat"})
        elif c < 0.75 and kind == "M" and order == "<" and is_array_result(g, inputs, ops) is not None \
                and is_array_result(g, inputs, ops).ndim > 0:  # NumPy ignores the byte order here; 0-d gives a str
            ops.append({"op": "as_string", "unit": r.choice([None, "D", "s", "Y", "ms", "h"])})
        g.case("datetime", inputs, ops, g.run_chain(ops))
    # Comparisons with NaT semantics.
    for i in range(n // 3):
        kind = "Mm"[i % 2]
        u1, u2 = (DT_UNITS[int(r.integers(len(DT_UNITS)))] for _ in range(2))
        a = inp.leaf(f"<{kind}8[{u1}]", [6])
        b = inp.leaf(f"<{kind}8[{u2}]", [6], "b")
        op = {"op": "compare", "cmp": str(r.choice(list(CMPS))), "input": 1}
        dt_case(g, [{"npy": a}, {"npy": b}], [op])
    # Arithmetic with NumPy's unit resolution and errors.
    for i in range(n):
        c = int(r.integers(0, 6))
        u1, u2 = (DT_UNITS[int(r.integers(len(DT_UNITS)))] for _ in range(2))
        if c == 0:  # datetime - datetime
            a, b, fn = f"<M8[{u1}]", f"<M8[{u2}]", "subtract"
        elif c == 1:  # datetime +/- timedelta
            a, b, fn = f"<M8[{u1}]", f"<m8[{u2}]", str(r.choice(["add", "subtract"]))
        elif c == 2:  # timedelta +/- timedelta
            a, b, fn = f"<m8[{u1}]", f"<m8[{u2}]", str(r.choice(["add", "subtract"]))
        elif c == 3:  # timedelta / % timedelta (m8 // m8 gives NumPy's 'q' int64, which repr marks)
            a, b, fn = f"<m8[{u1}]", f"<m8[{u2}]", str(r.choice(["divide", "remainder"]))
        else:  # timedelta * int, datetime + int, timedelta + timedelta scalar
            kind = str(r.choice(["M", "m"]))
            name = inp.leaf(f"<{kind}8[{u1}]", [6])
            if kind == "m":
                fn = str(r.choice(["multiply", "add", "floor_divide"]))
                s = int(r.integers(-5, 6)) if fn != "add" else {"td": [int(r.integers(-5, 6)), str(r.choice(["D", "h", "s", "M"]))]}
            else:
                fn = str(r.choice(["add", "subtract"]))
                s = int(r.integers(-5, 6)) if r.random() < 0.5 else {"td": [int(r.integers(-5, 6)), str(r.choice(["D", "h", "M", "Y", "s"]))]}
            op = {"op": "dt_arith", "fn": fn, "scalar": s}
            dt_case(g, [{"npy": name}], [op])
            continue
        x = inp.leaf(a, [6])
        y = inp.leaf(b, [6], "b")
        op = {"op": "dt_arith", "fn": fn, "input": 1}
        dt_case(g, [{"npy": x}, {"npy": y}], [op])
    # Month and year arithmetic edge cases.
    for a, s in [("2020-01-31", [1, "M"]), ("2020-01", [1, "M"]), ("2020", [1, "Y"]), ("2020", [13, "M"]),
                 ("2020-01", [1, "D"]), ("2020", [1, "h"]), ("2020-03-01", [-1, "D"])]:
        ops = [{"op": "dt_parse", "values": [a, "NaT"], "dtype": "M8"},
               {"op": "dt_arith", "fn": "add", "scalar": {"td": s}}]
        dt_case(g, [], ops)
    # datetime_as_string with unit='auto' and timezone='UTC'.
    for k, u in enumerate(DT_UNITS):
        name = inp.leaf(f"<M8[{u}]", [6])
        for unit, tz in [[("auto", "naive"), (None, "UTC")], [("auto", "UTC"), ("D", "UTC")]][k % 2]:
            op = {"op": "as_string", "unit": unit, "timezone": tz}
            dt_case(g, [{"npy": name}], [op])
    # arange of datetimes.
    for start, stop, step, dt in [("2020-01-01", "2020-01-10", 2, None), ("2020-01", "2021-01", 3, None),
                                  ("2020-01-01", "2020-01-02", 6, "M8[h]"), ("2020", "2030", 4, None),
                                  ("2020-01-01T00", "2020-01-01T05", 1, None), ("2020-01-05", "2020-01-01", -1, None),
                                  ("2020-01-01", "2020-02-01", 7, "M8[W]")]:
        op = {"op": "dt_arange", "start": start, "stop": stop, "step": step, "dtype": dt}
        g.case("datetime", [], [op], g.run_chain([op]))
    # Business days.
    gen_busday(g, inp, n)


def gen_busday(g, inp, n):
    r = g.rng
    hol_sets = [[], ["2024-01-01", "2024-01-15", "2024-02-19"], ["2020-12-25", "2021-01-01", "2020-12-25"]]
    masks = ["1111100", "1111110", "0111110", "1010101", [1, 1, 1, 1, 0, 0, 1], "Mon Tue Wed Thu Fri", "0000000"]
    for i in range(n):
        name = inp.leaf("<M8[D]", [6], "bd")
        hol = hol_sets[int(r.integers(len(hol_sets)))]
        mask = masks[int(r.integers(len(masks)))]
        c = int(r.integers(3))
        if c == 0:
            op = {"op": "busday_offset", "offsets": [int(x) for x in r.integers(-10, 11, 6)],
                  "roll": str(r.choice(["raise", "nat", "forward", "following", "backward", "preceding",
                                        "modifiedfollowing", "modifiedpreceding"])),
                  "weekmask": mask, "holidays": hol}
            g.case("datetime", [{"npy": name}], [op], g.run_chain([op]))
        elif c == 1:
            other = inp.leaf("<M8[D]", [6], "bd2")
            op = {"op": "busday_count", "input": 1, "weekmask": mask, "holidays": hol}
            g.case("datetime", [{"npy": name}, {"npy": other}], [op], g.run_chain([op]))
        else:
            op = {"op": "is_busday", "weekmask": mask, "holidays": hol}
            g.case("datetime", [{"npy": name}], [op], g.run_chain([op]))
    for d, off, roll in [("2024-01-06", 0, "forward"), ("2024-01-06", 0, "raise"), ("2024-01-31", 1, "modifiedfollowing"),
                         ("2024-03-30", 0, "modifiedfollowing"), ("2024-06-01", 0, "modifiedpreceding"),
                         ("2024-01-01", 23, "raise"), ("NaT", 1, "raise")]:
        ops = [{"op": "dt_parse", "values": [d], "dtype": "M8[D]"},
               {"op": "busday_offset", "offsets": [off], "roll": roll}]
        g.case("datetime", [], ops, g.run_chain(ops))


def generate(g, scale):
    inp = Inputs(g)
    gen_dtypes(g, inp)
    gen_struct_views(g, inp, int(180 * scale))
    gen_struct_files(g, inp)
    gen_struct_sorts(g, inp, int(40 * scale))
    gen_struct_writes(g, inp, int(60 * scale))
    gen_strings(g, inp, int(180 * scale))
    gen_datetime(g, inp, int(100 * scale))

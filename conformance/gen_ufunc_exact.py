"""Conformance cases for the element-wise edges NumPy handles with care (see gen_exact). A family
of its own, generated after every other family from its own random stream, so adding it left
every other family's cases as they were.

Op vocabulary: as gen_ufunc (the "ufunc" op).
"""
import numpy as np

from gen_ufunc import BINARY, case, sub_shape

COMPARISONS = "equal not_equal less less_equal greater greater_equal".split()


def gen_exact(g, n):
    """Edges NumPy handles with care: its exact signed-integer/uint64 comparison loops (values
    near 2**63 that float64 cannot tell apart), out= arrays whose elements overlap (the value
    left is the last one NumPy's iterator writes), order='A' where every operand is both C- and
    F-contiguous, integer powers of empty arrays with negative exponents, complex powers of zero."""
    import os
    r = g.rng
    i8, u8 = np.dtype("<i8"), np.dtype("<u8")
    def named(name, values, dtype):
        # Inputs of their own names: a shared base's values must never change under other cases.
        g.inputs[name] = np.array(values, dtype=dtype)
        np.save(os.path.join(g.out, "inputs", name + ".npy"), g.inputs[name])
        return name

    edges_i = named("exact_i8_edges", [-2**63, -1, 0, 1, 2**53 + 1, 2**62, 2**63 - 1, 2**63 - 1, 5, -5, 2**53, 0], i8)
    edges_u = named("exact_u8_edges", [0, 2**64 - 1, 0, 1, 2**53, 2**62, 2**63 - 1, 2**63, 5, 2**63 + 1, 2**53 + 1, 7], u8)
    signed = [d for d in g.DTYPES if d.kind == "i"]
    unsigned64 = [d for d in g.DTYPES if d.kind == "u" and d.itemsize == 8]
    for _ in range(n):
        name = COMPARISONS[int(r.integers(len(COMPARISONS)))]
        kind = r.random()
        if kind < 0.3:
            inputs = [{"npy": edges_i}, {"npy": edges_u}]
        else:
            a = g.rand_input(signed[int(r.integers(len(signed)))], max_nd=3)
            shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
            inputs = [a, g.rand_input(unsigned64[int(r.integers(len(unsigned64)))], shape=sub_shape(g, shape))]
        if r.random() < 0.5:
            inputs = inputs[::-1]
        op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 1}]}
        if r.random() < 0.2:
            op["dtype"] = "?"
        if r.random() < 0.2:
            op["order"] = str(r.choice(["C", "F", "A", "K"]))
        case(g, "ufunc_exact", inputs, op, name, np.dtype("?"))
    # out= whose elements share bytes: explicit overlapping layouts of a separate buffer.
    for _ in range(n):
        name = BINARY[int(r.integers(len(BINARY)))]
        dt = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        a = g.rand_input(dt, max_nd=3)
        shape = a.get("shape") or list(g.inputs[a["npy"]].shape)
        od = g.DTYPES[int(r.integers(len(g.DTYPES)))]
        ob = g.base(od, 720)
        isz = od.itemsize
        strides = [int(r.choice([0, 1, -1, 2, -2])) * isz for _ in shape]
        low = sum(min(0, st * (k - 1)) for st, k in zip(strides, shape) if k > 0)
        high = sum(max(0, st * (k - 1)) for st, k in zip(strides, shape) if k > 0) + isz
        room = (g.inputs[ob].nbytes - (high - low)) // isz
        if room < 0:
            continue
        o = {"npy": ob, "offset": -low + isz * int(r.integers(0, min(room, 7) + 1)), "shape": shape,
             "strides": strides}
        op = {"op": "ufunc", "name": name, "args": [{"input": 0}, {"input": 0}], "out": {"input": 1},
              "casting": "unsafe"}
        case(g, "ufunc_exact", [a, o], op, name, od)
    # order='A' where the operands are C- and F-contiguous at once, with and without a cast.
    for shape in ([3, 1], [1, 3], [1, 1], [4], [2, 1, 3]):
        for dt in (np.dtype("?"), np.dtype("<i4"), np.dtype(">f8")):
            a = {"npy": g.base(dt, int(np.prod(shape)), "C", shape)}
            for name, args in (("power", [{"input": 0}, {"input": 0}]), ("add", [{"input": 0}, {"weak": 1.5}]),
                               ("multiply", [{"input": 0}, {"input": 0}])):
                op = {"op": "ufunc", "name": name, "args": args, "order": "A"}
                case(g, "ufunc_exact", [a], op, name, np.dtype("<f8"))
    # Integer powers: a negative exponent only fails when there is something to compute.
    for dt in (np.dtype("<i8"), np.dtype("<i2"), np.dtype(">u4")):
        for shape in ([0], [0, 3], [2]):
            a = {"npy": g.base(dt, int(np.prod(shape)), "C", shape)}
            for w in (-1, -2147483649, 2):
                op = {"op": "ufunc", "name": "power", "args": [{"input": 0}, {"weak": w}]}
                case(g, "ufunc_exact", [a], op, "power", dt)
    # Zero to complex powers.
    zs = named("exact_c16_exponents", [1 + 1j, 2 - 3j, -1 + 1j, 1j, 1, -1, 0, 0.5 + 1e300j, 1e-300 - 2j], "<c16")
    for base in (0, False, [0.0, 0.0], [-0.0, 0.0]):
        op = {"op": "ufunc", "name": "power", "args": [{"weak": base}, {"input": 0}]}
        case(g, "ufunc_exact", [{"npy": zs}], op, "power", np.dtype("<c16"))



def apply(op, a, arrays):
    return NotImplemented  # gen_ufunc applies the "ufunc" op


def generate(g, scale):
    shared = g.rng
    g.rng = np.random.default_rng([shared.bit_generator.seed_seq.entropy, 0x6578616374])
    try:
        gen_exact(g, int(60 * scale))
    finally:
        g.rng = shared

#!/usr/bin/env python3
"""Generates print_cases.json: NumPy's repr and str of many arrays and scalars.

Run from this directory with NumPy 2.4: `python3 print_cases.py > print_cases.json`.
Deterministic (fixed seeds). Each array case records the dtype string (`<f8`, `>i4`), the
shape, and the element bytes in C order as hex. Summarised arrays (too large to store whole)
are stored as one fill element plus the elements of the corners that NumPy displays (in C
order of the corner block); the rest of the array is the fill value. Cases with non-default
print options list them under "opts".
"""
import json
import sys

import numpy as np

assert np.__version__.startswith("2."), np.__version__

DTYPES = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"]
SHAPES = [(), (0,), (1,), (5,), (0, 3), (3, 0, 2), (3, 4), (2, 3, 4), (2, 1, 3, 2),
          (1, 2, 1, 2, 3), (2, 2, 2, 2, 2), (7,), (4, 1)]

# `--stress [seed]` writes a larger uncommitted file instead (see the end of this script).
STRESS_SEED = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--stress" else 0
rng = np.random.default_rng(20241122 + STRESS_SEED)


def float_values(n, mix):
    """Random float64 values of one flavour."""
    if mix == "small_int":
        return rng.integers(-20, 20, n).astype(float)
    if mix == "unit":
        return rng.random(n)
    if mix == "wide":
        return rng.standard_normal(n) * 10.0 ** rng.integers(-12, 12, n)
    if mix == "special":
        pool = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-10, 1e20, 1.5, -2.25, 1e-4, 1e16, 123456.789]
        return np.array([pool[i] for i in rng.integers(0, len(pool), n)])
    if mix == "decimals":
        return np.round(rng.standard_normal(n) * 100, int(rng.integers(0, 4)))
    if mix == "thresholds":
        pool = [1.0, 999.0, 1000.0, 1001.0, 1e3, 1e6, 1e8, 99999999.0, 1e-4, 0.0001001, 9.99e-5,
                12345678.9, 123456789.0, 0.1, 0.25, 1 / 3, 2 / 3]
        return np.array([pool[i] for i in rng.integers(0, len(pool), n)])
    if mix == "nonfinite":
        pool = [np.nan, np.inf, -np.inf]
        return np.array([pool[i] for i in rng.integers(0, len(pool), n)])
    raise ValueError(mix)


FLOAT_MIXES = ["small_int", "unit", "wide", "special", "decimals", "thresholds", "nonfinite"]


def values(dt, n, variant):
    """n random values for dtype dt (native), variant picks the flavour."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return rng.random(n) < 0.5
    if dt.kind in "iu":
        info = np.iinfo(dt)
        if variant % 2 == 0:
            return rng.integers(max(info.min, -50), min(info.max, 50), n, endpoint=True).astype(dt)
        return rng.integers(info.min, info.max, n, endpoint=True, dtype=dt)
    mix = FLOAT_MIXES[variant % len(FLOAT_MIXES)]
    with np.errstate(over="ignore", invalid="ignore"):
        if dt.kind == "f":
            return float_values(n, mix).astype(dt)
        mix2 = FLOAT_MIXES[(variant * 3 + 1) % len(FLOAT_MIXES)]
        return (float_values(n, mix) + 1j * float_values(n, mix2)).astype(dt)


def opts_dict(opts):
    return {k: v for k, v in opts.items()}


cases = []


def add_array(a, opts=None, note="", whole=False):
    opts = opts or {}
    with np.printoptions(**opts):
        r, s = repr(a), str(a)
    case = {"note": note, "dtype": a.dtype.str, "shape": list(a.shape)}
    threshold = opts.get("threshold", 1000)
    if a.size > threshold and not whole:
        edge = opts.get("edgeitems", 3)
        idx = tuple(
            np.r_[0:edge, n - edge:n] if n > 2 * edge else np.arange(n) for n in a.shape)
        corner = a[np.ix_(*idx)]
        case["fill"] = a.flat[0:1].tobytes().hex() if a.size else ""
        full = np.full_like(a, a.flat[0])
        full[np.ix_(*idx)] = corner
        a = full
        with np.printoptions(**opts):
            r, s = repr(a), str(a)
        case["corner"] = np.ascontiguousarray(corner).tobytes().hex()
    else:
        case["hex"] = np.ascontiguousarray(a).tobytes().hex()
    if opts:
        case["opts"] = opts_dict(opts)
    case["repr"], case["str"] = r, s
    cases.append(case)


def make(dt, shape, variant, order=None):
    n = int(np.prod(shape, dtype=np.int64))
    a = np.asarray(values(dt, n, variant)).reshape(shape)
    if order is not None:
        a = a.astype(np.dtype(dt).newbyteorder(order))
    return a


# 1. Every dtype and shape, native order, several value flavours.
for dt in DTYPES:
    for si, shape in enumerate(SHAPES):
        for variant in range(3 if np.dtype(dt).kind in "fc" else 1):
            add_array(make(dt, shape, variant + si), note=f"{dt} {shape} v{variant + si}")

# 2. Non-native byte order for every multi-byte dtype.
for dt in DTYPES:
    if np.dtype(dt).itemsize > 1:
        for shape in [(), (0,), (4,), (2, 3)]:
            add_array(make(dt, shape, 1, ">"), note=f">{dt} {shape}")
# One-byte types ignore byte order.
add_array(make("i1", (3,), 0, ">"), note=">i1")

# 3. Float flavours across shapes for the float and complex types.
for dt in ["f2", "f4", "f8", "c8", "c16"]:
    for variant in range(len(FLOAT_MIXES)):
        for shape in [(6,), (3, 3)]:
            add_array(make(dt, shape, variant), note=f"{dt} mix{variant} {shape}")
    for variant in range(len(FLOAT_MIXES)):
        add_array(make(dt, (), variant), note=f"{dt} 0-d mix{variant}")

# 4. Long rows that wrap, and summarised arrays.
for dt in ["i8", "i2", "f8", "f4", "c16", "?"]:
    add_array(make(dt, (30,), 2), note=f"{dt} wrap 30")
    add_array(make(dt, (4, 25), 3), note=f"{dt} wrap 4x25")
add_array(np.arange(30), note="arange 30")
add_array(np.zeros(1000, np.int8), note="1000 elements print in full")
add_array(np.arange(1001), note="arange 1001")
add_array(np.arange(1001, dtype=np.int32), note="arange 1001 int32")
add_array(np.arange(10000.0).reshape(100, 100), note="100x100 f8")
add_array(np.arange(12000, dtype=np.uint16).reshape(10, 30, 40), note="10x30x40 u2")
for dt in DTYPES:
    for shape in [(1001,), (2000,), (100, 100), (3, 400), (10, 10, 20), (8, 2, 2, 2, 40), (2, 3, 2, 100)]:
        add_array(make(dt, shape, 2 if dt[0] in "fc" else 1), note=f"{dt} {shape} summarised")
add_array(make("f8", (3, 400), 5, ">"), note=">f8 summarised")
add_array(make("f8", (3000, 0), 0), note="empty big")

# 5. Non-default print options.
OPTION_SETS = [
    {"precision": 3}, {"precision": 0}, {"precision": 12}, {"precision": 17},
    {"floatmode": "fixed"}, {"floatmode": "unique"}, {"floatmode": "maxprec_equal"},
    {"floatmode": "fixed", "precision": 2}, {"floatmode": "maxprec_equal", "precision": 4},
    {"floatmode": "unique", "precision": 2},
    {"suppress": True}, {"suppress": True, "precision": 3},
    {"sign": "+"}, {"sign": " "}, {"sign": "+", "floatmode": "fixed"},
    {"linewidth": 20}, {"linewidth": 40}, {"linewidth": 120}, {"linewidth": 10},
    {"threshold": 10}, {"threshold": 10, "edgeitems": 1}, {"threshold": 5, "edgeitems": 2},
    {"threshold": 0, "edgeitems": 4},
    {"nanstr": "NaN", "infstr": "Infinity"}, {"nanstr": "n", "infstr": "i"},
    {"precision": 4, "sign": " ", "linewidth": 50, "suppress": True},
]
for oi, opts in enumerate(OPTION_SETS):
    for dt in ["f8", "f4", "f2", "c16", "i4", "u1", "?"]:
        for shape in [(), (7,), (3, 5), (2, 2, 3)]:
            add_array(make(dt, shape, oi + len(shape)), opts, note=f"opts{oi} {dt} {shape}")
for opts in [{"edgeitems": 1}, {"edgeitems": 5}]:
    add_array(make("f8", (1500,), 2), opts, note=f"{opts} 1500")
    add_array(make("i8", (40, 40), 1), opts, note=f"{opts} 40x40")
add_array(make("u1", (1100,), 1), {"threshold": 2000}, note="threshold 2000, 1100 u1")

# edgeitems=0: NumPy still prints the last element, and sizes its formatter on every element
# (its trailing slice `a[-0:]` is the whole axis). Stored whole.
for dt, shape, opts in [("c16", (5,), {"threshold": 1, "edgeitems": 0, "sign": " "}),
                        ("f4", (3, 4), {"threshold": 5, "edgeitems": 0}),
                        ("i2", (2, 3, 4), {"threshold": 5, "edgeitems": 0, "linewidth": 30})]:
    add_array(make(dt, shape, 3), opts, note=f"edgeitems 0 {dt} {shape}", whole=True)

# 6. Hand-picked edge cases.
specials = [
    np.array([0.1, 0.25]), np.array([1e-5, 1.0]), np.array([1.0, 1001.0]), np.array([1.0, 999.0]),
    np.array([1e-4, 1.0]), np.array([0.0001, 0.1]), np.array([1 / 3, 2 / 3]), np.array([1e6]),
    np.array([1e6], np.float32), np.array([12345678.9]), np.array([123456789.0]),
    np.array([0.0, -0.0]), np.array([np.nan, 1.5, -np.inf]), np.array([1e-4], np.float32),
    np.array([1e-4], np.float16), np.array([1e-4, 1e-1], np.float32), np.array([65504.0], np.float16),
    np.array([0.1 + 1e-9j]), np.array([1 + 2j, 3 - 4.5j]), np.array([complex(np.nan, 1), complex(1, np.inf)]),
    np.array([1e10 + 1j]), np.array([complex(0, -0.0), complex(-0.0, 0)]), np.array(3.0), np.array(5, np.int8),
    np.array(1 / 3), np.array(True), np.array(np.float32(0.1)), np.array(1 + 2j), np.array(np.nan),
    np.array([np.nan, np.inf]), np.array([1.5e300, 1.0]), np.array([np.iinfo(np.int64).min, 0]),
    np.array([np.iinfo(np.uint64).max], np.uint64), np.array([True]), np.array([False, False]),
    np.array([5e-324, 1.7976931348623157e308]), np.array([np.float32(3.4028235e38)]),
    np.array([2.0 ** -149], np.float32), np.array([6e-8], np.float16), np.array([0.1, 0.2, 0.30000000000000004]),
    np.array([9.5, 10.5, 0.5]), np.array([0.125, 0.375]), np.array([1e15, 1e16]), np.array([1.0] * 8).reshape(2, 2, 2),
    np.zeros((2, 0)), np.zeros((0,), np.int8), np.zeros((0, 2, 0), np.complex64), np.zeros((1, 1, 1, 1, 1, 1)),
    np.array([[1.5, np.nan], [np.inf, -0.0]]), np.array(-0.0), np.array(np.inf, np.float16),
    np.array(complex(np.nan, np.nan)),
]
for a in specials:
    add_array(a, note="special")
for opts in [{"precision": 2}, {"suppress": True}, {"floatmode": "fixed"}]:
    add_array(np.array([1e-6, 4e-7, 2, 3]), opts, note="doc example")
    add_array(np.array([1e-10, 1.0, 1e5, 1e-5]), opts, note="suppress mix")

# 7. Scalars: str and repr.
scalars = []
for dt in DTYPES:
    for variant in range(12):
        v = values(dt, 1, variant)[0]
        scalars.append(np.dtype(dt).type(v))
for dt in ["f2", "f4", "f8"]:
    t = np.dtype(dt).type
    for x in [0.0, -0.0, 1.0, 0.1, 999.0, 1000.0, 999999.0, 1e6, 1e15, 1e16, 1e-4, 9.99e-5, 1.00001e-4,
              np.nan, np.inf, -np.inf, 65504.0, 123456789012345.6, 6e-8, 1 / 3]:
        with np.errstate(over="ignore"):
            scalars.append(t(x))
for dt in ["c8", "c16"]:
    t = np.dtype(dt).type
    for re, im in [(1, 2), (0, 2), (-0.0, 2), (0, 0), (0, -0.0), (-0.0, 0), (1, np.nan), (np.nan, 1),
                   (np.inf, -np.inf), (1e20, 1e-20), (1e16, 1), (1e6, 1), (1.5, 0), (1, -0.0), (0, np.nan),
                   (0.1, 0.2), (-1, -1)]:
        scalars.append(t(complex(re, im)))
if "--stress" in sys.argv:
    # Not committed: random bit patterns (subnormals, NaN payloads, every float16), checked with
    # `STRIDER_PRINT_CASES=file cargo test --test print -- --ignored`.
    cases.clear()
    scalars = [np.frombuffer(np.uint16(i).tobytes(), np.float16)[0] for i in range(65536)]
    for dt in ["f4", "f8", "c8", "c16"]:
        for _ in range(3000):
            scalars.append(np.frombuffer(rng.bytes(np.dtype(dt).itemsize), dt)[0])
    for dt in ["f2", "f4", "f8", "c8", "c16"]:
        for i in range(3000):
            n = int(rng.integers(1, 6))
            a = np.frombuffer(rng.bytes(n * np.dtype(dt).itemsize), dt)
            if i % 3 == 0:  # values of similar size, so positional notation is exercised
                with np.errstate(all="ignore"):
                    a = (np.round(rng.standard_normal(n) * 10.0 ** rng.integers(-3, 6), int(rng.integers(0, 12)))
                         * (1 + 1j if dt[0] == "c" else 1)).astype(dt)
            opts = OPTION_SETS[i % len(OPTION_SETS)] if i % 2 else None
            add_array(a, opts, note=f"stress {dt} {i}")
    for i in range(3000):  # layouts: random shapes, widths, thresholds and edge items
        dt = DTYPES[i % len(DTYPES)]
        shape = tuple(int(k) for k in rng.integers(0, 6, int(rng.integers(1, 6))))
        opts = {"linewidth": int(rng.integers(5, 150)), "threshold": int(rng.integers(0, 200)),
                "edgeitems": int(rng.integers(0, 4)), "sign": "-+ "[i % 3]}
        add_array(make(dt, shape, i, "<>"[i % 2] if np.dtype(dt).itemsize > 1 else None), opts,
                  note=f"stress layout {i}")
for s in scalars:
    cases.append({"note": "scalar", "dtype": s.dtype.str, "scalar": s.tobytes().hex(),
                  "repr": repr(s), "str": str(s)})

sys.stdout.write("[\n" + ",\n".join(json.dumps(c, sort_keys=True, separators=(",", ":")) for c in cases) + "\n]\n")
print(f"{len(cases)} cases", file=sys.stderr)

"""Generates the NumPy oracle tables used by tests/copies.rs (run: python3 gen_tables.py).

can_cast.txt: `from to casting result` for every pair of the 14 numeric dtypes in both byte
orders and every casting level (np.can_cast).
casts.txt: `from to src_hex dst_hex`: one element of `from` (given by its bytes) cast with
np.ndarray.astype(to) as a 1-element array (NumPy's scalar loop, see tests/copies.rs).
"""
import warnings

import numpy as np

warnings.simplefilter("ignore")
CODES = ["b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"]
LEVELS = ["no", "equiv", "safe", "same_kind", "unsafe"]


def dt(code, order):
    return np.dtype(order + code)


def canon(d):
    return d.str


with open("can_cast.txt", "w") as f:
    for a in CODES:
        for oa in "<>":
            for b in CODES:
                for ob in "<>":
                    for lv in LEVELS:
                        r = np.can_cast(dt(a, oa), dt(b, ob), casting=lv)
                        f.write(f"{canon(dt(a, oa))} {canon(dt(b, ob))} {lv} {int(r)}\n")

FLOATS = [0.0, -0.0, 1.5, -1.5, 300.7, -300.7, 65504.0, 65519.0, 65520.0, 1e10, -1e10, 2.0**31,
          -(2.0**31) - 1, 4294967295.5, 2.0**63, 2.0**64, -(2.0**63), 1e20, -1e20, float("nan"),
          float("inf"), float("-inf"), 1 + 2**-11 + 2**-40, 1e-8, 3e-8, 6e-8, 2.0**-25, 0.1]
INTS = [0, 1, -1, 127, 128, 255, 256, -129, 32767, 65535, 65536, 2**31 - 1, -(2**31), 2**32 + 5,
        2**53 + 1, 2**63 - 1, -(2**63), 2**64 - 1, 16777217, 2049, 65519, 65520, 2**24 + 3]


def sources(code):
    d = np.dtype(code)
    if d.kind == "b":
        return [np.array([v], dtype="u1").view("b1") for v in (0, 1)]
    if d.kind in "iu":
        return [np.array([v % 2**64], dtype="u8").astype(d) for v in INTS]
    vals = [np.array([v]).astype(d) for v in FLOATS]
    if d.kind == "c":
        vals += [np.array([complex(0, 1)]).astype(d), np.array([complex(1.5, float("nan"))]).astype(d),
                 np.array([complex(0.0, -0.0)]).astype(d), np.array([complex(3e9, 7)]).astype(d)]
    return vals


with open("casts.txt", "w") as f:
    for a in CODES:
        for b in CODES:
            for orders in ["<<", ">>", "<>"]:
                sa, sb = dt(a, orders[0]), dt(b, orders[1])
                for v in sources(a):
                    src = v.astype(sa)
                    out = src.astype(sb)
                    f.write(f"{sa.str} {sb.str} {src.tobytes().hex()} {out.tobytes().hex()}\n")

# Contiguous float/complex -> uint32 runs: NumPy's vectorised loop treats NaN/out-of-range values
# in its blocks of 4 differently from the scalar tail. `from to offset_elems len src_hex dst_hex`.
with open("contiguous_u32.txt", "w") as f:
    for a in ["<f4", "<f8", ">f8", "<f2", "<c8", "<c16", ">c16"]:
        base = np.array(FLOATS).astype(a)
        for start, stop in [(0, len(FLOATS)), (1, len(FLOATS)), (0, 7), (3, 4), (0, 1), (0, 4), (0, 5),
                            (0, 6), (2, 10), (1, 13)]:
            src = base[start:stop]
            for b in ["<u4", ">u4"]:
                out = src.astype(b)
                f.write(f"{a} {b} {src.tobytes().hex()} {out.tobytes().hex()}\n")

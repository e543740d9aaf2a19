"""NumPy's casting table and conversion results, for tests/casting.rs.

Writes cast_tables.json with:
  can_cast: [from, to, level, bool] for every pair of the 14 numeric types in both byte orders
            and every casting level (np.can_cast);
  convert:  [from dtype, to dtype, input bytes hex, output bytes hex] for edge values (nan, inf,
            out-of-range, negative, fractional) converted with astype(casting='unsafe').
Run from anywhere: python3 gen_cast_tables.py
"""
import itertools
import json
import os
import warnings

import numpy as np

TYPES = ["?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"]
LEVELS = ["no", "equiv", "safe", "same_kind", "unsafe"]


def dtypes():
    for t in TYPES:
        if t in ("?", "i1", "u1"):
            yield np.dtype(t)
        else:
            yield np.dtype("<" + t)
            yield np.dtype(">" + t)


def main():
    out = {"numpy": np.__version__, "can_cast": [], "convert": []}
    for a, b in itertools.product(list(dtypes()), repeat=2):
        for lvl in LEVELS:
            out["can_cast"].append([a.str, b.str, lvl, bool(np.can_cast(a, b, lvl))])
    floats = [np.nan, np.inf, -np.inf, 1e20, -1e20, 300.7, -1.5, 2.0**63, 2.0**64, 2.0**32 + 5,
              -2.0**31 - 1, 65535.9, 2.0**31, 1.5e19, -0.7, 0.0, -0.0, 65520.0, 1e-8, 127.5, -128.5]
    ints = [0, 1, -1, 127, 128, 255, 256, -129, 32767, -32769, 65535, 2**31 - 1, -2**31, 2**53 + 1, -2**63,
            2**63 - 1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sources = []
        for t in ["<f2", "<f4", "<f8", ">f8"]:
            sources.append(np.array(floats).astype(t))
        for t in ["<c8", "<c16"]:
            sources.append(np.array([complex(f, 2.5) for f in floats] + [complex(0, 1), 0j]).astype(t))
        for t in ["<i8", ">i8", "<i4", "|i1", "<u8"]:
            sources.append(np.array(ints, dtype=object).astype(np.int64).astype(t)
                           if t != "<u8" else np.array([i % 2**64 for i in ints], dtype=np.uint64))
        sources.append(np.array([True, False]))
        for src in sources:
            for b in dtypes():
                res = src.astype(b, casting="unsafe")
                out["convert"].append([src.dtype.str, b.str, src.tobytes().hex(), res.tobytes().hex()])
    dest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cast_tables.json")
    with open(dest, "w") as f:
        json.dump(out, f)
    print(f"{len(out['can_cast'])} can_cast rows, {len(out['convert'])} conversions -> {dest}")


if __name__ == "__main__":
    main()

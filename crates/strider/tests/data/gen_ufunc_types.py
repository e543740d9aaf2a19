"""NumPy's type resolution for every ufunc Strider has, over every pair of numeric dtypes and
with weak (Python) scalars: writes ufunc_types.json for tests/ufunc_types.rs.

    python3 crates/strider/tests/data/gen_ufunc_types.py
"""
import json
import os
import warnings

import numpy as np

TYPES = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"]
UNARY = ("negative positive absolute sign sqrt cbrt square reciprocal exp exp2 expm1 log log2 log10 log1p "
         "sin cos tan arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh floor ceil trunc rint "
         "logical_not invert isnan isinf isfinite signbit").split()
BINARY = ("add subtract multiply divide floor_divide remainder fmod power arctan2 hypot copysign heaviside "
          "minimum maximum fmin fmax equal not_equal less less_equal greater greater_equal logical_and "
          "logical_or logical_xor bitwise_and bitwise_or bitwise_xor left_shift right_shift").split()
WEAK = [("int", 1), ("int", 300), ("int", -1), ("float", 1.5), ("complex", 1j), ("bool", True)]


def outcome(f):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = f()
        return {"dtype": np.asarray(r).dtype.str}
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        return {"error": type(e).__name__, "message": str(e)}


def main():
    out = {"numpy": np.__version__, "promote": {}, "unary": {}, "binary": {}, "weak": {}}
    out["result3"] = {}
    for a in TYPES:
        for b in TYPES:
            out["promote"][f"{a},{b}"] = np.promote_types(a, b).str
            for c in TYPES:
                out["result3"][f"{a},{b},{c}"] = np.result_type(a, b, c).str
    for name in UNARY:
        u = getattr(np, name)
        out["unary"][name] = {t: outcome(lambda: u(np.ones(2, t))) for t in TYPES}
    for name in BINARY:
        u = getattr(np, name)
        out["binary"][name] = {f"{a},{b}": outcome(lambda: u(np.ones(2, a), np.ones(2, b)))
                               for a in TYPES for b in TYPES}
        for t in TYPES:
            for kind, v in WEAK:
                out["weak"][f"{name},{t},{kind},{v!r}"] = outcome(lambda: u(np.ones(2, t), v))
                out["weak"][f"{name},{kind},{v!r},{t}"] = outcome(lambda: u(v, np.ones(2, t)))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "ufunc_types.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

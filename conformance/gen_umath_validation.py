"""Writes NumPy's own accuracy vectors (numpy/_core/tests/data/umath-validation-set-*.csv, shipped
in the installed wheel) as one compact text file for crates/strider/tests/umath_validation.rs.

Every row is kept. A line is `<ufunc> <f|d> <input bits> <expected bits> <ulp tolerance>` with
the bits in hex, f = float32, d = float64. The tolerance is the file's own: NumPy's
test_umath_accuracy checks each (function, dtype) group against the largest tolerance of the
group, so the runner does the same. Deterministic: files and rows in the wheel's order.

    python3 conformance/gen_umath_validation.py [--out PATH]
"""
import argparse
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "crates", "strider", "tests", "data", "umath_validation.txt")
TYPES = {"np.float32": "f", "np.float64": "d"}


def rows(path):
    with open(path) as fh:
        header = True
        for line in fh:
            if line[0] in "$#" or not line.strip():
                continue
            if header:  # the column names
                header = False
                continue
            dtype, inp, out, ulp = (f.strip() for f in line.split(","))
            yield TYPES[dtype], int(inp, 16), int(out, 16), int(ulp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    data = os.path.join(os.path.dirname(np.__file__), "_core", "tests", "data")
    names = sorted(f for f in os.listdir(data) if f.startswith("umath-validation-set-") and f.endswith(".csv"))
    lines = [f"# NumPy {np.__version__} umath validation vectors: ufunc type input expected ulp"]
    for f in names:
        ufunc = f[len("umath-validation-set-"):-len(".csv")]
        for t, i, o, u in rows(os.path.join(data, f)):
            w = 8 if t == "f" else 16
            lines.append(f"{ufunc} {t} {i:0{w}x} {o:0{w}x} {u}")
    with open(args.out, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{args.out}: {len(lines) - 1} rows from {len(names)} files")


if __name__ == "__main__":
    main()

"""Archives written by NumPy's savez / savez_compressed, for tests/npz.rs.

Writes tests/data/npz/{stored,deflated}.npz and npz_expect.json (per member: dtype, shape,
whether NumPy loads it F-ordered, and the hex of its C-order bytes).
"""
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "npz")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(5)
arrays = {
    "f8": rng.normal(size=(3, 4)),
    "fortran": np.asfortranarray(rng.integers(-100, 100, size=(2, 3, 2)).astype("<i4")),
    "big": rng.normal(size=5).astype(">f4"),
    "scalar": np.array(7, dtype=np.uint16),
    "empty": np.zeros((0, 3), dtype=np.complex64),
    "bools": rng.integers(0, 2, 9).astype(bool),
}
positional = [np.arange(6, dtype=np.int8).reshape(2, 3)]
np.savez(os.path.join(out, "stored.npz"), *positional, **arrays)
np.savez_compressed(os.path.join(out, "deflated.npz"), *positional, **arrays)
expect = {}
for fname in ("stored.npz", "deflated.npz"):
    with np.load(os.path.join(out, fname)) as z:
        expect[fname] = {
            "files": list(z.files),
            "members": {k: {"dtype": z[k].dtype.str, "shape": list(z[k].shape),
                            "fortran": bool(z[k].flags.f_contiguous and not z[k].flags.c_contiguous),
                            "data": np.ascontiguousarray(z[k]).tobytes().hex()} for k in z.files},
        }
with open(os.path.join(here, "npz_expect.json"), "w") as f:
    json.dump(expect, f, indent=1)
print("wrote", out)

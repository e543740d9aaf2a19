"""NumPy's tofile/fromfile results for tests/raw.rs: writes raw_expect.json."""
import json
import os
import tempfile

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
arrays = [
    np.array([1.5, 2.0, 4e-20, np.nan, -np.inf, 1e100, -0.0, 123456789.125]),
    rng.normal(size=(3, 4)).astype(np.float32),
    np.array([1, -2, 300, 32767], dtype=">i2"),
    np.array([[True, False], [False, True]]),
    rng.integers(0, 2**63, 5, dtype=np.uint64),
    (rng.normal(size=4) + 1j * rng.normal(size=4)).astype(np.complex64),
    np.arange(6, dtype=np.float16).reshape(2, 3).T,
]
out = {"tofile": [], "fromfile": []}
tmp = os.path.join(tempfile.mkdtemp(), "x")
for a in arrays:
    rec = {"dtype": a.dtype.str, "shape": list(a.shape), "data": np.ascontiguousarray(a).tobytes().hex()}
    for sep in ["", " ", ", ", "\n"]:
        a.tofile(tmp, sep=sep)
        rec["sep" + repr(sep)] = open(tmp, "rb").read().hex()
    out["tofile"].append(rec)
texts = [("1.5,nan,-inf,1e+100", ",", "<f8"), ("1 2  3\n4", " ", "<i4"), ("7, 8, x, 9", ",", "<f4"),
         ("  -1 ,2,3  ", ",", "<i8"), ("1e3 2.5", " ", "<f2"), ("5;6;7", ";", "|u1")]
for text, sep, dt in texts:
    with open(tmp, "w") as f:
        f.write(text)
    try:
        a = np.fromfile(tmp, dtype=dt, sep=sep)
        out["fromfile"].append({"text": text, "sep": sep, "dtype": dt, "result": a.tobytes().hex(), "n": int(a.size)})
    except ValueError as e:
        out["fromfile"].append({"text": text, "sep": sep, "dtype": dt, "error": str(e)})
with open(os.path.join(here, "raw_expect.json"), "w") as f:
    json.dump(out, f, indent=1)

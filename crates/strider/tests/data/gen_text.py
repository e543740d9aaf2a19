"""NumPy's savetxt/loadtxt results for tests/text.rs: writes text_expect.json."""
import io
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(3)
arrays = [
    np.array([[1.5, -2.25e-7, 3e20], [np.nan, np.inf, -0.0]]),
    rng.normal(size=(4, 3)) * 10.0 ** rng.integers(-6, 7, size=(4, 3)),
    rng.normal(size=5).astype(np.float32),
    np.array([[1, -2], [300, 4]], dtype=np.int32),
    np.array([0.5, 123456.789, 1e-5, 99999.5]),
]
fmts = ["%.18e", "%.3f", "%g", "%10.4e", "%.2g", "%s", "%-12.5f|", "%+.3e", "%08.2f", "%d", "%#.3g", "%G", "%.0f"]
save = []
for a in arrays:
    for fmt in fmts:
        for delim, header, footer in [(" ", "", ""), (",", "x y\nz", "end")]:
            b = io.StringIO()
            try:
                np.savetxt(b, a, fmt=fmt, delimiter=delim, header=header, footer=footer)
                out = b.getvalue()
            except Exception as e:  # noqa: BLE001
                out = None
            save.append({"dtype": a.dtype.str, "shape": list(a.shape), "data": a.tobytes().hex(), "fmt": fmt,
                         "delimiter": delim, "header": header, "footer": footer, "text": out})
load = []
for text, kw in [("# c\n1 2 3\n4 5 6\n", {}), ("1,2\n3,4", {"delimiter": ",", "usecols": [1]}), ("x\n1\n2", {"skiprows": 1}),
                 ("1 2 3", {}), ("5", {}), ("1 2\n3", {}), ("1 a", {}), ("nan -inf 1e300\n2 3 4 # tail", {}),
                 ("1;2;3\n4;5;6", {"delimiter": ";", "dtype": "<i4"}), ("7 8\n9 10", {"usecols": [-1]}),
                 ("1.5 2", {"dtype": "<i8"}), ("\n\n1 2\n\n3 4\n", {})]:
    try:
        a = np.loadtxt(io.StringIO(text), **kw)
        load.append({"text": text, "kw": kw, "dtype": a.dtype.str, "shape": list(a.shape), "data": a.tobytes().hex()})
    except Exception as e:  # noqa: BLE001
        load.append({"text": text, "kw": kw, "error": str(e)})
with open(os.path.join(here, "text_expect.json"), "w") as f:
    json.dump({"save": save, "load": load}, f, indent=0)
print(len(save), "savetxt cases,", len(load), "loadtxt cases")

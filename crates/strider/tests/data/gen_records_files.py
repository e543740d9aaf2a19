"""Writes .npy/.npz files of structured, string and datetime arrays with NumPy, for
`tests/records.rs` (Strider must read each as NumPy does and write it back byte for byte).
Run from the repository root: python3 crates/strider/tests/data/gen_records_files.py
"""
import json
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "records")


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = {
        "latin1_names": np.array([(1, 2.5), (3, -1.0)], dtype=[("prix", "<i4"), ("taux_é", "<f8")]),
        "utf8_names": np.array([(1, 2.5)], dtype=[("price_€", "<i4"), ("数量", "<f8")]),
        "aligned": np.zeros(3, np.dtype([("a", "u1"), ("b", "<i4"), ("c", "<f8")], align=True)),
        "nested": np.zeros((2, 2), [("id", "<i2"), ("p", [("x", ">f8"), ("y", "u1")]), ("v", "<f4", (3,))]),
        "titles": np.zeros(2, [(("Price in USD", "price"), "<f8"), ("n", "u1")]),
        "strings_be": np.array(["héllo", "", "abc"], ">U5"),
        "bytes": np.array([b"IBM", b"AAPL", b"\x00z"], "S4"),
        "datetimes": np.array(["2020-01-01T10:00", "NaT", "1969-12-31T23:59"], "M8[m]"),
        "timedeltas_be": np.array([5, -3, "NaT"], ">m8[25s]"),
        "fortran_records": np.asfortranarray(np.zeros((2, 3), [("a", "<i8"), ("s", "S2")])),
    }
    arrays["aligned"]["b"] = [1, -2, 3]
    arrays["aligned"]["c"] = [0.5, 1e300, -0.0]
    arrays["nested"]["p"]["x"] = [[1.5, 2.5], [3.5, 4.5]]
    arrays["nested"]["v"] = np.arange(12, dtype="<f4").reshape(2, 2, 3)
    arrays["fortran_records"]["a"] = [[1, 2, 3], [4, 5, 6]]
    arrays["fortran_records"]["s"] = [[b"a", b"b", b"c"], [b"d", b"e", b"f"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # version 3.0 for the UTF-8 field names
        for name, a in arrays.items():
            np.save(os.path.join(OUT, name + ".npy"), a)
    np.savez(os.path.join(OUT, "mixed.npz"), trades=arrays["aligned"], when=arrays["datetimes"])
    expected = {}
    for name in arrays:
        b = np.load(os.path.join(OUT, name + ".npy"))  # as np.load gives it back
        expected[name] = {"dtype": repr(b.dtype), "data": b.tobytes().hex(), "repr": repr(b), "str": str(b),
                          "fortran": bool(b.flags.f_contiguous and not b.flags.c_contiguous)}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()

"""NumPy's reading of every .npy file in ../shared/npy-corpus (files other programs wrote).

Writes corpus_expect.json: for each file, either NumPy's result (dtype str, shape, whether it loaded
F-ordered, and the SHA-256 of the values as C-order bytes in the file's own dtype) or the class of the
error NumPy raised with allow_pickle=False. The Rust test `npy_corpus` reads the same files and must
agree. Run from the repository root: python3 conformance/corpus/gen_corpus_expect.py
"""
import hashlib
import json
import os
import sys
import warnings

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "npy-corpus")


def main():
    root = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else ROOT)
    out = []
    npz = []
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".npz"):
                path = os.path.join(dirpath, name)
                case = {"file": os.path.relpath(path, root), "members": {}}
                try:
                    with np.load(path, allow_pickle=False) as z:
                        for k in z.files:
                            try:
                                a = z[k]
                                case["members"][k] = {
                                    "dtype": a.dtype.str if a.dtype.fields is None else str(a.dtype.descr),
                                    "numeric": a.dtype.kind in "biufc", "shape": list(a.shape),
                                    "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
                                    "sha256": hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()}
                            except Exception as e:  # noqa: BLE001
                                case["members"][k] = {"error": type(e).__name__}
                except Exception as e:  # noqa: BLE001
                    case["error"] = type(e).__name__
                npz.append(case)
                continue
            if not name.endswith(".npy"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            case = {"file": rel}
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    a = np.load(path, allow_pickle=False)
                case["dtype"] = a.dtype.str if a.dtype.fields is None else str(a.dtype.descr)
                case["numeric"] = a.dtype.kind in "biufc"
                case["shape"] = list(a.shape)
                case["fortran"] = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
                case["sha256"] = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
            except Exception as e:  # noqa: BLE001 - we record what NumPy does
                case["error"] = type(e).__name__
            out.append(case)
    dest = os.path.join(os.path.dirname(__file__), "corpus_expect.json")
    with open(dest, "w") as f:
        json.dump({"numpy": np.__version__, "cases": out, "npz": npz}, f, indent=1)
        f.write("\n")
    print(f"{len(out)} files -> {dest}")


if __name__ == "__main__":
    main()

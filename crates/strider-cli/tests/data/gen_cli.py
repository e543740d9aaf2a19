"""Inputs and NumPy's expected results for the strider CLI tests (stats and convert).

Run from anywhere: python3 gen_cli.py  (deterministic; writes next to this file).
stats_expect.json holds, per input file, NumPy's per-column nan-aware statistics: the table is
the array reshaped to (-1, last axis) (1-d: one column); count and nan count; min and max from
np.nanmin/np.nanmax on the original values (exact integers); mean and std (ddof=0) from
np.nanmean/np.nanstd on the values converted to float64 (the CLI accumulates in float64).
convert_expect.json holds the cast error NumPy raises; the expected output files are saved by
NumPy itself (np.save, np.savez, np.savetxt).
"""
import json
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240601)


def path(name):
    return os.path.join(HERE, name)


def py(v):
    if isinstance(v, (np.integer, np.bool_)):
        return int(v)
    v = float(v)
    return None if np.isnan(v) else v


def column_stats(a):
    t = a.reshape(1, 1) if a.ndim == 0 else a.reshape(-1, 1) if a.ndim == 1 else a.reshape(-1, a.shape[-1])
    cols = []
    for j in range(t.shape[1]):
        x = t[:, j]
        nan = int(np.isnan(x).sum()) if x.dtype.kind == "f" else 0
        count = x.size - nan
        xf = x.astype(np.float64)
        if count == 0:
            lo = hi = mean = std = None
        else:
            lo, hi = py(np.nanmin(x)), py(np.nanmax(x))
            mean, std = py(np.nanmean(xf)), py(np.nanstd(xf))
        cols.append({"column": j, "count": count, "nan": nan, "min": lo, "max": hi, "mean": mean, "std": std})
    return {"dtype": a.dtype.str, "shape": list(a.shape), "rows": t.shape[0], "columns": cols}


stats = {}

c = np.empty((2000, 3))
c[:, 0] = rng.standard_normal(2000)
c[:, 1] = rng.uniform(-5, 5, 2000)
c[::7, 1] = np.nan
c[:, 2] = 1e9 + rng.standard_normal(2000)  # a large common offset
np.save(path("stats_c.npy"), c)
stats["stats_c.npy"] = column_stats(c)

f = np.asfortranarray(rng.standard_normal((400, 4)).astype(np.float32))
f[:, 3] = np.nan
f[5, 0] = np.nan
np.save(path("stats_f.npy"), f)
stats["stats_f.npy"] = column_stats(f)

i = rng.integers(-(2**62), 2**62, 1001, dtype=np.int64)
np.save(path("stats_i8.npy"), i)
stats["stats_i8.npy"] = column_stats(i)

u = rng.integers(0, 65535, (10, 7, 3)).astype(">u2")
np.save(path("stats_u2_be.npy"), u)
stats["stats_u2_be.npy"] = column_stats(u)

b = rng.integers(0, 2, (50, 2)).astype(bool)
np.save(path("stats_bool.npy"), b)
stats["stats_bool.npy"] = column_stats(b)

np.savez(path("stats_pair.npz"), a=c[:100], b=b)
stats["stats_pair.npz:a"] = column_stats(c[:100])

with open(path("stats_expect.json"), "w") as fh:
    json.dump(stats, fh, indent=1, sort_keys=True)
    fh.write("\n")

# convert
src = np.arange(37 * 5, dtype=np.float64).reshape(37, 5) / 7 - 3
np.save(path("conv_src.npy"), src)
np.save(path("conv_src_F.npy"), np.asfortranarray(src))
np.save(path("conv_src_f4.npy"), src.astype(np.float32))
np.savetxt(path("conv_src.csv"), src, delimiter=",")
ints = rng.integers(-1000, 1000, (6, 4)).astype(np.int32)
np.savetxt(path("conv_i4.csv"), ints, fmt="%d", delimiter=",")
np.save(path("conv_i4.npy"), ints)
be = rng.integers(-300, 300, (5, 3)).astype(">i2")
np.save(path("conv_be.npy"), be)
np.save(path("conv_be_le_i4.npy"), be.astype("<i4"))
np.savez(path("conv_pair.npz"), x=src, y=ints)
try:
    src.astype(np.int32, casting="same_kind")
    cast_error = None
except TypeError as e:
    cast_error = str(e)
# explain: conv_src.npy[::2, 1:3].T, and whether NumPy's reshape(-1) of it copies
v = src[::2, 1:3].T
explain = {
    "shape": list(v.shape),
    "strides": list(v.strides),
    "offset": int(v.__array_interface__["data"][0] - src.__array_interface__["data"][0]),
    "c_contiguous": bool(v.flags.c_contiguous),
    "f_contiguous": bool(v.flags.f_contiguous),
    "reshape_flat_copies": not np.shares_memory(v, v.reshape(-1)),
    "reshape_flat_F_copies": not np.shares_memory(v, v.reshape(-1, order="F")),
}
with open(path("convert_expect.json"), "w") as fh:
    json.dump({"cast_error_f8_to_i4_same_kind": cast_error, "explain_src_step2_cols1to3_T": explain}, fh, indent=1)
    fh.write("\n")

# stats of every real-valued conformance input NumPy wrote (all dtypes, byte orders, C/F, 0-d to
# n-d, empty), read from ../../../../conformance/cases/inputs at test time.
INPUTS = os.path.join(HERE, "..", "..", "..", "..", "conformance", "cases", "inputs")
corpus = {}
for name in sorted(os.listdir(INPUTS)):
    a = np.load(os.path.join(INPUTS, name))
    if a.dtype.kind not in "biuf" or (a.ndim > 1 and a.shape[-1] > 16):
        continue
    if a.dtype.kind == "f" and np.isinf(a).any():
        continue
    if a.ndim > 1 and a.shape[-1] == 0:
        t = {"dtype": a.dtype.str, "shape": list(a.shape), "rows": int(np.prod(a.shape[:-1])), "columns": []}
    else:
        t = column_stats(a)
    corpus[name] = t
with open(path("stats_corpus_expect.json"), "w") as fh:
    json.dump(corpus, fh, sort_keys=True, separators=(",", ":"))
    fh.write("\n")

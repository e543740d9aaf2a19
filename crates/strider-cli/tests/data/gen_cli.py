"""Inputs and NumPy's expected results for the strider CLI tests (stats and convert).

Run from anywhere: python3 gen_cli.py  (deterministic; writes next to this file).
stats_expect.json holds, per input file, NumPy's per-column nan-aware statistics: the table is
the array reshaped to (-1, last axis) (1-d: one column); count and nan count; min and max from
np.nanmin/np.nanmax on the original values (exact integers); mean and std (ddof=0) computed
exactly from the values NumPy loaded (see exact_mean_std). Record files get per-field statistics
(field_stats).
convert_expect.json holds the cast error NumPy raises; the expected output files are saved by
NumPy itself (np.save, np.savez, np.savetxt).
"""
import json
import math
import os
from fractions import Fraction
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


def exact_mean_std(x):
    """The mean and population std (ddof=0) of the non-NaN values of x, computed exactly in
    rational arithmetic on the values NumPy loaded (integers as they are, floats as the doubles
    they widen to) and rounded once. np.nanmean/np.nanstd in float64 agree to about 1e-15 on
    ordinary data but lose digits where values share a huge offset: for int64 values near -9.2e18
    that differ by 1e5 its float64 std is off in the fifth digit."""
    vals = [Fraction(int(v)) if x.dtype.kind in "biu" else Fraction(float(v)) for v in x.tolist() if v == v]
    m = sum(vals, Fraction(0)) / len(vals)
    var = sum(((v - m) ** 2 for v in vals), Fraction(0)) / len(vals)
    return float(m), math.sqrt(float(var))


def column_stats(a):
    t = a.reshape(1, 1) if a.ndim == 0 else a.reshape(-1, 1) if a.ndim == 1 else a.reshape(-1, a.shape[-1])
    cols = []
    for j in range(t.shape[1]):
        x = t[:, j]
        nan = int(np.isnan(x).sum()) if x.dtype.kind == "f" else 0
        count = x.size - nan
        if count == 0:
            lo = hi = mean = std = None
        else:
            lo, hi = py(np.nanmin(x)), py(np.nanmax(x))
            mean, std = exact_mean_std(x)
        cols.append({"column": j, "count": count, "nan": nan, "min": lo, "max": hi, "mean": mean, "std": std})
    return {"dtype": a.dtype.str, "shape": list(a.shape), "rows": t.shape[0], "columns": cols}


def leaf_paths(dt, path=()):
    """Every leaf field of a structured dtype, as the chain of names that reaches it."""
    for name in dt.names:
        base = dt.fields[name][0].base
        if base.names is not None:
            yield from leaf_paths(base, path + (name,))
        else:
            yield path + (name,)


def field_stats(a):
    """Per-field statistics of a structured array: its records as rows, one column per leaf
    field (a subarray field gives one column per element, labelled name[i] or name[i,j]); numeric
    fields as column_stats; datetime and timedelta fields count NaT as nan and give NumPy's str
    of their min and max; other fields (strings, complex, void) only a count. None when a float
    field holds an infinity (JSON has none)."""
    t = a.reshape(-1, order="F" if a.flags.f_contiguous and not a.flags.c_contiguous else "C")
    cols = []
    for path in leaf_paths(a.dtype):
        x = t
        for name in path:
            x = x[name]
        trailing = x.shape[1:]
        x = x.reshape(x.shape[0], int(np.prod(trailing)))
        for j in range(x.shape[1]):
            label = ".".join(path)
            if trailing:
                idx = np.unravel_index(j, trailing)
                label += "[" + ",".join(str(int(i)) for i in idx) + "]"
            col = x[:, j]
            k = col.dtype.kind
            entry = {"column": len(cols), "field": label, "count": col.size, "nan": 0,
                     "min": None, "max": None, "mean": None, "std": None}
            if k in "biuf":
                if k == "f" and np.isinf(col).any():
                    return None
                one = column_stats(col)["columns"][0]
                one.update({"column": len(cols), "field": label})
                entry = one
            elif k in "mM":
                nat = np.isnat(col)
                ok = col[~nat]
                entry["count"], entry["nan"] = int(ok.size), int(nat.sum())
                if ok.size:
                    entry["min"], entry["max"] = str(ok.min()), str(ok.max())
            cols.append(entry)
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
    if a.dtype.names is not None:
        t = field_stats(a)
        if t is not None:
            corpus[name] = t
        continue
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

# A table of trades with nested and subarray fields, NaN prices, NaT timestamps, in its own
# generator so the files above stay byte-identical.
rr = np.random.default_rng(7)
rec_dt = np.dtype([("ts", "<M8[ns]"), ("ticker", "S8"), ("price", "<f8"), ("qty", ">i4"),
                   ("pos", "<f4", (3,)), ("inner", [("a", "u1"), ("b", "<m8[s]"), ("m", "<i2", (2, 2))]),
                   ("note", "<U3")], align=True)
rec = np.zeros(501, dtype=rec_dt)
rec["ts"] = np.datetime64("2024-03-04T09:30", "ns") + rr.integers(0, 10**14, 501).astype("m8[ns]")
rec["ts"][::50] = np.datetime64("NaT")
rec["ticker"] = rr.choice([b"AAPL", b"MSFT", b"GOOG"], 501)
rec["price"] = rr.uniform(10, 500, 501)
rec["price"][::9] = np.nan
rec["qty"] = rr.integers(-1000, 1000, 501)
rec["pos"] = rr.standard_normal((501, 3))
rec["inner"]["a"] = rr.integers(0, 256, 501)
rec["inner"]["b"] = rr.integers(-10**6, 10**6, 501).astype("m8[s]")
rec["inner"]["b"][3] = np.timedelta64("NaT")
rec["inner"]["m"] = rr.integers(-30000, 30000, (501, 2, 2))
rec["note"] = "ab"
np.save(path("stats_rec.npy"), rec)
np.save(path("stats_rec_2d.npy"), np.asfortranarray(rec[:500].reshape(20, 25)))
rec_stats = {"stats_rec.npy": field_stats(rec), "stats_rec_2d.npy": field_stats(np.asfortranarray(rec[:500].reshape(20, 25)))}
with open(path("stats_rec_expect.json"), "w") as fh:
    json.dump(rec_stats, fh, indent=1, sort_keys=True)
    fh.write("\n")

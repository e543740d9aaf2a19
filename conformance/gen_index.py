"""Conformance cases for advanced indexing, joining and splitting, the growable array (the NumPy side).

`gen_cases.py` calls `generate(g, scale)` after its own families and asks `apply(op, a, arrays)`
for any operation it does not know (`NotImplemented` means: not one of ours). `g` is the
generator (`g.case`, `g.base`, `g.rand_input`, `g.rng`, `g.DTYPES`, `g.run_chain`).
"""


def apply(op, a, arrays):
    return NotImplemented


def generate(g, scale):
    pass

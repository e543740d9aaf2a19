"""Generates the NumPy-derived overlap tables in tests/memory.rs (run with NumPy 2.x).

    python3 overlap_cases.py pairs 1 300 1024          # PAIRS
    python3 overlap_cases.py hard 7 60 65536           # HARD_PAIRS
    python3 overlap_cases.py internal 2 150 1024       # INTERNAL
    python3 overlap_cases.py diophantine 3 150         # DIOPHANTINE

Every layout is np.ndarray(shape, dtype, buffer=buf, offset=off, strides=strides) over one
zeroed uint8 buffer; each printed row is a Rust tuple literal. "work" is the smallest max_work
for which NumPy does not raise TooHardError (monotone in max_work, found by bisection).
"""
import random
import sys

import numpy as np
from numpy._core._multiarray_tests import internal_overlap
from numpy.exceptions import TooHardError

DT = {1: 'u1', 2: 'u2', 4: 'u4', 8: 'u8', 16: 'V16'}


def rand_layout(rng, buf, hard):
    n = len(buf)
    while True:
        if hard:
            nd, item = rng.randint(2, 4), rng.choice([1, 1, 2, 4, 8])
            shape = [rng.randint(2, 24) for _ in range(nd)]
            strides = [rng.choice([rng.randint(-300, 300), item * rng.randint(-40, 40)]) for _ in range(nd)]
        else:
            nd, item = rng.randint(1, 3), rng.choice([1, 1, 2, 4, 8, 16])
            shape = [rng.randint(1, 6) for _ in range(nd)]
            strides = [rng.choice([rng.randint(-40, 40), item * rng.randint(-6, 6)]) for _ in range(nd)]
        lo = sum(min(0, s * (d - 1)) for d, s in zip(shape, strides))
        hi = sum(max(0, s * (d - 1)) for d, s in zip(shape, strides)) + item
        if hi - lo > (n // 2 if hard else 300):
            continue
        off = rng.randint(-lo, min(-lo + (n // 4 if hard else 200), n - hi))
        arr = np.ndarray(shape, dtype=DT[item], buffer=buf, offset=off, strides=strides)
        return (off, shape, strides, item), arr


def min_work(call, limit):
    def ok(w):
        try:
            call(w)
            return True
        except (TooHardError, ValueError, RuntimeError):  # each API words "too hard" its own way
            return False
    if not ok(limit):
        return None
    lo, hi = 0, limit  # ok(hi) holds
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return max(lo, 1)


def tup(v):
    return '&[' + ', '.join(map(str, v)) + ']'


def main():
    kind, seed, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    buf = np.zeros(size, np.uint8)
    seen, rows = set(), []
    while len(rows) < count:
        if kind == 'internal':
            (off, shape, strides, item), a = rand_layout(rng, buf, False)
            key = repr((shape, strides, item))
            if key in seen:
                continue
            seen.add(key)
            w = min_work(lambda w: internal_overlap(a, max_work=w), 400)
            rows.append(f"    ({tup(shape)}, {tup(strides)}, {item}, {str(internal_overlap(a)).lower()}, {w}),")
            continue
        la, a = rand_layout(rng, buf, kind == 'hard')
        lb, b = rand_layout(rng, buf, kind == 'hard')
        if repr((la, lb)) in seen:
            continue
        seen.add(repr((la, lb)))
        w = min_work(lambda w: np.shares_memory(a, b, max_work=w), 20000 if kind == 'hard' else 400)
        if w is None or (kind == 'hard' and w < 10):
            continue
        e, m = np.shares_memory(a, b), np.may_share_memory(a, b)
        if kind == 'hard' and e and rng.random() < 0.9:
            continue  # sharing pairs are common; keep mostly the exhaustive "no" searches
        (oa, sa, ta, ia), (ob, sb, tb, ib) = la, lb
        rows.append(f"    ({oa}, {tup(sa)}, {tup(ta)}, {ia}, {ob}, {tup(sb)}, {tup(tb)}, {ib}, "
                    f"{str(e).lower()}, {str(m).lower()}, {w}),")
    print('\n'.join(rows))


if __name__ == '__main__' and sys.argv[1] != 'diophantine':
    main()


def diophantine_rows(seed, count):
    """(A, U, b, solvable, work) from numpy._core._multiarray_tests.solve_diophantine without
    simplification: the terms are searched in the order given, as strider's solve_diophantine."""
    from numpy._core._multiarray_tests import solve_diophantine
    rng = random.Random(seed)
    rows = []
    while len(rows) < count:
        n = rng.randint(2, 6)
        A = [rng.randint(1, 60) for _ in range(n)]
        if rng.random() < 0.7:
            A.sort(reverse=True)
        U = [rng.randint(0, 12) for _ in range(n)]
        b = rng.randint(0, sum(a * u for a, u in zip(A, U)) + 5)
        call = lambda w: solve_diophantine(tuple(A), tuple(U), b, max_work=w, simplify=0)
        w = min_work(call, 100000)
        if w is None:
            continue
        solvable = call(-1) is not None
        rows.append(f"    ({tup(A)}, {tup(U)}, {b}, {str(solvable).lower()}, {w}),")
    return rows


if __name__ == '__main__' and sys.argv[1] == 'diophantine':
    print('\n'.join(diophantine_rows(int(sys.argv[2]), int(sys.argv[3]))))

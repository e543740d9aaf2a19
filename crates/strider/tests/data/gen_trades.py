"""Writes the worked example's inputs with NumPy: a table of trades and the per-ticker totals
NumPy computes for one week of it (`tests/worked_example.rs` must write the same file, byte for
byte). Run from the repository root: python3 crates/strider/tests/data/gen_trades.py
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trades")
TRADE = np.dtype([("ts", "<M8[ns]"), ("ticker", "S8"), ("price", "<f8"), ("qty", "<i4")])
TOTAL = np.dtype([("ticker", "S8"), ("trades", "<i4"), ("qty", "<i8"), ("notional", "<f8")])


def main():
    rng = np.random.default_rng(5)
    n = 200
    start = np.datetime64("2024-03-01T09:30", "ns")
    trades = np.zeros(n, TRADE)
    # Two weeks of trading minutes, in time order.
    trades["ts"] = start + np.sort(rng.integers(0, 14 * 24 * 60, n)) * np.timedelta64(1, "m")
    trades["ticker"] = rng.choice([b"AAPL", b"IBM", b"MSFT", b"BRK.B", b"NVDA"], n)
    trades["price"] = np.round(rng.uniform(50, 500, n), 2)
    trades["qty"] = rng.integers(1, 1000, n)
    os.makedirs(OUT, exist_ok=True)
    np.save(os.path.join(OUT, "trades.npy"), trades)

    lo, hi = np.datetime64("2024-03-04", "ns"), np.datetime64("2024-03-09", "ns")
    week = trades[(trades["ts"] >= lo) & (trades["ts"] < hi)]
    tickers = sorted(set(week["ticker"].tolist()))
    totals = np.zeros(len(tickers), TOTAL)
    for k, t in enumerate(tickers):
        rows = week[week["ticker"] == t]
        notional = 0.0
        for r in rows:  # in file order, one addition at a time (the Rust test sums the same way)
            notional += float(r["price"]) * int(r["qty"])
        totals[k] = (t, len(rows), int(rows["qty"].astype(np.int64).sum()), notional)
    np.save(os.path.join(OUT, "totals_expected.npy"), totals)
    print(totals)


if __name__ == "__main__":
    main()

"""NumPy's np.genfromtxt results for tests/genfromtxt.rs: writes genfromtxt_expect.json.

Each case is a small text file and keyword arguments; the expectation is NumPy's result (dtype
repr, shape, strides, C-order bytes of .data, and of the mask with usemask) or NumPy's exception
class and message. Hand-picked edge cases first, then seeded random CSVs with missing values.
Run: python3 crates/strider/tests/data/gen_genfromtxt.py [--seed N --count K --out FILE]
"""
import argparse
import json
import os
import tempfile
import warnings

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))

HAND = [
    ("1,2\n3,\n4,5", {"delimiter": ","}),
    ("1,2\n3,,\n4,5", {"delimiter": ","}),
    ("1,2\n3,\n4,5", {"delimiter": ",", "usemask": True}),
    ("1,a\n3,\n4,5", {"delimiter": ",", "dtype": None}),
    ("1,True\n3,\n4,False", {"delimiter": ",", "dtype": None}),
    ("1,2\n3,\n4,5", {"delimiter": ",", "dtype": "i8"}),
    ("1,2\n3,\n4,5", {"delimiter": ",", "dtype": "u1"}),
    ("1,2\n3,\n4,5", {"delimiter": ",", "dtype": "i4"}),
    ("1.5,2\n3,x\n4,5", {"delimiter": ",", "dtype": "i4"}),
    ("1,0", {"delimiter": ",", "dtype": "?"}),
    ("", {"delimiter": ","}),
    ("a,b\n1,2", {"delimiter": ",", "names": True}),
    ("a,b\n1,2", {"delimiter": ",", "names": True, "dtype": None}),
    ("# a b\n1 2\n3 4", {"names": True, "dtype": None}),
    ("1,N/A\n3,-999\n4,-1", {"delimiter": ",", "dtype": "i8", "missing_values": "N/A,-999", "usemask": True, "names": ["a", "b"]}),
    ("1,N/A\n3,-999\n4,-1", {"delimiter": ",", "dtype": "i8", "missing_values": "N/A,-999", "usemask": True}),
    ("1,2\n3\n4,5,6\n7,8", {"delimiter": ","}),
    ("1,2\n3\n4,5,6\n7,8", {"delimiter": ",", "skip_footer": 1}),
    ("1,2\n3,4\n5\n", {"delimiter": ",", "skip_footer": 1}),
    ("1 2\n\n\n3 4 5", {}),
    ("x,y\n1,2\nabc,1e400\n", {"delimiter": ",", "dtype": None}),
    ("x,y\n1,2\nabc,1e400\n", {"delimiter": ",", "dtype": None, "names": True, "usemask": True}),
    ("1,2", {"delimiter": ",", "dtype": "i4,f8"}),
    ("1,,3", {"delimiter": ",", "dtype": "i4,f8,U2", "usemask": True}),
    ("1,,3", {"delimiter": ",", "dtype": None, "filling_values": 7}),
    ("1,,3\n,,", {"delimiter": ",", "dtype": None}),
    ("2j,1+2j,(3-1j)\n1,,", {"delimiter": ",", "dtype": None}),
    ("1\nabc", {"dtype": None}),
    ("abc\n1", {"dtype": None}),
    ("\nabc\n1", {"dtype": None, "usemask": True}),
    ("1 2", {"dtype": None, "ndmin": 2}),
    ("1 2\n3 4", {"ndmin": 1}),
    ("7", {"ndmin": 1}),
    ("7", {"ndmin": 2}),
    ("1 2 3", {"ndmin": 2}),
    ("a b\n1 2", {"names": True, "dtype": None, "usecols": [1]}),
    ("a b c\n1 2 3", {"names": True, "usecols": ["c", "a"]}),
    ("1 2 3\n4 5 6", {"usecols": [-1, 0]}),
    ("1 2 3\n4 5", {"usecols": [-1, 0]}),
    ("1, 2,abc \n4, ,x", {"delimiter": ",", "dtype": None}),
    ("1, 2,abc \n4, ,x", {"delimiter": ",", "dtype": None, "autostrip": True}),
    ("1;2\r\n3;4\r\n", {"delimiter": ";"}),
    ("1;2\r3;4\r", {"delimiter": ";"}),
    ("ab cd\n1 2", {"dtype": "U1"}),
    ("ab cd\n1 2", {"dtype": "S3"}),
    ("ab cd\n1 2", {"dtype": "U"}),
    ("123456\n789012", {"delimiter": 2}),
    ("123456\n789012", {"delimiter": [1, 2, 3]}),
    ("12 456\n7  012\n", {"delimiter": [1, 2, 3], "dtype": None}),
    ("1 2\n3 4\n5 6", {"max_rows": 2}),
    ("1 2\n3 4\n5 6", {"skip_header": 1, "skip_footer": 1}),
    ("file return x y\n1 2 3 4", {"names": True}),
    ("a a a b\n1 2 3 4", {"names": True}),
    ("a.b c-d e f  \n1 2 3 4", {"names": True, "dtype": None}),
    (",a,b\n1,2,3", {"names": True, "delimiter": ","}),
    ("#a,b\n1,2", {"names": True, "delimiter": ","}),
    ("a,#b,c\n1,2", {"names": True, "delimiter": ","}),
    ("1 2 # c\n3 4", {"comments": None}),
    ("1 2 // c\n3 4 //", {"comments": "//"}),
    ("1,,3\n4,5,", {"delimiter": ",", "filling_values": [10, 20, 30]}),
    ("1,,3\n4,5,", {"delimiter": ",", "filling_values": [10]}),
    ("1,,3\n4,5,", {"delimiter": ",", "filling_values": [[1, 0.5], [2, -2]]}),
    ("1,,3\n4,5,", {"delimiter": ",", "missing_values": ["", "5", ""], "usemask": True}),
    ("1,,3\n4,5,x", {"delimiter": ",", "missing_values": [[None, "x"], [1, "5"]], "usemask": True}),
    ("1,2\nTrue,3", {"delimiter": ",", "invalid_raise": False}),
    ("1,2\n3\n4,5", {"delimiter": ",", "invalid_raise": False}),
    ("1,2\n3,1e999\n4,-inf", {"delimiter": ",", "dtype": "f4"}),
    ("1,2\n3,0.1\n4,-inf", {"delimiter": ",", "dtype": "f2"}),
    ("true,FALSE\nTrue,x", {"delimiter": ",", "dtype": None}),
    ("true,FALSE\nTrue,", {"delimiter": ",", "dtype": None, "usemask": True}),
    ("1,2\n3,99999999999999999999", {"delimiter": ",", "dtype": None}),
    ("1,2\n3,99999999999999999999", {"delimiter": ",", "dtype": "i8"}),
    ("  ", {}),
    ("1 2", {"names": ["x"]}),
    ("1 2", {"names": ["x", "y", "z"]}),
    ("a b\n1 2", {"names": ["p", "q"], "dtype": "i4,f8"}),
    ("1 2\n3 4", {"dtype": [["x", "<i2"], ["y", "<f4"]], "usemask": True}),
    ("1 2 3\n3 4 5", {"dtype": "i2,f4"}),
    ("1 2\n3 4", {"dtype": "i2,f4,f8"}),
    ("-1 18446744073709551615 18446744073709551616", {"dtype": "u8"}),
    ("18446744073709551615 0", {"dtype": "u8"}),
    ("1e300", {"dtype": "i4"}),
    ("inf", {"dtype": "i4"}),
    ("3e9", {"dtype": "i4"}),
    ("nan 2.7 -2.7", {"dtype": "i2"}),
    ("1_0 1__0 _1 1e5 .5 5. . e5 +nan -inf Infinity iNF 1E+2 -nan", {"dtype": None}),
    ("1_0 1__0 _1 1e5 .5 5. . e5 +nan -inf Infinity iNF 1E+2 -nan", {}),
    ("a,\nb,", {"delimiter": ",", "dtype": None}),
    ("a,\nb,", {"delimiter": ",", "dtype": None, "usemask": True}),
    (",\n,", {"delimiter": ",", "dtype": None, "usemask": True}),
    ("1,2", {"delimiter": ",", "dtype": None, "names": ["a"]}),
    ("1,2", {"delimiter": ",", "dtype": None, "names": ["a", "b", "c"]}),
    ("1,N/A,x\n-1,2,N/A", {"delimiter": ",", "dtype": None, "missing_values": "N/A", "usemask": True, "names": ["a", "b", "c"]}),
    ("1,N/A,True\n-1,2,N/A", {"delimiter": ",", "dtype": None, "missing_values": "N/A", "usemask": True, "names": ["a", "b", "c"]}),
    ("1,N/A,0.5\n-1,2,N/A", {"delimiter": ",", "dtype": "f4", "missing_values": "N/A", "filling_values": 0.5, "usemask": True, "names": ["a", "b", "c"]}),
    ("1 2", {"filling_values": 0.5, "dtype": "i8"}),
    ("1 x", {"filling_values": 0.5, "dtype": "i8"}),
    ("1 x", {"filling_values": True}),
    ("1 ", {"loose": False, "dtype": "i8", "delimiter": " "}),
    ("1 x", {"loose": False, "dtype": "i8"}),
    ("1 x", {"loose": False}),
    ("1 N", {"loose": False, "missing_values": "N"}),
    ("1 2\n", {"skip_header": 5}),
    ("a b\n", {"names": True}),
    ("", {"names": True}),
    ("1 2\n3 4", {"ndmin": 2, "dtype": None}),
    ("1 2", {"ndmin": 1, "dtype": "i4,i4"}),
    ("1 2", {"ndmin": 2, "dtype": "i4,i4"}),
    ("1 2 3\n4 5 6\n", {"max_rows": 1, "skip_footer": 1}),
    ("1 2 3\n4 5 6\n", {"max_rows": 0}),
    ("1 2 3\n4 5 6\n", {"ndmin": 3}),
    ("a\tb\tc\n1\t\t3\n", {"delimiter": "\t", "names": True, "dtype": None, "usemask": True}),
    ("1,2,3\n4,5,6\n", {"delimiter": ",", "usecols": [0, 5]}),
    ("x;1.5;true\ny;;false\nz;2;\n", {"delimiter": ";", "dtype": None, "usemask": True}),
    ("x;1.5;true\ny;;false\nz;2;\n", {"delimiter": ";", "dtype": None, "names": ["s", "v", "b"], "usemask": True}),
    ("1 2\n3 4\n", {"dtype": ">f8"}),
    ("1 2\n3 4\n", {"dtype": ">i2", "names": ["a", "b"]}),
    ("1 2\n3 4\n", {"dtype": "c8"}),
    ("1+1j 2\n3 4-2j\n", {"dtype": "c16"}),
    ("caf\u00e9 \u20ac\n", {"dtype": "U2"}),
    ("caf\u00e9 \u20ac\n", {"dtype": None}),
    ("caf\u00e9 x\n", {"dtype": "S4"}),
    ("caf\u00e9 \u20ac\n", {"dtype": "S4"}),
    ("# c1\n# c2\nh1 h2\n1 2\n", {"names": True}),
    # Comment lines push invalid lines' numbers past the footer: NumPy's skip_footer count
    # goes below zero, which skips nothing (found by the text_read fuzz target).
    ("1 2\n# c\n# c\n3\n4\n", {"skip_footer": 1, "invalid_raise": False}),
    ("h1 h2\n# c\n1 2 # tail\n\n3 4\n", {"names": True, "dtype": "i4"}),
    ("1 2\n3 4\n", {"usecols": [1]}),
    ("1 2\n3 4\n", {"usecols": [1], "dtype": "i8,f8"}),
    # Name validation options.
    ("Id first.name Return\n1 2 3", {"names": True, "case_sensitive": False}),
    ("Id first.name Return\n1 2 3", {"names": True, "case_sensitive": "lower"}),
    ("Id first.name Return\n1 2 3", {"names": True, "case_sensitive": "upper", "dtype": None}),
    ("Id first.name Return\n1 2 3", {"names": True, "case_sensitive": "sideways"}),
    ("id x.y z\n1 2 3", {"names": True, "excludelist": ["id", "z"]}),
    ("a.b c-d e!f\n1 2 3", {"names": True, "deletechars": "-"}),
    ("a.b c-d e!f\n1 2 3", {"names": True, "deletechars": ""}),
    ('"q" r\n1 2', {"names": True, "deletechars": ""}),
    ("1 2 3", {"names": ["a b", " c d ", "e"], "replace_space": "-"}),
    ("1 2 3", {"names": ["a b", " c d ", "e"], "replace_space": ""}),
    ("1 x 3", {"dtype": None, "defaultfmt": "col_%02d"}),
    ("1 x 3", {"dtype": None, "defaultfmt": "c%d%%"}),
    ("1 x 3", {"dtype": None, "defaultfmt": "nofmt"}),
    ("1 x 3", {"dtype": None, "defaultfmt": "%i_%i"}),
    ("1 2", {"defaultfmt": "nofmt"}),
    ("a b\n1 2", {"names": True, "defaultfmt": "nofmt"}),
    (",a,\n1,2,3", {"names": True, "delimiter": ",", "defaultfmt": "v%i"}),
    ("1 2", {"dtype": "i4,f8", "defaultfmt": "k%i"}),
    ("1 2", {"dtype": [["return", "<i4"], ["a b", "<f8"]]}),
    ("1 2", {"dtype": [["Return", "<i4"], ["X", "<f8"]], "case_sensitive": "lower"}),
    ("1 2", {"dtype": [["a", "<i4"], ["b", "<f8"]], "names": ["p"]}),
    ("1 2", {"dtype": "i4", "names": ["a", "a"]}),
    # unpack.
    ("1 2 3\n4 5 6", {"unpack": True}),
    ("1 2 3\n4 , 6", {"unpack": True, "usemask": True, "dtype": "i4", "missing_values": ","}),
    ("1 2 3", {"unpack": True}),
    ("1 2 3", {"unpack": True, "ndmin": 2}),
    ("a b\n1 x\n2 y", {"unpack": True, "names": True, "dtype": None}),
    ("a b\n1 x\n2 N", {"unpack": True, "names": True, "dtype": None, "usemask": True, "missing_values": "N"}),
    ("a\n1\n2", {"unpack": True, "names": True}),
    ("1 x\n2 y", {"unpack": True, "dtype": None}),
    # datetime64 columns (text handed to np.array as bytes) and timedelta64 ones (an integer
    # converter).
    ("2020-01-02,1.5\n2021-03-04,2\n", {"delimiter": ",", "dtype": [["d", "<M8[D]"], ["x", "<f8"]]}),
    ("2020-01-02,1.5\n,2\n", {"delimiter": ",", "dtype": [["d", "<M8[D]"], ["x", "<f8"]], "usemask": True}),
    ("2020-01-02,1.5\n,2\n", {"delimiter": ",", "dtype": [["d", "<M8[D]"], ["x", "<f8"]], "filling_values": 0}),
    ("2020-01-02,1.5\nbad,2\n", {"delimiter": ",", "dtype": [["d", "<M8[D]"], ["x", "<f8"]]}),
    ("2020-01-02,1.5\nN/A,2\n", {"delimiter": ",", "dtype": [["d", "<M8[D]"], ["x", "<f8"]], "missing_values": "N/A"}),
    ("2020-01-02T10:11,1.5\n NaT ,2\n", {"delimiter": ",", "dtype": [["d", ">M8[m]"], ["x", "<f8"]], "usemask": True}),
    ("2020-01-02T10:11:12.5,1\n2020-01-02T10,2\n", {"delimiter": ",", "dtype": [["t", "<M8[ms]"], ["d", "<M8[D]"]]}),
    ("2020-01,1.5\n1999,2\n", {"delimiter": ",", "dtype": [["m", "<M8[M]"], ["x", "<f8"]]}),
    ("2020-01-02,1.5\n,2\n", {"delimiter": ",", "dtype": [["d", "<M8"], ["x", "<f8"]]}),
    ("2020-01-02 2021-01-01\n7 1\n", {"dtype": "<M8[D]"}),
    ("2020-01-02 1.5\n", {"dtype": "<M8[s]"}),
    ("3,1.5\n,2\nx,4", {"delimiter": ",", "dtype": [["d", "<m8[s]"], ["x", "<f8"]], "usemask": True}),
    ("3,1.5\n,2\nx,4", {"delimiter": ",", "dtype": [["d", "<m8[s]"], ["x", "<f8"]], "filling_values": True}),
    ("3,1.5\n,2\nx,4", {"delimiter": ",", "dtype": [["d", "<m8[s]"], ["x", "<f8"]], "filling_values": 2.5}),
    ("3,1.5\nN/A,2\n-1,4", {"delimiter": ",", "dtype": [["d", "<m8[s]"], ["x", "<f8"]], "missing_values": "N/A", "usemask": True}),
    ("3 2.7\n-1e3 x\n", {"dtype": ">m8[h]"}),
]


def spec(kw):
    """JSON-able kwargs -> NumPy's kwargs."""
    out = {}
    for k, v in kw.items():
        if k == "dtype":
            out[k] = None if v is None else (np.dtype([tuple(f) for f in v]) if isinstance(v, list) else np.dtype(v))
        elif k == "excludelist":
            out[k] = list(v)  # NumPy extends the list it is given
        elif k == "delimiter" and isinstance(v, list):
            out[k] = tuple(v)
        elif k in ("missing_values", "filling_values") and isinstance(v, list) and v and isinstance(v[0], list):
            out[k] = {key: val for key, val in v}
        else:
            out[k] = v
    return out


def dtype_text(d):
    return repr(d.str) if d.names is None else str(d.descr)


def describe_result(case, r):
    if isinstance(r, list):
        case["parts"] = [describe_result({}, x) for x in r]
        return case
    if isinstance(r, np.ma.MaskedArray):
        case["out"] = describe(r.data)
        case["mask"] = describe(np.ma.getmaskarray(r))
    else:
        case["out"] = describe(r)
    return case


def describe(a):
    a = np.asarray(a)
    return {"repr": repr(a.dtype), "shape": list(a.shape), "strides": list(a.strides),
            "data": np.ascontiguousarray(a).tobytes().hex()}


def run(tmp, text, kw):
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    case = {"text": text, "kw": kw}
    if "dtype" in kw and kw["dtype"] is not None:
        case["dtype_text"] = dtype_text(spec(kw)["dtype"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = np.genfromtxt(tmp, **spec(kw))
        describe_result(case, r)
    except Exception as e:  # noqa: BLE001
        case["error"] = [type(e).__name__, str(e)]
    return case


def random_cases(rng, count):
    cells = {
        "int": lambda: str(int(rng.integers(-1000, 1000))),
        "float": lambda: str(rng.choice(["%.3f", "%.6e", "%g"])) % float(rng.normal() * 10.0 ** int(rng.integers(-5, 6))),
        "bool": lambda: str(rng.choice(["True", "False", "true", "FALSE"])),
        "str": lambda: "".join(rng.choice(list("abcxyz"), size=int(rng.integers(1, 6)))),
        "cplx": lambda: "%d%+dj" % (rng.integers(-9, 9), rng.integers(-9, 9)),
    }
    out = []
    for _ in range(count):
        ncols = int(rng.integers(1, 6))
        nrows = int(rng.integers(1, 7))
        kinds = [str(rng.choice(list(cells), p=[0.3, 0.3, 0.1, 0.2, 0.1])) for _ in range(ncols)]
        delim = str(rng.choice([",", ";", "\t", " ", "ws"]))
        sep = "  " if delim == "ws" else delim
        miss_tokens = ["", "N/A", "-999", "?"]
        lines = []
        kw = {}
        if delim != "ws":
            kw["delimiter"] = delim
        if rng.random() < 0.3:
            names = ["c%d" % i for i in range(ncols)]
            lines.append(sep.join(names))
            kw["names"] = True
        for _ in range(nrows):
            row = []
            for k in kinds:
                if rng.random() < 0.15:
                    tok = str(rng.choice(miss_tokens[:2] if delim == "ws" else miss_tokens))
                    row.append(tok if (tok or delim != "ws") else "N/A")
                else:
                    row.append(cells[k]())
            line = sep.join(row)
            if rng.random() < 0.1:
                line += " # note"
            lines.append(line)
            if rng.random() < 0.1:
                lines.append("# comment")
            if rng.random() < 0.05:
                lines.append("")
        if rng.random() < 0.1:
            lines.insert(int(rng.integers(0, len(lines) + 1)), sep.join(["1"] * (ncols + 1)))
        text = "\n".join(lines) + ("\n" if rng.random() < 0.7 else "")
        r = rng.random()
        if r < 0.45:
            kw["dtype"] = None
        elif r < 0.6:
            kw["dtype"] = str(rng.choice(["i4", "i8", "f4", "U4", "u2"]))
        if rng.random() < 0.4:
            kw["missing_values"] = str(rng.choice(["N/A", "N/A,-999", "?", "-999"]))
        if rng.random() < 0.25:
            kw["filling_values"] = [0, -5, 2.5, True][int(rng.integers(0, 4))]
        if rng.random() < 0.5:
            kw["usemask"] = True
        if rng.random() < 0.15:
            kw["invalid_raise"] = False
        if rng.random() < 0.1 and nrows > 1:
            kw["skip_footer"] = 1
        if rng.random() < 0.1:
            kw["skip_header"] = 1
        if rng.random() < 0.1 and ncols > 1:
            kw["usecols"] = [int(x) for x in rng.choice(ncols, size=2, replace=False)]
        if rng.random() < 0.1:
            kw["autostrip"] = True
        out.append((text, kw))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--out", default=os.path.join(here, "genfromtxt_expect.json"))
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory() as d:
        tmp = os.path.join(d, "case.txt")
        cases = [run(tmp, t, kw) for t, kw in HAND + random_cases(rng, args.count)]
    with open(args.out, "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, indent=0)
    errors = sum("error" in c for c in cases)
    print(len(cases), "genfromtxt cases,", errors, "of them errors")


main()

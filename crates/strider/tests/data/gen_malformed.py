"""Malformed .npy/.npz files, each with what is wrong, for tests/malformed.rs.

Every file starts from a valid np.save output and breaks one thing. NumPy refuses each of them
too (checked below, so a file NumPy would accept cannot sneak in). Writes malformed/*.npy|npz and
malformed/expect.json: file -> a phrase the error must contain.
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "malformed")
os.makedirs(here, exist_ok=True)


def npy(header, data=b"", version=(1, 0), magic=b"\x93NUMPY"):
    h = header.encode("latin1")
    if version == (1, 0):
        pre = magic + bytes(version) + struct.pack("<H", len(h))
    else:
        pre = magic + bytes(version) + struct.pack("<I", len(h))
    return pre + h + data


good = io.BytesIO()
np.save(good, np.arange(6, dtype="<f8"))
good = good.getvalue()
hdr = "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }"
files = {
    "bad_magic.npy": (b"\x93NUMPZ" + good[6:], "magic"),
    "unknown_version.npy": (good[:6] + bytes([9, 0]) + good[8:], "version 9.0"),
    "truncated_data.npy": (good[:-8], "truncated data"),
    "truncated_header.npy": (good[:40], "truncated header"),
    "empty.npy": (b"", "magic"),
    "extra_key.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'x': 1}", good[128:]), "keys"),
    "missing_key.npy": (npy("{'descr': '<f8', 'shape': (6,), }", good[128:]), "keys"),
    "fortran_not_bool.npy": (npy("{'descr': '<f8', 'fortran_order': 0, 'shape': (6,), }", good[128:]), "fortran_order"),
    "negative_dim.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-6,), }", good[128:]), "non-negative"),
    "shape_not_tuple.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': 6, }", good[128:]), "shape must be a tuple"),
    "bad_descr.npy": (npy("{'descr': '<f3', 'fortran_order': False, 'shape': (6,), }", good[128:]), "descr"),
    "object_descr.npy": (npy("{'descr': '|O', 'fortran_order': False, 'shape': (6,), }", good[128:]), "pickle"),
    "not_a_dict.npy": (npy("[1, 2, 3]", good[128:]), "dictionary"),
    "syntax_error.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,, }", good[128:]), "cannot parse header"),
    "huge_shape.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", b""), "shape"),
    "claims_32gib.npy": (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }", good[128:]), "truncated data"),
    "huge_header_len.npy": (good[:6] + bytes([2, 0]) + struct.pack("<I", 1 << 30) + b"{", "exceeds the limit"),
}
# A zip whose member is a truncated .npy, and a file that is not a zip at all.
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("x.npy", good[:-8])
files["truncated_member.npz"] = (zbuf.getvalue(), "truncated data")
files["not_a_zip.npz"] = (b"PK\x03\x04garbage", "not a readable .npz")

expect = {}
for name, (data, phrase) in files.items():
    path = os.path.join(here, name)
    with open(path, "wb") as f:
        f.write(data)
    try:  # NumPy must refuse it too
        if name.endswith(".npz"):
            with np.load(path) as z:
                for k in z.files:
                    z[k]
        else:
            np.load(path, allow_pickle=False)
        raise SystemExit(f"NumPy accepted {name}")
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001
        pass
    expect[name] = phrase
with open(os.path.join(here, "expect.json"), "w") as f:
    json.dump(expect, f, indent=1, sort_keys=True)
print(len(expect), "malformed files")

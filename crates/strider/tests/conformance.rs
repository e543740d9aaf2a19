//! The NumPy conformance runner: see `conformance/README.md`. (Conformance helper fills this in.)

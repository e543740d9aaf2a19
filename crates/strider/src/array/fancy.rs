//! Advanced (fancy) indexing: integer-array and boolean-mask get and set, take, put, nonzero,
//! argwhere, compress. Every result is a copy.

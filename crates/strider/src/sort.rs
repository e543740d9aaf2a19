//! Sorting and searching: sort, argsort, unique, searchsorted.

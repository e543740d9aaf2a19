//! Joining and splitting: concatenate, stack and friends, split, repeat, tile, append, insert,
//! delete.

//! A growable array: amortized O(1) append along axis 0, finished into an ordinary array
//! without a further copy.

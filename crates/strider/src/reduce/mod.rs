//! Reductions: sum, prod, mean, var, std, min, max, argmin, argmax, any, all, cumsum, cumprod
//! and their NaN-ignoring variants, over any set of axes, with NumPy's accumulator types.

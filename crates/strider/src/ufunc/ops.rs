//! Rust's operators on arrays: `&a + &b`, `&a * 2.0`, `-&a`, `!&a`... Each returns
//! `Result<NdArray>` (broadcasting or type resolution can fail), with NumPy's semantics: the
//! operator is the ufunc (`+` is `add`, `/` is `divide`, `%` is `remainder`, `!` is `invert`),
//! and Rust numbers are weak scalars (`&uint8_array + 1` stays uint8).
//!
//! The `op=` forms (`a += &b`) write into the left array in place, as NumPy's `a += b` does
//! (same_kind casting into `a`'s dtype, overlap-safe). Rust's assignment operators cannot return
//! a `Result`, so they panic on an error; the `*_assign`-free twins [`NdArray::iadd`] etc.
//! return it instead and are what library code should call.

use super::{table::*, Operand, Ufunc, UfuncOptions};
use crate::{NdArray, Result};
use std::ops;

macro_rules! binop {
    ($tr:ident, $m:ident, $uf:ident) => {
        impl<R: Into<Operand>> ops::$tr<R> for &NdArray {
            type Output = Result<NdArray>;
            fn $m(self, rhs: R) -> Result<NdArray> {
                $uf.apply(&[self.into(), rhs.into()])
            }
        }
        impl<R: Into<Operand>> ops::$tr<R> for NdArray {
            type Output = Result<NdArray>;
            fn $m(self, rhs: R) -> Result<NdArray> {
                $uf.apply(&[self.into(), rhs.into()])
            }
        }
    };
}
binop!(Add, add, ADD);
binop!(Sub, sub, SUBTRACT);
binop!(Mul, mul, MULTIPLY);
binop!(Div, div, DIVIDE);
binop!(Rem, rem, REMAINDER);
binop!(BitAnd, bitand, BITWISE_AND);
binop!(BitOr, bitor, BITWISE_OR);
binop!(BitXor, bitxor, BITWISE_XOR);
binop!(Shl, shl, LEFT_SHIFT);
binop!(Shr, shr, RIGHT_SHIFT);

/// Scalars on the left: `2.0 - &a` is `subtract(2.0, a)`.
macro_rules! scalar_left {
    ($($t:ty),*) => {$(
        impl ops::Add<&NdArray> for $t { type Output = Result<NdArray>; fn add(self, a: &NdArray) -> Result<NdArray> { ADD.apply(&[self.into(), a.into()]) } }
        impl ops::Sub<&NdArray> for $t { type Output = Result<NdArray>; fn sub(self, a: &NdArray) -> Result<NdArray> { SUBTRACT.apply(&[self.into(), a.into()]) } }
        impl ops::Mul<&NdArray> for $t { type Output = Result<NdArray>; fn mul(self, a: &NdArray) -> Result<NdArray> { MULTIPLY.apply(&[self.into(), a.into()]) } }
        impl ops::Div<&NdArray> for $t { type Output = Result<NdArray>; fn div(self, a: &NdArray) -> Result<NdArray> { DIVIDE.apply(&[self.into(), a.into()]) } }
        impl ops::Rem<&NdArray> for $t { type Output = Result<NdArray>; fn rem(self, a: &NdArray) -> Result<NdArray> { REMAINDER.apply(&[self.into(), a.into()]) } }
    )*};
}
scalar_left!(i32, i64, u64, f64);

impl ops::Neg for &NdArray {
    type Output = Result<NdArray>;
    fn neg(self) -> Result<NdArray> {
        NEGATIVE.apply(&[self.into()])
    }
}
impl ops::Neg for NdArray {
    type Output = Result<NdArray>;
    fn neg(self) -> Result<NdArray> {
        NEGATIVE.apply(&[self.into()])
    }
}
impl ops::Not for &NdArray {
    type Output = Result<NdArray>;
    fn not(self) -> Result<NdArray> {
        INVERT.apply(&[self.into()])
    }
}
impl ops::Not for NdArray {
    type Output = Result<NdArray>;
    fn not(self) -> Result<NdArray> {
        INVERT.apply(&[self.into()])
    }
}

fn in_place(uf: &Ufunc, a: &NdArray, rhs: Operand) -> Result<()> {
    uf.call(&[a.into(), rhs], &UfuncOptions::default().out(a)).map(|_| ())
}

macro_rules! assign_op {
    ($tr:ident, $m:ident, $checked:ident, $uf:ident, $sym:literal, $vals:literal, $rhs:literal) => {
        impl NdArray {
            #[doc = concat!("NumPy's `a ", $sym, " b`: the result is written into `self` (same_kind casting into its \
                dtype, overlap-safe) and the error, if any, returned.")]
            ///
            /// ```
            /// use strider::{NdArray, Order};
            #[doc = concat!("let a = NdArray::from_vec(vec!", $vals, ", &[3], Order::C).unwrap();")]
            #[doc = concat!("a.", stringify!($checked), "(", $rhs, ").unwrap();")]
            /// assert_eq!(a.shape(), &[3]);
            /// ```
            pub fn $checked(&self, rhs: impl Into<Operand>) -> Result<()> {
                in_place(&$uf, self, rhs.into())
            }
        }
        impl<R: Into<Operand>> ops::$tr<R> for NdArray {
            /// # Panics
            #[doc = concat!("On the errors [`NdArray::", stringify!($checked), "`] returns (a shape that does not \
                broadcast, a cast NumPy refuses, a read-only array); call it to handle them.")]
            fn $m(&mut self, rhs: R) {
                if let Err(e) = in_place(&$uf, self, rhs.into()) {
                    panic!("{e}");
                }
            }
        }
    };
}
assign_op!(AddAssign, add_assign, iadd, ADD, "+=", "[1.0f64, 2.0, 3.0]", "2.0");
assign_op!(SubAssign, sub_assign, isub, SUBTRACT, "-=", "[1.0f64, 2.0, 3.0]", "2.0");
assign_op!(MulAssign, mul_assign, imul, MULTIPLY, "*=", "[1i32, 2, 3]", "2");
assign_op!(DivAssign, div_assign, idiv, DIVIDE, "/=", "[1.0f64, 2.0, 3.0]", "2.0");
assign_op!(RemAssign, rem_assign, irem, REMAINDER, "%=", "[1i32, 2, 3]", "2");
assign_op!(BitAndAssign, bitand_assign, iand, BITWISE_AND, "&=", "[1i32, 2, 3]", "2");
assign_op!(BitOrAssign, bitor_assign, ior, BITWISE_OR, "|=", "[1i32, 2, 3]", "2");
assign_op!(BitXorAssign, bitxor_assign, ixor, BITWISE_XOR, "^=", "[1i32, 2, 3]", "2");
assign_op!(ShlAssign, shl_assign, ilshift, LEFT_SHIFT, "<<=", "[1i32, 2, 3]", "2");
assign_op!(ShrAssign, shr_assign, irshift, RIGHT_SHIFT, ">>=", "[1i32, 2, 3]", "2");

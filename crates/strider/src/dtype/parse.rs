//! Parsing dtype strings: protocol strings (`<f8`, `|b1`), type codes (`d`, `i4`) and names
//! (`float64`, `complex128`).

use super::{ByteOrder, DType, NumType};
use crate::Error;
use std::str::FromStr;

fn from_kind_size(kind: char, size: usize) -> Option<NumType> {
    Some(match (kind, size) {
        ('b', 1) | ('?', 1) => NumType::Bool,
        ('i', 1) => NumType::Int8,
        ('i', 2) => NumType::Int16,
        ('i', 4) => NumType::Int32,
        ('i', 8) => NumType::Int64,
        ('u', 1) => NumType::UInt8,
        ('u', 2) => NumType::UInt16,
        ('u', 4) => NumType::UInt32,
        ('u', 8) => NumType::UInt64,
        ('f', 2) => NumType::Float16,
        ('f', 4) => NumType::Float32,
        ('f', 8) => NumType::Float64,
        ('c', 8) => NumType::Complex64,
        ('c', 16) => NumType::Complex128,
        _ => return None,
    })
}

fn from_char_code(c: char) -> Option<NumType> {
    Some(match c {
        '?' => NumType::Bool,
        'b' => NumType::Int8,
        'B' => NumType::UInt8,
        'h' => NumType::Int16,
        'H' => NumType::UInt16,
        'i' => NumType::Int32,
        'I' => NumType::UInt32,
        'l' | 'q' | 'p' => NumType::Int64,
        'L' | 'Q' | 'P' => NumType::UInt64,
        'e' => NumType::Float16,
        'f' => NumType::Float32,
        'd' => NumType::Float64,
        'F' => NumType::Complex64,
        'D' => NumType::Complex128,
        _ => return None,
    })
}

fn from_name(s: &str) -> Option<NumType> {
    Some(match s {
        "bool" | "bool_" => NumType::Bool,
        "int8" | "byte" => NumType::Int8,
        "int16" | "short" => NumType::Int16,
        "int32" | "intc" => NumType::Int32,
        "int64" | "int" | "long" | "intp" | "longlong" => NumType::Int64,
        "uint8" | "ubyte" => NumType::UInt8,
        "uint16" | "ushort" => NumType::UInt16,
        "uint32" | "uintc" => NumType::UInt32,
        "uint64" | "uint" | "ulong" | "uintp" | "ulonglong" => NumType::UInt64,
        "float16" | "half" => NumType::Float16,
        "float32" | "single" => NumType::Float32,
        "float64" | "float" | "double" => NumType::Float64,
        "complex64" | "csingle" => NumType::Complex64,
        "complex128" | "complex" | "cdouble" => NumType::Complex128,
        _ => return None,
    })
}

impl FromStr for DType {
    type Err = Error;

    /// Parses what `np.dtype(str)` accepts for numeric types: `'<f8'`, `'>i4'`, `'|b1'`, `'=u2'`,
    /// `'f8'`, `'d'`, `'float64'`.
    fn from_str(s: &str) -> Result<DType, Error> {
        let bad = || Error::BadDType(s.to_string());
        let t = s.trim();
        if let Some(n) = from_name(t) {
            return Ok(DType::new(n));
        }
        let mut chars = t.chars();
        let (order, rest) = match chars.next() {
            Some('<') => (Some(ByteOrder::Little), chars.as_str()),
            Some('>') => (Some(ByteOrder::Big), chars.as_str()),
            Some('=') | Some('@') => (Some(ByteOrder::NATIVE), chars.as_str()),
            Some('|') => (None, chars.as_str()),
            _ => (None, t),
        };
        let mut rc = rest.chars();
        let kind = rc.next().ok_or_else(bad)?;
        let digits = rc.as_str();
        let num = if digits.is_empty() {
            from_char_code(kind).ok_or_else(bad)?
        } else {
            let size: usize = digits.parse().map_err(|_| bad())?;
            from_kind_size(kind, size).ok_or_else(bad)?
        };
        Ok(DType::with_order(num, order.unwrap_or(ByteOrder::NATIVE)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_protocol_strings() {
        for t in NumType::ALL {
            for o in [ByteOrder::Little, ByteOrder::Big] {
                let d = DType::with_order(t, o);
                assert_eq!(d.str().parse::<DType>().unwrap(), d, "{}", d.str());
            }
        }
    }

    #[test]
    fn codes_and_names() {
        assert_eq!("d".parse::<DType>().unwrap(), DType::FLOAT64);
        assert_eq!("?".parse::<DType>().unwrap(), DType::BOOL);
        assert_eq!("|u1".parse::<DType>().unwrap(), DType::UINT8);
        assert_eq!(">b1".parse::<DType>().unwrap(), DType::BOOL);
        assert_eq!("=i2".parse::<DType>().unwrap(), DType::INT16);
        assert!("<f3".parse::<DType>().is_err());
        assert!("x".parse::<DType>().is_err());
        assert!("".parse::<DType>().is_err());
    }
}

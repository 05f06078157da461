//! Integers in gdb's print formats (`x d u o t z c a f`), for memory units and register values.

use super::chars::char_literal;
use super::float::{format_float, FloatFormat};
use super::{address_with_symbol, Symbolizer};

/// An integer of `bits` width (8 to 128), as raw two's-complement bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scalar {
    pub raw: u128,
    pub bits: u32,
}

impl Scalar {
    /// From little-endian bytes (at most 16).
    pub fn from_le(bytes: &[u8]) -> Scalar {
        let mut raw = [0u8; 16];
        let n = bytes.len().min(16);
        raw[..n].copy_from_slice(&bytes[..n]);
        Scalar { raw: u128::from_le_bytes(raw), bits: (n * 8) as u32 }
    }

    pub fn new(value: u128, bits: u32) -> Scalar {
        Scalar { raw: value & mask(bits), bits }
    }

    pub fn unsigned(&self) -> u128 {
        self.raw & mask(self.bits)
    }

    pub fn signed(&self) -> i128 {
        let shift = 128 - self.bits.clamp(1, 128);
        ((self.unsigned() << shift) as i128) >> shift
    }

    fn bytes(&self) -> Vec<u8> {
        self.unsigned().to_le_bytes()[..(self.bits as usize).div_ceil(8)].to_vec()
    }
}

fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

/// Formats `v` with gdb's format letter. `sized` is true where gdb knows the size and pads (the `x`
/// command pads `x` and `t`; `print` pads only `z`). Letters that are not integer formats yield `None`.
pub fn format_scalar(v: Scalar, letter: char, sized: bool, syms: &dyn Symbolizer) -> Option<String> {
    let hex_digits = (v.bits as usize).div_ceil(4);
    Some(match letter {
        'x' if sized => format!("0x{:0width$x}", v.unsigned(), width = hex_digits),
        'x' => format!("{:#x}", v.unsigned()),
        'z' => format!("0x{:0width$x}", v.unsigned(), width = hex_digits),
        'd' => v.signed().to_string(),
        'u' => v.unsigned().to_string(),
        'o' if v.unsigned() == 0 => "0".to_string(),
        'o' => format!("0{:o}", v.unsigned()),
        't' if sized => format!("{:0width$b}", v.unsigned(), width = v.bits as usize),
        't' => format!("{:b}", v.unsigned()),
        'c' => {
            // gdb casts to char: the low byte, as a signed number and a literal.
            let byte = (v.unsigned() & 0xff) as u8;
            format!("{} {}", byte as i8, char_literal(u32::from(byte), 1))
        }
        'a' => address_with_symbol(syms, v.unsigned() as u64),
        'f' => match v.bits {
            32 => format_float(&v.bytes(), FloatFormat::Single),
            64 => format_float(&v.bytes(), FloatFormat::Double),
            80 => format_float(&v.bytes(), FloatFormat::X87),
            _ => v.signed().to_string(),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::format::NoSymbols;

    fn x(raw: u128, bits: u32, letter: char) -> String {
        format_scalar(Scalar::new(raw, bits), letter, true, &NoSymbols).unwrap_or_default()
    }

    #[test]
    fn memory_units_match_gdb() {
        // From gdb 13 `x/8?h &shorts` and `x/4?g &longs` on test-programs/format_data.c.
        assert_eq!(x(0xfb2e, 16, 'x'), "0xfb2e");
        assert_eq!(x(0xfb2e, 16, 'd'), "-1234");
        assert_eq!(x(0xfb2e, 16, 'u'), "64302");
        assert_eq!(x(0xfb2e, 16, 'o'), "0175456");
        assert_eq!(x(0x04d2, 16, 't'), "0000010011010010");
        assert_eq!(x(0xfb2e, 16, 'c'), "46 '.'");
        assert_eq!(x(0x04d2, 16, 'c'), "-46 '\\322'");
        assert_eq!(x(0, 8, 'o'), "0");
        assert_eq!(x(1, 8, 'o'), "01");
        assert_eq!(x(u128::from(u64::MAX), 64, 'd'), "-1");
        assert_eq!(x(u128::from(u64::MAX), 64, 'o'), "01777777777777777777777");
        assert_eq!(x(0x80, 8, 'f'), "-128");
        assert_eq!(x(0x3fc00000, 32, 'f'), "1.5");
        let unsized_hex = format_scalar(Scalar::new(0x206, 32), 'x', false, &NoSymbols);
        assert_eq!(unsized_hex.as_deref(), Some("0x206"));
        assert_eq!(
            format_scalar(Scalar::new(0x206, 32), 't', false, &NoSymbols).as_deref(),
            Some("1000000110")
        );
        assert_eq!(x(5, 8, 'q'), "");
    }
}

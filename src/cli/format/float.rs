//! Binary floating-point values as gdb prints them: C's `%.Ng` with N = DECIMAL_DIG of the format
//! (ceil(1 + mantissa_bits * log10 2): 4 for bfloat16, 5 for half, 9 for float, 17 for double, 21 for
//! x87 extended), and `nan(0xMANTISSA)` / `inf` for the special values.
//!
//! gdb formats through the host's printf (or MPFR for formats the host lacks), which converts the exact
//! binary value and rounds half to even. Rust's own float formatting can't do `%g` nor 80-bit values,
//! so this module converts exactly with a small base-10^9 big number: every binary float is an integer
//! times a power of two, and a power of two below one is a power of five over a power of ten.

/// The IEEE-like binary formats gdb shows in registers and memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFormat {
    /// bfloat16: 1 sign, 8 exponent, 7 fraction bits.
    BFloat16,
    /// IEEE half: 1 sign, 5 exponent, 10 fraction bits.
    Half,
    /// IEEE single.
    Single,
    /// IEEE double.
    Double,
    /// x87 80-bit extended: 1 sign, 15 exponent, explicit integer bit, 63 fraction bits.
    X87,
}

struct Layout {
    exp_bits: u32,
    /// Stored mantissa bits (for x87 including the explicit integer bit).
    man_bits: u32,
    explicit_int: bool,
}

impl FloatFormat {
    fn layout(self) -> Layout {
        let (exp_bits, man_bits, explicit_int) = match self {
            FloatFormat::BFloat16 => (8, 7, false),
            FloatFormat::Half => (5, 10, false),
            FloatFormat::Single => (8, 23, false),
            FloatFormat::Double => (11, 52, false),
            FloatFormat::X87 => (15, 64, true),
        };
        Layout { exp_bits, man_bits, explicit_int }
    }

    /// Size in bytes of a stored value.
    pub fn size(self) -> usize {
        match self {
            FloatFormat::BFloat16 | FloatFormat::Half => 2,
            FloatFormat::Single => 4,
            FloatFormat::Double => 8,
            FloatFormat::X87 => 10,
        }
    }

    /// gdb's `%g` precision: ceil(1 + p * log10(2)), p the precision in bits.
    pub fn precision(self) -> usize {
        let l = self.layout();
        let bits = if l.explicit_int { l.man_bits } else { l.man_bits + 1 };
        let digits = 1.0 + f64::from(bits) * std::f64::consts::LOG10_2;
        digits.ceil() as usize
    }
}

/// Formats the little-endian bytes of a value in `format` the way gdb prints a float by default.
/// Missing bytes count as zero.
pub fn format_float(bytes: &[u8], format: FloatFormat) -> String {
    let mut raw = [0u8; 16];
    for (dst, src) in raw.iter_mut().zip(bytes.iter().take(format.size())) {
        *dst = *src;
    }
    let bits = u128::from_le_bytes(raw);
    let l = format.layout();
    let man_mask = (1u128 << l.man_bits) - 1;
    let mantissa = bits & man_mask;
    let exp_mask = (1u128 << l.exp_bits) - 1;
    let exponent = ((bits >> l.man_bits) & exp_mask) as i32;
    let negative = (bits >> (l.man_bits + l.exp_bits)) & 1 == 1;
    let sign = if negative { "-" } else { "" };
    let bias = (1i32 << (l.exp_bits - 1)) - 1;
    let frac_bits = if l.explicit_int { l.man_bits - 1 } else { l.man_bits };
    if exponent as u128 == exp_mask {
        // For x87 the integer bit is not part of the NaN payload gdb shows.
        let fraction = mantissa & ((1u128 << frac_bits) - 1);
        return if fraction == 0 { format!("{sign}inf") } else { format!("{sign}nan({fraction:#x})") };
    }
    let (significand, exp2) = if exponent == 0 {
        (mantissa, 1 - bias - frac_bits as i32)
    } else if l.explicit_int {
        (mantissa, exponent - bias - frac_bits as i32)
    } else {
        (mantissa | (1u128 << l.man_bits), exponent - bias - frac_bits as i32)
    };
    format!("{sign}{}", format_g(significand, exp2, format.precision()))
}

/// `%.{precision}g` of the exact value `significand * 2^exp2` (non-negative).
pub fn format_g(significand: u128, exp2: i32, precision: usize) -> String {
    let precision = precision.max(1);
    if significand == 0 {
        return "0".to_string();
    }
    // value = digits * 10^shift, exactly.
    let mut big = BigDecimal::from_u128(significand);
    let shift: i64 = if exp2 >= 0 {
        big.shl(exp2 as u32);
        0
    } else {
        big.mul_pow5((-exp2) as u32);
        i64::from(exp2)
    };
    let digits = big.to_decimal();
    let (rounded, carried) = round_half_even(&digits, precision);
    // Decimal exponent of the first significant digit.
    let x = digits.len() as i64 - 1 + shift + i64::from(carried);
    let p = precision as i64;
    let body = if x < p && x >= -4 {
        // Fixed notation with p-1-x decimals.
        let mut s = String::new();
        if x >= 0 {
            let int_len = (x + 1) as usize;
            s.push_str(&rounded[..int_len.min(rounded.len())]);
            for _ in rounded.len()..int_len {
                s.push('0');
            }
            let frac = rounded.get(int_len..).unwrap_or("");
            if !frac.is_empty() {
                s.push('.');
                s.push_str(frac);
            }
        } else {
            s.push_str("0.");
            for _ in 0..(-x - 1) {
                s.push('0');
            }
            s.push_str(&rounded);
        }
        strip_fraction_zeros(s)
    } else {
        let mut s = String::new();
        s.push_str(&rounded[..1]);
        if rounded.len() > 1 {
            s.push('.');
            s.push_str(&rounded[1..]);
        }
        let mut s = strip_fraction_zeros(s);
        let (esign, eabs) = if x < 0 { ('-', -x) } else { ('+', x) };
        s.push_str(&format!("e{esign}{eabs:02}"));
        s
    };
    body
}

/// Removes trailing zeros after a decimal point, and the point itself if nothing is left (`%g`).
fn strip_fraction_zeros(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    let trimmed = s.trim_end_matches('0').trim_end_matches('.');
    trimmed.to_string()
}

/// Rounds a digit string (no leading zeros) to `precision` significant digits, half to even.
/// Returns the digits (at most `precision`, trailing zeros kept) and whether a carry added a digit.
fn round_half_even(digits: &str, precision: usize) -> (String, bool) {
    let bytes = digits.as_bytes();
    if bytes.len() <= precision {
        return (digits.to_string(), false);
    }
    let mut kept: Vec<u8> = bytes[..precision].to_vec();
    let rest = &bytes[precision..];
    let first = rest[0];
    let beyond_nonzero = rest[1..].iter().any(|&d| d != b'0');
    let last_odd = kept.last().is_some_and(|d| (d - b'0') % 2 == 1);
    let round_up = first > b'5' || (first == b'5' && (beyond_nonzero || last_odd));
    let mut carried = false;
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                kept.pop();
                carried = true;
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    (String::from_utf8_lossy(&kept).into_owned(), carried)
}

/// A non-negative integer in base 10^9, least significant limb first.
struct BigDecimal {
    limbs: Vec<u32>,
}

const LIMB: u64 = 1_000_000_000;

impl BigDecimal {
    fn from_u128(mut v: u128) -> Self {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % u128::from(LIMB)) as u32);
            v /= u128::from(LIMB);
        }
        BigDecimal { limbs }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in self.limbs.iter_mut() {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        while carry > 0 {
            self.limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    fn shl(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(31);
            self.mul_small(1u32 << step);
            n -= step;
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(13);
            self.mul_small(5u32.pow(step));
            n -= step;
        }
    }

    fn to_decimal(&self) -> String {
        let mut s = String::new();
        for (i, limb) in self.limbs.iter().rev().enumerate() {
            if i == 0 {
                s.push_str(&limb.to_string());
            } else {
                s.push_str(&format!("{limb:09}"));
            }
        }
        if s.is_empty() {
            s.push('0');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(v: f64) -> String {
        format_float(&v.to_le_bytes(), FloatFormat::Double)
    }

    fn f32s(v: f32) -> String {
        format_float(&v.to_le_bytes(), FloatFormat::Single)
    }

    #[test]
    fn precisions_match_gdb() {
        assert_eq!(FloatFormat::BFloat16.precision(), 4);
        assert_eq!(FloatFormat::Half.precision(), 5);
        assert_eq!(FloatFormat::Single.precision(), 9);
        assert_eq!(FloatFormat::Double.precision(), 17);
        assert_eq!(FloatFormat::X87.precision(), 21);
    }

    #[test]
    fn doubles_print_like_gdb() {
        // Captured from gdb 13 `x/12fg &doubles` and `p $xmm` on test-programs/format_data.c.
        assert_eq!(f64s(0.0), "0");
        assert_eq!(f64s(-0.0), "-0");
        assert_eq!(f64s(1.5), "1.5");
        assert_eq!(f64s(1e100), "1e+100");
        assert_eq!(f64s(-1e-100), "-1e-100");
        assert_eq!(f64s(std::f64::consts::PI), "3.1415926535897931");
        assert_eq!(f64s(0.1), "0.10000000000000001");
        assert_eq!(f64s(100.0), "100");
        assert_eq!(f64s(1e16), "10000000000000000");
        assert_eq!(f64s(1e17), "1e+17");
        assert_eq!(f64s(123456.789), "123456.789");
        assert_eq!(f64s(5e-324), "4.9406564584124654e-324");
        assert_eq!(f64s(f64::from_bits(0xc01c463abeccb2bb)), "-7.0685834705770345");
        assert_eq!(f64s(f64::from_bits(0xff00ff00ff00ffff)), "-5.82767264895236e+303");
        assert_eq!(f64s(f64::from_bits(0x7ff8000000000000)), "nan(0x8000000000000)");
        assert_eq!(f64s(f64::from_bits(0xfff8000000000000)), "-nan(0x8000000000000)");
        assert_eq!(f64s(f64::NEG_INFINITY), "-inf");
        assert_eq!(f64s(f64::INFINITY), "inf");
        assert_eq!(f64s(f64::from_bits(0xc0100000)), "1.5920149086026079e-314");
    }

    #[test]
    fn floats_print_like_gdb() {
        assert_eq!(f32s(1e30), "1.00000002e+30");
        assert_eq!(f32s(1e-30), "1e-30");
        assert_eq!(f32s(std::f32::consts::PI), "3.14159274");
        assert_eq!(f32s(0.1), "0.100000001");
        assert_eq!(f32s(1e7), "10000000");
        assert_eq!(f32s(123456789.0), "123456792");
        assert_eq!(f32s(1e-5), "9.99999975e-06");
        assert_eq!(f32s(-0.0), "-0");
        assert_eq!(f32s(f32::from_bits(0xff00ffff)), "-1.71470391e+38");
        assert_eq!(f32s(f32::from_bits(0xffff0000)), "-nan(0x7f0000)");
    }

    #[test]
    fn small_and_extended_formats_print_like_gdb() {
        let bf = |b: u16| format_float(&b.to_le_bytes(), FloatFormat::BFloat16);
        let half = |b: u16| format_float(&b.to_le_bytes(), FloatFormat::Half);
        assert_eq!(bf(0xff00), "-1.701e+38");
        assert_eq!(bf(0xffff), "-nan(0x7f)");
        assert_eq!(bf(0xc010), "-2.25");
        assert_eq!(half(0xc010), "-2.0312");
        assert_eq!(half(0xff00), "-nan(0x300)");
        let x87 = |hex: u128| format_float(&hex.to_le_bytes(), FloatFormat::X87);
        assert_eq!(x87(0x3fffb8aa3b295c17f0bc), "1.44269504088896340739");
        assert_eq!(x87(0x4000c90fdaa22168c235), "3.14159265358979323851");
        assert_eq!(x87(0x3fff8000000000000000), "1");
        assert_eq!(x87(0), "0");
    }
}

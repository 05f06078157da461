//! Vector registers as gdb's unions: `{v8_bfloat16 = {...}, v8_half = {...}, v4_float = {...}, ...}`,
//! and gdb's array rule that a run of more than 10 equal elements prints as `X <repeats N times>`.

use super::chars::REPEAT_THRESHOLD;
use super::float::{format_float, FloatFormat};
use super::numbers::{format_scalar, Scalar};
use super::NoSymbols;

#[derive(Clone, Copy)]
enum Lane {
    Float(FloatFormat),
    Int,
}

/// The union members gdb defines for a vector of `len` bytes (16, 32 or 64), in its order.
fn members(len: usize) -> Vec<(String, Lane, usize)> {
    let mut m = vec![
        (format!("v{}_bfloat16", len / 2), Lane::Float(FloatFormat::BFloat16), 2),
        (format!("v{}_half", len / 2), Lane::Float(FloatFormat::Half), 2),
        (format!("v{}_float", len / 4), Lane::Float(FloatFormat::Single), 4),
        (format!("v{}_double", len / 8), Lane::Float(FloatFormat::Double), 8),
        (format!("v{}_int8", len), Lane::Int, 1),
        (format!("v{}_int16", len / 2), Lane::Int, 2),
        (format!("v{}_int32", len / 4), Lane::Int, 4),
        (format!("v{}_int64", len / 8), Lane::Int, 8),
    ];
    if len > 16 {
        m.push((format!("v{}_int128", len / 16), Lane::Int, 16));
    }
    m
}

/// One element: natural (`None`) or in a print format letter. gdb's `/x` etc. show float lanes as
/// their raw bits.
fn element(bytes: &[u8], lane: Lane, letter: Option<char>, unsigned: bool) -> String {
    match (lane, letter) {
        (Lane::Float(f), None) | (Lane::Float(f), Some('f')) => format_float(bytes, f),
        (_, None) => {
            let v = Scalar::from_le(bytes);
            if unsigned {
                v.unsigned().to_string()
            } else {
                v.signed().to_string()
            }
        }
        (_, Some(l)) => format_scalar(Scalar::from_le(bytes), l, false, &NoSymbols).unwrap_or_default(),
    }
}

/// `{a, b, X <repeats N times>, ...}` for already-split elements, comparing raw bytes for runs.
pub fn array(elements: &[(&[u8], String)]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < elements.len() {
        let mut run = 1;
        while i + run < elements.len() && elements[i + run].0 == elements[i].0 {
            run += 1;
        }
        if run > REPEAT_THRESHOLD {
            parts.push(format!("{} <repeats {run} times>", elements[i].1));
        } else {
            for _ in 0..run {
                parts.push(elements[i].1.clone());
            }
        }
        i += run;
    }
    format!("{{{}}}", parts.join(", "))
}

/// gdb's text for a 16-, 32- or 64-byte vector register (`p $xmm0`, or `p/x $xmm0` with `letter`).
pub fn format_vector(bytes: &[u8], letter: Option<char>) -> String {
    let len = bytes.len();
    let mut fields = Vec::new();
    for (name, lane, size) in members(len) {
        let elements: Vec<(&[u8], String)> =
            bytes.chunks(size).map(|c| (c, element(c, lane, letter, false))).collect();
        fields.push(format!("{name} = {}", array(&elements)));
    }
    if len == 16 {
        // The 128-bit view of an xmm register is a scalar, and unsigned.
        fields.push(format!("uint128 = {}", element(bytes, Lane::Int, letter, true)));
    }
    format!("{{{}}}", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_bytes(lo: u128, len: usize) -> Vec<u8> {
        let mut v = lo.to_le_bytes().to_vec();
        v.resize(len, 0);
        v
    }

    #[test]
    fn xmm_matches_gdb() {
        // gdb 13 `p $xmm0`, `p/x $xmm0`, `p/d $xmm0` and `p $xmm1` on test-programs/format_regs.c.
        let b = hex_bytes(0xc01c463abeccb2bb, 16);
        assert_eq!(
            format_vector(&b, Some('x')),
            "{v8_bfloat16 = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v8_half = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v4_float = {0xbeccb2bb, 0xc01c463a, 0x0, 0x0}, v2_double = {0xc01c463abeccb2bb, 0x0}, v16_int8 = {0xbb, 0xb2, 0xcc, 0xbe, 0x3a, 0x46, 0x1c, 0xc0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v8_int16 = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v4_int32 = {0xbeccb2bb, 0xc01c463a, 0x0, 0x0}, v2_int64 = {0xc01c463abeccb2bb, 0x0}, uint128 = 0xc01c463abeccb2bb}"
        );
        assert_eq!(
            format_vector(&b, Some('d')),
            "{v8_bfloat16 = {-19781, -16692, 17978, -16356, 0, 0, 0, 0}, v8_half = {-19781, -16692, 17978, -16356, 0, 0, 0, 0}, v4_float = {-1093881157, -1071888838, 0, 0}, v2_double = {-4603727500956355909, 0}, v16_int8 = {-69, -78, -52, -66, 58, 70, 28, -64, 0, 0, 0, 0, 0, 0, 0, 0}, v8_int16 = {-19781, -16692, 17978, -16356, 0, 0, 0, 0}, v4_int32 = {-1093881157, -1071888838, 0, 0}, v2_int64 = {-4603727500956355909, 0}, uint128 = 13843016572753195707}"
        );
        let b1 = hex_bytes(0xc0100000, 16);
        assert_eq!(
            format_vector(&b1, None),
            "{v8_bfloat16 = {0, -2.25, 0, 0, 0, 0, 0, 0}, v8_half = {0, -2.0312, 0, 0, 0, 0, 0, 0}, v4_float = {-2.25, 0, 0, 0}, v2_double = {1.5920149086026079e-314, 0}, v16_int8 = {0, 0, 16, -64, 0 <repeats 12 times>}, v8_int16 = {0, -16368, 0, 0, 0, 0, 0, 0}, v4_int32 = {-1072693248, 0, 0, 0}, v2_int64 = {3222274048, 0}, uint128 = 3222274048}"
        );
    }

    #[test]
    fn ymm_and_zmm_match_gdb() {
        let b = hex_bytes(0xff00ff00ff00ffffffff000000000000, 32);
        assert_eq!(
            format_vector(&b, None),
            "{v16_bfloat16 = {0, 0, 0, -nan(0x7f), -nan(0x7f), -1.701e+38, -1.701e+38, -1.701e+38, 0, 0, 0, 0, 0, 0, 0, 0}, v16_half = {0, 0, 0, -nan(0x3ff), -nan(0x3ff), -nan(0x300), -nan(0x300), -nan(0x300), 0, 0, 0, 0, 0, 0, 0, 0}, v8_float = {0, -nan(0x7f0000), -1.71470391e+38, -1.71465219e+38, 0, 0, 0, 0}, v4_double = {-nan(0xf000000000000), -5.82767264895236e+303, 0, 0}, v32_int8 = {0, 0, 0, 0, 0, 0, -1, -1, -1, -1, 0, -1, 0, -1, 0, -1, 0 <repeats 16 times>}, v16_int16 = {0, 0, 0, -1, -1, -256, -256, -256, 0, 0, 0, 0, 0, 0, 0, 0}, v8_int32 = {0, -65536, -16711681, -16711936, 0, 0, 0, 0}, v4_int64 = {-281474976710656, -71777214294589441, 0, 0}, v2_int128 = {-1324055902416098266683374832185245696, 0}}"
        );
        let z = hex_bytes(0x60, 64);
        assert_eq!(
            format_vector(&z, Some('x')),
            "{v32_bfloat16 = {0x60, 0x0 <repeats 31 times>}, v32_half = {0x60, 0x0 <repeats 31 times>}, v16_float = {0x60, 0x0 <repeats 15 times>}, v8_double = {0x60, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v64_int8 = {0x60, 0x0 <repeats 63 times>}, v32_int16 = {0x60, 0x0 <repeats 31 times>}, v16_int32 = {0x60, 0x0 <repeats 15 times>}, v8_int64 = {0x60, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v4_int128 = {0x60, 0x0, 0x0, 0x0}}"
        );
    }
}

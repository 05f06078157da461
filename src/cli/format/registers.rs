//! `info registers`, `info all-registers` and `p $reg` as gdb 13 prints them on x86-64 Linux.
//!
//! Rows are `NAME`, the value in hex from column 15 and its natural form from column 34 (gdb's
//! `pad_to_column` always leaves at least one space). Float registers show the natural value and
//! `(raw 0x...)`; vector registers only their union in hex.

use super::float::{format_float, FloatFormat};
use super::numbers::{format_scalar, Scalar};
use super::vector::format_vector;
use super::{address_with_symbol, Symbolizer};
use crate::target::regs::GENERAL_REGISTERS;
use crate::target::{ExtendedRegisters, Registers};

/// gdb's eflags flag names by bit (bit 1 is reserved and unnamed; IOPL is not shown).
const EFLAGS: &[(u32, &str)] = &[
    (0, "CF"),
    (2, "PF"),
    (4, "AF"),
    (6, "ZF"),
    (7, "SF"),
    (8, "TF"),
    (9, "IF"),
    (10, "DF"),
    (11, "OF"),
    (14, "NT"),
    (16, "RF"),
    (17, "VM"),
    (18, "AC"),
    (19, "VIF"),
    (20, "VIP"),
    (21, "ID"),
];

/// gdb's mxcsr flag names by bit (the rounding control bits 13-14 are not shown).
const MXCSR: &[(u32, &str)] = &[
    (0, "IE"),
    (1, "DE"),
    (2, "ZE"),
    (3, "OE"),
    (4, "UE"),
    (5, "PE"),
    (6, "DAZ"),
    (7, "IM"),
    (8, "DM"),
    (9, "ZM"),
    (10, "OM"),
    (11, "UM"),
    (12, "PM"),
    (15, "FZ"),
];

const X87_CONTROL: &[&str] = &["fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"];

/// `[ PF IF ]`: the names of the set bits.
fn flags(value: u64, names: &[(u32, &str)]) -> String {
    let mut s = String::from("[");
    for (bit, name) in names {
        if value >> bit & 1 == 1 {
            s.push(' ');
            s.push_str(name);
        }
    }
    s.push_str(" ]");
    s
}

/// A register's value with the type gdb gives it.
enum Value {
    /// A signed integer (`rax`, `eax`, `cs`, `fctrl`, ...).
    Int(Scalar),
    /// An unsigned integer (`k0`-`k7`).
    Unsigned(Scalar),
    /// `rbp`, `rsp`: `void *`.
    DataPtr(u64),
    /// `rip`: `void (*)()`.
    CodePtr(u64),
    /// `eflags`, `mxcsr`.
    Flags(u64, &'static [(u32, &'static str)]),
    /// `st0`-`st7`.
    X87([u8; 10]),
    /// `xmm`, `ymm`, `zmm`.
    Vector(Vec<u8>),
}

/// Strips gdb's aliases: `pc`, `sp`, `fp`, `ps`.
fn canonical(name: &str) -> &str {
    match name {
        "pc" => "rip",
        "sp" => "rsp",
        "fp" => "rbp",
        "ps" => "eflags",
        other => other,
    }
}

fn index(name: &str, prefix: &str, limit: usize) -> Option<usize> {
    let digits = name.strip_prefix(prefix)?;
    if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    let i: usize = digits.parse().ok()?;
    (i < limit).then_some(i)
}

/// The x87 tag word gdb rebuilds from FXSAVE's abridged tags: per physical register 0 valid, 1 zero,
/// 2 special, 3 empty.
fn full_tag_word(ext: &ExtendedRegisters) -> u16 {
    let abridged = ext.ftag_abridged();
    let top = (ext.fstat() >> 11) & 7;
    let mut tag: u16 = 0;
    for physical in 0..8u16 {
        let t = if abridged >> physical & 1 == 0 {
            3
        } else {
            let raw = ext.st(usize::from((physical + 8 - top) % 8));
            let exponent = u16::from_le_bytes([raw[8], raw[9]]) & 0x7fff;
            let integer = raw[7] & 0x80 != 0;
            let fraction_zero =
                raw[..8].iter().enumerate().all(|(i, b)| if i == 7 { b & 0x7f == 0 } else { *b == 0 });
            match exponent {
                0x7fff => 2,
                0 if fraction_zero && !integer => 1,
                0 => 2,
                _ if integer => 0,
                _ => 2,
            }
        };
        tag |= t << (2 * physical);
    }
    tag
}

fn lookup(name: &str, regs: &Registers, ext: Option<&ExtendedRegisters>) -> Option<Value> {
    let name = canonical(name);
    match name {
        "rip" => return Some(Value::CodePtr(regs.pc())),
        "rsp" | "rbp" => return regs.get(name).map(|(v, _)| Value::DataPtr(v)),
        "eflags" => return Some(Value::Flags(regs.raw.eflags, EFLAGS)),
        // gdb's amd64 has no eip.
        "eip" => return None,
        _ => {}
    }
    if let Some((v, bits)) = regs.get(name) {
        return Some(Value::Int(Scalar::new(u128::from(v), bits)));
    }
    let ext = ext?;
    let vectors = ext.vector_count();
    let int32 = |v: u32| Some(Value::Int(Scalar::new(u128::from(v), 32)));
    match name {
        "fctrl" => return int32(u32::from(ext.fctrl())),
        "fstat" => return int32(u32::from(ext.fstat())),
        "ftag" => return int32(u32::from(full_tag_word(ext))),
        "fiseg" => return int32(u32::from(ext.fiseg())),
        "fioff" => return int32(ext.fioff()),
        "foseg" => return int32(u32::from(ext.foseg())),
        "fooff" => return int32(ext.fooff()),
        // The opcode register holds 11 bits.
        "fop" => return int32(u32::from(ext.fop() & 0x7ff)),
        "mxcsr" => return Some(Value::Flags(u64::from(ext.mxcsr()), MXCSR)),
        "pkru" if ext.has_pkru() => return Some(Value::Unsigned(Scalar::new(u128::from(ext.pkru()), 32))),
        _ => {}
    }
    if let Some(i) = index(name, "st", 8) {
        return Some(Value::X87(ext.st(i)));
    }
    if let Some(i) = index(name, "xmm", vectors) {
        return Some(Value::Vector(ext.xmm(i).to_vec()));
    }
    if ext.has_avx() {
        if let Some(i) = index(name, "ymm", vectors) {
            return Some(Value::Vector(ext.ymm(i).to_vec()));
        }
    }
    if ext.has_avx512() {
        if let Some(i) = index(name, "zmm", vectors) {
            return Some(Value::Vector(ext.zmm(i).to_vec()));
        }
        if let Some(i) = index(name, "k", 8) {
            return Some(Value::Unsigned(Scalar::new(u128::from(ext.k(i)), 64)));
        }
    }
    None
}

/// Whether gdb knows a register of this name (without `$`) on this machine.
pub fn register_exists(name: &str, regs: &Registers, ext: Option<&ExtendedRegisters>) -> bool {
    lookup(name, regs, ext).is_some()
}

/// `pad_to_column`: at least one space, then up to column `col`.
fn pad_to(s: &mut String, col: usize) {
    s.push(' ');
    while s.chars().count() < col {
        s.push(' ');
    }
}

/// One `info registers` row.
fn row(name: &str, value: &Value, syms: &dyn Symbolizer) -> String {
    let mut s = name.to_string();
    pad_to(&mut s, 15);
    match value {
        Value::X87(raw) => {
            s.push_str(&format_float(raw, FloatFormat::X87));
            pad_to(&mut s, 35);
            let mut wide = [0u8; 16];
            wide[..10].copy_from_slice(raw);
            s.push_str(&format!("(raw 0x{:020x})", u128::from_le_bytes(wide)));
        }
        Value::Vector(bytes) => s.push_str(&format_vector(bytes, Some('x'))),
        other => {
            s.push_str(&hex(other));
            pad_to(&mut s, 35);
            s.push_str(&natural(other, syms, false));
        }
    }
    s
}

fn hex(value: &Value) -> String {
    match value {
        Value::Int(v) | Value::Unsigned(v) => format!("{:#x}", v.unsigned()),
        Value::DataPtr(v) | Value::CodePtr(v) | Value::Flags(v, _) => format!("{v:#x}"),
        Value::X87(raw) => {
            let mut wide = [0u8; 16];
            wide[..10].copy_from_slice(raw);
            format!("{:#x}", u128::from_le_bytes(wide))
        }
        Value::Vector(bytes) => format_vector(bytes, Some('x')),
    }
}

/// The natural form; `typed` adds the pointer type prefixes `print` shows.
fn natural(value: &Value, syms: &dyn Symbolizer, typed: bool) -> String {
    match value {
        Value::Int(v) => v.signed().to_string(),
        Value::Unsigned(v) => v.unsigned().to_string(),
        Value::DataPtr(v) if typed => format!("(void *) {v:#x}"),
        Value::DataPtr(v) => format!("{v:#x}"),
        Value::CodePtr(v) if typed => format!("(void (*)()) {}", address_with_symbol(syms, *v)),
        Value::CodePtr(v) => address_with_symbol(syms, *v),
        Value::Flags(v, names) => flags(*v, names),
        Value::X87(raw) => format_float(raw, FloatFormat::X87),
        Value::Vector(bytes) => format_vector(bytes, None),
    }
}

/// The registers `info registers` shows by default on this kind of machine: the general ones (gdb puts
/// `fs_base`, `gs_base` and `orig_rax` in the system group only) and, with AVX-512, k0-k7.
fn general_names(ext: Option<&ExtendedRegisters>) -> Vec<String> {
    let mut names: Vec<String> =
        GENERAL_REGISTERS.iter().filter(|n| !n.ends_with("_base")).map(|n| n.to_string()).collect();
    if ext.is_some_and(|e| e.has_avx512()) {
        names.extend((0..8).map(|i| format!("k{i}")));
    }
    names
}

fn float_names() -> Vec<String> {
    let mut names: Vec<String> = (0..8).map(|i| format!("st{i}")).collect();
    names.extend(X87_CONTROL.iter().map(|s| s.to_string()));
    names
}

/// The members of gdb's register groups (`info registers GROUP`).
fn group(name: &str, ext: Option<&ExtendedRegisters>) -> Option<Vec<String>> {
    let vectors = ext.map_or(16, |e| e.vector_count());
    Some(match name {
        "general" => general_names(ext),
        "float" => float_names(),
        "sse" => {
            let mut v: Vec<String> = (0..16).map(|i| format!("xmm{i}")).collect();
            v.push("mxcsr".to_string());
            v.extend((16..vectors).map(|i| format!("xmm{i}")));
            v
        }
        "vector" => {
            let mut v = vec!["mxcsr".to_string()];
            let wide = if ext.is_some_and(|e| e.has_avx512()) {
                "zmm"
            } else if ext.is_some_and(|e| e.has_avx()) {
                "ymm"
            } else {
                "xmm"
            };
            v.extend((0..vectors).map(|i| format!("{wide}{i}")));
            v
        }
        "system" => vec!["fs_base".to_string(), "gs_base".to_string(), "orig_rax".to_string()],
        "mmx" => Vec::new(),
        "all" => return None,
        _ => return None,
    })
}

/// `info registers [NAMES...]`: with no names the general registers; otherwise each named register
/// (with or without `$`, aliases `pc`/`sp`/`fp`/`ps` keep their name) or group (`general`, `float`,
/// `sse`, `vector`, `system`, `all`). An unknown name is gdb's ``Invalid register `foo'``; gdb prints
/// the rows before it first, so the rows so far come with the error.
pub fn format_general_registers(
    regs: &Registers,
    ext: Option<&ExtendedRegisters>,
    names: &[&str],
    syms: &dyn Symbolizer,
) -> Result<Vec<String>, (Vec<String>, String)> {
    let mut lines = Vec::new();
    let wanted: Vec<String> =
        if names.is_empty() { general_names(ext) } else { names.iter().map(|s| s.to_string()).collect() };
    for name in &wanted {
        let bare = name.strip_prefix('$').unwrap_or(name);
        if let Some(value) = lookup(bare, regs, ext) {
            lines.push(row(bare, &value, syms));
            continue;
        }
        if bare == "all" {
            if let Some(ext) = ext {
                lines.extend(format_all_registers(regs, ext, syms));
                continue;
            }
        }
        match group(bare, ext) {
            Some(members) => {
                for m in members {
                    if let Some(value) = lookup(&m, regs, ext) {
                        lines.push(row(&m, &value, syms));
                    }
                }
            }
            None => return Err((lines, format!("Invalid register `{bare}'"))),
        }
    }
    Ok(lines)
}

/// `info all-registers`: general, x87, mxcsr, k0-k7 and the widest vector registers, in gdb's order.
pub fn format_all_registers(regs: &Registers, ext: &ExtendedRegisters, syms: &dyn Symbolizer) -> Vec<String> {
    let mut names: Vec<String> =
        GENERAL_REGISTERS.iter().filter(|n| !n.ends_with("_base")).map(|n| n.to_string()).collect();
    names.extend(float_names());
    let vectors = ext.vector_count();
    if ext.has_avx512() {
        names.push("mxcsr".to_string());
        names.extend((0..8).map(|i| format!("k{i}")));
        names.extend((0..vectors).map(|i| format!("zmm{i}")));
    } else if ext.has_avx() {
        names.push("mxcsr".to_string());
        names.extend((0..vectors).map(|i| format!("ymm{i}")));
    } else {
        names.extend((0..vectors).map(|i| format!("xmm{i}")));
        names.push("mxcsr".to_string());
    }
    if ext.has_pkru() {
        names.push("pkru".to_string());
    }
    names.iter().filter_map(|n| lookup(n, regs, Some(ext)).map(|v| row(n, &v, syms))).collect()
}

/// What `print $NAME` (or `print/F $NAME` with `letter`) shows after `$N = `; `None` for a register
/// gdb does not have (gdb prints `void` then). Unsupported letters fall back to the natural form.
pub fn format_register_value(
    name: &str,
    regs: &Registers,
    ext: Option<&ExtendedRegisters>,
    syms: &dyn Symbolizer,
    letter: Option<char>,
) -> Option<String> {
    let value = lookup(name.strip_prefix('$').unwrap_or(name), regs, ext)?;
    let Some(letter) = letter.filter(|l| *l != 's') else {
        return Some(natural(&value, syms, true));
    };
    let scalar = match &value {
        Value::Int(v) | Value::Unsigned(v) => *v,
        Value::DataPtr(v) | Value::CodePtr(v) => Scalar::new(u128::from(*v), 64),
        Value::Flags(v, _) => Scalar::new(u128::from(*v), 32),
        Value::X87(raw) => {
            if letter == 'f' {
                return Some(format_float(raw, FloatFormat::X87));
            }
            let mut wide = [0u8; 16];
            wide[..10].copy_from_slice(raw);
            Scalar::new(u128::from_le_bytes(wide), 80)
        }
        Value::Vector(bytes) => return Some(format_vector(bytes, Some(letter))),
    };
    Some(format_scalar(scalar, letter, false, syms).unwrap_or_else(|| natural(&value, syms, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct OneSymbol;

    impl Symbolizer for OneSymbol {
        fn symbolize(&self, addr: u64) -> Option<(String, u64)> {
            let start = 0x555555555177;
            (start..start + 6).contains(&addr).then(|| ("stop_here".to_string(), addr - start))
        }
    }

    /// The state gdb 13 showed at `stop_here` in test-programs/format_regs.c (after `fldpi; fld1; fldz;
    /// fldl2e`), on an AVX-512 machine.
    fn captured() -> (Registers, ExtendedRegisters) {
        // SAFETY: user_regs_struct is plain integers; all-zero is a valid value.
        let mut regs = Registers::from_raw(unsafe { std::mem::zeroed() });
        regs.raw.rax = 0xc01c463abeccb2bb;
        regs.raw.rbp = 0x7fffffffe6b0;
        regs.raw.rsp = 0x7fffffffe6b0;
        regs.raw.rip = 0x55555555517b;
        regs.raw.eflags = 0x206;
        regs.raw.cs = 0x33;
        regs.raw.ss = 0x2b;
        regs.raw.fs_base = 0x7ffff7dd2740;
        regs.raw.orig_rax = u64::MAX;
        let mut x = vec![0u8; 2696];
        let mut put = |at: usize, bytes: &[u8]| x[at..at + bytes.len()].copy_from_slice(bytes);
        put(0, &0x37fu16.to_le_bytes());
        put(2, &0x2020u16.to_le_bytes());
        put(4, &[0xf0]);
        put(24, &0x1f80u32.to_le_bytes());
        for (i, st) in
            [0x3fffb8aa3b295c17f0bcu128, 0, 0x3fff8000000000000000, 0x4000c90fdaa22168c235].iter().enumerate()
        {
            put(32 + 16 * i, &st.to_le_bytes()[..10]);
        }
        put(160, &0xc01c463abeccb2bbu128.to_le_bytes());
        put(176, &0xc0100000u128.to_le_bytes());
        put(464, &0xe7u64.to_le_bytes());
        put(512, &0xe7u64.to_le_bytes());
        (regs, ExtendedRegisters::from_xsave(x))
    }

    #[test]
    fn info_registers_rows_match_gdb() {
        let (regs, ext) = captured();
        let lines = format_general_registers(&regs, Some(&ext), &[], &OneSymbol).unwrap_or_default();
        let names: Vec<&str> = lines.iter().filter_map(|l| l.split(' ').next()).collect();
        assert_eq!(
            names.join(" "),
            "rax rbx rcx rdx rsi rdi rbp rsp r8 r9 r10 r11 r12 r13 r14 r15 rip eflags cs ss ds es fs gs \
             k0 k1 k2 k3 k4 k5 k6 k7"
        );
        for want in [
            "rax            0xc01c463abeccb2bb  -4603727500956355909",
            "rbp            0x7fffffffe6b0      0x7fffffffe6b0",
            "rsp            0x7fffffffe6b0      0x7fffffffe6b0",
            "rip            0x55555555517b      0x55555555517b <stop_here+4>",
            "eflags         0x206               [ PF IF ]",
            "cs             0x33                51",
            "k0             0x0                 0",
        ] {
            assert!(lines.iter().any(|l| l == want), "missing {want:?} in {lines:#?}");
        }
        let named = format_general_registers(
            &regs,
            Some(&ext),
            &["pc", "sp", "ps", "$rax", "fs_base", "orig_rax", "al", "eax", "st0", "xmm0"],
            &OneSymbol,
        );
        let want = [
            "pc             0x55555555517b      0x55555555517b <stop_here+4>",
            "sp             0x7fffffffe6b0      0x7fffffffe6b0",
            "ps             0x206               [ PF IF ]",
            "rax            0xc01c463abeccb2bb  -4603727500956355909",
            "fs_base        0x7ffff7dd2740      140737351853888",
            "orig_rax       0xffffffffffffffff  -1",
            "al             0xbb                -69",
            "eax            0xbeccb2bb          -1093881157",
            "st0            1.44269504088896340739 (raw 0x3fffb8aa3b295c17f0bc)",
            "xmm0           {v8_bfloat16 = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v8_half = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v4_float = {0xbeccb2bb, 0xc01c463a, 0x0, 0x0}, v2_double = {0xc01c463abeccb2bb, 0x0}, v16_int8 = {0xbb, 0xb2, 0xcc, 0xbe, 0x3a, 0x46, 0x1c, 0xc0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v8_int16 = {0xb2bb, 0xbecc, 0x463a, 0xc01c, 0x0, 0x0, 0x0, 0x0}, v4_int32 = {0xbeccb2bb, 0xc01c463a, 0x0, 0x0}, v2_int64 = {0xc01c463abeccb2bb, 0x0}, uint128 = 0xc01c463abeccb2bb}",
        ];
        assert_eq!(named, Ok(want.iter().map(|s| s.to_string()).collect()));
        let bad = format_general_registers(&regs, Some(&ext), &["rip", "foo"], &OneSymbol);
        assert_eq!(bad, Err((vec![want[0].replacen("pc ", "rip", 1)], "Invalid register `foo'".to_string())));
        assert!(format_general_registers(&regs, Some(&ext), &["eip"], &OneSymbol).is_err());
    }

    #[test]
    fn all_registers_x87_and_sse_rows_match_gdb() {
        let (regs, ext) = captured();
        let lines = format_all_registers(&regs, &ext, &OneSymbol);
        let x87: Vec<&str> = lines.iter().skip(24).take(17).map(String::as_str).collect();
        assert_eq!(
            x87,
            [
                "st0            1.44269504088896340739 (raw 0x3fffb8aa3b295c17f0bc)",
                "st1            0                   (raw 0x00000000000000000000)",
                "st2            1                   (raw 0x3fff8000000000000000)",
                "st3            3.14159265358979323851 (raw 0x4000c90fdaa22168c235)",
                "st4            0                   (raw 0x00000000000000000000)",
                "st5            0                   (raw 0x00000000000000000000)",
                "st6            0                   (raw 0x00000000000000000000)",
                "st7            0                   (raw 0x00000000000000000000)",
                "fctrl          0x37f               895",
                "fstat          0x2020              8224",
                "ftag           0x4ff               1279",
                "fiseg          0x0                 0",
                "fioff          0x0                 0",
                "foseg          0x0                 0",
                "fooff          0x0                 0",
                "fop            0x0                 0",
                "mxcsr          0x1f80              [ IM DM ZM OM UM PM ]",
            ]
        );
        let names: Vec<&str> = lines.iter().skip(41).filter_map(|l| l.split(' ').next()).collect();
        let mut want: Vec<String> = (0..8).map(|i| format!("k{i}")).collect();
        want.extend((0..32).map(|i| format!("zmm{i}")));
        assert_eq!(names, want);
        assert_eq!(
            lines[57],
            "zmm8           {v32_bfloat16 = {0x0 <repeats 32 times>}, v32_half = {0x0 <repeats 32 times>}, v16_float = {0x0 <repeats 16 times>}, v8_double = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v64_int8 = {0x0 <repeats 64 times>}, v32_int16 = {0x0 <repeats 32 times>}, v16_int32 = {0x0 <repeats 16 times>}, v8_int64 = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, v4_int128 = {0x0, 0x0, 0x0, 0x0}}"
        );
    }

    #[test]
    fn print_register_values_match_gdb() {
        let (regs, ext) = captured();
        let p = |name: &str, letter: Option<char>| {
            format_register_value(name, &regs, Some(&ext), &OneSymbol, letter)
        };
        let cases: &[(&str, Option<char>, &str)] = &[
            ("rip", None, "(void (*)()) 0x55555555517b <stop_here+4>"),
            ("pc", None, "(void (*)()) 0x55555555517b <stop_here+4>"),
            ("rsp", None, "(void *) 0x7fffffffe6b0"),
            ("fp", None, "(void *) 0x7fffffffe6b0"),
            ("eflags", None, "[ PF IF ]"),
            ("rax", None, "-4603727500956355909"),
            ("st0", None, "1.44269504088896340739"),
            ("st2", None, "1"),
            ("st0", Some('x'), "0x3fffb8aa3b295c17f0bc"),
            ("eflags", Some('x'), "0x206"),
            ("eflags", Some('t'), "1000000110"),
            ("eflags", Some('d'), "518"),
            ("rip", Some('x'), "0x55555555517b"),
            ("rip", Some('d'), "93824992235899"),
            ("mxcsr", None, "[ IM DM ZM OM UM PM ]"),
            ("mxcsr", Some('x'), "0x1f80"),
            ("rax", Some('x'), "0xc01c463abeccb2bb"),
            ("rax", Some('t'), "1100000000011100010001100011101010111110110011001011001010111011"),
            ("rax", Some('o'), "01400342143527663131273"),
            ("rax", Some('c'), "-69 '\\273'"),
            ("rax", Some('f'), "-7.0685834705770345"),
            ("rip", Some('a'), "0x55555555517b <stop_here+4>"),
            ("rsp", Some('a'), "0x7fffffffe6b0"),
            ("rip", Some('s'), "(void (*)()) 0x55555555517b <stop_here+4>"),
            ("rax", Some('z'), "0xc01c463abeccb2bb"),
            ("rax", Some('u'), "13843016572753195707"),
            ("ax", None, "-19781"),
            ("ah", None, "-78"),
            ("fs_base", None, "140737351853888"),
            ("fs_base", Some('x'), "0x7ffff7dd2740"),
            ("ftag", None, "1279"),
            ("fctrl", Some('x'), "0x37f"),
            ("k0", None, "0"),
            ("al", Some('x'), "0xbb"),
            ("orig_rax", None, "-1"),
            ("xmm1", None, "{v8_bfloat16 = {0, -2.25, 0, 0, 0, 0, 0, 0}, v8_half = {0, -2.0312, 0, 0, 0, 0, 0, 0}, v4_float = {-2.25, 0, 0, 0}, v2_double = {1.5920149086026079e-314, 0}, v16_int8 = {0, 0, 16, -64, 0 <repeats 12 times>}, v8_int16 = {0, -16368, 0, 0, 0, 0, 0, 0}, v4_int32 = {-1072693248, 0, 0, 0}, v2_int64 = {3222274048, 0}, uint128 = 3222274048}"),
        ];
        for (name, letter, want) in cases {
            assert_eq!(p(name, *letter).as_deref(), Some(*want), "p/{letter:?} ${name}");
        }
        assert_eq!(p("eip", None), None);
        assert_eq!(p("pkru", None), None);
    }
}

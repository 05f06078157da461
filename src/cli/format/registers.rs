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
            pad_to(&mut s, 34);
            let mut wide = [0u8; 16];
            wide[..10].copy_from_slice(raw);
            s.push_str(&format!("(raw 0x{:020x})", u128::from_le_bytes(wide)));
        }
        Value::Vector(bytes) => s.push_str(&format_vector(bytes, Some('x'))),
        other => {
            s.push_str(&hex(other));
            pad_to(&mut s, 34);
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

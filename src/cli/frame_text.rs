//! Frame arguments as gdb prints them in stop and frame lines: `add (a=3, b=4)`,
//! `main (argc=2, argv=0x7fffffffe318)`, `greet (name=0x555555556004 "world")`, structs as `...`.

use crate::engine::{ArgValue, EntryValue, FrameArg};
use crate::symbols::ParamType;

use super::format::{address_with_symbol, char_literal, format_float, string_literal, FloatFormat};
use super::value_text::Printer;

fn little_endian(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    let n = bytes.len().min(8);
    raw[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(raw)
}

fn signed_value(bytes: &[u8]) -> i64 {
    let bits = (bytes.len().min(8) * 8) as u32;
    let raw = little_endian(bytes);
    if bits == 0 || bits >= 64 {
        return raw as i64;
    }
    let shift = 64 - bits;
    ((raw << shift) as i64) >> shift
}

/// One value in gdb's natural format for frame lines.
pub fn arg_value_text(value: &ArgValue, printer: &mut Printer<'_>) -> String {
    let syms = printer.syms;
    let (ty, bytes, string) = match value {
        ArgValue::OptimizedOut => return "<optimized out>".to_string(),
        ArgValue::SyntheticPointer => return "<synthetic pointer>".to_string(),
        ArgValue::Unreadable(addr) => return format!("<error: Cannot access memory at address {addr:#x}>"),
        ArgValue::Reference { addr, target } => {
            return format!("@{addr:#x}: {}", arg_value_text(target, printer))
        }
        ArgValue::Value { ty, bytes, string } => (ty, bytes, string),
    };
    match ty {
        ParamType::Aggregate => "...".to_string(),
        ParamType::Rust(_) if bytes.is_empty() => "...".to_string(),
        ParamType::Rust(full) => printer.rust_summary(&full.0, bytes),
        ParamType::Int { signed: true, .. } => signed_value(bytes).to_string(),
        ParamType::Int { signed: false, .. } => little_endian(bytes).to_string(),
        ParamType::Char { signed: is_signed } => {
            let number = if *is_signed { signed_value(bytes) } else { little_endian(bytes) as i64 };
            format!("{number} {}", char_literal(u32::from(bytes.first().copied().unwrap_or(0)), 1))
        }
        ParamType::Bool { .. } => match little_endian(bytes) {
            0 => "false".to_string(),
            1 => "true".to_string(),
            other => other.to_string(),
        },
        ParamType::Float { size } => {
            let format = match size {
                4 => FloatFormat::Single,
                8 => FloatFormat::Double,
                _ => FloatFormat::X87,
            };
            format_float(bytes, format)
        }
        ParamType::Pointer { to_function: true, .. } => address_with_symbol(syms, little_endian(bytes)),
        ParamType::Pointer { .. } => {
            let addr = little_endian(bytes);
            match string {
                Some(Ok((text, cut))) => {
                    let units: Vec<u32> = text.iter().map(|b| u32::from(*b)).collect();
                    format!("{addr:#x} {}", string_literal(&units, 1, *cut))
                }
                Some(Err(bad)) => format!("{addr:#x} <error: Cannot access memory at address {bad:#x}>"),
                // gdb's `print symbol`: a pointer into a named object shows it, `0x4010 <counter>`.
                None => address_with_symbol(syms, addr),
            }
        }
        ParamType::Enum { signed: is_signed, enumerators, .. } => {
            let number = if *is_signed { signed_value(bytes) } else { little_endian(bytes) as i64 };
            enumerators
                .iter()
                .find(|(v, _)| *v == number)
                .map_or_else(|| number.to_string(), |(_, name)| name.clone())
        }
        // References to class objects print as `...` in frame lines, as aggregates do.
        ParamType::Reference { .. } => "...".to_string(),
        ParamType::Unknown => little_endian(bytes).to_string(),
    }
}

/// `a=3, b=4`; with entry values as gdb's `set print entry-values default` shows them:
/// `p=p@entry=6` when equal, `p=5, p@entry=6` when not.
pub fn args_text(args: &[FrameArg], printer: &mut Printer<'_>) -> String {
    args.iter()
        .map(|arg| {
            let value = arg_value_text(&arg.value, printer);
            match &arg.entry {
                EntryValue::None => format!("{}={value}", arg.name),
                EntryValue::Same => format!("{0}={0}@entry={value}", arg.name),
                EntryValue::Different(entry) => {
                    format!("{0}={value}, {0}@entry={1}", arg.name, arg_value_text(entry, printer))
                }
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

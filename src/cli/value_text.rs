//! The text `print` shows for a value (after `$N = `), gdb's way.

use crate::eval::{PointerKind, Value};

use super::format::{address_with_symbol, format_scalar, Scalar, Symbolizer};

/// gdb's natural format for a value, or the one a `/FMT` letter asks for.
pub fn format_value(value: &Value, format: Option<char>, syms: &dyn Symbolizer) -> Result<String, String> {
    match value {
        Value::Int { value, ty } => {
            let scalar = Scalar::new(*value as u128, u32::from(ty.bytes) * 8);
            match format {
                None => Ok(if ty.bytes == 1 {
                    // A char-sized integer literal ('A') prints as number and character.
                    format_scalar(scalar, 'c', false, syms).unwrap_or_else(|| value.to_string())
                } else {
                    value.to_string()
                }),
                Some('s') | Some('i') | Some('r') => Ok(value.to_string()),
                Some(letter) => format_scalar(scalar, letter, false, syms)
                    .ok_or_else(|| format!("Undefined output format \"{letter}\".")),
            }
        }
        Value::Pointer { addr, kind } => match format {
            None | Some('a') | Some('s') | Some('r') => Ok(match kind {
                PointerKind::Code => format!("(void (*)()) {}", address_with_symbol(syms, *addr)),
                PointerKind::Data => format!("(void *) {addr:#x}"),
            }),
            Some(letter) => format_scalar(Scalar::new(u128::from(*addr), 64), letter, false, syms)
                .ok_or_else(|| format!("Undefined output format \"{letter}\".")),
        },
        Value::Text(text) => Ok(text.clone()),
        Value::Void => Ok("void".to_string()),
        Value::Flags { raw } => match format {
            Some(letter) => format_scalar(Scalar::new(u128::from(*raw), 32), letter, false, syms)
                .ok_or_else(|| format!("Undefined output format \"{letter}\".")),
            None => Ok(format!("{raw:#x}")),
        },
    }
}

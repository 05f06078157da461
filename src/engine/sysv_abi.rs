//! How the x86-64 System V ABI passes a value in registers: split into eightbytes, each of class
//! SSE (only float/double in it: the next xmm register) or INTEGER (the next general register).
//! Aggregates over 16 bytes, and long double, go through memory instead. Shared by `finish`'s
//! return values (engine/return_value.rs) and calls into the program (engine/inferior_call.rs).

use crate::symbols::types::{Type, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Integer,
    Sse,
}

/// The scalar pieces of a type with their offsets: (offset, size, is floating point).
fn scalar_leaves(ty: &TypeRef, base: u64, out: &mut Vec<(u64, u64, bool)>) {
    let stripped = ty.strip();
    match &**stripped {
        Type::Composite(composite) => {
            for member in composite.members() {
                scalar_leaves(&member.ty, base + member.offset, out);
            }
        }
        Type::Array { element, count: Some(count) } => {
            let size = element.size();
            for i in 0..*count {
                scalar_leaves(element, base + i * size, out);
            }
        }
        _ => out.push((base, stripped.size(), stripped.is_float())),
    }
}

/// Whether a value of this type is an x87 `long double` (returned in st(0), passed in memory).
pub(super) fn is_long_double(ty: &TypeRef) -> bool {
    let stripped = ty.strip();
    matches!(&**stripped, Type::Base(_)) && stripped.is_float() && stripped.size() > 8
}

/// The classes of a value's eightbytes, or None when it goes through memory.
pub(super) fn eightbyte_classes(ty: &TypeRef) -> Option<Vec<Class>> {
    let size = ty.size();
    let stripped = ty.strip();
    if is_long_double(ty) || (matches!(&**stripped, Type::Composite(_) | Type::Array { .. }) && size > 16) {
        return None;
    }
    let mut leaves = Vec::new();
    scalar_leaves(ty, 0, &mut leaves);
    let classes = (0..size.div_ceil(8))
        .map(|eightbyte| {
            let (low, high) = (eightbyte * 8, eightbyte * 8 + 8);
            let mut in_it =
                leaves.iter().filter(|(offset, _, _)| *offset >= low && *offset < high).peekable();
            let any = in_it.peek().is_some();
            if any && in_it.all(|(_, _, float)| *float) {
                Class::Sse
            } else {
                Class::Integer
            }
        })
        .collect();
    Some(classes)
}

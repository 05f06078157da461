//! `ptype` and `whatis` in a Rust frame, in Rust's syntax as gdb's rust-lang.c writes it:
//! `struct ra::Point {` / `  x: i32,` / `}` (fields indented by 2 per level, each with a
//! comma), tuple structs as `struct ra::Tuple (` / `  i64,` / `)`, enums with their variants'
//! shapes (`  Circle{r: f64},`, `  Square(u32),`, `  Empty,`), tuples and other named types by
//! name, pointers and references as `*mut T` (gdb cannot tell them apart), arrays as `[T; N]`,
//! functions as `fn (i32) -> i32`. `show` is gdb's: positive writes one more level of bodies,
//! zero or less writes a named type's name.

use crate::symbols::rust_types::VariantPart;
use crate::symbols::types::{Composite, CompositeKind, Type, TypeRef};

use super::rust_values::rust_type_name;

/// Deeper than this, a chain of types is taken to be damaged and written as `?`.
const MAX_DEPTH: usize = 64;

/// What `ptype` prints after `type = ` in a Rust frame.
pub fn rust_ptype_text(ty: &TypeRef) -> String {
    type_text(ty, 1, 0, false, 0)
}

/// What `whatis` prints after `type = ` in a Rust frame.
pub fn rust_whatis_text(ty: &TypeRef) -> String {
    type_text(ty, -1, 0, false, 0)
}

/// The name gdb keeps for a type (its `type->name ()`), None for the types it writes from
/// their parts: pointers (gdb drops rustc's names of them), arrays and functions.
fn name_of(ty: &TypeRef) -> Option<String> {
    match &**ty.strip() {
        Type::Base(_) | Type::Composite(_) | Type::Enum(_) | Type::Void => Some(rust_type_name(ty)),
        _ => None,
    }
}

/// gdb's rust_internal_print_type. `in_enum` is set for a variant's struct, whose fields gdb
/// writes on the variant's line.
fn type_text(ty: &TypeRef, show: i32, level: usize, in_enum: bool, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return "?".to_string();
    }
    if show <= 0 {
        if let Some(name) = name_of(ty) {
            return name;
        }
    }
    match &**ty.strip() {
        // Rust's unit; nothing after a variant's name.
        Type::Void if in_enum => String::new(),
        Type::Void => "()".to_string(),
        Type::Function(f) => {
            let params: Vec<String> =
                f.params.iter().map(|p| type_text(p, -1, 0, false, depth + 1)).collect();
            let mut out = format!("fn ({})", params.join(", "));
            // A function returning unit omits its return type.
            if !matches!(&**f.ret.strip(), Type::Void) {
                out.push_str(" -> ");
                out.push_str(&type_text(&f.ret, -1, 0, false, depth + 1));
            }
            out
        }
        Type::Array { element, count } => {
            format!("[{}; {}]", type_text(element, show - 1, level, false, depth + 1), count.unwrap_or(0))
        }
        Type::Pointer(target) | Type::Reference { target, .. } => {
            format!("*mut {}", type_text(target, 0, 0, false, depth + 1))
        }
        Type::Composite(c) => struct_text(ty, c, show, level, in_enum, depth),
        Type::Enum(e) => {
            let name = rust_type_name(ty);
            let indent = " ".repeat(level + 2);
            // gdb writes a C-like enum's variants without their values, and its closing brace
            // unindented.
            let lines: String = e.enumerators.iter().map(|(_, n)| format!("{indent}{n},\n")).collect();
            format!("enum {name} {{\n{lines}}}")
        }
        _ => rust_type_name(ty),
    }
}

/// The struct kinds gdb tells apart by their fields' names: a tuple struct's are `__0`, `__1`...
fn is_tuple_struct(c: &Composite) -> bool {
    let members = c.members();
    !members.is_empty()
        && members.iter().enumerate().all(|(i, m)| m.name.as_deref() == Some(format!("__{i}").as_str()))
}

/// gdb's rust_print_struct_def: a struct, union, tuple struct or enum with its body.
fn struct_text(ty: &TypeRef, c: &Composite, show: i32, level: usize, in_enum: bool, depth: usize) -> String {
    let name = rust_type_name(ty);
    // A tuple is written by its name, `(i32, bool)`, whatever `show` asks.
    if name.starts_with('(') {
        return name;
    }
    let variants = c.rust().and_then(|r| r.variants.as_ref());
    let mut out = String::new();
    if !in_enum {
        let keyword = match (variants, c.kind) {
            (Some(_), _) => "enum",
            (None, CompositeKind::Union) => "union",
            (None, _) => "struct",
        };
        out.push_str(&format!("{keyword} {name}"));
    }
    if let Some(part) = variants {
        return enum_body(out, part, show, level, depth);
    }
    let members = c.members();
    if members.is_empty() {
        return out;
    }
    let tuple = is_tuple_struct(c);
    let (open, close) = if tuple { ("(", ")") } else { ("{", "}") };
    let fields: Vec<String> = members
        .iter()
        .map(|m| {
            let ty = type_text(&m.ty, show - 1, level + 2, false, depth + 1);
            match (&m.name, tuple) {
                (Some(field), false) => format!("{field}: {ty}"),
                _ => ty,
            }
        })
        .collect();
    if in_enum {
        // A variant's fields follow its name on one line: `Circle{r: f64}`, `Square(u32)`.
        return format!("{out}{open}{}{close}", fields.join(", "));
    }
    let indent = " ".repeat(level + 2);
    let lines: String = fields.iter().map(|f| format!("{indent}{f},\n")).collect();
    format!("{out} {open}\n{lines}{}{close}", " ".repeat(level))
}

/// An enum's variants, one a line, each with its fields' shape.
fn enum_body(head: String, part: &VariantPart, show: i32, level: usize, depth: usize) -> String {
    if part.variants.is_empty() {
        return head;
    }
    let indent = " ".repeat(level + 2);
    let mut out = format!("{head} {{\n");
    for variant in &part.variants {
        let name = variant.member.name.as_deref().unwrap_or("");
        let shape = match &**variant.member.ty.strip() {
            Type::Composite(vc) => struct_text(&variant.member.ty, vc, show, level + 2, true, depth + 1),
            _ => type_text(&variant.member.ty, show, level + 2, true, depth + 1),
        };
        out.push_str(&format!("{indent}{name}{shape},\n"));
    }
    out.push_str(&" ".repeat(level));
    out.push('}');
    out
}

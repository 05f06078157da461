//! C's spelling of a type, as gdb writes it in `whatis`, in `(int *) 0x...` and around a variable
//! name in `ptype`'s members: a base name, then the declarator (`*`, `[N]`, `(params)`) wrapped in
//! parentheses where C's precedence needs them (`int (*)(int, int)`, `char (*)[16]`).

use crate::symbols::types::{CompositeKind, Type, TypeRef};

/// The C name of `ty` declaring `var` (empty for the bare type name).
pub fn type_name(ty: &TypeRef, var: &str) -> String {
    declare_with(ty, var, &mut base_name)
}

/// Like `type_name`, with the base type (a struct, union, enum, typedef or base type at the
/// bottom of the declarator) written by `base` (`ptype` writes struct bodies there).
pub fn declare_with(ty: &TypeRef, var: &str, base: &mut dyn FnMut(&TypeRef) -> String) -> String {
    let (base, declarator) = split(ty, var.to_string(), 0, base);
    if declarator.is_empty() {
        base
    } else {
        format!("{base} {declarator}")
    }
}

/// The name of a struct, union or enum without its body: `struct point`, `union {...}`.
pub fn tagged_name(kind: &str, name: Option<&str>) -> String {
    format!("{kind} {}", name.unwrap_or("{...}"))
}

/// The base type's name (everything left of the declarator) and the declarator.
fn split(
    ty: &TypeRef,
    inner: String,
    depth: u32,
    base: &mut dyn FnMut(&TypeRef) -> String,
) -> (String, String) {
    if depth > 64 {
        return ("?".to_string(), inner);
    }
    match &**ty {
        Type::Pointer(target) | Type::Reference { target, .. } => {
            let sigil = match &**ty {
                Type::Reference { rvalue: true, .. } => "&&",
                Type::Reference { .. } => "&",
                _ => "*",
            };
            let declarator = format!("{sigil}{inner}");
            // A pointer to an array or function needs parentheses, also through qualifiers
            // (`const int (*)[4]` points to a const-qualified array).
            let pointee = unqualified(target);
            let declarator = if matches!(&**pointee, Type::Array { .. } | Type::Function(_)) {
                format!("({declarator})")
            } else {
                declarator
            };
            split(target, declarator, depth + 1, base)
        }
        Type::Array { element, count } => {
            let bound = count.map_or(String::new(), |c| c.to_string());
            split(element, format!("{inner}[{bound}]"), depth + 1, base)
        }
        Type::Function(f) => {
            let mut params: Vec<String> = f.params.iter().map(|p| type_name(p, "")).collect();
            if f.varargs {
                params.push("...".to_string());
            }
            if params.is_empty() && f.prototyped {
                params.push("void".to_string());
            }
            split(&f.ret, format!("{inner}({})", params.join(", ")), depth + 1, base)
        }
        Type::Qualified { is_const, is_volatile, target } => {
            let words = [(*is_const, "const"), (*is_volatile, "volatile")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ");
            if matches!(&**target, Type::Pointer(_) | Type::Reference { .. }) {
                // `char * const p`: the qualifier belongs to the pointer, after its star.
                let inner = if inner.is_empty() { format!(" {words}") } else { format!(" {words} {inner}") };
                split(target, inner, depth + 1, base)
            } else {
                let (base, declarator) = split(target, inner, depth + 1, base);
                // A qualified array's qualifier is its elements' (C has no const arrays); when the
                // elements already carry it, gdb writes it once.
                if base.starts_with(&format!("{words} ")) {
                    (base, declarator)
                } else {
                    (format!("{words} {base}"), declarator)
                }
            }
        }
        _ => (base(ty), inner),
    }
}

/// The type under any const/volatile qualifiers.
fn unqualified(ty: &TypeRef) -> &TypeRef {
    match &**ty {
        Type::Qualified { target, .. } => unqualified(target),
        _ => ty,
    }
}

/// The plain name of a base type (no body).
fn base_name(ty: &TypeRef) -> String {
    match &**ty {
        Type::Typedef { name, .. } => name.clone(),
        // C++ names a class, struct, union or enum without its keyword.
        Type::Composite(c) if c.cplus().is_some() && c.name.is_some() => c.name.clone().unwrap_or_default(),
        Type::Enum(e) if e.cplus.is_some() && e.name.is_some() => e.name.clone().unwrap_or_default(),
        Type::Composite(c) => {
            let kind = match c.kind {
                CompositeKind::Struct => "struct",
                CompositeKind::Union => "union",
                CompositeKind::Class => "class",
            };
            tagged_name(kind, c.name.as_deref())
        }
        Type::Enum(e) => tagged_name("enum", e.name.as_deref()),
        Type::Base(b) => b.name.clone(),
        Type::Void => "void".to_string(),
        _ => "?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbols::types::FunctionType;
    use std::sync::Arc;

    fn int() -> TypeRef {
        Type::builtin("int").expect("int")
    }

    #[test]
    fn declarators() {
        let f = Arc::new(Type::Function(FunctionType {
            ret: int(),
            params: vec![int(), int()],
            prototyped: true,
            varargs: false,
        }));
        assert_eq!(type_name(&Type::pointer_to(f.clone()), ""), "int (*)(int, int)");
        let table = Arc::new(Type::Array { element: Type::pointer_to(f.clone()), count: Some(2) });
        assert_eq!(type_name(&table, ""), "int (*[2])(int, int)");
        let grid = Arc::new(Type::Array {
            element: Arc::new(Type::Array { element: int(), count: Some(3) }),
            count: Some(2),
        });
        assert_eq!(type_name(&grid, ""), "int [2][3]");
        assert_eq!(type_name(&Type::pointer_to(grid), ""), "int (*)[2][3]");
        let cc = Arc::new(Type::Qualified {
            is_const: true,
            is_volatile: false,
            target: Type::builtin("char").expect("char"),
        });
        assert_eq!(type_name(&Type::pointer_to(cc), "name"), "const char *name");
        assert_eq!(type_name(&f, ""), "int (int, int)");
    }
}

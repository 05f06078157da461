//! `ptype` and `whatis` text, gdb's way: `whatis` names a type (`struct point`, `int (*)(int, int)`);
//! `ptype` looks through the outer typedefs and writes struct, union and enum bodies, members
//! indented by 4 per level (`type = struct point {` / `    int x;` / `}`), bit fields as `: N`.

use crate::eval::{declare_with, type_name};
use crate::symbols::types::{Type, TypeRef};

/// What `whatis` prints after `type = `. For a type named by the user (not an expression), gdb
/// unrolls one typedef level.
pub fn whatis_text(ty: &TypeRef, named_type: bool) -> String {
    match (&**ty, named_type) {
        (Type::Typedef { target, .. }, true) => type_name(target, ""),
        _ => type_name(ty, ""),
    }
}

/// What `ptype` prints after `type = `.
pub fn ptype_text(ty: &TypeRef) -> String {
    declare(ty, "", 1, 0)
}

/// `ty` declaring `var`, with bodies written for `show > 0` (and for anonymous types always).
fn declare(ty: &TypeRef, var: &str, show: i32, level: usize) -> String {
    declare_with(ty, var, &mut |base| base_text(base, show, level))
}

pub(super) fn base_text(ty: &TypeRef, show: i32, level: usize) -> String {
    match &**ty {
        Type::Typedef { name, target } => {
            if show > 0 {
                // gdb's ptype shows what a typedef at the top stands for, body included.
                declare(target, "", show, level)
            } else {
                name.clone()
            }
        }
        Type::Composite(c) if c.cplus().is_some() => match c.cplus() {
            // A named C++ class inside another type is named without its keyword.
            Some(_) if show <= 0 && c.name.is_some() => c.name.clone().unwrap_or_default(),
            Some(facts) => super::cplus_type_text::class_text(c, facts, show, level),
            None => String::new(),
        },
        Type::Composite(c) => {
            let head = format!("{} {}", c.kind.keyword(), c.name.as_deref().unwrap_or(""));
            let head = head.trim_end().to_string();
            if show <= 0 && c.name.is_some() {
                return head;
            }
            let indent = "    ".repeat(level + 1);
            let mut out = format!("{head} {{\n");
            for m in c.members() {
                let mut line = declare(&m.ty, m.name.as_deref().unwrap_or(""), show - 1, level + 1);
                if let Some((_, width)) = m.bits {
                    line.push_str(&format!(" : {width}"));
                }
                out.push_str(&format!("{indent}{line};\n"));
            }
            if c.members().is_empty() && c.size == 0 {
                out = format!("{head} {{\n{indent}<incomplete type>\n");
            }
            out.push_str(&"    ".repeat(level));
            out.push('}');
            out
        }
        Type::Enum(e) if e.cplus.is_some() && show <= 0 && e.name.is_some() => {
            e.name.clone().unwrap_or_default()
        }
        Type::Enum(e) => {
            // C++: `enum class geo::Color : int {...}`, the underlying type after the name.
            let class = match &e.cplus {
                Some(facts) if facts.is_enum_class => "class ",
                _ => "",
            };
            let head = format!("enum {class}{}", e.name.as_deref().unwrap_or(""));
            let head = match e.cplus.as_ref().and_then(|f| f.underlying.as_deref()) {
                Some(underlying) if show > 0 => format!("{} : {underlying}", head.trim_end()),
                _ => head,
            };
            let head = head.trim_end().to_string();
            if show <= 0 && e.name.is_some() {
                return head;
            }
            let mut next = 0i64;
            let items: Vec<String> = e
                .enumerators
                .iter()
                .map(|(value, name)| {
                    let text = if *value == next { name.clone() } else { format!("{name} = {value}") };
                    next = value.wrapping_add(1);
                    text
                })
                .collect();
            format!("{head} {{{}}}", items.join(", "))
        }
        _ => type_name(ty, ""),
    }
}

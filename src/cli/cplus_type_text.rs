//! `ptype` of a C++ class, laid out as gdb's c_type_print_base_struct_union does: the head with
//! `[with T = int]` and `: public Base`, fields without the artificial ones (`_vptr.Shape`),
//! access labels where a member's access is not the kind's default, a blank line before the
//! methods when fields had a label, then the methods grouped by name (artificial ones hidden).
//! Inside a template, types that are template arguments are written by their parameter name.

use std::sync::Arc;

use crate::eval::{declare_with, type_name};
use crate::symbols::cplus_types::{Access, CplusComposite, FieldKind, Method};
use crate::symbols::types::{Composite, CompositeKind, TypeRef};

/// The head and body of class `c` (`class geo::Square : public geo::Shape {` ... `}`).
pub(super) fn class_text(c: &Composite, facts: &CplusComposite, show: i32, level: usize) -> String {
    let name = c.name.as_deref().unwrap_or("");
    let mut out = format!("{} {name}", c.kind.keyword()).trim_end().to_string();
    if show <= 0 && !name.is_empty() {
        return out;
    }
    out.push(' ');
    if !facts.template_args.is_empty() {
        let args: Vec<String> =
            facts.template_args.iter().map(|(n, ty)| format!("{n} = {}", type_name(ty, ""))).collect();
        out.push_str(&format!("[with {}] ", args.join(", ")));
    }
    for (i, base) in facts.bases.iter().enumerate() {
        out.push_str(if i == 0 { ": " } else { ", " });
        let virt = if base.is_virtual { " virtual" } else { "" };
        out.push_str(&format!("{}{virt} {}", base.access.label(), type_name(&base.ty, "")));
    }
    if !facts.bases.is_empty() {
        out.push(' ');
    }
    out.push_str("{\n");
    let indent = "    ".repeat(level + 1);
    let members = c.members();
    if facts.fields.is_empty() && facts.methods.is_empty() {
        out.push_str(&format!("{indent}<no data fields>\n"));
    }
    let need_labels = need_access_label(c.kind, facts);
    let mut section: Option<Access> = None;
    let subst = |ty: &TypeRef, var: &str| -> String {
        declare_with(ty, var, &mut |base| match template_name(facts, base) {
            Some(param) => param,
            None => super::type_text::base_text(base, show - 1, level + 1),
        })
    };
    for field in facts.fields.iter().filter(|f| !f.artificial) {
        if need_labels {
            access_label(&mut out, &mut section, field.access, level);
        }
        let line = match &field.kind {
            FieldKind::Data(index) => {
                let Some(m) = members.get(*index) else { continue };
                let mut line = subst(&m.ty, m.name.as_deref().unwrap_or(""));
                if let Some((_, width)) = m.bits {
                    line.push_str(&format!(" : {width}"));
                }
                line
            }
            FieldKind::Static { name, ty, .. } => format!("static {}", subst(ty, name)),
        };
        out.push_str(&format!("{indent}{line};\n"));
    }
    let shown: Vec<&Method> = grouped(&facts.methods).into_iter().filter(|m| !m.artificial).collect();
    if !shown.is_empty() && section.is_some() {
        out.push('\n');
    }
    for method in shown {
        // gdb labels methods whether or not the fields needed labels.
        access_label(&mut out, &mut section, method.access, level);
        let mut line = String::new();
        if method.is_virtual {
            line.push_str("virtual ");
        }
        if let Some(ret) = &method.ret {
            line.push_str(&subst(ret, ""));
            line.push(' ');
        }
        let params: Vec<String> = method.params.iter().map(|p| subst(p, "")).collect();
        let params = if params.is_empty() { "void".to_string() } else { params.join(", ") };
        line.push_str(&format!("{}({params})", method.name));
        if method.is_const {
            line.push_str(" const");
        }
        out.push_str(&format!("{indent}{line};\n"));
    }
    out.push_str(&"    ".repeat(level));
    out.push('}');
    out
}

/// The template parameter that `ty` is an argument for, if any.
fn template_name(facts: &CplusComposite, ty: &TypeRef) -> Option<String> {
    facts.template_args.iter().find(|(_, arg)| Arc::ptr_eq(arg, ty)).map(|(name, _)| name.clone())
}

/// Methods in gdb's order: overloads grouped under the first appearance of their name.
fn grouped(methods: &[Method]) -> Vec<&Method> {
    let mut names: Vec<&str> = Vec::new();
    for m in methods {
        if !names.contains(&m.name.as_str()) {
            names.push(&m.name);
        }
    }
    names.iter().flat_map(|n| methods.iter().filter(move |m| m.name == *n)).collect()
}

/// gdb's need_access_label_p: a class needs labels when anything (artificial members and
/// methods included) is not private; a struct or union when anything is not public.
fn need_access_label(kind: CompositeKind, facts: &CplusComposite) -> bool {
    let default = if kind == CompositeKind::Class { Access::Private } else { Access::Public };
    let differs = |a: Access| match default {
        Access::Private => a != Access::Private,
        _ => a != Access::Public,
    };
    facts.fields.iter().any(|f| differs(f.access)) || facts.methods.iter().any(|m| differs(m.access))
}

/// Writes `  public:` and the like when the section changes.
fn access_label(out: &mut String, section: &mut Option<Access>, access: Access, level: usize) {
    if *section != Some(access) {
        out.push_str(&format!("{}  {}:\n", "    ".repeat(level), access.label()));
        *section = Some(access);
    }
}

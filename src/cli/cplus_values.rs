//! C++ class values as gdb prints them (cp-valprint.c): base classes first, each as
//! `<geo::Shape> = {...}` (a virtual base once, where gdb shows it, located through the vtable),
//! then the fields in declaration order, static members among them as
//! `static count = 1` (read from where the static lives), and `<No data fields>` for a class
//! with none.

use std::sync::Arc;

use crate::symbols::cplus_types::{BaseClass, FieldKind};
use crate::symbols::types::{Composite, Type, TypeRef};

use super::value_text::{indent, Printer};

/// Classes nested deeper than this (through bases and members) print as `...`, against loops in
/// damaged debug info.
const MAX_NESTING: usize = 32;

/// The complete object a class value prints from: a virtual base may lie anywhere in it (or, for
/// an object reached through a base pointer, outside the bytes read, in memory).
struct Whole<'b> {
    bytes: &'b [u8],
    addr: Option<u64>,
}

impl Printer<'_> {
    /// The `{...}` text of a C++ class value held in `bytes` (at `addr` when in memory).
    pub(super) fn cplus_composite(
        &mut self,
        c: &Composite,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        // Virtual bases already printed, as gdb's dont_print_vb: one list per complete object.
        let mut printed = Vec::new();
        self.cplus_fields(c, &Whole { bytes, addr }, 0, &mut printed, 0)
    }

    /// The fields of the subobject of class `c` at offset `at` of `whole`.
    fn cplus_fields(
        &mut self,
        c: &Composite,
        whole: &Whole,
        at: u64,
        printed: &mut Vec<TypeRef>,
        nesting: usize,
    ) -> Result<String, String> {
        let Some(facts) = c.cplus() else { return Ok("{...}".to_string()) };
        if nesting > MAX_NESTING {
            return Ok("{...}".to_string());
        }
        // Bases first, each `<Name> = {...}, ` (gdb leaves the separator after the last one too),
        // each a level deeper, on a line of its own under `print pretty`.
        let mut out = String::from("{");
        for base in &facts.bases {
            if base.is_virtual {
                // A virtual base is shared: shown once, under the first path that reaches it.
                if printed.iter().any(|p| Arc::ptr_eq(p.strip(), base.ty.strip())) {
                    continue;
                }
                printed.push(base.ty.clone());
            }
            let text = self.nested(|printer| printer.base_text(base, whole, at, printed, nesting))?;
            if self.limits.pretty {
                out.push('\n');
                out.push_str(&indent(self.depth + 1));
            }
            out.push_str(&format!("<{}> = {text}, ", crate::eval::type_name(&base.ty, "")));
        }
        let bytes = whole.bytes.get(usize::try_from(at).unwrap_or(usize::MAX)..).unwrap_or(&[]);
        let addr = whole.addr.map(|a| a.wrapping_add(at));
        let members = c.members();
        let mut fields = Vec::new();
        for field in &facts.fields {
            match &field.kind {
                FieldKind::Data(index) => {
                    let Some(m) = members.get(*index) else { continue };
                    let text = self.member_text(m, bytes, addr)?;
                    fields.push(match &m.name {
                        Some(name) => format!("{name} = {text}"),
                        None => text,
                    });
                }
                FieldKind::Static { name, ty, linkage } => {
                    let text = self.nested(|printer| printer.static_member(ty, linkage.as_deref()));
                    fields.push(format!("static {name} = {text}"));
                }
            }
        }
        if fields.is_empty() {
            out.push_str("<No data fields>}");
            return Ok(out);
        }
        if !self.limits.pretty {
            out.push_str(&fields.join(", "));
            out.push('}');
            return Ok(out);
        }
        // Under `print pretty` a class with bases heads its own fields with its name.
        if !facts.bases.is_empty() {
            out.push('\n');
            out.push_str(&indent(self.depth + 1));
            out.push_str(&format!("members of {}:", c.name.as_deref().unwrap_or("")));
        }
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('\n');
            out.push_str(&indent(self.depth + 1));
            out.push_str(field);
        }
        out.push('\n');
        out.push_str(&indent(self.depth));
        out.push('}');
        Ok(out)
    }

    /// The text of base `base` of the subobject at `at`: from the whole object's bytes when it
    /// lies inside them, else read from memory; gdb's `<invalid address>` when a virtual base
    /// cannot be located or read.
    fn base_text(
        &mut self,
        base: &BaseClass,
        whole: &Whole,
        at: u64,
        printed: &mut Vec<TypeRef>,
        nesting: usize,
    ) -> Result<String, String> {
        // As in gdb, an object that is not in memory is taken to be at 0, where its vptr
        // cannot be read: its virtual bases show as `<invalid address>`.
        let start = whole.addr.unwrap_or(0);
        let mut read = |addr: u64, buf: &mut [u8]| self.mem.read(addr, buf);
        let Ok(base_addr) = base.locate(start.wrapping_add(at), &mut read) else {
            return Ok("<invalid address>".to_string());
        };
        let offset = base_addr.wrapping_sub(start);
        let size = base.ty.size();
        let inside = offset.checked_add(size).is_some_and(|end| end <= whole.bytes.len() as u64);
        let Type::Composite(b) = &**base.ty.strip() else {
            return Ok("{...}".to_string());
        };
        if inside {
            return self.cplus_fields(b, whole, offset, printed, nesting + 1);
        }
        let Some(_) = whole.addr else { return Ok("<invalid address>".to_string()) };
        let mut buf = vec![0u8; usize::try_from(size).unwrap_or(0).min(1 << 20)];
        if self.mem.read(base_addr, &mut buf).is_err() {
            return Ok("<invalid address>".to_string());
        }
        self.cplus_fields(b, &Whole { bytes: &buf, addr: Some(base_addr) }, 0, printed, nesting + 1)
    }

    /// A static member's value, read at its symbol; gdb's `<optimized out>` when it has none.
    fn static_member(&mut self, ty: &TypeRef, linkage: Option<&str>) -> String {
        let Some(at) = linkage.and_then(|name| self.syms.symbol_address(name)) else {
            return "<optimized out>".to_string();
        };
        let size = usize::try_from(ty.size()).unwrap_or(0).min(65536);
        let mut buf = vec![0u8; size];
        if let Err(bad) = self.mem.read(at, &mut buf) {
            return format!("<error: Cannot access memory at address {bad:#x}>");
        }
        // A static of the class's own type would print itself forever; gdb cuts such loops
        // with its own marker, which rdbg leaves to the nesting limit.
        self.bytes_of(ty, &buf, Some(at)).unwrap_or_else(|e| format!("<error: {e}>"))
    }
}

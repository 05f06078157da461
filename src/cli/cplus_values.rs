//! C++ class values as gdb prints them (cp-valprint.c): base classes first, each as
//! `<geo::Shape> = {...}`, then the fields in declaration order, static members among them as
//! `static count = 1` (read from where the static lives), and `<No data fields>` for a class
//! with none.

use crate::symbols::cplus_types::FieldKind;
use crate::symbols::types::{Composite, Type, TypeRef};

use super::value_text::Printer;

/// Classes nested deeper than this (through bases and members) print as `...`, against loops in
/// damaged debug info.
const MAX_NESTING: usize = 32;

impl Printer<'_> {
    /// The `{...}` text of a C++ class value held in `bytes` (at `addr` when in memory).
    pub(super) fn cplus_composite(
        &mut self,
        c: &Composite,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        self.cplus_fields(c, bytes, addr, 0)
    }

    fn cplus_fields(
        &mut self,
        c: &Composite,
        bytes: &[u8],
        addr: Option<u64>,
        nesting: usize,
    ) -> Result<String, String> {
        let Some(facts) = c.cplus() else { return Ok("{...}".to_string()) };
        if nesting > MAX_NESTING {
            return Ok("{...}".to_string());
        }
        let mut parts = Vec::new();
        for base in &facts.bases {
            let start = usize::try_from(base.offset).unwrap_or(usize::MAX);
            let end = start.saturating_add(usize::try_from(base.ty.size()).unwrap_or(0));
            let slice = bytes.get(start..end).unwrap_or(&[]);
            let base_addr = addr.map(|a| a + base.offset);
            let text = match &**base.ty.strip() {
                Type::Composite(b) => self.cplus_fields(b, slice, base_addr, nesting + 1)?,
                _ => self.value_bytes(&base.ty, slice, base_addr)?,
            };
            parts.push(format!("<{}> = {text}", crate::eval::type_name(&base.ty, "")));
        }
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
                    let text = self.static_member(ty, linkage.as_deref());
                    fields.push(format!("static {name} = {text}"));
                }
            }
        }
        if fields.is_empty() {
            fields.push("<No data fields>".to_string());
        }
        parts.extend(fields);
        Ok(format!("{{{}}}", parts.join(", ")))
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
        self.value_bytes(ty, &buf, Some(at)).unwrap_or_else(|e| format!("<error: {e}>"))
    }
}

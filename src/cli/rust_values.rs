//! Rust values as rust-gdb prints them in a Rust frame: gdb's own Rust syntax for structs
//! (`rsvalues::Point {x: 3, y: -4}`), tuples (`(7, true)`), tuple structs (`Tuple (9, -10)`),
//! enums (`core::option::Option<i32>::Some(5)`, `Shape::Circle{r: 1.5}`), arrays (`[1, 2]`),
//! `char` and `&str`; and the std printers rustc ships for gdb (gdb_providers.py), found as they
//! find them, by the type's path: `Vec(size=3) = {1, 2, 3}`, `"text"` for String,
//! `&[i32](size=2) = {2, 3}`, `Rc(strong=1, weak=0) = {value = .., strong = .., weak = ..}`,
//! `HashMap(size=1) = {[1] = "a"}`. A printer whose fields are not where it expects falls back to
//! the raw structure, as `print/r` shows it.

use crate::eval::le_u64;
use crate::symbols::types::{Composite, Encoding, Member, Type, TypeRef};

use super::format::string_literal;
use super::value_text::{indent, Printer};

/// Deeper than this a printer stops following fields (a damaged or unexpected layout).
const MAX_FIELD_DEPTH: usize = 16;

/// A printer's children and how gdb lays them out (the printer's display hint). Array and map
/// children are read only as far as `print elements` lets gdb show them; `total` counts them all
/// as gdb's iteration does (a map's keys and values separately).
enum Children {
    /// Not read, for a frame line (gdb's summary mode): `{...}` when there are any.
    Elided(bool),
    /// `{v, v}` (hint "array").
    Array { items: Vec<String>, total: u64 },
    /// `{[k] = v}` (hint "map"): keys and values alternating.
    Map { items: Vec<String>, total: u64 },
    /// `{name = v}` (no hint).
    Named(Vec<(&'static str, String)>),
}

/// Gdb's Rust name of a type: paths for structs and enums, `*mut T` for pointers (gdb ignores
/// rustc's names of pointer types), `[T; N]` for arrays.
pub fn rust_type_name(ty: &TypeRef) -> String {
    match &**ty.strip() {
        Type::Base(b) => b.name.clone(),
        Type::Pointer(t) | Type::Reference { target: t, .. } => format!("*mut {}", rust_type_name(t)),
        Type::Array { element, count } => format!("[{}; {}]", rust_type_name(element), count.unwrap_or(0)),
        Type::Composite(c) => composite_name(c),
        Type::Enum(e) => e.rust_path.clone().or_else(|| e.name.clone()).unwrap_or_default(),
        Type::Void => "()".to_string(),
        _ => crate::eval::type_name(ty, ""),
    }
}

fn composite_name(c: &Composite) -> String {
    c.rust().and_then(|r| r.path.clone()).or_else(|| c.name.clone()).unwrap_or_default()
}

fn member<'c>(c: &'c Composite, name: &str) -> Option<&'c Member> {
    c.members().iter().find(|m| m.name.as_deref() == Some(name))
}

/// The bytes of member `m` within its struct's `bytes`.
fn member_bytes<'b>(m: &Member, bytes: &'b [u8]) -> &'b [u8] {
    let start = usize::try_from(m.offset).unwrap_or(usize::MAX);
    let end = start.saturating_add(usize::try_from(m.ty.size()).unwrap_or(0));
    bytes.get(start..end).unwrap_or(&[])
}

/// Follows a chain of member names from a struct value.
fn field_path(ty: &TypeRef, bytes: &[u8], path: &[&str]) -> Option<(TypeRef, Vec<u8>)> {
    let mut ty = ty.clone();
    let mut bytes = bytes.to_vec();
    for name in path {
        let Type::Composite(c) = &**ty.strip() else { return None };
        let m = member(c, name)?;
        bytes = member_bytes(m, &bytes).to_vec();
        ty = m.ty.clone();
    }
    Some((ty, bytes))
}

/// rustc's `Unique<T>`/`NonNull<T>` wrappers down to the pointer inside (gdb_providers'
/// `unwrap_unique_or_non_null`): the pointer and the type it points at.
fn unwrap_pointer(ty: &TypeRef, bytes: &[u8]) -> Option<(u64, TypeRef)> {
    let mut ty = ty.clone();
    let mut bytes = bytes.to_vec();
    for _ in 0..MAX_FIELD_DEPTH {
        match &**ty.strip() {
            Type::Pointer(target) => return Some((le_u64(&bytes), target.clone())),
            Type::Composite(c) => {
                let m = c.members().first()?;
                bytes = member_bytes(m, &bytes).to_vec();
                ty = m.ty.clone();
            }
            _ => return None,
        }
    }
    None
}

fn integer(ty: &TypeRef, bytes: &[u8]) -> Option<u64> {
    ty.is_integral().then(|| le_u64(bytes))
}

impl Printer<'_> {
    /// Rust's text for a value, or None where Rust prints as C does (numbers, pointers, floats).
    pub(super) fn rust_bytes_of(
        &mut self,
        ty: &TypeRef,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Option<Result<String, String>> {
        let stripped = ty.strip().clone();
        match &*stripped {
            Type::Base(b) if b.encoding == Encoding::Utf && self.format.is_none() => {
                let value = le_u64(bytes) as u32;
                Some(Ok(format!("{value} {}", rust_char_literal(value))))
            }
            Type::Enum(e) if self.format.is_none() => {
                let value = crate::eval::Object::computed(ty.clone(), bytes.to_vec()).as_i128();
                let name = e.enumerators.iter().find(|(v, _)| i128::from(*v) == value).map(|(_, n)| n)?;
                let path = e.rust_path.clone().or_else(|| e.name.clone()).unwrap_or_default();
                Some(Ok(format!("{path}::{name}")))
            }
            Type::Array { element, count } if !element.is_char() => {
                let text = match self.array(element, count.unwrap_or(0), bytes, addr) {
                    Ok(text) => text,
                    Err(e) => return Some(Err(e)),
                };
                // The C printer's braces become Rust's brackets.
                let inner = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(&text);
                Some(Ok(format!("[{inner}]")))
            }
            Type::Composite(c) if c.rust().is_some() => Some(self.rust_composite(ty, c, bytes, addr)),
            _ => None,
        }
    }

    /// A Rust argument as a frame line shows it (gdb's `print frame-arguments scalars`, whose
    /// summary mode prints scalars whole, a std printer's text with `{...}` for its children,
    /// strings whole, and other aggregates as `...`).
    /// gdb prints frame arguments without `print pretty`, so they stay on the frame's line.
    pub(super) fn rust_summary(&mut self, ty: &TypeRef, bytes: &[u8]) -> String {
        let was = (
            std::mem::replace(&mut self.summary, true),
            std::mem::replace(&mut self.rust, true),
            std::mem::replace(&mut self.limits.pretty, false),
        );
        let text = self.summary_text(ty, bytes);
        (self.summary, self.rust, self.limits.pretty) = was;
        text
    }

    fn summary_text(&mut self, ty: &TypeRef, bytes: &[u8]) -> String {
        let stripped = ty.strip().clone();
        let text = match &*stripped {
            Type::Base(_) | Type::Enum(_) => self.bytes_of(ty, bytes, None),
            Type::Composite(c) if c.rust().is_some() => {
                let name = composite_name(c);
                let string =
                    if name == "&str" || name == "&mut str" { self.str_slice(ty, bytes) } else { None };
                match string {
                    Some(text) => Ok(text),
                    None => {
                        self.std_printer(&name, ty, c, bytes).map(|t| t.unwrap_or_else(|| "...".to_string()))
                    }
                }
            }
            _ => Ok("...".to_string()),
        };
        text.unwrap_or_else(|e| format!("<error: {e}>"))
    }

    fn rust_composite(
        &mut self,
        ty: &TypeRef,
        c: &Composite,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        let name = composite_name(c);
        if name == "&str" || name == "&mut str" {
            if let Some(text) = self.str_slice(ty, bytes) {
                return Ok(text);
            }
        }
        if !self.raw {
            if let Some(text) = self.std_printer(&name, ty, c, bytes)? {
                return Ok(text);
            }
        }
        if let Some(variants) = c.rust().and_then(|r| r.variants.as_ref()) {
            let discr = variants.discr.as_ref().and_then(|d| integer(&d.ty, member_bytes(d, bytes)));
            let Some(variant) = variants.select(discr) else { return Ok(name) };
            let Type::Composite(vc) = &**variant.member.ty.strip() else { return Ok(name) };
            let vbytes =
                bytes.get(usize::try_from(variant.member.offset).unwrap_or(usize::MAX)..).unwrap_or(&[]);
            let vaddr = addr.map(|a| a + variant.member.offset);
            // gdb writes a variant's fields right after its name: `Some(5)`, `Circle{r: 1.5}`,
            // on one line even under `print pretty` (rust_print_enum).
            let opens = ("(", "{");
            return self.rust_fields(&composite_name(vc), vc, vbytes, vaddr, opens, false);
        }
        let pretty = self.limits.pretty;
        if name.starts_with('(') {
            let text = self.rust_fields("", c, bytes, addr, ("(", "("), pretty)?;
            return Ok(text);
        }
        self.rust_fields(&name, c, bytes, addr, (" (", " {"), pretty)
    }

    /// `NAME{f: v}` / `NAME(v, w)` / `NAME`; `opens` are a tuple's (fields `__0`, `__1`, ...)
    /// and a struct's opening brackets; `pretty` puts each field on its own line.
    fn rust_fields(
        &mut self,
        name: &str,
        c: &Composite,
        bytes: &[u8],
        addr: Option<u64>,
        (tuple_open, struct_open): (&str, &str),
        pretty: bool,
    ) -> Result<String, String> {
        let members = c.members();
        if members.is_empty() {
            return Ok(name.to_string());
        }
        let is_tuple = members.iter().all(|m| {
            m.name.as_deref().and_then(|n| n.strip_prefix("__")).is_some_and(|d| d.parse::<u32>().is_ok())
        });
        let mut parts = Vec::new();
        for m in members {
            let text = self.rust_value(&m.ty, member_bytes(m, bytes), addr.map(|a| a + m.offset))?;
            parts.push(match (&m.name, is_tuple) {
                (Some(field), false) => format!("{field}: {text}"),
                _ => text,
            });
        }
        let (open, close) = if is_tuple { (tuple_open, ")") } else { (struct_open, "}") };
        if pretty {
            return Ok(format!("{name}{}", self.braced(open, &parts, close)));
        }
        Ok(format!("{name}{open}{}{close}", parts.join(", ")))
    }

    /// A member's or element's text (the Rust rules where they apply, else C's), a level deeper
    /// than the value holding it.
    fn rust_value(&mut self, ty: &TypeRef, bytes: &[u8], addr: Option<u64>) -> Result<String, String> {
        self.nested(|printer| printer.bytes_of(ty, bytes, addr))
    }

    /// `&str`: gdb's Rust support shows the characters (`"hello"`).
    fn str_slice(&mut self, ty: &TypeRef, bytes: &[u8]) -> Option<String> {
        let (_, ptr) = field_path(ty, bytes, &["data_ptr"])?;
        let (_, len) = field_path(ty, bytes, &["length"])?;
        Some(self.utf8_string(le_u64(&ptr), le_u64(&len)))
    }

    /// `len` bytes at `addr` as a string literal, cut at `print elements`.
    fn utf8_string(&mut self, addr: u64, len: u64) -> String {
        let limit = self.limits.elements.unwrap_or(usize::MAX) as u64;
        let shown = len.min(limit).min(1 << 20);
        let mut buf = vec![0u8; usize::try_from(shown).unwrap_or(0)];
        if let Err(bad) = self.mem.read(addr, &mut buf) {
            return format!("<error: Cannot access memory at address {bad:#x}>");
        }
        let units: Vec<u32> = buf.iter().map(|b| u32::from(*b)).collect();
        string_literal(&units, 1, shown < len)
    }

    /// The std printer for a type path, as gdb_lookup.py picks it; Ok(None) when none applies or
    /// the layout is not the one the printer knows.
    fn std_printer(
        &mut self,
        name: &str,
        ty: &TypeRef,
        c: &Composite,
        bytes: &[u8],
    ) -> Result<Option<String>, String> {
        let in_crate = |krate: &str, leaf: &str| std_path(name, krate, leaf);
        let (head, children) = if in_crate("alloc::", "String") {
            let Some((_, len)) = field_path(ty, bytes, &["vec", "len"]) else { return Ok(None) };
            let Some((pty, pbytes)) = field_path(ty, bytes, &["vec", "buf", "inner", "ptr"]) else {
                return Ok(None);
            };
            let Some((ptr, _)) = unwrap_pointer(&pty, &pbytes) else { return Ok(None) };
            if !within_capacity(ty, bytes, &["vec", "buf", "inner", "cap"], le_u64(&len)) {
                return Ok(None);
            }
            return Ok(Some(self.utf8_string(ptr, le_u64(&len))));
        } else if (name.starts_with("&[") || name.starts_with("&mut [")) && name.ends_with(']') {
            let (Some((pty, pbytes)), Some((_, len))) =
                (field_path(ty, bytes, &["data_ptr"]), field_path(ty, bytes, &["length"]))
            else {
                return Ok(None);
            };
            let Some((ptr, element)) = unwrap_pointer(&pty, &pbytes) else { return Ok(None) };
            let len = le_u64(&len);
            (format!("{name}(size={len})"), self.element_children(ptr, &element, len)?)
        } else if in_crate("alloc::", "Vec<") {
            let Some((_, len)) = field_path(ty, bytes, &["len"]) else { return Ok(None) };
            let Some((pty, pbytes)) = field_path(ty, bytes, &["buf", "inner", "ptr"]) else {
                return Ok(None);
            };
            let Some((ptr, _)) = unwrap_pointer(&pty, &pbytes) else { return Ok(None) };
            let Some(element) = c.rust().and_then(|r| r.type_args.first()).cloned() else { return Ok(None) };
            let len = le_u64(&len);
            if !within_capacity(ty, bytes, &["buf", "inner", "cap"], len) {
                return Ok(None);
            }
            (format!("Vec(size={len})"), self.element_children(ptr, &element, len)?)
        } else if in_crate("alloc::", "Rc<") || in_crate("alloc::", "Arc<") {
            let atomic = in_crate("alloc::", "Arc<");
            match self.rc(ty, bytes, atomic)? {
                Some(found) => found,
                None => return Ok(None),
            }
        } else if in_crate("std::collections::", "HashMap<") {
            match self.hash_map(ty, bytes)? {
                Some(found) => found,
                None => return Ok(None),
            }
        } else {
            return Ok(None);
        };
        Ok(Some(self.with_children(head, children)))
    }

    /// A slice's or Vec's elements as children: read, or only counted in a frame line.
    fn element_children(&mut self, addr: u64, element: &TypeRef, count: u64) -> Result<Children, String> {
        if self.summary {
            return Ok(Children::Elided(count > 0));
        }
        Ok(Children::Array { items: self.elements(addr, element, count)?, total: count })
    }

    /// The first `count` elements of type `element` from `addr` that `print elements` shows.
    fn elements(&mut self, addr: u64, element: &TypeRef, count: u64) -> Result<Vec<String>, String> {
        let size = element.size();
        let mut out = Vec::new();
        for i in 0..count.min(self.child_limit()) {
            let at = addr.wrapping_add(i.wrapping_mul(size));
            let mut buf = vec![0u8; usize::try_from(size).unwrap_or(0).min(1 << 20)];
            if self.mem.read(at, &mut buf).is_err() {
                out.push("inaccessible".to_string());
                break;
            }
            out.push(self.rust_value(element, &buf, Some(at))?);
        }
        Ok(out)
    }

    /// How many children gdb shows: `print elements`, counted over every child it iterates.
    fn child_limit(&self) -> u64 {
        self.limits.elements.map_or(u64::MAX, |n| n as u64)
    }

    /// gdb's layout of a pretty-printer's text and children (py-prettyprint.c print_children):
    /// `HEAD = {c, c}`, `[k] = v` for a map and `name = v` without a hint, the children one per
    /// line under `print pretty` except an array's. Children stop at `print elements`, with
    /// `...` whenever the limit was reached, even by the last child (gdb does not look further).
    fn with_children(&self, head: String, children: Children) -> String {
        // The children as gdb writes them: a map's keys as `[k] = `, named ones as `name = v`.
        let (items, total, map, array): (Vec<String>, u64, bool, bool) = match children {
            Children::Elided(false) => return head,
            Children::Elided(true) => return format!("{head} = {{...}}"),
            Children::Array { items, total } => (items, total, false, true),
            Children::Map { items, total } => {
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| if i % 2 == 0 { format!("[{text}] = ") } else { text })
                    .collect();
                (items, total, true, false)
            }
            Children::Named(items) => {
                let total = items.len() as u64;
                (items.into_iter().map(|(name, v)| format!("{name} = {v}")).collect(), total, false, false)
            }
        };
        let limit = self.child_limit();
        let shown = usize::try_from(limit).unwrap_or(usize::MAX).min(items.len());
        if shown == 0 {
            return head;
        }
        let pretty = self.limits.pretty && !array;
        let inner = indent(self.depth + 1);
        let mut out = format!("{head} = {{");
        for (i, item) in items.iter().take(shown).enumerate() {
            // A map's entry is a key and a value: separators and lines go before keys only.
            if !map || i % 2 == 0 {
                if i > 0 {
                    out.push_str(if pretty { "," } else { ", " });
                }
                if pretty {
                    out.push('\n');
                    out.push_str(&inner);
                }
            }
            out.push_str(item);
        }
        if total >= limit {
            if pretty {
                out.push('\n');
                out.push_str(&inner);
            }
            out.push_str("...");
        }
        if pretty {
            out.push('\n');
            out.push_str(&indent(self.depth));
        }
        out.push('}');
        out
    }

    /// Reads the `T` a pointer points at.
    fn deref(&mut self, addr: u64, target: &TypeRef) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; usize::try_from(target.size()).ok()?.min(1 << 20)];
        self.mem.read(addr, &mut buf).ok()?;
        Some(buf)
    }

    /// Rc/Arc: the shared box's strong and weak counts and value.
    fn rc(&mut self, ty: &TypeRef, bytes: &[u8], atomic: bool) -> Result<Option<(String, Children)>, String> {
        let Some((pty, pbytes)) = field_path(ty, bytes, &["ptr"]) else { return Ok(None) };
        let Some((ptr, inner_ty)) = unwrap_pointer(&pty, &pbytes) else { return Ok(None) };
        let Some(inner) = self.deref(ptr, &inner_ty) else { return Ok(None) };
        let (value_field, count_field) = if atomic { ("data", "v") } else { ("value", "value") };
        let count = |field: &str| field_path(&inner_ty, &inner, &[field, count_field, "value"]);
        let (Some((vty, vbytes)), Some((sty, sbytes)), Some((_, wbytes))) =
            (field_path(&inner_ty, &inner, &[value_field]), count("strong"), count("weak"))
        else {
            return Ok(None);
        };
        let value_offset = match &**inner_ty.strip() {
            Type::Composite(ic) => member(ic, value_field).map_or(0, |m| m.offset),
            _ => 0,
        };
        let strong = le_u64(&sbytes);
        let weak = le_u64(&wbytes).wrapping_sub(1) as i64;
        let head = format!("{}(strong={strong}, weak={weak})", if atomic { "Arc" } else { "Rc" });
        if self.summary {
            return Ok(Some((head, Children::Elided(true))));
        }
        let value = self.rust_value(&vty, &vbytes, Some(ptr + value_offset))?;
        let strong_text = self.rust_value(&sty, &sbytes, None)?;
        Ok(Some((
            head,
            Children::Named(vec![("value", value), ("strong", strong_text), ("weak", weak.to_string())]),
        )))
    }

    /// hashbrown's table: control bytes at `ctrl`, buckets of `(K, V)` growing down from it.
    fn hash_map(&mut self, ty: &TypeRef, bytes: &[u8]) -> Result<Option<(String, Children)>, String> {
        let Some((table_ty, table)) = field_path(ty, bytes, &["base", "table"]) else { return Ok(None) };
        let Type::Composite(tc) = &**table_ty.strip() else { return Ok(None) };
        let Some(pair_ty) = tc.rust().and_then(|r| r.type_args.first()).cloned() else { return Ok(None) };
        let (Some((_, mask)), Some((cty, cbytes)), Some((_, items))) = (
            field_path(&table_ty, &table, &["table", "bucket_mask"]),
            field_path(&table_ty, &table, &["table", "ctrl"]),
            field_path(&table_ty, &table, &["table", "items"]),
        ) else {
            return Ok(None);
        };
        let Some((ctrl, _)) = unwrap_pointer(&cty, &cbytes) else { return Ok(None) };
        let items = le_u64(&items);
        if self.summary {
            return Ok(Some((format!("HashMap(size={items})"), Children::Elided(items > 0))));
        }
        // Keys and values count separately against `print elements`.
        let wanted = self.child_limit().div_ceil(2).min(items);
        let capacity = le_u64(&mask).saturating_add(1).min(1 << 24);
        let mut control = vec![0u8; usize::try_from(capacity).unwrap_or(0)];
        if self.mem.read(ctrl, &mut control).is_err() {
            return Ok(None);
        }
        let Type::Composite(pc) = &**pair_ty.strip() else { return Ok(None) };
        let (Some(key_m), Some(val_m)) = (pc.members().first(), pc.members().get(1)) else { return Ok(None) };
        let pair_size = pair_ty.size();
        let mut entries = Vec::new();
        let full = control.iter().enumerate().filter(|(_, b)| **b & 0x80 == 0).map(|(i, _)| i as u64);
        for index in full.take(usize::try_from(wanted).unwrap_or(0)) {
            let at = ctrl.wrapping_sub((index + 1).wrapping_mul(pair_size));
            let Some(pair) = self.deref(at, &pair_ty) else { break };
            let key = self.rust_value(&key_m.ty, member_bytes(key_m, &pair), Some(at + key_m.offset))?;
            let val = self.rust_value(&val_m.ty, member_bytes(val_m, &pair), Some(at + val_m.offset))?;
            entries.push(key);
            entries.push(val);
        }
        let children = Children::Map { items: entries, total: items.saturating_mul(2) };
        Ok(Some((format!("HashMap(size={items})"), children)))
    }
}

/// Whether a Vec's length is within its capacity (`cap` at `path`, a usize or a one-field
/// wrapper such as `UsizeNoHighBit`). A length past it means the bytes are no Vec (rustc's
/// location for an argument passed by reference can point at the reference): the raw
/// structure is shown then, not a printer's reading of garbage. Without a known capacity field
/// the length is taken as it is.
fn within_capacity(ty: &TypeRef, bytes: &[u8], path: &[&str], len: u64) -> bool {
    let Some((cap_ty, cap_bytes)) = field_path(ty, bytes, path) else { return true };
    let capacity = match &**cap_ty.strip() {
        Type::Composite(_) => match field_path(&cap_ty, &cap_bytes, &["__0"]) {
            Some((_, inner)) => le_u64(&inner),
            None => return true,
        },
        _ => le_u64(&cap_bytes),
    };
    len <= capacity
}

/// gdb_lookup.py's `^KRATE([a-z_]+::)+LEAF`: a std type by its path, whatever module holds it.
fn std_path(name: &str, krate: &str, leaf: &str) -> bool {
    let Some(mut rest) = name.strip_prefix(krate) else { return false };
    let mut modules = 0;
    while let Some((module, after)) = rest.split_once("::") {
        if module.is_empty() || !module.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            break;
        }
        modules += 1;
        rest = after;
    }
    modules > 0
        && if leaf.ends_with('<') { rest.starts_with(leaf) && rest.ends_with('>') } else { rest == leaf }
}

/// rust-gdb's `char` literal (gdb's rust_language::printchar): C's escapes for `\\ \' \n \r \t \0`,
/// printable ASCII as itself, `\xNN` up to 255 and `\u{NNNNNN}` above.
fn rust_char_literal(value: u32) -> String {
    let body = match value {
        0x5c => "\\\\".to_string(),
        0x27 => "\\'".to_string(),
        0x0a => "\\n".to_string(),
        0x0d => "\\r".to_string(),
        0x09 => "\\t".to_string(),
        0 => "\\0".to_string(),
        0x20..=0x7e => char::from_u32(value).map_or_else(String::new, String::from),
        0x01..=0x1f | 0x7f..=0xff => format!("\\x{value:02x}"),
        _ => format!("\\u{{{value:06x}}}"),
    };
    format!("'{body}'")
}

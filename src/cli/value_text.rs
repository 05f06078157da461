//! The text `print` shows for a value (after `$N = `), gdb's way: scalars, pointers (with their
//! type in front at the top level, strings after char pointers, `<symbol>` after addresses),
//! arrays with `<repeats N times>` and the `print elements` limit, structs and unions as
//! `{x = 1, y = 2}` (or one member per line under `set print pretty`), enums (flag enums as
//! `(A | B)`), functions as `{int (int)} 0x... <f>`.

use crate::eval::{le_u64, type_name, Lval, Object, PointerKind, Value};
use crate::symbols::types::{Encoding, EnumType, Member, Type, TypeRef};

use super::format::{
    address_with_symbol, char_literal, format_float, format_scalar, string_literal, FloatFormat,
    MemorySource, Scalar, Symbolizer,
};

/// gdb's `print elements` (200), `repeats` (10) and `pretty` (off) settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintLimits {
    /// Elements of an array (and characters of a string) shown before `...`; None is unlimited.
    pub elements: Option<usize>,
    /// Runs longer than this print as `<repeats N times>`.
    pub repeats: usize,
    /// `set print pretty`: struct members one per line, indented by how deep they are.
    pub pretty: bool,
}

impl Default for PrintLimits {
    fn default() -> Self {
        PrintLimits { elements: Some(200), repeats: 10, pretty: false }
    }
}

/// Everything value printing needs besides the value.
pub struct Printer<'a> {
    pub mem: &'a mut dyn MemorySource,
    pub syms: &'a dyn Symbolizer,
    pub format: Option<char>,
    pub limits: PrintLimits,
    /// The selected frame is Rust's: values print in Rust's syntax (cli/rust_values.rs).
    pub rust: bool,
    /// `/r`: no std printers, the raw structure.
    pub raw: bool,
    /// A frame line's argument (gdb's summary mode): std printers leave their children out.
    pub summary: bool,
    /// gdb's `recurse`: how many values enclose the one being printed (members, elements,
    /// bases). Pretty layout indents a value's members by 2 * (depth + 1) spaces and its
    /// closing brace by 2 * depth; `bt full` starts its locals at depth 4.
    pub depth: usize,
}

/// gdb's natural format for a value, or the one a `/FMT` letter asks for, as `print` shows it.
pub fn format_value(
    value: &Value,
    format: Option<char>,
    mem: &mut dyn MemorySource,
    syms: &dyn Symbolizer,
    limits: PrintLimits,
    rust: bool,
) -> Result<String, String> {
    // `/r` asks for the raw structure, in the natural format.
    let raw = format == Some('r');
    let format = format.filter(|f| *f != 'r');
    let mut printer = Printer { mem, syms, format, limits, rust, raw, summary: false, depth: 0 };
    printer.top_level(value)
}

/// The spaces gdb's pretty layout puts before a line at `depth` (print_spaces (2 * recurse)).
pub(super) fn indent(depth: usize) -> String {
    " ".repeat(2 * depth)
}

impl Printer<'_> {
    /// Runs `f` for a value one level deeper (a member, an element, a base), whatever it returns.
    pub(super) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// Members' texts between `open` and `close`: `{a = 1, b = 2}`, or under `print pretty` one
    /// per line, indented one level deeper than this value, the closing brace at its level.
    pub(super) fn braced(&self, open: &str, parts: &[String], close: &str) -> String {
        if !self.limits.pretty {
            return format!("{open}{}{close}", parts.join(", "));
        }
        let inner = indent(self.depth + 1);
        let mut out = String::from(open);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('\n');
            out.push_str(&inner);
            out.push_str(part);
        }
        out.push('\n');
        out.push_str(&indent(self.depth));
        out.push_str(close);
        out
    }

    /// A value as `print` shows it: pointers get their type in front (`(int *) 0x...`).
    pub fn top_level(&mut self, value: &Value) -> Result<String, String> {
        let Value::Object(o) = value else { return self.scalar_value(value) };
        if o.lval == Lval::OptimizedOut {
            return Ok("<optimized out>".to_string());
        }
        let stripped = o.ty.strip();
        match &**stripped {
            Type::Function(_) => {
                let addr = o.address().unwrap_or(0);
                Ok(format!("{{{}}} {}", type_name(&o.ty, ""), address_with_symbol(self.syms, addr)))
            }
            Type::Pointer(target) if self.format.is_none() || self.format == Some('a') => {
                let text = self.object(o)?;
                if self.rust {
                    Ok(format!("({}) {text}", super::rust_values::rust_type_name(&o.ty)))
                } else if is_textual(target) {
                    Ok(text)
                } else {
                    Ok(format!("({}) {text}", type_name(&o.ty, "")))
                }
            }
            // C++ references show their type at the top level: `(int &) @0x7ffe...: 2`.
            Type::Reference { .. } if !self.rust => {
                Ok(format!("({}) {}", type_name(&o.ty, ""), self.object(o)?))
            }
            _ => self.object(o),
        }
    }

    /// A value as `info locals` and members show it: no type in front of pointers.
    pub fn plain(&mut self, value: &Value) -> Result<String, String> {
        match value {
            Value::Object(o) => self.object(o),
            other => self.scalar_value(other),
        }
    }

    /// The untyped values: integers of the evaluator, registers, convenience variables.
    fn scalar_value(&mut self, value: &Value) -> Result<String, String> {
        let undefined = |letter: char| format!("Undefined output format \"{letter}\".");
        match value {
            Value::Int { value, ty } => {
                let scalar = Scalar::new(*value as u128, u32::from(ty.bytes) * 8);
                match self.format {
                    // Rust's u8 and i8 are numbers, not characters.
                    None => Ok(if ty.bytes == 1 && !matches!(ty.name, "u8" | "i8") {
                        // A char-sized integer literal ('A') prints as number and character.
                        format_scalar(scalar, 'c', false, self.syms).unwrap_or_else(|| value.to_string())
                    } else {
                        value.to_string()
                    }),
                    Some('s') | Some('i') | Some('r') => Ok(value.to_string()),
                    Some(letter) => {
                        format_scalar(scalar, letter, false, self.syms).ok_or_else(|| undefined(letter))
                    }
                }
            }
            Value::Pointer { addr, kind } => match self.format {
                None | Some('a') | Some('s') | Some('r') => Ok(match kind {
                    PointerKind::Code => format!("(void (*)()) {}", address_with_symbol(self.syms, *addr)),
                    PointerKind::Data => format!("(void *) {addr:#x}"),
                }),
                Some(letter) => format_scalar(Scalar::new(u128::from(*addr), 64), letter, false, self.syms)
                    .ok_or_else(|| undefined(letter)),
            },
            Value::Text(text) => Ok(text.clone()),
            Value::Void => Ok("void".to_string()),
            Value::Flags { raw } => match self.format {
                Some(letter) => format_scalar(Scalar::new(u128::from(*raw), 32), letter, false, self.syms)
                    .ok_or_else(|| undefined(letter)),
                None => Ok(format!("{raw:#x}")),
            },
            Value::Object(o) => self.object(o),
        }
    }

    /// An object's text without a type prefix.
    fn object(&mut self, o: &Object) -> Result<String, String> {
        if o.lval == Lval::OptimizedOut {
            return Ok("<optimized out>".to_string());
        }
        self.bytes_of(&o.ty, &o.bytes, o.address())
    }

    /// The text of a value of type `ty` held in `bytes` (found at `addr` when in memory).
    pub(super) fn bytes_of(
        &mut self,
        ty: &TypeRef,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        if self.rust {
            if let Some(text) = self.rust_bytes_of(ty, bytes, addr) {
                return text;
            }
        }
        let stripped = ty.strip().clone();
        match &*stripped {
            Type::Base(b) => self.base(b.encoding, bytes),
            Type::Enum(e) => Ok(match self.format {
                Some(letter) => self.formatted(bytes, letter, e.signed)?,
                None => enum_text(e, signed_bytes(bytes, e.signed)),
            }),
            Type::Pointer(target) => self.pointer(target, le_u64(bytes)),
            Type::Reference { target, .. } => {
                let at = le_u64(bytes);
                let size = usize::try_from(target.size()).unwrap_or(0).min(65536);
                let mut buf = vec![0u8; size];
                let shown = match self.mem.read(at, &mut buf) {
                    Ok(()) => self.bytes_of(target, &buf, Some(at))?,
                    Err(bad) => format!("<error: Cannot access memory at address {bad:#x}>"),
                };
                Ok(format!("@{at:#x}: {shown}"))
            }
            Type::Array { element, count } => self.array(element, count.unwrap_or(0), bytes, addr),
            Type::Composite(c) if c.cplus().is_some() => self.cplus_composite(c, bytes, addr),
            Type::Composite(c) => {
                let mut parts = Vec::new();
                for m in c.members() {
                    let text = self.member_text(m, bytes, addr)?;
                    parts.push(match &m.name {
                        Some(name) => format!("{name} = {text}"),
                        None => text,
                    });
                }
                // gdb prints C structs with its C++ code, which says so when there is nothing.
                if parts.is_empty() {
                    return Ok("{<No data fields>}".to_string());
                }
                Ok(self.braced("{", &parts, "}"))
            }
            Type::Function(_) => {
                Ok(format!("{{{}}} {}", type_name(ty, ""), address_with_symbol(self.syms, addr.unwrap_or(0))))
            }
            Type::Void => Ok("void".to_string()),
            Type::Typedef { .. } | Type::Qualified { .. } => Ok(String::new()),
        }
    }

    /// The text of member `m` of a struct held in `bytes` (at `addr` when in memory), one level
    /// deeper than the struct.
    pub(super) fn member_text(
        &mut self,
        m: &Member,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        self.nested(|printer| printer.member_value(m, bytes, addr))
    }

    fn member_value(&mut self, m: &Member, bytes: &[u8], addr: Option<u64>) -> Result<String, String> {
        // A reference member shows only where it refers (gdb prints fields with deref_ref off).
        if matches!(&**m.ty.strip(), Type::Reference { .. }) {
            let start = usize::try_from(m.offset).unwrap_or(usize::MAX);
            let slice = bytes.get(start..start.saturating_add(8)).unwrap_or(&[]);
            return Ok(format!("@{:#x}", le_u64(slice)));
        }
        match m.bits {
            Some((bit, width)) => {
                let value = crate::eval::extract_bits(bytes, bit, width, m.ty.is_signed(), m.ty.size());
                self.bytes_of(&m.ty, &value, None)
            }
            None => {
                let start = usize::try_from(m.offset).unwrap_or(usize::MAX);
                let end = start.saturating_add(usize::try_from(m.ty.size()).unwrap_or(0));
                let slice = bytes.get(start..end).unwrap_or(&[]);
                self.bytes_of(&m.ty, slice, addr.map(|a| a + m.offset))
            }
        }
    }

    fn formatted(&self, bytes: &[u8], letter: char, _signed: bool) -> Result<String, String> {
        if letter == 's' {
            return Ok(Scalar::from_le(bytes).signed().to_string());
        }
        format_scalar(Scalar::from_le(bytes), letter, false, self.syms)
            .ok_or_else(|| format!("Undefined output format \"{letter}\"."))
    }

    fn base(&self, encoding: Encoding, bytes: &[u8]) -> Result<String, String> {
        let signed = matches!(encoding, Encoding::Signed | Encoding::SignedChar);
        if let Some(letter) = self.format {
            if encoding == Encoding::Float && letter == 'f' {
                return Ok(float_text(bytes));
            }
            if encoding == Encoding::Float {
                // gdb converts a float to an integer for the integer formats.
                let value = crate::eval::bytes_to_f64(bytes) as i64;
                return self.formatted(&value.to_le_bytes()[..bytes.len().min(8)], letter, true);
            }
            if letter == 'd' || letter == 'u' || letter == 'x' || letter == 'c' || signed || letter != 's' {
                return self.formatted(bytes, letter, signed);
            }
        }
        Ok(match encoding {
            Encoding::Float => float_text(bytes),
            Encoding::Bool => match le_u64(bytes) {
                0 => "false".to_string(),
                1 => "true".to_string(),
                other => other.to_string(),
            },
            Encoding::SignedChar | Encoding::UnsignedChar if bytes.len() == 1 => {
                let number = signed_bytes(bytes, signed);
                format!("{number} {}", char_literal(u32::from(bytes[0]), 1))
            }
            _ if signed => signed_bytes(bytes, true).to_string(),
            _ => Scalar::from_le(bytes).unsigned().to_string(),
        })
    }

    fn pointer(&mut self, target: &TypeRef, addr: u64) -> Result<String, String> {
        if let Some(letter) = self.format.filter(|l| *l != 'a' && *l != 's') {
            return self.formatted(&addr.to_le_bytes(), letter, false);
        }
        if matches!(&**target.strip(), Type::Function(_)) {
            return Ok(address_with_symbol(self.syms, addr));
        }
        if is_textual(target) && addr != 0 {
            return Ok(format!("{addr:#x} {}", self.c_string(addr)));
        }
        Ok(address_with_symbol(self.syms, addr))
    }

    /// The NUL-terminated string at `addr`, at most `print elements` characters.
    fn c_string(&mut self, addr: u64) -> String {
        let limit = self.limits.elements.unwrap_or(usize::MAX);
        let mut units = Vec::new();
        let mut at = addr;
        loop {
            if units.len() >= limit {
                break;
            }
            let mut byte = [0u8; 1];
            if let Err(bad) = self.mem.read(at, &mut byte) {
                if units.is_empty() {
                    return format!("<error: Cannot access memory at address {bad:#x}>");
                }
                break;
            }
            if byte[0] == 0 {
                return string_literal(&units, 1, false);
            }
            units.push(u32::from(byte[0]));
            at = at.wrapping_add(1);
        }
        // Cut at the limit: gdb shows `...` only when the string really goes on.
        let mut next = [0u8; 1];
        let more = self.mem.read(at, &mut next).is_ok() && next[0] != 0;
        string_literal(&units, 1, more)
    }

    /// An array held in `bytes` (at `addr` when in memory, so that elements with virtual bases
    /// can be located).
    pub(super) fn array(
        &mut self,
        element: &TypeRef,
        count: u64,
        bytes: &[u8],
        addr: Option<u64>,
    ) -> Result<String, String> {
        let size = usize::try_from(element.size()).unwrap_or(0);
        let count = usize::try_from(count).unwrap_or(0);
        if element.is_char() && matches!(self.format, None | Some('s')) {
            let mut len = count.min(bytes.len());
            // gdb drops one trailing NUL, the string's terminator.
            if len > 0 && bytes[len - 1] == 0 {
                len -= 1;
            }
            let limit = self.limits.elements.unwrap_or(usize::MAX);
            let shown = len.min(limit);
            let units: Vec<u32> = bytes[..shown].iter().map(|b| u32::from(*b)).collect();
            return Ok(string_literal(&units, 1, shown < len));
        }
        if size == 0 {
            return Ok("{}".to_string());
        }
        let limit = self.limits.elements.unwrap_or(usize::MAX);
        let element_bytes = |i: usize| bytes.get(i * size..(i + 1) * size).unwrap_or(&[]);
        let mut out = String::from("{");
        let mut printed = 0usize;
        let mut i = 0usize;
        while i < count && printed < limit {
            if i > 0 {
                out.push_str(", ");
            }
            let mut run = 1;
            while i + run < count && element_bytes(i + run) == element_bytes(i) {
                run += 1;
            }
            // Elements stay on one line (gdb's `print array` is off), each a level deeper.
            let at = addr.map(|a| a.wrapping_add((i as u64).wrapping_mul(size as u64)));
            let text = self.nested(|printer| printer.bytes_of(element, element_bytes(i), at))?;
            out.push_str(&text);
            if run > self.limits.repeats {
                out.push_str(&format!(" <repeats {run} times>"));
                i += run;
                printed += self.limits.repeats;
            } else {
                i += 1;
                printed += 1;
            }
        }
        if i < count {
            out.push_str("...");
        }
        out.push('}');
        Ok(out)
    }
}

/// Whether a pointer to `target` is a string pointer (gdb's textual types: the char types).
fn is_textual(target: &TypeRef) -> bool {
    target.is_char()
}

fn signed_bytes(bytes: &[u8], signed: bool) -> i128 {
    let scalar = Scalar::from_le(bytes);
    if signed {
        scalar.signed()
    } else {
        scalar.unsigned() as i128
    }
}

fn float_text(bytes: &[u8]) -> String {
    let format = match bytes.len() {
        4 => FloatFormat::Single,
        8 => FloatFormat::Double,
        _ => FloatFormat::X87,
    };
    format_float(bytes, format)
}

/// gdb's enum value text: the enumerator's name, for a flag enum `(A | B)` with any unknown bits
/// as `unknown: 0x..`, else the number.
fn enum_text(e: &EnumType, value: i128) -> String {
    if let Some((_, name)) = e.enumerators.iter().find(|(v, _)| i128::from(*v) == value) {
        return name.clone();
    }
    if !e.is_flag || value <= 0 {
        return value.to_string();
    }
    let mut rest = value as u128;
    let mut names = Vec::new();
    for (v, name) in &e.enumerators {
        let v = *v as u128;
        if v != 0 && rest & v == v {
            names.push(name.clone());
            rest &= !v;
        }
    }
    if names.is_empty() {
        return value.to_string();
    }
    if rest != 0 {
        names.push(format!("unknown: {rest:#x}"));
    }
    format!("({})", names.join(" | "))
}

/// `NAME = VALUE` lines of `info locals` / `info args`.
pub fn variable_line(name: &str, value: &Result<Value, String>, printer: &mut Printer<'_>) -> String {
    match value {
        Ok(v) => match printer.plain(v) {
            Ok(text) => format!("{name} = {text}"),
            Err(e) => format!("{name} = <error: {e}>"),
        },
        Err(e) => format!("{name} = <error: {e}>"),
    }
}

/// The void type, for values that have none.
pub fn void_type() -> TypeRef {
    std::sync::Arc::new(Type::Void)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::format::NoSymbols;

    struct NoMemory;

    impl MemorySource for NoMemory {
        fn read(&mut self, addr: u64, _buf: &mut [u8]) -> Result<(), u64> {
            Err(addr)
        }
    }

    fn layout(pretty: bool, depth: usize, parts: &[&str]) -> String {
        let mut mem = NoMemory;
        let limits = PrintLimits { pretty, ..PrintLimits::default() };
        let printer = Printer {
            mem: &mut mem,
            syms: &NoSymbols,
            format: None,
            limits,
            rust: false,
            raw: false,
            summary: false,
            depth,
        };
        let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        printer.braced("{", &parts, "}")
    }

    #[test]
    fn members_share_a_line_unless_pretty() {
        assert_eq!(layout(false, 0, &["a = 1", "b = 2"]), "{a = 1, b = 2}");
        assert_eq!(layout(true, 0, &["a = 1", "b = 2"]), "{\n  a = 1,\n  b = 2\n}");
    }

    #[test]
    fn pretty_members_indent_by_depth() {
        // A member one level in (gdb's recurse 1): members at 4 spaces, its brace at 2.
        assert_eq!(layout(true, 1, &["y = 9"]), "{\n    y = 9\n  }");
    }

    #[test]
    fn nesting_is_undone_after_errors() {
        let mut mem = NoMemory;
        let mut printer = Printer {
            mem: &mut mem,
            syms: &NoSymbols,
            format: None,
            limits: PrintLimits::default(),
            rust: false,
            raw: false,
            summary: false,
            depth: 4,
        };
        let failed: Result<(), String> = printer.nested(|p| {
            assert_eq!(p.depth, 5);
            Err("no".to_string())
        });
        assert!(failed.is_err());
        assert_eq!(printer.depth, 4);
    }
}

//! Symbol names as gdb prints them: Rust names without their hash (`rsdemo::main`), C++ names with their
//! parameter list (`Shape::area() const`), everything else unchanged.

use std::borrow::Cow;

/// The demangled ("print") name of a linkage name, or the name itself when it is not mangled.
pub(crate) fn demangle(linkage: &str) -> Cow<'_, str> {
    if is_rust_symbol(linkage) {
        if let Ok(d) = rustc_demangle::try_demangle(linkage) {
            // `{:#}` drops the `::h0123...` hash, as gdb's Rust demangler does.
            return Cow::Owned(format!("{d:#}"));
        }
    }
    if linkage.starts_with("_Z") {
        if let Ok(sym) = cpp_demangle::Symbol::new(linkage.as_bytes()) {
            if let Ok(text) = sym.demangle() {
                return Cow::Owned(special_name(text));
            }
        }
    }
    Cow::Borrowed(linkage)
}

/// gdb's (libiberty's) words for the special names that cpp_demangle writes in braces:
/// `{vtable(geo::Square)}` is `vtable for geo::Square`.
fn special_name(text: String) -> String {
    const WORDS: [(&str, &str); 4] = [
        ("{vtable(", "vtable for "),
        ("{typeinfo(", "typeinfo for "),
        ("{typeinfo name(", "typeinfo name for "),
        ("{vtt(", "VTT for "),
    ];
    for (brace, words) in WORDS {
        if let Some(inner) = text.strip_prefix(brace).and_then(|rest| rest.strip_suffix(")}")) {
            return format!("{words}{inner}");
        }
    }
    text
}

/// Rust v0 names start with `_R`; legacy Rust names are Itanium-shaped (`_ZN...E`) but end their path with
/// a 16-hex-digit hash segment (`17h0123456789abcdefE`), which is how gdb tells them from C++ too.
fn is_rust_symbol(name: &str) -> bool {
    if name.starts_with("_R") {
        return true;
    }
    if !name.starts_with("_ZN") {
        return false;
    }
    // Ignore a trailing `.llvm.NNNN` or similar suffix added by LTO.
    let core = name.split('.').next().unwrap_or(name);
    let Some(body) = core.strip_suffix('E') else {
        return false;
    };
    body.len() >= 19 && {
        let tail = &body[body.len() - 19..];
        tail.starts_with("17h") && tail[3..].bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// Whether `linkage` may demangle to `wanted` (with or without its parameter list). The manglings rdbg
/// demangles (Itanium, Rust legacy and v0) spell every plain identifier literally, so a mangled name that
/// lacks `wanted`'s last identifier cannot match; names ending in operators or destructors are not
/// filtered. A cheap filter: a true answer still needs `demangle` to decide.
pub(crate) fn may_demangle_to(linkage: &str, wanted: &str) -> bool {
    let bare = without_params(wanted);
    let bare = match bare.find('<') {
        Some(open) => &bare[..open],
        None => bare,
    };
    let last = bare.rsplit("::").next().unwrap_or(bare);
    let plain = !last.is_empty() && last.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !plain || last.starts_with("operator") {
        return true;
    }
    linkage.contains(last)
}

/// A demangled C++ name without the return type cpp_demangle writes for templates:
/// `int geo::scaled<int>(int, int)` -> `geo::scaled<int>(int, int)`, as gdb shows it.
pub(crate) fn without_return_type(demangled: &str) -> &str {
    let name = without_params(demangled);
    match demangled.find(name) {
        Some(start) => &demangled[start..],
        None => demangled,
    }
}

/// The name without a C++ parameter list, qualifiers or (template) return type:
/// `Shape::area() const` -> `Shape::area`, `int geo::twice<int>(int)` -> `geo::twice<int>`.
/// Used to match what users type (`break Shape::area`) against demangled ELF names.
pub(crate) fn without_params(demangled: &str) -> &str {
    // The parameter list starts at the first `(` outside template arguments.
    let mut depth = 0i32;
    let mut name_start = 0;
    for (i, c) in demangled.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            // A space outside template arguments ends a return type (`int geo::twice<int>(int)`),
            // except inside operator names (`operator new`).
            ' ' if depth == 0 && !demangled[name_start..i].ends_with("operator") => name_start = i + 1,
            '(' if depth == 0 && i > 0 => return &demangled[name_start..i],
            _ => {}
        }
    }
    demangled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_legacy_loses_hash() {
        assert_eq!(demangle("_ZN6rsdemo4main17h0123456789abcdefE"), "rsdemo::main");
    }

    #[test]
    fn cpp_keeps_parameters() {
        assert_eq!(demangle("_ZNK5Shape4areaEv"), "Shape::area() const");
        assert_eq!(without_params("Shape::area() const"), "Shape::area");
        assert_eq!(without_params("int geo::twice<int>(int)"), "geo::twice<int>");
        assert_eq!(without_params("std::map<int, int>::find(int const&)"), "std::map<int, int>::find");
        assert_eq!(without_params("operator new(unsigned long)"), "operator new");
    }

    #[test]
    fn demangling_filter_keeps_every_possible_match() {
        assert!(may_demangle_to("_ZN6rsdemo4main17h0123456789abcdefE", "rsdemo::main"));
        assert!(may_demangle_to("_ZNK5Shape4areaEv", "Shape::area"));
        assert!(may_demangle_to("_Z5twiceIiET_S0_", "twice<int>"));
        assert!(may_demangle_to("_ZN3FooD1Ev", "Foo::~Foo"));
        assert!(may_demangle_to("_Znwm", "operator new"));
        assert!(!may_demangle_to("_ZN6rsdemo4main17h0123456789abcdefE", "helper"));
        assert!(!may_demangle_to("_ZNK5Shape4areaEv", "Shape::perimeter"));
    }

    #[test]
    fn plain_and_broken_names_pass_through() {
        assert_eq!(demangle("main"), "main");
        assert_eq!(demangle("_Z"), "_Z");
        assert_eq!(demangle("_ZN3foo"), "_ZN3foo");
    }
}

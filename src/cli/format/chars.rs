//! Characters and strings the way gdb's C language printer shows them: `'h'`, `'\000'`, `"a\tb"`,
//! `'x' <repeats 31 times>, "b"`, wide strings with `u`/`U` prefixes.
//!
//! gdb converts target characters to the host charset; under a UTF-8 locale (what rdbg assumes) a valid
//! UTF-8 sequence of a printable character prints as itself, and every other byte as a 3-digit octal
//! escape. Runs of more than `REPEAT_THRESHOLD` equal characters collapse into a repeat block.

/// gdb's default `set print repeats`.
pub const REPEAT_THRESHOLD: usize = 10;

/// gdb's default `set print elements`: the most characters `x/s` reads and prints.
pub const PRINT_ELEMENTS: usize = 200;

/// One character of a string as gdb iterates it: a decoded character with the code units it came
/// from, or a code unit that did not decode.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Element {
    Char(char, Vec<u32>),
    Invalid(u32),
    /// The start of a multi-byte sequence cut off by the end of the string.
    Incomplete(Vec<u32>),
}

/// The width in bytes of a string's code units: 1 (char), 2 (char16_t) or 4 (char32_t).
fn prefix(width: usize) -> &'static str {
    match width {
        2 => "u",
        4 => "U",
        _ => "",
    }
}

/// Decodes code units of `width` bytes into gdb's characters.
fn decode(units: &[u32], width: usize) -> Vec<Element> {
    match width {
        2 => decode_utf16(units),
        4 => units
            .iter()
            .map(|&u| match char::from_u32(u) {
                Some(c) => Element::Char(c, vec![u]),
                None => Element::Invalid(u),
            })
            .collect(),
        _ => decode_utf8(units),
    }
}

fn decode_utf8(units: &[u32]) -> Vec<Element> {
    let bytes: Vec<u8> = units.iter().map(|&u| u as u8).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            0x00..=0x7f => 1,
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 0,
        };
        let decoded = if len == 0 {
            None
        } else {
            bytes.get(i..i + len).and_then(|seq| std::str::from_utf8(seq).ok()).and_then(|s| s.chars().next())
        };
        match decoded {
            Some(c) => {
                out.push(Element::Char(c, bytes[i..i + len].iter().map(|&b| u32::from(b)).collect()));
                i += len;
            }
            None => {
                let rest = &bytes[i..];
                if len > rest.len() && rest[1..].iter().all(|b| (0x80..0xc0).contains(b)) {
                    // iconv's EINVAL: gdb shows the cut-off sequence apart and stops there.
                    out.push(Element::Incomplete(rest.iter().map(|&b| u32::from(b)).collect()));
                    break;
                }
                out.push(Element::Invalid(u32::from(bytes[i])));
                i += 1;
            }
        }
    }
    out
}

fn decode_utf16(units: &[u32]) -> Vec<Element> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if (0xd800..0xdc00).contains(&u) {
            if let Some(&lo) = units.get(i + 1) {
                if (0xdc00..0xe000).contains(&lo) {
                    let c = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                    if let Some(ch) = char::from_u32(c) {
                        out.push(Element::Char(ch, vec![u, lo]));
                        i += 2;
                        continue;
                    }
                }
            }
            out.push(Element::Invalid(u));
        } else {
            match char::from_u32(u) {
                Some(c) => out.push(Element::Char(c, vec![u])),
                None => out.push(Element::Invalid(u)),
            }
        }
        i += 1;
    }
    out
}

/// Whether the host would print the character as itself (glibc's `iswprint` in a UTF-8 locale,
/// approximated by "not a control character").
fn printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        !c.is_control()
    }
}

/// Appends one element, escaped for a literal delimited by `quote`. `need_escape` carries gdb's rule
/// that a hex digit right after a `\x` escape is escaped too.
fn push_element(out: &mut String, e: &Element, quote: char, need_escape: &mut bool) {
    let units: &[u32] = match e {
        Element::Char(c, units) => {
            let named = match c {
                '\u{7}' => Some("\\a"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                '\u{b}' => Some("\\v"),
                _ => None,
            };
            if let Some(n) = named {
                out.push_str(n);
                *need_escape = false;
                return;
            }
            if *c == quote || *c == '\\' {
                out.push('\\');
                out.push(*c);
                *need_escape = false;
                return;
            }
            if printable(*c) && !(*need_escape && c.is_ascii_hexdigit()) {
                out.push(*c);
                *need_escape = false;
                return;
            }
            units
        }
        Element::Invalid(u) => std::slice::from_ref(u),
        Element::Incomplete(units) => units,
    };
    for &u in units {
        if u <= 0o777 {
            out.push_str(&format!("\\{u:03o}"));
            *need_escape = false;
        } else {
            out.push_str(&format!("\\x{u:x}"));
            *need_escape = true;
        }
    }
}

/// gdb's character literal for one code unit value of `width` bytes, e.g. `'h'`, `'\n'`, `'\377'`.
pub fn char_literal(value: u32, width: usize) -> String {
    let elements = decode(&[value], width);
    let mut s = String::from(prefix(width));
    s.push('\'');
    let mut need_escape = false;
    for e in &elements {
        push_element(&mut s, e, '\'', &mut need_escape);
    }
    s.push('\'');
    s
}

/// gdb's rendering of a string of code units (without its terminating NUL), with `...` appended when
/// `ellipsis` (the string went on past what was read).
pub fn string_literal(units: &[u32], width: usize, ellipsis: bool) -> String {
    let elements = decode(units, width);
    let mut out = String::from(prefix(width));
    if elements.is_empty() {
        out.push_str("\"\"");
    }
    // Segments are separated by ", "; `in_quotes` tells whether a quoted segment is open.
    let mut in_quotes = false;
    let mut started = false;
    let mut need_escape = false;
    let mut i = 0;
    while i < elements.len() {
        let mut run = 1;
        while i + run < elements.len() && elements[i + run] == elements[i] {
            run += 1;
        }
        if let Element::Incomplete(_) = &elements[i] {
            if in_quotes {
                out.push('"');
                in_quotes = false;
            }
            if started {
                out.push_str(", ");
            }
            out.push_str("<incomplete sequence ");
            push_element(&mut out, &elements[i], '"', &mut need_escape);
            out.push('>');
            break;
        }
        if run > REPEAT_THRESHOLD {
            if in_quotes {
                out.push('"');
                in_quotes = false;
            }
            if started {
                out.push_str(", ");
            }
            out.push('\'');
            let mut ne = false;
            push_element(&mut out, &elements[i], '\'', &mut ne);
            out.push_str(&format!("' <repeats {run} times>"));
            need_escape = false;
        } else {
            if !in_quotes {
                if started {
                    out.push_str(", ");
                }
                out.push('"');
                in_quotes = true;
                need_escape = false;
            }
            for _ in 0..run {
                push_element(&mut out, &elements[i], '"', &mut need_escape);
            }
        }
        started = true;
        i += run;
    }
    if in_quotes {
        out.push('"');
    }
    if ellipsis {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &[u8]) -> Vec<u32> {
        s.iter().map(|&b| u32::from(b)).collect()
    }

    #[test]
    fn char_literals_match_gdb() {
        // From gdb 13 `x/32cb &bytes` on test-programs/format_data.c.
        let cases: &[(u8, &str)] = &[
            (0, "'\\000'"),
            (0x7f, "'\\177'"),
            (0x80, "'\\200'"),
            (b'h', "'h'"),
            (b'\n', "'\\n'"),
            (b'\t', "'\\t'"),
            (b'\\', "'\\\\'"),
            (b'\'', "'\\''"),
            (b'"', "'\"'"),
            (0x1b, "'\\033'"),
            (7, "'\\a'"),
            (8, "'\\b'"),
            (0x0c, "'\\f'"),
            (0x0d, "'\\r'"),
            (0x0b, "'\\v'"),
            (b' ', "' '"),
            (0xc3, "'\\303'"),
        ];
        for &(b, want) in cases {
            assert_eq!(char_literal(u32::from(b), 1), want, "byte {b:#x}");
        }
    }

    #[test]
    fn strings_match_gdb() {
        assert_eq!(string_literal(&bytes(b"hello, world"), 1, false), "\"hello, world\"");
        assert_eq!(string_literal(&[], 1, false), "\"\"");
        assert_eq!(
            string_literal(&bytes(b"tab\there\nnl \"q\" 'a' \\ \x01\xff end"), 1, false),
            "\"tab\\there\\nnl \\\"q\\\" 'a' \\\\ \\001\\377 end\""
        );
        assert_eq!(string_literal(&bytes(b"aaaaaaaaaab"), 1, false), "\"aaaaaaaaaab\"");
        assert_eq!(
            string_literal(&bytes(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), 1, false),
            "'a' <repeats 31 times>, \"b\""
        );
        assert_eq!(
            string_literal(&bytes(b"ab\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01cd"), 1, false),
            "\"ab\", '\\001' <repeats 12 times>, \"cd\""
        );
        assert_eq!(string_literal(&bytes(&[0xff; 14]), 1, false), "'\\377' <repeats 14 times>");
        assert_eq!(string_literal(&bytes(&[b'y'; 200]), 1, true), "'y' <repeats 200 times>...");
        assert_eq!(
            string_literal(
                &bytes(b"x\xc3\xa9y\xe2\x98\xbaz\x80\xc0q\xf0\x9f\x98\x80!\x7f\xc2\x85\xc2\xa0."),
                1,
                false
            ),
            "\"x\u{e9}y\u{263a}z\\200\\300q\u{1f600}!\\177\\302\\205\u{a0}.\""
        );
        assert_eq!(
            string_literal(&bytes(b"\xde\xad\xbe\xef"), 1, false),
            "\"\u{7ad}\\276\", <incomplete sequence \\357>"
        );
        assert_eq!(string_literal(&[0x77, 0x69, 0x64, 0x65], 2, false), "u\"wide\"");
        assert_eq!(string_literal(&[0x57, 0x49, 0x44, 0x45, 0x263a], 4, false), "U\"WIDE\u{263a}\"");
    }
}

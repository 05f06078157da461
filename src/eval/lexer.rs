//! Splits an expression into tokens.

use super::error::EvalError;
use super::value::IntType;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Int {
        value: u64,
        unsigned: bool,
        long: bool,
    },
    /// A Rust literal with a type suffix (`255u8`, `1i64`).
    TypedInt(u64, IntType),
    Char(u8),
    /// A string literal's bytes, without the terminating NUL.
    Str(Vec<u8>),
    Float(f64),
    /// `$name`, `$`, `$$`, `$$3`, `$7`: kept raw; the parser sorts them out.
    Dollar(String),
    Ident(String),
    /// Operators and punctuation, longest match first.
    Punct(&'static str),
}

// Longest first: `<<=` before `<<` before `<`.
const PUNCTS: &[&str] = &[
    "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::", "->", "<<", ">>", "<=", ">=", "==",
    "!=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "(", ")", "?", ":", "=",
    ".", "[", "]", "@", ",",
];

pub fn tokenize(text: &str) -> Result<Vec<Token>, EvalError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            let literal = &text[start..i];
            let hex = literal.starts_with("0x") || literal.starts_with("0X");
            if literal.contains('.') || (!hex && literal.contains(['e', 'E'])) {
                let value =
                    literal.parse::<f64>().map_err(|_| EvalError::InvalidNumber(literal.to_string()))?;
                tokens.push(Token::Float(value));
            } else {
                tokens.push(number(literal)?);
            }
        } else if c == b'$' {
            let start = i;
            i += 1;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$')
            {
                i += 1;
            }
            tokens.push(Token::Dollar(text[start..i].to_string()));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            tokens.push(Token::Ident(text[start..i].to_string()));
        } else if let Some(len) = quoted_name(&text[i..]) {
            // gdb's quoted names: `'values.c'::file_static`, `'foo::bar'`.
            tokens.push(Token::Ident(text[i + 1..i + len - 1].to_string()));
            i += len;
        } else if c == b'\'' {
            let (value, len) = char_literal(&text[i..])?;
            tokens.push(Token::Char(value));
            i += len;
        } else if c == b'"' {
            let (value, len) = string_literal(&text[i..])?;
            tokens.push(Token::Str(value));
            i += len;
        } else if let Some(p) = PUNCTS.iter().find(|p| text[i..].starts_with(**p)) {
            tokens.push(Token::Punct(p));
            i += p.len();
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            return Err(EvalError::InvalidCharacter(ch));
        }
    }
    Ok(tokens)
}

/// The length of a quoted name at the start of `text` (`'values.c'`, quotes included): single
/// quotes around more than one character and no backslash, which no character literal is.
fn quoted_name(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('\'')?;
    let end = rest.find('\'')?;
    let inner = &rest[..end];
    (inner.chars().count() > 1 && !inner.contains('\\')).then_some(end + 2)
}

/// Rust's integer type suffixes, with the type each names.
const RUST_SUFFIXES: [(&str, IntType); 10] = [
    ("u8", IntType { bytes: 1, signed: false, name: "u8" }),
    ("u16", IntType { bytes: 2, signed: false, name: "u16" }),
    ("u32", IntType { bytes: 4, signed: false, name: "u32" }),
    ("u64", IntType { bytes: 8, signed: false, name: "u64" }),
    ("usize", IntType { bytes: 8, signed: false, name: "usize" }),
    ("i8", IntType { bytes: 1, signed: true, name: "i8" }),
    ("i16", IntType { bytes: 2, signed: true, name: "i16" }),
    ("i32", IntType { bytes: 4, signed: true, name: "i32" }),
    ("i64", IntType { bytes: 8, signed: true, name: "i64" }),
    ("isize", IntType { bytes: 8, signed: true, name: "isize" }),
];

/// A C integer literal: decimal, 0x hex, 0 octal, 0b binary, with optional u/l suffixes; or a
/// Rust one with a type suffix (`255u8`).
fn number(text: &str) -> Result<Token, EvalError> {
    for (suffix, ty) in RUST_SUFFIXES {
        if let Some(digits) = text.strip_suffix(suffix).filter(|d| !d.is_empty()) {
            if let Ok(Token::Int { value, unsigned: false, long: false }) = number(digits) {
                return Ok(Token::TypedInt(value, ty));
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    let digits_end = lower.trim_end_matches(['u', 'l']).len();
    let (digits, suffix) = lower.split_at(digits_end);
    let parsed = if let Some(hex) = digits.strip_prefix("0x") {
        u64::from_str_radix(hex, 16)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        u64::from_str_radix(bin, 2)
    } else if digits.len() > 1 && digits.starts_with('0') {
        u64::from_str_radix(&digits[1..], 8)
    } else {
        digits.parse::<u64>()
    };
    let value = parsed.map_err(|_| EvalError::InvalidNumber(text.to_string()))?;
    Ok(Token::Int { value, unsigned: suffix.contains('u'), long: suffix.contains('l') })
}

/// The byte a backslash escape stands for; `text` starts just after the backslash. Returns the
/// byte and how many characters of `text` the escape used.
fn escape(text: &str) -> Option<(u8, usize)> {
    let first = *text.as_bytes().first()?;
    Some(match first {
        b'n' => (b'\n', 1),
        b't' => (b'\t', 1),
        b'r' => (b'\r', 1),
        b'a' => (7, 1),
        b'b' => (8, 1),
        b'f' => (12, 1),
        b'v' => (11, 1),
        b'e' => (27, 1),
        b'x' => {
            let hex: String = text[1..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            (u8::from_str_radix(&hex, 16).ok()?, 1 + hex.len())
        }
        b'0'..=b'7' => {
            let oct: String = text.chars().take_while(|c| ('0'..='7').contains(c)).take(3).collect();
            (u8::from_str_radix(&oct, 8).ok()?, oct.len())
        }
        other => (other, 1),
    })
}

/// `'a'`, `'\n'`, `'\0'`, `'\x41'`, `'\101'`: the byte and how many characters the literal took.
fn char_literal(text: &str) -> Result<(u8, usize), EvalError> {
    let bytes = text.as_bytes();
    let bad = || EvalError::Syntax(text.to_string());
    match bytes.get(1) {
        Some(b'\\') => {
            let (value, used) = escape(text.get(2..).unwrap_or("")).ok_or_else(bad)?;
            if bytes.get(2 + used) != Some(&b'\'') {
                return Err(bad());
            }
            Ok((value, 3 + used))
        }
        Some(c) if bytes.get(2) == Some(&b'\'') => Ok((*c, 3)),
        _ => Err(bad()),
    }
}

/// `"text"` with C escapes: its bytes (without a terminating NUL) and how many characters it took.
fn string_literal(text: &str) -> Result<(Vec<u8>, usize), EvalError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 1;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'"' => return Ok((out, i + 1)),
            b'\\' => {
                let (value, used) = escape(text.get(i + 1..).unwrap_or(""))
                    .ok_or_else(|| EvalError::Other("Unterminated string in expression.".into()))?;
                out.push(value);
                i += 1 + used;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    Err(EvalError::Other("Unterminated string in expression.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_base() {
        let t = tokenize("0x1f 017 0b101 42ul").expect("tokens");
        assert_eq!(t[0], Token::Int { value: 31, unsigned: false, long: false });
        assert_eq!(t[1], Token::Int { value: 15, unsigned: false, long: false });
        assert_eq!(t[2], Token::Int { value: 5, unsigned: false, long: false });
        assert_eq!(t[3], Token::Int { value: 42, unsigned: true, long: true });
    }

    #[test]
    fn chars_registers_and_operators() {
        let t = tokenize("$rip+'\\n'<<2").expect("tokens");
        assert_eq!(
            t,
            vec![
                Token::Dollar("$rip".into()),
                Token::Punct("+"),
                Token::Char(10),
                Token::Punct("<<"),
                Token::Int { value: 2, unsigned: false, long: false }
            ]
        );
        assert!(matches!(tokenize("1 # 2"), Err(EvalError::InvalidCharacter('#'))));
        assert_eq!(tokenize("1.5").expect("float"), vec![Token::Float(1.5)]);
        assert!(matches!(tokenize("09"), Err(EvalError::InvalidNumber(_))));
    }
}

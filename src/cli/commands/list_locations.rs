//! Locations as `list` and `info line` take them (gdb's linespecs in "list mode"): `N`, `+N`, `-N`,
//! `FILE:N`, `FUNC`, `FILE:FUNC`, `*ADDR`. In list mode a line needs no code and a function means
//! its entry line (no prologue skipping).

use crate::addr::RuntimeAddr;

use super::super::error::CliError;
use super::super::session::Session;
use super::super::source::SourceFile;
use super::super::source_listing::ensure_current;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineNumber {
    Absolute(i64),
    /// `+N`: N lines after the default line.
    Plus(i64),
    /// `-N`: N lines before it.
    Minus(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListSpec {
    Address(String),
    Line { file: Option<String>, line: LineNumber },
    Function { file: Option<String>, name: String },
}

/// gdb's `symtab_and_line` as list mode fills it: a file and line, and an address when the
/// location named code (`FUNC`, `*ADDR`). No file means no line information.
#[derive(Clone, Debug)]
pub struct Sal {
    pub file: Option<SourceFile>,
    pub line: i64,
    pub pc: Option<RuntimeAddr>,
    /// The function's name, for gdb's header when a name means several functions.
    pub function: Option<String>,
}

fn line_number(text: &str) -> Option<LineNumber> {
    let digits =
        |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?;
    if let Some(rest) = text.strip_prefix('+') {
        return digits(rest).map(LineNumber::Plus);
    }
    if let Some(rest) = text.strip_prefix('-') {
        return digits(rest).map(LineNumber::Minus);
    }
    digits(text).map(LineNumber::Absolute)
}

/// The position of the `:` that separates FILE from the rest (not one of C++'s `::`).
fn file_separator(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b':' && bytes.get(i + 1) != Some(&b':') && (i == 0 || bytes[i - 1] != b':'))
}

/// Parses one location (no comma).
pub fn parse(text: &str) -> Result<ListSpec, CliError> {
    let text = text.trim();
    if let Some(expr) = text.strip_prefix('*') {
        return Ok(ListSpec::Address(expr.trim().to_string()));
    }
    let mut words = text.split_whitespace();
    let spec = words.next().unwrap_or_default();
    if let Some(extra) = words.next() {
        let what = if line_number(extra).is_some() { "number" } else { "string" };
        return Err(CliError::msg(format!("malformed linespec error: unexpected {what}, \"{extra}\"")));
    }
    if let Some(line) = line_number(spec) {
        return Ok(ListSpec::Line { file: None, line });
    }
    if let Some(at) = file_separator(spec) {
        let (file, rest) = (spec[..at].to_string(), &spec[at + 1..]);
        return Ok(match line_number(rest) {
            Some(line) => ListSpec::Line { file: Some(file), line },
            None => ListSpec::Function { file: Some(file), name: rest.to_string() },
        });
    }
    Ok(ListSpec::Function { file: None, name: spec.to_string() })
}

/// Splits `FIRST,LAST` at the first comma outside parentheses and angle brackets.
pub fn split_range(text: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            ',' if depth <= 0 => return (text[..i].trim(), Some(text[i + 1..].trim())),
            _ => {}
        }
    }
    (text.trim(), None)
}

/// gdb's `decode_line_1` in list mode. `default` is the file and line a bare line number is
/// relative to; without it, the current source position (set to `main`'s file if there is none).
pub fn decode(
    session: &mut Session,
    spec: &ListSpec,
    default: Option<(SourceFile, i64)>,
) -> Result<Vec<Sal>, CliError> {
    match spec {
        ListSpec::Line { file: None, line } => {
            let (file, default_line) = match default {
                Some(d) => d,
                None => ensure_current(session)?,
            };
            let line = match *line {
                LineNumber::Absolute(n) => n,
                LineNumber::Plus(n) => default_line + n,
                LineNumber::Minus(n) => default_line - n,
            };
            Ok(vec![Sal { file: Some(file), line, pc: None, function: None }])
        }
        ListSpec::Line { file: Some(name), line } => {
            let files = session.debugger.source_files_matching(name)?;
            if files.is_empty() {
                // `FUNC:N` where FUNC is no file: gdb 13 in list mode takes the function and
                // ignores the number.
                if !session.debugger.function_lines(name, None)?.is_empty() {
                    return decode(session, &ListSpec::Function { file: None, name: name.clone() }, None);
                }
                return Err(CliError::msg(format!("No source file named {name}.")));
            }
            let line = match *line {
                LineNumber::Absolute(n) | LineNumber::Plus(n) => n,
                LineNumber::Minus(n) => -n,
            };
            Ok(files
                .into_iter()
                .map(|f| Sal {
                    file: Some(SourceFile { name: f.name, full_path: f.full_path }),
                    line,
                    pc: None,
                    function: None,
                })
                .collect())
        }
        ListSpec::Function { file, name } => {
            if let Some(file) = file {
                if session.debugger.source_files_matching(file)?.is_empty() {
                    return Err(CliError::msg(format!("No source file named {file}.")));
                }
            }
            let found = session.debugger.function_lines(name, file.as_deref())?;
            if found.is_empty() {
                return Err(CliError::msg(match file {
                    Some(file) => format!("Function \"{name}\" not defined in \"{file}\"."),
                    None => format!("Function \"{name}\" not defined."),
                }));
            }
            Ok(found
                .into_iter()
                .map(|f| Sal {
                    line: f.source.as_ref().map_or(0, |s| i64::from(s.line)),
                    file: f.source.as_ref().map(SourceFile::of),
                    pc: Some(f.entry),
                    function: Some(f.name),
                })
                .collect())
        }
        ListSpec::Address(expr) => {
            let addr = RuntimeAddr(super::data::evaluate_number(session, expr)?);
            let function = session.debugger.describe(addr).function;
            let sal = match session.debugger.address_line(addr) {
                Some((source, _)) => Sal {
                    file: Some(SourceFile::of(&source)),
                    line: i64::from(source.line),
                    pc: Some(addr),
                    function,
                },
                None => Sal { file: None, line: 0, pc: Some(addr), function },
            };
            Ok(vec![sal])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gdbs_list_locations() {
        let line = |file: Option<&str>, line| ListSpec::Line { file: file.map(String::from), line };
        assert_eq!(parse("10").ok(), Some(line(None, LineNumber::Absolute(10))));
        assert_eq!(parse("+3").ok(), Some(line(None, LineNumber::Plus(3))));
        assert_eq!(parse("-3").ok(), Some(line(None, LineNumber::Minus(3))));
        assert_eq!(parse("basics.c:30").ok(), Some(line(Some("basics.c"), LineNumber::Absolute(30))));
        assert_eq!(
            parse("basics.c:tick").ok(),
            Some(ListSpec::Function { file: Some("basics.c".into()), name: "tick".into() })
        );
        assert_eq!(
            parse("Shape::area").ok(),
            Some(ListSpec::Function { file: None, name: "Shape::area".into() })
        );
        assert_eq!(parse("*0x1139").ok(), Some(ListSpec::Address("0x1139".into())));
        assert_eq!(
            parse("10 20").err().map(|e| e.to_string()),
            Some("malformed linespec error: unexpected number, \"20\"".into())
        );
    }

    #[test]
    fn ranges_split_at_the_first_top_level_comma() {
        assert_eq!(split_range("5,8"), ("5", Some("8")));
        assert_eq!(split_range(",20"), ("", Some("20")));
        assert_eq!(split_range("scale,"), ("scale", Some("")));
        assert_eq!(split_range("f<int, int>"), ("f<int, int>", None));
        assert_eq!(split_range("add"), ("add", None));
    }
}

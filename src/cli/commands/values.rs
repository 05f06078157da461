//! Program variables and types: `info locals`, `info args`, `ptype`, `whatis`, `set print`.

use crate::engine::{Frame, FrameVariable};
use crate::eval::{self, Value};

use super::super::error::CliError;
use super::super::rust_type_text::{rust_ptype_text, rust_whatis_text};
use super::super::session::Session;
use super::super::table::Invocation;
use super::super::type_text::{ptype_text, whatis_text};
use super::super::value_text::{indent, variable_line};
use super::data::{evaluate_lazy, parse_expression, resolve_type_name, variable_value, with_printer_in};
use super::settings::on_off;

/// `info locals` / `info args`: `NAME = VALUE` per variable of the selected frame.
fn frame_variables(session: &mut Session, arguments: bool) -> Result<(), CliError> {
    let vars = session.debugger.frame_variables(arguments).map_err(CliError::msg)?;
    let rust = session.debugger.selected_frame_is_rust();
    for line in variable_lines(session, vars, arguments, rust, 0) {
        println!("{line}");
    }
    Ok(())
}

/// The lines `bt full` prints under one frame: its locals, indented as gdb does (by 8 spaces, as
/// values 4 levels deep, so that `print pretty` indents their members by 10), or why there are
/// none.
pub fn frame_locals_lines(session: &mut Session, frame: &Frame) -> Vec<String> {
    if frame.kind.is_marker() {
        return vec!["No locals.".to_string()];
    }
    match session.debugger.variables_in_frame(frame, false) {
        Ok(vars) if vars.is_empty() => vec!["No locals.".to_string()],
        Ok(vars) => {
            let rust = session.debugger.frame_is_rust(frame);
            variable_lines(session, vars, false, rust, 4)
        }
        Err(message) => vec![message.to_string()],
    }
}

/// `NAME = VALUE` per variable, `depth` levels in (gdb's print_variable_and_value indent: two
/// spaces each), or gdb's words for none.
fn variable_lines(
    session: &mut Session,
    vars: Vec<FrameVariable>,
    arguments: bool,
    rust: bool,
    depth: usize,
) -> Vec<String> {
    if vars.is_empty() {
        let none = if arguments { "No arguments." } else { "No locals." };
        return vec![none.to_string()];
    }
    let mut values = Vec::new();
    for var in vars {
        let value = variable_value(var.ty, var.place).and_then(|v| fetch(session, v));
        values.push((var.name, value.map_err(|e| e.to_string())));
    }
    with_printer_in(session, None, rust, |printer| {
        printer.depth = depth;
        let pad = indent(depth);
        values.iter().map(|(name, value)| format!("{pad}{}", variable_line(name, value, printer))).collect()
    })
}

fn fetch(session: &mut Session, value: Value) -> Result<Value, eval::EvalError> {
    super::data::fetch_value(session, value)
}

pub fn info_locals(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    frame_variables(session, false)
}

pub fn info_args(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    frame_variables(session, true)
}

/// The type `ptype`/`whatis` describe: a type named by the user (and whether it was), or an
/// expression's type.
fn described_type(
    session: &mut Session,
    text: &str,
) -> Result<(crate::symbols::types::TypeRef, bool), CliError> {
    let text = text.trim();
    if text.is_empty() {
        let value = session.values.last().cloned().ok_or_else(|| CliError::msg("History is empty."))?;
        return Ok((value.type_of(), false));
    }
    let is_type = {
        let session = std::cell::RefCell::new(&mut *session);
        let check = |name: &str| {
            crate::symbols::types::Type::builtin(name).is_some()
                || session.borrow_mut().debugger.find_type(name).is_some()
        };
        eval::parse_type_name(text, &check)
    };
    // C's type words are no keywords in Rust: a variable called `float` is the variable.
    let is_type = match session.debugger.selected_frame_is_rust() {
        true => {
            is_type.filter(|name| name.pointers > 0 || session.debugger.find_variable(&name.base).is_none())
        }
        false => is_type,
    };
    if let Some(name) = is_type {
        return Ok((resolve_type_name(session, &name)?, true));
    }
    let expr = parse_expression(session, text)?;
    let value = evaluate_lazy(session, &expr)?;
    Ok((value.type_of(), false))
}

/// The selected frame's language decides the syntax, as gdb's `set language auto` does.
pub fn ptype(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (ty, _) = described_type(session, args)?;
    let text = if session.debugger.selected_frame_is_rust() { rust_ptype_text(&ty) } else { ptype_text(&ty) };
    println!("type = {text}");
    Ok(())
}

pub fn whatis(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (ty, named) = described_type(session, args)?;
    let text = match session.debugger.selected_frame_is_rust() {
        true => rust_whatis_text(&ty),
        false => whatis_text(&ty, named),
    };
    println!("type = {text}");
    Ok(())
}

/// gdb's `set print` settings, for its prefix matching; rdbg models elements, repeats and
/// pretty, and accepts the others so that gdb scripts run.
const PRINT_SETTINGS: &[&str] = &[
    "address",
    "array",
    "array-indexes",
    "asm-demangle",
    "demangle",
    "elements",
    "entry-values",
    "finish",
    "frame-arguments",
    "frame-info",
    "inferior-events",
    "max-depth",
    "max-symbolic-offset",
    "memory-tag-violations",
    "nibbles",
    "null-stop",
    "object",
    "pascal_static-members",
    "pretty",
    "raw-frame-arguments",
    "raw-values",
    "repeats",
    "sevenbit-strings",
    "static-members",
    "symbol",
    "symbol-filename",
    "symbol-loading",
    "thread-events",
    "type",
    "union",
    "vtbl",
];

/// The setting a word names, gdb's way: whole or a prefix of one only; `verb` (`set`/`show`)
/// is for the errors.
fn print_setting(word: &str, args: &str, verb: &str) -> Result<&'static str, CliError> {
    if let Some(exact) = PRINT_SETTINGS.iter().find(|s| **s == word) {
        return Ok(exact);
    }
    let matches: Vec<&str> = PRINT_SETTINGS.iter().copied().filter(|s| s.starts_with(word)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::msg(format!(
            "Undefined {verb} print command: \"{args}\".  Try \"help {verb} print\"."
        ))),
        many => {
            Err(CliError::msg(format!("Ambiguous {verb} print command \"{args}\": {}.", many.join(", "))))
        }
    }
}

/// `set print elements N|unlimited`, `set print repeats N|unlimited`, `set print pretty [on|off]`.
pub fn set_print(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let (word, value) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if word.is_empty() {
        return Err(CliError::msg("\"set print\" must be followed by the name of a print subcommand."));
    }
    let setting = print_setting(word, args, "set")?;
    let value = value.trim();
    if setting == "pretty" {
        session.print_limits.pretty = on_off(value)?;
        return Ok(());
    }
    let number = match value {
        "unlimited" | "0" => None,
        text => Some(
            text.parse::<usize>()
                .map_err(|_| CliError::msg(format!("No symbol \"{text}\" in current context.")))?,
        ),
    };
    match setting {
        "elements" => session.print_limits.elements = number,
        "repeats" => session.print_limits.repeats = number.unwrap_or(usize::MAX),
        // Other print settings are accepted and have no effect yet.
        _ => {}
    }
    Ok(())
}

/// `show print elements|repeats|pretty` in gdb's words.
pub fn show_print(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let word = args.split_whitespace().next().unwrap_or("");
    if word.is_empty() {
        return Err(CliError::msg("\"show print\" needs the name of a setting in rdbg."));
    }
    let limit = |n: Option<usize>| n.map_or_else(|| "unlimited".to_string(), |n| n.to_string());
    let limits = session.print_limits;
    match print_setting(word, args, "show")? {
        "elements" => {
            println!("Limit on string chars or array elements to print is {}.", limit(limits.elements))
        }
        "repeats" => {
            let repeats = Some(limits.repeats).filter(|n| *n != usize::MAX);
            println!("Threshold for repeated print elements is {}.", limit(repeats));
        }
        "pretty" => {
            println!("Pretty formatting of structures is {}.", if limits.pretty { "on" } else { "off" })
        }
        other => return Err(CliError::msg(format!("rdbg does not show \"print {other}\" yet."))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::print_setting;

    #[test]
    fn print_settings_by_unique_prefix() {
        assert_eq!(print_setting("pretty", "pretty on", "set").ok(), Some("pretty"));
        assert_eq!(print_setting("pr", "pr on", "set").ok(), Some("pretty"));
        assert_eq!(print_setting("elem", "elem 4", "set").ok(), Some("elements"));
        // `symbol` is whole even though longer settings start with it.
        assert_eq!(print_setting("symbol", "symbol", "show").ok(), Some("symbol"));
    }

    #[test]
    fn print_setting_errors_are_gdbs() {
        let ambiguous = print_setting("e", "e 5", "set").err().map(|e| e.to_string());
        assert_eq!(
            ambiguous.as_deref(),
            Some("Ambiguous set print command \"e 5\": elements, entry-values.")
        );
        let unknown = print_setting("foo", "foo", "show").err().map(|e| e.to_string());
        assert_eq!(
            unknown.as_deref(),
            Some("Undefined show print command: \"foo\".  Try \"help show print\".")
        );
    }
}

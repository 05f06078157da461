//! Program variables and types: `info locals`, `info args`, `ptype`, `whatis`, `set print`.

use crate::engine::{Frame, FrameVariable};
use crate::eval::{self, Value};

use super::super::error::CliError;
use super::super::rust_type_text::{rust_ptype_text, rust_whatis_text};
use super::super::session::Session;
use super::super::table::Invocation;
use super::super::type_text::{ptype_text, whatis_text};
use super::super::value_text::variable_line;
use super::data::{evaluate_lazy, parse_expression, resolve_type_name, variable_value, with_printer_in};

/// `info locals` / `info args`: `NAME = VALUE` per variable of the selected frame.
fn frame_variables(session: &mut Session, arguments: bool) -> Result<(), CliError> {
    let vars = session.debugger.frame_variables(arguments).map_err(CliError::msg)?;
    let rust = session.debugger.selected_frame_is_rust();
    for line in variable_lines(session, vars, arguments, rust) {
        println!("{line}");
    }
    Ok(())
}

/// The lines `bt full` prints under one frame: its locals, indented as gdb does, or why there are
/// none.
pub fn frame_locals_lines(session: &mut Session, frame: &Frame) -> Vec<String> {
    if frame.kind.is_marker() {
        return vec!["No locals.".to_string()];
    }
    match session.debugger.variables_in_frame(frame, false) {
        Ok(vars) if vars.is_empty() => vec!["No locals.".to_string()],
        Ok(vars) => {
            let rust = session.debugger.frame_is_rust(frame);
            let lines = variable_lines(session, vars, false, rust);
            lines.into_iter().map(|line| format!("        {line}")).collect()
        }
        Err(message) => vec![message.to_string()],
    }
}

/// `NAME = VALUE` per variable, or gdb's words for none.
fn variable_lines(
    session: &mut Session,
    vars: Vec<FrameVariable>,
    arguments: bool,
    rust: bool,
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
        values.iter().map(|(name, value)| variable_line(name, value, printer)).collect()
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

/// `set print elements N|unlimited`, `set print repeats N|unlimited`.
pub fn set_print(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let mut words = args.split_whitespace();
    let setting = words.next().unwrap_or("");
    let value = words.next().unwrap_or("");
    let number = match value {
        "unlimited" | "0" => None,
        text => Some(
            text.parse::<usize>()
                .map_err(|_| CliError::msg(format!("No symbol \"{text}\" in current context.")))?,
        ),
    };
    match setting {
        "elements" | "elem" => session.print_limits.elements = number,
        "repeats" => session.print_limits.repeats = number.unwrap_or(usize::MAX),
        // Other print settings are accepted and have no effect yet.
        _ => {}
    }
    Ok(())
}

//! Auto-display (`display EXPR`, `display/FMT EXPR`): the list of expressions shown after every stop,
//! and how gdb shows each: `1: x = 5`, `2: /x p - text = 0x2`, or for a memory format
//! `3: x/i $pc` followed by `x`'s lines.

use crate::addr::RuntimeAddr;
use crate::eval::Expr;

use super::commands::data::{evaluate_expr, examine_at, value_text};
use super::conditions::{check_names, symbol_names};
use super::error::CliError;
use super::format::{parse_examine_spec, ExamineDefaults};
use super::session::Session;
use crate::engine::NameScope;

/// How a display shows its value: like `print/F` (`Value`), or like `x/NFU` at the value's address
/// when a unit size is given or the format is `i` or `s` (gdb's rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayFormat {
    Value(Option<char>),
    Memory { count: u32, format: char, size: char },
}

impl DisplayFormat {
    /// Parses the letters after `display/`.
    pub fn parse(spec: &str) -> Result<DisplayFormat, CliError> {
        let digits: String = spec.chars().take_while(char::is_ascii_digit).collect();
        let count = if digits.is_empty() { 1 } else { digits.parse().map_err(|_| bad_format(spec))? };
        let (mut format, mut size) = (None, None);
        for c in spec[digits.len()..].chars() {
            match c {
                'b' | 'h' | 'w' | 'g' => size = Some(c),
                'x' | 'd' | 'u' | 'o' | 't' | 'a' | 'c' | 'f' | 's' | 'z' | 'i' => format = Some(c),
                other => return Err(CliError::msg(format!("Undefined output format \"{other}\"."))),
            }
        }
        if matches!(format, Some('i' | 's')) {
            size = Some('b');
        }
        Ok(match size {
            Some(size) => DisplayFormat::Memory { count, format: format.unwrap_or('x'), size },
            None => DisplayFormat::Value(format),
        })
    }

    /// `info display`'s form: `/x `, `/1bi `, or nothing.
    fn info_prefix(&self) -> String {
        match self {
            DisplayFormat::Value(None) => String::new(),
            DisplayFormat::Value(Some(c)) => format!("/{c} "),
            DisplayFormat::Memory { count, format, size } => format!("/{count}{size}{format} "),
        }
    }
}

fn bad_format(spec: &str) -> CliError {
    CliError::msg(format!("Invalid number \"{spec}\"."))
}

#[derive(Clone, Debug)]
pub struct Display {
    pub number: u32,
    pub text: String,
    pub expr: Expr,
    pub format: DisplayFormat,
    pub enabled: bool,
    /// The function whose locals the expression uses (its start): gdb shows the display only while
    /// a frame of that function, with those names in scope, is selected. None: shown everywhere.
    pub function: Option<RuntimeAddr>,
}

/// The displays, numbered from 1 as gdb numbers them (never reused).
#[derive(Default)]
pub struct DisplayList {
    pub displays: Vec<Display>,
    last_number: u32,
}

impl DisplayList {
    pub fn add(
        &mut self,
        text: String,
        expr: Expr,
        format: DisplayFormat,
        function: Option<RuntimeAddr>,
    ) -> u32 {
        self.last_number += 1;
        let number = self.last_number;
        self.displays.push(Display { number, text, expr, format, enabled: true, function });
        number
    }
}

/// The selected frame's lookup pc, None without a process.
pub fn selected_pc(session: &mut Session) -> Option<RuntimeAddr> {
    if !session.debugger.is_running() {
        return None;
    }
    session.debugger.selected_frame().ok().map(|f| f.lookup_pc)
}

/// The function a display is tied to: the one at `pc`, when the expression uses its locals.
pub fn scope_function(session: &Session, expr: &Expr, pc: Option<RuntimeAddr>) -> Option<RuntimeAddr> {
    let pc = pc?;
    let local = symbol_names(expr)
        .into_iter()
        .any(|n| session.debugger.name_scope(Some(pc), n) == Some(NameScope::Local));
    local.then(|| session.debugger.function_bounds(pc).map(|(_, low, _)| low)).flatten()
}

/// Whether the display can be evaluated where the selected frame is (gdb's `contained_in` test).
fn in_scope(session: &Session, display: &Display, pc: Option<RuntimeAddr>) -> bool {
    let Some(function) = display.function else { return true };
    let Some(pc) = pc else { return false };
    session.debugger.function_bounds(pc).map(|(_, low, _)| low) == Some(function)
        && symbol_names(&display.expr).into_iter().all(|n| session.debugger.name_scope(Some(pc), n).is_some())
}

/// After a stop (and for `display` alone): every enabled display in scope, in number order.
pub fn show_all(session: &mut Session) {
    let numbers: Vec<u32> = session.displays.displays.iter().map(|d| d.number).collect();
    for number in numbers {
        show_one(session, number);
    }
}

/// Shows display `number` if it is enabled and in scope. A global display whose names no longer
/// resolve is disabled with gdb's warning (gdb's failed re-parse).
pub fn show_one(session: &mut Session, number: u32) {
    let Some(display) = session.displays.displays.iter().find(|d| d.number == number).cloned() else {
        return;
    };
    if !display.enabled {
        return;
    }
    let pc = selected_pc(session);
    if !in_scope(session, &display, pc) {
        return;
    }
    if display.function.is_none() {
        if let Err(e) = check_names(&session.debugger, &display.expr, pc) {
            if let Some(d) = session.displays.displays.iter_mut().find(|d| d.number == number) {
                d.enabled = false;
            }
            eprintln!("warning: Unable to display \"{}\": {e}", display.text);
            return;
        }
    }
    match display.format {
        DisplayFormat::Value(format) => {
            let shown = evaluate_expr(session, &display.expr)
                .and_then(|value| value_text(session, &display.expr, &value, format));
            let prefix = DisplayFormat::Value(format).info_prefix();
            match shown {
                Ok(text) => println!("{number}: {prefix}{} = {text}", display.text),
                Err(e) => println!("{number}: {prefix}{} = <error: {e}>", display.text),
            }
        }
        DisplayFormat::Memory { count, format, size } => show_memory(session, &display, count, format, size),
    }
}

/// `3: x/i $pc` then `x`'s lines; a single unit that is no instruction stays on the header line.
fn show_memory(session: &mut Session, display: &Display, count: u32, format: char, size: char) {
    let count_text = if count == 1 { String::new() } else { count.to_string() };
    let size_text = if matches!(format, 'i' | 's') { String::new() } else { size.to_string() };
    let separator = if count != 1 || format == 'i' { "\n" } else { "  " };
    print!("{}: x/{count_text}{format}{size_text} {}{separator}", display.number, display.text);
    let addr = match evaluate_expr(session, &display.expr) {
        Ok(value) => value.as_u64(),
        Err(e) => {
            println!("<error: {e}>");
            return;
        }
    };
    let spec_text = format!("{count}{format}{size}");
    let (spec, _) = parse_examine_spec(&spec_text, &ExamineDefaults::default());
    let output = examine_at(session, addr, &spec);
    for line in &output.lines {
        println!("{line}");
    }
    if let Some(error) = output.error {
        println!("{}<error: {error}>", output.partial.unwrap_or_default());
    }
}

/// `info display`'s rows.
pub fn info_lines(session: &mut Session) -> Vec<String> {
    let pc = selected_pc(session);
    let displays = session.displays.displays.clone();
    displays
        .iter()
        .map(|d| {
            let enabled = if d.enabled { 'y' } else { 'n' };
            let note =
                if in_scope(session, d, pc) { "" } else { " (cannot be evaluated in the current context)" };
            format!("{}:   {enabled}  {}{}{note}", d.number, d.format.info_prefix(), d.text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_gdb_reads_them() {
        assert_eq!(DisplayFormat::parse("x").ok(), Some(DisplayFormat::Value(Some('x'))));
        assert_eq!(
            DisplayFormat::parse("i").ok(),
            Some(DisplayFormat::Memory { count: 1, format: 'i', size: 'b' })
        );
        assert_eq!(
            DisplayFormat::parse("2i").ok(),
            Some(DisplayFormat::Memory { count: 2, format: 'i', size: 'b' })
        );
        assert_eq!(
            DisplayFormat::parse("w").ok(),
            Some(DisplayFormat::Memory { count: 1, format: 'x', size: 'w' })
        );
        assert!(DisplayFormat::parse("q").is_err());
        assert_eq!(DisplayFormat::parse("2i").map(|f| f.info_prefix()).ok(), Some("/2bi ".to_string()));
    }
}

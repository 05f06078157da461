//! display, undisplay (also `delete display`), `enable display`, `disable display`, info display.

use super::super::conditions::check_names;
use super::super::display::{info_lines, scope_function, selected_pc, show_all, show_one, DisplayFormat};
use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::Invocation;
use super::data::parse_expression;
use super::running::confirm;

/// `display` shows every display; `display[/FMT] EXPR` adds one. As in gdb, the expression is
/// checked where the selected frame is (an unknown name is an error now, not at each stop).
pub fn display(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        show_all(session);
        return Ok(());
    }
    let (format, text) = match args.strip_prefix('/') {
        Some(rest) => {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (DisplayFormat::parse(&rest[..end])?, rest[end..].trim())
        }
        None => (DisplayFormat::Value(None), args),
    };
    let expr = parse_expression(session, text)?;
    let pc = selected_pc(session);
    check_names(&session.debugger, &expr, pc)?;
    let function = scope_function(session, &expr, pc);
    let number = session.displays.add(text.to_string(), expr, format, function);
    // gdb run from a command file or -ex in batch mode shows nothing until the next stop.
    if how.from_tty {
        show_one(session, number);
    }
    Ok(())
}

/// Display numbers and ranges: `1 3-5`.
fn parse_numbers(text: &str) -> Result<Vec<u32>, CliError> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let bad = || CliError::msg(format!("Arguments must be display numbers. Bad argument: \"{word}\""));
        match word.split_once('-') {
            Some((low, high)) => {
                let (low, high): (u32, u32) =
                    (low.parse().map_err(|_| bad())?, high.parse().map_err(|_| bad())?);
                if low > high {
                    return Err(CliError::msg("inverted range"));
                }
                out.extend(low..=high);
            }
            None => out.push(word.parse().map_err(|_| bad())?),
        }
    }
    Ok(out)
}

/// `undisplay [N...]` / `delete display [N...]`: all (after asking) or the numbered ones.
pub fn undisplay(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    if args.trim().is_empty() {
        if confirm(session, "Delete all auto-display expressions? ") {
            session.displays.displays.clear();
        }
        return Ok(());
    }
    for number in parse_numbers(args)? {
        let list = &mut session.displays.displays;
        match list.iter().position(|d| d.number == number) {
            Some(index) => {
                list.remove(index);
            }
            None => println!("No display number {number}."),
        }
    }
    Ok(())
}

/// `enable display [N...]` / `disable display [N...]`.
pub fn set_enabled(session: &mut Session, args: &str, enabled: bool) -> Result<(), CliError> {
    let numbers = parse_numbers(args)?;
    for display in &mut session.displays.displays {
        if numbers.is_empty() || numbers.contains(&display.number) {
            display.enabled = enabled;
        }
    }
    for number in numbers {
        if !session.displays.displays.iter().any(|d| d.number == number) {
            println!("No display number {number}.");
        }
    }
    Ok(())
}

pub fn info_display(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    if session.displays.displays.is_empty() {
        println!("There are no auto-display expressions now.");
        return Ok(());
    }
    println!("Auto-display expressions now in effect:");
    println!("Num Enb Expression");
    for line in info_lines(session) {
        println!("{line}");
    }
    Ok(())
}

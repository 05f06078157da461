//! set and show: session settings, and `set var` / `set $reg = V` assignments.

use super::super::error::CliError;
use super::super::format::Flavor;
use super::super::session::Session;
use super::super::table::{lookup, Invocation};
use super::data::set_expression;
use super::{SET, SHOW};

/// gdb's boolean setting values (parse_cli_boolean_value): on, or a prefix of 1, yes or enable
/// is true; off or its prefix `of`, or a prefix of 0, no or disable is false (`o` is neither);
/// nothing is true.
pub(super) fn on_off(text: &str) -> Result<bool, CliError> {
    let text = text.trim();
    let prefix_of = |words: &[&str]| words.iter().any(|w| w.starts_with(text));
    if text.is_empty() || text == "on" || prefix_of(&["1", "yes", "enable"]) {
        Ok(true)
    } else if (text.len() >= 2 && "off".starts_with(text)) || prefix_of(&["0", "no", "disable"]) {
        Ok(false)
    } else {
        Err(CliError::msg("\"on\" or \"off\" expected."))
    }
}

/// `set WORD ...`: a setting when WORD names one, else an expression (`set $rax = 5`, `set x = 3`).
pub fn set(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let word_end = args.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(args.len());
    let word = &args[..word_end];
    if word.is_empty() || word.starts_with('$') || word.starts_with('*') || word.starts_with('(') {
        return set_expression(session, args);
    }
    match lookup(SET, word, Some("set")) {
        Ok(spec) => (spec.handler)(session, args[word_end..].trim(), how),
        Err(_) => set_expression(session, args),
    }
}

pub fn set_var(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_expression(session, args)
}

pub fn set_args(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    session.program_args = args.trim().to_string();
    Ok(())
}

pub fn set_flavor(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    session.flavor = match args.trim() {
        "att" => Flavor::Att,
        "intel" => Flavor::Intel,
        "" => return Err(CliError::msg("Requires an argument. Valid arguments are att, intel.")),
        other => return Err(CliError::msg(format!("Undefined item: \"{other}\"."))),
    };
    Ok(())
}

pub fn set_disable_randomization(
    session: &mut Session,
    args: &str,
    _how: Invocation,
) -> Result<(), CliError> {
    session.debugger.disable_randomization = on_off(args)?;
    Ok(())
}

/// Settings gdb has that change nothing for rdbg (no pager, no confirmation in scripts), accepted so
/// that gdb scripts run unchanged.
pub fn set_accepted(_session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    Ok(())
}

pub fn show(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        return Err(CliError::msg("\"show\" must be followed by the name of a show command."));
    }
    let (word, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let spec = lookup(SHOW, word, Some("show"))?;
    (spec.handler)(session, rest, how)
}

pub fn show_args(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    println!(
        "Argument list to give program being debugged when it is started is \"{}\".",
        session.program_args
    );
    Ok(())
}

pub fn show_flavor(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    let name = match session.flavor {
        Flavor::Att => "att",
        Flavor::Intel => "intel",
    };
    println!("The disassembly flavor is \"{name}\".");
    Ok(())
}

pub fn show_disable_randomization(
    session: &mut Session,
    _args: &str,
    _how: Invocation,
) -> Result<(), CliError> {
    let state = if session.debugger.disable_randomization { "on" } else { "off" };
    println!("Disabling randomization of debuggee's virtual address space is {state}.");
    Ok(())
}

pub fn show_version(_session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    println!("rdbg {}", env!("CARGO_PKG_VERSION"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::on_off;

    #[test]
    fn booleans_as_gdb_reads_them() {
        for yes in ["", "on", " on ", "1", "y", "ye", "yes", "e", "enable"] {
            assert_eq!(on_off(yes).ok(), Some(true), "{yes:?}");
        }
        for no in ["of", "off", "0", "n", "no", "d", "disable"] {
            assert_eq!(on_off(no).ok(), Some(false), "{no:?}");
        }
        // `o` could be either; case and extra words are not forgiven.
        for bad in ["o", "ON", "on off", "2", "maybe"] {
            assert!(on_off(bad).is_err(), "{bad:?}");
        }
    }
}

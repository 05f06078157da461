//! file, source, echo, help: commands about the session rather than the program.

use std::path::Path;

use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::{lookup, CommandSpec, Completion, Invocation};
use super::TOP_LEVEL;

pub fn file(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let path = args.trim();
    if path.is_empty() {
        return Err(CliError::msg("No executable file now."));
    }
    session.load_program(Path::new(path))?;
    if how.from_tty {
        println!("Reading symbols from {path}...");
    }
    Ok(())
}

/// Runs every line of a command file; the first error ends the file, reported as gdb does
/// (`FILE:LINE: Error in sourced command file:` and the message).
pub fn run_command_file(session: &mut Session, path: &Path) -> Result<(), CliError> {
    const MAX_DEPTH: usize = 64;
    let text = std::fs::read_to_string(path)
        .map_err(|_| CliError::msg(format!("{}: No such file or directory.", path.display())))?;
    if session.source_depth >= MAX_DEPTH {
        return Err(CliError::msg("Maximum source nesting depth exceeded."));
    }
    session.source_depth += 1;
    let how = Invocation { from_tty: false };
    let mut result = Ok(());
    for (index, line) in text.lines().enumerate() {
        if session.quit_requested {
            break;
        }
        if let Err(error) = session.execute(line, how) {
            result = Err(CliError::msg(format!(
                "{}:{}: Error in sourced command file:\n{error}",
                path.display(),
                index + 1
            )));
            break;
        }
    }
    session.source_depth -= 1;
    result
}

pub fn source(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let path = args.trim();
    if path.is_empty() {
        return Err(CliError::msg("source command requires file name of file to source."));
    }
    run_command_file(session, Path::new(path))
}

/// `echo TEXT`: C escapes are interpreted, a trailing backslash joins nothing, no newline is added.
pub fn echo(_session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = String::new();
    let mut chars = args.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('a') => out.push('\u{7}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    print!("{out}");
    let _ = std::io::stdout().flush();
    Ok(())
}

fn print_list(table: &[CommandSpec]) {
    for spec in table {
        let aliases =
            if spec.aliases.is_empty() { String::new() } else { format!(", {}", spec.aliases.join(", ")) };
        println!("{}{aliases} -- {}", spec.name, spec.summary);
    }
}

pub fn help(_session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    if words.is_empty() {
        println!("List of commands:");
        println!();
        print_list(TOP_LEVEL);
        println!();
        println!("Type \"help\" followed by command name for full documentation.");
        println!("Command name abbreviations are allowed if unambiguous.");
        return Ok(());
    }
    let mut spec = lookup(TOP_LEVEL, words[0], None)?;
    for word in &words[1..] {
        match spec.completion {
            Completion::Subcommands(sub) => spec = lookup(sub, word, None)?,
            _ => break,
        }
    }
    println!("{}", spec.summary);
    if !spec.details.is_empty() {
        println!("{}", spec.details);
    }
    if let Completion::Subcommands(sub) = spec.completion {
        println!();
        println!("List of {} subcommands:", spec.name);
        println!();
        print_list(sub);
    }
    Ok(())
}

//! The one declarative command table: names, aliases, help and completion for every command, and the
//! handler that runs it. `help`, Tab completion and dispatch all read it, so they cannot disagree.
//!
//! Lookup follows gdb: an exact name or alias wins; otherwise a prefix that names exactly one command.

use super::commands;
use super::error::CliError;
use super::session::Session;

/// How a command was invoked: typed at the terminal, or read from a file or `-ex`.
/// gdb prints some chatter ("Starting program: ...", "Continuing.") only for typed commands.
#[derive(Clone, Copy, Debug)]
pub struct Invocation {
    pub from_tty: bool,
}

pub type Handler = fn(&mut Session, &str, Invocation) -> Result<(), CliError>;

/// What Tab completes after the command name.
#[derive(Clone, Copy)]
pub enum Completion {
    Nothing,
    /// Function and source file names (`break`, `list`, `tbreak`).
    Locations,
    /// Command names (`help`).
    Commands,
    /// Paths on disk (`file`, `source`).
    Files,
    /// The subcommands of a prefix command.
    Subcommands(&'static [CommandSpec]),
}

pub struct CommandSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// One line, shown by `help` in the list.
    pub summary: &'static str,
    /// The rest of `help NAME`: usage and details.
    pub details: &'static str,
    pub completion: Completion,
    /// Whether Enter on an empty line runs it again (gdb repeats `next`, `stepi`, `x`, ...).
    pub repeats: bool,
    pub handler: Handler,
}

/// Finds `word` among `table`, gdb-style. `prefix` names the table in messages (`info`, `set`).
pub fn lookup<'t>(
    table: &'t [CommandSpec],
    word: &str,
    prefix: Option<&'static str>,
) -> Result<&'t CommandSpec, CliError> {
    if let Some(spec) = table.iter().find(|c| c.name == word || c.aliases.contains(&word)) {
        return Ok(spec);
    }
    let mut matches: Vec<&CommandSpec> = table.iter().filter(|c| c.name.starts_with(word)).collect();
    matches.dedup_by_key(|c| c.name);
    match (matches.len(), prefix) {
        (1, _) => Ok(matches[0]),
        (0, None) => Err(CliError::UndefinedCommand(word.to_string())),
        (0, Some(prefix)) => Err(CliError::UndefinedSubcommand { prefix, name: word.to_string() }),
        (_, None) => {
            Err(CliError::Ambiguous { name: word.to_string(), candidates: candidate_list(&matches) })
        }
        (_, Some(prefix)) => Err(CliError::AmbiguousSubcommand {
            prefix,
            name: word.to_string(),
            candidates: candidate_list(&matches),
        }),
    }
}

fn candidate_list(matches: &[&CommandSpec]) -> String {
    let mut names: Vec<&str> = matches.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.join(", ")
}

/// Splits a command line into the command word and the rest. gdb lets `x/4xw`, `p/x` and `disas/r`
/// glue their format to the name, so a `/` ends the word too.
pub fn split_command(line: &str) -> (&str, &str) {
    let line = line.trim();
    let end = line.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(line.len());
    let (word, rest) = line.split_at(end);
    (word, rest.trim_start())
}

/// Every name and alias at the top level, sorted, for completion.
pub fn command_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = commands::TOP_LEVEL
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_unique_prefixes() {
        let table = commands::TOP_LEVEL;
        assert_eq!(lookup(table, "b", None).map(|c| c.name).ok(), Some("break"));
        assert_eq!(lookup(table, "c", None).map(|c| c.name).ok(), Some("continue"));
        assert_eq!(lookup(table, "si", None).map(|c| c.name).ok(), Some("stepi"));
        assert_eq!(lookup(table, "ni", None).map(|c| c.name).ok(), Some("nexti"));
        assert_eq!(lookup(table, "disas", None).map(|c| c.name).ok(), Some("disassemble"));
        assert_eq!(lookup(table, "regs", None).map(|c| c.name).ok(), Some("regs"));
        assert_eq!(lookup(table, "tbr", None).map(|c| c.name).ok(), Some("tbreak"));
        assert!(matches!(lookup(table, "frobnicate", None), Err(CliError::UndefinedCommand(_))));
        assert!(matches!(lookup(table, "st", None), Err(CliError::Ambiguous { .. })));
    }

    #[test]
    fn info_subcommands() {
        let table = commands::INFO;
        assert_eq!(lookup(table, "r", Some("info")).map(|c| c.name).ok(), Some("registers"));
        assert_eq!(lookup(table, "b", Some("info")).map(|c| c.name).ok(), Some("breakpoints"));
        assert_eq!(lookup(table, "all", Some("info")).map(|c| c.name).ok(), Some("all-registers"));
    }

    #[test]
    fn format_suffix_splits_from_the_name() {
        assert_eq!(split_command("x/4xw &limits"), ("x", "/4xw &limits"));
        assert_eq!(split_command("  p/x $rsp "), ("p", "/x $rsp"));
        assert_eq!(split_command("info registers rip"), ("info", "registers rip"));
    }
}

//! Shared libraries as the user sees them: `info sharedlibrary`, and `set/show breakpoint pending`
//! (what `break` does with a location no loaded object defines yet).

use crate::engine::{Disposition, EngineError, LocationSpec, SharedLibrary};

use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::Invocation;
use super::running::confirm_default_no;

/// `set breakpoint pending`: whether `break` on an unknown location makes a pending breakpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PendingBreakpoints {
    /// Ask (answered no without a terminal), gdb's default.
    #[default]
    Auto,
    On,
    Off,
}

/// A location spec as the user wrote it, for `Breakpoint 1 (puts) pending.`, the `What` column of a
/// pending breakpoint and `(K locations)` lines.
pub fn spec_text(spec: &LocationSpec) -> String {
    match spec {
        LocationSpec::Function(name) => name.clone(),
        LocationSpec::FileFunction { file, function } => format!("{file}:{function}"),
        LocationSpec::Line { file: Some(file), line } => format!("{file}:{line}"),
        LocationSpec::Line { file: None, line } => line.to_string(),
        LocationSpec::Address(addr) => format!("*{addr:#x}"),
        LocationSpec::SymbolAddress { symbol, offset: 0 } => format!("*{symbol}"),
        LocationSpec::SymbolAddress { symbol, offset } => format!("*{symbol}+{offset}"),
    }
}

/// `break SPEC` found no location (`error`, e.g. `Function "puts" not defined.`): by `set breakpoint
/// pending`, fail (off), ask (auto; no without a terminal, which is not an error), or make the
/// breakpoint pending (on, or a yes), to be resolved when a library that defines it loads.
pub fn offer_pending(
    session: &mut Session,
    spec: LocationSpec,
    disposition: Disposition,
    error: EngineError,
) -> Result<(), CliError> {
    match session.pending_breakpoints {
        PendingBreakpoints::Off => return Err(error.into()),
        PendingBreakpoints::On => eprintln!("{error}"),
        PendingBreakpoints::Auto => {
            eprintln!("{error}");
            if !confirm_default_no(session, "Make breakpoint pending on future shared library load? ") {
                return Ok(());
            }
        }
    }
    let text = spec_text(&spec);
    let number = session.debugger.set_pending_breakpoint(spec, disposition);
    let kind = match disposition {
        Disposition::Keep => "Breakpoint",
        Disposition::Delete => "Temporary breakpoint",
    };
    println!("{kind} {number} ({text}) pending.");
    Ok(())
}

/// `info sharedlibrary [REGEX]` (alias `info shared`). The filter is matched as a substring of the
/// name, which is what gdb's regex does for plain names.
pub fn info_sharedlibrary(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let filter = args.trim();
    let libraries: Vec<SharedLibrary> = session
        .debugger
        .shared_libraries()
        .into_iter()
        .filter(|l| filter.is_empty() || l.path.to_string_lossy().contains(filter))
        .collect();
    if libraries.is_empty() {
        match filter {
            "" => println!("No shared libraries loaded at this time."),
            _ => println!("No shared libraries matched."),
        }
        return Ok(());
    }
    for line in sharedlibrary_table(&libraries) {
        println!("{line}");
    }
    Ok(())
}

/// gdb's table: From and To are the `.text` range, `(*)` marks a library without debug info and
/// brings the footnote.
fn sharedlibrary_table(libraries: &[SharedLibrary]) -> Vec<String> {
    let mut lines = vec![format!("{:<20}{:<20}{:<12}{}", "From", "To", "Syms Read", "Shared Object Library")];
    for lib in libraries {
        let (from, to) = match lib.text {
            Some((low, high)) => (format!("0x{:016x}", low.0), format!("0x{:016x}", high.0)),
            None => (String::new(), String::new()),
        };
        let syms = if lib.has_debug_info { "Yes" } else { "Yes (*)" };
        lines.push(format!("{from:<20}{to:<20}{syms:<12}{}", lib.path.display()));
    }
    if libraries.iter().any(|l| !l.has_debug_info) {
        lines.push("(*): Shared library is missing debugging information.".to_string());
    }
    lines
}

/// `set breakpoint SETTING VALUE`; only `pending` means something to rdbg.
pub fn set_breakpoint_setting(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (word, value) = args.trim().split_once(char::is_whitespace).unwrap_or((args.trim(), ""));
    if word.is_empty() || !"pending".starts_with(word) {
        return Err(undefined("set", word));
    }
    session.pending_breakpoints = match value.trim() {
        "on" | "1" | "yes" | "enable" => PendingBreakpoints::On,
        "off" | "0" | "no" | "disable" => PendingBreakpoints::Off,
        "auto" | "-1" => PendingBreakpoints::Auto,
        _ => return Err(CliError::msg("\"on\", \"off\" or \"auto\" expected.")),
    };
    Ok(())
}

/// `show breakpoint pending`.
pub fn show_breakpoint_setting(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let word = args.trim();
    if word.is_empty() || !"pending".starts_with(word) {
        return Err(undefined("show", word));
    }
    let mode = match session.pending_breakpoints {
        PendingBreakpoints::Auto => "auto",
        PendingBreakpoints::On => "on",
        PendingBreakpoints::Off => "off",
    };
    println!("Debugger's behavior regarding pending breakpoints is {mode}.");
    Ok(())
}

fn undefined(prefix: &str, word: &str) -> CliError {
    CliError::msg(format!(
        "Undefined {prefix} breakpoint command: \"{word}\".  Try \"help {prefix} breakpoint\"."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addr::RuntimeAddr;
    use std::path::PathBuf;

    #[test]
    fn table_matches_gdb_columns_and_footnote() {
        let libraries = [
            SharedLibrary {
                path: PathBuf::from("/lib64/ld-linux-x86-64.so.2"),
                text: Some((RuntimeAddr(0x7ffff7fcb060), RuntimeAddr(0x7ffff7ff0111))),
                has_debug_info: true,
            },
            SharedLibrary {
                path: PathBuf::from("/lib/x86_64-linux-gnu/libz.so.1"),
                text: Some((RuntimeAddr(0x7ffff7f9a000), RuntimeAddr(0x7ffff7fad000))),
                has_debug_info: false,
            },
        ];
        assert_eq!(
            sharedlibrary_table(&libraries),
            [
                "From                To                  Syms Read   Shared Object Library",
                "0x00007ffff7fcb060  0x00007ffff7ff0111  Yes         /lib64/ld-linux-x86-64.so.2",
                "0x00007ffff7f9a000  0x00007ffff7fad000  Yes (*)     /lib/x86_64-linux-gnu/libz.so.1",
                "(*): Shared library is missing debugging information.",
            ]
        );
    }
}

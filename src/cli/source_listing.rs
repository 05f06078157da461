//! gdb's current source position and its one printer of source lines (`print_source_lines_base`),
//! shared by `list` and by stops, so that `list` after a stop behaves as in gdb.
//!
//! gdb keeps: the current source file and line (where `list` goes on), the first and last line the
//! last listing printed (`list -` goes back from the first; gdb 13 leaves the "last" at the first
//! line printed, and `info line` without argument reads it), and the last line a stop displayed
//! (the default file of `info line N`). Printing a range moves the current line past it; showing a
//! stop makes the stop line current and forgets the listed range, so the next `list` centres on it.

use std::io::Write;

use crate::symbols::SourceLocation;

use super::error::CliError;
use super::session::Session;
use super::source::{printable, SourceFile, Visit};

/// `set listsize unlimited` (gdb stores INT_MAX).
pub const UNLIMITED: i64 = i32::MAX as i64;

pub struct ListingState {
    /// gdb's current source symtab and line: `list` with no argument continues here.
    pub current: Option<(SourceFile, i64)>,
    /// The first and "last" line of the last listing; 0 after a stop (the next `list` centres).
    pub first_listed: i64,
    pub last_listed: i64,
    /// The file and line the last stop displayed.
    pub last_displayed: Option<(SourceFile, i64)>,
    /// `set listsize` (10 by default; `UNLIMITED`).
    pub listsize: i64,
}

impl Default for ListingState {
    fn default() -> Self {
        ListingState { current: None, first_listed: 0, last_listed: 0, last_displayed: None, listsize: 10 }
    }
}

impl ListingState {
    /// gdb's `set_current_source_symtab_and_line`: the next `list` centres on `line`.
    pub fn set_current(&mut self, file: SourceFile, line: i64) {
        self.current = Some((file, line));
        self.first_listed = 0;
        self.last_listed = 0;
    }

    /// A new program: its files are other files (the list size stays).
    pub fn forget_files(&mut self) {
        *self = ListingState { listsize: self.listsize, ..ListingState::default() };
    }
}

/// gdb's `print_source_lines_base`: prints lines [line, stop) of `file` and moves the current line
/// after them. A file that cannot be read is reported (once while gdb stays on it) instead.
pub fn print_source_lines(
    session: &mut Session,
    file: &SourceFile,
    line: i64,
    stop: i64,
) -> Result<(), CliError> {
    let state = &mut session.listing;
    state.current = Some((file.clone(), line));
    state.first_listed = line;
    state.last_listed = line;
    match session.sources.visit(file) {
        Visit::MissingFirst => {
            // gdb's print_sys_errmsg goes to stderr; what was printed so far must come first.
            let _ = std::io::stdout().flush();
            eprintln!("{line}\t{}: No such file or directory.", file.name);
            return Ok(());
        }
        Visit::MissingAgain => {
            println!("{line}\tin {}", file.name);
            return Ok(());
        }
        Visit::Readable => {}
    }
    if stop <= line {
        return Ok(());
    }
    let Some(text) = session.sources.text(file) else {
        println!("{line}\tin {}", file.name);
        return Ok(());
    };
    let count = text.lines.len() as i64;
    if line < 1 || line > count {
        return Err(CliError::msg(format!(
            "Line number {line} out of range; {} has {count} lines.",
            file.name
        )));
    }
    let end = stop.min(count + 1);
    let mut out = std::io::stdout().lock();
    for (number, text) in (line..end).zip(&text.lines[(line - 1) as usize..(end - 1) as usize]) {
        let _ = writeln!(out, "{number}\t{}", printable(text));
    }
    session.listing.current = Some((file.clone(), end));
    Ok(())
}

/// The source line of a stop or selected frame (`10\t    int sum = a + b;`), `0xPC\t` in front when
/// the pc is mid-line; then, as gdb's `print_stack_frame` does, the line becomes the current one.
/// When the line is beyond the end of the file gdb abandons the frame's printing: nothing more is
/// printed (not even a newline) and the position stays where the failed listing left it.
pub fn print_frame_source(session: &mut Session, source: &SourceLocation, mid_statement_pc: Option<u64>) {
    if let Some(pc) = mid_statement_pc {
        print!("0x{pc:016x}\t");
    }
    let file = SourceFile::of(source);
    let line = i64::from(source.line);
    if print_source_lines(session, &file, line, line + 1).is_err() {
        let _ = std::io::stdout().flush();
        return;
    }
    session.listing.last_displayed = Some((file.clone(), line));
    session.listing.set_current(file, line);
}

/// gdb's `set_default_source_symtab_and_line`: with no current file yet, the file of `main`, at the
/// line that makes the first `list` show the lines around `main`'s breakpoint line.
pub fn ensure_current(session: &mut Session) -> Result<(SourceFile, i64), CliError> {
    if let Some(current) = &session.listing.current {
        return Ok(current.clone());
    }
    let no_symbols = || CliError::msg("No symbol table is loaded.  Use the \"file\" command.");
    let main = session.debugger.main_source().ok_or_else(no_symbols)?;
    let line = (i64::from(main.line) - (session.listing.listsize - 1)).max(1);
    let current = (SourceFile::of(&main), line);
    session.listing.current = Some(current.clone());
    Ok(current)
}

/// Setting a breakpoint makes gdb work out the full names of its locations' files, which
/// `info source` then shows even for a missing file (see `SourceCache::note_fullname`).
pub fn note_breakpoint_files(session: &mut Session, set: &crate::engine::SetBreakpoint) {
    for source in set.locations.iter().filter_map(|(_, l)| l.source.as_ref()) {
        session.sources.note_fullname(&SourceFile::of(source));
    }
}

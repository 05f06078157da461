//! Source commands: list, info line, info source, directory, show directories, set/show listsize.

use crate::addr::RuntimeAddr;

use super::super::error::CliError;
use super::super::format::address_with_symbol;
use super::super::session::Session;
use super::super::source::SourceFile;
use super::super::source_listing::{ensure_current, print_source_lines, UNLIMITED};
use super::super::table::Invocation;
use super::list_locations::{decode, parse, split_range, Sal};
use super::running::confirm;

/// `list`, `list -`, `list LOCATION`, `list FIRST,LAST`, `list FIRST,`, `list ,LAST` (gdb's
/// `list_command`).
pub fn list(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let arg = args.trim();
    let size = session.listing.listsize;
    if arg.is_empty() || arg == "+" || arg == "-" {
        let (file, line) = ensure_current(session)?;
        let first_listed = session.listing.first_listed;
        if first_listed == 0 {
            // The first listing since the position was set: centre on it.
            let mut first = (line - size / 2).max(1);
            // With one line per listing, `list -` after a stop shows the line before it.
            if arg == "-" && size == 1 && first > 1 {
                first -= 1;
            }
            return print_source_lines(session, &file, first, forward_end(first, size));
        }
        if arg != "-" {
            return print_source_lines(session, &file, line, forward_end(line, size));
        }
        if first_listed == 1 {
            return Err(CliError::msg(format!("Already at the start of {}.", file.name)));
        }
        return print_source_lines(session, &file, (first_listed - size).max(1), first_listed);
    }
    if !session.debugger.program().is_some_and(|p| p.has_debug_info()) {
        return Err(CliError::msg("No symbol table is loaded.  Use the \"file\" command."));
    }
    let (first_text, last_text) = split_range(arg);
    let first: Vec<Sal> = if first_text.is_empty() && last_text.is_some() {
        Vec::new()
    } else {
        // gdb drops locations without line information (`list _start`): nothing to list.
        let sals: Vec<Sal> = decode(session, &parse(first_text)?, None)?;
        let sals: Vec<Sal> = sals.into_iter().filter(|s| s.file.is_some()).collect();
        if sals.is_empty() {
            return Ok(());
        }
        sals
    };
    let dummy_beg = first.is_empty();
    let mut last: Option<Sal> = None;
    let mut dummy_end = false;
    match last_text {
        Some("") => dummy_end = true,
        Some(text) => {
            let default = first.first().and_then(|s| Some((s.file.clone()?, s.line)));
            let sals = decode(session, &parse(text)?, default)?;
            let Some(sal) = sals.into_iter().find(|s| s.file.is_some()) else { return Ok(()) };
            last = Some(sal);
        }
        None => {}
    }
    if let (Some(beg), Some(end)) = (first.first(), &last) {
        if beg.file != end.file {
            return Err(CliError::msg("Specified first and last lines are in different files."));
        }
    }
    if dummy_beg && dummy_end {
        return Err(CliError::msg("Two empty args do not say what lines to list."));
    }
    if arg.starts_with('*') {
        if let Some(sal) = first.first() {
            announce_address(sal);
        }
    }
    if dummy_beg {
        let Some(Sal { file: Some(file), line, .. }) = last else { return Ok(()) };
        return print_source_lines(session, &file, (line + 1 - size).max(1), line + 1);
    }
    if let Some(end) = last {
        let Some(Sal { file: Some(file), line, .. }) = first.first() else { return Ok(()) };
        return print_source_lines(session, file, *line, end.line + 1);
    }
    if dummy_end {
        let Some(Sal { file: Some(file), line, .. }) = first.first() else { return Ok(()) };
        return print_source_lines(session, file, *line, forward_end(*line, size));
    }
    let several = first.len() > 1;
    for sal in &first {
        let Some(file) = &sal.file else { continue };
        if several {
            println!(
                "file: \"{}\", line number: {}, symbol: \"{}\"",
                file.name,
                sal.line,
                sal.function.as_deref().unwrap_or("???")
            );
        }
        let start = (sal.line - size / 2).max(1);
        print_source_lines(session, file, start, forward_end(start, size))?;
    }
    Ok(())
}

/// gdb's forward `source_lines_range`: `size` lines from `start`, capped at INT_MAX.
fn forward_end(start: i64, size: i64) -> i64 {
    (start + size).min(UNLIMITED)
}

/// `list *ADDR` first says where the address is: `0x1139 is in add (basics.c:9).`
fn announce_address(sal: &Sal) {
    let (Some(pc), Some(file)) = (sal.pc, &sal.file) else { return };
    match &sal.function {
        Some(function) => println!("{:#x} is in {function} ({}:{}).", pc.0, file.name, sal.line),
        None => println!("{:#x} is at {}:{}.", pc.0, file.name, sal.line),
    }
}

/// `info line [LOCATION]`: where a line's code is (gdb's `info_line_command`).
pub fn info_line(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let sals = if args.is_empty() {
        let state = &session.listing;
        let sal = match &state.current {
            Some((file, line)) => Sal {
                file: Some(file.clone()),
                line: if state.last_listed != 0 { state.last_listed } else { *line },
                pc: None,
                function: None,
            },
            None => Sal { file: None, line: 0, pc: None, function: None },
        };
        vec![sal]
    } else {
        // A bare line number is in the file of the last stop shown, else the current file.
        let default = session.listing.last_displayed.clone();
        decode(session, &parse(args)?, default)?
    };
    for sal in sals {
        let Some(file) = &sal.file else {
            match sal.pc.filter(|pc| pc.0 != 0) {
                Some(pc) => println!(
                    "No line number information available for address {}",
                    address_with_symbol(&session.debugger, pc.0)
                ),
                None => println!("No line number information available."),
            }
            continue;
        };
        session.sources.note_fullname(file);
        let range = if sal.line > 0 { line_pc_range(session, &sal, file)? } else { None };
        let Some((start, end)) = range else {
            println!("Line number {} is out of range for \"{}\".", sal.line, file.name);
            continue;
        };
        let at = |addr: RuntimeAddr| address_with_symbol(&session.debugger, addr.0);
        if start == end {
            println!(
                "Line {} of \"{}\" is at address {} but contains no code.",
                sal.line,
                file.name,
                at(start)
            );
        } else {
            println!(
                "Line {} of \"{}\" starts at address {} and ends at {}.",
                sal.line,
                file.name,
                at(start),
                at(end)
            );
        }
        // `x/i` goes on from the line's code; `info line` again shows the next line.
        session.examine.next_addr = Some(start.0);
        session.listing.last_listed = sal.line + 1;
    }
    Ok(())
}

/// gdb's `find_line_pc_range`: the row holding the location's address (for a line: where its code
/// starts, or the next line's code when it has none, which then "contains no code").
fn line_pc_range(
    session: &Session,
    sal: &Sal,
    file: &SourceFile,
) -> Result<Option<(RuntimeAddr, RuntimeAddr)>, CliError> {
    let start = match sal.pc {
        Some(pc) => pc,
        None => {
            match u32::try_from(sal.line).ok().map(|line| session.debugger.line_start(&file.full_path, line))
            {
                Some(found) => match found? {
                    Some(pc) => pc,
                    None => return Ok(None),
                },
                None => return Ok(None),
            }
        }
    };
    Ok(Some(match session.debugger.address_line(start) {
        Some((found, row)) if i64::from(found.line) == sal.line => (row.start, row.end),
        Some((_, row)) => (row.start, row.start),
        None => (start, start),
    }))
}

/// `info source`: the current source file and its unit.
pub fn info_source(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    let Some((file, _)) = session.listing.current.clone() else {
        println!("No current source file.");
        return Ok(());
    };
    let facts = session.debugger.unit_facts(&file.full_path);
    println!("Current source file is {}", file.name);
    if let Some(dir) = facts.as_ref().and_then(|f| f.comp_dir.as_deref()) {
        println!("Compilation directory is {dir}");
    }
    // A missing file is "located" only where gdb last worked out its path (see `note_fullname`).
    let named = session.sources.is_named(&file);
    match session.sources.text(&file) {
        Some(text) => {
            println!("Located in {}", text.path.display());
            let count = text.lines.len();
            println!("Contains {count} line{}.", if count == 1 { "" } else { "s" });
        }
        None if named => println!("Located in {}", file.full_path.display()),
        None => {}
    }
    if let Some(facts) = facts {
        println!("Source language is {}.", facts.language);
        println!("Producer is {}.", facts.producer.as_deref().unwrap_or("unknown"));
        println!("Compiled with DWARF {} debugging format.", facts.dwarf_version);
        println!(
            "{} preprocessor macro info.",
            if facts.has_macros { "Includes" } else { "Does not include" }
        );
    }
    Ok(())
}

/// `directory [DIR...]`: adds to the source search path; with no argument, resets it.
pub fn directory(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        if !how.from_tty || confirm(session, "Reinitialize source path to empty? ") {
            session.sources.search_path.reset();
            session.sources.forget();
        }
    } else {
        for warning in session.sources.search_path.add(args) {
            eprintln!("{warning}");
        }
        session.sources.forget();
    }
    if how.from_tty {
        print_directories(session);
    }
    Ok(())
}

fn print_directories(session: &Session) {
    println!("Source directories searched: {}", session.sources.search_path.text());
}

pub fn show_directories(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    print_directories(session);
    Ok(())
}

/// `set listsize N|unlimited` (0 means unlimited; negative sizes are kept, as gdb keeps them).
pub fn set_listsize(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        return Err(CliError::msg("Argument required (integer to set it to, or \"unlimited\")."));
    }
    if args == "unlimited" {
        session.listing.listsize = UNLIMITED;
        return Ok(());
    }
    let value = super::data::evaluate_number(session, args)? as i64;
    if value >= UNLIMITED || value < i64::from(i32::MIN) {
        return Err(CliError::msg(format!("integer {value} out of range")));
    }
    session.listing.listsize = if value == 0 { UNLIMITED } else { value };
    Ok(())
}

pub fn show_listsize(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    let size = session.listing.listsize;
    let text = if size == UNLIMITED { "unlimited".to_string() } else { size.to_string() };
    println!("Number of source lines gdb will list by default is {text}.");
    Ok(())
}

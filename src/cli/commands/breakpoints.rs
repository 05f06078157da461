//! break, tbreak, delete, disable, enable, ignore, info breakpoints.

use crate::addr::RuntimeAddr;
use crate::engine::{
    Breakpoint, Disposition, EngineError, Location, LocationAddr, LocationSpec, SetBreakpoint, WatchAccess,
};
use crate::symbols::SymbolsError;

use super::super::conditions::{parse_condition, split_condition};
use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::Invocation;
use super::libraries::{offer_pending, spec_text};
use super::running::confirm;

/// Parses a location as `break` takes it: `FUNC`, `FILE:LINE`, `LINE`, `*ADDR`, or nothing (the pc).
pub fn parse_location(session: &mut Session, text: &str) -> Result<LocationSpec, CliError> {
    let text = text.trim();
    if text.is_empty() {
        let pc = session
            .debugger
            .pc()
            .map_err(|_| CliError::msg("No default breakpoint location now selected."))?;
        return Ok(LocationSpec::Address(pc.0));
    }
    if let Some(expr) = text.strip_prefix('*') {
        // A symbol (plus a constant) is kept symbolic so it moves with the load address, as gdb
        // evaluates it again when the program starts; anything else is an address now.
        if let Some((symbol, offset)) = symbol_plus_offset(expr) {
            if session.debugger.lookup_symbol(&symbol).is_some() {
                return Ok(LocationSpec::SymbolAddress { symbol, offset });
            }
        }
        return Ok(LocationSpec::Address(super::data::evaluate_number(session, expr)?));
    }
    if let Some((file, rest)) = text.rsplit_once(':') {
        if let Ok(line) = rest.trim().parse::<u32>() {
            return Ok(LocationSpec::Line { file: Some(file.trim().to_string()), line });
        }
        // `FILE:FUNC`, but not a C++ or Rust path (`geo::area`, whose ':' is doubled).
        if !file.ends_with(':') && !file.trim().is_empty() && !rest.trim().is_empty() {
            let function = rest.trim().to_string();
            return Ok(LocationSpec::FileFunction { file: file.trim().to_string(), function });
        }
    }
    if let Ok(line) = text.parse::<u32>() {
        // A bare line is in gdb's current source file (the last listed or stopped in), else main's.
        let file =
            session.listing.current.as_ref().map(|(file, _)| file.full_path.to_string_lossy().into_owned());
        return Ok(LocationSpec::Line { file, line });
    }
    Ok(LocationSpec::Function(text.to_string()))
}

/// `main`, `add+4`, `add + 0x10` as (symbol, offset).
fn symbol_plus_offset(expr: &str) -> Option<(String, i64)> {
    use crate::eval::{BinaryOp, Expr};
    match crate::eval::parse(expr.trim()).ok()? {
        Expr::Symbol(name) => Some((name, 0)),
        Expr::Binary(op @ (BinaryOp::Add | BinaryOp::Sub), left, right) => match (*left, *right) {
            (Expr::Symbol(name), Expr::Int { value, .. }) => {
                let value = i64::try_from(value).ok()?;
                Some((name, if op == BinaryOp::Sub { -value } else { value }))
            }
            _ => None,
        },
        _ => None,
    }
}

/// `Breakpoint 1 at 0x11ab: file basics.c, line 28.` and its multi-location form.
pub fn announce_breakpoint(session: &Session, set: &SetBreakpoint) {
    let kind = match set.disposition {
        Disposition::Keep => "Breakpoint",
        Disposition::Delete => "Temporary breakpoint",
    };
    match set.locations.as_slice() {
        [(addr, location)] => match &location.source {
            Some(source) => {
                println!(
                    "{kind} {} at {:#x}: file {}, line {}.",
                    set.number, addr.0, source.file, source.line
                )
            }
            None => println!("{kind} {} at {:#x}", set.number, addr.0),
        },
        many => {
            let first = many.first().map_or(0, |(a, _)| a.0);
            // gdb names the locations by the spec as written (`malloc. (46 locations)`).
            let spec = session.debugger.breakpoint(set.number).map(|b| spec_text(&b.spec));
            let spec = spec.unwrap_or_else(|| first_function(set));
            println!("{kind} {} at {first:#x}: {spec}. ({} locations)", set.number, many.len());
        }
    }
}

fn first_function(set: &SetBreakpoint) -> String {
    set.locations.first().and_then(|(_, l)| l.function.clone()).unwrap_or_default()
}

fn set_breakpoint(session: &mut Session, args: &str, disposition: Disposition) -> Result<(), CliError> {
    let (location, condition) = split_condition(args);
    let spec = parse_location(session, location)?;
    // The condition is checked before the breakpoint exists, so a bad one sets nothing (as in gdb).
    let condition = match condition {
        Some(text) => {
            let bias = session.debugger.bias();
            let addrs: Vec<RuntimeAddr> = match session.debugger.resolve(&spec) {
                Ok(locations) => locations.iter().map(|l| l.runtime(bias)).collect(),
                Err(_) => Vec::new(),
            };
            Some(parse_condition(session, text, &addrs)?)
        }
        None => None,
    };
    match session.debugger.set_breakpoint(spec.clone(), disposition) {
        Ok(set) => {
            if condition.is_some() {
                session.debugger.set_condition(set.number, condition)?;
            }
            announce_breakpoint(session, &set);
            super::super::source_listing::note_breakpoint_files(session, &set);
        }
        // Nothing loaded defines it (yet): gdb offers a pending breakpoint (commands/libraries.rs).
        Err(
            e @ (EngineError::FunctionNotDefined(_)
            | EngineError::FunctionNotDefinedInFile { .. }
            | EngineError::Symbols(SymbolsError::NoSourceFile(_))),
        ) => return offer_pending(session, spec, disposition, e),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

pub fn break_(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_breakpoint(session, args, Disposition::Keep)
}

pub fn tbreak(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_breakpoint(session, args, Disposition::Delete)
}

/// A breakpoint number list: `1 2 5-7`, with `N.M` naming one location.
fn parse_numbers(text: &str) -> Result<Vec<(u32, Option<usize>)>, CliError> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let bad = || {
            CliError::msg(format!("Convenience variable must have integer value.\nArgs must be numbers or '$' variables. Bad argument: \"{word}\""))
        };
        if let Some((low, high)) = word.split_once('-') {
            let (low, high): (u32, u32) = (low.parse().map_err(|_| bad())?, high.parse().map_err(|_| bad())?);
            if low > high {
                return Err(CliError::msg("inverted range"));
            }
            out.extend((low..=high).map(|n| (n, None)));
        } else if let Some((n, m)) = word.split_once('.') {
            out.push((n.parse().map_err(|_| bad())?, Some(m.parse().map_err(|_| bad())?)));
        } else {
            out.push((word.parse().map_err(|_| bad())?, None));
        }
    }
    Ok(out)
}

pub fn delete(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if let Some(rest) = args.strip_prefix("display") {
        return super::display::undisplay(session, rest, how);
    }
    let args = args.strip_prefix("breakpoints").map(str::trim).unwrap_or(args);
    if args.is_empty() {
        if how.from_tty
            && !session.debugger.breakpoints().is_empty()
            && !confirm(session, "Delete all breakpoints? ")
        {
            return Ok(());
        }
        session.debugger.delete_breakpoints(&[])?;
        return Ok(());
    }
    let numbers: Vec<u32> = parse_numbers(args)?.into_iter().map(|(n, _)| n).collect();
    // gdb reports a missing number and goes on with the others; it is not an error.
    for missing in session.debugger.delete_breakpoints(&numbers)? {
        println!("No breakpoint number {missing}.");
    }
    Ok(())
}

fn set_enabled(session: &mut Session, args: &str, enabled: bool) -> Result<(), CliError> {
    if let Some(rest) = args.trim().strip_prefix("display") {
        return super::display::set_enabled(session, rest, enabled);
    }
    if args.trim().is_empty() {
        session.debugger.set_enabled_all(enabled)?;
        return Ok(());
    }
    for (number, location) in parse_numbers(args)? {
        match session.debugger.set_enabled(number, location, enabled) {
            Err(EngineError::NoBreakpoint(n)) => println!("No breakpoint number {n}."),
            other => other?,
        }
    }
    Ok(())
}

pub fn enable(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_enabled(session, args, true)
}

pub fn disable(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_enabled(session, args, false)
}

pub fn ignore(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let mut words = args.split_whitespace();
    let number = words.next().ok_or(CliError::ArgumentRequired("a breakpoint number"))?;
    let number: u32 =
        number.parse().map_err(|_| CliError::msg(format!("Bad breakpoint argument: '{}'", args.trim())))?;
    let count_text: String = words.collect::<Vec<_>>().join(" ");
    if count_text.is_empty() {
        return Err(CliError::msg("Second argument (specified ignore-count) is missing."));
    }
    let count = super::data::evaluate_number(session, &count_text)?;
    session.debugger.set_ignore_count(number, count)?;
    if how.from_tty {
        match count {
            0 => println!("Will stop next time breakpoint {number} is reached."),
            1 => println!("Will ignore next crossing of breakpoint {number}."),
            n => println!("Will ignore next {n} crossings of breakpoint {number}."),
        }
    }
    Ok(())
}

/// `condition N EXPR` sets breakpoint N's condition, `condition N` removes it.
pub fn condition(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let (number_text, text) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if number_text.is_empty() {
        return Err(CliError::ArgumentRequired("breakpoint number"));
    }
    let number: u32 =
        number_text.parse().map_err(|_| CliError::msg(format!("Bad breakpoint argument: '{args}'")))?;
    let bias = session.debugger.bias();
    let addrs: Vec<RuntimeAddr> = match session.debugger.breakpoint(number) {
        Some(bp) => bp.locations.iter().map(|l| l.runtime(bias)).collect(),
        None => return Err(CliError::msg(format!("No breakpoint number {number}."))),
    };
    if text.trim().is_empty() {
        session.debugger.set_condition(number, None)?;
        if how.from_tty {
            println!("Breakpoint {number} now unconditional.");
        }
        return Ok(());
    }
    let condition = parse_condition(session, text, &addrs)?;
    session.debugger.set_condition(number, Some(condition))?;
    Ok(())
}

/// `in main at basics.c:28`, or `<main+4>` without line info.
fn what_column(session: &mut Session, location: &Location, addr: u64) -> String {
    match (&location.function, &location.source) {
        (Some(function), Some(source)) => {
            // C++ functions show their whole signature here (`geo::Square::area() const`).
            let name = session
                .debugger
                .cplus_signature(crate::addr::RuntimeAddr(addr))
                .unwrap_or_else(|| function.clone());
            format!("in {name} at {}:{}", source.file, source.line)
        }
        _ => match session.debugger.symbolize(crate::addr::RuntimeAddr(addr)) {
            Some((name, 0)) => format!("<{name}>"),
            Some((name, off)) => format!("<{name}+{off}>"),
            None => String::new(),
        },
    }
}

fn hit_lines(bp: &Breakpoint) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(condition) = &bp.condition {
        lines.push(format!("\tstop only if {}", condition.text));
    }
    match bp.hit_count {
        0 => {}
        1 => lines.push("\tbreakpoint already hit 1 time".to_string()),
        n => lines.push(format!("\tbreakpoint already hit {n} times")),
    }
    if bp.ignore_count > 0 {
        lines.push(format!("\tignore next {} hits", bp.ignore_count));
    }
    lines
}

pub fn info_breakpoints(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    if !print_breakpoint_table(session, false) {
        println!("No breakpoints or watchpoints.");
    }
    Ok(())
}

/// gdb's breakpoint table (only its watchpoints with `watchpoints_only`); false when it is empty.
pub fn print_breakpoint_table(session: &mut Session, watchpoints_only: bool) -> bool {
    let breakpoints: Vec<Breakpoint> = session
        .debugger
        .breakpoints()
        .iter()
        .filter(|b| !watchpoints_only || b.watch.is_some())
        .cloned()
        .collect();
    if breakpoints.is_empty() {
        return false;
    }
    let bias = session.debugger.bias();
    // gdb narrows the Address column when no breakpoint has an address (all pending).
    let width =
        if breakpoints.iter().any(|b| !b.locations.is_empty() || b.watch.is_some()) { 18 } else { 10 };
    println!("Num     Type           Disp Enb {:<width$} What", "Address");
    for bp in &breakpoints {
        let disp = match bp.disposition {
            Disposition::Keep => "keep",
            Disposition::Delete => "del",
        };
        let enb = if bp.enabled { "y" } else { "n" };
        if let Some(watch) = &bp.watch {
            let kind = match watch.access {
                WatchAccess::Write => "hw watchpoint",
                WatchAccess::Read => "read watchpoint",
                WatchAccess::Access => "acc watchpoint",
            };
            println!("{:<7} {kind:<14} {disp:<4} {enb:<3} {:<18} {}", bp.number, "", watch.expression);
        } else if bp.locations.iter().all(|l| matches!(l.addr, LocationAddr::Unloaded(_))) {
            // No location, or only ones in unloaded libraries: gdb's pending row.
            let what = spec_text(&bp.spec);
            println!(
                "{:<7} {:<14} {:<4} {:<3} {:<width$} {what}",
                bp.number, "breakpoint", disp, enb, "<PENDING>"
            );
        } else if let [location] = bp.locations.as_slice() {
            let addr = location.runtime(bias).0;
            let what = what_column(session, location, addr);
            let enb = if bp.enabled && location.enabled { "y" } else { "n" };
            println!("{:<7} {:<14} {:<4} {:<3} 0x{addr:016x} {what}", bp.number, "breakpoint", disp, enb);
        } else {
            println!("{:<7} {:<14} {:<4} {:<3} {:<18} ", bp.number, "breakpoint", disp, enb, "<MULTIPLE>");
        }
        for line in hit_lines(bp) {
            println!("{line}");
        }
        if bp.locations.len() > 1 {
            for (i, location) in bp.locations.iter().enumerate() {
                let addr = location.runtime(bias).0;
                let what = what_column(session, location, addr);
                let enb = if location.enabled { "y" } else { "n" };
                let number = format!("{}.{}", bp.number, i + 1);
                println!("{number:<28}{enb:<3} 0x{addr:016x} {what}");
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_lists() {
        assert_eq!(
            parse_numbers("1 3-5 2.1").ok(),
            Some(vec![(1, None), (3, None), (4, None), (5, None), (2, Some(1))])
        );
        assert!(parse_numbers("x").is_err());
    }
}

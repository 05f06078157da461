//! The stack: backtrace (bt, where), frame, up, down, info frame, in gdb's words.

use crate::engine::{EngineError, Frame, FrameInfo, FrameKind, PreviousSp};
use crate::eval::Value;

use super::super::error::CliError;
use super::super::frame_text::args_text;
use super::super::session::Session;
use super::super::stop_text::session_location_line;
use super::super::table::Invocation;
use super::data::{evaluate_text, with_printer_in};
use super::values::frame_locals_lines;

/// A count or level argument: any expression, as gdb takes it (`bt 2+1`, `frame $n`).
fn signed_argument(session: &mut Session, text: &str) -> Result<i64, CliError> {
    Ok(match evaluate_text(session, text)? {
        Value::Int { value, .. } => i64::try_from(value).unwrap_or(i64::MAX),
        other => other.as_u64() as i64,
    })
}

/// `#N  ...`: the backtrace line of one frame.
fn frame_text(session: &mut Session, frame: &Frame) -> String {
    match frame.kind {
        FrameKind::Signal => format!("#{:<2} <signal handler called>", frame.level),
        FrameKind::CallDummy => format!("#{:<2} <function called from gdb>", frame.level),
        // The line of a frame with an inlined call inside it is that call's site, which its pc says
        // nothing about: gdb shows no address there. A caller's pc is mid-line; a frame whose pc
        // is exact (frame 0, or the one a debugger's call interrupted) shows it only mid-line.
        FrameKind::Normal | FrameKind::Inline | FrameKind::TailCall => {
            let is_caller = frame.lookup_pc != frame.pc();
            let always_show_address = frame.level > 0 && !frame.at_call_site && is_caller;
            format!(
                "#{:<2} {}",
                frame.level,
                session_location_line(session, &frame.description, always_show_address)
            )
        }
    }
}

/// What `frame`, `up` and `down` print: the frame line, then its source line when there is one.
fn print_selected(session: &mut Session, frame: &Frame) {
    println!("{}", frame_text(session, frame));
    if !frame.kind.is_marker() {
        if let Some(source) = &frame.description.source {
            // As in gdb, the shown frame's line becomes the current one: `list` centres on it.
            super::super::source_listing::print_frame_source(session, source, None);
        }
    }
}

/// Splits `full` / `-full` off `backtrace`'s arguments: whether it was there, and the rest.
fn full_qualifier(args: &str) -> (bool, &str) {
    let args = args.trim();
    let (word, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    match word {
        "full" | "-full" => (true, rest.trim()),
        _ => (false, args),
    }
}

/// `backtrace [full] [N | -N]`, also `bt` and `where`.
pub fn backtrace(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let (full, args) = full_qualifier(args);
    let count = if args.is_empty() { None } else { Some(signed_argument(session, args)?) };
    let limit = match count {
        Some(n) if n >= 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        _ => None,
    };
    // One frame more than asked tells whether to say that more follow.
    let trace = session.debugger.backtrace(limit.map(|l| l.saturating_add(1)))?;
    let mut frames = trace.frames;
    let more = limit.is_some_and(|l| frames.len() > l);
    match count {
        Some(n) if n < 0 => {
            let keep = usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX);
            let skip = frames.len().saturating_sub(keep);
            frames.drain(..skip);
        }
        Some(_) => frames.truncate(limit.unwrap_or(usize::MAX)),
        None => {}
    }
    let mut out = String::new();
    for frame in &frames {
        out.push_str(&frame_text(session, frame));
        out.push('\n');
        if full {
            for line in frame_locals_lines(session, frame) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    print!("{out}");
    if let (Some(reason), false) = (&trace.stopped, more) {
        println!("Backtrace stopped: {reason}");
    }
    if more && how.from_tty {
        println!("(More stack frames follow...)");
    }
    Ok(())
}

/// `frame [N]`, `frame level N`, `frame function NAME`, `frame address ADDR`.
pub fn frame(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let (word, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let frame = if args.is_empty() {
        session.debugger.selected_frame()?
    } else if word == "function" {
        let name = rest.trim();
        let trace = session.debugger.backtrace(None)?;
        // As gdb, by pc: the innermost frame whose pc lies in the function or in one the function is
        // inlined into, so the calls inlined there (whose frames share the pc) count as the function.
        let mut group_start = 0;
        let mut found = None;
        for (i, f) in trace.frames.iter().enumerate() {
            let named = f.description.function.as_deref() == Some(name)
                || session.debugger.describe(f.pc()).function.as_deref() == Some(name);
            if !f.kind.is_marker() && named {
                found = trace.frames.get(group_start);
                break;
            }
            if f.kind != FrameKind::Inline {
                group_start = i + 1;
            }
        }
        let level = found
            .map(|f| f.level)
            .ok_or_else(|| CliError::msg(format!("No frame for function \"{name}\".")))?;
        session.debugger.select_frame(level)?
    } else if word == "address" {
        select_address(session, rest.trim())?
    } else {
        let text = if word == "level" { rest.trim() } else { args };
        select_level(session, text)?
    };
    print_selected(session, &frame);
    Ok(())
}

/// `frame address ADDR`: the innermost frame whose frame address (`info frame`'s "frame at", the
/// CFA) is ADDR.
fn select_address(session: &mut Session, text: &str) -> Result<Frame, CliError> {
    if text.is_empty() {
        return Err(CliError::msg("Argument required (expression to compute)."));
    }
    let address = signed_argument(session, text)? as u64;
    let trace = session.debugger.backtrace(None)?;
    let level = trace
        .frames
        .iter()
        .find(|f| !f.kind.is_marker() && f.cfa() == Some(address))
        .map(|f| f.level)
        .ok_or_else(|| CliError::msg(format!("No frame at address {text}.")))?;
    Ok(session.debugger.select_frame(level)?)
}

/// `frame N`: gdb evaluates N, then reports a missing level as the user spelled it.
fn select_level(session: &mut Session, text: &str) -> Result<Frame, CliError> {
    if !session.debugger.is_running() {
        return Err(EngineError::NoRegisters.into());
    }
    let level = signed_argument(session, text)?;
    let missing = || CliError::from(EngineError::NoFrameAtLevel(text.to_string()));
    let level = usize::try_from(level).map_err(|_| missing())?;
    session.debugger.select_frame(level).map_err(|e| match e {
        EngineError::NoFrameAtLevel(_) => missing(),
        other => other.into(),
    })
}

fn relative(session: &mut Session, args: &str, direction: i64) -> Result<(), CliError> {
    let args = args.trim();
    if !session.debugger.is_running() {
        return Err(EngineError::NoStack.into());
    }
    let count = if args.is_empty() { 1 } else { signed_argument(session, args)? };
    let frame = session.debugger.select_relative(count.saturating_mul(direction), !args.is_empty())?;
    print_selected(session, &frame);
    Ok(())
}

/// `up [N]`: towards the callers.
pub fn up(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    relative(session, args, 1)
}

/// `down [N]`: towards the innermost frame.
pub fn down(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    relative(session, args, -1)
}

/// `info frame [N]`.
pub fn info_frame(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    let text = args.strip_prefix("level").map(str::trim).unwrap_or(args);
    let level = if text.is_empty() {
        None
    } else {
        if !session.debugger.is_running() {
            return Err(EngineError::NoRegisters.into());
        }
        let n = signed_argument(session, text)?;
        Some(usize::try_from(n).map_err(|_| CliError::from(EngineError::NoFrameAtLevel(text.to_string())))?)
    };
    let info = session.debugger.frame_info(level).map_err(|e| match e {
        EngineError::NoFrameAtLevel(_) => CliError::from(EngineError::NoFrameAtLevel(text.to_string())),
        other => other.into(),
    })?;
    print!("{}", info_frame_text(session, &info, level.is_none()));
    Ok(())
}

/// gdb's `info frame` block.
fn info_frame_text(session: &mut Session, info: &FrameInfo, with_level: bool) -> String {
    let frame = &info.frame;
    let description = &frame.description;
    let mut out = String::new();
    let cfa = frame.cfa().unwrap_or(0);
    if with_level {
        out.push_str(&format!("Stack level {}, frame at {cfa:#x}:\n", frame.level));
    } else {
        out.push_str(&format!("Stack frame at {cfa:#x}:\n"));
    }
    out.push_str(&format!(" rip = {:#x}", frame.pc().0));
    if let Some(function) = &description.function {
        out.push_str(&format!(" in {function}"));
    }
    let source = description.source.as_ref().filter(|_| !frame.kind.is_marker());
    if let Some(source) = source {
        out.push_str(&format!(" ({}:{})", source.file, source.line));
    }
    match info.saved_pc {
        Some(pc) => out.push_str(&format!("; saved rip = {pc:#x}\n")),
        None => out.push_str("; saved rip = <not saved>\n"),
    }
    let mut links = String::new();
    if frame.kind == FrameKind::Inline {
        links.push_str(&format!(" inlined into frame {}", frame.level + 1));
    } else if frame.kind == FrameKind::TailCall {
        links.push_str(" tail call frame");
    } else if let Some(caller) = info.caller_cfa {
        links.push_str(&format!(" called by frame at {caller:#x}"));
    }
    if let Some(callee) = info.callee_cfa {
        if !links.is_empty() {
            links.push(',');
        }
        links.push_str(&format!(" caller of frame at {callee:#x}"));
    }
    if !links.is_empty() {
        out.push_str(&links);
        out.push('\n');
    }
    if let (Some(_), Some(language)) = (source, info.language) {
        out.push_str(&format!(" source language {language}.\n"));
    }
    match info.args_address {
        Some(addr) => {
            let args = with_printer_in(session, None, false, |printer| args_text(&description.args, printer));
            out.push_str(&format!(" Arglist at {addr:#x}, args: {args}\n"));
            out.push_str(&format!(" Locals at {addr:#x},"));
        }
        None => {
            out.push_str(" Arglist at unknown address.\n");
            out.push_str(" Locals at unknown address,");
        }
    }
    match info.previous_sp {
        Some(PreviousSp::Is(sp)) => out.push_str(&format!(" Previous frame's sp is {sp:#x}\n")),
        Some(PreviousSp::At(addr)) => out.push_str(&format!(" Previous frame's sp at {addr:#x}\n")),
        Some(PreviousSp::In(register)) => out.push_str(&format!(" Previous frame's sp in {register}\n")),
        None => {}
    }
    if !info.saved_registers.is_empty() {
        let saved: Vec<String> =
            info.saved_registers.iter().map(|(name, addr)| format!(" {name} at {addr:#x}")).collect();
        out.push_str(" Saved registers:\n ");
        out.push_str(&saved.join(","));
        out.push('\n');
    } else if info.previous_sp.is_none() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::full_qualifier;

    #[test]
    fn full_qualifier_is_split_off_the_count() {
        assert_eq!(full_qualifier("full"), (true, ""));
        assert_eq!(full_qualifier(" -full  -3 "), (true, "-3"));
        assert_eq!(full_qualifier("2"), (false, "2"));
        assert_eq!(full_qualifier("fullness"), (false, "fullness"));
    }
}

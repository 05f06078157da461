//! gdb's lines for stops and frames: `Breakpoint 1, main () at basics.c:28`, the source line,
//! `Program received signal ...`, `[Inferior 1 (process N) exited normally]`.

use crate::engine::{FrameDescription, Stop, StopReason, WatchAccess, WatchHit, WatchValues};
use crate::eval::{Object, Value};

use super::commands::data::{with_printer, with_printer_in};
use super::frame_text::args_text;
use super::session::Session;
use super::signals::{signal_description, signal_name};
use super::source_listing::print_frame_source;
use super::value_text::Printer;

/// gdb's `print_what`: the whole location plus source, or (after a step within one function) only
/// the source line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    SourceAndLocation,
    SourceLine,
}

/// `FUNC (ARGS) at FILE:LINE`, with `0xADDR in ` in front when the pc is not where a line starts,
/// or `0xADDR in FUNC () from LIB` without line info.
pub fn location_line(
    frame: &FrameDescription,
    always_show_address: bool,
    printer: &mut Printer<'_>,
) -> String {
    let function = frame.function.as_deref().unwrap_or("??");
    let show_address = always_show_address || !frame.pc_is_line_start();
    let mut text = String::new();
    if show_address {
        text.push_str(&format!("0x{:016x} in ", frame.pc.0));
    }
    text.push_str(function);
    text.push_str(&format!(" ({})", args_text(&frame.args, printer)));
    if let Some(source) = &frame.source {
        text.push_str(&format!(" at {}:{}", source.file, source.line));
    } else if let Some(library) = &frame.library {
        text.push_str(&format!(" from {}", library.display()));
    }
    text
}

fn print_frame(session: &mut Session, frame: &FrameDescription, detail: Detail) {
    match (&frame.source, detail) {
        (Some(source), Detail::SourceLine) => {
            let mid_statement = (!frame.pc_is_line_start()).then_some(frame.pc.0);
            print_frame_source(session, source, mid_statement);
        }
        (Some(source), Detail::SourceAndLocation) => {
            println!("{}", session_location_line(session, frame, false));
            print_frame_source(session, source, None);
        }
        (None, _) => println!("{}", session_location_line(session, frame, true)),
    }
}

/// `#0  add (a=0, b=0) at basics.c:10`: a frame line of the backtrace shape (frame 0 shows its
/// address only when the pc is not where a line starts).
pub fn frame_line(session: &mut Session, level: usize, frame: &FrameDescription) -> String {
    // gdb's `#%-2d `: levels of three digits and more push the location right.
    format!("#{level:<2} {}", session_location_line(session, frame, level > 0))
}

/// `location_line` with the session's memory and print settings behind the argument values.
pub fn session_location_line(
    session: &mut Session,
    frame: &FrameDescription,
    always_show_address: bool,
) -> String {
    with_printer_in(session, None, false, |printer| location_line(frame, always_show_address, printer))
}

/// gdb's name of a hardware watchpoint of each kind, as set and stop messages say it.
pub fn watchpoint_kind(access: WatchAccess) -> &'static str {
    match access {
        WatchAccess::Write => "Hardware watchpoint",
        WatchAccess::Read => "Hardware read watchpoint",
        WatchAccess::Access => "Hardware access (read/write) watchpoint",
    }
}

/// Prints a stop as gdb does after `run`, `continue`, `stepi` and friends.
pub fn print_stop(session: &mut Session, stop: &Stop) {
    match &stop.reason {
        StopReason::Exited { pid, code } => {
            if *code == 0 {
                println!("[Inferior 1 (process {pid}) exited normally]");
            } else {
                println!("[Inferior 1 (process {pid}) exited with code 0{code:o}]");
            }
        }
        StopReason::Terminated { signal, .. } => {
            println!();
            println!(
                "Program terminated with signal {}, {}.",
                signal_name(*signal),
                signal_description(*signal)
            );
            println!("The program no longer exists.");
        }
        StopReason::Breakpoint { number, location, temporary } => {
            println!();
            let kind = if *temporary { "Temporary breakpoint" } else { "Breakpoint" };
            match location {
                Some(m) => print!("{kind} {number}.{m}, "),
                None => print!("{kind} {number}, "),
            }
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
        StopReason::Signal { signal } => {
            println!();
            println!("Program received signal {}, {}.", signal_name(*signal), signal_description(*signal));
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
        StopReason::AtEntry => {
            println!();
            println!("Program stopped.");
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
        StopReason::Attached | StopReason::FunctionFinished | StopReason::LocationReached => {
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
        StopReason::StepFinished => {
            let detail = if stop.same_function { Detail::SourceLine } else { Detail::SourceAndLocation };
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, detail);
            }
        }
        // gdb stops silently when a call it made, interrupted earlier, returns.
        StopReason::CallReturned => {}
        StopReason::Watchpoint(hit) => {
            let WatchHit { number, access, expression, ty, values } = &**hit;
            println!();
            println!("{} {number}: {expression}", watchpoint_kind(*access));
            println!();
            let text = |session: &mut Session, bytes: &[u8]| {
                let value = Value::Object(Object::computed(ty.0.clone(), bytes.to_vec()));
                with_printer(session, None, |printer| printer.plain(&value)).unwrap_or_else(|e| e)
            };
            match values {
                WatchValues::Changed { old, new } => {
                    println!("Old value = {}", text(session, old));
                    println!("New value = {}", text(session, new));
                }
                WatchValues::Same(value) => println!("Value = {}", text(session, value)),
            }
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
        StopReason::WatchpointScope { numbers } => {
            for number in numbers {
                println!();
                println!("Watchpoint {number} deleted because the program has left the block in");
                println!("which its expression is valid.");
            }
            if let Some(frame) = &stop.frame {
                print_frame(session, frame, Detail::SourceAndLocation);
            }
        }
    }
}

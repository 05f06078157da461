//! Starting, resuming and ending the program: run, start, starti, continue, stepi, nexti, kill, quit.

use std::path::PathBuf;

use crate::engine::{
    Debugger, Disposition, EngineError, LineStep, LocationSpec, RunRequest, Stop, StopReason,
};
use crate::target::Redirect;

use super::super::error::CliError;
use super::super::session::Session;
use super::super::stop_text::{frame_line, print_stop};
use super::super::table::Invocation;
use super::super::words::split_words;
use super::breakpoints::{announce_breakpoint, parse_location};
use crate::eval::{Object, Value};

/// Asks a yes/no question the way gdb does; with no terminal (or in batch mode) the answer is yes.
pub fn confirm(session: &Session, question: &str) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    if session.batch || !std::io::stdin().is_terminal() {
        println!("{question}(y or n) [answered Y; input not from terminal]");
        return true;
    }
    loop {
        print!("{question}(y or n) ");
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer).unwrap_or(0) == 0 {
            println!("EOF [answered Y; input not from terminal]");
            return true;
        }
        match answer.trim() {
            "y" | "Y" | "yes" => return true,
            "n" | "N" | "no" => return false,
            _ => println!("Please answer y or n."),
        }
    }
}

/// gdb's `nquery`: a question whose default is no; without a terminal the answer is no.
pub fn confirm_default_no(session: &Session, question: &str) -> bool {
    use std::io::{BufRead, IsTerminal, Write};
    if session.batch || !std::io::stdin().is_terminal() {
        println!("{question}(y or [n]) [answered N; input not from terminal]");
        return false;
    }
    print!("{question}(y or [n]) ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes")
}

/// Parses `ARGS < IN > OUT 2> ERR >> APPEND` without a shell: words, quotes and redirections.
pub fn parse_run_args(text: &str) -> Result<RunRequest, CliError> {
    let mut request = RunRequest::default();
    let words = split_words(text).map_err(CliError::msg)?;
    let mut iter = words.into_iter();
    while let Some(word) = iter.next() {
        let (op, rest) = match word.as_str() {
            w if w.starts_with("2>>") => ("2>>", &w[3..]),
            w if w.starts_with("2>") => ("2>", &w[2..]),
            w if w.starts_with(">>") => (">>", &w[2..]),
            w if w.starts_with('>') => (">", &w[1..]),
            w if w.starts_with('<') => ("<", &w[1..]),
            _ => {
                request.args.push(word);
                continue;
            }
        };
        let target = if rest.is_empty() {
            iter.next().ok_or_else(|| CliError::msg(format!("Missing file name after `{op}'.")))?
        } else {
            rest.to_string()
        };
        let path = PathBuf::from(target);
        match op {
            "<" => request.stdin = Some(path),
            ">" => request.stdout = Some(Redirect { path, append: false }),
            ">>" => request.stdout = Some(Redirect { path, append: true }),
            "2>" => request.stderr = Some(Redirect { path, append: false }),
            _ => request.stderr = Some(Redirect { path, append: true }),
        }
    }
    Ok(request)
}

/// Before starting again: gdb asks whether to kill the running process (only when typed: a command
/// file restarts without asking).
fn ready_to_start(session: &mut Session, how: Invocation) -> Result<(), CliError> {
    if session.debugger.is_running() {
        let question = "The program being debugged has been started already.\nStart it from the beginning? ";
        if how.from_tty && !confirm(session, question) {
            return Err(CliError::msg("Program not restarted."));
        }
        session.debugger.kill();
    }
    if session.debugger.program().is_none() {
        return Err(CliError::msg(
            "No executable file specified.\nUse the \"file\" or \"exec-file\" command.",
        ));
    }
    Ok(())
}

/// The request for this run: new arguments replace the remembered ones; none reuses them.
fn run_request(session: &mut Session, args: &str) -> Result<RunRequest, CliError> {
    if !args.trim().is_empty() {
        split_words(args).map_err(CliError::msg)?;
        session.program_args = args.trim().to_string();
    }
    parse_run_args(&session.program_args)
}

fn starting_program(session: &Session, how: Invocation) {
    if !how.from_tty {
        return;
    }
    if let Some(program) = session.debugger.program() {
        let args = &session.program_args;
        let sep = if args.is_empty() { "" } else { " " };
        println!("Starting program: {}{sep}{args}", program.path().display());
    }
}

pub fn report(session: &mut Session, stop: &Stop) {
    session.print_notices();
    print_stop(session, stop);
    // gdb shows the auto-displays at every stop the program is still there for.
    if stop.frame.is_some() && session.debugger.is_running() {
        super::super::display::show_all(session);
    }
}

/// What `run` and `starti` share: the restart question, the arguments, the banner, then `go`.
fn start_program(
    session: &mut Session,
    args: &str,
    how: Invocation,
    go: fn(&mut Debugger, &RunRequest) -> Result<Stop, EngineError>,
) -> Result<(), CliError> {
    ready_to_start(session, how)?;
    let request = run_request(session, args)?;
    starting_program(session, how);
    let stop = session.resume(|d| go(d, &request))?;
    report(session, &stop);
    Ok(())
}

pub fn run(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    start_program(session, args, how, Debugger::run)
}

pub fn start(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    ready_to_start(session, how)?;
    let set = session.debugger.set_breakpoint(LocationSpec::Function("main".into()), Disposition::Delete)?;
    announce_breakpoint(session, &set);
    run(session, args, how)
}

pub fn starti(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    start_program(session, args, how, Debugger::start_at_first_instruction)
}

pub fn continue_(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    if !session.debugger.is_running() {
        return Err(CliError::msg("The program is not being run."));
    }
    if !args.trim().is_empty() {
        let n = super::data::evaluate_number(session, args)?;
        if let Some(number) = session.debugger.ignore_current_breakpoint(n.saturating_sub(1))? {
            if how.from_tty {
                println!(
                    "Will ignore next {} crossings of breakpoint {number}.  Continuing.",
                    n.saturating_sub(1)
                );
            }
        } else if how.from_tty {
            println!("Not stopped at any breakpoint; argument ignored.");
        }
    }
    if how.from_tty && args.trim().is_empty() {
        println!("Continuing.");
    }
    let stop = session.resume(Debugger::continue_execution)?;
    report(session, &stop);
    Ok(())
}

pub fn stepi(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let n = step_count(session, args)?;
    let stop = session.resume(|d| d.step_instructions(n))?;
    report(session, &stop);
    Ok(())
}

pub fn nexti(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let n = step_count(session, args)?;
    let stop = session.resume(|d| d.next_instructions(n))?;
    report(session, &stop);
    Ok(())
}

fn step_count(session: &mut Session, args: &str) -> Result<u64, CliError> {
    if !session.debugger.is_running() {
        return Err(CliError::msg("The program is not being run."));
    }
    if args.trim().is_empty() {
        return Ok(1);
    }
    super::data::evaluate_number(session, args)
}

pub fn attach(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let pid: i32 = args.trim().parse().map_err(|_| CliError::ArgumentRequired("process-id to attach"))?;
    ready_to_start(session, how).or_else(|e| match e {
        // Attaching needs no program: it is read from /proc/PID/exe.
        CliError::Message(ref m) if m.starts_with("No executable file specified.") => Ok(()),
        other => Err(other),
    })?;
    if how.from_tty {
        println!("Attaching to process {pid}");
    }
    let stop = session.debugger.attach(pid)?;
    report(session, &stop);
    Ok(())
}

pub fn detach(session: &mut Session, _args: &str, how: Invocation) -> Result<(), CliError> {
    let program = session.debugger.program().map(|m| m.path().display().to_string()).unwrap_or_default();
    match session.debugger.detach()? {
        Some(pid) => {
            if how.from_tty {
                println!("Detaching from program: {program}, process {pid}");
            }
            println!("[Inferior 1 (process {pid}) detached]");
            Ok(())
        }
        None => Err(CliError::msg("The program is not being run.")),
    }
}

fn line_step(session: &mut Session, args: &str, kind: LineStep) -> Result<(), CliError> {
    let n = step_count(session, args)?;
    let stop = session.resume(|d| d.step_lines(kind, n))?;
    report(session, &stop);
    Ok(())
}

pub fn step(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    line_step(session, args, LineStep::Into)
}

pub fn next(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    line_step(session, args, LineStep::Over)
}

/// `until` alone steps like `next` without going back; `until LOCATION` runs there (in this frame).
pub fn until(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    if args.trim().is_empty() {
        return line_step(session, "", LineStep::Until);
    }
    run_to_location(session, args, true, how)
}

pub fn advance(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    if args.trim().is_empty() {
        return Err(CliError::ArgumentRequired("a location"));
    }
    run_to_location(session, args, false, how)
}

fn run_to_location(
    session: &mut Session,
    args: &str,
    this_frame_only: bool,
    _how: Invocation,
) -> Result<(), CliError> {
    if !session.debugger.is_running() {
        return Err(CliError::msg("The program is not being run."));
    }
    let spec = parse_location(session, args)?;
    let bias = session.debugger.bias();
    let targets: Vec<_> = session.debugger.resolve(&spec)?.iter().map(|l| l.runtime(bias)).collect();
    let stop = session.resume(|d| d.run_to_locations(&targets, this_frame_only))?;
    report(session, &stop);
    Ok(())
}

pub fn finish(session: &mut Session, _args: &str, how: Invocation) -> Result<(), CliError> {
    if !session.debugger.is_running() {
        return Err(CliError::msg("The program is not being run."));
    }
    // gdb finishes the selected frame (`up` then `finish` returns from the caller).
    let frame = session.debugger.selected_frame()?;
    // gdb's backtrace stops at main (and at _start): there is no caller to finish into.
    // An inlined call in main is finished by stepping out of it.
    let inline = frame.kind == crate::engine::FrameKind::Inline;
    if !inline && session.debugger.is_outermost_function(frame.lookup_pc) {
        return Err(CliError::msg("\"finish\" not meaningful in the outermost frame."));
    }
    if how.from_tty {
        println!("Run till exit from {}", frame_line(session, frame.level, &frame.description));
    }
    let finished = session.resume(Debugger::finish).map_err(|e| match e {
        EngineError::CannotFindFrame => CliError::msg("\"finish\" not meaningful in the outermost frame."),
        other => other.into(),
    })?;
    report(session, &finished.stop);
    if let (Some(returned), StopReason::FunctionFinished) = (&finished.value, &finished.stop.reason) {
        // The value is an object of the function's return type, printed as `print` would.
        let value = Value::Object(Object::computed(returned.ty.clone(), returned.bytes.clone()));
        let text = super::data::with_printer(session, None, |printer| printer.top_level(&value))
            .map_err(CliError::msg)?;
        let number = session.record_value(value);
        println!("Value returned is ${number} = {text}");
    }
    Ok(())
}

pub fn kill(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    if !session.debugger.is_running() {
        return Err(CliError::msg("The program is not being run."));
    }
    if !confirm(session, "Kill the program being debugged? ") {
        return Err(CliError::msg("Not confirmed."));
    }
    if let Some(pid) = session.debugger.kill() {
        println!("[Inferior 1 (process {pid}) killed]");
    }
    Ok(())
}

pub fn quit(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    if session.debugger.is_running() && !session.batch {
        let question =
            "A debugging session is active.\n\n\tInferior 1 [process PID] will be killed.\n\nQuit anyway? ";
        let pid = session.debugger.pid().unwrap_or(0).to_string();
        if !confirm(session, &question.replace("PID", &pid)) {
            return Err(CliError::msg("Not confirmed."));
        }
    }
    session.debugger.release();
    session.quit_requested = true;
    Ok(())
}

//! The front end: command line, REPL, command files, and gdb-style text for everything shown.

mod args;
pub mod commands;
mod conditions;
mod cplus_type_text;
mod cplus_values;
mod display;
pub mod error;
pub mod format;
mod frame_text;
mod repl;
mod rust_type_text;
mod rust_values;
pub mod session;
mod signals;
mod source;
mod source_listing;
mod source_path;
mod stop_text;
pub mod table;
mod type_text;
pub mod value_text;
mod words;

use std::path::{Path, PathBuf};

use args::StartupCommand;
use session::Session;
use table::Invocation;

/// rdbg must outlive a Ctrl-C meant for the program: SIGINT goes to the whole foreground group.
/// A handler that does nothing (rather than SIG_IGN, which exec would pass on to the program) keeps
/// rdbg alive; the interrupted wait is simply retried and the program reports the SIGINT stop.
fn survive_interrupts() {
    extern "C" fn ignore(_: libc::c_int) {}
    let action = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(ignore),
        nix::sys::signal::SaFlags::SA_RESTART,
        nix::sys::signal::SigSet::empty(),
    );
    // SAFETY: the handler is async-signal-safe (it does nothing).
    let _ = unsafe { nix::sys::signal::sigaction(nix::sys::signal::Signal::SIGINT, &action) };
}

fn init_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(home) = std::env::var_os("HOME") {
        files.push(PathBuf::from(home).join(".rdbginit"));
    }
    let local = PathBuf::from(".rdbginit");
    if files.first().and_then(|h| std::fs::canonicalize(h).ok()) != std::fs::canonicalize(&local).ok() {
        files.push(local);
    }
    files
}

fn report(session: &mut Session, result: Result<(), error::CliError>) {
    session.last_failed = result.is_err();
    if let Err(error) = result {
        eprintln!("{error}");
    }
}

/// Entry point of the `rdbg` binary; returns the process exit status.
pub fn main() -> i32 {
    let options = match args::parse(std::env::args()) {
        Ok(options) => options,
        Err(error) => {
            let _ = error.print();
            return match error.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
        }
    };
    survive_interrupts();
    let mut session = Session::new(options.batch);
    if !options.quiet && !options.batch {
        println!(
            "rdbg {}: a debugger that speaks gdb. Type \"help\" for the commands.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let inits = if options.no_init { Vec::new() } else { init_files() };
    if let Some(home_init) = inits.first().filter(|p| p.is_file()) {
        let result = commands::files::run_command_file(&mut session, home_init);
        report(&mut session, result);
    }
    if let Some(program) = &options.program {
        let result = session.load_program(Path::new(program));
        report(&mut session, result);
        session.program_args =
            options.program_args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ");
    }
    if let Some(pid) = options.pid {
        let result = session.execute(&format!("attach {pid}"), Invocation { from_tty: !options.batch });
        report(&mut session, result);
    }
    for local in inits.iter().skip(1).filter(|p| p.is_file()) {
        let result = commands::files::run_command_file(&mut session, local);
        report(&mut session, result);
    }
    for command in &options.startup {
        if session.quit_requested {
            break;
        }
        let result = match command {
            StartupCommand::File(path) => commands::files::run_command_file(&mut session, path),
            StartupCommand::Command(line) => session.execute(line, Invocation { from_tty: !options.batch }),
        };
        report(&mut session, result);
    }
    if !options.batch && !session.quit_requested {
        repl::run(&mut session);
    }
    session.debugger.release();
    i32::from(options.batch && session.last_failed)
}

/// Quotes an argument from `--args` so that `run`'s word splitting gives it back unchanged.
fn shell_quote(arg: &str) -> String {
    if !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c)) {
        return arg.to_string();
    }
    format!("'{}'", arg.replace('\'', "'\\''"))
}

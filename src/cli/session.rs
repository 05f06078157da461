//! A front-end session: the engine plus what only the front end keeps (value history, `x`'s memory
//! of its last format and address, display settings, the source cache), and command dispatch.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::engine::{Debugger, Notice};
use crate::eval::Value;

use super::commands;
use super::error::CliError;
use super::format::{ExamineDefaults, Flavor};
use super::source::SourceCache;
use super::source_listing::ListingState;
use super::table::{lookup, split_command, Invocation};

/// What `x` remembers between calls: the last format and unit, and where to continue.
#[derive(Default)]
pub struct ExamineState {
    pub defaults: ExamineDefaults,
    pub next_addr: Option<u64>,
}

pub struct Session {
    pub debugger: Debugger,
    pub batch: bool,
    /// `$1`, `$2`, ...: every value `print` showed.
    pub values: Vec<Value>,
    pub convenience: HashMap<String, Value>,
    pub examine: ExamineState,
    pub flavor: Flavor,
    /// `set args` / `run ARGS`: the argument text (redirections included) the next `run` uses when
    /// it is given none.
    pub program_args: String,
    pub sources: SourceCache,
    /// Where `list` goes on, what it listed last, and `set listsize`.
    pub listing: ListingState,
    /// The last command line, repeated by an empty line when the command allows it.
    pub last_repeatable: Option<String>,
    /// Set by `quit`; the REPL and command files stop when they see it.
    pub quit_requested: bool,
    /// The status of the last command, which `rdbg -batch` exits with (as gdb does).
    pub last_failed: bool,
    /// Nesting of `source`, to stop runaway recursion.
    pub source_depth: usize,
    /// `set breakpoint pending on|off|auto`.
    pub pending_breakpoints: commands::libraries::PendingBreakpoints,
    /// `set print elements` / `set print repeats`.
    pub print_limits: super::value_text::PrintLimits,
    /// Buffers `dump` reuses, so that every dump does not pay for fresh zeroed pages.
    pub dump_buffers: Vec<crate::target::LargeBuffer>,
    /// `display EXPR`: shown after every stop (cli/display.rs).
    pub displays: super::display::DisplayList,
}

impl Session {
    pub fn new(batch: bool) -> Session {
        Session {
            debugger: Debugger::new(),
            batch,
            values: Vec::new(),
            convenience: HashMap::new(),
            examine: ExamineState::default(),
            flavor: Flavor::Att,
            program_args: String::new(),
            sources: SourceCache::default(),
            listing: ListingState::default(),
            last_repeatable: None,
            quit_requested: false,
            last_failed: false,
            source_depth: 0,
            pending_breakpoints: Default::default(),
            print_limits: Default::default(),
            dump_buffers: Vec::new(),
            displays: Default::default(),
        }
    }

    /// `file PROG` (also what `rdbg PROG` does first).
    pub fn load_program(&mut self, path: &Path) -> Result<(), CliError> {
        let resolved = resolve_program_path(path);
        self.debugger.load_program(&resolved).map_err(|e| match e {
            crate::engine::EngineError::Symbols(crate::symbols::SymbolsError::NotFound(_)) => {
                CliError::msg(format!("{}: No such file or directory.", path.display()))
            }
            other => CliError::from(other),
        })?;
        self.sources.forget();
        self.sources.set_program(&resolved);
        self.listing.forget_files();
        self.examine = ExamineState::default();
        Ok(())
    }

    /// Runs one command line; errors come back for the caller to print (and, in files, to stop on).
    pub fn execute(&mut self, line: &str, how: Invocation) -> Result<(), CliError> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(());
        }
        let (word, args) = split_command(trimmed);
        let spec = lookup(commands::TOP_LEVEL, word, None)?;
        // gdb repeats `x` and `list` without their arguments, so Enter shows what follows.
        self.last_repeatable = match spec.name {
            "x" => Some("x".to_string()),
            "list" => Some("list".to_string()),
            _ => spec.repeats.then(|| trimmed.to_string()),
        };
        let result = (spec.handler)(self, args, how);
        self.print_notices();
        result
    }

    /// Prints what happened while the program ran that gdb reports as it happens.
    pub fn print_notices(&mut self) {
        for notice in self.debugger.take_notices() {
            match notice {
                Notice::DetachedFork { child } => {
                    println!("[Detaching after fork from child process {child}]")
                }
                Notice::Exec { pid, program } => {
                    println!("process {pid} is executing new program: {}", program.display());
                    // The new program's files are different ones.
                    self.sources.forget();
                    self.listing.forget_files();
                }
                Notice::SteppingOutOfNoLineFunction { function } => {
                    println!("Single stepping until exit from function {function},");
                    println!("which has no line number information.");
                }
                Notice::LibraryUnloaded { path } => eprintln!(
                    "warning: Temporarily disabling breakpoints for unloaded shared library \"{}\"",
                    path.display()
                ),
                Notice::BreakpointDeleted { .. } => {}
                Notice::ConditionError { message, .. } => {
                    eprintln!("Error in testing breakpoint condition:\n{message}")
                }
            }
        }
    }

    /// Adds a value to the history and returns its number.
    pub fn record_value(&mut self, value: Value) -> usize {
        self.values.push(value);
        self.values.len()
    }
}

/// gdb looks a bare program name up in the current directory first, then on PATH, and runs it by
/// its absolute path (symlinks kept), which becomes argv[0].
fn resolve_program_path(path: &Path) -> PathBuf {
    if path.components().count() > 1 || path.exists() {
        return std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join(path)).find(|p| p.is_file()))
        .unwrap_or_else(|| path.to_path_buf())
}

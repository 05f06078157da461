//! The front end: command line, REPL, command files, and gdb-style text for everything shown.

pub mod format;

/// Entry point of the `rdbg` binary; returns the process exit status.
pub fn main() -> i32 {
    0
}

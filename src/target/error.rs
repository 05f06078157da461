//! The one error type of the target layer.
//!
//! Messages follow gdb's wording where gdb has one (`Cannot access memory at address 0x0`,
//! `The program is not being run.`), so the front end can print them as they are.

use std::path::PathBuf;

use nix::errno::Errno;

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The program could not be exec'd (missing, not executable, bad ELF ...); the child is reaped.
    #[error("Cannot exec {}: {}.", program.display(), source.desc())]
    Exec { program: PathBuf, source: Errno },

    /// A redirection file could not be opened in the child (before exec); the child is reaped.
    #[error("{}: {}.", path.display(), source.desc())]
    Redirect { path: PathBuf, source: Errno },

    /// An argument, path or redirection contains a NUL byte and cannot be passed to exec.
    #[error("argument contains a NUL byte: {arg:?}")]
    NulInArgument { arg: String },

    /// A system call other than ptrace failed (fork, pipe, waitpid, kill ...).
    #[error("{op} failed: {}", source.desc())]
    Os { op: &'static str, source: Errno },

    /// A ptrace request failed.
    #[error("ptrace({request}) on process {pid} failed: {}", source.desc())]
    Ptrace { request: &'static str, pid: i32, source: Errno },

    /// PTRACE_SEIZE/ATTACH was refused (permissions, yama ptrace_scope, no such process).
    #[error("Cannot attach to process {pid}: {}.", source.desc())]
    Attach { pid: i32, source: Errno },

    /// Memory could not be read or written; `addr` is the first byte that failed.
    #[error("Cannot access memory at address {addr:#x}")]
    Memory { addr: u64 },

    /// A /proc file of the tracee could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Proc { path: PathBuf, source: std::io::Error },

    /// The process has exited, was killed or was detached.
    #[error("The program is not being run.")]
    NotRunning,

    /// The request needs a stopped tracee but it was resumed and not waited for.
    #[error("process {pid} is running; wait for it to stop first")]
    NotStopped { pid: i32 },

    /// `wait` was called on a tracee that is stopped (it was never resumed): it would block forever.
    #[error("process {pid} is stopped; resume it before waiting")]
    NotResumed { pid: i32 },

    /// The kernel reported something the launch or attach sequence did not expect.
    #[error("process {pid}: unexpected wait status {status:#x} during {stage}")]
    UnexpectedStatus { pid: i32, status: i32, stage: &'static str },

    /// Extended register state of the wrong size was handed to `set_extended_registers`.
    #[error("extended register area of {len} bytes is too small (at least 512 needed)")]
    BadExtendedState { len: usize },
}

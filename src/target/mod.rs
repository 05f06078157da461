//! The traced process, through ptrace. Knows nothing of DWARF or source: bytes, registers, events.
//!
//! - `launch`: fork/exec under PTRACE_TRACEME, redirections, ASLR off.
//! - `tracee`: the `Tracee` handle: run state, waiting and events, registers, sites, ending.
//! - `event`: `TraceEvent` / `ResumeMode` and SIGTRAP classification.
//! - `memory`: the one memory reader/writer (process_vm_readv, /proc/PID/mem, POKEDATA) and its cache.
//! - `sites`: int3 sites and their original bytes (reads are shadowed by them).
//! - `process`: /proc/PID/auxv and /proc/PID/maps.
//! - `sys`: thin wrappers over the raw ptrace and waitpid calls.

mod error;
mod event;
mod large_buffer;
mod launch;
mod memory;
mod process;
pub mod regs;
mod sites;
mod sys;
mod tracee;
pub mod xstate;

#[cfg(test)]
mod tests;

pub use error::TargetError;
pub use event::{ResumeMode, TraceEvent};
pub use large_buffer::LargeBuffer;
pub use launch::{LaunchOptions, Redirect};
pub use process::MapEntry;
pub use regs::Registers;
pub use tracee::Tracee;
pub use xstate::ExtendedRegisters;

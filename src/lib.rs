//! rdbg: a source-level debugger for Linux x86-64 that answers to gdb's commands.
//!
//! Layers (arrows point down only; see ARCHITECTURE.md):
//! `cli` (front end, all text) -> `engine` (debugger logic, structured results)
//! -> `symbols` (ELF/DWARF meaning, never ptrace) -> `target` (ptrace, knows no DWARF).
//! `addr` holds the address newtypes every layer shares.

pub mod addr;
pub mod cli;
pub mod engine;
pub mod eval;
pub mod symbols;
pub mod target;
pub mod test_programs;

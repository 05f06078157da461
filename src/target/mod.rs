//! The traced process, through ptrace. Knows nothing of DWARF or source: bytes, registers, events.

pub mod regs;
pub mod xstate;

pub use regs::Registers;
pub use xstate::ExtendedRegisters;

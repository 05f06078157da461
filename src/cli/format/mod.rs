//! gdb-exact text for registers, memory dumps and disassembly. Pure functions over data: callers hand
//! in bytes (through [`MemorySource`]), symbols (through [`Symbolizer`]) and register snapshots, and get
//! back the lines gdb 13 would print.
//!
//! - [`examine`] / [`parse_examine_spec`]: the `x` command.
//! - [`disassemble`] / [`instruction_text`]: `disassemble` and `x/i` (AT&T or Intel, as objdump).
//! - [`format_general_registers`], [`format_all_registers`], [`format_register_value`]: `info registers`,
//!   `info all-registers` and `p $reg`.

mod chars;
mod disasm;
mod examine;
mod float;
mod numbers;
mod registers;
mod spec;
mod vector;

pub use chars::{char_literal, string_literal};
pub use disasm::{disassemble, instruction_text, DisassembleOptions};
pub use examine::{examine, ExamineOutput};
pub use float::{format_float, FloatFormat};
pub use numbers::{format_scalar, Scalar};
pub use registers::{format_all_registers, format_general_registers, format_register_value, register_exists};
pub use spec::{parse_examine_spec, ExamineDefaults, ExamineFormat, ExamineSpec};

/// Target memory as the formatters need it.
pub trait MemorySource {
    /// Fills `buf` with the bytes at `addr`. On failure returns the first address that could not be
    /// read (the one gdb names in `Cannot access memory at address 0x...`).
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), u64>;
}

/// Address-to-symbol lookup, for gdb's `<name+offset>` annotations.
pub trait Symbolizer {
    /// The symbol containing `addr` and the offset of `addr` in it, as gdb would name it.
    fn symbolize(&self, addr: u64) -> Option<(String, u64)>;

    /// The runtime address of the ELF symbol `name` (a C++ static member's linkage name), for
    /// values that live apart from the object that shows them.
    fn symbol_address(&self, _name: &str) -> Option<u64> {
        None
    }
}

/// A symbolizer that knows no symbols.
pub struct NoSymbols;

impl Symbolizer for NoSymbols {
    fn symbolize(&self, _addr: u64) -> Option<(String, u64)> {
        None
    }
}

/// gdb's `set disassembly-flavor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavor {
    #[default]
    Att,
    Intel,
}

/// gdb's `<name>` / `<name+off>` suffix for an address, or nothing.
pub fn symbol_suffix(syms: &dyn Symbolizer, addr: u64) -> String {
    match syms.symbolize(addr) {
        Some((name, 0)) => format!(" <{name}>"),
        Some((name, off)) => format!(" <{name}+{off}>"),
        None => String::new(),
    }
}

/// gdb's `print_address`: `0x1159 <add>`.
pub fn address_with_symbol(syms: &dyn Symbolizer, addr: u64) -> String {
    format!("{addr:#x}{}", symbol_suffix(syms, addr))
}

/// gdb's memory error text.
pub fn memory_error(addr: u64) -> String {
    format!("Cannot access memory at address {addr:#x}")
}

/// Reads as many bytes as possible from `addr` into `buf`; returns how many were read and, when not
/// all, the first unreadable address.
pub(crate) fn read_prefix(mem: &mut dyn MemorySource, addr: u64, buf: &mut [u8]) -> (usize, Option<u64>) {
    match mem.read(addr, buf) {
        Ok(()) => (buf.len(), None),
        Err(bad) => {
            let n = bad.saturating_sub(addr).min(buf.len() as u64) as usize;
            if n > 0 && n < buf.len() && mem.read(addr, &mut buf[..n]).is_ok() {
                return (n, Some(bad));
            }
            // The source did not say precisely where it failed: go byte by byte.
            let mut got = 0;
            while got < buf.len() {
                let a = addr.wrapping_add(got as u64);
                if mem.read(a, &mut buf[got..got + 1]).is_err() {
                    return (got, Some(a));
                }
                got += 1;
            }
            (got, None)
        }
    }
}

#[cfg(test)]
mod testutil;

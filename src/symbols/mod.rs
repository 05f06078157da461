//! What the program means, from its bytes alone: ELF symbols, line tables, functions. Never calls ptrace.
//!
//! Everything here speaks file (link-time) addresses; the engine relocates with the module's load bias.
//! `Module::load` costs a mapping, the ELF headers and the symbol table; DWARF is parsed on first need and
//! each index (units, functions, line tables) is built once and cached.
//!
//! The rules for where `break` lands, how `<sym+off>` is chosen and which line an address belongs to are
//! gdb 13's, checked against gdb itself by the tests in `gdb_oracle.rs`.

mod call_site_params;
pub mod cplus_types;
mod debug_file;
mod demangle;
mod die_ref;
mod dwarf;
mod elf;
mod elf_symbols;
mod error;
mod frame_base;
mod function_table;
mod functions;
mod inline_frames;
mod line_queries;
mod lines;
mod location;
mod module;
mod name_index;
mod params;
mod prologue;
mod reader;
pub mod rust_types;
mod scope_paths;
mod tail_calls;
pub mod types;
mod unit_info;
mod unwind;
mod variables;
mod virtual_bases;

#[cfg(test)]
mod gdb_oracle;
#[cfg(test)]
mod robustness;

use std::path::PathBuf;

use crate::addr::FileAddr;

pub use call_site_params::{CallSite, CallSiteParameter, CallTarget};
pub use error::SymbolsError;
pub use frame_base::{amd64_args_base, ArgsBase};
pub use inline_frames::InlinedCall;
pub use line_queries::{FunctionEntry, SourceFileName};
pub use location::{
    read_location_bytes, EntryValueOf, LocationAttr, LocationContext, LocationError, LocationPiece,
    LocationResult,
};
pub use module::Module;
pub use params::{FrameBase, FullType, ParamLocation, ParamType, Parameter};
pub use tail_calls::TailCallSite;
pub use unit_info::UnitFacts;
pub use unwind::CfaLocation;
pub use unwind::{
    sigreturn_step, SavedAt, UnwindError, UnwindMemory, UnwindRegisters, UnwindStep, RIP as UNWIND_RIP,
    RSP as UNWIND_RSP,
};
pub use variables::{Scope, VarLocation, Variable};
pub use virtual_bases::VirtualBaseExpr;

/// A function as gdb names it in a frame: C `add`, C++ `Shape::area`, Rust `rsdemo::main`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// The entry address.
    pub low: FileAddr,
    /// The end of the contiguous range that holds the entry (a hot/cold split function has other ranges).
    pub high: FileAddr,
}

/// A source position as gdb prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLocation {
    /// The line table's name for the file (`basics.c`), as gdb prints it in locations.
    pub file: String,
    /// The file's full path (relative names joined to the unit's compilation directory).
    pub full_path: PathBuf,
    pub line: u32,
    /// Whether the address is the first address of its line-table row and that row is a statement: gdb
    /// prints `0xADDR in ` before a location exactly when this is false.
    pub is_stmt_start: bool,
}

/// Where a breakpoint specification resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLocation {
    pub addr: FileAddr,
    /// The function holding the address (for an inlined call, the inlined function).
    pub function: Option<String>,
    pub source: Option<SourceLocation>,
}

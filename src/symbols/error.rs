//! The one error type of the symbols layer. The engine turns these into gdb's words, so each variant carries
//! exactly what gdb's message needs (see the `Display` texts, which are gdb 13's own where gdb has one).

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SymbolsError {
    /// The file does not exist: gdb says `PATH: No such file or directory.`
    #[error("{}: No such file or directory.", .0.display())]
    NotFound(PathBuf),

    /// The file exists but cannot be opened or mapped.
    #[error("{}: {source}.", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Not an ELF file at all (or one too damaged to tell): gdb's
    /// `"/abs/path": not in executable format: file format not recognized`.
    #[error("\"{}\": not in executable format: file format not recognized", .0.display())]
    NotElf(PathBuf),

    /// An ELF file of a kind rdbg does not debug (32-bit, big-endian, another machine).
    #[error("\"{}\": not in executable format: {what}", path.display())]
    Unsupported { path: PathBuf, what: String },

    /// The ELF headers parse but something they point at is truncated or inconsistent.
    #[error("\"{}\": malformed ELF file: {what}", path.display())]
    MalformedElf { path: PathBuf, what: String },

    /// DWARF that cannot be read (truncated section, bad form, ...).
    #[error("malformed DWARF debug info: {0}")]
    Dwarf(#[from] gimli::Error),

    /// `break FILE:LINE` naming a file no compile unit has.
    #[error("No source file named {0}.")]
    NoSourceFile(String),

    /// `break FILE:LINE` where FILE exists but nothing at or after LINE has code.
    #[error("No line {line} in file \"{file}\".")]
    NoLineInFile { file: String, line: u32 },

    /// `break LINE` (no file given) where the default file has no code at or after LINE.
    #[error("No line {0} in the current file.")]
    NoLineInCurrentFile(u32),

    /// `break LINE` before any default source file is known (no debug info or no `main`).
    #[error("Cannot access memory at address {0:#x}")]
    NoFileBytes(u64),
    #[error("No symbol table is loaded.  Use the \"file\" command.")]
    NoSymbolTable,
}

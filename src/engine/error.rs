//! What can go wrong in the engine. The messages are gdb's words where gdb has words for them; the
//! front end prints `to_string()` as the one-line error.

use thiserror::Error;

use crate::symbols::SymbolsError;
use crate::target::TargetError;

#[derive(Debug, Error)]
pub enum EngineError {
    #[error("The program is not being run.")]
    NotRunning,
    #[error("ptrace: No such process.")]
    NoSuchProcess,
    #[error("Cannot find bounds of current function")]
    CannotFindFrame,
    #[error("No executable file specified.\nUse the \"file\" or \"exec-file\" command.")]
    NoExecutable,
    #[error("No symbol table is loaded.  Use the \"file\" command.")]
    NoSymbolTable,
    #[error("Function \"{0}\" not defined.")]
    FunctionNotDefined(String),
    #[error("No symbol \"{0}\" in current context.")]
    NoSymbol(String),
    /// gdb's words when an int3 cannot be written (an address that is not mapped).
    #[error("Warning:\n{}Cannot access memory at address {addr:#x}\n", numbers.iter().map(|n| format!("Cannot insert breakpoint {n}.\n")).collect::<String>())]
    CannotInsertBreakpoints { numbers: Vec<u32>, addr: u64 },
    #[error("Function \"{function}\" not defined in \"{file}\".")]
    FunctionNotDefinedInFile { function: String, file: String },
    #[error("No breakpoint number {0}.")]
    NoBreakpoint(u32),
    #[error("Bad breakpoint location number '{1}'")]
    BadLocationNumber(u32, usize),
    #[error("Cannot access memory at address {0:#x}")]
    Memory(u64),
    #[error("No stack.")]
    NoStack,
    #[error("No registers.")]
    NoRegisters,
    #[error("No frame at level {0}.")]
    NoFrameAtLevel(String),
    #[error("Bottom (innermost) frame selected; you cannot go down.")]
    InnermostFrame,
    #[error("Initial frame selected; you cannot go up.")]
    OutermostFrame,
    /// gdb's words when the debug registers cannot hold another watchpoint.
    #[error("Hardware watchpoints used exceeds limit.")]
    TooManyWatchpoints,
    #[error("Invalid register `{0}'")]
    InvalidRegister(String),
    #[error("{0}")]
    Symbols(#[from] SymbolsError),
    #[error("{0}")]
    Target(TargetError),
}

impl From<TargetError> for EngineError {
    fn from(e: TargetError) -> Self {
        match e {
            TargetError::Memory { addr } => EngineError::Memory(addr),
            other => EngineError::Target(other),
        }
    }
}

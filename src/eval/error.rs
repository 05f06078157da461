//! Expression errors, in gdb's words.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EvalError {
    #[error("A syntax error in expression, near `{0}'.")]
    Syntax(String),
    #[error("No symbol \"{0}\" in current context.")]
    NoSymbol(String),
    #[error("'{0}' has unknown type; cast it to its declared type")]
    UnknownType(String),
    #[error("Division by zero")]
    DivisionByZero,
    #[error("Cannot access memory at address {0:#x}")]
    Memory(u64),
    #[error("History is empty.")]
    HistoryEmpty,
    #[error("History has not yet reached ${0}.")]
    HistoryNotReached(u64),
    #[error("Attempt to take address of value not located in memory.")]
    NotLvalue,
    #[error("Left operand of assignment is not an lvalue.")]
    NotAssignable,
    #[error("Attempt to take contents of a non-pointer value.")]
    NotPointer,
    #[error("Invalid character '{0}' in expression.")]
    InvalidCharacter(char),
    #[error("Invalid number \"{0}\".")]
    InvalidNumber(String),
    #[error("{0}")]
    Other(String),
}

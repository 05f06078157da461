//! Expressions: a lexer and a precedence-climbing parser to an AST, evaluated against a context the
//! engine provides (registers, symbols, memory, value history). This first version knows integers,
//! registers, ELF symbols and C's integer operators; typed DWARF values come next (issue 4).

mod ast;
mod error;
mod evaluate;
mod lexer;
mod parser;
mod value;

pub use ast::{BinaryOp, Expr, HistoryRef, UnaryOp};
pub use error::EvalError;
pub use evaluate::{evaluate, EvalContext, SymbolKind};
pub use parser::parse;
pub use value::{IntType, PointerKind, Value};

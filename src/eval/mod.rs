//! Expressions: a lexer and a precedence-climbing parser to an AST, evaluated against a context the
//! engine provides (registers, variables, types, memory, value history): C's operators over
//! integers, floats, pointers and objects of DWARF types (members, elements, casts, `sizeof`, `@`,
//! assignment).

mod ast;
mod call;
mod class_members;
mod error;
mod evaluate;
mod lexer;
mod parser;
mod type_names;
mod value;

pub use ast::{BinaryOp, Expr, HistoryRef, TypeName, UnaryOp};
pub use call::{CallArgument, FunctionCall};
pub use error::EvalError;
pub use evaluate::{
    evaluate, evaluate_lazy, extract_bits, fetch, max_value_size, resolve_type, set_max_value_size,
    EvalContext, Language, SymbolKind,
};
pub use parser::{parse, parse_type_name, parse_with};
pub use type_names::{declare_with, tagged_name, type_name};
pub use value::{bytes_to_f64, le_u64, IntType, Lval, Object, PointerKind, Value};

//! Front-end errors. Each prints as one gdb-style line (a few of gdb's messages span two).

use thiserror::Error;

use crate::engine::EngineError;
use crate::eval::EvalError;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("Undefined command: \"{0}\".  Try \"help\".")]
    UndefinedCommand(String),
    #[error("Undefined {prefix} command: \"{name}\".  Try \"help {prefix}\".")]
    UndefinedSubcommand { prefix: &'static str, name: String },
    #[error("Ambiguous command \"{name}\": {candidates}.")]
    Ambiguous { name: String, candidates: String },
    #[error("Ambiguous {prefix} command \"{name}\": {candidates}.")]
    AmbiguousSubcommand { prefix: &'static str, name: String, candidates: String },
    #[error("Argument required ({0}).")]
    ArgumentRequired(&'static str),
    #[error("{0}")]
    Message(String),
    #[error("{0}")]
    Engine(#[from] EngineError),
    #[error("{0}")]
    Eval(#[from] EvalError),
}

impl CliError {
    pub fn msg(text: impl Into<String>) -> CliError {
        CliError::Message(text.into())
    }
}

//! Breakpoint conditions (`break LOC if EXPR`, `condition N EXPR`). The engine keeps each condition
//! as its parsed expression and source text; it does not evaluate expressions itself, since values,
//! convenience variables and the value history belong to the front end. The front end lends an
//! evaluator (`ConditionEvaluator`) for the length of a run command, and the run plans call it for
//! each hit of a breakpoint that has a condition, before its ignore count (as gdb does: a false
//! condition is no hit at all). Breakpoints without a condition never reach this module.

use std::sync::Arc;

use crate::addr::RuntimeAddr;
use crate::eval::Expr;

use super::error::EngineError;
use super::session::{module_holding, Debugger};
use super::stop::Notice;

/// A condition as the user wrote it (for `info breakpoints`) and as parsed once when it was set.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub text: String,
    pub expr: Expr,
}

/// Evaluates a condition in the stopped program's frame 0; `Err` carries gdb's error words.
pub trait ConditionEvaluator {
    fn holds(&mut self, debugger: &mut Debugger, condition: &Condition) -> Result<bool, String>;
    /// The bytes of an expression's value in frame 0 (a watchpoint on a computed expression).
    fn value_bytes(&mut self, debugger: &mut Debugger, expression: &Condition) -> Result<Vec<u8>, String>;
}

/// Where a name used in an expression is found from a pc: in the function's blocks or arguments, or
/// outside any function (globals, file statics, functions, enumerators, minimal symbols).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    Global,
}

impl Debugger {
    /// `condition N [EXPR]`: sets or (None) removes breakpoint N's condition.
    pub fn set_condition(&mut self, number: u32, condition: Option<Condition>) -> Result<(), EngineError> {
        let bp = self.breakpoints.get_mut(number).ok_or(EngineError::NoBreakpoint(number))?;
        bp.condition = condition.map(Arc::new);
        Ok(())
    }

    /// Lends the front end's evaluator to the run plans (None takes it back).
    pub fn set_condition_evaluator(&mut self, evaluator: Option<Box<dyn ConditionEvaluator>>) {
        self.condition_evaluator = evaluator;
    }

    /// The breakpoints at `pc` whose condition is false now. A condition that cannot be evaluated
    /// stops the program (as in gdb), with a notice carrying the error.
    pub(super) fn false_conditions_at(&mut self, pc: RuntimeAddr) -> Vec<u32> {
        let conditional = self.breakpoints.conditions_at(pc, self.bias());
        if conditional.is_empty() {
            return Vec::new();
        }
        // Taken out while it runs, since it needs the debugger itself.
        let Some(mut evaluator) = self.condition_evaluator.take() else { return Vec::new() };
        let mut failing = Vec::new();
        for (number, condition) in conditional {
            match evaluator.holds(self, &condition) {
                Ok(true) => {}
                Ok(false) => failing.push(number),
                Err(message) => self.notices.push(Notice::ConditionError { number, message }),
            }
        }
        self.condition_evaluator = Some(evaluator);
        failing
    }

    /// How `name` is found from `pc` (a breakpoint's address, or the selected frame's lookup pc;
    /// None without a frame), or None when nothing of that name is visible there. gdb checks the
    /// names of a condition or display expression this way when it is set, so a name that cannot
    /// be found is an error then, not at every stop.
    pub fn name_scope(&self, pc: Option<RuntimeAddr>, name: &str) -> Option<NameScope> {
        let program = self.program.as_ref()?;
        let bias = self.bias();
        let (module, mbias) = match pc {
            Some(pc) => module_holding(Some(program), &self.libraries, bias, pc).unwrap_or((program, bias)),
            None => (program, bias),
        };
        if let Some(pc) = pc.map(|pc| pc.to_file(mbias)) {
            if let Some(scope) = module.scope_at(pc) {
                if scope.blocks.iter().flatten().chain(scope.arguments.iter()).any(|v| v.name == name) {
                    return Some(NameScope::Local);
                }
            }
            if module.file_variable(pc, name).is_some() || module.enumerator(Some(pc), name).is_some() {
                return Some(NameScope::Global);
            }
        }
        let global = module.global_variable(name).is_some()
            || program.global_variable(name).is_some()
            || module.function_object(name).is_some()
            || program.function_object(name).is_some()
            || program.enumerator(None, name).is_some()
            || self.lookup_symbol(name).is_some();
        global.then_some(NameScope::Global)
    }
}

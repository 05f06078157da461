//! Breakpoint conditions from the front end's side: parsing one once when it is set (gdb's errors
//! then: a syntax error, or a name the breakpoint's location cannot see), and evaluating it at each
//! hit through the evaluator the session lends the engine for a run command (`Session::resume`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::addr::RuntimeAddr;
use crate::engine::{Condition, ConditionEvaluator, Debugger, EngineError};
use crate::eval::{self, EvalError, Expr, Value};

use super::commands::data::{parse_expression, SessionContext};
use super::error::CliError;
use super::session::Session;

/// The session's value history and convenience variables, moved here for the length of a run so
/// that conditions see (and may set) them while the engine holds the debugger.
#[derive(Default)]
struct Lent {
    values: Vec<Value>,
    convenience: HashMap<String, Value>,
}

struct SessionConditions {
    lent: Rc<RefCell<Lent>>,
}

impl ConditionEvaluator for SessionConditions {
    fn holds(&mut self, debugger: &mut Debugger, condition: &Condition) -> Result<bool, String> {
        let mut lent = self.lent.borrow_mut();
        let Lent { values, convenience } = &mut *lent;
        let mut ctx = SessionContext { debugger, values, convenience, interrupted: None };
        eval::evaluate(&condition.expr, &mut ctx).map(|v| v.is_true()).map_err(|e| e.to_string())
    }

    fn value_bytes(&mut self, debugger: &mut Debugger, expression: &Condition) -> Result<Vec<u8>, String> {
        let mut lent = self.lent.borrow_mut();
        let Lent { values, convenience } = &mut *lent;
        let mut ctx = SessionContext { debugger, values, convenience, interrupted: None };
        match eval::evaluate(&expression.expr, &mut ctx).map_err(|e| e.to_string())? {
            Value::Object(o) => Ok(o.bytes),
            Value::Int { value, ty } => Ok(value.to_le_bytes()[..usize::from(ty.bytes)].to_vec()),
            other => Ok(other.as_u64().to_le_bytes().to_vec()),
        }
    }
}

impl Session {
    /// Runs a resuming command (`run`, `continue`, `step`, `finish`, ...) with the evaluator for
    /// breakpoint conditions lent to the engine, and takes it back afterwards.
    pub fn resume<T>(
        &mut self,
        go: impl FnOnce(&mut Debugger) -> Result<T, EngineError>,
    ) -> Result<T, EngineError> {
        let lent = Rc::new(RefCell::new(Lent {
            values: std::mem::take(&mut self.values),
            convenience: std::mem::take(&mut self.convenience),
        }));
        self.debugger.set_condition_evaluator(Some(Box::new(SessionConditions { lent: Rc::clone(&lent) })));
        let result = go(&mut self.debugger);
        self.debugger.set_condition_evaluator(None);
        let mut lent = lent.borrow_mut();
        self.values = std::mem::take(&mut lent.values);
        self.convenience = std::mem::take(&mut lent.convenience);
        result
    }
}

/// The program names an expression uses (not members, types or `$` names).
pub fn symbol_names(expr: &Expr) -> Vec<&str> {
    let mut names = Vec::new();
    collect_names(expr, &mut names);
    names
}

fn collect_names<'e>(expr: &'e Expr, names: &mut Vec<&'e str>) {
    match expr {
        Expr::Symbol(name) => names.push(name),
        Expr::Unary(_, e)
        | Expr::Member(e, _)
        | Expr::Arrow(e, _)
        | Expr::Cast(_, e)
        | Expr::SizeofExpr(e) => collect_names(e, names),
        Expr::Binary(_, a, b) | Expr::Assign(a, b) | Expr::Index(a, b) => {
            collect_names(a, names);
            collect_names(b, names);
        }
        Expr::Conditional(a, b, c) => {
            collect_names(a, names);
            collect_names(b, names);
            collect_names(c, names);
        }
        Expr::Call(callee, args) => {
            collect_names(callee, names);
            for arg in args {
                collect_names(arg, names);
            }
        }
        Expr::Int { .. }
        | Expr::TypedInt(..)
        | Expr::Char(_)
        | Expr::Str(_)
        | Expr::Float(_)
        | Expr::Register(_)
        | Expr::History(_)
        | Expr::Convenience(_)
        | Expr::SizeofType(_) => {}
    }
}

/// gdb's error for the first name of `expr` that cannot be seen from `pc`.
pub fn check_names(debugger: &Debugger, expr: &Expr, pc: Option<RuntimeAddr>) -> Result<(), CliError> {
    match symbol_names(expr).into_iter().find(|name| debugger.name_scope(pc, name).is_none()) {
        Some(name) => Err(EvalError::NoSymbol(name.to_string()).into()),
        None => Ok(()),
    }
}

/// Parses a condition for breakpoint locations at `addrs`: as in gdb, it must make sense at one
/// of them at least (the first one's error is reported); a breakpoint with no location yet
/// (pending) takes it as it is.
pub fn parse_condition(
    session: &mut Session,
    text: &str,
    addrs: &[RuntimeAddr],
) -> Result<Condition, CliError> {
    let text = text.trim();
    let expr = parse_expression(session, text)?;
    let mut first_error = None;
    for addr in addrs {
        match check_names(&session.debugger, &expr, Some(*addr)) {
            Ok(()) => return Ok(Condition { text: text.to_string(), expr }),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(Condition { text: text.to_string(), expr }),
    }
}

/// Splits `LOCATION if EXPR` (also `if EXPR` alone) into the location and the condition text.
pub fn split_condition(args: &str) -> (&str, Option<&str>) {
    let args = args.trim();
    if let Some(rest) = args.strip_prefix("if").filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
    {
        return ("", Some(rest));
    }
    let mut from = 0;
    while let Some(at) = args[from..].find(" if") {
        let start = from + at;
        let after = &args[start + 3..];
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            return (args[..start].trim_end(), Some(after));
        }
        from = start + 3;
    }
    (args, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_split_off_locations() {
        assert_eq!(split_condition("add if a == 2"), ("add", Some(" a == 2")));
        assert_eq!(split_condition("basics.c:31  if i >= 3"), ("basics.c:31", Some(" i >= 3")));
        assert_eq!(split_condition("if x"), ("", Some(" x")));
        assert_eq!(split_condition("iffy"), ("iffy", None));
        assert_eq!(split_condition("f.c:diff"), ("f.c:diff", None));
    }

    #[test]
    fn names_of_an_expression() {
        let expr = eval::parse("p->x + a[i] * $n + sizeof(q)").ok();
        let names = expr.as_ref().map(symbol_names);
        assert_eq!(names, Some(vec!["p", "a", "i", "q"]));
    }
}

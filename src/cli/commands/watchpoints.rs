//! `watch`, `rwatch`, `awatch` and `info watchpoints`: the front end of the engine's hardware
//! watchpoints (engine/watchpoints.rs). The expression is evaluated once, here, to the bytes it
//! names; gdb's words for what cannot be watched.

use crate::addr::RuntimeAddr;
use crate::engine::{Condition, NameScope, Watch, WatchAccess, WatchScope};
use crate::eval::{Lval, Value};
use crate::symbols::FullType;

use super::super::conditions::{parse_condition, split_condition, symbol_names};
use super::super::error::CliError;
use super::super::session::Session;
use super::super::stop_text::watchpoint_kind;
use super::super::table::Invocation;
use super::breakpoints::print_breakpoint_table;
use super::data::{evaluate_lazy, fetch_value, parse_expression};

pub fn watch(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_watchpoint(session, args, WatchAccess::Write)
}

pub fn rwatch(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_watchpoint(session, args, WatchAccess::Read)
}

pub fn awatch(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    set_watchpoint(session, args, WatchAccess::Access)
}

fn set_watchpoint(session: &mut Session, args: &str, access: WatchAccess) -> Result<(), CliError> {
    let (text, condition) = split_condition(args);
    if text.is_empty() {
        return Err(CliError::ArgumentRequired("expression to compute"));
    }
    let expr = parse_expression(session, text)?;
    if symbol_names(&expr).is_empty() {
        return Err(CliError::msg(format!("Cannot watch constant value `{text}'.")));
    }
    let value = evaluate_lazy(session, &expr)?;
    let (regions, recompute) = match &value {
        // An object in memory: its own bytes are watched, and are the value.
        Value::Object(o) if matches!(o.lval, Lval::Memory(_)) => {
            let addr = o.address().unwrap_or(0);
            (vec![(addr, o.ty.size().max(1))], None)
        }
        // A value computed from objects (`local + 1`): gdb watches each object it reads and
        // evaluates the expression again when one changes.
        _ => {
            let regions = object_regions(session, &expr);
            if regions.is_empty() {
                return Err(CliError::msg("Expression cannot be implemented with read/access watchpoint."));
            }
            (regions, Some(std::sync::Arc::new(Condition { text: text.to_string(), expr: expr.clone() })))
        }
    };
    let value = fetch_value(session, value)?;
    let ty = value.type_of();
    let old = match &value {
        Value::Object(o) => o.bytes.clone(),
        Value::Int { value, ty } => value.to_le_bytes()[..usize::from(ty.bytes)].to_vec(),
        other => other.as_u64().to_le_bytes().to_vec(),
    };
    let scope = local_scope(session, &expr);
    let condition = match condition {
        Some(text) => {
            let pc = session.debugger.selected_pc().ok().into_iter().collect::<Vec<RuntimeAddr>>();
            Some(parse_condition(session, text, &pc)?)
        }
        None => None,
    };
    let watch =
        Watch { access, expression: text.to_string(), ty: FullType(ty), regions, recompute, old, scope };
    let number = session.debugger.add_watchpoint(watch)?;
    if condition.is_some() {
        session.debugger.set_condition(number, condition)?;
    }
    println!("{} {number}: {text}", watchpoint_kind(access));
    Ok(())
}

/// The memory of each object an expression names (registers cannot be watched by address).
fn object_regions(session: &mut Session, expr: &crate::eval::Expr) -> Vec<(u64, u64)> {
    let mut regions = Vec::new();
    for name in symbol_names(expr) {
        let symbol = crate::eval::Expr::Symbol(name.to_string());
        if let Ok(Value::Object(o)) = evaluate_lazy(session, &symbol) {
            if let Lval::Memory(addr) = o.lval {
                let region = (addr, o.ty.size().max(1));
                if !regions.contains(&region) {
                    regions.push(region);
                }
            }
        }
    }
    regions
}

/// For an expression naming the selected frame's locals, that frame: the watchpoint ends with it.
fn local_scope(session: &mut Session, expr: &crate::eval::Expr) -> Option<WatchScope> {
    let pc = session.debugger.selected_pc().ok()?;
    let uses_locals = symbol_names(expr)
        .into_iter()
        .any(|name| session.debugger.name_scope(Some(pc), name) == Some(NameScope::Local));
    if !uses_locals {
        return None;
    }
    let frame = session.debugger.selected_frame().ok()?;
    Some(WatchScope { frame_cfa: frame.cfa()?, caller_resume: RuntimeAddr(frame.caller_pc()?) })
}

/// `info watchpoints`: the breakpoint table's watchpoint rows.
pub fn info_watchpoints(session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    if !print_breakpoint_table(session, true) {
        println!("No watchpoints.");
    }
    Ok(())
}

//! Looking at and changing data: print, output, x, set var / set $reg, disassemble, info registers.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::addr::RuntimeAddr;
use crate::engine::VarPlace;
use crate::engine::{CallOutcome, Debugger, ScopedVariable, Stop, StopReason};
use crate::eval::{
    self, EvalContext, EvalError, Expr, FunctionCall, IntType, Language, Lval, Object, PointerKind,
    SymbolKind, Value,
};
use crate::symbols::types::{Type, TypeRef};

use super::super::error::CliError;
use super::super::format::{
    self, disassemble as disassemble_range, examine, format_all_registers, format_general_registers,
    format_register_value, parse_examine_spec, DisassembleOptions, ExamineFormat, MemorySource, Symbolizer,
};
use super::super::session::Session;
use super::super::stop_text::print_stop;
use super::super::table::Invocation;
use super::super::value_text::{format_value, Printer};

/// The engine seen through the formatters' and evaluator's small traits. Interior mutability lets
/// one adapter serve as both the memory source (which needs `&mut`) and the symbolizer (`&`).
pub struct TargetView<'a> {
    debugger: RefCell<&'a mut Debugger>,
}

impl<'a> TargetView<'a> {
    pub fn new(debugger: &'a mut Debugger) -> Self {
        TargetView { debugger: RefCell::new(debugger) }
    }
}

impl MemorySource for &TargetView<'_> {
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), u64> {
        let mut debugger = self.debugger.borrow_mut();
        debugger.read_memory(RuntimeAddr(addr), buf).map_err(|e| match e {
            crate::engine::EngineError::Memory(bad) => bad,
            _ => addr,
        })
    }
}

impl Symbolizer for Debugger {
    fn symbolize(&self, addr: u64) -> Option<(String, u64)> {
        Debugger::symbolize(self, RuntimeAddr(addr))
    }

    fn symbol_address(&self, name: &str) -> Option<u64> {
        self.lookup_symbol(name).map(|a| a.0)
    }
}

impl Symbolizer for TargetView<'_> {
    fn symbolize(&self, addr: u64) -> Option<(String, u64)> {
        self.debugger.borrow().symbolize(RuntimeAddr(addr))
    }

    fn symbol_address(&self, name: &str) -> Option<u64> {
        self.debugger.borrow().lookup_symbol(name).map(|a| a.0)
    }
}

impl Symbolizer for &TargetView<'_> {
    fn symbolize(&self, addr: u64) -> Option<(String, u64)> {
        (*self).symbolize(addr)
    }

    fn symbol_address(&self, name: &str) -> Option<u64> {
        (*self).symbol_address(name)
    }
}

/// What expressions can see: registers of the live process, program symbols, value history,
/// convenience variables. Made of the session's parts, so that a breakpoint condition can be
/// evaluated while a run command holds the debugger (cli/conditions.rs).
pub(in crate::cli) struct SessionContext<'s> {
    pub debugger: &'s mut Debugger,
    pub values: &'s [Value],
    pub convenience: &'s mut HashMap<String, Value>,
    /// A call into the program that stopped before returning: its stop, for the front end to
    /// report before the error that abandons the expression.
    pub interrupted: Option<Stop>,
}

impl<'s> SessionContext<'s> {
    fn of(session: &'s mut Session) -> Self {
        SessionContext {
            debugger: &mut session.debugger,
            values: &session.values,
            convenience: &mut session.convenience,
            interrupted: None,
        }
    }
}

/// gdb's words when a call it made stopped before returning.
fn interrupted_call_message(stop: &Stop, function: &str) -> String {
    let abandoned =
        format!("Evaluation of the expression containing the function\n({function}) will be abandoned.");
    match stop.reason {
        StopReason::Exited { .. } | StopReason::Terminated { .. } => {
            format!("The program being debugged exited while in a function called from GDB.\n{abandoned}")
        }
        StopReason::Signal { .. } => format!(
            "The program being debugged was signaled while in a function called from GDB.\n\
             GDB remains in the frame where the signal was received.\n\
             To change this behavior use \"set unwindonsignal on\".\n\
             {abandoned}\nWhen the function is done executing, GDB will silently stop."
        ),
        _ => format!(
            "The program being debugged stopped while in a function called from GDB.\n{abandoned}\n\
             When the function is done executing, GDB will silently stop."
        ),
    }
}

/// The type gdb gives a register in expressions: `$rip` is a code pointer, `$rsp`/`$rbp` data
/// pointers, `$eflags` a flags set, 32/16/8-bit views `int`/`int16_t`/`int8_t`, the rest `long`.
fn register_value(name: &str, value: u64, bits: u32) -> Value {
    match name {
        "rip" | "pc" => Value::Pointer { addr: value, kind: PointerKind::Code },
        "rsp" | "rbp" | "sp" | "fp" => Value::Pointer { addr: value, kind: PointerKind::Data },
        "eflags" => Value::Flags { raw: value },
        _ => {
            let ty = match bits {
                8 => IntType::INT8,
                16 => IntType::INT16,
                32 => IntType::INT,
                _ => IntType::LONG,
            };
            Value::int(i128::from(value), ty)
        }
    }
}

impl EvalContext for SessionContext<'_> {
    fn register(&mut self, name: &str) -> Result<Option<Value>, EvalError> {
        if !crate::target::Registers::is_name(name) {
            return Ok(None);
        }
        // gdb: with no process, naming a register is an error ("$foo" that is no register is void).
        let regs =
            self.debugger.selected_registers().map_err(|_| EvalError::Other("No registers.".to_string()))?;
        Ok(regs.get(name).map(|(value, bits)| register_value(name, value, bits)))
    }

    fn set_register(&mut self, name: &str, value: u64) -> Result<(), EvalError> {
        self.debugger.set_register(name, value).map_err(|e| EvalError::Other(e.to_string()))
    }

    fn symbol(&mut self, name: &str) -> Option<(u64, SymbolKind)> {
        let (addr, is_function) = self.debugger.lookup_global_symbol(name)?;
        let kind = if is_function { SymbolKind::Function } else { SymbolKind::Data };
        Some((addr.0, kind))
    }

    fn history(&self, which: eval::HistoryRef) -> Result<Value, EvalError> {
        let values = self.values;
        let index = match which {
            eval::HistoryRef::Absolute(0) => values.len(),
            eval::HistoryRef::Absolute(n) => n as usize,
            eval::HistoryRef::Back(n) => {
                values.len().checked_sub(n as usize).ok_or(EvalError::HistoryEmpty)?
            }
        };
        if values.is_empty() {
            return Err(EvalError::HistoryEmpty);
        }
        index
            .checked_sub(1)
            .and_then(|i| values.get(i))
            .cloned()
            .ok_or(EvalError::HistoryNotReached(index as u64))
    }

    fn convenience(&self, name: &str) -> Option<Value> {
        self.convenience.get(name).cloned()
    }

    fn set_convenience(&mut self, name: &str, value: Value) {
        self.convenience.insert(name.to_string(), value);
    }

    fn variable(&mut self, name: &str) -> Result<Option<Value>, EvalError> {
        if let Some(var) = self.debugger.find_variable(name) {
            return variable_value(var.ty, var.place).map(Some);
        }
        // In a C++ method a member's name alone means `this->name`, as in gdb; a static member is
        // found in the class of `*this` or one of its bases.
        if name != "this" && !name.contains("::") {
            if let Some(this) = self.debugger.find_variable("this") {
                if let Ok(expr) = eval::parse(&format!("this->{name}")) {
                    if let Ok(value) = eval::evaluate(&expr, self) {
                        return Ok(Some(value));
                    }
                }
                if let Some(class) = this.ty.target().cloned() {
                    if let Some(var) = self.static_member(&class, name, 0) {
                        return variable_value(var.ty, var.place).map(Some);
                    }
                }
            }
        }
        // gdb's `FUNCTION::name`: a variable of a function's block (C++ scopes were tried first).
        if let Some((function, last)) = name.rsplit_once("::") {
            return match self.debugger.function_scoped_variable(function, last) {
                ScopedVariable::Found(var) => variable_value(var.ty, var.place).map(Some),
                // In C there are no namespaces: an unknown scope is an unknown name.
                ScopedVariable::NoFunction if self.language() == Language::C => {
                    Err(EvalError::NoSymbol(function.to_string()))
                }
                ScopedVariable::NoFunction => Ok(None),
                ScopedVariable::NoSymbol => {
                    Err(EvalError::Other(format!("No symbol \"{last}\" in specified context.")))
                }
                ScopedVariable::NoFrame => {
                    Err(EvalError::Other(format!("No frame is currently executing in block {function}.")))
                }
            };
        }
        Ok(None)
    }

    fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), EvalError> {
        self.debugger.read_memory(RuntimeAddr(addr), buf).map_err(|e| match e {
            crate::engine::EngineError::Memory(bad) => EvalError::Memory(bad),
            _ => EvalError::Memory(addr),
        })
    }

    fn write_memory(&mut self, addr: u64, bytes: &[u8]) -> Result<(), EvalError> {
        self.debugger.write_memory(RuntimeAddr(addr), bytes).map_err(|e| match e {
            crate::engine::EngineError::Memory(bad) => EvalError::Memory(bad),
            _ => EvalError::Memory(addr),
        })
    }

    fn write_dwarf_register(&mut self, number: u16, value: u64) -> Result<(), EvalError> {
        let name = DWARF_REGISTERS.get(usize::from(number)).ok_or(EvalError::NotAssignable)?;
        self.set_register(name, value)
    }

    fn lookup_type(&mut self, name: &str) -> Option<TypeRef> {
        self.debugger.find_type(name).or_else(|| Type::builtin(name))
    }

    /// As gdb's `get_function_name`: the debug info's function first, then the ELF symbol.
    fn function_name_at(&mut self, addr: u64) -> Option<String> {
        let at = RuntimeAddr(addr);
        if let Some((name, start, _)) = self.debugger.function_bounds(at) {
            if start == at {
                return Some(name);
            }
        }
        match self.debugger.symbolize(at) {
            Some((name, 0)) => Some(name),
            _ => None,
        }
    }

    fn call_function(&mut self, call: &FunctionCall) -> Result<Option<Vec<u8>>, EvalError> {
        if !self.debugger.is_running() {
            return Err(EvalError::Other("You can't do that without a process to debug.".into()));
        }
        let outcome = self.debugger.call_function(RuntimeAddr(call.address), &call.args, &call.returns);
        match outcome.map_err(|e| EvalError::Other(e.to_string()))? {
            CallOutcome::Returned(bytes) => Ok(bytes),
            CallOutcome::Stopped(stop) => {
                let message = interrupted_call_message(&stop, &call.name);
                self.interrupted = Some(stop);
                Err(EvalError::Other(message))
            }
        }
    }

    fn rust_syntax(&mut self) -> bool {
        self.debugger.selected_frame_is_rust()
    }

    fn language(&mut self) -> Language {
        match self.debugger.selected_frame_language() {
            Some("c++") => Language::CPlusPlus,
            Some("rust") => Language::Rust,
            _ => Language::C,
        }
    }
}

impl SessionContext<'_> {
    /// `CLASS::name` for the class `class` or, failing that, its base classes.
    fn static_member(
        &mut self,
        class: &TypeRef,
        name: &str,
        depth: u32,
    ) -> Option<crate::engine::FrameVariable> {
        let Type::Composite(composite) = &**class.strip() else { return None };
        if let Some(qualified) = composite.name.as_ref().map(|c| format!("{c}::{name}")) {
            if let Some(var) = self.debugger.find_variable(&qualified) {
                return Some(var);
            }
        }
        if depth > 16 {
            return None;
        }
        let bases: Vec<TypeRef> =
            composite.cplus().map(|c| c.bases.iter().map(|b| b.ty.clone()).collect()).unwrap_or_default();
        bases.iter().find_map(|base| self.static_member(base, name, depth + 1))
    }
}

/// x86-64 DWARF register numbers 0-16, by gdb's names.
const DWARF_REGISTERS: [&str; 17] = [
    "rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "rip",
];

/// A variable of the selected frame as an evaluator value (read when first needed).
pub fn variable_value(ty: TypeRef, place: VarPlace) -> Result<Value, EvalError> {
    Ok(Value::Object(match place {
        VarPlace::Memory(addr) => Object::in_memory(ty, addr),
        VarPlace::Register(number, bytes) => Object { ty, bytes, lval: Lval::Register(number), lazy: false },
        VarPlace::Value(bytes) => Object::computed(ty, bytes),
        VarPlace::OptimizedOut => Object { ty, bytes: Vec::new(), lval: Lval::OptimizedOut, lazy: false },
        VarPlace::Error(message) => return Err(EvalError::Other(message)),
    }))
}

/// Whether `name` names a type (a typedef or base type) for the parser's casts.
fn names_type(session: &mut Session, name: &str) -> bool {
    Type::builtin(name).is_some() || session.debugger.find_type(name).is_some()
}

/// Parses an expression, knowing the program's typedef names.
pub fn parse_expression(session: &mut Session, text: &str) -> Result<Expr, EvalError> {
    let session = RefCell::new(session);
    let is_type = |name: &str| names_type(&mut session.borrow_mut(), name);
    eval::parse_with(text, &is_type)
}

/// Evaluates without reading the result (`whatis`, `ptype`).
pub fn evaluate_lazy(session: &mut Session, expr: &Expr) -> Result<Value, CliError> {
    let mut ctx = SessionContext::of(session);
    Ok(eval::evaluate_lazy(expr, &mut ctx)?)
}

/// A type name resolved against the program (`ptype struct point`).
pub fn resolve_type_name(session: &mut Session, name: &eval::TypeName) -> Result<TypeRef, CliError> {
    let mut ctx = SessionContext::of(session);
    Ok(eval::resolve_type(name, &mut ctx)?)
}

/// Formats values with the session's memory, symbols and print settings.
pub fn with_printer<T>(
    session: &mut Session,
    format: Option<char>,
    f: impl FnOnce(&mut Printer<'_>) -> T,
) -> T {
    let rust = session.debugger.selected_frame_is_rust();
    with_printer_in(session, format, rust, f)
}

/// As `with_printer`, in the language given (`rust`) rather than the selected frame's.
pub fn with_printer_in<T>(
    session: &mut Session,
    format: Option<char>,
    rust: bool,
    f: impl FnOnce(&mut Printer<'_>) -> T,
) -> T {
    let limits = session.print_limits;
    let view = TargetView::new(&mut session.debugger);
    let mut mem = &view;
    let raw = format == Some('r');
    let format = format.filter(|f| *f != 'r');
    let mut printer =
        Printer { mem: &mut mem, syms: &view, format, limits, rust, raw, summary: false, depth: 0 };
    f(&mut printer)
}

/// `x`'s lines for `spec` at `addr`; instructions are marked (`=>`) against the selected frame's pc
/// and written in the session's disassembly flavor.
pub fn examine_at(session: &mut Session, addr: u64, spec: &format::ExamineSpec) -> format::ExamineOutput {
    let pc = session.debugger.selected_pc().ok().map(|p| p.0);
    let flavor = session.flavor;
    let view = TargetView::new(&mut session.debugger);
    let mut mem = &view;
    examine(&mut mem, &view, addr, spec, pc, flavor)
}

pub fn evaluate_expr(session: &mut Session, expr: &Expr) -> Result<Value, CliError> {
    let mut ctx = SessionContext::of(session);
    let value = eval::evaluate(expr, &mut ctx);
    // A call that stopped in the program: its stop is shown, then the error abandoning it.
    if let Some(stop) = ctx.interrupted.take() {
        print_stop(session, &stop);
    }
    Ok(value?)
}

/// Reads a lazy value's bytes.
pub fn fetch_value(session: &mut Session, value: Value) -> Result<Value, EvalError> {
    let mut ctx = SessionContext::of(session);
    eval::fetch(value, &mut ctx)
}

pub fn evaluate_text(session: &mut Session, text: &str) -> Result<Value, CliError> {
    let expr = parse_expression(session, text.trim())?;
    evaluate_expr(session, &expr)
}

/// An expression used as a number (counts, addresses).
pub fn evaluate_number(session: &mut Session, text: &str) -> Result<u64, CliError> {
    Ok(evaluate_text(session, text)?.as_u64())
}

/// Splits `/FMT rest` off a command's arguments.
fn split_format(args: &str) -> (Option<&str>, &str) {
    match args.strip_prefix('/') {
        Some(rest) => {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (Some(&rest[..end]), rest[end..].trim_start())
        }
        None => (None, args.trim()),
    }
}

/// A register named alone (`$rip`, `$xmm0`, `$eflags`) prints with its register type's rules, as gdb
/// does; returns the text when `expr` is such a register of the live process.
fn register_text(session: &mut Session, expr: &Expr, format: Option<char>) -> Option<String> {
    let (Expr::Convenience(name) | Expr::Register(name)) = expr else { return None };
    let regs = session.debugger.selected_registers().ok()?;
    let ext = session.debugger.extended_registers().ok();
    if !format::register_exists(name, &regs, ext.as_ref()) {
        return None;
    }
    let view = TargetView::new(&mut session.debugger);
    format_register_value(name, &regs, ext.as_ref(), &view, format)
}

/// The text of a value as `print` shows it after `$N = `.
pub(in crate::cli) fn value_text(
    session: &mut Session,
    expr: &Expr,
    value: &Value,
    format: Option<char>,
) -> Result<String, CliError> {
    if let Some(text) = register_text(session, expr, format) {
        return Ok(text);
    }
    let limits = session.print_limits;
    let rust = session.debugger.selected_frame_is_rust();
    let view = TargetView::new(&mut session.debugger);
    let mut mem = &view;
    format_value(value, format, &mut mem, &view, limits, rust).map_err(CliError::msg)
}

fn parse_print_format(spec: Option<&str>) -> Result<Option<char>, CliError> {
    match spec {
        None => Ok(None),
        Some(s) => {
            let letters: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
            match letters.as_slice() {
                [c] if "xduotacfszir".contains(*c) => Ok(Some(*c)),
                [c] => Err(CliError::msg(format!("Undefined output format \"{c}\"."))),
                [] => Ok(None),
                _ => Err(CliError::msg(format!("Undefined output format \"{s}\"."))),
            }
        }
    }
}

pub fn print(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    print_value(session, args, true)
}

/// `call EXP`: `print`, except that a `void` result shows nothing (and is not recorded).
pub fn call(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    print_value(session, args, false)
}

fn print_value(session: &mut Session, args: &str, show_void: bool) -> Result<(), CliError> {
    let (spec, text) = split_format(args);
    let format = parse_print_format(spec)?;
    let expr = if text.is_empty() {
        Expr::History(eval::HistoryRef::Back(0))
    } else {
        parse_expression(session, text)?
    };
    // Vector and x87 registers have no scalar value in the evaluator yet; the formatter shows them.
    let (shown, value) = match register_text(session, &expr, format) {
        Some(text) if !is_general_register(&expr) => (text.clone(), Value::Text(text)),
        _ => {
            let value = evaluate_expr(session, &expr)?;
            if !show_void && value == Value::Void {
                return Ok(());
            }
            (value_text(session, &expr, &value, format)?, value)
        }
    };
    let number = session.record_value(value);
    println!("${number} = {shown}");
    Ok(())
}

fn is_general_register(expr: &Expr) -> bool {
    matches!(expr, Expr::Convenience(name) | Expr::Register(name) if crate::target::Registers::is_name(name))
}

pub fn output(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (spec, text) = split_format(args);
    let format = parse_print_format(spec)?;
    let expr = parse_expression(session, text)?;
    let value = evaluate_expr(session, &expr)?;
    let shown = value_text(session, &expr, &value, format)?;
    print!("{shown}");
    Ok(())
}

/// `set var EXPR` / `set EXPR`: evaluate for the side effect.
pub fn set_expression(session: &mut Session, text: &str) -> Result<(), CliError> {
    if text.trim().is_empty() {
        return Err(CliError::ArgumentRequired("expression to compute"));
    }
    evaluate_text(session, text)?;
    Ok(())
}

pub fn examine_memory(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (spec_text, rest) = match args.strip_prefix('/') {
        Some(after) => {
            let (spec, rest) = parse_examine_spec(after, &session.examine.defaults);
            (Some(spec), rest.trim())
        }
        None => (None, args.trim()),
    };
    let spec = match spec_text {
        Some(spec) => spec,
        None => session.examine.defaults.without_format(!rest.is_empty()),
    };
    if let ExamineFormat::Undefined(c) = spec.format {
        return Err(CliError::msg(format!("Undefined output format \"{c}\".")));
    }
    let addr = if rest.is_empty() {
        session
            .examine
            .next_addr
            .ok_or_else(|| CliError::msg("Argument required (starting display address)."))?
    } else {
        evaluate_number(session, rest)?
    };
    let output = examine_at(session, addr, &spec);
    session.examine.defaults = session.examine.defaults.remember(&spec);
    session.examine.next_addr = Some(output.next_addr);
    for line in &output.lines {
        println!("{line}");
    }
    if let Some(partial) = &output.partial {
        use std::io::Write;
        print!("{partial}");
        let _ = std::io::stdout().flush();
    }
    match output.error {
        Some(error) => Err(CliError::msg(error)),
        None => Ok(()),
    }
}

pub fn disassemble(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let mut options = DisassembleOptions { flavor: session.flavor, raw: false };
    let mut text = args.trim();
    while let Some(rest) = text.strip_prefix('/') {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        for modifier in rest[..end].chars() {
            match modifier {
                'r' => options.raw = true,
                'm' | 's' => {}
                other => return Err(CliError::msg(format!("Invalid disassembly modifier '{other}'."))),
            }
        }
        text = rest[end..].trim_start();
    }
    let pc = session.debugger.selected_pc().ok().map(|p| p.0);
    let (start, end, function) = if let Some((from, to)) = text.split_once(',') {
        let start = evaluate_number(session, from)?;
        let to = to.trim();
        let end = match to.strip_prefix('+') {
            Some(len) => start.wrapping_add(evaluate_number(session, len)?),
            None => evaluate_number(session, to)?,
        };
        (start, end, None)
    } else {
        let addr = if text.is_empty() {
            pc.ok_or_else(|| CliError::msg("No frame selected."))?
        } else {
            evaluate_number(session, text)?
        };
        let (name, low, high) = session
            .debugger
            .function_bounds(RuntimeAddr(addr))
            .ok_or_else(|| CliError::msg("No function contains specified address."))?;
        (low.0, high.0, Some(name))
    };
    let result = {
        let view = TargetView::new(&mut session.debugger);
        let mut mem = &view;
        disassemble_range(&mut mem, &view, start, end, pc, function.as_deref(), options)
    };
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            Ok(())
        }
        Err((lines, error)) => {
            for line in lines {
                println!("{line}");
            }
            Err(CliError::msg(error))
        }
    }
}

fn require_registers(session: &mut Session) -> Result<crate::target::Registers, CliError> {
    session.debugger.selected_registers().map_err(|_| CliError::msg("The program has no registers now."))
}

pub fn info_registers(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let regs = require_registers(session)?;
    let ext = session.debugger.extended_registers().ok();
    let names: Vec<&str> = args.split_whitespace().map(|n| n.trim_start_matches('$')).collect();
    let view = TargetView::new(&mut session.debugger);
    let (lines, error) = match format_general_registers(&regs, ext.as_ref(), &names, &view) {
        Ok(lines) => (lines, None),
        Err((lines, error)) => (lines, Some(error)),
    };
    for line in lines {
        println!("{line}");
    }
    error.map_or(Ok(()), |e| Err(CliError::msg(e)))
}

pub fn info_all_registers(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    if !args.trim().is_empty() {
        return info_registers(session, args, how);
    }
    let regs = require_registers(session)?;
    let ext = session.debugger.extended_registers()?;
    let view = TargetView::new(&mut session.debugger);
    for line in format_all_registers(&regs, &ext, &view) {
        println!("{line}");
    }
    Ok(())
}

pub fn regs(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    info_registers(session, args, how)
}

//! Evaluates an expression tree against what the debugger can see.
//!
//! Objects are evaluated lazily: a variable, member or element is first only a type and a place,
//! and its bytes are read when an operator needs them or the expression's value is shown. So
//! `&big`, `sizeof big` and `big[3]` read nothing (or one element) of a big array, as in gdb.

use std::sync::Arc;

use super::ast::{BinaryOp, Expr, HistoryRef, TypeName, UnaryOp};
use super::call::{call, zero_of, FunctionCall};
use super::class_members::{find_base, find_member, has_base, Bases, FoundMember};
use super::error::EvalError;
use super::type_names::type_name;
use super::value::{bytes_to_f64, f64_to_bytes, le_u64, IntType, Lval, Object, PointerKind, Value};
use crate::symbols::types::{Encoding, Type, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Function,
    Data,
}

/// gdb's `max-value-size` (65536 by default, `u64::MAX` for unlimited): a bigger object is not read
/// whole. Like gdb's, the setting is global to the debugger, so it lives here rather than being
/// threaded through every `EvalContext`.
static MAX_VALUE_SIZE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(65536);

/// `set max-value-size`: None is unlimited.
pub fn set_max_value_size(limit: Option<u64>) {
    MAX_VALUE_SIZE.store(limit.unwrap_or(u64::MAX), std::sync::atomic::Ordering::Relaxed);
}

/// `show max-value-size`: None is unlimited.
pub fn max_value_size() -> Option<u64> {
    let limit = MAX_VALUE_SIZE.load(std::sync::atomic::Ordering::Relaxed);
    (limit != u64::MAX).then_some(limit)
}

/// The languages whose rules differ where expressions care: C++ and Rust have `bool` results
/// and `true`/`false`; Rust's literals are `i32`/`f64` and its `!` on an integer is `~`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    C,
    CPlusPlus,
    Rust,
}

/// What an expression can reach: implemented by the front end over the engine (and by tests).
pub trait EvalContext {
    /// The value of register `name`, or None when no register has that name.
    fn register(&mut self, name: &str) -> Result<Option<Value>, EvalError>;
    fn set_register(&mut self, name: &str, value: u64) -> Result<(), EvalError>;
    /// A program symbol's address and kind (ELF symbols: the fallback for names without DWARF).
    fn symbol(&mut self, name: &str) -> Option<(u64, SymbolKind)>;
    fn history(&self, which: HistoryRef) -> Result<Value, EvalError>;
    fn convenience(&self, name: &str) -> Option<Value>;
    fn set_convenience(&mut self, name: &str, value: Value);
    /// A variable, function or enumerator visible from the selected frame, as a (lazy) object.
    fn variable(&mut self, _name: &str) -> Result<Option<Value>, EvalError> {
        Ok(None)
    }
    fn read_memory(&mut self, addr: u64, _buf: &mut [u8]) -> Result<(), EvalError> {
        Err(EvalError::Memory(addr))
    }
    fn write_memory(&mut self, addr: u64, _bytes: &[u8]) -> Result<(), EvalError> {
        Err(EvalError::Memory(addr))
    }
    /// Writes a register by DWARF number (a variable living in a register).
    fn write_dwarf_register(&mut self, _number: u16, _value: u64) -> Result<(), EvalError> {
        Err(EvalError::NotAssignable)
    }
    /// Whether expressions are the selected frame's Rust (gdb words some errors differently).
    /// The language expressions are in: the selected frame's, as gdb's `set language auto`.
    fn language(&mut self) -> Language {
        if self.rust_syntax() {
            Language::Rust
        } else {
            Language::C
        }
    }
    fn rust_syntax(&mut self) -> bool {
        false
    }
    /// A type by its C name (`int`, `struct point`, `point_t`).
    fn lookup_type(&mut self, name: &str) -> Option<TypeRef> {
        Type::builtin(name)
    }
    /// The name of the function that starts at `addr`, for messages about calls.
    fn function_name_at(&mut self, _addr: u64) -> Option<String> {
        None
    }
    /// Runs `call` in the program: the bytes of the value it returns (None for `void`).
    fn call_function(&mut self, _call: &FunctionCall) -> Result<Option<Vec<u8>>, EvalError> {
        Err(EvalError::Other("You can't do that without a process to debug.".into()))
    }
}

/// Evaluates `expr` and reads the result's bytes.
pub fn evaluate(expr: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    let value = eval(expr, ctx)?;
    fetch(value, ctx)
}

/// Evaluates `expr` without reading the result and without side effects: no call runs and
/// nothing is written (for `whatis`, `ptype` and `sizeof`).
pub fn evaluate_lazy(expr: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    eval(expr, &mut NoSideEffects(ctx))
}

/// gdb's EVAL_AVOID_SIDE_EFFECTS: a context that reads through to `0` but runs no call (a call's
/// value is a zero of its return type) and writes nothing.
struct NoSideEffects<'a>(&'a mut dyn EvalContext);

impl EvalContext for NoSideEffects<'_> {
    fn register(&mut self, name: &str) -> Result<Option<Value>, EvalError> {
        self.0.register(name)
    }
    fn set_register(&mut self, _name: &str, _value: u64) -> Result<(), EvalError> {
        Ok(())
    }
    fn symbol(&mut self, name: &str) -> Option<(u64, SymbolKind)> {
        self.0.symbol(name)
    }
    fn history(&self, which: HistoryRef) -> Result<Value, EvalError> {
        self.0.history(which)
    }
    fn convenience(&self, name: &str) -> Option<Value> {
        self.0.convenience(name)
    }
    fn set_convenience(&mut self, _name: &str, _value: Value) {}
    fn variable(&mut self, name: &str) -> Result<Option<Value>, EvalError> {
        self.0.variable(name)
    }
    fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), EvalError> {
        self.0.read_memory(addr, buf)
    }
    fn write_memory(&mut self, _addr: u64, _bytes: &[u8]) -> Result<(), EvalError> {
        Ok(())
    }
    fn write_dwarf_register(&mut self, _number: u16, _value: u64) -> Result<(), EvalError> {
        Ok(())
    }
    fn lookup_type(&mut self, name: &str) -> Option<TypeRef> {
        self.0.lookup_type(name)
    }
    fn rust_syntax(&mut self) -> bool {
        self.0.rust_syntax()
    }
    fn language(&mut self) -> Language {
        self.0.language()
    }
    fn function_name_at(&mut self, addr: u64) -> Option<String> {
        self.0.function_name_at(addr)
    }
    fn call_function(&mut self, call: &FunctionCall) -> Result<Option<Vec<u8>>, EvalError> {
        Ok(zero_of(call))
    }
}

/// gdb's error for a name nothing defines: a scoped name (`geo::nope`) is looked for in its
/// namespace; gdb's Rust parser words it its own way, the whole path quoted.
fn no_symbol(name: &str, ctx: &mut dyn EvalContext) -> EvalError {
    if ctx.rust_syntax() {
        return EvalError::Other(format!("No symbol '{name}' in current context"));
    }
    match name.rsplit_once("::") {
        Some((scope, last)) => EvalError::Other(format!("No symbol \"{last}\" in namespace \"{scope}\".")),
        None => EvalError::NoSymbol(name.to_string()),
    }
}

/// A type name resolved against the program's types (for `ptype TYPE`, `whatis TYPE`, casts).
pub fn resolve_type(name: &TypeName, ctx: &mut dyn EvalContext) -> Result<TypeRef, EvalError> {
    let base = ctx.lookup_type(&name.base).or_else(|| Type::builtin(&name.base)).ok_or_else(|| match name
        .base
        .split_once(' ')
    {
        Some((kind @ ("struct" | "union" | "enum"), tag)) => {
            EvalError::Other(format!("No {kind} type named {tag}."))
        }
        _ => EvalError::NoSymbol(name.base.clone()),
    })?;
    Ok((0..name.pointers).fold(base, |ty, _| Type::pointer_to(ty)))
}

/// Reads a lazy object's bytes.
pub fn fetch(value: Value, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    match value {
        Value::Object(o) if o.lazy => Ok(Value::Object(fetch_object(o, ctx)?)),
        other => Ok(other),
    }
}

pub(super) fn fetch_object(mut o: Object, ctx: &mut dyn EvalContext) -> Result<Object, EvalError> {
    if !o.lazy {
        return Ok(o);
    }
    match o.lval {
        // A function has no bytes to read; its value is its address.
        Lval::Memory(_) if matches!(&**o.ty.strip(), Type::Function(_)) => {}
        Lval::Memory(addr) => {
            let size = o.ty.size();
            if max_value_size().is_some_and(|limit| size > limit) {
                return Err(EvalError::Other(format!(
                    "value requires {size} bytes, which is more than max-value-size"
                )));
            }
            // Unlimited sizes come from the program's types: fail the command, never abort on them.
            let mut bytes = Vec::new();
            usize::try_from(size)
                .ok()
                .and_then(|len| bytes.try_reserve_exact(len).ok().map(|()| len))
                .map_or_else(
                    || {
                        Err(EvalError::Other(format!(
                            "virtual memory exhausted: can't allocate {size} bytes."
                        )))
                    },
                    |len| {
                        bytes.resize(len, 0);
                        Ok(())
                    },
                )?;
            ctx.read_memory(addr, &mut bytes)?;
            o.bytes = bytes;
        }
        Lval::Bits { addr, bit, width } => {
            let span = usize::try_from((bit + width).div_ceil(8)).unwrap_or(8).min(16);
            let mut raw = vec![0u8; span];
            ctx.read_memory(addr, &mut raw)?;
            o.bytes = extract_bits(&raw, bit, width, o.ty.is_signed(), o.ty.size());
        }
        _ => {}
    }
    o.lazy = false;
    Ok(o)
}

/// `width` bits starting at bit `bit` of `raw`, as a value of `size` bytes.
pub fn extract_bits(raw: &[u8], bit: u64, width: u64, signed: bool, size: u64) -> Vec<u8> {
    let mut word = 0u128;
    for (i, b) in raw.iter().take(16).enumerate() {
        word |= u128::from(*b) << (8 * i);
    }
    let width = width.clamp(1, 64);
    let mut value = (word >> bit.min(127)) & ((1u128 << width) - 1);
    if signed && value >> (width - 1) & 1 == 1 {
        value |= !0u128 << width;
    }
    value.to_le_bytes()[..usize::try_from(size).unwrap_or(8).min(16)].to_vec()
}

pub(super) fn eval(expr: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    match expr {
        Expr::Int { value, unsigned, long } => {
            let ty = match (long, unsigned) {
                (false, false) => IntType::INT,
                (false, true) => IntType::UINT,
                (true, false) => IntType::LONG,
                (true, true) => IntType::ULONG,
            };
            // Rust's unsuffixed literal is an i32, or an i64 when it does not fit.
            let ty = match (ctx.language(), ty.bytes) {
                (Language::Rust, 4) if !ty.signed => IntType::I64,
                (Language::Rust, 4) => IntType::I32,
                (Language::Rust, _) => IntType::I64,
                _ => ty,
            };
            Ok(Value::int(*value as i128, ty))
        }
        Expr::TypedInt(value, ty) => Ok(Value::int(i128::from(*value), *ty)),
        Expr::Float(f) if ctx.language() == Language::Rust => {
            Ok(float_value(*f, Type::base("f64", 8, Encoding::Float)))
        }
        Expr::Char(c) => Ok(Value::int(i128::from(*c as i8), IntType::CHAR)),
        Expr::Str(bytes) => {
            // A C string literal: an array of char, NUL included, that lives in no memory.
            let mut contents = bytes.clone();
            contents.push(0);
            let element = Type::base("char", 1, Encoding::SignedChar);
            let ty = std::sync::Arc::new(Type::Array { element, count: Some(contents.len() as u64) });
            Ok(Value::Object(Object::computed(ty, contents)))
        }
        Expr::Float(f) => Ok(float_value(*f, double())),
        Expr::Register(name) => {
            ctx.register(name)?.ok_or_else(|| EvalError::Other(format!("Invalid register `{name}'")))
        }
        Expr::Convenience(name) => {
            if let Some(value) = ctx.register(name)? {
                return Ok(value);
            }
            // gdb: an unset convenience variable is void.
            Ok(ctx.convenience(name).unwrap_or(Value::Void))
        }
        Expr::History(which) => ctx.history(*which),
        // C++'s and Rust's boolean literals (C has none: gdb looks `true` up as a name there).
        Expr::Symbol(name) if matches!(name.as_str(), "true" | "false") && ctx.language() != Language::C => {
            Ok(truth_in(ctx, name == "true"))
        }
        Expr::Symbol(name) => {
            if let Some(value) = ctx.variable(name)? {
                return Ok(value);
            }
            match ctx.symbol(name) {
                Some((addr, SymbolKind::Function)) => Ok(Value::Pointer { addr, kind: PointerKind::Code }),
                Some((_, SymbolKind::Data)) => Err(EvalError::UnknownType(name.clone())),
                None => Err(no_symbol(name, ctx)),
            }
        }
        // Rust's `!` on an integer is its complement; on a bool, not.
        Expr::Unary(UnaryOp::Not, inner) if ctx.language() == Language::Rust => {
            let value = operand(inner, ctx)?;
            if value.type_of().strip().is_integral() && !is_bool(&value) {
                return arithmetic_unary(UnaryOp::Complement, &value);
            }
            Ok(truth_in(ctx, !value.is_true()))
        }
        Expr::Unary(UnaryOp::Not, inner) => {
            let value = unary(UnaryOp::Not, inner, ctx)?;
            Ok(truth_in(ctx, value.is_true()))
        }
        Expr::Unary(op, operand) => unary(*op, operand, ctx),
        Expr::Binary(BinaryOp::Repeat, left, right) => {
            let l = eval(left, ctx)?;
            let l = referent(l, ctx)?;
            let r = operand(right, ctx)?;
            repeat(l, &r)
        }
        Expr::Binary(op, left, right) => {
            let l = operand(left, ctx)?;
            // && and || short-circuit, as in C.
            match op {
                BinaryOp::And if !l.is_true() => return Ok(truth_in(ctx, false)),
                BinaryOp::Or if l.is_true() => return Ok(truth_in(ctx, true)),
                _ => {}
            }
            let r = operand(right, ctx)?;
            if is_truth_operator(*op) {
                let value = binary(*op, &l, &r)?;
                return Ok(truth_in(ctx, value.is_true()));
            }
            if ctx.language() == Language::Rust && !matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
                return rust_arithmetic(*op, &l, &r);
            }
            binary(*op, &l, &r)
        }
        Expr::Conditional(cond, then, otherwise) => {
            if operand(cond, ctx)?.is_true() {
                eval(then, ctx)
            } else {
                eval(otherwise, ctx)
            }
        }
        Expr::Assign(target, value) => {
            let value = operand(value, ctx)?;
            match target.as_ref() {
                Expr::Convenience(name) | Expr::Register(name) => {
                    if ctx.register(name)?.is_some() {
                        ctx.set_register(name, value.as_u64())?;
                        return ctx.register(name)?.ok_or(EvalError::NotAssignable);
                    }
                    ctx.set_convenience(name, value.clone());
                    Ok(value)
                }
                other => {
                    let place = eval(other, ctx)?;
                    let place = referent(place, ctx)?;
                    assign(place, &value, ctx)
                }
            }
        }
        Expr::Member(object, name) => {
            let value = eval(object, ctx)?;
            let value = referent(value, ctx)?;
            member(value, name, ctx)
        }
        Expr::Arrow(pointer, name) => {
            let value = operand(pointer, ctx)?;
            let target = deref(value)?;
            member(target, name, ctx)
        }
        Expr::Index(array, index) => {
            let value = eval(array, ctx)?;
            let value = referent(value, ctx)?;
            let index = operand(index, ctx)?;
            subscript(value, &index, ctx)
        }
        // A cast around a call gives a function without debug info its return type.
        Expr::Cast(name, inner) if matches!(&**inner, Expr::Call(..)) => {
            let ty = resolve_type(name, ctx)?;
            let Expr::Call(callee, args) = &**inner else { unreachable!("matched above") };
            let value = call(callee, args, Some(ty.clone()), ctx)?;
            cast(&value, ty, ctx)
        }
        Expr::Cast(name, value) => {
            let ty = resolve_type(name, ctx)?;
            let value = operand(value, ctx)?;
            cast(&value, ty, ctx)
        }
        Expr::Call(callee, args) => call(callee, args, None, ctx),
        Expr::SizeofExpr(operand) => {
            let value = eval(operand, &mut NoSideEffects(ctx))?;
            let value = referent(value, ctx)?;
            Ok(Value::int(i128::from(value.type_of().size()), IntType::INT))
        }
        Expr::SizeofType(name) => {
            let ty = resolve_type(name, ctx)?;
            Ok(Value::int(i128::from(ty.size()), IntType::INT))
        }
    }
}

/// Evaluates an operand of an operator: a C++ reference stands for the object it refers to.
fn operand(expr: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    let value = eval(expr, ctx)?;
    let value = referent(value, ctx)?;
    fetch(value, ctx)
}

/// The object a C++ reference refers to (gdb's coerce_ref), not yet read; other values as they
/// are.
fn referent(value: Value, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    match &value {
        Value::Object(o) => match &**o.ty.strip() {
            Type::Reference { target, .. } => {
                let target = target.clone();
                let reference = fetch_object(o.clone(), ctx)?;
                Ok(Value::Object(Object::in_memory(target, le_u64(&reference.bytes))))
            }
            _ => Ok(value),
        },
        _ => Ok(value),
    }
}

/// Arithmetic as gdb does it outside C (binop_promote's "other languages" rule, kept from gdb
/// 6.7): integers are computed as `long` (`unsigned long` when an operand is an unsigned type as
/// wide as long), floating point as `double` (`long double` past 8 bytes).
fn rust_arithmetic(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, EvalError> {
    let widen = |v: &Value| -> Result<Value, EvalError> {
        Ok(match number_of(v)? {
            Number::Int(value, ty) if ty.bytes >= 8 && !ty.signed => Value::int(value, IntType::ULONG),
            Number::Int(value, _) => Value::int(value, IntType::LONG),
            _ => v.clone(),
        })
    };
    let (l, r) = match (number_of(l), number_of(r)) {
        (Ok(Number::Int(..)), Ok(Number::Int(..))) => (widen(l)?, widen(r)?),
        _ => (l.clone(), r.clone()),
    };
    let value = binary(op, &l, &r)?;
    Ok(match value {
        Value::Object(o) if o.ty.is_float() && o.lval == Lval::None => {
            let name = if o.ty.size() > 8 { "long double" } else { "double" };
            let ty = Type::base(name, o.ty.size().max(8), Encoding::Float);
            float_value(o.as_f64(), ty)
        }
        other => other,
    })
}

/// Comparisons and logical operators: `int` in C, `bool` in C++ and Rust.
fn is_truth_operator(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(op, Lt | Gt | Le | Ge | Eq | Ne | And | Or)
}

/// A truth value as the language types it.
fn truth_in(ctx: &mut dyn EvalContext, truth: bool) -> Value {
    match ctx.language() {
        Language::C => Value::int(i128::from(truth), IntType::INT),
        Language::CPlusPlus | Language::Rust => {
            Value::Object(Object::computed(Type::base("bool", 1, Encoding::Bool), vec![u8::from(truth)]))
        }
    }
}

fn is_bool(value: &Value) -> bool {
    matches!(value, Value::Object(o) if matches!(&**o.ty.strip(), Type::Base(b) if b.encoding == Encoding::Bool))
}

fn double() -> TypeRef {
    Type::base("double", 8, Encoding::Float)
}

fn float_value(value: f64, ty: TypeRef) -> Value {
    let bytes = f64_to_bytes(value, ty.size());
    Value::Object(Object::computed(ty, bytes))
}

fn pointer_value(ty: TypeRef, addr: u64) -> Value {
    Value::Object(Object::computed(ty, addr.to_le_bytes().to_vec()))
}

fn unary(op: UnaryOp, operand: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    match op {
        UnaryOp::AddressOf => {
            if let Expr::Symbol(name) = operand {
                if ctx.variable(name)?.is_none() {
                    return match ctx.symbol(name) {
                        Some((addr, SymbolKind::Function)) => {
                            Ok(Value::Pointer { addr, kind: PointerKind::Code })
                        }
                        Some((addr, SymbolKind::Data)) => {
                            Ok(Value::Pointer { addr, kind: PointerKind::Data })
                        }
                        None => Err(no_symbol(name, ctx)),
                    };
                }
            }
            let value = eval(operand, ctx)?;
            let value = referent(value, ctx)?;
            address_of(&value)
        }
        UnaryOp::Deref => {
            let value = self::operand(operand, ctx)?;
            deref(value)
        }
        _ => {
            let value = self::operand(operand, ctx)?;
            arithmetic_unary(op, &value)
        }
    }
}

fn address_of(value: &Value) -> Result<Value, EvalError> {
    match value {
        Value::Object(o) => match o.lval {
            Lval::Memory(addr) => Ok(pointer_value(Type::pointer_to(o.ty.clone()), addr)),
            _ => Err(EvalError::NotLvalue),
        },
        _ => Err(EvalError::NotLvalue),
    }
}

/// `*v`: the object a pointer points at, an array's first element, a function itself, or (as gdb
/// allows) an `int` at the address an integer gives.
fn deref(value: Value) -> Result<Value, EvalError> {
    match value {
        Value::Object(o) => {
            let stripped = o.ty.strip().clone();
            match &*stripped {
                Type::Pointer(target) => {
                    if matches!(&**target.strip(), Type::Void) {
                        return Err(EvalError::Other(
                            "Attempt to take contents of a non-pointer value.".into(),
                        ));
                    }
                    Ok(Value::Object(Object::in_memory(target.clone(), le_u64(&o.bytes))))
                }
                Type::Array { element, .. } => element_of(o, element.clone(), 0),
                Type::Function(_) => Ok(Value::Object(o)),
                _ if o.ty.is_integral() => {
                    Ok(Value::Object(Object::in_memory(int_type(), o.as_i128() as u64)))
                }
                _ => Err(EvalError::NotPointer),
            }
        }
        Value::Int { value, .. } => Ok(Value::Object(Object::in_memory(int_type(), value as u64))),
        _ => Err(EvalError::NotPointer),
    }
}

fn int_type() -> TypeRef {
    Type::base("int", 4, Encoding::Signed)
}

/// Element `index` of array object `array`: in memory when the array is, else cut from its bytes.
fn element_of(array: Object, element: TypeRef, index: i128) -> Result<Value, EvalError> {
    let size = element.size();
    let offset = (index as i64).wrapping_mul(size as i64);
    if let Some(addr) = array.address() {
        return Ok(Value::Object(Object::in_memory(element, addr.wrapping_add(offset as u64))));
    }
    let start = usize::try_from(offset).map_err(|_| EvalError::Other("no such vector element".into()))?;
    let end = start.saturating_add(size as usize);
    let bytes =
        array.bytes.get(start..end).ok_or_else(|| EvalError::Other("no such vector element".into()))?;
    Ok(Value::Object(Object::computed(element, bytes.to_vec())))
}

fn subscript(value: Value, index: &Value, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    let i = match index {
        Value::Int { value, .. } => *value,
        Value::Object(o) if o.ty.is_integral() => o.as_i128(),
        _ => {
            return Err(EvalError::Other("Argument to arithmetic operation not a number or boolean.".into()))
        }
    };
    if let Value::Object(o) = &value {
        if let Type::Array { element, .. } = &**o.ty.strip() {
            let element = element.clone();
            let array = if o.address().is_none() { fetch_object(o.clone(), ctx)? } else { o.clone() };
            return element_of(array, element, i);
        }
    }
    // A Rust slice or &str is a {data_ptr, length} pair: index through the pointer, within length.
    if let Value::Object(o) = &value {
        let mut fixed = Bases::fixed_only();
        let data_ptr = find_member(&o.ty, "data_ptr", 0, &mut fixed)?;
        if let (Some(_), Some(_)) = (data_ptr, find_member(&o.ty, "length", 0, &mut fixed)?) {
            let length = fetch(member(value.clone(), "length", ctx)?, ctx)?.as_u64();
            if i < 0 || i as u64 >= length {
                return Err(EvalError::Other("Index greater than length".to_string()));
            }
            let data = fetch(member(value.clone(), "data_ptr", ctx)?, ctx)?;
            let moved = binary(BinaryOp::Add, &data, &Value::int(i, IntType::LONG))?;
            return deref(moved);
        }
    }
    let value = fetch(value, ctx)?;
    if let Value::Object(o) = &value {
        if let Type::Pointer(_) = &**o.ty.strip() {
            let moved = binary(BinaryOp::Add, &value, &Value::int(i, IntType::LONG))?;
            return deref(moved);
        }
    }
    Err(EvalError::Other(format!("cannot subscript something of type `{}'", type_name(&value.type_of(), ""))))
}

fn member(value: Value, name: &str, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    let Value::Object(o) = value else {
        return Err(EvalError::Other(
            "Attempt to extract a component of a value that is not a structure.".into(),
        ));
    };
    // gdb lets `.` reach through a pointer to a struct.
    if let Type::Pointer(target) = &**o.ty.strip() {
        if matches!(&**target.strip(), Type::Composite(_)) {
            let o = fetch_object(o, ctx)?;
            return member(deref(Value::Object(o))?, name, ctx);
        }
    }
    if !matches!(&**o.ty.strip(), Type::Composite(_)) {
        return Err(EvalError::Other(
            "Attempt to extract a component of a value that is not a structure.".into(),
        ));
    }
    let found = member_of(&o.ty, name, &mut Bases::new(o.address().unwrap_or(0), ctx))?;
    let (ty, offset, bits) = found.ok_or_else(|| match name.rsplit_once("::") {
        Some((_, field)) => EvalError::Other(format!("There is no field named {field}")),
        // gdb names methods too when the class has any (artificial ones count).
        None if has_methods(&o.ty) => EvalError::Other(format!("There is no member or method named {name}.")),
        None => EvalError::Other(format!("There is no member named {name}.")),
    })?;
    if let Some(addr) = o.address() {
        return Ok(Value::Object(match bits {
            Some((bit, width)) => {
                Object { ty, bytes: Vec::new(), lval: Lval::Bits { addr, bit, width }, lazy: true }
            }
            None => Object::in_memory(ty, addr.wrapping_add(offset)),
        }));
    }
    let o = fetch_object(o, ctx)?;
    if o.lval == Lval::OptimizedOut {
        return Ok(Value::Object(Object { ty, bytes: Vec::new(), lval: Lval::OptimizedOut, lazy: false }));
    }
    let bytes = match bits {
        Some((bit, width)) => extract_bits(&o.bytes, bit, width, ty.is_signed(), ty.size()),
        None => {
            let start = usize::try_from(offset).unwrap_or(usize::MAX);
            let end = start.saturating_add(usize::try_from(ty.size()).unwrap_or(0));
            o.bytes.get(start..end).map(<[u8]>::to_vec).unwrap_or_default()
        }
    };
    Ok(Value::Object(Object::computed(ty, bytes)))
}

fn has_methods(ty: &TypeRef) -> bool {
    matches!(&**ty.strip(), Type::Composite(c) if c.cplus().is_some_and(|cp| !cp.methods.is_empty()))
}

/// Member `name` of an object of type `ty`; `Class::name` names the member of the subobject of
/// that class (gdb's `obj.Base::member`).
fn member_of(ty: &TypeRef, name: &str, bases: &mut Bases) -> Result<Option<FoundMember>, EvalError> {
    match name.rsplit_once("::") {
        Some((class, field)) => match find_base(ty, class, 0, bases)? {
            Some((base, at)) => find_member(&base, field, at, bases),
            None => Ok(None),
        },
        None => find_member(ty, name, 0, bases),
    }
}

/// `obj@n`: `n` objects like `obj` in a row, as an array.
fn repeat(left: Value, count: &Value) -> Result<Value, EvalError> {
    let n = match count {
        Value::Int { value, .. } => *value,
        Value::Object(o) if o.ty.is_integral() => o.as_i128(),
        _ => return Err(EvalError::Other("Non-integral right operand for \"@\" operator.".into())),
    };
    let Value::Object(o) = left else {
        return Err(EvalError::Other("Only values in memory can be extended with '@'.".into()));
    };
    let Some(addr) = o.address() else {
        return Err(EvalError::Other("Only values in memory can be extended with '@'.".into()));
    };
    if n <= 0 {
        return Err(EvalError::Other(format!("Invalid number {n} of repetitions.")));
    }
    let ty = Arc::new(Type::Array { element: o.ty.clone(), count: Some(n as u64) });
    Ok(Value::Object(Object::in_memory(ty, addr)))
}

/// A value's bytes converted to type `ty`, as C's assignment and casts convert.
fn convert(value: &Value, ty: &TypeRef) -> Result<Vec<u8>, EvalError> {
    let size = usize::try_from(ty.size()).unwrap_or(8).min(16);
    let stripped = ty.strip();
    if let Type::Composite(_) | Type::Array { .. } = &**stripped {
        return match value {
            Value::Object(o) if o.bytes.len() == size && !matches!(&**o.ty.strip(), Type::Base(_)) => {
                Ok(o.bytes.clone())
            }
            _ => Err(EvalError::Other("Invalid cast.".into())),
        };
    }
    if ty.is_float() {
        return Ok(f64_to_bytes(number_of(value)?.as_f64(), ty.size()));
    }
    let bits = match number_of(value)? {
        Number::Float(f, _) => f as i128,
        Number::Int(v, _) => v,
        Number::Pointer(addr, _) => i128::from(addr),
    };
    let bits = if matches!(&**stripped, Type::Base(b) if b.encoding == Encoding::Bool) {
        i128::from(bits != 0)
    } else {
        bits
    };
    Ok(bits.to_le_bytes()[..size].to_vec())
}

pub(super) fn cast(value: &Value, ty: TypeRef, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    if matches!(&**ty.strip(), Type::Void) {
        return Ok(Value::Void);
    }
    if let Some(upcast) = upcast(value, &ty, ctx)? {
        return Ok(upcast);
    }
    // A struct reinterpreted as another of the same size keeps its place.
    if let (Value::Object(o), Type::Composite(_)) = (value, &**ty.strip()) {
        if o.ty.size() == ty.size() && matches!(&**o.ty.strip(), Type::Composite(_)) {
            return Ok(Value::Object(Object { ty, ..o.clone() }));
        }
    }
    let bytes = convert(value, &ty)?;
    Ok(Value::Object(Object::computed(ty, bytes)))
}

/// A C++ class, or a pointer to one, cast to a base class (or a pointer to it): the base's
/// subobject, wherever it lies (gdb's value_cast_structs). None when `ty` is no base of it.
fn upcast(value: &Value, ty: &TypeRef, ctx: &mut dyn EvalContext) -> Result<Option<Value>, EvalError> {
    let Value::Object(o) = value else { return Ok(None) };
    let class_name = |t: &TypeRef| match &**t.strip() {
        Type::Composite(c) if c.cplus().is_some() => c.name.clone(),
        _ => None,
    };
    match (&**o.ty.strip(), &**ty.strip()) {
        (Type::Pointer(from), Type::Pointer(to)) => {
            let Some(base) = class_name(to) else { return Ok(None) };
            if class_name(from).is_none()
                || class_name(from) == Some(base.clone())
                || !has_base(from, &base, 0)
            {
                return Ok(None);
            }
            let addr = le_u64(&o.bytes);
            // A null pointer stays null.
            if addr == 0 {
                return Ok(Some(pointer_value(ty.clone(), 0)));
            }
            let Some((_, offset)) = find_base(from, &base, 0, &mut Bases::new(addr, ctx))? else {
                return Ok(None);
            };
            Ok(Some(pointer_value(ty.clone(), addr.wrapping_add(offset))))
        }
        (Type::Composite(_), Type::Composite(_)) => {
            let Some(base) = class_name(ty) else { return Ok(None) };
            if class_name(&o.ty).is_none()
                || class_name(&o.ty) == Some(base.clone())
                || !has_base(&o.ty, &base, 0)
            {
                return Ok(None);
            }
            let found = find_base(&o.ty, &base, 0, &mut Bases::new(o.address().unwrap_or(0), ctx))?;
            let Some((_, offset)) = found else { return Ok(None) };
            Ok(Some(Value::Object(match o.address() {
                Some(addr) => Object::in_memory(ty.clone(), addr.wrapping_add(offset)),
                None => {
                    let start = usize::try_from(offset).unwrap_or(usize::MAX);
                    let end = start.saturating_add(usize::try_from(ty.size()).unwrap_or(0));
                    Object::computed(
                        ty.clone(),
                        o.bytes.get(start..end).map(<[u8]>::to_vec).unwrap_or_default(),
                    )
                }
            })))
        }
        _ => Ok(None),
    }
}

fn assign(place: Value, value: &Value, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    let Value::Object(target) = place else { return Err(EvalError::NotAssignable) };
    let bytes = convert(value, &target.ty)?;
    match target.lval {
        Lval::Memory(addr) => {
            ctx.write_memory(addr, &bytes)?;
            Ok(Value::Object(Object { bytes, lazy: false, ..target }))
        }
        Lval::Bits { addr, bit, width } => {
            let span = usize::try_from((bit + width).div_ceil(8)).unwrap_or(8).min(16);
            let mut raw = vec![0u8; span];
            ctx.read_memory(addr, &mut raw)?;
            let mut word = 0u128;
            for (i, b) in raw.iter().enumerate() {
                word |= u128::from(*b) << (8 * i);
            }
            let mask = ((1u128 << width.clamp(1, 64)) - 1) << bit;
            let new = u128::from(le_u64(&bytes)) << bit;
            word = (word & !mask) | (new & mask);
            let out = word.to_le_bytes()[..span].to_vec();
            ctx.write_memory(addr, &out)?;
            let shown = extract_bits(&out, bit, width, target.ty.is_signed(), target.ty.size());
            Ok(Value::Object(Object { bytes: shown, lazy: false, ..target }))
        }
        Lval::Register(number) => {
            ctx.write_dwarf_register(number, le_u64(&bytes))?;
            Ok(Value::Object(Object { bytes, lazy: false, ..target }))
        }
        Lval::None | Lval::OptimizedOut => Err(EvalError::NotAssignable),
    }
}

/// An operand of arithmetic: an integer of a C type, a float, or an address (with the pointer's
/// type when it has one, for scaling).
enum Number {
    Int(i128, IntType),
    Float(f64, TypeRef),
    Pointer(u64, Option<TypeRef>),
}

impl Number {
    fn as_f64(&self) -> f64 {
        match self {
            Number::Int(v, _) => *v as f64,
            Number::Float(f, _) => *f,
            Number::Pointer(a, _) => *a as f64,
        }
    }
}

/// The C integer type of an integral DWARF type, for the usual conversions.
fn int_type_of(ty: &TypeRef) -> IntType {
    match (ty.size(), ty.is_signed()) {
        (1, true) => IntType::CHAR,
        (1, false) => IntType { bytes: 1, signed: false, name: "unsigned char" },
        (2, true) => IntType::INT16,
        (2, false) => IntType { bytes: 2, signed: false, name: "unsigned short" },
        (8, true) => IntType::LONG,
        (8, false) => IntType::ULONG,
        (_, false) => IntType::UINT,
        _ => IntType::INT,
    }
}

fn number_of(value: &Value) -> Result<Number, EvalError> {
    let not_number = || EvalError::Other("Argument to arithmetic operation not a number or boolean.".into());
    Ok(match value {
        Value::Int { value, ty } => Number::Int(*value, *ty),
        Value::Pointer { addr, .. } => Number::Pointer(*addr, None),
        Value::Flags { raw } => Number::Int(i128::from(*raw), IntType::INT),
        Value::Text(_) | Value::Void => return Err(not_number()),
        Value::Object(o) => {
            if o.lval == Lval::OptimizedOut {
                return Err(EvalError::Other("value has been optimized out".into()));
            }
            match &**o.ty.strip() {
                Type::Base(b) if b.encoding == Encoding::Float => {
                    Number::Float(bytes_to_f64(&o.bytes), o.ty.clone())
                }
                Type::Base(_) | Type::Enum(_) => Number::Int(o.as_i128(), int_type_of(&o.ty)),
                Type::Pointer(_) => Number::Pointer(le_u64(&o.bytes), Some(o.ty.strip().clone())),
                Type::Array { element, .. } => Number::Pointer(
                    o.address().ok_or_else(not_number)?,
                    Some(Type::pointer_to(element.clone())),
                ),
                Type::Function(_) => {
                    Number::Pointer(o.address().ok_or_else(not_number)?, Some(Type::pointer_to(o.ty.clone())))
                }
                _ => return Err(not_number()),
            }
        }
    })
}

fn arithmetic_unary(op: UnaryOp, value: &Value) -> Result<Value, EvalError> {
    match number_of(value)? {
        Number::Float(f, ty) => Ok(match op {
            UnaryOp::Negate => float_value(-f, ty),
            UnaryOp::Plus => float_value(f, ty),
            UnaryOp::Not => Value::int(i128::from(f == 0.0), IntType::INT),
            _ => {
                return Err(EvalError::Other(
                    "Argument to complement operation not an integer, boolean.".into(),
                ))
            }
        }),
        Number::Pointer(addr, _) if op == UnaryOp::Not => Ok(Value::int(i128::from(addr == 0), IntType::INT)),
        number => {
            let (v, ty) = match number {
                Number::Int(v, ty) => (v, promote(ty)),
                Number::Pointer(a, _) => (i128::from(a), IntType::LONG),
                Number::Float(..) => (0, IntType::INT),
            };
            Ok(match op {
                UnaryOp::Negate => Value::int(v.wrapping_neg(), ty),
                UnaryOp::Complement => Value::int(!v, ty),
                UnaryOp::Not => Value::int(i128::from(v == 0), IntType::INT),
                _ => Value::int(v, ty),
            })
        }
    }
}

/// C's integer promotion: anything narrower than int becomes int.
fn promote(ty: IntType) -> IntType {
    if ty.bytes < 4 {
        IntType::INT
    } else {
        ty
    }
}

/// The usual arithmetic conversions for two integer types.
fn common_type(a: IntType, b: IntType) -> IntType {
    let (a, b) = (promote(a), promote(b));
    let bytes = a.bytes.max(b.bytes);
    let unsigned = (a.bytes == bytes && !a.signed) || (b.bytes == bytes && !b.signed);
    match (bytes, unsigned) {
        (8, false) => IntType::LONG,
        (8, true) => IntType::ULONG,
        (_, false) => IntType::INT,
        (_, true) => IntType::UINT,
    }
}

/// The size a pointer of type `ty` steps by (void and functions: 1, as gdb does).
fn stride(ty: &Option<TypeRef>) -> u64 {
    match ty.as_ref().and_then(|t| t.target()) {
        Some(target) => match &**target.strip() {
            Type::Void | Type::Function(_) => 1,
            _ => target.size().max(1),
        },
        None => 1,
    }
}

fn moved_pointer(addr: u64, ty: Option<TypeRef>, kind_of: &Value) -> Value {
    match ty {
        Some(ty) => pointer_value(ty, addr),
        None => {
            let kind = match kind_of {
                Value::Pointer { kind, .. } => *kind,
                _ => PointerKind::Data,
            };
            Value::Pointer { addr, kind }
        }
    }
}

/// C's spelling of a binary operator (gdb names it in `operator+` errors).
fn operator_text(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Rem => "%",
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Shl => "<<",
        BinaryOp::Shr => ">>",
        BinaryOp::Lt => "<",
        BinaryOp::Gt => ">",
        BinaryOp::Le => "<=",
        BinaryOp::Ge => ">=",
        BinaryOp::Eq => "==",
        BinaryOp::Ne => "!=",
        BinaryOp::BitAnd => "&",
        BinaryOp::BitXor => "^",
        BinaryOp::BitOr => "|",
        BinaryOp::And => "&&",
        BinaryOp::Or => "||",
        BinaryOp::Repeat => "@",
    }
}

fn is_composite(value: &Value) -> bool {
    matches!(value, Value::Object(o) if matches!(&**o.ty.strip(), Type::Composite(_)))
}

fn binary(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, EvalError> {
    let truth = |t: bool| Value::int(i128::from(t), IntType::INT);
    // gdb looks for an overloaded operator on a struct operand, and says so when there is none.
    if is_composite(l) || is_composite(r) {
        return Err(EvalError::Other(format!(
            "Structure has no component named operator{}.",
            operator_text(op)
        )));
    }
    let (a, b) = (number_of(l)?, number_of(r)?);
    match (&a, &b) {
        (Number::Pointer(addr, ty), Number::Int(n, _)) if matches!(op, BinaryOp::Add | BinaryOp::Sub) => {
            let delta = (*n as i64).wrapping_mul(stride(ty) as i64) as u64;
            let addr = if op == BinaryOp::Add { addr.wrapping_add(delta) } else { addr.wrapping_sub(delta) };
            return Ok(moved_pointer(addr, ty.clone(), l));
        }
        (Number::Int(n, _), Number::Pointer(addr, ty)) if op == BinaryOp::Add => {
            let delta = (*n as i64).wrapping_mul(stride(ty) as i64) as u64;
            return Ok(moved_pointer(addr.wrapping_add(delta), ty.clone(), r));
        }
        (Number::Pointer(x, ty), Number::Pointer(y, _)) if op == BinaryOp::Sub => {
            let size = stride(ty) as i64;
            return Ok(Value::int(i128::from((x.wrapping_sub(*y) as i64) / size), IntType::LONG));
        }
        _ => {}
    }
    if matches!(a, Number::Float(..)) || matches!(b, Number::Float(..)) {
        let ty = float_result_type(&a, &b);
        let (x, y) = (a.as_f64(), b.as_f64());
        return Ok(match op {
            BinaryOp::Add => float_value(x + y, ty),
            BinaryOp::Sub => float_value(x - y, ty),
            BinaryOp::Mul => float_value(x * y, ty),
            BinaryOp::Div => float_value(x / y, ty),
            BinaryOp::Lt => truth(x < y),
            BinaryOp::Gt => truth(x > y),
            BinaryOp::Le => truth(x <= y),
            BinaryOp::Ge => truth(x >= y),
            BinaryOp::Eq => truth(x == y),
            BinaryOp::Ne => truth(x != y),
            BinaryOp::And => truth(x != 0.0 && y != 0.0),
            BinaryOp::Or => truth(x != 0.0 || y != 0.0),
            _ => return Err(EvalError::Other("Integer only operation.".into())),
        });
    }
    let split = |n: Number| match n {
        Number::Int(v, ty) => (v, ty),
        Number::Pointer(addr, _) => (i128::from(addr), IntType::ULONG),
        Number::Float(f, _) => (f as i128, IntType::LONG),
    };
    let (a, at) = split(a);
    let (b, bt) = split(b);
    let ty = common_type(at, bt);
    let (a, b) = (ty.normalise(a as u64), ty.normalise(b as u64));
    Ok(match op {
        BinaryOp::Add => Value::int(a.wrapping_add(b), ty),
        BinaryOp::Sub => Value::int(a.wrapping_sub(b), ty),
        BinaryOp::Mul => Value::int(a.wrapping_mul(b), ty),
        BinaryOp::Div | BinaryOp::Rem if b == 0 => return Err(EvalError::DivisionByZero),
        BinaryOp::Div => Value::int(a / b, ty),
        BinaryOp::Rem => Value::int(a % b, ty),
        BinaryOp::Shl => Value::int(a.wrapping_shl((b & 127) as u32), promote(at)),
        BinaryOp::Shr => Value::int(a.wrapping_shr((b & 127) as u32), promote(at)),
        BinaryOp::Lt => truth(a < b),
        BinaryOp::Gt => truth(a > b),
        BinaryOp::Le => truth(a <= b),
        BinaryOp::Ge => truth(a >= b),
        BinaryOp::Eq => truth(a == b),
        BinaryOp::Ne => truth(a != b),
        BinaryOp::BitAnd => Value::int(a & b, ty),
        BinaryOp::BitXor => Value::int(a ^ b, ty),
        BinaryOp::BitOr => Value::int(a | b, ty),
        BinaryOp::And => truth(a != 0 && b != 0),
        BinaryOp::Or => truth(a != 0 || b != 0),
        BinaryOp::Repeat => {
            return Err(EvalError::Other("Only values in memory can be extended with '@'.".into()))
        }
    })
}

/// gdb's result type for float arithmetic: the wider float operand's type (`float * int` stays
/// float).
fn float_result_type(a: &Number, b: &Number) -> TypeRef {
    match (a, b) {
        (Number::Float(_, x), Number::Float(_, y)) => {
            if x.size() >= y.size() {
                x.clone()
            } else {
                y.clone()
            }
        }
        (Number::Float(_, x), _) | (_, Number::Float(_, x)) => x.clone(),
        _ => double(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Fake {
        regs: HashMap<String, u64>,
        conv: HashMap<String, Value>,
    }

    impl EvalContext for Fake {
        fn register(&mut self, name: &str) -> Result<Option<Value>, EvalError> {
            Ok(self.regs.get(name).map(|v| Value::int(*v as i128, IntType::LONG)))
        }
        fn set_register(&mut self, name: &str, value: u64) -> Result<(), EvalError> {
            self.regs.insert(name.to_string(), value);
            Ok(())
        }
        fn symbol(&mut self, name: &str) -> Option<(u64, SymbolKind)> {
            match name {
                "main" => Some((0x1139, SymbolKind::Function)),
                "limits" => Some((0x2010, SymbolKind::Data)),
                _ => None,
            }
        }
        fn history(&self, _which: HistoryRef) -> Result<Value, EvalError> {
            Err(EvalError::HistoryEmpty)
        }
        fn convenience(&self, name: &str) -> Option<Value> {
            self.conv.get(name).cloned()
        }
        fn set_convenience(&mut self, name: &str, value: Value) {
            self.conv.insert(name.to_string(), value);
        }
    }

    fn eval(text: &str, ctx: &mut Fake) -> Result<Value, EvalError> {
        evaluate(&parse(text)?, ctx)
    }

    #[test]
    fn integer_arithmetic_follows_c() {
        let mut ctx = Fake::default();
        assert_eq!(eval("7 / 2", &mut ctx), Ok(Value::int(3, IntType::INT)));
        assert_eq!(eval("-7 % 3", &mut ctx), Ok(Value::int(-1, IntType::INT)));
        assert_eq!(eval("2147483647 + 1", &mut ctx), Ok(Value::int(-2147483648, IntType::INT)));
        assert_eq!(eval("1u - 2", &mut ctx), Ok(Value::int(4294967295, IntType::UINT)));
        assert_eq!(eval("1 ? 2 : 3", &mut ctx), Ok(Value::int(2, IntType::INT)));
        assert_eq!(eval("0 && 1/0", &mut ctx), Ok(Value::int(0, IntType::INT)));
        assert_eq!(eval("1/0", &mut ctx), Err(EvalError::DivisionByZero));
        assert_eq!(eval("'A' + 1", &mut ctx), Ok(Value::int(66, IntType::INT)));
    }

    #[test]
    fn registers_symbols_and_assignment() {
        let mut ctx = Fake::default();
        ctx.regs.insert("rax".into(), 40);
        assert_eq!(eval("$rax + 2", &mut ctx), Ok(Value::int(42, IntType::LONG)));
        assert_eq!(eval("$rax = 5", &mut ctx), Ok(Value::int(5, IntType::LONG)));
        assert_eq!(ctx.regs["rax"], 5);
        assert_eq!(eval("&limits", &mut ctx), Ok(Value::Pointer { addr: 0x2010, kind: PointerKind::Data }));
        assert_eq!(eval("main + 4", &mut ctx), Ok(Value::Pointer { addr: 0x113d, kind: PointerKind::Code }));
        assert_eq!(eval("nope", &mut ctx), Err(EvalError::NoSymbol("nope".into())));
        assert_eq!(eval("limits", &mut ctx), Err(EvalError::UnknownType("limits".into())));
        assert_eq!(eval("$x = 3", &mut ctx), Ok(Value::int(3, IntType::INT)));
        assert_eq!(eval("$x * 2", &mut ctx), Ok(Value::int(6, IntType::INT)));
    }
}

//! Function calls in expressions (`add(1, 2)`, `ops[1](5, 3)`, `(int) abs(-3)`), as gdb makes
//! them: the callee is a function, a pointer to one, or an ELF symbol without debug info (whose
//! return type must then be given by a cast). Arguments are converted to the declared parameter
//! types when the function has a prototype; otherwise, and past the last parameter of a variadic
//! function, C's default promotions apply (narrow integers to int, float to double). An array
//! argument is passed as its address; a string literal, which has none, is copied into the
//! program's stack for the call.
//!
//! The call itself is the context's (`EvalContext::call_function`): the front end runs it in the
//! process, or refuses without one. In `whatis`, `ptype` and `sizeof` nothing runs: the value is
//! a zero of the return type, as in gdb.

use std::sync::Arc;

use super::ast::Expr;
use super::error::EvalError;
use super::evaluate::{cast, eval, evaluate, EvalContext};
use super::value::{le_u64, Lval, Object, PointerKind, Value};
use crate::symbols::types::{Type, TypeRef};

/// One argument as the ABI passes it.
#[derive(Clone, Debug)]
pub enum CallArgument {
    /// A value of type `ty`, passed as the ABI passes that type.
    Value { ty: TypeRef, bytes: Vec<u8> },
    /// Bytes that live nowhere in the program (a string literal): copied onto the stack for the
    /// call, and their address passed.
    Temporary(Vec<u8>),
}

/// A call ready to run: the function's address and name, its arguments and its return type.
#[derive(Clone, Debug)]
pub struct FunctionCall {
    pub address: u64,
    pub name: String,
    pub args: Vec<CallArgument>,
    pub returns: TypeRef,
}

/// What is being called.
struct Callee {
    address: u64,
    /// The function's type, when its debug info (or the pointer's type) says.
    signature: Option<Arc<Type>>,
}

/// Evaluates `callee(args)`; `returns`, from a cast around the call, gives the return type of a
/// function without debug info.
pub(super) fn call(
    callee: &Expr,
    args: &[Expr],
    returns: Option<TypeRef>,
    ctx: &mut dyn EvalContext,
) -> Result<Value, EvalError> {
    let target = callee_of(eval(callee, ctx)?, ctx)?;
    let signature = target.signature.as_ref().and_then(|t| match &**t {
        Type::Function(f) => Some(f),
        _ => None,
    });
    let declared = signature.map(|f| f.ret.clone());
    // gdb names the function by its address; one it has no symbol for is `at 0x` and its hex
    // (`'at 0x0x7'`).
    let name = ctx.function_name_at(target.address).unwrap_or_else(|| format!("at 0x{:#x}", target.address));
    let Some(returns) = returns.or(declared) else {
        let shown = &name;
        return Err(EvalError::Other(format!(
            "'{shown}' has unknown return type; cast the call to its declared return type"
        )));
    };
    if let Some(f) = signature {
        if f.prototyped && args.len() < f.params.len() {
            return Err(EvalError::Other("Too few arguments in function call.".into()));
        }
    }
    let mut passed = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let value = evaluate(arg, ctx)?;
        let parameter = signature.filter(|f| f.prototyped).and_then(|f| f.params.get(i));
        passed.push(argument(value, parameter, ctx)?);
    }
    let call = FunctionCall { address: target.address, name, args: passed, returns };
    let returns = call.returns.clone();
    if matches!(&**returns.strip(), Type::Void) {
        ctx.call_function(&call)?;
        return Ok(Value::Void);
    }
    let bytes =
        ctx.call_function(&call)?.unwrap_or_else(|| vec![0; usize::try_from(returns.size()).unwrap_or(0)]);
    Ok(Value::Object(Object::computed(returns, bytes)))
}

/// The address and type of what `value` calls.
fn callee_of(value: Value, ctx: &mut dyn EvalContext) -> Result<Callee, EvalError> {
    match value {
        Value::Object(o) => match &**o.ty.strip() {
            Type::Function(_) => match o.lval {
                Lval::Memory(address) => Ok(Callee { address, signature: Some(o.ty.strip().clone()) }),
                _ => Err(EvalError::Other("Invalid data type for function to be called.".into())),
            },
            Type::Pointer(target) if matches!(&**target.strip(), Type::Function(_)) => {
                let o = super::evaluate::fetch_object(o.clone(), ctx)?;
                Ok(Callee { address: le_u64(&o.bytes), signature: Some(target.strip().clone()) })
            }
            _ => {
                let o = super::evaluate::fetch_object(o, ctx)?;
                Ok(Callee { address: le_u64(&o.bytes), signature: None })
            }
        },
        // An ELF symbol: no debug info, so no type.
        Value::Pointer { addr, kind: PointerKind::Code } => Ok(Callee { address: addr, signature: None }),
        other => Ok(Callee { address: other.as_u64(), signature: None }),
    }
}

/// An argument converted to the parameter's type, or promoted as C promotes arguments of an
/// unprototyped or variadic function.
fn argument(
    value: Value,
    parameter: Option<&TypeRef>,
    ctx: &mut dyn EvalContext,
) -> Result<CallArgument, EvalError> {
    if let Value::Object(o) = &value {
        if let Type::Array { .. } = &**o.ty.strip() {
            // C passes an array as its address; a literal has none, so it gets one.
            return Ok(match o.lval {
                Lval::Memory(addr) => pointer_argument(addr),
                _ => CallArgument::Temporary(o.bytes.clone()),
            });
        }
        if let Type::Function(_) = &**o.ty.strip() {
            if let Lval::Memory(addr) = o.lval {
                return Ok(pointer_argument(addr));
            }
        }
    }
    let ty = match parameter {
        Some(ty) => ty.clone(),
        None => promoted_type(&value),
    };
    let converted = cast(&value, ty.clone(), ctx)?;
    let bytes = match converted {
        Value::Object(o) => o.bytes,
        other => other.as_u64().to_le_bytes()[..usize::try_from(ty.size()).unwrap_or(8).min(8)].to_vec(),
    };
    Ok(CallArgument::Value { ty, bytes })
}

fn pointer_argument(addr: u64) -> CallArgument {
    let ty = Type::pointer_to(Arc::new(Type::Void));
    CallArgument::Value { ty, bytes: addr.to_le_bytes().to_vec() }
}

/// C's default argument promotions: integers narrower than `int` become `int`, `float` becomes
/// `double`; anything else passes as it is.
fn promoted_type(value: &Value) -> TypeRef {
    let ty = value.type_of();
    let stripped = ty.strip();
    if stripped.is_float() && stripped.size() == 4 {
        return Type::builtin("double").unwrap_or_else(|| ty.clone());
    }
    if stripped.is_integral() && stripped.size() < 4 {
        return Type::builtin("int").unwrap_or_else(|| ty.clone());
    }
    ty
}

/// gdb's `value_zero` for `whatis`/`ptype`/`sizeof` of a call, which run nothing.
pub(super) fn zero_of(call: &FunctionCall) -> Option<Vec<u8>> {
    Some(vec![0; usize::try_from(call.returns.size()).unwrap_or(0).min(1 << 16)])
}

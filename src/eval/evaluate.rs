//! Evaluates an expression tree against what the debugger can see.

use super::ast::{BinaryOp, Expr, HistoryRef, UnaryOp};
use super::error::EvalError;
use super::value::{IntType, PointerKind, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Function,
    Data,
}

/// What an expression can reach: implemented by the front end over the engine (and by tests).
pub trait EvalContext {
    /// The value of register `name`, or None when no register has that name.
    fn register(&mut self, name: &str) -> Result<Option<Value>, EvalError>;
    fn set_register(&mut self, name: &str, value: u64) -> Result<(), EvalError>;
    /// A program symbol's address and kind.
    fn symbol(&mut self, name: &str) -> Option<(u64, SymbolKind)>;
    fn history(&self, which: HistoryRef) -> Result<Value, EvalError>;
    fn convenience(&self, name: &str) -> Option<Value>;
    fn set_convenience(&mut self, name: &str, value: Value);
}

pub fn evaluate(expr: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    match expr {
        Expr::Int { value, unsigned, long } => {
            let ty = match (long, unsigned) {
                (false, false) => IntType::INT,
                (false, true) => IntType::UINT,
                (true, false) => IntType::LONG,
                (true, true) => IntType::ULONG,
            };
            Ok(Value::int(*value as i128, ty))
        }
        Expr::Char(c) => Ok(Value::int(i128::from(*c as i8), IntType::CHAR)),
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
        Expr::Symbol(name) => match ctx.symbol(name) {
            Some((addr, SymbolKind::Function)) => Ok(Value::Pointer { addr, kind: PointerKind::Code }),
            Some((_, SymbolKind::Data)) => Err(EvalError::UnknownType(name.clone())),
            None => Err(EvalError::NoSymbol(name.clone())),
        },
        Expr::Unary(op, operand) => unary(*op, operand, ctx),
        Expr::Binary(op, left, right) => {
            let l = evaluate(left, ctx)?;
            // && and || short-circuit, as in C.
            match op {
                BinaryOp::And if !l.is_true() => return Ok(Value::int(0, IntType::INT)),
                BinaryOp::Or if l.is_true() => return Ok(Value::int(1, IntType::INT)),
                _ => {}
            }
            let r = evaluate(right, ctx)?;
            binary(*op, &l, &r)
        }
        Expr::Conditional(cond, then, otherwise) => {
            if evaluate(cond, ctx)?.is_true() {
                evaluate(then, ctx)
            } else {
                evaluate(otherwise, ctx)
            }
        }
        Expr::Assign(target, value) => {
            let value = evaluate(value, ctx)?;
            match target.as_ref() {
                Expr::Convenience(name) | Expr::Register(name) => {
                    if ctx.register(name)?.is_some() {
                        ctx.set_register(name, value.as_u64())?;
                        return ctx.register(name)?.ok_or(EvalError::NotAssignable);
                    }
                    ctx.set_convenience(name, value.clone());
                    Ok(value)
                }
                _ => Err(EvalError::NotAssignable),
            }
        }
    }
}

fn unary(op: UnaryOp, operand: &Expr, ctx: &mut dyn EvalContext) -> Result<Value, EvalError> {
    if op == UnaryOp::AddressOf {
        return match operand {
            Expr::Symbol(name) => match ctx.symbol(name) {
                Some((addr, SymbolKind::Function)) => Ok(Value::Pointer { addr, kind: PointerKind::Code }),
                Some((addr, SymbolKind::Data)) => Ok(Value::Pointer { addr, kind: PointerKind::Data }),
                None => Err(EvalError::NoSymbol(name.clone())),
            },
            _ => Err(EvalError::NotLvalue),
        };
    }
    let value = evaluate(operand, ctx)?;
    let (v, ty) = match value {
        Value::Int { value, ty } => (value, promote(ty)),
        Value::Pointer { .. } | Value::Flags { .. } if op == UnaryOp::Deref => {
            return Err(EvalError::NotPointer)
        }
        other => (i128::from(other.as_u64()), IntType::LONG),
    };
    Ok(match op {
        UnaryOp::Negate => Value::int(v.wrapping_neg(), ty),
        UnaryOp::Plus => Value::int(v, ty),
        UnaryOp::Complement => Value::int(!v, ty),
        UnaryOp::Not => Value::int(i128::from(v == 0), IntType::INT),
        UnaryOp::Deref => return Err(EvalError::NotPointer),
        UnaryOp::AddressOf => unreachable_address_of(),
    })
}

/// `&` is handled before the operand is evaluated; this keeps the match exhaustive without a panic.
fn unreachable_address_of() -> Value {
    Value::int(0, IntType::INT)
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

fn as_int(value: &Value) -> (i128, IntType) {
    match value {
        Value::Int { value, ty } => (*value, *ty),
        other => (i128::from(other.as_u64()), IntType::ULONG),
    }
}

fn binary(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, EvalError> {
    // Pointer arithmetic on untyped pointers counts bytes, as gdb does for void *.
    if let (Value::Pointer { addr, kind }, Value::Int { value, .. }) = (l, r) {
        match op {
            BinaryOp::Add => {
                return Ok(Value::Pointer { addr: addr.wrapping_add(*value as u64), kind: *kind })
            }
            BinaryOp::Sub => {
                return Ok(Value::Pointer { addr: addr.wrapping_sub(*value as u64), kind: *kind })
            }
            _ => {}
        }
    }
    if let (Value::Int { value, .. }, Value::Pointer { addr, kind }, BinaryOp::Add) = (l, r, op) {
        return Ok(Value::Pointer { addr: addr.wrapping_add(*value as u64), kind: *kind });
    }
    let (a, at) = as_int(l);
    let (b, bt) = as_int(r);
    let ty = common_type(at, bt);
    let (a, b) = (ty.normalise(a as u64), ty.normalise(b as u64));
    let truth = |t: bool| Value::int(i128::from(t), IntType::INT);
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
    })
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

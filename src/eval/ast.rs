//! The expression tree.

use super::value::IntType;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negate,
    Complement,
    Not,
    Deref,
    AddressOf,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
    /// gdb's `@`: `*arr@len`, an array of `len` objects starting at the left operand.
    Repeat,
}

/// A type named in an expression (`(struct point *) p`, `sizeof(unsigned long)`): the base type's
/// C name (`int`, `unsigned long`, `struct point`, a typedef's name) and how many `*` follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    pub base: String,
    pub pointers: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// An integer literal; `long_suffix` is set for `L`/`UL` or a value too wide for `int`.
    Int {
        value: u64,
        unsigned: bool,
        long: bool,
    },
    /// A Rust integer literal with its type suffix (`255u8`).
    TypedInt(u64, IntType),
    Char(u8),
    /// A string literal's bytes (without the NUL C adds).
    Str(Vec<u8>),
    Float(f64),
    /// `$rip`, `$eax`, `$pc` ...
    Register(String),
    /// `$`, `$$`, `$$N`, `$N`: the value history, counted back or absolute.
    History(HistoryRef),
    /// `$foo`: a convenience variable.
    Convenience(String),
    /// A name looked up in the program.
    Symbol(String),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(Box<Expr>, Box<Expr>),
    /// `s.field`
    Member(Box<Expr>, String),
    /// `p->field`
    Arrow(Box<Expr>, String),
    /// `a[i]`
    Index(Box<Expr>, Box<Expr>),
    /// `(type) expr`
    Cast(TypeName, Box<Expr>),
    /// `f(a, b)`: a call of a function in the program.
    Call(Box<Expr>, Vec<Expr>),
    SizeofExpr(Box<Expr>),
    SizeofType(TypeName),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryRef {
    /// `$N`
    Absolute(u64),
    /// `$` is Back(0), `$$` Back(1), `$$N` Back(N)
    Back(u64),
}

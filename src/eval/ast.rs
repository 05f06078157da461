//! The expression tree.

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
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// An integer literal; `long_suffix` is set for `L`/`UL` or a value too wide for `int`.
    Int {
        value: u64,
        unsigned: bool,
        long: bool,
    },
    Char(u8),
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryRef {
    /// `$N`
    Absolute(u64),
    /// `$` is Back(0), `$$` Back(1), `$$N` Back(N)
    Back(u64),
}

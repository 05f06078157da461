//! Precedence climbing over C's operator table.

use super::ast::{BinaryOp, Expr, HistoryRef, UnaryOp};
use super::error::EvalError;
use super::lexer::{tokenize, Token};

/// Parses a whole expression; trailing tokens are a syntax error.
pub fn parse(text: &str) -> Result<Expr, EvalError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens: &tokens, pos: 0, text };
    let expr = parser.assignment()?;
    if parser.pos < tokens.len() {
        return Err(parser.syntax_error());
    }
    Ok(expr)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    text: &'a str,
}

/// Binary operators by precedence level, loosest first.
const LEVELS: &[&[(&str, BinaryOp)]] = &[
    &[("||", BinaryOp::Or)],
    &[("&&", BinaryOp::And)],
    &[("|", BinaryOp::BitOr)],
    &[("^", BinaryOp::BitXor)],
    &[("&", BinaryOp::BitAnd)],
    &[("==", BinaryOp::Eq), ("!=", BinaryOp::Ne)],
    &[("<", BinaryOp::Lt), (">", BinaryOp::Gt), ("<=", BinaryOp::Le), (">=", BinaryOp::Ge)],
    &[("<<", BinaryOp::Shl), (">>", BinaryOp::Shr)],
    &[("+", BinaryOp::Add), ("-", BinaryOp::Sub)],
    &[("*", BinaryOp::Mul), ("/", BinaryOp::Div), ("%", BinaryOp::Rem)],
];

impl Parser<'_> {
    fn peek_punct(&self) -> Option<&'static str> {
        match self.tokens.get(self.pos) {
            Some(Token::Punct(p)) => Some(p),
            _ => None,
        }
    }

    fn eat(&mut self, punct: &str) -> bool {
        if self.peek_punct() == Some(punct) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// gdb quotes the rest of the input from where parsing failed.
    fn syntax_error(&self) -> EvalError {
        let rest = self.rest_of_input();
        EvalError::Syntax(rest)
    }

    fn rest_of_input(&self) -> String {
        // Re-tokenising positions is not tracked; approximate by the remaining tokens' text.
        let mut out = String::new();
        for token in &self.tokens[self.pos.min(self.tokens.len())..] {
            match token {
                Token::Int { value, .. } => out.push_str(&value.to_string()),
                Token::Char(c) => out.push_str(&format!("'{}'", *c as char)),
                Token::Dollar(s) | Token::Ident(s) => out.push_str(s),
                Token::Punct(p) => out.push_str(p),
            }
        }
        if out.is_empty() {
            let _ = self.text;
        }
        out
    }

    fn assignment(&mut self) -> Result<Expr, EvalError> {
        let left = self.conditional()?;
        if self.eat("=") {
            let right = self.assignment()?;
            return Ok(Expr::Assign(Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    fn conditional(&mut self) -> Result<Expr, EvalError> {
        let cond = self.binary(0)?;
        if self.eat("?") {
            let then = self.assignment()?;
            if !self.eat(":") {
                return Err(self.syntax_error());
            }
            let otherwise = self.conditional()?;
            return Ok(Expr::Conditional(Box::new(cond), Box::new(then), Box::new(otherwise)));
        }
        Ok(cond)
    }

    fn binary(&mut self, level: usize) -> Result<Expr, EvalError> {
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for (text, op) in LEVELS[level] {
                if self.eat(text) {
                    let right = self.binary(level + 1)?;
                    left = Expr::Binary(*op, Box::new(left), Box::new(right));
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    fn unary(&mut self) -> Result<Expr, EvalError> {
        let op = match self.peek_punct() {
            Some("-") => UnaryOp::Negate,
            Some("+") => UnaryOp::Plus,
            Some("~") => UnaryOp::Complement,
            Some("!") => UnaryOp::Not,
            Some("*") => UnaryOp::Deref,
            Some("&") => UnaryOp::AddressOf,
            _ => return self.primary(),
        };
        self.pos += 1;
        let operand = self.unary()?;
        Ok(Expr::Unary(op, Box::new(operand)))
    }

    fn primary(&mut self) -> Result<Expr, EvalError> {
        let Some(token) = self.tokens.get(self.pos) else {
            return Err(self.syntax_error());
        };
        self.pos += 1;
        match token {
            Token::Int { value, unsigned, long } => {
                let long = *long || *value > u64::from(u32::MAX) || (!*unsigned && *value > i32::MAX as u64);
                Ok(Expr::Int { value: *value, unsigned: *unsigned, long })
            }
            Token::Char(c) => Ok(Expr::Char(*c)),
            Token::Ident(name) => Ok(Expr::Symbol(name.clone())),
            Token::Dollar(text) => Ok(dollar(text)),
            Token::Punct("(") => {
                let inner = self.assignment()?;
                if !self.eat(")") {
                    return Err(self.syntax_error());
                }
                Ok(inner)
            }
            Token::Punct(_) => {
                self.pos -= 1;
                Err(self.syntax_error())
            }
        }
    }
}

/// Sorts `$...` into history references, registers and convenience variables (registers are
/// recognised by the evaluator, which knows the register names; here all names are "convenience").
fn dollar(text: &str) -> Expr {
    let rest = &text[1..];
    if rest.is_empty() {
        return Expr::History(HistoryRef::Back(0));
    }
    if let Some(back) = rest.strip_prefix('$') {
        if back.is_empty() {
            return Expr::History(HistoryRef::Back(1));
        }
        if let Ok(n) = back.parse() {
            return Expr::History(HistoryRef::Back(n));
        }
    }
    if let Ok(n) = rest.parse() {
        return Expr::History(HistoryRef::Absolute(n));
    }
    Expr::Convenience(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_precedence() {
        let e = parse("1 + 2 * 3 << 1").expect("parses");
        let expected = Expr::Binary(
            BinaryOp::Shl,
            Box::new(Expr::Binary(
                BinaryOp::Add,
                Box::new(Expr::Int { value: 1, unsigned: false, long: false }),
                Box::new(Expr::Binary(
                    BinaryOp::Mul,
                    Box::new(Expr::Int { value: 2, unsigned: false, long: false }),
                    Box::new(Expr::Int { value: 3, unsigned: false, long: false }),
                )),
            )),
            Box::new(Expr::Int { value: 1, unsigned: false, long: false }),
        );
        assert_eq!(e, expected);
    }

    #[test]
    fn dollars() {
        assert_eq!(parse("$").expect("p"), Expr::History(HistoryRef::Back(0)));
        assert_eq!(parse("$$").expect("p"), Expr::History(HistoryRef::Back(1)));
        assert_eq!(parse("$$3").expect("p"), Expr::History(HistoryRef::Back(3)));
        assert_eq!(parse("$4").expect("p"), Expr::History(HistoryRef::Absolute(4)));
        assert_eq!(parse("$rip").expect("p"), Expr::Convenience("rip".into()));
    }

    #[test]
    fn syntax_errors_quote_the_rest() {
        assert_eq!(parse("1 +"), Err(EvalError::Syntax(String::new())));
        assert_eq!(parse("(1"), Err(EvalError::Syntax(String::new())));
        assert_eq!(parse("1 2"), Err(EvalError::Syntax("2".into())));
    }
}

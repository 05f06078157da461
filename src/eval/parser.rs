//! Precedence climbing over C's operator table.

use super::ast::{BinaryOp, Expr, HistoryRef, TypeName, UnaryOp};
use super::error::EvalError;
use super::lexer::{tokenize, Token};

/// Parses a whole expression; trailing tokens are a syntax error. Only C's own type words start a
/// cast here; `parse_with` also knows the program's typedef names.
pub fn parse(text: &str) -> Result<Expr, EvalError> {
    parse_with(text, &|_| false)
}

/// Parses with `is_typedef` telling which identifiers name types (gdb asks the symbol table too:
/// `(point_t) x` is a cast, `(x) - 1` a subtraction).
pub fn parse_with(text: &str, is_typedef: &dyn Fn(&str) -> bool) -> Result<Expr, EvalError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens: &tokens, pos: 0, text, is_typedef };
    let expr = parser.assignment()?;
    if parser.pos < tokens.len() {
        return Err(parser.syntax_error());
    }
    Ok(expr)
}

/// The whole of `text` as a type name (`ptype struct point`, `whatis point_t`), or None when it is
/// an expression.
pub fn parse_type_name(text: &str, is_typedef: &dyn Fn(&str) -> bool) -> Option<TypeName> {
    let tokens = tokenize(text).ok()?;
    let mut parser = Parser { tokens: &tokens, pos: 0, text, is_typedef };
    if !parser.type_starts_at(0) {
        return None;
    }
    let name = parser.type_name().ok()?;
    (parser.pos == tokens.len()).then_some(name)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    text: &'a str,
    is_typedef: &'a dyn Fn(&str) -> bool,
}

/// Words that can only start a type name.
const TYPE_WORDS: &[&str] = &[
    "int", "char", "short", "long", "unsigned", "signed", "float", "double", "void", "_Bool", "struct",
    "union", "enum", "const", "volatile",
];

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
    &[("@", BinaryOp::Repeat)],
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
                Token::TypedInt(value, ty) => out.push_str(&format!("{value}{}", ty.name)),
                Token::Char(c) => out.push_str(&format!("'{}'", *c as char)),
                Token::Str(bytes) => out.push_str(&format!("\"{}\"", String::from_utf8_lossy(bytes))),
                Token::Float(f) => out.push_str(&f.to_string()),
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
        // `x OP= y` is `x = x OP y` (gdb's BINOP_ASSIGN_MODIFY), with the place read once more.
        const COMPOUND: [(&str, BinaryOp); 10] = [
            ("+=", BinaryOp::Add),
            ("-=", BinaryOp::Sub),
            ("*=", BinaryOp::Mul),
            ("/=", BinaryOp::Div),
            ("%=", BinaryOp::Rem),
            ("&=", BinaryOp::BitAnd),
            ("|=", BinaryOp::BitOr),
            ("^=", BinaryOp::BitXor),
            ("<<=", BinaryOp::Shl),
            (">>=", BinaryOp::Shr),
        ];
        if let Some((_, op)) = COMPOUND.iter().find(|(text, _)| self.peek_punct() == Some(*text)) {
            self.pos += 1;
            let right = self.assignment()?;
            let combined = Expr::Binary(*op, Box::new(left.clone()), Box::new(right));
            return Ok(Expr::Assign(Box::new(left), Box::new(combined)));
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
            // Rust's `EXPR as TYPE` binds tighter than every binary operator.
            let mut expr = self.unary()?;
            while matches!(self.tokens.get(self.pos), Some(Token::Ident(word)) if word == "as") {
                self.pos += 1;
                let name = self.type_name()?;
                expr = Expr::Cast(name, Box::new(expr));
            }
            return Ok(expr);
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
        if matches!(self.tokens.get(self.pos), Some(Token::Ident(word)) if word == "sizeof") {
            self.pos += 1;
            if self.peek_punct() == Some("(") && self.type_starts_at(self.pos + 1) {
                self.pos += 1;
                let name = self.type_name()?;
                if !self.eat(")") {
                    return Err(self.syntax_error());
                }
                return Ok(Expr::SizeofType(name));
            }
            let operand = self.unary()?;
            return Ok(Expr::SizeofExpr(Box::new(operand)));
        }
        if self.peek_punct() == Some("(") && self.type_starts_at(self.pos + 1) {
            self.pos += 1;
            let name = self.type_name()?;
            if !self.eat(")") {
                return Err(self.syntax_error());
            }
            let operand = self.unary()?;
            return Ok(Expr::Cast(name, Box::new(operand)));
        }
        let op = match self.peek_punct() {
            Some("-") => UnaryOp::Negate,
            Some("+") => UnaryOp::Plus,
            Some("~") => UnaryOp::Complement,
            Some("!") => UnaryOp::Not,
            Some("*") => UnaryOp::Deref,
            Some("&") => UnaryOp::AddressOf,
            _ => return self.postfix(),
        };
        self.pos += 1;
        let operand = self.unary()?;
        Ok(Expr::Unary(op, Box::new(operand)))
    }

    /// Whether a type name starts at token `at`.
    fn type_starts_at(&self, at: usize) -> bool {
        match self.tokens.get(at) {
            Some(Token::Ident(word)) => {
                TYPE_WORDS.contains(&word.as_str())
                    || (self.is_typedef)(word)
                    || self.scoped_name_at(at).is_some_and(|(name, _)| (self.is_typedef)(&name))
            }
            _ => false,
        }
    }

    /// A C++ scoped name starting at token `at` (`geo::Square`) and how many tokens it takes;
    /// None for a plain identifier.
    fn scoped_name_at(&self, at: usize) -> Option<(String, usize)> {
        let Some(Token::Ident(first)) = self.tokens.get(at) else { return None };
        let mut name = first.clone();
        let mut used = 1;
        while let (Some(Token::Punct("::")), Some(Token::Ident(next))) =
            (self.tokens.get(at + used), self.tokens.get(at + used + 1))
        {
            name = format!("{name}::{next}");
            used += 2;
        }
        (used > 1).then_some((name, used))
    }

    /// `unsigned long`, `struct point`, `point_t`, each optionally followed by `*`s; const and
    /// volatile are accepted and dropped.
    fn type_name(&mut self) -> Result<TypeName, EvalError> {
        let mut words: Vec<String> = Vec::new();
        while let Some(Token::Ident(word)) = self.tokens.get(self.pos) {
            let word = word.clone();
            if word == "const" || word == "volatile" {
                self.pos += 1;
                continue;
            }
            if matches!(word.as_str(), "struct" | "union" | "enum") {
                if !words.is_empty() {
                    break;
                }
                let Some(Token::Ident(tag)) = self.tokens.get(self.pos + 1) else {
                    return Err(self.syntax_error());
                };
                words.push(word);
                words.push(tag.clone());
                self.pos += 2;
                continue;
            }
            if TYPE_WORDS.contains(&word.as_str())
                && !words.iter().any(|w| w == "struct" || w == "union" || w == "enum")
            {
                words.push(word);
                self.pos += 1;
                continue;
            }
            // A typedef's (or a C++ scoped type's) name is a whole base type by itself.
            if words.is_empty() {
                match self.scoped_name_at(self.pos) {
                    Some((name, used)) => {
                        words.push(name);
                        self.pos += used;
                    }
                    None => {
                        words.push(word);
                        self.pos += 1;
                    }
                }
                continue;
            }
            break;
        }
        if words.is_empty() {
            return Err(self.syntax_error());
        }
        let base = canonical_type(&words);
        let mut pointers = 0;
        while self.eat("*") {
            pointers += 1;
            while matches!(self.tokens.get(self.pos), Some(Token::Ident(w)) if w == "const" || w == "volatile")
            {
                self.pos += 1;
            }
        }
        Ok(TypeName { base, pointers })
    }

    /// A primary expression followed by `[i]`, `(args)`, `.name` and `->name`.
    fn postfix(&mut self) -> Result<Expr, EvalError> {
        let mut expr = self.primary()?;
        loop {
            if self.eat("(") {
                expr = Expr::Call(Box::new(expr), self.call_arguments()?);
            } else if self.eat("[") {
                let index = self.assignment()?;
                if !self.eat("]") {
                    return Err(self.syntax_error());
                }
                expr = Expr::Index(Box::new(expr), Box::new(index));
            } else if self.peek_punct() == Some(".") || self.peek_punct() == Some("->") {
                let arrow = self.peek_punct() == Some("->");
                self.pos += 1;
                let name = match self.tokens.get(self.pos) {
                    Some(Token::Ident(name)) => name.clone(),
                    // Rust's tuple fields (`pair.0`) are DWARF members `__0`, `__1`, ...
                    Some(Token::Int { value, .. }) if !arrow => format!("__{value}"),
                    _ => return Err(self.syntax_error()),
                };
                self.pos += 1;
                // `obj.Base::member`: the member of the base class `Base` (which must name a
                // class, else gdb's grammar fails after the name).
                let name = match self.scoped_name_at(self.pos - 1) {
                    Some((scoped, used)) => {
                        self.pos += used - 1;
                        let class = scoped.rsplit_once("::").map_or("", |(class, _)| class);
                        if !(self.is_typedef)(class) {
                            return Err(self.syntax_error());
                        }
                        scoped
                    }
                    None => name,
                };
                expr = if arrow {
                    Expr::Arrow(Box::new(expr), name)
                } else {
                    Expr::Member(Box::new(expr), name)
                };
            } else {
                return Ok(expr);
            }
        }
    }

    /// A call's arguments after its `(`, through the closing `)`.
    fn call_arguments(&mut self) -> Result<Vec<Expr>, EvalError> {
        let mut args = Vec::new();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.assignment()?);
            if self.eat(")") {
                return Ok(args);
            }
            if !self.eat(",") {
                return Err(self.syntax_error());
            }
        }
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
            Token::TypedInt(value, ty) => Ok(Expr::TypedInt(*value, *ty)),
            Token::Char(c) => Ok(Expr::Char(*c)),
            Token::Str(bytes) => Ok(Expr::Str(bytes.clone())),
            Token::Float(f) => Ok(Expr::Float(*f)),
            Token::Ident(name) => {
                // A C++ scoped name (`geo::limit`, `geo::Color::Red`) is one symbol.
                let mut name = name.clone();
                while self.peek_punct() == Some("::") {
                    let Some(Token::Ident(next)) = self.tokens.get(self.pos + 1) else { break };
                    name = format!("{name}::{next}");
                    self.pos += 2;
                }
                Ok(Expr::Symbol(name))
            }
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

/// gdb's name for a base type spelled with C's words in any order (`long unsigned int` is
/// `unsigned long`); a tagged or typedef name is kept as written.
fn canonical_type(words: &[String]) -> String {
    if matches!(words.first().map(String::as_str), Some("struct" | "union" | "enum"))
        || words.len() == 1 && !TYPE_WORDS.contains(&words[0].as_str())
    {
        return words.join(" ");
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    let longs = words.iter().filter(|w| *w == "long").count();
    let unsigned = has("unsigned");
    let prefix = if unsigned { "unsigned " } else { "" };
    if has("void") {
        return "void".to_string();
    }
    if has("_Bool") {
        return "_Bool".to_string();
    }
    if has("float") {
        return "float".to_string();
    }
    if has("double") {
        return if longs > 0 { "long double".to_string() } else { "double".to_string() };
    }
    if has("char") {
        return if unsigned {
            "unsigned char".to_string()
        } else if has("signed") {
            "signed char".to_string()
        } else {
            "char".to_string()
        };
    }
    if has("short") {
        return format!("{prefix}short");
    }
    match longs {
        0 => format!("{prefix}int"),
        1 => format!("{prefix}long"),
        _ => format!("{prefix}long long"),
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

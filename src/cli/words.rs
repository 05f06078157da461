//! Splitting argument text into words as a shell would for simple cases: whitespace separates,
//! single and double quotes group, backslash escapes. No expansion: rdbg starts programs without a shell.

pub fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => current.push(ch),
                        None => return Err("Unmatched single quote.".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => current.push(ch),
                            Some(ch) => {
                                current.push('\\');
                                current.push(ch);
                            }
                            None => return Err("Unmatched double quote.".to_string()),
                        },
                        Some(ch) => current.push(ch),
                        None => return Err("Unmatched double quote.".to_string()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    current.push(ch);
                }
            }
            other => {
                in_word = true;
                current.push(other);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(
            split_words(r#"a 'b c' "d \"e\"" f\ g"#),
            Ok(vec!["a".into(), "b c".into(), "d \"e\"".into(), "f g".into()])
        );
        assert_eq!(split_words("  "), Ok(vec![]));
        assert_eq!(split_words("''"), Ok(vec![String::new()]));
        assert!(split_words("'open").is_err());
    }
}

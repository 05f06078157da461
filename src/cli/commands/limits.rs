//! `set max-value-size N|unlimited` and `show max-value-size`: how big an object the evaluator reads
//! whole (gdb's guard against printing a huge array by mistake; benchmarks lift it).

use crate::eval;

use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::Invocation;
use super::data::evaluate_text;

/// gdb never goes below this many bytes.
const MIN_VALUE_SIZE: u64 = 16;

pub fn set_max_value_size(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        return Err(CliError::msg("Argument required (integer to set it to, or \"unlimited\")."));
    }
    // gdb's zuinteger_unlimited: "unlimited" or -1 is no limit, other values are expressions.
    let limit = if args == "unlimited" {
        None
    } else {
        match evaluate_text(session, args)?.as_u64() as i64 {
            -1 => None,
            n if n < -1 => return Err(CliError::msg("only -1 is allowed to set as unlimited")),
            n => Some(n as u64),
        }
    };
    let limit = match limit {
        Some(n) if n < MIN_VALUE_SIZE => {
            eval::set_max_value_size(Some(MIN_VALUE_SIZE));
            return Err(CliError::msg(format!(
                "max-value-size set too low, increasing to {MIN_VALUE_SIZE} bytes"
            )));
        }
        other => other,
    };
    eval::set_max_value_size(limit);
    Ok(())
}

pub fn show_max_value_size(_session: &mut Session, _args: &str, _how: Invocation) -> Result<(), CliError> {
    match eval::max_value_size() {
        Some(n) => println!("Maximum value size is {n} bytes."),
        None => println!("Maximum value size is unlimited."),
    }
    Ok(())
}

//! The `/FMT` of gdb's `x` command: count, format letter and unit size, with gdb's defaults carried
//! over from the previous `x` (gdb's `decode_format` and `x_command` rules).

/// What each examined unit is shown as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExamineFormat {
    /// `x`: zero-padded hex.
    Hex,
    /// `d`: signed decimal.
    Decimal,
    /// `u`: unsigned decimal.
    Unsigned,
    /// `o`: octal with a leading 0.
    Octal,
    /// `t`: binary, zero-padded to the unit width.
    Binary,
    /// `a`: an address, `0x...` and `<symbol+offset>`.
    Address,
    /// `c`: the low byte as a signed number and a character literal.
    Char,
    /// `f`: float for 4-byte units, double for 8-byte units, signed decimal otherwise.
    Float,
    /// `s`: a NUL-terminated string of 1-, 2- or 4-byte characters.
    String,
    /// `i`: machine instructions.
    Instruction,
    /// `z`: zero-padded hex (as `x` in the `x` command).
    ZeroHex,
    /// No format ever given (gdb's format 0 after a bare `x/`): the unit's natural type, a signed integer.
    Natural,
    /// A letter gdb accepts while parsing but rejects when printing (`Undefined output format "y".`).
    Undefined(char),
}

impl ExamineFormat {
    /// The format for a letter; any other lowercase letter is `Undefined`.
    pub fn from_letter(c: char) -> ExamineFormat {
        match c {
            'x' => ExamineFormat::Hex,
            'd' => ExamineFormat::Decimal,
            'u' => ExamineFormat::Unsigned,
            'o' => ExamineFormat::Octal,
            't' => ExamineFormat::Binary,
            'a' => ExamineFormat::Address,
            'c' => ExamineFormat::Char,
            'f' => ExamineFormat::Float,
            's' => ExamineFormat::String,
            'i' => ExamineFormat::Instruction,
            'z' => ExamineFormat::ZeroHex,
            other => ExamineFormat::Undefined(other),
        }
    }
}

/// What gdb remembers between `x` commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExamineDefaults {
    /// The last format; `None` before the first `x`.
    pub format: Option<ExamineFormat>,
    /// The last unit size in bytes (1, 2, 4, 8); gdb starts with 4.
    pub unit: usize,
    /// The last count, which a bare `x` (no `/FMT`, no address) repeats.
    pub count: i64,
}

impl Default for ExamineDefaults {
    fn default() -> Self {
        ExamineDefaults { format: None, unit: 4, count: 1 }
    }
}

/// A decoded `x` request, before the address is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExamineSpec {
    /// How many units (or strings, or instructions); negative reads backwards from the address.
    pub count: i64,
    pub format: ExamineFormat,
    /// Unit size in bytes. For strings: 1, 2 (char16_t) or 4 (char32_t).
    pub unit: usize,
}

impl ExamineDefaults {
    /// The spec of an `x` without `/FMT`: the last format (hex at first) and unit; the last count when
    /// there is no address either (`x` alone), else 1.
    pub fn without_format(&self, has_address: bool) -> ExamineSpec {
        let format = self.format.unwrap_or(ExamineFormat::Hex);
        ExamineSpec { count: if has_address { 1 } else { self.count }, format, unit: self.unit_for(format) }
    }

    /// What to remember after an `x` with `spec` (gdb remembers byte units after strings).
    pub fn remember(&self, spec: &ExamineSpec) -> ExamineDefaults {
        let unit = if spec.format == ExamineFormat::String { 1 } else { spec.unit };
        ExamineDefaults { format: Some(spec.format), unit, count: spec.count }
    }

    /// The unit actually used for a format given the remembered unit.
    fn unit_for(&self, format: ExamineFormat) -> usize {
        match format {
            ExamineFormat::Instruction => 1,
            _ => self.unit,
        }
    }
}

/// Decodes the text after `x/` (e.g. `4xw $sp`): the count, size and format letters, as gdb does.
/// Returns the spec and the rest of the text (the address expression, leading spaces skipped).
/// Like gdb, letters are not checked here: an unknown one becomes `ExamineFormat::Undefined`, which
/// `examine` reports after printing the first row's address.
pub fn parse_examine_spec<'a>(text: &'a str, last: &ExamineDefaults) -> (ExamineSpec, &'a str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut count: i64 = 1;
    if bytes.first() == Some(&b'-') {
        count = -1;
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i > digits_start {
        // atoi: saturate rather than fail on absurd counts.
        let n: i64 = text[digits_start..i].parse().unwrap_or(i64::from(i32::MAX));
        count *= n;
    }
    let mut size: Option<char> = None;
    let mut format: Option<char> = None;
    while i < bytes.len() {
        let c = bytes[i] as char;
        match c {
            'b' | 'h' | 'w' | 'g' => size = Some(c),
            // Raw printing and memory tags do not change what `x` shows here.
            'r' | 'm' => {}
            'a'..='z' => format = Some(c),
            _ => break,
        }
        i += 1;
    }
    let rest = text[i..].trim_start();
    let old_format = last.format.unwrap_or(ExamineFormat::Natural);
    let size_bytes = |c: char| match c {
        'b' => 1,
        'h' => 2,
        'w' => 4,
        _ => 8,
    };
    let (format, unit) = match (format, size) {
        (None, None) => (old_format, last.unit),
        (None, Some(s)) => {
            let f = if old_format == ExamineFormat::Instruction { ExamineFormat::Hex } else { old_format };
            (f, size_bytes(s))
        }
        (Some(f), Some(s)) => (ExamineFormat::from_letter(f), size_bytes(s)),
        (Some(f), None) => {
            let f = ExamineFormat::from_letter(f);
            let unit = match f {
                ExamineFormat::Address => 8,
                ExamineFormat::Float => {
                    if last.unit == 4 || last.unit == 8 {
                        last.unit
                    } else {
                        8
                    }
                }
                ExamineFormat::Char | ExamineFormat::String => 1,
                _ => last.unit,
            };
            (f, unit)
        }
    };
    let unit = match format {
        ExamineFormat::Instruction => 1,
        // gdb has no 8-byte character type: it warns and reads bytes.
        ExamineFormat::String if unit == 8 => 1,
        _ => unit,
    };
    (ExamineSpec { count, format, unit }, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, last: &ExamineDefaults) -> ExamineSpec {
        parse_examine_spec(text, last).0
    }

    #[test]
    fn letters_and_counts() {
        let d = ExamineDefaults::default();
        let (spec, rest) = parse_examine_spec("4xw $sp", &d);
        assert_eq!(spec, ExamineSpec { count: 4, format: ExamineFormat::Hex, unit: 4 });
        assert_eq!(rest, "$sp");
        // The last size letter wins, and so does the last format letter (gdb: `x/abc` is c with b).
        assert_eq!(parse("3bh", &d).unit, 2);
        assert_eq!(parse("abc", &d), ExamineSpec { count: 1, format: ExamineFormat::Char, unit: 1 });
        assert_eq!(parse("-3xb", &d).count, -3);
        assert_eq!(parse("3y", &d).format, ExamineFormat::Undefined('y'));
        // A bare `x/` in a fresh gdb prints words as signed decimals.
        assert_eq!(parse("", &d), ExamineSpec { count: 1, format: ExamineFormat::Natural, unit: 4 });
    }

    #[test]
    fn defaults_follow_gdb() {
        let d = ExamineDefaults::default();
        assert_eq!(parse("a", &d).unit, 8);
        assert_eq!(parse("c", &d).unit, 1);
        assert_eq!(parse("s", &d).unit, 1);
        assert_eq!(parse("sh", &d).unit, 2);
        assert_eq!(parse("sg", &d).unit, 1);
        assert_eq!(parse("i", &d).unit, 1);
        let bytes = ExamineDefaults { format: Some(ExamineFormat::Hex), unit: 1, count: 1 };
        assert_eq!(parse("f", &bytes).unit, 8);
        let words = ExamineDefaults { format: Some(ExamineFormat::Hex), unit: 4, count: 1 };
        assert_eq!(parse("f", &words).unit, 4);
        // After `x/2i`, a size alone means hex.
        let insns = ExamineDefaults { format: Some(ExamineFormat::Instruction), unit: 1, count: 2 };
        assert_eq!(parse("2b", &insns).format, ExamineFormat::Hex);
        assert_eq!(insns.without_format(false).count, 2);
        assert_eq!(insns.without_format(true).count, 1);
        let s = ExamineSpec { count: 2, format: ExamineFormat::String, unit: 2 };
        assert_eq!(d.remember(&s).unit, 1);
    }
}

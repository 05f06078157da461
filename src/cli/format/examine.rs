//! gdb's `x` command over a memory source: rows of `ADDR <sym+off>:` and tab-separated values.

use super::chars::{string_literal, PRINT_ELEMENTS};
use super::disasm::instruction_text;
use super::numbers::{format_scalar, Scalar};
use super::spec::{ExamineFormat, ExamineSpec};
use super::{memory_error, read_prefix, symbol_suffix, Flavor, MemorySource, Symbolizer};

/// What one `x` command prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExamineOutput {
    /// Complete lines, without newlines.
    pub lines: Vec<String>,
    /// The unfinished row gdb has already printed (without a newline) when an error stops it, e.g.
    /// `0x0:\t`; the error message follows it on the terminal.
    pub partial: Option<String>,
    /// The error that ended the command (gdb's words), printed after `partial`.
    pub error: Option<String>,
    /// Where a following `x` without an address continues.
    pub next_addr: u64,
    /// The address of the last unit, string or instruction examined (gdb's `$_`).
    pub last_addr: Option<u64>,
}

/// How many values gdb puts on one row.
fn values_per_row(format: ExamineFormat, unit: usize) -> usize {
    match format {
        ExamineFormat::String | ExamineFormat::Instruction => 1,
        _ => match unit {
            1 | 2 => 8,
            4 => 4,
            _ => 2,
        },
    }
}

fn letter(format: ExamineFormat) -> Option<char> {
    Some(match format {
        ExamineFormat::Hex => 'x',
        ExamineFormat::Decimal | ExamineFormat::Natural => 'd',
        ExamineFormat::Unsigned => 'u',
        ExamineFormat::Octal => 'o',
        ExamineFormat::Binary => 't',
        ExamineFormat::Address => 'a',
        ExamineFormat::Char => 'c',
        ExamineFormat::Float => 'f',
        ExamineFormat::ZeroHex => 'z',
        ExamineFormat::String | ExamineFormat::Instruction | ExamineFormat::Undefined(_) => return None,
    })
}

/// Runs `x/{spec} addr`. `pc` marks the current instruction (`=> `) in `x/i` rows.
///
/// Negative counts are supported for the numeric formats (gdb starts `count` units before `addr`);
/// for strings and instructions they give an error.
pub fn examine(
    mem: &mut dyn MemorySource,
    syms: &dyn Symbolizer,
    addr: u64,
    spec: &ExamineSpec,
    pc: Option<u64>,
    flavor: Flavor,
) -> ExamineOutput {
    let unit = match spec.unit {
        1 | 2 | 4 | 8 => spec.unit,
        _ => 4,
    };
    let mut out = ExamineOutput { next_addr: addr, ..Default::default() };
    let mut addr = addr;
    let mut count = spec.count;
    if count < 0 {
        if matches!(spec.format, ExamineFormat::String | ExamineFormat::Instruction) {
            out.error = Some("rdbg: x/-N is not supported for strings and instructions".to_string());
            return out;
        }
        addr = addr.wrapping_sub(count.unsigned_abs() * unit as u64);
        count = -count;
    }
    let per_row = values_per_row(spec.format, unit);
    let mut left = count as u64;
    // Numbers read their whole range in one batch (one process_vm_readv instead of one read per
    // value); a range that is not all readable falls back to per-value reads, which find the exact
    // value gdb stops at.
    let mut prefetched;
    let mem: &mut dyn MemorySource = match prefetch(mem, spec.format, addr, left, unit) {
        Some(bytes) => {
            prefetched = Prefetched { base: addr, bytes };
            &mut prefetched
        }
        None => mem,
    };
    while left > 0 {
        let label = format!("{addr:#x}{}:", symbol_suffix(syms, addr));
        match spec.format {
            ExamineFormat::String => {
                let (text, next) = examine_string(mem, addr, unit);
                out.lines.push(format!("{label}\t{text}"));
                out.last_addr = Some(addr);
                addr = next;
                left -= 1;
            }
            ExamineFormat::Instruction => {
                let marker = if pc == Some(addr) { "=> " } else { "   " };
                let row = format!("{marker}{label}\t");
                let mut buf = [0u8; 15];
                let (n, bad) = read_prefix(mem, addr, &mut buf);
                let Some((text, len)) = instruction_text(&buf[..n], addr, flavor, syms) else {
                    out.partial = Some(row);
                    out.error = Some(memory_error(bad.unwrap_or(addr.wrapping_add(n as u64))));
                    break;
                };
                out.lines.push(row + &text);
                out.last_addr = Some(addr);
                addr = addr.wrapping_add(len as u64);
                left -= 1;
            }
            format => {
                let Some(letter) = letter(format) else {
                    let c = if let ExamineFormat::Undefined(c) = format { c } else { '?' };
                    out.partial = Some(format!("{label}\t"));
                    out.error = Some(format!("Undefined output format \"{c}\"."));
                    break;
                };
                let mut row = label;
                let mut failed = false;
                for _ in 0..per_row.min(left as usize) {
                    row.push('\t');
                    let mut buf = [0u8; 8];
                    if let Err(bad) = mem.read(addr, &mut buf[..unit]) {
                        out.partial = Some(row.clone());
                        out.error = Some(memory_error(bad));
                        failed = true;
                        break;
                    }
                    let value = Scalar::from_le(&buf[..unit]);
                    row.push_str(&format_scalar(value, letter, true, syms).unwrap_or_default());
                    out.last_addr = Some(addr);
                    addr = addr.wrapping_add(unit as u64);
                    left -= 1;
                }
                if failed {
                    break;
                }
                out.lines.push(row);
            }
        }
    }
    out.next_addr = addr;
    out
}

/// The largest `x` range read in one batch; longer ones read value by value.
const PREFETCH_MAX: u64 = 64 << 20;

fn prefetch(
    mem: &mut dyn MemorySource,
    format: ExamineFormat,
    addr: u64,
    count: u64,
    unit: usize,
) -> Option<Vec<u8>> {
    letter(format)?;
    let len = count.checked_mul(unit as u64).filter(|len| *len <= PREFETCH_MAX)?;
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    mem.read(addr, &mut bytes).ok()?;
    Some(bytes)
}

/// A range read in advance; reads inside it are copies, none goes outside it.
struct Prefetched {
    base: u64,
    bytes: Vec<u8>,
}

impl MemorySource for Prefetched {
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), u64> {
        let start = usize::try_from(addr.wrapping_sub(self.base)).map_err(|_| addr)?;
        let src = start.checked_add(buf.len()).and_then(|end| self.bytes.get(start..end)).ok_or(addr)?;
        buf.copy_from_slice(src);
        Ok(())
    }
}

/// One `x/s` string at `addr` with code units of `width` bytes: its text and the next address.
fn examine_string(mem: &mut dyn MemorySource, addr: u64, width: usize) -> (String, u64) {
    let mut units = Vec::new();
    let mut at = addr;
    let mut found_nul = false;
    let mut error = None;
    while units.len() < PRINT_ELEMENTS {
        let mut buf = [0u8; 4];
        let (n, bad) = read_prefix(mem, at, &mut buf[..width]);
        if n < width {
            error = Some(bad.unwrap_or(at));
            break;
        }
        at = at.wrapping_add(width as u64);
        let unit = u32::from_le_bytes(buf);
        if unit == 0 {
            found_nul = true;
            break;
        }
        units.push(unit);
    }
    let mut text = String::new();
    if error.is_none() || !units.is_empty() {
        // Past `print elements`, gdb peeks at the next unit: a non-NUL one means the string goes on.
        let mut ellipsis = false;
        if !found_nul && error.is_none() {
            let mut buf = [0u8; 4];
            ellipsis = mem.read(at, &mut buf[..width]).is_ok() && u32::from_le_bytes(buf) != 0;
        }
        text = string_literal(&units, width, ellipsis);
    }
    if let Some(bad) = error {
        text.push_str(&format!("<error: {}>", memory_error(bad)));
    }
    (text, at)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gdb_lines, gdb_outputs, load, XDriver};
    use super::super::{ExamineDefaults, Flavor};
    use crate::test_programs::c_program;

    /// `x` commands on the static data of format_data.c, run in one gdb session and through `examine`
    /// with the same carried-over defaults.
    const SESSION: &[&str] = &[
        "x/32xb &bytes",
        "x/32db &bytes",
        "x/32ub &bytes",
        "x/32ob &bytes",
        "x/32tb &bytes",
        "x/32cb &bytes",
        "x/32zb &bytes",
        "x/8xh &shorts",
        "x/8dh &shorts",
        "x/8uh &shorts",
        "x/8oh &shorts",
        "x/8th &shorts",
        "x/8ch &shorts",
        "x/8xw &ints",
        "x/8dw &ints",
        "x/8uw &ints",
        "x/8ow &ints",
        "x/8tw &ints",
        "x/8cw &ints",
        "x/4xg &longs",
        "x/4dg &longs",
        "x/4ug &longs",
        "x/4og &longs",
        "x/4tg &longs",
        "x/4cg &longs",
        "x/12fw &floats",
        "x/12fg &doubles",
        "x/4ag &pointers",
        "x/4aw &pointers",
        "x/2ab &pointers",
        "x/s &text",
        "x/2s &text",
        "x/s &escapes",
        "x/s &long_text",
        "x/s &unterminated",
        "x/sh &wide16",
        "x/sw &wide32",
        "x/s &repeats",
        "x/3xb &bytes",
        "x/10xb &bytes",
        "x/xb &bytes",
        "x",
        "x/3",
        "x/d",
        "x/c",
        "x/s",
        "x/2",
        "x/2x",
        "x/-3xb &bytes[8]",
        "x/3bh &bytes",
        "x/abc &bytes",
        "x/ &bytes",
        "x/a &pointers",
        "x/f &doubles",
        "x/f &floats",
        "x/fb &bytes[3]",
        "x/4fh &shorts",
        "x/0xb &bytes",
        "x/5i add",
        "x",
        "x/3i",
        "x/2xg 0x3ffc",
        "x/2s 0x3ffc",
        "x/8xw 0x3ff8",
    ];

    #[test]
    fn examine_matches_gdb_on_static_data() {
        let prog = c_program("format_data");
        let (mut mem, syms) = load(&prog);
        let want = gdb_outputs(&prog, SESSION);
        let mut driver = XDriver {
            mem: &mut mem,
            syms: &syms,
            defaults: ExamineDefaults::default(),
            next: 0,
            flavor: Flavor::Att,
        };
        let mut failures = Vec::new();
        for (cmd, want) in SESSION.iter().zip(want.iter()) {
            let got = driver.run(cmd);
            if &got != want {
                failures.push(format!("{cmd}\n  gdb:  {want:?}\n  rdbg: {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    }

    /// Memory that is readable in `[base, base + bytes.len())` only.
    struct Window {
        base: u64,
        bytes: Vec<u8>,
    }

    impl super::super::MemorySource for Window {
        fn read(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), u64> {
            for (i, b) in buf.iter_mut().enumerate() {
                let a = addr + i as u64;
                *b = *a.checked_sub(self.base).and_then(|o| self.bytes.get(o as usize)).ok_or(a)?;
            }
            Ok(())
        }
    }

    #[test]
    fn strings_stop_at_print_elements_like_gdb() {
        use super::super::{examine, ExamineFormat, ExamineSpec, NoSymbols};
        let spec = ExamineSpec { count: 1, format: ExamineFormat::String, unit: 1 };
        let run = |bytes: Vec<u8>| {
            let mut mem = Window { base: 0x1000, bytes };
            examine(&mut mem, &NoSymbols, 0x1000, &spec, None, Flavor::Att)
        };
        // gdb 13 on a 300-byte buffer: 200 'y' then NUL, 201 'y', and 9 readable bytes then unmapped.
        let mut exact = vec![b'y'; 200];
        exact.push(0);
        let out = run(exact);
        assert_eq!(out.lines, ["0x1000:\t'y' <repeats 200 times>"]);
        // gdb stops reading at 200 and only peeks at the NUL, so the next string starts on it.
        assert_eq!(out.next_addr, 0x1000 + 200);
        let out = run(vec![b'y'; 300]);
        assert_eq!(out.lines, ["0x1000:\t'y' <repeats 200 times>..."]);
        assert_eq!(out.next_addr, 0x1000 + 200);
        let out = run(b"xxxxxxxxx".to_vec());
        assert_eq!(out.lines, ["0x1000:\t\"xxxxxxxxx\"<error: Cannot access memory at address 0x1009>"]);
        let out = run(Vec::new());
        assert_eq!(out.lines, ["0x1000:\t<error: Cannot access memory at address 0x1000>"]);
    }

    #[test]
    fn examine_errors_match_gdb() {
        let prog = c_program("format_data");
        let (mut mem, syms) = load(&prog);
        // Each error ends gdb's command, so each runs in its own session.
        for cmd in
            ["x/2xb 0", "x/3xy &bytes", "x/i 0", "x/a 0", "x/s 0", "x/1000000xb 0x3ff8", "x/8xw 0x4010"]
        {
            let want = gdb_lines(&prog, &[cmd]);
            let mut driver = XDriver {
                mem: &mut mem,
                syms: &syms,
                defaults: ExamineDefaults::default(),
                next: 0,
                flavor: Flavor::Att,
            };
            assert_eq!(driver.run(cmd), want, "{cmd}");
        }
    }
}

//! Machine instructions as gdb shows them (gdb uses the opcodes library, i.e. objdump's text):
//! `mov    %edi,-0x14(%rbp)`, `call   0x1159 <add>`, `lea    0xe4c(%rip),%rax        # 0x2020 <x>`,
//! or in the Intel flavor `mov    DWORD PTR [rbp-0x14],edi`.
//!
//! Decoding and operand text come from iced-x86, configured towards objdump; the mnemonic column
//! (padded to 6, then one space), branch-target symbols and the `# address` comment of rip-relative
//! operands are laid out here, and a few spellings where iced and objdump disagree are rewritten.

use super::{address_with_symbol, memory_error, read_prefix, symbol_suffix, Flavor, MemorySource, Symbolizer};
use iced_x86::{
    Decoder, DecoderOptions, Formatter, FormatterOutput, FormatterTextKind, GasFormatter, Instruction,
    IntelFormatter, MemorySizeOptions, OpKind,
};

/// The longest x86 instruction.
const MAX_INSN: usize = 15;

/// Collects formatter output as plain text.
struct Text(String);

impl FormatterOutput for Text {
    fn write(&mut self, text: &str, _kind: FormatterTextKind) {
        self.0.push_str(text);
    }
}

fn formatter(flavor: Flavor) -> Box<dyn Formatter> {
    let mut f: Box<dyn Formatter> = match flavor {
        Flavor::Att => Box::new(GasFormatter::new()),
        Flavor::Intel => Box::new(IntelFormatter::new()),
    };
    let o = f.options_mut();
    o.set_hex_prefix("0x");
    o.set_hex_suffix("");
    o.set_uppercase_hex(false);
    o.set_space_after_operand_separator(false);
    o.set_always_show_scale(true);
    o.set_rip_relative_addresses(false);
    o.set_branch_leading_zeros(false);
    o.set_displacement_leading_zeros(false);
    o.set_leading_zeros(false);
    o.set_small_hex_numbers_in_decimal(false);
    o.set_add_leading_zero_to_hex_numbers(false);
    o.set_signed_memory_displacements(true);
    o.set_signed_immediate_operands(false);
    o.set_show_branch_size(false);
    o.set_use_pseudo_ops(false);
    o.set_memory_size_options(MemorySizeOptions::Always);
    o.set_show_useless_prefixes(true);
    f
}

/// Decodes one instruction from `bytes` (read at `ip`) and returns gdb's text for it and its length;
/// `None` when the bytes end before the instruction does.
pub fn instruction_text(bytes: &[u8], ip: u64, flavor: Flavor, syms: &dyn Symbolizer) -> Option<(String, usize)> {
    let mut decoder = Decoder::with_ip(64, bytes, ip, DecoderOptions::NONE);
    let insn = decoder.decode();
    if insn.is_invalid() {
        if decoder.last_error() == iced_x86::DecoderError::NoMoreBytes {
            return None;
        }
        return Some(("(bad)".to_string(), 1));
    }
    Some((render(&insn, flavor, syms), insn.len()))
}

fn render(insn: &Instruction, flavor: Flavor, syms: &dyn Symbolizer) -> String {
    let mut f = formatter(flavor);
    let mut mnemonic = Text(String::new());
    f.format_mnemonic(insn, &mut mnemonic);
    let mut operands = Text(String::new());
    f.format_all_operands(insn, &mut operands);
    let mnemonic = mnemonic.0;
    let operands = operands.0;
    let mut line = mnemonic.clone();
    if !operands.is_empty() {
        // objdump pads the mnemonic (with its prefixes) to 6 columns and adds one space.
        while line.len() < 6 {
            line.push(' ');
        }
        line.push(' ');
        line.push_str(&operands);
    }
    // Branch targets get gdb's `<symbol+offset>`.
    for i in 0..insn.op_count() {
        if matches!(insn.op_kind(i), OpKind::NearBranch16 | OpKind::NearBranch32 | OpKind::NearBranch64) {
            line.push_str(&symbol_suffix(syms, insn.near_branch_target()));
        }
    }
    if insn.is_ip_rel_memory_operand() {
        line.push_str("        # ");
        line.push_str(&address_with_symbol(syms, insn.ip_rel_memory_address()));
    }
    line
}

/// Options of gdb's `disassemble` command.
#[derive(Clone, Copy, Debug, Default)]
pub struct DisassembleOptions {
    pub flavor: Flavor,
    /// `/r`: show the raw bytes.
    pub raw: bool,
}

/// gdb's `disassemble` output for `[start, end)`.
///
/// With `function` (`disassemble add`, or no argument inside a function) the header names it and each
/// row shows `<+offset>` from `start`; without it (`disassemble START,END`) the header shows the range
/// and rows show `<symbol+offset>`. The row at `pc` is marked `=> `. A read error ends the dump with
/// gdb's message in place of the last row's instruction (returned as `Err` with the lines so far).
pub fn disassemble(
    mem: &mut dyn MemorySource,
    syms: &dyn Symbolizer,
    start: u64,
    end: u64,
    pc: Option<u64>,
    function: Option<&str>,
    options: DisassembleOptions,
) -> Result<Vec<String>, (Vec<String>, String)> {
    let mut lines = vec![match function {
        Some(name) => format!("Dump of assembler code for function {name}:"),
        None => format!("Dump of assembler code from {start:#x} to {end:#x}:"),
    }];
    let mut addr = start;
    while addr < end {
        let marker = if pc == Some(addr) { "=> " } else { "   " };
        let label = match function {
            Some(_) => format!("{marker}0x{addr:016x} <+{}>:\t", addr - start),
            None => format!("{marker}0x{addr:016x}{}:\t", symbol_suffix(syms, addr)),
        };
        let mut buf = [0u8; MAX_INSN];
        let (n, bad) = read_prefix(mem, addr, &mut buf);
        let Some((text, len)) = instruction_text(&buf[..n], addr, options.flavor, syms) else {
            lines.push(label);
            return Err((lines, memory_error(bad.unwrap_or(addr + n as u64))));
        };
        let mut row = label;
        if options.raw {
            let hex: Vec<String> = buf[..len].iter().map(|b| format!("{b:02x}")).collect();
            // gdb 13 pads the byte column to 19 characters before its tab.
            row.push_str(&format!("{:<19}\t", hex.join(" ")));
        }
        row.push_str(&text);
        lines.push(row);
        addr += len as u64;
    }
    lines.push("End of assembler dump.".to_string());
    Ok(lines)
}

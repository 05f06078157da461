//! Machine instructions as gdb shows them (gdb uses the opcodes library, i.e. objdump's text):
//! `mov    %edi,-0x14(%rbp)`, `call   0x1159 <add>`, `lea    0xe4c(%rip),%rax        # 0x2020 <x>`,
//! or in the Intel flavor `mov    DWORD PTR [rbp-0x14],edi`.
//!
//! Decoding and operand text come from iced-x86, configured towards objdump; the mnemonic column
//! (padded to 6, then one space), branch-target symbols and the `# address` comment of rip-relative
//! operands are laid out here, and a few spellings where iced and objdump disagree are rewritten.

use super::{
    address_with_symbol, memory_error, read_prefix, symbol_suffix, Flavor, MemorySource, Symbolizer,
};
use iced_x86::{
    Decoder, DecoderOptions, Formatter, FormatterOutput, FormatterTextKind, GasFormatter, Instruction,
    IntelFormatter, MemorySizeOptions, Mnemonic, OpKind, Register,
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

fn formatter(flavor: Flavor, pseudo_ops: bool) -> Box<dyn Formatter> {
    let mut f: Box<dyn Formatter> = match flavor {
        Flavor::Att => Box::new(GasFormatter::new()),
        Flavor::Intel => Box::new(IntelFormatter::new()),
    };
    let o = f.options_mut();
    o.set_hex_prefix("0x");
    o.set_hex_suffix("");
    o.set_uppercase_hex(false);
    o.set_space_after_operand_separator(false);
    o.set_rip_relative_addresses(true);
    o.set_branch_leading_zeros(false);
    o.set_displacement_leading_zeros(false);
    o.set_leading_zeros(false);
    o.set_small_hex_numbers_in_decimal(false);
    o.set_add_leading_zero_to_hex_numbers(false);
    o.set_signed_memory_displacements(true);
    o.set_signed_immediate_operands(false);
    o.set_show_branch_size(false);
    o.set_use_pseudo_ops(pseudo_ops);
    o.set_memory_size_options(MemorySizeOptions::Always);
    o.set_show_useless_prefixes(true);
    o.set_uppercase_keywords(true);
    f
}

/// Decodes one instruction from `bytes` (read at `ip`) and returns gdb's text for it and its length;
/// `None` when the bytes end before the instruction does.
pub fn instruction_text(
    bytes: &[u8],
    ip: u64,
    flavor: Flavor,
    syms: &dyn Symbolizer,
) -> Option<(String, usize)> {
    let mut decoder = Decoder::with_ip(64, bytes, ip, DecoderOptions::NONE);
    let insn = decoder.decode();
    if insn.is_invalid() {
        if decoder.last_error() == iced_x86::DecoderError::NoMoreBytes {
            return None;
        }
        return Some(("(bad)".to_string(), 1));
    }
    Some((render(&insn, bytes, flavor, syms), insn.len()))
}

fn render(insn: &Instruction, bytes: &[u8], flavor: Flavor, syms: &dyn Symbolizer) -> String {
    // Pseudo-ops give objdump's `vpcmpneqb` and `cmpltps`, but would also shorten `imul $4,%eax,%eax`.
    let mut f = formatter(flavor, insn.mnemonic() != Mnemonic::Imul);
    let mut mnemonic = Text(String::new());
    f.format_mnemonic(insn, &mut mnemonic);
    let mut operands = Text(String::new());
    f.format_all_operands(insn, &mut operands);
    let mut mnemonic = mnemonic.0;
    let mut operands = operands.0;
    let mut prefixes = legacy_prefix_names(insn, bytes);
    for i in 0..f.operand_count(insn) {
        let Ok(Some(op)) = f.get_instruction_operand(insn, i) else { continue };
        let kind = insn.op_kind(op);
        let mut one = Text(String::new());
        if f.format_operand(insn, &mut one, i).is_err() {
            continue;
        }
        let iced_text = one.0;
        let mut fixed = iced_text.clone();
        match kind {
            OpKind::Memory => {
                if let Some(ours) = memory_text(insn, flavor) {
                    fixed = replace_memory(&fixed, &ours, flavor);
                }
                // In 64-bit mode cs/ds/es/ss overrides do nothing; objdump names them as prefixes.
                let seg = insn.segment_prefix();
                if matches!(seg, Register::CS | Register::DS | Register::ES | Register::SS) {
                    let name = register_name(seg);
                    let shown = if flavor == Flavor::Att { format!("%{name}:") } else { format!("{name}:") };
                    if fixed.contains(&shown) {
                        fixed = fixed.replacen(&shown, "", 1);
                        prefixes.push(name);
                    }
                }
            }
            // String instructions: objdump spells out the implied segments.
            OpKind::MemoryESRDI | OpKind::MemoryESEDI => fixed = add_segment(&fixed, "es", flavor),
            OpKind::MemorySegRSI | OpKind::MemorySegESI if insn.segment_prefix() == Register::None => {
                fixed = add_segment(&fixed, "ds", flavor)
            }
            _ => {}
        }
        if fixed != iced_text {
            operands = operands.replacen(&iced_text, &fixed, 1);
        }
    }
    if is_shift_by_one(insn) {
        // objdump leaves out the implicit count of the D0/D1 shift forms in AT&T, and writes 1 in Intel.
        operands = match flavor {
            Flavor::Att => operands.strip_prefix("$0x1,").map(str::to_string).unwrap_or(operands),
            Flavor::Intel => operands.strip_suffix(",0x1").map(|o| format!("{o},1")).unwrap_or(operands),
        };
    }
    if operands.is_empty() && insn.op_count() == 2 && insn.op_kind(0) == OpKind::Register {
        // iced leaves out the default st(1) operands objdump shows.
        if insn.mnemonic() == Mnemonic::Fxch {
            operands = if flavor == Flavor::Att { "%st(1)" } else { "st(1)" }.to_string();
        } else if format!("{:?}", insn.code()).ends_with("p_sti_st0") {
            operands = if flavor == Flavor::Att { "%st,%st(1)" } else { "st(1),st" }.to_string();
        }
    }
    if flavor == Flavor::Intel {
        intel_fixups(insn, &mut mnemonic, &mut operands);
    }
    if flavor == Flavor::Att {
        // objdump has no q suffix on near indirect call/jmp and push/pop in 64-bit mode.
        for (with, without) in [("callq", "call"), ("jmpq", "jmp"), ("pushq", "push"), ("popq", "pop")] {
            if let Some(rest) = mnemonic.strip_suffix(with) {
                mnemonic = format!("{rest}{without}");
            }
        }
    }
    // objdump says repz/repnz except on the plain-copy string instructions.
    for (iced, objdump) in [("repe ", "repz "), ("repne ", "repnz ")] {
        if let Some(rest) = mnemonic.strip_prefix(iced) {
            mnemonic = format!("{objdump}{rest}");
        }
    }
    if let Some(rest) = mnemonic.strip_prefix("rep ") {
        if !["movs", "stos", "lods", "ins", "outs"].iter().any(|s| rest.starts_with(s)) {
            mnemonic = format!("repz {rest}");
        }
    }
    let mut line = String::new();
    for p in &prefixes {
        line.push_str(p);
        line.push(' ');
    }
    line.push_str(&mnemonic);
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

/// Where objdump's Intel syntax differs from iced's beyond memory operands.
fn intel_fixups(insn: &Instruction, mnemonic: &mut String, operands: &mut String) {
    let code = format!("{:?}", insn.code());
    // 64-bit immediates and moffs forms are `movabs`.
    if code.starts_with("Mov_") && (code.ends_with("_imm64") || code.contains("moffs")) {
        if let Some(rest) = mnemonic.strip_suffix("mov") {
            *mnemonic = format!("{rest}movabs");
        }
    }
    // x87: objdump leaves out the implied st operand of memory forms and of the register forms that
    // take one operand in AT&T (`fld st(0)`, `fxch st(2)`, `fstp st(0)`).
    const ONE_OPERAND: &[&str] = &[
        "Fld_sti",
        "Fst_sti",
        "Fstp_sti",
        "Fstpnce_sti",
        "Fxch_st0_sti",
        "Fcom_st0_sti",
        "Fcomp_st0_sti",
        "Fucom_st0_sti",
        "Fucomp_st0_sti",
        "Ffree_sti",
        "Ffreep_sti",
    ];
    let single = ONE_OPERAND.contains(&code.as_str());
    if mnemonic.contains('f') && ((0..insn.op_count()).any(|i| insn.op_kind(i) == OpKind::Memory) || single) {
        if let Some(rest) = operands.strip_prefix("st,") {
            *operands = rest.to_string();
        } else if let Some(rest) = operands.strip_suffix(",st") {
            *operands = rest.to_string();
        }
    }
    // String instructions: the generic mnemonic with both operands spelled out.
    let string_op = (0..insn.op_count()).any(|i| {
        matches!(
            insn.op_kind(i),
            OpKind::MemoryESRDI | OpKind::MemoryESEDI | OpKind::MemorySegRSI | OpKind::MemorySegESI
        )
    });
    if !string_op {
        return;
    }
    for base in ["movs", "stos", "lods", "scas", "cmps"] {
        let Some(pos) = mnemonic.rfind(base) else { continue };
        let tail = &mnemonic[pos + base.len()..];
        let acc = match tail {
            "b" => "al",
            "w" => "ax",
            "d" => "eax",
            "q" => "rax",
            _ => continue,
        };
        if pos + base.len() + 1 != mnemonic.len() || insn.op_count() == 0 {
            continue;
        }
        mnemonic.truncate(pos + base.len());
        match base {
            "stos" if !operands.contains(',') => operands.push_str(&format!(",{acc}")),
            "lods" | "scas" if !operands.contains(',') => *operands = format!("{acc},{operands}"),
            _ => {}
        }
        break;
    }
}

fn register_name(reg: Register) -> &'static str {
    match reg {
        Register::CS => "cs",
        Register::DS => "ds",
        Register::ES => "es",
        Register::SS => "ss",
        Register::FS => "fs",
        Register::GS => "gs",
        _ => "",
    }
}

/// Names of prefixes objdump prints before the mnemonic that iced folds away: operand-size prefixes
/// beyond the one the instruction uses (`data16`).
fn legacy_prefix_names(insn: &Instruction, bytes: &[u8]) -> Vec<&'static str> {
    let legacy = bytes.iter().take(insn.len()).take_while(|b| {
        matches!(b, 0x66 | 0x67 | 0xf0 | 0xf2 | 0xf3 | 0x2e | 0x36 | 0x3e | 0x26 | 0x64 | 0x65)
    });
    let opsize = legacy.filter(|b| **b == 0x66).count();
    vec!["data16"; opsize.saturating_sub(1)]
}

fn is_shift_by_one(insn: &Instruction) -> bool {
    let name = format!("{:?}", insn.code());
    name.ends_with("_1")
        && ["Rol_", "Ror_", "Rcl_", "Rcr_", "Shl_", "Shr_", "Sal_", "Sar_"]
            .iter()
            .any(|p| name.starts_with(p))
}

/// objdump's text of a memory operand with a base or index register: the displacement whenever
/// one is encoded (`0x0(%rbp)`), and always the scale (`(%rax,%rbx,1)`, `[rax+rbx*1]`).
fn memory_text(insn: &Instruction, flavor: Flavor) -> Option<String> {
    let base = insn.memory_base();
    let index = insn.memory_index();
    if base == Register::None && index == Register::None {
        // An absolute address: objdump's Intel syntax shows it segment-qualified, without brackets.
        return match flavor {
            Flavor::Att => None,
            Flavor::Intel => {
                let seg = match insn.segment_prefix() {
                    Register::None => "ds",
                    other => register_name(other),
                };
                Some(format!("{seg}:{:#x}", insn.memory_displacement64()))
            }
        };
    }
    let reg = |r: Register| format!("{r:?}").to_lowercase();
    // With 32-bit addressing the displacement wraps at 32 bits (`-0x1(%ecx)`).
    let displ = if base.is_gpr32() || index.is_gpr32() {
        i64::from(insn.memory_displacement32() as i32)
    } else {
        insn.memory_displacement64() as i64
    };
    let has_displ = insn.memory_displ_size() > 0;
    let (displ, negative) = if base == Register::RIP || base == Register::EIP {
        // rip-relative: iced gives the target; objdump shows the encoded offset.
        let off = insn.memory_displacement64().wrapping_sub(insn.next_ip()) as i64;
        (off.unsigned_abs(), off < 0)
    } else {
        (displ.unsigned_abs(), displ < 0)
    };
    let rip = base == Register::RIP || base == Register::EIP;
    let disp_text = |with_sign: bool| {
        if rip && with_sign && negative {
            // objdump's Intel syntax shows a negative rip offset as a 64-bit unsigned number.
            return format!("+{:#x}", displ.wrapping_neg());
        }
        let sign = if negative {
            "-"
        } else if with_sign {
            "+"
        } else {
            ""
        };
        format!("{sign}{displ:#x}")
    };
    let scale = insn.memory_index_scale();
    Some(match flavor {
        Flavor::Att => {
            let mut s = String::new();
            if has_displ {
                s.push_str(&disp_text(false));
            }
            s.push('(');
            if base != Register::None {
                s.push('%');
                s.push_str(&reg(base));
            }
            if index != Register::None {
                s.push_str(&format!(",%{},{scale}", reg(index)));
            }
            s.push(')');
            s
        }
        Flavor::Intel => {
            let mut s = String::from("[");
            if base != Register::None {
                s.push_str(&reg(base));
            }
            if index != Register::None {
                if base != Register::None {
                    s.push('+');
                }
                s.push_str(&format!("{}*{scale}", reg(index)));
            }
            if has_displ {
                s.push_str(&disp_text(true));
            }
            s.push(']');
            s
        }
    })
}

/// Puts our memory text in place of iced's in one operand's text, keeping `*`, segment and
/// decorators.
fn replace_memory(operand: &str, ours: &str, flavor: Flavor) -> String {
    match flavor {
        Flavor::Att => {
            let Some(close) = operand.rfind(')') else { return operand.to_string() };
            let mut start = 0;
            if operand.starts_with('*') {
                start = 1;
            }
            if operand[start..].starts_with('%') {
                if let Some(colon) = operand[start..].find(':') {
                    start += colon + 1;
                }
            }
            format!("{}{ours}{}", &operand[..start], &operand[close + 1..])
        }
        Flavor::Intel => {
            let (Some(open), Some(close)) = (operand.find('['), operand.rfind(']')) else {
                return operand.to_string();
            };
            let mut head = &operand[..open];
            if ours.contains(':') {
                // Our text carries the segment: drop iced's.
                if let Some(colon) = head.rfind(':') {
                    let seg_start = head[..colon].rfind(' ').map_or(0, |i| i + 1);
                    head = &head[..seg_start];
                }
            }
            format!("{head}{ours}{}", &operand[close + 1..])
        }
    }
}

/// Adds the segment objdump shows on string-instruction operands: `%es:(%rdi)`, `es:[rdi]`.
fn add_segment(operand: &str, seg: &str, flavor: Flavor) -> String {
    match flavor {
        Flavor::Att => match operand.find('(') {
            Some(i) if !operand.contains(':') => format!("{}%{seg}:{}", &operand[..i], &operand[i..]),
            _ => operand.to_string(),
        },
        Flavor::Intel => match operand.find('[') {
            Some(i) if !operand.contains(':') => format!("{}{seg}:{}", &operand[..i], &operand[i..]),
            _ => operand.to_string(),
        },
    }
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

#[cfg(test)]
mod tests {
    use super::super::testutil::{gdb_lines, load};
    use super::super::NoSymbols;
    use super::*;
    use crate::test_programs::c_program;
    use object::{Object, ObjectSymbol};

    /// Drops gdb's `<...>` annotations, which depend on the symbol tables each side has.
    fn strip_symbols(line: &str) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in line.chars() {
            match c {
                '<' => depth += 1,
                '>' if depth > 0 => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out.replace(" \t", "\t").replace(" :", ":").trim_end().to_string()
    }

    /// Disassembles many libc functions with gdb and with `disassemble`, and reports the differences.
    /// Run by hand: `cargo test --lib cli::format::disasm -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn libc_survey() {
        let libc = std::path::Path::new("/lib/x86_64-linux-gnu/libc.so.6");
        let debug = std::env::var("RDBG_LIBC_DEBUG").unwrap_or_default();
        let data = std::fs::read(if debug.is_empty() { libc.to_str().unwrap_or_default() } else { &debug })
            .unwrap_or_default();
        let Ok(file) = object::File::parse(&*data) else { return };
        let mut funcs: Vec<(u64, u64)> = file
            .symbols()
            .chain(file.dynamic_symbols())
            .filter(|s| s.kind() == object::SymbolKind::Text && s.size() > 0 && s.size() < 6000)
            .map(|s| (s.address(), s.size()))
            .collect();
        funcs.sort();
        funcs.dedup_by_key(|f| f.0);
        let step: usize = std::env::var("RDBG_SURVEY_STEP").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
        let flavor = if std::env::var("RDBG_SURVEY_INTEL").is_ok() { Flavor::Intel } else { Flavor::Att };
        let picked: Vec<(u64, u64)> = funcs.into_iter().step_by(step).collect();
        let mut cmds: Vec<String> = Vec::new();
        if flavor == Flavor::Intel {
            cmds.push("set disassembly-flavor intel".to_string());
        }
        cmds.extend(picked.iter().map(|(a, s)| format!("disassemble {a:#x},{:#x}", a + s)));
        let refs: Vec<&str> = cmds.iter().map(String::as_str).collect();
        let want = gdb_lines(libc, &refs);
        let (mut mem, _) = load(libc);
        let mut got = Vec::new();
        for (a, s) in &picked {
            match disassemble(
                &mut mem,
                &NoSymbols,
                *a,
                a + s,
                None,
                None,
                DisassembleOptions { flavor, raw: false },
            ) {
                Ok(lines) | Err((lines, _)) => got.extend(lines),
            }
        }
        let (mut same, mut diff) = (0, 0);
        let mut shown = std::collections::BTreeMap::<String, (usize, String, String)>::new();
        for (w, g) in want.iter().zip(got.iter()) {
            let (w, g) = (strip_symbols(w), strip_symbols(g));
            if w == g {
                same += 1;
            } else {
                diff += 1;
                let key = w.split('\t').nth(1).unwrap_or("").split(' ').next().unwrap_or("").to_string();
                let e = shown.entry(key).or_insert((0, w.clone(), g.clone()));
                e.0 += 1;
            }
        }
        println!("lines: gdb {} rdbg {}; same {same}, different {diff}", want.len(), got.len());
        for (k, (n, w, g)) in shown {
            println!("{n:5} {k}\n      gdb:  {w}\n      rdbg: {g}");
        }
    }

    #[test]
    fn disassemble_matches_gdb_on_test_program() {
        let prog = c_program("format_data");
        let (mut mem, syms) = load(&prog);
        for (flavor, set) in
            [(Flavor::Att, "set disassembly-flavor att"), (Flavor::Intel, "set disassembly-flavor intel")]
        {
            for func in ["add", "mix", "main"] {
                let (start, size) = syms.address_of(func).unwrap_or_default();
                let want = gdb_lines(&prog, &[set, &format!("disassemble {func}")]);
                let got = disassemble(
                    &mut mem,
                    &syms,
                    start,
                    start + size,
                    None,
                    Some(func),
                    DisassembleOptions { flavor, raw: false },
                );
                assert_eq!(got, Ok(want), "{set}, disassemble {func}");
            }
            let want = gdb_lines(&prog, &[set, "disassemble /r mix"]);
            let (start, size) = syms.address_of("mix").unwrap_or_default();
            let got = disassemble(
                &mut mem,
                &syms,
                start,
                start + size,
                None,
                Some("mix"),
                DisassembleOptions { flavor, raw: true },
            );
            assert_eq!(got, Ok(want), "{set}, disassemble /r mix");
            let (start, _) = syms.address_of("add").unwrap_or_default();
            let want = gdb_lines(&prog, &[set, &format!("disassemble {:#x},{:#x}", start + 7, start + 16)]);
            let got = disassemble(
                &mut mem,
                &syms,
                start + 7,
                start + 16,
                Some(start + 10),
                None,
                DisassembleOptions { flavor, raw: false },
            );
            let mut want_marked = want.clone();
            // gdb marks the pc only when the program runs; mark the same row here.
            if let Some(row) = want_marked.get_mut(2) {
                *row = row.replacen("   ", "=> ", 1);
            }
            assert_eq!(got, Ok(want_marked), "{set}, range");
        }
    }
}

//! Test helpers: memory and symbols straight from an ELF file (link-time addresses, as gdb shows a
//! program it has not started), and a runner for gdb as the oracle.

use super::{MemorySource, Symbolizer};
use object::{Object, ObjectSection, ObjectSymbol, ObjectSymbolTable, RelocationTarget, SectionKind};
use std::path::Path;
use std::process::Command;

/// The loadable sections of an ELF file; `.bss` reads as zeros, gaps are unreadable.
pub struct ElfMemory {
    sections: Vec<(u64, Vec<u8>)>,
}

/// ELF symbols plus gdb's synthetic `name@plt` and `name@got.plt` ones.
pub struct ElfSymbols {
    /// (address, size, name), sorted by address.
    symbols: Vec<(u64, u64, String)>,
}

pub fn load(path: &Path) -> (ElfMemory, ElfSymbols) {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let file = object::File::parse(&*data).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    let mut sections = Vec::new();
    for s in file.sections() {
        if s.address() == 0 || s.size() == 0 {
            continue;
        }
        let bytes = if s.kind() == SectionKind::UninitializedData {
            vec![0; s.size() as usize]
        } else {
            s.data().map(|d| d.to_vec()).unwrap_or_default()
        };
        sections.push((s.address(), bytes));
    }
    let mut symbols = Vec::new();
    for sym in file.symbols() {
        if !sym.is_definition() {
            continue;
        }
        if let Ok(name) = sym.name() {
            if !name.is_empty() && matches!(sym.kind(), object::SymbolKind::Text | object::SymbolKind::Data) {
                symbols.push((sym.address(), sym.size(), name.to_string()));
            }
        }
    }
    // PLT slots, in relocation order (no .plt.sec in these -O0 test programs without IBT).
    let plt = file
        .section_by_name(".plt.sec")
        .map(|s| (s.address(), 0))
        .or_else(|| file.section_by_name(".plt").map(|s| (s.address(), 16)));
    if let (Some((plt_addr, skip)), Some(relocs), Some(dynsyms)) =
        (plt, file.dynamic_relocations(), file.dynamic_symbol_table())
    {
        let mut i = 0u64;
        for (offset, reloc) in relocs {
            if let RelocationTarget::Symbol(idx) = reloc.target() {
                if let Ok(name) = dynsyms.symbol_by_index(idx).and_then(|s| s.name().map(str::to_string)) {
                    if reloc.flags()
                        == (object::RelocationFlags::Elf { r_type: object::elf::R_X86_64_JUMP_SLOT })
                    {
                        symbols.push((plt_addr + skip + 16 * i, 16, format!("{name}@plt")));
                        symbols.push((offset, 8, format!("{name}@got.plt")));
                        i += 1;
                    }
                }
            }
        }
    }
    symbols.sort();
    (ElfMemory { sections }, ElfSymbols { symbols })
}

impl MemorySource for ElfMemory {
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> Result<(), u64> {
        for (i, b) in buf.iter_mut().enumerate() {
            let a = addr.wrapping_add(i as u64);
            let byte = self
                .sections
                .iter()
                .find(|(start, bytes)| a >= *start && a < start + bytes.len() as u64)
                .map(|(start, bytes)| bytes[(a - start) as usize]);
            *b = byte.ok_or(a)?;
        }
        Ok(())
    }
}

impl Symbolizer for ElfSymbols {
    fn symbolize(&self, addr: u64) -> Option<(String, u64)> {
        self.symbols
            .iter()
            .rev()
            .find(|(start, size, _)| {
                addr >= *start && (addr < start + size || (*size == 0 && addr == *start))
            })
            .map(|(start, _, name)| (name.clone(), addr - start))
    }
}

impl ElfSymbols {
    pub fn address_of(&self, name: &str) -> Option<(u64, u64)> {
        self.symbols.iter().find(|(_, _, n)| n == name).map(|(a, s, _)| (*a, *s))
    }
}

/// Runs `gdb -nx -batch` with `commands` on `program` (not started) and returns stdout and stderr
/// interleaved as gdb's terminal would show them (stderr merged), split into lines.
pub fn gdb_lines(program: &Path, commands: &[&str]) -> Vec<String> {
    let mut cmd = Command::new("gdb");
    cmd.args(["-nx", "-batch"]);
    for c in commands {
        cmd.arg("-ex").arg(c);
    }
    let out = cmd.arg(program).env("LANG", "C.UTF-8").output().expect("gdb runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text.lines().map(str::to_string).collect()
}

/// Runs each command in one gdb session, separated by markers, and returns each command's lines.
pub fn gdb_outputs(program: &Path, commands: &[&str]) -> Vec<Vec<String>> {
    const MARK: &str = "@@rdbg-next@@";
    let echo = format!("echo {MARK}\\n");
    let mut args: Vec<&str> = Vec::new();
    for c in commands {
        args.push(c);
        args.push(&echo);
    }
    let lines = gdb_lines(program, &args);
    let mut groups = vec![Vec::new()];
    for line in lines {
        if line == MARK {
            groups.push(Vec::new());
        } else if let Some(g) = groups.last_mut() {
            g.push(line);
        }
    }
    groups.truncate(commands.len());
    groups
}

/// A tiny `x` command for tests: `x/FMT ADDR` where ADDR is `&sym`, `&sym[N]`, `sym` (a function) or
/// a number, with gdb's carried-over defaults. Returns the printed lines (a partial row and its error
/// joined as a terminal shows them).
pub struct XDriver<'a> {
    pub mem: &'a mut ElfMemory,
    pub syms: &'a ElfSymbols,
    pub defaults: super::ExamineDefaults,
    pub next: u64,
    pub flavor: super::Flavor,
}

impl XDriver<'_> {
    pub fn run(&mut self, command: &str) -> Vec<String> {
        let arg = command.strip_prefix('x').unwrap_or(command);
        let (spec, expr) = match arg.strip_prefix('/') {
            Some(rest) => super::parse_examine_spec(rest, &self.defaults),
            None => {
                let expr = arg.trim();
                (self.defaults.without_format(!expr.is_empty()), expr)
            }
        };
        let addr = if expr.is_empty() { self.next } else { self.address(expr) };
        let out = super::examine(self.mem, self.syms, addr, &spec, None, self.flavor);
        self.defaults = self.defaults.remember(&spec);
        self.next = out.next_addr;
        let mut lines = out.lines;
        match (out.partial, out.error) {
            (Some(p), Some(e)) => lines.push(p + &e),
            (None, Some(e)) => lines.push(e),
            _ => {}
        }
        lines
    }

    fn address(&self, expr: &str) -> u64 {
        if let Some(hex) = expr.strip_prefix("0x") {
            return u64::from_str_radix(hex, 16).unwrap_or(0);
        }
        if let Ok(n) = expr.parse::<u64>() {
            return n;
        }
        let e = expr.trim_start_matches('&');
        let (name, index) = match e.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<u64>().unwrap_or(0)),
            None => (e, 0),
        };
        let (base, size) = self.syms.address_of(name).unwrap_or_else(|| panic!("no symbol {name}"));
        // Element size: guess from the symbol name used in the tests.
        let elem = match name {
            "shorts" | "wide16" => 2,
            "ints" | "floats" | "wide32" => 4,
            "longs" | "doubles" | "pointers" | "specials" => 8,
            _ => 1,
        };
        let _ = size;
        base + index * elem
    }
}

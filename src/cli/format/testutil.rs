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
    let plt = file.section_by_name(".plt.sec").map(|s| (s.address(), 0)).or_else(|| file.section_by_name(".plt").map(|s| (s.address(), 16)));
    if let (Some((plt_addr, skip)), Some(relocs), Some(dynsyms)) = (plt, file.dynamic_relocations(), file.dynamic_symbol_table()) {
        let mut i = 0u64;
        for (offset, reloc) in relocs {
            if let RelocationTarget::Symbol(idx) = reloc.target() {
                if let Ok(name) = dynsyms.symbol_by_index(idx).and_then(|s| s.name().map(str::to_string)) {
                    if reloc.flags() == (object::RelocationFlags::Elf { r_type: object::elf::R_X86_64_JUMP_SLOT }) {
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
            .find(|(start, size, _)| addr >= *start && (addr < start + size || (*size == 0 && addr == *start)))
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

//! gdb's "minimal symbols": the ELF symbol table (`.symtab`, or `.dynsym` when stripped), plus the names gdb
//! synthesises for PLT stubs (`puts@plt`) and their GOT slots (`puts@got.plt`). Kept sorted by address (then
//! by name, as gdb sorts them) so `symbolize` can apply gdb's `lookup_minimal_symbol_by_pc_section` rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use object::elf;
use object::read::elf::{ElfFile64, Rela, SectionHeader, Sym};
use object::LittleEndian;

use super::demangle::{demangle, without_params};
use super::elf::ElfInfo;

/// gdb's minimal symbol types, reduced to what changes a lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MinKind {
    /// Global code (gdb `mst_text`, also ifuncs and `@plt` stubs).
    Text,
    /// File-local code (`mst_file_text`).
    FileText,
    /// Any data or bss symbol, global or local.
    Data,
    /// The callee name gdb also records at a PLT stub (`mst_solib_trampoline`).
    Trampoline,
    /// `name@got.plt` (`mst_slot_got_plt`).
    GotPlt,
    /// Absolute symbols (never used to symbolize).
    Abs,
}

impl MinKind {
    fn is_text(self) -> bool {
        matches!(self, MinKind::Text | MinKind::FileText)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct MinSym {
    /// The linkage (mangled) name.
    pub name: String,
    pub addr: u64,
    pub size: u64,
    pub kind: MinKind,
    /// Index into `ElfInfo::sections`; None for absolute symbols.
    pub section: Option<usize>,
}

pub(crate) struct MinimalSymbols {
    syms: Vec<MinSym>,
    /// Demangled names (and C++ names without parameters) to symbol indexes, built on first name lookup.
    by_demangled: OnceLock<HashMap<String, Vec<usize>>>,
}

impl MinimalSymbols {
    pub fn from_file(file: &ElfFile64<'_, LittleEndian>, info: &ElfInfo) -> MinimalSymbols {
        let mut syms = Vec::new();
        // Like gdb: a non-stripped file's .dynsym is a subset of .symtab, so it is read only when stripped.
        let table = if file.elf_symbol_table().is_empty() {
            file.elf_dynamic_symbol_table()
        } else {
            file.elf_symbol_table()
        };
        for (index, sym) in table.enumerate() {
            let Ok(name) = table.symbol_name(LittleEndian, sym) else { continue };
            let Ok(name) = std::str::from_utf8(name) else { continue };
            if let Some(min) = classify(sym, index, name, table, info) {
                // A default-versioned definition (`memcpy@@GLIBC_2.14`) also answers to its bare name.
                if let Some(at) = name.find("@@").filter(|&at| at > 0) {
                    syms.push(MinSym { name: name[..at].to_string(), ..min.clone() });
                }
                syms.push(min);
            }
        }
        add_plt_symbols(file, info, &mut syms);
        syms.sort_by(|a, b| a.addr.cmp(&b.addr).then_with(|| a.name.as_bytes().cmp(b.name.as_bytes())));
        syms.dedup_by(|b, a| a.addr == b.addr && a.name == b.name && a.section == b.section);
        MinimalSymbols { syms, by_demangled: OnceLock::new() }
    }

    pub fn iter(&self) -> impl Iterator<Item = &MinSym> {
        self.syms.iter()
    }

    /// `<sym+off>` for `addr`, following gdb's `lookup_minimal_symbol_by_pc_section` and
    /// `build_address_symbolic`. Returns the demangled name and the offset.
    pub fn symbolize(&self, info: &ElfInfo, addr: u64) -> Option<(String, u64)> {
        let sym = self.lookup_by_pc(info, addr)?;
        // gdb drops a zero-sized data symbol (a label like `__data_start` names no object).
        if sym.size == 0 && !sym.kind.is_text() {
            return None;
        }
        Some((demangle(&sym.name).into_owned(), addr - sym.addr))
    }

    /// The minimal symbol gdb associates with `pc`, if any.
    pub fn lookup_by_pc(&self, info: &ElfInfo, pc: u64) -> Option<&MinSym> {
        // gdb only considers symbols in the section holding the pc; an address in no section has none.
        let section = info.section_index_for(pc)?;
        let syms = &self.syms;
        // The last symbol at or below pc (with equal addresses, the last in name order).
        let mut hi = syms.partition_point(|s| s.addr <= pc) as isize - 1;
        let mut best_zero_sized: Option<usize> = None;
        while hi >= 0 {
            let h = hi as usize;
            let s = &syms[h];
            if s.kind == MinKind::Abs || s.section.is_some_and(|sec| sec != section) {
                hi -= 1;
                continue;
            }
            // Prefer a text symbol over an otherwise identical one of another type just before it.
            if h > 0 {
                let p = &syms[h - 1];
                if s.kind != MinKind::Text
                    && p.kind == MinKind::Text
                    && p.size == s.size
                    && p.addr == s.addr
                    && p.section == s.section
                {
                    hi -= 1;
                    continue;
                }
            }
            // A zero size may mean a label; remember the first one, keep looking for a sized symbol.
            if s.size == 0 {
                best_zero_sized.get_or_insert(h);
                hi -= 1;
                continue;
            }
            break;
        }
        let mut chosen = if hi >= 0 { Some(hi as usize) } else { None };
        if let Some(z) = best_zero_sized {
            if chosen.is_none_or(|c| syms[c].size == 0) {
                chosen = Some(z);
            }
        }
        let c = chosen?;
        // A sized symbol that ends before pc does not cover it; a later zero-sized one may.
        if syms[c].size != 0 && pc >= syms[c].addr.saturating_add(syms[c].size) {
            return best_zero_sized.map(|z| &syms[z]);
        }
        Some(&syms[c])
    }

    /// An ELF symbol by linkage name, demangled name, or C++ name without its parameter list. Definitions
    /// win over PLT trampolines, global over file-local.
    pub fn lookup(&self, name: &str) -> Option<&MinSym> {
        let rank = |s: &MinSym| match s.kind {
            MinKind::Text | MinKind::Data => 0,
            MinKind::FileText => 1,
            MinKind::Trampoline => 2,
            MinKind::GotPlt | MinKind::Abs => 3,
        };
        let exact = self.syms.iter().filter(|s| s.name == name && s.kind != MinKind::GotPlt);
        if let Some(best) = exact.min_by_key(|s| rank(s)) {
            return Some(best);
        }
        let index = self.by_demangled.get_or_init(|| self.build_demangled_index());
        index
            .get(name)?
            .iter()
            .map(|&i| &self.syms[i])
            .filter(|s| s.kind != MinKind::GotPlt)
            .min_by_key(|s| rank(s))
    }

    fn build_demangled_index(&self) -> HashMap<String, Vec<usize>> {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in self.syms.iter().enumerate() {
            let d = demangle(&s.name);
            if d != s.name.as_str() {
                let bare = without_params(&d);
                if bare != d {
                    index.entry(bare.to_string()).or_default().push(i);
                }
                index.entry(d.into_owned()).or_default().push(i);
            }
        }
        index
    }
}

/// One ELF symbol as gdb's `elf_symtab_read` would record it, or None if gdb skips it.
fn classify(
    sym: &elf::Sym64<LittleEndian>,
    index: object::SymbolIndex,
    name: &str,
    table: &object::read::elf::SymbolTable<'_, elf::FileHeader64<LittleEndian>>,
    info: &ElfInfo,
) -> Option<MinSym> {
    let e = LittleEndian;
    if name.is_empty() {
        return None;
    }
    let st_type = sym.st_type();
    if st_type == elf::STT_FILE || st_type == elf::STT_SECTION {
        return None;
    }
    let bind = sym.st_bind();
    let global = matches!(bind, elf::STB_GLOBAL | elf::STB_WEAK | elf::STB_GNU_UNIQUE);
    if !global && bind != elf::STB_LOCAL {
        return None;
    }
    let shndx = sym.st_shndx(e);
    let addr = sym.st_value(e);
    let size = sym.st_size(e);
    if shndx == elf::SHN_ABS {
        return Some(MinSym { name: name.to_string(), addr, size, kind: MinKind::Abs, section: None });
    }
    if shndx == elf::SHN_UNDEF || shndx == elf::SHN_COMMON {
        return None;
    }
    let section_index = table.shndx(e, index).unwrap_or(u32::from(shndx.0)) as usize;
    let section = info.sections.get(section_index)?;
    // gdb types a symbol by its section, not by st_type: code, then allocated data, else skipped.
    let kind = if section.is_exec() {
        if global {
            MinKind::Text
        } else if name.starts_with(".L") {
            // A compiler-generated local label.
            return None;
        } else {
            MinKind::FileText
        }
    } else if section.is_alloc() {
        MinKind::Data
    } else {
        return None;
    };
    Some(MinSym { name: name.to_string(), addr, size, kind, section: Some(section_index) })
}

/// Names PLT stubs after the symbol whose GOT slot they jump through, as BFD's synthetic symbol table does
/// for gdb (`printf@plt`, with a `printf` trampoline at the same address), and GOT slots of PLT
/// relocations as `printf@got.plt`.
fn add_plt_symbols(file: &ElfFile64<'_, LittleEndian>, info: &ElfInfo, out: &mut Vec<MinSym>) {
    let e = LittleEndian;
    let data = file.data();
    let sections = file.elf_section_table();
    let dynsyms = file.elf_dynamic_symbol_table();
    // GOT slot address -> symbol name, from the dynamic relocations.
    let mut slots: HashMap<u64, String> = HashMap::new();
    for (name, is_plt) in [(".rela.plt", true), (".rela.dyn", false)] {
        let Some((_, header)) = sections.section_by_name(e, name.as_bytes()) else { continue };
        let Ok(Some((relas, _))) = header.rela(e, data) else { continue };
        for rela in relas {
            let r_type = Rela::r_type(rela, e, false);
            if r_type != elf::R_X86_64_JUMP_SLOT && r_type != elf::R_X86_64_GLOB_DAT {
                continue;
            }
            let sym_index = Rela::r_sym(rela, e, false);
            let Ok(sym) = dynsyms.symbol(object::SymbolIndex(sym_index as usize)) else { continue };
            let Ok(sym_name) = dynsyms.symbol_name(e, sym) else { continue };
            let Ok(sym_name) = std::str::from_utf8(sym_name) else { continue };
            if sym_name.is_empty() {
                continue;
            }
            let offset = rela.r_offset(e);
            if is_plt && r_type == elf::R_X86_64_JUMP_SLOT {
                out.push(MinSym {
                    name: format!("{sym_name}@got.plt"),
                    addr: offset,
                    size: 8,
                    kind: MinKind::GotPlt,
                    section: info.section_index_for(offset),
                });
            }
            slots.insert(offset, sym_name.to_string());
        }
    }
    if slots.is_empty() {
        return;
    }
    for plt_name in [".plt", ".plt.sec", ".plt.got"] {
        let Some((section_index, s)) = info.sections.iter().enumerate().find(|(_, s)| s.name == plt_name)
        else {
            continue;
        };
        let entry_size = if s.entsize >= 8 { s.entsize } else { 16 };
        let Some(bytes) = info.bytes_at(data, s.addr, usize::try_from(s.size).unwrap_or(0)) else { continue };
        for (i, entry) in bytes.chunks_exact(entry_size as usize).enumerate() {
            let entry_addr = s.addr.wrapping_add((i as u64).wrapping_mul(entry_size));
            let Some(slot) = plt_entry_slot(entry, entry_addr) else { continue };
            let Some(target) = slots.get(&slot) else { continue };
            // Synthetic symbols carry no size in gdb; both names sit at the stub's address.
            for (name, kind) in
                [(format!("{target}@plt"), MinKind::Text), (target.clone(), MinKind::Trampoline)]
            {
                out.push(MinSym { name, addr: entry_addr, size: 0, kind, section: Some(section_index) });
            }
        }
    }
}

/// The GOT slot a PLT entry jumps through: `jmp *disp32(%rip)` (ff 25), possibly after `endbr64` and/or a
/// `bnd` prefix, which is the shape of every x86-64 PLT flavour (lazy, non-lazy, IBT, MPX).
fn plt_entry_slot(entry: &[u8], entry_addr: u64) -> Option<u64> {
    for start in [0usize, 1, 4, 5] {
        let insn = entry.get(start..start + 6)?;
        if insn[0] == 0xff && insn[1] == 0x25 {
            let disp = i32::from_le_bytes([insn[2], insn[3], insn[4], insn[5]]);
            let next = entry_addr.wrapping_add(start as u64 + 6);
            return Some(next.wrapping_add_signed(i64::from(disp)));
        }
    }
    None
}

//! `Module`: one ELF file and every question the engine asks about it. Cheap to load (mapping, headers,
//! symbol table); DWARF, the function index and line tables are built on first need and cached.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::die_ref::DieAt;
use super::dwarf::{DebugInfo, Producer};
use super::elf::load_section;
use super::elf::{parse_file, ElfInfo};
use super::elf_symbols::{MinKind, MinimalSymbols};
use super::error::SymbolsError;
use super::function_table::{FunctionTable, Functions, UnitRanges};
use super::functions::FuncRecord;
use super::lines::{file_matches, LineTable, PcLine};
use super::params::{read_parameters, unit_is_rust, FrameBase, FullTypeOf, Parameter};
use super::prologue::skip_frame_setup;
use super::reader::Backing;
use super::reader::Reader;
use super::unwind::Unwinder;
use super::{CodeLocation, Function, SourceLocation};
use crate::addr::FileAddr;

pub struct Module {
    path: PathBuf,
    backing: Arc<Backing>,
    /// A separate debug file (build-id or .gnu_debuglink) holding the symbols and DWARF this file lacks.
    debug_file: Option<(PathBuf, Arc<Backing>)>,
    elf: ElfInfo,
    minsyms: MinimalSymbols,
    has_debug_info: bool,
    debug: OnceLock<DebugInfo>,
    /// Per-unit function indexes and the name index, each built when a query first needs it.
    functions: OnceLock<FunctionTable>,
    /// Every unit's address ranges, searchable by pc.
    unit_ranges: OnceLock<UnitRanges>,
    /// The CFI unwinder (symbols/unwind.rs): its FDE index and rule rows are built on first need.
    unwinder: OnceLock<Unwinder>,
    /// Types and variables by scope and name (symbols/variables.rs), built on first need.
    variables: super::variables::VariableTables,
    /// `is_main_function` by function entry: a backtrace asks once per frame (10,000 times for a
    /// deep recursion) and the answer needs a DIE read.
    main_functions: std::sync::Mutex<std::collections::HashMap<u64, bool>>,
    /// Each function's call sites (symbols/call_site_params.rs), read once per function.
    pub(super) call_sites: super::call_site_params::CallSiteCache,
}

/// Maps a separate debug file; one that cannot be read is simply not used.
fn map_debug_file(path: &Path) -> Option<Arc<Backing>> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: read-only private mapping of a file the system's package manager owns.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    Some(Arc::new(Backing::Mapped(map)))
}

/// A line-table hit together with the unit it came from.
struct Sal<'a> {
    table: &'a LineTable,
    line: PcLine,
}

impl Module {
    pub fn load(path: &Path) -> Result<Module, SymbolsError> {
        let io_error = |source: std::io::Error| {
            if source.kind() == std::io::ErrorKind::NotFound {
                SymbolsError::NotFound(path.to_path_buf())
            } else {
                SymbolsError::Io { path: path.to_path_buf(), source }
            }
        };
        let file = std::fs::File::open(path).map_err(io_error)?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let len = file.metadata().map_err(io_error)?.len();
        if len < 16 {
            return Err(SymbolsError::NotElf(absolute));
        }
        // SAFETY: the mapping is read-only and private; like every debugger we assume the file is not
        // truncated under us while it is being debugged.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io_error)?;
        let backing = Arc::new(Backing::Mapped(map));
        let (elf, mut minsyms, debug_path) = {
            let parsed = parse_file(&absolute, &backing)?;
            let elf = ElfInfo::from_file(&absolute, &parsed)?;
            let minsyms = MinimalSymbols::from_file(&parsed, &elf);
            let own_debug = elf.section_by_name(".debug_info").is_some_and(|s| s.size > 0);
            let debug_path = if own_debug { None } else { super::debug_file::find(&absolute, &parsed) };
            (elf, minsyms, debug_path)
        };
        let debug_file = debug_path.and_then(|p| map_debug_file(&p).map(|b| (p, b)));
        let mut has_debug_info = elf.section_by_name(".debug_info").is_some_and(|s| s.size > 0);
        if let Some((debug_path, debug_backing)) = &debug_file {
            if let Ok(parsed) = parse_file(debug_path, debug_backing) {
                if let Ok(debug_elf) = ElfInfo::from_file(debug_path, &parsed) {
                    has_debug_info = debug_elf.section_by_name(".debug_info").is_some_and(|s| s.size > 0);
                    // A stripped file keeps only .dynsym; the debug file has the full symbol table.
                    if elf.section_by_name(".symtab").is_none() {
                        minsyms = MinimalSymbols::from_file(&parsed, &debug_elf);
                    }
                }
            }
        }
        Ok(Module {
            path: absolute,
            backing,
            debug_file,
            elf,
            minsyms,
            has_debug_info,
            debug: OnceLock::new(),
            functions: OnceLock::new(),
            unit_ranges: OnceLock::new(),
            unwinder: OnceLock::new(),
            variables: Default::default(),
            main_functions: std::sync::Mutex::new(std::collections::HashMap::new()),
            call_sites: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_pie(&self) -> bool {
        self.elf.is_pie
    }

    pub fn entry(&self) -> FileAddr {
        FileAddr(self.elf.entry)
    }

    pub fn has_debug_info(&self) -> bool {
        self.has_debug_info
    }

    /// The dynamic linker the program asks for (its `.interp`), e.g. `/lib64/ld-linux-x86-64.so.2`.
    pub fn interpreter(&self) -> Option<String> {
        let section = self.elf.section_by_name(".interp")?;
        let bytes = self.elf.bytes_at(&self.backing, section.addr, section.size as usize)?;
        let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
        Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
    }

    /// Where the dynamic section is: the engine walks it in the process to find DT_DEBUG (r_debug).
    pub fn dynamic_address(&self) -> Option<FileAddr> {
        self.elf.section_by_name(".dynamic").filter(|s| s.is_alloc()).map(|s| FileAddr(s.addr))
    }

    /// The [low, high) file-address span of the allocated sections: what the loader maps.
    pub fn loaded_range(&self) -> (FileAddr, FileAddr) {
        let alloc = self.elf.sections.iter().filter(|s| s.is_alloc() && s.size > 0);
        let low = alloc.clone().map(|s| s.addr).min().unwrap_or(0);
        let high = alloc.map(|s| s.addr.saturating_add(s.size)).max().unwrap_or(0);
        (FileAddr(low), FileAddr(high))
    }

    /// Bytes of the file image (code and initialised data) at `addr`, as gdb reads memory before the
    /// program runs; `.bss` reads as zeros, as in gdb. Fails at the first byte no section holds.
    pub fn read_file_bytes(&self, addr: FileAddr, buf: &mut [u8]) -> Result<(), SymbolsError> {
        let mut done = 0;
        while done < buf.len() {
            let at = addr.0.wrapping_add(done as u64);
            let section = self.elf.section_index_for(at).map(|i| &self.elf.sections[i]);
            if let Some(bss) = section.filter(|s| !s.has_file_bytes()) {
                let avail = usize::try_from(bss.size - (at - bss.addr)).unwrap_or(usize::MAX);
                let n = avail.min(buf.len() - done);
                buf[done..done + n].fill(0);
                done += n;
                continue;
            }
            let bytes = self
                .elf
                .bytes_at(&self.backing, at, buf.len() - done)
                .filter(|b| !b.is_empty())
                .ok_or(SymbolsError::NoFileBytes(at))?;
            buf[done..done + bytes.len()].copy_from_slice(bytes);
            done += bytes.len();
        }
        Ok(())
    }

    /// Where the CFA of the frame executing at `pc` is (from `.eh_frame` / `.debug_frame`).
    pub fn cfa_at(&self, pc: FileAddr) -> Option<super::unwind::CfaLocation> {
        self.unwinder().cfa_rule(pc.0)
    }

    /// Where `step` into the function holding `addr` stops: the same place `break FUNC` picks, after
    /// the prologue. None for code without debug info (which `step` steps over).
    pub fn function_body_start(&self, addr: FileAddr) -> Option<CodeLocation> {
        let f = self.functions().function_at(addr.0)?;
        Some(self.function_start(f))
    }

    /// Whether the function holding `addr` is the program's main as gdb sees it: marked
    /// DW_AT_main_subprogram (Rust's `crate::main`), or C's `main`. Backtraces stop there and
    /// `finish` is not meaningful in it.
    pub fn is_main_function(&self, addr: FileAddr) -> bool {
        // A program with a DW_AT_main_subprogram function (Rust) has that as main; its C `main` is the
        // runtime's, which gdb's backtraces walk through.
        let c_main_counts = || !self.functions().has_main_subprogram();
        let Some(func) = self.functions().function_at(addr.0) else {
            return self.function_at(addr).is_some_and(|f| f.name == "main") && c_main_counts();
        };
        if let Some(known) = self.main_functions.lock().ok().and_then(|m| m.get(&func.entry).copied()) {
            return known;
        }
        let debug = self.debug();
        let marked = debug.units.get(func.unit).and_then(|u| u.unit.entry(func.die).ok()).is_some_and(|e| {
            matches!(e.attr_value(gimli::DW_AT_main_subprogram), Some(gimli::AttributeValue::Flag(true)))
        });
        let is_main = marked || (func.name == "main" && c_main_counts());
        if let Ok(mut known) = self.main_functions.lock() {
            known.insert(func.entry, is_main);
        }
        is_main
    }

    /// The innermost inlined call holding `addr`, as gdb's innermost (inline) frame: the inlined
    /// function's name and where the inlined block starts. None outside inlined code.
    pub fn inlined_function_at(&self, addr: FileAddr) -> Option<(String, FileAddr)> {
        let func = self.functions().function_at(addr.0)?;
        let inlined = func
            .blocks
            .iter()
            .filter(|b| b.inlined.is_some() && b.ranges.iter().any(|&(lo, hi)| lo <= addr.0 && addr.0 < hi))
            .max_by_key(|b| b.depth)?;
        let (name, _) = inlined.inlined.as_ref()?;
        let start = inlined.ranges.iter().map(|&(lo, _)| lo).min()?;
        Some((name.clone(), FileAddr(start)))
    }

    /// Whether the code at `addr` was written in Rust (by its unit's language).
    pub fn is_rust_at(&self, addr: FileAddr) -> bool {
        let Some(func) = self.functions().function_at(addr.0) else { return false };
        let debug = self.debug();
        debug.units.get(func.unit).is_some_and(|u| super::params::unit_is_rust(&u.unit))
    }

    /// gdb's full name for the C++ function starting at `entry`, as the breakpoint table shows it
    /// (`geo::Square::area() const`, `main()`); None for other languages.
    pub fn cplus_signature(&self, entry: FileAddr) -> Option<String> {
        let func = self.functions().function_at(entry.0)?;
        let debug = self.debug();
        let unit = debug.units.get(func.unit)?;
        if !super::params::unit_is_cplus(&unit.unit) {
            return None;
        }
        let mangled = self
            .minsyms
            .lookup_by_pc(&self.elf, func.entry)
            .filter(|s| s.addr == func.entry && s.name.starts_with("_Z"))
            .map(|s| super::demangle::demangle(&s.name).into_owned());
        Some(match mangled {
            Some(full) => super::demangle::without_return_type(&full).to_string(),
            None => {
                format!("{}{}", func.name, super::params::cplus_parameter_list(debug, func.unit, func.die))
            }
        })
    }

    /// gdb's name for the language of the unit holding `pc` (`c`, `c++`, `asm`, `rust`), for
    /// `info frame`'s `source language` line.
    pub fn source_language(&self, pc: FileAddr) -> Option<&'static str> {
        let unit = self.unit_ranges().units_at(pc.0).first().copied();
        let unit = unit.or_else(|| self.functions().function_at(pc.0).map(|f| f.unit))?;
        let unit = &self.debug().units.get(unit)?.unit;
        let mut cursor = unit.entries();
        let root = cursor.next_dfs().ok()??;
        let gimli::AttributeValue::Language(lang) = root.attr_value(gimli::DW_AT_language)? else {
            return None;
        };
        Some(match lang {
            gimli::DW_LANG_C89
            | gimli::DW_LANG_C99
            | gimli::DW_LANG_C11
            | gimli::DW_LANG_C17
            | gimli::DW_LANG_C => "c",
            gimli::DW_LANG_C_plus_plus
            | gimli::DW_LANG_C_plus_plus_03
            | gimli::DW_LANG_C_plus_plus_11
            | gimli::DW_LANG_C_plus_plus_14
            | gimli::DW_LANG_C_plus_plus_17
            | gimli::DW_LANG_C_plus_plus_20 => "c++",
            gimli::DW_LANG_Mips_Assembler => "asm",
            gimli::DW_LANG_Rust => "rust",
            _ => "unknown",
        })
    }

    /// The frame base and formal parameters of the function holding `pc` (none without DWARF).
    pub fn frame_parameters(&self, pc: FileAddr) -> Option<(FrameBase, Vec<Parameter>)> {
        let func = self.functions().function_at(pc.0)?;
        Some(self.parameters_of(func.unit, func.die))
    }

    /// The frame base and parameters of the subprogram (or inlined call) DIE `die`; a Rust unit's
    /// parameters get their full types where Rust prints them differently from C.
    pub(super) fn parameters_of(
        &self,
        unit_index: usize,
        die: gimli::UnitOffset,
    ) -> (FrameBase, Vec<Parameter>) {
        let debug = self.debug();
        let Some(unit) = debug.units.get(unit_index) else { return (FrameBase::Unknown, Vec::new()) };
        let unit = &unit.unit;
        let types = &self.variable_tables().types;
        let full_type = |at: DieAt| types.get(debug, at.unit, at.offset);
        let rust = unit_is_rust(unit).then_some(&full_type as FullTypeOf<'_>);
        read_parameters(debug, unit_index, die, rust)
    }

    /// gdb's `<sym+off>` for an address, from the minimal symbols (ELF symbol table and PLT names).
    pub fn symbolize(&self, addr: FileAddr) -> Option<(String, u64)> {
        self.minsyms.symbolize(&self.elf, addr.0)
    }

    /// An ELF symbol by mangled or demangled name (`break *main`, `x/i main`).
    pub fn lookup_symbol(&self, name: &str) -> Option<FileAddr> {
        self.minsyms.lookup(name).map(|s| FileAddr(s.addr))
    }

    /// A symbol defined in this file (PLT trampolines and GOT slots do not count), by name, and
    /// whether it is global: gdb's `lookup_minimal_symbol` over all files prefers a global
    /// definition anywhere to a file-local one, and both to a trampoline.
    pub fn lookup_defined_symbol(&self, name: &str) -> Option<(FileAddr, bool)> {
        let sym = self.minsyms.lookup(name)?;
        match sym.kind {
            MinKind::Text | MinKind::Data => Some((FileAddr(sym.addr), true)),
            MinKind::FileText => Some((FileAddr(sym.addr), false)),
            MinKind::Trampoline | MinKind::GotPlt | MinKind::Abs => None,
        }
    }

    /// The function containing `addr`: from DWARF, else from an ELF code symbol.
    pub fn function_at(&self, addr: FileAddr) -> Option<Function> {
        if let Some(f) = self.functions().function_at(addr.0) {
            let (_, high) = f.entry_range();
            return Some(Function { name: f.name.clone(), low: FileAddr(f.entry), high: FileAddr(high) });
        }
        let sym = self.minsyms.lookup_by_pc(&self.elf, addr.0)?;
        if !matches!(sym.kind, MinKind::Text | MinKind::FileText) {
            return None;
        }
        Some(Function {
            name: super::demangle::demangle(&sym.name).into_owned(),
            low: FileAddr(sym.addr),
            high: FileAddr(sym.addr.saturating_add(sym.size)),
        })
    }

    /// Every function called `name`, where `break name` puts its breakpoint (after the prologue, by gdb's
    /// rules), sorted by address. Includes static functions of every unit and, for functions without
    /// debug info, ELF code symbols.
    pub fn resolve_function(&self, name: &str) -> Vec<CodeLocation> {
        let index = self.functions();
        let mut out: Vec<CodeLocation> =
            index.lookup(name).into_iter().map(|f| self.function_start(f)).collect();
        // Inlined copies are breakpoint locations too (gdb 13 finds inline symbols in every block).
        for (f, entry, inlined_name) in index.lookup_inlined(name) {
            let found = self.find_pc_line(entry).map(|sal| self.source_of(&sal, entry));
            let valid = index.locations_valid(f.unit);
            let (addr, source) =
                if valid { (entry, found) } else { self.skip_prologue_sal(entry, Some(f), found) };
            out.push(CodeLocation { addr: FileAddr(addr), function: Some(inlined_name.to_string()), source });
        }
        let has_global = |n: &str| {
            self.minsyms.iter().any(|s| s.name == n && matches!(s.kind, MinKind::Text | MinKind::Data))
        };
        for sym in self.minsyms.iter() {
            let is_code = matches!(sym.kind, MinKind::Text | MinKind::FileText | MinKind::Trampoline);
            if !is_code || !self.minsym_matches(&sym.name, name) {
                continue;
            }
            // A PLT trampoline yields to a real definition.
            if sym.kind == MinKind::Trampoline && has_global(&sym.name) {
                continue;
            }
            // Functions with debug info were found above by their own name; an alias (libc's `puts`
            // for `_IO_puts`) finds the function it names, as gdb does (dedup drops repeats).
            if let Some(f) = index.function_at(sym.addr) {
                if f.entry == sym.addr {
                    out.push(self.function_start(f));
                }
                continue;
            }
            let addr = self.minsym_skip_prologue(sym.addr);
            out.push(CodeLocation {
                addr: FileAddr(addr),
                function: Some(super::demangle::demangle(&sym.name).into_owned()),
                source: None,
            });
        }
        out.sort_by_key(|l| l.addr);
        out.dedup_by_key(|l| l.addr);
        out
    }

    /// `break FILE:LINE` or, with `file` None, `break LINE` in the default file.
    pub fn resolve_line(&self, file: Option<&str>, line: u32) -> Result<Vec<CodeLocation>, SymbolsError> {
        let debug = self.debug();
        // The subfiles (unit, file id) the specification names.
        let mut symtabs: Vec<(usize, &LineTable, u32)> = Vec::new();
        let default_path = match file {
            Some(_) => None,
            None => Some(
                self.main_location()
                    .and_then(|l| l.source)
                    .map(|s| s.full_path)
                    .ok_or(SymbolsError::NoSymbolTable)?,
            ),
        };
        for (u, unit) in debug.units.iter().enumerate() {
            let Some(table) = unit.lines(&debug.dwarf) else { continue };
            for (id, f) in table.files.iter().enumerate() {
                let hit = match (file, &default_path) {
                    (Some(wanted), _) => file_matches(f, wanted),
                    (None, Some(path)) => &f.full_path == path,
                    (None, None) => false,
                };
                if hit {
                    symtabs.push((u, table, id as u32));
                }
            }
        }
        let not_found = || match file {
            Some(f) => SymbolsError::NoLineInFile { file: f.to_string(), line },
            None => SymbolsError::NoLineInCurrentFile(line),
        };
        if symtabs.is_empty() {
            return Err(match file {
                Some(f) => SymbolsError::NoSourceFile(f.to_string()),
                None => not_found(),
            });
        }
        if line == 0 {
            return Err(not_found());
        }
        let collect = |wanted: u32| {
            let mut pcs = Vec::new();
            let mut best: Option<u32> = None;
            for &(u, table, id) in &symtabs {
                let (exact, next) = table.pcs_for_line(id, wanted);
                // The location as found, before any prologue skipping: this file, this line.
                let found = |pc| {
                    let f = &table.files[id as usize];
                    let source = SourceLocation {
                        file: f.name.clone(),
                        full_path: f.full_path.clone(),
                        line: wanted,
                        is_stmt_start: true,
                    };
                    (u, pc, source)
                };
                pcs.extend(exact.into_iter().map(found));
                if let Some(n) = next {
                    best = Some(best.map_or(n, |b| b.min(n)));
                }
            }
            (pcs, best)
        };
        let (mut pcs, best) = collect(line);
        if pcs.is_empty() {
            if let Some(next) = best {
                pcs = collect(next).0;
            }
        }
        // One location per block: for a line split over several ranges in the same block (a `for`
        // header), gdb keeps the lowest address. Same pairwise rule as gdb's linespec filter.
        let index = self.functions();
        let blocks: Vec<_> = pcs
            .iter()
            .map(|&(u, pc, _)| {
                let func = index.function_at(pc);
                let func_id = func.map(|f| f.entry);
                let block = func.and_then(|f| f.innermost_block(pc));
                (u, func_id, block)
            })
            .collect();
        let mut keep = vec![true; pcs.len()];
        for i in 0..pcs.len() {
            if let Some(j) = (i + 1..pcs.len()).find(|&j| blocks[j] == blocks[i]) {
                keep[j] = false;
            }
        }
        let mut out = Vec::new();
        for (i, (_, pc, found)) in pcs.into_iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let function = index.function_at(pc).map(|f| block_function_name(f, pc));
            let (addr, source) = self.skip_prologue_sal(pc, None, Some(found));
            out.push(CodeLocation { addr: FileAddr(addr), function, source });
        }
        out.sort_by_key(|l| l.addr);
        out.dedup_by_key(|l| l.addr);
        if out.is_empty() {
            return Err(not_found());
        }
        Ok(out)
    }

    /// gdb's default source file before the program runs: the file holding `main`.
    pub fn default_file(&self) -> Option<String> {
        self.main_location()?.source.map(|s| s.file)
    }

    /// The source position of `addr`, as gdb shows it in a stop report.
    pub fn source_location(&self, addr: FileAddr) -> Option<SourceLocation> {
        let sal = self.find_pc_line(addr.0)?;
        Some(self.source_of(&sal, addr.0))
    }

    /// The [start, end) range of the line-table row holding `addr`.
    pub fn line_range(&self, addr: FileAddr) -> Option<(FileAddr, FileAddr)> {
        let sal = self.find_pc_line(addr.0)?;
        let mut end = sal.line.end;
        if end == u64::MAX {
            // The last row of a unit without an end marker: the unit's range ends it.
            end =
                self.unit_ranges().covering(addr.0).next().map_or(addr.0.saturating_add(1), |(_, hi, _)| hi);
        }
        Some((FileAddr(sal.line.addr), FileAddr(end)))
    }

    /// Function names for completion: DWARF functions and ELF code symbols, deduplicated and sorted.
    pub fn function_names(&self) -> Vec<String> {
        let mut names: BTreeSet<String> = self.functions().names().map(str::to_string).collect();
        for sym in self.minsyms.iter() {
            if matches!(sym.kind, MinKind::Text | MinKind::FileText) {
                let d = super::demangle::demangle(&sym.name);
                names.insert(super::demangle::without_params(&d).to_string());
            }
        }
        names.into_iter().collect()
    }

    /// Base names of the source files of every unit (primary files and headers), for completion.
    pub fn source_file_names(&self) -> Vec<String> {
        let debug = self.debug();
        let mut names = BTreeSet::new();
        for unit in &debug.units {
            if let Some(table) = unit.lines(&debug.dwarf) {
                for f in &table.files {
                    let base = Path::new(&f.name).file_name().map(|b| b.to_string_lossy().into_owned());
                    names.extend(base);
                }
            }
        }
        names.into_iter().collect()
    }

    /// The [start, end) of `.text`, which gdb shows as a library's From and To.
    pub fn text_range(&self) -> Option<(FileAddr, FileAddr)> {
        let text = self.elf.section_by_name(".text").filter(|s| s.size > 0)?;
        Some((FileAddr(text.addr), FileAddr(text.addr.saturating_add(text.size))))
    }

    /// Whether `addr` is in a PLT section (`.plt`, `.plt.got`, `.plt.sec`): a stub that jumps to a
    /// function defined elsewhere.
    pub fn is_plt_address(&self, addr: FileAddr) -> bool {
        self.section_containing(addr).is_some_and(|name| name.starts_with(".plt"))
    }

    /// The name of the allocated section holding `addr`.
    pub fn section_containing(&self, addr: FileAddr) -> Option<String> {
        let i = self.elf.section_index_for(addr.0)?;
        Some(self.elf.sections[i].name.clone())
    }

    // ---- lazily built state ----

    pub(super) fn debug(&self) -> &DebugInfo {
        let (path, backing) = match &self.debug_file {
            Some((path, backing)) => (path, backing),
            None => (&self.path, &self.backing),
        };
        self.debug.get_or_init(|| match parse_file(path, backing) {
            Ok(file) => DebugInfo::load(&file, backing),
            Err(_) => DebugInfo::empty(),
        })
    }

    pub(super) fn variable_tables(&self) -> &super::variables::VariableTables {
        &self.variables
    }

    pub(crate) fn unwinder(&self) -> &Unwinder {
        self.unwinder.get_or_init(|| {
            let Ok(file) = parse_file(&self.path, &self.backing) else {
                return Unwinder::new(None, None, None);
            };
            let section = |name: &str| {
                self.elf.section_by_name(name).filter(|s| s.size > 0).map(|s| {
                    (Reader::new(load_section(&file, &self.backing, name), gimli::LittleEndian), s.addr)
                })
            };
            let text = self.elf.section_by_name(".text").map(|s| s.addr);
            Unwinder::new(section(".eh_frame"), section(".debug_frame").map(|(r, _)| r), text)
        })
    }

    pub(super) fn functions(&self) -> Functions<'_> {
        let debug = self.debug();
        let table = self.functions.get_or_init(|| {
            let at_zero = self.elf.section_index_for(0).is_some();
            FunctionTable::new(debug.units.len(), at_zero)
        });
        Functions { table, debug, ranges: self.unit_ranges() }
    }

    fn unit_ranges(&self) -> &UnitRanges {
        self.unit_ranges.get_or_init(|| UnitRanges::build(self.debug()))
    }

    // ---- gdb's line and prologue rules ----

    /// gdb's `find_pc_line`: the row holding `pc` in the unit(s) covering it.
    fn find_pc_line(&self, pc: u64) -> Option<Sal<'_>> {
        let debug = self.debug();
        let mut units = self.unit_ranges().units_at(pc);
        if units.is_empty() {
            // A unit without usable ranges: fall back to the function index.
            units.extend(self.functions().function_at(pc).map(|f| f.unit));
        }
        units.into_iter().find_map(|u| {
            let table = debug.units.get(u)?.lines(&debug.dwarf)?;
            let line = table.find_pc_line(pc)?;
            Some(Sal { table, line })
        })
    }

    fn source_of(&self, sal: &Sal<'_>, pc: u64) -> SourceLocation {
        let file = sal.table.files.get(sal.line.file as usize);
        SourceLocation {
            file: file.map(|f| f.name.clone()).unwrap_or_default(),
            full_path: file.map(|f| f.full_path.clone()).unwrap_or_default(),
            line: sal.line.line,
            is_stmt_start: pc == sal.line.addr && sal.line.is_stmt,
        }
    }

    /// gdb's `find_function_start_sal` with `funfirstline`: where `break FUNC` lands.
    fn function_start(&self, f: &FuncRecord) -> CodeLocation {
        let debug = self.debug();
        let index = self.functions();
        let unit = &debug.units[f.unit];
        let valid = index.locations_valid(f.unit);
        if valid || unit.is_asm {
            if let Some(sal) = self.find_pc_line(f.entry) {
                // gdb trusts such units' line tables: the breakpoint goes on the entry itself.
                return CodeLocation {
                    addr: FileAddr(f.entry),
                    function: Some(f.name.clone()),
                    source: Some(self.source_of(&sal, f.entry)),
                };
            }
        }
        let found = self.find_pc_line(f.entry).map(|sal| self.source_of(&sal, f.entry));
        let (addr, source) = self.skip_prologue_sal(f.entry, Some(f), found);
        CodeLocation { addr: FileAddr(addr), function: Some(f.name.clone()), source }
    }

    /// gdb's `skip_prologue_sal` for a location at `pc`: when `pc` is at or before the end of its
    /// function's prologue, the location moves to the first line after the prologue.
    /// `found` is the location's source position as found (kept when the location does not move).
    fn skip_prologue_sal(
        &self,
        pc: u64,
        func: Option<&FuncRecord>,
        found: Option<SourceLocation>,
    ) -> (u64, Option<SourceLocation>) {
        let Some(func) = func.or_else(|| self.functions().function_at(pc)) else {
            return (pc, found);
        };
        let debug = self.debug();
        let unit = &debug.units[func.unit];
        let valid = self.functions().locations_valid(func.unit);
        let start = func.entry;
        let (low, high) = (
            func.ranges.iter().map(|r| r.0).min().unwrap_or(start),
            func.ranges.iter().map(|r| r.1).max().unwrap_or(start),
        );
        let mut force_skip = !valid;
        let mut result: Option<(u64, Option<Sal<'_>>)> = None;
        // gdb's two passes: skip the prologue, then (when the unit's locations are trusted) take the plain
        // entry; the last pass run wins.
        for skip in [true, false] {
            if !skip && force_skip {
                break;
            }
            let mut at = start;
            if skip {
                // The compiler marked the prologue end (LLVM does): use it and stop.
                let (elo, ehi) = func.entry_range();
                if let Some(flagged) = unit.lines(&debug.dwarf).and_then(|t| t.prologue_end_in(elo, ehi)) {
                    result = Some((flagged, self.find_pc_line(flagged)));
                    force_skip = true;
                    continue;
                }
                at = self.arch_skip_prologue(func, unit.producer);
            }
            let mut sal = self.find_pc_line(at);
            if skip {
                if let Some(s) = &sal {
                    // Mid-line after the frame set-up: go to the next line if it is still in the function.
                    if s.line.addr != at && low <= s.line.end && s.line.end < high {
                        at = s.line.end;
                        sal = self.find_pc_line(at);
                    }
                }
            }
            result = Some((at, sal));
        }
        let Some((at, sal)) = result else {
            return (pc, found);
        };
        // Already at or past the end of the prologue: the location stays as found (gdb keeps the line
        // it was asked for even when other rows share the address).
        if pc >= at {
            return (pc, found);
        }
        let mut source = sal.map(|s| self.source_of(&s, at));
        // After the prologue inside an inlined call, gdb reports the line of the inlined function's
        // symbol, which for an inlined call is its call site (DW_AT_call_file:DW_AT_call_line).
        if let Some(src) = source.as_mut() {
            if let Some(site) = self.outermost_call_site(func, at).filter(|s| s.line != 0) {
                src.file = site.file;
                src.full_path = site.full_path;
                src.line = site.line;
            }
        }
        (at, source)
    }

    /// gdb's `amd64_skip_prologue`: LLVM code by its line table, anything else by the frame set-up.
    fn arch_skip_prologue(&self, func: &FuncRecord, producer: Producer) -> u64 {
        let start = func.entry;
        if producer == Producer::Llvm {
            if let Some(post) = self.skip_prologue_using_sal(func) {
                return post.max(start);
            }
        }
        let code = self.elf.bytes_at(&self.backing, start, 16).unwrap_or(&[]);
        skip_frame_setup(code, start)
    }

    /// gdb's `skip_prologue_using_sal`: the end of the function's first line, extended over following
    /// rows whose line numbers are lower (instructions scheduled into the prologue).
    fn skip_prologue_using_sal(&self, func: &FuncRecord) -> Option<u64> {
        let (start, end) = func.entry_range();
        let first = self.find_pc_line(start)?;
        if first.table.has_two_rows_at(first.line.addr) && first.line.addr == start {
            return Some(start);
        }
        let mut prologue = first.line;
        while prologue.end < end {
            let Some(next) = self.find_pc_line(prologue.end) else { break };
            if next.line.line == 0 || next.line.line >= prologue.line {
                break;
            }
            // A lower line inside an inlined call says nothing about the prologue.
            let inlined = func.blocks.iter().any(|b| {
                b.inlined.is_some()
                    && b.ranges.iter().any(|&(lo, hi)| lo <= prologue.end && prologue.end < hi)
            });
            if inlined {
                break;
            }
            prologue = next.line;
        }
        Some(if prologue.end < end { prologue.end } else { prologue.addr })
    }

    /// Where `break NAME` lands for a function known only from the ELF symbol table.
    fn minsym_skip_prologue(&self, addr: u64) -> u64 {
        let code = self.elf.bytes_at(&self.backing, addr, 16).unwrap_or(&[]);
        skip_frame_setup(code, addr)
    }

    fn minsym_matches(&self, linkage: &str, wanted: &str) -> bool {
        if linkage == wanted {
            return true;
        }
        // Demangling every symbol of a big program on each lookup costs more than the lookup itself.
        if !super::demangle::may_demangle_to(linkage, wanted) {
            return false;
        }
        let d = super::demangle::demangle(linkage);
        d == wanted || super::demangle::without_params(&d) == wanted
    }

    fn main_location(&self) -> Option<CodeLocation> {
        let index = self.functions();
        let main = index.lookup("main").into_iter().find(|f| f.name == "main")?;
        Some(self.function_start(main))
    }
}

/// gdb's `block_containing_function` name for `pc` in `f`: the innermost inlined function, else `f`.
fn block_function_name(f: &FuncRecord, pc: u64) -> String {
    f.blocks
        .iter()
        .filter(|b| b.ranges.iter().any(|&(lo, hi)| lo <= pc && pc < hi))
        .filter_map(|b| b.inlined.as_ref().map(|(name, _)| (b.depth, name)))
        .max_by_key(|(depth, _)| *depth)
        .map_or_else(|| f.name.clone(), |(_, name)| name.clone())
}

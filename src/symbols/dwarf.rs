//! Loading DWARF, on first need only: the `gimli::Dwarf` over the mapped sections and the unit headers.
//! A unit's abbreviations, line program header and root DIE are parsed when something first asks about
//! that unit (`LazyUnit`): libc's debug file has thousands of units and a stop in it needs one. Nothing
//! here walks the DIE trees; the name index, the function index and the line tables do that, each once,
//! when first asked.

use std::sync::{Arc, OnceLock};

use object::read::elf::ElfFile64;
use object::LittleEndian;

use super::elf::load_section;
use super::lines::LineTable;
use gimli::Reader as _;

use super::reader::{Backing, Reader, SharedBytes};

/// Which compiler produced a unit, as far as gdb's prologue rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Producer {
    /// GCC (`GNU C17 12.2.0 ...`), with its major version.
    Gcc(u32),
    /// clang, rustc and anything else LLVM-based: gdb trusts their line tables for prologues.
    Llvm,
    Other,
}

impl Producer {
    pub fn parse(text: &str) -> Producer {
        if text.contains("clang") || text.contains("LLVM") || text.contains("rustc") {
            return Producer::Llvm;
        }
        if let Some(rest) = text.strip_prefix("GNU ") {
            // "GNU C17 12.2.0 -mtune=...": skip the language word, then read the major version.
            let version = rest.split_whitespace().find(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            if let Some(major) = version.and_then(|v| v.split('.').next()).and_then(|m| m.parse().ok()) {
                return Producer::Gcc(major);
            }
        }
        Producer::Other
    }
}

/// One compile unit.
pub(crate) struct UnitInfo {
    pub unit: gimli::Unit<Reader>,
    /// DW_AT_name of the unit (the primary source file as the compiler was given it).
    pub name: Option<String>,
    pub comp_dir: Option<String>,
    pub producer: Producer,
    /// DW_LANG_Mips_Assembler: gdb never skips prologues there.
    pub is_asm: bool,
    pub lines: OnceLock<Option<LineTable>>,
}

impl UnitInfo {
    /// Parses a unit. A unit that does not parse has no abbreviations, so every walk over it ends at
    /// once: a damaged unit must not hide the others.
    fn parse(dwarf: &gimli::Dwarf<Reader>, header: gimli::UnitHeader<Reader>) -> UnitInfo {
        let unit = match dwarf.unit(header.clone()) {
            Ok(unit) => unit,
            Err(_) => gimli::Unit {
                header,
                abbreviations: Arc::new(gimli::Abbreviations::default()),
                name: None,
                comp_dir: None,
                low_pc: 0,
                str_offsets_base: gimli::DebugStrOffsetsBase(0),
                addr_base: gimli::DebugAddrBase(0),
                loclists_base: gimli::DebugLocListsBase(0),
                rnglists_base: gimli::DebugRngListsBase(0),
                line_program: None,
                dwo_id: None,
            },
        };
        let string = |r: Option<&Reader>| r.and_then(|r| r.to_string_lossy().ok()).map(|s| s.into_owned());
        let name = string(unit.name.as_ref());
        let comp_dir = string(unit.comp_dir.as_ref());
        let (producer, is_asm) = root_facts(dwarf, &unit);
        UnitInfo { unit, name, comp_dir, producer, is_asm, lines: OnceLock::new() }
    }

    pub fn lines(&self, dwarf: &gimli::Dwarf<Reader>) -> Option<&LineTable> {
        self.lines.get_or_init(|| LineTable::build(dwarf, self).ok()).as_ref()
    }
}

/// A unit whose header is read and whose contents are parsed on first dereference.
pub(crate) struct LazyUnit {
    header: gimli::UnitHeader<Reader>,
    dwarf: Arc<gimli::Dwarf<Reader>>,
    parsed: OnceLock<Box<UnitInfo>>,
}

impl LazyUnit {
    /// The header, without parsing the unit.
    pub fn header(&self) -> &gimli::UnitHeader<Reader> {
        &self.header
    }

    /// Where the unit starts in `.debug_info`.
    pub fn offset(&self) -> usize {
        self.header.offset().0
    }

    /// Whether the unit was parsed already (its abbreviations can then be reused).
    pub fn parsed(&self) -> Option<&UnitInfo> {
        self.parsed.get().map(|b| &**b)
    }
}

impl std::ops::Deref for LazyUnit {
    type Target = UnitInfo;
    fn deref(&self) -> &UnitInfo {
        self.parsed.get_or_init(|| Box::new(UnitInfo::parse(&self.dwarf, self.header.clone())))
    }
}

pub(crate) struct DebugInfo {
    pub dwarf: Arc<gimli::Dwarf<Reader>>,
    pub units: Vec<LazyUnit>,
    /// The bytes of `.debug_info` and `.debug_str`, to let a one-pass scan release their pages.
    pub info_bytes: SharedBytes,
    pub str_bytes: SharedBytes,
}

impl DebugInfo {
    /// Loads the DWARF sections and reads every unit header (units are parsed when first used). An
    /// unreadable `.debug_info` gives an empty list; units after a damaged header are lost.
    pub fn load(file: &ElfFile64<'_, LittleEndian>, backing: &Arc<Backing>) -> DebugInfo {
        // Missing or unreadable sections load as empty, so loading itself cannot fail.
        let (info_bytes, str_bytes) = (OnceLock::new(), OnceLock::new());
        let load = |id: gimli::SectionId| -> Result<Reader, std::convert::Infallible> {
            let bytes = load_section(file, backing, id.name());
            match id {
                gimli::SectionId::DebugInfo => _ = info_bytes.set(bytes.clone()),
                gimli::SectionId::DebugStr => _ = str_bytes.set(bytes.clone()),
                _ => {}
            }
            Ok(Reader::new(bytes, gimli::LittleEndian))
        };
        let dwarf = match gimli::Dwarf::load(load) {
            Ok(dwarf) => dwarf,
            Err(never) => match never {},
        };
        let dwarf = Arc::new(dwarf);
        let mut units = Vec::new();
        let mut headers = dwarf.units();
        while let Ok(Some(header)) = headers.next() {
            units.push(LazyUnit { header, dwarf: dwarf.clone(), parsed: OnceLock::new() });
        }
        let empty = || SharedBytes::owned(Vec::new());
        let info_bytes = info_bytes.into_inner().unwrap_or_else(empty);
        let str_bytes = str_bytes.into_inner().unwrap_or_else(empty);
        DebugInfo { dwarf, units, info_bytes, str_bytes }
    }

    /// The unit whose bytes hold `offset` (units are in section order).
    pub fn unit_containing(&self, offset: gimli::DebugInfoOffset) -> Option<usize> {
        let i = self.units.partition_point(|u| u.offset() <= offset.0).checked_sub(1)?;
        let unit = self.units.get(i)?;
        (offset.0 < unit.offset().saturating_add(unit.header.length_including_self())).then_some(i)
    }

    /// No debug info at all.
    pub fn empty() -> DebugInfo {
        let empty = |_| -> Result<Reader, std::convert::Infallible> {
            Ok(Reader::new(SharedBytes::owned(Vec::new()), gimli::LittleEndian))
        };
        let dwarf = match gimli::Dwarf::load(empty) {
            Ok(dwarf) => dwarf,
            Err(never) => match never {},
        };
        let (info_bytes, str_bytes) = (SharedBytes::owned(Vec::new()), SharedBytes::owned(Vec::new()));
        DebugInfo { dwarf: Arc::new(dwarf), units: Vec::new(), info_bytes, str_bytes }
    }
}

fn root_facts(dwarf: &gimli::Dwarf<Reader>, unit: &gimli::Unit<Reader>) -> (Producer, bool) {
    let mut cursor = unit.entries();
    let Ok(Some(root)) = cursor.next_dfs() else {
        return (Producer::Other, false);
    };
    let producer = root
        .attr_value(gimli::DW_AT_producer)
        .and_then(|v| dwarf.attr_string(unit, v).ok())
        .and_then(|r| r.to_string_lossy().ok().map(|s| Producer::parse(&s)))
        .unwrap_or(Producer::Other);
    let is_asm = matches!(
        root.attr_value(gimli::DW_AT_language),
        Some(gimli::AttributeValue::Language(gimli::DW_LANG_Mips_Assembler))
    );
    (producer, is_asm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producers() {
        assert_eq!(Producer::parse("GNU C17 12.2.0 -mtune=generic -g -O0"), Producer::Gcc(12));
        assert_eq!(Producer::parse("GNU C++17 4.4.1"), Producer::Gcc(4));
        assert_eq!(Producer::parse("clang version 16.0.6"), Producer::Llvm);
        assert_eq!(Producer::parse("clang LLVM (rustc version 1.95.0)"), Producer::Llvm);
        assert_eq!(Producer::parse("GNU AS 2.40"), Producer::Gcc(2));
        assert_eq!(Producer::parse("Intel(R) C"), Producer::Other);
    }
}

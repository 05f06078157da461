//! The ELF file itself: header facts and the section table, copied out of the mapped file into owned values
//! so the rest of the layer never holds a borrow of the mapping. Also maps file addresses to file bytes
//! (for the prologue analyser, which reads code before the program runs) and hands out DWARF sections.

use std::path::Path;
use std::sync::Arc;

use object::elf;
use object::read::elf::{ElfFile64, FileHeader, SectionHeader};
use object::{LittleEndian, Object, ObjectSection};

use super::error::SymbolsError;
use super::reader::{Backing, SharedBytes};

/// One section header, as much of it as this layer uses.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub name: String,
    pub addr: u64,
    pub size: u64,
    /// File offset of the contents; meaningless for SHT_NOBITS.
    pub offset: u64,
    pub kind: u32,
    pub flags: u64,
    pub entsize: u64,
}

impl Section {
    pub fn is_alloc(&self) -> bool {
        self.flags & elf::SHF_ALLOC.0 != 0
    }
    pub fn is_exec(&self) -> bool {
        self.flags & elf::SHF_EXECINSTR.0 != 0
    }
    /// Whether the section has bytes in the file (SHT_NOBITS, i.e. .bss, has none).
    pub fn has_file_bytes(&self) -> bool {
        self.kind != elf::SHT_NOBITS.0
    }
    pub fn contains(&self, addr: u64) -> bool {
        addr >= self.addr && addr - self.addr < self.size
    }
}

/// Header facts and sections of one ELF file.
pub(crate) struct ElfInfo {
    pub is_pie: bool,
    pub entry: u64,
    pub sections: Vec<Section>,
}

/// Parses `data` as a 64-bit little-endian x86-64 ELF file.
pub(crate) fn parse_file<'d>(
    path: &Path,
    data: &'d [u8],
) -> Result<ElfFile64<'d, LittleEndian>, SymbolsError> {
    if data.len() < 4 || &data[..4] != b"\x7fELF" {
        return Err(SymbolsError::NotElf(path.to_path_buf()));
    }
    // Class and data encoding are the 5th and 6th bytes; say which unsupported kind it is, as gdb would.
    if data.get(4) != Some(&elf::ELFCLASS64.0) || data.get(5) != Some(&elf::ELFDATA2LSB.0) {
        return Err(SymbolsError::Unsupported {
            path: path.to_path_buf(),
            what: "only 64-bit little-endian ELF is supported".into(),
        });
    }
    let file =
        ElfFile64::<LittleEndian>::parse(data).map_err(|_| SymbolsError::NotElf(path.to_path_buf()))?;
    let machine = file.elf_header().e_machine(LittleEndian);
    if machine != elf::EM_X86_64 {
        return Err(SymbolsError::Unsupported {
            path: path.to_path_buf(),
            what: format!("ELF machine {machine} is not x86-64"),
        });
    }
    Ok(file)
}

impl ElfInfo {
    pub fn from_file(path: &Path, file: &ElfFile64<'_, LittleEndian>) -> Result<ElfInfo, SymbolsError> {
        let endian = LittleEndian;
        let header = file.elf_header();
        let table = file.elf_section_table();
        let mut sections = Vec::with_capacity(table.len());
        for raw in table.iter() {
            let name = table.section_name(endian, raw).map_err(|e| SymbolsError::MalformedElf {
                path: path.to_path_buf(),
                what: format!("section name: {e}"),
            })?;
            sections.push(Section {
                name: String::from_utf8_lossy(name).into_owned(),
                addr: raw.sh_addr(endian),
                size: raw.sh_size(endian),
                offset: raw.sh_offset(endian),
                kind: raw.sh_type(endian).0,
                flags: raw.sh_flags(endian).0,
                entsize: raw.sh_entsize(endian),
            });
        }
        Ok(ElfInfo { is_pie: header.e_type(endian) == elf::ET_DYN, entry: header.e_entry(endian), sections })
    }

    /// The allocated section holding `addr` (what gdb calls the address's obj_section).
    pub fn section_index_for(&self, addr: u64) -> Option<usize> {
        self.sections.iter().position(|s| s.is_alloc() && s.size > 0 && s.contains(addr))
    }

    pub fn section_by_name(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Up to `len` bytes of the file image at file address `addr`, clipped to the containing section.
    pub fn bytes_at<'d>(&self, data: &'d [u8], addr: u64, len: usize) -> Option<&'d [u8]> {
        let section = &self.sections[self.section_index_for(addr)?];
        if !section.has_file_bytes() {
            return None;
        }
        let start = section.offset.checked_add(addr - section.addr)?;
        let avail = section.size - (addr - section.addr);
        let end = start.checked_add(avail.min(len as u64))?;
        data.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }
}

/// The contents of the named (debug) section, inflated if compressed; empty if absent or unreadable.
/// Reading it never copies an uncompressed section: the handle points into the mapping.
pub(crate) fn load_section(
    file: &ElfFile64<'_, LittleEndian>,
    backing: &Arc<Backing>,
    name: &str,
) -> SharedBytes {
    let empty = || SharedBytes::owned(Vec::new());
    let Some(section) = file.section_by_name(name) else {
        return empty();
    };
    let Ok(range) = section.compressed_file_range() else {
        return empty();
    };
    if range.format == object::CompressionFormat::None {
        let (Ok(start), Ok(len)) = (usize::try_from(range.offset), usize::try_from(range.uncompressed_size))
        else {
            return empty();
        };
        match start.checked_add(len) {
            Some(end) if end <= backing.len() => SharedBytes::new(backing.clone(), start..end),
            _ => empty(),
        }
    } else {
        match section.uncompressed_data() {
            Ok(bytes) => SharedBytes::owned(bytes.into_owned()),
            Err(_) => empty(),
        }
    }
}

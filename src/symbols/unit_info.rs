//! What `info source` says about the compile unit a source file belongs to: its compilation
//! directory, producer, language, DWARF version and whether it carries macro information.

use std::path::Path;

use gimli::Reader as _;

use super::dwarf::UnitInfo;
use super::reader::Reader;
use super::Module;

/// The facts of one compile unit, as gdb prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFacts {
    /// DW_AT_comp_dir (`Compilation directory is ...`).
    pub comp_dir: Option<String>,
    /// DW_AT_producer (`Producer is GNU C17 12.2.0 ...`).
    pub producer: Option<String>,
    /// gdb's name for the unit's language (`c`, `c++`, `rust`, `asm`, ... or `minimal`).
    pub language: &'static str,
    /// The unit header's DWARF version.
    pub dwarf_version: u16,
    /// Whether the unit points at macro information (gcc -g3).
    pub has_macros: bool,
}

impl Module {
    /// The facts of the first unit whose line table names the file at `full_path` (a header shared by
    /// several units reports the first, as gdb reports the unit of the symtab it picked).
    pub fn unit_facts(&self, full_path: &Path) -> Option<UnitFacts> {
        let debug = self.debug();
        let unit = debug.units.iter().find(|unit| {
            unit.lines(&debug.dwarf).is_some_and(|table| table.files.iter().any(|f| f.full_path == full_path))
        })?;
        Some(facts(&debug.dwarf, unit))
    }
}

fn facts(dwarf: &gimli::Dwarf<Reader>, unit: &UnitInfo) -> UnitFacts {
    let mut out = UnitFacts {
        comp_dir: unit.comp_dir.clone(),
        producer: None,
        language: "minimal",
        dwarf_version: unit.unit.header.version(),
        has_macros: false,
    };
    let mut cursor = unit.unit.entries();
    let Ok(Some(root)) = cursor.next_dfs() else { return out };
    out.producer = root
        .attr_value(gimli::DW_AT_producer)
        .and_then(|v| dwarf.attr_string(&unit.unit, v).ok())
        .and_then(|r| r.to_string_lossy().ok().map(|s| s.into_owned()));
    if let Some(gimli::AttributeValue::Language(lang)) = root.attr_value(gimli::DW_AT_language) {
        out.language = language_name(lang);
    }
    out.has_macros = [gimli::DW_AT_macros, gimli::DW_AT_GNU_macros, gimli::DW_AT_macro_info]
        .into_iter()
        .any(|attr| root.attr_value(attr).is_some());
    out
}

/// gdb's `language_str` for a DW_LANG code (what its DWARF reader maps each code to).
fn language_name(lang: gimli::DwLang) -> &'static str {
    use gimli::constants as c;
    match lang {
        c::DW_LANG_C | c::DW_LANG_C89 | c::DW_LANG_C99 | c::DW_LANG_C11 | c::DW_LANG_C17 => "c",
        c::DW_LANG_C_plus_plus
        | c::DW_LANG_C_plus_plus_03
        | c::DW_LANG_C_plus_plus_11
        | c::DW_LANG_C_plus_plus_14 => "c++",
        c::DW_LANG_Rust => "rust",
        c::DW_LANG_Mips_Assembler => "asm",
        c::DW_LANG_D => "d",
        c::DW_LANG_Go => "go",
        c::DW_LANG_ObjC => "objective-c",
        c::DW_LANG_OpenCL => "opencl",
        c::DW_LANG_Pascal83 => "pascal",
        c::DW_LANG_Modula2 => "modula-2",
        c::DW_LANG_Ada83 | c::DW_LANG_Ada95 => "ada",
        c::DW_LANG_Fortran77
        | c::DW_LANG_Fortran90
        | c::DW_LANG_Fortran95
        | c::DW_LANG_Fortran03
        | c::DW_LANG_Fortran08 => "fortran",
        _ => "minimal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_programs;

    #[test]
    fn basics_unit_is_gcc_c_dwarf5_without_macros() {
        let module = Module::load(&test_programs::c_program("basics")).expect("load basics");
        let source = test_programs::source_dir().join("basics.c");
        let facts = module.unit_facts(&source).expect("basics.c has a unit");
        assert_eq!(facts.language, "c");
        assert_eq!(facts.dwarf_version, 5);
        assert!(!facts.has_macros);
        assert!(facts.producer.as_deref().is_some_and(|p| p.starts_with("GNU C")), "{facts:?}");
        assert_eq!(facts.comp_dir.as_deref(), test_programs::source_dir().to_str());
        assert!(module.unit_facts(Path::new("/no/such/file.c")).is_none());
    }

    #[test]
    fn language_names_are_gdbs() {
        assert_eq!(language_name(gimli::DW_LANG_C_plus_plus_14), "c++");
        assert_eq!(language_name(gimli::DW_LANG_Rust), "rust");
        assert_eq!(language_name(gimli::DW_LANG_Cobol74), "minimal");
    }
}

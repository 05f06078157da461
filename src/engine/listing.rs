//! Source-level questions of `list`, `info line` and `info source`, answered in runtime addresses:
//! link-time before the program runs, relocated by the load bias once it has (as gdb shows them).

use std::path::Path;

use crate::addr::RuntimeAddr;
use crate::symbols::{SourceFileName, SourceLocation, UnitFacts};

use super::error::EngineError;
use super::session::Debugger;

/// A function named in a location, with its entry (not moved past the prologue) and entry line.
#[derive(Clone, Debug)]
pub struct FunctionLine {
    pub name: String,
    pub entry: RuntimeAddr,
    /// None for code known only to the ELF symbol table.
    pub source: Option<SourceLocation>,
}

/// The code of one line-table row: [start, end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowRange {
    pub start: RuntimeAddr,
    pub end: RuntimeAddr,
}

impl Debugger {
    /// Source files of the program whose name matches `wanted` (`list basics.c:10`).
    pub fn source_files_matching(&self, wanted: &str) -> Result<Vec<SourceFileName>, EngineError> {
        Ok(self.program_module()?.source_files_matching(wanted))
    }

    /// The functions called `name` (restricted to units holding a file matching `file`).
    pub fn function_lines(&self, name: &str, file: Option<&str>) -> Result<Vec<FunctionLine>, EngineError> {
        let bias = self.bias();
        let module = self.program_module()?;
        Ok(module
            .function_entries(name, file)
            .into_iter()
            .map(|f| FunctionLine { name: f.name, entry: f.entry.relocate(bias), source: f.source })
            .collect())
    }

    /// gdb's `find_line_pc`: where the code of `line` of the file at `full_path` starts (or of the
    /// next line that has code). None when no line from `line` on has code.
    pub fn line_start(&self, full_path: &Path, line: u32) -> Result<Option<RuntimeAddr>, EngineError> {
        let bias = self.bias();
        Ok(self.program_module()?.line_start(full_path, line).map(|a| a.relocate(bias)))
    }

    /// The source line of `addr` and its row's range, in the program or a loaded library.
    pub fn address_line(&self, addr: RuntimeAddr) -> Option<(SourceLocation, RowRange)> {
        let bias = self.bias();
        let in_program = self.program.as_ref().and_then(|m| {
            let file_addr = addr.to_file(bias);
            Some((m.source_location(file_addr)?, m.line_range(file_addr)?, bias))
        });
        let (source, (start, end), bias) = in_program.or_else(|| {
            let (module, lib_bias, _) = self.libraries.lookup(addr)?;
            let file_addr = addr.to_file(lib_bias);
            Some((module.source_location(file_addr)?, module.line_range(file_addr)?, lib_bias))
        })?;
        Some((source, RowRange { start: start.relocate(bias), end: end.relocate(bias) }))
    }

    /// Where gdb's listing starts before anything was shown: the line `break main` would use, in the
    /// program's main function (for Rust, `CRATE::main`, which gdb knows as the main subprogram).
    pub fn main_source(&self) -> Option<SourceLocation> {
        let module = self.program.as_ref()?;
        let c_main =
            module.resolve_function("main").into_iter().find(|l| l.function.as_deref() == Some("main"));
        if let Some(source) = c_main.and_then(|l| l.source) {
            return Some(source);
        }
        module
            .function_entries("main", None)
            .into_iter()
            .filter(|f| f.source.is_some() && f.name.ends_with("::main"))
            .find_map(|f| module.resolve_function(&f.name).into_iter().find_map(|l| l.source))
    }

    /// `info source`'s facts about the unit of the file at `full_path`.
    pub fn unit_facts(&self, full_path: &Path) -> Option<UnitFacts> {
        self.program.as_ref()?.unit_facts(full_path)
    }

    fn program_module(&self) -> Result<&crate::symbols::Module, EngineError> {
        self.program.as_ref().ok_or(EngineError::NoSymbolTable)
    }
}

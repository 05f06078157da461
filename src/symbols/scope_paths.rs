//! The qualified names of a unit's scopes and types (`geo::Square`, `rsvalues::Point`): a DIE
//! does not know its parent, so one walk over the unit records every scope's path by DIE offset.
//! C++ and Rust name types the same way here; the type model asks per language.

use std::collections::HashMap;

use gimli::{DwTag, Unit, UnitOffset};

use super::reader::Reader;
use super::types::attr_string;

/// Qualified names of a unit's namespaces, structs, classes, unions and enums, by DIE offset.
pub(crate) type ScopePaths = HashMap<UnitOffset, String>;

/// Whether a DIE of this tag opens a scope its children's names are qualified by.
pub(crate) fn opens_scope(tag: DwTag) -> bool {
    matches!(
        tag,
        gimli::DW_TAG_namespace
            | gimli::DW_TAG_structure_type
            | gimli::DW_TAG_class_type
            | gimli::DW_TAG_union_type
            | gimli::DW_TAG_enumeration_type
    )
}

/// Walks the unit once, recording `outer::Inner` for every scope-opening DIE that has a name.
pub(crate) fn scope_paths(dwarf: &gimli::Dwarf<Reader>, unit: &Unit<Reader>) -> ScopePaths {
    let mut paths = HashMap::new();
    let Ok(mut entries) = unit.entries_at_offset(unit.header.root_offset()) else { return paths };
    // (depth, name of the scope this DIE opens, if it opens one)
    let mut stack: Vec<(isize, Option<String>)> = Vec::new();
    while let Ok(Some(entry)) = entries.next_dfs() {
        let depth = entry.depth();
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        let name =
            if opens_scope(entry.tag()) { attr_string(dwarf, unit, entry, gimli::DW_AT_name) } else { None };
        if let Some(name) = &name {
            let mut path: Vec<&str> = stack.iter().filter_map(|(_, n)| n.as_deref()).collect();
            path.push(name);
            paths.insert(entry.offset(), path.join("::"));
        }
        stack.push((depth, name));
    }
    paths
}

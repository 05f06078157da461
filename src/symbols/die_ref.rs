//! References from one DIE to another (DW_AT_type, DW_AT_abstract_origin, DW_AT_specification),
//! resolved in one place. DWARF writes them either inside the referring DIE's unit (DW_FORM_ref1..8)
//! or anywhere in `.debug_info` (DW_FORM_ref_addr): rustc at -O2 and LTO'd C/C++ point at types
//! and abstract instances in other units, so a reader that only follows the first kind loses the
//! types and names of those variables. Everything that follows a reference for a DIE's meaning
//! goes through `DieRef::resolve`, which turns either kind into a unit index and an offset there.

use gimli::{AttributeValue, DebugInfoOffset, DebuggingInformationEntry, DwAt, Unit, UnitOffset};

use super::dwarf::DebugInfo;
use super::reader::Reader;

/// A DIE reference as written, before the unit it lands in is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DieRef {
    /// Inside the referring DIE's own unit.
    Local(UnitOffset),
    /// Anywhere in `.debug_info` (DW_FORM_ref_addr).
    Foreign(DebugInfoOffset),
}

/// A DIE located: the index of its unit in `DebugInfo::units` and its offset in that unit. Type
/// caches key on this, so a type reached from many units is one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct DieAt {
    pub unit: usize,
    pub offset: UnitOffset,
}

/// How many DW_AT_abstract_origin / DW_AT_specification links `inherited` follows: real chains are
/// two or three long (LTO: concrete instance, abstract instance, early-debug declaration); more is
/// taken to be a loop in damaged DWARF.
const MAX_ORIGIN_HOPS: usize = 8;

impl DieRef {
    /// The reference an attribute value holds, if it is one (type-unit signatures and references
    /// into a supplementary file are not followed).
    pub fn from_value(value: AttributeValue<Reader>) -> Option<DieRef> {
        match value {
            AttributeValue::UnitRef(offset) => Some(DieRef::Local(offset)),
            AttributeValue::DebugInfoRef(offset) => Some(DieRef::Foreign(offset)),
            _ => None,
        }
    }

    /// The reference in `entry`'s attribute `attr`.
    pub fn of(entry: &DebuggingInformationEntry<Reader>, attr: DwAt) -> Option<DieRef> {
        entry.attr_value(attr).and_then(DieRef::from_value)
    }

    /// Where the reference lands; `from` is the unit of the DIE holding it. None when the offset
    /// lies outside every unit (damaged DWARF).
    pub fn resolve(self, debug: &DebugInfo, from: usize) -> Option<DieAt> {
        match self {
            DieRef::Local(offset) => Some(DieAt { unit: from, offset }),
            DieRef::Foreign(offset) => {
                let unit = debug.unit_containing(offset)?;
                // The header alone converts the offset: the unit is parsed only when read.
                let local = offset.to_unit_offset(debug.units.get(unit)?.header())?;
                Some(DieAt { unit, offset: local })
            }
        }
    }
}

impl DieAt {
    /// The unit holding the DIE (parsed now if it was not yet).
    pub fn unit(self, debug: &DebugInfo) -> Option<&Unit<Reader>> {
        debug.units.get(self.unit).map(|u| &u.unit)
    }

    /// The DIE itself.
    pub fn entry(self, debug: &DebugInfo) -> Option<DebuggingInformationEntry<Reader>> {
        self.unit(debug)?.entry(self.offset).ok()
    }
}

/// `attr` of the DIE `entry` (in unit `unit`), or, when it has none, of the DIE its
/// DW_AT_abstract_origin or DW_AT_specification leads to, and so on: a concrete instance inherits
/// its name and type from its abstract instance, a definition from its declaration. Gives the
/// value with the unit of the DIE that holds it, which its references and strings are read in.
pub(crate) fn inherited(
    debug: &DebugInfo,
    unit: usize,
    entry: &DebuggingInformationEntry<Reader>,
    attr: DwAt,
) -> Option<(usize, AttributeValue<Reader>)> {
    if let Some(value) = entry.attr_value(attr) {
        return Some((unit, value));
    }
    let mut next = origin_of(debug, unit, entry);
    for _ in 0..MAX_ORIGIN_HOPS {
        let at = next?;
        let entry = at.entry(debug)?;
        if let Some(value) = entry.attr_value(attr) {
            return Some((at.unit, value));
        }
        next = origin_of(debug, at.unit, &entry);
    }
    None
}

/// The DIE `entry`'s DW_AT_abstract_origin, else its DW_AT_specification, leads to.
fn origin_of(debug: &DebugInfo, unit: usize, entry: &DebuggingInformationEntry<Reader>) -> Option<DieAt> {
    DieRef::of(entry, gimli::DW_AT_abstract_origin)
        .or_else(|| DieRef::of(entry, gimli::DW_AT_specification))?
        .resolve(debug, unit)
}

/// The DIE's name, its own or inherited (`inherited`).
pub(crate) fn inherited_name(
    debug: &DebugInfo,
    unit: usize,
    entry: &DebuggingInformationEntry<Reader>,
) -> Option<String> {
    let (holder, value) = inherited(debug, unit, entry, gimli::DW_AT_name)?;
    let reader = debug.dwarf.attr_string(debug.units.get(holder).map(|u| &u.unit)?, value).ok()?;
    use gimli::Reader as _;
    reader.to_string_lossy().ok().map(|s| s.into_owned())
}

/// The type DIE of a variable, parameter or function DIE, its own or inherited (`inherited`).
pub(crate) fn inherited_type(
    debug: &DebugInfo,
    unit: usize,
    entry: &DebuggingInformationEntry<Reader>,
) -> Option<DieAt> {
    let (holder, value) = inherited(debug, unit, entry, gimli::DW_AT_type)?;
    DieRef::from_value(value)?.resolve(debug, holder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbols::module::Module;
    use crate::symbols::types::{attr_string, Type};
    use crate::test_programs;

    /// rustc at opt-level=2 splits the crate into codegen units, each its own DWARF unit, and
    /// writes the type of `shared`'s `words` (a `Vec<String>`) as a DW_FORM_ref_addr into
    /// another: the premise of tests/languages.rs's -O2 test, checked here on the DWARF itself.
    #[test]
    fn rust_types_in_other_units_are_built_there() {
        let program = test_programs::c_program_from("rsargs-O2", &["rsargs.rs", "-C", "opt-level=2"]);
        let module = Module::load(&program).expect("load rsargs-O2");
        let debug = module.debug();
        let mut foreign = 0;
        let mut words = None;
        for (index, unit) in debug.units.iter().enumerate() {
            let mut entries = unit.unit.entries();
            while let Ok(Some(entry)) = entries.next_dfs() {
                let Some(reference @ DieRef::Foreign(_)) = DieRef::of(entry, gimli::DW_AT_type) else {
                    continue;
                };
                foreign += 1;
                let at = reference.resolve(debug, index).expect("a ref_addr lands in a unit");
                assert!(at.entry(debug).is_some(), "no DIE at {at:?}");
                let name = attr_string(&debug.dwarf, &unit.unit, entry, gimli::DW_AT_name);
                if entry.tag() == gimli::DW_TAG_formal_parameter && name.as_deref() == Some("words") {
                    words = Some(at);
                }
            }
        }
        assert!(foreign > 0, "rustc -O2 wrote no DW_FORM_ref_addr types: the test lost its premise");
        let at = words.expect("`words` has a type in another unit");
        let ty = module.variable_tables().types.get(debug, at.unit, at.offset);
        let Type::Composite(vec) = &**ty.strip() else { panic!("`words` is {ty:?}") };
        let path = vec.rust().and_then(|r| r.path.as_deref());
        assert_eq!(path, Some("alloc::vec::Vec<alloc::string::String, alloc::alloc::Global>"));
        let members: Vec<_> = vec.members().iter().filter_map(|m| m.name.as_deref()).collect();
        assert_eq!(members, ["buf", "len"]);
    }
}

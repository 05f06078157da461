//! Variables as gdb's block tree sees them: at a pc, the locals of every lexical block holding it
//! (innermost first), the function's parameters, the unit's file-level variables (globals and file
//! statics), then global variables of other units by name. Types come from `types.rs`.
//!
//! Locations stay DWARF (`LocationAttr`) until a frame asks for them; symbols/location.rs evaluates
//! them (expressions and location lists alike).

use std::collections::HashMap;
use std::sync::OnceLock;

use gimli::{AttributeValue, DebuggingInformationEntry, Unit, UnitOffset};

use super::die_ref::{inherited_name, inherited_type, DieAt, DieRef};
use super::dwarf::DebugInfo;
use super::location::LocationAttr;
use super::module::Module;
use super::reader::Reader;
use super::scope_paths::opens_scope;
use super::types::{attr_string, Type, TypeCache, TypeRef};
use crate::addr::FileAddr;

/// Where a variable's value is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarLocation {
    /// DW_AT_location, evaluated in a frame by `Module::evaluate_location`.
    Dwarf(LocationAttr),
    /// DW_AT_const_value: the value's bytes.
    Constant(Vec<u8>),
    OptimizedOut,
}

#[derive(Clone, Debug)]
pub struct Variable {
    pub name: String,
    pub ty: TypeRef,
    pub location: VarLocation,
}

/// The variables visible at a pc inside a function.
#[derive(Clone, Debug)]
pub struct Scope {
    /// DW_AT_frame_base, for DW_OP_fbreg.
    pub frame_base: Option<LocationAttr>,
    /// Locals of each block holding the pc, innermost first; the function's own locals last.
    pub blocks: Vec<Vec<Variable>>,
    pub arguments: Vec<Variable>,
}

/// Names declared at a unit's top level: variables and types (`struct point`, `point_t`, `int`).
#[derive(Default)]
struct UnitNames {
    variables: HashMap<String, UnitOffset>,
    types: HashMap<String, UnitOffset>,
    /// Enumerator name -> (its enumeration type's DIE, its value).
    enumerators: HashMap<String, (UnitOffset, i64)>,
}

/// The caches behind variable and type lookups of one module.
#[derive(Default)]
pub(crate) struct VariableTables {
    pub(super) types: TypeCache,
    unit_names: OnceLock<Vec<OnceLock<UnitNames>>>,
}

impl Module {
    /// The variables in scope at `pc` inside its function (None outside DWARF-described code).
    pub fn scope_at(&self, pc: FileAddr) -> Option<Scope> {
        let func = self.functions().function_at(pc.0)?;
        let debug = self.debug();
        let unit = &debug.units.get(func.unit)?.unit;
        let reader = UnitReader { module: self, debug, unit, unit_index: func.unit };
        let mut tree = unit.entries_tree(Some(func.die)).ok()?;
        let root = tree.root().ok()?;
        let frame_base = root
            .entry()
            .attr_value(gimli::DW_AT_frame_base)
            .and_then(|v| LocationAttr::from_attr(&debug.dwarf, func.unit, unit, v));
        let mut arguments = Vec::new();
        let mut blocks = Vec::new();
        reader.walk_block(root, pc.0, &mut blocks, Some(&mut arguments));
        blocks.reverse();
        Some(Scope { frame_base, blocks, arguments })
    }

    /// A variable declared at the top level of the unit holding `pc` (a global or file static).
    pub fn file_variable(&self, pc: FileAddr, name: &str) -> Option<Variable> {
        let unit = self.functions().function_at(pc.0)?.unit;
        self.unit_variable(unit, name)
    }

    /// gdb's `'FILE'::name`: a top-level variable of the units whose line tables name a source
    /// file matching `file` (a trailing run of path components, as `list FILE:LINE` matches).
    pub fn source_file_variable(&self, file: &str, name: &str) -> Option<Variable> {
        let debug = self.debug();
        (0..debug.units.len()).find_map(|u| {
            let unit = debug.units.get(u)?;
            let table = unit.lines(&debug.dwarf)?;
            table
                .files
                .iter()
                .any(|f| super::lines::file_matches(f, file))
                .then(|| self.unit_variable(u, name))?
        })
    }

    /// A global variable of any unit, by name (the first unit that defines it).
    pub fn global_variable(&self, name: &str) -> Option<Variable> {
        let count = self.debug().units.len();
        (0..count).find_map(|u| self.unit_variable(u, name))
    }

    /// A type by its C name (`struct point`, `union number`, `enum color`, `point_t`, `int`): the
    /// unit holding `pc` first, then every unit.
    pub fn lookup_type(&self, pc: Option<FileAddr>, name: &str) -> Option<TypeRef> {
        let debug = self.debug();
        let first = pc.and_then(|pc| self.functions().function_at(pc.0)).map(|f| f.unit);
        let order = first.into_iter().chain(0..debug.units.len());
        for u in order {
            let Some(offset) = self.unit_names(u).and_then(|n| n.types.get(name).copied()) else { continue };
            return Some(self.variable_tables().types.get(debug, u, offset));
        }
        None
    }

    /// An enumerator constant (`RED`): its enum type and value; the unit holding `pc` first.
    pub fn enumerator(&self, pc: Option<FileAddr>, name: &str) -> Option<(TypeRef, i64)> {
        let debug = self.debug();
        let first = pc.and_then(|pc| self.functions().function_at(pc.0)).map(|f| f.unit);
        for u in first.into_iter().chain(0..debug.units.len()) {
            let Some(&(offset, value)) = self.unit_names(u).and_then(|n| n.enumerators.get(name)) else {
                continue;
            };
            return Some((self.variable_tables().types.get(debug, u, offset), value));
        }
        None
    }

    /// The return type of the function holding `pc`, for `finish`'s `Value returned` (None for void
    /// or without debug info).
    pub fn function_return_type(&self, pc: FileAddr) -> Option<TypeRef> {
        let func = self.functions().function_at(pc.0)?;
        // An out-of-line definition (a C++ method) or concrete instance keeps its type on the
        // declaration or abstract instance it points at, which the type builder follows.
        let ty = self.variable_tables().types.get(self.debug(), func.unit, func.die);
        match &**ty.strip() {
            super::types::Type::Function(f) if !matches!(&**f.ret.strip(), super::types::Type::Void) => {
                Some(f.ret.clone())
            }
            _ => None,
        }
    }

    /// A function as a value (`print add`): its type and entry address.
    pub fn function_object(&self, name: &str) -> Option<(TypeRef, FileAddr)> {
        let func = self.functions().lookup(name).into_iter().find(|f| f.name == name)?;
        let ty = self.variable_tables().types.get(self.debug(), func.unit, func.die);
        Some((ty, FileAddr(func.entry)))
    }

    fn unit_variable(&self, u: usize, name: &str) -> Option<Variable> {
        let offset = *self.unit_names(u)?.variables.get(name)?;
        let debug = self.debug();
        let unit = &debug.units.get(u)?.unit;
        let reader = UnitReader { module: self, debug, unit, unit_index: u };
        let entry = unit.entry(offset).ok()?;
        reader.variable(&entry)
    }

    fn unit_names(&self, u: usize) -> Option<&UnitNames> {
        let debug = self.debug();
        let cells = self
            .variable_tables()
            .unit_names
            .get_or_init(|| (0..debug.units.len()).map(|_| OnceLock::new()).collect());
        let cell = cells.get(u)?;
        Some(cell.get_or_init(|| match debug.units.get(u) {
            Some(_) => read_unit_names(debug, u),
            None => UnitNames::default(),
        }))
    }
}

/// Reads one unit's variables and types.
struct UnitReader<'a> {
    module: &'a Module,
    debug: &'a DebugInfo,
    unit: &'a Unit<Reader>,
    unit_index: usize,
}

impl UnitReader<'_> {
    /// The type of a variable's type DIE, which may be in another unit (rustc -O2, LTO).
    fn type_of(&self, at: DieAt) -> TypeRef {
        self.module.variable_tables().types.get(self.debug, at.unit, at.offset)
    }

    /// Collects the locals of `node` (and, when `arguments` is given, its parameters), then goes on
    /// into the one child block holding `pc`. Blocks are pushed outermost first.
    fn walk_block(
        &self,
        node: gimli::EntriesTreeNode<Reader>,
        pc: u64,
        blocks: &mut Vec<Vec<Variable>>,
        mut arguments: Option<&mut Vec<Variable>>,
    ) {
        let mut locals = Vec::new();
        let mut inner: Option<UnitOffset> = None;
        let mut children = node.children();
        while let Ok(Some(child)) = children.next() {
            let entry = child.entry();
            match entry.tag() {
                gimli::DW_TAG_formal_parameter => {
                    if let (Some(args), Some(var)) = (arguments.as_deref_mut(), self.variable(entry)) {
                        args.push(var);
                    }
                }
                gimli::DW_TAG_variable => locals.extend(self.variable(entry)),
                gimli::DW_TAG_lexical_block if inner.is_none() && self.holds(entry, pc) => {
                    inner = Some(entry.offset());
                }
                _ => {}
            }
        }
        blocks.push(locals);
        let Some(offset) = inner else { return };
        let Ok(mut tree) = self.unit.entries_tree(Some(offset)) else { return };
        if let Ok(root) = tree.root() {
            self.walk_block(root, pc, blocks, None);
        }
    }

    fn holds(&self, entry: &DebuggingInformationEntry<Reader>, pc: u64) -> bool {
        let Ok(mut ranges) = self.debug.dwarf.die_ranges(self.unit, entry) else { return false };
        while let Ok(Some(r)) = ranges.next() {
            if r.begin <= pc && pc < r.end {
                return true;
            }
        }
        false
    }

    /// A variable or parameter DIE; None for one without a name or a mere declaration.
    fn variable(&self, entry: &DebuggingInformationEntry<Reader>) -> Option<Variable> {
        if matches!(entry.attr_value(gimli::DW_AT_declaration), Some(AttributeValue::Flag(true)))
            || eliminated_by_linker(self.unit, entry)
        {
            return None;
        }
        // A concrete instance or definition names the abstract instance or declaration it
        // inherits its name and type from, maybe in another unit.
        let name = inherited_name(self.debug, self.unit_index, entry)?;
        let ty = inherited_type(self.debug, self.unit_index, entry)
            .map_or_else(|| std::sync::Arc::new(Type::Void), |t| self.type_of(t));
        let location = match entry.attr_value(gimli::DW_AT_location) {
            Some(value) => LocationAttr::from_attr(&self.debug.dwarf, self.unit_index, self.unit, value)
                .map_or(VarLocation::OptimizedOut, VarLocation::Dwarf),
            None => match entry.attr_value(gimli::DW_AT_const_value) {
                Some(value) => constant(value, ty.size()),
                None => VarLocation::OptimizedOut,
            },
        };
        Some(Variable { name, ty, location })
    }
}

fn read_unit_names(debug: &DebugInfo, unit_index: usize) -> UnitNames {
    let mut names = UnitNames::default();
    let Some(unit) = debug.units.get(unit_index).map(|u| &u.unit) else { return names };
    let dwarf = &*debug.dwarf;
    let cplus = super::params::unit_is_cplus(unit);
    let Ok(mut tree) = unit.entries_tree(None) else { return names };
    let Ok(root) = tree.root() else { return names };
    let mut children = root.children();
    while let Ok(Some(child)) = children.next() {
        let entry = child.entry().clone();
        if entry.tag() == gimli::DW_TAG_enumeration_type {
            let mut enumerators = child.children();
            while let Ok(Some(e)) = enumerators.next() {
                let e = e.entry();
                let value = match e.attr_value(gimli::DW_AT_const_value) {
                    Some(AttributeValue::Sdata(v)) => v,
                    Some(other) => other.udata_value().map_or(0, |v| v as i64),
                    None => continue,
                };
                if let Some(name) = attr_string(dwarf, unit, e, gimli::DW_AT_name) {
                    names.enumerators.entry(name).or_insert((entry.offset(), value));
                }
            }
        }
        let entry = &entry;
        let name = attr_string(dwarf, unit, entry, gimli::DW_AT_name)
            .or_else(|| foreign_c_variable_name(debug, unit_index, entry, cplus));
        let Some(name) = name else { continue };
        let declaration =
            matches!(entry.attr_value(gimli::DW_AT_declaration), Some(AttributeValue::Flag(true)));
        // C++ names a class or enum without its keyword (`ptype Left`, `(Base *) p`).
        let plain = (cplus
            && matches!(
                entry.tag(),
                gimli::DW_TAG_structure_type
                    | gimli::DW_TAG_class_type
                    | gimli::DW_TAG_union_type
                    | gimli::DW_TAG_enumeration_type
            ))
        .then(|| name.clone());
        let key = match entry.tag() {
            gimli::DW_TAG_variable => {
                if !declaration && !eliminated_by_linker(unit, entry) {
                    names.variables.entry(name).or_insert(entry.offset());
                }
                continue;
            }
            gimli::DW_TAG_structure_type => format!("struct {name}"),
            gimli::DW_TAG_union_type => format!("union {name}"),
            gimli::DW_TAG_enumeration_type => format!("enum {name}"),
            gimli::DW_TAG_class_type => format!("class {name}"),
            gimli::DW_TAG_base_type => super::types::canonical_c_name(&name),
            gimli::DW_TAG_typedef => name,
            _ => continue,
        };
        for key in std::iter::once(key).chain(plain) {
            // A complete definition wins over a forward declaration.
            if !declaration || !names.types.contains_key(&key) {
                names.types.insert(key, entry.offset());
            }
        }
    }
    add_scoped_names(dwarf, unit, &mut names);
    names
}

/// The name of a C variable defined here under a declaration in another unit: gcc -flto writes
/// the variable with its address in the link-time unit, pointing (DW_AT_abstract_origin) at the
/// compiler's original definition and declaration. C has no scopes, so the declaration's plain
/// name is the one to index; C++'s qualified names are only known inside their own unit
/// (`add_scoped_names`).
fn foreign_c_variable_name(
    debug: &DebugInfo,
    unit_index: usize,
    entry: &DebuggingInformationEntry<Reader>,
    cplus: bool,
) -> Option<String> {
    let foreign = [gimli::DW_AT_abstract_origin, gimli::DW_AT_specification]
        .into_iter()
        .any(|attr| matches!(DieRef::of(entry, attr), Some(DieRef::Foreign(_))));
    if cplus || entry.tag() != gimli::DW_TAG_variable || !foreign {
        return None;
    }
    inherited_name(debug, unit_index, entry)
}

/// C++ names inside namespaces and classes, by their qualified names (`geo::limit`,
/// `geo::Shape::count`, `geo::Square`), as expressions write them. A static member is declared in
/// its class and defined at the top level through DW_AT_specification: the definition is indexed
/// under the declaration's qualified name.
fn add_scoped_names(dwarf: &gimli::Dwarf<Reader>, unit: &Unit<Reader>, names: &mut UnitNames) {
    let Ok(mut entries) = unit.entries_at_offset(unit.header.root_offset()) else { return };
    // (depth, qualified name of the scope a DIE opens)
    let mut scopes: Vec<(isize, Option<String>)> = Vec::new();
    let mut declared: HashMap<UnitOffset, String> = HashMap::new();
    let mut definitions: Vec<(UnitOffset, UnitOffset)> = Vec::new();
    // The enumeration the enumerators being read belong to (they are its children).
    let mut enumeration_offset: Option<UnitOffset> = None;
    while let Ok(Some(entry)) = entries.next_dfs() {
        let depth = entry.depth();
        while scopes.last().is_some_and(|(d, _)| *d >= depth) {
            scopes.pop();
        }
        let prefix = scopes.iter().rev().find_map(|(_, s)| s.clone());
        let name = attr_string(dwarf, unit, entry, gimli::DW_AT_name);
        let qualified = match (&prefix, &name) {
            (Some(p), Some(n)) => Some(format!("{p}::{n}")),
            _ => None,
        };
        let opens_scope = opens_scope(entry.tag());
        let declaration =
            matches!(entry.attr_value(gimli::DW_AT_declaration), Some(AttributeValue::Flag(true)));
        match entry.tag() {
            gimli::DW_TAG_variable | gimli::DW_TAG_member if declaration => {
                // A top-level declaration (C's and C++'s `extern int counter;` from a header)
                // names its definition by its plain name.
                let top_level = if depth == 1 { name.as_ref() } else { None };
                if let Some(q) = qualified.as_ref().or(top_level) {
                    declared.insert(entry.offset(), q.clone());
                }
            }
            gimli::DW_TAG_variable if eliminated_by_linker(unit, entry) => {}
            gimli::DW_TAG_variable => match (&qualified, entry.attr_value(gimli::DW_AT_specification)) {
                (Some(q), _) => {
                    names.variables.entry(q.clone()).or_insert(entry.offset());
                }
                // Only a declaration in this unit: its qualified name is known from this walk.
                (None, Some(AttributeValue::UnitRef(spec))) => definitions.push((entry.offset(), spec)),
                _ => {}
            },
            gimli::DW_TAG_enumerator => {
                let enumeration = scopes.iter().rev().find(|(d, _)| *d < depth).map(|(d, _)| *d);
                let value = match entry.attr_value(gimli::DW_AT_const_value) {
                    Some(AttributeValue::Sdata(v)) => Some(v),
                    Some(other) => other.udata_value().map(|v| v as i64),
                    None => None,
                };
                if let (Some(q), Some(value), Some(_)) = (&qualified, value, enumeration) {
                    if let Some(owner) = enumeration_offset {
                        names.enumerators.entry(q.clone()).or_insert((owner, value));
                    }
                }
            }
            gimli::DW_TAG_structure_type
            | gimli::DW_TAG_class_type
            | gimli::DW_TAG_union_type
            | gimli::DW_TAG_enumeration_type
            | gimli::DW_TAG_typedef => {
                if let Some(q) = &qualified {
                    if !declaration || !names.types.contains_key(q) {
                        names.types.insert(q.clone(), entry.offset());
                    }
                }
            }
            _ => {}
        }
        if entry.tag() == gimli::DW_TAG_enumeration_type {
            enumeration_offset = Some(entry.offset());
        }
        let scope = if opens_scope { qualified.or(name) } else { None };
        scopes.push((depth, scope));
    }
    for (definition, spec) in definitions {
        if let Some(q) = declared.get(&spec) {
            names.variables.entry(q.clone()).or_insert(definition);
        }
    }
}

/// A static the linker dropped keeps its DIE with its address set to 0 (`DW_OP_addr 0`); gdb
/// leaves such variables out of its symbol table, rather than read whatever lies at 0.
fn eliminated_by_linker(unit: &Unit<Reader>, entry: &DebuggingInformationEntry<Reader>) -> bool {
    let Some(AttributeValue::Exprloc(expr)) = entry.attr_value(gimli::DW_AT_location) else { return false };
    let mut ops = expr.operations(unit.encoding());
    matches!((ops.next(), ops.next()), (Ok(Some(gimli::Operation::Address { address: 0 })), Ok(None)))
}

fn constant(value: AttributeValue<Reader>, size: u64) -> VarLocation {
    use gimli::Reader as _;
    let size = usize::try_from(size).unwrap_or(8).min(16);
    let bytes = match value {
        AttributeValue::Block(block) => match block.to_slice() {
            Ok(bytes) => bytes.into_owned(),
            Err(_) => return VarLocation::OptimizedOut,
        },
        AttributeValue::Sdata(v) => v.to_le_bytes()[..size.min(8)].to_vec(),
        other => match other.udata_value() {
            Some(v) => v.to_le_bytes()[..size.min(8)].to_vec(),
            None => return VarLocation::OptimizedOut,
        },
    };
    VarLocation::Constant(bytes)
}

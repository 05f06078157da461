//! A function's formal parameters as a frame line shows them (`add (a=3, b=4)`): names, their DWARF
//! locations (evaluated per frame by symbols/location.rs) and enough of their types to print them.

use gimli::{AttributeValue, Operation, Unit, UnitOffset};

use super::die_ref::{inherited_name, inherited_type, DieAt};
use super::dwarf::DebugInfo;
use super::location::LocationAttr;
use super::reader::Reader;
use super::types::{attr_string, type_ref, udata, TypeRef};

/// How to print a parameter, by its type (typedefs, const and volatile looked through).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamType {
    Int {
        size: u8,
        signed: bool,
    },
    Char {
        signed: bool,
    },
    Bool {
        size: u8,
    },
    Float {
        size: u8,
    },
    /// A pointer; `to_char` pointers print their string after the address.
    Pointer {
        to_char: bool,
        to_function: bool,
    },
    Enum {
        size: u8,
        signed: bool,
        enumerators: Vec<(i64, String)>,
    },
    /// Structs, unions, classes and arrays: gdb prints `...` in frame lines.
    Aggregate,
    /// A C++ reference: frame lines show `@0xADDR: VALUE`, or `...` for a class object.
    Reference {
        target: Box<ParamType>,
        target_size: u64,
    },
    /// A Rust argument whose text needs its whole type (structs, enums, tuples, arrays, `char`):
    /// the front end prints it with the Rust printers, in gdb's summary mode.
    Rust(FullType),
    Unknown,
}

/// A parameter's type in the full model. Two are equal when they are the same built type.
#[derive(Clone, Debug)]
pub struct FullType(pub TypeRef);

impl PartialEq for FullType {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for FullType {}

/// Builds the full type of a type DIE, in whichever unit it is (rustc at -O2 puts a parameter's
/// type in another unit than its function).
pub(crate) type FullTypeOf<'a> = &'a dyn Fn(DieAt) -> TypeRef;

/// Where a frame's base (DW_AT_frame_base) is. Every producer rdbg meets uses one of these two
/// forms; anything else leaves DW_OP_fbreg locations `<optimized out>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameBase {
    /// DW_OP_call_frame_cfa: the CFA (gcc).
    Cfa,
    /// A register (DWARF number), e.g. rbp for clang -O0.
    Register(u16),
    Unknown,
}

/// Where a parameter is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    /// DW_AT_location: an expression or a location list (symbols/location.rs evaluates it).
    Dwarf(LocationAttr),
    /// DW_AT_const_value (an argument of an inlined call with a constant): the value's bits.
    Constant(u64),
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub ty: ParamType,
    pub size: u64,
    pub location: ParamLocation,
}

/// The unit's DW_AT_language.
fn unit_language(unit: &Unit<Reader>) -> Option<gimli::DwLang> {
    let mut entries = unit.entries_raw(None).ok()?;
    let abbrev = entries.read_abbreviation().ok()??;
    for spec in abbrev.attributes() {
        let attr = entries.read_attribute(*spec).ok()?;
        if attr.name() == gimli::DW_AT_language {
            return match attr.value() {
                AttributeValue::Language(lang) => Some(lang),
                _ => None,
            };
        }
    }
    None
}

/// Whether the unit is C++ (gdb then names functions with their parameter list in some places).
pub(crate) fn unit_is_cplus(unit: &Unit<Reader>) -> bool {
    matches!(
        unit_language(unit),
        Some(
            gimli::DW_LANG_C_plus_plus
                | gimli::DW_LANG_C_plus_plus_03
                | gimli::DW_LANG_C_plus_plus_11
                | gimli::DW_LANG_C_plus_plus_14
        )
    )
}

/// Whether the unit is Rust (gdb matches Rust functions by their whole path only).
pub(crate) fn unit_is_rust(unit: &Unit<Reader>) -> bool {
    unit_language(unit) == Some(gimli::DW_LANG_Rust)
}

/// gdb's parameter list for a C++ function that has no mangled name (`main`, `extern "C"`):
/// `(int, char**)`, in the spelling of C++ physnames.
pub(crate) fn cplus_parameter_list(debug: &DebugInfo, unit_index: usize, offset: UnitOffset) -> String {
    let mut types = Vec::new();
    let unit = debug.units.get(unit_index).map(|u| &u.unit);
    if let Some(Ok(mut tree)) = unit.map(|u| u.entries_tree(Some(offset))) {
        if let Ok(root) = tree.root() {
            let mut children = root.children();
            while let Ok(Some(child)) = children.next() {
                if child.entry().tag() == gimli::DW_TAG_formal_parameter {
                    let name = inherited_type(debug, unit_index, child.entry())
                        .map_or_else(|| "void".to_string(), |t| type_name(debug, t, 0))
                        .replace(" *", "*");
                    types.push(name);
                }
            }
        }
    }
    format!("({})", types.join(", "))
}

/// The C spelling of a type, as gdb prints it in `(int *) 0x...`.
fn type_name(debug: &DebugInfo, at: DieAt, depth: u32) -> String {
    const MAX_DEPTH: u32 = 16;
    let (Some(unit), Some(entry)) = (at.unit(debug), at.entry(debug)) else { return "?".to_string() };
    let name = attr_string(&debug.dwarf, unit, &entry, gimli::DW_AT_name);
    let inner = |depth: u32| match type_ref(&entry).and_then(|r| r.resolve(debug, at.unit)) {
        Some(next) if depth < MAX_DEPTH => type_name(debug, next, depth + 1),
        _ => "void".to_string(),
    };
    match entry.tag() {
        gimli::DW_TAG_pointer_type => {
            let target = inner(depth);
            if target.ends_with('*') {
                format!("{target}*")
            } else {
                format!("{target} *")
            }
        }
        gimli::DW_TAG_const_type => format!("const {}", inner(depth)),
        gimli::DW_TAG_volatile_type => format!("volatile {}", inner(depth)),
        gimli::DW_TAG_structure_type => format!("struct {}", name.unwrap_or_else(|| "{...}".to_string())),
        gimli::DW_TAG_union_type => format!("union {}", name.unwrap_or_else(|| "{...}".to_string())),
        gimli::DW_TAG_enumeration_type => format!("enum {}", name.unwrap_or_else(|| "{...}".to_string())),
        _ => name.unwrap_or_else(|| "?".to_string()),
    }
}

/// The frame base and parameters of the subprogram DIE at `offset` in unit number `unit_index`.
/// With `full_type` (a Rust unit), parameters C would print as `...` or as a number get their
/// whole type: rust-gdb shows strings, std collections' sizes, enumerators and `char`s there.
pub(crate) fn read_parameters(
    debug: &DebugInfo,
    unit_index: usize,
    offset: UnitOffset,
    full_type: Option<FullTypeOf<'_>>,
) -> (FrameBase, Vec<Parameter>) {
    let mut params = Vec::new();
    let dwarf = &*debug.dwarf;
    let Some(unit) = debug.units.get(unit_index).map(|u| &u.unit) else {
        return (FrameBase::Unknown, params);
    };
    let Ok(mut tree) = unit.entries_tree(Some(offset)) else { return (FrameBase::Unknown, params) };
    let Ok(root) = tree.root() else { return (FrameBase::Unknown, params) };
    let frame_base = match root.entry().attr_value(gimli::DW_AT_frame_base) {
        Some(AttributeValue::Exprloc(expr)) => frame_base(unit, expr),
        _ => FrameBase::Unknown,
    };
    let mut children = root.children();
    while let Ok(Some(child)) = children.next() {
        let entry = child.entry();
        if entry.tag() != gimli::DW_TAG_formal_parameter {
            continue;
        }
        // A concrete instance's parameter names its abstract one, maybe in another unit (LTO).
        let Some(name) = inherited_name(debug, unit_index, entry) else { continue };
        let type_at = inherited_type(debug, unit_index, entry);
        let (mut ty, mut size) = type_at.map_or((ParamType::Unknown, 0), |t| describe_type(debug, t, 0));
        if let (Some(full_type), Some(at)) = (full_type, type_at) {
            if needs_full_type(debug, at) {
                let full = full_type(at);
                size = full.size();
                ty = ParamType::Rust(FullType(full));
            }
        }
        let location = match entry.attr_value(gimli::DW_AT_location) {
            Some(value) => LocationAttr::from_attr(dwarf, unit_index, unit, value)
                .map_or(ParamLocation::Unknown, ParamLocation::Dwarf),
            None => match entry.attr_value(gimli::DW_AT_const_value) {
                Some(AttributeValue::Sdata(value)) => ParamLocation::Constant(value as u64),
                Some(value) => value.udata_value().map_or(ParamLocation::Unknown, ParamLocation::Constant),
                None => ParamLocation::Unknown,
            },
        };
        params.push(Parameter { name, ty, size, location });
    }
    (frame_base, params)
}

/// Whether a Rust parameter of this type prints differently from C's frame-line rules: aggregates
/// (C's `...`), enums (their paths) and `char` (its literal).
fn needs_full_type(debug: &DebugInfo, at: DieAt) -> bool {
    let Some(entry) = at.entry(debug) else { return false };
    match entry.tag() {
        gimli::DW_TAG_base_type => {
            matches!(
                entry.attr_value(gimli::DW_AT_encoding),
                Some(AttributeValue::Encoding(gimli::DW_ATE_UTF))
            )
        }
        gimli::DW_TAG_pointer_type | gimli::DW_TAG_reference_type => false,
        _ => matches!(describe_type(debug, at, 0).0, ParamType::Aggregate | ParamType::Enum { .. }),
    }
}

/// Looks through typedefs and qualifiers to what decides how the value prints; returns its size too.
/// The type DIE may be in another unit than the parameter, and point into a third.
fn describe_type(debug: &DebugInfo, at: DieAt, depth: u32) -> (ParamType, u64) {
    const MAX_DEPTH: u32 = 16;
    // Pointers follow their targets too: a damaged chain that loops must end somewhere.
    if depth > MAX_DEPTH {
        return (ParamType::Unknown, 0);
    }
    let (Some(unit), Some(entry)) = (at.unit(debug), at.entry(debug)) else { return (ParamType::Unknown, 0) };
    // What this DIE's DW_AT_type leads to, resolved from this DIE's unit.
    let next = || type_ref(&entry).and_then(|r| r.resolve(debug, at.unit));
    let size = udata(&entry, gimli::DW_AT_byte_size).unwrap_or(0);
    let size8 = u8::try_from(size).unwrap_or(0);
    let ty = match entry.tag() {
        gimli::DW_TAG_typedef
        | gimli::DW_TAG_const_type
        | gimli::DW_TAG_volatile_type
        | gimli::DW_TAG_restrict_type
            if depth < MAX_DEPTH =>
        {
            return match next() {
                Some(next) => describe_type(debug, next, depth + 1),
                None => (ParamType::Unknown, 0),
            };
        }
        gimli::DW_TAG_base_type => {
            let encoding = match entry.attr_value(gimli::DW_AT_encoding) {
                Some(AttributeValue::Encoding(e)) => e,
                _ => gimli::DW_ATE_signed,
            };
            match encoding {
                gimli::DW_ATE_boolean => ParamType::Bool { size: size8 },
                gimli::DW_ATE_float => ParamType::Float { size: size8 },
                gimli::DW_ATE_signed_char => ParamType::Char { signed: true },
                gimli::DW_ATE_unsigned_char => ParamType::Char { signed: false },
                gimli::DW_ATE_unsigned => ParamType::Int { size: size8, signed: false },
                gimli::DW_ATE_UTF => ParamType::Int { size: size8, signed: false },
                _ => ParamType::Int { size: size8, signed: true },
            }
        }
        gimli::DW_TAG_pointer_type => {
            let target = next();
            let to_function =
                target.and_then(|t| t.entry(debug)).is_some_and(|t| t.tag() == gimli::DW_TAG_subroutine_type);
            let to_char = target
                .is_some_and(|t| matches!(describe_type(debug, t, depth + 1).0, ParamType::Char { .. }));
            return (ParamType::Pointer { to_char, to_function }, if size == 0 { 8 } else { size });
        }
        gimli::DW_TAG_reference_type | gimli::DW_TAG_rvalue_reference_type => {
            let (target, target_size) = match next() {
                Some(t) if depth < MAX_DEPTH => describe_type(debug, t, depth + 1),
                _ => (ParamType::Unknown, 0),
            };
            return (ParamType::Reference { target: Box::new(target), target_size }, 8);
        }
        gimli::DW_TAG_enumeration_type => {
            let signed = next().is_some_and(|t| {
                matches!(describe_type(debug, t, depth + 1).0, ParamType::Int { signed: true, .. })
            });
            ParamType::Enum { size: size8, signed, enumerators: enumerators(&debug.dwarf, unit, at.offset) }
        }
        gimli::DW_TAG_structure_type
        | gimli::DW_TAG_union_type
        | gimli::DW_TAG_class_type
        | gimli::DW_TAG_array_type => ParamType::Aggregate,
        _ => ParamType::Unknown,
    };
    (ty, size)
}

fn enumerators(dwarf: &gimli::Dwarf<Reader>, unit: &Unit<Reader>, offset: UnitOffset) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    let Ok(mut tree) = unit.entries_tree(Some(offset)) else { return out };
    let Ok(root) = tree.root() else { return out };
    let mut children = root.children();
    while let Ok(Some(child)) = children.next() {
        let entry = child.entry();
        if entry.tag() != gimli::DW_TAG_enumerator {
            continue;
        }
        let value = match entry.attr_value(gimli::DW_AT_const_value) {
            Some(AttributeValue::Sdata(v)) => v,
            Some(other) => other.udata_value().map_or(0, |v| v as i64),
            None => continue,
        };
        if let Some(name) = attr_string(dwarf, unit, entry, gimli::DW_AT_name) {
            out.push((value, name));
        }
    }
    out
}

fn frame_base(unit: &Unit<Reader>, expr: gimli::Expression<Reader>) -> FrameBase {
    let mut ops = expr.operations(unit.encoding());
    match (ops.next(), ops.next()) {
        (Ok(Some(Operation::CallFrameCFA)), Ok(None)) => FrameBase::Cfa,
        (Ok(Some(Operation::Register { register })), Ok(None)) => FrameBase::Register(register.0),
        _ => FrameBase::Unknown,
    }
}

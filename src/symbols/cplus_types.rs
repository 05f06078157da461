//! What C++ adds to the type model: the qualified name gdb prints (`geo::Square`, found from the
//! enclosing namespaces and classes, since a DIE does not know its parent), base classes
//! (DW_TAG_inheritance; a virtual one is located through the vtable, see virtual_bases.rs),
//! static members (DW_TAG_variable children in DWARF 5, external members in DWARF 4), member
//! access, artificial members (`_vptr.Shape`, which values show and `ptype`
//! hides), methods for `ptype`, template arguments, and `enum class`.

use std::sync::Arc;

use gimli::{AttributeValue, DebuggingInformationEntry, UnitOffset};

use super::die_ref::DieRef;
use super::location::LocationError;
use super::reader::Reader;
use super::types::{attr_string, type_ref, Builder, Type, TypeRef};
use super::virtual_bases::{ReadMemory, VirtualBaseExpr};

/// C++ access, from DW_AT_accessibility or the kind's default (private for `class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Public,
    Protected,
    Private,
}

impl Access {
    pub fn label(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }
    }
}

#[derive(Debug)]
pub struct BaseClass {
    pub ty: TypeRef,
    pub location: BaseLocation,
    pub access: Access,
    pub is_virtual: bool,
}

/// Where a base class's subobject starts inside the derived object.
#[derive(Debug)]
pub enum BaseLocation {
    /// A fixed byte offset (an ordinary base, or a virtual one described by a constant).
    Offset(u64),
    /// A virtual base, found through the object's vtable.
    Virtual(VirtualBaseExpr),
}

impl BaseClass {
    /// The base's offset when the class alone decides it (None for a virtual base).
    pub fn fixed_offset(&self) -> Option<u64> {
        match &self.location {
            BaseLocation::Offset(offset) => Some(*offset),
            BaseLocation::Virtual(_) => None,
        }
    }

    /// The address of the base's subobject in the object at `object` (`read` gives memory, or
    /// the address it could not read).
    pub fn locate(&self, object: u64, read: &mut ReadMemory) -> Result<u64, LocationError> {
        match &self.location {
            BaseLocation::Offset(offset) => Ok(object.wrapping_add(*offset)),
            BaseLocation::Virtual(expr) => expr.locate(object, read),
        }
    }
}

/// One field in declaration order: a data member (an index into the composite's `members()`) or
/// a static member, which lives elsewhere and is found by its linkage name.
#[derive(Debug)]
pub enum FieldKind {
    Data(usize),
    Static { name: String, ty: TypeRef, linkage: Option<String> },
}

#[derive(Debug)]
pub struct Field {
    pub kind: FieldKind,
    pub access: Access,
    pub artificial: bool,
}

#[derive(Debug)]
pub struct Method {
    pub name: String,
    /// None for constructors and destructors, which gdb writes without a return type.
    pub ret: Option<TypeRef>,
    /// Parameters as written: `this` and the artificial in-charge parameters left out.
    pub params: Vec<TypeRef>,
    pub access: Access,
    pub is_virtual: bool,
    pub is_const: bool,
    pub artificial: bool,
}

/// The C++ facts of a struct, class or union from a C++ unit.
#[derive(Debug, Default)]
pub struct CplusComposite {
    pub bases: Vec<BaseClass>,
    pub fields: Vec<Field>,
    pub methods: Vec<Method>,
    /// DW_TAG_template_type_parameter: (name, type), for `[with T = int]`.
    pub template_args: Vec<(String, TypeRef)>,
}

/// The C++ facts of an enum.
#[derive(Debug, Default)]
pub struct CplusEnum {
    pub is_enum_class: bool,
    /// The underlying type's name (`int`), which `ptype` writes after the name.
    pub underlying: Option<String>,
}

fn access_of(entry: &DebuggingInformationEntry<Reader>, default: Access) -> Access {
    match entry.attr_value(gimli::DW_AT_accessibility) {
        Some(AttributeValue::Accessibility(gimli::DW_ACCESS_public)) => Access::Public,
        Some(AttributeValue::Accessibility(gimli::DW_ACCESS_protected)) => Access::Protected,
        Some(AttributeValue::Accessibility(gimli::DW_ACCESS_private)) => Access::Private,
        _ => default,
    }
}

/// N when `expr` is just `DW_OP_plus_uconst N`.
fn constant_offset(unit: &gimli::Unit<Reader>, expr: &gimli::Expression<Reader>) -> Option<u64> {
    let mut ops = expr.clone().operations(unit.encoding());
    match (ops.next(), ops.next()) {
        (Ok(Some(gimli::Operation::PlusConstant { value })), Ok(None)) => Some(value),
        _ => None,
    }
}

fn flag(entry: &DebuggingInformationEntry<Reader>, attr: gimli::DwAt) -> bool {
    matches!(entry.attr_value(attr), Some(AttributeValue::Flag(true)))
}

/// What a method DIE says before its parameters are built.
struct RawMethod {
    name: String,
    ret: Option<DieRef>,
    offset: UnitOffset,
    access: Access,
    is_virtual: bool,
    artificial: bool,
}

impl Builder<'_> {
    /// The qualified name of the type or scope at `offset`, in a C++ unit.
    pub(super) fn cplus_path(&self, offset: UnitOffset) -> Option<String> {
        self.cplus.as_ref()?.get(&offset).cloned()
    }

    /// The C++ facts of the struct/class/union DIE at `offset`.
    pub(super) fn cplus_composite(
        &mut self,
        offset: UnitOffset,
        short_name: Option<&str>,
        is_class: bool,
        depth: u32,
    ) -> CplusComposite {
        let default = if is_class { Access::Private } else { Access::Public };
        let mut bases = Vec::new();
        let mut fields = Vec::new();
        let mut methods = Vec::new();
        let mut templates = Vec::new();
        let mut data_index = 0usize;
        let dwarf = self.dwarf;
        let unit = self.unit;
        self.children(offset, |child| {
            let name = attr_string(dwarf, unit, child, gimli::DW_AT_name);
            match child.tag() {
                gimli::DW_TAG_inheritance => {
                    let at = match child.attr_value(gimli::DW_AT_data_member_location) {
                        // Old DWARF writes a fixed offset as `DW_OP_plus_uconst N` too.
                        Some(AttributeValue::Exprloc(expr)) => match constant_offset(unit, &expr) {
                            Some(offset) => BaseLocation::Offset(offset),
                            None => BaseLocation::Virtual(VirtualBaseExpr::new(expr, unit.encoding())),
                        },
                        Some(v) => BaseLocation::Offset(v.udata_value().unwrap_or(0)),
                        None => BaseLocation::Offset(0),
                    };
                    let is_virtual = child.attr_value(gimli::DW_AT_virtuality).is_some();
                    // A base's default access follows the derived kind, as members do.
                    bases.push((type_ref(child), at, access_of(child, default), is_virtual));
                }
                gimli::DW_TAG_member | gimli::DW_TAG_variable => {
                    let is_static = child.tag() == gimli::DW_TAG_variable
                        || (flag(child, gimli::DW_AT_external) && flag(child, gimli::DW_AT_declaration));
                    let artificial = flag(child, gimli::DW_AT_artificial);
                    // gdb's reader makes artificial members (`_vptr.Left`) private, which is
                    // why `ptype` of a struct with a vtable labels its fields `public:`.
                    let access = if artificial { Access::Private } else { access_of(child, default) };
                    if is_static {
                        let linkage = attr_string(dwarf, unit, child, gimli::DW_AT_linkage_name)
                            .or_else(|| attr_string(dwarf, unit, child, gimli::DW_AT_MIPS_linkage_name));
                        fields.push((
                            Some((name.unwrap_or_default(), type_ref(child), linkage)),
                            0,
                            access,
                            artificial,
                        ));
                    } else {
                        fields.push((None, data_index, access, artificial));
                        data_index += 1;
                    }
                }
                gimli::DW_TAG_subprogram => {
                    let Some(name) = name else { return };
                    methods.push(RawMethod {
                        name,
                        ret: type_ref(child),
                        offset: child.offset(),
                        access: access_of(child, default),
                        // gdb calls a method virtual when it has a vtable slot, so a virtual
                        // destructor (which gcc gives none) prints without `virtual`.
                        is_virtual: child.attr_value(gimli::DW_AT_vtable_elem_location).is_some(),
                        artificial: flag(child, gimli::DW_AT_artificial),
                    });
                }
                gimli::DW_TAG_template_type_parameter => {
                    templates.push((name.unwrap_or_default(), type_ref(child)));
                }
                _ => {}
            }
        });
        let bases = bases
            .into_iter()
            .map(|(ty, location, access, is_virtual)| BaseClass {
                ty: self.type_of(ty, depth),
                location,
                access,
                is_virtual,
            })
            .collect();
        let fields = fields
            .into_iter()
            .map(|(stat, index, access, artificial)| {
                let kind = match stat {
                    Some((name, ty, linkage)) => {
                        FieldKind::Static { name, ty: self.type_of(ty, depth), linkage }
                    }
                    None => FieldKind::Data(index),
                };
                Field { kind, access, artificial }
            })
            .collect();
        let methods = methods.into_iter().map(|m| self.method(m, short_name, depth)).collect();
        let template_args = templates.into_iter().map(|(name, ty)| (name, self.type_of(ty, depth))).collect();
        CplusComposite { bases, fields, methods, template_args }
    }

    fn method(&mut self, raw: RawMethod, class_name: Option<&str>, depth: u32) -> Method {
        let mut params = Vec::new();
        let mut this_const = false;
        let mut first = true;
        self.children(raw.offset, |child| {
            if child.tag() != gimli::DW_TAG_formal_parameter {
                return;
            }
            let artificial = flag(child, gimli::DW_AT_artificial);
            if artificial {
                if first {
                    this_const = type_ref(child).is_some_and(|t| self.points_to_const(t));
                }
            } else {
                params.push(type_ref(child));
            }
            first = false;
        });
        let params = params.into_iter().map(|t| self.type_of(t, depth)).collect();
        // A method without a return type is a constructor or destructor only when named after
        // its class (templates' names carry their arguments: `Pair<int>` makes `Pair`); others
        // return void.
        let class = class_name.map(|n| n.split('<').next().unwrap_or(n));
        let structor = raw.name.starts_with('~') || Some(raw.name.as_str()) == class;
        let ret = match (raw.ret, structor) {
            (Some(t), _) => Some(self.build_ref(t, depth + 1)),
            (None, true) => None,
            (None, false) => Some(Arc::new(Type::Void)),
        };
        Method {
            name: raw.name,
            ret,
            params,
            access: raw.access,
            is_virtual: raw.is_virtual,
            is_const: this_const,
            artificial: raw.artificial,
        }
    }

    /// Whether the pointer type `pointer` (a method's `this`) points at a const type.
    fn points_to_const(&self, pointer: DieRef) -> bool {
        let Some((at, _, ptr)) = self.referenced(pointer) else { return false };
        let target = type_ref(&ptr).and_then(|t| t.resolve(self.debug, at.unit));
        target.and_then(|t| t.entry(self.debug)).is_some_and(|t| t.tag() == gimli::DW_TAG_const_type)
    }

    /// The C++ facts of an enum DIE, and the prefix its enumerators are named with: the enum's
    /// own path for an `enum class`, the enclosing scope's for a plain enum (gdb qualifies both).
    pub(super) fn cplus_enum(
        &self,
        offset: UnitOffset,
        entry: &DebuggingInformationEntry<Reader>,
    ) -> (CplusEnum, Option<String>) {
        let is_enum_class = flag(entry, gimli::DW_AT_enum_class);
        let underlying = type_ref(entry)
            .and_then(|t| self.referenced(t))
            .and_then(|(_, unit, e)| attr_string(self.dwarf, unit, &e, gimli::DW_AT_name))
            .map(|n| super::types::canonical_c_name(&n));
        let path = self.cplus_path(offset);
        let prefix = if is_enum_class {
            path
        } else {
            path.and_then(|p| p.rsplit_once("::").map(|(scope, _)| scope.to_string()))
        };
        (CplusEnum { is_enum_class, underlying }, prefix)
    }
}

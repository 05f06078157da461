//! A C type model read from DWARF: base types, pointers, references, arrays with bounds, structs,
//! unions and classes with their members (bit fields too), enums, typedefs, const/volatile and
//! function types. Types are built on first need, one DIE at a time, and cached per module by
//! (unit, DIE offset), so a struct that points at itself (`struct node *next`) is built once: the
//! struct's `Arc` is cached before its members are read, and the member's pointer finds it there.
//! A reference may lead into another unit (DW_FORM_ref_addr: rustc -O2, LTO): the type is built
//! in that unit, with its own scope paths, under that unit's key (`Builder::build_ref`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use gimli::{AttributeValue, DebuggingInformationEntry, Unit, UnitOffset};

use super::cplus_types::{CplusComposite, CplusEnum};
use super::die_ref::{DieAt, DieRef};
use super::dwarf::DebugInfo;
use super::params::{unit_is_cplus, unit_is_rust};
use super::reader::Reader;
use super::rust_types::RustComposite;
use super::scope_paths::{scope_paths, ScopePaths};

pub type TypeRef = Arc<Type>;

/// How a base type's bytes are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Signed,
    Unsigned,
    SignedChar,
    UnsignedChar,
    Bool,
    Float,
    /// DW_ATE_UTF: Rust's `char` (a C `char32_t` prints as a number).
    Utf,
    /// Complex, decimal float, ...: shown as raw integers for now.
    Other,
}

#[derive(Debug)]
pub struct BaseType {
    pub name: String,
    pub size: u64,
    pub encoding: Encoding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompositeKind {
    Struct,
    Union,
    Class,
}

impl CompositeKind {
    pub fn keyword(self) -> &'static str {
        match self {
            CompositeKind::Struct => "struct",
            CompositeKind::Union => "union",
            CompositeKind::Class => "class",
        }
    }
}

#[derive(Debug)]
pub struct Member {
    pub name: Option<String>,
    pub ty: TypeRef,
    /// Byte offset of the member (of the storage unit holding it, for a bit field).
    pub offset: u64,
    /// For a bit field: (offset in bits from the start of the struct, width in bits).
    pub bits: Option<(u64, u64)>,
}

#[derive(Debug)]
pub struct Composite {
    pub kind: CompositeKind,
    pub name: Option<String>,
    pub size: u64,
    /// Filled right after the composite is cached, so members can refer back to it.
    members: OnceLock<Vec<Member>>,
    /// Set for types of Rust units (their path, type arguments, enum variants).
    rust: OnceLock<RustComposite>,
    /// Set for types of C++ units (bases, static members, methods); `name` is then qualified.
    cplus: OnceLock<CplusComposite>,
}

impl Composite {
    pub fn members(&self) -> &[Member] {
        self.members.get().map_or(&[], Vec::as_slice)
    }

    /// The Rust facts, for a type from a Rust unit.
    pub fn rust(&self) -> Option<&RustComposite> {
        self.rust.get()
    }

    /// The C++ facts, for a type from a C++ unit.
    pub fn cplus(&self) -> Option<&CplusComposite> {
        self.cplus.get()
    }
}

#[derive(Debug)]
pub struct EnumType {
    pub name: Option<String>,
    pub size: u64,
    pub signed: bool,
    pub enumerators: Vec<(i64, String)>,
    /// For a Rust enum: its path (`rsvalues::Color`), which gdb puts before the variant's name.
    pub rust_path: Option<String>,
    /// gdb's flag enum: every value non-negative and no two sharing a bit, so a value prints as
    /// `(A | B)`.
    pub is_flag: bool,
    /// For a C++ enum (its name and enumerators are then qualified, as gdb prints them).
    pub cplus: Option<CplusEnum>,
}

#[derive(Debug)]
pub struct FunctionType {
    /// `Type::Void` for a function returning nothing.
    pub ret: TypeRef,
    pub params: Vec<TypeRef>,
    pub prototyped: bool,
    pub varargs: bool,
}

#[derive(Debug)]
pub enum Type {
    Void,
    Base(BaseType),
    Pointer(TypeRef),
    Reference {
        target: TypeRef,
        rvalue: bool,
    },
    /// `count` is None for an array without bounds (`int []`).
    Array {
        element: TypeRef,
        count: Option<u64>,
    },
    Composite(Arc<Composite>),
    Enum(EnumType),
    Typedef {
        name: String,
        target: TypeRef,
    },
    Qualified {
        is_const: bool,
        is_volatile: bool,
        target: TypeRef,
    },
    Function(FunctionType),
}

impl Type {
    /// A base type of gdb's own (`int`, `long`, `char`, `double` ...), for literals and casts that no
    /// DWARF type answers.
    pub fn base(name: &str, size: u64, encoding: Encoding) -> TypeRef {
        Arc::new(Type::Base(BaseType { name: name.to_string(), size, encoding }))
    }

    /// The C base types by name, as gdb's builtins know them.
    pub fn builtin(name: &str) -> Option<TypeRef> {
        use Encoding::*;
        let (size, encoding) = match name {
            "char" => (1, SignedChar),
            "signed char" => (1, SignedChar),
            "unsigned char" => (1, UnsignedChar),
            "short" => (2, Signed),
            "unsigned short" => (2, Unsigned),
            "int" => (4, Signed),
            "unsigned int" => (4, Unsigned),
            "long" | "long long" => (8, Signed),
            "unsigned long" | "unsigned long long" => (8, Unsigned),
            "_Bool" => (1, Bool),
            "float" => (4, Float),
            "double" => (8, Float),
            "long double" => (16, Float),
            "void" => return Some(Arc::new(Type::Void)),
            _ => return None,
        };
        Some(Type::base(name, size, encoding))
    }

    pub fn pointer_to(target: TypeRef) -> TypeRef {
        Arc::new(Type::Pointer(target))
    }

    /// The type with typedefs and const/volatile looked through: what decides how a value behaves.
    // The lifetimes cannot be elided: the receiver is an `Arc`, not `&Self` (clippy thinks otherwise).
    #[allow(clippy::needless_lifetimes)]
    pub fn strip<'a>(self: &'a TypeRef) -> &'a TypeRef {
        let mut ty = self;
        for _ in 0..64 {
            match &**ty {
                Type::Typedef { target, .. } | Type::Qualified { target, .. } => ty = target,
                _ => break,
            }
        }
        ty
    }

    /// Size in bytes (gdb's TYPE_LENGTH).
    pub fn size(self: &TypeRef) -> u64 {
        match &**self.strip() {
            Type::Void => 1,
            Type::Base(b) => b.size,
            Type::Pointer(_) | Type::Reference { .. } => 8,
            Type::Array { element, count } => element.size().saturating_mul(count.unwrap_or(0)),
            Type::Composite(c) => c.size,
            Type::Enum(e) => e.size,
            Type::Function(_) => 1,
            Type::Typedef { .. } | Type::Qualified { .. } => 0,
        }
    }

    /// For integers, chars, bools and enums: whether they are signed.
    pub fn is_signed(self: &TypeRef) -> bool {
        match &**self.strip() {
            Type::Base(b) => matches!(b.encoding, Encoding::Signed | Encoding::SignedChar),
            Type::Enum(e) => e.signed,
            _ => false,
        }
    }

    /// Whether values of the type are integers in C's sense (enums, chars and bool included).
    pub fn is_integral(self: &TypeRef) -> bool {
        match &**self.strip() {
            Type::Base(b) => b.encoding != Encoding::Float,
            Type::Enum(_) => true,
            _ => false,
        }
    }

    pub fn is_float(self: &TypeRef) -> bool {
        matches!(&**self.strip(), Type::Base(b) if b.encoding == Encoding::Float)
    }

    /// Whether the type is a one-byte character type (`char`, `signed char`, `unsigned char`).
    pub fn is_char(self: &TypeRef) -> bool {
        matches!(&**self.strip(), Type::Base(b)
            if b.size == 1 && matches!(b.encoding, Encoding::SignedChar | Encoding::UnsignedChar))
    }

    /// The target of a pointer or reference, or the element of an array.
    #[allow(clippy::needless_lifetimes)]
    pub fn target<'a>(self: &'a TypeRef) -> Option<&'a TypeRef> {
        match &**self.strip() {
            Type::Pointer(t) | Type::Reference { target: t, .. } => Some(t),
            Type::Array { element, .. } => Some(element),
            _ => None,
        }
    }
}

/// The types of one module, built on demand and kept for its lifetime.
#[derive(Default)]
pub(crate) struct TypeCache {
    built: Mutex<HashMap<(usize, UnitOffset), TypeRef>>,
    /// Per unit: the type paths of a Rust unit, None for other languages.
    scopes: Mutex<HashMap<usize, Option<Arc<ScopePaths>>>>,
    /// Per unit: the qualified names of a C++ unit, None for other languages.
    cplus: Mutex<HashMap<usize, Option<Arc<ScopePaths>>>>,
}

impl TypeCache {
    /// The type of the DIE at `offset` in unit `unit_index`.
    pub fn get(&self, debug: &DebugInfo, unit_index: usize, offset: UnitOffset) -> TypeRef {
        let mut built = match self.built.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        // The lock on `built` is held for the whole build, types of other units included; the
        // scope-path locks are only ever taken inside it, so the order is always the same.
        match Builder::new(self, debug, unit_index, &mut built) {
            Some(mut builder) => builder.build(offset, 0),
            None => Arc::new(Type::Void),
        }
    }
}

/// A unit's scope paths from `cache`, walked on first use when the unit is of the language asked
/// (`of_language`), None otherwise.
fn unit_scope_paths(
    cache: &Mutex<HashMap<usize, Option<Arc<ScopePaths>>>>,
    unit_index: usize,
    of_language: impl FnOnce() -> bool,
    dwarf: &gimli::Dwarf<Reader>,
    unit: &Unit<Reader>,
) -> Option<Arc<ScopePaths>> {
    let mut cache = match cache.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache
        .entry(unit_index)
        .or_insert_with(|| of_language().then(|| Arc::new(scope_paths(dwarf, unit))))
        .clone()
}

pub(super) struct Builder<'a> {
    cache: &'a TypeCache,
    pub(super) debug: &'a DebugInfo,
    pub(super) dwarf: &'a gimli::Dwarf<Reader>,
    /// The unit whose DIEs this builder reads; a reference into another unit gets a builder of
    /// its own (`build_ref`), sharing `built`.
    pub(super) unit: &'a Unit<Reader>,
    pub(super) unit_index: usize,
    built: &'a mut HashMap<(usize, UnitOffset), TypeRef>,
    /// The unit's type paths when it is a Rust unit.
    pub(super) scopes: Option<Arc<ScopePaths>>,
    /// The unit's qualified names when it is a C++ unit.
    pub(super) cplus: Option<Arc<ScopePaths>>,
}

/// Deeper than this, a chain of types is taken to be damaged and stops as `void`.
const MAX_DEPTH: u32 = 64;

impl<'a> Builder<'a> {
    /// A builder for unit `unit_index`, with that unit's own scope paths (a type's path is read in
    /// the unit that defines it). None for a unit that does not exist.
    fn new(
        cache: &'a TypeCache,
        debug: &'a DebugInfo,
        unit_index: usize,
        built: &'a mut HashMap<(usize, UnitOffset), TypeRef>,
    ) -> Option<Builder<'a>> {
        let unit = &debug.units.get(unit_index)?.unit;
        let dwarf = &*debug.dwarf;
        let scopes = unit_scope_paths(&cache.scopes, unit_index, || unit_is_rust(unit), dwarf, unit);
        let cplus = unit_scope_paths(&cache.cplus, unit_index, || unit_is_cplus(unit), dwarf, unit);
        Some(Builder { cache, debug, dwarf, unit, unit_index, built, scopes, cplus })
    }

    /// The type a reference leads to, in whichever unit holds it: the cache key is the resolved
    /// (unit, offset), so a type many units point at is built once, and a struct reached again
    /// through another unit finds itself cached before its members are read.
    pub(super) fn build_ref(&mut self, reference: DieRef, depth: u32) -> TypeRef {
        let Some(at) = reference.resolve(self.debug, self.unit_index) else { return Arc::new(Type::Void) };
        if at.unit == self.unit_index {
            return self.build(at.offset, depth);
        }
        if let Some(ty) = self.built.get(&(at.unit, at.offset)) {
            return ty.clone();
        }
        match Builder::new(self.cache, self.debug, at.unit, self.built) {
            Some(mut other) => other.build(at.offset, depth),
            None => Arc::new(Type::Void),
        }
    }

    /// The type a DW_AT_type reference leads to, `void` when there is none.
    pub(super) fn type_of(&mut self, reference: Option<DieRef>, depth: u32) -> TypeRef {
        match reference {
            Some(r) => self.build_ref(r, depth + 1),
            None => Arc::new(Type::Void),
        }
    }

    /// The DIE a reference leads to, with the unit it is in (for its attributes and strings).
    pub(super) fn referenced(
        &self,
        reference: DieRef,
    ) -> Option<(DieAt, &'a Unit<Reader>, DebuggingInformationEntry<Reader>)> {
        let at = reference.resolve(self.debug, self.unit_index)?;
        let unit = at.unit(self.debug)?;
        let entry = unit.entry(at.offset).ok()?;
        Some((at, unit, entry))
    }

    pub(super) fn build(&mut self, offset: UnitOffset, depth: u32) -> TypeRef {
        if let Some(ty) = self.built.get(&(self.unit_index, offset)) {
            return ty.clone();
        }
        if depth > MAX_DEPTH {
            return Arc::new(Type::Void);
        }
        let Ok(entry) = self.unit.entry(offset) else { return Arc::new(Type::Void) };
        // A concrete instance (or out-of-line definition) of a function has its types on the
        // abstract instance (declaration) it points at, maybe in another unit (LTO).
        if entry.tag() == gimli::DW_TAG_subprogram {
            if let Some(origin) = function_origin(&entry) {
                return self.build_ref(origin, depth + 1);
            }
        }
        let target = |this: &mut Self| this.type_of(type_ref(&entry), depth);
        let name = attr_string(self.dwarf, self.unit, &entry, gimli::DW_AT_name);
        let size = udata(&entry, gimli::DW_AT_byte_size);
        let ty = match entry.tag() {
            gimli::DW_TAG_base_type => Type::Base(BaseType {
                name: name.map_or_else(|| "?".to_string(), |n| canonical_c_name(&n)),
                size: size.unwrap_or(0),
                encoding: encoding(&entry),
            }),
            gimli::DW_TAG_unspecified_type => Type::Void,
            gimli::DW_TAG_pointer_type => Type::Pointer(target(self)),
            gimli::DW_TAG_reference_type => Type::Reference { target: target(self), rvalue: false },
            gimli::DW_TAG_rvalue_reference_type => Type::Reference { target: target(self), rvalue: true },
            gimli::DW_TAG_typedef => Type::Typedef { name: name.unwrap_or_default(), target: target(self) },
            gimli::DW_TAG_const_type => {
                Type::Qualified { is_const: true, is_volatile: false, target: target(self) }
            }
            gimli::DW_TAG_volatile_type => {
                Type::Qualified { is_const: false, is_volatile: true, target: target(self) }
            }
            // `restrict` changes nothing gdb shows in C values; look through it.
            gimli::DW_TAG_restrict_type | gimli::DW_TAG_atomic_type => return target(self),
            gimli::DW_TAG_array_type => {
                let element = target(self);
                self.array(offset, element)
            }
            gimli::DW_TAG_enumeration_type => Type::Enum(self.enumeration(offset, &entry, name, size)),
            // A function's own DIE describes its type the way a subroutine type does.
            gimli::DW_TAG_subroutine_type | gimli::DW_TAG_subprogram => {
                Type::Function(self.function(offset, &entry, depth))
            }
            gimli::DW_TAG_structure_type | gimli::DW_TAG_union_type | gimli::DW_TAG_class_type => {
                let kind = match entry.tag() {
                    gimli::DW_TAG_union_type => CompositeKind::Union,
                    gimli::DW_TAG_class_type => CompositeKind::Class,
                    _ => CompositeKind::Struct,
                };
                let short_name = name.clone();
                let name = self.cplus_path(offset).or(name);
                let composite = Arc::new(Composite {
                    kind,
                    name,
                    size: size.unwrap_or(0),
                    members: OnceLock::new(),
                    rust: OnceLock::new(),
                    cplus: OnceLock::new(),
                });
                let ty = Arc::new(Type::Composite(composite.clone()));
                // Cached before the members, which may point back at it.
                self.built.insert((self.unit_index, offset), ty.clone());
                let members = self.members(offset, depth);
                let _ = composite.members.set(members);
                if self.scopes.is_some() {
                    let _ = composite.rust.set(self.rust_composite(offset, depth));
                }
                if self.cplus.is_some() {
                    let is_class = kind == CompositeKind::Class;
                    let facts = self.cplus_composite(offset, short_name.as_deref(), is_class, depth);
                    let _ = composite.cplus.set(facts);
                }
                return ty;
            }
            _ => Type::Void,
        };
        let ty = Arc::new(ty);
        self.built.insert((self.unit_index, offset), ty.clone());
        ty
    }

    /// An array DIE: one subrange child per dimension, outermost first; `int [2][3]` becomes an
    /// array of 2 arrays of 3.
    fn array(&mut self, offset: UnitOffset, element: TypeRef) -> Type {
        let mut counts = Vec::new();
        self.children(offset, |entry| {
            if entry.tag() == gimli::DW_TAG_subrange_type {
                let count = udata(entry, gimli::DW_AT_count).or_else(|| {
                    let lower = udata(entry, gimli::DW_AT_lower_bound).unwrap_or(0);
                    match entry.attr_value(gimli::DW_AT_upper_bound) {
                        Some(AttributeValue::Sdata(-1)) => Some(0),
                        Some(v) => v.udata_value().map(|upper| (upper + 1).saturating_sub(lower)),
                        None => None,
                    }
                });
                counts.push(count);
            }
        });
        if counts.is_empty() {
            counts.push(None);
        }
        let mut ty = element;
        for count in counts.iter().skip(1).rev() {
            ty = Arc::new(Type::Array { element: ty, count: *count });
        }
        Type::Array { element: ty, count: counts[0] }
    }

    fn enumeration(
        &mut self,
        offset: UnitOffset,
        entry: &DebuggingInformationEntry<Reader>,
        name: Option<String>,
        size: Option<u64>,
    ) -> EnumType {
        let signed = match type_ref(entry).and_then(|t| self.referenced(t)) {
            Some((_, _, base)) => matches!(encoding(&base), Encoding::Signed | Encoding::SignedChar),
            None => false,
        };
        let mut enumerators = Vec::new();
        let mut any_negative = false;
        self.children(offset, |child| {
            if child.tag() != gimli::DW_TAG_enumerator {
                return;
            }
            let value = match child.attr_value(gimli::DW_AT_const_value) {
                Some(AttributeValue::Sdata(v)) => v,
                Some(other) => other.udata_value().map_or(0, |v| v as i64),
                None => return,
            };
            any_negative |= value < 0;
            if let Some(name) = attr_string(self.dwarf, self.unit, child, gimli::DW_AT_name) {
                enumerators.push((value, name));
            }
        });
        // gdb's rule (dwarf2/read.c): values must not share bits with one another.
        let mut mask = 0i64;
        let mut is_flag = !any_negative;
        for (value, _) in &enumerators {
            if mask & value != 0 {
                is_flag = false;
            }
            mask |= value;
        }
        let rust_path = self.scope_path(offset);
        let (cplus, name) = match self.cplus.is_some() {
            true => {
                let (facts, prefix) = self.cplus_enum(offset, entry);
                if let Some(prefix) = prefix {
                    for (_, enumerator) in &mut enumerators {
                        *enumerator = format!("{prefix}::{enumerator}");
                    }
                }
                (Some(facts), self.cplus_path(offset).or(name))
            }
            false => (None, name),
        };
        EnumType {
            name,
            cplus,
            size: size.unwrap_or(4),
            signed: signed || any_negative,
            enumerators,
            is_flag,
            rust_path,
        }
    }

    fn function(
        &mut self,
        offset: UnitOffset,
        entry: &DebuggingInformationEntry<Reader>,
        depth: u32,
    ) -> FunctionType {
        let ret = self.type_of(type_ref(entry), depth);
        let prototyped =
            matches!(entry.attr_value(gimli::DW_AT_prototyped), Some(AttributeValue::Flag(true)));
        let mut param_offsets = Vec::new();
        let mut varargs = false;
        self.children(offset, |child| match child.tag() {
            gimli::DW_TAG_formal_parameter => param_offsets.push(type_ref(child)),
            gimli::DW_TAG_unspecified_parameters => varargs = true,
            _ => {}
        });
        let params = param_offsets.into_iter().map(|t| self.type_of(t, depth)).collect();
        FunctionType { ret, params, prototyped, varargs }
    }

    fn members(&mut self, offset: UnitOffset, depth: u32) -> Vec<Member> {
        let mut raw = Vec::new();
        self.children(offset, |child| {
            if child.tag() != gimli::DW_TAG_member {
                return;
            }
            let name = attr_string(self.dwarf, self.unit, child, gimli::DW_AT_name);
            let byte_offset = match child.attr_value(gimli::DW_AT_data_member_location) {
                Some(AttributeValue::Exprloc(expr)) => plus_uconst(self.unit, expr),
                Some(v) => v.udata_value().unwrap_or(0),
                None => 0,
            };
            let bit_size = udata(child, gimli::DW_AT_bit_size);
            // DWARF 4+: DW_AT_data_bit_offset from the struct's start; DWARF 2/3: DW_AT_bit_offset
            // from the storage unit's most significant bit.
            let bits = bit_size.map(|width| {
                let start = udata(child, gimli::DW_AT_data_bit_offset).unwrap_or_else(|| {
                    let unit_bytes = udata(child, gimli::DW_AT_byte_size).unwrap_or(4);
                    let from_msb = udata(child, gimli::DW_AT_bit_offset).unwrap_or(0);
                    byte_offset * 8 + (unit_bytes * 8).saturating_sub(from_msb + width)
                });
                (start, width)
            });
            raw.push((name, type_ref(child), byte_offset, bits));
        });
        raw.into_iter()
            .map(|(name, ty, byte_offset, bits)| {
                let ty = self.type_of(ty, depth);
                let offset = match bits {
                    Some((start, _)) => start / 8,
                    None => byte_offset,
                };
                Member { name, ty, offset, bits }
            })
            .collect()
    }

    /// Calls `f` on each direct child of the DIE at `offset`.
    pub(super) fn children(&self, offset: UnitOffset, mut f: impl FnMut(&DebuggingInformationEntry<Reader>)) {
        let Ok(mut tree) = self.unit.entries_tree(Some(offset)) else { return };
        let Ok(root) = tree.root() else { return };
        let mut children = root.children();
        while let Ok(Some(child)) = children.next() {
            f(child.entry());
        }
    }
}

/// gdb's spelling of a C integer type named with C's words in any order: gcc's `long unsigned
/// int` is `unsigned long`, `short int` is `short`. Other names are kept.
pub fn canonical_c_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let known = ["unsigned", "signed", "long", "short", "int", "char"];
    if words.len() < 2 || !words.iter().all(|w| known.contains(w)) {
        return name.to_string();
    }
    let has = |w: &str| words.contains(&w);
    let unsigned = if has("unsigned") { "unsigned " } else { "" };
    if has("char") {
        return if has("unsigned") {
            "unsigned char"
        } else if has("signed") {
            "signed char"
        } else {
            "char"
        }
        .to_string();
    }
    if has("short") {
        return format!("{unsigned}short");
    }
    match words.iter().filter(|w| **w == "long").count() {
        0 => format!("{unsigned}int"),
        1 => format!("{unsigned}long"),
        _ => format!("{unsigned}long long"),
    }
}

fn encoding(entry: &DebuggingInformationEntry<Reader>) -> Encoding {
    match entry.attr_value(gimli::DW_AT_encoding) {
        Some(AttributeValue::Encoding(e)) => match e {
            gimli::DW_ATE_signed => Encoding::Signed,
            gimli::DW_ATE_unsigned => Encoding::Unsigned,
            gimli::DW_ATE_UTF => Encoding::Utf,
            gimli::DW_ATE_signed_char => Encoding::SignedChar,
            gimli::DW_ATE_unsigned_char => Encoding::UnsignedChar,
            gimli::DW_ATE_boolean => Encoding::Bool,
            gimli::DW_ATE_float => Encoding::Float,
            _ => Encoding::Other,
        },
        _ => Encoding::Signed,
    }
}

/// DW_OP_plus_uconst N, the old way of writing a member's offset.
fn plus_uconst(unit: &Unit<Reader>, expr: gimli::Expression<Reader>) -> u64 {
    let mut ops = expr.operations(unit.encoding());
    match ops.next() {
        Ok(Some(gimli::Operation::PlusConstant { value })) => value,
        _ => 0,
    }
}

/// The abstract instance or declaration a function DIE points at.
fn function_origin(entry: &DebuggingInformationEntry<Reader>) -> Option<DieRef> {
    DieRef::of(entry, gimli::DW_AT_abstract_origin).or_else(|| DieRef::of(entry, gimli::DW_AT_specification))
}

/// The DIE's DW_AT_type, local or in another unit.
pub(crate) fn type_ref(entry: &DebuggingInformationEntry<Reader>) -> Option<DieRef> {
    DieRef::of(entry, gimli::DW_AT_type)
}

pub(crate) fn udata(entry: &DebuggingInformationEntry<Reader>, attr: gimli::DwAt) -> Option<u64> {
    entry.attr_value(attr).and_then(|v| v.udata_value())
}

pub(crate) fn attr_string(
    dwarf: &gimli::Dwarf<Reader>,
    unit: &Unit<Reader>,
    entry: &DebuggingInformationEntry<Reader>,
    attr: gimli::DwAt,
) -> Option<String> {
    let value = entry.attr_value(attr)?;
    let reader = dwarf.attr_string(unit, value).ok()?;
    use gimli::Reader as _;
    reader.to_string_lossy().ok().map(|s| s.into_owned())
}

//! Members reached through C++ base classes, as gdb's search_struct_field reaches them: a
//! class's own members first, then each base's in order. An ordinary base sits at a fixed
//! offset; a virtual one is wherever the complete object put it, which the object's vtable says
//! (symbols/virtual_bases.rs), so finding it needs the object's address.

use crate::symbols::cplus_types::BaseClass;
use crate::symbols::types::{Type, TypeRef};
use crate::symbols::LocationError;

use super::evaluate::EvalContext;
use super::EvalError;

/// A member found by name: its type, byte offset and bit field position (bit offset, width).
pub(super) type FoundMember = (TypeRef, u64, Option<(u64, u64)>);

/// Classes nested deeper than this are taken to be damaged debug info.
const MAX_DEPTH: u32 = 32;

/// Locates base subobjects inside one object.
pub(super) struct Bases<'a> {
    /// Where the object starts: its address, or 0 for one not in memory (where gdb, too, looks
    /// for its vptr, and fails).
    start: u64,
    /// Memory, for vtables; None when only fixed offsets may be used.
    ctx: Option<&'a mut dyn EvalContext>,
}

impl<'a> Bases<'a> {
    /// For the object at `addr` (0 for one not in memory).
    pub(super) fn new(addr: u64, ctx: &'a mut dyn EvalContext) -> Bases<'a> {
        Bases { start: addr, ctx: Some(ctx) }
    }

    /// Where no object is at hand: virtual bases cannot be entered.
    pub(super) fn fixed_only() -> Bases<'static> {
        Bases { start: 0, ctx: None }
    }

    /// The offset from the object's start of `base`, a base of the subobject at offset `at`.
    fn offset(&mut self, base: &BaseClass, at: u64) -> Result<u64, EvalError> {
        if let Some(fixed) = base.fixed_offset() {
            return Ok(at.wrapping_add(fixed));
        }
        let Some(ctx) = self.ctx.as_deref_mut() else {
            return Err(EvalError::Other("virtual base class without an object".into()));
        };
        let mut read = |addr: u64, buf: &mut [u8]| ctx.read_memory(addr, buf).map_err(|_| addr);
        match base.locate(self.start.wrapping_add(at), &mut read) {
            Ok(addr) => Ok(addr.wrapping_sub(self.start)),
            Err(LocationError::Memory(addr)) => Err(EvalError::Memory(addr)),
            Err(_) => Err(EvalError::Other("Cannot find the virtual base class.".into())),
        }
    }
}

fn bases_of(ty: &TypeRef) -> &[BaseClass] {
    match &**ty.strip() {
        Type::Composite(c) => c.cplus().map(|cp| cp.bases.as_slice()).unwrap_or_default(),
        _ => &[],
    }
}

/// The member called `name` of the struct or union `ty` at offset `at` of the object (looking
/// into anonymous members and base classes, as gdb does).
pub(super) fn find_member(
    ty: &TypeRef,
    name: &str,
    at: u64,
    bases: &mut Bases,
) -> Result<Option<FoundMember>, EvalError> {
    find_member_in(ty, name, at, bases, 0)
}

fn find_member_in(
    ty: &TypeRef,
    name: &str,
    at: u64,
    bases: &mut Bases,
    depth: u32,
) -> Result<Option<FoundMember>, EvalError> {
    let Type::Composite(c) = &**ty.strip() else { return Ok(None) };
    if depth > MAX_DEPTH {
        return Ok(None);
    }
    for m in c.members() {
        if m.name.as_deref() == Some(name) {
            let bits = m.bits.map(|(bit, width)| (bit + at * 8, width));
            return Ok(Some((m.ty.clone(), at + m.offset, bits)));
        }
    }
    for m in c.members().iter().filter(|m| m.name.is_none()) {
        if let Some(found) = find_member_in(&m.ty, name, at + m.offset, bases, depth + 1)? {
            return Ok(Some(found));
        }
    }
    for base in bases_of(ty) {
        // Only a base that has the member is located: a virtual base costs memory reads.
        if !has_member(&base.ty, name, depth + 1) {
            continue;
        }
        let offset = bases.offset(base, at)?;
        if let Some(found) = find_member_in(&base.ty, name, offset, bases, depth + 1)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Whether `ty`, its anonymous members or its bases have a member called `name`.
fn has_member(ty: &TypeRef, name: &str, depth: u32) -> bool {
    let Type::Composite(c) = &**ty.strip() else { return false };
    depth <= MAX_DEPTH
        && (c.members().iter().any(|m| match &m.name {
            Some(n) => n == name,
            None => has_member(&m.ty, name, depth + 1),
        }) || bases_of(ty).iter().any(|b| has_member(&b.ty, name, depth + 1)))
}

/// The subobject of class `class` (by name) inside `ty` at offset `at`: the class itself, or
/// the first base of that name, depth first. Gives its type and offset.
pub(super) fn find_base(
    ty: &TypeRef,
    class: &str,
    at: u64,
    bases: &mut Bases,
) -> Result<Option<(TypeRef, u64)>, EvalError> {
    find_base_in(ty, class, at, bases, 0)
}

fn find_base_in(
    ty: &TypeRef,
    class: &str,
    at: u64,
    bases: &mut Bases,
    depth: u32,
) -> Result<Option<(TypeRef, u64)>, EvalError> {
    let Type::Composite(c) = &**ty.strip() else { return Ok(None) };
    if c.name.as_deref() == Some(class) {
        return Ok(Some((ty.clone(), at)));
    }
    if depth > MAX_DEPTH {
        return Ok(None);
    }
    for base in bases_of(ty) {
        if !has_base(&base.ty, class, depth + 1) {
            continue;
        }
        let offset = bases.offset(base, at)?;
        if let Some(found) = find_base_in(&base.ty, class, offset, bases, depth + 1)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Whether `ty` is the class `class` or derives from it.
pub(super) fn has_base(ty: &TypeRef, class: &str, depth: u32) -> bool {
    let Type::Composite(c) = &**ty.strip() else { return false };
    c.name.as_deref() == Some(class)
        || (depth <= MAX_DEPTH && bases_of(ty).iter().any(|b| has_base(&b.ty, class, depth + 1)))
}

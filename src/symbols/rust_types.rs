//! What Rust adds to the type model: a type's path (`rsvalues::Point`,
//! `core::option::Option<i32>::Some`), which gdb names Rust types by; the generic arguments of a
//! type (`Vec<T>`'s `T`), which the std printers need; and enums, which rustc describes as a
//! struct holding a DW_TAG_variant_part: a discriminant member and one DW_TAG_variant per variant
//! with the discriminant value that selects it (none for the default, "dataful" variant of a
//! niche layout, where the discriminant lives in a niche of that variant's own data).

use gimli::{AttributeValue, UnitOffset};

use super::die_ref::DieRef;
use super::types::{attr_string, type_ref, Builder, Member, TypeRef};

/// The Rust facts of a struct, union or enum type read from a Rust unit.
#[derive(Debug, Default)]
pub struct RustComposite {
    /// The path gdb prints: namespaces and enclosing types joined by `::`.
    pub path: Option<String>,
    /// The type arguments (DW_TAG_template_type_parameter), in order.
    pub type_args: Vec<TypeRef>,
    pub variants: Option<VariantPart>,
}

/// A Rust enum's layout.
#[derive(Debug)]
pub struct VariantPart {
    /// The member holding the discriminant (the tag, or the niche of the dataful variant); none for
    /// an enum of one variant.
    pub discr: Option<Member>,
    pub variants: Vec<Variant>,
}

#[derive(Debug)]
pub struct Variant {
    /// The discriminant value that selects this variant; None for the default variant.
    pub discr_value: Option<u64>,
    /// The variant's data: a member (named after the variant) whose type is the variant's struct.
    pub member: Member,
}

impl VariantPart {
    /// The variant a discriminant value selects, as gdb's `rust_enum_variant` finds it.
    pub fn select(&self, discr: Option<u64>) -> Option<&Variant> {
        let Some(value) = discr else { return self.variants.first() };
        self.variants
            .iter()
            .find(|v| v.discr_value == Some(value))
            .or_else(|| self.variants.iter().find(|v| v.discr_value.is_none()))
    }
}

impl Builder<'_> {
    /// The Rust facts of the struct/union DIE at `offset`.
    pub(super) fn rust_composite(&mut self, offset: UnitOffset, depth: u32) -> RustComposite {
        let path = self.scope_path(offset);
        let mut args = Vec::new();
        let mut part = None;
        self.children(offset, |child| match child.tag() {
            gimli::DW_TAG_template_type_parameter => args.push(type_ref(child)),
            gimli::DW_TAG_variant_part => part = Some(child.offset()),
            _ => {}
        });
        let type_args = args.into_iter().map(|t| self.type_of(t, depth)).collect();
        let variants = part.map(|p| self.variant_part(p, depth));
        RustComposite { path, type_args, variants }
    }

    fn variant_part(&mut self, offset: UnitOffset, depth: u32) -> VariantPart {
        // The discriminant is a member of the variant part's own struct, so in this unit.
        let discr_at = self
            .unit
            .entry(offset)
            .ok()
            .and_then(|e| DieRef::of(&e, gimli::DW_AT_discr))
            .and_then(|r| r.resolve(self.debug, self.unit_index))
            .filter(|at| at.unit == self.unit_index)
            .map(|at| at.offset);
        let mut discr = None;
        let mut variants = Vec::new();
        let mut raw_variants = Vec::new();
        self.children(offset, |child| match child.tag() {
            gimli::DW_TAG_member if Some(child.offset()) == discr_at => discr = Some(child.offset()),
            gimli::DW_TAG_variant => {
                let value = match child.attr_value(gimli::DW_AT_discr_value) {
                    Some(AttributeValue::Sdata(v)) => Some(v as u64),
                    Some(v) => v.udata_value(),
                    None => None,
                };
                raw_variants.push((child.offset(), value));
            }
            _ => {}
        });
        let discr = discr.and_then(|o| self.raw_member(o, depth));
        for (variant, discr_value) in raw_variants {
            let mut member = None;
            self.children(variant, |child| {
                if child.tag() == gimli::DW_TAG_member && member.is_none() {
                    member = Some(child.offset());
                }
            });
            if let Some(member) = member.and_then(|o| self.raw_member(o, depth)) {
                variants.push(Variant { discr_value, member });
            }
        }
        VariantPart { discr, variants }
    }

    /// A plain (not bit-field) member DIE.
    fn raw_member(&mut self, offset: UnitOffset, depth: u32) -> Option<Member> {
        let entry = self.unit.entry(offset).ok()?;
        let name = attr_string(self.dwarf, self.unit, &entry, gimli::DW_AT_name);
        let offset =
            entry.attr_value(gimli::DW_AT_data_member_location).and_then(|v| v.udata_value()).unwrap_or(0);
        let ty = self.type_of(type_ref(&entry), depth);
        Some(Member { name, ty, offset, bits: None })
    }

    /// The path of a type DIE, when the unit is Rust's.
    pub(super) fn scope_path(&mut self, offset: UnitOffset) -> Option<String> {
        self.scopes.as_ref().and_then(|s| s.get(&offset).cloned())
    }
}

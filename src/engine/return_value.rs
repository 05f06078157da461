//! Where a function's return value is when it has just returned, by the x86-64 System V ABI, as
//! gdb reads it for `finish`: an aggregate over 16 bytes (or one that is not trivially copyable) is in
//! memory at the address the callee leaves in rax; anything else is split into eightbytes, each of
//! class SSE (only float/double in it: xmm0, then xmm1) or INTEGER (rax, then rdx); long double comes
//! back in st(0).

use crate::symbols::types::{Type, TypeRef};
use crate::target::{ExtendedRegisters, Registers};

/// The scalar pieces of a type with their offsets: (offset, size, is floating point).
fn scalar_leaves(ty: &TypeRef, base: u64, out: &mut Vec<(u64, u64, bool)>) {
    let stripped = ty.strip();
    match &**stripped {
        Type::Composite(composite) => {
            for member in composite.members() {
                scalar_leaves(&member.ty, base + member.offset, out);
            }
        }
        Type::Array { element, count: Some(count) } => {
            let size = element.size();
            for i in 0..*count {
                scalar_leaves(element, base + i * size, out);
            }
        }
        _ => out.push((base, stripped.size(), stripped.is_float())),
    }
}

/// The bytes of a value of type `ty` just returned, or None when it cannot be recovered (void, or
/// a register the ABI uses that was not read). `read_memory` reads the callee's memory for values
/// returned through it.
pub fn return_value_bytes(
    ty: &TypeRef,
    regs: &Registers,
    ext: Option<&ExtendedRegisters>,
    read_memory: &mut dyn FnMut(u64, &mut [u8]) -> bool,
) -> Option<Vec<u8>> {
    let size = usize::try_from(ty.size()).ok()?;
    let stripped = ty.strip();
    let rax = regs.get("rax")?.0;
    match &**stripped {
        Type::Void | Type::Function(_) => None,
        Type::Composite(_) | Type::Array { .. } if size > 16 => {
            let mut bytes = vec![0u8; size];
            read_memory(rax, &mut bytes).then_some(bytes)
        }
        Type::Base(_) if stripped.is_float() && size > 8 => {
            // long double: the 80-bit value in st(0), padded to its size.
            let mut bytes = ext?.st(0).to_vec();
            bytes.resize(size, 0);
            Some(bytes)
        }
        _ => {
            let mut leaves = Vec::new();
            scalar_leaves(ty, 0, &mut leaves);
            let (mut integer, mut sse) = (0usize, 0usize);
            let mut bytes = Vec::with_capacity(size.div_ceil(8) * 8);
            for eightbyte in 0..size.div_ceil(8) {
                let (low, high) = (eightbyte as u64 * 8, eightbyte as u64 * 8 + 8);
                let in_it = leaves.iter().filter(|(offset, _, _)| *offset >= low && *offset < high);
                let all_float = in_it.clone().count() > 0 && in_it.clone().all(|(_, _, float)| *float);
                let word = if all_float {
                    sse += 1;
                    let register = ext?.xmm(sse - 1);
                    u64::from_le_bytes(register[..8].try_into().ok()?)
                } else {
                    integer += 1;
                    match integer {
                        1 => rax,
                        2 => regs.get("rdx")?.0,
                        _ => return None,
                    }
                };
                bytes.extend_from_slice(&word.to_le_bytes());
            }
            bytes.truncate(size);
            Some(bytes)
        }
    }
}

//! Where a function's return value is when it has just returned, by the x86-64 System V ABI, as
//! gdb reads it for `finish`: an aggregate over 16 bytes (or one that is not trivially copyable) is in
//! memory at the address the callee leaves in rax; anything else is split into eightbytes, each of
//! class SSE (xmm0, then xmm1) or INTEGER (rax, then rdx); long double comes back in st(0).

use crate::symbols::types::{Type, TypeRef};
use crate::target::{ExtendedRegisters, Registers};

use super::sysv_abi::{eightbyte_classes, is_long_double, Class};

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
    let rax = regs.get("rax")?.0;
    if matches!(&**ty.strip(), Type::Void | Type::Function(_)) {
        return None;
    }
    if is_long_double(ty) {
        // The 80-bit value in st(0), padded to its size.
        let mut bytes = ext?.st(0).to_vec();
        bytes.resize(size, 0);
        return Some(bytes);
    }
    let Some(classes) = eightbyte_classes(ty) else {
        let mut bytes = vec![0u8; size];
        return read_memory(rax, &mut bytes).then_some(bytes);
    };
    let (mut integer, mut sse) = (0usize, 0usize);
    let mut bytes = Vec::with_capacity(size.div_ceil(8) * 8);
    for class in classes {
        let word = match class {
            Class::Sse => {
                sse += 1;
                let register = ext?.xmm(sse - 1);
                u64::from_le_bytes(register[..8].try_into().ok()?)
            }
            Class::Integer => {
                integer += 1;
                match integer {
                    1 => rax,
                    2 => regs.get("rdx")?.0,
                    _ => return None,
                }
            }
        };
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes.truncate(size);
    Some(bytes)
}

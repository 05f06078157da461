//! Where a module's thread-local variables live in the stopped thread (DW_OP_form_tls_address
//! adds the variable's offset to this block), read from glibc's structures as libthread_db would:
//! the thread pointer (fs_base) points at the TCB, whose second word is the dynamic thread vector
//! (DTV); entry N (two words each, the first the block's address) belongs to TLS module N.
//!
//! The program, when it has thread-local data, is always module 1. A shared library's module id is
//! in its `struct link_map`, at an offset private to glibc that glibc publishes for libthread_db:
//! the descriptor `_thread_db_link_map_l_tls_modid` (size in bits, count, offset; three u32s) in
//! libc.so.6 (libpthread.so.0 before glibc 2.34).

use crate::addr::RuntimeAddr;
use crate::symbols::Module;
use crate::target::{Registers, Tracee};

use super::frame_args::Modules;

/// glibc's descriptor of `link_map.l_tls_modid`.
const MODID_DESCRIPTOR: &str = "_thread_db_link_map_l_tls_modid";
/// A DTV slot not yet allocated (a dlopened library's block before the thread first touches it).
const TLS_DTV_UNALLOCATED: u64 = u64::MAX;

/// The address of `module`'s thread-local block in the thread whose registers are `regs`.
pub(super) fn thread_local_block(
    tracee: &mut Tracee,
    regs: &Registers,
    modules: &Modules<'_>,
    module: &Module,
) -> Option<u64> {
    let is_program = modules.program.is_some_and(|p| std::ptr::eq(p, module));
    let module_id = if is_program { 1 } else { library_module_id(tracee, modules, module)? };
    let thread_pointer = regs.get("fs_base")?.0;
    let dtv = read_word(tracee, thread_pointer.checked_add(8)?)?;
    let block = read_word(tracee, dtv.checked_add(module_id.checked_mul(16)?)?)?;
    (block != 0 && block != TLS_DTV_UNALLOCATED).then_some(block)
}

/// A library's TLS module id, from its link_map through glibc's published field offset.
fn library_module_id(tracee: &mut Tracee, modules: &Modules<'_>, module: &Module) -> Option<u64> {
    let link_map = modules.libraries.link_map_of(module)?;
    let offset = modid_field_offset(modules)?;
    read_word(tracee, link_map.checked_add(offset)?).filter(|id| *id != 0)
}

/// `l_tls_modid`'s offset in `struct link_map`, from the descriptor in whichever loaded library
/// defines it; read from the file, as it is constant data.
fn modid_field_offset(modules: &Modules<'_>) -> Option<u64> {
    modules.libraries.loaded_modules().find_map(|(module, _)| {
        let at = module.lookup_symbol(MODID_DESCRIPTOR)?;
        let mut raw = [0u8; 12];
        module.read_file_bytes(at, &mut raw).ok()?;
        let field =
            |i: usize| u32::from_le_bytes([raw[4 * i], raw[4 * i + 1], raw[4 * i + 2], raw[4 * i + 3]]);
        // A 64-bit field, one element: anything else is a glibc this code does not know.
        (field(0) == 64 && field(1) == 1).then(|| u64::from(field(2)))
    })
}

fn read_word(tracee: &mut Tracee, addr: u64) -> Option<u64> {
    let mut word = [0u8; 8];
    tracee.read_memory(RuntimeAddr(addr), &mut word).ok()?;
    Some(u64::from_le_bytes(word))
}

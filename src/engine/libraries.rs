//! Which shared objects the process has loaded, read from the dynamic linker's rendezvous structure
//! (`r_debug` / `link_map`, found through the program's DT_DEBUG entry). Before the dynamic linker has
//! filled it in (at `starti`), only the interpreter itself is known, at the base the kernel reports in
//! AT_BASE. Names are the ones the dynamic linker used (`/lib/x86_64-linux-gnu/libc.so.6`), as gdb shows.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::addr::{LoadBias, RuntimeAddr};
use crate::symbols::Module;
use crate::target::Tracee;

const DT_NULL: u64 = 0;
const DT_DEBUG: u64 = 21;
const AT_BASE: u64 = 7;
/// Guards against a corrupt or cyclic list in the tracee's memory.
const MAX_LIBRARIES: usize = 4096;

struct Library {
    name: PathBuf,
    bias: LoadBias,
    /// The runtime address range its loadable segments cover.
    range: (RuntimeAddr, RuntimeAddr),
}

#[derive(Default)]
pub(super) struct Libraries {
    loaded: Vec<Library>,
    modules: HashMap<PathBuf, Option<Module>>,
}

impl Libraries {
    /// The library holding `addr`: its module, load bias and name.
    pub fn lookup(&self, addr: RuntimeAddr) -> Option<(&Module, LoadBias, PathBuf)> {
        let lib = self.loaded.iter().find(|l| l.range.0 <= addr && addr < l.range.1)?;
        let module = self.modules.get(&lib.name)?.as_ref()?;
        Some((module, lib.bias, lib.name.clone()))
    }

    /// Re-reads the list of loaded objects from the tracee.
    pub fn refresh(&mut self, tracee: &mut Tracee, program: &Module, bias: LoadBias) {
        let mut found: Vec<(PathBuf, LoadBias)> = Vec::new();
        match rendezvous_list(tracee, program, bias) {
            Some(list) if !list.is_empty() => found = list,
            _ => {
                if let (Some(interp), Some(base)) = (program.interpreter(), auxv_value(tracee, AT_BASE)) {
                    found.push((PathBuf::from(interp), LoadBias(base)));
                }
            }
        }
        self.loaded.clear();
        for (name, lib_bias) in found {
            let module =
                self.modules.entry(name.clone()).or_insert_with(|| Module::load(&name).ok()).as_ref();
            let Some(module) = module else { continue };
            let (low, high) = module.loaded_range();
            self.loaded.push(Library {
                range: (low.relocate(lib_bias), high.relocate(lib_bias)),
                name,
                bias: lib_bias,
            });
        }
    }
}

fn auxv_value(tracee: &mut Tracee, key: u64) -> Option<u64> {
    tracee.auxv().ok()?.into_iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

fn read_u64(tracee: &mut Tracee, addr: u64) -> Option<u64> {
    let mut buf = [0u8; 8];
    tracee.read_memory(RuntimeAddr(addr), &mut buf).ok()?;
    Some(u64::from_le_bytes(buf))
}

fn read_c_string(tracee: &mut Tracee, addr: u64) -> Option<String> {
    let mut buf = [0u8; 512];
    let n = tracee.read_memory_partial(RuntimeAddr(addr), &mut buf);
    let bytes = &buf[..n];
    let end = bytes.iter().position(|b| *b == 0)?;
    Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
}

/// Walks `r_debug.r_map`, skipping the program itself and objects with no file (the vDSO).
fn rendezvous_list(
    tracee: &mut Tracee,
    program: &Module,
    bias: LoadBias,
) -> Option<Vec<(PathBuf, LoadBias)>> {
    let dynamic = program.dynamic_address()?.relocate(bias);
    let mut r_debug = 0;
    for i in 0..1024u64 {
        let entry = dynamic.0 + i * 16;
        let tag = read_u64(tracee, entry)?;
        if tag == DT_NULL {
            break;
        }
        if tag == DT_DEBUG {
            r_debug = read_u64(tracee, entry + 8)?;
            break;
        }
    }
    if r_debug == 0 {
        return None;
    }
    let mut link = read_u64(tracee, r_debug + 8)?;
    let mut out = Vec::new();
    while link != 0 && out.len() < MAX_LIBRARIES {
        let l_addr = read_u64(tracee, link)?;
        let l_name = read_u64(tracee, link + 8)?;
        let name =
            if l_name == 0 { String::new() } else { read_c_string(tracee, l_name).unwrap_or_default() };
        if !name.is_empty() && std::path::Path::new(&name).exists() {
            out.push((PathBuf::from(name), LoadBias(l_addr)));
        }
        link = read_u64(tracee, link + 24)?;
    }
    Some(out)
}

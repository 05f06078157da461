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
    /// Its `struct link_map` in the dynamic linker's list (None for the interpreter known from
    /// AT_BASE alone): glibc keeps the library's TLS module id there.
    link_map: Option<u64>,
}

#[derive(Default)]
pub(super) struct Libraries {
    loaded: Vec<Library>,
    modules: HashMap<PathBuf, Option<Module>>,
    /// The list (name, bias) the breakpoints were last resolved against (engine/library_events.rs).
    pub resolved_against: Vec<(PathBuf, LoadBias)>,
    /// Where the library-event breakpoint is planted (the dynamic linker's r_brk).
    pub event_address: Option<RuntimeAddr>,
    /// Names in the order rdbg first saw them loaded, which is gdb's order in `info sharedlibrary`
    /// (the dynamic linker first, though the link map lists it last).
    appearance: Vec<PathBuf>,
}

impl Libraries {
    /// The library holding `addr`: its module, load bias and name.
    pub fn lookup(&self, addr: RuntimeAddr) -> Option<(&Module, LoadBias, PathBuf)> {
        let lib = self.loaded.iter().find(|l| l.range.0 <= addr && addr < l.range.1)?;
        let module = self.modules.get(&lib.name)?.as_ref()?;
        Some((module, lib.bias, lib.name.clone()))
    }

    /// The runtime address of a function called `name` in a loaded library (the target of a PLT
    /// stub), looked up in load order as the dynamic linker would.
    pub fn find_function(&self, name: &str) -> Option<RuntimeAddr> {
        self.loaded.iter().find_map(|lib| {
            let module = self.modules.get(&lib.name)?.as_ref()?;
            module.lookup_symbol(name).map(|addr| addr.relocate(lib.bias))
        })
    }

    /// Re-reads the list of loaded objects from the tracee.
    pub fn refresh(&mut self, tracee: &mut Tracee, program: &Module, bias: LoadBias) {
        let mut found: Vec<LinkMapEntry> = Vec::new();
        match rendezvous_list(tracee, program, bias) {
            Some(list) if !list.is_empty() => found = list,
            _ => {
                if let (Some(interp), Some(base)) = (program.interpreter(), auxv_value(tracee, AT_BASE)) {
                    found.push(LinkMapEntry {
                        name: PathBuf::from(interp),
                        bias: LoadBias(base),
                        link_map: None,
                    });
                }
            }
        }
        self.loaded.clear();
        for LinkMapEntry { name, bias: lib_bias, link_map } in found {
            let module =
                self.modules.entry(name.clone()).or_insert_with(|| Module::load(&name).ok()).as_ref();
            let Some(module) = module else { continue };
            let (low, high) = module.loaded_range();
            self.loaded.push(Library {
                range: (low.relocate(lib_bias), high.relocate(lib_bias)),
                name,
                bias: lib_bias,
                link_map,
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

/// One object of the dynamic linker's list.
struct LinkMapEntry {
    name: PathBuf,
    bias: LoadBias,
    link_map: Option<u64>,
}

/// Walks `r_debug.r_map`, skipping the program itself and objects with no file (the vDSO).
fn rendezvous_list(tracee: &mut Tracee, program: &Module, bias: LoadBias) -> Option<Vec<LinkMapEntry>> {
    let r_debug = r_debug_address(tracee, program, bias)?;
    let mut link = read_u64(tracee, r_debug + 8)?;
    let mut out = Vec::new();
    while link != 0 && out.len() < MAX_LIBRARIES {
        let l_addr = read_u64(tracee, link)?;
        let l_name = read_u64(tracee, link + 8)?;
        let name =
            if l_name == 0 { String::new() } else { read_c_string(tracee, l_name).unwrap_or_default() };
        if !name.is_empty() && std::path::Path::new(&name).exists() {
            out.push(LinkMapEntry {
                name: PathBuf::from(name),
                bias: LoadBias(l_addr),
                link_map: Some(link),
            });
        }
        link = read_u64(tracee, link + 24)?;
    }
    Some(out)
}

/// A loaded shared object as `info sharedlibrary` lists it.
#[derive(Clone, Debug)]
pub struct SharedLibrary {
    pub path: PathBuf,
    /// Its `.text` section in the process (gdb's From and To columns).
    pub text: Option<(RuntimeAddr, RuntimeAddr)>,
    pub has_debug_info: bool,
}

/// The dynamic linker's `r_debug`: where it calls at each change (r_brk) and what the change is.
pub(super) struct Rendezvous {
    pub brk: RuntimeAddr,
    /// RT_CONSISTENT (0), RT_ADD (1) or RT_DELETE (2).
    pub state: i32,
}

/// The list is complete and stable (`r_state`), as opposed to a load or unload in progress.
pub(super) const RT_CONSISTENT: i32 = 0;

impl Libraries {
    /// (name, bias) of every loaded object, in load order.
    pub fn snapshot(&self) -> Vec<(PathBuf, LoadBias)> {
        self.loaded.iter().map(|l| (l.name.clone(), l.bias)).collect()
    }

    /// The runtime range an entry of a snapshot covered, while its module is known.
    pub fn range_of(&self, name: &PathBuf, bias: LoadBias) -> Option<(RuntimeAddr, RuntimeAddr)> {
        let module = self.modules.get(name)?.as_ref()?;
        let (low, high) = module.loaded_range();
        Some((low.relocate(bias), high.relocate(bias)))
    }

    /// The `struct link_map` the dynamic linker keeps for the loaded `module`.
    pub fn link_map_of(&self, module: &Module) -> Option<u64> {
        self.loaded.iter().find_map(|l| {
            let known = self.modules.get(&l.name)?.as_ref()?;
            std::ptr::eq(known, module).then_some(l.link_map).flatten()
        })
    }

    /// Every loaded object in the order rdbg saw them appear (the dynamic linker first), which is
    /// the order gdb searches object files for a global name.
    pub fn loaded_modules_in_appearance_order(&self) -> impl Iterator<Item = (&Module, LoadBias)> {
        self.in_appearance_order()
            .into_iter()
            .filter_map(|l| Some((self.modules.get(&l.name)?.as_ref()?, l.bias)))
    }

    /// The loaded objects in the order they appeared (ones not noted yet last).
    fn in_appearance_order(&self) -> Vec<&Library> {
        let mut loaded: Vec<&Library> = self.loaded.iter().collect();
        loaded.sort_by_key(|l| self.appearance.iter().position(|name| name == &l.name).unwrap_or(usize::MAX));
        loaded
    }

    /// Every loaded object with its module and load bias, in load order.
    pub fn loaded_modules(&self) -> impl Iterator<Item = (&Module, LoadBias)> {
        self.loaded.iter().filter_map(|l| Some((self.modules.get(&l.name)?.as_ref()?, l.bias)))
    }

    /// A module by path, loaded (and cached) on first use.
    pub fn module(&mut self, name: &str) -> Option<&Module> {
        let path = PathBuf::from(name);
        self.modules.entry(path.clone()).or_insert_with(|| Module::load(&path).ok()).as_ref()
    }

    /// Records newly loaded names at the end of the appearance order and drops unloaded ones.
    pub fn note_appearance(&mut self) {
        self.appearance.retain(|name| self.loaded.iter().any(|l| &l.name == name));
        for lib in &self.loaded {
            if !self.appearance.contains(&lib.name) {
                self.appearance.push(lib.name.clone());
            }
        }
    }

    /// The loaded objects for `info sharedlibrary`, in the order they appeared.
    pub fn listing(&mut self) -> Vec<SharedLibrary> {
        self.note_appearance();
        self.in_appearance_order()
            .into_iter()
            .filter_map(|l| {
                let module = self.modules.get(&l.name)?.as_ref()?;
                Some(SharedLibrary {
                    path: l.name.clone(),
                    text: module
                        .text_range()
                        .map(|(low, high)| (low.relocate(l.bias), high.relocate(l.bias))),
                    has_debug_info: module.has_debug_info(),
                })
            })
            .collect()
    }
}

/// The program's `r_debug`, once the dynamic linker has filled in DT_DEBUG (None before, and for
/// static programs).
pub(super) fn rendezvous(tracee: &mut Tracee, program: &Module, bias: LoadBias) -> Option<Rendezvous> {
    let r_debug = r_debug_address(tracee, program, bias)?;
    let brk = read_u64(tracee, r_debug + 16)?;
    let state = read_u64(tracee, r_debug + 24)? as u32 as i32;
    Some(Rendezvous { brk: RuntimeAddr(brk), state })
}

/// AT_BASE: where the kernel mapped the dynamic linker.
pub(super) fn interpreter_base(tracee: &mut Tracee) -> Option<LoadBias> {
    auxv_value(tracee, AT_BASE).filter(|b| *b != 0).map(LoadBias)
}

/// The address in DT_DEBUG, once the dynamic linker has set it.
fn r_debug_address(tracee: &mut Tracee, program: &Module, bias: LoadBias) -> Option<u64> {
    let dynamic = program.dynamic_address()?.relocate(bias);
    for i in 0..1024u64 {
        let entry = dynamic.0 + i * 16;
        let tag = read_u64(tracee, entry)?;
        if tag == DT_NULL {
            return None;
        }
        if tag == DT_DEBUG {
            return read_u64(tracee, entry + 8).filter(|a| *a != 0);
        }
    }
    None
}

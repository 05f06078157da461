//! Typed addresses. A `FileAddr` is an address as written in the ELF file and its DWARF; a `RuntimeAddr`
//! is where that byte lives in the running process. They differ by the module's load bias (non-zero for PIE
//! executables and shared libraries). Keeping them apart in the type system stops the classic bug of
//! planting a breakpoint at a link-time address.

use std::fmt;

/// An address as the ELF file and its debug info spell it (link-time).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct FileAddr(pub u64);

/// An address in the traced process's address space.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct RuntimeAddr(pub u64);

/// What a module was shifted by when it was loaded: runtime = file + bias.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct LoadBias(pub u64);

impl FileAddr {
    pub fn relocate(self, bias: LoadBias) -> RuntimeAddr {
        RuntimeAddr(self.0.wrapping_add(bias.0))
    }
    pub fn offset(self, delta: u64) -> FileAddr {
        FileAddr(self.0.wrapping_add(delta))
    }
}

impl RuntimeAddr {
    pub fn to_file(self, bias: LoadBias) -> FileAddr {
        FileAddr(self.0.wrapping_sub(bias.0))
    }
    pub fn offset(self, delta: u64) -> RuntimeAddr {
        RuntimeAddr(self.0.wrapping_add(delta))
    }
}

impl fmt::LowerHex for FileAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl fmt::LowerHex for RuntimeAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relocation_round_trips() {
        let bias = LoadBias(0x5555_5555_4000);
        let file = FileAddr(0x1143);
        let runtime = file.relocate(bias);
        assert_eq!(runtime, RuntimeAddr(0x5555_5555_5143));
        assert_eq!(runtime.to_file(bias), file);
    }
}

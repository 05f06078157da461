//! The general-purpose registers of an x86-64 thread, by gdb's names.
//!
//! `GENERAL_REGISTERS` is the order `info registers` prints them in. Sub-registers (`eax`, `ax`, `al`)
//! are views that `get`/`set` understand, so `p $eax` and `set $al = 1` work like in gdb.

use libc::user_regs_struct;

/// A thread's general registers, as PTRACE_GETREGS returns them.
#[derive(Clone, Copy)]
pub struct Registers {
    pub raw: user_regs_struct,
}

/// The registers `info registers` shows, in gdb's order (k0-k7 come from the extended state).
pub const GENERAL_REGISTERS: &[&str] = &[
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base",
];

/// How a name maps onto a 64-bit register: which one, the bit offset and the width in bits.
struct View {
    full: &'static str,
    shift: u32,
    bits: u32,
}

fn sub_register(name: &str) -> Option<View> {
    const WIDE: [(&str, &str, &str, &str, &str); 8] = [
        ("rax", "eax", "ax", "al", "ah"),
        ("rbx", "ebx", "bx", "bl", "bh"),
        ("rcx", "ecx", "cx", "cl", "ch"),
        ("rdx", "edx", "dx", "dl", "dh"),
        ("rsi", "esi", "si", "sil", ""),
        ("rdi", "edi", "di", "dil", ""),
        ("rbp", "ebp", "bp", "bpl", ""),
        // gdb has no 16-bit `sp`: `$sp` is its alias for the whole stack pointer.
        ("rsp", "esp", "", "spl", ""),
    ];
    for (full, e, x, l, h) in WIDE {
        let view = |shift, bits| Some(View { full, shift, bits });
        match name {
            n if n == e => return view(0, 32),
            n if !x.is_empty() && n == x => return view(0, 16),
            n if n == l => return view(0, 8),
            n if !h.is_empty() && n == h => return view(8, 8),
            _ => {}
        }
    }
    for (i, full) in ["r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"].iter().enumerate() {
        let _ = i;
        if let Some(suffix) = name.strip_prefix(full) {
            let bits = match suffix {
                "d" => 32,
                "w" => 16,
                "l" => 8,
                _ => continue,
            };
            return Some(View { full, shift: 0, bits });
        }
    }
    match name {
        "pc" => Some(View { full: "rip", shift: 0, bits: 64 }),
        "sp" => Some(View { full: "rsp", shift: 0, bits: 64 }),
        "fp" => Some(View { full: "rbp", shift: 0, bits: 64 }),
        _ => None,
    }
}

impl Registers {
    pub fn from_raw(raw: user_regs_struct) -> Self {
        Registers { raw }
    }

    pub fn pc(&self) -> u64 {
        self.raw.rip
    }

    pub fn set_pc(&mut self, pc: u64) {
        self.raw.rip = pc;
    }

    pub fn sp(&self) -> u64 {
        self.raw.rsp
    }

    fn slot(&self, name: &str) -> Option<u64> {
        let r = &self.raw;
        Some(match name {
            "rax" => r.rax,
            "rbx" => r.rbx,
            "rcx" => r.rcx,
            "rdx" => r.rdx,
            "rsi" => r.rsi,
            "rdi" => r.rdi,
            "rbp" => r.rbp,
            "rsp" => r.rsp,
            "r8" => r.r8,
            "r9" => r.r9,
            "r10" => r.r10,
            "r11" => r.r11,
            "r12" => r.r12,
            "r13" => r.r13,
            "r14" => r.r14,
            "r15" => r.r15,
            "rip" => r.rip,
            "eflags" => r.eflags,
            "cs" => r.cs,
            "ss" => r.ss,
            "ds" => r.ds,
            "es" => r.es,
            "fs" => r.fs,
            "gs" => r.gs,
            "fs_base" => r.fs_base,
            "gs_base" => r.gs_base,
            "orig_rax" => r.orig_rax,
            _ => return None,
        })
    }

    fn slot_mut(&mut self, name: &str) -> Option<&mut u64> {
        let r = &mut self.raw;
        Some(match name {
            "rax" => &mut r.rax,
            "rbx" => &mut r.rbx,
            "rcx" => &mut r.rcx,
            "rdx" => &mut r.rdx,
            "rsi" => &mut r.rsi,
            "rdi" => &mut r.rdi,
            "rbp" => &mut r.rbp,
            "rsp" => &mut r.rsp,
            "r8" => &mut r.r8,
            "r9" => &mut r.r9,
            "r10" => &mut r.r10,
            "r11" => &mut r.r11,
            "r12" => &mut r.r12,
            "r13" => &mut r.r13,
            "r14" => &mut r.r14,
            "r15" => &mut r.r15,
            "rip" => &mut r.rip,
            "eflags" => &mut r.eflags,
            "cs" => &mut r.cs,
            "ss" => &mut r.ss,
            "ds" => &mut r.ds,
            "es" => &mut r.es,
            "fs" => &mut r.fs,
            "gs" => &mut r.gs,
            "fs_base" => &mut r.fs_base,
            "gs_base" => &mut r.gs_base,
            "orig_rax" => &mut r.orig_rax,
            _ => return None,
        })
    }

    /// Whether `name` is a general register or a view of one (`rax`, `eax`, `al`, `pc`, `fs_base`).
    pub fn is_name(name: &str) -> bool {
        GENERAL_REGISTERS.contains(&name) || name == "orig_rax" || sub_register(name).is_some()
    }

    /// The register's value and its width in bits, by any gdb name (`rax`, `eax`, `al`, `pc`, ...).
    pub fn get(&self, name: &str) -> Option<(u64, u32)> {
        if let Some(v) = self.slot(name) {
            let bits = if name == "eflags" || GENERAL_REGISTERS[18..24].contains(&name) { 32 } else { 64 };
            return Some((v, bits));
        }
        let view = sub_register(name)?;
        let full = self.slot(view.full)?;
        let mask = if view.bits == 64 { u64::MAX } else { (1u64 << view.bits) - 1 };
        Some(((full >> view.shift) & mask, view.bits))
    }

    /// Writes a register by any gdb name; a sub-register write keeps the other bits, as on the CPU
    /// for 8- and 16-bit views (gdb does the same for 32-bit views).
    pub fn set(&mut self, name: &str, value: u64) -> bool {
        if let Some(slot) = self.slot_mut(name) {
            *slot = value;
            return true;
        }
        let Some(view) = sub_register(name) else {
            return false;
        };
        let Some(slot) = self.slot_mut(view.full) else {
            return false;
        };
        let mask = if view.bits == 64 { u64::MAX } else { ((1u64 << view.bits) - 1) << view.shift };
        *slot = (*slot & !mask) | ((value << view.shift) & mask);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zeroed() -> Registers {
        // SAFETY: user_regs_struct is plain integers; all-zero is a valid value.
        Registers::from_raw(unsafe { std::mem::zeroed() })
    }

    #[test]
    fn sub_registers_read_and_write_their_bits() {
        let mut r = zeroed();
        r.set("rax", 0x1122_3344_5566_7788);
        assert_eq!(r.get("eax"), Some((0x5566_7788, 32)));
        assert_eq!(r.get("ax"), Some((0x7788, 16)));
        assert_eq!(r.get("al"), Some((0x88, 8)));
        assert_eq!(r.get("ah"), Some((0x77, 8)));
        r.set("al", 0xff);
        assert_eq!(r.get("rax"), Some((0x1122_3344_5566_77ff, 64)));
        r.set("r9d", 0xdead_beef);
        assert_eq!(r.get("r9"), Some((0xdead_beef, 64)));
        assert_eq!(r.get("pc"), Some((0, 64)));
        assert!(r.get("nope").is_none());
    }
}

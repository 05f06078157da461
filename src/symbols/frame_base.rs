//! Where gdb says a frame's arguments and locals are (`info frame`'s `Arglist at` / `Locals at`):
//! not the DWARF frame base but amd64's prologue-analysis base. With `push %rbp; mov %rsp,%rbp`
//! executed, it is the frame's rbp; otherwise the stack pointer plus an offset (-8, or 0 once the
//! `push %rbp` has run).

/// How to compute the base from the frame's registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgsBase {
    /// The frame's rbp.
    Rbp,
    /// The frame's rsp plus this offset.
    Rsp(i64),
}

const ENDBR64: [u8; 4] = [0xf3, 0x0f, 0x1e, 0xfa];
const PUSH_RBP: u8 = 0x55;
/// `mov %rsp,%rbp` in its two encodings, and the 32-bit `mov %esp,%ebp` ones.
const MOV_RSP_RBP: [&[u8]; 4] = [&[0x48, 0x89, 0xe5], &[0x48, 0x8b, 0xec], &[0x89, 0xe5], &[0x8b, 0xec]];

/// gdb's `amd64_analyze_prologue` as far as the base goes: `code` is the function's first bytes (at
/// least 8 when available), `start` its entry, `pc` the frame's pc (file addresses, or both runtime).
pub fn amd64_args_base(code: &[u8], start: u64, pc: u64) -> ArgsBase {
    let frameless = ArgsBase::Rsp(-8);
    let mut at = 0usize;
    if pc <= start {
        return frameless;
    }
    if code.starts_with(&ENDBR64) && pc > start + 4 {
        at = 4;
    }
    let here = start + at as u64;
    if pc <= here || code.get(at) != Some(&PUSH_RBP) {
        return frameless;
    }
    // The push has run: rsp moved down by 8 since entry.
    if pc <= here + 1 {
        return ArgsBase::Rsp(0);
    }
    let rest = code.get(at + 1..).unwrap_or(&[]);
    if MOV_RSP_RBP.iter().any(|m| rest.starts_with(m)) {
        ArgsBase::Rbp
    } else {
        ArgsBase::Rsp(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_along_a_prologue() {
        let code = [0x55, 0x48, 0x89, 0xe5, 0x89, 0x7d, 0xfc];
        assert_eq!(amd64_args_base(&code, 0x1000, 0x1000), ArgsBase::Rsp(-8));
        assert_eq!(amd64_args_base(&code, 0x1000, 0x1001), ArgsBase::Rsp(0));
        assert_eq!(amd64_args_base(&code, 0x1000, 0x1004), ArgsBase::Rbp);
        // push %rbp without the mov (optimised code): rsp-based.
        assert_eq!(amd64_args_base(&[0x55, 0x53, 0x48], 0x1000, 0x1010), ArgsBase::Rsp(0));
        // No push at all.
        assert_eq!(amd64_args_base(&[0x41, 0x56], 0x1000, 0x1010), ArgsBase::Rsp(-8));
        // endbr64 first.
        let code = [0xf3, 0x0f, 0x1e, 0xfa, 0x55, 0x48, 0x89, 0xe5];
        assert_eq!(amd64_args_base(&code, 0x1000, 0x1009), ArgsBase::Rbp);
    }
}

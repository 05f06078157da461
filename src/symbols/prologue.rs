//! gdb's x86-64 prologue analyser (`amd64_analyze_prologue`), for code compiled by GCC. gdb trusts the line
//! table alone only for LLVM-produced code; for GCC it looks for the frame set-up `[endbr64] push %rbp;
//! mov %rsp,%rbp` and says the prologue ends after it. A function without that frame is "frameless" and
//! its prologue is empty (the analysis result is the start address itself).

const ENDBR64: [u8; 4] = [0xf3, 0x0f, 0x1e, 0xfa];
const PUSH_RBP: u8 = 0x55;
/// The two encodings of `mov %rsp,%rbp`.
const MOV_RSP_RBP: [[u8; 3]; 2] = [[0x48, 0x89, 0xe5], [0x48, 0x8b, 0xec]];
/// The two encodings of `mov %esp,%ebp`.
const MOV_ESP_EBP: [[u8; 2]; 2] = [[0x89, 0xe5], [0x8b, 0xec]];

/// The address after the frame set-up of the function starting at `start`, whose first bytes are `code`;
/// `start` itself when there is no frame set-up (or the bytes are unavailable).
pub(crate) fn skip_frame_setup(code: &[u8], start: u64) -> u64 {
    let mut at = 0usize;
    if code.starts_with(&ENDBR64) {
        at += 4;
    }
    if code.get(at) != Some(&PUSH_RBP) {
        return start;
    }
    let after_push = &code[at + 1..];
    if MOV_RSP_RBP.iter().any(|m| after_push.starts_with(m)) {
        return start.wrapping_add((at + 4) as u64);
    }
    if MOV_ESP_EBP.iter().any(|m| after_push.starts_with(m)) {
        return start.wrapping_add((at + 3) as u64);
    }
    // `push %rbp` without setting up %rbp: gdb still calls the function frameless.
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_setup_is_skipped() {
        assert_eq!(skip_frame_setup(&[0x55, 0x48, 0x89, 0xe5, 0x89], 0x1000), 0x1004);
        assert_eq!(skip_frame_setup(&[0xf3, 0x0f, 0x1e, 0xfa, 0x55, 0x48, 0x89, 0xe5], 0x1000), 0x1008);
        assert_eq!(skip_frame_setup(&[0x55, 0x89, 0xe5], 0x1000), 0x1003);
    }

    #[test]
    fn frameless_code_keeps_its_start() {
        assert_eq!(skip_frame_setup(&[0x8d, 0x04, 0x37, 0xc3], 0x1000), 0x1000);
        assert_eq!(skip_frame_setup(&[0x55, 0x53], 0x1000), 0x1000);
        assert_eq!(skip_frame_setup(&[], 0x1000), 0x1000);
        assert_eq!(skip_frame_setup(&[0x55], 0x1000), 0x1000);
    }
}

//! The little instruction knowledge stepping needs: is this a call, and how long is it.

use iced_x86::{Decoder, DecoderOptions, FlowControl};

/// The length of the instruction in `bytes` (decoded at `ip`) if it is a call, direct or indirect.
pub fn call_length(bytes: &[u8], ip: u64) -> Option<u64> {
    let mut decoder = Decoder::with_ip(64, bytes, ip, DecoderOptions::NONE);
    if !decoder.can_decode() {
        return None;
    }
    let instruction = decoder.decode();
    if instruction.is_invalid() {
        return None;
    }
    match instruction.flow_control() {
        FlowControl::Call | FlowControl::IndirectCall => Some(instruction.len() as u64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_calls_and_their_length() {
        // call rel32
        assert_eq!(call_length(&[0xe8, 0, 0, 0, 0], 0x1000), Some(5));
        // call *%rax
        assert_eq!(call_length(&[0xff, 0xd0], 0x1000), Some(2));
        // mov %rsp,%rbp
        assert_eq!(call_length(&[0x48, 0x89, 0xe5], 0x1000), None);
        // truncated call
        assert_eq!(call_length(&[0xe8, 0], 0x1000), None);
    }
}

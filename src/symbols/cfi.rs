//! Call frame information: how to find a frame's CFA (canonical frame address) at a pc, from
//! `.eh_frame` (which every x86-64 program has) or `.debug_frame`. The CFA is what DWARF's
//! DW_OP_call_frame_cfa means, the frame base gcc gives every function; the full unwinder (other
//! registers, the return address) grows from here.

use gimli::{BaseAddresses, CfaRule, DebugFrame, EhFrame, UnwindContext, UnwindSection};

use super::reader::Reader;

/// The CFA as a register plus an offset (DWARF register numbers: 6 is rbp, 7 is rsp).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CfaLocation {
    pub register: u16,
    pub offset: i64,
}

pub(crate) struct FrameTables {
    eh_frame: Option<(EhFrame<Reader>, BaseAddresses)>,
    debug_frame: Option<DebugFrame<Reader>>,
}

impl FrameTables {
    pub fn new(
        eh_frame: Option<(Reader, u64)>,
        debug_frame: Option<Reader>,
        text_addr: Option<u64>,
    ) -> FrameTables {
        let eh_frame = eh_frame.map(|(data, addr)| {
            let mut bases = BaseAddresses::default().set_eh_frame(addr);
            if let Some(text) = text_addr {
                bases = bases.set_text(text);
            }
            (EhFrame::from(data), bases)
        });
        FrameTables { eh_frame, debug_frame: debug_frame.map(DebugFrame::from) }
    }

    /// The CFA rule at `pc`; None when no FDE covers it or the rule is an expression.
    pub fn cfa_at(&self, pc: u64) -> Option<CfaLocation> {
        let mut ctx = Box::new(UnwindContext::new());
        if let Some((eh, bases)) = &self.eh_frame {
            if let Ok(row) = eh.unwind_info_for_address(bases, &mut ctx, pc, EhFrame::cie_from_offset) {
                return rule(row.cfa());
            }
        }
        if let Some(debug) = &self.debug_frame {
            let bases = BaseAddresses::default();
            if let Ok(row) = debug.unwind_info_for_address(&bases, &mut ctx, pc, DebugFrame::cie_from_offset)
            {
                return rule(row.cfa());
            }
        }
        None
    }
}

fn rule(cfa: &CfaRule<usize>) -> Option<CfaLocation> {
    match cfa {
        CfaRule::RegisterAndOffset { register, offset } => {
            Some(CfaLocation { register: register.0, offset: *offset })
        }
        CfaRule::Expression(_) => None,
    }
}

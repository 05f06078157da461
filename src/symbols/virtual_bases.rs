//! Where a virtual base class sits inside an object. Its offset is not fixed by the class: it
//! depends on the complete object the class is part of, so the compiler stores it in the vtable
//! and describes the way there as a DWARF expression over the object's address (gcc:
//! `DW_OP_dup, DW_OP_deref, DW_OP_constu N, DW_OP_minus, DW_OP_deref, DW_OP_plus`: read the
//! vptr, the base's offset sits N bytes before what it points at). The expression is run here
//! as gdb's gnuv3_baseclass_offset runs it, over memory the caller lends.

use gimli::{EvaluationResult, Expression, Location, Value};

use super::location::LocationError;
use super::reader::Reader;

/// Reads the tracee's memory into a buffer, or gives the address it could not read.
pub type ReadMemory<'a> = dyn FnMut(u64, &mut [u8]) -> Result<(), u64> + 'a;

/// The DW_AT_data_member_location expression of a virtual DW_TAG_inheritance.
#[derive(Clone, Debug)]
pub struct VirtualBaseExpr {
    expr: Expression<Reader>,
    encoding: gimli::Encoding,
}

/// Bounds the work one malformed expression can cost.
const MAX_STEPS: usize = 64;

impl VirtualBaseExpr {
    pub(super) fn new(expr: Expression<Reader>, encoding: gimli::Encoding) -> VirtualBaseExpr {
        VirtualBaseExpr { expr, encoding }
    }

    /// The address of the base inside the object at `object`.
    pub fn locate(&self, object: u64, read: &mut ReadMemory) -> Result<u64, LocationError> {
        let unsupported = |e: gimli::Error| LocationError::Unsupported(e.to_string());
        let mut eval = self.expr.clone().evaluation(self.encoding);
        // The object's address is on the stack when the expression starts (DWARF 5, 2.5.1).
        eval.set_initial_value(object);
        let mut state = eval.evaluate().map_err(unsupported)?;
        for _ in 0..MAX_STEPS {
            match state {
                EvaluationResult::Complete => {
                    return match eval.as_result().first().map(|piece| &piece.location) {
                        Some(Location::Address { address }) => Ok(*address),
                        Some(Location::Value { value }) => {
                            value.to_u64(!0).map_err(|e| LocationError::Unsupported(e.to_string()))
                        }
                        _ => Err(LocationError::Unsupported("virtual base location".into())),
                    };
                }
                EvaluationResult::RequiresMemory { address, size, .. } => {
                    let size = usize::from(size).clamp(1, 8);
                    let mut raw = [0u8; 8];
                    read(address, &mut raw[..size]).map_err(LocationError::Memory)?;
                    state = eval
                        .resume_with_memory(Value::Generic(u64::from_le_bytes(raw)))
                        .map_err(unsupported)?;
                }
                _ => return Err(LocationError::Unsupported("virtual base location".into())),
            }
        }
        Err(LocationError::Unsupported("virtual base location".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbols::reader::SharedBytes;

    fn gcc_expr(n: u8) -> VirtualBaseExpr {
        // DW_OP_dup, DW_OP_deref, DW_OP_lit<n>, DW_OP_minus, DW_OP_deref, DW_OP_plus
        let bytes = SharedBytes::owned(vec![0x12, 0x06, 0x30 + n, 0x1c, 0x06, 0x22]);
        let reader = Reader::new(bytes, gimli::LittleEndian);
        let encoding = gimli::Encoding { address_size: 8, format: gimli::Format::Dwarf32, version: 5 };
        VirtualBaseExpr::new(Expression(reader), encoding)
    }

    #[test]
    fn finds_the_offset_through_the_vtable() {
        // The object at 0x1000 holds its vptr 0x2018; the vbase offset 32 sits 24 bytes before.
        let mut read = |addr: u64, buf: &mut [u8]| -> Result<(), u64> {
            let value: u64 = match addr {
                0x1000 => 0x2018,
                0x2000 => 32,
                other => return Err(other),
            };
            buf.copy_from_slice(&value.to_le_bytes()[..buf.len()]);
            Ok(())
        };
        assert_eq!(gcc_expr(24).locate(0x1000, &mut read).ok(), Some(0x1020));
    }

    #[test]
    fn an_unreadable_vptr_is_an_error() {
        let mut read = |addr: u64, _: &mut [u8]| -> Result<(), u64> { Err(addr) };
        assert!(matches!(gcc_expr(24).locate(0, &mut read), Err(LocationError::Memory(0))));
    }
}

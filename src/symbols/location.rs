//! DWARF location descriptions: where a variable or parameter lives at a pc, from its DW_AT_location
//! (a single expression or a location list) and the frame it is read in.
//!
//! The API, for frame arguments and variables alike:
//!
//! - `LocationAttr::from_attr(unit, attr value)` keeps a DW_AT_location / DW_AT_frame_base /
//!   DW_AT_call_value as a cheap handle (the unit and the expression bytes or list offset).
//! - `Module::evaluate_location(&attr, pc, &mut dyn LocationContext)` selects the expression for `pc`
//!   (a file address; callers pass gdb's pc-1 for frames that are making a call) and runs it:
//!   `LocationResult::{Memory(addr), Register(n), Value(bytes), ImplicitPointer, Pieces, OptimizedOut}`.
//! - `Module::evaluate_value(&attr, pc, ctx)` runs a DWARF *expression* (DW_AT_call_value,
//!   DW_AT_call_target, a frame base) to a number.
//! - `read_location_bytes(&result, size, ctx)` turns a result into the object's bytes.
//! - `Module::entry_value_kind(&attr, function entry)` is gdb's `read_variable_at_entry`: which
//!   caller-side binding (register or frame offset) a parameter's entry value would come from.
//!
//! `LocationContext` is the frame the expression runs in: registers, memory, the frame base
//! (DW_OP_fbreg), the CFA (DW_OP_call_frame_cfa), the module's TLS block (DW_OP_form_tls_address),
//! the load bias (DW_OP_addr) and entry values (DW_OP_entry_value, DW_OP_GNU_parameter_ref), which
//! the engine resolves through the caller's call-site parameters. What cannot be recovered is
//! `OptimizedOut` or an error, never a guessed value (gdb prints `<optimized out>`).

use gimli::{
    AttributeValue, EvaluationResult, Expression, Location, Operation, UnitOffset, Value, ValueType,
};

use super::module::Module;
use super::reader::{Reader, SharedBytes};
use crate::addr::FileAddr;

/// The frame an expression is evaluated in. Register numbers are DWARF's (x86-64: 0-16 general,
/// 17-32 xmm).
pub trait LocationContext {
    /// A register's value in this frame; None when the frame does not know it.
    fn register(&mut self, number: u16) -> Option<u64>;
    /// A register's bytes, for an object living in it (xmm registers are 16 bytes).
    fn register_bytes(&mut self, number: u16) -> Option<Vec<u8>> {
        self.register(number).map(|v| v.to_le_bytes().to_vec())
    }
    /// Reads process memory; false when it cannot be read.
    fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> bool;
    /// The value of the function's DW_AT_frame_base in this frame (for DW_OP_fbreg).
    fn frame_base(&mut self) -> Option<u64>;
    /// The frame's canonical frame address (DW_OP_call_frame_cfa), from the unwinder.
    fn cfa(&mut self) -> Option<u64>;
    /// How far the module is loaded from its link-time addresses (DW_OP_addr is relocated by it).
    fn load_bias(&self) -> u64;
    /// The address of the module's thread-local block in the current thread.
    fn tls_base(&mut self) -> Option<u64> {
        None
    }
    /// The value `of` had when the function was entered, from the caller's call site
    /// (DW_OP_entry_value, DW_OP_GNU_parameter_ref); None when it cannot be known.
    fn entry_value(&mut self, of: EntryValueOf) -> Option<u64> {
        let _ = of;
        None
    }
}

/// What an entry value is asked of, as gdb's `call_site_parameter_kind` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryValueOf {
    /// The register at entry; with `deref`, the `deref` bytes it pointed to (DW_AT_call_data_value).
    Register { number: u16, deref: Option<u8> },
    /// The stack slot at this offset from the frame base (a stack-passed argument).
    FrameOffset(i64),
    /// The formal parameter DIE at this `.debug_info` offset (DW_OP_GNU_parameter_ref).
    Parameter(usize),
}

/// Where an object is, or its value when it has no location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocationResult {
    /// At this runtime address.
    Memory(u64),
    /// In this DWARF register.
    Register(u16),
    /// No location, but the value is known (DW_OP_stack_value, DW_OP_implicit_value): its bytes.
    Value(Vec<u8>),
    /// A pointer to an object that has no address (gdb prints `<synthetic pointer>`).
    ImplicitPointer { die: usize, offset: i64 },
    /// Several parts (DW_OP_piece, DW_OP_bit_piece), in order from the object's lowest bit.
    Pieces(Vec<LocationPiece>),
    /// Nothing covers the pc, or the location is empty.
    OptimizedOut,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocationPiece {
    /// Where the piece is; `OptimizedOut` for an empty piece.
    pub location: LocationResult,
    pub size_bits: u64,
    /// Bit offset within the location (DW_OP_bit_piece).
    pub bit_offset: u64,
}

/// Why a location could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocationError {
    /// The object is not available at this pc (gdb: `<optimized out>`).
    OptimizedOut,
    /// Memory the expression or the object needs is unreadable (gdb: `<error: Cannot access
    /// memory at address 0x...>`).
    Memory(u64),
    /// An implicit pointer's target cannot be shown as bytes (gdb: `<synthetic pointer>`).
    SyntheticPointer,
    /// The expression is malformed or uses what this evaluator does not know.
    Unsupported(String),
}

/// A location attribute kept for later evaluation: the unit it belongs to and its expression or
/// location list.
#[derive(Clone, Debug, PartialEq)]
pub struct LocationAttr {
    unit: usize,
    source: LocationSource,
}

#[derive(Clone, Debug, PartialEq)]
enum LocationSource {
    Expression(Expression<Reader>),
    List(gimli::LocationListsOffset),
}

impl Eq for LocationAttr {}

impl LocationAttr {
    /// The location in `value` (an exprloc, a location list reference or index) of a DIE in unit
    /// number `unit` of the module; None for other forms.
    pub(crate) fn from_attr(
        dwarf: &gimli::Dwarf<Reader>,
        unit_index: usize,
        unit: &gimli::Unit<Reader>,
        value: AttributeValue<Reader>,
    ) -> Option<LocationAttr> {
        let source = match value {
            AttributeValue::Exprloc(expr) => LocationSource::Expression(expr),
            AttributeValue::Block(bytes) => LocationSource::Expression(Expression(bytes)),
            other => LocationSource::List(dwarf.attr_locations_offset(unit, other).ok()??),
        };
        Some(LocationAttr { unit: unit_index, source })
    }

    /// The single expression, when the attribute is not a location list.
    pub(crate) fn expression(&self) -> Option<&Expression<Reader>> {
        match &self.source {
            LocationSource::Expression(expr) => Some(expr),
            LocationSource::List(_) => None,
        }
    }
}

/// gdb gives up on expressions that loop (DW_OP_skip backwards) after this many operations.
const MAX_OPERATIONS: u32 = 100_000;

impl Module {
    /// Where the object described by `attr` is when the frame's pc is `pc`.
    pub fn evaluate_location(
        &self,
        attr: &LocationAttr,
        pc: FileAddr,
        ctx: &mut dyn LocationContext,
    ) -> Result<LocationResult, LocationError> {
        self.evaluate(attr, pc, ctx, false)
    }

    /// Runs the expression that applies at `pc`; `as_value` for a DWARF expression whose result is
    /// the value itself (see `value_expression`).
    fn evaluate(
        &self,
        attr: &LocationAttr,
        pc: FileAddr,
        ctx: &mut dyn LocationContext,
        as_value: bool,
    ) -> Result<LocationResult, LocationError> {
        let debug = self.debug();
        let unit = &debug.units.get(attr.unit).ok_or(LocationError::OptimizedOut)?.unit;
        let Some(expr) = select_expression(&debug.dwarf, unit, attr, pc.0) else {
            return Ok(LocationResult::OptimizedOut);
        };
        if expr.0.is_empty() {
            return Ok(LocationResult::OptimizedOut);
        }
        let expr = if as_value { value_expression(unit.encoding(), expr) } else { expr };
        let pieces = run(unit.encoding(), Some((&debug.dwarf, unit)), expr, ctx)?;
        Ok(to_result(pieces))
    }

    /// The number a DWARF expression (not a location description) computes: DW_AT_call_value,
    /// DW_AT_call_target, a frame base. A register result is the register's value.
    pub fn evaluate_value(
        &self,
        attr: &LocationAttr,
        pc: FileAddr,
        ctx: &mut dyn LocationContext,
    ) -> Result<u64, LocationError> {
        match self.evaluate(attr, pc, ctx, true)? {
            LocationResult::Memory(addr) => Ok(addr),
            LocationResult::Register(number) => ctx.register(number).ok_or(LocationError::OptimizedOut),
            LocationResult::Value(bytes) => Ok(little_endian(&bytes)),
            LocationResult::ImplicitPointer { .. } => Err(LocationError::SyntheticPointer),
            LocationResult::Pieces(_) | LocationResult::OptimizedOut => Err(LocationError::OptimizedOut),
        }
    }

    /// gdb's `read_variable_at_entry`: for a location list the expression at the function's entry
    /// `entry`, and when that is a lone DW_OP_regN or DW_OP_fbreg, the caller-side binding the
    /// entry value comes from. None otherwise (gdb then shows no `@entry` value).
    pub fn entry_value_kind(&self, attr: &LocationAttr, entry: FileAddr) -> Option<EntryValueOf> {
        let debug = self.debug();
        let unit = &debug.units.get(attr.unit)?.unit;
        let expr = select_expression(&debug.dwarf, unit, attr, entry.0)?;
        let mut ops = expr.operations(unit.encoding());
        let first = ops.next().ok()??;
        if !matches!(ops.next(), Ok(None)) {
            return None;
        }
        match first {
            Operation::Register { register } => {
                Some(EntryValueOf::Register { number: register.0, deref: None })
            }
            Operation::FrameOffset { offset } => Some(EntryValueOf::FrameOffset(offset)),
            _ => None,
        }
    }
}

/// A value expression (DW_AT_call_value ...) ends with its value on the stack, which gimli reads
/// as an address and refuses when it is typed (`DW_OP_const_type double 2.25`). Ending it with
/// DW_OP_stack_value keeps the value, typed or not. Expressions that already end in a location
/// (DW_OP_regN, DW_OP_stack_value, pieces) are left as they are.
fn value_expression(encoding: gimli::Encoding, expr: Expression<Reader>) -> Expression<Reader> {
    let mut ops = expr.clone().operations(encoding);
    let mut describes_location = false;
    loop {
        match ops.next() {
            Ok(Some(
                Operation::Register { .. }
                | Operation::StackValue
                | Operation::Piece { .. }
                | Operation::ImplicitValue { .. }
                | Operation::ImplicitPointer { .. },
            )) => describes_location = true,
            Ok(Some(_)) => {}
            Ok(None) => break,
            // A damaged expression fails in the evaluator with its own error.
            Err(_) => return expr,
        }
    }
    if describes_location {
        return expr;
    }
    let mut bytes = expr.0.to_vec();
    bytes.push(gimli::DW_OP_stack_value.0);
    Expression(gimli::EndianReader::new(SharedBytes::owned(bytes), gimli::LittleEndian))
}

/// The expression that applies at `pc`: the attribute's own, or the location-list entry covering
/// `pc` (a bounded entry first, else a DWARF 5 default location entry).
fn select_expression(
    dwarf: &gimli::Dwarf<Reader>,
    unit: &gimli::Unit<Reader>,
    attr: &LocationAttr,
    pc: u64,
) -> Option<Expression<Reader>> {
    let offset = match &attr.source {
        LocationSource::Expression(expr) => return Some(expr.clone()),
        LocationSource::List(offset) => *offset,
    };
    let mut entries = dwarf.locations(unit, offset).ok()?;
    let mut default = None;
    // A damaged list ends the search: what was not found is optimized out.
    while let Ok(Some(entry)) = entries.next() {
        if entry.range.begin == 0 && entry.range.end == u64::MAX {
            default = Some(entry.data);
        } else if entry.range.begin <= pc && pc < entry.range.end {
            return Some(entry.data);
        }
    }
    default
}

/// Runs `expr` to completion, answering the evaluator's questions from `ctx`.
/// `unit` (with its DWARF) answers base-type and `.debug_addr` questions; without it those fail.
fn run(
    encoding: gimli::Encoding,
    unit: Option<(&gimli::Dwarf<Reader>, &gimli::Unit<Reader>)>,
    expr: Expression<Reader>,
    ctx: &mut dyn LocationContext,
) -> Result<Vec<gimli::Piece<Reader>>, LocationError> {
    let malformed = |e: gimli::Error| LocationError::Unsupported(format!("DWARF expression error: {e}"));
    let no_unit = || LocationError::Unsupported("DWARF expression needs its unit".to_string());
    let mut eval = expr.evaluation(encoding);
    eval.set_max_iterations(MAX_OPERATIONS);
    let mut state = eval.evaluate().map_err(malformed)?;
    loop {
        state = match state {
            EvaluationResult::Complete => return Ok(eval.result()),
            EvaluationResult::RequiresMemory { address, size, base_type, .. } => {
                let size = usize::from(size).clamp(1, 8);
                let mut buf = [0u8; 8];
                if !ctx.read_memory(address, &mut buf[..size]) {
                    return Err(LocationError::Memory(address));
                }
                let raw = u64::from_le_bytes(buf);
                let value = typed_value(unit.map(|(_, u)| u), base_type, raw, &buf[..size])?;
                eval.resume_with_memory(value)
            }
            EvaluationResult::RequiresRegister { register, base_type } => {
                let value = if base_type.0 == 0 {
                    Value::Generic(ctx.register(register.0).ok_or(LocationError::OptimizedOut)?)
                } else {
                    let bytes = ctx.register_bytes(register.0).ok_or(LocationError::OptimizedOut)?;
                    typed_value(unit.map(|(_, u)| u), base_type, little_endian(&bytes), &bytes)?
                };
                eval.resume_with_register(value)
            }
            EvaluationResult::RequiresFrameBase => {
                eval.resume_with_frame_base(ctx.frame_base().ok_or(LocationError::OptimizedOut)?)
            }
            EvaluationResult::RequiresCallFrameCfa => {
                eval.resume_with_call_frame_cfa(ctx.cfa().ok_or(LocationError::OptimizedOut)?)
            }
            EvaluationResult::RequiresTls(offset) => {
                let base = ctx.tls_base().ok_or(LocationError::OptimizedOut)?;
                eval.resume_with_tls(base.wrapping_add(offset))
            }
            EvaluationResult::RequiresRelocatedAddress(address) => {
                eval.resume_with_relocated_address(address.wrapping_add(ctx.load_bias()))
            }
            EvaluationResult::RequiresIndexedAddress { index, relocate } => {
                let (dwarf, unit) = unit.ok_or_else(no_unit)?;
                let address = dwarf.address(unit, index).map_err(malformed)?;
                let address = if relocate { address.wrapping_add(ctx.load_bias()) } else { address };
                eval.resume_with_indexed_address(address)
            }
            EvaluationResult::RequiresEntryValue(inner) => {
                // gdb accepts a lone DW_OP_regN, or DW_OP_bregN 0; DW_OP_deref(_size) for the
                // value the register pointed to.
                let (of, value_type) =
                    entry_value_operand(encoding, inner).ok_or(LocationError::OptimizedOut)?;
                let raw = ctx.entry_value(of).ok_or(LocationError::OptimizedOut)?;
                let value = if value_type.0 == 0 {
                    Value::Generic(raw)
                } else {
                    typed_value(unit.map(|(_, u)| u), value_type, raw, &raw.to_le_bytes())?
                };
                eval.resume_with_entry_value(value)
            }
            EvaluationResult::RequiresParameterRef(offset) => {
                let (_, unit) = unit.ok_or_else(no_unit)?;
                let die = offset.to_debug_info_offset(&unit.header).ok_or(LocationError::OptimizedOut)?;
                let value =
                    ctx.entry_value(EntryValueOf::Parameter(die.0)).ok_or(LocationError::OptimizedOut)?;
                eval.resume_with_parameter_ref(value)
            }
            EvaluationResult::RequiresBaseType(offset) => {
                eval.resume_with_base_type(base_type(unit.map(|(_, u)| u), offset)?)
            }
            EvaluationResult::RequiresAtLocation(_) => {
                return Err(LocationError::Unsupported("DW_OP_call is not supported".to_string()))
            }
            EvaluationResult::RequiresWasmLocal { .. }
            | EvaluationResult::RequiresWasmGlobal { .. }
            | EvaluationResult::RequiresWasmStack { .. } => {
                return Err(LocationError::Unsupported("WebAssembly locations".to_string()))
            }
        }
        .map_err(malformed)?;
    }
}

/// The operand of DW_OP_entry_value in the forms gdb resolves, with the base type a
/// DW_OP_regval_type operand gives the value (a `double` in xmm0); offset 0 for an untyped one.
fn entry_value_operand(
    encoding: gimli::Encoding,
    expr: Expression<Reader>,
) -> Option<(EntryValueOf, UnitOffset)> {
    let ops: Vec<Operation<Reader>> = {
        let mut iter = expr.operations(encoding);
        let mut out = Vec::new();
        while let Ok(Some(op)) = iter.next() {
            out.push(op);
            if out.len() > 2 {
                return None;
            }
        }
        out
    };
    let untyped = UnitOffset(0);
    match ops.as_slice() {
        [Operation::Register { register }] => {
            Some((EntryValueOf::Register { number: register.0, deref: None }, untyped))
        }
        [Operation::RegisterOffset { register, offset: 0, base_type }] if base_type.0 != 0 => {
            Some((EntryValueOf::Register { number: register.0, deref: None }, *base_type))
        }
        [Operation::RegisterOffset { register, offset: 0, .. }, Operation::Deref { size, space: false, .. }] => {
            Some((EntryValueOf::Register { number: register.0, deref: Some(*size) }, untyped))
        }
        _ => None,
    }
}

/// The evaluator's value type for the base type DIE at `offset` (DW_OP_convert, typed registers).
fn base_type(unit: Option<&gimli::Unit<Reader>>, offset: UnitOffset) -> Result<ValueType, LocationError> {
    if offset.0 == 0 {
        return Ok(ValueType::Generic);
    }
    let bad = || LocationError::Unsupported("bad base type in DWARF expression".to_string());
    let unit = unit.ok_or_else(bad)?;
    let entry = unit.entry(offset).map_err(|_| bad())?;
    let encoding = match entry.attr_value(gimli::DW_AT_encoding) {
        Some(AttributeValue::Encoding(e)) => e,
        _ => return Err(bad()),
    };
    let size = entry.attr_value(gimli::DW_AT_byte_size).and_then(|v| v.udata_value()).ok_or_else(bad)?;
    ValueType::from_encoding(encoding, size).ok_or_else(bad)
}

fn typed_value(
    unit: Option<&gimli::Unit<Reader>>,
    offset: UnitOffset,
    raw: u64,
    bytes: &[u8],
) -> Result<Value, LocationError> {
    let ty = base_type(unit, offset)?;
    let value = match ty {
        ValueType::F32 => Value::F32(f32::from_bits(raw as u32)),
        ValueType::F64 => Value::F64(f64::from_bits(little_endian(bytes))),
        _ => Value::from_u64(ty, raw).map_err(|e| LocationError::Unsupported(e.to_string()))?,
    };
    Ok(value)
}

fn little_endian(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    let n = bytes.len().min(8);
    raw[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(raw)
}

/// A value's bytes, little-endian, as wide as its type (an untyped value is address-sized).
fn value_bytes(value: Value) -> Vec<u8> {
    match value {
        Value::Generic(v) | Value::U64(v) => v.to_le_bytes().to_vec(),
        Value::I64(v) => v.to_le_bytes().to_vec(),
        Value::I8(v) => v.to_le_bytes().to_vec(),
        Value::U8(v) => v.to_le_bytes().to_vec(),
        Value::I16(v) => v.to_le_bytes().to_vec(),
        Value::U16(v) => v.to_le_bytes().to_vec(),
        Value::I32(v) => v.to_le_bytes().to_vec(),
        Value::U32(v) => v.to_le_bytes().to_vec(),
        Value::F32(v) => v.to_le_bytes().to_vec(),
        Value::F64(v) => v.to_le_bytes().to_vec(),
    }
}

fn piece_location(location: Location<Reader>) -> LocationResult {
    use gimli::Reader as _;
    match location {
        Location::Empty => LocationResult::OptimizedOut,
        Location::Register { register } => LocationResult::Register(register.0),
        Location::Address { address } => LocationResult::Memory(address),
        Location::Value { value } => LocationResult::Value(value_bytes(value)),
        Location::Bytes { value } => {
            LocationResult::Value(value.to_slice().map(|s| s.to_vec()).unwrap_or_default())
        }
        Location::ImplicitPointer { value, byte_offset } => {
            LocationResult::ImplicitPointer { die: value.0, offset: byte_offset }
        }
    }
}

fn to_result(pieces: Vec<gimli::Piece<Reader>>) -> LocationResult {
    match pieces.len() {
        0 => LocationResult::OptimizedOut,
        1 if pieces[0].size_in_bits.is_none() => {
            pieces.into_iter().next().map_or(LocationResult::OptimizedOut, |p| piece_location(p.location))
        }
        _ => LocationResult::Pieces(
            pieces
                .into_iter()
                .map(|p| LocationPiece {
                    size_bits: p.size_in_bits.unwrap_or(0),
                    bit_offset: p.bit_offset.unwrap_or(0),
                    location: piece_location(p.location),
                })
                .collect(),
        ),
    }
}

/// The `size` bytes of the object at `result`: read from memory or registers, taken from a known
/// value, or assembled from pieces. An object any part of which is missing is optimized out.
pub fn read_location_bytes(
    result: &LocationResult,
    size: usize,
    ctx: &mut dyn LocationContext,
) -> Result<Vec<u8>, LocationError> {
    match result {
        LocationResult::Memory(addr) => {
            let mut buf = vec![0u8; size];
            if ctx.read_memory(*addr, &mut buf) {
                Ok(buf)
            } else {
                Err(LocationError::Memory(*addr))
            }
        }
        LocationResult::Register(number) => {
            let bytes = ctx.register_bytes(*number).ok_or(LocationError::OptimizedOut)?;
            fit(bytes, size)
        }
        LocationResult::Value(bytes) => fit(bytes.clone(), size),
        LocationResult::ImplicitPointer { .. } => Err(LocationError::SyntheticPointer),
        LocationResult::OptimizedOut => Err(LocationError::OptimizedOut),
        LocationResult::Pieces(pieces) => {
            let mut bits = vec![false; size * 8];
            let mut out = vec![0u8; size];
            let mut at = 0usize;
            for piece in pieces {
                let width = usize::try_from(piece.size_bits).unwrap_or(usize::MAX);
                if at >= bits.len() {
                    break;
                }
                let take = width.min(bits.len() - at);
                let source_bytes =
                    take.div_ceil(8) + usize::try_from(piece.bit_offset.div_ceil(8)).unwrap_or(0);
                let source = match &piece.location {
                    LocationResult::OptimizedOut => {
                        at += take;
                        continue;
                    }
                    LocationResult::Pieces(_) => return Err(LocationError::OptimizedOut),
                    other => read_location_bytes(other, source_bytes.max(1), ctx)?,
                };
                let skip = usize::try_from(piece.bit_offset).unwrap_or(0);
                for i in 0..take {
                    let from = skip + i;
                    let bit = source.get(from / 8).is_some_and(|b| b >> (from % 8) & 1 == 1);
                    let to = at + i;
                    if bit {
                        out[to / 8] |= 1 << (to % 8);
                    }
                    bits[to] = true;
                }
                at += take;
            }
            if bits.iter().all(|b| *b) {
                Ok(out)
            } else {
                Err(LocationError::OptimizedOut)
            }
        }
    }
}

/// `bytes` cut or zero-extended to `size` (a value narrower than its object is optimized out in
/// its upper part only when it is a piece; a whole value is extended, as gdb does for stack values).
fn fit(mut bytes: Vec<u8>, size: usize) -> Result<Vec<u8>, LocationError> {
    bytes.resize(size, 0);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        regs: [u64; 17],
        memory: (u64, Vec<u8>),
        entry: Option<u64>,
    }

    impl LocationContext for Fake {
        fn register(&mut self, number: u16) -> Option<u64> {
            self.regs.get(usize::from(number)).copied()
        }
        fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> bool {
            let (base, bytes) = &self.memory;
            let Some(start) = addr.checked_sub(*base).and_then(|s| usize::try_from(s).ok()) else {
                return false;
            };
            match bytes.get(start..start + buf.len()) {
                Some(src) => {
                    buf.copy_from_slice(src);
                    true
                }
                None => false,
            }
        }
        fn frame_base(&mut self) -> Option<u64> {
            Some(0x1000)
        }
        fn cfa(&mut self) -> Option<u64> {
            Some(0x1010)
        }
        fn load_bias(&self) -> u64 {
            0x5555_0000_0000
        }
        fn entry_value(&mut self, of: EntryValueOf) -> Option<u64> {
            (of == EntryValueOf::Register { number: 5, deref: None }).then_some(self.entry?)
        }
    }

    fn fake() -> Fake {
        let mut regs = [0u64; 17];
        regs[0] = 42;
        regs[5] = 0x2000;
        regs[7] = 0x1000;
        Fake { regs, memory: (0x1000, (0u8..32).collect()), entry: Some(6) }
    }

    fn eval(bytes: &[u8], ctx: &mut Fake) -> Result<LocationResult, LocationError> {
        let encoding = gimli::Encoding { format: gimli::Format::Dwarf32, version: 5, address_size: 8 };
        let reader =
            Reader::new(super::super::reader::SharedBytes::owned(bytes.to_vec()), gimli::LittleEndian);
        run(encoding, None, Expression(reader), ctx).map(to_result)
    }

    #[test]
    fn registers_frame_base_and_addresses() {
        let mut ctx = fake();
        assert_eq!(eval(&[0x55], &mut ctx), Ok(LocationResult::Register(5))); // DW_OP_reg5
                                                                              // DW_OP_fbreg -4
        assert_eq!(eval(&[0x91, 0x7c], &mut ctx), Ok(LocationResult::Memory(0x0ffc)));
        // DW_OP_call_frame_cfa
        assert_eq!(eval(&[0x9c], &mut ctx), Ok(LocationResult::Memory(0x1010)));
        // DW_OP_addr 0x4010, relocated
        let addr = [0x03, 0x10, 0x40, 0, 0, 0, 0, 0, 0];
        assert_eq!(eval(&addr, &mut ctx), Ok(LocationResult::Memory(0x5555_0000_4010)));
        // DW_OP_breg0 +1, DW_OP_stack_value
        assert_eq!(
            eval(&[0x70, 0x01, 0x9f], &mut ctx),
            Ok(LocationResult::Value(43u64.to_le_bytes().to_vec()))
        );
    }

    #[test]
    fn entry_values_and_pieces() {
        let mut ctx = fake();
        // DW_OP_entry_value(DW_OP_reg5), DW_OP_stack_value
        let expr = [0xa3, 0x01, 0x55, 0x9f];
        assert_eq!(eval(&expr, &mut ctx), Ok(LocationResult::Value(6u64.to_le_bytes().to_vec())));
        ctx.entry = None;
        assert_eq!(eval(&expr, &mut ctx), Err(LocationError::OptimizedOut));
        // DW_OP_reg0 DW_OP_piece 4, DW_OP_piece 4 (second half optimized out)
        let result = eval(&[0x50, 0x93, 0x04, 0x93, 0x04], &mut ctx).expect("pieces");
        assert_eq!(read_location_bytes(&result, 4, &mut ctx), Ok(vec![42, 0, 0, 0]));
        assert_eq!(read_location_bytes(&result, 8, &mut ctx), Err(LocationError::OptimizedOut));
        // DW_OP_breg7 0 DW_OP_deref: memory at 0x1000 holds bytes 0..8
        let result = eval(&[0x77, 0x00, 0x06], &mut ctx).expect("deref");
        assert_eq!(result, LocationResult::Memory(u64::from_le_bytes([0, 1, 2, 3, 4, 5, 6, 7])));
        // Unreadable memory is an error naming the address.
        assert_eq!(eval(&[0x75, 0x00, 0x06], &mut ctx), Err(LocationError::Memory(0x2000)));
    }
}

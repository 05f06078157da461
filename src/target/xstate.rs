//! The extended (x87, SSE, AVX, AVX-512) register state of a thread, as the XSAVE area that
//! PTRACE_GETREGSET(NT_X86_XSTATE) returns. The kernel hands it over in the standard (non-compacted)
//! layout, so each component sits at a fixed offset. Accessors return zeros for components the CPU
//! lacks or that are in their init state (XSTATE_BV bit clear), which is what the CPU would load.

/// Offsets in the standard-format XSAVE area (Intel SDM vol. 1, 13.4 and 13.5).
mod offset {
    pub const FCW: usize = 0;
    pub const FSW: usize = 2;
    pub const FTW_ABRIDGED: usize = 4;
    pub const FOP: usize = 6;
    pub const FIP: usize = 8;
    pub const FDP: usize = 16;
    pub const MXCSR: usize = 24;
    pub const ST: usize = 32;
    pub const XMM: usize = 160;
    /// Linux stores the enabled feature mask (XCR0) in the software-reserved bytes here.
    pub const SW_XCR0: usize = 464;
    pub const XSTATE_BV: usize = 512;
    pub const YMM_HI128: usize = 576;
    pub const OPMASK: usize = 1088;
    pub const ZMM_HI256: usize = 1152;
    pub const HI16_ZMM: usize = 1664;
    pub const PKRU: usize = 2688;
}

/// Feature bits of XCR0 / XSTATE_BV.
pub mod feature {
    pub const X87: u64 = 1 << 0;
    pub const SSE: u64 = 1 << 1;
    pub const AVX: u64 = 1 << 2;
    pub const OPMASK: u64 = 1 << 5;
    pub const ZMM_HI256: u64 = 1 << 6;
    pub const HI16_ZMM: u64 = 1 << 7;
    pub const PKRU: u64 = 1 << 9;
    pub const AVX512: u64 = OPMASK | ZMM_HI256 | HI16_ZMM;
}

/// A copy of one thread's XSAVE area.
#[derive(Clone, Debug)]
pub struct ExtendedRegisters {
    pub xsave: Vec<u8>,
}

impl ExtendedRegisters {
    pub fn from_xsave(xsave: Vec<u8>) -> Self {
        ExtendedRegisters { xsave }
    }

    fn bytes<const N: usize>(&self, at: usize) -> [u8; N] {
        let mut out = [0u8; N];
        if let Some(src) = self.xsave.get(at..at + N) {
            out.copy_from_slice(src);
        }
        out
    }

    fn u16_at(&self, at: usize) -> u16 {
        u16::from_le_bytes(self.bytes(at))
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.bytes(at))
    }

    fn u64_at(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.bytes(at))
    }

    /// The features the OS enabled (XCR0), i.e. which registers exist on this machine.
    pub fn enabled_features(&self) -> u64 {
        let xcr0 = self.u64_at(offset::SW_XCR0);
        if xcr0 == 0 {
            feature::X87 | feature::SSE
        } else {
            xcr0
        }
    }

    /// Components holding live (non-init) state.
    fn live(&self, feature: u64) -> bool {
        self.xsave.len() <= offset::XSTATE_BV || self.u64_at(offset::XSTATE_BV) & feature != 0
    }

    pub fn has_avx(&self) -> bool {
        self.enabled_features() & feature::AVX != 0
    }

    pub fn has_avx512(&self) -> bool {
        self.enabled_features() & feature::AVX512 == feature::AVX512
    }

    pub fn has_pkru(&self) -> bool {
        self.enabled_features() & feature::PKRU != 0
    }

    /// The number of vector registers: 32 with AVX-512, else 16.
    pub fn vector_count(&self) -> usize {
        if self.has_avx512() {
            32
        } else {
            16
        }
    }

    pub fn fctrl(&self) -> u16 {
        self.u16_at(offset::FCW)
    }
    pub fn fstat(&self) -> u16 {
        self.u16_at(offset::FSW)
    }
    /// The abridged (one bit per register) tag word FXSAVE stores.
    pub fn ftag_abridged(&self) -> u8 {
        self.bytes::<1>(offset::FTW_ABRIDGED)[0]
    }
    pub fn fop(&self) -> u16 {
        self.u16_at(offset::FOP)
    }
    pub fn fioff(&self) -> u32 {
        self.u32_at(offset::FIP)
    }
    pub fn fiseg(&self) -> u16 {
        self.u16_at(offset::FIP + 4)
    }
    pub fn fooff(&self) -> u32 {
        self.u32_at(offset::FDP)
    }
    pub fn foseg(&self) -> u16 {
        self.u16_at(offset::FDP + 4)
    }
    pub fn mxcsr(&self) -> u32 {
        self.u32_at(offset::MXCSR)
    }

    /// The 80-bit x87 register `st(i)` in physical stack order as FXSAVE stores it (ST0 first).
    pub fn st(&self, i: usize) -> [u8; 10] {
        self.bytes(offset::ST + 16 * i)
    }

    /// The low 128 bits of vector register `i`.
    pub fn xmm(&self, i: usize) -> [u8; 16] {
        match i {
            0..=15 if self.live(feature::SSE) => self.bytes(offset::XMM + 16 * i),
            16..=31 if self.live(feature::HI16_ZMM) => self.bytes(offset::HI16_ZMM + 64 * (i - 16)),
            _ => [0; 16],
        }
    }

    /// Sets the low 128 bits of xmm register `i` (0-15), marking the SSE state live so the CPU
    /// loads it rather than its init state.
    pub fn set_xmm(&mut self, i: usize, value: [u8; 16]) {
        let at = offset::XMM + 16 * i;
        if i >= 16 || self.xsave.len() < at + 16 {
            return;
        }
        self.xsave[at..at + 16].copy_from_slice(&value);
        if self.xsave.len() >= offset::XSTATE_BV + 8 {
            let live = self.u64_at(offset::XSTATE_BV) | feature::SSE;
            self.xsave[offset::XSTATE_BV..offset::XSTATE_BV + 8].copy_from_slice(&live.to_le_bytes());
        }
    }

    /// The low 256 bits of vector register `i`.
    pub fn ymm(&self, i: usize) -> [u8; 32] {
        let mut out = [0u8; 32];
        out[..16].copy_from_slice(&self.xmm(i));
        let high: [u8; 16] = match i {
            0..=15 if self.live(feature::AVX) => self.bytes(offset::YMM_HI128 + 16 * i),
            16..=31 if self.live(feature::HI16_ZMM) => self.bytes(offset::HI16_ZMM + 64 * (i - 16) + 16),
            _ => [0; 16],
        };
        out[16..].copy_from_slice(&high);
        out
    }

    /// All 512 bits of vector register `i`.
    pub fn zmm(&self, i: usize) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&self.ymm(i));
        let high: [u8; 32] = match i {
            0..=15 if self.live(feature::ZMM_HI256) => self.bytes(offset::ZMM_HI256 + 32 * i),
            16..=31 if self.live(feature::HI16_ZMM) => self.bytes(offset::HI16_ZMM + 64 * (i - 16) + 32),
            _ => [0; 32],
        };
        out[32..].copy_from_slice(&high);
        out
    }

    /// AVX-512 opmask register `k(i)`.
    pub fn k(&self, i: usize) -> u64 {
        if self.live(feature::OPMASK) {
            self.u64_at(offset::OPMASK + 8 * i)
        } else {
            0
        }
    }

    pub fn pkru(&self) -> u32 {
        if self.live(feature::PKRU) {
            self.u32_at(offset::PKRU)
        } else {
            0
        }
    }
}

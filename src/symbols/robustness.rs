//! Damaged binaries: truncated files must be refused with an error, and bit-flipped ones must either be
//! refused or answer every query without panicking.

use std::path::{Path, PathBuf};

use object::{Object, ObjectSection};

use super::{Module, SymbolsError};
use crate::addr::FileAddr;
use crate::test_programs;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rdbg-symbols-robustness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// Runs every query of the API; a panic anywhere fails the test.
fn exercise(module: &Module) {
    let _ = (module.is_pie(), module.entry(), module.has_debug_info(), module.path());
    for name in ["main", "add", "scale", "printf", "limits", "nosuch"] {
        let _ = module.lookup_symbol(name);
        let _ = module.resolve_function(name);
    }
    for line in [0, 1, 10, 29, 36, 1000] {
        let _ = module.resolve_line(None, line);
        let _ = module.resolve_line(Some("basics.c"), line);
    }
    let _ = module.default_file();
    let _ = module.function_names();
    let _ = module.source_file_names();
    for addr in (0..0x5000u64).step_by(3).chain([u64::MAX, u64::MAX - 1]) {
        let addr = FileAddr(addr);
        let _ = module.symbolize(addr);
        let _ = module.function_at(addr);
        let _ = module.source_location(addr);
        let _ = module.line_range(addr);
        let _ = module.section_containing(addr);
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn truncated_files_are_refused() {
    let bytes = std::fs::read(test_programs::c_program("basics")).expect("read basics");
    for len in [0, 3, 4, 15, 16, 63, 64, 200, bytes.len() / 4, bytes.len() / 2, bytes.len() - 1] {
        let path = scratch(&format!("truncated-{len}"));
        std::fs::write(&path, &bytes[..len]).expect("write");
        match Module::load(&path) {
            Err(SymbolsError::NotElf(p) | SymbolsError::MalformedElf { path: p, .. }) => {
                assert!(p.is_absolute(), "errors name the absolute path");
            }
            Err(other) => panic!("truncated to {len}: unexpected error {other}"),
            Ok(_) => panic!("truncated to {len} bytes but loaded"),
        }
    }
}

#[test]
fn bit_flipped_files_never_panic() {
    let bytes = std::fs::read(test_programs::c_program("basics")).expect("read basics");
    let file = object::File::parse(&*bytes).expect("parse basics");
    // Half of the damage goes into the debug sections, where the lazy DWARF readers work.
    let debug: Vec<(usize, usize)> = file
        .sections()
        .filter(|s| s.name().is_ok_and(|n| n.starts_with(".debug")))
        .filter_map(|s| s.file_range())
        .map(|(o, l)| (o as usize, l as usize))
        .filter(|&(_, l)| l > 0)
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let path = scratch("flipped");
    let mut loaded = 0;
    for _ in 0..300 {
        let mut damaged = bytes.clone();
        for _ in 0..1 + rng.below(8) {
            let at = if rng.below(2) == 0 {
                rng.below(damaged.len())
            } else {
                let (o, l) = debug[rng.below(debug.len())];
                o + rng.below(l)
            };
            damaged[at] ^= 1 << rng.below(8);
        }
        std::fs::write(&path, &damaged).expect("write");
        if let Ok(module) = Module::load(&path) {
            loaded += 1;
            exercise(&module);
        }
    }
    assert!(loaded > 0, "some damaged files still load, so the queries were exercised");
}

#[test]
fn load_errors_speak_gdb() {
    let missing = Path::new("/nonexistent/rdbg-prog");
    let err = Module::load(missing).err().expect("missing file");
    assert_eq!(err.to_string(), "/nonexistent/rdbg-prog: No such file or directory.");
    let text = scratch("not-elf.txt");
    std::fs::write(&text, "just some text, long enough to have a header").expect("write");
    let err = Module::load(&text).err().expect("text file");
    assert_eq!(
        err.to_string(),
        format!("\"{}\": not in executable format: file format not recognized", text.display())
    );
}

#[test]
fn intact_program_answers_everything() {
    let module = Module::load(&test_programs::c_program("basics")).expect("load basics");
    assert!(module.is_pie() && module.has_debug_info());
    assert_eq!(module.default_file().as_deref(), Some("basics.c"));
    // Headers named by the line table count too, as in gdb's `info sources`.
    let files = module.source_file_names();
    assert!(files.contains(&"basics.c".to_string()) && files.contains(&"stdio.h".to_string()), "{files:?}");
    let names = module.function_names();
    for f in ["add", "main", "scale", "tick", "_start"] {
        assert!(names.iter().any(|n| n == f), "{f} in {names:?}");
    }
    let add = module.lookup_symbol("add").expect("add symbol");
    let func = module.function_at(add.offset(3)).expect("function at add+3");
    assert_eq!((func.name.as_str(), func.low), ("add", add));
    assert_eq!(module.section_containing(add).as_deref(), Some(".text"));
    assert_eq!(module.symbolize(add.offset(8)), Some(("add".to_string(), 8)));
    // `break LINE` uses main's file; the errors are gdb's words.
    assert_eq!(module.resolve_line(None, 29).ok(), module.resolve_line(Some("basics.c"), 29).ok());
    let message = |r: Result<Vec<crate::symbols::CodeLocation>, SymbolsError>| r.err().map(|e| e.to_string());
    assert_eq!(message(module.resolve_line(None, 37)).as_deref(), Some("No line 37 in the current file."));
    assert_eq!(
        message(module.resolve_line(Some("basics.c"), 37)).as_deref(),
        Some("No line 37 in file \"basics.c\".")
    );
    assert_eq!(
        message(module.resolve_line(Some("nosuch.c"), 3)).as_deref(),
        Some("No source file named nosuch.c.")
    );
    exercise(&module);
}

#[test]
fn module_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync>(_: &T) {}
    let module = Module::load(&test_programs::c_program("basics")).expect("load basics");
    shareable(&module);
    // Lazily built indexes are safe to build from two threads at once.
    std::thread::scope(|s| {
        let a = s.spawn(|| module.resolve_function("add"));
        let b = s.spawn(|| module.resolve_function("add"));
        assert_eq!(a.join().ok(), b.join().ok());
    });
}

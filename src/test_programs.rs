//! Builds the programs in `test-programs/` on demand, for unit tests, integration tests and benchmarks.
//!
//! A fresh clone needs no manual step: the first test that asks for `basics` compiles
//! `test-programs/basics.c` with `gcc -g -O0` into `target/test-programs/`, and later asks reuse the binary
//! while it is newer than its source. Compilation runs in the `test-programs/` directory with a relative
//! source name, so DWARF names the file `basics.c`, as gdb users see it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Serialises builds inside one test process; the atomic rename below covers parallel processes.
static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder holding the test programs' sources.
pub fn source_dir() -> PathBuf {
    repo_root().join("test-programs")
}

fn output_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
        .join("test-programs");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Builds `test-programs/NAME.c` (C) with `gcc -g -O0` and returns the executable's path.
/// A program that needs shared libraries says so in its source (see `LinkRecipe`).
pub fn c_program(name: &str) -> PathBuf {
    let source = format!("{name}.c");
    let recipe = LinkRecipe::read(&source_dir().join(&source));
    let after = recipe.link_arguments();
    build_with(name, &source, "gcc", &["-g", "-O0"], &after, name)
}

/// Builds `test-programs/NAME.c` as `libNAME.so` (`gcc -g -O0 -shared -fPIC`) and returns its path.
pub fn shared_library(name: &str) -> PathBuf {
    build(name, &format!("{name}.c"), "gcc", &["-g", "-O0", "-shared", "-fPIC"], &format!("lib{name}.so"))
}

/// Builds `test-programs/NAME.c` as `libNAME.so` without debug info (code `step` must step over).
pub fn shared_library_without_debug_info(name: &str) -> PathBuf {
    build(name, &format!("{name}.c"), "gcc", &["-g0", "-O0", "-shared", "-fPIC"], &format!("lib{name}.so"))
}

/// What a test program's source asks for with `rdbg-test:` lines in a comment:
/// `rdbg-test: link-shared NAME` builds libNAME.so and links the program with it (found at run time
/// through an rpath to the build folder; `link-shared-nodebug NAME` the same without debug info),
/// `rdbg-test: shared NAME` builds libNAME.so next to the
/// program for it to dlopen, `rdbg-test: flags FLAGS` adds link flags (`-ldl`).
#[derive(Default)]
struct LinkRecipe {
    linked: Vec<String>,
    flags: Vec<String>,
}

impl LinkRecipe {
    fn read(source: &Path) -> LinkRecipe {
        let mut recipe = LinkRecipe::default();
        let text = std::fs::read_to_string(source).unwrap_or_default();
        for line in text.lines() {
            let Some((_, directive)) = line.split_once("rdbg-test:") else { continue };
            let directive = directive.split("*/").next().unwrap_or_default();
            let mut words = directive.split_whitespace();
            match words.next() {
                Some("link-shared") => {
                    for lib in words {
                        shared_library(lib);
                        recipe.linked.push(lib.to_string());
                    }
                }
                Some("link-shared-nodebug") => {
                    for lib in words {
                        shared_library_without_debug_info(lib);
                        recipe.linked.push(lib.to_string());
                    }
                }
                Some("shared") => words.for_each(|lib| {
                    shared_library(lib);
                }),
                Some("flags") => recipe.flags.extend(words.map(String::from)),
                _ => {}
            }
        }
        recipe
    }

    /// Arguments that go after the source file (the linker reads libraries in order).
    fn link_arguments(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.linked.is_empty() {
            let dir = output_dir().to_string_lossy().into_owned();
            out.push(format!("-L{dir}"));
            out.push(format!("-Wl,-rpath,{dir}"));
            out.extend(self.linked.iter().map(|lib| format!("-l{lib}")));
        }
        out.extend(self.flags.iter().cloned());
        out
    }
}

/// Builds sources of `test-programs/` into one executable called `output`, unoptimised with debug
/// info, by the compiler their extension names: gcc for `.c`, g++ for `.cpp`, rustc for `.rs`.
/// Extra words that start with `-` are passed to the compiler (`-O2`, `-gdwarf-4`, `-static`).
pub fn c_program_from(output: &str, sources: &[&str]) -> PathBuf {
    let (first, rest) = sources.split_first().unwrap_or((&"", &[]));
    let (compiler, mut flags) = match first.rsplit_once('.').map(|(_, ext)| ext) {
        Some("cpp") => ("g++", vec!["-g", "-O0"]),
        Some("rs") => ("rustc", vec!["-g", "-C", "opt-level=0"]),
        _ => ("gcc", vec!["-g", "-O0"]),
    };
    flags.extend(rest.iter().copied());
    build(output, first, compiler, &flags, output)
}

/// Builds `test-programs/SOURCE` with `compiler` and `flags`, into an executable called `output`.
/// Panics with the compiler's message if it fails: a test cannot go on without its program.
pub fn build(name: &str, source: &str, compiler: &str, flags: &[&str], output: &str) -> PathBuf {
    build_with(name, source, compiler, flags, &[], output)
}

/// `build` with `after` given after the source file (libraries to link).
fn build_with(
    name: &str,
    source: &str,
    compiler: &str,
    flags: &[&str],
    after: &[String],
    output: &str,
) -> PathBuf {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let src = source_dir().join(source);
    let exe = output_dir().join(output);
    if is_fresh(&exe, &src) {
        return exe;
    }
    let tmp = output_dir().join(format!("{output}.{}.tmp", std::process::id()));
    let result = Command::new(compiler)
        .current_dir(source_dir())
        .args(flags)
        .arg("-o")
        .arg(&tmp)
        .arg(source)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {compiler} for {name}: {e}"));
    assert!(
        result.status.success(),
        "{compiler} failed on {source}:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    std::fs::rename(&tmp, &exe).unwrap_or_else(|e| panic!("cannot move {}: {e}", tmp.display()));
    exe
}

fn is_fresh(exe: &Path, src: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(exe), modified(src)), (Some(e), Some(s)) if e >= s)
}

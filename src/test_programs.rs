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
pub fn c_program(name: &str) -> PathBuf {
    build(name, &format!("{name}.c"), "gcc", &["-g", "-O0"], name)
}

/// Builds `test-programs/SOURCE` with `compiler` and `flags`, into an executable called `output`.
/// Panics with the compiler's message if it fails: a test cannot go on without its program.
pub fn build(name: &str, source: &str, compiler: &str, flags: &[&str], output: &str) -> PathBuf {
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

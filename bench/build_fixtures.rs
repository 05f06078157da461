//! The large programs of the start-up cases, built on first use and cached under
//! `target/bench-fixtures/` (never committed): the sqlite3 amalgamation at -g -O0, and a Rust program
//! with several big dependencies in the dev profile (full debug info, ~40 MB).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cache_dir() -> PathBuf {
    let dir = root().join("target/bench-fixtures");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

fn run(command: &mut Command) {
    let status = command.status().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}

/// The directory holding `sqlite3.c`: libsqlite3-sys ships the amalgamation for its `bundled` feature;
/// `cargo fetch` on the carrier manifest puts it in the registry, `cargo metadata` says where.
fn amalgamation_dir() -> PathBuf {
    let manifest = root().join("bench/fixtures/sqlite/Cargo.toml");
    run(Command::new("cargo").arg("fetch").arg("--manifest-path").arg(&manifest));
    let output = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo metadata: {e}"));
    assert!(output.status.success(), "cargo metadata failed");
    let json = String::from_utf8_lossy(&output.stdout);
    // No JSON parser for one field: the package's manifest path is `.../libsqlite3-sys-X.Y.Z/Cargo.toml`.
    let path = json
        .split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|p| p.contains("/libsqlite3-sys-"))
        .unwrap_or_else(|| panic!("libsqlite3-sys is not in cargo metadata"));
    let dir = Path::new(path).parent().expect("a manifest has a directory").join("sqlite3");
    assert!(dir.join("sqlite3.c").is_file(), "no sqlite3.c in {}", dir.display());
    dir
}

/// The sqlite3 amalgamation with a small main (opens an in-memory database, runs a query).
pub fn sqlite3() -> PathBuf {
    let out = cache_dir().join("sqlite3");
    if out.is_file() {
        return out;
    }
    let source = amalgamation_dir();
    eprintln!("building {} (once)", out.display());
    // Built under another name and renamed, so an interrupted build never leaves a half-written fixture.
    let partial = out.with_extension("partial");
    run(Command::new("gcc")
        .args(["-g", "-O0", "-I"])
        .arg(&source)
        .arg("-o")
        .arg(&partial)
        .arg(root().join("bench/fixtures/sqlite/main.c"))
        .arg(source.join("sqlite3.c"))
        .args(["-lpthread", "-ldl", "-lm"]));
    std::fs::rename(&partial, &out).unwrap_or_else(|e| panic!("cannot rename {}: {e}", partial.display()));
    out
}

/// The Rust program (regex, serde_json, clap, tokio), dev profile. cargo decides whether it is fresh.
pub fn bigrust() -> PathBuf {
    let target = cache_dir().join("bigrust");
    run(Command::new("cargo")
        .args(["build", "--quiet", "--manifest-path"])
        .arg(root().join("bench/fixtures/bigrust/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target));
    target.join("debug/bigrust")
}

//! `dump` writes the same files as gdb: the commands of tests/differential/dump_memory.gdb run through
//! gdb and rdbg, each in its own directory, and every file either produced must exist in both with the
//! same bytes (the differential test compares what they print; this one what they write).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// Every file in `dir` but the debugger's captured output, by name.
fn written_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".out"))
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

#[test]
fn dumped_files_are_byte_identical_to_gdbs() {
    let script = test_programs::repo_root().join("tests/differential/dump_memory.gdb");
    let text = std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    let lines: Vec<String> = text.lines().filter(|l| !l.starts_with('#')).map(String::from).collect();
    let program = test_programs::c_program("bigarray");
    let gdb_dir = scratch("dump-files-gdb");
    let rdbg_dir = scratch("dump-files-rdbg");
    let commands = Commands::EachAsEx(lines);
    run_batch(Path::new("gdb"), &[], &commands, &program, &[], &gdb_dir);
    run_batch(&rdbg_binary(), &[], &commands, &program, &[], &rdbg_dir);
    let (want, got) = (written_files(&gdb_dir), written_files(&rdbg_dir));
    let names = |files: &BTreeMap<String, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&got), names(&want), "rdbg and gdb wrote different files");
    // The 16 MiB dump is there: the comparison covers a large range, not only small ones.
    assert_eq!(want.get("blob.bin").map(Vec::len), Some(16 << 20));
    for (name, bytes) in &want {
        let ours = &got[name];
        let first_difference = bytes.iter().zip(ours.iter()).position(|(a, b)| a != b);
        assert!(
            ours == bytes,
            "{name}: gdb wrote {} bytes, rdbg {} (first difference at {first_difference:?})",
            bytes.len(),
            ours.len()
        );
    }
}

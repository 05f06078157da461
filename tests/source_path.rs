//! Transcript tests for the source search path (`directory`, `show directories`): a program whose
//! source moved away after it was compiled is listed and stopped in once `directory` names the
//! new place, as gdb does. rdbg-only because the scratch paths differ from run to run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Compiles `test-programs/basics.c` inside `dir/build` (so DWARF names that directory), then moves
/// the source to `dir/moved`; returns (program, moved directory).
fn program_with_moved_source(dir: &Path) -> (PathBuf, PathBuf) {
    let (build, moved) = (dir.join("build"), dir.join("moved"));
    for d in [&build, &moved] {
        std::fs::create_dir_all(d).expect("create scratch directory");
    }
    std::fs::copy(test_programs::source_dir().join("basics.c"), build.join("basics.c")).expect("copy source");
    let program = dir.join("basics");
    let status = Command::new("gcc")
        .current_dir(&build)
        .args(["-g", "-O0", "-o"])
        .arg(&program)
        .arg("basics.c")
        .status()
        .expect("run gcc");
    assert!(status.success(), "gcc failed");
    std::fs::rename(build.join("basics.c"), moved.join("basics.c")).expect("move source");
    (program, moved)
}

/// `rdbg -nx -batch -ex C...  PROGRAM`; returns (stdout, stderr).
fn batch(program: &Path, commands: &[String]) -> (String, String) {
    let mut command = Command::new(rdbg_binary());
    command.args(["-nx", "-batch"]);
    for c in commands {
        command.arg("-ex").arg(c);
    }
    let out = command.arg(program).output().expect("run rdbg");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn commands(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn directory_finds_moved_sources_for_list_and_stops() {
    let dir = scratch("directory-moved");
    let (program, moved) = program_with_moved_source(&dir);
    let moved_text = moved.display().to_string();
    let (out, err) = batch(
        &program,
        &commands(&[
            "list 10,11",
            "list 12,13",
            "show directories",
            &format!("directory {moved_text}"),
            "show directories",
            "list 10,11",
            "break add",
            "run",
            "info source",
        ]),
    );
    // Missing: reported once on stderr, then `in FILE` while listing stays on it.
    assert!(err.contains("10\tbasics.c: No such file or directory.\n"), "stderr: {err}");
    assert!(out.starts_with("12\tin basics.c\n"), "stdout: {out}");
    assert!(out.contains("Source directories searched: $cdir:$cwd\n"), "stdout: {out}");
    assert!(
        out.contains(&format!("Source directories searched: {moved_text}:$cdir:$cwd\n")),
        "stdout: {out}"
    );
    assert!(out.contains("10\t    int sum = a + b;\n11\t    return sum;\n"), "stdout: {out}");
    assert!(
        out.contains("Breakpoint 1, add (a=0, b=0) at basics.c:10\n10\t    int sum = a + b;\n"),
        "stdout: {out}"
    );
    let real = std::fs::canonicalize(moved.join("basics.c")).expect("moved source");
    assert!(out.contains(&format!("Located in {}\nContains 36 lines.\n", real.display())), "stdout: {out}");
    assert!(!err.contains("more recent"), "stderr: {err}");
}

#[test]
fn directory_without_argument_resets_the_path_and_forgets_found_files() {
    let dir = scratch("directory-reset");
    let (program, moved) = program_with_moved_source(&dir);
    let (out, err) = batch(
        &program,
        &commands(&[
            &format!("dir {}:{}/no-such-dir", moved.display(), dir.display()),
            "show directories",
            "list 10,10",
            "directory",
            "show directories",
            "list 10,10",
        ]),
    );
    let warning = format!("Warning: {}/no-such-dir: No such file or directory.\n", dir.display());
    assert!(err.contains(&warning), "stderr: {err}");
    let searched = format!(
        "Source directories searched: {}:{}/no-such-dir:$cdir:$cwd\n",
        moved.display(),
        dir.display()
    );
    assert!(out.contains(&searched), "stdout: {out}");
    assert!(out.contains("10\t    int sum = a + b;\n"), "stdout: {out}");
    assert!(out.ends_with("Source directories searched: $cdir:$cwd\n"), "stdout: {out}");
    assert!(err.contains("10\tbasics.c: No such file or directory.\n"), "stderr: {err}");
}

#[test]
fn a_source_newer_than_the_program_is_warned_about_once() {
    let dir = scratch("directory-newer");
    let (program, moved) = program_with_moved_source(&dir);
    let newer = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(moved.join("basics.c")).expect("open source");
    file.set_modified(newer).expect("set mtime");
    let (out, err) =
        batch(&program, &commands(&[&format!("directory {}", moved.display()), "list 1,1", "list 2,2"]));
    assert_eq!(
        err.matches("warning: Source file is more recent than executable.\n").count(),
        1,
        "stderr: {err}"
    );
    assert!(out.contains("1\t/* basics.c"), "stdout: {out}");
}

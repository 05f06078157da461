//! Differential tests: gdb 13 (and nm) run on the same compiled programs are the oracle for where `break`
//! lands, which line an address belongs to, and how `<sym+off>` is chosen. Every test here compares every
//! function / line / address of its program, so a rule that is wrong anywhere shows up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use super::{CodeLocation, Module};
use crate::addr::FileAddr;
use crate::test_programs;

/// Builds several sources of `test-programs/` into one executable (test_programs::build takes one source).
fn build_multi(output: &str, sources: &[&str], flags: &[&str]) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| test_programs::repo_root().join("target"))
        .join("test-programs");
    std::fs::create_dir_all(&dir).expect("create target/test-programs");
    let exe = dir.join(output);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let newest_source = ["symbols_multi.h"]
        .iter()
        .chain(sources)
        .filter_map(|s| modified(&test_programs::source_dir().join(s)))
        .max();
    if matches!((modified(&exe), newest_source), (Some(e), Some(s)) if e >= s) {
        return exe;
    }
    let tmp = dir.join(format!("{output}.{}.tmp", std::process::id()));
    let result = Command::new("gcc")
        .current_dir(test_programs::source_dir())
        .args(flags)
        .arg("-o")
        .arg(&tmp)
        .args(sources)
        .output()
        .expect("run gcc");
    assert!(result.status.success(), "gcc failed: {}", String::from_utf8_lossy(&result.stderr));
    std::fs::rename(&tmp, &exe).expect("move the executable into place");
    exe
}

fn multi_o0() -> PathBuf {
    build_multi("symbols_multi_O0", &["symbols_multi_a.c", "symbols_multi_b.c"], &["-g", "-O0"])
}

fn multi_o2() -> PathBuf {
    build_multi("symbols_multi_O2", &["symbols_multi_a.c", "symbols_multi_b.c"], &["-g", "-O2"])
}

fn basics_o2() -> PathBuf {
    test_programs::build("basics", "basics.c", "gcc", &["-g", "-O2"], "symbols_basics_O2")
}

/// Runs gdb in batch mode on `prog` with the given commands; stdout and stderr merged, in order.
fn gdb(prog: &Path, commands: &[String]) -> String {
    let mut script = String::from("set width 0\nset height 0\nset confirm off\nset breakpoint pending off\n");
    for c in commands {
        script.push_str(c);
        script.push('\n');
    }
    let file = std::env::temp_dir().join(format!(
        "rdbg-symbols-{}-{}.gdb",
        std::process::id(),
        prog.file_name().map_or("prog".into(), |n| n.to_string_lossy().into_owned())
    ));
    std::fs::write(&file, script).expect("write gdb script");
    // A gdb command file stops at the first error, so feed the commands through -ex via a wrapper that
    // keeps going: `source -v` would stop too; one -ex per command is what keeps going.
    let mut cmd = Command::new("gdb");
    cmd.args(["-nx", "-batch"]);
    for c in std::fs::read_to_string(&file).expect("read script").lines() {
        cmd.arg("-ex").arg(c);
    }
    let _ = std::fs::remove_file(&file);
    let out = cmd.arg(prog).stderr(std::process::Stdio::piped()).output().expect("run gdb");
    // gdb prints errors on stderr; they are only needed as "no breakpoint", so order does not matter.
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One breakpoint location as gdb lists it in `info breakpoints`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GdbLoc {
    addr: u64,
    function: Option<String>,
    file_line: Option<(String, u32)>,
}

/// Sets one breakpoint per spec and returns, per spec, the locations gdb chose (empty when gdb refused).
fn gdb_breakpoints(prog: &Path, specs: &[String]) -> Vec<Vec<GdbLoc>> {
    // `echo` markers tie each spec to the breakpoint number it created (if any).
    let mut commands = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        commands.push(format!("echo @@spec {i}\\n"));
        commands.push(format!("break {s}"));
    }
    commands.push("echo @@table\\n".into());
    commands.push("info breakpoints".into());
    let out = gdb(prog, &commands);
    let mut number_of_spec: HashMap<u32, usize> = HashMap::new();
    let mut current_spec = None;
    let mut in_table = false;
    let mut locs: HashMap<u32, Vec<GdbLoc>> = HashMap::new();
    for line in out.lines() {
        if let Some(i) = line.strip_prefix("@@spec ") {
            current_spec = i.trim().parse::<usize>().ok();
            continue;
        }
        if line == "@@table" {
            in_table = true;
            continue;
        }
        if !in_table {
            if let (Some(rest), Some(spec)) = (line.strip_prefix("Breakpoint "), current_spec) {
                if let Some(n) = rest.split_whitespace().next().and_then(|n| n.parse().ok()) {
                    number_of_spec.insert(n, spec);
                }
            }
            continue;
        }
        // Table rows: `N  breakpoint keep y 0x... in F at FILE:LINE` or `N.M  y 0x... in F at FILE:LINE`.
        let mut words = line.split_whitespace();
        let Some(num) = words.next() else { continue };
        let Ok(number) = num.split('.').next().unwrap_or("").parse::<u32>() else { continue };
        let Some(addr_word) = line.split_whitespace().find(|w| w.starts_with("0x")) else { continue };
        let Ok(addr) = u64::from_str_radix(&addr_word[2..], 16) else { continue };
        let after = &line[line.find(addr_word).unwrap_or(0) + addr_word.len()..];
        let function =
            after.strip_prefix(" in ").map(|r| r.split(" at ").next().unwrap_or(r).trim().to_string());
        let file_line = after.rsplit_once(" at ").and_then(|(_, fl)| {
            let (f, l) = fl.trim().rsplit_once(':')?;
            Some((f.to_string(), l.parse().ok()?))
        });
        locs.entry(number).or_default().push(GdbLoc { addr, function, file_line });
    }
    let mut result = vec![Vec::new(); specs.len()];
    for (number, spec) in number_of_spec {
        result[spec] = locs.remove(&number).unwrap_or_default();
    }
    result
}

fn ours(loc: &CodeLocation) -> GdbLoc {
    GdbLoc {
        addr: loc.addr.0,
        function: loc.function.clone(),
        file_line: loc.source.as_ref().map(|s| (s.file.clone(), s.line)),
    }
}

/// Code symbols defined in the program, from nm.
fn nm_functions(prog: &Path) -> Vec<String> {
    let out = Command::new("nm").arg("--defined-only").arg(prog).output().expect("run nm");
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (_, kind, name) = (w.next()?, w.next()?, w.next()?);
            matches!(kind, "T" | "t" | "W").then(|| name.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

fn compare_functions(prog: &Path, extra: &[&str]) {
    let module = Module::load(prog).expect("load");
    let mut names = nm_functions(prog);
    names.extend(module.function_names());
    names.extend(extra.iter().map(|s| s.to_string()));
    names.sort();
    names.dedup();
    let expected = gdb_breakpoints(prog, &names);
    let mut failures = Vec::new();
    for (name, want) in names.iter().zip(expected) {
        let got: Vec<GdbLoc> = module.resolve_function(name).iter().map(ours).collect();
        // gdb shows no function for ELF-only locations in the table (`<sym+4>` instead); compare addresses.
        let strip = |v: &[GdbLoc]| -> Vec<GdbLoc> {
            v.iter()
                .map(|l| GdbLoc { function: l.file_line.as_ref().and(l.function.clone()), ..l.clone() })
                .collect()
        };
        if strip(&got) != strip(&want) {
            failures.push(format!("break {name}: gdb {want:x?}\n  rdbg {got:x?}"));
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", prog.display(), failures.join("\n"));
}

fn compare_lines(prog: &Path, files: &[&str], max_line: u32) {
    let module = Module::load(prog).expect("load");
    let mut specs = Vec::new();
    for f in files {
        specs.extend((0..=max_line).map(|l| format!("{f}:{l}")));
    }
    specs.push("nosuch.c:3".into());
    let expected = gdb_breakpoints(prog, &specs);
    let mut failures = Vec::new();
    for (spec, want) in specs.iter().zip(expected) {
        let (file, line) = spec.rsplit_once(':').expect("spec");
        let got: Vec<GdbLoc> = match module.resolve_line(Some(file), line.parse().expect("line")) {
            Ok(locs) => locs.iter().map(ours).collect(),
            Err(_) => Vec::new(),
        };
        // gdb names a breakpoint's function in the table; compare it too.
        if got != want {
            failures.push(format!("break {spec}: gdb {want:x?}\n  rdbg {got:x?}"));
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", prog.display(), failures.join("\n"));
}

/// Every address of .text against gdb's `info line *ADDR`.
fn compare_addresses(prog: &Path, check_stmt_start: bool) {
    let module = Module::load(prog).expect("load");
    let text = section_range(prog, ".text");
    let addrs: Vec<u64> = (text.0..text.1).collect();
    let commands: Vec<String> = addrs.iter().map(|a| format!("info line *{a:#x}")).collect();
    let out = gdb(prog, &commands);
    let lines: Vec<&str> =
        out.lines().filter(|l| l.starts_with("Line ") || l.starts_with("No line")).collect();
    assert_eq!(lines.len(), addrs.len(), "one answer per address");
    let mut failures = Vec::new();
    for (&addr, answer) in addrs.iter().zip(lines) {
        let want = parse_info_line(answer);
        let loc = module.source_location(FileAddr(addr));
        let range = module.line_range(FileAddr(addr));
        let got = loc.as_ref().zip(range).map(|(l, (s, e))| (l.file.clone(), l.line, s.0, e.0));
        if got != want {
            failures.push(format!("{addr:#x}: gdb {want:x?} rdbg {got:x?} ({answer})"));
        } else if check_stmt_start {
            if let (Some(l), Some((_, _, start, _))) = (&loc, &want) {
                if l.is_stmt_start != (*start == addr) {
                    failures.push(format!("{addr:#x}: is_stmt_start {}", l.is_stmt_start));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", prog.display(), failures.join("\n"));
}

/// `Line 10 of "basics.c" starts at address 0x1143 <add+10> and ends at 0x114e <add+21>.`
fn parse_info_line(text: &str) -> Option<(String, u32, u64, u64)> {
    let rest = text.strip_prefix("Line ")?;
    let (line, rest) = rest.split_once(" of \"")?;
    let (file, rest) = rest.split_once('"')?;
    let hex = |w: &str| u64::from_str_radix(w.trim_start_matches("0x").trim_end_matches('.'), 16).ok();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let start = words.iter().position(|w| *w == "address").and_then(|i| hex(words.get(i + 1)?))?;
    let end = words.iter().position(|w| *w == "ends").and_then(|i| hex(words.get(i + 2)?))?;
    Some((file.to_string(), line.parse().ok()?, start, end))
}

fn section_range(prog: &Path, name: &str) -> (u64, u64) {
    let out = Command::new("readelf").args(["-SW"]).arg(prog).output().expect("run readelf");
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| *w == name) {
            let addr = u64::from_str_radix(words[i + 2], 16).expect("addr");
            let size = u64::from_str_radix(words[i + 4], 16).expect("size");
            return (addr, addr + size);
        }
    }
    panic!("no section {name}");
}

/// `<sym+off>` for every 2nd byte of every allocated, file-backed section, against `p/a`.
fn compare_symbolize(prog: &Path) {
    let module = Module::load(prog).expect("load");
    let mut addrs = Vec::new();
    for name in [
        ".init", ".plt", ".plt.got", ".plt.sec", ".text", ".fini", ".rodata", ".data", ".bss", ".got",
        ".got.plt",
    ] {
        let out = Command::new("readelf").args(["-SW"]).arg(prog).output().expect("run readelf");
        if !String::from_utf8_lossy(&out.stdout).contains(&format!(" {name} ")) {
            continue;
        }
        let (lo, hi) = section_range(prog, name);
        addrs.extend((lo.saturating_sub(2)..hi + 2).step_by(2));
    }
    let commands: Vec<String> = addrs.iter().map(|a| format!("p/a {a:#x}")).collect();
    let out = gdb(prog, &commands);
    let answers: Vec<&str> = out.lines().filter(|l| l.starts_with('$')).collect();
    assert_eq!(answers.len(), addrs.len());
    let mut failures = Vec::new();
    for (&addr, answer) in addrs.iter().zip(answers) {
        let want = answer.split_once('<').map(|(_, s)| s.trim_end_matches('>').to_string());
        let got =
            module.symbolize(FileAddr(addr)).map(|(n, off)| if off == 0 { n } else { format!("{n}+{off}") });
        if want != got {
            failures.push(format!("{addr:#x}: gdb {want:?} rdbg {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", prog.display(), failures.join("\n"));
}

#[test]
fn break_function_matches_gdb_basics() {
    compare_functions(&test_programs::c_program("basics"), &["printf", "nosuch"]);
}

#[test]
fn break_function_matches_gdb_multi_unit() {
    compare_functions(&multi_o0(), &["twice"]);
}

#[test]
fn break_function_matches_gdb_optimised() {
    compare_functions(&multi_o2(), &["twice", "helper"]);
    compare_functions(&basics_o2(), &[]);
}

#[test]
fn break_line_matches_gdb_basics() {
    compare_lines(&test_programs::c_program("basics"), &["basics.c", "test-programs/basics.c"], 40);
}

#[test]
fn break_line_matches_gdb_multi_unit() {
    compare_lines(&multi_o0(), &["symbols_multi_a.c", "symbols_multi_b.c", "symbols_multi.h"], 40);
}

#[test]
fn break_line_matches_gdb_optimised() {
    compare_lines(&multi_o2(), &["symbols_multi_a.c", "symbols_multi_b.c", "symbols_multi.h"], 40);
    compare_lines(&basics_o2(), &["basics.c"], 40);
}

#[test]
fn addresses_to_lines_match_gdb() {
    compare_addresses(&test_programs::c_program("basics"), true);
    compare_addresses(&multi_o0(), true);
    compare_addresses(&multi_o2(), false);
}

#[test]
fn symbolize_matches_gdb() {
    compare_symbolize(&test_programs::c_program("basics"));
    compare_symbolize(&multi_o2());
}

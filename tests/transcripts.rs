//! rdbg's own behaviour, where gdb is no oracle (different words by design, or interactive use):
//! the command line, help from the command table, the REPL's empty-line repeat, command files.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;

/// Runs rdbg with `args`, feeding `stdin`; returns (stdout, stderr, exit code).
fn rdbg(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(rdbg_binary())
        .args(args)
        .env("HOME", scratch("home"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rdbg");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("rdbg output");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// `rdbg -nx -batch -ex C1 -ex C2 ... PROGRAM ARGS...`; returns (stdout, stderr, exit code).
fn batch(program_and_args: &[&str], commands: &[&str]) -> (String, String, i32) {
    let mut args = vec!["-nx", "-batch"];
    for command in commands {
        args.extend(["-ex", command]);
    }
    if program_and_args.len() > 1 {
        args.push("--args");
    }
    args.extend(program_and_args);
    rdbg(&args, "")
}

fn path_of(program: &std::path::Path) -> &str {
    program.to_str().unwrap_or_default()
}

#[test]
fn missing_program_is_one_line_and_batch_exits_non_zero() {
    let (out, err, code) = batch(&["./no-such-program"], &["run"]);
    assert_eq!(err.lines().next(), Some("./no-such-program: No such file or directory."), "stderr: {err}");
    assert!(err.contains("No executable file specified."), "stderr: {err}");
    assert_eq!(code, 1);
    assert!(out.is_empty(), "stdout: {out}");
}

#[test]
fn non_elf_program_is_rejected_like_gdb() {
    let dir = scratch("notelf");
    let path = dir.join("text.txt");
    std::fs::write(&path, "just text, not a program\n").expect("write");
    let (_, err, _) = batch(&[path.to_str().unwrap_or_default()], &[]);
    assert_eq!(
        err.trim(),
        format!("\"{}\": not in executable format: file format not recognized", path.display())
    );
}

#[test]
fn unknown_flag_prints_usage_and_exits_1() {
    let (_, err, code) = rdbg(&["--frobnicate"], "");
    assert_eq!(code, 1);
    assert!(err.contains("Usage"), "stderr: {err}");
}

#[test]
fn help_lists_the_command_table_and_explains_one_command() {
    let (out, _, code) = rdbg(&["-nx", "-batch", "-ex", "help"], "");
    assert_eq!(code, 0);
    for line in [
        "break, b, br, bre, brea -- Set breakpoint at specified location.",
        "stepi, si -- Step one instruction exactly.",
    ] {
        assert!(out.contains(line), "help lacks {line:?}:\n{out}");
    }
    let (out, _, _) = rdbg(&["-nx", "-batch", "-ex", "help x"], "");
    assert!(out.starts_with("Examine memory: x/FMT ADDRESS."), "{out}");
    let (out, _, _) = rdbg(&["-nx", "-batch", "-ex", "help info"], "");
    assert!(out.contains("registers, r -- List of integer registers"), "{out}");
}

#[test]
fn repl_repeats_the_last_command_on_an_empty_line() {
    let program = test_programs::c_program("basics");
    let (out, err, _) =
        rdbg(&["-nx", "-q", program.to_str().unwrap_or_default()], "break add\nrun\nstepi\n\n\nquit\n");
    // Three single steps from add's breakpoint: the empty lines repeat `stepi`.
    let steps: Vec<&str> = out.lines().filter(|l| l.contains("\t10\t")).collect();
    assert_eq!(steps.len(), 3, "stdout:\n{out}\nstderr:\n{err}");
}

#[test]
fn repl_repeat_continues_x_after_the_last_address() {
    let program = test_programs::c_program("basics");
    let (out, _, _) = rdbg(&["-nx", "-q", program.to_str().unwrap_or_default()], "x/2xw &limits\n\nquit\n");
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(":\t0x")).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains("<limits>:\t0x0000000a\t0x00000014"), "{out}");
    assert!(rows[1].contains("<limits+8>:\t0x0000001e\t0x00000000"), "{out}");
}

#[test]
fn command_file_stops_at_the_first_error_and_source_nests() {
    let dir = scratch("source");
    let inner = dir.join("inner.gdb");
    std::fs::write(&inner, "echo inner\\n\nfrobnicate\necho never\\n\n").expect("write");
    let outer = dir.join("outer.gdb");
    std::fs::write(&outer, format!("echo outer\\n\nsource {}\necho after\\n\n", inner.display()))
        .expect("write");
    let (out, err, code) =
        rdbg(&["-nx", "-batch", "-x", outer.to_str().unwrap_or_default(), "-ex", "echo next\\n"], "");
    assert_eq!(out, "outer\ninner\nnext\n");
    assert!(err.contains(&format!("{}:2: Error in sourced command file:", inner.display())), "{err}");
    assert!(err.contains("Undefined command: \"frobnicate\".  Try \"help\"."), "{err}");
    assert_eq!(code, 0);
}

#[test]
fn init_file_runs_unless_nx() {
    let home = scratch("home");
    std::fs::write(home.join(".rdbginit"), "echo from-init\\n\n").expect("write init");
    let with = Command::new(rdbg_binary())
        .args(["-batch", "-ex", "echo cmd\\n"])
        .env("HOME", &home)
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&with.stdout), "from-init\ncmd\n");
    let without = Command::new(rdbg_binary())
        .args(["-nx", "-batch", "-ex", "echo cmd\\n"])
        .env("HOME", &home)
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&without.stdout), "cmd\n");
    let _ = std::fs::remove_file(home.join(".rdbginit"));
}

#[test]
fn run_redirections_and_arguments_reach_the_program() {
    let program = test_programs::c_program("io");
    let dir = scratch("redirect");
    std::fs::write(dir.join("in.txt"), "shout\n").expect("write");
    let script = format!("run 'two words' plain < {0}/in.txt > {0}/out.txt 2> {0}/err.txt\n", dir.display());
    let (out, err, code) = batch(&[path_of(&program)], &[script.trim()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("exited normally"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join("out.txt")).ok().as_deref(), Some("SHOUT\n"));
    assert_eq!(
        std::fs::read_to_string(dir.join("err.txt")).ok().as_deref(),
        Some("arg1=[two words]\narg2=[plain]\n")
    );
}

#[test]
fn quit_kills_the_program_it_started() {
    // `waits` prints its pid, then blocks; the batch session stops it in the loop and ends.
    let program = test_programs::c_program("waits");
    let (out, err, _) = batch(&[path_of(&program)], &["break waits.c:10", "run"]);
    assert!(out.contains("Breakpoint 1, main () at waits.c:10"), "{out}{err}");
    let pid = out.lines().find_map(|l| l.trim().parse::<u32>().ok()).expect("the program printed its pid");
    // rdbg killed and reaped it: the process is gone (a reused pid would run another program).
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    assert!(!String::from_utf8_lossy(&cmdline).contains("waits"), "process {pid} was left behind");
}

#[test]
fn start_and_starti_stop_where_gdb_does() {
    let program = test_programs::c_program("basics");
    let (out, _, _) = batch(&[path_of(&program)], &["start"]);
    assert!(out.starts_with("Temporary breakpoint 1 at 0x11ab: file basics.c, line 28.\n\nTemporary breakpoint 1, main () at basics.c:28\n28\t    int total = 0;\n"), "{out}");
    let (out, _, _) = batch(&[path_of(&program)], &["starti"]);
    assert!(out.starts_with("\nProgram stopped.\n0x00007ffff7fe"), "{out}");
    assert!(out.contains(" in _start () from /lib64/ld-linux-x86-64.so.2\n"), "{out}");
}

#[test]
fn memory_reads_never_show_an_int3() {
    let program = test_programs::c_program("basics");
    let (out, _, _) = batch(&[path_of(&program)], &["break add", "run", "break *add", "x/16xb add"]);
    let bytes: Vec<&str> =
        out.lines().filter(|l| l.contains("<add")).flat_map(|l| l.split('\t').skip(1)).collect();
    assert_eq!(bytes.len(), 16, "{out}");
    assert!(!bytes.contains(&"0xcc"), "an int3 showed through: {out}");
    assert_eq!(bytes[0], "0x55", "push %rbp expected first: {out}");
}

#[test]
fn forked_child_runs_free_of_breakpoints() {
    let program = test_programs::c_program("forks");
    let (out, err, _) = batch(&[path_of(&program)], &["break work", "run", "continue"]);
    assert!(out.contains("[Detaching after fork from child process "), "{out}{err}");
    assert!(out.contains("Breakpoint 1, work (n=1) at forks.c:"), "{out}{err}");
    assert!(out.contains("child ok, result 2"), "{out}{err}");
}

#[test]
fn regs_is_info_registers() {
    let program = test_programs::c_program("basics");
    let path = program.to_str().unwrap_or_default();
    let (regs, _, _) = batch(&[path], &["break add", "run", "regs"]);
    let (info, _, _) = batch(&[path], &["break add", "run", "info registers"]);
    assert!(regs.contains("\nrip            0x555555555143      0x555555555143 <add+10>\n"), "{regs}");
    assert_eq!(
        regs.replace(|c: char| c.is_ascii_digit(), ""),
        info.replace(|c: char| c.is_ascii_digit(), "")
    );
}

#[test]
fn abort_stops_then_terminates_with_gdbs_words() {
    let program = test_programs::c_program("exits");
    let (out, err, _) = batch(&[path_of(&program), "abort"], &["run", "continue"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"Program received signal SIGABRT, Aborted."), "{out}{err}");
    assert!(
        out.contains("\nProgram terminated with signal SIGABRT, Aborted.\nThe program no longer exists.\n"),
        "{out}{err}"
    );
}

/// Inside abort(), libc's `__pthread_kill` reaches `__pthread_kill_implementation` by a tail call
/// (from its inlined `__pthread_kill_internal`): gdb shows that as frame #1, so raise, abort and
/// main sit one level further out. Only names and levels are checked; the differential test
/// `stack_tailcall` compares whole lines on a program of its own.
#[test]
fn abort_backtrace_shows_libcs_tail_call_frame() {
    let program = test_programs::c_program("exits");
    let (out, err, _) = batch(&[path_of(&program), "abort"], &["run", "bt", "info frame 1", "up", "up"]);
    let frames: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    let expected = [
        ("#0  __pthread_kill_implementation (", ") at ./nptl/pthread_kill.c:44"),
        ("#1  0x", " in __pthread_kill_internal ("),
        ("#2  0x", " in __GI_raise ("),
        ("#3  0x", " in __GI_abort () at ./stdlib/abort.c:79"),
        ("#4  0x", " in main ("),
    ];
    for (i, (start, part)) in expected.iter().enumerate() {
        let line = frames.get(i).copied().unwrap_or_default();
        assert!(line.starts_with(start) && line.contains(part), "frame {i}: {line}\n{out}{err}");
    }
    assert!(frames[1].ends_with(") at ./nptl/pthread_kill.c:78"), "{out}");
    assert!(out.contains("\n tail call frame, caller of frame at 0x"), "{out}");
    // `up` twice from frame 0 passes through the tail-call frame to raise.
    assert_eq!(frames.get(5).map(|l| &l[..4]), Some("#1  "), "{out}");
    assert_eq!(frames.get(6).map(|l| &l[..4]), Some("#2  "), "{out}");
}

/// The stack pointer at `main`'s breakpoint, over one run.
fn stack_at_main(randomize: bool) -> String {
    let program = test_programs::c_program("basics");
    let setting = if randomize { "set disable-randomization off" } else { "set disable-randomization on" };
    let (out, _, _) = batch(&[path_of(&program)], &[setting, "break main", "run", "p/x $sp"]);
    out.lines().find(|l| l.starts_with("$1 = ")).unwrap_or_default().to_string()
}

#[test]
fn address_randomization_is_off_unless_asked_for() {
    let fixed = stack_at_main(false);
    assert!(fixed.starts_with("$1 = 0x7fffffff"), "{fixed}");
    assert_eq!(fixed, stack_at_main(false));
    // With randomization on, two runs land on the same stack with odds of about one in 2^28.
    assert_ne!(stack_at_main(true), stack_at_main(true));
}

/// A process rdbg did not start, killed when the test ends.
struct Spinner(std::process::Child);

impl Drop for Spinner {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn attach_then_detach_leaves_the_process_running_without_int3() {
    let program = test_programs::build("target_spin", "target_spin.c", "gcc", &["-g", "-O0"], "target_spin");
    let spinner = Spinner(Command::new(&program).spawn().expect("start spinner"));
    let pid = spinner.0.id().to_string();
    let (out, err, code) =
        rdbg(&["-nx", "-batch", "-p", &pid, "-ex", "break tick", "-ex", "continue", "-ex", "detach"], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("\nBreakpoint 1, tick () at target_spin.c:6\n"), "{out}{err}");
    assert!(out.ends_with(&format!("[Inferior 1 (process {pid}) detached]\n")), "{out}{err}");
    let addr = out
        .lines()
        .find_map(|l| l.strip_prefix("Breakpoint 1 at 0x"))
        .and_then(|rest| u64::from_str_radix(rest.split(':').next().unwrap_or(""), 16).ok())
        .expect("breakpoint address");
    // Read the code where the int3 was, straight from the process: the original byte must be back.
    use std::os::unix::fs::FileExt;
    let mem = std::fs::File::open(format!("/proc/{pid}/mem")).expect("open /proc/PID/mem");
    let mut byte = [0u8; 1];
    mem.read_exact_at(&mut byte, addr).expect("read code");
    assert_ne!(byte[0], 0xcc, "an int3 was left behind at {addr:#x}");
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    assert!(!stat.contains(") t ") && !stat.contains(") T "), "process left stopped: {stat}");
}

#[test]
fn the_program_dies_with_rdbg() {
    use std::io::BufRead;
    let program = test_programs::c_program("waits");
    let mut debugger = Command::new(rdbg_binary())
        .args(["-nx", "-batch", "-ex", "run", path_of(&program)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rdbg");
    // The program prints its pid as soon as it runs under rdbg.
    let mut line = String::new();
    let stdout = debugger.stdout.take().expect("stdout");
    std::io::BufReader::new(stdout).read_line(&mut line).expect("read pid");
    let pid: i32 = line.trim().parse().expect("a pid");
    // SAFETY: plain syscall; a pidfd lets us wait for a process that is not our child.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    assert!(pidfd >= 0, "pidfd_open failed");
    let _ = debugger.kill();
    let _ = debugger.wait();
    // PTRACE_O_EXITKILL: the kernel kills the tracee when its tracer dies. The pidfd turns readable
    // when the process has exited; poll without a timeout would hang on failure, so allow 10 s.
    let mut fds = libc::pollfd { fd: pidfd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd.
    let ready = unsafe { libc::poll(&mut fds, 1, 10_000) };
    // SAFETY: closing our own descriptor.
    unsafe { libc::close(pidfd) };
    assert_eq!(ready, 1, "the program outlived rdbg");
}

#[test]
fn history_is_kept_across_sessions() {
    let home = scratch("history-home");
    let _ = std::fs::remove_file(home.join(".rdbg_history"));
    let run = |input: &str| {
        let mut child = Command::new(rdbg_binary())
            .args(["-nx", "-q"])
            .env("HOME", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start rdbg");
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input.as_bytes()).expect("write");
        }
        child.wait().expect("rdbg ends");
    };
    run("echo first\nquit\n");
    run("show version\nquit\n");
    let history = std::fs::read_to_string(home.join(".rdbg_history")).unwrap_or_default();
    assert!(history.contains("echo first"), "{history}");
    assert!(history.contains("show version"), "{history}");
}

#[test]
fn detaching_disarms_watchpoints_so_the_program_runs_on() {
    // An armed debug register in a process nobody traces would kill it with SIGTRAP at the next
    // write; the program's last line (written after the watched variable changes) shows it lived.
    // The pipe closes only when the detached program exits, so the output is complete.
    let program = test_programs::c_program("basics");
    let (out, err, _) = batch(&[path_of(&program)], &["break main", "run", "watch counter", "detach"]);
    assert!(out.contains("Hardware watchpoint 2: counter"), "stdout: {out}\nstderr: {err}");
    assert!(out.contains("hello, world: total=30"), "stdout: {out}\nstderr: {err}");
}

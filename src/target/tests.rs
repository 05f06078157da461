//! Tests of the target layer against real, freshly compiled programs.
//!
//! Each test owns its tracee (ptrace requests must come from the thread that launched it) and relies on
//! `Drop` to kill it, even when an assertion fails halfway.

use std::path::{Path, PathBuf};

use object::{Object, ObjectSection, ObjectSymbol};

use super::*;
use crate::addr::RuntimeAddr;
use crate::test_programs::c_program;

const AT_ENTRY: u64 = 9;

fn options(program: &Path, args: &[&str]) -> LaunchOptions {
    let mut argv = vec![program.display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    LaunchOptions {
        program: program.to_path_buf(),
        argv,
        stdin: None,
        stdout: None,
        stderr: None,
        disable_aslr: true,
    }
}

/// A scratch directory unique to one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rdbg-target-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

struct Elf {
    data: Vec<u8>,
}

impl Elf {
    fn load(path: &Path) -> Elf {
        Elf { data: std::fs::read(path).expect("read test program") }
    }

    fn file(&self) -> object::File<'_> {
        object::File::parse(&*self.data).expect("parse test program")
    }

    /// The link-time address of a symbol.
    fn symbol(&self, name: &str) -> u64 {
        self.file()
            .symbols()
            .find(|s| s.name() == Ok(name))
            .map(|s| s.address())
            .unwrap_or_else(|| panic!("no symbol {name}"))
    }

    /// The bytes the file holds at a link-time address.
    fn bytes_at(&self, addr: u64, len: usize) -> Vec<u8> {
        let file = self.file();
        let section = file
            .sections()
            .find(|s| s.address() <= addr && addr + len as u64 <= s.address() + s.size())
            .expect("address inside a section");
        let data = section.data().expect("section data");
        let at = (addr - section.address()) as usize;
        data[at..at + len].to_vec()
    }
}

/// Runtime address of `name`: file address plus the load bias, found from AT_ENTRY.
fn runtime_symbol(tracee: &mut Tracee, elf: &Elf, name: &str) -> RuntimeAddr {
    let auxv = tracee.auxv().expect("auxv");
    let entry = auxv.iter().find(|(k, _)| *k == AT_ENTRY).expect("AT_ENTRY").1;
    let bias = entry - elf.file().entry();
    RuntimeAddr(elf.symbol(name) + bias)
}

fn resume_and_wait(tracee: &mut Tracee, mode: ResumeMode) -> TraceEvent {
    tracee.resume(mode, None).expect("resume");
    tracee.wait().expect("wait")
}

/// Steps over the planted site at `site` the way the engine does: rewind, lift, step, re-plant.
fn step_over_site(tracee: &mut Tracee, site: RuntimeAddr) {
    let mut regs = tracee.registers().expect("registers");
    regs.set_pc(site.0);
    tracee.set_registers(&regs).expect("set registers");
    assert_eq!(tracee.registers().expect("cached registers").pc(), site.0);
    tracee.remove_site(site).expect("remove site");
    assert_eq!(resume_and_wait(tracee, ResumeMode::SingleStep), TraceEvent::SingleStep);
    assert_ne!(tracee.registers().expect("registers").pc(), site.0);
    tracee.insert_site(site).expect("re-insert site");
}

/// Raw bytes of the tracee's memory, bypassing the Tracee (and its int3 shadowing).
fn raw_bytes(pid: i32, addr: u64, len: usize) -> Vec<u8> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; len];
    let file = std::fs::File::open(format!("/proc/{pid}/mem")).expect("open /proc/PID/mem");
    file.read_exact_at(&mut buf, addr).expect("read /proc/PID/mem");
    buf
}

#[test]
fn launch_stops_at_the_first_instruction_with_the_program_mapped() {
    let program = c_program("basics");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    assert!(tracee.is_alive() && tracee.is_stopped());

    let maps = tracee.memory_map().expect("memory map");
    let canonical = std::fs::canonicalize(&program).expect("canonical path");
    let image = maps
        .iter()
        .find(|m| m.offset == 0 && Path::new(&m.path) == canonical)
        .expect("program mapped at offset 0");
    let mut magic = [0u8; 4];
    tracee.read_memory(image.start, &mut magic).expect("read ELF header");
    assert_eq!(&magic, b"\x7fELF");

    // A dynamically linked program starts in the dynamic loader, not in the program.
    let pc = RuntimeAddr(tracee.registers().expect("registers").pc());
    let at = maps.iter().find(|m| m.contains(pc)).expect("pc is mapped");
    assert!(at.executable(), "pc {pc:x} in non-executable {at:?}");
    assert!(at.path.contains("ld-linux") || at.path.contains("/ld-"), "pc in {}", at.path);

    // The process must really be stopped, not just claimed to be.
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", tracee.pid())).expect("stat");
    let state = stat.rsplit(')').next().and_then(|s| s.split_whitespace().next());
    assert_eq!(state, Some("t"));
    assert!(matches!(tracee.wait(), Err(TargetError::NotResumed { .. })));
}

#[test]
fn breakpoint_hits_shadow_the_int3_and_step_over_to_a_normal_exit() {
    let program = c_program("basics");
    let elf = Elf::load(&program);
    let dir = scratch("breakpoint");
    let out = dir.join("stdout.txt");
    let mut opts = options(&program, &[]);
    opts.stdout = Some(Redirect { path: out.clone(), append: false });
    let mut tracee = Tracee::launch(&opts).expect("launch");

    let add = runtime_symbol(&mut tracee, &elf, "add");
    let original = elf.bytes_at(elf.symbol("add"), 8);
    tracee.insert_site(add).expect("insert site");
    tracee.insert_site(add).expect("inserting twice is a no-op");
    assert!(tracee.has_site(add));
    assert_eq!(tracee.site_addresses(), vec![add]);
    assert_eq!(raw_bytes(tracee.pid(), add.0, 1), [0xcc], "int3 planted in memory");

    let mut hits = 0;
    let code = loop {
        match resume_and_wait(&mut tracee, ResumeMode::Continue) {
            TraceEvent::Breakpoint => {
                hits += 1;
                assert_eq!(tracee.registers().expect("registers").pc(), add.0 + 1);
                let mut seen = [0u8; 8];
                tracee.read_memory(add, &mut seen).expect("read over the site");
                assert_eq!(seen.to_vec(), original, "reads show the original bytes, never 0xcc");
                // A read that starts before the site and a partial read are shadowed too.
                let mut around = [0u8; 3];
                assert_eq!(tracee.read_memory_partial(RuntimeAddr(add.0 - 1), &mut around), 3);
                assert_eq!(around[1], original[0]);
                step_over_site(&mut tracee, add);
            }
            TraceEvent::Exited { code } => break code,
            other => panic!("unexpected event {other:?}"),
        }
    };
    assert_eq!((hits, code), (5, 0), "add is called once per loop iteration");
    assert!(!tracee.is_alive());
    assert!(matches!(tracee.registers(), Err(TargetError::NotRunning)));
    assert!(matches!(tracee.resume(ResumeMode::Continue, None), Err(TargetError::NotRunning)));
    let printed = std::fs::read_to_string(&out).expect("stdout file");
    assert_eq!(printed, "hello, world: total=30 limit=20\n");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn single_steps_advance_one_instruction_at_a_time() {
    let program = c_program("target_exit3");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let mut last = tracee.registers().expect("registers").pc();
    for _ in 0..50 {
        assert_eq!(resume_and_wait(&mut tracee, ResumeMode::SingleStep), TraceEvent::SingleStep);
        let pc = tracee.registers().expect("registers").pc();
        assert_ne!(pc, last);
        last = pc;
    }
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Exited { code: 3 });
}

#[test]
fn exit_code_is_reported() {
    let program = c_program("target_exit3");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Exited { code: 3 });
    assert!(matches!(tracee.wait(), Err(TargetError::NotRunning)));
    tracee.kill().expect("kill on a dead tracee is fine");
}

#[test]
fn a_segfault_stops_then_kills_when_passed_on() {
    let program = c_program("target_segv");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    assert_eq!(
        resume_and_wait(&mut tracee, ResumeMode::Continue),
        TraceEvent::Signal { signal: libc::SIGSEGV }
    );
    assert!(tracee.is_alive());
    tracee.resume(ResumeMode::Continue, Some(libc::SIGSEGV)).expect("resume with the signal");
    match tracee.wait().expect("wait") {
        TraceEvent::Signaled { signal, .. } => assert_eq!(signal, libc::SIGSEGV),
        other => panic!("expected death by SIGSEGV, got {other:?}"),
    }
    assert!(!tracee.is_alive());
}

#[test]
fn standard_streams_are_redirected() {
    let program = c_program("target_echo");
    let dir = scratch("redirect");
    let input = dir.join("in.txt");
    let out = dir.join("out.txt");
    let err = dir.join("err.txt");
    std::fs::write(&input, "one\ntwo\n").expect("write input");
    std::fs::write(&out, "stale content that must be truncated away\n").expect("write out");
    std::fs::write(&err, "old\n").expect("write err");
    let mut opts = options(&program, &[]);
    opts.stdin = Some(input);
    opts.stdout = Some(Redirect { path: out.clone(), append: false });
    opts.stderr = Some(Redirect { path: err.clone(), append: true });
    let mut tracee = Tracee::launch(&opts).expect("launch");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Exited { code: 0 });
    assert_eq!(std::fs::read_to_string(&out).expect("out"), "got: one\ngot: two\n");
    assert_eq!(std::fs::read_to_string(&err).expect("err"), "old\nerr\n");

    // A redirection that cannot be opened fails the launch and names the file.
    let mut opts = options(&program, &[]);
    opts.stdin = Some(dir.join("missing-input"));
    match Tracee::launch(&opts) {
        Err(TargetError::Redirect { path, source }) => {
            assert_eq!(path, dir.join("missing-input"));
            assert_eq!(source, nix::errno::Errno::ENOENT);
        }
        other => panic!("expected a redirect error, got {:?}", other.map(|t| t.pid())),
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Zombie children of this process whose name is this thread's name: what a failed exec forked
/// from this thread would leave behind if it were not reaped.
fn zombie_children_of_this_thread() -> usize {
    let me = std::process::id().to_string();
    let comm = std::fs::read_to_string("/proc/thread-self/comm").unwrap_or_default();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("stat")).ok())
        .filter(|stat| {
            let Some((name, rest)) = stat.split_once(" (").and_then(|(_, r)| r.rsplit_once(')')) else {
                return false;
            };
            let fields: Vec<&str> = rest.split_whitespace().collect();
            name == comm.trim_end() && fields.first() == Some(&"Z") && fields.get(1) == Some(&me.as_str())
        })
        .count()
}

#[test]
fn exec_failures_are_reported_and_leave_no_child() {
    let missing = PathBuf::from("/nonexistent/rdbg/program");
    match Tracee::launch(&options(&missing, &[])) {
        Err(TargetError::Exec { program, source }) => {
            assert_eq!(program, missing);
            assert_eq!(source, nix::errno::Errno::ENOENT);
        }
        other => panic!("expected an exec error, got {:?}", other.map(|t| t.pid())),
    }
    // A file without execute permission.
    let source_file = crate::test_programs::source_dir().join("target_exit3.c");
    match Tracee::launch(&options(&source_file, &[])) {
        Err(TargetError::Exec { source, .. }) => assert_eq!(source, nix::errno::Errno::EACCES),
        other => panic!("expected an exec error, got {:?}", other.map(|t| t.pid())),
    }
    assert_eq!(zombie_children_of_this_thread(), 0);
    // An argument with a NUL cannot reach exec.
    let mut opts = options(&missing, &[]);
    opts.argv.push("a\0b".into());
    assert!(matches!(Tracee::launch(&opts), Err(TargetError::NulInArgument { .. })));
}

fn fork_child_runs_past_the_site_untrapped(mode: &str) {
    let program = c_program("target_fork");
    let elf = Elf::load(&program);
    let mut tracee = Tracee::launch(&options(&program, &[mode])).expect("launch");
    let marker = runtime_symbol(&mut tracee, &elf, "marker");
    tracee.insert_site(marker).expect("insert site");

    let mut forks = 0;
    let mut hits = 0;
    let mut deliver = None;
    let code = loop {
        tracee.resume(ResumeMode::Continue, deliver.take()).expect("resume");
        match tracee.wait().expect("wait") {
            TraceEvent::Forked { child } => {
                assert!(child > 0 && child != tracee.pid());
                assert!(tracee.has_site(marker), "the parent keeps its sites");
                forks += 1;
            }
            TraceEvent::Breakpoint => {
                assert_eq!(tracee.registers().expect("registers").pc(), marker.0 + 1);
                hits += 1;
                step_over_site(&mut tracee, marker);
            }
            // The parent is told its child ended; pass it on, as gdb does.
            TraceEvent::Signal { signal: libc::SIGCHLD } => deliver = Some(libc::SIGCHLD),
            TraceEvent::Exited { code } => break code,
            other => panic!("unexpected event {other:?}"),
        }
    };
    // Exit code 0: the child called marker() and still exited normally with status 7.
    assert_eq!((forks, hits, code), (1, 1, 0));
}

#[test]
fn a_fork_child_does_not_inherit_the_int3s() {
    fork_child_runs_past_the_site_untrapped("fork");
}

#[test]
fn a_vfork_child_does_not_trap_and_the_parent_still_does() {
    fork_child_runs_past_the_site_untrapped("vfork");
}

#[test]
fn an_exec_is_reported_and_drops_the_sites() {
    let program = c_program("target_exec");
    let elf = Elf::load(&program);
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    // `main` of the first image: reached once, then exec replaces it.
    let main = runtime_symbol(&mut tracee, &elf, "main");
    tracee.insert_site(main).expect("insert site");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Breakpoint);
    step_over_site(&mut tracee, main);
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Exec);
    assert!(tracee.site_addresses().is_empty());
    // The new image is readable through the same Tracee (the /proc/PID/mem handle was renewed).
    let mut magic = [0u8; 4];
    let maps = tracee.memory_map().expect("maps");
    let image = maps.iter().find(|m| m.offset == 0 && m.path.ends_with("target_exec")).expect("image");
    tracee.read_memory(image.start, &mut magic).expect("read");
    assert_eq!(&magic, b"\x7fELF");
    tracee.write_memory(image.start, b"\x7fELF").expect("write after exec");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Exited { code: 5 });
}

#[test]
fn unreadable_memory_names_the_first_bad_byte() {
    let program = c_program("basics");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let mut buf = [0u8; 8];
    assert!(matches!(tracee.read_memory(RuntimeAddr(0), &mut buf), Err(TargetError::Memory { addr: 0 })));
    assert_eq!(tracee.read_memory_partial(RuntimeAddr(0), &mut buf), 0);

    // A readable mapping followed by a hole.
    let mut maps = tracee.memory_map().expect("maps");
    maps.sort_by_key(|m| m.start);
    let end = maps
        .windows(2)
        .find(|w| w[0].readable() && w[0].end < w[1].start && w[0].end.0 - w[0].start.0 >= 3 * 4096)
        .map(|w| w[0].end)
        .expect("a readable mapping followed by a gap");

    // Small (cached) and large (direct) reads both stop exactly at the end of the mapping.
    for (before, after) in [(8usize, 8usize), (3 * 4096 - 100, 4096 + 200)] {
        let mut buf = vec![0u8; before + after];
        let start = RuntimeAddr(end.0 - before as u64);
        match tracee.read_memory(start, &mut buf) {
            Err(TargetError::Memory { addr }) => assert_eq!(addr, end.0),
            other => panic!("expected a memory error, got {other:?}"),
        }
        assert_eq!(tracee.read_memory_partial(start, &mut buf), before);
    }
    // The error message is gdb's.
    let message = tracee.read_memory(RuntimeAddr(0), &mut buf).map_err(|e| e.to_string());
    assert_eq!(message, Err("Cannot access memory at address 0x0".to_string()));
    // Writes fail the same way.
    assert!(matches!(tracee.write_memory(RuntimeAddr(8), &[1]), Err(TargetError::Memory { addr: 8 })));
}

#[test]
fn writes_reach_read_only_text_and_keep_planted_int3s() {
    let program = c_program("basics");
    let elf = Elf::load(&program);
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let tick = runtime_symbol(&mut tracee, &elf, "tick");
    let maps = tracee.memory_map().expect("maps");
    let text = maps.iter().find(|m| m.contains(tick)).expect("tick is mapped");
    assert!(!text.writable(), "text is read-only: {text:?}");

    // Read first (fills the cache), write, read again: the write must show.
    let mut before = [0u8; 4];
    tracee.read_memory(tick, &mut before).expect("read");
    tracee.write_memory(tick, &[0x90, 0x90, 0x90, 0x90]).expect("write to text");
    let mut after = [0u8; 4];
    tracee.read_memory(tick, &mut after).expect("read back");
    assert_eq!(after, [0x90; 4]);

    // A write over a planted site changes the remembered original; the int3 stays in memory.
    let site = tick.offset(1);
    tracee.insert_site(site).expect("insert");
    tracee.write_memory(tick, &[0x11, 0x22, 0x33]).expect("write over site");
    tracee.read_memory(tick, &mut after).expect("read");
    assert_eq!(after, [0x11, 0x22, 0x33, 0x90]);
    assert_eq!(raw_bytes(tracee.pid(), tick.0, 3), [0x11, 0xcc, 0x33]);
    tracee.remove_site(site).expect("remove");
    tracee.remove_site(site).expect("removing twice is a no-op");
    assert_eq!(raw_bytes(tracee.pid(), tick.0, 3), [0x11, 0x22, 0x33]);

    // Put the program back and check a large write/read round trip too.
    tracee.write_memory(tick, &before).expect("restore");
    let stack = RuntimeAddr(tracee.registers().expect("registers").sp());
    let pattern: Vec<u8> = (0..3000u32).map(|i| (i * 7) as u8).collect();
    let low = RuntimeAddr(stack.0 - 4096);
    tracee.write_memory(low, &pattern).expect("write to stack");
    let mut back = vec![0u8; pattern.len()];
    tracee.read_memory(low, &mut back).expect("read stack");
    assert_eq!(back, pattern);
}

#[test]
fn extended_registers_hold_the_initial_mxcsr_and_can_be_written() {
    let program = c_program("target_exit3");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let mut x = tracee.extended_registers().expect("extended registers");
    assert!(x.xsave.len() >= 512);
    assert_eq!(x.mxcsr(), 0x1f80);
    assert_eq!(x.fctrl(), 0x037f);

    // Put a pattern in xmm0 (and mark SSE state live when there is an XSTATE_BV), then make sure it
    // survives a real round trip through the kernel.
    let pattern: Vec<u8> = (1..=16).collect();
    x.xsave[160..176].copy_from_slice(&pattern);
    if x.xsave.len() > 520 {
        x.xsave[512] |= 2;
    }
    tracee.set_extended_registers(&x).expect("set extended registers");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::SingleStep), TraceEvent::SingleStep);
    let again = tracee.extended_registers().expect("extended registers");
    assert_eq!(again.xmm(0).to_vec(), pattern);
    assert!(matches!(
        tracee.set_extended_registers(&ExtendedRegisters::from_xsave(vec![0; 16])),
        Err(TargetError::BadExtendedState { len: 16 })
    ));
}

#[test]
fn registers_written_are_seen_by_the_process() {
    let program = c_program("target_exit3");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    // Write a register, let the CPU run an instruction, and read it back from the kernel
    // (ld.so's first instruction does not touch r15).
    let mut regs = tracee.registers().expect("registers");
    regs.set("r15", 0x1234_5678_9abc_def0);
    tracee.set_registers(&regs).expect("set registers");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::SingleStep), TraceEvent::SingleStep);
    assert_eq!(tracee.registers().expect("registers").get("r15"), Some((0x1234_5678_9abc_def0, 64)));
}

#[test]
fn kill_reaps_and_is_idempotent() {
    let program = c_program("target_spin");
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let pid = tracee.pid();
    tracee.resume(ResumeMode::Continue, None).expect("resume");
    assert!(matches!(tracee.registers(), Err(TargetError::NotStopped { .. })));
    tracee.kill().expect("kill a running tracee");
    assert!(!tracee.is_alive());
    tracee.kill().expect("second kill");
    assert!(matches!(tracee.wait(), Err(TargetError::NotRunning)));
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "reaped, not a zombie");
}

#[test]
fn dropping_a_launched_tracee_kills_it() {
    let program = c_program("target_spin");
    let pid;
    {
        let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
        pid = tracee.pid();
        tracee.resume(ResumeMode::Continue, None).expect("resume");
    }
    assert!(!Path::new(&format!("/proc/{pid}")).exists());
}

/// A spinning process started without ptrace, killed when dropped.
struct Spinner(std::process::Child);

impl Spinner {
    fn spawn(program: &Path) -> Spinner {
        use std::os::unix::process::CommandExt;
        let mut command = std::process::Command::new(program);
        command.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
        // SAFETY: prctl is async-signal-safe. PDEATHSIG: if the test process dies before Drop runs
        // (killed by a timeout), the spinner dies with it instead of spinning on as an orphan.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        Spinner(command.spawn().expect("spawn"))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn process_state(pid: i32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.split_whitespace().next().map(str::to_string)
}

#[test]
fn attach_plant_and_detach_leave_the_process_running_and_clean() {
    let program = c_program("target_spin");
    let elf = Elf::load(&program);
    let spinner = Spinner::spawn(&program);
    let pid = spinner.0.id() as i32;

    let mut tracee = Tracee::attach(pid).expect("attach");
    assert!(tracee.is_stopped());
    assert_eq!(process_state(pid).as_deref(), Some("t"));
    let tick = runtime_symbol(&mut tracee, &elf, "tick");
    let original = elf.bytes_at(elf.symbol("tick"), 1);
    tracee.insert_site(tick).expect("insert");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Breakpoint);
    assert_eq!(tracee.registers().expect("registers").pc(), tick.0 + 1);
    step_over_site(&mut tracee, tick);
    tracee.detach().expect("detach");

    assert_eq!(raw_bytes(pid, tick.0, 1), original, "the int3 was taken out");
    // It runs on: its tick counter keeps moving (polled, no sleep: each read is a fresh snapshot).
    let ticks = RuntimeAddr(runtime_symbol_from_maps(pid, &elf, "ticks"));
    let first = raw_bytes(pid, ticks.0, 8);
    let moved = (0..1_000_000).any(|_| raw_bytes(pid, ticks.0, 8) != first);
    assert!(moved, "detached process is not running");
    assert_ne!(process_state(pid).as_deref(), Some("t"));

    // Dropping an attached tracee that is running detaches it, and the process goes on.
    let mut tracee = Tracee::attach(pid).expect("attach again");
    tracee.insert_site(tick).expect("insert");
    tracee.resume(ResumeMode::Continue, None).expect("resume");
    drop(tracee);
    assert_eq!(raw_bytes(pid, tick.0, 1), original);
    let first = raw_bytes(pid, ticks.0, 8);
    assert!((0..1_000_000).any(|_| raw_bytes(pid, ticks.0, 8) != first));
}

/// Runtime address of a symbol in a process we do not trace: bias from the program's first mapping.
fn runtime_symbol_from_maps(pid: i32, elf: &Elf, name: &str) -> u64 {
    let auxv = std::fs::read(format!("/proc/{pid}/auxv")).expect("auxv");
    let entry = auxv
        .chunks_exact(16)
        .map(|c| {
            let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
            (word(&c[..8]), word(&c[8..]))
        })
        .find(|(k, _)| *k == AT_ENTRY)
        .expect("AT_ENTRY")
        .1;
    elf.symbol(name) + entry - elf.file().entry()
}

#[test]
fn attaching_to_a_missing_process_fails() {
    // pid_max is at most 2^22, so this pid cannot exist.
    assert!(matches!(Tracee::attach(0x7fff_fff0), Err(TargetError::Attach { .. })));
}

#[test]
fn detaching_a_running_launched_tracee_leaves_it_running_untrapped() {
    let program = c_program("target_spin");
    let elf = Elf::load(&program);
    let mut tracee = Tracee::launch(&options(&program, &[])).expect("launch");
    let pid = tracee.pid();
    let tick = runtime_symbol(&mut tracee, &elf, "tick");
    let ticks = runtime_symbol(&mut tracee, &elf, "ticks");
    let original = elf.bytes_at(elf.symbol("tick"), 1);
    tracee.insert_site(tick).expect("insert");
    // Running and about to trap at `tick` over and over: detach must stop it, rewind over the int3
    // it may have hit, lift the site and let it go without our SIGSTOP pending.
    tracee.resume(ResumeMode::Continue, None).expect("resume");
    tracee.detach().expect("detach a running tracee");

    // Still our child, no longer traced: reap it ourselves at the end whatever happens.
    struct Reap(i32);
    impl Drop for Reap {
        fn drop(&mut self) {
            // SAFETY: plain syscalls on our own child.
            unsafe {
                libc::kill(self.0, libc::SIGKILL);
                libc::waitpid(self.0, std::ptr::null_mut(), 0);
            }
        }
    }
    let _reap = Reap(pid);
    assert_eq!(raw_bytes(pid, tick.0, 1), original);
    let first = raw_bytes(pid, ticks.0, 8);
    assert!((0..1_000_000).any(|_| raw_bytes(pid, ticks.0, 8) != first), "not running after detach");
    assert!(!matches!(process_state(pid).as_deref(), Some("t") | Some("T")));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    assert!(status.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["TracerPid:", "0"]));
}

#[test]
fn detaching_right_after_a_breakpoint_hit_rewinds_over_the_int3() {
    let program = c_program("target_spin");
    let elf = Elf::load(&program);
    let spinner = Spinner::spawn(&program);
    let pid = spinner.0.id() as i32;
    let mut tracee = Tracee::attach(pid).expect("attach");
    // The site goes on `push rbp` (after an endbr64 if there is one): a one-byte instruction whose
    // loss would unbalance the stack, so resuming one byte past it would crash the process.
    let tick = runtime_symbol(&mut tracee, &elf, "tick");
    let endbr = elf.bytes_at(elf.symbol("tick"), 4) == [0xf3, 0x0f, 0x1e, 0xfa];
    let site = if endbr { tick.offset(4) } else { tick };
    let mut byte = [0u8];
    tracee.read_memory(site, &mut byte).expect("read");
    assert_eq!(byte, [0x55], "expected push rbp at the site");
    tracee.insert_site(site).expect("insert");
    assert_eq!(resume_and_wait(&mut tracee, ResumeMode::Continue), TraceEvent::Breakpoint);
    assert_eq!(tracee.registers().expect("registers").pc(), site.0 + 1);
    tracee.detach().expect("detach");

    let ticks = RuntimeAddr(runtime_symbol_from_maps(pid, &elf, "ticks"));
    let first = raw_bytes(pid, ticks.0, 8);
    assert!((0..1_000_000).any(|_| raw_bytes(pid, ticks.0, 8) != first), "not running after detach");
    let later = raw_bytes(pid, ticks.0, 8);
    assert!((0..1_000_000).any(|_| raw_bytes(pid, ticks.0, 8) != later), "stopped running");
    assert_ne!(process_state(pid).as_deref(), Some("Z"), "the process crashed");
}

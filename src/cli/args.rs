//! gdb's command line, parsed with clap.
//!
//! gdb accepts its long options with one dash or two (`-batch`, `--batch`, `-ex`, `-nx`), which clap
//! does not; `normalise` rewrites the single-dash spellings first. `-x` and `-ex` run in the order given,
//! so their positions are kept.

use clap::{Arg, ArgAction, Command};
use std::path::PathBuf;

/// One startup command, in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartupCommand {
    /// `-x FILE`
    File(PathBuf),
    /// `-ex CMD`
    Command(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub program: Option<PathBuf>,
    pub program_args: Vec<String>,
    pub batch: bool,
    pub quiet: bool,
    pub no_init: bool,
    pub pid: Option<i32>,
    pub startup: Vec<StartupCommand>,
}

/// Long options gdb spells with a single dash too.
const LONG_WITH_ONE_DASH: &[&str] = &[
    "batch",
    "ex",
    "eval-command",
    "nx",
    "quiet",
    "silent",
    "args",
    "pid",
    "command",
    "nh",
    "version",
    "help",
];

fn normalise(args: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut after_args = false;
    for (i, arg) in args.into_iter().enumerate() {
        if i == 0 || after_args {
            out.push(arg);
            continue;
        }
        let rewritten = match arg.strip_prefix('-') {
            Some(rest)
                if !rest.starts_with('-')
                    && LONG_WITH_ONE_DASH.contains(&rest.split('=').next().unwrap_or("")) =>
            {
                format!("-{arg}")
            }
            _ => arg,
        };
        after_args = rewritten == "--args";
        out.push(rewritten);
    }
    out
}

fn command() -> Command {
    Command::new("rdbg")
        .about("A source-level debugger for Linux x86-64 that speaks gdb")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .arg(Arg::new("version").long("version").action(ArgAction::Version).help("Print version information"))
        .arg(Arg::new("batch").long("batch").action(ArgAction::SetTrue).help("Exit after processing options"))
        .arg(
            Arg::new("ex")
                .long("ex")
                .visible_alias("eval-command")
                .value_name("COMMAND")
                .action(ArgAction::Append)
                .help("Execute a single command (repeatable, in order with -x)"),
        )
        .arg(
            Arg::new("x")
                .short('x')
                .long("command")
                .value_name("FILE")
                .action(ArgAction::Append)
                .help("Execute commands from FILE (repeatable, in order with -ex)"),
        )
        .arg(
            Arg::new("nx").short('n').long("nx").action(ArgAction::SetTrue).help("Do not read any init file"),
        )
        .arg(
            Arg::new("quiet")
                .short('q')
                .long("quiet")
                .visible_alias("silent")
                .action(ArgAction::SetTrue)
                .help("Do not print the introductory messages"),
        )
        .arg(
            Arg::new("pid")
                .short('p')
                .long("pid")
                .value_name("PID")
                .value_parser(clap::value_parser!(i32))
                .help("Attach to running process PID"),
        )
        .arg(
            Arg::new("args")
                .long("args")
                .action(ArgAction::SetTrue)
                .help("Arguments after the program name are passed to the program"),
        )
        .arg(Arg::new("program").value_name("PROGRAM").help("The program to debug"))
        .arg(Arg::new("core_or_pid").value_name("PID").help("Process to attach to"))
}

/// Parses `argv` (including argv[0]). On error, clap's message (usage included) is returned.
pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Options, clap::Error> {
    // Everything after `--args PROGRAM` belongs to the program, flags included: split it off before
    // clap sees it.
    let mut argv = normalise(argv);
    let after_args = argv.iter().position(|a| a == "--args").map(|i| argv.split_off(i + 1));
    let matches = command().try_get_matches_from(argv)?;
    let mut options = Options {
        batch: matches.get_flag("batch"),
        quiet: matches.get_flag("quiet"),
        no_init: matches.get_flag("nx"),
        pid: matches.get_one::<i32>("pid").copied(),
        ..Options::default()
    };
    let mut startup: Vec<(usize, StartupCommand)> = Vec::new();
    if let (Some(values), Some(indices)) = (matches.get_many::<String>("ex"), matches.indices_of("ex")) {
        startup.extend(indices.zip(values).map(|(i, v)| (i, StartupCommand::Command(v.clone()))));
    }
    if let (Some(values), Some(indices)) = (matches.get_many::<String>("x"), matches.indices_of("x")) {
        startup.extend(indices.zip(values).map(|(i, v)| (i, StartupCommand::File(PathBuf::from(v)))));
    }
    startup.sort_by_key(|(i, _)| *i);
    options.startup = startup.into_iter().map(|(_, c)| c).collect();
    if let Some(mut values) = after_args.map(|v| v.into_iter()) {
        options.program = values.next().map(PathBuf::from);
        options.program_args = values.collect();
    } else {
        options.program = matches.get_one::<String>("program").map(PathBuf::from);
        if let Some(second) = matches.get_one::<String>("core_or_pid") {
            // gdb PROG PID attaches; a core file is not supported yet.
            options.pid = second.parse().ok().or(options.pid);
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Options, clap::Error> {
        parse(std::iter::once("rdbg").chain(words.iter().copied()).map(String::from))
    }

    #[test]
    fn gdb_spellings_and_order_of_startup_commands() {
        let o = parse_words(&[
            "-batch",
            "-nx",
            "-q",
            "-ex",
            "break main",
            "-x",
            "a.gdb",
            "-ex",
            "run",
            "--args",
            "./p",
            "-v",
            "x",
        ])
        .expect("parses");
        assert!(o.batch && o.no_init && o.quiet);
        assert_eq!(
            o.startup,
            vec![
                StartupCommand::Command("break main".into()),
                StartupCommand::File("a.gdb".into()),
                StartupCommand::Command("run".into())
            ]
        );
        assert_eq!(o.program, Some(PathBuf::from("./p")));
        assert_eq!(o.program_args, vec!["-v".to_string(), "x".to_string()]);
    }

    #[test]
    fn plain_program_and_pid() {
        let o = parse_words(&["--batch", "./prog"]).expect("parses");
        assert_eq!(o.program, Some(PathBuf::from("./prog")));
        assert!(o.program_args.is_empty());
        let o = parse_words(&["-p", "123"]).expect("parses");
        assert_eq!(o.pid, Some(123));
    }

    #[test]
    fn unknown_flag_is_an_error() {
        assert!(parse_words(&["--frobnicate"]).is_err());
        assert!(parse_words(&["-frobnicate"]).is_err());
    }
}

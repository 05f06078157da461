//! The interactive prompt: rustyline with history in `~/.rdbg_history`, Tab completion from the
//! command table (and function/file names after `break`, `list`, ...), Enter repeating the last
//! repeatable command, Ctrl-C clearing the line and Ctrl-D quitting.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

use super::commands::TOP_LEVEL;
use super::session::Session;
use super::table::{command_names, lookup, split_command, Completion, Invocation};

const PROMPT: &str = "(rdbg) ";

/// Names the completer offers after location-taking commands. Gathering them reads all of the
/// program's debug info, so it waits for the first Tab that needs them (start-up stays cheap), and
/// happens once per program.
#[derive(Default)]
struct LocationNames {
    program: Option<PathBuf>,
    names: Option<Vec<String>>,
}

impl LocationNames {
    fn names(&mut self) -> &[String] {
        let program = self.program.clone();
        self.names.get_or_insert_with(|| {
            let Some(module) = program.and_then(|p| crate::symbols::Module::load(&p).ok()) else {
                return Vec::new();
            };
            let mut names = module.function_names();
            names.extend(module.source_file_names());
            names.sort();
            names.dedup();
            names
        })
    }
}

struct RdbgHelper {
    files: FilenameCompleter,
    locations: Rc<RefCell<LocationNames>>,
}

fn pairs<'a>(candidates: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<Pair> {
    candidates
        .filter(|c| c.starts_with(prefix))
        .map(|c| Pair { display: c.to_string(), replacement: c.to_string() })
        .collect()
}

impl Completer for RdbgHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let word_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if word_start == 0 {
            return Ok((0, pairs(command_names().into_iter(), word)));
        }
        let (command, rest) = split_command(before);
        let Ok(mut spec) = lookup(TOP_LEVEL, command, None) else { return Ok((pos, Vec::new())) };
        // Walk into prefix commands (`info reg<TAB>`, `set disas<TAB>`).
        let mut rest_words: Vec<&str> = rest.split_whitespace().collect();
        if !before.ends_with(char::is_whitespace) {
            rest_words.pop();
        }
        for sub_word in rest_words {
            match spec.completion {
                Completion::Subcommands(table) => match lookup(table, sub_word, None) {
                    Ok(sub) => spec = sub,
                    Err(_) => return Ok((pos, Vec::new())),
                },
                _ => break,
            }
        }
        let candidates = match spec.completion {
            Completion::Nothing => Vec::new(),
            Completion::Subcommands(table) => pairs(table.iter().map(|c| c.name), word),
            Completion::Commands => pairs(command_names().into_iter(), word),
            Completion::Files => return self.files.complete(line, pos, ctx),
            Completion::Locations => {
                let mut locations = self.locations.borrow_mut();
                pairs(locations.names().iter().map(String::as_str), word)
            }
        };
        Ok((word_start, candidates))
    }
}

impl Hinter for RdbgHelper {
    type Hint = String;
}

impl Highlighter for RdbgHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for RdbgHelper {}
impl Helper for RdbgHelper {}

fn history_path() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".rdbg_history"))
}

/// Notes which program completion names are for; they are gathered on first need.
fn refresh_locations(session: &Session, locations: &Rc<RefCell<LocationNames>>) {
    let program = session.debugger.program().map(|m| m.path().to_path_buf());
    let mut current = locations.borrow_mut();
    if current.program != program {
        *current = LocationNames { program, names: None };
    }
}

/// Reads and runs commands until `quit` or end of input.
pub fn run(session: &mut Session) {
    let locations = Rc::new(RefCell::new(LocationNames::default()));
    let helper = RdbgHelper { files: FilenameCompleter::new(), locations: locations.clone() };
    let mut editor: Editor<RdbgHelper, DefaultHistory> = match Editor::new() {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("cannot start the line editor: {error}");
            return;
        }
    };
    editor.set_helper(Some(helper));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let how = Invocation { from_tty: true };
    while !session.quit_requested {
        refresh_locations(session, &locations);
        match editor.readline(PROMPT) {
            Ok(line) => {
                let command = if line.trim().is_empty() {
                    match session.last_repeatable.clone() {
                        Some(previous) => previous,
                        None => continue,
                    }
                } else {
                    let _ = editor.add_history_entry(line.as_str());
                    line
                };
                if let Err(error) = session.execute(&command, how) {
                    eprintln!("{error}");
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                println!("quit");
                let _ = session.execute("quit", how);
                if session.debugger.is_running() {
                    // Declined: gdb stays at the prompt.
                    continue;
                }
                break;
            }
            Err(error) => {
                eprintln!("{error}");
                break;
            }
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::DefaultHistory;

    fn complete(line: &str, names: &[&str]) -> Vec<String> {
        let locations = Rc::new(RefCell::new(LocationNames {
            program: None,
            names: Some(names.iter().map(|n| n.to_string()).collect()),
        }));
        let helper = RdbgHelper { files: FilenameCompleter::new(), locations };
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let (_, pairs) = helper.complete(line, line.len(), &ctx).unwrap_or((0, Vec::new()));
        pairs.into_iter().map(|p| p.replacement).collect()
    }

    #[test]
    fn completes_command_names_subcommands_and_locations() {
        assert_eq!(complete("dis", &[]), vec!["dis", "disa", "disable", "disassemble", "display"]);
        assert_eq!(complete("info reg", &[]), vec!["registers"]);
        assert_eq!(complete("i all", &[]), vec!["all-registers"]);
        assert_eq!(complete("set disas", &[]), vec!["disassembly-flavor"]);
        assert_eq!(complete("break ad", &["add", "main", "basics.c"]), vec!["add"]);
        assert_eq!(complete("b bas", &["add", "main", "basics.c"]), vec!["basics.c"]);
        assert!(complete("stepi 1", &["add"]).is_empty());
        assert_eq!(complete("list ma", &["add", "main", "basics.c"]), vec!["main"]);
        assert_eq!(complete("l bas", &["add", "main", "basics.c"]), vec!["basics.c"]);
        assert_eq!(complete("info line ad", &["add", "main"]), vec!["add"]);
    }
}

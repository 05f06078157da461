//! Source text for `list` and for the lines gdb shows at stops, found on the source search path
//! (`directory`), read once per file and kept.
//!
//! When a file cannot be read, gdb says so (`28\tbasics.c: No such file or directory.`) when it
//! turns to that file, and shows `28\tin basics.c` while it stays there: gdb remembers only the last
//! file it visited and whether opening it failed (`last_source_visited`), and so does the cache.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::symbols::SourceLocation;

use super::source_path::SourcePath;

/// A source file as gdb's symtab names it: the line table's name (what gdb prints) and the full
/// path that identifies it (the name joined to the compilation directory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub full_path: PathBuf,
}

impl SourceFile {
    pub fn of(location: &SourceLocation) -> SourceFile {
        SourceFile { name: location.file.clone(), full_path: location.full_path.clone() }
    }

    /// The compilation directory, recovered from a relative name and the full path it was joined into.
    fn comp_dir(&self) -> Option<PathBuf> {
        if Path::new(&self.name).is_absolute() {
            return None;
        }
        let full = self.full_path.to_str()?;
        let dir = full.strip_suffix(self.name.as_str())?.strip_suffix('/')?;
        Some(PathBuf::from(if dir.is_empty() { "/" } else { dir }))
    }
}

/// A source file that was found: where, and its lines (without line ends).
pub struct SourceText {
    pub path: PathBuf,
    pub lines: Vec<String>,
}

/// What gdb does when it turns to a file for printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    Readable,
    /// The file cannot be read and this is the first time in a row: gdb prints the error.
    MissingFirst,
    /// The file cannot be read and was the last one visited: gdb prints `LINE\tin FILE`.
    MissingAgain,
}

#[derive(Default)]
pub struct SourceCache {
    /// By full path; None when the file was looked for and not found.
    files: HashMap<PathBuf, Option<SourceText>>,
    /// gdb's `last_source_visited` and `last_source_error`.
    last_visited: Option<PathBuf>,
    last_failed: bool,
    /// Missing files whose expected path gdb has worked out since it last failed to open them
    /// (`break`, `info line`); `info source` then says `Located in` that path, as gdb does.
    named_missing: HashSet<PathBuf>,
    /// The program's modification time: a newer source file gets gdb's warning when first read.
    program_mtime: Option<std::time::SystemTime>,
    /// `directory`: where files are looked for.
    pub search_path: SourcePath,
}

impl SourceCache {
    /// The file's text, looked up on the search path the first time.
    pub fn text(&mut self, file: &SourceFile) -> Option<&SourceText> {
        let search_path = &self.search_path;
        let program_mtime = self.program_mtime;
        let found = self
            .files
            .entry(file.full_path.clone())
            .or_insert_with(|| {
                let path = search_path.find(&file.name, file.comp_dir().as_deref())?;
                let bytes = std::fs::read(&path).ok()?;
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                if matches!((program_mtime, modified), (Some(program), Some(source)) if source > program) {
                    let _ = std::io::stdout().flush();
                    eprintln!("warning: Source file is more recent than executable.");
                }
                Some(SourceText { path, lines: split_lines(&bytes) })
            })
            .as_ref();
        if found.is_none() {
            // A failed open leaves gdb without a full name for the file.
            self.named_missing.remove(&file.full_path);
        }
        found
    }

    /// gdb's `symtab_to_fullname` for a file that may be missing: from now on `info source` names
    /// the path where it was expected, until the next failed attempt to open it.
    pub fn note_fullname(&mut self, file: &SourceFile) {
        self.named_missing.insert(file.full_path.clone());
    }

    /// Whether gdb would know the missing file's full name (see `note_fullname`).
    pub fn is_named(&self, file: &SourceFile) -> bool {
        self.named_missing.contains(&file.full_path)
    }

    /// The program whose sources these are (its age decides gdb's "more recent" warning).
    pub fn set_program(&mut self, program: &Path) {
        self.program_mtime = std::fs::metadata(program).and_then(|m| m.modified()).ok();
    }

    /// gdb's `print_source_lines` preamble: turning to `file` opens it unless it was the last file
    /// visited, and says whether (and how) to report that it cannot be read.
    pub fn visit(&mut self, file: &SourceFile) -> Visit {
        if self.last_visited.as_ref() == Some(&file.full_path) {
            return if self.last_failed { Visit::MissingAgain } else { Visit::Readable };
        }
        self.last_visited = Some(file.full_path.clone());
        self.last_failed = self.text(file).is_none();
        if self.last_failed {
            Visit::MissingFirst
        } else {
            Visit::Readable
        }
    }

    /// gdb's `forget_cached_source_info` (after `directory`, or a new program): files are looked up
    /// again, and a missing one is reported again.
    pub fn forget(&mut self) {
        self.files.clear();
        self.last_visited = None;
        self.last_failed = false;
    }

    /// The text gdb prints for `location`'s line (without a trailing newline), for callers that show a
    /// source line without moving `list`'s position.
    pub fn line_text(&mut self, location: &SourceLocation) -> String {
        let file = SourceFile::of(location);
        let line = location.line;
        match self.visit(&file) {
            Visit::MissingFirst => format!("{line}\t{}: No such file or directory.", file.name),
            Visit::MissingAgain => format!("{line}\tin {}", file.name),
            Visit::Readable => match self.text(&file).map(|t| (t.lines.len(), line_at(&t.lines, line))) {
                Some((_, Some(text))) => format!("{line}\t{}", printable(text)),
                Some((count, _)) => {
                    format!("Line number {line} out of range; {} has {count} lines.", file.name)
                }
                None => format!("{line}\tin {}", file.name),
            },
        }
    }
}

/// Line `line` (counted from 1) of `lines`.
pub fn line_at(lines: &[String], line: u32) -> Option<&String> {
    lines.get(usize::try_from(line).ok()?.checked_sub(1)?)
}

/// Lines as gdb counts them: a newline ends a line (`\r\n` too), and a final newline starts none.
fn split_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.split_terminator('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).collect()
}

/// A source line as gdb prints it: control characters other than tab as `^X`, DEL as `^?`.
pub fn printable(line: &str) -> String {
    if !line.chars().any(|c| (c.is_ascii_control() && c != '\t') || c == '\u{7f}') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '\u{7f}' => out.push_str("^?"),
            // ESC starts a terminal escape sequence, which gdb passes through.
            '\u{1b}' | '\t' => out.push(c),
            c if c.is_ascii_control() => {
                out.push('^');
                out.push(char::from(c as u8 + 0x40));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_like_gdb() {
        assert_eq!(split_lines(b"a\nb\n"), vec!["a", "b"]);
        assert_eq!(split_lines(b"a\r\nb"), vec!["a", "b"]);
        assert_eq!(split_lines(b""), Vec::<String>::new());
        assert_eq!(printable("x\u{1}y\u{7f}\tz"), "x^Ay^?\tz");
    }

    #[test]
    fn comp_dir_comes_back_from_the_full_path() {
        let file = SourceFile { name: "sub/a.c".into(), full_path: "/build/dir/sub/a.c".into() };
        assert_eq!(file.comp_dir(), Some(PathBuf::from("/build/dir")));
        let header = SourceFile { name: "/usr/include/x.h".into(), full_path: "/usr/include/x.h".into() };
        assert_eq!(header.comp_dir(), None);
    }

    #[test]
    fn a_missing_file_is_reported_when_turned_to() {
        let mut cache = SourceCache::default();
        let gone = |name: &str| SourceLocation {
            file: name.into(),
            full_path: PathBuf::from("/no/such/dir").join(name),
            line: 3,
            is_stmt_start: true,
        };
        assert_eq!(cache.line_text(&gone("a.c")), "3\ta.c: No such file or directory.");
        assert_eq!(cache.line_text(&gone("a.c")), "3\tin a.c");
        assert_eq!(cache.line_text(&gone("b.c")), "3\tb.c: No such file or directory.");
        // gdb remembers only the last file, so going back reports again.
        assert_eq!(cache.line_text(&gone("a.c")), "3\ta.c: No such file or directory.");
        cache.forget();
        assert_eq!(cache.visit(&SourceFile::of(&gone("b.c"))), Visit::MissingFirst);
    }
}

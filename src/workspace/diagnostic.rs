//! Workspace errors with their place in the file: key path, line, column and a hint.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One step of a key path: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value sits in sleak.toml, e.g. `projects.api.envs.staging.services.web.port`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyPath(pub Vec<Segment>);

impl KeyPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// Builds a path from dotted keys; every part is a key (no indexes).
    pub fn of(keys: &[&str]) -> Self {
        Self(keys.iter().map(|k| Segment::Key((*k).to_owned())).collect())
    }

    pub fn key(&self, key: impl Into<String>) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.into()));
        next
    }

    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    let bare = !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if bare {
                        f.write_str(key)?;
                    } else {
                        write!(f, "{key:?}")?;
                    }
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
            first = false;
        }
        if first {
            f.write_str("(top level)")?;
        }
        Ok(())
    }
}

/// What a diagnostic points at, when the path exists in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The value at the path (the default).
    Value,
    /// The key at the end of the path (unknown keys, duplicate names).
    Key,
}

/// One problem in a workspace file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: KeyPath,
    pub message: String,
    pub hint: Option<String>,
    pub anchor: Anchor,
    /// Byte range in the file; filled by the loader from `path` unless known already.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn new(path: KeyPath, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            hint: None,
            anchor: Anchor::Value,
            span: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at_key(mut self) -> Self {
        self.anchor = Anchor::Key;
        self
    }

    pub fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }
}

/// Every problem found in one workspace file; shown all at once, exit code 2.
#[derive(Debug)]
pub struct WorkspaceError {
    pub file: PathBuf,
    pub source_text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl WorkspaceError {
    pub fn new(file: &Path, source_text: &str, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            file: file.to_owned(),
            source_text: source_text.to_owned(),
            diagnostics,
        }
    }

    /// The `file:line:column` of a diagnostic, for machine output.
    pub fn location(&self, diagnostic: &Diagnostic) -> (usize, usize) {
        let offset = diagnostic.span.as_ref().map_or(0, |span| span.start);
        line_column(&self.source_text, offset)
    }

    /// Renders the diagnostics as JSON objects (for `--output json`).
    pub fn to_json(&self) -> serde_json::Value {
        let items: Vec<serde_json::Value> = self
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let (line, column) = self.location(diagnostic);
                serde_json::json!({
                    "file": self.file.display().to_string(),
                    "line": line,
                    "column": column,
                    "path": diagnostic.path.to_string(),
                    "message": diagnostic.message,
                    "hint": diagnostic.hint,
                })
            })
            .collect();
        serde_json::json!({ "errors": items })
    }
}

impl std::error::Error for WorkspaceError {}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (number, diagnostic) in self.diagnostics.iter().enumerate() {
            if number > 0 {
                writeln!(f)?;
            }
            render(f, &self.file, &self.source_text, diagnostic)?;
        }
        let count = self.diagnostics.len();
        write!(
            f,
            "\n{} has {count} error{}",
            self.file.display(),
            if count == 1 { "" } else { "s" }
        )
    }
}

fn render(
    f: &mut fmt::Formatter<'_>,
    file: &Path,
    source: &str,
    diagnostic: &Diagnostic,
) -> fmt::Result {
    writeln!(f, "error: {}", diagnostic.message)?;
    let span = diagnostic.span.clone().unwrap_or(0..0);
    let (line, column) = line_column(source, span.start);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let path = if diagnostic.path.is_root() {
        String::new()
    } else {
        format!(" at `{}`", diagnostic.path)
    };
    writeln!(f, "{pad}--> {}:{line}:{column}{path}", file.display())?;
    if let Some(text) = source.lines().nth(line - 1) {
        writeln!(f, "{pad} |")?;
        writeln!(f, "{line} | {text}")?;
        let start = column - 1;
        let line_chars = text.chars().count();
        let width = source
            .get(span.clone())
            .map_or(1, |covered| {
                covered.lines().next().unwrap_or("").chars().count()
            })
            .clamp(1, line_chars.saturating_sub(start).max(1));
        writeln!(f, "{pad} | {}{}", " ".repeat(start), "^".repeat(width))?;
    }
    if let Some(hint) = &diagnostic.hint {
        writeln!(f, "{pad} = hint: {hint}")?;
    }
    Ok(())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |text| text.chars().count())
        + 1;
    (line, column)
}

/// The closest candidate to a misspelled name, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let normalize = |text: &str| text.to_ascii_lowercase().replace('-', "_");
    let wrong_normal = normalize(wrong);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if normalize(candidate) == wrong_normal {
            return Some(candidate);
        }
        let distance = strsim::damerau_levenshtein(&wrong_normal, &normalize(candidate));
        let limit = (wrong.len().max(candidate.len()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_quote_keys_that_are_not_bare() {
        let path = KeyPath::of(&["projects", "api"]).key("a.b").index(2);
        assert_eq!(path.to_string(), "projects.api.\"a.b\"[2]");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let source = "a = 1\nné = \"x\"\n";
        let offset = source.find('=').map(|_| source.rfind('=').unwrap_or(0));
        assert_eq!(line_column(source, offset.unwrap_or(0)), (2, 4));
        assert_eq!(line_column(source, 0), (1, 1));
    }

    #[test]
    fn did_you_mean_finds_near_misses_and_separator_changes() {
        let keys = ["instance_type", "port", "protocol"];
        assert_eq!(did_you_mean("instance-type", keys), Some("instance_type"));
        assert_eq!(did_you_mean("prot", keys), Some("port"));
        assert_eq!(did_you_mean("zzzzzz", keys), None);
    }
}

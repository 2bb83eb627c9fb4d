//! The sleak.toml workspace: finding it, parsing it, validating it, editing it.

pub mod cron;
pub mod diagnostic;
pub mod docs;
pub mod dotenv;
pub mod edit;
pub mod locate;
pub mod model;
pub mod names;
pub mod schema;
pub mod structure;
pub mod validate;
pub mod variables;

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use diagnostic::{Diagnostic, KeyPath, WorkspaceError};
pub use model::Workspace;

/// The file name sleak looks for.
pub const FILE_NAME: &str = "sleak.toml";

/// Why no workspace could be used: no file, or an unreadable one. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("no `sleak.toml` found in `{start}` or any folder above it")]
    NotFound { start: PathBuf },
    #[error("`{path}` does not exist")]
    Missing { path: PathBuf },
}

/// The workspace file to use: `explicit` (a file, or a folder holding sleak.toml), else
/// the nearest sleak.toml from `start` upward.
pub fn find(explicit: Option<&Path>, start: &Path) -> Result<PathBuf, FindError> {
    if let Some(path) = explicit {
        let file = if path.is_dir() {
            path.join(FILE_NAME)
        } else {
            path.to_owned()
        };
        return if file.is_file() {
            Ok(file)
        } else {
            Err(FindError::Missing { path: file })
        };
    }
    start
        .ancestors()
        .map(|folder| folder.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| FindError::NotFound {
            start: start.to_owned(),
        })
}

/// Reads and validates a workspace file.
pub fn load(file: &Path) -> anyhow::Result<Workspace> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("could not read `{}`", file.display()))?;
    Ok(parse(file, &text)?)
}

/// Parses and validates workspace text; `file` is only used in messages.
pub fn parse(file: &Path, text: &str) -> Result<Workspace, WorkspaceError> {
    let document = match toml_edit::Document::parse(text.to_owned()) {
        Ok(document) => document,
        Err(error) => {
            let message = syntax_message(error.message());
            let hint = if message.contains("duplicate key") {
                "a key or table may be defined only once in a file: merge the two definitions or remove one"
            } else if message.contains("missing comma") {
                "separate the elements of an array with `,`; the error points where a `,` or `]` was expected"
            } else if message.contains("invalid string") || message.contains("unclosed") {
                "close every string with the quote that opened it"
            } else {
                "fix the TOML syntax; see https://toml.io for the format"
            };
            let diagnostic = Diagnostic::new(KeyPath::root(), message)
                .with_hint(hint)
                .with_span(error.span());
            return Err(WorkspaceError::new(file, text, vec![diagnostic]));
        }
    };
    // The schema's walk (and building the schema) is only needed to explain a document
    // serde refuses: every table of the workspace denies unknown keys and serde checks
    // the types, choices and integer ranges the schema states, so a document serde
    // reads has no structural problem.
    let raw: schema::WorkspaceToml = match toml_edit::de::from_document(document.clone()) {
        Ok(raw) => raw,
        Err(error) => {
            let structural = structure::check_structure(document.as_item());
            if structural.is_empty() {
                let diagnostic =
                    Diagnostic::new(KeyPath::root(), error.message().trim().to_owned())
                        .with_hint("compare the value with docs/workspace.md or `sleak schema`")
                        .with_span(error.span());
                return Err(finish(file, text, &document, vec![diagnostic]));
            }
            return Err(structural_errors(file, text, &document, structural));
        }
    };
    let (workspace, diagnostics) = validate::validate(file, &raw);
    if diagnostics.is_empty() {
        Ok(workspace)
    } else {
        Err(finish(file, text, &document, diagnostics))
    }
}

/// The structural problems of a document and the semantic ones of the rest of it.
fn structural_errors(
    file: &Path,
    text: &str,
    document: &toml_edit::Document<String>,
    structural: Vec<Diagnostic>,
) -> WorkspaceError {
    // Validate what is left without the rejected values, so one run shows every problem;
    // problems inside a rejected part are left out, as they would only repeat it.
    let rejected: Vec<KeyPath> = structural
        .iter()
        .map(|diagnostic| diagnostic.path.clone())
        .collect();
    let mut diagnostics = structural;
    let cleaned = structure::without_paths(text, &rejected)
        .and_then(|cleaned| toml_edit::de::from_document::<schema::WorkspaceToml>(cleaned).ok());
    if let Some(raw) = cleaned {
        let (_, semantic) = validate::validate(file, &raw);
        diagnostics.extend(semantic.into_iter().filter(|diagnostic| {
            !rejected.iter().any(|path| {
                diagnostic.path.0.starts_with(&path.0) || path.0.starts_with(&diagnostic.path.0)
            })
        }));
    }
    finish(file, text, document, diagnostics)
}

/// Places every diagnostic in the file and orders them as they appear in it.
fn finish(
    file: &Path,
    text: &str,
    document: &toml_edit::Document<String>,
    mut diagnostics: Vec<Diagnostic>,
) -> WorkspaceError {
    for diagnostic in &mut diagnostics {
        if diagnostic.span.is_none() {
            diagnostic.span =
                locate::locate(document.as_item(), &diagnostic.path, diagnostic.anchor);
        }
    }
    diagnostics.sort_by_key(|diagnostic| {
        (
            diagnostic.span.as_ref().map_or(0, |span| span.start),
            diagnostic.path.clone(),
        )
    });
    diagnostics.dedup();
    WorkspaceError::new(file, text, diagnostics)
}

fn syntax_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("invalid TOML: {}{}", first.to_lowercase(), chars.as_str()),
        None => "invalid TOML".to_owned(),
    }
}

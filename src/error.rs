//! Errors that carry their exit code, and how every error is shown.

use std::fmt;

use crate::workspace::FindError;
use crate::workspace::WorkspaceError;
use crate::workspace::edit::EditError;

/// A mistake in how sleak was called: exit code 2, with a hint.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    pub hint: Option<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

/// A failure outside sleak (exit code 1, "the operation failed") that still comes with a
/// hint: e.g. an AWS endpoint that does not answer.
#[derive(Debug)]
pub struct HintedFailure {
    pub message: String,
    pub hint: String,
}

impl HintedFailure {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for HintedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HintedFailure {}

/// `hint`, followed by how the command being run can go without AWS when it can:
/// `sleak plan --offline` plans from the workspace alone. The errors of the AWS layer
/// (no credentials, an unknown profile, an expired SSO session) are the same for every
/// command, so the command is read back from the process's own arguments, parsed again
/// by the same clap definition `main` used: nothing to thread through the commands.
pub fn with_alternative_without_aws(hint: impl Into<String>) -> String {
    let hint = hint.into();
    match alternative_without_aws(std::env::args_os()) {
        Some(alternative) => format!("{hint}; {alternative}"),
        None => hint,
    }
}

/// What the command of `args` (a full command line, program name first) can do without
/// AWS, if anything.
fn alternative_without_aws(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Option<&'static str> {
    use clap::Parser;
    match crate::cli::Cli::try_parse_from(args).ok()?.command {
        crate::cli::Command::Plan(_) => Some(
            "`sleak plan --offline` shows the plan from the workspace alone, without credentials",
        ),
        _ => None,
    }
}

/// Exit codes: 0 success, 1 the operation failed, 2 usage or workspace error, 130 Ctrl-C.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let usage = error.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause.is::<WorkspaceError>()
            || cause.is::<EditError>()
            || cause.is::<FindError>()
    });
    if usage { 2 } else { 1 }
}

/// The hint of the first cause that has one.
pub fn hint(error: &anyhow::Error) -> Option<String> {
    error.chain().find_map(|cause| {
        if let Some(usage) = cause.downcast_ref::<UsageError>() {
            return usage.hint.clone();
        }
        if let Some(failure) = cause.downcast_ref::<HintedFailure>() {
            return Some(failure.hint.clone());
        }
        if let Some(find) = cause.downcast_ref::<FindError>() {
            return Some(match find {
                FindError::NotFound { .. } => {
                    "run `sleak init` to create one, or pass `-C <path>`".to_owned()
                }
                FindError::Missing { .. } => "check the path given to `-C`".to_owned(),
            });
        }
        if let Some(edit) = cause.downcast_ref::<EditError>() {
            return Some(match edit {
                EditError::Exists { .. } => {
                    "pick another name, or remove the existing one first".to_owned()
                }
                EditError::Missing { .. } => {
                    "list what exists with the matching `list` command".to_owned()
                }
                EditError::NotATable { .. } => "make that key a table in sleak.toml".to_owned(),
            });
        }
        None
    })
}

/// An error already shown to the user (e.g. as JSON on stdout): exit with its code,
/// print nothing more.
#[derive(Debug)]
pub struct AlreadyReported(pub u8);

impl fmt::Display for AlreadyReported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "already reported (exit code {})", self.0)
    }
}

impl std::error::Error for AlreadyReported {}

#[cfg(test)]
mod tests {
    use super::alternative_without_aws;

    fn alternative(line: &str) -> Option<&'static str> {
        alternative_without_aws(line.split_whitespace().map(Into::into))
    }

    #[test]
    fn only_plan_has_an_alternative_without_aws() {
        assert!(alternative("sleak plan").is_some());
        assert!(alternative("sleak --profile plan -C ws plan").is_some());
        assert!(alternative("sleak --profile plan whoami").is_none());
        assert!(alternative("sleak onboard --yes").is_none());
        assert!(alternative("not a command line").is_none());
    }
}

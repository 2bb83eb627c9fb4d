//! sleak: the SleakOps platform on your own AWS, from a TOML workspace.

pub mod cli;
pub mod commands;
pub mod error;
pub mod hex;
pub mod operations;
pub mod output;
pub mod plan;
pub mod providers;
pub mod reconcile;
pub mod release;
pub mod render;
pub mod sandbox;
pub mod workspace;

use std::io::Write;

use clap::Parser;

/// Parses the command line, runs it, shows any error, and returns the exit code.
pub fn main_with_exit_code() -> u8 {
    let cli = cli::Cli::parse();
    let color = match cli.global.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            use std::io::IsTerminal;
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    };
    match commands::run(cli) {
        Ok(()) => 0,
        Err(error) => {
            if let Some(reported) = error.downcast_ref::<error::AlreadyReported>() {
                return reported.0;
            }
            report(&error, color);
            error::exit_code(&error)
        }
    }
}

/// Shows an error on stderr as `error:` / `Caused by:` / `hint:`.
fn report(error: &anyhow::Error, color: bool) {
    let paint = |text: &str, style: &str| {
        if color {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let mut stderr = std::io::stderr().lock();
    let mut causes = error.chain();
    if let Some(top) = causes.next() {
        if let Some(workspace_error) = top.downcast_ref::<workspace::WorkspaceError>() {
            let _ = writeln!(stderr, "{workspace_error}");
        } else {
            let _ = writeln!(stderr, "{}: {top}", paint("error", "1;31"));
        }
    }
    for cause in causes {
        if let Some(workspace_error) = cause.downcast_ref::<workspace::WorkspaceError>() {
            let _ = writeln!(stderr, "{workspace_error}");
        } else {
            let _ = writeln!(stderr, "  {} {cause}", paint("Caused by:", "1"));
        }
    }
    if let Some(hint) = error::hint(error) {
        let _ = writeln!(stderr, "{}: {hint}", paint("hint", "1;36"));
    }
}

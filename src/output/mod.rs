//! Everything sleak writes to the terminal: data on stdout, status on stderr, tables,
//! colors, prompts.

pub mod progress;
pub mod prompt;

use std::io::{IsTerminal, Write};

use comfy_table::presets::NOTHING;
use comfy_table::{ContentArrangement, Table};

use crate::cli::{ColorChoice, OutputFormat};

/// Writes data to stdout and status to stderr, as the global options ask.
#[derive(Debug, Clone)]
pub struct Printer {
    pub format: OutputFormat,
    pub quiet: bool,
    pub verbose: u8,
    pub color: bool,
    pub stdin_is_terminal: bool,
    pub stderr_is_terminal: bool,
}

impl Printer {
    pub fn new(format: OutputFormat, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let stderr_is_terminal = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stderr_is_terminal && !no_color,
        };
        Self {
            format,
            quiet,
            verbose,
            color,
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stderr_is_terminal,
        }
    }

    pub fn json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Data: a line on stdout.
    pub fn data(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`sleak plan | head`) is not an error worth reporting.
        let _ = writeln!(stdout, "{text}");
    }

    /// Data: a JSON document on stdout, pretty-printed.
    pub fn data_json(&self, value: &serde_json::Value) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
        self.data(&text);
    }

    /// Data: a table on stdout.
    pub fn table(&self, header: &[&str], rows: Vec<Vec<String>>) {
        let mut table = Table::new();
        // Plain aligned columns, as kubectl prints them: easy to read and to `awk`.
        table
            .load_style(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header.to_vec())
            .force_no_tty();
        for row in rows {
            table.add_row(row);
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 3));
        }
        let text = table.to_string();
        let trimmed: Vec<&str> = text.lines().map(str::trim_end).collect();
        self.data(&trimmed.join("\n"));
    }

    /// Status: a line on stderr, unless `--quiet`.
    pub fn status(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    }

    /// Status with a leading word in green, e.g. `Created sleak.toml`.
    pub fn success(&self, verb: &str, rest: &str) {
        let verb = self.paint(verb, "1;32");
        self.status(&format!("{verb} {rest}"));
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warning(&self, text: &str) {
        let label = self.paint("warning", "1;33");
        let _ = writeln!(std::io::stderr().lock(), "{label}: {text}");
    }

    /// Detail for `-v`.
    pub fn debug(&self, text: &str) {
        if self.verbose > 0 {
            let _ = writeln!(std::io::stderr().lock(), "{}", self.paint(text, "2"));
        }
    }

    /// `text` in an ANSI style when colors are on.
    pub fn paint(&self, text: &str, style: &str) -> String {
        if self.color {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(text, "1")
    }
}

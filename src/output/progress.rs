//! Progress of an apply: a bar with the running steps on a terminal, one line per event
//! elsewhere, or a JSON event stream on stdout with `--output json`.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::Printer;
use crate::reconcile::executor::Event;

/// Shows the events of one apply.
pub struct Progress {
    printer: Printer,
    bar: Option<ProgressBar>,
    started: Instant,
    running: Mutex<Vec<String>>,
}

impl Progress {
    pub fn new(printer: &Printer, total: usize, what: &str) -> Self {
        let bar = (printer.stderr_is_terminal && !printer.json() && !printer.quiet).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {prefix} [{bar:30}] {pos}/{len} {elapsed_precise}  {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(what.to_owned());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Self {
            printer: printer.clone(),
            bar,
            started: Instant::now(),
            running: Mutex::new(Vec::new()),
        }
    }

    fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => self.printer.status(text),
        }
    }

    fn json(&self, value: serde_json::Value) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{value}");
    }

    fn elapsed(&self) -> String {
        format_duration(self.started.elapsed())
    }

    fn set_running(&self, update: impl FnOnce(&mut Vec<String>)) {
        let mut running = self
            .running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        update(&mut running);
        if let Some(bar) = &self.bar {
            bar.set_message(running.join(", "));
        }
    }

    pub fn event(&self, event: Event) {
        match event {
            Event::Started { id, change } => {
                if self.printer.json() {
                    self.json(json!({ "event": "started", "id": id, "action": change.verb(), "elapsed_ms": self.started.elapsed().as_millis() as u64 }));
                } else if self.bar.is_none() && self.printer.verbose > 0 {
                    self.line(&format!("[{}] {} {id} …", self.elapsed(), change.verb()));
                }
                self.set_running(|running| running.push(id));
            }
            Event::Waiting { id, message } => {
                if self.printer.json() {
                    self.json(json!({ "event": "waiting", "id": id, "message": message, "elapsed_ms": self.started.elapsed().as_millis() as u64 }));
                } else if self.bar.is_none() {
                    self.line(&format!("[{}] {message}", self.elapsed()));
                } else if let Some(bar) = &self.bar {
                    bar.set_message(message);
                }
            }
            Event::Finished {
                id,
                change,
                output,
                elapsed,
            } => {
                let cloud_id = &output.id;
                if self.printer.json() {
                    self.json(json!({ "event": "finished", "id": id, "action": change.verb(), "cloud_id": cloud_id, "took_ms": elapsed.as_millis() as u64, "elapsed_ms": self.started.elapsed().as_millis() as u64 }));
                } else {
                    let verb = match change.verb() {
                        "create" => "created",
                        "update" => "updated",
                        "delete" => "deleted",
                        other => other,
                    };
                    self.line(&format!(
                        "[{}] {verb} {id} ({cloud_id}) in {}",
                        self.elapsed(),
                        format_duration(elapsed)
                    ));
                }
                self.set_running(|running| running.retain(|other| other != &id));
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
            }
            Event::Failed { id, error } => {
                if self.printer.json() {
                    self.json(json!({ "event": "failed", "id": id, "error": error, "elapsed_ms": self.started.elapsed().as_millis() as u64 }));
                } else {
                    let label = self.printer.paint("failed", "1;31");
                    self.line(&format!("[{}] {label} {id}: {error}", self.elapsed()));
                }
                self.set_running(|running| running.retain(|other| other != &id));
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `1.2s`, `3m04s`.
pub fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds < 60.0 {
        format!("{seconds:.1}s")
    } else {
        let whole = duration.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

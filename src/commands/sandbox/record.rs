//! The sandbox's processes: a record per part (`moto.json`, `kube.json`) naming its pid
//! and the start time of that process, so that a pid reused by another process after a
//! kill or a reboot is recognised and never signalled.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

pub(super) use crate::workspace::edit::write_atomically;
use serde::{Deserialize, Serialize};

/// The two parts `sleak sandbox up` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// moto server, the AWS emulator
    Aws,
    /// `sleak sandbox kube`, the Kubernetes API stand-in
    Kube,
}

impl Part {
    pub(super) const ALL: [Part; 2] = [Part::Aws, Part::Kube];

    /// The part's name in `status` and its JSON.
    pub(super) fn name(self) -> &'static str {
        match self {
            Part::Aws => "aws",
            Part::Kube => "kube",
        }
    }

    /// The part as messages name it.
    pub(super) fn label(self) -> &'static str {
        match self {
            Part::Aws => "moto",
            Part::Kube => "the Kubernetes stand-in",
        }
    }

    fn file(self) -> &'static str {
        match self {
            Part::Aws => "moto.json",
            Part::Kube => "kube.json",
        }
    }

    pub(super) fn log(self) -> &'static str {
        match self {
            Part::Aws => "moto.log",
            Part::Kube => "kube.log",
        }
    }

    pub(super) fn record_path(self, dir: &Path) -> PathBuf {
        dir.join(self.file())
    }
}

/// What the sandbox keeps about one running part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Record {
    pub pid: u32,
    /// The process's start time as the system reports it (Linux: clock ticks after boot,
    /// field 22 of /proc/PID/stat; elsewhere `ps -o lstart=`).
    pub started: String,
    /// moto: `http://127.0.0.1:PORT`; the stand-in: `https://127.0.0.1:PORT`.
    pub url: String,
    pub log: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubeconfig: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// A part's record, checked against the processes of the system.
#[derive(Debug)]
pub(super) enum Liveness {
    /// The recorded process runs: same pid, same start time.
    Running(Record),
    /// A record whose process is gone (or whose pid now belongs to another process); the
    /// record has been removed.
    Stale(Option<Record>),
    /// No record.
    Absent,
}

/// Reads `part`'s record and checks its process. A stale record is removed (never is its
/// pid signalled).
pub(super) fn check(dir: &Path, part: Part) -> anyhow::Result<Liveness> {
    let path = part.record_path(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Liveness::Absent),
        Err(error) => {
            return Err(error).with_context(|| format!("could not read `{}`", path.display()));
        }
    };
    let record = serde_json::from_str::<Record>(&text).ok();
    if let Some(record) = &record
        && start_time(record.pid).as_deref() == Some(record.started.as_str())
    {
        return Ok(Liveness::Running(record.clone()));
    }
    remove(&path)?;
    Ok(Liveness::Stale(record))
}

/// Writes `record` for `part`, atomically.
pub(super) fn write(dir: &Path, part: Part, record: &Record) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(record)?;
    write_atomically(&part.record_path(dir), &text)
}

pub(super) fn forget(dir: &Path, part: Part) -> anyhow::Result<()> {
    remove(&part.record_path(dir))
}

fn remove(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error).with_context(|| format!("could not remove `{}`", path.display())),
    }
}

/// The start time of process `pid`, or `None` when there is no such process (a zombie,
/// dead but not yet reaped, counts as none).
pub(super) fn start_time(pid: u32) -> Option<String> {
    if pid == 0 {
        return None;
    }
    start_time_of(pid)
}

#[cfg(target_os = "linux")]
fn start_time_of(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_proc_stat(&stat)
}

/// Field 22 (starttime) of a /proc/PID/stat line, unless the state (field 3) is zombie or
/// dead. The command name (field 2) is in parentheses and may hold spaces and `)`: the
/// fields after it are counted from the last `)`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_proc_stat(stat: &str) -> Option<String> {
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // fields[0] is field 3 (state), so field 22 is fields[19].
    let state = *fields.first()?;
    if state == "Z" || state == "X" {
        return None;
    }
    fields.get(19).map(|field| (*field).to_owned())
}

#[cfg(not(target_os = "linux"))]
fn start_time_of(pid: u32) -> Option<String> {
    let output = std::process::Command::new("ps")
        .args(["-o", "stat=,lstart=", "-p", &pid.to_string()])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let (state, started) = text.trim().split_once(char::is_whitespace)?;
    if state.starts_with('Z') {
        return None;
    }
    Some(started.trim().to_owned())
}

/// Stops the process of `record` (checked to be running): SIGTERM, up to 5 s, then
/// SIGKILL. The start time is checked again before each signal.
pub(super) fn stop(record: &Record) -> anyhow::Result<()> {
    let same = || start_time(record.pid).as_deref() == Some(record.started.as_str());
    if !same() {
        return Ok(());
    }
    signal(record.pid, "TERM")?;
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if !same() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    if same() {
        signal(record.pid, "KILL")?;
        let deadline = Instant::now() + Duration::from_secs(2);
        while same() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(25));
        }
        if same() {
            anyhow::bail!("process {} did not end after SIGKILL", record.pid);
        }
    }
    Ok(())
}

fn signal(pid: u32, name: &str) -> anyhow::Result<()> {
    let output = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .output()
        .context("could not run `kill`")?;
    // A process that ended between the check and the signal is what we wanted.
    if !output.status.success() && start_time(pid).is_some() {
        anyhow::bail!(
            "could not signal process {pid}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_time_is_field_22_counted_from_the_last_parenthesis() {
        let line =
            "4242 (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 3 0 987654 1000 10";
        assert_eq!(parse_proc_stat(line).as_deref(), Some("987654"));
        let zombie =
            "4242 (python3) Z 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 3 0 987654 0 0";
        assert_eq!(parse_proc_stat(zombie), None);
    }

    #[test]
    fn this_process_runs_and_pid_0_does_not() {
        let own = start_time(std::process::id());
        assert!(own.is_some());
        assert_eq!(own, start_time(std::process::id()), "stable");
        assert_eq!(start_time(0), None);
    }

    #[test]
    fn a_record_naming_another_process_is_stale_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record {
            pid: std::process::id(),
            started: "1".to_owned(),
            url: "http://127.0.0.1:1".to_owned(),
            log: dir.path().join("moto.log"),
            kubeconfig: None,
            context: None,
        };
        write(dir.path(), Part::Aws, &record).unwrap();
        assert!(matches!(
            check(dir.path(), Part::Aws).unwrap(),
            Liveness::Stale(Some(_))
        ));
        assert!(!Part::Aws.record_path(dir.path()).exists());
        let live = Record {
            started: start_time(std::process::id()).unwrap(),
            ..record
        };
        write(dir.path(), Part::Aws, &live).unwrap();
        assert!(matches!(
            check(dir.path(), Part::Aws).unwrap(),
            Liveness::Running(found) if found == live
        ));
        assert!(matches!(
            check(dir.path(), Part::Kube).unwrap(),
            Liveness::Absent
        ));
    }
}

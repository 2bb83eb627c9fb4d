//! `sleak sandbox up|down|status|env`: a local AWS emulator (moto server) and the
//! Kubernetes API stand-in, each a background process of its own with a record in the data
//! folder; and `sleak sandbox kube|stop`, the stand-in alone (kube.rs).
//!
//! A part "runs" when its record's pid names a process with the recorded start time;
//! otherwise the record is stale, and is removed without its pid being signalled.

mod moto;
pub(crate) mod profiles;
mod record;
mod standalone;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::json;

use super::Context;
use crate::cli::{EnvShell, SandboxCommand, SandboxEnvArgs};
use crate::error::{AlreadyReported, UsageError};
use record::{Liveness, Part, Record};

/// The region the sandbox's variables name.
const REGION: &str = "us-east-1";
/// The context of the stand-in's kubeconfig.
const KUBE_CONTEXT: &str = "sleak-sandbox";
/// Variables `env` unsets: a profile or a session token would override the dummy keys.
pub(crate) const ENV_UNSET: [&str; 2] = ["AWS_PROFILE", "AWS_SESSION_TOKEN"];
/// How long `up` waits for a part to answer.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the sandbox keeps its kubeconfig, records, logs and moto's virtual environment:
/// the data folder.
fn sandbox_dir() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("dev", "sleak", "sleak")
        .context("no home folder to keep the sandbox in")?;
    Ok(dirs.data_dir().join("sandbox"))
}

pub fn run(context: &Context, command: SandboxCommand) -> anyhow::Result<()> {
    match command {
        SandboxCommand::Up => up(context),
        SandboxCommand::Down => down(context),
        SandboxCommand::Status => status(context),
        SandboxCommand::Env(args) => env(context, &args),
        SandboxCommand::Kube(args) if args.background => standalone::background(context, &args),
        SandboxCommand::Kube(args) => standalone::foreground(context, &args),
        SandboxCommand::Stop => standalone::stop(context),
    }
}

/// Where the running sandbox answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SandboxEndpoints {
    /// moto server: `http://127.0.0.1:PORT`
    pub aws_endpoint: String,
    /// The stand-in's kubeconfig (its current context is `context`)
    pub kubeconfig: PathBuf,
    pub context: String,
    pub region: String,
    /// The sandbox's folder (records, logs, the aws CLI files of [`profiles`]).
    pub folder: PathBuf,
}

/// Starts what of the sandbox is not running (moto, the stand-in), in the background, and
/// returns once both answer; progress goes to stderr. The bool says whether something was
/// started. Blocks: from async code, call it in `spawn_blocking`.
pub(crate) fn ensure_up(context: &Context) -> anyhow::Result<(SandboxEndpoints, bool)> {
    let dir = sandbox_dir()?;
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("could not create `{}`", dir.display()))?;
    let _lock = lock(context, &dir)?;
    let mut aws = running(context, &dir, Part::Aws)?;
    let mut kube = running(context, &dir, Part::Kube)?;
    if kube.is_none()
        && let Some(pid) = standalone::running_pid(&dir.join("pid"))
    {
        return Err(UsageError::new(format!(
            "a stand-in started with `sleak sandbox kube --background` runs (pid {pid})"
        ))
        .with_hint("stop it with `sleak sandbox stop`, then run `sleak sandbox up` again")
        .into());
    }
    // Python first: when it is missing, nothing has been started.
    let python = match aws {
        Some(_) => None,
        None => Some(moto::python_with_moto(context, &dir)?),
    };
    let mut starting = Vec::new();
    if kube.is_none() {
        starting.push(spawn_kube(&dir)?);
    }
    if let Some(python) = &python {
        match spawn_moto(&dir, python) {
            Ok(part) => starting.push(part),
            Err(error) => {
                abandon(&dir, starting);
                return Err(error);
            }
        }
    }
    let started = !starting.is_empty();
    for part in &[Part::Aws, Part::Kube] {
        let record = if *part == Part::Aws { &aws } else { &kube };
        if let Some(record) = record {
            context.printer.success(
                "Already running",
                &format!("{} at {} (pid {})", part.label(), record.url, record.pid),
            );
        }
    }
    if started {
        let labels: Vec<&str> = starting.iter().map(|part| part.part.label()).collect();
        context
            .printer
            .status(&format!("Starting {}…", labels.join(" and ")));
    }
    for (part, record) in wait_until_ready(&dir, starting)? {
        context.printer.success(
            "Started",
            &format!("{} at {} (pid {})", part.label(), record.url, record.pid),
        );
        match part {
            Part::Aws => aws = Some(record),
            Part::Kube => kube = Some(record),
        }
    }
    let (Some(aws), Some(kube)) = (aws, kube) else {
        anyhow::bail!("the sandbox did not start");
    };
    let endpoints = endpoints(&dir, &aws, &kube);
    profiles::write(&dir, &endpoints)?;
    Ok((endpoints, started))
}

/// The variables `sleak sandbox env` exports: what points sleak, the aws CLI, kubectl and
/// helm at the sandbox. (`env` also unsets [`ENV_UNSET`].)
///
/// The aws CLI gets a configuration of the sandbox's own ([`profiles`]): nothing of
/// ~/.aws applies, and each account of the sandbox's organization is a profile.
pub(crate) fn env_vars(endpoints: &SandboxEndpoints) -> Vec<(&'static str, String)> {
    let files = profiles::files(&endpoints.folder);
    vec![
        ("AWS_ENDPOINT_URL", endpoints.aws_endpoint.clone()),
        ("AWS_ACCESS_KEY_ID", profiles::ACCESS_KEY_ID.to_owned()),
        (
            "AWS_SECRET_ACCESS_KEY",
            profiles::SECRET_ACCESS_KEY.to_owned(),
        ),
        ("AWS_REGION", endpoints.region.clone()),
        ("AWS_DEFAULT_REGION", endpoints.region.clone()),
        (
            "KUBECONFIG",
            endpoints.kubeconfig.to_string_lossy().into_owned(),
        ),
        (
            "AWS_CONFIG_FILE",
            files.config.to_string_lossy().into_owned(),
        ),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            files.credentials.to_string_lossy().into_owned(),
        ),
    ]
}

fn endpoints(dir: &Path, aws: &Record, kube: &Record) -> SandboxEndpoints {
    SandboxEndpoints {
        aws_endpoint: aws.url.clone(),
        kubeconfig: kube
            .kubeconfig
            .clone()
            .unwrap_or_else(|| dir.join("kubeconfig")),
        context: kube
            .context
            .clone()
            .unwrap_or_else(|| KUBE_CONTEXT.to_owned()),
        region: REGION.to_owned(),
        folder: dir.to_owned(),
    }
}

/// Held while `up` (or `ensure_up`) or `down` changes the sandbox, so that two at once
/// do not both start it: a lock on `sandbox/lock`, released when the file is closed (the
/// spawned parts do not inherit it: Rust opens files close-on-exec).
fn lock(context: &Context, dir: &Path) -> anyhow::Result<std::fs::File> {
    let path = dir.join("lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("could not open `{}`", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            context
                .printer
                .status("Waiting for another `sleak sandbox up` or `down` to finish…");
            file.lock()
                .with_context(|| format!("could not lock `{}`", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(error)) => {
            return Err(error).with_context(|| format!("could not lock `{}`", path.display()));
        }
    }
    Ok(file)
}

/// `part`'s record when its process runs; a stale record is cleaned, and said so.
fn running(context: &Context, dir: &Path, part: Part) -> anyhow::Result<Option<Record>> {
    match liveness(context, dir, part)? {
        Liveness::Running(record) => Ok(Some(record)),
        _ => Ok(None),
    }
}

fn liveness(context: &Context, dir: &Path, part: Part) -> anyhow::Result<Liveness> {
    let liveness = record::check(dir, part)?;
    if let Liveness::Stale(record) = &liveness {
        let pid = record
            .as_ref()
            .map(|record| format!(" (pid {} has ended or is another process now)", record.pid))
            .unwrap_or_else(|| " (unreadable)".to_owned());
        context.printer.success(
            "Cleaned",
            &format!("a stale record of {}{pid}", part.label()),
        );
    }
    Ok(liveness)
}

/// A part just spawned by `up`, not yet answering.
struct Starting {
    part: Part,
    child: Child,
    record: Record,
    /// moto: the file its launcher writes its URL to; the stand-in: its kubeconfig.
    ready_file: PathBuf,
}

/// A command that outlives `up` and a Ctrl-C of its terminal: its own process group, no
/// stdin, its output to `log`.
fn detach(command: &mut Command, log: &Path) -> anyhow::Result<()> {
    let file = std::fs::File::create(log)
        .with_context(|| format!("could not create `{}`", log.display()))?;
    command
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    Ok(())
}

/// Spawns `command` and records it at once, so that `down` can stop it even if `up` is
/// interrupted before it answers.
fn spawn(
    dir: &Path,
    part: Part,
    mut command: Command,
    ready_file: PathBuf,
    kubeconfig: Option<PathBuf>,
) -> anyhow::Result<Starting> {
    let log = dir.join(part.log());
    detach(&mut command, &log)?;
    let mut child = command
        .spawn()
        .with_context(|| format!("could not start {}", part.label()))?;
    let Some(started) = record::start_time(child.id()) else {
        let status = child.wait()?;
        anyhow::bail!(
            "{} ended at once ({status}); see `{}`",
            part.label(),
            log.display()
        );
    };
    let context = kubeconfig.as_ref().map(|_| KUBE_CONTEXT.to_owned());
    let record = Record {
        pid: child.id(),
        started,
        url: String::new(),
        log,
        kubeconfig,
        context,
    };
    if let Err(error) = record::write(dir, part, &record) {
        let _ = child.kill();
        let _ = child.wait();
        return Err(error);
    }
    Ok(Starting {
        part,
        child,
        record,
        ready_file,
    })
}

fn spawn_kube(dir: &Path) -> anyhow::Result<Starting> {
    let kubeconfig = dir.join("kubeconfig");
    remove_if_exists(&kubeconfig)?;
    let mut command =
        Command::new(std::env::current_exe().context("could not find the sleak binary")?);
    command
        .args(["sandbox", "kube", "--port", "0", "--kubeconfig"])
        .arg(&kubeconfig)
        .args(["--context", KUBE_CONTEXT])
        .env("NO_COLOR", "1");
    spawn(
        dir,
        Part::Kube,
        command,
        kubeconfig.clone(),
        Some(kubeconfig),
    )
}

fn spawn_moto(dir: &Path, python: &Path) -> anyhow::Result<Starting> {
    let url_file = dir.join("moto.url");
    remove_if_exists(&url_file)?;
    let command = moto::launcher(python, &url_file);
    spawn(dir, Part::Aws, command, url_file, None)
}

fn remove_if_exists(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("could not remove `{}`", path.display()))
        }
        _ => Ok(()),
    }
}

/// Waits until every part of `starting` answers (up to [`START_TIMEOUT`]) and records its
/// URL. When one fails, every part of `starting` is stopped and forgotten.
fn wait_until_ready(
    dir: &Path,
    mut starting: Vec<Starting>,
) -> anyhow::Result<Vec<(Part, Record)>> {
    let deadline = Instant::now() + START_TIMEOUT;
    let mut ready = Vec::new();
    while !starting.is_empty() {
        let mut index = 0;
        while index < starting.len() {
            match poll(&mut starting[index]) {
                Ok(Some(url)) => {
                    let mut part = starting.remove(index);
                    part.record.url = url;
                    if let Err(error) = record::write(dir, part.part, &part.record) {
                        starting.push(part);
                        abandon(dir, starting);
                        return Err(error);
                    }
                    ready.push((part.part, part.record));
                }
                Ok(None) => index += 1,
                Err(error) => {
                    abandon(dir, starting);
                    return Err(error);
                }
            }
        }
        if starting.is_empty() {
            break;
        }
        if Instant::now() >= deadline {
            let part = &starting[0];
            let error = anyhow::anyhow!(
                "{} did not answer within {} s; see its log `{}`",
                part.part.label(),
                START_TIMEOUT.as_secs(),
                part.record.log.display()
            );
            abandon(dir, starting);
            return Err(error);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(ready)
}

/// The part's URL once it answers; an error when its process has ended.
fn poll(part: &mut Starting) -> anyhow::Result<Option<String>> {
    if let Some(status) = part.child.try_wait()? {
        let log = std::fs::read_to_string(&part.record.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(10)..].join("\n");
        anyhow::bail!(
            "{} ended ({status}) before it answered; its log `{}` ends with:\n{tail}",
            part.part.label(),
            part.record.log.display()
        );
    }
    if !part.ready_file.exists() {
        return Ok(None);
    }
    match part.part {
        Part::Aws => {
            let url = std::fs::read_to_string(&part.ready_file)?.trim().to_owned();
            Ok(moto::answers(&url).then_some(url))
        }
        Part::Kube => Ok(kube_answers(&part.ready_file, KUBE_CONTEXT)),
    }
}

/// Stops the parts `up` has just spawned (its own children: their pids cannot have been
/// reused) and removes their records.
fn abandon(dir: &Path, starting: Vec<Starting>) {
    for mut part in starting {
        let _ = part.child.kill();
        let _ = part.child.wait();
        let _ = record::forget(dir, part.part);
    }
}

/// The stand-in's URL when a kube client of its kubeconfig gets `/version`. On a thread
/// of its own, with its own runtime: callers may be inside one.
fn kube_answers(kubeconfig: &Path, context: &str) -> Option<String> {
    let kubeconfig = kubeconfig.to_owned();
    let context = context.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        runtime.block_on(async {
            let file = kube::config::Kubeconfig::read_from(&kubeconfig).ok()?;
            let options = kube::config::KubeConfigOptions {
                context: Some(context),
                ..Default::default()
            };
            let mut config = kube::Config::from_custom_kubeconfig(file, &options)
                .await
                .ok()?;
            config.connect_timeout = Some(Duration::from_secs(2));
            config.read_timeout = Some(Duration::from_secs(3));
            let url = config.cluster_url.to_string();
            let client = kube::Client::try_from(config).ok()?;
            tokio::time::timeout(Duration::from_secs(5), client.apiserver_version())
                .await
                .ok()?
                .ok()?;
            Some(url.trim_end_matches('/').to_owned())
        })
    })
    .join()
    .ok()
    .flatten()
}

fn up(context: &Context) -> anyhow::Result<()> {
    let (endpoints, _) = ensure_up(context)?;
    context.printer.status(&format!(
        "kubeconfig: {} (context `{}`)",
        endpoints.kubeconfig.display(),
        endpoints.context
    ));
    context
        .printer
        .status("Point a shell at it with: eval \"$(sleak sandbox env)\"");
    if context.printer.json() {
        let (document, _) = describe(context)?;
        context.printer.data_json(&document);
    }
    Ok(())
}

/// The parts as `status` shows them, and whether both run.
fn describe(context: &Context) -> anyhow::Result<(serde_json::Value, bool)> {
    let dir = sandbox_dir()?;
    let mut parts = Vec::new();
    let mut all_run = true;
    for part in Part::ALL {
        let liveness = liveness(context, &dir, part)?;
        let (state, record) = match liveness {
            Liveness::Running(record) => ("running", Some(record)),
            Liveness::Stale(record) => ("stale", record),
            Liveness::Absent => ("stopped", None),
        };
        all_run &= state == "running";
        let answers = state == "running"
            && record.as_ref().is_some_and(|record| match part {
                Part::Aws => moto::answers(&record.url),
                Part::Kube => kube_answers(
                    record
                        .kubeconfig
                        .as_deref()
                        .unwrap_or(&dir.join("kubeconfig")),
                    record.context.as_deref().unwrap_or(KUBE_CONTEXT),
                )
                .is_some(),
            });
        let mut entry = json!({
            "name": part.name(),
            "state": state,
            "pid": record.as_ref().map(|record| record.pid),
            "url": record.as_ref().map(|record| record.url.clone()),
            "answers": answers,
            "log": dir.join(part.log()),
        });
        if part == Part::Kube {
            entry["kubeconfig"] = json!(
                record
                    .as_ref()
                    .and_then(|record| record.kubeconfig.clone())
                    .unwrap_or_else(|| dir.join("kubeconfig"))
            );
            entry["context"] = json!(
                record
                    .as_ref()
                    .and_then(|record| record.context.clone())
                    .unwrap_or_else(|| KUBE_CONTEXT.to_owned())
            );
        }
        parts.push(entry);
    }
    Ok((json!({ "parts": parts }), all_run))
}

fn status(context: &Context) -> anyhow::Result<()> {
    let (document, all_run) = describe(context)?;
    if context.printer.json() {
        context.printer.data_json(&document);
    } else {
        let rows = document["parts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|part| {
                let text = |key: &str| match &part[key] {
                    serde_json::Value::Null => "-".to_owned(),
                    serde_json::Value::String(text) if text.is_empty() => "-".to_owned(),
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                vec![
                    text("name"),
                    text("state"),
                    text("pid"),
                    text("url"),
                    if part["answers"] == true { "yes" } else { "no" }.to_owned(),
                ]
            })
            .collect();
        context
            .printer
            .table(&["PART", "STATE", "PID", "URL", "ANSWERS"], rows);
        if all_run {
            let kube = &document["parts"][1];
            context.printer.status(&format!(
                "kubeconfig: {} (context `{}`)",
                kube["kubeconfig"].as_str().unwrap_or_default(),
                kube["context"].as_str().unwrap_or_default()
            ));
        } else {
            let stopped: Vec<&str> = Part::ALL
                .iter()
                .zip(document["parts"].as_array().into_iter().flatten())
                .filter(|(_, entry)| entry["state"] != "running")
                .map(|(part, _)| part.label())
                .collect();
            context
                .printer
                .status(&if stopped.len() == Part::ALL.len() {
                    "The sandbox is not running: start it with `sleak sandbox up`.".to_owned()
                } else {
                    format!(
                        "Not running: {}; `sleak sandbox up` starts it.",
                        stopped.join(", ")
                    )
                });
        }
    }
    if all_run {
        Ok(())
    } else {
        Err(AlreadyReported(1).into())
    }
}

fn down(context: &Context) -> anyhow::Result<()> {
    let dir = sandbox_dir()?;
    if !dir.exists() {
        context
            .printer
            .status("Nothing to stop: the sandbox is not running.");
        if context.printer.json() {
            context.printer.data_json(&json!({ "stopped": [] }));
        }
        return Ok(());
    }
    let _lock = lock(context, &dir)?;
    let mut stopped = Vec::new();
    for part in Part::ALL {
        if let Liveness::Running(record) = liveness(context, &dir, part)? {
            record::stop(&record).with_context(|| format!("could not stop {}", part.label()))?;
            record::forget(&dir, part)?;
            stopped.push((part, record.pid));
        }
    }
    remove_if_exists(&dir.join("moto.url"))?;
    if context.printer.json() {
        let parts: Vec<_> = stopped
            .iter()
            .map(|(part, pid)| json!({ "name": part.name(), "pid": pid }))
            .collect();
        context.printer.data_json(&json!({ "stopped": parts }));
    }
    if stopped.is_empty() {
        context
            .printer
            .status("Nothing to stop: the sandbox is not running.");
    } else {
        let list: Vec<String> = stopped
            .iter()
            .map(|(part, pid)| format!("{} (pid {pid})", part.label()))
            .collect();
        context.printer.success("Stopped", &list.join(", "));
    }
    Ok(())
}

fn env(context: &Context, args: &SandboxEnvArgs) -> anyhow::Result<()> {
    let dir = sandbox_dir()?;
    let aws = running(context, &dir, Part::Aws)?;
    let kube = running(context, &dir, Part::Kube)?;
    let (Some(aws), Some(kube)) = (aws, kube) else {
        return Err(UsageError::new("the sandbox is not running")
            .with_hint("start it with `sleak sandbox up`")
            .into());
    };
    let endpoints = endpoints(&dir, &aws, &kube);
    // The accounts as they are now: onboarding may have made them since `up`.
    profiles::write(&dir, &endpoints)?;
    let variables = env_vars(&endpoints);
    if context.printer.json() {
        let object: serde_json::Map<String, serde_json::Value> = variables
            .into_iter()
            .map(|(name, value)| (name.to_owned(), json!(value)))
            .collect();
        context
            .printer
            .data_json(&serde_json::Value::Object(object));
        return Ok(());
    }
    let mut lines: Vec<String> = variables
        .iter()
        .map(|(name, value)| match args.shell {
            EnvShell::Sh => format!("export {name}={}", sh_quote(value)),
            EnvShell::Fish => format!("set -gx {name} {}", fish_quote(value)),
        })
        .collect();
    lines.push(match args.shell {
        EnvShell::Sh => format!("unset {}", ENV_UNSET.join(" ")),
        EnvShell::Fish => format!("set -e {}", ENV_UNSET.join(" ")),
    });
    context.printer.data(&lines.join("\n"));
    Ok(())
}

fn plain(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c))
}

/// `value` as one word of a POSIX shell.
fn sh_quote(value: &str) -> String {
    if plain(value) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// `value` as one word of fish (inside single quotes, only `\` and `'` are special).
fn fish_quote(value: &str) -> String {
    if plain(value) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\\', r"\\").replace('\'', r"\'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_for_each_shell() {
        assert_eq!(sh_quote("http://127.0.0.1:4566"), "http://127.0.0.1:4566");
        assert_eq!(sh_quote("/home/a b/it's"), r"'/home/a b/it'\''s'");
        assert_eq!(sh_quote(""), "''");
        assert_eq!(fish_quote(r"/a b/it's\x"), r"'/a b/it\'s\\x'");
    }

    #[test]
    fn env_vars_point_at_the_endpoints() {
        let endpoints = SandboxEndpoints {
            aws_endpoint: "http://127.0.0.1:1234".to_owned(),
            kubeconfig: PathBuf::from("/tmp/kubeconfig"),
            context: KUBE_CONTEXT.to_owned(),
            region: REGION.to_owned(),
            folder: PathBuf::from("/tmp/sandbox"),
        };
        let variables = env_vars(&endpoints);
        let names: Vec<&str> = variables.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "AWS_ENDPOINT_URL",
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION",
                "AWS_DEFAULT_REGION",
                "KUBECONFIG",
                "AWS_CONFIG_FILE",
                "AWS_SHARED_CREDENTIALS_FILE"
            ]
        );
        assert_eq!(variables[0].1, "http://127.0.0.1:1234");
        assert_eq!(variables[5].1, "/tmp/kubeconfig");
        assert_eq!(variables[6].1, "/tmp/sandbox/aws/config");
    }
}

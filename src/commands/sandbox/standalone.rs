//! `sleak sandbox kube|stop`: the Kubernetes API stand-in as a local cluster, for trying
//! sleak (and kubectl, and Helm) without a real one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use super::record::{self, Liveness, Part};
use super::{Context, sandbox_dir};
use crate::cli::SandboxKubeArgs;
use crate::error::UsageError;
use crate::sandbox::{SandboxOptions, start};

fn kubeconfig_path(args: &SandboxKubeArgs) -> anyhow::Result<PathBuf> {
    match &args.kubeconfig {
        Some(path) => Ok(path.clone()),
        None => Ok(sandbox_dir()?.join("kubeconfig")),
    }
}

pub(super) fn foreground(context: &Context, args: &SandboxKubeArgs) -> anyhow::Result<()> {
    let kubeconfig = kubeconfig_path(args)?;
    let state_file = if args.persist {
        Some(sandbox_dir()?.join("state.json"))
    } else {
        None
    };
    let options = SandboxOptions {
        bind: std::net::SocketAddr::from(([127, 0, 0, 1], args.port)),
        ready_delay: Duration::from_millis(args.ready_delay_ms),
        failure_image_pattern: args.failure_pattern.clone(),
        latency: Duration::from_millis(args.latency_ms),
        fault_rate: args.fault_rate,
        state_file,
        token: None,
        accept_eks_tokens: args.accept_eks_tokens,
    };
    if !(0.0..=1.0).contains(&options.fault_rate) {
        return Err(UsageError::new(format!(
            "a fault rate of {} is not a share",
            options.fault_rate
        ))
        .with_hint("use a number from 0 to 1, e.g. `--fault-rate 0.1`")
        .into());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(async {
        let handle = start(options).await?;
        handle
            .write_kubeconfig(&kubeconfig, &args.context)
            .with_context(|| format!("could not write `{}`", kubeconfig.display()))?;
        let printer = &context.printer;
        printer.success(
            "Serving",
            &format!("a Kubernetes API stand-in at {}", handle.url),
        );
        printer.status(&format!(
            "kubeconfig: {} (context `{}`)",
            kubeconfig.display(),
            args.context
        ));
        printer.status(&format!(
            "try: KUBECONFIG={} kubectl get namespaces",
            kubeconfig.display()
        ));
        if args.persist {
            printer.status("state: kept across restarts in the data folder");
        }
        if args.accept_eks_tokens {
            printer.status(
                "EKS tokens: accepted when well formed and fresh (signatures are not checked)",
            );
        }
        printer.status("Stop with Ctrl-C (or `sleak sandbox stop`).");
        wait_for_stop().await;
        handle.shutdown().await;
        // The pid file of `--background`, when it names this process.
        let pid_file = sandbox_dir()?.join("pid");
        if std::fs::read_to_string(&pid_file).is_ok_and(|text| {
            text.split_whitespace().next() == Some(&std::process::id().to_string())
        }) {
            let _ = std::fs::remove_file(&pid_file);
        }
        printer.status("Stopped.");
        anyhow::Ok(())
    })
}

/// Waits for Ctrl-C or SIGTERM.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Starts the stand-in as a process of its own and returns once it serves.
pub(super) fn background(context: &Context, args: &SandboxKubeArgs) -> anyhow::Result<()> {
    let folder = sandbox_dir()?;
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("could not create `{}`", folder.display()))?;
    let pid_file = folder.join("pid");
    if let Some(pid) = running_pid(&pid_file) {
        return Err(
            UsageError::new(format!("a sandbox is already running (pid {pid})"))
                .with_hint("stop it with `sleak sandbox stop`, or use the kubeconfig it wrote")
                .into(),
        );
    }
    if args.kubeconfig.is_none()
        && let Liveness::Running(record) = record::check(&folder, Part::Kube)?
    {
        return Err(UsageError::new(format!(
            "`sleak sandbox up` runs a stand-in (pid {}) with the same kubeconfig",
            record.pid
        ))
        .with_hint(
            "use it (`eval \"$(sleak sandbox env)\"`), stop it with `sleak sandbox down`, or give \
             this one `--kubeconfig PATH`",
        )
        .into());
    }
    let kubeconfig = kubeconfig_path(args)?;
    let _ = std::fs::remove_file(&kubeconfig);
    let log = std::fs::File::create(folder.join("sandbox.log"))
        .context("could not create the sandbox log")?;
    let mut command = std::process::Command::new(
        std::env::current_exe().context("could not find the sleak binary")?,
    );
    command
        .args([
            "sandbox",
            "kube",
            "--port",
            &args.port.to_string(),
            "--kubeconfig",
        ])
        .arg(&kubeconfig)
        .args([
            "--context",
            &args.context,
            "--ready-delay-ms",
            &args.ready_delay_ms.to_string(),
            "--failure-pattern",
            &args.failure_pattern,
        ])
        .args([
            "--latency-ms",
            &args.latency_ms.to_string(),
            "--fault-rate",
            &args.fault_rate.to_string(),
        ])
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    if args.persist {
        command.arg("--persist");
    }
    if args.accept_eks_tokens {
        command.arg("--accept-eks-tokens");
    }
    let child = command
        .spawn()
        .context("could not start the sandbox process")?;
    // The pid and the process's start time: a pid file left by a killed sandbox, whose pid
    // another process has since taken, is recognised as stale.
    let started = record::start_time(child.id()).unwrap_or_default();
    record::write_atomically(&pid_file, &format!("{} {started}\n", child.id()))?;
    for _ in 0..200 {
        if kubeconfig.exists() {
            context.printer.success(
                "Started",
                &format!("the sandbox in the background (pid {})", child.id()),
            );
            context
                .printer
                .status(&format!("kubeconfig: {}", kubeconfig.display()));
            context.printer.data(&kubeconfig.display().to_string());
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    anyhow::bail!(
        "the sandbox did not start within 10 s; see `{}`",
        folder.join("sandbox.log").display()
    )
}

/// The pid of the `--background` stand-in of `pid_file` when it runs: the process exists
/// and, when the file records its start time (files written before it did have none),
/// started then.
pub(super) fn running_pid(pid_file: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(pid_file).ok()?;
    let text = text.trim();
    let (pid, started) = text.split_once(' ').unwrap_or((text, ""));
    let pid: u32 = pid.parse().ok()?;
    let now = record::start_time(pid)?;
    (started.trim().is_empty() || started.trim() == now).then_some(pid)
}

pub(super) fn stop(context: &Context) -> anyhow::Result<()> {
    let pid_file = sandbox_dir()?.join("pid");
    let Some(pid) = running_pid(&pid_file) else {
        let _ = std::fs::remove_file(&pid_file);
        return Err(UsageError::new("no sandbox is running")
            .with_hint("start one with `sleak sandbox kube --background`")
            .into());
    };
    let pid = &pid.to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", pid])
        .status()
        .context("could not run `kill`")?;
    if !status.success() {
        anyhow::bail!("could not stop the sandbox (pid {pid})");
    }
    for _ in 0..100 {
        if running_pid(&pid_file).is_none() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_file(&pid_file);
    context
        .printer
        .success("Stopped", &format!("the sandbox (pid {pid})"));
    Ok(())
}

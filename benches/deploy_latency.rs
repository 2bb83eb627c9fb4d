//! Benchmark: a 20-service deploy against the Kubernetes API stand-in with 50 ms added to
//! every request, side by side in one run with
//! - `helm upgrade --install --wait` of the same chart (written by `sleak release`) on the
//!   same stand-in (target: sleak faster),
//! - the floor of one round trip per dependency level plus the pods' start (target:
//!   within 3×),
//!
//! and a no-change deploy (target: under 1 s).
//!
//! The real `sleak` binary (release build) and the real Helm (`SLEAK_HELM`, `helm` on
//! PATH, or scripts/fetch-peers.sh's cache) are timed as processes, start-up included.
//!
//!   cargo bench --bench deploy_latency

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{ConfigMap, Namespace};
use kube::api::{Api, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde_json::json;
use sleak::sandbox::{self, SandboxOptions};

const SERVICES: usize = 20;
const LATENCY: Duration = Duration::from_millis(50);
const READY_DELAY: Duration = Duration::from_millis(200);
/// Levels of a release of web services: Deployments and Services, then Ingresses.
const LEVELS: u32 = 2;

fn workspace_text() -> String {
    let mut text = String::from(
        r#"[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.local]
context = "bench"

[environments.bench]
cluster = "local"

[projects.api]

[projects.api.envs.bench]
variables = { LOG_LEVEL = "info" }
"#,
    );
    for index in 0..SERVICES {
        text.push_str(&format!(
            "\n[projects.api.envs.bench.services.web{index}]\nkind = \"web\"\nimage = \"nginx:1.27\"\nport = 8080\n"
        ));
    }
    text
}

fn helm_binary() -> PathBuf {
    if let Some(helm) = std::env::var_os("SLEAK_HELM") {
        return PathBuf::from(helm);
    }
    let cached = PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
        .join(".cache/sleak-peers/bin/helm");
    if cached.exists() {
        cached
    } else {
        PathBuf::from("helm")
    }
}

/// Runs a command to its end; its wall time.
fn timed(command: &mut Command, what: &str) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let output = command.output()?;
    let took = started.elapsed();
    anyhow::ensure!(
        output.status.success(),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(took)
}

/// The namespace and the ConfigMaps the pods read (what `sleak apply` makes).
async fn prepare(client: &Client, namespace: &str, value: &str) -> anyhow::Result<()> {
    let params = PatchParams::apply("bench").force();
    let namespaces: Api<Namespace> = Api::all(client.clone());
    namespaces
        .patch(
            namespace,
            &params,
            &Patch::Apply(json!({ "apiVersion": "v1", "kind": "Namespace", "metadata": { "name": namespace } })),
        )
        .await?;
    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
    let mut names = vec!["variables-global".to_owned()];
    names.extend((0..SERVICES).map(|index| format!("variables-web{index}")));
    futures::future::try_join_all(names.iter().map(|name| {
        let config_maps = config_maps.clone();
        let params = params.clone();
        async move {
            config_maps
                .patch(
                    name,
                    &params,
                    &Patch::Apply(json!({ "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": name }, "data": { "LOG_LEVEL": value } })),
                )
                .await
        }
    }))
    .await?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let sleak = Path::new(env!("CARGO_BIN_EXE_sleak"));
    let helm = helm_binary();
    let handle = sandbox::start(SandboxOptions {
        ready_delay: READY_DELAY,
        latency: LATENCY,
        ..SandboxOptions::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let kubeconfig = dir.path().join("kubeconfig");
    handle.write_kubeconfig(&kubeconfig, "bench")?;
    let client = Client::try_from(
        Config::from_custom_kubeconfig(
            Kubeconfig::read_from(&kubeconfig)?,
            &KubeConfigOptions::default(),
        )
        .await?,
    )?;
    let workspace = dir.path().join("sleak.toml");
    std::fs::write(&workspace, workspace_text())?;
    let sleak_command = |args: &[&str]| {
        let mut command = Command::new(sleak);
        command
            .env("KUBECONFIG", &kubeconfig)
            .env("NO_COLOR", "1")
            .arg("-C")
            .arg(&workspace)
            .args(args);
        command
    };
    let scope = ["-p", "api", "-e", "bench"];

    // sleak: install, no change, then a variable change (every pod rolls).
    prepare(&client, "api-bench", "info").await?;
    let deploy = |extra: &[&str]| {
        let mut args = vec!["deploy"];
        args.extend_from_slice(&scope);
        args.extend_from_slice(&["--image-tag", "v1"]);
        args.extend_from_slice(extra);
        sleak_command(&args)
    };
    let install = timed(&mut deploy(&[]), "sleak deploy (install)")?;
    let unchanged = timed(&mut deploy(&[]), "sleak deploy (no change)")?;
    prepare(&client, "api-bench", "debug").await?;
    let upgrade = timed(&mut deploy(&[]), "sleak deploy (upgrade)")?;

    // Helm: the same chart, written by `sleak release`, on a stand-in of its own (the
    // chart names the namespace, as sleak's objects do).
    let helm_handle = sandbox::start(SandboxOptions {
        ready_delay: READY_DELAY,
        latency: LATENCY,
        ..SandboxOptions::default()
    })
    .await?;
    let helm_kubeconfig = dir.path().join("helm-kubeconfig");
    helm_handle.write_kubeconfig(&helm_kubeconfig, "bench")?;
    let helm_client = Client::try_from(
        Config::from_custom_kubeconfig(
            Kubeconfig::read_from(&helm_kubeconfig)?,
            &KubeConfigOptions::default(),
        )
        .await?,
    )?;
    prepare(&helm_client, "api-bench", "info").await?;
    let chart = dir.path().join("chart");
    let chart_text = chart.display().to_string();
    let mut release = sleak_command(&[
        "release",
        "-p",
        "api",
        "-e",
        "bench",
        "--image-tag",
        "v1",
        "--repository",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/api",
        "--out",
        &chart_text,
    ]);
    timed(&mut release, "sleak release")?;
    let helm_command = |args: &[&str]| {
        let mut command = Command::new(&helm);
        command.env("KUBECONFIG", &helm_kubeconfig).args(args);
        command
    };
    let helm_install = timed(
        &mut helm_command(&[
            "upgrade",
            "--install",
            "api",
            &chart_text,
            "-n",
            "api-bench",
            "--wait",
            "--timeout",
            "5m",
        ]),
        "helm upgrade --install (install)",
    )?;
    let helm_upgrade = timed(
        &mut helm_command(&[
            "upgrade",
            "--install",
            "api",
            &chart_text,
            "-n",
            "api-bench",
            "--wait",
            "--timeout",
            "5m",
            "--set",
            "variablesChecksum=changed",
        ]),
        "helm upgrade --install (upgrade)",
    )?;
    helm_handle.shutdown().await;
    let floor = LATENCY * LEVELS + READY_DELAY;
    handle.shutdown().await;

    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "deploy of {SERVICES} web services, {} ms per request",
        LATENCY.as_millis()
    );
    println!(
        "  floor (one round trip per level + pod start): {:>7.0} ms",
        ms(floor)
    );
    println!(
        "  sleak deploy, install:   {:>7.0} ms  ({:.2}× floor; helm {:>7.0} ms → sleak {:.2}× helm)",
        ms(install),
        ms(install) / ms(floor),
        ms(helm_install),
        ms(install) / ms(helm_install)
    );
    println!(
        "  sleak deploy, upgrade:   {:>7.0} ms  ({:.2}× floor; helm {:>7.0} ms → sleak {:.2}× helm)",
        ms(upgrade),
        ms(upgrade) / ms(floor),
        ms(helm_upgrade),
        ms(upgrade) / ms(helm_upgrade)
    );
    println!(
        "  sleak deploy, no change: {:>7.0} ms  (target under 1000 ms)",
        ms(unchanged)
    );
    Ok(())
}

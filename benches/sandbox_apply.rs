//! Benchmark: 1,000 server-side applies through kube-rs against the sandbox (target: under 1 s).

use std::time::{Duration, Instant};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde_json::json;
use sleak::sandbox::{self, SandboxOptions};

const APPLIES: usize = 1_000;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let handle = sandbox::start(SandboxOptions {
        ready_delay: Duration::from_millis(200),
        ..SandboxOptions::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kubeconfig");
    handle.write_kubeconfig(&path, "bench")?;
    let config = Config::from_custom_kubeconfig(
        Kubeconfig::read_from(&path)?,
        &KubeConfigOptions::default(),
    )
    .await?;
    let client = Client::try_from(config)?;
    let params = PatchParams::apply("bench");

    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), "default");
    let started = Instant::now();
    for index in 0..APPLIES {
        let name = format!("bench-{index}");
        let object = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"bench": "yes"}},
            "data": {"index": index.to_string(), "payload": "x".repeat(200)}});
        config_maps
            .patch(&name, &params, &Patch::Apply(object))
            .await?;
    }
    report("ConfigMap creates", started.elapsed());

    let started = Instant::now();
    for index in 0..APPLIES {
        let name = format!("bench-{index}");
        let object = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"bench": "yes"}},
            "data": {"index": index.to_string(), "payload": "x".repeat(200)}});
        config_maps
            .patch(&name, &params, &Patch::Apply(object))
            .await?;
    }
    report("ConfigMap no-op re-applies", started.elapsed());

    let deployments: Api<Deployment> = Api::namespaced(client, "default");
    let started = Instant::now();
    for index in 0..APPLIES {
        let name = format!("web-{index}");
        let object = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}}, "template": {"metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
                    "env": [{"name": "INDEX", "value": index.to_string()}]}]}}}});
        deployments
            .patch(&name, &params, &Patch::Apply(object))
            .await?;
    }
    report(
        "Deployment creates (controllers running)",
        started.elapsed(),
    );
    handle.shutdown().await;
    Ok(())
}

fn report(what: &str, elapsed: Duration) {
    let per_apply = elapsed.as_secs_f64() * 1e6 / APPLIES as f64;
    println!(
        "{APPLIES} server-side applies via kube-rs, {what}: {:.3} s ({per_apply:.0} µs each)",
        elapsed.as_secs_f64()
    );
}

//! checkov (from PyPI) on the chart `sleak release` writes, rendered by the real
//! `helm template`: none of the pod-hardening checks listed in docs/deploys.md fails, and
//! each of them was evaluated (a check checkov skipped proves nothing).

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::path::PathBuf;
use std::process::Command;

use common::TestContext;
use serde_json::Value;
use support_sandbox::{peers_bin, skip_peers, success};

/// The pod-hardening checks (docs/deploys.md lists them, with what each asks). Left out
/// on purpose, and said there: CKV_K8S_22 (read-only root filesystem) and CKV_K8S_40 (a
/// forced high UID), which break images that write to their own directory.
const HARDENING: [&str; 18] = [
    "CKV_K8S_10", // CPU requests
    "CKV_K8S_11", // CPU limits
    "CKV_K8S_12", // memory requests
    "CKV_K8S_13", // memory limits
    "CKV_K8S_16", // no privileged container
    "CKV_K8S_17", // no host PID
    "CKV_K8S_18", // no host IPC
    "CKV_K8S_19", // no host network
    "CKV_K8S_20", // no privilege escalation
    "CKV_K8S_23", // no root containers
    "CKV_K8S_25", // no added capabilities
    "CKV_K8S_28", // NET_RAW dropped
    "CKV_K8S_29", // a pod security context
    "CKV_K8S_30", // a container security context
    "CKV_K8S_31", // seccomp RuntimeDefault
    "CKV_K8S_37", // capabilities minimized
    "CKV_K8S_38", // service account tokens only where needed
    "CKV_K8S_39", // no CAP_SYS_ADMIN
];

const WORKSPACE: &str = r#"[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.local]
context = "sandbox"

[environments.preview]
cluster = "local"

[projects.api]

[projects.api.envs.preview]
variables = { LOG_LEVEL = "info" }

[projects.api.envs.preview.services.web]
kind = "web"
port = 8080
replicas = 2
autoscaling = { min = 2, max = 4, cpu_percent = 70 }
health_check = { path = "/healthz" }
pre_deploy = ["bin/migrate"]

[projects.api.envs.preview.services.worker]
kind = "worker"
command = ["bin/worker"]

[projects.api.envs.preview.services.nightly]
kind = "cron"
schedule = "0 3 * * *"
command = ["bin/report"]
"#;

fn checkov() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SLEAK_CHECKOV") {
        return Some(PathBuf::from(path));
    }
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    let cached = std::env::var_os("SLEAK_CHECKOV_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".cache/sleak-checkov"))
        .join("bin/checkov");
    if cached.exists() {
        return Some(cached);
    }
    support_sandbox::on_path("checkov")
}

#[test]
fn the_rendered_chart_passes_checkovs_pod_hardening_checks() {
    if skip_peers() {
        return;
    }
    let Some(checkov) = checkov() else {
        common::skip_or_fail(
            "checkov is not installed",
            "run .ci/run, which installs it into ~/.cache/sleak-checkov, or set SLEAK_CHECKOV",
        );
        return;
    };
    let context = TestContext::new();
    context.write("sleak.toml", WORKSPACE);
    let chart = context.work.join("chart");
    context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "preview",
            "--image-tag",
            "v1",
            "--repository",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/api",
            "--out",
            chart.to_str().unwrap(),
        ])
        .success();
    let rendered = success(
        Command::new(peers_bin().join("helm"))
            .args([
                "template",
                "api",
                chart.to_str().unwrap(),
                "--namespace",
                "api-preview",
            ])
            .output()
            .unwrap(),
        "helm template",
    );
    let file = context.write("rendered.yaml", &rendered);
    let output = Command::new(&checkov)
        .args([
            "-f",
            file.to_str().unwrap(),
            "--framework",
            "kubernetes",
            "-o",
            "json",
            "--compact",
        ])
        .args(["--check", &HARDENING.join(",")])
        .output()
        .expect("checkov runs");
    // checkov exits 1 when a check fails: the JSON says which.
    let text = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(&text).unwrap_or_else(|_| {
        panic!(
            "checkov JSON: {text}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let results = &report["results"];
    let failed: Vec<String> = results["failed_checks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|check| {
            format!(
                "{} on {}",
                check["check_id"].as_str().unwrap_or(""),
                check["resource"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "failed pod-hardening checks: {failed:#?}"
    );
    let passed: std::collections::BTreeSet<&str> = results["passed_checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|check| check["check_id"].as_str())
        .collect();
    for check in HARDENING {
        assert!(
            passed.contains(check),
            "checkov did not evaluate {check}: {passed:?}"
        );
    }
    // Every workload was looked at: two Deployments, the CronJob and the hook's Job.
    let resources: std::collections::BTreeSet<&str> = results["passed_checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|check| check["resource"].as_str())
        .collect();
    for workload in [
        "Deployment.api-preview.web",
        "Deployment.api-preview.worker",
        "CronJob.api-preview.nightly",
        "Job.api-preview.web-pre-deploy",
    ] {
        assert!(
            resources.contains(workload),
            "{workload} not checked: {resources:?}"
        );
    }
}

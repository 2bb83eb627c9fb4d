//! `sleak sandbox kube` as a user runs it: in the background, with a kubeconfig the real
//! kubectl uses, state kept across a restart with `--persist`, and `sleak sandbox stop`.

mod common;
mod support_sandbox;

use std::process::Command;

use common::TestContext;
use support_sandbox::{peers_bin, skip_peers};

fn kubectl(kubeconfig: &str, args: &[&str]) -> std::process::Output {
    Command::new(peers_bin().join("kubectl"))
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .expect("kubectl runs")
}

#[test]
fn the_background_sandbox_serves_kubectl_keeps_state_and_stops() {
    if skip_peers() {
        return;
    }
    let context = TestContext::new();
    let started = context
        .run(&[
            "sandbox",
            "kube",
            "--background",
            "--persist",
            "--ready-delay-ms",
            "100",
        ])
        .success();
    let kubeconfig = started.stdout.trim().to_owned();
    assert!(
        kubeconfig.ends_with("sleak/sandbox/kubeconfig"),
        "the kubeconfig path is the data: {kubeconfig}"
    );
    assert!(
        kubeconfig.starts_with(context.home.to_str().unwrap()),
        "kept under the test's own HOME: {kubeconfig}"
    );
    let created = kubectl(&kubeconfig, &["create", "namespace", "demo"]);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    // A second sandbox is refused while one runs.
    let again = context.run(&["sandbox", "kube", "--background"]).code(2);
    assert!(again.stderr.contains("already running"), "{}", again.stderr);
    context.run(&["sandbox", "stop"]).success();
    let gone = kubectl(&kubeconfig, &["get", "namespaces", "--request-timeout=2s"]);
    assert!(
        !gone.status.success(),
        "the sandbox still answers after stop"
    );
    // Restarted with --persist, the namespace is still there.
    context
        .run(&["sandbox", "kube", "--background", "--persist"])
        .success();
    let listed = kubectl(&kubeconfig, &["get", "namespace", "demo", "-o", "name"]);
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout).trim(),
        "namespace/demo",
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    context.run(&["sandbox", "stop"]).success();
    let run = context.run(&["sandbox", "stop"]).code(2);
    assert!(
        run.stderr.contains("no sandbox is running"),
        "{}",
        run.stderr
    );
}

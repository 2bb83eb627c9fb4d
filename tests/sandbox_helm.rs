//! The real Helm 4 against the stand-in: install --wait, list, history, upgrade, rollback, uninstall.

mod common;
mod support_sandbox;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use support_sandbox::{Sandbox, failure, fast_options, skip_peers, success};

/// Writes a small chart: a ConfigMap, a Deployment and a Service, image from values.
fn write_chart(root: &Path, name: &str, image: &str) -> PathBuf {
    let chart = root.join(name);
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    std::fs::write(
        chart.join("Chart.yaml"),
        format!(
            "apiVersion: v2\nname: {name}\nversion: 0.1.0\nappVersion: \"1.0\"\ntype: application\n"
        ),
    )
    .unwrap();
    std::fs::write(
        chart.join("values.yaml"),
        format!("image: {image}\nreplicas: 1\ngreeting: hello\n"),
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/configmap.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/deployment.yaml"),
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels:
    app: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: {{ .Release.Name }}-web
  template:
    metadata:
      labels:
        app: {{ .Release.Name }}-web
    spec:
      containers:
        - name: web
          image: {{ .Values.image | quote }}
          ports:
            - containerPort: 8080
"#,
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/service.yaml"),
        r#"apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector:
    app: {{ .Release.Name }}-web
  ports:
    - port: 80
      targetPort: 8080
"#,
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/migrate-hook.yaml"),
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.local/migrate:1
"#,
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/public.yaml"),
        r#"apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-public
spec:
  type: LoadBalancer
  selector:
    app: {{ .Release.Name }}-web
  ports:
    - port: 443
      targetPort: 8080
"#,
    )
    .unwrap();
    chart
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

fn deployment_image(sandbox: &Sandbox) -> String {
    let out = success(
        sandbox.kubectl(&["get", "deploy", "shop-web", "-n", "apps", "-o", "json"]),
        "get deploy",
    );
    json(&out)["spec"]["template"]["spec"]["containers"][0]["image"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn helm_installs_upgrades_rolls_back_and_uninstalls() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let chart = write_chart(sandbox.home.path(), "shop", "registry.local/web:1");
    let chart = chart.to_str().unwrap();

    success(
        sandbox.helm(&[
            "install",
            "shop",
            chart,
            "-n",
            "apps",
            "--create-namespace",
            "--wait",
            "--timeout",
            "60s",
        ]),
        "helm install",
    );
    let deployment = json(&success(
        sandbox.kubectl(&["get", "deploy", "shop-web", "-n", "apps", "-o", "json"]),
        "get deploy",
    ));
    assert_eq!(
        deployment["status"]["availableReplicas"], 1,
        "--wait returned before the deployment was available"
    );
    assert_eq!(
        deployment["metadata"]["annotations"]["meta.helm.sh/release-name"],
        "shop"
    );

    let listed = json(&success(
        sandbox.helm(&["list", "-n", "apps", "-o", "json"]),
        "helm list",
    ));
    assert_eq!(listed[0]["name"], "shop");
    assert_eq!(listed[0]["status"], "deployed");

    success(
        sandbox.helm(&[
            "upgrade",
            "shop",
            chart,
            "-n",
            "apps",
            "--set",
            "image=registry.local/web:2",
            "--wait",
            "--timeout",
            "60s",
        ]),
        "helm upgrade",
    );
    assert_eq!(deployment_image(&sandbox), "registry.local/web:2");

    success(
        sandbox.helm(&[
            "rollback",
            "shop",
            "1",
            "-n",
            "apps",
            "--wait",
            "--timeout",
            "60s",
        ]),
        "helm rollback",
    );
    assert_eq!(
        deployment_image(&sandbox),
        "registry.local/web:1",
        "rollback restores the first revision"
    );

    let history = json(&success(
        sandbox.helm(&["history", "shop", "-n", "apps", "-o", "json"]),
        "helm history",
    ));
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["superseded", "superseded", "deployed"]);

    success(
        sandbox.helm(&[
            "uninstall",
            "shop",
            "-n",
            "apps",
            "--wait",
            "--timeout",
            "60s",
        ]),
        "helm uninstall",
    );
    let left = success(
        sandbox.kubectl(&["get", "deploy,svc,cm,secret", "-n", "apps", "-o", "name"]),
        "get after uninstall",
    );
    assert!(
        !left.contains("shop"),
        "uninstall leaves objects behind: {left}"
    );
    let releases = json(&success(
        sandbox.helm(&["list", "-A", "-o", "json"]),
        "helm list after uninstall",
    ));
    assert_eq!(releases, serde_json::json!([]));
}

#[test]
fn helm_install_wait_fails_for_a_crashlooping_image() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let chart = write_chart(sandbox.home.path(), "broken", "registry.local/crashloop:1");
    let started = Instant::now();
    let out = sandbox.helm(&[
        "install",
        "broken",
        chart.to_str().unwrap(),
        "-n",
        "apps",
        "--create-namespace",
        "--wait",
        "--timeout",
        "20s",
    ]);
    let stderr = failure(out, "helm install of a crashlooping image");
    assert!(
        stderr.starts_with("Error:") || stderr.contains("\nError:"),
        "{stderr}"
    );
    eprintln!("helm failed after {:?}: {stderr}", started.elapsed());
    let pods = success(sandbox.kubectl(&["get", "pods", "-n", "apps"]), "get pods");
    assert!(pods.contains("CrashLoopBackOff"), "{pods}");
    let listed = json(&success(
        sandbox.helm(&["list", "-n", "apps", "--failed", "-o", "json"]),
        "helm list",
    ));
    assert_eq!(listed[0]["status"], "failed");
}

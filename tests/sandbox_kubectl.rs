//! The real kubectl against the stand-in: server-side apply, get, delete.

mod common;
mod support_sandbox;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use support_sandbox::{Sandbox, failure, fast_options, on_path, peers_bin, skip_peers, success};

const MANIFEST: &str = r#"
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
"#;

/// Polls `check` until it returns `Some`, for at most ten seconds.
fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// Runs the whole kubectl story with one kubectl binary.
fn apply_get_reapply_delete(sandbox: &Sandbox, kubectl: &Path) {
    let manifest = sandbox.home.path().join("app.yaml");
    std::fs::write(&manifest, MANIFEST).unwrap();
    let path = manifest.to_str().unwrap();

    let applied = success(
        sandbox.kubectl_with(kubectl, &["apply", "--server-side", "-f", path]),
        "first apply",
    );
    for line in [
        "namespace/shop",
        "configmap/settings",
        "deployment.apps/web",
        "service/web",
    ] {
        assert!(
            applied.contains(&format!("{line} serverside-applied")),
            "{applied}"
        );
    }

    let deployment = eventually("the deployment to become available", || {
        let out = success(
            sandbox.kubectl_with(
                kubectl,
                &["get", "deploy", "web", "-n", "shop", "-o", "json"],
            ),
            "get deploy",
        );
        let deployment = json(&out);
        let available = deployment["status"]["conditions"]
            .as_array()
            .is_some_and(|c| {
                c.iter()
                    .any(|c| c["type"] == "Available" && c["status"] == "True")
            });
        (available && deployment["status"]["availableReplicas"] == 2).then_some(deployment)
    });
    assert_eq!(deployment["status"]["readyReplicas"], 2);
    assert_eq!(
        deployment["status"]["observedGeneration"],
        deployment["metadata"]["generation"]
    );
    let version = deployment["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();

    success(
        sandbox.kubectl_with(kubectl, &["apply", "--server-side", "-f", path]),
        "second apply",
    );
    let again = json(&success(
        sandbox.kubectl_with(
            kubectl,
            &["get", "deploy", "web", "-n", "shop", "-o", "json"],
        ),
        "get again",
    ));
    assert_eq!(
        again["metadata"]["resourceVersion"],
        version.as_str(),
        "an identical apply must not write"
    );

    let namespaces = success(sandbox.kubectl_with(kubectl, &["get", "ns"]), "get ns");
    for name in ["default", "kube-system", "shop"] {
        assert!(
            namespaces.lines().any(|line| line.starts_with(name)),
            "{namespaces}"
        );
    }

    let deleted = success(
        sandbox.kubectl_with(kubectl, &["delete", "deploy", "web", "-n", "shop"]),
        "delete",
    );
    assert!(
        deleted.contains("deployment.apps \"web\" deleted"),
        "{deleted}"
    );
    let gone = sandbox.kubectl_with(kubectl, &["get", "deploy", "web", "-n", "shop"]);
    assert!(failure(gone, "get deleted").contains("NotFound"));
    let pods = success(
        sandbox.kubectl_with(kubectl, &["get", "pods", "-n", "shop", "-o", "name"]),
        "get pods",
    );
    assert_eq!(pods.trim(), "", "the deployment's pods go with it");

    success(
        sandbox.kubectl_with(kubectl, &["delete", "ns", "shop"]),
        "delete namespace",
    );
    let leftovers = success(
        sandbox.kubectl_with(kubectl, &["get", "cm,svc", "-A", "-o", "name"]),
        "get all",
    );
    assert!(
        !leftovers.contains("settings"),
        "deleting a namespace removes its objects: {leftovers}"
    );
}

#[test]
fn kubectl_1_33_applies_reads_and_deletes() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    apply_get_reapply_delete(&sandbox, &peers_bin().join("kubectl"));
}

/// The machine's own kubectl (the first on PATH: /usr/bin/kubectl in the development
/// image, 1.32 there), a second client version next to the pinned 1.33.
#[test]
fn the_images_kubectl_applies_reads_and_deletes() {
    let Some(kubectl) = on_path("kubectl") else {
        common::skip_or_fail(
            "no `kubectl` on PATH (the image's own, /usr/bin/kubectl in the development image)",
            "install kubectl on PATH (https://kubernetes.io/docs/tasks/tools/ or the \
             distribution's package); scripts/fetch-peers.sh fetches only the pinned 1.33, \
             which the other tests run",
        );
        return;
    };
    let sandbox = Sandbox::start(fast_options());
    apply_get_reapply_delete(&sandbox, &kubectl);
}

#[test]
fn requests_with_a_wrong_token_are_refused() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let stderr = failure(
        sandbox.kubectl(&["--token", "not-the-token", "get", "ns"]),
        "get with a wrong token",
    );
    assert!(
        stderr.contains("Unauthorized") || stderr.contains("provide credentials"),
        "{stderr}"
    );
}

#[test]
fn kubectl_get_shows_a_cronjob_schedule_and_a_crashloop() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let manifest = sandbox.home.path().join("extra.yaml");
    std::fs::write(
        &manifest,
        r#"
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: tools/report:1
---
apiVersion: v1
kind: Pod
metadata:
  name: flaky
spec:
  containers:
  - name: app
    image: example/crashloop:2
"#,
    )
    .unwrap();
    success(
        sandbox.kubectl(&["apply", "--server-side", "-f", manifest.to_str().unwrap()]),
        "apply",
    );
    let cronjobs = success(sandbox.kubectl(&["get", "cronjobs"]), "get cronjobs");
    assert!(
        cronjobs.contains("SCHEDULE") && cronjobs.contains("0 3 * * *"),
        "{cronjobs}"
    );
    let pods = eventually("the pod to crash loop", || {
        let pods = success(sandbox.kubectl(&["get", "pods"]), "get pods");
        pods.contains("CrashLoopBackOff").then_some(pods)
    });
    assert!(pods.contains("flaky") && pods.contains("0/1"), "{pods}");
}

#[test]
fn kubectl_strict_validation_rejects_unknown_fields_and_schema_errors() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let manifest = sandbox.home.path().join("bad.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta:\n  a: b\n",
    )
    .unwrap();
    let stderr = failure(
        sandbox.kubectl(&["apply", "--server-side", "-f", manifest.to_str().unwrap()]),
        "apply typo",
    );
    assert!(stderr.contains("unknown field \"datta\""), "{stderr}");
    std::fs::write(
        &manifest,
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: wrong\nspec:\n  ports: 80\n",
    )
    .unwrap();
    let stderr = failure(
        sandbox.kubectl(&["apply", "--server-side", "-f", manifest.to_str().unwrap()]),
        "apply wrong type",
    );
    assert!(stderr.contains("is invalid"), "{stderr}");
}

#[test]
fn kubectl_client_side_apply_rollout_status_and_wait_work() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let manifest = sandbox.home.path().join("app.yaml");
    std::fs::write(&manifest, MANIFEST).unwrap();
    let path = manifest.to_str().unwrap();
    success(sandbox.kubectl(&["apply", "-f", path]), "client-side apply");
    let edited = MANIFEST.replace("mode: production", "mode: staging");
    std::fs::write(&manifest, edited).unwrap();
    let second = success(
        sandbox.kubectl(&["apply", "-f", path]),
        "client-side apply of a change",
    );
    assert!(second.contains("configmap/settings configured"), "{second}");
    let mode = success(
        sandbox.kubectl(&[
            "get",
            "cm",
            "settings",
            "-n",
            "shop",
            "-o",
            "jsonpath={.data.mode}",
        ]),
        "get mode",
    );
    assert_eq!(mode, "staging");

    let rollout = success(
        sandbox.kubectl(&[
            "rollout",
            "status",
            "deploy/web",
            "-n",
            "shop",
            "--timeout=20s",
        ]),
        "rollout status",
    );
    assert!(rollout.contains("successfully rolled out"), "{rollout}");
    success(
        sandbox.kubectl(&[
            "wait",
            "--for=condition=Available",
            "deploy/web",
            "-n",
            "shop",
            "--timeout=20s",
        ]),
        "kubectl wait",
    );
}

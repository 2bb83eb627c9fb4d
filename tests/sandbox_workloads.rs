//! What deploys need of the stand-in, through the real kubectl 1.33 and kube-rs: pod logs
//! (plain, `--tail`, `-f`, `--previous`), the kubelet's failure states (image pull, OOM kill,
//! missing Secret, no node fits), pod events, rollouts and failed Jobs.

mod common;
mod support_sandbox;

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::AsyncBufReadExt as _;
use futures_util::StreamExt as _;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, LogParams};
use serde_json::Value;
use support_sandbox::{Sandbox, failure, fast_options, peers_bin, skip_peers, success};

const NAMESPACE: &str = "work";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

fn started() -> Sandbox {
    let sandbox = Sandbox::start(fast_options());
    success(
        sandbox.kubectl(&["create", "namespace", NAMESPACE]),
        "create namespace",
    );
    sandbox
}

fn apply(sandbox: &Sandbox, yaml: &str) {
    let file = sandbox.home.path().join("object.yaml");
    std::fs::write(&file, yaml).unwrap();
    success(
        sandbox.kubectl(&["apply", "-n", NAMESPACE, "-f", file.to_str().unwrap()]),
        "kubectl apply",
    );
}

/// A bare pod with one container.
fn pod(name: &str, image: &str, extra_spec: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{extra_spec}  containers:\n  - name: app\n    image: {image}\n"
    )
}

/// `kubectl get KIND NAME -o json` until `check` holds, for at most ten seconds.
fn until(sandbox: &Sandbox, what: &str, object: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let seen = json(&success(
            sandbox.kubectl(&["get", object, "-n", NAMESPACE, "-o", "json"]),
            "kubectl get",
        ));
        if check(&seen) {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last seen: {seen:#}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn container_status(pod: &Value) -> &Value {
    &pod["status"]["containerStatuses"][0]
}

fn condition<'a>(object: &'a Value, kind: &str) -> &'a Value {
    object["status"]["conditions"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["type"] == kind))
        .unwrap_or(&Value::Null)
}

fn ready(sandbox: &Sandbox, name: &str) {
    success(
        sandbox.kubectl(&[
            "wait",
            "--for=condition=Ready",
            &format!("pod/{name}"),
            "-n",
            NAMESPACE,
            "--timeout=20s",
        ]),
        "kubectl wait",
    );
}

#[test]
fn kubectl_logs_shows_tails_and_follows_a_pod() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    apply(&sandbox, &pod("web", "registry.local/web:1", ""));
    ready(&sandbox, "web");

    let logs = success(
        sandbox.kubectl(&["logs", "web", "-n", NAMESPACE]),
        "kubectl logs",
    );
    assert_eq!(
        logs,
        "starting registry.local/web:1 as app\napp is running\n"
    );
    let tail = success(
        sandbox.kubectl(&["logs", "web", "-n", NAMESPACE, "--tail=1"]),
        "kubectl logs --tail",
    );
    assert_eq!(tail, "app is running\n");
    let stamped = success(
        sandbox.kubectl(&["logs", "web", "-n", NAMESPACE, "--tail=2", "--timestamps"]),
        "kubectl logs --timestamps",
    );
    assert_eq!(stamped.lines().count(), 2, "{stamped}");
    assert!(
        stamped
            .lines()
            .all(|line| line.starts_with("20") && line.contains("Z ")),
        "{stamped}"
    );

    // `-f` streams until the pod goes away.
    let mut follow = Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("HOME", sandbox.home.path())
        .env("KUBECONFIG", &sandbox.kubeconfig)
        .args(["logs", "-f", "web", "-n", NAMESPACE])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        follow.try_wait().unwrap().is_none(),
        "kubectl logs -f ended while the pod runs"
    );
    success(
        sandbox.kubectl(&["delete", "pod", "web", "-n", NAMESPACE, "--wait=false"]),
        "delete pod",
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while follow.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "kubectl logs -f did not end with the pod"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut followed = String::new();
    follow
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut followed)
        .unwrap();
    assert_eq!(followed, logs);

    let missing = failure(
        sandbox.kubectl(&["logs", "nobody", "-n", NAMESPACE]),
        "logs of a missing pod",
    );
    assert!(missing.contains("\"nobody\" not found"), "{missing}");
}

#[test]
fn a_crash_looping_container_logs_its_error_each_restart() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    apply(&sandbox, &pod("crash", "registry.local/crashloop:1", ""));
    until(&sandbox, "a restart", "pod/crash", |p| {
        container_status(p)["restartCount"].as_i64() >= Some(1)
    });
    let error_line =
        "Error: process exited with status 1 (sandbox crash loop for registry.local/crashloop:1)";
    for args in [vec!["logs", "crash"], vec!["logs", "crash", "--previous"]] {
        let mut args = args.clone();
        args.extend(["-n", NAMESPACE]);
        let logs = success(sandbox.kubectl(&args), "kubectl logs");
        assert_eq!(logs.lines().last(), Some(error_line), "{args:?}: {logs}");
    }
    // A followed log of an exited instance ends at once, as kubectl does.
    let followed = success(
        sandbox.kubectl(&[
            "logs",
            "-f",
            "crash",
            "-n",
            NAMESPACE,
            "--request-timeout=10s",
        ]),
        "kubectl logs -f",
    );
    assert!(followed.ends_with(&format!("{error_line}\n")), "{followed}");

    apply(&sandbox, &pod("fresh", "registry.local/web:1", ""));
    ready(&sandbox, "fresh");
    let never_restarted = failure(
        sandbox.kubectl(&["logs", "fresh", "-n", NAMESPACE, "--previous"]),
        "--previous of a container that never restarted",
    );
    assert!(
        never_restarted
            .contains("previous terminated container \"app\" in pod \"fresh\" not found"),
        "{never_restarted}"
    );
}

#[test]
fn kube_rs_reads_and_streams_pod_logs() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    apply(&sandbox, &pod("web", "registry.local/web:1", ""));
    ready(&sandbox, "web");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let pods: Api<Pod> = Api::namespaced(sandbox.kube_client().await, NAMESPACE);
        let last = pods
            .logs(
                "web",
                &LogParams {
                    tail_lines: Some(1),
                    ..LogParams::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(last, "app is running\n");

        let stream = pods
            .log_stream(
                "web",
                &LogParams {
                    follow: true,
                    ..LogParams::default()
                },
            )
            .await
            .unwrap();
        let mut lines = stream.lines();
        assert_eq!(
            lines.next().await.unwrap().unwrap(),
            "starting registry.local/web:1 as app"
        );
        assert_eq!(lines.next().await.unwrap().unwrap(), "app is running");
        assert!(
            tokio::time::timeout(Duration::from_millis(500), lines.next())
                .await
                .is_err(),
            "the followed log ended while the pod runs"
        );
        pods.delete("web", &Default::default()).await.unwrap();
        let rest = tokio::time::timeout(Duration::from_secs(10), lines.next())
            .await
            .expect("the stream ends with the pod");
        assert!(rest.is_none(), "{rest:?}");
    });
}

#[test]
fn failing_pods_show_the_states_the_kubelet_and_scheduler_give_them() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    apply(&sandbox, &pod("pull", "registry.local/web:missing", ""));
    apply(&sandbox, &pod("oom", "registry.local/oomkill:1", ""));
    apply(
        &sandbox,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: config\nspec:\n  containers:\n  - name: app\n    \
         image: registry.local/web:1\n    envFrom:\n    - secretRef:\n        name: db-credentials\n    \
         - configMapRef:\n        name: optional-settings\n        optional: true\n",
    );
    apply(
        &sandbox,
        &pod(
            "picky",
            "registry.local/web:1",
            "  nodeSelector:\n    gpu: \"true\"\n",
        ),
    );
    apply(
        &sandbox,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: greedy\nspec:\n  containers:\n  - name: app\n    \
         image: registry.local/web:1\n    resources:\n      requests:\n        cpu: \"128\"\n",
    );

    let pull = until(&sandbox, "ImagePullBackOff", "pod/pull", |p| {
        container_status(p)["state"]["waiting"]["reason"] == "ImagePullBackOff"
    });
    assert_eq!(pull["status"]["phase"], "Pending");
    assert_eq!(container_status(&pull)["restartCount"], 0);
    assert_eq!(condition(&pull, "Ready")["status"], "False");

    let oom = until(&sandbox, "an OOM kill", "pod/oom", |p| {
        container_status(p)["lastState"]["terminated"]["reason"] == "OOMKilled"
    });
    assert_eq!(
        container_status(&oom)["lastState"]["terminated"]["exitCode"],
        137
    );
    assert_eq!(
        container_status(&oom)["state"]["waiting"]["reason"],
        "CrashLoopBackOff"
    );

    let config = until(&sandbox, "a config error", "pod/config", |p| {
        container_status(p)["state"]["waiting"]["reason"] == "CreateContainerConfigError"
    });
    assert_eq!(
        container_status(&config)["state"]["waiting"]["message"],
        "secret \"db-credentials\" not found"
    );
    assert_eq!(config["status"]["phase"], "Pending");
    // The Secret appearing later lets the pod start.
    success(
        sandbox.kubectl(&[
            "create",
            "secret",
            "generic",
            "db-credentials",
            "-n",
            NAMESPACE,
            "--from-literal=password=x",
        ]),
        "create secret",
    );
    ready(&sandbox, "config");

    for (name, message) in [
        (
            "picky",
            "1 node(s) didn't match Pod's node affinity/selector",
        ),
        ("greedy", "1 Insufficient cpu"),
    ] {
        let pending = until(&sandbox, "unschedulable", &format!("pod/{name}"), |p| {
            condition(p, "PodScheduled")["reason"] == "Unschedulable"
        });
        assert_eq!(pending["status"]["phase"], "Pending");
        assert_eq!(condition(&pending, "PodScheduled")["status"], "False");
        let text = condition(&pending, "PodScheduled")["message"]
            .as_str()
            .unwrap();
        assert!(
            text.starts_with("0/1 nodes are available: ") && text.contains(message),
            "{text}"
        );
        assert!(pending["spec"].get("nodeName").is_none());
    }

    let table = success(
        sandbox.kubectl(&["get", "pods", "-n", NAMESPACE]),
        "kubectl get pods",
    );
    assert!(
        table.contains("ImagePullBackOff") && table.contains("CrashLoopBackOff"),
        "{table}"
    );
}

#[test]
fn pod_events_are_listed_and_described() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    apply(&sandbox, &pod("crash", "registry.local/crashloop:1", ""));
    apply(&sandbox, &pod("pull", "registry.local/imagepull:1", ""));
    apply(
        &sandbox,
        &pod(
            "picky",
            "registry.local/web:1",
            "  nodeSelector:\n    gpu: \"true\"\n",
        ),
    );
    until(&sandbox, "a restart", "pod/crash", |p| {
        container_status(p)["restartCount"].as_i64() >= Some(1)
    });
    until(&sandbox, "ImagePullBackOff", "pod/pull", |p| {
        container_status(p)["state"]["waiting"]["reason"] == "ImagePullBackOff"
    });

    let events = json(&success(
        sandbox.kubectl(&["get", "events", "-n", NAMESPACE, "-o", "json"]),
        "kubectl get events",
    ));
    let seen: Vec<(String, String, String, String)> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |pointer: &str| {
                e.pointer(pointer)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            (
                field("/involvedObject/name"),
                field("/type"),
                field("/reason"),
                field("/message"),
            )
        })
        .collect();
    let has = |pod: &str, kind: &str, reason: &str, message: &str| {
        seen.iter()
            .any(|(p, k, r, m)| p == pod && k == kind && r == reason && m.contains(message))
    };
    assert!(
        has(
            "crash",
            "Normal",
            "Scheduled",
            "Successfully assigned work/crash to sandbox-node"
        ),
        "{seen:#?}"
    );
    assert!(
        has("crash", "Normal", "Started", "Started container app"),
        "{seen:#?}"
    );
    assert!(
        has(
            "crash",
            "Warning",
            "BackOff",
            "Back-off restarting failed container app in pod crash"
        ),
        "{seen:#?}"
    );
    assert!(
        has(
            "pull",
            "Warning",
            "Failed",
            "Failed to pull image \"registry.local/imagepull:1\""
        ),
        "{seen:#?}"
    );
    assert!(
        has(
            "picky",
            "Warning",
            "FailedScheduling",
            "didn't match Pod's node affinity/selector"
        ),
        "{seen:#?}"
    );

    let table = success(
        sandbox.kubectl(&["get", "events", "-n", NAMESPACE]),
        "kubectl get events",
    );
    assert!(
        table.contains("BackOff") && table.contains("pod/crash"),
        "{table}"
    );

    let described = success(
        sandbox.kubectl(&["describe", "pod", "crash", "-n", NAMESPACE]),
        "kubectl describe pod",
    );
    let events_section = described
        .split("Events:")
        .nth(1)
        .unwrap_or_else(|| panic!("no events in:\n{described}"));
    assert!(
        events_section.contains("Back-off restarting failed container app")
            && !events_section.contains("imagepull"),
        "{described}"
    );
}

#[test]
fn a_changed_deployment_rolls_to_a_new_replica_set_and_a_failed_job_says_so() {
    if skip_peers() {
        return;
    }
    let sandbox = started();
    let deployment = |image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    \
             matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      \
             containers:\n      - name: app\n        image: {image}\n"
        )
    };
    let rollout = |sandbox: &Sandbox| {
        sandbox.kubectl(&[
            "rollout",
            "status",
            "deployment/web",
            "-n",
            NAMESPACE,
            "--timeout=20s",
        ])
    };
    apply(&sandbox, &deployment("registry.local/web:1"));
    success(rollout(&sandbox), "rollout status");
    apply(&sandbox, &deployment("registry.local/web:2"));
    let done = success(rollout(&sandbox), "rollout status");
    assert!(done.contains("successfully rolled out"), "{done}");

    let web = json(&success(
        sandbox.kubectl(&["get", "deploy", "web", "-n", NAMESPACE, "-o", "json"]),
        "get deploy",
    ));
    let status = &web["status"];
    assert_eq!(status["observedGeneration"], web["metadata"]["generation"]);
    assert_eq!(web["metadata"]["generation"], 2);
    for field in [
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "replicas",
    ] {
        assert_eq!(status[field], 2, "{field}: {status:#}");
    }
    assert_eq!(condition(&web, "Available")["status"], "True");
    assert_eq!(
        condition(&web, "Progressing")["reason"],
        "NewReplicaSetAvailable"
    );
    let sets = json(&success(
        sandbox.kubectl(&["get", "rs", "-n", NAMESPACE, "-o", "json"]),
        "get rs",
    ));
    let mut replicas: Vec<(String, i64)> = sets["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rs| {
            (
                rs["spec"]["template"]["spec"]["containers"][0]["image"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                rs["spec"]["replicas"].as_i64().unwrap(),
            )
        })
        .collect();
    replicas.sort();
    assert_eq!(
        replicas,
        [
            ("registry.local/web:1".to_owned(), 0),
            ("registry.local/web:2".to_owned(), 2)
        ]
    );

    // A rollout to an image that cannot be pulled reports its deadline.
    apply(&sandbox, &deployment("registry.local/web:missing"));
    let stuck = failure(rollout(&sandbox), "rollout status of a stuck rollout");
    assert!(stuck.contains("exceeded its progress deadline"), "{stuck}");

    apply(
        &sandbox,
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      \
         restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.local/crashloop:1\n",
    );
    success(
        sandbox.kubectl(&[
            "wait",
            "--for=condition=Failed",
            "job/migrate",
            "-n",
            NAMESPACE,
            "--timeout=20s",
        ]),
        "wait for the job to fail",
    );
    let job = json(&success(
        sandbox.kubectl(&["get", "job", "migrate", "-n", NAMESPACE, "-o", "json"]),
        "get job",
    ));
    assert_eq!(condition(&job, "Failed")["reason"], "BackoffLimitExceeded");
    assert_eq!(job["status"]["failed"], 1);
}

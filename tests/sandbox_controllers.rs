//! The stand-in's simulated controllers, persistence and fault knobs, seen through kube-rs.

use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, WatchEvent, WatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config, Resource};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use sleak::sandbox::{self, SandboxHandle, SandboxOptions};

fn fast() -> SandboxOptions {
    SandboxOptions {
        ready_delay: Duration::from_millis(200),
        ..SandboxOptions::default()
    }
}

async fn connect(handle: &SandboxHandle, dir: &tempfile::TempDir) -> Client {
    let path = dir.path().join("kubeconfig");
    handle.write_kubeconfig(&path, "sandbox").unwrap();
    let kubeconfig = Kubeconfig::read_from(&path).unwrap();
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .unwrap();
    Client::try_from(config).unwrap()
}

async fn apply<K>(api: &Api<K>, object: Value) -> K
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug + serde::Serialize,
{
    let name = object["metadata"]["name"].as_str().unwrap().to_string();
    api.patch(&name, &PatchParams::apply("test"), &Patch::Apply(object))
        .await
        .unwrap()
}

/// Re-reads an object until `check` holds, for at most five seconds.
async fn until<K>(api: &Api<K>, name: &str, what: &str, check: impl Fn(&Value) -> bool) -> Value
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug + serde::Serialize,
{
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let object = serde_json::to_value(api.get(name).await.unwrap()).unwrap();
        if check(&object) {
            return object;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last seen: {object:#}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn has_condition(object: &Value, kind: &str, status: &str) -> bool {
    object["status"]["conditions"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["type"] == kind && c["status"] == status))
}

fn deployment(name: &str, image: &str) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "c", "image": image}]}}}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashlooping_deployment_reports_what_a_cluster_would() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), "default");
    apply(&deployments, deployment("broken", "example/crashloop:1")).await;

    let status = until(&deployments, "broken", "ProgressDeadlineExceeded", |d| {
        d["status"]["conditions"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["reason"] == "ProgressDeadlineExceeded"))
    })
    .await;
    assert!(has_condition(&status, "Available", "False"));
    let pods: Api<Pod> = Api::namespaced(client, "default");
    let list = pods
        .list(&ListParams::default().labels("app=broken"))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 2);
    for pod in list.items {
        let waiting = pod.status.unwrap().container_statuses.unwrap()[0]
            .state
            .clone()
            .unwrap()
            .waiting
            .unwrap();
        assert_eq!(waiting.reason.as_deref(), Some("CrashLoopBackOff"));
    }
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_deployment_cascades_unless_orphaned() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), "default");
    let replica_sets: Api<ReplicaSet> = Api::namespaced(client.clone(), "default");
    let pods: Api<Pod> = Api::namespaced(client, "default");
    for name in ["cascade", "orphan"] {
        apply(&deployments, deployment(name, "nginx:1")).await;
        until(&deployments, name, "availability", |d| {
            d["status"]["availableReplicas"] == 2
        })
        .await;
    }

    deployments
        .delete("cascade", &DeleteParams::background())
        .await
        .unwrap();
    deployments
        .delete("orphan", &DeleteParams::orphan())
        .await
        .unwrap();

    let cascade_pods = pods
        .list(&ListParams::default().labels("app=cascade"))
        .await
        .unwrap();
    assert!(
        cascade_pods.items.is_empty(),
        "pods of a deleted deployment remain"
    );
    assert!(
        replica_sets
            .list(&ListParams::default().labels("app=cascade"))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let orphans = replica_sets
        .list(&ListParams::default().labels("app=orphan"))
        .await
        .unwrap();
    assert_eq!(
        orphans.items.len(),
        1,
        "orphan propagation keeps the replica set"
    );
    assert!(
        orphans.items[0]
            .metadata
            .owner_references
            .as_ref()
            .is_none_or(Vec::is_empty)
    );
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_complete_or_fail_by_image() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let jobs: Api<Job> = Api::namespaced(client, "default");
    for (name, image) in [
        ("migrate", "tools/migrate:1"),
        ("doomed", "tools/crashloop:1"),
    ] {
        apply(&jobs, json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
            "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": image}]}}}}))
        .await;
    }
    let done = until(&jobs, "migrate", "completion", |j| {
        has_condition(j, "Complete", "True")
    })
    .await;
    assert_eq!(done["status"]["succeeded"], 1);
    let failed = until(&jobs, "doomed", "failure", |j| {
        has_condition(j, "Failed", "True")
    })
    .await;
    assert_eq!(failed["status"]["failed"], 1);
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_balancers_and_ingresses_get_a_hostname() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let services: Api<Service> = Api::namespaced(client.clone(), "default");
    let ingresses: Api<Ingress> = Api::namespaced(client, "default");
    let service = apply(
        &services,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "edge"},
        "spec": {"type": "LoadBalancer", "selector": {"app": "edge"}, "ports": [{"port": 443}]}}),
    )
    .await;
    assert!(
        service
            .spec
            .unwrap()
            .cluster_ip
            .is_some_and(|ip| ip.starts_with("10.96."))
    );
    apply(&ingresses, json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "site"},
        "spec": {"rules": [{"host": "shop.example.com"}]}}))
    .await;
    let hostname = |o: &Value| {
        o["status"]["loadBalancer"]["ingress"][0]["hostname"]
            .as_str()
            .is_some_and(|h| !h.is_empty())
    };
    until(&services, "edge", "a load balancer hostname", hostname).await;
    until(&ingresses, "site", "an ingress hostname", hostname).await;
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watch_list_ends_its_initial_events_with_a_bookmark() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let api: Api<ConfigMap> = Api::namespaced(client, "default");
    for name in ["one", "two"] {
        apply(
            &api,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}}),
        )
        .await;
    }
    let params = WatchParams::streaming_lists();
    let mut events = api.watch(&params, "").await.unwrap().boxed();
    let mut added = Vec::new();
    loop {
        let event = tokio::time::timeout(Duration::from_secs(5), events.try_next())
            .await
            .unwrap()
            .unwrap();
        match event {
            Some(WatchEvent::Added(cm)) => added.push(cm.metadata.name.unwrap()),
            Some(WatchEvent::Bookmark(bookmark)) => {
                assert_eq!(
                    bookmark
                        .metadata
                        .annotations
                        .get("k8s.io/initial-events-end")
                        .map(String::as_str),
                    Some("true")
                );
                break;
            }
            other => panic!("unexpected event before the bookmark: {other:?}"),
        }
    }
    assert_eq!(added, ["one", "two"]);
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_restart_with_a_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/kube.json");
    let options = SandboxOptions {
        state_file: Some(state.clone()),
        ..fast()
    };
    let handle = sandbox::start(options.clone()).await.unwrap();
    let api: Api<ConfigMap> = Api::namespaced(connect(&handle, &dir).await, "default");
    let kept = apply(&api, json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kept"}, "data": {"k": "v"}})).await;
    handle.shutdown().await;
    assert!(state.exists(), "the state file was not written");

    let handle = sandbox::start(options).await.unwrap();
    let api: Api<ConfigMap> = Api::namespaced(connect(&handle, &dir).await, "default");
    let reloaded = api.get("kept").await.unwrap();
    assert_eq!(reloaded.metadata.uid, kept.metadata.uid);
    assert_eq!(reloaded.data.unwrap()["k"], "v");
    let next = apply(
        &api,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "later"}}),
    )
    .await;
    let version = |cm: &ConfigMap| {
        cm.metadata
            .resource_version
            .as_ref()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert!(
        version(&next) > version(&kept),
        "resourceVersions keep growing after a restart"
    );
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_faults_and_latency_reach_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let options = SandboxOptions {
        fault_rate: 1.0,
        latency: Duration::from_millis(30),
        ..fast()
    };
    let handle = sandbox::start(options).await.unwrap();
    let api: Api<ConfigMap> = Api::namespaced(connect(&handle, &dir).await, "default");
    let mut codes = std::collections::BTreeSet::new();
    let started = Instant::now();
    for _ in 0..10 {
        match api.list(&ListParams::default()).await {
            Err(kube::Error::Api(status)) => {
                codes.insert(status.code);
            }
            other => panic!("expected an injected fault, got {other:?}"),
        }
    }
    // kube-rs retries 429 answers by itself, so what reaches the caller is the 500s.
    assert!(
        codes.contains(&500) && codes.iter().all(|code| [429, 500].contains(code)),
        "{codes:?}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "latency was not added"
    );
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_settled_cluster_stops_writing() {
    let handle = sandbox::start(fast()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = connect(&handle, &dir).await;
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), "default");
    apply(&deployments, deployment("calm", "nginx:1")).await;
    apply(&deployments, deployment("stormy", "example/crashloop:1")).await;
    until(&deployments, "calm", "availability", |d| {
        d["status"]["availableReplicas"] == 2
    })
    .await;
    until(&deployments, "stormy", "the deadline", |d| {
        d["status"]["conditions"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["reason"] == "ProgressDeadlineExceeded"))
    })
    .await;
    // Crash-looping pods count restarts for five rounds of ready_delay, then rest.
    tokio::time::sleep(Duration::from_millis(1_300)).await;
    let configmaps: Api<ConfigMap> = Api::namespaced(client, "default");
    let version = |list: kube::core::ObjectList<ConfigMap>| list.metadata.resource_version.unwrap();
    let before = version(configmaps.list(&ListParams::default()).await.unwrap());
    tokio::time::sleep(Duration::from_millis(800)).await;
    let after = version(configmaps.list(&ListParams::default()).await.unwrap());
    assert_eq!(
        before, after,
        "the controllers keep rewriting objects that did not change"
    );
    handle.shutdown().await;
}

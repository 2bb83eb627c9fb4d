//! kube-rs against the stand-in: server-side apply conflicts, watches, errors, selectors and patches.

use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Pod};
use kube::api::{
    Api, DeleteParams, ListParams, Patch, PatchParams, PostParams, WatchEvent, WatchParams,
};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde_json::json;
use sleak::sandbox::{self, SandboxHandle, SandboxOptions};

async fn sandbox() -> (SandboxHandle, Client, tempfile::TempDir) {
    let options = SandboxOptions {
        ready_delay: Duration::from_millis(200),
        ..SandboxOptions::default()
    };
    let handle = sandbox::start(options).await.expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kubeconfig");
    handle.write_kubeconfig(&path, "sandbox").unwrap();
    let kubeconfig = Kubeconfig::read_from(&path).unwrap();
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .unwrap();
    (handle, Client::try_from(config).unwrap(), dir)
}

fn api_code(error: kube::Error) -> u16 {
    match error {
        kube::Error::Api(status) => status.code,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn config_map(value: &str) -> serde_json::Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "shared"}, "data": {"owner": value}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_side_apply_conflict_is_409_unless_forced() {
    let (handle, client, _dir) = sandbox().await;
    let api: Api<ConfigMap> = Api::namespaced(client, "default");

    api.patch(
        "shared",
        &PatchParams::apply("team-a"),
        &Patch::Apply(config_map("a")),
    )
    .await
    .unwrap();
    let conflict = api
        .patch(
            "shared",
            &PatchParams::apply("team-b"),
            &Patch::Apply(config_map("b")),
        )
        .await
        .unwrap_err();
    let kube::Error::Api(status) = conflict else {
        panic!("expected an API error")
    };
    assert_eq!(status.code, 409);
    assert!(
        status.message.contains("conflict with \"team-a\""),
        "{}",
        status.message
    );

    let forced = api
        .patch(
            "shared",
            &PatchParams::apply("team-b").force(),
            &Patch::Apply(config_map("b")),
        )
        .await
        .unwrap();
    assert_eq!(forced.data.unwrap()["owner"], "b");
    let managers: Vec<String> = forced
        .metadata
        .managed_fields
        .unwrap()
        .into_iter()
        .filter_map(|entry| entry.manager)
        .collect();
    assert_eq!(
        managers,
        ["team-b"],
        "forcing takes the field away from team-a"
    );
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watch_sees_added_modified_and_deleted() {
    let (handle, client, _dir) = sandbox().await;
    let api: Api<ConfigMap> = Api::namespaced(client, "default");
    let mut events = api
        .watch(&WatchParams::default().fields("metadata.name=watched"), "0")
        .await
        .unwrap()
        .boxed();

    api.patch(
        "watched",
        &PatchParams::apply("test"),
        &Patch::Apply(json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"n": "1"}})),
    )
    .await
    .unwrap();
    api.patch(
        "watched",
        &PatchParams::default(),
        &Patch::Merge(json!({"data": {"n": "2"}})),
    )
    .await
    .unwrap();
    api.delete("watched", &DeleteParams::default())
        .await
        .unwrap();

    let mut seen = Vec::new();
    while seen.len() < 3 {
        let event = tokio::time::timeout(Duration::from_secs(5), events.try_next())
            .await
            .expect("event in time")
            .unwrap();
        match event {
            Some(WatchEvent::Added(cm)) => seen.push(("ADDED", cm.data.unwrap()["n"].clone())),
            Some(WatchEvent::Modified(cm)) => {
                seen.push(("MODIFIED", cm.data.unwrap()["n"].clone()))
            }
            Some(WatchEvent::Deleted(cm)) => seen.push(("DELETED", cm.data.unwrap()["n"].clone())),
            Some(WatchEvent::Bookmark(_)) => {}
            other => panic!("unexpected watch event {other:?}"),
        }
    }
    let expected =
        [("ADDED", "1"), ("MODIFIED", "2"), ("DELETED", "2")].map(|(k, v)| (k, v.to_string()));
    assert_eq!(seen, expected);
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_kubernetes_statuses() {
    let (handle, client, _dir) = sandbox().await;
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), "default");
    assert_eq!(api_code(api.get("missing").await.unwrap_err()), 404);

    let created = api
        .create(
            &PostParams::default(),
            &serde_json::from_value(config_map("x")).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        api_code(
            api.create(&PostParams::default(), &created)
                .await
                .unwrap_err()
        ),
        409,
        "already exists"
    );

    let mut stale = created.clone();
    api.patch(
        "shared",
        &PatchParams::default(),
        &Patch::Merge(json!({"data": {"owner": "y"}})),
    )
    .await
    .unwrap();
    stale.data = Some([("owner".to_string(), "z".to_string())].into());
    assert_eq!(
        api_code(
            api.replace("shared", &PostParams::default(), &stale)
                .await
                .unwrap_err()
        ),
        409,
        "stale resourceVersion"
    );

    let deployments: Api<Deployment> = Api::namespaced(client.clone(), "default");
    let no_containers = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "bad"},
        "spec": {"replicas": "three", "selector": {}, "template": {}}});
    let invalid = deployments
        .patch(
            "bad",
            &PatchParams::apply("test"),
            &Patch::Apply(no_containers),
        )
        .await
        .unwrap_err();
    assert_eq!(api_code(invalid), 422);

    let elsewhere: Api<ConfigMap> = Api::namespaced(client, "no-such-namespace");
    let orphan = elsewhere
        .patch(
            "x",
            &PatchParams::apply("test"),
            &Patch::Apply(config_map("x")),
        )
        .await
        .unwrap_err();
    assert_eq!(api_code(orphan), 404, "a namespace must exist first");
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_token_get_401() {
    let (handle, _client, _dir) = sandbox().await;
    let mut config = Config::new(handle.url.parse().unwrap());
    config.root_cert = Some(vec![pem_to_der(&handle.ca_pem)]);
    let anonymous = Client::try_from(config).unwrap();
    let namespaces: Api<Namespace> = Api::all(anonymous);
    assert_eq!(
        api_code(namespaces.list(&ListParams::default()).await.unwrap_err()),
        401
    );
    handle.shutdown().await;
}

fn pem_to_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_filter_by_selectors_and_page() {
    let (handle, client, _dir) = sandbox().await;
    let api: Api<ConfigMap> = Api::namespaced(client, "default");
    for (name, tier) in [("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache")] {
        let object = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"tier": tier}}});
        api.patch(name, &PatchParams::apply("test"), &Patch::Apply(object))
            .await
            .unwrap();
    }
    let names = |list: kube::core::ObjectList<ConfigMap>| -> Vec<String> {
        list.items
            .into_iter()
            .filter_map(|cm| cm.metadata.name)
            .collect()
    };
    assert_eq!(
        names(
            api.list(&ListParams::default().labels("tier=web"))
                .await
                .unwrap()
        ),
        ["a", "c"]
    );
    assert_eq!(
        names(
            api.list(&ListParams::default().labels("tier!=web"))
                .await
                .unwrap()
        ),
        ["b", "d"]
    );
    assert_eq!(
        names(
            api.list(&ListParams::default().labels("tier in (db,cache)"))
                .await
                .unwrap()
        ),
        ["b", "d"]
    );
    assert_eq!(
        names(
            api.list(&ListParams::default().labels("tier notin (web)"))
                .await
                .unwrap()
        ),
        ["b", "d"]
    );
    assert_eq!(
        names(
            api.list(&ListParams::default().labels("tier"))
                .await
                .unwrap()
        )
        .len(),
        4
    );
    assert_eq!(
        names(
            api.list(&ListParams::default().fields("metadata.name=c"))
                .await
                .unwrap()
        ),
        ["c"]
    );

    let first = api
        .list(&ListParams::default().labels("tier").limit(3))
        .await
        .unwrap();
    let token = first.metadata.continue_.clone().expect("a continue token");
    assert_eq!(names(first), ["a", "b", "c"]);
    let rest = api
        .list(
            &ListParams::default()
                .labels("tier")
                .limit(3)
                .continue_token(&token),
        )
        .await
        .unwrap();
    assert_eq!(names(rest), ["d"]);
    handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patches_and_dry_run_behave_like_a_cluster() {
    let (handle, client, _dir) = sandbox().await;
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), "default");
    let created = api
        .patch(
            "p",
            &PatchParams::apply("test"),
            &Patch::Apply(json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "1"}})),
        )
        .await
        .unwrap();
    assert!(created.metadata.uid.is_some() && created.metadata.creation_timestamp.is_some());

    let json_patch: json_patch::Patch =
        serde_json::from_value(json!([{"op": "add", "path": "/data/b", "value": "2"}])).unwrap();
    let patched = api
        .patch("p", &PatchParams::default(), &Patch::<()>::Json(json_patch))
        .await
        .unwrap();
    assert_eq!(patched.data.as_ref().unwrap()["b"], "2");

    let dry = api
        .patch(
            "p",
            &PatchParams::default().dry_run(),
            &Patch::Merge(json!({"data": {"a": "changed"}})),
        )
        .await
        .unwrap();
    assert_eq!(dry.data.unwrap()["a"], "changed");
    assert_eq!(
        api.get("p").await.unwrap().data.unwrap()["a"],
        "1",
        "dry run stores nothing"
    );

    let pods: Api<Pod> = Api::namespaced(client.clone(), "default");
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "solo"},
        "spec": {"containers": [{"name": "a", "image": "x:1"}, {"name": "b", "image": "y:1"}]}});
    pods.patch("solo", &PatchParams::apply("test"), &Patch::Apply(pod))
        .await
        .unwrap();
    let strategic = json!({"spec": {"containers": [{"name": "b", "image": "y:2"}]}});
    let patched = pods
        .patch(
            "solo",
            &PatchParams::default(),
            &Patch::Strategic(strategic),
        )
        .await
        .unwrap();
    let images: Vec<String> = patched
        .spec
        .unwrap()
        .containers
        .into_iter()
        .filter_map(|c| c.image)
        .collect();
    assert_eq!(
        images,
        ["x:1", "y:2"],
        "strategic merge keeps containers by name"
    );

    let deployments: Api<Deployment> = Api::namespaced(client, "default");
    let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "gen"},
        "spec": {"selector": {"matchLabels": {"app": "gen"}}, "template": {"metadata": {"labels": {"app": "gen"}},
            "spec": {"containers": [{"name": "c", "image": "img:1"}]}}}});
    let first = deployments
        .patch(
            "gen",
            &PatchParams::apply("test"),
            &Patch::Apply(deployment.clone()),
        )
        .await
        .unwrap();
    assert_eq!(first.metadata.generation, Some(1));
    let mut changed = deployment;
    changed["spec"]["template"]["spec"]["containers"][0]["image"] = json!("img:2");
    let second = deployments
        .patch("gen", &PatchParams::apply("test"), &Patch::Apply(changed))
        .await
        .unwrap();
    assert_eq!(
        second.metadata.generation,
        Some(2),
        "a spec change moves the generation"
    );
    handle.shutdown().await;
}

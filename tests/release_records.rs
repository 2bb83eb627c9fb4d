//! sleak's Helm release records against the real Helm 4 and kubectl on the stand-in: Helm
//! lists, reads, rolls back and uninstalls what sleak wrote, and sleak reads what Helm wrote.

mod common;
mod support_sandbox;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Value, json};
use sleak::release::record::{self, Record, Status};
use support_sandbox::{Sandbox, fast_options, skip_peers, success};

const NAMESPACE: &str = "shop";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

fn client(runtime: &tokio::runtime::Runtime, sandbox: &Sandbox) -> kube::Client {
    runtime.block_on(sandbox.kube_client())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// The manifest sleak would write for one image, with Helm's ownership metadata on each object.
fn manifest(image: &str, greeting: &str) -> String {
    let owned = format!(
        "  labels:\n    app: web\n    app.kubernetes.io/managed-by: Helm\n  annotations:\n    \
         meta.helm.sh/release-name: shop\n    meta.helm.sh/release-namespace: {NAMESPACE}\n"
    );
    format!(
        "---\n# Source: shop/templates/settings.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  \
         name: shop-settings\n{owned}data:\n  greeting: \"{greeting}\"\n\
         ---\n# Source: shop/templates/web.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  \
         name: shop-web\n{owned}spec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  \
         template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        \
         - name: web\n          image: \"{image}\"\n"
    )
}

fn revision(version: u32, status: Status, image: &str, greeting: &str) -> Record {
    Record {
        name: "shop".into(),
        namespace: NAMESPACE.into(),
        version,
        status,
        first_deployed: "2026-11-30T10:00:00Z".into(),
        last_deployed: format!("2026-11-30T1{version}:00:00Z"),
        description: if version == 1 {
            "Install complete".into()
        } else {
            "Upgrade complete".into()
        },
        chart_metadata: json!({"apiVersion": "v2", "name": "shop", "version": "0.1.0", "appVersion": "1.0", "type": "application"}),
        templates: vec![("templates/web.yaml".into(), "# rendered by sleak\n".into())],
        chart_values: json!({"image": "web:1", "greeting": "hello", "replicas": 1}),
        config: json!({"image": image, "greeting": greeting}),
        manifest: manifest(image, greeting),
        hooks: Vec::new(),
        apply_method: Some("ssa".into()),
        extra: serde_json::Map::new(),
    }
}

/// Applies a record's objects server-side, as sleak's deploys do.
fn apply_objects(sandbox: &Sandbox, record: &Record) {
    let file = sandbox
        .home
        .path()
        .join(format!("rev{}.yaml", record.version));
    std::fs::write(&file, &record.manifest).unwrap();
    success(
        sandbox.kubectl(&[
            "apply",
            "--server-side",
            "--field-manager",
            "sleak",
            "-n",
            NAMESPACE,
            "-f",
            file.to_str().unwrap(),
        ]),
        "kubectl apply",
    );
}

fn deployment_image(sandbox: &Sandbox) -> String {
    let deployment = json(&success(
        sandbox.kubectl(&["get", "deploy", "shop-web", "-n", NAMESPACE, "-o", "json"]),
        "get deploy",
    ));
    deployment["spec"]["template"]["spec"]["containers"][0]["image"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn helm_lists_rolls_back_and_uninstalls_what_sleak_recorded() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let runtime = runtime();
    let client = client(&runtime, &sandbox);
    success(
        sandbox.kubectl(&["create", "namespace", NAMESPACE]),
        "create ns",
    );

    let first = revision(1, Status::Superseded, "web:1", "hello");
    let second = revision(2, Status::Deployed, "web:2", "hi");
    apply_objects(&sandbox, &first);
    apply_objects(&sandbox, &second);
    for record in [&first, &second] {
        assert!(runtime.block_on(record::create(&client, record)).unwrap());
    }
    // A revision already taken is not overwritten.
    let mut late = second.clone();
    late.description = "another deploy".into();
    assert!(!runtime.block_on(record::create(&client, &late)).unwrap());

    let listed = json(&success(
        sandbox.helm(&["list", "-n", NAMESPACE, "-o", "json"]),
        "helm list",
    ));
    assert_eq!(listed[0]["name"], "shop", "{listed}");
    assert_eq!(listed[0]["status"], "deployed");
    assert_eq!(listed[0]["revision"], "2");
    assert_eq!(listed[0]["chart"], "shop-0.1.0");

    let history = json(&success(
        sandbox.helm(&["history", "shop", "-n", NAMESPACE, "-o", "json"]),
        "helm history",
    ));
    let rows: Vec<(i64, &str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["revision"].as_i64().unwrap(),
                row["status"].as_str().unwrap(),
                row["description"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "superseded", "Install complete"),
            (2, "deployed", "Upgrade complete")
        ]
    );

    let shown = success(
        sandbox.helm(&["get", "manifest", "shop", "-n", NAMESPACE]),
        "helm get manifest",
    );
    assert_eq!(shown.trim(), second.manifest.trim());
    let values = json(&success(
        sandbox.helm(&[
            "get", "values", "shop", "-n", NAMESPACE, "--all", "-o", "json",
        ]),
        "helm get values",
    ));
    assert_eq!(
        values,
        json!({"image": "web:2", "greeting": "hi", "replicas": 1})
    );

    // sleak's field manager owns the fields: Helm's server-side apply must force them (the
    // refused rollback is recorded as a failed revision 3).
    let conflict = support_sandbox::failure(
        sandbox.helm(&["rollback", "shop", "1", "-n", NAMESPACE]),
        "helm rollback without --force-conflicts",
    );
    assert!(conflict.contains("conflict with \"sleak\""), "{conflict}");
    success(
        sandbox.helm(&[
            "rollback",
            "shop",
            "1",
            "-n",
            NAMESPACE,
            "--force-conflicts",
        ]),
        "helm rollback",
    );
    assert_eq!(deployment_image(&sandbox), "web:1");
    let records = runtime
        .block_on(record::history(&client, NAMESPACE, "shop"))
        .unwrap();
    let statuses: Vec<(u32, Status)> = records.iter().map(|r| (r.version, r.status)).collect();
    assert_eq!(
        statuses,
        [
            (1, Status::Superseded),
            (2, Status::Superseded),
            (3, Status::Failed),
            (4, Status::Deployed)
        ]
    );
    assert_eq!(records[3].manifest.trim(), first.manifest.trim());
    assert_eq!(records[3].config, first.config);
    assert_eq!(records[3].apply_method.as_deref(), Some("ssa"));

    success(
        sandbox.helm(&["uninstall", "shop", "-n", NAMESPACE]),
        "helm uninstall",
    );
    let left = success(
        sandbox.kubectl(&["get", "configmap,deploy", "-n", NAMESPACE, "-o", "name"]),
        "get objects",
    );
    assert!(
        !left.contains("shop-settings") && !left.contains("shop-web"),
        "{left}"
    );
    assert!(
        runtime
            .block_on(record::history(&client, NAMESPACE, "shop"))
            .unwrap()
            .is_empty()
    );
}

/// A record Helm itself wrote, with notes and a hook: decoded, re-encoded unchanged, and
/// rewritten by sleak in a way Helm still reads.
#[test]
fn sleak_reads_and_rewrites_a_record_helm_wrote_keeping_what_it_does_not_model() {
    if skip_peers() {
        return;
    }
    let sandbox = Sandbox::start(fast_options());
    let runtime = runtime();
    let client = client(&runtime, &sandbox);
    let chart = sandbox.home.path().join("notes");
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    std::fs::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: notes\nversion: 0.2.0\nappVersion: \"2\"\n",
    )
    .unwrap();
    std::fs::write(chart.join("values.yaml"), "greeting: hello\n").unwrap();
    std::fs::write(
        chart.join("templates/settings.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/hook.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    \"helm.sh/hook\": post-install\ndata: {}\n",
    )
    .unwrap();
    std::fs::write(
        chart.join("templates/NOTES.txt"),
        "Say {{ .Values.greeting }}\n",
    )
    .unwrap();
    success(
        sandbox.helm(&[
            "install",
            "notes",
            chart.to_str().unwrap(),
            "-n",
            NAMESPACE,
            "--create-namespace",
            "--set",
            "greeting=hi",
        ]),
        "helm install",
    );

    let secrets: Api<Secret> = Api::namespaced(client.clone(), NAMESPACE);
    let written = runtime
        .block_on(secrets.get("sh.helm.release.v1.notes.v1"))
        .expect("Helm's record");
    let written = serde_json::to_value(&written).unwrap();
    if let Some(path) = std::env::var_os("CAPTURE_HELM_RECORD") {
        std::fs::write(path, serde_json::to_string_pretty(&written).unwrap()).unwrap();
    }
    let read = record::from_secret(&written).unwrap();
    assert_eq!(
        (read.name.as_str(), read.version, read.status),
        ("notes", 1, Status::Deployed)
    );
    assert_eq!(read.config, json!({"greeting": "hi"}));
    assert_eq!(read.chart_metadata["version"], "0.2.0");
    assert!(
        read.manifest.contains("greeting: \"hi\""),
        "{}",
        read.manifest
    );
    assert_eq!(read.hooks.len(), 1, "{:?}", read.hooks);
    assert_eq!(read.extra["info"]["notes"], "Say hi\n");
    assert!(
        read.templates
            .iter()
            .any(|(name, text)| name == "templates/settings.yaml" && text.contains(".Values"))
    );

    // Re-encoded, it is the same release JSON Helm wrote.
    let decode = |secret: &Value| -> Value {
        let inner = STANDARD
            .decode(secret["data"]["release"].as_str().unwrap())
            .unwrap();
        let gzipped = STANDARD.decode(inner).unwrap();
        let mut plain = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(gzipped.as_slice()),
            &mut plain,
        )
        .unwrap();
        serde_json::from_slice(&plain).unwrap()
    };
    let again = record::to_secret(&read, true).unwrap();
    assert_eq!(decode(&again), decode(&written));

    // A rewrite by sleak is still Helm's record: the description shows, the notes stay.
    let mut rewritten = read.clone();
    rewritten.description = "Checked by sleak".into();
    runtime
        .block_on(record::update(&client, &rewritten))
        .unwrap();
    let history = json(&success(
        sandbox.helm(&["history", "notes", "-n", NAMESPACE, "-o", "json"]),
        "helm history",
    ));
    assert_eq!(history[0]["description"], "Checked by sleak", "{history}");
    let notes = success(
        sandbox.helm(&["get", "notes", "notes", "-n", NAMESPACE]),
        "helm get notes",
    );
    assert!(notes.contains("Say hi"), "{notes}");
    let secret = runtime
        .block_on(secrets.get("sh.helm.release.v1.notes.v1"))
        .unwrap();
    let labels = secret.metadata.labels.unwrap_or_default();
    assert!(labels.contains_key("modifiedAt") && labels["status"] == "deployed");
}

//! The objects of each kind of service: snapshots of whole objects, the rules that pick
//! them, and a round trip of each through its k8s-openapi type.

use std::path::Path;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::Service as KubeService;
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::*;
use crate::render::SERVICE_ACCOUNT_NAME;

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]

[clusters.dev.node_pools.batch]
instance_types = ["m6i.large"]
taints = [{ key = "dedicated", value = "batch", effect = "NoSchedule" }]

[clusters.local]
context = "kind-sleak"

[environments.staging]
cluster = "dev"

[environments.preview]
cluster = "local"

[projects.api.envs.staging]
secret_variables = ["STRIPE_KEY"]

[projects.api.envs.staging.dependencies.db]
kind = "postgres"

[projects.api.envs.staging.services.web]
kind = "web"
command = ["bin/server"]
aliases = ["api.acme.dev"]
autoscaling = { min = 2, max = 6, cpu_percent = 70, memory_percent = 80 }
health_check = { path = "/healthz" }
pre_deploy = ["bin/rails", "db:migrate"]

[projects.api.envs.staging.services.worker]
kind = "worker"
command = ["bin/worker"]
node_pool = "batch"
replicas = 2

[projects.api.envs.staging.services.nightly]
kind = "cron"
schedule = "0 3 * * *"
command = ["bin/report"]

[projects.api.envs.preview.services.site]
kind = "web"
image = "nginx:1.27"
port = 80
expose = "internal"
"#;

fn workspace() -> Workspace {
    crate::workspace::parse(Path::new("sleak.toml"), WORKSPACE).expect("a valid workspace")
}

fn rendered(workspace: &Workspace, env: &str) -> RenderedRelease {
    let project_env = workspace
        .project_envs()
        .find(|project_env| project_env.env == env)
        .expect("the ProjectEnv");
    release(&ReleaseInput {
        workspace,
        project_env,
        repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api".to_owned(),
        tag: "1.4.0".to_owned(),
        variables_checksum: "0123abcd".to_owned(),
    })
}

fn objects<'a>(release: &'a RenderedRelease, service: &str) -> &'a [Json] {
    &release
        .services
        .iter()
        .find(|rendered| rendered.name == service)
        .expect("the service")
        .objects
}

fn kinds(objects: &[Json]) -> Vec<&str> {
    objects
        .iter()
        .map(|object| object["kind"].as_str().unwrap_or_default())
        .collect()
}

/// Deserialized into its k8s-openapi type and serialized back, the object keeps every
/// field.
fn round_trips<T: Serialize + DeserializeOwned>(object: &Json) {
    let typed: T = serde_json::from_value(object.clone()).expect("the object's type");
    assert_eq!(&serde_json::to_value(&typed).unwrap(), object);
}

fn pod_spec(object: &Json) -> &Json {
    match object["kind"].as_str() {
        Some("CronJob") => &object["spec"]["jobTemplate"]["spec"]["template"]["spec"],
        _ => &object["spec"]["template"]["spec"],
    }
}

#[test]
fn every_object_round_trips_through_its_type() {
    let workspace = workspace();
    for env in ["staging", "preview"] {
        let release = rendered(&workspace, env);
        let all = release
            .services
            .iter()
            .flat_map(|service| &service.objects)
            .chain(&release.pre_deploy);
        for object in all {
            match object["kind"].as_str().unwrap_or_default() {
                "Deployment" => round_trips::<Deployment>(object),
                "Service" => round_trips::<KubeService>(object),
                "Ingress" => round_trips::<Ingress>(object),
                "HorizontalPodAutoscaler" => round_trips::<HorizontalPodAutoscaler>(object),
                "PodDisruptionBudget" => round_trips::<PodDisruptionBudget>(object),
                "CronJob" => round_trips::<CronJob>(object),
                "Job" => round_trips::<Job>(object),
                other => panic!("unexpected kind {other}"),
            }
        }
    }
}

#[test]
fn each_kind_of_service_gets_its_objects() {
    let workspace = workspace();
    let staging = rendered(&workspace, "staging");
    assert_eq!(staging.name, "api");
    assert_eq!(staging.namespace, "api-staging");
    let names: Vec<&str> = staging.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["nightly", "web", "worker"]);
    assert_eq!(
        kinds(objects(&staging, "web")),
        [
            "Deployment",
            "Service",
            "Ingress",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget"
        ]
    );
    assert_eq!(
        kinds(objects(&staging, "worker")),
        ["Deployment", "PodDisruptionBudget"]
    );
    assert_eq!(kinds(objects(&staging, "nightly")), ["CronJob"]);
    // An internal web service with one replica: no Ingress, no budget.
    let preview = rendered(&workspace, "preview");
    assert_eq!(kinds(objects(&preview, "site")), ["Deployment", "Service"]);
    assert!(preview.pre_deploy.is_none());
}

#[test]
fn every_object_is_labelled_for_helm_and_sleak() {
    let workspace = workspace();
    let release = rendered(&workspace, "staging");
    for object in release.services.iter().flat_map(|service| &service.objects) {
        let metadata = &object["metadata"];
        let service = metadata["name"].as_str().unwrap();
        assert_eq!(
            metadata["labels"],
            json!({
                "app.kubernetes.io/managed-by": "Helm",
                "app.kubernetes.io/name": service,
                "app.kubernetes.io/instance": "api",
                "app.kubernetes.io/part-of": "api",
                "sleak.dev/workspace": "acme",
                "sleak.dev/project": "api",
                "sleak.dev/env": "staging",
                "sleak.dev/service": service,
            })
        );
        assert_eq!(metadata["annotations"]["meta.helm.sh/release-name"], "api");
        assert_eq!(
            metadata["annotations"]["meta.helm.sh/release-namespace"],
            "api-staging"
        );
    }
}

#[test]
fn pods_read_the_variable_groups_lowest_precedence_first() {
    let workspace = workspace();
    let release = rendered(&workspace, "staging");
    let worker = &objects(&release, "worker")[0];
    let sources = &pod_spec(worker)["containers"][0]["envFrom"];
    // The worker has no secret variables of its own: no `secrets-worker`.
    assert_eq!(
        sources,
        &json!([
            { "secretRef": { "name": "dependency-db" } },
            { "configMapRef": { "name": "variables-global" } },
            { "secretRef": { "name": "secrets-global" } },
            { "configMapRef": { "name": "variables-worker" } },
        ])
    );
    let preview = rendered(&workspace, "preview");
    let site = &objects(&preview, "site")[0];
    assert_eq!(
        pod_spec(site)["containers"][0]["envFrom"],
        json!([
            { "configMapRef": { "name": "variables-global" } },
            { "configMapRef": { "name": "variables-site" } },
        ])
    );
}

#[test]
fn a_node_pool_is_selected_and_its_taints_tolerated() {
    let workspace = workspace();
    let release = rendered(&workspace, "staging");
    let worker = pod_spec(&objects(&release, "worker")[0]);
    assert_eq!(worker["nodeSelector"], json!({ NODE_POOL_LABEL: "batch" }));
    assert_eq!(
        worker["tolerations"],
        json!([{ "key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule" }])
    );
    let web = pod_spec(&objects(&release, "web")[0]);
    assert!(web.get("nodeSelector").is_none() && web.get("tolerations").is_none());
}

#[test]
fn the_service_account_is_the_projects_on_eks_only() {
    let workspace = workspace();
    let staging = rendered(&workspace, "staging");
    let web = pod_spec(&objects(&staging, "web")[0]);
    assert_eq!(web["serviceAccountName"], SERVICE_ACCOUNT_NAME);
    assert_eq!(web["automountServiceAccountToken"], false);
    let preview = rendered(&workspace, "preview");
    let site = pod_spec(&objects(&preview, "site")[0]);
    assert_eq!(site["serviceAccountName"], "default");
    // A service's own image is used as it is.
    assert_eq!(site["containers"][0]["image"], "nginx:1.27");
}

#[test]
fn web_deployment_snapshot() {
    let workspace = workspace();
    insta::assert_json_snapshot!(objects(&rendered(&workspace, "staging"), "web")[0]);
}

#[test]
fn web_ingress_snapshot() {
    let workspace = workspace();
    insta::assert_json_snapshot!(objects(&rendered(&workspace, "staging"), "web")[2]);
}

#[test]
fn worker_deployment_snapshot() {
    let workspace = workspace();
    insta::assert_json_snapshot!(objects(&rendered(&workspace, "staging"), "worker")[0]);
}

#[test]
fn cron_job_snapshot() {
    let workspace = workspace();
    insta::assert_json_snapshot!(objects(&rendered(&workspace, "staging"), "nightly")[0]);
}

#[test]
fn pre_deploy_job_snapshot() {
    let workspace = workspace();
    insta::assert_json_snapshot!(rendered(&workspace, "staging").pre_deploy);
}

//! The Helm chart of a ProjectEnv's services, written from the rendered release: its
//! files, its values, and the manifest Helm stores for it. Pure and deterministic: the
//! same release gives the same bytes.
//!
//! The templates are the rendered objects themselves, with two values left to Helm: the
//! project's image (`{{ .Values.image.repository }}:{{ .Values.image.tag }}`) and the
//! variables' checksum (`{{ .Values.variablesChecksum }}`). Every other `{{` of a
//! user's string (a command, a host) is escaped, so that Helm prints it as it is.

use std::borrow::Cow;

use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

use super::yaml::{Rewrite, to_yaml as yaml, to_yaml_with};
use crate::render::service::{
    PRE_DEPLOY_SUFFIX, ReleaseInput, RenderedRelease, RenderedService,
    VARIABLES_CHECKSUM_ANNOTATION,
};
use crate::workspace::model::ProjectEnv;
use crate::workspace::variables::{self, Value};

/// The suffix of the template file of the pre-deploy hook, after the service's name.
pub const HOOK_FILE_SUFFIX: &str = PRE_DEPLOY_SUFFIX;

/// The version of every chart sleak writes: the release's content is the tag's
/// (`appVersion`) and the workspace's, not a chart's history.
pub const CHART_VERSION: &str = "1.0.0";

/// The template of the image of services built from the project's repository.
const IMAGE_TEMPLATE: &str = "{{ .Values.image.repository }}:{{ .Values.image.tag }}";

/// The template of the variables' checksum annotation.
const CHECKSUM_TEMPLATE: &str = "{{ .Values.variablesChecksum }}";

/// Helm's install order of the kinds (helm pkg/release/util/kind_sorter.go
/// `InstallOrder`); kinds it does not list go last, by name.
const INSTALL_ORDER: [&str; 38] = [
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// The files of the chart, relative paths (`Chart.yaml`, `values.yaml`,
/// `templates/<service>.yaml`, `templates/<service>-pre-deploy.yaml`), byte-for-byte
/// deterministic.
pub fn files(release: &RenderedRelease, input: &ReleaseInput) -> Vec<(String, String)> {
    let project_image = input.project_image();
    let mut files = Vec::from(metadata_files(input));
    files.extend(
        release
            .services
            .iter()
            .map(|service| service_file(service, &project_image)),
    );
    files.extend(
        release
            .pre_deploy
            .as_ref()
            .map(|job| hook_file(job, &project_image)),
    );
    files
}

/// `Chart.yaml` and `values.yaml`, the first files of [`files`].
pub fn metadata_files(input: &ReleaseInput) -> [(String, String); 2] {
    [
        ("Chart.yaml".to_owned(), yaml(&metadata(input))),
        ("values.yaml".to_owned(), yaml(&values(input))),
    ]
}

/// The template file of a service, as in [`files`]: its objects as YAML documents.
pub fn service_file(service: &RenderedService, project_image: &str) -> (String, String) {
    let documents: Vec<String> = service
        .objects
        .iter()
        .map(|object| template(object, project_image))
        .collect();
    (template_path(&service.name), documents.join("---\n"))
}

/// The template file of the pre-deploy hook, as in [`files`].
pub fn hook_file(job: &Json, project_image: &str) -> (String, String) {
    let name = job["metadata"]["name"].as_str().unwrap_or_default();
    (
        format!("templates/{name}.yaml"),
        template(job, project_image),
    )
}

/// The release's manifest as Helm stores it: for each non-hook object,
/// `---\n# Source: <chart>/templates/<file>.yaml\n<yaml>`, objects in Helm's install
/// order, what `helm template` of the chart prints for them (up to whitespace).
pub fn manifest(release: &RenderedRelease) -> String {
    // Helm reads the templates in the order of their paths, the documents of each in
    // order, then sorts them by kind, keeping that order within a kind.
    let mut sources: Vec<(String, &Json)> = release
        .services
        .iter()
        .flat_map(|service| {
            let path = format!("{}/{}", release.name, template_path(&service.name));
            service
                .objects
                .iter()
                .map(move |object| (path.clone(), object))
        })
        .collect();
    sources.sort_by(|(left, _), (right, _)| left.cmp(right));
    sources.sort_by_key(|(_, object)| install_rank(object["kind"].as_str().unwrap_or_default()));
    sources
        .iter()
        .map(|(path, object)| format!("---\n# Source: {path}\n{}", yaml(object)))
        .collect()
}

/// values.yaml as JSON: what a Helm release record stores as its config and chart values.
pub fn values(input: &ReleaseInput) -> Json {
    json!({
        "image": { "repository": input.repository, "tag": input.tag },
        "variablesChecksum": input.variables_checksum,
    })
}

/// Chart.yaml as JSON.
pub fn metadata(input: &ReleaseInput) -> Json {
    json!({
        "apiVersion": "v2",
        "name": input.project_env.project,
        "description": format!(
            "The services of {} in {}, written by sleak",
            input.project_env.project, input.project_env.env
        ),
        "type": "application",
        "version": CHART_VERSION,
        "appVersion": input.tag,
    })
}

/// A SHA-256 (hex) of what sleak.toml says of the ProjectEnv's variables: every
/// service's definitions, plain values and the names of secret and dependency
/// variables. A chart written from sleak.toml alone knows no more; a deploy, which reads
/// the cluster, digests the ConfigMaps' and Secrets' contents instead, so that a new
/// secret value rolls the pods too.
pub fn definitions_checksum(project_env: &ProjectEnv) -> String {
    let mut digest = Sha256::new();
    for service in &project_env.services {
        digest.update(format!("service\0{}\0", service.name));
        for definition in variables::definitions(project_env, Some(service)) {
            let value = match &definition.value {
                Value::Plain(value) => format!("plain\0{value}"),
                Value::Secret => "secret".to_owned(),
                Value::Dependency(name) => format!("dependency\0{name}"),
            };
            digest.update(format!(
                "{}\0{}\0{value}\0",
                definition.group.source(),
                definition.key
            ));
        }
    }
    crate::hex::lower(&digest.finalize())
}

fn template_path(service: &str) -> String {
    format!("templates/{service}.yaml")
}

/// Where Helm installs a kind: its place in the install order; kinds Helm does not list
/// come after, by name.
fn install_rank(kind: &str) -> (usize, String) {
    match INSTALL_ORDER.iter().position(|known| *known == kind) {
        Some(rank) => (rank, String::new()),
        None => (INSTALL_ORDER.len(), kind.to_owned()),
    }
}

/// The object as a template: its strings escaped, the project's image and the
/// variables' checksum taken from the values.
fn template(object: &Json, project_image: &str) -> String {
    to_yaml_with(object, &Template { project_image })
}

/// The strings of an object written as a template (see [`template`]).
struct Template<'a> {
    project_image: &'a str,
}

impl Rewrite for Template<'_> {
    fn key<'k>(&self, key: &'k str) -> Cow<'k, str> {
        escape(key)
    }

    fn string<'t>(&self, key: Option<&str>, text: &'t str) -> Cow<'t, str> {
        match key {
            Some("image") if text == self.project_image => Cow::Borrowed(IMAGE_TEMPLATE),
            Some(VARIABLES_CHECKSUM_ANNOTATION) => Cow::Borrowed(CHECKSUM_TEMPLATE),
            _ => escape(text),
        }
    }
}

/// The text as a Go template that prints it as it is: each `{{` becomes an action
/// printing `{{` (a raw string, as YAML's double quotes would escape a `"`).
fn escape(text: &str) -> Cow<'_, str> {
    if text.contains("{{") {
        Cow::Owned(text.replace("{{", "{{`{{`}}"))
    } else {
        Cow::Borrowed(text)
    }
}

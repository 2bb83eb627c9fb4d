//! Where every Kubernetes object sleak writes is rendered: pure functions from the
//! workspace's model to manifests, with no I/O. Each object is built with the typed
//! structs of k8s-openapi (a misspelt field or a wrong type does not compile), then
//! turned into a [`serde_json::Value`] laid out in sleak's key order, as the plan
//! output is compared byte for byte.
//!
//! Today: a ProjectEnv's Namespace, its ResourceQuota and LimitRange named
//! `sleak-default`, its variable groups (a ConfigMap of plain values and a Secret of
//! secret values per group), the Secret of each dependency, and its ServiceAccount `app`
//! bound to the ProjectEnv's IAM role; and, in [`service`], the objects of its services
//! (its Helm release).

pub mod service;

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::{
    ConfigMap, LimitRange, LimitRangeItem, LimitRangeSpec, Namespace, ResourceQuota,
    ResourceQuotaSpec, Secret, ServiceAccount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Map, Value as Json};

use crate::workspace::model::ProjectEnv;

/// The name of the ResourceQuota and the LimitRange of every ProjectEnv namespace.
pub const DEFAULT_OBJECT_NAME: &str = "sleak-default";

/// The ResourceQuota every ProjectEnv namespace gets: room for a handful of services, a
/// ceiling on a runaway one.
const DEFAULT_QUOTA: [(&str, &str); 7] = [
    ("requests.cpu", "8"),
    ("requests.memory", "16Gi"),
    ("limits.cpu", "16"),
    ("limits.memory", "32Gi"),
    ("pods", "100"),
    ("services.loadbalancers", "4"),
    ("persistentvolumeclaims", "20"),
];

/// The limits of containers that set none.
const DEFAULT_CONTAINER_LIMITS: [(&str, &str); 2] = [("cpu", "500m"), ("memory", "512Mi")];

/// The requests of containers that set none.
const DEFAULT_CONTAINER_REQUESTS: [(&str, &str); 2] = [("cpu", "100m"), ("memory", "128Mi")];

/// The labels sleak puts on what it writes, in the order it writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels(Vec<(String, String)>);

impl Labels {
    /// The labels of a ProjectEnv's objects: managed by sleak, and the workspace,
    /// project and environment they belong to.
    pub fn project_env(workspace: &str, project_env: &ProjectEnv) -> Self {
        Self(vec![
            (
                "app.kubernetes.io/managed-by".to_owned(),
                "sleak".to_owned(),
            ),
            ("sleak.dev/workspace".to_owned(), workspace.to_owned()),
            ("sleak.dev/project".to_owned(), project_env.project.clone()),
            ("sleak.dev/env".to_owned(), project_env.env.clone()),
        ])
    }

    /// These labels and one more (replacing a label of the same key).
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.0.retain(|(existing, _)| existing != key);
        self.0.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The labels as a JSON object, in their order.
    pub fn to_json(&self) -> Json {
        Json::Object(
            self.0
                .iter()
                .map(|(key, value)| (key.clone(), Json::String(value.clone())))
                .collect(),
        )
    }

    /// The labels as (key, value) pairs, in their order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }

    fn to_map(&self) -> BTreeMap<String, String> {
        self.0.iter().cloned().collect()
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(key, _)| key.as_str())
    }
}

/// A Secret of variables — a dependency's connection variables (`dependency-<name>`), a
/// group's secret values (`secrets-<group>`) — its values as `data` (base64),
/// `annotations` saying where they came from. Built at apply time, never shown in a plan.
pub fn variables_secret(
    name: &str,
    namespace: &str,
    labels: &Labels,
    annotations: &BTreeMap<String, String>,
    values: &BTreeMap<String, String>,
) -> Json {
    let mut metadata = metadata(name, Some(namespace), labels);
    if !annotations.is_empty() {
        metadata.annotations = Some(annotations.clone());
    }
    let mut manifest = render(
        &Secret {
            metadata,
            type_: Some("Opaque".to_owned()),
            data: Some(
                values
                    .iter()
                    .map(|(key, value)| (key.clone(), ByteString(value.clone().into_bytes())))
                    .collect(),
            ),
            ..Default::default()
        },
        labels,
    );
    order_keys(
        &mut manifest,
        ["apiVersion", "kind", "metadata", "type", "data"],
    );
    manifest
}

/// The Namespace of a ProjectEnv.
pub fn namespace(name: &str, labels: &Labels) -> Json {
    render(
        &Namespace {
            metadata: metadata(name, None, labels),
            ..Default::default()
        },
        labels,
    )
}

/// The ResourceQuota `sleak-default` of a ProjectEnv's namespace.
pub fn resource_quota(namespace: &str, labels: &Labels) -> Json {
    let mut manifest = render(
        &ResourceQuota {
            metadata: metadata(DEFAULT_OBJECT_NAME, Some(namespace), labels),
            spec: Some(ResourceQuotaSpec {
                hard: Some(quantities(&DEFAULT_QUOTA)),
                ..Default::default()
            }),
            ..Default::default()
        },
        labels,
    );
    order_quota(&mut manifest["spec"]["hard"]);
    manifest
}

/// The LimitRange `sleak-default` of a ProjectEnv's namespace: defaults for containers
/// that set no requests or limits.
pub fn limit_range(namespace: &str, labels: &Labels) -> Json {
    let mut manifest = render(
        &LimitRange {
            metadata: metadata(DEFAULT_OBJECT_NAME, Some(namespace), labels),
            spec: Some(LimitRangeSpec {
                limits: vec![container_limits()],
            }),
        },
        labels,
    );
    if let Some(items) = manifest["spec"]["limits"].as_array_mut() {
        items.iter_mut().for_each(order_limits);
    }
    manifest
}

/// The ConfigMap of a variable group's plain values (`variables-<group>`).
pub fn config_map(
    name: &str,
    namespace: &str,
    labels: &Labels,
    data: &BTreeMap<String, String>,
) -> Json {
    render(
        &ConfigMap {
            metadata: metadata(name, Some(namespace), labels),
            data: Some(data.clone()),
            ..Default::default()
        },
        labels,
    )
}

/// The name of the ServiceAccount of every ProjectEnv on an EKS cluster.
pub const SERVICE_ACCOUNT_NAME: &str = "app";

/// The annotation binding a service account to an IAM role (IAM roles for service
/// accounts: EKS's pod identity webhook reads it).
pub const ROLE_ARN_ANNOTATION: &str = "eks.amazonaws.com/role-arn";

/// The ServiceAccount `app` of a ProjectEnv's namespace, annotated with the ARN of its
/// IAM role (known once the role exists: rendered when applied).
pub fn service_account(namespace: &str, labels: &Labels, role_arn: &str) -> Json {
    let mut metadata = metadata(SERVICE_ACCOUNT_NAME, Some(namespace), labels);
    metadata.annotations = Some(BTreeMap::from([(
        ROLE_ARN_ANNOTATION.to_owned(),
        role_arn.to_owned(),
    )]));
    render(
        &ServiceAccount {
            metadata,
            ..Default::default()
        },
        labels,
    )
}

/// The `hard` limits of the ResourceQuota `sleak-default`, as the plan shows them.
pub fn default_quota() -> Json {
    let mut hard = to_json(&quantities(&DEFAULT_QUOTA));
    order_quota(&mut hard);
    hard
}

/// The container item of the LimitRange `sleak-default`, as the plan shows it.
pub fn default_limits() -> Json {
    let mut item = to_json(&container_limits());
    order_limits(&mut item);
    item
}

fn metadata(name: &str, namespace: Option<&str>, labels: &Labels) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: namespace.map(str::to_owned),
        labels: Some(labels.to_map()),
        ..Default::default()
    }
}

fn quantities(pairs: &[(&str, &str)]) -> BTreeMap<String, Quantity> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), Quantity((*value).to_owned())))
        .collect()
}

fn container_limits() -> LimitRangeItem {
    LimitRangeItem {
        type_: "Container".to_owned(),
        default: Some(quantities(&DEFAULT_CONTAINER_LIMITS)),
        default_request: Some(quantities(&DEFAULT_CONTAINER_REQUESTS)),
        ..Default::default()
    }
}

fn to_json<T: serde::Serialize>(object: &T) -> Json {
    serde_json::to_value(object).expect("k8s-openapi objects serialize to JSON")
}

/// The object as JSON, its metadata in sleak's order.
fn render<T: serde::Serialize>(object: &T, labels: &Labels) -> Json {
    let mut manifest = to_json(object);
    order_keys(&mut manifest, ["apiVersion", "kind", "metadata", "spec"]);
    let metadata = &mut manifest["metadata"];
    order_keys(metadata, ["name", "namespace", "labels"]);
    order_keys(&mut metadata["labels"], labels.keys());
    manifest
}

fn order_quota(hard: &mut Json) {
    order_keys(hard, DEFAULT_QUOTA.iter().map(|(key, _)| *key));
}

fn order_limits(item: &mut Json) {
    order_keys(item, ["type", "default", "defaultRequest"]);
}

/// Puts the object's `keys` first, in that order; other keys follow as they were.
/// (k8s-openapi writes struct fields and map keys in alphabetical order.)
fn order_keys<'a>(value: &mut Json, keys: impl IntoIterator<Item = &'a str>) {
    let Json::Object(object) = value else {
        return;
    };
    let mut rest: Vec<(String, Json)> = std::mem::take(object).into_iter().collect();
    let mut ordered = Map::new();
    for key in keys {
        if let Some(at) = rest.iter().position(|(found, _)| found == key) {
            let (key, value) = rest.remove(at);
            ordered.insert(key, value);
        }
    }
    ordered.extend(rest);
    *object = ordered;
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    use super::*;

    fn shop_prod() -> ProjectEnv {
        ProjectEnv {
            project: "shop".into(),
            env: "prod".into(),
            cluster: "main".into(),
            namespace: "shop-prod".into(),
            account: Some("production".into()),
            variables: BTreeMap::new(),
            secret_variables: Default::default(),
            dependencies: Vec::new(),
            services: Vec::new(),
        }
    }

    fn labels() -> Labels {
        Labels::project_env("acme", &shop_prod())
    }

    /// The manifests as `plan::desired` wrote them inline with `json!` before this module.
    fn inline(labels: &Json) -> [Json; 3] {
        let quota = json!({
            "requests.cpu": "8",
            "requests.memory": "16Gi",
            "limits.cpu": "16",
            "limits.memory": "32Gi",
            "pods": "100",
            "services.loadbalancers": "4",
            "persistentvolumeclaims": "20",
        });
        let limits = json!({
            "type": "Container",
            "default": { "cpu": "500m", "memory": "512Mi" },
            "defaultRequest": { "cpu": "100m", "memory": "128Mi" },
        });
        [
            json!({
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": { "name": "shop-prod", "labels": labels },
            }),
            json!({
                "apiVersion": "v1",
                "kind": "ResourceQuota",
                "metadata": { "name": "sleak-default", "namespace": "shop-prod", "labels": labels },
                "spec": { "hard": quota },
            }),
            json!({
                "apiVersion": "v1",
                "kind": "LimitRange",
                "metadata": { "name": "sleak-default", "namespace": "shop-prod", "labels": labels },
                "spec": { "limits": [limits] },
            }),
        ]
    }

    fn rendered() -> [Json; 3] {
        let labels = labels();
        [
            namespace("shop-prod", &labels),
            resource_quota("shop-prod", &labels),
            limit_range("shop-prod", &labels),
        ]
    }

    #[test]
    fn the_objects_are_byte_for_byte_what_the_plan_wrote() {
        let labels = json!({
            "app.kubernetes.io/managed-by": "sleak",
            "sleak.dev/workspace": "acme",
            "sleak.dev/project": "shop",
            "sleak.dev/env": "prod",
        });
        assert_eq!(self::labels().to_json().to_string(), labels.to_string());
        for (rendered, inline) in rendered().iter().zip(inline(&labels)) {
            assert_eq!(rendered.to_string(), inline.to_string());
        }
        assert_eq!(
            default_quota().to_string(),
            inline(&labels)[1]["spec"]["hard"].to_string()
        );
        assert_eq!(
            default_limits().to_string(),
            inline(&labels)[2]["spec"]["limits"][0].to_string()
        );
    }

    /// Deserialized into its k8s-openapi type and serialized back, the manifest keeps
    /// every field.
    fn round_trips<T: Serialize + DeserializeOwned>(manifest: &Json) {
        let typed: T = serde_json::from_value(manifest.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&typed).unwrap(), manifest);
    }

    #[test]
    fn every_object_round_trips_through_its_type() {
        let [namespace, quota, limits] = rendered();
        round_trips::<Namespace>(&namespace);
        round_trips::<ResourceQuota>(&quota);
        round_trips::<LimitRange>(&limits);
    }

    #[test]
    fn variable_groups_are_labelled_and_round_trip() {
        let labels = labels().with("sleak.dev/variable-group", "service.web");
        let data = BTreeMap::from([("A".to_owned(), "1".to_owned())]);
        let map = config_map("variables-web", "shop-prod", &labels, &data);
        round_trips::<ConfigMap>(&map);
        assert_eq!(map["data"]["A"], "1");
        assert_eq!(
            map["metadata"]["labels"]["sleak.dev/variable-group"],
            "service.web"
        );
        let secret = variables_secret("secrets-web", "shop-prod", &labels, &BTreeMap::new(), &data);
        round_trips::<Secret>(&secret);
        // Base64 of "1".
        assert_eq!(secret["data"]["A"], "MQ==");
        assert_eq!(secret["type"], "Opaque");
    }

    #[test]
    fn namespace_snapshot() {
        insta::assert_json_snapshot!(namespace("shop-prod", &labels()));
    }

    #[test]
    fn resource_quota_snapshot() {
        insta::assert_json_snapshot!(resource_quota("shop-prod", &labels()));
    }

    #[test]
    fn the_service_account_carries_the_role_arn_and_round_trips() {
        let manifest = service_account(
            "shop-prod",
            &labels(),
            "arn:aws:iam::1:role/acme-shop-prod-app",
        );
        assert_eq!(
            manifest["metadata"]["annotations"][ROLE_ARN_ANNOTATION],
            "arn:aws:iam::1:role/acme-shop-prod-app"
        );
        assert_eq!(manifest["metadata"]["labels"], labels().to_json());
        round_trips::<ServiceAccount>(&manifest);
        insta::assert_json_snapshot!(manifest);
    }

    #[test]
    fn limit_range_snapshot() {
        insta::assert_json_snapshot!(limit_range("shop-prod", &labels()));
    }
}

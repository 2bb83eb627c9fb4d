//! The kinds the stand-in serves, and their schema check against the k8s-openapi types.

use k8s_openapi::api::{
    apps::v1 as apps, autoscaling::v2 as autoscaling, batch::v1 as batch,
    coordination::v1 as coordination, core::v1 as core, networking::v1 as networking,
    policy::v1 as policy, rbac::v1 as rbac,
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

/// One served resource: where it lives in the API and how it behaves.
#[derive(Debug)]
pub struct ResourceKind {
    pub group: &'static str,
    pub version: &'static str,
    pub kind: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    /// Whether the kind has a `status` subresource (then writes to the main resource keep status).
    pub has_status: bool,
    /// Whether `metadata.generation` moves when the spec changes.
    pub has_generation: bool,
}

impl ResourceKind {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The name used in error messages, as the real server writes it (`deployments.apps`).
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    pub fn singular(&self) -> String {
        self.kind.to_ascii_lowercase()
    }
}

// A table row reads best as one call with positional fields.
#[allow(clippy::too_many_arguments)]
const fn kind(
    group: &'static str,
    version: &'static str,
    kind: &'static str,
    plural: &'static str,
    namespaced: bool,
    short_names: &'static [&'static str],
    has_status: bool,
    has_generation: bool,
) -> ResourceKind {
    ResourceKind {
        group,
        version,
        kind,
        plural,
        namespaced,
        short_names,
        has_status,
        has_generation,
    }
}

/// Every served kind; a resource is referred to by its index in this table.
pub static RESOURCES: &[ResourceKind] = &[
    kind(
        "",
        "v1",
        "Namespace",
        "namespaces",
        false,
        &["ns"],
        true,
        false,
    ),
    kind("", "v1", "Secret", "secrets", true, &[], false, false),
    kind(
        "",
        "v1",
        "ConfigMap",
        "configmaps",
        true,
        &["cm"],
        false,
        false,
    ),
    kind(
        "",
        "v1",
        "ServiceAccount",
        "serviceaccounts",
        true,
        &["sa"],
        false,
        false,
    ),
    kind("", "v1", "Service", "services", true, &["svc"], true, false),
    kind(
        "",
        "v1",
        "Endpoints",
        "endpoints",
        true,
        &["ep"],
        false,
        false,
    ),
    kind("", "v1", "Pod", "pods", true, &["po"], true, false),
    kind("", "v1", "Event", "events", true, &["ev"], false, false),
    kind(
        "",
        "v1",
        "ResourceQuota",
        "resourcequotas",
        true,
        &["quota"],
        true,
        false,
    ),
    kind(
        "",
        "v1",
        "LimitRange",
        "limitranges",
        true,
        &["limits"],
        false,
        false,
    ),
    kind(
        "",
        "v1",
        "PersistentVolumeClaim",
        "persistentvolumeclaims",
        true,
        &["pvc"],
        true,
        false,
    ),
    kind(
        "apps",
        "v1",
        "Deployment",
        "deployments",
        true,
        &["deploy"],
        true,
        true,
    ),
    kind(
        "apps",
        "v1",
        "ReplicaSet",
        "replicasets",
        true,
        &["rs"],
        true,
        true,
    ),
    kind(
        "apps",
        "v1",
        "StatefulSet",
        "statefulsets",
        true,
        &["sts"],
        true,
        true,
    ),
    kind(
        "apps",
        "v1",
        "DaemonSet",
        "daemonsets",
        true,
        &["ds"],
        true,
        true,
    ),
    kind("batch", "v1", "Job", "jobs", true, &[], true, true),
    kind(
        "batch",
        "v1",
        "CronJob",
        "cronjobs",
        true,
        &["cj"],
        true,
        true,
    ),
    kind(
        "networking.k8s.io",
        "v1",
        "Ingress",
        "ingresses",
        true,
        &["ing"],
        true,
        true,
    ),
    kind(
        "networking.k8s.io",
        "v1",
        "NetworkPolicy",
        "networkpolicies",
        true,
        &["netpol"],
        false,
        true,
    ),
    kind(
        "autoscaling",
        "v2",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        true,
        &["hpa"],
        true,
        true,
    ),
    kind(
        "policy",
        "v1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        true,
        &["pdb"],
        true,
        true,
    ),
    kind(
        "coordination.k8s.io",
        "v1",
        "Lease",
        "leases",
        true,
        &[],
        false,
        false,
    ),
    kind(
        "rbac.authorization.k8s.io",
        "v1",
        "Role",
        "roles",
        true,
        &[],
        false,
        false,
    ),
    kind(
        "rbac.authorization.k8s.io",
        "v1",
        "RoleBinding",
        "rolebindings",
        true,
        &[],
        false,
        false,
    ),
    kind(
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRole",
        "clusterroles",
        false,
        &[],
        false,
        false,
    ),
    kind(
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        false,
        &[],
        false,
        false,
    ),
];

pub const NAMESPACE: usize = 0;

pub fn find(group: &str, version: &str, plural: &str) -> Option<usize> {
    RESOURCES
        .iter()
        .position(|r| r.group == group && r.version == version && r.plural == plural)
}

pub fn find_kind(api_version: &str, kind: &str) -> Option<usize> {
    RESOURCES
        .iter()
        .position(|r| r.kind == kind && r.api_version() == api_version)
}

pub fn index_of(kind: &str) -> usize {
    RESOURCES
        .iter()
        .position(|r| r.kind == kind)
        .unwrap_or(NAMESPACE)
}

/// The distinct API groups (without the core group), in table order.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for resource in RESOURCES {
        if !resource.group.is_empty() && !groups.contains(&resource.group) {
            groups.push(resource.group);
        }
    }
    groups
}

/// A field the object carries that its schema does not know, as `.spec.foo`.
pub type UnknownField = String;

/// Checks `object` against the k8s-openapi type of `resource`.
///
/// Returns the unknown fields (for `fieldValidation=Strict|Warn`) when the object fits,
/// or a message naming the offending path when it does not.
pub fn validate(resource: usize, object: &Value) -> Result<Vec<UnknownField>, String> {
    match RESOURCES[resource].kind {
        "Namespace" => check::<core::Namespace>(object),
        "Secret" => check::<core::Secret>(object),
        "ConfigMap" => check::<core::ConfigMap>(object),
        "ServiceAccount" => check::<core::ServiceAccount>(object),
        "Service" => check::<core::Service>(object),
        "Endpoints" => check::<core::Endpoints>(object),
        "Pod" => check::<core::Pod>(object),
        "Event" => check::<core::Event>(object),
        "ResourceQuota" => check::<core::ResourceQuota>(object),
        "LimitRange" => check::<core::LimitRange>(object),
        "PersistentVolumeClaim" => check::<core::PersistentVolumeClaim>(object),
        "Deployment" => check::<apps::Deployment>(object),
        "ReplicaSet" => check::<apps::ReplicaSet>(object),
        "StatefulSet" => check::<apps::StatefulSet>(object),
        "DaemonSet" => check::<apps::DaemonSet>(object),
        "Job" => check::<batch::Job>(object),
        "CronJob" => check::<batch::CronJob>(object),
        "Ingress" => check::<networking::Ingress>(object),
        "NetworkPolicy" => check::<networking::NetworkPolicy>(object),
        "HorizontalPodAutoscaler" => check::<autoscaling::HorizontalPodAutoscaler>(object),
        "PodDisruptionBudget" => check::<policy::PodDisruptionBudget>(object),
        "Lease" => check::<coordination::Lease>(object),
        "Role" => check::<rbac::Role>(object),
        "RoleBinding" => check::<rbac::RoleBinding>(object),
        "ClusterRole" => check::<rbac::ClusterRole>(object),
        "ClusterRoleBinding" => check::<rbac::ClusterRoleBinding>(object),
        _ => Ok(Vec::new()),
    }
}

fn check<T: DeserializeOwned + Serialize>(object: &Value) -> Result<Vec<UnknownField>, String> {
    let typed: T = serde_path_to_error::deserialize(object).map_err(|error| {
        let path = error.path().to_string();
        if path == "." || path.is_empty() {
            error.inner().to_string()
        } else {
            format!("{path}: {}", error.inner())
        }
    })?;
    // The typed value drops what it does not know, so the round trip reveals unknown fields.
    let known = serde_json::to_value(&typed).map_err(|error| error.to_string())?;
    let mut unknown = Vec::new();
    unknown_fields(object, &known, String::new(), &mut unknown);
    Ok(unknown)
}

fn unknown_fields(given: &Value, known: &Value, path: String, out: &mut Vec<UnknownField>) {
    match (given, known) {
        (Value::Object(given), Value::Object(known)) => {
            for (key, value) in given {
                let child = format!("{path}.{key}");
                match known.get(key) {
                    Some(known_value) => unknown_fields(value, known_value, child, out),
                    None if value.is_null() => {}
                    // Free-form maps (labels, data) keep every key, so a missing key is unknown.
                    None => out.push(child),
                }
            }
        }
        (Value::Array(given), Value::Array(known)) => {
            for (index, (value, known_value)) in given.iter().zip(known).enumerate() {
                unknown_fields(value, known_value, format!("{path}[{index}]"), out);
            }
        }
        _ => {}
    }
}

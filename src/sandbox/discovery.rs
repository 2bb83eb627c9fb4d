//! /version and API discovery, both aggregated (apidiscovery.k8s.io/v2) and legacy.

use serde_json::{Value, json};

use super::resources::{self, RESOURCES, ResourceKind};

/// The content type a client asks for to get aggregated discovery.
pub const AGGREGATED: &str = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

pub fn wants_aggregated(accept: &str) -> bool {
    accept
        .split(',')
        .next()
        .is_some_and(|first| first.contains("as=APIGroupDiscoveryList"))
        || (accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2"))
}

pub fn version() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "gitVersion": "v1.33.0-sleak-sandbox",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2025-01-01T00:00:00Z",
        "goVersion": "go1.24.0",
        "compiler": "gc",
        "platform": "linux/amd64",
    })
}

const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

fn categories(kind: &ResourceKind) -> Vec<&'static str> {
    match kind.kind {
        "Pod"
        | "Service"
        | "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "CronJob"
        | "HorizontalPodAutoscaler" => vec!["all"],
        _ => Vec::new(),
    }
}

fn resource_discovery(kind: &ResourceKind) -> Value {
    let response_kind = json!({"group": kind.group, "version": kind.version, "kind": kind.kind});
    let mut entry = json!({
        "resource": kind.plural,
        "responseKind": response_kind,
        "scope": if kind.namespaced { "Namespaced" } else { "Cluster" },
        "singularResource": kind.singular(),
        "verbs": VERBS,
    });
    if !kind.short_names.is_empty() {
        entry["shortNames"] = json!(kind.short_names);
    }
    let categories = categories(kind);
    if !categories.is_empty() {
        entry["categories"] = json!(categories);
    }
    if kind.has_status {
        entry["subresources"] = json!([{
            "subresource": "status",
            "responseKind": response_kind,
            "verbs": ["get", "patch", "update"],
        }]);
    }
    entry
}

fn group_discovery(group: &str) -> Value {
    let mut versions: Vec<&str> = Vec::new();
    for kind in RESOURCES.iter().filter(|k| k.group == group) {
        if !versions.contains(&kind.version) {
            versions.push(kind.version);
        }
    }
    let versions: Vec<Value> = versions
        .iter()
        .map(|version| {
            let resources: Vec<Value> = RESOURCES
                .iter()
                .filter(|k| k.group == group && k.version == *version)
                .map(resource_discovery)
                .collect();
            json!({"version": version, "resources": resources, "freshness": "Current"})
        })
        .collect();
    let metadata = if group.is_empty() {
        json!({"creationTimestamp": null})
    } else {
        json!({"name": group, "creationTimestamp": null})
    };
    json!({"metadata": metadata, "versions": versions})
}

fn aggregated(items: Vec<Value>) -> Value {
    json!({"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {}, "items": items})
}

/// `/api`, aggregated or legacy.
pub fn core(aggregate: bool, server_address: &str) -> Value {
    if aggregate {
        return aggregated(vec![group_discovery("")]);
    }
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}],
    })
}

/// `/apis`, aggregated or legacy.
pub fn groups(aggregate: bool) -> Value {
    let groups = resources::groups();
    if aggregate {
        return aggregated(groups.iter().map(|g| group_discovery(g)).collect());
    }
    let groups: Vec<Value> = groups
        .iter()
        .map(|group| {
            let version = RESOURCES
                .iter()
                .find(|k| k.group == *group)
                .map_or("v1", |k| k.version);
            let group_version =
                json!({"groupVersion": format!("{group}/{version}"), "version": version});
            json!({"name": group, "versions": [group_version], "preferredVersion": group_version})
        })
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>` (legacy).
pub fn group(group: &str) -> Option<Value> {
    let kind = RESOURCES
        .iter()
        .find(|k| k.group == group && !group.is_empty())?;
    let group_version = json!({"groupVersion": kind.api_version(), "version": kind.version});
    Some(
        json!({"kind": "APIGroup", "apiVersion": "v1", "name": group, "versions": [group_version], "preferredVersion": group_version}),
    )
}

/// `/api/v1` or `/apis/<group>/<version>` (legacy resource list).
pub fn resource_list(group: &str, version: &str) -> Option<Value> {
    let kinds: Vec<&ResourceKind> = RESOURCES
        .iter()
        .filter(|k| k.group == group && k.version == version)
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let mut resources = Vec::new();
    for kind in kinds {
        let mut entry = json!({
            "name": kind.plural,
            "singularName": kind.singular(),
            "namespaced": kind.namespaced,
            "kind": kind.kind,
            "verbs": VERBS,
        });
        if !kind.short_names.is_empty() {
            entry["shortNames"] = json!(kind.short_names);
        }
        let categories = categories(kind);
        if !categories.is_empty() {
            entry["categories"] = json!(categories);
        }
        resources.push(entry);
        if kind.has_status {
            resources.push(json!({
                "name": format!("{}/status", kind.plural),
                "singularName": "",
                "namespaced": kind.namespaced,
                "kind": kind.kind,
                "verbs": ["get", "patch", "update"],
            }));
        }
    }
    let group_version = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some(
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources}),
    )
}

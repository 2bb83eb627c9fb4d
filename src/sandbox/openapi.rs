//! OpenAPI v3: the index and per group-version documents, enough for clients to use server-side field validation.
//!
//! kubectl sends `fieldValidation=Strict` when the document's PATCH operation for a kind
//! lists that parameter; the schemas themselves are checked server-side against the
//! k8s-openapi types, so the documents carry paths and no schemas.

use serde_json::{Map, Value, json};

use super::resources::RESOURCES;

/// Changes whenever the served documents change, so clients do not keep stale caches.
const HASH: &str = "sleak-sandbox-1";

fn group_versions() -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for kind in RESOURCES {
        let path = if kind.group.is_empty() {
            format!("api/{}", kind.version)
        } else {
            format!("apis/{}/{}", kind.group, kind.version)
        };
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    paths
}

pub fn index() -> Value {
    let mut paths = Map::new();
    for path in group_versions() {
        paths.insert(
            path.clone(),
            json!({"serverRelativeURL": format!("/openapi/v3/{path}?hash={HASH}")}),
        );
    }
    json!({"paths": paths})
}

fn query_parameter(name: &str) -> Value {
    json!({"name": name, "in": "query", "schema": {"type": "string", "uniqueItems": true}})
}

/// The document for `api/v1` or `apis/<group>/<version>`.
pub fn document(group_version_path: &str) -> Option<Value> {
    if !group_versions().iter().any(|p| p == group_version_path) {
        return None;
    }
    let mut paths = Map::new();
    for kind in RESOURCES {
        let prefix = if kind.group.is_empty() {
            format!("api/{}", kind.version)
        } else {
            format!("apis/{}/{}", kind.group, kind.version)
        };
        if prefix != group_version_path {
            continue;
        }
        let gvk = json!({"group": kind.group, "version": kind.version, "kind": kind.kind});
        let item = if kind.namespaced {
            format!(
                "/{prefix}/namespaces/{{namespace}}/{}/{{name}}",
                kind.plural
            )
        } else {
            format!("/{prefix}/{}/{{name}}", kind.plural)
        };
        let collection = item.trim_end_matches("/{name}").to_string();
        let write_parameters = json!([
            query_parameter("dryRun"),
            query_parameter("fieldManager"),
            query_parameter("fieldValidation"),
        ]);
        let mut patch_parameters = write_parameters.clone();
        if let Some(list) = patch_parameters.as_array_mut() {
            list.push(json!({"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true}}));
        }
        let operation = |action: &str, parameters: &Value| {
            json!({
                "operationId": format!("{action}{}", kind.kind),
                "parameters": parameters,
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-action": action,
                "x-kubernetes-group-version-kind": gvk,
            })
        };
        paths.insert(
            item,
            json!({
                "get": operation("get", &json!([])),
                "put": operation("put", &write_parameters),
                "patch": operation("patch", &patch_parameters),
                "delete": operation("delete", &json!([query_parameter("dryRun")])),
            }),
        );
        paths.insert(
            collection,
            json!({"get": operation("list", &json!([])), "post": operation("post", &write_parameters)}),
        );
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.33.0"},
        "paths": paths,
        "components": {"schemas": {}},
    }))
}

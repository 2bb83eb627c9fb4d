//! Objects by manifest: GET, server-side apply as sleak, delete, and the pure comparison
//! of what sleak wants with what the cluster has.

use anyhow::Context as _;
use kube::api::{Api, DynamicObject, Patch, PatchParams};
use kube::core::{ApiResource, GroupVersionKind};
use serde_json::Value as Json;

use super::FIELD_MANAGER;

/// The API resource of a manifest's kind (core kinds and the plural rule they follow).
fn api_resource(manifest: &Json) -> anyhow::Result<ApiResource> {
    let api_version = manifest["apiVersion"]
        .as_str()
        .context("the manifest has no apiVersion")?;
    let kind = manifest["kind"]
        .as_str()
        .context("the manifest has no kind")?;
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let lower = kind.to_ascii_lowercase();
    let plural = if lower.ends_with('s') {
        format!("{lower}es")
    } else if let Some(stem) = lower.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{lower}s")
    };
    Ok(ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk(group, version, kind),
        &plural,
    ))
}

fn api(client: &kube::Client, manifest: &Json) -> anyhow::Result<Api<DynamicObject>> {
    let resource = api_resource(manifest)?;
    Ok(match manifest["metadata"]["namespace"].as_str() {
        Some(namespace) => Api::namespaced_with(client.clone(), namespace, &resource),
        None => Api::all_with(client.clone(), &resource),
    })
}

fn name(manifest: &Json) -> anyhow::Result<&str> {
    manifest["metadata"]["name"]
        .as_str()
        .context("the manifest has no name")
}

/// The object the manifest describes, as the cluster has it.
pub async fn get(client: &kube::Client, manifest: &Json) -> anyhow::Result<Option<Json>> {
    let object = api(client, manifest)?
        .get_opt(name(manifest)?)
        .await
        .with_context(|| {
            format!(
                "could not read the {} `{}`",
                manifest["kind"],
                name(manifest).unwrap_or("")
            )
        })?;
    Ok(object.map(|object| serde_json::to_value(object).unwrap_or(Json::Null)))
}

/// Server-side applies the manifest as sleak.
pub async fn apply(client: &kube::Client, manifest: &Json) -> anyhow::Result<()> {
    let params = PatchParams::apply(FIELD_MANAGER).force();
    api(client, manifest)?
        .patch(name(manifest)?, &params, &Patch::Apply(manifest))
        .await
        .with_context(|| {
            format!(
                "could not apply the {} `{}`",
                manifest["kind"].as_str().unwrap_or("object"),
                name(manifest).unwrap_or("")
            )
        })?;
    Ok(())
}

/// What server-side applying the manifest as sleak would make of the object
/// (`dryRun=All`: the API server validates and merges, stores nothing).
pub async fn apply_dry_run(client: &kube::Client, manifest: &Json) -> anyhow::Result<Json> {
    let mut params = PatchParams::apply(FIELD_MANAGER).force();
    params.dry_run = true;
    let object = api(client, manifest)?
        .patch(name(manifest)?, &params, &Patch::Apply(manifest))
        .await
        .with_context(|| {
            format!(
                "the server refused the {} `{}`",
                manifest["kind"].as_str().unwrap_or("object"),
                name(manifest).unwrap_or("")
            )
        })?;
    Ok(serde_json::to_value(object)?)
}

/// Deletes the object the manifest names; gone counts as done.
pub async fn delete(client: &kube::Client, manifest: &Json) -> anyhow::Result<()> {
    match api(client, manifest)?
        .delete(name(manifest)?, &Default::default())
        .await
    {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(()),
        Err(error) => Err(error)
            .with_context(|| format!("could not delete `{}`", name(manifest).unwrap_or(""))),
    }
}

/// What differs between the wanted manifest and the object: labels, annotations and
/// `spec` keys sleak sets (keys others add are left alone).
pub fn differences(wanted: &Json, actual: &Json) -> Vec<String> {
    let mut changes = Vec::new();
    if let Some(labels) = wanted["metadata"]["labels"].as_object() {
        let missing: Vec<&String> = labels
            .iter()
            .filter(|(key, value)| &actual["metadata"]["labels"][key.as_str()] != *value)
            .map(|(key, _)| key)
            .collect();
        if !missing.is_empty() {
            changes.push(format!(
                "set the labels {}",
                missing
                    .iter()
                    .map(|key| format!("`{key}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some(annotations) = wanted["metadata"]["annotations"].as_object() {
        let differing: Vec<String> = annotations
            .iter()
            .filter(|(key, value)| &actual["metadata"]["annotations"][key.as_str()] != *value)
            .map(|(key, _)| format!("`{key}`"))
            .collect();
        if !differing.is_empty() {
            changes.push(format!("set the annotations {}", differing.join(", ")));
        }
    }
    if let Some(spec) = wanted.get("spec")
        && !contains(&actual["spec"], spec)
    {
        changes.push("set its spec".to_owned());
    }
    if let Some(data) = wanted.get("data").and_then(Json::as_object) {
        changes.extend(data_differences(data, actual["data"].as_object()));
    }
    changes
}

/// What differs in `data` (a ConfigMap's or a Secret's), by key name only: values are
/// never part of the answer, as a Secret's must not be shown.
pub fn data_differences(
    wanted: &serde_json::Map<String, Json>,
    actual: Option<&serde_json::Map<String, Json>>,
) -> Vec<String> {
    let empty = serde_json::Map::new();
    let actual = actual.unwrap_or(&empty);
    let quoted = |keys: Vec<&String>| {
        keys.iter()
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut changes = Vec::new();
    let set: Vec<&String> = wanted
        .iter()
        .filter(|(key, value)| actual.get(key.as_str()) != Some(*value))
        .map(|(key, _)| key)
        .collect();
    if !set.is_empty() {
        changes.push(format!("set the keys {}", quoted(set)));
    }
    let removed: Vec<&String> = actual
        .keys()
        .filter(|key| !wanted.contains_key(*key))
        .collect();
    if !removed.is_empty() {
        changes.push(format!("remove the keys {}", quoted(removed)));
    }
    changes
}

/// Whether `actual` has every key and value of `wanted` (arrays compared whole).
fn contains(actual: &Json, wanted: &Json) -> bool {
    match (actual, wanted) {
        (Json::Object(actual), Json::Object(wanted)) => wanted
            .iter()
            .all(|(key, value)| actual.get(key).is_some_and(|found| contains(found, value))),
        (Json::Array(actual), Json::Array(wanted)) => {
            actual.len() == wanted.len()
                && actual
                    .iter()
                    .zip(wanted)
                    .all(|(found, value)| contains(found, value))
        }
        _ => actual == wanted,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_what_sleak_sets_is_compared() {
        let wanted = json!({ "metadata": { "labels": { "a": "1" } }, "spec": { "hard": { "pods": "100" } } });
        let same = json!({ "metadata": { "labels": { "a": "1", "other": "x" }, "uid": "u" }, "spec": { "hard": { "pods": "100", "extra": "1" } }, "status": {} });
        assert!(differences(&wanted, &same).is_empty());
        let changed =
            json!({ "metadata": { "labels": { "a": "2" } }, "spec": { "hard": { "pods": "10" } } });
        assert_eq!(
            differences(&wanted, &changed),
            ["set the labels `a`", "set its spec"]
        );
    }

    #[test]
    fn data_is_compared_by_key_and_reported_by_name_only() {
        let wanted = json!({ "data": { "A": "1", "B": "hunter2" } });
        let same = json!({ "data": { "A": "1", "B": "hunter2" } });
        assert!(differences(&wanted, &same).is_empty());
        let changed = json!({ "data": { "A": "1", "B": "old-secret", "C": "gone" } });
        let found = differences(&wanted, &changed);
        assert_eq!(found, ["set the keys `B`", "remove the keys `C`"]);
        assert!(!found.concat().contains("hunter2") && !found.concat().contains("old-secret"));
        // An empty ConfigMap: the cluster leaves `data` out.
        assert!(differences(&json!({ "data": {} }), &json!({ "metadata": {} })).is_empty());
        assert_eq!(differences(&wanted, &json!({})), ["set the keys `A`, `B`"]);
    }

    #[test]
    fn plural_names_of_core_kinds() {
        let plural = |kind: &str| {
            api_resource(&json!({ "apiVersion": "v1", "kind": kind }))
                .unwrap()
                .plural
        };
        assert_eq!(plural("Namespace"), "namespaces");
        assert_eq!(plural("ResourceQuota"), "resourcequotas");
        assert_eq!(plural("LimitRange"), "limitranges");
        assert_eq!(plural("Ingress"), "ingresses");
        assert_eq!(plural("NetworkPolicy"), "networkpolicies");
    }
}

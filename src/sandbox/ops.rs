//! The write operations behind the API verbs: create, replace, patch, delete with cascades.

use serde_json::{Value, json};

use super::apply;
use super::error::{ApiError, ApiResult};
use super::patch;
use super::resources::{self, RESOURCES};
use super::store::{Key, Store, fresh_metadata, now_rfc3339};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldValidation {
    Ignore,
    #[default]
    Warn,
    Strict,
}

#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    pub dry_run: bool,
    pub field_manager: String,
    pub validation: FieldValidation,
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    Apply,
    Merge,
    Strategic,
    Json,
}

impl PatchType {
    pub fn from_content_type(content_type: &str) -> Option<Self> {
        let media = content_type.split(';').next().unwrap_or_default().trim();
        match media {
            "application/apply-patch+yaml" | "application/apply-patch+json" => Some(Self::Apply),
            "application/merge-patch+json" => Some(Self::Merge),
            "application/strategic-merge-patch+json" => Some(Self::Strategic),
            "application/json-patch+json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// The outcome of a write: the object as stored (or as it would be, on dry run).
pub struct Written {
    pub object: Value,
    pub created: bool,
    pub warnings: Vec<String>,
}

/// Fills apiVersion, kind, name and namespace from the request path and checks the schema.
fn prepare(
    resource: usize,
    namespace: &str,
    name: &str,
    object: &mut Value,
    options: &WriteOptions,
) -> ApiResult<Vec<String>> {
    let kind = &RESOURCES[resource];
    if !object.is_object() {
        return Err(ApiError::bad_request(
            "the request body is not a JSON object",
        ));
    }
    let api_version = kind.api_version();
    if object
        .get("apiVersion")
        .and_then(Value::as_str)
        .is_some_and(|v| v != api_version)
        || object
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| k != kind.kind)
    {
        let message = format!("the body is not a {api_version} {} object", kind.kind);
        return Err(ApiError::bad_request(message));
    }
    object["apiVersion"] = json!(api_version);
    object["kind"] = json!(kind.kind);
    if !object.get("metadata").is_some_and(Value::is_object) {
        object["metadata"] = json!({});
    }
    let metadata = &mut object["metadata"];
    if metadata
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|n| n != name)
    {
        return Err(ApiError::bad_request(
            "the name of the object does not match the name on the URL",
        ));
    }
    metadata["name"] = json!(name);
    if kind.namespaced {
        if metadata
            .get("namespace")
            .and_then(Value::as_str)
            .is_some_and(|n| n != namespace)
        {
            return Err(ApiError::bad_request(
                "the namespace of the provided object does not match the namespace sent on the request",
            ));
        }
        metadata["namespace"] = json!(namespace);
    } else if let Some(metadata) = metadata.as_object_mut() {
        metadata.remove("namespace");
    }
    if !valid_name(name) {
        let problem = format!(
            "metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"
        );
        return Err(ApiError::invalid(resource, name, &problem));
    }
    let unknown = resources::validate(resource, object)
        .map_err(|problem| ApiError::invalid(resource, name, &problem))?;
    match options.validation {
        FieldValidation::Strict if !unknown.is_empty() => {
            let fields: Vec<String> = unknown
                .iter()
                .map(|f| format!("unknown field \"{}\"", f.trim_start_matches('.')))
                .collect();
            Err(ApiError::bad_request(format!(
                "strict decoding error: {}",
                fields.join(", ")
            )))
        }
        FieldValidation::Warn => Ok(unknown
            .iter()
            .map(|f| format!("unknown field \"{}\"", f.trim_start_matches('.')))
            .collect()),
        _ => Ok(Vec::new()),
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

fn require_namespace(store: &Store, resource: usize, namespace: &str) -> ApiResult<()> {
    if RESOURCES[resource].namespaced
        && !store.contains(&Key::new(resources::NAMESPACE, "", namespace))
    {
        return Err(ApiError::not_found(resources::NAMESPACE, namespace));
    }
    Ok(())
}

/// Everything but metadata and status: a change here moves `metadata.generation`.
fn spec_part(object: &Value) -> Value {
    let mut copy = object.clone();
    if let Some(map) = copy.as_object_mut() {
        map.remove("metadata");
        map.remove("status");
    }
    copy
}

/// Sets the server-owned fields of `new` from `old` (or fresh ones) and stores it,
/// unless nothing changed or the write is a dry run.
fn commit(
    store: &mut Store,
    key: Key,
    old: Option<&Value>,
    mut new: Value,
    dry_run: bool,
) -> (Value, bool) {
    let kind = &RESOURCES[key.resource];
    match old {
        Some(old) => {
            for field in [
                "uid",
                "creationTimestamp",
                "resourceVersion",
                "deletionTimestamp",
            ] {
                match old["metadata"].get(field) {
                    Some(value) => new["metadata"][field] = value.clone(),
                    None => {
                        if let Some(m) = new["metadata"].as_object_mut() {
                            m.remove(field);
                        }
                    }
                }
            }
            if kind.has_generation {
                let generation = old["metadata"]["generation"].as_i64().unwrap_or(1);
                let moved = spec_part(old) != spec_part(&new);
                new["metadata"]["generation"] = json!(generation + i64::from(moved));
            }
            if kind.has_status {
                match old.get("status") {
                    Some(status) => new["status"] = status.clone(),
                    None => {
                        if let Some(map) = new.as_object_mut() {
                            map.remove("status");
                        }
                    }
                }
            }
            if kind.kind == "Service"
                && let Some(ip) = old.pointer("/spec/clusterIP")
            {
                new["spec"]["clusterIP"] = ip.clone();
                new["spec"]["clusterIPs"] = json!([ip]);
            }
            if &new == old {
                return (new, false);
            }
        }
        None => {
            new = fresh_metadata(new);
            if kind.has_generation {
                new["metadata"]["generation"] = json!(1);
            }
            if let Some(map) = new["metadata"].as_object_mut() {
                map.remove("resourceVersion");
            }
            default_new(&key, &mut new);
        }
    }
    if dry_run {
        return (new, true);
    }
    (store.put(key, new), true)
}

/// Defaults the real server fills on create, where clients read them back.
fn default_new(key: &Key, object: &mut Value) {
    match RESOURCES[key.resource].kind {
        "Namespace" => {
            object["status"] = json!({"phase": "Active"});
            object["spec"] = json!({"finalizers": ["kubernetes"]});
            object["metadata"]["labels"]["kubernetes.io/metadata.name"] = json!(key.name);
        }
        "Service" => {
            if object.pointer("/spec/type").is_none() {
                object["spec"]["type"] = json!("ClusterIP");
            }
            if object.pointer("/spec/clusterIP").and_then(Value::as_str) != Some("None") {
                let hash = key
                    .name
                    .bytes()
                    .fold(7_u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
                let ip = format!("10.96.{}.{}", hash % 250 + 1, (hash / 250) % 250 + 1);
                object["spec"]["clusterIP"] = json!(ip);
                object["spec"]["clusterIPs"] = json!([ip]);
            }
            object["status"] = json!({"loadBalancer": {}});
        }
        "Secret" => {
            if object.get("type").is_none() {
                object["type"] = json!("Opaque");
            }
            // stringData is write-only: the server folds it into data.
            if let Some(string_data) = object.as_object_mut().and_then(|m| m.remove("stringData")) {
                for (name, value) in string_data.as_object().into_iter().flatten() {
                    let text = value.as_str().unwrap_or_default();
                    object["data"][name] = json!(base64_encode(text.as_bytes()));
                }
            }
        }
        _ => {}
    }
}

pub fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn random_suffix() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..5].to_string()
}

pub fn create(
    store: &mut Store,
    resource: usize,
    namespace: &str,
    mut body: Value,
    options: &WriteOptions,
) -> ApiResult<Written> {
    let name = match body.pointer("/metadata/name").and_then(Value::as_str) {
        Some(name) => name.to_string(),
        None => match body
            .pointer("/metadata/generateName")
            .and_then(Value::as_str)
        {
            Some(prefix) => format!("{prefix}{}", random_suffix()),
            None => {
                return Err(ApiError::invalid(
                    resource,
                    "",
                    "metadata.name: Required value: name or generateName is required",
                ));
            }
        },
    };
    let warnings = prepare(resource, namespace, &name, &mut body, options)?;
    require_namespace(store, resource, namespace)?;
    let key = Key::new(
        resource,
        if RESOURCES[resource].namespaced {
            namespace
        } else {
            ""
        },
        &name,
    );
    if store.contains(&key) {
        return Err(ApiError::already_exists(resource, &name));
    }
    apply::record_update(None, &mut body, &options.field_manager);
    let (object, _) = commit(store, key, None, body, options.dry_run);
    Ok(Written {
        object,
        created: true,
        warnings,
    })
}

pub fn replace(
    store: &mut Store,
    key: Key,
    mut body: Value,
    options: &WriteOptions,
) -> ApiResult<Written> {
    let warnings = prepare(key.resource, &key.namespace, &key.name, &mut body, options)?;
    let old = store
        .get(&key)
        .cloned()
        .ok_or_else(|| ApiError::not_found(key.resource, &key.name))?;
    check_resource_version(&key, &old, &body)?;
    // A full replace carries its own managedFields back; keep the stored ones when it does not.
    if body.pointer("/metadata/managedFields").is_none()
        && let Some(fields) = old.pointer("/metadata/managedFields")
    {
        body["metadata"]["managedFields"] = fields.clone();
    }
    apply::record_update(Some(&old), &mut body, &options.field_manager);
    let (object, _) = commit(store, key, Some(&old), body, options.dry_run);
    Ok(Written {
        object,
        created: false,
        warnings,
    })
}

/// Replaces only the status of an object (the `/status` subresource).
pub fn replace_status(
    store: &mut Store,
    key: Key,
    body: &Value,
    dry_run: bool,
) -> ApiResult<Written> {
    let old = store
        .get(&key)
        .cloned()
        .ok_or_else(|| ApiError::not_found(key.resource, &key.name))?;
    check_resource_version(&key, &old, body)?;
    let mut new = old.clone();
    new["status"] = body.get("status").cloned().unwrap_or(Value::Null);
    if new == old || dry_run {
        return Ok(Written {
            object: new,
            created: false,
            warnings: Vec::new(),
        });
    }
    Ok(Written {
        object: store.put(key, new),
        created: false,
        warnings: Vec::new(),
    })
}

fn check_resource_version(key: &Key, old: &Value, body: &Value) -> ApiResult<()> {
    let wanted = body
        .pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let current = old
        .pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !wanted.is_empty() && wanted != current {
        return Err(ApiError::stale(key.resource, &key.name));
    }
    Ok(())
}

pub fn patch(
    store: &mut Store,
    key: Key,
    patch_type: PatchType,
    body: &Value,
    options: &WriteOptions,
) -> ApiResult<Written> {
    let old = store.get(&key).cloned();
    let mut new = match (&old, patch_type) {
        (None, PatchType::Apply) => {
            require_namespace(store, key.resource, &key.namespace)?;
            json!({"metadata": {"name": key.name}})
        }
        (None, _) => return Err(ApiError::not_found(key.resource, &key.name)),
        (Some(old), _) => old.clone(),
    };
    match patch_type {
        PatchType::Apply => {
            if options.field_manager.is_empty() {
                return Err(ApiError::bad_request(
                    "PATCH, application/apply-patch+yaml requires fieldManager",
                ));
            }
            let mut config = body.clone();
            prepare(
                key.resource,
                &key.namespace,
                &key.name,
                &mut config,
                options,
            )?;
            new = apply::apply(&new, &config, &options.field_manager, options.force)
                .map_err(|conflicts| conflict_error(&key, &conflicts))?;
        }
        PatchType::Merge => patch::merge_patch(&mut new, body),
        PatchType::Strategic => patch::strategic_merge(&mut new, body),
        PatchType::Json => patch::json_patch(&mut new, body)
            .map_err(|problem| ApiError::new(422, "Invalid", problem))?,
    }
    let warnings = prepare(
        key.resource,
        &key.namespace,
        &key.name,
        &mut new,
        &WriteOptions {
            validation: FieldValidation::Ignore,
            ..options.clone()
        },
    )?;
    if let Some(old) = &old {
        if patch_type != PatchType::Apply {
            check_resource_version(&key, old, &new)?;
            apply::record_update(Some(old), &mut new, &options.field_manager);
        }
        // A patch may not move the resourceVersion itself.
        new["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"].clone();
    }
    let (object, _) = commit(store, key, old.as_ref(), new, options.dry_run);
    Ok(Written {
        object,
        created: old.is_none(),
        warnings,
    })
}

fn conflict_error(key: &Key, conflicts: &[apply::Conflict]) -> ApiError {
    let lines: Vec<String> = conflicts
        .iter()
        .map(|c| format!("conflict with \"{}\": {}", c.manager, c.display_path()))
        .collect();
    let message = if lines.len() == 1 {
        format!("Apply failed with 1 conflict: {}", lines[0])
    } else {
        format!(
            "Apply failed with {} conflicts: {}",
            lines.len(),
            lines.join("\n")
        )
    };
    let mut error = ApiError::new(409, "Conflict", message);
    let causes: Vec<Value> = conflicts
        .iter()
        .map(|c| json!({"reason": "FieldManagerConflict", "message": format!("conflict with \"{}\"", c.manager), "field": c.display_path()}))
        .collect();
    let kind = &RESOURCES[key.resource];
    error.details =
        json!({"name": key.name, "group": kind.group, "kind": kind.plural, "causes": causes});
    error
}

/// Deletes an object, its dependents (unless orphaned) and, for a namespace, its contents.
pub fn delete(store: &mut Store, key: &Key, propagation: &str, dry_run: bool) -> ApiResult<Value> {
    let object = store
        .get(key)
        .cloned()
        .ok_or_else(|| ApiError::not_found(key.resource, &key.name))?;
    if dry_run {
        return Ok(object);
    }
    let mut removed = store.remove(key).unwrap_or(object);
    if key.resource == resources::NAMESPACE {
        for member in store.keys_in_namespace(&key.name) {
            let _ = delete(store, &member, "Background", false);
        }
    }
    let uid = removed
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let dependents: Vec<Key> = store
        .all()
        .filter(|(_, candidate)| owned_by(candidate, &uid))
        .map(|(key, _)| key.clone())
        .collect();
    for dependent in dependents {
        if propagation == "Orphan" {
            if let Some(mut object) = store.get(&dependent).cloned() {
                if let Some(owners) = object
                    .pointer_mut("/metadata/ownerReferences")
                    .and_then(Value::as_array_mut)
                {
                    owners.retain(|owner| owner["uid"] != uid.as_str());
                }
                store.put(dependent, object);
            }
        } else {
            let _ = delete(store, &dependent, propagation, false);
        }
    }
    removed["metadata"]["deletionTimestamp"] = json!(now_rfc3339());
    Ok(removed)
}

pub fn owned_by(object: &Value, uid: &str) -> bool {
    object
        .pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|owners| owners.iter().any(|owner| owner["uid"] == uid))
}

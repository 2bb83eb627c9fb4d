//! Patch formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and an approximation of strategic merge.

use serde_json::{Map, Value};

/// Keys that identify the items of a list of objects, in order of preference.
///
/// The real server reads merge keys from each type's schema; the stand-in picks the first
/// of these that every item carries (containers, env, volumes by `name`, ports by
/// `containerPort`/`port`, conditions by `type`).
const MERGE_KEYS: &[&str] = &[
    "name",
    "containerPort",
    "port",
    "mountPath",
    "devicePath",
    "type",
    "ip",
];

/// The merge key of a list whose items are all objects sharing one of [`MERGE_KEYS`].
pub fn merge_key(items: &[Value]) -> Option<&'static str> {
    if items.is_empty() || !items.iter().all(Value::is_object) {
        return None;
    }
    MERGE_KEYS.iter().copied().find(|key| {
        items
            .iter()
            .all(|item| item.get(*key).is_some_and(|v| !v.is_null()))
    })
}

/// RFC 7386: objects merge, `null` deletes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(target) = target else {
        return;
    };
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// Strategic merge, approximated: merge patch semantics, except that lists of objects
/// with a merge key merge item by item, `$patch: delete` items are removed and other
/// `$`-directives are ignored.
pub fn strategic_merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                if key.starts_with('$') {
                    continue;
                }
                if value.is_null() {
                    target.remove(key);
                    continue;
                }
                match target.get_mut(key) {
                    Some(existing) => strategic_merge(existing, value),
                    None => {
                        let mut fresh = Value::Null;
                        strategic_merge(&mut fresh, value);
                        target.insert(key.clone(), fresh);
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(patch)) => match merge_key(patch) {
            Some(key) => merge_list(target, patch, key),
            None => *target = patch.clone(),
        },
        (target, patch) => *target = strip_directives(patch),
    }
}

fn merge_list(target: &mut Vec<Value>, patch: &[Value], key: &str) {
    for item in patch {
        let position = target
            .iter()
            .position(|existing| existing.get(key) == item.get(key));
        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match (position, delete) {
            (Some(index), true) => {
                target.remove(index);
            }
            (Some(index), false) => strategic_merge(&mut target[index], item),
            (None, true) => {}
            (None, false) => target.push(strip_directives(item)),
        }
    }
}

fn strip_directives(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, value)| !key.starts_with('$') && !value.is_null())
                .map(|(key, value)| (key.clone(), strip_directives(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_directives).collect()),
        other => other.clone(),
    }
}

/// RFC 6902 JSON patch; on any failing operation the target is left unchanged.
pub fn json_patch(target: &mut Value, operations: &Value) -> Result<(), String> {
    let operations = operations
        .as_array()
        .ok_or_else(|| "a JSON patch must be an array of operations".to_string())?;
    let mut working = target.clone();
    for operation in operations {
        let op = operation["op"].as_str().unwrap_or_default();
        let path = operation["path"]
            .as_str()
            .ok_or_else(|| format!("JSON patch operation `{op}` lacks a path"))?;
        match op {
            "add" => add(&mut working, path, operation["value"].clone())?,
            "remove" => {
                remove(&mut working, path)?;
            }
            "replace" => {
                remove(&mut working, path)?;
                add(&mut working, path, operation["value"].clone())?;
            }
            "move" | "copy" => {
                let from = operation["from"]
                    .as_str()
                    .ok_or_else(|| format!("JSON patch operation `{op}` lacks from"))?;
                let value = if op == "move" {
                    remove(&mut working, from)?
                } else {
                    working
                        .pointer(from)
                        .cloned()
                        .ok_or_else(|| missing(from))?
                };
                add(&mut working, path, value)?;
            }
            "test" => {
                if working.pointer(path) != Some(&operation["value"]) {
                    return Err(format!("test operation failed at `{path}`"));
                }
            }
            other => return Err(format!("unknown JSON patch operation `{other}`")),
        }
    }
    *target = working;
    Ok(())
}

fn missing(path: &str) -> String {
    format!("no value at `{path}`")
}

fn split_pointer(path: &str) -> Result<(String, String), String> {
    let index = path
        .rfind('/')
        .ok_or_else(|| format!("invalid JSON pointer `{path}`"))?;
    let last = path[index + 1..].replace("~1", "/").replace("~0", "~");
    Ok((path[..index].to_string(), last))
}

fn add(target: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *target = value;
        return Ok(());
    }
    let (parent, last) = split_pointer(path)?;
    match target
        .pointer_mut(&parent)
        .ok_or_else(|| missing(&parent))?
    {
        Value::Object(map) => {
            map.insert(last, value);
        }
        Value::Array(items) => {
            let index = if last == "-" {
                items.len()
            } else {
                last.parse::<usize>()
                    .map_err(|_| format!("invalid index in `{path}`"))?
            };
            if index > items.len() {
                return Err(format!("index out of range in `{path}`"));
            }
            items.insert(index, value);
        }
        _ => return Err(missing(path)),
    }
    Ok(())
}

fn remove(target: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, last) = split_pointer(path)?;
    match target
        .pointer_mut(&parent)
        .ok_or_else(|| missing(&parent))?
    {
        Value::Object(map) => map.remove(&last).ok_or_else(|| missing(path)),
        Value::Array(items) => {
            let index = last
                .parse::<usize>()
                .map_err(|_| format!("invalid index in `{path}`"))?;
            if index >= items.len() {
                return Err(missing(path));
            }
            Ok(items.remove(index))
        }
        _ => Err(missing(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_deletes_nulls_and_replaces_lists() {
        let mut target = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(&mut target, &json!({"a": null, "b": {"c": 5}, "l": [9]}));
        assert_eq!(target, json!({"b": {"c": 5, "d": 3}, "l": [9]}));
    }

    #[test]
    fn strategic_merge_merges_containers_by_name() {
        let mut target =
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        let patch = json!({"$setElementOrder/containers": [], "containers": [{"name": "b", "image": "z"}, {"name": "a", "$patch": "delete"}]});
        strategic_merge(&mut target, &patch);
        assert_eq!(target, json!({"containers": [{"name": "b", "image": "z"}]}));
    }

    #[test]
    fn json_patch_applies_all_or_nothing() {
        let mut target = json!({"spec": {"replicas": 1, "list": [1]}});
        let operations = json!([
            {"op": "replace", "path": "/spec/replicas", "value": 3},
            {"op": "add", "path": "/spec/list/-", "value": 2},
        ]);
        json_patch(&mut target, &operations).unwrap();
        assert_eq!(target, json!({"spec": {"replicas": 3, "list": [1, 2]}}));
        let failing = json!([{"op": "replace", "path": "/spec/replicas", "value": 4}, {"op": "remove", "path": "/nope"}]);
        assert!(json_patch(&mut target, &failing).is_err());
        assert_eq!(target["spec"]["replicas"], 3);
    }
}

//! Server-side apply, approximated: field ownership per manager in managedFields, conflicts and removal of dropped fields.
//!
//! A field is a leaf path such as `f:spec\nf:replicas`; items of lists that have a merge key
//! (see [`super::patch::merge_key`]) are addressed as `k:{"name":"web"}` and owned as a unit
//! through a `.` leaf. Lists without a merge key and scalars are atomic leaves.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::patch::merge_key;
use super::store::now_rfc3339;

pub type FieldSet = BTreeSet<String>;

const SEPARATOR: char = '\n';

/// Metadata fields that the server owns, never a manager.
const SERVER_METADATA: &[&str] = &[
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "managedFields",
    "selfLink",
];

#[derive(Debug, Clone)]
struct Entry {
    manager: String,
    operation: String,
    api_version: String,
    time: String,
    subresource: String,
    fields: FieldSet,
}

impl Entry {
    fn to_json(&self) -> Value {
        let mut entry = json!({
            "manager": self.manager,
            "operation": self.operation,
            "apiVersion": self.api_version,
            "time": self.time,
            "fieldsType": "FieldsV1",
            "fieldsV1": to_fields_v1(&self.fields),
        });
        if !self.subresource.is_empty() {
            entry["subresource"] = json!(self.subresource);
        }
        entry
    }
}

/// A field that another manager owns with a different value.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub manager: String,
    pub field: String,
}

impl Conflict {
    /// The path as the real server prints it (`.spec.replicas`, `.data.key`).
    pub fn display_path(&self) -> String {
        self.field
            .split(SEPARATOR)
            .filter(|segment| *segment != ".")
            .map(|segment| match segment.strip_prefix("f:") {
                Some(name) => format!(".{name}"),
                None => format!("[{}]", segment.trim_start_matches("k:")),
            })
            .collect()
    }
}

/// The fields an applied configuration sets.
pub fn fields_of(config: &Value) -> FieldSet {
    let mut fields = FieldSet::new();
    let Some(object) = config.as_object() else {
        return fields;
    };
    for (key, value) in object {
        match key.as_str() {
            "apiVersion" | "kind" | "status" => {}
            "metadata" => {
                for (name, child) in value.as_object().into_iter().flatten() {
                    if !SERVER_METADATA.contains(&name.as_str()) {
                        collect(
                            child,
                            &format!("f:metadata{SEPARATOR}f:{name}"),
                            &mut fields,
                        );
                    }
                }
            }
            _ => collect(value, &format!("f:{key}"), &mut fields),
        }
    }
    fields
}

fn collect(value: &Value, path: &str, out: &mut FieldSet) {
    match value {
        Value::Null => {}
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                collect(child, &format!("{path}{SEPARATOR}f:{key}"), out);
            }
        }
        Value::Array(items) => match merge_key(items) {
            Some(key) => {
                for item in items {
                    let item_path = format!("{path}{SEPARATOR}k:{}", json!({key: item[key]}));
                    out.insert(format!("{item_path}{SEPARATOR}."));
                    collect(item, &item_path, out);
                }
            }
            None => {
                out.insert(path.to_string());
            }
        },
        _ => {
            out.insert(path.to_string());
        }
    }
}

pub fn to_fields_v1(fields: &FieldSet) -> Value {
    let mut root = Map::new();
    for field in fields {
        let mut node = &mut root;
        for segment in field.split(SEPARATOR) {
            let child = node.entry(segment.to_string()).or_insert_with(|| json!({}));
            let Value::Object(child) = child else { break };
            node = child;
        }
    }
    Value::Object(root)
}

fn from_fields_v1(tree: &Value, prefix: &str, out: &mut FieldSet) {
    for (key, child) in tree.as_object().into_iter().flatten() {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}{SEPARATOR}{key}")
        };
        match child.as_object() {
            Some(map) if !map.is_empty() => from_fields_v1(child, &path, out),
            _ => {
                out.insert(path);
            }
        }
    }
}

/// The value at a field path, if the object has it.
fn value_at<'a>(object: &'a Value, field: &str) -> Option<&'a Value> {
    let mut current = object;
    for segment in field.split(SEPARATOR) {
        current = step(current, segment)?;
    }
    Some(current)
}

fn step<'a>(current: &'a Value, segment: &str) -> Option<&'a Value> {
    if segment == "." {
        return Some(current);
    }
    if let Some(name) = segment.strip_prefix("f:") {
        return current.get(name);
    }
    let key: Value = serde_json::from_str(segment.strip_prefix("k:")?).ok()?;
    current
        .as_array()?
        .iter()
        .find(|item| item_matches(item, &key))
}

fn item_matches(item: &Value, key: &Value) -> bool {
    key.as_object().is_some_and(|key| {
        key.iter()
            .all(|(name, value)| item.get(name) == Some(value))
    })
}

/// Removes the value at a field path; a `.` leaf removes the whole list item.
fn remove_at(object: &mut Value, field: &str) {
    let mut segments: Vec<&str> = field.split(SEPARATOR).collect();
    if segments.last() == Some(&".") {
        segments.pop();
    }
    let Some(last) = segments.pop() else { return };
    let mut current = &mut *object;
    for segment in &segments {
        let next = if let Some(name) = segment.strip_prefix("f:") {
            current.get_mut(name)
        } else {
            let key: Option<Value> = segment
                .strip_prefix("k:")
                .and_then(|k| serde_json::from_str(k).ok());
            match (key, current.as_array_mut()) {
                (Some(key), Some(items)) => items.iter_mut().find(|item| item_matches(item, &key)),
                _ => None,
            }
        };
        let Some(next) = next else { return };
        current = next;
    }
    if let Some(name) = last.strip_prefix("f:") {
        if let Some(map) = current.as_object_mut() {
            map.remove(name);
        }
    } else if let Some(key) = last
        .strip_prefix("k:")
        .and_then(|k| serde_json::from_str::<Value>(k).ok())
        && let Some(items) = current.as_array_mut()
    {
        items.retain(|item| !item_matches(item, &key));
    }
}

/// Merges an applied configuration: maps merge, keyed lists merge by item, the rest replaces.
fn merge(target: &mut Value, config: &Value) {
    match (target, config) {
        (Value::Object(target), Value::Object(config)) => {
            for (key, value) in config {
                if value.is_null() {
                    continue;
                }
                match target.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(config)) => match merge_key(config) {
            Some(key) => {
                for item in config {
                    match target
                        .iter_mut()
                        .find(|existing| existing.get(key) == item.get(key))
                    {
                        Some(existing) => merge(existing, item),
                        None => target.push(item.clone()),
                    }
                }
            }
            None => *target = config.clone(),
        },
        (target, config) => *target = config.clone(),
    }
}

fn read_entries(object: &Value) -> Vec<Entry> {
    let entries = object
        .pointer("/metadata/managedFields")
        .and_then(Value::as_array);
    entries
        .into_iter()
        .flatten()
        .map(|entry| {
            let text = |name: &str| entry[name].as_str().unwrap_or_default().to_string();
            let mut fields = FieldSet::new();
            from_fields_v1(&entry["fieldsV1"], "", &mut fields);
            Entry {
                manager: text("manager"),
                operation: text("operation"),
                api_version: text("apiVersion"),
                time: text("time"),
                subresource: text("subresource"),
                fields,
            }
        })
        .collect()
}

fn write_entries(object: &mut Value, entries: &[Entry]) {
    let entries: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.is_empty())
        .map(Entry::to_json)
        .collect();
    if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        if entries.is_empty() {
            metadata.remove("managedFields");
        } else {
            metadata.insert("managedFields".into(), Value::Array(entries));
        }
    }
}

/// Applies `config` for `manager` onto `live` (or onto `base` when the object is new).
///
/// Returns the conflicts instead when another manager owns a field with another value
/// and `force` is false; with `force` those fields change hands.
pub fn apply(
    live: &Value,
    config: &Value,
    manager: &str,
    force: bool,
) -> Result<Value, Vec<Conflict>> {
    let applied = fields_of(config);
    let mut entries = read_entries(live);
    let mut conflicts = Vec::new();
    for entry in entries
        .iter()
        .filter(|e| e.manager != manager && e.subresource.is_empty())
    {
        for field in entry.fields.intersection(&applied) {
            if !field.ends_with('.') && value_at(live, field) != value_at(config, field) {
                conflicts.push(Conflict {
                    manager: entry.manager.clone(),
                    field: field.clone(),
                });
            }
        }
    }
    if !conflicts.is_empty() && !force {
        return Err(conflicts);
    }
    for conflict in &conflicts {
        for entry in entries.iter_mut().filter(|e| e.manager == conflict.manager) {
            entry.fields.remove(&conflict.field);
        }
    }

    let mine = entries
        .iter()
        .position(|e| e.manager == manager && e.operation == "Apply" && e.subresource.is_empty());
    let previous = mine
        .map(|index| entries[index].fields.clone())
        .unwrap_or_default();
    let owned_by_others: FieldSet = entries
        .iter()
        .enumerate()
        .filter(|(index, _)| Some(*index) != mine)
        .flat_map(|(_, entry)| entry.fields.iter().cloned())
        .collect();

    let mut result = live.clone();
    // Deeper paths first, so that removing an item does not hide its removed children.
    let dropped: Vec<&String> = previous.difference(&applied).collect();
    for field in dropped.into_iter().rev() {
        let item = field
            .strip_suffix(&format!("{SEPARATOR}."))
            .unwrap_or(field);
        let shared = owned_by_others
            .iter()
            .any(|other| other == field || other.starts_with(&format!("{item}{SEPARATOR}")));
        if !shared {
            remove_at(&mut result, field);
        }
    }
    merge(&mut result, config);

    let changed_fields = previous != applied;
    match mine {
        Some(index) => {
            let entry = &mut entries[index];
            if changed_fields {
                entry.fields = applied;
                entry.time = now_rfc3339();
            }
        }
        None => entries.push(Entry {
            manager: manager.to_string(),
            operation: "Apply".into(),
            api_version: config["apiVersion"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            time: now_rfc3339(),
            subresource: String::new(),
            fields: applied,
        }),
    }
    write_entries(&mut result, &entries);
    Ok(result)
}

/// Records an ordinary write (create, update, patch) by `manager`: it takes the fields
/// whose value it changed, from whoever owned them, without conflicts.
pub fn record_update(old: Option<&Value>, new: &mut Value, manager: &str) {
    let changed: FieldSet = fields_of(new)
        .into_iter()
        .filter(|field| old.is_none_or(|old| value_at(old, field) != value_at(new, field)))
        .collect();
    if changed.is_empty() {
        return;
    }
    let mut entries = read_entries(new);
    for entry in &mut entries {
        entry.fields.retain(|field| !changed.contains(field));
    }
    let api_version = new["apiVersion"].as_str().unwrap_or_default().to_string();
    let time = now_rfc3339();
    match entries
        .iter_mut()
        .find(|e| e.manager == manager && e.operation == "Update" && e.subresource.is_empty())
    {
        Some(entry) => {
            entry.fields.extend(changed);
            entry.time = time;
        }
        None => entries.push(Entry {
            manager: manager.to_string(),
            operation: "Update".into(),
            api_version,
            time,
            subresource: String::new(),
            fields: changed,
        }),
    }
    write_entries(new, &entries);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(data: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": data})
    }

    #[test]
    fn reapplying_the_same_configuration_changes_nothing() {
        let base = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}});
        let first = apply(&base, &config(json!({"a": "1"})), "m", false).unwrap();
        let second = apply(&first, &config(json!({"a": "1"})), "m", false).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn a_field_dropped_from_the_configuration_is_removed() {
        let base = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}});
        let first = apply(&base, &config(json!({"a": "1", "b": "2"})), "m", false).unwrap();
        let second = apply(&first, &config(json!({"a": "1"})), "m", false).unwrap();
        assert_eq!(second["data"], json!({"a": "1"}));
    }

    #[test]
    fn another_manager_changing_an_owned_field_conflicts_unless_forced() {
        let base = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}});
        let first = apply(&base, &config(json!({"a": "1"})), "one", false).unwrap();
        let conflicts = apply(&first, &config(json!({"a": "2"})), "two", false).unwrap_err();
        assert_eq!(conflicts[0].manager, "one");
        assert_eq!(conflicts[0].display_path(), ".data.a");
        let forced = apply(&first, &config(json!({"a": "2"})), "two", true).unwrap();
        assert_eq!(forced["data"]["a"], "2");
        let managers: Vec<&str> = forced["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["manager"].as_str().unwrap())
            .collect();
        assert_eq!(managers, ["two"]);
    }

    #[test]
    fn containers_are_owned_by_name() {
        let deployment = |image: &str| {
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
                "spec": {"template": {"spec": {"containers": [{"name": "web", "image": image}]}}}})
        };
        let first = apply(&json!({"metadata": {}}), &deployment("a"), "m", false).unwrap();
        let fields = &first["metadata"]["managedFields"][0]["fieldsV1"];
        let item =
            &fields["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"web\"}"];
        assert!(
            item.get(".").is_some() && item.get("f:image").is_some(),
            "{fields}"
        );
        let second = apply(&first, &deployment("b"), "m", false).unwrap();
        assert_eq!(
            second["spec"]["template"]["spec"]["containers"][0]["image"],
            "b"
        );
    }
}

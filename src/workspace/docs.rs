//! docs/workspace.md: every key of sleak.toml, generated from the JSON Schema so the
//! reference cannot drift from the code.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::structure::{resolve_schema as resolve, workspace_schema};

/// The reference of every key, as committed in docs/workspace.md.
pub fn workspace_markdown() -> String {
    let schema = workspace_schema();
    let mut out = String::new();
    out.push_str("# sleak.toml reference\n\n");
    out.push_str(
        "<!-- Generated from the schema types (src/workspace/schema.rs); do not edit. -->\n",
    );
    out.push_str("<!-- Refresh with: SLEAK_BLESS=1 cargo test --test generated -->\n\n");
    out.push_str(
        "A workspace is one TOML file, `sleak.toml`. `<name>` in a key stands for a name you choose \
         (an account, cluster, environment, project, dependency, service or node pool). \
         `sleak validate` checks a file; `sleak schema` prints the JSON Schema for editors; \
         sleak.toml.example shows every section.\n\n",
    );
    let mut rows = Vec::new();
    walk(schema, schema, "", &mut rows, 0);
    let mut section = String::new();
    for row in rows {
        let top = row.key.split(['.', '[']).next().unwrap_or("").to_owned();
        if top != section {
            let _ = writeln!(out, "\n## `{top}`\n");
            section = top;
        }
        let _ = write!(out, "### `{}`\n\n", row.key);
        let _ = write!(out, "- type: {}", row.kind);
        if row.required {
            out.push_str(", required");
        }
        if let Some(default) = &row.default {
            let _ = write!(out, ", default: `{default}`");
        }
        out.push('\n');
        if !row.description.is_empty() {
            let _ = write!(out, "\n{}\n", row.description);
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

struct Row {
    key: String,
    kind: String,
    required: bool,
    default: Option<String>,
    description: String,
}

fn type_name(root: &Json, schema: &Json) -> String {
    let resolved = resolve(root, schema);
    let choices: Option<Vec<String>> =
        resolved
            .get("oneOf")
            .and_then(Json::as_array)
            .map(|branches| {
                branches
                    .iter()
                    .filter_map(|branch| branch.get("const").and_then(Json::as_str))
                    .map(|value| format!("`\"{value}\"`"))
                    .collect()
            });
    if let Some(choices) = choices.filter(|choices| !choices.is_empty()) {
        return format!("one of {}", choices.join(", "));
    }
    if let Some(values) = resolved.get("enum").and_then(Json::as_array) {
        let values: Vec<String> = values
            .iter()
            .filter_map(Json::as_str)
            .map(|value| format!("`\"{value}\"`"))
            .collect();
        return format!("one of {}", values.join(", "));
    }
    let kind = match resolved.get("type") {
        Some(Json::String(kind)) => kind.clone(),
        Some(Json::Array(kinds)) => kinds
            .iter()
            .filter_map(Json::as_str)
            .find(|kind| *kind != "null")
            .unwrap_or("any")
            .to_owned(),
        _ => "any".to_owned(),
    };
    match kind.as_str() {
        "array" => format!(
            "array of {}",
            resolved
                .get("items")
                .map_or("any".to_owned(), |items| type_name(root, items))
        ),
        "object" if resolved.get("properties").is_none() => {
            match resolved.get("additionalProperties") {
                Some(values @ Json::Object(_)) => format!("table of {}", type_name(root, values)),
                _ => "table".to_owned(),
            }
        }
        "object" => "table".to_owned(),
        "integer" => {
            let minimum = resolved.get("minimum").and_then(Json::as_i64);
            let maximum = resolved.get("maximum").and_then(Json::as_i64);
            match (minimum, maximum) {
                (Some(minimum), Some(maximum)) => format!("integer ({minimum} to {maximum})"),
                (Some(minimum), None) => format!("integer (≥ {minimum})"),
                _ => "integer".to_owned(),
            }
        }
        other => other.to_owned(),
    }
}

fn walk(root: &Json, schema: &Json, prefix: &str, rows: &mut Vec<Row>, depth: usize) {
    if depth > 12 {
        return;
    }
    let resolved = resolve(root, schema);
    let Some(properties) = resolved.get("properties").and_then(Json::as_object) else {
        return;
    };
    let required: Vec<&str> = resolved
        .get("required")
        .and_then(Json::as_array)
        .map(|names| names.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    for (name, property) in properties {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let target = resolve(root, property);
        let description = property
            .get("description")
            .or_else(|| target.get("description"))
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned();
        let default = property.get("default").map(|value| match value {
            Json::String(text) => format!("\"{text}\""),
            other => other.to_string(),
        });
        rows.push(Row {
            key: key.clone(),
            kind: type_name(root, property),
            required: required.contains(&name.as_str()),
            default,
            description,
        });
        if target.get("properties").is_some() {
            walk(root, target, &key, rows, depth + 1);
        } else if let Some(values) = target
            .get("additionalProperties")
            .filter(|values| values.is_object())
        {
            if resolve(root, values).get("properties").is_some() {
                walk(root, values, &format!("{key}.<name>"), rows, depth + 1);
            }
        } else if let Some(items) = target.get("items")
            && resolve(root, items).get("properties").is_some()
        {
            walk(root, items, &format!("{key}[]"), rows, depth + 1);
        }
    }
}

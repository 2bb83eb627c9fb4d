//! Checks a parsed sleak.toml against the JSON Schema of its types, reporting every
//! unknown key, missing key, wrong type and out-of-range value at once.
//!
//! serde stops at the first error; walking the document against the schema finds them
//! all, each with its key path, so a user fixes a file in one pass.

use std::sync::OnceLock;

use serde_json::Value as Json;
use toml_edit::Value;

use super::diagnostic::{Diagnostic, KeyPath, did_you_mean};
use super::locate::Node;
use super::schema::WorkspaceToml;

/// The JSON Schema of sleak.toml, as `sleak schema` prints it.
pub fn workspace_schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_deserialize()
            .into_generator();
        let mut schema = generator.into_root_schema_for::<WorkspaceToml>();
        schema.insert("title".into(), "sleak.toml".into());
        schema.to_value()
    })
}

/// Follows `$ref` and picks the non-null branch of an optional type.
pub fn resolve_schema<'s>(root: &'s Json, schema: &'s Json) -> &'s Json {
    let mut current = schema;
    for _ in 0..16 {
        if let Some(reference) = current.get("$ref").and_then(Json::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            match root.get("$defs").and_then(|defs| defs.get(name)) {
                Some(target) => current = target,
                None => return current,
            }
            continue;
        }
        let branches = current
            .get("anyOf")
            .or_else(|| current.get("oneOf"))
            .and_then(Json::as_array);
        if let Some(branches) = branches
            && !branches.iter().all(|branch| branch.get("const").is_some())
        {
            let non_null: Vec<&Json> = branches
                .iter()
                .filter(|branch| branch.get("type").and_then(Json::as_str) != Some("null"))
                .collect();
            if let [only] = non_null.as_slice() {
                current = only;
                continue;
            }
        }
        return current;
    }
    current
}

/// Every structural problem of the document, in file order.
pub fn check_structure(root: &toml_edit::Item) -> Vec<Diagnostic> {
    let schema = workspace_schema();
    let mut checker = Checker {
        root_schema: schema,
        diagnostics: Vec::new(),
    };
    checker.check(Node::Item(root), schema, &KeyPath::root());
    checker.diagnostics
}

struct Checker<'s> {
    root_schema: &'s Json,
    diagnostics: Vec<Diagnostic>,
}

impl<'s> Checker<'s> {
    fn resolve(&self, schema: &'s Json) -> &'s Json {
        resolve_schema(self.root_schema, schema)
    }

    fn check(&mut self, node: Node<'_>, schema: &'s Json, path: &KeyPath) {
        let schema = self.resolve(schema);
        match schema_type(schema) {
            Some("object") => self.check_table(node, schema, path),
            Some("array") => self.check_array(node, schema, path),
            Some("string") => self.check_string(node, schema, path),
            Some("integer") => self.check_integer(node, schema, path),
            Some("boolean") => {
                if !matches!(node.as_value(), Some(Value::Boolean(_))) {
                    self.wrong_type(node, path, "a boolean (`true` or `false`)");
                }
            }
            _ => {
                if let Some(choices) = enum_choices(schema) {
                    self.check_choice(node, &choices, path);
                }
            }
        }
    }

    fn check_table(&mut self, node: Node<'_>, schema: &'s Json, path: &KeyPath) {
        if !node.is_table() {
            self.wrong_type(node, path, "a table");
            return;
        }
        let properties = schema.get("properties").and_then(Json::as_object);
        let additional = schema.get("additionalProperties");
        // Keys suggested for misspelled ones: not reported missing a second time.
        let mut suggested: Vec<String> = Vec::new();
        for (key, child) in node.entries() {
            let name = key.get();
            let child_path = path.key(name);
            if let Some(property) = properties.and_then(|properties| properties.get(name)) {
                self.check(child, property, &child_path);
                continue;
            }
            match additional {
                Some(Json::Object(_)) => {
                    if let Some(additional) = additional {
                        self.check(child, additional, &child_path);
                    }
                }
                Some(Json::Bool(false)) => {
                    let known: Vec<&str> = properties
                        .map(|properties| properties.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    let hint = match did_you_mean(name, known.iter().copied()) {
                        Some(suggestion) => {
                            suggested.push(suggestion.to_owned());
                            format!("did you mean `{suggestion}`?")
                        }
                        None if known.is_empty() => "this table takes no keys".to_owned(),
                        None => format!("known keys here: {}", backticked(&known)),
                    };
                    self.diagnostics.push(
                        Diagnostic::new(child_path, format!("unknown key `{name}`"))
                            .with_hint(hint)
                            .at_key()
                            .with_span(key.span()),
                    );
                }
                _ => {}
            }
        }
        let required = schema.get("required").and_then(Json::as_array);
        for name in required.into_iter().flatten().filter_map(Json::as_str) {
            if node.get(name).is_some() || suggested.iter().any(|suggestion| suggestion == name) {
                continue;
            }
            let property = properties.and_then(|properties| properties.get(name));
            // The field's own doc says what it is for; its type's doc only what it is.
            let description = property
                .and_then(|property| property.get("description"))
                .or_else(|| {
                    property
                        .map(|property| self.resolve(property))
                        .and_then(|resolved| resolved.get("description"))
                })
                .and_then(Json::as_str)
                .map(|text| text.replace('\n', " "));
            let choices = property
                .map(|property| self.resolve(property))
                .and_then(enum_choices);
            let mut hint = match description {
                Some(what) => format!("add `{name}`: {}", what.trim_end_matches('.')),
                None => format!("add `{name}`"),
            };
            if let Some(choices) = choices {
                hint.push_str(&format!(" (one of {})", backticked(&choices)));
            }
            self.diagnostics.push(
                Diagnostic::new(path.key(name), format!("missing key `{name}`"))
                    .with_hint(hint)
                    .with_span(node.span()),
            );
        }
    }

    fn check_array(&mut self, node: Node<'_>, schema: &'s Json, path: &KeyPath) {
        if !node.is_array() {
            self.wrong_type(node, path, "an array");
            return;
        }
        if let Some(items) = schema.get("items") {
            for (index, element) in node.elements().into_iter().enumerate() {
                self.check(element, items, &path.index(index));
            }
        }
    }

    fn check_string(&mut self, node: Node<'_>, schema: &'s Json, path: &KeyPath) {
        let Some(Value::String(text)) = node.as_value() else {
            self.wrong_type(node, path, "a string");
            return;
        };
        if let Some(choices) = enum_choices(schema)
            && !choices.iter().any(|choice| choice == text.value())
        {
            self.bad_choice(node, text.value(), &choices, path);
        }
    }

    fn check_choice(&mut self, node: Node<'_>, choices: &[String], path: &KeyPath) {
        match node.as_value() {
            Some(Value::String(text)) if choices.iter().any(|c| c == text.value()) => {}
            Some(Value::String(text)) => self.bad_choice(node, text.value(), choices, path),
            _ => self.wrong_type(node, path, &format!("one of {}", backticked(choices))),
        }
    }

    fn bad_choice(&mut self, node: Node<'_>, found: &str, choices: &[String], path: &KeyPath) {
        let mut diagnostic = Diagnostic::new(
            path.clone(),
            format!(
                "`{found}` is not a valid value: expected one of {}",
                backticked(choices)
            ),
        )
        .with_span(node.span());
        if let Some(suggestion) = did_you_mean(found, choices.iter().map(String::as_str)) {
            diagnostic = diagnostic.with_hint(format!("did you mean `{suggestion}`?"));
        } else {
            diagnostic = diagnostic.with_hint(format!("use one of {}", backticked(choices)));
        }
        self.diagnostics.push(diagnostic);
    }

    fn check_integer(&mut self, node: Node<'_>, schema: &'s Json, path: &KeyPath) {
        let Some(Value::Integer(number)) = node.as_value() else {
            self.wrong_type(node, path, "an integer");
            return;
        };
        let value = *number.value();
        let minimum = schema.get("minimum").and_then(Json::as_i64);
        let maximum = schema.get("maximum").and_then(Json::as_i64);
        let below = minimum.is_some_and(|minimum| value < minimum);
        let above = maximum.is_some_and(|maximum| value > maximum);
        if below || above {
            let range = match (minimum, maximum) {
                (Some(minimum), Some(maximum)) => format!("from {minimum} to {maximum}"),
                (Some(minimum), None) => format!("at least {minimum}"),
                (None, Some(maximum)) => format!("at most {maximum}"),
                (None, None) => String::new(),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    path.clone(),
                    format!("{value} is out of range: expected an integer {range}"),
                )
                .with_hint(format!("use an integer {range}"))
                .with_span(node.span()),
            );
        }
    }

    fn wrong_type(&mut self, node: Node<'_>, path: &KeyPath, expected: &str) {
        let found = node.type_name();
        let hint = match (expected, node.as_value()) {
            ("an integer", Some(Value::String(text))) if text.value().parse::<i64>().is_ok() => {
                format!("remove the quotes: `{}`", text.value())
            }
            ("a string", Some(value))
                if !matches!(value, Value::Array(_) | Value::InlineTable(_)) =>
            {
                format!("quote the value: `\"{}\"`", value.to_string().trim())
            }
            ("a table", _) => format!("write `[{path}]` with its keys below it, or `{{ … }}`"),
            ("an array", _) => "write a list in brackets: `[ … ]`".to_owned(),
            _ => format!("write {expected} here"),
        };
        self.diagnostics.push(
            Diagnostic::new(path.clone(), format!("expected {expected}, found {found}"))
                .with_hint(hint)
                .with_span(node.span()),
        );
    }
}

fn schema_type(schema: &Json) -> Option<&str> {
    match schema.get("type") {
        Some(Json::String(name)) => Some(name.as_str()),
        Some(Json::Array(names)) => names
            .iter()
            .filter_map(Json::as_str)
            .find(|name| *name != "null"),
        _ => None,
    }
}

/// The allowed strings of an enum schema, from `enum` or a `oneOf` of `const`s.
fn enum_choices(schema: &Json) -> Option<Vec<String>> {
    if let Some(values) = schema.get("enum").and_then(Json::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    let branches = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Json::as_array)?;
    let mut choices = Vec::new();
    for branch in branches {
        if let Some(constant) = branch.get("const").and_then(Json::as_str) {
            choices.push(constant.to_owned());
        } else if let Some(values) = branch.get("enum").and_then(Json::as_array) {
            choices.extend(values.iter().filter_map(Json::as_str).map(str::to_owned));
        } else {
            return None;
        }
    }
    Some(choices)
}

fn backticked(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|name| format!("`{}`", name.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The keys of a table type of the schema (`DependencyToml`, `ServiceToml`, …) with
/// their JSON types, for `--set KEY=VALUE` on the command line.
pub fn table_keys(definition: &str) -> Vec<(String, String)> {
    let schema = workspace_schema();
    let checker = Checker {
        root_schema: schema,
        diagnostics: Vec::new(),
    };
    let Some(properties) = schema
        .get("$defs")
        .and_then(|defs| defs.get(definition))
        .and_then(|definition| definition.get("properties"))
        .and_then(Json::as_object)
    else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(key, property)| {
            let resolved = checker.resolve(property);
            let kind = schema_type(resolved).map(str::to_owned).unwrap_or_else(|| {
                if enum_choices(resolved).is_some() {
                    "string".to_owned()
                } else {
                    "any".to_owned()
                }
            });
            (key.clone(), kind)
        })
        .collect()
}

/// The document without the values at `paths` (the ones structural checks rejected), so
/// that the rest can still be deserialized and validated in the same run.
pub fn without_paths(text: &str, paths: &[KeyPath]) -> Option<toml_edit::DocumentMut> {
    let mut document: toml_edit::DocumentMut = text.parse().ok()?;
    let mut sorted: Vec<&KeyPath> = paths.iter().filter(|path| !path.is_root()).collect();
    // Deepest and last first, so removing one never shifts the index of another.
    sorted.sort_by(|a, b| b.cmp(a));
    for path in sorted {
        remove_path(document.as_item_mut(), &path.0);
    }
    Some(document)
}

fn remove_path(item: &mut toml_edit::Item, path: &[super::diagnostic::Segment]) {
    use super::diagnostic::Segment;
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = item;
    for segment in parents {
        let next = match segment {
            Segment::Key(key) => current.get_mut(key.as_str()),
            Segment::Index(index) => current.get_mut(*index),
        };
        match next {
            Some(next) => current = next,
            None => return,
        }
    }
    match (last, current) {
        (Segment::Key(key), toml_edit::Item::Table(table)) => {
            table.remove(key);
        }
        (Segment::Key(key), toml_edit::Item::Value(Value::InlineTable(table))) => {
            table.remove(key);
        }
        (Segment::Index(index), toml_edit::Item::Value(Value::Array(array)))
            if *index < array.len() =>
        {
            array.remove(*index);
        }
        (Segment::Index(index), toml_edit::Item::ArrayOfTables(array)) if *index < array.len() => {
            array.remove(*index);
        }
        _ => {}
    }
}

//! Label selectors (`=`, `==`, `!=`, `in`, `notin`, exists, `!` not exists) and field selectors.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed selector; the empty selector matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector {
    requirements: Vec<Requirement>,
}

impl Selector {
    /// Parses a label selector such as `app=web,tier in (a, b),!legacy`.
    pub fn parse_labels(text: &str) -> Result<Self, String> {
        let mut requirements = Vec::new();
        for term in split_terms(text) {
            let term = term.trim();
            if term.is_empty() {
                continue;
            }
            requirements.push(parse_term(term)?);
        }
        Ok(Self { requirements })
    }

    /// Parses a field selector; only `metadata.name` and `metadata.namespace` are known.
    pub fn parse_fields(text: &str) -> Result<Self, String> {
        /// The fields the real server selects on, over the kinds the stand-in serves: events
        /// by their object (`kubectl describe`), pods by node and phase, Secrets by type.
        const FIELDS: &[&str] = &[
            "metadata.name",
            "metadata.namespace",
            "involvedObject.apiVersion",
            "involvedObject.fieldPath",
            "involvedObject.kind",
            "involvedObject.name",
            "involvedObject.namespace",
            "involvedObject.resourceVersion",
            "involvedObject.uid",
            "reason",
            "reportingComponent",
            "type",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "status.phase",
            "status.podIP",
        ];
        let selector = Self::parse_labels(text)?;
        for requirement in &selector.requirements {
            let field = match requirement {
                Requirement::Equals(field, _) | Requirement::NotEquals(field, _) => field,
                _ => return Err(format!("unsupported field selector `{text}`")),
            };
            if !FIELDS.contains(&field.as_str()) {
                return Err(format!("field label not supported: {field}"));
            }
        }
        Ok(selector)
    }

    /// The selector a `matchLabels`/`matchExpressions` object describes.
    pub fn from_label_selector(selector: &Value) -> Self {
        let mut requirements = Vec::new();
        if let Some(labels) = selector.get("matchLabels").and_then(Value::as_object) {
            for (key, value) in labels {
                let value = value.as_str().unwrap_or_default().to_string();
                requirements.push(Requirement::Equals(key.clone(), value));
            }
        }
        for expression in selector
            .get("matchExpressions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = expression["key"].as_str().unwrap_or_default().to_string();
            let values: Vec<String> = expression["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            requirements.push(match expression["operator"].as_str().unwrap_or_default() {
                "In" => Requirement::In(key, values),
                "NotIn" => Requirement::NotIn(key, values),
                "DoesNotExist" => Requirement::NotExists(key),
                _ => Requirement::Exists(key),
            });
        }
        Self { requirements }
    }

    /// Whether an object's labels satisfy the selector.
    pub fn matches_labels(&self, object: &Value) -> bool {
        let labels = object.pointer("/metadata/labels");
        self.matches(|key| labels.and_then(|l| l.get(key)).and_then(Value::as_str))
    }

    /// Whether an object's fields satisfy a field selector: any dotted path to a text field
    /// (`metadata.name`, `involvedObject.uid` as `kubectl describe` asks of events,
    /// `status.phase`, `spec.nodeName`).
    pub fn matches_fields(&self, object: &Value) -> bool {
        self.matches(|field| {
            object
                .pointer(&format!("/{}", field.replace('.', "/")))
                .and_then(Value::as_str)
        })
    }

    fn matches<'a>(&self, lookup: impl Fn(&str) -> Option<&'a str>) -> bool {
        self.requirements
            .iter()
            .all(|requirement| match requirement {
                Requirement::Equals(key, value) => lookup(key) == Some(value.as_str()),
                Requirement::NotEquals(key, value) => lookup(key) != Some(value.as_str()),
                Requirement::In(key, values) => {
                    lookup(key).is_some_and(|v| values.iter().any(|x| x == v))
                }
                Requirement::NotIn(key, values) => {
                    !lookup(key).is_some_and(|v| values.iter().any(|x| x == v))
                }
                Requirement::Exists(key) => lookup(key).is_some(),
                Requirement::NotExists(key) => lookup(key).is_none(),
            })
    }
}

/// Splits at commas that are not inside a `( … )` value list.
fn split_terms(text: &str) -> Vec<&str> {
    let mut terms = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (index, character) in text.char_indices() {
        match character {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                terms.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    terms.push(&text[start..]);
    terms
}

fn parse_term(term: &str) -> Result<Requirement, String> {
    if let Some(key) = term.strip_prefix('!') {
        return Ok(Requirement::NotExists(valid_key(key.trim(), term)?));
    }
    if let Some((key, value)) = term.split_once("!=") {
        return Ok(Requirement::NotEquals(
            valid_key(key.trim(), term)?,
            value.trim().to_string(),
        ));
    }
    if let Some((key, value)) = term.split_once("==").or_else(|| term.split_once('=')) {
        return Ok(Requirement::Equals(
            valid_key(key.trim(), term)?,
            value.trim().to_string(),
        ));
    }
    if let Some(open) = term.find('(') {
        let head = term[..open].trim();
        let list = term[open + 1..]
            .strip_suffix(')')
            .ok_or_else(|| format!("unable to parse requirement: `{term}` lacks a closing `)`"))?;
        let values = list
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if let Some(key) = head.strip_suffix(" notin") {
            return Ok(Requirement::NotIn(valid_key(key.trim(), term)?, values));
        }
        if let Some(key) = head.strip_suffix(" in") {
            return Ok(Requirement::In(valid_key(key.trim(), term)?, values));
        }
        return Err(format!(
            "unable to parse requirement: unknown operator in `{term}`"
        ));
    }
    Ok(Requirement::Exists(valid_key(term, term)?))
}

fn valid_key(key: &str, term: &str) -> Result<String, String> {
    if key.is_empty() || key.contains(char::is_whitespace) {
        return Err(format!(
            "unable to parse requirement: invalid label key in `{term}`"
        ));
    }
    Ok(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labelled(labels: Value) -> Value {
        json!({"metadata": {"name": "x", "labels": labels}})
    }

    #[test]
    fn every_operator_matches_as_kubernetes_does() {
        let object = labelled(json!({"app": "web", "tier": "front"}));
        let cases = [
            ("app=web", true),
            ("app==web", true),
            ("app!=web", false),
            ("app!=db", true),
            ("tier in (front, back)", true),
            ("tier notin (front)", false),
            ("missing notin (front)", true),
            ("app", true),
            ("!app", false),
            ("!missing", true),
            ("app=web,tier in (back)", false),
            ("", true),
        ];
        for (text, expected) in cases {
            let selector = Selector::parse_labels(text).unwrap();
            assert_eq!(
                selector.matches_labels(&object),
                expected,
                "selector `{text}`"
            );
        }
    }

    #[test]
    fn field_selector_rejects_unknown_fields() {
        assert!(Selector::parse_fields("spec.unknown=a").is_err());
        let events =
            Selector::parse_fields("involvedObject.name=web,involvedObject.uid=u").unwrap();
        assert!(events.matches_fields(&json!({"involvedObject": {"name": "web", "uid": "u"}})));
        assert!(!events.matches_fields(&json!({"involvedObject": {"name": "web", "uid": "v"}})));
        let selector = Selector::parse_fields("metadata.name=x").unwrap();
        assert!(selector.matches_fields(&labelled(json!({}))));
    }
}

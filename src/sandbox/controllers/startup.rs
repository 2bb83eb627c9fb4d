//! Why a pod cannot start, as the scheduler and the kubelet say it: no node fits, a Secret or
//! ConfigMap it reads is missing, its image cannot be pulled, or it is told to fail.

use serde_json::Value;

use super::super::resources::index_of;
use super::super::store::{Key, Store};
use super::text;

/// The one node of the stand-in.
pub const NODE_NAME: &str = "sandbox-node";
/// The labels of that node, as an EKS node carries them.
pub const NODE_LABELS: &[(&str, &str)] = &[
    ("kubernetes.io/hostname", NODE_NAME),
    ("kubernetes.io/os", "linux"),
    ("kubernetes.io/arch", "amd64"),
    ("node.kubernetes.io/instance-type", "m5.large"),
    ("topology.kubernetes.io/region", "us-east-1"),
    ("topology.kubernetes.io/zone", "us-east-1a"),
    ("eks.amazonaws.com/capacityType", "ON_DEMAND"),
];
/// What the node can hold: pods asking for more stay Pending.
const NODE_CPU_MILLIS: f64 = 64_000.0;
const NODE_MEMORY_BYTES: f64 = 256.0 * 1024.0 * 1024.0 * 1024.0;

/// How a container behaves in the simulation, by its image and its references.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    Healthy,
    /// Exits after starting: crash-loops, or fails a Job's pod.
    Exits {
        reason: &'static str,
        exit_code: i64,
    },
    /// The image cannot be pulled.
    PullFailure,
    /// A Secret or ConfigMap it reads is missing: the kubelet's message.
    ConfigError(String),
}

/// The image patterns that make containers fail.
#[derive(Debug, Clone, Copy)]
pub struct Patterns<'a> {
    pub crash: &'a str,
    pub image_pull: &'a str,
    pub oom_kill: &'a str,
}

/// The container's behaviour: the image is pulled first, then its configuration is read,
/// then it runs (as the kubelet orders these steps).
pub fn behaviour(
    store: &Store,
    namespace: &str,
    container: &Value,
    patterns: Patterns<'_>,
) -> Behaviour {
    let image = text(container, "/image");
    let matches = |pattern: &str| !pattern.is_empty() && image.contains(pattern);
    if matches(patterns.image_pull) || image_tag(image) == Some("missing") {
        return Behaviour::PullFailure;
    }
    if let Some(message) = missing_reference(store, namespace, container) {
        return Behaviour::ConfigError(message);
    }
    if matches(patterns.oom_kill) {
        return Behaviour::Exits {
            reason: "OOMKilled",
            exit_code: 137,
        };
    }
    if matches(patterns.crash) {
        return Behaviour::Exits {
            reason: "Error",
            exit_code: 1,
        };
    }
    Behaviour::Healthy
}

fn image_tag(image: &str) -> Option<&str> {
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split_once(':').map(|(_, tag)| tag)
}

/// The kubelet's message for the first Secret, ConfigMap or key a container reads through
/// `envFrom` or `env[].valueFrom` that is missing (and not `optional: true`).
pub fn missing_reference(store: &Store, namespace: &str, container: &Value) -> Option<String> {
    let optional = |reference: &Value| reference["optional"] == true;
    let lookup = |kind: &str, name: &str| {
        store
            .get(&Key::new(index_of(kind), namespace, name))
            .cloned()
    };
    for source in container["envFrom"].as_array().into_iter().flatten() {
        for (field, kind, noun) in [
            ("secretRef", "Secret", "secret"),
            ("configMapRef", "ConfigMap", "configmap"),
        ] {
            let reference = &source[field];
            let Some(name) = reference["name"].as_str() else {
                continue;
            };
            if !optional(reference) && lookup(kind, name).is_none() {
                return Some(format!("{noun} \"{name}\" not found"));
            }
        }
    }
    for variable in container["env"].as_array().into_iter().flatten() {
        for (field, kind, noun) in [
            ("secretKeyRef", "Secret", "secret"),
            ("configMapKeyRef", "ConfigMap", "configmap"),
        ] {
            let reference = &variable["valueFrom"][field];
            let Some(name) = reference["name"].as_str() else {
                continue;
            };
            if optional(reference) {
                continue;
            }
            let Some(object) = lookup(kind, name) else {
                return Some(format!("{noun} \"{name}\" not found"));
            };
            let key = reference["key"].as_str().unwrap_or_default();
            let has_key = object["data"].get(key).is_some()
                || object["stringData"].get(key).is_some()
                || object["binaryData"].get(key).is_some();
            if !has_key {
                return Some(format!(
                    "couldn't find key {key} in {kind} {namespace}/{name}"
                ));
            }
        }
    }
    None
}

/// The scheduler's message when the one node does not fit the pod.
pub fn unschedulable(spec: &Value) -> Option<String> {
    let selector_fits =
        spec["nodeSelector"]
            .as_object()
            .into_iter()
            .flatten()
            .all(|(key, value)| {
                NODE_LABELS
                    .iter()
                    .any(|(label, node_value)| label == key && Some(*node_value) == value.as_str())
            });
    if !selector_fits || !required_affinity_fits(spec) {
        return Some(
            "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. \
             preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
                .into(),
        );
    }
    let (mut cpu, mut memory) = (0.0, 0.0);
    for container in spec["containers"].as_array().into_iter().flatten() {
        let requests = &container["resources"]["requests"];
        let limits = &container["resources"]["limits"];
        // A request left out defaults to the limit.
        let asked = |resource: &str| {
            requests[resource]
                .as_str()
                .or_else(|| limits[resource].as_str())
                .map(ToOwned::to_owned)
                .or_else(|| requests[resource].as_f64().map(|n| n.to_string()))
        };
        cpu += asked("cpu").and_then(|q| cpu_millis(&q)).unwrap_or(0.0);
        memory += asked("memory").and_then(|q| bytes(&q)).unwrap_or(0.0);
    }
    let short: Vec<&str> = [
        (cpu > NODE_CPU_MILLIS, "cpu"),
        (memory > NODE_MEMORY_BYTES, "memory"),
    ]
    .iter()
    .filter(|(short, _)| *short)
    .map(|(_, resource)| *resource)
    .collect();
    if short.is_empty() {
        return None;
    }
    let reasons = short
        .iter()
        .map(|resource| format!("1 Insufficient {resource}"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!(
        "0/1 nodes are available: {reasons}. preemption: 0/1 nodes are available: \
         1 No preemption victims found for incoming pod."
    ))
}

/// `requiredDuringSchedulingIgnoredDuringExecution` node affinity: some term whose
/// expressions all hold for the node's labels.
fn required_affinity_fits(spec: &Value) -> bool {
    let Some(terms) = spec
        .pointer("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")
        .and_then(Value::as_array)
    else {
        return true;
    };
    let label = |key: &str| {
        NODE_LABELS
            .iter()
            .find(|(label, _)| *label == key)
            .map(|(_, value)| *value)
    };
    terms.iter().any(|term| {
        term["matchExpressions"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|expression| {
                let value = label(text(expression, "/key"));
                let values: Vec<&str> = expression["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                match text(expression, "/operator") {
                    "In" => value.is_some_and(|v| values.contains(&v)),
                    "NotIn" => !value.is_some_and(|v| values.contains(&v)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => true,
                }
            })
    })
}

fn cpu_millis(quantity: &str) -> Option<f64> {
    match quantity.strip_suffix('m') {
        Some(millis) => millis.parse().ok(),
        None => quantity.parse::<f64>().ok().map(|cores| cores * 1000.0),
    }
}

fn bytes(quantity: &str) -> Option<f64> {
    const SUFFIXES: &[(&str, f64)] = &[
        ("Ki", 1024.0),
        ("Mi", 1024.0 * 1024.0),
        ("Gi", 1024.0 * 1024.0 * 1024.0),
        ("Ti", 1024.0 * 1024.0 * 1024.0 * 1024.0),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
    ];
    for (suffix, factor) in SUFFIXES {
        if let Some(number) = quantity.strip_suffix(suffix) {
            return number.parse::<f64>().ok().map(|n| n * factor);
        }
    }
    quantity.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quantities_read_as_the_api_writes_them() {
        assert_eq!(cpu_millis("500m"), Some(500.0));
        assert_eq!(cpu_millis("2"), Some(2000.0));
        assert_eq!(bytes("1Gi"), Some(1024.0 * 1024.0 * 1024.0));
        assert_eq!(bytes("512M"), Some(512e6));
    }

    #[test]
    fn a_pod_fits_unless_its_selector_affinity_or_requests_do_not() {
        let fits = json!({"nodeSelector": {"kubernetes.io/os": "linux"}, "containers": [{"resources": {"requests": {"cpu": "2"}}}]});
        assert_eq!(unschedulable(&fits), None);
        let selector = json!({"nodeSelector": {"gpu": "true"}, "containers": []});
        assert!(
            unschedulable(&selector)
                .unwrap()
                .contains("didn't match Pod's node affinity/selector")
        );
        let affinity = json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}]}]}}}, "containers": []});
        assert!(unschedulable(&affinity).is_some());
        let big = json!({"containers": [{"resources": {"limits": {"cpu": "65"}}}]});
        assert!(unschedulable(&big).unwrap().contains("1 Insufficient cpu"));
    }

    #[test]
    fn image_tags_are_read_past_registry_ports() {
        assert_eq!(
            image_tag("registry.local:5000/web:missing"),
            Some("missing")
        );
        assert_eq!(image_tag("registry.local:5000/web"), None);
    }
}

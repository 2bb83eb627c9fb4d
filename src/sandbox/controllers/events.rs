//! core/v1 Events about pods, as the scheduler and the kubelet record them: what `kubectl
//! get events` lists and `kubectl describe pod` shows.

use serde_json::{Value, json};

use super::super::resources::index_of;
use super::super::store::{Key, fresh_metadata, now_rfc3339};
use super::startup::NODE_NAME;
use super::{Pass, text, uid};

/// Who reports an event.
#[derive(Clone, Copy)]
pub enum Source {
    Scheduler,
    Kubelet,
}

/// One event about a pod (or one of its containers).
pub struct PodEvent<'a> {
    pub container: Option<&'a str>,
    pub warning: bool,
    pub reason: &'a str,
    pub message: String,
    /// How many times it happened; a higher count updates the event.
    pub count: i64,
    pub source: Source,
}

impl Pass<'_> {
    /// Records an event once per pod, container, reason and message; a repeat with a new
    /// count updates its count and last time, as the real event recorder does.
    pub(super) fn pod_event(&mut self, pod: &Value, event: PodEvent<'_>) {
        let namespace = text(pod, "/metadata/namespace");
        let pod_name = text(pod, "/metadata/name");
        let identity = format!(
            "{}/{}/{}/{}",
            uid(pod),
            event.container.unwrap_or_default(),
            event.reason,
            event.message
        );
        let name = format!("{pod_name}.{:016x}", fnv(&identity));
        let key = Key::new(index_of("Event"), namespace, &name);
        let now = now_rfc3339();
        if let Some(existing) = self.store.get(&key) {
            if existing["count"].as_i64().unwrap_or(1) >= event.count {
                return;
            }
            let mut updated = existing.clone();
            updated["count"] = json!(event.count);
            updated["lastTimestamp"] = json!(now);
            self.store.put(key, updated);
            return;
        }
        let mut involved = json!({
            "apiVersion": "v1", "kind": "Pod", "name": pod_name, "namespace": namespace,
            "uid": uid(pod), "resourceVersion": text(pod, "/metadata/resourceVersion"),
        });
        if let Some(container) = event.container {
            involved["fieldPath"] = json!(format!("spec.containers{{{container}}}"));
        }
        let (component, host) = match event.source {
            Source::Scheduler => ("default-scheduler", None),
            Source::Kubelet => ("kubelet", Some(NODE_NAME)),
        };
        let mut source = json!({"component": component});
        if let Some(host) = host {
            source["host"] = json!(host);
        }
        let object = json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": namespace},
            "involvedObject": involved,
            "reason": event.reason,
            "message": event.message,
            "type": if event.warning { "Warning" } else { "Normal" },
            "source": source,
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": event.count.max(1),
            "reportingComponent": component,
            "reportingInstance": host.unwrap_or_default(),
        });
        self.store.put(key, fresh_metadata(object));
    }
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

//! The in-memory object store: objects by resource, namespace and name, the resourceVersion clock and the watch feed.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use serde_json::{Value, json};
use tokio::sync::broadcast;

use super::resources::{self, RESOURCES};

/// How many past events a watch may resume from; older resourceVersions get 410 Gone.
const HISTORY: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub resource: usize,
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(resource: usize, namespace: &str, name: &str) -> Self {
        Self {
            resource,
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// The key an object would be stored under, read from its own apiVersion and kind.
    pub fn of(object: &Value) -> Option<Self> {
        let resource = resources::find_kind(
            object.get("apiVersion")?.as_str()?,
            object.get("kind")?.as_str()?,
        )?;
        let metadata = object.get("metadata")?;
        Some(Self::new(
            resource,
            metadata
                .get("namespace")
                .and_then(Value::as_str)
                .unwrap_or(""),
            metadata.get("name")?.as_str()?,
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "ADDED",
            Self::Modified => "MODIFIED",
            Self::Deleted => "DELETED",
        }
    }
}

#[derive(Debug)]
pub struct Event {
    pub resource_version: u64,
    pub kind: EventType,
    pub resource: usize,
    pub object: Value,
}

pub struct Store {
    objects: BTreeMap<Key, Value>,
    resource_version: u64,
    history: VecDeque<Arc<Event>>,
    feed: broadcast::Sender<Arc<Event>>,
    /// Set on every change, cleared by the persistence task.
    pub dirty: bool,
}

impl Store {
    pub fn new() -> Self {
        let (feed, _) = broadcast::channel(4096);
        let mut store = Self {
            objects: BTreeMap::new(),
            resource_version: 0,
            history: VecDeque::new(),
            feed,
            dirty: false,
        };
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let namespace = json!({
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": {"name": name, "labels": {"kubernetes.io/metadata.name": name}},
                "spec": {"finalizers": ["kubernetes"]},
                "status": {"phase": "Active"},
            });
            store.put(
                Key::new(resources::NAMESPACE, "", name),
                fresh_metadata(namespace),
            );
        }
        store.dirty = false;
        store
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.objects.get(key)
    }

    pub fn contains(&self, key: &Key) -> bool {
        self.objects.contains_key(key)
    }

    /// Objects of one resource, in one namespace or all, ordered by namespace and name.
    pub fn list<'a>(
        &'a self,
        resource: usize,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a Key, &'a Value)> + 'a {
        let start = Key::new(resource, namespace.unwrap_or(""), "");
        self.objects.range(start..).take_while(move |(key, _)| {
            key.resource == resource && namespace.is_none_or(|ns| key.namespace == ns)
        })
    }

    pub fn keys_in_namespace(&self, namespace: &str) -> Vec<Key> {
        self.objects
            .keys()
            .filter(|key| RESOURCES[key.resource].namespaced && key.namespace == namespace)
            .cloned()
            .collect()
    }

    pub fn all(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.objects.iter()
    }

    /// Stores `object` under `key`, stamping a new resourceVersion and telling watchers.
    pub fn put(&mut self, key: Key, mut object: Value) -> Value {
        self.resource_version += 1;
        let resource_version = self.resource_version;
        if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            metadata.insert(
                "resourceVersion".into(),
                json!(resource_version.to_string()),
            );
        }
        let kind = if self.objects.contains_key(&key) {
            EventType::Modified
        } else {
            EventType::Added
        };
        let resource = key.resource;
        self.objects.insert(key, object.clone());
        self.publish(resource, kind, object.clone());
        object
    }

    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let mut object = self.objects.remove(key)?;
        self.resource_version += 1;
        if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            metadata.insert(
                "resourceVersion".into(),
                json!(self.resource_version.to_string()),
            );
        }
        self.publish(key.resource, EventType::Deleted, object.clone());
        Some(object)
    }

    fn publish(&mut self, resource: usize, kind: EventType, object: Value) {
        self.dirty = true;
        let event = Arc::new(Event {
            resource_version: self.resource_version,
            kind,
            resource,
            object,
        });
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(event.clone());
        // No receiver is fine: nobody watches.
        let _ = self.feed.send(event);
    }

    /// Subscribes to future events and returns the past ones after `since`,
    /// or `None` when `since` is older than the kept history.
    pub fn subscribe_since(
        &self,
        since: u64,
    ) -> (Option<Vec<Arc<Event>>>, broadcast::Receiver<Arc<Event>>) {
        let receiver = self.feed.subscribe();
        let oldest = self
            .history
            .front()
            .map_or(self.resource_version, |e| e.resource_version);
        if since + 1 < oldest && since < self.resource_version {
            return (None, receiver);
        }
        let past = self
            .history
            .iter()
            .filter(|event| event.resource_version > since)
            .cloned()
            .collect();
        (Some(past), receiver)
    }

    /// The whole state as JSON, taken under the lock and written after it.
    pub fn snapshot(&self) -> Vec<u8> {
        let objects: Vec<&Value> = self.objects.values().collect();
        let state = json!({"resourceVersion": self.resource_version, "objects": objects});
        serde_json::to_vec(&state).unwrap_or_default()
    }

    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let mut store = Self::new();
        let text = match std::fs::read(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(store),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        let state: Value = serde_json::from_slice(&text)
            .with_context(|| format!("`{}` is not a sandbox state file", path.display()))?;
        for object in state["objects"].as_array().into_iter().flatten() {
            if let Some(key) = Key::of(object) {
                store.objects.insert(key, object.clone());
            }
        }
        store.resource_version = state["resourceVersion"]
            .as_u64()
            .unwrap_or(0)
            .max(store.resource_version);
        store.history.clear();
        store.dirty = false;
        Ok(store)
    }
}

/// Writes a snapshot so that a crash mid-write leaves the previous state intact.
pub fn write_snapshot(path: &Path, snapshot: &[u8]) -> anyhow::Result<()> {
    let temporary = path.with_extension("tmp");
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    std::fs::write(&temporary, snapshot)
        .with_context(|| format!("cannot write `{}`", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// Adds uid and creationTimestamp to a new object.
pub fn fresh_metadata(mut object: Value) -> Value {
    if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        metadata.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
        metadata.insert("creationTimestamp".into(), json!(now_rfc3339()));
    }
    object
}

pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// Formats a time as the API does (`2024-05-01T12:00:00Z`, whole seconds).
pub fn rfc3339(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days to civil date, after Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_formats_a_known_instant() {
        let time = UNIX_EPOCH + Duration::from_secs(1_709_251_199);
        assert_eq!(rfc3339(time), "2024-02-29T23:59:59Z");
    }

    #[test]
    fn list_stays_within_one_namespace() {
        let mut store = Store::new();
        for (namespace, name) in [("a", "x"), ("b", "y"), ("a", "z")] {
            let object = json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": name, "namespace": namespace}});
            store.put(Key::new(2, namespace, name), object);
        }
        let names: Vec<&str> = store
            .list(2, Some("a"))
            .map(|(key, _)| key.name.as_str())
            .collect();
        assert_eq!(names, ["x", "z"]);
        assert_eq!(store.list(2, None).count(), 3);
    }
}

//! Watches: chunked JSON events, resuming from a resourceVersion, and watch-list with its closing bookmark.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::broadcast;

use super::Shared;
use super::error::{ApiError, ApiResult};
use super::resources::RESOURCES;
use super::selectors::Selector;
use super::server::{field_selector, streaming_response};
use super::store::{Event, EventType};

/// How long a watch lasts when the client does not say.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1800);

struct Filter {
    resource: usize,
    namespace: Option<String>,
    labels: Selector,
    fields: Selector,
}

impl Filter {
    fn admits(&self, resource: usize, object: &Value) -> bool {
        resource == self.resource
            && self.namespace.as_deref().is_none_or(|ns| {
                object
                    .pointer("/metadata/namespace")
                    .and_then(Value::as_str)
                    == Some(ns)
            })
            && self.labels.matches_labels(object)
            && self.fields.matches_fields(object)
    }
}

fn line(kind: &str, object: &Value) -> Bytes {
    let mut bytes =
        serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap_or_default();
    bytes.push(b'\n');
    Bytes::from(bytes)
}

struct WatchState {
    pending: VecDeque<Bytes>,
    receiver: Option<broadcast::Receiver<Arc<Event>>>,
    after: u64,
    filter: Filter,
    deadline: tokio::time::Instant,
    shutdown: tokio::sync::watch::Receiver<bool>,
}

pub fn serve(
    shared: &Arc<Shared>,
    resource: usize,
    namespace: Option<String>,
    query: &HashMap<String, String>,
) -> ApiResult<Response> {
    let labels = Selector::parse_labels(query.get("labelSelector").map_or("", String::as_str))
        .map_err(ApiError::bad_request)?;
    let filter = Filter {
        resource,
        namespace,
        labels,
        fields: field_selector(query)?,
    };
    let flag = |name: &str| query.get(name).is_some_and(|v| v == "true" || v == "1");
    let bookmarks = flag("allowWatchBookmarks");
    let timeout = query
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs);
    let requested = query
        .get("resourceVersion")
        .map(String::as_str)
        .unwrap_or_default();
    let kind = &RESOURCES[resource];

    let mut pending = VecDeque::new();
    let (receiver, after) = {
        let store = shared
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = store.resource_version();
        if flag("sendInitialEvents") || requested.is_empty() || requested == "0" {
            // Start from the current state: every matching object as ADDED.
            for (_, object) in store.list(resource, filter.namespace.as_deref()) {
                if filter.admits(resource, object) {
                    pending.push_back(line("ADDED", object));
                }
            }
            if flag("sendInitialEvents") && bookmarks {
                // The bookmark must be of the watched kind, or client-go keeps waiting for it.
                let bookmark = json!({
                    "kind": kind.kind,
                    "apiVersion": kind.api_version(),
                    "metadata": {
                        "resourceVersion": now.to_string(),
                        "annotations": {"k8s.io/initial-events-end": "true"},
                    },
                });
                pending.push_back(line("BOOKMARK", &bookmark));
            }
            let (_, receiver) = store.subscribe_since(now);
            (Some(receiver), now)
        } else {
            let since = requested.parse::<u64>().map_err(|_| {
                ApiError::bad_request(format!("invalid resourceVersion `{requested}`"))
            })?;
            match store.subscribe_since(since) {
                (Some(past), receiver) => {
                    for event in past.iter().filter(|e| filter.admits(e.resource, &e.object)) {
                        pending.push_back(line(event.kind.as_str(), &event.object));
                    }
                    (Some(receiver), now)
                }
                (None, _) => {
                    let gone = ApiError::new(
                        410,
                        "Expired",
                        format!("too old resource version: {since} ({now})"),
                    );
                    pending.push_back(line("ERROR", &gone.status()));
                    (None, now)
                }
            }
        }
    };
    let state = WatchState {
        pending,
        receiver,
        after,
        filter,
        deadline: tokio::time::Instant::now() + timeout,
        shutdown: shared.shutdown.clone(),
    };
    let stream = futures_util::stream::unfold(state, next_chunk);
    Ok(streaming_response(Body::from_stream(stream)))
}

async fn next_chunk(mut state: WatchState) -> Option<(Result<Bytes, Infallible>, WatchState)> {
    loop {
        if let Some(bytes) = state.pending.pop_front() {
            return Some((Ok(bytes), state));
        }
        if *state.shutdown.borrow() {
            return None;
        }
        let receiver = state.receiver.as_mut()?;
        let event = tokio::select! {
            event = receiver.recv() => event,
            () = tokio::time::sleep_until(state.deadline) => return None,
            _ = state.shutdown.changed() => return None,
        };
        match event {
            Ok(event) => {
                if event.resource_version > state.after
                    && state.filter.admits(event.resource, &event.object)
                {
                    state.after = event.resource_version;
                    let kind = match event.kind {
                        EventType::Added => "ADDED",
                        EventType::Modified => "MODIFIED",
                        EventType::Deleted => "DELETED",
                    };
                    state.pending.push_back(line(kind, &event.object));
                }
            }
            // A watcher that fell behind is closed; the client re-lists, as with a real server.
            Err(_) => return None,
        }
    }
}

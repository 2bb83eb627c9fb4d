//! Simulated controllers: Deployments get ReplicaSets and Pods, Pods become ready (or crash loop), Jobs finish, load balancers get hostnames.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::Shared;
use super::ops;
use super::resources::{RESOURCES, index_of};
use super::store::{Key, Store, fresh_metadata, now_rfc3339};

mod events;
mod pods;
mod services;
mod startup;

/// What the controllers remember between passes, in memory only.
#[derive(Default)]
struct Memory {
    /// When each pod (by uid) was first seen: it becomes ready `ready_delay` later.
    pod_seen: HashMap<String, Instant>,
    /// When each deployment's current rollout (by uid, with its template hash) started.
    rollout_seen: HashMap<String, (String, Instant)>,
}

struct Pass<'a> {
    store: &'a mut Store,
    memory: &'a mut Memory,
    ready_delay: Duration,
    patterns: startup::Patterns<'a>,
    now: Instant,
    /// The soonest moment something will change without a write.
    next_wake: Option<Instant>,
}

pub async fn run(shared: Arc<Shared>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let mut memory = Memory::default();
    loop {
        let pass_started = Instant::now();
        let next_wake = {
            let mut store = shared
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let mut pass = Pass {
                store: &mut store,
                memory: &mut memory,
                ready_delay: shared.options.ready_delay,
                patterns: startup::Patterns {
                    crash: &shared.options.failure_image_pattern,
                    image_pull: &shared.failures.image_pull,
                    oom_kill: &shared.failures.oom_kill,
                },
                now: Instant::now(),
                next_wake: None,
            };
            pass.reconcile();
            pass.next_wake
        };
        let sleep_until = next_wake.unwrap_or_else(|| Instant::now() + Duration::from_secs(5));
        tokio::select! {
            () = shared.wake.notified() => {
                // Let a burst of writes (a whole chart) land before reacting, and leave the
                // store to the API at least two thirds of the time when passes grow long.
                let pause = (pass_started.elapsed() * 2).max(Duration::from_millis(10));
                tokio::time::sleep(pause).await;
            }
            () = tokio::time::sleep_until(sleep_until) => {}
            _ = shutdown.changed() => return,
        }
    }
}

fn text<'v>(object: &'v Value, pointer: &str) -> &'v str {
    object
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn uid(object: &Value) -> String {
    text(object, "/metadata/uid").to_string()
}

/// A short stable name suffix for a pod template, from the characters Kubernetes uses.
fn template_hash(template: &Value) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in template.to_string().bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..10)
        .map(|index| ALPHABET[((hash >> (index * 6)) % ALPHABET.len() as u64) as usize] as char)
        .collect()
}

fn owner_reference(owner: &Value) -> Value {
    json!({
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"],
        "controller": true,
        "blockOwnerDeletion": true,
    })
}

fn condition(
    kind: &str,
    status: bool,
    reason: &str,
    message: &str,
    previous: Option<&Value>,
) -> Value {
    let status = if status { "True" } else { "False" };
    let now = now_rfc3339();
    let previous = previous
        .and_then(|s| s.get("conditions"))
        .and_then(Value::as_array)
        .and_then(|all| all.iter().find(|c| c["type"] == kind));
    // Keep the transition time while the status holds, as the real controllers do.
    let transition = match previous {
        Some(previous) if previous["status"] == status => previous["lastTransitionTime"].clone(),
        _ => json!(now),
    };
    let mut condition = json!({"type": kind, "status": status, "reason": reason, "message": message, "lastTransitionTime": transition});
    if let Some(previous) = previous.filter(|p| p["status"] == status && p["reason"] == reason) {
        if let Some(update) = previous.get("lastUpdateTime") {
            condition["lastUpdateTime"] = update.clone();
        }
    } else if matches!(kind, "Available" | "Progressing") {
        condition["lastUpdateTime"] = json!(now);
    }
    condition
}

#[derive(Default, Clone, Copy)]
struct PodCounts {
    total: i64,
    ready: i64,
    succeeded: i64,
    failed: i64,
}

impl Pass<'_> {
    fn reconcile(&mut self) {
        // A few rounds, so that a Deployment reaches its pods within one wake-up.
        for _ in 0..4 {
            let before = self.store.resource_version();
            self.deployments();
            self.pod_owners("ReplicaSet");
            self.pod_owners("DaemonSet");
            self.pod_owners("StatefulSet");
            self.pod_owners("Job");
            self.kubelet();
            self.owner_statuses();
            self.deployment_statuses();
            self.load_balancers();
            if self.store.resource_version() == before {
                break;
            }
        }
    }

    fn wake_at(&mut self, at: Instant) {
        if at > self.now {
            self.next_wake = Some(self.next_wake.map_or(at, |next| next.min(at)));
        }
    }

    fn objects(&self, kind: &str) -> Vec<(Key, Value)> {
        self.store
            .list(index_of(kind), None)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Objects of one kind by the uid of each of their owners, so that a pass stays linear.
    fn children(&self, kind: &str) -> HashMap<String, Vec<Key>> {
        let mut index: HashMap<String, Vec<Key>> = HashMap::new();
        for (key, object) in self.store.list(index_of(kind), None) {
            let owners = object
                .pointer("/metadata/ownerReferences")
                .and_then(Value::as_array);
            for owner in owners.into_iter().flatten() {
                if let Some(owner_uid) = owner["uid"].as_str() {
                    index
                        .entry(owner_uid.to_string())
                        .or_default()
                        .push(key.clone());
                }
            }
        }
        index
    }

    fn owned(&self, index: &HashMap<String, Vec<Key>>, owner_uid: &str) -> Vec<(Key, Value)> {
        index
            .get(owner_uid)
            .into_iter()
            .flatten()
            .filter_map(|key| Some((key.clone(), self.store.get(key)?.clone())))
            .collect()
    }

    fn put_if_changed(&mut self, key: Key, old: &Value, new: Value) {
        if &new != old {
            self.store.put(key, new);
        }
    }

    fn create(&mut self, mut object: Value) {
        let resource = index_of(text(&object, "/kind"));
        if RESOURCES[resource].has_generation {
            object["metadata"]["generation"] = json!(1);
        }
        let key = Key::new(
            resource,
            text(&object, "/metadata/namespace"),
            text(&object, "/metadata/name"),
        );
        if !self.store.contains(&key) {
            self.store.put(key, fresh_metadata(object));
        }
    }

    fn delete(&mut self, key: &Key) {
        let _ = ops::delete(self.store, key, "Background", false);
    }

    /// Each Deployment owns one ReplicaSet per pod template; only the current one has replicas.
    fn deployments(&mut self) {
        let replica_sets = self.children("ReplicaSet");
        for (key, deployment) in self.objects("Deployment") {
            let template = deployment
                .pointer("/spec/template")
                .cloned()
                .unwrap_or_else(|| json!({}));
            let hash = template_hash(&template);
            let replicas = deployment
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let current_name = format!("{}-{hash}", key.name);
            let mut found = false;
            for (rs_key, replica_set) in self.owned(&replica_sets, &uid(&deployment)) {
                let wanted = if rs_key.name == current_name {
                    found = true;
                    replicas
                } else {
                    0
                };
                if replica_set
                    .pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    != Some(wanted)
                {
                    let mut scaled = replica_set.clone();
                    scaled["spec"]["replicas"] = json!(wanted);
                    let generation = scaled["metadata"]["generation"].as_i64().unwrap_or(1);
                    scaled["metadata"]["generation"] = json!(generation + 1);
                    self.store.put(rs_key, scaled);
                }
            }
            if !found {
                let mut template = template.clone();
                template["metadata"]["labels"]["pod-template-hash"] = json!(hash);
                let mut selector = deployment
                    .pointer("/spec/selector")
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                selector["matchLabels"]["pod-template-hash"] = json!(hash);
                self.create(json!({
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "metadata": {
                        "name": current_name,
                        "namespace": key.namespace,
                        "labels": template["metadata"]["labels"],
                        "ownerReferences": [owner_reference(&deployment)],
                    },
                    "spec": {"replicas": replicas, "selector": selector, "template": template},
                }));
            }
        }
    }

    fn pod_counts(&self, pods: &HashMap<String, Vec<Key>>, owner_uid: &str) -> PodCounts {
        let mut counts = PodCounts::default();
        for key in pods.get(owner_uid).into_iter().flatten() {
            let Some(pod) = self.store.get(key) else {
                continue;
            };
            counts.total += 1;
            let ready = pod
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .is_some_and(|c| {
                    c.iter()
                        .any(|c| c["type"] == "Ready" && c["status"] == "True")
                });
            counts.ready += i64::from(ready);
            counts.succeeded += i64::from(text(pod, "/status/phase") == "Succeeded");
            counts.failed += i64::from(text(pod, "/status/phase") == "Failed");
        }
        counts
    }

    fn owner_statuses(&mut self) {
        let pod_index = self.children("Pod");
        let mut changed = Vec::new();
        for kind in ["ReplicaSet", "StatefulSet", "DaemonSet", "Job"] {
            // Borrow, and clone only what changes: most owners are settled.
            for (key, owner) in self.store.list(index_of(kind), None) {
                let counts = self.pod_counts(&pod_index, &uid(owner));
                let generation = owner
                    .pointer("/metadata/generation")
                    .cloned()
                    .unwrap_or(json!(1));
                let previous = owner.get("status");
                let status = match kind {
                    "ReplicaSet" => {
                        json!({"replicas": counts.total, "fullyLabeledReplicas": counts.total,
                        "readyReplicas": counts.ready, "availableReplicas": counts.ready, "observedGeneration": generation})
                    }
                    "StatefulSet" => {
                        let revision =
                            format!("{}-{}", key.name, template_hash(&owner["spec"]["template"]));
                        json!({"replicas": counts.total, "readyReplicas": counts.ready, "currentReplicas": counts.total,
                            "updatedReplicas": counts.total, "availableReplicas": counts.ready, "currentRevision": revision,
                            "updateRevision": revision, "collisionCount": 0, "observedGeneration": generation})
                    }
                    "DaemonSet" => {
                        json!({"desiredNumberScheduled": 1, "currentNumberScheduled": counts.total,
                        "updatedNumberScheduled": counts.total, "numberReady": counts.ready, "numberAvailable": counts.ready,
                        "numberMisscheduled": 0, "observedGeneration": generation})
                    }
                    _ => job_status(owner, counts, previous),
                };
                if previous != Some(&status) {
                    let mut updated = owner.clone();
                    updated["status"] = status;
                    changed.push((key.clone(), updated));
                }
            }
        }
        for (key, updated) in changed {
            self.store.put(key, updated);
        }
    }

    fn deployment_statuses(&mut self) {
        let replica_sets = self.children("ReplicaSet");
        let pod_index = self.children("Pod");
        for (key, deployment) in self.objects("Deployment") {
            let desired = deployment
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let hash = template_hash(
                &deployment
                    .pointer("/spec/template")
                    .cloned()
                    .unwrap_or_else(|| json!({})),
            );
            let current_name = format!("{}-{hash}", key.name);
            let (mut total, mut ready, mut updated_count) = (0, 0, 0);
            for (rs_key, replica_set) in self.owned(&replica_sets, &uid(&deployment)) {
                let counts = self.pod_counts(&pod_index, &uid(&replica_set));
                total += counts.total;
                ready += counts.ready;
                if rs_key.name == current_name {
                    updated_count = counts.total;
                }
            }
            let complete = updated_count == desired && total == desired && ready == desired;
            let rollout = self
                .memory
                .rollout_seen
                .entry(uid(&deployment))
                .or_insert((hash.clone(), self.now));
            if rollout.0 != hash {
                *rollout = (hash.clone(), self.now);
            }
            let started = rollout.1;
            // A failing rollout reports the deadline after a few ready delays, not 10 minutes;
            // a healthy one never does, however slow the machine.
            let deadline = (self.ready_delay * 3).max(Duration::from_millis(100));
            let pod_spec = deployment
                .pointer("/spec/template/spec")
                .cloned()
                .unwrap_or_else(|| json!({}));
            let failing = startup::unschedulable(&pod_spec).is_some()
                || pod_spec["containers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| {
                        startup::behaviour(self.store, &key.namespace, c, self.patterns)
                            != startup::Behaviour::Healthy
                    });
            let progressing = if complete {
                condition(
                    "Progressing",
                    true,
                    "NewReplicaSetAvailable",
                    &format!("ReplicaSet \"{current_name}\" has successfully progressed."),
                    deployment.get("status"),
                )
            } else if failing && self.now.saturating_duration_since(started) >= deadline {
                condition(
                    "Progressing",
                    false,
                    "ProgressDeadlineExceeded",
                    &format!("ReplicaSet \"{current_name}\" has timed out progressing."),
                    deployment.get("status"),
                )
            } else {
                self.wake_at(started + deadline);
                condition(
                    "Progressing",
                    true,
                    "ReplicaSetUpdated",
                    &format!("ReplicaSet \"{current_name}\" is progressing."),
                    deployment.get("status"),
                )
            };
            let available = if ready >= desired {
                condition(
                    "Available",
                    true,
                    "MinimumReplicasAvailable",
                    "Deployment has minimum availability.",
                    deployment.get("status"),
                )
            } else {
                condition(
                    "Available",
                    false,
                    "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.",
                    deployment.get("status"),
                )
            };
            let mut status = json!({
                "observedGeneration": deployment.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
                "replicas": total,
                "updatedReplicas": updated_count,
                "readyReplicas": ready,
                "availableReplicas": ready,
                "conditions": [available, progressing],
            });
            if desired > ready {
                status["unavailableReplicas"] = json!(desired - ready);
            }
            let mut updated = deployment.clone();
            updated["status"] = status;
            self.put_if_changed(key, &deployment, updated);
        }
    }
}

fn job_status(job: &Value, counts: PodCounts, previous: Option<&Value>) -> Value {
    let completions = job
        .pointer("/spec/completions")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let keep = |field: &str| previous.and_then(|s| s.get(field)).cloned();
    let start = keep("startTime").unwrap_or_else(|| json!(now_rfc3339()));
    let active = counts.total - counts.succeeded - counts.failed;
    let mut status = json!({"startTime": start, "active": active, "ready": counts.ready, "succeeded": counts.succeeded, "failed": counts.failed});
    if counts.failed > 0 {
        let message = "Job has reached the specified backoff limit";
        status["conditions"] = json!([
            condition(
                "FailureTarget",
                true,
                "BackoffLimitExceeded",
                message,
                previous
            ),
            condition("Failed", true, "BackoffLimitExceeded", message, previous),
        ]);
    } else if counts.succeeded >= completions {
        status["conditions"] = json!([
            condition(
                "SuccessCriteriaMet",
                true,
                "CompletionsReached",
                "Reached expected number of succeeded pods",
                previous
            ),
            condition(
                "Complete",
                true,
                "CompletionsReached",
                "Reached expected number of succeeded pods",
                previous
            ),
        ]);
        status["completionTime"] = keep("completionTime").unwrap_or_else(|| json!(now_rfc3339()));
    }
    if let Some(map) = status.as_object_mut() {
        map.retain(|_, value| value != &json!(0));
    }
    status
}

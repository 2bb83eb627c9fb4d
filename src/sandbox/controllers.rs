//! Simulated controllers: Deployments get ReplicaSets and Pods, Pods become ready (or crash loop), Jobs finish, load balancers get hostnames.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::Shared;
use super::ops;
use super::resources::{RESOURCES, index_of};
use super::selectors::Selector;
use super::store::{Key, Store, fresh_metadata, now_rfc3339};

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
    failure_pattern: &'a str,
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
                failure_pattern: &shared.options.failure_image_pattern,
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

    /// ReplicaSets, DaemonSets, StatefulSets and Jobs keep their number of pods.
    fn pod_owners(&mut self, kind: &str) {
        let pod_index = self.children("Pod");
        for (key, owner) in self.objects(kind) {
            let template = owner
                .pointer("/spec/template")
                .cloned()
                .unwrap_or_else(|| json!({}));
            let hash = template_hash(&template);
            let wanted = match kind {
                "DaemonSet" => 1,
                "Job" => owner
                    .pointer("/spec/completions")
                    .and_then(Value::as_i64)
                    .unwrap_or(1),
                _ => owner
                    .pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(1),
            };
            let mut pods = self.owned(&pod_index, &uid(&owner));
            if kind != "Job" && kind != "ReplicaSet" {
                // A changed template replaces the pods, all at once.
                for (pod_key, pod) in &pods {
                    if text(pod, "/metadata/labels/sleak.dev~1template-hash") != hash {
                        self.delete(pod_key);
                    }
                }
                pods.retain(|(pod_key, _)| self.store.contains(pod_key));
            }
            let count = pods.len() as i64;
            if count > wanted && kind != "Job" {
                for (pod_key, _) in pods.iter().rev().take((count - wanted) as usize) {
                    self.delete(pod_key);
                }
            }
            for index in count..wanted {
                let name = match kind {
                    "StatefulSet" => format!("{}-{index}", key.name),
                    _ => format!(
                        "{}-{}",
                        key.name,
                        &uuid::Uuid::new_v4().simple().to_string()[..5]
                    ),
                };
                self.create(pod_from_template(&owner, &template, &name, &hash, kind));
            }
        }
    }

    /// Pods start after `ready_delay`: running and ready, finished for Jobs, or failing
    /// when an image matches the failure pattern.
    fn kubelet(&mut self) {
        for (key, pod) in self.objects("Pod") {
            let phase = text(&pod, "/status/phase");
            if phase == "Succeeded" || phase == "Failed" {
                continue;
            }
            let seen = *self.memory.pod_seen.entry(uid(&pod)).or_insert(self.now);
            let elapsed = self.now.saturating_duration_since(seen);
            let containers: Vec<Value> = pod
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let failing = containers
                .iter()
                .any(|c| text(c, "/image").contains(self.failure_pattern));
            let runs_to_completion =
                matches!(text(&pod, "/spec/restartPolicy"), "Never" | "OnFailure");
            if elapsed < self.ready_delay {
                self.wake_at(seen + self.ready_delay);
                continue;
            }
            let started = now_rfc3339();
            let restarts = if failing && !runs_to_completion {
                let rounds = (elapsed.as_millis() / self.ready_delay.as_millis().max(1)) as i64;
                if rounds < 5 {
                    self.wake_at(seen + self.ready_delay * (rounds as u32 + 1));
                }
                rounds.min(5)
            } else {
                0
            };
            let statuses: Vec<Value> = containers
                .iter()
                .map(|container| {
                    let name = text(container, "/name");
                    let image = text(container, "/image");
                    let (state, ready, last) = match (failing, runs_to_completion) {
                        (false, false) => (json!({"running": {"startedAt": started}}), true, json!({})),
                        (false, true) => (json!({"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": started, "finishedAt": started}}), false, json!({})),
                        (true, true) => (json!({"terminated": {"exitCode": 1, "reason": "Error", "startedAt": started, "finishedAt": started}}), false, json!({})),
                        (true, false) => (
                            json!({"waiting": {"reason": "CrashLoopBackOff", "message": format!("back-off 10s restarting failed container={name} pod={}", key.name)}}),
                            false,
                            json!({"terminated": {"exitCode": 1, "reason": "Error", "startedAt": started, "finishedAt": started}}),
                        ),
                    };
                    json!({"name": name, "image": image, "imageID": format!("{image}@sha256:sandbox"), "ready": ready,
                        "started": ready, "restartCount": restarts, "state": state, "lastState": last})
                })
                .collect();
            let ready = !failing && !runs_to_completion;
            let new_phase = match (failing, runs_to_completion) {
                (false, true) => "Succeeded",
                (true, true) => "Failed",
                _ => "Running",
            };
            let mut updated = pod.clone();
            let previous = pod.get("status").cloned();
            let keep = |field: &str| previous.as_ref().and_then(|s| s.get(field)).cloned();
            let ready_reason = if ready {
                ""
            } else if runs_to_completion {
                "PodCompleted"
            } else {
                "ContainersNotReady"
            };
            let conditions: Vec<Value> = [
                ("PodScheduled", true),
                ("Initialized", true),
                ("ContainersReady", ready),
                ("Ready", ready),
            ]
            .iter()
            .map(|(kind, status)| {
                condition(
                    kind,
                    *status,
                    if *status { "" } else { ready_reason },
                    "",
                    previous.as_ref(),
                )
            })
            .map(|mut c| {
                if let Some(map) = c.as_object_mut() {
                    map.retain(|k, v| k != "lastUpdateTime" && v != "");
                }
                c
            })
            .collect();
            // Keep earlier timestamps so that an unchanged pod is not rewritten.
            let mut status = json!({
                "phase": new_phase,
                "conditions": conditions,
                "hostIP": "10.0.0.10",
                "podIP": keep("podIP").unwrap_or_else(|| json!(pod_ip(&key.name))),
                "startTime": keep("startTime").unwrap_or_else(|| json!(started)),
                "containerStatuses": statuses,
                "qosClass": "BestEffort",
            });
            if let Some(old_statuses) = previous.as_ref().and_then(|s| s.get("containerStatuses"))
                && same_shape(old_statuses, &status["containerStatuses"])
            {
                status["containerStatuses"] = old_statuses.clone();
            }
            updated["status"] = status;
            self.put_if_changed(key, &pod, updated);
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
        for kind in ["ReplicaSet", "StatefulSet", "DaemonSet", "Job"] {
            for (key, owner) in self.objects(kind) {
                let counts = self.pod_counts(&pod_index, &uid(&owner));
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
                    _ => job_status(&owner, counts, previous),
                };
                let mut updated = owner.clone();
                updated["status"] = status;
                self.put_if_changed(key, &owner, updated);
            }
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
            let failing = deployment
                .pointer("/spec/template/spec/containers")
                .and_then(Value::as_array)
                .is_some_and(|c| {
                    c.iter()
                        .any(|c| text(c, "/image").contains(self.failure_pattern))
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

    /// LoadBalancer Services and Ingresses get a hostname, as a cloud controller would give.
    fn load_balancers(&mut self) {
        for kind in ["Service", "Ingress"] {
            for (key, object) in self.objects(kind) {
                if kind == "Service" && text(&object, "/spec/type") != "LoadBalancer" {
                    continue;
                }
                let hostname = format!("{}-{}.elb.sandbox.localhost", key.name, key.namespace);
                let mut updated = object.clone();
                updated["status"]["loadBalancer"] = json!({"ingress": [{"hostname": hostname}]});
                self.put_if_changed(key, &object, updated);
            }
        }
        self.endpoints();
    }

    /// Services with a selector list their ready pods as Endpoints.
    fn endpoints(&mut self) {
        for (key, service) in self.objects("Service") {
            let Some(selector) = service
                .pointer("/spec/selector")
                .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
            else {
                continue;
            };
            let selector = Selector::from_label_selector(&json!({"matchLabels": selector}));
            let addresses: Vec<Value> = self
                .store
                .list(index_of("Pod"), Some(&key.namespace))
                .filter(|(_, pod)| selector.matches_labels(pod) && text(pod, "/status/phase") == "Running")
                .filter(|(_, pod)| pod.pointer("/status/containerStatuses/0/ready") == Some(&json!(true)))
                .map(|(pod_key, pod)| json!({"ip": text(pod, "/status/podIP"), "targetRef": {"kind": "Pod", "name": pod_key.name, "namespace": pod_key.namespace}}))
                .collect();
            let ports: Vec<Value> = service
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| json!({"name": p.get("name").cloned().unwrap_or(json!("")), "port": p.get("targetPort").filter(|t| t.is_number()).unwrap_or(&p["port"]), "protocol": p.get("protocol").cloned().unwrap_or(json!("TCP"))}))
                .collect();
            let subsets = if addresses.is_empty() {
                json!([])
            } else {
                json!([{"addresses": addresses, "ports": ports}])
            };
            let endpoints_key = Key::new(index_of("Endpoints"), &key.namespace, &key.name);
            match self.store.get(&endpoints_key).cloned() {
                Some(existing) => {
                    let mut updated = existing.clone();
                    updated["subsets"] = subsets;
                    self.put_if_changed(endpoints_key, &existing, updated);
                }
                None => self.create(json!({
                    "apiVersion": "v1", "kind": "Endpoints",
                    "metadata": {"name": key.name, "namespace": key.namespace, "ownerReferences": [owner_reference(&service)]},
                    "subsets": subsets,
                })),
            }
        }
    }
}

fn same_shape(old: &Value, new: &Value) -> bool {
    let strip = |statuses: &Value| -> Value {
        let mut copy = statuses.clone();
        for status in copy.as_array_mut().into_iter().flatten() {
            for state in ["state", "lastState"] {
                if let Some(inner) = status.get_mut(state).and_then(Value::as_object_mut) {
                    for detail in inner.values_mut().filter_map(Value::as_object_mut) {
                        detail.remove("startedAt");
                        detail.remove("finishedAt");
                    }
                }
            }
        }
        copy
    };
    strip(old) == strip(new)
}

fn pod_ip(name: &str) -> String {
    let hash = name
        .bytes()
        .fold(17_u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("10.244.{}.{}", hash % 250 + 1, (hash / 250) % 250 + 2)
}

fn pod_from_template(
    owner: &Value,
    template: &Value,
    name: &str,
    hash: &str,
    owner_kind: &str,
) -> Value {
    let namespace = text(owner, "/metadata/namespace");
    let mut labels = template
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or_else(|| json!({}));
    labels["sleak.dev/template-hash"] = json!(hash);
    match owner_kind {
        "StatefulSet" => {
            labels["statefulset.kubernetes.io/pod-name"] = json!(name);
            labels["controller-revision-hash"] =
                json!(format!("{}-{hash}", text(owner, "/metadata/name")));
        }
        "Job" => {
            labels["job-name"] = json!(text(owner, "/metadata/name"));
            labels["batch.kubernetes.io/job-name"] = json!(text(owner, "/metadata/name"));
            labels["controller-uid"] = json!(uid(owner));
        }
        _ => {}
    }
    let mut spec = template.get("spec").cloned().unwrap_or_else(|| json!({}));
    spec["nodeName"] = json!("sandbox-node");
    if spec.get("restartPolicy").is_none() {
        spec["restartPolicy"] = json!(if owner_kind == "Job" {
            "Never"
        } else {
            "Always"
        });
    }
    let mut metadata = json!({"name": name, "namespace": namespace, "labels": labels, "ownerReferences": [owner_reference(owner)]});
    if let Some(annotations) = template.pointer("/metadata/annotations") {
        metadata["annotations"] = annotations.clone();
    }
    let waiting: Vec<Value> = spec["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| json!({"name": c["name"], "image": c["image"], "imageID": "", "ready": false, "started": false, "restartCount": 0,
            "state": {"waiting": {"reason": "ContainerCreating"}}}))
        .collect();
    json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec,
        "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}], "containerStatuses": waiting, "qosClass": "BestEffort"},
    })
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

//! The pod side of the simulation: owners keep their number of pods, and a kubelet stand-in starts them.

use serde_json::{Value, json};

use super::super::resources::index_of;
use super::super::store::Key;
use super::{Pass, condition, now_rfc3339, owner_reference, template_hash, text, uid};

/// A crash-looping container counts restarts up to this, then rests.
const MAX_RESTARTS: i64 = 5;

impl Pass<'_> {
    /// ReplicaSets, DaemonSets, StatefulSets and Jobs keep their number of pods.
    pub(super) fn pod_owners(&mut self, kind: &str) {
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
    pub(super) fn kubelet(&mut self) {
        let unsettled: Vec<(Key, Value)> = self
            .store
            .list(index_of("Pod"), None)
            .filter(|(_, pod)| !settled(pod))
            .map(|(key, pod)| (key.clone(), pod.clone()))
            .collect();
        for (key, pod) in unsettled {
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
                if rounds < MAX_RESTARTS {
                    self.wake_at(seen + self.ready_delay * (rounds as u32 + 1));
                }
                rounds.min(MAX_RESTARTS)
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
}

/// A pod that will not change by itself any more: finished, ready, or done counting restarts.
fn settled(pod: &Value) -> bool {
    let phase = text(pod, "/status/phase");
    if phase == "Succeeded" || phase == "Failed" {
        return true;
    }
    let statuses = pod
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array);
    phase == "Running"
        && statuses.is_some_and(|all| {
            !all.is_empty()
                && all.iter().all(|status| {
                    status["ready"] == true || status["restartCount"].as_i64() >= Some(MAX_RESTARTS)
                })
        })
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

//! The pod side of the simulation: owners keep their number of pods, and a kubelet stand-in starts them.

use serde_json::{Value, json};

use super::super::resources::index_of;
use super::super::store::Key;
use super::events::{PodEvent, Source};
use super::startup::{self, Behaviour, NODE_NAME};
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

    /// Pods are scheduled (or not), then start after `ready_delay`: running and ready,
    /// finished for Jobs, or failing as their images and references say (see
    /// [`startup::behaviour`]).
    pub(super) fn kubelet(&mut self) {
        let unsettled: Vec<(Key, Value)> = self
            .store
            .list(index_of("Pod"), None)
            .filter(|(_, pod)| !settled(pod))
            .map(|(key, pod)| (key.clone(), pod.clone()))
            .collect();
        for (key, mut pod) in unsettled {
            let phase = text(&pod, "/status/phase");
            if phase == "Succeeded" || phase == "Failed" {
                continue;
            }
            if let Some(message) = startup::unschedulable(&pod["spec"]) {
                self.leave_pending(key, &pod, message);
                continue;
            }
            self.pod_event(
                &pod,
                PodEvent {
                    container: None,
                    warning: false,
                    reason: "Scheduled",
                    message: format!(
                        "Successfully assigned {}/{} to {NODE_NAME}",
                        key.namespace, key.name
                    ),
                    count: 1,
                    source: Source::Scheduler,
                },
            );
            // A pod created directly (not from a template) is bound when scheduled.
            if pod.pointer("/spec/nodeName").is_none() {
                let mut bound = pod.clone();
                bound["spec"]["nodeName"] = json!(NODE_NAME);
                self.store.put(key.clone(), bound.clone());
                pod = bound;
            }
            let seen = *self.memory.pod_seen.entry(uid(&pod)).or_insert(self.now);
            let elapsed = self.now.saturating_duration_since(seen);
            if elapsed < self.ready_delay {
                self.wake_at(seen + self.ready_delay);
                continue;
            }
            let containers: Vec<Value> = pod
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let behaviours: Vec<Behaviour> = containers
                .iter()
                .map(|c| startup::behaviour(self.store, &key.namespace, c, self.patterns))
                .collect();
            let runs_to_completion =
                matches!(text(&pod, "/spec/restartPolicy"), "Never" | "OnFailure");
            let exits = behaviours
                .iter()
                .any(|b| matches!(b, Behaviour::Exits { .. }));
            let stuck = behaviours
                .iter()
                .any(|b| matches!(b, Behaviour::PullFailure | Behaviour::ConfigError(_)));
            let started = now_rfc3339();
            let rounds = if exits && !runs_to_completion {
                let rounds = (elapsed.as_millis() / self.ready_delay.as_millis().max(1)) as i64;
                if rounds < MAX_RESTARTS {
                    self.wake_at(seen + self.ready_delay * (rounds as u32 + 1));
                }
                rounds.min(MAX_RESTARTS)
            } else {
                0
            };
            // Pulls fail, then back off.
            let backing_off = elapsed >= self.ready_delay * 2;
            if !backing_off {
                self.wake_at(seen + self.ready_delay * 2);
            }
            let mut statuses = Vec::new();
            for (container, behaviour) in containers.iter().zip(&behaviours) {
                let name = text(container, "/name");
                let image = text(container, "/image");
                let mut restarts = 0;
                let (state, ready, last) = match (behaviour, runs_to_completion) {
                    (Behaviour::Healthy, false) => {
                        (json!({"running": {"startedAt": started}}), true, json!({}))
                    }
                    (Behaviour::Healthy, true) => (
                        json!({"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": started, "finishedAt": started}}),
                        false,
                        json!({}),
                    ),
                    (Behaviour::Exits { reason, exit_code }, true) => (
                        json!({"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": started}}),
                        false,
                        json!({}),
                    ),
                    (Behaviour::Exits { reason, exit_code }, false) => {
                        restarts = rounds;
                        (
                            json!({"waiting": {"reason": "CrashLoopBackOff", "message": format!("back-off 10s restarting failed container={name} pod={}_{}({})", key.name, key.namespace, uid(&pod))}}),
                            false,
                            json!({"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": started}}),
                        )
                    }
                    (Behaviour::PullFailure, _) => {
                        let waiting = if backing_off {
                            json!({"reason": "ImagePullBackOff", "message": format!("Back-off pulling image \"{image}\": ErrImagePull: {}", pull_error(image))})
                        } else {
                            json!({"reason": "ErrImagePull", "message": pull_error(image)})
                        };
                        (json!({"waiting": waiting}), false, json!({}))
                    }
                    (Behaviour::ConfigError(message), _) => (
                        json!({"waiting": {"reason": "CreateContainerConfigError", "message": message}}),
                        false,
                        json!({}),
                    ),
                };
                self.container_events(&pod, container, behaviour, restarts, backing_off);
                let running = state.get("running").is_some();
                statuses.push(json!({"name": name, "image": image, "imageID": if stuck_one(behaviour) { String::new() } else { format!("{image}@sha256:sandbox") },
                    "ready": ready, "started": running, "restartCount": restarts, "state": state, "lastState": last}));
            }
            let ready = !runs_to_completion && behaviours.iter().all(|b| *b == Behaviour::Healthy);
            let new_phase = if stuck {
                "Pending"
            } else if runs_to_completion && exits {
                "Failed"
            } else if runs_to_completion {
                "Succeeded"
            } else {
                "Running"
            };
            let mut updated = pod.clone();
            let previous = pod.get("status").cloned();
            let keep = |field: &str| previous.as_ref().and_then(|s| s.get(field)).cloned();
            let ready_reason = if ready {
                ""
            } else if matches!(new_phase, "Succeeded" | "Failed") {
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

    /// A pod no node fits: Pending, not scheduled, as the scheduler leaves it.
    fn leave_pending(&mut self, key: Key, pod: &Value, message: String) {
        self.pod_event(
            pod,
            PodEvent {
                container: None,
                warning: true,
                reason: "FailedScheduling",
                message: message.clone(),
                count: 1,
                source: Source::Scheduler,
            },
        );
        let previous = pod.get("status");
        let scheduled = condition("PodScheduled", false, "Unschedulable", &message, previous);
        let mut updated = pod.clone();
        updated["status"] =
            json!({"phase": "Pending", "conditions": [scheduled], "qosClass": "BestEffort"});
        if let Some(spec) = updated["spec"].as_object_mut() {
            spec.remove("nodeName");
        }
        self.put_if_changed(key, pod, updated);
    }

    /// The kubelet's events for one container.
    fn container_events(
        &mut self,
        pod: &Value,
        container: &Value,
        behaviour: &Behaviour,
        restarts: i64,
        backing_off: bool,
    ) {
        let name = text(container, "/name");
        let image = text(container, "/image");
        let event = |warning: bool, reason: &'static str, message: String, count: i64| PodEvent {
            container: Some(name),
            warning,
            reason,
            message,
            count,
            source: Source::Kubelet,
        };
        let mut events = Vec::new();
        match behaviour {
            Behaviour::PullFailure => {
                events.push(event(
                    false,
                    "Pulling",
                    format!("Pulling image \"{image}\""),
                    1,
                ));
                events.push(event(
                    true,
                    "Failed",
                    format!("Failed to pull image \"{image}\": {}", pull_error(image)),
                    1,
                ));
                events.push(event(true, "Failed", "Error: ErrImagePull".into(), 1));
                if backing_off {
                    events.push(event(
                        false,
                        "BackOff",
                        format!("Back-off pulling image \"{image}\""),
                        1,
                    ));
                    events.push(event(true, "Failed", "Error: ImagePullBackOff".into(), 1));
                }
            }
            Behaviour::ConfigError(message) => {
                events.push(event(
                    false,
                    "Pulled",
                    format!("Container image \"{image}\" already present on machine"),
                    1,
                ));
                events.push(event(true, "Failed", format!("Error: {message}"), 1));
            }
            Behaviour::Healthy | Behaviour::Exits { .. } => {
                events.push(event(
                    false,
                    "Pulled",
                    format!("Container image \"{image}\" already present on machine"),
                    restarts + 1,
                ));
                events.push(event(
                    false,
                    "Created",
                    format!("Created container: {name}"),
                    restarts + 1,
                ));
                events.push(event(
                    false,
                    "Started",
                    format!("Started container {name}"),
                    restarts + 1,
                ));
                if restarts > 0 {
                    events.push(event(
                        true,
                        "BackOff",
                        format!(
                            "Back-off restarting failed container {name} in pod {}_{}({})",
                            text(pod, "/metadata/name"),
                            text(pod, "/metadata/namespace"),
                            uid(pod)
                        ),
                        restarts,
                    ));
                }
            }
        }
        for event in events {
            self.pod_event(pod, event);
        }
    }
}

/// What the container runtime answers for an image that cannot be pulled.
fn pull_error(image: &str) -> String {
    format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": \
         not found (sandbox image pull failure)"
    )
}

fn stuck_one(behaviour: &Behaviour) -> bool {
    matches!(
        behaviour,
        Behaviour::PullFailure | Behaviour::ConfigError(_)
    )
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
    if startup::unschedulable(&spec).is_none() {
        spec["nodeName"] = json!(NODE_NAME);
    }
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

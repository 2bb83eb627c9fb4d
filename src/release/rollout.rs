//! Waiting for a deploy's workloads to be ready, and failing fast when they cannot be.
//!
//! Every second the wait reads the Deployments of the release and its pods (one list of
//! each), and stops at the first pod of this rollout (created after the deploy began)
//! that shows a state it will not leave by itself: `CrashLoopBackOff`, `ImagePullBackOff`
//! or `ErrImagePull`, `CreateContainerConfigError`, a container `OOMKilled`, or a pod
//! unschedulable for longer than [`UNSCHEDULABLE_GRACE`] (time for a cluster autoscaler
//! to add a node). The failure names the pod, the container and the reason, with the
//! last lines of the container's log. A progress deadline (`--timeout`) catches the
//! rest.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, ListParams, LogParams};

use crate::output::Printer;

/// How long a pod may stay unschedulable before the deploy fails.
pub const UNSCHEDULABLE_GRACE: Duration = Duration::from_secs(60);
/// How often the wait looks.
const POLL: Duration = Duration::from_millis(100);
/// Lines of a failing container's log shown.
pub const LOG_LINES: i64 = 20;

/// Waiting reasons a container does not leave by itself.
const STUCK_REASONS: [&str; 7] = [
    "CrashLoopBackOff",
    "ImagePullBackOff",
    "ErrImagePull",
    "CreateContainerConfigError",
    "CreateContainerError",
    "InvalidImageName",
    "RunContainerError",
];

/// A pod that will not become ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub service: String,
    pub pod: String,
    pub container: Option<String>,
    pub reason: String,
    pub message: String,
    /// The last lines of the container's log (its previous run after a crash).
    pub log: Vec<String>,
    /// The Job that failed, when it is the pre-deploy hook.
    pub job: Option<String>,
}

impl Failure {
    /// "web: pod web-5d9c-x2x (container web) is in CrashLoopBackOff: back-off …", then
    /// the log lines, indented.
    pub fn describe(&self) -> String {
        let container = self
            .container
            .as_ref()
            .map(|container| format!(" (container {container})"))
            .unwrap_or_default();
        let mut text = match &self.job {
            Some(job) => format!(
                "{}: the pre-deploy job {job} failed ({}{}), pod {}",
                self.service,
                self.reason,
                if self.message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", self.message)
                },
                self.pod
            ),
            None => {
                let mut text = format!(
                    "{}: pod {}{container} is in {}",
                    self.service, self.pod, self.reason
                );
                if !self.message.is_empty() {
                    text.push_str(&format!(": {}", self.message));
                }
                text
            }
        };
        if !self.log.is_empty() {
            text.push_str("\n  last lines of its log:");
            for line in &self.log {
                text.push_str(&format!("\n  | {line}"));
            }
        }
        text
    }

    /// The way out of a reason the logs do not explain (such a pod has none).
    pub fn hint(&self) -> Option<&'static str> {
        match self.reason.as_str() {
            "Unschedulable" => Some(
                "no node can take the pod: lower the service's `resources`, or give it a \
                 `node_pool` of bigger instances",
            ),
            "CreateContainerConfigError" => Some(
                "the pod reads a Secret or ConfigMap that is missing (`sleak apply -p … -e …` \
                 writes sleak's own)",
            ),
            _ => None,
        }
    }
}

/// How a wait ended.
#[derive(Debug)]
pub enum Outcome {
    Ready,
    Failed(Failure),
    /// The deadline passed with these services not ready (`service: 1/2 ready`).
    TimedOut(Vec<String>),
}

/// A Deployment of the release, waited for.
#[derive(Debug, Clone)]
pub struct Workload {
    pub service: String,
    pub deployment: String,
}

/// Ready replicas over desired, or None while the rollout is not complete.
fn progress(deployment: &Deployment) -> (i32, i32, bool) {
    let desired = deployment
        .spec
        .as_ref()
        .and_then(|spec| spec.replicas)
        .unwrap_or(1);
    let generation = deployment.metadata.generation.unwrap_or(0);
    let Some(status) = &deployment.status else {
        return (0, desired, false);
    };
    let ready = status.ready_replicas.unwrap_or(0);
    let complete = status.observed_generation.unwrap_or(0) >= generation
        && status.updated_replicas.unwrap_or(0) == desired
        && status.available_replicas.unwrap_or(0) >= desired
        && status.replicas.unwrap_or(0) == desired
        && ready >= desired;
    (ready, desired, complete)
}

/// The first stuck container of a pod, or its unschedulable condition.
fn stuck(pod: &Pod) -> Option<(Option<String>, String, String, bool)> {
    let created = pod.metadata.creation_timestamp.as_ref()?.0;
    let status = pod.status.as_ref()?;
    for container in status.container_statuses.iter().flatten() {
        if let Some(waiting) = container
            .state
            .as_ref()
            .and_then(|state| state.waiting.as_ref())
            && let Some(reason) = waiting.reason.as_deref()
            && STUCK_REASONS.contains(&reason)
        {
            let oom = container
                .last_state
                .as_ref()
                .and_then(|last| last.terminated.as_ref())
                .is_some_and(|terminated| terminated.reason.as_deref() == Some("OOMKilled"));
            let reason = if oom { "OOMKilled" } else { reason };
            let crashed = container.restart_count > 0;
            return Some((
                Some(container.name.clone()),
                reason.to_owned(),
                waiting.message.clone().unwrap_or_default(),
                crashed,
            ));
        }
        for terminated in [
            container.state.as_ref().and_then(|s| s.terminated.as_ref()),
            container
                .last_state
                .as_ref()
                .and_then(|s| s.terminated.as_ref()),
        ]
        .into_iter()
        .flatten()
        {
            if terminated.reason.as_deref() == Some("OOMKilled") {
                return Some((
                    Some(container.name.clone()),
                    "OOMKilled".to_owned(),
                    format!(
                        "the container used more memory than its limit (exit code {})",
                        terminated.exit_code
                    ),
                    true,
                ));
            }
        }
    }
    for condition in status.conditions.iter().flatten() {
        if condition.type_ == "PodScheduled"
            && condition.status == "False"
            && condition.reason.as_deref() == Some("Unschedulable")
        {
            let since = condition
                .last_transition_time
                .as_ref()
                .map_or(created, |time| time.0);
            let waited = Timestamp::now().as_second() - since.as_second();
            if waited >= UNSCHEDULABLE_GRACE.as_secs() as i64 {
                return Some((
                    None,
                    "Unschedulable".to_owned(),
                    condition.message.clone().unwrap_or_default(),
                    false,
                ));
            }
        }
    }
    None
}

/// The last lines of a container's log: its previous run after a crash, else its current.
pub async fn log_tail(
    pods: &Api<Pod>,
    pod: &str,
    container: Option<&str>,
    previous: bool,
) -> Vec<String> {
    let params = |previous: bool| LogParams {
        container: container.map(str::to_owned),
        tail_lines: Some(LOG_LINES),
        previous,
        ..LogParams::default()
    };
    let text = match pods.logs(pod, &params(previous)).await {
        Ok(text) => text,
        Err(_) if previous => pods.logs(pod, &params(false)).await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    text.lines().map(str::to_owned).collect()
}

/// Shows the services' readiness: a spinner on a terminal, else a line whenever it
/// changes.
struct Shown {
    last: String,
    spinner: Option<indicatif::ProgressBar>,
}

impl Shown {
    fn new(printer: &Printer) -> Self {
        let spinner =
            (printer.stderr_is_terminal && !printer.json() && !printer.quiet).then(|| {
                let spinner = indicatif::ProgressBar::new_spinner();
                spinner.set_style(
                    indicatif::ProgressStyle::with_template(
                        "  {spinner} waiting {elapsed}  {wide_msg}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                );
                spinner.enable_steady_tick(Duration::from_millis(120));
                spinner
            });
        Self {
            last: String::new(),
            spinner,
        }
    }

    fn show(&mut self, printer: &Printer, states: &BTreeMap<String, String>, elapsed: Duration) {
        let line = states
            .iter()
            .map(|(service, state)| format!("{service} {state}"))
            .collect::<Vec<_>>()
            .join(", ");
        if line == self.last {
            return;
        }
        match &self.spinner {
            Some(spinner) => spinner.set_message(line.clone()),
            None => printer.status(&format!(
                "  [{}] {line}",
                crate::output::progress::format_duration(elapsed)
            )),
        }
        self.last = line;
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        if let Some(spinner) = &self.spinner {
            spinner.finish_and_clear();
        }
    }
}

/// The label the Deployment controller gives the pods of each ReplicaSet.
const TEMPLATE_HASH_LABEL: &str = "pod-template-hash";

/// The `pod-template-hash` of each Deployment's current ReplicaSet: the one whose pod
/// template is the Deployment's (with the hash label added by the controller).
fn current_hashes(deployments: &[Deployment], sets: &[ReplicaSet]) -> BTreeMap<String, String> {
    let mut hashes = BTreeMap::new();
    for deployment in deployments {
        let Some(name) = deployment.metadata.name.as_deref() else {
            continue;
        };
        let Some(wanted) = deployment.spec.as_ref().map(|spec| &spec.template) else {
            continue;
        };
        let wanted = serde_json::to_value(wanted).unwrap_or_default();
        for set in sets {
            let owned = set
                .metadata
                .owner_references
                .iter()
                .flatten()
                .any(|owner| owner.kind == "Deployment" && owner.name == name);
            let Some(template) = set.spec.as_ref().and_then(|spec| spec.template.as_ref()) else {
                continue;
            };
            let mut template = template.clone();
            let Some(hash) = template
                .metadata
                .as_mut()
                .and_then(|metadata| metadata.labels.as_mut())
                .and_then(|labels| labels.remove(TEMPLATE_HASH_LABEL))
            else {
                continue;
            };
            if owned && serde_json::to_value(&template).unwrap_or_default() == wanted {
                hashes.insert(name.to_owned(), hash);
            }
        }
    }
    hashes
}

/// Waits until every workload's rollout is complete, a pod fails, or `timeout` passes.
pub async fn wait(
    client: &kube::Client,
    namespace: &str,
    release: &str,
    workloads: &[Workload],
    timeout: Duration,
    printer: &Printer,
) -> anyhow::Result<Outcome> {
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    let replica_sets: Api<ReplicaSet> = Api::namespaced(client.clone(), namespace);
    let pods: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let selector = ListParams::default().labels(&format!("app.kubernetes.io/instance={release}"));
    let begin = Instant::now();
    let mut shown = Shown::new(printer);
    loop {
        let (listed, sets, pod_list) = futures::future::join3(
            deployments.list(&selector),
            replica_sets.list(&selector),
            pods.list(&selector),
        )
        .await;
        let listed = listed.context("could not read the release's Deployments")?;
        let sets = sets.context("could not read the release's ReplicaSets")?;
        let pod_list = pod_list.context("could not read the release's pods")?;
        let current = current_hashes(&listed.items, &sets.items);
        let mut states = BTreeMap::new();
        let mut waiting = Vec::new();
        for workload in workloads {
            let found = listed.items.iter().find(|deployment| {
                deployment.metadata.name.as_deref() == Some(&workload.deployment)
            });
            let (ready, desired, complete) = found.map_or((0, 1, false), progress);
            states.insert(workload.service.clone(), format!("{ready}/{desired}"));
            if !complete {
                waiting.push(format!("{}: {ready}/{desired} ready", workload.service));
            }
        }
        shown.show(printer, &states, begin.elapsed());
        for pod in &pod_list.items {
            let service = pod
                .metadata
                .labels
                .as_ref()
                .and_then(|labels| labels.get("app.kubernetes.io/name"))
                .cloned()
                .unwrap_or_default();
            let Some(workload) = workloads
                .iter()
                .find(|workload| workload.service == service)
            else {
                continue;
            };
            // Only pods of the Deployment's current template: those of an earlier
            // revision (even a failed one) are on their way out.
            let hash = pod
                .metadata
                .labels
                .as_ref()
                .and_then(|labels| labels.get(TEMPLATE_HASH_LABEL));
            if hash.is_none() || hash != current.get(&workload.deployment) {
                continue;
            }
            if let Some((container, reason, message, crashed)) = stuck(pod) {
                let name = pod.metadata.name.clone().unwrap_or_default();
                let log = if container.is_some()
                    && reason != "ImagePullBackOff"
                    && reason != "ErrImagePull"
                    && reason != "CreateContainerConfigError"
                {
                    log_tail(&pods, &name, container.as_deref(), crashed).await
                } else {
                    Vec::new()
                };
                return Ok(Outcome::Failed(Failure {
                    service,
                    pod: name,
                    container,
                    reason,
                    message,
                    log,
                    job: None,
                }));
            }
        }
        if waiting.is_empty() {
            return Ok(Outcome::Ready);
        }
        if begin.elapsed() >= timeout {
            return Ok(Outcome::TimedOut(waiting));
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits for a Job (the pre-deploy hook) to finish; its failure comes with its pod's log.
pub async fn wait_job(
    client: &kube::Client,
    namespace: &str,
    name: &str,
    service: &str,
    timeout: Duration,
    printer: &Printer,
) -> anyhow::Result<Outcome> {
    let jobs: Api<Job> = Api::namespaced(client.clone(), namespace);
    let pods: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let begin = Instant::now();
    printer.status(&format!("  running the pre-deploy job {name} …"));
    loop {
        let job = jobs
            .get_opt(name)
            .await
            .with_context(|| format!("could not read the Job {name}"))?;
        let conditions = job
            .as_ref()
            .and_then(|job| job.status.as_ref())
            .and_then(|status| status.conditions.clone())
            .unwrap_or_default();
        let done = |kind: &str| {
            conditions
                .iter()
                .find(|condition| condition.type_ == kind && condition.status == "True")
        };
        if done("Complete").is_some() {
            return Ok(Outcome::Ready);
        }
        let listed = pods
            .list(&ListParams::default().labels(&format!("job-name={name}")))
            .await
            .context("could not read the pre-deploy job's pods")?;
        let failed = done("Failed").map(|condition| {
            (
                condition
                    .reason
                    .clone()
                    .unwrap_or_else(|| "Failed".to_owned()),
                condition.message.clone().unwrap_or_default(),
            )
        });
        let stuck_pod = listed
            .items
            .iter()
            .find_map(|pod| stuck(pod).map(|found| (pod.metadata.name.clone(), found)));
        if failed.is_some() || stuck_pod.is_some() {
            let pod = listed
                .items
                .last()
                .and_then(|pod| pod.metadata.name.clone())
                .unwrap_or_default();
            let (reason, message) = match (&stuck_pod, failed) {
                (Some((_, (_, reason, message, _))), _) => (reason.clone(), message.clone()),
                (None, Some(failed)) => failed,
                (None, None) => unreachable!("one of them is set"),
            };
            let log = if pod.is_empty() {
                Vec::new()
            } else {
                log_tail(&pods, &pod, None, false).await
            };
            return Ok(Outcome::Failed(Failure {
                service: service.to_owned(),
                pod,
                container: None,
                reason,
                message,
                log,
                job: Some(name.to_owned()),
            }));
        }
        if begin.elapsed() >= timeout {
            return Ok(Outcome::TimedOut(vec![format!(
                "the pre-deploy job {name}"
            )]));
        }
        tokio::time::sleep(POLL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(status: serde_json::Value) -> Pod {
        serde_json::from_value(serde_json::json!({
            "metadata": { "name": "web-1", "creationTimestamp": Timestamp::now().to_string() },
            "status": status,
        }))
        .unwrap()
    }

    #[test]
    fn stuck_states_are_found_and_named() {
        let crash = pod(serde_json::json!({ "containerStatuses": [{
            "name": "web", "image": "x", "imageID": "", "ready": false, "restartCount": 2,
            "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off" } },
            "lastState": { "terminated": { "exitCode": 1, "reason": "Error" } } }] }));
        let found = stuck(&crash).unwrap();
        assert_eq!(
            (found.0.as_deref(), found.1.as_str()),
            (Some("web"), "CrashLoopBackOff")
        );
        let oom = pod(serde_json::json!({ "containerStatuses": [{
            "name": "web", "image": "x", "imageID": "", "ready": false, "restartCount": 1,
            "state": { "waiting": { "reason": "CrashLoopBackOff" } },
            "lastState": { "terminated": { "exitCode": 137, "reason": "OOMKilled" } } }] }));
        assert_eq!(stuck(&oom).unwrap().1, "OOMKilled");
        let running = pod(serde_json::json!({ "containerStatuses": [{
            "name": "web", "image": "x", "imageID": "", "ready": true, "restartCount": 0,
            "state": { "running": {} } }] }));
        assert_eq!(stuck(&running), None);
    }

    #[test]
    fn unschedulable_fails_only_after_the_grace() {
        let fresh = pod(
            serde_json::json!({ "conditions": [{ "type": "PodScheduled", "status": "False",
            "reason": "Unschedulable", "message": "0/1 nodes are available",
            "lastTransitionTime": Timestamp::now().to_string() }] }),
        );
        assert_eq!(stuck(&fresh), None);
        let old = Timestamp::from_second(Timestamp::now().as_second() - 120).unwrap();
        let stale = pod(
            serde_json::json!({ "conditions": [{ "type": "PodScheduled", "status": "False",
            "reason": "Unschedulable", "message": "0/1 nodes are available",
            "lastTransitionTime": old.to_string() }] }),
        );
        assert_eq!(stuck(&stale).unwrap().1, "Unschedulable");
    }
}

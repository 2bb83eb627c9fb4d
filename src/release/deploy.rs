//! A deploy: a ProjectEnv's rendered release put into its namespace, recorded the way
//! Helm records a release, so that `helm list|history|get|rollback|uninstall` work on it.
//!
//! The order of one deploy (docs/architecture.md, "Deploys"):
//! 1. compare with the release's last deployed revision: nothing changed → nothing to
//!    deploy, no new revision (unless forced);
//! 2. take the ProjectEnv's deploy lock ([`super::lock`]); a revision left `pending-*` by
//!    a deploy that was killed is marked `failed` (it never finished, and the lock says
//!    no one is working on it any more), which is what lets Helm and sleak go on;
//! 3. write revision N+1 as `pending-install`/`pending-upgrade`;
//! 4. run the pre-deploy Job, when there is one, and stop if it fails;
//! 5. server-side apply the objects as field manager `sleak`, level by level (objects
//!    of one level concurrently), then delete what revision N had and N+1 has not;
//! 6. wait for the workloads, failing fast ([`super::rollout`]);
//! 7. mark N+1 `deployed` and N `superseded` — or N+1 `failed`, and with `--atomic`
//!    put revision N back as N+2.

use std::collections::BTreeSet;
use std::time::Duration;

use futures::future::try_join_all;
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value as Json, json};

use super::lock::DeployLock;
use super::record::{self, Record, Status};
use super::rollout::{self, Outcome, Workload};
use crate::error::HintedFailure;
use crate::output::Printer;
use crate::providers::kubernetes::apply;

/// What a deploy puts into the cluster: the rendered release and its record's content.
#[derive(Debug, Clone)]
pub struct Release {
    pub name: String,
    pub namespace: String,
    /// The image tag deployed.
    pub tag: String,
    /// The objects of the manifest (hooks excluded), in Helm's install order.
    pub objects: Vec<Json>,
    pub manifest: String,
    /// The pre-deploy Job and the service whose pod it runs.
    pub hook: Option<(String, Json)>,
    pub chart_metadata: Json,
    pub templates: Vec<(String, String)>,
    pub chart_values: Json,
    pub workloads: Vec<Workload>,
}

/// How a deploy runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub dry_run: bool,
    pub atomic: bool,
    pub wait: bool,
    pub timeout: Duration,
    pub force: bool,
    pub lock_timeout: Duration,
    /// `sleak deploy`, `sleak rollback`: who, in the records and the lock.
    pub command: String,
}

/// What one object would become.
#[derive(Debug, Clone)]
pub struct ObjectDiff {
    /// `Deployment/web`.
    pub object: String,
    /// `create`, `update`, `delete`, `unchanged`.
    pub action: &'static str,
    /// Unified-diff lines (`-`/`+`/` `) of the object's YAML, status and server fields left out.
    pub lines: Vec<String>,
}

/// How a deploy ended.
#[derive(Debug)]
pub enum Deployed {
    /// The last deployed revision is this release already.
    Nothing {
        revision: u32,
    },
    DryRun(Vec<ObjectDiff>),
    Done {
        revision: u32,
        previous: Option<u32>,
        /// A pending revision left by a killed deploy, marked failed.
        recovered: Option<u32>,
    },
}

/// The key an object is known by across revisions: `apps/Deployment/web`.
fn key(object: &Json) -> String {
    let api_version = object["apiVersion"].as_str().unwrap_or("");
    let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
    format!(
        "{group}/{}/{}",
        object["kind"].as_str().unwrap_or(""),
        object["metadata"]["name"].as_str().unwrap_or("")
    )
}

/// `Deployment/web`.
fn label(object: &Json) -> String {
    format!(
        "{}/{}",
        object["kind"].as_str().unwrap_or(""),
        object["metadata"]["name"].as_str().unwrap_or("")
    )
}

/// The level of a kind: what it needs exists at a lower level. Objects of one level are
/// applied together.
fn level(kind: &str) -> usize {
    match kind {
        "Namespace" => 0,
        "ServiceAccount"
        | "ConfigMap"
        | "Secret"
        | "PersistentVolumeClaim"
        | "Role"
        | "RoleBinding" => 1,
        "Service" | "Deployment" | "StatefulSet" | "DaemonSet" | "CronJob" | "Job" => 2,
        _ => 3,
    }
}

/// The objects grouped by level, lowest first, each keeping the manifest's order.
pub fn levels(objects: &[Json]) -> Vec<Vec<Json>> {
    let mut levels: Vec<Vec<Json>> = vec![Vec::new(); 4];
    for object in objects {
        levels[level(object["kind"].as_str().unwrap_or(""))].push(object.clone());
    }
    levels.retain(|level| !level.is_empty());
    levels
}

/// Applies objects level by level, each level's objects concurrently.
pub async fn apply_levels(client: &kube::Client, objects: &[Json]) -> anyhow::Result<()> {
    for level in levels(objects) {
        try_join_all(level.iter().map(|object| apply::apply(client, object))).await?;
    }
    Ok(())
}

/// Deletes the objects of `old` that `new` does not have.
pub async fn prune(
    client: &kube::Client,
    old: &[Json],
    new: &[Json],
) -> anyhow::Result<Vec<String>> {
    let keep: BTreeSet<String> = new.iter().map(key).collect();
    let gone: Vec<&Json> = old
        .iter()
        .filter(|object| !keep.contains(&key(object)))
        .collect();
    try_join_all(gone.iter().map(|object| apply::delete(client, object))).await?;
    Ok(gone.iter().map(|object| label(object)).collect())
}

fn now() -> String {
    Timestamp::from_second(Timestamp::now().as_second())
        .unwrap_or_else(|_| Timestamp::now())
        .to_string()
}

/// "alice@laptop".
fn who() -> String {
    crate::operations::lease::whoami()
}

/// The record of the hook as Helm keeps hooks.
fn hook_record(release: &Release, started: &str, finished: &str, phase: &str) -> Vec<Json> {
    let Some((_, job)) = &release.hook else {
        return Vec::new();
    };
    let name = job["metadata"]["name"].as_str().unwrap_or("");
    let manifest = serde_saphyr::to_string(job).unwrap_or_default();
    vec![json!({
        "name": name,
        "kind": "Job",
        "path": format!("{}/templates/{name}.yaml", release.name),
        "manifest": manifest,
        "events": ["pre-install", "pre-upgrade"],
        "last_run": { "started_at": started, "completed_at": finished, "phase": phase },
        "weight": 0,
        "delete_policies": ["before-hook-creation"],
    })]
}

/// The last revision that is `deployed`.
pub fn current(history: &[Record]) -> Option<&Record> {
    history
        .iter()
        .rev()
        .find(|record| record.status == Status::Deployed)
}

fn same_release(record: &Record, release: &Release) -> bool {
    let hooks = |hooks: &[Json]| -> Vec<Json> {
        hooks.iter().map(|hook| hook["manifest"].clone()).collect()
    };
    record.manifest == release.manifest
        && hooks(&record.hooks) == hooks(&hook_record(release, "", "", ""))
}

impl Release {
    fn record(
        &self,
        version: u32,
        status: Status,
        first_deployed: &str,
        description: String,
    ) -> Record {
        Record {
            name: self.name.clone(),
            namespace: self.namespace.clone(),
            version,
            status,
            first_deployed: first_deployed.to_owned(),
            last_deployed: now(),
            description,
            chart_metadata: self.chart_metadata.clone(),
            templates: self.templates.clone(),
            chart_values: self.chart_values.clone(),
            config: json!({}),
            manifest: self.manifest.clone(),
            hooks: hook_record(self, "", "", "Unknown"),
            // Recorded as client-side applied (no `apply_method`) although sleak applies
            // server-side: Helm then rolls back and upgrades with a three-way merge,
            // which takes the fields sleak's field manager owns without a conflict. With
            // `ssa`, a plain `helm rollback` fails ("conflict with \"sleak\"") unless
            // given --force-conflicts.
            apply_method: None,
            extra: serde_json::Map::new(),
        }
    }
}

/// Marks a revision left pending by a killed deploy as failed; says so.
async fn recover_pending(
    client: &kube::Client,
    history: &mut [Record],
    printer: &Printer,
) -> anyhow::Result<Option<u32>> {
    let Some(pending) = history
        .iter_mut()
        .rev()
        .find(|record| record.status.is_pending())
    else {
        return Ok(None);
    };
    printer.warning(&format!(
        "revision {} of {} was left {} by a deploy that did not finish ({}): marking it failed",
        pending.version,
        pending.name,
        pending.status.as_str(),
        pending.description
    ));
    pending.status = Status::Failed;
    pending.description = format!(
        "Interrupted: {} (recovered by {} of {} at {})",
        pending.description,
        "sleak",
        who(),
        now()
    );
    record::update(client, pending).await?;
    Ok(Some(pending.version))
}

/// Deploys `release`.
pub async fn deploy(
    client: &kube::Client,
    release: &Release,
    options: &Options,
    printer: &Printer,
) -> anyhow::Result<Deployed> {
    if options.dry_run {
        let history = record::history(client, &release.namespace, &release.name).await?;
        return dry_run(client, release, current(&history))
            .await
            .map(Deployed::DryRun);
    }
    let lock = DeployLock::acquire(
        client,
        &release.namespace,
        &release.name,
        &options.command,
        options.lock_timeout,
        printer,
    )
    .await?;
    let result = deploy_locked(client, release, options, printer).await;
    lock.release().await;
    result
}

async fn deploy_locked(
    client: &kube::Client,
    release: &Release,
    options: &Options,
    printer: &Printer,
) -> anyhow::Result<Deployed> {
    // Read under the lock: what another deploy did before is in it.
    let mut history = record::history(client, &release.namespace, &release.name).await?;
    let recovered = recover_pending(client, &mut history, printer).await?;
    let deployed = current(&history).cloned();
    // After an interrupted deploy the cluster may hold some of its objects: the release
    // is applied whole even when the deployed revision is the same.
    if let Some(deployed) = &deployed
        && !options.force
        && recovered.is_none()
        && same_release(deployed, release)
    {
        return Ok(Deployed::Nothing {
            revision: deployed.version,
        });
    }
    let version = history.last().map_or(1, |record| record.version + 1);
    let first_deployed = history
        .first()
        .map_or_else(now, |record| record.first_deployed.clone());
    let status = if deployed.is_some() {
        Status::PendingUpgrade
    } else {
        Status::PendingInstall
    };
    let mut record = release.record(
        version,
        status,
        &first_deployed,
        format!(
            "Deploying {} ({} by {}, pid {})",
            release.tag,
            options.command,
            who(),
            std::process::id()
        ),
    );
    if !record::create(client, &record).await? {
        anyhow::bail!(
            "revision {version} of {} appeared while this deploy held the lock: run the deploy again",
            release.name
        );
    }
    printer.status(&format!(
        "Deploying {} to {} as revision {version}",
        release.name, release.namespace
    ));
    let outcome = run(
        client,
        release,
        deployed.as_ref(),
        options,
        printer,
        &mut record,
    )
    .await;
    let failure = match outcome {
        Ok(None) => {
            record.status = Status::Deployed;
            record.description = format!(
                "{} complete: {} ({} by {})",
                if deployed.is_some() {
                    "Upgrade"
                } else {
                    "Install"
                },
                release.tag,
                options.command,
                who()
            );
            record.last_deployed = now();
            let superseded = deployed.clone().map(|mut previous| {
                previous.status = Status::Superseded;
                previous
            });
            futures::future::try_join(record::update(client, &record), async {
                match &superseded {
                    Some(previous) => record::update(client, previous).await,
                    None => Ok(()),
                }
            })
            .await?;
            return Ok(Deployed::Done {
                revision: version,
                previous: deployed.map(|previous| previous.version),
                recovered,
            });
        }
        Ok(Some(failure)) => failure,
        Err(error) => (format!("{error:#}"), true, None),
    };
    let (failure, applied, hint) = failure;
    record.status = Status::Failed;
    record.description = format!("Deploy failed: {failure}");
    record.last_deployed = now();
    record::update(client, &record).await?;
    let mut said = format!(
        "the deploy of {} failed (revision {version} marked failed): {failure}",
        release.name
    );
    if options.atomic && !applied {
        said.push_str(&match &deployed {
            Some(previous) => format!(
                "\n--atomic: no workload had changed; revision {} is still serving",
                previous.version
            ),
            None => "\n--atomic: no workload had been created".to_owned(),
        });
    } else if options.atomic {
        match &deployed {
            Some(previous) => {
                let restored = restore(client, release, previous, version + 1, printer).await;
                match restored {
                    Ok(()) => said.push_str(&format!(
                        "\n--atomic: revision {} is serving again, as revision {}",
                        previous.version,
                        version + 1
                    )),
                    Err(error) => said.push_str(&format!(
                        "\n--atomic: putting revision {} back failed too: {error:#}",
                        previous.version
                    )),
                }
            }
            None => {
                let objects = release.objects.clone();
                let removed =
                    try_join_all(objects.iter().map(|object| apply::delete(client, object))).await;
                said.push_str(match removed {
                    Ok(_) => "\n--atomic: this was the first deploy; its objects were removed",
                    Err(_) => "\n--atomic: this was the first deploy; removing its objects failed",
                });
            }
        }
    }
    // A reason the logs do not explain (such a pod has none) gets its own way out.
    let hint = format!(
        "{}; `sleak rollback` puts a previous revision back",
        hint.unwrap_or("see `sleak logs SERVICE -p … -e …` and `sleak releases`")
    );
    Err(HintedFailure::new(said, hint).into())
}

/// Runs steps 4 to 6; Ok(Some((reason, applied, hint))) when the hook or the workloads
/// failed, `applied` saying whether the objects had been applied, `hint` the way out of
/// the failure's reason when there is one.
async fn run(
    client: &kube::Client,
    release: &Release,
    deployed: Option<&Record>,
    options: &Options,
    printer: &Printer,
    record: &mut Record,
) -> anyhow::Result<Option<(String, bool, Option<&'static str>)>> {
    if let Some((service, job)) = &release.hook {
        let name = job["metadata"]["name"].as_str().unwrap_or("").to_owned();
        let hook_started = now();
        delete_and_wait(client, job).await?;
        apply::apply(client, job).await?;
        let outcome = rollout::wait_job(
            client,
            &release.namespace,
            &name,
            service,
            options.timeout,
            printer,
        )
        .await?;
        let phase = if matches!(outcome, Outcome::Ready) {
            "Succeeded"
        } else {
            "Failed"
        };
        record.hooks = hook_record(release, &hook_started, &now(), phase);
        match outcome {
            Outcome::Ready => {}
            Outcome::Failed(failure) => {
                return Ok(Some((failure.describe(), false, failure.hint())));
            }
            Outcome::TimedOut(what) => {
                return Ok(Some((
                    format!("{} did not finish in time", what.join(", ")),
                    false,
                    None,
                )));
            }
        }
    }
    apply_levels(client, &release.objects).await?;
    if let Some(previous) = deployed {
        let old = record::manifest_objects(&previous.manifest)?;
        let removed = prune(client, &old, &release.objects).await?;
        for object in removed {
            printer.status(&format!("  deleted {object} (not in this revision)"));
        }
    }
    if !options.wait || release.workloads.is_empty() {
        return Ok(None);
    }
    let outcome = rollout::wait(
        client,
        &release.namespace,
        &release.name,
        &release.workloads,
        options.timeout,
        printer,
    )
    .await?;
    Ok(match outcome {
        Outcome::Ready => None,
        Outcome::Failed(failure) => Some((failure.describe(), true, failure.hint())),
        Outcome::TimedOut(waiting) => Some((
            format!(
                "not ready after {}: {}",
                crate::output::progress::format_duration(options.timeout),
                waiting.join(", ")
            ),
            true,
            None,
        )),
    })
}

/// Deletes an object and waits until it is gone (a Job is replaced, not patched).
async fn delete_and_wait(client: &kube::Client, object: &Json) -> anyhow::Result<()> {
    apply::delete(client, object).await?;
    for _ in 0..120 {
        if apply::get(client, object).await?.is_none() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    anyhow::bail!("{} is still being deleted after 30 s", label(object))
}

/// Puts a previous revision's objects back as a new revision (what `--atomic` and
/// `sleak rollback` do); the revision that was deployed becomes superseded.
pub async fn restore(
    client: &kube::Client,
    release: &Release,
    target: &Record,
    version: u32,
    printer: &Printer,
) -> anyhow::Result<()> {
    let objects = record::manifest_objects(&target.manifest)?;
    apply_levels(client, &objects).await?;
    prune(client, &release.objects, &objects).await?;
    let mut restored = target.clone();
    restored.version = version;
    restored.status = Status::Deployed;
    restored.description = format!("Rollback to {}", target.version);
    restored.last_deployed = now();
    record::create(client, &restored).await?;
    let history = record::history(client, &release.namespace, &release.name).await?;
    for mut other in history {
        if other.status == Status::Deployed && other.version != version {
            other.status = Status::Superseded;
            record::update(client, &other).await?;
        }
    }
    printer.status(&format!(
        "Put revision {} back as revision {version}",
        target.version
    ));
    Ok(())
}

/// What applying `release` would change, object by object (server-side dry run).
async fn dry_run(
    client: &kube::Client,
    release: &Release,
    deployed: Option<&Record>,
) -> anyhow::Result<Vec<ObjectDiff>> {
    let mut diffs = Vec::new();
    let results = try_join_all(release.objects.iter().map(|object| async move {
        let live = apply::get(client, object).await?;
        let after = apply::apply_dry_run(client, object).await?;
        anyhow::Ok((object, live, after))
    }))
    .await?;
    for (object, live, after) in results {
        let after_text = comparable(&after);
        let (action, lines) = match live {
            None => ("create", diff_lines("", &after_text)),
            Some(live) => {
                let before_text = comparable(&live);
                if before_text == after_text {
                    ("unchanged", Vec::new())
                } else {
                    ("update", diff_lines(&before_text, &after_text))
                }
            }
        };
        diffs.push(ObjectDiff {
            object: label(object),
            action,
            lines,
        });
    }
    if let Some(deployed) = deployed {
        let keep: BTreeSet<String> = release.objects.iter().map(key).collect();
        for old in record::manifest_objects(&deployed.manifest)? {
            if !keep.contains(&key(&old)) {
                diffs.push(ObjectDiff {
                    object: label(&old),
                    action: "delete",
                    lines: diff_lines(&comparable(&old), ""),
                });
            }
        }
    }
    Ok(diffs)
}

/// An object's YAML without what the server keeps for itself.
fn comparable(object: &Json) -> String {
    let mut object = object.clone();
    if let Some(map) = object.as_object_mut() {
        map.remove("status");
    }
    if let Some(metadata) = object["metadata"].as_object_mut() {
        for field in [
            "managedFields",
            "resourceVersion",
            "uid",
            "generation",
            "creationTimestamp",
        ] {
            metadata.remove(field);
        }
        if let Some(annotations) = metadata
            .get_mut("annotations")
            .and_then(Json::as_object_mut)
        {
            annotations.remove("deployment.kubernetes.io/revision");
            if annotations.is_empty() {
                metadata.remove("annotations");
            }
        }
    }
    serde_saphyr::to_string(&object).unwrap_or_default()
}

/// A line diff (longest common subsequence): lines prefixed `-`, `+` or ` `.
pub fn diff_lines(before: &str, after: &str) -> Vec<String> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let mut table = vec![vec![0_u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut lines) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(format!("  {}", a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || table[i + 1][j] >= table[i][j + 1]) {
            lines.push(format!("- {}", a[i]));
            i += 1;
        } else {
            lines.push(format!("+ {}", b[j]));
            j += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_applied_by_level() {
        let object = |kind: &str, name: &str| json!({ "apiVersion": "v1", "kind": kind, "metadata": { "name": name } });
        let grouped = levels(&[
            object("Ingress", "web"),
            object("Deployment", "web"),
            object("Service", "web"),
            object("HorizontalPodAutoscaler", "web"),
        ]);
        let kinds: Vec<Vec<&str>> = grouped
            .iter()
            .map(|level| level.iter().map(|o| o["kind"].as_str().unwrap()).collect())
            .collect();
        assert_eq!(
            kinds,
            vec![
                vec!["Deployment", "Service"],
                vec!["Ingress", "HorizontalPodAutoscaler"]
            ]
        );
    }

    #[test]
    fn a_diff_keeps_common_lines() {
        let lines = diff_lines("a\nb\nc\n", "a\nx\nc\n");
        assert_eq!(lines, vec!["  a", "- b", "+ x", "  c"]);
        assert_eq!(diff_lines("", "a"), vec!["+ a"]);
    }
}

//! One deploy at a time per ProjectEnv: a Lease (`coordination.k8s.io/v1`) named
//! `sleak-deploy-<release>` in the namespace, renewed while the deploy runs.
//!
//! A second deploy finds the Lease held and waits (saying by whom and since when) until
//! it is released, until it expires (its holder stopped renewing it: killed on another
//! machine), or until its holder is found dead on this machine (a sleak killed here:
//! the Lease names its host and pid). Past `--lock-timeout` it gives up with an error
//! naming the holder. Taking an expired Lease is a replace with the resourceVersion read,
//! so two deploys racing for it cannot both win.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams, Preconditions};
use serde::{Deserialize, Serialize};

use crate::operations::lease::{process_lives, whoami};
use crate::output::Printer;

/// How long a Lease lives without a renewal.
const LEASE_SECONDS: i32 = 30;
/// How often the holder renews it.
const RENEW_EVERY: Duration = Duration::from_secs(10);
/// The annotation holding who holds the Lease, as JSON.
const HOLDER_ANNOTATION: &str = "sleak.dev/holder";

/// Who holds a deploy lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// `user@host`.
    pub holder: String,
    pub pid: u32,
    /// `sleak deploy`, `sleak rollback`.
    pub command: String,
    /// RFC 3339.
    pub since: String,
    /// This run's id.
    pub run: String,
}

impl Holder {
    fn mine(command: &str) -> Self {
        Self {
            holder: whoami(),
            pid: std::process::id(),
            command: command.to_owned(),
            since: Timestamp::from_second(Timestamp::now().as_second())
                .unwrap_or_else(|_| Timestamp::now())
                .to_string(),
            run: uuid::Uuid::new_v4().simple().to_string(),
        }
    }

    /// "alice@laptop (sleak deploy, pid 4242) since 2026-11-30T10:00:00Z".
    pub fn describe(&self) -> String {
        format!(
            "{} ({}, pid {}) since {}",
            self.holder, self.command, self.pid, self.since
        )
    }

    /// Whether the holder is a process of this machine that is gone.
    fn died_here(&self) -> bool {
        self.holder == whoami() && self.pid != std::process::id() && !process_lives(self.pid)
    }
}

/// The name of the deploy lock of a release.
pub fn lease_name(release: &str) -> String {
    format!("sleak-deploy-{release}")
}

/// A held deploy lock: renewed in the background until [`DeployLock::release`].
pub struct DeployLock {
    api: Api<Lease>,
    name: String,
    uid: Option<String>,
    renewer: tokio::task::JoinHandle<()>,
    /// A Lease left by a deploy that did not finish (killed), which this one took over.
    pub took_over: Option<Holder>,
}

fn lease_object(name: &str, holder: &Holder, resource_version: Option<String>) -> Lease {
    let now = MicroTime(Timestamp::now());
    Lease {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            resource_version,
            labels: Some(
                [(
                    "app.kubernetes.io/managed-by".to_owned(),
                    "sleak".to_owned(),
                )]
                .into(),
            ),
            annotations: Some(
                [(
                    HOLDER_ANNOTATION.to_owned(),
                    serde_json::to_string(holder).unwrap_or_default(),
                )]
                .into(),
            ),
            ..ObjectMeta::default()
        },
        spec: Some(LeaseSpec {
            holder_identity: Some(format!("{}/{}", holder.holder, holder.run)),
            lease_duration_seconds: Some(LEASE_SECONDS),
            acquire_time: Some(now.clone()),
            renew_time: Some(now),
            ..LeaseSpec::default()
        }),
    }
}

fn holder_of(lease: &Lease) -> Option<Holder> {
    lease
        .metadata
        .annotations
        .as_ref()?
        .get(HOLDER_ANNOTATION)
        .and_then(|text| serde_json::from_str(text).ok())
}

fn expired(lease: &Lease) -> bool {
    let Some(spec) = &lease.spec else {
        return true;
    };
    let Some(renewed) = spec.renew_time.as_ref().or(spec.acquire_time.as_ref()) else {
        return true;
    };
    let duration = i64::from(spec.lease_duration_seconds.unwrap_or(LEASE_SECONDS));
    Timestamp::now().as_second() > renewed.0.as_second() + duration
}

impl DeployLock {
    /// Takes the deploy lock of `release` in `namespace`, waiting up to `timeout`.
    pub async fn acquire(
        client: &kube::Client,
        namespace: &str,
        release: &str,
        command: &str,
        timeout: Duration,
        printer: &Printer,
    ) -> anyhow::Result<Self> {
        let api: Api<Lease> = Api::namespaced(client.clone(), namespace);
        let name = lease_name(release);
        let mine = Holder::mine(command);
        let started = Instant::now();
        let mut said = false;
        loop {
            // Most of the time no one holds it: try to take it first, look only then.
            let created = api
                .create(&PostParams::default(), &lease_object(&name, &mine, None))
                .await;
            let (attempt, took_over) = match created {
                Err(kube::Error::Api(status)) if status.code == 409 => {
                    let Some(lease) = api.get_opt(&name).await.with_context(|| {
                        format!("could not read the deploy lock {namespace}/{name}")
                    })?
                    else {
                        continue;
                    };
                    let holder = holder_of(&lease);
                    let dead = holder.as_ref().is_some_and(Holder::died_here);
                    if expired(&lease) || dead {
                        let replaced =
                            lease_object(&name, &mine, lease.metadata.resource_version.clone());
                        (
                            api.replace(&name, &PostParams::default(), &replaced).await,
                            holder,
                        )
                    } else {
                        let who = holder.map_or_else(
                            || "another deploy".to_owned(),
                            |holder| holder.describe(),
                        );
                        if started.elapsed() >= timeout {
                            return Err(crate::error::HintedFailure::new(
                                format!(
                                    "another deploy of {namespace}/{release} is running: {who}"
                                ),
                                "wait for it, or raise --lock-timeout; a lock whose holder died \
                                 expires on its own within 30 s",
                            )
                            .into());
                        }
                        if !said {
                            printer.status(&format!(
                                "Waiting for the deploy held by {who} (up to {})",
                                crate::output::progress::format_duration(timeout)
                            ));
                            said = true;
                        }
                        tokio::time::sleep(Duration::from_millis(500)).await;
                        continue;
                    }
                }
                other => (other, None),
            };
            match attempt {
                Ok(lease) => {
                    let uid = lease.metadata.uid.clone();
                    let renewer = tokio::spawn(renew(api.clone(), name.clone()));
                    return Ok(Self {
                        api,
                        name,
                        uid,
                        renewer,
                        took_over,
                    });
                }
                // Someone else created or took it in between: look again.
                Err(kube::Error::Api(status)) if status.code == 409 => continue,
                Err(error) => {
                    return Err(error).with_context(|| {
                        format!("could not take the deploy lock {namespace}/{name}")
                    });
                }
            }
        }
    }

    /// Gives the lock back.
    pub async fn release(self) {
        self.renewer.abort();
        let params = DeleteParams {
            preconditions: Some(Preconditions {
                uid: self.uid.clone(),
                resource_version: None,
            }),
            ..DeleteParams::default()
        };
        // A lock not given back expires on its own.
        let _ = self.api.delete(&self.name, &params).await;
    }
}

async fn renew(api: Api<Lease>, name: String) {
    loop {
        tokio::time::sleep(RENEW_EVERY).await;
        let patch = serde_json::json!({
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "spec": { "renewTime": MicroTime(Timestamp::now()) },
        });
        // A failed renewal is retried at the next tick; the lock lasts 30 s.
        let _ = api
            .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_renewed_long_ago_is_expired() {
        let holder = Holder::mine("sleak deploy");
        let mut lease = lease_object("sleak-deploy-api", &holder, None);
        assert!(!expired(&lease));
        let old = MicroTime(Timestamp::from_second(Timestamp::now().as_second() - 60).unwrap());
        if let Some(spec) = lease.spec.as_mut() {
            spec.renew_time = Some(old);
        }
        assert!(expired(&lease));
        assert_eq!(holder_of(&lease), Some(holder));
    }
}

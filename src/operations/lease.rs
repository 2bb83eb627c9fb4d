//! One changing run at a time per workspace: a lease in the management account.
//!
//! sleak keeps no state file, so two runs at once (two people, or CI and a person) would
//! both find nothing and both create it. Every command that changes AWS (`onboard`,
//! `apply`, `cluster create|delete`, `destroy`) first takes the workspace's lease: the
//! object `leases/<workspace>.json` in the state bucket of the management account
//! (`sleak-state-<account>-<region>`), written only if absent (S3's `If-None-Match: *`)
//! and renewed only if unchanged (`If-Match: <ETag>`), so two runs can never both hold
//! it. It names who holds it, where, for which command and since when.
//!
//! - A second run waits, saying who holds the lease, up to `--lock-timeout`, then fails.
//! - The holder renews the lease every third of its time to live. A run that stops
//!   renewing (killed, or its machine gone) leaves a lease that a waiting run takes over
//!   once it has seen it unchanged for a whole time to live — measured on the waiting
//!   run's own clock, so clocks that disagree cannot make it early — saying so. A lease
//!   of the same user and machine whose process is gone (Ctrl-C, a crash) is taken over
//!   at once.
//! - A holder that finds its lease taken over stops its run (what it did stays; the
//!   next run resumes).
//! - `sleak unlock` removes a lease for the cases the rest does not cover.
//!
//! Read-only commands (`plan`, `status`, `doctor`) take no lease.

use std::time::Duration;

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_s3::primitives::{DateTime, DateTimeFormat};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::error::UsageError;
use crate::providers::aws::s3::{self, Written};
use crate::providers::wait::{self, Backoff, Poll};

/// How long a lease lives without renewal: 90 s, or `SLEAK_LEASE_TTL` seconds.
pub fn time_to_live() -> Duration {
    std::env::var("SLEAK_LEASE_TTL")
        .ok()
        .and_then(|value| value.parse::<u64>().ok())
        .filter(|seconds| *seconds > 0)
        .map_or(Duration::from_secs(90), Duration::from_secs)
}

/// What a lease says: who holds it, where, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub workspace: String,
    /// This run's own id: how a run knows its lease from another's.
    pub run: String,
    /// `user@host`.
    pub holder: String,
    pub pid: u32,
    /// `sleak onboard`, `sleak cluster create dev`, …
    pub command: String,
    pub since: String,
    pub renewed: String,
    pub renewals: u64,
    pub ttl_seconds: u64,
    pub sleak: String,
}

impl Holder {
    /// "alice@laptop (sleak onboard, pid 4242) since 2026-11-30T10:00:00Z".
    pub fn describe(&self) -> String {
        format!(
            "{} ({}, pid {}) since {}",
            self.holder, self.command, self.pid, self.since
        )
    }
}

fn now() -> String {
    DateTime::from(std::time::SystemTime::now())
        .fmt(DateTimeFormat::DateTime)
        .unwrap_or_default()
}

/// Whether a sleak process `pid` runs on this machine: what tells a lease left by a run
/// killed here (Ctrl-C, a crash, `kill -9`) from one held by a run still going. Where
/// processes cannot be looked at (no /proc), every process counts as alive and only the
/// time to live frees a lease.
pub(crate) fn process_lives(pid: u32) -> bool {
    let proc = std::path::Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    match std::fs::read(proc.join(pid.to_string()).join("cmdline")) {
        // Another program may have the pid since: only a sleak holds a lease.
        Ok(cmdline) => String::from_utf8_lossy(&cmdline).contains("sleak"),
        Err(_) => false,
    }
}

pub(crate) fn whoami() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".to_owned());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|host| host.trim().to_owned())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "unknown-host".to_owned());
    format!("{user}@{host}")
}

/// Where a workspace's lease lives.
#[derive(Clone)]
pub struct Place {
    client: aws_sdk_s3::Client,
    pub bucket: String,
    pub key: String,
}

impl Place {
    /// The lease of `workspace` in the management account of `config` (`account`).
    pub fn new(config: &SdkConfig, account: &str, region: &str, workspace: &str) -> Self {
        Self {
            client: s3::client(config),
            bucket: s3::state_bucket(account, region),
            key: format!("leases/{workspace}.json"),
        }
    }

    fn url(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key)
    }

    /// The lease as it is, with its ETag.
    pub async fn read(&self) -> anyhow::Result<Option<(Holder, String)>> {
        let Some(object) = s3::get(&self.client, &self.bucket, &self.key).await? else {
            return Ok(None);
        };
        let holder = serde_json::from_slice(&object.body)
            .with_context(|| format!("{} is not a sleak lease", self.url()))?;
        Ok(Some((holder, object.etag)))
    }

    async fn write(&self, holder: &Holder, if_match: Option<&str>) -> anyhow::Result<Written> {
        let body = serde_json::to_vec_pretty(holder).expect("a lease serializes");
        s3::put_if(&self.client, &self.bucket, &self.key, body, if_match).await
    }

    /// Removes the lease whatever holds it (`sleak unlock`).
    pub async fn remove(&self) -> anyhow::Result<()> {
        s3::delete(&self.client, &self.bucket, &self.key).await
    }
}

/// A lease held by this run, renewed in the background until released.
pub struct Lease {
    place: Place,
    run: String,
    renewal: tokio::task::JoinHandle<()>,
    lost: watch::Receiver<Option<String>>,
}

impl Lease {
    /// Takes the lease of `workspace` for `command`, waiting up to `timeout` for another
    /// run's; `on_wait` is told who holds it while waiting, and `say` what this run did
    /// (took over a stale lease).
    pub async fn acquire(
        place: Place,
        region: &str,
        workspace: &str,
        command: &str,
        timeout: Duration,
        on_wait: &(dyn Fn(&str) + Sync),
        say: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<Lease> {
        s3::ensure_private_bucket(&place.client, &place.bucket, region).await?;
        let ttl = time_to_live();
        let at = now();
        let mine = Holder {
            workspace: workspace.to_owned(),
            run: uuid::Uuid::new_v4().to_string(),
            holder: whoami(),
            pid: std::process::id(),
            command: command.to_owned(),
            since: at.clone(),
            renewed: at,
            renewals: 0,
            ttl_seconds: ttl.as_secs(),
            sleak: env!("CARGO_PKG_VERSION").to_owned(),
        };
        // The lease as last seen: its ETag, since when (this run's clock), and holder.
        let seen: std::sync::Mutex<Option<(String, Instant, Holder)>> = Default::default();
        let (place_ref, mine_ref, seen_ref) = (&place, &mine, &seen);
        let etag = wait::until_else(
            Backoff::lease(timeout),
            on_wait,
            move || async move {
                if let Written::Done(etag) = place_ref.write(mine_ref, None).await? {
                    return Ok(Poll::Ready(etag));
                }
                let Some((current, etag)) = place_ref.read().await? else {
                    // Released meanwhile: try again at once.
                    return Ok(Poll::Pending("the workspace lease was just released".to_owned()));
                };
                if current.run == mine_ref.run {
                    // Our own write, whose answer was lost and retried.
                    return Ok(Poll::Ready(etag));
                }
                let unchanged_for = {
                    let mut seen = seen_ref.lock().expect("lease state");
                    match &*seen {
                        Some((seen_etag, since, _)) if *seen_etag == etag => since.elapsed(),
                        _ => {
                            *seen = Some((etag.clone(), Instant::now(), current.clone()));
                            Duration::ZERO
                        }
                    }
                };
                let stale_after = Duration::from_secs(current.ttl_seconds.max(1));
                let gone = current.holder == mine_ref.holder && !process_lives(current.pid);
                if gone || unchanged_for >= stale_after {
                    if let Written::Done(new_etag) = place_ref.write(mine_ref, Some(&etag)).await? {
                        say(&if gone {
                            format!(
                                "took over the workspace lease of {}: that process is gone",
                                current.describe()
                            )
                        } else {
                            format!(
                                "took over the workspace lease of {}: not renewed for {}s",
                                current.describe(),
                                unchanged_for.as_secs()
                            )
                        });
                        return Ok(Poll::Ready(new_etag));
                    }
                    return Ok(Poll::Pending("the workspace lease changed hands".to_owned()));
                }
                Ok(Poll::Pending(format!(
                    "waiting for the workspace lease held by {}",
                    current.describe()
                )))
            },
            |waited| {
                let holder = seen
                    .lock()
                    .ok()
                    .and_then(|seen| seen.as_ref().map(|(_, _, holder)| holder.describe()))
                    .unwrap_or_else(|| "another run".to_owned());
                UsageError::new(format!(
                    "the workspace `{workspace}` is locked by {holder}; gave up after {}",
                    crate::output::progress::format_duration(waited)
                ))
                .with_hint(
                    "wait for that run to finish, or wait longer with `--lock-timeout 30m`; if that run is gone for good, `sleak unlock` removes its lease (a lease not renewed is also taken over on its own after its time to live)",
                )
                .into()
            },
        )
        .await?;
        let (tell, lost) = watch::channel(None);
        let renewal = tokio::spawn(renew(place.clone(), mine.clone(), etag, ttl, tell));
        Ok(Lease {
            place,
            run: mine.run,
            renewal,
            lost,
        })
    }

    /// Resolves when the lease was lost (taken over, or not renewable for its whole time
    /// to live), with why; never while it is held.
    pub async fn lost(&mut self) -> String {
        loop {
            if let Some(reason) = self.lost.borrow_and_update().clone() {
                return reason;
            }
            if self.lost.changed().await.is_err() {
                // The renewal ended without a word: hold on.
                std::future::pending::<()>().await;
            }
        }
    }

    /// Stops renewing and removes the lease if it is still this run's.
    pub async fn release(self) -> anyhow::Result<()> {
        self.renewal.abort();
        if let Some((holder, _)) = self.place.read().await?
            && holder.run == self.run
        {
            self.place.remove().await?;
        }
        Ok(())
    }
}

/// Renews the lease every third of its time to live; tells `lost` why when it cannot.
async fn renew(
    place: Place,
    mut mine: Holder,
    mut etag: String,
    ttl: Duration,
    lost: watch::Sender<Option<String>>,
) {
    let every = (ttl / 3).max(Duration::from_millis(200));
    let mut renewed = Instant::now();
    loop {
        tokio::time::sleep(every).await;
        mine.renewals += 1;
        mine.renewed = now();
        match place.write(&mine, Some(&etag)).await {
            Ok(Written::Done(new_etag)) => {
                etag = new_etag;
                renewed = Instant::now();
                continue;
            }
            Ok(Written::Refused) => match place.read().await {
                // Our renewal, whose answer was lost and retried.
                Ok(Some((holder, current))) if holder.run == mine.run => {
                    etag = current;
                    renewed = Instant::now();
                    continue;
                }
                Ok(Some((holder, _))) => {
                    let _ = lost.send(Some(format!(
                        "the workspace lease was taken over by {}",
                        holder.describe()
                    )));
                    return;
                }
                Ok(None) => {
                    let _ = lost.send(Some(
                        "the workspace lease was removed (`sleak unlock`?)".to_owned(),
                    ));
                    return;
                }
                Err(_) => {}
            },
            Err(_) => {}
        }
        if renewed.elapsed() >= ttl {
            let _ = lost.send(Some(format!(
                "could not renew the workspace lease for {}s",
                renewed.elapsed().as_secs()
            )));
            return;
        }
    }
}

//! Waiting for the cloud: one poll loop with a growing pause, and every interval and
//! timeout sleak waits with, named by what it waits for ([`Backoff`]'s presets).
//!
//! A wait looks with `poll`, which answers [`Poll::Ready`] (done), [`Poll::Pending`]
//! (not yet: its message goes to `on_wait`, for the progress display) or
//! [`Poll::Retry`] (a passing failure), or fails (a failure that waiting cannot mend).
//! Between looks it pauses, doubling the pause from [`Backoff::first`] up to
//! [`Backoff::max`], until its [`Budget`] is spent.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// What one look says.
#[derive(Debug)]
pub enum Poll<T> {
    /// Done: the wait ends with this.
    Ready(T),
    /// Not yet: `on_wait` is told this, and the next look comes after a pause.
    Pending(String),
    /// A passing failure (something still in use, not yet visible): look again after a
    /// pause; when the budget is spent, the wait fails with this error.
    Retry(anyhow::Error),
}

/// How long a wait keeps looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// As long as it takes (the cloud reports success or failure in the end).
    Unlimited,
    /// Gives up when a look is still not done this long after the wait began.
    Time(Duration),
    /// Gives up after this many looks (no pause after the last one).
    Polls(u32),
}

/// The pauses and the budget of one kind of wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first pause: short, as the cloud is often done quickly (and the test doubles
    /// answer "not yet" only a few times).
    pub first: Duration,
    /// The longest pause: pauses double from `first` up to this.
    pub max: Duration,
    pub budget: Budget,
    /// Pause before the first look too: for what cannot be there yet.
    pub pause_first: bool,
}

impl Backoff {
    const fn new(first: Duration, max: Duration, budget: Budget) -> Self {
        Self {
            first,
            max,
            budget,
            pause_first: false,
        }
    }

    /// The pause of an EKS wait: from 200 ms up to 15 s.
    const fn eks(minutes: u64) -> Self {
        Self::new(
            Duration::from_millis(200),
            Duration::from_secs(15),
            Budget::Time(Duration::from_secs(minutes * 60)),
        )
    }

    /// An EKS control plane to be ACTIVE after a create or an update (10 to 15 minutes
    /// for a new one): 40 minutes.
    pub const EKS_CLUSTER: Self = Self::eks(40);
    /// An EKS control plane to be gone: 30 minutes.
    pub const EKS_CLUSTER_DELETE: Self = Self::eks(30);
    /// A managed node group to be ACTIVE (about 5 minutes) or gone (drained): 30 minutes.
    pub const EKS_NODEGROUP: Self = Self::eks(30);
    /// An update of a managed node group to end (a new Kubernetes version replaces every
    /// node, honouring pod disruption budgets): an hour.
    pub const EKS_NODEGROUP_UPDATE: Self = Self::eks(60);
    /// An EKS add-on to be ACTIVE: 20 minutes.
    pub const EKS_ADDON: Self = Self::eks(20);

    /// A new NAT gateway to be available (a few minutes): until EC2 says it is or that
    /// it failed.
    /// A database or cache being created or changed (RDS takes 5 to 20 minutes, a
    /// multi-AZ change more).
    pub const DATABASE: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(15),
        Budget::Time(Duration::from_secs(90 * 60)),
    );

    pub const NAT_GATEWAY: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(15),
        Budget::Unlimited,
    );
    /// An EC2 resource to be gone (a NAT gateway deleted, an instance terminated): 60
    /// looks, from 200 ms up to 15 s apart (about 13 minutes).
    pub const EC2_GONE: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(15),
        Budget::Polls(60),
    );
    /// An EC2 delete refused while dependencies linger (`DependencyViolation`, an
    /// address still in use): the first try and 20 retries, from 300 ms up to 15 s apart
    /// (about 4 minutes).
    pub const EC2_DEPENDENCIES: Self = Self::new(
        Duration::from_millis(300),
        Duration::from_secs(15),
        Budget::Polls(21),
    );
    /// A VPC peering to be active in the accepter's account: 40 looks, from 200 ms up to
    /// 10 s apart (about 5 minutes).
    pub const PEERING: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(10),
        Budget::Polls(40),
    );
    /// A new instance profile to reach EC2: the first try and 8 retries, 2 s apart.
    pub const INSTANCE_PROFILE: Self = Self::new(
        Duration::from_secs(2),
        Duration::from_secs(2),
        Budget::Polls(9),
    );
    /// A new IAM role to reach EKS: the first try and 6 retries, 3 s apart.
    pub const EKS_ROLE: Self = Self::new(
        Duration::from_secs(3),
        Duration::from_secs(3),
        Budget::Polls(7),
    );

    /// How many times [`crate::providers::aws::once::create_once`] sends a create whose
    /// answers keep getting lost.
    pub const LOST_ANSWER_TRIES: u32 = 6;
    /// A create whose answer was lost, tried again once sleak looked whether it took
    /// effect: up to [`Self::LOST_ANSWER_TRIES`] tries, from 200 ms up to 3 s apart.
    pub const LOST_ANSWER: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(3),
        Budget::Polls(Self::LOST_ANSWER_TRIES),
    );

    /// The workspace lease held by another run: looks from 500 ms up to 2 s apart, for
    /// `timeout` (`--lock-timeout`); one look when it is zero.
    pub const fn lease(timeout: Duration) -> Self {
        Self::new(
            Duration::from_millis(500),
            Duration::from_secs(2),
            if timeout.is_zero() {
                Budget::Polls(1)
            } else {
                Budget::Time(timeout)
            },
        )
    }

    /// AWS Organizations to create an account (a minute or two): until it says it did
    /// or that it could not.
    pub const ACCOUNT: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(10),
        Budget::Unlimited,
    );

    /// An SSM command to finish on an instance: 30 looks, the first after 500 ms, then
    /// up to 5 s apart (about 2 minutes).
    pub const SSM_COMMAND: Self = Self {
        first: Duration::from_millis(500),
        max: Duration::from_secs(5),
        budget: Budget::Polls(30),
        pause_first: true,
    };

    /// ACM to give a new certificate's DNS validation records (seconds): 20 looks, from
    /// 200 ms up to 5 s apart (about a minute).
    pub const CERTIFICATE_RECORDS: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(5),
        Budget::Polls(20),
    );
    /// A certificate to be ISSUED once its validation records are in a delegated zone
    /// (usually minutes; longer while the delegation propagates): 45 minutes.
    pub const CERTIFICATE: Self = Self::new(
        Duration::from_millis(200),
        Duration::from_secs(15),
        Budget::Time(Duration::from_secs(45 * 60)),
    );

    /// A certificate's load balancers to let it go (the AWS Load Balancer Controller
    /// deletes them after their Ingresses): 40 looks, from 1 s up to 15 s apart (about 8
    /// minutes).
    pub const CERTIFICATE_IN_USE: Self = Self::new(
        Duration::from_secs(1),
        Duration::from_secs(15),
        Budget::Polls(40),
    );

    /// The time limit, for messages such as "not ACTIVE after 40 minutes".
    pub fn time_limit(&self) -> Option<Duration> {
        match self.budget {
            Budget::Time(limit) => Some(limit),
            Budget::Unlimited | Budget::Polls(_) => None,
        }
    }

    /// The time limit in whole minutes (0 without one).
    pub fn minutes(&self) -> u64 {
        self.time_limit().map_or(0, |limit| limit.as_secs() / 60)
    }

    /// The pause after `pause`.
    fn next(&self, pause: Duration) -> Duration {
        (pause * 2).min(self.max)
    }
}

/// Looks with `poll` until it is ready, pausing as `backoff` says; tells `on_wait` each
/// pending look's message. When the budget is spent it fails with the last
/// [`Poll::Retry`] error, else with "gave up waiting for {what} after {time waited}".
pub async fn until<T, F, Fut>(
    backoff: Backoff,
    what: &str,
    on_wait: &(dyn Fn(&str) + Sync),
    poll: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Poll<T>>>,
{
    until_else(backoff, on_wait, poll, |waited| {
        anyhow::anyhow!(
            "gave up waiting for {what} after {}",
            crate::output::progress::format_duration(waited)
        )
    })
    .await
}

/// What [`follow`] waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The resource exists with this status (`available`).
    Status(&'static str),
    /// The resource no longer exists.
    Gone,
}

/// Follows a resource that takes minutes (a database, a cache) until it reaches `goal`,
/// reading it with `read` (`None`: it does not exist) and its status with `status`.
/// Progress says `<noun> <name> is <status> (<time> so far)`; a status for which
/// `failed` gives an error stops the wait with it.
#[allow(clippy::too_many_arguments)]
pub async fn follow<T, F, Fut>(
    backoff: Backoff,
    noun: &str,
    name: &str,
    goal: Goal,
    on_wait: &(dyn Fn(&str) + Sync),
    read: F,
    status: impl Fn(&T) -> &str,
    failed: impl Fn(&str) -> Option<anyhow::Error>,
) -> anyhow::Result<Option<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Option<T>>>,
{
    let started = Instant::now();
    let mut read = read;
    let what = match goal {
        Goal::Status(wanted) => format!("the {noun} `{name}` to be {wanted}"),
        Goal::Gone => format!("the {noun} `{name}` to be deleted"),
    };
    until(backoff, &what, on_wait, || {
        let found = read();
        let (status, failed) = (&status, &failed);
        async move {
            let found = found.await?;
            let now = found.as_ref().map(|found| status(found).to_owned());
            match (goal, now) {
                (Goal::Gone, None) => Ok(Poll::Ready(None)),
                (Goal::Status(wanted), Some(now)) if now == wanted => Ok(Poll::Ready(found)),
                (_, Some(now)) => match failed(&now) {
                    Some(error) if goal != Goal::Gone => Err(error),
                    _ => Ok(Poll::Pending(format!(
                        "{noun} {name} is {now} ({} so far)",
                        crate::output::progress::format_duration(started.elapsed())
                    ))),
                },
                (Goal::Status(_), None) => {
                    Ok(Poll::Pending(format!("{noun} {name} is not visible yet")))
                }
            }
        }
    })
    .await
}

/// [`until`], failing with `timed_out(time waited)` when the budget is spent on a
/// pending look: for waits that say in their own words what did not happen.
pub async fn until_else<T, F, Fut, E>(
    backoff: Backoff,
    on_wait: &(dyn Fn(&str) + Sync),
    mut poll: F,
    timed_out: E,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Poll<T>>>,
    E: FnOnce(Duration) -> anyhow::Error,
{
    let started = Instant::now();
    let mut pause = backoff.first;
    let mut polls: u32 = 0;
    loop {
        if backoff.pause_first {
            tokio::time::sleep(pause).await;
        }
        let retry = match poll().await? {
            Poll::Ready(value) => return Ok(value),
            Poll::Pending(message) => {
                on_wait(&message);
                None
            }
            Poll::Retry(error) => Some(error),
        };
        polls = polls.saturating_add(1);
        let spent = match backoff.budget {
            Budget::Unlimited => false,
            Budget::Time(limit) => started.elapsed() > limit,
            Budget::Polls(most) => polls >= most,
        };
        if spent {
            return Err(retry.unwrap_or_else(|| timed_out(started.elapsed())));
        }
        if !backoff.pause_first {
            tokio::time::sleep(pause).await;
        }
        pause = backoff.next(pause);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    /// A poll that is pending `pending` times, then ready with the number of looks.
    fn ready_after(
        pending: u32,
        looks: &AtomicU32,
    ) -> impl FnMut() -> std::future::Ready<anyhow::Result<Poll<u32>>> + '_ {
        move || {
            let look = looks.fetch_add(1, Ordering::SeqCst) + 1;
            std::future::ready(Ok(if look > pending {
                Poll::Ready(look)
            } else {
                Poll::Pending(format!("look {look}"))
            }))
        }
    }

    fn backoff(budget: Budget) -> Backoff {
        Backoff::new(Duration::from_millis(200), Duration::from_secs(15), budget)
    }

    #[tokio::test(start_paused = true)]
    async fn pending_looks_are_reported_and_the_pause_doubles_up_to_its_most() {
        let looks = AtomicU32::new(0);
        let messages = Mutex::new(Vec::new());
        let started = Instant::now();
        let value = until(
            backoff(Budget::Unlimited),
            "the thing",
            &|message| messages.lock().unwrap().push(message.to_owned()),
            ready_after(9, &looks),
        )
        .await
        .unwrap();
        assert_eq!(value, 10);
        assert_eq!(messages.lock().unwrap().len(), 9);
        assert_eq!(messages.lock().unwrap()[0], "look 1");
        // 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 6.4 + 12.8 + 15 + 15 seconds of pauses.
        assert_eq!(started.elapsed(), Duration::from_millis(55_400));
    }

    /// Answers the statuses in turn (`None`: gone), then the last one for ever.
    fn statuses<'a>(
        answers: &'a [Option<&'static str>],
        looks: &'a AtomicU32,
    ) -> impl FnMut() -> std::future::Ready<anyhow::Result<Option<String>>> + 'a {
        move || {
            let look = looks.fetch_add(1, Ordering::SeqCst) as usize;
            let answer = answers[look.min(answers.len() - 1)];
            std::future::ready(Ok(answer.map(str::to_owned)))
        }
    }

    #[tokio::test(start_paused = true)]
    async fn follow_reports_each_status_until_the_goal_and_stops_on_a_failure() {
        let looks = AtomicU32::new(0);
        let messages = Mutex::new(Vec::new());
        let answers = [
            None,
            Some("creating"),
            Some("backing-up"),
            Some("available"),
        ];
        let found = follow(
            Backoff::DATABASE,
            "database",
            "db-1",
            Goal::Status("available"),
            &|message| messages.lock().unwrap().push(message.to_owned()),
            statuses(&answers, &looks),
            |status: &String| status.as_str(),
            |_| None,
        )
        .await
        .unwrap();
        assert_eq!(found.as_deref(), Some("available"));
        let messages = messages.lock().unwrap().clone();
        assert_eq!(messages[0], "database db-1 is not visible yet");
        assert!(
            messages[1].starts_with("database db-1 is creating ("),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with("database db-1 is backing-up ("),
            "{messages:?}"
        );

        let looks = AtomicU32::new(0);
        let answers = [Some("creating"), Some("storage-full")];
        let error = follow(
            Backoff::DATABASE,
            "database",
            "db-1",
            Goal::Status("available"),
            &|_| {},
            statuses(&answers, &looks),
            |status: &String| status.as_str(),
            |status| (status == "storage-full").then(|| anyhow::anyhow!("db-1 is full")),
        )
        .await
        .unwrap_err();
        assert_eq!(error.to_string(), "db-1 is full");

        // Deleting: any status is waited through, gone is the goal.
        let looks = AtomicU32::new(0);
        let answers = [Some("deleting"), Some("failed"), None];
        let gone = follow(
            Backoff::DATABASE,
            "cache",
            "c-1",
            Goal::Gone,
            &|_| {},
            statuses(&answers, &looks),
            |status: &String| status.as_str(),
            |_| Some(anyhow::anyhow!("never while deleting")),
        )
        .await
        .unwrap();
        assert!(gone.is_none());
        assert_eq!(looks.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_ready_first_look_does_not_pause() {
        let looks = AtomicU32::new(0);
        let started = Instant::now();
        until(Backoff::EKS_CLUSTER, "x", &|_| {}, ready_after(0, &looks))
            .await
            .unwrap();
        assert_eq!(started.elapsed(), Duration::ZERO);
        assert_eq!(looks.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_time_budget_gives_up_with_what_and_the_time_waited() {
        let looks = AtomicU32::new(0);
        let error = until(
            backoff(Budget::Time(MINUTE)),
            "the NAT gateway `nat-1`",
            &|_| {},
            ready_after(u32::MAX, &looks),
        )
        .await
        .unwrap_err();
        // Looks at 0, 0.2, 0.6, 1.4, 3, 6.2, 12.6, 25.4, 40.4, 55.4 and 70.4 s: the last
        // is past the minute.
        assert_eq!(looks.load(Ordering::SeqCst), 11);
        assert_eq!(
            error.to_string(),
            "gave up waiting for the NAT gateway `nat-1` after 1m10s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_polls_budget_counts_looks_and_does_not_pause_after_the_last() {
        let looks = AtomicU32::new(0);
        let started = Instant::now();
        let error = until_else(
            backoff(Budget::Polls(4)),
            &|_| {},
            ready_after(u32::MAX, &looks),
            |waited| anyhow::anyhow!("not done in {}", waited.as_millis()),
        )
        .await
        .unwrap_err();
        assert_eq!(looks.load(Ordering::SeqCst), 4);
        assert_eq!(error.to_string(), "not done in 1400");
        assert_eq!(started.elapsed(), Duration::from_millis(1_400));
    }

    #[tokio::test(start_paused = true)]
    async fn pause_first_pauses_before_each_look() {
        let looks = AtomicU32::new(0);
        let started = Instant::now();
        let backoff = Backoff {
            pause_first: true,
            ..backoff(Budget::Polls(3))
        };
        until(backoff, "x", &|_| {}, ready_after(u32::MAX, &looks))
            .await
            .unwrap_err();
        assert_eq!(looks.load(Ordering::SeqCst), 3);
        assert_eq!(started.elapsed(), Duration::from_millis(1_400));
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_that_outlasts_the_budget_is_the_error() {
        let looks = AtomicU32::new(0);
        let error = until(
            Backoff::EC2_DEPENDENCIES,
            "x",
            &|_| panic!("no message"),
            || {
                looks.fetch_add(1, Ordering::SeqCst);
                std::future::ready(Ok::<Poll<()>, _>(Poll::Retry(anyhow::anyhow!(
                    "DependencyViolation"
                ))))
            },
        )
        .await
        .unwrap_err();
        assert_eq!(looks.load(Ordering::SeqCst), 21);
        assert_eq!(error.to_string(), "DependencyViolation");
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_look_ends_the_wait_at_once() {
        let looks = AtomicU32::new(0);
        let error = until(Backoff::EKS_ADDON, "x", &|_| {}, || {
            looks.fetch_add(1, Ordering::SeqCst);
            std::future::ready(Err::<Poll<()>, _>(anyhow::anyhow!("it is FAILED")))
        })
        .await
        .unwrap_err();
        assert_eq!(looks.load(Ordering::SeqCst), 1);
        assert_eq!(error.to_string(), "it is FAILED");
    }

    #[test]
    fn presets_keep_their_first_pause_short() {
        for preset in [
            Backoff::EKS_CLUSTER,
            Backoff::EKS_CLUSTER_DELETE,
            Backoff::EKS_NODEGROUP,
            Backoff::EKS_NODEGROUP_UPDATE,
            Backoff::EKS_ADDON,
            Backoff::NAT_GATEWAY,
            Backoff::EC2_GONE,
            Backoff::EC2_DEPENDENCIES,
            Backoff::PEERING,
            Backoff::ACCOUNT,
            Backoff::SSM_COMMAND,
        ] {
            assert!(preset.first <= Duration::from_millis(500), "{preset:?}");
            assert!(preset.first <= preset.max, "{preset:?}");
        }
        assert_eq!(Backoff::EKS_CLUSTER.minutes(), 40);
        assert_eq!(Backoff::EKS_ADDON.minutes(), 20);
        assert_eq!(Backoff::EC2_GONE.minutes(), 0);
    }
}

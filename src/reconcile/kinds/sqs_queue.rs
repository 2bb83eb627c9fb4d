//! The SQS queue of an sqs dependency, or its dead-letter queue: SQS-managed encryption,
//! FIFO when asked, the visibility timeout, the retention, and the redrive policy to the
//! dead-letter queue; each attribute compared and repaired.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value as Json;

use crate::providers::aws::sqs::{self, QueueCreated, QueueRead};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

/// How long a dead-letter queue keeps a message: SQS's longest, 14 days.
pub const DEAD_LETTER_RETENTION_SECS: u32 = 14 * 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqsQueue {
    /// Ends `.fifo` for a FIFO queue.
    pub name: String,
    pub fifo: bool,
    /// `None`: SQS's default (30 s).
    pub visibility_timeout_secs: Option<u32>,
    /// `None`: SQS's default (4 days).
    pub retention_secs: Option<u32>,
    pub dead_letter: Option<DeadLetter>,
}

/// Where messages go after `max_receives` receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Plan id of the dead-letter queue.
    pub queue: String,
    pub max_receives: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub read: QueueRead,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    VisibilityTimeout(u32),
    Retention(u32),
    ManagedEncryption,
    RedrivePolicy,
    RemoveRedrivePolicy,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::VisibilityTimeout(secs) => write!(f, "set the visibility timeout to {secs} s"),
            Fix::Retention(secs) => write!(f, "keep messages {} days", secs / 86_400),
            Fix::ManagedEncryption => f.write_str("turn SQS-managed encryption on"),
            Fix::RedrivePolicy => f.write_str("send failed messages to the dead-letter queue"),
            Fix::RemoveRedrivePolicy => f.write_str("remove the redrive policy"),
        }
    }
}

impl Fix {
    /// The attribute (as SQS names it) and value the fix sets.
    fn attribute(
        &self,
        queue: &SqsQueue,
        refs: &Outputs,
    ) -> anyhow::Result<(&'static str, String)> {
        Ok(match self {
            Fix::VisibilityTimeout(secs) => ("VisibilityTimeout", secs.to_string()),
            Fix::Retention(secs) => ("MessageRetentionPeriod", secs.to_string()),
            Fix::ManagedEncryption => ("SqsManagedSseEnabled", "true".to_owned()),
            Fix::RedrivePolicy => (
                "RedrivePolicy",
                queue.redrive_policy(refs)?.unwrap_or_default(),
            ),
            Fix::RemoveRedrivePolicy => ("RedrivePolicy", String::new()),
        })
    }
}

impl SqsQueue {
    /// The redrive policy, once the dead-letter queue exists; `None` without one.
    fn redrive_policy(&self, refs: &Outputs) -> anyhow::Result<Option<String>> {
        let Some(dead_letter) = &self.dead_letter else {
            return Ok(None);
        };
        let arn = refs.arn(&dead_letter.queue)?;
        Ok(Some(
            serde_json::json!({ "deadLetterTargetArn": arn, "maxReceiveCount": dead_letter.max_receives }).to_string(),
        ))
    }

    /// The attributes a new queue is created with.
    fn create_attributes(&self, refs: &Outputs) -> anyhow::Result<BTreeMap<String, String>> {
        let mut attributes =
            BTreeMap::from([("SqsManagedSseEnabled".to_owned(), "true".to_owned())]);
        if self.fifo {
            attributes.insert("FifoQueue".to_owned(), "true".to_owned());
        }
        if let Some(secs) = self.visibility_timeout_secs {
            attributes.insert("VisibilityTimeout".to_owned(), secs.to_string());
        }
        if let Some(secs) = self.retention_secs {
            attributes.insert("MessageRetentionPeriod".to_owned(), secs.to_string());
        }
        if let Some(policy) = self.redrive_policy(refs)? {
            attributes.insert("RedrivePolicy".to_owned(), policy);
        }
        Ok(attributes)
    }

    fn output_of(&self, read: &QueueRead) -> Output {
        Output {
            id: self.name.clone(),
            arn: read.arn().map(str::to_owned),
            endpoint: Some(read.url.clone()),
            port: None,
            secret: None,
            security_group: None,
        }
    }
}

/// Whether the queue's tags say it is this resource of this workspace.
fn ours(read: &QueueRead, tags: &[(String, String)]) -> bool {
    crate::providers::aws::tags::carries(
        read.tags
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
        tags,
    )
}

fn not_ours(name: &str) -> anyhow::Error {
    crate::error::UsageError::new(format!(
        "the SQS queue `{name}` exists in the account but is not this workspace's (it lacks the tags sleak:workspace and sleak:id sleak gives its queues)"
    ))
    .with_hint("rename or delete that queue, or rename the dependency: sleak never takes over a queue it did not make")
    .into()
}

/// A redrive policy's target and receive count (SQS writes the count as a number or a
/// string).
fn parse_redrive(text: &str) -> Option<(String, u64)> {
    let policy: Json = serde_json::from_str(text).ok()?;
    let target = policy["deadLetterTargetArn"].as_str()?.to_owned();
    let count = match &policy["maxReceiveCount"] {
        Json::Number(number) => number.as_u64()?,
        Json::String(text) => text.parse().ok()?,
        _ => return None,
    };
    Some((target, count))
}

impl Kind for SqsQueue {
    const KIND: &'static str = "sqs:queue";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        self.dead_letter
            .iter()
            .map(|dead_letter| dead_letter.queue.as_str())
            .collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        let Some(read) = sqs::queue(&config, &self.name).await? else {
            return Ok(None);
        };
        // Tagged at creation (CreateQueue takes tags): untagged is someone else's.
        if !ours(&read, &cx.tags()) {
            return Err(not_ours(&self.name));
        }
        Ok(Some(Observed { read }))
    }

    fn output(&self, observed: &Observed) -> Output {
        self.output_of(&observed.read)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let attributes = &observed.read.attributes;
        let attribute = |name: &str| attributes.get(name).map(String::as_str);
        let mut changes = Changes::default();
        if (attribute("FifoQueue") == Some("true")) != self.fifo {
            changes.drift.push(format!(
                "it is {} FIFO queue (SQS cannot change that)",
                if self.fifo { "not a" } else { "a" }
            ));
        }
        if let Some(secs) = self.visibility_timeout_secs
            && attribute("VisibilityTimeout") != Some(secs.to_string().as_str())
        {
            changes.fix.push(Fix::VisibilityTimeout(secs));
        }
        if let Some(secs) = self.retention_secs
            && attribute("MessageRetentionPeriod") != Some(secs.to_string().as_str())
        {
            changes.fix.push(Fix::Retention(secs));
        }
        if attribute("KmsMasterKeyId").is_some_and(|key| !key.is_empty()) {
            changes
                .info
                .push("encrypted with a KMS key (sleak would use SQS-managed keys)".to_owned());
        } else if attribute("SqsManagedSseEnabled") != Some("true") {
            changes.fix.push(Fix::ManagedEncryption);
        }
        let observed_redrive = attribute("RedrivePolicy").filter(|text| !text.is_empty());
        match &self.dead_letter {
            Some(dead_letter) => {
                let wanted = refs.arn(&dead_letter.queue).ok();
                let found = observed_redrive.and_then(parse_redrive);
                let as_wanted = wanted.is_some_and(|arn| {
                    found == Some((arn.to_owned(), u64::from(dead_letter.max_receives)))
                });
                if !as_wanted {
                    changes.fix.push(Fix::RedrivePolicy);
                }
            }
            None if observed_redrive.is_some() => changes.fix.push(Fix::RemoveRedrivePolicy),
            None => {}
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let tags = cx.tags();
        let (mut read, fixes) = match observed {
            Some(observed) => (observed.read.clone(), changes.fix.clone()),
            None => {
                let attributes = self.create_attributes(cx.refs)?;
                match sqs::create_queue(&config, &self.name, &attributes, &tags).await? {
                    QueueCreated::Made(_) => {
                        // Identical attributes answer the same queue (a retry after a
                        // lost answer included): read it for its ARN and URL.
                        let read = sqs::queue(&config, &self.name).await?.ok_or_else(|| {
                            anyhow::anyhow!(
                                "the SQS queue `{}` was created but cannot be read",
                                self.name
                            )
                        })?;
                        return Ok(self.output_of(&read));
                    }
                    // Other attributes: ours only by its tags, then repaired.
                    QueueCreated::Exists(read) => {
                        if !ours(&read, &tags) {
                            return Err(not_ours(&self.name));
                        }
                        let fixes = self.compare(cx.refs, &Observed { read: read.clone() }).fix;
                        (read, fixes)
                    }
                }
            }
        };
        if !fixes.is_empty() {
            let attributes = fixes
                .iter()
                .map(|fix| {
                    fix.attribute(self, cx.refs)
                        .map(|(key, value)| (key.to_owned(), value))
                })
                .collect::<anyhow::Result<BTreeMap<_, _>>>()?;
            sqs::set_attributes(&config, &read.url, &attributes).await?;
            read.attributes.extend(attributes);
        }
        Ok(self.output_of(&read))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        let config = cx.config().await?;
        let Some(read) = sqs::queue(&config, &output.id).await? else {
            return Ok(());
        };
        sqs::delete_queue(&config, &read.url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEAD_LETTER_ARN: &str = "arn:aws:sqs:us-east-1:111111111111:acme-api-staging-jobs-dlq";

    fn queue() -> SqsQueue {
        SqsQueue {
            name: "acme-api-staging-jobs".into(),
            fifo: false,
            visibility_timeout_secs: Some(60),
            retention_secs: None,
            dead_letter: Some(DeadLetter {
                queue: "project/api/env/staging/dependency/jobs/dead-letter-queue".into(),
                max_receives: 5,
            }),
        }
    }

    fn refs() -> Outputs {
        let mut refs = Outputs::default();
        refs.insert(
            "project/api/env/staging/dependency/jobs/dead-letter-queue".into(),
            Output::with_arn("acme-api-staging-jobs-dlq", DEAD_LETTER_ARN),
        );
        refs
    }

    /// What SQS answers for a queue made from `desired` (every attribute a string).
    fn as_made(desired: &SqsQueue) -> QueueRead {
        let mut attributes: BTreeMap<String, String> = desired.create_attributes(&refs()).unwrap();
        attributes.insert(
            "QueueArn".into(),
            format!("arn:aws:sqs:us-east-1:111111111111:{}", desired.name),
        );
        attributes
            .entry("VisibilityTimeout".into())
            .or_insert_with(|| "30".into());
        attributes
            .entry("MessageRetentionPeriod".into())
            .or_insert_with(|| "345600".into());
        QueueRead {
            url: format!(
                "https://sqs.us-east-1.amazonaws.com/111111111111/{}",
                desired.name
            ),
            attributes,
            tags: BTreeMap::new(),
        }
    }

    fn changes(desired: &SqsQueue, read: QueueRead, refs: &Outputs) -> Changes<Fix> {
        desired.compare(refs, &Observed { read })
    }

    #[test]
    fn each_attribute_that_differs_is_its_own_fix() {
        let plain = queue();
        let dead_letter = SqsQueue {
            name: "acme-api-staging-jobs-dlq".into(),
            visibility_timeout_secs: None,
            retention_secs: Some(DEAD_LETTER_RETENTION_SECS),
            dead_letter: None,
            ..queue()
        };
        let fifo = SqsQueue {
            name: "acme-api-staging-jobs.fifo".into(),
            fifo: true,
            ..queue()
        };
        type Change = fn(&mut QueueRead);
        fn set(read: &mut QueueRead, key: &str, value: &str) {
            read.attributes.insert(key.into(), value.into());
        }
        let cases: Vec<(&str, &SqsQueue, Change, Vec<Fix>)> = vec![
            ("as made", &plain, |_| {}, vec![]),
            ("as made, dead-letter queue", &dead_letter, |_| {}, vec![]),
            ("as made, FIFO", &fifo, |_| {}, vec![]),
            (
                "the receive count as a number",
                &plain,
                |read| {
                    read.attributes.insert(
                        "RedrivePolicy".into(),
                        format!(r#"{{"deadLetterTargetArn": "{DEAD_LETTER_ARN}", "maxReceiveCount": "5"}}"#),
                    );
                },
                vec![],
            ),
            (
                "visibility timeout changed",
                &plain,
                |read| set(read, "VisibilityTimeout", "30"),
                vec![Fix::VisibilityTimeout(60)],
            ),
            (
                "retention changed",
                &dead_letter,
                |read| set(read, "MessageRetentionPeriod", "345600"),
                vec![Fix::Retention(DEAD_LETTER_RETENTION_SECS)],
            ),
            (
                "encryption off",
                &plain,
                |read| set(read, "SqsManagedSseEnabled", "false"),
                vec![Fix::ManagedEncryption],
            ),
            (
                "encryption unsaid",
                &plain,
                |read| {
                    read.attributes.remove("SqsManagedSseEnabled");
                },
                vec![Fix::ManagedEncryption],
            ),
            (
                "KMS is kept",
                &plain,
                |read| {
                    set(read, "SqsManagedSseEnabled", "false");
                    set(read, "KmsMasterKeyId", "alias/aws/sqs");
                },
                vec![],
            ),
            (
                "no redrive policy",
                &plain,
                |read| {
                    read.attributes.remove("RedrivePolicy");
                },
                vec![Fix::RedrivePolicy],
            ),
            (
                "redrive to another queue",
                &plain,
                |read| {
                    set(
                        read,
                        "RedrivePolicy",
                        r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:other","maxReceiveCount":5}"#,
                    )
                },
                vec![Fix::RedrivePolicy],
            ),
            (
                "another receive count",
                &plain,
                |read| {
                    set(
                        read,
                        "RedrivePolicy",
                        &format!(
                            r#"{{"deadLetterTargetArn":"{DEAD_LETTER_ARN}","maxReceiveCount":3}}"#
                        ),
                    )
                },
                vec![Fix::RedrivePolicy],
            ),
            (
                "an unwanted redrive policy",
                &dead_letter,
                |read| {
                    set(
                        read,
                        "RedrivePolicy",
                        r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:other","maxReceiveCount":5}"#,
                    )
                },
                vec![Fix::RemoveRedrivePolicy],
            ),
        ];
        for (case, desired, change, wanted) in cases {
            let mut read = as_made(desired);
            change(&mut read);
            let found = changes(desired, read, &refs());
            assert_eq!(found.fix, wanted, "{case}");
            assert!(found.drift.is_empty(), "{case}: {:?}", found.drift);
        }
    }

    #[test]
    fn a_redrive_policy_to_a_dead_letter_queue_not_made_yet_is_a_fix() {
        let found = changes(&queue(), as_made(&queue()), &Outputs::default());
        assert_eq!(found.fix, [Fix::RedrivePolicy]);
    }

    #[test]
    fn fifo_cannot_change_and_is_drift() {
        let fifo = SqsQueue {
            fifo: true,
            ..queue()
        };
        let found = changes(&fifo, as_made(&queue()), &refs());
        assert!(found.fix.is_empty());
        assert_eq!(found.drift.len(), 1, "{:?}", found.drift);
    }

    #[test]
    fn a_new_queue_carries_every_attribute_at_creation() {
        let fifo = SqsQueue {
            name: "q.fifo".into(),
            fifo: true,
            ..queue()
        };
        let attributes = fifo.create_attributes(&refs()).unwrap();
        assert_eq!(attributes["FifoQueue"], "true");
        assert_eq!(attributes["SqsManagedSseEnabled"], "true");
        assert_eq!(attributes["VisibilityTimeout"], "60");
        assert_eq!(
            parse_redrive(&attributes["RedrivePolicy"]),
            Some((DEAD_LETTER_ARN.to_owned(), 5))
        );
        // Without its dead-letter queue's ARN, no queue is created half-configured.
        assert!(queue().create_attributes(&Outputs::default()).is_err());
    }

    #[test]
    fn the_output_is_the_name_the_arn_and_the_url() {
        let output = queue().output(&Observed {
            read: as_made(&queue()),
        });
        assert_eq!(output.id, "acme-api-staging-jobs");
        assert_eq!(
            output.arn.as_deref(),
            Some("arn:aws:sqs:us-east-1:111111111111:acme-api-staging-jobs")
        );
        assert_eq!(
            output.endpoint.as_deref(),
            Some("https://sqs.us-east-1.amazonaws.com/111111111111/acme-api-staging-jobs")
        );
        assert_eq!(output.port, None);
    }
}

//! SQS: queues found by their names, their attributes (as SQS names them) and tags.

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_sqs::Client;
use aws_sdk_sqs::types::QueueAttributeName;

use super::error::describe;
use super::once::code_of;

/// What is read of a queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueRead {
    pub url: String,
    /// Every attribute, as SQS names them (`QueueArn`, `VisibilityTimeout`, …).
    pub attributes: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
}

impl QueueRead {
    pub fn arn(&self) -> Option<&str> {
        self.attributes.get("QueueArn").map(String::as_str)
    }
}

/// The error codes of a queue that does not exist (JSON and query protocols).
const GONE: [&str; 2] = [
    "QueueDoesNotExist",
    "AWS.SimpleQueueService.NonExistentQueue",
];

/// The error codes of CreateQueue for a name that exists with other attributes.
const EXISTS: [&str; 3] = [
    "QueueNameExists",
    "QueueAlreadyExists",
    "AWS.SimpleQueueService.QueueNameExists",
];

/// The queue `name`, if it exists.
pub async fn queue(config: &SdkConfig, name: &str) -> anyhow::Result<Option<QueueRead>> {
    let client = Client::new(config);
    let url = match client.get_queue_url().queue_name(name).send().await {
        Ok(output) => output.queue_url.unwrap_or_default(),
        Err(error)
            if code_of(&error).is_some_and(|code| GONE.contains(&code))
                || error
                    .as_service_error()
                    .is_some_and(|service| service.is_queue_does_not_exist()) =>
        {
            return Ok(None);
        }
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not find the SQS queue `{name}`"),
            ));
        }
    };
    read(&client, name, url).await
}

async fn read(client: &Client, name: &str, url: String) -> anyhow::Result<Option<QueueRead>> {
    let attributes = match client
        .get_queue_attributes()
        .queue_url(&url)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await
    {
        Ok(output) => output
            .attributes
            .unwrap_or_default()
            .into_iter()
            .map(|(key, value)| (key.as_str().to_owned(), value))
            .collect(),
        // Deleted between the two calls.
        Err(error) if code_of(&error).is_some_and(|code| GONE.contains(&code)) => return Ok(None),
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the attributes of the SQS queue `{name}`"),
            ));
        }
    };
    let tags = client
        .list_queue_tags()
        .queue_url(&url)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not read the tags of the SQS queue `{name}`"),
            )
        })?
        .tags
        .unwrap_or_default()
        .into_iter()
        .collect();
    Ok(Some(QueueRead {
        url,
        attributes,
        tags,
    }))
}

fn attribute_map(
    attributes: &BTreeMap<String, String>,
) -> std::collections::HashMap<QueueAttributeName, String> {
    attributes
        .iter()
        .map(|(key, value)| (QueueAttributeName::from(key.as_str()), value.clone()))
        .collect()
}

/// What CreateQueue did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueCreated {
    /// Made, or found with the same attributes (CreateQueue is idempotent then): its URL.
    Made(String),
    /// A queue of that name exists with other attributes: what was read of it.
    Exists(QueueRead),
}

/// Creates the queue with `attributes` and `tags`. SQS answers an identical request
/// with the same queue (so a retry after a lost answer is harmless); a queue of that
/// name with other attributes is read and returned for the caller to check.
pub async fn create_queue(
    config: &SdkConfig,
    name: &str,
    attributes: &BTreeMap<String, String>,
    tags: &[(String, String)],
) -> anyhow::Result<QueueCreated> {
    let client = Client::new(config);
    let result = client
        .create_queue()
        .queue_name(name)
        .set_attributes(Some(attribute_map(attributes)))
        .set_tags(Some(tags.iter().cloned().collect()))
        .send()
        .await;
    match result {
        Ok(output) => Ok(QueueCreated::Made(output.queue_url.unwrap_or_default())),
        Err(error)
            if code_of(&error).is_some_and(|code| EXISTS.contains(&code))
                || error
                    .as_service_error()
                    .is_some_and(|service| service.is_queue_name_exists()) =>
        {
            match queue(config, name).await? {
                Some(found) => Ok(QueueCreated::Exists(found)),
                None => Err(describe(
                    error,
                    &format!("could not create the SQS queue `{name}`"),
                )),
            }
        }
        Err(error) => Err(describe(
            error,
            &format!("could not create the SQS queue `{name}`"),
        )),
    }
}

pub async fn set_attributes(
    config: &SdkConfig,
    url: &str,
    attributes: &BTreeMap<String, String>,
) -> anyhow::Result<()> {
    Client::new(config)
        .set_queue_attributes()
        .queue_url(url)
        .set_attributes(Some(attribute_map(attributes)))
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the attributes of the SQS queue `{url}`"),
            )
        })?;
    Ok(())
}

/// Adds (or overwrites) `tags`; other tags stay.
pub async fn tag(config: &SdkConfig, url: &str, tags: &[(String, String)]) -> anyhow::Result<()> {
    Client::new(config)
        .tag_queue()
        .queue_url(url)
        .set_tags(Some(tags.iter().cloned().collect()))
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not tag the SQS queue `{url}`")))?;
    Ok(())
}

/// Deletes the queue and its messages; gone already is done.
pub async fn delete_queue(config: &SdkConfig, url: &str) -> anyhow::Result<()> {
    let result = Client::new(config)
        .delete_queue()
        .queue_url(url)
        .send()
        .await;
    super::error::deleted(
        result,
        &GONE,
        &format!("could not delete the SQS queue `{url}`"),
    )
}

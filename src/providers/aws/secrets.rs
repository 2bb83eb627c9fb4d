//! Secrets Manager: the values only AWS may hold — secret variables, cache AUTH tokens,
//! database passwords RDS does not manage. A secret's value is a JSON object of strings.
//! Values are returned to the caller and never put into an error message.

use std::collections::BTreeMap;

use anyhow::Context as _;
use aws_config::SdkConfig;
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::error::ProvideErrorMetadata;
use aws_sdk_secretsmanager::types::Tag;

use super::error::describe;

/// The string value of a secret (by name or ARN), if it exists and is not scheduled for
/// deletion.
pub async fn get_string(config: &SdkConfig, id: &str) -> anyhow::Result<Option<String>> {
    let client = Client::new(config);
    match client.get_secret_value().secret_id(id).send().await {
        Ok(output) => Ok(output.secret_string),
        Err(error)
            if error.as_service_error().is_some_and(|service| {
                service.is_resource_not_found_exception()
                    // A secret scheduled for deletion cannot be read: it is gone.
                    || service.is_invalid_request_exception()
            }) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the secret `{id}`"),
        )),
    }
}

/// The id of the secret's current version (`AWSCURRENT`), without reading its value:
/// a rotation (RDS rotates the master passwords it manages) shows as a new version.
pub async fn current_version(config: &SdkConfig, id: &str) -> anyhow::Result<Option<String>> {
    let client = Client::new(config);
    match client.describe_secret().secret_id(id).send().await {
        Ok(output) => Ok(output
            .version_ids_to_stages
            .unwrap_or_default()
            .into_iter()
            .find(|(_, stages)| stages.iter().any(|stage| stage == "AWSCURRENT"))
            .map(|(version, _)| version)),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_resource_not_found_exception()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the secret `{id}`"),
        )),
    }
}

/// The secret's value as a map of strings (an object of strings, as sleak writes them).
pub async fn get_map(
    config: &SdkConfig,
    id: &str,
) -> anyhow::Result<Option<BTreeMap<String, String>>> {
    let Some(text) = get_string(config, id).await? else {
        return Ok(None);
    };
    parse_map(&text)
        .map(Some)
        .with_context(|| format!("the secret `{id}` is not a JSON object of strings"))
}

/// An object of strings (numbers and booleans are taken as their text).
pub fn parse_map(text: &str) -> anyhow::Result<BTreeMap<String, String>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
        // The parser's message can quote the value: say only where it broke.
        anyhow::anyhow!(
            "not JSON (line {}, column {})",
            error.line(),
            error.column()
        )
    })?;
    let object = value.as_object().context("not a JSON object")?;
    object
        .iter()
        .map(|(key, value)| {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Number(number) => number.to_string(),
                serde_json::Value::Bool(flag) => flag.to_string(),
                _ => anyhow::bail!("the value of `{key}` is not a string"),
            };
            Ok((key.clone(), text))
        })
        .collect()
}

/// Tags of the secret `id`, or `None` when it does not exist.
async fn tags_of(client: &Client, id: &str) -> anyhow::Result<Option<BTreeMap<String, String>>> {
    match client.describe_secret().secret_id(id).send().await {
        Ok(output) => Ok(Some(
            output
                .tags
                .unwrap_or_default()
                .into_iter()
                .filter_map(|tag| Some((tag.key?, tag.value?)))
                .collect(),
        )),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_resource_not_found_exception()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the secret `{id}`"),
        )),
    }
}

/// Writes the secret `name` (created with `tags` when missing, restored when scheduled
/// for deletion). `token` makes a create retried after a lost answer harmless (Secrets
/// Manager's ClientRequestToken); a secret of that name not tagged as ours is an error.
pub async fn put_map(
    config: &SdkConfig,
    name: &str,
    description: &str,
    values: &BTreeMap<String, String>,
    tags: &[(String, String)],
    token: &str,
) -> anyhow::Result<String> {
    let client = Client::new(config);
    let text = serde_json::to_string(values).expect("a map of strings serializes");
    let what = || format!("could not write the secret `{name}`");
    match tags_of(&client, name).await? {
        None => {
            let created = client
                .create_secret()
                .name(name)
                .description(description)
                .secret_string(&text)
                .client_request_token(token)
                .set_tags(Some(
                    tags.iter()
                        .map(|(key, value)| Tag::builder().key(key).value(value).build())
                        .collect(),
                ))
                .send()
                .await;
            match created {
                Ok(output) => return Ok(output.arn.unwrap_or_default()),
                // Made by a try whose answer was lost: written below, as for any other.
                Err(error) if error.code() == Some("ResourceExistsException") => {}
                Err(error) => return Err(describe(error, &what())),
            }
        }
        Some(found) => ensure_ours(name, &found, tags)?,
    }
    let written = client
        .put_secret_value()
        .secret_id(name)
        .secret_string(&text)
        .send()
        .await;
    match written {
        Ok(output) => Ok(output.arn.unwrap_or_default()),
        Err(error)
            if error.code() == Some("InvalidRequestException")
                && error
                    .message()
                    .is_some_and(|message| message.contains("deletion")) =>
        {
            // Scheduled for deletion (a removed variable group set again): restore it.
            client
                .restore_secret()
                .secret_id(name)
                .send()
                .await
                .map_err(|error| describe(error, &what()))?;
            let output = client
                .put_secret_value()
                .secret_id(name)
                .secret_string(&text)
                .send()
                .await
                .map_err(|error| describe(error, &what()))?;
            Ok(output.arn.unwrap_or_default())
        }
        Err(error) => Err(describe(error, &what())),
    }
}

/// A secret found under a name sleak uses must carry this resource's tags.
fn ensure_ours(
    name: &str,
    found: &BTreeMap<String, String>,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    use super::tags::{ID_TAG, WORKSPACE_TAG};
    for key in [WORKSPACE_TAG, ID_TAG] {
        let wanted = tags
            .iter()
            .find(|(tag, _)| tag == key)
            .map(|(_, value)| value);
        if wanted.is_some() && found.get(key) != wanted {
            anyhow::bail!(
                "the secret `{name}` exists but is not this workspace's (its `{key}` tag is {})\n\
                 hint: delete or rename that secret, or rename the workspace",
                found
                    .get(key)
                    .map_or_else(|| "missing".to_owned(), |value| format!("`{value}`"))
            );
        }
    }
    Ok(())
}

/// Schedules the secret for deletion after `recovery_days` (7 to 30), or at once when
/// `None`. A secret already gone counts as deleted.
pub async fn delete(
    config: &SdkConfig,
    id: &str,
    recovery_days: Option<i64>,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let request = client.delete_secret().secret_id(id);
    let request = match recovery_days {
        Some(days) => request.recovery_window_in_days(days),
        None => request.force_delete_without_recovery(true),
    };
    match request.send().await {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_resource_not_found_exception()) =>
        {
            Ok(())
        }
        // Already scheduled for deletion.
        Err(error) if error.code() == Some("InvalidRequestException") => Ok(()),
        Err(error) => Err(describe(
            error,
            &format!("could not delete the secret `{id}`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_value_is_an_object_of_strings_and_errors_never_quote_it() {
        let map = parse_map(r#"{"A":"1","B":2,"C":true}"#).unwrap();
        assert_eq!(map["A"], "1");
        assert_eq!(map["B"], "2");
        assert_eq!(map["C"], "true");
        let error = parse_map(r#"{"A": "hunter2"#).unwrap_err().to_string();
        assert!(!error.contains("hunter2"), "{error}");
        assert!(parse_map(r#"["hunter2"]"#).is_err());
        let error = parse_map(r#"{"A": ["hunter2"]}"#).unwrap_err().to_string();
        assert!(!error.contains("hunter2"), "{error}");
    }

    #[test]
    fn a_secret_of_another_workspace_is_not_taken() {
        let tags = vec![
            ("sleak:workspace".to_owned(), "acme".to_owned()),
            ("sleak:id".to_owned(), "x".to_owned()),
        ];
        let mut found = BTreeMap::new();
        assert!(ensure_ours("n", &found, &tags).is_err());
        found.insert("sleak:workspace".to_owned(), "acme".to_owned());
        found.insert("sleak:id".to_owned(), "x".to_owned());
        assert!(ensure_ours("n", &found, &tags).is_ok());
        found.insert("sleak:workspace".to_owned(), "other".to_owned());
        assert!(ensure_ours("n", &found, &tags).is_err());
    }
}

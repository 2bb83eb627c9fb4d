//! Turns SDK errors into short messages with a hint, instead of the SDK's debug dumps.

use std::error::Error as _;

use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};

use super::config::{CredentialLookup, endpoint_override};
use crate::error::{HintedFailure, UsageError};

/// A readable error for a failed AWS call; `what` says what sleak was doing.
pub fn describe<E, R>(error: SdkError<E, R>, what: &str) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    describe_at(error, what, None)
}

/// [`describe`], naming `endpoint` (the URL the request went to, when known) if AWS
/// could not be reached.
pub fn describe_at<E, R>(error: SdkError<E, R>, what: &str, endpoint: Option<&str>) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    // The credentials provider of `load_sdk_config` explains what it could not find.
    if let Some(explained) = explained_credentials(&error) {
        return anyhow::Error::new(explained).context(what.to_owned());
    }
    let mut chain = String::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = error.source();
    while let Some(cause) = source {
        chain.push_str(&cause.to_string());
        chain.push('\n');
        source = cause.source();
    }
    if chain.contains("no credentials found") || chain.contains("CredentialsNotLoaded") {
        // A configuration made elsewhere: the same explanation, from the environment.
        return anyhow::Error::new(CredentialLookup::new(None).not_found(None))
            .context(what.to_owned());
    }
    let message = match &error {
        SdkError::ServiceError(service) => {
            let inner = service.err();
            match (inner.code(), inner.message()) {
                (Some(code), Some(message)) => format!("AWS answered {code}: {message}"),
                (Some(code), None) => format!("AWS answered {code}"),
                _ => format!("AWS answered an error: {inner}"),
            }
        }
        SdkError::TimeoutError(_) => {
            return not_reached(
                format!("{} did not answer in time", endpoint_name(endpoint)),
                what,
            );
        }
        SdkError::DispatchFailure(failure) => {
            let cause = chain.lines().last().unwrap_or("the connection failed");
            let message = if failure.is_timeout() {
                // The innermost cause only says "timed out": the one that says which
                // timeout after how long is more use.
                let cause = chain
                    .lines()
                    .find(|line| line.contains("timeout occurred after"))
                    .unwrap_or(cause);
                format!("{} did not answer: {cause}", endpoint_name(endpoint))
            } else {
                format!("could not reach {}: {cause}", endpoint_name(endpoint))
            };
            return not_reached(message, what);
        }
        other => {
            let first = chain.lines().next().unwrap_or_default();
            format!("{other}: {first}")
        }
    };
    anyhow::anyhow!(message).context(what.to_owned())
}

/// The explanation the credentials provider of `load_sdk_config` put among the causes of
/// `error` (no credentials, a profile that does not exist, an SSO session to renew), as
/// a [`UsageError`] of its own: for callers that hold the SDK's error itself, like a
/// [`CredentialsError`](aws_credential_types::provider::error::CredentialsError).
pub fn explained_credentials(error: &(dyn std::error::Error + 'static)) -> Option<UsageError> {
    let mut source = Some(error);
    while let Some(cause) = source {
        if let Some(usage) = cause.downcast_ref::<UsageError>() {
            let mut explained = UsageError::new(usage.message.clone());
            explained.hint = usage.hint.clone();
            return Some(explained);
        }
        source = cause.source();
    }
    None
}

/// AWS, or the endpoint that did not answer, as the user would recognise it.
fn endpoint_name(endpoint: Option<&str>) -> String {
    // Only the scheme, host and port: the path of one request says nothing.
    let origin = endpoint.map(|url| {
        let after_scheme = url.find("://").map_or(0, |index| index + 3);
        match url[after_scheme..].find('/') {
            Some(slash) => &url[..after_scheme + slash],
            None => url,
        }
    });
    match (origin, endpoint_override()) {
        (Some(url), Some(configured)) if url.starts_with(configured.trim_end_matches('/')) => {
            format!("the endpoint {url} (AWS_ENDPOINT_URL)")
        }
        (Some(url), _) => format!("the endpoint {url}"),
        (None, Some(configured)) => format!("the endpoint {configured} (AWS_ENDPOINT_URL)"),
        (None, None) => "AWS".to_owned(),
    }
}

/// AWS could not be reached: the operation failed (exit code 1), with what to check.
fn not_reached(message: String, what: &str) -> anyhow::Error {
    let hint = match endpoint_override() {
        Some(configured) => format!(
            "AWS_ENDPOINT_URL={configured} sends every AWS call there: start what should answer there, or unset AWS_ENDPOINT_URL to call AWS itself"
        ),
        None => "check the network path to AWS (a proxy such as HTTPS_PROXY, a VPN, a firewall), then run sleak again".to_owned(),
    };
    anyhow::Error::new(HintedFailure::new(message, hint)).context(what.to_owned())
}

/// The result of a delete, where the service saying the thing is already gone (one of
/// `gone` error codes) counts as done: deletes are re-run after interruptions.
pub fn deleted<T, E, R>(
    result: Result<T, SdkError<E, R>>,
    gone: &[&str],
    what: &str,
) -> anyhow::Result<()>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match result {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .and_then(|service| service.code())
                .is_some_and(|code| gone.contains(&code)) =>
        {
            Ok(())
        }
        Err(error) => Err(describe(error, what)),
    }
}

//! Turns SDK errors into short messages with a hint, instead of the SDK's debug dumps.

use std::error::Error as _;

use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};

use crate::error::UsageError;

/// A readable error for a failed AWS call; `what` says what sleak was doing.
pub fn describe<E, R>(error: SdkError<E, R>, what: &str) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let mut chain = String::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = error.source();
    while let Some(cause) = source {
        chain.push_str(&cause.to_string());
        chain.push('\n');
        source = cause.source();
    }
    if chain.contains("no credentials found") || chain.contains("CredentialsNotLoaded") {
        return anyhow::Error::new(
            UsageError::new("no AWS credentials found").with_hint(
                "set AWS_PROFILE (or pass `--profile`) to a profile of ~/.aws/config, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            ),
        )
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
        SdkError::TimeoutError(_) => "the request to AWS timed out".to_owned(),
        SdkError::DispatchFailure(_) => {
            let first = chain.lines().last().unwrap_or("the connection failed");
            format!("could not reach AWS: {first}")
        }
        other => {
            let first = chain.lines().next().unwrap_or_default();
            format!("{other}: {first}")
        }
    };
    anyhow::anyhow!(message).context(what.to_owned())
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

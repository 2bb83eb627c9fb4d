//! Creates that AWS does not make idempotent, made once even when their answer is lost.
//!
//! AWS sometimes applies a request and loses its answer (a 500 after the fact, a dropped
//! connection, a timeout). The SDK then retries it. That is harmless for a call with an
//! idempotency token (`ClientToken`, `CallerReference`, `clientRequestToken`) or a unique
//! name ("already exists" on the retry). It is not harmless for a create that has
//! neither (`CreateVpc`, `CreateInternetGateway`, `CreateRouteTable`, `AllocateAddress`,
//! `CreateVpcPeeringConnection`, …): each blind retry makes one more copy.
//!
//! [`create_once`] sends such a create with the SDK's retries off
//! ([`without_retries`]). When the answer is lost ([`answer_lost`]), it asks `find`
//! whether the first try took effect (by the sleak:id tag every create carries) before
//! trying again. docs/architecture.md ("Lost answers") has the rule for every kind.

use std::sync::atomic::{AtomicBool, Ordering};

use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response;

use super::error::describe;
use crate::providers::wait::{self, Backoff, Poll};

/// `config` with the SDK's retries off: for calls whose retries [`create_once`] makes.
pub fn without_retries(config: &SdkConfig) -> SdkConfig {
    config
        .to_builder()
        .retry_config(RetryConfig::disabled())
        .build()
}

/// Whether the request may have been applied although no answer says so: a timeout, a
/// connection that dropped, an answer that could not be read, a 5xx or throttling (the
/// last two are answers, but AWS retries them too, and the request may have run).
pub fn answer_lost<E: ProvideErrorMetadata>(error: &SdkError<E, Response>) -> bool {
    match error {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        SdkError::ServiceError(service) => {
            service.raw().status().is_server_error()
                || matches!(
                    service.err().code(),
                    Some(
                        "Throttling"
                            | "ThrottlingException"
                            | "RequestLimitExceeded"
                            | "TooManyRequestsException"
                            | "RequestThrottled"
                            | "PriorRequestNotComplete"
                            | "InternalError"
                            | "InternalFailure"
                            | "ServiceUnavailable"
                    )
                )
        }
        _ => false,
    }
}

/// The AWS error code of `error`, when AWS answered one.
pub fn code_of<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> Option<&str> {
    error
        .as_service_error()
        .and_then(ProvideErrorMetadata::code)
}

/// Makes a create once: `send` (built on a [`without_retries`] client) is tried again
/// after a lost answer only when `find` says the first try left nothing; an error whose
/// code is in `exists` (what AWS answers when the thing is already there) is success if
/// `find` finds it. Gives up after [`Backoff::LOST_ANSWER`] tries with the last error.
pub async fn create_once<T, E, S, SF, F, FF>(
    what: &str,
    exists: &[&str],
    send: S,
    find: F,
) -> anyhow::Result<T>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    S: Fn() -> SF,
    SF: Future<Output = Result<T, SdkError<E, Response>>>,
    F: Fn() -> FF,
    FF: Future<Output = anyhow::Result<Option<T>>>,
{
    let lost = &AtomicBool::new(false);
    let (send, find) = (&send, &find);
    wait::until(Backoff::LOST_ANSWER, what, &|_| {}, move || async move {
        if lost.load(Ordering::Relaxed)
            && let Some(found) = find().await?
        {
            return Ok(Poll::Ready(found));
        }
        match send().await {
            Ok(made) => Ok(Poll::Ready(made)),
            Err(error) if answer_lost(&error) => {
                lost.store(true, Ordering::Relaxed);
                Ok(Poll::Retry(describe(error, what)))
            }
            Err(error) if code_of(&error).is_some_and(|code| exists.contains(&code)) => {
                match find().await? {
                    Some(found) => Ok(Poll::Ready(found)),
                    None => Err(describe(error, what)),
                }
            }
            Err(error) => Err(describe(error, what)),
        }
    })
    .await
}

#[cfg(test)]
// The SDK's own error type is what `send` returns; its size is not ours to choose.
#[allow(clippy::result_large_err)]
mod tests {
    use std::sync::Mutex;

    use aws_sdk_ec2::operation::create_vpc::CreateVpcError;
    use aws_smithy_runtime_api::client::result::{ConnectorError, ServiceError};
    use aws_smithy_types::body::SdkBody;
    use aws_smithy_types::error::ErrorMetadata;

    use super::*;

    type Result = std::result::Result<&'static str, SdkError<CreateVpcError, Response>>;

    fn service_error(status: u16, code: &str) -> SdkError<CreateVpcError, Response> {
        let raw = Response::new(
            status.try_into().expect("a status"),
            SdkBody::from("<error/>"),
        );
        let error =
            CreateVpcError::generic(ErrorMetadata::builder().code(code).message("…").build());
        SdkError::ServiceError(ServiceError::builder().source(error).raw(raw).build())
    }

    fn dropped() -> SdkError<CreateVpcError, Response> {
        SdkError::dispatch_failure(ConnectorError::io("connection closed".into()))
    }

    /// Runs `create_once` with `answers` given by `send` in turn and `found` by every
    /// `find`; returns the result and the calls made, in order.
    async fn run(
        answers: Vec<Result>,
        found: Option<&'static str>,
        exists: &[&str],
    ) -> (anyhow::Result<&'static str>, Vec<&'static str>) {
        let answers = Mutex::new(answers.into_iter());
        let calls = Mutex::new(Vec::new());
        let result = create_once(
            "could not create the VPC",
            exists,
            || {
                calls.lock().unwrap().push("send");
                let answer = answers.lock().unwrap().next().expect("an answer");
                async move { answer }
            },
            || {
                calls.lock().unwrap().push("find");
                async move { Ok(found) }
            },
        )
        .await;
        (result, calls.into_inner().unwrap())
    }

    #[tokio::test(start_paused = true)]
    async fn an_answer_received_is_used_and_nothing_is_looked_up() {
        let (result, calls) = run(vec![Ok("vpc-1")], None, &[]).await;
        assert_eq!(result.unwrap(), "vpc-1");
        assert_eq!(calls, ["send"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_lost_answer_whose_create_took_effect_is_found_not_made_again() {
        let (result, calls) = run(vec![Err(dropped())], Some("vpc-first"), &[]).await;
        assert_eq!(result.unwrap(), "vpc-first");
        assert_eq!(calls, ["send", "find"]);

        let (result, calls) = run(
            vec![Err(service_error(500, "InternalError"))],
            Some("vpc-first"),
            &[],
        )
        .await;
        assert_eq!(result.unwrap(), "vpc-first");
        assert_eq!(calls, ["send", "find"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_lost_answer_of_a_create_that_did_not_happen_is_tried_again() {
        let (result, calls) = run(
            vec![Err(service_error(503, "RequestLimitExceeded")), Ok("vpc-2")],
            None,
            &[],
        )
        .await;
        assert_eq!(result.unwrap(), "vpc-2");
        assert_eq!(calls, ["send", "find", "send"]);
    }

    #[tokio::test(start_paused = true)]
    async fn already_exists_is_success_only_when_found() {
        let conflict = || Err(service_error(400, "InvalidSubnet.Conflict"));
        let (result, calls) = run(
            vec![conflict()],
            Some("subnet-1"),
            &["InvalidSubnet.Conflict"],
        )
        .await;
        assert_eq!(result.unwrap(), "subnet-1");
        assert_eq!(calls, ["send", "find"]);

        let (result, _) = run(vec![conflict()], None, &["InvalidSubnet.Conflict"]).await;
        let message = format!("{:#}", result.unwrap_err());
        assert!(message.contains("InvalidSubnet.Conflict"), "{message}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_is_an_error_at_once() {
        let (result, calls) =
            run(vec![Err(service_error(400, "VpcLimitExceeded"))], None, &[]).await;
        let message = format!("{:#}", result.unwrap_err());
        assert!(message.contains("VpcLimitExceeded"), "{message}");
        assert_eq!(calls, ["send"]);
    }

    #[tokio::test(start_paused = true)]
    async fn answers_lost_every_time_give_up_with_the_error() {
        let answers = (0..Backoff::LOST_ANSWER_TRIES)
            .map(|_| Err(dropped()))
            .collect();
        let (result, calls) = run(answers, None, &[]).await;
        assert!(result.is_err());
        assert_eq!(
            calls.iter().filter(|call| **call == "send").count(),
            Backoff::LOST_ANSWER_TRIES as usize
        );
    }
}

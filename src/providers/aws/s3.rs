//! S3: the management account's state bucket, and objects written only if absent or
//! only if unchanged (S3's conditional writes: `If-None-Match: *`, `If-Match: <ETag>`),
//! on which the workspace lease is built; the buckets of s3 dependencies are in
//! [`bucket`].

mod bucket;

pub use bucket::*;

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{
    BucketLocationConstraint, CreateBucketConfiguration, PublicAccessBlockConfiguration,
};

use super::config::endpoint_override;
use super::error::describe;
use super::once::code_of;

/// An S3 client for `config`; path-style addressing against an endpoint override (a
/// local emulator has no per-bucket host names).
pub fn client(config: &SdkConfig) -> aws_sdk_s3::Client {
    let builder = aws_sdk_s3::config::Builder::from(config);
    let builder = if endpoint_override().is_some() {
        builder.force_path_style(true)
    } else {
        builder
    };
    aws_sdk_s3::Client::from_conf(builder.build())
}

/// CreateBucket for `bucket` in `region`.
fn create_request(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    region: &str,
) -> aws_sdk_s3::operation::create_bucket::builders::CreateBucketFluentBuilder {
    let request = client.create_bucket().bucket(bucket);
    // us-east-1 is the default location and may not be named.
    if region == "us-east-1" {
        request
    } else {
        request.create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::from(region))
                .build(),
        )
    }
}

/// The bucket sleak keeps its state in, in `account`'s `region`: one per account and
/// region, globally unique by the account id.
pub fn state_bucket(account: &str, region: &str) -> String {
    format!("sleak-state-{account}-{region}")
}

/// Creates the private bucket unless this account has it already.
pub async fn ensure_private_bucket(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    region: &str,
) -> anyhow::Result<()> {
    match client.head_bucket().bucket(bucket).send().await {
        Ok(_) => return Ok(()),
        Err(error)
            if error
                .raw_response()
                .is_some_and(|raw| raw.status().as_u16() == 404) => {}
        Err(error) => {
            return Err(describe(error, &format!("could not read the S3 bucket `{bucket}`")))
                .context("hint: the bucket name is taken by another account, or the credentials may not read it");
        }
    }
    match create_request(client, bucket, region).send().await {
        Ok(_) => {}
        Err(error) if code_of(&error) == Some("BucketAlreadyOwnedByYou") => {}
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not create the S3 bucket `{bucket}`"),
            ));
        }
    }
    client
        .put_public_access_block()
        .bucket(bucket)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not block public access to the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(())
}

/// An object's content and ETag.
#[derive(Debug, Clone)]
pub struct Object {
    pub body: Vec<u8>,
    pub etag: String,
}

/// The object, or `None` when there is none.
pub async fn get(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> anyhow::Result<Option<Object>> {
    match client.get_object().bucket(bucket).key(key).send().await {
        Ok(output) => {
            let etag = output.e_tag.clone().unwrap_or_default();
            let body = output
                .body
                .collect()
                .await
                .with_context(|| format!("could not read s3://{bucket}/{key}"))?
                .into_bytes()
                .to_vec();
            Ok(Some(Object { body, etag }))
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_key()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read s3://{bucket}/{key}"),
        )),
    }
}

/// What a conditional write found.
#[derive(Debug)]
pub enum Written {
    /// Written; the new ETag.
    Done(String),
    /// The condition did not hold: the object exists (`if_match: None`) or changed.
    Refused,
}

/// Writes `body` at `key` only if there is no object there (`if_match: None`) or only
/// if the object's ETag is still `if_match`.
pub async fn put_if(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
    body: Vec<u8>,
    if_match: Option<&str>,
) -> anyhow::Result<Written> {
    let request = client
        .put_object()
        .bucket(bucket)
        .key(key)
        .content_type("application/json")
        .body(ByteStream::from(body));
    let request = match if_match {
        Some(etag) => request.if_match(etag),
        None => request.if_none_match("*"),
    };
    match request.send().await {
        Ok(output) => Ok(Written::Done(output.e_tag.unwrap_or_default())),
        // 412 PreconditionFailed; 409 ConditionalRequestConflict when two writes race.
        Err(error)
            if matches!(
                code_of(&error),
                Some("PreconditionFailed" | "ConditionalRequestConflict")
            ) || error
                .raw_response()
                .is_some_and(|raw| matches!(raw.status().as_u16(), 409 | 412)) =>
        {
            Ok(Written::Refused)
        }
        // A missing object under If-Match: changed too.
        Err(error) if if_match.is_some() && code_of(&error) == Some("NoSuchKey") => {
            Ok(Written::Refused)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not write s3://{bucket}/{key}"),
        )),
    }
}

/// Deletes the object; gone already is done.
pub async fn delete(client: &aws_sdk_s3::Client, bucket: &str, key: &str) -> anyhow::Result<()> {
    match client.delete_object().bucket(bucket).key(key).send().await {
        Ok(_) => Ok(()),
        Err(error) if code_of(&error) == Some("NoSuchKey") => Ok(()),
        Err(error) => Err(describe(
            error,
            &format!("could not delete s3://{bucket}/{key}"),
        )),
    }
}

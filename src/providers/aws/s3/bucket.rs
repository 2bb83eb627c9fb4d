//! The buckets of s3 dependencies: each setting sleak manages read and written on its
//! own (public access block, default encryption, versioning, lifecycle, CORS, policy,
//! tags), and a delete that never removes data.

use anyhow::Context;
use aws_sdk_s3::types::{
    AbortIncompleteMultipartUpload, BucketLifecycleConfiguration, BucketVersioningStatus,
    CorsConfiguration, CorsRule, Delete, ExpirationStatus, LifecycleRule, LifecycleRuleFilter,
    NoncurrentVersionExpiration, ObjectIdentifier, PublicAccessBlockConfiguration,
    ServerSideEncryption, ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration,
    ServerSideEncryptionRule, Tag, Tagging, VersioningConfiguration,
};
use serde_json::Value as Json;

use crate::error::HintedFailure;
use crate::providers::aws::error::{deleted, describe};
use crate::providers::aws::once::code_of;

/// The names of the buckets this account owns (ListBuckets lists no other account's:
/// a name taken elsewhere is found by CreateBucket, as BucketAlreadyExists).
pub async fn bucket_names(client: &aws_sdk_s3::Client) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    let mut token = None;
    loop {
        let output = client
            .list_buckets()
            .set_continuation_token(token)
            .send()
            .await
            .map_err(|error| describe(error, "could not list the S3 buckets"))?;
        names.extend(
            output
                .buckets
                .unwrap_or_default()
                .into_iter()
                .filter_map(|bucket| bucket.name),
        );
        token = output.continuation_token.filter(|token| !token.is_empty());
        if token.is_none() {
            return Ok(names);
        }
    }
}

/// The four switches of a public access block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

/// One lifecycle rule, as far as sleak reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleRead {
    pub id: String,
    pub enabled: bool,
    /// For every object (no prefix, no filter on tags or sizes).
    pub whole_bucket: bool,
    pub noncurrent_days: Option<i32>,
    pub abort_multipart_days: Option<i32>,
    /// Expirations or transitions of current versions: a rule sleak does not write.
    pub other_actions: bool,
}

/// One CORS rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorsRead {
    pub origins: Vec<String>,
    pub methods: Vec<String>,
}

/// What is read of a bucket: every setting sleak manages.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketRead {
    pub tags: Vec<(String, String)>,
    pub public_access_block: Option<PublicAccessBlock>,
    /// The default encryption's algorithm (`AES256`, `aws:kms`, …).
    pub encryption: Option<String>,
    /// `Enabled`, `Suspended`, or `None` when versioning was never turned on.
    pub versioning: Option<String>,
    pub lifecycle: Vec<LifecycleRead>,
    pub cors: Vec<CorsRead>,
    pub policy: Option<Json>,
}

/// An error code meaning "this bucket has no such configuration", or the error.
fn absent<T, E, R>(
    result: Result<T, aws_sdk_s3::error::SdkError<E, R>>,
    codes: &[&str],
    what: &str,
) -> anyhow::Result<Option<T>>
where
    E: aws_sdk_s3::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match result {
        Ok(output) => Ok(Some(output)),
        Err(error) if code_of(&error).is_some_and(|code| codes.contains(&code)) => Ok(None),
        Err(error) => Err(describe(error, what)),
    }
}

/// The prefix of a rule written with the old API (`Prefix` outside `Filter`).
#[allow(deprecated)]
fn legacy_prefix(rule: &LifecycleRule) -> &str {
    rule.prefix.as_deref().unwrap_or_default()
}

/// Every setting of the bucket sleak manages.
pub async fn read_bucket(client: &aws_sdk_s3::Client, bucket: &str) -> anyhow::Result<BucketRead> {
    let what = |setting: &str| format!("could not read the {setting} of the S3 bucket `{bucket}`");
    let tags = absent(
        client.get_bucket_tagging().bucket(bucket).send().await,
        &["NoSuchTagSet", "NoSuchTagSetError"],
        &what("tags"),
    )?
    .map(|output| {
        output
            .tag_set
            .into_iter()
            .map(|tag| (tag.key, tag.value))
            .collect()
    })
    .unwrap_or_default();
    let public_access_block = absent(
        client.get_public_access_block().bucket(bucket).send().await,
        &["NoSuchPublicAccessBlockConfiguration"],
        &what("public access block"),
    )?
    .and_then(|output| output.public_access_block_configuration)
    .map(|block| PublicAccessBlock {
        block_public_acls: block.block_public_acls.unwrap_or(false),
        ignore_public_acls: block.ignore_public_acls.unwrap_or(false),
        block_public_policy: block.block_public_policy.unwrap_or(false),
        restrict_public_buckets: block.restrict_public_buckets.unwrap_or(false),
    });
    let encryption = absent(
        client.get_bucket_encryption().bucket(bucket).send().await,
        &["ServerSideEncryptionConfigurationNotFoundError"],
        &what("default encryption"),
    )?
    .and_then(|output| output.server_side_encryption_configuration)
    .and_then(|configuration| {
        configuration
            .rules
            .into_iter()
            .find_map(|rule| rule.apply_server_side_encryption_by_default)
    })
    .map(|default| default.sse_algorithm.as_str().to_owned());
    let versioning = match client.get_bucket_versioning().bucket(bucket).send().await {
        Ok(output) => output.status.map(|status| status.as_str().to_owned()),
        // An answer of success the SDK cannot read: moto names its root element
        // `GetBucketVersioningResponse`, not S3's `VersioningConfiguration`. The status
        // is read from the body itself.
        Err(error)
            if error
                .raw_response()
                .is_some_and(|raw| raw.status().is_success()) =>
        {
            let body = error
                .raw_response()
                .and_then(|raw| raw.body().bytes())
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            versioning_status(&body)
        }
        Err(error) => return Err(describe(error, &what("versioning"))),
    };
    let lifecycle = absent(
        client
            .get_bucket_lifecycle_configuration()
            .bucket(bucket)
            .send()
            .await,
        &["NoSuchLifecycleConfiguration"],
        &what("lifecycle rules"),
    )?
    .map(|output| output.rules.unwrap_or_default())
    .unwrap_or_default()
    .into_iter()
    .map(|rule| LifecycleRead {
        id: rule.id.clone().unwrap_or_default(),
        enabled: rule.status == ExpirationStatus::Enabled,
        whole_bucket: legacy_prefix(&rule).is_empty()
            && rule.filter.as_ref().is_none_or(|filter| {
                filter.prefix.as_deref().unwrap_or_default().is_empty()
                    && filter.tag.is_none()
                    && filter.and.is_none()
                    && filter.object_size_greater_than.is_none()
                    && filter.object_size_less_than.is_none()
            }),
        noncurrent_days: rule
            .noncurrent_version_expiration
            .as_ref()
            .and_then(|expiration| expiration.noncurrent_days),
        abort_multipart_days: rule
            .abort_incomplete_multipart_upload
            .as_ref()
            .and_then(|abort| abort.days_after_initiation),
        other_actions: rule.expiration.is_some()
            || !rule.transitions.unwrap_or_default().is_empty()
            || !rule
                .noncurrent_version_transitions
                .unwrap_or_default()
                .is_empty(),
    })
    .collect();
    let cors = absent(
        client.get_bucket_cors().bucket(bucket).send().await,
        &["NoSuchCORSConfiguration"],
        &what("CORS rules"),
    )?
    .map(|output| output.cors_rules.unwrap_or_default())
    .unwrap_or_default()
    .into_iter()
    .map(|rule| CorsRead {
        origins: rule.allowed_origins,
        methods: rule.allowed_methods,
    })
    .collect();
    let policy = absent(
        client.get_bucket_policy().bucket(bucket).send().await,
        &["NoSuchBucketPolicy"],
        &what("policy"),
    )?
    .and_then(|output| output.policy)
    .and_then(|text| serde_json::from_str(&text).ok());
    Ok(BucketRead {
        tags,
        public_access_block,
        encryption,
        versioning,
        lifecycle,
        cors,
        policy,
    })
}

/// The `<Status>` of a GetBucketVersioning answer's XML; `None` when it has none
/// (versioning never turned on).
fn versioning_status(xml: &str) -> Option<String> {
    let start = xml.find("<Status>")? + "<Status>".len();
    let end = start + xml[start..].find("</Status>")?;
    Some(xml[start..end].trim().to_owned()).filter(|status| !status.is_empty())
}

/// Whether the bucket holds nothing: no object version and no delete marker.
pub async fn is_empty(client: &aws_sdk_s3::Client, bucket: &str) -> anyhow::Result<bool> {
    let output = client
        .list_object_versions()
        .bucket(bucket)
        .max_keys(1)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not list the objects of the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(output.versions.unwrap_or_default().is_empty()
        && output.delete_markers.unwrap_or_default().is_empty())
}

/// What CreateBucket answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketCreated {
    Made,
    /// BucketAlreadyOwnedByYou: a bucket of that name is in this account already (a
    /// retry whose first try worked, or another bucket): the caller checks it is ours.
    AlreadyOwned,
}

/// Creates the bucket in `region`. A name taken by another account is an error with a
/// hint to choose another (`bucket = "…"`).
pub async fn create_bucket(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    region: &str,
) -> anyhow::Result<BucketCreated> {
    match super::create_request(client, bucket, region).send().await {
        Ok(_) => Ok(BucketCreated::Made),
        Err(error) if code_of(&error) == Some("BucketAlreadyOwnedByYou") => {
            Ok(BucketCreated::AlreadyOwned)
        }
        Err(error) if code_of(&error) == Some("BucketAlreadyExists") => {
            Err(anyhow::Error::new(HintedFailure::new(
                format!(
                    "the S3 bucket name `{bucket}` is taken by another AWS account (bucket names are global)"
                ),
                "give the dependency another name with `bucket = \"…\"` under its table in sleak.toml",
            )))
        }
        Err(error) => Err(describe(
            error,
            &format!("could not create the S3 bucket `{bucket}`"),
        )),
    }
}

/// Replaces the bucket's tags.
pub async fn put_tags(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let tag_set = tags
        .iter()
        .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
        .collect();
    let tagging = Tagging::builder()
        .set_tag_set(Some(tag_set))
        .build()
        .context("the bucket's tags")?;
    client
        .put_bucket_tagging()
        .bucket(bucket)
        .tagging(tagging)
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not tag the S3 bucket `{bucket}`")))?;
    Ok(())
}

pub async fn put_public_access_block(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    block: PublicAccessBlock,
) -> anyhow::Result<()> {
    client
        .put_public_access_block()
        .bucket(bucket)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(block.block_public_acls)
                .ignore_public_acls(block.ignore_public_acls)
                .block_public_policy(block.block_public_policy)
                .restrict_public_buckets(block.restrict_public_buckets)
                .build(),
        )
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the public access block of the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(())
}

/// Default encryption with S3-managed keys (SSE-S3, AES256).
pub async fn put_encryption_aes256(
    client: &aws_sdk_s3::Client,
    bucket: &str,
) -> anyhow::Result<()> {
    let by_default = ServerSideEncryptionByDefault::builder()
        .sse_algorithm(ServerSideEncryption::Aes256)
        .build()
        .context("the default encryption")?;
    let configuration = ServerSideEncryptionConfiguration::builder()
        .rules(
            ServerSideEncryptionRule::builder()
                .apply_server_side_encryption_by_default(by_default)
                .build(),
        )
        .build()
        .context("the default encryption")?;
    client
        .put_bucket_encryption()
        .bucket(bucket)
        .server_side_encryption_configuration(configuration)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the default encryption of the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(())
}

/// Turns versioning on, or suspends it (a bucket once versioned cannot be unversioned).
pub async fn put_versioning(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    enabled: bool,
) -> anyhow::Result<()> {
    let status = if enabled {
        BucketVersioningStatus::Enabled
    } else {
        BucketVersioningStatus::Suspended
    };
    client
        .put_bucket_versioning()
        .bucket(bucket)
        .versioning_configuration(VersioningConfiguration::builder().status(status).build())
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the versioning of the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(())
}

/// Replaces the bucket's lifecycle configuration with one rule `id` over the whole
/// bucket: noncurrent versions expire after `noncurrent_days`, incomplete multipart
/// uploads are aborted after `abort_multipart_days`.
pub async fn put_lifecycle(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    id: &str,
    noncurrent_days: i32,
    abort_multipart_days: i32,
) -> anyhow::Result<()> {
    let rule = LifecycleRule::builder()
        .id(id)
        .status(ExpirationStatus::Enabled)
        .filter(LifecycleRuleFilter::builder().prefix("").build())
        .noncurrent_version_expiration(
            NoncurrentVersionExpiration::builder()
                .noncurrent_days(noncurrent_days)
                .build(),
        )
        .abort_incomplete_multipart_upload(
            AbortIncompleteMultipartUpload::builder()
                .days_after_initiation(abort_multipart_days)
                .build(),
        )
        .build()
        .context("the lifecycle rule")?;
    client
        .put_bucket_lifecycle_configuration()
        .bucket(bucket)
        .lifecycle_configuration(
            BucketLifecycleConfiguration::builder()
                .rules(rule)
                .build()
                .context("the lifecycle configuration")?,
        )
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the lifecycle rules of the S3 bucket `{bucket}`"),
            )
        })?;
    Ok(())
}

/// Replaces the bucket's CORS rules with one allowing `methods` from `origins`; no
/// origins: no CORS rules.
pub async fn put_cors(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    origins: &[String],
    methods: &[&str],
) -> anyhow::Result<()> {
    let what = format!("could not set the CORS rules of the S3 bucket `{bucket}`");
    if origins.is_empty() {
        let result = client.delete_bucket_cors().bucket(bucket).send().await;
        return deleted(result, &["NoSuchCORSConfiguration"], &what);
    }
    let rule = CorsRule::builder()
        .set_allowed_origins(Some(origins.to_vec()))
        .set_allowed_methods(Some(
            methods.iter().map(|method| (*method).to_owned()).collect(),
        ))
        .allowed_headers("*")
        .expose_headers("ETag")
        .max_age_seconds(3000)
        .build()
        .context("the CORS rule")?;
    client
        .put_bucket_cors()
        .bucket(bucket)
        .cors_configuration(
            CorsConfiguration::builder()
                .cors_rules(rule)
                .build()
                .context("the CORS configuration")?,
        )
        .send()
        .await
        .map_err(|error| describe(error, &what))?;
    Ok(())
}

/// Sets the bucket's policy; `None` removes it.
pub async fn put_policy(
    client: &aws_sdk_s3::Client,
    bucket: &str,
    policy: Option<&Json>,
) -> anyhow::Result<()> {
    let what = format!("could not set the policy of the S3 bucket `{bucket}`");
    let Some(policy) = policy else {
        let result = client.delete_bucket_policy().bucket(bucket).send().await;
        return deleted(result, &["NoSuchBucketPolicy"], &what);
    };
    client
        .put_bucket_policy()
        .bucket(bucket)
        .policy(policy.to_string())
        .send()
        .await
        .map_err(|error| describe(error, &what))?;
    Ok(())
}

/// Deletes the bucket when it holds no object version: delete markers (which hold no
/// data) are removed first. A bucket with objects is never emptied: that is an error
/// with a hint. Gone already is done.
pub async fn delete_bucket(client: &aws_sdk_s3::Client, bucket: &str) -> anyhow::Result<()> {
    let what = format!("could not delete the S3 bucket `{bucket}`");
    // Every page is read before anything is deleted: removing a delete marker while an
    // older version stays would bring that object back.
    let mut markers: Vec<ObjectIdentifier> = Vec::new();
    let (mut key_marker, mut version_marker) = (None, None);
    loop {
        let listed = match client
            .list_object_versions()
            .bucket(bucket)
            .set_key_marker(key_marker)
            .set_version_id_marker(version_marker)
            .send()
            .await
        {
            Ok(listed) => listed,
            Err(error) if code_of(&error) == Some("NoSuchBucket") => return Ok(()),
            Err(error) => return Err(describe(error, &what)),
        };
        if !listed.versions.unwrap_or_default().is_empty() {
            return Err(anyhow::Error::new(HintedFailure::new(
                format!("the S3 bucket `{bucket}` still holds objects: sleak never deletes data"),
                format!(
                    "empty it first if its data may go (`aws s3 rm s3://{bucket} --recursive`, and every version when it is versioned), then run sleak again"
                ),
            )));
        }
        markers.extend(
            listed
                .delete_markers
                .unwrap_or_default()
                .into_iter()
                .filter_map(|marker| {
                    ObjectIdentifier::builder()
                        .key(marker.key?)
                        .set_version_id(marker.version_id)
                        .build()
                        .ok()
                }),
        );
        if !listed.is_truncated.unwrap_or(false) {
            break;
        }
        (key_marker, version_marker) = (listed.next_key_marker, listed.next_version_id_marker);
    }
    // DeleteObjects takes 1000 keys at a time.
    for chunk in markers.chunks(1000) {
        client
            .delete_objects()
            .bucket(bucket)
            .delete(
                Delete::builder()
                    .set_objects(Some(chunk.to_vec()))
                    .build()
                    .context("the delete markers")?,
            )
            .send()
            .await
            .map_err(|error| describe(error, &what))?;
    }
    let result = client.delete_bucket().bucket(bucket).send().await;
    deleted(result, &["NoSuchBucket"], &what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_versioning_status_is_read_from_either_root_element() {
        let s3 = r#"<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>"#;
        let moto = r#"<?xml version="1.0"?><GetBucketVersioningResponse xmlns="x"><Status>Suspended</Status></GetBucketVersioningResponse>"#;
        assert_eq!(versioning_status(s3).as_deref(), Some("Enabled"));
        assert_eq!(versioning_status(moto).as_deref(), Some("Suspended"));
        assert_eq!(
            versioning_status(r#"<GetBucketVersioningResponse xmlns="x"/>"#),
            None
        );
    }
}

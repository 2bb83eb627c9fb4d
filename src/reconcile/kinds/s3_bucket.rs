//! The S3 bucket of an s3 dependency: public access block, default encryption (SSE-S3),
//! versioning, one lifecycle rule, optional CORS, and a policy for public reads only
//! when asked; each compared and repaired. Its objects are never deleted by sleak.

use std::fmt;

use serde_json::{Value as Json, json};

use crate::providers::aws::s3::{self, BucketCreated, BucketRead, PublicAccessBlock};
use crate::providers::aws::tags::{ID_TAG, WORKSPACE_TAG};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

/// The id of the lifecycle rule sleak writes.
pub const LIFECYCLE_RULE: &str = "sleak";
/// Days after which a noncurrent version expires.
pub const NONCURRENT_DAYS: i32 = 30;
/// Days after which an incomplete multipart upload is aborted.
pub const ABORT_MULTIPART_DAYS: i32 = 7;
/// The methods the CORS rule allows.
pub const CORS_METHODS: [&str; 4] = ["GET", "HEAD", "PUT", "POST"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Bucket {
    pub name: String,
    pub versioning: bool,
    /// Anonymous reads of its objects (a bucket policy); ACLs stay blocked either way.
    pub public: bool,
    pub cors_origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub read: BucketRead,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// A bucket whose create was not followed by its tagging (a run killed in between).
    SetTags,
    SetPublicAccessBlock,
    SetEncryption,
    SetVersioning(bool),
    SetLifecycle,
    SetCors,
    SetPolicy,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::SetTags => f.write_str("tag it as this workspace's"),
            Fix::SetPublicAccessBlock => f.write_str("set the public access block"),
            Fix::SetEncryption => f.write_str("set the default encryption (SSE-S3)"),
            Fix::SetVersioning(true) => f.write_str("turn versioning on"),
            Fix::SetVersioning(false) => f.write_str("suspend versioning"),
            Fix::SetLifecycle => write!(
                f,
                "set the lifecycle rule (noncurrent versions expire after {NONCURRENT_DAYS} days)"
            ),
            Fix::SetCors => f.write_str("set the CORS rules"),
            Fix::SetPolicy => f.write_str("set the bucket policy"),
        }
    }
}

impl S3Bucket {
    pub fn arn(&self) -> String {
        format!("arn:aws:s3:::{}", self.name)
    }

    /// All four switches on; a public bucket keeps ACLs blocked and allows the one
    /// public policy sleak writes.
    pub fn public_access_block(&self) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: true,
            block_public_policy: !self.public,
            restrict_public_buckets: !self.public,
        }
    }

    /// Anonymous `s3:GetObject` on the objects (never listing), for a public bucket.
    pub fn public_policy(&self) -> Option<Json> {
        self.public.then(|| {
            json!({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "PublicRead",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": format!("{}/*", self.arn()),
                }],
            })
        })
    }
}

/// Whether `tags` say the bucket is this resource of this workspace.
fn tagged_as(tags: &[(String, String)], wanted: &[(String, String)]) -> bool {
    wanted
        .iter()
        .filter(|(key, _)| key == WORKSPACE_TAG || key == ID_TAG)
        .all(|tag| tags.contains(tag))
}

/// Whether the bucket `name`, read as `read`, is this resource: tagged as ours, or
/// untagged and empty (a create whose tagging did not happen: a run killed between the
/// two; taken, since it holds nothing).
async fn ours_or_unclaimed(
    client: &aws_sdk_s3::Client,
    name: &str,
    read: &BucketRead,
    tags: &[(String, String)],
) -> anyhow::Result<bool> {
    Ok(tagged_as(&read.tags, tags) || (read.tags.is_empty() && s3::is_empty(client, name).await?))
}

/// The bucket `name` is in the account but is not this workspace's.
fn not_ours(name: &str) -> anyhow::Error {
    crate::error::UsageError::new(format!(
        "the S3 bucket `{name}` exists in the account but is not this workspace's (it lacks the tags sleak:workspace and sleak:id sleak gives its buckets)"
    ))
    .with_hint(
        "give the dependency another bucket name with `bucket = \"…\"` in sleak.toml: sleak never takes over a bucket it did not make",
    )
    .into()
}

impl Kind for S3Bucket {
    const KIND: &'static str = "s3:bucket";
    type Observed = Observed;
    type Fix = Fix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((account_id, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        let client = s3::client(&config);
        // The account's buckets, listed once per run for all its buckets: HeadBucket
        // would also answer for a bucket of another account that lets this one in.
        let owned = cx
            .memo(&format!("s3:buckets/{account_id}"), || {
                s3::bucket_names(&client)
            })
            .await?;
        if !owned.contains(&self.name) {
            return Ok(None);
        }
        let read = s3::read_bucket(&client, &self.name).await?;
        if !ours_or_unclaimed(&client, &self.name, &read, &cx.tags()).await? {
            return Err(not_ours(&self.name));
        }
        Ok(Some(Observed { read }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::with_arn(&self.name, self.arn())
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let read = &observed.read;
        let mut changes = Changes::default();
        if !read.tags.iter().any(|(key, _)| key == ID_TAG) {
            changes.fix.push(Fix::SetTags);
        }
        if read.public_access_block != Some(self.public_access_block()) {
            changes.fix.push(Fix::SetPublicAccessBlock);
        }
        match read.encryption.as_deref() {
            Some("AES256") => {}
            // Stronger than asked: left as it is.
            Some(algorithm) if algorithm.starts_with("aws:kms") => changes.info.push(format!(
                "encrypted with {algorithm} (sleak would use SSE-S3)"
            )),
            _ => changes.fix.push(Fix::SetEncryption),
        }
        let enabled = read.versioning.as_deref() == Some("Enabled");
        if enabled != self.versioning {
            changes.fix.push(Fix::SetVersioning(self.versioning));
        }
        let rule_as_wanted = |rule: &s3::LifecycleRead| {
            rule.id == LIFECYCLE_RULE
                && rule.enabled
                && rule.whole_bucket
                && rule.noncurrent_days == Some(NONCURRENT_DAYS)
                && rule.abort_multipart_days == Some(ABORT_MULTIPART_DAYS)
                && !rule.other_actions
        };
        if !(read.lifecycle.len() == 1 && rule_as_wanted(&read.lifecycle[0])) {
            changes.fix.push(Fix::SetLifecycle);
        }
        let cors_as_wanted = if self.cors_origins.is_empty() {
            read.cors.is_empty()
        } else {
            let mut wanted = self.cors_origins.clone();
            wanted.sort();
            read.cors.len() == 1 && {
                let mut origins = read.cors[0].origins.clone();
                origins.sort();
                let mut methods = read.cors[0].methods.clone();
                methods.sort();
                let mut wanted_methods = CORS_METHODS.map(str::to_owned).to_vec();
                wanted_methods.sort();
                origins == wanted && methods == wanted_methods
            }
        };
        if !cors_as_wanted {
            changes.fix.push(Fix::SetCors);
        }
        // A private bucket's policy is the user's (the public access block keeps it
        // from making the bucket public); a public bucket's is sleak's.
        if let Some(policy) = self.public_policy()
            && read.policy.as_ref() != Some(&policy)
        {
            changes.fix.push(Fix::SetPolicy);
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
        let client = s3::client(&config);
        let name = &self.name;
        let tags = cx.tags();
        let fixes = match observed {
            Some(_) => changes.fix.clone(),
            None => {
                // A unique name: a retry whose first try worked is "already owned"
                // (outside us-east-1; there S3 answers success again), ours only as
                // `observe` would take it.
                if s3::create_bucket(&client, name, &cx.env.region).await?
                    == BucketCreated::AlreadyOwned
                {
                    let read = s3::read_bucket(&client, name).await?;
                    if !ours_or_unclaimed(&client, name, &read, &tags).await? {
                        return Err(not_ours(name));
                    }
                }
                let mut fixes = vec![
                    Fix::SetTags,
                    Fix::SetPublicAccessBlock,
                    Fix::SetEncryption,
                    Fix::SetLifecycle,
                ];
                if self.versioning {
                    fixes.push(Fix::SetVersioning(true));
                }
                if !self.cors_origins.is_empty() {
                    fixes.push(Fix::SetCors);
                }
                if self.public {
                    fixes.push(Fix::SetPolicy);
                }
                fixes
            }
        };
        for fix in fixes {
            match fix {
                Fix::SetTags => {
                    let mut all = observed
                        .map(|found| found.read.tags.clone())
                        .unwrap_or_default();
                    all.retain(|(key, _)| !tags.iter().any(|(ours, _)| ours == key));
                    all.extend(tags.iter().cloned());
                    s3::put_tags(&client, name, &all).await?;
                }
                Fix::SetPublicAccessBlock => {
                    s3::put_public_access_block(&client, name, self.public_access_block()).await?
                }
                Fix::SetEncryption => s3::put_encryption_aes256(&client, name).await?,
                Fix::SetVersioning(enabled) => s3::put_versioning(&client, name, enabled).await?,
                Fix::SetLifecycle => {
                    s3::put_lifecycle(
                        &client,
                        name,
                        LIFECYCLE_RULE,
                        NONCURRENT_DAYS,
                        ABORT_MULTIPART_DAYS,
                    )
                    .await?
                }
                Fix::SetCors => {
                    s3::put_cors(&client, name, &self.cors_origins, &CORS_METHODS).await?
                }
                Fix::SetPolicy => {
                    s3::put_policy(&client, name, self.public_policy().as_ref()).await?
                }
            }
        }
        Ok(Output::with_arn(name, self.arn()))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        s3::delete_bucket(&s3::client(&cx.config().await?), &output.id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket() -> S3Bucket {
        S3Bucket {
            name: "acme-api-staging-uploads".into(),
            versioning: false,
            public: false,
            cors_origins: Vec::new(),
        }
    }

    /// What sleak made of `bucket()`.
    fn as_made(desired: &S3Bucket) -> BucketRead {
        BucketRead {
            tags: vec![
                (WORKSPACE_TAG.into(), "acme".into()),
                (
                    ID_TAG.into(),
                    "project/api/env/staging/dependency/uploads/s3-bucket".into(),
                ),
            ],
            public_access_block: Some(desired.public_access_block()),
            encryption: Some("AES256".into()),
            versioning: desired.versioning.then(|| "Enabled".to_owned()),
            lifecycle: vec![s3::LifecycleRead {
                id: LIFECYCLE_RULE.into(),
                enabled: true,
                whole_bucket: true,
                noncurrent_days: Some(NONCURRENT_DAYS),
                abort_multipart_days: Some(ABORT_MULTIPART_DAYS),
                other_actions: false,
            }],
            cors: if desired.cors_origins.is_empty() {
                Vec::new()
            } else {
                vec![s3::CorsRead {
                    origins: desired.cors_origins.clone(),
                    methods: CORS_METHODS
                        .iter()
                        .rev()
                        .map(|method| (*method).to_owned())
                        .collect(),
                }]
            },
            policy: desired.public_policy(),
        }
    }

    fn fixes(desired: &S3Bucket, read: BucketRead) -> Vec<Fix> {
        desired.compare(&Outputs::default(), &Observed { read }).fix
    }

    #[test]
    fn each_setting_that_differs_is_its_own_fix() {
        let plain = bucket();
        let public = S3Bucket {
            public: true,
            ..bucket()
        };
        let versioned = S3Bucket {
            versioning: true,
            ..bucket()
        };
        let cors = S3Bucket {
            cors_origins: vec!["https://app.acme.dev".into()],
            ..bucket()
        };
        type Change = fn(&mut BucketRead);
        let cases: Vec<(&str, &S3Bucket, Change, Vec<Fix>)> = vec![
            ("as made", &plain, |_| {}, vec![]),
            ("as made, public", &public, |_| {}, vec![]),
            ("as made, versioned", &versioned, |_| {}, vec![]),
            ("as made, CORS in another order", &cors, |_| {}, vec![]),
            (
                "untagged (killed before tagging)",
                &plain,
                |read| read.tags.clear(),
                vec![Fix::SetTags],
            ),
            (
                "no public access block",
                &plain,
                |read| read.public_access_block = None,
                vec![Fix::SetPublicAccessBlock],
            ),
            (
                "one switch off",
                &plain,
                |read| {
                    read.public_access_block
                        .as_mut()
                        .unwrap()
                        .restrict_public_buckets = false
                },
                vec![Fix::SetPublicAccessBlock],
            ),
            (
                "a public bucket fully blocked",
                &public,
                |read| read.public_access_block = Some(bucket().public_access_block()),
                vec![Fix::SetPublicAccessBlock],
            ),
            (
                "no default encryption",
                &plain,
                |read| read.encryption = None,
                vec![Fix::SetEncryption],
            ),
            (
                "KMS is kept",
                &plain,
                |read| read.encryption = Some("aws:kms".into()),
                vec![],
            ),
            (
                "versioning suspended",
                &versioned,
                |read| read.versioning = Some("Suspended".into()),
                vec![Fix::SetVersioning(true)],
            ),
            (
                "versioning never on",
                &versioned,
                |read| read.versioning = None,
                vec![Fix::SetVersioning(true)],
            ),
            (
                "versioning on, unwanted",
                &plain,
                |read| read.versioning = Some("Enabled".into()),
                vec![Fix::SetVersioning(false)],
            ),
            (
                "versioning suspended, unwanted",
                &plain,
                |read| read.versioning = Some("Suspended".into()),
                vec![],
            ),
            (
                "no lifecycle",
                &plain,
                |read| read.lifecycle.clear(),
                vec![Fix::SetLifecycle],
            ),
            (
                "lifecycle days changed",
                &plain,
                |read| read.lifecycle[0].noncurrent_days = Some(90),
                vec![Fix::SetLifecycle],
            ),
            (
                "lifecycle disabled",
                &plain,
                |read| read.lifecycle[0].enabled = false,
                vec![Fix::SetLifecycle],
            ),
            (
                "a second rule",
                &plain,
                |read| {
                    let mut other = read.lifecycle[0].clone();
                    other.id = "theirs".into();
                    read.lifecycle.push(other);
                },
                vec![Fix::SetLifecycle],
            ),
            (
                "CORS missing",
                &cors,
                |read| read.cors.clear(),
                vec![Fix::SetCors],
            ),
            (
                "CORS origin changed",
                &cors,
                |read| read.cors[0].origins = vec!["https://evil.example".into()],
                vec![Fix::SetCors],
            ),
            (
                "CORS unwanted",
                &plain,
                |read| {
                    read.cors = vec![s3::CorsRead {
                        origins: vec!["*".into()],
                        methods: vec!["GET".into()],
                    }]
                },
                vec![Fix::SetCors],
            ),
            (
                "public policy missing",
                &public,
                |read| read.policy = None,
                vec![Fix::SetPolicy],
            ),
            (
                "a private bucket's own policy is the user's",
                &plain,
                |read| read.policy = Some(json!({ "Statement": [] })),
                vec![],
            ),
        ];
        for (case, desired, change, wanted) in cases {
            let mut read = as_made(desired);
            change(&mut read);
            assert_eq!(fixes(desired, read), wanted, "{case}");
        }
    }

    #[test]
    fn a_public_bucket_blocks_acls_and_grants_reads_of_objects_only() {
        let public = S3Bucket {
            public: true,
            ..bucket()
        };
        let block = public.public_access_block();
        assert!(block.block_public_acls && block.ignore_public_acls);
        assert!(!block.block_public_policy && !block.restrict_public_buckets);
        let policy = public.public_policy().unwrap();
        assert_eq!(policy["Statement"][0]["Action"], "s3:GetObject");
        assert_eq!(
            policy["Statement"][0]["Resource"],
            "arn:aws:s3:::acme-api-staging-uploads/*"
        );
        assert_eq!(bucket().public_policy(), None);
        let private = bucket().public_access_block();
        assert!(
            private.block_public_acls
                && private.ignore_public_acls
                && private.block_public_policy
                && private.restrict_public_buckets
        );
    }

    #[test]
    fn the_output_is_the_name_and_the_arn() {
        let output = bucket().output(&Observed {
            read: as_made(&bucket()),
        });
        assert_eq!(output.id, "acme-api-staging-uploads");
        assert_eq!(
            output.arn.as_deref(),
            Some("arn:aws:s3:::acme-api-staging-uploads")
        );
        assert_eq!((output.endpoint, output.port), (None, None));
    }
}

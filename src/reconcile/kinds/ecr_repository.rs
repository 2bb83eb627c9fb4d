//! A project's ECR repository in the management account: scan on push, tag mutability,
//! a lifecycle policy keeping the newest images, and a policy letting the accounts of
//! the project's clusters pull.

use std::fmt;

use serde_json::Value as Json;

use crate::providers::aws::ecr;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcrRepository {
    pub name: String,
    pub scan_on_push: bool,
    pub immutable_tags: bool,
    pub keep_images: u32,
    /// Plan ids of the accounts whose clusters pull from it.
    pub pull_accounts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub uri: String,
    pub scan_on_push: bool,
    pub immutable_tags: bool,
    pub lifecycle_policy: Option<Json>,
    pub repository_policy: Option<Json>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    ScanOnPush(bool),
    ImmutableTags(bool),
    Lifecycle(u32),
    PullPolicy,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::ScanOnPush(scan) => write!(f, "set scan on push to {scan}"),
            Fix::ImmutableTags(true) => f.write_str("make tags immutable"),
            Fix::ImmutableTags(false) => f.write_str("make tags mutable"),
            Fix::Lifecycle(keep) => write!(f, "keep the newest {keep} images"),
            Fix::PullPolicy => f.write_str("let the clusters' accounts pull"),
        }
    }
}

impl Kind for EcrRepository {
    const KIND: &'static str = "ecr:repository";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        self.pull_accounts.iter().map(String::as_str).collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        Ok(ecr::repository(&config, &self.name).await?.map(|repository| Observed {
            uri: repository.uri,
            scan_on_push: repository.scan_on_push,
            immutable_tags: repository.immutable_tags,
            lifecycle_policy: repository.lifecycle_policy,
            repository_policy: repository.repository_policy,
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&self.name).at(Some(observed.uri.clone()), None)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.scan_on_push != self.scan_on_push {
            changes.fix.push(Fix::ScanOnPush(self.scan_on_push));
        }
        if observed.immutable_tags != self.immutable_tags {
            changes.fix.push(Fix::ImmutableTags(self.immutable_tags));
        }
        if observed.lifecycle_policy.as_ref() != Some(&ecr::lifecycle_policy(self.keep_images)) {
            changes.fix.push(Fix::Lifecycle(self.keep_images));
        }
        let accounts: Option<Vec<String>> = self
            .pull_accounts
            .iter()
            .map(|account| refs.find(account).map(str::to_owned))
            .collect();
        let wanted = match accounts {
            Some(accounts) if !accounts.is_empty() => Some(ecr::pull_policy(&accounts)),
            Some(_) => None,
            None => Some(Json::Null),
        };
        if observed.repository_policy != wanted {
            changes.fix.push(Fix::PullPolicy);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let accounts: Vec<String> = self
            .pull_accounts
            .iter()
            .map(|account| cx.refs.id(account).map(str::to_owned))
            .collect::<anyhow::Result<_>>()?;
        let lifecycle = ecr::lifecycle_policy(self.keep_images);
        let policy = (!accounts.is_empty()).then(|| ecr::pull_policy(&accounts));
        ecr::put_repository(
            &config,
            ecr::RepositorySettings {
                name: &self.name,
                scan_on_push: self.scan_on_push,
                immutable_tags: self.immutable_tags,
                lifecycle: &lifecycle,
                policy: policy.as_ref(),
            },
            observed.is_some(),
            &cx.tags(),
        )
        .await?;
        Ok(Output::id(&self.name))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        ecr::delete_repository(&cx.config().await?, &output.id).await
    }
}

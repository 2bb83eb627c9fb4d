//! A subnet group over the account's persistence subnets, where RDS and ElastiCache
//! place what they make: one kind of code for both services, each a [`SubnetGroupApi`].

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;

use aws_config::SdkConfig;

use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

/// The calls of one service's subnet groups.
pub trait SubnetGroupApi: fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    const KIND: &'static str;

    /// The subnet ids of the group, sorted, if it exists.
    fn read(
        config: &SdkConfig,
        name: &str,
    ) -> impl Future<Output = anyhow::Result<Option<Vec<String>>>> + Send;

    /// Creates the group (`exists` false) or sets its subnets.
    fn put(
        config: &SdkConfig,
        name: &str,
        subnets: &[String],
        tags: &[(String, String)],
        exists: bool,
    ) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// Deletes it; gone is done.
    fn delete(config: &SdkConfig, name: &str) -> impl Future<Output = anyhow::Result<()>> + Send;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetGroup<S> {
    pub name: String,
    /// Plan ids of the subnets.
    pub subnets: Vec<String>,
    service: PhantomData<S>,
}

impl<S> SubnetGroup<S> {
    pub fn new(name: String, subnets: Vec<String>) -> Self {
        Self {
            name,
            subnets,
            service: PhantomData,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    /// Subnet ids, sorted.
    pub subnets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    SetSubnets,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("set the persistence subnets")
    }
}

impl<S: SubnetGroupApi + Eq> Kind for SubnetGroup<S> {
    const KIND: &'static str = S::KIND;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        self.subnets.iter().map(String::as_str).collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        Ok(S::read(&config, &self.name)
            .await?
            .map(|subnets| Observed { subnets }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(&self.name)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let mut wanted: Vec<&str> = self
            .subnets
            .iter()
            .filter_map(|subnet| refs.find(subnet))
            .collect();
        wanted.sort_unstable();
        if wanted != observed.subnets || wanted.len() != self.subnets.len() {
            changes.fix.push(Fix::SetSubnets);
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        _: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let subnets: Vec<String> = self
            .subnets
            .iter()
            .map(|subnet| cx.refs.id(subnet).map(str::to_owned))
            .collect::<anyhow::Result<_>>()?;
        S::put(
            &config,
            &self.name,
            &subnets,
            &cx.tags(),
            observed.is_some(),
        )
        .await?;
        Ok(Output::id(&self.name))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        S::delete(&cx.config().await?, &output.id).await
    }
}

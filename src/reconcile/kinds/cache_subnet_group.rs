//! A cache's subnet group over the account's persistence subnets.

use std::fmt;

use crate::providers::aws::elasticache;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheSubnetGroup {
    pub name: String,
    /// Plan ids of the subnets.
    pub subnets: Vec<String>,
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

impl Kind for CacheSubnetGroup {
    const KIND: &'static str = "elasticache:subnet-group";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        self.subnets.iter().map(String::as_str).collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        Ok(elasticache::cache_subnet_group(&config, &self.name)
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
        elasticache::put_cache_subnet_group(
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
        elasticache::delete_cache_subnet_group(&cx.config().await?, &output.id).await
    }
}

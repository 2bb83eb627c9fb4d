//! The NS record in a parent zone delegating a name to a child zone's name servers.

use std::fmt;

use crate::providers::aws::route53;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NsDelegation {
    pub name: String,
    /// Plan ids of the child zone, its account, and the parent zone (in this account).
    pub zone: String,
    pub zone_account: String,
    pub parent: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub parent: String,
    /// The record's name servers, sorted.
    pub record: Vec<String>,
    /// The child zone's name servers, sorted.
    pub servers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    PointAtZone,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("point the NS record at the zone's name servers")
    }
}

impl NsDelegation {
    /// The child zone's name servers, without the final dot.
    async fn servers(&self, cx: &Cx<'_>) -> anyhow::Result<Vec<String>> {
        let child = cx.config_of(&self.zone_account).await?;
        let mut servers: Vec<String> = route53::name_servers(&child, cx.refs.id(&self.zone)?)
            .await?
            .into_iter()
            .map(|server| server.trim_end_matches('.').to_owned())
            .collect();
        servers.sort();
        Ok(servers)
    }
}

impl Kind for NsDelegation {
    const KIND: &'static str = "route53:record-set";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.zone, &self.zone_account, &self.parent]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        if !(cx.refs.contains(&self.zone) && cx.refs.contains(&self.zone_account)) {
            return Ok(None);
        }
        let (Some(parent), Some((_, config))) = (cx.refs.find(&self.parent), cx.config_if_exists().await) else {
            return Ok(None);
        };
        let Some(mut record) = route53::ns_record(&config, parent, &self.name).await? else {
            return Ok(None);
        };
        record.sort();
        Ok(Some(Observed {
            parent: parent.to_owned(),
            record,
            servers: self.servers(cx).await?,
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(format!("{}/{}", observed.parent, self.name))
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.record != observed.servers {
            changes.fix.push(Fix::PointAtZone);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let parent = cx.refs.id(&self.parent)?;
        let servers = self.servers(cx).await?;
        if servers.is_empty() {
            anyhow::bail!("the hosted zone of `{}` has no name servers yet", self.name);
        }
        route53::put_ns_record(&config, parent, &self.name, &servers).await?;
        Ok(Output::id(format!("{parent}/{}", self.name)))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        match output.id.split_once('/') {
            Some((zone, name)) => route53::delete_ns_record(&cx.config().await?, zone, name).await,
            None => Ok(()),
        }
    }
}

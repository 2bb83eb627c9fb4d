//! A route through a peering connection, in a route table (untagged: found in the table).

use std::fmt;

use ipnet::Ipv4Net;

use crate::providers::aws::ec2::{self, RouteTarget};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeeringRoute {
    /// Plan ids of the route table and the peering.
    pub table: String,
    pub destination: Ipv4Net,
    pub peering: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub table: String,
    /// The peering the route goes through, if any.
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    RouteThroughPeering,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("route through the peering")
    }
}

impl PeeringRoute {
    fn cloud_id(&self, table: &str) -> String {
        format!("{table}:{}", self.destination)
    }
}

impl Kind for PeeringRoute {
    const KIND: &'static str = "ec2:route";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.table, &self.peering]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(table_id) = cx.refs.find(&self.table) else {
            return Ok(None);
        };
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        let destination = self.destination.to_string();
        Ok(ec2
            .route_tables
            .iter()
            .find(|table| table.route_table_id.as_deref() == Some(table_id))
            .and_then(|table| {
                table
                    .routes
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|route| route.destination_cidr_block.as_deref() == Some(destination.as_str()))
            })
            .map(|route| Observed {
                table: table_id.to_owned(),
                via: route.vpc_peering_connection_id.clone(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(self.cloud_id(&observed.table))
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let peering = refs.find(&self.peering);
        if peering.is_none() || observed.via.as_deref() != peering {
            changes.fix.push(Fix::RouteThroughPeering);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let table = cx.refs.id(&self.table)?;
        ec2::put_route(
            &config,
            table,
            &self.destination.to_string(),
            RouteTarget::Peering(cx.refs.id(&self.peering)?),
            observed.is_some(),
        )
        .await?;
        Ok(Output::id(self.cloud_id(table)))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, &output.id, cx.on_wait).await
    }
}

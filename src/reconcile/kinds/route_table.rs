//! A route table with its default route (`0.0.0.0/0`) to an internet or NAT gateway.

use std::fmt;

use crate::providers::aws::ec2::{self, RouteTarget};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTable {
    /// Plan id of the VPC.
    pub vpc: String,
    /// Plan id of the internet or NAT gateway the default route goes to.
    pub default_target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub default_route: Option<DefaultRoute>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultRoute {
    /// The NAT or internet gateway it goes to.
    pub target: Option<String>,
    pub blackhole: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    AddDefaultRoute,
    PointDefaultRoute,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fix::AddDefaultRoute => "add the default route",
            Fix::PointDefaultRoute => "point the default route at its gateway",
        })
    }
}

impl Kind for RouteTable {
    const KIND: &'static str = "ec2:route-table";
    const ORPHAN_RANK: Option<u8> = Some(3);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.vpc, &self.default_target]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.route_tables, cx.id())
            .map(|table| Observed {
                id: table.route_table_id.clone().unwrap_or_default(),
                default_route: table
                    .routes
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|route| route.destination_cidr_block.as_deref() == Some("0.0.0.0/0"))
                    .map(|route| DefaultRoute {
                        target: route.nat_gateway_id.clone().or_else(|| route.gateway_id.clone()),
                        blackhole: route.state.as_ref().map(|state| state.as_str())
                            == Some("blackhole"),
                    }),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        match &observed.default_route {
            Some(route) => {
                let target = refs.find(&self.default_target);
                if target.is_none() || route.target.as_deref() != target || route.blackhole {
                    changes.fix.push(Fix::PointDefaultRoute);
                }
            }
            None => changes.fix.push(Fix::AddDefaultRoute),
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let table = match observed {
            Some(table) => table.id.clone(),
            None => ec2::create_route_table(&config, cx.refs.id(&self.vpc)?, &cx.tags()).await?,
        };
        let target = cx.refs.id(&self.default_target)?;
        let replace = changes.has_fix(|fix| *fix == Fix::PointDefaultRoute);
        ec2::put_route(&config, &table, "0.0.0.0/0", RouteTarget::from_id(target), replace).await?;
        Ok(Output::id(table))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.route_tables)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

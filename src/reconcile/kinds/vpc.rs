//! An account's VPC, with DNS support and host names on.

use std::fmt;

use ipnet::Ipv4Net;

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vpc {
    pub cidr: Ipv4Net,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub cidr: String,
    pub dns: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    EnableDns,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::EnableDns => f.write_str("enable DNS support and host names"),
        }
    }
}

impl Kind for Vpc {
    const KIND: &'static str = "ec2:vpc";
    const ORPHAN_RANK: Option<u8> = Some(6);
    type Observed = Observed;
    type Fix = Fix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.vpcs, cx.id())
            .map(|vpc| {
                let id = vpc.vpc_id.clone().unwrap_or_default();
                Observed {
                    cidr: vpc.cidr_block.clone().unwrap_or_default(),
                    dns: ec2.vpc_dns.get(&id) == Some(&true),
                    id,
                }
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let cidr = self.cidr.to_string();
        if observed.cidr != cidr {
            changes.drift.push(format!(
                "CIDR is {}, the workspace says {cidr} (a VPC's CIDR cannot change: destroy and re-create it)",
                observed.cidr
            ));
        }
        if !observed.dns {
            changes.fix.push(Fix::EnableDns);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        match observed {
            Some(vpc) => {
                ec2::enable_vpc_dns(&config, &vpc.id).await?;
                Ok(Output::id(&vpc.id))
            }
            None => Ok(Output::id(
                ec2::create_vpc(&config, &self.cidr.to_string(), &cx.tags()).await?,
            )),
        }
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.vpcs)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

//! A subnet of an account's VPC, in one availability zone and one tier.

use std::fmt;

use anyhow::Context as _;
use ipnet::Ipv4Net;

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};
use crate::workspace::model::SubnetTier;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subnet {
    /// Plan id of the VPC.
    pub vpc: String,
    pub cidr: Ipv4Net,
    /// Which of the region's availability zones, in order.
    pub zone_index: u8,
    pub tier: SubnetTier,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub cidr: String,
    pub public_ips: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    MapPublicIps,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("give launched instances a public IP")
    }
}

impl Kind for Subnet {
    const KIND: &'static str = "ec2:subnet";
    const ORPHAN_RANK: Option<u8> = Some(5);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.vpc]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.subnets, cx.id())
            .map(|subnet| Observed {
                id: subnet.subnet_id.clone().unwrap_or_default(),
                cidr: subnet.cidr_block.clone().unwrap_or_default(),
                public_ips: subnet.map_public_ip_on_launch == Some(true),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let cidr = self.cidr.to_string();
        if observed.cidr != cidr {
            changes
                .drift
                .push(format!("CIDR is {}, the workspace says {cidr}", observed.cidr));
        }
        if self.tier == SubnetTier::Public && !observed.public_ips {
            changes.fix.push(Fix::MapPublicIps);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        if let Some(subnet) = observed {
            ec2::map_public_ips(&config, &subnet.id).await?;
            return Ok(Output::id(&subnet.id));
        }
        let zones = cx.availability_zones().await?;
        let zone = zones.get(usize::from(self.zone_index)).with_context(|| {
            format!(
                "the region has {} availability zones, the account asks for more",
                zones.len()
            )
        })?;
        let mut tags = cx.tags();
        match self.tier {
            SubnetTier::Public => tags.push(("kubernetes.io/role/elb".to_owned(), "1".to_owned())),
            SubnetTier::Private => {
                tags.push(("kubernetes.io/role/internal-elb".to_owned(), "1".to_owned()))
            }
            SubnetTier::Persistence => {}
        }
        tags.push(("sleak:tier".to_owned(), self.tier.as_str().to_owned()));
        Ok(Output::id(
            ec2::create_subnet(
                &config,
                cx.refs.id(&self.vpc)?,
                &self.cidr.to_string(),
                zone,
                self.tier == SubnetTier::Public,
                &tags,
            )
            .await?,
        ))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.subnets)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

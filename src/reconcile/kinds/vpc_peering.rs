//! A VPC peering requested from the management account's VPC and accepted in the other
//! account's.

use std::fmt;

use aws_config::SdkConfig;

use crate::providers::aws::ec2;
use crate::providers::wait::{self, Backoff, Poll};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcPeering {
    /// Plan ids of both VPCs and of the accepter's account.
    pub requester_vpc: String,
    pub accepter_vpc: String,
    pub accepter_account: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Accept { status: String },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Accept { status } => write!(f, "accept the peering (now {status})"),
        }
    }
}

impl Kind for VpcPeering {
    const KIND: &'static str = "ec2:vpc-peering-connection";
    const ORPHAN_RANK: Option<u8> = Some(1);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.requester_vpc, &self.accepter_vpc, &self.accepter_account]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.peerings, cx.id())
            .map(|peering| Observed {
                id: peering.vpc_peering_connection_id.clone().unwrap_or_default(),
                status: peering
                    .status
                    .as_ref()
                    .and_then(|status| status.code.as_ref())
                    .map(|code| code.as_str().to_owned())
                    .unwrap_or_default(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status != "active" {
            changes.fix.push(Fix::Accept {
                status: observed.status.clone(),
            });
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let tags = cx.tags();
        let accepter_id = cx.refs.id(&self.accepter_account)?;
        let peering = match observed {
            Some(peering) => peering.id.clone(),
            None => {
                ec2::create_peering(
                    &config,
                    cx.refs.id(&self.requester_vpc)?,
                    cx.refs.id(&self.accepter_vpc)?,
                    accepter_id,
                    &cx.env.region,
                    &tags,
                )
                .await?
            }
        };
        let accepter = cx.env.access.config(accepter_id).await;
        accept(&accepter, &peering, cx.on_wait).await?;
        ec2::create_tags(&accepter, &peering, &tags).await?;
        Ok(Output::id(peering))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.peerings)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

/// Accepts the peering in the accepter's account and waits until it is active.
async fn accept(accepter: &SdkConfig, peering: &str, on_wait: &(dyn Fn(&str) + Sync)) -> anyhow::Result<()> {
    wait::until_else(
        Backoff::PEERING,
        on_wait,
        || async {
            match ec2::peering_status(accepter, peering).await?.as_deref() {
                Some("active") => return Ok(Poll::Ready(())),
                Some("pending-acceptance") => ec2::accept_peering(accepter, peering).await?,
                Some("failed" | "rejected" | "expired" | "deleted") => {
                    anyhow::bail!("the VPC peering `{peering}` failed")
                }
                _ => {}
            }
            Ok(Poll::Pending(format!("waiting for VPC peering {peering} to be active")))
        },
        |_| anyhow::anyhow!("the VPC peering `{peering}` did not become active"),
    )
    .await
}

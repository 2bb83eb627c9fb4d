//! The internet gateway of an account's VPC, attached to it.

use std::fmt;

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternetGateway {
    /// Plan id of the VPC.
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    /// VPCs it is attached to.
    pub attached: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Attach,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("attach to the VPC")
    }
}

impl Kind for InternetGateway {
    const KIND: &'static str = "ec2:internet-gateway";
    const ORPHAN_RANK: Option<u8> = Some(4);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.vpc]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.internet_gateways, cx.id())
            .map(|gateway| Observed {
                id: gateway.internet_gateway_id.clone().unwrap_or_default(),
                attached: gateway
                    .attachments
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|attachment| attachment.vpc_id.clone())
                    .collect(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let attached = refs
            .find(&self.vpc)
            .is_some_and(|vpc| observed.attached.iter().any(|attached| attached == vpc));
        if !attached {
            changes.fix.push(Fix::Attach);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let gateway = match observed {
            Some(gateway) => gateway.id.clone(),
            None => ec2::create_internet_gateway(&config, &cx.tags()).await?,
        };
        ec2::attach_internet_gateway(&config, &gateway, cx.refs.id(&self.vpc)?).await?;
        Ok(Output::id(gateway))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.internet_gateways)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

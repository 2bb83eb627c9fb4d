//! An Elastic IP (the NAT gateways').

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElasticIp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub allocation: String,
}

impl Kind for ElasticIp {
    const KIND: &'static str = "ec2:elastic-ip";
    const ORPHAN_RANK: Option<u8> = Some(2);
    type Observed = Observed;
    type Fix = NoFix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.addresses, cx.id())
            .map(|address| Observed {
                allocation: address.allocation_id.clone().unwrap_or_default(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.allocation)
    }

    fn compare(&self, _: &Outputs, _: &Observed) -> Changes<NoFix> {
        Changes::default()
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        Ok(Output::id(ec2::allocate_address(&config, &cx.tags()).await?))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.addresses)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

//! A NAT gateway in a public subnet, with its Elastic IP; created with a request token.

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatGateway {
    /// Plan ids of the public subnet and the Elastic IP.
    pub subnet: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub state: String,
}

impl Kind for NatGateway {
    const KIND: &'static str = "ec2:nat-gateway";
    const ORPHAN_RANK: Option<u8> = Some(1);
    type Observed = Observed;
    type Fix = NoFix;

    fn references(&self) -> Vec<&str> {
        vec![&self.subnet, &self.address]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.nat_gateways, cx.id())
            .map(|nat| Observed {
                id: nat.nat_gateway_id.clone().unwrap_or_default(),
                state: nat.state.as_ref().map(|state| state.as_str().to_owned()).unwrap_or_default(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<NoFix> {
        let mut changes = Changes::default();
        if observed.state == "pending" {
            changes.settling.push("wait until available".to_owned());
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let nat = match observed {
            Some(nat) => nat.id.clone(),
            None => {
                ec2::create_nat_gateway(
                    &config,
                    cx.refs.id(&self.subnet)?,
                    cx.refs.id(&self.address)?,
                    &cx.token(""),
                    &cx.tags(),
                )
                .await?
            }
        };
        ec2::wait_nat_gateway(&config, &nat, cx.on_wait).await?;
        Ok(Output::id(nat))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.nat_gateways)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

//! An Elastic IP associated with an instance (the VPN server's public address).

use std::fmt;

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceAddress {
    /// Plan id of the instance.
    pub instance: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub allocation: String,
    pub instance: Option<String>,
    pub public_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Associate,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("associate with the VPN server")
    }
}

impl Kind for InstanceAddress {
    const KIND: &'static str = "ec2:elastic-ip";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.instance]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.addresses, cx.id())
            .map(|address| Observed {
                allocation: address.allocation_id.clone().unwrap_or_default(),
                instance: address.instance_id.clone(),
                public_ip: address.public_ip.clone(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.allocation)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let instance = refs.find(&self.instance);
        if instance.is_none() || observed.instance.as_deref() != instance {
            changes.fix.push(Fix::Associate);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let allocation = match observed {
            Some(address) => address.allocation.clone(),
            None => ec2::allocate_address(&config, &cx.tags()).await?,
        };
        ec2::associate_address(&config, &allocation, cx.refs.id(&self.instance)?).await?;
        Ok(Output::id(allocation))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, &output.id, cx.on_wait).await
    }
}

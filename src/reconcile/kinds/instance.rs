//! An EC2 instance (the VPN server), launched with a request token.

use crate::providers::aws::ec2::{self, InstanceRequest};
use crate::providers::wait::{self, Backoff, Poll};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub name: String,
    pub instance_type: String,
    /// Plan ids of the subnet, security group and instance profile.
    pub subnet: String,
    pub security_group: String,
    pub profile: String,
    pub volume_gib: u16,
    pub user_data: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub instance_type: String,
    /// `running`, `stopped`, …
    pub state: Option<String>,
    pub public_ip: Option<String>,
}

impl Kind for Instance {
    const KIND: &'static str = "ec2:instance";
    const ORPHAN_RANK: Option<u8> = Some(0);
    type Observed = Observed;
    type Fix = NoFix;

    fn references(&self) -> Vec<&str> {
        vec![&self.subnet, &self.security_group, &self.profile]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.instances, cx.id())
            .map(|instance| Observed {
                id: instance.instance_id.clone().unwrap_or_default(),
                instance_type: instance
                    .instance_type
                    .as_ref()
                    .map(|kind| kind.as_str().to_owned())
                    .unwrap_or_default(),
                state: instance
                    .state
                    .as_ref()
                    .and_then(|state| state.name.as_ref())
                    .map(|name| name.as_str().to_owned()),
                public_ip: instance.public_ip_address.clone(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<NoFix> {
        let mut changes = Changes::default();
        if observed.instance_type != self.instance_type {
            changes.drift.push(format!(
                "instance type is {}, the workspace says {}",
                observed.instance_type, self.instance_type
            ));
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        if let Some(instance) = observed {
            return Ok(Output::id(&instance.id));
        }
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let image_config = config.clone();
        let image = cx
            .memo(&format!("image/{account_id}"), || async move {
                ec2::ubuntu_image(&image_config).await
            })
            .await?;
        let (subnet, group, profile) = (
            cx.refs.id(&self.subnet)?,
            cx.refs.id(&self.security_group)?,
            cx.refs.id(&self.profile)?,
        );
        let token = cx.token("");
        let tags = cx.tags();
        let request = || InstanceRequest {
            image_id: &image,
            instance_type: &self.instance_type,
            subnet_id: subnet,
            security_group_id: group,
            instance_profile: profile,
            volume_gib: self.volume_gib,
            user_data: &self.user_data,
            client_token: &token,
            tags: &tags,
        };
        // A new instance profile takes a few seconds to be usable by EC2.
        let instance = wait::until(Backoff::INSTANCE_PROFILE, "the instance profile", cx.on_wait, || async {
            match ec2::run_instance(&config, request()).await {
                Ok(instance) => Ok(Poll::Ready(instance)),
                Err(error) if format!("{error:#}").contains("instance profile") => {
                    (cx.on_wait)("waiting for the new instance profile to reach EC2");
                    Ok(Poll::Retry(error))
                }
                Err(error) => Err(error),
            }
        })
        .await?;
        Ok(Output::id(instance))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.instances)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

//! An EC2 instance profile holding one role.

use std::fmt;

use crate::providers::aws::iam;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceProfile {
    pub name: String,
    /// Plan id of the role.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    AddRole,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("put the role in the profile")
    }
}

impl Kind for InstanceProfile {
    const KIND: &'static str = "iam:instance-profile";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.role]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        Ok(iam::get_instance_profile(&config, &self.name)
            .await?
            .map(|(_, roles)| Observed { roles }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(&self.name)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let role = refs.find(&self.role);
        if !role.is_some_and(|role| observed.roles.iter().any(|existing| existing == role)) {
            changes.fix.push(Fix::AddRole);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        iam::create_instance_profile(&config, &self.name, cx.refs.id(&self.role)?, &cx.tags()).await?;
        Ok(Output::id(&self.name))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        iam::delete_instance_profile(&cx.config().await?, &output.id).await
    }
}

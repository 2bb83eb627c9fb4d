//! Cluster-admin access for the principal sleak acts as in the cluster's account.

use std::fmt;

use crate::providers::aws::eks;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// Plan id of the EKS cluster.
    pub cluster: String,
    /// The access policy ARN.
    pub policy: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub principal: String,
    /// Associated access policy ARNs.
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Associate(String),
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Associate(policy) => write!(f, "associate {}", policy.rsplit('/').next().unwrap_or(policy)),
        }
    }
}

impl Kind for AccessEntry {
    const KIND: &'static str = "eks:access-entry";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.cluster]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let (Some(name), Some(account_id)) = (cx.refs.find(&self.cluster), cx.account_id()) else {
            return Ok(None);
        };
        let principal = cx.env.admin_principal(account_id);
        let Some(read) = cx.eks_cluster(name).await? else {
            return Ok(None);
        };
        Ok(read.access_entries.get(&principal).map(|policies| Observed {
            principal: principal.clone(),
            policies: policies.clone(),
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.principal)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if !observed.policies.contains(&self.policy) {
            changes.fix.push(Fix::Associate(self.policy.clone()));
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let principal = cx.env.admin_principal(&account_id);
        eks::put_access_entry(
            &config,
            cx.refs.id(&self.cluster)?,
            &principal,
            &self.policy,
            observed.is_some(),
            &cx.token(""),
            &cx.tags(),
        )
        .await?;
        Ok(Output::id(principal))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        eks::delete_access_entry(&cx.config().await?, cx.refs.id(&self.cluster)?, &output.id).await
    }
}

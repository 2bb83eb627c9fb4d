//! An IAM role by its deterministic name: trust policy, managed policies and its own
//! inline policy `sleak`, each compared and repaired.

use std::fmt;

use serde_json::Value as Json;

use crate::providers::aws::iam;
use crate::reconcile::context::{Cx, role_arn};
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamRole {
    pub name: String,
    pub trust: Trust,
    pub managed_policies: Vec<String>,
    /// The role's own policy (inline, named `sleak`), a JSON document.
    pub inline_policy: Option<Json>,
}

/// Who may assume an IAM role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// An AWS service, e.g. `ec2.amazonaws.com`.
    Service(String),
    /// A Kubernetes service account, through the cluster's OIDC provider (a plan id).
    ServiceAccount {
        oidc: String,
        namespace: String,
        service_account: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    pub arn: String,
    /// Attached managed policy ARNs.
    pub policies: Vec<String>,
    pub trust: Option<Json>,
    pub inline_policy: Option<Json>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Attach(String),
    SetTrust,
    SetInlinePolicy,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Attach(policy) => write!(f, "attach {policy}"),
            Fix::SetTrust => f.write_str("set the trust policy"),
            Fix::SetInlinePolicy => f.write_str("set the role's own policy"),
        }
    }
}

impl IamRole {
    /// The trust policy, once the OIDC provider it names exists.
    fn trust_policy(&self, refs: &Outputs) -> Option<Json> {
        match &self.trust {
            Trust::Service(service) => Some(iam::service_trust(service)),
            Trust::ServiceAccount {
                oidc,
                namespace,
                service_account,
            } => refs
                .find(oidc)
                .map(|provider| iam::service_account_trust(provider, namespace, service_account)),
        }
    }
}

impl Kind for IamRole {
    const KIND: &'static str = "iam:role";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        match &self.trust {
            Trust::ServiceAccount { oidc, .. } => vec![oidc],
            Trust::Service(_) => Vec::new(),
        }
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        Ok(iam::get_role(&config, &self.name).await?.map(|role| Observed {
            arn: role.arn,
            policies: role.policies,
            trust: role.trust,
            inline_policy: role.sleak_policy,
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::with_arn(&self.name, &observed.arn)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        for policy in &self.managed_policies {
            if !observed.policies.contains(policy) {
                changes.fix.push(Fix::Attach(policy.clone()));
            }
        }
        if let Some(wanted) = self.trust_policy(refs)
            && observed.trust.as_ref() != Some(&wanted)
        {
            changes.fix.push(Fix::SetTrust);
        }
        if self.inline_policy.is_some() && observed.inline_policy != self.inline_policy {
            changes.fix.push(Fix::SetInlinePolicy);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let trust = match &self.trust {
            Trust::ServiceAccount { oidc, .. } => {
                cx.refs.id(oidc)?;
                self.trust_policy(cx.refs)
            }
            Trust::Service(_) => self.trust_policy(cx.refs),
        }
        .expect("the trust policy's provider exists");
        if observed.is_none() {
            iam::create_role(
                &config,
                &self.name,
                &trust,
                &self.managed_policies,
                self.inline_policy.as_ref(),
                &cx.tags(),
            )
            .await?;
        }
        for fix in &changes.fix {
            match fix {
                Fix::SetTrust => iam::put_trust(&config, &self.name, &trust).await?,
                Fix::Attach(policy) => {
                    iam::attach_policies(&config, &self.name, std::slice::from_ref(policy)).await?
                }
                Fix::SetInlinePolicy => {
                    if let Some(inline) = &self.inline_policy {
                        iam::put_inline_policy(&config, &self.name, inline).await?;
                    }
                }
            }
        }
        Ok(Output::with_arn(&self.name, role_arn(&account_id, &self.name)))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        iam::delete_role(&cx.config().await?, &output.id).await
    }
}

//! An IAM role by its deterministic name: trust policy, managed policies and its own
//! inline policy `sleak` (a fixed document, or one built from the ARNs of the resources
//! it grants access to), each compared and repaired.

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
    /// The role's own policy (inline, named `sleak`).
    pub inline_policy: Option<InlinePolicy>,
}

/// The role's own policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlinePolicy {
    /// A fixed JSON document (the controllers').
    Document(Json),
    /// Least privilege over resources of the plan, by their ARNs once they exist: a
    /// ProjectEnv's buckets and queues. Nothing to grant: no inline policy at all.
    Grants(Grants),
}

/// Plan ids of the resources a role may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    /// S3 buckets: list and locate them, read, write and delete their objects.
    pub buckets: Vec<String>,
    /// SQS queues (and dead-letter queues): send, receive, delete, change visibility.
    pub queues: Vec<String>,
}

/// An inline policy as far as the outputs of now tell it.
#[derive(Debug, Clone, PartialEq)]
enum Resolved {
    /// No inline policy is wanted.
    None,
    Document(Json),
    /// It names a resource that does not exist yet: set once it does.
    Unknown,
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
    /// Every service account of a namespace, through the cluster's OIDC provider (a
    /// ProjectEnv's role).
    Namespace { oidc: String, namespace: String },
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
    RemoveInlinePolicy,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Attach(policy) => write!(f, "attach {policy}"),
            Fix::SetTrust => f.write_str("set the trust policy"),
            Fix::SetInlinePolicy => f.write_str("set the role's own policy"),
            Fix::RemoveInlinePolicy => f.write_str("remove the role's own policy"),
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
            Trust::Namespace { oidc, namespace } => refs
                .find(oidc)
                .map(|provider| iam::namespace_trust(provider, namespace)),
        }
    }

    fn resolve_inline(&self, refs: &Outputs) -> Resolved {
        match &self.inline_policy {
            None => Resolved::None,
            Some(InlinePolicy::Document(document)) => Resolved::Document(document.clone()),
            Some(InlinePolicy::Grants(grants)) => {
                let arns = |ids: &[String]| -> Option<Vec<String>> {
                    ids.iter()
                        .map(|id| refs.arn(id).ok().map(str::to_owned))
                        .collect()
                };
                match (arns(&grants.buckets), arns(&grants.queues)) {
                    (Some(buckets), Some(queues)) => {
                        iam::grants_policy(&buckets, &queues).map_or(Resolved::None, Resolved::Document)
                    }
                    _ => Resolved::Unknown,
                }
            }
        }
    }
}

impl Kind for IamRole {
    const KIND: &'static str = "iam:role";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        let mut references: Vec<&str> = match &self.trust {
            Trust::ServiceAccount { oidc, .. } | Trust::Namespace { oidc, .. } => vec![oidc],
            Trust::Service(_) => Vec::new(),
        };
        if let Some(InlinePolicy::Grants(grants)) = &self.inline_policy {
            references.extend(grants.buckets.iter().chain(&grants.queues).map(String::as_str));
        }
        references
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
        match self.resolve_inline(refs) {
            Resolved::Document(wanted) if observed.inline_policy.as_ref() != Some(&wanted) => {
                changes.fix.push(Fix::SetInlinePolicy);
            }
            Resolved::Unknown => changes.fix.push(Fix::SetInlinePolicy),
            // Granted nothing any more (its last bucket or queue removed).
            Resolved::None
                if observed.inline_policy.is_some()
                    && matches!(self.inline_policy, Some(InlinePolicy::Grants(_))) =>
            {
                changes.fix.push(Fix::RemoveInlinePolicy);
            }
            _ => {}
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let trust = match &self.trust {
            Trust::ServiceAccount { oidc, .. } | Trust::Namespace { oidc, .. } => {
                cx.refs.id(oidc)?;
                self.trust_policy(cx.refs)
            }
            Trust::Service(_) => self.trust_policy(cx.refs),
        }
        .expect("the trust policy's provider exists");
        let inline = match self.resolve_inline(cx.refs) {
            Resolved::None => None,
            Resolved::Document(document) => Some(document),
            Resolved::Unknown => {
                anyhow::bail!("the resources the role `{}` grants access to do not exist yet", self.name)
            }
        };
        if observed.is_none() {
            iam::create_role(
                &config,
                &self.name,
                &trust,
                &self.managed_policies,
                inline.as_ref(),
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
                    if let Some(inline) = &inline {
                        iam::put_inline_policy(&config, &self.name, inline).await?;
                    }
                }
                Fix::RemoveInlinePolicy => iam::delete_inline_policy(&config, &self.name).await?,
            }
        }
        Ok(Output::with_arn(&self.name, role_arn(&account_id, &self.name)))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        iam::delete_role(&cx.config().await?, &output.id).await
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const OIDC: &str = "cluster/dev/oidc-provider";
    const PROVIDER: &str = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";
    const BUCKET: &str = "project/api/env/staging/dependency/uploads/s3-bucket";
    const QUEUE: &str = "project/api/env/staging/dependency/jobs/queue";

    fn role(grants: Grants) -> IamRole {
        IamRole {
            name: "acme-api-staging-app".into(),
            trust: Trust::Namespace {
                oidc: OIDC.into(),
                namespace: "api-staging".into(),
            },
            managed_policies: Vec::new(),
            inline_policy: Some(InlinePolicy::Grants(grants)),
        }
    }

    fn refs(with_queue: bool) -> Outputs {
        let mut refs = Outputs::default();
        refs.insert(OIDC.into(), Output::with_arn(PROVIDER, PROVIDER));
        refs.insert(BUCKET.into(), Output::with_arn("acme-api-staging-uploads", "arn:aws:s3:::acme-api-staging-uploads"));
        if with_queue {
            refs.insert(QUEUE.into(), Output::with_arn("q", "arn:aws:sqs:us-east-1:111111111111:q"));
        }
        refs
    }

    fn observed(role: &IamRole, refs: &Outputs) -> Observed {
        Observed {
            arn: "arn:aws:iam::111111111111:role/acme-api-staging-app".into(),
            policies: Vec::new(),
            trust: role.trust_policy(refs),
            inline_policy: match role.resolve_inline(refs) {
                Resolved::Document(document) => Some(document),
                _ => None,
            },
        }
    }

    fn both() -> Grants {
        Grants {
            buckets: vec![BUCKET.into()],
            queues: vec![QUEUE.into()],
        }
    }

    #[test]
    fn a_role_of_grants_is_compared_with_the_arns_of_now() {
        let cases: Vec<(&str, IamRole, Outputs, Observed, Vec<Fix>)> = vec![
            ("as made", role(both()), refs(true), observed(&role(both()), &refs(true)), vec![]),
            ("a queue not made yet", role(both()), refs(false), observed(&role(both()), &refs(true)), vec![Fix::SetInlinePolicy]),
            (
                "a queue added to the dependencies",
                role(both()),
                refs(true),
                observed(&role(Grants { queues: Vec::new(), ..both() }), &refs(true)),
                vec![Fix::SetInlinePolicy],
            ),
            (
                "the last dependency removed",
                role(Grants::default()),
                refs(true),
                observed(&role(both()), &refs(true)),
                vec![Fix::RemoveInlinePolicy],
            ),
            ("nothing granted, as made", role(Grants::default()), refs(true), observed(&role(Grants::default()), &refs(true)), vec![]),
            (
                "trust bound to another namespace",
                role(both()),
                refs(true),
                Observed {
                    trust: Some(iam::namespace_trust(PROVIDER, "other")),
                    ..observed(&role(both()), &refs(true))
                },
                vec![Fix::SetTrust],
            ),
        ];
        for (case, desired, refs, observed, wanted) in cases {
            assert_eq!(desired.compare(&refs, &observed).fix, wanted, "{case}");
        }
    }

    #[test]
    fn the_grants_name_exactly_the_resources_of_the_role() {
        let Resolved::Document(policy) = role(both()).resolve_inline(&refs(true)) else {
            panic!("a document");
        };
        let statements = policy["Statement"].as_array().unwrap();
        let resources: Vec<&Json> = statements.iter().map(|statement| &statement["Resource"]).collect();
        assert_eq!(
            resources,
            [
                &json!(["arn:aws:s3:::acme-api-staging-uploads"]),
                &json!(["arn:aws:s3:::acme-api-staging-uploads/*"]),
                &json!(["arn:aws:sqs:us-east-1:111111111111:q"]),
            ]
        );
        assert_eq!(role(Grants::default()).resolve_inline(&refs(true)), Resolved::None);
        // The references include what is granted, so the role follows them.
        assert_eq!(role(both()).references(), [OIDC, BUCKET, QUEUE]);
    }
}

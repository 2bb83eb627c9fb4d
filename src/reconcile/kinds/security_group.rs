//! A security group with exactly the workspace's ingress rules.

use std::collections::BTreeSet;
use std::fmt;

use crate::providers::aws::ec2::{self, Rule};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityGroup {
    /// Plan id of the VPC.
    pub vpc: String,
    pub name: String,
    pub description: String,
    pub ingress: Vec<IngressRule>,
}

/// One ingress rule of a security group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IngressRule {
    pub protocol: String,
    pub port: u16,
    pub cidr: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub rules: BTreeSet<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Open(Rule),
    Close(Rule),
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Open((protocol, port, cidr)) => write!(f, "open {protocol} {port} to {cidr}"),
            Fix::Close((protocol, port, cidr)) => write!(f, "close {protocol} {port} from {cidr}"),
        }
    }
}

impl SecurityGroup {
    fn wanted(&self) -> BTreeSet<Rule> {
        self.ingress
            .iter()
            .map(|rule| (rule.protocol.clone(), rule.port, rule.cidr.clone()))
            .collect()
    }
}

impl Kind for SecurityGroup {
    const KIND: &'static str = "ec2:security-group";
    const ORPHAN_RANK: Option<u8> = Some(3);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.vpc]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2::by_sleak_id(&ec2.security_groups, cx.id())
            .map(|group| Observed {
                id: group.group_id.clone().unwrap_or_default(),
                rules: ec2::ingress_rules(group).into_iter().collect(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let wanted = self.wanted();
        let mut changes = Changes::default();
        changes
            .fix
            .extend(wanted.difference(&observed.rules).cloned().map(Fix::Open));
        changes
            .fix
            .extend(observed.rules.difference(&wanted).cloned().map(Fix::Close));
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        match observed {
            None => {
                let group = ec2::create_security_group(
                    &config,
                    cx.refs.id(&self.vpc)?,
                    &self.name,
                    &self.description,
                    &cx.tags(),
                )
                .await?;
                let wanted: Vec<Rule> = self.wanted().into_iter().collect();
                ec2::authorize_ingress(&config, &group, &wanted).await?;
                Ok(Output::id(group))
            }
            Some(group) => {
                let (mut open, mut close) = (Vec::new(), Vec::new());
                for fix in &changes.fix {
                    match fix {
                        Fix::Open(rule) => open.push(rule.clone()),
                        Fix::Close(rule) => close.push(rule.clone()),
                    }
                }
                ec2::revoke_ingress(&config, &group.id, &close).await?;
                ec2::authorize_ingress(&config, &group.id, &open).await?;
                Ok(Output::id(&group.id))
            }
        }
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        Self::delete_orphan(cx, &output.id).await
    }

    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        Ok(cx.ec2().await?.map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.security_groups)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

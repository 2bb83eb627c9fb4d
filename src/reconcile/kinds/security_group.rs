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
    /// Ingress from the members of another resource's security group (an EKS cluster's
    /// nodes), known from its output once it exists.
    pub ingress_from: Vec<GroupIngress>,
}

/// One ingress rule whose source is the security group of another resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupIngress {
    pub protocol: String,
    pub port: u16,
    /// Plan id of the resource whose output names the group (`Output::security_group`).
    pub from: String,
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
    /// The rules wanted, with the groups of `refs`; `Err` names a source whose group is
    /// not known (yet).
    fn wanted(&self, refs: &Outputs) -> Result<BTreeSet<Rule>, String> {
        let mut rules: BTreeSet<Rule> = self
            .ingress
            .iter()
            .map(|rule| (rule.protocol.clone(), rule.port, rule.cidr.clone()))
            .collect();
        for rule in &self.ingress_from {
            let group = refs
                .get(&rule.from)
                .and_then(|output| output.security_group.clone())
                .ok_or_else(|| rule.from.clone())?;
            rules.insert((rule.protocol.clone(), rule.port, group));
        }
        Ok(rules)
    }
}

impl Kind for SecurityGroup {
    const KIND: &'static str = "ec2:security-group";
    const ORPHAN_RANK: Option<u8> = Some(3);
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        std::iter::once(self.vpc.as_str())
            .chain(self.ingress_from.iter().map(|rule| rule.from.as_str()))
            .collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(
            ec2::by_sleak_id(&ec2.security_groups, cx.id()).map(|group| Observed {
                id: group.group_id.clone().unwrap_or_default(),
                rules: ec2::ingress_rules(group).into_iter().collect(),
            }),
        )
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let wanted = match self.wanted(refs) {
            Ok(wanted) => wanted,
            Err(source) => {
                // Made with it: `apply` comes after what gives the group.
                changes
                    .settling
                    .push(format!("wait for the security group of `{source}`"));
                return changes;
            }
        };
        changes
            .fix
            .extend(wanted.difference(&observed.rules).cloned().map(Fix::Open));
        changes
            .fix
            .extend(observed.rules.difference(&wanted).cloned().map(Fix::Close));
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        match observed {
            None => {
                let wanted: Vec<Rule> = self
                    .wanted(cx.refs)
                    .map_err(|source| anyhow::anyhow!("`{source}` has no security group yet"))?
                    .into_iter()
                    .collect();
                let group = ec2::create_security_group(
                    &config,
                    cx.refs.id(&self.vpc)?,
                    &self.name,
                    &self.description,
                    &cx.tags(),
                )
                .await?;
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
        Ok(cx
            .ec2()
            .await?
            .map_or_else(Vec::new, |ec2| ec2::sleak_ids(&ec2.security_groups)))
    }

    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, cloud_id, cx.on_wait).await
    }
}

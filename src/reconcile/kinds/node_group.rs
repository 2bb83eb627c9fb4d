//! A managed node group named `<pool>-<hash>`, the hash covering what EKS cannot change
//! in place (instance types, capacity type, disk). Scaling, labels and taints change in
//! place; any other change makes a new group, created before the old one is drained.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::Context as _;

use super::eks_cluster::{BUSY_RETRIES, minor};
use crate::providers::aws::eks::{self, Updated};
use crate::providers::aws::tags::ID_TAG;
use crate::reconcile::context::{Cx, role_arn};
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

/// (key, value, effect) with the Kubernetes effect spelling.
pub type Taint = (String, String, String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeGroup {
    /// Plan ids of the EKS cluster, the node role and the subnets.
    pub cluster: String,
    pub name: String,
    pub role: String,
    pub subnets: Vec<String>,
    pub instance_types: Vec<String>,
    pub spot: bool,
    pub min: u32,
    pub max: u32,
    pub desired: u32,
    pub disk_gib: u32,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
    /// Kubernetes version of the nodes: the control plane's, once it has it.
    pub kubernetes_version: String,
}

/// The pool's groups as EKS has them: the current one (by name) and older ones (by tag).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Observed {
    /// The control plane's version.
    pub control_plane: String,
    pub current: Option<Group>,
    /// Groups of the pool with another name: what a replacement leaves behind.
    pub old: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    pub name: String,
    pub status: String,
    pub instance_types: Vec<String>,
    pub min: i32,
    pub max: i32,
    pub desired: i32,
    pub labels: BTreeMap<String, String>,
    /// Sorted.
    pub taints: Vec<Taint>,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// The new group first, then the old ones drained and deleted.
    Replace {
        old: Vec<String>,
        old_types: Vec<String>,
        name: String,
        types: Vec<String>,
    },
    Scale {
        from: (i32, i32),
        to: (u32, u32),
        /// The desired size kept, inside the new bounds.
        desired: u32,
    },
    Labels {
        set: BTreeMap<String, String>,
        remove: Vec<String>,
    },
    Upgrade { from: String, to: String },
    Taints { set: Vec<Taint>, remove: Vec<Taint> },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Replace { old, old_types, name, types } => write!(
                f,
                "replace node group {} ({}) with {name} ({}): the new group first, then the old one drained and deleted",
                old.join(", "),
                old_types.join("; "),
                types.join(",")
            ),
            Fix::Scale { from, to, .. } => write!(
                f,
                "scale from {}–{} to {}–{} nodes",
                from.0, from.1, to.0, to.1
            ),
            Fix::Labels { .. } => f.write_str("set the node labels"),
            Fix::Upgrade { from, to } => write!(f, "upgrade the nodes from {from} to {to}"),
            Fix::Taints { .. } => f.write_str("set the node taints"),
        }
    }
}

fn sorted(taints: &[Taint]) -> Vec<Taint> {
    let mut taints = taints.to_vec();
    taints.sort();
    taints
}

/// What is read of one node group, from DescribeNodegroup.
fn group_of(group: &aws_sdk_eks::types::Nodegroup) -> Group {
    let scaling = group.scaling_config();
    Group {
        name: group.nodegroup_name().unwrap_or_default().to_owned(),
        status: group.status().map(|status| status.as_str().to_owned()).unwrap_or_default(),
        instance_types: group.instance_types().to_vec(),
        min: scaling.and_then(|scaling| scaling.min_size()).unwrap_or(-1),
        max: scaling.and_then(|scaling| scaling.max_size()).unwrap_or(-1),
        desired: scaling.and_then(|scaling| scaling.desired_size()).unwrap_or(-1),
        labels: group
            .labels()
            .map(|labels| labels.clone().into_iter().collect())
            .unwrap_or_default(),
        taints: sorted(
            &group
                .taints()
                .iter()
                .map(|taint| {
                    (
                        taint.key().unwrap_or_default().to_owned(),
                        taint.value().unwrap_or_default().to_owned(),
                        taint.effect().map(eks::taint_effect).unwrap_or("NoSchedule").to_owned(),
                    )
                })
                .collect::<Vec<_>>(),
        ),
        version: group.version().unwrap_or_default().to_owned(),
    }
}

impl NodeGroup {
    /// Makes the in-place fixes, each an EKS update followed until it ended Successful:
    /// scaling, labels and taints in one, then the Kubernetes version (EKS takes a version
    /// update alone). [`Updated::Busy`] when EKS refused one because another update of
    /// the group or its cluster was in progress (that one has ended since).
    async fn update(
        &self,
        config: &aws_config::SdkConfig,
        cluster: &str,
        changes: &Changes<Fix>,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<Updated> {
        let name = &self.name;
        let (mut scaling, mut labels, mut taints) = (None, None, None);
        for fix in &changes.fix {
            match fix {
                Fix::Scale { to, desired, .. } => scaling = Some((to.0, to.1, *desired)),
                Fix::Labels { set, remove } => labels = Some((set.clone(), remove.clone())),
                Fix::Taints { set, remove } => taints = Some((set.clone(), remove.clone())),
                Fix::Upgrade { .. } | Fix::Replace { .. } => {}
            }
        }
        if (scaling.is_some() || labels.is_some() || taints.is_some())
            && eks::update_nodegroup(config, cluster, name, scaling, labels, taints, on_wait).await? == Updated::Busy
        {
            return Ok(Updated::Busy);
        }
        for fix in &changes.fix {
            if let Fix::Upgrade { to, .. } = fix {
                on_wait(&format!("rolling the nodes of `{name}` to {to}"));
                if eks::update_nodegroup_version(config, cluster, name, to, on_wait).await? == Updated::Busy {
                    return Ok(Updated::Busy);
                }
            }
        }
        Ok(Updated::Done)
    }

    /// The group and its control plane as EKS has them now, compared again.
    async fn compare_now(
        &self,
        config: &aws_config::SdkConfig,
        cluster: &str,
        refs: &Outputs,
    ) -> anyhow::Result<(String, Changes<Fix>)> {
        let group = eks::describe_nodegroup(config, cluster, &self.name)
            .await?
            .with_context(|| format!("the node group `{}` of `{cluster}` is gone", self.name))?;
        let control_plane = eks::describe_cluster(config, cluster)
            .await?
            .and_then(|cluster| cluster.version)
            .unwrap_or_default();
        let group = group_of(&group);
        let status = group.status.clone();
        let observed = Observed {
            control_plane,
            current: Some(group),
            old: Vec::new(),
        };
        Ok((status, self.compare(refs, &observed)))
    }
}

impl Kind for NodeGroup {
    const KIND: &'static str = "eks:nodegroup";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        [self.cluster.as_str(), self.role.as_str()]
            .into_iter()
            .chain(self.subnets.iter().map(String::as_str))
            .collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(cluster) = cx.refs.find(&self.cluster) else {
            return Ok(None);
        };
        let Some(read) = cx.eks_cluster(cluster).await? else {
            return Ok(None);
        };
        let mut observed = Observed {
            control_plane: read.cluster.version().unwrap_or_default().to_owned(),
            ..Observed::default()
        };
        for group in &read.nodegroups {
            let name = group.nodegroup_name().unwrap_or_default();
            let tagged = group
                .tags()
                .and_then(|tags| tags.get(ID_TAG))
                .is_some_and(|tag| tag == cx.id());
            if !tagged && name != self.name {
                continue;
            }
            let found = group_of(group);
            if name == self.name {
                observed.current = Some(found);
            } else {
                observed.old.push(found);
            }
        }
        Ok((observed.current.is_some() || !observed.old.is_empty()).then_some(observed))
    }

    fn output(&self, observed: &Observed) -> Output {
        let name = observed
            .current
            .as_ref()
            .or(observed.old.first())
            .map(|group| group.name.clone())
            .unwrap_or_default();
        Output::id(name)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if !observed.old.is_empty() {
            changes.replace.push(Fix::Replace {
                old: observed.old.iter().map(|group| group.name.clone()).collect(),
                old_types: observed.old.iter().map(|group| group.instance_types.join(",")).collect(),
                name: self.name.clone(),
                types: self.instance_types.clone(),
            });
        }
        let Some(group) = &observed.current else {
            return changes;
        };
        if group.status != "ACTIVE" {
            changes
                .settling
                .push(format!("wait until ACTIVE (now {})", group.status));
        }
        if group.min != self.min as i32 || group.max != self.max as i32 {
            let have = u32::try_from(group.desired.max(0)).unwrap_or(self.desired);
            changes.fix.push(Fix::Scale {
                from: (group.min, group.max),
                to: (self.min, self.max),
                desired: have.clamp(self.min, self.max.max(self.min)),
            });
        }
        if group.labels != self.labels {
            changes.fix.push(Fix::Labels {
                set: self.labels.clone(),
                remove: group
                    .labels
                    .keys()
                    .filter(|key| !self.labels.contains_key(*key))
                    .cloned()
                    .collect(),
            });
        }
        // Nodes follow the control plane: in the same run when the control plane is at
        // the wanted version or is upgraded to it first (one minor).
        let wanted = minor(&self.kubernetes_version);
        let reachable = match (minor(&observed.control_plane), wanted) {
            (Some(have), Some(want)) => have == want || (have.0 == want.0 && have.1 + 1 == want.1),
            _ => false,
        };
        if reachable && minor(&group.version).is_some() && minor(&group.version) < wanted {
            changes.fix.push(Fix::Upgrade {
                from: group.version.clone(),
                to: self.kubernetes_version.clone(),
            });
        }
        if group.taints != sorted(&self.taints) {
            changes.fix.push(Fix::Taints {
                set: self.taints.clone(),
                remove: group
                    .taints
                    .iter()
                    .filter(|(key, _, effect)| {
                        !self
                            .taints
                            .iter()
                            .any(|(wanted, _, wanted_effect)| wanted == key && wanted_effect == effect)
                    })
                    .cloned()
                    .collect(),
            });
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let cluster = cx.refs.id(&self.cluster)?;
        let name = &self.name;
        let current_exists = observed.is_some_and(|observed| observed.current.is_some());
        if !current_exists {
            let subnet_ids: Vec<String> = self
                .subnets
                .iter()
                .map(|subnet| cx.refs.id(subnet).map(str::to_owned))
                .collect::<anyhow::Result<_>>()?;
            let role_arn = role_arn(&account_id, cx.refs.id(&self.role)?);
            eks::create_nodegroup(
                &config,
                eks::NodegroupRequest {
                    cluster,
                    name,
                    role_arn: &role_arn,
                    subnet_ids: &subnet_ids,
                    instance_types: &self.instance_types,
                    spot: self.spot,
                    min: self.min,
                    max: self.max,
                    desired: self.desired,
                    disk_gib: self.disk_gib,
                    labels: &self.labels,
                    taints: &self.taints,
                    kubernetes_version: &self.kubernetes_version,
                    token: &cx.token(&format!("/{name}")),
                    tags: &cx.tags(),
                },
            )
            .await?;
            eks::wait_nodegroup(&config, cluster, name, cx.on_wait).await?;
        } else {
            let mut changes = changes.clone();
            let mut status = observed
                .and_then(|observed| observed.current.as_ref())
                .map(|group| group.status.clone())
                .unwrap_or_default();
            let mut done = false;
            for _ in 0..=BUSY_RETRIES {
                // CREATING, or an update that is not ours with nothing for us to do: wait
                // for it. An update of ours while one runs is refused by EKS and waited
                // for then.
                if status != "ACTIVE" && (status != "UPDATING" || changes.fix.is_empty()) {
                    eks::wait_nodegroup(&config, cluster, name, cx.on_wait).await?;
                }
                if self.update(&config, cluster, &changes, cx.on_wait).await? == Updated::Done {
                    done = true;
                    break;
                }
                (status, changes) = self.compare_now(&config, cluster, cx.refs).await?;
            }
            if !done {
                anyhow::bail!(
                    "EKS refused the updates of the node group `{name}` {} times: another update was in progress each time; run sleak again later",
                    BUSY_RETRIES + 1
                );
            }
        }
        // The new group serves before the old one is drained and deleted.
        for fix in &changes.replace {
            if let Fix::Replace { old, .. } = fix {
                for old in old.iter().filter(|old| !old.is_empty() && *old != name) {
                    (cx.on_wait)(&format!("draining and deleting the replaced node group `{old}`"));
                    eks::delete_nodegroup(&config, cluster, old, cx.on_wait).await?;
                }
            }
        }
        Ok(Output::id(name))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        let cluster = cx.refs.id(&self.cluster)?;
        eks::delete_nodegroup(&cx.config().await?, cluster, &output.id, cx.on_wait).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> NodeGroup {
        NodeGroup {
            cluster: "cluster/dev/eks-cluster".into(),
            name: "general-abc123".into(),
            role: "cluster/dev/node-role".into(),
            subnets: vec![],
            instance_types: vec!["t3.large".into()],
            spot: false,
            min: 1,
            max: 4,
            desired: 2,
            disk_gib: 50,
            labels: BTreeMap::from([("team".into(), "web".into())]),
            taints: vec![("dedicated".into(), "web".into(), "NoSchedule".into())],
            kubernetes_version: "1.33".into(),
        }
    }

    fn group() -> Group {
        Group {
            name: "general-abc123".into(),
            status: "ACTIVE".into(),
            instance_types: vec!["t3.large".into()],
            min: 1,
            max: 4,
            desired: 3,
            labels: BTreeMap::from([("team".into(), "web".into())]),
            taints: vec![("dedicated".into(), "web".into(), "NoSchedule".into())],
            version: "1.33".into(),
        }
    }

    fn observed(group: Group) -> Observed {
        Observed {
            control_plane: "1.33".into(),
            current: Some(group),
            old: vec![],
        }
    }

    fn changes(desired: NodeGroup, observed: Observed) -> Changes<Fix> {
        desired.compare(&Outputs::default(), &observed)
    }

    #[test]
    fn the_same_pool_has_no_change() {
        assert_eq!(changes(pool(), observed(group())), Changes::default());
    }

    #[test]
    fn scaling_keeps_the_desired_size_inside_the_new_bounds() {
        // (min, max) wanted, desired size now → desired size kept
        let cases = [
            ((1, 6), 3, 3), // inside the new bounds: kept
            ((1, 2), 3, 2), // above the new max: lowered to it
            ((4, 8), 3, 4), // below the new min: raised to it
            ((2, 2), 0, 2),
        ];
        for ((min, max), have, kept) in cases {
            let mut desired = pool();
            desired.min = min;
            desired.max = max;
            let mut actual = group();
            actual.desired = have;
            let found = changes(desired, observed(actual));
            assert_eq!(
                found.fix,
                [Fix::Scale {
                    from: (1, 4),
                    to: (min, max),
                    desired: kept
                }],
                "{min}–{max} with {have} nodes"
            );
            assert!(found.replace.is_empty() && found.drift.is_empty());
            assert_eq!(found.fix[0].to_string(), format!("scale from 1–4 to {min}–{max} nodes"));
        }
    }

    #[test]
    fn labels_set_the_new_and_remove_the_gone() {
        let mut desired = pool();
        desired.labels = BTreeMap::from([("tier".into(), "api".into())]);
        let found = changes(desired, observed(group()));
        assert_eq!(
            found.fix,
            [Fix::Labels {
                set: BTreeMap::from([("tier".into(), "api".into())]),
                remove: vec!["team".into()],
            }]
        );
    }

    #[test]
    fn taints_compare_in_any_order_and_remove_by_key_and_effect() {
        let mut desired = pool();
        desired.taints = vec![
            ("b".into(), "1".into(), "NoExecute".into()),
            ("dedicated".into(), "web".into(), "NoSchedule".into()),
        ];
        let mut actual = group();
        actual.taints = sorted(&desired.taints);
        assert!(changes(desired.clone(), observed(actual)).fix.is_empty());

        let mut actual = group();
        actual.taints = vec![("old".into(), "x".into(), "NoSchedule".into())];
        let found = changes(desired.clone(), observed(actual));
        assert_eq!(
            found.fix,
            [Fix::Taints {
                set: desired.taints.clone(),
                remove: vec![("old".into(), "x".into(), "NoSchedule".into())],
            }]
        );
    }

    #[test]
    fn other_instance_types_replace_the_group_new_first() {
        let mut desired = pool();
        desired.name = "general-def456".into();
        desired.instance_types = vec!["m6i.large".into()];
        let found = changes(
            desired,
            Observed {
                control_plane: "1.33".into(),
                current: None,
                old: vec![group()],
            },
        );
        assert!(found.fix.is_empty());
        assert_eq!(found.replace.len(), 1);
        assert_eq!(
            found.replace[0].to_string(),
            "replace node group general-abc123 (t3.large) with general-def456 (m6i.large): the new group first, then the old one drained and deleted"
        );
    }

    #[test]
    fn nodes_follow_the_control_plane_one_minor_at_a_time() {
        // control plane now, nodes now, wanted → upgrade?
        let cases = [
            ("1.33", "1.33", "1.34", true),  // the control plane goes first in the same run
            ("1.34", "1.33", "1.34", true),  // the control plane is there already
            ("1.33", "1.32", "1.35", false), // the control plane cannot get there in one step
            ("1.34", "1.34", "1.34", false), // nothing to do
        ];
        for (control_plane, nodes, wanted, upgrade) in cases {
            let mut desired = pool();
            desired.kubernetes_version = wanted.into();
            let mut actual = group();
            actual.version = nodes.into();
            let mut found = observed(actual);
            found.control_plane = control_plane.into();
            let fixes = changes(desired, found).fix;
            assert_eq!(
                fixes
                    == [Fix::Upgrade {
                        from: nodes.into(),
                        to: wanted.into()
                    }],
                upgrade,
                "{control_plane} {nodes} → {wanted}: {fixes:?}"
            );
        }
    }

    #[test]
    fn a_group_still_updating_is_settling_not_a_fix() {
        let mut actual = group();
        actual.status = "UPDATING".into();
        let found = changes(pool(), observed(actual));
        assert!(found.fix.is_empty());
        assert!(found.only_settling());
        assert_eq!(found.settling, ["wait until ACTIVE (now UPDATING)"]);
        assert_eq!(found.describe().update, ["wait until ACTIVE (now UPDATING)"]);
    }
}

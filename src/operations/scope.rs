//! What a command applies of the plan: everything, the onboarding, or one cluster, with
//! the existing resources those depend on (read for their outputs only).

use std::collections::{HashMap, HashSet};

use crate::error::UsageError;
use crate::reconcile::{Change, Step};

/// What a command applies of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything: `sleak apply`.
    All,
    /// The organization, accounts, networks, VPN and domain: `sleak onboard`.
    Onboarding,
    /// One cluster's resources: `sleak cluster create`.
    Cluster(String),
    /// One dependency of a ProjectEnv, and the ProjectEnv's role (which names its
    /// buckets and queues): `sleak dep add --apply`.
    Dependency {
        project: String,
        env: String,
        name: String,
    },
}

impl Scope {
    pub fn contains(&self, id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Onboarding => {
                !(id.starts_with("cluster/")
                    || id.starts_with("environment/")
                    || id.starts_with("project/"))
            }
            Scope::Cluster(name) => id.starts_with(&format!("cluster/{name}/")),
            Scope::Dependency { project, env, name } => {
                let project_env = format!("project/{project}/env/{env}/");
                id.strip_prefix(&project_env).is_some_and(|rest| {
                    rest == "role" || rest.starts_with(&format!("dependency/{name}/"))
                })
            }
        }
    }

    pub fn command(&self) -> String {
        match self {
            Scope::All => "sleak apply".to_owned(),
            Scope::Onboarding => "sleak onboard".to_owned(),
            Scope::Cluster(name) => format!("sleak cluster create {name}"),
            Scope::Dependency { project, env, name } => {
                format!("sleak dep add {name} -p {project} -e {env} --apply")
            }
        }
    }
}

/// The steps of `scope`, with the steps they depend on that already exist (they give
/// their cloud ids). A missing dependency outside the scope is an error naming the
/// command that makes it.
pub fn scoped_steps(steps: &[Step], scope: &Scope) -> anyhow::Result<Vec<Step>> {
    if *scope == Scope::All {
        return Ok(steps.to_vec());
    }
    let by_id: HashMap<&str, &Step> = steps.iter().map(|step| (step.id.as_str(), step)).collect();
    let mut wanted: HashSet<&str> = steps
        .iter()
        .filter(|step| scope.contains(&step.id))
        .map(|step| step.id.as_str())
        .collect();
    let mut queue: Vec<&str> = wanted.iter().copied().collect();
    let mut missing = Vec::new();
    while let Some(id) = queue.pop() {
        for dependency in &by_id[id].depends_on {
            let Some(step) = by_id.get(dependency.as_str()) else {
                continue;
            };
            if scope.contains(dependency) {
                continue;
            }
            if step.change == Change::Create {
                missing.push(dependency.clone());
            }
            if wanted.insert(dependency.as_str()) {
                queue.push(dependency.as_str());
            }
        }
    }
    if !missing.is_empty() {
        missing.sort();
        missing.dedup();
        let onboarding = missing.iter().all(|id| Scope::Onboarding.contains(id));
        return Err(UsageError::new(format!(
            "{} needs what does not exist yet: {}",
            scope.command(),
            missing.join(", ")
        ))
        .with_hint(if onboarding {
            "run `sleak onboard` first"
        } else {
            "run `sleak apply` to create everything in order"
        })
        .into());
    }
    Ok(steps
        .iter()
        .filter(|step| wanted.contains(step.id.as_str()))
        .map(|step| {
            let mut step = step.clone();
            // Dependencies outside the scope are only read for their ids.
            if !scope.contains(&step.id) {
                step.change = Change::NoChange;
            }
            step
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, change: Change, depends_on: &[&str]) -> Step {
        Step {
            id: id.into(),
            kind: "test".into(),
            scope: "a".into(),
            change,
            cloud_id: None,
            drift: Vec::new(),
            info: Vec::new(),
            depends_on: depends_on.iter().map(|id| (*id).to_owned()).collect(),
            output: None,
            observed: None,
        }
    }

    #[test]
    fn a_cluster_scope_takes_its_existing_dependencies_read_only() {
        let steps = vec![
            step("account/dev", Change::NoChange, &[]),
            step(
                "account/dev/subnet/private-a",
                Change::Update(vec!["x".into()]),
                &["account/dev"],
            ),
            step(
                "cluster/dev/eks-cluster",
                Change::Create,
                &["account/dev/subnet/private-a"],
            ),
            step(
                "cluster/other/eks-cluster",
                Change::Create,
                &["account/dev"],
            ),
        ];
        let scoped = scoped_steps(&steps, &Scope::Cluster("dev".into())).unwrap();
        let ids: Vec<(&str, bool)> = scoped
            .iter()
            .map(|step| (step.id.as_str(), step.change.mutates()))
            .collect();
        assert_eq!(
            ids,
            [
                ("account/dev", false),
                ("account/dev/subnet/private-a", false),
                ("cluster/dev/eks-cluster", true)
            ]
        );
    }

    #[test]
    fn a_missing_dependency_outside_the_scope_says_what_to_run() {
        let steps = vec![
            step("account/dev", Change::Create, &[]),
            step("cluster/dev/eks-cluster", Change::Create, &["account/dev"]),
        ];
        let error = scoped_steps(&steps, &Scope::Cluster("dev".into())).unwrap_err();
        let usage = error.downcast_ref::<UsageError>().expect("a usage error");
        assert!(format!("{usage:?}").contains("sleak onboard"), "{usage:?}");
    }
}

//! Observes every resource of the graph that has a spec, in waves: the organization, then
//! the accounts, then every resource that reads by its own name or tag, all at once, and
//! after them those whose reading needs the outputs of their references (a route in its
//! table, the node groups of a cluster). Reads shared by many resources (an account's
//! EC2, a cluster) are made once. Comparisons come last, with every output known.

use std::collections::{HashMap, HashSet};

use futures::future::join_all;

use super::context::{Cx, Env, Unreachable};
use super::graph::{Graph, Provider, Resource};
use super::kinds::Spec;
use super::{Observation, Orphan, kinds};

/// Observes `graph`. Before the organization exists nothing else can, and nothing is read.
pub async fn observe(env: &Env, graph: &Graph) -> anyhow::Result<Observation> {
    let mut observation = Observation::default();
    if env.organization.is_none() {
        return Ok(observation);
    }
    let no_wait = |_: &str| {};
    let mut unreachable: HashSet<String> = HashSet::new();
    for wave in waves(graph) {
        let refs = observation.outputs.clone();
        let reads = wave.iter().map(|resource| {
            let cx = Cx {
                env,
                resource,
                refs: &refs,
                on_wait: &no_wait,
            };
            async move {
                let spec = resource
                    .spec
                    .as_ref()
                    .expect("waves hold resources with a spec");
                (*resource, spec.observe(&cx).await)
            }
        });
        for (resource, result) in join_all(reads).await {
            match result {
                Ok(Some(found)) => {
                    observation
                        .outputs
                        .insert(resource.id.clone(), found.output.clone());
                    observation.found.insert(resource.id.clone(), found);
                }
                Ok(None) => {}
                // A cluster that does not answer: its objects stay unobserved (to create).
                Err(error)
                    if resource.provider == Provider::Kubernetes
                        || error.downcast_ref::<Unreachable>().is_some() =>
                {
                    env.mark_unreachable(&resource.scope);
                    if unreachable.insert(resource.scope.clone()) {
                        let message = match error.downcast_ref::<Unreachable>() {
                            Some(unreachable) => unreachable.to_string(),
                            None => format!(
                                "could not reach the cluster `{}`: {error:#}",
                                resource.scope
                            ),
                        };
                        observation.warnings.push(message);
                    }
                }
                Err(error) => return Err(error),
            }
        }
    }
    for resource in &graph.resources {
        if let (Some(spec), Some(found)) = (&resource.spec, observation.found.get(&resource.id)) {
            let changes = spec.compare(&observation.outputs, &found.observed);
            if let Some(found) = observation.found.get_mut(&resource.id) {
                found.changes = changes;
            }
        }
    }
    observation.orphans = orphans(env, graph, &observation).await?;
    Ok(observation)
}

/// The resources with a spec in waves: the organization, the accounts, then each
/// resource as soon as what its reading needs is read.
fn waves(graph: &Graph) -> Vec<Vec<&Resource>> {
    const ACCOUNTS: usize = 1;
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut waves: Vec<Vec<&Resource>> = Vec::new();
    // The graph is in dependency order: references have their depth already.
    for resource in &graph.resources {
        let Some(spec) = &resource.spec else { continue };
        let level = match spec {
            Spec::Organization(_) => 0,
            Spec::Account(_) => ACCOUNTS,
            spec if spec.observe_reads_references() => spec
                .references()
                .into_iter()
                .filter_map(|reference| depth.get(reference))
                .map(|level| level + 1)
                .max()
                .unwrap_or(0)
                .max(ACCOUNTS + 1),
            _ => ACCOUNTS + 1,
        };
        depth.insert(&resource.id, level);
        if waves.len() <= level {
            waves.resize_with(level + 1, Vec::new);
        }
        waves[level].push(resource);
    }
    waves
}

/// Resources carrying the workspace's tag whose id the workspace no longer has, and
/// duplicates of a resource (only the first is used), in every account that exists.
async fn orphans(
    env: &Env,
    graph: &Graph,
    observation: &Observation,
) -> anyhow::Result<Vec<Orphan>> {
    let wanted: HashSet<&str> = graph
        .resources
        .iter()
        .map(|resource| resource.id.as_str())
        .collect();
    let mut accounts: Vec<(String, String)> = observation.account_ids().into_iter().collect();
    accounts.sort();
    let no_wait = |_: &str| {};
    let mut orphans = Vec::new();
    for (account, _) in accounts {
        let resource = Resource::account_scope(&account);
        let cx = Cx {
            env,
            resource: &resource,
            refs: &observation.outputs,
            on_wait: &no_wait,
        };
        let mut seen: HashSet<String> = HashSet::new();
        for (kind, id, cloud_id) in kinds::tagged(&cx).await? {
            let first = seen.insert(id.clone());
            if !wanted.contains(id.as_str()) || !first {
                orphans.push(Orphan {
                    id,
                    kind: kind.to_owned(),
                    account: account.clone(),
                    cloud_id,
                });
            }
        }
    }
    Ok(orphans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::kinds::{ElasticIp, Spec};

    #[test]
    fn accounts_first_then_reads_by_name_at_once_then_what_reads_references() {
        use crate::reconcile::kinds::{
            Account, Organization, RouteTable, RouteTableAssociation, Subnet,
        };
        let mut builder = crate::reconcile::graph::GraphBuilder::default();
        let mut add = |id: &str, depends: &[&str], spec: Spec| {
            let mut resource = Resource::account_scope("x");
            resource.id = id.into();
            resource.depends_on = depends.iter().map(|id| (*id).to_owned()).collect();
            resource.spec = Some(spec);
            builder.add(resource);
        };
        add("organization", &[], Organization.into());
        add(
            "account/x",
            &["organization"],
            Account {
                name: "x".into(),
                email: "x@example.com".into(),
            }
            .into(),
        );
        add(
            "account/x/vpc",
            &["account/x"],
            crate::reconcile::kinds::Vpc {
                cidr: "10.0.0.0/16".parse().unwrap(),
            }
            .into(),
        );
        add(
            "account/x/subnet",
            &["account/x/vpc"],
            Subnet {
                vpc: "account/x/vpc".into(),
                cidr: "10.0.0.0/24".parse().unwrap(),
                zone_index: 0,
                tier: crate::workspace::model::SubnetTier::Public,
            }
            .into(),
        );
        add(
            "account/x/table",
            &["account/x/vpc"],
            RouteTable {
                vpc: "account/x/vpc".into(),
                default_target: "account/x/vpc".into(),
            }
            .into(),
        );
        add(
            "account/x/association",
            &["account/x/table", "account/x/subnet"],
            RouteTableAssociation {
                table: "account/x/table".into(),
                subnet: "account/x/subnet".into(),
            }
            .into(),
        );
        add("account/x/eip", &["account/x"], ElasticIp.into());
        let graph = builder.finish("w");
        let ids: Vec<Vec<&str>> = waves(&graph)
            .iter()
            .map(|wave| wave.iter().map(|resource| resource.id.as_str()).collect())
            .collect();
        assert_eq!(
            ids,
            [
                vec!["organization"],
                vec!["account/x"],
                // Read by tag in the account: all at once, whatever their dependencies.
                vec![
                    "account/x/vpc",
                    "account/x/subnet",
                    "account/x/table",
                    "account/x/eip"
                ],
                // Found inside its table: after the table and the subnet.
                vec!["account/x/association"],
            ]
        );
    }
}

//! The desired resource graph: every AWS resource and Kubernetes object the workspace
//! describes, with stable ids and dependencies, in the order they can be created.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value as Json;

use super::kinds::Spec;

/// Where a resource lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    Aws,
    Kubernetes,
}

/// One resource sleak manages.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// Stable logical id, e.g. `account/development/vpc`; also the `sleak:id` tag.
    pub id: String,
    /// Service and type, e.g. `ec2:vpc`, `kubernetes:Deployment`.
    pub kind: String,
    pub provider: Provider,
    /// AWS account name (aws) or cluster name (kubernetes).
    pub scope: String,
    /// Kubernetes namespace of namespaced objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The resource's name in AWS or Kubernetes, where it has one of sleak's choosing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Ids of the resources that must exist first.
    pub depends_on: Vec<String>,
    /// What the resource is made with; never secret values.
    pub properties: BTreeMap<String, Json>,
    /// What `sleak apply` creates it from; `None` for resources a later command builds.
    #[serde(skip)]
    pub spec: Option<Spec>,
}

/// The resources in creation order.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    pub workspace: String,
    pub resources: Vec<Resource>,
}

impl Resource {
    /// A stand-in for an account as a whole (its orphan sweep).
    pub fn account_scope(account: &str) -> Self {
        Resource {
            id: format!("account/{account}"),
            kind: "organizations:account".to_owned(),
            provider: Provider::Aws,
            scope: account.to_owned(),
            namespace: None,
            name: None,
            depends_on: Vec::new(),
            properties: BTreeMap::new(),
            spec: None,
        }
    }
}

impl Graph {
    pub fn get(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|resource| resource.id == id)
    }

    /// Number of resources of each kind.
    pub fn summary(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for resource in &self.resources {
            *counts.entry(resource.kind.as_str()).or_insert(0) += 1;
        }
        counts
    }
}

/// Collects resources as the workspace is walked; `finish` orders them.
#[derive(Default)]
pub(crate) struct GraphBuilder {
    resources: Vec<Resource>,
    index: HashMap<String, usize>,
}

impl GraphBuilder {
    /// Gives an added resource the spec `sleak apply` creates it from.
    pub(crate) fn attach(&mut self, id: &str, spec: impl Into<Spec>) {
        if let Some(&position) = self.index.get(id) {
            self.resources[position].spec = Some(spec.into());
        }
    }

    pub(crate) fn add(&mut self, resource: Resource) -> String {
        let id = resource.id.clone();
        match self.index.get(&id) {
            // The same id from two places is one resource: keep the first description.
            Some(_) => {}
            None => {
                self.index.insert(id.clone(), self.resources.len());
                self.resources.push(resource);
            }
        }
        id
    }

    /// Orders resources so that each comes after what it depends on; among resources
    /// that are ready together, the order in which the workspace declared them wins, so
    /// the result is the same on every run.
    pub(crate) fn finish(self, workspace: &str) -> Graph {
        let count = self.resources.len();
        let mut waiting_on: Vec<usize> = vec![0; count];
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (position, resource) in self.resources.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for dependency in &resource.depends_on {
                if let Some(&other) = self.index.get(dependency)
                    && seen.insert(other)
                {
                    waiting_on[position] += 1;
                    dependents[other].push(position);
                }
            }
        }
        let mut ready: BTreeSet<usize> = (0..count)
            .filter(|&position| waiting_on[position] == 0)
            .collect();
        let mut order = Vec::with_capacity(count);
        while let Some(position) = ready.pop_first() {
            order.push(position);
            for &dependent in &dependents[position] {
                waiting_on[dependent] -= 1;
                if waiting_on[dependent] == 0 {
                    ready.insert(dependent);
                }
            }
        }
        // A cycle would be a bug in the graph builder; keep its members, in declared order,
        // rather than lose resources from the plan.
        if order.len() < count {
            let placed: BTreeSet<usize> = order.iter().copied().collect();
            order.extend((0..count).filter(|position| !placed.contains(position)));
        }
        let mut slots: Vec<Option<Resource>> = self.resources.into_iter().map(Some).collect();
        let resources = order
            .into_iter()
            .filter_map(|position| slots[position].take())
            .collect();
        Graph {
            workspace: workspace.to_owned(),
            resources,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(id: &str, depends_on: &[&str]) -> Resource {
        Resource {
            id: id.into(),
            kind: "test:thing".into(),
            provider: Provider::Aws,
            scope: "a".into(),
            namespace: None,
            name: None,
            depends_on: depends_on.iter().map(|id| (*id).to_owned()).collect(),
            properties: BTreeMap::new(),
            spec: None,
        }
    }

    #[test]
    fn dependencies_come_first_and_ties_keep_declaration_order() {
        let mut builder = GraphBuilder::default();
        builder.add(resource("c", &["b"]));
        builder.add(resource("b", &[]));
        builder.add(resource("a", &[]));
        builder.add(resource("d", &["a", "c"]));
        let ids: Vec<String> = builder
            .finish("w")
            .resources
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, ["b", "c", "a", "d"]);
    }

    #[test]
    fn a_cycle_loses_no_resource() {
        let mut builder = GraphBuilder::default();
        builder.add(resource("x", &["y"]));
        builder.add(resource("y", &["x"]));
        assert_eq!(builder.finish("w").resources.len(), 2);
    }
}

//! Desired → observed → plan → apply: what exists is compared with what the workspace
//! wants, and the difference is applied in dependency order, independent steps in
//! parallel. Pure except for the executor, which calls a provider given to it.

pub mod executor;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::plan::Graph;

/// What a provider found of one desired resource.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Found {
    /// The cloud's id: `vpc-…`, an account id, a zone id, a role name.
    pub cloud_id: String,
    /// Differences `apply` fixes in place (a missing route, a closed port).
    pub fixable: Vec<String>,
    /// Differences `apply` cannot fix without replacing the resource; shown as drift.
    pub drift: Vec<String>,
    /// Facts the provider needs when it fixes the differences.
    #[serde(skip)]
    pub facts: BTreeMap<String, String>,
}

impl Found {
    pub fn at(cloud_id: impl Into<String>) -> Self {
        Self {
            cloud_id: cloud_id.into(),
            ..Self::default()
        }
    }
}

/// A resource carrying the workspace's tag that the workspace no longer describes.
#[derive(Debug, Clone, Serialize)]
pub struct Orphan {
    pub id: String,
    pub kind: String,
    pub account: String,
    pub cloud_id: String,
}

/// Everything observed, by plan id.
#[derive(Debug, Clone, Default)]
pub struct Observation {
    pub found: HashMap<String, Found>,
    pub orphans: Vec<Orphan>,
    /// What could not be observed (a cluster that does not answer), for the user.
    pub warnings: Vec<String>,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "action", content = "changes")]
pub enum Change {
    Create,
    Update(Vec<String>),
    Delete,
    NoChange,
}

impl Change {
    pub fn verb(&self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update(_) => "update",
            Change::Delete => "delete",
            Change::NoChange => "no change",
        }
    }

    pub fn mutates(&self) -> bool {
        !matches!(self, Change::NoChange)
    }
}

/// One resource of the plan with what applying it does.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub id: String,
    pub kind: String,
    pub scope: String,
    #[serde(flatten)]
    pub change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drift: Vec<String>,
    #[serde(skip)]
    pub depends_on: Vec<String>,
    /// What observation learned that applying needs (e.g. that a route exists).
    #[serde(skip)]
    pub facts: BTreeMap<String, String>,
}

/// The steps for every resource `apply` knows how to build, in the graph's order.
pub fn diff(graph: &Graph, observation: &Observation) -> Vec<Step> {
    graph
        .resources
        .iter()
        .filter(|resource| resource.spec.is_some())
        .map(|resource| {
            let found = observation.found.get(&resource.id);
            let change = match found {
                None => Change::Create,
                Some(found) if !found.fixable.is_empty() => Change::Update(found.fixable.clone()),
                Some(_) => Change::NoChange,
            };
            Step {
                id: resource.id.clone(),
                kind: resource.kind.clone(),
                scope: resource.scope.clone(),
                change,
                cloud_id: found.map(|found| found.cloud_id.clone()),
                drift: found.map(|found| found.drift.clone()).unwrap_or_default(),
                depends_on: resource.depends_on.clone(),
                facts: found.map(|found| found.facts.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// Counts of creates, updates and unchanged resources.
pub fn summary(steps: &[Step]) -> (usize, usize, usize) {
    let creates = steps
        .iter()
        .filter(|step| step.change == Change::Create)
        .count();
    let updates = steps
        .iter()
        .filter(|step| matches!(step.change, Change::Update(_)))
        .count();
    (creates, updates, steps.len() - creates - updates)
}

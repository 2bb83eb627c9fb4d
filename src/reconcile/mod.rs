//! Desired → observed → plan → apply: what exists is compared with what the workspace
//! wants, and the difference is applied in dependency order, independent steps in
//! parallel.
//!
//! - `graph.rs`: the desired resources, their ids and dependencies, in creation order;
//! - `kind.rs`: the contract of a resource kind, `kinds/`: one file per kind;
//! - `context.rs`: what kinds get (the run's environment, shared reads);
//! - `observe.rs`: observes every resource, `diff` turns that into steps;
//! - `executor.rs`: applies steps in dependency order, in parallel, resumably.

pub mod context;
pub mod executor;
pub mod graph;
pub mod kind;
pub mod kinds;
pub mod observe;

use std::collections::HashMap;

use serde::Serialize;

pub use context::{Cx, Env};
pub use graph::{Graph, Resource};
pub use kind::{Output, Outputs};
pub use kinds::{Found, Observed, Spec};
pub use observe::observe;

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
    /// The outputs of what was found, for the steps that refer to it.
    pub outputs: Outputs,
    pub orphans: Vec<Orphan>,
    /// What could not be observed (a cluster that does not answer), for the user.
    pub warnings: Vec<String>,
}

impl Observation {
    /// The typed observed form of `id`, when it exists and is of kind `K`.
    pub fn observed<K: kinds::Registered>(&self, id: &str) -> Option<&K::Observed> {
        self.found.get(id)?.observed::<K>()
    }

    /// The ids of the accounts that exist, by name.
    pub fn account_ids(&self) -> HashMap<String, String> {
        self.found
            .iter()
            .filter_map(|(id, found)| {
                let name = id.strip_prefix("account/")?;
                (!name.contains('/')).then(|| (name.to_owned(), found.output.id.clone()))
            })
            .collect()
    }
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
    /// What the user may want to know and `apply` leaves alone (an add-on version EKS
    /// now recommends): never a change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub info: Vec<String>,
    #[serde(skip)]
    pub depends_on: Vec<String>,
    /// What exists of it, for `apply`.
    #[serde(skip)]
    pub output: Option<Output>,
    #[serde(skip)]
    pub observed: Option<Observed>,
}

impl Step {
    /// A step of a resource, with what was found of it.
    pub fn of(resource: &Resource, change: Change, found: Option<&Found>) -> Self {
        Step {
            id: resource.id.clone(),
            kind: resource.kind.clone(),
            scope: resource.scope.clone(),
            change,
            cloud_id: found.map(|found| found.output.id.clone()),
            drift: Vec::new(),
            info: Vec::new(),
            depends_on: resource.depends_on.clone(),
            output: found.map(|found| found.output.clone()),
            observed: found.map(|found| found.observed.clone()),
        }
    }
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
                Some(found) if !found.changes.update.is_empty() => {
                    Change::Update(found.changes.update.clone())
                }
                Some(_) => Change::NoChange,
            };
            let mut step = Step::of(resource, change, found);
            step.drift = found
                .map(|found| found.changes.drift.clone())
                .unwrap_or_default();
            step.info = found
                .map(|found| found.changes.info.clone())
                .unwrap_or_default();
            step
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

//! The desired resource graph of a workspace: `desired_graph` walks the workspace and
//! gives every resource its id, dependencies, shown properties and the spec of its kind.
//! Pure: no I/O.

pub mod catalog;
mod desired;

pub(crate) use crate::reconcile::graph::GraphBuilder;
pub use crate::reconcile::graph::{Graph, Provider, Resource};
pub use crate::reconcile::kinds::Spec;
pub use desired::desired_graph;

//! Runs the steps of a plan through the executor: each resource's kind applies it with
//! the outputs of what it refers to.

use std::collections::HashMap;

use crate::reconcile::executor::{Event, Events, execute};
use crate::reconcile::{Cx, Outputs, Resource, Step};

use super::Session;

/// Applies `steps` (already scoped), up to `parallelism` at a time; returns the outputs
/// of everything that exists afterwards.
pub async fn apply_steps(
    session: &Session,
    steps: &[Step],
    parallelism: usize,
    events: Events<'_>,
) -> anyhow::Result<Outputs> {
    let resources: HashMap<&str, &Resource> = session
        .graph
        .resources
        .iter()
        .map(|resource| (resource.id.as_str(), resource))
        .collect();
    let env = &session.env;
    execute(steps, parallelism, events, |step, refs| {
        let resource = resources.get(step.id.as_str()).copied();
        async move {
            let resource =
                resource.ok_or_else(|| anyhow::anyhow!("`{}` is not in the plan", step.id))?;
            let spec = resource
                .spec
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("`{}` is not built by `sleak apply`", step.id))?;
            let on_wait = |message: &str| {
                events(Event::Waiting {
                    id: step.id.clone(),
                    message: message.to_owned(),
                })
            };
            let cx = Cx {
                env,
                resource,
                refs: &refs,
                on_wait: &on_wait,
            };
            spec.apply(&cx, step.observed.as_ref()).await
        }
    })
    .await
}

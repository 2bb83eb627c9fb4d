//! Deleting what the workspace made: the delete steps (dependents first, orphans swept
//! before what may hold them), run through the executor. A resource already gone counts
//! as deleted, so an interrupted destroy is finished by running it again.

use std::collections::HashMap;

use super::Session;
use crate::reconcile::executor::{Event, Events, execute};
use crate::reconcile::{Change, Cx, Output, Resource, Spec, Step, kinds};

/// The delete steps of the found resources `wanted` selects, dependents first; with
/// `sweep`, the orphans too.
pub fn delete_steps(
    session: &Session,
    close_accounts: bool,
    sweep: bool,
    wanted: impl Fn(&Resource) -> bool,
) -> Vec<Step> {
    {
        let found = &session.observation.found;
        // Deleting resource X waits for every found resource that depends on X.
        let mut steps: Vec<Step> = Vec::new();
        let mut dependents: HashMap<&str, Vec<String>> = HashMap::new();
        for resource in &session.graph.resources {
            for dependency in &resource.depends_on {
                dependents
                    .entry(dependency.as_str())
                    .or_default()
                    .push(resource.id.clone());
            }
        }
        let no_orphans = Vec::new();
        let orphans = if sweep {
            &session.observation.orphans
        } else {
            &no_orphans
        };
        let orphan_ids: Vec<(String, String, u8)> = orphans
            .iter()
            .map(|orphan| {
                (
                    format!("orphan/{}/{}", orphan.account, orphan.cloud_id),
                    orphan.account.clone(),
                    kinds::orphan_rank(&orphan.kind).unwrap_or(u8::MAX),
                )
            })
            .collect();
        for resource in session.graph.resources.iter().rev() {
            let Some(existing) = found.get(&resource.id) else {
                continue;
            };
            let keep = matches!(resource.spec, Some(Spec::Organization(_)))
                || (matches!(resource.spec, Some(Spec::Account(_))) && !close_accounts);
            if keep || resource.spec.is_none() || !wanted(resource) {
                continue;
            }
            let mut depends_on: Vec<String> = dependents
                .get(resource.id.as_str())
                .into_iter()
                .flatten()
                .filter(|dependent| found.contains_key(dependent.as_str()))
                .cloned()
                .collect();
            // Swept orphans may sit in this account's VPC: they go first.
            depends_on.extend(
                orphan_ids
                    .iter()
                    .filter(|(_, account, _)| account == &resource.scope)
                    .map(|(id, _, _)| id.clone()),
            );
            if matches!(resource.spec, Some(Spec::Account(_))) {
                // An account closes after everything in it, and its peerings, are gone.
                let name = resource.id.trim_start_matches("account/");
                let inside = format!("account/{name}/");
                depends_on.extend(
                    found
                        .keys()
                        .filter(|id| {
                            (id.starts_with(&inside)
                                || (id.starts_with("peering/") && id.contains(name)))
                                && session
                                    .graph
                                    .get(id)
                                    .is_some_and(|other| other.spec.is_some())
                        })
                        .cloned(),
                );
            }
            let mut step = Step::of(resource, Change::Delete, Some(existing));
            step.depends_on = depends_on;
            steps.push(step);
        }
        for (orphan, (id, account, rank)) in orphans.iter().zip(&orphan_ids) {
            let depends_on = orphan_ids
                .iter()
                .filter(|(_, other_account, other_rank)| {
                    other_account == account && other_rank < rank
                })
                .map(|(other, _, _)| other.clone())
                .collect();
            steps.push(Step {
                id: id.clone(),
                kind: orphan.kind.clone(),
                scope: orphan.account.clone(),
                change: Change::Delete,
                cloud_id: Some(orphan.cloud_id.clone()),
                drift: Vec::new(),
                info: Vec::new(),
                depends_on,
                output: Some(Output::id(&orphan.cloud_id)),
                observed: None,
            });
        }
        steps
    }
}

/// Runs delete `steps`: planned resources by their kind, orphans by their kind string.
pub async fn delete_steps_run(
    session: &Session,
    steps: &[Step],
    events: Events<'_>,
) -> anyhow::Result<()> {
    let env = &session.env;
    let refs = &session.observation.outputs;
    execute(steps, 8, events, |step, _| async move {
        let output = step.output.clone().unwrap_or_default();
        let on_wait = |message: &str| {
            events(Event::Waiting {
                id: step.id.clone(),
                message: message.to_owned(),
            })
        };
        match session.graph.get(&step.id) {
            Some(resource) => {
                let spec = resource
                    .spec
                    .as_ref()
                    .ok_or_else(|| anyhow::anyhow!("`{}` is not built by sleak", step.id))?;
                let cx = Cx {
                    env,
                    resource,
                    refs,
                    on_wait: &on_wait,
                };
                spec.delete(&cx, &output).await?;
            }
            None => {
                let resource = Resource::account_scope(&step.scope);
                let cx = Cx {
                    env,
                    resource: &resource,
                    refs,
                    on_wait: &on_wait,
                };
                kinds::delete_orphan(&step.kind, &cx, &output.id).await?;
            }
        }
        Ok(output)
    })
    .await
    .map(|_| ())
}

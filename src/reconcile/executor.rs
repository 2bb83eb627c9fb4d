//! Applies steps in dependency order, up to `parallelism` at a time. A failure stops
//! new steps from starting, lets running ones finish, and is reported; since every step
//! is idempotent and the cloud is the state, a re-run resumes where this one stopped.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use futures::stream::{FuturesUnordered, StreamExt};

use super::kind::{Output, Outputs};
use super::{Change, Step};

/// Progress of an apply, for the terminal or an event stream.
#[derive(Debug, Clone)]
pub enum Event {
    Started {
        id: String,
        change: Change,
    },
    Waiting {
        id: String,
        message: String,
    },
    Finished {
        id: String,
        change: Change,
        output: Output,
        elapsed: Duration,
    },
    Failed {
        id: String,
        error: String,
    },
}

/// Where events go; shared by every step.
pub type Events<'a> = &'a (dyn Fn(Event) + Sync);

type StepFuture<'a> =
    Pin<Box<dyn Future<Output = (String, Change, Instant, anyhow::Result<Output>)> + Send + 'a>>;

/// Runs `apply` for every step that changes something; the outputs it is given start
/// with those of what exists and gain those of what is made. Returns the final outputs.
pub async fn execute<'a, F, Fut>(
    steps: &'a [Step],
    parallelism: usize,
    events: Events<'a>,
    apply: F,
) -> anyhow::Result<Outputs>
where
    F: Fn(&'a Step, Outputs) -> Fut,
    Fut: Future<Output = anyhow::Result<Output>> + Send + 'a,
{
    let known: HashSet<&str> = steps.iter().map(|step| step.id.as_str()).collect();
    let mut ids = Outputs::default();
    let mut done: HashSet<&str> = HashSet::new();
    for step in steps {
        if let Some(output) = &step.output {
            ids.insert(step.id.clone(), output.clone());
        }
        if step.change == Change::NoChange {
            done.insert(&step.id);
        }
    }
    // Among ready steps, the one with the longest chain of steps waiting on it goes
    // first, so a slot limit never delays the critical path behind leaf work.
    let heights = chain_heights(steps);
    let mut pending: Vec<&Step> = steps.iter().filter(|step| step.change.mutates()).collect();
    pending
        .sort_by_key(|step| std::cmp::Reverse(heights.get(step.id.as_str()).copied().unwrap_or(0)));
    let mut running: FuturesUnordered<StepFuture<'a>> = FuturesUnordered::new();
    let mut first_error: Option<anyhow::Error> = None;
    loop {
        if first_error.is_none() {
            let mut index = 0;
            while index < pending.len() && running.len() < parallelism.max(1) {
                let ready = pending[index].depends_on.iter().all(|dependency| {
                    !known.contains(dependency.as_str()) || done.contains(dependency.as_str())
                });
                if !ready {
                    index += 1;
                    continue;
                }
                let step = pending.remove(index);
                events(Event::Started {
                    id: step.id.clone(),
                    change: step.change.clone(),
                });
                let future = apply(step, ids.clone());
                let id = step.id.clone();
                let change = step.change.clone();
                running.push(Box::pin(async move {
                    let started = Instant::now();
                    let result = future.await;
                    (id, change, started, result)
                }));
            }
        }
        let Some((id, change, started, result)) = running.next().await else {
            break;
        };
        match result {
            Ok(output) => {
                events(Event::Finished {
                    id: id.clone(),
                    change,
                    output: output.clone(),
                    elapsed: started.elapsed(),
                });
                if let Some(step) = steps.iter().find(|step| step.id == id) {
                    done.insert(&step.id);
                }
                ids.insert(id, output);
            }
            Err(error) => {
                events(Event::Failed {
                    id: id.clone(),
                    error: format!("{error:#}"),
                });
                if first_error.is_none() {
                    first_error = Some(error.context(format!("could not apply `{id}`")));
                }
            }
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    if let Some(stuck) = pending.first() {
        anyhow::bail!("`{}` waits on a resource that was never applied", stuck.id);
    }
    Ok(ids)
}

/// For each step, the number of steps on the longest chain that depends on it (itself
/// included), counting only steps that change something.
fn chain_heights(steps: &[Step]) -> HashMap<&str, usize> {
    let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
    for step in steps {
        for dependency in &step.depends_on {
            dependents
                .entry(dependency.as_str())
                .or_default()
                .push(step.id.as_str());
        }
    }
    let mutating: HashSet<&str> = steps
        .iter()
        .filter(|step| step.change.mutates())
        .map(|step| step.id.as_str())
        .collect();
    let mut heights: HashMap<&str, usize> = HashMap::new();
    // Steps come in dependency order, so walking them backwards sees dependents first.
    for step in steps.iter().rev() {
        let below = dependents
            .get(step.id.as_str())
            .into_iter()
            .flatten()
            .filter_map(|dependent| heights.get(dependent))
            .max()
            .copied()
            .unwrap_or(0);
        let own = usize::from(mutating.contains(step.id.as_str()));
        heights.insert(step.id.as_str(), below + own);
    }
    heights
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

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

    #[tokio::test(flavor = "current_thread")]
    async fn dependents_see_the_ids_of_what_they_depend_on() {
        let steps = vec![
            step("vpc", Change::Create, &[]),
            step("subnet", Change::Create, &["vpc"]),
        ];
        let seen = Mutex::new(Vec::new());
        let ids = execute(&steps, 4, &|_| {}, |step, ids| {
            seen.lock()
                .unwrap()
                .push((step.id.clone(), ids.find("vpc").map(str::to_owned)));
            let id = Output::id(format!("{}-1", step.id));
            async move { Ok(id) }
        })
        .await
        .expect("applies");
        assert_eq!(ids.find("subnet"), Some("subnet-1"));
        let seen = seen.into_inner().unwrap();
        assert_eq!(
            seen,
            [
                ("vpc".to_owned(), None),
                ("subnet".to_owned(), Some("vpc-1".to_owned()))
            ]
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn with_one_slot_the_longest_chain_starts_first() {
        let steps = vec![
            step("leaf-1", Change::Create, &[]),
            step("leaf-2", Change::Create, &[]),
            step("root", Change::Create, &[]),
            step("middle", Change::Create, &["root"]),
            step("top", Change::Create, &["middle"]),
        ];
        let order = Mutex::new(Vec::new());
        execute(
            &steps,
            1,
            &|event| {
                if let Event::Started { id, .. } = event {
                    order.lock().unwrap().push(id);
                }
            },
            |_, _| async { Ok(Output::id("x")) },
        )
        .await
        .expect("applies");
        let order = order.into_inner().unwrap();
        // The chain root → middle goes before the leaves; `top` then ties with them.
        assert_eq!(order[..2], ["root", "middle"]);
        assert_eq!(order.len(), 5);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn independent_steps_run_together_and_a_failure_stops_new_ones() {
        let steps = vec![
            step("a", Change::Create, &[]),
            step("b", Change::Create, &[]),
            step("c", Change::Create, &["a"]),
        ];
        let started = Mutex::new(Vec::new());
        let result = execute(
            &steps,
            4,
            &|event| {
                if let Event::Started { id, .. } = event {
                    started.lock().unwrap().push(id);
                }
            },
            |step, _| {
                let fail = step.id == "a";
                async move {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    if fail {
                        anyhow::bail!("boom")
                    } else {
                        Ok(Output::id("x"))
                    }
                }
            },
        )
        .await;
        assert!(format!("{:#}", result.unwrap_err()).contains("boom"));
        assert_eq!(
            started.into_inner().unwrap(),
            ["a", "b"],
            "c depends on the failed a and never starts"
        );
    }
}

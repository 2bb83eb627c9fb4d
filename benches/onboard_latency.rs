//! Benchmark: `sleak onboard --yes` with a fixed latency added to every AWS request.
//!
//! Reports the wall time of a fresh onboarding and of a no-change re-run, each beside its
//! *floor*: the sum of the per-request latency along the longest chain of requests that
//! depend on each other. Target: within 1.5× of the floor, which needs independent
//! requests to run in parallel.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench onboard_latency
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench onboard_latency -- --latency-ms 50 --parallelism 16
//! ```
//!
//! Knobs (flag or environment variable): `--latency-ms` / `BENCH_LATENCY_MS` (100),
//! `--parallelism` / `BENCH_PARALLELISM` (sleak's default when unset),
//! `--calibration-latency-ms` / `BENCH_CALIBRATION_LATENCY_MS` (50).
//!
//! It uses the test harness (tests/common: a moto server and the recording proxy of
//! tests/support/aws_proxy.py in front of it) and runs the real `sleak` binary, which
//! cargo builds for benches (`CARGO_BIN_EXE_sleak`), on a copy of sleak.toml.example.
//!
//! # How the floor is derived (nothing is a hand-kept constant)
//!
//! 1. **Calibration run**: a fresh onboarding with `--parallelism 1` and a small latency
//!    (`--calibration-latency-ms`). Steps then run one at a time and every request inside
//!    a step waits for the one before it, so the requests each step makes form a chain.
//!    The bench reads sleak's JSON event stream (`--output json`) live and, at every
//!    `finished` event, fetches the proxy log: the requests completed since the previous
//!    event belong to that step (the next step's first request is still inside the
//!    proxy's added latency, so it has no status yet). Requests before the first step are
//!    the preflight; requests after the last one are the post-apply observation.
//!    Each request's *moto time* is its `elapsed_ms` minus the calibration latency.
//! 2. **The dependency graph** is `sleak plan --offline --output json` (`id`,
//!    `depends_on`), restricted to the steps `onboard` applied (those with a spec in
//!    src/plan/desired.rs); like the executor (src/reconcile/executor.rs), dependencies on
//!    resources that are not steps are ignored.
//! 3. Requests made once per account and then shared are moved to where every dependent
//!    chain pays them: `sts:AssumeRole` (the lazy AssumeRoleProvider of
//!    src/providers/aws/access.rs, on the first request in a member account) is charged to
//!    that account's `account/<name>` step; `ec2:DescribeAvailabilityZones` (looked up once
//!    per account by `Onboarding::zones`) is charged to every subnet step of the account.
//! 4. The apply floor is the longest path through the graph with each step weighing
//!    `requests × latency`. The fresh floor is preflight chain + apply floor + the chain of
//!    the post-apply observation; the re-run floor is the observation chain. The
//!    observation's chain is structural (src/providers/aws/onboarding/observe.rs):
//!    GetCallerIdentity → DescribeOrganization → ListAccounts → per account, in parallel:
//!    AssumeRole → the reads, in parallel (GetRole → ListAttachedRolePolicies being the
//!    one two-request read) → GetHostedZone (the delegation shown by `onboard`).
//!
//! Three floors are printed: latency only (the issue's floor), latency + moto's own
//! processing time, and that plus the client-side waits sleak makes on purpose (poll
//! sleeps) — the last is what the machine could do at best with perfect parallelism.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::TestContext;
use common::proxy::{AwsProxy, ProxyRecord};
use serde_json::Value;

/// Requests made once per account and shared by every step of the account that needs them.
const PER_ACCOUNT_ONCE: &str = "DescribeAvailabilityZones";
const ASSUME_ROLE: &str = "AssumeRole";

struct Options {
    latency_ms: u64,
    calibration_ms: u64,
    parallelism: Option<usize>,
}

fn options() -> Options {
    let mut values: HashMap<String, String> = HashMap::new();
    for (key, env) in [
        ("latency-ms", "BENCH_LATENCY_MS"),
        ("parallelism", "BENCH_PARALLELISM"),
        ("calibration-latency-ms", "BENCH_CALIBRATION_LATENCY_MS"),
    ] {
        if let Ok(value) = std::env::var(env) {
            values.insert(key.to_owned(), value);
        }
    }
    // `cargo bench` passes `--bench`; anything not ours is ignored.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut index = 0;
    while index < args.len() {
        let arg = args[index].trim_start_matches("--");
        if let Some((key, value)) = arg.split_once('=') {
            values.insert(key.to_owned(), value.to_owned());
        } else if ["latency-ms", "parallelism", "calibration-latency-ms"].contains(&arg)
            && index + 1 < args.len()
        {
            values.insert(arg.to_owned(), args[index + 1].clone());
            index += 1;
        }
        index += 1;
    }
    let number = |key: &str| {
        values.get(key).map(|value| {
            value
                .parse::<u64>()
                .unwrap_or_else(|_| panic!("--{key}: {value:?} is not a number"))
        })
    };
    Options {
        latency_ms: number("latency-ms").unwrap_or(100),
        calibration_ms: number("calibration-latency-ms").unwrap_or(50),
        parallelism: number("parallelism").map(|n| n as usize),
    }
}

// ── Running sleak ───────────────────────────────────────────────────────────

/// One event of sleak's JSON stream, with when the bench saw it.
#[derive(Debug, Clone)]
struct Event {
    kind: String,
    id: String,
    /// sleak's clock: since the apply started.
    elapsed_ms: u64,
    took_ms: u64,
    /// The bench's clock: since sleak was spawned.
    seen: Duration,
    /// Calibration only: the proxy records completed at that moment.
    completed: Vec<ProxyRecord>,
}

struct RunOutcome {
    wall: Duration,
    events: Vec<Event>,
    log: Vec<ProxyRecord>,
    stderr: String,
}

fn run_onboard(
    context: &TestContext,
    proxy: &AwsProxy,
    parallelism: Option<usize>,
    calibrate: bool,
) -> RunOutcome {
    let mut command = context.sleak();
    command
        .env("AWS_ENDPOINT_URL", &proxy.url)
        .args(["onboard", "--yes", "--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(parallelism) = parallelism {
        command.args(["--parallelism", &parallelism.to_string()]);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("sleak starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().expect("stdout");
    let mut events = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let seen = started.elapsed();
        let Ok(value) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let Some(kind) = value["event"].as_str() else {
            continue;
        };
        let completed = if calibrate && (kind == "finished" || kind == "started") {
            proxy
                .log()
                .into_iter()
                .filter(|record| record.status.is_some())
                .collect()
        } else {
            Vec::new()
        };
        events.push(Event {
            kind: kind.to_owned(),
            id: value["id"].as_str().unwrap_or_default().to_owned(),
            elapsed_ms: value["elapsed_ms"].as_u64().unwrap_or_default(),
            took_ms: value["took_ms"].as_u64().unwrap_or_default(),
            seen,
            completed,
        });
    }
    let status: ExitStatus = child.wait().expect("sleak exits");
    let wall = started.elapsed();
    let stderr = stderr_reader.join().unwrap_or_default();
    assert!(
        status.success(),
        "sleak onboard failed ({status}):\n{stderr}"
    );
    if let Some(failed) = events.iter().find(|event| event.kind == "failed") {
        panic!("step {} failed:\n{stderr}", failed.id);
    }
    RunOutcome {
        wall,
        events,
        log: proxy.log(),
        stderr,
    }
}

// ── The plan ────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct Node {
    id: String,
    kind: String,
    scope: String,
    depends_on: Vec<String>,
}

/// The operation of a request: the proxy names REST calls `METHOD path`; the two Route53
/// reads of an observation get their operation names.
fn operation(record: &ProxyRecord) -> String {
    let action = record.action.as_str();
    if record.service == "route53" {
        if action == "GET /2013-04-01/hostedzone" {
            return "ListHostedZones".to_owned();
        }
        if action.starts_with("GET /2013-04-01/hostedzone/") {
            return "GetHostedZone".to_owned();
        }
        if action == "POST /2013-04-01/hostedzone" {
            return "CreateHostedZone".to_owned();
        }
        if action.starts_with("POST /2013-04-01/tags/hostedzone/") {
            return "ChangeTagsForResource".to_owned();
        }
    }
    action.to_owned()
}

fn plan_nodes(context: &TestContext) -> Vec<Node> {
    let output = context
        .sleak()
        .args(["plan", "--offline", "--output", "json"])
        .output()
        .expect("sleak plan runs");
    assert!(output.status.success(), "sleak plan --offline failed");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("the plan is JSON");
    plan["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|resource| Node {
            id: resource["id"].as_str().unwrap_or_default().to_owned(),
            kind: resource["kind"].as_str().unwrap_or_default().to_owned(),
            scope: resource["scope"].as_str().unwrap_or_default().to_owned(),
            depends_on: resource["depends_on"]
                .as_array()
                .map(|deps| {
                    deps.iter()
                        .filter_map(|dep| dep.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

// ── Calibration: the requests of each step ─────────────────────────────────

struct Calibration {
    latency_ms: u64,
    /// Requests before the first step (preflight), in order.
    pre: Vec<ProxyRecord>,
    /// Requests of each step, in order.
    steps: BTreeMap<String, Vec<ProxyRecord>>,
    /// Each step's duration in the calibration run.
    took_ms: HashMap<String, u64>,
    /// Requests after the last step (the post-apply observation and delegation).
    post: Vec<ProxyRecord>,
    all: Vec<ProxyRecord>,
}

impl Calibration {
    fn from_run(run: &RunOutcome, latency_ms: u64) -> Self {
        let mut attributed: HashSet<usize> = HashSet::new();
        let mut take = |completed: &[ProxyRecord]| -> Vec<ProxyRecord> {
            completed
                .iter()
                .filter(|record| attributed.insert(record.seq))
                .cloned()
                .collect()
        };
        let mut pre = Vec::new();
        let mut steps = BTreeMap::new();
        let mut took_ms = HashMap::new();
        let mut first = true;
        let mut stray = Vec::new();
        for event in &run.events {
            match event.kind.as_str() {
                "started" if first => {
                    pre = take(&event.completed);
                    first = false;
                }
                "started" => {
                    // Nothing runs between two steps of a serial run; should a request
                    // land there anyway, it goes with the step that starts.
                    stray = take(&event.completed);
                    if !stray.is_empty() {
                        eprintln!("note: {} requests before step {}", stray.len(), event.id);
                    }
                }
                "finished" => {
                    let mut records = std::mem::take(&mut stray);
                    records.extend(take(&event.completed));
                    steps.insert(event.id.clone(), records);
                    took_ms.insert(event.id.clone(), event.took_ms);
                }
                _ => {}
            }
        }
        let post = take(&run.log);
        Self {
            latency_ms,
            pre,
            steps,
            took_ms,
            post,
            all: run.log.clone(),
        }
    }

    /// moto's own time for a request (plus the proxy's forwarding), without the latency.
    fn moto_ms(&self, record: &ProxyRecord) -> u64 {
        record.elapsed_ms.saturating_sub(self.latency_ms)
    }

    /// The least moto time seen for an action: its cost when nothing else runs.
    fn moto_ms_of(&self, action: &str) -> u64 {
        self.all
            .iter()
            .filter(|record| operation(record) == action)
            .map(|record| self.moto_ms(record))
            .min()
            .unwrap_or(0)
    }
}

/// A chain's cost in three currencies: requests, requests × latency + moto time, and that
/// plus client-side waits.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Cost {
    requests: u64,
    moto_ms: u64,
    wait_ms: u64,
}

impl Cost {
    fn add(self, other: Cost) -> Cost {
        Cost {
            requests: self.requests + other.requests,
            moto_ms: self.moto_ms + other.moto_ms,
            wait_ms: self.wait_ms + other.wait_ms,
        }
    }
    fn latency_ms(self, latency: u64) -> u64 {
        self.requests * latency
    }
    fn with_moto_ms(self, latency: u64) -> u64 {
        self.latency_ms(latency) + self.moto_ms
    }
    fn with_waits_ms(self, latency: u64) -> u64 {
        self.with_moto_ms(latency) + self.wait_ms
    }
    fn of(records: &[ProxyRecord], calibration: &Calibration) -> Cost {
        Cost {
            requests: records.len() as u64,
            moto_ms: records.iter().map(|r| calibration.moto_ms(r)).sum(),
            wait_ms: 0,
        }
    }
}

/// The weight of every step on a chain, with the shared once-per-account requests moved
/// to where every dependent chain pays them.
fn step_costs(nodes: &[Node], calibration: &Calibration) -> HashMap<String, Cost> {
    let scope_of: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut costs: HashMap<String, Cost> = HashMap::new();
    let mut assume: HashMap<String, Vec<ProxyRecord>> = HashMap::new();
    let mut once: HashMap<(String, String), ProxyRecord> = HashMap::new();
    let mut once_kind: HashMap<String, String> = HashMap::new();
    for (id, records) in &calibration.steps {
        let node = scope_of[id.as_str()];
        let mut own = Vec::new();
        for record in records {
            if record.action == ASSUME_ROLE {
                assume
                    .entry(node.scope.clone())
                    .or_default()
                    .push(record.clone());
            } else if record.action == PER_ACCOUNT_ONCE {
                once.insert((node.scope.clone(), record.action.clone()), record.clone());
                once_kind.insert(record.action.clone(), node.kind.clone());
            } else {
                own.push(record.clone());
            }
        }
        let mut cost = Cost::of(&own, calibration);
        let in_requests: u64 = records.iter().map(|r| r.elapsed_ms).sum();
        cost.wait_ms = calibration
            .took_ms
            .get(id)
            .copied()
            .unwrap_or(0)
            .saturating_sub(in_requests);
        costs.insert(id.clone(), cost);
    }
    for (id, cost) in costs.iter_mut() {
        let node = scope_of[id.as_str()];
        if let Some(account) = id.strip_prefix("account/")
            && !account.contains('/')
            && let Some(records) = assume.get(account)
        {
            *cost = cost.add(Cost::of(records, calibration));
        }
        for (action, kind) in &once_kind {
            if &node.kind == kind
                && let Some(record) = once.get(&(node.scope.clone(), action.clone()))
            {
                *cost = cost.add(Cost::of(std::slice::from_ref(record), calibration));
            }
        }
    }
    costs
}

/// The longest path through the steps' graph by `weight`; the path, first step first.
fn longest_path(
    nodes: &[Node],
    steps: &HashSet<String>,
    weight: impl Fn(&str) -> u64,
) -> (u64, Vec<String>) {
    let mut finish: HashMap<&str, (u64, Option<&str>)> = HashMap::new();
    for node in nodes.iter().filter(|n| steps.contains(&n.id)) {
        let before = node
            .depends_on
            .iter()
            .filter_map(|dep| finish.get(dep.as_str()).map(|(t, _)| (*t, dep.as_str())))
            .max_by_key(|(t, _)| *t);
        let start = before.map_or(0, |(t, _)| t);
        finish.insert(&node.id, (start + weight(&node.id), before.map(|(_, d)| d)));
    }
    let Some((&last, &(total, _))) = finish.iter().max_by_key(|(_, (t, _))| *t) else {
        return (0, Vec::new());
    };
    let mut path = vec![last.to_owned()];
    let mut at = last;
    while let Some((_, Some(previous))) = finish.get(at) {
        path.push((*previous).to_owned());
        at = previous;
    }
    path.reverse();
    (total, path)
}

/// What the executor would take with `parallelism` slots and steps lasting `weight`:
/// the same greedy start order (plan order among ready steps).
fn simulate(
    nodes: &[Node],
    steps: &HashSet<String>,
    parallelism: usize,
    weight: impl Fn(&str) -> u64,
) -> u64 {
    let mut pending: Vec<&Node> = nodes.iter().filter(|n| steps.contains(&n.id)).collect();
    let mut done: HashSet<&str> = HashSet::new();
    let mut running: Vec<(u64, &str)> = Vec::new();
    let mut now = 0;
    loop {
        let mut index = 0;
        while index < pending.len() && running.len() < parallelism.max(1) {
            let ready = pending[index]
                .depends_on
                .iter()
                .all(|dep| !steps.contains(dep) || done.contains(dep.as_str()));
            if ready {
                let node = pending.remove(index);
                running.push((now + weight(&node.id), node.id.as_str()));
            } else {
                index += 1;
            }
        }
        let Some(next) = running
            .iter()
            .enumerate()
            .min_by_key(|(_, (t, _))| *t)
            .map(|(i, _)| i)
        else {
            break;
        };
        let (t, id) = running.remove(next);
        now = t;
        done.insert(id);
    }
    now
}

/// The chain of an observation (preflight, per-account reads in parallel, delegation),
/// from the actions of `records`, each costing its least moto time.
fn observation_chain(records: &[ProxyRecord], calibration: &Calibration) -> (Cost, String) {
    let names: HashSet<String> = records.iter().map(operation).collect();
    let present: HashSet<&str> = names.iter().map(String::as_str).collect();
    let one = |action: &str| Cost {
        requests: 1,
        moto_ms: calibration.moto_ms_of(action),
        wait_ms: 0,
    };
    let mut chain = Cost::default();
    let mut names = Vec::new();
    for action in [
        "GetCallerIdentity",
        "DescribeOrganization",
        "ListAccounts",
        ASSUME_ROLE,
    ] {
        if present.contains(action) {
            chain = chain.add(one(action));
            names.push(action.to_owned());
        }
    }
    // The per-account reads run together; the longest of them counts.
    let mut branches: Vec<(Cost, String)> = present
        .iter()
        .filter(|action| {
            ![
                "GetCallerIdentity",
                "DescribeOrganization",
                "ListAccounts",
                ASSUME_ROLE,
                "GetRole",
                "ListAttachedRolePolicies",
                "GetHostedZone",
            ]
            .contains(action)
        })
        .map(|action| (one(action), (*action).to_owned()))
        .collect();
    if present.contains("GetRole") {
        let mut cost = one("GetRole");
        let mut name = "GetRole".to_owned();
        if present.contains("ListAttachedRolePolicies") {
            cost = cost.add(one("ListAttachedRolePolicies"));
            name.push_str(" → ListAttachedRolePolicies");
        }
        branches.push((cost, name));
    }
    if let Some((cost, name)) = branches
        .into_iter()
        .max_by_key(|(cost, name)| (cost.requests, cost.moto_ms, name.clone()))
    {
        chain = chain.add(cost);
        names.push(format!("[{name}]"));
    }
    if present.contains("GetHostedZone") {
        chain = chain.add(one("GetHostedZone"));
        names.push("GetHostedZone".to_owned());
    }
    (chain, names.join(" → "))
}

// ── Reporting ───────────────────────────────────────────────────────────────

fn secs(ms: u64) -> String {
    format!("{:.2} s", ms as f64 / 1000.0)
}

fn ratio(wall: Duration, floor_ms: u64) -> String {
    if floor_ms == 0 {
        return "-".to_owned();
    }
    format!("{:.2}×", wall.as_millis() as f64 / floor_ms as f64)
}

fn by_service(log: &[ProxyRecord]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for record in log {
        *counts.entry(record.service.as_str()).or_default() += 1;
    }
    counts
        .iter()
        .map(|(service, n)| format!("{service} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The apply phase of a measured run, seen from its events: when each step could have
/// started (its dependencies done), when it did, and the chain that decided the end.
fn explain_apply(
    run: &RunOutcome,
    nodes: &[Node],
    steps: &HashSet<String>,
    costs: &HashMap<String, Cost>,
    latency: u64,
) {
    let mut start: HashMap<&str, u64> = HashMap::new();
    let mut finish: HashMap<&str, u64> = HashMap::new();
    for event in &run.events {
        match event.kind.as_str() {
            "started" => {
                start.insert(&event.id, event.elapsed_ms);
            }
            "finished" => {
                finish.insert(&event.id, event.elapsed_ms);
            }
            _ => {}
        }
    }
    let node_of: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let ready = |id: &str| {
        node_of[id]
            .depends_on
            .iter()
            .filter(|dep| steps.contains(*dep))
            .filter_map(|dep| finish.get(dep.as_str()))
            .max()
            .copied()
            .unwrap_or(0)
    };
    let mut concurrency = 0usize;
    let mut peak = 0usize;
    for event in &run.events {
        match event.kind.as_str() {
            "started" => concurrency += 1,
            "finished" => concurrency = concurrency.saturating_sub(1),
            _ => {}
        }
        peak = peak.max(concurrency);
    }
    let queued: u64 = start
        .iter()
        .map(|(id, s)| s.saturating_sub(ready(id)))
        .sum();
    let queued_steps = start
        .iter()
        .filter(|(id, s)| s.saturating_sub(ready(id)) > 20)
        .count();
    println!(
        "  apply phase: {} for {} steps; peak {peak} steps at once; {queued_steps} steps started >20 ms after their dependencies were done (total {} of waiting for a slot)",
        secs(finish.values().max().copied().unwrap_or(0)),
        finish.len(),
        secs(queued),
    );
    // Walk back from the last step through the dependency that finished last.
    let Some((&last, _)) = finish.iter().max_by_key(|(_, t)| **t) else {
        return;
    };
    let mut chain = vec![last];
    let mut at = last;
    loop {
        let previous = node_of[at]
            .depends_on
            .iter()
            .filter(|dep| steps.contains(*dep))
            .filter_map(|dep| finish.get_key_value(dep.as_str()))
            .max_by_key(|(_, t)| **t)
            .map(|(id, _)| *id);
        match previous {
            Some(previous) => {
                chain.push(previous);
                at = previous;
            }
            None => break,
        }
    }
    chain.reverse();
    println!("  the chain that ended the apply phase (observed):");
    println!(
        "    {:<46} {:>5} {:>9} {:>9} {:>9} {:>9}",
        "step", "reqs", "floor", "+moto", "took", "queued"
    );
    for id in chain {
        let cost = costs.get(id).copied().unwrap_or_default();
        let took = finish[id].saturating_sub(start[id]);
        println!(
            "    {:<46} {:>5} {:>9} {:>9} {:>9} {:>9}",
            id,
            cost.requests,
            format!("{} ms", cost.latency_ms(latency)),
            format!("{} ms", cost.with_moto_ms(latency)),
            format!("{took} ms"),
            format!("{} ms", start[id].saturating_sub(ready(id))),
        );
    }
}

fn main() {
    let options = options();
    let latency = options.latency_ms;
    let (context, moto) = TestContext::with_moto();
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let proxy = AwsProxy::start(moto.url());
    let nodes = plan_nodes(&context);
    eprintln!(
        "onboard_latency: {latency} ms per request, parallelism {}, calibrating with {} ms",
        options
            .parallelism
            .map_or("default".to_owned(), |n| n.to_string()),
        options.calibration_ms
    );

    // 1. Calibration: one step at a time, to learn each step's chain of requests.
    proxy.reset_moto();
    proxy.reset();
    proxy.set_latency(options.calibration_ms);
    let calibration_run = run_onboard(&context, &proxy, Some(1), true);
    let calibration = Calibration::from_run(&calibration_run, options.calibration_ms);
    let steps: HashSet<String> = calibration.steps.keys().cloned().collect();
    let costs = step_costs(&nodes, &calibration);

    // 2. The measured runs.
    proxy.reset_moto();
    proxy.reset();
    proxy.set_latency(latency);
    let fresh = run_onboard(&context, &proxy, options.parallelism, false);
    proxy.reset();
    proxy.set_latency(latency);
    let rerun = run_onboard(&context, &proxy, options.parallelism, false);
    assert!(
        rerun.log.iter().all(|r| !r.mutating),
        "the re-run changed something:\n{}",
        rerun.stderr
    );

    // 3. Floors.
    let pre = Cost::of(&calibration.pre, &calibration);
    let (apply_floor, apply_path) =
        longest_path(&nodes, &steps, |id| costs[id].latency_ms(latency));
    let (apply_moto, apply_moto_path) =
        longest_path(&nodes, &steps, |id| costs[id].with_moto_ms(latency));
    let (apply_waits, _) = longest_path(&nodes, &steps, |id| costs[id].with_waits_ms(latency));
    let (post, post_names) = observation_chain(&calibration.post, &calibration);
    let (again, again_names) = observation_chain(&rerun.log, &calibration);
    let fresh_floor = pre.latency_ms(latency) + apply_floor + post.latency_ms(latency);
    let fresh_moto = pre.with_moto_ms(latency) + apply_moto + post.with_moto_ms(latency);
    let fresh_waits = pre.with_moto_ms(latency) + apply_waits + post.with_moto_ms(latency);
    let rerun_floor = again.latency_ms(latency);
    let rerun_moto = again.with_moto_ms(latency);
    let parallelism = options.parallelism.unwrap_or(8);
    let simulated = simulate(&nodes, &steps, parallelism, |id| {
        costs[id].with_waits_ms(latency)
    });
    let simulated_wide = simulate(&nodes, &steps, usize::MAX, |id| {
        costs[id].with_waits_ms(latency)
    });
    let simulated_latency_only = simulate(&nodes, &steps, parallelism, |id| {
        costs[id].latency_ms(latency)
    });
    let moto_work: u64 = calibration
        .all
        .iter()
        .map(|record| calibration.moto_ms(record))
        .sum();

    // 4. Report.
    let target = 1.5;
    let verdict = |wall: Duration, floor: u64| {
        if wall.as_millis() as f64 <= target * floor as f64 {
            "within target"
        } else {
            "ABOVE target"
        }
    };
    println!();
    println!(
        "sleak onboard --yes, {latency} ms added to every AWS request (moto behind the recording proxy)"
    );
    println!();
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>13} {:>7} {:>9}  requests",
        "", "wall", "floor", "ratio", "floor+moto", "ratio", ""
    );
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>13} {:>7} {:>9}  {} ({} mutating; {})",
        "fresh onboard",
        secs(fresh.wall.as_millis() as u64),
        secs(fresh_floor),
        ratio(fresh.wall, fresh_floor),
        secs(fresh_moto),
        ratio(fresh.wall, fresh_moto),
        verdict(fresh.wall, fresh_floor),
        fresh.log.len(),
        fresh.log.iter().filter(|r| r.mutating).count(),
        by_service(&fresh.log),
    );
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>13} {:>7} {:>9}  {} ({} mutating; {})",
        "no-change re-run",
        secs(rerun.wall.as_millis() as u64),
        secs(rerun_floor),
        ratio(rerun.wall, rerun_floor),
        secs(rerun_moto),
        ratio(rerun.wall, rerun_moto),
        verdict(rerun.wall, rerun_floor),
        rerun.log.len(),
        rerun.log.iter().filter(|r| r.mutating).count(),
        by_service(&rerun.log),
    );
    println!();
    println!("Floors (longest chain of dependent requests; target: wall ≤ {target}× floor):");
    println!(
        "  fresh: preflight {} req + apply {} req + post-apply observation {} req = {} req → {} at {latency} ms",
        pre.requests,
        apply_floor / latency.max(1),
        post.requests,
        fresh_floor / latency.max(1),
        secs(fresh_floor)
    );
    println!(
        "         with moto's own time: {}; plus sleak's deliberate waits (poll sleeps): {}",
        secs(fresh_moto),
        secs(fresh_waits)
    );
    println!(
        "  apply chain ({} steps): {}",
        apply_path.len(),
        apply_path.join(" → ")
    );
    if apply_moto_path != apply_path {
        println!(
            "  apply chain counting moto's time: {}",
            apply_moto_path.join(" → ")
        );
    }
    println!("  post-apply observation chain: {post_names}");
    println!(
        "  re-run: {} req → {} ({} with moto): {again_names}",
        again.requests,
        secs(rerun_floor),
        secs(rerun_moto)
    );
    println!();
    println!("Where the time goes (fresh run):");
    let first_step = fresh
        .events
        .iter()
        .find(|e| e.kind == "started")
        .map(|e| e.seen)
        .unwrap_or_default();
    let last_step = fresh
        .events
        .iter()
        .filter(|e| e.kind == "finished")
        .map(|e| e.seen)
        .max()
        .unwrap_or_default();
    println!(
        "  before the first step {} (floor {}), steps {} (floor {}), after the last step {} (floor {})",
        secs(first_step.as_millis() as u64),
        secs(pre.latency_ms(latency)),
        secs((last_step - first_step).as_millis() as u64),
        secs(apply_floor),
        secs((fresh.wall - last_step).as_millis() as u64),
        secs(post.latency_ms(latency)),
    );
    explain_apply(&fresh, &nodes, &steps, &costs, latency);
    println!(
        "  executor model (same greedy order, each step = its requests' latency + moto time + waits): {} with parallelism {parallelism}, {} unbounded; latency only: {} with parallelism {parallelism} vs floor {}",
        secs(simulated),
        secs(simulated_wide),
        secs(simulated_latency_only),
        secs(apply_floor),
    );
    println!(
        "  moto's own processing, all {} requests of the calibration run back to back: {} summed (moto is Python: concurrent requests largely share one core under the GIL)",
        calibration.all.len(),
        secs(moto_work)
    );
    let mut slow: Vec<&ProxyRecord> = calibration.all.iter().collect();
    slow.sort_by_key(|r| std::cmp::Reverse(calibration.moto_ms(r)));
    println!(
        "  slowest in moto: {}",
        slow.iter()
            .take(6)
            .map(|r| format!("{} {} ms", r.label(), calibration.moto_ms(r)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!();
    println!(
        "Sequential requests per step (calibration run, {} ms; shared AssumeRole and zone lookups moved as described in the file):",
        options.calibration_ms
    );
    let mut by_kind: BTreeMap<String, (usize, Cost, String)> = BTreeMap::new();
    for node in nodes.iter().filter(|n| steps.contains(&n.id)) {
        let entry = by_kind
            .entry(node.kind.clone())
            .or_insert_with(|| (0, costs[&node.id], String::new()));
        entry.0 += 1;
        if entry.2.is_empty() {
            entry.2 = calibration.steps[&node.id]
                .iter()
                .map(operation)
                .collect::<Vec<_>>()
                .join(" → ");
        }
        if costs[&node.id].requests > entry.1.requests {
            entry.1 = costs[&node.id];
        }
    }
    for (kind, (count, cost, actions)) in &by_kind {
        println!(
            "  {kind:<30} ×{count:<3} up to {} req, +{} ms moto, +{} ms waits  e.g. {actions}",
            cost.requests, cost.moto_ms, cost.wait_ms
        );
    }
}

//! What the latency benchmarks share (benches/onboard_latency.rs,
//! benches/dependencies_latency.rs): running sleak with its JSON event stream behind the
//! recording proxy, the calibration run that learns each step's chain of requests, the
//! dependency graph from `sleak plan --offline --output json`, the floors (the longest
//! dependent chain, with each step weighing `requests × latency`, and the variants with
//! moto's processing and sleak's poll sleeps), an executor model, and the report. How the
//! floor is derived is told in benches/onboard_latency.rs.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestContext;
use crate::common::proxy::{AwsProxy, ProxyRecord};
use serde_json::Value;

/// Requests made once per account and shared by every step of the account that needs them.
pub const PER_ACCOUNT_ONCE: &str = "DescribeAvailabilityZones";
pub const ASSUME_ROLE: &str = "AssumeRole";

pub struct Options {
    pub latency_ms: u64,
    pub calibration_ms: u64,
    pub parallelism: Option<usize>,
}

pub fn options() -> Options {
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
pub struct Event {
    pub kind: String,
    pub id: String,
    /// sleak's clock: since the apply started.
    pub elapsed_ms: u64,
    pub took_ms: u64,
    /// The bench's clock: since sleak was spawned.
    pub seen: Duration,
    /// Calibration only: the proxy records completed at that moment.
    pub completed: Vec<ProxyRecord>,
}

pub struct RunOutcome {
    pub wall: Duration,
    pub events: Vec<Event>,
    pub log: Vec<ProxyRecord>,
    pub stderr: String,
}

/// Runs `command` (a sleak command, its subcommand and arguments given: `onboard --yes`,
/// `apply --yes`) with sleak's JSON event stream, AWS behind `proxy`, and `parallelism`
/// when given. With `calibrate`, the proxy log is fetched at every `started` and
/// `finished` event (see [`Calibration`]).
pub fn run_sleak(
    mut command: Command,
    proxy: &AwsProxy,
    parallelism: Option<usize>,
    calibrate: bool,
) -> RunOutcome {
    // The workspace lease with its real lifetime (the harness shortens it for tests that
    // kill sleak): no renewal lands among a run's requests.
    command
        .env_remove("SLEAK_LEASE_TTL")
        .env("AWS_ENDPOINT_URL", &proxy.url)
        .args(["--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(parallelism) = parallelism {
        command.args(["--parallelism", &parallelism.to_string()]);
    }
    let what = command
        .get_args()
        .next()
        .map(|arg| arg.to_string_lossy().into_owned())
        .unwrap_or_default();
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
        "sleak {what} failed ({status}):\n{stderr}"
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

/// A no-change re-run changes nothing: its only writes are the workspace lease's.
pub fn assert_no_change(rerun: &RunOutcome) {
    let changes: Vec<String> = rerun
        .log
        .iter()
        .filter(|record| record.mutating && !record.is_lease())
        .map(ProxyRecord::label)
        .collect();
    assert!(
        changes.is_empty(),
        "the re-run changed something ({}):\n{}",
        changes.join(", "),
        rerun.stderr
    );
}

// ── The plan ────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub kind: String,
    pub scope: String,
    pub depends_on: Vec<String>,
}

/// The operation of a request: the proxy names REST calls `METHOD path`; the two Route53
/// reads of an observation get their operation names.
pub fn operation(record: &ProxyRecord) -> String {
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

pub fn plan_nodes(context: &TestContext) -> Vec<Node> {
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

pub struct Calibration {
    pub latency_ms: u64,
    /// Requests before the first step (preflight), in order.
    pub pre: Vec<ProxyRecord>,
    /// Requests of each step, in order.
    pub steps: BTreeMap<String, Vec<ProxyRecord>>,
    /// Each step's duration in the calibration run.
    pub took_ms: HashMap<String, u64>,
    /// Requests after the last step (the post-apply observation and delegation).
    pub post: Vec<ProxyRecord>,
    pub all: Vec<ProxyRecord>,
}

impl Calibration {
    pub fn from_run(run: &RunOutcome, latency_ms: u64) -> Self {
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
    pub fn moto_ms(&self, record: &ProxyRecord) -> u64 {
        record.elapsed_ms.saturating_sub(self.latency_ms)
    }

    /// The least moto time seen for an action: its cost when nothing else runs.
    pub fn moto_ms_of(&self, action: &str) -> u64 {
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
pub struct Cost {
    pub requests: u64,
    pub moto_ms: u64,
    pub wait_ms: u64,
}

impl Cost {
    pub fn add(self, other: Cost) -> Cost {
        Cost {
            requests: self.requests + other.requests,
            moto_ms: self.moto_ms + other.moto_ms,
            wait_ms: self.wait_ms + other.wait_ms,
        }
    }
    pub fn latency_ms(self, latency: u64) -> u64 {
        self.requests * latency
    }
    pub fn with_moto_ms(self, latency: u64) -> u64 {
        self.latency_ms(latency) + self.moto_ms
    }
    pub fn with_waits_ms(self, latency: u64) -> u64 {
        self.with_moto_ms(latency) + self.wait_ms
    }
    pub fn of(records: &[ProxyRecord], calibration: &Calibration) -> Cost {
        Cost {
            requests: records.len() as u64,
            moto_ms: records.iter().map(|r| calibration.moto_ms(r)).sum(),
            wait_ms: 0,
        }
    }
}

/// The weight of every step on a chain, with the shared once-per-account requests moved
/// to where every dependent chain pays them.
pub fn step_costs(nodes: &[Node], calibration: &Calibration) -> HashMap<String, Cost> {
    let scope_of: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut costs: HashMap<String, Cost> = HashMap::new();
    let mut assume: HashMap<String, Vec<ProxyRecord>> = HashMap::new();
    let mut once: HashMap<(String, String), ProxyRecord> = HashMap::new();
    let mut once_kind: HashMap<String, String> = HashMap::new();
    for (id, records) in &calibration.steps {
        let node = scope_of[id.as_str()];
        let mut own = Vec::new();
        for record in records {
            if record.is_lease() {
                // A renewal of the workspace lease: no step's.
                continue;
            }
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
pub fn longest_path(
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
/// the same greedy start order as src/reconcile/executor.rs (among ready steps, the one
/// with the longest chain of steps waiting on it first, then plan order).
pub fn simulate(
    nodes: &[Node],
    steps: &HashSet<String>,
    parallelism: usize,
    weight: impl Fn(&str) -> u64,
) -> u64 {
    let mut pending: Vec<&Node> = nodes.iter().filter(|n| steps.contains(&n.id)).collect();
    let mut heights: HashMap<&str, usize> = HashMap::new();
    for node in pending.iter().rev() {
        let height = 1 + pending
            .iter()
            .filter(|other| other.depends_on.contains(&node.id))
            .filter_map(|other| heights.get(other.id.as_str()))
            .max()
            .copied()
            .unwrap_or(0);
        heights.insert(&node.id, height);
    }
    pending.sort_by_key(|node| std::cmp::Reverse(heights[node.id.as_str()]));
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
pub fn observation_chain(records: &[ProxyRecord], calibration: &Calibration) -> (Cost, String) {
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

pub fn secs(ms: u64) -> String {
    format!("{:.2} s", ms as f64 / 1000.0)
}

pub fn ratio(wall: Duration, floor_ms: u64) -> String {
    if floor_ms == 0 {
        return "-".to_owned();
    }
    format!("{:.2}×", wall.as_millis() as f64 / floor_ms as f64)
}

pub fn by_service(log: &[ProxyRecord]) -> String {
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
pub fn explain_apply(
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

// ── One benchmark's analysis: calibration, floors, report ──────────────────

/// What the calibration run taught: the steps applied and each one's chain of requests.
pub struct Analysis {
    pub latency: u64,
    pub calibration_ms: u64,
    /// The executor model's slots: `--parallelism`, or sleak's default (8).
    pub parallelism: usize,
    pub nodes: Vec<Node>,
    pub steps: HashSet<String>,
    pub costs: HashMap<String, Cost>,
    pub calibration: Calibration,
}

/// The longest dependent chain of steps, in the three currencies.
pub struct ApplyFloor {
    pub latency_ms: u64,
    pub path: Vec<String>,
    pub moto_ms: u64,
    pub moto_path: Vec<String>,
    pub waits_ms: u64,
}

/// One row of the results table.
pub struct Row<'a> {
    pub label: &'a str,
    pub run: &'a RunOutcome,
    pub floor_ms: u64,
    pub floor_moto_ms: u64,
}

pub const TARGET: f64 = 1.5;

impl Analysis {
    /// Step 1 of every benchmark: `command` run once with `--parallelism 1` at the
    /// calibration latency (the caller has prepared moto and the proxy's other knobs).
    pub fn calibrate(
        command: Command,
        proxy: &AwsProxy,
        nodes: Vec<Node>,
        options: &Options,
    ) -> Analysis {
        proxy.clear_log();
        proxy.set_latency(options.calibration_ms);
        let run = run_sleak(command, proxy, Some(1), true);
        let calibration = Calibration::from_run(&run, options.calibration_ms);
        let steps: HashSet<String> = calibration.steps.keys().cloned().collect();
        let costs = step_costs(&nodes, &calibration);
        Analysis {
            latency: options.latency_ms,
            calibration_ms: options.calibration_ms,
            parallelism: options.parallelism.unwrap_or(8),
            nodes,
            steps,
            costs,
            calibration,
        }
    }

    pub fn apply_floor(&self) -> ApplyFloor {
        let latency = self.latency;
        let longest = |weight: &dyn Fn(&Cost) -> u64| {
            longest_path(&self.nodes, &self.steps, |id| weight(&self.costs[id]))
        };
        let (latency_ms, path) = longest(&|cost| cost.latency_ms(latency));
        let (moto_ms, moto_path) = longest(&|cost| cost.with_moto_ms(latency));
        let (waits_ms, _) = longest(&|cost| cost.with_waits_ms(latency));
        ApplyFloor {
            latency_ms,
            path,
            moto_ms,
            moto_path,
            waits_ms,
        }
    }

    /// The results table: wall time, floor and ratio of each measured run.
    pub fn print_rows(&self, rows: &[Row]) {
        let verdict = |wall: Duration, floor: u64| {
            if wall.as_millis() as f64 <= TARGET * floor as f64 {
                "within target"
            } else {
                "ABOVE target"
            }
        };
        println!(
            "{:<22} {:>9} {:>9} {:>7} {:>13} {:>7} {:>9}  requests",
            "", "wall", "floor", "ratio", "floor+moto", "ratio", ""
        );
        for row in rows {
            let log = &row.run.log;
            println!(
                "{:<22} {:>9} {:>9} {:>7} {:>13} {:>7} {:>9}  {} ({} mutating; {})",
                row.label,
                secs(row.run.wall.as_millis() as u64),
                secs(row.floor_ms),
                ratio(row.run.wall, row.floor_ms),
                secs(row.floor_moto_ms),
                ratio(row.run.wall, row.floor_moto_ms),
                verdict(row.run.wall, row.floor_ms),
                log.len(),
                log.iter().filter(|r| r.mutating).count(),
                by_service(log),
            );
        }
    }

    /// The apply chain lines of the floors section.
    pub fn print_apply_chain(&self, floor: &ApplyFloor) {
        println!(
            "  apply chain ({} steps): {}",
            floor.path.len(),
            floor.path.join(" → ")
        );
        if floor.moto_path != floor.path {
            println!(
                "  apply chain counting moto's time: {}",
                floor.moto_path.join(" → ")
            );
        }
    }

    /// "Where the time goes" of a fresh run: its phases against their floors, the chain
    /// that ended the apply phase, the executor model, and moto's own processing.
    pub fn print_time_breakdown(
        &self,
        fresh: &RunOutcome,
        pre_floor_ms: u64,
        apply_floor_ms: u64,
        post_floor_ms: u64,
    ) {
        let latency = self.latency;
        let parallelism = self.parallelism;
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
            secs(pre_floor_ms),
            secs(last_step.saturating_sub(first_step).as_millis() as u64),
            secs(apply_floor_ms),
            secs(fresh.wall.saturating_sub(last_step).as_millis() as u64),
            secs(post_floor_ms),
        );
        explain_apply(fresh, &self.nodes, &self.steps, &self.costs, latency);
        let model = |slots: usize, weight: &dyn Fn(&Cost) -> u64| {
            simulate(&self.nodes, &self.steps, slots, |id| {
                weight(&self.costs[id])
            })
        };
        println!(
            "  executor model (same greedy order, each step = its requests' latency + moto time + waits): {} with parallelism {parallelism}, {} unbounded; latency only: {} with parallelism {parallelism} vs floor {}",
            secs(model(parallelism, &|cost| cost.with_waits_ms(latency))),
            secs(model(usize::MAX, &|cost| cost.with_waits_ms(latency))),
            secs(model(parallelism, &|cost| cost.latency_ms(latency))),
            secs(apply_floor_ms),
        );
        let calibration = &self.calibration;
        let moto_work: u64 = calibration
            .all
            .iter()
            .map(|record| calibration.moto_ms(record))
            .sum();
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
    }

    /// The chain of requests of each kind of step, from the calibration run.
    pub fn print_step_kinds(&self, note: &str) {
        println!(
            "Sequential requests per step (calibration run, {} ms{note}):",
            self.calibration_ms
        );
        let mut by_kind: BTreeMap<String, (usize, Cost, String)> = BTreeMap::new();
        for node in self.nodes.iter().filter(|n| self.steps.contains(&n.id)) {
            let cost = self.costs[&node.id];
            let entry = by_kind
                .entry(node.kind.clone())
                .or_insert_with(|| (0, cost, String::new()));
            entry.0 += 1;
            if entry.2.is_empty() {
                entry.2 = self.calibration.steps[&node.id]
                    .iter()
                    .map(operation)
                    .collect::<Vec<_>>()
                    .join(" → ");
            }
            if cost.requests > entry.1.requests {
                entry.1 = cost;
            }
        }
        for (kind, (count, cost, actions)) in &by_kind {
            println!(
                "  {kind:<30} ×{count:<3} up to {} req, +{} ms moto, +{} ms waits  e.g. {actions}",
                cost.requests, cost.moto_ms, cost.wait_ms
            );
        }
    }
}

/// The chain of requests that decided when `records` ended, as the run made them: from
/// the last answer back, each request's predecessor is the one answered last before it
/// arrived (the proxy's clock). It follows sleak's own ordering (waves, what it does one
/// at a time), not only what depends on what: beside the structural
/// [`observation_chain`], which is a lower bound, it shows what sleak actually waited on.
pub fn observed_chain(records: &[ProxyRecord]) -> Vec<&ProxyRecord> {
    let answered: Vec<&ProxyRecord> = records
        .iter()
        .filter(|record| record.answered_ms.is_some())
        .collect();
    let Some(mut at) = answered.iter().max_by_key(|r| r.answered_ms).copied() else {
        return Vec::new();
    };
    let mut chain = vec![at];
    while let Some(previous) = answered
        .iter()
        .filter(|r| r.answered_ms.is_some_and(|t| t <= at.arrived_ms))
        .max_by_key(|r| (r.answered_ms, r.seq))
        .copied()
    {
        chain.push(previous);
        at = previous;
    }
    chain.reverse();
    chain
}

/// A phase outside the steps (preflight and observation, post-apply), as a chain.
pub struct Phase {
    pub label: &'static str,
    pub cost: Cost,
    /// The chain's requests, for the report (empty: the phase's requests in order).
    pub chain: String,
    /// Observations: the requests one after another in time ([`observed_chain`]).
    pub observed: Option<(usize, String)>,
}

impl Phase {
    /// Every request of `records` one after the other.
    pub fn serial(
        label: &'static str,
        records: &[ProxyRecord],
        calibration: &Calibration,
    ) -> Phase {
        Phase {
            label,
            cost: Cost::of(records, calibration),
            chain: records
                .iter()
                .map(operation)
                .collect::<Vec<_>>()
                .join(" → "),
            observed: None,
        }
    }

    /// An observation's structural chain ([`observation_chain`]).
    pub fn observation(
        label: &'static str,
        records: &[ProxyRecord],
        calibration: &Calibration,
    ) -> Phase {
        let (cost, chain) = observation_chain(records, calibration);
        let observed = observed_chain(records);
        let names = observed
            .iter()
            .map(|record| operation(record))
            .collect::<Vec<_>>()
            .join(" → ");
        Phase {
            label,
            cost,
            chain,
            observed: Some((observed.len(), names)),
        }
    }
}

/// The floors of a fresh run (before the steps + the steps' longest chain + after them)
/// and of a no-change re-run.
pub struct Floors {
    pub pre: Phase,
    pub apply: ApplyFloor,
    pub post: Phase,
    pub rerun: Phase,
}

impl Analysis {
    /// The floors, with the phases before and after the steps as the scenario has them,
    /// and the re-run's from its observation.
    pub fn floors(&self, pre: Phase, post: Phase, rerun: &[ProxyRecord]) -> Floors {
        Floors {
            pre,
            apply: self.apply_floor(),
            post,
            rerun: Phase::observation("re-run", rerun, &self.calibration),
        }
    }
}

impl Floors {
    pub fn fresh_ms(&self, latency: u64) -> u64 {
        self.pre.cost.latency_ms(latency)
            + self.apply.latency_ms
            + self.post.cost.latency_ms(latency)
    }
    pub fn fresh_moto_ms(&self, latency: u64) -> u64 {
        self.pre.cost.with_moto_ms(latency)
            + self.apply.moto_ms
            + self.post.cost.with_moto_ms(latency)
    }
    pub fn fresh_waits_ms(&self, latency: u64) -> u64 {
        self.pre.cost.with_moto_ms(latency)
            + self.apply.waits_ms
            + self.post.cost.with_moto_ms(latency)
    }
}

impl Analysis {
    /// The report after the title: the results table (`rows`: the label, the run and
    /// whether it is fresh or a re-run), the floors and where the time of `fresh` went.
    pub fn report(&self, rows: &[(&str, &RunOutcome, bool)], floors: &Floors, fresh: &RunOutcome) {
        let latency = self.latency;
        let rows: Vec<Row> = rows
            .iter()
            .map(|&(label, run, is_fresh)| Row {
                label,
                run,
                floor_ms: if is_fresh {
                    floors.fresh_ms(latency)
                } else {
                    floors.rerun.cost.latency_ms(latency)
                },
                floor_moto_ms: if is_fresh {
                    floors.fresh_moto_ms(latency)
                } else {
                    floors.rerun.cost.with_moto_ms(latency)
                },
            })
            .collect();
        self.print_rows(&rows);
        println!();
        println!("Floors (longest chain of dependent requests; target: wall ≤ {TARGET}× floor):");
        let fresh_floor = floors.fresh_ms(latency);
        println!(
            "  fresh: {} {} req + apply {} req + {} {} req = {} req → {} at {latency} ms",
            floors.pre.label,
            floors.pre.cost.requests,
            floors.apply.latency_ms / latency.max(1),
            floors.post.label,
            floors.post.cost.requests,
            fresh_floor / latency.max(1),
            secs(fresh_floor)
        );
        println!(
            "         with moto's own time: {}; plus sleak's deliberate waits (poll sleeps): {}",
            secs(floors.fresh_moto_ms(latency)),
            secs(floors.fresh_waits_ms(latency))
        );
        let observed = |phase: &Phase| {
            if let Some((count, names)) = &phase.observed {
                println!(
                    "    as sleak made it (each request after the last answer before it, in time): {count} req → {}: {names}",
                    secs(*count as u64 * latency)
                );
            }
        };
        println!("  {} chain: {}", floors.pre.label, floors.pre.chain);
        observed(&floors.pre);
        self.print_apply_chain(&floors.apply);
        println!("  {} chain: {}", floors.post.label, floors.post.chain);
        observed(&floors.post);
        println!(
            "  re-run: {} req → {} ({} with moto): {}",
            floors.rerun.cost.requests,
            secs(floors.rerun.cost.latency_ms(latency)),
            secs(floors.rerun.cost.with_moto_ms(latency)),
            floors.rerun.chain
        );
        observed(&floors.rerun);
        println!();
        self.print_time_breakdown(
            fresh,
            floors.pre.cost.latency_ms(latency),
            floors.apply.latency_ms,
            floors.post.cost.latency_ms(latency),
        );
    }
}

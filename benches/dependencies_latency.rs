//! Benchmark (issue 11): `sleak apply --yes` of one ProjectEnv holding one dependency of
//! each kind, with a fixed latency added to every AWS request, against the floor of its
//! longest dependent chain. Target: within 1.5× of the floor.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench dependencies_latency
//! CARGO_TARGET_DIR=/work/target-bench cargo bench --bench dependencies_latency -- --latency-ms 50
//! ```
//!
//! Knobs as benches/onboard_latency.rs: `--latency-ms` / `BENCH_LATENCY_MS` (100),
//! `--parallelism` / `BENCH_PARALLELISM` (sleak's default when unset),
//! `--calibration-latency-ms` / `BENCH_CALIBRATION_LATENCY_MS` (50).
//!
//! # The scenario
//!
//! [`WORKSPACE`] and [`DEPENDENCIES`]: the management and development accounts (no
//! VPN), a cluster brought along (`[clusters.local] context = "sandbox"`: sleak's own
//! Kubernetes API stand-in, so no EKS chain), the environment `preview` on it in the development account, and one
//! project whose ProjectEnv holds a plain variable and one dependency of each kind:
//! postgres, mysql, redis, memcached, s3, sqs (with a dead-letter queue). Every kind whose
//! resources `sleak apply` builds is measured: the steps are whatever the apply runs
//! (from its event stream), the graph is `sleak plan --offline --output json`; nothing
//! is a hand-kept list of steps. A dependency whose AWS resource this build plans
//! without a spec (no step in `sleak plan` against AWS) cannot be applied at all (its
//! Secret waits for it): it is left out of the workspace, and the report says so.
//!
//! Before each fresh apply (not timed): moto emptied, a new stand-in, `sleak onboard
//! --yes` with no added latency. Timed: the fresh `sleak apply --yes` with the latency on
//! every AWS request, then a no-change re-run. Requests to the Kubernetes stand-in go
//! straight to it with no added latency (they are not AWS requests): Kubernetes steps
//! weigh nothing in the floor and take a few milliseconds in the runs.
//!
//! The proxy's `busy_describes` (a new database or cache answering "creating" to its next
//! N describes, as AWS does for minutes) is 0 for the calibration and the runs whose
//! ratio is reported: moto makes them available at once, and the floor counts requests,
//! not AWS's creation time. A third run, fresh with `busy_describes = 2`, shows what two
//! "not yet" looks add (two describes and sleak's poll pauses, 200 ms then 400 ms): its
//! ratio is against the same floor, so it is not the target's figure.
//!
//! # The floor
//!
//! As benches/onboard_latency.rs tells (shared code: benches/latency/mod.rs): each
//! step's requests from a `--parallelism 1` calibration run, the longest path through
//! the plan's graph with each step weighing `requests × latency`. Before the steps comes
//! the preflight and the observation of everything the workspace holds (sleak reads the
//! accounts' networks, the dependencies and the cluster's objects in waves); its chain is
//! the structural observation chain of benches/latency/mod.rs (`observation_chain`:
//! GetCallerIdentity → DescribeOrganization → ListAccounts → AssumeRole → the longest
//! single read → GetHostedZone), which leaves out the lease's requests and chained
//! reads, so it is a lower bound; the chain as sleak made it (from the proxy's arrival and
//! answer times) is printed beside it. After the steps the lease is released (GET →
//! DELETE): the post phase. The re-run's floor is its observation's chain.

#[path = "../tests/common/mod.rs"]
mod common;
mod latency;
#[path = "../tests/support_sandbox/mod.rs"]
mod support_sandbox;

use common::TestContext;
use common::proxy::AwsProxy;
use latency::{Analysis, Phase, RunOutcome, options, plan_nodes, run_sleak};
use support_sandbox::{Sandbox, fast_options, peers_bin};

/// The organization, the cluster brought along (the stand-in, kubeconfig context
/// `sandbox`) and the ProjectEnv with a plain variable; [`DEPENDENCIES`] follow.
const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[accounts.management]
network = { cidr = "10.0.0.0/16", availability_zones = 2, nat = "shared" }

[accounts.development]
network = { cidr = "10.1.0.0/16", availability_zones = 2, nat = "shared" }

[vpn]
enabled = false

[clusters.local]
context = "sandbox"

[environments.preview]
cluster = "local"
account = "development"

[projects.api.envs.preview]
namespace = "api-preview"
variables = { LOG_LEVEL = "info" }
"#;

/// One dependency of each kind: its name and its settings.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("db", "kind = \"postgres\""),
    ("reports", "kind = \"mysql\""),
    ("cache", "kind = \"redis\""),
    ("sessions", "kind = \"memcached\""),
    ("files", "kind = \"s3\""),
    ("jobs", "kind = \"sqs\"\ndead_letter_max_receives = 5"),
];

/// The workspace with the dependencies not in `left_out`.
fn workspace(left_out: &[String]) -> String {
    let mut text = WORKSPACE.to_owned();
    for (name, settings) in DEPENDENCIES {
        if !left_out.iter().any(|out| out == name) {
            text.push_str(&format!(
                "\n[projects.api.envs.preview.dependencies.{name}]\n{settings}\n"
            ));
        }
    }
    text
}

/// The dependencies `sleak apply` cannot build with this binary: those with an AWS
/// resource in the offline plan that the plan against AWS has no step for (planned
/// without a spec). Their Secret would wait for it for ever, so they are left out.
fn not_built(nodes: &[latency::Node], plan: &serde_json::Value) -> Vec<String> {
    let steps: Vec<&str> = plan["steps"]
        .as_array()
        .expect("the plan's steps")
        .iter()
        .filter_map(|step| step["id"].as_str())
        .collect();
    let mut out: Vec<String> = nodes
        .iter()
        .filter(|node| !node.kind.starts_with("kubernetes:") && !steps.contains(&node.id.as_str()))
        .filter_map(|node| {
            let (_, rest) = node.id.split_once("/dependency/")?;
            Some(rest.split('/').next()?.to_owned())
        })
        .collect();
    out.dedup();
    out
}

/// The workspace, moto behind the proxy, and the current stand-in.
struct Bench {
    context: TestContext,
    _moto: common::MotoGuard,
    proxy: AwsProxy,
    sandbox: Option<Sandbox>,
}

impl Bench {
    /// `sleak ARGS` for the stand-in's kubeconfig and the real helm.
    fn sleak(&self, args: &[&str]) -> std::process::Command {
        let helm = self.context.root.path().join("helm");
        let sandbox = self.sandbox.as_ref().expect("a stand-in");
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", &self.proxy.url)
            .env("KUBECONFIG", &sandbox.kubeconfig)
            .env("SLEAK_HELM", peers_bin().join("helm"))
            .env("HELM_CACHE_HOME", helm.join("cache"))
            .env("HELM_CONFIG_HOME", helm.join("config"))
            .env("HELM_DATA_HOME", helm.join("data"))
            .args(args);
        command
    }

    /// Not timed: empty moto and a new stand-in, `sleak onboard --yes` at no latency, then
    /// an empty log and `busy_describes` for what the apply creates.
    fn prepare(&mut self, busy_describes: u32) {
        self.sandbox = None;
        self.sandbox = Some(Sandbox::start(fast_options()));
        self.proxy.reset_moto();
        self.proxy.reset();
        let output = self
            .sleak(&["onboard", "--yes"])
            .output()
            .expect("sleak onboard runs");
        assert!(
            output.status.success(),
            "sleak onboard failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.proxy.clear_log();
        self.proxy.set_busy_describes(busy_describes);
    }

    /// A timed `sleak apply --yes` at `latency`.
    fn apply(&self, latency: u64, parallelism: Option<usize>) -> RunOutcome {
        self.proxy.clear_log();
        self.proxy.set_latency(latency);
        run_sleak(
            self.sleak(&["apply", "--yes"]),
            &self.proxy,
            parallelism,
            false,
        )
    }
}

fn main() {
    let options = options();
    let latency = options.latency_ms;
    let (context, moto) = TestContext::with_moto();
    context.write("sleak.toml", &workspace(&[]));
    let proxy = AwsProxy::start(moto.url());
    let mut nodes = plan_nodes(&context);
    let mut bench = Bench {
        context,
        _moto: moto,
        proxy,
        sandbox: None,
    };
    eprintln!(
        "dependencies_latency: {latency} ms per AWS request, parallelism {}, calibrating with {} ms",
        options
            .parallelism
            .map_or("default".to_owned(), |n| n.to_string()),
        options.calibration_ms
    );

    // 0. What this binary's `apply` builds: the plan against the onboarded organization.
    bench.prepare(0);
    let plan = bench
        .sleak(&["plan", "--output", "json"])
        .output()
        .expect("sleak plan runs");
    assert!(plan.status.success(), "sleak plan failed");
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("plan JSON");
    let left_out = not_built(&nodes, &plan);
    if !left_out.is_empty() {
        bench.context.write("sleak.toml", &workspace(&left_out));
        nodes = plan_nodes(&bench.context);
    }

    // 1. Calibration: one step at a time, on a freshly onboarded organization.
    let analysis = Analysis::calibrate(
        bench.sleak(&["apply", "--yes"]),
        &bench.proxy,
        nodes,
        &options,
    );

    // 2. The measured runs: fresh and no-change with the databases available at once,
    // then fresh with two "creating" answers per database and cache.
    bench.prepare(0);
    let fresh = bench.apply(latency, options.parallelism);
    let rerun = bench.apply(latency, options.parallelism);
    latency::assert_no_change(&rerun);
    bench.prepare(2);
    let busy = bench.apply(latency, options.parallelism);

    // 3. Floors.
    let calibration = &analysis.calibration;
    let floors = analysis.floors(
        Phase::observation("preflight and observation", &calibration.pre, calibration),
        Phase::serial("after the steps", &calibration.post, calibration),
        &rerun.log,
    );

    // 4. Report.
    println!();
    println!(
        "sleak apply --yes of one ProjectEnv with one dependency of each kind applied ({} steps), {latency} ms added to every AWS request (moto behind the recording proxy); Kubernetes requests go to sleak's stand-in with no added latency",
        analysis.steps.len()
    );
    if !left_out.is_empty() {
        println!(
            "left out: {} (planned without a spec: `sleak apply` of this build does not make them)",
            left_out
                .iter()
                .map(|name| {
                    let kind = DEPENDENCIES
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or("", |(_, settings)| settings.lines().next().unwrap_or(""));
                    format!("{name} ({kind})")
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!();
    analysis.report(
        &[
            ("fresh apply", &fresh, true),
            ("no-change re-run", &rerun, false),
            ("fresh, busy_describes 2", &busy, true),
        ],
        &floors,
        &fresh,
    );
    println!(
        "  (busy_describes 2: databases and caches answer \"creating\" twice, as AWS does for minutes; the floor above does not count those looks nor sleak's pauses between them)"
    );
    println!();
    analysis.print_step_kinds("; Kubernetes steps make no AWS request");
}

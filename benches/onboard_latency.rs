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
//! The calibration, the floors and the report are benches/latency/mod.rs, shared with
//! benches/dependencies_latency.rs.
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
mod latency;

use common::TestContext;
use common::proxy::AwsProxy;
use latency::{Analysis, Phase, options, plan_nodes, run_sleak};

fn main() {
    let options = options();
    let latency = options.latency_ms;
    let (context, moto) = TestContext::with_moto();
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let proxy = AwsProxy::start(moto.url());
    let onboard = || {
        let mut command = context.sleak();
        command.args(["onboard", "--yes"]);
        command
    };
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
    let analysis = Analysis::calibrate(onboard(), &proxy, plan_nodes(&context), &options);

    // 2. The measured runs.
    proxy.reset_moto();
    proxy.reset();
    proxy.set_latency(latency);
    let fresh = run_sleak(onboard(), &proxy, options.parallelism, false);
    proxy.reset();
    proxy.set_latency(latency);
    let rerun = run_sleak(onboard(), &proxy, options.parallelism, false);
    latency::assert_no_change(&rerun);

    // 3. Floors: the preflight of a fresh onboarding is one chain (nothing exists to
    // observe yet); after the steps comes an observation (the delegation).
    let calibration = &analysis.calibration;
    let floors = analysis.floors(
        Phase::serial("preflight", &calibration.pre, calibration),
        Phase::observation("post-apply observation", &calibration.post, calibration),
        &rerun.log,
    );

    // 4. Report.
    println!();
    println!(
        "sleak onboard --yes, {latency} ms added to every AWS request (moto behind the recording proxy)"
    );
    println!();
    analysis.report(
        &[
            ("fresh onboard", &fresh, true),
            ("no-change re-run", &rerun, false),
        ],
        &floors,
        &fresh,
    );
    println!();
    analysis.print_step_kinds(
        "; shared AssumeRole and zone lookups moved as described in benches/onboard_latency.rs",
    );
}

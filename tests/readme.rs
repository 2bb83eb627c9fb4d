//! The README, run as written: its set-up command's main job (`sleak demo`), then every
//! line of its walkthrough, in order, in one bash session (so `eval` and `cd` carry on)
//! with sleak installed on PATH, the real kubectl and helm, and the aws CLI — against the
//! sandbox the demo starts. Each line must succeed and show what the README says it shows.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;
#[path = "support_shell/mod.rs"]
mod support_shell;

use support_shell::Shell;

const README: &str = include_str!("../README.md");
const MARKER: &str = "<!-- walkthrough:";

/// The lines of the first ```sh block after the walkthrough marker.
fn walkthrough(readme: &str) -> Vec<&str> {
    let start = readme
        .find(MARKER)
        .expect("README.md marks its walkthrough with `<!-- walkthrough: … -->`");
    let block = readme[start..]
        .split_once("```sh\n")
        .expect("a ```sh block after the marker")
        .1;
    let block = block.split_once("```").expect("the block ends").0;
    block
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

/// The README's two set-up commands, as written.
fn setup_commands(readme: &str) -> Vec<&str> {
    let section = readme
        .split_once("## Set-up: two commands")
        .expect("a set-up section")
        .1;
    let section = section
        .split_once("\n## ")
        .map_or(section, |(head, _)| head);
    section
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split_once("```").map(|(code, _)| code.trim()))
        .collect()
}

#[test]
fn the_setup_installs_sleak_and_runs_the_demo_and_ci_runs_the_test_command() {
    let commands = setup_commands(README);
    assert_eq!(
        commands,
        [
            "./install.sh && ~/.local/bin/sleak demo",
            "cargo test --locked"
        ],
        "the README's set-up is two commands"
    );
    let ci = std::fs::read_to_string(common::crate_root().join(".ci/run")).expect(".ci/run");
    let last = ci
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .unwrap();
    assert_eq!(
        last.trim(),
        commands[1],
        ".ci/run ends with the README's test command"
    );
}

#[test]
fn the_walkthrough_is_found() {
    let lines = walkthrough(README);
    assert_eq!(
        lines.first().copied().map(str::trim),
        Some(
            "sleak demo                                      # again: nothing changes, and it says so"
        )
    );
    assert!(lines.last().unwrap().starts_with("sleak sandbox down"));
    for line in lines {
        assert!(
            expectations(line).is_some(),
            "README line `{line}` is not known to tests/readme.rs: say there what it shows"
        );
    }
}

/// What each walkthrough line must print (stdout and stderr together), by its command;
/// `None` for a line this test does not know, which fails it: a README line changed here
/// must be changed in the test too.
fn expectations(line: &str) -> Option<&'static [&'static str]> {
    let command = line.split('#').next().unwrap_or(line).trim();
    Some(match command {
        "eval \"$(sleak sandbox env)\"" | "cd sleak-demo" => &[],
        "sleak demo" => &["Nothing changed: the demo was already in place"],
        "sleak status -p api -e staging" => &["web", "2/2", "https://web.staging.acme.dev"],
        "sleak dep list" => &["db", "files", "cache", "jobs", "dependency-db"],
        "sleak var list -p api -e staging -s web" => &["SESSION_SECRET", "••••••", "DB_HOST"],
        "kubectl get deployments,cronjobs,secrets -n api-staging" => &[
            "deployment.apps/web",
            "deployment.apps/worker",
            "cronjob.batch/nightly-report",
            "secret/dependency-db",
        ],
        "helm list -A" => &["api", "api-staging", "deployed"],
        "sleak releases -p api -e staging" => &["superseded", "deployed", "demo"],
        "sleak sandbox down" => &["Stopped"],
        "aws ec2 describe-vpcs --profile development --query 'Vpcs[].CidrBlock' --output text" => {
            &["10.1.0.0/16"]
        }
        "sleak var set LOG_LEVEL=info -p api -e staging && sleak apply --yes" => {
            &["LOG_LEVEL", "variables"]
        }
        "sleak deploy -p api -e staging --image-tag demo" => &["revision 2"],
        "sleak rollback -p api -e staging" => &["revision 3"],
        _ => return None,
    })
}

#[test]
fn the_walkthrough_runs_as_written_against_the_sandbox() {
    let Some(shell) = Shell::new() else {
        return;
    };
    // The set-up command's main job, with sleak on PATH as install.sh puts it.
    shell.must("sleak demo");

    let lines = walkthrough(README);
    // One session; a marker line on both streams before each README line, so that each
    // line's output can be told apart.
    let mut script = String::from("set -euo pipefail\n");
    for (index, line) in lines.iter().enumerate() {
        script.push_str(&format!(
            "echo '@@line {index}'; echo '@@line {index}' >&2\n{line}\n"
        ));
    }
    script.push_str("echo '@@end'\n");
    let output = shell.run(&script);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("@@end"),
        "the walkthrough stopped ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
    for (index, line) in lines.iter().enumerate() {
        let shown = format!("{}\n{}", section(&stdout, index), section(&stderr, index));
        let expected = expectations(line).unwrap_or_else(|| {
            panic!("README line `{line}` is not known to tests/readme.rs: say there what it shows")
        });
        for expected in expected {
            assert!(
                shown.contains(expected),
                "README line `{line}` did not show `{expected}`:\n{shown}"
            );
        }
    }
    // `sleak sandbox down` ended the sandbox: nothing answers any more.
    let after = shell.run("sleak sandbox status");
    assert!(
        !after.status.success(),
        "the sandbox still runs after `sleak sandbox down`"
    );
}

/// What the shell printed between the markers of line `index` and the next.
fn section(text: &str, index: usize) -> &str {
    let start = format!("@@line {index}\n");
    let Some((_, rest)) = text.split_once(&start) else {
        return "";
    };
    rest.split_once("@@line ")
        .or_else(|| rest.split_once("@@end"))
        .map_or(rest, |(head, _)| head)
}

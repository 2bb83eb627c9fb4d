//! The binary as users and scripts meet it: help, validation, plan, edits, init,
//! workspace discovery, output streams and exit codes.

mod common;

use common::{TestContext, crate_root};

fn example(context: &TestContext) -> std::path::PathBuf {
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml")
}

#[test]
fn every_help_page_is_pinned() {
    let context = TestContext::new();
    let pages: &[&[&str]] = &[
        &[],
        &["init"],
        &["validate"],
        &["plan"],
        &["project", "add"],
        &["env", "add"],
        &["dep", "add"],
        &["service", "add"],
        &["var", "set"],
        &["whoami"],
        &["completions"],
    ];
    for page in pages {
        let mut args: Vec<&str> = page.to_vec();
        args.push("--help");
        let run = context.run(&args).success();
        assert!(run.stderr.is_empty(), "help writes to stdout only");
        let name = if page.is_empty() {
            "help".to_owned()
        } else {
            format!("help-{}", page.join("-"))
        };
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn the_example_workspace_is_valid() {
    let context = TestContext::new();
    let run = context
        .run(&[
            "validate",
            "-C",
            crate_root().join("sleak.toml.example").to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.is_empty(),
        "text mode prints status on stderr only: {}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("3 accounts, 3 clusters, 3 environments, 2 projects"),
        "{}",
        run.stderr
    );
    let json = context
        .run(&[
            "validate",
            "--output",
            "json",
            "-C",
            crate_root().join("sleak.toml.example").to_str().unwrap(),
        ])
        .success()
        .json();
    assert_eq!(json["valid"], true);
    assert_eq!(json["counts"]["services"], 5);
}

#[test]
fn plan_json_is_byte_identical_across_runs_and_covers_every_resource_kind() {
    let context = TestContext::new();
    example(&context);
    let first = context
        .run(&["plan", "--offline", "--output", "json"])
        .success();
    let second = context
        .run(&["plan", "--offline", "--output", "json"])
        .success();
    assert_eq!(
        first.stdout, second.stdout,
        "plan output differs between runs"
    );
    let plan = first.json();
    let resources = plan["resources"].as_array().expect("resources");
    let kinds: std::collections::BTreeSet<&str> = resources
        .iter()
        .filter_map(|resource| resource["kind"].as_str())
        .collect();
    for kind in [
        "organizations:organization",
        "organizations:account",
        "ec2:vpc",
        "ec2:subnet",
        "ec2:internet-gateway",
        "ec2:elastic-ip",
        "ec2:nat-gateway",
        "ec2:route-table",
        "ec2:route-table-association",
        "ec2:route",
        "ec2:vpc-peering-connection",
        "ec2:security-group",
        "ec2:instance",
        "iam:role",
        "iam:instance-profile",
        "iam:oidc-provider",
        "rds:db-subnet-group",
        "route53:hosted-zone",
        "route53:record-set",
        "eks:cluster",
        "eks:nodegroup",
        "eks:addon",
        "eks:access-entry",
        "ecr:repository",
        "rds:db-instance",
        "s3:bucket",
        "elasticache:cache",
        "elasticache:subnet-group",
        "sqs:queue",
        "kubernetes:Namespace",
        "kubernetes:ResourceQuota",
        "kubernetes:LimitRange",
        "kubernetes:Secret",
        "kubernetes:HelmRelease",
    ] {
        assert!(
            kinds.contains(kind),
            "the plan has no `{kind}`; it has {kinds:?}"
        );
    }
    // Services reach the cluster through `sleak deploy`, not through the plan.
    for kind in [
        "kubernetes:Deployment",
        "kubernetes:Ingress",
        "kubernetes:CronJob",
        "kubernetes:HorizontalPodAutoscaler",
    ] {
        assert!(
            !kinds.contains(kind),
            "the plan lists a service object `{kind}`"
        );
    }
    // Ids are unique and every resource comes after everything it depends on.
    let mut seen = std::collections::BTreeSet::new();
    for resource in resources {
        let id = resource["id"].as_str().expect("id");
        for dependency in resource["depends_on"].as_array().expect("depends_on") {
            let dependency = dependency.as_str().expect("dependency id");
            assert!(
                seen.contains(dependency),
                "`{id}` is planned before its dependency `{dependency}`"
            );
        }
        assert!(seen.insert(id), "duplicate id `{id}`");
    }
    // The production account asked for 3 zones with a NAT gateway each.
    let production_nats = resources
        .iter()
        .filter(|resource| {
            resource["kind"] == "ec2:nat-gateway" && resource["scope"] == "production"
        })
        .count();
    assert_eq!(production_nats, 3);
    let development_nats = resources
        .iter()
        .filter(|resource| {
            resource["kind"] == "ec2:nat-gateway" && resource["scope"] == "development"
        })
        .count();
    assert_eq!(development_nats, 1);
}

/// The offline plan of the example, as it was before resource kinds moved to one
/// module each: the plan a workspace yields is not the code's to change by accident.
#[test]
fn the_offline_plan_of_the_example_is_unchanged() {
    let context = TestContext::new();
    example(&context);
    for (args, fixture) in [
        (
            &["plan", "--offline", "--output", "json"][..],
            "example-offline.json",
        ),
        (&["plan", "--offline"][..], "example-offline.txt"),
    ] {
        let run = context.run(args).success();
        let expected =
            std::fs::read_to_string(crate_root().join("tests/fixtures/plan").join(fixture))
                .expect("fixture");
        assert!(
            run.stdout == expected,
            "`sleak {}` differs from tests/fixtures/plan/{fixture}",
            args.join(" ")
        );
    }
}

#[test]
fn plan_prints_a_table_on_stdout_and_a_summary_on_stderr() {
    let context = TestContext::new();
    example(&context);
    let run = context.run(&["plan", "--offline"]).success();
    let header = run.stdout.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("#") && header.contains("RESOURCE") && header.contains("KIND"),
        "{header}"
    );
    assert!(run.stdout.contains("account/management/vpn/instance"));
    assert!(run.stderr.contains("resources to create"), "{}", run.stderr);
    assert!(!run.stdout.contains("resources to create"));
}

#[test]
fn service_add_keeps_every_comment_and_the_layout() {
    let context = TestContext::new();
    context.copy(
        crate_root().join("tests/fixtures/edit/commented.in.toml"),
        "sleak.toml",
    );
    context
        .run(&[
            "service",
            "add",
            "web",
            "--project",
            "api",
            "--env",
            "staging",
            "--kind",
            "web",
            "--port",
            "8080",
            "--health-path",
            "/healthz",
            "--var",
            "WEB_CONCURRENCY=4",
            "--",
            "bin/server",
            "--port",
            "8080",
        ])
        .success();
    let expected =
        std::fs::read_to_string(crate_root().join("tests/fixtures/edit/commented.out.toml"))
            .expect("expected output");
    let written = context.read("sleak.toml");
    assert_eq!(written, expected);
    let input = std::fs::read_to_string(crate_root().join("tests/fixtures/edit/commented.in.toml"))
        .expect("input");
    for comment in input
        .lines()
        .filter_map(|line| line.find('#').map(|at| &line[at..]))
    {
        assert!(written.contains(comment), "comment lost: {comment}");
    }
    context.run(&["validate"]).success();
}

#[test]
fn an_invalid_edit_writes_nothing() {
    let context = TestContext::new();
    let file = context.copy(
        crate_root().join("tests/fixtures/edit/commented.in.toml"),
        "sleak.toml",
    );
    let before = std::fs::read(&file).expect("read");
    let run = context
        .run(&[
            "service",
            "add",
            "Web_1",
            "--project",
            "api",
            "--env",
            "staging",
            "--kind",
            "web",
        ])
        .code(2);
    assert!(
        run.stderr.contains("not a valid service name"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("was not written"), "{}", run.stderr);
    let run = context
        .run(&[
            "service",
            "add",
            "job",
            "--project",
            "api",
            "--env",
            "staging",
            "--kind",
            "cron",
            "--schedule",
            "99 * * * *",
        ])
        .code(2);
    assert!(run.stderr.contains("minute field"), "{}", run.stderr);
    let run = context
        .run(&[
            "dep",
            "add",
            "db",
            "--project",
            "api",
            "--env",
            "staging",
            "--kind",
            "s3",
            "--storage-gib",
            "30",
        ])
        .code(2);
    assert!(
        run.stderr
            .contains("`storage_gib` is not an option of a `s3` dependency"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the file changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&context.work)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != "sleak.toml")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn adding_the_same_name_twice_is_refused() {
    let context = TestContext::new();
    example(&context);
    let run = context.run(&["project", "add", "api"]).code(2);
    assert!(
        run.stderr.contains("project `api` already exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
}

#[test]
fn projects_envs_dependencies_and_services_round_trip_through_the_file() {
    let context = TestContext::new();
    example(&context);
    context
        .run(&["env", "add", "qa", "--cluster", "dev"])
        .success();
    context
        .run(&[
            "project",
            "add",
            "billing",
            "--env",
            "qa",
            "--keep-images",
            "5",
        ])
        .success();
    context
        .run(&[
            "dep",
            "add",
            "ledger",
            "--project",
            "billing",
            "--env",
            "qa",
            "--kind",
            "mysql",
            "--set",
            "engine_version=8.0",
            "--set",
            "multi_az=true",
        ])
        .success();
    context
        .run(&[
            "service",
            "add",
            "sync",
            "--project",
            "billing",
            "--env",
            "qa",
            "--kind",
            "cron",
            "--schedule",
            "*/15 * * * *",
            "--",
            "bin/sync",
        ])
        .success();
    let text = context.read("sleak.toml");
    assert!(
        text.contains("[environments.qa]\ncluster = \"dev\""),
        "{text}"
    );
    assert!(
        text.contains("engine_version = \"8.0\""),
        "a string option stays a string: {text}"
    );
    assert!(text.contains("multi_az = true"), "{text}");
    assert!(
        text.contains("[projects.billing]\nrepository = { keep_images = 5 }"),
        "{text}"
    );
    let projects = context
        .run(&["project", "list", "--output", "json"])
        .success()
        .json();
    let billing = projects
        .as_array()
        .unwrap()
        .iter()
        .find(|project| project["name"] == "billing")
        .expect("billing listed");
    assert_eq!(billing["environments"][0]["namespace"], "billing-qa");
    let dependencies = context
        .run(&[
            "dep",
            "list",
            "--project",
            "billing",
            "--offline",
            "--output",
            "json",
        ])
        .success()
        .json();
    assert_eq!(dependencies[0]["resource"], "billing-qa-ledger");
    assert_eq!(dependencies[0]["settings"]["multi_az"], true);
    let services = context
        .run(&["service", "list", "-p", "billing", "--output", "json"])
        .success()
        .json();
    assert_eq!(services[0]["schedule"], "*/15 * * * *");
    let table = context.run(&["env", "list"]).success();
    assert!(table.stdout.contains("qa.acme.dev"), "{}", table.stdout);
    // Removing an environment a project still uses would leave the file invalid.
    let run = context.run(&["env", "remove", "qa"]).code(2);
    assert!(
        run.stderr.contains("unknown environment `qa`"),
        "{}",
        run.stderr
    );
    context
        .run(&["service", "remove", "sync", "-p", "billing", "-e", "qa"])
        .success();
    context
        .run(&[
            "dep",
            "remove",
            "ledger",
            "-p",
            "billing",
            "-e",
            "qa",
            "--workspace-only",
        ])
        .success();
    context.run(&["project", "remove", "billing"]).success();
    context.run(&["env", "remove", "qa"]).success();
    let after = context.read("sleak.toml");
    assert!(
        !after.contains("billing") && !after.contains("[environments.qa]"),
        "{after}"
    );
    context.run(&["validate"]).success();
}

#[test]
fn missing_choices_are_an_error_with_a_hint_when_not_on_a_terminal() {
    let context = TestContext::new();
    example(&context);
    let run = context
        .run(&["service", "add", "web2", "--kind", "web"])
        .code(2);
    assert!(
        run.stderr
            .contains("`--project` is required when not on a terminal"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: pass `--project` with one of: api, frontend"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_writes_a_valid_workspace_and_never_overwrites_one() {
    let context = TestContext::new();
    let run = context
        .run(&[
            "init",
            "--name",
            "acme",
            "--domain",
            "acme.dev",
            "--email",
            "ops@acme.dev",
            "--admin-cidr",
            "198.51.100.0/24",
        ])
        .success();
    assert!(run.stderr.contains("Created sleak.toml"), "{}", run.stderr);
    let text = context.read("sleak.toml");
    assert!(
        text.contains("admin_cidrs = [\"198.51.100.0/24\"]"),
        "{text}"
    );
    context.run(&["validate"]).success();
    let run = context
        .run(&[
            "init",
            "--name",
            "other",
            "--domain",
            "other.dev",
            "--email",
            "ops@other.dev",
            "--admin-cidr",
            "198.51.100.0/24",
        ])
        .code(2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        context.read("sleak.toml"),
        text,
        "init overwrote the workspace"
    );
}

#[test]
fn init_without_a_terminal_names_the_missing_flag() {
    let context = TestContext::new();
    let run = context.run(&["init", "--domain", "acme.dev"]).code(2);
    assert!(
        run.stderr
            .contains("`--name` is required when not on a terminal"),
        "{}",
        run.stderr
    );
    let run = context
        .run(&[
            "init",
            "--name",
            "Bad_Name",
            "--domain",
            "acme.dev",
            "--email",
            "a@acme.dev",
            "--admin-cidr",
            "1.2.3.4/32",
        ])
        .code(2);
    assert!(
        run.stderr.contains("not valid for `--name`"),
        "{}",
        run.stderr
    );
    assert!(!context.work.join("sleak.toml").exists());
}

#[test]
fn the_nearest_workspace_upward_is_used() {
    let context = TestContext::new();
    example(&context);
    let nested = context.work.join("services/api");
    std::fs::create_dir_all(&nested).expect("nested folder");
    let run = common::Run::from(
        context
            .sleak()
            .current_dir(&nested)
            .args(["validate"])
            .output()
            .expect("runs"),
    )
    .success();
    assert!(run.stderr.contains("Valid"), "{}", run.stderr);
}

#[test]
fn no_workspace_is_a_usage_error_with_a_hint() {
    let context = TestContext::new();
    let run = context.run(&["plan"]).code(2);
    assert!(
        run.stderr.contains("no `sleak.toml` found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: run `sleak init`"),
        "{}",
        run.stderr
    );
    let run = context.run(&["validate", "-C", "missing.toml"]).code(2);
    assert!(
        run.stderr.contains("`missing.toml` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn colors_follow_the_flag_and_no_color() {
    let context = TestContext::new();
    example(&context);
    let plain = context.run(&["validate"]).success();
    assert!(
        !plain.stderr.contains('\x1b'),
        "NO_COLOR is set by the harness"
    );
    let colored = context.run(&["validate", "--color", "always"]).success();
    assert!(
        colored.stderr.contains("\x1b[1;32mValid"),
        "{:?}",
        colored.stderr
    );
    let quiet = context.run(&["validate", "--quiet"]).success();
    assert!(quiet.stderr.is_empty() && quiet.stdout.is_empty());
}

#[test]
fn completions_and_schema_are_printed_on_stdout() {
    let context = TestContext::new();
    let bash = context.run(&["completions", "bash"]).success();
    assert!(bash.stdout.contains("_sleak()"), "{}", bash.stdout);
    let schema = context.run(&["schema"]).success().json();
    assert_eq!(schema["title"], "sleak.toml");
    assert!(schema["properties"]["projects"].is_object());
}

#[test]
fn a_workspace_error_under_json_output_is_json_on_stdout() {
    let context = TestContext::new();
    context.write("sleak.toml", "[organization]\nname = 1\n");
    let run = context
        .run(&["plan", "--offline", "--output", "json"])
        .code(2);
    let json = run.json();
    assert_eq!(json["valid"], false);
    let errors = json["errors"].as_array().expect("errors");
    let name = errors
        .iter()
        .find(|error| error["path"] == "organization.name")
        .expect("the wrong type is reported");
    assert_eq!(name["line"], 2);
    assert_eq!(name["column"], 8);
    assert!(
        errors
            .iter()
            .any(|error| error["message"] == "missing key `domain`"),
        "{errors:?}"
    );
}

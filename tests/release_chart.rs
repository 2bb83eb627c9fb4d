//! The chart of a ProjectEnv's services, checked with the real helm: `helm lint` passes,
//! `helm template` prints exactly the objects sleak rendered (the pre-deploy hook
//! included), `chart::manifest` is its non-hook part in Helm's order, and the files are
//! the same bytes every time. `sleak release` writes that chart.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::path::Path;
use std::process::Command;

use common::TestContext;
use serde_json::Value as Json;
use sleak::release::chart;
use sleak::render::service::{self, ReleaseInput};
use sleak::workspace::model::Workspace;
use support_sandbox::{peers_bin, skip_peers, success};

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]

[clusters.dev.node_pools.batch]
instance_types = ["m6i.large"]
taints = [{ key = "dedicated", value = "batch", effect = "NoSchedule" }]

[environments.staging]
cluster = "dev"

[projects.api.envs.staging]
variables = { LOG_LEVEL = "debug" }
secret_variables = ["STRIPE_KEY"]

[projects.api.envs.staging.dependencies.db]
kind = "postgres"

[projects.api.envs.staging.services.web]
kind = "web"
# Strings YAML 1.1 (Helm's parser) reads as other types, and a `{{` that is no template.
command = ["bin/server", "--greeting", "{{ not a template }}", "yes", "on", "y", "N", "1_000", "0777", "1e3", "~", "null", "1:20", "0x1F", ".inf", "=", "<<", "2001-12-14"]
expose = "private"
aliases = ["api.acme.dev"]
autoscaling = { min = 2, max = 6, cpu_percent = 70 }
health_check = { path = "/healthz", initial_delay_secs = 5 }
pre_deploy = ["bin/rails", "db:migrate"]
secret_variables = ["SESSION_SECRET"]

[projects.api.envs.staging.services.worker]
kind = "worker"
command = ["bin/worker"]
node_pool = "batch"
replicas = 2

[projects.api.envs.staging.services.nightly]
kind = "cron"
schedule = "0 3 * * *"
command = ["bin/report"]
concurrency_policy = "replace"
history_limit = 5
"#;

const REPOSITORY: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api";

fn workspace(context: &TestContext) -> Workspace {
    let file = context.write("sleak.toml", WORKSPACE);
    sleak::workspace::parse(&file, WORKSPACE).expect("the workspace is valid")
}

fn input(workspace: &Workspace) -> ReleaseInput<'_> {
    let project_env = workspace.project_envs().next().expect("api/staging");
    ReleaseInput {
        workspace,
        project_env,
        repository: REPOSITORY.to_owned(),
        tag: "1.4.0".to_owned(),
        variables_checksum: "0123abcd".to_owned(),
    }
}

fn write(folder: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every file under `folder`, relative path and bytes, in path order.
fn read_all(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(folder).unwrap().display().to_string();
                found.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn helm(home: &Path, args: &[&str]) -> String {
    let output = Command::new(peers_bin().join("helm"))
        .args(args)
        .env("HOME", home)
        .env("HELM_CACHE_HOME", home.join("cache"))
        .env("HELM_CONFIG_HOME", home.join("config"))
        .env("HELM_DATA_HOME", home.join("data"))
        .env("KUBECONFIG", home.join("no-kubeconfig"))
        .output()
        .expect("helm runs");
    success(output, &format!("helm {}", args.join(" ")))
}

/// The documents of a YAML stream, each with the `# Source:` line before it.
fn documents(stream: &str) -> Vec<(String, Json)> {
    stream
        .split("\n---")
        .map(|part| part.trim_start_matches("---"))
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let source = part
                .lines()
                .find_map(|line| line.strip_prefix("# Source: "))
                .unwrap_or_default()
                .to_owned();
            let object: Json = serde_saphyr::from_str(part).expect("helm prints YAML");
            (source, object)
        })
        .collect()
}

#[test]
fn helm_lints_the_chart_and_templates_exactly_the_rendered_objects() {
    if skip_peers() {
        return;
    }
    let context = TestContext::new();
    let workspace = workspace(&context);
    let input = input(&workspace);
    let release = service::release(&input);
    let files = chart::files(&release, &input);
    let first = context.root.path().join("first");
    let second = context.root.path().join("second");
    write(&first, &files);
    write(&second, &chart::files(&service::release(&input), &input));
    assert_eq!(read_all(&first), read_all(&second), "the same bytes twice");
    let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Chart.yaml",
            "values.yaml",
            "templates/nightly.yaml",
            "templates/web.yaml",
            "templates/worker.yaml",
            "templates/web-pre-deploy.yaml",
        ]
    );

    let chart = first.to_str().unwrap();
    let home = context.home.as_path();
    let lint = helm(home, &["lint", chart, "--namespace", "api-staging"]);
    assert!(lint.contains("0 chart(s) failed"), "{lint}");

    let printed = documents(&helm(
        home,
        &["template", "api", chart, "--namespace", "api-staging"],
    ));
    let manifest = documents(&chart::manifest(&release));
    let hook = release.pre_deploy.clone().expect("web declares pre_deploy");
    let mut expected: Vec<(String, Json)> = manifest.clone();
    expected.push(("api/templates/web-pre-deploy.yaml".to_owned(), hook));
    assert_eq!(printed.len(), expected.len());
    for ((printed_source, printed), (source, object)) in printed.iter().zip(&expected) {
        assert_eq!(printed_source, source);
        assert_eq!(printed, object, "{source}");
    }
    // Every rendered object is in the chart.
    let rendered: usize = release.services.iter().map(|s| s.objects.len()).sum();
    assert_eq!(manifest.len(), rendered);
    let kinds: Vec<&str> = manifest
        .iter()
        .map(|(_, object)| object["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "PodDisruptionBudget",
            "PodDisruptionBudget",
            "Service",
            "Deployment",
            "Deployment",
            "HorizontalPodAutoscaler",
            "CronJob",
            "Ingress",
        ]
    );
    // The user's `{{` reaches the cluster as written; the image and checksum come from
    // the values.
    let web = &printed
        .iter()
        .find(|(_, object)| object["kind"] == "Deployment")
        .unwrap()
        .1;
    let container = &web["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["command"][2], "{{ not a template }}");
    assert_eq!(container["image"], format!("{REPOSITORY}:1.4.0"));
    assert_eq!(
        web["spec"]["template"]["metadata"]["annotations"]["sleak.dev/variables-checksum"],
        "0123abcd"
    );
}

#[test]
fn sleak_release_writes_the_chart_the_library_renders() {
    let context = TestContext::new();
    let workspace = workspace(&context);
    let run = context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "staging",
            "--image-tag",
            "1.4.0",
            "--repository",
            REPOSITORY,
            "--output",
            "json",
        ])
        .success();
    let report = run.json();
    assert_eq!(report["chart"], "api-staging-chart");
    let folder = context.work.join("api-staging-chart");
    let written = read_all(&folder);
    let paths: Vec<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(report["files"].as_array().unwrap().len(), written.len());
    assert!(
        paths.contains(&"templates/web-pre-deploy.yaml"),
        "{paths:?}"
    );

    // The same chart as the library's, but for the checksum of sleak.toml's definitions.
    let project_env = workspace.project_envs().next().unwrap();
    let mut input = input(&workspace);
    input.variables_checksum = chart::definitions_checksum(project_env);
    let mut expected: Vec<(String, Vec<u8>)> = chart::files(&service::release(&input), &input)
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    assert!(
        String::from_utf8_lossy(&written.iter().find(|(p, _)| p == "values.yaml").unwrap().1)
            .contains(&chart::definitions_checksum(project_env))
    );

    // Text output: the folder on stdout; a service removed since leaves no template.
    let fewer = WORKSPACE.replace(
        "[projects.api.envs.staging.services.nightly]",
        "[projects.api.envs.staging.services.nightly-old]",
    );
    context.write("sleak.toml", &fewer);
    let run = context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "staging",
            "--image-tag",
            "1.4.1",
            "--repository",
            REPOSITORY,
        ])
        .success();
    assert_eq!(run.stdout.trim(), "api-staging-chart");
    assert!(!folder.join("templates/nightly.yaml").exists());
    assert!(folder.join("templates/nightly-old.yaml").exists());
}

#[test]
fn sleak_release_refuses_a_bad_tag_and_a_folder_that_is_not_a_chart() {
    let context = TestContext::new();
    workspace(&context);
    let run = context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "staging",
            "--image-tag",
            "1.4.0:latest",
            "--repository",
            REPOSITORY,
        ])
        .code(2);
    assert!(
        run.stderr.contains("`1.4.0:latest` is not an image tag"),
        "{}",
        run.stderr
    );
    let run = context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "staging",
            "--image-tag",
            "1.4.0",
            "--repository",
            &format!("{REPOSITORY}:latest"),
        ])
        .code(2);
    assert!(
        run.stderr.contains("it names a tag or a digest"),
        "{}",
        run.stderr
    );
    context.write("busy/notes.txt", "mine");
    let run = context
        .run(&[
            "release",
            "-p",
            "api",
            "-e",
            "staging",
            "--image-tag",
            "1.4.0",
            "--repository",
            REPOSITORY,
            "--out",
            "busy",
        ])
        .code(2);
    assert!(run.stderr.contains("holds no chart"), "{}", run.stderr);
    assert_eq!(context.read("busy/notes.txt"), "mine");
}

/// Without `--repository`, the URI is the project's ECR repository in the organization's
/// account `management` (reached through OrganizationAccountAccessRole); before the
/// repository exists, a usage error says how to make it.
#[test]
fn sleak_release_finds_the_projects_repository_in_the_management_account() {
    let (context, moto) = TestContext::with_moto();
    context.write("sleak.toml", WORKSPACE);
    let release = [
        "release",
        "-p",
        "api",
        "-e",
        "staging",
        "--image-tag",
        "1.4.0",
    ];
    let account = moto.python(
        r#"
org = boto3.client('organizations', endpoint_url=endpoint)
org.create_organization(FeatureSet='ALL')
status = org.create_account(Email='aws+management@acme.dev', AccountName='management')['CreateAccountStatus']
print(org.describe_create_account_status(CreateAccountRequestId=status['Id'])['CreateAccountStatus']['AccountId'])
"#,
    );
    let account = account.trim();
    let run = context.run(&release).code(2);
    assert!(
        run.stderr
            .contains("the ECR repository `api` of the project `api` does not exist yet"),
        "{}",
        run.stderr
    );
    moto.python(&format!(
        r#"
role = 'arn:aws:iam::{account}:role/OrganizationAccountAccessRole'
credentials = boto3.client('sts', endpoint_url=endpoint).assume_role(RoleArn=role, RoleSessionName='test')['Credentials']
ecr = boto3.client('ecr', endpoint_url=endpoint, aws_access_key_id=credentials['AccessKeyId'],
                   aws_secret_access_key=credentials['SecretAccessKey'], aws_session_token=credentials['SessionToken'])
ecr.create_repository(repositoryName='api')
"#
    ));
    context.run(&release).success();
    let values = context.read("api-staging-chart/values.yaml");
    let expected = format!("repository: \"{account}.dkr.ecr.us-east-1.amazonaws.com/api\"");
    assert!(values.contains(&expected), "{values}");
}

//! `sleak deploy`, `rollback`, `releases`, `status` and `logs` through the real binary:
//! images in moto's ECR (behind the recording proxy), the cluster the Kubernetes API
//! stand-in as a kubeconfig context, every result read back with the real helm and
//! kubectl — Helm must see sleak's deploys as its own releases, and sleak Helm's.

mod common;
#[path = "support_platform/mod.rs"]
mod support_platform;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use support_platform::Platform;
use support_sandbox::{skip_peers, success};

const WORKSPACE: &str = r#"[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.local]
context = "sandbox"

[environments.preview]
cluster = "local"
account = "development"

[projects.api]

[projects.api.envs.preview]
variables = { LOG_LEVEL = "info" }

[projects.api.envs.preview.services.web]
kind = "web"
port = 8080
replicas = 2
health_check = { path = "/healthz" }
pre_deploy = ["bin/migrate"]

[projects.api.envs.preview.services.worker]
kind = "worker"
command = ["bin/worker"]

[projects.api.envs.preview.services.nightly]
kind = "cron"
schedule = "0 3 * * *"
command = ["bin/report"]
"#;

const NS: &str = "api-preview";
const SCOPE: [&str; 4] = ["-p", "api", "-e", "preview"];

struct Setup {
    platform: Platform,
}

impl Setup {
    /// Onboarded (no VPN), applied (the repository, the namespace, the variable groups),
    /// and the images `tags` pushed to the project's repository.
    fn new(tags: &[&str]) -> Option<Self> {
        Self::with(WORKSPACE, tags)
    }

    fn with(workspace: &str, tags: &[&str]) -> Option<Self> {
        if skip_peers() {
            return None;
        }
        let platform = Platform::new(workspace);
        platform.must(&["onboard", "--yes"]);
        platform.must(&["apply", "--yes"]);
        let setup = Self { platform };
        for tag in tags {
            setup.push_image(tag);
        }
        Some(setup)
    }

    /// Puts an image `acme… api:tag` into the management account's repository.
    fn push_image(&self, tag: &str) {
        let code = format!(
            r#"
import json
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
caller = sts.get_caller_identity()["Account"]
account = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "management"][0]["Id"]
if account == caller:
    session = boto3.Session(region_name="us-east-1")
else:
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{{account}}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
    session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
ecr = session.client("ecr", endpoint_url=endpoint)
manifest = {{"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
  "config": {{"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": "sha256:" + "{tag}".encode().hex().ljust(64, "0")[:64]}},
  "layers": []}}
ecr.put_image(repositoryName="api", imageManifest=json.dumps(manifest), imageTag="{tag}")
print("ok")
"#
        );
        assert_eq!(self.platform.moto.python(&code).trim(), "ok");
    }

    fn deploy(&self, args: &[&str]) -> common::Run {
        let mut all = vec!["deploy"];
        all.extend_from_slice(&SCOPE);
        all.extend_from_slice(args);
        self.platform.sleak(&all)
    }

    /// `sleak release` of the ProjectEnv with image `tag` into the work folder's `folder`.
    fn write_chart(&self, tag: &str, folder: &str) -> std::path::PathBuf {
        let chart = self.platform.context.work.join(folder);
        let mut args = vec!["release"];
        args.extend_from_slice(&SCOPE);
        args.extend_from_slice(&["--image-tag", tag, "--out", chart.to_str().unwrap()]);
        self.platform.must(&args);
        chart
    }

    fn helm_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["-n", NS, "-o", "json"]);
        let text = success(self.platform.sandbox.helm(&all), "helm");
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("helm {args:?}: {text}"))
    }

    fn kubectl_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["-n", NS, "-o", "json"]);
        let text = success(self.platform.sandbox.kubectl(&all), "kubectl");
        serde_json::from_str(&text).expect("kubectl JSON")
    }

    /// (revision, status) of every revision, as Helm sees them.
    fn history(&self) -> Vec<(u64, String)> {
        self.helm_json(&["history", "api"])
            .as_array()
            .expect("a history")
            .iter()
            .map(|entry| {
                (
                    entry["revision"].as_u64().unwrap(),
                    entry["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn image_of(&self, deployment: &str) -> String {
        self.kubectl_json(&["get", "deployment", deployment])["spec"]["template"]["spec"]
            ["containers"][0]["image"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// The objects of a `---`-separated manifest, by `Kind/name`.
fn objects(manifest: &str) -> Vec<(String, Value)> {
    manifest
        .split("\n---")
        .filter_map(|document| serde_saphyr::from_str::<Value>(document).ok())
        .filter(|object| object.is_object())
        .map(|object| {
            (
                format!(
                    "{}/{}",
                    object["kind"].as_str().unwrap(),
                    object["metadata"]["name"].as_str().unwrap()
                ),
                object,
            )
        })
        .collect()
}

#[test]
fn deploys_are_helm_releases_both_ways() {
    let Some(setup) = Setup::new(&["v1", "v2"]) else {
        return;
    };
    let platform = &setup.platform;

    // A tag that is not in the repository stops before the cluster is touched.
    let missing = setup.deploy(&["--image-tag", "v9"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("v9") && missing.stderr.contains("sleak build"),
        "{}",
        missing.stderr
    );
    assert_eq!(setup.helm_json(&["list"]), Value::Array(Vec::new()));

    // Inside a git repository, the tag defaults to its HEAD commit, as `sleak build`
    // tags it (12 characters).
    let git = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&platform.context.work)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", "sleak.toml"]);
    git(&["commit", "-q", "-m", "app"]);
    let commit: String = git(&["rev-parse", "HEAD"])
        .trim()
        .chars()
        .take(12)
        .collect();
    let headed = setup.deploy(&[]);
    assert_eq!(headed.code, 2, "{}", headed.stderr);
    assert!(
        headed
            .stderr
            .contains(&format!("there is no image `{commit}`")),
        "{}",
        headed.stderr
    );

    // The first deploy: revision 1, deployed, every object in the cluster.
    let first = setup.deploy(&["--image-tag", "v1", "--output", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.json()["revision"], 1);
    let listed = setup.helm_json(&["list"]);
    assert_eq!(listed[0]["name"], "api", "{listed}");
    assert_eq!(listed[0]["status"], "deployed");
    assert_eq!(listed[0]["revision"], "1");
    let manifest = success(
        platform.sandbox.helm(&["get", "manifest", "api", "-n", NS]),
        "helm get manifest",
    );
    let mut names: Vec<String> = objects(&manifest)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    names.sort();
    for expected in [
        "CronJob/nightly",
        "Deployment/web",
        "Deployment/worker",
        "Ingress/web",
        "PodDisruptionBudget/web",
        "Service/web",
    ] {
        assert!(
            names.contains(&expected.to_owned()),
            "{expected} not in {names:?}"
        );
    }
    // What Helm holds is what the cluster has.
    for (name, object) in objects(&manifest) {
        let (kind, object_name) = name.split_once('/').unwrap();
        let live = setup.kubectl_json(&["get", kind, object_name]);
        assert_eq!(
            live["metadata"]["labels"], object["metadata"]["labels"],
            "{name}"
        );
        assert_eq!(
            live["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "Helm"
        );
        if kind == "Deployment" {
            let (live, held) = (
                &live["spec"]["template"]["spec"]["containers"][0],
                &object["spec"]["template"]["spec"]["containers"][0],
            );
            for field in ["image", "envFrom", "securityContext", "resources"] {
                assert_eq!(live[field], held[field], "{name}: {field}");
            }
        }
    }
    assert!(setup.image_of("web").ends_with(":v1"));
    // The pre-deploy job ran before the workloads and finished.
    let job = setup.kubectl_json(&["get", "job", "web-pre-deploy"]);
    assert_eq!(job["status"]["succeeded"], 1, "{job}");

    // The same release again: nothing to deploy, no revision.
    let again = setup.deploy(&["--image-tag", "v1"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("Nothing to deploy"),
        "{}",
        again.stderr
    );
    assert_eq!(setup.history(), [(1, "deployed".to_owned())]);

    // A dry run shows the image change and changes nothing.
    let dry = setup.deploy(&["--image-tag", "v2", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("update Deployment/web"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .lines()
            .any(|line| line.trim_start().starts_with("+ ") && line.contains(":v2")),
        "{}",
        dry.stdout
    );
    assert!(setup.image_of("web").ends_with(":v1"));
    assert_eq!(setup.history().len(), 1);

    // v2: revision 2; 1 is superseded.
    platform.must(&["deploy", "-p", "api", "-e", "preview", "--image-tag", "v2"]);
    assert_eq!(
        setup.history(),
        [(1, "superseded".to_owned()), (2, "deployed".to_owned())]
    );
    assert!(setup.image_of("worker").ends_with(":v2"));

    // Helm rolls back; sleak reads what Helm wrote and deploys on top.
    success(
        platform
            .sandbox
            .helm(&["rollback", "api", "1", "-n", NS, "--wait"]),
        "helm rollback",
    );
    assert!(setup.image_of("web").ends_with(":v1"));
    let releases = platform
        .must(&["releases", "-p", "api", "-e", "preview", "--output", "json"])
        .json();
    assert_eq!(releases["revisions"][0]["revision"], 3, "{releases}");
    assert_eq!(releases["revisions"][0]["status"], "deployed");
    platform.must(&["deploy", "-p", "api", "-e", "preview", "--image-tag", "v2"]);
    assert_eq!(setup.history().last(), Some(&(4, "deployed".to_owned())));
    assert_eq!(
        setup
            .history()
            .iter()
            .filter(|(_, status)| status == "deployed")
            .count(),
        1
    );

    // sleak rollback: the revision before, as a new revision.
    let rolled = platform
        .must(&["rollback", "-p", "api", "-e", "preview", "--output", "json"])
        .json();
    assert_eq!(rolled["revision"], 5, "{rolled}");
    assert_eq!(rolled["rolled_back_to"], 3);
    assert!(setup.image_of("web").ends_with(":v1"));

    // Status and logs read the cluster.
    let status = platform
        .must(&["status", "-p", "api", "-e", "preview", "--output", "json"])
        .json();
    let web = status["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|service| service["service"] == "web")
        .unwrap()
        .clone();
    assert_eq!(web["ready"], "2/2", "{status}");
    assert_eq!(status["last_deploy"]["revision"], 5);
    let logs = platform.must(&["logs", "web", "-p", "api", "-e", "preview"]);
    let pods: std::collections::BTreeSet<&str> = logs
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix('[')?.split_once(']').map(|(pod, _)| pod))
        .collect();
    assert_eq!(pods.len(), 2, "two pods' lines, prefixed: {}", logs.stdout);
    // -f follows: lines of both pods arrive while it runs.
    let mut follow = platform
        .command(&["logs", "web", "-p", "api", "-e", "preview", "-f"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sleak logs -f starts");
    let mut lines = BufReader::new(follow.stdout.take().unwrap()).lines();
    let mut followed = std::collections::BTreeSet::new();
    while followed.len() < 2 {
        let line = lines.next().expect("a line").unwrap();
        let pod = line
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .map(|(pod, _)| pod.to_owned());
        followed.insert(pod.expect("a prefixed line"));
    }
    sigkill(follow.id());
    let _ = follow.wait();

    // The chart `sleak release` writes deploys as it is (Helm renders it).
    let chart = setup.write_chart("v2", "chart");
    let from_chart = setup.deploy(&["--release", chart.to_str().unwrap(), "--output", "json"]);
    assert_eq!(from_chart.code, 0, "{}", from_chart.stderr);
    let from_chart = from_chart.json();
    assert_eq!(from_chart["revision"], 6, "{from_chart}");
    assert!(setup.image_of("web").ends_with(":v2"));
    assert_eq!(setup.helm_json(&["list"])[0]["app_version"], "v2");

    // A chart folder whose image is not in the repository stops before the cluster is
    // touched, as a rendered release does.
    let unpushed = setup.write_chart("v9", "chart-v9");
    let refused = setup.deploy(&["--release", unpushed.to_str().unwrap()]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("there is no image `v9` in the repository")
            && refused
                .stderr
                .contains("hint: build and push it with `sleak build -p api`"),
        "{}",
        refused.stderr
    );
    assert_eq!(setup.helm_json(&["list"])[0]["revision"], "6");
    assert!(setup.image_of("web").ends_with(":v2"));

    // A service removed from the workspace is removed from the cluster by the next deploy.
    let without_worker = WORKSPACE.replace(
        "[projects.api.envs.preview.services.worker]\nkind = \"worker\"\ncommand = [\"bin/worker\"]\n",
        "",
    );
    assert_ne!(without_worker, WORKSPACE);
    platform.context.write("sleak.toml", &without_worker);
    platform.must(&["deploy", "-p", "api", "-e", "preview", "--image-tag", "v2"]);
    let gone = platform
        .sandbox
        .kubectl(&["get", "deployment", "worker", "-n", NS]);
    assert!(
        !gone.status.success(),
        "the worker's Deployment is still there"
    );
    assert!(setup.image_of("web").ends_with(":v2"));
    platform.context.write("sleak.toml", WORKSPACE);

    // helm uninstall removes every object and every record.
    success(
        platform
            .sandbox
            .helm(&["uninstall", "api", "-n", NS, "--wait"]),
        "helm uninstall",
    );
    for kind in ["deployment", "service", "ingress", "cronjob"] {
        let left = setup.kubectl_json(&["get", kind, "-l", "app.kubernetes.io/instance=api"]);
        assert_eq!(
            left["items"],
            Value::Array(Vec::new()),
            "{kind} left: {left}"
        );
    }
    let records = setup.kubectl_json(&["get", "secret", "-l", "owner=helm"]);
    assert_eq!(records["items"], Value::Array(Vec::new()));
}

#[test]
fn failing_pods_fail_the_deploy_fast_and_atomic_puts_the_last_revision_back() {
    let without_hook = WORKSPACE.replace("pre_deploy = [\"bin/migrate\"]\n", "");
    let Some(setup) = Setup::with(
        &without_hook,
        &[
            "v1",
            "crashloop-v2",
            "imagepull-v3",
            "crashloop-v4",
            "oomkill-v5",
        ],
    ) else {
        return;
    };
    setup
        .platform
        .must(&["deploy", "-p", "api", "-e", "preview", "--image-tag", "v1"]);

    // A crash-looping image: the deploy fails long before its 5-minute deadline, names
    // the pod, the container, the reason and the log; --atomic puts v1 back.
    let started = Instant::now();
    let crashed = setup.deploy(&["--image-tag", "crashloop-v2", "--atomic"]);
    let took = started.elapsed();
    assert_eq!(crashed.code, 1, "{}", crashed.stderr);
    assert!(took < Duration::from_secs(30), "the failure took {took:?}");
    assert!(
        crashed.stderr.contains("is in CrashLoopBackOff"),
        "{}",
        crashed.stderr
    );
    assert!(
        crashed.stderr.contains(": pod web-") || crashed.stderr.contains(": pod worker-"),
        "{}",
        crashed.stderr
    );
    assert!(
        crashed.stderr.contains("last lines of its log"),
        "{}",
        crashed.stderr
    );
    assert!(
        crashed.stderr.contains("sandbox crash loop"),
        "the log itself: {}",
        crashed.stderr
    );
    assert!(
        crashed
            .stderr
            .contains("--atomic: revision 1 is serving again"),
        "{}",
        crashed.stderr
    );
    assert_eq!(
        setup.history(),
        [
            (1, "superseded".to_owned()),
            (2, "failed".to_owned()),
            (3, "deployed".to_owned())
        ]
    );
    assert!(setup.image_of("web").ends_with(":v1"));
    assert!(setup.image_of("worker").ends_with(":v1"));

    // An image that cannot be pulled, without --atomic: failed fast, left as it is.
    let started = Instant::now();
    let pulled = setup.deploy(&["--image-tag", "imagepull-v3"]);
    assert_eq!(pulled.code, 1, "{}", pulled.stderr);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        pulled.stderr.contains("ImagePullBackOff") || pulled.stderr.contains("ErrImagePull"),
        "{}",
        pulled.stderr
    );
    assert_eq!(setup.history().last(), Some(&(4, "failed".to_owned())));
    assert!(setup.image_of("web").ends_with(":imagepull-v3"));

    // A container killed for its memory is named as such.
    let killed = setup.deploy(&["--image-tag", "oomkill-v5"]);
    assert_eq!(killed.code, 1, "{}", killed.stderr);
    assert!(
        killed.stderr.contains("is in OOMKilled"),
        "{}",
        killed.stderr
    );
    assert_eq!(setup.history().last(), Some(&(5, "failed".to_owned())));

    // A pre-deploy job that fails stops the deploy before any workload rolls, with the
    // job's log.
    setup.platform.context.write("sleak.toml", WORKSPACE);
    let hooked = setup.deploy(&["--image-tag", "crashloop-v4", "--atomic"]);
    assert_eq!(hooked.code, 1, "{}", hooked.stderr);
    assert!(
        hooked
            .stderr
            .contains("the pre-deploy job web-pre-deploy failed"),
        "{}",
        hooked.stderr
    );
    assert!(
        hooked.stderr.contains("sandbox crash loop"),
        "{}",
        hooked.stderr
    );
    assert!(
        hooked.stderr.contains("no workload had changed"),
        "{}",
        hooked.stderr
    );
    assert!(setup.image_of("web").ends_with(":oomkill-v5"));
    assert_eq!(setup.history().last(), Some(&(6, "failed".to_owned())));
}

#[test]
fn missing_configuration_and_unschedulable_pods_fail_the_deploy_naming_the_reason() {
    // The worker asks for more CPU than any node of the stand-in has (its one node has
    // 64 cores).
    let workspace = WORKSPACE
        .replace("pre_deploy = [\"bin/migrate\"]\n", "")
        .replace(
            "command = [\"bin/worker\"]\n",
            "command = [\"bin/worker\"]\nresources = { cpu = \"128\", memory = \"512Mi\" }\n",
        );
    let Some(setup) = Setup::with(&workspace, &["v1", "v2"]) else {
        return;
    };
    let platform = &setup.platform;

    // Someone deleted the global group's ConfigMap, which every pod reads (`envFrom`):
    // the deploy refuses before it writes anything, naming it and the way back.
    success(
        platform
            .sandbox
            .kubectl(&["delete", "configmap", "variables-global", "-n", NS]),
        "kubectl delete",
    );
    let refused = setup.deploy(&["--image-tag", "v1"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "namespace api-preview lacks what the services read their variables from: \
             ConfigMap variables-global"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("hint: create them with `sleak apply -p api -e preview`"),
        "{}",
        refused.stderr
    );
    platform.must(&["apply", "--yes"]);

    // A chart the user edited to read a Secret that is not there (`--release DIR`): the
    // kubelet refuses to start the container, and the deploy names the Secret within
    // seconds, not at the deadline.
    let chart = setup.write_chart("v1", "chart");
    let template = chart.join("templates/web.yaml");
    let text = std::fs::read_to_string(&template).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().trim_start_matches("- ") == "envFrom:")
        .unwrap_or_else(|| panic!("no envFrom in {text}"));
    let item = lines[at + 1].clone();
    let indent = &item[..item.len() - item.trim_start().len()];
    assert!(item.trim_start().starts_with("- "), "{item}");
    lines.insert(at + 1, format!("{indent}- secretRef:"));
    lines.insert(at + 2, format!("{indent}    name: api-keys"));
    std::fs::write(&template, lines.join("\n") + "\n").unwrap();
    let started = Instant::now();
    let refused = setup.deploy(&["--release", chart.to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(took < Duration::from_secs(30), "the failure took {took:?}");
    assert!(
        refused.stderr.contains("is in CreateContainerConfigError"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains(": pod web-"), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("secret \"api-keys\" not found"),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("hint: the pod reads a Secret or ConfigMap that is missing"),
        "{}",
        refused.stderr
    );
    assert_eq!(setup.history(), [(1, "failed".to_owned())]);

    // The worker's pods fit no node: after the grace a cluster autoscaler has to add one
    // (60 s), the deploy fails naming the pod and the scheduler's reason, well before
    // its 5-minute deadline.
    let started = Instant::now();
    let pending = setup.deploy(&["--image-tag", "v2", "--timeout", "5m"]);
    let took = started.elapsed();
    assert_eq!(pending.code, 1, "{}", pending.stderr);
    assert!(
        // The grace counts from the condition's time, which has whole seconds.
        took >= Duration::from_secs(58) && took < Duration::from_secs(120),
        "the failure took {took:?}:\n{}",
        pending.stderr
    );
    assert!(
        pending.stderr.contains(": pod worker-"),
        "{}",
        pending.stderr
    );
    assert!(
        pending.stderr.contains("is in Unschedulable"),
        "{}",
        pending.stderr
    );
    assert!(
        pending.stderr.contains("Insufficient cpu"),
        "{}",
        pending.stderr
    );
    assert!(
        pending.stderr.contains(
            "hint: no node can take the pod: lower the service's `resources`, or give it a \
             `node_pool` of bigger instances"
        ),
        "{}",
        pending.stderr
    );
    assert_eq!(setup.history().last(), Some(&(2, "failed".to_owned())));
    // The web's pods, which fit, run the new image.
    assert!(setup.image_of("web").ends_with(":v2"));
}

#[test]
fn one_deploy_at_a_time_and_a_killed_deploy_is_recovered() {
    let Some(setup) = Setup::new(&["v1", "v2"]) else {
        return;
    };
    let platform = &setup.platform;
    platform.must(&["deploy", "-p", "api", "-e", "preview", "--image-tag", "v1"]);

    // Two deploys at once: both finish, one after the other, and say so.
    let spawn = |tag: &str, extra: &[&str]| {
        let mut args = vec![
            "deploy",
            "-p",
            "api",
            "-e",
            "preview",
            "--force",
            "--image-tag",
            tag,
        ];
        args.extend_from_slice(extra);
        platform
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sleak starts")
    };
    let first = spawn("v2", &[]);
    let second = spawn("v2", &[]);
    let (first, second) = (
        common::Run::from(first.wait_with_output().unwrap()),
        common::Run::from(second.wait_with_output().unwrap()),
    );
    assert_eq!(
        (first.code, second.code),
        (0, 0),
        "{}\n{}",
        first.stderr,
        second.stderr
    );
    assert!(
        first.stderr.contains("Waiting for the deploy held by")
            || second.stderr.contains("Waiting for the deploy held by"),
        "neither waited:\n{}\n{}",
        first.stderr,
        second.stderr
    );
    assert_eq!(
        setup.history(),
        [
            (1, "superseded".to_owned()),
            (2, "superseded".to_owned()),
            (3, "deployed".to_owned())
        ]
    );

    // A deploy that cannot wait long enough fails naming the one holding the lock — here
    // a deploy on another machine, renewing its lock.
    let lease = |renewed: &str| {
        format!(
            r#"{{"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
  "metadata": {{"name": "sleak-deploy-api", "namespace": "{NS}",
    "annotations": {{"sleak.dev/holder": "{{\"holder\":\"alice@laptop\",\"pid\":4242,\"command\":\"sleak deploy\",\"since\":\"2026-11-30T10:00:00Z\",\"run\":\"r1\"}}"}}}},
  "spec": {{"holderIdentity": "alice@laptop/r1", "leaseDurationSeconds": 30, "acquireTime": "{renewed}", "renewTime": "{renewed}"}}}}"#
        )
    };
    let now = |offset: i64| {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            + offset;
        // RFC 3339 in UTC from seconds, as a MicroTime.
        let output = std::process::Command::new("date")
            .args([
                "-u",
                "-d",
                &format!("@{seconds}"),
                "+%Y-%m-%dT%H:%M:%S.000000Z",
            ])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    };
    let file = platform.context.write("lease.json", &lease(&now(0)));
    success(
        platform
            .sandbox
            .kubectl(&["apply", "-f", file.to_str().unwrap()]),
        "kubectl apply",
    );
    let started = Instant::now();
    let impatient = setup.deploy(&["--force", "--image-tag", "v2", "--lock-timeout", "1s"]);
    assert_eq!(impatient.code, 1, "{}", impatient.stderr);
    assert!(
        impatient.stderr.contains(
            "another deploy of api-preview/api is running: alice@laptop (sleak deploy, pid 4242) since 2026-11-30T10:00:00Z"
        ),
        "{}",
        impatient.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // The same lock left unrenewed for a minute: its holder is gone; taken over at once.
    success(
        platform
            .sandbox
            .kubectl(&["delete", "lease", "sleak-deploy-api", "-n", NS]),
        "kubectl delete",
    );
    let file = platform.context.write("lease.json", &lease(&now(-60)));
    success(
        platform
            .sandbox
            .kubectl(&["apply", "-f", file.to_str().unwrap()]),
        "kubectl apply",
    );
    let taken = setup.deploy(&["--force", "--image-tag", "v1", "--lock-timeout", "1s"]);
    assert_eq!(taken.code, 0, "{}", taken.stderr);
    assert_eq!(setup.history().last(), Some(&(4, "deployed".to_owned())));
    // The lock is given back.
    assert!(
        !platform
            .sandbox
            .kubectl(&["get", "lease", "sleak-deploy-api", "-n", NS])
            .status
            .success()
    );

    // A deploy killed midway leaves its revision pending (Helm is stuck on it) and its
    // lock; the next deploy takes the lock of the dead process, marks the revision
    // failed, and deploys.
    let mut killed = spawn("v2", &[]);
    let stderr = killed.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    loop {
        let line = lines.next().expect("sleak said it deploys").unwrap();
        if line.contains("as revision") {
            break;
        }
    }
    // The process itself, not a shell around it.
    sigkill(killed.id());
    let _ = killed.wait();
    let pending = setup.history();
    assert_eq!(
        pending.last().map(|(_, status)| status.as_str()),
        Some("pending-upgrade"),
        "{pending:?}"
    );
    let recovered = setup.deploy(&["--image-tag", "v1"]);
    assert_eq!(recovered.code, 0, "{}", recovered.stderr);
    assert!(
        recovered.stderr.contains("marking it failed"),
        "{}",
        recovered.stderr
    );
    let history = setup.history();
    let (killed_revision, _) = pending.last().unwrap();
    assert!(
        history.contains(&(*killed_revision, "failed".to_owned())),
        "{history:?}"
    );
    assert_eq!(
        history.last(),
        Some(&(killed_revision + 1, "deployed".to_owned()))
    );
    assert!(setup.image_of("web").ends_with(":v1"));
}

fn sigkill(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

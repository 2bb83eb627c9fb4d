//! Variable groups: `sleak var` against a workspace file (plain values need no AWS), then
//! secret values through moto (Secrets Manager, behind the recording proxy) and
//! `sleak apply` writing each group's ConfigMap and Secret into the Kubernetes API
//! stand-in, read back with the real kubectl. No secret value may reach any output or
//! file but `--reveal`'s stdout.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use common::proxy::AwsProxy;
use common::{MotoGuard, Run, TestContext};
use serde_json::Value;
use support_sandbox::{Sandbox, fast_options, success};

/// A ProjectEnv with a dependency (`DB_*`), global variables and a service of its own,
/// all three defining `DB_HOST`; comments that edits must keep.
const WORKSPACE: &str = r#"# The acme workspace: edits keep this comment.
[organization]
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

# The API in preview: a comment above the table.
[projects.api.envs.preview]
variables = { DB_HOST = "global-host", LOG_LEVEL = "info" }   # the global group

[projects.api.envs.preview.dependencies.db]
kind = "postgres"   # DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_URL

# The web service.
[projects.api.envs.preview.services.web]
kind = "web"
variables = { DB_HOST = "service-host" }

[projects.api.envs.preview.services.worker]
kind = "worker"
"#;

fn context() -> TestContext {
    let context = TestContext::new();
    context.write("sleak.toml", WORKSPACE);
    context
}

const SCOPE: [&str; 4] = ["-p", "api", "-e", "preview"];

fn var(context: &TestContext, args: &[&str]) -> Run {
    let mut all = vec!["var"];
    all.extend_from_slice(args);
    all.extend_from_slice(&SCOPE);
    context.run(&all)
}

#[test]
fn the_narrower_group_wins_and_explain_says_why() {
    let context = context();
    // (args, expected stdout) — what a service sees, and what the environment sees.
    let cases: [(&[&str], &str); 6] = [
        (&["get", "DB_HOST", "-s", "web"], "service-host\n"),
        (&["get", "DB_HOST", "-s", "worker"], "global-host\n"),
        (&["get", "DB_HOST"], "global-host\n"),
        (&["get", "LOG_LEVEL", "-s", "web"], "info\n"),
        (&["get", "DB_PORT", "-s", "web"], "(from dependency db)\n"),
        (&["get", "DB_URL"], "(from dependency db)\n"),
    ];
    for (args, expected) in cases {
        let run = var(&context, args).success();
        assert_eq!(run.stdout, expected, "{args:?}");
    }

    let explained = var(&context, &["explain", "DB_HOST", "-s", "web"]).success();
    let lines: Vec<&str> = explained.stdout.lines().collect();
    assert!(lines[1].contains("dependency:db"), "{}", explained.stdout);
    assert!(lines[2].contains("global") && lines[2].contains("global-host"));
    assert!(lines[3].contains("service:web") && lines[3].contains("wins"));
    assert!(
        lines[4].starts_with("service:web wins: a service's own variables beat the global group"),
        "{}",
        explained.stdout
    );
    let json = var(
        &context,
        &["explain", "DB_HOST", "-s", "web", "--output", "json"],
    )
    .success()
    .json();
    let order: Vec<&str> = json["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|definition| definition["source"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["dependency:db", "global", "service:web"]);
    assert_eq!(json["winner"], "service:web");
    // Without the service: the global group beats the dependency.
    let json = var(&context, &["explain", "DB_HOST", "--output", "json"])
        .success()
        .json();
    assert_eq!(json["winner"], "global");
    assert_eq!(json["definitions"].as_array().unwrap().len(), 2);

    // The list shows every definition, and which are overridden.
    let listed = var(&context, &["list", "-s", "web", "--output", "json"])
        .success()
        .json();
    let row = |key: &str, source: &str| -> Value {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["key"] == key && row["source"] == source)
            .cloned()
            .unwrap_or_else(|| panic!("no {key} from {source}: {listed:#}"))
    };
    assert_eq!(row("DB_HOST", "global")["overridden_by"], "service:web");
    assert_eq!(
        row("DB_HOST", "dependency:db")["overridden_by"],
        "service:web"
    );
    assert_eq!(row("DB_HOST", "service:web")["overridden_by"], Value::Null);
    assert_eq!(row("DB_PASSWORD", "dependency:db")["value"], Value::Null);
    let table = var(&context, &["list", "-s", "web"]).success().stdout;
    assert!(table.starts_with("KEY"), "{table}");
    assert!(
        table
            .lines()
            .any(|line| line.contains("global-host") && line.contains("by service:web")),
        "{table}"
    );
}

#[test]
fn set_and_unset_edit_the_group_and_keep_comments() {
    let context = context();
    var(&context, &["set", "A=1", "B=two words", "-s", "web"]).success();
    var(&context, &["set", "LOG_LEVEL=debug"]).success();
    let text = context.read("sleak.toml");
    for comment in [
        "# The acme workspace: edits keep this comment.",
        "# The API in preview: a comment above the table.",
        "# the global group",
        "# DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_URL",
        "# The web service.",
    ] {
        assert!(text.contains(comment), "lost `{comment}`:\n{text}");
    }
    assert!(
        text.contains(r#"variables = { DB_HOST = "service-host", A = "1", B = "two words" }"#),
        "{text}"
    );
    assert!(text.contains(r#"LOG_LEVEL = "debug""#), "{text}");
    assert_eq!(
        var(&context, &["get", "B", "-s", "web"]).success().stdout,
        "two words\n"
    );
    assert_eq!(
        var(&context, &["get", "LOG_LEVEL", "-s", "worker"])
            .success()
            .stdout,
        "debug\n"
    );
    // The order of the file is kept: only the changed lines differ.
    let before: Vec<&str> = WORKSPACE.lines().collect();
    let after: Vec<&str> = text.lines().collect();
    assert_eq!(before.len(), after.len(), "{text}");
    let changed: Vec<usize> = (0..before.len())
        .filter(|&i| before[i] != after[i])
        .collect();
    assert_eq!(changed.len(), 2, "{text}");

    var(&context, &["unset", "A", "B", "-s", "web"]).success();
    var(&context, &["set", "A=1", "-s", "worker"]).success();
    let text = context.read("sleak.toml");
    assert!(
        text.contains(r#"variables = { DB_HOST = "service-host" }"#),
        "{text}"
    );
    // A group that had no variables gets them after its other keys.
    assert!(
        text.contains("kind = \"worker\"\nvariables = { A = \"1\" }\n"),
        "{text}"
    );
    var(&context, &["unset", "A", "-s", "worker"]).success();
    assert!(!context.read("sleak.toml").contains("A = \"1\""));
    context.run(&["validate"]).success();
}

#[test]
fn bad_input_is_a_usage_error_with_a_hint_and_writes_nothing() {
    let context = context();
    let cases: [(&[&str], &str); 8] = [
        (&["set", "NOVALUE"], "`NOVALUE` is not KEY=VALUE"),
        (
            &["set", "A=1", "1BAD=x"],
            "`1BAD` in `1BAD=x` is not a valid variable name",
        ),
        (&["set", "A-B=1"], "is not a valid variable name"),
        (&["set", "A=1", "-s", "wbe"], "has no service `wbe`"),
        (
            &["unset", "NOPE"],
            "`NOPE` is not a variable of the global group",
        ),
        (&["unset", "LOG_LEVL"], "`LOG_LEVL` is not a variable"),
        (
            &["set", "A", "B", "--secret"],
            "only one `KEY` without a value",
        ),
        (&["import", "missing.env"], "could not read `missing.env`"),
    ];
    for (args, message) in cases {
        let run = var(&context, args).code(2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("hint: "), "{args:?}: {}", run.stderr);
        assert_eq!(context.read("sleak.toml"), WORKSPACE, "{args:?} wrote");
    }
    let run = var(&context, &["unset", "LOG_LEVL"]).code(2);
    assert!(
        run.stderr.contains("did you mean `LOG_LEVEL`?"),
        "{}",
        run.stderr
    );
    // A secret name that is also plain in the same group: a validation error with its
    // file and line.
    context.write(
        "sleak.toml",
        &WORKSPACE.replace(
            "[projects.api.envs.preview.dependencies.db]",
            "secret_variables = [\"LOG_LEVEL\"]\n\n[projects.api.envs.preview.dependencies.db]",
        ),
    );
    let run = context.run(&["validate"]).code(2);
    assert!(
        run.stderr.contains("sleak.toml:24:")
            && run
                .stderr
                .contains("`LOG_LEVEL` is both a plain and a secret variable"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: keep one"), "{}", run.stderr);
}

#[test]
fn secret_names_are_masked_without_aws() {
    let context = context();
    context.write(
        "sleak.toml",
        &WORKSPACE.replace(
            "variables = { DB_HOST = \"service-host\" }",
            "variables = { DB_HOST = \"service-host\" }\nsecret_variables = [\"STRIPE_KEY\", \"LOG_LEVEL\"]",
        ),
    );
    let listed = var(&context, &["list", "-s", "web"]).success().stdout;
    let stripe: Vec<&str> = listed
        .lines()
        .filter(|line| line.starts_with("STRIPE_KEY"))
        .collect();
    assert_eq!(stripe.len(), 1, "{listed}");
    assert!(
        stripe[0].contains("••••••") && stripe[0].contains("service:web"),
        "{listed}"
    );
    // A secret of the service beats the plain global value.
    let got = var(&context, &["get", "LOG_LEVEL", "-s", "web"]).success();
    assert_eq!(got.stdout, "••••••\n");
    assert!(got.stderr.contains("pass `--reveal`"), "{}", got.stderr);
    let json = var(
        &context,
        &["get", "STRIPE_KEY", "-s", "web", "--output", "json"],
    )
    .success()
    .json();
    assert_eq!(json["value"], "••••••");
    assert_eq!(json["secret"], true);
    let exported = var(&context, &["export", "-s", "web"]).success();
    assert!(
        exported.stdout.contains(
            "# STRIPE_KEY=  (secret, service:web: `sleak var export --reveal` writes it)"
        ),
        "{}",
        exported.stdout
    );
    assert!(
        exported.stderr.contains("commented-out placeholders"),
        "{}",
        exported.stderr
    );
}

#[test]
fn import_reads_env_files_all_or_nothing() {
    let context = context();
    context.write(
        "app.env",
        "# local settings\n\
         export API_URL=https://api.acme.dev/v1   # trailing comment\n\
         SINGLE='literal $HOME \\n'\n\
         DOUBLE=\"tab\\there \\\"quoted\\\" \\$HOME\"\n\
         MULTI=\"line one\n\
         line two\"\n\
         EMPTY=\n\
         HASH=a#b\n\
         API_URL=https://api.acme.dev/v2\n",
    );
    let run = var(&context, &["import", "app.env", "-s", "worker"]).success();
    assert!(
        run.stderr.contains("app.env:2: `API_URL` is given again"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Imported 6 variables from app.env"),
        "{}",
        run.stderr
    );
    let cases = [
        ("API_URL", "https://api.acme.dev/v2"),
        ("SINGLE", "literal $HOME \\n"),
        ("DOUBLE", "tab\there \"quoted\" $HOME"),
        ("MULTI", "line one\nline two"),
        ("EMPTY", ""),
        ("HASH", "a#b"),
    ];
    for (key, value) in cases {
        let json = var(&context, &["get", key, "-s", "worker", "--output", "json"])
            .success()
            .json();
        assert_eq!(json["value"], value, "{key}");
    }
    context.run(&["validate"]).success();

    // A bad line: FILE:LINE, exit 2, nothing imported.
    let before = context.read("sleak.toml");
    let bad_files = [
        ("GOOD=1\nnot a variable\n", 2, "is not KEY=VALUE"),
        ("GOOD=1\nOPEN=\"never closed\nGOOD2=2\n", 2, "never closed"),
        ("GOOD=1\n\n9LIVES=x\n", 3, "is not a variable name"),
        ("GOOD=1\nBAD=\"\\q\"\n", 2, "unknown escape"),
    ];
    for (text, line, message) in bad_files {
        context.write("bad.env", text);
        let run = var(&context, &["import", "bad.env"]).code(2);
        assert!(
            run.stderr.contains(&format!("bad.env:{line}: ")) && run.stderr.contains(message),
            "{text:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("nothing was imported"),
            "{}",
            run.stderr
        );
        assert_eq!(context.read("sleak.toml"), before, "{text:?} imported");
    }
}

#[test]
fn export_round_trips_through_import() {
    let context = context();
    let values = [
        ("PLAIN", "postgres://u@h:5432/d"),
        ("SPACES", " padded value "),
        ("QUOTES", "say \"hi\" and 'bye'"),
        ("DOLLAR", "$HOME and ${PATH}"),
        ("MULTI", "line one\nline two"),
        ("UNICODE", "café ☕"),
    ];
    let pairs: Vec<String> = values
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    let mut args = vec!["set", "-s", "web"];
    args.extend(pairs.iter().map(String::as_str));
    var(&context, &args).success();
    let exported = var(&context, &["export", "-s", "web"]).success();
    // Dependency variables are left out when the cluster cannot be reached, and said so.
    assert!(
        exported
            .stderr
            .contains("left out the variables of the dependency `db`"),
        "{}",
        exported.stderr
    );
    assert!(!exported.stdout.contains("DB_PORT"), "{}", exported.stdout);
    assert!(
        exported.stdout.contains("DB_HOST=service-host\n"),
        "{}",
        exported.stdout
    );
    context.write("exported.env", &exported.stdout);
    var(&context, &["import", "exported.env", "-s", "worker"]).success();
    for (key, value) in values {
        let json = var(&context, &["get", key, "-s", "worker", "--output", "json"])
            .success()
            .json();
        assert_eq!(json["value"], value, "{key}");
    }
}

/// Two accounts, no VPN, the stand-in as a cluster you bring, and the development
/// account holding the environment's secret values.
const CLUSTER_WORKSPACE: &str = r#"# Secrets stay out of this file.
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

[projects.api]

[projects.api.envs.preview]
variables = { LOG_LEVEL = "info" }

[projects.api.envs.preview.services.web]
kind = "web"
variables = { WEB_CONCURRENCY = "4" }
"#;

const STRIPE_KEY: &str = "sk_live_SLEAKtest0123456789abcdef";
const STRIPE_KEY_ROTATED: &str = "sk_live_ROTATEDtest9876543210zyxwv";
const SESSION_SECRET: &str = "s3ss10n-SLEAKtest-\"quoted\" $HOME\nsecond line";

struct Cluster {
    context: TestContext,
    moto: MotoGuard,
    proxy: AwsProxy,
    sandbox: Sandbox,
    /// Every stdout and stderr of the flow, labelled, for the secret scan.
    outputs: std::cell::RefCell<Vec<(String, String)>>,
}

impl Cluster {
    fn new() -> Self {
        let (context, moto) = TestContext::with_moto();
        let proxy = AwsProxy::start(moto.url());
        proxy.reset_moto();
        proxy.reset();
        let sandbox = Sandbox::start(fast_options());
        context.write("sleak.toml", CLUSTER_WORKSPACE);
        Self {
            context,
            moto,
            proxy,
            sandbox,
            outputs: Default::default(),
        }
    }

    /// Runs sleak (through the proxy, with the stand-in's kubeconfig), `stdin` piped in,
    /// and keeps what it printed.
    fn sleak(&self, args: &[&str], stdin: Option<&str>) -> Run {
        use std::io::Write;
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", &self.proxy.url)
            .env("KUBECONFIG", &self.sandbox.kubeconfig)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if stdin.is_some() {
            command.stdin(std::process::Stdio::piped());
        }
        let mut child = command.spawn().expect("sleak runs");
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        let run = Run::from(child.wait_with_output().expect("sleak runs"));
        let mut outputs = self.outputs.borrow_mut();
        outputs.push((format!("sleak {args:?} stdout"), run.stdout.clone()));
        outputs.push((format!("sleak {args:?} stderr"), run.stderr.clone()));
        run
    }

    fn must(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let run = self.sleak(args, stdin);
        assert_eq!(
            run.code, 0,
            "sleak {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }

    fn var(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut all = vec!["var"];
        all.extend_from_slice(args);
        all.extend_from_slice(&SCOPE);
        self.must(&all, stdin)
    }

    fn kubectl_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-n", "api-preview", "-o", "json"]);
        let text = success(self.sandbox.kubectl(&all), "kubectl");
        self.outputs
            .borrow_mut()
            .push((format!("kubectl {args:?}"), text.clone()));
        serde_json::from_str(&text).unwrap()
    }

    /// The secret's value in Secrets Manager, read with boto3 in the development account.
    fn stored(&self, name: &str) -> Value {
        let code = format!(
            r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
dev = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "development"][0]["Id"]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{{dev}}:role/OrganizationAccountAccessRole", RoleSessionName="test")["Credentials"]
sm = boto3.client("secretsmanager", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
value = sm.get_secret_value(SecretId={name:?})["SecretString"]
tags = {{t["Key"]: t["Value"] for t in sm.describe_secret(SecretId={name:?}).get("Tags", [])}}
print(json.dumps({{"value": json.loads(value), "tags": tags}}))
"#
        );
        serde_json::from_str(&self.moto.python(&code)).unwrap()
    }
}

fn decoded(secret: &Value, key: &str) -> String {
    use base64::Engine;
    let data = secret["data"][key]
        .as_str()
        .unwrap_or_else(|| panic!("no `{key}` in {secret:#}"));
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn secret_values_live_in_secrets_manager_and_apply_writes_every_group() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Cluster::new();
    setup.must(&["onboard", "--yes"], None);

    // Secret values: from stdin (one trailing newline dropped), and as KEY=VALUE.
    let set = setup.var(
        &["set", "STRIPE_KEY", "--secret", "-vv"],
        Some(&format!("{STRIPE_KEY}\n")),
    );
    assert!(
        set.stderr
            .contains("Secrets Manager (`sleak/acme/api/preview/variables`)"),
        "{}",
        set.stderr
    );
    let session = format!("SESSION_SECRET={SESSION_SECRET}");
    setup.var(
        &["set", &session, "LOG_LEVEL=debug", "--secret", "-s", "web"],
        None,
    );

    let global = setup.stored("sleak/acme/api/preview/variables");
    assert_eq!(
        global["value"],
        serde_json::json!({ "STRIPE_KEY": STRIPE_KEY })
    );
    assert_eq!(global["tags"]["sleak:workspace"], "acme");
    assert_eq!(
        global["tags"]["sleak:id"],
        "project/api/env/preview/variables/secret-values"
    );
    let web = setup.stored("sleak/acme/api/preview/service/web/variables");
    assert_eq!(web["value"]["SESSION_SECRET"], SESSION_SECRET);
    assert_eq!(web["value"]["LOG_LEVEL"], "debug");

    // sleak.toml holds the names only.
    let file = setup.context.read("sleak.toml");
    assert!(file.contains("# Secrets stay out of this file."), "{file}");
    assert!(
        file.contains("variables = { LOG_LEVEL = \"info\" }\nsecret_variables = [\"STRIPE_KEY\"]"),
        "{file}"
    );
    assert!(
        file.contains("secret_variables = [\"SESSION_SECRET\", \"LOG_LEVEL\"]"),
        "{file}"
    );

    // Masked everywhere but `--reveal`'s stdout.
    let listed = setup.var(&["list", "-s", "web"], None).stdout;
    assert!(
        listed
            .lines()
            .any(|line| line.starts_with("STRIPE_KEY") && line.contains("••••••"))
    );
    assert_eq!(setup.var(&["get", "STRIPE_KEY"], None).stdout, "••••••\n");
    let revealed = setup.var(&["get", "STRIPE_KEY", "--reveal"], None);
    assert_eq!(revealed.stdout, format!("{STRIPE_KEY}\n"));
    let revealed_web = setup.var(&["get", "SESSION_SECRET", "-s", "web", "--reveal"], None);
    assert_eq!(revealed_web.stdout, format!("{SESSION_SECRET}\n"));
    let exported = setup.var(&["export", "-s", "web", "--reveal"], None).stdout;
    setup.context.write("revealed.env", &exported);
    let reread = sleak::workspace::dotenv::parse(&exported).unwrap();
    let value = |key: &str| {
        reread
            .entries
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| entry.value.clone())
    };
    assert_eq!(value("SESSION_SECRET").as_deref(), Some(SESSION_SECRET));
    assert_eq!(value("STRIPE_KEY").as_deref(), Some(STRIPE_KEY));
    assert_eq!(
        value("LOG_LEVEL").as_deref(),
        Some("debug"),
        "the service's secret wins"
    );
    let reveals = [revealed.stdout, revealed_web.stdout, exported];

    // Apply: a ConfigMap per group, a Secret per group with secret variables.
    let plan = setup.must(&["plan"], None);
    assert!(
        plan.stdout
            .contains("project/api/env/preview/service/web/secrets"),
        "{}",
        plan.stdout
    );
    setup.must(&["plan", "--output", "json", "-vv"], None);
    setup.must(&["apply", "--yes", "-vv"], None);
    let namespace_labels =
        setup.kubectl_json(&["get", "namespace", "api-preview"])["metadata"]["labels"].clone();
    for (kind, name, group) in [
        ("configmap", "variables-global", "global"),
        ("configmap", "variables-web", "service.web"),
        ("secret", "secrets-global", "global"),
        ("secret", "secrets-web", "service.web"),
    ] {
        let object = setup.kubectl_json(&["get", kind, name]);
        let labels = &object["metadata"]["labels"];
        assert_eq!(labels["sleak.dev/variable-group"], group, "{name}");
        for (key, value) in namespace_labels.as_object().unwrap() {
            if key.starts_with("kubernetes.io/") {
                continue;
            }
            assert_eq!(&labels[key], value, "{name}: {key}");
        }
    }
    let global_map = setup.kubectl_json(&["get", "configmap", "variables-global"]);
    assert_eq!(
        global_map["data"],
        serde_json::json!({ "LOG_LEVEL": "info" })
    );
    let web_map = setup.kubectl_json(&["get", "configmap", "variables-web"]);
    assert_eq!(
        web_map["data"],
        serde_json::json!({ "WEB_CONCURRENCY": "4" })
    );
    let global_secret = setup.kubectl_json(&["get", "secret", "secrets-global"]);
    assert_eq!(decoded(&global_secret, "STRIPE_KEY"), STRIPE_KEY);
    assert_eq!(global_secret["data"].as_object().unwrap().len(), 1);
    let web_secret = setup.kubectl_json(&["get", "secret", "secrets-web"]);
    assert_eq!(decoded(&web_secret, "SESSION_SECRET"), SESSION_SECRET);
    assert_eq!(decoded(&web_secret, "LOG_LEVEL"), "debug");

    // A second apply changes nothing, in AWS or in the cluster.
    let versions = |setup: &Cluster| -> Vec<String> {
        ["secrets-global", "secrets-web"]
            .iter()
            .map(|name| {
                setup.kubectl_json(&["get", "secret", name])["metadata"]["resourceVersion"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let before = versions(&setup);
    setup.proxy.clear_log();
    let again = setup.must(&["apply", "--yes"], None);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "the re-run changed: {mutating:?}");
    assert!(
        again.stderr.to_lowercase().contains("nothing to do"),
        "{}",
        again.stderr
    );
    assert_eq!(versions(&setup), before, "the re-run rewrote a Secret");

    // A new value: the plan names the key (never the value), apply updates the Secret.
    setup.var(&["set", "STRIPE_KEY", "--secret"], Some(STRIPE_KEY_ROTATED));
    let plan = setup.must(&["plan"], None);
    assert!(
        plan.stdout.contains("set the keys `STRIPE_KEY`"),
        "{}",
        plan.stdout
    );
    setup.must(&["apply", "--yes"], None);
    let global_secret = setup.kubectl_json(&["get", "secret", "secrets-global"]);
    assert_eq!(decoded(&global_secret, "STRIPE_KEY"), STRIPE_KEY_ROTATED);

    // A name in sleak.toml without its value: apply stops, naming the key and the fix.
    let file = setup.context.read("sleak.toml");
    setup.context.write(
        "sleak.toml",
        &file.replace(
            "secret_variables = [\"STRIPE_KEY\"]",
            "secret_variables = [\"STRIPE_KEY\", \"MISSING_KEY\"]",
        ),
    );
    let failed = setup.sleak(&["apply", "--yes"], None);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    assert!(
        failed.stderr.contains("`MISSING_KEY`")
            && failed
                .stderr
                .contains("sleak var set --secret MISSING_KEY -p api -e preview"),
        "{}",
        failed.stderr
    );
    setup.context.write("sleak.toml", &file);

    // Unset: the name leaves sleak.toml and the value Secrets Manager; apply drops the key.
    setup.var(&["unset", "LOG_LEVEL", "-s", "web"], None);
    let web = setup.stored("sleak/acme/api/preview/service/web/variables");
    assert_eq!(
        web["value"],
        serde_json::json!({ "SESSION_SECRET": SESSION_SECRET })
    );
    setup.must(&["apply", "--yes"], None);
    let web_secret = setup.kubectl_json(&["get", "secret", "secrets-web"]);
    assert_eq!(
        web_secret["data"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["SESSION_SECRET"]
    );

    // A key set plain that was secret moves (its value leaves Secrets Manager), and the
    // reverse; both are said.
    let moved = setup.var(&["set", "SESSION_SECRET=now-plain", "-s", "web"], None);
    assert!(
        moved
            .stderr
            .contains("Moved `SESSION_SECRET` from secret to plain"),
        "{}",
        moved.stderr
    );
    let moved = setup.var(&["set", "WEB_CONCURRENCY=8", "--secret", "-s", "web"], None);
    assert!(
        moved
            .stderr
            .contains("Moved `WEB_CONCURRENCY` from plain to secret"),
        "{}",
        moved.stderr
    );
    let web = setup.stored("sleak/acme/api/preview/service/web/variables");
    assert_eq!(web["value"], serde_json::json!({ "WEB_CONCURRENCY": "8" }));
    let file = setup.context.read("sleak.toml");
    assert!(
        file.contains("variables = { SESSION_SECRET = \"now-plain\" }\nsecret_variables = [\"WEB_CONCURRENCY\"]"),
        "{file}"
    );

    // The scan: no secret value in any output or file but `--reveal`'s stdout (and the
    // .env the test wrote from it).
    use base64::Engine;
    let mut secrets: Vec<String> = [
        STRIPE_KEY,
        STRIPE_KEY_ROTATED,
        SESSION_SECRET,
        "s3ss10n-SLEAKtest",
    ]
    .map(str::to_owned)
    .to_vec();
    // As a Kubernetes Secret holds them, too.
    for value in [STRIPE_KEY, STRIPE_KEY_ROTATED, SESSION_SECRET] {
        secrets.push(base64::engine::general_purpose::STANDARD.encode(value));
    }
    let revealed_file = setup.context.work.join("revealed.env");
    let mut leaks = Vec::new();
    let mut scanned = 0;
    let outputs = setup.outputs.borrow();
    let files = common::files_under(setup.context.root.path(), &[&revealed_file])
        .into_iter()
        .map(|(path, text)| (path.display().to_string(), text));
    let texts = outputs
        .iter()
        .filter(|(label, text)| {
            // kubectl's JSON of the Secrets is base64, yet excluded for clarity.
            !label.starts_with("kubectl") && !reveals.contains(text)
        })
        .map(|(label, text)| (label.clone(), text.clone()))
        .chain(files);
    for (label, text) in texts {
        scanned += 1;
        for secret in &secrets {
            if text.contains(secret.as_str()) {
                leaks.push(format!("{label} holds `{}…`", &secret[..10]));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "secret values leaked:\n{}",
        leaks.join("\n")
    );
    assert!(scanned > 30, "scanned only {scanned}");
}

/// `export` reads a dependency's values from its Kubernetes Secret `dependency-<name>`
/// (written by the dependency's apply; here by kubectl), under the groups that beat it.
#[test]
fn export_reads_dependency_values_from_the_cluster() {
    if support_sandbox::skip_peers() {
        return;
    }
    let context = context();
    let sandbox = Sandbox::start(fast_options());
    success(
        sandbox.kubectl(&["create", "namespace", "api-preview"]),
        "kubectl",
    );
    success(
        sandbox.kubectl(&[
            "create",
            "secret",
            "generic",
            "dependency-db",
            "-n",
            "api-preview",
            "--from-literal=DB_HOST=db.internal",
            "--from-literal=DB_PORT=5432",
            "--from-literal=DB_PASSWORD=generated-pw",
        ]),
        "kubectl",
    );
    let mut all = vec!["var", "export", "-s", "web"];
    all.extend_from_slice(&SCOPE);
    let run = Run::from(
        context
            .sleak()
            .env("KUBECONFIG", &sandbox.kubeconfig)
            .args(&all)
            .output()
            .expect("sleak runs"),
    )
    .success();
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
    let values: Vec<(String, String)> = sleak::workspace::dotenv::parse(&run.stdout)
        .unwrap()
        .entries
        .into_iter()
        .map(|entry| (entry.key, entry.value))
        .collect();
    let value = |key: &str| {
        values
            .iter()
            .find(|(found, _)| found == key)
            .map(|(_, value)| value.as_str())
    };
    assert_eq!(value("DB_PORT"), Some("5432"));
    assert_eq!(value("DB_PASSWORD"), Some("generated-pw"));
    // The service's own DB_HOST beats the dependency's.
    assert_eq!(value("DB_HOST"), Some("service-host"));
    // A key the Secret lacks is not invented.
    assert_eq!(value("DB_URL"), None);
}

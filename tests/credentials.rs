//! What a user without working AWS credentials sees, through the real binary: no
//! credentials at all, a profile that does not exist, an SSO session that expired, an
//! endpoint that does not answer. Each names what is wrong and the fix on a `hint:`
//! line. Every run points AWS_ENDPOINT_URL at loopback: nothing reaches the internet.

mod common;

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Run, TestContext};

/// A loopback URL where nothing listens (connections are refused).
fn closed_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    drop(listener);
    url
}

/// A loopback URL that accepts connections and never answers: a black hole.
fn silent_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    url
}

/// sleak with no AWS credentials of any kind, its AWS calls aimed at a closed port.
fn without_credentials(context: &TestContext) -> Command {
    let mut command = context.sleak();
    command
        .env("AWS_ENDPOINT_URL", closed_endpoint())
        .env("AWS_REGION", "us-east-1");
    command
}

fn run(command: &mut Command, args: &[&str]) -> Run {
    Run::from(command.args(args).output().expect("sleak runs"))
}

#[track_caller]
fn assert_says(run: &Run, expected: &[&str]) {
    for text in expected {
        assert!(
            run.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// The files of the test's HOME, as the messages name them (AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE are set by the harness).
fn aws_files(context: &TestContext) -> (String, String) {
    (
        context.home.join(".aws/config").display().to_string(),
        context.home.join(".aws/credentials").display().to_string(),
    )
}

fn write_aws_file(context: &TestContext, name: &str, text: &str) {
    let path = context.home.join(".aws").join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("aws folder");
    std::fs::write(path, text).expect("aws file");
}

#[test]
fn no_credentials_name_where_sleak_looked_and_the_fixes() {
    let context = TestContext::new();
    let (config, credentials) = aws_files(&context);
    let looked = format!(
        "in the profile `default` of {config} and {credentials} for keys, SSO, a role or a credential process (there is no such profile)"
    );
    let whoami = run(&mut without_credentials(&context), &["whoami"]).code(2);
    assert_says(
        &whoami,
        &[
            "error: could not ask STS who the credentials belong to\n",
            "Caused by: no AWS credentials found: sleak looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ",
            &looked,
            "for a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), container credentials and instance metadata (disabled by AWS_EC2_METADATA_DISABLED)\n",
            "\nhint: set AWS_PROFILE or pass `--profile NAME` to use a profile, run `aws sso login --profile NAME` for an SSO profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        ],
    );
    assert_eq!(whoami.stderr.lines().count(), 3, "{}", whoami.stderr);
    assert!(!whoami.stderr.contains("--offline"), "{}", whoami.stderr);

    // `plan` says the same, and that `--offline` needs no credentials (which is true).
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let plan = run(&mut without_credentials(&context), &["plan"]).code(2);
    assert_says(
        &plan,
        &[
            "Caused by: no AWS credentials found: sleak looked in",
            &looked,
            "\nhint: set AWS_PROFILE or pass `--profile NAME`",
            "; `sleak plan --offline` shows the plan from the workspace alone, without credentials\n",
        ],
    );
    assert_eq!(plan.stderr.lines().count(), 3, "{}", plan.stderr);
    run(&mut without_credentials(&context), &["plan", "--offline"]).success();
}

#[test]
fn a_profile_that_does_not_exist_is_named_with_the_ones_that_do() {
    let context = TestContext::new();
    let (config, credentials) = aws_files(&context);
    write_aws_file(
        &context,
        "config",
        "[profile ops]\nregion = eu-west-3\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile dev]\nsso_session = corp\n",
    );
    write_aws_file(
        &context,
        "credentials",
        "[ops]\naws_access_key_id = AKIAOPSEXAMPLE\naws_secret_access_key = secret\n\n[ci]\naws_access_key_id = AKIACIEXAMPLE\naws_secret_access_key = secret\n",
    );
    let whoami = run(
        &mut without_credentials(&context),
        &["whoami", "--profile", "nope"],
    )
    .code(2);
    assert_says(
        &whoami,
        &[
            &format!(
                "Caused by: the AWS profile `nope` (from `--profile`) is not in {config} or {credentials}\n"
            ),
            "\nhint: the profiles there are `ops`, `dev`, `ci`: pass one with `--profile NAME`, or create `nope` with `aws configure --profile nope` or `aws configure sso --profile nope`\n",
        ],
    );
    assert!(!whoami.stderr.contains("corp"), "{}", whoami.stderr);

    // The same from AWS_PROFILE, for `plan`, which adds `--offline`.
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let plan = run(
        without_credentials(&context).env("AWS_PROFILE", "nope"),
        &["plan"],
    )
    .code(2);
    assert_says(
        &plan,
        &[
            "Caused by: the AWS profile `nope` (from AWS_PROFILE) is not in",
            "hint: the profiles there are `ops`, `dev`, `ci`",
            "; `sleak plan --offline` shows the plan from the workspace alone, without credentials\n",
        ],
    );

    // Without a region anywhere, the missing profile is still what sleak names.
    let no_region = run(
        without_credentials(&context)
            .env_remove("AWS_REGION")
            .current_dir(&context.home),
        &["whoami", "--profile", "nope"],
    )
    .code(2);
    assert_says(
        &no_region,
        &["the AWS profile `nope` (from `--profile`) is not in"],
    );
}

/// The SSO token cache file aws-config reads for the sso-session `corp`:
/// `~/.aws/sso/cache/<sha1 of the session name>.json` (`printf corp | sha1sum`).
const CORP_TOKEN_FILE: &str = ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";

#[test]
fn an_sso_session_that_expired_or_never_was_asks_for_aws_sso_login() {
    let context = TestContext::new();
    write_aws_file(
        &context,
        "config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n",
    );
    // Nobody logged in: no cached token.
    let never = run(
        &mut without_credentials(&context),
        &["whoami", "--profile", "dev"],
    )
    .code(2);
    assert_says(
        &never,
        &[
            "Caused by: the AWS profile `dev` signs in with SSO, but there is no SSO session",
            "\nhint: run `aws sso login --profile dev`, then run sleak again\n",
        ],
    );
    // Logged in yesterday: the cached token expired (and cannot be refreshed).
    let token = context.home.join(CORP_TOKEN_FILE);
    std::fs::create_dir_all(token.parent().expect("cache folder")).expect("cache folder");
    std::fs::write(
        &token,
        r#"{"accessToken": "expired-token", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://corp.awsapps.com/start"}"#,
    )
    .expect("cached token");
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    for args in [&["whoami"][..], &["plan"]] {
        let expired = run(
            without_credentials(&context).env("AWS_PROFILE", "dev"),
            args,
        )
        .code(2);
        assert_says(
            &expired,
            &[
                "error: could not ask STS who the credentials belong to\n",
                "Caused by: the SSO session of the AWS profile `dev` has expired\n",
                "\nhint: run `aws sso login --profile dev`, then run sleak again",
            ],
        );
        assert_eq!(expired.stderr.lines().count(), 3, "{}", expired.stderr);
    }
}

#[test]
fn an_endpoint_that_does_not_answer_fails_in_seconds_naming_it() {
    let context = TestContext::new();
    let with_credentials = |endpoint: &str| {
        let mut command = context.sleak();
        command
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-east-1");
        command
    };
    // Accepts the connection, never answers.
    let silent = silent_endpoint();
    let started = Instant::now();
    let run_silent = run(&mut with_credentials(&silent), &["whoami"]).code(1);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "took {took:?}");
    assert_says(
        &run_silent,
        &[
            "error: could not ask STS who the credentials belong to\n",
            &format!(
                "Caused by: the endpoint {silent} (AWS_ENDPOINT_URL) did not answer: HTTP read timeout occurred after 4s\n"
            ),
            &format!(
                "\nhint: AWS_ENDPOINT_URL={silent} sends every AWS call there: start what should answer there, or unset AWS_ENDPOINT_URL to call AWS itself\n"
            ),
        ],
    );
    // Refuses the connection: reported at once, for a workspace command too.
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let closed = closed_endpoint();
    let started = Instant::now();
    let run_closed = run(&mut with_credentials(&closed), &["plan"]).code(1);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_says(
        &run_closed,
        &[
            &format!("Caused by: could not reach the endpoint {closed} (AWS_ENDPOINT_URL): "),
            &format!("\nhint: AWS_ENDPOINT_URL={closed} sends every AWS call there"),
        ],
    );
}

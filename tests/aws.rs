//! sleak against moto: the AWS configuration and the caller's identity, checked by
//! reading moto back with boto3.

mod common;

use common::TestContext;

#[test]
fn whoami_prints_the_account_moto_says_the_credentials_belong_to() {
    let (context, moto) = TestContext::with_moto();
    let expected = moto.python(
        "print(boto3.client('sts', endpoint_url=endpoint).get_caller_identity()['Account'])",
    );
    let json = context
        .run(&["whoami", "--output", "json"])
        .success()
        .json();
    assert_eq!(json["account"], expected.as_str());
    assert_eq!(json["endpoint"], moto.url());
    assert_eq!(json["region"], "us-east-1");
    let table = context.run(&["whoami"]).success();
    assert!(table.stdout.contains(&expected), "{}", table.stdout);
    assert!(table.stdout.contains("arn:aws:sts::"), "{}", table.stdout);
}

#[test]
fn whoami_reads_the_profile_and_its_region_from_the_aws_config_files() {
    let (context, moto) = TestContext::with_moto();
    std::fs::create_dir_all(context.home.join(".aws")).expect("aws folder");
    std::fs::write(
        context.home.join(".aws/config"),
        "[profile ops]\nregion = eu-west-3\n",
    )
    .expect("config");
    std::fs::write(
        context.home.join(".aws/credentials"),
        "[ops]\naws_access_key_id = AKIAOPSEXAMPLE\naws_secret_access_key = secret\n",
    )
    .expect("credentials");
    let run = context
        .sleak()
        .env_remove("AWS_REGION")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["whoami", "--profile", "ops", "--output", "json"])
        .output()
        .expect("runs");
    let run = common::Run::from(run).success();
    let json = run.json();
    assert_eq!(json["region"], "eu-west-3");
    assert_eq!(json["profile"], "ops");
    // --region wins over the profile's region.
    let run = context
        .sleak()
        .env_remove("AWS_REGION")
        .args([
            "whoami",
            "--profile",
            "ops",
            "--region",
            "ap-south-1",
            "--output",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        common::Run::from(run).success().json()["region"],
        "ap-south-1"
    );
    let _ = moto;
}

#[test]
fn whoami_falls_back_to_the_workspace_region() {
    let (context, _moto) = TestContext::with_moto();
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    let run = context
        .sleak()
        .env_remove("AWS_REGION")
        .args(["whoami", "--output", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        common::Run::from(run).success().json()["region"],
        "us-east-1"
    );
}

#[test]
fn missing_credentials_are_a_usage_error_with_a_hint() {
    let (context, _moto) = TestContext::with_moto();
    let run = context
        .sleak()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["whoami"])
        .output()
        .expect("runs");
    let run = common::Run::from(run).code(2);
    assert!(
        run.stderr.contains("error: could not ask STS"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Caused by: no AWS credentials found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: set AWS_PROFILE"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.lines().count() <= 4,
        "the SDK's debug dump leaked: {}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

/// One region per run: a region from `--region`, the environment or the profile that
/// is not the workspace's stops the command before it reaches AWS, naming both.
#[test]
fn a_region_other_than_the_workspaces_is_refused() {
    let (context, _moto) = TestContext::with_moto();
    context.copy(
        common::crate_root().join("sleak.toml.example"),
        "sleak.toml",
    );
    std::fs::create_dir_all(context.home.join(".aws")).expect("folder");
    std::fs::write(
        context.home.join(".aws/config"),
        "[profile paris]\nregion = eu-west-3\n",
    )
    .expect("config");
    let cases: [(&[&str], Option<&str>, &str); 3] = [
        (
            &["plan", "--region", "eu-west-1"],
            None,
            "`--region eu-west-1` says eu-west-1",
        ),
        (
            &["status"],
            Some("ap-south-1"),
            "AWS_REGION=ap-south-1 says ap-south-1",
        ),
        (
            &["onboard", "--yes", "--profile", "paris"],
            None,
            "the profile `paris` (region = eu-west-3) says eu-west-3",
        ),
    ];
    for (args, env_region, says) in cases {
        let mut command = context.sleak();
        command
            .env_remove("AWS_REGION")
            .env_remove("AWS_DEFAULT_REGION");
        if let Some(region) = env_region {
            command.env("AWS_REGION", region);
        }
        let run = common::Run::from(command.args(args).output().expect("runs")).code(2);
        assert!(
            run.stderr.contains("the workspace's region is us-east-1")
                && run.stderr.contains(says)
                && run.stderr.contains("hint: ")
                && run.stderr.contains("--region us-east-1"),
            "{args:?}:\n{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    // The same region, however it is given, is no conflict.
    let run = context.run(&["plan", "--region", "us-east-1", "--output", "json"]);
    run.success();
}

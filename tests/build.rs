//! `sleak build` against moto's ECR with a fake `docker` first on PATH that records its
//! arguments and stdin; and the ECR reads the deploy engine uses (`image_exists`,
//! `registry`), read back against moto.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{MotoGuard, Run, TestContext};

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[accounts.management]
network = { cidr = "10.0.0.0/16" }

[accounts.development]
network = { cidr = "10.1.0.0/16", availability_zones = 2, nat = "shared" }

[vpn]
enabled = false

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t4g.large"]

[environments.staging]
cluster = "dev"

[projects.api.envs.staging]
"#;

/// moto's registry for its default account, and the password its token holds.
const REGISTRY: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const PASSWORD: &str = "123456789012-auth-token";

/// A workspace in a git repository with a Dockerfile, an organization and the project's
/// repository in moto, and a fake `docker` that logs each call to `builder.log`.
struct Setup {
    context: TestContext,
    moto: MotoGuard,
    bin: PathBuf,
    log: PathBuf,
}

impl Setup {
    fn new(git: bool) -> Self {
        let (context, moto) = TestContext::with_moto();
        moto.python(
            "boto3.client('organizations', endpoint_url=endpoint).create_organization(FeatureSet='ALL')\n\
             boto3.client('ecr', endpoint_url=endpoint).create_repository(repositoryName='api')",
        );
        context.write("sleak.toml", WORKSPACE);
        context.write("Dockerfile", "FROM scratch\n");
        let bin = context.root.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let log = context.root.path().join("builder.log");
        let script = format!(
            "#!/bin/sh\n\
             printf 'argv:' >> '{log}'\n\
             for argument in \"$@\"; do printf ' %s' \"$argument\" >> '{log}'; done\n\
             printf '\\n' >> '{log}'\n\
             if [ \"$1\" = login ]; then printf 'stdin:%s\\n' \"$(cat)\" >> '{log}'; fi\n\
             echo 'fake builder says hello'\n",
            log = log.display()
        );
        write_executable(&bin.join("docker"), &script);
        let setup = Self {
            context,
            moto,
            bin,
            log,
        };
        if git {
            setup.git(&["init", "--quiet"]);
            setup.git(&["add", "-A"]);
            setup.git(&["commit", "--quiet", "-m", "first"]);
        }
        setup
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(&self.context.work)
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// `sleak args…` with the fake builder first on PATH.
    fn build(&self, args: &[&str]) -> Run {
        let path = std::env::join_paths(std::iter::once(self.bin.clone()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap();
        Run::from(
            self.context
                .sleak()
                .env("PATH", path)
                .args(args)
                .output()
                .expect("sleak runs"),
        )
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

fn write_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn build_logs_in_on_stdin_builds_for_the_node_pools_platform_and_pushes_the_commit() {
    let setup = Setup::new(true);
    let commit = setup.git(&["rev-parse", "HEAD"]);
    let image = format!("{REGISTRY}/api:{}", &commit[..12]);
    let work = setup.context.work.display().to_string();

    let run = setup.build(&["build", "-p", "api"]).success();

    assert_eq!(run.stdout, format!("{image}\n"));
    assert_eq!(
        setup.calls(),
        [
            format!("argv: login --username AWS --password-stdin {REGISTRY}"),
            format!("stdin:{PASSWORD}"),
            format!("argv: build --platform linux/arm64 -f {work}/Dockerfile -t {image} {work}"),
            format!("argv: push {image}"),
        ]
    );
    // The builder's own output goes to stderr; the password goes nowhere but its stdin.
    assert!(
        run.stderr.contains("fake builder says hello"),
        "{}",
        run.stderr
    );
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains(PASSWORD), "the password leaked:\n{output}");
    }

    let json = setup
        .build(&["build", "-p", "api", "--output", "json", "--no-push"])
        .success()
        .json();
    assert_eq!(
        json,
        serde_json::json!({
            "image": image,
            "repository": format!("{REGISTRY}/api"),
            "tag": &commit[..12],
            "platform": "linux/arm64",
        })
    );
    // --no-push: one more build, no login and no push.
    assert_eq!(setup.calls().len(), 5, "{:?}", setup.calls());
}

#[test]
fn a_dirty_tree_is_refused_unless_allowed_and_then_tagged_by_its_changes() {
    let setup = Setup::new(true);
    let commit = setup.git(&["rev-parse", "HEAD"]);
    setup
        .context
        .write("Dockerfile", "FROM scratch\nCOPY . .\n");

    let refused = setup.build(&["build", "-p", "api"]).code(2);
    assert!(
        refused.stderr.contains("uncommitted changes"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("--allow-dirty"),
        "{}",
        refused.stderr
    );
    assert!(setup.calls().is_empty(), "{:?}", setup.calls());

    let first = setup
        .build(&["build", "-p", "api", "--allow-dirty", "--output", "json"])
        .success()
        .json();
    let tag = first["tag"].as_str().unwrap().to_owned();
    let prefix = format!("{}-dirty-", &commit[..12]);
    let suffix = tag.strip_prefix(&prefix).unwrap_or_else(|| panic!("{tag}"));
    assert_eq!(suffix.len(), 8, "{tag}");
    assert!(suffix.chars().all(|c| c.is_ascii_hexdigit()), "{tag}");
    // The same changes, the same tag; other changes, another.
    let again = setup
        .build(&["build", "-p", "api", "--allow-dirty", "--output", "json"])
        .success()
        .json();
    assert_eq!(again["tag"], tag.as_str());
    setup.context.write("notes.txt", "untracked\n");
    let other = setup
        .build(&["build", "-p", "api", "--allow-dirty", "--output", "json"])
        .success()
        .json();
    assert_ne!(other["tag"], tag.as_str());
}

#[test]
fn outside_a_git_repository_the_tag_must_be_given() {
    let setup = Setup::new(false);
    let refused = setup.build(&["build", "-p", "api"]).code(2);
    assert!(
        refused.stderr.contains("not in a git repository"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--tag"), "{}", refused.stderr);

    let run = setup
        .build(&["build", "-p", "api", "--tag", "v1.2.3"])
        .success();
    assert_eq!(run.stdout, format!("{REGISTRY}/api:v1.2.3\n"));
}

#[test]
fn without_a_builder_on_path_build_names_all_three() {
    let setup = Setup::new(true);
    let empty = setup.context.root.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = Run::from(
        setup
            .context
            .sleak()
            .env("PATH", &empty)
            .args(["build", "-p", "api"])
            .output()
            .unwrap(),
    )
    .code(2);
    for builder in ["docker", "podman", "buildah"] {
        assert!(run.stderr.contains(builder), "{}", run.stderr);
    }
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
}

async fn moto_config(moto: &MotoGuard) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(moto.url())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new(
            "testing", "testing", None, None, "test",
        ))
        .load()
        .await
}

#[test]
fn image_exists_finds_a_pushed_tag_and_names_a_missing_repository() {
    use sleak::providers::aws::ecr;
    let setup = Setup::new(false);
    setup.moto.python(
        "manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', 'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': 2, 'digest': 'sha256:' + '0' * 64}, 'layers': []})\n\
         boto3.client('ecr', endpoint_url=endpoint).put_image(repositoryName='api', imageManifest=manifest, imageTag='abc123')",
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let config = moto_config(&setup.moto).await;
        assert!(ecr::image_exists(&config, "api", "abc123").await.unwrap());
        assert!(!ecr::image_exists(&config, "api", "other").await.unwrap());
        let error = ecr::image_exists(&config, "nope", "abc123")
            .await
            .unwrap_err();
        assert!(format!("{error:#}").contains("`nope`"), "{error:#}");

        let registry = ecr::registry(&config).await.unwrap();
        assert_eq!(registry.host, REGISTRY);
        assert_eq!(registry.username, "AWS");
        assert_eq!(registry.password.expose(), PASSWORD);
        assert_eq!(registry.repository_uri("api"), format!("{REGISTRY}/api"));
        let debug = format!("{registry:?}");
        assert!(!debug.contains(PASSWORD), "{debug}");
    });
}

#[test]
fn sleak_workspace_names_the_workspace_as_dash_c_does() {
    let context = TestContext::new();
    let file = context.write("elsewhere/sleak.toml", WORKSPACE);
    let away = context.root.path().join("away");
    std::fs::create_dir_all(&away).unwrap();
    let run = Run::from(
        context
            .sleak()
            .current_dir(&away)
            .env("SLEAK_WORKSPACE", &file)
            .arg("validate")
            .output()
            .unwrap(),
    );
    run.success();
    let without = Run::from(
        context
            .sleak()
            .current_dir(&away)
            .arg("validate")
            .output()
            .unwrap(),
    );
    assert_eq!(without.code, 2, "{without:?}");
}

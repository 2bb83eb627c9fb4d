//! `sleak eks-token`, `sleak kubeconfig` and the stand-in's `--accept-eks-tokens`: tokens
//! whose SigV4 signature the test recomputes on its own, kubeconfigs merged as
//! `aws eks update-kubeconfig` merges them (clusters in moto), and the real kubectl
//! authenticating through sleak.

mod common;
mod support_sandbox;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use aws_sdk_sts::primitives::{DateTime, DateTimeFormat};
use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use common::{MotoGuard, Run, TestContext};
use support_sandbox::{peers_bin, skip_peers};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// Characters that percent-encoding must get right: `/`, `+` and `=`.
const SESSION_TOKEN: &str = "FwoGZXIvYXdzEJr//////////wEaDH+test/session=token==";

// ── An independent SigV4 ────────────────────────────────────────────────────

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|byte| byte ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|byte| byte ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// RFC 3986 unreserved characters stay, every other byte is `%XX`: SigV4's encoding.
fn uri_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).expect("ascii");
            decoded.push(u8::from_str_radix(hex, 16).expect("a %XX escape"));
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).expect("utf-8")
}

/// The signing key of AWS's SigV4 derivation: HMAC chained over date, region, service.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let date_key = hmac_sha256(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let region_key = hmac_sha256(&date_key, region.as_bytes());
    let service_key = hmac_sha256(&region_key, service.as_bytes());
    hmac_sha256(&service_key, b"aws4_request")
}

/// A decoded token: the URL's host and its query parameters.
struct Presigned {
    host: String,
    params: BTreeMap<String, String>,
}

impl Presigned {
    fn from_token(token: &str) -> Self {
        let encoded = token
            .strip_prefix("k8s-aws-v1.")
            .unwrap_or_else(|| panic!("not an EKS token: {token}"));
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(encoded)
            .expect("base64url without padding");
        let url = String::from_utf8(url).expect("the token holds a URL");
        let rest = url.strip_prefix("https://").expect("an https URL");
        let (host, query) = rest.split_once("/?").expect("path `/` and a query");
        let mut params = BTreeMap::new();
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').expect("name=value");
            let previous = params.insert(percent_decode(name), percent_decode(value));
            assert!(previous.is_none(), "`{name}` repeats in {url}");
        }
        Self {
            host: host.to_owned(),
            params,
        }
    }

    fn param(&self, name: &str) -> &str {
        self.params
            .get(name)
            .unwrap_or_else(|| panic!("no `{name}` in {:?}", self.params))
    }

    /// The SigV4 signature of this URL as AWS computes it, for the cluster `cluster`.
    fn expected_signature(&self, secret: &str, cluster: &str) -> String {
        let canonical_query = self
            .params
            .iter()
            .filter(|(name, _)| name.as_str() != "X-Amz-Signature")
            .map(|(name, value)| (uri_encode(name), uri_encode(value)))
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        let signed_headers = self.param("X-Amz-SignedHeaders");
        let header_values =
            BTreeMap::from([("host", self.host.as_str()), ("x-k8s-aws-id", cluster)]);
        let canonical_headers: String = signed_headers
            .split(';')
            .map(|name| format!("{name}:{}\n", header_values[name]))
            .collect();
        let empty_payload = hex(&Sha256::digest(b""));
        let canonical_request = format!(
            "GET\n/\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{empty_payload}"
        );
        let credential = self.param("X-Amz-Credential");
        let (_, scope) = credential.split_once('/').expect("key/scope");
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
            self.param("X-Amz-Date"),
            hex(&Sha256::digest(canonical_request.as_bytes()))
        );
        let parts: Vec<&str> = scope.split('/').collect();
        let key = signing_key(secret, parts[0], parts[1], parts[2]);
        hex(&hmac_sha256(&key, string_to_sign.as_bytes()))
    }
}

/// Seconds since the epoch of SigV4's `YYYYMMDDTHHMMSSZ`.
fn amz_date_seconds(date: &str) -> i64 {
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    );
    rfc3339_seconds(&rfc3339)
}

fn rfc3339_seconds(text: &str) -> i64 {
    DateTime::from_str(text, DateTimeFormat::DateTime)
        .unwrap_or_else(|error| panic!("`{text}` is not RFC 3339: {error}"))
        .secs()
}

#[test]
fn the_test_hmac_and_signing_key_match_the_published_vectors() {
    // RFC 4231, test case 1.
    assert_eq!(
        hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    );
    // RFC 4231, test case 6: a key longer than the block.
    assert_eq!(
        hex(&hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
    // AWS's documented signing-key derivation example.
    assert_eq!(
        hex(&signing_key(SECRET_KEY, "20150830", "us-east-1", "iam")),
        "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    );
}

// ── sleak eks-token ─────────────────────────────────────────────────────────

/// `sleak` with fixed static credentials and no endpoint override.
fn with_static_credentials(context: &TestContext) -> Command {
    let mut command = context.sleak();
    command
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
        .env("AWS_REGION", "us-east-1");
    command
}

#[test]
fn eks_token_prints_an_exec_credential_whose_signature_sigv4_recomputes() {
    let context = TestContext::new();
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let run = Run::from(
        with_static_credentials(&context)
            .args(["eks-token", "--cluster-name", "demo"])
            .output()
            .expect("sleak runs"),
    )
    .success();
    let credential = run.json();
    assert_eq!(credential["kind"], "ExecCredential");
    assert_eq!(
        credential["apiVersion"],
        "client.authentication.k8s.io/v1beta1"
    );
    assert_eq!(credential["spec"], json!({}));
    let token = credential["status"]["token"].as_str().expect("a token");
    assert!(
        !run.stdout.contains(SECRET_KEY) && !run.stderr.contains(SECRET_KEY),
        "the secret key is never printed"
    );

    let presigned = Presigned::from_token(token);
    assert_eq!(presigned.host, "sts.us-east-1.amazonaws.com");
    assert_eq!(presigned.param("Action"), "GetCallerIdentity");
    assert_eq!(presigned.param("Version"), "2011-06-15");
    assert_eq!(presigned.param("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
    assert_eq!(presigned.param("X-Amz-Expires"), "60");
    assert_eq!(presigned.param("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
    assert_eq!(presigned.param("X-Amz-Security-Token"), SESSION_TOKEN);
    let date = presigned.param("X-Amz-Date");
    assert_eq!(
        presigned.param("X-Amz-Credential"),
        format!("{ACCESS_KEY}/{}/us-east-1/sts/aws4_request", &date[..8])
    );

    let signature = presigned.param("X-Amz-Signature");
    assert_eq!(
        presigned.expected_signature(SECRET_KEY, "demo"),
        signature,
        "the signature is what AWS computes"
    );
    // The check can fail: the signature binds the cluster and the secret.
    assert_ne!(presigned.expected_signature(SECRET_KEY, "other"), signature);
    assert_ne!(
        presigned.expected_signature("another-secret", "demo"),
        signature
    );

    let signed_at = amz_date_seconds(date);
    assert!(
        (before - 1..=before + 60).contains(&signed_at),
        "signed now: {date}"
    );
    let expires = credential["status"]["expirationTimestamp"]
        .as_str()
        .expect("an expiry");
    assert!(expires.ends_with('Z'), "UTC: {expires}");
    assert_eq!(
        rfc3339_seconds(expires) - signed_at,
        14 * 60,
        "the expiry is 14 minutes after the signature, as the aws CLI reports it"
    );
}

#[test]
fn eks_token_for_another_cluster_or_region_signs_something_else() {
    let context = TestContext::new();
    let token = |args: &[&str]| {
        let run = Run::from(
            with_static_credentials(&context)
                .args(args)
                .output()
                .expect("sleak runs"),
        )
        .success();
        Presigned::from_token(run.json()["status"]["token"].as_str().unwrap())
    };
    let paris = token(&[
        "eks-token",
        "--cluster-name",
        "prod",
        "--region",
        "eu-west-3",
    ]);
    assert_eq!(paris.host, "sts.eu-west-3.amazonaws.com");
    assert!(
        paris
            .param("X-Amz-Credential")
            .ends_with("/eu-west-3/sts/aws4_request")
    );
    let signature = paris.param("X-Amz-Signature");
    assert_eq!(paris.expected_signature(SECRET_KEY, "prod"), signature);
    assert_ne!(paris.expected_signature(SECRET_KEY, "demo"), signature);
}

#[test]
fn eks_token_without_credentials_is_a_usage_error() {
    let context = TestContext::new();
    let run = context
        .run(&[
            "eks-token",
            "--cluster-name",
            "demo",
            "--region",
            "us-east-1",
        ])
        .code(2);
    assert!(
        run.stderr.contains("no AWS credentials found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

// ── sleak kubeconfig, against moto ──────────────────────────────────────────

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[accounts.management]
network = { cidr = "10.0.0.0/16" }

[accounts.development]
network = { cidr = "10.1.0.0/16" }

[vpn]
admin_cidrs = ["203.0.113.7/32"]

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]

[clusters.prod]
account = "development"

[clusters.prod.node_pools.general]
instance_types = ["t3.large"]

[clusters.byo]
context = "kind-sleak"
"#;

const OTHER_KUBECONFIG: &str = "\
apiVersion: v1
kind: Config
clusters:
- name: kind-local
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
contexts:
- name: kind-local
  context:
    cluster: kind-local
    user: kind-local
    namespace: web
current-context: kind-local
preferences: {}
users:
- name: kind-local
  user:
    token: abc
";

/// An organization (the caller's account manages it), a member account `development`,
/// and the EKS cluster `dev` in it; what DescribeCluster says of it.
fn organization_with_a_cluster(moto: &MotoGuard) -> Value {
    let described = moto.python(
        r#"
org = boto3.client('organizations', endpoint_url=endpoint)
org.create_organization(FeatureSet='ALL')
status = org.create_account(Email='aws+development@acme.dev', AccountName='development')['CreateAccountStatus']
account = org.describe_create_account_status(CreateAccountRequestId=status['Id'])['CreateAccountStatus']['AccountId']
role = f'arn:aws:iam::{account}:role/OrganizationAccountAccessRole'
credentials = boto3.client('sts', endpoint_url=endpoint).assume_role(RoleArn=role, RoleSessionName='test')['Credentials']
eks = boto3.client('eks', endpoint_url=endpoint, aws_access_key_id=credentials['AccessKeyId'],
                   aws_secret_access_key=credentials['SecretAccessKey'], aws_session_token=credentials['SessionToken'])
eks.create_cluster(name='dev', roleArn=f'arn:aws:iam::{account}:role/eks-cluster',
                   resourcesVpcConfig={'subnetIds': ['subnet-aaaa1111', 'subnet-bbbb2222']})
cluster = eks.describe_cluster(name='dev')['cluster']
caller = boto3.client('sts', endpoint_url=endpoint).get_caller_identity()['Account']
print(json.dumps({'account': account, 'caller': caller, 'arn': cluster['arn'], 'endpoint': cluster['endpoint'],
                  'ca': cluster['certificateAuthority']['data']}))
"#,
    );
    serde_json::from_str(&described).expect("the setup prints JSON")
}

/// The kubeconfig as the real kubectl reads it.
fn kubectl_view(kubeconfig: &Path) -> Value {
    let output = Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("HOME", "/nonexistent")
        .args(["config", "view", "--raw", "-o", "json", "--kubeconfig"])
        .arg(kubeconfig)
        .output()
        .expect("kubectl runs");
    assert!(
        output.status.success(),
        "kubectl cannot read the kubeconfig: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("kubectl prints JSON")
}

/// The item named `name` of a kubeconfig list.
fn named<'a>(view: &'a Value, list: &str, name: &str) -> &'a Value {
    view[list]
        .as_array()
        .unwrap_or_else(|| panic!("no `{list}` in {view}"))
        .iter()
        .find(|item| item["name"] == name)
        .unwrap_or_else(|| panic!("no `{name}` in `{list}` of {view}"))
}

/// The names of a kubeconfig list, sorted (kubectl sorts them).
fn names(view: &Value, list: &str) -> Vec<String> {
    let mut names: Vec<String> = view[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn kubeconfig_adds_the_cluster_with_sleak_as_credential_plugin_and_keeps_the_rest() {
    if skip_peers() {
        return;
    }
    let (context, moto) = TestContext::with_moto();
    let aws = organization_with_a_cluster(&moto);
    let arn = aws["arn"].as_str().unwrap().to_owned();
    let member = aws["account"].as_str().unwrap();
    assert_ne!(
        aws["caller"], aws["account"],
        "the cluster is in a member account"
    );
    context.write("sleak.toml", WORKSPACE);
    let kubeconfig = context.write("kube/config", OTHER_KUBECONFIG);
    // $KUBECONFIG's first file is the one written.
    let search_path = format!(
        "{}:{}",
        kubeconfig.display(),
        context.work.join("kube/second").display()
    );
    let kubeconfig_run = |args: &[&str]| {
        Run::from(
            context
                .sleak()
                .env("KUBECONFIG", &search_path)
                .arg("kubeconfig")
                .args(args)
                .output()
                .expect("sleak runs"),
        )
    };

    let first = kubeconfig_run(&["dev"]).success();
    assert!(
        first
            .stderr
            .contains(&format!("Added context {arn} to kube/config")),
        "{}",
        first.stderr
    );
    assert!(
        first.stdout.is_empty(),
        "text mode prints no data: {}",
        first.stdout
    );
    assert!(!context.work.join("kube/second").exists());
    let view = kubectl_view(&kubeconfig);
    assert_eq!(names(&view, "contexts"), [arn.as_str(), "kind-local"]);
    assert_eq!(view["current-context"], arn.as_str());
    assert_eq!(
        named(&view, "contexts", "kind-local")["context"]["namespace"],
        "web"
    );
    assert_eq!(
        named(&view, "users", "kind-local")["user"]["token"],
        "abc",
        "the other user is kept"
    );
    assert_eq!(
        named(&view, "contexts", &arn)["context"],
        json!({"cluster": arn, "user": arn})
    );
    let cluster = &named(&view, "clusters", &arn)["cluster"];
    assert_eq!(cluster["server"], aws["endpoint"]);
    assert_eq!(cluster["certificate-authority-data"], aws["ca"]);
    let exec = &named(&view, "users", &arn)["user"]["exec"];
    assert_eq!(exec["apiVersion"], "client.authentication.k8s.io/v1beta1");
    assert_eq!(exec["interactiveMode"], "Never");
    let command = exec["command"].as_str().expect("a command");
    assert!(Path::new(command).is_absolute(), "{command}");
    assert_eq!(
        std::fs::canonicalize(command).unwrap(),
        std::fs::canonicalize(env!("CARGO_BIN_EXE_sleak")).unwrap()
    );
    let role = format!("arn:aws:iam::{member}:role/OrganizationAccountAccessRole");
    assert_eq!(
        exec["args"],
        json!([
            "eks-token",
            "--cluster-name",
            "dev",
            "--region",
            "us-east-1",
            "--role-arn",
            role
        ])
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&kubeconfig).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the kubeconfig is the owner's only");
    }

    // Idempotent: a second run leaves the file as it was.
    let written = std::fs::read(&kubeconfig).unwrap();
    let second = kubeconfig_run(&["dev"]).success();
    assert!(second.stderr.contains("is up to date"), "{}", second.stderr);
    assert_eq!(std::fs::read(&kubeconfig).unwrap(), written);

    // An alias names a second context for the same cluster, without switching to it.
    let aliased =
        kubeconfig_run(&["dev", "--alias", "dev", "--no-switch", "--output", "json"]).success();
    assert_eq!(
        aliased.json(),
        json!({
            "context": "dev",
            "kubeconfig": kubeconfig.display().to_string(),
            "cluster_arn": arn,
            "server": aws["endpoint"],
        })
    );
    let view = kubectl_view(&kubeconfig);
    assert_eq!(
        names(&view, "contexts"),
        [arn.as_str(), "dev", "kind-local"]
    );
    assert_eq!(names(&view, "clusters"), [arn.as_str(), "kind-local"]);
    assert_eq!(view["current-context"], arn.as_str());

    // Without $KUBECONFIG nor --kubeconfig: ~/.kube/config, created with its folder.
    std::fs::create_dir_all(context.home.join(".aws")).unwrap();
    std::fs::write(
        context.home.join(".aws/credentials"),
        "[ops]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    )
    .unwrap();
    context
        .run(&["kubeconfig", "dev", "--profile", "ops"])
        .success();
    let home_config = context.home.join(".kube/config");
    let view = kubectl_view(&home_config);
    assert_eq!(names(&view, "contexts"), [arn.as_str()]);
    let args = named(&view, "users", &arn)["user"]["exec"]["args"].clone();
    assert_eq!(
        args.as_array().unwrap()[5..],
        [
            json!("--role-arn"),
            json!(role),
            json!("--profile"),
            json!("ops")
        ],
        "the profile sleak ran with is the one the token is signed with"
    );

    // A cluster of the workspace that AWS does not have.
    let before = std::fs::read(&kubeconfig).unwrap();
    let missing = kubeconfig_run(&["prod"]).code(2);
    assert!(
        missing
            .stderr
            .contains("there is no EKS cluster `prod` in the account `development`"),
        "{}",
        missing.stderr
    );
    assert!(
        missing
            .stderr
            .contains("hint: create it with `sleak cluster create prod`"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        std::fs::read(&kubeconfig).unwrap(),
        before,
        "nothing is written"
    );
}

#[test]
fn eks_token_with_a_role_signs_with_the_role_s_credentials() {
    let (context, moto) = TestContext::with_moto();
    let aws = organization_with_a_cluster(&moto);
    let role = format!(
        "arn:aws:iam::{}:role/OrganizationAccountAccessRole",
        aws["account"].as_str().unwrap()
    );
    let run = context
        .run(&["eks-token", "--cluster-name", "dev", "--role-arn", &role])
        .success();
    let presigned = Presigned::from_token(run.json()["status"]["token"].as_str().unwrap());
    let access_key = presigned
        .param("X-Amz-Credential")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(access_key, "testing", "signed as the role, not the caller");
    assert!(!presigned.param("X-Amz-Security-Token").is_empty());
}

#[test]
fn kubeconfig_of_a_bring_your_own_cluster_is_a_usage_error() {
    let context = TestContext::new();
    context.write("sleak.toml", WORKSPACE);
    let run = context
        .run(&["kubeconfig", "byo", "--kubeconfig", "kube/config"])
        .code(2);
    assert!(
        run.stderr
            .contains("the cluster `byo` is already the kubeconfig context `kind-sleak`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert!(!context.work.join("kube/config").exists());
    let unknown = context.run(&["kubeconfig", "nope"]).code(2);
    assert!(
        unknown
            .stderr
            .contains("the workspace has no cluster `nope`"),
        "{}",
        unknown.stderr
    );
}

// ── The stand-in with --accept-eks-tokens ───────────────────────────────────

/// Stops the background stand-in when the test ends, passed or failed.
struct StopSandbox<'a>(&'a TestContext);

impl Drop for StopSandbox<'_> {
    fn drop(&mut self) {
        let _ = self.0.sleak().args(["sandbox", "stop"]).output();
    }
}

#[test]
fn kubectl_reaches_the_stand_in_with_tokens_from_sleak_eks_token() {
    if skip_peers() {
        return;
    }
    let context = TestContext::new();
    let started = context
        .run(&["sandbox", "kube", "--background", "--accept-eks-tokens"])
        .success();
    let _stop = StopSandbox(&context);
    let own: Value = serde_saphyr::from_str(
        &std::fs::read_to_string(started.stdout.trim()).expect("the stand-in's kubeconfig"),
    )
    .expect("YAML");
    let server = own["clusters"][0]["cluster"]["server"].as_str().unwrap();
    let ca = own["clusters"][0]["cluster"]["certificate-authority-data"]
        .as_str()
        .unwrap();
    let kubeconfig_with = |user: Value| {
        json!({
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "stand-in", "cluster": {"server": server, "certificate-authority-data": ca}}],
            "users": [{"name": "eks", "user": user}],
            "contexts": [{"name": "eks", "context": {"cluster": "stand-in", "user": "eks"}}],
            "current-context": "eks",
        })
        .to_string()
    };
    // JSON is YAML: kubectl reads either.
    let with_exec = context.write(
        "exec.kubeconfig",
        &kubeconfig_with(json!({"exec": {
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "command": env!("CARGO_BIN_EXE_sleak"),
            "args": ["eks-token", "--cluster-name", "x", "--region", "us-east-1"],
            "interactiveMode": "Never",
        }})),
    );
    let with_garbage = context.write(
        "garbage.kubeconfig",
        &kubeconfig_with(json!({"token": "k8s-aws-v1.garbage"})),
    );
    let kubectl = |kubeconfig: &Path| {
        Command::new(peers_bin().join("kubectl"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &context.home)
            .env("AWS_CONFIG_FILE", context.home.join(".aws/config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                context.home.join(".aws/credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
            .arg("--kubeconfig")
            .arg(kubeconfig)
            .args(["get", "namespaces", "--request-timeout=10s"])
            .output()
            .expect("kubectl runs")
    };

    let accepted = kubectl(&with_exec);
    assert!(
        accepted.status.success(),
        "kubectl with sleak's token: {}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert!(
        String::from_utf8_lossy(&accepted.stdout).contains("default"),
        "{}",
        String::from_utf8_lossy(&accepted.stdout)
    );
    let refused = kubectl(&with_garbage);
    assert!(!refused.status.success(), "a made-up token is refused");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("Unauthorized") || stderr.contains("must be logged in"),
        "{stderr}"
    );
}

//! s3 and sqs dependencies and the ProjectEnv's identity end to end: `sleak apply` against
//! moto (through the recording proxy) and the Kubernetes API stand-in as the EKS
//! cluster's API. Buckets, queues and the ProjectEnv's IAM role are read back from moto
//! with boto3, the ServiceAccount with the real kubectl; sleak's output is never trusted.

mod common;
#[path = "support_platform/mod.rs"]
mod support_platform;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::time::Instant;

use common::proxy::ProxyRecord;
use serde_json::{Value, json};
use support_platform::Platform;
use support_sandbox::success;

/// One EKS cluster with no add-ons or charts (what they do is tests/clusters.rs's), one
/// environment, and three ProjectEnvs: `api` with a bucket, a queue with a dead-letter
/// queue and a FIFO queue with one; `web` with a versioned bucket and a public one of its
/// own; `docs` with no dependency.
const BASE: &str = r#"
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

[clusters.dev]
account = "development"
version = "1.33"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]
min = 1
max = 2
desired = 1

[clusters.dev.plugins]
vpc_cni = false
coredns = false
kube_proxy = false
ebs_csi_driver = false
pod_identity_agent = false
metrics_server = false
cert_manager = false
external_dns = false
load_balancer_controller = false
autoscaler = "none"

[environments.staging]
cluster = "dev"

[projects.api]

[projects.api.envs.staging]

[projects.web]

[projects.web.envs.staging]

[projects.docs]

[projects.docs.envs.staging]
"#;

/// The dependencies, one at a time (the kill test adds them in turn).
const DEPENDENCIES: [&str; 4] = [
    r#"
[projects.api.envs.staging.dependencies.uploads]
kind = "s3"
cors_origins = ["https://app.acme.dev"]
"#,
    r#"
[projects.api.envs.staging.dependencies.jobs]
kind = "sqs"
visibility_timeout_secs = 60
dead_letter_max_receives = 5
"#,
    r#"
[projects.api.envs.staging.dependencies.events]
kind = "sqs"
fifo = true
dead_letter_max_receives = 3
"#,
    r#"
[projects.web.envs.staging.dependencies.assets]
kind = "s3"
versioning = true

[projects.web.envs.staging.dependencies.site]
kind = "s3"
public = true
"#,
];

const API_BUCKET: &str = "acme-api-staging-uploads";
const WEB_BUCKET: &str = "acme-web-staging-assets";
const PUBLIC_BUCKET: &str = "acme-web-staging-site";
const QUEUES: [&str; 4] = [
    "api-staging-events-dlq.fifo",
    "api-staging-events.fifo",
    "api-staging-jobs",
    "api-staging-jobs-dlq",
];

/// Reads back the development account: buckets with every setting, queues with their
/// attributes and tags, the ProjectEnvs' roles with trust and inline policy, the OIDC
/// providers. Needs `endpoint`.
const READ_BACK: &str = r#"
from urllib.parse import unquote
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
account = next(a for a in org.list_accounts()["Accounts"] if a["Name"] == "development")
c = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint)
sqs = session.client("sqs", endpoint_url=endpoint)
iam = session.client("iam", endpoint_url=endpoint)

def maybe(call, key):
    try:
        return call()[key]
    except Exception as error:
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        if code:
            return None
        raise

def document(doc):
    return json.loads(unquote(doc)) if isinstance(doc, str) else doc

out = {"id": account["Id"], "buckets": {}, "queues": {}, "roles": {}}
out["oidc"] = [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
for bucket in s3.list_buckets()["Buckets"]:
    name = bucket["Name"]
    versions = s3.list_object_versions(Bucket=name)
    out["buckets"][name] = {
        "public_access_block": maybe(lambda: s3.get_public_access_block(Bucket=name), "PublicAccessBlockConfiguration"),
        "encryption": maybe(lambda: s3.get_bucket_encryption(Bucket=name), "ServerSideEncryptionConfiguration"),
        "versioning": s3.get_bucket_versioning(Bucket=name).get("Status"),
        "lifecycle": maybe(lambda: s3.get_bucket_lifecycle_configuration(Bucket=name), "Rules"),
        "cors": maybe(lambda: s3.get_bucket_cors(Bucket=name), "CORSRules"),
        "policy": maybe(lambda: s3.get_bucket_policy(Bucket=name), "Policy"),
        "tags": {t["Key"]: t["Value"] for t in (maybe(lambda: s3.get_bucket_tagging(Bucket=name), "TagSet") or [])},
        "objects": len(versions.get("Versions", [])) + len(versions.get("DeleteMarkers", [])),
    }
for url in sqs.list_queues().get("QueueUrls", []):
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    name = url.rsplit("/", 1)[1]
    out["queues"][name] = {"url": url, "attributes": attributes, "tags": sqs.list_queue_tags(QueueUrl=url).get("Tags", {})}
for role in iam.list_roles()["Roles"]:
    name = role["RoleName"]
    if not name.endswith("-app"):
        continue
    policies = {}
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        policies[policy] = document(iam.get_role_policy(RoleName=name, PolicyName=policy)["PolicyDocument"])
    out["roles"][name] = {"arn": role["Arn"], "trust": document(role["AssumeRolePolicyDocument"]), "policies": policies, "tags": {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=name)["Tags"]}}
print(json.dumps(out))
"#;

/// Python that runs `code` with `s3`, `sqs` and `iam` clients in the development
/// account, through moto directly (not the proxy: the proxy's log is sleak's alone).
fn in_development(code: &str) -> String {
    format!(
        r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
account = next(a for a in org.list_accounts()["Accounts"] if a["Name"] == "development")
c = sts.assume_role(RoleArn=f"arn:aws:iam::{{account['Id']}}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint)
sqs = session.client("sqs", endpoint_url=endpoint)
iam = session.client("iam", endpoint_url=endpoint)
{code}
"#
    )
}

struct Setup(Platform);

impl std::ops::Deref for Setup {
    type Target = Platform;

    fn deref(&self) -> &Platform {
        &self.0
    }
}

impl Setup {
    /// moto and the proxy emptied, the stand-in as the EKS cluster's API, and the
    /// workspace `text` written.
    fn new(text: &str) -> Self {
        Self(Platform::new(text))
    }

    /// The workspace without dependencies, onboarded and applied: the cluster and the
    /// ProjectEnvs exist, so that what follows is about the dependencies.
    fn applied_without_dependencies() -> Self {
        let setup = Self::new(BASE);
        setup.must(&["onboard", "--yes"]);
        setup.must(&["apply", "--yes"]);
        setup
    }

    fn read_back(&self) -> Value {
        let code = format!("endpoint = {:?}\n{READ_BACK}", self.moto.url());
        serde_json::from_str(&self.moto.python(&code)).expect("read-back JSON")
    }

    /// Runs boto3 `code` in the development account (see [`in_development`]).
    fn in_development(&self, code: &str) -> String {
        self.moto.python(&in_development(code))
    }

    fn service_account(&self, namespace: &str) -> Value {
        let output = self.sandbox.kubectl(&[
            "get",
            "serviceaccount",
            "app",
            "-n",
            namespace,
            "-o",
            "json",
        ]);
        serde_json::from_str(&success(output, "kubectl")).unwrap()
    }

    /// Asserts a run changes nothing in AWS (the lease aside).
    #[track_caller]
    fn assert_no_change(&self, what: &str) {
        self.proxy.clear_log();
        self.must(&["apply", "--yes"]);
        let mutating = self.proxy.mutating_calls();
        assert!(mutating.is_empty(), "{what}: {}", labels(&mutating));
    }
}

fn labels(records: &[ProxyRecord]) -> String {
    records
        .iter()
        .map(|record| format!("{} {}", record.label(), record.path))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The workspace with its first `count` dependencies.
fn workspace_with(count: usize) -> String {
    format!("{BASE}{}", DEPENDENCIES[..count].concat())
}

fn workspace_with_dependencies() -> String {
    workspace_with(DEPENDENCIES.len())
}

/// The ARNs an inline policy grants, sorted.
fn granted(policy: &Value) -> Vec<String> {
    let mut arns: Vec<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|statement| match &statement["Resource"] {
            Value::Array(items) => items.clone(),
            single => vec![single.clone()],
        })
        .map(|arn| arn.as_str().unwrap().to_owned())
        .collect();
    arns.sort();
    arns
}

fn actions(policy: &Value) -> Vec<String> {
    let mut actions: Vec<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|statement| statement["Action"].as_array().unwrap().clone())
        .map(|action| action.as_str().unwrap().to_owned())
        .collect();
    actions.sort();
    actions
}

/// Everything the dependencies should be in AWS and the cluster, asserted from the
/// read-back (and kubectl).
#[track_caller]
fn assert_built(setup: &Setup, state: &Value) {
    let account = state["id"].as_str().unwrap();
    let mut buckets: Vec<&String> = state["buckets"].as_object().unwrap().keys().collect();
    buckets.sort();
    assert_eq!(
        buckets,
        [API_BUCKET, WEB_BUCKET, PUBLIC_BUCKET],
        "{state:#}"
    );
    for (name, versioning, public, id) in [
        (
            API_BUCKET,
            None,
            false,
            "project/api/env/staging/dependency/uploads/s3-bucket",
        ),
        (
            WEB_BUCKET,
            Some("Enabled"),
            false,
            "project/web/env/staging/dependency/assets/s3-bucket",
        ),
        (
            PUBLIC_BUCKET,
            None,
            true,
            "project/web/env/staging/dependency/site/s3-bucket",
        ),
    ] {
        let bucket = &state["buckets"][name];
        // A public bucket: ACLs still blocked, its policy allowed.
        assert_eq!(
            bucket["public_access_block"],
            json!({ "BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": !public, "RestrictPublicBuckets": !public }),
            "{name}"
        );
        assert_eq!(
            bucket["encryption"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256",
            "{name}"
        );
        assert_eq!(bucket["versioning"].as_str(), versioning, "{name}");
        let rules = bucket["lifecycle"].as_array().expect("lifecycle rules");
        assert_eq!(rules.len(), 1, "{name}: {rules:?}");
        assert_eq!(rules[0]["ID"], "sleak");
        assert_eq!(rules[0]["Status"], "Enabled");
        assert_eq!(
            rules[0]["NoncurrentVersionExpiration"]["NoncurrentDays"],
            30
        );
        assert_eq!(
            rules[0]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"],
            7
        );
        assert_eq!(bucket["tags"]["sleak:workspace"], "acme", "{name}");
        assert_eq!(bucket["tags"]["sleak:id"], id, "{name}");
        if public {
            let policy: Value = serde_json::from_str(bucket["policy"].as_str().unwrap()).unwrap();
            let statements = policy["Statement"].as_array().unwrap();
            assert_eq!(statements.len(), 1, "{policy:#}");
            assert_eq!(statements[0]["Principal"], "*");
            assert_eq!(statements[0]["Action"], "s3:GetObject", "reads only");
            assert_eq!(statements[0]["Resource"], format!("arn:aws:s3:::{name}/*"));
        } else {
            assert_eq!(bucket["policy"], Value::Null, "{name}: private, no policy");
        }
    }
    let cors = &state["buckets"][API_BUCKET]["cors"];
    assert_eq!(cors[0]["AllowedOrigins"], json!(["https://app.acme.dev"]));
    let mut methods: Vec<&str> = cors[0]["AllowedMethods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|method| method.as_str().unwrap())
        .collect();
    methods.sort();
    assert_eq!(methods, ["GET", "HEAD", "POST", "PUT"]);
    assert_eq!(state["buckets"][WEB_BUCKET]["cors"], Value::Null);

    // Queues: encrypted, FIFO where asked, failed messages to their dead-letter queues.
    let queues = state["queues"].as_object().unwrap();
    let mut names: Vec<&String> = queues.keys().collect();
    names.sort();
    assert_eq!(names, QUEUES, "{state:#}");
    let arn = |name: &str| format!("arn:aws:sqs:us-east-1:{account}:{name}");
    for (name, fifo, redrive) in [
        ("api-staging-jobs", false, Some(("api-staging-jobs-dlq", 5))),
        ("api-staging-jobs-dlq", false, None),
        (
            "api-staging-events.fifo",
            true,
            Some(("api-staging-events-dlq.fifo", 3)),
        ),
        ("api-staging-events-dlq.fifo", true, None),
    ] {
        let queue = &queues[name];
        let attributes = &queue["attributes"];
        assert_eq!(attributes["QueueArn"], arn(name));
        assert_eq!(attributes["SqsManagedSseEnabled"], "true", "{name}");
        assert_eq!(
            attributes["FifoQueue"].as_str() == Some("true"),
            fifo,
            "{name}"
        );
        assert_eq!(queue["tags"]["sleak:workspace"], "acme", "{name}");
        match redrive {
            Some((target, receives)) => {
                let policy: Value =
                    serde_json::from_str(attributes["RedrivePolicy"].as_str().unwrap()).unwrap();
                assert_eq!(policy["deadLetterTargetArn"], arn(target), "{name}");
                assert_eq!(
                    policy["maxReceiveCount"].to_string().trim_matches('"'),
                    receives.to_string()
                );
            }
            None => {
                assert_eq!(
                    attributes["MessageRetentionPeriod"], "1209600",
                    "{name}: 14 days"
                );
                assert!(
                    attributes
                        .get("RedrivePolicy")
                        .is_none_or(|policy| policy == ""),
                    "{name}"
                );
            }
        }
    }
    assert_eq!(
        queues["api-staging-jobs"]["attributes"]["VisibilityTimeout"],
        "60"
    );

    // The ProjectEnvs' roles: trusted by their namespace's service accounts only, through
    // the cluster's OIDC provider, granted exactly their own buckets and queues.
    let provider = state["oidc"][0]
        .as_str()
        .expect("the cluster's OIDC provider");
    assert_eq!(state["oidc"].as_array().unwrap().len(), 1);
    let issuer = provider.split_once(":oidc-provider/").unwrap().1;
    let roles = state["roles"].as_object().unwrap();
    let mut role_names: Vec<&String> = roles.keys().collect();
    role_names.sort();
    assert_eq!(
        role_names,
        [
            "acme-api-staging-app",
            "acme-docs-staging-app",
            "acme-web-staging-app"
        ]
    );
    for (role, namespace) in [
        ("acme-api-staging-app", "api-staging"),
        ("acme-web-staging-app", "web-staging"),
        ("acme-docs-staging-app", "docs-staging"),
    ] {
        let statement = &roles[role]["trust"]["Statement"];
        assert_eq!(statement.as_array().unwrap().len(), 1, "{role}");
        assert_eq!(
            statement[0]["Principal"],
            json!({ "Federated": provider }),
            "{role}"
        );
        assert_eq!(statement[0]["Action"], "sts:AssumeRoleWithWebIdentity");
        assert_eq!(
            statement[0]["Condition"],
            json!({
                "StringEquals": { format!("{issuer}:aud"): "sts.amazonaws.com" },
                "StringLike": { format!("{issuer}:sub"): format!("system:serviceaccount:{namespace}:*") },
            }),
            "{role}"
        );
        assert_eq!(roles[role]["tags"]["sleak:workspace"], "acme");
    }
    let api_policy = &roles["acme-api-staging-app"]["policies"]["sleak"];
    let mut wanted: Vec<String> = vec![
        format!("arn:aws:s3:::{API_BUCKET}"),
        format!("arn:aws:s3:::{API_BUCKET}/*"),
    ];
    wanted.extend(QUEUES.iter().map(|name| arn(name)));
    wanted.sort();
    assert_eq!(granted(api_policy), wanted, "{api_policy:#}");
    assert!(
        !granted(api_policy)
            .iter()
            .any(|arn| arn.contains("acme-web-")),
        "the api role must not reach web's buckets"
    );
    assert_eq!(
        actions(api_policy),
        [
            "s3:DeleteObject",
            "s3:GetBucketLocation",
            "s3:GetObject",
            "s3:ListBucket",
            "s3:PutObject",
            "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl",
            "sqs:ReceiveMessage",
            "sqs:SendMessage",
        ]
    );
    // Nothing to grant: an identity, no policy.
    assert_eq!(roles["acme-docs-staging-app"]["policies"], json!({}));
    let web_policy = &roles["acme-web-staging-app"]["policies"]["sleak"];
    assert_eq!(
        granted(web_policy),
        [
            format!("arn:aws:s3:::{WEB_BUCKET}"),
            format!("arn:aws:s3:::{WEB_BUCKET}/*"),
            format!("arn:aws:s3:::{PUBLIC_BUCKET}"),
            format!("arn:aws:s3:::{PUBLIC_BUCKET}/*"),
        ]
    );

    // The ServiceAccounts, read with kubectl from the stand-in.
    for (namespace, role) in [
        ("api-staging", "acme-api-staging-app"),
        ("web-staging", "acme-web-staging-app"),
        ("docs-staging", "acme-docs-staging-app"),
    ] {
        let service_account = setup.service_account(namespace);
        assert_eq!(
            service_account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"],
            roles[role]["arn"],
            "{namespace}"
        );
        assert_eq!(
            service_account["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "sleak"
        );
        assert_eq!(
            service_account["metadata"]["labels"]["sleak.dev/project"],
            namespace.split('-').next().unwrap()
        );
    }
}

#[test]
fn apply_builds_buckets_queues_and_the_identity_repairs_drift_and_destroy_keeps_data() {
    if support_sandbox::skip_peers() {
        return;
    }
    let started = Instant::now();
    let setup = Setup::new(&workspace_with_dependencies());
    // The accounts first, as tests/clusters.rs does (a first `apply` can reach a
    // repository's pull accounts before they exist).
    setup.must(&["onboard", "--yes"]);
    setup.must(&["apply", "--yes"]);
    let state = setup.read_back();
    assert_built(&setup, &state);
    eprintln!("applied in {:?}", started.elapsed());

    // An unchanged workspace: no call changes anything.
    setup.assert_no_change("the run after the first");

    // Drift in every setting sleak owns, made behind its back, is repaired.
    setup.in_development(&format!(
        r#"
s3.delete_public_access_block(Bucket="{API_BUCKET}")
s3.delete_bucket_lifecycle(Bucket="{API_BUCKET}")
s3.delete_bucket_cors(Bucket="{API_BUCKET}")
s3.put_bucket_versioning(Bucket="{WEB_BUCKET}", VersioningConfiguration={{"Status": "Suspended"}})
s3.delete_bucket_encryption(Bucket="{WEB_BUCKET}")
jobs = sqs.get_queue_url(QueueName="api-staging-jobs")["QueueUrl"]
sqs.set_queue_attributes(QueueUrl=jobs, Attributes={{"VisibilityTimeout": "5", "SqsManagedSseEnabled": "false", "RedrivePolicy": json.dumps({{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:{id}:api-staging-jobs-dlq", "maxReceiveCount": 50}})}})
iam.put_role_policy(RoleName="acme-api-staging-app", PolicyName="sleak", PolicyDocument=json.dumps({{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}]}}))
"#,
        id = state["id"].as_str().unwrap()
    ));
    success(
        setup.sandbox.kubectl(&[
            "annotate",
            "--overwrite",
            "serviceaccount",
            "app",
            "-n",
            "api-staging",
            "eks.amazonaws.com/role-arn=arn:aws:iam::1:role/someone-else",
        ]),
        "kubectl annotate",
    );
    let drifted = setup.read_back();
    assert_eq!(
        drifted["buckets"][API_BUCKET]["public_access_block"],
        Value::Null,
        "the drift was made"
    );
    assert_eq!(drifted["buckets"][WEB_BUCKET]["versioning"], "Suspended");
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let repaired = setup.read_back();
    assert_built(&setup, &repaired);
    let calls = labels(&setup.proxy.mutating_calls());
    for call in ["sqs:SetQueueAttributes", "iam:PutRolePolicy"] {
        assert!(calls.contains(call), "{call} missing from {calls}");
    }
    assert!(
        !calls.contains("CreateBucket") && !calls.contains("CreateQueue"),
        "{calls}"
    );
    setup.assert_no_change("the run after the repair");

    // Destroy: a bucket holding objects is refused with a hint, and stays with its
    // objects; emptied, it goes with the rest (queues, the empty bucket, the roles).
    setup.in_development(&format!(
        r#"s3.put_object(Bucket="{WEB_BUCKET}", Key="keep.txt", Body=b"data")"#
    ));
    let refused = setup.sleak(&["destroy", "--confirm", "acme"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("the S3 bucket `{WEB_BUCKET}` still holds")),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("aws s3 rm"), "{}", refused.stderr);
    // The bucket and its object stay. (A failed step stops the destroy: what it had not
    // reached yet is deleted by the next one, below.)
    let after = setup.read_back();
    assert_eq!(after["buckets"][WEB_BUCKET]["objects"], 1, "{after:#}");

    // Emptied of every version, only a delete marker left (it holds no data), it is
    // deleted by the next destroy.
    setup.in_development(&format!(
        r#"
s3.delete_object(Bucket="{WEB_BUCKET}", Key="keep.txt")
assert s3.list_object_versions(Bucket="{WEB_BUCKET}").get("DeleteMarkers"), "a delete marker"
for version in s3.list_object_versions(Bucket="{WEB_BUCKET}").get("Versions", []):
    s3.delete_object(Bucket="{WEB_BUCKET}", Key=version["Key"], VersionId=version["VersionId"])
"#
    ));
    setup.must(&["destroy", "--confirm", "acme"]);
    let gone = setup.read_back();
    for what in ["buckets", "queues", "roles"] {
        assert!(
            gone[what].as_object().unwrap().is_empty(),
            "{what}: {gone:#}"
        );
    }
    eprintln!("whole test in {:?}", started.elapsed());
}

#[test]
fn lost_answers_converge_to_the_same_buckets_queues_and_roles() {
    if support_sandbox::skip_peers() {
        return;
    }
    let started = Instant::now();
    let setup = Setup::applied_without_dependencies();
    setup
        .context
        .write("sleak.toml", &workspace_with_dependencies());

    // First, a bucket name another account holds (bucket names are global): an error
    // that names it, with the way out.
    let squat = format!(
        "endpoint = {:?}\nboto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket={WEB_BUCKET:?})",
        setup.moto.url()
    );
    setup.moto.python(&squat);
    let taken = setup.sleak(&["apply", "--yes"]);
    assert_eq!(taken.code, 1, "{}", taken.stderr);
    assert!(
        taken.stderr.contains(&format!(
            "the S3 bucket name `{WEB_BUCKET}` is taken by another AWS account"
        )),
        "{}",
        taken.stderr
    );
    assert!(taken.stderr.contains("bucket = \"…\""), "{}", taken.stderr);
    let unsquat = format!(
        "endpoint = {:?}\nboto3.client('s3', endpoint_url=endpoint).delete_bucket(Bucket={WEB_BUCKET:?})",
        setup.moto.url()
    );
    setup.moto.python(&unsquat);

    // Half of the mutating requests are applied and their answers lost (a 500 or a
    // dropped connection): runs may fail, none may crash or make a copy. Which requests
    // a rate hits depends on the order concurrent requests arrive in, so the first run
    // also loses, whatever the draws, the answers of the web bucket's first three
    // requests (its CreateBucket, then its configuration: the proxy names S3 requests by
    // method and path), which the squatted run never got to make.
    let web_bucket_requests = format!("PUT /{WEB_BUCKET}/");
    setup
        .proxy
        .lose_answers_of(&[(web_bucket_requests.as_str(), 3)], "mixed");
    let mut runs = Vec::new();
    let mut lost_ours: std::collections::BTreeMap<String, usize> = Default::default();
    loop {
        let run = runs.len() + 1;
        setup.proxy.set_lose_rate(0.5, 70 + run as u64, "mixed");
        setup.proxy.clear_log();
        let result = setup.sleak(&["apply", "--yes"]);
        setup.proxy.set_lose_rate(0.0, 0, "mixed");
        let lost: Vec<ProxyRecord> = setup
            .proxy
            .log()
            .into_iter()
            .filter(|record| record.lost.is_some() && !record.is_lease())
            .collect();
        for record in &lost {
            if matches!(record.service.as_str(), "s3" | "sqs" | "iam") {
                *lost_ours.entry(record.service.clone()).or_default() += 1;
            }
        }
        runs.push(format!(
            "run {run}: exit {}, lost: {}",
            result.code,
            labels(&lost)
        ));
        assert!(
            result.code == 0 || result.code == 1,
            "{}\n{}",
            runs.join("\n"),
            result.stderr
        );
        if result.code == 0 {
            break;
        }
        assert!(
            runs.len() < 8,
            "no run succeeded:\n{}\nlast:\n{}",
            runs.join("\n"),
            result.stderr
        );
    }
    setup.proxy.lose_answers_of(&[], "mixed");
    eprintln!("{}", runs.join("\n"));
    // Not a test of nothing: answers of the buckets' and queues' own requests were lost.
    assert!(
        lost_ours.values().sum::<usize>() >= 3,
        "not a test of lost answers: {lost_ours:?}\n{}",
        runs.join("\n")
    );
    eprintln!("lost answers by service: {lost_ours:?}");
    let state = setup.read_back();
    assert_built(&setup, &state);
    setup.assert_no_change("the run after lost answers");
    eprintln!("lost answers test in {:?}", started.elapsed());
}

#[test]
fn runs_killed_at_create_bucket_and_create_queue_are_finished_by_the_next() {
    if support_sandbox::skip_peers() {
        return;
    }
    let started = Instant::now();
    let setup = Setup::applied_without_dependencies();
    // The proxy names S3 requests by method and path: the first PUT of a bucket's path
    // is its CreateBucket.
    let create_api_bucket = format!("PUT /{API_BUCKET}/");
    let create_web_bucket = format!("PUT /{WEB_BUCKET}/");
    // Each round adds one dependency and kills the run at its create; the next round's
    // run first finds what the killed one left and goes on from there.
    let rounds: [(&str, bool); 4] = [
        // Made, and sleak never heard: an untagged empty bucket the next run adopts.
        (&create_api_bucket, false),
        ("CreateQueue", false),
        ("CreateQueue", true),
        (&create_web_bucket, true),
    ];
    for (round, (action, before)) in rounds.into_iter().enumerate() {
        setup
            .context
            .write("sleak.toml", &workspace_with(round + 1));
        setup.proxy.clear_log();
        let mut command = setup.command(&["apply", "--yes", "--parallelism", "1"]);
        command.env("SLEAK_LEASE_TTL", "1");
        let child = command
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sleak starts");
        setup.proxy.kill_at_action(child.id(), action, 1, before);
        let output = child.wait_with_output().expect("sleak ends");
        setup.proxy.disarm();
        let log = setup.proxy.log();
        let killed = log
            .iter()
            .find(|record| record.killed.is_some())
            .unwrap_or_else(|| {
                panic!(
                    "round {round}: no kill at {action}:\n{}\n{}",
                    labels(&log),
                    String::from_utf8_lossy(&output.stderr)
                )
            });
        assert_eq!(killed.action, action);
        assert_eq!(
            killed.killed.as_deref(),
            Some(if before { "before" } else { "after" })
        );
    }
    setup.must(&["apply", "--yes"]);
    let state = setup.read_back();
    assert_built(&setup, &state);
    setup.assert_no_change("the run after the kills");
    eprintln!("kill test in {:?}", started.elapsed());
}

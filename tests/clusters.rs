//! Clusters, projects and environments end to end: `sleak apply` and `sleak cluster …`
//! against moto (through the recording proxy, which also answers the EKS APIs moto lacks:
//! add-ons and access entries) and the project's Kubernetes API stand-in, which plays
//! both a bring-your-own cluster (a kubeconfig context) and the EKS cluster's API (the
//! proxy points DescribeCluster's endpoint at it; the stand-in accepts EKS tokens).
//! Everything is read back from moto with boto3, and from the stand-in with the real
//! kubectl and helm; sleak's own output is never trusted.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::path::{Path, PathBuf};

use common::proxy::{AwsProxy, ProxyRecord};
use common::{MotoGuard, Run, TestContext};
use serde_json::Value;
use support_sandbox::{Sandbox, fast_options, peers_bin, success};

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[accounts.management]
network = { cidr = "10.0.0.0/16", availability_zones = 2, nat = "shared" }

[accounts.development]
network = { cidr = "10.1.0.0/16", availability_zones = 2, nat = "shared" }

[accounts.production]
network = { cidr = "10.2.0.0/16", availability_zones = 2, nat = "shared" }

[vpn]
enabled = false

[clusters.dev]
account = "development"
version = "1.33"
endpoint = { public = true, private = true, public_cidrs = ["203.0.113.0/24"] }
logging = ["api", "audit"]

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]
min = 1
max = 4
desired = 2
labels = { role = "general" }
taints = [{ key = "dedicated", value = "general", effect = "NoSchedule" }]

[clusters.dev.plugins]
autoscaler = "cluster-autoscaler"
versions = { coredns = "v1.11.4-eksbuild.2" }

[clusters.local]
context = "sandbox"

[environments.staging]
cluster = "dev"

[environments.preview]
cluster = "local"

[projects.api]
repository = { immutable_tags = true, keep_images = 30 }

[projects.api.envs.staging]

[projects.api.envs.preview]
namespace = "api-preview"
"#;

/// Minimal stand-ins of the two charts sleak installs into the EKS cluster (the real
/// ones come from the internet): same names, versions and values keys, so the test
/// sees which values sleak gave them.
fn write_charts(root: &Path) -> PathBuf {
    let charts = root.join("charts");
    let chart = |name: &str, version: &str, account: &str| {
        let dir = charts.join(name);
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(
            dir.join("Chart.yaml"),
            format!("apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"1.0\"\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join("templates/serviceaccount.yaml"),
            format!(
                "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {{{{ .Release.Namespace }}}}\n  annotations:\n    eks.amazonaws.com/role-arn: {{{{ {account} | quote }}}}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("templates/settings.yaml"),
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-settings\n  namespace: {{{{ .Release.Namespace }}}}\ndata:\n  values: {{{{ .Values | toJson | quote }}}}\n"
            ),
        )
        .unwrap();
    };
    chart(
        "aws-load-balancer-controller",
        "1.13.4",
        "index .Values.serviceAccount.annotations \"eks.amazonaws.com/role-arn\"",
    );
    chart(
        "cluster-autoscaler",
        "9.50.1",
        "index .Values.rbac.serviceAccount.annotations \"eks.amazonaws.com/role-arn\"",
    );
    charts
}

struct Setup {
    context: TestContext,
    moto: MotoGuard,
    proxy: AwsProxy,
    sandbox: Sandbox,
    charts: PathBuf,
}

impl Setup {
    fn new() -> Self {
        let (context, moto) = TestContext::with_moto();
        let proxy = AwsProxy::start(moto.url());
        proxy.reset_moto();
        proxy.reset();
        let mut options = fast_options();
        options.accept_eks_tokens = true;
        let sandbox = Sandbox::start(options);
        // The EKS cluster's API is the stand-in; its CA is the kubeconfig's.
        let kubeconfig = std::fs::read_to_string(&sandbox.kubeconfig).unwrap();
        let ca_data = kubeconfig
            .lines()
            .find_map(|line| line.trim().strip_prefix("certificate-authority-data: "))
            .expect("the stand-in's kubeconfig has a CA")
            .to_owned();
        use base64::Engine;
        let ca_pem = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(ca_data.trim())
                .unwrap(),
        )
        .unwrap();
        proxy.set_eks_endpoint(&sandbox.url, &ca_pem);
        proxy.set_eks_delays(2, 1, 1, 1);
        context.write("sleak.toml", WORKSPACE);
        let charts = write_charts(context.root.path());
        Self {
            context,
            moto,
            proxy,
            sandbox,
            charts,
        }
    }

    fn sleak(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("sleak runs"))
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let helm_home = self.context.root.path().join("helm");
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", &self.proxy.url)
            .env("KUBECONFIG", &self.sandbox.kubeconfig)
            .env("SLEAK_HELM", peers_bin().join("helm"))
            .env("SLEAK_CHART_MIRROR", &self.charts)
            .env("HELM_CACHE_HOME", helm_home.join("cache"))
            .env("HELM_CONFIG_HOME", helm_home.join("config"))
            .env("HELM_DATA_HOME", helm_home.join("data"))
            .args(args);
        command
    }

    fn must(&self, args: &[&str]) -> Run {
        let run = self.sleak(args);
        assert_eq!(
            run.code, 0,
            "sleak {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }

    fn kubectl_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        serde_json::from_str(&success(self.sandbox.kubectl(&all), "kubectl")).unwrap()
    }

    fn read_back(&self) -> Value {
        serde_json::from_str(&self.moto.python(READ_BACK)).expect("read-back JSON")
    }

    /// The read-back through the proxy: what moto lacks (cluster and node-group versions
    /// after an upgrade) is kept by the proxy's EKS fake, which amends moto's answers.
    fn read_back_through_proxy(&self) -> Value {
        let code = format!("endpoint = {:?}\n{READ_BACK}", self.proxy.url);
        serde_json::from_str(&self.moto.python(&code)).expect("read-back JSON")
    }
}

/// Per account name: EKS clusters with node groups, roles (trust and policies), OIDC
/// providers, ECR repositories with policies, hosted zones with NS records.
const READ_BACK: &str = r#"
from urllib.parse import unquote
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
caller = sts.get_caller_identity()["Account"]
out = {}
for account in org.list_accounts()["Accounts"]:
    if account["Id"] == caller:
        session = boto3.Session(region_name="us-east-1")
    else:
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
        session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
    eks = session.client("eks", endpoint_url=endpoint)
    iam = session.client("iam", endpoint_url=endpoint)
    ecr = session.client("ecr", endpoint_url=endpoint)
    r53 = session.client("route53", endpoint_url=endpoint)
    state = {"id": account["Id"], "clusters": {}, "roles": {}, "oidc": [], "repositories": {}, "zones": {}}
    for name in eks.list_clusters()["clusters"]:
        cluster = eks.describe_cluster(name=name)["cluster"]
        groups = {}
        for group in eks.list_nodegroups(clusterName=name)["nodegroups"]:
            g = eks.describe_nodegroup(clusterName=name, nodegroupName=group)["nodegroup"]
            groups[group] = {"version": g.get("version"), "instance_types": g.get("instanceTypes"), "scaling": g.get("scalingConfig"), "labels": g.get("labels"), "taints": g.get("taints"), "capacity": g.get("capacityType"), "disk": g.get("diskSize"), "role": g.get("nodeRole"), "subnets": g.get("subnets"), "tags": g.get("tags")}
        state["clusters"][name] = {"version": cluster.get("version"), "role": cluster.get("roleArn"), "vpc": cluster.get("resourcesVpcConfig"), "logging": cluster.get("logging"), "issuer": cluster["identity"]["oidc"]["issuer"], "tags": cluster.get("tags"), "nodegroups": groups}
    for role in iam.list_roles()["Roles"]:
        name = role["RoleName"]
        if not name.startswith("acme-"):
            continue
        doc = role["AssumeRolePolicyDocument"]
        if isinstance(doc, str):
            doc = json.loads(unquote(doc))
        attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]]
        inline = iam.list_role_policies(RoleName=name)["PolicyNames"]
        state["roles"][name] = {"trust": doc, "attached": attached, "inline": inline}
    state["oidc"] = [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    for repo in ecr.describe_repositories()["repositories"]:
        name = repo["repositoryName"]
        entry = {"scan": repo["imageScanningConfiguration"]["scanOnPush"], "mutability": repo["imageTagMutability"]}
        try:
            entry["lifecycle"] = json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
        except Exception as error:
            entry["lifecycle"] = None
        try:
            entry["policy"] = json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"])
        except Exception:
            entry["policy"] = None
        state["repositories"][name] = entry
    for zone in r53.list_hosted_zones()["HostedZones"]:
        records = r53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
        ns = {r["Name"]: sorted(v["Value"].rstrip(".") for v in r.get("ResourceRecords", [])) for r in records if r["Type"] == "NS"}
        servers = sorted(s.rstrip(".") for s in r53.get_hosted_zone(Id=zone["Id"])["DelegationSet"]["NameServers"])
        state["zones"][zone["Name"]] = {"ns": ns, "servers": servers}
    out[account["Name"]] = state
print(json.dumps(out))
"#;

fn labels(records: &[ProxyRecord]) -> String {
    records
        .iter()
        .map(|record| format!("#{} {}", record.seq, record.label()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn policy_arns(role: &Value) -> Vec<String> {
    role["attached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arn| arn.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn apply_builds_clusters_repositories_zones_and_namespaces_and_a_rerun_changes_nothing() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.proxy.clear_log();
    let applied = setup.must(&["apply", "--yes"]);
    let state = setup.read_back();
    let development = &state["development"];
    let dev_id = development["id"].as_str().unwrap().to_owned();

    // The EKS cluster, in development only.
    assert_eq!(
        development["clusters"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["dev"],
        "{state:#}"
    );
    for other in ["management", "production"] {
        assert!(
            state[other]["clusters"].as_object().unwrap().is_empty(),
            "{other} has clusters: {state:#}"
        );
        assert!(
            state[other]["oidc"].as_array().unwrap().is_empty(),
            "{other} has OIDC providers"
        );
        assert!(
            !state[other]["roles"]
                .as_object()
                .unwrap()
                .keys()
                .any(|role| role.starts_with("acme-dev")),
            "{other} has cluster roles"
        );
    }
    let cluster = &development["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.33");
    assert_eq!(
        cluster["role"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-cluster")
    );
    assert_eq!(cluster["vpc"]["endpointPublicAccess"], true);
    assert_eq!(cluster["vpc"]["endpointPrivateAccess"], true);
    assert_eq!(
        cluster["vpc"]["publicAccessCidrs"],
        serde_json::json!(["203.0.113.0/24"])
    );
    assert_eq!(
        cluster["vpc"]["subnetIds"].as_array().unwrap().len(),
        2,
        "private subnets of 2 zones"
    );
    assert_eq!(cluster["tags"]["sleak:id"], "cluster/dev/eks-cluster");
    let enabled: Vec<&Value> = cluster["logging"]["clusterLogging"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|setup| setup["enabled"] == true)
        .flat_map(|setup| setup["types"].as_array().unwrap())
        .collect();
    assert_eq!(
        enabled,
        [&serde_json::json!("api"), &serde_json::json!("audit")]
    );

    // The node group: a hash of its immutable settings in its name.
    let groups = cluster["nodegroups"].as_object().unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let (group_name, group) = groups.iter().next().unwrap();
    assert!(group_name.starts_with("general-"), "{group_name}");
    assert_eq!(group["instance_types"], serde_json::json!(["t3.large"]));
    assert_eq!(group["capacity"], "ON_DEMAND");
    assert_eq!(
        group["scaling"],
        serde_json::json!({ "minSize": 1, "maxSize": 4, "desiredSize": 2 })
    );
    assert_eq!(group["labels"], serde_json::json!({ "role": "general" }));
    assert_eq!(group["taints"][0]["key"], "dedicated");
    assert_eq!(group["taints"][0]["effect"], "NO_SCHEDULE");
    assert_eq!(
        group["role"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-nodes")
    );

    // Roles and their trust.
    let roles = &development["roles"];
    assert_eq!(
        roles["acme-dev-cluster"]["trust"]["Statement"][0]["Principal"]["Service"],
        "eks.amazonaws.com"
    );
    assert!(
        policy_arns(&roles["acme-dev-cluster"])
            .contains(&"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy".to_owned())
    );
    assert_eq!(
        roles["acme-dev-nodes"]["trust"]["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    for policy in [
        "AmazonEKSWorkerNodePolicy",
        "AmazonEKS_CNI_Policy",
        "AmazonEC2ContainerRegistryReadOnly",
    ] {
        assert!(
            policy_arns(&roles["acme-dev-nodes"])
                .contains(&format!("arn:aws:iam::aws:policy/{policy}")),
            "nodes lack {policy}"
        );
    }
    // IAM roles for service accounts trust the cluster's OIDC provider for one account.
    let issuer = cluster["issuer"]
        .as_str()
        .unwrap()
        .trim_start_matches("https://")
        .to_owned();
    let provider = format!("arn:aws:iam::{dev_id}:oidc-provider/{issuer}");
    assert_eq!(development["oidc"], serde_json::json!([provider]));
    for (role, namespace, account) in [
        ("acme-dev-vpc-cni", "kube-system", "aws-node"),
        (
            "acme-dev-aws-ebs-csi-driver",
            "kube-system",
            "ebs-csi-controller-sa",
        ),
        ("acme-dev-external-dns", "external-dns", "external-dns"),
        (
            "acme-dev-aws-load-balancer-controller",
            "kube-system",
            "aws-load-balancer-controller",
        ),
        (
            "acme-dev-cluster-autoscaler",
            "kube-system",
            "cluster-autoscaler",
        ),
    ] {
        let statement = &roles[role]["trust"]["Statement"][0];
        assert_eq!(
            statement["Principal"]["Federated"], provider,
            "{role}: {statement:#}"
        );
        assert_eq!(statement["Action"], "sts:AssumeRoleWithWebIdentity");
        assert_eq!(
            statement["Condition"]["StringEquals"][format!("{issuer}:sub")],
            format!("system:serviceaccount:{namespace}:{account}"),
            "{role}"
        );
    }
    assert!(
        policy_arns(&roles["acme-dev-aws-ebs-csi-driver"])
            .contains(&"arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy".to_owned())
    );
    assert_eq!(
        roles["acme-dev-aws-load-balancer-controller"]["inline"],
        serde_json::json!(["sleak"])
    );

    // Add-ons and the access entry: moto has no such API, the test proxy answered them.
    let log = setup.proxy.log();
    let addons: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "CreateAddon")
        .collect();
    assert_eq!(addons.len(), 8, "{}", labels(&log));
    for record in &addons {
        assert_eq!(
            record.answered_by.as_deref(),
            Some("proxy"),
            "moto cannot answer CreateAddon"
        );
        let request = record.request.as_ref().expect("the request is recorded");
        let version = request["addonVersion"].as_str().unwrap_or_default();
        assert!(
            version.starts_with('v') && version.contains("eksbuild"),
            "{request}"
        );
        if request["addonName"] == "coredns" {
            assert_eq!(version, "v1.11.4-eksbuild.2", "the pinned version");
        }
        if request["addonName"] == "vpc-cni" {
            assert_eq!(
                request["serviceAccountRoleArn"],
                format!("arn:aws:iam::{dev_id}:role/acme-dev-vpc-cni")
            );
        }
    }
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeAddonVersions"),
        "default versions resolved"
    );
    let entry = log
        .iter()
        .find(|record| record.action == "CreateAccessEntry")
        .expect("an access entry");
    assert_eq!(entry.answered_by.as_deref(), Some("proxy"));
    assert_eq!(
        entry.request.as_ref().unwrap()["principalArn"],
        format!("arn:aws:iam::{dev_id}:role/OrganizationAccountAccessRole")
    );
    let policy = log
        .iter()
        .find(|record| record.action == "AssociateAccessPolicy")
        .expect("the admin policy associated");
    assert!(
        policy.request.as_ref().unwrap()["policyArn"]
            .as_str()
            .unwrap()
            .ends_with("AmazonEKSClusterAdminPolicy")
    );
    // The control plane was waited for (the proxy said CREATING twice).
    assert!(
        applied.stderr.contains("CREATING") || applied.stderr.contains("Applied"),
        "{}",
        applied.stderr
    );

    // ECR in management, pullable from development.
    let repository = &state["management"]["repositories"]["api"];
    assert_eq!(repository["scan"], true);
    assert_eq!(repository["mutability"], "IMMUTABLE");
    assert_eq!(
        repository["lifecycle"]["rules"][0]["selection"]["countNumber"],
        30
    );
    assert_eq!(
        repository["policy"]["Statement"][0]["Principal"]["AWS"],
        serde_json::json!([format!("arn:aws:iam::{dev_id}:root")])
    );
    assert!(
        state["development"]["repositories"]
            .as_object()
            .unwrap()
            .is_empty()
    );

    // Environment zones where their clusters are, delegated from the domain's zone.
    let parent = &state["management"]["zones"]["acme.dev."];
    let staging = &state["development"]["zones"]["staging.acme.dev."];
    assert_eq!(
        parent["ns"]["staging.acme.dev."], staging["servers"],
        "{state:#}"
    );
    let preview = &state["management"]["zones"]["preview.acme.dev."];
    assert_eq!(parent["ns"]["preview.acme.dev."], preview["servers"]);

    // ProjectEnv namespaces: on the EKS cluster (the stand-in, reached with an EKS
    // token) and on the bring-your-own context (the same stand-in).
    for (namespace, env) in [("api-staging", "staging"), ("api-preview", "preview")] {
        let object = setup.kubectl_json(&["get", "namespace", namespace]);
        assert_eq!(object["metadata"]["labels"]["sleak.dev/project"], "api");
        assert_eq!(object["metadata"]["labels"]["sleak.dev/env"], env);
        assert_eq!(
            object["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "sleak"
        );
        let quota = setup.kubectl_json(&["get", "resourcequota", "sleak-default", "-n", namespace]);
        assert_eq!(quota["spec"]["hard"]["pods"], "100");
        let limits = setup.kubectl_json(&["get", "limitrange", "sleak-default", "-n", namespace]);
        assert_eq!(limits["spec"]["limits"][0]["defaultRequest"]["cpu"], "100m");
    }

    // The controllers, installed with Helm with their IAM roles.
    let releases: Value = serde_json::from_str(&success(
        setup.sandbox.helm(&["list", "-A", "-o", "json"]),
        "helm list",
    ))
    .unwrap();
    let names: Vec<&str> = releases
        .as_array()
        .unwrap()
        .iter()
        .filter(|release| release["status"] == "deployed")
        .map(|release| release["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"aws-load-balancer-controller"),
        "{releases:#}"
    );
    assert!(names.contains(&"cluster-autoscaler"), "{releases:#}");
    let account = setup.kubectl_json(&[
        "get",
        "serviceaccount",
        "aws-load-balancer-controller",
        "-n",
        "kube-system",
    ]);
    assert_eq!(
        account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-aws-load-balancer-controller")
    );
    let settings = setup.kubectl_json(&[
        "get",
        "configmap",
        "aws-load-balancer-controller-settings",
        "-n",
        "kube-system",
    ]);
    let values: Value = serde_json::from_str(settings["data"]["values"].as_str().unwrap()).unwrap();
    assert_eq!(values["clusterName"], "dev");
    assert!(
        values["vpcId"].as_str().unwrap().starts_with("vpc-"),
        "{values}"
    );

    // kubectl through `sleak kubeconfig`: the exec plugin is sleak itself, assuming the
    // member account's role and signing a token the stand-in takes as EKS's.
    let kubeconfig = setup.context.root.path().join("eks-kubeconfig");
    let kubeconfig_path = kubeconfig.to_str().unwrap();
    setup.must(&["kubeconfig", "dev", "--kubeconfig", kubeconfig_path]);
    let output = std::process::Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", setup.context.root.path())
        .env("KUBECONFIG", &kubeconfig)
        .env("AWS_ENDPOINT_URL", &setup.proxy.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args(["get", "namespace", "api-staging", "-o", "name"])
        .output()
        .expect("kubectl runs");
    assert_eq!(
        success(output, "kubectl through sleak eks-token").trim(),
        "namespace/api-staging"
    );

    // A second apply changes nothing, in AWS or in the clusters.
    setup.proxy.clear_log();
    let again = setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(
        mutating.is_empty(),
        "the re-run changed:\n{}\nstderr:\n{}",
        labels(&mutating),
        again.stderr
    );
    assert!(
        again.stderr.to_lowercase().contains("nothing to do"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_instance_type_change_creates_the_new_pool_before_deleting_the_old_one() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let before = setup.read_back();
    let old: Vec<String> = before["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(old.len(), 1);

    // Scaling changes in place.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("max = 4", "max = 6");
    setup.context.write("sleak.toml", &text);
    setup.proxy.clear_log();
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout.contains("scale from 1–4 to 1–6"),
        "{}",
        plan.stdout
    );
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let updates: Vec<ProxyRecord> = setup.proxy.mutating_calls();
    assert_eq!(
        updates
            .iter()
            .map(|record| record.action.as_str())
            .collect::<Vec<_>>(),
        ["UpdateNodegroupConfig"],
        "{}",
        labels(&updates)
    );

    // New instance types: a new pool, then the old one deleted.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("[\"t3.large\"]", "[\"m6i.large\"]");
    setup.context.write("sleak.toml", &text);
    setup.proxy.clear_log();
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout.contains("replace node group"),
        "{}",
        plan.stdout
    );
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.mutating_calls();
    let created = log
        .iter()
        .find(|record| record.action == "CreateNodegroup")
        .unwrap_or_else(|| panic!("no new node group:\n{}", labels(&log)));
    let deleted = log
        .iter()
        .find(|record| record.action == "DeleteNodegroup")
        .unwrap_or_else(|| panic!("the old node group stayed:\n{}", labels(&log)));
    assert!(
        created.seq < deleted.seq,
        "deleted before creating:\n{}",
        labels(&log)
    );
    assert_eq!(
        deleted.target.as_deref(),
        Some(old[0].as_str()),
        "{}",
        labels(&log)
    );
    let after = setup.read_back();
    let groups = after["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let (name, group) = groups.iter().next().unwrap();
    assert_ne!(name, &old[0]);
    assert_eq!(group["instance_types"], serde_json::json!(["m6i.large"]));
}

#[test]
fn cluster_list_status_and_guarded_delete() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    // A cluster sleak.toml does not have needs `--account` or `--context`.
    let unknown = setup.sleak(&["cluster", "create", "qa", "--yes"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(unknown.stderr.contains("--account"), "{}", unknown.stderr);
    // With them, it is added to sleak.toml; a dry run plans it and changes nothing.
    let planned = setup.must(&[
        "cluster",
        "create",
        "qa",
        "--account",
        "production",
        "--kubernetes-version",
        "1.32",
        "--node-type",
        "m6i.large",
        "--dry-run",
    ]);
    assert!(
        planned.stderr.contains("cluster/qa/eks-cluster"),
        "{}",
        planned.stderr
    );
    let text = setup.context.read("sleak.toml");
    assert!(
        text.contains("[clusters.qa]\naccount = \"production\"\nversion = \"1.32\""),
        "{text}"
    );
    assert!(
        text.contains("[clusters.qa.node_pools.general]\ninstance_types = [\"m6i.large\"]"),
        "{text}"
    );
    assert!(
        setup.read_back()["production"]["clusters"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    setup.context.write("sleak.toml", &text.replace("\n[clusters.qa]\naccount = \"production\"\nversion = \"1.32\"\n\n[clusters.qa.node_pools.general]\ninstance_types = [\"m6i.large\"]\n", ""));
    // Bring your own: the context must answer.
    let byo = setup.must(&["cluster", "create", "mine", "--context", "sandbox"]);
    assert!(
        byo.stderr.contains("answers through the context `sandbox`"),
        "{}",
        byo.stderr
    );
    assert!(
        setup
            .context
            .read("sleak.toml")
            .contains("[clusters.mine]\ncontext = \"sandbox\"")
    );
    setup.must(&["cluster", "delete", "mine", "--confirm", "mine"]);
    assert!(!setup.context.read("sleak.toml").contains("[clusters.mine]"));

    let listed = setup.must(&["cluster", "list", "--output", "json"]);
    let clusters: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(clusters[0]["name"], "dev");
    assert_eq!(clusters[0]["state"], "missing");
    assert_eq!(clusters[1]["name"], "local");
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let listed = setup.must(&["cluster", "list", "--output", "json"]);
    let clusters: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(clusters[0]["state"], "active", "{clusters:#}");
    let status = setup.must(&["cluster", "status", "dev", "--output", "json"]);
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    let resources = status["resources"].as_array().unwrap();
    assert!(resources.iter().all(|resource| {
        resource["id"].as_str().unwrap().starts_with("cluster/dev/") || resource["account"] == "dev"
    }));
    assert!(
        resources.iter().any(
            |resource| resource["id"] == "cluster/dev/eks-cluster" && resource["state"] == "ok"
        ),
        "{status:#}"
    );

    // Delete refuses while environments run on it, and without confirmation.
    let refused = setup.sleak(&["cluster", "delete", "dev", "--yes"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("staging"), "{}", refused.stderr);
    let text = setup
        .context
        .read("sleak.toml")
        .replace("[environments.staging]\ncluster = \"dev\"\n", "")
        .replace("[projects.api.envs.staging]\n", "");
    setup.context.write("sleak.toml", &text);
    let refused = setup.sleak(&["cluster", "delete", "dev", "--yes"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--confirm dev"),
        "{}",
        refused.stderr
    );
    let state = setup.read_back();
    assert_eq!(
        state["development"]["clusters"].as_object().unwrap().len(),
        1,
        "nothing deleted yet"
    );

    setup.must(&["cluster", "delete", "dev", "--confirm", "dev"]);
    let state = setup.read_back();
    assert!(
        state["development"]["clusters"]
            .as_object()
            .unwrap()
            .is_empty(),
        "{state:#}"
    );
    assert!(
        state["development"]["oidc"].as_array().unwrap().is_empty(),
        "{state:#}"
    );
    assert!(
        !state["development"]["roles"]
            .as_object()
            .unwrap()
            .keys()
            .any(|role| role.starts_with("acme-dev-")),
        "{state:#}"
    );
    assert!(!setup.context.read("sleak.toml").contains("[clusters.dev]"));
    let log = setup.proxy.log();
    assert!(
        log.iter().any(|record| record.action == "DeleteAddon"),
        "{}",
        labels(&log)
    );
}

/// The EKS fake's add-ons and access entries, read through the proxy with boto3.
const FAKE_STATE: &str = r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
dev = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "development"][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{dev['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
print(json.dumps({
    "addons": sorted(eks.list_addons(clusterName="dev")["addons"]),
    "entries": eks.list_access_entries(clusterName="dev")["accessEntries"],
}))
"#;

#[test]
fn cluster_create_killed_again_and_again_converges_without_duplicates() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    // How many requests observing takes: the kills land after it, among the changes.
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--dry-run"]);
    let observing = setup.proxy.log().len();
    let mut killed = 0;
    for (round, offset) in [1usize, 3, 5, 8, 12, 18].into_iter().enumerate() {
        setup.proxy.clear_log();
        let mut child = setup
            .command(&["cluster", "create", "dev", "--yes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("sleak starts");
        // Alternately before a request is forwarded and after it was answered but
        // before sleak hears of it (the worst moment: made, and sleak does not know).
        setup
            .proxy
            .kill_at(child.id(), observing + offset, round % 2 == 1);
        let status = child.wait().expect("sleak ends");
        setup.proxy.disarm();
        if status.code().is_none() {
            killed += 1;
        }
    }
    assert!(killed >= 4, "only {killed} of 6 runs were killed");
    let done = setup.must(&["cluster", "create", "dev", "--yes"]);
    let state = setup.read_back();
    let development = &state["development"];
    assert_eq!(
        development["clusters"].as_object().unwrap().len(),
        1,
        "{state:#}"
    );
    assert_eq!(
        development["clusters"]["dev"]["nodegroups"]
            .as_object()
            .unwrap()
            .len(),
        1,
        "{state:#}\n{}",
        done.stderr
    );
    assert_eq!(
        development["oidc"].as_array().unwrap().len(),
        1,
        "{state:#}"
    );
    let fake: Value = serde_json::from_str(
        &setup
            .moto
            .python(&format!("endpoint = {:?}\n{FAKE_STATE}", setup.proxy.url)),
    )
    .unwrap();
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    assert_eq!(fake["entries"].as_array().unwrap().len(), 1, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

#[test]
fn an_upgrade_moves_the_control_plane_then_nodes_and_add_ons_and_destroy_removes_it_all() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["apply", "--yes"]);
    let before = setup.read_back();
    let group = before["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();

    let text = setup
        .context
        .read("sleak.toml")
        .replace("version = \"1.33\"", "version = \"1.34\"")
        .replace("versions = { coredns = \"v1.11.4-eksbuild.2\" }\n", "");
    setup.context.write("sleak.toml", &text);
    let plan = setup.must(&["plan"]);
    for change in [
        "upgrade the control plane from 1.33 to 1.34",
        "upgrade the nodes from 1.33 to 1.34",
        "move from",
    ] {
        assert!(
            plan.stdout.contains(change),
            "no `{change}`:\n{}",
            plan.stdout
        );
    }
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let log = setup.proxy.mutating_calls();
    let first = |action: &str| {
        log.iter()
            .find(|record| record.action == action)
            .map(|record| record.seq)
            .unwrap_or_else(|| panic!("no {action}:\n{}", labels(&log)))
    };
    let control_plane = first("UpdateClusterVersion");
    assert!(
        control_plane < first("UpdateNodegroupVersion"),
        "{}",
        labels(&log)
    );
    assert!(control_plane < first("UpdateAddon"), "{}", labels(&log));
    assert!(
        !log.iter().any(|record| record.action == "DeleteNodegroup"),
        "an upgrade replaced the pool:\n{}",
        labels(&log)
    );
    let after = setup.read_back_through_proxy();
    let cluster = &after["development"]["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.34");
    assert_eq!(
        cluster["nodegroups"][&group]["version"], "1.34",
        "{cluster:#}"
    );
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // Destroy takes all of it away, the Kubernetes side first.
    setup.must(&["destroy", "--confirm", "acme"]);
    let gone = setup.read_back();
    for account in ["management", "development", "production"] {
        let state = &gone[account];
        assert!(
            state["clusters"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["oidc"].as_array().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["roles"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["repositories"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["zones"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
    }
    let namespaces = setup.kubectl_json(&["get", "namespaces"]);
    let names: Vec<&str> = namespaces["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["metadata"]["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"api-preview") && !names.contains(&"api-staging"),
        "{names:?}"
    );
    let releases = success(setup.sandbox.helm(&["list", "-A", "-q"]), "helm list");
    assert!(releases.trim().is_empty(), "{releases}");
}

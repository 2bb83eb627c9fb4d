//! Clusters, projects and environments end to end: `sleak apply` and `sleak cluster …`
//! against moto (through the recording proxy, which also answers the EKS APIs moto lacks —
//! add-ons, access entries, updates — and makes EKS take its time: updates in progress for
//! a few looks, deletions that last, failures on demand) and the project's Kubernetes API
//! stand-in, which plays both a bring-your-own cluster (a kubeconfig context) and the EKS
//! cluster's API (the proxy points DescribeCluster's endpoint at it; the stand-in accepts
//! EKS tokens).
//! Everything is read back from moto with boto3, and from the stand-in with the real
//! kubectl and helm; sleak's own output is never trusted: that it waited is read from the
//! order of the proxy's records and what EKS answered in them.

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
        // As EKS: updates take a few looks, deletions too.
        proxy.set_eks_knobs(serde_json::json!({
            "update_describes": 2,
            "cluster_deleting_describes": 1,
            "addon_deleting_describes": 1,
        }));
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

/// The requests, one a line: `#seq service:action [target] → status (EKS's answer)`.
fn labels(records: &[ProxyRecord]) -> String {
    records
        .iter()
        .map(|record| {
            let mut line = format!("#{} {}", record.seq, record.label());
            if let Some(target) = &record.target {
                line.push_str(&format!(" [{target}]"));
            }
            if let Some(status) = record.status {
                line.push_str(&format!(" → {status}"));
            }
            if let Some(answer) = record.answer_error().or(record.answer_status()) {
                line.push_str(&format!(" ({answer})"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sequence number of the first request of `action`.
fn first_seq(log: &[ProxyRecord], action: &str) -> usize {
    log.iter()
        .find(|record| record.action == action)
        .map(|record| record.seq)
        .unwrap_or_else(|| panic!("no {action}:\n{}", labels(log)))
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
    // The control plane was waited for: the proxy answered its first two DescribeCluster
    // CREATING (the knob), and nothing was made in it before one answered ACTIVE; the
    // same for the node group (one CREATING) and the add-ons that need nodes.
    let answers = |action: &str, status: &str| -> Vec<usize> {
        log.iter()
            .filter(|record| record.action == action && record.answer_status() == Some(status))
            .map(|record| record.seq)
            .collect()
    };
    let created = first_seq(&log, "CreateCluster");
    let creating = answers("DescribeCluster", "CREATING");
    assert_eq!(creating.len(), 2, "{}", labels(&log));
    assert!(
        creating.iter().all(|seq| *seq > created),
        "{}",
        labels(&log)
    );
    let active = *answers("DescribeCluster", "ACTIVE")
        .iter()
        .find(|seq| **seq > created)
        .unwrap_or_else(|| panic!("the cluster never answered ACTIVE:\n{}", labels(&log)));
    assert!(creating.iter().all(|seq| *seq < active), "{}", labels(&log));
    for action in ["CreateNodegroup", "CreateAddon", "CreateAccessEntry"] {
        assert!(
            first_seq(&log, action) > active,
            "{action} before the control plane was ACTIVE:\n{}",
            labels(&log)
        );
    }
    assert_eq!(
        answers("DescribeNodegroup", "CREATING").len(),
        1,
        "{}",
        labels(&log)
    );
    let nodes = answers("DescribeNodegroup", "ACTIVE")[0];
    let coredns = log
        .iter()
        .find(|record| {
            record.action == "CreateAddon" && record.target.as_deref() == Some("coredns")
        })
        .expect("coredns installed");
    assert!(
        coredns.seq > nodes,
        "coredns before its nodes:\n{}",
        labels(&log)
    );
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "an EKS request was refused as in use:\n{}\n{}",
        labels(&log),
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
    // Each update stays in progress for three looks, as EKS's take minutes.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_describes": 3 }));
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let log = setup.proxy.log();
    // The control-plane upgrade was followed with DescribeUpdate, InProgress three times,
    // until it answered Successful; only then did any node group or add-on update go out.
    let upgrade = log
        .iter()
        .find(|record| record.action == "UpdateClusterVersion")
        .unwrap_or_else(|| panic!("no upgrade:\n{}", labels(&log)));
    let followed = |update: &ProxyRecord| -> (usize, usize) {
        let id = update.eks_answer.as_ref().unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let looks: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == "DescribeUpdate" && record.path.ends_with(&id))
            .collect();
        let in_progress = looks
            .iter()
            .filter(|record| record.answer_status() == Some("InProgress"))
            .count();
        let done = looks
            .iter()
            .find(|record| record.answer_status() == Some("Successful"))
            .unwrap_or_else(|| panic!("{id} was never seen Successful:\n{}", labels(&log)));
        (in_progress, done.seq)
    };
    let (in_progress, upgraded) = followed(upgrade);
    assert!(in_progress >= 2, "{}", labels(&log));
    assert!(upgrade.seq < upgraded, "{}", labels(&log));
    for record in log.iter().filter(|record| {
        matches!(
            record.action.as_str(),
            "UpdateNodegroupVersion" | "UpdateAddon"
        )
    }) {
        assert!(
            record.seq > upgraded,
            "#{} {} went out before the control plane's upgrade ended:\n{}",
            record.seq,
            record.action,
            labels(&log)
        );
    }
    // The nodes' upgrade was followed to its end too, before the add-ons that run on them
    // moved; every add-on update was followed to Successful.
    let nodes = log
        .iter()
        .find(|record| record.action == "UpdateNodegroupVersion")
        .unwrap_or_else(|| panic!("no node upgrade:\n{}", labels(&log)));
    let (_, rolled) = followed(nodes);
    let addon_updates: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "UpdateAddon")
        .collect();
    assert!(addon_updates.len() >= 5, "{}", labels(&log));
    for record in &addon_updates {
        followed(record);
        if record.target.as_deref() == Some("coredns") {
            assert!(
                record.seq > rolled,
                "coredns moved before its nodes:\n{}",
                labels(&log)
            );
        }
    }
    // No update was refused: none went out while another was in progress.
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "{}",
        labels(&log)
    );
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

    // Destroy takes all of it away, the Kubernetes side first. Deletions take a while,
    // as EKS's do: what a deleted add-on or node group was in is deleted once they are
    // gone, and the cluster is waited for until it is.
    setup.proxy.set_eks_knobs(serde_json::json!({
        "cluster_deleting_describes": 2,
        "addon_deleting_describes": 2,
    }));
    setup.proxy.clear_log();
    setup.must(&["destroy", "--confirm", "acme"]);
    let log = setup.proxy.log();
    let deleted = first_seq(&log, "DeleteCluster");
    for addon in log.iter().filter(|record| record.action == "DeleteAddon") {
        let looks: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == "DescribeAddon" && record.target == addon.target)
            .filter(|record| record.seq > addon.seq)
            .collect();
        let deleting = looks
            .iter()
            .filter(|record| record.answer_status() == Some("DELETING"))
            .count();
        let gone = looks
            .iter()
            .find(|record| record.status == Some(404))
            .unwrap_or_else(|| panic!("{:?} was not seen gone:\n{}", addon.target, labels(&log)));
        assert_eq!(deleting, 2, "{:?}:\n{}", addon.target, labels(&log));
        assert!(
            gone.seq < deleted,
            "the cluster went before {:?}:\n{}",
            addon.target,
            labels(&log)
        );
    }
    let cluster_looks: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "DescribeCluster" && record.seq > deleted)
        .collect();
    assert_eq!(
        cluster_looks
            .iter()
            .filter(|record| record.answer_status() == Some("DELETING"))
            .count(),
        2,
        "{}",
        labels(&log)
    );
    assert!(
        cluster_looks
            .iter()
            .any(|record| record.status == Some(404)),
        "the cluster's deletion was not followed to its end:\n{}",
        labels(&log)
    );
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

/// Runs boto3 `code` with an EKS client `eks` of the development account, through the
/// proxy: what someone else (or a killed run) does to the cluster.
const DEV_EKS: &str = r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
dev = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "development"][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{dev['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="someone-else")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
"#;

#[test]
fn eks_failures_are_clear_errors_and_the_next_run_converges() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);

    // An add-on EKS reports DEGRADED and one whose create fails: each is an error that
    // names the add-on and EKS's health issue.
    setup.proxy.set_eks_knobs(serde_json::json!({ "addon_health": {
        "metrics-server": { "status": "DEGRADED", "issues": [{
            "code": "InsufficientNumberOfReplicas",
            "message": "The add-on is unhealthy because it doesn't have the desired number of replicas.",
        }]},
        "cert-manager": { "status": "CREATE_FAILED", "issues": [{
            "code": "ConfigurationConflict",
            "message": "Conflicts found when trying to apply. Will not continue due to resolve conflicts mode.",
        }]},
    }}));
    setup.proxy.clear_log();
    let failed = setup.sleak(&["cluster", "create", "dev", "--yes"]);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    for expected in [
        "the add-on `metrics-server` of `dev` is DEGRADED: InsufficientNumberOfReplicas: The add-on is unhealthy because it doesn't have the desired number of replicas.",
        "the add-on `cert-manager` of `dev` is CREATE_FAILED: ConfigurationConflict: Conflicts found",
        "run `sleak cluster create dev` again to resume",
    ] {
        assert!(
            failed.stderr.contains(expected),
            "no `{expected}`:\n{}",
            failed.stderr
        );
    }
    let log = setup.proxy.log();
    for (addon, status) in [
        ("metrics-server", "DEGRADED"),
        ("cert-manager", "CREATE_FAILED"),
    ] {
        assert!(
            log.iter().any(|record| record.action == "DescribeAddon"
                && record.target.as_deref() == Some(addon)
                && record.answer_status() == Some(status)),
            "{addon} was never {status}:\n{}",
            labels(&log)
        );
    }

    // The faults gone, the next run converges: the failed add-on is made again, the
    // degraded one (healthy now) is left alone; the one after changes nothing.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "addon_health": {} }));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    let addon_calls: Vec<(String, String)> = mutating
        .iter()
        .filter(|record| record.action.contains("Addon"))
        .map(|record| {
            (
                record.action.clone(),
                record.target.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        addon_calls,
        [
            ("DeleteAddon".to_owned(), "cert-manager".to_owned()),
            ("CreateAddon".to_owned(), "cert-manager".to_owned()),
        ],
        "{}",
        labels(&mutating)
    );
    let fake: Value = serde_json::from_str(
        &setup
            .moto
            .python(&format!("endpoint = {:?}\n{FAKE_STATE}", setup.proxy.url)),
    )
    .unwrap();
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // A control-plane upgrade that EKS fails: an error naming the cluster and EKS's
    // reason; nothing else is upgraded and the cluster stays at its version.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("version = \"1.33\"", "version = \"1.34\"");
    setup.context.write("sleak.toml", &text);
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_failures": [{
            "kind": "cluster",
            "name": "dev",
            "errorCode": "InsufficientFreeAddresses",
            "errorMessage": "One or more of the subnets doesn't have enough free addresses",
            "resourceIds": ["subnet-0a1b2c3d"],
        }]}));
    setup.proxy.clear_log();
    let failed = setup.sleak(&["cluster", "create", "dev", "--yes"]);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    let expected = "the upgrade of the EKS cluster `dev` to 1.34 failed: InsufficientFreeAddresses: One or more of the subnets doesn't have enough free addresses (subnet-0a1b2c3d)";
    assert!(failed.stderr.contains(expected), "{}", failed.stderr);
    let log = setup.proxy.log();
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeUpdate"
                && record.answer_status() == Some("Failed")),
        "{}",
        labels(&log)
    );
    assert!(
        !log.iter().any(|record| matches!(
            record.action.as_str(),
            "UpdateNodegroupVersion" | "UpdateAddon"
        )),
        "{}",
        labels(&log)
    );
    let state = setup.read_back_through_proxy();
    assert_eq!(state["development"]["clusters"]["dev"]["version"], "1.33");

    // An upgrade someone else started (or a run killed after asking for it) is still in
    // progress when the next run comes: EKS refuses sleak's own, sleak waits for that one
    // (ListUpdates, DescribeUpdate), compares again — the upgrade is done, so it does not
    // ask again — and moves the nodes and add-ons after it.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_failures": [], "update_describes": 5 }));
    let started = setup.moto.python(&format!(
        "endpoint = {:?}\n{DEV_EKS}print(eks.update_cluster_version(name=\"dev\", version=\"1.34\")[\"update\"][\"id\"])",
        setup.proxy.url
    ));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.log();
    let ours: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "UpdateClusterVersion")
        .collect();
    assert_eq!(
        ours.len(),
        1,
        "asked again after comparing:\n{}",
        labels(&log)
    );
    assert_eq!(
        ours[0].answer_error(),
        Some("ResourceInUseException"),
        "{}",
        labels(&log)
    );
    let listed = first_seq(&log, "ListUpdates");
    let theirs_done = log
        .iter()
        .find(|record| {
            record.action == "DescribeUpdate"
                && record.path.ends_with(&started)
                && record.answer_status() == Some("Successful")
        })
        .unwrap_or_else(|| panic!("{started} was not followed:\n{}", labels(&log)));
    assert!(
        ours[0].seq < listed && listed < theirs_done.seq,
        "{}",
        labels(&log)
    );
    let nodes = first_seq(&log, "UpdateNodegroupVersion");
    assert!(nodes > theirs_done.seq, "{}", labels(&log));
    let state = setup.read_back_through_proxy();
    let cluster = &state["development"]["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.34");
    for (name, group) in cluster["nodegroups"].as_object().unwrap() {
        assert_eq!(group["version"], "1.34", "{name}");
    }
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

#[test]
fn default_add_on_versions_moved_by_eks_change_nothing_and_are_shown() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["apply", "--yes"]);

    // EKS publishes new default versions of two unpinned add-ons for the cluster's
    // Kubernetes version: an unchanged workspace changes nothing.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "addon_defaults": {
            "kube-proxy": { "1.33": "v1.33.3-eksbuild.4" },
            "vpc-cni": { "1.33": "v1.20.4-eksbuild.1" },
        }}));
    setup.proxy.clear_log();
    let applied = setup.must(&["apply", "--yes"]);
    let log = setup.proxy.log();
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeAddonVersions"
                && record.target.as_deref() == Some("kube-proxy")),
        "the defaults were not looked up:\n{}",
        labels(&log)
    );
    let mutating: Vec<ProxyRecord> = log
        .into_iter()
        .filter(|record| record.mutating && !record.is_lease())
        .collect();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
    let news = [
        (
            "kube-proxy",
            "EKS's default version for Kubernetes 1.33 is now v1.33.3-eksbuild.4 (installed: v1.33.0-eksbuild.2); to move to it, pin it: `versions = { kube_proxy = \"v1.33.3-eksbuild.4\" }` under [clusters.dev.plugins] in sleak.toml",
        ),
        (
            "vpc-cni",
            "EKS's default version for Kubernetes 1.33 is now v1.20.4-eksbuild.1 (installed: v1.19.5-eksbuild.1)",
        ),
    ];
    for (_, news) in news {
        assert!(
            applied.stderr.contains(news),
            "no `{news}`:\n{}",
            applied.stderr
        );
    }

    // plan and status show them as information, not as changes.
    let plan = setup.must(&["plan"]);
    for (_, news) in news {
        assert!(plan.stdout.contains(news), "no `{news}`:\n{}", plan.stdout);
    }
    let plan: Value =
        serde_json::from_str(&setup.must(&["plan", "--output", "json"]).stdout).unwrap();
    let status: Value =
        serde_json::from_str(&setup.must(&["status", "--output", "json"]).stdout).unwrap();
    for (addon, news) in news {
        let id = format!("cluster/dev/addon/{addon}");
        let step = plan["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|step| step["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no {id}: {plan:#}"));
        assert_eq!(step["action"], "no-change", "{step:#}");
        assert!(
            step["info"][0].as_str().unwrap().starts_with(news),
            "{step:#}"
        );
        let resource = status["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|resource| resource["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no {id}: {status:#}"));
        assert_eq!(resource["state"], "ok", "{resource:#}");
        assert!(
            resource["info"][0].as_str().unwrap().starts_with(news),
            "{resource:#}"
        );
    }

    // Taking one as the note says: pin it in sleak.toml. That add-on moves, nothing else.
    let text = setup.context.read("sleak.toml").replace(
        "versions = { coredns = \"v1.11.4-eksbuild.2\" }",
        "versions = { coredns = \"v1.11.4-eksbuild.2\", kube_proxy = \"v1.33.3-eksbuild.4\" }",
    );
    setup.context.write("sleak.toml", &text);
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout
            .contains("move from v1.33.0-eksbuild.2 to v1.33.3-eksbuild.4"),
        "{}",
        plan.stdout
    );
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert_eq!(
        mutating
            .iter()
            .map(|record| (
                record.action.as_str(),
                record.target.as_deref().unwrap_or_default()
            ))
            .collect::<Vec<_>>(),
        [("UpdateAddon", "kube-proxy")],
        "{}",
        labels(&mutating)
    );
    assert_eq!(
        mutating[0].request.as_ref().unwrap()["addonVersion"],
        "v1.33.3-eksbuild.4"
    );
    let installed = setup.moto.python(&format!(
        "endpoint = {:?}\n{DEV_EKS}print(eks.describe_addon(clusterName=\"dev\", addonName=\"kube-proxy\")[\"addon\"][\"addonVersion\"])",
        setup.proxy.url
    ));
    assert_eq!(installed, "v1.33.3-eksbuild.4");
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

/// The add-ons and access entries of cluster `name` in account `account`, read through
/// the proxy (they live in its EKS fake).
fn fake_cluster_state(setup: &Setup, account: &str, name: &str) -> Value {
    let code = format!(
        r#"endpoint = {:?}
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
target = [a for a in org.list_accounts()["Accounts"] if a["Name"] == {account:?}][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{{target['Id']}}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
print(json.dumps({{
    "addons": sorted(eks.list_addons(clusterName={name:?})["addons"]),
    "entries": eks.list_access_entries(clusterName={name:?})["accessEntries"],
}}))
"#,
        setup.proxy.url
    );
    serde_json::from_str(&setup.moto.python(&code)).unwrap()
}

#[test]
fn lost_answers_of_eks_creates_are_retried_without_duplicates() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    let creates = [
        ("CreateCluster", 1, "DescribeCluster"),
        ("CreateNodegroup", 1, "DescribeNodegroup"),
        ("CreateAddon", 2, "DescribeAddon"),
        ("CreateAccessEntry", 1, "DescribeAccessEntry"),
    ];
    let lose = |setup: &Setup| {
        let lose: serde_json::Map<String, Value> = creates
            .iter()
            .map(|(action, times, _)| ((*action).to_owned(), Value::from(*times)))
            .collect();
        setup
            .proxy
            .set_eks_knobs(serde_json::json!({ "lose_answers": lose }));
    };
    // The record after `lost` of the same create and resource: the SDK's retry.
    let retry_of = |log: &[ProxyRecord], lost: &ProxyRecord| -> ProxyRecord {
        log.iter()
            .find(|record| {
                record.seq > lost.seq
                    && record.action == lost.action
                    && record.target == lost.target
            })
            .unwrap_or_else(|| panic!("#{} was not retried:\n{}", lost.seq, labels(log)))
            .clone()
    };

    // EKS acts on each create but the answer is lost (a 500): the SDK sends it again
    // with the same request token, which EKS answers as the first time.
    lose(&setup);
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.log();
    for (action, times, _) in creates {
        let lost: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == action && record.status == Some(500))
            .collect();
        assert_eq!(lost.len(), times, "{action}:\n{}", labels(&log));
        for lost in lost {
            let retry = retry_of(&log, lost);
            let token = lost.request.as_ref().unwrap()["clientRequestToken"].clone();
            assert!(
                token
                    .as_str()
                    .is_some_and(|token| token.starts_with("sleak-")),
                "{action} without sleak's request token: {token}"
            );
            assert_eq!(retry.request.as_ref().unwrap()["clientRequestToken"], token);
            assert_eq!(retry.status, Some(200), "{action}:\n{}", labels(&log));
        }
    }
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "{}",
        labels(&log)
    );
    let state = setup.read_back();
    let clusters = state["development"]["clusters"].as_object().unwrap();
    assert_eq!(clusters.len(), 1, "{state:#}");
    assert_eq!(
        clusters["dev"]["nodegroups"].as_object().unwrap().len(),
        1,
        "{state:#}"
    );
    let fake = fake_cluster_state(&setup, "development", "dev");
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    assert_eq!(fake["entries"].as_array().unwrap().len(), 1, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // When EKS does not honour the token (it expired), the retry is answered
    // ResourceInUseException: sleak reads the resource and, finding this workspace's
    // tags on it, counts the create as done.
    let qa = "\n[clusters.qa]\naccount = \"production\"\nversion = \"1.33\"\n\n[clusters.qa.node_pools.general]\ninstance_types = [\"t3.large\"]\n\n[clusters.qa.plugins]\nload_balancer_controller = false\nautoscaler = \"none\"\n";
    let text = setup.context.read("sleak.toml") + qa;
    setup.context.write("sleak.toml", &text);
    lose(&setup);
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "ignore_tokens": true }));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "qa", "--yes"]);
    let log = setup.proxy.log();
    for (action, times, describe) in creates {
        let lost: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == action && record.status == Some(500))
            .collect();
        assert_eq!(lost.len(), times, "{action}:\n{}", labels(&log));
        for lost in lost {
            let retry = retry_of(&log, lost);
            assert_eq!(
                retry.answer_error(),
                Some("ResourceInUseException"),
                "{action}:\n{}",
                labels(&log)
            );
            assert!(
                log.iter().any(|record| record.seq > retry.seq
                    && record.action == describe
                    && record.status == Some(200)),
                "{action} was not checked with {describe}:\n{}",
                labels(&log)
            );
        }
    }
    let state = setup.read_back();
    let clusters = state["production"]["clusters"].as_object().unwrap();
    assert_eq!(clusters.len(), 1, "{state:#}");
    assert_eq!(
        clusters["qa"]["nodegroups"].as_object().unwrap().len(),
        1,
        "{state:#}"
    );
    let fake = fake_cluster_state(&setup, "production", "qa");
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    assert_eq!(fake["entries"].as_array().unwrap().len(), 1, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "qa", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

// ── No secret in any output ─────────────────────────────────────────────────

/// The caller's secret access key and session token in this test: distinctive, so that
/// finding them anywhere means they leaked.
const CALLER_SECRET: &str = "sleakTEST/secret+Key0123456789abcdefGHIJKL";
const CALLER_SESSION: &str = "sleakTESTsessionTOKEN0123456789abcdefghijklmnopqrstuvwxyz";

/// Every text file under `root` (skipping `skip`), as (path, contents).
fn files_under(root: &Path, skip: &[&Path]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if skip.iter().any(|skipped| path.starts_with(skipped)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    out
}

/// A full flow — onboard, apply with a cluster, kubeconfig and kubectl through
/// `sleak eks-token`, status and plan as JSON, verbose logs, errors with bad credentials
/// and a refused command — captured whole: no stdout, stderr or file sleak wrote holds
/// the caller's secret key or session token, a key or token STS handed out to sleak, or
/// an EKS token (but `eks-token`'s own stdout, which is where one belongs).
#[test]
fn no_secret_reaches_any_output_log_or_file() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut eks_token_stdout = Vec::new();
    let run = |args: &[&str], extra: &[(&str, &str)]| {
        let mut command = setup.command(args);
        command
            .env("AWS_SECRET_ACCESS_KEY", CALLER_SECRET)
            .env("AWS_SESSION_TOKEN", CALLER_SESSION);
        for (key, value) in extra {
            command.env(key, value);
        }
        Run::from(command.output().expect("sleak runs"))
    };
    fn keep(outputs: &mut Vec<(String, String)>, label: String, run: Run) -> Run {
        outputs.push((format!("{label} stdout"), run.stdout.clone()));
        outputs.push((format!("{label} stderr"), run.stderr.clone()));
        run
    }
    macro_rules! record {
        ($label:expr, $run:expr $(,)?) => {
            keep(&mut outputs, $label, $run)
        };
    }
    let ok = |run: &Run, what: &str| {
        assert_eq!(run.code, 0, "{what} failed:\n{}", run.stderr);
    };

    let onboard = record!("onboard -vv".into(), run(&["onboard", "--yes", "-vv"], &[]));
    ok(&onboard, "onboard");
    let apply = record!("apply -vv".into(), run(&["apply", "--yes", "-vv"], &[]));
    ok(&apply, "apply");
    for args in [
        &["status", "--output", "json"][..],
        &["plan", "--output", "json", "-vv"],
        &["cluster", "status", "dev"],
        &["whoami", "--output", "json"],
    ] {
        record!(args.join(" "), run(args, &[]));
    }
    let kubeconfig = setup.context.root.path().join("eks-kubeconfig");
    let made = record!(
        "kubeconfig".into(),
        run(
            &[
                "kubeconfig",
                "dev",
                "--kubeconfig",
                kubeconfig.to_str().unwrap()
            ],
            &[]
        ),
    );
    ok(&made, "kubeconfig");
    let token = run(&["eks-token", "--cluster-name", "dev"], &[]);
    ok(&token, "eks-token");
    assert!(token.stdout.contains("k8s-aws-v1."), "{}", token.stdout);
    eks_token_stdout.push(token.stdout.clone());
    outputs.push(("eks-token stderr".into(), token.stderr.clone()));
    // kubectl calling `sleak eks-token` as its exec plugin.
    let kubectl = std::process::Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", setup.context.root.path())
        .env("KUBECONFIG", &kubeconfig)
        .env("AWS_ENDPOINT_URL", &setup.proxy.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", CALLER_SECRET)
        .env("AWS_SESSION_TOKEN", CALLER_SESSION)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args(["get", "namespace", "api-staging", "-o", "name", "-v=6"])
        .output()
        .expect("kubectl runs");
    outputs.push((
        "kubectl -v=6 stderr".into(),
        String::from_utf8_lossy(&kubectl.stderr).into_owned(),
    ));
    assert!(
        kubectl.status.success(),
        "{}",
        String::from_utf8_lossy(&kubectl.stderr)
    );

    // Error paths: an endpoint that does not answer, a credential process whose output
    // is broken (and holds the secret), and a refusal.
    let dead = record!(
        "status, dead endpoint".into(),
        run(
            &["status", "-vv"],
            &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")]
        ),
    );
    assert_ne!(dead.code, 0);
    let config = setup.context.write(
        "broken-aws-config",
        &format!(
            "[profile broken]\nregion = us-east-1\ncredential_process = sh -c 'echo {{\"Version\": 1, \"AccessKeyId\": \"AKIABROKEN\", \"SecretAccessKey\": \"{CALLER_SECRET}\"'\n"
        ),
    );
    let broken = record!(
        "status, broken credential process".into(),
        run(
            &["status", "--profile", "broken", "-vv"],
            &[
                ("AWS_CONFIG_FILE", config.to_str().unwrap()),
                ("AWS_ACCESS_KEY_ID", ""),
                ("AWS_SECRET_ACCESS_KEY", ""),
                ("AWS_SESSION_TOKEN", ""),
            ],
        ),
    );
    assert_ne!(broken.code, 0, "{}", broken.stderr);
    let refused = record!("destroy, refused".into(), run(&["destroy", "--yes"], &[]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);

    // Everything sleak and its peers wrote under the test's folders (the charts and the
    // broken AWS config the test gave are inputs).
    let files = files_under(setup.context.root.path(), &[&setup.charts, &config]);
    assert!(files.iter().any(|(path, _)| path == &kubeconfig));

    let mut secrets: Vec<String> = setup.proxy.issued_secrets();
    assert!(
        !secrets.is_empty(),
        "sleak assumed no role through the proxy"
    );
    secrets.push(CALLER_SECRET.to_owned());
    secrets.push(CALLER_SESSION.to_owned());
    let mut leaks = Vec::new();
    let texts = outputs
        .iter()
        .map(|(label, text)| (label.clone(), text.as_str()))
        .chain(
            files
                .iter()
                .map(|(path, text)| (path.display().to_string(), text.as_str())),
        );
    for (label, text) in texts {
        for secret in &secrets {
            if text.contains(secret.as_str()) {
                leaks.push(format!("{label} holds the secret `{}…`", &secret[..8]));
            }
        }
        if text.contains("k8s-aws-v1.") {
            leaks.push(format!("{label} holds an EKS token"));
        }
    }
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
    eprintln!(
        "searched {} outputs and {} files for {} secrets",
        outputs.len(),
        files.len(),
        secrets.len()
    );
}

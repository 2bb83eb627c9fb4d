//! The environments' ACM certificates end to end: `sleak apply` requests one for an
//! environment with a web service, in the environment's account, writes its validation
//! records into the environment's zone (here in another account: the management
//! account, as the environment runs on a cluster you bring) and waits for ISSUED; a
//! re-apply changes nothing; `destroy` deletes it. Read back from moto with boto3.

mod common;
#[path = "support_platform/mod.rs"]
mod support_platform;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use serde_json::Value;
use support_platform::Platform;

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

[vpn]
enabled = false

[clusters.local]
context = "sandbox"

[environments.preview]
cluster = "local"
account = "development"

[projects.api.envs.preview.services.web]
kind = "web"
port = 8080
"#;

/// Per account name: its certificates (names, status, tags, validation records) and
/// the CNAME records of its zones.
const READ_BACK: &str = r#"
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
    acm = session.client("acm", endpoint_url=endpoint)
    r53 = session.client("route53", endpoint_url=endpoint)
    certificates = []
    for summary in acm.list_certificates()["CertificateSummaryList"]:
        arn = summary["CertificateArn"]
        detail = acm.describe_certificate(CertificateArn=arn)["Certificate"]
        tags = {t["Key"]: t.get("Value") for t in acm.list_tags_for_certificate(CertificateArn=arn).get("Tags", [])}
        records = sorted({(o["ResourceRecord"]["Name"], o["ResourceRecord"]["Value"]) for o in detail.get("DomainValidationOptions", []) if "ResourceRecord" in o})
        certificates.append({"domain": detail["DomainName"], "names": sorted(detail["SubjectAlternativeNames"]), "status": detail["Status"], "tags": tags, "records": records})
    cnames = {}
    for zone in r53.list_hosted_zones()["HostedZones"]:
        for record in r53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]:
            if record["Type"] == "CNAME":
                cnames[record["Name"]] = [r["Value"] for r in record["ResourceRecords"]]
    out[account["Name"]] = {"certificates": certificates, "cnames": cnames}
print(json.dumps(out))
"#;

fn read_back(platform: &Platform) -> Value {
    serde_json::from_str(&platform.moto.python(READ_BACK)).expect("read-back JSON")
}

#[test]
fn apply_requests_the_environment_certificate_validates_it_in_the_zone_and_destroy_deletes_it() {
    let platform = Platform::new(WORKSPACE);
    platform.must(&["onboard", "--yes"]);

    let plan = platform.must(&["plan", "--output", "json"]).json();
    let step = plan["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|step| step["id"] == "environment/preview/certificate")
        .unwrap_or_else(|| panic!("no certificate in the plan: {plan:#}"));
    assert_eq!(step["kind"], "acm:certificate", "{step:#}");
    assert_eq!(step["action"], "create", "{step:#}");

    platform.must(&["apply", "--yes"]);
    let state = read_back(&platform);
    let certificates = state["development"]["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 1, "{state:#}");
    let certificate = &certificates[0];
    assert_eq!(certificate["domain"], "preview.acme.dev");
    assert_eq!(
        certificate["names"],
        serde_json::json!(["*.preview.acme.dev", "preview.acme.dev"])
    );
    assert_eq!(certificate["status"], "ISSUED", "{certificate:#}");
    assert_eq!(certificate["tags"]["sleak:workspace"], "acme");
    assert_eq!(
        certificate["tags"]["sleak:id"],
        "environment/preview/certificate"
    );
    // The validation record is in the environment's zone, in the management account.
    let records = certificate["records"].as_array().unwrap();
    assert!(!records.is_empty(), "{certificate:#}");
    for record in records {
        let (name, value) = (record[0].as_str().unwrap(), record[1].as_str().unwrap());
        assert_eq!(
            state["management"]["cnames"][name],
            serde_json::json!([value]),
            "{name} is not in the zone: {state:#}"
        );
    }
    assert!(
        state["management"]["certificates"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A second apply changes nothing in AWS.
    platform.proxy.clear_log();
    let again = platform.must(&["apply", "--yes"]);
    let mutating = platform.proxy.mutating_calls();
    assert!(mutating.is_empty(), "the re-run changed: {mutating:?}");
    assert!(
        again.stderr.to_lowercase().contains("nothing to do"),
        "{}",
        again.stderr
    );

    platform.must(&["destroy", "--confirm", "acme", "--yes"]);
    let state = read_back(&platform);
    for account in ["development", "management"] {
        assert!(
            state[account]["certificates"]
                .as_array()
                .is_none_or(Vec::is_empty),
            "{state:#}"
        );
    }
}

//! `sleak destroy`, `sleak vpn` and `sleak doctor` against moto, read back with boto3:
//! destroy removes what onboarding built (orphans swept, accounts kept unless asked,
//! guarded); vpn shows the server as moto has it; doctor compares the delegation that a
//! fake DNS server on loopback publishes with the zone's name servers.

mod common;

use common::{MotoGuard, TestContext, crate_root};
use serde_json::Value;

/// Counts, per member account, every resource tagged `sleak:workspace=acme` that still
/// exists, plus the zones, roles and DB subnet groups sleak names, and the accounts.
const LEFTOVERS: &str = r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
result = {"accounts": {}, "left": {}}
for account in org.list_accounts()['Accounts']:
    result["accounts"][account['Name']] = account['Status']
    if account['Id'] == sts.get_caller_identity()['Account']:
        continue
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='check')['Credentials']
    session = boto3.Session(aws_access_key_id=creds['AccessKeyId'], aws_secret_access_key=creds['SecretAccessKey'], aws_session_token=creds['SessionToken'], region_name='us-east-1')
    ec2 = session.client('ec2', endpoint_url=endpoint)
    tagged = [{'Name': 'tag:sleak:workspace', 'Values': ['acme']}]
    left = []
    left += [v['VpcId'] for v in ec2.describe_vpcs(Filters=tagged)['Vpcs']]
    left += [s['SubnetId'] for s in ec2.describe_subnets(Filters=tagged)['Subnets']]
    left += [g['InternetGatewayId'] for g in ec2.describe_internet_gateways(Filters=tagged)['InternetGateways']]
    left += [t['RouteTableId'] for t in ec2.describe_route_tables(Filters=tagged)['RouteTables']]
    left += [a['AllocationId'] for a in ec2.describe_addresses(Filters=tagged)['Addresses']]
    left += [n['NatGatewayId'] for n in ec2.describe_nat_gateways(Filter=tagged)['NatGateways'] if n['State'] not in ('deleted', 'deleting')]
    left += [g['GroupId'] for g in ec2.describe_security_groups(Filters=tagged)['SecurityGroups']]
    left += [i['InstanceId'] for r in ec2.describe_instances(Filters=tagged)['Reservations'] for i in r['Instances'] if i['State']['Name'] != 'terminated']
    left += [p['VpcPeeringConnectionId'] for p in ec2.describe_vpc_peering_connections(Filters=tagged)['VpcPeeringConnections'] if p['Status']['Code'] not in ('deleted', 'rejected', 'failed')]
    left += [z['Name'] for z in session.client('route53', endpoint_url=endpoint).list_hosted_zones()['HostedZones']]
    iam = session.client('iam', endpoint_url=endpoint)
    left += [r['RoleName'] for r in iam.list_roles()['Roles'] if r['RoleName'].startswith('acme-')]
    left += [p['InstanceProfileName'] for p in iam.list_instance_profiles()['InstanceProfiles'] if p['InstanceProfileName'].startswith('acme-')]
    left += [g['DBSubnetGroupName'] for g in session.client('rds', endpoint_url=endpoint).describe_db_subnet_groups()['DBSubnetGroups'] if g['DBSubnetGroupName'].startswith('acme-')]
    result["left"][account['Name']] = left
print(json.dumps(result))
"#;

fn leftovers(moto: &MotoGuard) -> Value {
    serde_json::from_str(&moto.python(LEFTOVERS)).expect("read-back is JSON")
}

/// Adds, in the development account, a VPC and a subnet carrying the workspace's tag
/// under an id the workspace does not have: what a removed account section leaves.
const ORPHAN: &str = r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
dev = [a for a in org.list_accounts()['Accounts'] if a['Name'] == 'development'][0]
creds = sts.assume_role(RoleArn=f"arn:aws:iam::{dev['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='orphan')['Credentials']
ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=creds['AccessKeyId'], aws_secret_access_key=creds['SecretAccessKey'], aws_session_token=creds['SessionToken'])
tags = [{'Key': 'sleak:workspace', 'Value': 'acme'}, {'Key': 'sleak:id', 'Value': 'account/staging/vpc'}]
vpc = ec2.create_vpc(CidrBlock='10.9.0.0/16', TagSpecifications=[{'ResourceType': 'vpc', 'Tags': tags}])['Vpc']['VpcId']
ec2.create_subnet(VpcId=vpc, CidrBlock='10.9.1.0/24', TagSpecifications=[{'ResourceType': 'subnet', 'Tags': [tags[0], {'Key': 'sleak:id', 'Value': 'account/staging/subnet/public-a'}]}])
print(vpc)
"#;

#[test]
fn destroy_removes_everything_onboarding_built_and_sweeps_orphans_but_keeps_the_accounts() {
    let (context, moto) = TestContext::with_moto();
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml");
    context.run(&["onboard", "--yes"]).success();
    let orphan_vpc = moto.python(ORPHAN);
    let before = leftovers(&moto);
    assert!(
        before["left"]["development"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == orphan_vpc.as_str())
    );
    assert!(
        before["left"]["management"].as_array().unwrap().len() > 20,
        "onboarding built the management account: {before}"
    );

    let plan = context.run(&["plan", "--output", "json"]).success().json();
    let orphans = plan["orphans"].as_array().expect("orphans");
    assert!(
        orphans
            .iter()
            .any(|orphan| orphan["id"] == "account/staging/vpc"),
        "plan shows the orphan as a delete: {plan}"
    );

    let refused = context.run(&["destroy", "--yes"]).code(2);
    assert!(
        refused.stderr.contains("--confirm acme"),
        "{}",
        refused.stderr
    );
    let wrong = context.run(&["destroy", "--confirm", "other"]).code(2);
    assert!(wrong.stderr.contains("does not match"), "{}", wrong.stderr);
    assert_eq!(
        leftovers(&moto),
        before,
        "a refused destroy changed nothing"
    );

    let run = context.run(&["destroy", "--confirm", "acme"]).success();
    assert!(run.stderr.contains("Destroyed"), "{}", run.stderr);
    let after = leftovers(&moto);
    for (account, left) in after["left"].as_object().unwrap() {
        assert!(
            left.as_array().unwrap().is_empty(),
            "`{account}` still has {left}"
        );
    }
    for account in ["management", "development", "production"] {
        assert_eq!(
            after["accounts"][account], "ACTIVE",
            "accounts stay without --close-accounts: {after}"
        );
    }
    // Nothing is left to destroy, and onboarding builds it all again.
    let again = context.run(&["destroy", "--confirm", "acme"]).success();
    assert!(
        again.stderr.contains("Nothing to destroy"),
        "{}",
        again.stderr
    );
    context.run(&["onboard", "--yes"]).success();
    assert!(
        leftovers(&moto)["left"]["production"]
            .as_array()
            .unwrap()
            .len()
            > 20
    );
}

#[test]
fn destroy_closes_the_member_accounts_only_when_asked() {
    let (context, moto) = TestContext::with_moto();
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml");
    context.run(&["onboard", "--yes"]).success();
    context
        .run(&["destroy", "--confirm", "acme", "--close-accounts"])
        .success();
    let after = leftovers(&moto);
    for account in ["management", "development", "production"] {
        assert_ne!(
            after["accounts"][account], "ACTIVE",
            "`{account}` was asked to close: {after}"
        );
    }
}

#[test]
fn vpn_shows_the_server_read_from_moto_and_asks_ssm_for_the_setup_key() {
    let (context, moto) = TestContext::with_moto();
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml");
    let before = context.run(&["vpn"]).code(2);
    assert!(
        before.stderr.contains("does not exist yet") && before.stderr.contains("sleak onboard"),
        "{}",
        before.stderr
    );
    context.run(&["onboard", "--yes"]).success();
    let shown = context.run(&["vpn", "--output", "json"]).success().json();
    let truth: Value = serde_json::from_str(&moto.python(
        r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
m = [a for a in org.list_accounts()['Accounts'] if a['Name'] == 'management'][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{m['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='check')['Credentials']
s = boto3.Session(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'], region_name='us-east-1')
ec2 = s.client('ec2', endpoint_url=endpoint)
i = [i for r in ec2.describe_instances(Filters=[{'Name': 'tag:sleak:id', 'Values': ['account/management/vpn/instance']}])['Reservations'] for i in r['Instances']][0]
a = ec2.describe_addresses(Filters=[{'Name': 'instance-id', 'Values': [i['InstanceId']]}])['Addresses'][0]
print(json.dumps({'instance': i['InstanceId'], 'ip': a['PublicIp'], 'account': m['Id']}))
"#,
    ))
    .expect("json");
    assert_eq!(shown["instance_id"], truth["instance"]);
    assert_eq!(shown["public_ip"], truth["ip"]);
    assert_eq!(
        shown["console"],
        format!("https://{}", truth["ip"].as_str().unwrap())
    );
    assert_eq!(shown["account"], truth["account"]);
    // moto runs no agent: the command is sent, and the empty answer is reported as such.
    let key = context.run(&["vpn", "--setup-key"]).code(1);
    assert!(
        key.stderr.contains("printed no setup key"),
        "{}",
        key.stderr
    );
    let sent = moto.python(
        r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
m = [a for a in org.list_accounts()['Accounts'] if a['Name'] == 'management'][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{m['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='check')['Credentials']
ssm = boto3.client('ssm', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
cmds = ssm.list_commands()['Commands']
print(json.dumps([(c['InstanceIds'], c['Parameters']['commands']) for c in cmds]))
"#,
    );
    assert!(
        sent.contains(truth["instance"].as_str().unwrap())
            && sent.contains("sudo pritunl setup-key"),
        "{sent}"
    );
}

/// A DNS server on loopback that answers `queries` NS queries with `servers`, then stops.
fn fake_dns(servers: Vec<String>, queries: usize) -> std::net::SocketAddr {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind a UDP port");
    socket
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    let address = socket.local_addr().expect("address");
    std::thread::spawn(move || {
        let mut buffer = [0u8; 512];
        for _ in 0..queries {
            let Ok((length, peer)) = socket.recv_from(&mut buffer) else {
                return;
            };
            let query = &buffer[..length];
            // Header: same id, response + recursion available, one question, N answers.
            let mut answer = vec![
                query[0],
                query[1],
                0x81,
                0x80,
                0,
                1,
                0,
                servers.len() as u8,
                0,
                0,
                0,
                0,
            ];
            answer.extend_from_slice(&query[12..]);
            for server in &servers {
                let mut name = Vec::new();
                for label in server.trim_end_matches('.').split('.') {
                    name.push(label.len() as u8);
                    name.extend_from_slice(label.as_bytes());
                }
                name.push(0);
                answer.extend_from_slice(&[
                    0xC0,
                    0x0C,
                    0,
                    2,
                    0,
                    1,
                    0,
                    0,
                    0x0E,
                    0x10,
                    0,
                    name.len() as u8,
                ]);
                answer.extend_from_slice(&name);
            }
            let _ = socket.send_to(&answer, peer);
        }
    });
    address
}

#[test]
fn doctor_checks_the_delegation_against_the_zone_name_servers() {
    let (context, moto) = TestContext::with_moto();
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml");
    let before = context
        .run(&["doctor", "--offline", "--output", "json"])
        .success()
        .json();
    let result_of = |report: &Value, check: &str| {
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["check"] == check)
            .map(|item| item["result"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        result_of(&before, "organization").as_deref(),
        Some("warn"),
        "{before}"
    );
    assert_eq!(result_of(&before, "delegation").as_deref(), Some("skip"));
    context.run(&["onboard", "--yes"]).success();
    let servers: Vec<String> = serde_json::from_str(&moto.python(
        r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
m = [a for a in org.list_accounts()['Accounts'] if a['Name'] == 'management'][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{m['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='check')['Credentials']
r53 = boto3.client('route53', endpoint_url=endpoint, aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
zone = [z for z in r53.list_hosted_zones()['HostedZones'] if z['Name'] == 'acme.dev.'][0]
print(json.dumps(r53.get_hosted_zone(Id=zone['Id'])['DelegationSet']['NameServers']))
"#,
    ))
    .expect("name servers");
    assert_eq!(servers.len(), 4);
    let delegated = fake_dns(
        servers.iter().map(|server| server.to_uppercase()).collect(),
        1,
    );
    let report = context
        .run(&[
            "doctor",
            "--resolver",
            &delegated.to_string(),
            "--output",
            "json",
        ])
        .success()
        .json();
    assert_eq!(
        result_of(&report, "delegation").as_deref(),
        Some("ok"),
        "{report}"
    );
    assert_eq!(
        result_of(&report, "resources").as_deref(),
        Some("ok"),
        "{report}"
    );
    assert_eq!(result_of(&report, "vpn").as_deref(), Some("ok"), "{report}");
    let elsewhere = fake_dns(
        vec![
            "ns1.registrar.example".to_owned(),
            "ns2.registrar.example".to_owned(),
        ],
        1,
    );
    let text = context
        .run(&["doctor", "--resolver", &elsewhere.to_string()])
        .success();
    assert!(
        text.stdout.contains("delegated to other name servers"),
        "{}",
        text.stdout
    );
    for server in &servers {
        assert!(
            text.stdout.contains(server.trim_end_matches('.')),
            "the advice names `{server}`: {}",
            text.stdout
        );
    }
}

/// Opens SSH to the world on the VPN's security group and deletes a public subnet, outside
/// sleak. (Not a persistence subnet: moto's ModifyDBSubnetGroup drops the group it
/// modifies, moto 5.2.1 rds/models.py `modify_db_subnet_group`, so that repair cannot be
/// checked against moto.)
const TAMPER: &str = r#"
org = boto3.client('organizations', endpoint_url=endpoint)
sts = boto3.client('sts', endpoint_url=endpoint)
m = [a for a in org.list_accounts()['Accounts'] if a['Name'] == 'management'][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{m['Id']}:role/OrganizationAccountAccessRole", RoleSessionName='tamper')['Credentials']
ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
sg = ec2.describe_security_groups(Filters=[{'Name': 'tag:sleak:id', 'Values': ['account/management/vpn/security-group']}])['SecurityGroups'][0]
ec2.authorize_security_group_ingress(GroupId=sg['GroupId'], IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
subnet = ec2.describe_subnets(Filters=[{'Name': 'tag:sleak:id', 'Values': ['account/management/subnet/public-b']}])['Subnets'][0]
ec2.delete_subnet(SubnetId=subnet['SubnetId'])
sg = ec2.describe_security_groups(GroupIds=[sg['GroupId']])['SecurityGroups'][0]
print(json.dumps(sorted((p.get('FromPort'), r['CidrIp']) for p in sg['IpPermissions'] for r in p['IpRanges'])))
"#;

#[test]
fn status_reports_changes_made_outside_sleak_and_onboard_repairs_them() {
    let (context, moto) = TestContext::with_moto();
    context.copy(crate_root().join("sleak.toml.example"), "sleak.toml");
    // The event stream: one JSON object per line on stdout.
    let run = context
        .run(&["onboard", "--yes", "--output", "json"])
        .success();
    let events: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    assert!(
        events.iter().any(|event| event["event"] == "finished"
            && event["id"] == "account/production/vpc"
            && event["cloud_id"]
                .as_str()
                .unwrap_or_default()
                .starts_with("vpc-")),
        "{}",
        run.stdout
    );
    assert!(events.iter().all(|event| event["elapsed_ms"].is_u64()));
    let tampered = moto.python(TAMPER);
    assert!(tampered.contains("[22, \"0.0.0.0/0\"]"), "{tampered}");
    let status = context
        .run(&["status", "--output", "json"])
        .success()
        .json();
    let state = |id: &str| {
        status["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|resource| resource["id"] == id)
            .map(|resource| resource["state"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        state("account/management/subnet/public-b").as_deref(),
        Some("missing"),
        "{status}"
    );
    assert_eq!(
        state("account/management/route-table/public/association/b").as_deref(),
        Some("missing"),
        "{status}"
    );
    assert_eq!(
        state("account/management/vpn/security-group").as_deref(),
        Some("changed"),
        "{status}"
    );
    assert_eq!(state("account/management/vpc").as_deref(), Some("ok"));
    let group = status["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|resource| resource["id"] == "account/management/vpn/security-group")
        .unwrap();
    assert!(
        group["changes"]
            .to_string()
            .contains("close tcp 22 from 0.0.0.0/0"),
        "{group}"
    );
    context.run(&["onboard", "--yes"]).success();
    let repaired = moto.python(
        &TAMPER
            .replace(
                "ec2.authorize_security_group_ingress",
                "0 and ec2.authorize_security_group_ingress",
            )
            .replace("ec2.delete_subnet(SubnetId=subnet['SubnetId'])", "None"),
    );
    assert!(
        !repaired.contains("[22,"),
        "SSH is closed again: {repaired}"
    );
    let after = context
        .run(&["status", "--output", "json"])
        .success()
        .json();
    // Onboarding repaired every onboarding resource; the clusters, repositories, zones and
    // namespaces of the example are `sleak apply`'s and stay missing.
    let onboarding = |resource: &&serde_json::Value| {
        let id = resource["id"].as_str().unwrap_or_default();
        !["cluster/", "environment/", "project/"]
            .iter()
            .any(|prefix| id.starts_with(prefix))
    };
    let resources = after["resources"].as_array().unwrap();
    assert!(
        resources
            .iter()
            .filter(onboarding)
            .all(|resource| resource["state"] == "ok"),
        "{after}"
    );
    assert!(
        resources
            .iter()
            .filter(|resource| !onboarding(resource))
            .all(|resource| resource["state"] == "missing"),
        "{after}"
    );
}

//! `sleak onboard` against moto, through a recording, fault-injecting proxy
//! (tests/support/aws_proxy.py): what it builds, that a second run changes nothing, that
//! it converges after being killed anywhere or under injected faults, and when it refuses.
//! Every check reads moto back with boto3; sleak's stdout is never trusted.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::proxy::{AwsProxy, ProxyRecord};
use common::{MotoGuard, Run, TestContext};
use serde_json::Value;

/// How long one sleak run may take against moto before the test gives up on it.
const RUN_LIMIT: Duration = Duration::from_secs(240);

// ── Reading moto back ───────────────────────────────────────────────────────

/// Python (run by `MotoGuard::python`, `endpoint` and `plan_path` set): reads the
/// organization, its accounts and, in every member account (through
/// OrganizationAccountAccessRole), every kind of resource onboarding makes; summarizes it
/// per account name and checks it against the onboarding contract. Prints one JSON
/// document: {organization, accounts, state, summary, duplicates, problems}.
const READ_BACK: &str = r#"
from botocore.config import Config
from botocore.exceptions import ClientError

config = Config(retries={"total_max_attempts": 3, "mode": "standard"})
organizations = boto3.client("organizations", endpoint_url=endpoint, config=config)
sts = boto3.client("sts", endpoint_url=endpoint, config=config)
caller = sts.get_caller_identity()["Account"]
plan = json.load(open(plan_path))


def tags(items):
    return {tag["Key"]: tag["Value"] for tag in (items or [])}


def pages(client, operation, key, **kwargs):
    out = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        out.extend(page.get(key, []))
    return out


out = {"caller": caller, "organization": None, "accounts": [], "state": {}}
try:
    org = organizations.describe_organization()["Organization"]
    out["organization"] = {
        "id": org["Id"],
        "feature_set": org.get("FeatureSet"),
        "master": org.get("MasterAccountId"),
    }
except ClientError as error:
    out["organization_error"] = error.response["Error"]["Code"]

if out["organization"]:
    for account in pages(organizations, "list_accounts", "Accounts"):
        try:
            account_tags = tags(organizations.list_tags_for_resource(ResourceId=account["Id"])["Tags"])
        except ClientError:
            account_tags = None
        out["accounts"].append({
            "id": account["Id"], "name": account["Name"], "email": account["Email"],
            "status": account.get("Status"), "tags": account_tags,
        })


def session_for(account_id):
    if account_id == caller:
        return boto3.Session(region_name="us-east-1")
    credentials = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole",
        RoleSessionName="sleak-test",
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        region_name="us-east-1",
    )


def read_account(session):
    def client(name):
        return session.client(name, endpoint_url=endpoint, config=config)

    ec2, rds, route53, iam = client("ec2"), client("rds"), client("route53"), client("iam")
    state = {}
    state["vpcs"] = [
        {"id": v["VpcId"], "cidr": v["CidrBlock"], "default": v.get("IsDefault", False), "tags": tags(v.get("Tags"))}
        for v in ec2.describe_vpcs()["Vpcs"]
    ]
    state["subnets"] = [
        {"id": s["SubnetId"], "vpc": s["VpcId"], "az": s["AvailabilityZone"], "cidr": s["CidrBlock"],
         "map_public_ip": s.get("MapPublicIpOnLaunch", False), "tags": tags(s.get("Tags"))}
        for s in ec2.describe_subnets()["Subnets"]
    ]
    state["internet_gateways"] = [
        {"id": g["InternetGatewayId"],
         "attachments": [a["VpcId"] for a in g.get("Attachments", []) if a.get("State") in ("available", "attached")],
         "tags": tags(g.get("Tags"))}
        for g in ec2.describe_internet_gateways()["InternetGateways"]
    ]
    state["nat_gateways"] = [
        {"id": n["NatGatewayId"], "vpc": n.get("VpcId"), "subnet": n.get("SubnetId"), "state": n.get("State"),
         "allocations": [a.get("AllocationId") for a in n.get("NatGatewayAddresses", [])],
         "tags": tags(n.get("Tags"))}
        for n in ec2.describe_nat_gateways()["NatGateways"]
    ]
    state["addresses"] = [
        {"id": a.get("AllocationId"), "public_ip": a.get("PublicIp"), "instance": a.get("InstanceId") or None,
         "network_interface": a.get("NetworkInterfaceId") or None, "tags": tags(a.get("Tags"))}
        for a in ec2.describe_addresses()["Addresses"]
    ]
    state["route_tables"] = [
        {"id": t["RouteTableId"], "vpc": t["VpcId"],
         "main": any(a.get("Main") for a in t.get("Associations", [])),
         "subnets": sorted(a["SubnetId"] for a in t.get("Associations", []) if a.get("SubnetId")),
         "routes": [
             {"destination": r.get("DestinationCidrBlock"), "gateway": r.get("GatewayId"),
              "nat_gateway": r.get("NatGatewayId"), "peering": r.get("VpcPeeringConnectionId")}
             for r in t.get("Routes", [])
         ],
         "tags": tags(t.get("Tags"))}
        for t in ec2.describe_route_tables()["RouteTables"]
    ]
    state["instances"] = [
        {"id": i["InstanceId"], "type": i["InstanceType"], "state": i["State"]["Name"],
         "subnet": i.get("SubnetId"), "vpc": i.get("VpcId"),
         "security_groups": [g["GroupId"] for g in i.get("SecurityGroups", [])],
         "profile": (i.get("IamInstanceProfile") or {}).get("Arn"), "tags": tags(i.get("Tags"))}
        for r in ec2.describe_instances()["Reservations"]
        for i in r["Instances"]
    ]
    state["security_groups"] = [
        {"id": g["GroupId"], "name": g["GroupName"], "vpc": g.get("VpcId"),
         "ingress": [
             {"protocol": {"6": "tcp", "17": "udp"}.get(p.get("IpProtocol"), p.get("IpProtocol")), "from": p.get("FromPort"), "to": p.get("ToPort"),
              "cidrs": sorted([r["CidrIp"] for r in p.get("IpRanges", [])]
                              + [r["CidrIpv6"] for r in p.get("Ipv6Ranges", [])])}
             for p in g.get("IpPermissions", [])
         ],
         "tags": tags(g.get("Tags"))}
        for g in ec2.describe_security_groups()["SecurityGroups"]
    ]
    state["peerings"] = [
        {"id": p["VpcPeeringConnectionId"], "status": p["Status"]["Code"],
         "requester_vpc": p["RequesterVpcInfo"].get("VpcId"), "requester_owner": p["RequesterVpcInfo"].get("OwnerId"),
         "accepter_vpc": p["AccepterVpcInfo"].get("VpcId"), "accepter_owner": p["AccepterVpcInfo"].get("OwnerId"),
         "tags": tags(p.get("Tags"))}
        for p in ec2.describe_vpc_peering_connections()["VpcPeeringConnections"]
    ]
    groups = []
    for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]:
        try:
            group_tags = tags(rds.list_tags_for_resource(ResourceName=g["DBSubnetGroupArn"])["TagList"])
        except (ClientError, KeyError):
            group_tags = None
        groups.append({"id": g["DBSubnetGroupName"], "vpc": g.get("VpcId"),
                       "subnets": sorted(s["SubnetIdentifier"] for s in g.get("Subnets", [])), "tags": group_tags})
    state["db_subnet_groups"] = groups
    zones = []
    for z in route53.list_hosted_zones()["HostedZones"]:
        zone_id = z["Id"].split("/")[-1]
        detail = route53.get_hosted_zone(Id=zone_id)
        try:
            zone_tags = tags(route53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id)["ResourceTagSet"]["Tags"])
        except ClientError:
            zone_tags = None
        zones.append({"id": zone_id, "name": z["Name"], "private": z.get("Config", {}).get("PrivateZone", False),
                      "name_servers": (detail.get("DelegationSet") or {}).get("NameServers", []), "tags": zone_tags})
    state["hosted_zones"] = zones
    roles = []
    for r in iam.list_roles()["Roles"]:
        try:
            role_tags = tags(iam.list_role_tags(RoleName=r["RoleName"])["Tags"])
        except ClientError:
            role_tags = None
        roles.append({"id": r["RoleName"], "arn": r["Arn"], "tags": role_tags})
    state["roles"] = roles
    profiles = []
    for p in iam.list_instance_profiles()["InstanceProfiles"]:
        try:
            profile_tags = tags(iam.list_instance_profile_tags(InstanceProfileName=p["InstanceProfileName"])["Tags"])
        except Exception:
            profile_tags = tags(p["Tags"]) if "Tags" in p else None
        profiles.append({"id": p["InstanceProfileName"], "arn": p["Arn"],
                         "roles": [r["RoleName"] for r in p.get("Roles", [])], "tags": profile_tags})
    state["instance_profiles"] = profiles
    return state


names = {}
for account in out["accounts"]:
    if account["id"] == caller:
        continue
    out["state"][account["id"]] = read_account(session_for(account["id"]))
    names[account["id"]] = account["name"]

# ── Summary: what a rerun or a faulty run must reproduce exactly ──
DEAD = ("deleted", "deleting", "failed", "terminated", "shutting-down", "rejected", "expired")
KINDS = {
    "vpcs": "ec2:vpc", "subnets": "ec2:subnet", "internet_gateways": "ec2:internet-gateway",
    "nat_gateways": "ec2:nat-gateway", "addresses": "ec2:elastic-ip", "route_tables": "ec2:route-table",
    "instances": "ec2:instance", "security_groups": "ec2:security-group", "peerings": "ec2:vpc-peering-connection",
    "db_subnet_groups": "rds:db-subnet-group", "hosted_zones": "route53:hosted-zone", "roles": "iam:role",
    "instance_profiles": "iam:instance-profile",
}
summary, holders = {}, {}
live = lambda item: item.get("state") not in DEAD and item.get("status") not in DEAD
for account in out["accounts"]:
    if account["id"] == caller:
        continue
    entry = summary.setdefault(account["name"], {"accounts": 0, "sleak_ids": []})
    entry["accounts"] += 1
    if (account["tags"] or {}).get("sleak:id"):
        holders.setdefault(account["tags"]["sleak:id"], set()).add("account " + account["id"])
for account_id, state in out["state"].items():
    entry = summary[names[account_id]]
    default_vpcs = {v["id"] for v in state["vpcs"] if v["default"]}

    def count(key, keep=lambda item: True):
        entry[key] = entry.get(key, 0) + sum(1 for item in state[key] if keep(item))

    count("vpcs", lambda v: not v["default"])
    count("subnets", lambda s: s["vpc"] not in default_vpcs)
    count("internet_gateways", lambda g: not set(g["attachments"]) & default_vpcs)
    count("nat_gateways", live)
    count("addresses")
    count("route_tables", lambda t: t["vpc"] not in default_vpcs)
    count("instances", live)
    count("security_groups", lambda g: g["name"] != "default")
    count("db_subnet_groups", lambda g: g["id"] != "default")
    count("hosted_zones")
    count("roles", lambda r: r["id"] != "OrganizationAccountAccessRole")
    count("instance_profiles")
    entry["peerings_active"] = entry.get("peerings_active", 0) + sum(1 for p in state["peerings"] if p["status"] == "active")
    entry["peerings_live"] = entry.get("peerings_live", 0) + sum(1 for p in state["peerings"] if live(p))
    for key, kind in KINDS.items():
        for item in state[key]:
            if key in ("instances", "nat_gateways", "peerings") and not live(item):
                continue
            sleak_id = (item["tags"] or {}).get("sleak:id")
            if sleak_id:
                entry["sleak_ids"].append(sleak_id)
                holders.setdefault(sleak_id, set()).add(f"{kind} {item['id']}")
for entry in summary.values():
    entry["sleak_ids"] = sorted(set(entry["sleak_ids"]))
out["summary"] = summary
out["duplicates"] = {key: sorted(value) for key, value in sorted(holders.items()) if len(value) > 1}

# ── The onboarding contract ──
problems = []
workspace = plan["workspace"]
resources = {r["id"]: r for r in plan["resources"]}
onboarding = {i: r for i, r in resources.items() if i == "organization" or i.startswith(("account/", "peering/"))}


def problem(text):
    problems.append(text)


def tagged(item, sleak_id):
    return (item["tags"] or {}).get("sleak:id") == sleak_id


org = out["organization"]
if not org:
    problem(f"no organization: {out.get('organization_error')}")
else:
    if org["feature_set"] != "ALL":
        problem(f"organization feature set {org['feature_set']}, expected ALL")
    if org["master"] != caller:
        problem(f"organization managed by {org['master']}, expected the caller {caller}")

account_names = [r["name"] for r in plan["resources"] if r["kind"] == "organizations:account"]
by_name = {}
for name in account_names:
    found = [a for a in out["accounts"] if a["name"] == name]
    email = resources[f"account/{name}"]["properties"]["email"]
    if len(found) != 1:
        problem(f"{len(found)} accounts named {name}, expected 1: {found}")
        continue
    account = found[0]
    by_name[name] = account
    if account["email"] != email:
        problem(f"account {name} has email {account['email']}, expected {email}")
    if account["status"] != "ACTIVE":
        problem(f"account {name} is {account['status']}")

for name, account in by_name.items():
    state = out["state"][account["id"]]
    where = f"account {name} ({account['id']})"
    vpcs = [v for v in state["vpcs"] if (v["tags"].get("sleak:workspace") == workspace)]
    expected_cidr = resources[f"account/{name}/vpc"]["properties"]["cidr"]
    if len(vpcs) != 1:
        problem(f"{where}: {len(vpcs)} VPCs tagged sleak:workspace={workspace}, expected 1: {vpcs}")
        continue
    vpc = vpcs[0]
    if not tagged(vpc, f"account/{name}/vpc"):
        problem(f"{where}: the VPC is tagged sleak:id={vpc['tags'].get('sleak:id')}")
    if vpc["cidr"] != expected_cidr:
        problem(f"{where}: VPC CIDR {vpc['cidr']}, expected {expected_cidr}")
    subnets = {s["tags"].get("sleak:id"): s for s in state["subnets"] if s["vpc"] == vpc["id"]}
    planned_subnets = {i: r for i, r in resources.items() if i.startswith(f"account/{name}/subnet/")}
    if set(subnets) != set(planned_subnets):
        problem(f"{where}: subnets tagged {sorted(map(str, subnets))}, expected {sorted(planned_subnets)}")
    zones_planned = {r["properties"].get("availability_zone") for r in planned_subnets.values()}
    zones = {s["az"] for s in subnets.values()}
    if len(zones) != len(zones_planned) or len(zones) < 2:
        problem(f"{where}: subnets in zones {sorted(zones)}, expected {len(zones_planned)} zones")
    for sleak_id, subnet in subnets.items():
        planned = planned_subnets.get(sleak_id)
        if planned and planned["properties"].get("cidr") not in (None, subnet["cidr"]):
            problem(f"{where}: subnet {sleak_id} has CIDR {subnet['cidr']}, expected {planned['properties']['cidr']}")
        tier = (sleak_id or "").rsplit("/", 1)[-1].split("-")[0]
        role = {"public": "kubernetes.io/role/elb", "private": "kubernetes.io/role/internal-elb"}.get(tier)
        if role and subnet["tags"].get(role) != "1":
            problem(f"{where}: subnet {sleak_id} lacks the tag {role}=1: {subnet['tags']}")
    public_subnets = {s["id"] for i, s in subnets.items() if i and "/subnet/public-" in i}
    gateways = [g for g in state["internet_gateways"] if vpc["id"] in g["attachments"]]
    if len(gateways) != 1:
        problem(f"{where}: {len(gateways)} internet gateways attached to the VPC, expected 1")
    gateway = gateways[0]["id"] if gateways else None
    nats = [n for n in state["nat_gateways"] if n["vpc"] == vpc["id"] and live(n)]
    planned_nats = [i for i in resources if i.startswith(f"account/{name}/nat-gateway/")]
    if len(nats) != len(planned_nats):
        problem(f"{where}: {len(nats)} NAT gateways, expected {len(planned_nats)}: {nats}")
    allocations = {a["id"] for a in state["addresses"]}
    subnet_zone = {s["id"]: s["az"] for s in state["subnets"]}
    for nat in nats:
        if nat["subnet"] not in public_subnets:
            problem(f"{where}: NAT gateway {nat['id']} is in {nat['subnet']}, not a public subnet")
        if not nat["allocations"] or not set(nat["allocations"]) <= allocations:
            problem(f"{where}: NAT gateway {nat['id']} has no Elastic IP of the account: {nat['allocations']}")
    nat_zone = {n["id"]: subnet_zone.get(n["subnet"]) for n in nats}
    tables = {t["tags"].get("sleak:id"): t for t in state["route_tables"] if t["vpc"] == vpc["id"] and t["tags"].get("sleak:id")}
    public_table = tables.get(f"account/{name}/route-table/public")
    if not public_table:
        problem(f"{where}: no route table tagged account/{name}/route-table/public")
    else:
        if not any(r["destination"] == "0.0.0.0/0" and r["gateway"] == gateway for r in public_table["routes"]):
            problem(f"{where}: the public route table has no 0.0.0.0/0 → {gateway}: {public_table['routes']}")
        if set(public_table["subnets"]) != public_subnets:
            problem(f"{where}: the public route table is associated with {public_table['subnets']}, expected {sorted(public_subnets)}")
    for table_id in [i for i in resources if i.startswith(f"account/{name}/route-table/private-") and i.count("/") == 3]:
        table = tables.get(table_id)
        if not table:
            problem(f"{where}: no route table tagged {table_id}")
            continue
        defaults = [r for r in table["routes"] if r["destination"] == "0.0.0.0/0"]
        if len(defaults) != 1 or defaults[0]["nat_gateway"] not in nat_zone:
            problem(f"{where}: {table_id} has no 0.0.0.0/0 → a NAT gateway: {table['routes']}")
        letter = table_id.rsplit("-", 1)[-1]
        expected = {subnets[i]["id"] for i in (f"account/{name}/subnet/private-{letter}", f"account/{name}/subnet/persistence-{letter}") if i in subnets}
        if set(table["subnets"]) != expected:
            problem(f"{where}: {table_id} is associated with {table['subnets']}, expected {sorted(expected)}")
        if len(planned_nats) > 1 and defaults and defaults[0]["nat_gateway"] in nat_zone:
            zones_served = {subnet_zone.get(s) for s in table["subnets"]}
            if zones_served and {nat_zone[defaults[0]["nat_gateway"]]} != zones_served:
                problem(f"{where}: {table_id} (zones {zones_served}) routes through the NAT gateway of {nat_zone[defaults[0]['nat_gateway']]}")
    group_name = f"{workspace}-{name}"
    groups = [g for g in state["db_subnet_groups"] if g["id"] == group_name]
    persistence = {s["id"] for i, s in subnets.items() if i and "/subnet/persistence-" in i}
    if len(groups) != 1:
        problem(f"{where}: no DB subnet group {group_name}: {[g['id'] for g in state['db_subnet_groups']]}")
    elif set(groups[0]["subnets"]) != persistence:
        problem(f"{where}: DB subnet group {group_name} has subnets {groups[0]['subnets']}, expected {sorted(persistence)}")
    account["vpc"] = vpc["id"]
    account["cidr"] = vpc["cidr"]
    account["tables"] = [t for t in tables.values()]

# Peering: management with every other account, active, routed both ways.
hub = by_name.get("management")
for name, account in by_name.items():
    if name == "management" or not hub or "vpc" not in hub or "vpc" not in account:
        continue
    where = f"peering management-{name}"
    hub_state = out["state"][hub["id"]]
    links = [p for p in hub_state["peerings"]
             if {p["requester_vpc"], p["accepter_vpc"]} == {hub["vpc"], account["vpc"]} and p["status"] == "active"]
    if len(links) != 1:
        seen = [(p["id"], p["status"], p["requester_vpc"], p["accepter_vpc"]) for p in hub_state["peerings"]]
        problem(f"{where}: {len(links)} active peering connections between {hub['vpc']} and {account['vpc']}, expected 1 (management sees {seen})")
        continue
    link = links[0]["id"]
    for side, peer in ((hub, account), (account, hub)):
        for table in side["tables"]:
            if not any(r["destination"] == peer["cidr"] and r["peering"] == link for r in table["routes"]):
                problem(f"{where}: route table {table['tags'].get('sleak:id')} has no route {peer['cidr']} → {link}: {table['routes']}")

# The VPN in management.
if hub and "vpc" in hub:
    state = out["state"][hub["id"]]
    vpn = resources.get("account/management/vpn/instance")
    instances = [i for i in state["instances"] if tagged(i, "account/management/vpn/instance") and live(i)]
    if len(instances) != 1:
        problem(f"management: {len(instances)} live VPN instances, expected 1: {state['instances']}")
    else:
        instance = instances[0]
        public_subnets = {s["id"] for s in state["subnets"] if "/subnet/public-" in s["tags"].get("sleak:id", "") and s["vpc"] == hub["vpc"]}
        expected_type = (vpn or {}).get("properties", {}).get("instance_type", "t3.medium")
        if instance["type"] != expected_type:
            problem(f"management: the VPN instance is a {instance['type']}, expected {expected_type}")
        if instance["subnet"] not in public_subnets:
            problem(f"management: the VPN instance is in {instance['subnet']}, not a public subnet")
        if not any(a["instance"] == instance["id"] for a in state["addresses"]):
            problem(f"management: no Elastic IP is associated with the VPN instance: {state['addresses']}")
        profiles = {p["arn"] for p in state["instance_profiles"]}
        if not instance["profile"] or instance["profile"] not in profiles:
            problem(f"management: the VPN instance has instance profile {instance['profile']}, known: {sorted(profiles)}")
        groups = [g for g in state["security_groups"] if g["id"] in instance["security_groups"]]
        rules = [r for g in groups for r in g["ingress"]]
        covers = lambda r, port: r["protocol"] == "-1" or (r["from"] is not None and r["from"] <= port <= r["to"])
        vpn_port = 1194
        if not any(r["protocol"] == "udp" and covers(r, vpn_port) and "0.0.0.0/0" in r["cidrs"] for r in rules):
            problem(f"management: the VPN's security groups do not open udp {vpn_port} to 0.0.0.0/0: {rules}")
        console = sorted({c for r in rules if r["protocol"] in ("tcp", "-1") and covers(r, 443) for c in r["cidrs"]})
        if console != ["203.0.113.7/32"]:
            problem(f"management: tcp 443 is open to {console}, expected only 203.0.113.7/32")
        ssh = [r for r in rules if r["protocol"] in ("tcp", "-1") and covers(r, 22) and r["cidrs"]]
        if ssh:
            problem(f"management: port 22 is open: {ssh}")
        world = [r for r in rules if ("0.0.0.0/0" in r["cidrs"] or "::/0" in r["cidrs"]) and not (r["protocol"] == "udp" and r["from"] == r["to"] == vpn_port)]
        if world:
            problem(f"management: more than the VPN port is open to the world: {world}")
    domain = resources.get("account/management/hosted-zone", {}).get("name", "acme.dev").rstrip(".") + "."
    zones = [z for z in state["hosted_zones"] if z["name"] == domain and not z["private"]]
    if len(zones) != 1:
        problem(f"management: {len(zones)} public hosted zones {domain}, expected 1: {state['hosted_zones']}")
    elif len(zones[0]["name_servers"]) != 4:
        problem(f"management: the zone {domain} has name servers {zones[0]['name_servers']}, expected 4")
    for name, account in by_name.items():
        if name != "management" and any(z["name"] == domain for z in out["state"][account["id"]]["hosted_zones"]):
            problem(f"account {name} also holds a hosted zone {domain}")

# Tags: every taggable resource of the onboarding plan exists once, tagged, in its account.
found = {}
for account in out["accounts"]:
    if account["tags"] and account["tags"].get("sleak:id"):
        found.setdefault(account["tags"]["sleak:id"], {})[account["id"]] = ("root", account["tags"])
for account_id, state in out["state"].items():
    for key in KINDS:
        for item in state[key]:
            if key in ("instances", "nat_gateways", "peerings") and not live(item):
                continue
            item_tags = item["tags"] or {}
            if "sleak:id" in item_tags:
                found.setdefault(item_tags["sleak:id"], {})[f"{KINDS[key]} {item['id']}"] = (names[account_id], item_tags)
            elif item_tags.get("sleak:workspace"):
                problem(f"{KINDS[key]} {item['id']} in {names[account_id]} has sleak:workspace but no sleak:id")
unreadable = {KINDS[key] for state in out["state"].values() for key in KINDS for item in state[key] if item["tags"] is None}
for sleak_id, resource in sorted(onboarding.items()):
    kind = resource["kind"]
    if kind not in KINDS.values() and kind != "organizations:account":
        continue
    if kind in unreadable:
        continue
    holders_of = found.get(sleak_id, {})
    if len(holders_of) != 1:
        problem(f"{sleak_id} ({kind}): {len(holders_of)} resources carry this sleak:id, expected 1: {sorted(holders_of)}")
        continue
    (holder, (scope, item_tags)), = holders_of.items()
    if item_tags.get("sleak:workspace") != workspace:
        problem(f"{sleak_id}: {holder} is tagged sleak:workspace={item_tags.get('sleak:workspace')}")
    if resource.get("scope") not in (None, "root") and kind != "ec2:vpc-peering-connection" and scope != resource["scope"]:
        problem(f"{sleak_id}: {holder} is in account {scope}, expected {resource['scope']}")
for sleak_id, holders_of in sorted(found.items()):
    if sleak_id not in onboarding:
        problem(f"sleak:id={sleak_id} ({sorted(holders_of)}) is not an onboarding resource of the plan")
out["problems"] = problems
out["unreadable_tags"] = sorted(unreadable)
print(json.dumps(out))
"#;

/// What moto holds after a run, read back by [`READ_BACK`].
struct ReadBack(Value);

impl ReadBack {
    fn take(moto: &MotoGuard, plan: &Path) -> Self {
        let code = format!("plan_path = {:?}\n{READ_BACK}", plan.display().to_string());
        let text = moto.python(&code);
        Self(serde_json::from_str(&text).expect("the read-back prints JSON"))
    }

    /// Everything that must be equal between two converged runs: per account name, the
    /// count of each kind of resource and the set of sleak:id tags.
    fn summary(&self) -> &Value {
        &self.0["summary"]
    }

    /// sleak:id values carried by more than one resource.
    fn duplicates(&self) -> BTreeMap<String, Value> {
        self.0["duplicates"]
            .as_object()
            .map(|map| map.clone().into_iter().collect())
            .unwrap_or_default()
    }

    /// Where moto's state breaks the onboarding contract.
    fn problems(&self) -> Vec<String> {
        self.0["problems"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|p| p.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where this summary holds more of a kind than `clean`'s (a copy too many: what no
    /// run may leave, even one that failed), one line each.
    fn excess(&self, clean: &ReadBack) -> Vec<String> {
        let mut out = Vec::new();
        let (ours, theirs) = (self.summary(), clean.summary());
        for (name, kinds) in ours.as_object().into_iter().flatten() {
            for (key, count) in kinds.as_object().into_iter().flatten() {
                let (Some(count), clean_count) = (count.as_u64(), theirs[name][key].as_u64())
                else {
                    continue;
                };
                if clean_count.is_none_or(|clean_count| count > clean_count) {
                    out.push(format!(
                        "{name}: {key} = {count} (clean run: {})",
                        theirs[name][key]
                    ));
                }
            }
        }
        out
    }

    /// The differences between this summary and `clean`'s, one line each.
    fn differences(&self, clean: &ReadBack) -> Vec<String> {
        let mut out = Vec::new();
        let (ours, theirs) = (self.summary(), clean.summary());
        let names: std::collections::BTreeSet<&String> = ours
            .as_object()
            .into_iter()
            .chain(theirs.as_object())
            .flat_map(|map| map.keys())
            .collect();
        for name in names {
            let (a, b) = (&ours[name.as_str()], &theirs[name.as_str()]);
            let keys: std::collections::BTreeSet<&String> = a
                .as_object()
                .into_iter()
                .chain(b.as_object())
                .flat_map(|map| map.keys())
                .collect();
            for key in keys {
                if a[key.as_str()] != b[key.as_str()] {
                    if key == "sleak_ids" {
                        let set = |v: &Value| -> std::collections::BTreeSet<String> {
                            v.as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|s| s.as_str().map(str::to_owned))
                                .collect()
                        };
                        let (x, y) = (set(&a[key.as_str()]), set(&b[key.as_str()]));
                        out.push(format!(
                            "{name}: sleak ids missing {:?}, extra {:?}",
                            y.difference(&x).collect::<Vec<_>>(),
                            x.difference(&y).collect::<Vec<_>>()
                        ));
                    } else {
                        out.push(format!(
                            "{name}: {key} = {} (clean run: {})",
                            a[key.as_str()],
                            b[key.as_str()]
                        ));
                    }
                }
            }
        }
        out
    }
}

// ── Running sleak ───────────────────────────────────────────────────────────

/// A sleak child whose output is collected in the background.
struct Running {
    child: Child,
    stdout: JoinHandle<Vec<u8>>,
    stderr: JoinHandle<Vec<u8>>,
}

impl Running {
    fn spawn(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sleak starts");
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
        let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
        Self {
            child,
            stdout,
            stderr,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` (then kills it and fails the test).
    fn finish(mut self, limit: Duration) -> (ExitStatus, Run) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for sleak") {
                break status;
            }
            if started.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let stderr =
                    String::from_utf8_lossy(&self.stderr.join().unwrap_or_default()).into_owned();
                panic!("sleak ran longer than {limit:?}; stderr:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&self.stdout.join().unwrap_or_default()).into_owned(),
            stderr: String::from_utf8_lossy(&self.stderr.join().unwrap_or_default()).into_owned(),
        };
        (status, run)
    }
}

/// A test context holding a copy of sleak.toml.example, and the offline plan of it.
struct Onboarding {
    context: TestContext,
    moto: MotoGuard,
    plan: PathBuf,
}

impl Onboarding {
    fn new() -> Self {
        let (context, moto) = TestContext::with_moto();
        context.copy(
            common::crate_root().join("sleak.toml.example"),
            "sleak.toml",
        );
        // The plan needs no AWS; `--offline` makes sure of it where it exists.
        let mut run = context.run(&["plan", "--offline", "--output", "json", "-C", dir(&context)]);
        if run.code == 2 && run.stderr.contains("--offline") {
            run = context.run(&["plan", "--output", "json", "-C", dir(&context)]);
        }
        let run = run.success();
        let plan = context.root.path().join("plan.json");
        std::fs::write(&plan, &run.stdout).expect("write the plan");
        Self {
            context,
            moto,
            plan,
        }
    }

    /// `sleak <args> -C <workspace>` talking to `endpoint` (moto or a proxy).
    fn command(&self, endpoint: &str, args: &[&str]) -> Command {
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", endpoint)
            .args(args)
            .args(["-C", dir(&self.context)]);
        command
    }

    fn run(&self, endpoint: &str, args: &[&str]) -> Run {
        Running::spawn(&mut self.command(endpoint, args))
            .finish(RUN_LIMIT)
            .1
    }

    fn onboard(&self, endpoint: &str) -> Run {
        self.run(endpoint, &["onboard", "--yes"])
    }

    /// `sleak onboard --yes` through `proxy` until a run succeeds, at most `most` runs;
    /// `after_each(number, run)` sees each run as it ends. Returns the runs.
    fn until_success(
        &self,
        proxy: &AwsProxy,
        most: usize,
        mut after_each: impl FnMut(usize, &Run),
    ) -> Vec<Run> {
        let mut runs = Vec::new();
        for number in 1..=most {
            let run = self.onboard(&proxy.url);
            after_each(number, &run);
            let done = run.code == 0;
            runs.push(run);
            if done {
                break;
            }
        }
        runs
    }

    /// After runs that finally succeeded: moto holds exactly `clean`'s summary, no
    /// duplicate and no broken contract, and a run without faults changes nothing.
    fn assert_converged(&self, proxy: &AwsProxy, clean: &ReadBack) {
        let state = self.read_back();
        assert_eq!(state.differences(clean), Vec::<String>::new());
        assert!(
            state.duplicates().is_empty(),
            "duplicates: {:?}",
            state.duplicates()
        );
        assert_eq!(state.problems(), Vec::<String>::new());
        proxy.reset();
        let rerun = self.onboard(&proxy.url);
        assert_eq!(rerun.code, 0, "{}", rerun.stderr);
        assert_eq!(calls(&proxy.mutating_calls()), "");
    }

    fn read_back(&self) -> ReadBack {
        ReadBack::take(&self.moto, &self.plan)
    }

    /// A clean onboarding from empty moto, through `proxy`: its read-back and how many
    /// requests it made.
    fn clean_run(&self, proxy: &AwsProxy) -> (ReadBack, Vec<ProxyRecord>) {
        proxy.reset_moto();
        proxy.reset();
        let run = self.onboard(&proxy.url);
        assert_eq!(
            run.code, 0,
            "a clean onboarding failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        let log = proxy.log();
        (self.read_back(), log)
    }
}

fn dir(context: &TestContext) -> &str {
    context.work.to_str().expect("a UTF-8 temporary path")
}

fn calls(records: &[ProxyRecord]) -> String {
    records
        .iter()
        .map(|record| {
            format!(
                "#{} {} {}{}",
                record.seq,
                record.label(),
                record.status.map_or("-".to_owned(), |s| s.to_string()),
                if record.fault { " (fault)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ── The proxy itself ────────────────────────────────────────────────────────

/// Python with boto3 pointed at the proxy (`endpoint` rebound) instead of moto.
fn through(proxy: &AwsProxy, moto: &MotoGuard, code: &str) -> String {
    moto.python(&format!(
        "from botocore.config import Config\nfrom botocore.exceptions import ClientError\nendpoint = {:?}\n{code}",
        proxy.url
    ))
}

#[test]
fn proxy_forwards_and_records_reads_and_writes_of_every_protocol() {
    let (_context, moto) = TestContext::with_moto();
    let proxy = AwsProxy::start(moto.url());
    let out = through(
        &proxy,
        &moto,
        r#"
ec2 = boto3.client('ec2', endpoint_url=endpoint)
ec2.describe_vpcs()
vpc = ec2.create_vpc(CidrBlock='10.9.0.0/16')['Vpc']['VpcId']
boto3.client('sts', endpoint_url=endpoint).get_caller_identity()
organizations = boto3.client('organizations', endpoint_url=endpoint)
try:
    organizations.describe_organization()
    status = 200
except ClientError as error:
    status = error.response['ResponseMetadata']['HTTPStatusCode']
organizations.create_organization(FeatureSet='ALL')
route53 = boto3.client('route53', endpoint_url=endpoint)
route53.create_hosted_zone(Name='example.test', CallerReference='one')
route53.list_hosted_zones()
iam = boto3.client('iam', endpoint_url=endpoint)
iam.list_roles()
print(json.dumps({'vpc': vpc, 'status': status}))
"#,
    );
    let out: Value = serde_json::from_str(&out).expect("JSON");
    let log = proxy.log();
    let seen: Vec<(String, String, bool)> = log
        .iter()
        .map(|r| (r.service.clone(), r.action.clone(), r.mutating))
        .collect();
    let expected = [
        ("ec2", "DescribeVpcs", false),
        ("ec2", "CreateVpc", true),
        ("sts", "GetCallerIdentity", false),
        ("organizations", "DescribeOrganization", false),
        ("organizations", "CreateOrganization", true),
        ("route53", "POST /2013-04-01/hostedzone", true),
        ("route53", "GET /2013-04-01/hostedzone", false),
        ("iam", "ListRoles", false),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(s, a, m)| (s.to_string(), a.to_string(), *m))
        .collect();
    assert_eq!(seen, expected, "{}", calls(&log));
    assert_eq!(
        log.iter().map(|r| r.seq).collect::<Vec<_>>(),
        (1..=expected.len()).collect::<Vec<_>>()
    );
    assert!(log.iter().all(|r| !r.fault && r.killed.is_none()));
    // Moto's own answers come back unchanged, errors included.
    assert_eq!(log[3].status, Some(out["status"].as_u64().unwrap() as u16));
    assert_ne!(log[3].status, Some(200));
    assert!(
        log.iter()
            .filter(|r| r.seq != 4)
            .all(|r| r.status.is_some_and(|status| (200..300).contains(&status))),
        "{}",
        calls(&log)
    );
    // The write reached moto.
    let direct = moto.python(&format!(
        "print(len(boto3.client('ec2', endpoint_url=endpoint).describe_vpcs(VpcIds=[{:?}])['Vpcs']))",
        out["vpc"].as_str().unwrap()
    ));
    assert_eq!(direct, "1");
    assert_eq!(
        proxy
            .mutating_calls()
            .iter()
            .map(|r| r.action.as_str())
            .collect::<Vec<_>>(),
        [
            "CreateVpc",
            "CreateOrganization",
            "POST /2013-04-01/hostedzone"
        ]
    );
    proxy.reset();
    assert!(proxy.log().is_empty());
}

#[test]
fn proxy_with_fault_rate_one_answers_everything_itself_and_the_sdk_gives_up() {
    let (_context, moto) = TestContext::with_moto();
    let proxy = AwsProxy::start(moto.url());
    proxy.set_fault_rate(1.0, 7);
    let out = through(
        &proxy,
        &moto,
        r#"
config = Config(retries={'total_max_attempts': 3, 'mode': 'standard'})
result = {}
for service, call in [
    ('ec2', lambda c: c.create_vpc(CidrBlock='10.9.0.0/16')),
    ('organizations', lambda c: c.describe_organization()),
    ('iam', lambda c: c.list_roles()),
    ('route53', lambda c: c.list_hosted_zones()),
]:
    client = boto3.client(service, endpoint_url=endpoint, config=config)
    try:
        call(client)
        result[service] = 'succeeded'
    except ClientError as error:
        result[service] = [error.response['Error']['Code'], error.response['ResponseMetadata'].get('RetryAttempts')]
print(json.dumps(result))
"#,
    );
    let out: Value = serde_json::from_str(&out).expect("JSON");
    let retryable = [
        "InternalError",
        "InternalFailure",
        "Throttling",
        "ThrottlingException",
        "RequestLimitExceeded",
    ];
    for service in ["ec2", "organizations", "iam", "route53"] {
        let code = out[service][0].as_str().unwrap_or_default();
        assert!(retryable.contains(&code), "{service}: {}", out[service]);
        assert_eq!(out[service][1], 2, "boto3 retried {service} twice: {out}");
    }
    let log = proxy.log();
    assert_eq!(log.len(), 12, "{}", calls(&log));
    assert!(log.iter().all(|r| r.fault), "{}", calls(&log));
    // Internal errors and throttling in turn.
    let statuses: Vec<Option<u16>> = log.iter().map(|r| r.status).collect();
    assert_eq!(statuses[0], Some(500));
    assert_eq!(statuses[1], Some(503), "EC2 throttles with 503");
    assert_eq!(statuses[4], Some(500));
    assert_eq!(statuses[5], Some(400), "JSON throttling is a 400");
    // Nothing was forwarded: moto has no VPC 10.9.0.0/16.
    let direct = moto.python(
        "print(len(boto3.client('ec2', endpoint_url=endpoint).describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.9.0.0/16']}])['Vpcs']))",
    );
    assert_eq!(direct, "0");
    // The same seed gives the same faults; rate 0 gives none.
    proxy.reset();
    proxy.set_fault_rate(0.5, 42);
    let pattern = |proxy: &AwsProxy| {
        through(
            proxy,
            &moto,
            "c = boto3.client('sts', endpoint_url=endpoint, config=Config(retries={'total_max_attempts': 1}))\nfor _ in range(20):\n    try: c.get_caller_identity()\n    except ClientError: pass",
        );
        proxy.log().iter().map(|r| r.fault).collect::<Vec<_>>()
    };
    let first = pattern(&proxy);
    proxy.reset();
    proxy.set_fault_rate(0.5, 42);
    assert_eq!(pattern(&proxy), first);
    assert!(first.contains(&true) && first.contains(&false), "{first:?}");
    proxy.reset();
    assert!(pattern(&proxy).iter().all(|fault| !fault));
}

#[test]
fn proxy_loses_answers_of_applied_requests_and_keeps_what_aws_guarantees() {
    let (_context, moto) = TestContext::with_moto();
    let proxy = AwsProxy::start(moto.url());
    proxy.set_lose_rate(1.0, 3, "500");
    let out = through(
        &proxy,
        &moto,
        r#"
once = Config(retries={'total_max_attempts': 1})
ec2 = boto3.client('ec2', endpoint_url=endpoint, config=once)
result = {}
try:
    ec2.create_vpc(CidrBlock='10.9.0.0/16')
    result['create'] = 'answered'
except ClientError as error:
    result['create'] = error.response['ResponseMetadata']['HTTPStatusCode']
# Reads are never lost.
result['vpcs'] = len(ec2.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.9.0.0/16']}])['Vpcs'])
print(json.dumps(result))
"#,
    );
    let out: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(out["create"], 500, "{out}");
    assert_eq!(
        out["vpcs"], 1,
        "the create whose answer was lost was applied: {out}"
    );
    let log = proxy.log();
    assert_eq!(log[0].lost.as_deref(), Some("500"), "{}", calls(&log));
    assert_eq!(log[0].answered_by.as_deref(), Some("moto"));
    assert!(log[1].lost.is_none());

    // A dropped connection: the client gets no answer at all, and moto applied it.
    proxy.reset();
    proxy.set_lose_rate(1.0, 3, "close");
    let out = through(
        &proxy,
        &moto,
        r#"
from botocore.exceptions import ConnectionClosedError, EndpointConnectionError
ec2 = boto3.client('ec2', endpoint_url=endpoint, config=Config(retries={'total_max_attempts': 1}))
try:
    ec2.create_vpc(CidrBlock='10.8.0.0/16')
    result = 'answered'
except (ConnectionClosedError, EndpointConnectionError) as error:
    result = 'closed'
print(json.dumps([result, len(ec2.describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.8.0.0/16']}])['Vpcs'])]))
"#,
    );
    assert_eq!(out, r#"["closed", 1]"#);
    assert_eq!(proxy.log()[0].lost.as_deref(), Some("close"));

    // What AWS guarantees and moto does not: a ClientToken repeated gets the first
    // answer; a CallerReference repeated is refused; an e-mail in use fails the account.
    proxy.reset();
    let out = through(
        &proxy,
        &moto,
        r#"
ec2 = boto3.client('ec2', endpoint_url=endpoint)
image = ec2.describe_images()['Images'][0]['ImageId']
first = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, ClientToken='same')['Instances'][0]['InstanceId']
second = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, ClientToken='same')['Instances'][0]['InstanceId']
other = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, ClientToken='other')['Instances'][0]['InstanceId']
route53 = boto3.client('route53', endpoint_url=endpoint)
route53.create_hosted_zone(Name='example.test', CallerReference='ref')
try:
    route53.create_hosted_zone(Name='example.test', CallerReference='ref')
    zone = 'created twice'
except ClientError as error:
    zone = error.response['Error']['Code']
zones = len(route53.list_hosted_zones()['HostedZones'])
organizations = boto3.client('organizations', endpoint_url=endpoint)
organizations.create_organization(FeatureSet='ALL')
one = organizations.create_account(AccountName='one', Email='one@example.test')['CreateAccountStatus']
two = organizations.create_account(AccountName='one', Email='ONE@example.test')['CreateAccountStatus']
described = organizations.describe_create_account_status(CreateAccountRequestId=two['Id'])['CreateAccountStatus']
failed = organizations.list_create_account_status(States=['FAILED'])['CreateAccountStatuses']
accounts = [a['Name'] for a in organizations.list_accounts()['Accounts']]
print(json.dumps({
    'same_token': first == second, 'other_token': first != other, 'zone': zone, 'zones': zones,
    'one': one['State'], 'two': two['State'], 'described': [described['State'], described.get('FailureReason')],
    'failed': [f['Id'] for f in failed] == [two['Id']], 'accounts': sorted(accounts),
}))
"#,
    );
    let out: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(out["same_token"], true, "{out}");
    assert_eq!(out["other_token"], true, "{out}");
    assert_eq!(out["zone"], "HostedZoneAlreadyExists", "{out}");
    assert_eq!(out["zones"], 1, "{out}");
    assert_eq!(out["one"], "SUCCEEDED", "{out}");
    assert_eq!(out["two"], "IN_PROGRESS", "{out}");
    assert_eq!(
        out["described"],
        serde_json::json!(["FAILED", "EMAIL_ALREADY_EXISTS"])
    );
    assert_eq!(out["failed"], true, "{out}");
    assert_eq!(out["accounts"].as_array().map(Vec::len), Some(2), "{out}");
}

#[test]
fn proxy_latency_delays_every_request() {
    let (_context, moto) = TestContext::with_moto();
    let proxy = AwsProxy::start(moto.url());
    proxy.set_latency(300);
    let seconds: f64 = through(
        &proxy,
        &moto,
        "import time\nc = boto3.client('sts', endpoint_url=endpoint)\nstart = time.monotonic()\nfor _ in range(4): c.get_caller_identity()\nprint(time.monotonic() - start)",
    )
    .parse()
    .expect("seconds");
    assert!(
        seconds >= 1.2,
        "4 calls with 300 ms latency took {seconds} s"
    );
    let log = proxy.log();
    assert_eq!(log.len(), 4, "{}", calls(&log));
    assert!(log.iter().all(|r| r.elapsed_ms >= 300), "{log:?}");
    // Without latency the proxy adds next to nothing.
    proxy.reset();
    through(
        &proxy,
        &moto,
        "c = boto3.client('sts', endpoint_url=endpoint)\nfor _ in range(4): c.get_caller_identity()",
    );
    assert!(
        proxy.log().iter().all(|r| r.elapsed_ms < 300),
        "{:?}",
        proxy.log()
    );
}

#[test]
fn proxy_kills_a_process_before_forwarding_or_after_moto_answered() {
    let (_context, moto) = TestContext::with_moto();
    let proxy = AwsProxy::start(moto.url());
    for before in [true, false] {
        proxy.reset();
        let mut victim = Command::new("sleep").arg("60").spawn().expect("sleep");
        proxy.kill_at(victim.id(), 2, before);
        let out = through(
            &proxy,
            &moto,
            r#"
c = boto3.client('ec2', endpoint_url=endpoint, config=Config(retries={'total_max_attempts': 1}))
c.describe_vpcs()
try:
    c.create_vpc(CidrBlock='10.8.0.0/16')
    print('answered')
except Exception as error:
    print('no answer')
"#,
        );
        assert_eq!(out, "no answer", "the killing request is not answered");
        let status = victim.wait().expect("the victim ends");
        assert_eq!(status.signal(), Some(9), "SIGKILLed (before = {before})");
        let log = proxy.log();
        assert_eq!(log.len(), 2, "{}", calls(&log));
        let when = if before { "before" } else { "after" };
        assert_eq!(log[1].killed.as_deref(), Some(when));
        // Before: the request never reached moto; after: moto made the VPC.
        let made = moto.python(
            "print(len(boto3.client('ec2', endpoint_url=endpoint).describe_vpcs(Filters=[{'Name': 'cidr', 'Values': ['10.8.0.0/16']}])['Vpcs']))",
        );
        assert_eq!(made, if before { "0" } else { "1" }, "when = {when}");
    }
}

// ── Onboarding ──────────────────────────────────────────────────────────────

#[test]
fn onboard_creates_the_organization_accounts_networks_vpn_and_zone() {
    let onboarding = Onboarding::new();
    let run = onboarding.onboard(onboarding.moto.url());
    assert_eq!(
        run.code, 0,
        "onboard failed:\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let state = onboarding.read_back();
    let problems = state.problems();
    assert!(
        problems.is_empty(),
        "moto's state breaks the onboarding contract:\n- {}\n(unreadable tags: {})\nsleak's stderr:\n{}",
        problems.join("\n- "),
        state.0["unreadable_tags"],
        run.stderr
    );
    assert!(
        state.duplicates().is_empty(),
        "duplicates: {:?}",
        state.duplicates()
    );
}

#[test]
fn a_second_onboard_makes_no_mutating_call() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let (first, log) = onboarding.clean_run(&proxy);
    assert!(
        log.iter().any(|r| r.mutating),
        "the first run changed nothing:\n{}",
        calls(&log)
    );
    proxy.reset();
    let run = onboarding.onboard(&proxy.url);
    assert_eq!(
        run.code, 0,
        "the second onboard failed:\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let mutating = proxy.mutating_calls();
    assert!(
        mutating.is_empty(),
        "the second onboard made {} mutating calls:\n{}\nstderr:\n{}",
        mutating.len(),
        calls(&mutating),
        run.stderr
    );
    assert!(
        run.stderr.to_lowercase().contains("nothing to do"),
        "stderr does not say there is nothing to do:\n{}",
        run.stderr
    );
    let second = onboarding.read_back();
    assert_eq!(second.differences(&first), Vec::<String>::new());
}

#[test]
fn onboard_killed_at_ten_points_converges_without_duplicates() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let started = Instant::now();
    let (clean, log) = onboarding.clean_run(&proxy);
    let total = log.len();
    assert!(total >= 10, "a clean onboarding made only {total} requests");
    let mut failures = Vec::new();
    let mut fired = 0;
    for point in 0..10 {
        // Spread over the run, away from its very end; before and after in turn.
        let n = ((total - 1) * (2 * point + 1) / 20).max(1);
        let before = point % 2 == 0;
        let when = if before { "before" } else { "after" };
        proxy.reset_moto();
        proxy.reset();
        let running = Running::spawn(&mut onboarding.command(&proxy.url, &["onboard", "--yes"]));
        proxy.kill_at(running.pid(), n, before);
        let (status, killed_run) = running.finish(RUN_LIMIT);
        let killed_log = proxy.log();
        let killed_at = killed_log.iter().find(|r| r.killed.is_some());
        if status.signal() == Some(9) {
            fired += 1;
        } else {
            failures.push(format!(
                "kill point {n} ({when}): sleak was not killed; it exited {:?} after {} requests\nstderr:\n{}",
                status.code(),
                killed_log.len(),
                killed_run.stderr
            ));
            continue;
        }
        let at = killed_at.map_or("?".to_owned(), ProxyRecord::label);
        proxy.reset();
        let rerun = onboarding.onboard(&proxy.url);
        if rerun.code != 0 {
            failures.push(format!(
                "kill point {n} ({when}, at {at}): the rerun exited {}\nstderr:\n{}",
                rerun.code, rerun.stderr
            ));
            continue;
        }
        let state = onboarding.read_back();
        let differences = state.differences(&clean);
        let duplicates = state.duplicates();
        let problems = state.problems();
        if !differences.is_empty() || !duplicates.is_empty() || !problems.is_empty() {
            failures.push(format!(
                "kill point {n} ({when}, at {at}): after the rerun\n  differences from a clean run: {differences:#?}\n  duplicated sleak:ids: {duplicates:?}\n  broken contract: {problems:#?}\n  the rerun's mutating calls:\n{}",
                calls(&proxy.mutating_calls())
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 10 kill points failed (a clean run makes {total} requests):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert_eq!(fired, 10);
    eprintln!(
        "10 kill points over {total} requests converged in {:?}",
        started.elapsed()
    );
}

#[test]
fn onboard_converges_under_twenty_percent_faults() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let (clean, _) = onboarding.clean_run(&proxy);
    proxy.reset_moto();
    proxy.reset();
    proxy.set_fault_rate(0.2, 2024);
    let runs = onboarding.until_success(&proxy, 3, |_, _| {});
    let log = proxy.log();
    let faults = log.iter().filter(|r| r.fault).count();
    assert!(faults > 0, "no fault was injected:\n{}", calls(&log));
    for run in &runs {
        assert!(
            run.code == 0 || run.code == 1,
            "a run under faults ended with {} (a crash?):\n{}",
            run.code,
            run.stderr
        );
    }
    let last = runs.last().expect("a run");
    assert_eq!(
        last.code,
        0,
        "3 runs under 20 % faults ({faults} faults of {} requests) did not converge; the last stderr:\n{}",
        log.len(),
        last.stderr
    );
    eprintln!(
        "converged in {} run(s) under 20 % faults: {faults} faults of {} requests",
        runs.len(),
        log.len()
    );
    onboarding.assert_converged(&proxy, &clean);
}

/// The faults real AWS produces most: the request was applied and its answer lost (a
/// 500 or a dropped connection after the fact), so the SDK retries a create that already
/// happened. Every run may fail; none may leave a copy too many (counted per kind,
/// tagged or not), and the runs end in exactly a clean run's state.
#[test]
fn onboard_converges_when_answers_are_lost_after_aws_applied_the_request() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let (clean, _) = onboarding.clean_run(&proxy);
    assert_eq!(clean.problems(), Vec::<String>::new());
    proxy.reset_moto();
    proxy.reset();
    proxy.set_lose_rate(0.15, 1717, "mixed");
    let mut corrupt = Vec::new();
    let runs = onboarding.until_success(&proxy, 6, |number, run| {
        assert!(
            run.code == 0 || run.code == 1,
            "a run under lost answers ended with {} (a crash?):\n{}",
            run.code,
            run.stderr
        );
        let state = onboarding.read_back();
        let excess = state.excess(&clean);
        if !excess.is_empty() || !state.duplicates().is_empty() {
            corrupt.push(format!(
                "after run {number} (exit {}): {excess:#?}\nduplicated sleak:ids: {:?}\nstderr:\n{}",
                run.code,
                state.duplicates(),
                run.stderr
            ));
        }
    });
    let log = proxy.log();
    let lost: Vec<&ProxyRecord> = log.iter().filter(|r| r.lost.is_some()).collect();
    let last = runs.last().expect("a run");
    assert!(
        corrupt.is_empty(),
        "runs under lost answers left copies too many:\n{}\n\nthe lost answers:\n{}",
        corrupt.join("\n\n"),
        lost.iter()
            .map(|r| format!(
                "#{} {} ({})",
                r.seq,
                r.label(),
                r.lost.as_deref().unwrap_or("")
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        lost.len() >= 5,
        "only {} answers were lost:\n{}",
        lost.len(),
        calls(&log)
    );
    assert_eq!(
        last.code,
        0,
        "{} runs under lost answers ({} lost of {} requests) did not converge; the last stderr:\n{}",
        runs.len(),
        lost.len(),
        log.len(),
        last.stderr
    );
    eprintln!(
        "converged in {} run(s) with {} answers lost of {} requests",
        runs.len(),
        lost.len(),
        log.len()
    );
    onboarding.assert_converged(&proxy, &clean);
}

/// Two onboards started at the same moment on one workspace (two people, or CI and a
/// person): the lease lets one change AWS at a time, and after a third run the
/// organization is exactly a clean run's.
#[test]
fn two_onboards_at_once_end_in_a_clean_runs_state() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let (clean, _) = onboarding.clean_run(&proxy);
    proxy.reset_moto();
    proxy.reset();
    // A little latency makes the two runs overlap for their whole length.
    proxy.set_latency(5);
    let first = Running::spawn(&mut onboarding.command(&proxy.url, &["onboard", "--yes"]));
    let second = Running::spawn(&mut onboarding.command(&proxy.url, &["onboard", "--yes"]));
    let (_, first) = first.finish(RUN_LIMIT);
    let (_, second) = second.finish(RUN_LIMIT);
    for run in [&first, &second] {
        assert!(
            run.code == 0 || run.code == 2,
            "a concurrent onboard ended with {}:\n{}",
            run.code,
            run.stderr
        );
    }
    // Both ran in turn: the second found the first's work done.
    let log = proxy.log();
    let created_accounts = log
        .iter()
        .filter(|r| r.action == "CreateAccount" && r.answered_by.as_deref() == Some("moto"))
        .count();
    assert_eq!(created_accounts, 3, "{}", calls(&log));
    let state = onboarding.read_back();
    let both = format!(
        "first:\n{}\nsecond:\n{}\nlease requests:\n{}",
        first.stderr,
        second.stderr,
        calls(
            &log.iter()
                .filter(|r| r.is_lease())
                .cloned()
                .collect::<Vec<_>>()
        )
    );
    assert_eq!(state.duplicates(), BTreeMap::new(), "{both}");
    assert_eq!(state.excess(&clean), Vec::<String>::new(), "{both}");
    let said = |run: &Run| {
        run.stderr
            .contains("waiting for the workspace lease held by")
            || run.stderr.contains("is locked by")
    };
    assert!(
        said(&first) || said(&second),
        "neither run said it waited for the other:\nfirst:\n{}\nsecond:\n{}",
        first.stderr,
        second.stderr
    );
    proxy.set_latency(0);
    proxy.reset();
    let third = onboarding.onboard(&proxy.url);
    assert_eq!(third.code, 0, "{}", third.stderr);
    let state = onboarding.read_back();
    assert_eq!(state.differences(&clean), Vec::<String>::new());
    assert_eq!(state.problems(), Vec::<String>::new());
    assert_eq!(
        calls(&proxy.mutating_calls()),
        "",
        "the third run had work left"
    );
}

/// The lease of a run that was killed is not renewed: another person's run waits until it
/// has seen it unchanged for its time to live (3 s in the tests), takes it over, says so
/// and converges, or with `--lock-timeout 0` fails at once naming the holder; the same
/// person on the same machine takes it over at once (the process is gone); `sleak
/// unlock` shows and removes a lease.
#[test]
fn a_killed_runs_lease_is_taken_over_and_unlock_shows_and_removes_a_lease() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    proxy.reset_moto();
    proxy.reset();
    let running = Running::spawn(&mut onboarding.command(&proxy.url, &["onboard", "--yes"]));
    proxy.kill_at(running.pid(), 40, false);
    let (status, _) = running.finish(RUN_LIMIT);
    assert_eq!(status.signal(), Some(9), "the run was not killed");
    let lease_of = |proxy: &AwsProxy| {
        through(
            proxy,
            &onboarding.moto,
            r#"
s3 = boto3.client('s3', endpoint_url=endpoint, config=Config(s3={'addressing_style': 'path'}))
account = boto3.client('sts', endpoint_url=endpoint).get_caller_identity()['Account']
try:
    body = s3.get_object(Bucket=f'sleak-state-{account}-us-east-1', Key='leases/acme.json')['Body'].read()
    print(json.loads(body)['command'])
except ClientError as error:
    print(error.response['Error']['Code'])
"#,
        )
    };
    assert_eq!(
        lease_of(&proxy),
        "sleak onboard",
        "the killed run left its lease"
    );

    // Another person (another user@host): no way to tell the run is gone but its lease
    // going unrenewed. Not waiting: refused at once, naming the holder, exit 2.
    let colleague = |args: &[&str]| {
        let mut command = onboarding.command(&proxy.url, args);
        command.env("USER", "colleague");
        Running::spawn(&mut command).finish(RUN_LIMIT).1
    };
    let refused = colleague(&["onboard", "--yes", "--lock-timeout", "0"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("is locked by"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("sleak onboard, pid"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("hint:"), "{}", refused.stderr);

    let shown = onboarding.run(&proxy.url, &["unlock", "--show"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("locked by"), "{}", shown.stdout);

    // Waiting: the stale lease is taken over after 3 s unchanged, and the run converges.
    let resumed = colleague(&["onboard", "--yes"]);
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert!(
        resumed.stderr.contains("took over the workspace lease")
            && resumed.stderr.contains("not renewed for"),
        "{}",
        resumed.stderr
    );
    assert_eq!(lease_of(&proxy), "NoSuchKey", "the run released its lease");
    let state = onboarding.read_back();
    assert_eq!(state.problems(), Vec::<String>::new());
    assert_eq!(state.duplicates(), BTreeMap::new());

    // A lease left behind again, removed by `sleak unlock --yes`.
    let kill_early = |proxy: &AwsProxy| {
        let running = Running::spawn(&mut onboarding.command(&proxy.url, &["onboard", "--yes"]));
        proxy.reset();
        proxy.kill_at(running.pid(), 12, true);
        let (status, _) = running.finish(RUN_LIMIT);
        assert_eq!(status.signal(), Some(9));
        assert_eq!(lease_of(proxy), "sleak onboard");
    };
    kill_early(&proxy);
    let unlocked = onboarding.run(&proxy.url, &["unlock", "--yes"]);
    assert_eq!(unlocked.code, 0, "{}", unlocked.stderr);
    assert_eq!(lease_of(&proxy), "NoSuchKey");

    // The same person on the same machine after a kill: the process is gone, so the
    // lease is taken over at once, even without waiting at all.
    kill_early(&proxy);
    let again = onboarding.run(&proxy.url, &["onboard", "--yes", "--lock-timeout", "0"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("that process is gone"),
        "{}",
        again.stderr
    );

    // A lease sleak cannot read still locks; `unlock` removes it.
    through(
        &proxy,
        &onboarding.moto,
        r#"
s3 = boto3.client('s3', endpoint_url=endpoint, config=Config(s3={'addressing_style': 'path'}))
account = boto3.client('sts', endpoint_url=endpoint).get_caller_identity()['Account']
s3.put_object(Bucket=f'sleak-state-{account}-us-east-1', Key='leases/acme.json', Body=b'not json')
"#,
    );
    let locked = onboarding.run(&proxy.url, &["onboard", "--yes", "--lock-timeout", "0"]);
    assert_ne!(locked.code, 0, "{}", locked.stderr);
    assert!(
        locked.stderr.contains("is not a sleak lease"),
        "{}",
        locked.stderr
    );
    let unlocked = onboarding.run(&proxy.url, &["unlock", "--yes"]);
    assert_eq!(unlocked.code, 0, "{}", unlocked.stderr);
    assert_eq!(lease_of(&proxy), "NoSuchKey");
}

#[test]
fn onboard_refuses_member_account_credentials() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let credentials = onboarding.moto.python(
        r#"
organizations = boto3.client('organizations', endpoint_url=endpoint)
organizations.create_organization(FeatureSet='ALL')
status = organizations.create_account(AccountName='someone', Email='someone@example.test')['CreateAccountStatus']
member = status['AccountId']
credentials = boto3.client('sts', endpoint_url=endpoint).assume_role(
    RoleArn=f'arn:aws:iam::{member}:role/OrganizationAccountAccessRole', RoleSessionName='member')['Credentials']
print(json.dumps({'account': member, 'key': credentials['AccessKeyId'], 'secret': credentials['SecretAccessKey'], 'token': credentials['SessionToken']}))
"#,
    );
    let credentials: Value = serde_json::from_str(&credentials).expect("JSON");
    let text = |key: &str| credentials[key].as_str().expect("a string").to_owned();
    let run = Running::spawn(
        onboarding
            .command(&proxy.url, &["onboard", "--yes"])
            .env("AWS_ACCESS_KEY_ID", text("key"))
            .env("AWS_SECRET_ACCESS_KEY", text("secret"))
            .env("AWS_SESSION_TOKEN", text("token")),
    )
    .finish(RUN_LIMIT)
    .1;
    assert!(
        run.code == 2 || run.code == 1,
        "expected a refusal (exit 2), got {}:\n{}",
        run.code,
        run.stderr
    );
    let stderr = run.stderr.to_lowercase();
    assert!(
        stderr.contains("management account"),
        "stderr does not mention the management account:\n{}",
        run.stderr
    );
    assert!(stderr.contains("hint:"), "no hint:\n{}", run.stderr);
    let mutating = proxy.mutating_calls();
    assert!(
        mutating.is_empty(),
        "a refused onboarding changed AWS:\n{}",
        calls(&mutating)
    );
    assert_eq!(run.code, 2, "a refusal is a usage error:\n{}", run.stderr);
}

#[test]
fn onboard_without_yes_and_without_a_terminal_refuses() {
    let onboarding = Onboarding::new();
    let proxy = AwsProxy::start(onboarding.moto.url());
    let run = onboarding.run(&proxy.url, &["onboard"]);
    assert_eq!(
        run.code, 2,
        "expected exit 2:\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|line| line.contains("hint:") && line.contains("--yes"))
            || (run.stderr.contains("hint:") && run.stderr.contains("--yes")),
        "no hint about --yes:\n{}",
        run.stderr
    );
    let mutating = proxy.mutating_calls();
    assert!(
        mutating.is_empty(),
        "changed AWS without consent:\n{}",
        calls(&mutating)
    );
    let state = onboarding.read_back();
    assert!(
        state.0["organization"].is_null(),
        "{}",
        state.0["organization"]
    );
}

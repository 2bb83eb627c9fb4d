"""A recording, fault-injecting reverse proxy in front of a moto server, for tests.

Usage: python3 aws_proxy.py <moto-url>

Listens on a free port of 127.0.0.1, prints its URL on the first line of stdout and exits
when stdin closes (the test binary that started it went away). Standard library only.

Every request is forwarded to moto unchanged and its response returned unchanged (but for
hop-by-hop headers, and the EKS operations moto lacks, which the proxy answers itself, and
the EKS rewrites described below), and recorded: sequence number, service
(from the SigV4 credential scope), action, whether it mutates, the status returned,
whether the proxy answered it with an injected error (`fault`), and who answered it
(`answered_by`: "moto", or "proxy" for faults, 502s and the EKS fake; null when the
client got no answer because of kill_at "before"). The harness drives it through a
control API on the same port:

    GET  /__proxy/log       the records, a JSON list
    POST /__proxy/reset     clears the records, every knob and the EKS fake's state
    POST /__proxy/clear-log clears the records only (sequence numbers restart at 1)
    GET  /__proxy/config    the knobs
    POST /__proxy/config    JSON object, any of:
         {"latency_ms": 25}                         added before answering each request
         {"fault_rate": 0.2, "seed": 7}             that share of requests is answered by
                                                    the proxy with a retryable error
         {"kill_at": {"pid": 123, "n": 40, "when": "before" | "after"}}
                                                    SIGKILL pid when the n-th request
                                                    arrives: before forwarding it, or after
                                                    moto (or the EKS fake) answered but
                                                    before replying
         {"kill_at": null}                          disarms
         {"eks_endpoint": {"url": "https://127.0.0.1:6443", "ca_data": "<base64 PEM>"}}
                                                    EKS clusters moto describes get this
                                                    endpoint and certificateAuthority.data
                                                    (null: moto's own again)
         {"eks_creating_describes": N}              after a CreateCluster, that cluster's
                                                    first N DescribeCluster answers say
                                                    CREATING (and so does the CreateCluster
                                                    answer when N > 0)
         {"nodegroup_creating_describes": N}        the same for CreateNodegroup and
                                                    DescribeNodegroup
         {"nodegroup_deleting_describes": N}        after a DeleteNodegroup (which moto
                                                    performs at once), the next N
                                                    DescribeNodegroup calls answer the
                                                    nodegroup as last known with status
                                                    DELETING; then moto's 404
         {"addon_creating_describes": N}            the same as eks_creating_describes for
                                                    CreateAddon and DescribeAddon
    The delay knobs apply to resources created (or deleted) after they are set; all are 0
    by default.

EKS (REST-JSON): every request's action is the operation name of the service model
(CreateCluster, DescribeNodegroup, CreateAddon, … — "METHOD /path" only for paths EKS does
not have), so `mutating` follows the name as for the other protocols, and the record also
holds `request` (the parsed JSON body, or null) and `target` (the resource the request is
about: the innermost name of its path — cluster, nodegroup, fargate profile, add-on, access
entry principal ARN, pod identity association id, or the ARN of a tag request — or, for a
create, the created resource's name from the body; for DescribeUpdate/ListUpdates the
cluster, or the nodegroupName/addonName of the query). Other services' records have
`request` and `target` null.

moto 5.2 lacks several EKS APIs; the proxy answers them itself ("answered_by": "proxy")
from an in-memory fake, in the API's wire format (errors: JSON {"message": …} with the
x-amzn-ErrorType header; ResourceNotFoundException 404, ResourceInUseException 409,
InvalidParameterException/InvalidRequestException 400):
  - add-ons: CreateAddon, DescribeAddon, ListAddons, UpdateAddon, DeleteAddon, and
    DescribeAddonVersions from a version table (ADDON_CATALOG) of vpc-cni, coredns,
    kube-proxy, aws-ebs-csi-driver, eks-pod-identity-agent, metrics-server, cert-manager
    and external-dns for Kubernetes 1.30–1.34, one default version per add-on and cluster
    version. CreateAddon takes the default version when none is given and refuses unknown
    add-ons and versions not compatible with the cluster version; UpdateAddon answers an
    update of type AddonUpdate, status Successful (no downgrades); DeleteAddon answers the
    add-on with status DELETING and forgets it.
  - access entries: CreateAccessEntry, DescribeAccessEntry, ListAccessEntries,
    UpdateAccessEntry, DeleteAccessEntry, AssociateAccessPolicy,
    ListAssociatedAccessPolicies, DisassociateAccessPolicy, ListAccessPolicies. When the
    proxy saw the cluster's CreateCluster, access entries need its accessConfig's
    authenticationMode to be API or API_AND_CONFIG_MAP (InvalidRequestException).
  - pod identity associations: Create/Describe/List/Update/DeletePodIdentityAssociation
    (and those CreateAddon/UpdateAddon make from podIdentityAssociations).
  - UpdateClusterVersion (to the next minor version only; the update is InProgress),
    UpdateNodegroupVersion (to at most the cluster's version; default: the cluster's),
    DescribeUpdate (always Successful), ListUpdates. The new versions replace `version`
    (and a nodegroup's `releaseVersion`) in moto's answers about that cluster or
    nodegroup. UpdateNodegroupConfig and UpdateClusterConfig updates are known to
    DescribeUpdate and ListUpdates too.
  - TagResource, UntagResource, ListTagsForResource of the faked resources' ARNs.
  Before answering a call about cluster X the proxy asks moto GET /clusters/X with the
  request's headers: moto's 404 becomes ResourceNotFoundException. The state is kept per
  (account of moto's cluster ARN, region of the credential scope, cluster name), and is
  dropped when the cluster is deleted through the proxy or moto's cluster turns out to be
  another one (a different createdAt).
What the proxy changes in moto's EKS answers: cluster.version (above), cluster.endpoint and
certificateAuthority.data (eks_endpoint), CREATING/DELETING statuses (the delay knobs);
a nodegroup's version and releaseVersion, which moto makes 1.19 and 1.19.8-20210414 when
CreateNodegroup does not give them, are the cluster's version and `<version>.0-20250704`;
cluster.accessConfig is added as CreateCluster asked it (moto drops it) and follows
UpdateClusterConfig; DeleteCluster and DeleteNodegroup answer status DELETING as EKS does;
UpdateClusterConfig answers an `update` (InProgress) as EKS does, where moto answers the
cluster, and its resourcesVpcConfig is merged into the cluster's before moto stores it
(moto replaces the whole object).
"""

import copy
import http.client
import json
import os
import random
import re
import signal
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "trailers",
    "transfer-encoding",
    "upgrade",
}

READ_PREFIXES = ("Describe", "List", "Get", "Search", "Lookup")
STS_READS = {"AssumeRole", "GetCallerIdentity"}
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/]+)/([^/]+)/aws4_request")


class State:
    def __init__(self, upstream):
        self.upstream = upstream
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.records = []
        self.latency_ms = 0
        self.fault_rate = 0.0
        self.rng = random.Random(0)
        self.faults = 0
        self.kill_at = None
        self.eks_endpoint = None
        self.eks_creating_describes = 0
        self.nodegroup_creating_describes = 0
        self.nodegroup_deleting_describes = 0
        self.addon_creating_describes = 0
        self.eks = EksState()

    def config(self):
        """The knobs, as GET /__proxy/config answers them."""
        return {
            "latency_ms": self.latency_ms,
            "fault_rate": self.fault_rate,
            "kill_at": self.kill_at,
            "eks_endpoint": self.eks_endpoint,
            "eks_creating_describes": self.eks_creating_describes,
            "nodegroup_creating_describes": self.nodegroup_creating_describes,
            "nodegroup_deleting_describes": self.nodegroup_deleting_describes,
            "addon_creating_describes": self.addon_creating_describes,
        }


STATE = None


def credential_scope(headers, query):
    """(region, service) of the SigV4 credential scope, each None when unsigned."""
    authorization = headers.get("Authorization", "")
    match = CREDENTIAL_SCOPE.search(authorization)
    if not match:
        credential = urllib.parse.parse_qs(query).get("X-Amz-Credential", [""])[0]
        match = CREDENTIAL_SCOPE.search("Credential=" + credential)
    if match:
        return match.group(1), match.group(2)
    return None, None


def classify(method, path, query, headers, body):
    """(service, protocol, action, mutating) of one AWS request."""
    service = credential_scope(headers, query)[1] or "unknown"
    target = headers.get("X-Amz-Target")
    if target:
        action = target.rsplit(".", 1)[-1]
        return service, "json", action, _mutating_action(service, action)
    action = None
    content_type = headers.get("Content-Type", "")
    if method == "POST" and "x-www-form-urlencoded" in content_type:
        try:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        except ValueError:
            form = {}
        action = (form.get("Action") or [None])[0]
    if not action:
        action = (urllib.parse.parse_qs(query).get("Action") or [None])[0]
    if action:
        protocol = "ec2" if service == "ec2" else "query"
        return service, protocol, action, _mutating_action(service, action)
    if service in ("eks", "lambda", "apigateway") or "json" in content_type:
        protocol = "rest-json"
    else:
        protocol = "rest-xml"
    if service == "eks":
        operation = eks_route(method, path)[0]
        if operation:
            return service, protocol, operation, _mutating_action(service, operation)
    return service, protocol, f"{method} {path}", method not in ("GET", "HEAD")


def _mutating_action(service, action):
    if action.startswith(READ_PREFIXES):
        return False
    if service == "sts" and action in STS_READS:
        return False
    return True


def fault_response(protocol, service, kind):
    """(status, headers, body) of a retryable error in the protocol's wire format."""
    request_id = "proxy-fault-%08x" % random.getrandbits(32)
    if kind == "internal":
        status, json_type, code = 500, "InternalFailure", "InternalError"
        message = "injected internal error"
    else:
        status, json_type, code = 400, "ThrottlingException", "Throttling"
        message = "Rate exceeded (injected)"
    if protocol in ("json", "rest-json"):
        body = json.dumps({"__type": json_type, "message": message}).encode()
        content_type = (
            "application/x-amz-json-1.1" if protocol == "json" else "application/json"
        )
        headers = [
            ("Content-Type", content_type),
            ("x-amzn-RequestId", request_id),
            ("x-amzn-ErrorType", json_type),
        ]
        return status, headers, body
    if protocol == "ec2":
        if kind != "internal":
            status, code = 503, "RequestLimitExceeded"
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        ).encode()
        return status, [("Content-Type", "text/xml;charset=UTF-8")], body
    if protocol == "rest-xml" and service == "s3":
        code = "InternalError" if kind == "internal" else "SlowDown"
        status = 500 if kind == "internal" else 503
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{code}</Code><Message>{message}</Message>"
            f"<RequestId>{request_id}</RequestId></Error>"
        ).encode()
        return status, [("Content-Type", "application/xml")], body
    # query protocol (iam, sts, rds, …) and route53
    kind_of_fault = "Receiver" if kind == "internal" else "Sender"
    code = "InternalFailure" if kind == "internal" else "Throttling"
    namespace = (
        ' xmlns="https://route53.amazonaws.com/doc/2013-04-01/"'
        if service == "route53"
        else ""
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<ErrorResponse{namespace}><Error><Type>{kind_of_fault}</Type><Code>{code}</Code>"
        f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId>"
        "</ErrorResponse>"
    ).encode()
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        return True
    except (ProcessLookupError, PermissionError):
        return False


# --------------------------------------------------------------------------------------
# EKS: operation names, and a fake of what moto 5.2 lacks
# --------------------------------------------------------------------------------------

# (method, request URI, operation) of every EKS operation, from botocore's service model
# (eks/2017-11-01/service-2.json).
EKS_ROUTES = [
    ("GET", "/access-policies", "ListAccessPolicies"),
    ("GET", "/addons/configuration-schemas", "DescribeAddonConfiguration"),
    ("GET", "/addons/supported-versions", "DescribeAddonVersions"),
    ("POST", "/cluster-registrations", "RegisterCluster"),
    ("DELETE", "/cluster-registrations/{name}", "DeregisterCluster"),
    ("GET", "/cluster-versions", "DescribeClusterVersions"),
    ("GET", "/clusters", "ListClusters"),
    ("POST", "/clusters", "CreateCluster"),
    ("DELETE", "/clusters/{name}", "DeleteCluster"),
    ("GET", "/clusters/{name}", "DescribeCluster"),
    ("GET", "/clusters/{name}/access-entries", "ListAccessEntries"),
    ("POST", "/clusters/{name}/access-entries", "CreateAccessEntry"),
    ("DELETE", "/clusters/{name}/access-entries/{principalArn}", "DeleteAccessEntry"),
    ("GET", "/clusters/{name}/access-entries/{principalArn}", "DescribeAccessEntry"),
    ("POST", "/clusters/{name}/access-entries/{principalArn}", "UpdateAccessEntry"),
    (
        "GET",
        "/clusters/{name}/access-entries/{principalArn}/access-policies",
        "ListAssociatedAccessPolicies",
    ),
    (
        "POST",
        "/clusters/{name}/access-entries/{principalArn}/access-policies",
        "AssociateAccessPolicy",
    ),
    (
        "DELETE",
        "/clusters/{name}/access-entries/{principalArn}/access-policies/{policyArn}",
        "DisassociateAccessPolicy",
    ),
    ("GET", "/clusters/{name}/addons", "ListAddons"),
    ("POST", "/clusters/{name}/addons", "CreateAddon"),
    ("DELETE", "/clusters/{name}/addons/{addonName}", "DeleteAddon"),
    ("GET", "/clusters/{name}/addons/{addonName}", "DescribeAddon"),
    ("POST", "/clusters/{name}/addons/{addonName}/update", "UpdateAddon"),
    ("GET", "/clusters/{name}/capabilities", "ListCapabilities"),
    ("POST", "/clusters/{name}/capabilities", "CreateCapability"),
    ("DELETE", "/clusters/{name}/capabilities/{capabilityName}", "DeleteCapability"),
    ("GET", "/clusters/{name}/capabilities/{capabilityName}", "DescribeCapability"),
    ("POST", "/clusters/{name}/capabilities/{capabilityName}", "UpdateCapability"),
    ("POST", "/clusters/{name}/encryption-config/associate", "AssociateEncryptionConfig"),
    ("GET", "/clusters/{name}/fargate-profiles", "ListFargateProfiles"),
    ("POST", "/clusters/{name}/fargate-profiles", "CreateFargateProfile"),
    (
        "DELETE",
        "/clusters/{name}/fargate-profiles/{fargateProfileName}",
        "DeleteFargateProfile",
    ),
    (
        "GET",
        "/clusters/{name}/fargate-profiles/{fargateProfileName}",
        "DescribeFargateProfile",
    ),
    ("GET", "/clusters/{name}/identity-provider-configs", "ListIdentityProviderConfigs"),
    (
        "POST",
        "/clusters/{name}/identity-provider-configs/associate",
        "AssociateIdentityProviderConfig",
    ),
    (
        "POST",
        "/clusters/{name}/identity-provider-configs/describe",
        "DescribeIdentityProviderConfig",
    ),
    (
        "POST",
        "/clusters/{name}/identity-provider-configs/disassociate",
        "DisassociateIdentityProviderConfig",
    ),
    ("POST", "/clusters/{name}/insights", "ListInsights"),
    ("GET", "/clusters/{name}/insights-refresh", "DescribeInsightsRefresh"),
    ("POST", "/clusters/{name}/insights-refresh", "StartInsightsRefresh"),
    ("GET", "/clusters/{name}/insights/{id}", "DescribeInsight"),
    ("GET", "/clusters/{name}/node-groups", "ListNodegroups"),
    ("POST", "/clusters/{name}/node-groups", "CreateNodegroup"),
    ("DELETE", "/clusters/{name}/node-groups/{nodegroupName}", "DeleteNodegroup"),
    ("GET", "/clusters/{name}/node-groups/{nodegroupName}", "DescribeNodegroup"),
    (
        "POST",
        "/clusters/{name}/node-groups/{nodegroupName}/update-config",
        "UpdateNodegroupConfig",
    ),
    (
        "POST",
        "/clusters/{name}/node-groups/{nodegroupName}/update-version",
        "UpdateNodegroupVersion",
    ),
    ("GET", "/clusters/{name}/pod-identity-associations", "ListPodIdentityAssociations"),
    ("POST", "/clusters/{name}/pod-identity-associations", "CreatePodIdentityAssociation"),
    (
        "DELETE",
        "/clusters/{name}/pod-identity-associations/{associationId}",
        "DeletePodIdentityAssociation",
    ),
    (
        "GET",
        "/clusters/{name}/pod-identity-associations/{associationId}",
        "DescribePodIdentityAssociation",
    ),
    (
        "POST",
        "/clusters/{name}/pod-identity-associations/{associationId}",
        "UpdatePodIdentityAssociation",
    ),
    ("POST", "/clusters/{name}/update-config", "UpdateClusterConfig"),
    ("GET", "/clusters/{name}/updates", "ListUpdates"),
    ("POST", "/clusters/{name}/updates", "UpdateClusterVersion"),
    ("GET", "/clusters/{name}/updates/{updateId}", "DescribeUpdate"),
    ("GET", "/eks-anywhere-subscriptions", "ListEksAnywhereSubscriptions"),
    ("POST", "/eks-anywhere-subscriptions", "CreateEksAnywhereSubscription"),
    ("DELETE", "/eks-anywhere-subscriptions/{id}", "DeleteEksAnywhereSubscription"),
    ("GET", "/eks-anywhere-subscriptions/{id}", "DescribeEksAnywhereSubscription"),
    ("POST", "/eks-anywhere-subscriptions/{id}", "UpdateEksAnywhereSubscription"),
    ("DELETE", "/tags/{resourceArn}", "UntagResource"),
    ("GET", "/tags/{resourceArn}", "ListTagsForResource"),
    ("POST", "/tags/{resourceArn}", "TagResource"),
]

EKS_ROUTE_TABLE = [
    (method, uri.strip("/").split("/"), operation) for method, uri, operation in EKS_ROUTES
]

# Operations the proxy answers itself (moto 5.2 answers them 404).
EKS_FAKED = {
    "DescribeAddonVersions",
    "ListAccessPolicies",
    "CreateAddon",
    "DescribeAddon",
    "ListAddons",
    "UpdateAddon",
    "DeleteAddon",
    "CreateAccessEntry",
    "DescribeAccessEntry",
    "ListAccessEntries",
    "UpdateAccessEntry",
    "DeleteAccessEntry",
    "AssociateAccessPolicy",
    "ListAssociatedAccessPolicies",
    "DisassociateAccessPolicy",
    "CreatePodIdentityAssociation",
    "DescribePodIdentityAssociation",
    "ListPodIdentityAssociations",
    "UpdatePodIdentityAssociation",
    "DeletePodIdentityAssociation",
    "UpdateClusterVersion",
    "UpdateNodegroupVersion",
    "DescribeUpdate",
    "ListUpdates",
}
# Answered by the proxy when the ARN is one of the faked resources', else by moto.
EKS_TAG_OPERATIONS = {"TagResource", "UntagResource", "ListTagsForResource"}
EKS_FAKED_ARN = re.compile(
    r"^arn:[^:]+:eks:([^:]*):(\d*):(addon|access-entry|podidentityassociation)/([^/]+)/"
)

KUBERNETES_VERSIONS = ["1.30", "1.31", "1.32", "1.33", "1.34"]


def _k8s(first, last):
    """The Kubernetes versions from `first` to `last`, both included."""
    return KUBERNETES_VERSIONS[
        KUBERNETES_VERSIONS.index(first) : KUBERNETES_VERSIONS.index(last) + 1
    ]


# The add-ons sleak installs, with versions as DescribeAddonVersions lists them (newest
# first): (version, the cluster versions it is compatible with, those it is the default
# for). Exactly one default per add-on and cluster version (checked at start).
ADDON_CATALOG = {
    "vpc-cni": {
        "type": "networking",
        "owner": "aws",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": True,
        "versions": [
            ("v1.20.4-eksbuild.1", _k8s("1.30", "1.34"), ["1.34"]),
            ("v1.20.0-eksbuild.1", _k8s("1.30", "1.34"), []),
            ("v1.19.5-eksbuild.1", _k8s("1.30", "1.34"), ["1.33"]),
            ("v1.19.2-eksbuild.1", _k8s("1.30", "1.34"), _k8s("1.30", "1.32")),
            ("v1.18.6-eksbuild.1", _k8s("1.30", "1.32"), []),
        ],
    },
    "coredns": {
        "type": "networking",
        "owner": "aws",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": False,
        "versions": [
            ("v1.12.4-eksbuild.1", _k8s("1.33", "1.34"), ["1.34"]),
            ("v1.12.1-eksbuild.2", _k8s("1.33", "1.34"), ["1.33"]),
            ("v1.11.4-eksbuild.14", _k8s("1.30", "1.33"), []),
            ("v1.11.4-eksbuild.2", _k8s("1.30", "1.33"), ["1.32"]),
            ("v1.11.3-eksbuild.1", _k8s("1.30", "1.32"), ["1.30", "1.31"]),
            ("v1.11.1-eksbuild.9", ["1.30"], []),
        ],
    },
    "kube-proxy": {
        "type": "networking",
        "owner": "aws",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": False,
        "versions": [
            ("v1.34.1-eksbuild.2", ["1.34"], []),
            ("v1.34.0-eksbuild.2", ["1.34"], ["1.34"]),
            ("v1.33.3-eksbuild.4", ["1.33"], []),
            ("v1.33.0-eksbuild.2", ["1.33"], ["1.33"]),
            ("v1.32.6-eksbuild.2", ["1.32"], []),
            ("v1.32.0-eksbuild.2", ["1.32"], ["1.32"]),
            ("v1.31.10-eksbuild.2", ["1.31"], []),
            ("v1.31.3-eksbuild.2", ["1.31"], ["1.31"]),
            ("v1.30.14-eksbuild.2", ["1.30"], []),
            ("v1.30.6-eksbuild.3", ["1.30"], ["1.30"]),
        ],
    },
    "aws-ebs-csi-driver": {
        "type": "storage",
        "owner": "aws",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": True,
        "versions": [
            ("v1.48.0-eksbuild.2", _k8s("1.30", "1.34"), ["1.34"]),
            ("v1.45.0-eksbuild.2", _k8s("1.30", "1.34"), _k8s("1.30", "1.33")),
            ("v1.41.0-eksbuild.1", _k8s("1.30", "1.33"), []),
            ("v1.37.0-eksbuild.1", _k8s("1.30", "1.32"), []),
        ],
    },
    "eks-pod-identity-agent": {
        "type": "security",
        "owner": "aws",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": False,
        "versions": [
            ("v1.3.8-eksbuild.2", _k8s("1.30", "1.34"), ["1.34"]),
            ("v1.3.7-eksbuild.2", _k8s("1.30", "1.34"), ["1.33"]),
            ("v1.3.4-eksbuild.1", _k8s("1.30", "1.33"), _k8s("1.30", "1.32")),
        ],
    },
    "metrics-server": {
        "type": "observability",
        "owner": "community",
        "publisher": "eks",
        "namespace": "kube-system",
        "iam": False,
        "versions": [
            ("v0.8.0-eksbuild.2", _k8s("1.30", "1.34"), ["1.33", "1.34"]),
            ("v0.7.2-eksbuild.3", _k8s("1.30", "1.33"), _k8s("1.30", "1.32")),
        ],
    },
    "cert-manager": {
        "type": "security",
        "owner": "community",
        "publisher": "eks",
        "namespace": "cert-manager",
        "iam": False,
        "versions": [
            ("v1.18.2-eksbuild.2", _k8s("1.30", "1.34"), ["1.33", "1.34"]),
            ("v1.17.2-eksbuild.1", _k8s("1.30", "1.33"), _k8s("1.30", "1.32")),
            ("v1.17.1-eksbuild.1", _k8s("1.30", "1.32"), []),
        ],
    },
    "external-dns": {
        "type": "networking",
        "owner": "community",
        "publisher": "eks",
        "namespace": "external-dns",
        "iam": True,
        "versions": [
            ("v0.19.0-eksbuild.1", _k8s("1.31", "1.34"), ["1.34"]),
            ("v0.18.0-eksbuild.1", _k8s("1.30", "1.34"), _k8s("1.31", "1.33")),
            ("v0.16.1-eksbuild.2", _k8s("1.30", "1.32"), ["1.30"]),
        ],
    },
}


def _check_catalog():
    for name, addon in ADDON_CATALOG.items():
        for k8s in KUBERNETES_VERSIONS:
            compatible = [v for v, versions, _ in addon["versions"] if k8s in versions]
            defaults = [v for v, _, default in addon["versions"] if k8s in default]
            assert compatible, f"{name} has no version for {k8s}"
            assert len(defaults) == 1, f"{name} has defaults {defaults} for {k8s}"
            assert defaults[0] in compatible, f"{name}: default {defaults} for {k8s}"


_check_catalog()


def addon_versions(name, k8s):
    """The versions of add-on `name` compatible with cluster version `k8s`."""
    addon = ADDON_CATALOG.get(name)
    if not addon:
        return []
    return [v for v, versions, _ in addon["versions"] if k8s in versions]


def addon_default(name, k8s):
    addon = ADDON_CATALOG.get(name) or {"versions": []}
    for version, _, default in addon["versions"]:
        if k8s in default:
            return version
    return None


def release_version(version):
    """The EKS optimized AMI release of a Kubernetes version, e.g. 1.33.0-20250704."""
    return f"{version}.0-20250704"


def _version_key(version):
    """`v1.19.2-eksbuild.1` → (1, 19, 2, 1), for comparisons."""
    return tuple(int(number) for number in re.findall(r"\d+", version))


ACCESS_POLICIES = [
    "AmazonAIOpsAssistantPolicy",
    "AmazonARCRegionSwitchScalingPolicy",
    "AmazonEKSAdminPolicy",
    "AmazonEKSAdminViewPolicy",
    "AmazonEKSAutoNodePolicy",
    "AmazonEKSBlockStorageClusterPolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSClusterAdminPolicy",
    "AmazonEKSComputeClusterPolicy",
    "AmazonEKSComputePolicy",
    "AmazonEKSEditPolicy",
    "AmazonEKSHybridPolicy",
    "AmazonEKSLoadBalancingClusterPolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingClusterPolicy",
    "AmazonEKSNetworkingPolicy",
    "AmazonEKSSecretReaderPolicy",
    "AmazonEKSViewPolicy",
    "AmazonEMRJobPolicy",
    "AmazonSagemakerHyperpodClusterPolicy",
    "AmazonSagemakerHyperpodControllerPolicy",
    "AmazonSagemakerHyperpodSystemNamespacePolicy",
]
ACCESS_POLICY_ARN = re.compile(r"^arn:aws[a-z-]*:eks::aws:cluster-access-policy/([A-Za-z0-9]+)$")
PRINCIPAL_ARN = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):(role|user)/(?:.*/)?([^/]+)$")
ACCESS_ENTRY_TYPES = {
    "STANDARD",
    "FARGATE_LINUX",
    "EC2_LINUX",
    "EC2_WINDOWS",
    "EC2",
    "HYBRID_LINUX",
    "HYPERPOD_LINUX",
}

ERROR_STATUS = {
    "InvalidParameterException": 400,
    "InvalidRequestException": 400,
    "ResourceNotFoundException": 404,
    "NotFoundException": 404,
    "ResourceInUseException": 409,
    "BadRequestException": 400,
}


class EksError(Exception):
    """An EKS error answer: its type (the x-amzn-ErrorType), message and extra fields."""

    def __init__(self, kind, message, **fields):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.fields = fields


def eks_route(method, path):
    """(operation, {label: decoded value}) of an EKS request path, or (None, {})."""
    segments = path.strip("/").split("/")
    for route_method, template, operation in EKS_ROUTE_TABLE:
        if route_method != method:
            continue
        greedy = template[-1] == "{resourceArn}"
        if greedy:
            if len(segments) < len(template):
                continue
        elif len(segments) != len(template):
            continue
        params = {}
        for index, part in enumerate(template):
            if part.startswith("{"):
                if greedy and index == len(template) - 1:
                    raw = "/".join(segments[index:])
                else:
                    raw = segments[index]
                if not raw:
                    break
                params[part[1:-1]] = urllib.parse.unquote(raw)
            elif part != segments[index]:
                break
        else:
            return operation, params
    return None, {}


def eks_target(operation, params, query, request):
    """The resource an EKS request is about: the innermost name in its path (a created
    resource's name from the body), for the record."""
    request = request if isinstance(request, dict) else {}
    creates = {
        "CreateCluster": "name",
        "RegisterCluster": "name",
        "CreateNodegroup": "nodegroupName",
        "CreateFargateProfile": "fargateProfileName",
        "CreateAddon": "addonName",
        "CreateAccessEntry": "principalArn",
        "CreateCapability": "capabilityName",
    }
    if operation in creates and isinstance(request.get(creates[operation]), str):
        return request[creates[operation]]
    if operation == "CreatePodIdentityAssociation":
        namespace, account = request.get("namespace"), request.get("serviceAccount")
        if isinstance(namespace, str) and isinstance(account, str):
            return f"{namespace}/{account}"
    if operation in ("DescribeUpdate", "ListUpdates"):
        for key in ("nodegroupName", "addonName", "capabilityName"):
            if query.get(key):
                return query[key][0]
        return params.get("name")
    if operation == "DescribeAddonVersions":
        return (query.get("addonName") or [None])[0]
    for key in (
        "resourceArn",
        "nodegroupName",
        "fargateProfileName",
        "addonName",
        "principalArn",
        "associationId",
        "capabilityName",
        "id",
        "name",
    ):
        if key in params:
            return params[key]
    return None


def _now():
    return round(time.time(), 3)


def _update(kind, params, status="Successful"):
    return {
        "id": str(uuid.uuid4()),
        "status": status,
        "type": kind,
        "params": params,
        "createdAt": _now(),
        "errors": [],
    }


def _page(items, query, default_max=100, low=1, high=100):
    """One page of `items` by the maxResults and nextToken query parameters."""
    max_results = default_max
    if query.get("maxResults"):
        try:
            max_results = int(query["maxResults"][0])
        except ValueError:
            max_results = -1
        if not low <= max_results <= high:
            raise EksError(
                "InvalidParameterException",
                f"maxResults must be between {low} and {high}",
            )
    start = 0
    token = (query.get("nextToken") or [""])[0]
    if token:
        match = re.fullmatch(r"proxy-page-(\d+)", token)
        if not match:
            raise EksError("InvalidParameterException", "The nextToken is not valid")
        start = int(match.group(1))
    page = items[start : start + max_results]
    more = start + max_results < len(items)
    return page, (f"proxy-page-{start + max_results}" if more else None)


def _with_token(result, token):
    if token:
        result["nextToken"] = token
    return result


def _strings(value, field):
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EksError("InvalidParameterException", f"{field} must be a list of strings")
    return value


def _tags(value):
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise EksError("InvalidParameterException", "tags must be a map of strings")
    return dict(value)


class FakeCluster:
    """What the proxy keeps for one of moto's clusters."""

    def __init__(self, name, arn, created_at):
        self.name = name
        self.arn = arn
        self.created_at = created_at
        self.version = None  # set by UpdateClusterVersion
        self.access_config = None  # as CreateCluster asked it, when the proxy saw it
        self.addons = {}  # name → Addon
        self.addon_creating = {}  # name → DescribeAddon calls still answered CREATING
        self.access_entries = {}  # principal ARN → {"entry": AccessEntry, "policies": {}}
        self.pod_identity = {}  # association id → PodIdentityAssociation
        self.updates = {}  # id → {"update": Update, "scope": None | (kind, name)}


class EksState:
    def __init__(self):
        self.clusters = {}  # (account, region, name) → FakeCluster
        self.cluster_creating = {}  # (account, region, name) → describes left
        self.nodegroup_creating = {}  # (account, region, cluster, nodegroup) → left
        self.nodegroup_deleting = {}  # (account, region, cluster, nodegroup) → [left, body]
        # (account, region, cluster, nodegroup) → {"createdAt", "version", "releaseVersion"}
        self.nodegroup_versions = {}


def _account_of(arn):
    parts = (arn or "").split(":")
    return parts[4] if len(parts) > 5 else ""


class EksFake:
    """Answers the EKS operations moto lacks. Called with the state lock held."""

    def __init__(self, state):
        self.state = state

    # ---- cluster bookkeeping --------------------------------------------------------

    def cluster(self, region, moto_cluster):
        """The fake state of the cluster moto described, created on first use and
        renewed when moto's cluster is another one by that name (moto was reset)."""
        name = moto_cluster.get("name")
        arn = moto_cluster.get("arn", "")
        key = (_account_of(arn), region, name)
        fake = self.state.eks.clusters.get(key)
        if fake is None or fake.created_at != moto_cluster.get("createdAt"):
            fake = FakeCluster(name, arn, moto_cluster.get("createdAt"))
            self.state.eks.clusters[key] = fake
        return fake

    def known_cluster(self, region, moto_cluster):
        """Like `cluster`, but None when the proxy holds nothing for it."""
        key = (_account_of(moto_cluster.get("arn")), region, moto_cluster.get("name"))
        fake = self.state.eks.clusters.get(key)
        if fake is not None and fake.created_at == moto_cluster.get("createdAt"):
            return fake
        return None

    def forget_cluster(self, region, moto_cluster):
        account, name = _account_of(moto_cluster.get("arn")), moto_cluster.get("name")
        eks = self.state.eks
        eks.clusters.pop((account, region, name), None)
        eks.cluster_creating.pop((account, region, name), None)
        for table in (eks.nodegroup_creating, eks.nodegroup_deleting, eks.nodegroup_versions):
            for key in [k for k in table if k[:3] == (account, region, name)]:
                del table[key]

    def current_version(self, fake, moto_cluster):
        return fake.version or moto_cluster.get("version") or ""

    # ---- dispatch -------------------------------------------------------------------

    def handle(self, operation, ctx):
        return getattr(self, "op_" + operation)(ctx)

    # ---- add-ons --------------------------------------------------------------------

    def op_DescribeAddonVersions(self, ctx):
        query = ctx["query"]
        k8s = (query.get("kubernetesVersion") or [None])[0]
        wanted = (query.get("addonName") or [None])[0]
        types = set(query.get("types") or [])
        publishers = set(query.get("publishers") or [])
        owners = set(query.get("owners") or [])
        addons = []
        for name, addon in ADDON_CATALOG.items():
            if wanted and name != wanted:
                continue
            if types and addon["type"] not in types:
                continue
            if publishers and addon["publisher"] not in publishers:
                continue
            if owners and addon["owner"] not in owners:
                continue
            versions = []
            for version, compatible, defaults in addon["versions"]:
                clusters = [c for c in compatible if k8s is None or c == k8s]
                if not clusters:
                    continue
                versions.append(
                    {
                        "addonVersion": version,
                        "architecture": ["amd64", "arm64"],
                        "computeTypes": ["ec2", "hybrid"],
                        "compatibilities": [
                            {
                                "clusterVersion": cluster,
                                "platformVersions": ["*"],
                                "defaultVersion": cluster in defaults,
                            }
                            for cluster in clusters
                        ],
                        "requiresConfiguration": False,
                        "requiresIamPermissions": addon["iam"],
                    }
                )
            if not versions:
                continue
            addons.append(
                {
                    "addonName": name,
                    "type": addon["type"],
                    "addonVersions": versions,
                    "publisher": addon["publisher"],
                    "owner": addon["owner"],
                    "defaultNamespace": addon["namespace"],
                }
            )
        page, token = _page(addons, query)
        return 200, _with_token({"addons": page}, token)

    def _addon(self, ctx):
        fake, name = ctx["fake"], ctx["params"]["addonName"]
        addon = fake.addons.get(name)
        if addon is None:
            raise EksError(
                "ResourceNotFoundException",
                f"No addon: {name} found in cluster: {fake.name}",
                clusterName=fake.name,
                addonName=name,
            )
        return addon

    def _check_addon_version(self, name, version, k8s):
        if version not in addon_versions(name, k8s):
            raise EksError(
                "InvalidParameterException",
                f"Addon version specified is not supported for addon {name} "
                f"on Kubernetes version {k8s}",
                addonName=name,
            )

    def _pod_identity_for_addon(self, ctx, name, associations, owner_arn):
        if associations is None:
            return []
        if not isinstance(associations, list) or not all(
            isinstance(a, dict)
            and isinstance(a.get("serviceAccount"), str)
            and isinstance(a.get("roleArn"), str)
            for a in associations
        ):
            raise EksError(
                "InvalidParameterException",
                "podIdentityAssociations must list serviceAccount and roleArn",
                addonName=name,
            )
        namespace = ADDON_CATALOG[name]["namespace"]
        taken = {
            (a["namespace"], a["serviceAccount"])
            for a in ctx["fake"].pod_identity.values()
            if a.get("ownerArn") != owner_arn
        }
        wanted = [(namespace, a["serviceAccount"]) for a in associations]
        for pair in wanted:
            if pair in taken or wanted.count(pair) > 1:
                raise EksError(
                    "ResourceInUseException",
                    f"Association already exists for service account {pair[1]} "
                    f"in namespace {pair[0]}",
                    clusterName=ctx["fake"].name,
                    addonName=name,
                )
        for association_id in [
            a["associationId"]
            for a in ctx["fake"].pod_identity.values()
            if a.get("ownerArn") == owner_arn
        ]:
            del ctx["fake"].pod_identity[association_id]
        arns = []
        for association in associations:
            created = self._new_association(
                ctx,
                namespace,
                association["serviceAccount"],
                association["roleArn"],
                {},
                owner_arn,
            )
            arns.append(created["associationArn"])
        return arns

    def op_CreateAddon(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        name = request.get("addonName")
        if not isinstance(name, str) or not name:
            raise EksError("InvalidParameterException", "addonName is required")
        if name not in ADDON_CATALOG:
            raise EksError(
                "InvalidParameterException",
                f"Addon {name} specified is not supported",
                clusterName=fake.name,
                addonName=name,
            )
        if name in fake.addons:
            raise EksError(
                "ResourceInUseException",
                "Addon already exists.",
                clusterName=fake.name,
                addonName=name,
            )
        k8s = self.current_version(fake, ctx["moto_cluster"])
        version = request.get("addonVersion")
        if version is None:
            version = addon_default(name, k8s)
            if version is None:
                raise EksError(
                    "InvalidParameterException",
                    f"Addon {name} specified is not supported in {k8s} kubernetes version",
                    clusterName=fake.name,
                    addonName=name,
                )
        else:
            self._check_addon_version(name, version, k8s)
        tags = _tags(request.get("tags"))
        catalog = ADDON_CATALOG[name]
        now = _now()
        arn = (
            f"arn:aws:eks:{ctx['region']}:{ctx['account']}:addon/{fake.name}/{name}/"
            f"{uuid.uuid4()}"
        )
        addon = {
            "addonName": name,
            "clusterName": fake.name,
            "status": "ACTIVE",
            "addonVersion": version,
            "health": {"issues": []},
            "addonArn": arn,
            "createdAt": now,
            "modifiedAt": now,
            "tags": tags,
            "publisher": catalog["publisher"],
            "owner": catalog["owner"],
        }
        for field in ("serviceAccountRoleArn", "configurationValues"):
            if isinstance(request.get(field), str) and request[field]:
                addon[field] = request[field]
        addon["podIdentityAssociations"] = self._pod_identity_for_addon(
            ctx, name, request.get("podIdentityAssociations"), arn
        )
        fake.addons[name] = addon
        creating = self.state.addon_creating_describes
        fake.addon_creating[name] = creating
        answer = dict(addon, status="CREATING" if creating > 0 else "ACTIVE")
        return 200, {"addon": answer}

    def op_DescribeAddon(self, ctx):
        fake = ctx["fake"]
        addon = self._addon(ctx)
        name = addon["addonName"]
        left = fake.addon_creating.get(name, 0)
        if left > 0:
            fake.addon_creating[name] = left - 1
            return 200, {"addon": dict(addon, status="CREATING")}
        return 200, {"addon": dict(addon)}

    def op_ListAddons(self, ctx):
        page, token = _page(sorted(ctx["fake"].addons), ctx["query"])
        return 200, _with_token({"addons": page}, token)

    def op_UpdateAddon(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        addon = self._addon(ctx)
        name = addon["addonName"]
        params = []
        version = request.get("addonVersion")
        if version is not None:
            k8s = self.current_version(fake, ctx["moto_cluster"])
            self._check_addon_version(name, version, k8s)
            if _version_key(version) < _version_key(addon["addonVersion"]):
                raise EksError(
                    "InvalidParameterException",
                    f"Updating addon {name} from {addon['addonVersion']} to {version} "
                    "is not supported: add-ons cannot be downgraded",
                    clusterName=fake.name,
                    addonName=name,
                )
            params.append({"type": "AddonVersion", "value": version})
        for field, kind in (
            ("serviceAccountRoleArn", "ServiceAccountRoleArn"),
            ("configurationValues", "ConfigurationValues"),
        ):
            if field in request and request[field] is not None:
                params.append({"type": kind, "value": request[field]})
        if request.get("resolveConflicts"):
            params.append({"type": "ResolveConflicts", "value": request["resolveConflicts"]})
        associations = request.get("podIdentityAssociations")
        if associations is not None:
            addon["podIdentityAssociations"] = self._pod_identity_for_addon(
                ctx, name, associations, addon["addonArn"]
            )
            params.append(
                {"type": "PodIdentityAssociations", "value": json.dumps(associations)}
            )
        if version is not None:
            addon["addonVersion"] = version
        for field in ("serviceAccountRoleArn", "configurationValues"):
            if field in request and request[field] is not None:
                if request[field]:
                    addon[field] = request[field]
                else:
                    addon.pop(field, None)
        addon["modifiedAt"] = _now()
        update = _update("AddonUpdate", params)
        fake.updates[update["id"]] = {"update": update, "scope": ("addon", name)}
        return 200, {"update": dict(update)}

    def op_DeleteAddon(self, ctx):
        fake = ctx["fake"]
        addon = self._addon(ctx)
        name = addon["addonName"]
        del fake.addons[name]
        fake.addon_creating.pop(name, None)
        if (ctx["query"].get("preserve") or ["false"])[0] != "true":
            for association_id in [
                a["associationId"]
                for a in fake.pod_identity.values()
                if a.get("ownerArn") == addon["addonArn"]
            ]:
                del fake.pod_identity[association_id]
        return 200, {"addon": dict(addon, status="DELETING")}

    # ---- access entries -------------------------------------------------------------

    def _entry(self, ctx):
        principal = ctx["params"]["principalArn"]
        entry = ctx["fake"].access_entries.get(principal)
        if entry is None:
            raise EksError(
                "ResourceNotFoundException",
                f"The specified principalArn could not be found: {principal}",
                clusterName=ctx["fake"].name,
            )
        return entry

    def op_CreateAccessEntry(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        principal = request.get("principalArn")
        if not isinstance(principal, str) or not principal:
            raise EksError("InvalidParameterException", "principalArn is required")
        match = PRINCIPAL_ARN.match(principal)
        if not match:
            raise EksError(
                "InvalidParameterException",
                f"The specified principalArn is invalid: {principal}",
                clusterName=fake.name,
            )
        principal_account, principal_kind, principal_name = match.groups()
        kind = request.get("type") or "STANDARD"
        if kind not in ACCESS_ENTRY_TYPES:
            raise EksError(
                "InvalidParameterException",
                f"The type {kind} is not valid",
                clusterName=fake.name,
            )
        if principal in fake.access_entries:
            raise EksError(
                "ResourceInUseException",
                f"The specified access entry resource is already in use on this cluster: "
                f"{principal}",
                clusterName=fake.name,
            )
        groups = _strings(request.get("kubernetesGroups"), "kubernetesGroups")
        username = request.get("username")
        if kind == "STANDARD":
            groups = groups or []
            if not username:
                username = (
                    f"arn:aws:sts::{principal_account}:assumed-role/{principal_name}/"
                    "{{SessionName}}"
                    if principal_kind == "role"
                    else principal
                )
        else:
            if groups or username:
                raise EksError(
                    "InvalidParameterException",
                    f"kubernetesGroups and username cannot be set for type {kind}",
                    clusterName=fake.name,
                )
            if principal_kind != "role":
                raise EksError(
                    "InvalidParameterException",
                    f"The principalArn of an access entry of type {kind} must be a role",
                    clusterName=fake.name,
                )
            groups = ["system:nodes"]
            username = (
                "system:node:{{EC2PrivateDNSName}}"
                if kind.startswith("EC2")
                else "system:node:{{SessionName}}"
            )
        now = _now()
        entry = {
            "clusterName": fake.name,
            "principalArn": principal,
            "kubernetesGroups": groups,
            "accessEntryArn": (
                f"arn:aws:eks:{ctx['region']}:{ctx['account']}:access-entry/{fake.name}/"
                f"{principal_kind}/{principal_account}/{principal_name}/{uuid.uuid4()}"
            ),
            "createdAt": now,
            "modifiedAt": now,
            "tags": _tags(request.get("tags")),
            "username": username,
            "type": kind,
        }
        fake.access_entries[principal] = {"entry": entry, "policies": {}}
        return 200, {"accessEntry": dict(entry)}

    def op_DescribeAccessEntry(self, ctx):
        return 200, {"accessEntry": dict(self._entry(ctx)["entry"])}

    def op_ListAccessEntries(self, ctx):
        entries = ctx["fake"].access_entries
        policy = (ctx["query"].get("associatedPolicyArn") or [None])[0]
        principals = sorted(
            principal
            for principal, entry in entries.items()
            if policy is None or policy in entry["policies"]
        )
        page, token = _page(principals, ctx["query"])
        return 200, _with_token({"accessEntries": page}, token)

    def op_UpdateAccessEntry(self, ctx):
        request = ctx["request"]
        entry = self._entry(ctx)["entry"]
        groups = _strings(request.get("kubernetesGroups"), "kubernetesGroups")
        username = request.get("username")
        if entry["type"] != "STANDARD" and (groups is not None or username):
            raise EksError(
                "InvalidParameterException",
                f"kubernetesGroups and username cannot be set for type {entry['type']}",
                clusterName=ctx["fake"].name,
            )
        if groups is not None:
            entry["kubernetesGroups"] = groups
        if username:
            entry["username"] = username
        entry["modifiedAt"] = _now()
        return 200, {"accessEntry": dict(entry)}

    def op_DeleteAccessEntry(self, ctx):
        self._entry(ctx)
        del ctx["fake"].access_entries[ctx["params"]["principalArn"]]
        return 200, {}

    def op_AssociateAccessPolicy(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        entry = self._entry(ctx)
        policy = request.get("policyArn")
        if not isinstance(policy, str) or not ACCESS_POLICY_ARN.match(policy):
            raise EksError(
                "InvalidParameterException",
                f"The specified policyArn is invalid: {policy}",
                clusterName=fake.name,
            )
        if ACCESS_POLICY_ARN.match(policy).group(1) not in ACCESS_POLICIES:
            raise EksError(
                "ResourceNotFoundException",
                f"The specified policyArn could not be found: {policy}",
                clusterName=fake.name,
            )
        if entry["entry"]["type"] != "STANDARD":
            raise EksError(
                "InvalidRequestException",
                "Access policies can only be associated with access entries of type "
                "STANDARD",
                clusterName=fake.name,
            )
        scope = request.get("accessScope")
        if not isinstance(scope, dict) or scope.get("type") not in ("cluster", "namespace"):
            raise EksError(
                "InvalidParameterException",
                "accessScope.type must be cluster or namespace",
                clusterName=fake.name,
            )
        namespaces = _strings(scope.get("namespaces"), "accessScope.namespaces") or []
        if scope["type"] == "namespace" and not namespaces:
            raise EksError(
                "InvalidParameterException",
                "accessScope.namespaces is required for an accessScope of type namespace",
                clusterName=fake.name,
            )
        if scope["type"] == "cluster" and namespaces:
            raise EksError(
                "InvalidParameterException",
                "accessScope.namespaces must be empty for an accessScope of type cluster",
                clusterName=fake.name,
            )
        now = _now()
        previous = entry["policies"].get(policy)
        associated = {
            "policyArn": policy,
            "accessScope": {"type": scope["type"], "namespaces": namespaces},
            "associatedAt": previous["associatedAt"] if previous else now,
            "modifiedAt": now,
        }
        entry["policies"][policy] = associated
        return 200, {
            "clusterName": fake.name,
            "principalArn": entry["entry"]["principalArn"],
            "associatedAccessPolicy": dict(associated),
        }

    def op_ListAssociatedAccessPolicies(self, ctx):
        entry = self._entry(ctx)
        policies = [entry["policies"][arn] for arn in sorted(entry["policies"])]
        page, token = _page(policies, ctx["query"])
        return 200, _with_token(
            {
                "clusterName": ctx["fake"].name,
                "principalArn": entry["entry"]["principalArn"],
                "associatedAccessPolicies": page,
            },
            token,
        )

    def op_DisassociateAccessPolicy(self, ctx):
        entry = self._entry(ctx)
        policy = ctx["params"]["policyArn"]
        if policy not in entry["policies"]:
            raise EksError(
                "ResourceNotFoundException",
                f"The specified policyArn is not associated with the access entry: {policy}",
                clusterName=ctx["fake"].name,
            )
        del entry["policies"][policy]
        return 200, {}

    def op_ListAccessPolicies(self, ctx):
        policies = [
            {"name": name, "arn": f"arn:aws:eks::aws:cluster-access-policy/{name}"}
            for name in ACCESS_POLICIES
        ]
        page, token = _page(policies, ctx["query"])
        return 200, _with_token({"accessPolicies": page}, token)

    # ---- pod identity associations -------------------------------------------------

    def _new_association(self, ctx, namespace, service_account, role, tags, owner=None):
        fake = ctx["fake"]
        for association in fake.pod_identity.values():
            if (association["namespace"], association["serviceAccount"]) == (
                namespace,
                service_account,
            ):
                raise EksError(
                    "ResourceInUseException",
                    f"Association already exists for service account {service_account} "
                    f"in namespace {namespace}",
                    clusterName=fake.name,
                )
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        association_id = "a-" + "".join(random.choice(alphabet) for _ in range(17))
        now = _now()
        association = {
            "clusterName": fake.name,
            "namespace": namespace,
            "serviceAccount": service_account,
            "roleArn": role,
            "associationArn": (
                f"arn:aws:eks:{ctx['region']}:{ctx['account']}:podidentityassociation/"
                f"{fake.name}/{association_id}"
            ),
            "associationId": association_id,
            "tags": tags,
            "createdAt": now,
            "modifiedAt": now,
            "disableSessionTags": False,
        }
        if owner:
            association["ownerArn"] = owner
        fake.pod_identity[association_id] = association
        return association

    def _association(self, ctx):
        association_id = ctx["params"]["associationId"]
        association = ctx["fake"].pod_identity.get(association_id)
        if association is None:
            raise EksError(
                "ResourceNotFoundException",
                f"No association found for ID: {association_id}",
                clusterName=ctx["fake"].name,
            )
        return association

    def op_CreatePodIdentityAssociation(self, ctx):
        request = ctx["request"]
        for field in ("namespace", "serviceAccount", "roleArn"):
            if not isinstance(request.get(field), str) or not request[field]:
                raise EksError("InvalidParameterException", f"{field} is required")
        association = self._new_association(
            ctx,
            request["namespace"],
            request["serviceAccount"],
            request["roleArn"],
            _tags(request.get("tags")),
        )
        if isinstance(request.get("disableSessionTags"), bool):
            association["disableSessionTags"] = request["disableSessionTags"]
        for field in ("targetRoleArn", "policy"):
            if isinstance(request.get(field), str):
                association[field] = request[field]
        return 200, {"association": dict(association)}

    def op_DescribePodIdentityAssociation(self, ctx):
        return 200, {"association": dict(self._association(ctx))}

    def op_ListPodIdentityAssociations(self, ctx):
        query = ctx["query"]
        namespace = (query.get("namespace") or [None])[0]
        service_account = (query.get("serviceAccount") or [None])[0]
        summaries = [
            {
                key: association[key]
                for key in (
                    "clusterName",
                    "namespace",
                    "serviceAccount",
                    "associationArn",
                    "associationId",
                    "ownerArn",
                )
                if key in association
            }
            for association in sorted(
                ctx["fake"].pod_identity.values(),
                key=lambda a: (a["namespace"], a["serviceAccount"]),
            )
            if (namespace is None or association["namespace"] == namespace)
            and (service_account is None or association["serviceAccount"] == service_account)
        ]
        page, token = _page(summaries, query)
        return 200, _with_token({"associations": page}, token)

    def op_UpdatePodIdentityAssociation(self, ctx):
        request = ctx["request"]
        association = self._association(ctx)
        for field in ("roleArn", "targetRoleArn", "policy"):
            if isinstance(request.get(field), str):
                association[field] = request[field]
        if isinstance(request.get("disableSessionTags"), bool):
            association["disableSessionTags"] = request["disableSessionTags"]
        association["modifiedAt"] = _now()
        return 200, {"association": dict(association)}

    def op_DeletePodIdentityAssociation(self, ctx):
        association = self._association(ctx)
        del ctx["fake"].pod_identity[association["associationId"]]
        return 200, {"association": dict(association)}

    # ---- cluster version updates ----------------------------------------------------

    def op_UpdateClusterVersion(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        version = request.get("version")
        if not isinstance(version, str) or not version:
            raise EksError("InvalidParameterException", "version is required")
        current = self.current_version(fake, ctx["moto_cluster"])
        current_key, wanted_key = _version_key(current), _version_key(version)
        if version not in KUBERNETES_VERSIONS:
            raise EksError(
                "InvalidParameterException",
                f"Kubernetes version {version} is not supported",
                clusterName=fake.name,
            )
        if (
            len(current_key) < 2
            or len(wanted_key) != 2
            or wanted_key != (current_key[0], current_key[1] + 1)
        ):
            raise EksError(
                "InvalidParameterException",
                f"Unsupported Kubernetes minor version update from {current} to {version}",
                clusterName=fake.name,
            )
        fake.version = version
        update = _update(
            "VersionUpdate",
            [
                {"type": "Version", "value": version},
                {"type": "PlatformVersion", "value": "eks.1"},
            ],
            status="InProgress",
        )
        fake.updates[update["id"]] = {"update": update, "scope": None}
        return 200, {"update": dict(update)}

    def op_UpdateNodegroupVersion(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        nodegroup = ctx["moto_nodegroup"]
        name = nodegroup.get("nodegroupName")
        key = (ctx["account"], ctx["region"], fake.name, name)
        versions = self.state.eks.nodegroup_versions
        known = versions.get(key)
        if known and known["createdAt"] != nodegroup.get("createdAt"):
            known = None
        current = known["version"] if known else nodegroup.get("version") or ""
        cluster_version = self.current_version(fake, ctx["moto_cluster"])
        version = request.get("version") or cluster_version
        if not isinstance(version, str) or (
            _version_key(version) > _version_key(cluster_version)
            or _version_key(version) < _version_key(current)
        ):
            raise EksError(
                "InvalidParameterException",
                f"Requested Kubernetes version {version} is invalid for node group {name} "
                f"at {current} in a cluster at {cluster_version}",
                clusterName=fake.name,
                nodegroupName=name,
            )
        release = request.get("releaseVersion") or release_version(version)
        versions[key] = {
            "createdAt": nodegroup.get("createdAt"),
            "version": version,
            "releaseVersion": release,
        }
        update = _update(
            "VersionUpdate",
            [
                {"type": "Version", "value": version},
                {"type": "ReleaseVersion", "value": release},
            ],
            status="InProgress",
        )
        fake.updates[update["id"]] = {"update": update, "scope": ("nodegroup", name)}
        return 200, {"update": dict(update)}

    def _scope(self, query):
        for key, kind in (
            ("nodegroupName", "nodegroup"),
            ("addonName", "addon"),
            ("capabilityName", "capability"),
        ):
            if query.get(key):
                return (kind, query[key][0])
        return None

    def op_DescribeUpdate(self, ctx):
        fake, update_id = ctx["fake"], ctx["params"]["updateId"]
        known = fake.updates.get(update_id)
        if known is None:
            raise EksError(
                "ResourceNotFoundException",
                f"No update found for ID: {update_id}",
                clusterName=fake.name,
            )
        known["update"]["status"] = "Successful"
        return 200, {"update": dict(known["update"])}

    def op_ListUpdates(self, ctx):
        fake, scope = ctx["fake"], self._scope(ctx["query"])
        ids = [
            update_id
            for update_id, known in fake.updates.items()
            if known["scope"] == scope
        ]
        page, token = _page(ids, ctx["query"])
        return 200, _with_token({"updateIds": page}, token)

    # ---- tags of faked resources ----------------------------------------------------

    def tagged(self, ctx):
        """The faked resource whose ARN is in a tag request's path."""
        arn = ctx["params"]["resourceArn"]
        fake = ctx["fake"]
        resources = list(fake.addons.values()) if fake else []
        resources += [e["entry"] for e in fake.access_entries.values()] if fake else []
        resources += list(fake.pod_identity.values()) if fake else []
        for resource in resources:
            if arn in (
                resource.get("addonArn"),
                resource.get("accessEntryArn"),
                resource.get("associationArn"),
            ):
                return resource
        raise EksError("NotFoundException", f"Resource not found: {arn}")

    def op_TagResource(self, ctx):
        resource = self.tagged(ctx)
        resource.setdefault("tags", {}).update(_tags(ctx["request"].get("tags")))
        return 200, {}

    def op_UntagResource(self, ctx):
        resource = self.tagged(ctx)
        for key in ctx["query"].get("tagKeys") or []:
            resource.setdefault("tags", {}).pop(key, None)
        return 200, {}

    def op_ListTagsForResource(self, ctx):
        return 200, {"tags": dict(self.tagged(ctx).get("tags") or {})}


EKS_CLUSTERLESS = {"DescribeAddonVersions", "ListAccessPolicies"}


def eks_faked_cluster(operation, params):
    """The cluster name a faked EKS operation is about, "" when none, None when the
    operation is not faked (moto answers it)."""
    if operation in EKS_CLUSTERLESS:
        return ""
    if operation in EKS_FAKED:
        return params.get("name", "")
    if operation in EKS_TAG_OPERATIONS:
        match = EKS_FAKED_ARN.match(params.get("resourceArn", ""))
        if match:
            return match.group(4)
    return None


def json_answer(status, value, request_id=None):
    headers = [
        ("Content-Type", "application/json"),
        ("x-amzn-RequestId", request_id or str(uuid.uuid4())),
    ]
    return status, headers, json.dumps(value).encode()


def eks_error_answer(error):
    status = ERROR_STATUS.get(error.kind, 400)
    value = dict(error.fields)
    value["message"] = error.message
    status, headers, body = json_answer(status, value)
    headers.append(("x-amzn-ErrorType", error.kind))
    return status, headers, body


# moto answers the proxy edits (see the module's docstring).
EKS_REWRITTEN = {
    "CreateCluster",
    "DescribeCluster",
    "DeleteCluster",
    "UpdateClusterConfig",
    "CreateNodegroup",
    "DescribeNodegroup",
    "DeleteNodegroup",
    "UpdateNodegroupConfig",
}


def config_update(request):
    """(type, params) of the update EKS answers an UpdateClusterConfig with."""

    def value(item):
        return item if isinstance(item, str) else json.dumps(item)

    vpc = request.get("resourcesVpcConfig")
    vpc = vpc if isinstance(vpc, dict) else {}
    if request.get("logging") is not None:
        return "LoggingUpdate", [{"type": "ClusterLogging", "value": value(request["logging"])}]
    endpoint = [
        ("endpointPublicAccess", "EndpointPublicAccess"),
        ("endpointPrivateAccess", "EndpointPrivateAccess"),
        ("publicAccessCidrs", "PublicAccessCidrs"),
    ]
    if any(field in vpc for field, _ in endpoint):
        return "EndpointAccessUpdate", [
            {"type": kind, "value": value(vpc[field])} for field, kind in endpoint if field in vpc
        ]
    if vpc:
        subnets = [("subnetIds", "Subnets"), ("securityGroupIds", "SecurityGroups")]
        return "VpcConfigUpdate", [
            {"type": kind, "value": value(vpc[field])} for field, kind in subnets if field in vpc
        ]
    access = request.get("accessConfig")
    if isinstance(access, dict) and access.get("authenticationMode"):
        return "AccessConfigUpdate", [
            {"type": "AuthenticationMode", "value": access["authenticationMode"]}
        ]
    for field, kind, param in (
        ("upgradePolicy", "UpgradePolicyUpdate", "UpgradePolicy"),
        ("zonalShiftConfig", "ZonalShiftConfigUpdate", "ZonalShiftConfig"),
        ("computeConfig", "AutoModeUpdate", "ComputeConfig"),
        ("storageConfig", "AutoModeUpdate", "StorageConfig"),
        ("kubernetesNetworkConfig", "AutoModeUpdate", "KubernetesNetworkConfig"),
        ("remoteNetworkConfig", "RemoteNetworkConfigUpdate", "RemoteNetworkConfig"),
        ("deletionProtection", "DeletionProtectionUpdate", "DeletionProtection"),
    ):
        if request.get(field) is not None:
            return kind, [{"type": param, "value": value(request[field])}]
    return "ConfigUpdate", []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without this, Nagle's algorithm and
    # delayed ACKs add 40 ms to every answer.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline().strip()
                size = int(size_line.split(b";")[0] or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _reply(self, status, headers, body, head=False, reason=None):
        self.send_response(status, reason)
        has_length = False
        for name, value in headers:
            lower = name.lower()
            if lower in HOP_BY_HOP:
                continue
            if lower == "content-length":
                if not head:
                    continue
                has_length = True
            self.send_header(name, value)
        if not head:
            self.send_header("Content-Length", str(len(body)))
        elif not has_length:
            self.send_header("Content-Length", "0")
        if self.close_connection:
            # Say so, or a client reusing the connection meets a closed socket.
            self.send_header("Connection", "close")
        self.end_headers()
        if not head and body:
            self.wfile.write(body)
        self.wfile.flush()

    def _json(self, status, value):
        body = json.dumps(value).encode()
        self._reply(status, [("Content-Type", "application/json")], body)

    def _control(self, method, path, body):
        state = STATE
        if method == "GET" and path == "/__proxy/log":
            with state.lock:
                records = [dict(record) for record in state.records]
            return self._json(200, records)
        if method == "POST" and path == "/__proxy/reset":
            with state.lock:
                state.reset()
            return self._json(200, {"ok": True})
        if method == "POST" and path == "/__proxy/clear-log":
            with state.lock:
                state.records = []
            return self._json(200, {"ok": True})
        if method == "POST" and path == "/__proxy/config":
            try:
                config = json.loads(body or b"{}")
                if not isinstance(config, dict):
                    raise ValueError("the config is a JSON object")
                endpoint = config.get("eks_endpoint")
                if endpoint is not None and not (
                    isinstance(endpoint, dict)
                    and isinstance(endpoint.get("url"), str)
                    and isinstance(endpoint.get("ca_data"), str)
                ):
                    raise ValueError('eks_endpoint is {"url": …, "ca_data": …} or null')
                delays = {
                    key: max(0, int(config[key]))
                    for key in (
                        "eks_creating_describes",
                        "nodegroup_creating_describes",
                        "nodegroup_deleting_describes",
                        "addon_creating_describes",
                    )
                    if key in config
                }
            except (ValueError, TypeError) as error:
                return self._json(400, {"error": str(error)})
            fire = None
            with state.lock:
                if "latency_ms" in config:
                    state.latency_ms = max(0, int(config["latency_ms"]))
                if "fault_rate" in config:
                    state.fault_rate = min(1.0, max(0.0, float(config["fault_rate"])))
                    state.rng = random.Random(config.get("seed", 0))
                if "kill_at" in config:
                    kill_at = config["kill_at"]
                    if kill_at is None:
                        state.kill_at = None
                    else:
                        state.kill_at = {
                            "pid": int(kill_at["pid"]),
                            "n": int(kill_at["n"]),
                            "when": kill_at.get("when", "before"),
                            "fired": None,
                        }
                        # The n-th request already went by (a race with a fast
                        # client): kill now rather than never.
                        if len(state.records) >= state.kill_at["n"]:
                            state.kill_at["fired"] = len(state.records)
                            fire = state.kill_at["pid"]
                if "eks_endpoint" in config:
                    state.eks_endpoint = (
                        {"url": endpoint["url"], "ca_data": endpoint["ca_data"]}
                        if endpoint
                        else None
                    )
                for key, value in delays.items():
                    setattr(state, key, value)
                current = state.config()
            if fire is not None:
                kill(fire)
            return self._json(200, current)
        if method == "GET" and path == "/__proxy/config":
            with state.lock:
                current = state.config()
            return self._json(200, current)
        return self._json(404, {"error": f"no control endpoint {method} {path}"})

    # ---- talking to moto ------------------------------------------------------------

    def _upstream_headers(self, body):
        headers = {}
        for name, value in self.headers.items():
            if name.lower() in HOP_BY_HOP or name.lower() == "content-length":
                continue
            headers[name] = value
        headers["Content-Length"] = str(len(body))
        return headers

    def _upstream(self, method, path, body):
        """One request to moto with the client's headers: (status, reason, headers,
        body). Raises when moto fell over."""
        upstream = urllib.parse.urlsplit(STATE.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=self._upstream_headers(body))
            response = connection.getresponse()
            reply = response.read()
            return response.status, response.reason, response.getheaders(), reply
        finally:
            connection.close()

    def _moto_cluster(self, name):
        """moto's DescribeCluster of `name`: (status, reason, headers, body, cluster),
        cluster a dict when moto answered 200."""
        path = "/clusters/" + urllib.parse.quote(name, safe="")
        status, reason, headers, body = self._upstream("GET", path, b"")
        cluster = None
        if status == 200:
            try:
                cluster = json.loads(body)["cluster"]
            except (ValueError, KeyError, TypeError):
                cluster = None
        return status, reason, headers, body, cluster

    # ---- EKS ------------------------------------------------------------------------

    def _eks_fake(self, eks):
        """The proxy's own answer to a faked EKS operation: (status, headers, body)."""
        state = STATE
        engine = EksFake(state)
        operation = eks["operation"]
        request = eks["request"]
        if eks["body"] and request is None:
            return eks_error_answer(
                EksError("InvalidParameterException", "The request body is not valid JSON")
            )
        if request is not None and not isinstance(request, dict):
            return eks_error_answer(
                EksError("InvalidParameterException", "The request body is not an object")
            )
        ctx = {
            "params": eks["params"],
            "query": eks["query"],
            "request": request or {},
            "region": eks["region"],
            "fake": None,
            "moto_cluster": None,
            "account": "",
        }
        cluster_name = eks["cluster"]
        tags = operation in EKS_TAG_OPERATIONS
        try:
            if cluster_name:
                status, reason, headers, body, cluster = self._moto_cluster(cluster_name)
                if status == 404:
                    if tags:
                        raise EksError(
                            "NotFoundException",
                            f"Resource not found: {eks['params'].get('resourceArn')}",
                        )
                    raise EksError(
                        "ResourceNotFoundException",
                        f"No cluster found for name: {cluster_name}.",
                        clusterName=cluster_name,
                    )
                if cluster is None:
                    return status, headers, body
                ctx["moto_cluster"] = cluster
                ctx["account"] = _account_of(cluster.get("arn"))
                if operation == "UpdateNodegroupVersion":
                    path = "/clusters/{}/node-groups/{}".format(
                        urllib.parse.quote(cluster_name, safe=""),
                        urllib.parse.quote(eks["params"]["nodegroupName"], safe=""),
                    )
                    status, reason, headers, body = self._upstream("GET", path, b"")
                    try:
                        ctx["moto_nodegroup"] = json.loads(body)["nodegroup"]
                    except (ValueError, KeyError, TypeError):
                        return status, headers, body
            with state.lock:
                if cluster_name:
                    if tags:
                        ctx["fake"] = engine.known_cluster(eks["region"], ctx["moto_cluster"])
                    else:
                        ctx["fake"] = engine.cluster(eks["region"], ctx["moto_cluster"])
                        self._eks_check_access_mode(operation, ctx)
                status, value = engine.handle(operation, ctx)
                return json_answer(status, copy.deepcopy(value))
        except EksError as error:
            return eks_error_answer(error)

    @staticmethod
    def _eks_check_access_mode(operation, ctx):
        fake = ctx["fake"]
        if not (
            "AccessEntr" in operation or "AccessPolic" in operation
        ) or fake.access_config is None:
            return
        mode = fake.access_config.get("authenticationMode")
        if mode not in ("API", "API_AND_CONFIG_MAP"):
            raise EksError(
                "InvalidRequestException",
                "The cluster's authentication mode must be set to one of "
                "[API, API_AND_CONFIG_MAP] to perform this operation.",
                clusterName=fake.name,
            )

    def _eks_before(self, eks, body):
        """The body moto gets for an EKS request: UpdateClusterConfig's
        resourcesVpcConfig merged into the cluster's (moto replaces the whole object)."""
        request = eks["request"]
        if eks["operation"] != "UpdateClusterConfig" or not isinstance(request, dict):
            return body
        vpc = request.get("resourcesVpcConfig")
        if not isinstance(vpc, dict) or not eks["cluster"]:
            return body
        cluster = self._moto_cluster(eks["cluster"])[4]
        if cluster is None:
            return body
        merged = dict(cluster.get("resourcesVpcConfig") or {})
        merged.update(vpc)
        return json.dumps(dict(request, resourcesVpcConfig=merged)).encode()

    def _eks_after(self, eks, status, headers, reply):
        """moto's answer to an EKS request, as the client gets it: (status, headers,
        body, answered_by)."""
        state = STATE
        engine = EksFake(state)
        operation, region = eks["operation"], eks["region"]
        if operation == "DescribeNodegroup" and status == 404:
            return self._eks_deleting_nodegroup(eks, status, headers, reply)
        if status != 200 or operation not in EKS_REWRITTEN:
            return status, headers, reply, "moto"
        try:
            value = json.loads(reply)
        except ValueError:
            return status, headers, reply, "moto"
        if not isinstance(value, dict):
            return status, headers, reply, "moto"
        moto_cluster = None
        if eks["cluster"] and operation in (
            "UpdateClusterConfig",
            "UpdateNodegroupConfig",
            "CreateNodegroup",
        ):
            moto_cluster = self._moto_cluster(eks["cluster"])[4]
        with state.lock:
            cluster = value.get("cluster")
            nodegroup = value.get("nodegroup")
            if isinstance(cluster, dict) and operation != "UpdateClusterConfig":
                key = (_account_of(cluster.get("arn")), region, cluster.get("name"))
                if operation == "CreateCluster":
                    fake = engine.cluster(region, cluster)
                    access = (eks["request"] or {}).get("accessConfig")
                    access = access if isinstance(access, dict) else {}
                    fake.access_config = {
                        "bootstrapClusterCreatorAdminPermissions": access.get(
                            "bootstrapClusterCreatorAdminPermissions", True
                        ),
                        "authenticationMode": access.get("authenticationMode", "CONFIG_MAP"),
                    }
                fake = engine.known_cluster(region, cluster)
                if fake is not None:
                    if fake.version:
                        cluster["version"] = fake.version
                    if fake.access_config is not None:
                        cluster["accessConfig"] = dict(fake.access_config)
                if state.eks_endpoint:
                    cluster["endpoint"] = state.eks_endpoint["url"]
                    authority = cluster.get("certificateAuthority")
                    if not isinstance(authority, dict):
                        authority = cluster["certificateAuthority"] = {}
                    authority["data"] = state.eks_endpoint["ca_data"]
                if operation == "CreateCluster":
                    left = state.eks_creating_describes
                    state.eks.cluster_creating.pop(key, None)
                    if left > 0:
                        state.eks.cluster_creating[key] = left
                        cluster["status"] = "CREATING"
                elif operation == "DescribeCluster":
                    left = state.eks.cluster_creating.get(key, 0)
                    if left > 0:
                        cluster["status"] = "CREATING"
                        if left == 1:
                            del state.eks.cluster_creating[key]
                        else:
                            state.eks.cluster_creating[key] = left - 1
                elif operation == "DeleteCluster":
                    cluster["status"] = "DELETING"
                    engine.forget_cluster(region, cluster)
            elif operation == "UpdateClusterConfig" and moto_cluster is not None:
                # moto answers {} (or the cluster); EKS answers the update.
                request = eks["request"] if isinstance(eks["request"], dict) else {}
                update = value.get("update")
                if not isinstance(update, dict) or not update.get("id"):
                    kind, params = config_update(request)
                    update = _update(kind, params, status="InProgress")
                fake = engine.cluster(region, moto_cluster)
                access = request.get("accessConfig")
                if isinstance(access, dict) and access.get("authenticationMode"):
                    if fake.access_config is None:
                        fake.access_config = {"bootstrapClusterCreatorAdminPermissions": True}
                    fake.access_config["authenticationMode"] = access["authenticationMode"]
                fake.updates[update["id"]] = {"update": copy.deepcopy(update), "scope": None}
                value = {"update": update}
            elif isinstance(nodegroup, dict):
                key = (
                    _account_of(nodegroup.get("nodegroupArn")),
                    region,
                    nodegroup.get("clusterName"),
                    nodegroup.get("nodegroupName"),
                )
                creating, deleting = state.eks.nodegroup_creating, state.eks.nodegroup_deleting
                versions = state.eks.nodegroup_versions
                if operation == "CreateNodegroup":
                    deleting.pop(key, None)
                    creating.pop(key, None)
                    versions.pop(key, None)
                    request = eks["request"] if isinstance(eks["request"], dict) else {}
                    if moto_cluster is not None:
                        # moto makes them 1.19 and 1.19.8-20210414; EKS takes the
                        # cluster's version and the latest AMI release of the version.
                        fake = engine.known_cluster(region, moto_cluster)
                        version = (
                            request.get("version")
                            or (fake and fake.version)
                            or moto_cluster.get("version")
                        )
                        versions[key] = {
                            "createdAt": nodegroup.get("createdAt"),
                            "version": version,
                            "releaseVersion": request.get("releaseVersion")
                            or release_version(version),
                        }
                known = versions.get(key)
                if known and known["createdAt"] == nodegroup.get("createdAt"):
                    nodegroup["version"] = known["version"]
                    nodegroup["releaseVersion"] = known["releaseVersion"]
                elif known:
                    del versions[key]
                if operation == "CreateNodegroup":
                    if state.nodegroup_creating_describes > 0:
                        creating[key] = state.nodegroup_creating_describes
                        nodegroup["status"] = "CREATING"
                elif operation == "DescribeNodegroup":
                    deleting.pop(key, None)
                    left = creating.get(key, 0)
                    if left > 0:
                        nodegroup["status"] = "CREATING"
                        if left == 1:
                            del creating[key]
                        else:
                            creating[key] = left - 1
                elif operation == "DeleteNodegroup":
                    creating.pop(key, None)
                    versions.pop(key, None)
                    nodegroup["status"] = "DELETING"
                    if state.nodegroup_deleting_describes > 0:
                        deleting[key] = [
                            state.nodegroup_deleting_describes,
                            copy.deepcopy(nodegroup),
                        ]
            elif operation == "UpdateNodegroupConfig" and moto_cluster is not None:
                update = value.get("update")
                if isinstance(update, dict) and update.get("id"):
                    fake = engine.cluster(region, moto_cluster)
                    fake.updates[update["id"]] = {
                        "update": copy.deepcopy(update),
                        "scope": ("nodegroup", eks["params"].get("nodegroupName")),
                    }
            reply = json.dumps(value).encode()
        return status, headers, reply, "moto"

    def _eks_deleting_nodegroup(self, eks, status, headers, reply):
        """moto's 404 to a DescribeNodegroup, or the nodegroup DELETING while the
        nodegroup_deleting_describes knob says so."""
        state = STATE
        region = eks["region"]
        cluster_name = eks["params"].get("name")
        nodegroup_name = eks["params"].get("nodegroupName")
        with state.lock:
            candidates = [
                key
                for key in state.eks.nodegroup_deleting
                if key[1:] == (region, cluster_name, nodegroup_name)
            ]
        if not candidates:
            return status, headers, reply, "moto"
        key = candidates[0]
        if len(candidates) > 1:
            # The same names in several accounts: moto's cluster ARN tells which.
            cluster = self._moto_cluster(cluster_name)[4]
            if cluster is None:
                return status, headers, reply, "moto"
            key = (_account_of(cluster.get("arn")), region, cluster_name, nodegroup_name)
        with state.lock:
            entry = state.eks.nodegroup_deleting.get(key)
            if not entry:
                return status, headers, reply, "moto"
            entry[0] -= 1
            if entry[0] <= 0:
                del state.eks.nodegroup_deleting[key]
            nodegroup = copy.deepcopy(entry[1])
        nodegroup["status"] = "DELETING"
        status, headers, reply = json_answer(200, {"nodegroup": nodegroup})
        return status, headers, reply, "proxy"

    # ---- every request --------------------------------------------------------------

    def _handle(self):
        method = self.command
        parsed = urllib.parse.urlsplit(self.path)
        path, query = parsed.path, parsed.query
        body = self._read_body()
        if path.startswith("/__proxy/"):
            return self._control(method, path, body)

        state = STATE
        service, protocol, action, mutating = classify(
            method, path, query, self.headers, body
        )
        eks = None
        if service == "eks":
            operation, params = eks_route(method, path)
            try:
                request = json.loads(body) if body else None
            except ValueError:
                request = None
            query_params = urllib.parse.parse_qs(query, keep_blank_values=True)
            eks = {
                "operation": operation,
                "params": params,
                "query": query_params,
                "request": request,
                "body": body,
                "region": credential_scope(self.headers, query)[0] or "us-east-1",
                "target": eks_target(operation, params, query_params, request),
                "cluster": eks_faked_cluster(operation, params),
            }
            if eks["cluster"] is None:
                eks["cluster"] = params.get("name") if operation else None
                eks["faked"] = False
            else:
                eks["faked"] = True
        kill_before = kill_after = None
        with state.lock:
            record = {
                "seq": len(state.records) + 1,
                "service": service,
                "protocol": protocol,
                "action": action,
                "method": method,
                "path": path,
                "mutating": mutating,
                "status": None,
                "fault": False,
                "killed": None,
                "elapsed_ms": 0,
                "answered_by": None,
                "request": eks["request"] if eks else None,
                "target": eks["target"] if eks else None,
            }
            state.records.append(record)
            kill_at = state.kill_at
            if kill_at and kill_at["fired"] is None and record["seq"] == kill_at["n"]:
                kill_at["fired"] = record["seq"]
                record["killed"] = kill_at["when"]
                if kill_at["when"] == "after":
                    kill_after = kill_at["pid"]
                else:
                    kill_before = kill_at["pid"]
            fault = None
            if (
                kill_before is None
                and state.fault_rate > 0
                and state.rng.random() < state.fault_rate
            ):
                fault = "internal" if state.faults % 2 == 0 else "throttle"
                state.faults += 1
            latency = state.latency_ms

        started = time.monotonic()
        if kill_before is not None:
            kill(kill_before)
            self.close_connection = True
            return
        if fault is not None:
            status, headers, reply = fault_response(protocol, service, fault)
            with state.lock:
                record["status"] = status
                record["fault"] = True
                record["answered_by"] = "proxy"
            # The request was read whole: the connection stays usable for the client's retry.
            return self._reply(status, headers, reply, head=method == "HEAD")

        if latency:
            time.sleep(latency / 1000)
        reason = None
        try:
            if eks and eks["faked"]:
                status, response_headers, reply = self._eks_fake(eks)
                answered_by = "proxy"
            else:
                forwarded = self._eks_before(eks, body) if eks else body
                status, reason, response_headers, reply = self._upstream(
                    method, self.path, forwarded
                )
                answered_by = "moto"
                if eks:
                    status, response_headers, reply, answered_by = self._eks_after(
                        eks, status, response_headers, reply
                    )
                    if answered_by == "proxy":
                        reason = None
        except Exception as error:  # moto fell over: tell the client, keep a trace
            with state.lock:
                record["status"] = 502
                record["error"] = repr(error)
                record["answered_by"] = "proxy"
            self.close_connection = True
            return self._reply(502, [("Content-Type", "text/plain")], repr(error).encode())
        with state.lock:
            record["status"] = status
            record["answered_by"] = answered_by
            record["elapsed_ms"] = int((time.monotonic() - started) * 1000)
        if kill_after is not None:
            kill(kill_after)
            self.close_connection = True
            return
        self._reply(status, response_headers, reply, head=method == "HEAD", reason=reason)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A client killed mid-request (the point of kill_at) is no error of ours.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    global STATE
    if len(sys.argv) != 2:
        sys.exit("usage: aws_proxy.py <upstream-url>")
    STATE = State(sys.argv[1].rstrip("/"))
    server = Server(("127.0.0.1", 0), Handler)
    host, port = server.server_address[:2]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"http://{host}:{port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()

"""The EKS side of aws_proxy.py: EKS operation names, and an in-memory fake of what
moto 5.2 lacks, or does at once where EKS takes time. Standard library only.

`eks_route` names an EKS request by the operation of botocore's service model, and
`eks_target` tells the resource it is about, for the proxy's records; `eks_answer`
sums up an EKS answer for the record (the status of the cluster, node group, add-on or
update it holds, an update's id, the error type).

The fake answers, in the API's wire format (the proxy turns an `EksError` into JSON
{"message": …} with the x-amzn-ErrorType header; ResourceNotFoundException 404,
ResourceInUseException 409, InvalidParameterException/InvalidRequestException 400,
ServerException 500), the operations sleak and the tests call that moto lacks:
  - add-ons: CreateAddon, DescribeAddon, ListAddons, UpdateAddon, DeleteAddon, and
    DescribeAddonVersions from a version table (ADDON_CATALOG) of vpc-cni, coredns,
    kube-proxy, aws-ebs-csi-driver, eks-pod-identity-agent, metrics-server, cert-manager
    and external-dns for Kubernetes 1.30–1.34, one default version per add-on and cluster
    version (the `addon_defaults` knob moves them). CreateAddon takes the default version
    when none is given and refuses unknown add-ons and versions not compatible with the
    cluster version; UpdateAddon starts an update of type AddonUpdate (no downgrades);
    DeleteAddon answers the add-on DELETING, which it stays for `addon_deleting_describes`
    DescribeAddon calls (listed, and refusing a new CreateAddon of that name) before it is
    gone. The pod identity associations an add-on's podIdentityAssociations ask for are
    kept with the add-on (and dropped with it). TagResource, UntagResource and
    ListTagsForResource of an add-on's ARN (moto answers those of clusters and node
    groups).
  - access entries: CreateAccessEntry, DescribeAccessEntry, ListAccessEntries,
    DeleteAccessEntry, AssociateAccessPolicy, ListAssociatedAccessPolicies. When the proxy
    saw the cluster's CreateCluster, access entries need its accessConfig's
    authenticationMode to be API or API_AND_CONFIG_MAP (InvalidRequestException).
  - updates: UpdateClusterVersion (to the next minor version only), UpdateNodegroupVersion
    (to at most the cluster's version; default: the cluster's) and UpdateAddon, and the
    updates of UpdateClusterConfig and UpdateNodegroupConfig (which moto performs at once;
    the proxy tracks the update it answers), followed with DescribeUpdate and ListUpdates.
    As EKS does, an update is answered InProgress and stays so for `update_describes`
    looks — a DescribeUpdate of it, or a describe of its resource (DescribeCluster,
    DescribeNodegroup, DescribeAddon), during which the resource is UPDATING — then it is
    Successful and only then is the new version visible (cluster `version`, a node group's
    `version` and `releaseVersion`, an add-on's `addonVersion`, role and configuration).
    An update that `update_failures` names ends Failed instead, with its `errors`
    (errorCode, errorMessage, resourceIds, as EKS's Update), the resource ACTIVE at what
    it was (version updates and add-on updates only: moto has made a config update
    already). While an update of a cluster is in progress, another update of it, of its
    node groups or add-ons is refused with ResourceInUseException ("Cannot VersionUpdate
    because cluster dev currently has update … in progress", as EKS words it); so is a
    second update of a node group or add-on. DescribeUpdate needs the nodegroupName or
    addonName of the update's resource, as EKS does.
  - idempotency: a create repeated with the clientRequestToken of the create that made
    the resource (CreateCluster, CreateNodegroup, CreateAddon, CreateAccessEntry) is
    answered as EKS does, with the resource as it is now (200), not
    ResourceInUseException — unless `ignore_tokens` (as when a token has expired).
  - add-on health: an add-on `addon_health` names with CREATE_FAILED ends its create so
    (for good, as EKS's), one named with DEGRADED is answered DEGRADED while the knob names
    it, both with the knob's `health.issues`.
Deletions: after DeleteCluster (which moto performs at once) the cluster is answered
DELETING, as last described, for `cluster_deleting_describes` DescribeCluster calls before
moto's 404; node groups have the proxy's own `nodegroup_deleting_describes`.
Other EKS operations go to moto. The state is kept per (account of moto's cluster ARN,
region of the credential scope, cluster name), and is dropped when the cluster is deleted
through the proxy or moto's cluster turns out to be another one (a different createdAt).

The fake's knobs (EKS_KNOBS; POST /__proxy/config with the proxy's own, all off by
default; the proxy's reset restores the defaults):
    {"update_describes": N}         an update stays InProgress for N looks (0: it is
                                    done at the first look)
    {"update_failures": [{"kind": "cluster" | "nodegroup" | "addon", "name": "dev",
                          "errorCode": "…", "errorMessage": "…", "resourceIds": […]}]}
                                    updates started from now on of the resources named
                                    (fnmatch patterns; a node group or add-on by its own
                                    name) end Failed with that error; [] turns it off
    {"addon_health": {"coredns": {"status": "DEGRADED" | "CREATE_FAILED",
                                  "issues": [{"code": "…", "message": "…"}]}}}
                                    add-ons answered unhealthy (above); {} turns it off
    {"addon_defaults": {"kube-proxy": {"1.33": "v1.33.3-eksbuild.4"}}}
                                    the default version of an add-on for a cluster version
                                    (one of its compatible versions), as when EKS
                                    publishes a new default
    {"cluster_deleting_describes": N}, {"addon_deleting_describes": N}   (above)
    {"lose_answers": {"CreateAddon": 1, "CreateCluster": 1, …}}
                                    the next N answers of those EKS operations are lost:
                                    the operation takes effect (in moto or the fake) and
                                    the client gets a 500 ServerException instead, as when
                                    a connection drops after EKS acted; the SDK retries
    {"ignore_tokens": true}         repeated creates are refused whatever their token
                                    (or a list of the create operations that do so)
"""

import copy
import fnmatch
import json
import random
import re
import time
import urllib.parse
import uuid

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

# Operations the proxy answers itself (moto 5.2 answers them 404), those sleak and the
# tests call.
EKS_FAKED = {
    "DescribeAddonVersions",
    "CreateAddon",
    "DescribeAddon",
    "ListAddons",
    "UpdateAddon",
    "DeleteAddon",
    "CreateAccessEntry",
    "ListAccessEntries",
    "DeleteAccessEntry",
    "AssociateAccessPolicy",
    "ListAssociatedAccessPolicies",
    "UpdateClusterVersion",
    "UpdateNodegroupVersion",
    "DescribeUpdate",
    "ListUpdates",
    "DescribeAccessEntry",
}
# Of those, the ones about no cluster.
EKS_CLUSTERLESS = {"DescribeAddonVersions"}
# Tag operations the fake answers for add-on ARNs (moto answers clusters' and node groups').
EKS_TAGGING = {"TagResource", "UntagResource", "ListTagsForResource"}
ADDON_ARN = re.compile(r"^arn:aws[a-z-]*:eks:[^:]*:\d{12}:addon/([^/]+)/([^/]+)/[^/]+$")

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
    "ResourceInUseException": 409,
    "BadRequestException": 400,
    "ServerException": 500,
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


def new_update(kind, params, status="Successful"):
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
        self.version = None  # set by a successful UpdateClusterVersion
        self.access_config = None  # as CreateCluster asked it, when the proxy saw it
        self.token = None  # the clientRequestToken of its CreateCluster
        self.addons = {}  # name → Addon
        self.addon_creating = {}  # name → DescribeAddon calls still answered CREATING
        self.addon_deleting = {}  # name → DescribeAddon calls still answered DELETING
        self.addon_tokens = {}  # name → the clientRequestToken of its CreateAddon
        self.access_entries = {}  # principal ARN → {"entry": AccessEntry, "policies": {}}
        self.entry_tokens = {}  # principal ARN → the token of its CreateAccessEntry
        self.pod_identity = {}  # association id → PodIdentityAssociation of an add-on
        self.updates = {}  # update id → Update, oldest first


# The fake's knobs and their defaults (see the module's docstring).
EKS_KNOBS = {
    "update_describes": 0,
    "update_failures": [],
    "addon_health": {},
    "addon_defaults": {},
    "cluster_deleting_describes": 0,
    "addon_deleting_describes": 0,
    "lose_answers": {},
    "ignore_tokens": False,
}
ADDON_HEALTH_STATUSES = ("DEGRADED", "CREATE_FAILED")


def check_knobs(config):
    """The fake's knobs among `config` (POST /__proxy/config), checked; ValueError when
    one is malformed."""
    knobs = {}
    for key in ("update_describes", "cluster_deleting_describes", "addon_deleting_describes"):
        if key in config:
            knobs[key] = max(0, int(config[key]))
    if "ignore_tokens" in config:
        ignore = config["ignore_tokens"]
        if not isinstance(ignore, (bool, list)):
            raise ValueError("ignore_tokens is true, false or a list of EKS operations")
        knobs["ignore_tokens"] = ignore
    if "update_failures" in config:
        failures = config["update_failures"] or []
        if not isinstance(failures, list):
            raise ValueError("update_failures is a list")
        for failure in failures:
            if not (
                isinstance(failure, dict)
                and failure.get("kind") in ("cluster", "nodegroup", "addon")
                and isinstance(failure.get("name"), str)
            ):
                raise ValueError(
                    'update_failures lists {"kind": "cluster" | "nodegroup" | "addon", '
                    '"name": …, "errorCode": …, "errorMessage": …}'
                )
        knobs["update_failures"] = copy.deepcopy(failures)
    if "addon_health" in config:
        health = config["addon_health"] or {}
        if not isinstance(health, dict) or not all(
            isinstance(value, dict) and value.get("status") in ADDON_HEALTH_STATUSES
            for value in health.values()
        ):
            raise ValueError(
                'addon_health is {"<add-on>": {"status": "DEGRADED" | "CREATE_FAILED", '
                '"issues": [{"code": …, "message": …}]}}'
            )
        knobs["addon_health"] = copy.deepcopy(health)
    if "addon_defaults" in config:
        defaults = config["addon_defaults"] or {}
        if not isinstance(defaults, dict):
            raise ValueError('addon_defaults is {"<add-on>": {"<cluster version>": "<version>"}}')
        for name, versions in defaults.items():
            if not isinstance(versions, dict):
                raise ValueError(f"addon_defaults of {name} is a map of cluster versions")
            for k8s, version in versions.items():
                if version not in addon_versions(name, k8s):
                    raise ValueError(f"{version} is no version of {name} for Kubernetes {k8s}")
        knobs["addon_defaults"] = copy.deepcopy(defaults)
    if "lose_answers" in config:
        lose = config["lose_answers"] or {}
        if not isinstance(lose, dict):
            raise ValueError('lose_answers is {"<EKS operation>": <count>}')
        knobs["lose_answers"] = {op: max(0, int(n)) for op, n in lose.items()}
    return knobs


class Update:
    """An update of a cluster, node group or add-on, as DescribeUpdate answers it, with
    what happens when it ends."""

    def __init__(self, resource, kind, params, looks, errors, on_success):
        self.resource = resource  # ("cluster" | "nodegroup" | "addon", name)
        self.body = new_update(kind, params, status="InProgress")
        self.left = looks
        self.errors = errors  # those of a failure, None to succeed
        self.on_success = on_success

    @property
    def id(self):
        return self.body["id"]

    def in_progress(self):
        return self.body["status"] == "InProgress"

    def look(self):
        """One look at the update or its resource, before it is answered: the first
        `looks` find it in progress, the next one ends it."""
        if self.in_progress():
            if self.left <= 0:
                self.end()
            else:
                self.left -= 1

    def end(self):
        if self.errors is not None:
            self.body["status"] = "Failed"
            self.body["errors"] = copy.deepcopy(self.errors)
        else:
            self.body["status"] = "Successful"
            if self.on_success:
                self.on_success()


class EksState:
    def __init__(self):
        self.clusters = {}  # (account, region, name) → FakeCluster
        self.cluster_creating = {}  # (account, region, name) → describes left
        self.cluster_deleting = {}  # (account, region, name) → [left, body]
        self.nodegroup_creating = {}  # (account, region, cluster, nodegroup) → left
        self.nodegroup_deleting = {}  # (account, region, cluster, nodegroup) → [left, body]
        # (account, region, cluster, nodegroup) → {"createdAt", "version", "releaseVersion"}
        self.nodegroup_versions = {}
        # (account, region, cluster, nodegroup) → (createdAt, clientRequestToken)
        self.nodegroup_tokens = {}
        self.knobs = copy.deepcopy(EKS_KNOBS)

    def configure(self, knobs):
        self.knobs.update(copy.deepcopy(knobs))


def eks_answer(headers, body):
    """A summary of an EKS answer for the proxy's record: the status of the cluster,
    node group, add-on or update it holds (an update's id and type too), the version, or
    the error type and message; None when it is none of those."""
    try:
        value = json.loads(body) if body else None
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    error = next(
        (value for name, value in headers if name.lower() == "x-amzn-errortype"), None
    )
    if error:
        return {"error": error.split(":")[0], "message": value.get("message")}
    for key, version in (
        ("cluster", "version"),
        ("nodegroup", "version"),
        ("addon", "addonVersion"),
        ("update", None),
    ):
        found = value.get(key)
        if isinstance(found, dict):
            summary = {"status": found.get("status")}
            if version:
                summary["version"] = found.get(version)
            else:
                summary["id"] = found.get("id")
                summary["type"] = found.get("type")
                if found.get("errors"):
                    summary["errors"] = found["errors"]
            return summary
    return None


def account_of(arn):
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
        key = (account_of(arn), region, name)
        fake = self.state.eks.clusters.get(key)
        if fake is None or fake.created_at != moto_cluster.get("createdAt"):
            fake = FakeCluster(name, arn, moto_cluster.get("createdAt"))
            self.state.eks.clusters[key] = fake
        return fake

    def known_cluster(self, region, moto_cluster):
        """Like `cluster`, but None when the proxy holds nothing for it."""
        key = (account_of(moto_cluster.get("arn")), region, moto_cluster.get("name"))
        fake = self.state.eks.clusters.get(key)
        if fake is not None and fake.created_at == moto_cluster.get("createdAt"):
            return fake
        return None

    def forget_cluster(self, region, moto_cluster):
        account, name = account_of(moto_cluster.get("arn")), moto_cluster.get("name")
        eks = self.state.eks
        eks.clusters.pop((account, region, name), None)
        eks.cluster_creating.pop((account, region, name), None)
        for table in (
            eks.nodegroup_creating,
            eks.nodegroup_deleting,
            eks.nodegroup_versions,
            eks.nodegroup_tokens,
        ):
            for key in [k for k in table if k[:3] == (account, region, name)]:
                del table[key]

    def current_version(self, fake, moto_cluster):
        return fake.version or moto_cluster.get("version") or ""

    def default_version(self, name, k8s):
        """The default version of add-on `name` for cluster version `k8s`: the catalog's,
        or the `addon_defaults` knob's."""
        moved = self.state.eks.knobs["addon_defaults"].get(name, {}).get(k8s)
        return moved or addon_default(name, k8s)

    def tokens_ignored(self, operation):
        """Whether a repeated `operation` is refused whatever its token (ignore_tokens)."""
        ignore = self.state.eks.knobs["ignore_tokens"]
        return ignore is True or (isinstance(ignore, list) and operation in ignore)

    def lose(self, operation):
        """The error the client gets instead of the answer to `operation` when the
        `lose_answers` knob says to lose it (the operation took effect); else None."""
        lose = self.state.eks.knobs["lose_answers"]
        if lose.get(operation, 0) <= 0:
            return None
        lose[operation] -= 1
        return EksError(
            "ServerException",
            f"{operation} took effect but the proxy lost its answer (lose_answers)",
        )

    # ---- updates --------------------------------------------------------------------

    def in_progress(self, fake, resource):
        """The updates of `resource` in progress: ("cluster", name), ("nodegroup", name)
        or ("addon", name)."""
        return [
            update
            for update in fake.updates.values()
            if update.resource == resource and update.in_progress()
        ]

    def refuse_busy(self, fake, resource, kind):
        """ResourceInUseException when an update of the cluster, or of `resource`, is in
        progress, as EKS refuses an update then."""
        fields = {"clusterName": fake.name}
        if resource[0] != "cluster":
            fields[resource[0] + "Name"] = resource[1]
        for busy, what in (
            (("cluster", fake.name), f"cluster {fake.name}"),
            (resource, f"{resource[0]} {resource[1]}"),
        ):
            running = self.in_progress(fake, busy)
            if running:
                raise EksError(
                    "ResourceInUseException",
                    f"Cannot {kind} because {what} currently has update {running[0].id} "
                    "in progress",
                    **fields,
                )

    def start_update(self, fake, resource, kind, params, on_success=None):
        """A new update of `resource`, in progress for `update_describes` looks (ended
        at once without any), failing when `update_failures` names the resource.
        Returns EKS's answer to the request: the update, InProgress."""
        knobs = self.state.eks.knobs
        errors = None
        for failure in knobs["update_failures"]:
            if failure["kind"] == resource[0] and fnmatch.fnmatchcase(
                resource[1], failure["name"]
            ):
                errors = [
                    {
                        "errorCode": failure.get("errorCode", "Unknown"),
                        "errorMessage": failure.get("errorMessage", "The update failed"),
                        "resourceIds": list(failure.get("resourceIds") or [resource[1]]),
                    }
                ]
                break
        update = Update(resource, kind, params, knobs["update_describes"], errors, on_success)
        fake.updates[update.id] = update
        answer = dict(update.body)
        if update.left <= 0:
            update.end()
        return answer

    def look(self, fake, resource):
        """A describe of `resource`: its updates in progress get one look nearer their
        end. Whether one is still in progress."""
        for update in self.in_progress(fake, resource):
            update.look()
        return bool(self.in_progress(fake, resource))

    def _update_resource(self, ctx):
        query = ctx["query"]
        for kind in ("nodegroup", "addon"):
            if query.get(kind + "Name"):
                return (kind, query[kind + "Name"][0])
        return ("cluster", ctx["fake"].name)

    def op_DescribeUpdate(self, ctx):
        fake = ctx["fake"]
        update_id = ctx["params"]["updateId"]
        update = fake.updates.get(update_id)
        if update is None or update.resource != self._update_resource(ctx):
            raise EksError(
                "ResourceNotFoundException",
                f"No update found for ID: {update_id}",
                clusterName=fake.name,
            )
        update.look()
        return 200, {"update": copy.deepcopy(update.body)}

    def op_ListUpdates(self, ctx):
        resource = self._update_resource(ctx)
        ids = [u.id for u in ctx["fake"].updates.values() if u.resource == resource]
        page, token = _page(ids, ctx["query"])
        return 200, _with_token({"updateIds": page}, token)

    # ---- what the proxy asks about moto's clusters and node groups ------------------

    def refuse_moto_update(self, operation, region, moto_cluster, params):
        """Raises ResourceInUseException for an UpdateClusterConfig or
        UpdateNodegroupConfig that EKS would refuse (another update in progress), before
        the proxy forwards it to moto."""
        fake = self.known_cluster(region, moto_cluster)
        if fake is None:
            return
        if operation == "UpdateClusterConfig":
            self.refuse_busy(fake, ("cluster", fake.name), "ConfigUpdate")
        elif operation == "UpdateNodegroupConfig":
            self.refuse_busy(fake, ("nodegroup", params.get("nodegroupName")), "ConfigUpdate")

    def same_token(self, operation, region, moto_cluster, nodegroup, request):
        """Whether a CreateCluster or CreateNodegroup that moto refused (the resource
        exists) repeats the create that made it: the same clientRequestToken."""
        token = request.get("clientRequestToken")
        if not token or self.tokens_ignored(operation):
            return False
        if operation == "CreateCluster":
            fake = self.known_cluster(region, moto_cluster)
            return fake is not None and fake.token == token
        if not isinstance(nodegroup, dict):
            return False
        key = (
            account_of(moto_cluster.get("arn")),
            region,
            moto_cluster.get("name"),
            nodegroup.get("nodegroupName"),
        )
        return self.state.eks.nodegroup_tokens.get(key) == (nodegroup.get("createdAt"), token)

    def deleting_cluster(self, region, name):
        """The cluster `name` as last described, answered DELETING while
        cluster_deleting_describes says so after its DeleteCluster; else None (moto's 404
        stands). With clusters of that name deleted in several accounts, None."""
        deleting = self.state.eks.cluster_deleting
        keys = [key for key in deleting if key[1:] == (region, name)]
        if len(keys) != 1:
            return None
        entry = deleting[keys[0]]
        entry[0] -= 1
        if entry[0] <= 0:
            del deleting[keys[0]]
        return dict(copy.deepcopy(entry[1]), status="DELETING")

    def after_moto(self, operation, eks, value, moto_cluster):
        """Amends moto's answer `value` (a dict, changed in place) to an EKS request as
        EKS would answer: records create tokens, counts looks of updates in progress and
        answers their resources UPDATING at their old versions, makes the update a config
        update answers one the fake follows, keeps a deleted cluster DELETING for a while.
        Returns an EksError when the answer is to be lost (lose_answers), else None."""
        region = eks["region"]
        request = eks["request"] if isinstance(eks["request"], dict) else {}
        cluster = value.get("cluster")
        nodegroup = value.get("nodegroup")
        if isinstance(cluster, dict) and operation in ("CreateCluster", "DescribeCluster"):
            fake = self.known_cluster(region, cluster)
            if operation == "CreateCluster":
                key = (account_of(cluster.get("arn")), region, cluster.get("name"))
                self.state.eks.cluster_deleting.pop(key, None)
            if fake is not None and operation == "CreateCluster":
                fake.token = request.get("clientRequestToken")
            elif fake is not None and cluster.get("status") == "ACTIVE":
                if self.look(fake, ("cluster", fake.name)):
                    cluster["status"] = "UPDATING"
                if fake.version:
                    cluster["version"] = fake.version
        elif isinstance(cluster, dict) and operation == "DeleteCluster":
            left = self.state.eks.knobs["cluster_deleting_describes"]
            key = (account_of(cluster.get("arn")), region, cluster.get("name"))
            if left > 0:
                self.state.eks.cluster_deleting[key] = [left, copy.deepcopy(cluster)]
        elif isinstance(nodegroup, dict):
            key = (
                account_of(nodegroup.get("nodegroupArn")),
                region,
                nodegroup.get("clusterName"),
                nodegroup.get("nodegroupName"),
            )
            fake = self.state.eks.clusters.get(key[:3])
            if operation == "CreateNodegroup":
                self.state.eks.nodegroup_tokens[key] = (
                    nodegroup.get("createdAt"),
                    request.get("clientRequestToken"),
                )
            elif (
                operation == "DescribeNodegroup"
                and fake is not None
                and nodegroup.get("status") == "ACTIVE"
            ):
                if self.look(fake, ("nodegroup", key[3])):
                    nodegroup["status"] = "UPDATING"
                known = self.state.eks.nodegroup_versions.get(key)
                if known and known["createdAt"] == nodegroup.get("createdAt"):
                    nodegroup["version"] = known["version"]
                    nodegroup["releaseVersion"] = known["releaseVersion"]
        elif (
            operation in ("UpdateClusterConfig", "UpdateNodegroupConfig")
            and isinstance(value.get("update"), dict)
            and moto_cluster is not None
        ):
            fake = self.cluster(region, moto_cluster)
            resource = (
                ("cluster", fake.name)
                if operation == "UpdateClusterConfig"
                else ("nodegroup", eks["params"].get("nodegroupName"))
            )
            moto_update = value["update"]
            # moto made the change already: the update cannot fail.
            update = Update(
                resource,
                moto_update.get("type") or "ConfigUpdate",
                moto_update.get("params") or [],
                self.state.eks.knobs["update_describes"],
                None,
                None,
            )
            fake.updates[update.id] = update
            value["update"] = dict(update.body)
            if update.left <= 0:
                update.end()
        return self.lose(operation)

    # ---- dispatch -------------------------------------------------------------------

    def handle(self, operation, ctx):
        answer = getattr(self, "op_" + operation)(ctx)
        lost = self.lose(operation)
        if lost is not None:
            raise lost
        return answer

    @staticmethod
    def check_access_mode(operation, ctx):
        """Access entries need the API or API_AND_CONFIG_MAP authentication mode, when
        the proxy knows the cluster's."""
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
            for version, compatible, _ in addon["versions"]:
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
                                "defaultVersion": self.default_version(name, cluster)
                                == version,
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

    def _addon_answer(self, fake, name):
        """An add-on as DescribeAddon answers it now, without taking a look."""
        addon = fake.addons[name]
        answer = copy.deepcopy(addon)
        if fake.addon_creating.get(name, 0) > 0:
            answer["status"] = "CREATING"
        elif name in fake.addon_deleting:
            answer["status"] = "DELETING"
        elif self.in_progress(fake, ("addon", name)):
            answer["status"] = "UPDATING"
        elif addon["status"] == "ACTIVE":
            health = self.state.eks.knobs["addon_health"].get(name)
            if health and health["status"] == "DEGRADED":
                answer["status"] = "DEGRADED"
                answer["health"] = {"issues": copy.deepcopy(health.get("issues") or [])}
        return answer

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
        token = request.get("clientRequestToken")
        if name in fake.addons:
            if (
                token
                and not self.tokens_ignored("CreateAddon")
                and fake.addon_tokens.get(name) == token
                and name not in fake.addon_deleting
            ):
                # The same request again: EKS answers it as the first time.
                return 200, {"addon": self._addon_answer(fake, name)}
            raise EksError(
                "ResourceInUseException",
                "Addon already exists.",
                clusterName=fake.name,
                addonName=name,
            )
        k8s = self.current_version(fake, ctx["moto_cluster"])
        version = request.get("addonVersion")
        if version is None:
            version = self.default_version(name, k8s)
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
        health = self.state.eks.knobs["addon_health"].get(name)
        if health and health["status"] == "CREATE_FAILED":
            # For good: EKS leaves a failed create so until the add-on is deleted.
            addon["status"] = "CREATE_FAILED"
            addon["health"] = {"issues": copy.deepcopy(health.get("issues") or [])}
        for field in ("serviceAccountRoleArn", "configurationValues"):
            if isinstance(request.get(field), str) and request[field]:
                addon[field] = request[field]
        addon["podIdentityAssociations"] = self._pod_identity_for_addon(
            ctx, name, request.get("podIdentityAssociations"), arn
        )
        fake.addons[name] = addon
        fake.addon_tokens[name] = token
        creating = self.state.addon_creating_describes
        fake.addon_creating[name] = creating
        answer = copy.deepcopy(addon)
        answer["status"] = "CREATING" if creating > 0 else addon["status"]
        return 200, {"addon": answer}

    def op_DescribeAddon(self, ctx):
        fake = ctx["fake"]
        name = self._addon(ctx)["addonName"]
        answer = self._addon_answer(fake, name)
        left = fake.addon_creating.get(name, 0)
        if left > 0:
            fake.addon_creating[name] = left - 1
        elif name in fake.addon_deleting:
            fake.addon_deleting[name] -= 1
            if fake.addon_deleting[name] <= 0:
                del fake.addon_deleting[name]
                del fake.addons[name]
                fake.addon_tokens.pop(name, None)
        else:
            # An update may end with this look: its outcome shows.
            self.look(fake, ("addon", name))
            answer = self._addon_answer(fake, name)
        return 200, {"addon": answer}

    def op_ListAddons(self, ctx):
        page, token = _page(sorted(ctx["fake"].addons), ctx["query"])
        return 200, _with_token({"addons": page}, token)

    def op_UpdateAddon(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        addon = self._addon(ctx)
        name = addon["addonName"]
        if fake.addon_creating.get(name, 0) > 0 or name in fake.addon_deleting:
            raise EksError(
                "ResourceInUseException",
                f"Addon {name} is being "
                f"{'deleted' if name in fake.addon_deleting else 'created'}",
                clusterName=fake.name,
                addonName=name,
            )
        self.refuse_busy(fake, ("addon", name), "AddonUpdate")
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
        fields = {
            field: request[field]
            for field in ("serviceAccountRoleArn", "configurationValues")
            if field in request and request[field] is not None
        }

        def success():
            if version is not None:
                addon["addonVersion"] = version
            for field, value in fields.items():
                if value:
                    addon[field] = value
                else:
                    addon.pop(field, None)
            addon["modifiedAt"] = _now()

        update = self.start_update(fake, ("addon", name), "AddonUpdate", params, success)
        return 200, {"update": update}

    def op_DeleteAddon(self, ctx):
        fake = ctx["fake"]
        addon = self._addon(ctx)
        name = addon["addonName"]
        answer = dict(copy.deepcopy(addon), status="DELETING")
        fake.addon_creating.pop(name, None)
        left = self.state.eks.knobs["addon_deleting_describes"]
        if left > 0:
            fake.addon_deleting[name] = left
        else:
            del fake.addons[name]
            fake.addon_tokens.pop(name, None)
        if (ctx["query"].get("preserve") or ["false"])[0] != "true":
            for association_id in [
                a["associationId"]
                for a in fake.pod_identity.values()
                if a.get("ownerArn") == addon["addonArn"]
            ]:
                del fake.pod_identity[association_id]
        return 200, {"addon": answer}

    def _addon_by_arn(self, ctx):
        arn = ctx["params"].get("resourceArn")
        for addon in ctx["fake"].addons.values():
            if addon["addonArn"] == arn:
                return addon
        raise EksError("ResourceNotFoundException", f"No resource found for ARN: {arn}")

    def op_TagResource(self, ctx):
        addon = self._addon_by_arn(ctx)
        tags = _tags(ctx["request"].get("tags"))
        if not tags:
            raise EksError("InvalidParameterException", "tags must not be empty")
        addon["tags"].update(tags)
        return 200, {}

    def op_UntagResource(self, ctx):
        addon = self._addon_by_arn(ctx)
        for key in ctx["query"].get("tagKeys") or []:
            addon["tags"].pop(key, None)
        return 200, {}

    def op_ListTagsForResource(self, ctx):
        return 200, {"tags": dict(self._addon_by_arn(ctx)["tags"])}

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
        token = request.get("clientRequestToken")
        if principal in fake.access_entries:
            if (
                token
                and not self.tokens_ignored("CreateAccessEntry")
                and fake.entry_tokens.get(principal) == token
            ):
                # The same request again: EKS answers it as the first time.
                return 200, {"accessEntry": dict(fake.access_entries[principal]["entry"])}
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
        fake.entry_tokens[principal] = token
        return 200, {"accessEntry": dict(entry)}

    def op_DescribeAccessEntry(self, ctx):
        return 200, {"accessEntry": copy.deepcopy(self._entry(ctx)["entry"])}

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

    def op_DeleteAccessEntry(self, ctx):
        self._entry(ctx)
        del ctx["fake"].access_entries[ctx["params"]["principalArn"]]
        ctx["fake"].entry_tokens.pop(ctx["params"]["principalArn"], None)
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

    # ---- cluster version updates ----------------------------------------------------

    def op_UpdateClusterVersion(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        self.refuse_busy(fake, ("cluster", fake.name), "VersionUpdate")
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

        def success():
            fake.version = version

        update = self.start_update(
            fake,
            ("cluster", fake.name),
            "VersionUpdate",
            [
                {"type": "Version", "value": version},
                {"type": "PlatformVersion", "value": "eks.1"},
            ],
            success,
        )
        return 200, {"update": update}

    def op_UpdateNodegroupVersion(self, ctx):
        fake, request = ctx["fake"], ctx["request"]
        nodegroup = ctx["moto_nodegroup"]
        name = nodegroup.get("nodegroupName")
        self.refuse_busy(fake, ("nodegroup", name), "VersionUpdate")
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

        def success():
            versions[key] = {
                "createdAt": nodegroup.get("createdAt"),
                "version": version,
                "releaseVersion": release,
            }

        update = self.start_update(
            fake,
            ("nodegroup", name),
            "VersionUpdate",
            [
                {"type": "Version", "value": version},
                {"type": "ReleaseVersion", "value": release},
            ],
            success,
        )
        return 200, {"update": update}


def eks_faked_cluster(operation, params):
    """The cluster name a faked EKS operation is about, "" when none, None when the
    operation is not faked (moto answers it)."""
    if operation in EKS_CLUSTERLESS:
        return ""
    if operation in EKS_TAGGING:
        match = ADDON_ARN.match(params.get("resourceArn", ""))
        return match.group(1) if match else None
    if operation in EKS_FAKED:
        return params.get("name", "")
    return None


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

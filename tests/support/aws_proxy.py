"""A recording, fault-injecting reverse proxy in front of a moto server, for tests.

Usage: python3 aws_proxy.py <moto-url>   (eks_fake.py next to it)

Listens on a free port of 127.0.0.1, prints its URL on the first line of stdout and exits
when stdin closes (the test binary that started it went away). Standard library only.

Every request is forwarded to moto unchanged and its response returned unchanged (but for
hop-by-hop headers, and the EKS operations moto lacks, which the proxy answers itself, and
the EKS rewrites described below), and recorded: sequence number, service
(from the SigV4 credential scope), action, whether it mutates, the status returned,
whether the proxy answered it with an injected error (`fault`), whether the answer of
a request moto applied was lost on purpose (`lost`: "500" or "close"), when it arrived and
when its answer was ready (`arrived_ms`, `answered_ms`: the proxy's monotonic clock in
ms; `elapsed_ms` between them, the added latency included), and who answered it
(`answered_by`: "moto", or "proxy" for faults, 502s and the EKS fake; null when the
client got no answer because of kill_at "before"). The harness drives it through a
control API on the same port:

    GET  /__proxy/log       the records, a JSON list
    POST /__proxy/reset     clears the records, every knob and the EKS fake's state
    POST /__proxy/clear-log clears the records only (sequence numbers restart at 1)
    GET  /__proxy/secrets   the secret access keys and session tokens STS (AssumeRole,
                            GetSessionToken) handed out since the last reset
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
         {"kill_at": {"pid": 123, "n": 2, "when": …, "action": "CreateRole"}}
                                                    the same at the n-th request of that
                                                    action arriving after this was set
         {"kill_at": null}                          disarms
         {"lose_rate": 0.15, "seed": 7, "lose_how": "500" | "close" | "mixed"}
                                                    that share of the mutating requests
                                                    answered with success is *applied* (moto
                                                    or the EKS fake did it) and its answer
                                                    lost: the client gets a 500 instead, or
                                                    the connection is closed before any
                                                    answer ("mixed": each at random) — what
                                                    AWS does on a dropped connection or an
                                                    internal error after the fact; the SDK
                                                    retries. The record says `lost`.
         {"lose_actions": {"CreateDBInstance": 1}, "lose_how": …}
                                                    the same for the next N successful
                                                    requests of each action named
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
         {"busy_describes": N}                      after an RDS or ElastiCache create or
                                                    change, that resource's next N describes
                                                    (and the create's own answer) say
                                                    creating / modifying, not available
         {"addon_creating_describes": N}            the same as eks_creating_describes for
                                                    CreateAddon and DescribeAddon
    The delay knobs apply to resources created (or deleted) after they are set; all are 0
    by default.

What AWS guarantees and moto does not, the proxy adds (answered_by "proxy"):
- EC2 requests with a ClientToken (RunInstances, CreateNatGateway, …): a repeat of a
  token that succeeded, by the same caller (access key), gets the first answer again
  instead of a second resource.
- ElastiCache Memcached clusters: the security groups they were created with and a
  configuration endpoint, which moto leaves out of its answers.
- EKS cluster security groups: a security group made in moto for each cluster (in its
  VPC) the first time the proxy sees it, named in resourcesVpcConfig.clusterSecurityGroupId
  as EKS does, and deleted with the cluster.
- ElastiCache DeleteCacheSubnetGroup, which moto lacks: answered by the proxy, the
  group not found afterwards.
- ElastiCache deletions end: moto keeps a deleted cache `deleting` for ever; after one
  more describe the proxy answers it not found and leaves it out of lists.
- Route53 CreateHostedZone with a CallerReference already used by the caller: 409
  HostedZoneAlreadyExists (moto makes a second zone).
- S3 PUTs with If-None-Match or If-Match are made one at a time, so that the condition
  and the write are one step, as in S3 (moto checks, then writes).
- Organizations CreateAccount with an e-mail address an account of the organization
  already has: the request is accepted (IN_PROGRESS) and DescribeCreateAccountStatus then
  says FAILED with FailureReason EMAIL_ALREADY_EXISTS (moto makes a second account).

EKS (REST-JSON): every request's action is the operation name of the service model
(CreateCluster, DescribeNodegroup, CreateAddon, … — "METHOD /path" only for paths EKS does
not have), so `mutating` follows the name as for the other protocols, and the record also
holds `request` (the parsed JSON body, or null) and `target` (the resource the request is
about: the innermost name of its path — cluster, nodegroup, fargate profile, add-on, access
entry principal ARN, pod identity association id, or the ARN of a tag request — or, for a
create, the created resource's name from the body; for DescribeUpdate/ListUpdates the
cluster, or the nodegroupName/addonName of the query). Other services' records have
`request` and `target` null.

moto 5.2 lacks several EKS APIs; the proxy answers those sleak and the tests call itself
("answered_by": "proxy") from an in-memory fake, eks_fake.py (next to this script, which
describes it). Before answering a call about cluster X the proxy asks moto GET /clusters/X
with the request's headers: moto's 404 becomes ResourceNotFoundException.

What the proxy changes in moto's EKS answers: cluster.version (after the fake's
UpdateClusterVersion), cluster.endpoint and certificateAuthority.data (eks_endpoint),
CREATING/DELETING statuses (the delay knobs); a nodegroup's version and releaseVersion,
which moto makes 1.19 and 1.19.8-20210414 when CreateNodegroup does not give them, are the
cluster's version and `<version>.0-20250704` (or what the fake's UpdateNodegroupVersion
made them); cluster.accessConfig is added as CreateCluster asked it (moto drops it) and
follows UpdateClusterConfig; DeleteCluster and DeleteNodegroup answer status DELETING as EKS
does; UpdateClusterConfig answers an `update` (InProgress) as EKS does, where moto answers
the cluster, and its resourcesVpcConfig is merged into the cluster's before moto stores it
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

# The EKS fake is the module next to this script (the script's directory is on sys.path
# when it runs as a script, but not under -P or PYTHONSAFEPATH).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eks_fake import (  # noqa: E402
    ERROR_STATUS,
    EksError,
    EksFake,
    EksState,
    account_of,
    check_knobs,
    config_update,
    eks_answer,
    eks_faked_cluster,
    eks_route,
    eks_target,
    new_update,
    release_version,
)

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
        # Secret keys and session tokens STS handed out through the proxy.
        self.secrets = []
        self.lose_rate = 0.0
        self.lose_how = "mixed"
        self.lose_rng = random.Random(0)
        # action -> how many of its next answers (mutating, successful) to lose
        self.lose_actions = {}
        self.lost = 0
        # (caller's access key, action, ClientToken) -> the first successful answer
        self.client_tokens = {}
        # (caller's access key, CallerReference) of the hosted zones created
        self.caller_references = set()
        # CreateAccount requests refused for a used e-mail: id -> CreateAccountStatus
        self.refused_accounts = {}
        self.eks_endpoint = None
        self.eks_creating_describes = 0
        self.nodegroup_creating_describes = 0
        self.nodegroup_deleting_describes = 0
        self.addon_creating_describes = 0
        # RDS instances and ElastiCache caches: (service, id) -> [describes left, status]
        self.busy_describes = 0
        self.busy = {}
        # Memcached clusters: id -> the security group ids they were created with
        self.memcached = {}
        # EKS clusters: (account, region, name) -> the cluster security group made for it
        self.cluster_security_groups = {}
        # Caches deleted: id -> describes left that still show them deleting
        self.caches_deleted = {}
        # Cache subnet groups deleted (moto cannot delete them)
        self.cache_subnet_groups_deleted = set()
        self.eks = EksState()

    def config(self):
        """The knobs, as GET /__proxy/config answers them."""
        return {
            "latency_ms": self.latency_ms,
            "fault_rate": self.fault_rate,
            "kill_at": self.kill_at,
            "lose_rate": self.lose_rate,
            "lose_how": self.lose_how,
            "lose_actions": self.lose_actions,
            "eks_endpoint": self.eks_endpoint,
            "eks_creating_describes": self.eks_creating_describes,
            "nodegroup_creating_describes": self.nodegroup_creating_describes,
            "nodegroup_deleting_describes": self.nodegroup_deleting_describes,
            "addon_creating_describes": self.addon_creating_describes,
            "busy_describes": self.busy_describes,
            **self.eks.knobs,
        }


STATE = None
# One CreateAccount at a time: the e-mail check and the create are one step.
ACCOUNT_LOCK = threading.Lock()
# One conditional S3 write at a time (see _guaranteed).
S3_CONDITIONAL_LOCK = threading.Lock()
LOSE_HOWS = ("500", "close", "mixed")


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


# RDS and ElastiCache: what moto makes available at once, AWS takes minutes over. After
# a create or a change, the next `busy_describes` describes of that resource say
# creating or modifying (in the answer to the create or change too, as AWS's do).
BUSY_IDS = (b"DBInstanceIdentifier", b"ReplicationGroupId", b"CacheClusterId")
BUSY_STATUS = re.compile(
    rb"<(DBInstanceStatus|Status|CacheClusterStatus)>available</(?:DBInstanceStatus|Status|CacheClusterStatus)>"
)
BUSY_STARTS = {
    "CreateDBInstance": "creating",
    "ModifyDBInstance": "modifying",
    "CreateReplicationGroup": "creating",
    "ModifyReplicationGroup": "modifying",
    "IncreaseReplicaCount": "modifying",
    "DecreaseReplicaCount": "modifying",
    "CreateCacheCluster": "creating",
    "ModifyCacheCluster": "modifying",
}


def busy_answer(state, action, body, reply):
    form = urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
    ident = next((form[key.decode()][0] for key in BUSY_IDS if key.decode() in form), None)
    if ident is None or not reply:
        return reply
    with state.lock:
        if action in BUSY_STARTS:
            if state.busy_describes <= 0:
                return reply
            status = BUSY_STARTS[action]
            state.busy[ident] = [state.busy_describes, status]
        elif action.startswith("Describe") and ident in state.busy:
            left, status = state.busy[ident]
            if left <= 1:
                del state.busy[ident]
            else:
                state.busy[ident][0] = left - 1
        else:
            return reply
    return BUSY_STATUS.sub(
        lambda match: b"<%s>%s</%s>" % (match.group(1), status.encode(), match.group(1)),
        reply,
    )


# moto keeps neither the security groups nor the configuration endpoint of a Memcached
# cluster; ElastiCache always answers both. The proxy remembers the groups of each
# CreateCacheCluster and adds both to the answers that lack them.
CACHE_CLUSTER = re.compile(rb"<CacheCluster>(.*?)</CacheCluster>", re.S)


def memcached_answer(state, action, body, reply):
    form = urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
    if action == "CreateCacheCluster" and form.get("Engine", [""])[0] == "memcached":
        groups = [value[0] for key, value in sorted(form.items()) if key.startswith("SecurityGroupIds.")]
        with state.lock:
            state.memcached[form["CacheClusterId"][0]] = groups
    elif action == "DeleteCacheCluster":
        with state.lock:
            state.memcached.pop(form.get("CacheClusterId", [""])[0], None)
    if action not in ("CreateCacheCluster", "DescribeCacheClusters", "ModifyCacheCluster") or not reply:
        return reply

    def amend(match):
        inner = match.group(1)
        found = re.search(rb"<CacheClusterId>([^<]+)</CacheClusterId>", inner)
        if not found:
            return match.group(0)
        ident = found.group(1).decode()
        with state.lock:
            groups = state.memcached.get(ident)
        if groups is None:
            return match.group(0)
        if b"<SecurityGroups" not in inner:
            members = b"".join(
                b"<member><SecurityGroupId>%s</SecurityGroupId><Status>active</Status></member>"
                % group.encode()
                for group in groups
            )
            inner += b"<SecurityGroups>%s</SecurityGroups>" % members
        if b"<ConfigurationEndpoint" not in inner:
            inner += (
                b"<ConfigurationEndpoint><Address>%s.abc123.cfg.use1.cache.amazonaws.com</Address>"
                b"<Port>11211</Port></ConfigurationEndpoint>" % ident.encode()
            )
        return b"<CacheCluster>" + inner + b"</CacheCluster>"

    return CACHE_CLUSTER.sub(amend, reply)


# moto keeps a deleted cache `deleting` for ever; ElastiCache removes it after a while.
# After a DeleteReplicationGroup or DeleteCacheCluster, the next describe of it still
# says deleting; later ones answer it not found (and lists leave it out).
CACHE_GONE = {
    "DescribeReplicationGroups": ("ReplicationGroupId", "ReplicationGroup", "ReplicationGroupNotFoundFault"),
    "DescribeCacheClusters": ("CacheClusterId", "CacheCluster", "CacheClusterNotFound"),
}


def cache_deletion(state, action, body, status, reply):
    form = urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
    if action in ("DeleteReplicationGroup", "DeleteCacheCluster"):
        ident = (form.get("ReplicationGroupId") or form.get("CacheClusterId") or [None])[0]
        if ident:
            with state.lock:
                state.caches_deleted[ident] = 1
        return status, reply
    if action in ("CreateReplicationGroup", "CreateCacheCluster"):
        return status, reply
    if action not in CACHE_GONE or not reply:
        return status, reply
    key, element, fault = CACHE_GONE[action]
    ident = form.get(key, [None])[0]
    with state.lock:
        if ident is not None and ident in state.caches_deleted:
            if state.caches_deleted[ident] > 0:
                state.caches_deleted[ident] -= 1
                return status, reply
            return 404, (
                b'<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">'
                b"<Error><Type>Sender</Type><Code>%s</Code><Message>%s %s not found.</Message></Error>"
                b"<RequestId>sleak-proxy</RequestId></ErrorResponse>"
                % (fault.encode(), element.encode(), ident.encode())
            )
        gone = {name for name, left in state.caches_deleted.items() if left <= 0}
    if ident is not None or not gone:
        return status, reply
    pattern = re.compile(rb"<%s>(.*?)</%s>" % (element.encode(), element.encode()), re.S)

    def drop(match):
        found = re.search(rb"<%sId>([^<]+)</%sId>" % (element.encode(), element.encode()), match.group(1))
        member_of = re.search(rb"<ReplicationGroupId>([^<]+)</ReplicationGroupId>", match.group(1))
        for candidate in (found, member_of):
            if candidate and candidate.group(1).decode() in gone:
                return b""
        return match.group(0)

    return status, pattern.sub(drop, reply)


# moto cannot delete a cache subnet group (NotImplementedError): the proxy answers
# DeleteCacheSubnetGroup itself and from then on answers the group not found.
def delete_cache_subnet_group(state, body):
    form = urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
    name = form.get("CacheSubnetGroupName", [""])[0]
    with state.lock:
        gone = name in state.cache_subnet_groups_deleted
        state.cache_subnet_groups_deleted.add(name)
    headers = [("Content-Type", "text/xml")]
    if gone:
        return 404, headers, (
            b'<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">'
            b"<Error><Type>Sender</Type><Code>CacheSubnetGroupNotFoundFault</Code>"
            b"<Message>CacheSubnetGroup %s not found.</Message></Error>"
            b"<RequestId>sleak-proxy</RequestId></ErrorResponse>" % name.encode()
        )
    return 200, headers, (
        b'<DeleteCacheSubnetGroupResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">'
        b"<ResponseMetadata><RequestId>sleak-proxy</RequestId></ResponseMetadata>"
        b"</DeleteCacheSubnetGroupResponse>"
    )


def deleted_subnet_groups(state, action, body, status, reply):
    if action != "DescribeCacheSubnetGroups" or not reply:
        return status, reply
    form = urllib.parse.parse_qs((body or b"").decode("utf-8", "replace"))
    name = form.get("CacheSubnetGroupName", [None])[0]
    with state.lock:
        gone = set(state.cache_subnet_groups_deleted)
    if name is not None and name in gone:
        return 404, (
            b'<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">'
            b"<Error><Type>Sender</Type><Code>CacheSubnetGroupNotFoundFault</Code>"
            b"<Message>CacheSubnetGroup %s not found.</Message></Error>"
            b"<RequestId>sleak-proxy</RequestId></ErrorResponse>" % name.encode()
        )

    def drop(match):
        found = re.search(rb"<CacheSubnetGroupName>([^<]+)</CacheSubnetGroupName>", match.group(1))
        return b"" if found and found.group(1).decode() in gone else match.group(0)

    return status, re.sub(rb"<CacheSubnetGroup>(.*?)</CacheSubnetGroup>", drop, reply, flags=re.S)


# Query-protocol requests: the resource a request is about, from the first of these
# parameters it has (recorded as `target`).
QUERY_TARGETS = (
    "GroupId",
    "DBInstanceIdentifier",
    "ReplicationGroupId",
    "CacheClusterId",
    "CacheSubnetGroupName",
    "DBSubnetGroupName",
    "VpcId",
    "SubnetId",
    "QueueUrl",
    "QueueName",
)


def query_target(protocol, body):
    if protocol not in ("query", "ec2") or not body:
        return None
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    for key in QUERY_TARGETS:
        if form.get(key):
            return form[key][0]
    return None


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
        return True
    except (ProcessLookupError, PermissionError):
        return False


# --------------------------------------------------------------------------------------
# EKS: answers of the fake (eks_fake.py), and what the proxy changes in moto's
# --------------------------------------------------------------------------------------


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
        if method == "GET" and path == "/__proxy/secrets":
            with state.lock:
                secrets = list(state.secrets)
            return self._json(200, secrets)
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
                if config.get("lose_how", "mixed") not in LOSE_HOWS:
                    raise ValueError(f"lose_how is one of {LOSE_HOWS}")
                delays = {
                    key: max(0, int(config[key]))
                    for key in (
                        "eks_creating_describes",
                        "nodegroup_creating_describes",
                        "nodegroup_deleting_describes",
                        "addon_creating_describes",
                        "busy_describes",
                    )
                    if key in config
                }
                eks_knobs = check_knobs(config)
            except (ValueError, TypeError) as error:
                return self._json(400, {"error": str(error)})
            fire = None
            with state.lock:
                if "latency_ms" in config:
                    state.latency_ms = max(0, int(config["latency_ms"]))
                if "fault_rate" in config:
                    state.fault_rate = min(1.0, max(0.0, float(config["fault_rate"])))
                    state.rng = random.Random(config.get("seed", 0))
                if "lose_actions" in config:
                    state.lose_actions = {
                        str(action): max(0, int(n)) for action, n in (config["lose_actions"] or {}).items()
                    }
                    state.lose_how = config.get("lose_how", "mixed")
                    state.lose_rng = random.Random(config.get("seed", 0))
                if "lose_rate" in config:
                    state.lose_rate = min(1.0, max(0.0, float(config["lose_rate"])))
                    state.lose_rng = random.Random(config.get("seed", 0))
                    state.lose_how = config.get("lose_how", "mixed")
                if "kill_at" in config:
                    kill_at = config["kill_at"]
                    if kill_at is None:
                        state.kill_at = None
                    else:
                        state.kill_at = {
                            "pid": int(kill_at["pid"]),
                            "n": int(kill_at["n"]),
                            "when": kill_at.get("when", "before"),
                            "action": kill_at.get("action"),
                            "seen": 0,
                            "fired": None,
                        }
                        # The n-th request already went by (a race with a fast
                        # client): kill now rather than never.
                        if (
                            state.kill_at["action"] is None
                            and len(state.records) >= state.kill_at["n"]
                        ):
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
                state.eks.configure(eks_knobs)
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

    def _upstream(self, method, path, body, headers=None):
        """One request to moto with the client's headers (`headers` replacing some):
        (status, reason, headers, body). Raises when moto fell over."""
        upstream = urllib.parse.urlsplit(STATE.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        sent = self._upstream_headers(body)
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            reply = response.read()
            return response.status, response.reason, response.getheaders(), reply
        finally:
            connection.close()

    def _ec2(self, form):
        """An EC2 query request to moto as the caller of the request being handled (the
        same credentials; moto reads the account from the access key)."""
        body = urllib.parse.urlencode({**form, "Version": "2016-11-15"}).encode()
        authorization = re.sub(
            r"/[a-z0-9-]+/aws4_request", "/ec2/aws4_request", self.headers.get("Authorization", "")
        )
        headers = {
            "Authorization": authorization,
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Content-Length": str(len(body)),
        }
        for name in ("X-Amz-Date", "X-Amz-Security-Token"):
            if self.headers.get(name):
                headers[name] = self.headers.get(name)
        upstream = urllib.parse.urlsplit(STATE.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        try:
            connection.request("POST", "/", body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def _cluster_security_group(self, region, cluster, deleting):
        """EKS makes a cluster security group for each cluster, which its managed nodes
        carry, and names it in resourcesVpcConfig.clusterSecurityGroupId; moto does
        neither. The proxy makes one in moto (in the cluster's VPC) the first time it
        sees the cluster, adds its id to the answers, and deletes it with the cluster."""
        state = STATE
        key = (account_of(cluster.get("arn")), region, cluster.get("name"))
        vpc_config = cluster.get("resourcesVpcConfig")
        if not isinstance(vpc_config, dict):
            vpc_config = cluster["resourcesVpcConfig"] = {}
        with state.lock:
            group = state.cluster_security_groups.get(key)
        if deleting:
            if group:
                self._ec2({"Action": "DeleteSecurityGroup", "GroupId": group})
                with state.lock:
                    state.cluster_security_groups.pop(key, None)
                vpc_config["clusterSecurityGroupId"] = group
            return
        if group is None:
            vpc = vpc_config.get("vpcId")
            subnets = vpc_config.get("subnetIds") or []
            if not vpc and subnets:
                status, reply = self._ec2({"Action": "DescribeSubnets", "SubnetId.1": subnets[0]})
                found = re.search(rb"<vpcId>([^<]+)</vpcId>", reply or b"")
                vpc = found.group(1).decode() if status == 200 and found else None
            if not vpc:
                return
            name = "eks-cluster-sg-%s-%s" % (cluster.get("name"), key[0])
            status, reply = self._ec2(
                {
                    "Action": "CreateSecurityGroup",
                    "GroupName": name,
                    "GroupDescription": "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.",
                    "VpcId": vpc,
                }
            )
            found = re.search(rb"<groupId>([^<]+)</groupId>", reply or b"")
            if status != 200 or not found:
                status, reply = self._ec2(
                    {"Action": "DescribeSecurityGroups", "Filter.1.Name": "group-name", "Filter.1.Value.1": name}
                )
                found = re.search(rb"<groupId>([^<]+)</groupId>", reply or b"")
            if not found:
                return
            group = found.group(1).decode()
            with state.lock:
                group = state.cluster_security_groups.setdefault(key, group)
        vpc_config["clusterSecurityGroupId"] = group

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
        try:
            if cluster_name:
                status, reason, headers, body, cluster = self._moto_cluster(cluster_name)
                if status == 404:
                    raise EksError(
                        "ResourceNotFoundException",
                        f"No cluster found for name: {cluster_name}.",
                        clusterName=cluster_name,
                    )
                if cluster is None:
                    return status, headers, body
                ctx["moto_cluster"] = cluster
                ctx["account"] = account_of(cluster.get("arn"))
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
                    ctx["fake"] = engine.cluster(eks["region"], ctx["moto_cluster"])
                    engine.check_access_mode(operation, ctx)
                status, value = engine.handle(operation, ctx)
                return json_answer(status, copy.deepcopy(value))
        except EksError as error:
            return eks_error_answer(error)

    def _eks_refused(self, eks):
        """The fake's refusal of an update moto would make (another update of the cluster
        or node group in progress), as (status, headers, body); None to forward it."""
        if eks["operation"] not in ("UpdateClusterConfig", "UpdateNodegroupConfig"):
            return None
        cluster = self._moto_cluster(eks["cluster"])[4] if eks["cluster"] else None
        if cluster is None:
            return None
        with STATE.lock:
            try:
                EksFake(STATE).refuse_moto_update(
                    eks["operation"], eks["region"], cluster, eks["params"]
                )
            except EksError as error:
                return eks_error_answer(error)
        return None

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
        if operation == "DescribeCluster" and status == 404:
            with state.lock:
                deleting = engine.deleting_cluster(region, eks["params"].get("name"))
            if deleting is not None:
                return (*json_answer(200, {"cluster": deleting}), "proxy")
        if status == 409 and operation in ("CreateCluster", "CreateNodegroup"):
            return self._eks_same_token(eks, status, headers, reply)
        if status != 200 or operation not in EKS_REWRITTEN:
            return status, headers, reply, "moto"
        try:
            value = json.loads(reply)
        except ValueError:
            return status, headers, reply, "moto"
        if not isinstance(value, dict):
            return status, headers, reply, "moto"
        cluster = value.get("cluster")
        if isinstance(cluster, dict) and operation in ("CreateCluster", "DescribeCluster", "DeleteCluster"):
            self._cluster_security_group(region, cluster, operation == "DeleteCluster")
        moto_cluster = None
        if eks["cluster"] and operation in (
            "UpdateClusterConfig",
            "CreateNodegroup",
            "UpdateNodegroupConfig",
        ):
            moto_cluster = self._moto_cluster(eks["cluster"])[4]
        with state.lock:
            cluster = value.get("cluster")
            nodegroup = value.get("nodegroup")
            if isinstance(cluster, dict) and operation != "UpdateClusterConfig":
                key = (account_of(cluster.get("arn")), region, cluster.get("name"))
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
                    update = new_update(kind, params, status="InProgress")
                fake = engine.cluster(region, moto_cluster)
                access = request.get("accessConfig")
                if isinstance(access, dict) and access.get("authenticationMode"):
                    if fake.access_config is None:
                        fake.access_config = {"bootstrapClusterCreatorAdminPermissions": True}
                    fake.access_config["authenticationMode"] = access["authenticationMode"]
                value = {"update": update}
            elif isinstance(nodegroup, dict):
                key = (
                    account_of(nodegroup.get("nodegroupArn")),
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
            lost = engine.after_moto(operation, eks, value, moto_cluster)
            reply = json.dumps(value).encode()
        if lost is not None:
            status, headers, reply = eks_error_answer(lost)
        return status, headers, reply, "moto"

    def _eks_same_token(self, eks, status, headers, reply):
        """moto's ResourceInUseException to a CreateCluster or CreateNodegroup, or, when
        the request repeats the create that made the resource (its clientRequestToken),
        the resource as it is now, as EKS answers a repeated request."""
        request = eks["request"] if isinstance(eks["request"], dict) else {}
        operation = eks["operation"]
        name = request.get("name") if operation == "CreateCluster" else eks["cluster"]
        if not isinstance(name, str) or not name:
            return status, headers, reply, "moto"
        cluster = self._moto_cluster(name)
        if cluster[4] is None:
            return status, headers, reply, "moto"
        path = "/clusters/" + urllib.parse.quote(name, safe="")
        describe, nodegroup = "DescribeCluster", None
        answer = cluster[:4]
        if operation == "CreateNodegroup":
            describe = "DescribeNodegroup"
            path += "/node-groups/" + urllib.parse.quote(
                str(request.get("nodegroupName")), safe=""
            )
            answer = self._upstream("GET", path, b"")
            try:
                nodegroup = json.loads(answer[3])["nodegroup"]
            except (ValueError, KeyError, TypeError):
                return status, headers, reply, "moto"
        with STATE.lock:
            same = EksFake(STATE).same_token(
                operation, eks["region"], cluster[4], nodegroup, request
            )
        if not same:
            return status, headers, reply, "moto"
        params = {"name": name}
        if nodegroup is not None:
            params["nodegroupName"] = nodegroup.get("nodegroupName")
        again = dict(eks, operation=describe, params=params, request=None)
        return self._eks_after(again, answer[0], answer[2], answer[3])

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
            key = (account_of(cluster.get("arn")), region, cluster_name, nodegroup_name)
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

    # ---- what AWS guarantees and moto does not ------------------------------------

    def _access_key(self):
        match = re.search(r"Credential=([^/,\s]+)/", self.headers.get("Authorization", ""))
        return match.group(1) if match else ""

    def _guaranteed(self, service, protocol, action, method, path, query, body):
        """The proxy's own answer where AWS would not do what moto does — (status,
        headers, body, None) — or (None, None, None, after) to forward the request; then
        `after(status, headers, reply)`, when given, sees moto's answer and returns the
        one the client gets."""
        state = STATE
        caller = self._access_key()
        if protocol == "ec2":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            token = (form.get("ClientToken") or [None])[0]
            if token:
                key = (caller, action, token)
                with state.lock:
                    answer = state.client_tokens.get(key)
                if answer is not None:
                    return answer + (None,)

                def remember(status, headers, reply):
                    if status == 200:
                        with state.lock:
                            state.client_tokens.setdefault(key, (status, headers, reply))
                    return status, headers, reply

                return None, None, None, remember
        if service == "route53" and method == "POST" and path.endswith("/hostedzone"):
            match = re.search(rb"<CallerReference>(.*?)</CallerReference>", body or b"")
            if match:
                key = (caller, match.group(1))
                with state.lock:
                    used = key in state.caller_references
                if used:
                    reply = (
                        '<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">'
                        "<Error><Type>Sender</Type><Code>HostedZoneAlreadyExists</Code>"
                        "<Message>A hosted zone has already been created with the specified "
                        "caller reference.</Message></Error>"
                        f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
                    ).encode()
                    return 409, [("Content-Type", "text/xml")], reply, None

                def remember(status, headers, reply):
                    if status in (200, 201):
                        with state.lock:
                            state.caller_references.add(key)
                    return status, headers, reply

                return None, None, None, remember
        if service == "organizations" and protocol == "json":
            return self._organizations(action, body)
        if service == "s3" and method == "PUT" and (
            self.headers.get("If-None-Match") or self.headers.get("If-Match")
        ):
            # S3 checks the condition and writes as one step; moto checks, then writes.
            S3_CONDITIONAL_LOCK.acquire()

            def release(status, headers, reply):
                S3_CONDITIONAL_LOCK.release()
                return status, headers, reply

            return None, None, None, release
        return None, None, None, None

    def _organizations(self, action, body):
        """EMAIL_ALREADY_EXISTS, as AWS Organizations reports it."""
        state = STATE
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return None, None, None, None
        if action == "CreateAccount":
            email = str(request.get("Email", "")).lower()
            ACCOUNT_LOCK.acquire()
            try:
                used = email in self._organization_emails()
            except Exception:
                ACCOUNT_LOCK.release()
                raise
            if not used:
                # Held until moto created the account (remember releases it).
                def remember(status, headers, reply):
                    ACCOUNT_LOCK.release()
                    return status, headers, reply

                return None, None, None, remember
            ACCOUNT_LOCK.release()
            now = time.time()
            request_id = "car-" + "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=12))
            status = {
                "Id": request_id,
                "AccountName": request.get("AccountName"),
                "State": "IN_PROGRESS",
                "RequestedTimestamp": now,
            }
            with state.lock:
                state.refused_accounts[request_id] = dict(
                    status,
                    State="FAILED",
                    CompletedTimestamp=now,
                    FailureReason="EMAIL_ALREADY_EXISTS",
                )
            return json_answer(200, {"CreateAccountStatus": status}) + (None,)
        if action == "DescribeCreateAccountStatus":
            with state.lock:
                refused = state.refused_accounts.get(request.get("CreateAccountRequestId"))
            if refused is not None:
                return json_answer(200, {"CreateAccountStatus": refused}) + (None,)
        if action == "ListCreateAccountStatus":
            states = request.get("States") or ["FAILED"]
            with state.lock:
                refused = list(state.refused_accounts.values())
            if refused and "FAILED" in states:

                def merge(status, headers, reply):
                    if status != 200:
                        return status, headers, reply
                    value = json.loads(reply)
                    value["CreateAccountStatuses"] = value.get("CreateAccountStatuses", []) + refused
                    return status, headers, json.dumps(value).encode()

                return None, None, None, merge
        return None, None, None, None

    def _organization_emails(self):
        """The e-mail addresses of the organization's accounts, lower case, from moto."""
        emails, token = set(), None
        while True:
            request = {"NextToken": token} if token else {}
            status, _, _, reply = self._upstream(
                "POST",
                "/",
                json.dumps(request).encode(),
                {"X-Amz-Target": "AWSOrganizationsV20161128.ListAccounts"},
            )
            if status != 200:
                return emails
            page = json.loads(reply)
            emails.update(str(a.get("Email", "")).lower() for a in page.get("Accounts", []))
            token = page.get("NextToken")
            if not token:
                return emails

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
                "lost": None,
                "elapsed_ms": 0,
                # The proxy's monotonic clock, in ms: when the request arrived and when
                # its answer was ready (what orders requests in time for the benches).
                "arrived_ms": int(time.monotonic() * 1000),
                "answered_ms": None,
                "answered_by": None,
                "request": eks["request"] if eks else None,
                "target": eks["target"] if eks else query_target(protocol, body),
                "eks_answer": None,
            }
            state.records.append(record)
            kill_at = state.kill_at
            if kill_at and kill_at["fired"] is None and kill_at["action"] is not None:
                if kill_at["action"] == action:
                    kill_at["seen"] += 1
                hit = kill_at["action"] == action and kill_at["seen"] == kill_at["n"]
            else:
                hit = kill_at is not None and record["seq"] == kill_at["n"]
            if hit and kill_at["fired"] is None:
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
        after = None
        try:
            refused = self._eks_refused(eks) if eks and not eks["faked"] else None
            if eks and eks["faked"]:
                status, response_headers, reply = self._eks_fake(eks)
                answered_by = "proxy"
            elif refused is not None:
                status, response_headers, reply = refused
                answered_by = "proxy"
            elif service == "elasticache" and action == "DeleteCacheSubnetGroup":
                status, response_headers, reply = delete_cache_subnet_group(state, body)
                answered_by = "proxy"
            else:
                status, response_headers, reply, after = self._guaranteed(
                    service, protocol, action, method, path, query, body
                )
                answered_by = "proxy"
            if status is None:
                forwarded = self._eks_before(eks, body) if eks else body
                status, reason, response_headers, reply = self._upstream(
                    method, self.path, forwarded
                )
                answered_by = "moto"
                if after is not None:
                    status, response_headers, reply = after(status, response_headers, reply)
                    after = None
                if service in ("rds", "elasticache") and status < 400:
                    reply = busy_answer(state, action, body, reply)
                if service == "elasticache" and status < 400:
                    reply = memcached_answer(state, action, body, reply)
                    was = status
                    status, reply = cache_deletion(state, action, body, status, reply)
                    status, reply = deleted_subnet_groups(state, action, body, status, reply)
                    if status != was:
                        reason = None
                if eks:
                    status, response_headers, reply, answered_by = self._eks_after(
                        eks, status, response_headers, reply
                    )
                    if answered_by == "proxy":
                        reason = None
        except Exception as error:  # moto fell over: tell the client, keep a trace
            if after is not None:
                after(502, [], b"")
            with state.lock:
                record["status"] = 502
                record["error"] = repr(error)
                record["answered_by"] = "proxy"
            self.close_connection = True
            return self._reply(502, [("Content-Type", "text/plain")], repr(error).encode())
        secrets = []
        if service == "sts" and status == 200 and action in ("AssumeRole", "GetSessionToken"):
            # The credentials AWS handed out: what tests search sleak's outputs for.
            secrets = [
                value.decode()
                for value in re.findall(
                    rb"<(?:SecretAccessKey|SessionToken)>([^<]+)</", reply or b""
                )
            ]
        with state.lock:
            record["status"] = status
            record["answered_by"] = answered_by
            record["elapsed_ms"] = int((time.monotonic() - started) * 1000)
            record["answered_ms"] = int(time.monotonic() * 1000)
            if secrets:
                state.secrets.extend(secrets)
            if eks:
                record["eks_answer"] = eks_answer(response_headers, reply)
        if kill_after is not None:
            kill(kill_after)
            self.close_connection = True
            return
        lost = None
        if mutating and status < 400:
            with state.lock:
                targeted = state.lose_actions.get(action, 0) > 0
                if targeted:
                    state.lose_actions[action] -= 1
                if targeted or (state.lose_rate > 0 and state.lose_rng.random() < state.lose_rate):
                    lost = state.lose_how
                    if lost == "mixed":
                        lost = state.lose_rng.choice(("500", "close"))
                    record["lost"] = lost
                    # What the client got: a 500, or nothing.
                    record["status"] = 500 if lost == "500" else None
                    state.lost += 1
        if lost == "close":
            # Applied, and the connection drops before any answer.
            self.close_connection = True
            return
        if lost == "500":
            status, response_headers, reply = fault_response(protocol, service, "internal")
            reason = None
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

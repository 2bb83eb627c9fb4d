"""A recording, fault-injecting reverse proxy in front of a moto server, for tests.

Usage: python3 aws_proxy.py <moto-url>

Listens on a free port of 127.0.0.1, prints its URL on the first line of stdout and exits
when stdin closes (the test binary that started it went away). Standard library only.

Every request is forwarded to moto unchanged and its response returned unchanged (but for
hop-by-hop headers), and recorded: sequence number, service (from the SigV4 credential
scope), action, whether it mutates, the status returned and whether the proxy answered it
itself (a fault). The harness drives it through a control API on the same port:

    GET  /__proxy/log       the records, a JSON list
    POST /__proxy/reset     clears the records and every knob
    POST /__proxy/config    JSON object, any of:
         {"latency_ms": 25}                         added before forwarding each request
         {"fault_rate": 0.2, "seed": 7}             that share of requests is answered by
                                                    the proxy with a retryable error
         {"kill_at": {"pid": 123, "n": 40, "when": "before" | "after"}}
                                                    SIGKILL pid when the n-th request
                                                    arrives: before forwarding it, or after
                                                    moto answered but before replying
         {"kill_at": null}                          disarms
"""

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


STATE = None


def classify(method, path, query, headers, body):
    """(service, protocol, action, mutating) of one AWS request."""
    service = "unknown"
    authorization = headers.get("Authorization", "")
    match = CREDENTIAL_SCOPE.search(authorization)
    if not match:
        credential = urllib.parse.parse_qs(query).get("X-Amz-Credential", [""])[0]
        match = CREDENTIAL_SCOPE.search("Credential=" + credential)
    if match:
        service = match.group(2)
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
                records = list(state.records)
            return self._json(200, records)
        if method == "POST" and path == "/__proxy/reset":
            with state.lock:
                state.reset()
            return self._json(200, {"ok": True})
        if method == "POST" and path == "/__proxy/config":
            try:
                config = json.loads(body or b"{}")
            except ValueError as error:
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
                current = {
                    "latency_ms": state.latency_ms,
                    "fault_rate": state.fault_rate,
                    "kill_at": state.kill_at,
                }
            if fire is not None:
                kill(fire)
            return self._json(200, current)
        if method == "GET" and path == "/__proxy/config":
            with state.lock:
                current = {
                    "latency_ms": state.latency_ms,
                    "fault_rate": state.fault_rate,
                    "kill_at": state.kill_at,
                }
            return self._json(200, current)
        return self._json(404, {"error": f"no control endpoint {method} {path}"})

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
            # The request was read whole: the connection stays usable for the client's retry.
            return self._reply(status, headers, reply, head=method == "HEAD")

        if latency:
            time.sleep(latency / 1000)
        headers = {}
        for name, value in self.headers.items():
            if name.lower() in HOP_BY_HOP or name.lower() == "content-length":
                continue
            headers[name] = value
        headers["Content-Length"] = str(len(body))
        upstream = urllib.parse.urlsplit(state.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        try:
            connection.request(method, self.path, body=body, headers=headers)
            response = connection.getresponse()
            reply = response.read()
            status, reason = response.status, response.reason
            response_headers = response.getheaders()
        except Exception as error:  # moto fell over: tell the client, keep a trace
            with state.lock:
                record["status"] = 502
                record["error"] = repr(error)
            self.close_connection = True
            return self._reply(502, [("Content-Type", "text/plain")], repr(error).encode())
        finally:
            connection.close()
        with state.lock:
            record["status"] = status
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

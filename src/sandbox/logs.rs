//! Pod logs (`pods/{name}/log`): lines synthesized from each container's state, so that
//! `kubectl logs` (with `-f`, `--tail`, `--previous`, `--timestamps`) and kube-rs read them.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde_json::Value;

use super::Shared;
use super::error::{ApiError, ApiResult};
use super::resources::index_of;
use super::store::Key;
use super::table::parse_rfc3339;

/// How often a followed log looks for new lines.
const FOLLOW_POLL: Duration = Duration::from_millis(100);

/// One line: when it was written, and its text.
type Line = (String, String);

/// What the client asked for.
#[derive(Clone)]
struct LogRequest {
    container: String,
    previous: bool,
    timestamps: bool,
    tail: Option<usize>,
    /// Only lines at or after this time (seconds since the epoch).
    since: Option<i64>,
}

/// The lines of one container instance, from its state (`running` or `terminated`).
fn instance_lines(name: &str, image: &str, state: &Value) -> Option<Vec<Line>> {
    let starting = |at: &Value| {
        (
            at.as_str().unwrap_or_default().to_owned(),
            format!("starting {image} as {name}"),
        )
    };
    if let Some(running) = state.get("running") {
        let at = &running["startedAt"];
        return Some(vec![
            starting(at),
            (
                at.as_str().unwrap_or_default().to_owned(),
                format!("{name} is running"),
            ),
        ]);
    }
    let terminated = state.get("terminated")?;
    let finished = terminated["finishedAt"].as_str().unwrap_or_default();
    let exit_code = terminated["exitCode"].as_i64().unwrap_or(0);
    let last = match terminated["reason"].as_str().unwrap_or_default() {
        "Completed" => format!("{name} finished (exit status 0)"),
        "OOMKilled" => format!("Killed: out of memory (sandbox oomkill for {image})"),
        _ => format!(
            "Error: process exited with status {exit_code} (sandbox crash loop for {image})"
        ),
    };
    Some(vec![
        starting(&terminated["startedAt"]),
        (finished.to_owned(), last),
    ])
}

/// The lines of the instance asked for, with an identity that changes when the container
/// restarts, and whether that instance has ended (a followed log then ends too).
fn container_lines(pod: &Value, request: &LogRequest) -> ApiResult<(String, Vec<Line>, bool)> {
    let pod_name = pod["metadata"]["name"].as_str().unwrap_or_default();
    let status = pod
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .and_then(|all| all.iter().find(|s| s["name"] == request.container.as_str()));
    let waiting = |reason: &str| {
        ApiError::bad_request(format!(
            "container \"{}\" in pod \"{pod_name}\" is waiting to start: {reason}",
            request.container
        ))
    };
    let Some(status) = status else {
        return Err(waiting("ContainerCreating"));
    };
    let image = status["image"].as_str().unwrap_or_default();
    let restarts = status["restartCount"].as_i64().unwrap_or(0);
    let last_terminated = status["lastState"].get("terminated").is_some();
    if request.previous {
        if restarts == 0 || !last_terminated {
            return Err(ApiError::bad_request(format!(
                "previous terminated container \"{}\" in pod \"{pod_name}\" not found",
                request.container
            )));
        }
        let lines =
            instance_lines(&request.container, image, &status["lastState"]).unwrap_or_default();
        return Ok((format!("previous-{restarts}"), lines, true));
    }
    let state = &status["state"];
    if let Some(lines) = instance_lines(&request.container, image, state) {
        let ended = state.get("terminated").is_some();
        return Ok((format!("{restarts}"), lines, ended));
    }
    // A crash-looping container between restarts: its last instance is what the kubelet keeps.
    if last_terminated
        && let Some(lines) = instance_lines(&request.container, image, &status["lastState"])
    {
        return Ok((format!("{restarts}"), lines, true));
    }
    let reason = state
        .pointer("/waiting/reason")
        .and_then(Value::as_str)
        .unwrap_or("ContainerCreating");
    Err(waiting(reason))
}

fn render(lines: &[Line], request: &LogRequest) -> String {
    let kept: Vec<&Line> = lines
        .iter()
        .filter(|(at, _)| {
            request
                .since
                .is_none_or(|since| parse_rfc3339(at).is_none_or(|at| at >= since))
        })
        .collect();
    let skip = request
        .tail
        .map_or(0, |tail| kept.len().saturating_sub(tail));
    kept[skip..]
        .iter()
        .map(|(at, text)| {
            if request.timestamps {
                format!("{at} {text}\n")
            } else {
                format!("{text}\n")
            }
        })
        .collect()
}

fn parse_request(pod: &Value, query: &HashMap<String, String>) -> ApiResult<LogRequest> {
    let pod_name = pod["metadata"]["name"].as_str().unwrap_or_default();
    let names: Vec<&str> = pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str())
        .collect();
    let container = match query.get("container").filter(|c| !c.is_empty()) {
        Some(container) if names.contains(&container.as_str()) => container.clone(),
        Some(container) => {
            return Err(ApiError::bad_request(format!(
                "container {container} is not valid for pod {pod_name}"
            )));
        }
        None if names.len() == 1 => names[0].to_owned(),
        None => {
            return Err(ApiError::bad_request(format!(
                "a container name must be specified for pod {pod_name}, choose one of: [{}]",
                names.join(" ")
            )));
        }
    };
    let flag = |name: &str| query.get(name).is_some_and(|v| v == "true" || v == "1");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let since = match (query.get("sinceSeconds"), query.get("sinceTime")) {
        (Some(seconds), _) => Some(
            now - seconds
                .parse::<i64>()
                .map_err(|_| ApiError::bad_request(format!("invalid sinceSeconds `{seconds}`")))?,
        ),
        (None, Some(time)) => Some(
            parse_rfc3339(time)
                .ok_or_else(|| ApiError::bad_request(format!("invalid sinceTime `{time}`")))?,
        ),
        (None, None) => None,
    };
    let tail = match query.get("tailLines") {
        Some(tail) => Some(
            tail.parse::<i64>()
                .map_err(|_| ApiError::bad_request(format!("invalid tailLines `{tail}`")))?
                .max(0) as usize,
        ),
        None => None,
    };
    Ok(LogRequest {
        container,
        previous: flag("previous"),
        timestamps: flag("timestamps"),
        tail,
        since,
    })
}

fn text_response(body: Body) -> Response {
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}

fn current_pod(shared: &Shared, key: &Key) -> Option<Value> {
    shared
        .store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(key)
        .cloned()
}

/// Serves `GET …/pods/{name}/log`.
pub fn serve(
    shared: &Arc<Shared>,
    namespace: &str,
    name: &str,
    query: &HashMap<String, String>,
) -> ApiResult<Response> {
    let key = Key::new(index_of("Pod"), namespace, name);
    let pod = current_pod(shared, &key).ok_or_else(|| ApiError::not_found(key.resource, name))?;
    let request = parse_request(&pod, query)?;
    let (identity, lines, ended) = container_lines(&pod, &request)?;
    let first = render(&lines, &request);
    let follow = query.get("follow").is_some_and(|v| v == "true" || v == "1");
    if !follow || ended {
        return Ok(text_response(Body::from(first)));
    }
    let state = Follow {
        shared: shared.clone(),
        key,
        request,
        identity,
        sent: lines.len(),
        pending: Some(Bytes::from(first)),
        shutdown: shared.shutdown.clone(),
        done: false,
    };
    Ok(text_response(Body::from_stream(
        futures_util::stream::unfold(state, next_lines),
    )))
}

/// A followed log: new lines until the pod goes away, its container ends, or the client
/// leaves (the stream is then dropped).
struct Follow {
    shared: Arc<Shared>,
    key: Key,
    request: LogRequest,
    identity: String,
    sent: usize,
    pending: Option<Bytes>,
    shutdown: tokio::sync::watch::Receiver<bool>,
    done: bool,
}

async fn next_lines(mut state: Follow) -> Option<(Result<Bytes, Infallible>, Follow)> {
    loop {
        if let Some(bytes) = state.pending.take().filter(|b| !b.is_empty()) {
            return Some((Ok(bytes), state));
        }
        if state.done || *state.shutdown.borrow() {
            return None;
        }
        tokio::select! {
            () = tokio::time::sleep(FOLLOW_POLL) => {}
            _ = state.shutdown.changed() => return None,
        }
        let pod = current_pod(&state.shared, &state.key)?;
        let Ok((identity, lines, ended)) = container_lines(&pod, &state.request) else {
            continue;
        };
        // A restarted container starts a new instance: all its lines are new.
        if identity != state.identity {
            state.identity = identity;
            state.sent = 0;
        }
        let fresh = LogRequest {
            tail: None,
            since: None,
            ..state.request.clone()
        };
        if lines.len() > state.sent {
            state.pending = Some(Bytes::from(render(&lines[state.sent..], &fresh)));
            state.sent = lines.len();
        }
        state.done = ended;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(tail: Option<usize>, timestamps: bool) -> LogRequest {
        LogRequest {
            container: "web".into(),
            previous: false,
            timestamps,
            tail,
            since: None,
        }
    }

    #[test]
    fn a_crash_looping_container_ends_with_its_error() {
        let pod = json!({"metadata": {"name": "p"}, "status": {"containerStatuses": [{"name": "web", "image": "web:crashloop", "restartCount": 2,
            "state": {"waiting": {"reason": "CrashLoopBackOff"}},
            "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2026-01-01T00:00:00Z", "finishedAt": "2026-01-01T00:00:01Z"}}}]}});
        let (_, lines, ended) = container_lines(&pod, &request(None, false)).unwrap();
        assert!(ended);
        assert_eq!(
            render(&lines, &request(Some(1), true)),
            "2026-01-01T00:00:01Z Error: process exited with status 1 (sandbox crash loop for web:crashloop)\n"
        );
    }

    #[test]
    fn a_waiting_container_has_no_logs_yet() {
        let pod = json!({"metadata": {"name": "p"}, "status": {"containerStatuses": [{"name": "web", "image": "x", "restartCount": 0,
            "state": {"waiting": {"reason": "ImagePullBackOff"}}, "lastState": {}}]}});
        let error = container_lines(&pod, &request(None, false)).unwrap_err();
        assert_eq!(error.code, 400);
        assert!(
            error.status()["message"]
                .as_str()
                .unwrap()
                .contains("is waiting to start: ImagePullBackOff")
        );
    }
}

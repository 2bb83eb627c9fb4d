//! The HTTP front: authentication, injected latency and faults, routing of API paths to the store.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{ApiError, ApiResult};
use super::ops::{self, FieldValidation, PatchType, WriteOptions, Written};
use super::query::query_map;
use super::resources::{self, RESOURCES};
use super::selectors::Selector;
use super::store::Key;
use super::{Shared, discovery, eks_token, logs, openapi, protobuf, table, watch};

/// The largest body the stand-in reads; a Secret is limited to about 1 MiB.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

pub async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if !shared.options.latency.is_zero() {
        tokio::time::sleep(shared.options.latency).await;
    }
    let path = request.uri().path().to_string();
    if matches!(path.as_str(), "/healthz" | "/livez" | "/readyz") {
        return (StatusCode::OK, "ok").into_response();
    }
    if let Some(fault) = injected_fault(&shared) {
        return fault;
    }
    let authorized = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .is_some_and(|token| {
            token == shared.token
                || (shared.options.accept_eks_tokens
                    && eks_token::is_acceptable(token, std::time::SystemTime::now()))
        });
    if !authorized {
        return error_response(&ApiError::new(401, "Unauthorized", "Unauthorized"));
    }
    match route(shared, request).await {
        Ok(response) => response,
        Err(error) => error_response(&error),
    }
}

fn injected_fault(shared: &Shared) -> Option<Response> {
    if shared.options.fault_rate <= 0.0 {
        return None;
    }
    let state = shared
        .fault_counter
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    let code = fault_code(state, shared.options.fault_rate)?;
    let mut response = if code == 500 {
        error_response(&ApiError::new(
            500,
            "InternalError",
            "injected fault: internal error",
        ))
    } else {
        let message = "injected fault: too many requests, please try again later";
        error_response(&ApiError::new(429, "TooManyRequests", message))
    };
    if code == 429 {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    Some(response)
}

/// Whether the request drawn from `state` fails, and how: a splitmix64 step spreads the
/// faults evenly over requests without a random number generator.
fn fault_code(state: u64, rate: f64) -> Option<u16> {
    let mut x = state;
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    let draw = (x >> 11) as f64 / (1_u64 << 53) as f64;
    if draw >= rate {
        return None;
    }
    Some(if x & 1 == 0 { 500 } else { 429 })
}

pub fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

pub fn error_response(error: &ApiError) -> Response {
    json_response(error.code, &error.status())
}

/// A request for objects: which resource, and where.
struct Target {
    resource: usize,
    namespace: Option<String>,
    name: Option<String>,
    subresource: Option<String>,
}

fn parse_target(segments: &[&str]) -> ApiResult<Option<Target>> {
    let (group, version, rest) = match segments {
        ["api", version, rest @ ..] => ("", *version, rest),
        ["apis", group, version, rest @ ..] => (*group, *version, rest),
        _ => return Ok(None),
    };
    let (namespace, rest) = match rest {
        ["namespaces", namespace, rest @ ..]
            if !rest.is_empty() && !matches!(rest, ["status" | "finalize"]) =>
        {
            (Some(namespace.to_string()), rest)
        }
        _ => (None, rest),
    };
    let Some((plural, rest)) = rest.split_first() else {
        return Ok(None);
    };
    let resource = resources::find(group, version, plural).ok_or_else(|| {
        ApiError::new(
            404,
            "NotFound",
            format!("the server could not find the requested resource ({plural}.{group})"),
        )
    })?;
    if rest.len() > 2 {
        return Err(ApiError::new(
            404,
            "NotFound",
            "the server could not find the requested resource",
        ));
    }
    Ok(Some(Target {
        resource,
        namespace,
        name: rest.first().map(|n| n.to_string()),
        subresource: rest.get(1).map(|s| s.to_string()),
    }))
}

async fn route(shared: Arc<Shared>, request: Request) -> ApiResult<Response> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().trim_end_matches('/').to_string();
    let query = query_map(parts.uri.query());
    let accept = header_text(&parts.headers, header::ACCEPT);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let aggregate = discovery::wants_aggregated(&accept);
    let discovery_response = |value: Value| {
        let mut response = json_response(200, &value);
        if aggregate {
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(discovery::AGGREGATED),
            );
        }
        response
    };
    match segments.as_slice() {
        ["version"] => return Ok(json_response(200, &discovery::version())),
        ["api"] => {
            return Ok(discovery_response(discovery::core(
                aggregate,
                &shared.address,
            )));
        }
        ["apis"] => return Ok(discovery_response(discovery::groups(aggregate))),
        ["apis", group] => {
            return discovery::group(group)
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_path);
        }
        ["api", version] => {
            return discovery::resource_list("", version)
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_path);
        }
        ["apis", group, version] => {
            return discovery::resource_list(group, version)
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_path);
        }
        ["openapi", "v3"] => return Ok(json_response(200, &openapi::index())),
        ["openapi", "v3", rest @ ..] => {
            return openapi::document(&rest.join("/"))
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_path);
        }
        _ => {}
    }
    let target = parse_target(&segments)?.ok_or_else(not_found_path)?;
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|error| ApiError::bad_request(format!("cannot read the request body: {error}")))?;
    let content_type = header_text(&parts.headers, header::CONTENT_TYPE);
    let user_agent = header_text(&parts.headers, header::USER_AGENT);
    let request = ApiRequest {
        method: parts.method,
        target,
        query,
        accept,
        content_type,
        user_agent,
        body: bytes,
    };
    if request.method == Method::GET
        && RESOURCES[request.target.resource].kind == "Pod"
        && request.target.subresource.as_deref() == Some("log")
        && let (Some(namespace), Some(name)) = (&request.target.namespace, &request.target.name)
    {
        return logs::serve(&shared, namespace, name, &request.query);
    }
    if request.method == Method::GET
        && request.target.name.is_none()
        && is_true(request.query.get("watch"))
    {
        return watch::serve(
            &shared,
            request.target.resource,
            request.target.namespace,
            &request.query,
        );
    }
    let response = {
        let mut store = shared
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let response = handle_objects(&mut store, &request);
        if response.is_ok() && request.method != Method::GET {
            shared.wake.notify_one();
        }
        response
    }?;
    Ok(response)
}

fn not_found_path() -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        "the server could not find the requested resource",
    )
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn is_true(value: Option<&String>) -> bool {
    value.is_some_and(|v| v == "true" || v == "1")
}

struct ApiRequest {
    method: Method,
    target: Target,
    query: HashMap<String, String>,
    accept: String,
    content_type: String,
    user_agent: String,
    body: Bytes,
}

impl ApiRequest {
    fn write_options(&self) -> WriteOptions {
        let field_manager = match self.query.get("fieldManager") {
            Some(manager) => manager.clone(),
            // The real server names an unnamed manager after the client's user agent.
            None => self
                .user_agent
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        WriteOptions {
            dry_run: self.query.get("dryRun").is_some_and(|v| v == "All"),
            field_manager,
            validation: match self.query.get("fieldValidation").map(String::as_str) {
                Some("Strict") => FieldValidation::Strict,
                Some("Ignore") => FieldValidation::Ignore,
                _ => FieldValidation::Warn,
            },
            force: is_true(self.query.get("force")),
        }
    }

    fn body_value(&self) -> ApiResult<Value> {
        if self.content_type.contains("protobuf") {
            return protobuf::decode(&self.body).map_err(|problem| {
                ApiError::bad_request(format!("cannot decode the protobuf body: {problem}"))
            });
        }
        if self.body.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&self.body).map_err(|error| {
            ApiError::bad_request(format!(
                "the request body is not JSON (the stand-in reads JSON and protobuf only): {error}"
            ))
        })
    }

    fn key(&self) -> Key {
        let target = &self.target;
        let namespace = if RESOURCES[target.resource].namespaced {
            target.namespace.as_deref().unwrap_or("default")
        } else {
            ""
        };
        Key::new(
            target.resource,
            namespace,
            target.name.as_deref().unwrap_or_default(),
        )
    }
}

fn written_response(written: Written, created_status: u16) -> Response {
    let status = if written.created { created_status } else { 200 };
    let mut response = json_response(status, &written.object);
    for warning in written.warnings {
        if let Ok(value) =
            HeaderValue::from_str(&format!("299 - \"{}\"", warning.replace('"', "\\\"")))
        {
            response.headers_mut().append(header::WARNING, value);
        }
    }
    response
}

fn handle_objects(store: &mut super::store::Store, request: &ApiRequest) -> ApiResult<Response> {
    let target = &request.target;
    let kind = &RESOURCES[target.resource];
    if kind.namespaced && target.name.is_some() && target.namespace.is_none() {
        return Err(not_found_path());
    }
    let options = request.write_options();
    match (&request.method, &target.name, target.subresource.as_deref()) {
        (&Method::GET, None, _) => list(store, request),
        (&Method::GET, Some(_), None | Some("status")) => {
            let key = request.key();
            let object = store
                .get(&key)
                .ok_or_else(|| ApiError::not_found(key.resource, &key.name))?;
            if table::wanted(&request.accept) {
                return Ok(json_response(
                    200,
                    &table::table(target.resource, &[object], store.resource_version()),
                ));
            }
            Ok(json_response(200, object))
        }
        (&Method::POST, None, _) => {
            let namespace = target.namespace.as_deref().unwrap_or("default");
            let written = ops::create(
                store,
                target.resource,
                namespace,
                request.body_value()?,
                &options,
            )?;
            Ok(written_response(written, 201))
        }
        (&Method::PUT, Some(_), None) => Ok(written_response(
            ops::replace(store, request.key(), request.body_value()?, &options)?,
            201,
        )),
        (&Method::PUT, Some(_), Some("status")) => Ok(written_response(
            ops::replace_status(
                store,
                request.key(),
                &request.body_value()?,
                options.dry_run,
            )?,
            200,
        )),
        (&Method::PATCH, Some(_), None) => {
            let patch_type =
                PatchType::from_content_type(&request.content_type).ok_or_else(|| {
                    ApiError::new(
                        415,
                        "UnsupportedMediaType",
                        format!(
                            "the body of the request was in an unknown format: {}",
                            request.content_type
                        ),
                    )
                })?;
            Ok(written_response(
                ops::patch(
                    store,
                    request.key(),
                    patch_type,
                    &request.body_value()?,
                    &options,
                )?,
                201,
            ))
        }
        (&Method::PATCH, Some(_), Some("status")) => {
            let key = request.key();
            let mut object = store
                .get(&key)
                .cloned()
                .ok_or_else(|| ApiError::not_found(key.resource, &key.name))?;
            let patch = request.body_value()?;
            match PatchType::from_content_type(&request.content_type) {
                Some(PatchType::Json) => super::patch::json_patch(&mut object, &patch)
                    .map_err(|p| ApiError::new(422, "Invalid", p))?,
                _ => super::patch::merge_patch(&mut object, &patch),
            }
            Ok(written_response(
                ops::replace_status(store, key, &object, options.dry_run)?,
                200,
            ))
        }
        (&Method::DELETE, Some(_), None) => {
            let body = request.body_value().unwrap_or(Value::Null);
            let propagation = request
                .query
                .get("propagationPolicy")
                .map(String::as_str)
                .or_else(|| body.get("propagationPolicy").and_then(Value::as_str))
                .unwrap_or("Background")
                .to_string();
            let dry_run = options.dry_run
                || body
                    .get("dryRun")
                    .and_then(Value::as_array)
                    .is_some_and(|d| d.iter().any(|v| v == "All"));
            let object = ops::delete(store, &request.key(), &propagation, dry_run)?;
            Ok(json_response(200, &object))
        }
        (&Method::DELETE, None, _) => {
            let namespace = target.namespace.as_deref();
            let selector = label_selector(request)?;
            let keys: Vec<Key> = store
                .list(target.resource, namespace)
                .filter(|(_, object)| selector.matches_labels(object))
                .map(|(key, _)| key.clone())
                .collect();
            let mut items = Vec::new();
            for key in keys {
                items.push(ops::delete(store, &key, "Background", options.dry_run)?);
            }
            Ok(json_response(
                200,
                &list_body(target.resource, items, store.resource_version(), None),
            ))
        }
        _ => Err(ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "the server does not allow this method on the requested resource ({})",
                kind.plural
            ),
        )),
    }
}

fn label_selector(request: &ApiRequest) -> ApiResult<Selector> {
    Selector::parse_labels(
        request
            .query
            .get("labelSelector")
            .map_or("", String::as_str),
    )
    .map_err(ApiError::bad_request)
}

pub fn field_selector(query: &HashMap<String, String>) -> ApiResult<Selector> {
    Selector::parse_fields(query.get("fieldSelector").map_or("", String::as_str))
        .map_err(ApiError::bad_request)
}

fn list_body(
    resource: usize,
    items: Vec<Value>,
    resource_version: u64,
    next: Option<(String, usize)>,
) -> Value {
    let kind = &RESOURCES[resource];
    let mut metadata = json!({"resourceVersion": resource_version.to_string()});
    if let Some((token, remaining)) = next {
        metadata["continue"] = json!(token);
        metadata["remainingItemCount"] = json!(remaining);
    }
    json!({"kind": format!("{}List", kind.kind), "apiVersion": kind.api_version(), "metadata": metadata, "items": items})
}

fn list(store: &super::store::Store, request: &ApiRequest) -> ApiResult<Response> {
    let target = &request.target;
    let labels = label_selector(request)?;
    let fields = field_selector(&request.query)?;
    let limit = request
        .query
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0);
    // The continue token is the namespace and name of the last item returned.
    let after = request
        .query
        .get("continue")
        .filter(|c| !c.is_empty())
        .map(|c| {
            let (namespace, name) = c.split_once('/').unwrap_or(("", c));
            (namespace.to_string(), name.to_string())
        });
    let matching: Vec<(&Key, &Value)> = store
        .list(target.resource, target.namespace.as_deref())
        .filter(|(key, _)| {
            after
                .as_ref()
                .is_none_or(|(ns, name)| (&key.namespace, &key.name) > (ns, name))
        })
        .filter(|(_, object)| labels.matches_labels(object) && fields.matches_fields(object))
        .collect();
    let take = limit.unwrap_or(matching.len()).min(matching.len());
    let next = (take < matching.len()).then(|| {
        let last = matching[take - 1].0;
        (
            format!("{}/{}", last.namespace, last.name),
            matching.len() - take,
        )
    });
    let items: Vec<&Value> = matching[..take].iter().map(|(_, object)| *object).collect();
    if table::wanted(&request.accept) {
        let mut body = table::table(target.resource, &items, store.resource_version());
        if let Some((token, _)) = &next {
            body["metadata"]["continue"] = json!(token);
        }
        return Ok(json_response(200, &body));
    }
    let items = items.into_iter().cloned().collect();
    Ok(json_response(
        200,
        &list_body(target.resource, items, store.resource_version(), next),
    ))
}

pub fn streaming_response(body: Body) -> Response {
    let mut response = Response::new(body);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_hit_about_the_configured_share_with_both_codes() {
        let codes: Vec<Option<u16>> = (1..=10_000_u64)
            .map(|n| fault_code(n.wrapping_mul(0x9E37_79B9_7F4A_7C15), 0.2))
            .collect();
        let failed = codes.iter().filter(|c| c.is_some()).count();
        assert!(
            (1_800..2_200).contains(&failed),
            "{failed} faults in 10000 at 20%"
        );
        assert!(codes.contains(&Some(500)) && codes.contains(&Some(429)));
    }
}

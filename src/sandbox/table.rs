//! Server-side Tables (meta.k8s.io/v1), which `kubectl get` asks for to print columns such as a CronJob's schedule.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::resources::RESOURCES;

/// Whether the client asked for a Table.
pub fn wanted(accept: &str) -> bool {
    accept.contains("as=Table") && accept.contains("g=meta.k8s.io")
}

fn text(object: &Value, pointer: &str) -> String {
    match object.pointer(pointer) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn number(object: &Value, pointer: &str) -> i64 {
    object.pointer(pointer).and_then(Value::as_i64).unwrap_or(0)
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "<none>".into()
    } else {
        text
    }
}

/// Seconds since the epoch of an RFC 3339 time as the API writes it (`2024-05-01T12:00:00Z`).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    // Days from civil date, after Howard Hinnant's `days_from_civil`.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

/// An age as kubectl prints it: `42s`, `5m`, `3h`, `2d`.
pub fn age(timestamp: &str) -> String {
    let Some(then) = parse_rfc3339(timestamp) else {
        return "<unknown>".into();
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let seconds = (now - then).max(0);
    match seconds {
        0..120 => format!("{seconds}s"),
        120..7200 => format!("{}m", seconds / 60),
        7200..172_800 => format!("{}h", seconds / 3600),
        _ => format!("{}d", seconds / 86_400),
    }
}

fn columns_and_cells(kind: &str, object: &Value) -> (Vec<&'static str>, Vec<Value>) {
    let name = json!(text(object, "/metadata/name"));
    let age_cell = json!(age(&text(object, "/metadata/creationTimestamp")));
    let (columns, mut cells): (Vec<&str>, Vec<Value>) = match kind {
        "Namespace" => (vec!["Status"], vec![json!(text(object, "/status/phase"))]),
        "Pod" => {
            let statuses = object
                .pointer("/status/containerStatuses")
                .and_then(Value::as_array);
            let total = object
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let ready = statuses
                .into_iter()
                .flatten()
                .filter(|s| s["ready"] == true)
                .count();
            let restarts: i64 = statuses
                .into_iter()
                .flatten()
                .map(|s| s["restartCount"].as_i64().unwrap_or(0))
                .sum();
            let waiting = statuses.into_iter().flatten().find_map(|s| {
                s.pointer("/state/waiting/reason")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
            let status = waiting.unwrap_or_else(|| text(object, "/status/phase"));
            (
                vec!["Ready", "Status", "Restarts"],
                vec![
                    json!(format!("{ready}/{total}")),
                    json!(status),
                    json!(restarts),
                ],
            )
        }
        "Deployment" | "StatefulSet" => {
            let desired = object
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let ready = format!("{}/{desired}", number(object, "/status/readyReplicas"));
            if kind == "StatefulSet" {
                (vec!["Ready"], vec![json!(ready)])
            } else {
                let updated = number(object, "/status/updatedReplicas");
                let available = number(object, "/status/availableReplicas");
                (
                    vec!["Ready", "Up-to-date", "Available"],
                    vec![json!(ready), json!(updated), json!(available)],
                )
            }
        }
        "ReplicaSet" => (
            vec!["Desired", "Current", "Ready"],
            vec![
                json!(
                    object
                        .pointer("/spec/replicas")
                        .and_then(Value::as_i64)
                        .unwrap_or(1)
                ),
                json!(number(object, "/status/replicas")),
                json!(number(object, "/status/readyReplicas")),
            ],
        ),
        "Job" => {
            let completions = object
                .pointer("/spec/completions")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let failed = object
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .is_some_and(|c| {
                    c.iter()
                        .any(|c| c["type"] == "Failed" && c["status"] == "True")
                });
            let succeeded = number(object, "/status/succeeded");
            let status = if failed {
                "Failed"
            } else if succeeded >= completions {
                "Complete"
            } else {
                "Running"
            };
            (
                vec!["Status", "Completions"],
                vec![json!(status), json!(format!("{succeeded}/{completions}"))],
            )
        }
        "CronJob" => {
            let active = object
                .pointer("/status/active")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let last = text(object, "/status/lastScheduleTime");
            let last = if last.is_empty() {
                "<none>".to_string()
            } else {
                age(&last)
            };
            (
                vec!["Schedule", "Timezone", "Suspend", "Active", "Last Schedule"],
                vec![
                    json!(text(object, "/spec/schedule")),
                    json!(or_none(text(object, "/spec/timeZone"))),
                    json!(
                        object
                            .pointer("/spec/suspend")
                            .and_then(Value::as_bool)
                            .unwrap_or(false)
                            .to_string()
                            .to_uppercase()
                    ),
                    json!(active),
                    json!(last),
                ],
            )
        }
        "Service" => {
            let ports: Vec<String> = object
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| format!("{}/{}", p["port"], p["protocol"].as_str().unwrap_or("TCP")))
                .collect();
            let external = text(object, "/status/loadBalancer/ingress/0/hostname");
            (
                vec!["Type", "Cluster-IP", "External-IP", "Port(s)"],
                vec![
                    json!(text(object, "/spec/type")),
                    json!(text(object, "/spec/clusterIP")),
                    json!(or_none(external)),
                    json!(or_none(ports.join(","))),
                ],
            )
        }
        "Ingress" => {
            let hosts: Vec<String> = object
                .pointer("/spec/rules")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| r["host"].as_str().map(str::to_string))
                .collect();
            (
                vec!["Class", "Hosts", "Address", "Ports"],
                vec![
                    json!(or_none(text(object, "/spec/ingressClassName"))),
                    json!(if hosts.is_empty() {
                        "*".to_string()
                    } else {
                        hosts.join(",")
                    }),
                    json!(text(object, "/status/loadBalancer/ingress/0/hostname")),
                    json!("80"),
                ],
            )
        }
        "Event" => {
            let last = text(object, "/lastTimestamp");
            (
                vec!["Last Seen", "Type", "Reason", "Object", "Message"],
                vec![
                    json!(if last.is_empty() {
                        "<unknown>".into()
                    } else {
                        age(&last)
                    }),
                    json!(text(object, "/type")),
                    json!(text(object, "/reason")),
                    json!(format!(
                        "{}/{}",
                        text(object, "/involvedObject/kind").to_ascii_lowercase(),
                        text(object, "/involvedObject/name")
                    )),
                    json!(text(object, "/message")),
                ],
            )
        }
        "Secret" => (
            vec!["Type", "Data"],
            vec![
                json!(text(object, "/type")),
                json!(
                    object
                        .get("data")
                        .and_then(Value::as_object)
                        .map_or(0, |d| d.len())
                ),
            ],
        ),
        "ConfigMap" => (
            vec!["Data"],
            vec![json!(
                object
                    .get("data")
                    .and_then(Value::as_object)
                    .map_or(0, |d| d.len())
            )],
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let mut all_columns = vec!["Name"];
    all_columns.extend(columns);
    all_columns.push("Age");
    cells.insert(0, name);
    cells.push(age_cell);
    (all_columns, cells)
}

pub fn table(resource: usize, objects: &[&Value], resource_version: u64) -> Value {
    let kind = RESOURCES[resource].kind;
    let (columns, _) = columns_and_cells(kind, &json!({}));
    let definitions: Vec<Value> = columns
        .iter()
        .map(|name| {
            let format = if *name == "Name" { "name" } else { "" };
            json!({"name": name, "type": "string", "format": format, "description": "", "priority": 0})
        })
        .collect();
    let rows: Vec<Value> = objects
        .iter()
        .map(|object| {
            let (_, cells) = columns_and_cells(kind, object);
            let metadata = object.get("metadata").cloned().unwrap_or_else(|| json!({}));
            json!({"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata}})
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": resource_version.to_string()},
        "columnDefinitions": definitions,
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_store_writes() {
        assert_eq!(parse_rfc3339("2024-02-29T23:59:59Z"), Some(1_709_251_199));
    }

    #[test]
    fn a_cronjob_row_shows_its_schedule() {
        let cronjob = json!({"metadata": {"name": "nightly"}, "spec": {"schedule": "0 3 * * *"}});
        let (columns, cells) = columns_and_cells("CronJob", &cronjob);
        assert_eq!(columns[1], "Schedule");
        assert_eq!(cells[1], "0 3 * * *");
    }
}

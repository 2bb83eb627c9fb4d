//! The pod of a service, and what its objects share: names, labels, selectors, Helm's
//! ownership annotations, and the pod template (image, variables, identity, probes,
//! resources, node pool, hardening).
//!
//! Pod hardening, decided once for every pod:
//! - `runAsNonRoot: true` without a `runAsUser`: the pod runs as the image's own user,
//!   which owns the files the image's build wrote (forcing a high UID such as 10001, as
//!   checkov's CKV_K8S_40 asks, breaks every image whose application writes to its own
//!   directory); an image that would run as root, or names its user by name only, is
//!   refused by the kubelet rather than run as root (give the Dockerfile a numeric
//!   `USER`).
//! - the root filesystem stays writable: frameworks write caches, pid files and logs in
//!   the application's directory (Rails' `tmp/`, Django's static files), which a
//!   read-only root with an `emptyDir` at `/tmp` would not cover. Privilege escalation,
//!   privileged mode and every capability are off, and seccomp is the runtime's default.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Capabilities, ConfigMapEnvSource, Container, ContainerPort, EnvFromSource, HTTPGetAction,
    PodSecurityContext, PodSpec, PodTemplateSpec, Probe, ResourceRequirements, SeccompProfile,
    SecretEnvSource, SecurityContext, Toleration, TopologySpreadConstraint,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value as Json;

use super::super::{Labels, SERVICE_ACCOUNT_NAME, render};
use super::{NODE_POOL_LABEL, ReleaseInput, SourceKind, VARIABLES_CHECKSUM_ANNOTATION};
use crate::workspace::model::{Service, ServiceKind};
use crate::workspace::schema::TaintEffect;

/// What every object of one service shares: its names, labels and pod template.
pub(super) struct Pod<'a> {
    pub(super) input: &'a ReleaseInput<'a>,
    pub(super) service: &'a Service,
    /// The object's name (the service's, or its pre-deploy Job's).
    pub(super) name: String,
    pub(super) labels: Labels,
}

impl<'a> Pod<'a> {
    pub(super) fn of(input: &'a ReleaseInput<'a>, service: &'a Service) -> Self {
        Self::named(input, service, &service.name)
    }

    pub(super) fn named(input: &'a ReleaseInput<'a>, service: &'a Service, name: &str) -> Self {
        let project_env = input.project_env;
        let labels = Labels(vec![
            ("app.kubernetes.io/managed-by".to_owned(), "Helm".to_owned()),
            ("app.kubernetes.io/name".to_owned(), name.to_owned()),
            (
                "app.kubernetes.io/instance".to_owned(),
                project_env.project.clone(),
            ),
            (
                "app.kubernetes.io/part-of".to_owned(),
                project_env.project.clone(),
            ),
            (
                "sleak.dev/workspace".to_owned(),
                input.workspace.organization.name.clone(),
            ),
            ("sleak.dev/project".to_owned(), project_env.project.clone()),
            ("sleak.dev/env".to_owned(), project_env.env.clone()),
            ("sleak.dev/service".to_owned(), service.name.clone()),
        ]);
        Self {
            input,
            service,
            name: name.to_owned(),
            labels,
        }
    }

    /// The labels a selector matches: few, as selectors cannot change.
    pub(super) fn selector_labels(&self) -> BTreeMap<String, String> {
        self.labels
            .pairs()
            .filter(|(key, _)| {
                matches!(
                    *key,
                    "app.kubernetes.io/instance" | "app.kubernetes.io/name"
                )
            })
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect()
    }

    pub(super) fn selector(&self) -> LabelSelector {
        LabelSelector {
            match_labels: Some(self.selector_labels()),
            ..Default::default()
        }
    }

    /// The object's metadata: its name, the namespace, the labels and Helm's ownership
    /// annotations (Helm adopts an existing object only when they name the release).
    pub(super) fn metadata(&self) -> ObjectMeta {
        let project_env = self.input.project_env;
        ObjectMeta {
            name: Some(self.name.clone()),
            namespace: Some(project_env.namespace.clone()),
            labels: Some(self.labels.to_map()),
            annotations: Some(BTreeMap::from([
                (
                    "meta.helm.sh/release-name".to_owned(),
                    project_env.project.clone(),
                ),
                (
                    "meta.helm.sh/release-namespace".to_owned(),
                    project_env.namespace.clone(),
                ),
            ])),
            ..Default::default()
        }
    }

    pub(super) fn render<T: serde::Serialize>(&self, object: &T) -> Json {
        render(object, &self.labels)
    }

    /// Whether the pods are spread over zones: when there are two or more of them.
    fn spread(&self) -> bool {
        let service = self.service;
        match &service.autoscaling {
            Some(autoscaling) => autoscaling.min >= 2,
            None => service.kind != ServiceKind::Cron && service.replicas >= 2,
        }
    }

    /// The pod template, running `command` (the service's own when None).
    pub(super) fn template(
        &self,
        command: Option<&[String]>,
        restart_never: bool,
    ) -> PodTemplateSpec {
        let service = self.service;
        let input = self.input;
        let cluster = input.workspace.cluster(&input.project_env.cluster);
        let on_eks = cluster.is_some_and(|cluster| cluster.account().is_some());
        let pool = service.node_pool.as_ref().map(|name| {
            let taints = cluster
                .and_then(|cluster| cluster.node_pools.iter().find(|pool| &pool.name == name))
                .map(|pool| pool.taints.as_slice())
                .unwrap_or_default();
            (name, taints)
        });
        let is_job = command.is_some() || restart_never;
        let probes = if is_job { None } else { self.probes() };
        let (readiness, liveness, startup) = match probes {
            Some((readiness, liveness, startup)) => {
                (Some(readiness), Some(liveness), Some(startup))
            }
            None => (None, None, None),
        };
        let container = Container {
            name: service.name.clone(),
            image: Some(
                service
                    .image
                    .clone()
                    .unwrap_or_else(|| input.project_image()),
            ),
            image_pull_policy: Some("IfNotPresent".to_owned()),
            command: command
                .map(<[String]>::to_vec)
                .or_else(|| service.command.clone()),
            ports: match (service.port, is_job) {
                (Some(port), false) => Some(vec![ContainerPort {
                    name: Some("http".to_owned()),
                    container_port: i32::from(port),
                    protocol: Some("TCP".to_owned()),
                    ..Default::default()
                }]),
                _ => None,
            },
            env_from: Some(self.env_from()),
            resources: Some(ResourceRequirements {
                requests: Some(BTreeMap::from([
                    ("cpu".to_owned(), Quantity(service.resources.cpu.clone())),
                    (
                        "memory".to_owned(),
                        Quantity(service.resources.memory.clone()),
                    ),
                ])),
                limits: Some(BTreeMap::from([
                    (
                        "cpu".to_owned(),
                        Quantity(service.resources.cpu_limit.clone()),
                    ),
                    (
                        "memory".to_owned(),
                        Quantity(service.resources.memory_limit.clone()),
                    ),
                ])),
                ..Default::default()
            }),
            readiness_probe: readiness,
            liveness_probe: liveness,
            startup_probe: startup,
            security_context: Some(SecurityContext {
                allow_privilege_escalation: Some(false),
                privileged: Some(false),
                read_only_root_filesystem: Some(false),
                capabilities: Some(Capabilities {
                    drop: Some(vec!["ALL".to_owned()]),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let spec = PodSpec {
            service_account_name: Some(
                if on_eks {
                    SERVICE_ACCOUNT_NAME
                } else {
                    "default"
                }
                .to_owned(),
            ),
            // EKS's pod identity webhook projects its own token for IRSA.
            automount_service_account_token: Some(false),
            restart_policy: restart_never.then(|| "Never".to_owned()),
            security_context: Some(PodSecurityContext {
                run_as_non_root: Some(true),
                seccomp_profile: Some(SeccompProfile {
                    type_: "RuntimeDefault".to_owned(),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            node_selector: pool
                .map(|(name, _)| BTreeMap::from([(NODE_POOL_LABEL.to_owned(), name.clone())])),
            tolerations: pool
                .filter(|(_, taints)| !taints.is_empty())
                .map(|(_, taints)| {
                    taints
                        .iter()
                        .map(|taint| Toleration {
                            key: Some(taint.key.clone()),
                            operator: Some("Equal".to_owned()),
                            value: Some(taint.value.clone()),
                            effect: Some(
                                match taint.effect {
                                    TaintEffect::NoSchedule => "NoSchedule",
                                    TaintEffect::PreferNoSchedule => "PreferNoSchedule",
                                    TaintEffect::NoExecute => "NoExecute",
                                }
                                .to_owned(),
                            ),
                            ..Default::default()
                        })
                        .collect()
                }),
            topology_spread_constraints: (!is_job && self.spread()).then(|| {
                vec![TopologySpreadConstraint {
                    max_skew: 1,
                    topology_key: "topology.kubernetes.io/zone".to_owned(),
                    when_unsatisfiable: "ScheduleAnyway".to_owned(),
                    label_selector: Some(self.selector()),
                    ..Default::default()
                }]
            }),
            containers: vec![container],
            ..Default::default()
        };
        PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some(self.labels.to_map()),
                annotations: Some(BTreeMap::from([(
                    VARIABLES_CHECKSUM_ANNOTATION.to_owned(),
                    input.variables_checksum.clone(),
                )])),
                ..Default::default()
            }),
            spec: Some(spec),
        }
    }

    /// The variable groups, lowest precedence first: a later `envFrom` entry wins.
    fn env_from(&self) -> Vec<EnvFromSource> {
        let project_env = self.input.project_env;
        let service = self.service;
        let secret = |name: String| EnvFromSource {
            secret_ref: Some(SecretEnvSource {
                name,
                ..Default::default()
            }),
            ..Default::default()
        };
        let config_map = |name: String| EnvFromSource {
            config_map_ref: Some(ConfigMapEnvSource {
                name,
                ..Default::default()
            }),
            ..Default::default()
        };
        super::variable_sources(project_env, service)
            .into_iter()
            .map(|(kind, name)| match kind {
                SourceKind::Secret => secret(name),
                SourceKind::ConfigMap => config_map(name),
            })
            .collect()
    }

    /// Readiness, liveness and startup probes of the health check (web services that
    /// declare one).
    fn probes(&self) -> Option<(Probe, Probe, Probe)> {
        let check = self.service.health_check.as_ref()?;
        let port = i32::from(self.service.port?);
        let get = || {
            Some(HTTPGetAction {
                path: Some(check.path.clone()),
                port: IntOrString::Int(port),
                scheme: Some("HTTP".to_owned()),
                ..Default::default()
            })
        };
        let initial_delay = i32::try_from(check.initial_delay_secs).unwrap_or(i32::MAX);
        let period = i32::try_from(check.period_secs).unwrap_or(i32::MAX);
        let readiness = Probe {
            http_get: get(),
            initial_delay_seconds: Some(initial_delay),
            period_seconds: Some(period),
            failure_threshold: Some(3),
            ..Default::default()
        };
        let liveness = readiness.clone();
        // Up to five minutes to start (60 probes, 5 s apart) before liveness takes over.
        let startup = Probe {
            http_get: get(),
            initial_delay_seconds: Some(initial_delay),
            period_seconds: Some(5),
            failure_threshold: Some(60),
            ..Default::default()
        };
        Some((readiness, liveness, startup))
    }
}

//! The Kubernetes objects of a ProjectEnv's services — Deployments, Services, Ingresses,
//! autoscalers, disruption budgets, CronJobs and the pre-deploy Job — as one Helm
//! release: pure, typed with k8s-openapi, no I/O.
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

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec,
    MetricTarget, ResourceMetricSource,
};
use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, Job, JobSpec, JobTemplateSpec};
use k8s_openapi::api::core::v1::{
    Capabilities, ConfigMapEnvSource, Container, ContainerPort, EnvFromSource, HTTPGetAction,
    PodSecurityContext, PodSpec, PodTemplateSpec, Probe, ResourceRequirements, SeccompProfile,
    SecretEnvSource, SecurityContext, Service as KubeService, ServicePort, ServiceSpec, Toleration,
    TopologySpreadConstraint,
};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value as Json;

use super::{Labels, SERVICE_ACCOUNT_NAME, render};
use crate::workspace::model::{
    Autoscaling, ConcurrencyPolicy, Exposure, ProjectEnv, Service, ServiceKind, Workspace,
};
use crate::workspace::schema::TaintEffect;
use crate::workspace::variables::Group;

/// The node label sleak puts on every node of a pool, naming the pool: what a service's
/// `node_pool` selects.
pub const NODE_POOL_LABEL: &str = "sleak.dev/node-pool";

/// The pod template annotation carrying the digest of the variables: a change of a
/// variable changes the template, which rolls the pods.
pub const VARIABLES_CHECKSUM_ANNOTATION: &str = "sleak.dev/variables-checksum";

/// The port of every web service's Kubernetes Service (the container's port differs).
pub const SERVICE_PORT: i32 = 80;

/// How long a pre-deploy Job may run before it is stopped and the deploy fails.
pub const PRE_DEPLOY_DEADLINE_SECS: i64 = 600;

/// The suffix of the pre-deploy Job's name, after the service's.
pub const PRE_DEPLOY_SUFFIX: &str = "-pre-deploy";

/// What a release is rendered from.
pub struct ReleaseInput<'a> {
    pub workspace: &'a Workspace,
    pub project_env: &'a ProjectEnv,
    /// The project's image repository URI (e.g.
    /// `123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api`).
    pub repository: String,
    /// The image tag deployed (services without their own `image` run `repository:tag`).
    pub tag: String,
    /// A digest of the variable groups' contents; goes into the pod template annotation
    /// `sleak.dev/variables-checksum` so that a variable change rolls the pods.
    pub variables_checksum: String,
}

impl ReleaseInput<'_> {
    /// The image of services without their own: the project's repository at the tag.
    pub fn project_image(&self) -> String {
        format!("{}:{}", self.repository, self.tag)
    }
}

/// The objects of a ProjectEnv's Helm release.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedRelease {
    /// The Helm release name = the project name.
    pub name: String,
    /// The ProjectEnv's namespace.
    pub namespace: String,
    /// In workspace order.
    pub services: Vec<RenderedService>,
    /// The pre-deploy Job (a Helm hook), when a service declares `pre_deploy`.
    pub pre_deploy: Option<Json>,
}

/// The objects of one service, in the order they are written.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedService {
    pub name: String,
    pub kind: ServiceKind,
    pub objects: Vec<Json>,
}

/// Every object of the ProjectEnv's services.
pub fn release(input: &ReleaseInput) -> RenderedRelease {
    let project_env = input.project_env;
    let services = project_env
        .services
        .iter()
        .map(|service| RenderedService {
            name: service.name.clone(),
            kind: service.kind,
            objects: objects(input, service),
        })
        .collect();
    let pre_deploy = project_env
        .services
        .iter()
        .find_map(|service| Some((service, service.pre_deploy.as_ref()?)))
        .map(|(service, command)| pre_deploy_job(input, service, command));
    RenderedRelease {
        name: project_env.project.clone(),
        namespace: project_env.namespace.clone(),
        services,
        pre_deploy,
    }
}

fn objects(input: &ReleaseInput, service: &Service) -> Vec<Json> {
    let pod = Pod::of(input, service);
    match service.kind {
        ServiceKind::Cron => vec![cron_job(&pod)],
        ServiceKind::Web | ServiceKind::Worker => {
            let mut objects = vec![deployment(&pod)];
            if service.kind == ServiceKind::Web {
                objects.push(kube_service(&pod));
                if service.expose != Some(Exposure::Internal) && !service.hosts.is_empty() {
                    objects.push(ingress(&pod));
                }
            }
            if let Some(autoscaling) = &service.autoscaling {
                objects.push(autoscaler(&pod, autoscaling));
            }
            if service.replicas >= 2 || service.autoscaling.is_some() {
                objects.push(disruption_budget(&pod));
            }
            objects
        }
    }
}

/// What every object of one service shares: its names, labels and pod template.
struct Pod<'a> {
    input: &'a ReleaseInput<'a>,
    service: &'a Service,
    /// The object's name (the service's, or its pre-deploy Job's).
    name: String,
    labels: Labels,
}

impl<'a> Pod<'a> {
    fn of(input: &'a ReleaseInput<'a>, service: &'a Service) -> Self {
        Self::named(input, service, &service.name)
    }

    fn named(input: &'a ReleaseInput<'a>, service: &'a Service, name: &str) -> Self {
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
    fn selector_labels(&self) -> BTreeMap<String, String> {
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

    fn selector(&self) -> LabelSelector {
        LabelSelector {
            match_labels: Some(self.selector_labels()),
            ..Default::default()
        }
    }

    /// The object's metadata: its name, the namespace, the labels and Helm's ownership
    /// annotations (Helm adopts an existing object only when they name the release).
    fn metadata(&self) -> ObjectMeta {
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

    fn render<T: serde::Serialize>(&self, object: &T) -> Json {
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
    fn template(&self, command: Option<&[String]>, restart_never: bool) -> PodTemplateSpec {
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
        let mut sources: Vec<EnvFromSource> = project_env
            .dependencies
            .iter()
            .map(|dependency| secret(format!("dependency-{}", dependency.name)))
            .collect();
        // The plan writes a group's Secret only where an account holds its values.
        let has_secrets = |names: &std::collections::BTreeSet<String>| {
            !names.is_empty() && project_env.account.is_some()
        };
        let global = Group::Global;
        sources.push(config_map(format!("variables-{}", global.object_suffix())));
        if has_secrets(&project_env.secret_variables) {
            sources.push(secret(format!("secrets-{}", global.object_suffix())));
        }
        let own = Group::Service(service.name.clone());
        sources.push(config_map(format!("variables-{}", own.object_suffix())));
        if has_secrets(&service.secret_variables) {
            sources.push(secret(format!("secrets-{}", own.object_suffix())));
        }
        sources
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

fn deployment(pod: &Pod) -> Json {
    let service = pod.service;
    pod.render(&Deployment {
        metadata: pod.metadata(),
        spec: Some(DeploymentSpec {
            // With an autoscaler, the autoscaler owns the count: a deploy must not reset it.
            replicas: service
                .autoscaling
                .is_none()
                .then(|| i32::try_from(service.replicas).unwrap_or(i32::MAX)),
            revision_history_limit: Some(5),
            selector: pod.selector(),
            template: pod.template(None, false),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn kube_service(pod: &Pod) -> Json {
    let port = pod.service.port.map(i32::from).unwrap_or(8080);
    pod.render(&KubeService {
        metadata: pod.metadata(),
        spec: Some(ServiceSpec {
            type_: Some("ClusterIP".to_owned()),
            selector: Some(pod.selector_labels()),
            ports: Some(vec![ServicePort {
                name: Some("http".to_owned()),
                port: SERVICE_PORT,
                target_port: Some(IntOrString::Int(port)),
                protocol: Some("TCP".to_owned()),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The Ingress of a web service that is not internal, for the AWS Load Balancer
/// Controller: one load balancer per environment and exposure (an ingress group), its
/// certificate found by the controller from the hosts (ACM, the environment's zone).
fn ingress(pod: &Pod) -> Json {
    let service = pod.service;
    let env = &pod.input.project_env.env;
    let (scheme, exposure) = match service.expose {
        Some(Exposure::Private) => ("internal", "private"),
        _ => ("internet-facing", "public"),
    };
    let mut metadata = pod.metadata();
    let annotations = metadata.annotations.get_or_insert_with(BTreeMap::new);
    let alb = |key: &str| format!("alb.ingress.kubernetes.io/{key}");
    annotations.insert(alb("scheme"), scheme.to_owned());
    annotations.insert(alb("group.name"), format!("{env}-{exposure}"));
    annotations.insert(alb("target-type"), "ip".to_owned());
    annotations.insert(
        alb("listen-ports"),
        r#"[{"HTTP": 80}, {"HTTPS": 443}]"#.to_owned(),
    );
    annotations.insert(alb("ssl-redirect"), "443".to_owned());
    if let Some(check) = &service.health_check {
        annotations.insert(alb("healthcheck-path"), check.path.clone());
    }
    let backend = IngressBackend {
        service: Some(IngressServiceBackend {
            name: service.name.clone(),
            port: Some(ServiceBackendPort {
                number: Some(SERVICE_PORT),
                ..Default::default()
            }),
        }),
        ..Default::default()
    };
    pod.render(&Ingress {
        metadata,
        spec: Some(IngressSpec {
            ingress_class_name: Some("alb".to_owned()),
            tls: Some(vec![IngressTLS {
                hosts: Some(service.hosts.clone()),
                ..Default::default()
            }]),
            rules: Some(
                service
                    .hosts
                    .iter()
                    .map(|host| IngressRule {
                        host: Some(host.clone()),
                        http: Some(HTTPIngressRuleValue {
                            paths: vec![HTTPIngressPath {
                                path: Some("/".to_owned()),
                                path_type: "Prefix".to_owned(),
                                backend: backend.clone(),
                            }],
                        }),
                    })
                    .collect(),
            ),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn autoscaler(pod: &Pod, autoscaling: &Autoscaling) -> Json {
    let metric = |resource: &str, percent: Option<u32>| {
        percent.map(|percent| MetricSpec {
            type_: "Resource".to_owned(),
            resource: Some(ResourceMetricSource {
                name: resource.to_owned(),
                target: MetricTarget {
                    type_: "Utilization".to_owned(),
                    average_utilization: Some(i32::try_from(percent).unwrap_or(i32::MAX)),
                    ..Default::default()
                },
            }),
            ..Default::default()
        })
    };
    pod.render(&HorizontalPodAutoscaler {
        metadata: pod.metadata(),
        spec: Some(HorizontalPodAutoscalerSpec {
            scale_target_ref: CrossVersionObjectReference {
                api_version: Some("apps/v1".to_owned()),
                kind: "Deployment".to_owned(),
                name: pod.name.clone(),
            },
            min_replicas: Some(i32::try_from(autoscaling.min).unwrap_or(i32::MAX)),
            max_replicas: i32::try_from(autoscaling.max).unwrap_or(i32::MAX),
            metrics: Some(
                [
                    metric("cpu", autoscaling.cpu_percent),
                    metric("memory", autoscaling.memory_percent),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn disruption_budget(pod: &Pod) -> Json {
    pod.render(&PodDisruptionBudget {
        metadata: pod.metadata(),
        spec: Some(PodDisruptionBudgetSpec {
            max_unavailable: Some(IntOrString::Int(1)),
            selector: Some(pod.selector()),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn cron_job(pod: &Pod) -> Json {
    let service = pod.service;
    let count = |value: u32| Some(i32::try_from(value).unwrap_or(i32::MAX));
    pod.render(&CronJob {
        metadata: pod.metadata(),
        spec: Some(CronJobSpec {
            schedule: service.schedule.clone().unwrap_or_default(),
            time_zone: Some("Etc/UTC".to_owned()),
            concurrency_policy: Some(
                match service.concurrency_policy {
                    ConcurrencyPolicy::Forbid => "Forbid",
                    ConcurrencyPolicy::Allow => "Allow",
                    ConcurrencyPolicy::Replace => "Replace",
                }
                .to_owned(),
            ),
            successful_jobs_history_limit: count(service.history_limit),
            failed_jobs_history_limit: count(service.failed_history_limit),
            starting_deadline_seconds: Some(300),
            job_template: JobTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(pod.labels.to_map()),
                    ..Default::default()
                }),
                spec: Some(JobSpec {
                    template: pod.template(None, true),
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The pre-deploy Job: the service's pod running the hook's command once, before Helm
/// installs or upgrades the release. Its pods carry their own `app.kubernetes.io/name`,
/// so that the service's selectors (its Service, its disruption budget) never match them.
fn pre_deploy_job(input: &ReleaseInput, service: &Service, command: &[String]) -> Json {
    let pod = Pod::named(
        input,
        service,
        &format!("{}{PRE_DEPLOY_SUFFIX}", service.name),
    );
    let mut metadata = pod.metadata();
    let annotations = metadata.annotations.get_or_insert_with(BTreeMap::new);
    annotations.insert(
        "helm.sh/hook".to_owned(),
        "pre-install,pre-upgrade".to_owned(),
    );
    annotations.insert(
        "helm.sh/hook-delete-policy".to_owned(),
        "before-hook-creation".to_owned(),
    );
    annotations.insert("helm.sh/hook-weight".to_owned(), "0".to_owned());
    pod.render(&Job {
        metadata,
        spec: Some(JobSpec {
            backoff_limit: Some(0),
            active_deadline_seconds: Some(PRE_DEPLOY_DEADLINE_SECS),
            template: pod.template(Some(command), true),
            ..Default::default()
        }),
        ..Default::default()
    })
}

#[cfg(test)]
#[path = "service_tests.rs"]
mod tests;

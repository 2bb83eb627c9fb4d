//! The Kubernetes objects of a ProjectEnv's services — Deployments, Services, Ingresses,
//! autoscalers, disruption budgets, CronJobs and the pre-deploy Job — as one Helm
//! release: pure, typed with k8s-openapi, no I/O.
//! The pod every object runs (its template, its hardening) is in service/pod.rs.

mod pod;

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec,
    MetricTarget, ResourceMetricSource,
};
use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, Job, JobSpec, JobTemplateSpec};
use k8s_openapi::api::core::v1::{Service as KubeService, ServicePort, ServiceSpec};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value as Json;

use self::pod::Pod;
use crate::workspace::model::{
    Autoscaling, ConcurrencyPolicy, Exposure, ProjectEnv, Service, ServiceKind, Workspace,
};
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

/// What a pod takes its variables from, each a `Secret` or a `ConfigMap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Secret,
    ConfigMap,
}

/// Where a service's pods take their variables from (`envFrom`), lowest precedence
/// first: each dependency's Secret, the global group, the service's own group. A group's
/// Secret is there only when it has secret variables and an account holds their values
/// (the plan writes it then only).
pub fn variable_sources(project_env: &ProjectEnv, service: &Service) -> Vec<(SourceKind, String)> {
    let mut sources: Vec<(SourceKind, String)> = project_env
        .dependencies
        .iter()
        .map(|dependency| {
            (
                SourceKind::Secret,
                format!("dependency-{}", dependency.name),
            )
        })
        .collect();
    let has_secrets = |names: &BTreeSet<String>| !names.is_empty() && project_env.account.is_some();
    for (group, secret_names) in [
        (Group::Global, &project_env.secret_variables),
        (
            Group::Service(service.name.clone()),
            &service.secret_variables,
        ),
    ] {
        sources.push((
            SourceKind::ConfigMap,
            format!("variables-{}", group.object_suffix()),
        ));
        if has_secrets(secret_names) {
            sources.push((
                SourceKind::Secret,
                format!("secrets-{}", group.object_suffix()),
            ));
        }
    }
    sources
}

/// Every object of the ProjectEnv's services.
pub fn release(input: &ReleaseInput) -> RenderedRelease {
    let project_env = input.project_env;
    RenderedRelease {
        name: project_env.project.clone(),
        namespace: project_env.namespace.clone(),
        services: project_env
            .services
            .iter()
            .map(|service| rendered_service(input, service))
            .collect(),
        pre_deploy: pre_deploy(input),
    }
}

/// The objects of one of the ProjectEnv's services.
pub fn rendered_service(input: &ReleaseInput, service: &Service) -> RenderedService {
    RenderedService {
        name: service.name.clone(),
        kind: service.kind,
        objects: objects(input, service),
    }
}

/// The pre-deploy Job (a Helm hook) of the first service declaring `pre_deploy`.
pub fn pre_deploy(input: &ReleaseInput) -> Option<Json> {
    input
        .project_env
        .services
        .iter()
        .find_map(|service| Some((service, service.pre_deploy.as_ref()?)))
        .map(|(service, command)| pre_deploy_job(input, service, command))
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
mod tests;

//! Every resource kind sleak manages, one file each. A kind is registered by one line
//! of the list at the bottom, which declares its module and gives it a `Spec` variant.

use super::context::Cx;
use super::kind::{Described, Kind, Output, Outputs};

/// What the RDS and ElastiCache subnet groups share.
pub mod subnet_group;

/// Generates, from the list of kinds: the modules, `Spec` (a desired resource of any
/// kind), `Observed` (what was read of one), and the dispatch from those to each kind.
macro_rules! kinds {
    ($($variant:ident => $module:ident :: $ty:ident,)*) => {
        $(pub mod $module;)*
        $(pub use $module::$ty;)*

        /// What a resource is made of, for observe, apply and delete.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Spec {
            $($variant($ty),)*
        }

        /// What was read of an existing resource.
        #[derive(Debug, Clone)]
        pub enum Observed {
            $($variant(<$ty as Kind>::Observed),)*
        }

        $(
            impl From<$ty> for Spec {
                fn from(desired: $ty) -> Self {
                    Spec::$variant(desired)
                }
            }

            impl Registered for $ty {
                fn observed(observed: &Observed) -> Option<&Self::Observed> {
                    #[allow(unreachable_patterns)]
                    match observed {
                        Observed::$variant(observed) => Some(observed),
                        _ => None,
                    }
                }
            }
        )*

        impl Spec {
            /// Service and type of the kind, e.g. `ec2:vpc`.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Spec::$variant(_) => <$ty as Kind>::KIND,)*
                }
            }

            /// The plan ids this resource refers to.
            pub fn references(&self) -> Vec<&str> {
                match self {
                    $(Spec::$variant(desired) => desired.references(),)*
                }
            }

            /// Whether observing it reads the outputs of its references.
            pub fn observe_reads_references(&self) -> bool {
                match self {
                    $(Spec::$variant(_) => <$ty as Kind>::OBSERVE_READS_REFERENCES,)*
                }
            }

            /// Reads what exists of the resource (compared later, once everything is read).
            pub async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Found>> {
                match self {
                    $(Spec::$variant(desired) => Ok(desired.observe(cx).await?.map(|observed| {
                        Found {
                            output: desired.output(&observed),
                            changes: Described::default(),
                            observed: Observed::$variant(observed),
                        }
                    })),)*
                }
            }

            /// Compares what was read with the workspace, given the outputs of everything.
            pub fn compare(&self, refs: &Outputs, observed: &Observed) -> Described {
                match self {
                    $(Spec::$variant(desired) => <$ty as Registered>::observed(observed)
                        .map(|observed| desired.compare(refs, observed).describe())
                        .unwrap_or_default(),)*
                }
            }

            /// Creates the resource, or fixes what differs from what was observed (compared
            /// again with the outputs of now).
            pub async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>) -> anyhow::Result<Output> {
                match self {
                    $(Spec::$variant(desired) => {
                        let observed = observed.and_then(<$ty as Registered>::observed);
                        let changes = observed
                            .map(|observed| desired.compare(cx.refs, observed))
                            .unwrap_or_default();
                        desired.apply(cx, observed, &changes).await
                    })*
                }
            }

            pub async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
                match self {
                    $(Spec::$variant(desired) => desired.delete(cx, output).await,)*
                }
            }
        }

        /// Kinds that sweep orphans, by rank: `destroy` deletes lower ranks first.
        pub fn orphan_rank(kind: &str) -> Option<u8> {
            [$((<$ty as Kind>::KIND, <$ty as Kind>::ORPHAN_RANK),)*]
                .into_iter()
                .find_map(|(name, rank)| (name == kind).then_some(rank).flatten())
        }

        /// Tagged resources of every sweeping kind in the account of `cx`, as
        /// (kind, `sleak:id`, cloud id), lowest rank first.
        pub async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(&'static str, String, String)>> {
            let mut found: Vec<(u8, &'static str, String, String)> = Vec::new();
            $(
                if let Some(rank) = <$ty as Kind>::ORPHAN_RANK {
                    for (id, cloud_id) in <$ty as Kind>::tagged(cx).await? {
                        found.push((rank, <$ty as Kind>::KIND, id, cloud_id));
                    }
                }
            )*
            found.sort_by_key(|(rank, ..)| *rank);
            Ok(found.into_iter().map(|(_, kind, id, cloud_id)| (kind, id, cloud_id)).collect())
        }

        /// Deletes an orphan of `kind` by its cloud id.
        pub async fn delete_orphan(kind: &str, cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
            $(
                if kind == <$ty as Kind>::KIND && <$ty as Kind>::ORPHAN_RANK.is_some() {
                    return <$ty as Kind>::delete_orphan(cx, cloud_id).await;
                }
            )*
            anyhow::bail!("sleak does not sweep resources of kind `{kind}`")
        }
    };
}

/// The typed observed form of a kind, out of [`Observed`].
pub trait Registered: Kind {
    fn observed(observed: &Observed) -> Option<&Self::Observed>;
}

/// What was found of one desired resource.
#[derive(Debug, Clone)]
pub struct Found {
    pub output: Output,
    pub observed: Observed,
    pub changes: Described,
}

impl Found {
    /// The typed observed form, when `K` is its kind.
    pub fn observed<K: Registered>(&self) -> Option<&K::Observed> {
        K::observed(&self.observed)
    }
}

kinds! {
    Organization => organization::Organization,
    Account => account::Account,
    Vpc => vpc::Vpc,
    InternetGateway => internet_gateway::InternetGateway,
    Subnet => subnet::Subnet,
    RouteTable => route_table::RouteTable,
    RouteTableAssociation => route_table_association::RouteTableAssociation,
    ElasticIp => elastic_ip::ElasticIp,
    NatGateway => nat_gateway::NatGateway,
    VpcPeering => vpc_peering::VpcPeering,
    PeeringRoute => peering_route::PeeringRoute,
    SecurityGroup => security_group::SecurityGroup,
    IamRole => iam_role::IamRole,
    InstanceProfile => instance_profile::InstanceProfile,
    Instance => instance::Instance,
    InstanceAddress => instance_address::InstanceAddress,
    DbSubnetGroup => db_subnet_group::DbSubnetGroup,
    DbInstance => db_instance::DbInstance,
    CacheSubnetGroup => cache_subnet_group::CacheSubnetGroup,
    Cache => cache::Cache,
    DependencySecret => dependency_secret::DependencySecret,
    HostedZone => hosted_zone::HostedZone,
    OidcProvider => oidc_provider::OidcProvider,
    EksCluster => eks_cluster::EksCluster,
    AccessEntry => access_entry::AccessEntry,
    NodeGroup => node_group::NodeGroup,
    Addon => addon::Addon,
    HelmChart => helm_chart::HelmChart,
    EcrRepository => ecr_repository::EcrRepository,
    NsDelegation => ns_delegation::NsDelegation,
    AcmCertificate => acm_certificate::AcmCertificate,
    KubeObject => kube_object::KubeObject,
    VariableSecret => variable_secret::VariableSecret,
    S3Bucket => s3_bucket::S3Bucket,
    SqsQueue => sqs_queue::SqsQueue,
    ServiceAccount => service_account::ServiceAccount,
}

//! `sleak cluster create|list|status|delete`.

use serde_json::json;

use super::flow::{
    confirm_name, may_change, plan_and_apply, run_deletes, show_deletes, with_lease,
};
use super::{Context, block_on};
use crate::cli::{ApplyArgs, ClusterCommand, ClusterCreateArgs, ClusterDeleteArgs};
use crate::error::UsageError;
use crate::operations::Scope;
use crate::operations::destroy::delete_steps;
use crate::reconcile::Change;
use crate::workspace::edit::{Editor, set};
use crate::workspace::model::ClusterSource;

pub fn run(context: &Context, command: ClusterCommand) -> anyhow::Result<()> {
    match command {
        ClusterCommand::Create(args) => create(context, args),
        ClusterCommand::List => list(context),
        ClusterCommand::Status(args) => {
            known(context, &args.name)?;
            super::status::status_of(context, Some(&args.name))
        }
        ClusterCommand::Delete(args) => delete(context, args),
    }
}

/// Fails unless the workspace has the cluster.
fn known(context: &Context, name: &str) -> anyhow::Result<crate::workspace::Workspace> {
    let workspace = context.load_workspace()?;
    if workspace.cluster(name).is_none() {
        let names: Vec<&str> = workspace
            .clusters
            .iter()
            .map(|cluster| cluster.name.as_str())
            .collect();
        return Err(
            UsageError::new(format!("the workspace has no cluster `{name}`"))
                .with_hint(if names.is_empty() {
                    format!("create it with `sleak cluster create {name} --account <account>`")
                } else {
                    format!("its clusters: {}", names.join(", "))
                })
                .into(),
        );
    }
    Ok(workspace)
}

/// Adds the cluster to sleak.toml when it is not there, then applies its resources.
fn create(context: &Context, args: ClusterCreateArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    if workspace.cluster(&args.name).is_none() {
        if args.account.is_none() && args.context.is_none() {
            return Err(UsageError::new(format!("the workspace has no cluster `{}`", args.name))
                .with_hint(format!(
                    "pass `--account <account>` to create an EKS cluster, or `--context <kubeconfig context>` to bring your own: `sleak cluster create {} --account development`",
                    args.name
                ))
                .into());
        }
        let mut editor = Editor::open(&workspace.file)?;
        let table = editor.create_table(&["clusters", &args.name], "cluster")?;
        if let Some(account) = &args.account {
            set(table, "account", account.as_str());
            if let Some(version) = &args.kubernetes_version {
                set(table, "version", version.as_str());
            }
        }
        if let Some(kube_context) = &args.context {
            set(table, "context", kube_context.as_str());
        }
        if args.account.is_some() {
            let pool = editor.create_table(
                &["clusters", &args.name, "node_pools", "general"],
                "node pool",
            )?;
            let mut types = toml_edit::Array::new();
            types.push(args.node_type.as_str());
            set(pool, "instance_types", types);
        }
        editor.commit()?;
        printer.success(
            "Added",
            &format!(
                "cluster `{}` to {}",
                args.name,
                context.display_path(&workspace.file)
            ),
        );
    } else if args.account.is_some() || args.context.is_some() || args.kubernetes_version.is_some()
    {
        printer.warning(&format!(
            "cluster `{}` is already in sleak.toml: `--account`, `--context` and `--kubernetes-version` are ignored (edit sleak.toml to change it)",
            args.name
        ));
    }
    let workspace = context.load_workspace()?;
    let cluster = workspace.cluster(&args.name).cloned();
    if let Some(cluster) = cluster
        && let ClusterSource::Context {
            context: kube_context,
        } = &cluster.source
    {
        // Bring your own: nothing to create, but the context must answer.
        let endpoint = crate::providers::kubernetes::Endpoint::Context {
            context: kube_context.clone(),
        };
        let version = block_on(async {
            let client = crate::providers::kubernetes::connect(&endpoint).await?;
            Ok::<_, anyhow::Error>(client.apiserver_version().await?.git_version)
        })??;
        printer.success(
            "Ready:",
            &format!(
                "cluster `{}` answers through the context `{kube_context}` (Kubernetes {version})",
                cluster.name
            ),
        );
        if printer.json() {
            printer.data_json(&json!({ "cluster": cluster.name, "context": kube_context, "kubernetes_version": version }));
        }
        return Ok(());
    }
    plan_and_apply(
        context,
        ApplyArgs {
            dry_run: args.dry_run,
            parallelism: args.parallelism,
        },
        Scope::Cluster(args.name.clone()),
    )?;
    if !args.dry_run {
        printer.status(&format!(
            "Use it with kubectl: `sleak kubeconfig {}`",
            args.name
        ));
    }
    Ok(())
}

/// The workspace's clusters with their state.
fn list(context: &Context) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    if workspace.clusters.is_empty() {
        if printer.json() {
            printer.data_json(&json!([]));
        } else {
            printer.status(
                "No clusters: add one with `sleak cluster create <name> --account <account>`.",
            );
        }
        return Ok(());
    }
    let eks = workspace
        .clusters
        .iter()
        .any(|cluster| cluster.account().is_some());
    let session = if eks {
        Some(block_on(context.open_session(workspace.clone()))??)
    } else {
        None
    };
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for cluster in &workspace.clusters {
        let (source, state, cloud) = match &cluster.source {
            ClusterSource::Context {
                context: kube_context,
            } => (
                format!("context {kube_context}"),
                "external".to_owned(),
                String::new(),
            ),
            ClusterSource::Eks { account } => {
                let step = session.as_ref().and_then(|session| {
                    session
                        .steps
                        .iter()
                        .find(|step| step.id == format!("cluster/{}/eks-cluster", cluster.name))
                });
                let state = match step.map(|step| &step.change) {
                    None | Some(Change::Create) => "missing".to_owned(),
                    Some(Change::Update(changes)) => format!("changed: {}", changes.join("; ")),
                    Some(_) => "active".to_owned(),
                };
                (
                    format!("account {account}"),
                    state,
                    step.and_then(|step| step.cloud_id.clone())
                        .unwrap_or_default(),
                )
            }
        };
        let pools: Vec<String> = cluster
            .node_pools
            .iter()
            .map(|pool| {
                format!(
                    "{} ({} × {}–{})",
                    pool.name,
                    pool.instance_types.join(","),
                    pool.min,
                    pool.max
                )
            })
            .collect();
        let endpoint = match (
            &cluster.source,
            cluster.endpoint.public,
            cluster.endpoint.private,
        ) {
            (ClusterSource::Context { .. }, _, _) => "-".to_owned(),
            (_, true, true) => "public+private".to_owned(),
            (_, true, false) => "public".to_owned(),
            (_, false, _) => "private (VPN)".to_owned(),
        };
        items.push(json!({
            "name": cluster.name,
            "source": cluster.source,
            "version": cluster.version,
            "state": state,
            "eks_name": cloud,
            "node_pools": cluster.node_pools.iter().map(|pool| pool.name.clone()).collect::<Vec<_>>(),
            "endpoint": endpoint,
        }));
        rows.push(vec![
            cluster.name.clone(),
            source,
            if cluster.account().is_some() {
                cluster.version.clone()
            } else {
                "-".to_owned()
            },
            state,
            if pools.is_empty() {
                "-".to_owned()
            } else {
                pools.join(", ")
            },
            endpoint,
        ]);
    }
    if printer.json() {
        printer.data_json(&json!(items));
    } else {
        printer.table(
            &[
                "NAME",
                "WHERE",
                "VERSION",
                "STATE",
                "NODE POOLS",
                "ENDPOINT",
            ],
            rows,
        );
    }
    Ok(())
}

/// Deletes the cluster's resources, then removes it from sleak.toml.
fn delete(context: &Context, args: ClusterDeleteArgs) -> anyhow::Result<()> {
    let workspace = known(context, &args.name)?;
    let printer = &context.printer;
    let users: Vec<&str> = workspace
        .environments
        .iter()
        .filter(|environment| environment.cluster == args.name)
        .map(|environment| environment.name.as_str())
        .collect();
    if !users.is_empty() {
        return Err(UsageError::new(format!(
            "cluster `{}` runs the environments {}",
            args.name,
            users
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_hint("move them to another cluster or remove them (`sleak env remove <name>`) first")
        .into());
    }
    let file = workspace.file.clone();
    let eks = workspace
        .cluster(&args.name)
        .is_some_and(|cluster| cluster.account().is_some());
    if eks {
        let prefix = format!("cluster/{}/", args.name);
        let deleted = block_on(async {
            let mut session = if may_change(context, args.dry_run) {
                context
                    .open_locked_session(workspace, &format!("sleak cluster delete {}", args.name))
                    .await?
            } else {
                context.open_session(workspace).await?
            };
            let lease = session.lease.take();
            with_lease(context, lease, async {
            let steps = delete_steps(&session, false, false, |resource| {
                resource.id.starts_with(&prefix)
            });
            if steps.is_empty() {
                printer.status(&format!(
                    "Nothing of cluster `{}` exists in AWS.",
                    args.name
                ));
                return Ok::<_, anyhow::Error>(true);
            }
            show_deletes(context, &steps);
            printer.status(&format!(
                "{} resources of cluster `{}` to delete: node pools, plugins, control plane, roles.",
                steps.len(),
                args.name
            ));
            if args.dry_run {
                printer.status("Dry run: nothing was deleted.");
                return Ok(false);
            }
            confirm_name(context, "cluster", &args.name, args.confirm.as_deref())?;
            run_deletes(context, &session, &steps, "Deleted")
                .await
                .map_err(|error| {
                    error.context(format!(
                        "stopped: what was deleted stays deleted; run `sleak cluster delete {}` again to finish",
                        args.name
                    ))
                })?;
            Ok(true)
            })
            .await
        })??;
        if !deleted {
            return Ok(());
        }
    } else {
        if args.dry_run {
            printer.status(&format!(
                "Dry run: cluster `{}` is your own (a kubeconfig context); it would only leave sleak.toml.",
                args.name
            ));
            return Ok(());
        }
        confirm_name(context, "cluster", &args.name, args.confirm.as_deref())?;
    }
    let mut editor = Editor::open(&file)?;
    editor.remove_table(&["clusters", &args.name], "cluster")?;
    editor.commit()?;
    printer.success(
        "Removed",
        &format!(
            "cluster `{}` from {}",
            args.name,
            context.display_path(&file)
        ),
    );
    Ok(())
}

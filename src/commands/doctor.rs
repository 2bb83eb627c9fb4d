//! `sleak doctor`: checks what onboarding needs and what it left: credentials, the
//! organization, the accounts, every resource, the VPN, and the domain's delegation.

use std::time::Duration;

use serde_json::json;

use super::{Context, block_on};
use crate::cli::DoctorArgs;
use crate::operations::Scope;
use crate::providers::dns::{self, Delegation};
use crate::reconcile::Change;
use crate::reconcile::kinds::Instance;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Warn,
    Fail,
    Skip,
}

impl Outcome {
    fn word(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Warn => "warn",
            Outcome::Fail => "FAIL",
            Outcome::Skip => "skip",
        }
    }
}

struct Check {
    name: &'static str,
    outcome: Outcome,
    detail: String,
}

pub fn doctor(context: &Context, args: DoctorArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let domain = workspace.organization.domain.clone();
    let printer = &context.printer;
    let mut checks = vec![Check {
        name: "workspace",
        outcome: Outcome::Ok,
        detail: format!("{} is valid", workspace.file.display()),
    }];
    let session = block_on(context.open_session(workspace))?;
    let session = match session {
        Ok(session) => {
            checks.push(Check {
                name: "credentials",
                outcome: Outcome::Ok,
                detail: "the caller may onboard (management account or no organization yet)"
                    .to_owned(),
            });
            Some(session)
        }
        Err(error) => {
            checks.push(Check {
                name: "credentials",
                outcome: Outcome::Fail,
                detail: format!("{error:#}"),
            });
            None
        }
    };
    let mut zone_servers = Vec::new();
    if let Some(session) = &session {
        let found = &session.observation.found;
        let account_ids = session.observation.account_ids();
        checks.push(match found.get("organization") {
            Some(organization) if organization.changes.drift.is_empty() => Check {
                name: "organization",
                outcome: Outcome::Ok,
                detail: organization.output.id.clone(),
            },
            Some(organization) => Check {
                name: "organization",
                outcome: Outcome::Warn,
                detail: organization.changes.drift.join("; "),
            },
            None => Check {
                name: "organization",
                outcome: Outcome::Warn,
                detail: "none yet: `sleak onboard` creates it".to_owned(),
            },
        });
        for account in &session.workspace.accounts {
            checks.push(match account_ids.get(&account.name) {
                Some(id) => Check {
                    name: "account",
                    outcome: Outcome::Ok,
                    detail: format!("{} ({id})", account.name),
                },
                None => Check {
                    name: "account",
                    outcome: Outcome::Warn,
                    detail: format!(
                        "{} does not exist yet: `sleak onboard` creates it",
                        account.name
                    ),
                },
            });
        }
        // Onboarding and the rest (clusters, repositories, zones, namespaces) are
        // reported apart: each has its own command.
        let count = |onboarding: bool, wanted: fn(&Change) -> bool| {
            session
                .steps
                .iter()
                .filter(|step| Scope::Onboarding.contains(&step.id) == onboarding)
                .filter(|step| wanted(&step.change))
                .count()
        };
        let missing = count(true, |change| *change == Change::Create);
        let changed = count(true, |change| matches!(change, Change::Update(_)));
        let platform_missing = count(false, |change| *change == Change::Create);
        let platform_changed = count(false, |change| matches!(change, Change::Update(_)));
        let platform_total = count(false, |_| true);
        if platform_total > 0 {
            checks.push(if platform_missing + platform_changed == 0 {
                Check {
                    name: "clusters",
                    outcome: Outcome::Ok,
                    detail: format!("all {platform_total} cluster, repository, zone and namespace resources are as the workspace says"),
                }
            } else {
                Check {
                    name: "clusters",
                    outcome: Outcome::Warn,
                    detail: format!("{platform_missing} missing, {platform_changed} to fix among clusters, repositories, zones and namespaces: run `sleak apply`"),
                }
            });
        }
        let drifted: Vec<&str> = session
            .steps
            .iter()
            .filter(|step| !step.drift.is_empty())
            .map(|step| step.id.as_str())
            .collect();
        checks.push(if missing + changed == 0 {
            Check {
                name: "resources",
                outcome: Outcome::Ok,
                detail: format!(
                    "all {} onboarding resources are as the workspace says",
                    session.steps.len() - platform_total
                ),
            }
        } else {
            Check {
                name: "resources",
                outcome: Outcome::Warn,
                detail: format!("{missing} missing, {changed} to fix: run `sleak onboard`"),
            }
        });
        if !drifted.is_empty() {
            checks.push(Check {
                name: "drift",
                outcome: Outcome::Warn,
                detail: format!("changed outside sleak: {}", drifted.join(", ")),
            });
        }
        if !session.observation.orphans.is_empty() {
            checks.push(Check { name: "orphans", outcome: Outcome::Warn, detail: format!("{} resources tagged for the workspace are not in it: `sleak destroy` sweeps them", session.observation.orphans.len()) });
        }
        if session.workspace.vpn.is_some() {
            let instance = session
                .observation
                .observed::<Instance>("account/management/vpn/instance");
            checks.push(
                match instance.and_then(|instance| instance.state.as_deref()) {
                    Some("running") => Check {
                        name: "vpn",
                        outcome: Outcome::Ok,
                        detail: "the server is running: `sleak vpn` shows its console".to_owned(),
                    },
                    Some(state) => Check {
                        name: "vpn",
                        outcome: Outcome::Warn,
                        detail: format!("the server is {state}"),
                    },
                    None => Check {
                        name: "vpn",
                        outcome: Outcome::Warn,
                        detail: "no server yet: `sleak onboard` builds it".to_owned(),
                    },
                },
            );
        }
        if let (Some(zone), Some(account_id)) = (
            found.get("account/management/hosted-zone"),
            account_ids.get("management"),
        ) {
            let servers = block_on(async {
                let config = session.env.access.config(account_id).await;
                crate::providers::aws::route53::name_servers(&config, &zone.output.id).await
            })?;
            zone_servers = servers.unwrap_or_default();
        }
    }
    checks.push(delegation_check(&domain, &zone_servers, &args));
    let failed = checks.iter().any(|check| check.outcome == Outcome::Fail);
    if printer.json() {
        let items: Vec<_> = checks.iter().map(|check| json!({ "check": check.name, "result": check.outcome.word(), "detail": check.detail })).collect();
        printer.data_json(&json!({ "ok": !failed, "checks": items }));
    } else {
        let rows = checks
            .iter()
            .map(|check| {
                vec![
                    check.name.to_owned(),
                    check.outcome.word().to_owned(),
                    check.detail.clone(),
                ]
            })
            .collect();
        printer.table(&["CHECK", "RESULT", "DETAIL"], rows);
    }
    if failed {
        return Err(crate::error::AlreadyReported(1).into());
    }
    Ok(())
}

/// Compares the public delegation of the domain with the zone's name servers.
fn delegation_check(domain: &str, zone_servers: &[String], args: &DoctorArgs) -> Check {
    if zone_servers.is_empty() {
        return Check {
            name: "delegation",
            outcome: Outcome::Skip,
            detail: format!("no hosted zone for `{domain}` yet: `sleak onboard` creates it"),
        };
    }
    if args.offline {
        return Check {
            name: "delegation",
            outcome: Outcome::Skip,
            detail: "--offline: the public DNS was not asked".to_owned(),
        };
    }
    let Some(resolver) = args.resolver.or_else(dns::system_resolver) else {
        return Check {
            name: "delegation",
            outcome: Outcome::Skip,
            detail: "no DNS resolver configured (/etc/resolv.conf); pass `--resolver IP:PORT`"
                .to_owned(),
        };
    };
    match dns::query_ns(resolver, domain, Duration::from_secs(2)) {
        Ok(found) => {
            let delegation = dns::compare_delegation(zone_servers, &found);
            let outcome = if delegation == Delegation::Delegated {
                Outcome::Ok
            } else {
                Outcome::Warn
            };
            Check {
                name: "delegation",
                outcome,
                detail: dns::advice(domain, zone_servers, &delegation),
            }
        }
        Err(error) => Check {
            name: "delegation",
            outcome: Outcome::Skip,
            detail: format!("could not ask {resolver} for the name servers of `{domain}`: {error}"),
        },
    }
}

//! `sleak init`: writes a commented sleak.toml, asking on a terminal for what flags
//! did not give.

use crate::cli::InitArgs;
use crate::error::UsageError;
use crate::output::prompt::text_or_ask;
use crate::workspace::edit::write_atomically;
use crate::workspace::{self, FILE_NAME, names};

use super::Context;

pub fn run(context: &Context, args: InitArgs) -> anyhow::Result<()> {
    let folder = args
        .dir
        .clone()
        .unwrap_or_else(|| context.current_dir.clone());
    let file = folder.join(FILE_NAME);
    if file.exists() {
        return Err(UsageError::new(format!("`{}` already exists", context.display_path(&file)))
            .with_hint("edit it, or use `sleak project add`, `sleak env add`, … to change it; sleak init never overwrites a workspace")
            .into());
    }
    let printer = &context.printer;
    let default_name = folder
        .file_name()
        .and_then(|name| name.to_str())
        .map(|name| name.to_ascii_lowercase())
        .filter(|name| names::dns_label_starting_with_letter(name, 24).is_ok());
    let name = text_or_ask(
        printer,
        args.name,
        "--name",
        "Workspace name",
        default_name.as_deref(),
        |value| names::dns_label_starting_with_letter(value, 24),
    )?;
    let domain = text_or_ask(
        printer,
        args.domain,
        "--domain",
        "Domain (environments are its subdomains)",
        None,
        names::domain,
    )?;
    let region_given = args.home_region.or_else(|| context.global.region.clone());
    let region = match region_given {
        Some(region) => region,
        None if !printer.stdin_is_terminal => "us-east-1".to_owned(),
        None => text_or_ask(
            printer,
            None,
            "--home-region",
            "Home AWS region",
            Some("us-east-1"),
            names::aws_region,
        )?,
    };
    let default_email = format!("aws@{domain}");
    let email = text_or_ask(
        printer,
        args.email,
        "--email",
        "Base e-mail of the AWS accounts",
        Some(&default_email),
        names::email,
    )?;
    let admin_cidrs = if args.admin_cidrs.is_empty() {
        vec![text_or_ask(
            printer,
            None,
            "--admin-cidr",
            "CIDR allowed to reach the VPN console (your office or home IP /32)",
            None,
            |value| {
                value
                    .parse::<ipnet::Ipv4Net>()
                    .map(|_| ())
                    .map_err(|_| "write a CIDR such as 203.0.113.7/32".to_owned())
            },
        )?]
    } else {
        args.admin_cidrs
    };
    for (flag, value, check) in [
        (
            "--name",
            &name,
            names::dns_label_starting_with_letter(&name, 24),
        ),
        ("--domain", &domain, names::domain(&domain)),
        ("--home-region", &region, names::aws_region(&region)),
        ("--email", &email, names::email(&email)),
    ] {
        if let Err(reason) = check {
            return Err(
                UsageError::new(format!("`{value}` is not valid for `{flag}`: {reason}"))
                    .with_hint(format!("pass a valid `{flag}`"))
                    .into(),
            );
        }
    }
    let text = render_template(&name, &domain, &region, &email, &admin_cidrs);
    // The template must itself be a valid workspace; anything else is a bug, not the user's.
    workspace::parse(&file, &text).map_err(|error| {
        UsageError::new(format!(
            "the values given do not make a valid workspace:\n{error}"
        ))
        .with_hint("check `--admin-cidr` and the other flags")
    })?;
    std::fs::create_dir_all(&folder)?;
    write_atomically(&file, &text)?;
    printer.success("Created", &context.display_path(&file));
    printer.status("Next: `sleak env add`, `sleak project add`, then `sleak plan` to see what sleak will build.");
    Ok(())
}

fn quoted(value: &str) -> String {
    toml_edit::Value::from(value).to_string().trim().to_owned()
}

fn render_template(
    name: &str,
    domain: &str,
    region: &str,
    email: &str,
    admin_cidrs: &[String],
) -> String {
    let admin = admin_cidrs
        .iter()
        .map(|cidr| quoted(cidr))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"# sleak workspace. Every key is documented in docs/workspace.md; `sleak schema`
# prints a JSON Schema for editors. Check it with `sleak validate`.

[organization]
# Tags every resource; prefixes bucket names.
name = {name}
# Environments are its subdomains; `sleak onboard` prints how to delegate it.
domain = {domain}
# Home region of every account.
region = {region}
# Accounts get <local>+<account>@<domain> unless they set their own `email`.
email = {email}

# The three accounts of the reference architecture. CIDRs must not overlap.
[accounts.management]
network = {{ cidr = "10.0.0.0/16" }}

[accounts.development]
network = {{ cidr = "10.1.0.0/16" }}

[accounts.production]
network = {{ cidr = "10.2.0.0/16", availability_zones = 3, nat = "per-zone" }}

# Pritunl VPN in the management account; its console is open to admin_cidrs only.
[vpn]
admin_cidrs = [{admin}]

# Add clusters, environments and projects, by hand or with:
#   sleak env add staging --cluster dev
#   sleak project add api --env staging
#   sleak service add web --project api --env staging --kind web --port 8080
#
# [clusters.dev]
# account = "development"
# [clusters.dev.node_pools.general]
# instance_types = ["t3.large"]
"#,
        name = quoted(name),
        domain = quoted(domain),
        region = quoted(region),
        email = quoted(email),
    )
}

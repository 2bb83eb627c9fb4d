//! `sleak vpn`: where the VPN console is, how to get its setup key, and the server's
//! state; `--setup-key` fetches the key through SSM.

use serde_json::json;

use super::{Context, block_on};
use crate::cli::VpnArgs;
use crate::error::UsageError;
use crate::providers::aws::ssm;
use crate::reconcile::kinds::{Instance, InstanceAddress};

const INSTANCE_ID: &str = "account/management/vpn/instance";
const ADDRESS_ID: &str = "account/management/vpn/eip";

pub fn vpn(context: &Context, args: VpnArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let Some(vpn) = workspace.vpn.clone() else {
        return Err(
            UsageError::new("the workspace has no VPN (`vpn.enabled = false`)")
                .with_hint("set `enabled = true` under `[vpn]` and run `sleak onboard`")
                .into(),
        );
    };
    let printer = &context.printer;
    block_on(async {
        let session = context.open_session(workspace).await?;
        let observation = &session.observation;
        let Some(instance) = observation.observed::<Instance>(INSTANCE_ID) else {
            return Err(UsageError::new("the VPN server does not exist yet")
                .with_hint("run `sleak onboard` to build it")
                .into());
        };
        let instance_id = instance.id.clone();
        let state = instance
            .state
            .clone()
            .unwrap_or_else(|| "unknown".to_owned());
        let public_ip = observation
            .observed::<InstanceAddress>(ADDRESS_ID)
            .and_then(|address| address.public_ip.clone())
            .or_else(|| instance.public_ip.clone())
            .unwrap_or_default();
        let account_id = observation
            .outputs
            .find("account/management")
            .unwrap_or_default()
            .to_owned();
        let protocol = match vpn.protocol {
            crate::workspace::model::VpnProtocol::Udp => "udp",
            crate::workspace::model::VpnProtocol::Tcp => "tcp",
        };
        let admin: Vec<String> = vpn.admin_cidrs.iter().map(ToString::to_string).collect();
        let ssm_command = format!(
            "aws ssm send-command --region {} --instance-ids {instance_id} --document-name AWS-RunShellScript --parameters 'commands=[\"sudo pritunl setup-key\"]'",
            session.env.region
        );
        if args.setup_key {
            if state != "running" {
                return Err(
                    UsageError::new(format!("the VPN server is {state}, not running"))
                        .with_hint("start it, or wait until it is running")
                        .into(),
                );
            }
            let config = session.env.access.config(&account_id).await;
            let output = ssm::run_shell(
                &config,
                &instance_id,
                "sudo pritunl setup-key",
                &|message| printer.debug(message),
            )
            .await?;
            if output.trim().is_empty() {
                anyhow::bail!(
                    "the server printed no setup key: Pritunl may still be installing (a few minutes after the server starts); try again"
                );
            }
            // The key is what the user asked for: data on stdout, nowhere else.
            printer.data(output.trim());
            printer.status(&format!("Open https://{public_ip} and paste the key; then `sudo pritunl default-password` (same way) gives the first login."));
            return Ok(());
        }
        if printer.json() {
            printer.data_json(&json!({
                "instance_id": instance_id,
                "state": state,
                "instance_type": instance.instance_type,
                "account": account_id,
                "public_ip": public_ip,
                "console": format!("https://{public_ip}"),
                "console_open_to": admin,
                "vpn_port": format!("{}/{protocol}", vpn.port),
                "setup_key_command": ssm_command,
            }));
            return Ok(());
        }
        let rows = vec![
            vec![
                "server".to_owned(),
                format!("{instance_id} ({state}, {})", instance.instance_type),
            ],
            vec!["account".to_owned(), format!("management ({account_id})")],
            vec![
                "console".to_owned(),
                format!("https://{public_ip} (open to {})", admin.join(", ")),
            ],
            vec![
                "vpn port".to_owned(),
                format!("{}/{protocol} (open to everyone)", vpn.port),
            ],
            vec![
                "setup key".to_owned(),
                "sleak vpn --setup-key   (runs `sudo pritunl setup-key` through SSM)".to_owned(),
            ],
            vec!["or by hand".to_owned(), ssm_command],
        ];
        printer.table(&["VPN", "VALUE"], rows);
        Ok(())
    })?
}

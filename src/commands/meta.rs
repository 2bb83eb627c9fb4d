//! `sleak whoami`, `sleak schema` and `sleak completions`.

use serde_json::json;

use super::{Context, block_on};
use crate::cli::CompletionsArgs;
use crate::cli::docs::completion_script;
use crate::providers::aws;
use crate::workspace::structure::workspace_schema;

pub fn whoami(context: &Context) -> anyhow::Result<()> {
    // The workspace is optional here: it only supplies a fallback region.
    let workspace_region = context
        .workspace_file()
        .ok()
        .and_then(|file| crate::workspace::load(&file).ok())
        .map(|workspace| workspace.organization.region);
    let settings = context.aws_settings(workspace_region.as_deref());
    let (identity, region) = block_on(async {
        let config = aws::load_sdk_config(&settings).await?;
        let region = config.region().map(ToString::to_string).unwrap_or_default();
        let identity = aws::sts::caller_identity(&config).await?;
        anyhow::Ok((identity, region))
    })??;
    let endpoint = aws::config::endpoint_override();
    let profile = settings
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .unwrap_or_else(|| "default".to_owned());
    if context.printer.json() {
        context.printer.data_json(&json!({
            "account": identity.account,
            "arn": identity.arn,
            "user_id": identity.user_id,
            "region": region,
            "profile": profile,
            "endpoint": endpoint,
        }));
    } else {
        let mut rows = vec![
            vec!["account".to_owned(), identity.account],
            vec!["arn".to_owned(), identity.arn],
            vec!["user id".to_owned(), identity.user_id],
            vec!["region".to_owned(), region],
            vec!["profile".to_owned(), profile],
        ];
        if let Some(endpoint) = endpoint {
            rows.push(vec!["endpoint".to_owned(), endpoint]);
        }
        context.printer.table(&["FIELD", "VALUE"], rows);
    }
    Ok(())
}

pub fn schema(context: &Context) -> anyhow::Result<()> {
    context.printer.data_json(workspace_schema());
    Ok(())
}

pub fn completions(context: &Context, args: CompletionsArgs) -> anyhow::Result<()> {
    let script = completion_script(args.shell);
    context.printer.data(script.trim_end());
    Ok(())
}

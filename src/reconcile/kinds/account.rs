//! A member account of the organization, found by name; its e-mail must match.

use crate::error::UsageError;
use crate::providers::aws::organizations;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
}

impl Kind for Account {
    const KIND: &'static str = "organizations:account";
    type Observed = Observed;
    type Fix = NoFix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let accounts = cx.accounts().await?;
        let Some(account) = accounts
            .iter()
            .find(|account| account.name == self.name && account.active)
        else {
            return Ok(None);
        };
        if !account.email.eq_ignore_ascii_case(&self.email) {
            let name = &self.name;
            return Err(UsageError::new(format!(
                "the organization has an account named `{name}` ({}) with the e-mail address `{}`, but the workspace says `{}`",
                account.id, account.email, self.email
            ))
            .with_hint(format!("set `email = \"{}\"` under `[accounts.{name}]` to adopt it, or rename the account in sleak.toml", account.email))
            .into());
        }
        Ok(Some(Observed {
            id: account.id.clone(),
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, _: &Observed) -> Changes<NoFix> {
        Changes::default()
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        let id = organizations::create_account(
            cx.env.access.base(),
            &self.name,
            &self.email,
            &cx.tags(),
            cx.on_wait,
        )
        .await?;
        Ok(Output::id(id))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        organizations::close_account(cx.env.access.base(), &output.id).await
    }
}

//! Questions on a terminal; on anything else, an error that names the flag to pass.

use crate::error::UsageError;

use super::Printer;

/// The value of `flag`, or asks for it on a terminal, or fails with a hint.
pub fn text_or_ask(
    printer: &Printer,
    given: Option<String>,
    flag: &str,
    question: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> Result<(), String>,
) -> anyhow::Result<String> {
    if let Some(value) = given {
        return Ok(value);
    }
    if !printer.stdin_is_terminal || !printer.stderr_is_terminal {
        return Err(
            UsageError::new(format!("`{flag}` is required when not on a terminal"))
                .with_hint(format!("pass `{flag} <value>`"))
                .into(),
        );
    }
    let theme = dialoguer::theme::SimpleTheme;
    let mut input = dialoguer::Input::<String>::with_theme(&theme).with_prompt(question);
    if let Some(default) = default {
        input = input.default(default.to_owned());
    }
    let value = input
        .validate_with(|value: &String| check(value))
        .interact_text()?;
    Ok(value)
}

/// One of `choices`: the given one, the only one, or asked on a terminal.
pub fn choose(
    printer: &Printer,
    given: Option<String>,
    flag: &str,
    question: &str,
    choices: &[String],
) -> anyhow::Result<String> {
    if let Some(value) = given {
        return Ok(value);
    }
    match choices {
        [] => Err(
            UsageError::new(format!("there is nothing to choose for `{flag}` yet"))
                .with_hint(format!("pass `{flag} <value>` after adding one"))
                .into(),
        ),
        [only] => Ok(only.clone()),
        _ if !printer.stdin_is_terminal || !printer.stderr_is_terminal => Err(UsageError::new(
            format!("`{flag}` is required when not on a terminal"),
        )
        .with_hint(format!("pass `{flag}` with one of: {}", choices.join(", ")))
        .into()),
        _ => {
            let theme = dialoguer::theme::SimpleTheme;
            let index = dialoguer::Select::with_theme(&theme)
                .with_prompt(question)
                .items(choices)
                .default(0)
                .interact()?;
            Ok(choices[index].clone())
        }
    }
}

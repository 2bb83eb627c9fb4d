//! Edits of one variable group's table in sleak.toml: plain values in `variables`,
//! secret names in `secret_variables`, however the table is written.

use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike};

/// The table of the group at `keys` (a ProjectEnv's or a service's), however it is
/// written (a `[header]` table, dotted keys or an inline table).
pub(super) fn group_table<'d>(
    document: &'d mut DocumentMut,
    keys: &[&str],
) -> anyhow::Result<&'d mut dyn TableLike> {
    let missing = || anyhow::anyhow!("`{}` is not a table in the workspace", keys.join("."));
    let mut item: &mut Item = document.as_item_mut();
    for key in keys {
        item = item
            .as_table_like_mut()
            .and_then(|table| table.get_mut(key))
            .ok_or_else(missing)?;
    }
    if let Item::Table(table) = item
        && table.is_implicit()
        && !table.is_dotted()
    {
        // A table known only through its sub-tables gets a header once it holds values.
        table.set_implicit(false);
    }
    item.as_table_like_mut().ok_or_else(missing)
}

pub(super) fn set_plain(table: &mut dyn TableLike, key: &str, value: &str) {
    if table
        .get("variables")
        .and_then(Item::as_table_like)
        .is_none()
    {
        table.insert("variables", toml_edit::value(InlineTable::new()));
    }
    if let Some(variables) = table.get_mut("variables").and_then(Item::as_table_like_mut) {
        match variables.get_mut(key) {
            // Keep the key's place and decoration; change only the value.
            Some(Item::Value(existing)) => {
                let decor = existing.decor().clone();
                *existing = toml_edit::Value::from(value);
                *existing.decor_mut() = decor;
            }
            _ => {
                variables.insert(key, toml_edit::value(value));
            }
        }
    }
    // An inline table holds no comments: laying it out again loses nothing.
    if let Some(Item::Value(toml_edit::Value::InlineTable(inline))) = table.get_mut("variables") {
        inline.fmt();
    }
}

pub(super) fn remove_plain(table: &mut dyn TableLike, key: &str) {
    let Some(variables) = table.get_mut("variables").and_then(Item::as_table_like_mut) else {
        return;
    };
    variables.remove(key);
    if variables.is_empty() {
        table.remove("variables");
    } else if let Some(Item::Value(toml_edit::Value::InlineTable(inline))) =
        table.get_mut("variables")
    {
        inline.fmt();
    }
}

pub(super) fn add_secret_name(table: &mut dyn TableLike, key: &str) {
    if table
        .get("secret_variables")
        .and_then(Item::as_array)
        .is_none()
    {
        table.insert("secret_variables", toml_edit::value(Array::new()));
    }
    if let Some(names) = table
        .get_mut("secret_variables")
        .and_then(Item::as_array_mut)
        && !names.iter().any(|name| name.as_str() == Some(key))
    {
        names.push(key);
        names.fmt();
    }
}

pub(super) fn remove_secret_name(table: &mut dyn TableLike, key: &str) {
    let Some(names) = table
        .get_mut("secret_variables")
        .and_then(Item::as_array_mut)
    else {
        return;
    };
    names.retain(|name| name.as_str() != Some(key));
    names.fmt();
    if names.is_empty() {
        table.remove("secret_variables");
    }
}

//! Edits of sleak.toml that keep the user's comments, ordering and formatting.
//!
//! An edit changes a `toml_edit::DocumentMut`; `commit` validates the result as a whole
//! workspace and writes it only when valid, so an invalid edit writes nothing.

use std::path::Path;

use anyhow::Context;
use toml_edit::{DocumentMut, Item, Table, Value};

use super::diagnostic::WorkspaceError;

/// Why an edit could not be made. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{what} `{name}` already exists in `{file}`")]
    Exists {
        what: &'static str,
        name: String,
        file: String,
    },
    #[error("{what} `{name}` does not exist in `{file}`")]
    Missing {
        what: &'static str,
        name: String,
        file: String,
    },
    #[error("`{key}` in `{file}` is not a table")]
    NotATable { key: String, file: String },
}

/// A workspace file opened for editing.
pub struct Editor {
    pub path: std::path::PathBuf,
    pub document: DocumentMut,
}

impl Editor {
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read `{}`", path.display()))?;
        // A file that does not parse cannot be edited safely; report it as validation would.
        let document = match text.parse::<DocumentMut>() {
            Ok(document) => document,
            Err(_) => {
                return Err(super::parse(path, &text).err().map_or_else(
                    || anyhow::anyhow!("could not parse `{}`", path.display()),
                    anyhow::Error::from,
                ));
            }
        };
        Ok(Self {
            path: path.to_owned(),
            document,
        })
    }

    fn file(&self) -> String {
        self.path.display().to_string()
    }

    /// The table at `keys`, which must not exist yet, created (with its parents as
    /// implicit tables) and placed right after the last table of its parent.
    pub fn create_table(
        &mut self,
        keys: &[&str],
        what: &'static str,
    ) -> Result<&mut Table, EditError> {
        let (name, parents) = keys.split_last().unwrap_or((&"", &[]));
        let file = self.file();
        let anchor = last_position_under(self.document.as_table(), parents)
            .or_else(|| max_position(self.document.as_table()));
        let parent = self.parent_table(parents)?;
        if parent.contains_key(name) {
            return Err(EditError::Exists {
                what,
                name: (*name).to_owned(),
                file,
            });
        }
        let position = anchor.map_or(0, |position| position + 1);
        shift_positions(self.document.as_table_mut(), position);
        let mut table = Table::new();
        table.set_position(Some(position));
        table.decor_mut().set_prefix("\n");
        let parent = self.parent_table(parents)?;
        parent.insert(name, Item::Table(table));
        match parent.get_mut(name) {
            Some(Item::Table(table)) => Ok(table),
            _ => Err(EditError::NotATable {
                key: keys.join("."),
                file,
            }),
        }
    }

    /// Removes the table (and everything under it) at `keys`.
    pub fn remove_table(&mut self, keys: &[&str], what: &'static str) -> Result<(), EditError> {
        let (name, parents) = keys.split_last().unwrap_or((&"", &[]));
        let file = self.file();
        let missing = || EditError::Missing {
            what,
            name: (*name).to_owned(),
            file: file.clone(),
        };
        let mut table = self.document.as_table_mut();
        for key in parents {
            table = match table.get_mut(key) {
                Some(Item::Table(child)) => child,
                _ => return Err(missing()),
            };
        }
        table.remove(name).map(|_| ()).ok_or_else(missing)
    }

    /// The table at `keys`, created as an implicit table (no header of its own) when
    /// missing.
    fn parent_table(&mut self, keys: &[&str]) -> Result<&mut Table, EditError> {
        let file = self.file();
        let mut table = self.document.as_table_mut();
        for (depth, key) in keys.iter().enumerate() {
            let entry = table.entry(key).or_insert_with(|| {
                let mut implicit = Table::new();
                implicit.set_implicit(true);
                Item::Table(implicit)
            });
            table = match entry {
                Item::Table(child) => child,
                _ => {
                    return Err(EditError::NotATable {
                        key: keys[..=depth].join("."),
                        file,
                    });
                }
            };
        }
        Ok(table)
    }

    /// Whether the table at `keys` exists.
    pub fn has_table(&self, keys: &[&str]) -> bool {
        let mut item = self.document.as_item();
        for key in keys {
            match item.get(key) {
                Some(child) => item = child,
                None => return false,
            }
        }
        item.is_table_like()
    }

    /// Validates the edited document without writing it: for a command that has more to
    /// do (in AWS) between checking the edit and writing it.
    pub fn check(&self) -> anyhow::Result<super::Workspace> {
        super::parse(&self.path, &self.document.to_string()).map_err(|error: WorkspaceError| {
            anyhow::Error::from(error)
                .context("the change was not written: it would leave the workspace invalid")
        })
    }

    /// Validates the edited document and writes it; writes nothing when it is invalid.
    pub fn commit(self) -> anyhow::Result<super::Workspace> {
        let text = self.document.to_string();
        let workspace = super::parse(&self.path, &text).map_err(|error: WorkspaceError| {
            anyhow::Error::from(error)
                .context("the change was not written: it would leave the workspace invalid")
        })?;
        write_atomically(&self.path, &text)?;
        Ok(workspace)
    }
}

/// Sets `key = value` in `table`, keeping `table`'s formatting.
pub fn set(table: &mut Table, key: &str, value: impl Into<Value>) {
    table.insert(key, Item::Value(value.into()));
}

/// Writes through a temporary file in the same folder, so a crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("sleak.toml");
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, text)
        .with_context(|| format!("could not write `{}`", temporary.display()))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        // Keep the user's permissions on the file.
        let _ = std::fs::set_permissions(&temporary, metadata.permissions());
    }
    std::fs::rename(&temporary, path)
        .with_context(|| format!("could not replace `{}`", path.display()))
}

/// The greatest position of any table under `keys` (the table itself included).
fn last_position_under(root: &Table, keys: &[&str]) -> Option<isize> {
    let mut table = root;
    for key in keys {
        table = match table.get(key) {
            Some(Item::Table(child)) => child,
            _ => return None,
        };
    }
    if keys.is_empty() {
        return None;
    }
    max_position(table)
}

fn max_position(table: &Table) -> Option<isize> {
    let mut best = table.position();
    for (_, item) in table.iter() {
        let child = match item {
            Item::Table(child) => max_position(child),
            Item::ArrayOfTables(array) => array.iter().filter_map(max_position).max(),
            _ => None,
        };
        best = best.max(child);
    }
    best
}

/// Moves every table at or after `from` one place down, to make room at `from`.
fn shift_positions(table: &mut Table, from: isize) {
    if let Some(position) = table.position()
        && position >= from
    {
        table.set_position(Some(position + 1));
    }
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(child) => shift_positions(child, from),
            Item::ArrayOfTables(array) => array
                .iter_mut()
                .for_each(|child| shift_positions(child, from)),
            _ => {}
        }
    }
}

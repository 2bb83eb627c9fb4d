//! Finds the byte range of a key path in a parsed TOML document.

use std::ops::Range;

use toml_edit::{Item, Key, Value};

use super::diagnostic::{Anchor, KeyPath, Segment};

/// A node of the parsed document, whatever TOML syntax wrote it.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
    /// An element of an array of tables.
    Table(&'a toml_edit::Table),
}

impl<'a> Node<'a> {
    /// The entry under `key`, if this node is a table of any syntax.
    pub fn get(self, key: &str) -> Option<(&'a Key, Node<'a>)> {
        match self {
            Node::Item(Item::Table(table)) | Node::Table(table) => table
                .get_key_value(key)
                .map(|(key, item)| (key, Node::Item(item))),
            Node::Item(Item::Value(value)) | Node::Value(value) => match value {
                Value::InlineTable(table) => table
                    .get_key_value(key)
                    .map(|(key, item)| (key, Node::Item(item))),
                _ => None,
            },
            _ => None,
        }
    }

    /// The element at `index`, if this node is an array of any syntax.
    pub fn at(self, index: usize) -> Option<Node<'a>> {
        match self {
            Node::Item(Item::ArrayOfTables(tables)) => tables.get(index).map(Node::Table),
            Node::Item(Item::Value(Value::Array(array))) | Node::Value(Value::Array(array)) => {
                array.get(index).map(Node::Value)
            }
            _ => None,
        }
    }

    pub fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(item) => item.span(),
            Node::Value(value) => value.span(),
            Node::Table(table) => table.span(),
        }
    }

    pub fn as_value(self) -> Option<&'a Value> {
        match self {
            Node::Item(Item::Value(value)) | Node::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Entries of a table of any syntax, in file order.
    pub fn entries(self) -> Vec<(&'a Key, Node<'a>)> {
        match self {
            Node::Item(Item::Table(table)) | Node::Table(table) => table
                .iter()
                .filter_map(|(name, _)| table.get_key_value(name))
                .map(|(key, item)| (key, Node::Item(item)))
                .collect(),
            Node::Item(Item::Value(Value::InlineTable(table)))
            | Node::Value(Value::InlineTable(table)) => table
                .iter()
                .filter_map(|(name, _)| table.get_key_value(name))
                .map(|(key, item)| (key, Node::Item(item)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Elements of an array of any syntax.
    pub fn elements(self) -> Vec<Node<'a>> {
        match self {
            Node::Item(Item::ArrayOfTables(tables)) => tables.iter().map(Node::Table).collect(),
            Node::Item(Item::Value(Value::Array(array))) | Node::Value(Value::Array(array)) => {
                array.iter().map(Node::Value).collect()
            }
            _ => Vec::new(),
        }
    }

    /// A short name of the TOML type, for messages.
    pub fn type_name(self) -> &'static str {
        match self {
            Node::Item(Item::None) => "nothing",
            Node::Item(Item::Table(_)) | Node::Table(_) => "a table",
            Node::Item(Item::ArrayOfTables(_)) => "an array of tables",
            Node::Item(Item::Value(value)) | Node::Value(value) => match value {
                Value::String(_) => "a string",
                Value::Integer(_) => "an integer",
                Value::Float(_) => "a float",
                Value::Boolean(_) => "a boolean",
                Value::Datetime(_) => "a date-time",
                Value::Array(_) => "an array",
                Value::InlineTable(_) => "a table",
            },
        }
    }

    pub fn is_table(self) -> bool {
        matches!(
            self,
            Node::Item(Item::Table(_))
                | Node::Table(_)
                | Node::Item(Item::Value(Value::InlineTable(_)))
                | Node::Value(Value::InlineTable(_))
        )
    }

    pub fn is_array(self) -> bool {
        matches!(
            self,
            Node::Item(Item::ArrayOfTables(_))
                | Node::Item(Item::Value(Value::Array(_)))
                | Node::Value(Value::Array(_))
        )
    }
}

/// The byte range of `path` in the document rooted at `root`: the value (or the key, for
/// `Anchor::Key`) when the path exists, else the deepest part of it that does.
pub fn locate(root: &Item, path: &KeyPath, anchor: Anchor) -> Option<Range<usize>> {
    let mut node = Node::Item(root);
    let mut best = root.span();
    for (position, segment) in path.0.iter().enumerate() {
        let last = position + 1 == path.0.len();
        match segment {
            Segment::Key(key) => {
                let Some((found_key, child)) = node.get(key) else {
                    return best;
                };
                let key_span = found_key.span();
                let value_span = child.span().or_else(|| key_span.clone());
                best = if last && anchor == Anchor::Key {
                    key_span.or(value_span)
                } else {
                    value_span.or(best)
                };
                node = child;
            }
            Segment::Index(index) => {
                let Some(child) = node.at(*index) else {
                    return best;
                };
                best = child.span().or(best);
                node = child;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(source: &str, path: &KeyPath, anchor: Anchor) -> String {
        let document = toml_edit::Document::parse(source).expect("test TOML parses");
        let span = locate(document.as_item(), path, anchor).expect("a span");
        source[span].to_owned()
    }

    #[test]
    fn locates_values_in_standard_and_inline_tables() {
        let source = "[a.b]\nc = 1\nd = { e = \"x\" }\n";
        assert_eq!(
            text_at(source, &KeyPath::of(&["a", "b", "c"]), Anchor::Value),
            "1"
        );
        assert_eq!(
            text_at(source, &KeyPath::of(&["a", "b", "d", "e"]), Anchor::Value),
            "\"x\""
        );
        assert_eq!(
            text_at(source, &KeyPath::of(&["a", "b", "c"]), Anchor::Key),
            "c"
        );
    }

    #[test]
    fn falls_back_to_the_deepest_existing_part() {
        let source = "[a]\nb = 1\n";
        let span_text = text_at(source, &KeyPath::of(&["a", "missing"]), Anchor::Value);
        assert!(
            span_text.starts_with("[a]") || span_text == "a",
            "{span_text}"
        );
    }

    #[test]
    fn locates_array_elements() {
        let source = "x = [1, 22, 333]\n[[t]]\nk = \"v\"\n";
        assert_eq!(
            text_at(source, &KeyPath::of(&["x"]).index(1), Anchor::Value),
            "22"
        );
        assert_eq!(
            text_at(
                source,
                &KeyPath::of(&["t"]).index(0).key("k"),
                Anchor::Value
            ),
            "\"v\""
        );
    }
}

//! `graph.dot`: Graphviz DOT, written by hand because petgraph's `Dot` writes attribute
//! strings raw and uses node indices as ids.
//!
//! - Node ids are the quoted entity ids; the legend's id contains `:`, which slugs never do.
//! - Every quoted string is escaped (`\` and `"` with a backslash, line breaks as `\n`,
//!   tabs as spaces, other control characters and non-characters as U+FFFD), so the file
//!   always parses and Graphviz prints no warning.
//! - No physical line is longer than [`MAX_LINE`] bytes: labels and tooltips, which are
//!   display only, are truncated with an ellipsis, and a string still too long for a line
//!   (a very long id) is continued on the next line with DOT's backslash-newline.
//! - The drawing is made to be read at the width of a page: names wrapped onto short lines
//!   (the ranks of `rankdir=LR` stay narrow), shapes of the box family, no text on edges
//!   (colour tells the relation, thickness the number of sentences, the tooltip the rest).
//!   A phone call has no direction, so `called` is drawn without arrowheads.
//! - The legend is one node with an HTML-like table, so every layout engine (`dot`, `sfdp`,
//!   `neato`) keeps it whole. Entities without edges are gathered in a cluster of their own,
//!   laid out as a grid.
//! - Past [`LARGE_GRAPH`] entities a comment at the top says that Graphviz is the wrong
//!   tool for the file's size and names the ones that fit.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{start_document, HexColor};
use crate::edge::RelationKind;
use crate::entity::{Entity, EntityType};
use crate::graph::{EdgeView, KnowledgeGraph, SentenceTexts};

/// The longest physical line written, in bytes: some DOT tools read lines into fixed
/// 16 KiB buffers.
pub(super) const MAX_LINE: usize = 16_384;
/// Where quoted strings are wrapped, leaving room for what follows the string on its line.
const WRAP_AT: usize = MAX_LINE - 256;
/// Display limits, in characters.
const MAX_LABEL: usize = 120;
const MAX_TOOLTIP: usize = 1_000;
/// Names are broken at spaces into lines of about this many characters.
const LABEL_LINE: usize = 16;
/// Past this many entities, Graphviz takes long to lay the graph out and draws a hairball.
pub(super) const LARGE_GRAPH: usize = 300;
/// The legend's node id: slugs never contain `:`.
const LEGEND_ID: &str = "legend:";

/// Builds a [`WriterDotSerializer`].
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct DotSerializer;

impl DotSerializer {
    pub fn new() -> Self {
        DotSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterDotSerializer<W> {
        WriterDotSerializer {
            out: DotOut {
                writer,
                column: 0,
                buf: String::new(),
            },
            written: false,
        }
    }
}

/// Writes one graph as DOT to a [`Write`].
#[must_use]
pub struct WriterDotSerializer<W: Write> {
    out: DotOut<W>,
    written: bool,
}

impl<W: Write> WriterDotSerializer<W> {
    /// Writes the whole `digraph`. A DOT file holds one graph here: a second call is an error.
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        start_document(&mut self.written)?;
        let out = &mut self.out;
        out.raw("digraph newsgraph {\n")?;
        if graph.node_count() > LARGE_GRAPH {
            out.raw(&format!(
                "  // {} entities: past a few hundred, Graphviz is slow and draws a hairball. \
                 Open graph.html (the explorer) or graph.gexf (Gephi) instead.\n",
                graph.node_count()
            ))?;
        }
        out.raw(
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, ranksep=0.3, \
             nodesep=0.08, pad=0.05];\n",
        )?;
        out.raw(
            "  node [style=filled, fontname=\"Helvetica\", fontsize=14, \
             margin=\"0.05,0.02\", height=0.2, width=0.3];\n",
        )?;
        out.raw("  edge [arrowsize=0.6];\n")?;
        let mut types = [false; EntityType::ALL.len()];
        for entity in graph.entities() {
            types[entity.entity_type as usize] = true;
            out.node(entity)?;
        }
        let mut relations = BTreeSet::new();
        let mut linked = HashSet::new();
        graph.for_each_edge(SentenceTexts::First(1), |edge| {
            relations.insert(edge.relation.kind.clone());
            linked.extend([edge.source.id.as_str(), edge.target.id.as_str()]);
            out.edge(edge)
        })?;
        let unlinked: Vec<&str> = graph
            .entities()
            .map(|e| e.id.as_str())
            .filter(|id| !linked.contains(id))
            .collect();
        out.unlinked(&unlinked)?;
        out.legend(&types, &relations)?;
        out.raw("}\n")
    }

    /// Ends the document (writing an empty graph if none was) and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.written {
            self.serialize_graph(&KnowledgeGraph::new())?;
        }
        Ok(self.out.writer)
    }
}

/// Graphviz shape and style of each entity type: shapes of the box family, which grow
/// least around a label (an ellipse or a diamond around a long name is twice as wide).
fn shape(t: EntityType) -> (&'static str, &'static str) {
    match t {
        EntityType::State => ("box", "filled"),
        EntityType::Official => ("box", "rounded,filled"),
        EntityType::Group => ("box3d", "filled"),
        EntityType::Operation => ("box", "filled,diagonals"),
        EntityType::Organization => ("component", "filled"),
        EntityType::Place => ("tab", "filled"),
        EntityType::Person => ("note", "filled"),
    }
}

/// `label` broken at spaces into lines of about [`LABEL_LINE`] characters; a longer word
/// keeps a line of its own.
fn wrap_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut line = 0;
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > LABEL_LINE {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

/// Black or white, whichever reads better on `fill`.
fn text_color((r, g, b): (u8, u8, u8)) -> &'static str {
    let luma = 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b);
    if luma < 140_000 {
        "white"
    } else {
        "black"
    }
}

/// The writer, the column it is at (to keep lines short) and a buffer for escaped strings.
struct DotOut<W> {
    writer: W,
    column: usize,
    buf: String,
}

impl<W: Write> DotOut<W> {
    fn node(&mut self, entity: &Entity) -> io::Result<()> {
        let mut tooltip = format!("{} · mentions: {}", entity.entity_type, entity.mentions);
        if let Some(qid) = &entity.wikidata {
            let _ = write!(tooltip, " · {qid}");
        }
        tooltip.push_str(" · aliases: ");
        for (i, alias) in entity.aliases.iter().enumerate() {
            if i > 0 {
                tooltip.push_str(" | ");
            }
            tooltip.push_str(alias);
            if tooltip.len() > 4 * MAX_TOOLTIP {
                break; // truncated when written anyway
            }
        }
        self.raw("  ")?;
        self.quoted(&entity.id, None)?;
        self.raw(" [label=")?;
        self.quoted(&wrap_label(&entity.label), Some(MAX_LABEL))?;
        self.type_style(entity.entity_type)?;
        self.raw(", tooltip=")?;
        self.quoted(&tooltip, Some(MAX_TOOLTIP))?;
        self.raw("];\n")
    }

    fn edge(&mut self, edge: &EdgeView<'_>) -> io::Result<()> {
        let relation = &*edge.relation;
        let weight = relation.weight();
        let mut tooltip = match weight {
            1 => relation.kind.as_str().to_owned(),
            n => format!("{} ({n} sentences)", relation.kind),
        };
        if let Some(first) = relation.evidence.first() {
            tooltip.push_str(": ");
            tooltip.push_str(&first.text);
        }
        self.raw("  ")?;
        self.quoted(&edge.source.id, None)?;
        self.raw(" -> ")?;
        self.quoted(&edge.target.id, None)?;
        self.raw(" [")?;
        self.relation_style(&relation.kind)?;
        self.raw(&format!(", penwidth={}, tooltip=", weight.min(5)))?;
        self.quoted(&tooltip, Some(MAX_TOOLTIP))?;
        self.raw("];\n")
    }

    /// Gathers the entities without edges in a cluster, as a grid: Graphviz would otherwise
    /// stack them all in one column (with `rankdir=LR`), dwarfing the connected graph.
    fn unlinked(&mut self, ids: &[&str]) -> io::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        self.raw("  subgraph cluster_unlinked {\n")?;
        self.raw("    label=\"Mentioned, without relations\";\n    style=dotted;\n")?;
        for id in ids {
            self.raw("    ")?;
            self.quoted(id, None)?;
            self.raw(";\n")?;
        }
        self.grid(ids)?;
        self.raw("  }\n")
    }

    /// One node whose HTML-like label is a table: a swatch per entity type present, a line
    /// per relation present. A single node stays whole in every layout engine.
    fn legend(&mut self, types: &[bool], relations: &BTreeSet<RelationKind>) -> io::Result<()> {
        let types: Vec<EntityType> = EntityType::ALL
            .into_iter()
            .filter(|&t| types[t as usize])
            .collect();
        if types.is_empty() {
            return Ok(());
        }
        let relations: Vec<&RelationKind> = relations.iter().collect();
        let mut table = String::from(
            "<<table border=\"1\" cellborder=\"0\" cellspacing=\"3\" cellpadding=\"2\">\n    \
             <tr><td colspan=\"2\"><b>Legend</b></td></tr>\n",
        );
        for row in 0..types.len().max(relations.len()) {
            table.push_str("    <tr>");
            match types.get(row) {
                Some(&t) => {
                    let fill = t.color();
                    let _ = write!(
                        table,
                        "<td bgcolor=\"{}\"><font color=\"{}\">{t}</font></td>",
                        HexColor::new(fill).as_str(),
                        text_color(fill)
                    );
                }
                None => table.push_str("<td></td>"),
            }
            match relations.get(row) {
                Some(r) => {
                    let head = if r.is_symmetric() { "━" } else { "▶" };
                    let _ = write!(
                        table,
                        "<td align=\"left\"><font color=\"{}\">━━━{head} {r}</font></td>",
                        HexColor::new(r.color()).as_str()
                    );
                }
                None => table.push_str("<td></td>"),
            }
            table.push_str("</tr>\n");
        }
        table.push_str("    </table>>");
        self.raw(&format!(
            "  \"{LEGEND_ID}\" [shape=plain, style=solid, label={table}];\n"
        ))
    }

    /// Invisible edges that chain `ids` in rows of about √n nodes, so Graphviz lays them out
    /// as a grid.
    fn grid(&mut self, ids: &[&str]) -> io::Result<()> {
        let root = ids.len().isqrt();
        let per_row = if root * root < ids.len() {
            root + 1
        } else {
            root
        };
        for row in ids.chunks(per_row.max(1)).filter(|row| row.len() > 1) {
            self.raw("    ")?;
            for (i, id) in row.iter().enumerate() {
                if i > 0 {
                    self.raw(" -> ")?;
                }
                self.quoted(id, None)?;
            }
            self.raw(" [style=invis];\n")?;
        }
        Ok(())
    }

    fn type_style(&mut self, t: EntityType) -> io::Result<()> {
        let fill = t.color();
        let (shape, style) = shape(t);
        let style = format!(
            ", shape={shape}, style=\"{style}\", fillcolor=\"{}\", fontcolor={}",
            HexColor::new(fill).as_str(),
            text_color(fill)
        );
        self.raw(&style)
    }

    /// Colour, and for a symmetric relation no arrowheads: the stored direction of a phone
    /// call says nothing about who placed it.
    fn relation_style(&mut self, r: &RelationKind) -> io::Result<()> {
        let color = HexColor::new(r.color());
        let dir = if r.is_symmetric() { ", dir=none" } else { "" };
        self.raw(&format!("color=\"{}\"{dir}", color.as_str()))
    }

    /// Writes DOT syntax of our own (no string content), keeping track of the column.
    fn raw(&mut self, s: &str) -> io::Result<()> {
        self.column = match s.rfind('\n') {
            Some(i) => s.len() - i - 1,
            None => self.column + s.len(),
        };
        self.writer.write_all(s.as_bytes())
    }

    /// Writes `s` as a quoted DOT string, escaped, truncated to `max_chars` characters
    /// (the last one an ellipsis) and wrapped with backslash-newline before a line would
    /// outgrow [`WRAP_AT`].
    fn quoted(&mut self, s: &str, max_chars: Option<usize>) -> io::Result<()> {
        let (body, truncated) =
            match max_chars.and_then(|max| s.char_indices().nth(max).map(|_| max)) {
                Some(max) => (
                    &s[..s.char_indices().nth(max - 1).map_or(0, |(i, _)| i)],
                    true,
                ),
                None => (s, false),
            };
        self.buf.clear();
        self.buf.push('"');
        let mut line = WrappedLine {
            buf: &mut self.buf,
            column: self.column + 1,
        };
        let mut rest = body;
        let mut unit = [0u8; 4];
        loop {
            // Printable ASCII but the quote and the backslash stands as it is: it goes in
            // whole, a line's room at a time.
            let plain = rest
                .bytes()
                .position(|b| !(b == b' ' || b.is_ascii_graphic()) || b == b'"' || b == b'\\')
                .unwrap_or(rest.len());
            let (mut run, tail) = rest.split_at(plain);
            while !run.is_empty() {
                let room = match WRAP_AT.checked_sub(line.column) {
                    Some(room) if room > 0 => room,
                    _ => WRAP_AT,
                };
                let (piece, more) = run.split_at(room.min(run.len()));
                line.push(piece);
                run = more;
            }
            let mut chars = tail.chars();
            let Some(c) = chars.next() else { break };
            rest = chars.as_str();
            line.push(match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' if rest.starts_with('\n') => continue,
                '\r' => "\\n",
                '\t' => " ",
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    char::REPLACEMENT_CHARACTER.encode_utf8(&mut unit)
                }
                c => c.encode_utf8(&mut unit),
            });
        }
        if truncated {
            line.push("…");
        }
        self.column = line.column + 1;
        self.buf.push('"');
        self.writer.write_all(self.buf.as_bytes())
    }
}

/// A quoted DOT string being written: a piece that would outgrow [`WRAP_AT`] goes on a new
/// line, after a backslash-newline.
struct WrappedLine<'b> {
    buf: &'b mut String,
    column: usize,
}

impl WrappedLine<'_> {
    fn push(&mut self, piece: &str) {
        if self.column + piece.len() > WRAP_AT {
            self.buf.push_str("\\\n");
            self.column = 0;
        }
        self.buf.push_str(piece);
        self.column += piece.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;

    #[test]
    fn quoted_strings_wrap_where_a_line_is_full() {
        let mut out = DotOut {
            writer: Vec::new(),
            column: 10,
            buf: String::new(),
        };
        let s = format!("{}\"\r\n{}é\t", "a".repeat(WRAP_AT), "b".repeat(WRAP_AT));
        out.quoted(&s, None).unwrap();
        let written = String::from_utf8(out.writer).unwrap();
        let lines: Vec<&str> = written.split("\\\n").collect();
        // The opening quote and the 10 columns before it leave WRAP_AT - 11 a's on the first
        // line; the escapes count their two bytes.
        assert_eq!(lines[0], format!("\"{}", "a".repeat(WRAP_AT - 11)));
        assert_eq!(
            lines[1],
            format!("{}\\\"\\n{}", "a".repeat(11), "b".repeat(WRAP_AT - 15))
        );
        assert_eq!(lines[2], "bbbbbbbbbbbbbbbé \"");
        assert_eq!(out.column, lines[2].len());
    }

    #[test]
    fn labels_wrap_at_spaces_into_short_lines() {
        assert_eq!(wrap_label("Iran"), "Iran");
        assert_eq!(
            wrap_label("Karim Abdel-Rahmani of the Vakari Republic"),
            "Karim\nAbdel-Rahmani of\nthe Vakari\nRepublic"
        );
        assert_eq!(
            wrap_label("Supercalifragilisticexpialidocious  x"),
            "Supercalifragilisticexpialidocious\nx"
        );
        assert_eq!(wrap_label(""), "");
    }

    #[test]
    fn a_large_graph_says_which_tools_fit_it() {
        let dot = |n: usize| {
            let mut g = crate::graph::GraphBuilder::new();
            for i in 0..n {
                g.add_entity(Entity::new(format!("Place {i}"), EntityType::Place));
            }
            let mut w = DotSerializer::new().for_writer(Vec::new());
            w.serialize_graph(&g.finish()).unwrap();
            String::from_utf8(w.finish().unwrap()).unwrap()
        };
        assert!(!dot(LARGE_GRAPH).contains("//"));
        let large = dot(LARGE_GRAPH + 1);
        let comment = large.lines().nth(1).unwrap();
        let count = format!("  // {} entities", LARGE_GRAPH + 1);
        assert!(comment.starts_with(&count), "{comment}");
        assert!(comment.contains("graph.html") && comment.contains("graph.gexf"));
    }
}

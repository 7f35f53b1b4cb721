//! `graph.dot`: Graphviz DOT, written by hand because petgraph's `Dot` writes attribute
//! strings raw and uses node indices as ids.
//!
//! - Node ids are the quoted entity ids; legend ids contain `:`, which slugs never do.
//! - Every quoted string is escaped (`\` and `"` with a backslash, line breaks as `\n`,
//!   tabs as spaces, other control characters and non-characters as U+FFFD), so the file
//!   always parses and Graphviz prints no warning.
//! - No physical line is longer than [`MAX_LINE`] bytes: labels and tooltips, which are
//!   display only, are truncated with an ellipsis, and a string still too long for a line
//!   (a very long id) is continued on the next line with DOT's backslash-newline.
//! - Shape and fill colour by entity type, colour by relation, and a legend cluster of the
//!   types and relations present. Entities without edges are gathered in a cluster of
//!   their own, laid out as a grid.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{start_document, GraphWriter, HexColor};
use crate::entity::{Entity, EntityType};
use crate::graph::{EdgeView, KnowledgeGraph};
use crate::relation::RelationKind;

/// The longest physical line written, in bytes: some DOT tools read lines into fixed
/// 16 KiB buffers.
pub(super) const MAX_LINE: usize = 16_384;
/// Where quoted strings are wrapped, leaving room for what follows the string on its line.
const WRAP_AT: usize = MAX_LINE - 256;
/// Display limits, in characters.
const MAX_LABEL: usize = 120;
const MAX_TOOLTIP: usize = 1_000;

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
        out.raw("  graph [rankdir=LR, fontsize=10];\n")?;
        out.raw("  node [style=filled, fontsize=10];\n")?;
        out.raw("  edge [fontsize=9];\n")?;
        let mut types = [false; EntityType::ALL.len()];
        for entity in graph.entities() {
            types[entity.entity_type as usize] = true;
            out.node(entity)?;
        }
        let mut relations = [false; RelationKind::ALL.len()];
        let mut linked = HashSet::new();
        for edge in graph.edges() {
            relations[edge.relation.kind as usize] = true;
            linked.extend([edge.source.id.as_str(), edge.target.id.as_str()]);
            out.edge(&edge)?;
        }
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

impl<W: Write> GraphWriter<W> for WriterDotSerializer<W> {
    fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        WriterDotSerializer::serialize_graph(self, graph)
    }

    fn finish(self) -> io::Result<W> {
        WriterDotSerializer::finish(self)
    }
}

/// Graphviz shape of each entity type (all built-in polygon shapes).
fn shape(t: EntityType) -> &'static str {
    match t {
        EntityType::State => "box",
        EntityType::Official => "ellipse",
        EntityType::Group => "octagon",
        EntityType::Operation => "diamond",
        EntityType::Organization => "component",
        EntityType::Place => "house",
        EntityType::Person => "note",
    }
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
        self.quoted(&entity.label, Some(MAX_LABEL))?;
        self.type_style(entity.entity_type)?;
        self.raw(", tooltip=")?;
        self.quoted(&tooltip, Some(MAX_TOOLTIP))?;
        self.raw("];\n")
    }

    fn edge(&mut self, edge: &EdgeView<'_>) -> io::Result<()> {
        let relation = edge.relation;
        let weight = relation.weight();
        let label = match weight {
            1 => relation.kind.as_str().to_owned(),
            n => format!("{} ({n})", relation.kind),
        };
        self.raw("  ")?;
        self.quoted(&edge.source.id, None)?;
        self.raw(" -> ")?;
        self.quoted(&edge.target.id, None)?;
        self.raw(" [label=")?;
        self.quoted(&label, None)?;
        self.relation_style(relation.kind)?;
        self.raw(&format!(", penwidth={}", weight.min(5)))?;
        if let Some(first) = relation.evidence.first() {
            self.raw(", tooltip=")?;
            self.quoted(&first.text, Some(MAX_TOOLTIP))?;
        }
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

    /// A cluster with one sample node per entity type and one sample edge per relation
    /// present in the graph.
    fn legend(&mut self, types: &[bool], relations: &[bool]) -> io::Result<()> {
        if !types.contains(&true) {
            return Ok(());
        }
        self.raw("  subgraph cluster_legend {\n")?;
        self.raw("    label=\"Legend\";\n    style=dashed;\n")?;
        let present: Vec<EntityType> = EntityType::ALL
            .into_iter()
            .filter(|&t| types[t as usize])
            .collect();
        for &t in &present {
            self.raw(&format!("    \"legend:type:{t}\" [label=\"{t}\""))?;
            self.type_style(t)?;
            self.raw("];\n")?;
        }
        let ids: Vec<String> = present.iter().map(|t| format!("legend:type:{t}")).collect();
        self.grid(&ids.iter().map(String::as_str).collect::<Vec<_>>())?;
        for r in RelationKind::ALL
            .into_iter()
            .filter(|&r| relations[r as usize])
        {
            self.raw(&format!(
                "    \"legend:relation:{r}:from\" [label=\"\", shape=point, width=0.08];\n    \
                 \"legend:relation:{r}:to\" [label=\"\", shape=point, width=0.08];\n    \
                 \"legend:relation:{r}:from\" -> \"legend:relation:{r}:to\" [label=\"{r}\""
            ))?;
            self.relation_style(r)?;
            self.raw("];\n")?;
        }
        self.raw("  }\n")
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
        let style = format!(
            ", shape={}, fillcolor=\"{}\", fontcolor={}",
            shape(t),
            HexColor::new(fill).as_str(),
            text_color(fill)
        );
        self.raw(&style)
    }

    fn relation_style(&mut self, r: RelationKind) -> io::Result<()> {
        let color = HexColor::new(r.color());
        self.raw(&format!(
            ", color=\"{0}\", fontcolor=\"{0}\"",
            color.as_str()
        ))
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
        let mut column = self.column + 1;
        let mut chars = body.chars().chain(truncated.then_some('…')).peekable();
        let mut unit = [0u8; 4];
        while let Some(c) = chars.next() {
            let escaped: &str = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' if chars.peek() == Some(&'\n') => continue,
                '\r' => "\\n",
                '\t' => " ",
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    char::REPLACEMENT_CHARACTER.encode_utf8(&mut unit)
                }
                c => c.encode_utf8(&mut unit),
            };
            if column + escaped.len() > WRAP_AT {
                self.buf.push_str("\\\n");
                column = 0;
            }
            self.buf.push_str(escaped);
            column += escaped.len();
        }
        self.buf.push('"');
        self.column = column + 1;
        self.writer.write_all(self.buf.as_bytes())
    }
}

//! newsgraph: news articles about a geopolitical crisis in, a knowledge graph of states,
//! officials, armed groups and operations out, exported as RDF, GraphML, GEXF, DOT and JSON.
//!
//! The pipeline, one module per stage, each stage's output a type of its own:
//! `ingest` → `segment` → `clauses` → `mentions` → `resolve` → `relations` → `graph` →
//! `export`. A library user needs the ends: a [`Schema`], a [`Pipeline`] over it, the
//! [`KnowledgeGraph`] it builds and the serializers of [`export`]. The stages one by one are in
//! [`stages`].
//!
//! ```
//! use newsgraph::export::{write_graph, Format};
//! use newsgraph::{Pipeline, Schema};
//!
//! let schema = Schema::builtin()?;
//! let graph = Pipeline::new(&schema).build(&[(
//!     "a".to_string(),
//!     "Peru struck Chile on Monday. Brazil condemned the attack.".to_string(),
//! )]);
//! let relations: Vec<String> = graph
//!     .edges()
//!     .map(|e| format!("{} {} {}", e.source.label, e.relation.kind, e.target.label))
//!     .collect();
//! assert_eq!(relations, ["Brazil condemned Peru", "Peru struck Chile"]);
//! let turtle = write_graph(&graph, Format::Turtle, Vec::new())?;
//! assert!(String::from_utf8(turtle)?.contains("ng:struck"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clauses;
mod cue;
mod dates;
mod edge;
mod entity;
mod error;
pub mod eval;
pub mod export;
mod frames;
mod gazetteer;
mod graph;
mod ingest;
mod mentions;
mod output;
mod phrases;
mod pipeline;
mod relations;
mod resolve;
mod schema;
mod segment;
pub mod shard;
mod spelling;
mod spill;

pub use edge::{
    Evidence, Modality, Relation, RelationClass, RelationDef, RelationFlags, RelationKind,
};
pub use entity::{Entity, EntityType};
pub use error::{Error, Result};
pub use graph::{DocumentMeta, EdgeView, GraphBuilder, KnowledgeGraph};
pub use ingest::{
    inputs, list_sources, Article, Input, InputKind, Inputs, PassOver, Source, Warning,
};
pub use output::{write_exports, write_exports_reporting};
pub use pipeline::{Extraction, Merger, Pipeline};
pub use schema::{
    export_builtin_schema, NamedEntry, Office, Schema, SchemaSource, StateEntry, BUILTIN_FILES,
};
pub use spill::SupportingSentence;

/// The stages of the pipeline one by one, for a caller that runs or measures them apart (the
/// benchmarks do): each stage's function and the type it hands the next, with what those hold.
///
/// ```
/// use newsgraph::stages::{extract, resolve, Document, Recognizer};
/// use newsgraph::Schema;
///
/// let schema = Schema::builtin()?;
/// let document = Document::new("a", "Chilean Foreign Minister Ana Lopez condemned Peru.", &schema);
/// let analyzed = Recognizer::new(&schema).analyze(document); // segment, clauses, mentions
/// let resolved = resolve(analyzed, &schema);
/// let relations = extract(&resolved, &schema);
/// let names: Vec<(&str, &str, &str)> = relations
///     .iter()
///     .map(|r| {
///         let label = |e: usize| resolved.entities[e].label.as_str();
///         (label(r.subject), r.kind.as_str(), label(r.object))
///     })
///     .collect();
/// assert!(names.contains(&("Ana Lopez", "condemned", "Peru")));
/// assert!(names.contains(&("Ana Lopez", "official_of", "Chile")));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub mod stages {
    pub use crate::clauses::{analyze as analyze_clauses, Clause, ClauseKind, Clauses, Stance};
    pub use crate::cue::Cue;
    pub use crate::dates::{resolve_date, Calendar, DateMention, DateValue, DateWords};
    pub use crate::frames::{Anchor, Frame, Slot};
    pub use crate::ingest::{Document, OffsetMap};
    pub use crate::mentions::{
        AnalyzedDocument, AnalyzedSentence, Mention, MentionForm, OfficeMention, Recognizer,
    };
    pub use crate::phrases::{Lexed, Lexeme, PhraseSet, Words};
    pub use crate::relations::{extract, LocalRelation};
    pub use crate::resolve::{
        resolve, Affiliation, Certainty, LocalEntity, Resolved, ResolvedDocument,
    };
    pub use crate::segment::{segment, tokenize, Sentence, Token, TokenKind};
    pub use crate::spelling::Spelling;
}

//! The bytes of triples and quads in N-Triples, N-Quads and Turtle, appended to a buffer.
//!
//! The files are byte for byte those oxttl 0.2's serializers write (the tests below compare
//! them): the same terms, escapes, prefixed names and layout of Turtle statements. oxttl
//! formats every term through `fmt`, a literal one character at a time, and in Turtle it
//! tries each prefix on each IRI with a local name allocated anew and copies the subject and
//! predicate of every statement it opens; at 100 MB the two files took a fifth of the run's
//! CPU time that way. Here terms are appended as bytes, and a run of characters that needs
//! no escape in one copy.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef};

/// Appends `triple` as an N-Triples line, or with a named `graph` as an N-Quads line (the
/// default graph is not named).
pub(super) fn push_line(out: &mut Vec<u8>, triple: TripleRef<'_>, graph: GraphNameRef<'_>) {
    push_node(out, triple.subject);
    out.push(b' ');
    push_iri(out, triple.predicate);
    out.push(b' ');
    match triple.object {
        TermRef::NamedNode(iri) => push_iri(out, iri),
        TermRef::BlankNode(node) => push_blank(out, node.as_str()),
        TermRef::Literal(literal) => {
            push_plain_or(out, literal, push_iri);
        }
    }
    match graph {
        GraphNameRef::NamedNode(iri) => {
            out.push(b' ');
            push_iri(out, iri);
        }
        GraphNameRef::BlankNode(node) => {
            out.push(b' ');
            push_blank(out, node.as_str());
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.extend_from_slice(b" .\n");
}

/// Turtle statements: the triples of one subject share it (`;`), of one subject and
/// predicate share both (`,`); IRIs are prefixed names where a prefix's local name allows.
pub(super) struct Turtle {
    /// (name, namespace), the longest namespace first.
    prefixes: Vec<(&'static str, &'static str)>,
    /// Whether the `@prefix` lines are written (with the first triple, as oxttl does: an
    /// empty graph is an empty file).
    started: bool,
    /// Whether a statement is open, and its subject (whether a blank node's) and predicate:
    /// kept in buffers of their own, reused from one statement to the next.
    open: bool,
    subject: String,
    blank_subject: bool,
    predicate: String,
}

impl Turtle {
    /// With `prefixes` (name, namespace) kept in oxttl's order: by name, then sorted from
    /// the longest namespace to the shortest (by the same unstable sort), so the longest
    /// namespace that starts an IRI names it.
    pub(super) fn new(prefixes: &[(&'static str, &'static str)]) -> Self {
        let by_name: BTreeMap<_, _> = prefixes.iter().copied().collect();
        let mut prefixes: Vec<_> = by_name.into_iter().collect();
        prefixes.sort_unstable_by_key(|(_, namespace)| Reverse(namespace.len()));
        Turtle {
            prefixes,
            started: false,
            open: false,
            subject: String::new(),
            blank_subject: false,
            predicate: String::new(),
        }
    }

    pub(super) fn push(&mut self, out: &mut Vec<u8>, triple: TripleRef<'_>) {
        if !self.started {
            self.started = true;
            for (name, iri) in &self.prefixes {
                for piece in ["@prefix ", name, ": <", iri, "> .\n"] {
                    out.extend_from_slice(piece.as_bytes());
                }
            }
        }
        let (subject, blank) = match triple.subject {
            NamedOrBlankNodeRef::NamedNode(iri) => (iri.as_str(), false),
            NamedOrBlankNodeRef::BlankNode(node) => (node.as_str(), true),
        };
        let predicate = triple.predicate.as_str();
        if self.open && self.blank_subject == blank && self.subject == subject {
            if self.predicate == predicate {
                out.extend_from_slice(b" , ");
            } else {
                out.extend_from_slice(b" ;\n\t");
                self.push_predicate(out, triple.predicate);
                out.push(b' ');
            }
        } else {
            if self.open {
                out.extend_from_slice(b" .\n");
            }
            if blank {
                push_blank(out, subject);
            } else {
                self.push_iri(out, subject);
            }
            out.push(b' ');
            self.push_predicate(out, triple.predicate);
            out.push(b' ');
            self.open = true;
            self.blank_subject = blank;
            self.subject.clear();
            self.subject.push_str(subject);
        }
        if self.predicate != predicate {
            self.predicate.clear();
            self.predicate.push_str(predicate);
        }
        match triple.object {
            TermRef::NamedNode(iri) => self.push_iri(out, iri.as_str()),
            TermRef::BlankNode(node) => push_blank(out, node.as_str()),
            TermRef::Literal(literal) => self.push_literal(out, literal),
        }
    }

    /// Ends the statement still open.
    pub(super) fn finish(&mut self, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.open) {
            out.extend_from_slice(b" .\n");
        }
    }

    fn push_predicate(&self, out: &mut Vec<u8>, predicate: NamedNodeRef<'_>) {
        if predicate == rdf::TYPE {
            out.push(b'a');
        } else {
            self.push_iri(out, predicate.as_str());
        }
    }

    /// As a prefixed name of the first prefix whose namespace starts the IRI and leaves a
    /// local name Turtle can write (escaped), or else whole.
    fn push_iri(&self, out: &mut Vec<u8>, iri: &str) {
        for (name, namespace) in &self.prefixes {
            // The namespace's last byte first: it tells most namespaces apart before a
            // comparison of the whole.
            let last = namespace.len() - 1;
            if iri.as_bytes().get(last) != namespace.as_bytes().get(last) {
                continue;
            }
            let Some(local) = iri.strip_prefix(namespace) else {
                continue;
            };
            let start = out.len();
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            if push_local_name(out, local) {
                return;
            }
            out.truncate(start);
        }
        push_iri(out, NamedNodeRef::new_unchecked(iri));
    }

    /// Integers bare, other literals quoted, a datatype as a prefixed name. (oxttl also
    /// writes booleans, decimals and doubles bare; the graph has none.)
    fn push_literal(&self, out: &mut Vec<u8>, literal: LiteralRef<'_>) {
        if literal.datatype() == xsd::INTEGER && is_integer(literal.value()) {
            out.extend_from_slice(literal.value().as_bytes());
        } else {
            push_plain_or(out, literal, |out, datatype| {
                self.push_iri(out, datatype.as_str());
            });
        }
    }
}

/// Appends a literal as N-Triples writes it, its datatype, if it has one other than
/// `xsd:string`, by `push_datatype`.
fn push_plain_or(
    out: &mut Vec<u8>,
    literal: LiteralRef<'_>,
    push_datatype: impl FnOnce(&mut Vec<u8>, NamedNodeRef<'_>),
) {
    push_quoted(out, literal.value());
    if let Some(language) = literal.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if literal.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        push_datatype(out, literal.datatype());
    }
}

fn push_node(out: &mut Vec<u8>, node: NamedOrBlankNodeRef<'_>) {
    match node {
        NamedOrBlankNodeRef::NamedNode(iri) => push_iri(out, iri),
        NamedOrBlankNodeRef::BlankNode(node) => push_blank(out, node.as_str()),
    }
}

fn push_iri(out: &mut Vec<u8>, iri: NamedNodeRef<'_>) {
    out.push(b'<');
    out.extend_from_slice(iri.as_str().as_bytes());
    out.push(b'>');
}

fn push_blank(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(id.as_bytes());
}

/// `"value"`, with the escapes of N-Triples: `\t`, `\b`, `\n`, `\r`, `\f`, `\"` and `\\`, the
/// other control characters, U+007F, U+FFFE and U+FFFF as `\uXXXX`.
fn push_quoted(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    let bytes = value.as_bytes();
    let mut copied = 0;
    let mut code = [0; 6];
    for (i, &byte) in bytes.iter().enumerate() {
        if !MAY_ESCAPE[usize::from(byte)] {
            continue;
        }
        let (escape, width): (&[u8], usize) = match byte {
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0C => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF; the other characters that start
            // with EF stay as they are.
            0xEF => match bytes.get(i + 1..i + 3) {
                Some(&[0xBF, last @ (0xBE | 0xBF)]) => (
                    unicode_escape(&mut code, 0xFFFE + u16::from(last - 0xBE)),
                    3,
                ),
                _ => continue,
            },
            _ => (unicode_escape(&mut code, u16::from(byte)), 1),
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(escape);
        copied = i + width;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// `\uXXXX`, in upper-case hexadecimal digits.
fn unicode_escape(buf: &mut [u8; 6], code: u16) -> &[u8] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    buf[..2].copy_from_slice(b"\\u");
    for (digit, shift) in buf[2..].iter_mut().zip([12, 8, 4, 0]) {
        *digit = HEX[usize::from((code >> shift) & 0xF)];
    }
    buf
}

/// The bytes [`push_quoted`] looks at: those it escapes, and 0xEF, which opens U+FFFE and
/// U+FFFF.
const MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7F] = true;
    table[0xEF] = true;
    table
};

/// Turtle's `[+-]?[0-9]+`.
fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Appends `local` as the local part of a prefixed name (`PN_LOCAL`), its characters escaped
/// where they may be (`\/`, `\%`, `\.` at the end, …); false, having appended part of it,
/// when a character can be neither written nor escaped there.
fn push_local_name(out: &mut Vec<u8>, local: &str) -> bool {
    for (i, c) in local.char_indices() {
        let plain = if c.is_ascii() {
            // Most characters are ASCII: PN_CHARS_U's, digits and ':' anywhere, '-' and '.'
            // but first, '.' not last either.
            c.is_ascii_alphanumeric()
                || matches!(c, '_' | ':')
                || (i > 0 && (c == '-' || (c == '.' && i + 1 < local.len())))
        } else if i == 0 {
            is_pn_chars_u(c)
        } else {
            is_pn_chars(c)
        };
        if plain {
            push_char(out, c);
        } else if !push_escaped(out, c) {
            return false;
        }
    }
    true
}

fn push_char(out: &mut Vec<u8>, c: char) {
    if c.is_ascii() {
        out.push(c as u8);
    } else {
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}

/// `\c` for the characters Turtle lets a local name escape (`PN_LOCAL_ESC`).
fn push_escaped(out: &mut Vec<u8>, c: char) -> bool {
    let escapable = matches!(
        c,
        '_' | '~'
            | '.'
            | '-'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '='
            | '/'
            | '?'
            | '#'
            | '@'
            | '%'
    );
    if escapable {
        out.push(b'\\');
        out.push(c as u8);
    }
    escapable
}

/// Turtle's `PN_CHARS_U`: `PN_CHARS_BASE` or `_`.
fn is_pn_chars_u(c: char) -> bool {
    matches!(c,
        'A'..='Z'
        | 'a'..='z'
        | '_'
        | '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{02FF}'
        | '\u{0370}'..='\u{037D}'
        | '\u{037F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// Turtle's `PN_CHARS`.
fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || matches!(c, '-' | '0'..='9' | '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{BlankNodeRef, Literal, NamedNode, Quad, Triple};

    /// Terms with every case of the escapes and prefixed names.
    fn triples() -> Vec<Triple> {
        let ns = |ns: &str, local: &str| NamedNode::new_unchecked(format!("{ns}{local}"));
        let (ent, ng) = (super::super::ENTITY_NS, super::super::ONTOLOGY_NS);
        let locals = [
            "iran",
            "",
            "a.b",
            "a.",
            ".a",
            "-a",
            "a-b",
            "_a",
            "1a",
            ":a",
            "a:b",
            "a~b",
            "a%20b",
            "a/b",
            "münchen",
            "a×b",
            "×",
            "\u{B7}a",
            "a\u{B7}",
            "a\u{FFFD}",
            "a\u{10000}",
            "x!$&'()*+,;=?#@",
        ];
        let texts = [
            "plain",
            "\"quoted\" \\ back",
            "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F}",
            "\u{FFFE}\u{FFFF}\u{FFFD}\u{F000}\u{EFFF}",
            "ünïcode 漢字 \u{1F600}",
            "",
        ];
        let mut triples = Vec::new();
        let subject = ns(ent, "s");
        for local in locals {
            for s in [ns(ent, local), subject.clone()] {
                triples.push(Triple::new(s, ns(ng, local), ns(ent, local)));
            }
        }
        for text in texts {
            triples.push(Triple::new(
                subject.clone(),
                ns(ng, "t"),
                Literal::from(text),
            ));
        }
        let typed = [
            ("12", xsd::INTEGER),
            ("-3", xsd::INTEGER),
            ("1x", xsd::INTEGER),
            ("7", xsd::NON_NEGATIVE_INTEGER),
            ("2024-01-16", xsd::DATE),
            ("s", xsd::STRING),
        ];
        for (value, datatype) in typed {
            let literal = Literal::new_typed_literal(value, datatype);
            triples.push(Triple::new(subject.clone(), ns(ng, "n"), literal));
        }
        let tagged = Literal::new_language_tagged_literal("hi", "en").unwrap();
        triples.push(Triple::new(subject.clone(), rdf::TYPE, ns(ng, "C")));
        triples.push(Triple::new(subject.clone(), rdf::TYPE, ns(ng, "D")));
        triples.push(Triple::new(subject.clone(), ns(ng, "l"), tagged));
        let blank = BlankNodeRef::new_unchecked("b0");
        triples.push(Triple::new(blank, ns(ng, "p"), blank));
        triples.push(Triple::new(ns("", "_:b0"), ns(ng, "p"), blank));
        triples.push(Triple::new(
            ns("http://other.example/", "x"),
            ns(ng, "p"),
            subject,
        ));
        triples
    }

    #[test]
    fn n_triples_and_n_quads_as_oxttl_writes_them() {
        let triples = triples();
        let mut ours = Vec::new();
        let mut theirs = oxttl::NTriplesSerializer::new().for_writer(Vec::new());
        for t in &triples {
            push_line(&mut ours, t.as_ref(), GraphNameRef::DefaultGraph);
            theirs.serialize_triple(t).unwrap();
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs.finish()).unwrap()
        );

        let graph = NamedNode::new_unchecked("https://w3id.org/newsgraph/document/d");
        let blank = BlankNodeRef::new_unchecked("g");
        let mut ours = Vec::new();
        let mut theirs = oxttl::NQuadsSerializer::new().for_writer(Vec::new());
        for (t, g) in triples.iter().zip(
            [
                graph.as_ref().into(),
                blank.into(),
                GraphNameRef::DefaultGraph,
            ]
            .into_iter()
            .cycle(),
        ) {
            push_line(&mut ours, t.as_ref(), g);
            theirs
                .serialize_quad(&Quad::new(
                    t.subject.clone(),
                    t.predicate.clone(),
                    t.object.clone(),
                    g,
                ))
                .unwrap();
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs.finish()).unwrap()
        );
    }

    #[test]
    fn turtle_as_oxttl_writes_it() {
        let prefixes = &super::super::PREFIXES;
        let theirs = |graphs: &[&[Triple]]| {
            let serializer = prefixes
                .iter()
                .fold(oxttl::TurtleSerializer::new(), |s, &(name, iri)| {
                    s.with_prefix(name, iri).unwrap()
                });
            let mut w = serializer.for_writer(Vec::new());
            for t in graphs.iter().flat_map(|g| g.iter()) {
                w.serialize_triple(t).unwrap();
            }
            String::from_utf8(w.finish().unwrap()).unwrap()
        };
        let ours = |graphs: &[&[Triple]]| {
            let (mut out, mut turtle) = (Vec::new(), Turtle::new(prefixes));
            for t in graphs.iter().flat_map(|g| g.iter()) {
                turtle.push(&mut out, t.as_ref());
            }
            turtle.finish(&mut out);
            String::from_utf8(out).unwrap()
        };
        let triples = triples();
        for graphs in [
            &[][..],
            &[&triples[..1]],
            &[&triples],
            &[&triples, &triples],
        ] {
            assert_eq!(ours(graphs), theirs(graphs));
        }
    }
}

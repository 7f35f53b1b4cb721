//! The syntax of the RDF exports: triples written as N-Triples, N-Quads or Turtle, byte for
//! byte as oxttl's serializers write them (the tests compare the two), but straight into a
//! byte buffer.
//!
//! oxttl formats every term through `core::fmt`, escapes a literal one `char` at a time, and
//! in Turtle tries each IRI against the declared prefixes longest first and builds its local
//! name in a `String` of its own: writing the two RDF files took a fifth of the CPU time of a
//! run that writes every format. Here the runs of bytes that need no escape are copied
//! whole, and an IRI is tried against the prefixes in the order given (the most used first),
//! which gives the prefixed names oxttl's longest-first order gives because no declared
//! namespace starts another.

use std::cmp::Reverse;
use std::io::{self, Write};

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef};

use super::escape_bytes;

/// Writes triples (or quads) to a `W`, through a buffer handed on in blocks of
/// [`TripleOut::BLOCK`] bytes or more.
pub(super) struct TripleOut<W: Write> {
    buf: Vec<u8>,
    inner: W,
    /// What Turtle groups and abbreviates; None for N-Triples and N-Quads.
    turtle: Option<Turtle>,
}

/// The state of a Turtle document.
struct Turtle {
    /// `(name, namespace)`, in the order they are tried.
    prefixes: &'static [(&'static str, &'static str)],
    /// `@prefix` lines, written before the first triple (a document without triples is empty).
    prelude: Option<Vec<u8>>,
    /// Whether a statement is open: the subject and predicate of the last triple follow.
    open: bool,
    subject: Node,
    predicate: String,
}

/// A subject as compared between triples: an IRI, or a blank node's id.
#[derive(Default, PartialEq)]
struct Node {
    blank: bool,
    id: String,
}

impl Node {
    fn is(&self, node: NamedOrBlankNodeRef<'_>) -> bool {
        let (blank, id) = node_parts(node);
        self.blank == blank && self.id == id
    }

    fn set(&mut self, node: NamedOrBlankNodeRef<'_>) {
        let (blank, id) = node_parts(node);
        self.blank = blank;
        self.id.clear();
        self.id.push_str(id);
    }
}

fn node_parts(node: NamedOrBlankNodeRef<'_>) -> (bool, &str) {
    match node {
        NamedOrBlankNodeRef::NamedNode(n) => (false, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => (true, b.as_str()),
    }
}

impl<W: Write> TripleOut<W> {
    const BLOCK: usize = 1 << 16;

    /// N-Triples or N-Quads.
    pub(super) fn lines(inner: W) -> Self {
        TripleOut {
            buf: Vec::with_capacity(Self::BLOCK + (Self::BLOCK >> 2)),
            inner,
            turtle: None,
        }
    }

    /// Turtle with `prefixes` (`(name, namespace)`, none of which starts another), tried in
    /// their order and declared in oxttl's: longest namespace first.
    pub(super) fn turtle(inner: W, prefixes: &'static [(&'static str, &'static str)]) -> Self {
        debug_assert!(
            prefixes.iter().all(|(a, ns)| prefixes
                .iter()
                .all(|(b, other)| a == b || !other.starts_with(ns))),
            "a declared namespace starts another"
        );
        let mut declared = prefixes.to_vec();
        declared.sort_unstable_by_key(|&(name, _)| name);
        declared.sort_unstable_by_key(|&(_, ns)| Reverse(ns.len()));
        let mut prelude = Vec::new();
        for (name, ns) in declared {
            for part in ["@prefix ", name, ": <", ns, "> .\n"] {
                prelude.extend_from_slice(part.as_bytes());
            }
        }
        TripleOut {
            turtle: Some(Turtle {
                prefixes,
                prelude: Some(prelude),
                open: false,
                subject: Node::default(),
                predicate: String::new(),
            }),
            ..Self::lines(inner)
        }
    }

    /// Writes `t`: an N-Triples line, or in Turtle the triple, grouped with the last when it
    /// has the same subject (`;`) or the same subject and predicate (`,`).
    pub(super) fn triple(&mut self, t: TripleRef<'_>) -> io::Result<()> {
        match &mut self.turtle {
            None => {
                write_line(&mut self.buf, t, GraphNameRef::DefaultGraph);
            }
            Some(turtle) => turtle.write(&mut self.buf, t),
        }
        self.pass_full_block()
    }

    /// Writes `t` in `graph` as an N-Quads line.
    pub(super) fn quad(&mut self, t: TripleRef<'_>, graph: GraphNameRef<'_>) -> io::Result<()> {
        debug_assert!(self.turtle.is_none(), "quads are written as lines");
        write_line(&mut self.buf, t, graph);
        self.pass_full_block()
    }

    /// Ends the last Turtle statement, hands what is buffered to `W` and returns it.
    pub(super) fn finish(mut self) -> io::Result<W> {
        if self.turtle.as_ref().is_some_and(|t| t.open) {
            self.buf.extend_from_slice(b" .\n");
        }
        self.inner.write_all(&self.buf)?;
        Ok(self.inner)
    }

    fn pass_full_block(&mut self) -> io::Result<()> {
        if self.buf.len() >= Self::BLOCK {
            self.inner.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// `s p o .` or `s p o g .`, each term as N-Triples writes it.
fn write_line(out: &mut Vec<u8>, t: TripleRef<'_>, graph: GraphNameRef<'_>) {
    write_term(out, t.subject.into());
    out.push(b' ');
    write_iri(out, t.predicate);
    out.push(b' ');
    write_term(out, t.object);
    match graph {
        GraphNameRef::NamedNode(g) => {
            out.push(b' ');
            write_iri(out, g);
        }
        GraphNameRef::BlankNode(b) => {
            out.push(b' ');
            write_blank(out, b.as_str());
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.extend_from_slice(b" .\n");
}

fn write_iri(out: &mut Vec<u8>, iri: NamedNodeRef<'_>) {
    out.push(b'<');
    out.extend_from_slice(iri.as_str().as_bytes());
    out.push(b'>');
}

fn write_blank(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"_:");
    out.extend_from_slice(id.as_bytes());
}

/// A term as N-Triples writes it: `<iri>`, `_:id`, `"text"`, `"text"@lang` or
/// `"value"^^<datatype>`.
fn write_term(out: &mut Vec<u8>, term: TermRef<'_>) {
    match term {
        TermRef::NamedNode(n) => write_iri(out, n),
        TermRef::BlankNode(b) => write_blank(out, b.as_str()),
        TermRef::Literal(l) => write_literal(out, l, write_iri),
    }
}

/// A literal quoted, with its language or, unless it is a plain string, `^^` and its
/// datatype (written by `datatype`).
fn write_literal(
    out: &mut Vec<u8>,
    l: LiteralRef<'_>,
    datatype: impl FnOnce(&mut Vec<u8>, NamedNodeRef<'_>),
) {
    write_quoted(out, l.value());
    if let Some(language) = l.language() {
        out.push(b'@');
        out.extend_from_slice(language.as_bytes());
    } else if l.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        datatype(out, l.datatype());
    }
}

/// The bytes a quoted string escapes, or that start a character it escapes: C0 controls,
/// `"`, `\`, DEL, and 0xEF, the lead byte of U+FFFE and U+FFFF (and of characters kept).
const QUOTED_SPECIAL: [bool; 256] = escape_bytes(b"\"\\\x7F", b"");

/// `s` between double quotes, escaped as oxrdf's `print_quoted_str` escapes it, the runs
/// between escapes copied whole.
fn write_quoted(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'"');
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !QUOTED_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF; other characters led by EF are kept.
        let noncharacter =
            b == 0xEF && matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF]));
        if b == 0xEF && !noncharacter {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        let escape: &[u8] = match b {
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0C => b"\\f",
            b'\r' => b"\\r",
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            _ => &[],
        };
        if escape.is_empty() {
            let c = if noncharacter {
                0xFFC0 | u32::from(bytes[i + 2] & 0x3F)
            } else {
                u32::from(b)
            };
            out.extend_from_slice(b"\\u");
            out.extend((0..4).rev().map(|k| HEX[(c >> (4 * k)) as usize & 0xF]));
        } else {
            out.extend_from_slice(escape);
        }
        i += if noncharacter { 3 } else { 1 };
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

impl Turtle {
    fn write(&mut self, out: &mut Vec<u8>, t: TripleRef<'_>) {
        if let Some(prelude) = self.prelude.take() {
            out.extend_from_slice(&prelude);
        }
        if self.open && self.subject.is(t.subject) {
            if self.predicate == t.predicate.as_str() {
                out.extend_from_slice(b" , ");
            } else {
                out.extend_from_slice(b" ;\n\t");
                self.write_predicate(out, t.predicate);
                out.push(b' ');
            }
        } else {
            if self.open {
                out.extend_from_slice(b" .\n");
            }
            self.write_term(out, t.subject.into());
            out.push(b' ');
            self.write_predicate(out, t.predicate);
            out.push(b' ');
            self.subject.set(t.subject);
            self.open = true;
        }
        self.write_term(out, t.object);
    }

    /// `a` for `rdf:type`, else the IRI as a term.
    fn write_predicate(&mut self, out: &mut Vec<u8>, p: NamedNodeRef<'_>) {
        self.predicate.clear();
        self.predicate.push_str(p.as_str());
        if p == rdf::TYPE {
            out.push(b'a');
        } else {
            self.write_iri(out, p);
        }
    }

    /// A prefixed name when a prefix's namespace starts the IRI and the rest can be a local
    /// name, else `<iri>`.
    fn write_iri(&self, out: &mut Vec<u8>, iri: NamedNodeRef<'_>) {
        let iri = iri.as_str();
        for &(name, ns) in self.prefixes {
            // The namespace's last byte, a `/` or `#`, rules most of them out without a
            // comparison of the whole.
            if iri.as_bytes().get(ns.len() - 1) != ns.as_bytes().last() {
                continue;
            }
            let Some(local) = iri.strip_prefix(ns) else {
                continue;
            };
            let start = out.len();
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
            if push_local_name(out, local) {
                return;
            }
            out.truncate(start);
            // No other namespace starts the IRI.
            break;
        }
        out.push(b'<');
        out.extend_from_slice(iri.as_bytes());
        out.push(b'>');
    }

    /// A term as oxttl's Turtle serializer writes it: IRIs as [`Turtle::write_iri`], an
    /// `xsd:integer` in its lexical form as a bare number, other literals quoted.
    fn write_term(&self, out: &mut Vec<u8>, term: TermRef<'_>) {
        match term {
            TermRef::NamedNode(n) => self.write_iri(out, n),
            TermRef::Literal(l) if l.datatype() == xsd::INTEGER && is_integer(l.value()) => {
                out.extend_from_slice(l.value().as_bytes());
            }
            TermRef::Literal(l) => {
                debug_assert!(
                    ![xsd::BOOLEAN, xsd::DECIMAL, xsd::DOUBLE].contains(&l.datatype()),
                    "oxttl writes some of these bare, the exports have none"
                );
                write_literal(out, l, |out, datatype| self.write_iri(out, datatype));
            }
            TermRef::BlankNode(b) => write_blank(out, b.as_str()),
        }
    }
}

/// Turtle's `INTEGER`: `[+-]? [0-9]+`.
fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// How an ASCII byte goes into a local name (see [`push_local_name`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum LocalByte {
    /// As it is, anywhere: letters, digits, `_` and `:`.
    Plain,
    /// `-`: as it is but first (escaped first).
    Hyphen,
    /// `.`: as it is between two characters (escaped first or last).
    Dot,
    /// Escaped with `\`.
    Escaped,
    /// Not in a local name.
    Invalid,
}

const LOCAL_BYTES: [LocalByte; 128] = {
    let mut table = [LocalByte::Invalid; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = if c.is_ascii_alphanumeric() || c == '_' || c == ':' {
            LocalByte::Plain
        } else if c == '-' {
            LocalByte::Hyphen
        } else if c == '.' {
            LocalByte::Dot
        } else if can_be_escaped_in_local_name(c) {
            LocalByte::Escaped
        } else {
            LocalByte::Invalid
        };
        b += 1;
    }
    table
};

/// Appends `local` as the local part of a prefixed name, escaped as oxttl escapes it, and
/// says whether it can be one (if not, what was appended is to be dropped). Runs of
/// characters written as they are go in whole.
fn push_local_name(out: &mut Vec<u8>, local: &str) -> bool {
    let bytes = local.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let class = LOCAL_BYTES.get(usize::from(b)).copied();
        // Most bytes are plain: tested first, they take one well-predicted branch.
        if class == Some(LocalByte::Plain) || (class == Some(LocalByte::Hyphen) && i > 0) {
            i += 1;
            continue;
        }
        let Some(class) = class else {
            // Never escaped: a PN_CHARS_U first, a PN_CHARS after.
            let c = local[i..].chars().next().expect("a character starts here");
            if !(if i == 0 {
                is_pn_chars_u(c)
            } else {
                is_pn_chars(c)
            }) {
                return false;
            }
            i += c.len_utf8();
            continue;
        };
        let escaped = match class {
            LocalByte::Plain => false,
            LocalByte::Hyphen => true,
            LocalByte::Dot => i == 0 || i + 1 == bytes.len(),
            LocalByte::Escaped => true,
            LocalByte::Invalid => return false,
        };
        if escaped {
            out.extend_from_slice(&bytes[run..i]);
            out.push(b'\\');
            run = i;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[run..]);
    true
}

/// Turtle's `PN_CHARS_U`: `PN_CHARS_BASE | '_'`.
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

/// Turtle's `PN_LOCAL_ESC` characters.
const fn can_be_escaped_in_local_name(c: char) -> bool {
    matches!(
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
    )
}

#[cfg(test)]
mod tests {
    use oxrdf::{BlankNodeRef, Literal, NamedNode, Triple};
    use proptest::prelude::*;

    use super::*;

    const PREFIXES: [(&str, &str); 3] = [
        ("ex", "http://example.com/ns#"),
        ("doc", "http://example.com/doc/"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ];

    /// The three syntaxes as written here and by oxttl.
    fn both(triples: &[Triple]) -> [(String, String); 3] {
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
        let mut turtle = TripleOut::turtle(Vec::new(), &PREFIXES);
        let mut ntriples = TripleOut::lines(Vec::new());
        let mut nquads = TripleOut::lines(Vec::new());
        let mut ox_turtle = PREFIXES
            .iter()
            .fold(oxttl::TurtleSerializer::new(), |s, &(name, ns)| {
                s.with_prefix(name, ns).unwrap()
            })
            .for_writer(Vec::new());
        let mut ox_ntriples = oxttl::NTriplesSerializer::new().for_writer(Vec::new());
        let mut ox_nquads = oxttl::NQuadsSerializer::new().for_writer(Vec::new());
        let graph = NamedNodeRef::new_unchecked("http://example.com/doc/g");
        for (i, t) in triples.iter().enumerate() {
            let t = t.as_ref();
            let g = if i % 2 == 0 {
                GraphNameRef::DefaultGraph
            } else {
                graph.into()
            };
            turtle.triple(t).unwrap();
            ntriples.triple(t).unwrap();
            nquads.quad(t, g).unwrap();
            ox_turtle.serialize_triple(t).unwrap();
            ox_ntriples.serialize_triple(t).unwrap();
            ox_nquads.serialize_quad(t.in_graph(g)).unwrap();
        }
        [
            (
                text(turtle.finish().unwrap()),
                text(ox_turtle.finish().unwrap()),
            ),
            (text(ntriples.finish().unwrap()), text(ox_ntriples.finish())),
            (text(nquads.finish().unwrap()), text(ox_nquads.finish())),
        ]
    }

    /// Unchecked: what matters is that both write the same, even what is not an IRI.
    fn iri(s: &str) -> NamedNode {
        NamedNode::new_unchecked(s)
    }

    #[test]
    fn writes_what_oxttl_writes() {
        let (s, p, q) = (
            iri("http://example.com/ns#s"),
            iri("http://example.com/ns#p"),
            iri("http://example.com/ns#q"),
        );
        let blank = BlankNodeRef::new_unchecked("b0").into_owned();
        let triples = [
            Triple::new(s.clone(), rdf::TYPE, iri("http://example.com/ns#C")),
            Triple::new(
                s.clone(),
                p.clone(),
                Literal::new_simple_literal(
                    "a \"b\"\n\\ \u{0}\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}é\u{8}\u{C}\r\t",
                ),
            ),
            Triple::new(
                s.clone(),
                p.clone(),
                Literal::new_typed_literal("12", xsd::INTEGER),
            ),
            Triple::new(
                s.clone(),
                p.clone(),
                Literal::new_typed_literal("-1x", xsd::INTEGER),
            ),
            Triple::new(
                s.clone(),
                q.clone(),
                Literal::new_typed_literal("2024-01-02", xsd::DATE),
            ),
            Triple::new(
                s.clone(),
                q.clone(),
                Literal::new_language_tagged_literal_unchecked("x", "en"),
            ),
            Triple::new(
                iri("http://example.com/doc/a/1"),
                q.clone(),
                iri("http://example.com/doc/"),
            ),
            Triple::new(
                iri("http://example.com/doc/-x.y."),
                q.clone(),
                iri("http://example.com/doc/%41~b"),
            ),
            Triple::new(
                iri("http://example.com/doc/a b"),
                q.clone(),
                iri("http://example.org/x"),
            ),
            Triple::new(blank.clone(), q.clone(), blank),
            Triple::new(
                iri("http://example.com/doc/1"),
                iri("http://example.com/doc/p"),
                iri("http://example.com/ns#"),
            ),
        ];
        for (ours, oxttl) in both(&triples) {
            assert_eq!(ours, oxttl);
        }
        for (ours, oxttl) in both(&[]) {
            assert_eq!(ours, oxttl);
        }
    }

    proptest! {
        /// Any text as a literal and as the local part of an IRI.
        #[test]
        fn any_literal_and_local_name_is_written_as_oxttl_writes_it(
            text in "\\PC*|[\\x00-\\x7F\u{FFFE}\u{FFFF}\u{B7}\u{300}é]*",
            local in "[-._~a-zA-Z0-9%/:!$&'()*+,;=?#@é\u{B7}\u{300}\u{203F}]{0,6}",
        ) {
            let subject = iri(&format!("http://example.com/doc/{local}"));
            let triples = [
                Triple::new(subject.clone(), iri("http://example.com/ns#p"), Literal::new_simple_literal(&text)),
                Triple::new(subject, iri("http://example.com/ns#p"), Literal::new_typed_literal(&text, xsd::INTEGER)),
            ];
            for (ours, oxttl) in both(&triples) {
                prop_assert_eq!(ours, oxttl);
            }
        }
    }
}

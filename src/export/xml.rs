//! What GraphML and GEXF share: escaping for XML 1.0 and an allocation-free element writer
//! over quick-xml.
//!
//! quick-xml's own escaping leaves `\r`, and in attribute values `\n` and `\t`, as they
//! are; an XML parser then normalises them (CR to LF in text, whitespace to spaces in
//! attribute values), so values would not survive a round trip. Escaping is therefore done
//! here, and quick-xml gets the escaped text. Characters XML 1.0 cannot carry at all, even
//! as references (most C0 controls, U+FFFE, U+FFFF), are replaced with U+FFFD: that is the
//! policy of the XML exports, while RDF and JSON carry every character.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// Where an escaped string goes: attribute values need more escaping than text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum XmlContext {
    Text,
    Attribute,
}

/// The bytes that start something to escape or replace, per context: markup characters,
/// C0 controls, and 0xEF, the lead byte of U+FFFE and U+FFFF (and of other characters,
/// which are kept).
const fn special_bytes(attribute: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'\t' as usize] = attribute;
    table[b'\n' as usize] = attribute;
    table[b'"' as usize] = attribute;
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[0xEF] = true;
    table
}

const TEXT_SPECIAL: [bool; 256] = special_bytes(false);
const ATTRIBUTE_SPECIAL: [bool; 256] = special_bytes(true);

/// Appends `s` escaped for `context` to `out`, copying the runs between special bytes as
/// they are.
pub(super) fn push_escaped(out: &mut String, s: &str, context: XmlContext) {
    let special = match context {
        XmlContext::Text => &TEXT_SPECIAL,
        XmlContext::Attribute => &ATTRIBUTE_SPECIAL,
    };
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !special[usize::from(b)] {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\r' => ("&#13;", 1),
            b'\n' => ("&#10;", 1),
            b'\t' => ("&#9;", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("\u{FFFD}", 3),
            0xEF => (&s[i..i + 3], 3),
            _ => ("\u{FFFD}", 1), // another C0 control
        };
        out.push_str(replacement);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// A quick-xml writer indenting by two spaces, with reused buffers for start tags and
/// text, so writing an element allocates nothing.
pub(super) struct XmlOut<W: Write> {
    xml: Writer<W>,
    tag: String,
    text: String,
}

impl<W: Write> XmlOut<W> {
    /// Starts the document with the XML declaration.
    pub(super) fn new(w: W) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(w, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(XmlOut {
            xml,
            tag: String::new(),
            text: String::new(),
        })
    }

    /// `<name a="v" …>`.
    pub(super) fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        let start = start_tag(&mut self.tag, name, attributes);
        self.xml.write_event(Event::Start(start))
    }

    /// `<name a="v" …/>`.
    pub(super) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        let empty = start_tag(&mut self.tag, name, attributes);
        self.xml.write_event(Event::Empty(empty))
    }

    /// `</name>`.
    pub(super) fn end(&mut self, name: &str) -> io::Result<()> {
        self.xml.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name a="v" …>text</name>` on one line.
    pub(super) fn text_element(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> io::Result<()> {
        self.start(name, attributes)?;
        self.text.clear();
        push_escaped(&mut self.text, text, XmlContext::Text);
        self.xml
            .write_event(Event::Text(BytesText::from_escaped(self.text.as_str())))?;
        self.end(name)
    }

    /// Ends the document with a newline.
    pub(super) fn finish(mut self) -> io::Result<()> {
        self.xml.get_mut().write_all(b"\n")
    }
}

/// The content of a start (or empty) tag, built in `buf`.
fn start_tag<'b>(buf: &'b mut String, name: &str, attributes: &[(&str, &str)]) -> BytesStart<'b> {
    buf.clear();
    buf.push_str(name);
    for (key, value) in attributes {
        buf.push(' ');
        buf.push_str(key);
        buf.push_str("=\"");
        push_escaped(buf, value, XmlContext::Attribute);
        buf.push('"');
    }
    BytesStart::from_content(buf.as_str(), name.len())
}

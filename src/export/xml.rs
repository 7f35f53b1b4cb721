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

/// Whether byte `b` starts something to escape or replace, in an attribute value or in text:
/// markup characters, C0 controls, and 0xEF, the lead byte of U+FFFE and U+FFFF (and of
/// other characters, which are kept).
const fn is_special(b: u8, attribute: bool) -> bool {
    match b {
        b'\t' | b'\n' | b'"' => attribute,
        0..=0x1F | b'&' | b'<' | b'>' | 0xEF => true,
        _ => false,
    }
}

/// [`is_special`] by byte, per context.
const fn special_bytes(attribute: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_special(b as u8, attribute);
        b += 1;
    }
    table
}

const TEXT_SPECIAL: [bool; 256] = special_bytes(false);
const ATTRIBUTE_SPECIAL: [bool; 256] = special_bytes(true);

/// The bytes tested at once for something to escape ([`is_plain`]).
const BLOCK: usize = 32;

/// Whether `block` holds no byte that is special ([`is_special`]), or in text a tab or a line
/// feed: most text has nothing to escape, and this test, of comparisons that the compiler
/// makes vector instructions of, costs about one instruction a byte where the test of each
/// byte took a branch or more.
fn is_plain<const ATTRIBUTE: bool>(block: &[u8; BLOCK]) -> bool {
    let mut special = 0u8;
    for &b in block {
        special |= u8::from(b < 0x20)
            | u8::from(b == b'&')
            | u8::from(b == b'<')
            | u8::from(b == b'>')
            | u8::from(b == 0xEF)
            | u8::from(ATTRIBUTE && b == b'"');
    }
    special == 0
}

/// Appends `s` escaped for `context` to `out`, copying the runs between special bytes as
/// they are.
pub(super) fn push_escaped(out: &mut String, s: &str, context: XmlContext) {
    match context {
        XmlContext::Text => push_escaped_in::<false>(out, s),
        XmlContext::Attribute => push_escaped_in::<true>(out, s),
    }
}

/// [`push_escaped`] in an attribute value or in text.
fn push_escaped_in<const ATTRIBUTE: bool>(out: &mut String, s: &str) {
    let special = if ATTRIBUTE {
        &ATTRIBUTE_SPECIAL
    } else {
        &TEXT_SPECIAL
    };
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let block: Option<&[u8; BLOCK]> = bytes.get(i..i + BLOCK).and_then(|b| b.try_into().ok());
        if block.is_some_and(is_plain::<ATTRIBUTE>) {
            i += BLOCK;
            continue;
        }
        // The block (or the last bytes) byte by byte.
        let end = (i + BLOCK).min(bytes.len());
        while i < end {
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
                0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                    ("\u{FFFD}", 3)
                }
                0xEF => (&s[i..i + 3], 3),
                _ => ("\u{FFFD}", 1), // another C0 control
            };
            out.push_str(replacement);
            i += len;
            run = i;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A block with a special byte anywhere is not plain, in either context.
    #[test]
    fn a_block_is_plain_only_without_special_bytes() {
        for b in 0..=u8::MAX {
            for at in [0, BLOCK / 2, BLOCK - 1] {
                let mut block = [b'a'; BLOCK];
                block[at] = b;
                assert!(
                    !is_special(b, false) || !is_plain::<false>(&block),
                    "{b:#x}"
                );
                assert!(!is_special(b, true) || !is_plain::<true>(&block), "{b:#x}");
            }
        }
        assert!(is_plain::<false>(&[b'a'; BLOCK]) && is_plain::<true>(&[b'a'; BLOCK]));
    }

    /// Escaping in blocks gives what escaping byte by byte gives, wherever the special bytes
    /// fall against the blocks.
    #[test]
    fn escaping_is_the_same_across_blocks() {
        let pieces = [
            "&", "<", ">", "\"", "\n", "\t", "\r", "\u{1}", "\u{FFFE}", "\u{EFFF}", "é",
        ];
        for context in [XmlContext::Text, XmlContext::Attribute] {
            for piece in pieces {
                for at in 0..2 * BLOCK {
                    let s = format!("{}{piece}{}", "x".repeat(at), "y".repeat(BLOCK));
                    let (mut whole, mut expected) = (String::new(), String::new());
                    push_escaped(&mut whole, &s, context);
                    for c in s.chars() {
                        push_escaped(&mut expected, c.encode_utf8(&mut [0; 4]), context);
                    }
                    assert_eq!(whole, expected, "{piece:?} at {at}");
                }
            }
        }
    }
}

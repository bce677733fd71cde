//! The reader as it was built on `saphyr-parser`'s events, kept for the
//! tests only: an independent YAML 1.2 reader to compare [`super::read`]
//! with, tree and places alike.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use super::{Builder, Mark, Node, Style, YamlError, to_tag};

/// [`super::read`], with saphyr's scanner and parser.
pub(super) fn read(text: &str) -> Result<Node, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut places = Places::new(text);
    let mut builder = Builder::default();
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|error| scan_error(&error, &mut places))?;
        let start = places.mark(span.start.index(), span.start.line(), span.start.col());
        let end = places.offset(span.end.index());
        match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        message: "the text holds more than one YAML document; paste one \
                                  template at a time"
                            .into(),
                        mark: start,
                    });
                }
            }
            Event::Alias(_) => {
                return Err(YamlError {
                    message: "YAML aliases (*name) are not supported here: write the value \
                              out"
                    .into(),
                    mark: start,
                });
            }
            Event::SequenceStart(_, tag) => {
                builder.start(true, tag.map(|tag| to_tag(&tag.handle, &tag.suffix)), start)?;
            }
            Event::MappingStart(_, tag) => {
                builder.start(false, tag.map(|tag| to_tag(&tag.handle, &tag.suffix)), start)?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.end(end)?,
            Event::Scalar(value, style, _, tag) => builder.scalar(
                value.into_owned(),
                to_style(style),
                tag.map(|tag| to_tag(&tag.handle, &tag.suffix)),
                start,
                end,
            )?,
        }
    }
    builder.finish()
}

fn to_style(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    }
}

fn scan_error(error: &ScanError, places: &mut Places<'_>) -> YamlError {
    let marker = error.marker();
    YamlError {
        message: error.info().to_owned(),
        mark: places.mark(marker.index(), marker.line(), marker.col()),
    }
}

/// Turns saphyr's character indices into byte offsets. Events come in
/// document order, so a cursor moving forward makes this linear.
struct Places<'t> {
    text: &'t str,
    chars: usize,
    bytes: usize,
}

impl<'t> Places<'t> {
    fn new(text: &'t str) -> Places<'t> {
        Places { text, chars: 0, bytes: 0 }
    }

    /// The byte offset of character `index` (the end of the text past it).
    fn offset(&mut self, index: usize) -> usize {
        if index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let rest = self.text.get(self.bytes..).unwrap_or_default();
        for c in rest.chars().take(index - self.chars) {
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        self.bytes
    }

    /// A mark from saphyr's character index, 1-based line and 0-based
    /// column.
    fn mark(&mut self, index: usize, line: usize, col: usize) -> Mark {
        Mark { offset: self.offset(index), line: line.max(1), column: col + 1 }
    }
}

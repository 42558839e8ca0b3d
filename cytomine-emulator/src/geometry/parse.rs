//! WKT reader: case-insensitive keywords, any whitespace, `EMPTY`, and Z / M /
//! ZM ordinates (dropped). Rejects unclosed or short rings, non-finite
//! numbers, unbalanced parentheses and trailing text, naming the position.

use super::{Coord, Geometry};
use std::fmt;

/// How deep `GEOMETRYCOLLECTION`s may nest before the text is refused.
const MAX_DEPTH: usize = 32;

/// The geometry type keywords, upper-case.
const TYPES: [&str; 7] = [
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
];

/// A WKT text that could not be read: what was wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WktError {
    position: usize,
    message: String,
}

impl WktError {
    fn new(position: usize, message: impl Into<String>) -> WktError {
        WktError {
            position,
            message: message.into(),
        }
    }

    /// The byte offset in the text where the problem was found (0-based).
    pub fn position(&self) -> usize {
        self.position
    }

    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WktError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid WKT at position {}: {}",
            self.position, self.message
        )
    }
}

impl std::error::Error for WktError {}

/// Parses one WKT geometry.
///
/// ```
/// use cytomine_emulator::geometry::{parse_wkt, Geometry, Coord};
/// assert_eq!(parse_wkt("POINT Z (1 2 3)").unwrap(), Geometry::Point(Coord::new(1.0, 2.0)));
/// let err = parse_wkt("POINT (1 2").unwrap_err();
/// assert_eq!(err.position(), 10);
/// ```
pub fn parse_wkt(text: &str) -> Result<Geometry, WktError> {
    let mut parser = Parser { text, pos: 0 };
    let geometry = parser.geometry(0)?;
    parser.skip_ws();
    if parser.pos < text.len() {
        return Err(parser.error("unexpected text after the geometry"));
    }
    Ok(geometry)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn error(&self, message: &str) -> WktError {
        let found = match self.rest().chars().next() {
            Some(c) => format!("found '{c}'"),
            None => "found the end of the text".to_string(),
        };
        WktError::new(self.pos, format!("{message}, {found}"))
    }

    /// Reads a run of ASCII letters, upper-cased; empty when there is none.
    fn word(&mut self) -> String {
        self.skip_ws();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        self.pos += len;
        rest[..len].to_ascii_uppercase()
    }

    /// Consumes `expected` if it is the next non-blank character.
    fn eat(&mut self, expected: char) -> bool {
        self.skip_ws();
        if self.rest().starts_with(expected) {
            self.pos += expected.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, expected: char) -> Result<(), WktError> {
        if self.eat(expected) {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{expected}'")))
        }
    }

    fn geometry(&mut self, depth: usize) -> Result<Geometry, WktError> {
        if depth > MAX_DEPTH {
            return Err(self.error("geometry collections nested too deeply"));
        }
        self.skip_ws();
        let start = self.pos;
        let keyword = self.word();
        if !TYPES.contains(&keyword.as_str()) {
            return Err(self.unknown_type(start));
        }
        let empty = self.dimension_and_empty()?;
        let geometry = match keyword.as_str() {
            "POINT" if empty => Geometry::empty_point(),
            "POINT" => {
                self.expect('(')?;
                let c = self.coord()?;
                self.expect(')')?;
                Geometry::Point(c)
            }
            "LINESTRING" => Geometry::LineString(self.or_empty(empty, Self::line)?),
            "POLYGON" => Geometry::Polygon(self.or_empty(empty, Self::polygon)?),
            "MULTIPOINT" => Geometry::MultiPoint(self.or_empty(empty, Self::multi_point)?),
            "MULTILINESTRING" => {
                Geometry::MultiLineString(self.or_empty(empty, |p| p.list(Self::line))?)
            }
            "MULTIPOLYGON" => {
                Geometry::MultiPolygon(self.or_empty(empty, |p| p.list(Self::polygon))?)
            }
            "GEOMETRYCOLLECTION" => {
                Geometry::Collection(self.or_empty(empty, |p| p.list(|p| p.geometry(depth + 1)))?)
            }
            _ => return Err(self.unknown_type(start)),
        };
        Ok(geometry)
    }

    fn unknown_type(&mut self, start: usize) -> WktError {
        self.pos = start;
        self.error("expected a geometry type (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON or GEOMETRYCOLLECTION)")
    }

    /// Skips an optional `Z`, `M` or `ZM` tag, then reports whether `EMPTY` follows.
    fn dimension_and_empty(&mut self) -> Result<bool, WktError> {
        let save = self.pos;
        let mut word = self.word();
        if matches!(word.as_str(), "Z" | "M" | "ZM") {
            word = self.word();
        }
        match word.as_str() {
            "EMPTY" => Ok(true),
            "" => Ok(false),
            _ => {
                self.pos = save;
                self.skip_ws();
                Err(self.error("expected '(' or EMPTY"))
            }
        }
    }

    fn or_empty<T: Default>(
        &mut self,
        empty: bool,
        body: impl FnOnce(&mut Self) -> Result<T, WktError>,
    ) -> Result<T, WktError> {
        if empty {
            Ok(T::default())
        } else {
            body(self)
        }
    }

    /// `( item, item, ... )`.
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, WktError>,
    ) -> Result<Vec<T>, WktError> {
        self.expect('(')?;
        let mut out = vec![item(self)?];
        loop {
            if self.eat(',') {
                out.push(item(self)?);
            } else if self.eat(')') {
                return Ok(out);
            } else {
                return Err(self.error("expected ',' or ')'"));
            }
        }
    }

    /// A line string body: `(x y, ...)`, with 2 points or more.
    fn line(&mut self) -> Result<Vec<Coord>, WktError> {
        let start = self.skip_then_pos();
        let coords = self.list(Self::coord)?;
        if coords.len() < 2 {
            return Err(WktError::new(
                start,
                "a line string needs at least 2 points",
            ));
        }
        Ok(coords)
    }

    /// A polygon body: `((shell), (hole), ...)`.
    fn polygon(&mut self) -> Result<Vec<Vec<Coord>>, WktError> {
        self.list(Self::ring)
    }

    fn ring(&mut self) -> Result<Vec<Coord>, WktError> {
        let start = self.skip_then_pos();
        let ring = self.list(Self::coord)?;
        if ring.len() < 4 {
            return Err(WktError::new(
                start,
                "a polygon ring needs at least 4 points",
            ));
        }
        if ring.first() != ring.last() {
            return Err(WktError::new(
                start,
                "a polygon ring must be closed (first point = last point)",
            ));
        }
        Ok(ring)
    }

    /// A multipoint body; each point may be bare (`1 2`) or wrapped (`(1 2)`).
    fn multi_point(&mut self) -> Result<Vec<Coord>, WktError> {
        self.list(|p| {
            if p.eat('(') {
                let c = p.coord()?;
                p.expect(')')?;
                Ok(c)
            } else {
                p.coord()
            }
        })
    }

    fn skip_then_pos(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    /// `x y` with up to two more ordinates (Z, M), which are dropped.
    fn coord(&mut self) -> Result<Coord, WktError> {
        let x = self.number()?;
        let y = self.number()?;
        for _ in 0..2 {
            if self.peek_number() {
                self.number()?;
            }
        }
        Ok(Coord::new(x, y))
    }

    fn peek_number(&mut self) -> bool {
        self.skip_ws();
        self.rest()
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'))
    }

    fn number(&mut self) -> Result<f64, WktError> {
        self.skip_ws();
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(rest.len());
        let token = &rest[..len];
        let starts_ok =
            token.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
        match token.parse::<f64>() {
            Ok(v) if starts_ok && v.is_finite() => {
                self.pos += len;
                Ok(v)
            }
            Ok(_) if starts_ok => Err(WktError::new(
                start,
                format!("number '{token}' is not finite"),
            )),
            _ => Err(self.error("expected a number")),
        }
    }
}

//! Path patterns such as `project/{id}.json` or `imageinstance/{id}/window-{x}-{y}-{w}-{h}.{fmt}`.

/// One piece of a pattern segment.
#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Var(String),
}

/// A compiled path pattern (segments separated by `/`).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    segments: Vec<Vec<Piece>>,
}

/// Values captured by a matched pattern.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// The captured text of `{name}`.
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
    /// The captured value as an id, when numeric.
    pub(crate) fn id(&self, name: &str) -> Option<i64> {
        self.get(name).parse().ok()
    }
}

impl Pattern {
    /// Compile a pattern; `{name}` marks a variable inside a segment.
    pub(crate) fn new(text: &str) -> Pattern {
        let segments = text.split('/').map(compile_segment).collect();
        Pattern { segments }
    }

    /// Match a path (without the leading prefix) against this pattern.
    #[cfg(test)]
    pub(crate) fn matches(&self, path: &str) -> Option<Params> {
        let parts: Vec<&str> = path.split('/').collect();
        self.matches_parts(&parts)
    }

    /// Match a path already split at `/` (split once for a whole route table); a pattern
    /// with another number of segments, or whose first literal differs, is refused before
    /// anything is captured.
    pub(crate) fn matches_parts(&self, parts: &[&str]) -> Option<Params> {
        if parts.len() != self.segments.len() {
            return None;
        }
        if let (Some(seg), Some(part)) = (self.segments.first(), parts.first()) {
            if let Some(Piece::Lit(lit)) = seg.first() {
                if !part.starts_with(lit.as_str()) {
                    return None;
                }
            }
        }
        let mut params = Params::default();
        for (seg, part) in self.segments.iter().zip(parts) {
            match_segment(seg, part, &mut params)?;
        }
        Some(params)
    }
}

fn compile_segment(seg: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = seg;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            pieces.push(Piece::Lit(rest[..start].to_owned()));
        }
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        pieces.push(Piece::Var(rest[start + 1..end].to_owned()));
        rest = rest.get(end + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        pieces.push(Piece::Lit(rest.to_owned()));
    }
    pieces
}

/// Variables match the shortest non-empty text up to the next literal (the last one takes the rest).
fn match_segment(pieces: &[Piece], mut text: &str, params: &mut Params) -> Option<()> {
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Lit(l) => text = text.strip_prefix(l.as_str())?,
            Piece::Var(name) => {
                let value = match pieces.get(i + 1) {
                    Some(Piece::Lit(next)) => {
                        let at = text.get(1..)?.find(next.as_str())? + 1;
                        let v = &text[..at];
                        text = &text[at..];
                        v
                    }
                    _ => std::mem::take(&mut text),
                };
                if value.is_empty() {
                    return None;
                }
                params.0.push((name.clone(), value.to_owned()));
            }
        }
        i += 1;
    }
    text.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_json_suffix_and_windows() {
        let p = Pattern::new("project/{id}.json");
        assert_eq!(
            p.matches("project/12.json").map(|m| m.id("id")),
            Some(Some(12))
        );
        assert!(p.matches("project/12").is_none());
        assert!(p.matches("project/12.json/").is_none());
        let w = Pattern::new("imageinstance/{id}/window-{x}-{y}-{w}-{h}.{fmt}");
        let m = w.matches("imageinstance/5/window-10-20-30-40.png");
        let m = m.as_ref();
        assert_eq!(m.map(|m| m.get("h")), Some("40"));
        assert_eq!(m.map(|m| m.get("fmt")), Some("png"));
        assert!(Pattern::new("project.json")
            .matches("project.jsonx")
            .is_none());
        let parts = ["imageinstance", "5", "window-1-2-3-4.jpg"];
        assert_eq!(w.matches_parts(&parts).map(|m| m.id("x")), Some(Some(1)));
        assert!(w
            .matches_parts(&["image", "5", "window-1-2-3-4.jpg"])
            .is_none());
        assert!(w.matches_parts(&["imageinstance", "5"]).is_none());
    }
}

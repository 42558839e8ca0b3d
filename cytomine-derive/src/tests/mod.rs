//! Unit tests of the derive as functions over tokens: emitted facts, and errors with their spans.

mod codegen;
mod errors;

use crate::validate::validate;

/// The derive's output for `source`, as text without spaces (so assertions ignore formatting).
pub(crate) fn expand(source: &str) -> String {
    let tokens: proc_macro2::TokenStream = source.parse().unwrap();
    crate::expand::derive(tokens).to_string().replace(' ', "")
}

/// Each error of `source` as (message, the source text under its span).
pub(crate) fn errors(source: &str) -> Vec<(String, String)> {
    let input: syn::DeriveInput = syn::parse_str(source).unwrap();
    let Err(failure) = validate(&input) else {
        panic!("expected errors for {source}");
    };
    failure
        .errors
        .flatten()
        .into_iter()
        .map(|e| {
            let text = span_text(source, e.span());
            (e.to_string(), text)
        })
        .collect()
}

/// The single error of `source`.
pub(crate) fn single_error(source: &str) -> (String, String) {
    let mut all = errors(source);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

/// The text of `source` covered by `span` (line/column from `span-locations`).
fn span_text(source: &str, span: proc_macro2::Span) -> String {
    let (start, end) = (span.start(), span.end());
    let offset = |line: usize, column: usize| -> usize {
        let before: usize = source.lines().take(line - 1).map(|l| l.len() + 1).sum();
        let line_text = source.lines().nth(line - 1).unwrap_or("");
        before
            + line_text
                .char_indices()
                .nth(column)
                .map_or(line_text.len(), |(i, _)| i)
    };
    source[offset(start.line, start.column)..offset(end.line, end.column)].to_string()
}

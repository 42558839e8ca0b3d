//! How results are shown: aligned tables or one line for people, JSON with `--json` for
//! scripts. Commands build a [`Report`]; this module alone writes it.

use std::fmt::Display;
use std::io::Write;

use serde_json::Value;

use crate::failure::Failure;

/// Rows under headers, shown as an aligned table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these column headers.
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (cells beyond the headers are dropped, missing ones left blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as text: columns padded to their widest cell, two spaces apart.
    pub fn render(&self) -> String {
        let width = |i: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .chain([self.headers[i].len()])
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.headers.len()).map(width).collect();
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| format!("{:<w$}", cells.get(i).copied().unwrap_or("")))
                .collect();
            padded.join("  ").trim_end().to_string()
        };
        let mut out = vec![line(self.headers.clone())];
        out.extend(
            self.rows
                .iter()
                .map(|r| line(r.iter().map(String::as_str).collect())),
        );
        out.join("\n")
    }
}

/// What a command shows, in both forms; and, for partial results, the failure to exit with
/// once it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The `--json` form.
    pub json: Value,
    /// The form for people.
    pub human: Human,
    /// Shown first, then the process exits with this failure's code.
    pub failure: Option<Failure>,
}

/// The human form of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Human {
    /// A table.
    Table(Table),
    /// Free text, one or more lines.
    Text(String),
    /// Nothing (the command already wrote its data to standard output).
    Nothing,
}

impl Report {
    /// A report shown as a table.
    pub fn table(json: Value, table: Table) -> Self {
        Report {
            json,
            human: Human::Table(table),
            failure: None,
        }
    }

    /// A report shown as text.
    pub fn text(json: Value, text: impl Into<String>) -> Self {
        Report {
            json,
            human: Human::Text(text.into()),
            failure: None,
        }
    }

    /// A report that shows nothing in either form.
    pub fn silent() -> Self {
        Report {
            json: Value::Null,
            human: Human::Nothing,
            failure: None,
        }
    }
}

/// A cell: the value, or `-` when absent.
pub fn cell<T: Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// Writes reports and failures to the terminal in the chosen form.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
}

impl Output {
    /// `json`: print JSON instead of tables.
    pub fn new(json: bool) -> Self {
        Output { json }
    }

    /// Prints a report on standard output (a closed pipe is not an error). A partial failure
    /// then gets its human line on standard error and, with `--json`, an `error` member in the
    /// same JSON document, so that scripts read one document.
    pub fn report(&self, report: &Report) {
        let text = match (&report.human, self.json) {
            (Human::Nothing, _) => None,
            (_, true) => Some(self.json_text(report)),
            (Human::Table(t), false) => Some(t.render()),
            (Human::Text(t), false) => Some(t.clone()),
        };
        if let Some(text) = text {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
            let _ = out.flush();
        }
        if let Some(failure) = &report.failure {
            eprintln!("error: {}", failure.message);
        }
    }

    fn json_text(&self, report: &Report) -> String {
        let mut json = report.json.clone();
        if let (Some(failure), Value::Object(map)) = (&report.failure, &mut json) {
            if let Value::Object(error) = failure.to_json() {
                map.extend(error);
            }
        }
        serde_json::to_string_pretty(&json).unwrap_or_default()
    }

    /// Prints a failure: one human line on standard error and, with `--json`, the error object
    /// on standard output.
    pub fn failure(&self, failure: &Failure) {
        eprintln!("error: {}", failure.message);
        if self.json {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", failure.to_json());
            let _ = out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_columns() {
        let mut t = Table::new(&["id", "name"]);
        t.row(vec!["1".into(), "Demo project".into()]);
        t.row(vec!["1234".into(), "x".into()]);
        assert_eq!(t.render(), "id    name\n1     Demo project\n1234  x");
    }

    #[test]
    fn cells_show_absence() {
        assert_eq!(cell(Some(3)), "3");
        assert_eq!(cell::<i64>(None), "-");
    }
}

//! Annotation export formats, written one annotation at a time so that memory stays flat:
//! GeoJSON (a FeatureCollection written feature by feature), CSV, and WKT lines.

use std::io::Write;

use cytomine::models::Annotation;

use crate::cli::ExportFormat;
use crate::failure::{Failure, Kind};

const CSV_HEADER: &str = "id,image,slice,project,user,terms,area,perimeter,location";

/// Writes annotations in one format to `out`: [`Exporter::write`] each, then
/// [`Exporter::finish`].
pub struct Exporter<W: Write> {
    format: ExportFormat,
    out: W,
    count: u64,
}

fn write_failed(e: std::io::Error) -> Failure {
    let kind = if e.kind() == std::io::ErrorKind::BrokenPipe {
        Kind::OutputClosed
    } else {
        Kind::Input
    };
    Failure::new(kind, format!("cannot write the export: {e}"))
}

impl<W: Write> Exporter<W> {
    /// Starts an export (writes the GeoJSON opening or the CSV header).
    pub fn start(format: ExportFormat, mut out: W) -> Result<Self, Failure> {
        let head = match format {
            ExportFormat::Geojson => "{\"type\":\"FeatureCollection\",\"features\":[\n".to_string(),
            ExportFormat::Csv => format!("{CSV_HEADER}\n"),
            ExportFormat::Wkt => String::new(),
        };
        out.write_all(head.as_bytes()).map_err(write_failed)?;
        Ok(Exporter {
            format,
            out,
            count: 0,
        })
    }

    /// Writes one annotation. A GeoJSON export fails on a location that is not valid WKT,
    /// naming the annotation.
    pub fn write(&mut self, annotation: &Annotation) -> Result<(), Failure> {
        let text = match self.format {
            ExportFormat::Geojson => {
                let feature = annotation.to_feature()?;
                let separator = if self.count == 0 { "" } else { ",\n" };
                format!("{separator}{feature}")
            }
            ExportFormat::Csv => csv_row(annotation),
            ExportFormat::Wkt => format!("{}\n", annotation.location.as_deref().unwrap_or("")),
        };
        self.out.write_all(text.as_bytes()).map_err(write_failed)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the document; returns the number of annotations written.
    pub fn finish(mut self) -> Result<u64, Failure> {
        if self.format == ExportFormat::Geojson {
            self.out.write_all(b"\n]}\n").map_err(write_failed)?;
        }
        self.out.flush().map_err(write_failed)?;
        Ok(self.count)
    }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_row(a: &Annotation) -> String {
    let terms: Vec<String> = a.term.iter().flatten().map(i64::to_string).collect();
    let fields = [
        opt(a.id),
        opt(a.image),
        opt(a.slice),
        opt(a.project),
        opt(a.user),
        terms.join(";"),
        opt(a.area),
        opt(a.perimeter),
        opt(a.location.as_deref()),
    ];
    let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    format!("{}\n", quoted.join(","))
}

/// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Annotation {
        let mut a = Annotation::new("POLYGON ((0 0, 0 2, 2 2, 0 0))", 7).with_terms([1, 2]);
        a.id = Some(5);
        a
    }

    fn export(format: ExportFormat, items: &[Annotation]) -> String {
        let mut buf = Vec::new();
        let mut exporter = Exporter::start(format, &mut buf).unwrap();
        items.iter().for_each(|a| exporter.write(a).unwrap());
        assert_eq!(exporter.finish().unwrap(), items.len() as u64);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn csv_quotes_the_wkt() {
        let text = export(ExportFormat::Csv, &[sample()]);
        assert_eq!(
            text,
            "id,image,slice,project,user,terms,area,perimeter,location\n5,7,,,,1;2,,,\"POLYGON ((0 0, 0 2, 2 2, 0 0))\"\n"
        );
    }

    #[test]
    fn geojson_is_one_valid_collection() {
        let text = export(ExportFormat::Geojson, &[sample(), sample()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["features"].as_array().unwrap().len(), 2);
        assert_eq!(
            value["features"][0]["properties"]["term"],
            serde_json::json!([1, 2])
        );
    }

    #[test]
    fn a_bad_location_names_the_annotation() {
        let mut bad = sample();
        bad.location = Some("POLYGON ((0 0".into());
        let mut exporter = Exporter::start(ExportFormat::Geojson, Vec::new()).unwrap();
        let err = exporter.write(&bad).unwrap_err();
        assert!(
            err.message.starts_with("annotation 5: invalid WKT"),
            "{err}"
        );
    }
}

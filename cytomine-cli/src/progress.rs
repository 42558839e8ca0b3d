//! Progress bars (indicatif) on standard error, for transfers and bulk work. indicatif draws
//! nothing when standard error is not a terminal, so scripts and tests see no bar.

use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting bytes; its length is set by the first progress report.
pub fn bytes(label: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    bar
}

/// A bar counting items, with a known total or as a spinner.
pub fn items(label: &str, total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(n) => (ProgressBar::new(n), "{msg} [{bar:30}] {pos}/{len} ({eta})"),
        None => (ProgressBar::new_spinner(), "{msg} {spinner} {pos}"),
    };
    bar.set_style(
        ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(label.to_string());
    bar
}

/// A transfer progress hook for `cytomine::files` that moves `bar`.
pub fn hook(bar: &ProgressBar) -> cytomine::files::Progress {
    let bar = bar.clone();
    Arc::new(move |done, total| {
        if let Some(total) = total {
            bar.set_length(total);
        }
        bar.set_position(done);
    })
}

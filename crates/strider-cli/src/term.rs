//! Terminal niceties that appear only on a terminal: colour on stdout, progress bars on stderr.
//! Pipes and files get plain text, so scripts and tests see no escape codes.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Whether stdout is a terminal (colour allowed), unless NO_COLOR is set.
pub fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// A heading: bold cyan on a terminal, plain otherwise.
pub fn heading(text: &str) -> String {
    if colour() {
        format!("\x1b[1;36m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A progress bar over `total` units of `unit` on stderr, hidden unless stderr is a terminal.
pub fn progress(total: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}

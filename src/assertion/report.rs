//! `claimex report`: assertions as one self-contained HTML page for analysts.
//!
//! Per assertion a timeline chart (inline SVG drawn by the page's script: value or range
//! against time, one mark per supporting claim, coloured by source kind, each mark a link to
//! its sentence below the chart), the disputed first, then the corroborated, then the rest;
//! filters by subject, unit and place. Nothing is fetched: styles, script and data are in the
//! file. The page's HTML, CSS and JS are in this folder and embedded at build time.

use serde_json::Value;
use std::io::{self, BufRead, Write};
use std::path::Path;

const PAGE: &str = include_str!("report.html");
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// What went into a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// Assertions read.
    pub read: usize,
    /// Assertions shown.
    pub shown: usize,
    /// Lines that were not assertions (skipped, each reported).
    pub bad_lines: usize,
}

/// Assertions kept for the page: up to `limit` of each verdict, in input order.
struct Kept {
    limit: usize,
    disputed: Vec<Value>,
    corroborated: Vec<Value>,
    single: Vec<Value>,
}

impl Kept {
    fn add(&mut self, a: Value) {
        let list = match a["verdict"].as_str() {
            Some("disputed") => &mut self.disputed,
            Some("corroborated") => &mut self.corroborated,
            _ => &mut self.single,
        };
        if list.len() < self.limit {
            list.push(a);
        }
    }

    /// Disputed first, then corroborated, then single; at most `limit` in all. Within a
    /// verdict, the assertions with more claims first (a stable sort keeps input order).
    fn into_page_order(self) -> Vec<Value> {
        let limit = self.limit;
        let count = |a: &Value| std::cmp::Reverse(a["claims"].as_array().map_or(0, Vec::len));
        let mut all = Vec::new();
        for mut list in [self.disputed, self.corroborated, self.single] {
            list.sort_by_key(count);
            all.extend(list);
        }
        all.truncate(limit);
        all
    }
}

/// Read assertions JSONL from `reader` (named `path` in messages) and write the page to `out`,
/// showing at most `limit` assertions. Bad lines go to `bad` as "PATH:LINE: message".
pub fn write(
    path: &Path,
    reader: impl BufRead,
    limit: usize,
    out: &mut dyn Write,
    bad: &mut dyn FnMut(String),
) -> io::Result<ReportSummary> {
    let mut kept = Kept { limit, disputed: Vec::new(), corroborated: Vec::new(), single: Vec::new() };
    let mut summary = ReportSummary::default();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(&line) {
            Ok(a) if a["schema"] == crate::assertion::SCHEMA => {
                summary.read += 1;
                kept.add(a);
            }
            Ok(_) => {
                summary.bad_lines += 1;
                bad(format!("{}:{}: not a {} record", path.display(), i + 1, crate::assertion::SCHEMA));
            }
            Err(e) => {
                summary.bad_lines += 1;
                bad(format!("{}:{}: not JSON: {e}", path.display(), i + 1));
            }
        }
    }
    let shown = kept.into_page_order();
    summary.shown = shown.len();
    let data = serde_json::json!({ "read": summary.read, "shown": shown.len(), "assertions": shown });
    out.write_all(render(&data).as_bytes())?;
    Ok(summary)
}

/// The page with `data` embedded.
fn render(data: &Value) -> String {
    // Inside <script> the only sequence that can end the element early is "</"; JSON allows
    // "<\/" for it. U+2028/2029 are escaped too, for old parsers.
    let json = data.to_string().replace("</", "<\\/").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    PAGE.replacen("/*STYLE*/", STYLE, 1).replacen("/*SCRIPT*/", SCRIPT, 1).replacen("{/*DATA*/}", &json, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_embeds_data_that_cannot_close_its_script() {
        let data =
            serde_json::json!({"assertions": [{"claims": [{"sentence": "a </script><script>alert(1)</script>"}]}]});
        let page = render(&data);
        assert_eq!(page.matches("</script>").count(), PAGE.matches("</script>").count());
        assert!(page.contains("<\\/script>"));
        assert!(!page.contains("/*DATA*/") && !page.contains("/*SCRIPT*/") && !page.contains("/*STYLE*/"));
    }

    #[test]
    fn report_puts_disputed_first_and_keeps_the_limit() {
        let mut kept = Kept { limit: 2, disputed: Vec::new(), corroborated: Vec::new(), single: Vec::new() };
        for v in ["single", "corroborated", "disputed", "single"] {
            kept.add(serde_json::json!({"verdict": v, "claims": []}));
        }
        let order: Vec<Value> = kept.into_page_order().into_iter().map(|a| a["verdict"].clone()).collect();
        assert_eq!(order, ["disputed", "corroborated"]);
    }
}

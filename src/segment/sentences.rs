//! Sentence boundaries inside one line of text (placeholder: split on ". ").

use crate::span::Span;

/// Byte spans of the sentences of `line`, trimmed of white space.
pub fn split(line: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = line.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'?' | b'!') && (i + 1 == b.len() || b[i + 1] == b' ') {
            push_trimmed(line, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(line, start, line.len(), &mut out);
    out
}

fn push_trimmed(line: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &line[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

//! Hostile text runs in bounded memory and output, and never aborts the batch (issue #20,
//! items 2 and the proof): number-dense and line-dense text, one long sentence full of
//! numbers, and (in its own test, as it depends on the HTML reader) deeply nested markup.
//!
//! Peak memory is the kernel's figure for the largest child this test process has waited
//! for (`getrusage(RUSAGE_CHILDREN)`): every run here must stay under [`PEAK_MB`], so the
//! maximum over all of them is the figure to check, whichever tests run at once.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// The memory every hostile run here must stay under, in MB.
const PEAK_MB: u64 = 500;

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

/// The largest peak resident memory of any child waited for so far, in MB.
fn children_peak_mb() -> u64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage");
    // Linux reports kilobytes.
    u64::try_from(usage.ru_maxrss).unwrap_or(0) / 1024
}

/// Extract `input` into a file beside it: (exit code, stderr, output bytes, claims).
fn extract(input: &Path) -> (Option<i32>, String, u64, usize) {
    let out = input.with_extension("claims.jsonl");
    let run = claimex().args(["extract", "--jobs", "2", "-o"]).arg(&out).arg(input).output().expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let bytes = fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let claims = fs::read(&out).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0);
    (run.status.code(), stderr, bytes, claims)
}

fn assert_bounded(what: &str, stderr: &str) {
    let peak = children_peak_mb();
    assert!(peak < PEAK_MB, "{what}: peak memory {peak} MB (limit {PEAK_MB} MB)\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{what}: {stderr}");
}

/// One sentence of 40 KB, all numbers: each claim used to repeat the whole sentence
/// (13,000 claims × 40 KB). Now the sentence text is a window around each claim.
#[test]
fn memory_one_long_sentence_of_numbers_gives_bounded_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("dense.txt");
    fs::write(&input, "1% ".repeat(13_000)).expect("write");
    let (code, stderr, bytes, claims) = extract(&input);
    assert!(code == Some(0) || code == Some(1), "{code:?}: {stderr}");
    assert!(claims > 1000, "the numbers are still extracted: {claims}\n{stderr}");
    assert!(bytes / claims as u64 <= 4096, "{bytes} bytes for {claims} claims: records repeat the sentence");
    assert_bounded("one long sentence", &stderr);
}

/// 50 MB of numbers, one per line (the largest document the default limits accept): it
/// finishes, within the memory bound, and says that the document has too many numbers.
#[test]
fn memory_50_mb_of_numbers_finishes_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("numbers.txt");
    let line = "Officials said 12 people and 3% of 40 homes.\n";
    fs::write(&input, line.repeat(49 * 1024 * 1024 / line.len())).expect("write");
    let (code, stderr, bytes, claims) = extract(&input);
    assert_eq!(code, Some(1), "the rest of the document is reported: {stderr}");
    assert!(stderr.contains("too many numbers"), "{stderr}");
    assert!(claims > 1000 && bytes < 100 * 1024 * 1024, "{claims} claims, {bytes} bytes");
    assert_bounded("50 MB of numbers", &stderr);
}

/// Number words count as numbers: one line of 12,000 "two" (800 KB of them ran for minutes).
#[test]
fn memory_number_words_are_capped_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("twos.txt");
    fs::write(&input, "two ".repeat(12_000)).expect("write");
    let (code, stderr, bytes, claims) = extract(&input);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("too many numbers (more than 10000)"), "{stderr}");
    assert!(claims <= 10_000 && bytes / (claims.max(1) as u64) <= 4096, "{claims} claims, {bytes} bytes");
    assert_bounded("number words", &stderr);
}

/// Short lines of one number each (2 MB of "1\n" used to peak at 1.4 GB).
#[test]
fn memory_line_dense_numbers_stay_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("lines.txt");
    fs::write(&input, "1\n".repeat(1024 * 1024)).expect("write");
    let (code, stderr, _, _) = extract(&input);
    assert!(code == Some(0) || code == Some(1), "{code:?}: {stderr}");
    assert_bounded("2 MB of one-number lines", &stderr);
}

/// Line-dense text without numbers: 8 MB of one-word lines (20 MB used to peak at 1.3 GB).
#[test]
fn memory_line_dense_words_stay_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("words.txt");
    fs::write(&input, "a\n".repeat(4 * 1024 * 1024)).expect("write");
    let (code, stderr, _, _) = extract(&input);
    assert!(code == Some(0) || code == Some(1), "{code:?}: {stderr}");
    assert_bounded("8 MB of one-word lines", &stderr);
}

/// Deeply nested HTML (20,000 `<div>`, 30,000 `<span>`): the page is read or skipped with
/// a message naming it, never aborting the batch; the article beside it is still extracted.
/// Depends on the HTML reader bounding its traversal (issue #20 item 1).
#[test]
fn memory_deeply_nested_html_does_not_abort_the_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    let nest = |tag: &str, n: usize| {
        format!(
            "<html><body>{}<p>About 40 people were killed.</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    };
    fs::write(docs.join("divs.html"), nest("div", 20_000)).expect("write");
    fs::write(docs.join("spans.html"), nest("span", 30_000)).expect("write");
    fs::write(docs.join("quotes.html"), nest("blockquote", 30_000)).expect("write");
    fs::write(docs.join("plain.txt"), "Officials said 12 people were killed.").expect("write");
    let (code, stderr, _, claims) = extract(&docs);
    assert!(code == Some(0) || code == Some(1), "the batch ends normally: {code:?}\n{stderr}");
    assert!(claims >= 1, "the plain article is extracted: {stderr}");
    assert_bounded("nested HTML", &stderr);
}

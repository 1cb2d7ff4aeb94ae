//! Real article folders: every input format, metadata in the `doc` block, bad input named
//! with file and line, `--errors`, standard input, and interrupted runs that keep the old
//! output.

use assert_cmd::Command;
use claimex::input::{self, InputOptions};
use proptest::prelude::*;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

const SENTENCE: &str = "About 40 people were killed in Raqqa, officials said.";

fn gzip(path: &Path, bytes: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(fs::File::create(path).unwrap(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

/// One article in each format, and bad ones.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("a.md"), format!("# Raqqa\n\n{SENTENCE}\n")).unwrap();
    fs::write(
        p.join("b.html"),
        format!(
            r#"<html><head><meta property="og:title" content="Raqqa toll">
            <meta property="article:published_time" content="2025-02-03">
            <meta property="og:site_name" content="Example News">
            <link rel="canonical" href="https://example.org/raqqa"></head>
            <body><nav>Home</nav><article><p>{SENTENCE}</p></article>
            <div class="comments"><p>I count 99 mistakes.</p></div></body></html>"#
        ),
    )
    .unwrap();
    let jsonl = [
        serde_json::json!({"text": SENTENCE, "title": "T1", "url": "https://x/1", "published": "2025-01-01", "publisher": "Wire", "id": "w1"}).to_string(),
        "{\"text\": broken".to_string(),
        serde_json::json!({"maintext": "Nearly 2,000 fighters remain.", "date_publish": "2025-01-02"}).to_string(),
    ]
    .join("\n");
    gzip(&p.join("c.jsonl.gz"), jsonl.as_bytes());
    fs::write(p.join("d.json"), serde_json::json!([{"body": SENTENCE}, {"text": "Two envoys went."}]).to_string())
        .unwrap();
    fs::write(p.join("e.txt"), b"Caf\xe9 owners said 12 shops closed in Raqqa.").unwrap();
    fs::write(p.join("f.txt.gz"), b"\x1f\x8b\x08\x00not really gzip").unwrap();
    fs::write(p.join("notes.csv"), "not an article, 5 rows").unwrap();
    dir
}

fn run(args: &[&str], dir: &Path) -> (Option<i32>, Vec<Value>, String) {
    let out = claimex().args(args).arg(dir).output().unwrap();
    let records = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (out.status.code(), records, String::from_utf8(out.stderr).unwrap())
}

fn name(r: &Value) -> String {
    let path = r["doc"]["path"].as_str().unwrap();
    Path::new(path).file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn inputs_every_format_gives_documents_with_their_metadata() {
    let dir = folder();
    let errors = dir.path().join("errors.jsonl");
    let (code, records, stderr) = run(&["extract", "--errors", errors.to_str().unwrap(), "--jobs", "2"], dir.path());
    assert_eq!(code, Some(1), "two inputs fail, the rest are written: {stderr}");
    let docs: Vec<(String, Option<u64>, &str, Option<&str>)> = records
        .iter()
        .map(|r| {
            (name(r), r["doc"]["line"].as_u64(), r["doc"]["format"].as_str().unwrap(), r["doc"]["encoding"].as_str())
        })
        .collect();
    let mut distinct = docs.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            ("a.md".into(), None, "markdown", None),
            ("b.html".into(), None, "html", None),
            ("c.jsonl.gz".into(), Some(1), "jsonl", None),
            ("c.jsonl.gz".into(), Some(3), "jsonl", None),
            ("d.json".into(), None, "json", None),
            ("e.txt".into(), None, "text", Some("windows-1252")),
        ]
    );
    // Offsets refer to the extracted text, whose hash is in the record.
    let html = records.iter().find(|r| name(r) == "b.html").unwrap();
    assert_eq!(html["quantity"]["text"], "About 40");
    assert_eq!(html["sentence"]["text"], SENTENCE);
    let page_text = format!("Raqqa toll\n\n{SENTENCE}");
    assert_eq!(html["doc"]["text_sha256"], claimex::document::sha256_hex(page_text.as_bytes()));
    assert_eq!(html["sentence"]["char_start"], 12);
    assert_eq!(
        (&html["doc"]["title"], &html["doc"]["published"], &html["doc"]["publisher"], &html["doc"]["url"]),
        (
            &Value::from("Raqqa toll"),
            &Value::from("2025-02-03"),
            &Value::from("Example News"),
            &Value::from("https://example.org/raqqa")
        )
    );
    let wire = records.iter().find(|r| r["doc"]["line"] == 1).unwrap();
    assert_eq!((&wire["doc"]["publisher"], &wire["doc"]["id"]), (&Value::from("Wire"), &Value::from("w1")));
    assert!(!records.iter().any(|r| r["sentence"]["text"].as_str().unwrap().contains("99 mistakes")));
    // Each failure is on stderr and in the errors file, named with its line.
    let logged: Vec<Value> =
        fs::read_to_string(&errors).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let logged: Vec<(String, &str, Option<u64>)> = logged
        .iter()
        .map(|e| {
            (name(&serde_json::json!({"doc": {"path": e["path"]}})), e["kind"].as_str().unwrap(), e["line"].as_u64())
        })
        .collect();
    assert_eq!(logged, [("c.jsonl.gz".into(), "bad_article", Some(2)), ("f.txt.gz".into(), "corrupt", None)]);
    assert!(stderr.contains("c.jsonl.gz: line 2: malformed JSON"), "{stderr}");
    assert!(stderr.contains("f.txt.gz: not a valid gzip file"), "{stderr}");
}

#[test]
fn inputs_json_fields_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        r#"{"story": {"content": "Five envoys went to Iraq."}, "link": "https://x/5"}"#,
    )
    .unwrap();
    let (code, _, stderr) = run(&["extract"], dir.path());
    assert_eq!(code, Some(2), "no article text under the default names: {stderr}");
    assert!(stderr.contains("line 1: no article text (looked for text, maintext"), "{stderr}");
    let (code, records, _) = run(&["extract", "--field", "text=story.content"], dir.path());
    assert_eq!(code, Some(0));
    assert_eq!(records[0]["quantity"]["text"], "Five");
    assert_eq!(records[0]["doc"]["url"], "https://x/5");
    claimex().args(["extract", "--field", "colour=red"]).arg(dir.path()).assert().code(2);
}

#[test]
fn inputs_standard_input_reads_jsonl_articles() {
    let lines =
        format!("{}\n{}\n", serde_json::json!({"text": SENTENCE}), serde_json::json!({"text": "Two envoys went."}));
    let out = claimex().args(["extract", "-q", "-"]).write_stdin(lines).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let records: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(&str, u64)> =
        records.iter().map(|r| (r["doc"]["path"].as_str().unwrap(), r["doc"]["line"].as_u64().unwrap())).collect();
    assert_eq!(got, [("-", 1), ("-", 2)]);
}

/// A folder big enough that a run takes a while even in a release build.
fn big_folder(files: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let article = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_5fed09ea5651c7d5.txt")).unwrap();
    for i in 0..files {
        fs::write(dir.path().join(format!("{i:05}.txt")), format!("{article}\nCopy {i}.\n")).unwrap();
    }
    dir
}

/// Start a run writing to `target` and send `signal` once its temporary file exists.
#[cfg(unix)]
fn interrupt(target: &Path, corpus: &Path, signal: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("claimex");
    let child = std::process::Command::new(bin)
        .args(["extract", "-q", "--jobs", "1", "-o"])
        .arg(target)
        .arg(corpus)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let dir = target.parent().unwrap();
    let temp_exists = || fs::read_dir(dir).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    let started = std::time::Instant::now();
    while !temp_exists() && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn inputs_interrupted_run_keeps_the_old_output() {
    let corpus = big_folder(3000);
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("claims.jsonl");
    fs::write(&target, "old output\n").unwrap();
    // SIGTERM: the batch stops at the next chunk, removes its temporary file and says so.
    let out = interrupt(&target, corpus.path(), "-TERM");
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted;"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "old output\n");
    assert_eq!(fs::read_dir(out_dir.path()).unwrap().count(), 1, "no temporary file is left");
    // SIGKILL cannot be handled: the old output is still intact, never half-written.
    let out = interrupt(&target, corpus.path(), "-KILL");
    assert_eq!(out.status.code(), None, "killed by a signal");
    assert_eq!(fs::read_to_string(&target).unwrap(), "old output\n");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random bytes in any format give a document or a clean error, never a panic.
    #[test]
    fn inputs_random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), ext in prop::sample::select(vec!["txt", "html", "json", "jsonl", "txt.gz"])) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("x.{ext}"));
        fs::write(&path, &bytes).unwrap();
        let options = InputOptions::default();
        if input::is_stream(&path) {
            for doc in input::articles(&path, &options).flatten() {
                prop_assert!(!doc.text.trim().is_empty());
            }
        } else if let Ok(doc) = input::read_file(&path, &options) {
            prop_assert!(!doc.text.trim().is_empty());
            prop_assert_eq!(doc.text_sha256, claimex::document::sha256_hex(doc.text.as_bytes()));
        }
    }

    /// Random JSON article objects give a document or a clean error.
    #[test]
    fn inputs_random_json_never_panics(text in "\\PC{0,80}", title in proptest::option::of("\\PC{0,20}"), n in any::<i64>()) {
        let line = serde_json::json!({"text": text, "title": title, "id": n}).to_string();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        fs::write(&path, format!("{line}\n{line}")).unwrap();
        let docs: Vec<_> = input::articles(&path, &InputOptions::default()).collect();
        prop_assert_eq!(docs.len(), 2);
        for doc in docs.into_iter().flatten() {
            prop_assert_eq!(doc.text.trim(), text.trim());
            prop_assert_eq!(doc.meta.id, Some(n.to_string()));
        }
    }
}

fn extract_to(target: &Path, corpus: &Path, manifest: &Path) -> String {
    let out =
        claimex().args(["extract", "-o"]).arg(target).arg("--incremental").arg(manifest).arg(corpus).assert().success();
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn inputs_incremental_run_reuses_unchanged_documents() {
    let corpus = tempfile::tempdir().unwrap();
    for f in fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
        let f = f.unwrap();
        fs::copy(f.path(), corpus.path().join(f.file_name())).unwrap();
    }
    fs::write(corpus.path().join("z.jsonl"), format!("{}\n", serde_json::json!({"text": SENTENCE}))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let (target, manifest, full) =
        (work.path().join("out.jsonl"), work.path().join("m"), work.path().join("full.jsonl"));
    let stderr = extract_to(&target, corpus.path(), &manifest);
    assert!(stderr.contains("no manifest yet; extracting everything"), "{stderr}");
    let first = fs::read(&target).unwrap();
    let stderr = extract_to(&target, corpus.path(), &manifest);
    assert!(stderr.contains("6 documents (6 unchanged)"), "{stderr}");
    assert_eq!(fs::read(&target).unwrap(), first);
    // One article changes: only it is extracted again, and the output is a full run's.
    let changed = corpus.path().join("001_eb69f9a4efdec1af.txt");
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\nAbout 45 new fighters joined last week.\n");
    fs::write(&changed, text).unwrap();
    let stderr = extract_to(&target, corpus.path(), &manifest);
    assert!(stderr.contains("6 documents (5 unchanged)"), "{stderr}");
    claimex().args(["extract", "-q", "-o"]).arg(&full).arg(corpus.path()).assert().success();
    assert_eq!(fs::read(&target).unwrap(), fs::read(&full).unwrap());
    assert_ne!(fs::read(&target).unwrap(), first);
    // An output edited by hand is not trusted.
    fs::write(&target, "edited\n").unwrap();
    let stderr = extract_to(&target, corpus.path(), &manifest);
    assert!(stderr.contains("changed since the manifest was written; extracting everything"), "{stderr}");
    assert_eq!(fs::read(&target).unwrap(), fs::read(&full).unwrap());
    // It needs an output file to reuse.
    claimex().args(["extract", "--incremental"]).arg(&manifest).arg(corpus.path()).assert().code(2);
}

/// Peak memory from the summary line (Linux; `None` elsewhere).
fn peak_mb(stderr: &str) -> Option<f64> {
    let at = stderr.rfind("peak memory ")?;
    stderr[at + 12..].split_whitespace().next()?.parse().ok()
}

/// Memory does not grow with the number of files or the length of a JSON-lines stream:
/// documents stream through in chunks. Prints the peaks it measures.
#[test]
fn inputs_memory_stays_bounded_for_many_files_and_long_streams() {
    let dir = tempfile::tempdir().unwrap();
    let files = 200_000;
    for d in 0..files / 1000 {
        let sub = dir.path().join(format!("{d:03}"));
        fs::create_dir(&sub).unwrap();
        for f in 0..1000 {
            fs::write(sub.join(format!("{f:04}.txt")), format!("Report {d}-{f}: two envoys went to Iraq.")).unwrap();
        }
    }
    let out = claimex().args(["extract", "-o"]).arg(dir.path().join("out.jsonl")).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success() && stderr.contains(&format!("{files} documents")), "{stderr}");
    let lines = |n: usize| -> (Option<f64>, String) {
        let path = dir.path().join(format!("{n}.jsonl"));
        let mut w = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        for i in 0..n {
            writeln!(
                w,
                "{}",
                serde_json::json!({"text": format!("Article {i}: about 40 people were killed in Raqqa.")})
            )
            .unwrap();
        }
        drop(w);
        let out = claimex().args(["extract", "-o"]).arg(dir.path().join("stream.out")).arg(&path).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{stderr}");
        (peak_mb(&stderr), stderr)
    };
    let (short, _) = lines(10_000);
    let (long, long_stderr) = lines(200_000);
    println!(
        "peak memory: {files} files {:?} MB; JSON lines: 10,000 {short:?} MB, 200,000 {long:?} MB",
        peak_mb(&stderr)
    );
    assert!(long_stderr.contains("200000 documents"), "{long_stderr}");
    if let (Some(many_files), Some(short), Some(long)) = (peak_mb(&stderr), short, long) {
        // The gazetteer automaton is most of it; twenty times the input must not double it.
        assert!(long < short * 1.5 + 20.0, "{long} MB for 200,000 lines against {short} MB for 10,000");
        assert!(many_files < short * 1.5 + 40.0, "{many_files} MB for {files} files");
    }
}

#[test]
fn inputs_too_large_files_are_skipped_even_compressed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), format!("{SENTENCE} ").repeat(40)).unwrap();
    // 400 KB of text in a few hundred compressed bytes: the limit applies to what is read.
    gzip(&dir.path().join("bomb.txt.gz"), format!("{SENTENCE} ").repeat(8000).as_bytes());
    fs::write(dir.path().join("small.txt"), SENTENCE).unwrap();
    let (code, records, stderr) = run(&["extract", "--max-doc-bytes", "1000"], dir.path());
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("big.txt: 2160 bytes is over the limit of 1000 bytes (--max-doc-bytes), skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("bomb.txt.gz: 1001 bytes is over the limit of 1000 bytes"), "{stderr}");
    assert_eq!(records.iter().map(name).collect::<Vec<_>>(), ["small.txt"]);
}

#[cfg(unix)]
#[test]
fn inputs_closed_pipe_ends_quietly() {
    use std::io::Read;
    let corpus = big_folder(500);
    let bin = assert_cmd::cargo::cargo_bin("claimex");
    let mut child = std::process::Command::new(bin)
        .args(["extract", "--jobs", "1"])
        .arg(corpus.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Like `claimex extract ... | head -c 100`: read a little, then close the pipe.
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("error"), "quiet: {}", String::from_utf8_lossy(&out.stderr));
}

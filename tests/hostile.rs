//! Hostile and careless use of `claimex extract` (issue #20): ids that collide, runs that
//! must not destroy the old output, outputs that name inputs, stale temporaries, signals,
//! odd file names and files, and the polish a new user found.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

fn corpus_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/003_81e02ed25abd9b62.txt")
}

fn records(jsonl: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(jsonl).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---- item 8: ids

/// Two files with the same text: every claim id is distinct, and `content_id` pairs the copies.
#[test]
fn hostile_ids_are_unique_per_document_and_content_ids_find_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(corpus_file(), dir.path().join("a.txt")).expect("copy");
    fs::copy(corpus_file(), dir.path().join("b.txt")).expect("copy");
    let lines = "{\"text\": \"About 40 people were killed.\"}\n".repeat(2);
    fs::write(dir.path().join("feed.jsonl"), lines).expect("write");
    let out = claimex().args(["extract", "-q"]).arg(dir.path()).output().expect("runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let all = records(&out.stdout);
    assert!(all.len() >= 20, "{}", all.len());
    let ids: std::collections::HashSet<&str> = all.iter().map(|r| r["id"].as_str().expect("id")).collect();
    assert_eq!(ids.len(), all.len(), "every record has its own id");
    let content = |path_end: &str| -> Vec<String> {
        all.iter()
            .filter(|r| r["doc"]["path"].as_str().is_some_and(|p| p.ends_with(path_end)))
            .map(|r| r["content_id"].as_str().expect("content_id").to_string())
            .collect()
    };
    assert_eq!(content("a.txt"), content("b.txt"), "copies share their content ids");
    assert!(!content("a.txt").is_empty());
}

/// `review` refuses a claims file with a duplicate id (naming the line), an empty id and a
/// huge one, instead of storing one claim over another.
#[test]
fn hostile_review_refuses_duplicate_empty_and_huge_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = |id: &str| {
        serde_json::json!({"schema": "claimex.claim/1", "id": id, "doc": {"path": "a.txt"},
                           "sentence": {"index": 0, "text": "Two."}})
        .to_string()
    };
    let cases = [
        (
            "dup",
            format!("{}\n{}\n{}\n", record("a1"), record("b2"), record("a1")),
            ":3: duplicate id a1 (first on line 1)",
        ),
        ("empty", format!("{}\n{}\n", record("a1"), record("")), ":2: id"),
        ("huge", format!("{}\n", record(&"x".repeat(10_000))), ":1: id"),
    ];
    for (name, text, want) in cases {
        let path = dir.path().join(format!("{name}.jsonl"));
        fs::write(&path, text).expect("write");
        let mut store = claimex::review::db::Store::open(&dir.path().join(format!("{name}.sqlite"))).expect("db");
        let err = store.load_file(&path).map(|r| r.claims).expect_err(name);
        assert!(err.to_string().contains(want), "{name}: {err}");
    }
}

// ---- items 3 to 7: extract

#[test]
fn hostile_jobs_has_an_upper_bound() {
    let out = claimex().args(["extract", "-q", "--jobs", "100000"]).arg(corpus_file()).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--jobs 100000 is capped at"), "{}", stderr_of(&out));
    assert!(out.stdout.len() > 1000);
}

/// SIGTERM stops a small batch (fewer documents than the window) within about a second:
/// exit 130, the earlier output kept.
#[cfg(unix)]
#[test]
fn hostile_sigterm_stops_a_small_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    let text = fs::read_to_string(corpus_file()).expect("read");
    // About a minute of work for a debug build, in 40 documents.
    for i in 0..40 {
        fs::write(docs.join(format!("{i:02}.txt")), text.repeat(40)).expect("write");
    }
    let out = dir.path().join("out.jsonl");
    fs::write(&out, "old\n").expect("write");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimex"))
        .args(["extract", "-q", "--jobs", "1", "-o"])
        .arg(&out)
        .arg(&docs)
        .spawn()
        .expect("spawn");
    // The temporary output exists once the signal handler is set and the batch runs.
    let temp = dir.path().join(format!(".out.jsonl.{}.tmp", child.id()));
    let started = Instant::now();
    while !temp.exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    let kill = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(kill.success());
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if sent.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("still running 10 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = sent.elapsed();
    assert_eq!(status.code(), Some(130));
    assert!(took < Duration::from_secs(2), "stopped {took:?} after SIGTERM");
    assert_eq!(fs::read_to_string(&out).expect("old output"), "old\n");
    assert!(!temp.exists(), "the temporary output is removed");
}

/// Nothing read: the old output and manifest stay as they were.
#[test]
fn hostile_nothing_read_keeps_the_old_output_and_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.jsonl");
    let manifest = dir.path().join("out.manifest");
    let run = claimex()
        .args(["extract", "-q", "-o"])
        .arg(&out)
        .arg("--incremental")
        .arg(&manifest)
        .arg(corpus_file())
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let (old_out, old_manifest) = (fs::read(&out).expect("out"), fs::read(&manifest).expect("manifest"));
    for incremental in [false, true] {
        let mut cmd = claimex();
        cmd.args(["extract", "-q", "-o"]).arg(&out).arg(dir.path().join("nonexistent"));
        if incremental {
            cmd.arg("--incremental").arg(&manifest);
        }
        let run = cmd.output().expect("runs");
        assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
        assert!(stderr_of(&run).contains("was not written"), "{}", stderr_of(&run));
        assert_eq!(fs::read(&out).expect("out"), old_out, "incremental: {incremental}");
        assert_eq!(fs::read(&manifest).expect("manifest"), old_manifest, "incremental: {incremental}");
    }
}

/// `-o` naming an input (directly, through a link, or a file a folder input would read) is
/// refused before anything is written.
#[test]
fn hostile_output_naming_an_input_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("a.txt");
    fs::copy(corpus_file(), &article).expect("copy");
    let before = fs::read(&article).expect("read");
    let mut outputs = vec![article.clone()];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.out");
        std::os::unix::fs::symlink(&article, &link).expect("symlink");
        outputs.push(link);
    }
    for output in &outputs {
        let run = claimex().args(["extract", "-q", "-o"]).arg(output).arg(&article).output().expect("runs");
        assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
        assert!(stderr_of(&run).contains("is one of the inputs"), "{}", stderr_of(&run));
        assert_eq!(fs::read(&article).expect("read"), before, "the article is intact");
    }
    // A folder input reads a.txt: writing there is refused too.
    let run = claimex().args(["extract", "-q", "-o"]).arg(&article).arg(dir.path()).output().expect("runs");
    assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
    assert_eq!(fs::read(&article).expect("read"), before);
}

/// A temporary output left by a killed run (its process is gone) is removed by the next run.
#[cfg(target_os = "linux")]
#[test]
fn hostile_stale_temporaries_are_cleaned() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Above the largest process id Linux hands out (2^22): no process has it.
    let stale = dir.path().join(".out.jsonl.4194999.tmp");
    let other = dir.path().join(".notes.txt.4194999.tmp");
    fs::write(&stale, "").expect("write");
    fs::write(&other, "").expect("write");
    let run = claimex()
        .args(["extract", "-q", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .arg(corpus_file())
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(!stale.exists(), "the stale temporary of out.jsonl is removed");
    assert!(other.exists(), "temporaries of other files are not ours to remove");
}

/// `-o` onto a folder fails before extracting, with a message naming it.
#[test]
fn hostile_output_onto_a_folder_fails_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("outdir");
    fs::create_dir(&folder).expect("mkdir");
    let run = claimex().args(["extract", "-o"]).arg(&folder).arg(corpus_file()).output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    assert!(stderr.contains("outdir: is a folder"), "{stderr}");
    assert!(!stderr.contains("documents"), "nothing was extracted: {stderr}");
    assert!(!stderr.contains(".outdir."), "no temporary name in messages: {stderr}");
    // Nor when the temporary cannot be created.
    let run = claimex()
        .args(["extract", "-o"])
        .arg(dir.path().join("no/such/out.jsonl"))
        .arg(corpus_file())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    assert!(stderr.contains("no/such/out.jsonl") && !stderr.contains(".out.jsonl."), "{stderr}");
}

/// Only strings are text: `"text": 42` is an article without text.
#[test]
fn hostile_a_number_is_not_article_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("feed.jsonl");
    fs::write(&feed, "{\"text\": 42}\n{\"text\": \"About 40 people were killed.\"}\n").expect("write");
    let run = claimex().arg("extract").arg(&feed).output().expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert!(stderr_of(&run).contains("line 1: no article text"), "{}", stderr_of(&run));
    assert_eq!(records(&run.stdout).len(), 1);
}

/// Two file names that differ only in bytes that are not UTF-8 stay two documents.
#[cfg(target_os = "linux")]
#[test]
fn hostile_non_utf8_file_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [&b"a\xff.txt"[..], &b"a\xfe.txt"[..]] {
        fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), "About 40 people were killed.").expect("write");
    }
    let run = claimex().args(["extract", "-q"]).arg(dir.path()).output().expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let paths: Vec<String> =
        records(&run.stdout).iter().map(|r| r["doc"]["path"].as_str().expect("path").to_string()).collect();
    assert_eq!(paths.len(), 2);
    assert_ne!(paths[0], paths[1]);
    assert!(paths.iter().any(|p| p.ends_with("a\\xfe.txt")), "{paths:?}");
}

/// A FIFO inside a folder is reported, not skipped silently (and not read: that would block).
#[cfg(unix)]
#[test]
fn hostile_a_fifo_in_a_folder_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(corpus_file(), dir.path().join("a.txt")).expect("copy");
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.txt")).status().expect("mkfifo");
    assert!(made.success());
    let run = claimex().arg("extract").arg(dir.path()).timeout(Duration::from_secs(60)).output().expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert!(stderr_of(&run).contains("pipe.txt: not a regular file"), "{}", stderr_of(&run));
    assert!(run.stdout.len() > 1000);
}

/// `--errors /dev/stdout` with stdout redirected to a file would write over the JSONL: refused.
#[cfg(target_os = "linux")]
#[test]
fn hostile_errors_onto_the_output_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.jsonl");
    let run = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimex"))
        .args(["extract", "-q", "--errors", "/dev/stdout"])
        .arg(corpus_file())
        .arg(dir.path().join("missing.txt"))
        .stdout(fs::File::create(&out).expect("create"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
    assert!(stderr_of(&run).contains("same file as the output"), "{}", stderr_of(&run));
    // Through a pipe, error lines go along with the claims.
    let run = claimex()
        .args(["extract", "-q", "--errors", "/dev/stdout"])
        .arg(corpus_file())
        .arg(dir.path().join("missing.txt"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stdout).contains("\"kind\":\"not_found\""));
}

// ---- item 14: polish

#[test]
fn hostile_os_errors_are_not_repeated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("x.sqlite");
    let run = claimex().args(["review", "nope.jsonl", "--db"]).arg(&db).output().expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
    assert!(!db.exists(), "no empty database is left behind");
}

#[test]
fn hostile_ext_takes_comma_lists() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a.txt", "b.md", "c.html"] {
        fs::write(dir.path().join(name), "<p>About 40 people were killed.</p>").expect("write");
    }
    let run = claimex().args(["extract", "--ext", "txt,md"]).arg(dir.path()).output().expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(stderr_of(&run).starts_with("claimex: 2 documents, 2 claims"), "{}", stderr_of(&run));
}

#[test]
fn hostile_summary_counts_are_singular_for_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.txt"), "About 40 people were killed.").expect("write");
    let run = claimex().arg("extract").arg(dir.path()).output().expect("runs");
    assert!(stderr_of(&run).starts_with("claimex: 1 document, 1 claim, 0 failed"), "{}", stderr_of(&run));
}

#[test]
fn hostile_eval_refuses_records_of_another_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let entities = dir.path().join("entities.jsonl");
    let run = claimex().args(["entities", "-q", "-o"]).arg(&entities).arg(corpus_file()).output().expect("runs");
    assert!(run.status.success());
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/seeds.gold.jsonl");
    let run = claimex()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg("--docs")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .arg(&entities)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stdout));
    assert!(stderr_of(&run).contains("claimex.entity/1"), "{}", stderr_of(&run));
}

#[test]
fn hostile_help_points_inside_the_repository_and_completions_exist() {
    let run = claimex().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&run.stdout);
    assert!(!help.contains("shared/"), "{help}");
    for shell in ["bash", "zsh", "fish"] {
        let run = claimex().args(["completions", shell]).output().expect("runs");
        assert!(run.status.success(), "{shell}: {}", stderr_of(&run));
        let script = String::from_utf8_lossy(&run.stdout);
        assert!(script.contains("extract") && script.contains("max-doc-bytes"), "{shell}");
    }
}

/// `eval --show-errors` lists time, subject and place misses too, not only unit and source.
#[test]
fn hostile_eval_show_errors_lists_every_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let claims = dir.path().join("claims.jsonl");
    let run = claimex().args(["extract", "-q", "-o"]).arg(&claims).arg(root.join("corpus")).output().expect("runs");
    assert!(run.status.success());
    let run = claimex()
        .args(["eval", "--show-errors", "2", "--gold"])
        .arg(root.join("tests/gold/seeds.gold.jsonl"))
        .arg("--docs")
        .arg(root.join("corpus"))
        .arg(&claims)
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let table = String::from_utf8_lossy(&run.stdout);
    for field in ["unit", "source", "time", "subject", "places"] {
        assert!(table.contains(&format!("-- wrong {field} (")), "{field}: {table}");
    }
}

/// A document cut short is not reused by `--incremental`: its error is reported on every
/// run, and the output stays identical to a full run.
#[test]
fn hostile_incremental_runs_report_a_cut_document_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    fs::copy(corpus_file(), docs.join("a.txt")).expect("copy");
    fs::write(docs.join("dense.txt"), "Officials said 40 people were killed.\n".repeat(10_005)).expect("write");
    let out = dir.path().join("out.jsonl");
    let manifest = dir.path().join("out.manifest");
    let mut outputs = Vec::new();
    for (i, unchanged) in ["2 documents, ", "2 documents (1 unchanged)"].into_iter().enumerate() {
        let run = claimex()
            .args(["extract", "-o"])
            .arg(&out)
            .arg("--incremental")
            .arg(&manifest)
            .arg(&docs)
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
        assert!(
            stderr_of(&run)
                .contains("dense.txt: too many numbers (more than 10000): the text from line 10001 on is skipped"),
            "{}",
            stderr_of(&run)
        );
        assert!(stderr_of(&run).contains(unchanged), "run {i}: {}", stderr_of(&run));
        outputs.push(fs::read(&out).expect("output"));
    }
    assert!(stderr_of(&claimex().arg("extract").arg(&docs).output().expect("runs")).contains("too many numbers"));
    assert_eq!(outputs[0], outputs[1]);
}

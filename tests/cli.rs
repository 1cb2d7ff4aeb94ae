//! The command line end to end: bad input is reported by name and never loses the batch,
//! exit codes tell what happened, and output bytes do not depend on the thread count.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

fn corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

#[test]
fn cli_extract_corpus_writes_jsonl_and_summary() {
    let out = claimex().args(["extract"]).arg(corpus()).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stdout.lines().count() > 40);
    assert!(stdout.lines().all(|l| l.starts_with("{\"schema\":\"claimex.claim/1\"")));
    assert!(stderr.starts_with("claimex: 5 documents, "), "{stderr}");
}

#[test]
fn cli_output_is_identical_for_any_thread_count() {
    let one = claimex().args(["extract", "--jobs", "1", "-q"]).arg(corpus()).output().unwrap();
    let four = claimex().args(["extract", "--jobs", "4", "-q"]).arg(corpus()).output().unwrap();
    assert!(one.status.success() && four.status.success());
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn cli_output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("claims.jsonl");
    claimex().args(["extract", "-q", "-o"]).arg(&target).arg(corpus()).assert().success();
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.lines().count() > 40);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left: {leftovers:?}");
}

/// `-o /dev/null` or a named pipe is written in place: renaming a temporary file over it
/// would replace the device (as root, /dev/null itself) with a regular file.
#[cfg(unix)]
#[test]
fn cli_output_to_a_pipe_or_device_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("claims.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    claimex().args(["extract", "-q", "-o"]).arg(&fifo).arg(corpus()).assert().success();
    // Checked before joining: were the pipe replaced, the reader would wait forever.
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe is still a pipe");
    let read = reader.join().unwrap();
    assert!(read.lines().count() > 40, "the claims went through the pipe");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file: {leftovers:?}");
}

/// A folder with one good article and one of each kind of bad input.
fn bad_batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::copy(corpus().join("003_81e02ed25abd9b62.txt"), p.join("good.txt")).unwrap();
    fs::write(p.join("binary.txt"), b"PK\x03\x04\x00\x00 zip data").unwrap();
    fs::write(p.join("junk.txt"), b"\x01\x02\x03\x04\x05\x06\x07\x08\xff\xfe 30 \x0e\x0f\x10\x11").unwrap();
    fs::write(p.join("empty.txt"), b"  \n").unwrap();
    fs::write(p.join("huge_line.txt"), "x".repeat(5000)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A link to a file that vanished, a link loop, and a file nobody may read.
        std::os::unix::fs::symlink(p.join("missing-target"), p.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(p.join("loop.txt"), p.join("loop.txt")).unwrap();
        fs::write(p.join("secret.txt"), "Two envoys.").unwrap();
        fs::set_permissions(p.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    }
    dir
}

#[test]
fn cli_bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = bad_batch();
    let out = claimex().args(["extract", "--max-line-bytes", "1000"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some documents failed");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expect = [
        ("binary.txt", "binary file"),
        ("junk.txt", "not text: neither UTF-8 nor a legacy encoding (first invalid UTF-8 byte at line 1, byte 8)"),
        ("empty.txt", "empty document"),
        ("huge_line.txt", "line 1 is 5000 bytes"),
        ("dangling.txt", "cannot read: No such file"),
        ("loop.txt", "cannot read"),
    ];
    for (file, why) in expect {
        let line =
            stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no error for {file} in:\n{stderr}"));
        assert!(line.starts_with("claimex: ") && line.contains(why), "{file}: {line}");
    }
    // Root reads any file whatever its mode: the permission case holds only for other users.
    if fs::read(dir.path().join("secret.txt")).is_err() {
        assert!(stderr.contains("secret.txt: cannot read: Permission denied"), "{stderr}");
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() >= 10, "the good article is still extracted");
    assert!(stdout.lines().all(|l| l.contains("good.txt") || l.contains("secret.txt")));
}

#[test]
fn cli_missing_path_and_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimex().args(["extract"]).arg(dir.path()).arg("no/such/file.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "nothing could be read");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no *.txt, *.md, *.html, *.htm, *.json, *.jsonl, *.ndjson files found"), "{stderr}");
    assert!(stderr.contains("no/such/file.txt: cannot read"), "{stderr}");
    // The missing one fails, the corpus is still written.
    let out = claimex().args(["extract", "-q", "no/such/file.txt"]).arg(corpus()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.len() > 1000);
}

#[test]
fn cli_usage_errors_exit_2() {
    claimex().args(["extract"]).assert().code(2);
    claimex().args(["frobnicate"]).assert().code(2);
    let out = claimex().args(["extract", "--gazetteers", "no/such/dir"]).arg(corpus()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("cannot load gazetteers"));
}

#[test]
fn cli_help_lists_commands_and_options() {
    let out = claimex().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("extract") && help.contains("eval"));
    let out = claimex().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in ["--output", "--ext", "--jobs", "--gazetteers", "--max-doc-bytes", "--quiet"] {
        assert!(help.contains(flag), "{flag} missing from extract --help");
    }
}

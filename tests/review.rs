//! `claimex review` over HTTP: a real server on a free port, a real client. Each safety
//! promise of the review page has a test here: the token on POSTs, bounded bodies and fields,
//! paths that never come from the request, article text served as data; and the whole
//! round trip: decide, undo, restart, export, `claimex eval`.
#![cfg(feature = "review")]

mod common;

use assert_cmd::Command;
use claimex::review::db::Store;
use claimex::review::server::{self, Running, TOKEN_HEADER};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The sample corpus plus a hostile article in a temporary folder, extracted.
struct Fixture {
    dir: tempfile::TempDir,
    docs: PathBuf,
    claims: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docs, claims) = common::review_fixture(dir.path());
    Fixture { dir, docs, claims }
}

struct Server {
    runtime: tokio::runtime::Runtime,
    running: Running,
    base: String,
}

fn serve(f: &Fixture, db: &Path) -> Server {
    let mut store = Store::open(db).expect("db");
    store.load_file(&f.claims).expect("load");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let running = runtime
        .block_on(server::spawn(store, Some(f.docs.clone()), "127.0.0.1:0".parse().expect("addr")))
        .expect("server starts");
    let base = format!("http://{}", running.addr);
    Server { runtime, running, base }
}

impl Server {
    fn get(&self, path: &str) -> (u16, String, String) {
        match ureq::get(&format!("{}{path}", self.base)).call() {
            Ok(r) => {
                let kind = r.content_type().to_string();
                (r.status(), kind, r.into_string().expect("body"))
            }
            Err(ureq::Error::Status(code, r)) => (code, String::new(), r.into_string().unwrap_or_default()),
            Err(e) => panic!("GET {path}: {e}"),
        }
    }

    fn post(&self, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
        let mut req = ureq::post(&format!("{}{path}", self.base)).set("content-type", "application/json");
        if let Some(t) = token {
            req = req.set(TOKEN_HEADER, t);
        }
        match req.send_string(body) {
            Ok(r) => (r.status(), serde_json::from_str(&r.into_string().unwrap_or_default()).unwrap_or(Value::Null)),
            Err(ureq::Error::Status(code, r)) => {
                (code, serde_json::from_str(&r.into_string().unwrap_or_default()).unwrap_or(Value::Null))
            }
            Err(ureq::Error::Transport(t)) => panic!("POST {path}: {t}"),
        }
    }

    /// POST a body of `len` spaces by hand (ureq may fail to send it all once the server has
    /// answered): the status line's code.
    fn raw_post_status(&self, path: &str, token: &str, len: usize) -> u16 {
        use std::io::{Read, Write};
        let mut tcp = std::net::TcpStream::connect(self.running.addr).expect("connect");
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(10))).expect("timeout");
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\n{TOKEN_HEADER}: {token}\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n",
            self.running.addr
        );
        tcp.write_all(head.as_bytes()).expect("headers");
        tcp.write_all(&vec![b' '; len]).expect("body");
        let mut answer = Vec::new();
        let _ = tcp.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer);
        text.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status line: {text:?}"))
    }

    fn json(&self, path: &str) -> Value {
        let (code, _, body) = self.get(path);
        assert_eq!(code, 200, "GET {path}: {body}");
        serde_json::from_str(&body).expect("json")
    }

    /// The token as the page carries it.
    fn page_token(&self) -> String {
        let (code, _, page) = self.get("/");
        assert_eq!(code, 200);
        let at = page.find("name=\"review-token\" content=\"").expect("token meta") + 29;
        page[at..at + 48].to_string()
    }

    fn first_id(&self) -> String {
        self.json("/api/claims?per_page=1")["items"][0]["id"].as_str().expect("id").to_string()
    }

    fn stop(self) {
        self.running.task.abort();
        drop(self.runtime);
    }
}

fn decision(id: &str, decision: &str) -> String {
    json!({"id": id, "reviewer": "ann", "decision": decision}).to_string()
}

#[test]
fn review_http_posts_need_the_session_token() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let token = s.page_token();
    assert_eq!(token, s.running.token);
    let id = s.first_id();
    assert_eq!(s.post("/api/decide", None, &decision(&id, "accepted")).0, 403);
    assert_eq!(s.post("/api/decide", Some("0123"), &decision(&id, "accepted")).0, 403);
    assert_eq!(
        s.post("/api/decide", Some(&token.replace('a', "b").replace('1', "2")), &decision(&id, "accepted")).0,
        403
    );
    assert_eq!(s.post("/api/undo", None, r#"{"reviewer": "ann"}"#).0, 403);
    assert_eq!(s.json("/api/stats")["reviewed"], 0, "refused requests change nothing");
    let (code, body) = s.post("/api/decide", Some(&token), &decision(&id, "accepted"));
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["item"]["status"], "accepted");
    assert_eq!(s.json("/api/stats")["reviewed"], 1);
    s.stop();
}

#[test]
fn review_http_bodies_and_fields_are_bounded() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let token = s.page_token();
    let id = s.first_id();
    // One byte over the limit is refused as too large; at the limit, it is read (and is no JSON).
    assert_eq!(s.raw_post_status("/api/decide", &token, server::MAX_BODY + 1), 413);
    assert_eq!(s.raw_post_status("/api/decide", &token, server::MAX_BODY), 400);
    let long_name = json!({"id": id, "reviewer": "n".repeat(101), "decision": "accepted"});
    assert_eq!(s.post("/api/decide", Some(&token), &long_name.to_string()).0, 400);
    let long_reason = json!({"id": id, "reviewer": "ann", "decision": "rejected", "reason": "x".repeat(1001)});
    assert_eq!(s.post("/api/decide", Some(&token), &long_reason.to_string()).0, 400);
    let long_field =
        json!({"id": id, "reviewer": "ann", "decision": "corrected", "correction": {"unit": "u".repeat(1001)}});
    assert_eq!(s.post("/api/decide", Some(&token), &long_field.to_string()).0, 400);
    let places =
        json!({"id": id, "reviewer": "ann", "decision": "corrected", "correction": {"places": vec!["Iraq"; 51]}});
    assert_eq!(s.post("/api/decide", Some(&token), &places.to_string()).0, 400);
    let unknown = json!({"id": id, "reviewer": "ann", "decision": "corrected", "correction": {"doc": "/etc/passwd"}});
    assert_eq!(s.post("/api/decide", Some(&token), &unknown.to_string()).0, 400);
    assert_eq!(s.post("/api/decide", Some(&token), "not json").0, 400);
    assert_eq!(s.post("/api/decide", Some(&token), &decision(&id, "maybe")).0, 400);
    assert_eq!(s.get("/api/claims?per_page=100000").1, "application/json");
    assert_eq!(s.json("/api/claims?per_page=100000")["per_page"], 200, "pages are capped");
    assert_eq!(s.get("/api/claims?page=x").0, 400);
    assert_eq!(s.json("/api/stats")["reviewed"], 0);
    s.stop();
}

#[test]
fn review_http_article_paths_never_come_from_the_request() {
    let f = fixture();
    // A file beside the docs that no claim names.
    std::fs::write(f.dir.path().join("secret.txt"), "About 99 secrets.").expect("write");
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    for path in [
        "/etc/passwd",
        "../secret.txt",
        "secret.txt",
        "../../../../etc/passwd",
        "%2e%2e%2fsecret.txt",
        "docs/../secret.txt",
        &format!("{}", f.dir.path().join("secret.txt").display()),
    ] {
        let (code, _, body) = s.get(&format!("/api/doc?path={}", urlencode(path)));
        assert_eq!(code, 404, "{path}: {body}");
        assert!(!body.contains("secrets"), "{path}");
    }
    let doc = s.json("/api/claims?per_page=1")["items"][0]["record"]["doc"]["path"].as_str().expect("path").to_string();
    let article = s.json(&format!("/api/doc?path={}", urlencode(&doc)));
    assert_eq!(article["aligned"], true);
    assert!(article["items"].as_array().is_some_and(|a| !a.is_empty()));
    s.stop();
}

#[test]
fn review_http_hostile_article_is_data_and_the_page_forbids_inline_script() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let (code, _, page) = s.get("/");
    assert_eq!(code, 200);
    assert!(!page.contains("<script>"), "no inline script in the page");
    let r = ureq::get(&s.base).call().expect("page");
    let csp = r.header("content-security-policy").expect("CSP").to_string();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let facets = s.json("/api/facets");
    let doc = facets["docs"]
        .as_array()
        .and_then(|d| d.iter().filter_map(Value::as_str).find(|d| d.ends_with("zz_hostile.txt")))
        .expect("the hostile article has claims")
        .to_string();
    let (code, kind, body) = s.get(&format!("/api/doc?path={}", urlencode(&doc)));
    assert_eq!((code, kind.as_str()), (200, "application/json"));
    let article: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(article["text"], common::HOSTILE, "the article comes back as a JSON string, byte for byte");
    let (_, kind, js) = s.get("/page.js");
    assert_eq!(kind, "text/javascript");
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("document.write"));
    s.stop();
}

#[test]
fn review_http_decide_undo_restart_export_eval() {
    let f = fixture();
    let db = f.dir.path().join("r.sqlite");
    let s = serve(&f, &db);
    let token = s.page_token();
    let page = s.json("/api/claims?per_page=50");
    let total = page["total"].as_u64().expect("total");
    assert!(total > 50, "the corpus has {total} claims: more than one page");
    let ids: Vec<String> =
        page["items"].as_array().expect("items").iter().map(|i| i["id"].as_str().expect("id").to_string()).collect();
    assert_eq!(s.post("/api/decide", Some(&token), &decision(&ids[0], "accepted")).0, 200);
    let reject = json!({"id": ids[1], "reviewer": "ann", "decision": "rejected", "reason": "a date"});
    assert_eq!(s.post("/api/decide", Some(&token), &reject.to_string()).0, 200);
    let fix = json!({"id": ids[2], "reviewer": "ann", "decision": "corrected",
                     "correction": {"value": 41, "source": "the ministry", "source_kind": "organization"}});
    let (code, body) = s.post("/api/decide", Some(&token), &fix.to_string());
    assert_eq!(code, 200, "{body}");
    // A mistake, undone.
    assert_eq!(s.post("/api/decide", Some(&token), &decision(&ids[3], "rejected")).0, 200);
    let (_, undone) = s.post("/api/undo", Some(&token), r#"{"reviewer": "ann"}"#);
    assert_eq!(
        (undone["item"]["id"].as_str(), undone["item"]["status"].as_str()),
        (Some(ids[3].as_str()), Some("new"))
    );
    // A second reviewer agrees on one claim.
    let bob = json!({"id": ids[0], "reviewer": "bob", "decision": "accepted"});
    let (_, body) = s.post("/api/decide", Some(&token), &bob.to_string());
    assert_eq!(body["stats"]["multi"], 1);
    assert_eq!(body["stats"]["agreeing"], 1);
    // Filters.
    assert_eq!(s.json("/api/claims?status=rejected")["total"], 1);
    assert_eq!(s.json("/api/claims?status=corrected")["items"][0]["decision"]["correction"]["value"], 41);
    assert_eq!(s.json("/api/claims?status=new")["total"].as_u64(), Some(total - 3));
    let doc = page["items"][0]["record"]["doc"]["path"].as_str().expect("doc");
    let in_doc = s.json(&format!("/api/claims?doc={}", urlencode(doc)))["total"].as_u64().expect("n");
    assert!(in_doc > 0 && in_doc < total);
    assert!(s.json("/api/claims?conf_below=0.5")["total"].as_u64() < Some(total));
    assert_eq!(s.json("/api/claims?q=zzzz-nothing")["total"], 0);
    s.stop();

    // The server stops; decisions are on disk. Re-extracting the same claims keeps them.
    let s = serve(&f, &db);
    let stats = s.json("/api/stats");
    assert_eq!(
        (stats["reviewed"].as_u64(), stats["accepted"].as_u64(), stats["stale"].as_u64()),
        (Some(3), Some(1), Some(0))
    );
    s.stop();

    // Export: gold lines `claimex eval` reads, corrections applied.
    let curated = f.dir.path().join("curated.jsonl");
    Command::cargo_bin("claimex")
        .expect("binary")
        .args(["review", "export", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&curated)
        .assert()
        .success();
    let lines: Vec<Value> = std::fs::read_to_string(&curated)
        .expect("export")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2, "accepted and corrected, not rejected");
    assert_eq!(lines[1]["value"], 41);
    assert_eq!(lines[1]["source"], "the ministry");
    assert_eq!(lines[1]["review"]["decision"], "corrected");
    assert_eq!(lines[1]["review"]["reviewer"], "ann");
    assert!(lines[1]["review"]["original"].get("value").is_some());
    assert_eq!(lines[0]["review"]["decision"], "accepted");
    let out = Command::cargo_bin("claimex")
        .expect("binary")
        .args(["eval", "--json", "--gold"])
        .arg(&curated)
        .arg("--docs")
        .arg(&f.docs)
        .arg(&f.claims)
        .output()
        .expect("eval");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scores: Value = serde_json::from_slice(&out.stdout).expect("scores");
    assert!(scores.to_string().contains("\"gold\":2"), "{scores}");
}

#[test]
fn review_cli_serves_and_prints_the_address() {
    let f = fixture();
    let db = f.dir.path().join("cli.sqlite");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimex"))
        .args(["review", "--port", "0", "--docs"])
        .arg(&f.docs)
        .arg("--db")
        .arg(&db)
        .arg(&f.claims)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("line");
    let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).map(String::from);
    let stats = url.as_ref().map(|u| ureq::get(&format!("{u}api/stats")).call().map_err(Box::new));
    let _ = child.kill();
    let _ = child.wait();
    let url = url.unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(url.ends_with('/'), "{url}");
    let stats: Value =
        serde_json::from_str(&stats.expect("asked").expect("stats").into_string().expect("body")).expect("json");
    assert!(stats["total"].as_u64() > Some(50));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ---- issue #20: DNS rebinding, remote binds, traversal through the claims file, bounds.

impl Server {
    /// A request by hand with the given Host (and extra header lines): the status code.
    fn raw_status(&self, method: &str, path: &str, host: &str, extra: &str, body: &str) -> u16 {
        use std::io::{Read, Write};
        let mut tcp = std::net::TcpStream::connect(self.running.addr).expect("connect");
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(10))).expect("timeout");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nhost: {host}\r\n{extra}content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        tcp.write_all(head.as_bytes()).expect("request");
        let mut answer = Vec::new();
        let _ = tcp.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer);
        text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("no status: {text:?}"))
    }
}

#[test]
fn review_http_host_header_must_name_this_server() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let port = s.running.addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(s.raw_status("GET", "/api/stats", &host, "", ""), 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.evil.example:{port}"),
    ] {
        assert_eq!(s.raw_status("GET", "/", &host, "", ""), 403, "{host}");
        assert_eq!(s.raw_status("GET", "/api/stats", &host, "", ""), 403, "{host}");
    }
    s.stop();
}

#[test]
fn review_http_posts_from_another_origin_are_refused() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let token = s.page_token();
    let id = s.first_id();
    let host = s.running.addr.to_string();
    let body = decision(&id, "accepted");
    let with = |origin: &str| format!("{TOKEN_HEADER}: {token}\r\norigin: {origin}\r\n");
    assert_eq!(s.raw_status("POST", "/api/decide", &host, &with("http://evil.example"), &body), 403);
    assert_eq!(s.raw_status("POST", "/api/decide", &host, &with("null"), &body), 403);
    assert_eq!(s.json("/api/stats")["reviewed"], 0);
    assert_eq!(s.raw_status("POST", "/api/decide", &host, &with(&format!("http://{host}")), &body), 200);
    s.stop();
}

#[test]
fn review_http_claims_file_paths_stay_inside_docs_or_match_the_hash() {
    let f = fixture();
    let secret = f.dir.path().join("secret.txt");
    std::fs::write(&secret, "About 99 secrets were kept.").expect("write");
    // Records whose doc.path points out of --docs, and one at the secret's absolute path.
    let line = std::fs::read_to_string(&f.claims).expect("claims").lines().next().expect("a record").to_string();
    let mut escaping: Value = serde_json::from_str(&line).expect("json");
    escaping["id"] = json!("escaping");
    escaping["doc"]["path"] = json!("../secret.txt");
    let mut absolute = escaping.clone();
    absolute["id"] = json!("absolute");
    absolute["doc"]["path"] = json!(secret.display().to_string());
    let claims = f.dir.path().join("hostile-claims.jsonl");
    std::fs::write(&claims, format!("{escaping}\n{absolute}\n")).expect("write");
    for docs in [Some(f.docs.clone()), None] {
        let mut store = Store::open(&f.dir.path().join(format!("t{}.sqlite", docs.is_some()))).expect("db");
        store.load_file(&claims).expect("load");
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
        let running =
            runtime.block_on(server::spawn(store, docs.clone(), "127.0.0.1:0".parse().expect("addr"))).expect("serve");
        let s = Server { base: format!("http://{}", running.addr), runtime, running };
        for path in ["../secret.txt".to_string(), secret.display().to_string()] {
            let (code, _, body) = s.get(&format!("/api/doc?path={}", urlencode(&path)));
            assert_eq!(code, 404, "--docs {docs:?}, {path}: {body}");
            assert!(!body.contains("secrets"), "{path}");
        }
        s.stop();
    }
    // Without --docs, an article whose bytes match its records' doc.sha256 is served.
    let mut store = Store::open(&f.dir.path().join("plain.sqlite")).expect("db");
    store.load_file(&f.claims).expect("load");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
    let running = runtime.block_on(server::spawn(store, None, "127.0.0.1:0".parse().expect("addr"))).expect("serve");
    let s = Server { base: format!("http://{}", running.addr), runtime, running };
    let doc = s.json("/api/claims?per_page=1")["items"][0]["record"]["doc"]["path"].as_str().expect("path").to_string();
    assert_eq!(s.json(&format!("/api/doc?path={}", urlencode(&doc)))["aligned"], true);
    s.stop();
}

#[test]
fn review_http_huge_page_numbers_are_a_bad_request() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    for q in ["page=400000000000000000", "page=18446744073709551615&per_page=200", "page=99999999999"] {
        assert_eq!(s.get(&format!("/api/claims?{q}")).0, 400, "{q}");
    }
    assert_eq!(s.json("/api/claims?page=3")["page"], 3);
    s.stop();
}

#[test]
fn review_http_reviewer_names_with_control_characters_are_refused() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let token = s.page_token();
    let id = s.first_id();
    for name in ["ann\u{7}", "ann\nbob", "\u{1b}[31mann", "", "   "] {
        let body = json!({"id": id, "reviewer": name, "decision": "accepted"}).to_string();
        assert_eq!(s.post("/api/decide", Some(&token), &body).0, 400, "{name:?}");
        assert_eq!(s.post("/api/undo", Some(&token), &json!({"reviewer": name}).to_string()).0, 400, "{name:?}");
    }
    assert_eq!(s.json("/api/stats")["reviewed"], 0);
    s.stop();
}

#[test]
fn review_http_serves_a_favicon() {
    let f = fixture();
    let s = serve(&f, &f.dir.path().join("r.sqlite"));
    let (code, kind, _) = s.get("/favicon.ico");
    assert_eq!((code, kind.as_str()), (200, "image/svg+xml"));
    s.stop();
}

/// `--bind` on a non-loopback address is refused without `--allow-remote`; with it, every
/// request needs the secret printed once at start.
#[test]
fn review_cli_remote_bind_needs_allow_remote_and_a_secret() {
    let f = fixture();
    let db = f.dir.path().join("remote.sqlite");
    let refused = Command::cargo_bin("claimex")
        .expect("binary")
        .args(["review", "--port", "0", "--bind", "0.0.0.0", "--db"])
        .arg(&db)
        .arg(&f.claims)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--allow-remote"));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimex"))
        .args(["review", "--port", "0", "--bind", "0.0.0.0", "--allow-remote", "--db"])
        .arg(&db)
        .arg(&f.claims)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("line");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).map(String::from);
    let answers = url.as_ref().map(|url| {
        let (base, key) = url.split_once("?key=").unwrap_or((url, ""));
        let port = base.trim_end_matches('/').rsplit(':').next().unwrap_or("0").to_string();
        let local = format!("http://127.0.0.1:{port}");
        let status = |u: &str, cookie: Option<&str>| {
            // A fresh agent each time: no pooled connection from another test's server.
            let mut req = ureq::AgentBuilder::new().build().get(u).set("connection", "close");
            if let Some(c) = cookie {
                req = req.set("cookie", c);
            }
            match req.call() {
                Ok(r) => r.status(),
                Err(ureq::Error::Status(code, _)) => code,
                Err(e) => panic!("{u}: {e}"),
            }
        };
        (
            key.len(),
            status(&format!("{local}/api/stats"), None),
            status(&format!("{local}/api/stats"), Some("claimex_review_key=wrong")),
            status(&format!("{local}/?key={key}"), None),
            status(&format!("{local}/api/stats"), Some(&format!("claimex_review_key={key}"))),
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    let (key_len, bare, wrong, page, with_key) = answers.unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(key_len >= 32, "{line}");
    assert_eq!((bare, wrong, page, with_key), (401, 401, 200, 200), "{line}");
}

/// `review export | head -1`: the reader leaving is no error.
#[test]
fn review_cli_export_into_a_closed_pipe_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("big.sqlite");
    let mut store = Store::open(&db).expect("db");
    let records: Vec<Value> = (0..3000)
        .map(|i| {
            json!({"schema": "claimex.claim/1", "id": format!("id{i}"), "doc": {"path": "a.txt"},
                   "sentence": {"index": 0, "text": "About 40 people were killed, officials said.", "byte_start": 0},
                   "quantity": {"text": "About 40", "value": 40.0, "qualifier": "approx", "byte_start": 0}})
        })
        .collect();
    store.upsert(&records).expect("upsert");
    for i in 0..3000 {
        store
            .decide(&claimex::review::db::NewDecision {
                id: format!("id{i}"),
                reviewer: "ann".into(),
                decision: claimex::review::db::Verdict::Accepted,
                reason: None,
                correction: None,
            })
            .expect("decide");
    }
    drop(store);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimex"))
        .args(["review", "export", "--db"])
        .arg(&db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    {
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("line");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(line.starts_with("{\"doc\":"), "{line}");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

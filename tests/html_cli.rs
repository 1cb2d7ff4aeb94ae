//! Web pages through the command line: hostile nesting cannot take a batch down, and
//! `claimex text` shows each document as it is read.

use assert_cmd::Command;
use std::fs;

fn claimex() -> Command {
    Command::cargo_bin("claimex").expect("binary builds")
}

/// `depth` nested `tag` elements around a sentence with a number.
fn nested(tag: &str, depth: usize) -> String {
    format!(
        "<html><body><p>Officials said 5 people were hurt.</p>{}Deep inside, 7 were held.{}</body></html>",
        format!("<{tag}>").repeat(depth),
        format!("</{tag}>").repeat(depth)
    )
}

/// 20,000 nested `<div>` and 30,000 `<span>` or `<blockquote>` overflowed the stack and
/// aborted the process, losing every other file's claims: now each page is read (deep content
/// flattened) and the batch finishes.
#[test]
fn deeply_nested_pages_do_not_abort_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a_article.txt"), "The army said 12 soldiers died.").unwrap();
    fs::write(dir.path().join("b_divs.html"), nested("div", 20_000)).unwrap();
    fs::write(dir.path().join("c_spans.html"), nested("span", 30_000)).unwrap();
    fs::write(dir.path().join("d_quotes.html"), nested("blockquote", 30_000)).unwrap();
    fs::write(dir.path().join("e_article.html"), "<article><p>Police said 9 cars burned.</p></article>").unwrap();
    let out_file = dir.path().join("out.jsonl");
    let out = claimex().args(["extract", "-q", "-o"]).arg(&out_file).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let jsonl = fs::read_to_string(&out_file).unwrap();
    for (file, number) in
        [("a_article", "12"), ("b_divs", "7"), ("c_spans", "7"), ("d_quotes", "7"), ("e_article", "9")]
    {
        let found = jsonl.lines().any(|l| l.contains(file) && l.contains(&format!("\"text\":\"{number}\"")));
        assert!(found, "no claim {number} from {file}");
    }
}

#[test]
fn text_writes_each_document_as_read_sorted_like_extract() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<html><head><meta property="og:title" content="12 held in Raqqa">
        <link rel="canonical" href="https://news.example/a"></head><body>
        <nav>Home | World</nav><article><p>By Jane Doe</p><p>Twelve people were held,
        officials said.</p><figure><figcaption>A photo of 3 cars</figcaption></figure></article></body></html>"#;
    fs::write(dir.path().join("b.html"), page).unwrap();
    fs::write(dir.path().join("a.txt"), "Plain text, 5 words.").unwrap();
    fs::write(dir.path().join("c.jsonl"), "{\"text\": \"One.\", \"id\": \"x1\"}\nnot json\n").unwrap();
    let out = claimex().args(["text", "--jobs", "2"]).arg(dir.path()).output().unwrap();
    // The bad JSON line fails by name, like extract; the rest is written.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("c.jsonl"), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let paths: Vec<&str> = lines.iter().map(|l| l["doc"]["path"].as_str().unwrap()).collect();
    assert!(paths[0].ends_with("a.txt") && paths[1].ends_with("b.html") && paths[2].ends_with("c.jsonl"), "{paths:?}");
    assert!(lines.iter().all(|l| l["schema"] == "claimex.text/1"));
    assert_eq!(lines[0]["text"], "Plain text, 5 words.");
    assert_eq!(lines[1]["text"], "12 held in Raqqa\n\nTwelve people were held, officials said.");
    assert_eq!(lines[1]["doc"]["format"], "html");
    assert_eq!(lines[1]["doc"]["url"], "https://news.example/a");
    assert_eq!(lines[2]["doc"]["id"], "x1");
    assert_eq!(lines[2]["doc"]["line"], 1);
    // The doc object is the one claims carry, byte for byte.
    let claims = claimex().args(["extract", "-q"]).arg(dir.path().join("b.html")).output().unwrap();
    let claim: serde_json::Value =
        serde_json::from_str(String::from_utf8(claims.stdout).unwrap().lines().next().unwrap()).unwrap();
    let text = claimex().args(["text"]).arg(dir.path().join("b.html")).output().unwrap();
    let text: serde_json::Value = serde_json::from_slice(&text.stdout).unwrap();
    assert_eq!(claim["doc"], text["doc"]);
}

/// The review server reads articles with the same reader: `/api/doc` on a page of 30,000
/// nested `<span>` overflowed a worker's stack and killed the server. Now the page is served.
#[test]
fn review_serves_a_deeply_nested_page() {
    use claimex::review::{db::Store, server};
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("spans.html"), nested("span", 30_000)).unwrap();
    let claims = dir.path().join("claims.jsonl");
    claimex().args(["extract", "-q", "-o"]).arg(&claims).arg(&docs).assert().success();
    let mut store = Store::open(&dir.path().join("r.sqlite")).unwrap();
    store.load_file(&claims).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let running =
        runtime.block_on(server::spawn(store, Some(docs.clone()), "127.0.0.1:0".parse().unwrap())).expect("server");
    let first = fs::read_to_string(&claims).unwrap();
    let record: serde_json::Value = serde_json::from_str(first.lines().next().expect("a claim")).unwrap();
    let path: String = record["doc"]["path"]
        .as_str()
        .unwrap()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let answer = ureq::get(&format!("http://{}/api/doc?path={path}", running.addr)).call().expect("GET /api/doc");
    let article: serde_json::Value = serde_json::from_str(&answer.into_string().unwrap()).unwrap();
    assert!(article["text"].as_str().is_some_and(|t| t.contains("Deep inside, 7 were held.")), "{article}");
    running.task.abort();
    drop(runtime);
}

//! `claimex review` in a real browser: headless Chromium driven over WebDriver
//! (chromedriver at /usr/bin/chromedriver, or $CHROMEDRIVER). The test reviews claims of the
//! sample corpus with the keyboard (accept, reject with a reason, edit a value and a source,
//! undo), reloads and finds the decisions kept, exports them, and opens an article full of
//! hostile markup to check that none of it runs. It takes a screenshot on the way:
//! `UPDATE_SCREENSHOT=1 cargo test --test review_browser` refreshes `docs/review.png`.
#![cfg(feature = "review")]

mod common;

use claimex::review::db::Store;
use claimex::review::{export, server};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
mod browser;

use browser::eval;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

async fn press(c: &Client, key: char) {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    c.perform_actions(keys).await.expect("key press");
}

/// Evaluate `script` (a JS expression) until it is true, or fail naming `what`.
async fn wait_for(c: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = c.execute(&format!("return Boolean({script});"), vec![]).await.expect("script runs");
        if v == Value::Bool(true) {
            return;
        }
        if Instant::now() > deadline {
            let counter = c.execute("return document.body.innerText.slice(0, 2000);", vec![]).await.ok();
            panic!("timed out waiting for {what} ({script}); page: {counter:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn status_is(i: usize, status: &str) -> String {
    format!("document.querySelectorAll('.card')[{i}]?.querySelector('.status')?.textContent === '{status}'")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_browser_keyboard_review_reload_export_and_hostile_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docs, claims) = common::review_fixture(dir.path());
    let db = dir.path().join("review.sqlite");
    let mut store = Store::open(&db).expect("db");
    store.load_file(&claims).expect("load");
    let running = server::spawn(store, Some(docs), "127.0.0.1:0".parse().expect("addr")).await.expect("server");
    let base = format!("http://{}/", running.addr);

    let (_driver, c) = browser::session("1280,1100").await;

    // First visit: the page asks for the reviewer's name.
    c.goto(&base).await.expect("open the page");
    wait_for(&c, "the reviewer dialog", "!document.querySelector('#reviewer-dialog').hidden").await;
    c.find(Locator::Css("#reviewer-name")).await.expect("name").send_keys("alice").await.expect("type");
    c.find(Locator::Css("#reviewer-save")).await.expect("save").click().await.expect("click");
    wait_for(&c, "the queue", "document.querySelectorAll('.card').length === 50").await;
    wait_for(&c, "the counter", "document.querySelector('#counter').textContent.startsWith('reviewed 0 /')").await;
    // The sentence shows the quantity highlighted.
    let q = eval(&c, "document.querySelector('.card .sentence .hl-q').textContent").await;
    assert!(q.as_str().is_some_and(|q| !q.is_empty()), "{q}");

    // a: accept the first claim; the queue moves on.
    press(&c, 'a').await;
    wait_for(&c, "accept", &status_is(0, "accepted")).await;
    wait_for(&c, "the second card selected", "document.querySelectorAll('.card')[1].classList.contains('current')")
        .await;
    // r: reject with a reason.
    press(&c, 'r').await;
    wait_for(&c, "the reason field", "document.activeElement?.name === 'reason'").await;
    c.find(Locator::Css(".card.current input[name=reason]"))
        .await
        .expect("reason")
        .send_keys("not a claim\u{E007}")
        .await
        .expect("type");
    wait_for(&c, "reject", &status_is(1, "rejected")).await;
    // e: edit the value and the source.
    wait_for(&c, "the third card selected", "document.querySelectorAll('.card')[2].classList.contains('current')")
        .await;
    press(&c, 'e').await;
    wait_for(&c, "the edit form", "document.activeElement?.name === 'value'").await;
    let value = c.find(Locator::Css(".card.current form.edit input[name=value]")).await.expect("value");
    value.clear().await.expect("clear");
    value.send_keys("1234").await.expect("type");
    let source = c.find(Locator::Css(".card.current form.edit input[name=source]")).await.expect("source");
    source.clear().await.expect("clear");
    source.send_keys("the ministry\u{E007}").await.expect("type");
    wait_for(&c, "the correction", &status_is(2, "corrected")).await;
    assert_eq!(
        eval(&c, "document.querySelectorAll('.card')[2].querySelector('.f-value').firstChild.textContent").await,
        "1234"
    );
    assert_eq!(
        eval(&c, "document.querySelectorAll('.card')[2].querySelector('.f-source').firstChild.textContent").await,
        "the ministry"
    );
    // a then u: a mistake, undone.
    wait_for(&c, "the fourth card selected", "document.querySelectorAll('.card')[3].classList.contains('current')")
        .await;
    press(&c, 'a').await;
    wait_for(&c, "accept", &status_is(3, "accepted")).await;
    press(&c, 'u').await;
    wait_for(&c, "undo", &status_is(3, "new")).await;
    wait_for(&c, "the counter", "document.querySelector('#counter').textContent.startsWith('reviewed 3 /')").await;
    // j/k move.
    press(&c, 'k').await;
    wait_for(&c, "k", "document.querySelectorAll('.card')[2].classList.contains('current')").await;
    press(&c, 'j').await;
    wait_for(&c, "j", "document.querySelectorAll('.card')[3].classList.contains('current')").await;

    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review.png");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() || !keep.exists() {
        std::fs::write(&keep, &png).expect("write docs/review.png");
    }

    // Reload: the decisions and the reviewer's name are kept.
    c.refresh().await.expect("reload");
    wait_for(&c, "the queue after reload", "document.querySelectorAll('.card').length === 50").await;
    assert_eq!(eval(&c, "document.querySelector('#reviewer-dialog').hidden").await, true);
    for (i, status) in [(0, "accepted"), (1, "rejected"), (2, "corrected"), (3, "new")] {
        wait_for(&c, "kept decisions", &status_is(i, status)).await;
    }
    assert_eq!(
        eval(&c, "document.querySelectorAll('.card')[1].querySelector('.who').textContent.includes('alice')").await,
        true
    );
    assert_eq!(
        eval(&c, "document.querySelectorAll('.card')[1].querySelector('.who').textContent.includes('not a claim')")
            .await,
        true
    );

    // Export: the accepted and the corrected claim, corrections applied.
    let mut out = Vec::new();
    let reader = Store::open(&db).expect("second connection");
    assert_eq!(export::write(&reader, &mut out).expect("export"), 2);
    let lines: Vec<Value> =
        String::from_utf8(out).expect("utf8").lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines[0]["review"]["decision"], "accepted");
    assert_eq!(lines[1]["value"], 1234.0);
    assert_eq!(lines[1]["source"], "the ministry");
    assert_eq!(lines[1]["review"]["reviewer"], "alice");
    assert!(lines[1]["review"]["original"].get("source").is_some());

    // The hostile article: filter the queue to it, open it from a card, check nothing ran.
    let hostile = eval(&c, "[...document.querySelectorAll('#filters [name=doc] option')].map(o => o.value).find(v => v.endsWith('zz_hostile.txt'))").await;
    let hostile = hostile.as_str().expect("the hostile article is in the document menu").to_string();
    c.find(Locator::Css("#filters select[name=doc]"))
        .await
        .expect("doc menu")
        .select_by_value(&hostile)
        .await
        .expect("select");
    wait_for(
        &c,
        "the hostile article's claims",
        "document.querySelector('.card .doc')?.textContent.includes('zz_hostile')",
    )
    .await;
    c.find(Locator::Css(".card .article-link")).await.expect("link").click().await.expect("open article");
    wait_for(
        &c,
        "the article",
        "document.querySelector('#article-text').textContent.includes('<script>window.__pwned = 1</script>')",
    )
    .await;
    wait_for(&c, "highlights in the article", "document.querySelectorAll('#article-text .hl-q').length >= 1").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(eval(&c, "window.__pwned === undefined").await, true, "no script from the article ran");
    assert_eq!(eval(&c, "document.querySelectorAll('img').length").await, 0, "no element from the article's markup");
    assert_eq!(eval(&c, "document.scripts.length").await, 1, "only page.js");
    assert_eq!(eval(&c, "document.querySelector('#article-text').textContent").await, common::HOSTILE);
    c.close().await.expect("close the browser");
    running.task.abort();
}

/// Issue #20 item 16: the counter stays on one line at 1280 px, the header stays small at
/// 420 px, the toast sits at the top out of the way of edit fields (and lets clicks through),
/// the name dialog darkens the page behind it, and the page has an icon.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_browser_layout_at_1280_and_420_px() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (docs, claims) = common::review_fixture(dir.path());
    let mut store = Store::open(&dir.path().join("layout.sqlite")).expect("db");
    store.load_file(&claims).expect("load");
    let running = server::spawn(store, Some(docs), "127.0.0.1:0".parse().expect("addr")).await.expect("server");
    let base = format!("http://{}/", running.addr);
    let (_driver, c) = browser::session("1280,900").await;
    c.goto(&base).await.expect("open the page");
    wait_for(&c, "the reviewer dialog", "!document.querySelector('#reviewer-dialog').hidden").await;
    let backdrop = eval(&c, "getComputedStyle(document.querySelector('#reviewer-dialog')).backgroundColor").await;
    assert!(backdrop.as_str().is_some_and(|b| b.starts_with("rgba(") && !b.ends_with(", 0)")), "{backdrop}");
    let icon = eval(&c, "document.querySelector('link[rel=icon]')?.getAttribute('href')").await;
    assert_eq!(icon, json!("/favicon.ico"));
    c.find(Locator::Css("#reviewer-name")).await.expect("name").send_keys("carol").await.expect("type");
    c.find(Locator::Css("#reviewer-save")).await.expect("save").click().await.expect("click");
    wait_for(&c, "the counter", "document.querySelector('#counter').textContent.startsWith('reviewed 0 /')").await;
    let one_line = "(() => { const e = document.querySelector('#counter'); \
                    return e.getBoundingClientRect().height <= 1.6 * parseFloat(getComputedStyle(e).lineHeight); })()";
    assert_eq!(eval(&c, one_line).await, json!(true), "the counter wraps at 1280 px");
    let toast = eval(
        &c,
        "(() => { const s = getComputedStyle(document.querySelector('#toast')); \
         return [s.pointerEvents, parseFloat(s.top) < 120]; })()",
    )
    .await;
    assert_eq!(toast, json!(["none", true]), "the toast is at the top and lets clicks through");
    c.set_window_size(420, 800).await.expect("resize");
    wait_for(&c, "the narrow layout", "window.innerWidth <= 440").await;
    let header = eval(&c, "document.querySelector('header').getBoundingClientRect().height").await;
    assert!(header.as_f64().is_some_and(|h| h <= 80.0), "the header is {header} px high at 420 px");
    c.close().await.expect("close");
    running.task.abort();
}

//! `claimex report` in a real browser: headless Chromium driven over WebDriver (chromedriver
//! at /usr/bin/chromedriver, or $CHROMEDRIVER). The page is built from the dated articles of
//! `fixtures/assertions/` (extract, assert, report); the test opens the file, checks that every
//! assertion has a chart with one mark per supporting claim, that every mark links to a sentence
//! on the page and following it lands there, that disputed assertions come first and that the
//! filters hide what they should. `UPDATE_SCREENSHOT=1 cargo test --test report_browser`
//! refreshes `docs/report.png` (written when missing).

mod browser;

use browser::eval;
use fantoccini::Locator;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Claims of the fixture articles → assertions → report.html in `dir`; the assertions too.
fn build_report(dir: &Path) -> (PathBuf, Vec<Value>) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assertions");
    let claimex = || assert_cmd::Command::cargo_bin("claimex").expect("the claimex binary");
    let claims = dir.join("claims.jsonl");
    claimex()
        .args(["extract", "--quiet", "--published", "2025-07-30", "-o"])
        .arg(&claims)
        .arg(fixtures.join("articles.jsonl"))
        .arg(fixtures.join("undated.txt"))
        .assert()
        .success();
    let assertions = dir.join("assertions.jsonl");
    claimex().arg("assert").arg("--quiet").arg(&claims).arg("-o").arg(&assertions).assert().success();
    let page = dir.join("report.html");
    claimex().arg("report").arg(&assertions).arg("-o").arg(&page).assert().success();
    let lines = std::fs::read_to_string(&assertions)
        .expect("assertions")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    (page, lines)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_browser_charts_render_and_marks_link_to_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (page, assertions) = build_report(dir.path());
    let claims: Vec<usize> = assertions.iter().map(|a| a["claims"].as_array().map_or(0, Vec::len)).collect();

    let (_driver, c) = browser::session("1200,1400").await;
    let url = format!("file://{}", page.display());
    c.goto(&url).await.expect("open the report");

    // One section and one chart per assertion, one mark per supporting claim.
    assert_eq!(eval(&c, "document.querySelectorAll('section.assertion').length").await, json!(assertions.len()));
    let marks = eval(
        &c,
        "[...document.querySelectorAll('section.assertion')].map(s => s.querySelectorAll('svg.chart a.mark-link').length)",
    )
    .await;
    assert_eq!(marks, json!(claims));
    // The marks are drawn: each has a shape with a size and a colour.
    let drawn = eval(
        &c,
        "[...document.querySelectorAll('svg.chart a.mark-link g.mark')].every(g => { \
           const b = g.getBBox(); return b.width > 0 && b.height > 0 && g.getAttribute('fill').startsWith('#'); })",
    )
    .await;
    assert_eq!(drawn, json!(true), "every mark has a shape");
    // Every mark links to a sentence on the page.
    let dangling = eval(
        &c,
        "[...document.querySelectorAll('svg.chart a.mark-link')].map(a => a.getAttribute('href')) \
           .filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1)))",
    )
    .await;
    assert_eq!(dangling, json!([]), "links that resolve to nothing");
    // The disputed assertion comes first.
    assert_eq!(eval(&c, "document.querySelector('section.assertion .verdict').textContent").await, "disputed");

    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() || !keep.exists() {
        std::fs::write(&keep, &png).expect("write docs/report.png");
    }

    // Following a mark lands on its sentence.
    let first = c.find(Locator::Css("section.assertion svg.chart a.mark-link")).await.expect("a mark");
    let target = first.attr("href").await.expect("href").expect("a mark has an href");
    first.click().await.expect("click a mark");
    let deadline = Instant::now() + Duration::from_secs(5);
    while eval(&c, "location.hash").await != json!(target) {
        assert!(Instant::now() < deadline, "the click did not go to {target}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let landed =
        eval(&c, "document.querySelector(':target')?.tagName + ' ' + document.querySelector(':target')?.textContent")
            .await;
    assert!(landed.as_str().is_some_and(|t| t.starts_with("LI ") && t.contains('“')), "{landed}");

    // Filters: by place (Iraq: one assertion), by unit (attack: two), then all again.
    let set = |id: &str, value: &str| {
        format!("(() => {{ const s = document.getElementById('{id}'); s.value = '{value}'; s.dispatchEvent(new Event('change')); return true; }})()")
    };
    let visible = "[...document.querySelectorAll('section.assertion')].filter(s => !s.hidden).length";
    eval(&c, &set("f-place", "Iraq")).await;
    assert_eq!(eval(&c, visible).await, json!(1));
    eval(&c, &set("f-place", "")).await;
    eval(&c, &set("f-unit", "attack")).await;
    assert_eq!(eval(&c, visible).await, json!(2));
    eval(&c, &set("f-unit", "")).await;
    eval(&c, &set("f-subject", "Islamic State")).await;
    assert_eq!(eval(&c, visible).await, json!(assertions.len()));
    c.close().await.expect("close the session");
}

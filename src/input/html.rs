//! HTML pages: the article's main text, its title and its metadata.
//!
//! Parsed with html5ever (the HTML5 parsing algorithm browsers use) into a `scraper` tree whose
//! depth is capped ([`parse`]), and walked without recursion, so no page can overflow a stack.
//!
//! The main text comes from the container that holds most of the page's paragraph text (the
//! largest of `[itemprop=articleBody]`, `<article>`, `<main>`, `[role=main]`; `<body>` when
//! none holds at least a third of it). Inside it, page furniture is dropped in three ways
//! ([`clean`]): by element (scripts, navigation, forms, figures and their captions, hidden
//! elements), by class, id or role words (share bars, related links, bylines, cookie and
//! subscription boxes, ads), and block by block by what the block says (a run of links,
//! "Read more:" teasers, bylines and credit lines, bare dates, lone words like "Share"). Each
//! block (`<p>`, `<h1>`–`<h6>`, `<li>`, a table row...) becomes one paragraph, separated by a
//! blank line, so the sentence splitter sees the page's structure. Metadata comes from
//! `<meta>` tags (`article:published_time`, `og:`, `twitter:`), the canonical link, and
//! JSON-LD `NewsArticle` objects.

pub mod clean;
pub mod parse;

use crate::document::Metadata;
use clean::{Block, Kind};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::sync::LazyLock;

fn selector(css: &str) -> Selector {
    // The selectors are constants of this file; a typo fails every HTML test at once.
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

static CONTAINERS: LazyLock<Selector> =
    LazyLock::new(|| selector("[itemprop=articleBody], article, main, [role=main]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| selector("p"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));

/// The main text of a page and its metadata. The title, when the text does not already
/// start with it, is the first paragraph (headlines state numbers too).
///
/// ```
/// let page = r#"<html><head><title>Site | 40 held</title>
///   <meta property="og:title" content="40 held in Raqqa">
///   <meta property="article:published_time" content="2025-01-02T10:00:00Z"></head>
///   <body><nav>Home | World</nav><article><p>Forty people were held,
///   officials said.</p><p>Two were released.</p></article>
///   <footer>© Site</footer></body></html>"#;
/// let (text, meta) = claimex::input::html::article(page);
/// assert_eq!(text, "40 held in Raqqa\n\nForty people were held, officials said.\n\nTwo were released.");
/// assert_eq!(meta.published.as_deref(), Some("2025-01-02T10:00:00Z"));
/// ```
pub fn article(page: &str) -> (String, Metadata) {
    let html = parse::document(page);
    let mut meta = metadata(&html);
    let mut blocks = Vec::new();
    if let Some((root, siblings)) = main_container(&html) {
        blocks = walk(root, &siblings);
    }
    if blocks.is_empty() {
        // The chosen container held nothing readable: fall back to the whole body.
        if let Some(body) = html.select(&BODY).next() {
            blocks = walk(body, &[]);
        }
    }
    if meta.title.is_none() {
        meta.title = html.select(&H1).next().map(|h| collapse(&h.text().collect::<String>())).filter(|t| !t.is_empty());
    }
    let mut paragraphs = clean::paragraphs(blocks);
    if let Some(title) = &meta.title {
        let same = |p: &String| p.eq_ignore_ascii_case(title);
        // The headline shown in the page is the title: it is not said twice.
        if let Some(at) = paragraphs.iter().take(3).position(same) {
            paragraphs.remove(at);
        }
        paragraphs.insert(0, title.clone());
    }
    (paragraphs.join("\n\n"), meta)
}

/// The element holding the article, and sibling elements that continue it.
///
/// A semantic container (`[itemprop=articleBody]`, `<article>`, `<main>`, `[role=main]`) is
/// taken when the richest one holds at least a third of the body's paragraph text. Otherwise
/// (pages without one, or whose teasers outweigh it) paragraphs vote as in Readability: each
/// `<p>` of some length adds its length to its parent and half of it to its grandparent, the
/// element with most votes wins, and its siblings with a fifth of its votes are read after it
/// (an article cut into several boxes by ads).
fn main_container(html: &Html) -> Option<(ElementRef<'_>, Vec<ElementRef<'_>>)> {
    let body = html.select(&BODY).next()?;
    let total = paragraph_mass(body);
    let best = html
        .select(&CONTAINERS)
        .map(|c| (paragraph_mass(c), c))
        // The first of equals: an outer container before the same text's inner one.
        .fold(None::<(usize, ElementRef<'_>)>, |best, (m, c)| match best {
            Some((bm, _)) if bm >= m => best,
            _ => Some((m, c)),
        });
    if let Some((m, c)) = best {
        if m > 0 && m * 3 >= total {
            return Some((c, Vec::new()));
        }
    }
    let mut votes: rustc_hash::FxHashMap<ego_tree::NodeId, usize> = Default::default();
    for p in body.select(&PARAGRAPHS) {
        let len = p.text().map(|t| t.trim().len()).sum::<usize>();
        if len < 25 {
            continue;
        }
        let mut up = p.ancestors().filter(|a| a.value().is_element());
        if let Some(parent) = up.next() {
            *votes.entry(parent.id()).or_default() += len;
        }
        if let Some(grandparent) = up.next() {
            *votes.entry(grandparent.id()).or_default() += len / 2;
        }
    }
    let top = votes.iter().max_by_key(|(id, v)| (**v, std::cmp::Reverse(**id))).map(|(id, v)| (*id, *v));
    let Some((id, score)) = top else { return Some((body, Vec::new())) };
    let Some(root) = html.tree.get(id).and_then(ElementRef::wrap) else { return Some((body, Vec::new())) };
    let siblings = root
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|s| votes.get(&s.id()).is_some_and(|v| *v * 5 >= score))
        .collect();
    Some((root, siblings))
}

/// Bytes of text in the `<p>` elements under `e`.
fn paragraph_mass(e: ElementRef<'_>) -> usize {
    e.select(&PARAGRAPHS).map(|p| p.text().map(str::len).sum::<usize>()).sum()
}

/// One step of the walk: an element to enter, or the end of one entered.
enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    /// The end of a block: its paragraph is done; text after it belongs to the outer block.
    EndBlock(Kind),
    /// The end of a link.
    EndLink,
    /// The end of a table cell: cells of a row are separated by a space.
    EndCell,
}

/// The blocks of `root` then of `siblings`, in document order, walked with an explicit stack.
fn walk<'a>(root: ElementRef<'a>, siblings: &[ElementRef<'a>]) -> Vec<Block> {
    // Layout classes can look like furniture ("l-sidebar-fixed" around the article body): an
    // element holding most of the article's paragraph text is never dropped by its class.
    let bulk = paragraph_mass(root) / 2;
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let mut links = 0usize;
    let mut stack: Vec<Step<'_>> = siblings.iter().rev().map(|s| Step::Enter(**s)).collect();
    stack.extend(root.children().rev().map(Step::Enter));
    let flush = |current: &mut Block, blocks: &mut Vec<Block>| {
        if !current.text.trim().is_empty() {
            blocks.push(std::mem::take(current));
        } else {
            current.text.clear();
            current.link_bytes = 0;
        }
    };
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::EndBlock(outer) => {
                flush(&mut current, &mut blocks);
                current.kind = outer;
                continue;
            }
            Step::EndLink => {
                links = links.saturating_sub(1);
                continue;
            }
            Step::EndCell => {
                current.text.push(' ');
                continue;
            }
        };
        match node.value() {
            Node::Text(text) => {
                current.text.push_str(text);
                if links > 0 {
                    current.link_bytes += text.len();
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if clean::SKIPPED.contains(&name) {
                    continue;
                }
                match clean::furniture_mark(e) {
                    Some(clean::Mark::Always) => continue,
                    Some(clean::Mark::ByName) if ElementRef::wrap(node).is_none_or(|e| paragraph_mass(e) <= bulk) => {
                        continue
                    }
                    _ => {}
                }
                if name == "br" {
                    current.text.push(' ');
                    continue;
                }
                if let Some(kind) = clean::block_kind(name) {
                    // A block inside another ends the text before it.
                    let outer = current.kind;
                    flush(&mut current, &mut blocks);
                    current.kind = kind;
                    stack.push(Step::EndBlock(outer));
                } else if name == "a" {
                    links += 1;
                    stack.push(Step::EndLink);
                } else if matches!(name, "td" | "th") {
                    stack.push(Step::EndCell);
                }
                stack.extend(node.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// White space runs (new lines in the source included) become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Title, URL, publication time and publisher from meta tags and JSON-LD.
fn metadata(html: &Html) -> Metadata {
    let mut tags: Vec<(String, String)> = Vec::new();
    for m in html.select(&META) {
        let e = m.value();
        let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, e.attr("content")) {
            let content = collapse(content);
            if !content.is_empty() {
                tags.push((key.to_ascii_lowercase(), content));
            }
        }
    }
    let tag = |keys: &[&str]| keys.iter().find_map(|k| tags.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()));
    let ld = json_ld(html);
    let ld_str = |key: &str| -> Option<String> {
        let v = ld.as_ref()?.get(key)?;
        v.as_str().map(collapse).or_else(|| v.get("name").and_then(Value::as_str).map(collapse))
    };
    let title_tag =
        html.select(&TITLE).next().map(|t| collapse(&t.text().collect::<String>())).filter(|t| !t.is_empty());
    Metadata {
        title: tag(&["og:title", "twitter:title"]).or_else(|| ld_str("headline")).or(title_tag),
        url: html
            .select(&CANONICAL)
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
            .or_else(|| tag(&["og:url"]))
            .or_else(|| ld_str("url")),
        published: tag(&["article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date"])
            .or_else(|| ld_str("datePublished")),
        publisher: tag(&["og:site_name", "publisher", "article:publisher"]).or_else(|| ld_str("publisher")),
        id: None,
    }
}

/// The first JSON-LD object that is an article (top level, in an array, or in `@graph`).
fn json_ld(html: &Html) -> Option<Value> {
    const ARTICLE_TYPES: &[&str] =
        &["Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"];
    let is_article = |v: &Value| match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(|t| ARTICLE_TYPES.contains(&t)),
        _ => false,
    };
    for script in html.select(&JSON_LD) {
        // serde_json bounds its own recursion (128 levels): a hostile script fails, no overflow.
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else { continue };
        let mut candidates = vec![value];
        while let Some(v) = candidates.pop() {
            if is_article(&v) {
                return Some(v);
            }
            match v {
                Value::Array(items) => candidates.extend(items),
                Value::Object(mut o) => candidates.extend(o.remove("@graph")),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_main_text_drops_furniture_and_keeps_paragraphs() {
        let page = r#"<!doctype html><html><head>
            <link rel="canonical" href="https://news.example/a/1">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Example"},
              {"@type": "NewsArticle", "headline": "Raqqa: 40 held", "datePublished": "2025-03-01",
               "publisher": {"@type": "Organization", "name": "Example News"}}]}</script>
            <style>p { color: red }</style></head>
            <body><header><h1>Example News</h1></header>
            <div class="share-bar">Share on X</div>
            <main><h1>Raqqa: 40 held</h1>
              <p>About 40 people   were held
                 in Raqqa.<script>track()</script></p>
              <div>Loose text in a div.</div>
              <ul><li>First point: 3 killed.</li></ul>
              <section id="comments"><p>Great article! 10/10</p></section>
            </main><aside>Most read: 5 things</aside></body></html>"#;
        let (text, meta) = article(page);
        assert_eq!(
            text,
            "Raqqa: 40 held\n\nAbout 40 people were held in Raqqa.\n\nLoose text in a div.\n\nFirst point: 3 killed."
        );
        assert_eq!(meta.title.as_deref(), Some("Raqqa: 40 held"));
        assert_eq!(meta.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(meta.published.as_deref(), Some("2025-03-01"));
        assert_eq!(meta.publisher.as_deref(), Some("Example News"));
    }

    #[test]
    fn html_without_blocks_or_title_still_gives_its_text() {
        let (text, meta) = article("<html><body>Just   text, 5 words.</body></html>");
        assert_eq!((text.as_str(), meta.title), ("Just text, 5 words.", None));
        assert_eq!(article("").0, "");
    }

    #[test]
    fn table_rows_are_one_paragraph_each() {
        let page =
            "<body><article><p>Shares fell on Tuesday, traders said.</p><table><tr><th>Ticker</th><th>Last</th></tr>\
                    <tr><td>HD</td><td>225.86</td></tr></table></article></body>";
        assert_eq!(article(page).0, "Shares fell on Tuesday, traders said.\n\nTicker Last\n\nHD 225.86");
    }

    #[test]
    fn the_richest_container_wins_over_a_teaser_article() {
        let page = "<body><article><p>Teaser: 3 things to know.</p></article>\
                    <article><p>The council approved 12 new homes on Monday, its chair said.</p>\
                    <p>Work starts in 2026 and costs $4 million, according to the plan.</p></article></body>";
        assert_eq!(
            article(page).0,
            "The council approved 12 new homes on Monday, its chair said.\n\nWork starts in 2026 and costs $4 million, according to the plan."
        );
    }
}

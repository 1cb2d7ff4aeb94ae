//! HTML pages: the article's main text, its title and its metadata.
//!
//! Parsed with `scraper` (html5ever, the HTML5 parsing algorithm browsers use). The main
//! text is the first of `[itemprop=articleBody]`, `<article>`, `<main>`, `[role=main]`,
//! `<body>` that holds a paragraph; scripts, styles, navigation, headers, footers, asides,
//! forms, and elements whose class or id marks them as comments, sharing, related links or
//! advertising are dropped. Each block (`<p>`, `<h1>`–`<h6>`, `<li>`, `<blockquote>`...)
//! becomes one paragraph, separated by a blank line, so the sentence splitter sees the
//! page's structure. Metadata comes from `<meta>` tags (`article:published_time`, `og:`,
//! `twitter:`), the canonical link, and JSON-LD `NewsArticle` objects.

use crate::document::Metadata;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "aside", "button", "canvas", "dialog", "footer", "form", "head", "header", "iframe", "input", "menu", "nav",
    "noscript", "object", "script", "select", "style", "svg", "template", "textarea", "video",
];

/// Elements that are one paragraph each.
const BLOCKS: &[&str] =
    &["blockquote", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "pre", "td", "th"];

/// Words in a class or id that mark page furniture, not the article.
const BOILERPLATE: &[&str] = &[
    "advert",
    "breadcrumb",
    "comment",
    "cookie",
    "footer",
    "masthead",
    "menu",
    "navbar",
    "newsletter",
    "paywall",
    "promo",
    "related",
    "share",
    "sidebar",
    "social",
    "sponsor",
    "subscribe",
];

fn selector(css: &str) -> Selector {
    // The selectors are constants of this file; a typo fails every HTML test at once.
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

static ROOTS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    ["[itemprop=articleBody]", "article", "main", "[role=main]", "body"].iter().map(|s| selector(s)).collect()
});
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
    let html = Html::parse_document(page);
    let mut meta = metadata(&html);
    let mut paragraphs = Vec::new();
    for root_selector in ROOTS.iter() {
        if let Some(root) = html.select(root_selector).next() {
            paragraphs.clear();
            let mut loose = String::new();
            collect(root, &mut paragraphs, &mut loose);
            push_paragraph(&mut paragraphs, &mut loose);
            if !paragraphs.is_empty() {
                break;
            }
        }
    }
    if meta.title.is_none() {
        meta.title = html.select(&H1).next().map(|h| collapse(&h.text().collect::<String>())).filter(|t| !t.is_empty());
    }
    if let Some(title) = &meta.title {
        if paragraphs.first() != Some(title) {
            paragraphs.insert(0, title.clone());
        }
    }
    (paragraphs.join("\n\n"), meta)
}

/// Walk `element`, adding each block as a paragraph; text outside blocks gathers in `loose`.
fn collect(element: ElementRef<'_>, paragraphs: &mut Vec<String>, loose: &mut String) {
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            loose.push_str(text);
            continue;
        }
        let Some(child) = ElementRef::wrap(child) else { continue };
        let name = child.value().name();
        if SKIPPED.contains(&name) || is_boilerplate(child) {
            continue;
        }
        if name == "br" {
            loose.push(' ');
        } else if BLOCKS.contains(&name) {
            push_paragraph(paragraphs, loose);
            let mut text = String::new();
            block_text(child, &mut text);
            push_paragraph(paragraphs, &mut text);
        } else {
            collect(child, paragraphs, loose);
        }
    }
}

/// The text of a block without its skipped parts (a `<script>` inside a `<p>`).
fn block_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
        } else if let Some(child) = ElementRef::wrap(child) {
            let name = child.value().name();
            if name == "br" {
                out.push(' ');
            } else if !SKIPPED.contains(&name) {
                block_text(child, out);
            }
        }
    }
}

fn push_paragraph(paragraphs: &mut Vec<String>, text: &mut String) {
    let p = collapse(text);
    if !p.is_empty() {
        paragraphs.push(p);
    }
    text.clear();
}

/// White space runs (new lines in the source included) become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_boilerplate(element: ElementRef<'_>) -> bool {
    let e = element.value();
    let marks = |value: Option<&str>| {
        value.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            BOILERPLATE.iter().any(|w| v.contains(w))
        })
    };
    // The article root itself may carry such a class ("article-with-share-bar"): only its
    // children are judged by class.
    e.name() != "article" && (marks(e.attr("class")) || marks(e.attr("id")))
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
}

//! What is page furniture: by element, by class/id/role, and by what a block says.
//!
//! Each rule states a convention of news pages in general, not of one site: share bars and
//! related-story lists are marked by their class names and are mostly links; bylines start
//! "By"; photo credits end in "(AP Photo/...)"; teasers start "Read more:". A rule that could
//! hit article text is bounded by length and punctuation (a sentence ending in a full stop is
//! never dropped as a bare date or a lone word).

use regex::Regex;
use scraper::node::Element;
use std::sync::LazyLock;

/// Elements whose content is never article text (figures hold photos and their captions).
pub const SKIPPED: &[&str] = &[
    "aside",
    "audio",
    "button",
    "canvas",
    "dialog",
    "figcaption",
    "figure",
    "footer",
    "form",
    "head",
    "header",
    "iframe",
    "input",
    "label",
    "menu",
    "nav",
    "noscript",
    "object",
    "picture",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "video",
];

/// How a block reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph, or text between blocks.
    #[default]
    Plain,
    /// `<h1>`–`<h6>`.
    Heading,
    /// A list item.
    Item,
    /// A table row, cells separated by spaces.
    Row,
}

/// Text of one block as found in the page.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Its text, white space as in the page.
    pub text: String,
    /// Bytes of it inside links.
    pub link_bytes: usize,
    /// What element it is.
    pub kind: Kind,
}

/// The kind of block an element starts, if it starts one (browsers' block-level elements).
pub fn block_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "li" | "dt" | "dd" => Kind::Item,
        "tr" => Kind::Row,
        "p" | "pre" | "blockquote" | "div" | "section" | "article" | "main" | "ul" | "ol" | "dl" | "table"
        | "address" | "center" | "details" | "summary" | "hgroup" | "fieldset" | "hr" | "caption" => Kind::Plain,
        _ => return None,
    })
}

/// Class or id words (split at `-`, `_` and spaces) that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "author",
    "authors",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "dateline",
    "footer",
    "gdpr",
    "login",
    "masthead",
    "menu",
    "modal",
    "navbar",
    "newsletter",
    "outbrain",
    "paywall",
    "popup",
    "promo",
    "readmore",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "timestamp",
    "toolbar",
    "trending",
];

/// Stems found inside longer class words ("sharebar", "relatedLinks", "newsletterSignup").
const FURNITURE_STEMS: &[&str] = &[
    "advert",
    "breadcrumb",
    "byline",
    "cookie",
    "newsletter",
    "outbrain",
    "paywall",
    "related",
    "sharebar",
    "sharing",
    "sidebar",
    "socialbar",
    "sponsor",
    "subscri",
    "taboola",
    "visually-hidden",
    "sr-only",
];

/// ARIA roles of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "alertdialog",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
    "toolbar",
];

/// How sure a mark of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Hidden, or a role or microdata that is never the article.
    Always,
    /// A class or id word: layout classes can mislead, so the article's bulk overrides it.
    ByName,
}

/// Whether an element is furniture by its class, id, role, microdata or visibility.
pub fn furniture_mark(e: &Element) -> Option<Mark> {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return Some(Mark::Always);
    }
    if let Some(style) = e.attr("style") {
        let style = style.to_ascii_lowercase().replace(' ', "");
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return Some(Mark::Always);
        }
    }
    if e.attr("itemprop").is_some_and(|p| matches!(p, "author" | "datePublished" | "dateModified" | "creator")) {
        return Some(Mark::Always);
    }
    if e.attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r.to_ascii_lowercase().as_str())) {
        return Some(Mark::ByName);
    }
    let marks = |value: Option<&str>| {
        value.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            FURNITURE_STEMS.iter().any(|s| v.contains(s))
                || v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| FURNITURE_WORDS.contains(&w))
        })
    };
    (marks(e.attr("class")) || marks(e.attr("id"))).then_some(Mark::ByName)
}

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo fails every HTML test at once.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern:?}: {e}"))
}

/// Teasers and calls to action: the phrase, then a separator or nothing.
static TEASER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:read more|read also|also read|see also|related(?: articles?| stories| news| content| coverage| links?)?|more from [\w .]+|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|watch|listen|click here|get [\w ]+ on the go|sign up|subscribe|advertisement|continue reading(?: below)?|share(?: this)?(?: article| story)?)(?:\s*[:|»›>–—-]|\s*$)",
    )
});
/// Gallery and media counters: "Image 3 of 12", "(16 Videos)", "12 comments".
static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:(?:image|photo|picture|slide|video)s? \d+ (?:of|/) \d+|\(?\d+ (?:videos?|photos?|images?|comments?|replies|shares)\)?)$",
    )
});
/// "By Jane Doe", "Words by ...".
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:[Bb]y|BY|[Ww]ords by|[Ss]tory by|[Ww]ritten by)\s+\p{Lu}"));
/// Credits of reporters and editors.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\(?(?:reporting|writing|editing|additional reporting|compiled|edited|produced|graphics?)(?: by|:)|\bcontributed (?:reporting|to this (?:report|story|article))|^\(?[\w .,']{0,60}\breporting by\b",
    )
});
/// Photo captions: an agency credit at the end, or the caption's own label first.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\([^()]*\b(?:photo|photograph|credit|image|getty|shutterstock|istock)\b[^()]*\)\s*$|^(?:file photo|photo|image|picture|credit)s?\s*:|(?-i:\b(?:REUTERS|AFP|AP|EPA|Getty Images)/\p{Lu})",
    )
});
/// Dates, times and their labels, as page furniture states them.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}:\d{2}\b|\b(?:updated|published|posted)\b|\b\d+ (?:min|mins|minutes?) read\b|\b\d+ (?:hours?|days?|minutes?) ago\b",
    )
});

/// True when `text` ends as a sentence does.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']).ends_with(['.', '!', '?', ':'])
}

/// Why a block is not article text, if it is not.
pub fn furniture(block: &Block, text: &str) -> Option<&'static str> {
    let words = text.split_whitespace().count();
    let raw = block.text.trim().len().max(1);
    if block.link_bytes * 10 > raw * 6 && block.kind != Kind::Row {
        return Some("links");
    }
    if words <= 20 && TEASER.is_match(text) {
        return Some("teaser");
    }
    if words <= 5 && COUNTER.is_match(text) {
        return Some("counter");
    }
    if words <= 10 && BYLINE.is_match(text) {
        return Some("byline");
    }
    if words <= 60 && CREDIT.is_match(text) {
        return Some("credit");
    }
    if words <= 80 && block.kind != Kind::Row && CAPTION.is_match(text) {
        return Some("caption");
    }
    if words <= 14 && block.kind != Kind::Row && !ends_sentence(text) && DATE.is_match(text) {
        return Some("date");
    }
    if words <= 3 && block.kind == Kind::Plain && !ends_sentence(text) {
        return Some("fragment");
    }
    None
}

/// The article's paragraphs: white space collapsed, furniture and repeats dropped.
pub fn paragraphs(blocks: Vec<Block>) -> Vec<String> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let text = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() || furniture(&block, &text).is_some() {
            continue;
        }
        // A repeated block is a widget shown twice ("Advertisement", a pull quote).
        if seen.insert(text.to_lowercase()) {
            out.push(text);
        }
    }
    out
}

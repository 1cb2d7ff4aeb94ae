//! HTML parsing with bounded nesting.
//!
//! html5ever builds the tree browsers build, but nothing bounds how deep it is: 20,000 nested
//! `<div>` make a 20,000-deep stack of open elements, whose scope checks cost quadratic time,
//! and a tree any recursive walk would overflow the stack on. Tags are therefore filtered
//! between the tokenizer and the tree builder: past [`MAX_DEPTH`] open elements a start tag is
//! dropped with its end tag, so the deeper content is kept as text of the element at the cap
//! (flattened, not lost). Every later walk is bounded by the cap too.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{local_name, LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};
use std::cell::Cell;

/// Open elements counted before tags are dropped: far beyond real pages (a few dozen), far
/// below what any walk of the tree needs to worry about.
pub const MAX_DEPTH: usize = 256;

/// Parse a whole page into a tree at most about [`MAX_DEPTH`] elements deep.
pub fn document(page: &str) -> Html {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(
        DepthCap { inner: builder, depth: Cell::new(0), dropped: Cell::new(0) },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(page));
    // A `<script>` end pauses the tokenizer (for script execution, which never happens here).
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let DepthCap { inner, .. } = tokenizer.sink;
    inner.sink.finish()
}

/// Counts the elements a start tag opens, and drops tags beyond the cap.
struct DepthCap<S> {
    inner: S,
    /// Elements counted as open.
    depth: Cell<usize>,
    /// Start tags dropped and not yet closed.
    dropped: Cell<usize>,
}

/// Elements whose start tags never nest without limit or that the tokenizer must see (raw
/// text elements switch its state; `html`/`head`/`body` are the document's frame). Void
/// elements have no content, and those with optional end tags close each other.
fn counted(name: &LocalName) -> bool {
    !matches!(
        *name,
        local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
            | local_name!("template")
            | local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            if !tag.self_closing && counted(&tag.name) {
                match tag.kind {
                    TagKind::StartTag if self.depth.get() >= MAX_DEPTH => {
                        self.dropped.set(self.dropped.get() + 1);
                        return TokenSinkResult::Continue;
                    }
                    TagKind::StartTag => self.depth.set(self.depth.get() + 1),
                    // The end tags of dropped elements go first (innermost first).
                    TagKind::EndTag if self.dropped.get() > 0 => {
                        self.dropped.set(self.dropped.get() - 1);
                        return TokenSinkResult::Continue;
                    }
                    TagKind::EndTag => self.depth.set(self.depth.get().saturating_sub(1)),
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deepest element of the tree, walked without recursion.
    fn depth(html: &Html) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(html.tree.root(), 0usize)];
        while let Some((node, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(node.children().map(|c| (c, d + 1)));
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_capped_and_its_text_kept() {
        for tag in ["div", "span", "blockquote", "table", "b"] {
            let page = format!(
                "<p>Before.</p>{}deep text{}<p>After.</p>",
                format!("<{tag}>").repeat(30_000),
                format!("</{tag}>").repeat(30_000)
            );
            let html = document(&page);
            assert!(depth(&html) < MAX_DEPTH + 16, "{tag}: {}", depth(&html));
            let text: String = html.root_element().text().collect();
            assert!(text.contains("deep text") && text.contains("After."), "{tag}: {text:.100}");
        }
    }

    #[test]
    fn normal_pages_parse_as_html5ever_parses_them() {
        let page = "<html><head><title>T</title><script>if (a < b) { x('</p>') }</script></head>\
                    <body><div><p>One<p>Two<ul><li>a<li>b</ul><table><tr><td>1<td>2</table></div></body></html>";
        assert_eq!(document(page).html(), Html::parse_document(page).html());
    }
}

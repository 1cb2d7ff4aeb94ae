//! Articles as JSON: one object per line (`.jsonl`, `.ndjson`, standard input) or per file
//! (`.json`, an object or an array of objects), as news crawlers write them.
//!
//! Field names differ between crawlers (news-please writes `maintext` and `date_publish`,
//! others `body`, `content`, `datePublished`), so each field is looked up under a list of
//! common names unless `--field text=body` names it; a dotted name reads a nested field
//! (`publisher=source.name`).

use crate::document::{check_text, Document, Metadata};
use crate::error::{DocumentError, DocumentErrorKind};
use crate::input::{decode, Format, InputOptions};
use serde_json::Value;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The article fields, and the names they are looked up under (first present wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The article text.
    pub text: Vec<String>,
    /// The headline.
    pub title: Vec<String>,
    /// Where it was published.
    pub url: Vec<String>,
    /// When it was published.
    pub published: Vec<String>,
    /// Who published it.
    pub publisher: Vec<String>,
    /// The crawler's id for it.
    pub id: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            text: names(&["text", "maintext", "body", "content", "articleBody", "article"]),
            title: names(&["title", "headline"]),
            url: names(&["url", "link", "canonical_url", "source_url"]),
            published: names(&["published", "date_publish", "datePublished", "published_at", "date", "pubdate"]),
            publisher: names(&["publisher", "source_domain", "site_name", "source", "hostname"]),
            id: names(&["id", "_id", "uuid", "doc_id"]),
        }
    }
}

impl Fields {
    /// Apply one `FIELD=NAME` setting (`text=body`): FIELD is then read from NAME only.
    ///
    /// ```
    /// let mut fields = claimex::input::Fields::default();
    /// fields.set("text=story.body").unwrap();
    /// assert_eq!(fields.text, ["story.body"]);
    /// assert!(fields.set("colour=red").is_err());
    /// ```
    pub fn set(&mut self, setting: &str) -> Result<(), String> {
        let (field, name) =
            setting.split_once('=').ok_or_else(|| format!("`{setting}`: expected FIELD=NAME, e.g. text=body"))?;
        let slot = match field.trim() {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "url" => &mut self.url,
            "published" => &mut self.published,
            "publisher" => &mut self.publisher,
            "id" => &mut self.id,
            other => {
                return Err(format!("`{other}` is not one of text, title, url, published, publisher, id"));
            }
        };
        *slot = vec![name.trim().to_string()];
        Ok(())
    }
}

/// The first of `names` present in `object` as a string (numbers are written out; an object
/// gives its `name`, as JSON-LD publishers do).
fn field(object: &Value, names: &[String]) -> Option<String> {
    names.iter().find_map(|name| {
        let value = name.split('.').try_fold(object, |v, key| v.get(key))?;
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Object(_) => value.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
    })
}

/// The first of `names` present in `object` as a non-blank string.
fn text_field(object: &Value, names: &[String]) -> Option<String> {
    names.iter().find_map(|name| {
        let value = name.split('.').try_fold(object, |v, key| v.get(key))?;
        value.as_str().filter(|s| !s.trim().is_empty()).map(|s| s.trim().to_string())
    })
}

/// One article object as a document. `source` is the bytes it was read from.
fn article(
    path: &Path,
    line: Option<usize>,
    object: &Value,
    source: &[u8],
    options: &InputOptions,
) -> Result<Document, DocumentErrorKind> {
    if !object.is_object() {
        return Err(DocumentErrorKind::BadArticle { line, message: "not a JSON object".into() });
    }
    let f = &options.fields;
    // Only a string is article text: `"text": 42` is no article.
    let text = text_field(object, &f.text).ok_or_else(|| DocumentErrorKind::BadArticle {
        line,
        message: format!("no article text (looked for {})", f.text.join(", ")),
    })?;
    let text = check_text(text, options.limits)?;
    let meta = Metadata {
        title: field(object, &f.title),
        url: field(object, &f.url),
        published: field(object, &f.published),
        publisher: field(object, &f.publisher),
        id: field(object, &f.id),
    };
    let format = if line.is_some() { Format::Jsonl } else { Format::Json };
    Ok(Document::new(path.to_path_buf(), text, source).with(format, None, meta, line))
}

/// The articles of a whole `.json` file: an object, or an array of objects.
pub fn whole(
    path: &Path,
    bytes: &[u8],
    options: &InputOptions,
) -> Result<Vec<Result<Document, DocumentError>>, DocumentErrorKind> {
    let (text, _) = decode::text(bytes.to_vec())?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| DocumentErrorKind::BadArticle { line: Some(e.line()), message: format!("malformed JSON: {e}") })?;
    let fail = |kind| DocumentError { path: path.to_path_buf(), kind };
    Ok(match &value {
        Value::Array(items) => items
            .iter()
            .map(|item| {
                let source = serde_json::to_vec(item).unwrap_or_default();
                article(path, None, item, &source, options).map_err(fail)
            })
            .collect(),
        _ => vec![article(path, None, &value, bytes, options).map_err(fail)],
    })
}

/// The articles of a JSON-lines stream, one per non-blank line, read lazily.
pub fn lines(path: PathBuf, reader: Box<dyn BufRead + Send>, options: InputOptions) -> Lines {
    Lines { path, reader, options, line: 0, buf: Vec::new(), done: false }
}

/// Iterator over the articles of a JSON-lines stream.
pub struct Lines {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    options: InputOptions,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Lines {
    /// Read the next line into `buf`, keeping at most the size limit; `None` at the end.
    fn next_line(&mut self) -> Option<Result<bool, DocumentErrorKind>> {
        self.buf.clear();
        let limit = self.options.limits.max_doc_bytes;
        let mut too_long = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(super::read_error(e, true))),
            };
            if chunk.is_empty() {
                return if self.buf.is_empty() && !too_long { None } else { Some(Ok(too_long)) };
            }
            let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            // A line over the limit is skipped without holding it in memory.
            if !too_long && (self.buf.len() + take) as u64 <= limit + 1 {
                self.buf.extend_from_slice(&chunk[..take]);
            } else {
                too_long = true;
                self.buf.clear();
            }
            self.reader.consume(take);
            if end {
                return Some(Ok(too_long));
            }
        }
    }
}

impl Iterator for Lines {
    type Item = Result<Document, DocumentError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = self.next_line();
            self.line += 1;
            let line = Some(self.line);
            let fail = |kind| Some(Err(DocumentError { path: self.path.clone(), kind }));
            match read {
                None => self.done = true,
                Some(Err(kind)) => {
                    // The stream cannot go on after a read error.
                    self.done = true;
                    return fail(kind);
                }
                Some(Ok(true)) => {
                    let limit = self.options.limits.max_doc_bytes;
                    let kind = DocumentErrorKind::BadArticle {
                        line,
                        message: format!("over the limit of {limit} bytes (--max-doc-bytes)"),
                    };
                    return fail(kind);
                }
                Some(Ok(false)) => {
                    let bytes = self.buf.trim_ascii();
                    if bytes.is_empty() {
                        continue;
                    }
                    let parsed = decode::text(bytes.to_vec()).and_then(|(text, _)| {
                        serde_json::from_str::<Value>(&text).map_err(|e| DocumentErrorKind::BadArticle {
                            line,
                            message: format!("malformed JSON: {e}"),
                        })
                    });
                    let result = parsed.and_then(|object| article(&self.path, line, &object, bytes, &self.options));
                    return Some(result.map_err(|kind| DocumentError { path: self.path.clone(), kind }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, text, url) of each article, or the error message.
    type Article = Result<(Option<usize>, String, Option<String>), String>;

    fn read(text: &str, options: &InputOptions) -> Vec<Article> {
        lines(PathBuf::from("a.jsonl"), Box::new(std::io::Cursor::new(text.as_bytes().to_vec())), options.clone())
            .map(|r| r.map(|d| (d.line, d.text, d.meta.url)).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn jsonl_lines_are_articles_and_bad_lines_name_their_line() {
        let input = concat!(
            r#"{"text": "Two envoys.", "url": "https://x/1"}"#,
            "\n\n",
            r#"{"maintext": "Three more.", "date_publish": "2025-01-02"}"#,
            "\n{not json}\n",
            r#"{"title": "no text"}"#,
            "\n[1, 2]\n",
            r#"{"text": "Last, no newline."}"#
        );
        let got = read(input, &InputOptions::default());
        assert_eq!(got[0], Ok((Some(1), "Two envoys.".into(), Some("https://x/1".into()))));
        assert_eq!(got[1], Ok((Some(3), "Three more.".into(), None)));
        assert!(
            got[2].as_ref().unwrap_err().starts_with("a.jsonl: line 4: malformed JSON: key must be a string"),
            "{:?}",
            got[2]
        );
        assert!(
            got[3].as_ref().unwrap_err().starts_with("a.jsonl: line 5: no article text (looked for text, maintext"),
            "{:?}",
            got[3]
        );
        assert_eq!(got[4], Err("a.jsonl: line 6: not a JSON object, skipped".into()));
        assert_eq!(got[5], Ok((Some(7), "Last, no newline.".into(), None)));
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn jsonl_fields_are_configurable_and_long_lines_skipped() {
        let mut options = InputOptions::default();
        options.fields.set("text=story.body").unwrap();
        options.limits.max_doc_bytes = 60;
        let long = "x".repeat(80);
        let input = format!("{}\n{{\"story\": {{\"body\": \"{long}\"}}}}\n", r#"{"story": {"body": "Nested text."}}"#);
        let got = read(&input, &options);
        assert_eq!(got[0], Ok((Some(1), "Nested text.".into(), None)));
        assert!(got[1].as_ref().unwrap_err().contains("line 2: over the limit of 60 bytes"), "{:?}", got[1]);
    }
}

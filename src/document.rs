//! Stage 0: a document, read and checked.
//!
//! Input: a path. Output: a [`Document`] that owns the text every later stage borrows, with
//! the SHA-256 of the bytes read. Bad input (unreadable, binary, not UTF-8, empty, too large,
//! one absurdly long line) is a [`DocumentError`] naming the file, never a panic.

use crate::error::{DocumentError, DocumentErrorKind};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Limits on what is accepted as an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_doc_bytes: u64,
    /// Longest line accepted, in bytes.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_doc_bytes: 50 * 1024 * 1024, max_line_bytes: 1024 * 1024 }
    }
}

/// One article: where it came from, its text, and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given on the command line or found by the walk.
    pub path: PathBuf,
    /// The text, exactly as read.
    pub text: String,
    /// Lower-case hex SHA-256 of the bytes read.
    pub sha256: String,
    /// The article's title, where the input format states one (plain text does not).
    pub title: Option<String>,
}

impl Document {
    /// A document from text in memory (its hash is that of the UTF-8 bytes).
    ///
    /// ```
    /// let doc = claimex::document::Document::from_text("a.txt", "Two envoys.".to_string());
    /// assert_eq!(doc.sha256.len(), 64);
    /// ```
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Document {
        let sha256 = sha256_hex(text.as_bytes());
        Document { path: path.into(), text, sha256, title: None }
    }

    /// Read and check a file.
    pub fn read(path: &Path, limits: Limits) -> Result<Document, DocumentError> {
        let fail = |kind| DocumentError { path: path.to_path_buf(), kind };
        let file = std::fs::File::open(path).map_err(|e| fail(e.into()))?;
        let size = file.metadata().map_err(|e| fail(e.into()))?.len();
        if size > limits.max_doc_bytes {
            return Err(fail(DocumentErrorKind::TooLarge { bytes: size, limit: limits.max_doc_bytes }));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // Read one byte past the limit so a file that grew after `metadata` is still caught.
        file.take(limits.max_doc_bytes + 1).read_to_end(&mut bytes).map_err(|e| fail(e.into()))?;
        if bytes.len() as u64 > limits.max_doc_bytes {
            return Err(fail(DocumentErrorKind::TooLarge { bytes: bytes.len() as u64, limit: limits.max_doc_bytes }));
        }
        let text = check(bytes, limits).map_err(fail)?;
        Ok(Document::from_text(path, text))
    }
}

/// The checks every input goes through, in the order that gives the most useful message.
fn check(bytes: Vec<u8>, limits: Limits) -> Result<String, DocumentErrorKind> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DocumentErrorKind::Binary { offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        DocumentErrorKind::NotUtf8 { offset, line }
    })?;
    if text.trim().is_empty() {
        return Err(DocumentErrorKind::Empty);
    }
    if let Some((i, line)) = text.split('\n').enumerate().find(|(_, l)| l.len() > limits.max_line_bytes) {
        return Err(DocumentErrorKind::LineTooLong { line: i + 1, bytes: line.len(), limit: limits.max_line_bytes });
    }
    Ok(text)
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> Result<String, DocumentErrorKind> {
        check(bytes.to_vec(), Limits { max_doc_bytes: 100, max_line_bytes: 10 })
    }

    #[test]
    fn document_checks_reject_bad_input() {
        assert!(matches!(kind(b"ab\0cd"), Err(DocumentErrorKind::Binary { offset: 2 })));
        assert!(matches!(kind(b"ok\n\xff"), Err(DocumentErrorKind::NotUtf8 { offset: 3, line: 2 })));
        assert!(matches!(kind(b" \n\t "), Err(DocumentErrorKind::Empty)));
        assert!(matches!(kind(b"short\n0123456789a"), Err(DocumentErrorKind::LineTooLong { line: 2, .. })));
        assert_eq!(kind(b"fine text").ok().as_deref(), Some("fine text"));
    }

    #[test]
    fn document_hash_is_sha256_of_bytes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

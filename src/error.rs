//! Errors of the library: every one names the file, and the line where there is one.
//!
//! Stages never fail (any text yields some, possibly empty, output); only reading input
//! (documents, gazetteers) can.

use std::path::PathBuf;

/// A gazetteer file could not be read or has a malformed line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line breaks the format.
    #[error("{}:{line}: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The gazetteer has no entity at all.
    #[error("{}: no gazetteer entries found", path.display())]
    Empty {
        /// The file or folder.
        path: PathBuf,
    },
}

/// A document could not be turned into text; the batch goes on without it.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct DocumentError {
    /// The document as given.
    pub path: PathBuf,
    /// Why it was skipped.
    pub kind: DocumentErrorKind,
}

/// Why a document was skipped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentErrorKind {
    /// Reading failed (missing, permissions, a folder where a file was expected...).
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Holds NUL bytes: not a text file.
    #[error("binary file (NUL byte at byte {offset}), skipped")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// Neither valid UTF-8 nor text in a legacy encoding.
    #[error("not text: neither UTF-8 nor a legacy encoding (first invalid UTF-8 byte at line {line}, byte {offset}), skipped")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of it.
        line: usize,
    },
    /// No text at all, or only white space.
    #[error("empty document, skipped")]
    Empty,
    /// Larger than the configured limit.
    #[error("{bytes} bytes is over the limit of {limit} bytes (--max-doc-bytes), skipped")]
    TooLarge {
        /// Size of the file.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Compressed data that does not decompress.
    #[error("{0}, skipped")]
    Corrupt(String),
    /// Neither UTF-8 nor a legacy encoding that decodes cleanly.
    #[error("undecodable: {0}, skipped")]
    Undecodable(String),
    /// An article object (JSON, JSON lines) that cannot be used.
    #[error("{}{message}, skipped", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    BadArticle {
        /// 1-based line of a JSON-lines input.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A stage failed on this document: a bug in claimex, to be reported with the file.
    #[error("internal error ({0}), skipped: please report it with this file")]
    Internal(String),
    /// A folder holds something that is not a regular file (a named pipe would block the
    /// batch if it were read).
    #[error("not a regular file ({0}), skipped")]
    NotAFile(&'static str),
    /// More numbers or lines than any article has: the rest of the document is not
    /// extracted (the stages' memory grows with them).
    #[error("too many {what} (more than {limit}): the text from line {line} on is skipped")]
    TooMany {
        /// `numbers` or `lines`.
        what: &'static str,
        /// 1-based line where extraction stopped.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// One line is longer than any article paragraph could be (minified or generated data).
    #[error("line {line} is {bytes} bytes, over the limit of {limit} bytes (--max-line-bytes), skipped")]
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl DocumentErrorKind {
    /// A short name of the kind, for `--errors` files.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentErrorKind::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "not_found",
            DocumentErrorKind::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => "permission_denied",
            DocumentErrorKind::Io(_) => "io",
            DocumentErrorKind::Binary { .. } => "binary",
            DocumentErrorKind::NotUtf8 { .. } => "not_text",
            DocumentErrorKind::Empty => "empty",
            DocumentErrorKind::TooLarge { .. } => "too_large",
            DocumentErrorKind::Corrupt(_) => "corrupt",
            DocumentErrorKind::Undecodable(_) => "undecodable",
            DocumentErrorKind::BadArticle { .. } => "bad_article",
            DocumentErrorKind::LineTooLong { .. } => "line_too_long",
            DocumentErrorKind::Internal(_) => "internal",
            DocumentErrorKind::NotAFile(_) => "not_a_file",
            DocumentErrorKind::TooMany { what: "lines", .. } => "too_many_lines",
            DocumentErrorKind::TooMany { .. } => "too_many_numbers",
        }
    }

    /// The 1-based line the problem is on, where there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DocumentErrorKind::NotUtf8 { line, .. }
            | DocumentErrorKind::LineTooLong { line, .. }
            | DocumentErrorKind::TooMany { line, .. } => Some(*line),
            DocumentErrorKind::BadArticle { line, .. } => *line,
            _ => None,
        }
    }
}

/// A `--incremental` manifest could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a manifest line.
    #[error("{}:{line}: not a claimex manifest line: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

//! Helpers below every stage and every driver: hashing ([`hash`]) and output files
//! ([`temp_path`]). Nothing here uses another module of the crate, so any module may use it
//! without making a cycle.

pub mod hash;

use std::path::{Path, PathBuf};

/// Where an output file is written before it is renamed into place: beside it (same file
/// system, so the rename is atomic), hidden, and named by the process.
///
/// ```
/// let temp = claimex::util::temp_path(std::path::Path::new("out/claims.jsonl"));
/// assert_eq!(temp, std::path::Path::new(&format!("out/.claims.jsonl.{}.tmp", std::process::id())));
/// ```
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

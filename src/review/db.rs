//! The review database (SQLite, WAL): the claims under review and every decision taken.
//!
//! `claims` holds one row per claim id (the record as JSON, its [`content_hash`], columns
//! for the filters, and the current status); `decisions` is an append-only log (undo marks a
//! row undone, it never deletes). A claim's status is its latest decision that is not undone;
//! it is *stale* (to review again) when that decision was taken on other content.

use super::{content_hash, gold_of, ReviewError, EDITABLE};
use crate::attribution::SourceKind;
use crate::eval::{qualifier_named, source_kind_named, Gold, QUALIFIERS, SOURCE_KINDS};
use crate::quantity::qualifier::Qualifier;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::io::BufRead;
use std::path::Path;

/// Longest reviewer name, in characters.
pub const MAX_REVIEWER: usize = 100;
/// Longest claim id, in bytes (claimex writes 16).
pub const MAX_ID: usize = 128;
/// Longest free-text field (reason, source, time, unit...), in characters.
pub const MAX_TEXT: usize = 1000;
/// Most places in a correction.
pub const MAX_PLACES: usize = 50;

const SCHEMA_SQL: &str = "
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    doc TEXT NOT NULL,
    source TEXT,
    source_kind TEXT,
    unit TEXT,
    entities TEXT NOT NULL,
    confidence REAL,
    search TEXT NOT NULL,
    present INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'new',
    decided_hash TEXT
);
CREATE INDEX IF NOT EXISTS claims_seq ON claims(present, seq);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(present, doc);
CREATE INDEX IF NOT EXISTS claims_state ON claims(present, status, decided_hash, hash);
CREATE INDEX IF NOT EXISTS claims_unit ON claims(present, unit);
CREATE INDEX IF NOT EXISTS claims_kind ON claims(present, source_kind);
-- The records apart, so that scans for filters and counters read small rows.
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id TEXT NOT NULL,
    claim_hash TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL,
    reason TEXT,
    correction TEXT,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS decisions_claim ON decisions(claim_id, seq);
CREATE INDEX IF NOT EXISTS decisions_reviewer ON decisions(reviewer, seq);
";

/// What a curator decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The claim is right as extracted.
    Accepted,
    /// The claim is not a claim (or hopelessly wrong).
    Rejected,
    /// The claim is right once the correction is applied.
    Corrected,
}

impl Verdict {
    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Rejected => "rejected",
            Verdict::Corrected => "corrected",
        }
    }

    fn parse(s: &str) -> Option<Verdict> {
        match s {
            "accepted" => Some(Verdict::Accepted),
            "rejected" => Some(Verdict::Rejected),
            "corrected" => Some(Verdict::Corrected),
            _ => None,
        }
    }
}

/// A decision as sent by the page.
#[derive(Debug, Clone, Deserialize)]
pub struct NewDecision {
    /// The claim's id.
    pub id: String,
    /// Who decides.
    pub reviewer: String,
    /// What.
    pub decision: Verdict,
    /// Why (rejections).
    #[serde(default)]
    pub reason: Option<String>,
    /// Corrected gold fields (`value`, `unit`, `source`...), for `corrected`.
    #[serde(default)]
    pub correction: Option<Map<String, Value>>,
}

/// A stored decision.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// Who.
    pub reviewer: String,
    /// What.
    pub decision: Verdict,
    /// Why.
    pub reason: Option<String>,
    /// Corrected gold fields.
    pub correction: Option<Map<String, Value>>,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// The content hash of the claim it was taken on.
    pub claim_hash: String,
}

/// One claim with its review state.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Stable id.
    pub id: String,
    /// Content hash of the current record.
    pub hash: String,
    /// new, accepted, rejected, corrected.
    pub status: String,
    /// Decided on other content: to review again.
    pub stale: bool,
    /// The claim record.
    pub record: Value,
    /// Its gold fields (what an edit starts from).
    pub gold: Gold,
    /// The latest decision that is not undone.
    pub decision: Option<Decision>,
}

/// Queue filters; empty strings are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Document path, exactly.
    pub doc: String,
    /// Words of the source (substring).
    pub source: String,
    /// Source kind, exactly (`none` for unattributed claims).
    pub kind: String,
    /// Unit lemma, exactly.
    pub unit: String,
    /// An entity name (subject, places, source entity), substring.
    pub entity: String,
    /// new, accepted, rejected, corrected, or stale.
    pub status: String,
    /// Only claims whose source confidence is below this.
    pub conf_below: Option<f64>,
    /// Free text over the sentence, document, source and unit.
    pub q: String,
}

/// One page of the queue.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Claims matching the filter.
    pub total: usize,
    /// 0-based page number.
    pub page: usize,
    /// Page size.
    pub per_page: usize,
    /// The claims of this page.
    pub items: Vec<Item>,
}

/// Review progress and agreement.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    /// Claims under review.
    pub total: usize,
    /// Claims with a current (not stale) decision.
    pub reviewed: usize,
    /// Accepted.
    pub accepted: usize,
    /// Rejected.
    pub rejected: usize,
    /// Corrected.
    pub corrected: usize,
    /// Decided on content that has changed since.
    pub stale: usize,
    /// Claims decided by two reviewers or more.
    pub multi: usize,
    /// Of those, claims where every reviewer's latest decision is the same.
    pub agreeing: usize,
}

/// Values for the filter menus.
#[derive(Debug, Clone, Serialize)]
pub struct Facets {
    /// Document paths.
    pub docs: Vec<String>,
    /// Source kinds.
    pub kinds: Vec<String>,
    /// Unit lemmas.
    pub units: Vec<String>,
}

/// Claims read from a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Records read.
    pub claims: usize,
    /// Of those, new ids.
    pub added: usize,
    /// Of those, known ids whose content changed.
    pub changed: usize,
}

/// The database.
pub struct Store {
    conn: Connection,
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(String::from)
}

fn too_long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

/// A reviewer name: 1 to [`MAX_REVIEWER`] characters, none of them control characters (they
/// would reach terminals and logs through `review export`).
fn check_reviewer(name: &str) -> Result<(), ReviewError> {
    if name.is_empty() || too_long(name, MAX_REVIEWER) || name.chars().any(char::is_control) {
        return Err(ReviewError::Invalid(format!("reviewer: 1 to {MAX_REVIEWER} characters, no control characters")));
    }
    Ok(())
}

/// Read a claims JSONL file: every line a claim record with an id of 1 to [`MAX_ID`] bytes,
/// no id twice. Errors name the line.
pub fn read_claims(path: &Path) -> Result<Vec<Value>, ReviewError> {
    let io = |source| ReviewError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut records = Vec::new();
    let mut lines = std::collections::HashMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let malformed = |reason: String| ReviewError::Malformed { path: path.to_path_buf(), line: i + 1, reason };
        let record: Value = serde_json::from_str(&line).map_err(|e| malformed(e.to_string()))?;
        if !record["id"].is_string() || !record["doc"]["path"].is_string() || !record["sentence"].is_object() {
            return Err(malformed("not a claim record (id, doc.path and sentence needed)".into()));
        }
        let id = record["id"].as_str().unwrap_or_default();
        if id.trim().is_empty() || id.len() > MAX_ID || id.chars().any(char::is_control) {
            return Err(malformed(format!("id: 1 to {MAX_ID} bytes of text without control characters")));
        }
        // Decisions are keyed by id: a second record with it would silently replace the first.
        if let Some(first) = lines.insert(id.to_string(), i + 1) {
            return Err(malformed(format!("duplicate id {id} (first on line {first})")));
        }
        records.push(record);
    }
    Ok(records)
}

/// Check a correction object: known fields, the right types, bounded lengths.
pub fn check_correction(c: &Map<String, Value>) -> Result<(), ReviewError> {
    let bad = |m: String| Err(ReviewError::Invalid(m));
    for (k, v) in c {
        match k.as_str() {
            "value" | "low" | "high" => {
                if !(v.is_null() || v.as_f64().is_some_and(f64::is_finite)) {
                    return bad(format!("{k}: a number or null"));
                }
            }
            "qualifier" => {
                if v.as_str().and_then(qualifier_named).is_none() {
                    return bad(format!("qualifier: one of {}", QUALIFIERS.map(Qualifier::as_str).join(", ")));
                }
            }
            "source_kind" => {
                if !(v.is_null() || v.as_str().and_then(source_kind_named).is_some()) {
                    return bad(format!(
                        "source_kind: null or one of {}",
                        SOURCE_KINDS.map(SourceKind::as_str).join(", ")
                    ));
                }
            }
            "unit" | "source" | "via" | "time" => match v {
                Value::Null => {}
                Value::String(s) if !too_long(s, MAX_TEXT) => {}
                _ => return bad(format!("{k}: null or text up to {MAX_TEXT} characters")),
            },
            "places" => {
                let ok = v.as_array().is_some_and(|a| {
                    a.len() <= MAX_PLACES && a.iter().all(|p| p.as_str().is_some_and(|s| !too_long(s, MAX_TEXT)))
                });
                if !ok {
                    return bad(format!("places: up to {MAX_PLACES} names"));
                }
            }
            _ => return bad(format!("{k}: not an editable field ({})", EDITABLE.join(", "))),
        }
    }
    Ok(())
}

impl Store {
    /// Open (or create) the database at `path`, in WAL mode, waiting up to 5 s for locks
    /// held by another server on the same file.
    pub fn open(path: &Path) -> Result<Store, ReviewError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(SCHEMA_SQL)?;
        Ok(Store { conn })
    }

    // Write transactions are IMMEDIATE: they take the write lock first, so a curator writing
    // at the same time makes them wait (busy timeout) instead of failing a read-then-write.

    /// Read a claims JSONL file and upsert its records (see [`Store::upsert`]).
    pub fn load_file(&mut self, path: &Path) -> Result<LoadReport, ReviewError> {
        let records = read_claims(path)?;
        self.upsert(&records)
    }

    /// Make `records` the claims under review: new ids are added, known ids updated (their
    /// decisions kept; stale if the content changed), ids not in `records` leave the queue.
    pub fn upsert(&mut self, records: &[Value]) -> Result<LoadReport, ReviewError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("UPDATE claims SET present = 0", [])?;
        let mut report = LoadReport { claims: records.len(), ..LoadReport::default() };
        {
            let mut old = tx.prepare("SELECT hash FROM claims WHERE id = ?1")?;
            let mut put = tx.prepare(
                "INSERT INTO claims (id, seq, hash, doc, source, source_kind, unit, entities, confidence, search, present)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
                 ON CONFLICT(id) DO UPDATE SET seq = ?2, hash = ?3, doc = ?4, source = ?5, source_kind = ?6, unit = ?7,
                   entities = ?8, confidence = ?9, search = ?10, present = 1",
            )?;
            let mut put_record = tx.prepare(
                "INSERT INTO records (id, record) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET record = ?2",
            )?;
            for (seq, r) in records.iter().enumerate() {
                let id = r["id"].as_str().unwrap_or_default();
                let hash = content_hash(r);
                match old.query_row([id], |row| row.get::<_, String>(0)).optional()? {
                    None => report.added += 1,
                    Some(h) if h != hash => report.changed += 1,
                    Some(_) => {}
                }
                let doc = r["doc"]["path"].as_str().unwrap_or_default();
                let source = text(&r["source"]["text"]);
                let unit = text(&r["unit"]["lemma"]);
                let mut entities: Vec<String> = Vec::new();
                entities.extend(text(&r["subject"]["name"]));
                if let Some(places) = r["places"].as_array() {
                    entities.extend(places.iter().filter_map(|p| text(&p["name"])));
                }
                entities.extend(text(&r["source"]["entity"]));
                let search = [
                    r["sentence"]["text"].as_str().unwrap_or_default(),
                    doc,
                    source.as_deref().unwrap_or_default(),
                    unit.as_deref().unwrap_or_default(),
                    &entities.join("\n"),
                ]
                .join("\n");
                put.execute(params![
                    id,
                    seq as i64,
                    hash,
                    doc,
                    source,
                    text(&r["source"]["kind"]),
                    unit,
                    entities.join("\n"),
                    r["source"]["confidence"].as_f64(),
                    search,
                ])?;
                put_record.execute(params![id, r.to_string()])?;
            }
        }
        tx.commit()?;
        Ok(report)
    }

    /// One page of the queue, in file order.
    pub fn page(&self, filter: &Filter, page: usize, per_page: usize) -> Result<Page, ReviewError> {
        let per_page = per_page.clamp(1, 200);
        let (clause, args) = where_clause(filter);
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM claims WHERE {clause}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        // With a document, its index finds the few rows (then sorted); otherwise walk seq.
        let order = if filter.doc.is_empty() { "c.seq" } else { "+c.seq" };
        let sql = format!(
            "SELECT c.id, c.hash, c.status, c.decided_hash, r.record FROM claims c JOIN records r ON r.id = c.id
             WHERE {clause} ORDER BY {order} LIMIT {per_page} OFFSET {}",
            page.saturating_mul(per_page)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), row_parts)?.collect::<Result<Vec<_>, _>>()?;
        let items = rows.into_iter().map(|p| self.item(p)).collect::<Result<Vec<_>, _>>()?;
        Ok(Page { total: usize::try_from(total).unwrap_or(0), page, per_page, items })
    }

    /// One claim.
    pub fn get(&self, id: &str) -> Result<Option<Item>, ReviewError> {
        let parts = self
            .conn
            .query_row("SELECT c.id, c.hash, c.status, c.decided_hash, r.record FROM claims c JOIN records r ON r.id = c.id WHERE c.id = ?1", [id], row_parts)
            .optional()?;
        parts.map(|p| self.item(p)).transpose()
    }

    /// Every claim of a document, in file order.
    pub fn doc_items(&self, doc: &str) -> Result<Vec<Item>, ReviewError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.hash, c.status, c.decided_hash, r.record FROM claims c JOIN records r ON r.id = c.id WHERE doc = ?1 AND present = 1 ORDER BY +c.seq",
        )?;
        let rows = stmt.query_map([doc], row_parts)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(|p| self.item(p)).collect()
    }

    /// Whether `doc` is the path of a claim under review.
    pub fn has_doc(&self, doc: &str) -> Result<bool, ReviewError> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM claims WHERE doc = ?1 AND present = 1)", [doc], |r| r.get(0))?)
    }

    fn item(&self, (id, hash, status, decided, record): RowParts) -> Result<Item, ReviewError> {
        let record: Value = serde_json::from_str(&record).map_err(|e| ReviewError::Invalid(e.to_string()))?;
        let decision = self.latest(&id)?;
        let stale = status != "new" && decided.as_deref() != Some(hash.as_str());
        Ok(Item { gold: gold_of(&record), id, hash, status, stale, record, decision })
    }

    fn latest(&self, id: &str) -> Result<Option<Decision>, ReviewError> {
        let row = self
            .conn
            .query_row(
                "SELECT reviewer, decision, reason, correction, at, claim_hash FROM decisions
                 WHERE claim_id = ?1 AND undone = 0 ORDER BY seq DESC LIMIT 1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.and_then(|(reviewer, decision, reason, correction, at, claim_hash)| {
            Some(Decision {
                reviewer,
                decision: Verdict::parse(&decision)?,
                reason,
                correction: correction.and_then(|c| serde_json::from_str(&c).ok()),
                at,
                claim_hash,
            })
        }))
    }

    /// Record a decision on the claim's current content; returns the claim as it now stands.
    pub fn decide(&mut self, d: &NewDecision) -> Result<Item, ReviewError> {
        let reviewer = d.reviewer.trim();
        check_reviewer(reviewer)?;
        if d.reason.as_deref().is_some_and(|r| too_long(r, MAX_TEXT)) {
            return Err(ReviewError::Invalid(format!("reason: up to {MAX_TEXT} characters")));
        }
        let correction = match (d.decision, &d.correction) {
            (Verdict::Corrected, Some(c)) if !c.is_empty() => {
                check_correction(c)?;
                Some(Value::Object(c.clone()).to_string())
            }
            (Verdict::Corrected, _) => return Err(ReviewError::Invalid("corrected: a correction is needed".into())),
            (_, _) => None,
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let hash: Option<String> =
            tx.query_row("SELECT hash FROM claims WHERE id = ?1", [&d.id], |r| r.get(0)).optional()?;
        let Some(hash) = hash else {
            return Err(ReviewError::Invalid(format!("no claim {:?}", d.id)));
        };
        tx.execute(
            "INSERT INTO decisions (claim_id, claim_hash, reviewer, decision, reason, correction, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![
                d.id,
                hash,
                reviewer,
                d.decision.as_str(),
                d.reason.as_deref().filter(|r| !r.is_empty()),
                correction
            ],
        )?;
        refresh(&tx, &d.id)?;
        tx.commit()?;
        self.get(&d.id)?.ok_or_else(|| ReviewError::Invalid(format!("no claim {:?}", d.id)))
    }

    /// Undo `reviewer`'s latest decision that is not undone yet; returns the claim it was on.
    pub fn undo(&mut self, reviewer: &str) -> Result<Option<Item>, ReviewError> {
        check_reviewer(reviewer.trim())?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT seq, claim_id FROM decisions WHERE reviewer = ?1 AND undone = 0 ORDER BY seq DESC LIMIT 1",
                [reviewer.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((seq, id)) = last else {
            return Ok(None);
        };
        tx.execute("UPDATE decisions SET undone = 1 WHERE seq = ?1", [seq])?;
        refresh(&tx, &id)?;
        tx.commit()?;
        self.get(&id)
    }

    /// Progress and agreement over the claims under review.
    pub fn stats(&self) -> Result<Stats, ReviewError> {
        let mut s = Stats::default();
        let mut stmt = self.conn.prepare(
            "SELECT status, status != 'new' AND (decided_hash IS NULL OR decided_hash != hash), COUNT(*)
             FROM claims WHERE present = 1 GROUP BY 1, 2",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (status, stale, n) = row?;
            let n = usize::try_from(n).unwrap_or(0);
            s.total += n;
            if stale {
                s.stale += n;
                continue;
            }
            match status.as_str() {
                "accepted" => s.accepted += n,
                "rejected" => s.rejected += n,
                "corrected" => s.corrected += n,
                _ => {}
            }
        }
        s.reviewed = s.accepted + s.rejected + s.corrected;
        let (multi, agreeing): (i64, i64) = self.conn.query_row(
            "WITH latest AS (
                 SELECT d.claim_id, d.reviewer, d.decision, d.correction FROM decisions d
                 CROSS JOIN claims c ON c.id = d.claim_id AND c.present = 1 AND c.hash = d.claim_hash
                 WHERE d.undone = 0 AND d.seq = (SELECT MAX(seq) FROM decisions e
                     WHERE e.claim_id = d.claim_id AND e.reviewer = d.reviewer AND e.undone = 0)),
             per_claim AS (
                 SELECT claim_id, COUNT(*) AS n,
                        COUNT(DISTINCT decision || ':' || IFNULL(correction, '')) AS kinds
                 FROM latest GROUP BY claim_id HAVING n >= 2)
             SELECT COUNT(*), IFNULL(SUM(kinds = 1), 0) FROM per_claim",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        s.multi = usize::try_from(multi).unwrap_or(0);
        s.agreeing = usize::try_from(agreeing).unwrap_or(0);
        Ok(s)
    }

    /// Values for the filter menus.
    pub fn facets(&self) -> Result<Facets, ReviewError> {
        let list = |sql: &str| -> Result<Vec<String>, ReviewError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        Ok(Facets {
            docs: list("SELECT DISTINCT doc FROM claims WHERE present = 1 ORDER BY doc LIMIT 5000")?,
            kinds: list(
                "SELECT DISTINCT source_kind FROM claims WHERE present = 1 AND source_kind IS NOT NULL ORDER BY 1",
            )?,
            units: list(
                "SELECT DISTINCT unit FROM claims WHERE present = 1 AND unit IS NOT NULL ORDER BY 1 LIMIT 5000",
            )?,
        })
    }

    /// Accepted and corrected claims whose decision is current, in file order.
    pub fn curated(&self) -> Result<Vec<Item>, ReviewError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.hash, c.status, c.decided_hash, r.record FROM claims c JOIN records r ON r.id = c.id
             WHERE present = 1 AND status IN ('accepted', 'corrected') AND decided_hash = hash ORDER BY seq",
        )?;
        let rows = stmt.query_map([], row_parts)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(|p| self.item(p)).collect()
    }
}

type RowParts = (String, String, String, Option<String>, String);

fn row_parts(r: &rusqlite::Row<'_>) -> rusqlite::Result<RowParts> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// Set a claim's status from its latest decision that is not undone.
fn refresh(conn: &Connection, id: &str) -> Result<(), ReviewError> {
    let latest: Option<(String, String)> = conn
        .query_row(
            "SELECT decision, claim_hash FROM decisions WHERE claim_id = ?1 AND undone = 0 ORDER BY seq DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (status, hash) = match latest {
        Some((d, h)) => (d, Some(h)),
        None => ("new".to_string(), None),
    };
    conn.execute("UPDATE claims SET status = ?2, decided_hash = ?3 WHERE id = ?1", params![id, status, hash])?;
    Ok(())
}

/// `LIKE` pattern for a substring, with its wildcards escaped.
fn contains(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn where_clause(f: &Filter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut fixed = vec!["present = 1"];
    let mut clause: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut add = |sql: &str, arg: Box<dyn ToSql>| {
        args.push(arg);
        clause.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if !f.doc.is_empty() {
        add("doc = ?", Box::new(f.doc.clone()));
    }
    if !f.source.trim().is_empty() {
        add("source LIKE ? ESCAPE '\\'", Box::new(contains(f.source.trim())));
    }
    match f.kind.as_str() {
        "" => {}
        "none" => fixed.push("source_kind IS NULL"),
        k => add("source_kind = ?", Box::new(k.to_string())),
    }
    if !f.unit.is_empty() {
        add("unit = ?", Box::new(f.unit.clone()));
    }
    if !f.entity.trim().is_empty() {
        add("entities LIKE ? ESCAPE '\\'", Box::new(contains(f.entity.trim())));
    }
    match f.status.as_str() {
        "" => {}
        // `+status`: no index on status here. Most claims share a status, and walking the seq
        // index (one page in order) beats looking up every row the status index names.
        "stale" => fixed.push("+status != 'new' AND (decided_hash IS NULL OR decided_hash != hash)"),
        "new" => fixed.push("+status = 'new'"),
        s => add("+status = ? AND decided_hash = hash", Box::new(s.to_string())),
    }
    if let Some(c) = f.conf_below.filter(|c| c.is_finite()) {
        add("confidence < ?", Box::new(c));
    }
    if !f.q.trim().is_empty() {
        add("search LIKE ? ESCAPE '\\'", Box::new(contains(f.q.trim())));
    }
    let all: Vec<String> = fixed.into_iter().map(String::from).chain(clause).collect();
    (all.join(" AND "), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(id: &str, value: f64, unit: &str) -> Value {
        json!({
            "schema": "claimex.claim/1", "id": id,
            "doc": {"path": "corpus/a.txt"},
            "sentence": {"index": 0, "text": "About 40 people were killed, officials said.", "char_start": 0, "char_end": 44, "byte_start": 0, "byte_end": 44},
            "quantity": {"text": "About 40", "value": value, "low": null, "high": null, "qualifier": "approx", "kind": "count",
                         "char_start": 0, "char_end": 8, "byte_start": 0, "byte_end": 8},
            "unit": {"text": "people", "lemma": unit, "at": null},
            "subject": null, "places": [], "time": null,
            "source": {"text": "officials", "kind": "official", "entity": null, "via": [], "confidence": 0.6},
            "extractor": {"name": "claimex", "version": "0"}
        })
    }

    fn store(records: &[Value]) -> Store {
        let mut s = Store::open(Path::new(":memory:")).expect("open");
        s.upsert(records).expect("upsert");
        s
    }

    fn decide(s: &mut Store, id: &str, who: &str, v: Verdict) -> Item {
        s.decide(&NewDecision { id: id.into(), reviewer: who.into(), decision: v, reason: None, correction: None })
            .expect("decide")
    }

    #[test]
    fn review_db_decisions_set_status_and_stats() {
        let mut s = store(&[record("a", 40.0, "person"), record("b", 41.0, "person"), record("c", 42.0, "person")]);
        assert_eq!(decide(&mut s, "a", "ann", Verdict::Accepted).status, "accepted");
        let mut correction = Map::new();
        correction.insert("value".into(), json!(45));
        let item = s
            .decide(&NewDecision {
                id: "b".into(),
                reviewer: "ann".into(),
                decision: Verdict::Corrected,
                reason: None,
                correction: Some(correction),
            })
            .expect("correct");
        assert_eq!(item.status, "corrected");
        assert_eq!(
            item.decision.as_ref().and_then(|d| d.correction.as_ref()).map(|c| c["value"].clone()),
            Some(json!(45))
        );
        let stats = s.stats().expect("stats");
        assert_eq!((stats.total, stats.reviewed, stats.accepted, stats.corrected), (3, 2, 1, 1));
        // A second reviewer disagrees on a, agrees on nothing else.
        decide(&mut s, "a", "bob", Verdict::Rejected);
        let stats = s.stats().expect("stats");
        assert_eq!((stats.multi, stats.agreeing, stats.rejected), (1, 0, 1));
        decide(&mut s, "a", "bob", Verdict::Accepted);
        assert_eq!(s.stats().expect("stats").agreeing, 1);
    }

    #[test]
    fn review_db_undo_restores_the_previous_state() {
        let mut s = store(&[record("a", 40.0, "person")]);
        decide(&mut s, "a", "ann", Verdict::Accepted);
        decide(&mut s, "a", "ann", Verdict::Rejected);
        assert_eq!(s.undo("ann").expect("undo").map(|i| i.status), Some("accepted".into()));
        assert_eq!(s.undo("ann").expect("undo").map(|i| i.status), Some("new".into()));
        assert!(s.undo("ann").expect("undo").is_none());
        // Undo is per reviewer.
        decide(&mut s, "a", "ann", Verdict::Accepted);
        assert!(s.undo("bob").expect("undo").is_none());
        assert_eq!(s.get("a").expect("get").map(|i| i.status), Some("accepted".into()));
    }

    #[test]
    fn review_db_decisions_carry_over_and_changed_claims_are_flagged() {
        let mut s = store(&[record("a", 40.0, "person"), record("b", 41.0, "person")]);
        decide(&mut s, "a", "ann", Verdict::Accepted);
        decide(&mut s, "b", "ann", Verdict::Accepted);
        // Re-extraction: a unchanged but from a newer extractor, b changed, c new.
        let mut a = record("a", 40.0, "person");
        a["extractor"]["version"] = json!("1");
        let report = s.upsert(&[a, record("b", 41.0, "soldier"), record("c", 1.0, "x")]).expect("upsert");
        assert_eq!(report, LoadReport { claims: 3, added: 1, changed: 1 });
        let a = s.get("a").expect("get").expect("a");
        assert_eq!((a.status.as_str(), a.stale), ("accepted", false));
        let b = s.get("b").expect("get").expect("b");
        assert_eq!((b.status.as_str(), b.stale), ("accepted", true));
        let stale = Filter { status: "stale".into(), ..Filter::default() };
        assert_eq!(s.page(&stale, 0, 50).expect("page").items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b"]);
        let stats = s.stats().expect("stats");
        assert_eq!((stats.reviewed, stats.stale), (1, 1));
        // Deciding again clears the flag; export takes only current decisions.
        assert_eq!(s.curated().expect("curated").len(), 1);
        assert!(!decide(&mut s, "b", "ann", Verdict::Accepted).stale);
        assert_eq!(s.curated().expect("curated").len(), 2);
    }

    #[test]
    fn review_db_filters_and_pages() {
        let records: Vec<Value> = (0..120)
            .map(|i| record(&format!("id{i}"), f64::from(i), if i % 2 == 0 { "person" } else { "soldier" }))
            .collect();
        let s = store(&records);
        let page = s.page(&Filter::default(), 2, 50).expect("page");
        assert_eq!((page.total, page.items.len(), page.items[0].id.as_str()), (120, 20, "id100"));
        let soldiers = Filter { unit: "soldier".into(), ..Filter::default() };
        assert_eq!(s.page(&soldiers, 0, 50).expect("page").total, 60);
        let text = Filter { q: "KILLED".into(), conf_below: Some(0.7), ..Filter::default() };
        assert_eq!(s.page(&text, 0, 50).expect("page").total, 120);
        let none = Filter { q: "100%".into(), conf_below: Some(0.5), ..Filter::default() };
        assert_eq!(s.page(&none, 0, 50).expect("page").total, 0);
    }

    #[test]
    fn review_db_several_curators_write_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("review.sqlite");
        let records: Vec<Value> = (0..100).map(|i| record(&format!("id{i}"), f64::from(i), "person")).collect();
        Store::open(&path).expect("open").upsert(&records).expect("upsert");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&path).expect("open");
                    for i in (t..100).step_by(4) {
                        decide(&mut s, &format!("id{i}"), &format!("curator{t}"), Verdict::Accepted);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("no curator failed");
        }
        // A server that stopped and started again sees every decision.
        let stats = Store::open(&path).expect("reopen").stats().expect("stats");
        assert_eq!((stats.total, stats.reviewed, stats.accepted), (100, 100, 100));
    }

    #[test]
    fn review_db_rejects_bad_decisions() {
        let mut s = store(&[record("a", 40.0, "person")]);
        let mut d = NewDecision {
            id: "a".into(),
            reviewer: "x".repeat(101),
            decision: Verdict::Accepted,
            reason: None,
            correction: None,
        };
        assert!(s.decide(&d).is_err());
        d.reviewer = "ann".into();
        d.decision = Verdict::Corrected;
        assert!(s.decide(&d).is_err(), "a correction without fields");
        d.correction = Some(json!({"path": "/etc/passwd"}).as_object().cloned().unwrap_or_default());
        assert!(s.decide(&d).is_err(), "unknown field");
        d.correction = Some(json!({"qualifier": "lots"}).as_object().cloned().unwrap_or_default());
        assert!(s.decide(&d).is_err(), "unknown qualifier");
        d.id = "nope".into();
        d.decision = Verdict::Accepted;
        assert!(s.decide(&d).is_err());
    }
}

//! Assertions: claims from many articles that measure the same thing, grouped, with a verdict
//! (schema `claimex.assertion/1`, `schema/assertion.schema.json`).
//!
//! Input: claims JSONL (`claimex extract` output), any number of files. Two claims measure the
//! same thing when they have the same quantity kind and unit lemma, the same subject entity
//! (or both none), places that overlap (a shared place, or both none) and time windows that
//! overlap (both undated counts as overlapping). A claim's time window is its `time.start` to
//! `time.end`; with no time of its own, the 30 days up to its publication date (a present-tense
//! figure holds around when it was published); undated when neither is known. Left out, and
//! counted: claims with no unit, claims whose time words could not be placed ("a year
//! earlier"), and claims about nothing named (no subject and no place; for percentages, money,
//! fractions and multipliers, no subject), whose unit alone cannot say what they measure.
//!
//! Grouping is greedy and in input order: each claim joins the first assertion whose first
//! claim (its seed) it matches, or starts a new one; matching the seed, not the growing group,
//! keeps groups from drifting along chains of overlaps. Output order is the order assertions
//! were started; ids hash the key and the seed claim's id, so a run over the same files gives
//! the same ids.
//!
//! Verdict: each claim allows an interval of values (its bounds and qualifier, widened by the
//! precision of the figure as written: "2,500" allows 2,450–2,550, "about 2,500" ±10%). If
//! some two claims allow no common value the assertion is `disputed`; otherwise it is
//! `corroborated` when two or more independent sources state it, else `single`. Sources are
//! independent when they are different entities: a named source by its gazetteer entity, an
//! unnamed one ("officials") by its words within one article text, the article's own voice by
//! the article text. The same wire story syndicated twice has the same text hash, hence the
//! same claim ids and sources: it counts once.
//!
//! Memory: one small record per assertion (interned key, bounds, the set of its sources and
//! articles); the supporting claims are written to a temporary file as they come, chained per
//! assertion, and read back when the assertions are written.

pub mod report;

use crate::timenorm::Granularity;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The schema id written in every assertion.
pub const SCHEMA: &str = "claimex.assertion/1";

/// Days before the publication date that a claim with no time of its own is taken to cover.
pub const REFERENCE_DAYS: i32 = 30;

/// At most this many earlier assertions of the same kind, unit, subject and place are tried
/// for each claim (the latest first), so that a run stays linear in the claims.
pub const CANDIDATES: usize = 256;

/// An error reading claims or writing assertions.
#[derive(Debug, thiserror::Error)]
pub enum AssertError {
    /// A claims file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The temporary file of supporting claims, or the output, failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Serialising failed (cannot happen for these plain types).
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

/// A bad claims line; the rest of the input goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Claims read.
    pub claims: usize,
    /// Claims grouped into assertions.
    pub grouped: usize,
    /// Claims left out: no unit.
    pub no_unit: usize,
    /// Claims left out: time words that could not be placed.
    pub unplaced: usize,
    /// Claims left out: nothing says what they are about (no subject, and no place either
    /// for a count; percentages, money, fractions and multipliers need a subject).
    pub unanchored: usize,
    /// Lines that are not claims.
    pub bad_lines: usize,
    /// Assertions written.
    pub assertions: usize,
    /// Of which corroborated.
    pub corroborated: usize,
    /// Of which disputed.
    pub disputed: usize,
    /// Of which single.
    pub single: usize,
}

// ---------------------------------------------------------------- claims in

#[derive(Debug, Deserialize)]
struct ClaimIn {
    id: String,
    doc: DocIn,
    sentence: SentenceIn,
    quantity: QuantityIn,
    unit: Option<UnitIn>,
    subject: Option<EntityIn>,
    #[serde(default)]
    places: Vec<EntityIn>,
    time: Option<TimeIn>,
    source: Option<SourceIn>,
}

#[derive(Debug, Deserialize, Serialize)]
struct DocIn {
    path: String,
    text_sha256: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SentenceIn {
    text: String,
}

#[derive(Debug, Deserialize, Serialize)]
struct QuantityIn {
    text: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: String,
    kind: String,
}

#[derive(Debug, Deserialize)]
struct UnitIn {
    lemma: String,
}

#[derive(Debug, Deserialize)]
struct EntityIn {
    /// Null for a subject no gazetteer lists.
    id: Option<String>,
    name: String,
}

impl EntityIn {
    /// The gazetteer id, or for an unlisted name its words: the same name groups together.
    fn key(&self) -> String {
        self.id.clone().unwrap_or_else(|| format!("unlisted:{}", self.name))
    }
}

#[derive(Debug, Deserialize, Serialize)]
struct TimeIn {
    text: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    granularity: Option<String>,
    #[serde(default)]
    reference: bool,
    #[serde(default)]
    anchor: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
struct SourceIn {
    text: String,
    kind: String,
    entity: Option<String>,
}

/// One supporting claim as written in an assertion.
#[derive(Debug, Serialize)]
struct Support<'a> {
    id: &'a str,
    doc: &'a DocIn,
    quantity: &'a QuantityIn,
    /// The values it allows, from its bounds, qualifier and precision.
    allows: Allows,
    source: Option<&'a SourceIn>,
    /// The key that tells independent sources apart.
    source_key: &'a str,
    time: Option<&'a TimeIn>,
    sentence: &'a str,
}

/// A closed interval of values; an open side is null.
#[derive(Debug, Clone, Copy, Serialize)]
struct Allows {
    low: Option<f64>,
    high: Option<f64>,
}

// ---------------------------------------------------------------- values

/// Half the place value of the last significant digit of `v` as written: 2,500 → 50,
/// 153 → 0.5, 12.5 → 0.05; never more than 5% of `v` (a round "1 million" is not ±500,000).
pub fn precision(v: f64) -> f64 {
    let a = v.abs();
    if a == 0.0 || !a.is_finite() {
        return 0.0;
    }
    let half = if a.fract() == 0.0 && a < 1e15 {
        let mut place = 1.0;
        while a % (place * 10.0) == 0.0 {
            place *= 10.0;
        }
        place / 2.0
    } else {
        // Decimals: the shortest decimal form says how many digits were written.
        let s = format!("{a}");
        let decimals = s.split_once('.').map_or(0, |(_, d)| d.len()).min(9);
        0.5 * 10f64.powi(-(decimals as i32))
    };
    half.min(0.05 * a)
}

/// The values a claim allows: [low, high], either side open.
fn allows(q: &QuantityIn) -> Option<(f64, f64)> {
    let tol = |v: f64| {
        let p = precision(v);
        if q.qualifier == "approx" {
            p.max(0.1 * v.abs())
        } else {
            p
        }
    };
    let point = q.value.or(q.low).or(q.high)?;
    Some(match q.qualifier.as_str() {
        "at_least" | "more_than" => (q.low.unwrap_or(point) - tol(q.low.unwrap_or(point)), f64::INFINITY),
        "at_most" | "less_than" | "up_to" => {
            (f64::NEG_INFINITY, q.high.unwrap_or(point) + tol(q.high.unwrap_or(point)))
        }
        "range" => {
            let (lo, hi) = (q.low.unwrap_or(point), q.high.unwrap_or(point));
            (lo - tol(lo), hi + tol(hi))
        }
        _ => (point - tol(point), point + tol(point)),
    })
}

/// The figures a claim states (for the spread).
fn stated(q: &QuantityIn) -> impl Iterator<Item = f64> {
    [q.value, q.low, q.high].into_iter().flatten()
}

// ---------------------------------------------------------------- grouping

/// Days since 1970-01-01.
fn day_number(d: Date) -> i32 {
    (d.duration_since(Date::constant(1970, 1, 1)).as_secs() / 86_400) as i32
}

fn date_of_day(n: i32) -> Option<Date> {
    Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(n as i64)).ok()
}

/// A claim's time window, in day numbers; `Ok(None)` when undated, `Err` when its time
/// words could not be placed.
fn window(time: Option<&TimeIn>) -> Result<Option<(i32, i32, Granularity)>, ()> {
    let Some(t) = time else { return Ok(None) };
    let parse = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Date>().ok()).map(day_number);
    let (start, end) = (parse(&t.start), parse(&t.end));
    if t.reference {
        let Some(end) = end else { return Ok(None) };
        return Ok(Some((end - REFERENCE_DAYS, end, Granularity::Day)));
    }
    let granularity = t.granularity.as_deref().and_then(Granularity::parse).unwrap_or(Granularity::Day);
    match (start, end) {
        (None, None) => Err(()),
        // An open side: "since 2022" with no publication date runs to the end of time.
        (s, e) => Ok(Some((s.unwrap_or(i32::MIN), e.unwrap_or(i32::MAX), granularity))),
    }
}

/// Strings to small numbers, with the display name of each.
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    names: Vec<(String, String)>,
}

impl Interner {
    fn of(&mut self, id: &str, name: &str) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = self.names.len() as u32;
        self.ids.insert(id.to_string(), n);
        self.names.push((id.to_string(), name.to_string()));
        n
    }
}

/// One assertion while claims are read.
#[derive(Debug)]
struct Group {
    /// Kind, unit and subject, interned together.
    bucket: u32,
    /// Place ids, sorted.
    places: Box<[u32]>,
    /// The seed's time window.
    window: Option<(i32, i32, Granularity)>,
    /// The seed claim's id.
    seed: String,
    /// Offset in the temporary file of the latest supporting claim.
    last: u64,
    claims: u32,
    /// Hashes of the independent sources seen.
    sources: Vec<u64>,
    /// The article texts seen (by hash, sorted), each with the values all its claims here
    /// allow.
    documents: Vec<(u64, f64, f64)>,
    /// The largest low and the smallest high of what the claims allow.
    max_low: f64,
    min_high: f64,
    /// The lowest and highest figures stated.
    low: f64,
    high: f64,
}

fn overlaps(a: &Option<(i32, i32, Granularity)>, b: &Option<(i32, i32, Granularity)>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.0 <= b.1 && b.0 <= a.1,
        _ => false,
    }
}

fn share_a_place(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.is_empty() && b.is_empty();
    }
    a.iter().any(|p| b.binary_search(p).is_ok())
}

fn hash64(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

fn insert_sorted(set: &mut Vec<u64>, v: u64) {
    if let Err(at) = set.binary_search(&v) {
        set.insert(at, v);
    }
}

/// Groups claims into assertions, streaming: [`Grouper::add_file`] for each claims file, then
/// [`Grouper::finish`].
pub struct Grouper {
    buckets: Interner,
    entities: Interner,
    /// (bucket, place or u32::MAX for none) → groups, oldest first.
    index: FxHashMap<(u32, u32), Vec<u32>>,
    groups: Vec<Group>,
    /// Supporting claims: for each, the offset of the previous one of its group (u64::MAX
    /// for none), its length, and its JSON.
    spill: BufWriter<File>,
    spill_path: PathBuf,
    spill_len: u64,
    summary: Summary,
}

impl Drop for Grouper {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.spill_path);
    }
}

impl Grouper {
    /// A grouper whose temporary file goes in `dir` (the system's temporary folder if None).
    pub fn new(dir: Option<&Path>) -> Result<Grouper, AssertError> {
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let spill_path = dir.join(format!(".claimex-assert-{}-{nanos}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new().create_new(true).read(true).write(true).open(&spill_path)?;
        Ok(Grouper {
            buckets: Interner::default(),
            entities: Interner::default(),
            index: FxHashMap::default(),
            groups: Vec::new(),
            spill: BufWriter::with_capacity(1 << 16, file),
            spill_path,
            spill_len: 0,
            summary: Summary::default(),
        })
    }

    /// Read the claims of one JSONL file ("-": standard input). Bad lines are reported to
    /// `bad` and skipped.
    pub fn add_file(&mut self, path: &Path, bad: &mut dyn FnMut(BadLine)) -> Result<(), AssertError> {
        let fail = |source| AssertError::Read { path: path.to_path_buf(), source };
        let reader: Box<dyn BufRead> = if path == Path::new("-") {
            Box::new(io::BufReader::with_capacity(1 << 16, io::stdin()))
        } else {
            Box::new(io::BufReader::with_capacity(1 << 16, File::open(path).map_err(fail)?))
        };
        self.add_reader(path, reader, bad)
    }

    /// Read claims JSONL from `reader` (named `path` in messages).
    pub fn add_reader(
        &mut self,
        path: &Path,
        mut reader: impl BufRead,
        bad: &mut dyn FnMut(BadLine),
    ) -> Result<(), AssertError> {
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|source| AssertError::Read { path: path.to_path_buf(), source })?;
            if n == 0 {
                break;
            }
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<ClaimIn>(&line) {
                Ok(claim) => self.add(&claim)?,
                Err(e) => {
                    self.summary.bad_lines += 1;
                    bad(BadLine {
                        path: path.to_path_buf(),
                        line: number,
                        message: format!("not a claim record: {e}"),
                    });
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, c: &ClaimIn) -> Result<(), AssertError> {
        self.summary.claims += 1;
        let Some(unit) = &c.unit else {
            self.summary.no_unit += 1;
            return Ok(());
        };
        let Ok(window) = window(c.time.as_ref()) else {
            self.summary.unplaced += 1;
            return Ok(());
        };
        let Some((allow_low, allow_high)) = allows(&c.quantity) else {
            self.summary.no_unit += 1;
            return Ok(());
        };
        // A figure with neither subject nor place says nothing about what it measures beyond
        // its unit; "12%" or "$5 million" not even that, without a subject.
        let generic = c.quantity.kind != "count";
        if c.subject.is_none() && (generic || c.places.is_empty()) {
            self.summary.unanchored += 1;
            return Ok(());
        }
        let subject = c.subject.as_ref().map_or(String::new(), EntityIn::key);
        let bucket_key = format!("{}\u{1f}{}\u{1f}{}", c.quantity.kind, unit.lemma, subject);
        let bucket = self.buckets.of(&bucket_key, "");
        if let Some(s) = &c.subject {
            self.entities.of(&s.key(), &s.name);
        }
        let mut places: Vec<u32> = c.places.iter().map(|p| self.entities.of(&p.key(), &p.name)).collect();
        places.sort_unstable();
        places.dedup();

        let document = hash64(&c.doc.text_sha256);
        let found = self.find(bucket, &places, &window, document, (allow_low, allow_high));
        let g = match found {
            Some(g) => g,
            None => {
                let g = self.groups.len() as u32;
                self.groups.push(Group {
                    bucket,
                    places: places.clone().into_boxed_slice(),
                    window,
                    seed: c.id.clone(),
                    last: u64::MAX,
                    claims: 0,
                    sources: Vec::new(),
                    documents: Vec::new(),
                    max_low: f64::NEG_INFINITY,
                    min_high: f64::INFINITY,
                    low: f64::INFINITY,
                    high: f64::NEG_INFINITY,
                });
                let keys = if places.is_empty() { vec![u32::MAX] } else { places.clone() };
                for p in keys {
                    self.index.entry((bucket, p)).or_default().push(g);
                }
                g
            }
        };
        self.summary.grouped += 1;

        // Who says it: a named entity, else the words within this article text, else the
        // article's own voice.
        let source_key = match &c.source {
            Some(s) => match &s.entity {
                Some(e) => format!("entity:{e}"),
                None => format!("{}:{}", c.doc.text_sha256, s.text.to_lowercase()),
            },
            None => format!("article:{}", c.doc.text_sha256),
        };
        let support = Support {
            id: &c.id,
            doc: &c.doc,
            quantity: &c.quantity,
            allows: Allows {
                low: allow_low.is_finite().then_some(allow_low),
                high: allow_high.is_finite().then_some(allow_high),
            },
            source: c.source.as_ref(),
            source_key: &source_key,
            time: c.time.as_ref(),
            sentence: &c.sentence.text,
        };
        let json = serde_json::to_vec(&support)?;
        let group = &mut self.groups[g as usize];
        self.spill.write_all(&group.last.to_le_bytes())?;
        self.spill.write_all(&(json.len() as u32).to_le_bytes())?;
        self.spill.write_all(&json)?;
        group.last = self.spill_len;
        self.spill_len += 12 + json.len() as u64;
        group.claims += 1;
        insert_sorted(&mut group.sources, hash64(&source_key));
        match group.documents.binary_search_by_key(&document, |d| d.0) {
            Ok(at) => {
                let d = &mut group.documents[at];
                (d.1, d.2) = (d.1.max(allow_low), d.2.min(allow_high));
            }
            Err(at) => group.documents.insert(at, (document, allow_low, allow_high)),
        }
        group.max_low = group.max_low.max(allow_low);
        group.min_high = group.min_high.min(allow_high);
        for v in stated(&c.quantity) {
            group.low = group.low.min(v);
            group.high = group.high.max(v);
        }
        Ok(())
    }

    /// The first assertion (oldest) of the same bucket whose seed shares a place and a time
    /// with the claim; only the latest [`CANDIDATES`] of each place are tried. An article does
    /// not dispute itself: a claim joins an assertion that already holds a claim of its article
    /// text only if it agrees with it (a restatement); two different figures of one article
    /// under one key measure two things.
    fn find(
        &self,
        bucket: u32,
        places: &[u32],
        window: &Option<(i32, i32, Granularity)>,
        document: u64,
        allows: (f64, f64),
    ) -> Option<u32> {
        let keys: &[u32] = if places.is_empty() { &[u32::MAX] } else { places };
        let mut best: Option<u32> = None;
        for &p in keys {
            let Some(list) = self.index.get(&(bucket, p)) else { continue };
            let from = list.len().saturating_sub(CANDIDATES);
            for &g in &list[from..] {
                if best.is_some_and(|b| b <= g) {
                    break;
                }
                let group = &self.groups[g as usize];
                let own_article_disagrees = match group.documents.binary_search_by_key(&document, |d| d.0) {
                    Ok(at) => allows.0 > group.documents[at].2 || allows.1 < group.documents[at].1,
                    Err(_) => false,
                };
                if share_a_place(&group.places, places) && overlaps(&group.window, window) && !own_article_disagrees {
                    best = Some(g);
                    break;
                }
            }
        }
        best
    }

    /// Write every assertion as one JSON line to `out`, in the order they were started.
    pub fn finish(mut self, out: &mut dyn Write) -> Result<Summary, AssertError> {
        self.spill.flush()?;
        let mut file = self.spill.get_ref().try_clone()?;
        let mut summary = self.summary;
        let mut offsets = Vec::new();
        let mut buf = Vec::new();
        let mut line = Vec::with_capacity(1 << 16);
        for group in &self.groups {
            offsets.clear();
            let mut at = group.last;
            while at != u64::MAX {
                file.seek(SeekFrom::Start(at))?;
                let mut head = [0u8; 12];
                file.read_exact(&mut head)?;
                let prev = u64::from_le_bytes(head[..8].try_into().unwrap_or_default());
                let len = u32::from_le_bytes(head[8..].try_into().unwrap_or_default());
                offsets.push((at + 12, len));
                at = prev;
            }
            offsets.reverse();
            let verdict = if group.max_low > group.min_high {
                summary.disputed += 1;
                "disputed"
            } else if group.sources.len() >= 2 {
                summary.corroborated += 1;
                "corroborated"
            } else {
                summary.single += 1;
                "single"
            };
            summary.assertions += 1;
            line.clear();
            self.head(group, verdict, &mut line)?;
            line.extend_from_slice(b",\"claims\":[");
            for (i, &(at, len)) in offsets.iter().enumerate() {
                if i > 0 {
                    line.push(b',');
                }
                buf.resize(len as usize, 0);
                file.seek(SeekFrom::Start(at))?;
                file.read_exact(&mut buf)?;
                line.extend_from_slice(&buf);
            }
            line.extend_from_slice(b"]}\n");
            out.write_all(&line)?;
        }
        Ok(summary)
    }

    /// Everything of an assertion's line before its claims, without the closing brace.
    fn head(&self, g: &Group, verdict: &str, out: &mut Vec<u8>) -> Result<(), AssertError> {
        let (key, _) = &self.buckets.names[g.bucket as usize];
        let mut parts = key.split('\u{1f}');
        let (kind, unit, subject) =
            (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let entity = |id: &str| {
            self.entities.ids.get(id).map(|&n| {
                let (id, name) = &self.entities.names[n as usize];
                EntityOut { id, name }
            })
        };
        let places: Vec<EntityOut> = g
            .places
            .iter()
            .map(|&p| {
                let (id, name) = &self.entities.names[p as usize];
                EntityOut { id, name }
            })
            .collect();
        let day = |n: i32| (n != i32::MIN && n != i32::MAX).then(|| date_of_day(n)).flatten().map(|d| d.to_string());
        let time = g.window.map(|(s, e, granularity)| TimeOut {
            start: day(s),
            end: day(e),
            granularity: granularity.as_str(),
        });
        let key = KeyOut { kind, unit, subject: if subject.is_empty() { None } else { entity(subject) }, places, time };
        let id = {
            use sha2::Digest;
            let digest = sha2::Sha256::new()
                .chain_update(serde_json::to_vec(&key)?)
                .chain_update(b"|")
                .chain_update(g.seed.as_bytes())
                .finalize();
            hex::encode(&digest[..8])
        };
        let finite = |v: f64| v.is_finite().then_some(v);
        let head = HeadOut {
            schema: SCHEMA,
            id,
            key,
            verdict,
            claims_count: g.claims,
            sources: g.sources.len(),
            documents: g.documents.len(),
            spread: SpreadOut {
                low: finite(g.low),
                high: finite(g.high),
                ratio: match (finite(g.low), finite(g.high)) {
                    (Some(l), Some(h)) if l > 0.0 => Some(h / l),
                    _ => None,
                },
            },
            agreed: (g.max_low <= g.min_high).then(|| Allows { low: finite(g.max_low), high: finite(g.min_high) }),
        };
        serde_json::to_writer(&mut *out, &head)?;
        out.pop(); // the closing brace: the claims follow
        Ok(())
    }
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct TimeOut {
    start: Option<String>,
    end: Option<String>,
    granularity: &'static str,
}

#[derive(Serialize)]
struct KeyOut<'a> {
    kind: &'a str,
    unit: &'a str,
    subject: Option<EntityOut<'a>>,
    places: Vec<EntityOut<'a>>,
    time: Option<TimeOut>,
}

#[derive(Serialize)]
struct SpreadOut {
    low: Option<f64>,
    high: Option<f64>,
    ratio: Option<f64>,
}

#[derive(Serialize)]
struct HeadOut<'a> {
    schema: &'static str,
    id: String,
    key: KeyOut<'a>,
    verdict: &'a str,
    claims_count: u32,
    sources: usize,
    documents: usize,
    spread: SpreadOut,
    agreed: Option<Allows>,
}

/// Group the claims of `inputs` and write the assertions to `out`; bad lines go to `bad`.
pub fn run(
    inputs: &[PathBuf],
    out: &mut dyn Write,
    temp_dir: Option<&Path>,
    bad: &mut dyn FnMut(BadLine),
) -> Result<Summary, AssertError> {
    let mut grouper = Grouper::new(temp_dir)?;
    for path in inputs {
        grouper.add_file(path, bad)?;
    }
    grouper.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assertion_precision_follows_the_figure_as_written() {
        assert_eq!(precision(2500.0), 50.0);
        assert_eq!(precision(153.0), 0.5);
        assert!((precision(12.5) - 0.05).abs() < 1e-12);
        assert_eq!(precision(1_000_000.0), 50_000.0);
        assert_eq!(precision(0.0), 0.0);
    }

    #[test]
    fn assertion_day_numbers_round_trip() {
        let d: Date = "2025-07-16".parse().unwrap();
        assert_eq!(date_of_day(day_number(d)), Some(d));
        assert_eq!(day_number(Date::constant(1970, 1, 2)), 1);
    }
}

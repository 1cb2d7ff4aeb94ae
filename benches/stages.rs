//! Per-stage throughput of the claimex pipeline (criterion).
//!
//! Input: the sample articles in `corpus/*.txt`, concatenated and repeated to about 1 MB,
//! loaded once at start. Every stage gets the outputs of the earlier stages precomputed, so
//! each benchmark times that stage alone; criterion reports MB/s (`Throughput::Bytes` is the
//! size of the text the stage reads).
//!
//! ```text
//! cargo bench --bench stages                 # full run (a few minutes)
//! cargo bench --bench stages -- --quick      # rough figures, fast
//! cargo bench --bench stages -- quantity     # one group
//! ```
//!
//! See `benches/README.md` for the figures measured so far.

use claimex::batch;
use claimex::document::{Document, Limits};
use claimex::gazetteer::Gazetteer;
use claimex::input::{self, InputOptions};
use claimex::{attribution, claim, quantity, record, segment, time, Pipeline};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator the `claimex` binary uses, so that the stages are timed as they run there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size the repeated corpus is grown to.
const TARGET_BYTES: usize = 1_000_000;
/// Separates articles in the concatenated text, so no sentence runs across two of them.
const SEPARATOR: &str = "\n\n";

/// The benchmark input, built and checked once.
struct Input {
    /// The sample articles concatenated `repetitions` times.
    text: String,
    /// How many times the sample articles were repeated.
    repetitions: usize,
    /// Claims in one pass over the sample articles, each article extracted alone.
    claims_per_pass: usize,
    /// The sample articles, one string each.
    articles: Vec<String>,
    /// Their files.
    paths: Vec<PathBuf>,
}

fn sample_articles() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no sample articles in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (p, text)
        })
        .collect()
}

fn load_input(pipeline: &Pipeline) -> Input {
    let articles = sample_articles();
    // One pass, article by article: the reference count the repeated text must reproduce.
    let claims_per_pass: usize = articles.iter().map(|(_, text)| pipeline.extract(text).claims.len()).sum();
    assert!(claims_per_pass > 0, "extraction of the sample articles found no claims: nothing would be benchmarked");

    let mut one_pass = String::new();
    for (_, text) in &articles {
        one_pass.push_str(text);
        one_pass.push_str(SEPARATOR);
    }
    let repetitions = TARGET_BYTES.div_ceil(one_pass.len()).max(1);
    let text = one_pass.repeat(repetitions);

    let claims = pipeline.extract(&text).claims.len();
    assert_eq!(
        claims,
        claims_per_pass * repetitions,
        "the repeated corpus ({repetitions} passes of {} articles, {} bytes) should yield {claims_per_pass} \
         claims per pass",
        articles.len(),
        text.len(),
    );
    eprintln!(
        "stages: {} articles x {repetitions} = {} bytes, {claims_per_pass} claims per pass, {claims} in all",
        articles.len(),
        text.len()
    );
    let (paths, articles) = articles.into_iter().unzip();
    Input { text, repetitions, claims_per_pass, articles, paths }
}

/// A group timed over the whole input, reporting MB/s.
fn bytes_group<'c>(
    c: &'c mut Criterion,
    name: &str,
    bytes: usize,
) -> BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group
}

fn stages(c: &mut Criterion) {
    let started = Instant::now();
    let gazetteer = Gazetteer::bundled().expect("bundled gazetteers load");
    eprintln!("stages: Gazetteer::bundled() built in {:.3} s (one cold build)", started.elapsed().as_secs_f64());
    let pipeline = Pipeline::new(gazetteer);
    let input = load_input(&pipeline);
    let text = input.text.as_str();
    let bytes = text.len();
    let gazetteer = pipeline.gazetteer();

    // Every stage's inputs, computed once outside the timed closures.
    let lex = pipeline.lexicon();
    let segments = segment::split(text, lex);
    let mut mentions = gazetteer.find(text, &segments);
    let names = claimex::gazetteer::find_unlisted_names(text, &segments, &mut mentions, gazetteer, lex);
    let times = time::find(text, &segments, lex);
    let quantities = quantity::find(text, &segments, &mentions, &times, lex);
    let attributions = attribution::find(text, &segments, &mentions, &quantities, gazetteer, lex);
    let parts = claim::Parts {
        text,
        segments: &segments,
        mentions: &mentions,
        names: &names,
        times: &times,
        quantities: &quantities,
        attributions: &attributions,
        gazetteer,
        lex,
    };
    let extraction = pipeline.extract(text);
    assert_eq!(extraction.claims.len(), input.claims_per_pass * input.repetitions);
    assert_eq!(claim::assemble(parts).len(), extraction.claims.len(), "stage by stage differs from extract");
    let doc = Document::from_text("bench/corpus.txt", input.text.clone());
    let mut jsonl = Vec::new();
    record::write_jsonl(&doc, &extraction, gazetteer, &mut jsonl);
    let lines = jsonl.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, extraction.claims.len(), "one JSON line per claim");
    let capacity = jsonl.len();

    // The same stages article by article (small documents, as `claimex extract` sees them):
    // shows which stages cost more than linearly in the size of one document.
    let article_docs: Vec<Document> = input
        .articles
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(format!("bench/{i}.txt"), t.clone()))
        .collect();
    let article_extractions: Vec<_> = input.articles.iter().map(|t| pipeline.extract(t)).collect();
    let article_parts: Vec<claim::Parts<'_>> = input
        .articles
        .iter()
        .zip(&article_extractions)
        .map(|(t, x)| claim::Parts {
            text: t,
            segments: &x.segments,
            mentions: &x.mentions,
            names: &x.names,
            times: &x.times,
            quantities: &x.quantities,
            attributions: &x.attributions,
            gazetteer,
            lex,
        })
        .collect();

    // Reading a file: open, read, checks (binary, UTF-8, line length) and SHA-256.
    let mut group = bytes_group(c, "document", bytes);
    group.bench_function("read_per_article", |b| {
        b.iter(|| {
            let mut read = 0;
            for _ in 0..input.repetitions {
                for path in &input.paths {
                    read +=
                        Document::read(black_box(path), Limits::default()).expect("sample article reads").text.len();
                }
            }
            read
        })
    });
    group.finish();

    let mut group = bytes_group(c, "segment", bytes);
    group.bench_function("split", |b| b.iter(|| segment::split(black_box(text), lex)));
    group.finish();

    let mut group = bytes_group(c, "gazetteer", bytes);
    group.bench_function("find", |b| b.iter(|| gazetteer.find(black_box(text), black_box(&segments))));
    group.finish();

    // Build time of the matcher over the bundled gazetteers (target < 1 s); no throughput.
    let mut group = c.benchmark_group("gazetteer_build");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("bundled", |b| b.iter(|| Gazetteer::bundled().expect("bundled gazetteers load")));
    group.finish();

    let mut group = bytes_group(c, "time", bytes);
    group.bench_function("find", |b| b.iter(|| time::find(black_box(text), black_box(&segments), lex)));
    group.finish();

    let mut group = bytes_group(c, "quantity", bytes);
    group.bench_function("find", |b| {
        b.iter(|| quantity::find(black_box(text), black_box(&segments), black_box(&mentions), black_box(&times), lex))
    });
    group.finish();

    let mut group = bytes_group(c, "attribution", bytes);
    group.bench_function("find", |b| {
        b.iter(|| {
            attribution::find(black_box(text), black_box(&segments), black_box(&mentions), &quantities, gazetteer, lex)
        })
    });
    group.finish();

    let mut group = bytes_group(c, "claim", bytes);
    group.bench_function("assemble", |b| b.iter(|| claim::assemble(black_box(parts))));
    group.bench_function("assemble_per_article", |b| {
        b.iter(|| {
            let mut claims = 0;
            for _ in 0..input.repetitions {
                for p in &article_parts {
                    claims += claim::assemble(black_box(*p)).len();
                }
            }
            claims
        })
    });
    group.finish();

    let mut group = bytes_group(c, "record", bytes);
    group.bench_function("write_jsonl", |b| {
        let mut buf = Vec::with_capacity(capacity);
        b.iter(|| {
            buf.clear();
            record::write_jsonl(black_box(&doc), black_box(&extraction), gazetteer, &mut buf);
            buf.len()
        })
    });
    group.bench_function("write_jsonl_per_article", |b| {
        let mut buf = Vec::with_capacity(capacity);
        b.iter(|| {
            let mut written = 0;
            for _ in 0..input.repetitions {
                for (doc, x) in article_docs.iter().zip(&article_extractions) {
                    buf.clear();
                    record::write_jsonl(black_box(doc), black_box(x), gazetteer, &mut buf);
                    written += buf.len();
                }
            }
            written
        })
    });
    group.finish();

    let mut group = bytes_group(c, "pipeline", bytes);
    group.bench_function("extract", |b| b.iter(|| pipeline.extract(black_box(text))));
    group.bench_function("extract_write_jsonl", |b| {
        let mut buf = Vec::with_capacity(capacity);
        b.iter(|| {
            buf.clear();
            let x = pipeline.extract(black_box(text));
            record::write_jsonl(black_box(&doc), &x, gazetteer, &mut buf);
            buf.len()
        })
    });
    // The same bytes as separate small documents, as `claimex extract` sees them.
    group.bench_function("extract_per_article", |b| {
        b.iter(|| {
            let mut claims = 0;
            for _ in 0..input.repetitions {
                for article in &input.articles {
                    claims += pipeline.extract(black_box(article)).claims.len();
                }
            }
            claims
        })
    });
    // What one `claimex extract` worker does per file: read, extract, write JSONL.
    group.bench_function("extract_file_per_article", |b| {
        b.iter(|| {
            let mut written = 0;
            for _ in 0..input.repetitions {
                for path in &input.paths {
                    let doc =
                        input::read_file(black_box(path), &InputOptions::default()).expect("sample article reads");
                    written += batch::serialise(&pipeline, doc, batch::Records::Claims, None).jsonl.len();
                }
            }
            written
        })
    });
    group.bench_function("extract_write_jsonl_per_article", |b| {
        let mut buf = Vec::with_capacity(capacity);
        b.iter(|| {
            let mut written = 0;
            for _ in 0..input.repetitions {
                for (article, doc) in input.articles.iter().zip(&article_docs) {
                    buf.clear();
                    let x = pipeline.extract(black_box(article));
                    record::write_jsonl(black_box(doc), &x, gazetteer, &mut buf);
                    written += buf.len();
                }
            }
            written
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

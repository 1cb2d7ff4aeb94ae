//! The review server with 100,000 claims: how fast is the first page?
//!
//! Synthetic claims are made from the sample corpus's records (new ids, 2,000 documents,
//! values shifted so every content hash differs), loaded into a fresh SQLite file, and
//! served. Measured: the first request after start (cold, printed), then with criterion the
//! first page over HTTP (`GET /api/claims?page=0&per_page=50`), filtered pages, the counters,
//! the filter menus, all the requests of opening the page, and the store query alone. Run: `cargo bench --bench review`.

use claimex::document::{Document, Limits};
use claimex::gazetteer::Gazetteer;
use claimex::review::db::{Filter, Store};
use claimex::review::server;
use claimex::Pipeline;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

const CLAIMS: usize = 100_000;

fn samples() -> Vec<Value> {
    let pipeline = Pipeline::new(Gazetteer::bundled().expect("bundled gazetteers"));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&corpus).expect("corpus").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let doc = Document::read(path, Limits::default()).expect("article");
        let x = pipeline.extract(&doc.text);
        let mut jsonl = Vec::new();
        claimex::record::write_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl);
        for line in String::from_utf8(jsonl).expect("utf8").lines() {
            out.push(serde_json::from_str(line).expect("json"));
        }
    }
    out
}

fn synthetic(samples: &[Value], n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let mut r = samples[i % samples.len()].clone();
            r["id"] = Value::String(format!("syn{i:06}"));
            let name = r["doc"]["path"].as_str().and_then(|p| p.rsplit('/').next()).unwrap_or("doc.txt").to_string();
            r["doc"]["path"] = Value::String(format!("synthetic/{:04}_{name}", i / 50));
            if let Some(v) = r["quantity"]["value"].as_f64() {
                r["quantity"]["value"] = serde_json::json!(v + (i / samples.len()) as f64);
            }
            r
        })
        .collect()
}

fn get(url: &str) -> String {
    ureq::get(url).call().expect("GET").into_string().expect("body")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.sqlite");
    let records = synthetic(&samples(), CLAIMS);
    let t = Instant::now();
    let mut store = Store::open(&db).expect("db");
    store.upsert(&records).expect("load");
    eprintln!("review bench: loaded {CLAIMS} claims into SQLite in {:.2?}", t.elapsed());
    drop(records);

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let running = runtime.block_on(server::spawn(store, None, "127.0.0.1:0".parse().expect("addr"))).expect("server");
    let base = format!("http://{}", running.addr);
    let first = format!("{base}/api/claims?page=0&per_page=50");

    let t = Instant::now();
    let body = get(&first);
    let cold = t.elapsed();
    let page: Value = serde_json::from_str(&body).expect("json");
    assert_eq!((page["total"].as_u64(), page["items"].as_array().map(Vec::len)), (Some(CLAIMS as u64), Some(50)));
    eprintln!("review bench: first page, first request after start: {cold:.2?} ({} bytes)", body.len());

    let mut g = c.benchmark_group("review_100k");
    g.sample_size(30).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    g.bench_function("http_first_page", |b| b.iter(|| get(&first)));
    let text = format!("{base}/api/claims?page=0&per_page=50&q=officials");
    g.bench_function("http_first_page_free_text", |b| b.iter(|| get(&text)));
    let filtered = format!("{base}/api/claims?page=0&per_page=50&status=new&kind=official&conf_below=0.9");
    g.bench_function("http_first_page_filtered", |b| b.iter(|| get(&filtered)));
    let last_page: Value =
        serde_json::from_str(&get(&format!("{base}/api/claims?page={}", CLAIMS / 50 - 1))).expect("json");
    let last_doc = last_page["items"][0]["record"]["doc"]["path"].as_str().expect("doc").replace('/', "%2F");
    let doc = format!("{base}/api/claims?page=0&per_page=50&doc={last_doc}");
    let one: Value = serde_json::from_str(&get(&doc)).expect("json");
    assert!(one["total"].as_u64() > Some(0), "{doc}");
    g.bench_function("http_first_page_one_document", |b| b.iter(|| get(&doc)));
    let last = format!("{base}/api/claims?page={}&per_page=50", CLAIMS / 50 - 1);
    g.bench_function("http_last_page", |b| b.iter(|| get(&last)));
    let stats = format!("{base}/api/stats");
    g.bench_function("http_stats", |b| b.iter(|| get(&stats)));
    let facets = format!("{base}/api/facets");
    g.bench_function("http_facets", |b| b.iter(|| get(&facets)));
    // Everything the page asks for when it opens.
    let open = [format!("{base}/"), format!("{base}/page.js"), facets.clone(), stats.clone(), first.clone()];
    g.bench_function("http_page_open", |b| b.iter(|| open.iter().map(|u| get(u).len()).sum::<usize>()));
    g.finish();

    let reader = Store::open(&db).expect("second connection");
    c.bench_function("review_100k/store_first_page", |b| {
        b.iter(|| reader.page(&Filter::default(), 0, 50).expect("page").items.len())
    });
    running.task.abort();
}

criterion_group!(benches, bench);
criterion_main!(benches);

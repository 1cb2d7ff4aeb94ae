//! HTML reading speed (criterion): MB/s of HTML turned into main text and metadata.
//!
//! Input: the 40 saved news pages of `../shared/gold/dev/html` (9.6 MB, real pages with their
//! menus, scripts and ads), each read by `claimex::input::html::article`, the whole set per
//! iteration. Also a page of 20,000 nested `<div>`, the shape that used to overflow the stack.
//!
//! ```text
//! cargo bench --bench html
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/dev/html");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("page")).into_owned()).collect()
}

fn html(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("html");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("dev_pages", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(claimex::input::html::article(black_box(page)));
            }
        })
    });
    let deep = format!("<p>Officials said 5 people died.</p>{}x{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
    group.throughput(Throughput::Bytes(deep.len() as u64));
    group
        .bench_function("nested_divs_20000", |b| b.iter(|| black_box(claimex::input::html::article(black_box(&deep)))));
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);

//! The `claimex` binary: parse, dispatch, map the outcome to an exit status.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(cli::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeFailed) => ExitCode::from(1),
        Ok(cli::Outcome::NothingRead) => ExitCode::from(2),
        // 128 + SIGINT, as shells report a command stopped by Ctrl-C.
        Ok(cli::Outcome::Interrupted) => ExitCode::from(130),
        Err(e) => {
            eprintln!("claimex: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated, leaving out a cause that the message before it
/// already ends with (library errors often print their source: `x: No such file (os error 2)`).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.is_empty() {
            if out.ends_with(&text) {
                continue;
            }
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

// Many small allocations per document (tokens, spans, records) are made and freed by
// different threads; mimalloc's per-thread free lists make both cheaper than glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

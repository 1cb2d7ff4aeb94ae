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
            eprintln!("claimex: {e:#}");
            ExitCode::from(2)
        }
    }
}

// Many small allocations per document (tokens, spans, records) are made and freed by
// different threads; mimalloc's per-thread free lists make both cheaper than glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

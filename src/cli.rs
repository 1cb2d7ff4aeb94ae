//! The command line: parse arguments, run a command, report failures one line each.
//!
//! stdout carries JSONL only; messages and the summary go to stderr as `claimex: ...`.

use anyhow::{Context, Result};
use claimex::batch::{self, Options, Records};
use claimex::document::Limits;
use claimex::gazetteer::{self, Gazetteer};
use claimex::incremental::{self, Manifest, ManifestWriter};
use claimex::lexicon::Lexicon;
use claimex::Pipeline;
use clap::{Args, CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Turn every numeric claim in folders of news articles into sourced JSONL records.
#[derive(Debug, Parser)]
#[command(name = "claimex", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract claims from files and folders as JSONL (schema claimex.claim/1).
    ///
    /// Folders are walked recursively for the given extensions; output is sorted by path,
    /// then offset, and identical whatever the number of threads. Exit status: 0 all read,
    /// 1 some documents failed (the rest are written), 2 usage error or nothing readable.
    Extract(Inputs),
    /// Write every entity mention as JSONL (schema claimex.entity/1), for auditing gazetteers.
    ///
    /// One line per mention: document, gazetteer id (null for people no gazetteer lists,
    /// found by their title or role), canonical name, type, subtype, the words matched and
    /// their offsets. Same inputs, order and exit status as `extract`.
    Entities(Inputs),
    /// List every rule the pipeline can record in `extractor.rules`: id, description, example.
    Rules {
        /// Read the rule descriptions from this lexicon folder (see lang/en/README.md).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// Print JSON lines (id, description, example, confidence) instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Write each document as claimex reads it, as JSONL (schema claimex.text/1).
    ///
    /// One line per document: the `doc` object of its claims and the `text` their offsets
    /// refer to (for a web page: the headline and main text, without menus, captions or
    /// related links). For seeing what was read and feeding other tools. Same inputs,
    /// options, order and exit status as `extract`.
    Text(Inputs),
    /// Gazetteer files: validate them.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
    /// Score claims JSONL against gold annotations (the figures of the gold test, tests/gold.rs).
    Eval {
        /// Gold annotations (JSONL, GUIDELINES.md format).
        #[arg(long, value_name = "GOLD")]
        gold: PathBuf,
        /// Folder holding the articles the gold names.
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// Predicted claims (claimex extract output).
        #[arg(value_name = "PRED")]
        pred: PathBuf,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
        /// Print up to N misses of each kind.
        #[arg(long, value_name = "N", default_value_t = 0)]
        show_errors: usize,
    },
    /// Review claims in a local web page (decisions kept in SQLite); `review export` writes
    /// the accepted and corrected claims as gold.
    #[cfg(feature = "review")]
    Review(ReviewArgs),
    /// Group claims from many articles into assertions (schema claimex.assertion/1): claims of
    /// the same unit, subject, places and time, with a verdict (corroborated, single, disputed).
    ///
    /// Reads claims JSONL (claimex extract output; "-" is standard input) as a stream; the
    /// supporting claims wait in a temporary file, so memory follows the number of assertions.
    /// Exit status: 0, or 1 when some lines were not claims (the rest are grouped).
    Assert(AssertArgs),
    /// Write assertions as one self-contained HTML page: a timeline per assertion, disputed
    /// first, filters by subject, unit and place.
    Report {
        /// Assertions (claimex assert output).
        #[arg(value_name = "ASSERTIONS")]
        assertions: PathBuf,
        /// The HTML file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Show at most this many assertions (disputed first, then corroborated, then single).
        #[arg(long, value_name = "N", default_value_t = 1000)]
        limit: usize,
    },
    /// Print a shell completion script: `claimex completions bash > /etc/bash_completion.d/claimex`,
    /// `claimex completions zsh > ~/.zfunc/_claimex`, `claimex completions fish > ~/.config/fish/completions/claimex.fish`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// `claimex assert CLAIMS.jsonl... -o ASSERTIONS.jsonl`.
#[derive(Debug, Args)]
struct AssertArgs {
    /// Claims files (claimex extract output); "-" reads standard input.
    #[arg(required = true, value_name = "CLAIMS")]
    claims: Vec<PathBuf>,
    /// Write assertions here instead of stdout ("-" is stdout); written to a temporary file
    /// and renamed into place.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Folder for the temporary file of supporting claims (default: the system's).
    #[arg(long, value_name = "DIR")]
    temp_dir: Option<PathBuf>,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// `claimex review CLAIMS.jsonl [--docs DIR] [--db FILE] [--port N] [--bind ADDR]`, or
/// `claimex review export --db FILE [-o FILE]`.
#[cfg(feature = "review")]
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct ReviewArgs {
    #[command(subcommand)]
    command: Option<ReviewCommand>,
    /// Claims to review (claimex extract output); loaded into the database, upserted by id.
    #[arg(value_name = "CLAIMS", required = true)]
    claims: Option<PathBuf>,
    /// Folder holding the articles (looked up by the file name of each record's doc.path).
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
    /// The review database (SQLite); several servers may share it.
    #[arg(long, value_name = "FILE", default_value = "review.sqlite")]
    db: PathBuf,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on. Only loopback addresses unless --allow-remote.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Allow --bind on an address other machines can reach; every request then needs the
    /// secret key printed once at start (in the address to open).
    #[arg(long)]
    allow_remote: bool,
}

#[cfg(feature = "review")]
#[derive(Debug, Subcommand)]
enum ReviewCommand {
    /// Write the accepted and corrected claims as gold lines (corrections applied, with a
    /// review block), readable by `claimex eval --gold`.
    Export {
        /// The review database.
        #[arg(long, value_name = "FILE", default_value = "review.sqlite")]
        db: PathBuf,
        /// Write here instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum GazetteerCommand {
    /// Check gazetteer files (TSV, or spaCy EntityRuler JSONL) for malformed lines, duplicate
    /// ids, a name given to two entities, and unknown parents. Prints each problem as
    /// FILE:LINE: message; exit status 1 if there is any.
    Check {
        /// Files, or folders whose *.tsv and *.jsonl files are checked together.
        #[arg(required = true, value_name = "DIR|FILE")]
        paths: Vec<PathBuf>,
    },
}

/// What `extract` and `entities` read, and how.
#[derive(Debug, Args)]
struct Inputs {
    /// Files or folders to read; "-" reads JSON-lines articles from standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write JSONL here instead of stdout ("-" is stdout). Written to a temporary file
    /// first and renamed, so an interrupted run never leaves a truncated file; a device or
    /// pipe (/dev/null, a FIFO) is written in place.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// File extension to take from folders (repeatable, or comma-separated: txt,md; each also
    /// as EXT.gz). Default: txt, md, html, htm, json, jsonl, ndjson.
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',')]
    extensions: Vec<String>,
    /// Where JSON articles keep a field, as FIELD=NAME (repeatable): FIELD is one of text,
    /// title, url, published, publisher, id; NAME may be dotted for nested objects
    /// (publisher=source.name). Default: common crawler names (text, maintext, body...).
    #[arg(long = "field", value_name = "FIELD=NAME")]
    fields: Vec<String>,
    /// Also write one JSON line per skipped or failed document here (path, line, kind, message).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Re-extract only documents whose bytes changed since the run that wrote MANIFEST, and
    /// copy the records of the others from that run's output (needs -o FILE; the output is
    /// identical to a full run). MANIFEST is created on the first run.
    #[arg(long, value_name = "MANIFEST")]
    incremental: Option<PathBuf>,
    /// Worker threads (0: one per core; at most 4 per core).
    #[arg(short, long, default_value_t = 0)]
    jobs: usize,
    /// Use the gazetteer files (*.tsv, spaCy *.jsonl) in DIR instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Add a gazetteer file (TSV, or spaCy EntityRuler patterns as *.jsonl) to the bundled
    /// ones (repeatable). Its entities win where an id or a name is also defined elsewhere.
    #[arg(long = "gazetteer", value_name = "FILE")]
    extra_gazetteers: Vec<PathBuf>,
    /// Read English from the lexicon files (*.toml) in DIR, in place of the built-in files of
    /// the same name (lang/en/README.md): try an entry without rebuilding.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = Limits::default().max_doc_bytes)]
    max_doc_bytes: u64,
    /// Skip documents with a line longer than this many bytes.
    #[arg(long, default_value_t = Limits::default().max_line_bytes)]
    max_line_bytes: usize,
    /// No progress bar and no summary line on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
    /// Publication date (YYYY-MM-DD) of documents whose metadata and dateline state none;
    /// relative times ("last July", "Wednesday") are resolved against it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
}

/// How a run ended, mapped to the exit status by `main`.
pub enum Outcome {
    /// Everything was read.
    Ok,
    /// Some inputs failed; the rest were written.
    SomeFailed,
    /// Nothing could be read.
    NothingRead,
    /// Stopped by Ctrl-C or SIGTERM.
    Interrupted,
}

/// Run the parsed command.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Extract(inputs) => run_batch(inputs, Records::Claims),
        Command::Entities(inputs) => run_batch(inputs, Records::Mentions),
        Command::Rules { lexicon, json } => list_rules(load_lexicon(lexicon.as_deref())?.as_ref(), json),
        Command::Text(inputs) => run_batch(inputs, Records::Text),
        Command::Gazetteer { command: GazetteerCommand::Check { paths } } => check_gazetteers(&paths),
        Command::Eval { gold, docs, pred, json, show_errors } => {
            let gold = claimex::eval::load_gold(&gold)?;
            let predictions = claimex::eval::load_predictions(&pred)?;
            let scores = claimex::eval::score(&gold, &predictions, &docs)?;
            let text = if json { format!("{}\n", scores.to_json()) } else { scores.render(show_errors) };
            io::stdout().write_all(text.as_bytes())?;
            Ok(Outcome::Ok)
        }
        #[cfg(feature = "review")]
        Command::Review(args) => run_review(args),
        Command::Assert(args) => run_assert(args),
        Command::Report { assertions, output, limit } => run_report(&assertions, &output, limit),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "claimex", &mut io::stdout());
            Ok(Outcome::Ok)
        }
    }
}

fn run_assert(args: AssertArgs) -> Result<Outcome> {
    let started = Instant::now();
    let mut bad = 0usize;
    let mut report = |line: claimex::assertion::BadLine| {
        bad += 1;
        eprintln!("claimex: {line}");
    };
    let temp = args.temp_dir.as_deref();
    let summary = match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        Some(path) => {
            // The temporary file of supporting claims goes beside the output by default.
            let beside = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let file = AtomicFile::create(path)?;
            let mut writer = io::BufWriter::with_capacity(1 << 16, file.handle()?);
            let summary = claimex::assertion::run(&args.claims, &mut writer, temp.or(Some(beside)), &mut report)?;
            writer.flush().with_context(|| format!("cannot write {}", path.display()))?;
            drop(writer);
            file.commit()?;
            summary
        }
        None => {
            let mut writer = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let summary = claimex::assertion::run(&args.claims, &mut writer, temp, &mut report)?;
            writer.flush().context("cannot write to stdout")?;
            summary
        }
    };
    if !args.quiet {
        let memory = peak_memory_mb().map(|m| format!(", peak memory {m:.0} MB")).unwrap_or_default();
        eprintln!(
            "claimex: {} claims ({} grouped; left out: {} without unit, {} with time words that cannot be placed, {} about nothing named), {} assertions: {} corroborated, {} disputed, {} single; {:.2}s{memory}",
            summary.claims,
            summary.grouped,
            summary.no_unit,
            summary.unplaced,
            summary.unanchored,
            summary.assertions,
            summary.corroborated,
            summary.disputed,
            summary.single,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if bad > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

fn run_report(assertions: &Path, output: &Path, limit: usize) -> Result<Outcome> {
    let file = std::fs::File::open(assertions).with_context(|| format!("cannot read {}", assertions.display()))?;
    let reader = io::BufReader::with_capacity(1 << 16, file);
    let out = AtomicFile::create(output)?;
    let mut writer = io::BufWriter::new(out.handle()?);
    let mut bad = 0usize;
    let summary = claimex::assertion::report::write(assertions, reader, limit, &mut writer, &mut |m| {
        bad += 1;
        eprintln!("claimex: {m}");
    })
    .with_context(|| format!("cannot read {}", assertions.display()))?;
    writer.flush().with_context(|| format!("cannot write {}", output.display()))?;
    drop(writer);
    out.commit()?;
    eprintln!("claimex: {} of {} assertions in {}", summary.shown, summary.read, output.display());
    Ok(if bad > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

#[cfg(feature = "review")]
fn run_review(args: ReviewArgs) -> Result<Outcome> {
    use claimex::review::{db::Store, export, server};
    if let Some(ReviewCommand::Export { db, output }) = args.command {
        anyhow::ensure!(db.is_file(), "{}: no such review database", db.display());
        let store = Store::open(&db)?;
        let n = match output.as_deref().filter(|p| *p != Path::new("-")) {
            None => match export::write(&store, &mut io::stdout().lock()) {
                Ok(n) => n,
                // `review export | head`: the reader left; that is not an error.
                Err(claimex::review::ReviewError::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
                    return Ok(Outcome::Ok)
                }
                Err(e) => return Err(e.into()),
            },
            Some(path) => {
                let file = AtomicFile::create(path)?;
                let mut writer = io::BufWriter::new(file.handle()?);
                let n = export::write(&store, &mut writer)?;
                writer.flush().with_context(|| format!("cannot write {}", path.display()))?;
                drop(writer);
                file.commit()?;
                n
            }
        };
        let stale = store.stats()?.stale;
        eprintln!("claimex: {n} curated claims exported");
        if stale > 0 {
            eprintln!(
                "claimex: {stale} decisions were taken on claims that changed since; review them again to export them"
            );
        }
        return Ok(Outcome::Ok);
    }
    let claims = args.claims.context("review needs CLAIMS.jsonl")?;
    let remote = !args.bind.is_loopback();
    anyhow::ensure!(
        !remote || args.allow_remote,
        "--bind {}: other machines could reach the review page; add --allow-remote to serve it with a secret key",
        args.bind
    );
    // Read the claims before opening the database, so that a bad file leaves no database.
    let records = claimex::review::db::read_claims(&claims)?;
    let mut store = Store::open(&args.db)?;
    let report = store.upsert(&records)?;
    drop(records);
    eprintln!(
        "claimex: {} claims from {} ({} new, {} changed since last review) in {}",
        report.claims,
        claims.display(),
        report.added,
        report.changed,
        args.db.display()
    );
    let access = if remote { server::Access::remote()? } else { server::Access::Local };
    let key = access.key().map(|k| format!("?key={k}")).unwrap_or_default();
    server::run(store, args.docs, std::net::SocketAddr::new(args.bind, args.port), access, |addr| {
        // One line, written without panicking if stdout is already closed (a reader that
        // took the address and left).
        let note =
            if key.is_empty() { "" } else { "; the key in it is the only way in: share it only with the reviewers" };
        let mut stdout = io::stdout();
        let _ = writeln!(stdout, "claimex: review at http://{addr}/{key} (Ctrl-C to stop){note}");
        let _ = stdout.flush();
    })?;
    Ok(Outcome::Ok)
}

fn run_batch(inputs: Inputs, records: Records) -> Result<Outcome> {
    let output = inputs.output.as_deref().filter(|p| *p != Path::new("-"));
    // Mistakes that would lose work are refused before anything is read.
    if let Some(path) = output {
        check_output(path, &inputs)?;
        remove_stale_temps(path);
    }
    if let Some(path) = &inputs.incremental {
        remove_stale_temps(path);
    }
    if let Some(errors) = &inputs.errors {
        check_errors_file(errors, output)?;
    }
    let max_jobs = batch::max_jobs();
    if inputs.jobs > max_jobs {
        eprintln!("claimex: --jobs {} is capped at {max_jobs} (4 per core): more threads only add memory", inputs.jobs);
    }
    let gazetteer =
        Gazetteer::load(inputs.gazetteers.as_deref(), &inputs.extra_gazetteers).context("cannot load gazetteers")?;
    for warning in gazetteer.warnings() {
        eprintln!("claimex: warning: {warning}");
    }
    let published = match inputs.published.as_deref() {
        None => None,
        Some(s) => Some(
            claimex::timenorm::parse_date(s)
                .with_context(|| format!("--published {s}: not a date (write it as YYYY-MM-DD)"))?,
        ),
    };
    let pipeline = Pipeline::with_lexicon(gazetteer, load_lexicon(inputs.lexicon.as_deref())?);
    let mut fields = claimex::input::Fields::default();
    for setting in &inputs.fields {
        fields.set(setting).map_err(|e| anyhow::anyhow!("--field {e}"))?;
    }
    let mut options = Options {
        jobs: inputs.jobs.min(max_jobs),
        limits: Limits { max_doc_bytes: inputs.max_doc_bytes, max_line_bytes: inputs.max_line_bytes },
        fields,
        records,
        stop: Some(stop_on_signal()),
        published,
        ..Options::default()
    };
    if !inputs.extensions.is_empty() {
        options.extensions = inputs.extensions.iter().map(|e| e.trim_start_matches('.').to_string()).collect();
    }
    let manifest = match &inputs.incremental {
        None => None,
        Some(path) => {
            let output = output.context("--incremental needs -o FILE: it reuses the records in that file")?;
            // The default publication date changes the records, so it is part of the settings.
            let resources = format!("{}+{}", pipeline.gazetteer().version(), pipeline.lexicon().version());
            let settings = incremental::settings(&resources, records.noun(), &(&options.fields, published));
            match Manifest::load(path, output, &settings)? {
                Ok(previous) => {
                    if !inputs.quiet {
                        eprintln!("claimex: {} documents known from {}", previous.len(), path.display());
                    }
                    options.previous = Some(Arc::new(previous));
                }
                Err(reason) => eprintln!("claimex: {}: {reason}; extracting everything", path.display()),
            }
            cleanup_on_stop(batch::temp_path(path));
            Some((ManifestWriter::create(path, settings)?, path.clone()))
        }
    };
    let sinks = Sinks { errors: inputs.errors.as_deref().map(ErrorLog::create).transpose()?, manifest };
    extract(&pipeline, &inputs.paths, output, &options, inputs.quiet, sinks)
}

/// The embedded lexicon, or the one `--lexicon DIR` names.
fn load_lexicon(dir: Option<&Path>) -> Result<Arc<Lexicon>> {
    match dir {
        None => Ok(Lexicon::english().clone()),
        Some(dir) => Ok(Arc::new(Lexicon::load(dir).context("cannot load the lexicon")?)),
    }
}

/// `claimex rules`: the rule registry, for curators reading `extractor.rules`.
fn list_rules(lexicon: &Lexicon, json: bool) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    for info in &lexicon.rules.rules {
        let written = if json {
            let line = serde_json::json!({
                "id": info.rule.id(),
                "description": info.description,
                "example": info.example,
                "confidence": info.confidence,
            });
            writeln!(out, "{line}")
        } else {
            let confidence = info.confidence.map(|c| format!(" (confidence {c})")).unwrap_or_default();
            writeln!(out, "{}{confidence}\n    {}\n    e.g. {}", info.rule.id(), info.description, info.example)
        };
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(Outcome::Ok),
            other => other?,
        }
    }
    Ok(Outcome::Ok)
}

/// Where a batch writes besides its output.
struct Sinks {
    /// `--errors FILE`.
    errors: Option<ErrorLog>,
    /// `--incremental MANIFEST`: the new manifest and where it goes.
    manifest: Option<(ManifestWriter, PathBuf)>,
}

/// A flag that Ctrl-C or SIGTERM sets: the batch stops taking documents and drops those in
/// hand, so the output file is never renamed into place half-written.
///
/// A document being extracted cannot be stopped midway: if the batch has not ended a
/// second after the signal (a very large document), the process removes its temporary files
/// and exits with 130 itself, unless the output is being renamed into place at that moment.
fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Only one handler can be set per process; a second `run` in the same process (tests)
    // keeps the first, which is fine for a command-line tool.
    let _ = ctrlc::set_handler(move || {
        flag.store(true, Ordering::Relaxed);
        std::thread::sleep(std::time::Duration::from_millis(800));
        let Ok(cleanup) = CLEANUP.lock() else { return };
        if cleanup.committing {
            return;
        }
        for temp in &cleanup.temps {
            let _ = std::fs::remove_file(temp);
        }
        eprintln!("claimex: interrupted; any earlier output file is kept as it was");
        std::process::exit(130);
    });
    stop
}

/// What the signal handler removes if it has to end the process itself.
struct Cleanup {
    /// Temporary files of this run.
    temps: Vec<PathBuf>,
    /// The output is being moved into place: too late to stop.
    committing: bool,
}

static CLEANUP: Mutex<Cleanup> = Mutex::new(Cleanup { temps: Vec::new(), committing: false });

fn cleanup_on_stop(temp: PathBuf) {
    if let Ok(mut c) = CLEANUP.lock() {
        c.temps.push(temp);
    }
}

/// Refuse an output that is a folder or one of the inputs (same file, links resolved, or a
/// file a folder input would read).
fn check_output(path: &Path, inputs: &Inputs) -> Result<()> {
    if path.is_dir() {
        anyhow::bail!(
            "-o {}: is a folder; give a file name (e.g. {})",
            path.display(),
            path.join("claims.jsonl").display()
        );
    }
    let Ok(out) = std::fs::canonicalize(path) else { return Ok(()) };
    let out_meta = std::fs::metadata(&out).ok();
    let extensions: Vec<String> = if inputs.extensions.is_empty() {
        claimex::input::DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect()
    } else {
        inputs.extensions.iter().map(|e| e.trim_start_matches('.').to_string()).collect()
    };
    for input in &inputs.paths {
        let Ok(input) = std::fs::canonicalize(input) else { continue };
        let same = if input.is_dir() {
            out.starts_with(&input) && batch::wanted(&out, &extensions)
        } else {
            input == out || same_file(out_meta.as_ref(), std::fs::metadata(&input).ok().as_ref())
        };
        if same {
            anyhow::bail!("-o {}: is one of the inputs; writing it would replace an article", path.display());
        }
    }
    Ok(())
}

/// True when both are the same file (hard links included).
fn same_file(a: Option<&std::fs::Metadata>, b: Option<&std::fs::Metadata>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        matches!((a, b), (Some(a), Some(b)) if a.is_file() && a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// `--errors FILE` may not write over the JSONL: the -o file, or stdout when it is a file.
fn check_errors_file(errors: &Path, output: Option<&Path>) -> Result<()> {
    let Ok(meta) = std::fs::metadata(errors) else { return Ok(()) };
    let clash = match output {
        Some(out) => same_file(Some(&meta), std::fs::metadata(out).ok().as_ref()),
        None => {
            // /dev/stdout, /proc/self/fd/1: the file stdout is, when it is a regular file.
            #[cfg(unix)]
            {
                use std::os::fd::AsFd;
                let stdout = io::stdout();
                let fd = stdout.as_fd().try_clone_to_owned().ok();
                let meta_out = fd.map(std::fs::File::from).and_then(|f| f.metadata().ok());
                same_file(Some(&meta), meta_out.as_ref())
            }
            #[cfg(not(unix))]
            false
        }
    };
    anyhow::ensure!(!clash, "--errors {}: the same file as the output; give another file", errors.display());
    Ok(())
}

/// Remove temporaries of `path` left by runs that were killed (`.NAME.PID.tmp` whose
/// process is gone). Linux only: elsewhere there is no cheap way to tell a live process.
fn remove_stale_temps(path: &Path) {
    #[cfg(target_os = "linux")]
    {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(name);
        prefix.push(".");
        let Some(prefix) = prefix.to_str().map(String::from) else { return };
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(&prefix)).and_then(|f| f.strip_suffix(".tmp"))
            else {
                continue;
            };
            let Ok(pid) = pid.parse::<u32>() else { continue };
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}

/// `--errors FILE`: one JSON line per failure.
struct ErrorLog {
    path: PathBuf,
    writer: io::BufWriter<std::fs::File>,
}

impl ErrorLog {
    fn create(path: &Path) -> Result<ErrorLog> {
        let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(ErrorLog { path: path.to_path_buf(), writer: io::BufWriter::new(file) })
    }

    fn write(&mut self, e: &batch::Failure) -> io::Result<()> {
        let line = serde_json::json!({
            "path": claimex::input::path_text(&e.path),
            "line": e.kind.line(),
            "kind": e.kind.code(),
            "message": e.kind.to_string(),
        });
        writeln!(self.writer, "{line}")
    }
}

/// `claimex gazetteer check`: every problem on stdout, a summary on stderr.
fn check_gazetteers(paths: &[PathBuf]) -> Result<Outcome> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(gazetteer::read_dir(path)?);
        } else {
            files.push(gazetteer::read_file(path)?);
        }
    }
    let sources: Vec<(PathBuf, &str)> = files.iter().map(|(p, t)| (p.clone(), t.as_str())).collect();
    // Parents may name the bundled entities, which user files extend.
    let bundled = Gazetteer::bundled().context("cannot load the bundled gazetteers")?;
    let known: Vec<&str> = bundled.entities().iter().map(|e| e.id.as_str()).collect();
    let report = gazetteer::check(&sources, &known);
    let mut stdout = io::stdout().lock();
    for problem in &report.problems {
        writeln!(stdout, "{problem}")?;
    }
    for warning in &report.warnings {
        writeln!(stdout, "{warning} (warning)")?;
    }
    eprintln!(
        "claimex: {} files, {} entities, {} names, {} problems, {} warnings",
        files.len(),
        report.entities,
        report.names,
        report.problems.len(),
        report.warnings.len()
    );
    Ok(if report.problems.is_empty() { Outcome::Ok } else { Outcome::SomeFailed })
}

fn extract(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    output: Option<&Path>,
    options: &Options,
    quiet: bool,
    sinks: Sinks,
) -> Result<Outcome> {
    let started = Instant::now();
    let Sinks { mut errors, mut manifest } = sinks;
    let mut log_failed = None;
    let bar = progress_bar(paths, options, quiet);
    let mut report_error = |event: batch::Event<'_>| match event {
        batch::Event::Failed(e) => {
            bar.suspend(|| eprintln!("claimex: {e}"));
            if let Some(log) = errors.as_mut() {
                if let Err(io) = log.write(e) {
                    log_failed.get_or_insert(io);
                }
            }
        }
        batch::Event::Written(done) => {
            if let Some((writer, _)) = manifest.as_mut() {
                // A document cut short is extracted again next time, so that its error is
                // reported again.
                let added = if done.skipped.is_some() {
                    writer.skip(&done.jsonl);
                    Ok(())
                } else {
                    writer.add(&done.path, done.line, &done.sha256, &done.jsonl, done.records)
                };
                if let Err(io) = added {
                    log_failed.get_or_insert(io);
                }
            }
        }
        batch::Event::Progress(report) => {
            let mb = report.bytes as f64 / 1e6;
            let seconds = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_position(report.inputs as u64);
            bar.set_message(format!(
                "{}, {}, {} failed, {:.1} MB/s",
                count(report.documents, "document"),
                count(report.claims, options.records.singular()),
                report.failed,
                mb / seconds
            ));
        }
    };
    let result = match output.filter(|p| *p != Path::new("-")) {
        Some(path) => {
            let file = AtomicFile::create(path)?;
            let mut writer = io::BufWriter::with_capacity(1 << 16, file.handle()?);
            let result = batch::run(pipeline, paths, options, &mut writer, &mut report_error);
            match result {
                // Nothing could be read: an earlier output stays as it was.
                Ok(report) if report.documents == 0 => {
                    eprintln!(
                        "claimex: nothing could be read; {} was not written (any earlier file there is kept)",
                        path.display()
                    );
                    manifest = None;
                    Ok(report)
                }
                Ok(report) => {
                    writer.flush().with_context(|| format!("cannot write {}", path.display()))?;
                    drop(writer);
                    file.commit()?;
                    Ok(report)
                }
                // The temporary file is removed when `file` drops; the old output stays.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    eprintln!(
                        "claimex: interrupted; {} was not written (any earlier file there is kept)",
                        path.display()
                    );
                    Err(e)
                }
                Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
            }
        }
        None => {
            let stdout = io::stdout();
            let mut writer = io::BufWriter::with_capacity(1 << 16, stdout.lock());
            match batch::run(pipeline, paths, options, &mut writer, &mut report_error) {
                Ok(report) => Ok(report),
                // `claimex extract ... | head`: the reader left; that is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(Outcome::Ok),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    eprintln!("claimex: interrupted; the output on stdout is incomplete");
                    Err(e)
                }
                Err(e) => return Err(e).context("cannot write to stdout"),
            }
        }
    };
    bar.finish_and_clear();
    if let Some(mut log) = errors {
        log.writer.flush().with_context(|| format!("cannot write {}", log.path.display()))?;
    }
    if let Some(e) = log_failed {
        return Err(e).context("cannot write the --errors file or the manifest");
    }
    let Ok(report) = result else { return Ok(Outcome::Interrupted) };
    if let Ok(mut cleanup) = CLEANUP.lock() {
        cleanup.temps.clear();
    }
    // The output is in place: only now may the manifest describe it.
    if let Some((writer, path)) = manifest {
        writer.finish(&path)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    if !quiet {
        let mb = report.bytes as f64 / 1e6;
        let memory = peak_memory_mb().map(|m| format!(", peak memory {m:.0} MB")).unwrap_or_default();
        eprintln!(
            "claimex: {}{}, {}, {} failed, {:.2} MB in {:.2}s ({:.1} MB/s){memory}",
            count(report.documents, "document"),
            if options.previous.is_some() { format!(" ({} unchanged)", report.reused) } else { String::new() },
            count(report.claims, options.records.singular()),
            report.failed,
            mb,
            seconds,
            if seconds > 0.0 { mb / seconds } else { 0.0 }
        );
    }
    Ok(if report.documents == 0 {
        Outcome::NothingRead
    } else if report.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// "1 document", "2 documents".
fn count(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {singular}s")
    }
}

/// A progress bar on stderr when it is a terminal (and not `--quiet`); hidden otherwise.
/// Its length is the number of input files, counted by a walk before the run.
fn progress_bar(paths: &[PathBuf], options: &Options, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(batch::count_inputs(paths, &options.extensions) as u64),
        ProgressDrawTarget::stderr(),
    );
    // A fixed bar and a message cut to the terminal's width: the line never wraps.
    let style = ProgressStyle::with_template("{elapsed_precise} [{bar:20}] {pos}/{len} files, {eta} left, {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar.set_message("starting");
    bar
}

/// Peak resident memory of this process, where the system says (Linux: `VmHWM`).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// An output file written beside its final name and renamed into place on success. A path
/// that is already something other than a regular file (`/dev/null`, a FIFO, a terminal) is
/// written in place: renaming over it would replace the device with a file.
struct AtomicFile {
    /// The temporary, or `None` when writing in place.
    temp: Option<PathBuf>,
    path: PathBuf,
}

impl AtomicFile {
    fn create(path: &Path) -> Result<AtomicFile> {
        path.file_name().with_context(|| format!("{}: not a file name", path.display()))?;
        anyhow::ensure!(!path.is_dir(), "{}: is a folder; give a file name", path.display());
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        let temp = (!special).then(|| batch::temp_path(path));
        if let Some(temp) = &temp {
            cleanup_on_stop(temp.clone());
        }
        Ok(AtomicFile { temp, path: path.to_path_buf() })
    }

    fn handle(&self) -> Result<std::fs::File> {
        match &self.temp {
            // Messages name the output, not the temporary beside it.
            Some(temp) => std::fs::File::create(temp).with_context(|| format!("cannot create {}", self.path.display())),
            None => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .with_context(|| format!("cannot open {}", self.path.display())),
        }
    }

    fn commit(mut self) -> Result<()> {
        if let Some(temp) = self.temp.take() {
            // From here on a signal no longer ends the process: the output is moving into place.
            let _guard = CLEANUP.lock().map(|mut c| {
                c.committing = true;
                c
            });
            let renamed = std::fs::rename(&temp, &self.path);
            if renamed.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            renamed.with_context(|| format!("cannot move output into {}", self.path.display()))?;
        }
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: remove the partial file and keep whatever was at the path.
        if let Some(temp) = &self.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}

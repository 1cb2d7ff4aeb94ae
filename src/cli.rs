//! The command line: parse arguments, run a command, report failures one line each.
//!
//! stdout carries JSONL only; messages and the summary go to stderr as `claimex: ...`.

use anyhow::{Context, Result};
use claimex::batch::{self, Options, Records};
use claimex::document::Limits;
use claimex::gazetteer::{self, Gazetteer};
use claimex::incremental::{self, Manifest, ManifestWriter};
use claimex::Pipeline;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
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
    /// Score claims JSONL against gold annotations (same figures as shared/gold/score.py).
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
    Review(ReviewArgs),
}

/// `claimex review CLAIMS.jsonl [--docs DIR] [--db FILE] [--port N] [--bind ADDR]`, or
/// `claimex review export --db FILE [-o FILE]`.
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
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
}

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
    /// File extension to take from folders (repeatable; each also as EXT.gz). Default: txt,
    /// md, html, htm, json, jsonl, ndjson.
    #[arg(long = "ext", value_name = "EXT")]
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
    /// Worker threads (0: one per core).
    #[arg(short, long, default_value_t = 0)]
    jobs: usize,
    /// Use the gazetteer files (*.tsv, spaCy *.jsonl) in DIR instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Add a gazetteer file (TSV, or spaCy EntityRuler patterns as *.jsonl) to the bundled
    /// ones (repeatable). Its entities win where an id or a name is also defined elsewhere.
    #[arg(long = "gazetteer", value_name = "FILE")]
    extra_gazetteers: Vec<PathBuf>,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = Limits::default().max_doc_bytes)]
    max_doc_bytes: u64,
    /// Skip documents with a line longer than this many bytes.
    #[arg(long, default_value_t = Limits::default().max_line_bytes)]
    max_line_bytes: usize,
    /// No summary line on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
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
        Command::Review(args) => run_review(args),
    }
}

fn run_review(args: ReviewArgs) -> Result<Outcome> {
    use claimex::review::{db::Store, export, server};
    if let Some(ReviewCommand::Export { db, output }) = args.command {
        anyhow::ensure!(db.is_file(), "{}: no such review database", db.display());
        let store = Store::open(&db)?;
        let n = match output.as_deref().filter(|p| *p != Path::new("-")) {
            None => export::write(&store, &mut io::stdout().lock())?,
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
    let mut store = Store::open(&args.db)?;
    let report = store.load_file(&claims)?;
    eprintln!(
        "claimex: {} claims from {} ({} new, {} changed since last review) in {}",
        report.claims,
        claims.display(),
        report.added,
        report.changed,
        args.db.display()
    );
    server::run(store, args.docs, std::net::SocketAddr::new(args.bind, args.port), |addr| {
        println!("claimex: review at http://{addr}/ (Ctrl-C to stop)");
        let _ = io::stdout().flush();
    })?;
    Ok(Outcome::Ok)
}

fn run_batch(inputs: Inputs, records: Records) -> Result<Outcome> {
    let gazetteer =
        Gazetteer::load(inputs.gazetteers.as_deref(), &inputs.extra_gazetteers).context("cannot load gazetteers")?;
    for warning in gazetteer.warnings() {
        eprintln!("claimex: warning: {warning}");
    }
    let pipeline = Pipeline::new(gazetteer);
    let mut fields = claimex::input::Fields::default();
    for setting in &inputs.fields {
        fields.set(setting).map_err(|e| anyhow::anyhow!("--field {e}"))?;
    }
    let mut options = Options {
        jobs: inputs.jobs,
        limits: Limits { max_doc_bytes: inputs.max_doc_bytes, max_line_bytes: inputs.max_line_bytes },
        fields,
        records,
        stop: Some(stop_on_signal()),
        ..Options::default()
    };
    if !inputs.extensions.is_empty() {
        options.extensions = inputs.extensions.iter().map(|e| e.trim_start_matches('.').to_string()).collect();
    }
    let output = inputs.output.as_deref().filter(|p| *p != Path::new("-"));
    let manifest = match &inputs.incremental {
        None => None,
        Some(path) => {
            let output = output.context("--incremental needs -o FILE: it reuses the records in that file")?;
            let settings = incremental::settings(pipeline.gazetteer().version(), records.noun(), &options.fields);
            match Manifest::load(path, output, &settings)? {
                Ok(previous) => {
                    if !inputs.quiet {
                        eprintln!("claimex: {} documents known from {}", previous.len(), path.display());
                    }
                    options.previous = Some(Arc::new(previous));
                }
                Err(reason) => eprintln!("claimex: {}: {reason}; extracting everything", path.display()),
            }
            Some((ManifestWriter::create(path, settings)?, path.clone()))
        }
    };
    let sinks = Sinks { errors: inputs.errors.as_deref().map(ErrorLog::create).transpose()?, manifest };
    extract(&pipeline, &inputs.paths, output, &options, inputs.quiet, sinks)
}

/// Where a batch writes besides its output.
struct Sinks {
    /// `--errors FILE`.
    errors: Option<ErrorLog>,
    /// `--incremental MANIFEST`: the new manifest and where it goes.
    manifest: Option<(ManifestWriter, PathBuf)>,
}

/// A flag that Ctrl-C or SIGTERM sets: the batch stops taking documents, so the
/// output file is never renamed into place half-written.
fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Only one handler can be set per process; a second `run` in the same process (tests)
    // keeps the first, which is fine for a command-line tool.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    stop
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
            "path": e.path.display().to_string(),
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
                if let Err(io) = writer.add(&done.path, done.line, &done.sha256, &done.jsonl, done.records) {
                    log_failed.get_or_insert(io);
                }
            }
        }
        batch::Event::Progress(report) => {
            let mb = report.bytes as f64 / 1e6;
            let seconds = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_position(report.inputs as u64);
            bar.set_message(format!(
                "{} documents, {} {}, {} failed, {:.1} MB/s",
                report.documents,
                report.claims,
                options.records.noun(),
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
    // The output is in place: only now may the manifest describe it.
    if let Some((writer, path)) = manifest {
        writer.finish(&path)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    if !quiet {
        let mb = report.bytes as f64 / 1e6;
        let memory = peak_memory_mb().map(|m| format!(", peak memory {m:.0} MB")).unwrap_or_default();
        eprintln!(
            "claimex: {} documents{}, {} {}, {} failed, {:.2} MB in {:.2}s ({:.1} MB/s){memory}",
            report.documents,
            if options.previous.is_some() { format!(" ({} unchanged)", report.reused) } else { String::new() },
            report.claims,
            options.records.noun(),
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
    let style = ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {pos}/{len} files, {msg}, {eta} left")
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
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        let temp = (!special).then(|| batch::temp_path(path));
        Ok(AtomicFile { temp, path: path.to_path_buf() })
    }

    fn handle(&self) -> Result<std::fs::File> {
        match &self.temp {
            Some(temp) => std::fs::File::create(temp).with_context(|| format!("cannot create {}", temp.display())),
            None => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .with_context(|| format!("cannot open {}", self.path.display())),
        }
    }

    fn commit(mut self) -> Result<()> {
        if let Some(temp) = self.temp.take() {
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

"""Throughput of the Python package and of Spark local mode against the CLI, on the same data.

    python benches/python_spark.py            # with claimex, pyarrow, pyspark installed

Builds (once) a corpus like benches/end_to_end.sh's, but smaller (TARGET_MB, default 20): the
sample articles in corpus/*.txt copied, each copy with one extra line so that no two hash
alike, as text files under bench-out/py/txt/ and the same articles as JSON lines under
bench-out/py/jsonl/ (FILES files, so that Spark has partitions). Then, RUNS times each, the
settings of a group taking turns (cli-1, py-extract, py-many-1, cli-1, ...; then cli-N, py-many-N,
py-arrow-N, spark-N, cli-N, ...) so that load from elsewhere falls on all alike (median
reported), in MB of article text per second:

  cli-1       target/release/claimex extract txt/ --jobs 1 -o /dev/null
  cli-start   the same on one file: the CLI's start, included in cli-1 (not in py-*)
  py-extract  one Pipeline.extract call per file (the file read in Python), as dicts
  py-many-1   Pipeline.extract_many(texts, jobs=1), as dicts
  cli-N       claimex extract jsonl/ --jobs N              (N = cores)
  py-arrow-N  Pipeline.extract_arrow(texts, jobs=N)
  spark-N     claimex.spark.extract_claims on local[N] over jsonl/, written to Spark's noop sink
  spark-part  each JSONL file alone as one partition (one task, one core): MB/s per partition

The CLI binary must be built with `cargo build --release`; the package with
`pip install ./python` (a release build).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out" / "py"
RUNS = int(os.environ.get("RUNS", "3"))
TARGET_MB = float(os.environ.get("TARGET_MB", "20"))
FILES = int(os.environ.get("FILES", "8"))
CORES = os.cpu_count() or 1
BIN = Path(os.environ.get("CLAIMEX_BIN") or Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "release/claimex")


def letters(n: int) -> str:
    """A copy's number in letters: digits could be read as a claim."""
    return "".join("abcdefghij"[int(d)] for d in str(n))


def build_corpus() -> tuple[list[Path], int]:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    stamp = f"{TARGET_MB} {FILES} {sum(map(len, samples))}"
    txt, jsonl = OUT / "txt", OUT / "jsonl"
    if (OUT / ".stamp").exists() and (OUT / ".stamp").read_text() == stamp:
        files = sorted(txt.rglob("*.txt"))
        return files, sum(f.stat().st_size for f in files)
    import shutil

    shutil.rmtree(OUT, ignore_errors=True)
    txt.mkdir(parents=True)
    jsonl.mkdir(parents=True)
    texts, size, copy = [], 0, 0
    while size < TARGET_MB * 1e6:
        for i, s in enumerate(samples):
            text = f"{s}\n\nArchive copy {letters(copy)}.\n"
            texts.append((f"{copy // 100:03d}/{letters(copy)}_{i}.txt", text))
            size += len(text.encode())
        copy += 1
    outs = [open(jsonl / f"part-{k:03d}.jsonl", "w", encoding="utf-8") for k in range(FILES)]
    for n, (name, text) in enumerate(texts):
        path = txt / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outs[n % FILES].write(json.dumps({"text": text, "id": name}) + "\n")
    for o in outs:
        o.close()
    (OUT / ".stamp").write_text(stamp)
    files = sorted(txt.rglob("*.txt"))
    return files, sum(f.stat().st_size for f in files)


#: CPU seconds (this process and its finished children) of each timed run, by setting: on a
#: shared machine the wall time of a run depends on the other users; its CPU time much less.
CPU: dict[str, list[float]] = {}


def cpu_seconds() -> float:
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, cpu: list[float] | None = None) -> float:
    start, start_cpu = time.perf_counter(), cpu_seconds()
    fn()
    if cpu is not None:
        cpu.append(cpu_seconds() - start_cpu)
    return time.perf_counter() - start


def median_of(fn, name: str = "") -> tuple[float, float]:
    cpu = CPU.setdefault(name, [])
    times = [timed(fn, cpu) for _ in range(RUNS)]
    return statistics.median(times), min(times)


def interleaved(settings: dict[str, object]) -> dict[str, tuple[float, float]]:
    """Each setting RUNS times, taking turns (a, b, c, a, b, c, ...), so that load from
    elsewhere on the machine falls on all alike: (median, best) wall time by setting."""
    times: dict[str, list[float]] = {name: [] for name in settings}
    for _ in range(RUNS):
        for name, fn in settings.items():
            times[name].append(timed(fn, CPU.setdefault(name, [])))
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def main() -> int:
    import claimex

    assert BIN.exists(), f"{BIN}: build it with cargo build --release"
    files, size = build_corpus()
    mb = size / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB; {RUNS} runs each; {CORES} cores", file=sys.stderr)
    print(f"claimex package: {Path(claimex.__file__).parent}", file=sys.stderr)
    pipe = claimex.Pipeline()
    rows = []

    def report(name: str, what: str, med: float, best: float, base: str | None = None) -> str:
        ratio = f"{wall[base] / med:.0%} of CLI" if base else ""
        wall[name] = med
        cpu = statistics.median(CPU[name]) if CPU.get(name) else None
        cpu_ratio = f"{statistics.median(CPU[base]) / cpu:.0%}" if base and cpu else ""
        rows.append(
            (
                name,
                what,
                f"{med:.2f} s",
                f"{mb / med:.1f} MB/s (best {mb / best:.1f})",
                ratio,
                f"{cpu:.2f} s" if cpu else "",
                cpu_ratio,
            )
        )
        print(" | ".join(rows[-1]), file=sys.stderr)
        return name

    wall: dict[str, float] = {}

    def cli(jobs: int, path: Path) -> None:
        subprocess.run([str(BIN), "extract", "--quiet", "--jobs", str(jobs), "-o", "/dev/null", str(path)], check=True)

    texts = [f.read_text(encoding="utf-8") for f in files]

    def one_by_one() -> None:
        for f in files:
            pipe.extract(f.read_text(encoding="utf-8"), path=str(f))

    def many(jobs: int) -> None:
        for _ in pipe.extract_many(texts, jobs=jobs):
            pass

    # What of cli-1 is the start (loading gazetteers and lexicon), which a Python pipeline
    # pays once, before the timed calls: the CLI on one file.
    startup, _ = median_of(lambda: cli(1, files[0]))
    print(f"cli start: {startup:.2f} s (median, one file)", file=sys.stderr)
    one = interleaved(
        {"cli-1": lambda: cli(1, OUT / "txt"), "py-extract": one_by_one, "py-many-1": lambda: many(1)}
    )
    cli1 = report("cli-1", "claimex extract txt/ --jobs 1", *one["cli-1"])
    rows.append(("cli-start", "claimex extract (one file) --jobs 1", f"{startup:.2f} s", "", "", "", ""))
    report("py-extract", "Pipeline.extract per file (dicts)", *one["py-extract"], base=cli1)
    report("py-many-1", "Pipeline.extract_many(jobs=1) (dicts)", *one["py-many-1"], base=cli1)
    spark, job = spark_session()
    try:
        n = interleaved(
            {
                f"cli-{CORES}": lambda: cli(CORES, OUT / "jsonl"),
                f"py-many-{CORES}": lambda: many(CORES),
                f"py-arrow-{CORES}": lambda: pipe.extract_arrow(texts, jobs=CORES),
                f"spark-{CORES}": job,
            }
        )
        cli_n = report(f"cli-{CORES}", f"claimex extract jsonl/ --jobs {CORES}", *n[f"cli-{CORES}"])
        report(f"py-many-{CORES}", f"Pipeline.extract_many(jobs={CORES}) (dicts)", *n[f"py-many-{CORES}"], base=cli_n)
        report(f"py-arrow-{CORES}", f"Pipeline.extract_arrow(jobs={CORES})", *n[f"py-arrow-{CORES}"], base=cli_n)
        # Spark's CPU time is in the JVM and its Python workers, not measured here.
        CPU.pop(f"spark-{CORES}", None)
        report(f"spark-{CORES}", f"extract_claims, local[{CORES}], noop sink", *n[f"spark-{CORES}"], base=cli_n)
        spark_partitions(spark)
    finally:
        spark.stop()
    print(
        "\n| setting | what | median | throughput | vs CLI | CPU (median) | vs CLI's CPU |"
        "\n| --- | --- | --- | --- | --- | --- | --- |"
    )
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


def spark_session():
    """A local Spark session on all cores and the timed job: claims of jsonl/ to the noop sink
    (run once here: the warm-up starts the Python workers and builds their pipelines)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    from claimex.spark import extract_claims

    spark = (
        SparkSession.builder.master(f"local[{CORES}]")
        .appName("claimex-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    articles = spark.read.schema("text STRING, id STRING").json(str(OUT / "jsonl"))

    def job() -> None:
        extract_claims(articles).write.format("noop").mode("overwrite").save()

    job()
    where = spark.sparkContext.parallelize([0], 1).map(lambda _: __import__("claimex").__file__).collect()
    print(f"claimex package in the Spark workers: {Path(where[0]).parent}", file=sys.stderr)
    print(f"spark partitions of jsonl/: {articles.rdd.getNumPartitions()}", file=sys.stderr)
    return spark, job


def spark_partitions(spark) -> None:
    """Each JSONL file alone as one partition (one task on one core): MB/s per partition."""
    from claimex.spark import extract_claims

    per = []
    for path in sorted((OUT / "jsonl").glob("*.jsonl")):
        one = spark.read.schema("text STRING, id STRING").json(str(path))
        size = sum(len(json.loads(line)["text"].encode()) for line in path.open(encoding="utf-8"))
        seconds = timed(lambda: extract_claims(one.coalesce(1)).write.format("noop").mode("overwrite").save())
        per.append(size / 1e6 / seconds)
    print(
        f"spark, one partition at a time: median {statistics.median(per):.1f} MB/s per partition "
        f"(min {min(per):.1f}, max {max(per):.1f}), {len(per)} partitions",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())

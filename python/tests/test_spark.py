"""Spark local mode, end to end: the claims from Spark are the CLI's claims on the same articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import REPO, corpus_articles, gold_articles

pyspark = pytest.importorskip("pyspark", reason="pip install pyspark (the CI installs it)")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    # Loopback only: the machine's other addresses are not for tests.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        SparkSession.builder.master("local[2]")
        .appName("claimex-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches, so that one Python worker handles several.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles_jsonl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, f in enumerate(corpus_articles() + gold_articles()):
            article = {"text": f.read_text(encoding="utf-8"), "title": f.stem, "url": f"https://example.invalid/{i}"}
            if i % 3 == 0:
                article["published"] = "2025-07-01"
            out.write(json.dumps(article) + "\n")
    return path


def _comparable(record: dict) -> dict:
    """A record less what only says how the input was read: the CLI reads a JSON line (its
    hash, its line number, format jsonl), Spark gets the article's fields. Claim ids name the
    document read (path and JSON line), so they differ too; the content ids do not."""
    doc = dict(record["doc"])
    for k in ("sha256", "line", "format"):
        doc.pop(k)
    # A column is never absent: `sentence.windowed`, written only when true, reads back null.
    out = {**record, "doc": doc, "sentence": {"windowed": None, **record["sentence"]}}
    out.pop("id")
    if out.get("compared_to"):
        out["compared_to"] = {k: v for k, v in out["compared_to"].items() if k != "id"}
    return out


def _key(record: dict):
    return (record["doc"]["text_sha256"], record["quantity"]["byte_start"])


def test_spark_claims_equal_the_cli_claims(spark, cli, articles_jsonl):
    from pyspark.sql import functions as F

    from claimex.spark import claims_schema, extract_claims

    expected, failures, _ = cli(articles_jsonl)
    assert not failures and len(expected) > 100
    fields = "text STRING, title STRING, published STRING, url STRING"
    articles = spark.read.schema(fields).json(str(articles_jsonl)).withColumn("path", F.lit(str(articles_jsonl)))
    articles = articles.repartition(3)
    claims = extract_claims(articles)
    assert claims.schema == claims_schema()
    rows = [row.asDict(recursive=True) for row in claims.collect()]
    got = sorted(map(_comparable, rows), key=_key)
    assert got == sorted(map(_comparable, expected), key=_key)


def test_articles_without_optional_columns_and_with_null_text(spark, pipe):
    from claimex.spark import extract_claims

    text = "Officials said 2,500 fighters remain in Iraq."
    df = spark.createDataFrame([(text,), (None,)], "text STRING")
    rows = [row.asDict(recursive=True) for row in extract_claims(df).collect()]
    expected = pipe.extract(text)
    for r in expected:
        r["sentence"].setdefault("windowed", None)
    assert rows == expected
    with pytest.raises(ValueError, match="'text' column"):
        extract_claims(spark.createDataFrame([("x",)], "body STRING"))


def test_example_writes_the_cli_claims_as_parquet(cli, articles_jsonl, tmp_path):
    out = tmp_path / "claims"
    done = subprocess.run(
        [sys.executable, str(REPO / "python/examples/spark_extract.py"), str(articles_jsonl.parent), str(out),
         "--master", "local[2]"],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = pq.read_table(out)
    expected, _, _ = cli(articles_jsonl)
    assert sorted(table.column("content_id").to_pylist()) == sorted(r["content_id"] for r in expected)
    assert table.column("quantity").combine_chunks().field("value").type == "double"

"""Arrow out: a fixed schema with typed columns, the same values as the dict records."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from claimex import arrow
from conftest import corpus_articles

# The schema as its text: a change to it is a change of the contract for pandas, polars,
# DuckDB and Spark users, and must be made here on purpose.
EXPECTED_SCHEMA = """\
schema: string
id: string
content_id: string
doc: struct<path: string, sha256: string, text_sha256: string, line: int64, format: string, encoding: string, title: string, url: string, published: string, publisher: string, id: string>
sentence: struct<index: int64, text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64, windowed: bool>
quantity: struct<text: string, value: double, low: double, high: double, qualifier: string, kind: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>
unit: struct<text: string, lemma: string, at: struct<char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>>
subject: struct<id: string, name: string, type: string, alias: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>
places: list<item: struct<id: string, name: string, type: string, alias: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>>
time: struct<text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64, start: string, end: string, granularity: string, reference: bool, anchor: string>
source: struct<text: string, kind: string, entity: string, cue: struct<text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>, role: struct<text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>, affiliation: string, count: double, via: list<item: struct<text: string, entity: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>>, scope: string, mention: struct<text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>, confidence: double, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>
compared_to: struct<id: string, relation: struct<text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>, text: string, char_start: int64, char_end: int64, byte_start: int64, byte_end: int64>
extractor: struct<name: string, version: string, gazetteer: string, rules: list<item: string>>"""


def _articles():
    return [{"text": f.read_text(encoding="utf-8"), "path": str(f)} for f in corpus_articles()]


def test_schema_is_stable():
    assert "\n".join(f"{f.name}: {f.type}" for f in arrow.SCHEMA) == EXPECTED_SCHEMA


def test_table_has_the_schema_and_the_records_values(pipe):
    articles = _articles()
    table = pipe.extract_arrow(articles, jobs=2, chunk_size=2)
    assert table.schema == arrow.SCHEMA
    assert table.schema.field("quantity").type.field("value").type == pa.float64()
    assert pa.types.is_struct(table.schema.field("source").type)
    records = [r for a in articles for r in pipe.extract(a["text"], path=a["path"])]
    assert table.num_rows == len(records) > 20
    # A column is never absent: `sentence.windowed`, written only when true, reads back null.
    for r in records:
        r["sentence"].setdefault("windowed", None)
    assert table.to_pylist() == records


def test_every_record_key_is_a_column(pipe):
    """The reader fails on a field the schema lacks: records and schema cannot drift apart."""
    record = pipe.extract("Officials said 2,500 fighters remain in Iraq.", path="a.txt")[0]
    record["quantity"]["new_field"] = 1
    with pytest.raises(ValueError, match="new_field"):
        arrow.table_from_jsonl(json.dumps(record).encode() + b"\n")


def test_no_claims_is_an_empty_table_of_the_schema(pipe):
    assert pipe.extract_arrow([]).schema == arrow.SCHEMA
    empty = pipe.extract_arrow(["No numbers here.", ""])
    assert (empty.num_rows, empty.schema) == (0, arrow.SCHEMA)


def test_batches_built_from_records_equal_the_jsonl_read_as_arrow(pipe):
    """extract_arrow builds its columns from the record types; arrow-json reading the records'
    JSON lines must give the same table (values, nulls, nesting)."""
    articles = _articles()
    built = pipe.extract_arrow(articles)
    read = arrow.table_from_jsonl(pipe._core.extract_jsonl(articles))
    assert built.num_rows == read.num_rows > 20
    assert built.combine_chunks().equals(read.combine_chunks())

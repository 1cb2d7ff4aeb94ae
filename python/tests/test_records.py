"""The Python records are the CLI's JSONL records: same keys, values, ids and offsets."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import claimex
from conftest import CORPUS, GOLD_DEV, by_path, corpus_articles, gold_articles


def _same_as_cli(pipe, cli, folder: Path, files: list[Path]) -> int:
    records, failures, _ = cli(folder, "--ext", "txt")
    assert not failures
    expected = by_path(records)
    total = 0
    for f in files:
        got = pipe.extract(f.read_text(encoding="utf-8"), path=str(f))
        assert got == expected.get(str(f), []), f
        total += len(got)
    assert total == len(records)
    return total


def test_extract_equals_cli_on_corpus(pipe, cli):
    assert _same_as_cli(pipe, cli, CORPUS, corpus_articles()) > 20


def test_extract_equals_cli_on_gold_dev_articles(pipe, cli):
    assert _same_as_cli(pipe, cli, GOLD_DEV / "articles", gold_articles()) > 100


def test_extract_files_equals_cli_on_text_and_html(pipe, cli):
    """The CLI's readers: text files and HTML pages (main text, metadata), in the CLI's order."""
    inputs = [CORPUS, GOLD_DEV / "html"]
    records, failures, _ = cli(*inputs)
    assert not failures
    got = list(pipe.extract_files(inputs, jobs=2))
    assert got == records
    assert {r["doc"]["format"] for r in got} == {"text", "html"}


def test_metadata_is_written_as_the_cli_writes_it(pipe, cli, tmp_path):
    """A JSON-lines article with metadata: the CLI's record and extract() with the same
    metadata differ only where the input differs (the JSON line's hash, its line, the format,
    and so the id, which names the document; the content id is the same)."""
    text = (CORPUS / "000_5fed09ea5651c7d5.txt").read_text(encoding="utf-8")
    meta = {"title": "IS remnants", "url": "https://example.invalid/a", "published": "2025-07-01",
            "publisher": "Example News", "id": "a-1"}
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"text": text, **meta}) + "\n", encoding="utf-8")
    expected, _, _ = cli(jsonl)
    got = pipe.extract(text, path=str(jsonl), **meta)
    assert len(got) == len(expected) > 0
    for g, e in zip(got, expected):
        assert (e["doc"]["format"], e["doc"]["line"], g["doc"]["format"], g["doc"]["line"]) == ("jsonl", 1, "text", None)
        # The id names the document (its path and JSON line); the content id does not.
        assert g["content_id"] == e["content_id"] and g["id"] != e["id"]
        for r in (g, e):
            del r["doc"]["sha256"], r["doc"]["format"], r["doc"]["line"], r["id"]
        assert g == e
    assert list(pipe.extract_files([jsonl])) == cli(jsonl)[0]


def test_extract_files_reads_gzip_and_legacy_encodings(pipe, cli, tmp_path):
    text = (CORPUS / "001_eb69f9a4efdec1af.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "b.txt").write_bytes("Le ministère a dit que 1 200 réfugiés sont arrivés. " .encode("latin-1") * 3 + text.encode("latin-1", "replace"))
    records, _, _ = cli(tmp_path)
    got = list(pipe.extract_files([tmp_path]))
    assert got == records
    assert {r["doc"]["encoding"] for r in got} == {None, "windows-1252"}


def test_extract_many_gives_the_same_output_at_any_jobs(pipe):
    texts = [f.read_text(encoding="utf-8") for f in corpus_articles() + gold_articles()]
    items = [{"text": t, "path": f"doc{i}.txt", "title": f"T{i}"} if i % 2 else t for i, t in enumerate(texts)]
    one = list(pipe.extract_many(items, jobs=1))
    assert len(one) == len(items)
    assert one == [
        pipe.extract(t, path=f"doc{i}.txt", title=f"T{i}") if i % 2 else pipe.extract(t) for i, t in enumerate(texts)
    ]
    for jobs, chunk in [(None, None), (2, 3), (3, 1), (4, 7)]:
        assert list(pipe.extract_many(iter(items), jobs=jobs, chunk_size=chunk)) == one, (jobs, chunk)


def test_convenience_extract_uses_the_bundled_gazetteers(pipe):
    text = (CORPUS / "002_6f0590674f4abfac.txt").read_text(encoding="utf-8")
    assert claimex.extract(text, path="x.txt") == pipe.extract(text, path="x.txt")


def test_empty_text_has_no_claims(pipe):
    assert pipe.extract("") == [] and pipe.extract(" \n ") == []
    assert list(pipe.extract_many(["", "Officials said 2,500 fighters remain."])) [0] == []


@pytest.mark.parametrize(
    "bad, error, words",
    [
        (None, TypeError, "not None"),
        (42, TypeError, "not int"),
        (b"Officials said \xff\xfe 2,500 fighters remain.", UnicodeDecodeError, "invalid utf-8"),
    ],
)
def test_bad_text_raises(pipe, bad, error, words):
    with pytest.raises(error, match=words):
        pipe.extract(bad)
    with pytest.raises(error, match="item 1"):
        list(pipe.extract_many(["Two envoys.", bad]))


def test_utf8_bytes_are_text(pipe):
    text = "Officials said 2,500 fighters remain in Syria’s desert."
    assert pipe.extract(text.encode()) == pipe.extract(text)


def test_bad_metadata_and_arguments_raise(pipe):
    with pytest.raises(TypeError, match="title must be str or None"):
        pipe.extract("Two envoys.", title=3)
    with pytest.raises(TypeError, match="'text'"):
        list(pipe.extract_many([{"body": "Two envoys."}]))
    with pytest.raises(TypeError, match="iterable of articles"):
        pipe.extract_many("one text")
    with pytest.raises(ValueError, match="jobs"):
        list(pipe.extract_many(["Two envoys."], jobs=0))


def test_a_line_over_the_limit_raises_with_the_cli_message():
    pipe = claimex.Pipeline(max_line_bytes=100)
    with pytest.raises(ValueError, match=r"long\.txt: line 2 is 120 bytes, over the limit of 100 bytes"):
        pipe.extract("Short.\n" + "x" * 120, path="long.txt")


def test_missing_file_raises_before_reading(pipe, tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.txt"):
        pipe.extract_files([CORPUS, tmp_path / "nowhere.txt"])


def test_unreadable_documents_raise_or_are_recorded_as_the_cli_records_them(pipe, cli, tmp_path):
    (tmp_path / "a.txt").write_text("Officials said 2,500 fighters remain in Iraq.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00 zip")
    (tmp_path / "c.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "The army said 12 soldiers died."}\n{"text": \n', encoding="utf-8")
    records, failures, status = cli(tmp_path, errors=tmp_path.parent / "errors.jsonl")
    assert status == 1 and len(failures) == 3 and records
    got = list(pipe.extract_files([tmp_path], errors="record"))
    assert [r for r in got if "error" not in r] == records
    assert [r["error"] for r in got if "error" in r] == failures
    assert list(pipe.extract_files([tmp_path], errors="skip")) == records
    with pytest.raises(claimex.DocumentError, match="binary file") as raised:
        list(pipe.extract_files([tmp_path]))
    assert (raised.value.kind, raised.value.path) == ("binary", str(tmp_path / "b.txt"))


def test_stopping_early_stops_the_reader(pipe):
    files = pipe.extract_files([CORPUS, GOLD_DEV / "articles"], jobs=1)
    first = next(files)
    files.close()
    assert first["doc"]["path"].startswith(str(CORPUS))


def test_gazetteers_are_the_cli_options(pipe, tmp_path):
    extra = tmp_path / "extra.tsv"
    bundled = claimex.Pipeline()
    assert bundled.gazetteer_version == pipe.gazetteer_version
    with pytest.raises(OSError, match="cannot load gazetteers"):
        claimex.Pipeline(gazetteers=tmp_path / "missing")
    with pytest.raises(OSError, match="extra.tsv"):
        claimex.Pipeline(extra_gazetteers=[extra])
    with pytest.raises(TypeError, match="list of files"):
        claimex.Pipeline(extra_gazetteers=str(extra))


def test_lexicon_is_the_cli_option(pipe, tmp_path):
    """A lexicon folder replaces built-in files by name, as --lexicon DIR does."""
    root = Path(__file__).resolve().parents[2]
    text = "The ministry quipped that 40 people were killed."
    plain = pipe.extract(text)
    assert plain and plain[0]["source"] is None
    reporting = (root / "lang/en/reporting.toml").read_text(encoding="utf-8")
    (tmp_path / "reporting.toml").write_text(
        reporting.replace("[reporting_verbs]", '[reporting_verbs]\nquipped = "any"', 1), encoding="utf-8"
    )
    quipped = claimex.Pipeline(lexicon=tmp_path).extract(text)
    assert quipped[0]["source"]["text"] == "The ministry"
    (tmp_path / "reportin.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(OSError, match="reportin.toml"):
        claimex.Pipeline(lexicon=tmp_path)


def test_records_built_in_rust_are_what_json_gives(pipe):
    """Records are built as Python objects in Rust, not parsed from JSON: they must be exactly
    what json.loads makes of the JSON the CLI writes, down to int/float types and key order
    (dict equality alone would take 1 for 1.0)."""
    for path in [*corpus_articles(), *gold_articles()[:10]]:
        text = path.read_text(encoding="utf-8")
        built = pipe.extract(text, path=str(path))
        parsed = json.loads(pipe._core.extract_json(text, str(path)))
        assert json.dumps(built) == json.dumps(parsed), path
        many = next(pipe.extract_many([{"text": text, "path": str(path)}], jobs=1))
        assert json.dumps(many) == json.dumps(parsed), path


def test_each_record_owns_its_dicts(pipe):
    """Claims of one document share its doc, sentence and source; changing one record's copy
    must not change another's."""
    records = pipe.extract("Officials said 2,500 fighters remain and 300 were killed.", path="a.txt")
    assert len(records) == 2 and records[0]["doc"] == records[1]["doc"]
    records[0]["doc"]["path"] = "changed"
    records[0]["source"]["cue"]["text"] = "changed"
    records[0]["extractor"]["rules"].append("changed")
    assert records[1]["doc"]["path"] == "a.txt"
    assert records[1]["source"]["cue"]["text"] == "said"
    assert "changed" not in records[1]["extractor"]["rules"]

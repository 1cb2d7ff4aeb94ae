"""claimex: every numeric claim in news articles as a structured, sourced record.

The records are those of the ``claimex`` command's JSONL (schema ``claimex.claim/1``), made by
the same Rust code: same keys, same values, same ids.

>>> import claimex
>>> pipe = claimex.Pipeline()
>>> [c["quantity"]["value"] for c in pipe.extract("Officials said 2,500 fighters remain.")]
[2500.0]
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Literal, Mapping, Union

from . import _native

try:
    # Only extract_files reads records as JSON (the CLI's batch reader writes them); orjson
    # parses them about twice as fast as the standard library, with the same result.
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency; json is the fallback
    from json import loads as _loads

if TYPE_CHECKING:
    import pyarrow

__all__ = ["Pipeline", "DocumentError", "extract", "SCHEMA"]

#: The schema id written in every record.
SCHEMA = "claimex.claim/1"

#: A text, or a dict with ``text`` and optional ``path``, ``title``, ``published``, ``url``,
#: ``publisher``, ``id``.
Article = Union[str, bytes, Mapping[str, Any]]

#: One claim record, as in the JSONL.
Record = dict


class DocumentError(Exception):
    """An input the CLI would skip: missing, unreadable, binary, not text, empty, too large,
    a bad JSON line. Carries what the CLI's ``--errors`` file says about it."""

    def __init__(self, path: str, line: int | None, kind: str, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        #: The file as given or found in a folder.
        self.path = path
        #: 1-based line of a JSON-lines input, else None.
        self.line = line
        #: Short name of the problem: not_found, binary, not_text, empty, too_large, ...
        self.kind = kind
        #: What is wrong, in words.
        self.message = message

    def as_record(self) -> dict:
        """The error as the CLI's ``--errors`` JSON line."""
        return {"path": self.path, "line": self.line, "kind": self.kind, "message": self.message}


def _path(path: str | os.PathLike[str] | None) -> str | None:
    return path if path is None or isinstance(path, str) else os.fspath(path)


class Pipeline:
    """The compiled extractor: build once (loading the gazetteers takes a moment), then call
    :meth:`extract` for each article. Thread-safe; extraction releases the GIL.

    ``gazetteers`` is a folder of gazetteer files (``*.tsv``, spaCy ``*.jsonl``) used instead
    of the bundled ones (the CLI's ``--gazetteers DIR``); ``extra_gazetteers`` are files added
    to them (``--gazetteer FILE``). ``max_line_bytes`` raises or lowers the CLI's limit on one
    line of an article (``--max-line-bytes``, 1 MiB by default). ``lexicon`` is a folder of
    lexicon files (``*.toml``, see ``lang/en/README.md``) that replace the built-in files of the
    same name (the CLI's ``--lexicon DIR``).
    """

    def __init__(
        self,
        gazetteers: str | os.PathLike[str] | None = None,
        extra_gazetteers: Iterable[str | os.PathLike[str]] = (),
        lexicon: str | os.PathLike[str] | None = None,
        *,
        max_line_bytes: int | None = None,
    ) -> None:
        if isinstance(extra_gazetteers, (str, bytes, os.PathLike)):
            raise TypeError("extra_gazetteers is a list of files, not one path")
        self._core = _native.Core(
            _path(gazetteers), [os.fspath(p) for p in extra_gazetteers], max_line_bytes, _path(lexicon)
        )

    @property
    def gazetteer_version(self) -> str:
        """Hash of the gazetteers in use, as in each record's ``extractor.gazetteer``."""
        return self._core.gazetteer_version

    @property
    def warnings(self) -> list[str]:
        """Problems found in the gazetteers that did not stop loading them."""
        return self._core.warnings

    def extract(
        self,
        text: str | bytes,
        *,
        path: str | os.PathLike[str] | None = None,
        title: str | None = None,
        published: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        id: str | None = None,
    ) -> list[Record]:
        """The claim records of one article, in text order.

        ``text`` is a ``str`` or UTF-8 ``bytes`` (other bytes raise ``UnicodeDecodeError``,
        ``None`` raises ``TypeError``). The records are those the CLI writes for this text read
        from a UTF-8 file named ``path`` (``"-"`` when not given), with the metadata given
        here in ``doc``. Empty text has no claims; a line over ``max_line_bytes`` raises
        ``ValueError``.
        """
        return self._core.extract(text, _path(path), title, published, url, publisher, id)

    def extract_many(
        self,
        articles: Iterable[Article],
        jobs: int | None = None,
        *,
        chunk_size: int | None = None,
    ) -> Iterator[list[Record]]:
        """The records of each article, yielded in input order (one list per article).

        Articles are texts or dicts (``text`` plus optional ``path``, ``title``,
        ``published``, ``url``, ``publisher``, ``id``). They are taken ``chunk_size`` at a
        time and extracted on ``jobs`` threads (``None``: one per core) with the GIL
        released, the next chunk while this one is handed out. The output does not depend on
        ``jobs``.
        """
        if isinstance(articles, (str, bytes, Mapping)):
            raise TypeError("extract_many takes an iterable of articles; use extract() for one")
        if jobs is not None and jobs < 1:
            raise ValueError("jobs must be at least 1 (or None: one per core)")
        # Rust extracts the next chunk (GIL released) while this thread makes the dicts, one
        # article at a time as the caller takes them.
        return _each(_ahead(articles, jobs, chunk_size, self._core.extract_docs))

    def extract_files(
        self,
        paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        jobs: int | None = None,
        errors: Literal["raise", "record", "skip"] = "raise",
        extensions: Iterable[str] | None = None,
        fields: Iterable[str] = (),
        max_doc_bytes: int | None = None,
    ) -> Iterator[Record | dict]:
        """The records of files and folders, read as the CLI reads them (text, Markdown,
        HTML, JSON, JSON lines, each maybe ``.gz``; legacy encodings), in the CLI's order.

        A path that does not exist raises ``FileNotFoundError`` before anything is read. A
        document the CLI would skip (binary, not text, empty, a bad JSON line...) raises
        :class:`DocumentError` with ``errors="raise"``, yields ``{"error": {...}}`` (the CLI's
        ``--errors`` line) in its place with ``errors="record"``, and is passed over with
        ``errors="skip"``. ``extensions`` and ``fields`` are the CLI's ``--ext`` and
        ``--field`` (``"text=body"``).
        """
        if errors not in ("raise", "record", "skip"):
            raise ValueError(f"errors must be 'raise', 'record' or 'skip', not {errors!r}")
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        paths = [os.fspath(p) for p in paths]
        for p in paths:
            if p != "-" and not os.path.exists(p):
                raise FileNotFoundError(2, "No such file or directory", p)
        results = self._core.extract_files(
            paths, jobs, None if extensions is None else list(extensions), list(fields), max_doc_bytes
        )
        return _file_records(results, errors)

    def extract_arrow(
        self,
        articles: Iterable[Article],
        jobs: int | None = None,
        *,
        chunk_size: int | None = None,
    ) -> "pyarrow.Table":
        """The records of all articles as one ``pyarrow.Table`` with the fixed schema
        :data:`claimex.arrow.SCHEMA` (numbers as float64, offsets as int64, nested objects as
        structs), for pandas (``.to_pandas()``), polars (``polars.from_arrow``) or DuckDB.
        Needs ``pyarrow``.
        """
        import pyarrow

        from . import arrow

        if isinstance(articles, (str, bytes, Mapping)):
            raise TypeError("extract_arrow takes an iterable of articles")
        core, schema = self._core, arrow.SCHEMA
        # The batches are built in Rust and read by pyarrow through the Arrow C data interface.
        batches = [
            pyarrow.record_batch(batch)
            for batch in _ahead(articles, jobs, chunk_size, lambda chunk, jobs: core.extract_arrow(chunk, schema, jobs))
        ]
        return pyarrow.Table.from_batches(batches, schema=schema)


def _ahead(articles: Iterable[Article], jobs: int | None, chunk_size: int | None, work: Any) -> Iterator[Any]:
    """``work(chunk, jobs)`` on successive chunks of ``articles``, the next chunk running (GIL
    released) while the caller uses this one."""
    size = chunk_size or 64 * (jobs or os.cpu_count() or 1)
    if size < 1:
        raise ValueError("chunk_size must be at least 1")
    it = iter(articles)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimex") as pool:
        pending = None
        while True:
            chunk = list(islice(it, size))
            running = pool.submit(work, chunk, jobs) if chunk else None
            if pending is not None:
                yield pending.result()
            if running is None:
                return
            pending = running


def _each(chunks: Iterator[Iterable[list[Record]]]) -> Iterator[list[Record]]:
    for chunk in chunks:
        yield from chunk


def _file_records(results: Any, errors: str) -> Iterator[Record | dict]:
    try:
        for item in results:
            if item[0] == "records":
                yield from _loads(item[3])
            elif errors == "raise":
                raise DocumentError(*item[1:])
            elif errors == "record":
                yield {"error": DocumentError(*item[1:]).as_record()}
    finally:
        # Stop the reader thread when the caller stops early.
        results.close()


_DEFAULT: Pipeline | None = None


def extract(text: str | bytes, **meta: Any) -> list[Record]:
    """The claim records of one article with the bundled gazetteers: ``Pipeline().extract``
    on a pipeline built on first use and kept."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.extract(text, **meta)

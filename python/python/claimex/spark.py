"""claimex on Apache Spark: a DataFrame of articles in, a DataFrame of claims out.

>>> from claimex.spark import extract_claims
>>> claims = extract_claims(spark.read.json("articles/"))      # doctest: +SKIP
>>> claims.select("id", "quantity.value", "source.text").show()  # doctest: +SKIP

The work runs in ``mapInArrow``: each executor's Python worker builds one
:class:`claimex.Pipeline` on its first batch and keeps it in this module for every later batch
and task (no per-row or per-batch construction), extracts the batch's articles on one thread
(Spark runs one task per core), and hands the claims back as Arrow record batches of
:data:`claimex.arrow.SCHEMA`, declared to Spark as :data:`CLAIMS_SCHEMA`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import Pipeline
from . import arrow

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["extract_claims", "claims_schema", "ARTICLE_COLUMNS"]

#: The article columns read: ``text`` is required, the others optional (string columns).
ARTICLE_COLUMNS = ("text", "path", "title", "published", "url", "publisher", "id")


def claims_schema() -> "StructType":
    """The Spark schema of the claims DataFrame: :data:`claimex.arrow.SCHEMA` in Spark types."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow.SCHEMA)


def extract_claims(
    articles: "DataFrame",
    *,
    gazetteers: str | None = None,
    extra_gazetteers: Iterable[str] = (),
    max_line_bytes: int | None = None,
    lexicon: str | None = None,
) -> "DataFrame":
    """One row per claim of the articles in ``articles`` (a DataFrame with a string column
    ``text`` and optional ``path``, ``title``, ``published``, ``url``, ``publisher``, ``id``;
    other columns are ignored, rows whose text is null give no claims).

    The rows are the records the ``claimex`` command writes for the same articles as JSON
    lines (each row read as the CLI reads a JSON article: fields trimmed, blank ones absent),
    in the schema :func:`claims_schema`; only ``doc.sha256``, ``doc.line`` and ``doc.format``
    differ, as they describe the JSON line the CLI read. Gazetteer and lexicon paths must be
    readable on every executor. An
    article the CLI would skip (a line over ``max_line_bytes``) gives no claims.
    """
    from pyspark.sql import functions as F

    if "text" not in articles.columns:
        raise ValueError(f"the articles DataFrame needs a 'text' column; it has {articles.columns}")
    columns = [F.col(c).cast("string").alias(c) for c in ARTICLE_COLUMNS if c in articles.columns]
    config = (gazetteers, tuple(str(p) for p in extra_gazetteers), max_line_bytes, lexicon)

    def claims(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        return _claims_of_batches(batches, config)

    rows = articles.select(*columns).where(F.col("text").isNotNull())
    return rows.mapInArrow(claims, claims_schema())


#: The pipelines of this process, by configuration: one per executor Python worker.
_PIPELINES: dict[Any, Pipeline] = {}


def _pipeline(config: tuple[str | None, tuple[str, ...], int | None, str | None]) -> Pipeline:
    pipe = _PIPELINES.get(config)
    if pipe is None:
        gazetteers, extra, max_line_bytes, lexicon = config
        pipe = _PIPELINES[config] = Pipeline(gazetteers, extra, lexicon, max_line_bytes=max_line_bytes)
    return pipe


def _claims_of_batches(
    batches: Iterator["pyarrow.RecordBatch"], config: tuple[str | None, tuple[str, ...], int | None, str | None]
) -> Iterator["pyarrow.RecordBatch"]:
    import pyarrow

    core = _pipeline(config)._core
    for batch in batches:
        # One thread: Spark already runs a task per core. Rows are read as the CLI reads JSON
        # articles (fields trimmed); articles the CLI would skip give no claims rather than
        # failing the job. The claims' record batch is built in Rust (no JSON parsed here).
        claims = pyarrow.record_batch(core.extract_arrow(batch.to_pylist(), arrow.SCHEMA, 1, True, True))
        if claims.num_rows:
            yield claims

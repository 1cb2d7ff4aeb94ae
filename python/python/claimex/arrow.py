"""Claim records as Arrow: one fixed schema, typed columns, nested objects as structs.

:data:`SCHEMA` follows ``schema/claim.schema.json`` field by field (numbers float64, offsets
and indexes int64, objects structs, arrays lists). The record batches are built in Rust
(arrow-rs, against this schema, handed over through the Arrow C data interface); the reader
there fails on any field the schema does not name: a change of the record format cannot slip
through as a dropped column.
"""

from __future__ import annotations

import pyarrow as pa

from . import _native

__all__ = ["SCHEMA", "table_from_jsonl"]

_i, _f, _s = pa.int64(), pa.float64(), pa.string()
_OFFSETS = [("char_start", _i), ("char_end", _i), ("byte_start", _i), ("byte_end", _i)]


def _struct(*fields: tuple[str, pa.DataType]) -> pa.StructType:
    return pa.struct(list(fields))


_WORDS = _struct(("text", _s), *_OFFSETS)
_ENTITY = _struct(("id", _s), ("name", _s), ("type", _s), ("alias", _s), *_OFFSETS)

#: The Arrow schema of a claim record (``claimex.claim/1``).
SCHEMA = pa.schema(
    [
        ("schema", _s),
        ("id", _s),
        ("content_id", _s),
        (
            "doc",
            _struct(
                ("path", _s),
                ("sha256", _s),
                ("text_sha256", _s),
                ("line", _i),
                ("format", _s),
                ("encoding", _s),
                ("title", _s),
                ("url", _s),
                ("published", _s),
                ("publisher", _s),
                ("id", _s),
            ),
        ),
        ("sentence", _struct(("index", _i), ("text", _s), *_OFFSETS, ("windowed", pa.bool_()))),
        (
            "quantity",
            _struct(
                ("text", _s),
                ("value", _f),
                ("low", _f),
                ("high", _f),
                ("qualifier", _s),
                ("kind", _s),
                *_OFFSETS,
            ),
        ),
        ("unit", _struct(("text", _s), ("lemma", _s), ("at", _struct(*_OFFSETS)))),
        ("subject", _ENTITY),
        ("places", pa.list_(_ENTITY)),
        (
            "time",
            _struct(
                ("text", _s),
                *_OFFSETS,
                ("start", _s),
                ("end", _s),
                ("granularity", _s),
                ("reference", pa.bool_()),
                ("anchor", _s),
            ),
        ),
        (
            "source",
            _struct(
                ("text", _s),
                ("kind", _s),
                ("entity", _s),
                ("cue", _WORDS),
                ("role", _WORDS),
                ("affiliation", _s),
                ("count", _f),
                ("via", pa.list_(_struct(("text", _s), ("entity", _s), *_OFFSETS))),
                ("scope", _s),
                ("mention", _WORDS),
                ("confidence", _f),
                *_OFFSETS,
            ),
        ),
        ("compared_to", _struct(("id", _s), ("relation", _WORDS), ("text", _s), *_OFFSETS)),
        ("extractor", _struct(("name", _s), ("version", _s), ("gazetteer", _s), ("rules", pa.list_(_s)))),
    ]
)


def table_from_jsonl(jsonl: bytes) -> pa.Table:
    """A table of :data:`SCHEMA` from claim records as JSON lines (no lines: an empty table).
    A field the schema does not name raises ``ValueError``."""
    return pa.Table.from_batches([pa.record_batch(_native.arrow_from_jsonl(jsonl, SCHEMA))], schema=SCHEMA)

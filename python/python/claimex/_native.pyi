"""Type stubs of the Rust extension `claimex._native` (see src/lib.rs). Use `claimex.Pipeline`."""

from os import PathLike
from typing import Any, Iterator, Mapping, Sequence, Union

_Article = Union[str, bytes, Mapping[str, Any]]
_FileItem = Union[
    tuple[str, str, int | None, bytes],  # ("records", path, line, json array)
    tuple[str, str, int | None, str, str],  # ("error", path, line, kind, message)
]

class Core:
    def __init__(
        self,
        gazetteers: str | PathLike[str] | None = None,
        extra_gazetteers: Sequence[str | PathLike[str]] = ...,
        max_line_bytes: int | None = None,
        lexicon: str | PathLike[str] | None = None,
    ) -> None: ...
    @property
    def gazetteer_version(self) -> str: ...
    @property
    def warnings(self) -> list[str]: ...
    def extract(
        self,
        text: str | bytes,
        path: str | None = None,
        title: str | None = None,
        published: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        id: str | None = None,
    ) -> list[dict[str, Any]]: ...
    def extract_json(
        self,
        text: str | bytes,
        path: str | None = None,
        title: str | None = None,
        published: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        id: str | None = None,
    ) -> bytes: ...
    def extract_batch(self, items: Sequence[_Article], jobs: int | None = None) -> list[list[dict[str, Any]]]: ...
    def extract_docs(self, items: Sequence[_Article], jobs: int | None = None) -> Batch: ...
    def records_of(self, batch: Batch) -> list[list[dict[str, Any]]]: ...
    def extract_jsonl(
        self, items: Sequence[_Article], jobs: int | None = None, skip_bad: bool = False, json_articles: bool = False
    ) -> bytes: ...
    def extract_arrow(
        self,
        items: Sequence[_Article],
        schema: Any,
        jobs: int | None = None,
        skip_bad: bool = False,
        json_articles: bool = False,
    ) -> ArrowBatch: ...
    def extract_files(
        self,
        paths: Sequence[str | PathLike[str]],
        jobs: int | None = None,
        extensions: Sequence[str] | None = None,
        fields: Sequence[str] = ...,
        max_doc_bytes: int | None = None,
    ) -> Files: ...

class Batch(Iterator[list[dict[str, Any]]]):
    """Articles extracted by `Core.extract_docs`; iterating makes their records, one list per
    article, once."""

    def __iter__(self) -> Batch: ...
    def __next__(self) -> list[dict[str, Any]]: ...

class ArrowBatch:
    """One record batch of claims; `pyarrow.record_batch(batch)` reads it without a copy."""

    @property
    def num_rows(self) -> int: ...
    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]: ...

def arrow_from_jsonl(jsonl: bytes, schema: Any) -> ArrowBatch: ...

class Files(Iterator[_FileItem]):
    def __iter__(self) -> Files: ...
    def __next__(self) -> _FileItem: ...
    def close(self) -> None: ...

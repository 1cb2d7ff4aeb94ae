"""Fixtures: the claimex CLI (the reference every record is compared with), the repository's
sample articles, and one pipeline for the whole session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import claimex

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
GOLD_DEV = REPO.parent / "shared" / "gold" / "dev"


def _cli_binary() -> Path:
    """CLAIMEX_BIN, else the debug binary of this checkout (built here if missing)."""
    if os.environ.get("CLAIMEX_BIN"):
        return Path(os.environ["CLAIMEX_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    binary = target / "debug" / "claimex"
    if not binary.exists():
        cargo = shutil.which("cargo")
        assert cargo, "the tests compare with the claimex CLI: set CLAIMEX_BIN or install cargo"
        subprocess.run([cargo, "build", "--quiet", "--bin", "claimex"], cwd=REPO, check=True)
    return binary


@pytest.fixture(scope="session")
def cli():
    """Run `claimex extract ARGS...`; returns (records, error lines, exit status)."""
    binary = _cli_binary()

    def run(*args: str | os.PathLike[str], errors: Path | None = None) -> tuple[list[dict], list[dict], int]:
        extra = ["--errors", str(errors)] if errors else []
        done = subprocess.run(
            [str(binary), "extract", "--quiet", *extra, *map(str, args)], capture_output=True, check=False
        )
        assert done.returncode in (0, 1), done.stderr.decode()
        records = [json.loads(line) for line in done.stdout.splitlines()]
        failures = [json.loads(line) for line in errors.read_text().splitlines()] if errors else []
        return records, failures, done.returncode

    return run


@pytest.fixture(scope="session")
def pipe() -> claimex.Pipeline:
    return claimex.Pipeline()


def gold_articles() -> list[Path]:
    folder = GOLD_DEV / "articles"
    assert folder.is_dir(), f"{folder}: the shared gold articles are missing"
    return sorted(folder.glob("*.txt"))


def corpus_articles() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"{CORPUS}: no sample articles"
    return files


def by_path(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records:
        out.setdefault(r["doc"]["path"], []).append(r)
    return out

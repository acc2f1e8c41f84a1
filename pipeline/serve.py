"""``medborgarloften serve``: the built database in Datasette, read-only, on 127.0.0.1.

The database is opened immutable (Datasette never writes to it and may cache
counts), with the metadata in ``datasette-config/metadata.yaml``: descriptions of every
table, view and column, facets, full-text search on the views, and the canned
queries journalists run. ``build_datasette`` is what the tests serve too, so they
test the configuration a journalist gets.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import yaml

from pipeline.build import DEFAULT_DB

REPO = Path(__file__).resolve().parents[1]
DATASETTE_DIR = REPO / "datasette-config"
DEFAULT_METADATA = DATASETTE_DIR / "metadata.yaml"
PLUGINS_DIR = DATASETTE_DIR / "plugins"
TEMPLATES_DIR = DATASETTE_DIR / "templates"
# The database name the metadata file is written for; another file name gets the same metadata.
METADATA_DATABASE = "medborgarloften"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# The repeated-commitments view compares words across years: give it more than Datasette's 1 s.
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 10_000,
    "facet_time_limit_ms": 2_000,
    "default_page_size": 50,
    "truncate_cells_html": 400,
}


class ServeError(Exception):
    """A problem that stops the server before it starts, said in one line."""


def load_metadata(path: Path, database_name: str) -> dict[str, Any]:
    """The metadata file, keyed by ``database_name`` (the served file's stem)."""
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ServeError(f"{path}: cannot read metadata ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise ServeError(f"{path}: not valid YAML ({_one_line(str(exc))})") from exc
    if not isinstance(metadata, dict):
        raise ServeError(f"{path}: metadata must be a mapping at the top level")
    metadata = copy.deepcopy(metadata)
    databases = metadata.get("databases") or {}
    if METADATA_DATABASE in databases and database_name != METADATA_DATABASE:
        databases[database_name] = databases.pop(METADATA_DATABASE)
    return metadata


def build_datasette(db_path: Path, metadata_path: Path = DEFAULT_METADATA):
    """A Datasette instance serving ``db_path`` immutable with the project's metadata."""
    from datasette.app import Datasette

    if not db_path.is_file():
        raise ServeError(f"{db_path}: no database here; run `make extract` first")
    metadata = load_metadata(metadata_path, db_path.stem)
    return Datasette(
        immutables=[str(db_path)],
        metadata=metadata,
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        settings=SETTINGS,
    )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="the SQLite file to serve")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--metadata", type=Path, default=DEFAULT_METADATA)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    try:
        datasette = build_datasette(args.db, args.metadata)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    url = f"http://{args.host}:{args.port}/{args.db.stem}"
    print(f"Datasette: {url} (read-only; Ctrl-C stops it)", file=sys.stderr, flush=True)
    uvicorn.run(datasette.app(), host=args.host, port=args.port, log_level="warning")
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())

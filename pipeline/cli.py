"""The ``medborgarloften`` command line: one subcommand per job, each living in its stage.

Every subcommand module exposes ``configure(parser)`` to add its options and
``run(args) -> int`` to do the work, so a stage owns its own command line and this
file only lists them. Modules are imported lazily: ``medborgarloften schema`` does
not pay for spaCy.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("pipeline.build", "clean, extract and load every snapshot into SQLite"),
    "export": ("pipeline.export", "write the database's records as JSONL (or CSV per table)"),
    "schema": ("pipeline.schema", "print the JSON Schema of the promise record"),
    "explain": ("pipeline.explain", "show a file's cleaned blocks with every finding and its rule"),
    "fetch": ("pipeline.fetch", "crawl the sources registry into new snapshots"),
    "eval": ("pipeline.evaluate", "score the extractors against the gold annotations"),
    "serve": ("pipeline.serve", "open the database in Datasette, read-only"),
    "bench": ("pipeline.bench", "measure throughput, memory and rebuild times"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medborgarloften",
        description="Medborgarlöften as data: fetch, clean, extract, load, explore.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(_module=module_name)
        if name in _requested_commands():
            importlib.import_module(module_name).configure(command)
    return parser


def _requested_commands() -> set[str]:
    # Only the chosen subcommand's module is imported to configure its options.
    return {arg for arg in sys.argv[1:] if arg in COMMANDS}


def main(argv: list[str] | None = None) -> int:
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    args = build_parser().parse_args(argv)
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args) or 0)
    except BrokenPipeError:  # `medborgarloften export | head` is fine
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

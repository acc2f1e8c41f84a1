"""``medborgarloften explain FILE``: why a field came out as it did.

Prints the cleaned document block by block; under each block, every finding
whose span starts in it, with its field, value and the rule that made it.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from models import PromiseRecord
from pipeline.clean import CleanError


def findings(record: PromiseRecord) -> list[tuple[int, int, str, str, str]]:
    """(start, end, field, value, rule) for every spanned item of the record."""
    found: list[tuple[int, int, str, str, str]] = []
    for item in record.municipalities:
        found.append((*item.span, "municipality", f"{item.name} ({item.code}, {item.county})", item.rule))
    for item in record.police_units:
        found.append((*item.span, "police_unit", f"{item.name} [{item.level}]", item.rule))
    for item in record.people:
        value = ", ".join(v for v in (item.name, item.role, item.organization) if v)
        found.append((*item.span, "person", f"{value} [{item.kind}]", item.rule))
    for item in record.validity.evidence:
        value = str(getattr(record.validity, item.field))
        found.append((*item.span, f"validity.{item.field}", value, item.rule))
    follow_up = record.follow_up
    if follow_up.span:
        found.append((*follow_up.span, "follow_up", str(follow_up.cadence), follow_up.rule or ""))
    for item in record.focus_areas:
        found.append((*item.span, "focus_area", item.text, item.rule))
    for item in record.commitments:
        found.append((*item.span, "commitment", f"[{item.actor}] {item.text}", item.rule))
    for item in record.places:
        found.append((*item.span, "place", item.name, item.rule))
    return sorted(found)


def explain(path: Path, out=sys.stdout, width: int = 100) -> int:
    from pipeline.build import process_file

    outcome = process_file(path)
    if outcome.record is None or outcome.document is None:
        raise CleanError(f"{path}: {outcome.skipped}")
    record, document = outcome.record, outcome.document
    items = findings(record)
    print(f"# {path}\n# id: {record.id}\n# title: {record.title}\n# cleaner: {document.cleaner}", file=out)
    print(f"# validity: {record.validity.valid_from} .. {record.validity.valid_to}"
          f" (extended_to {record.validity.extended_to}, signed_on {record.validity.signed_on})", file=out)
    for warning in record.warnings:
        print(f"# warning: {warning}", file=out)
    for block in document.blocks:
        label = block.kind + (f" {block.marker}" if block.marker else "")
        body = document.text[block.start : block.end].replace("\n", " / ")
        print(f"\n[{label}] {block.start}-{block.end}", file=out)
        print(textwrap.indent(textwrap.fill(body, width), "    "), file=out)
        for start, end, field, value, rule in items:
            if block.start <= start < block.end or (start < block.start < end):
                print(f"  -> {field}: {value}   <{rule}> @{start}-{end}", file=out)
    return 0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .txt, .html or .pdf file (sidecar optional)")
    parser.add_argument("--width", type=int, default=100)


def run(args: argparse.Namespace) -> int:
    try:
        return explain(args.file, width=args.width)
    except CleanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

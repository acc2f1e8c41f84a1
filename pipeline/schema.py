"""``medborgarloften schema``: the promise record's JSON Schema, for validators outside."""

from __future__ import annotations

import argparse
import json

from models import PromiseRecord


def record_json_schema() -> dict:
    schema = PromiseRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "PromiseRecord"
    return schema


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indent", type=int, default=2)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(record_json_schema(), ensure_ascii=False, indent=args.indent))
    return 0

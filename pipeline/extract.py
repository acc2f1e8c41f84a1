"""Extract: a cleaned Document (and its snapshot's metadata) -> a PromiseRecord.

Runs every field extractor in ``extractors/`` over one analysed document. An
extractor that fails costs that field and a warning on the record, never the
document.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from extractors import AnalyzedDocument, analyze
from extractors.promise import is_promise
from models import Document, PromiseRecord, Snapshot, SourceRef

# record field -> extractor module (each has ``extract(AnalyzedDocument)``)
FIELD_EXTRACTORS: dict[str, str] = {
    "municipalities": "extractors.municipalities",
    "police_units": "extractors.police_units",
    "people": "extractors.people",
    "validity": "extractors.validity",
    "follow_up": "extractors.follow_up",
    "focus_areas": "extractors.focus_areas",
    "commitments": "extractors.commitments",
    "places": "extractors.places",
}


@cache
def extractor_functions() -> dict[str, Callable[[AnalyzedDocument], Any]]:
    return {
        field: importlib.import_module(module).extract for field, module in FIELD_EXTRACTORS.items()
    }


def extract_record(document: Document, snapshot: Snapshot) -> PromiseRecord:
    analyzed = analyze(document)
    promise = gives_a_promise(analyzed)
    fields: dict[str, Any] = {}
    # A page that gives no promise (an event, a news item) states none of a promise's
    # fields: its record is empty but for the text and the warning that says why.
    for field, extract in extractor_functions().items() if promise else ():
        try:
            fields[field] = extract(analyzed)
        except Exception as exc:  # one broken rule must not lose the document
            analyzed.warnings.append(f"{field} extractor failed: {exc.__class__.__name__}: {exc}")
    record = PromiseRecord(
        id=record_id(snapshot),
        source=SourceRef(
            path=snapshot.path,
            url=snapshot.url,
            publisher=snapshot.publisher,
            fetched_at=snapshot.fetched_at,
            sha256=snapshot.sha256,
        ),
        title=snapshot.title or document.title,
        text=document.text,
        warnings=[],
        **fields,
    )
    record.warnings = analyzed.warnings + (gap_warnings(record) if promise else [])
    return record


def gives_a_promise(analyzed: AnalyzedDocument) -> bool:
    try:
        return is_promise(analyzed)
    except Exception as exc:  # the fields are then read as for any promise
        analyzed.warnings.append(f"promise test failed: {exc.__class__.__name__}: {exc}")
        return True


def gap_warnings(record: PromiseRecord) -> list[str]:
    warnings = []
    if not record.municipalities:
        warnings.append("no municipality found")
    if not (record.validity.valid_from or record.validity.valid_to):
        warnings.append("no validity period found")
    if not record.commitments:
        warnings.append("no commitments found")
    return warnings


def record_id(snapshot: Snapshot) -> str:
    """Stable: the same snapshot gets the same id on every rebuild.

    ``site/slug@hash``: the slug says which page, the content hash which version
    of it (one polisen.se URL carries a new year's promise every year).
    """
    site = snapshot.site or "local"
    if snapshot.url:
        from pipeline.snapshots import slug_for_url

        slug = slug_for_url(snapshot.url)
    else:
        name = snapshot.path.rsplit("/", 1)[-1]
        slug = re.sub(r"(\.[0-9a-f]{16})?\.[A-Za-z0-9]+$", "", name)
    return f"{site}/{slug}@{snapshot.sha256[:12]}"

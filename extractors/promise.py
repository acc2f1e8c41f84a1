"""Is this document a promise at all? (cues in ``promise.yaml``)

polisen.se carries a standard box about medborgarlöften ("Medborgarlöfte och lokal
problembild … Läs mer om medborgarlöften") on event and news pages, so discovery
finds the word everywhere. Such a page names the local police and the municipality,
but they give no promise there. A document is a promise when, outside that box:

- a heading names the promise ("Arboga – medborgarlöften", "Polisen lovar"), or a
  sentence says the parties made one ("har tecknat ett medborgarlöfte"); or
- the extractors find what a promise states: a validity period or focus areas, or
  commitments on a page that speaks of a promise at all (a promise page whose
  heading and wording are unusual still has those; a police news item about next
  week's operation has commitments in the future tense and nothing else).

Otherwise the document gives no promise: its record states no fields and carries the
warning "no promise found in this document" (``pipeline/extract.py`` asks ``is_promise``;
so do the municipality and police-unit extractors, which other fields read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors import commitments, focus_areas, validity
from extractors.analysis import AnalyzedDocument
from models import Block, Validity
from models.rules import read_rules

HERE = Path(__file__).parent
# Where the verdict is kept on the analysed document: both party extractors ask for it.
VERDICT_KEY = "promise.verdict"


@dataclass(frozen=True)
class Cues:
    box_heading: re.Pattern[str]
    box_line: re.Pattern[str]
    promise_heading: re.Pattern[str]
    promise_sentence: re.Pattern[str]
    promise_word: re.Pattern[str]
    reference: re.Pattern[str]
    warning: str


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def cues() -> Cues:
    data = read_rules(HERE / "promise.yaml")
    return Cues(
        box_heading=_any(data["box_headings"]),
        box_line=_any(data["box_lines"]),
        promise_heading=_any(data["promise_headings"]),
        promise_sentence=_any(data["promise_sentences"]),
        promise_word=_any(data["promise_words"]),
        reference=_any(data["reference_mentions"]),
        warning=str(data["warning"]),
    )


def box_blocks(doc: AnalyzedDocument) -> set[int]:
    """Indexes of the blocks that belong to the standard medborgarlöfte box."""
    c = cues()
    inside: set[int] = set()
    in_box = False
    for index, block in enumerate(doc.blocks):
        text = doc.block_text(block).strip()
        if block.kind == "heading":
            in_box = bool(c.box_heading.search(text))
        if in_box or c.box_line.search(text):
            inside.add(index)
    return inside


def _states_promise(doc: AnalyzedDocument, box: set[int]) -> bool:
    c = cues()
    for index, block in enumerate(doc.blocks):
        if index in box:
            continue
        text = doc.block_text(block)
        pattern = c.promise_heading if block.kind == "heading" else c.promise_sentence
        if pattern.search(text):
            return True
    return False


def _outside(spans: list[tuple[int, int]], blocks: list[Block]) -> bool:
    return any(not any(b.start <= start < b.end for b in blocks) for start, _ in spans)


def _speaks_of_a_promise(doc: AnalyzedDocument, box: set[int]) -> bool:
    """The page itself, not a quoted speaker ("… kan bli grunden för ett medborgarlöfte, säger …")
    nor a promise named as the frame of other work ("inom ramen för medborgarlöftet")."""
    c = cues()
    return any(
        c.promise_word.search(c.reference.sub(" ", text)) and not commitments.is_quote(text)
        for i, block in enumerate(doc.blocks)
        if i not in box and (text := doc.block_text(block))
    )


def _reference_spans(doc: AnalyzedDocument) -> list[tuple[int, int]]:
    reference = cues().reference
    return [(block.start + m.start(), block.start + m.end())
            for block in doc.blocks for m in reference.finditer(doc.block_text(block))]


def _has_a_period_of_its_own(doc: AnalyzedDocument, period: Validity) -> bool:
    """A validity period, unless all that states it lies in a mention of another promise."""
    if not (period.valid_from or period.valid_to):
        return False
    references = _reference_spans(doc)
    evidence = [e.span for e in period.evidence if e.field in ("valid_from", "valid_to")]
    return not evidence or any(
        not any(start <= span[0] and span[1] <= end for start, end in references) for span in evidence
    )


# Focus areas read from a sentence ("Fokus ligger på ordningen i hamnen") can be a news item's
# operation; only a page that speaks of its own promise gets them counted as a promise's areas.
SENTENCE_FOCUS_RULES = ("focus_areas.listing_sentence", "focus_areas.focus_verb")


def _holds_promise_content(doc: AnalyzedDocument, box: set[int]) -> bool:
    box_list = [doc.blocks[i] for i in box]
    speaks = _speaks_of_a_promise(doc, box)
    found = commitments.extract(doc)
    if _outside([c.span for c in found], box_list) and speaks:
        return True
    already = len(doc.warnings)
    period = validity.extract(doc)
    del doc.warnings[already:]  # the validity field warns for itself when the pipeline runs it
    if _has_a_period_of_its_own(doc, period):
        return True
    areas = [a for a in focus_areas.extract(doc) if speaks or not a.rule.startswith(SENTENCE_FOCUS_RULES)]
    return _outside([a.span for a in areas], box_list)


def is_promise(doc: AnalyzedDocument) -> bool:
    """True unless the document holds no promise; then it also warns, once."""
    cached = doc.doc.user_data.get(VERDICT_KEY)
    if cached is not None:
        return bool(cached)
    box = box_blocks(doc)
    verdict = _states_promise(doc, box) or _holds_promise_content(doc, box)
    doc.doc.user_data[VERDICT_KEY] = verdict
    if not verdict and cues().warning not in doc.warnings:
        doc.warnings.append(cues().warning)
    return verdict

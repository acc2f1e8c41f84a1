"""Focus areas: the themes a promise names as its priorities.

Rules (patterns in ``focus_areas.yaml``):

- ``focus_areas.heading_list``: the list items under a heading such as
  "Fokusområden", "Prioriterade områden", "Problemområde";
- ``focus_areas.heading_subsections``: a focus heading with nothing under it but
  the short sub-headings that follow (one area per sub-heading);
- ``focus_areas.inline_label``: "Fokusområde 1: Trygghet i centrum";
- ``focus_areas.listing_sentence``: a sentence that lists them ("De fokusområden
  som främst har identifierats är A och B", "har valt två fokusområden: A och B");
- ``focus_areas.lead_in_list``: the list after "… följande fokusområden:";
- ``focus_areas.counted_sections``: "har valt två fokusområden" with the areas
  presented as the next sections (Vänersborg: Sportcentrum, Brålanda).

Purpose lists ("Syftet med medborgarlöften är att:") match none of these.
The same area named twice (a sentence and a list) is kept once, first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from extractors.analysis import AnalyzedDocument
from extractors.commitments import heading_context
from models import Block, FocusArea

HERE = Path(__file__).parent
TRAILING = " \t\n.;:,!?"


@dataclass(frozen=True)
class Rules:
    headings: tuple[re.Pattern[str], ...]
    inline_label: re.Pattern[str]
    listing_noun: re.Pattern[str]
    listing_after_verb: re.Pattern[str]
    listing_after_colon: re.Pattern[str]
    counted: re.Pattern[str]
    numbers: dict[str, int]
    max_heading_words: int
    item_separators: re.Pattern[str]
    max_item_words: int
    item_stopwords: frozenset[str]


@cache
def rules() -> Rules:
    data = yaml.safe_load((HERE / "focus_areas.yaml").read_text(encoding="utf-8"))
    noun = data["listing_nouns"]

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return Rules(
        headings=tuple(compiled(p) for p in data["headings"]),
        inline_label=compiled(data["inline_label"]),
        listing_noun=compiled(noun),
        listing_after_verb=compiled(data["listing_after_verb"].format(noun=noun)),
        listing_after_colon=compiled(data["listing_after_colon"].format(noun=noun)),
        counted=compiled(data["counted"].format(noun=noun)),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        max_heading_words=int(data["max_heading_words"]),
        item_separators=compiled(data["item_separators"]),
        max_item_words=int(data["max_item_words"]),
        item_stopwords=frozenset(data["item_stopwords"]),
    )


def is_focus_heading(text: str) -> bool:
    return any(p.search(text) for p in rules().headings)


def _area(doc: AnalyzedDocument, start: int, end: int, rule: str) -> FocusArea | None:
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in "\"'”“"):
        start += 1
    while end > start and (text[end - 1] in TRAILING or text[end - 1] in "\"'”“"):
        end -= 1
    if start >= end:
        return None
    return FocusArea(text=text[start:end], span=(start, end), rule=rule)


def _listed_items(doc: AnalyzedDocument, start: int, end: int, rule: str) -> list[FocusArea]:
    """Split "A, B och C" (text[start:end]) into areas."""
    r = rules()
    segment = doc.text[start:end]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for separator in r.item_separators.finditer(segment):
        pieces.append((cursor, separator.start()))
        cursor = separator.end()
    pieces.append((cursor, len(segment)))
    found = []
    for piece_start, piece_end in pieces:
        words = segment[piece_start:piece_end].split()
        if not words or len(words) > r.max_item_words or words[0].lower() in r.item_stopwords:
            return []  # not a plain list of areas: a clause, not noun phrases
        area = _area(doc, start + piece_start, start + piece_end, rule)
        if area is not None:
            found.append(area)
    return found


def _section(doc: AnalyzedDocument, index: int) -> list[Block]:
    blocks = []
    for block in doc.blocks[index + 1 :]:
        if block.kind == "heading":
            break
        blocks.append(block)
    return blocks


def _following_headings(doc: AnalyzedDocument, index: int, limit: int) -> list[Block]:
    """Short, plain headings after ``doc.blocks[index]``: the sections that present areas."""
    found = []
    for block in doc.blocks[index + 1 :]:
        if len(found) >= limit:
            break
        if block.kind != "heading":
            continue
        text = doc.block_text(block)
        if (
            len(text.split()) > rules().max_heading_words
            or heading_context(text) != "neutral"
            or is_focus_heading(text)
        ):
            break
        found.append(block)
    return found


def _first_list_after(doc: AnalyzedDocument, index: int) -> list[Block]:
    items = []
    for block in doc.blocks[index + 1 :]:
        if block.kind != "list_item":
            break
        items.append(block)
    return items


def _heading_areas(doc: AnalyzedDocument, index: int) -> list[FocusArea]:
    section = _section(doc, index)
    items = [b for b in section if b.kind == "list_item"]
    if items:
        first_run = []
        for block in section[section.index(items[0]) :]:
            if block.kind != "list_item":
                break
            first_run.append(block)
        return [a for b in first_run if (a := _area(doc, b.start, b.end, "focus_areas.heading_list"))]
    if not section:
        subsections = _following_headings(doc, index, limit=8)
        return [
            a for b in subsections if (a := _area(doc, b.start, b.end, "focus_areas.heading_subsections"))
        ]
    return []


def _sentence_areas(doc: AnalyzedDocument, index: int, start: int, end: int) -> list[FocusArea]:
    r = rules()
    sentence = doc.text[start:end]
    if not r.listing_noun.search(sentence):
        return []
    for pattern in (r.listing_after_colon, r.listing_after_verb):
        match = pattern.search(sentence)
        if match and match.group("items").strip():
            items = _listed_items(
                doc, start + match.start("items"), start + match.end("items"), "focus_areas.listing_sentence"
            )
            if items:
                return items
    if sentence.rstrip().endswith(":"):
        return [
            a
            for b in _first_list_after(doc, index)
            if (a := _area(doc, b.start, b.end, "focus_areas.lead_in_list"))
        ]
    counted = r.counted.search(sentence)
    if counted:
        word = counted.group("count").lower()
        count = int(word) if word.isdigit() else r.numbers.get(word, 0)
        listed = _first_list_after(doc, index)[:count]
        if listed:
            return [a for b in listed if (a := _area(doc, b.start, b.end, "focus_areas.counted_list"))]
        headings = _following_headings(doc, index, limit=count)
        if len(headings) == count:
            return [a for b in headings if (a := _area(doc, b.start, b.end, "focus_areas.counted_sections"))]
    return []


def _inline_label(doc: AnalyzedDocument, block: Block) -> FocusArea | None:
    match = rules().inline_label.match(doc.block_text(block))
    if match is None:
        return None
    start, end = block.start + match.start("item"), block.start + match.end("item")
    return _area(doc, start, end, "focus_areas.inline_label")


def extract(doc: AnalyzedDocument) -> list[FocusArea]:
    found: list[FocusArea] = []
    sentences_by_block: dict[int, list[tuple[int, int]]] = {}
    for sentence in doc.sentences:
        sentences_by_block.setdefault(id(sentence.block), []).append((sentence.start, sentence.end))
    for index, block in enumerate(doc.blocks):
        labelled = _inline_label(doc, block)
        if labelled is not None:
            found.append(labelled)
            continue
        if block.kind == "heading":
            if is_focus_heading(doc.block_text(block)):
                found.extend(_heading_areas(doc, index))
            continue
        if block.kind in ("paragraph", "list_item"):
            for start, end in sentences_by_block.get(id(block), []):
                found.extend(_sentence_areas(doc, index, start, end))
    return _distinct(found)


def _distinct(areas: list[FocusArea]) -> list[FocusArea]:
    seen: set[str] = set()
    kept = []
    for area in areas:
        key = re.sub(r"\W+", " ", area.text.casefold()).strip()
        if key in seen:
            continue
        seen.add(key)
        kept.append(area)
    return kept

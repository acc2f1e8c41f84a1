"""Focus areas: the themes a promise names as its priorities.

Rules (patterns in ``focus_areas.yaml``; which headings and lead-ins announce areas is
decided in ``focus_cues``):

- ``focus_areas.heading_list``: the list items under a focus heading ("Fokusområden",
  "Prioriterade områden", "Årets fokus", "Det här ska vi arbeta med");
- ``focus_areas.heading_lines``: short plain lines (headings, or paragraphs without a
  full stop) right under a focus heading, one area each;
- ``focus_areas.heading_subsections``: a focus heading with nothing under it but
  sub-headings that each open a section about one area;
- ``focus_areas.inline_label``: "Fokusområde 1: Trygghet i centrum";
- ``focus_areas.listing_sentence``: a sentence that lists them ("De fokusområden
  som främst har identifierats är A och B", "har valt två fokusområden: A och B");
- ``focus_areas.focus_verb``: a sentence that names them after a verb of focus
  ("Vi fokuserar på två saker: A samt B", "… med fokus på A och B", "Löftet handlar
  om A och om att B"); with "har tre teman: A, B och C" these summaries count only
  when the document lists no areas under a heading or lead-in;
- ``focus_areas.lead_in_list``: the list after "… följande fokusområden:" or
  "Medborgarlöftet innehåller tre områden:";
- ``focus_areas.counted_sections``: "har valt två fokusområden" with the areas
  presented as the next sections (Vänersborg: Sportcentrum, Brålanda).

Purpose lists ("Syftet med medborgarlöften är att:") match none of these, and a
bullet that reads as a promise ("Polisen ska …") is never an area.
The same area named twice (a sentence and a list) is kept once, first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.analysis import AnalyzedDocument
from extractors.commitments import heading_context, read
from extractors.focus_cues import is_focus_heading, is_focus_lead_in, phrase_opening_end
from extractors.prefilter import Prefilter
from models import Block, FocusArea
from models.rules import read_rules

HERE = Path(__file__).parent
TRAILING = " \t\n.;:,!?"
QUOTES = "\"'”“"
SENTENCE_END = re.compile(r"[.!?:]\s*$|[.!?]\s+\S")
CACHE_KEY = "focus_areas.found"
# A sentence's cue patterns all worth running: when no prefilter has said otherwise.
ALL_CUES = (True, True, True)


@dataclass(frozen=True)
class FocusVerb:
    pattern: re.Pattern[str]
    subject: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    inline_label: re.Pattern[str]
    listing_noun: re.Pattern[str]
    listing_after_verb: re.Pattern[str]
    listing_after_colon: re.Pattern[str]
    listing_chosen: re.Pattern[str]
    counted: re.Pattern[str]
    counted_generic: re.Pattern[str]
    counted_to_end: re.Pattern[str]
    counted_colon: re.Pattern[str]
    numbers: dict[str, int]
    focus_verbs: tuple[FocusVerb, ...]
    any_focus_verb: re.Pattern[str]
    max_heading_words: int
    max_line_words: int
    max_lines: int
    strong_separators: re.Pattern[str]
    strong_item_separators: re.Pattern[str]
    all_item_separators: re.Pattern[str]
    max_item_words: int
    repeated_prepositions: frozenset[str]
    trailing_clause: re.Pattern[str]
    item_stopwords: frozenset[str]


@cache
def rules() -> Rules:
    data = read_rules(HERE / "focus_areas.yaml")
    noun = data["listing_nouns"]

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    subjects = {name: compiled(p) for name, p in data["focus_verb_subjects"].items()}
    return Rules(
        inline_label=compiled(data["inline_label"]),
        listing_noun=compiled(noun),
        listing_after_verb=compiled(data["listing_after_verb"].format(noun=noun)),
        listing_after_colon=compiled(data["listing_after_colon"].format(noun=noun)),
        listing_chosen=compiled(data["listing_chosen"]),
        counted=compiled(data["counted"].format(noun=noun)),
        # "två saker:", "två problem som invånarna lyft fram:"
        counted_generic=compiled(rf"\s*{data['counted_generic']}(?:\s+som\s+[^.:;]{{1,60}}?)?\s*:\s*"),
        # The count closing the sentence, the areas in the sections after it.
        counted_to_end=compiled(rf"\s*{data['counted_generic']}(?:\s+(?:som|där)\s+[^.:;]{{1,80}}?)?\s*[.!]?\s*$"),
        counted_colon=compiled(data["counted_colon"].format(counted=data["counted_generic"])),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        focus_verbs=tuple(
            FocusVerb(compiled(verb["pattern"]), subjects[verb["subject"]]) for verb in data["focus_verbs"]
        ),
        any_focus_verb=compiled("|".join(f"(?:{verb['pattern']})" for verb in data["focus_verbs"])),
        max_heading_words=int(data["max_heading_words"]),
        max_line_words=int(data["max_line_words"]),
        max_lines=int(data["max_lines"]),
        strong_separators=compiled(data["strong_separators"]),
        strong_item_separators=compiled(data["strong_item_separators"]),
        all_item_separators=compiled(f"{data['strong_item_separators']}|{data['weak_item_separators']}"),
        max_item_words=int(data["max_item_words"]),
        repeated_prepositions=frozenset(data["repeated_prepositions"]),
        trailing_clause=compiled(data["trailing_clause"]),
        item_stopwords=frozenset(data["item_stopwords"]),
    )


def _area(doc: AnalyzedDocument, start: int, end: int, rule: str) -> FocusArea | None:
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in QUOTES):
        start += 1
    while end > start and (text[end - 1] in TRAILING or text[end - 1] in QUOTES):
        end -= 1
    if start >= end:
        return None
    return FocusArea(text=text[start:end], span=(start, end), rule=rule)


# --- lists inside a sentence ----------------------------------------------------------------


def _between_names(segment: str, start: int, end: int) -> bool:
    """A separator between two capitalised words joins names ("Hammarkullen och Gårdsten")."""
    before = segment[:start].rsplit(None, 1)
    after = segment[end:].split(None, 1)
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


def _split_points(segment: str) -> list[tuple[int, int]]:
    r = rules()
    strong = r.strong_separators.search(segment) is not None
    pattern = r.strong_item_separators if strong else r.all_item_separators
    return [
        (m.start(), m.end())
        for m in pattern.finditer(segment)
        if m.start() > 0 and not (";" not in m.group() and _between_names(segment, m.start(), m.end()))
    ]


def _listed_items(doc: AnalyzedDocument, start: int, end: int, rule: str) -> list[FocusArea]:
    """Split "A, B och C" (text[start:end]) into areas; nothing when it is a clause."""
    r = rules()
    clause = r.trailing_clause.search(doc.text, start, end)
    if clause is not None:
        end = clause.start()
    segment = doc.text[start:end]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for sep_start, sep_end in _split_points(segment):
        pieces.append((cursor, sep_start))
        cursor = sep_end
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


# --- what stands under a focus heading ------------------------------------------------------


def _section(doc: AnalyzedDocument, index: int) -> list[Block]:
    blocks = []
    for block in doc.blocks[index + 1 :]:
        if block.kind == "heading":
            break
        blocks.append(block)
    return blocks


def _ends_focus_run(doc: AnalyzedDocument, block: Block) -> bool:
    """A heading that opens another kind of section ("Polisen lovar att", "Mål", "Uppföljning")."""
    text = doc.block_text(block)
    return is_focus_heading(text) or heading_context(text, doc.span(block.start, block.end)) != "neutral"


def _is_short_line(doc: AnalyzedDocument, block: Block) -> bool:
    if block.kind not in ("heading", "paragraph"):
        return False
    text = doc.block_text(block).strip()
    words = text.split()
    return 0 < len(words) <= rules().max_line_words and not SENTENCE_END.search(text)


def _short_lines_after(doc: AnalyzedDocument, index: int) -> list[Block]:
    """Plain lines right after ``doc.blocks[index]``: "Narkotika bland unga", "Rattfylleri"."""
    found = []
    for block in doc.blocks[index + 1 :]:
        if len(found) >= rules().max_lines or not _is_short_line(doc, block):
            break
        if block.kind == "heading" and _ends_focus_run(doc, block):
            break
        found.append(block)
    return found


def _following_headings(doc: AnalyzedDocument, index: int, limit: int, max_words: int,
                        past_background: bool = False) -> list[Block]:
    """Short, plain headings after ``doc.blocks[index]``: the sections that present areas.

    ``past_background``: a background section before them ("Bakgrund") is passed over.
    """
    found = []
    for block in doc.blocks[index + 1 :]:
        if len(found) >= limit:
            break
        if block.kind != "heading":
            continue
        text = doc.block_text(block)
        if past_background and not found and heading_context(text) == "negative":
            continue
        if len(text.split()) > max_words or _ends_focus_run(doc, block):
            break
        found.append(block)
    return found


def _counted_sections(doc: AnalyzedDocument, index: int, count: int,
                      past_background: bool = False) -> list[FocusArea]:
    """The ``count`` section headings after ``doc.blocks[index]``, which announced that many;
    none when the sections after it are not that many."""
    headings = _following_headings(doc, index, count, rules().max_heading_words, past_background)
    if not count or len(headings) != count:
        return []
    return _areas_of(doc, headings, "focus_areas.counted_sections")


def _reads_as_promise(doc: AnalyzedDocument, block: Block) -> bool:
    span = doc.span(block.start, block.end)
    if span is None:
        return False
    reading = read(span)
    return reading.governed_cue or reading.present_action


def _party_promises(doc: AnalyzedDocument, start: int, end: int) -> bool:
    """ "Polisen kommer att göra två saker: …" lists work, not areas ("vi" may list areas)."""
    span = doc.span(start, end)
    if span is None:
        return False
    reading = read(span)
    return reading.governed_cue and reading.actor in ("police", "municipality", "joint")


def _areas_of(doc: AnalyzedDocument, blocks: list[Block], rule: str) -> list[FocusArea]:
    return [a for b in blocks if (a := _area(doc, b.start, b.end, rule))]


def _heading_areas(doc: AnalyzedDocument, index: int) -> list[FocusArea]:
    r = rules()
    section = _section(doc, index)
    items = [b for b in section if b.kind == "list_item"]
    lines = _short_lines_after(doc, index)
    if items and not lines:
        first_run = []
        for block in section[section.index(items[0]) :]:
            if block.kind != "list_item":
                break
            first_run.append(block)
        if any(_reads_as_promise(doc, b) for b in first_run):
            return []  # "Det här ska vi arbeta med" over promises: they are commitments
        return _areas_of(doc, first_run, "focus_areas.heading_list")
    if lines and (len(lines) > 1 or section):
        return _areas_of(doc, lines, "focus_areas.heading_lines")
    if not section:
        # Each sub-heading opens a section about one area, with its own text under it.
        subsections = _following_headings(doc, index, r.max_lines, r.max_line_words)
        return _areas_of(doc, subsections, "focus_areas.heading_subsections")
    return []


def _glued_phrase_areas(doc: AnalyzedDocument, index: int, block: Block) -> list[FocusArea]:
    """ "Det här ska vi arbeta med Otrygghet i centrum": a focus phrase glued to its first area."""
    text = doc.block_text(block)
    opening = phrase_opening_end(text)
    if opening is None or SENTENCE_END.search(text) or len(text[opening:].split()) > rules().max_line_words:
        return []
    first = _area(doc, block.start + opening, block.end, "focus_areas.heading_lines")
    rest = _areas_of(doc, _short_lines_after(doc, index), "focus_areas.heading_lines")
    return ([first] if first else []) + rest


# --- sentences ------------------------------------------------------------------------------


def _first_list_after(doc: AnalyzedDocument, index: int) -> list[Block]:
    items = []
    for block in doc.blocks[index + 1 :]:
        if block.kind != "list_item":
            break
        items.append(block)
    return items


def _counted_colon_areas(
    doc: AnalyzedDocument, start: int, end: int, may_count: bool = True
) -> list[FocusArea]:
    """ "Årets medborgarlöfte har tre teman: A, B och C"."""
    counted = rules().counted_colon.search(doc.text, start, end) if may_count else None
    if counted is None or not counted.group("items").strip() or _party_promises(doc, start, end):
        return []
    return _listed_items(doc, counted.start("items"), counted.end("items"), "focus_areas.listing_sentence")


def _focus_verb_areas(
    doc: AnalyzedDocument, index: int, start: int, end: int, possible: Sequence[bool] = ALL_CUES
) -> list[FocusArea]:
    r = rules()
    sentence = doc.text[start:end]
    _, verb_possible, count_possible = possible
    if not (verb_possible and r.any_focus_verb.search(sentence)):
        return _counted_colon_areas(doc, start, end, count_possible)
    for verb in r.focus_verbs:
        match = verb.pattern.search(sentence)
        if match is None or not verb.subject.search(sentence[: match.end()]):  # "prioriterar vi"
            continue
        items_start = match.end()
        counted_to_end = r.counted_to_end.match(sentence, items_start)
        if counted_to_end:  # "riktar in sig på tre områden där invånarna har pekat ut problem."
            # the areas are that many sections, or the count names none
            return _counted_sections(doc, index, _count_of(counted_to_end.group()), past_background=True)
        counted = r.counted_generic.match(sentence, items_start)
        if counted:
            items_start = counted.end()  # "två saker: A samt B"
        items_end = len(sentence.rstrip().rstrip(".!"))
        if not sentence[items_start:items_end].strip() or sentence.rstrip().endswith(":"):
            listed = _first_list_after(doc, index) if is_focus_lead_in(sentence) else []
            count = _count_of(counted.group()) if counted and not listed else 0
            sections = _counted_sections(doc, index, count)  # "handlar om två platser:" over two sections
            return sections or _areas_of(doc, listed, "focus_areas.lead_in_list")
        found = _listed_items(doc, start + items_start, start + items_end, "focus_areas.focus_verb")
        if found:
            return [_without_repeated_preposition(doc, area, match.group()) for area in found]
    return _counted_colon_areas(doc, start, end, count_possible)


def _without_repeated_preposition(doc: AnalyzedDocument, area: FocusArea, verb: str) -> FocusArea:
    """"fokuserar vi på A och på B": the verb's preposition said again opens B, it is not part of it."""
    preposition = verb.split()[-1].lower() if verb.split() else ""
    head, _, rest = area.text.partition(" ")
    if head.lower() != preposition or not rest or preposition not in rules().repeated_prepositions:
        return area
    start = area.span[0] + len(area.text) - len(rest)
    return FocusArea(text=rest, span=(start, area.span[1]), rule=area.rule)


def _count_of(words: str) -> int:
    """The number that opens ``words``: "3", "två" (0 when there is none)."""
    word = words.split()[0].lower() if words.split() else ""
    return int(word) if word.isdigit() else rules().numbers.get(word, 0)


def _sentence_areas(
    doc: AnalyzedDocument, index: int, start: int, end: int, possible: Sequence[bool] = ALL_CUES
) -> list[FocusArea]:
    r = rules()
    sentence = doc.text[start:end]
    if is_focus_lead_in(sentence):
        colon = r.listing_after_colon.search(sentence)
        if colon is None or not colon.group("items").strip():
            return _areas_of(doc, _first_list_after(doc, index), "focus_areas.lead_in_list")
    if not (possible[0] and r.listing_noun.search(sentence)):
        return []
    for pattern in (r.listing_after_colon, r.listing_after_verb, r.listing_chosen):
        match = pattern.search(sentence)
        if match and match.group("items").strip():
            if "one" in match.re.groupindex and match.group("one"):
                item_start, item_end = start + match.start("items"), start + match.end("items")
                single = _area(doc, item_start, item_end, "focus_areas.chosen")
                return [single] if single else []
            items = _listed_items(
                doc, start + match.start("items"), start + match.end("items"), "focus_areas.listing_sentence"
            )
            if items:
                verb = sentence[match.start() : match.start("items")]  # "Fokus ligger på"
                return [_without_repeated_preposition(doc, area, verb) for area in items]
    counted = r.counted.search(sentence)
    if counted:
        count = _count_of(counted.group("count"))
        listed = _first_list_after(doc, index)[:count]
        if listed:
            return _areas_of(doc, listed, "focus_areas.counted_list")
        return _counted_sections(doc, index, count)
    return []


@cache
def _sentence_prefilter() -> Prefilter:
    """The cues read in every sentence, in ``ALL_CUES`` order: listing noun, focus verb, count."""
    r = rules()
    return Prefilter([r.listing_noun, r.any_focus_verb, r.counted_colon])


def _inline_label(doc: AnalyzedDocument, block: Block) -> FocusArea | None:
    match = rules().inline_label.match(doc.block_text(block))
    if match is None:
        return None
    start, end = block.start + match.start("item"), block.start + match.end("item")
    return _area(doc, start, end, "focus_areas.inline_label")


def extract(doc: AnalyzedDocument) -> list[FocusArea]:
    """The focus areas of ``doc``, found once: places and the promise check read them too."""
    cached = doc.doc.user_data.get(CACHE_KEY)
    if cached is None:
        cached = doc.doc.user_data[CACHE_KEY] = _find(doc)
    return list(cached)


def _find(doc: AnalyzedDocument) -> list[FocusArea]:
    found: list[FocusArea] = []
    by_verb: list[FocusArea] = []
    for index, block in enumerate(doc.blocks):
        labelled = _inline_label(doc, block)
        if labelled is not None:
            found.append(labelled)
            continue
        if block.kind in ("heading", "paragraph"):
            glued = _glued_phrase_areas(doc, index, block)
            if glued:
                found.extend(glued)
                continue
        if block.kind == "heading":
            if is_focus_heading(doc.block_text(block)):
                found.extend(_heading_areas(doc, index))
            continue
        if block.kind in ("paragraph", "list_item"):
            for sentence in doc.sentences_in(block):
                possible = _sentence_prefilter().possible(sentence.text)
                areas = _sentence_areas(doc, index, sentence.start, sentence.end, possible)
                found.extend(areas)
                if not areas and block.kind == "paragraph":
                    by_verb.extend(_focus_verb_areas(doc, index, sentence.start, sentence.end, possible))
    # "… med fokus på A och B", "Svaren pekade på två saker: …" summarise: a document that
    # lists its areas under a heading or after a lead-in says it better.
    return _distinct(found or by_verb)


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

"""Validity: when the promise is in force, when it was extended, and when it was signed.

Phrase rules in ``validity.yaml`` (patterns over the Swedish date grammar of
``extractors/dates.py``) each propose dates with a priority. Explicit statements
("gäller från … till och med …") outrank a title's year, which outranks "under 2017"
in a promise sentence; among equals the first in the document wins, so the title
and lead beat an older promise further down the page. Negative cues (statistics,
samverkansöverenskommelsen, "ett nytt medborgarlöfte kommer att tecknas", …) drop a
proposal. A date read from a bare year or a month says so in its evidence rule.
An archive section ("Tidigare medborgarlöften", "Arkiv") is skipped together with the
dated headings of the older promises it lists. A period that starts "när det
undertecknats" takes the signing date; a duration ("i två år") never makes an end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from extractors.analysis import AnalyzedDocument, Sentence
from extractors.dates import DateValue, expand, grammar, parse_date, parse_range
from extractors.names import alternation, any_of
from extractors.prefilter import Prefilter
from extractors.prefilter import search as prefiltered_search
from models import Block, Evidence, Validity
from models.record import ValidityField
from models.rules import read_rules

RULES_PATH = Path(__file__).with_name("validity.yaml")

Target = Literal["period", "valid_from", "valid_to", "extended_to", "signed_on", "from_signing"]
Scope = Literal["sentence", "title", "title_page", "signature"]
# A title page: the document's first blocks, when one of them names a medborgarlöfte.
TITLE_PAGE_BLOCKS = 5
TITLE_PAGE_CUE = re.compile(r"medborgarlöft", re.IGNORECASE)
NegativeScope = Literal["subject", "sentence"]
TARGETS: frozenset[str] = frozenset(
    {"period", "valid_from", "valid_to", "extended_to", "signed_on", "from_signing"}
)
PERIOD_FIELDS: tuple[ValidityField, ValidityField] = ("valid_from", "valid_to")
FIELD_ORDER: tuple[ValidityField, ...] = ("valid_from", "valid_to", "extended_to", "signed_on")
FLAGS = re.IGNORECASE | re.MULTILINE

# A title-like line: a heading, or a short line that a title rule must run to its end
# ("Medborgarlöfte i Båstads kommun 2017."), so a year deep in prose is not a title.
TITLE_LINE_MAX_CHARS = 90
# A short title line may open with this many words before the promise ("Aktuellt
# medborgarlöfte: 2023", "Nytt medborgarlöfte 2024"); negative cues still see them.
TITLE_LEAD_WORDS = 2
# A place-and-date line beside a signature block ("Båstad 2016-12-13") is at most this long.
SIGNATURE_LINE_MAX_CHARS = 60
# Blocks without a year or a signing word cannot hold a validity statement.
MAY_STATE_DATE = re.compile(r"(?:19|20)\d\d|underteckn|underskrift|signer", re.IGNORECASE)
WORD_BEFORE = re.compile(r"\S+\s+$")
# How far back the words that make a year part of a date are looked for ("september år 2021").
YEAR_LOOKBEHIND_CHARS = 30


# --- the rule file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    where: Literal["sentence", "heading"]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PhraseRule:
    name: str
    sets: Target
    priority: int
    scope: Scope
    pattern: re.Pattern[str]
    requires: tuple[Context, ...]
    # Negative cues looked for in the rule's negative scope, and those always in the subject scope.
    blocked_in_scope: re.Pattern[str] | None
    blocked_in_subject: re.Pattern[str] | None
    negative_scope: NegativeScope
    # The phrase holds a date or a year: a block without digits or month names cannot match.
    needs_date: bool = True


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[PhraseRule, ...]
    negative_headings: re.Pattern[str] | None
    subject: re.Pattern[str]
    subject_lead_words: int
    year_not_after: re.Pattern[str] | None
    fill_open_end_min_priority: int


# A value slot such as "{to:DATE}", "{span:YEAR_SPAN}" or "{date:DAY}" in a rule's pattern.
DATE_SLOT = re.compile(r"\{\w+:(?:\w*DATE\w*|\w*YEAR\w*|DAY)\}")


@cache
def date_cue() -> re.Pattern[str]:
    """Anything a stated date needs: a digit or a month name (dates.yaml's month vocabulary)."""
    return re.compile(rf"\d|\b(?i:{alternation(list(grammar().months))})\b")


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    return any_of(patterns, FLAGS) if patterns else None


def _negative_sets(data: dict[str, Any]) -> dict[str, tuple[NegativeScope | None, list[str]]]:
    sets: dict[str, tuple[NegativeScope | None, list[str]]] = {}
    for name, spec in data.get("negatives", {}).items():
        if isinstance(spec, dict):
            sets[name] = (spec.get("scope"), list(spec["patterns"]))
        else:
            sets[name] = (None, list(spec))
    return sets


def _rule(
    spec: dict[str, Any], phrases: dict[str, str], contexts: dict[str, Context], negatives: dict
) -> PhraseRule:
    if spec["sets"] not in TARGETS:
        raise ValueError(f"{RULES_PATH.name}: rule {spec['name']} sets unknown target {spec['sets']!r}")
    in_scope: list[str] = []
    in_subject: list[str] = []
    for name in spec.get("blocked_by", []):
        scope, patterns = negatives[name]
        (in_subject if scope == "subject" else in_scope).extend(patterns)
    return PhraseRule(
        name=spec["name"],
        sets=spec["sets"],
        priority=int(spec["priority"]),
        scope=spec.get("scope", "sentence"),
        # Every phrase starts a word; saying so lets the engine skip mid-word positions fast.
        pattern=re.compile(r"(?<!\w)(?:" + expand(spec["pattern"], phrases) + ")", FLAGS),
        requires=tuple(contexts[name] for name in spec.get("requires", [])),
        blocked_in_scope=_any_of(in_scope),
        blocked_in_subject=_any_of(in_subject),
        negative_scope=spec.get("negative_scope", "subject"),
        needs_date=bool(DATE_SLOT.search(spec["pattern"])),
    )


@cache
def rule_book() -> RuleBook:
    data: dict[str, Any] = read_rules(RULES_PATH)
    phrases: dict[str, str] = data.get("phrases", {})
    contexts = {
        name: Context(spec["in"], re.compile(spec["pattern"], FLAGS))
        for name, spec in data.get("contexts", {}).items()
    }
    negatives = _negative_sets(data)
    return RuleBook(
        rules=tuple(_rule(spec, phrases, contexts, negatives) for spec in data["rules"]),
        negative_headings=_any_of(data.get("negative_headings") or []),
        subject=re.compile(data["subject"], FLAGS),
        subject_lead_words=int(data.get("subject_lead_words", 0)),
        year_not_after=_any_of([expand(p) + "$" for p in data.get("year_not_after") or []]),
        fill_open_end_min_priority=int(data.get("fill_open_end_min_priority", 0)),
    )


# --- proposals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One rule's proposal: dates for some fields, and the phrase that states them."""

    rule: PhraseRule
    start: int
    end: int
    values: dict[ValidityField, DateValue]

    @property
    def order(self) -> tuple[int, int]:
        return (-self.rule.priority, self.start)

    def day(self, field_name: ValidityField) -> date:
        """The field's day: a stated period starts on its first day and ends on its last."""
        value = self.values[field_name]
        return value.first if field_name in ("valid_from", "signed_on") else value.last


@dataclass(frozen=True)
class BlockView:
    """A block with what the rules read around it, computed once per block."""

    block: Block
    heading: str
    sentences: list[Sentence]
    beside_signature: bool
    on_title_page: bool = False


def _block_views(doc: AnalyzedDocument) -> list[BlockView]:
    by_block: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_block.setdefault(sentence.block.start, []).append(sentence)
    views = []
    heading = ""
    blocks = doc.blocks
    title_page = blocks[:TITLE_PAGE_BLOCKS]
    names_promise = any(
        b.kind == "heading" and TITLE_PAGE_CUE.search(doc.block_text(b)) for b in title_page
    )
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = doc.block_text(block)
        neighbours = blocks[max(index - 1, 0) : index + 2]
        beside_signature = (block.kind == "signature" or (
            block.end - block.start <= SIGNATURE_LINE_MAX_CHARS
            and any(b.kind == "signature" for b in neighbours)
        )) and not _is_dateline(doc, index)
        on_title_page = names_promise and index < TITLE_PAGE_BLOCKS
        views.append(
            BlockView(block, heading, by_block.get(block.start, []), beside_signature, on_title_page)
        )
    return views


def _is_dateline(doc: AnalyzedDocument, index: int) -> bool:
    """A bare day right under a heading or a title line, with no signature after it, dates the
    page or a news item ("PRESSMEDDELANDE" / "2024-05-15" / …); a signing line names its place
    ("Ort 2024-06-18") or stands among the signatures."""
    blocks = doc.blocks
    if index == 0 or not _is_title_like(doc, blocks[index - 1]):
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is not None and following.kind == "signature":
        return False
    value = parse_date(doc.block_text(blocks[index]).strip().removeprefix("den "))
    return value is not None and value.granularity == "day"


def _is_title_like(doc: AnalyzedDocument, block: Block) -> bool:
    if block.kind == "heading":
        return True
    text = doc.block_text(block).rstrip()
    return block.kind == "paragraph" and len(text) <= TITLE_LINE_MAX_CHARS and not text.endswith(
        (".", "!", "?", ":", ","))


def _values(rule: PhraseRule, match: re.Match[str]) -> dict[ValidityField, DateValue] | None:
    groups = match.groupdict()
    if rule.sets == "from_signing":
        return {}
    if rule.sets == "period":
        if groups.get("span"):
            value = parse_date(groups["span"])
            return None if value is None else {"valid_from": value, "valid_to": value}
        if groups.get("year_end"):  # "från 1 januari 2019 till årets slut": the start's year ends it
            start = parse_date(groups["from"])
            if start is None:
                return None
            year_end = date(start.first.year, 12, 31)
            return {"valid_from": start, "valid_to": DateValue(year_end, year_end, "day")}
        ends = parse_range(groups["from"], groups["to"])
        return None if ends is None else {"valid_from": ends[0], "valid_to": ends[1]}
    text = groups.get("from") or groups.get("to") or groups.get("date")
    value = parse_date(text) if text else None
    return None if value is None else {rule.sets: value}  # type: ignore[dict-item]


def _sentence_bounds(view: BlockView, start: int, end: int) -> tuple[int, int]:
    inside = [s for s in view.sentences if s.start < end and s.end > start]
    if not inside:
        return view.block.start, view.block.end
    return min(s.start for s in inside), max(s.end for s in inside)


def _subject_start(book: RuleBook, text: str, sentence_start: int, match_start: int) -> int:
    """Where the promise's own noun phrase starts before the match, else the sentence start."""
    subjects = list(book.subject.finditer(text, sentence_start, match_start))
    if not subjects:
        return sentence_start
    start = subjects[-1].start()
    for _ in range(book.subject_lead_words):
        word = WORD_BEFORE.search(text, sentence_start, start)
        if word is None:
            break
        start = word.start()
    return start


def _year_belongs_to_a_date(book: RuleBook, text: str, match: re.Match[str]) -> bool:
    """A captured bare year that is the tail of "december 2021" or "till och med 2022"."""
    if "span" not in match.re.groupindex or match["span"] is None or book.year_not_after is None:
        return False
    start = match.start("span")
    return book.year_not_after.search(text, max(0, start - YEAR_LOOKBEHIND_CHARS), start) is not None


def _required_context_holds(rule: PhraseRule, sentence: str, heading: str) -> bool:
    if not rule.requires:
        return True
    return any(c.pattern.search(sentence if c.where == "sentence" else heading) for c in rule.requires)


def _blocked(
    book: RuleBook, rule: PhraseRule, text: str, sentence: tuple[int, int], start: int, end: int
) -> bool:
    subject_scope = text[_subject_start(book, text, sentence[0], start) : end]
    if rule.blocked_in_subject is not None and prefiltered_search(rule.blocked_in_subject, subject_scope):
        return True
    if rule.blocked_in_scope is None:
        return False
    scope = text[sentence[0] : sentence[1]] if rule.negative_scope == "sentence" else subject_scope
    return prefiltered_search(rule.blocked_in_scope, scope) is not None


def _is_title_line(block: Block, text: str, start: int, end: int) -> bool:
    """A heading, or a short line that the match covers whole ("Medborgarlöfte i Båstads kommun 2017.")."""
    if block.kind == "heading":
        return True
    if block.end - block.start > TITLE_LINE_MAX_CHARS:
        return False
    lead = text[block.start : start].split()
    if len(lead) > TITLE_LEAD_WORDS or any(ch.isdigit() for word in lead for ch in word):
        return False
    return not text[end : block.end].strip(" .!:")


def _may_be_title(block: Block) -> bool:
    return block.kind == "heading" or (
        block.kind == "paragraph" and block.end - block.start <= TITLE_LINE_MAX_CHARS
    )


def _regions(rule: PhraseRule, text: str, view: BlockView) -> list[tuple[int, int]]:
    """Where a rule may match in a block: the whole block, or each line of a signature."""
    block = view.block
    if rule.scope == "signature":
        if not view.beside_signature:
            return []
        lines, offset = [], block.start
        for line in text[block.start : block.end].split("\n"):
            lines.append((offset, offset + len(line)))
            offset += len(line) + 1
        return lines
    if rule.scope == "title" and not _may_be_title(block):
        return []
    if rule.scope == "title_page" and not (view.on_title_page and _may_be_title(block)):
        return []
    return [(block.start, block.end)]


def _finding(
    book: RuleBook, rule: PhraseRule, match: re.Match[str], text: str, view: BlockView
) -> Finding | None:
    start, end = match.start(), match.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if rule.scope in ("title", "title_page") and not _is_title_line(view.block, text, start, end):
        return None
    if _year_belongs_to_a_date(book, text, match):
        return None
    sentence = _sentence_bounds(view, start, end)
    if not _required_context_holds(rule, text[sentence[0] : sentence[1]], view.heading):
        return None
    if _blocked(book, rule, text, sentence, start, end):
        return None
    values = _values(rule, match)
    return None if values is None else Finding(rule, start, end, values)


def _findings_in(book: RuleBook, text: str, view: BlockView) -> list[Finding]:
    if (
        view.block.kind != "heading"
        and book.negative_headings
        and book.negative_headings.search(view.heading)
    ):
        return []
    found = []
    has_date = date_cue().search(text, view.block.start, view.block.end) is not None
    block_text = text[view.block.start : view.block.end]
    possible = _rule_prefilter().possible(block_text)
    table = _context_table()
    context_possible = _context_possible(table, block_text, view.heading)
    for rule, may_match, contexts in zip(book.rules, possible, table.by_rule, strict=True):
        if not may_match or (rule.needs_date and not has_date):
            continue
        if contexts and not any(context_possible[i] for i in contexts):
            continue  # no sentence of the block, nor its heading, can hold the rule's context
        for region_start, region_end in _regions(rule, text, view):
            for match in rule.pattern.finditer(text, region_start, region_end):
                finding = _finding(book, rule, match, text, view)
                if finding is not None:
                    found.append(finding)
    return found


@cache
def _rule_prefilter() -> Prefilter:
    return Prefilter([rule.pattern for rule in rule_book().rules])


@dataclass(frozen=True)
class ContextTable:
    """Every required context once, sentence contexts first, and each rule's by position."""

    sentence: tuple[Context, ...]
    heading: tuple[Context, ...]
    by_rule: tuple[tuple[int, ...], ...]
    prefilter: Prefilter


@cache
def _context_table() -> ContextTable:
    rules = rule_book().rules
    contexts = {c: None for r in rules for c in r.requires}
    sentence = tuple(c for c in contexts if c.where == "sentence")
    heading = tuple(c for c in contexts if c.where != "sentence")
    position = {c: i for i, c in enumerate(sentence + heading)}
    return ContextTable(
        sentence=sentence,
        heading=heading,
        by_rule=tuple(tuple(position[c] for c in r.requires) for r in rules),
        prefilter=Prefilter([c.pattern for c in sentence]),
    )


def _context_possible(table: ContextTable, block_text: str, heading: str) -> list[bool]:
    """Which required contexts (by position in ``table``) may hold for a match in this block.

    A sentence context is read in the match's sentences, which lie inside the block, so a
    block without any word the context needs cannot hold it; a heading context is read
    in the heading itself.
    """
    possible = list(table.prefilter.possible(block_text))
    possible.extend(c.pattern.search(heading) is not None for c in table.heading)
    return possible


def findings(doc: AnalyzedDocument) -> list[Finding]:
    """Every rule's proposals in the document that concern the current promise, strongest first.

    An archive section ("Tidigare medborgarlöften", "Arkiv") runs on through the dated
    headings of the older promises it lists ("Medborgarlöfte 2021–2022", "Medborgarlöfte
    2019") and ends at the first heading that is neither.
    """
    book = rule_book()
    found: list[Finding] = []
    dated_headings: list[Finding] = []
    in_archive = False
    for view in _block_views(doc):
        is_heading = view.block.kind == "heading"
        if is_heading and _is_archive_heading(book, doc.block_text(view.block)):
            in_archive = True
            continue
        if not MAY_STATE_DATE.search(doc.text, view.block.start, view.block.end):
            in_archive = in_archive and not is_heading
            continue
        in_block = _findings_in(book, doc.text, view)
        dated = [f for f in in_block if is_heading and f.rule.scope == "title" and f.rule.sets == "period"]
        if is_heading and not dated:
            in_archive = False
        if in_archive:
            continue
        found.extend(in_block)
        dated_headings.extend(dated)
    return sorted(_in_current_promise(found, dated_headings), key=lambda f: f.order)


def _is_archive_heading(book: RuleBook, heading: str) -> bool:
    return book.negative_headings is not None and bool(book.negative_headings.search(heading))


def _in_current_promise(found: list[Finding], dated_headings: list[Finding]) -> list[Finding]:
    """Drop proposals under a heading that dates another period's promise.

    The first heading that dates a promise anchors the page; a later section
    "Medborgarlöfte 2019" below "Medborgarlöfte 2021" is an older promise.
    """
    if not dated_headings:
        return found
    anchor = dated_headings[0]
    kept = []
    for finding in found:
        governing = [h for h in dated_headings if h.start <= finding.start]
        if governing and not _overlaps(governing[-1], anchor):
            continue
        kept.append(finding)
    return kept


def _overlaps(one: Finding, other: Finding) -> bool:
    return one.day("valid_from") <= other.day("valid_to") and other.day("valid_from") <= one.day("valid_to")


# --- choosing the record's dates -----------------------------------------------------------


def _rule_name(finding: Finding, field_name: ValidityField) -> str:
    name = f"validity.{finding.rule.name}"
    value = finding.values.get(field_name)
    if value is not None and value.granularity != "day":
        # Nothing invented: the record says this day was read from a bare year or month.
        name += f".{value.granularity}_inferred"
    return name


class Choice:
    """The record's dates as they are chosen, with their evidence and warnings."""

    def __init__(self) -> None:
        self.dates: dict[ValidityField, date] = {}
        self.evidence: list[Evidence] = []
        self.warnings: list[str] = []

    def take(self, finding: Finding, field_name: ValidityField, day: date | None = None) -> None:
        self.dates[field_name] = day if day is not None else finding.day(field_name)
        span = (finding.start, finding.end)
        self.evidence.append(Evidence(field=field_name, span=span, rule=_rule_name(finding, field_name)))
        stated = finding.values.get(field_name)
        if stated is not None and stated.correction:
            self.warnings.append(f"validity: {stated.correction} ({field_name})")

    def consistent(self, field_name: ValidityField, day: date) -> bool:
        start = day if field_name == "valid_from" else self.dates.get("valid_from")
        end = day if field_name == "valid_to" else self.dates.get("valid_to")
        return start is None or end is None or start <= end

    def signing(self, found: list[Finding]) -> None:
        for finding in found:
            if finding.rule.sets == "signed_on":
                self.take(finding, "signed_on")
                return

    def period(self, found: list[Finding], fill_min_priority: int) -> None:
        """The strongest statement sets its fields; a strong enough one may fill a field it left open."""
        for finding in found:
            if all(f in self.dates for f in PERIOD_FIELDS):
                return
            if any(f in self.dates for f in PERIOD_FIELDS) and finding.rule.priority < fill_min_priority:
                return
            if finding.rule.sets == "from_signing":
                signed = self.dates.get("signed_on")
                if signed and "valid_from" not in self.dates and self.consistent("valid_from", signed):
                    self.take(finding, "valid_from", signed)
                continue
            if finding.rule.sets not in ("period", "valid_from", "valid_to"):
                continue
            open_fields = [f for f in PERIOD_FIELDS if f in finding.values and f not in self.dates]
            if all(self.consistent(f, finding.day(f)) for f in open_fields):
                for field_name in open_fields:
                    self.take(finding, field_name)

    def extension(self, found: list[Finding]) -> None:
        for finding in found:
            if finding.rule.sets != "extended_to":
                continue
            end = self.dates.get("valid_to")
            if end is None or finding.day("extended_to") > end:
                self.take(finding, "extended_to")
                return


def extract(doc: AnalyzedDocument) -> Validity:
    found = findings(doc)
    choice = Choice()
    choice.signing(found)
    choice.period(found, rule_book().fill_open_end_min_priority)
    choice.extension(found)
    doc.warnings.extend(choice.warnings)
    return Validity(
        valid_from=_iso(choice.dates.get("valid_from")),
        valid_to=_iso(choice.dates.get("valid_to")),
        extended_to=_iso(choice.dates.get("extended_to")),
        signed_on=_iso(choice.dates.get("signed_on")),
        evidence=sorted(choice.evidence, key=lambda e: FIELD_ORDER.index(e.field)),
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None

"""Police units that give the promise: "lokalpolisområde Värnamo" -> local_police_area.

Unit mentions come from the Matcher patterns in ``police_units.jsonl`` (type word plus a
capitalised name, slashes and hyphens allowed: "LPO Falun/Borlänge"). A unit is a
party when it is named in a heading, a signature block, or a sentence that says who
gives the promise (cue words in ``police_units.yaml``). "Polisen" alone names no unit,
and "Polismyndigheten" only counts when it signs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import cast

import numpy
from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.analysis import AnalyzedDocument
from extractors.names import HERE, load_rules
from extractors.nlp import doc_text, get_nlp
from extractors.promise import is_promise
from models.record import PoliceLevel, PoliceUnit

PATTERNS = HERE / "police_units.jsonl"
RULES = "police_units.yaml"
SEPARATORS = {"/", "-", "–"}


@dataclass(frozen=True)
class UnitMention:
    """One mention of a police unit: ``text[start:end]`` is the type word plus the name."""

    name: str
    level: PoliceLevel
    start: int
    end: int
    token_start: int
    token_end: int


@cache
def unit_matcher() -> Matcher:
    matcher = Matcher(get_nlp().vocab)
    with PATTERNS.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if "label" not in entry or "pattern" not in entry:
                raise ValueError(f"{PATTERNS}:{number}: needs 'label' and 'pattern'")
            matcher.add(entry["label"], [entry["pattern"]], greedy="LONGEST")
    return matcher


@cache
def trigger_words() -> frozenset[str]:
    """The lower-case words every pattern starts with ("lokalpolisområde", "lpo", …)."""
    words: set[str] = set()
    with PATTERNS.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                first = json.loads(line)["pattern"][0]
                lower = first.get("LOWER")
                if not isinstance(lower, dict) or "IN" not in lower:
                    return frozenset()  # a pattern without a fixed first word: match everywhere
                words.update(word.lower() for word in lower["IN"])
    return frozenset(words)


# Longest unit name the patterns can reach, in tokens ("Lokalpolisområde Falun / Borlänge …").
WINDOW = 16


def _raw_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """Run the Matcher only where a pattern can start.

    Matching every token of every document against the name patterns' regexes was
    the most expensive step of extraction; the patterns all open with a fixed word,
    so windows after those words find exactly the same matches.
    """
    triggers = trigger_words()
    if not triggers:
        return list(unit_matcher()(doc))
    lowered = doc_text(doc).lower()
    if not any(word in lowered for word in triggers):
        return []
    found: set[tuple[int, int, int]] = set()
    matcher = unit_matcher()
    hashes = numpy.array([doc.vocab.strings.add(word) for word in triggers], dtype="uint64")
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), hashes)).tolist():
        window = doc[i : min(i + WINDOW, len(doc))]
        for match_id, start, end in matcher(window):
            found.add((match_id, i + start, i + end))
    return sorted(found, key=lambda m: (m[1], m[2]))


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Cut the name at a stop word and drop separators left dangling at its end."""
    stops = set(load_rules(RULES)["name_stop_words"])
    cut = end
    for i in range(start + 1, end):
        if doc[i].text in stops:
            cut = i
            break
    while cut > start + 1 and doc[cut - 1].text in SEPARATORS:
        cut -= 1
    return cut


def _unit_name(span: Span, level: PoliceLevel) -> str:
    type_word = load_rules(RULES)["canonical_type_word"][level]
    if level == "national":
        return str(type_word)
    name = span[1:].text.replace(" / ", "/").replace(" /", "/").replace("/ ", "/")
    return f"{type_word} {' '.join(name.split())}"


MENTIONS_KEY = "police_units.mentions"


def find_unit_mentions(doc: Doc) -> list[UnitMention]:
    """Every police unit named in ``doc``, in text order (shared with the other extractors).

    Kept in ``doc.user_data`` so the extractors that need it match each document once.
    """
    cached = doc.user_data.get(MENTIONS_KEY)
    if cached is None:
        cached = doc.user_data[MENTIONS_KEY] = _match_units(doc)
    return list(cached)


def _match_units(doc: Doc) -> list[UnitMention]:
    spans = []
    for match_id, start, end in _raw_matches(doc):
        label = doc.vocab.strings[match_id]
        if label != "national":
            end = _name_end(doc, start, end)
        spans.append(Span(doc, start, end, label=label))
    mentions = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        level = cast(PoliceLevel, span.label_)
        mentions.append(
            UnitMention(
                name=_unit_name(span, level),
                level=level,
                start=span.start_char,
                end=span.end_char,
                token_start=span.start,
                token_end=span.end,
            )
        )
    return mentions


def _is_party_sentence(sentence_text: str) -> bool:
    rules = load_rules(RULES)
    prefixes, whole = tuple(rules["party_cue_prefixes"]), set(rules["party_cue_words"])
    words = [w.strip(".,:;!?()”\"'").casefold() for w in sentence_text.split()]
    return any(word in whole or word.startswith(prefixes) for word in words)


def _evidence_rule(doc: AnalyzedDocument, mention: UnitMention) -> str | None:
    """Why this mention shows a party, or None for a mention in passing."""
    block = doc.block_at(mention.start)
    if block is not None and block.kind == "signature":
        return "police_units.signature"
    if block is not None and block.kind == "heading":
        return "police_units.heading"
    if mention.level == "national":
        return None
    for sentence in doc.sentences:
        if sentence.start <= mention.start < sentence.end:
            if _is_party_sentence(sentence.text):
                return "police_units.party_sentence"
            break
    return None


LEVEL_RANK: dict[str, int] = {
    "local_police_area": 0,
    "police_area": 1,
    "police_region": 2,
    "national": 3,
}


def _names_parent(doc: Doc, mentions: list[UnitMention], index: int) -> bool:
    """Whether mention ``index`` only places the unit just before it in the organisation."""
    rules = load_rules(RULES)
    links, limit = set(rules["parent_links"]), int(rules["max_parent_link_tokens"])
    mention = mentions[index]
    for earlier in reversed(mentions[:index]):
        gap = range(earlier.token_end, mention.token_start)
        if len(gap) > limit:
            return False
        if LEVEL_RANK[earlier.level] < LEVEL_RANK[mention.level] and all(doc[i].lower_ in links for i in gap):
            return True
        return False
    return False


def extract(doc: AnalyzedDocument) -> list[PoliceUnit]:
    if not is_promise(doc):
        return []  # an event page with the standard box names the police, promising nothing
    return find_units(doc)


def find_units(doc: AnalyzedDocument) -> list[PoliceUnit]:
    """The police units that give the promise, by the party rules alone."""
    found = find_unit_mentions(doc.doc)
    mentions = [m for i, m in enumerate(found) if not _names_parent(doc.doc, found, i)]
    evidenced = [(m, _evidence_rule(doc, m)) for m in mentions]
    signed = [(m, r) for m, r in evidenced if r == "police_units.signature" and m.level != "national"]
    if signed:
        # The unit that signs is the one that gives the promise.
        chosen = signed
    else:
        chosen = [(m, r) for m, r in evidenced if r is not None]
        if not chosen:
            chosen = [(m, "police_units.mention") for m in mentions if m.level != "national"]
    specific = [m for m, _ in chosen if m.level != "national"]
    if specific:
        chosen = [(m, r) for m, r in chosen if m.level != "national"]
    units: dict[tuple[str, str], PoliceUnit] = {}
    for mention, rule in chosen:
        key = (mention.level, mention.name.casefold())
        if key in units:
            continue
        units[key] = PoliceUnit(
            name=mention.name,
            level=mention.level,
            span=(mention.start, mention.end),
            rule=rule or "police_units.mention",
        )
    return list(units.values())

"""Municipalities that give the promise, with kommunkod and county from the gazetteer.

Name forms are derived by rule from ``data/reference/municipalities.csv`` (base name,
genitive, irregular official forms in ``municipality_forms.yaml``) and matched with a
case-sensitive PhraseMatcher, so "vara" or "mark" in running text never match.
A bare name ("Arboga") only counts in a title or a "kommunerna A, B och C" list;
"X kommun"/"X stad" counts when it names a party: in a heading or signature, next to
the police, or as the owner of the promise. A name inside a police unit's name
("lokalpolisområde Västerås") is the police unit, not a municipality.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.actors import token_strings
from extractors.analysis import AnalyzedDocument
from extractors.names import load_rules
from extractors.nlp import get_nlp
from extractors.police_units import find_unit_mentions
from extractors.promise import is_promise
from models import Block
from models.record import Municipality

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "reference" / "municipalities.csv"
RULES = "municipality_forms.yaml"
MENTIONS_KEY = "municipalities.mentions"
# A link to another promise page is a title-length line: "Älvdalen – medborgarlöften 2027".
LINK_MAX_CHARS = 90


@dataclass(frozen=True)
class GazetteerEntry:
    code: str
    name: str
    county: str


@dataclass(frozen=True)
class MunicipalityMention:
    code: str
    start: int  # characters
    end: int
    token_start: int
    token_end: int
    official: bool  # "X kommun", "X stad", "Region X"; False for a bare name
    block_kind: str | None


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """All municipalities by kommunkod, read once per process."""
    entries: dict[str, GazetteerEntry] = {}
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"].strip()
            if len(code) != 4 or not code.isdigit():
                raise ValueError(f"{GAZETTEER}: bad kommunkod {code!r}")
            entries[code] = GazetteerEntry(code, row["name"].strip(), row["county"].strip())
    return entries


def genitive(name: str) -> str:
    """'Båstad' -> 'Båstads', 'Västerås' -> 'Västerås', 'Arboga' -> 'Arboga'."""
    no_s = tuple(load_rules(RULES)["genitive_no_s_after"])
    return name if name.casefold().endswith(no_s) else name + "s"


def name_forms(name: str) -> dict[str, str]:
    """Every written form of one municipality's name -> 'base' or 'official_only'."""
    rules = load_rules(RULES)
    forms = {name: "base"}
    for form in [genitive(name), name + "s", *rules["irregular_forms"].get(name, [])]:
        forms.setdefault(form, "official_only")
    return forms


@cache
def municipality_names() -> frozenset[str]:
    """Base names of all municipalities (other extractors use it to tell places apart)."""
    return frozenset(entry.name for entry in gazetteer().values())


@cache
def name_matcher() -> PhraseMatcher:
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for entry in gazetteer().values():
        for form, kind in name_forms(entry.name).items():
            matcher.add(f"{entry.code}|{kind}", [nlp.make_doc(form)])
    return matcher


def find_mentions(doc: AnalyzedDocument) -> list[MunicipalityMention]:
    """Municipality mentions outside police unit names, in text order (found once per document)."""
    cached = doc.doc.user_data.get(MENTIONS_KEY)
    if cached is None:
        cached = doc.doc.user_data[MENTIONS_KEY] = _find_mentions(doc)
    return list(cached)


def _find_mentions(doc: AnalyzedDocument) -> list[MunicipalityMention]:
    rules = load_rules(RULES)
    suffixes = set(rules["suffix_words"])
    prefixes: dict[str, set[str]] = {k: set(v) for k, v in rules["prefix_forms"].items()}
    spacy_doc: Doc = doc.doc
    in_unit = set()
    for unit in find_unit_mentions(spacy_doc):
        in_unit.update(range(unit.token_start, unit.token_end))
    mentions = []
    for match_id, start, end in name_matcher()(spacy_doc):
        if any(i in in_unit for i in range(start, end)):
            continue
        code, kind = spacy_doc.vocab.strings[match_id].split("|")
        name = gazetteer()[code].name
        first, last = start, end
        if end < len(spacy_doc) and spacy_doc[end].lower_ in suffixes:
            last = end + 1
        elif start > 0 and spacy_doc[start - 1].text in prefixes.get(name, ()):
            first = start - 1
        elif kind != "base":
            continue
        official = (first, last) != (start, end)
        span = spacy_doc[first:last]
        block = doc.block_at(span.start_char)
        mentions.append(
            MunicipalityMention(
                code=code,
                start=span.start_char,
                end=span.end_char,
                token_start=first,
                token_end=last,
                official=official,
                block_kind=block.kind if block else None,
            )
        )
    mentions.sort(key=lambda m: m.start)
    return _drop_nested(mentions)


def _drop_nested(mentions: list[MunicipalityMention]) -> list[MunicipalityMention]:
    """'Upplands Väsby' also contains no shorter name, but be safe: longest mention wins."""
    kept: list[MunicipalityMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def lower_words(doc: Doc) -> list[str]:
    """The lower-cased token texts, built once per document."""
    # The lists the actor rules build once per document: building them here again doubled the work.
    return token_strings(doc)[1]


def _police_token_indexes(doc: AnalyzedDocument) -> set[int]:
    words = set(load_rules(RULES)["police_words"])
    indexes = {i for i, word in enumerate(lower_words(doc.doc)) if word in words}
    for unit in find_unit_mentions(doc.doc):
        indexes.update(range(unit.token_start, unit.token_end))
    return indexes


def _linked_to_police(
    doc: AnalyzedDocument,
    mention: MunicipalityMention,
    police: set[int],
    co_parties: dict[int, int] | None = None,
) -> bool:
    """The police stand right beside the municipality, joined by 'och', 'samt', 'i samverkan med'.

    Other municipalities may stand between: "Borgholms kommun, Mörbylånga kommun och Polisen".
    ``co_parties`` maps the first token of each official mention to its end.
    """
    rules = load_rules(RULES)
    links, limit = set(rules["party_links"]), int(rules["max_link_tokens"])
    co_parties = co_parties or {}
    tokens = doc.doc
    i = mention.token_end
    steps = 0
    while i < len(tokens) and steps <= limit:
        if i in police:
            return i > mention.token_end
        if i in co_parties:
            i = co_parties[i]
            continue
        if tokens[i].lower_ not in links:
            break
        i += 1
        steps += 1
    i = mention.token_start - 1
    while i >= 0 and mention.token_start - 1 - i <= limit:
        if i in police:
            return True
        if tokens[i].lower_ not in links:
            break
        i -= 1
    return False


def _promise_owner(doc: AnalyzedDocument, mention: MunicipalityMention) -> bool:
    """'Medborgarlöfte i Båstads kommun', 'Medborgarlöftet för Båstad'."""
    rules = load_rules(RULES)
    i = mention.token_start - 1
    if i < 1 or doc.doc[i].lower_ not in rules["promise_links"]:
        return False
    return doc.doc[i - 1].lower_.startswith(rules["promise_words_prefix"])


def _in_title(doc: AnalyzedDocument, mention: MunicipalityMention) -> bool:
    """A heading that names the promise: 'Arboga – medborgarlöften', 'Medborgarlöfte i Båstad'."""
    if mention.block_kind != "heading":
        return False
    block = doc.block_at(mention.start)
    if block is None:
        return False
    prefix = load_rules(RULES)["promise_words_prefix"]
    return prefix in doc.block_text(block).casefold() and not _in_a_list_of_promise_pages(doc, block)


def _in_a_list_of_promise_pages(doc: AnalyzedDocument, block: Block) -> bool:
    """'Mora – medborgarlöften 2027' / 'Älvdalen – medborgarlöften 2027': headings one after
    another that name other municipalities' promises are links to their pages, not a title."""
    prefix = load_rules(RULES)["promise_words_prefix"]
    index = doc.blocks.index(block)
    names = _names_in(doc, block)
    for neighbour in doc.blocks[max(index - 1, 0) : index] + doc.blocks[index + 1 : index + 2]:
        text = doc.block_text(neighbour)
        # the last link of a list may come out as a short paragraph
        if neighbour.kind in ("heading", "paragraph") and len(text) <= LINK_MAX_CHARS \
                and prefix in text.casefold():
            other = _names_in(doc, neighbour)
            if other and names and other != names:
                return True
    return False


def _names_in(doc: AnalyzedDocument, block: Block) -> frozenset[str]:
    return frozenset(m.code for m in find_mentions(doc) if block.start <= m.start < block.end)


def _listed_codes(doc: AnalyzedDocument, mentions: list[MunicipalityMention]) -> dict[str, int]:
    """Codes in 'kommunerna A, B och C' lists -> index of the mention."""
    rules = load_rules(RULES)
    openers, separators = set(rules["list_openers"]), set(rules["list_separators"])
    by_token = {m.token_start: i for i, m in enumerate(mentions)}
    listed: dict[str, int] = {}
    words = lower_words(doc.doc)
    for index, word in enumerate(words):
        if word not in openers:
            continue
        i = index + 1
        while i < len(words):
            if i in by_token:
                mention = mentions[by_token[i]]
                listed.setdefault(mention.code, by_token[i])
                i = mention.token_end
            elif words[i] in separators:
                i += 1
            else:
                break
    return listed


def _own_promise_each(doc: AnalyzedDocument) -> bool:
    """'Varje kommun har sitt eget medborgarlöfte': the area's list names no parties."""
    cues = load_rules(RULES)["own_promise_cues"]
    lowered = doc.text.casefold()
    return any(re.search(cue, lowered) for cue in cues)


def _party_rule(
    doc: AnalyzedDocument,
    mention: MunicipalityMention,
    police: set[int],
    co_parties: dict[int, int],
) -> str | None:
    if _in_title(doc, mention):
        return "municipality.title"
    if _promise_owner(doc, mention):
        return "municipality.promise_owner"
    if not mention.official:
        return None
    if mention.block_kind == "signature":
        return "municipality.signature"
    if mention.block_kind == "heading":
        return "municipality.heading"
    if _linked_to_police(doc, mention, police, co_parties):
        return "municipality.with_police"
    return None


def extract(doc: AnalyzedDocument) -> list[Municipality]:
    if not is_promise(doc):
        return []  # an event page with the standard box names the municipality, promising nothing
    return find_parties(doc)


def find_parties(doc: AnalyzedDocument) -> list[Municipality]:
    """The municipalities that give the promise, by the party rules alone."""
    mentions = find_mentions(doc)
    police = _police_token_indexes(doc)
    co_parties = {m.token_start: m.token_end for m in mentions if m.official}
    evidence: dict[str, tuple[MunicipalityMention, str]] = {}
    for mention in mentions:
        rule = _party_rule(doc, mention, police, co_parties)
        if rule and mention.code not in evidence:
            evidence[mention.code] = (mention, rule)
    listed = {} if _own_promise_each(doc) else _listed_codes(doc, mentions)
    for code, index in listed.items():
        if code not in evidence:
            evidence[code] = (mentions[index], "municipality.listed")
    if not evidence:
        # Nothing says who gives the promise: the municipality the text names most as one.
        counts = Counter(m.code for m in mentions if m.official)
        if counts:
            code = counts.most_common(1)[0][0]
            first = next(m for m in mentions if m.code == code and m.official)
            evidence[code] = (first, "municipality.most_named")
    found = []
    for code, (mention, rule) in sorted(evidence.items(), key=lambda kv: kv[1][0].start):
        entry = gazetteer()[code]
        found.append(
            Municipality(
                name=entry.name,
                code=entry.code,
                county=entry.county,
                span=(mention.start, mention.end),
                rule=rule,
            )
        )
    return found

"""Named places inside the municipality that the promise targets: "Sätra", "Brålanda".

Rules (cues in ``places.yaml``, never a list of place names):
- ``places.preposition``: a capitalised name after "i", "på", "vid" … in a sentence about
  the promise's work ("trygghetsvandringar i Skillingaryd och Vaggeryd", "fokus på Brålanda");
- ``places.area_word``: a name after an area word ("område Sätra", "stadsdelen Gottsunda");
- ``places.name_suffix``: a one-word name ending in an area word ("Sätraområdet", "Sportcentrum");
- ``places.town_centre``: a name before "city", "centrum", "innerstad" ("Västerås city");
- ``places.title_district``: the district in a title ("Stockholm, Norrmalm – medborgarlöften").
A municipality's own name is not a place unless it is listed with other places
("i Skillingaryd och Vaggeryd"); police units and generic "hot spots" never are, nor
adjectives, councils and documents that look like names ("Ansvarsfull", "Rådet",
"Tidplan"), nor a neighbour across a border ("vid gränsen mot Torneå"). A place is
targeted when it stands in a bullet, a focus area or a sentence about the work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors import commitments, focus_areas
from extractors.analysis import AnalyzedDocument, Sentence
from extractors.municipalities import municipality_names
from extractors.names import LOWER, UPPER, alternation, any_of, load_rules
from extractors.police_units import find_unit_mentions
from extractors.prefilter import Prefilter
from models.record import Place

RULES = "places.yaml"
MAX_NAME_WORDS = 3
# Joins a sentence's words for one substring test per cue stem: a stem without it lies inside one word.
WORD_SEPARATOR = "\x00"


@dataclass(frozen=True)
class Candidate:
    name: str
    start: int
    end: int
    rule: str
    listed_with_others: bool
    chain: int | None = None  # where the list it stands in starts ("i A, B och C")


@dataclass(frozen=True)
class Patterns:
    cued_name: re.Pattern[str]
    joined_name: re.Pattern[str]
    suffixed_name: re.Pattern[str]
    town_centre: re.Pattern[str]
    title_district: re.Pattern[str]
    area_word: re.Pattern[str]
    neighbour_cue: re.Pattern[str]
    link_opener: re.Pattern[str]
    past_heading: re.Pattern[str]



@cache
def patterns() -> Patterns:
    rules = load_rules(RULES)
    word = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)*"
    area_nouns = alternation(rules["area_nouns"])
    # Compounds ending in an area noun also finish a name: "Handens pendeltågsstation".
    compounds = rf"[{LOWER}]+(?:{alternation(rules['area_noun_endings'])})"
    name = (
        rf"{word}(?:[ ]{word}){{0,{MAX_NAME_WORDS - 1}}}"
        rf"(?:[ ](?:{area_nouns}|{compounds})(?![\w-]))?"
    )
    cue = alternation(rules["prepositions"] + rules["area_words"])
    joiners = alternation([j for j in rules["joiners"] if j != ","])
    return Patterns(
        cued_name=re.compile(rf"(?<![\w-])(?P<cue>{cue})[ ]+(?P<name>{name})(?![\w-])"),
        joined_name=re.compile(
            rf"[ ]*(?:,[ ]*(?:(?:{joiners})[ ]+)?|(?:{joiners})[ ]+)(?P<name>{name})(?![\w-])"
        ),
        suffixed_name=re.compile(
            rf"(?<![\w-])(?P<name>[{UPPER}][{LOWER}]+-?(?:{alternation(rules['name_suffixes'])}))(?![\w-])"
        ),
        town_centre=re.compile(
            rf"(?<![\w-])(?P<name>{word}[ ](?:{alternation(rules['centre_nouns'])}))(?![\w-])"
        ),
        title_district=re.compile(rules["title_district_regex"]),
        area_word=re.compile(rf"^(?:{alternation(rules['area_words'])})$"),
        neighbour_cue=any_of(rules["neighbour_cues"], re.IGNORECASE),
        link_opener=any_of(rules["link_openers"], re.IGNORECASE),
        past_heading=any_of(rules["past_headings"], re.IGNORECASE),
    )


@cache
def excluded_words() -> frozenset[str]:
    rules = load_rules(RULES)
    return frozenset(rules["not_place_words"]) | frozenset(rules["common_nouns"])


@cache
def document_words() -> frozenset[str]:
    """ "tidplan", "handlingsplanen": documents whose names end like a place ("-plan")."""
    rules = load_rules(RULES)
    return frozenset(stem + word for stem in rules["document_stems"] for word in rules["document_words"])


def _names_no_place(name: str) -> bool:
    """An adjective ("Ansvarsfull"), an organisation ("Rådet") or a document ("Tidplan")."""
    endings = tuple(load_rules(RULES)["not_name_endings"])
    words = name.casefold().split(" ")
    return any(w.endswith(endings) for w in words) or words[-1] in document_words()


def _is_targeted(sentence: Sentence, focus_spans: list[tuple[int, int]]) -> bool:
    if sentence.block.kind == "list_item":
        return True
    if any(start < sentence.end and sentence.start < end for start, end in focus_spans):
        return True  # a focus area names what the promise targets: "Narkotika i Sandvikens centrum"
    if sentence.block.kind == "caption" or patterns().link_opener.match(sentence.text):
        return False  # "Läs mer om … i Norrköping och Motala": a link, not a target
    prefixes, stems = _target_cues()
    words = [w.strip(".,:;!?()”\"'").casefold() for w in sentence.text.split()]
    if any(w.startswith(prefixes) for w in words):
        return True
    if not words or any(WORD_SEPARATOR in stem for stem in stems):
        return any(stem in w for w in words for stem in stems)
    # A stem holds no separator, so one found in the joined words lies inside one word.
    joined = WORD_SEPARATOR.join(words)
    return any(stem in joined for stem in stems)


@cache
def _target_cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rules = load_rules(RULES)
    return tuple(rules["target_cue_prefixes"]), tuple(rules["target_cue_stems"])


@cache
def _name_prefilter() -> Prefilter:
    p = patterns()
    return Prefilter([p.town_centre, p.suffixed_name])


def _clean_name(name: str, text: str, end: int) -> str | None:
    """Drop trailing words that are not part of a place ('Brålanda Polisen' -> 'Brålanda'),
    and a genitive -s before a noun ('vid Torups skola' -> 'Torup') when the text also
    names the place without it."""
    kept = []
    for word in name.split(" "):
        if word in excluded_words():
            break
        kept.append(word)
    if not kept:
        return None
    cleaned = " ".join(kept)
    endings = tuple(load_rules(RULES)["not_place_endings"])
    if cleaned.split(" ")[-1].casefold().endswith(endings):
        return None
    rest = text[end - len(name) + len(cleaned) :]
    if cleaned.endswith("s") and re.match(rf"[ ]+[{LOWER}]", rest):
        bare = cleaned[:-1]
        if re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text):
            return bare
    return cleaned


def _candidates_in(sentence: Sentence) -> Iterator[Candidate]:
    p = patterns()
    text, offset = sentence.text, sentence.start
    for match in p.cued_name.finditer(text):
        if p.neighbour_cue.search(text, max(0, match.start() - 40), match.start("name")):
            continue  # "vid gränsen mot Torneå": a neighbour, not a target
        rule = "places.area_word" if p.area_word.match(match.group("cue")) else "places.preposition"
        chain = [(match.group("name"), match.start("name"))]
        position = match.end()
        while joined := p.joined_name.match(text, position):
            chain.append((joined.group("name"), joined.start("name")))
            position = joined.end()
        for raw, start in chain:
            name = _clean_name(raw, text, start + len(raw))
            if name:
                yield Candidate(
                    name, offset + start, offset + start + len(name), rule, len(chain) > 1,
                    chain=offset + match.start(),
                )
    town_centre_possible, suffixed_name_possible = _name_prefilter().possible(text)
    for match in p.town_centre.finditer(text) if town_centre_possible else ():
        name = match.group("name")
        if name.split(" ")[0] not in excluded_words():
            start = offset + match.start()
            yield Candidate(name, start, start + len(name), "places.town_centre", False)
    for match in p.suffixed_name.finditer(text) if suffixed_name_possible else ():
        if match.start() == 0:  # a capitalised first word is just a sentence opener
            continue
        name = match.group("name")
        if name in excluded_words():
            continue
        yield Candidate(name, offset + match.start(), offset + match.end(), "places.name_suffix", False)


def _title_district(doc: AnalyzedDocument) -> Candidate | None:
    title = next((b for b in doc.blocks if b.kind == "heading"), None)
    if title is None:
        return None
    match = patterns().title_district.match(doc.block_text(title))
    if not match or match.group("municipality").strip() not in municipality_names():
        return None
    start, end = title.start + match.start("place"), title.start + match.end("place")
    return Candidate(doc.text[start:end], start, end, "places.title_district", False)


def place_key(name: str) -> str:
    """'Sätraområdet', 'Sätra-området', 'Sätra området' and 'Sätra' name one place.

    A centre, square or station of a district ("Araby centrum", "Bro station") is a
    place of its own: a promise about the centre says more than one about the district.
    """
    key = name.casefold()
    if key.endswith(" området"):
        key = key[: -len(" området")]
    for suffix in ("-området", "området"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def _is_excluded(candidate: Candidate, unit_ranges: list[tuple[int, int]], chains: set[int]) -> bool:
    first_word = candidate.name.split(" ")[0]
    if candidate.name in excluded_words() or first_word in excluded_words():
        return True
    if _names_no_place(candidate.name):
        return True
    if any(s < candidate.end and candidate.start < e for s, e in unit_ranges):
        return True
    if candidate.name in municipality_names() or candidate.name.rstrip("s") in municipality_names():
        # The municipality is the party, not a target, unless listed with other places.
        return not (candidate.listed_with_others and candidate.start in chains)
    return False


def _blocks_under_past_headings(doc: AnalyzedDocument) -> set[int]:
    """ids of the blocks in sections that report earlier promises ("Det här har vi gjort tidigare")."""
    past_heading = patterns().past_heading
    inside: set[int] = set()
    in_past = False
    for block in doc.blocks:
        if block.kind == "heading":
            in_past = bool(past_heading.search(doc.block_text(block)))
        elif in_past:
            inside.add(id(block))
    return inside


def extract(doc: AnalyzedDocument) -> list[Place]:
    unit_ranges = [(u.start, u.end) for u in find_unit_mentions(doc.doc)]
    candidates: list[Candidate] = []
    district = _title_district(doc)
    if district:
        candidates.append(district)
    focus_spans = [area.span for area in focus_areas.extract(doc)]
    past_sections = _blocks_under_past_headings(doc)
    for sentence in doc.sentences:
        if id(sentence.block) in past_sections or not _is_targeted(sentence, focus_spans):
            continue
        found = list(_candidates_in(sentence))
        # The tense test only where there are names to drop: most sentences name none.
        if found and not commitments.reports_past_work(doc, sentence.start, sentence.end):
            candidates.extend(found)
    # A municipality name counts only in a list that also holds a real place.
    # A municipality's name counts only in a list that also holds a real place: "i
    # Skillingaryd och Vaggeryd", not "i Norrköping och Motala".
    lists_with_places = {
        c.chain for c in candidates if c.listed_with_others and c.name not in municipality_names()
    }
    chains = {c.start for c in candidates if c.listed_with_others and c.chain in lists_with_places}
    found: dict[str, Place] = {}
    for candidate in sorted(candidates, key=lambda c: c.start):
        if _is_excluded(candidate, unit_ranges, chains):
            continue
        key = place_key(candidate.name)
        if key.endswith("s") and key[:-1] in found:  # "Kroppkärrs centrum" after "Kroppkärr"
            continue
        if key not in found:
            found[key] = Place(
                name=candidate.name, span=(candidate.start, candidate.end), rule=candidate.rule
            )
    return list(found.values())

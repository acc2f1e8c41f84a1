"""Who does the work in a sentence: the police, the municipality, both, or "vi".

Reads ``actors.yaml`` (party words, prepositions, partner markers) and
``data/reference/municipalities.csv`` (names before "stad"/"kommun"). A sentence's
actor is its subject when the subject names a party, else the agent of a passive
("genomföras av polis och kommunen"), else both parties named with a joint adverb.
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span

from models.rules import read_rules

HERE = Path(__file__).parent
MUNICIPALITIES_CSV = HERE.parent / "data" / "reference" / "municipalities.csv"

Party = Literal["police", "municipality", "joint", "we"]
MAX_NAME_TOKENS = 4
TOKEN_STRINGS_KEY = "actors.token_strings"
PARTY_WORD_INDICES_KEY = "actors.party_word_indices"
# Distinct words whose verdict is remembered across documents before starting afresh.
MAX_CACHED_VERDICTS = 200_000
# How far after "kommer"/"ska" an inverted subject may stand ("kommer Polisen i … att").
PARTNER_WINDOW = 4


@dataclass(frozen=True)
class Vocabulary:
    police_words: frozenset[str]
    police_prefixes: tuple[str, ...]
    municipality_words: frozenset[str]
    municipality_suffixes: tuple[str, ...]
    municipality_after_name: frozenset[str]
    municipality_names: frozenset[str]
    region_word: str
    joint_words: frozenset[str]
    we_words: frozenset[str]
    prepositions: frozenset[str]
    agent_preposition: str
    coordinators: frozenset[str]
    partner_markers: tuple[tuple[str, ...], ...]
    joint_adverbs: frozenset[str]
    other_police_qualifiers: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    data = read_rules(HERE / "actors.yaml")
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        names = frozenset(row["name"].casefold() for row in csv.DictReader(handle))
    return Vocabulary(
        police_words=frozenset(data["police_words"]),
        police_prefixes=tuple(data["police_prefixes"]),
        municipality_words=frozenset(data["municipality_words"]),
        municipality_suffixes=tuple(data["municipality_suffixes"]),
        municipality_after_name=frozenset(data["municipality_after_name"]),
        municipality_names=names,
        region_word=data["region_word"],
        joint_words=frozenset(data["joint_words"]),
        we_words=frozenset(data["we_words"]),
        prepositions=frozenset(data["prepositions"]),
        agent_preposition=data["agent_preposition"],
        coordinators=frozenset(data["coordinators"]),
        partner_markers=tuple(tuple(marker) for marker in data["partner_markers"]),
        joint_adverbs=frozenset(data["joint_adverbs"]),
        other_police_qualifiers=frozenset(data["other_police_qualifiers"]),
    )


@dataclass(frozen=True)
class Mention:
    """Tokens ``doc[start:end]`` name a party."""

    start: int
    end: int
    party: Party


@dataclass(frozen=True)
class Subject:
    """The party (or parties, when coordinated) doing the work, and where it stands."""

    start: int
    end: int
    parties: frozenset[Party]
    via: Literal["subject", "agent", "joint_adverb"]

    @property
    def actor(self) -> Party:
        return combine(self.parties)


def combine(parties: frozenset[Party] | set[Party]) -> Party:
    if "joint" in parties or {"police", "municipality"} <= parties:
        return "joint"
    if "we" in parties:
        return "we"
    if "police" in parties:
        return "police"
    return "municipality"


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """(texts, lower-cased texts) of every token, built once per document.

    Reading ``doc[i].text`` creates a Token object each time; the mention scan runs
    over every sentence, so it reads these lists instead.
    """
    cached = doc.user_data.get(TOKEN_STRINGS_KEY)
    if cached is None:
        strings = doc.vocab.strings
        columns = doc.to_array([ORTH, LOWER]).tolist()
        cached = ([strings[o] for o, _ in columns], [strings[lo] for _, lo in columns])
        doc.user_data[TOKEN_STRINGS_KEY] = cached
    return cached


def _is_name(token_text: str) -> bool:
    return token_text[:1].isupper() and any(ch.isalpha() for ch in token_text)


def _municipality_name(words: list[str], vocab: Vocabulary) -> bool:
    name = " ".join(words).casefold()
    candidates = {name, name[:-1] if name.endswith("s") else name}
    return bool(candidates & vocab.municipality_names)


def _name_before(doc: Doc, index: int, floor: int) -> int:
    """Start of the capitalised name right before ``doc[index]`` ("Upplands Väsby kommun")."""
    texts = token_strings(doc)[0]
    start = index
    while start - 1 >= floor and index - (start - 1) <= MAX_NAME_TOKENS and _is_name(texts[start - 1]):
        start -= 1
    return start


def _name_after(doc: Doc, index: int, ceiling: int) -> int:
    texts = token_strings(doc)[0]
    end = index + 1
    while end < ceiling and end - index <= MAX_NAME_TOKENS and _is_name(texts[end]):
        end += 1
    return end


def _municipality_mention(doc: Doc, i: int, start: int, lower: str, vocab: Vocabulary) -> Mention | None:
    if lower in vocab.municipality_after_name:
        first = _name_before(doc, i, start)
        if first < i:
            if _municipality_name(token_strings(doc)[0][first:i], vocab) or lower.startswith("kommun"):
                return Mention(first, i + 1, "municipality")
        if lower.startswith("stad"):
            return None  # "en stad där …" is a city, not the party
    if lower in vocab.municipality_words or lower.endswith(vocab.municipality_suffixes):
        return Mention(i, i + 1, "municipality")
    return None


def _may_name_party(lower: str, vocab: Vocabulary) -> bool:
    """Whether a token could start a mention at all; most tokens cannot."""
    return (
        lower in vocab.police_words
        or lower.startswith(vocab.police_prefixes)
        or lower == vocab.region_word
        or lower in vocab.joint_words
        or lower in vocab.we_words
        or lower in vocab.municipality_after_name
        or lower in vocab.municipality_words
        or lower.endswith(vocab.municipality_suffixes)
    )


def _party_word_indices(doc: Doc) -> list[int]:
    """Indices of the tokens that may start a mention, found once per document.

    The mention scan runs over every sentence, bullet and heading, many of them
    overlapping; it jumps between these tokens instead of testing every token again.
    """
    cached = doc.user_data.get(PARTY_WORD_INDICES_KEY)
    if cached is None:
        vocab = vocabulary()
        verdicts = _PARTY_WORD_VERDICTS
        if len(verdicts) > MAX_CACHED_VERDICTS:
            verdicts.clear()
        cached = []
        for index, lower in enumerate(token_strings(doc)[1]):
            verdict = verdicts.get(lower)
            if verdict is None:
                verdict = verdicts[lower] = _may_name_party(lower, vocab)
            if verdict:
                cached.append(index)
        doc.user_data[PARTY_WORD_INDICES_KEY] = cached
    return cached


# Whether a lower-cased word may start a mention, kept across documents (the vocabulary
# is read once per process, and documents share most of their words).
_PARTY_WORD_VERDICTS: dict[str, bool] = {}


def find_mentions(span: Span) -> list[Mention]:
    """Every party named in ``span``, left to right, without overlaps."""
    vocab = vocabulary()
    doc = span.doc
    texts, lowers = token_strings(doc)
    span_start, span_end = span.start, span.end
    candidates = _party_word_indices(doc)
    found: list[Mention] = []
    k = bisect_left(candidates, span_start)
    i = span_start
    while k < len(candidates):
        candidate = candidates[k]
        k += 1
        if candidate >= span_end:
            break
        if candidate < i:
            continue  # inside the previous mention
        i = candidate
        lower = lowers[i]
        mention: Mention | None = None
        if lower in vocab.police_words:
            if i > span_start and lowers[i - 1] in vocab.other_police_qualifiers:
                continue  # "finska polisen", "tullen och gränspolisen": not the promise's police
            end = _name_after(doc, i, span_end) if lower == "lpo" else i + 1
            mention = Mention(i, end, "police")
        elif lower.startswith(vocab.police_prefixes):
            mention = Mention(i, _name_after(doc, i, span_end), "police")
        elif lower == vocab.region_word and i + 1 < span_end and _municipality_name([texts[i + 1]], vocab):
            mention = Mention(i, i + 2, "municipality")
        elif lower in vocab.joint_words:
            mention = Mention(i, i + 1, "joint")
        elif lower in vocab.we_words:
            mention = Mention(i, i + 1, "we")
        else:
            mention = _municipality_mention(doc, i, span_start, lower, vocab)
        if mention is not None:
            if found and mention.start < found[-1].end:
                mention = Mention(found[-1].end, mention.end, mention.party)
            if mention.start < mention.end:
                found.append(mention)
            i = mention.end
    return found


def _governing_word(doc: Doc, mention: Mention, floor: int) -> str | None:
    index = mention.start - 1
    return token_strings(doc)[1][index] if index >= floor else None


def _coordinated(doc: Doc, mentions: list[Mention], first: int) -> tuple[int, set[Party]]:
    """Extend a subject over "X och Y" / "X, Y samt Z": returns (end, parties)."""
    vocab = vocabulary()
    head = mentions[first]
    parties: set[Party] = {head.party}
    end = head.end
    for mention in mentions[first + 1 :]:
        between = token_strings(doc)[1][end : mention.start]
        if not between or not all(word in vocab.coordinators for word in between):
            break
        parties.add(mention.party)
        end = mention.end
    return end, parties


def find_subject(span: Span, mentions: list[Mention] | None = None) -> Subject | None:
    """The party that does the work in ``span``, if the sentence names one."""
    vocab = vocabulary()
    doc = span.doc
    mentions = find_mentions(span) if mentions is None else mentions
    skip_until = -1
    for index, mention in enumerate(mentions):
        if mention.start < skip_until:
            continue  # coordinated with a party governed by a preposition: "genom kommunens och polisens …"
        end, parties = _coordinated(doc, mentions, index)
        if _governing_word(doc, mention, span.start) in vocab.prepositions:
            skip_until = end
            continue
        return Subject(mention.start, end, frozenset(parties), "subject")
    for index, mention in enumerate(mentions):
        governing = _governing_word(doc, mention, span.start)
        if governing == vocab.agent_preposition and _after_passive(doc, mention):
            end, parties = _coordinated(doc, mentions, index)
            return Subject(mention.start, end, frozenset(parties), "agent")
    named = {m.party for m in mentions}
    if {"police", "municipality"} <= named and any(
        word in vocab.joint_adverbs for word in token_strings(span.doc)[1][span.start : span.end]
    ):
        return Subject(mentions[0].start, mentions[-1].end, frozenset({"joint"}), "joint_adverb")
    return None


def _after_passive(doc: Doc, mention: Mention) -> bool:
    # "genomföras gemensamt av polis": a passive verb (-s) shortly before the agent.
    lowers = token_strings(doc)[1]
    before = lowers[max(mention.start - 4, 0) : mention.start - 1]
    return any(word.endswith(("as", "es", "ts", "ds")) for word in before)


def partner_joins(span: Span, mentions: list[Mention], party: Party) -> bool:
    """True when ``party`` does the work "i samverkan med" / "tillsammans med" the other party."""
    if party not in ("police", "municipality"):
        return False
    vocab = vocabulary()
    words = token_strings(span.doc)[1][span.start : span.end]
    for marker in vocab.partner_markers:
        if marker[0] not in words:
            continue  # most sentences name no partner: one scan says so
        size = len(marker)
        for offset in range(len(words) - size + 1):
            if words[offset] != marker[0] or tuple(words[offset : offset + size]) != marker:
                continue
            after = span.start + offset + size
            for mention in mentions:
                if after <= mention.start < after + PARTNER_WINDOW and mention.party not in (party, "we"):
                    return True
    return False


def together_we(span: Span) -> bool:
    """ "Tillsammans ska vi …", "Vi åtar oss gemensamt att": "vi" is both parties.

    "tillsammans med föreningarna" names a partner instead, so "med" after the adverb
    does not count."""
    vocab = vocabulary()
    lowers = token_strings(span.doc)[1]
    end = span.end
    for i in range(span.start, end):
        if lowers[i] not in vocab.joint_adverbs:
            continue
        following = lowers[i + 1] if i + 1 < end else ""
        if following != "med":
            return True
    return False

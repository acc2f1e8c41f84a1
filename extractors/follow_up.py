"""Follow-up: how often the promise is followed up, as a cadence of SCHEMA.md.

Cadence phrasings live in ``cadences.csv`` and follow-up cues in ``follow_up.yaml``.
A phrase counts only in follow-up context (a sentence about following up, evaluating,
revising or reporting; a sentence that reviews the work, "går igenom läget", "stämmer av";
or a short reporting sentence under an "Uppföljning" / "Så följer vi upp" heading), so
"kommer kontinuerligt att värderas" in background prose is no cadence. Cadences may be
compound nouns: "vid varje kvartalsmöte", "i samband med tertialbokslut".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, get_args

from extractors.analysis import AnalyzedDocument, Sentence
from extractors.names import any_of
from extractors.prefilter import search as prefiltered_search
from models import FollowUp
from models.record import Cadence
from models.rules import read_rules

HERE = Path(__file__).parent
CADENCES_PATH = HERE / "cadences.csv"
CUES_PATH = HERE / "follow_up.yaml"
FLAGS = re.IGNORECASE

# A cue and a cadence phrase further apart than this in one sentence are about different things.
MAX_CUE_DISTANCE = 120


@dataclass(frozen=True)
class CadencePhrase:
    name: str
    cadence: Cadence


@dataclass(frozen=True)
class Vocabulary:
    # One alternation of every cadence phrase; the named group that matched says which row.
    cadences: re.Pattern[str]
    phrases: dict[str, CadencePhrase]
    sentence_cues: re.Pattern[str]
    review_cues: re.Pattern[str]
    heading_cues: re.Pattern[str]
    heading_sentence_cues: re.Pattern[str]
    other_subjects: re.Pattern[str]
    promise_subjects: re.Pattern[str]


@dataclass(frozen=True)
class Statement:
    cadence: Cadence
    start: int
    end: int
    rule: str


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return any_of(patterns, FLAGS)


@cache
def vocabulary() -> Vocabulary:
    allowed = set(get_args(Cadence))
    phrases: dict[str, CadencePhrase] = {}
    alternatives = []
    with CADENCES_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["cadence"] not in allowed:
                raise ValueError(
                    f"{CADENCES_PATH.name}: row {row['name']} has unknown cadence {row['cadence']!r}"
                )
            group = f"c{len(phrases)}"
            phrases[group] = CadencePhrase(row["name"], row["cadence"])  # type: ignore[arg-type]
            alternatives.append(rf"(?P<{group}>{row['pattern']})")
    cues: dict[str, Any] = read_rules(CUES_PATH)
    return Vocabulary(
        cadences=re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", FLAGS),
        phrases=phrases,
        sentence_cues=_any_of(cues["sentence_cues"]),
        review_cues=_any_of(cues["review_cues"]),
        heading_cues=_any_of(cues["heading_cues"]),
        heading_sentence_cues=_any_of(cues["heading_sentence_cues"]),
        other_subjects=_any_of(cues["other_subjects"]),
        promise_subjects=_any_of(cues["promise_subjects"]),
    )


def _in_sentence(
    sentence: Sentence, text: str, words: Vocabulary, cue_pattern: re.Pattern[str], suffix: str = ""
) -> Statement | None:
    """The cadence phrase nearest a follow-up cue in the sentence, spanning both."""
    cues = [(m.start(), m.end()) for m in cue_pattern.finditer(text, sentence.start, sentence.end)]
    if not cues:
        return None
    best: tuple[int, Statement] | None = None
    for match in words.cadences.finditer(text, sentence.start, sentence.end):
        phrase = words.phrases[match.lastgroup or ""]
        for cue_start, cue_end in cues:
            distance = max(cue_start - match.end(), match.start() - cue_end, 0)
            if distance > MAX_CUE_DISTANCE:
                continue
            statement = Statement(
                phrase.cadence,
                min(cue_start, match.start()),
                max(cue_end, match.end()),
                f"follow_up.{phrase.name}{suffix}",
            )
            if best is None or distance < best[0]:
                best = (distance, statement)
    return best[1] if best else None


def _under_heading(
    doc: AnalyzedDocument, sentence: Sentence, previous: Sentence | None, words: Vocabulary
) -> Statement | None:
    """A reporting sentence below an "Uppföljning" heading ("Sker två gånger per år."), or
    right after a sentence about the follow-up ("Löftet följs upp i Brå. Det sker halvårsvis.")."""
    heading = doc.heading_above(sentence.block)
    under_heading = heading is not None and bool(words.heading_cues.search(doc.block_text(heading)))
    after_cue = (
        previous is not None
        and previous.block is sentence.block
        and bool(words.sentence_cues.search(previous.text))
    )
    if not (under_heading or after_cue):
        return None
    if not words.heading_sentence_cues.search(sentence.text):
        return None
    match = words.cadences.search(doc.text, sentence.start, sentence.end)
    if match is None:
        return None
    phrase = words.phrases[match.lastgroup or ""]
    context = "under_heading" if under_heading else "after_follow_up_sentence"
    return Statement(phrase.cadence, match.start(), match.end(), f"follow_up.{phrase.name}.{context}")


def _about_another_document(sentence: str, words: Vocabulary) -> bool:
    return bool(words.other_subjects.search(sentence)) and not words.promise_subjects.search(sentence)


def statements(doc: AnalyzedDocument) -> list[Statement]:
    """Every follow-up cadence the document states, strongest evidence first, then in text order.

    Follow-up cues in the sentence come first, then reviewing and reporting verbs, then a
    short reporting sentence under a follow-up heading.
    """
    words = vocabulary()
    stated: list[Statement] = []
    reviewed: list[Statement] = []
    fallback: list[Statement] = []
    previous: Sentence | None = None
    for sentence in doc.sentences:
        before, previous = previous, sentence
        if sentence.block.kind in ("signature", "caption") or not prefiltered_search(
            words.cadences, sentence.text
        ):
            continue
        if _about_another_document(sentence.text, words):
            continue
        found = _in_sentence(sentence, doc.text, words, words.sentence_cues)
        if found is not None:
            stated.append(found)
            continue
        found = _in_sentence(sentence, doc.text, words, words.review_cues, ".review")
        if found is not None:
            reviewed.append(found)
            continue
        found = _under_heading(doc, sentence, before, words)
        if found is not None:
            fallback.append(found)
    return stated + reviewed + fallback


def extract(doc: AnalyzedDocument) -> FollowUp:
    found = statements(doc)
    if not found:
        return FollowUp()
    first = found[0]
    return FollowUp(cadence=first.cadence, span=(first.start, first.end), rule=first.rule)

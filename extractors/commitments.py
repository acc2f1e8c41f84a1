"""Commitments: what a party of the promise will do, one per sentence or bullet.

Cue classes live in ``commitments.yaml`` (future/intent cues, lead-ins, heading
classes, negative contexts, actor suffixes) and the party words in ``actors.yaml``.

How a unit becomes a commitment:

- a bullet under a lead-in that promises ("Detta gör vi genom att:", "Polisen
  lovar:") or under a heading that promises ("Polisens åtaganden") is one, with
  the lead-in's (or heading's) actor unless the bullet names its own;
- a bullet with no lead-in is one when it reads as an action ("Genomföra …",
  "Fortsatt kartläggning …") or carries a future cue;
- a sentence is one when a party (or "vi") is the subject of a future cue
  ("Polisen ska …", "Under 2021 kommer Polisen … att …"), or the agent of a future
  passive ("… kommer att genomföras gemensamt av polis och kommunen");
- never under background, purpose, goal, focus-area or follow-up headings or
  lead-ins, and never a sentence of past work, statistics, goals, the method in
  general, follow-up, contact details, a quote, or what the police area covers
  ("Lokalpolisområde Mora omfattar även Orsa", "detta medborgarlöfte avser Orsa kommun");
- a row of an activity table written as lines ("Aktivitet – Ansvar – Tidplan", then
  "Nykterhetskontroller … – Polisen – vecka 8") is one, its actor from the
  responsibility column;
- under a focus heading or lead-in (``focus_cues``) only a bullet that reads as a
  promise ("Polisen ska …") is one: the rest are focus areas;
- a bullet's own subject overrides its lead-in's actor only when it opens the bullet
  or governs a cue ("… tillsammans med finska polisen" is no party's mention);
- a bullet whose sentences name different parties becomes one commitment each;
- the same statement twice (a preamble repeating the body) is kept once, first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

from spacy.tokens import Span

from extractors.actors import (
    Party,
    combine,
    find_mentions,
    find_subject,
    partner_joins,
    together_we,
    token_strings,
)
from extractors.analysis import AnalyzedDocument, Sentence
from extractors.focus_cues import is_focus_heading, is_focus_lead_in
from extractors.prefilter import Prefilter
from models import Block, Commitment
from models.record import Actor
from models.rules import read_rules

HERE = Path(__file__).parent

# "focus": a section or list of focus areas; only an item that reads as a promise
# ("Polisen ska …") is a commitment there.
Context = Literal["commitment", "negative", "neutral", "focus"]
# A numbered "heading" this long that promises is a list item the cleaner took for a heading.
MIN_HEADING_SENTENCE_WORDS = 6


# --- rule data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRules:
    cell_separator: re.Pattern[str]
    activity_column: re.Pattern[str]
    responsibility_column: re.Pattern[str]
    max_header_cell_words: int
    min_activity_words: int


@dataclass(frozen=True)
class Rules:
    future_cues: tuple[tuple[str, ...], ...]
    auxiliaries_without_att: frozenset[str]
    infinitive_endings: tuple[str, ...]
    infinitive_window: int
    att_window: int
    subordinators: frozenset[str]
    inverted_window: int
    state_verbs: frozenset[str]
    past_tense: tuple[re.Pattern[str], ...]
    always_negative: tuple[tuple[str, re.Pattern[str]], ...]
    quote_opening: re.Pattern[str]
    lead_in_negative: tuple[re.Pattern[str], ...]
    lead_in_commitment: tuple[re.Pattern[str], ...]
    heading_negative: tuple[re.Pattern[str], ...]
    heading_neutral: tuple[re.Pattern[str], ...]
    heading_commitment: tuple[re.Pattern[str], ...]
    heading_party_only: re.Pattern[str]
    actor_suffixes: tuple[re.Pattern[str], ...]
    responsibility_line: re.Pattern[str]
    owned_line_max_words: int
    owned_line_not_about: re.Pattern[str]
    measure_list: re.Pattern[str]
    activity_label: re.Pattern[str]
    actor_label: re.Pattern[str]
    actor_label_parties: dict[str, Party]
    action_min_words: int
    action_articles: frozenset[str]
    action_suffixes: tuple[str, ...]
    action_words: frozenset[str]
    action_stopwords: frozenset[str]
    duplicate: dict
    table: TableRules


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def rules() -> Rules:
    data = read_rules(HERE / "commitments.yaml")
    negatives = data["negative_patterns"]
    action = data["action_bullet"]
    return Rules(
        future_cues=tuple(tuple(cue) for cue in data["future_cues"]),
        auxiliaries_without_att=frozenset(data["future_auxiliaries_without_att"]),
        infinitive_endings=tuple(data["infinitive_endings"]),
        infinitive_window=int(data["infinitive_window"]),
        att_window=int(data["att_window"]),
        subordinators=frozenset(data["subordinators"]),
        inverted_window=int(data["inverted_subject_window"]),
        state_verbs=frozenset(data["state_verbs"]),
        past_tense=_compile(negatives["past_tense"]),
        always_negative=tuple(
            (name, pattern)
            for name, patterns in negatives.items()
            if name != "past_tense"
            for pattern in _compile(patterns)
        ),
        quote_opening=re.compile(data["quote_opening"]),
        lead_in_negative=_compile(data["lead_in"]["negative"]),
        lead_in_commitment=_compile(data["lead_in"]["commitment"]),
        heading_negative=_compile(data["headings"]["negative"]),
        heading_neutral=_compile(data["headings"]["neutral"]),
        heading_commitment=_compile(data["headings"]["commitment"]),
        heading_party_only=re.compile(data["headings"]["party_only"], re.IGNORECASE),
        actor_suffixes=_compile(data["actor_suffixes"]),
        responsibility_line=re.compile(data["responsibility_line"], re.IGNORECASE),
        owned_line_max_words=int(data["owned_line"]["max_words"]),
        owned_line_not_about=re.compile(data["owned_line"]["not_about"], re.IGNORECASE),
        measure_list=re.compile(data["measure_list"], re.IGNORECASE),
        activity_label=re.compile(data["activity_label"], re.IGNORECASE),
        actor_label=re.compile(data["actor_labels"]["pattern"], re.IGNORECASE),
        actor_label_parties=dict(data["actor_labels"]["parties"]),
        action_min_words=int(action["min_words"]),
        action_articles=frozenset(action["articles"]),
        action_suffixes=tuple(action["start_suffixes"]),
        action_words=frozenset(action["start_words"]),
        action_stopwords=frozenset(action["start_stopwords"]),
        duplicate=data["duplicate"],
        table=_table_rules(data["table"]),
    )


def _table_rules(data: dict) -> TableRules:
    def column(names: list[str]) -> re.Pattern[str]:
        return re.compile("^(?:" + "|".join(names) + r")\s*:?$", re.IGNORECASE)

    return TableRules(
        cell_separator=re.compile(data["cell_separator"]),
        activity_column=column(data["activity_columns"]),
        responsibility_column=column(data["responsibility_columns"]),
        max_header_cell_words=int(data["max_header_cell_words"]),
        min_activity_words=int(data["min_activity_words"]),
    )


# --- cues ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    start: int  # token index in the doc
    end: int


def find_cues(span: Span) -> list[Cue]:
    """Future/intent cues in ``span`` ("ska", "kommer att", "har för avsikt att" …)."""
    r = rules()
    words = token_strings(span.doc)[1][span.start : span.end]
    cues_by_first_word = _cues_by_first_word()
    found: list[Cue] = []
    for offset, word in enumerate(words):
        if word not in cues_by_first_word:
            continue
        for cue in cues_by_first_word[word]:
            if tuple(words[offset : offset + len(cue)]) == cue:
                found.append(Cue(span.start + offset, span.start + offset + len(cue)))
                break
        else:
            if word in r.auxiliaries_without_att and _infinitive_follows(words, offset):
                found.append(Cue(span.start + offset, span.start + offset + 1))
    return found


@cache
def _cues_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cues each word may open, in rule-file order; auxiliaries map to their cues or none."""
    r = rules()
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for word in {cue[0] for cue in r.future_cues} | r.auxiliaries_without_att:
        by_first[word] = tuple(cue for cue in r.future_cues if cue[0] == word)
    return by_first


def _infinitive_follows(words: list[str], offset: int) -> bool:
    r = rules()
    window = words[offset + 1 : offset + 1 + r.infinitive_window]
    ahead = words[offset + 1 : offset + 1 + r.att_window]
    if "att" in ahead[: ahead.index(".")] if "." in ahead else "att" in ahead:
        return True
    return any(w.isalpha() and len(w) > 2 and w.endswith(r.infinitive_endings) for w in window)


def _clean_between(span: Span, start: int, end: int) -> bool:
    """No subordinating word between two token positions."""
    subordinators = rules().subordinators
    return not any(word in subordinators for word in token_strings(span.doc)[1][start:end])


def _purpose_clause_subject(span: Span, subject_start: int) -> bool:
    # "… för att kommunen ska vara …": the party is the subject of a purpose clause.
    before = token_strings(span.doc)[1][max(span.start, subject_start - 2) : subject_start]
    return before[-2:] in (["för", "att"], ["så", "att"]) or before[-1:] == ["som"]


# --- a sentence or bullet as a unit of meaning --------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What the rules see in one stretch of text."""

    actor: Party | None
    actor_rule: str | None
    governed_cue: bool  # a party (or "vi") is the subject/agent of a future cue
    any_cue: bool
    present_action: bool  # a party subject followed by a present-tense action verb
    subject_offset: int | None = None  # tokens before the subject in the span


# A bullet's own subject must open it ("Polisen genomför …", "Både polis och kommun …") to
# override its lead-in's actor: "genomföra kontroller tillsammans med finska polisen" is
# still done by whoever the lead-in names.
MAX_OPENING_SUBJECT_OFFSET = 1


def read(span: Span) -> Reading:
    mentions = find_mentions(span)
    subject = find_subject(span, mentions)
    cues = find_cues(span)
    governed = False
    present_action = False
    actor: Party | None = None
    actor_rule: str | None = None
    subject_offset: int | None = None
    if subject is not None:
        actor = subject.actor
        actor_rule = f"actor.{subject.via}"
        subject_offset = subject.start - span.start
        if partner_joins(span, mentions, actor):
            actor, actor_rule = "joint", "actor.partner"
        elif actor == "we" and together_we(span):
            actor, actor_rule = "joint", "actor.together_we"
        governed = any(_governs(span, subject.start, subject.end, subject.via, cue) for cue in cues)
        if subject.via == "subject" and not _purpose_clause_subject(span, subject.start):
            present_action = _present_action_after(span, subject.end)
    return Reading(actor, actor_rule, governed, bool(cues), present_action, subject_offset)


def _names_its_own_actor(reading: Reading) -> bool:
    if reading.governed_cue or reading.present_action:
        return True
    return reading.subject_offset is not None and reading.subject_offset <= MAX_OPENING_SUBJECT_OFFSET


def _governs(span: Span, start: int, end: int, via: str, cue: Cue) -> bool:
    r = rules()
    if via == "agent":
        return cue.end <= start and _clean_between(span, span.start, cue.start)
    if via == "joint_adverb":
        return _clean_between(span, span.start, cue.start)
    if _purpose_clause_subject(span, start):
        return False
    if cue.start >= end:
        return _clean_between(span, end, cue.start)
    # Inverted word order: "Under 2021 kommer Polisen i … att planera".
    return 0 <= start - cue.end <= r.inverted_window and _clean_between(span, span.start, cue.start)


def _present_action_after(span: Span, subject_end: int) -> bool:
    r = rules()
    texts, lowers = token_strings(span.doc)
    for index in range(subject_end, min(subject_end + 3, span.end)):
        word = lowers[index]
        if word in r.state_verbs or word in r.subordinators:
            return False
        if (
            texts[index].isalpha()
            and len(word) > 3
            and word.endswith("r")
            and not word.endswith(("are", "arna"))
        ):
            return True
    return False


@cache
def _negative_prefilter() -> Prefilter:
    r = rules()
    return Prefilter([p for _, p in r.always_negative] + list(r.past_tense))


def negative_reason(text: str, *, allow_past: bool, allow_statistics: bool = False) -> str | None:
    r = rules()
    possible = _negative_prefilter().possible(text)
    for (name, pattern), may_match in zip(r.always_negative, possible, strict=False):
        if allow_statistics and name == "statistics":
            continue
        if may_match and pattern.search(text):
            return name
    if not allow_past and in_past_tense(text, possible[len(r.always_negative) :]):
        return "past_tense"
    return None


@cache
def _past_tense_prefilter() -> Prefilter:
    return Prefilter(list(rules().past_tense))


def in_past_tense(text: str, possible: Sequence[bool] | None = None) -> bool:
    """A past-tense cue in ``text``; ``possible``: the prefilter's verdicts, when already known."""
    if possible is None:
        possible = _past_tense_prefilter().possible(text)
    past_tense = rules().past_tense
    return any(may_match and p.search(text) for p, may_match in zip(past_tense, possible, strict=True))


def reports_past_work(doc: AnalyzedDocument, start: int, end: int) -> bool:
    """``text[start:end]`` told in the past tense with no future cue: "Under 2024 genomfördes tre
    trygghetsvandringar i Borghamn" reports an earlier promise's work, not this one's."""
    if not in_past_tense(doc.text[start:end]):
        return False  # the cheap test first: most sentences have no past tense
    span = doc.span(start, end)
    return span is not None and not find_cues(span)


def is_quote(text: str) -> bool:
    r = rules()
    return bool(r.quote_opening.match(text)) and any(
        name == "quote" and p.search(text) for name, p in r.always_negative
    )


def reads_as_action(text: str) -> bool:
    r = rules()
    words = re.findall(r"[\wåäöÅÄÖé-]+", text.lower())
    if len(words) < r.action_min_words:
        return False
    first = words[1] if words[0] in r.action_articles and len(words) > 1 else words[0]
    if first in r.action_stopwords:
        return False
    return first in r.action_words or first.endswith(r.action_suffixes)


# --- context: headings and lead-ins ---------------------------------------------------------


@dataclass(frozen=True)
class LeadIn:
    context: Context
    actor: Party | None
    rule: str


def heading_context(heading_text: str | None, span: Span | None = None) -> Context:
    """What stands under a heading; with its ``span``, "Polisen kommer att" also promises."""
    if not heading_text:
        return "neutral"
    r = rules()
    if is_focus_heading(heading_text):
        return "focus"
    if any(p.search(heading_text) for p in r.heading_negative):
        return "negative"
    if any(p.search(heading_text) for p in r.heading_neutral):
        return "neutral"
    if any(p.search(heading_text) for p in r.heading_commitment):
        return "commitment"
    if span is not None and read(span).governed_cue:
        return "commitment"
    return "neutral"


def classify_lead_in(span: Span, text: str) -> LeadIn:
    r = rules()
    if is_focus_lead_in(text):
        return LeadIn("focus", None, "lead_in.focus")
    reading = read(span)
    if reading.governed_cue:
        return LeadIn("commitment", reading.actor, "lead_in.subject_cue")
    if any(p.search(text) for p in r.lead_in_negative):
        return LeadIn("negative", None, "lead_in.negative")
    if any(p.search(text) for p in r.lead_in_commitment):
        # "Gemensamma åtaganden:" names no party but both.
        actor = reading.actor if reading.actor is not None else ("joint" if together_we(span) else None)
        return LeadIn("commitment", actor, "lead_in.cue")
    return LeadIn("neutral", reading.actor, "lead_in.neutral")


# --- actor suffixes and responsibility lines ------------------------------------------------


@dataclass(frozen=True)
class Suffix:
    start: int  # where the statement ends and the suffix begins (char offset)
    actor: Party


def actor_suffix(doc: AnalyzedDocument, start: int, end: int) -> Suffix | None:
    """A trailing "(Polisen)", "– kommunen" or "Ansvarig: Kommunen" naming only parties."""
    text = doc.text[start:end]
    for pattern in rules().actor_suffixes:
        match = pattern.search(text)
        if match is None:
            continue
        party = _only_parties(doc, start + match.start("who"), start + match.end("who"))
        if party is not None:
            return Suffix(start + match.start(), party)
    return None


def _only_parties(doc: AnalyzedDocument, start: int, end: int) -> Party | None:
    span = doc.span(start, end)
    if span is None or len(span) == 0:
        return None
    mentions = find_mentions(span)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    fillers = {"och", "samt", ",", "&", "/", "både", "gemensamt", "tillsammans", "."}
    lowers = token_strings(span.doc)[1]
    indices = range(span.start, span.end)
    if not mentions or any(i not in covered and lowers[i] not in fillers for i in indices):
        return None
    parties = {m.party for m in mentions}
    if any(lowers[i] in ("gemensamt", "tillsammans") for i in indices):
        parties.add("joint")
    return combine(parties)


def responsibility(doc: AnalyzedDocument, block: Block) -> Party | None:
    match = rules().responsibility_line.match(doc.block_text(block))
    if match is None:
        return None
    return _only_parties(doc, block.start + match.start("who"), block.start + match.end("who"))


# --- building commitments ------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    actor: Party | None
    rule: str
    actor_rule: str | None
    heading: str | None


@dataclass
class Section:
    """What the text so far says about who "vi" is, within the current heading."""

    heading_text: str | None
    context: Context
    heading_actor: Party | None
    last_actor: Party | None = None
    lead_in: LeadIn | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n;:,":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _heading_actor(doc: AnalyzedDocument, heading: Block | None, context: Context) -> Party | None:
    if heading is None:
        return None
    span = doc.span(heading.start, heading.end)
    if span is None:
        return None
    whole = _only_parties(doc, heading.start, heading.end)
    if whole is not None:
        return whole  # a section headed "Polisen" or "Kommunen och polisen"
    if context != "commitment":
        return None
    mentions = find_mentions(span)
    parties = {m.party for m in mentions}
    if parties <= {"we"} and together_we(span):
        return "joint"  # "Gemensamma åtaganden", "Vi åtar oss gemensamt att"
    return combine(parties) if parties else None


def _resolve(actor: Party | None, section: Section) -> Party | None:
    if actor != "we":
        return actor
    for known in (section.last_actor, section.heading_actor):
        if known not in (None, "we"):
            return known
    return "joint"  # "vi" of a joint promise: both parties


def sentence_commitment(doc: AnalyzedDocument, sentence: Sentence, section: Section) -> Candidate | None:
    span = doc.span(sentence.start, sentence.end)
    if span is None:
        return None
    reading = read(span)
    earlier_actor = section.last_actor
    if reading.actor not in (None, "we"):
        section.last_actor = reading.actor
    if section.context == "negative":
        return None
    if negative_reason(sentence.text, allow_past=reading.any_cue):
        return None
    if reading.governed_cue:
        rule = "commitments.subject_cue"
    elif section.context == "commitment" and reading.present_action:
        rule = "commitments.section_present"
    elif section.context == "commitment" and reading.any_cue and reading.actor is None:
        rule = "commitments.section_cue"
    elif rules().measure_list.search(sentence.text):
        # The measures are those of the party named just before, unless the sentence names one.
        start, end = _trimmed(doc.text, sentence.start, sentence.end)
        actor = earlier_actor if earlier_actor is not None else reading.actor
        rule_for_actor = "actor.previous_sentence" if earlier_actor is not None else reading.actor_rule
        return Candidate(
            start,
            end,
            _resolve(actor, section),
            "commitments.measure_list",
            rule_for_actor,
            section.heading_text,
        )
    else:
        return None
    start, end = _trimmed(doc.text, sentence.start, sentence.end)
    actor = _resolve(reading.actor, section)
    return Candidate(start, end, actor, rule, reading.actor_rule, section.heading_text)


def bullet_commitments(doc: AnalyzedDocument, block: Block, section: Section) -> list[Candidate]:
    lead_in = section.lead_in
    if lead_in is not None and lead_in.context == "negative":
        return []
    if section.context == "negative" and (lead_in is None or lead_in.context != "commitment"):
        return []
    in_focus = (lead_in is not None and lead_in.context == "focus") or (
        section.context == "focus" and (lead_in is None or lead_in.context != "commitment")
    )
    text = doc.block_text(block)
    if is_quote(text):
        return []
    pieces = _bullet_pieces(doc, block)
    found: list[Candidate] = []
    for piece_start, piece_end, reading in pieces:
        piece_text = doc.text[piece_start:piece_end]
        # Under a promising lead-in or heading the promise is given: a perfect tense in a
        # bullet is a relative clause ("där trafikproblem har identifierats"), not past work.
        promised = (
            lead_in is not None and lead_in.context == "commitment"
        ) or section.context == "commitment"
        # "vara synliga … de veckor då statistiken visar flest inbrott": under a promise, an
        # action that cites statistics is still the action.
        cites_statistics = promised and reads_as_action(piece_text)
        if negative_reason(
            piece_text, allow_past=reading.any_cue or promised, allow_statistics=cites_statistics
        ):
            continue
        fallback: Party | None = None
        fallback_rule: str | None = None
        if lead_in is not None and lead_in.context == "commitment":
            rule, fallback, fallback_rule = "commitments.lead_in_bullet", lead_in.actor, "actor.lead_in"
        elif in_focus:
            if not (reading.governed_cue or reading.present_action):
                continue  # a focus area ("Skadegörelse och bränder i Dalbo"), not a promise
            rule = "commitments.action_bullet"
        elif section.context == "commitment":
            rule, fallback = "commitments.heading_bullet", section.heading_actor
            fallback_rule = "actor.heading"
        elif reading.governed_cue or reading.present_action or reads_as_action(piece_text):
            rule = "commitments.action_bullet"
        else:
            continue
        suffix = actor_suffix(doc, piece_start, piece_end)
        if suffix is not None:
            actor, actor_rule = suffix.actor, "actor.suffix"
            piece_end = suffix.start
        elif reading.actor is not None and (fallback is None or _names_its_own_actor(reading)):
            actor, actor_rule = reading.actor, reading.actor_rule
        else:
            actor, actor_rule = fallback, fallback_rule
            span = doc.span(piece_start, piece_end)
            if actor in ("police", "municipality") and span is not None:
                if partner_joins(span, find_mentions(span), actor):
                    actor, actor_rule = "joint", "actor.partner"
        if actor == "we" and fallback not in (None, "we"):
            actor = fallback  # "vi" in a bullet under "Polisen lovar att:" is the police
        actor = _resolve(actor, section)
        start, end = _trimmed(doc.text, piece_start, piece_end)
        if start < end:
            found.append(Candidate(start, end, actor, rule, actor_rule, section.heading_text))
    return found


def _bullet_pieces(doc: AnalyzedDocument, block: Block) -> list[tuple[int, int, Reading]]:
    """The bullet whole, or one piece per sentence when its sentences name different parties."""
    sentences = _sentences_of(doc, block) or [Sentence(block.start, block.end, block, doc.block_text(block))]
    readings = []
    for sentence in sentences:
        span = doc.span(sentence.start, sentence.end)
        readings.append(read(span) if span is not None else Reading(None, None, False, False, False))
    named = {r.actor for r in readings if r.actor in ("police", "municipality")}
    if len(sentences) == 1 or len(named) < 2:
        whole = doc.span(block.start, block.end)
        reading = read(whole) if whole is not None else readings[0]
        return [(block.start, block.end, reading)]
    pieces: list[tuple[int, int, Reading]] = []
    for sentence, reading in zip(sentences, readings, strict=True):
        if pieces and reading.actor is None:
            start, _, previous = pieces[-1]
            pieces[-1] = (start, sentence.end, previous)  # a sentence with no party continues the one before
        else:
            pieces.append((sentence.start, sentence.end, reading))
    return pieces


def _sentences_of(doc: AnalyzedDocument, block: Block) -> list[Sentence]:
    return doc.sentences_in(block)


# --- duplicates ----------------------------------------------------------------------------


def _content_stems(text: str) -> frozenset[str]:
    settings = rules().duplicate
    stop = set(settings["stopwords"])
    words = re.findall(r"\w+", text.lower())
    return frozenset(
        w[: settings["stem_length"]] for w in words if len(w) >= settings["min_word_length"] and w not in stop
    )


def drop_repeats(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Keep the first statement of each commitment; a later restatement only lends its actor.

    Earlier statements are looked up through the words they share with the candidate
    (an inverted index), so a page of thousands of bullets is not compared pair by pair.
    """
    settings = rules().duplicate
    kept: list[tuple[Candidate, frozenset[str]]] = []
    holders: dict[str, list[int]] = {}
    for candidate in candidates:
        stems = _content_stems(text[candidate.start : candidate.end])
        shared: dict[int, int] = {}
        for stem in stems:
            for index in holders.get(stem, ()):
                shared[index] = shared.get(index, 0) + 1
        repeat_of = None
        minimum, overlap = settings["min_content_words"], settings["min_overlap"]
        for index in sorted(shared):
            smaller = min(len(stems), len(kept[index][1]))
            if _other_party(kept[index][0].actor, candidate.actor):
                continue  # the police and the municipality each promising their part is no repeat
            if smaller >= minimum and shared[index] / smaller >= overlap:
                repeat_of = index
                break
        if repeat_of is None:
            for stem in stems:
                holders.setdefault(stem, []).append(len(kept))
            kept.append((candidate, stems))
            continue
        earlier, earlier_stems = kept[repeat_of]
        if earlier.actor is None and candidate.actor is not None:
            better = replace(earlier, actor=candidate.actor, actor_rule=candidate.actor_rule)
            kept[repeat_of] = (better, earlier_stems)
    return [candidate for candidate, _ in kept]


def _other_party(first: Party | None, second: Party | None) -> bool:
    return {first, second} == {"police", "municipality"}


# --- activity tables written as lines -----------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A header line "Aktivitet – Ansvar – Tidplan": how many cells, which one is which."""

    columns: int
    activity: int
    responsibility: int


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell in a line, split at " – ", "|" or a tab."""
    cells = []
    cursor = 0
    for separator in rules().table.cell_separator.finditer(text):
        cells.append((cursor, separator.start()))
        cursor = separator.end()
    cells.append((cursor, len(text)))
    return cells


def table_header(text: str) -> Table | None:
    t = rules().table
    cells = [text[s:e].strip() for s, e in _cells(text)]
    if len(cells) < 2 or any(not c or len(c.split()) > t.max_header_cell_words for c in cells):
        return None
    activity = next((i for i, c in enumerate(cells) if t.activity_column.match(c)), None)
    responsible = next((i for i, c in enumerate(cells) if t.responsibility_column.match(c)), None)
    if activity is None or responsible is None or activity == responsible:
        return None
    return Table(len(cells), activity, responsible)


def _cell_party(doc: AnalyzedDocument, start: int, end: int) -> Party | None:
    span = doc.span(start, end)
    if span is None:
        return None
    parties = {m.party for m in find_mentions(span)} - {"we"}
    if parties:
        return combine(parties)
    return "joint" if together_we(span) else None  # "Gemensamt", "Tillsammans"


def table_row(doc: AnalyzedDocument, block: Block, table: Table, heading: str | None) -> Candidate | None:
    """One row of an activity table as a commitment, or None when the line is no row."""
    text = doc.block_text(block)
    cells = _cells(text)
    if len(cells) != table.columns:
        return None
    cell_start, cell_end = cells[table.activity]
    start, end = _trimmed(doc.text, block.start + cell_start, block.start + cell_end)
    if len(doc.text[start:end].split()) < rules().table.min_activity_words:
        return None
    who_start, who_end = cells[table.responsibility]
    actor = _cell_party(doc, block.start + who_start, block.start + who_end)
    actor_rule = "actor.responsibility_column" if actor is not None else None
    return Candidate(start, end, actor, "commitments.table_row", actor_rule, heading)


# --- entry point ---------------------------------------------------------------------------


def extract(doc: AnalyzedDocument) -> list[Commitment]:
    candidates: list[Candidate] = []
    section = Section(None, "neutral", None)
    previous_kind: str | None = None
    table: Table | None = None
    # The context numbered sub-headings take from the heading above them:
    # "Åtgärder" / "1. Trygghet i centrum" / … / "2. Trafiksäkerhet" / …
    numbered_parent: Context | None = None
    # The block a responsibility line ("Ansvar: Polisen") below it speaks of, and whether it
    # made a commitment of its own.
    previous_block: Block | None = None
    before_previous = 0
    for block in doc.blocks:
        block_above, previous_block = previous_block, block
        yielded_by_previous, before_previous = len(candidates) > before_previous, len(candidates)
        if table is not None and block.kind in ("heading", "paragraph", "list_item"):
            row = table_row(doc, block, table, section.heading_text)
            if row is not None:
                candidates.append(row)
                continue
            table = None
        if block.kind in ("heading", "paragraph"):
            table = table_header(doc.block_text(block))
            if table is not None and block.kind == "paragraph":
                continue
        if block.kind == "heading":
            heading_text = doc.block_text(block)
            span = doc.span(block.start, block.end)
            candidates.extend(_sentence_heading(doc, block, span, heading_text, section.heading_text))
            context = heading_context(heading_text, span)
            if context == "neutral" and section.context == "commitment" \
                    and rules().heading_party_only.match(heading_text):
                context = "commitment"  # "Det här lovar vi" / "Polisen" / "Kommunen"
            numbered = bool(block.marker and block.marker[0].isdigit())
            if not numbered:
                numbered_parent = None
            elif numbered_parent is None and previous_kind == "heading":
                numbered_parent = section.context  # the first numbered heading right under its parent
            if numbered and context == "neutral" and numbered_parent == "commitment":
                context = "commitment"
            section = Section(heading_text, context, _heading_actor(doc, block, context))
            previous_kind = "heading"
            continue
        if block.kind not in ("paragraph", "list_item"):
            section.lead_in = None
            previous_kind = block.kind
            continue
        owner = responsibility(doc, block)
        if owner is not None:
            # "Kameraövervakning av cykelgaraget vid stationen." / "Ansvar: Älmhults kommun": naming
            # who answers for a short line right above makes it a measure, even without a verb of
            # promise. Otherwise the line names the party of the last measure.
            owned = [] if yielded_by_previous or block_above is None else \
                _owned_line(doc, block_above, section, owner)
            if owned:
                candidates.extend(owned)
            elif candidates and candidates[-1].actor_rule != "actor.suffix":
                candidates[-1] = replace(candidates[-1], actor=owner, actor_rule="actor.responsibility_line")
            previous_block = None  # the next responsibility line has nothing above it to own
            before_previous = len(candidates)
            continue
        if block.kind == "list_item":
            if previous_kind != "list_item" and previous_kind != "lead_in":
                section.lead_in = None
            candidates.extend(bullet_commitments(doc, block, section))
            previous_kind = "list_item"
            continue
        found, lead_in = _paragraph(doc, block, section)
        candidates.extend(found)
        section.lead_in = lead_in
        if lead_in is not None and lead_in.context == "commitment" and section.context == "negative":
            # "Varför ett säsongslöfte?" / background / "Tillsammans åtar vi oss att:": the promises
            # have begun without a heading of their own; what follows is no longer background.
            section.context = "neutral"
        previous_kind = "lead_in" if lead_in is not None else "paragraph"
    return [_commitment(c, doc) for c in drop_repeats(candidates, doc.text)]


def _owned_line(doc: AnalyzedDocument, block: Block, section: Section, owner: Party) -> list[Candidate]:
    """A one-sentence paragraph right above a responsibility line, unless it is no measure."""
    text, r = doc.block_text(block), rules()
    if (block.kind != "paragraph" or section.context in ("negative", "focus")
            or len(doc.sentences_in(block)) != 1 or len(text.split()) > r.owned_line_max_words
            or negative_reason(text, allow_past=False) or is_quote(text)
            or r.owned_line_not_about.search(text)):  # a title or a sentence about the promise itself
        return []
    start, end = _trimmed(doc.text, block.start, block.end)
    return [Candidate(start, end, owner, "commitments.responsibility_line", "actor.responsibility_line",
                      section.heading_text)]


def _sentence_heading(
    doc: AnalyzedDocument, block: Block, span: Span | None, text: str, heading_above: str | None
) -> list[Candidate]:
    """A numbered item typed as a heading that is really a promise ("1. Polisen kommer att …")."""
    if not block.marker or span is None or len(text.split()) < MIN_HEADING_SENTENCE_WORDS:
        return []
    reading = read(span)
    if not reading.governed_cue or negative_reason(text, allow_past=True):
        return []
    start = block.start + len(block.marker) + 1 if text.startswith(block.marker) else block.start
    start, end = _trimmed(doc.text, start, block.end)
    actor = reading.actor if reading.actor != "we" else "joint"
    return [Candidate(start, end, actor, "commitments.numbered_heading", reading.actor_rule, heading_above)]


# A labelled line says what is done in at least this many words ("Polisen: 114 14" does not).
MIN_LABELLED_WORDS = 3
# … and does not name a person ("Polisen: Martin Roos, kommunpolis").
NAMED_PERSON = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\s+[A-ZÅÄÖ][a-zåäöéü]+(?:,|\s*$)")


def _actor_labelled(doc: AnalyzedDocument, block: Block, section: Section) -> Candidate | None:
    """ "Polis: Fler kvällspatrulleringar i centrum." as a police commitment, without its label."""
    r = rules()
    text = doc.block_text(block)
    label = r.actor_label.match(text)
    if label is None or section.context in ("negative", "focus"):
        return None
    start, end = _trimmed(doc.text, block.start + label.end(), block.end)
    statement = doc.text[start:end]
    words = [w for w in statement.split() if any(ch.isalpha() for ch in w)]
    if len(words) < MIN_LABELLED_WORDS or negative_reason(statement, allow_past=False) \
            or NAMED_PERSON.match(statement):
        return None  # "Polisen: 114 14", "Polisen: Martin Roos, kommunpolis" are contact lines
    actor = r.actor_label_parties[label.group("who").lower()]
    return Candidate(start, end, actor, "commitments.actor_label", "actor.label", section.heading_text)


def _activity(doc: AnalyzedDocument, block: Block, section: Section) -> Candidate | None:
    """ "Aktivitet: Trygghetsvandring i Östercentrum." as one commitment, without its label."""
    text = doc.block_text(block)
    label = rules().activity_label.match(text)
    if label is None or section.context == "negative":
        return None
    start, end = _trimmed(doc.text, block.start + label.end(), block.end)
    span = doc.span(start, end)
    reading = read(span) if span is not None else None
    if reading is not None and reading.actor is not None:
        actor, actor_rule = reading.actor, reading.actor_rule
    else:
        actor, actor_rule = section.heading_actor, "actor.heading" if section.heading_actor else None
    return Candidate(
        start, end, _resolve(actor, section), "commitments.activity_label", actor_rule, section.heading_text
    )


def _paragraph(
    doc: AnalyzedDocument, block: Block, section: Section
) -> tuple[list[Candidate], LeadIn | None]:
    text = doc.block_text(block)
    if is_quote(text):
        return [], None
    activity = _activity(doc, block, section) or _actor_labelled(doc, block, section)
    if activity is not None:
        return [activity], None
    sentences = _sentences_of(doc, block)
    found: list[Candidate] = []
    lead_in: LeadIn | None = None
    for index, sentence in enumerate(sentences):
        if index == len(sentences) - 1 and sentence.text.rstrip().endswith((":", "?")):
            span = doc.span(sentence.start, sentence.end)
            if span is not None:
                lead_in = classify_lead_in(span, sentence.text)
                if lead_in.actor == "we":
                    lead_in = replace(lead_in, actor=_resolve("we", section))
            continue
        candidate = sentence_commitment(doc, sentence, section)
        if candidate is not None:
            found.append(candidate)
    return found, lead_in


def _commitment(candidate: Candidate, doc: AnalyzedDocument) -> Commitment:
    actor: Actor = "unspecified" if candidate.actor in (None, "we") else candidate.actor
    rule = candidate.rule if candidate.actor_rule is None else f"{candidate.rule}+{candidate.actor_rule}"
    return Commitment(
        text=doc.text[candidate.start : candidate.end],
        actor=actor,
        heading=candidate.heading,
        span=(candidate.start, candidate.end),
        rule=rule,
    )

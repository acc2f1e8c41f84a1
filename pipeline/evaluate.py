"""``medborgarloften eval``: score the extractors against the gold annotations.

A gold file (``tests/gold/*.json``) is the hand-made right answer for one document,
annotated by reading the text per ANNOTATION.md. This module runs the real pipeline
on each gold document and compares the promise record with the gold, field by field.

Every scoring function takes plain dicts (a record in the SCHEMA.md shape, a gold
file as loaded from JSON) so the yardstick itself can be unit-tested without the
pipeline. How items count:

- list fields are matched one-to-one, greedily, best similarity first; an unmatched
  prediction is a false positive, an unmatched gold item a false negative;
- a gold item marked ``"optional": true`` is neutral: matching it earns nothing,
  missing it costs nothing;
- validity dates and the follow-up cadence are slots: a right value is a true
  positive, a wrong value is both a false positive and (when gold has a value) a
  false negative, a value where gold has none is a false positive.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, get_args

from models.record import Actor, Cadence, PersonKind, PoliceLevel, ValidityField

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD_DIR = REPO_ROOT / "tests" / "gold"
DEFAULT_REPORT = REPO_ROOT / "data" / "structured" / "eval.json"

FIELDS: tuple[str, ...] = (
    "municipalities",
    "police_units",
    "people",
    "validity",
    "follow_up",
    "focus_areas",
    "commitments",
    "places",
)
VALIDITY_SLOTS: tuple[str, ...] = get_args(ValidityField)
# The held-out documents (tests/gold/heldout*/) are never used to tune the extractors:
# they measure how well the rules generalise to phrasings nobody tuned for. Each set was
# written independently of the others.
HELDOUT_SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
                "heldout9")
GOLD_SETS = ("seed", "authored", *HELDOUT_SETS)
PERSON_ATTRIBUTES = ("role", "organization", "kind")

# The words that name the *type* of a police unit, stripped before names are compared
# so "LPO Falun/Borlänge" and "Lokalpolisområde Falun/Borlänge" are one unit. Longest
# first, so "lokalpolisområdet" is not left as "lokal…t" by a shorter word.
POLICE_UNIT_TYPE_WORDS: tuple[str, ...] = (
    "lokalpolisområdet",
    "lokalpolisområde",
    "polisområdet",
    "polisområde",
    "polisregionen",
    "polisregion",
    "lpo",
)

# A commitment matches when token-overlap F1 reaches this, or when one text contains
# the other and the contained one is at least CONTAINMENT_MIN_TOKENS long (so a stray
# "polisen" does not match every sentence that mentions the police).
COMMITMENT_MIN_F1 = 0.5
CONTAINMENT_MIN_TOKENS = 3

# Similarity of a containment match for focus areas and places: below an exact match,
# so exact pairs are taken first by the greedy matching.
CONTAINMENT_SIMILARITY = 0.75

GOLD_TOP_KEYS = frozenset({"document", "set", "notes", *FIELDS})
GOLD_ITEM_KEYS: dict[str, frozenset[str]] = {
    "municipalities": frozenset({"name", "code", "optional", "note"}),
    "police_units": frozenset({"name", "level", "optional", "note"}),
    "people": frozenset({"name", "role", "organization", "kind", "optional", "note"}),
    "focus_areas": frozenset({"text", "optional", "note"}),
    "commitments": frozenset({"text", "actor", "optional", "note"}),
    "places": frozenset({"name", "optional", "note"}),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KOMMUNKOD = re.compile(r"^\d{4}$")


class GoldFileError(ValueError):
    """A gold file that cannot be used: the message names the file and the problem."""


# ---------------------------------------------------------------------------
# Normalisation


def normalise_text(text: str) -> str:
    """Casefold and drop everything but letters and digits: for focus areas and places."""
    return re.sub(r"[\W_]+", "", text.casefold())


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def normalise_police_unit_name(name: str) -> str:
    """'Lokalpolisområde Västra Mälardalen' and 'LPO Västra  Mälardalen' -> 'västra mälardalen'."""
    text = name.casefold()
    for word in POLICE_UNIT_TYPE_WORDS:
        text = re.sub(rf"\b{word}\b", " ", text)
    text = re.sub(r"[-\u2010-\u2015]", " ", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return " ".join(text.split()).strip(" ,.")


def normalise_person_name(name: str) -> str:
    """'Staffan Jansson (S)' -> 'staffan jansson': a party letter is not part of a name."""
    text = re.sub(r"\(\s*[^\W\d_]{1,3}\s*\)", " ", name)
    text = re.sub(r"[\u2010-\u2015]", "-", text.casefold())
    return " ".join(text.split()).strip(" ,.")


def normalise_attribute(value: str | None) -> str:
    return " ".join(tokens(value)) if value else ""


# ---------------------------------------------------------------------------
# Scores


def ratio(numerator: int, denominator: int, empty: float = 1.0) -> float:
    return numerator / denominator if denominator else empty


@dataclass
class FieldScore:
    """Counts for one field, with what was missed and what was extra, as text."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        # Nothing predicted is perfectly precise; recall tells the cost.
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses.extend(other.misses)
        self.extras.extend(other.extras)

    def as_dict(self, with_items: bool = True) -> dict[str, Any]:
        result: dict[str, Any] = {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
        if with_items:
            result["misses"] = list(self.misses)
            result["extras"] = list(self.extras)
        return result


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def count(self, is_correct: bool) -> None:
        self.correct += int(is_correct)
        self.total += 1

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def as_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": None if value is None else round(value, 4),
        }


@dataclass
class DocumentScore:
    document: str
    gold_set: str
    fields: dict[str, FieldScore]
    actor: Accuracy = field(default_factory=Accuracy)
    person_attributes: dict[str, Accuracy] = field(
        default_factory=lambda: {name: Accuracy() for name in PERSON_ATTRIBUTES}
    )
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "set": self.gold_set,
            "error": self.error,
            "fields": {name: score.as_dict() for name, score in self.fields.items()},
            "actor_accuracy": self.actor.as_dict(),
            "people_attribute_accuracy": {
                name: acc.as_dict() for name, acc in self.person_attributes.items()
            },
        }


# ---------------------------------------------------------------------------
# Matching

Similarity = Callable[[dict[str, Any], dict[str, Any]], float]


@dataclass
class ItemMatching:
    score: FieldScore
    # (predicted, gold) pairs whose gold item is required: the true positives.
    pairs: list[tuple[dict[str, Any], dict[str, Any]]]


def greedy_pairs(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]], similarity: Similarity
) -> list[tuple[int, int]]:
    """One-to-one pairs of (predicted index, gold index), best similarity first.

    On equal similarity a required gold item is taken before an optional one, so a
    prediction is not spent on a neutral item while a required one goes unmatched.
    """
    candidates: list[tuple[float, bool, int, int]] = []
    for i, pred in enumerate(predicted):
        for j, gold_item in enumerate(gold):
            value = similarity(pred, gold_item)
            if value > 0:
                candidates.append((value, bool(gold_item.get("optional")), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in candidates:
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        pairs.append((i, j))
    return pairs


def match_items(
    predicted: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    similarity: Similarity,
    describe: Callable[[dict[str, Any]], str],
) -> ItemMatching:
    pairs = greedy_pairs(predicted, gold, similarity)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    score = FieldScore()
    true_pairs = []
    for i, j in pairs:
        if not gold[j].get("optional"):
            score.tp += 1
            true_pairs.append((predicted[i], gold[j]))
    for i, pred in enumerate(predicted):
        if i not in matched_pred:
            score.fp += 1
            score.extras.append(describe(pred))
    for j, gold_item in enumerate(gold):
        if j not in matched_gold and not gold_item.get("optional"):
            score.fn += 1
            score.misses.append(describe(gold_item))
    return ItemMatching(score, true_pairs)


def municipality_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    return 1.0 if str(pred.get("code") or "") == str(gold.get("code")) else 0.0


def police_unit_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    same_level = pred.get("level") == gold.get("level")
    same_name = normalise_police_unit_name(pred.get("name") or "") == normalise_police_unit_name(gold["name"])
    return 1.0 if same_level and same_name else 0.0


def person_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    name = normalise_person_name(pred.get("name") or "")
    return 1.0 if name and name == normalise_person_name(gold["name"]) else 0.0


def phrase_similarity(predicted: str, gold: str) -> float:
    """Exact after normalisation, else containment either way (focus areas, places)."""
    pred_norm, gold_norm = normalise_text(predicted), normalise_text(gold)
    if not pred_norm or not gold_norm:
        return 0.0
    if pred_norm == gold_norm:
        return 1.0
    if pred_norm in gold_norm or gold_norm in pred_norm:
        return CONTAINMENT_SIMILARITY
    return 0.0


def token_f1(predicted: str, gold: str) -> float:
    pred_tokens, gold_tokens = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((pred_tokens & gold_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(pred_tokens.values())
    recall = overlap / sum(gold_tokens.values())
    return 2 * precision * recall / (precision + recall)


def contains_commitment(predicted: str, gold: str) -> bool:
    pred_norm, gold_norm = " ".join(tokens(predicted)), " ".join(tokens(gold))
    shorter, longer = sorted((pred_norm, gold_norm), key=len)
    return len(shorter.split()) >= CONTAINMENT_MIN_TOKENS and shorter in longer


def commitment_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    predicted, expected = pred.get("text") or "", gold["text"]
    f1 = token_f1(predicted, expected)
    if f1 >= COMMITMENT_MIN_F1 or contains_commitment(predicted, expected):
        return f1
    return 0.0


def focus_area_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    return phrase_similarity(pred.get("text") or "", gold["text"])


def place_similarity(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    return phrase_similarity(pred.get("name") or "", gold["name"])


def describe_municipality(item: dict[str, Any]) -> str:
    return f"{item.get('name')} ({item.get('code')})"


def describe_police_unit(item: dict[str, Any]) -> str:
    return f"{item.get('name')} [{item.get('level')}]"


def describe_person(item: dict[str, Any]) -> str:
    return f"{item.get('name')} [{item.get('kind')}]"


def describe_commitment(item: dict[str, Any]) -> str:
    return f"[{item.get('actor')}] {item.get('text')}"


def describe_text(item: dict[str, Any]) -> str:
    return str(item.get("text"))


def describe_name(item: dict[str, Any]) -> str:
    return str(item.get("name"))


LIST_FIELD_RULES: dict[str, tuple[Similarity, Callable[[dict[str, Any]], str]]] = {
    "municipalities": (municipality_similarity, describe_municipality),
    "police_units": (police_unit_similarity, describe_police_unit),
    "people": (person_similarity, describe_person),
    "focus_areas": (focus_area_similarity, describe_text),
    "commitments": (commitment_similarity, describe_commitment),
    "places": (place_similarity, describe_name),
}


def score_slots(
    predicted: dict[str, Any] | None, gold: dict[str, Any] | None, slots: Iterable[str]
) -> FieldScore:
    predicted, gold = predicted or {}, gold or {}
    score = FieldScore()
    for slot in slots:
        expected, found = gold.get(slot), predicted.get(slot)
        if found and found == expected:
            score.tp += 1
            continue
        if found:
            score.fp += 1
            score.extras.append(f"{slot}={found}")
        if expected:
            score.fn += 1
            score.misses.append(f"{slot}={expected}")
    return score


def attribute_agrees(predicted: str | None, gold: str | None) -> bool:
    pred_norm, gold_norm = normalise_attribute(predicted), normalise_attribute(gold)
    if not pred_norm or not gold_norm:
        return pred_norm == gold_norm
    return pred_norm == gold_norm or pred_norm in gold_norm or gold_norm in pred_norm


def score_document(predicted: dict[str, Any], gold: dict[str, Any]) -> DocumentScore:
    """Compare one record (SCHEMA.md shape) with one gold annotation."""
    fields: dict[str, FieldScore] = {}
    result = DocumentScore(str(gold.get("document")), str(gold.get("set")), fields)
    for name in FIELDS:
        if name == "validity":
            fields[name] = score_slots(predicted.get("validity"), gold.get("validity"), VALIDITY_SLOTS)
            continue
        if name == "follow_up":
            fields[name] = score_slots(predicted.get("follow_up"), gold.get("follow_up"), ["cadence"])
            continue
        similarity, describe = LIST_FIELD_RULES[name]
        matching = match_items(
            list(predicted.get(name) or []), list(gold.get(name) or []), similarity, describe
        )
        fields[name] = matching.score
        if name == "commitments":
            for pred, expected in matching.pairs:
                result.actor.count(pred.get("actor") == expected.get("actor"))
        if name == "people":
            for pred, expected in matching.pairs:
                result.person_attributes["kind"].count(pred.get("kind") == expected.get("kind"))
                for attribute in ("role", "organization"):
                    result.person_attributes[attribute].count(
                        attribute_agrees(pred.get(attribute), expected.get(attribute))
                    )
    return result


def summarise(scores: list[DocumentScore]) -> dict[str, Any]:
    """Micro-averaged precision/recall/F1 per field over documents, and macro-F1 over fields."""
    totals = {name: FieldScore() for name in FIELDS}
    actor = Accuracy()
    attributes = {name: Accuracy() for name in PERSON_ATTRIBUTES}
    for score in scores:
        for name in FIELDS:
            totals[name].add(score.fields[name])
        actor.add(score.actor)
        for name in PERSON_ATTRIBUTES:
            attributes[name].add(score.person_attributes[name])
    return {
        "documents": len(scores),
        "fields": {name: totals[name].as_dict(with_items=False) for name in FIELDS},
        "macro_f1": round(sum(totals[name].f1 for name in FIELDS) / len(FIELDS), 4),
        "actor_accuracy": actor.as_dict(),
        "people_attribute_accuracy": {name: acc.as_dict() for name, acc in attributes.items()},
    }


def build_report(scores: list[DocumentScore], gold_dir: str) -> dict[str, Any]:
    return {
        "gold_dir": gold_dir,
        "overall": summarise(scores),
        "sets": {
            gold_set: summarise([s for s in scores if s.gold_set == gold_set])
            for gold_set in GOLD_SETS
            # A set with no documents has no scores: 1.0 everywhere would mislead.
            if any(s.gold_set == gold_set for s in scores)
        },
        "per_document": [score.as_dict() for score in scores],
    }


# ---------------------------------------------------------------------------
# Gold files


def validate_gold(gold: Any) -> list[str]:
    """Problems with a gold annotation's shape and vocabularies (empty when it is fine)."""
    if not isinstance(gold, dict):
        return ["top level is not a JSON object"]
    problems = [f"unknown field {key!r}" for key in sorted(set(gold) - GOLD_TOP_KEYS)]
    if not isinstance(gold.get("document"), str) or not gold.get("document"):
        problems.append("'document' must be a path relative to the repository root")
    if gold.get("set") not in GOLD_SETS:
        problems.append(f"'set' must be one of {list(GOLD_SETS)}, not {gold.get('set')!r}")
    if "notes" in gold and not isinstance(gold["notes"], str):
        problems.append("'notes' must be text")
    for name, allowed in GOLD_ITEM_KEYS.items():
        items = gold.get(name)
        if not isinstance(items, list):
            problems.append(f"{name!r} must be a list")
            continue
        for index, item in enumerate(items):
            problems.extend(f"{name}[{index}]: {p}" for p in item_problems(name, item, allowed))
    problems.extend(slot_problems(gold.get("validity"), "validity", VALIDITY_SLOTS, date_problem))
    problems.extend(slot_problems(gold.get("follow_up"), "follow_up", ("cadence",), cadence_problem))
    return problems


def item_problems(name: str, item: Any, allowed: frozenset[str]) -> list[str]:
    if not isinstance(item, dict):
        return ["not a JSON object"]
    problems = [f"unknown key {key!r}" for key in sorted(set(item) - allowed)]
    if "optional" in item and not isinstance(item["optional"], bool):
        problems.append("'optional' must be true or false")
    text_key = "text" if name in ("focus_areas", "commitments") else "name"
    if not isinstance(item.get(text_key), str) or not item[text_key].strip():
        problems.append(f"{text_key!r} must be non-empty text")
    vocabulary: dict[str, tuple[str, tuple[str, ...]]] = {
        "police_units": ("level", get_args(PoliceLevel)),
        "people": ("kind", get_args(PersonKind)),
        "commitments": ("actor", get_args(Actor)),
    }
    if name in vocabulary:
        key, values = vocabulary[name]
        if item.get(key) not in values:
            problems.append(f"{key!r} must be one of {list(values)}, not {item.get(key)!r}")
    code = item.get("code")
    if name == "municipalities" and not (isinstance(code, str) and KOMMUNKOD.match(code)):
        problems.append(f"'code' must be a four-digit kommunkod as text, not {item.get('code')!r}")
    if name == "people":
        for key in ("role", "organization"):
            if item.get(key) is not None and not isinstance(item[key], str):
                problems.append(f"{key!r} must be text or null")
    return problems


def slot_problems(
    value: Any, name: str, slots: tuple[str, ...], check: Callable[[Any], str | None]
) -> list[str]:
    if not isinstance(value, dict):
        return [f"{name!r} must be an object with {list(slots)}"]
    problems = [f"{name}: unknown key {key!r}" for key in sorted(set(value) - set(slots))]
    for slot in slots:
        problem = check(value.get(slot))
        if problem:
            problems.append(f"{name}.{slot}: {problem}")
    return problems


def date_problem(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return f"{value!r} is not an ISO date (YYYY-MM-DD) or null"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a real date"
    return None


def cadence_problem(value: Any) -> str | None:
    if value is None or value in get_args(Cadence):
        return None
    return f"{value!r} is not one of {list(get_args(Cadence))} or null"


def document_plain_text(path: Path) -> str:
    """The words of a gold document, without markup: what annotators quote from."""
    if path.suffix.lower() == ".pdf":
        # A PDF has no readable raw text: quote against what the cleaner extracts.
        from pipeline.clean import clean_file

        return clean_file(path).text
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        from bs4 import BeautifulSoup

        return BeautifulSoup(raw, "lxml").get_text(" ")
    return raw


def squeeze(text: str) -> str:
    # Whitespace is dropped, not collapsed: HTML inline tags and wrapped bullets put
    # breaks in different places than the annotator's copy of the sentence.
    return "".join(text.casefold().split())


def quote_problems(gold: dict[str, Any], text: str) -> list[str]:
    """Gold items that do not occur in the document text: typos and invented wording."""
    haystack = squeeze(text)
    quoted = [
        ("commitments", "text"),
        ("focus_areas", "text"),
        ("places", "name"),
        ("people", "name"),
    ]
    problems = []
    for name, key in quoted:
        for index, item in enumerate(gold.get(name) or []):
            if squeeze(item[key]) not in haystack:
                problems.append(f"{name}[{index}]: {item[key][:60]!r} does not occur in the document")
    return problems


def load_gold_file(path: Path, repo_root: Path = REPO_ROOT) -> dict[str, Any]:
    """Read and check one gold file; raise GoldFileError naming the file and the problem."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldFileError(f"{path}: cannot read gold annotation: {error}") from error
    problems = validate_gold(gold)
    if not problems:
        document = repo_root / gold["document"]
        if not document.is_file():
            problems.append(f"document {gold['document']!r} does not exist")
        else:
            problems.extend(quote_problems(gold, document_plain_text(document)))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GoldFileError(f"{path}: {problems[0]}{more}")
    return gold


def gold_files(gold_dir: Path, only: str | None = None) -> list[Path]:
    files = sorted(gold_dir.glob("*.json"))
    if only is None:
        return files
    return [f for f in files if only in (f.name, f.stem) or _names_document(f, only)]


def _names_document(gold_path: Path, name: str) -> bool:
    try:
        document = Path(json.loads(gold_path.read_text(encoding="utf-8")).get("document", ""))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return False
    return name in (document.name, document.stem, str(document))


# ---------------------------------------------------------------------------
# Command line


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD_DIR, help="gold directory")
    parser.add_argument("--doc", help="score one document (gold file or document name)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="JSON report path")
    parser.add_argument("--verbose", action="store_true", help="show every miss and extra in full")
    parser.add_argument(
        "--chars", type=int, default=70, help="characters shown of each miss/extra (default 70)"
    )


def predict(document: Path) -> tuple[dict[str, Any], str | None]:
    """The pipeline's record for one document, or an empty one and the error."""
    from pipeline.build import record_for_file

    try:
        return record_for_file(document).model_dump(mode="json"), None
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the run
        return {}, f"{type(error).__name__}: {error}".splitlines()[0]


def format_summary(title: str, summary: dict[str, Any]) -> str:
    lines = [
        f"{title} ({summary['documents']} documents)",
        f"  {'field':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for name, s in summary["fields"].items():
        lines.append(
            f"  {name:<16}{s['precision']:>7.2f}{s['recall']:>7.2f}{s['f1']:>7.2f}"
            f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    lines.append(f"  {'macro-F1':<16}{summary['macro_f1']:>21.2f}")
    lines.append(f"  actor accuracy  {format_accuracy(summary['actor_accuracy'])}")
    attributes = summary["people_attribute_accuracy"]
    lines.append(
        "  people attrs    " + ", ".join(f"{name} {format_accuracy(acc)}" for name, acc in attributes.items())
    )
    return "\n".join(lines)


def format_accuracy(acc: dict[str, Any]) -> str:
    if acc["accuracy"] is None:
        return "n/a (0 matched)"
    return f"{acc['accuracy']:.2f} ({acc['correct']}/{acc['total']})"


def format_document(doc: dict[str, Any], chars: int, verbose: bool) -> str:
    fields = doc["fields"]
    tp = sum(f["tp"] for f in fields.values())
    fp = sum(f["fp"] for f in fields.values())
    fn = sum(f["fn"] for f in fields.values())
    lines = [f"{doc['document']}  [{doc['set']}]  TP {tp}  FP {fp}  FN {fn}"]
    if doc["error"]:
        lines.append(f"    pipeline error: {doc['error']}")
    limit = None if verbose else 5
    for kind, key in (("miss ", "misses"), ("extra", "extras")):
        items = [(name, text) for name, f in fields.items() for text in f[key]]
        for name, text in items[:limit]:
            shown = text if verbose or len(text) <= chars else text[: chars - 1] + "…"
            lines.append(f"    {kind} {name:<15} {shown}")
        if limit is not None and len(items) > limit:
            lines.append(f"    … and {len(items) - limit} more {key} (--verbose shows all)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    files = gold_files(args.gold, args.doc)
    if not files:
        print(
            f"error: no gold annotations in {args.gold}" + (f" for {args.doc!r}" if args.doc else ""),
            file=sys.stderr,
        )
        return 1
    try:
        golds = [load_gold_file(path) for path in files]
    except GoldFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        import pipeline.build  # noqa: F401 - fail once, clearly, before scoring anything
    except ImportError as error:
        print(f"error: cannot run the pipeline (pipeline.build): {error}", file=sys.stderr)
        return 1

    scores = []
    for gold in golds:
        predicted, problem = predict(REPO_ROOT / gold["document"])
        score = score_document(predicted, gold)
        score.error = problem
        scores.append(score)

    report = build_report(scores, str(args.gold))
    print(format_summary("All gold documents", report["overall"]))
    for gold_set, summary in report["sets"].items():
        print()
        print(format_summary(f"Set: {gold_set}", summary))
    print()
    for doc in report["per_document"]:
        print(format_document(doc, args.chars, args.verbose))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nreport written to {args.report}")
    return 0

"""Which headings and lead-ins introduce focus areas (vocabulary in ``focus_areas.yaml``).

Shared by ``focus_areas`` (which reads the areas under them) and ``commitments``
(which never takes those areas for promises), so it depends on neither.

- a *focus heading* names the areas' section: a compound noun anywhere in it
  ("Fokusområden", "Prioriterade områden 2021"), a bare label ("Årets fokus",
  "Prioriteringar", "Prioriterat", "Våra teman") or a phrase ("Det här ska vi
  arbeta med", "Vi fokuserar på");
- a *focus lead-in* is a sentence ending in ":" that announces them
  ("Medborgarlöftet innehåller tre områden:", "Vi har valt följande fokusområden:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.names import alternation
from models.rules import read_rules

HERE = Path(__file__).parent
RULES = HERE / "focus_areas.yaml"


@dataclass(frozen=True)
class FocusCues:
    anywhere: re.Pattern[str]
    label: re.Pattern[str]
    phrase: re.Pattern[str]
    phrase_opening: re.Pattern[str]
    listing_noun: re.Pattern[str]
    counted_generic: re.Pattern[str]
    focus_verb: re.Pattern[str]
    action_nouns: re.Pattern[str]



@cache
def cues() -> FocusCues:
    data = read_rules(RULES)
    lead = alternation(data["label_lead_words"])
    nouns = alternation(data["label_nouns"])
    phrases = "|".join(f"(?:{p})" for p in data["phrase_headings"])
    flags = re.IGNORECASE
    return FocusCues(
        anywhere=re.compile("|".join(f"(?:{p})" for p in data["headings"]), flags),
        label=re.compile(rf"^(?:(?:{lead})\s+){{0,3}}(?:{nouns}){data['label_tail']}$", flags),
        phrase=re.compile(rf"^(?:{phrases})$", flags),
        # The phrase heading glued to the first area by the cleaner: "… arbeta med Otrygghet …".
        phrase_opening=re.compile(rf"^(?P<label>(?i:{phrases}))\s+(?=[A-ZÅÄÖ])"),
        listing_noun=re.compile(data["listing_nouns"], flags),
        counted_generic=re.compile(rf"\b{data['counted_generic']}\b", flags),
        focus_verb=re.compile("|".join(f"(?:{v['pattern']})" for v in data["focus_verbs"]), flags),
        action_nouns=re.compile(data["lead_in_action_nouns"], flags),
    )


def _label_text(text: str) -> str:
    return re.sub(r"[\s:.?!]+$", "", text.strip())


def is_focus_heading(text: str) -> bool:
    """A heading whose section lists the focus areas."""
    label = _label_text(text)
    c = cues()
    return bool(c.anywhere.search(label) or c.label.match(label) or c.phrase.match(label))


def phrase_opening_end(text: str) -> int | None:
    """Where the first area starts in a paragraph that opens with a focus phrase heading."""
    match = cues().phrase_opening.match(text)
    return match.end() if match else None


def is_focus_lead_in(text: str) -> bool:
    """A sentence ending in ":" that announces the areas listed after it."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return False
    c = cues()
    if c.listing_noun.search(stripped) or c.counted_generic.search(stripped):
        return True
    # "Medborgarlöftet fokuserar på följande:", but not "Vi prioriterar följande insatser:".
    return bool(c.focus_verb.search(stripped)) and not c.action_nouns.search(stripped)

"""Skip a regex that cannot match: it needs a word the text does not contain.

Extractors run families of rule patterns over every sentence and block, and most
patterns match almost nothing. A pattern such as ``\\bstatistik`` or
``\\b(har|hade)\\s+…`` can only match a text that contains "statistik", or "har" or
"hade". Those words are read from the compiled pattern itself, so the rule files stay
the only source of the patterns; a plain substring test on the lower-cased text then
says, far faster than the regex engine, which patterns are worth running.

The test never skips a pattern that would match. A pattern with no word every match
must contain is always run, and so is every pattern on a text holding a character
whose case-insensitive matching ``str.lower`` does not mirror ("ſ", "İ", Greek sigma).
"""

from __future__ import annotations

import re
import re._casefix as _casefix
import re._constants as _constants
import re._parser as _parser
from collections.abc import Iterable, Sequence
from typing import Any

# A parsed pattern: (opcode, argument) pairs, as ``re._parser`` gives them.
ParseItems = Iterable[tuple[Any, Any]]

# More spellings than this and a required word set stops being a cheap test.
MAX_WORDS = 64
# Literal runs multiply out ("ha" + "r"|"de"); past this many spellings a run is cut.
MAX_SPELLINGS = 32


def _odd_case_chars() -> frozenset[str]:
    """Characters that match case-insensitively beyond what ``str.lower`` shows."""
    chars = {"\u0130"}  # "İ" lower-cases to two characters
    for key, extras in _casefix._EXTRA_CASES.items():
        for code in (key, *extras):
            char = chr(code)
            chars.update((char, char.upper(), char.lower()))
    return frozenset(c for c in chars if len(c) == 1 and not c.isascii())


ODD_CASE_CHARS = _odd_case_chars()
ODD_CASE = re.compile("[" + "".join(re.escape(c) for c in sorted(ODD_CASE_CHARS)) + "]")

_LITERAL = _constants.LITERAL
_IN = _constants.IN
_SUBPATTERN = _constants.SUBPATTERN
_BRANCH = _constants.BRANCH
_ATOMIC_GROUP = _constants.ATOMIC_GROUP
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


def _char(code: int) -> str | None:
    char = chr(code)
    return None if char in ODD_CASE_CHARS else char.lower()


def _exact(items: ParseItems) -> frozenset[str] | None:
    """The strings a sequence matches when it is only literals and literal choices."""
    found = frozenset({""})
    for op, av in items:
        if op is _LITERAL:
            char = _char(av)
            options = None if char is None else frozenset({char})
        elif op is _IN:
            chars = [_char(code) for kind, code in av if kind is _LITERAL]
            known = [c for c in chars if c is not None]
            options = frozenset(known) if len(known) == len(av) else None
        elif op is _SUBPATTERN:
            options = _exact(av[-1])
        elif op is _BRANCH:
            exact_branches = [_exact(branch) for branch in av[1]]
            known_branches = [b for b in exact_branches if b is not None]
            options = (
                frozenset().union(*known_branches) if len(known_branches) == len(exact_branches) else None
            )
        else:
            options = None
        if options is None:
            return None
        found = frozenset(a + b for a in found for b in options)
        if len(found) > MAX_SPELLINGS:
            return None
    return found


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two word sets: longer shortest word, then fewer words."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _usable(words: frozenset[str]) -> frozenset[str] | None:
    if not words or "" in words:
        return None
    # A text holding "medborgarlöfte" holds "löfte": testing the shorter word is enough.
    # Counted after that, so "månadsmöte", "månadsrapport" … cost one test of "månad".
    kept = frozenset(w for w in words if not any(v != w and v in w for v in words))
    return kept if len(kept) <= MAX_WORDS else None


def _required(items: ParseItems) -> frozenset[str] | None:
    """Words of which every match of the sequence contains at least one, if any are known."""
    best: frozenset[str] | None = None
    run: frozenset[str] = frozenset({""})
    for item in items:
        exact = _exact([item])
        if exact is not None:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) <= MAX_SPELLINGS:
                run = joined
                continue
        best = _better(best, _usable(run))
        run = frozenset({""}) if exact is None else exact
        if exact is None:
            best = _better(best, _required_in(item))
    return _better(best, _usable(run))


def _required_in(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, av = item
    if op is _SUBPATTERN:
        return _required(av[-1])
    if op is _ATOMIC_GROUP:
        return _required(av)
    if op in _REPEATS:
        low, _, body = av
        return _required(body) if low >= 1 else None
    if op is _BRANCH:
        branches = [_required(branch) for branch in av[1]]
        known = [b for b in branches if b is not None]
        if len(known) != len(branches):
            return None
        return _usable(frozenset().union(*known))
    return None


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased words of which every match of ``pattern`` contains one, or None."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, ValueError):
        return None  # an unreadable pattern is simply always run
    return _required(tree.data)


class Prefilter:
    """Which of a family of patterns could match a given text."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.required = tuple(required_words(p) for p in patterns)
        self.words = tuple(sorted(frozenset().union(*(r for r in self.required if r is not None))))
        self._all = tuple(True for _ in patterns)

    def possible(self, text: str) -> Sequence[bool]:
        """For each pattern, False only when it cannot match anywhere in ``text``."""
        if not text.isascii() and ODD_CASE.search(text):
            return self._all
        lowered = text.lower()
        present = {w for w in self.words if w in lowered}
        return [r is None or not r.isdisjoint(present) for r in self.required]


# Prefilters of single patterns by id(): hashing a compiled pattern hashes its whole code.
# The pattern is kept beside its prefilter so its id cannot be reused.
_SINGLE: dict[int, tuple[re.Pattern[str], Prefilter]] = {}


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, answered at once when ``text`` lacks every word it needs."""
    entry = _SINGLE.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _SINGLE[id(pattern)] = (pattern, Prefilter([pattern]))
    if not entry[1].possible(text)[0]:
        return None
    return pattern.search(text)

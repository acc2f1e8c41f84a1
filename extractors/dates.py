"""Swedish date expressions: the regex grammar the validity rules are written in, and their values.

Rule files write placeholders such as ``{to:DAY}`` or ``{span:YEAR_SPAN}``; ``expand``
turns them into named groups built from the fragments below, and ``parse_date`` /
``parse_year_span`` read what a group captured. Our own grammar handles ISO dates,
"1 januari 2018", "måndagen den 1:a januari 2018", "31/12 2019", "december 2021",
a range start without its year ("1/1–31/12 2019") and year spans first, because
dateparser swaps day and month on some ISO dates and misses several Swedish forms;
nothing here guesses a date the text does not state.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from extractors.names import alternation
from models.rules import read_rules

VOCABULARY_PATH = Path(__file__).with_name("dates.yaml")

Granularity = Literal["day", "month", "year"]
# How deep phrase fragments may refer to each other before a cycle is assumed.
MAX_FRAGMENT_DEPTH = 5
PLACEHOLDER = re.compile(r"\{(?:(?P<group>[a-z_]+):)?(?P<fragment>[A-Z_]+)\}")


@dataclass(frozen=True)
class DateValue:
    """A stated date or period: its first and last day, and how precisely it was stated."""

    first: date
    last: date
    granularity: Granularity
    # Set when the text states an impossible day ("31 juni") that was read as the month's end.
    correction: str | None = None


@dataclass(frozen=True)
class Grammar:
    fragments: dict[str, str]
    months: dict[str, int]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    numeric_no_year: re.Pattern[str]
    spelled: re.Pattern[str]
    month_year: re.Pattern[str]
    year_span: re.Pattern[str]



@cache
def grammar() -> Grammar:
    vocabulary = read_rules(VOCABULARY_PATH)
    months: dict[str, int] = {name.lower(): int(number) for name, number in vocabulary["months"].items()}
    ordinal = vocabulary["ordinal_suffix"]
    month = rf"(?:{alternation(list(months))})(?![a-zåäö])\.?"
    weekday = rf"(?:{alternation(vocabulary['weekdays'])})(?:en)?"
    year_num = r"(?:19|20)\d\d"
    year_sep = "(?:" + "|".join(vocabulary["year_span_separators"]) + ")"
    # A year that is not the start of an ISO date or a decimal number.
    year_tail = r"(?!\d|-\d{1,2}-\d|\.\d)"
    year = rf"(?<![\d/.]){year_num}{year_tail}"
    # "den sista februari 2027": the month's last day.
    day_number = rf"(?:(?<!\d)(?:0?[1-9]|[12]\d|3[01]){ordinal}|sista)"
    weekday_lead = rf"(?:{weekday},?\s+)?(?:den\s+)?"
    with_year = rf"\s+(?:år\s+)?{year_num}(?!\d)"
    no_year = rf"(?!\s+(?:år\s+)?{year_num})"
    year_list_guard = rf"(?!\s*(?:,|och|samt|&|respektive)\s*{year_num})"
    # Python's lookbehind is fixed-width, so the list words before a year are one guard each.
    after_year_list = "".join(rf"(?<!{word})" for word in (", ", "och ", "samt ", "& ", "respektive "))

    fragments = {
        "MONTH": month,
        "YEAR": year,
        "YEAR_SPAN": (
            rf"{after_year_list}{year}(?:{year_sep}(?:{year_num}|\d\d){year_tail})?{year_list_guard}"
        ),
        "DAY_ISO": rf"(?<![\d-]){year_num}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)",
        "DAY_NUMERIC": (
            rf"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])(?:\s*-\s*|\s+|\.){year_num}(?!\d)"
        ),
        "DAY_SPELLED": rf"{weekday_lead}{day_number}\s+{month}{with_year}",
        "MONTH_YEAR": rf"{month}{with_year}",
        "DAY_NO_YEAR": rf"{weekday_lead}{day_number}\s+{month}{no_year}",
        # "1/1" opening "1/1–31/12 2019": day/month with its year left to the range's end.
        "DAY_NUMERIC_NO_YEAR": (
            rf"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])(?!(?:\s*-\s*|\s+){year_num})"
        ),
        "MONTH_NO_YEAR": rf"{month}{no_year}",
    }
    fragments["DAY"] = "(?:{DAY_SPELLED}|{DAY_ISO}|{DAY_NUMERIC})".format(**fragments)
    fragments["DATE_NOT_YEAR"] = "(?:{DAY}|{MONTH_YEAR})".format(**fragments)
    fragments["DATE"] = "(?:{DAY}|{MONTH_YEAR}|{YEAR})".format(**fragments)
    # The start of a range may leave its year to the end: "1 januari – 31 december 2019".
    fragments["DATE_OPT_YEAR"] = (
        "(?:{DAY}|{MONTH_YEAR}|{DAY_NO_YEAR}|{DAY_NUMERIC_NO_YEAR}|{MONTH_NO_YEAR}|{YEAR})".format(
            **fragments
        )
    )

    month_names = alternation(list(months))
    flags = re.IGNORECASE
    return Grammar(
        fragments=fragments,
        months=months,
        iso=re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", flags),
        numeric=re.compile(r"(\d{1,2})[/.](\d{1,2})(?:\s*-\s*|\s+|\.)(\d{4})", flags),
        numeric_no_year=re.compile(r"(\d{1,2})/(\d{1,2})", flags),
        spelled=re.compile(
            rf"{weekday_lead}(\d{{1,2}}|sista){ordinal}\s+({month_names})\.?(?:\s+(?:år\s+)?(\d{{4}}))?",
            flags,
        ),
        month_year=re.compile(rf"({month_names})\.?(?:\s+(?:år\s+)?(\d{{4}}))?", flags),
        year_span=re.compile(rf"(\d{{4}})(?:{year_sep}(\d{{2}}|\d{{4}}))?", flags),
    )


def expand(template: str, phrases: dict[str, str] | None = None) -> str:
    """Replace ``{group:FRAGMENT}`` with a named group and ``{FRAGMENT}`` with the bare fragment.

    ``phrases`` adds a caller's own fragments (a rule file's verbs and markers) to the date ones.
    """
    fragments = {**grammar().fragments, **(phrases or {})}

    def substitute(match: re.Match[str]) -> str:
        name = match["fragment"]
        if name not in fragments:
            raise ValueError(f"unknown date fragment {{{name}}} in pattern {template!r}")
        group = match["group"]
        return f"(?P<{group}>{fragments[name]})" if group else fragments[name]

    # A phrase may itself use fragments ("{AT_SIGNING}" uses "{START}"): expand until none is left.
    expanded = template
    for _ in range(MAX_FRAGMENT_DEPTH):
        following = PLACEHOLDER.sub(substitute, expanded)
        if following == expanded:
            return expanded
        expanded = following
    raise ValueError(f"fragments nest deeper than {MAX_FRAGMENT_DEPTH} in pattern {template!r}")


def _day(year: int, month: int, day: int, text: str) -> DateValue | None:
    if not 1 <= month <= 12 or day < 1:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if day <= last_day:
        value = date(year, month, day)
        return DateValue(value, value, "day")
    # A published "31 juni" means the end of June: keep the month, say so.
    value = date(year, month, last_day)
    return DateValue(value, value, "day", f"'{text}' is not a date; read as {value.isoformat()}")


def _month(year: int, month: int) -> DateValue:
    last_day = calendar.monthrange(year, month)[1]
    return DateValue(date(year, month, 1), date(year, month, last_day), "month")


def parse_date(text: str, default_year: int | None = None) -> DateValue | None:
    """The value of one date expression captured by a fragment; None when it is not a date.

    ``default_year`` fills a missing year (the start of a range borrows the end's year).
    """
    text = text.strip()
    g = grammar()
    if m := g.iso.fullmatch(text):
        return _day(int(m[1]), int(m[2]), int(m[3]), text)
    if m := g.numeric.fullmatch(text):
        return _day(int(m[3]), int(m[2]), int(m[1]), text)
    if m := g.numeric_no_year.fullmatch(text):
        return None if default_year is None else _day(default_year, int(m[2]), int(m[1]), text)
    if m := g.spelled.fullmatch(text):
        year = int(m[3]) if m[3] else default_year
        if year is None:
            return None
        month = g.months[m[2].lower()]
        day = calendar.monthrange(year, month)[1] if m[1].lower() == "sista" else int(m[1])
        return _day(year, month, day, text)
    if m := g.month_year.fullmatch(text):
        year = int(m[2]) if m[2] else default_year
        return None if year is None else _month(year, g.months[m[1].lower()])
    return parse_year_span(text)


def parse_year_span(text: str) -> DateValue | None:
    """A bare year ("2017") or year span ("2023–2025", "2019/20") as whole years."""
    m = grammar().year_span.fullmatch(text.strip())
    if not m:
        return None
    first_year = int(m[1])
    last_year = first_year
    if m[2]:
        last_year = int(m[2]) if len(m[2]) == 4 else first_year // 100 * 100 + int(m[2])
        if last_year < first_year:
            return None
    return DateValue(date(first_year, 1, 1), date(last_year, 12, 31), "year")


def parse_range(start_text: str, end_text: str) -> tuple[DateValue, DateValue] | None:
    """Both ends of a stated range, the start borrowing the end's year when it has none."""
    end = parse_date(end_text)
    if end is None:
        return None
    start = parse_date(start_text, default_year=end.last.year)
    if start is not None and start.first > end.last:
        # "1 september – 31 augusti 2019": a start without a year lies in the year before.
        start = parse_date(start_text, default_year=end.last.year - 1)
    if start is None or start.first > end.last:
        return None
    return start, end

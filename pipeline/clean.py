"""Clean: raw bytes (plain text, HTML, PDF) -> a Document of typed blocks.

One path for every format: each format is first turned into *lines* (with a
structural hint where the markup gives one), then the same rules drop site
chrome, join wrapped lines, and type each block as heading, paragraph, list
item, caption or signature. Chrome patterns live in ``boilerplate.yaml`` and the
block cues in ``structure.yaml``, beside this file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from models import Block, BlockKind, Document
from models.rules import read_rules
from pipeline.snapshots import sniff_content_type

HERE = Path(__file__).parent

MAX_HEADING_CHARS = 110
# "Kontaktperson: …", "Undertecknat av: …": a labelled line, never a caption.
LABEL = re.compile(r"[A-ZÅÄÖ][\w ]{1,30}:\s")
MAX_HEADING_WORDS = 12
TERMINAL = ".!?;:,"
# Menu words such as "Kontakt" are chrome only among a page's opening lines.
LEADING_LINES = 15
# A sentence this long has started the article: a news listing can only come after one.
PROSE_WORDS = 10


class CleanError(Exception):
    """Input that cannot become a document. The message is one line naming the problem."""


@dataclass
class Line:
    """A line of source text on its way to becoming (part of) a block."""

    text: str
    hint: BlockKind | None = None  # structure the markup states (HTML tags); None for plain text
    starts_group: bool = False  # a blank line or block boundary precedes it
    marker: str | None = None
    before_credit: bool = False  # the line right above a photo credit: a caption
    # Not the page's content (another news item, a feed item's publication date): dropped with the chrome.
    not_content: bool = False
    kind: BlockKind | None = None
    extra: list[str] = field(default_factory=list)  # further lines of a signature block


# --- rule data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChromeRule:
    pattern: re.Pattern[str]
    and_next: bool
    leading_only: bool = False  # only in the page's opening lines (menus), not in the body


@cache
def chrome_rules() -> tuple[ChromeRule, ...]:
    data = read_rules(HERE / "boilerplate.yaml")
    rules = []
    for entry in data["drop"]:
        if "line" in entry:
            regex = re.escape(entry["line"])
        elif "prefix" in entry:
            regex = re.escape(entry["prefix"]) + ".*"
        else:
            regex = entry["regex"]
        rules.append(
            ChromeRule(
                re.compile(regex, re.IGNORECASE),
                bool(entry.get("and_next")),
                entry.get("where") == "leading",
            )
        )
    return tuple(rules)


@dataclass(frozen=True)
class ListingRules:
    heading: re.Pattern[str]
    date_line: re.Pattern[str]
    promise_word: re.Pattern[str]
    min_feed_items: int


@cache
def listing_rules() -> ListingRules:
    data = read_rules(HERE / "boilerplate.yaml")["listings"]
    heading = "|".join(f"(?:{entry['regex']})" for entry in data["headings"])
    return ListingRules(
        re.compile(heading, re.IGNORECASE),
        re.compile(data["date_line"], re.IGNORECASE),
        re.compile(data["feed"]["promise_word"], re.IGNORECASE),
        int(data["feed"]["min_items"]),
    )


@cache
def structure() -> dict:
    data = read_rules(HERE / "structure.yaml")
    data["bullet"] = re.compile(data["bullet_regex"])
    return data


# --- entry points --------------------------------------------------------------------------


def clean_file(path: Path | str, content_type: str | None = None, title: str | None = None) -> Document:
    """Read and clean one file. Raises CleanError with a message naming the file."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CleanError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        return clean(content, content_type or path.suffix, title=title)
    except CleanError as exc:
        raise CleanError(f"{path}: {exc}") from exc


def clean(content: bytes, content_type: str | None = None, *, title: str | None = None) -> Document:
    """Turn raw bytes into a Document. ``content_type`` is a hint: the bytes decide first."""
    if not content.strip():
        raise CleanError("empty file")
    kind = sniff_content_type(content, content_type)
    if kind == "pdf":
        from pipeline.clean_pdf import lines_from_pdf

        lines, found_title = lines_from_pdf(content)
        cleaner = "pdf"
    elif kind == "html":
        from pipeline.clean_html import lines_from_html

        lines, found_title, cleaner = lines_from_html(decode_text(content, html=True))
    else:
        lines, found_title, cleaner = lines_from_text(decode_text(content)), None, "text"
    document = build_document(lines, title=title or found_title, content_type=kind, cleaner=cleaner)
    if not document.text.strip():
        raise CleanError(f"no text left after cleaning ({kind})")
    return document


# --- decoding ------------------------------------------------------------------------------


def decode_text(content: bytes, html: bool = False) -> str:
    """Bytes to str: UTF-8 first, then a detected charset; binary junk is refused."""
    if b"\x00" in content[:8192]:
        raise CleanError("binary content (NUL bytes), not text, HTML or PDF")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_mostly_utf8(content) or _decode_detected(content)
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise CleanError("binary content (control characters), not text, HTML or PDF")
    return text


# Control characters (Unicode category Cc) other than tab, newlines and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _cp1252_for_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("medborgarloften-cp1252", _cp1252_for_bad_bytes)


def _decode_mostly_utf8(content: bytes) -> str | None:
    """UTF-8 with a few stray windows-1252 bytes (a pasted "ö" from an old editor).

    Charset detection on such a file guesses a wholly different script; decoding the
    valid UTF-8 as UTF-8 and only the stray bytes as windows-1252 keeps the text.
    """
    replaced = content.decode("utf-8", errors="replace")
    if replaced.count("\ufffd") > max(3, len(replaced) // 100):
        return None
    return content.decode("utf-8", errors="medborgarloften-cp1252").removeprefix("\ufeff")


def _decode_detected(content: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is None:
        raise CleanError("undecodable text: not UTF-8 and no charset fits")
    encoding = best.encoding
    # Swedish pages mislabelled or unlabelled are nearly always windows-1252 / latin-1.
    if encoding.lower().replace("_", "-") in {"iso-8859-1", "latin-1", "windows-1250", "cp1250"}:
        encoding = "cp1252"
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise CleanError(f"undecodable text ({encoding})") from exc


# --- plain text ----------------------------------------------------------------------------


def lines_from_text(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = True
    for raw in text.splitlines():
        line = normalize_space(raw)
        if not line:
            gap = True
            continue
        lines.append(Line(line, starts_group=gap))
        gap = False
    return lines


_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalize_space(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    value = _INVISIBLE.sub("", value)
    return _SPACE.sub(" ", value).strip()


# --- the shared block rules ----------------------------------------------------------------


def build_document(
    lines: list[Line], *, title: str | None, content_type: str, cleaner: str
) -> Document:
    mark_listings(lines)
    mark_feed(lines)
    lines = drop_chrome(lines)
    lines = split_bullets(lines)
    lines = join_wrapped(lines)
    classify(lines)
    lines = group_signatures(lines)
    return render(lines, title=title, content_type=content_type, cleaner=cleaner)


def drop_chrome(lines: list[Line]) -> list[Line]:
    kept: list[Line] = []
    skip_next = False
    for position, line in enumerate(lines):
        if skip_next or line.not_content:
            skip_next = False
            continue
        # A menu word is chrome among the opening lines, unless the markup says it is a heading.
        rule = _chrome_rule_for(line.text, leading=position < LEADING_LINES and line.hint != "heading")
        if rule is None:
            kept.append(line)
            continue
        skip_next = rule.and_next and not line.text.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyzåäö"))
        if kept and re.match(r"(bild|foto|fotograf)\b", line.text, re.IGNORECASE):
            kept[-1].before_credit = True
    return _restore_groups(kept, lines)


def mark_listings(lines: list[Line]) -> None:
    """Mark a news page's listing of other news, its heading and every dated teaser under it.

    Marked, not removed: the chrome rules still see the page's lines where they were
    (a menu word is chrome only among the opening lines) and drop the marked ones too.
    """
    rules = listing_rules()
    position = 0
    # Only under an article: a menu at the top may list "Fler nyheter" above the article's
    # own title and date, which would read as a teaser.
    after_prose = False
    while position < len(lines):
        line = lines[position]
        if after_prose and rules.heading.fullmatch(line.text):
            end = _listing_end(lines, position + 1, rules)
            if end > position + 1 or end == len(lines):
                for listed in lines[position:end]:
                    listed.not_content = True
                position = end
                continue
        after_prose = after_prose or _is_prose(line.text)
        position += 1


def mark_feed(lines: list[Line]) -> None:
    """On a news feed (dated items one after another), mark the items that are not the promise.

    An item is a date line and a title, either way round, with the text up to the next
    item. Only when an item speaks of a promise and enough others do not: a feed without
    a promise is left as it is, and so is a promise page with a few dated updates (its own
    title and date read as an item too).
    """
    rules = listing_rules()
    starts = [i for i in range(len(lines) - 1) if _feed_item_starts(lines, i, rules)]
    if not starts:
        return
    items = list(zip(starts, [*starts[1:], _feed_end(lines, starts[-1])], strict=True))
    about_promise = [any(rules.promise_word.search(line.text) for line in lines[s:e]) for s, e in items]
    if not any(about_promise) or about_promise.count(False) < rules.min_feed_items:
        return
    for (start, end), keep in zip(items, about_promise, strict=True):
        if not keep:
            for line in lines[start:end]:
                line.not_content = True
        elif rules.date_line.fullmatch(lines[start].text):
            lines[start].not_content = True  # when the item was published, not when the promise was signed


def _feed_item_starts(lines: list[Line], i: int, rules: ListingRules) -> bool:
    """A date line over a title, or a title over a date line (a teaser, as in a listing)."""
    first, second = lines[i].text, lines[i + 1].text
    if rules.date_line.fullmatch(first):
        return _short_unpunctuated(second) and not rules.date_line.fullmatch(second)
    # A title under a date line is the second line of a date-first item, not an item of its own.
    return (i == 0 or not rules.date_line.fullmatch(lines[i - 1].text)) and _teaser_starts(lines, i, rules)


def _feed_end(lines: list[Line], last_start: int) -> int:
    """The last item runs to the next heading-like line after its own text ("Visa fler nyheter")."""
    position = last_start + 2
    while position < len(lines) and not (position > last_start + 2 and _opens_section(lines[position])):
        position += 1
    return position


def _is_prose(text: str) -> bool:
    return len(text.split()) >= PROSE_WORDS and text.endswith((".", "!", "?"))


def _listing_end(lines: list[Line], position: int, rules: ListingRules) -> int:
    """Where the teasers that start at ``position`` end: at a line that is neither title, date nor text.

    Under a listing heading a teaser may also be undated: a title over lines of prose
    ("Höstlovsaktiviteter 2026" / "Under höstlovet ordnar fritidsgården …").
    """
    while True:
        if _teaser_starts(lines, position, rules):
            position += 2
            while position < len(lines) and not _teaser_starts(lines, position, rules) \
                    and not _opens_section(lines[position]):
                position += 1
        elif _undated_teaser_starts(lines, position):
            position += 2
            while position < len(lines) and _is_prose(lines[position].text):
                position += 1
        else:
            return position


def _undated_teaser_starts(lines: list[Line], position: int) -> bool:
    return (
        position + 1 < len(lines)
        and _short_unpunctuated(lines[position].text)
        and _is_prose(lines[position + 1].text)
    )


def _teaser_starts(lines: list[Line], position: int, rules: ListingRules) -> bool:
    return (
        position + 1 < len(lines)
        and _short_unpunctuated(lines[position].text)
        and rules.date_line.fullmatch(lines[position + 1].text) is not None
    )


def _opens_section(line: Line) -> bool:
    # The page's own sections after the listing ("Kontakt") are not teaser text.
    return line.hint == "heading" or (line.starts_group and _looks_like_heading(line.text))


def _restore_groups(kept: list[Line], original: list[Line]) -> list[Line]:
    # A dropped line between two kept lines still separates them.
    ids = {id(line) for line in kept}
    dropped_since_last = False
    for line in original:
        if id(line) in ids:
            if dropped_since_last:
                line.starts_group = True
            dropped_since_last = False
        else:
            dropped_since_last = True
    return kept


@cache
def _any_chrome() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in chrome_rules()), re.IGNORECASE)


def _chrome_rule_for(text: str, leading: bool) -> ChromeRule | None:
    if not _any_chrome().fullmatch(text):
        return None  # one combined test first: nearly every line is content
    for rule in chrome_rules():
        if rule.leading_only and not leading:
            continue
        if rule.pattern.fullmatch(text):
            return rule
    return None


def split_bullets(lines: list[Line]) -> list[Line]:
    bullet = structure()["bullet"]
    for line in lines:
        if line.hint in (None, "list_item", "paragraph"):
            match = bullet.match(line.text)
            if match and len(line.text) > match.end():
                if _is_quote_dash(match.group("marker"), line.text):
                    continue
                line.marker = match.group("marker")
                line.text = line.text[match.end() :].strip()
                if line.hint is None or line.hint == "paragraph":
                    line.hint = "list_item" if line.hint is None else line.hint
                    line.kind = None
    return lines


def _is_quote_dash(marker: str, text: str) -> bool:
    # Swedish news style opens a quotation with a dash: "– Det är viktigt …, säger X."
    return marker in "-–—" and bool(re.search(r",? säger \w", text))


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Join a line that continues the previous one (a wrapped bullet or sentence)."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and _continues(previous, line):
            previous.text = f"{previous.text} {line.text}"
            continue
        joined.append(line)
    return joined


def _continues(previous: Line, line: Line) -> bool:
    if line.hint == previous.hint == "list_item" and not line.marker and not line.starts_group:
        return True  # a <br> inside one <li>
    if line.marker or line.hint in ("heading", "list_item", "caption"):
        return False
    if previous.text.endswith(tuple(".!?:;")) or previous.hint == "heading":
        return False
    first = line.text[0]
    if first.islower():
        return True
    last_word = previous.text.rsplit(" ", 1)[-1].lower()
    wants_more = structure()["open_endings"] + (structure()["open_before_number"] if first.isdigit() else [])
    if last_word in wants_more and not line.starts_group and len(previous.text) >= 45:
        # "… vid Stortorget och i" / "Rådhusesplanaden." is one sentence; a short line
        # ("Det här ska vi arbeta med") is a heading or lead-in, not a wrapped one.
        return True
    # A plain-text bullet that wraps with no blank line; the next line is not a new item.
    return bool(previous.marker and not line.starts_group and first in "(\"'”")


def classify(lines: list[Line]) -> None:
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        preceding = lines[index - 1] if index else None
        line.kind = _kind_of(line, preceding, following)


def _kind_of(line: Line, preceding: Line | None, following: Line | None) -> BlockKind:
    if line.hint in ("heading", "caption", "signature"):
        return line.hint
    if line.before_credit and _short_unpunctuated(line.text):
        return "caption"
    if line.marker:
        if _is_numbered_heading(line, preceding, following):
            return "heading"
        return "list_item"
    if line.hint == "list_item":
        return "list_item"
    if _names_people(line.text) and _short_unpunctuated(line.text) and not LABEL.match(line.text):
        return "caption"
    if _looks_like_heading(line.text) and following is not None and line.hint is None:
        return "heading"
    return "paragraph"


def _is_numbered_heading(line: Line, preceding: Line | None, following: Line | None) -> bool:
    if not re.fullmatch(r"\(?\d{1,2}[.)]", line.marker or ""):
        return False
    if not _short_unpunctuated(line.text, max_words=16):
        return False
    number = re.sub(r"\D", "", line.marker or "")
    if following is not None and re.match(rf"{number}\.\d", following.marker or ""):
        return True  # "2. Trafiksäkerhet" over "2.1 …": a section of numbered items
    if line.text.isupper():
        return True  # "2. TRAFIKSÄKERHET I BREDARYD": a section title in capitals
    if preceding is not None and preceding.marker and re.match(r"\(?\d", preceding.marker):
        return False
    return following is None or not following.marker or not re.match(r"\(?\d", following.marker)


def _short_unpunctuated(text: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    return (
        len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= max_words
        and not text.endswith(tuple(TERMINAL))
    )


_NAME = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"


def _names_a_role(text: str) -> bool:
    """'Kommunstyrelsens ordförande', 'Brottsförebyggande samordnare': a role word in the line."""
    lowered = text.lower()
    return any(cue in lowered for cue in structure()["role_cues"])


def _names_people(text: str) -> bool:
    """A role word followed by a capitalised name: 'ordförande Gert Jonsson'."""
    if not _names_a_role(text):
        return False
    return bool(re.search(rf"\w*({'|'.join(structure()['role_cues'])})\w*,? {_NAME} {_NAME}", text))


def _looks_like_heading(text: str) -> bool:
    if text.endswith("?") and len(text.split()) <= 8 and not re.search(r"[.!:;]", text):
        # Question headings: "Vad ska vi göra?", "Vad har invånarna sagt?"
        return text[0].isupper()
    if not _short_unpunctuated(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"”“'"):
        return False
    if re.search(r":\s+\S", text) or re.search(r"\d[\d -]{5,}", text):
        return False  # "Telefon: 010-…" is a contact line, not a heading
    if re.search(r",\s*\w*(" + "|".join(structure()["role_cues"]) + r")", text.lower()):
        return False  # "Steve Johansson, kommunpolis"
    return True


# --- signatures ----------------------------------------------------------------------------

_WEEKDAY = r"(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)"
_DATE_LINE = re.compile(
    r"(?:[A-ZÅÄÖ][\wåäöé\- ]{1,40}?,?\s+)?(?:" + _WEEKDAY + r")?(?:den\s+)?"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+\d{4}|\d{1,2}/\d{1,2}\s+\d{4})"
)
_PERSON_LINE = re.compile(rf"{_NAME}(?: {_NAME}){{1,3}}(?: \([A-ZÅÄÖ]{{1,3}}\))?")


def group_signatures(lines: list[Line]) -> list[Line]:
    """Fold name / role / organisation lines into one signature block each.

    A signature area opens at a place-and-date line ("Båstad 2016-12-13") or at a
    group of short lines that starts with a person's name and names a role.
    """
    result: list[Line] = []
    index = 0
    in_signature_area = False
    while index < len(lines):
        line = lines[index]
        if line.kind in ("paragraph", "heading") and _DATE_LINE.fullmatch(line.text):
            line.kind = "signature"
            in_signature_area = True
            result.append(line)
            index += 1
            continue
        if line.kind == "heading" and not _signature_like(line.text):
            in_signature_area = False  # a new section ("Bilaga 1 – Handlingsplan") ends the signatures
        group = _signature_group(lines, index)
        if not group and in_signature_area:
            # Side-by-side signatures ("För Borås Stad För Polisen" over two names) come
            # as one group of short lines; keep them together for the people extractor.
            group = _short_line_group(lines, index)
        if group and (in_signature_area or _group_names_role(group)):
            head = group[0]
            head.kind = "signature"
            head.extra = [member.text for member in group[1:]]
            result.append(head)
            index += len(group)
            continue
        if line.kind not in ("paragraph", "heading") or line.text.endswith("."):
            in_signature_area = in_signature_area and line.kind == "signature"
        result.append(line)
        index += 1
    return result


def _signature_group(lines: list[Line], start: int) -> list[Line]:
    """The name / role / organisation lines of one signature, or of a contact card that puts
    the role first ("Brottsförebyggande samordnare" / "Jenny Axelsson" / "0495-24 00 00")."""
    head = start + 1 if _role_over_name(lines, start) else start
    name = lines[head]
    if name.marker or not _PERSON_LINE.fullmatch(name.text):
        return []
    group = lines[start : head + 1]
    for line in lines[head + 1 : head + 4]:
        if line.starts_group or line.marker or not _short_unpunctuated(line.text, max_words=8):
            break
        group.append(line)
    return group if len(group) >= 2 else []


def _role_over_name(lines: list[Line], start: int) -> bool:
    first = lines[start]
    return (
        start + 1 < len(lines)
        and not first.marker
        and _short_unpunctuated(first.text, max_words=4)
        and _names_a_role(first.text)
        and _is_a_name(lines[start + 1].text)
    )


def _is_a_name(text: str) -> bool:
    """A person's name alone: two or three capitalised words, none an organisation's
    ("Borås Stad Lokalpolisområde Borås" under side-by-side roles is the organisations' row)."""
    words = text.split()
    return (
        bool(_PERSON_LINE.fullmatch(text))
        and len(words) <= 3
        and not any(w.lower() in structure()["organisation_words"]
                    or w.lower().startswith(tuple(structure()["organisation_prefixes"])) for w in words)
    )


def _signature_like(text: str) -> bool:
    """'För Borås Stad', 'Kommunstyrelsens ordförande', 'Lena Holm': lines of a signature."""
    return (
        text.lower().startswith("för ")
        or _names_a_role(text)
        or bool(_PERSON_LINE.fullmatch(text))
    )


def _short_line_group(lines: list[Line], start: int) -> list[Line]:
    group: list[Line] = []
    for line in lines[start : start + 6]:
        if (group and line.starts_group) or line.marker or not _short_unpunctuated(line.text, max_words=10):
            break
        if LABEL.match(line.text):
            return []  # "Aktivitet: … / Ansvarig: …" is a plan entry, not a signature
        group.append(line)
    return group if len(group) >= 2 else []


def _group_names_role(group: list[Line]) -> bool:
    return any(_names_a_role(member.text) for member in group if not _PERSON_LINE.fullmatch(member.text))


# --- rendering -----------------------------------------------------------------------------


def render(lines: list[Line], *, title: str | None, content_type: str, cleaner: str) -> Document:
    parts: list[str] = []
    blocks: list[Block] = []
    position = 0
    previous_kind: BlockKind | None = None
    for line in lines:
        kind = line.kind or "paragraph"
        if parts:
            separator = "\n" if kind == previous_kind == "list_item" else "\n\n"
            parts.append(separator)
            position += len(separator)
        prefix = f"{line.marker} " if line.marker and kind == "list_item" else ""
        if line.marker and kind == "heading":
            prefix = ""
            line.text = f"{line.marker} {line.text}"
        body = "\n".join([line.text, *line.extra])
        parts.append(prefix + body)
        start = position + len(prefix)
        position += len(prefix) + len(body)
        blocks.append(Block(kind=kind, start=start, end=position, marker=line.marker))
        previous_kind = kind
    text = "".join(parts)
    if title is None:
        title = next((text[b.start : b.end] for b in blocks if b.kind == "heading"), None)
    return Document(text=text, blocks=blocks, title=title, content_type=content_type, cleaner=cleaner)

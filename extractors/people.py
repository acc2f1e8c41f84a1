"""People of the promise: who signs it, who speaks for a party, whom the public may contact.

Phrasings, each its own rule:
- ``people.signature_block``: a signature block ("Bo Wendt\\nKommunstyrelsens ordförande\\nBåstads kommun");
- ``people.name_over_role``: a name line over a role line that the cleaner left as paragraphs;
- ``people.name_role_line``: a line that is only "Name, role[, organisation]";
- ``people.signature_columns``: signatures side by side, flattened into a line of names over
  a line of roles ("Ulf Olsson (S) Anneli Karlsson" / "Kommunstyrelsens ordförande
  Lokalpolisområdeschef");
- ``people.caption``: a caption of the signing ("Kommunstyrelsens ordförande Gert Jonsson och
  lokalpolisområdeschef Johan Borg");
- ``people.quote``: "… säger Lars Jansson, lokalpolisområdeschef";
- ``people.signed_sentence``: "Löftet undertecknades av kommunpolis Anna Berg och …", "skrev
  kommunstyrelsens ordförande Eva Lind och lokalpolisområdeschef Per Ek under löftet",
  "undertecknat av Eva Lind och Per Nyström";
- ``people.contact``: a name in a contact block ("höra av dig till: Steve Johansson, kommunpolis"),
  also a list of "Name, role, telefon …" lines under a "Kontakt" / "Frågor" heading;
- ``people.labelled_line``: a line whose label says who the people on it are: "Undertecknat av:
  Name, role, org", "Kontaktperson: Name, role, phone", "Nacka kommun: Name, role".

Signature blocks are read line by line across consecutive blocks, so a PDF that puts two
signatures one under the other (or splits them over a page break) gives every signer.

Roles come from ``roles.csv``, cue words from ``people.yaml``. A name needs a role or a
cue beside it: a bare capitalised pair of words is never a person. Photo credits, page
owners and web editors are skipped wherever they appear.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from extractors.analysis import AnalyzedDocument
from extractors.municipalities import municipality_names
from extractors.names import HERE, LOWER, UPPER, alternation, load_rules, trim_span
from extractors.prefilter import Prefilter
from models import Block
from models.record import Person, PersonKind

RULES = "people.yaml"
# A line drawn to sign on: underscores, dashes or dots.
SIGNING_RULE = re.compile(r"[\s_.\-–—]+")
ROLES = HERE / "roles.csv"
# How far (in blocks) a signing or contact cue reaches to the people it introduces.
CUE_REACH = 2
# A block longer than this is prose: a contact cue inside it does not make its names contacts.
SHORT_BLOCK_CHARS = 250
# A place-and-date line or an organisation line of a signature is at most this long.
SIGNATURE_LINE_CHARS = 60
KIND_PRIORITY: dict[str, int] = {"signatory": 0, "spokesperson": 1, "contact": 2}
CUES_KEY = "people.block_cues"


def _flex_alternation(words: list[str]) -> str:
    return alternation(words, flexible_spaces=True)


@dataclass(frozen=True)
class Finding:
    name: str
    role: str | None
    organization: str | None
    kind: PersonKind
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Patterns:
    name: re.Pattern[str]
    role_name: re.Pattern[str]
    name_role: re.Pattern[str]
    speech: re.Pattern[str]
    signing: re.Pattern[str]
    contact: re.Pattern[str]
    contact_detail: re.Pattern[str]
    credit: re.Pattern[str]
    party: re.Pattern[str]
    role_line: re.Pattern[str]
    role: re.Pattern[str]
    date_line: re.Pattern[str]
    signing_phrase: re.Pattern[str]
    bare_signer: re.Pattern[str]
    label_line: re.Pattern[str]
    signing_label: re.Pattern[str]
    contact_label: re.Pattern[str]
    organisation_label: re.Pattern[str]
    organisation_line: re.Pattern[str]
    label_organisation: re.Pattern[str]
    contact_number: re.Pattern[str]
    name_separator: re.Pattern[str]


@cache
def roles() -> tuple[str, ...]:
    with ROLES.open(encoding="utf-8", newline="") as handle:
        found = [row["role"].strip() for row in csv.DictReader(handle) if row["role"].strip()]
    if not found:
        raise ValueError(f"{ROLES}: no roles")
    return tuple(sorted(found, key=len, reverse=True))



@cache
def patterns() -> Patterns:
    rules = load_rules(RULES)
    part = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
    # Two to four capitalised words on one line; "von"/"af"/"de" may stand between.
    name = rf"{part}(?:[ ](?:(?:von|af|de|van|der)[ ])?{part}){{1,3}}"
    party = rules["party_letter_regex"]
    # A role may stand in its definite form before a name: "lokalpolisområdeschefen Per Ek",
    # "kommunalrådet Anna Berg", "ordföranden".
    role = rf"(?i:(?:{_flex_alternation(list(roles()))})(?:en|et|n)?)(?![{LOWER}])"
    # What stands after a role as its organisation: "Västerås", "i Arboga kommun",
    # "lokalpolisområde Västra Mälardalen", "Polisområde Fyrbodal".
    org_words = rf"[{UPPER}][\w\-/]*(?:[ ](?:[{UPPER}][\w\-/]*|kommun|stad))*"
    org = rf"(?:(?i:lokalpolisområde|polisområde|polisregion)[ ])?{org_words}"
    role_org = rf"(?P<role>{role})(?:,?[ ](?:(?:i|för|vid|på|inom)[ ])?(?P<org>{org}))?"
    return Patterns(
        name=re.compile(rf"(?P<name>{name})(?:[ ]*(?P<party>{party}))?"),
        # "säkerhetssamordnare Jonas Berg, Motala kommun": an organisation may follow the name.
        role_name=re.compile(
            rf"(?P<role>{role})[ ,]+(?P<name>{name})(?:[ ]*(?P<party>{party}))?(?:,[ ]*(?P<org>{org}))?"
        ),
        name_role=re.compile(rf"(?P<name>{name})(?:[ ]*(?P<party>{party}))?[ ]*(?:,|–|-)?[ ]*{role_org}"),
        speech=re.compile(rf"(?i:\b(?:{_flex_alternation(rules['speech_verbs'])}))[ ]+"),
        signing=re.compile(rf"(?i:\b(?:{_flex_alternation(rules['signing_cues'])}))"),
        contact=re.compile(rf"(?i:\b(?:{_flex_alternation(rules['contact_cues'])}))"),
        contact_detail=re.compile(rf"(?i:(?:^|\b)(?:{_flex_alternation(rules['contact_detail_cues'])}))"),
        credit=re.compile(rf"(?i:\b(?:{_flex_alternation(rules['credit_prefixes'])})\s*:)"),
        party=re.compile(party),
        role_line=re.compile(rf"{role_org}[ ]*\.?"),
        role=re.compile(rf"(?P<role>{role})"),
        date_line=re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4}"),
        signing_phrase=re.compile("|".join(f"(?:{x})" for x in rules["signing_patterns"]), re.IGNORECASE),
        bare_signer=re.compile(rules["bare_signer_regex"], re.IGNORECASE),
        # "Label: rest of the line"; a label is short and holds no sentence end.
        label_line=re.compile(
            r"^[ \t]*(?P<label>[^:\n.!?]{2,60}?)[ \t]*:[ \t]*(?P<rest>\S[^\n]*)$", re.MULTILINE
        ),
        signing_label=_any_label(rules["signing_labels"]),
        contact_label=_any_label(rules["contact_labels"]),
        organisation_label=re.compile(rules["organisation_label_regex"]),
        organisation_line=re.compile(rules["organisation_line_regex"]),
        label_organisation=re.compile(rules["label_organisation_regex"]),
        contact_number=re.compile(rf"(?<![\d\-])(?:{rules['contact_detail_regex']})"),
        name_separator=re.compile(r"[ ]*(?:,|;|&|\boch\b|\bsamt\b)[ ]*"),
    )


def _any_label(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{x})" for x in patterns), re.IGNORECASE)


@cache
def not_name_words() -> frozenset[str]:
    return frozenset(load_rules(RULES)["not_name_words"])


def is_person_name(name: str) -> bool:
    """A name is not an organisation, a municipality or a sentence opener."""
    words = name.split()
    if len(words) < 2 or any(word in not_name_words() for word in words):
        return False
    return name not in municipality_names()


def _credit_ranges(text: str, block: Block) -> list[tuple[int, int]]:
    """Where photo credits and page-owner lines sit in a block: from the cue to the line's end."""
    ranges = []
    body = text[block.start : block.end]
    for match in patterns().credit.finditer(body):
        line_end = body.find("\n", match.end())
        end = block.end if line_end < 0 else block.start + line_end
        ranges.append((block.start + match.start(), end))
    return ranges


def _is_credit_block(doc: AnalyzedDocument, index: int) -> bool:
    """A block whose text is a credit, or that stands right under a bare 'Sidansvarig:' line."""
    block = doc.blocks[index]
    if patterns().credit.match(doc.block_text(block)):
        return True
    if index > 0:
        above = doc.block_text(doc.blocks[index - 1]).strip()
        return bool(patterns().credit.fullmatch(above))
    return False


def _finding(
    doc: AnalyzedDocument,
    match: re.Match[str],
    offset: int,
    kind: PersonKind,
    rule: str,
) -> Finding | None:
    name = " ".join(match.group("name").split())
    if not is_person_name(name):
        return None
    groups = match.groupdict()
    role = " ".join(groups["role"].split()) if groups.get("role") else None
    org = " ".join(groups["org"].split()) if groups.get("org") else None
    if org and not _is_organisation(org):
        org = None
    start, end = trim_span(doc.text, offset + match.start(), offset + match.end())
    return Finding(name, role, org, kind, start, end, rule)


def _is_organisation(org: str) -> bool:
    """An organisation after a role, not the next person's name ('kommunpolis Anna Berg')."""
    if patterns().organisation_line.fullmatch(org):
        return True
    return not is_person_name(org) or org.split()[-1].lower() in {"kommun", "stad"}


def _people_in(
    doc: AnalyzedDocument,
    start: int,
    end: int,
    credits: list[tuple[int, int]],
    kind: PersonKind,
    rule: str,
) -> Iterator[Finding]:
    """People named with a role in ``text[start:end]``, role-first ones winning overlaps.

    A match whose "name" is no person ("kommunpolis, Lokalpolisområde Norrmalm") takes no
    room, so the name-first reading of the same words ("Sofia Lindqvist, kommunpolis,
    Lokalpolisområde Norrmalm") still counts.
    """
    text = doc.text[start:end]
    taken: list[tuple[int, int]] = []
    for pattern in (patterns().role_name, patterns().name_role):
        for match in pattern.finditer(text):
            s, e = start + match.start(), start + match.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if any(cs <= s < ce for cs, ce in credits):
                continue
            finding = _finding(doc, match, start, kind, rule)
            if finding is None:
                continue
            taken.append((s, e))
            yield finding


@cache
def _sentence_prefilter() -> Prefilter:
    """The cues read in every sentence: speech verb, signing word, signing phrase."""
    p = patterns()
    return Prefilter([p.speech, p.signing, p.signing_phrase])


def _mentions_signing(text: str, possible: Sequence[bool] | None = None) -> bool:
    p = patterns()
    _, signing, phrase = _sentence_prefilter().possible(text) if possible is None else possible
    return bool((signing and p.signing.search(text)) or (phrase and p.signing_phrase.search(text)))


@dataclass(frozen=True)
class BlockCues:
    """Per block (by index): whether it holds a contact cue or a contact detail.

    The contact tests look at a block's neighbours and heading too, so each block is
    searched once per document rather than once for every block around it.
    """

    contact: list[bool]
    contact_detail: list[bool]
    short: list[bool]
    index_of: dict[int, int]


def _block_cues(doc: AnalyzedDocument) -> BlockCues:
    cached: BlockCues | None = doc.doc.user_data.get(CUES_KEY)
    if cached is None:
        p = patterns()
        prefilter = _block_prefilter()
        contact, detail, short = [], [], []
        for block in doc.blocks:
            text = doc.block_text(block)
            contact_possible, detail_possible = prefilter.possible(text)
            contact.append(contact_possible and p.contact.search(text) is not None)
            detail.append(detail_possible and p.contact_detail.search(text) is not None)
            short.append(len(text) <= SHORT_BLOCK_CHARS)
        index_of = {id(block): i for i, block in enumerate(doc.blocks)}
        cached = doc.doc.user_data[CUES_KEY] = BlockCues(contact, detail, short, index_of)
    return cached


@cache
def _block_prefilter() -> Prefilter:
    p = patterns()
    return Prefilter([p.contact, p.contact_detail])


def _has_signing_cue(doc: AnalyzedDocument, indexes: range) -> bool:
    for i in indexes:
        if 0 <= i < len(doc.blocks) and _mentions_signing(doc.block_text(doc.blocks[i])):
            return True
    return False


def _under_contact_heading(doc: AnalyzedDocument, index: int) -> bool:
    """A short block in a section headed "Kontakt", "Frågor om löftet", "Mer information"."""
    block = doc.blocks[index]
    if block.end - block.start > SHORT_BLOCK_CHARS:
        return False
    heading = doc.heading_above(block)
    if heading is None:
        return False
    cues = _block_cues(doc)
    return cues.contact[cues.index_of[id(heading)]]


def _is_contact_context(doc: AnalyzedDocument, index: int) -> bool:
    p = patterns()
    cues = _block_cues(doc)
    if cues.short[index] and cues.contact[index]:
        return True
    if cues.contact_detail[index]:
        return True
    for i in range(index - CUE_REACH, index):
        if i < 0:
            continue
        if cues.short[i] and cues.contact[i]:
            return True
    if _under_contact_heading(doc, index):
        return True
    if index + 1 < len(doc.blocks):
        below = doc.block_text(doc.blocks[index + 1])
        if p.contact_detail.match(below):
            return True
        # A phone number or an e-mail address on the line under the person.
        return len(below) <= SIGNATURE_LINE_CHARS and bool(p.contact_number.search(below))
    return False


def _is_signing_context(doc: AnalyzedDocument, index: int) -> bool:
    if _has_signing_cue(doc, range(index - CUE_REACH, index + CUE_REACH + 1)):
        return True
    title = next((b for b in doc.blocks if b.kind == "heading"), None)
    return title is not None and _mentions_signing(doc.block_text(title))


def _after_place_and_date(doc: AnalyzedDocument, index: int) -> bool:
    """A short "Mölndal den 14 februari 2024" line just above: the place and date of signing."""
    for i in range(max(index - CUE_REACH, 0), index):
        above = doc.block_text(doc.blocks[i]).strip()
        if len(above) <= SIGNATURE_LINE_CHARS and patterns().date_line.search(above):
            return True
    return False


@dataclass
class _Signer:
    """A person being read from the lines of a signature area."""

    name: str
    role: str | None
    organization: str | None
    start: int
    end: int
    kind: PersonKind = "signatory"


def _lines_of(doc: AnalyzedDocument, indexes: list[int]) -> Iterator[tuple[str, int, int]]:
    """The non-empty lines of some blocks, stripped, with their offsets in the text."""
    for index in indexes:
        block = doc.blocks[index]
        offset = block.start
        for raw in doc.block_text(block).split("\n"):
            line_start, offset = offset, offset + len(raw) + 1
            text = raw.strip()
            if text:
                start = line_start + raw.find(text)
                yield text, start, start + len(text)


def _is_organisation_line(text: str) -> bool:
    """A line under a signer that names their organisation, not a page footer or a date."""
    p = patterns()
    if p.organisation_line.fullmatch(text):
        return True
    # Not a dotted signature line, a page footer ("… | Sida 2 av 2") or a date.
    return len(text) <= SIGNATURE_LINE_CHARS and text[0].isupper() and not re.search(r"[\d|@:…_]|\.\.", text)


def _signer_from_line(text: str) -> tuple[str, str | None, str | None] | None:
    """A line that names a signer: "Bo Wendt", "Ulf Olsson (S)", "Anna Berg, kommunpolis"."""
    p = patterns()
    whole = p.name_role.fullmatch(text.rstrip("."))
    if whole:
        name = " ".join(whole.group("name").split())
        if is_person_name(name):
            org = whole.group("org")
            org = " ".join(org.split()) if org and _is_organisation(org) else None
            return name, " ".join(whole.group("role").split()), org
    named = p.name.fullmatch(text)
    if named:
        name = " ".join(named.group("name").split())
        if is_person_name(name):
            return name, None, None
    return None


def _is_column_head(doc: AnalyzedDocument, index: int) -> bool:
    """A short "För Tierps kommun" line above a signature: whose signature it is."""
    text = doc.block_text(doc.blocks[index]).strip()
    return len(text) <= SIGNATURE_LINE_CHARS and text.lower().startswith("för ") and "\n" not in text


def _from_signature_run(doc: AnalyzedDocument, indexes: list[int]) -> list[Finding]:
    """Signers in consecutive signature blocks, read line by line.

    A name line opens a signer; the lines under it give the role, then the organisation.
    A role line above a name ("Kommunstyrelsens ordförande" / "Bo Wendt") and a column head
    ("För Borås Stad") give the next signer's role and organisation. A place-and-date line
    or a labelled line ("Undertecknat av: …", read by the labelled-line rule) closes a signer.
    """
    p = patterns()
    signers: list[_Signer] = []
    current: _Signer | None = None
    pending_role: str | None = None
    pending_org: str | None = None
    for text, start, end in _lines_of(doc, indexes):
        if current is not None and p.contact_number.search(text) and not p.date_line.search(text):
            # A phone number or an e-mail under the person: someone to contact, not a signer.
            current.kind = "contact"
            continue
        if p.date_line.search(text) or p.label_line.match(text):
            current = None
            continue
        if text.lower().startswith("för "):
            current, pending_org = None, text[4:].strip()
            continue
        signer = _signer_from_line(text)
        if signer is not None:
            name, role, org = signer
            current = _Signer(name, role or pending_role, org or pending_org, start, end)
            signers.append(current)
            pending_role = pending_org = None
            continue
        is_role = p.role_line.fullmatch(text) is not None
        if current is None:
            if is_role:
                pending_role = text
            continue
        if current.role is None and not p.organisation_line.fullmatch(text):
            current.role, organisation = _role_and_organisation(text)
            current.organization = current.organization or organisation
            current.end = end
        elif is_role:
            # The next signer's role, written above their name.
            current, pending_role = None, text
        elif current.organization is None and _is_organisation_line(text):
            current.organization, current.end = text, end
        else:
            current = None
    return [
        Finding(s.name, s.role, s.organization, s.kind, s.start, s.end, "people.signature_block")
        for s in signers
    ]


def _role_and_organisation(text: str) -> tuple[str, str | None]:
    """ "Kommunstyrelsens ordförande, Tranemo kommun" -> the role and the organisation after the comma."""
    role, comma, tail = text.rpartition(",")
    if comma and role.strip() and patterns().organisation_line.fullmatch(tail.strip()):
        return role.strip(), tail.strip()
    return text, None


def _split_names(text: str) -> list[str] | None:
    """'Ulf Olsson (S) Anneli Karlsson': the name line of signatures set side by side."""
    p = patterns()
    text = text.strip()
    names = []
    position = 0
    while position < len(text):
        match = p.name.match(text, position)
        if not match:
            return None
        names.append(" ".join(match.group("name").split()))
        position = match.end()
        while position < len(text) and text[position] == " ":
            position += 1
    if len(names) == 1 and len(names[0].split()) == 4:
        # Two two-word names that the cleaner ran together.
        words = names[0].split()
        names = [" ".join(words[:2]), " ".join(words[2:])]
    return names if all(is_person_name(n) for n in names) else None


def _split_roles(text: str) -> list[str] | None:
    pattern = patterns().role
    roles = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = pattern.match(text, position)
        if not match:
            return None
        roles.append(" ".join(match.group("role").split()))
        position = match.end()
        while position < len(text) and text[position] == " ":
            position += 1
    return roles


def _split_organisations(text: str, count: int) -> list[str | None]:
    """'Borås Stad Lokalpolisområde Borås' -> the municipality and the police unit."""
    parts = re.split(
        r"(?:(?<=\bkommun)|(?<=\bKommun)|(?<=\bstad)|(?<=\bStad))[ ]+"
        r"|[ ]+(?=(?i:lokalpolisområde|polisområde|"
        r"polisregion|polismyndigheten|polisen)\b)",
        text.strip(),
    )
    parts = [part.strip() for part in parts if part.strip()]
    if len(parts) != count:
        return [None] * count
    return list(parts)


def _from_signature_columns(doc: AnalyzedDocument, index: int) -> list[Finding]:
    """Signatures side by side, flattened: a line of names over a line of roles.

    The rows come either as consecutive blocks or, when the cleaner recognised the
    signature area, as the lines of one signature block.
    """
    block = doc.blocks[index]
    if block.kind == "signature" and "\n" in doc.block_text(block):
        rows, row_start = [], block.start
        for line in doc.block_text(block).split("\n"):
            rows.append((line, row_start, row_start + len(line)))
            row_start += len(line) + 1
        # "För Borås Stad För Polisen" heads the columns; it names no person.
        rows = [row for row in rows if not row[0].lower().startswith("för ")]
    else:
        rows = [(doc.block_text(b), b.start, b.end) for b in doc.blocks[index : index + 4]]
    # The lines to sign on ("________  ________") name nobody either.
    rows = [row for row in rows if not SIGNING_RULE.fullmatch(row[0])][:3]
    if len(rows) < 2:
        return []
    names = _split_names(rows[0][0])
    if not names or len(names) < 2:
        return []
    roles_found = _split_roles(rows[1][0])
    if not roles_found or len(roles_found) != len(names):
        return []
    last_end = rows[1][2]
    orgs: list[str | None] = [None] * len(names)
    if len(rows) > 2:
        split = _split_organisations(rows[2][0], len(names))
        if any(split):
            orgs, last_end = split, rows[2][2]
    start, end = trim_span(doc.text, rows[0][1], last_end)
    return [
        Finding(name, role, org, "signatory", start, end, "people.signature_columns")
        for name, role, org in zip(names, roles_found, orgs, strict=True)
    ]


def _kind_for_standalone(doc: AnalyzedDocument, index: int) -> PersonKind:
    return "contact" if _is_contact_context(doc, index) else "signatory"


def _from_standalone_blocks(doc: AnalyzedDocument, index: int) -> Finding | None:
    """A paragraph that is only 'Name, role' or only a name over a role paragraph."""
    p = patterns()
    block = doc.blocks[index]
    text = doc.block_text(block).strip()
    whole = p.name_role.fullmatch(text.rstrip("."))
    if whole:
        return _finding(doc, whole, block.start, _kind_for_standalone(doc, index), "people.name_role_line")
    named = p.name.fullmatch(text)
    if not named or index + 1 >= len(doc.blocks):
        return None
    below = doc.blocks[index + 1]
    role_match = p.role_line.fullmatch(doc.block_text(below).strip())
    if not role_match:
        return None
    name = " ".join(named.group("name").split())
    if not is_person_name(name):
        return None
    org = role_match.group("org")
    start, end = trim_span(doc.text, block.start, below.end)
    return Finding(
        name,
        " ".join(role_match.group("role").split()),
        org,
        _kind_for_standalone(doc, index),
        start,
        end,
        "people.name_over_role",
    )


# "Kommunens trygghetssamordnare: …": the owner word before a role label.
ROLE_OWNER = re.compile(r"^(?:kommunens|polisens|stadens|regionens)\s+", re.IGNORECASE)


def _label_kind(doc: AnalyzedDocument, index: int, label: str) -> tuple[PersonKind, str | None] | None:
    """Who the people after a label are, and the organisation the label names."""
    p = patterns()
    if p.credit.match(label + ":"):
        return None
    if p.signing_label.fullmatch(label):
        return "signatory", None
    if p.contact_label.fullmatch(label):
        tail = label.split(None, 1)[1] if " " in label else ""
        named = p.label_organisation.fullmatch(tail)
        return "contact", named.group("org") if named else None
    if p.organisation_label.fullmatch(label):
        org = re.sub(r"^[Ff]ör\s+", "", label)
        if _is_signing_context(doc, index) or _after_place_and_date(doc, index):
            return "signatory", org
        # People listed by organisation with no signing in sight are the ones to contact.
        return "contact", org
    return None


def _role_label(label: str) -> tuple[str, str | None] | None:
    """'Kommunpolis', 'Kommunens trygghetssamordnare', 'Trygghetssamordnare Huddinge kommun':
    a label that is a role (and perhaps its organisation) -> (role, organisation)."""
    p = patterns()
    bare = ROLE_OWNER.sub("", label)
    named = p.role.match(bare)
    if named is None:
        return None
    rest = bare[named.end() :].strip(" ,")
    if rest and not p.label_organisation.fullmatch(rest):
        return None
    return " ".join(named.group("role").split()), rest or None


def _from_labelled_lines(doc: AnalyzedDocument, index: int) -> Iterator[Finding]:
    """'Undertecknat av: Name, role, org', 'Kontaktperson: Name, role, tel', 'Org: Name, role'."""
    p = patterns()
    block = doc.blocks[index]
    for line in p.label_line.finditer(doc.block_text(block)):
        label = " ".join(line.group("label").split())
        labelled = _label_kind(doc, index, label)
        role = None
        if labelled is None:
            role_and_org = _role_label(label)
            if role_and_org is None:
                continue
            role, org = role_and_org
            signing = _is_signing_context(doc, index) or _after_place_and_date(doc, index)
            labelled = ("signatory" if signing else "contact", org)
        kind, org = labelled
        start, end = block.start + line.start("rest"), block.start + line.end("rest")
        found = list(_people_in(doc, start, end, [], kind, "people.labelled_line"))
        if not found:
            found = list(_bare_names(doc, start, end, kind, "people.labelled_line"))
        for finding in found:
            if role and not finding.role:
                finding = replace(finding, role=role, rule="people.role_label")
            if org and not finding.organization:
                finding = replace(finding, organization=org)
            yield finding


def _bare_names(
    doc: AnalyzedDocument, start: int, end: int, kind: PersonKind, rule: str
) -> Iterator[Finding]:
    """Names without roles at ``start``, one after another: "Eva Lind och Per Nyström"."""
    p = patterns()
    text = doc.text[:end]
    position = start
    while True:
        named = p.name.match(text, position)
        if not named:
            return
        finding = _finding(doc, named, 0, kind, rule)
        if finding is None:
            return
        yield finding
        separator = p.name_separator.match(text, named.end())
        if not separator or separator.end() == named.end():
            return
        position = separator.end()


def _from_sentences(doc: AnalyzedDocument, credit_blocks: list[bool]) -> Iterator[Finding]:
    """Quotes, sentences that say who signed, and contact sentences inside prose."""
    p = patterns()
    index_of = {id(b): i for i, b in enumerate(doc.blocks)}
    contact_blocks: dict[int, bool] = {}
    credits_by_block: dict[int, list[tuple[int, int]]] = {}
    prefilter = _sentence_prefilter()
    for sentence in doc.sentences:
        block = sentence.block
        if block.kind in ("signature", "caption"):
            continue
        index = index_of[id(block)]
        if credit_blocks[index]:
            continue
        possible = prefilter.possible(sentence.text)
        if possible[0] and p.speech.search(sentence.text):
            kind: PersonKind | None = "spokesperson"
            rule = "people.quote"
        elif _mentions_signing(sentence.text, possible):
            kind, rule = "signatory", "people.signed_sentence"
        else:
            if index not in contact_blocks:
                contact_blocks[index] = _is_contact_context(doc, index)
            kind, rule = ("contact", "people.contact") if contact_blocks[index] else (None, "")
        if kind is None:
            continue
        if index not in credits_by_block:
            credits_by_block[index] = _credit_ranges(doc.text, block)
        credits = credits_by_block[index]
        found_any = False
        for finding in _people_in(doc, sentence.start, sentence.end, credits, kind, rule):
            found_any = True
            yield finding
        if kind == "spokesperson" and not found_any:
            yield from _bare_speaker(doc, sentence.start, sentence.text, credits)
        if kind == "signatory":
            for cue in p.bare_signer.finditer(doc.text, sentence.start, sentence.end):
                yield from _bare_names(doc, cue.end(), sentence.end, "signatory", rule)


def _bare_speaker(
    doc: AnalyzedDocument, offset: int, text: str, credits: list[tuple[int, int]]
) -> Iterator[Finding]:
    """'… säger Anna Berg.': a full name right after the speech verb, with no role."""
    p = patterns()
    for verb in p.speech.finditer(text):
        named = p.name.match(text, verb.end())
        if not named or any(cs <= offset + named.start() < ce for cs, ce in credits):
            continue
        finding = _finding(doc, named, offset, "spokesperson", "people.quote")
        if finding:
            yield finding


def _from_captions(doc: AnalyzedDocument) -> Iterator[Finding]:
    """Captions of the signing; short 'Name, role, phone' lines the cleaner took for captions."""
    for index, block in enumerate(doc.blocks):
        if block.kind != "caption":
            continue
        if _is_signing_context(doc, index):
            kind: PersonKind = "signatory"
            rule = "people.caption"
        elif _is_contact_context(doc, index):
            kind, rule = "contact", "people.contact"
        else:
            continue
        credits = _credit_ranges(doc.text, block)
        yield from _people_in(doc, block.start, block.end, credits, kind, rule)


def _all_findings(doc: AnalyzedDocument) -> Iterator[Finding]:
    credit_blocks = [_is_credit_block(doc, index) for index in range(len(doc.blocks))]
    run: list[int] = []
    for index, block in enumerate(doc.blocks):
        credit = credit_blocks[index]
        columns = [] if credit or block.kind == "caption" else _from_signature_columns(doc, index)
        if block.kind == "signature" and not credit and not columns:
            if not run and index > 0 and _is_column_head(doc, index - 1):
                run.append(index - 1)
            run.append(index)
            continue
        if run:
            yield from _from_signature_run(doc, run)
            run = []
        if credit:
            continue
        if columns:
            yield from columns
            continue
        if block.kind in ("paragraph", "list_item", "heading"):
            finding = _from_standalone_blocks(doc, index)
            if finding:
                yield finding
    if run:
        yield from _from_signature_run(doc, run)
    for index in range(len(doc.blocks)):
        if not credit_blocks[index]:
            yield from _from_labelled_lines(doc, index)
    yield from _from_captions(doc)
    yield from _from_sentences(doc, credit_blocks)


def _merge(findings: list[Finding]) -> list[Person]:
    """One person per name: the strongest kind wins, role and organisation fill in."""
    by_name: dict[str, Finding] = {}
    order: list[str] = []
    for finding in findings:
        key = finding.name.casefold()
        known = by_name.get(key)
        if known is None:
            by_name[key] = finding
            order.append(key)
            continue
        best = min(known, finding, key=lambda f: (KIND_PRIORITY[f.kind], f.start))
        other = finding if best is known else known
        by_name[key] = Finding(
            best.name,
            best.role or other.role,
            best.organization or other.organization,
            best.kind,
            best.start,
            best.end,
            best.rule,
        )
    people = [by_name[key] for key in order]
    people.sort(key=lambda f: f.start)
    return [
        Person(
            name=f.name,
            role=f.role,
            organization=f.organization,
            kind=f.kind,
            span=(f.start, f.end),
            rule=f.rule,
        )
        for f in people
    ]


def extract(doc: AnalyzedDocument) -> list[Person]:
    return _merge(list(_all_findings(doc)))

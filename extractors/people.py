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
- ``people.signed_sentence``: "Löftet undertecknades av kommunpolis Anna Berg och …";
- ``people.contact``: a name in a contact block ("höra av dig till: Steve Johansson, kommunpolis").

Roles come from ``roles.csv``, cue words from ``people.yaml``. A name needs a role or a
cue beside it: a bare capitalised pair of words is never a person. Photo credits, page
owners and web editors are skipped wherever they appear.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors.analysis import AnalyzedDocument
from extractors.municipalities import municipality_names
from extractors.names import HERE, LOWER, UPPER, load_rules, trim_span
from models import Block
from models.record import Person, PersonKind

RULES = "people.yaml"
ROLES = HERE / "roles.csv"
# How far (in blocks) a signing or contact cue reaches to the people it introduces.
CUE_REACH = 2
# A block longer than this is prose: a contact cue inside it does not make its names contacts.
SHORT_BLOCK_CHARS = 250
KIND_PRIORITY: dict[str, int] = {"signatory": 0, "spokesperson": 1, "contact": 2}


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


@cache
def roles() -> tuple[str, ...]:
    with ROLES.open(encoding="utf-8", newline="") as handle:
        found = [row["role"].strip() for row in csv.DictReader(handle) if row["role"].strip()]
    if not found:
        raise ValueError(f"{ROLES}: no roles")
    return tuple(sorted(found, key=len, reverse=True))


def _alternation(words: list[str]) -> str:
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def patterns() -> Patterns:
    rules = load_rules(RULES)
    part = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
    # Two to four capitalised words on one line; "von"/"af"/"de" may stand between.
    name = rf"{part}(?:[ ](?:(?:von|af|de|van|der)[ ])?{part}){{1,3}}"
    party = rules["party_letter_regex"]
    role = rf"(?i:{_alternation(list(roles()))})(?![{LOWER}])"
    # What stands after a role as its organisation: "Västerås", "i Arboga kommun",
    # "lokalpolisområde Västra Mälardalen", "Polisområde Fyrbodal".
    org_words = rf"[{UPPER}][\w\-/]*(?:[ ](?:[{UPPER}][\w\-/]*|kommun|stad))*"
    org = rf"(?:(?i:lokalpolisområde|polisområde|polisregion)[ ])?{org_words}"
    role_org = rf"(?P<role>{role})(?:,?[ ](?:(?:i|för|vid|på|inom)[ ])?(?P<org>{org}))?"
    return Patterns(
        name=re.compile(rf"(?P<name>{name})(?:[ ]*(?P<party>{party}))?"),
        role_name=re.compile(rf"(?P<role>{role})[ ,]+(?P<name>{name})(?:[ ]*(?P<party>{party}))?"),
        name_role=re.compile(rf"(?P<name>{name})(?:[ ]*(?P<party>{party}))?[ ]*(?:,|–|-)?[ ]*{role_org}"),
        speech=re.compile(rf"(?i:\b(?:{_alternation(rules['speech_verbs'])}))[ ]+"),
        signing=re.compile(rf"(?i:\b(?:{_alternation(rules['signing_cues'])}))"),
        contact=re.compile(rf"(?i:\b(?:{_alternation(rules['contact_cues'])}))"),
        contact_detail=re.compile(rf"(?i:(?:^|\b)(?:{_alternation(rules['contact_detail_cues'])}))"),
        credit=re.compile(rf"(?i:\b(?:{_alternation(rules['credit_prefixes'])})\s*:)"),
        party=re.compile(party),
        role_line=re.compile(rf"{role_org}[ ]*\.?"),
        role=re.compile(rf"(?P<role>{role})"),
        date_line=re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4}"),
    )


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
    return not is_person_name(org) or org.split()[-1].lower() in {"kommun", "stad"}


def _matches_in(
    doc: AnalyzedDocument, start: int, end: int, credits: list[tuple[int, int]]
) -> Iterator[tuple[re.Match[str], int]]:
    """Role-and-name matches in ``text[start:end]``, role-first ones winning overlaps."""
    text = doc.text[start:end]
    taken: list[tuple[int, int]] = []
    for pattern in (patterns().role_name, patterns().name_role):
        for match in pattern.finditer(text):
            s, e = start + match.start(), start + match.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if any(cs <= s < ce for cs, ce in credits):
                continue
            taken.append((s, e))
            yield match, start


def _has_cue(doc: AnalyzedDocument, pattern: re.Pattern[str], indexes: range) -> bool:
    for i in indexes:
        if 0 <= i < len(doc.blocks) and pattern.search(doc.block_text(doc.blocks[i])):
            return True
    return False


def _is_contact_context(doc: AnalyzedDocument, index: int) -> bool:
    p = patterns()
    block_text = doc.block_text(doc.blocks[index])
    if len(block_text) <= SHORT_BLOCK_CHARS and p.contact.search(block_text):
        return True
    if p.contact_detail.search(block_text):
        return True
    for i in range(index - CUE_REACH, index):
        if i < 0:
            continue
        above = doc.block_text(doc.blocks[i])
        if len(above) <= SHORT_BLOCK_CHARS and p.contact.search(above):
            return True
    if index + 1 < len(doc.blocks):
        below = doc.block_text(doc.blocks[index + 1])
        return bool(p.contact_detail.match(below))
    return False


def _is_signing_context(doc: AnalyzedDocument, index: int) -> bool:
    p = patterns()
    if _has_cue(doc, p.signing, range(index - CUE_REACH, index + CUE_REACH + 1)):
        return True
    title = next((b for b in doc.blocks if b.kind == "heading"), None)
    return title is not None and bool(p.signing.search(doc.block_text(title)))


def _from_signature_block(doc: AnalyzedDocument, block: Block) -> Finding | None:
    """Name over role over organisation; a 'Båstad 2016-12-13' line names nobody."""
    p = patterns()
    lines = doc.block_text(block).split("\n")
    first = lines[0].strip()
    whole = p.name_role.fullmatch(first)
    if whole:
        finding = _finding(doc, whole, block.start + lines[0].find(first), "signatory", "")
        if finding is None:
            return None
        org = lines[1].strip() if len(lines) > 1 else finding.organization
        start, end = trim_span(doc.text, block.start, block.end)
        return Finding(
            finding.name,
            finding.role,
            org or None,
            "signatory",
            start,
            end,
            "people.signature_block",
        )
    named = p.name.fullmatch(first)
    if not named or not is_person_name(" ".join(named.group("name").split())):
        return None
    role = lines[1].strip() if len(lines) > 1 else None
    if role and p.date_line.search(role):
        return None
    org = lines[2].strip() if len(lines) > 2 else None
    start, end = trim_span(doc.text, block.start, block.end)
    name = " ".join(named.group("name").split())
    return Finding(name, role or None, org or None, "signatory", start, end, "people.signature_block")


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
        rows = [(doc.block_text(b), b.start, b.end) for b in doc.blocks[index : index + 3]]
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
    kind = _kind_for_standalone(doc, index)
    if whole:
        return _finding(doc, whole, block.start, kind, "people.name_role_line")
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
        kind,
        start,
        end,
        "people.name_over_role",
    )


def _from_sentences(doc: AnalyzedDocument) -> Iterator[Finding]:
    """Quotes, sentences that say who signed, and contact sentences inside prose."""
    p = patterns()
    index_of = {id(b): i for i, b in enumerate(doc.blocks)}
    for sentence in doc.sentences:
        block = sentence.block
        if block.kind in ("signature", "caption"):
            continue
        index = index_of[id(block)]
        if _is_credit_block(doc, index):
            continue
        credits = _credit_ranges(doc.text, block)
        if p.speech.search(sentence.text):
            kind: PersonKind | None = "spokesperson"
            rule = "people.quote"
        elif p.signing.search(sentence.text):
            kind, rule = "signatory", "people.signed_sentence"
        elif _is_contact_context(doc, index):
            kind, rule = "contact", "people.contact"
        else:
            kind = None
        if kind is None:
            continue
        found_any = False
        for match, offset in _matches_in(doc, sentence.start, sentence.end, credits):
            finding = _finding(doc, match, offset, kind, rule)
            if finding:
                found_any = True
                yield finding
        if kind == "spokesperson" and not found_any:
            yield from _bare_speaker(doc, sentence.start, sentence.text, credits)


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
    for index, block in enumerate(doc.blocks):
        if block.kind != "caption" or not _is_signing_context(doc, index):
            continue
        credits = _credit_ranges(doc.text, block)
        for match, offset in _matches_in(doc, block.start, block.end, credits):
            finding = _finding(doc, match, offset, "signatory", "people.caption")
            if finding:
                yield finding


def _all_findings(doc: AnalyzedDocument) -> Iterator[Finding]:
    for index, block in enumerate(doc.blocks):
        if _is_credit_block(doc, index):
            continue
        columns = _from_signature_columns(doc, index) if block.kind != "caption" else []
        if columns:
            yield from columns
            continue
        if block.kind == "signature":
            finding = _from_signature_block(doc, block)
        elif block.kind in ("paragraph", "list_item", "heading"):
            finding = _from_standalone_blocks(doc, index)
        else:
            finding = None
        if finding:
            yield finding
    yield from _from_captions(doc)
    yield from _from_sentences(doc)


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

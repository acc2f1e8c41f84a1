"""The promise record: the pipeline's public output contract (../shared/SCHEMA.md).

Fields may be added; none may be renamed or dropped without bumping SCHEMA_VERSION.
Every span is ``[start, end)`` into ``text``; every item names the rule that made it.
"""

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"

Span = tuple[int, int]
PoliceLevel = Literal["local_police_area", "police_area", "police_region", "national"]
PersonKind = Literal["signatory", "spokesperson", "contact"]
Actor = Literal["police", "municipality", "joint", "unspecified"]
Cadence = Literal["continuous", "monthly", "quarterly", "tertial", "semiannual", "annual"]
ValidityField = Literal["valid_from", "valid_to", "extended_to", "signed_on"]


class SourceRef(BaseModel):
    path: str
    url: str | None = None
    publisher: Literal["police", "municipality", "other"] | None = None
    fetched_at: str | None = None
    sha256: str


class Municipality(BaseModel):
    name: str
    code: str = Field(pattern=r"^\d{4}$")
    county: str
    span: Span
    rule: str


class PoliceUnit(BaseModel):
    name: str
    level: PoliceLevel
    span: Span
    rule: str


class Person(BaseModel):
    name: str
    role: str | None = None
    organization: str | None = None
    kind: PersonKind
    span: Span
    rule: str


class Evidence(BaseModel):
    field: ValidityField
    span: Span
    rule: str


class Validity(BaseModel):
    valid_from: str | None = None
    valid_to: str | None = None
    extended_to: str | None = None
    signed_on: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class FollowUp(BaseModel):
    cadence: Cadence | None = None
    span: Span | None = None
    rule: str | None = None


class FocusArea(BaseModel):
    text: str
    span: Span
    rule: str


class Commitment(BaseModel):
    text: str
    actor: Actor
    heading: str | None = None
    span: Span
    rule: str


class Place(BaseModel):
    name: str
    span: Span
    rule: str


class PromiseRecord(BaseModel):
    id: str
    schema_version: str = SCHEMA_VERSION
    source: SourceRef
    title: str | None = None
    text: str
    municipalities: list[Municipality] = Field(default_factory=list)
    police_units: list[PoliceUnit] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    validity: Validity = Field(default_factory=Validity)
    follow_up: FollowUp = Field(default_factory=FollowUp)
    focus_areas: list[FocusArea] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

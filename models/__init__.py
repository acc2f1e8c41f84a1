"""Pydantic models shared by every stage: what flows from fetch to load."""

from models.document import Block, BlockKind, Document
from models.record import (
    Commitment,
    Evidence,
    FocusArea,
    FollowUp,
    Municipality,
    Person,
    Place,
    PoliceUnit,
    PromiseRecord,
    SourceRef,
    Validity,
)
from models.snapshot import Snapshot
from models.source import Source

__all__ = [
    "Block",
    "BlockKind",
    "Commitment",
    "Document",
    "Evidence",
    "FocusArea",
    "FollowUp",
    "Municipality",
    "Person",
    "Place",
    "PoliceUnit",
    "PromiseRecord",
    "Snapshot",
    "Source",
    "SourceRef",
    "Validity",
]

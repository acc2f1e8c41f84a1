"""``medborgarloften explain``: blocks of the cleaned text, each with its findings and rules."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.clean import CleanError
from pipeline.explain import explain
from tests.pipeline.conftest import RAW


def test_blocks_come_with_their_findings_and_rules() -> None:
    bastad = next(RAW.glob("polisen.se/medborgarlofte-i-bastad.*.txt"))
    out = io.StringIO()
    assert explain(bastad, out=out) == 0
    shown = out.getvalue()
    assert "# validity: 2017-01-01 .. 2017-12-31 (extended_to 2018-12-31, signed_on 2016-12-13)" in shown
    assert "[signature]" in shown and "Bo Wendt / Kommunstyrelsens ordförande / Båstads kommun" in shown
    assert "-> person: Bo Wendt, Kommunstyrelsens ordförande, Båstads kommun [signatory]   <people." in shown
    assert "-> validity.extended_to: 2018-12-31   <validity.extension.year_inferred>" in shown


def test_an_unusable_file_is_a_clean_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CleanError, match="empty"):
        explain(empty, out=io.StringIO())

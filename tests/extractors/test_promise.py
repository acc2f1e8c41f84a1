"""Is a document a promise at all? The standard box and passing mentions are not.

Every input goes through the real cleaner and the real spaCy pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import analyze, municipalities, police_units
from extractors.analysis import AnalyzedDocument
from extractors.promise import box_blocks, cues, is_promise
from pipeline.build import record_for_file
from pipeline.clean import clean

EVENT_PAGE = (
    "Träffa polisen på Kalmar stadsbibliotek\n\n"
    "Onsdag 15 mars 2023 klockan 13–16 finns polisen på Kalmar stadsbibliotek för att prata om bedrägerier.\n\n"
    "Evenemanget arrangeras av lokalpolisområde Kalmar tillsammans med Kalmar kommuns äldreomsorg.\n\n"
    "Medborgarlöfte och lokal problembild\n"
    "Polisen och kommunen arbetar tillsammans för att öka tryggheten. Det gör vi bland annat genom "
    "medborgarlöften, där vi lovar att genomföra konkreta aktiviteter utifrån den lokala problembilden.\n\n"
    "Läs mer om medborgarlöften\n"
)


def analysed(text: str) -> AnalyzedDocument:
    return analyze(clean(text.encode("utf-8")))


def test_an_event_page_with_the_standard_box_is_no_promise_and_names_no_parties() -> None:
    doc = analysed(EVENT_PAGE)
    assert municipalities.extract(doc) == []
    assert police_units.extract(doc) == []
    assert not is_promise(doc)
    assert doc.warnings.count(cues().warning) == 1
    assert cues().warning == "no promise found in this document"


def test_the_standard_box_is_its_heading_section_and_the_read_more_line() -> None:
    doc = analysed(EVENT_PAGE)
    boxed = [doc.block_text(doc.blocks[i]) for i in sorted(box_blocks(doc))]
    assert boxed[0] == "Medborgarlöfte och lokal problembild"
    assert boxed[-1] == "Läs mer om medborgarlöften"
    assert not any(text.startswith("Evenemanget") for text in boxed)


def test_a_promise_page_that_also_carries_the_box_keeps_its_parties() -> None:
    text = (
        "Kalmar – medborgarlöfte 2023\n\n"
        "Lokalpolisområde Kalmar och Kalmar kommun har tecknat ett medborgarlöfte för 2023.\n\n"
        "Polisen ska genomföra trafikkontroller vid skolorna varje vecka.\n\n"
        + EVENT_PAGE.split("\n\n", 3)[3]
    )
    doc = analysed(text)
    assert is_promise(doc)
    assert [m.name for m in municipalities.extract(doc)] == ["Kalmar"]
    assert [u.name for u in police_units.extract(doc)] == ["Lokalpolisområde Kalmar"]
    assert cues().warning not in doc.warnings


def test_a_promise_without_the_word_in_a_heading_is_known_by_its_commitments() -> None:
    text = (
        "Trygghet i Tibro\n\n"
        "Tibro kommun och lokalpolisområde Skövde har gått samman kring trygghetsfrågorna.\n\n"
        "Polisen kommer att genomföra trygghetsvandringar i centrum under hösten.\n\n"
        "Löftet handlar om tryggheten i centrum.\n"
    )
    doc = analysed(text)
    assert is_promise(doc)
    assert [m.name for m in municipalities.extract(doc)] == ["Tibro"]


@pytest.mark.parametrize("period", ["", "Arbetet gäller från 1 januari 2024 till 31 december 2024.\n\n"])
def test_commitments_on_a_page_that_never_speaks_of_a_promise_need_a_period_or_focus_areas(
    period: str,
) -> None:
    text = (
        "Trygghet i Tibro\n\n"
        "Tibro kommun och lokalpolisområde Skövde har gått samman kring trygghetsfrågorna.\n\n"
        f"{period}Polisen kommer att genomföra trygghetsvandringar i centrum under hösten.\n"
    )
    assert is_promise(analysed(text)) == bool(period)


NEWS_ITEM = (
    "Fler poliser i Ronneby under marknadsveckan\n\n"
    "När tusentals besökare kommer till Ronneby marknad förstärker polisen sin närvaro i staden. "
    "Polisen kommer att finnas på marknadsområdet och vid Kallinge station under hela veckan.\n\n"
    "Ronneby kommun ska under veckan sätta in extra bussar mellan Brunnsparken och resecentrum.\n\n"
    "– Vi vill att alla ska kunna ha en trevlig marknad, säger kommunpolis Sara Ek.\n"
)


def test_a_promise_mentioned_only_by_a_quoted_speaker_does_not_make_a_news_item_one() -> None:
    text = NEWS_ITEM.replace(
        "– Vi vill att alla ska kunna ha en trevlig marknad, säger kommunpolis Sara Ek.",
        "– Synpunkterna kan bli grunden för ett medborgarlöfte, säger kommunpolis Sara Ek.",
    )
    assert "medborgarlöfte" in text
    assert not is_promise(analysed(text))
    assert is_promise(analysed(text + "\nDetta är kommunens och polisens medborgarlöfte för 2024.\n"))


def test_a_police_news_item_with_plans_is_no_promise_and_its_record_states_nothing(tmp_path: Path) -> None:
    assert not is_promise(analysed(NEWS_ITEM))
    path = tmp_path / "ronneby-marknad.txt"
    path.write_text(NEWS_ITEM, encoding="utf-8")
    record = record_for_file(path)
    assert record.warnings == [cues().warning]
    assert (record.municipalities, record.police_units, record.people, record.commitments,
            record.places, record.focus_areas) == ([], [], [], [], [], [])
    assert record.validity.valid_from is None and record.follow_up.cadence is None
    assert record.text.startswith("Fler poliser i Ronneby")


def test_a_passing_mention_in_a_news_item_is_no_promise() -> None:
    text = (
        "Polisen besökte pensionärsföreningen\n\n"
        "I tisdags besökte kommunpolisen i Vetlanda pensionärsföreningen för att prata om bedrägerier. "
        "Besöket är en del av arbetet med medborgarlöften i Vetlanda kommun.\n"
    )
    doc = analysed(text)
    assert not is_promise(doc)
    assert municipalities.extract(doc) == []


def test_the_verdict_is_reached_once_per_document() -> None:
    doc = analysed(EVENT_PAGE)
    municipalities.extract(doc)
    police_units.extract(doc)
    assert doc.warnings.count(cues().warning) == 1


SUMMER_OPERATION = (
    "Fler poliser i Borgholm i sommar\n\n"
    "Under juli kommer polisen att ha fler poliser i tjänst i Borgholm. Fokus ligger på ordningen i "
    "hamnen och på trafiken över Ölandsbron.\n\n"
    "Borgholms kommun kommer att ha ordningsvakter i hamnen under helgerna. Insatsen är en del av det "
    "arbete som polisen gör tillsammans med kommunen, bland annat {mention}.\n"
)


@pytest.mark.parametrize("mention", ["inom ramen för medborgarlöftet",
                                     "inom ramen för medborgarlöftet för 2025",
                                     "som en del av medborgarlöftet"])
def test_an_operation_framed_by_the_promise_is_no_promise(mention: str) -> None:
    """A news item's plans and its 'Fokus ligger på …' are an operation's, not a promise's."""
    doc = analysed(SUMMER_OPERATION.format(mention=mention))
    assert not is_promise(doc)
    assert municipalities.extract(doc) == []


def test_an_operation_page_that_states_its_own_promise_is_one() -> None:
    text = SUMMER_OPERATION.format(mention="inom ramen för medborgarlöftet")
    assert is_promise(analysed(text + "\nLöftet gäller under 2025.\n"))
    assert is_promise(analysed(text.replace("bland annat inom ramen för medborgarlöftet",
                                            "och det här är vårt medborgarlöfte")))


WALK_REPORT = (
    "Trygghetsvandring i Nyhem gav många synpunkter\n\n"
    "I tisdags gick ett trettiotal boende och poliser en trygghetsvandring i Nyhem.\n\n"
    "Kommunen kommer att beskära buskarna längs gångvägen till skolan redan i höst.\n\n"
    "{sentence}\n"
)


def test_agreed_in_the_promise_names_another_page_and_its_year_is_no_period() -> None:
    text = WALK_REPORT.format(sentence="Trygghetsvandringar är en av de aktiviteter som kommunen och "
                              "polisen har kommit överens om i medborgarlöftet för 2026.")
    assert not is_promise(analysed(text))


@pytest.mark.parametrize("sentence", [
    "Kommunen och polisen har kommit överens om ett nytt medborgarlöfte för 2026.",
    "Kommunen och polisen har i dag tecknat medborgarlöftet för 2026.",
])
def test_agreeing_on_a_promise_states_one(sentence: str) -> None:
    assert is_promise(analysed(WALK_REPORT.format(sentence=sentence)))


def test_one_of_the_activities_in_the_promise_is_a_passing_mention() -> None:
    text = WALK_REPORT.format(sentence="Trygghetsvandringen är en av aktiviteterna i medborgarlöftet mellan "
                              "kommunen och polisen.")
    assert not is_promise(analysed(text))
    assert is_promise(analysed(text + "\nDet här är kommunens och polisens medborgarlöfte för 2026.\n"))
